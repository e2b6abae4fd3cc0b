//! Route tables as the VPC router sees them, and the longest-prefix-match lookup.
//!
//! A table's effective routes are: the implicit `local` route for each VPC CIDR, the static
//! routes the user wrote, one prefix-list route per entry for each gateway endpoint that
//! names the table, and the routes propagated by each VPN gateway in
//! `propagating_gateways` (VPN static routes, on-prem CIDRs learned over BGP VPNs and
//! over private Direct Connect VIFs). Propagated routes stay whatever the tunnel state: AWS
//! keeps them in the table; the VPN gateway drops the packet later if its path is down.
//!
//! The lookup is a readable scan (in the style of smoltcp's `Routes::lookup`): walk every
//! route, keep the best match. "Best" is AWS's documented priority
//! (<https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html>,
//! [`docs::ROUTE_PRIORITY`]): longest prefix; at equal length static, then prefix-list, then
//! propagated (Direct Connect BGP, then VPN static, then VPN BGP); and a propagated route never
//! overrides the `local` route, even a more specific one
//! (<https://docs.aws.amazon.com/vpn/latest/s2svpn/vpn-route-priority.html>,
//! [`docs::VPN_ROUTE_PRIORITY`]). [`lpm_naive`] is an independent reference used by tests.
//!
//! [`Lpm`] is the same decision precomputed for a table that is looked up many times (the
//! trace index keeps one per table): the address space cut into spans at the routes' edges,
//! each with its winner, so a lookup is one binary search instead of a pass over every route.
//! It gives exactly what the scan gives; a property test holds both to [`lpm_naive`].

use crate::addr::Cidr;
use crate::catalog;
use crate::docs;
use crate::index::{At, Target};
use crate::load::Loaded;
use crate::model::{RouteTable, Vpc};
use crate::prefix_table::PrefixTable;
use crate::verdict::{Origin, RouteMatch};
use std::net::Ipv4Addr;

/// How a propagated route was learned. Ordered: a later variant is preferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Propagation {
    /// Learned over BGP on a Site-to-Site VPN connection.
    VpnBgp,
    /// A static route of a Site-to-Site VPN connection.
    VpnStatic,
    /// Learned over BGP on a Direct Connect private virtual interface.
    DirectConnect,
}

impl Propagation {
    pub fn label(&self) -> &'static str {
        match self {
            Propagation::VpnBgp => "VPN BGP",
            Propagation::VpnStatic => "VPN static",
            Propagation::DirectConnect => "Direct Connect BGP",
        }
    }
}

/// Where an effective route came from, each origin with what it carries: a route cannot be
/// propagated without the gateway and the way it was learned, nor a prefix-list route
/// without its list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RouteOrigin {
    /// The implicit route for one of the VPC's CIDR blocks; its target is `local`.
    Local,
    /// A route the user wrote, to `target` (an id, as written).
    Static { target: String },
    /// A gateway endpoint's route for one entry of its service's prefix list.
    PrefixList {
        /// The prefix list id (`pl-63a5400a`).
        list: String,
        /// The gateway endpoint, the route's target.
        endpoint: String,
    },
    /// Propagated into the table by a VPN gateway, the route's target.
    Propagated { gateway: String, how: Propagation },
}

impl RouteOrigin {
    /// The origin as a trace hop names it in JSON.
    pub fn kind(&self) -> Origin {
        match self {
            RouteOrigin::Local => Origin::Local,
            RouteOrigin::Static { .. } => Origin::Static,
            RouteOrigin::PrefixList { .. } => Origin::PrefixList,
            RouteOrigin::Propagated { .. } => Origin::Propagated,
        }
    }
}

/// One route of a table, after adding the implicit and propagated ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EffectiveRoute {
    /// The CIDR matched against (for a prefix-list route: the list entry).
    pub destination: Cidr,
    /// The target, resolved by load.
    pub to: Target,
    pub origin: RouteOrigin,
}

impl EffectiveRoute {
    /// `local` or the target's id.
    pub fn target(&self) -> &str {
        match &self.origin {
            RouteOrigin::Local => "local",
            RouteOrigin::Static { target } => target,
            RouteOrigin::PrefixList { endpoint, .. } => endpoint,
            RouteOrigin::Propagated { gateway, .. } => gateway,
        }
    }

    fn is_local(&self) -> bool {
        self.origin == RouteOrigin::Local
    }

