//! A lookup index over one scenario, built once and shared by every trace through it.
//!
//! `Scenario::vpc(id)` and friends scan their list on every call, and a route table's
//! effective routes are rebuilt (with their strings) on every lookup: fine for one trace in
//! a small scenario, costly for a reachability matrix over a 1,000-VPC one. The index maps
//! ids to positions (the first resource with an id wins, exactly as the scans do) and keeps
//! each table's effective routes once computed, so a trace does the same work with hash
//! look-ups instead of scans. It answers exactly what the `Scenario` methods answer.

use crate::model::{
    Instance, InternetGateway, NatGateway, PeeringConnection, RouteTable, Scenario, Subnet, Vpc,
    VpcEndpoint, VpnGateway,
};
use crate::routing::{effective_routes, EffectiveRoute};
use std::cell::OnceCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::net::Ipv4Addr;

/// FxHash (rustc's hasher): ids are short trusted-enough strings and nothing here is exposed
/// to collision attacks that matter (a slow trace at worst), so a fast hasher is fine.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(buf));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

impl Fx {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type Map<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// Position of the first item with each id.
fn positions<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> Map<&'a str, usize> {
    let mut m = Map::with_capacity_and_hasher(items.len(), Default::default());
    for (i, x) in items.iter().enumerate() {
        m.entry(id(x)).or_insert(i);
    }
    m
}

/// Id → position maps and cached effective routes for one scenario.
pub(crate) struct Index<'a> {
    pub s: &'a Scenario,
    vpcs: Map<&'a str, usize>,
    subnets: Map<&'a str, usize>,
    instances: Map<&'a str, usize>,
    peerings: Map<&'a str, usize>,
    endpoints: Map<&'a str, usize>,
    nats: Map<&'a str, usize>,
    igws: Map<&'a str, usize>,
    vgws: Map<&'a str, usize>,
    /// Subnet id → the first table that lists it (explicit association).
    associations: Map<&'a str, usize>,
    /// VPC id → its first main table.
    mains: Map<&'a str, usize>,
    /// (private address, position) of every instance, sorted: document order within an address.
    instances_by_ip: Vec<(Ipv4Addr, usize)>,
    /// Effective routes per route table position, computed on first use.
    routes: Vec<OnceCell<Vec<EffectiveRoute>>>,
}

impl<'a> Index<'a> {
    pub(crate) fn new(s: &'a Scenario) -> Index<'a> {
        let mut associations = Map::default();
        let mut mains = Map::default();
        for (i, t) in s.route_tables.iter().enumerate() {
            for sub in &t.subnets {
                associations.entry(sub.as_str()).or_insert(i);
            }
            if t.main {
                mains.entry(t.vpc.as_str()).or_insert(i);
            }
        }
        let mut instances_by_ip: Vec<(Ipv4Addr, usize)> = s
            .instances
            .iter()
            .enumerate()
            .map(|(i, x)| (x.private_ip.0, i))
            .collect();
        instances_by_ip.sort_unstable();
        Index {
            s,
            vpcs: positions(&s.vpcs, |x| x.id.as_str()),
            subnets: positions(&s.subnets, |x| x.id.as_str()),
            instances: positions(&s.instances, |x| x.id.as_str()),
            peerings: positions(&s.peering_connections, |x| x.id.as_str()),
            endpoints: positions(&s.vpc_endpoints, |x| x.id.as_str()),
            nats: positions(&s.nat_gateways, |x| x.id.as_str()),
            igws: positions(&s.internet_gateways, |x| x.id.as_str()),
            vgws: positions(&s.vpn_gateways, |x| x.id.as_str()),
            associations,
            mains,
            instances_by_ip,
            routes: s.route_tables.iter().map(|_| OnceCell::new()).collect(),
        }
    }

    pub(crate) fn vpc(&self, id: &str) -> Option<&'a Vpc> {
        self.vpcs.get(id).and_then(|&i| self.s.vpcs.get(i))
    }
    pub(crate) fn subnet(&self, id: &str) -> Option<&'a Subnet> {
        self.subnets.get(id).and_then(|&i| self.s.subnets.get(i))
    }
    pub(crate) fn instance(&self, id: &str) -> Option<&'a Instance> {
        self.instances
            .get(id)
            .and_then(|&i| self.s.instances.get(i))
    }
    pub(crate) fn peering(&self, id: &str) -> Option<&'a PeeringConnection> {
        self.peerings
            .get(id)
            .and_then(|&i| self.s.peering_connections.get(i))
    }
    pub(crate) fn endpoint(&self, id: &str) -> Option<&'a VpcEndpoint> {
        self.endpoints
            .get(id)
            .and_then(|&i| self.s.vpc_endpoints.get(i))
    }
    pub(crate) fn nat_gateway(&self, id: &str) -> Option<&'a NatGateway> {
        self.nats.get(id).and_then(|&i| self.s.nat_gateways.get(i))
    }
    pub(crate) fn internet_gateway(&self, id: &str) -> Option<&'a InternetGateway> {
        self.igws
            .get(id)
            .and_then(|&i| self.s.internet_gateways.get(i))
    }
    pub(crate) fn vpn_gateway(&self, id: &str) -> Option<&'a VpnGateway> {
        self.vgws.get(id).and_then(|&i| self.s.vpn_gateways.get(i))
    }

    /// Position of the table a subnet uses, as [`Scenario::table_for_subnet`] picks it.
    fn table_pos_for_subnet(&self, subnet_id: &str) -> Option<usize> {
        let subnet = self.subnet(subnet_id)?;
        self.associations
            .get(subnet_id)
            .or_else(|| self.mains.get(subnet.vpc.as_str()))
            .copied()
    }
    /// [`Scenario::table_for_subnet`].
    pub(crate) fn table_for_subnet(&self, subnet_id: &str) -> Option<(usize, &'a RouteTable)> {
        let i = self.table_pos_for_subnet(subnet_id)?;
        self.s.route_tables.get(i).map(|t| (i, t))
    }
    /// [`Scenario::main_table`].
    pub(crate) fn main_table(&self, vpc_id: &str) -> Option<(usize, &'a RouteTable)> {
        let i = *self.mains.get(vpc_id)?;
        self.s.route_tables.get(i).map(|t| (i, t))
    }
    /// [`effective_routes`] of the table at position `i`, computed once.
    pub(crate) fn routes(&self, i: usize) -> &[EffectiveRoute] {
        match (self.routes.get(i), self.s.route_tables.get(i)) {
            (Some(cell), Some(t)) => cell.get_or_init(|| effective_routes(self.s, t)),
            _ => &[],
        }
    }
    /// Instances holding private address `ip`, in document order.
    pub(crate) fn instances_at(&self, ip: Ipv4Addr) -> impl Iterator<Item = &'a Instance> + '_ {
        let start = self.instances_by_ip.partition_point(|&(a, _)| a < ip);
        self.instances_by_ip
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(move |&&(a, _)| a == ip)
            .filter_map(|&(_, i)| self.s.instances.get(i))
    }
}
