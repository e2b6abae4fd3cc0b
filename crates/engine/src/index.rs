//! The resolved index of a loaded scenario: every id with its [`Kind`] and position, and
//! every reference between resources resolved once to a typed handle ([`At`], [`Target`]).
//!
//! `load` builds it while it checks the references (`load/refs.rs`), so nothing downstream
//! works out again what kind of thing an id is: validation, the trace, `reach`, the editor
//! and the canvas ask the index. It is immutable and owned by [`crate::load::Loaded`]
//! together with the scenario it describes, so the two cannot drift apart.

use crate::fx::Fx;
use crate::kind::Kind;
use crate::model::*;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::marker::PhantomData;

mod filters;
mod tgw;
pub use filters::*;
pub use tgw::*;

type Map<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// A resource of type `T` by its position in its scenario list: a handle the index hands
/// out once the id it came from was checked to name a `T`.
pub struct At<T> {
    pos: u32,
    _t: PhantomData<fn() -> T>,
}

impl<T> At<T> {
    pub(crate) fn new(pos: usize) -> At<T> {
        At {
            pos: u32::try_from(pos).unwrap_or(u32::MAX),
            _t: PhantomData,
        }
    }
    /// The position in the scenario's list.
    pub fn pos(self) -> usize {
        self.pos as usize
    }
}

impl<T> Clone for At<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for At<T> {}
impl<T> PartialEq for At<T> {
    fn eq(&self, other: &Self) -> bool {
        self.pos == other.pos
    }
}
impl<T> Eq for At<T> {}
impl<T> Hash for At<T> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.pos.hash(h)
    }
}
impl<T> fmt::Debug for At<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "At({})", self.pos)
    }
}

/// A resource type held in one top-level list of the scenario.
pub trait Listed: Sized + 'static {
    /// The kinds an entry of this list can have (endpoints: gateway or interface).
    const KINDS: &'static [Kind];
    fn list(s: &Scenario) -> &[Self];
    fn id(&self) -> &str;
}

macro_rules! listed {
    ($($t:ty => $field:ident: $($k:ident)|+;)*) => {$(
        impl Listed for $t {
            const KINDS: &'static [Kind] = &[$(Kind::$k),+];
            fn list(s: &Scenario) -> &[Self] {
                &s.$field
            }
            fn id(&self) -> &str {
                &self.id
            }
        }
    )*};
}

listed! {
    Vpc => vpcs: Vpc;
    Subnet => subnets: Subnet;
    RouteTable => route_tables: RouteTable;
    Instance => instances: Instance;
    InternetGateway => internet_gateways: InternetGateway;
    NatGateway => nat_gateways: NatGateway;
    PeeringConnection => peering_connections: Peering;
    VpcEndpoint => vpc_endpoints: GatewayEndpoint | InterfaceEndpoint;
    VpnGateway => vpn_gateways: VpnGateway;
    CustomerGateway => customer_gateways: CustomerGateway;
    VpnConnection => vpn_connections: VpnConnection;
    DxConnection => dx_connections: DxConnection;
    DxVirtualInterface => dx_virtual_interfaces: DxVif;
    OnpremNetwork => onprem_networks: OnpremNetwork;
    InternetHost => internet_hosts: InternetHost;
    SecurityGroup => security_groups: SecurityGroup;
    NetworkAcl => network_acls: NetworkAcl;
    TransitGateway => transit_gateways: TransitGateway;
    TgwAttachment => transit_gateway_attachments: TgwAttachment;
    TgwRouteTable => transit_gateway_route_tables: TgwRouteTable;
}

/// What an id names: its kind and where it sits (an on-premises host: its network's
/// position and its own inside the network's `hosts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    pos: u32,
    host: u32,
}