    fn is_propagated(&self) -> bool {
        matches!(self.origin, RouteOrigin::Propagated { .. })
    }

    /// The route as a trace hop shows it.
    pub fn to_match(&self, chosen: bool) -> RouteMatch {
        let (destination, prefix) = match &self.origin {
            RouteOrigin::PrefixList { list, .. } => {
                (list.clone(), Some(self.destination.to_string()))
            }
            _ => (self.destination.to_string(), None),
        };
        RouteMatch {
            destination,
            prefix,
            target: self.target().to_string(),
            origin: self.origin.kind(),
            chosen,
        }
    }

    /// `10.1.0.0/16 → pcx-ab (static)`, for notes.
    pub fn describe(&self) -> String {
        let (dest, origin) = match &self.origin {
            RouteOrigin::Local => (self.destination.to_string(), "local".to_string()),
            RouteOrigin::Static { .. } => (self.destination.to_string(), "static".to_string()),
            RouteOrigin::PrefixList { list, .. } => (
                format!("{list} ({})", self.destination),
                "prefix list".to_string(),
            ),
            RouteOrigin::Propagated { how, .. } => (
                self.destination.to_string(),
                format!("propagated, {}", how.label()),
            ),
        };
        format!("{dest} → {} ({origin})", self.target())
    }

    /// Priority at equal prefix length: higher wins.
    fn rank(&self) -> u8 {
        match &self.origin {
            RouteOrigin::Local => 6,
            RouteOrigin::Static { .. } => 5,
            RouteOrigin::PrefixList { .. } => 4,
            RouteOrigin::Propagated { how, .. } => match how {
                Propagation::DirectConnect => 3,
                Propagation::VpnStatic => 2,
                Propagation::VpnBgp => 1,
            },
        }
    }
}

/// Every route of `table`, in this order: local, static (as written), prefix-list,
/// propagated. Every target comes resolved from the load index.
pub fn effective_routes(l: &Loaded, table: At<RouteTable>) -> Vec<EffectiveRoute> {
    let ix = l.index();
    let Some(t) = l.get(table) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(vpc) = l.lookup::<Vpc>(&t.vpc) {
        for c in &vpc.cidrs {
            out.push(EffectiveRoute {
                destination: *c,
                to: Target::Local,
                origin: RouteOrigin::Local,
            });
        }
    }
    for (j, r) in t.routes.iter().enumerate() {
        let Some(to) = ix.target(table, j) else {
            continue;
        };
        out.push(EffectiveRoute {
            destination: r.destination,
            to,
            origin: RouteOrigin::Static {
                target: r.target.clone(),
            },
        });
    }
    // Gateway endpoints add their prefix-list route to the tables they name.
    // https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html
    for &at in ix.table_endpoints(table) {
        let Some(e) = l.get(at) else { continue };
        let Some(entry) = catalog::by_endpoint_service(&e.service) else {
            continue;
        };
        let Some(pl) = entry.prefix_list else {
            continue;
        };
        for c in entry.ranges() {
            out.push(EffectiveRoute {
                destination: c,
                to: Target::GatewayEndpoint(at),
                origin: RouteOrigin::PrefixList {
                    list: pl.to_string(),
                    endpoint: e.id.clone(),
                },
            });
        }
    }
    // Route propagation from attached VPN gateways (crate::vgw has their paths).
    for &gw in ix.propagating(table) {
        let Some(g) = l.get(gw) else { continue };
        if g.vpc.as_deref() != Some(t.vpc.as_str()) {
            continue;
        }
        for path in crate::vgw::paths(l, gw) {
            for cidr in path.cidrs {
                let route = EffectiveRoute {
                    destination: *cidr,
                    to: Target::VpnGateway(gw),
                    origin: RouteOrigin::Propagated {
                        gateway: g.id.clone(),
                        how: path.how,
                    },
                };
                if !out.contains(&route) {
                    out.push(route);
                }
            }
        }
    }
    out
}

/// The rule that decided a lookup, each with a sentence a learner reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decision {
    /// Nothing matched.
    NoMatch,
    /// Exactly one route matched.
    OnlyMatch,
    /// The most specific matching route won.
    LongestPrefix,
    /// Equal length: a static route beats a prefix-list route.
    StaticOverPrefixList,
    /// Equal length: a static route beats a propagated route.
    StaticOverPropagated,
    /// Equal length: a prefix-list route beats a propagated route.
    PrefixListOverPropagated,
    /// Equal length, both propagated: Direct Connect BGP, then VPN static, then VPN BGP.
    PropagatedPriority,
    /// The local route stands even against an equally or more specific propagated route.
    LocalOverPropagated,
    /// The local route for the VPC's own range wins at equal length.
    LocalFirst,
    /// Two routes are equally good; the first listed is used.
    Tie,
}

