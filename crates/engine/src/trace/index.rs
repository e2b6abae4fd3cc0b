//! What every trace through one scenario shares: the load index (ids and resolved
//! references, from [`Loaded`]), and each route table's effective routes with their [`Lpm`],
//! computed on first use.
//!
//! Id look-ups are hash probes into the index `load` built, so a one-off `trace()` on a
//! 1,000-VPC scenario pays only for the tables its packet meets, and `reach` computes each
//! table once for all pairs.

use crate::index::{At, Listed};
use crate::load::Loaded;
use crate::model::{
    Instance, InternetGateway, NatGateway, PeeringConnection, RouteTable, Scenario, Subnet, Vpc,
    VpcEndpoint, VpnGateway,
};
use crate::routing::{effective_routes, EffectiveRoute, Lookup, Lpm};
use std::cell::OnceCell;
use std::net::Ipv4Addr;

/// The load index and cached effective routes for one scenario.
pub(crate) struct Index<'a> {
    pub l: &'a Loaded,
    pub s: &'a Scenario,
    /// (private address, position) of every instance, sorted: document order within an
    /// address. Built on the first look-up by address.
    instances_by_ip: OnceCell<Vec<(Ipv4Addr, usize)>>,
    /// Effective routes per route table position and their LPM table, computed on first use.
    routes: Vec<OnceCell<(Vec<EffectiveRoute>, Lpm)>>,
}

impl<'a> Index<'a> {
    pub(crate) fn new(l: &'a Loaded) -> Index<'a> {
        let s = l.scenario();
        Index {
            l,
            s,
            instances_by_ip: OnceCell::new(),
            routes: s.route_tables.iter().map(|_| OnceCell::new()).collect(),
        }
    }

    /// Format 2's filters; `None` for a format 1 document, which models no filtering.
    pub(crate) fn filters(&self) -> Option<&'a crate::index::Filters> {
        self.l.index().filters()
    }

    fn find<T: Listed>(&self, id: &str) -> Option<&'a T> {
        self.l.lookup(id)
    }
    pub(crate) fn vpc(&self, id: &str) -> Option<&'a Vpc> {
        self.find(id)
    }
    pub(crate) fn subnet(&self, id: &str) -> Option<&'a Subnet> {
        self.find(id)
    }
    pub(crate) fn instance(&self, id: &str) -> Option<&'a Instance> {
        self.find(id)
    }
    pub(crate) fn peering(&self, id: &str) -> Option<&'a PeeringConnection> {
        self.find(id)
    }
    pub(crate) fn endpoint(&self, id: &str) -> Option<&'a VpcEndpoint> {
        self.find(id)
    }
    pub(crate) fn nat_gateway(&self, id: &str) -> Option<&'a NatGateway> {
        self.find(id)
    }
    pub(crate) fn internet_gateway(&self, id: &str) -> Option<&'a InternetGateway> {
        self.find(id)
    }
    pub(crate) fn vpn_gateway(&self, id: &str) -> Option<&'a VpnGateway> {
        self.find(id)
    }

    fn table_at(&self, t: Option<At<RouteTable>>) -> Option<(usize, &'a RouteTable)> {
        let t = t?;
        self.l.get(t).map(|x| (t.pos(), x))
    }
    /// The table a subnet uses: its explicit association, else its VPC's main table.
    pub(crate) fn table_for_subnet(&self, subnet_id: &str) -> Option<(usize, &'a RouteTable)> {
        let subnet = self.l.index().at::<Subnet>(subnet_id)?;
        self.table_at(self.l.index().subnet_table(subnet))
    }
    /// The VPC's main route table.
    pub(crate) fn main_table(&self, vpc_id: &str) -> Option<(usize, &'a RouteTable)> {
        let vpc = self.l.index().at::<Vpc>(vpc_id)?;
        self.table_at(self.l.index().main_table(vpc))
    }
    /// [`effective_routes`] of the table at position `i` and their [`Lpm`], computed once.
    fn table(&self, i: usize) -> Option<&(Vec<EffectiveRoute>, Lpm)> {
        let cell = self.routes.get(i)?;
        Some(cell.get_or_init(|| {
            let routes = effective_routes(self.l, At::new(i));
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

    /// The index answers what the scenario's own scans answer, for every id and for ids
    /// that name nothing.
    #[test]
    fn the_index_answers_what_the_scans_answer() {
        let l = Loaded::new(crate::synth::synthetic(40, 6, 20)).expect("synthetic loads");
        let s = l.scenario();
        let ix = Index::new(&l);
        let mut ids: Vec<&str> = s.all_ids();
        ids.push("nothing-has-this-id");
        for id in ids {
            assert_eq!(ix.vpc(id), s.vpc(id), "vpc {id}");
            assert_eq!(ix.subnet(id), s.subnet(id), "subnet {id}");
            assert_eq!(ix.instance(id), s.instance(id), "instance {id}");
            assert_eq!(ix.peering(id), s.peering(id), "peering {id}");
            assert_eq!(ix.endpoint(id), s.endpoint(id), "endpoint {id}");
            assert_eq!(ix.nat_gateway(id), s.nat_gateway(id), "nat {id}");
            assert_eq!(ix.internet_gateway(id), s.internet_gateway(id), "igw {id}");
            assert_eq!(ix.vpn_gateway(id), s.vpn_gateway(id), "vgw {id}");
            assert_eq!(
                ix.table_for_subnet(id).map(|(_, t)| t),
                s.table_for_subnet(id),
                "table of {id}"
            );
            assert_eq!(
                ix.main_table(id).map(|(_, t)| t),
                s.main_table(id),
                "main {id}"
            );
        }
    }
}
