//! A lookup index over one scenario, built once and shared by every trace through it.
//!
//! `Scenario::vpc(id)` and friends scan their list on every call, and a route table's
//! effective routes are rebuilt (with their strings) on every lookup: fine for one trace in
//! a small scenario, costly for a reachability matrix over a 1,000-VPC one. The index maps
//! ids to positions (the first resource with an id wins, exactly as the scans do) and keeps
//! each table's effective routes once computed, so a trace does the same work with hash
//! look-ups instead of scans. It answers exactly what the `Scenario` methods answer.
//!
//! The maps are built on demand: a kind's first [`SCANS_BEFORE_MAP`] look-ups scan its list
//! (what one trace needs: a few dozen look-ups), and only a kind asked more often gets its
//! map. So a one-off `trace()` on a 1,000-VPC scenario pays for the handful of scans it does,
//! not for hashing every id of the scenario, while `reach` builds each map once.

use crate::model::{
    Instance, InternetGateway, NatGateway, PeeringConnection, RouteTable, Scenario, Subnet, Vpc,
    VpcEndpoint, VpnGateway,
};
use crate::routing::{effective_routes, EffectiveRoute, Lookup, Lpm};
use std::cell::{Cell, OnceCell};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::net::Ipv4Addr;

use crate::fx::Fx;

type Map<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// Look-ups of one kind answered by scanning before its map is built.
pub(crate) const SCANS_BEFORE_MAP: u32 = 32;

/// Key -> position of the first item with that key, over one list: scans first, then a map.
///
/// The map is keyed by the key's hash, and a hit is checked against the item, a collision
/// falling back to the scan: the index holds no borrowed keys, so `Index<'a>` stays covariant
/// and a `&Index<'long>` can be used as a `&Index<'short>`.
struct Lazy<'a, T> {
    items: &'a [T],
    /// The keys of an item (an id, or the subnets a table lists).
    keys: fn(&T) -> Keys<'_>,
    scans: Cell<u32>,
    map: OnceCell<Map<u64, usize>>,
}

/// The keys of one item: most kinds have one (their id), some none or several.
enum Keys<'k> {
    None,
    One(&'k str),
    Many(&'k [String]),
}

impl Keys<'_> {
    fn contains(&self, key: &str) -> bool {
        match self {
            Keys::None => false,
            Keys::One(k) => *k == key,
            Keys::Many(ks) => ks.iter().any(|k| k == key),
        }
    }
    fn for_each(&self, mut f: impl FnMut(&str)) {
        match self {
            Keys::None => {}
            Keys::One(k) => f(k),
            Keys::Many(ks) => ks.iter().for_each(|k| f(k)),
        }
    }
}

fn hash(key: &str) -> u64 {
    let mut h = Fx::default();
    h.write(key.as_bytes());
    h.finish()
}

impl<'a, T> Lazy<'a, T> {
    fn new(items: &'a [T], keys: fn(&T) -> Keys<'_>) -> Self {
        Lazy {
            items,
            keys,
            scans: Cell::new(0),
            map: OnceCell::new(),
        }
    }

    /// Position of the first item with `key`.
    fn get(&self, key: &str) -> Option<usize> {
        let scan = || self.items.iter().position(|x| (self.keys)(x).contains(key));
        let map = match self.map.get() {
            Some(m) => m,
            None if self.scans.get() < SCANS_BEFORE_MAP => {
                self.scans.set(self.scans.get() + 1);
                return scan();
            }
            None => self.map.get_or_init(|| {
                let mut m = Map::with_capacity_and_hasher(self.items.len(), Default::default());
                for (i, x) in self.items.iter().enumerate() {
                    (self.keys)(x).for_each(|k| {
                        m.entry(hash(k)).or_insert(i);
                    });
                }
                m
            }),
        };
        match map.get(&hash(key)) {
            None => None,
            Some(&i)
                if self
                    .items
                    .get(i)
                    .is_some_and(|x| (self.keys)(x).contains(key)) =>
            {
                Some(i)
            }
            // Two keys with one hash: the scan answers.
            Some(_) => scan(),
        }
    }
}