impl Decision {
    pub fn sentence(&self) -> &'static str {
        match self {
            Decision::NoMatch => "no route in the table matches the destination",
            Decision::OnlyMatch => "it is the only route that matches the destination",
            Decision::LongestPrefix => "the most specific route (longest prefix) wins",
            Decision::StaticOverPrefixList => {
                "at equal prefix length a static route beats a prefix-list route"
            }
            Decision::StaticOverPropagated => {
                "at equal prefix length a static route beats a propagated route"
            }
            Decision::PrefixListOverPropagated => {
                "at equal prefix length a prefix-list route beats a propagated route"
            }
            Decision::PropagatedPriority => {
                "among propagated routes of equal length, Direct Connect BGP beats VPN static, which beats VPN BGP"
            }
            Decision::LocalOverPropagated => {
                "a propagated route never overrides the local route, even a more specific one, so traffic to the VPC's own range stays in the VPC"
            }
            Decision::LocalFirst => "the local route for the VPC's own range wins at equal length",
            Decision::Tie => "the matching routes are equally good, so the first listed is used",
        }
    }
    /// The AWS page behind the rule.
    pub fn doc(&self) -> &'static str {
        match self {
            Decision::LocalOverPropagated | Decision::PropagatedPriority => {
                docs::VPN_ROUTE_PRIORITY
            }
            _ => docs::ROUTE_PRIORITY,
        }
    }
}

/// The outcome of a lookup: every matching route (indices into the routes, in table
/// order), the winner, and the rule that decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    pub matches: Vec<usize>,
    pub chosen: Option<usize>,
    pub decision: Decision,
    /// The strongest route that lost, when one did.
    pub runner_up: Option<usize>,
}

impl Lookup {
    /// The matching routes as a hop shows them, the winner marked.
    pub fn route_matches(&self, routes: &[EffectiveRoute]) -> Vec<RouteMatch> {
        self.matches
            .iter()
            .filter_map(|&i| routes.get(i).map(|r| r.to_match(Some(i) == self.chosen)))
            .collect()
    }
    /// One sentence: which route won and why.
    pub fn explain(&self, routes: &[EffectiveRoute]) -> String {
        let Some(w) = self.chosen.and_then(|i| routes.get(i)) else {
            return "No route in the table matches the destination.".to_string();
        };
        match self.runner_up.and_then(|i| routes.get(i)) {
            Some(r) => format!(
                "{} wins over {}: {}.",
                w.describe(),
                r.describe(),
                self.decision.sentence()
            ),
            None => format!("{} wins: {}.", w.describe(), self.decision.sentence()),
        }
    }
}

/// Longest prefix match with AWS's priorities, as a single scan.
pub fn lookup(routes: &[EffectiveRoute], dst: Ipv4Addr) -> Lookup {
    let matches: Vec<usize> = routes
        .iter()
        .enumerate()
        .filter(|(_, r)| r.destination.contains(dst))
        .map(|(i, _)| i)
        .collect();
    decide(routes, matches)
}

