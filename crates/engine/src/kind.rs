//! The one registry of resource kinds: every kind of resource a scenario holds, in document
//! order, with the words and names that go with each (its JSON list, its AWS id prefix, how a
//! message or a form names it).
//!
//! Every other part of the engine and the app that needs "what kind of thing is this id"
//! uses this enum: the loader's reference checks, the resolved index, trace hops, the
//! editor and the canvas. Adding a kind starts here (see ARCHITECTURE.md, "Adding a
//! resource kind").

use serde::{Deserialize, Serialize};

/// What an id names. Gateway and interface endpoints share the `vpc_endpoints` list but
/// behave differently everywhere (routes versus addresses), so they are two kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Vpc,
    Subnet,
    RouteTable,
    Instance,
    InternetGateway,
    NatGateway,
    Peering,
    GatewayEndpoint,
    InterfaceEndpoint,
    VpnGateway,
    CustomerGateway,
    VpnConnection,
    DxConnection,
    DxVif,
    OnpremNetwork,
    OnpremHost,
    InternetHost,
    /// Format 2.
    SecurityGroup,
    /// Format 2.
    NetworkAcl,
    /// Format 2.
    TransitGateway,
    /// Format 2: a VPC, VPN or peering attachment of a transit gateway.
    TgwAttachment,
    /// Format 2.
    TgwRouteTable,
}

impl Kind {
    /// Every kind, in the document order of their lists.
    pub const ALL: [Kind; 22] = [
        Kind::Vpc,
        Kind::Subnet,
        Kind::RouteTable,
        Kind::Instance,
        Kind::InternetGateway,
        Kind::NatGateway,
        Kind::Peering,
        Kind::GatewayEndpoint,
        Kind::InterfaceEndpoint,
        Kind::VpnGateway,
        Kind::CustomerGateway,
        Kind::VpnConnection,
        Kind::DxConnection,
        Kind::DxVif,
        Kind::OnpremNetwork,
        Kind::OnpremHost,
        Kind::InternetHost,
        Kind::SecurityGroup,
        Kind::NetworkAcl,
        Kind::TransitGateway,
        Kind::TgwAttachment,
        Kind::TgwRouteTable,
    ];