/// Id → position maps and cached effective routes for one scenario.
pub(crate) struct Index<'a> {
    pub s: &'a Scenario,
    vpcs: Lazy<'a, Vpc>,
    subnets: Lazy<'a, Subnet>,
    instances: Lazy<'a, Instance>,
    peerings: Lazy<'a, PeeringConnection>,
    endpoints: Lazy<'a, VpcEndpoint>,
    nats: Lazy<'a, NatGateway>,
    igws: Lazy<'a, InternetGateway>,
    vgws: Lazy<'a, VpnGateway>,
    /// Subnet id → the first table that lists it (explicit association).
    associations: Lazy<'a, RouteTable>,
    /// VPC id → its first main table.
    mains: Lazy<'a, RouteTable>,
    /// (private address, position) of every instance, sorted: document order within an
    /// address. Built on the first look-up by address.
    instances_by_ip: OnceCell<Vec<(Ipv4Addr, usize)>>,
    /// Effective routes per route table position and their LPM table, computed on first use.
    routes: Vec<OnceCell<(Vec<EffectiveRoute>, Lpm)>>,
}

impl<'a> Index<'a> {
    pub(crate) fn new(s: &'a Scenario) -> Index<'a> {
        Index {
            s,
            vpcs: Lazy::new(&s.vpcs, |x| Keys::One(&x.id)),
            subnets: Lazy::new(&s.subnets, |x| Keys::One(&x.id)),
            instances: Lazy::new(&s.instances, |x| Keys::One(&x.id)),
            peerings: Lazy::new(&s.peering_connections, |x| Keys::One(&x.id)),
            endpoints: Lazy::new(&s.vpc_endpoints, |x| Keys::One(&x.id)),
            nats: Lazy::new(&s.nat_gateways, |x| Keys::One(&x.id)),
            igws: Lazy::new(&s.internet_gateways, |x| Keys::One(&x.id)),
            vgws: Lazy::new(&s.vpn_gateways, |x| Keys::One(&x.id)),
            associations: Lazy::new(&s.route_tables, |t| Keys::Many(&t.subnets)),
            mains: Lazy::new(&s.route_tables, |t| {
                if t.main {
                    Keys::One(&t.vpc)
                } else {
                    Keys::None
                }
            }),
            instances_by_ip: OnceCell::new(),
            routes: s.route_tables.iter().map(|_| OnceCell::new()).collect(),
        }
    }

    pub(crate) fn vpc(&self, id: &str) -> Option<&'a Vpc> {
        self.vpcs.get(id).and_then(|i| self.s.vpcs.get(i))
    }
    pub(crate) fn subnet(&self, id: &str) -> Option<&'a Subnet> {
        self.subnets.get(id).and_then(|i| self.s.subnets.get(i))
    }
    pub(crate) fn instance(&self, id: &str) -> Option<&'a Instance> {
        self.instances.get(id).and_then(|i| self.s.instances.get(i))
    }
    pub(crate) fn peering(&self, id: &str) -> Option<&'a PeeringConnection> {
        self.peerings
            .get(id)
            .and_then(|i| self.s.peering_connections.get(i))
    }
    pub(crate) fn endpoint(&self, id: &str) -> Option<&'a VpcEndpoint> {
        self.endpoints
            .get(id)
            .and_then(|i| self.s.vpc_endpoints.get(i))
    }
    pub(crate) fn nat_gateway(&self, id: &str) -> Option<&'a NatGateway> {
        self.nats.get(id).and_then(|i| self.s.nat_gateways.get(i))
    }
    pub(crate) fn internet_gateway(&self, id: &str) -> Option<&'a InternetGateway> {
        self.igws
            .get(id)
            .and_then(|i| self.s.internet_gateways.get(i))
    }
    pub(crate) fn vpn_gateway(&self, id: &str) -> Option<&'a VpnGateway> {
        self.vgws.get(id).and_then(|i| self.s.vpn_gateways.get(i))
    }

    /// Position of the table a subnet uses, as [`Scenario::table_for_subnet`] picks it.
    fn table_pos_for_subnet(&self, subnet_id: &str) -> Option<usize> {
        let subnet = self.subnet(subnet_id)?;
        self.associations
            .get(subnet_id)
            .or_else(|| self.mains.get(subnet.vpc.as_str()))
    }
    /// [`Scenario::table_for_subnet`].
    pub(crate) fn table_for_subnet(&self, subnet_id: &str) -> Option<(usize, &'a RouteTable)> {
        let i = self.table_pos_for_subnet(subnet_id)?;
        self.s.route_tables.get(i).map(|t| (i, t))
    }
    /// [`Scenario::main_table`].
    pub(crate) fn main_table(&self, vpc_id: &str) -> Option<(usize, &'a RouteTable)> {
        let i = self.mains.get(vpc_id)?;
        self.s.route_tables.get(i).map(|t| (i, t))
    }
    /// [`effective_routes`] of the table at position `i` and their [`Lpm`], computed once.
    fn table(&self, i: usize) -> Option<&(Vec<EffectiveRoute>, Lpm)> {
        let (cell, t) = (self.routes.get(i)?, self.s.route_tables.get(i)?);
        Some(cell.get_or_init(|| {
            let routes = effective_routes(self.s, t);
            let lpm = Lpm::new(&routes);
            (routes, lpm)
        }))
    }
    /// The table at position `i` looked up for `dst`: its effective routes and the outcome
    /// ([`crate::routing::lookup`]'s, through the table's [`Lpm`]).
    pub(crate) fn lookup(&self, i: usize, dst: Ipv4Addr) -> (&[EffectiveRoute], Lookup) {
        match self.table(i) {
            Some((routes, lpm)) => (routes, lpm.lookup(routes, dst)),
            None => (&[], crate::routing::lookup(&[], dst)),
        }
    }
    /// Instances holding private address `ip`, in document order.
    pub(crate) fn instances_at(&self, ip: Ipv4Addr) -> impl Iterator<Item = &'a Instance> + '_ {
        let by_ip = self.instances_by_ip.get_or_init(|| {
            let mut v: Vec<(Ipv4Addr, usize)> = self
                .s
                .instances
                .iter()
                .enumerate()
                .map(|(i, x)| (x.private_ip.0, i))
                .collect();
            v.sort_unstable();
            v
        });
        let start = by_ip.partition_point(|&(a, _)| a < ip);
        by_ip
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(move |&&(a, _)| a == ip)
            .filter_map(|&(_, i)| self.s.instances.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Before and after its maps are built, the index answers what the scenario's own scans
    /// answer: for every id, for ids that name nothing, and when an id is listed twice.
    #[test]
    fn the_index_answers_what_the_scans_answer() {
        let mut s = crate::synth::synthetic(40, 6, 20);
        // A repeated id: the first one is the answer, as `Scenario::subnet` gives.
        let mut twin = s.subnets[3].clone();
        twin.cidr = s.subnets[5].cidr;
        s.subnets.push(twin);
        let ix = Index::new(&s);
        let mut ids: Vec<String> = s
            .vpcs
            .iter()
            .map(|v| v.id.clone())
            .chain(s.subnets.iter().map(|x| x.id.clone()))
            .chain(s.instances.iter().map(|x| x.id.clone()))
            .chain(s.peering_connections.iter().map(|x| x.id.clone()))
            .chain(s.vpc_endpoints.iter().map(|x| x.id.clone()))
            .chain(s.internet_gateways.iter().map(|x| x.id.clone()))
            .chain(s.vpn_gateways.iter().map(|x| x.id.clone()))
            .collect();
        ids.push("nothing-has-this-id".into());
        // Twice over, so that every kind passes from scans to its map.
        for round in 0..2 {
            for id in &ids {
                assert_eq!(ix.vpc(id), s.vpc(id), "{round}: vpc {id}");
                assert_eq!(ix.subnet(id), s.subnet(id), "{round}: subnet {id}");
                assert_eq!(ix.instance(id), s.instance(id), "{round}: instance {id}");
                assert_eq!(ix.peering(id), s.peering(id), "{round}: peering {id}");
                assert_eq!(ix.endpoint(id), s.endpoint(id), "{round}: endpoint {id}");
                assert_eq!(
                    ix.internet_gateway(id),
                    s.internet_gateway(id),
                    "{round}: igw {id}"
                );
                assert_eq!(ix.vpn_gateway(id), s.vpn_gateway(id), "{round}: vgw {id}");
                assert_eq!(
                    ix.table_for_subnet(id).map(|(_, t)| t),
                    s.table_for_subnet(id),
                    "{round}: table of {id}"
                );
                assert_eq!(
                    ix.main_table(id).map(|(_, t)| t),
                    s.main_table(id),
                    "{round}: main {id}"
                );
            }
        }
        assert!(
            ix.vpcs.map.get().is_some(),
            "the map was built after {SCANS_BEFORE_MAP} scans"
        );
    }
}
