//! What every trace through one scenario shares: the load index (ids and resolved
//! references, from [`Loaded`]), and each route table's effective routes with their [`Lpm`]
//! (and each transit gateway route table's, T6), computed on first use.
//!
//! Id look-ups are hash probes into the index `load` built, so a one-off `trace()` on a
//! 1,000-VPC scenario pays only for the tables its packet meets, and `reach` computes each
//! table once for all pairs.

use crate::index::{At, Attached, Listed};
use crate::load::Loaded;
use crate::model::{
    Instance, InternetGateway, NatGateway, PeeringConnection, RouteTable, Scenario, Subnet,
    TgwRouteTable, Vpc, VpcEndpoint, VpnGateway,
};
use crate::routing::{effective_routes, EffectiveRoute, Lookup, Lpm};
use crate::tgw_routing::{self, TgwHop, TgwLpm, TgwTable};
use crate::verdict::RouteMatch;
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
    /// Effective routes per transit gateway route table position and their [`TgwLpm`],
    /// computed on first use.
    tgw_routes: Vec<OnceCell<(TgwTable, TgwLpm)>>,
}

/// A transit gateway route table looked up (T6): the hop's route lines (every match, the
/// winner marked), where the winner sends the packet (`None`: nothing matched), and the
/// sentence saying why it won.
pub(crate) struct TgwFound {
    pub lines: Vec<RouteMatch>,
    pub winner: Option<TgwHop>,
    pub why: String,
    /// The same, typed, for the hop (why routes are missing only when nothing usable won).
    pub typed: crate::verdict::TgwTableHop,
}

/// A route on-premises learned over a transit gateway VPN attachment (T8): the prefix and
/// the VPN connection it goes over.
#[derive(Debug, Clone)]
pub(crate) struct Learned {
    pub cidr: crate::addr::Cidr,
    pub vpn: String,
}

impl<'a> Index<'a> {
    pub(crate) fn new(l: &'a Loaded) -> Index<'a> {
        let s = l.scenario();
        Index {
            l,
            s,
            instances_by_ip: OnceCell::new(),
            routes: s.route_tables.iter().map(|_| OnceCell::new()).collect(),
            tgw_routes: s
                .transit_gateway_route_tables
                .iter()
                .map(|_| OnceCell::new())
                .collect(),
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
    /// The effective routes of the table at position `i`.
    pub(crate) fn routes(&self, i: usize) -> &[EffectiveRoute] {
        self.table(i).map(|(r, _)| r.as_slice()).unwrap_or_default()
    }
    /// The winning route of the table at position `i` for `dst`: [`Index::lookup`]'s
    /// `chosen` ([`Lpm::winner`]), without every match and the rule that decided.
    pub(crate) fn winner(&self, i: usize, dst: Ipv4Addr) -> Option<usize> {
        self.table(i).and_then(|(_, lpm)| lpm.winner(dst))
    }
    /// A transit gateway route table's effective routes (T6), computed once.
    fn tgw_table(&self, table: At<TgwRouteTable>) -> Option<&TgwTable> {
        self.tgw_cached(table).map(|(t, _)| t)
    }
    fn tgw_cached(&self, table: At<TgwRouteTable>) -> Option<&(TgwTable, TgwLpm)> {
        let cell = self.tgw_routes.get(table.pos())?;
        Some(cell.get_or_init(|| {
            let t = tgw_routing::table(self.l, table);
            let lpm = TgwLpm::new(&t.routes);
            (t, lpm)
        }))
    }
    /// Where a transit gateway route table sends `dst`: [`Index::tgw_lookup`]'s `winner`
    /// ([`TgwLpm::winner`]), without the hop's lines and sentence.
    pub(crate) fn tgw_winner(&self, table: At<TgwRouteTable>, dst: Ipv4Addr) -> Option<TgwHop> {
        let (t, lpm) = self.tgw_cached(table)?;
        lpm.winner(dst).and_then(|i| t.routes.get(i)).map(|r| r.hop)
    }
    /// A transit gateway route table looked up for `dst` (T6).
    pub(crate) fn tgw_lookup(&self, table: At<TgwRouteTable>, dst: Ipv4Addr) -> TgwFound {
        let t = self.tgw_table(table);
        let routes = t.map(|t| t.routes.as_slice()).unwrap_or_default();
        let l = tgw_routing::lookup(routes, dst);
        let winner = l.chosen.and_then(|i| routes.get(i)).map(|r| r.hop);
        let dropped = !matches!(winner, Some(TgwHop::Attachment(_)));
        let typed = match t {
            Some(t) => tgw_routing::table_hop(self.l, table, t, &l, dst, dropped),
            None => crate::verdict::TgwTableHop {
                origins: Vec::new(),
                decision: l.decision,
                missing: Vec::new(),
            },
        };
        TgwFound {
            lines: l.route_matches(self.l, routes),
            winner,
            why: l.explain(self.l, routes),
            typed,
        }
    }
    /// T8: what on-premises network `network` learns over the transit gateway VPN
    /// attachments ending in it: every route of the table associated with the attachment,
    /// except blackholes (and what a static blackhole overrides) and routes back to that
    /// same attachment. VPN connections in document order, each table's routes in order.
    pub(crate) fn tgw_learned(&self, network: &str) -> Vec<Learned> {
        let ix = self.l.index();
        let Some(here) = ix.at::<crate::model::OnpremNetwork>(network) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, v) in self.s.vpn_connections.iter().enumerate() {
            let vpn = At::new(i);
            let (Some(tgw), Some(att)) = (ix.vpn_tgw(vpn), ix.vpn_tgw_attachment(vpn)) else {
                continue;
            };
            let ends_here = ix.tgw_attachment(att).is_some_and(|a| {
                a.carries && matches!(a.attached, Attached::Vpn { network, .. } if network == here)
            });
            let table = ix.tgw_association(att, tgw).and_then(|t| self.tgw_table(t));
            let (true, Some(table)) = (ends_here, table) else {
                continue;
            };
            let holes: Vec<_> = table
                .routes
                .iter()
                .filter(|r| r.hop == TgwHop::Blackhole)
                .map(|r| r.destination)
                .collect();
            for r in &table.routes {
                if r.hop == TgwHop::Blackhole
                    || r.hop == TgwHop::Attachment(att)
                    || holes.contains(&r.destination)
                {
                    continue;
                }
                out.push(Learned {
                    cidr: r.destination,
                    vpn: v.id.clone(),
                });
            }
        }
        out
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
