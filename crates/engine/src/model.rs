//! The scenario model: scenario formats 1 and 2 (`vpc-playground/1`, `/2`) as plain Rust
//! data; format 2's filters (security groups, network ACLs, N2-N3) live in `model/filters.rs`.
//!
//! These types mirror `docs/scenario-format.md` (D4, N1-N4) key for key: every struct denies
//! unknown keys, optional fields carry the format's defaults, and empty lists are left out when
//! a scenario is written back. The types hold data only; loading (with reference checks and
//! JSON paths in errors) lives in `load`, rules in `validate`, forwarding in `trace`.

use crate::addr::{Cidr, Ip};
use crate::kind::Kind;
use crate::packet::{Port, Protocol};
use serde::{Deserialize, Serialize};

mod filters;
mod tgw;
pub use filters::*;
pub use tgw::*;

/// The format a new, empty scenario is written in (a format 1 document models no
/// filtering; `upgrade` turns it into format 2, N7).
pub const FORMAT: Format = Format::V1;

/// The account a VPC belongs to when the document names none.
pub const DEFAULT_ACCOUNT: &str = "000000000000";

fn is_false(b: &bool) -> bool {
    !*b
}
fn is_true(b: &bool) -> bool {
    *b
}
fn yes() -> bool {
    true
}
pub(crate) fn default_account() -> String {
    DEFAULT_ACCOUNT.to_string()
}
pub(crate) fn is_default_account(a: &String) -> bool {
    a == DEFAULT_ACCOUNT
}