impl Entry {
    pub(crate) fn new(kind: Kind, pos: usize, host: usize) -> Entry {
        Entry {
            kind,
            pos: u32::try_from(pos).unwrap_or(u32::MAX),
            host: u32::try_from(host).unwrap_or(u32::MAX),
        }
    }
    /// The position in its top-level list (an on-premises host: its network's).
    pub fn pos(self) -> usize {
        self.pos as usize
    }
    /// An on-premises host's position in its network's `hosts` (0 for other kinds).
    pub fn host(self) -> usize {
        self.host as usize
    }
    /// The JSON path of the resource (`subnets[2]`, `onprem_networks[0].hosts[1]`).
    pub fn path(self) -> String {
        match self.kind {
            Kind::OnpremHost => format!("onprem_networks[{}].hosts[{}]", self.pos, self.host),
            k => format!("{}[{}]", k.list(), self.pos),
        }
    }
}

/// Where a route sends matching packets, resolved: `local` or one of the six kinds a route
/// can name. A route in the document names its target by id; load resolves it once to this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// The implicit route for the VPC's own CIDR blocks.
    Local,
    InternetGateway(At<InternetGateway>),
    NatGateway(At<NatGateway>),
    Peering(At<PeeringConnection>),
    VpnGateway(At<VpnGateway>),
    GatewayEndpoint(At<VpcEndpoint>),
    /// Format 2: a transit gateway (N11.2); the trace enters it through the VPC's
    /// attachment in the sending subnet's Availability Zone (T5, [`Index::tgw_entry`]).
    TransitGateway(At<TransitGateway>),
}

impl Target {
    /// The kinds a written route may point at.
    pub const KINDS: [Kind; 6] = [
        Kind::InternetGateway,
        Kind::NatGateway,
        Kind::Peering,
        Kind::VpnGateway,
        Kind::GatewayEndpoint,
        Kind::TransitGateway,
    ];
    /// Words for "what a route target may be", for messages: a format 1 document has no
    /// transit gateway, so its messages do not offer one.
    pub fn expected(format: Format) -> &'static str {
        if format.filters() {
            "an internet gateway, NAT gateway, peering connection, VPN gateway, gateway endpoint or transit gateway"
        } else {
            "an internet gateway, NAT gateway, peering connection, VPN gateway or gateway endpoint"
        }
    }

    /// The target an entry of this kind is, when a route may point at that kind.
    pub fn of(e: Entry) -> Option<Target> {
        let p = e.pos();
        Some(match e.kind {
            Kind::InternetGateway => Target::InternetGateway(At::new(p)),
            Kind::NatGateway => Target::NatGateway(At::new(p)),
            Kind::Peering => Target::Peering(At::new(p)),
            Kind::VpnGateway => Target::VpnGateway(At::new(p)),
            Kind::GatewayEndpoint => Target::GatewayEndpoint(At::new(p)),
            Kind::TransitGateway => Target::TransitGateway(At::new(p)),
            _ => return None,
        })
    }

    /// The kind of resource the target is (`None` for `local`).
    pub fn kind(self) -> Option<Kind> {
        match self {
            Target::Local => None,
            Target::InternetGateway(_) => Some(Kind::InternetGateway),
            Target::NatGateway(_) => Some(Kind::NatGateway),
            Target::Peering(_) => Some(Kind::Peering),
            Target::VpnGateway(_) => Some(Kind::VpnGateway),
            Target::GatewayEndpoint(_) => Some(Kind::GatewayEndpoint),
            Target::TransitGateway(_) => Some(Kind::TransitGateway),
        }
    }

    /// Gateways at the edge of the VPC (internet, NAT, VPN, gateway endpoint): traffic that
    /// entered the VPC over a peering, VPN or Direct Connect may not leave through them.
    /// A transit gateway is not one: it is transitive by design (T7), and a packet that
    /// came over a VPC peering meets the peering rule there instead (F4).
    /// <https://docs.aws.amazon.com/vpc/latest/peering/invalid-peering-configurations.html#edge-to-edge-vgw>
    pub fn is_edge(self) -> bool {
        matches!(
            self,
            Target::InternetGateway(_)
                | Target::NatGateway(_)
                | Target::VpnGateway(_)
                | Target::GatewayEndpoint(_)
        )
    }
}

