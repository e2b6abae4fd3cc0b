//! The AWS documentation pages behind each rule the engine applies.
//!
//! Every explanation a learner reads links one of these, so the rule can be checked at its
//! source (`docs/scenario-format.md` links each rule to its page).

pub const PEERING_LIFECYCLE: &str =
    "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-lifecycle";
pub const PEERING_CREATE: &str =
    "https://docs.aws.amazon.com/vpc/latest/peering/create-vpc-peering-connection.html";
pub const PEERING_INVALID: &str =
    "https://docs.aws.amazon.com/vpc/latest/peering/invalid-peering-configurations.html";
pub const PEERING_PARTIAL_ACCESS: &str =
    "https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html";
pub const PEERING_SECURITY_GROUPS: &str =
    "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html";
pub const REACHABILITY_CODES: &str =
    "https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html";
pub const VPC_QUOTAS: &str = "https://docs.aws.amazon.com/general/latest/gr/vpc-service.html";
pub const ROUTE_PRIORITY: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html";
pub const VPN_ROUTE_PRIORITY: &str =
    "https://docs.aws.amazon.com/vpn/latest/s2svpn/vpn-route-priority.html";
pub const ROUTE_API: &str = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Route.html";
pub const ROUTE_TABLES: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html";
pub const SUBNET_SIZING: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html";
pub const VPC_CIDR_BLOCKS: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html";
pub const INTERNET_GATEWAY: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html";
pub const NAT_GATEWAY: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html";
pub const GATEWAY_ENDPOINT_S3: &str =
    "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html";
pub const GATEWAY_ENDPOINT_DDB: &str =
    "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-ddb.html";
pub const INTERFACE_ENDPOINT: &str =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html";
pub const ENDPOINT_POLICY: &str =
    "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html";
pub const VPN_TUNNELS: &str = "https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html";
pub const VPN_ROUTING: &str = "https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html";
pub const DX_VIFS: &str =
    "https://docs.aws.amazon.com/directconnect/latest/UserGuide/WorkingWithVirtualInterfaces.html";
pub const DX_ROUTING: &str =
    "https://docs.aws.amazon.com/directconnect/latest/UserGuide/routing-and-bgp.html";
pub const DX_GATEWAY: &str =
    "https://docs.aws.amazon.com/directconnect/latest/UserGuide/direct-connect-gateways-intro.html";
pub const AWS_IP_RANGES: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/aws-ip-ranges.html";
pub const SECURITY_GROUPS: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html";
pub const NETWORK_ACLS: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html";
pub const NACL_EPHEMERAL_PORTS: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html";
pub const DEFAULT_SECURITY_GROUP: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html";
/// Transit gateways (format 2, `docs/scenario-format.md` T5-T9).
pub const TGW_HOW_IT_WORKS: &str =
    "https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html";
pub const TGW_ROUTE_TABLES: &str =
    "https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html";
pub const TGW_VPC_ATTACHMENTS: &str =
    "https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html";
pub const TGW_PEERING: &str = "https://docs.aws.amazon.com/vpc/latest/tgw/tgw-peering.html";
pub const TGW_NACLS: &str = "https://docs.aws.amazon.com/vpc/latest/tgw/tgw-nacls.html";
pub const TGW_VPN_ATTACHMENTS: &str =
    "https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpn-attachments.html";
pub const TGW_CENTRALIZED_EGRESS: &str =
    "https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-nat-igw.html";
