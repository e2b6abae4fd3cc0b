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
//! trace index keeps one per table): one hash map per prefix length in use, longest first,
//! so a lookup costs a hash probe per distinct length instead of a pass over every route.
//! It gives exactly what the scan gives; a property test holds both to [`lpm_naive`].

use crate::addr::Cidr;
use crate::catalog;
use crate::docs;
use crate::index::{At, Target};
use crate::load::Loaded;
use crate::model::{RouteTable, Vpc};
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

/// One route of a table, after adding the implicit and propagated ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EffectiveRoute {
    /// The CIDR matched against (for a prefix-list route: the list entry).
    pub destination: Cidr,
    /// For a prefix-list route: the prefix list id (`pl-63a5400a`).
    pub prefix_list: Option<String>,
    /// `local` or the target's id, as a hop shows it.
    pub target: String,
    /// The target, resolved by load.
    pub to: Target,
    pub origin: Origin,
    /// For a propagated route: how it was learned.
    pub propagation: Option<Propagation>,
}

impl EffectiveRoute {
    /// The route as a trace hop shows it.
    pub fn to_match(&self, chosen: bool) -> RouteMatch {
        match &self.prefix_list {
            Some(pl) => RouteMatch {
                destination: pl.clone(),
                prefix: Some(self.destination.to_string()),
                target: self.target.clone(),
                origin: self.origin,
                chosen,
            },
            None => RouteMatch {
                destination: self.destination.to_string(),
                prefix: None,
                target: self.target.clone(),
                origin: self.origin,
                chosen,
            },
        }
    }

    /// `10.1.0.0/16 → pcx-ab (static)`, for notes.
    pub fn describe(&self) -> String {
        let dest = match &self.prefix_list {
            Some(pl) => format!("{pl} ({})", self.destination),
            None => self.destination.to_string(),
        };
        let origin = match (self.origin, self.propagation) {
            (Origin::Local, _) => "local".to_string(),
            (Origin::Static, _) => "static".to_string(),
            (Origin::PrefixList, _) => "prefix list".to_string(),
            (Origin::Propagated, Some(p)) => format!("propagated, {}", p.label()),
            (Origin::Propagated, None) => "propagated".to_string(),
        };
        format!("{dest} → {} ({origin})", self.target)
    }