/// The winner among `matches` (indices of the routes holding the destination, in table
/// order) and the rule that made it win.
fn decide(routes: &[EffectiveRoute], matches: Vec<usize>) -> Lookup {
    let local_matches = matches
        .iter()
        .any(|&i| routes.get(i).is_some_and(EffectiveRoute::is_local));
    let mut best: Option<(usize, &EffectiveRoute)> = None;
    for &i in &matches {
        let Some(r) = routes.get(i) else { continue };
        if local_matches && r.is_propagated() {
            continue; // never overrides local
        }
        let better = match best {
            None => true,
            Some((_, b)) => {
                (r.destination.prefix_len(), r.rank()) > (b.destination.prefix_len(), b.rank())
            }
        };
        if better {
            best = Some((i, r));
        }
    }
    let Some((wi, w)) = best else {
        return Lookup {
            matches,
            chosen: None,
            decision: Decision::NoMatch,
            runner_up: None,
        };
    };
    let rivals: Vec<(usize, &EffectiveRoute)> = matches
        .iter()
        .filter(|&&i| i != wi)
        .filter_map(|&i| routes.get(i).map(|r| (i, r)))
        .collect();
    let wlen = w.destination.prefix_len();
    // Pick the rival that explains the decision best.
    let suppressed = rivals
        .iter()
        .find(|(_, r)| w.is_local() && r.is_propagated() && r.destination.prefix_len() >= wlen);
    let same_len = rivals
        .iter()
        .filter(|(_, r)| r.destination.prefix_len() == wlen)
        .max_by_key(|(_, r)| r.rank());
    let (decision, runner_up) = if rivals.is_empty() {
        (Decision::OnlyMatch, None)
    } else if let Some((i, _)) = suppressed {
        (Decision::LocalOverPropagated, Some(*i))
    } else if let Some((i, r)) = same_len {
        (pair_decision(w, r), Some(*i))
    } else {
        let longest = rivals
            .iter()
            .max_by_key(|(_, r)| (r.destination.prefix_len(), r.rank()))
            .map(|(i, _)| *i);
        (Decision::LongestPrefix, longest)
    };
    Lookup {
        matches,
        chosen: Some(wi),
        decision,
        runner_up,
    }
}

fn pair_decision(w: &EffectiveRoute, r: &EffectiveRoute) -> Decision {
    if w.rank() == r.rank() {
        return Decision::Tie;
    }
    match (w.origin.kind(), r.origin.kind()) {
        (Origin::Local, Origin::Propagated) => Decision::LocalOverPropagated,
        (Origin::Local, _) => Decision::LocalFirst,
        (Origin::Static, Origin::PrefixList) => Decision::StaticOverPrefixList,
        (Origin::Static, Origin::Propagated) => Decision::StaticOverPropagated,
        (Origin::PrefixList, Origin::Propagated) => Decision::PrefixListOverPropagated,
        (Origin::Propagated, Origin::Propagated) => Decision::PropagatedPriority,
        _ => Decision::Tie,
    }
}

/// A route table's effective routes arranged for longest-prefix match. Built once per
/// table; [`Lpm::winner`] and [`Lpm::lookup`] answer exactly what [`lookup`] answers.
#[derive(Debug, Clone)]
pub struct Lpm {
    /// Three classes: every route ([`Lpm::EVERY`]), every route but the propagated ones
    /// ([`Lpm::NOT_PROPAGATED`], the answer when a `local` route holds the destination),
    /// and the `local` routes ([`Lpm::LOCAL`], whether one does).
    table: PrefixTable<3>,
}

impl Lpm {
    const EVERY: usize = 0;
    const NOT_PROPAGATED: usize = 1;
    const LOCAL: usize = 2;

    pub fn new(routes: &[EffectiveRoute]) -> Lpm {
        Lpm {
            table: PrefixTable::new(
                routes,
                |r| r.destination,
                EffectiveRoute::rank,
                [|_| true, |r| !r.is_propagated(), EffectiveRoute::is_local],
            ),
        }
    }

    /// The winning route for `dst`: `lookup(routes, dst).chosen`, without the explanation.
    /// A propagated route never overrides a `local` route holding `dst`.
    pub fn winner(&self, dst: Ipv4Addr) -> Option<usize> {
        let w = self.table.winners(dst);
        let class = if w[Lpm::LOCAL].is_some() {
            Lpm::NOT_PROPAGATED
        } else {
            Lpm::EVERY
        };
        w[class]
    }

    /// [`lookup`] over the same `routes` this was built from: every match, the winner, and
    /// the rule that made it win.
    pub fn lookup(&self, routes: &[EffectiveRoute], dst: Ipv4Addr) -> Lookup {
        decide(routes, self.table.matches(dst))
    }
}