    /// The top-level JSON list that holds this kind (on-prem hosts sit inside
    /// `onprem_networks[].hosts`).
    pub fn list(self) -> &'static str {
        match self {
            Kind::Vpc => "vpcs",
            Kind::Subnet => "subnets",
            Kind::RouteTable => "route_tables",
            Kind::Instance => "instances",
            Kind::InternetGateway => "internet_gateways",
            Kind::NatGateway => "nat_gateways",
            Kind::Peering => "peering_connections",
            Kind::GatewayEndpoint | Kind::InterfaceEndpoint => "vpc_endpoints",
            Kind::VpnGateway => "vpn_gateways",
            Kind::CustomerGateway => "customer_gateways",
            Kind::VpnConnection => "vpn_connections",
            Kind::DxConnection => "dx_connections",
            Kind::DxVif => "dx_virtual_interfaces",
            Kind::OnpremNetwork | Kind::OnpremHost => "onprem_networks",
            Kind::InternetHost => "internet_hosts",
            Kind::SecurityGroup => "security_groups",
            Kind::NetworkAcl => "network_acls",
            Kind::TransitGateway => "transit_gateways",
            Kind::TgwAttachment => "transit_gateway_attachments",
            Kind::TgwRouteTable => "transit_gateway_route_tables",
        }
    }

    /// The word a form or a list shows (`Route table`).
    pub fn label(self) -> &'static str {
        match self {
            Kind::Vpc => "VPC",
            Kind::Subnet => "Subnet",
            Kind::RouteTable => "Route table",
            Kind::Instance => "Instance",
            Kind::InternetGateway => "Internet gateway",
            Kind::NatGateway => "NAT gateway",
            Kind::Peering => "Peering connection",
            Kind::GatewayEndpoint => "Gateway endpoint",
            Kind::InterfaceEndpoint => "Interface endpoint",
            Kind::VpnGateway => "VPN gateway",
            Kind::CustomerGateway => "Customer gateway",
            Kind::VpnConnection => "VPN connection",
            Kind::DxConnection => "Direct Connect connection",
            Kind::DxVif => "Direct Connect virtual interface",
            Kind::OnpremNetwork => "On-premises network",
            Kind::OnpremHost => "On-premises host",
            Kind::InternetHost => "Internet host",
            Kind::SecurityGroup => "Security group",
            Kind::NetworkAcl => "Network ACL",
            Kind::TransitGateway => "Transit gateway",
            Kind::TgwAttachment => "Transit gateway attachment",
            Kind::TgwRouteTable => "Transit gateway route table",
        }
    }

    /// How a sentence names one of this kind (`a route table`).
    pub fn article_name(self) -> &'static str {
        match self {
            Kind::Vpc => "a VPC",
            Kind::Subnet => "a subnet",
            Kind::RouteTable => "a route table",
            Kind::Instance => "an instance",
            Kind::InternetGateway => "an internet gateway",
            Kind::NatGateway => "a NAT gateway",
            Kind::Peering => "a peering connection",
            Kind::GatewayEndpoint => "a gateway endpoint",
            Kind::InterfaceEndpoint => "an interface endpoint",
            Kind::VpnGateway => "a VPN gateway",
            Kind::CustomerGateway => "a customer gateway",
            Kind::VpnConnection => "a VPN connection",
            Kind::DxConnection => "a Direct Connect connection",
            Kind::DxVif => "a Direct Connect virtual interface",
            Kind::OnpremNetwork => "an on-premises network",
            Kind::OnpremHost => "an on-premises host",
            Kind::InternetHost => "an internet host",
            Kind::SecurityGroup => "a security group",
            Kind::NetworkAcl => "a network ACL",
            Kind::TransitGateway => "a transit gateway",
            Kind::TgwAttachment => "a transit gateway attachment",
            Kind::TgwRouteTable => "a transit gateway route table",
        }
    }

    /// The kind of a VPC endpoint of this type.
    pub fn of_endpoint(t: crate::model::EndpointType) -> Kind {
        match t {
            crate::model::EndpointType::Gateway => Kind::GatewayEndpoint,
            crate::model::EndpointType::Interface => Kind::InterfaceEndpoint,
        }
    }

    /// The id prefix AWS uses for this kind (`rtb`); the playground's own for on-prem and
    /// internet hosts. Both endpoint kinds are `vpce`, as in AWS.
    pub fn id_prefix(self) -> &'static str {
        match self {
            Kind::Vpc => "vpc",
            Kind::Subnet => "subnet",
            Kind::RouteTable => "rtb",
            Kind::Instance => "i",
            Kind::InternetGateway => "igw",
            Kind::NatGateway => "nat",
            Kind::Peering => "pcx",
            Kind::GatewayEndpoint | Kind::InterfaceEndpoint => "vpce",
            Kind::VpnGateway => "vgw",
            Kind::CustomerGateway => "cgw",
            Kind::VpnConnection => "vpn",
            Kind::DxConnection => "dxcon",
            Kind::DxVif => "dxvif",
            Kind::OnpremNetwork => "onprem",
            Kind::OnpremHost => "host",
            Kind::InternetHost => "inet",
            Kind::SecurityGroup => "sg",
            Kind::NetworkAcl => "acl",
            Kind::TransitGateway => "tgw",
            Kind::TgwAttachment => "tgw-attach",
            Kind::TgwRouteTable => "tgw-rtb",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Kind;

    #[test]
    fn all_lists_every_kind_once_in_document_order() {
        // A kind missing from ALL would be skipped by every consumer that iterates it: the
        // match below fails to compile when a variant is added, and the count must follow.
        let position = |k: Kind| match k {
            Kind::Vpc => 0,
            Kind::Subnet => 1,
            Kind::RouteTable => 2,
            Kind::Instance => 3,
            Kind::InternetGateway => 4,
            Kind::NatGateway => 5,
            Kind::Peering => 6,
            Kind::GatewayEndpoint => 7,
            Kind::InterfaceEndpoint => 8,
            Kind::VpnGateway => 9,
            Kind::CustomerGateway => 10,
            Kind::VpnConnection => 11,
            Kind::DxConnection => 12,
            Kind::DxVif => 13,
            Kind::OnpremNetwork => 14,
            Kind::OnpremHost => 15,
            Kind::InternetHost => 16,
            Kind::SecurityGroup => 17,
            Kind::NetworkAcl => 18,
            Kind::TransitGateway => 19,
            Kind::TgwAttachment => 20,
            Kind::TgwRouteTable => 21,
        };
        for (i, k) in Kind::ALL.iter().enumerate() {
            assert_eq!(position(*k), i, "{k:?} out of place in Kind::ALL");
        }
    }

    #[test]
    fn lists_are_the_documents_keys() {
        // The document's own key order (model::Scenario) with endpoints and on-prem hosts
        // folded into their lists.
        let mut lists: Vec<&str> = Kind::ALL.iter().map(|k| k.list()).collect();
        lists.dedup();
        assert_eq!(
            lists,
            [
                "vpcs",
                "subnets",
                "route_tables",
                "instances",
                "internet_gateways",
                "nat_gateways",
                "peering_connections",
                "vpc_endpoints",
                "vpn_gateways",
                "customer_gateways",
                "vpn_connections",
                "dx_connections",
                "dx_virtual_interfaces",
                "onprem_networks",
                "internet_hosts",
                "security_groups",
                "network_acls",
                "transit_gateways",
                "transit_gateway_attachments",
                "transit_gateway_route_tables",
            ]
        );
    }
}