    /// Priority at equal prefix length: higher wins.
    fn rank(&self) -> u8 {
        match (self.origin, self.propagation) {
            (Origin::Local, _) => 6,
            (Origin::Static, _) => 5,
            (Origin::PrefixList, _) => 4,
            (Origin::Propagated, Some(Propagation::DirectConnect)) => 3,
            (Origin::Propagated, Some(Propagation::VpnStatic)) => 2,
            (Origin::Propagated, _) => 1,
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
                prefix_list: None,
                target: "local".to_string(),
                to: Target::Local,
                origin: Origin::Local,
                propagation: None,
            });
        }
    }
    for (j, r) in t.routes.iter().enumerate() {
        let Some(to) = ix.target(table, j) else {
            continue;
        };
        out.push(EffectiveRoute {
            destination: r.destination,
            prefix_list: None,
            target: r.target.clone(),
            to,
            origin: Origin::Static,
            propagation: None,
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
                prefix_list: Some(pl.to_string()),
                target: e.id.clone(),
                to: Target::GatewayEndpoint(at),
                origin: Origin::PrefixList,
                propagation: None,
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
                    prefix_list: None,
                    target: g.id.clone(),
                    to: Target::VpnGateway(gw),
                    origin: Origin::Propagated,
                    propagation: Some(path.how),
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
        .any(|&i| routes.get(i).is_some_and(|r| r.origin == Origin::Local));
    let mut best: Option<(usize, &EffectiveRoute)> = None;
    for &i in &matches {
        let Some(r) = routes.get(i) else { continue };
        if local_matches && r.origin == Origin::Propagated {
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
    let suppressed = rivals.iter().find(|(_, r)| {
        w.origin == Origin::Local
            && r.origin == Origin::Propagated
            && r.destination.prefix_len() >= wlen
    });
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
    match (w.origin, r.origin) {
        (Origin::Local, Origin::Propagated) => Decision::LocalOverPropagated,
        (Origin::Local, _) => Decision::LocalFirst,
        (Origin::Static, Origin::PrefixList) => Decision::StaticOverPrefixList,
        (Origin::Static, Origin::Propagated) => Decision::StaticOverPropagated,
        (Origin::PrefixList, Origin::Propagated) => Decision::PrefixListOverPropagated,
        (Origin::Propagated, Origin::Propagated) => Decision::PropagatedPriority,
        _ => Decision::Tie,
    }
}

/// One prefix length of an [`Lpm`]: the routes of that length by network address.
#[derive(Debug, Clone)]
struct Level {
    mask: u32,
    /// Network -> every route of this length on it, in table order.
    all: FxMap<u32, Vec<usize>>,
    /// Network -> the strongest route (highest rank, first in table order on a tie).
    best: FxMap<u32, usize>,
    /// The same, leaving out propagated routes: the answer when a local route matches.
    best_not_propagated: FxMap<u32, usize>,
}

/// A route table's effective routes arranged for longest-prefix match. Built once per
/// table; [`Lpm::winner`] and [`Lpm::lookup`] answer exactly what [`lookup`] answers.
#[derive(Debug, Clone)]
pub struct Lpm {
    /// Longest prefix first.
    levels: Vec<Level>,
    /// The `local` routes' blocks: when one holds the destination, propagated routes lose.
    locals: Vec<Cidr>,
}

type FxMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<crate::fx::Fx>>;

impl Lpm {
    pub fn new(routes: &[EffectiveRoute]) -> Lpm {
        let mut levels: Vec<(u8, Level)> = Vec::new();
        for (i, r) in routes.iter().enumerate() {
            let len = r.destination.prefix_len();
            let pos = match levels.iter().position(|(l, _)| *l == len) {
                Some(p) => p,
                None => {
                    levels.push((
                        len,
                        Level {
                            mask: mask(len),
                            all: FxMap::default(),
                            best: FxMap::default(),
                            best_not_propagated: FxMap::default(),
                        },
                    ));
                    levels.len() - 1
                }
            };
            let Some((_, level)) = levels.get_mut(pos) else {
                continue;
            };
            let net = u32::from(r.destination.network());
            level.all.entry(net).or_default().push(i);
            let stronger = |best: Option<&usize>| {
                best.and_then(|&b| routes.get(b))
                    .is_none_or(|b| r.rank() > b.rank())
            };
            if stronger(level.best.get(&net)) {
                level.best.insert(net, i);
            }
            if r.origin != Origin::Propagated && stronger(level.best_not_propagated.get(&net)) {
                level.best_not_propagated.insert(net, i);
            }
        }
        levels.sort_by_key(|l| std::cmp::Reverse(l.0));
        Lpm {
            levels: levels.into_iter().map(|(_, l)| l).collect(),
            locals: routes
                .iter()
                .filter(|r| r.origin == Origin::Local)
                .map(|r| r.destination)
                .collect(),
        }
    }

    /// The winning route for `dst`: `lookup(routes, dst).chosen`, without the explanation.
    pub fn winner(&self, dst: Ipv4Addr) -> Option<usize> {
        let d = u32::from(dst);
        let local = self.locals.iter().any(|c| c.contains(dst));
        self.levels.iter().find_map(|l| {
            let best = if local {
                &l.best_not_propagated
            } else {
                &l.best
            };
            best.get(&(d & l.mask)).copied()
        })
    }

    /// [`lookup`] over the same `routes` this was built from: every match, the winner, and
    /// the rule that made it win.
    pub fn lookup(&self, routes: &[EffectiveRoute], dst: Ipv4Addr) -> Lookup {
        let d = u32::from(dst);
        let mut matches: Vec<usize> = self
            .levels
            .iter()
            .filter_map(|l| l.all.get(&(d & l.mask)))
            .flatten()
            .copied()
            .collect();
        matches.sort_unstable();
        decide(routes, matches)
    }
}

/// The netmask of a prefix length (`/0` is all zeros).
fn mask(len: u8) -> u32 {
    u32::MAX
        .checked_shl(32 - u32::from(len.min(32)))
        .unwrap_or(0)
}

/// A deliberately naive reference for [`lookup`]: for each prefix length from /32 down,
/// for each priority class from local down, the first route of that class that matches.
pub fn lpm_naive(routes: &[EffectiveRoute], dst: Ipv4Addr) -> Option<usize> {
    let local_matches = routes
        .iter()
        .any(|r| r.origin == Origin::Local && r.destination.contains(dst));
    for len in (0..=32u8).rev() {
        for rank in (1..=6u8).rev() {
            let hit = routes.iter().position(|r| {
                r.destination.prefix_len() == len
                    && r.rank() == rank
                    && r.destination.contains(dst)
                    && !(local_matches && r.origin == Origin::Propagated)
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
        EffectiveRoute {
            destination: dest.parse().unwrap(),
            prefix_list: (origin == Origin::PrefixList).then(|| "pl-x".to_string()),
            target: target.to_string(),
            to: Target::Local,
            origin,
            propagation: p,
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
            let got = l.chosen.map(|c| routes[c].target.as_str());
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