/// A deliberately naive reference for [`lookup`]: for each prefix length from /32 down,
/// for each priority class from local down, the first route of that class that matches.
pub fn lpm_naive(routes: &[EffectiveRoute], dst: Ipv4Addr) -> Option<usize> {
    let local_matches = routes
        .iter()
        .any(|r| r.is_local() && r.destination.contains(dst));
    for len in (0..=32u8).rev() {
        for rank in (1..=6u8).rev() {
            let hit = routes.iter().position(|r| {
                r.destination.prefix_len() == len
                    && r.rank() == rank
                    && r.destination.contains(dst)
                    && !(local_matches && r.is_propagated())
            });
            if hit.is_some() {
                return hit;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(dest: &str, target: &str, origin: Origin, p: Option<Propagation>) -> EffectiveRoute {
        let target = target.to_string();
        let origin = match (origin, p) {
            (Origin::Local, _) => RouteOrigin::Local,
            (Origin::Static, _) => RouteOrigin::Static { target },
            (Origin::PrefixList, _) => RouteOrigin::PrefixList {
                list: "pl-x".to_string(),
                endpoint: target,
            },
            (Origin::Propagated, how) => RouteOrigin::Propagated {
                gateway: target,
                how: how.expect("a propagated route says how"),
            },
        };
        EffectiveRoute {
            destination: dest.parse().unwrap(),
            to: Target::Local,
            origin,
        }
    }

    #[test]
    fn priority_table() {
        use Origin::*;
        use Propagation::*;
        let local = || r("10.0.0.0/16", "local", Local, None);
        // (routes, destination, expected winner target, expected decision)
        let cases: Vec<(Vec<EffectiveRoute>, &str, Option<&str>, Decision)> = vec![
            (
                vec![local()],
                "10.0.1.1",
                Some("local"),
                Decision::OnlyMatch,
            ),
            (vec![local()], "10.9.1.1", None, Decision::NoMatch),
            (
                vec![
                    r("10.1.0.0/16", "pcx-a", Static, None),
                    r("10.1.2.0/24", "pcx-b", Static, None),
                ],
                "10.1.2.3",
                Some("pcx-b"),
                Decision::LongestPrefix,
            ),
            (
                vec![
                    r("52.216.0.0/15", "vpce", PrefixList, None),
                    r("52.216.0.0/15", "nat", Static, None),
                ],
                "52.216.1.1",
                Some("nat"),
                Decision::StaticOverPrefixList,
            ),
            (
                vec![
                    r("192.168.0.0/16", "vgw", Propagated, Some(VpnBgp)),
                    r("192.168.0.0/16", "pcx", Static, None),
                ],
                "192.168.1.1",
                Some("pcx"),
                Decision::StaticOverPropagated,
            ),
            (
                vec![
                    r("52.216.0.0/15", "vgw", Propagated, Some(DirectConnect)),
                    r("52.216.0.0/15", "vpce", PrefixList, None),
                ],
                "52.216.1.1",
                Some("vpce"),
                Decision::PrefixListOverPropagated,
            ),
            (
                vec![
                    r("192.168.0.0/16", "vgw-bgp", Propagated, Some(VpnBgp)),
                    r("192.168.0.0/16", "vgw-static", Propagated, Some(VpnStatic)),
                    r("192.168.0.0/16", "vgw-dx", Propagated, Some(DirectConnect)),
                ],
                "192.168.1.1",
                Some("vgw-dx"),
                Decision::PropagatedPriority,
            ),
            (
                vec![
                    r("192.168.0.0/16", "vgw-bgp", Propagated, Some(VpnBgp)),
                    r("192.168.0.0/16", "vgw-static", Propagated, Some(VpnStatic)),
                ],
                "192.168.1.1",
                Some("vgw-static"),
                Decision::PropagatedPriority,
            ),
            (
                vec![local(), r("10.0.5.0/24", "vgw", Propagated, Some(VpnBgp))],
                "10.0.5.1",
                Some("local"),
                Decision::LocalOverPropagated,
            ),
            (
                vec![local(), r("10.0.5.0/24", "appliance", Static, None)],
                "10.0.5.1",
                Some("appliance"),
                Decision::LongestPrefix,
            ),
            (
                vec![
                    r("0.0.0.0/0", "igw-1", Static, None),
                    r("0.0.0.0/0", "igw-2", Static, None),
                ],
                "8.8.8.8",
                Some("igw-1"),
                Decision::Tie,
            ),
        ];
        for (i, (routes, dst, want, decision)) in cases.iter().enumerate() {
            let l = lookup(routes, dst.parse().unwrap());
            let got = l.chosen.map(|c| routes[c].target());
            assert_eq!(got, *want, "case {i}");
            assert_eq!(l.decision, *decision, "case {i}");
            assert_eq!(
                l.chosen,
                lpm_naive(routes, dst.parse().unwrap()),
                "case {i}"
            );
            assert!(!l.explain(routes).is_empty());
        }
    }
}