/// Every id of a scenario and every reference resolved. Built by `load` (see
/// `load/refs.rs`); read through [`crate::load::Loaded`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Index {
    pub(crate) ids: Map<Box<str>, Entry>,
    /// Per route table, per written route: its target.
    pub(crate) targets: Vec<Vec<Target>>,
    /// Per route table: the VPN gateways listed as propagating into it.
    pub(crate) propagating: Vec<Vec<At<VpnGateway>>>,
    /// Per route table: the gateway endpoints that add their prefix-list route to it.
    pub(crate) table_endpoints: Vec<Vec<At<VpcEndpoint>>>,
    /// Per subnet: its VPC.
    pub(crate) subnet_vpc: Vec<At<Vpc>>,
    /// Per subnet: the table it uses (its explicit association, else its VPC's main table).
    pub(crate) subnet_table: Vec<Option<At<RouteTable>>>,
    /// Per VPC: its main route table.
    pub(crate) main_table: Vec<Option<At<RouteTable>>>,
    /// Per VPN gateway: the VPN connections and private virtual interfaces ending on it.
    pub(crate) vgw_links: Vec<Vec<Link>>,
    /// Format 2's security groups and network ACLs; `None` in format 1 (no filtering).
    pub(crate) filters: Option<Filters>,
    /// Format 2's transit gateways resolved (empty in format 1).
    pub(crate) tgw: Tgws,
}

/// A way between a VPN gateway and an on-premises network: a Site-to-Site VPN connection or
/// a Direct Connect private virtual interface, with the network it ends in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Vpn {
        vpn: At<VpnConnection>,
        network: At<OnpremNetwork>,
    },
    Vif {
        vif: At<DxVirtualInterface>,
        network: At<OnpremNetwork>,
    },
}

impl Index {
    /// What `id` names.
    pub fn entry(&self, id: &str) -> Option<Entry> {
        self.ids.get(id).copied()
    }
    /// The kind of resource `id` names.
    pub fn kind_of(&self, id: &str) -> Option<Kind> {
        self.entry(id).map(|e| e.kind)
    }
    /// The handle of `id` when it names a `T`.
    pub fn at<T: Listed>(&self, id: &str) -> Option<At<T>> {
        self.entry(id)
            .filter(|e| T::KINDS.contains(&e.kind))
            .map(|e| At::new(e.pos()))
    }
    /// Every id, in no particular order.
    pub fn ids(&self) -> impl Iterator<Item = (&str, Entry)> + '_ {
        self.ids.iter().map(|(k, e)| (&**k, *e))
    }
    /// The target of route `route` of table `table`.
    pub fn target(&self, table: At<RouteTable>, route: usize) -> Option<Target> {
        self.targets.get(table.pos())?.get(route).copied()
    }
    /// The VPN gateways propagating into `table`.
    pub fn propagating(&self, table: At<RouteTable>) -> &[At<VpnGateway>] {
        self.propagating
            .get(table.pos())
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
    /// The gateway endpoints naming `table`, in document order.
    pub fn table_endpoints(&self, table: At<RouteTable>) -> &[At<VpcEndpoint>] {
        self.table_endpoints
            .get(table.pos())
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
    /// The VPC of a subnet.
    pub fn subnet_vpc(&self, subnet: At<Subnet>) -> Option<At<Vpc>> {
        self.subnet_vpc.get(subnet.pos()).copied()
    }
    /// The table a subnet uses: its explicit association, else its VPC's main table.
    pub fn subnet_table(&self, subnet: At<Subnet>) -> Option<At<RouteTable>> {
        self.subnet_table.get(subnet.pos()).copied().flatten()
    }
    /// The VPC's main route table.
    pub fn main_table(&self, vpc: At<Vpc>) -> Option<At<RouteTable>> {
        self.main_table.get(vpc.pos()).copied().flatten()
    }
    /// Format 2's filters (groups, ACLs, their defaults and members); `None` for a format 1
    /// document, which models no filtering (N1.2).
    pub fn filters(&self) -> Option<&Filters> {
        self.filters.as_ref()
    }
    /// The VPN connections and private virtual interfaces ending on a VPN gateway, VPN
    /// connections first, each in document order.
    pub fn vgw_links(&self, vgw: At<VpnGateway>) -> &[Link] {
        self.vgw_links
            .get(vgw.pos())
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}