/// One whole scenario document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub format: Format,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpcs: Vec<Vpc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<Subnet>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route_tables: Vec<RouteTable>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instances: Vec<Instance>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub internet_gateways: Vec<InternetGateway>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nat_gateways: Vec<NatGateway>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub peering_connections: Vec<PeeringConnection>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpc_endpoints: Vec<VpcEndpoint>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpn_gateways: Vec<VpnGateway>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub customer_gateways: Vec<CustomerGateway>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpn_connections: Vec<VpnConnection>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dx_connections: Vec<DxConnection>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dx_virtual_interfaces: Vec<DxVirtualInterface>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub onprem_networks: Vec<OnpremNetwork>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub internet_hosts: Vec<InternetHost>,
    /// Format 2 (N2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<SecurityGroup>,
    /// Format 2 (N3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub network_acls: Vec<NetworkAcl>,
    /// Format 2 (N8).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transit_gateways: Vec<TransitGateway>,
    /// Format 2 (N9).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transit_gateway_attachments: Vec<TgwAttachment>,
    /// Format 2 (N10).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transit_gateway_route_tables: Vec<TgwRouteTable>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson: Option<Lesson>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vpc {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(
        default = "default_account",
        skip_serializing_if = "is_default_account"
    )]
    pub account: String,
    pub region: String,
    /// The first is the primary block, the rest secondary blocks.
    pub cidrs: Vec<Cidr>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subnet {
    pub id: String,
    pub vpc: String,
    /// Availability Zone; `None` means the region's `a` zone (see [`Scenario::subnet_az`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub az: Option<String>,
    pub cidr: Cidr,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteTable {
    pub id: String,
    pub vpc: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub main: bool,
    /// Explicit subnet associations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    /// VPN gateway ids whose routes propagate into this table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub propagating_gateways: Vec<String>,
    /// Static routes. The `local` routes and gateway-endpoint prefix-list routes are implicit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<Route>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub destination: Cidr,
    /// Id of an internet gateway, NAT gateway, peering connection, VPN gateway or gateway endpoint.
    pub target: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instance {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub subnet: String,
    pub private_ip: Ip,
    #[serde(default)]
    pub public_ip: Option<Ip>,
    /// Format 2: its network interface's security groups; empty means its VPC's default
    /// group (N4.1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InternetGateway {
    pub id: String,
    /// `None`: detached; routes to it are blackholes.
    pub vpc: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NatGateway {
    pub id: String,
    pub subnet: String,
    pub private_ip: Ip,
    pub public_ip: Ip,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Peering connection states, as AWS names them.
/// <https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-lifecycle>
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeeringStatus {
    InitiatingRequest,
    PendingAcceptance,
    Active,
    Rejected,
    Expired,
    Failed,
    Deleted,
}

impl PeeringStatus {
    pub const ALL: [PeeringStatus; 7] = [
        PeeringStatus::InitiatingRequest,
        PeeringStatus::PendingAcceptance,
        PeeringStatus::Active,
        PeeringStatus::Rejected,
        PeeringStatus::Expired,
        PeeringStatus::Failed,
        PeeringStatus::Deleted,
    ];
    /// The JSON spelling (`pending-acceptance`).
    pub fn as_str(&self) -> &'static str {
        match self {
            PeeringStatus::InitiatingRequest => "initiating-request",
            PeeringStatus::PendingAcceptance => "pending-acceptance",
            PeeringStatus::Active => "active",
            PeeringStatus::Rejected => "rejected",
            PeeringStatus::Expired => "expired",
            PeeringStatus::Failed => "failed",
            PeeringStatus::Deleted => "deleted",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeeringConnection {
    pub id: String,
    pub requester: String,
    pub accepter: String,
    pub status: PeeringStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EndpointType {
    Gateway,
    Interface,
}

impl EndpointType {
    /// The resource kind of an endpoint of this type.
    pub fn resource_kind(self) -> Kind {
        match self {
            EndpointType::Gateway => Kind::GatewayEndpoint,
            EndpointType::Interface => Kind::InterfaceEndpoint,
        }
    }
}

/// An endpoint policy: `"full"`, or `{"allow": [ARNs]}`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Policy {
    #[default]
    Full,
    Allow(Vec<String>),
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AllowList {
    allow: Vec<String>,
}

impl Serialize for Policy {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Policy::Full => s.serialize_str("full"),
            Policy::Allow(arns) => AllowList {
                allow: arns.clone(),
            }
            .serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Policy {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let v = serde_json::Value::deserialize(d)?;
        match v {
            serde_json::Value::String(s) if s == "full" => Ok(Policy::Full),
            serde_json::Value::Object(_) => serde_json::from_value::<AllowList>(v)
                .map(|a| Policy::Allow(a.allow))
                .map_err(|e| {
                    D::Error::custom(format!(
                        "a policy is \"full\" or {{\"allow\": [ARNs]}}: {e}"
                    ))
                }),
            other => Err(D::Error::custom(format!(
                "{other} is not a policy: expected \"full\" or {{\"allow\": [ARNs]}}"
            ))),
        }
    }
}

fn is_full(p: &Policy) -> bool {
    *p == Policy::Full
}

/// A gateway endpoint (S3, DynamoDB: `route_tables`) or an interface endpoint
/// (`subnets`, `private_ips` one per subnet, `private_dns`). One flat struct so the
/// editor can switch the type without losing fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VpcEndpoint {
    pub id: String,
    pub vpc: String,
    #[serde(rename = "type")]
    pub kind: EndpointType,
    /// `com.amazonaws.REGION.SERVICE`
    pub service: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route_tables: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub private_ips: Vec<Ip>,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub private_dns: bool,
    #[serde(default, skip_serializing_if = "is_full")]
    pub policy: Policy,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Format 2, interface endpoints only: the security groups of its network interfaces;
    /// empty means its VPC's default group (N4.1). A gateway endpoint has none (load error).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VpnGateway {
    pub id: String,
    /// `None`: detached; routes to it are blackholes.
    pub vpc: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asn: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerGateway {
    pub id: String,
    /// The customer gateway device's public (outside) IP.
    pub ip: Ip,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asn: Option<u32>,
    /// The on-premises network it sits in.
    pub network: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VpnRouting {
    Static,
    Bgp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TunnelState {
    Up,
    Down,
}

fn two_up() -> [TunnelState; 2] {
    [TunnelState::Up, TunnelState::Up]
}
fn is_two_up(t: &[TunnelState; 2]) -> bool {
    *t == two_up()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VpnConnection {
    pub id: String,
    /// The VPN gateway it ends on; exactly one of this and `transit_gateway` (N11.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpn_gateway: Option<String>,
    /// Format 2: the transit gateway it ends on, through a `vpn` attachment (N11.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transit_gateway: Option<String>,
    pub customer_gateway: String,
    pub routing: VpnRouting,
    /// With static routing: the on-prem prefixes the VPN gateway routes over this connection.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub static_routes: Vec<Cidr>,
    /// The two IPsec tunnels; traffic flows while at least one is up.
    #[serde(default = "two_up", skip_serializing_if = "is_two_up")]
    pub tunnels: [TunnelState; 2],
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl VpnConnection {
    pub fn is_up(&self) -> bool {
        self.tunnels.contains(&TunnelState::Up)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DxConnection {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bandwidth: Option<String>,
    /// The on-premises network this connection's customer router is in.
    pub network: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VifType {
    Private,
    Public,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DxVirtualInterface {
    pub id: String,
    pub connection: String,
    #[serde(rename = "type")]
    pub kind: VifType,
    /// 802.1Q VLAN tag, 1-4094, unique on its connection (checked by validation, not load).
    pub vlan: i64,
    /// Private VIFs: the VPN (virtual private) gateway they attach to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpn_gateway: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnpremRoute {
    pub destination: Cidr,
    /// A VPN connection id or a DX virtual interface id.
    pub via: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnpremHost {
    pub id: String,
    pub ip: Ip,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnpremNetwork {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub cidrs: Vec<Cidr>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<OnpremHost>,
    /// Static routes configured on premises; they win over BGP-learned routes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<OnpremRoute>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InternetHost {
    pub id: String,
    /// Its DNS name (`example.com`), which trace destinations may use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub ip: Ip,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TraceSpec {
    /// Instance, on-prem host or internet host id.
    pub from: String,
    /// An IPv4 address, an instance/host id, an interface endpoint id or a DNS name.
    pub to: String,
    /// Format 2: the packet's protocol (default `tcp`, N4.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<Protocol>,
    /// Format 2: the destination port (default 443; none with `icmp`, N4.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<Port>,
}

impl TraceSpec {
    /// The packet the lesson traces: its protocol and port, the defaults for the rest
    /// (a port given with `icmp` is a load error, so it is never read here).
    pub fn packet(&self) -> crate::packet::Packet {
        use crate::packet::{Packet, Ports};
        let ports = Ports {
            dst: self.port.unwrap_or(Port::DEFAULT),
            src: Port::DEFAULT_SRC,
        };
        match self.protocol.unwrap_or(Protocol::Tcp) {
            Protocol::Tcp => Packet::Tcp(ports),
            Protocol::Udp => Packet::Udp(ports),
            Protocol::Icmp => Packet::Icmp,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub question: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub answer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<TraceSpec>,
}

impl Scenario {
    /// An empty scenario of the current format.
    pub fn empty() -> Scenario {
        Scenario {
            format: FORMAT,
            ..Default::default()
        }
    }

    pub fn vpc(&self, id: &str) -> Option<&Vpc> {
        self.vpcs.iter().find(|v| v.id == id)
    }
    pub fn subnet(&self, id: &str) -> Option<&Subnet> {
        self.subnets.iter().find(|s| s.id == id)
    }
    pub fn route_table(&self, id: &str) -> Option<&RouteTable> {
        self.route_tables.iter().find(|t| t.id == id)
    }
    pub fn instance(&self, id: &str) -> Option<&Instance> {
        self.instances.iter().find(|i| i.id == id)
    }
    pub fn peering(&self, id: &str) -> Option<&PeeringConnection> {
        self.peering_connections.iter().find(|p| p.id == id)
    }
    pub fn endpoint(&self, id: &str) -> Option<&VpcEndpoint> {
        self.vpc_endpoints.iter().find(|e| e.id == id)
    }
    pub fn nat_gateway(&self, id: &str) -> Option<&NatGateway> {
        self.nat_gateways.iter().find(|n| n.id == id)
    }
    pub fn internet_gateway(&self, id: &str) -> Option<&InternetGateway> {
        self.internet_gateways.iter().find(|g| g.id == id)
    }
    pub fn vpn_gateway(&self, id: &str) -> Option<&VpnGateway> {
        self.vpn_gateways.iter().find(|g| g.id == id)
    }
    pub fn onprem_network(&self, id: &str) -> Option<&OnpremNetwork> {
        self.onprem_networks.iter().find(|n| n.id == id)
    }

    /// The subnet's Availability Zone, defaulting to the region's `a` zone (D4.2).
    pub fn subnet_az(&self, subnet: &Subnet) -> String {
        match &subnet.az {
            Some(az) => az.clone(),
            None => self
                .vpc(&subnet.vpc)
                .map(|v| format!("{}a", v.region))
                .unwrap_or_default(),
        }
    }

    /// The route table a subnet uses: its explicit association, else its VPC's main table.
    pub fn table_for_subnet(&self, subnet_id: &str) -> Option<&RouteTable> {
        let subnet = self.subnet(subnet_id)?;
        self.route_tables
            .iter()
            .find(|t| t.subnets.iter().any(|s| s == subnet_id))
            .or_else(|| self.main_table(&subnet.vpc))
    }

    /// The VPC's main route table.
    pub fn main_table(&self, vpc_id: &str) -> Option<&RouteTable> {
        self.route_tables.iter().find(|t| t.vpc == vpc_id && t.main)
    }

    /// Every id in the document, in document order (the order of the lists,
    /// `docs/scenario-format.md` D2).
    pub fn all_ids(&self) -> Vec<&str> {
        self.ids().into_iter().map(|(_, id)| id).collect()
    }

    /// Every resource's kind and id, in document order (on-premises hosts right after
    /// their network).
    pub fn ids(&self) -> Vec<(Kind, &str)> {
        let mut out = Vec::new();
        macro_rules! add {
            ($list:ident, $kind:expr) => {
                for x in &self.$list {
                    #[allow(clippy::redundant_closure_call)]
                    out.push((($kind)(x), x.id.as_str()));
                    for h in x.hosts() {
                        out.push((Kind::OnpremHost, h.id.as_str()));
                    }
                }
            };
        }
        each_list!(add);
        out
    }

    /// Every resource's id, mutably, in the order of [`Scenario::ids`].
    pub fn ids_mut(&mut self) -> Vec<&mut String> {
        let mut out = Vec::new();
        macro_rules! add {
            ($list:ident, $kind:expr) => {
                for x in &mut self.$list {
                    let (id, hosts) = x.parts_mut();
                    out.push(id);
                    out.extend(hosts.iter_mut().map(|h| &mut h.id));
                }
            };
        }
        each_list!(add);
        out
    }

    /// Keeps only the resources (on-premises hosts included) whose id `keep` accepts.
    pub fn retain_ids(&mut self, mut keep: impl FnMut(&str) -> bool) {
        macro_rules! retain {
            ($list:ident, $kind:expr) => {
                self.$list.retain(|x| keep(&x.id));
                for x in &mut self.$list {
                    if let Some(hosts) = x.hosts_mut() {
                        hosts.retain(|h| keep(&h.id));
                    }
                }
            };
        }
        each_list!(retain);
    }

    /// The kind of the resource named `id`, by a scan (a loaded scenario's index answers
    /// without one).
    pub fn kind_of(&self, id: &str) -> Option<Kind> {
        self.ids()
            .into_iter()
            .find(|(_, x)| *x == id)
            .map(|(k, _)| k)
    }
}

/// The one list of the scenario's resource lists, in document order, with the kind of
/// their items: `$m!(list, kind_of_item)` for each. On-premises hosts sit inside their
/// network (see [`Nested`]). A new resource kind adds its list here.
macro_rules! each_list {
    ($m:ident) => {
        $m!(vpcs, |_| Kind::Vpc);
        $m!(subnets, |_| Kind::Subnet);
        $m!(route_tables, |_| Kind::RouteTable);
        $m!(instances, |_| Kind::Instance);
        $m!(internet_gateways, |_| Kind::InternetGateway);
        $m!(nat_gateways, |_| Kind::NatGateway);
        $m!(peering_connections, |_| Kind::Peering);
        $m!(vpc_endpoints, |e: &VpcEndpoint| e.kind.resource_kind());
        $m!(vpn_gateways, |_| Kind::VpnGateway);
        $m!(customer_gateways, |_| Kind::CustomerGateway);
        $m!(vpn_connections, |_| Kind::VpnConnection);
        $m!(dx_connections, |_| Kind::DxConnection);
        $m!(dx_virtual_interfaces, |_| Kind::DxVif);
        $m!(onprem_networks, |_| Kind::OnpremNetwork);
        $m!(internet_hosts, |_| Kind::InternetHost);
        $m!(security_groups, |_| Kind::SecurityGroup);
        $m!(network_acls, |_| Kind::NetworkAcl);
        $m!(transit_gateways, |_| Kind::TransitGateway);
        $m!(transit_gateway_attachments, |_| Kind::TgwAttachment);
        $m!(transit_gateway_route_tables, |_| Kind::TgwRouteTable);
    };
}
pub(crate) use each_list;

/// An item of a resource list: its id, and the resources nested inside it (only an
/// on-premises network has any: its hosts).
pub(crate) trait Item {
    fn parts_mut(&mut self) -> (&mut String, &mut [OnpremHost]);
    fn hosts(&self) -> &[OnpremHost] {
        &[]
    }
    fn hosts_mut(&mut self) -> Option<&mut Vec<OnpremHost>> {
        None
    }
}

macro_rules! flat_item {
    ($($t:ty),*) => {$(
        impl Item for $t {
            fn parts_mut(&mut self) -> (&mut String, &mut [OnpremHost]) {
                (&mut self.id, &mut [])
            }
        }
    )*};
}
flat_item!(
    Vpc,
    Subnet,
    RouteTable,
    Instance,
    InternetGateway,
    NatGateway,
    PeeringConnection,
    VpcEndpoint,
    VpnGateway,
    CustomerGateway,
    VpnConnection,
    DxConnection,
    DxVirtualInterface,
    InternetHost,
    SecurityGroup,
    NetworkAcl,
    TransitGateway,
    TgwAttachment,
    TgwRouteTable
);

impl Item for OnpremNetwork {
    fn parts_mut(&mut self) -> (&mut String, &mut [OnpremHost]) {
        (&mut self.id, &mut self.hosts)
    }
    fn hosts(&self) -> &[OnpremHost] {
        &self.hosts
    }
    fn hosts_mut(&mut self) -> Option<&mut Vec<OnpremHost>> {
        Some(&mut self.hosts)
    }
}

impl Scenario {
    /// Every resource in document order: its id and where it sits in the document.
    pub fn positions(&self) -> Vec<(&str, Position)> {
        let mut out = Vec::new();
        macro_rules! add {
            ($list:ident, $kind:expr) => {
                for (index, x) in self.$list.iter().enumerate() {
                    #[allow(clippy::redundant_closure_call)]
                    let kind = ($kind)(x);
                    out.push((
                        x.id.as_str(),
                        Position {
                            kind,
                            index,
                            host: None,
                        },
                    ));
                    for (j, h) in x.hosts().iter().enumerate() {
                        let host = Position {
                            kind: Kind::OnpremHost,
                            index,
                            host: Some(j),
                        };
                        out.push((h.id.as_str(), host));
                    }
                }
            };
        }
        each_list!(add);
        out
    }

    /// Where the resource `id` sits (the first with that id, as the finders above).
    pub fn position(&self, id: &str) -> Option<Position> {
        self.positions()
            .into_iter()
            .find_map(|(x, p)| (x == id).then_some(p))
    }
}

/// Where a resource sits in the document: its kind and its index in the kind's list (an
/// on-premises host: its network's index and its own in the network's `hosts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub kind: Kind,
    pub index: usize,
    pub host: Option<usize>,
}

impl Position {
    /// The resource's JSON path, in the form load errors and findings use (`subnets[2]`,
    /// `onprem_networks[0].hosts[1]`).
    pub fn path(&self) -> String {
        let list = self.kind.list();
        match self.host {
            Some(j) => format!("{list}[{}].hosts[{j}]", self.index),
            None => format!("{list}[{}]", self.index),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::load::{fixtures::FULL, load};

    #[test]
    fn each_position_is_the_path_of_the_resource_with_that_id() {
        let s = load(FULL).unwrap();
        let doc: serde_json::Value = serde_json::from_str(FULL).unwrap();
        let positions = s.positions();
        assert_eq!(positions.len(), s.all_ids().len());
        for (id, p) in positions {
            // `vpcs[1]` as a JSON pointer: `/vpcs/1`.
            let pointer = format!(
                "/{}",
                p.path()
                    .replace("].", "/")
                    .replace(['[', '.'], "/")
                    .trim_end_matches(']')
            );
            let at = doc
                .pointer(&pointer)
                .unwrap_or_else(|| panic!("{id}: {} is not in the document", p.path()));
            assert_eq!(at["id"], id, "{}", p.path());
            assert_eq!(s.position(id), Some(p));
        }
        let host = s.position("hq-pc").unwrap();
        assert_eq!(host.path(), "onprem_networks[0].hosts[0]");
        assert_eq!(
            s.position("vpce-kds").map(|p| (p.kind, p.path())),
            Some((
                crate::Kind::InterfaceEndpoint,
                "vpc_endpoints[1]".to_string()
            ))
        );
        assert_eq!(s.position("nothing"), None);
    }
}
