//! Transit gateway route tables as the transit gateway sees them (`docs/scenario-format.md`
//! T6), and their longest-prefix-match lookup. Shaped like `routing.rs`, the VPC router's.
//!
//! A table's effective routes are its static routes as written (a `blackhole`, or an
//! attachment; a route to an attachment of another transit gateway is a blackhole), then
//! the routes propagated by the attachments its `propagations` list, taken in document
//! order of the attachments: a VPC attachment propagates its VPC's CIDRs, a VPN attachment
//! with BGP routing the on-premises CIDRs behind its customer gateway; a VPN attachment with
//! static routing and a peering attachment propagate nothing. A VPC with any CIDR equal to
//! or overlapping one already propagated into the table (by a VPC or a VPN) is not
//! propagated there at all; VPN propagations are never left out. Each route keeps its
//! origin (the static route, or the attachment it was propagated from), and each listed
//! propagation that adds nothing keeps why ([`LeftOut`]).
//! <https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html> ([`docs::TGW_ROUTE_TABLES`]).
//!
//! The lookup is AWS's route evaluation order
//! (<https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html>,
//! [`docs::TGW_HOW_IT_WORKS`]): longest prefix; at equal length a static route (a blackhole
//! too) beats a propagated one, and a route propagated by a VPC attachment beats one
//! propagated by a VPN attachment; equal kind: the first listed. [`lookup`] is the readable
//! scan, [`TgwLpm`] the same decision precomputed per table (spans of addresses, each with
//! its winner, found by one binary search),
//! [`tgw_lpm_naive`] the independent reference a property test holds both to.

use crate::addr::Cidr;
use crate::docs;
use crate::fx::Fx;
use crate::index::{At, Attached, TgwTarget};
use crate::load::Loaded;
use crate::model::{
    OnpremNetwork, TgwAttachment, TgwRouteTable, Vpc, VpnConnection, VpnRouting, BLACKHOLE,
};
use crate::prefix_table::{mask, PrefixTable};
use crate::verdict::{Origin, RouteMatch};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::net::Ipv4Addr;

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;
type FxSet<K> = HashSet<K, BuildHasherDefault<Fx>>;

/// Where a transit gateway route sends matching packets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TgwHop {
    /// Dropped (`BLACKHOLE_ROUTE`).
    Blackhole,
    /// Out of the transit gateway by this attachment (T7).
    Attachment(At<TgwAttachment>),
}

/// Where an effective transit gateway route came from, each with what it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TgwOrigin {
    /// Static route `route` of the table (its index in `routes`), with its target as
    /// written: an attachment of another transit gateway makes the route a blackhole.
    Static { route: usize, written: TgwTarget },
    /// Propagated by a VPC attachment: one of its VPC's CIDRs.
    FromVpc {
        attachment: At<TgwAttachment>,
        vpc: At<Vpc>,
    },
    /// Propagated over BGP by a VPN attachment: one of the on-premises CIDRs behind its
    /// customer gateway.
    FromVpn {
        attachment: At<TgwAttachment>,
        vpn: At<VpnConnection>,
        network: At<OnpremNetwork>,
    },
}

impl TgwOrigin {
    /// The attachment a propagated route came from.
    pub fn propagated_from(self) -> Option<At<TgwAttachment>> {
        match self {
            TgwOrigin::Static { .. } => None,
            TgwOrigin::FromVpc { attachment, .. } | TgwOrigin::FromVpn { attachment, .. } => {
                Some(attachment)
            }
        }
    }
}

/// One effective route of a transit gateway route table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TgwRoute {
    pub destination: Cidr,
    pub hop: TgwHop,
    pub origin: TgwOrigin,
}

impl TgwRoute {
    /// Priority at equal prefix length: higher wins (T6).
    fn rank(&self) -> u8 {
        match self.origin {
            TgwOrigin::Static { .. } => 3,
            TgwOrigin::FromVpc { .. } => 2,
            TgwOrigin::FromVpn { .. } => 1,
        }
    }
    /// `blackhole` or the attachment's id.
    pub fn target<'l>(&self, l: &'l Loaded) -> &'l str {
        match self.hop {
            TgwHop::Blackhole => BLACKHOLE,
            TgwHop::Attachment(a) => l.get(a).map(|a| a.id.as_str()).unwrap_or(""),
        }
    }
    /// The route as a trace hop shows it (its target is the attachment a propagated route
    /// came from).
    pub fn to_match(&self, l: &Loaded, chosen: bool) -> RouteMatch {
        RouteMatch {
            destination: self.destination.to_string(),
            prefix: None,
            target: self.target(l).to_string(),
            origin: match self.origin {
                TgwOrigin::Static { .. } => Origin::Static,
                _ => Origin::Propagated,
            },
            chosen,
        }
    }
    /// `10.1.0.0/16 → tgw-attach-b (propagated from vpc-b)`, for notes.
    pub fn describe(&self, l: &Loaded) -> String {
        let origin = match self.origin {
            TgwOrigin::Static {
                written: TgwTarget::Attachment(a),
                ..
            } if self.hop == TgwHop::Blackhole => format!(
                "static, to {}, an attachment of another transit gateway: a blackhole",
                l.get(a).map(|a| a.id.as_str()).unwrap_or("")
            ),
            TgwOrigin::Static { .. } => "static".to_string(),
            TgwOrigin::FromVpc { vpc, .. } => format!(
                "propagated from {}",
                l.get(vpc).map(|v| v.id.as_str()).unwrap_or("")
            ),
            TgwOrigin::FromVpn { vpn, .. } => format!(
                "propagated over BGP from {}",
                l.get(vpn).map(|v| v.id.as_str()).unwrap_or("")
            ),
        };
        format!("{} → {} ({origin})", self.destination, self.target(l))
    }
}

/// Why an attachment a table lists in `propagations` adds no route to it (T6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LeftOut {
    /// A VPC with a CIDR equal to or overlapping one already propagated into the table:
    /// none of its CIDRs is propagated (`TGW_OVERLAPPING_PROPAGATION`).
    Overlapping {
        attachment: At<TgwAttachment>,
        /// Its CIDR that overlaps.
        cidr: Cidr,
        /// The attachment that propagated the CIDR first, and that CIDR.
        with: At<TgwAttachment>,
        existing: Cidr,
    },
    /// A peering attachment: static routes only (`TGW_PEERING_PROPAGATION`).
    Peering { attachment: At<TgwAttachment> },
    /// A VPN attachment whose connection uses static routing: nothing to propagate.
    StaticVpn { attachment: At<TgwAttachment> },
    /// An attachment that carries nothing (a VPN attachment that is not its VPN's, a
    /// peering with its own transit gateway).
    NotCarried { attachment: At<TgwAttachment> },
    /// An attachment of another transit gateway (`TGW_ATTACHMENT_OTHER_TGW`).
    OtherTgw { attachment: At<TgwAttachment> },
}

impl LeftOut {
    /// The attachment left out.
    pub fn attachment(self) -> At<TgwAttachment> {
        match self {
            LeftOut::Overlapping { attachment, .. }
            | LeftOut::Peering { attachment }
            | LeftOut::StaticVpn { attachment }
            | LeftOut::NotCarried { attachment }
            | LeftOut::OtherTgw { attachment } => attachment,
        }
    }
}

/// A transit gateway route table's effective routes: static ones first (as written), then
/// propagated ones (document order of the attachments, each VPC's or network's CIDRs in
/// order), and the listed propagations that add nothing, with why.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TgwTable {
    pub routes: Vec<TgwRoute>,
    pub left_out: Vec<LeftOut>,
}

/// The CIDRs propagated into a table so far, for the overlap rule: a CIDR overlaps one of
/// them when one contains the other.
#[derive(Default)]
struct Propagated {
    /// Every propagated CIDR by its network address (for ones inside a new CIDR).
    by_network: BTreeMap<u32, Vec<(Cidr, At<TgwAttachment>)>>,
    /// Every propagated CIDR by (prefix length, network) (for ones holding a new CIDR).
    exact: FxMap<(u8, u32), At<TgwAttachment>>,
    lengths: FxSet<u8>,
}

impl Propagated {
    fn add(&mut self, c: Cidr, from: At<TgwAttachment>) {
        let net = u32::from(c.network());
        self.by_network.entry(net).or_default().push((c, from));
        self.exact.entry((c.prefix_len(), net)).or_insert(from);
        self.lengths.insert(c.prefix_len());
    }
    /// A propagated CIDR equal to or overlapping `c`, with its attachment.
    fn overlapping(&self, c: Cidr) -> Option<(Cidr, At<TgwAttachment>)> {
        let net = u32::from(c.network());
        let last = net | !mask(c.prefix_len());
        // One inside `c` (or equal): its network is in `c`'s range.
        let inside = self
            .by_network
            .range(net..=last)
            .flat_map(|(_, v)| v.iter())
            .find(|(p, _)| c.contains(p.network()));
        if let Some(&(p, a)) = inside {
            return Some((p, a));
        }
        // One holding `c`: `c`'s network masked to that one's length.
        let mut lens: Vec<u8> = self
            .lengths
            .iter()
            .copied()
            .filter(|l| *l <= c.prefix_len())
            .collect();
        lens.sort_unstable();
        lens.into_iter().find_map(|len| {
            let n = net & mask(len);
            let a = *self.exact.get(&(len, n))?;
            Some((Cidr::new_truncated(Ipv4Addr::from(n), len)?, a))
        })
    }
}

/// Every effective route of `table`, and the propagations left out (T6).
pub fn table(l: &Loaded, table: At<TgwRouteTable>) -> TgwTable {
    let ix = l.index();
    let mut out = TgwTable::default();
    let (Some(t), Some(tgw)) = (l.get(table), ix.tgw_table_tgw(table)) else {
        return out;
    };
    for (j, r) in t.routes.iter().enumerate() {
        let Some(written) = ix.tgw_target(table, j) else {
            continue;
        };
        let hop = match written {
            TgwTarget::Attachment(a) if ix.tgw_attachment(a).is_some_and(|x| x.touches(tgw)) => {
                TgwHop::Attachment(a)
            }
            _ => TgwHop::Blackhole,
        };
        out.routes.push(TgwRoute {
            destination: r.destination,
            hop,
            origin: TgwOrigin::Static { route: j, written },
        });
    }
    // Propagations in document order of the attachments, each once.
    let mut listed: Vec<At<TgwAttachment>> = ix.tgw_propagations(table).to_vec();
    crate::stable_sort::sort_by_key(&mut listed, |a| a.pos());
    listed.dedup();
    let mut seen = Propagated::default();
    for attachment in listed {
        propagate(l, tgw, attachment, &mut seen, &mut out);
    }
    out
}

/// What one listed propagation adds to the table (or why nothing).
fn propagate(
    l: &Loaded,
    tgw: At<crate::model::TransitGateway>,
    attachment: At<TgwAttachment>,
    seen: &mut Propagated,
    out: &mut TgwTable,
) {
    let Some(a) = l.index().tgw_attachment(attachment) else {
        return;
    };
    let left_out = if !a.touches(tgw) {
        Some(LeftOut::OtherTgw { attachment })
    } else if !a.carries {
        Some(LeftOut::NotCarried { attachment })
    } else {
        None
    };
    if let Some(why) = left_out {
        out.left_out.push(why);
        return;
    }
    match a.attached {
        Attached::Vpc(vpc) => {
            let cidrs = l.get(vpc).map(|v| v.cidrs.as_slice()).unwrap_or_default();
            let clash = cidrs
                .iter()
                .find_map(|c| seen.overlapping(*c).map(|(p, w)| (*c, p, w)));
            if let Some((cidr, existing, with)) = clash {
                out.left_out.push(LeftOut::Overlapping {
                    attachment,
                    cidr,
                    with,
                    existing,
                });
                return;
            }
            for &c in cidrs {
                seen.add(c, attachment);
                out.routes.push(TgwRoute {
                    destination: c,
                    hop: TgwHop::Attachment(attachment),
                    origin: TgwOrigin::FromVpc { attachment, vpc },
                });
            }
        }
        Attached::Vpn { vpn, network } => {
            if l.get(vpn).map(|v| v.routing) != Some(VpnRouting::Bgp) {
                out.left_out.push(LeftOut::StaticVpn { attachment });
                return;
            }
            let cidrs = l
                .get(network)
                .map(|n| n.cidrs.as_slice())
                .unwrap_or_default();
            for &c in cidrs {
                seen.add(c, attachment);
                out.routes.push(TgwRoute {
                    destination: c,
                    hop: TgwHop::Attachment(attachment),
                    origin: TgwOrigin::FromVpn {
                        attachment,
                        vpn,
                        network,
                    },
                });
            }
        }
        Attached::Peering(_) => out.left_out.push(LeftOut::Peering { attachment }),
    }
}

/// The rule that decided a lookup, each with a sentence a learner reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TgwDecision {
    /// Nothing matched (`NO_ROUTE`).
    NoMatch,
    /// Exactly one route matched.
    OnlyMatch,
    /// The most specific matching route won.
    LongestPrefix,
    /// Equal length: a static route (a blackhole too) beats a propagated one.
    StaticOverPropagated,
    /// Equal length, both propagated: a VPC attachment's route beats a VPN attachment's.
    VpcOverVpn,
    /// Equal length and kind: the first listed is used.
    FirstListed,
}

impl TgwDecision {
    pub fn sentence(self) -> &'static str {
        match self {
            TgwDecision::NoMatch => "no route in the transit gateway route table matches the destination",
            TgwDecision::OnlyMatch => "it is the only route that matches the destination",
            TgwDecision::LongestPrefix => "the most specific route (longest prefix) wins",
            TgwDecision::StaticOverPropagated => {
                "at equal prefix length a static route beats a propagated route"
            }
            TgwDecision::VpcOverVpn => {
                "at equal prefix length a route propagated by a VPC attachment beats one propagated by a VPN attachment"
            }
            TgwDecision::FirstListed => {
                "the matching routes are equally good, so the first listed is used"
            }
        }
    }
    /// The AWS page behind the rule.
    pub fn doc(self) -> &'static str {
        docs::TGW_HOW_IT_WORKS
    }
}

/// The outcome of a lookup: every matching route (indices into the table's routes, in
/// table order), the winner, the rule that decided and the strongest route that lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TgwLookup {
    pub matches: Vec<usize>,
    pub chosen: Option<usize>,
    pub decision: TgwDecision,
    pub runner_up: Option<usize>,
}

impl TgwLookup {
    /// The matching routes as a hop shows them, the winner marked.
    pub fn route_matches(&self, l: &Loaded, routes: &[TgwRoute]) -> Vec<RouteMatch> {
        self.matches
            .iter()
            .filter_map(|&i| routes.get(i).map(|r| r.to_match(l, Some(i) == self.chosen)))
            .collect()
    }
    /// One sentence: which route won and why.
    pub fn explain(&self, l: &Loaded, routes: &[TgwRoute]) -> String {
        let Some(w) = self.chosen.and_then(|i| routes.get(i)) else {
            return "No route in the transit gateway route table matches the destination."
                .to_string();
        };
        match self.runner_up.and_then(|i| routes.get(i)) {
            Some(r) => format!(
                "{} wins over {}: {}.",
                w.describe(l),
                r.describe(l),
                self.decision.sentence()
            ),
            None => format!("{} wins: {}.", w.describe(l), self.decision.sentence()),
        }
    }
}

/// Longest prefix match with the transit gateway's priorities, as a single scan.
pub fn lookup(routes: &[TgwRoute], dst: Ipv4Addr) -> TgwLookup {
    let matches: Vec<usize> = routes
        .iter()
        .enumerate()
        .filter(|(_, r)| r.destination.contains(dst))
        .map(|(i, _)| i)
        .collect();
    decide(routes, matches)
}

/// The winner among `matches` (in table order) and the rule that made it win.
fn decide(routes: &[TgwRoute], matches: Vec<usize>) -> TgwLookup {
    let key = |r: &TgwRoute| (r.destination.prefix_len(), r.rank());
    let mut best: Option<(usize, &TgwRoute)> = None;
    for &i in &matches {
        let Some(r) = routes.get(i) else { continue };
        if best.is_none_or(|(_, b)| key(r) > key(b)) {
            best = Some((i, r));
        }
    }
    let Some((wi, w)) = best else {
        return TgwLookup {
            matches,
            chosen: None,
            decision: TgwDecision::NoMatch,
            runner_up: None,
        };
    };
    // The strongest rival: longest, then highest rank, then first listed.
    let mut rival: Option<(usize, &TgwRoute)> = None;
    for &i in matches.iter().filter(|&&i| i != wi) {
        let Some(r) = routes.get(i) else { continue };
        if rival.is_none_or(|(_, b)| key(r) > key(b)) {
            rival = Some((i, r));
        }
    }
    let decision = match rival {
        None => TgwDecision::OnlyMatch,
        Some((_, r)) if r.destination.prefix_len() < w.destination.prefix_len() => {
            TgwDecision::LongestPrefix
        }
        Some((_, r)) => match (w.rank(), r.rank()) {
            (a, b) if a == b => TgwDecision::FirstListed,
            (3, _) => TgwDecision::StaticOverPropagated,
            _ => TgwDecision::VpcOverVpn,
        },
    };
    TgwLookup {
        matches,
        chosen: Some(wi),
        decision,
        runner_up: rival.map(|(i, _)| i),
    }
}

/// A transit gateway table's routes arranged for longest-prefix match, built once per
/// table; [`TgwLpm::winner`] and [`TgwLpm::lookup`] answer exactly what [`lookup`] answers.
#[derive(Debug, Clone)]
pub struct TgwLpm {
    /// One class: every route.
    table: PrefixTable<1>,
}

impl TgwLpm {
    pub fn new(routes: &[TgwRoute]) -> TgwLpm {
        TgwLpm {
            table: PrefixTable::new(routes, |r| r.destination, TgwRoute::rank, [|_| true]),
        }
    }

    /// The winning route for `dst`: `lookup(routes, dst).chosen`, without the explanation.
    pub fn winner(&self, dst: Ipv4Addr) -> Option<usize> {
        self.table.winner(0, dst)
    }

    /// [`lookup`] over the same `routes` this was built from.
    pub fn lookup(&self, routes: &[TgwRoute], dst: Ipv4Addr) -> TgwLookup {
        decide(routes, self.table.matches(dst))
    }
}

/// A deliberately naive reference for [`lookup`]: for each prefix length from /32 down,
/// for each kind from static down, the first route of that kind that matches.
pub fn tgw_lpm_naive(routes: &[TgwRoute], dst: Ipv4Addr) -> Option<usize> {
    for len in (0..=32u8).rev() {
        for rank in (1..=3u8).rev() {
            let hit = routes.iter().position(|r| {
                r.destination.prefix_len() == len && r.rank() == rank && r.destination.contains(dst)
            });
            if hit.is_some() {
                return hit;
            }
        }
    }
    None
}

/// Why a route the learner may expect is not in a table (the inspector's "why is it
/// missing").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Absent {
    /// The attachment the packet came in by has no route table on this transit gateway
    /// (T5: the packet is dropped there).
    NotAssociated { attachment: At<TgwAttachment> },
    /// An attachment whose network holds the destination is not in the table's
    /// `propagations`.
    NotPropagated { attachment: At<TgwAttachment> },
    /// It is listed, but adds nothing, for this reason.
    LeftOut(LeftOut),
}

/// [`Absent::NotAssociated`] when `attachment` has no table on `tgw`'s side.
pub fn association_absent(
    l: &Loaded,
    attachment: At<TgwAttachment>,
    tgw: At<crate::model::TransitGateway>,
) -> Option<Absent> {
    l.index()
        .tgw_association(attachment, tgw)
        .is_none()
        .then_some(Absent::NotAssociated { attachment })
}

/// The attachments of `t`'s transit gateway whose network (a VPC's CIDRs, the on-premises
/// CIDRs behind a VPN) holds `dst` but that propagate no route holding `dst` into the table,
/// each with why, in document order.
pub fn missing(
    l: &Loaded,
    table_at: At<TgwRouteTable>,
    t: &TgwTable,
    dst: Ipv4Addr,
) -> Vec<Absent> {
    let ix = l.index();
    let Some(tgw) = ix.tgw_table_tgw(table_at) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for &attachment in ix.tgw_attachments(tgw) {
        let Some(a) = ix.tgw_attachment(attachment) else {
            continue;
        };
        let cidrs = match a.attached {
            Attached::Vpc(vpc) => l.get(vpc).map(|v| v.cidrs.as_slice()),
            Attached::Vpn { network, .. } => l.get(network).map(|n| n.cidrs.as_slice()),
            Attached::Peering(_) => None,
        }
        .unwrap_or_default();
        if !cidrs.iter().any(|c| c.contains(dst)) {
            continue;
        }
        let has = t
            .routes
            .iter()
            .any(|r| r.origin.propagated_from() == Some(attachment) && r.destination.contains(dst));
        if has {
            continue;
        }
        let why = t.left_out.iter().find(|x| x.attachment() == attachment);
        out.push(match why {
            Some(w) => Absent::LeftOut(*w),
            None => Absent::NotPropagated { attachment },
        });
    }
    out
}

/// A lookup as the inspector reads it, typed ([`crate::verdict::TgwTableHop`]): where each
/// matching route came from, the rule that decided, and, when `why_missing`, the
/// attachments whose network holds `dst` but put no route for it in the table ([`missing`]).
pub fn table_hop(
    l: &Loaded,
    table_at: At<TgwRouteTable>,
    t: &TgwTable,
    found: &TgwLookup,
    dst: Ipv4Addr,
    why_missing: bool,
) -> crate::verdict::TgwTableHop {
    use crate::verdict::TgwRouteFrom;
    let id = |a: At<TgwAttachment>| l.get(a).map(|a| a.id.clone()).unwrap_or_default();
    let origins = found
        .matches
        .iter()
        .filter_map(|&i| t.routes.get(i))
        .map(|r| match r.origin {
            TgwOrigin::Static { .. } => TgwRouteFrom::Static,
            TgwOrigin::FromVpc { attachment, vpc } => TgwRouteFrom::Vpc {
                attachment: id(attachment),
                vpc: l.get(vpc).map(|v| v.id.clone()).unwrap_or_default(),
            },
            TgwOrigin::FromVpn {
                attachment, vpn, ..
            } => TgwRouteFrom::Vpn {
                attachment: id(attachment),
                vpn: l.get(vpn).map(|v| v.id.clone()).unwrap_or_default(),
            },
        })
        .collect();
    let missing = if why_missing {
        missing(l, table_at, t, dst)
            .into_iter()
            .map(|a| absent_typed(l, a))
            .collect()
    } else {
        Vec::new()
    };
    crate::verdict::TgwTableHop {
        origins,
        decision: found.decision,
        missing,
    }
}

/// An [`Absent`] with ids, as a hop carries it.
pub fn absent_typed(l: &Loaded, a: Absent) -> crate::verdict::TgwMissing {
    use crate::verdict::TgwMissing as M;
    let id = |a: At<TgwAttachment>| l.get(a).map(|a| a.id.clone()).unwrap_or_default();
    match a {
        Absent::NotAssociated { attachment } => M::NotAssociated {
            attachment: id(attachment),
        },
        Absent::NotPropagated { attachment } => M::NotPropagated {
            attachment: id(attachment),
        },
        Absent::LeftOut(LeftOut::Overlapping {
            attachment,
            cidr,
            with,
            existing,
        }) => M::Overlapping {
            attachment: id(attachment),
            cidr: cidr.to_string(),
            with: id(with),
            existing: existing.to_string(),
        },
        Absent::LeftOut(LeftOut::Peering { attachment }) => M::Peering {
            attachment: id(attachment),
        },
        Absent::LeftOut(LeftOut::StaticVpn { attachment }) => M::StaticVpn {
            attachment: id(attachment),
        },
        Absent::LeftOut(LeftOut::NotCarried { attachment } | LeftOut::OtherTgw { attachment }) => {
            M::Carries {
                attachment: id(attachment),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::fixtures::{apply_to, Op, TGW};
    use crate::load::load;
    use crate::model::TransitGateway;

    fn loaded(ops: &[Op]) -> Loaded {
        load(&apply_to(TGW, ops)).unwrap()
    }

    fn table_of(l: &Loaded, id: &str) -> (At<TgwRouteTable>, TgwTable) {
        let at = l.index().at::<TgwRouteTable>(id).unwrap();
        (at, table(l, at))
    }

    /// The routes as `destination → target (origin)` lines.
    fn lines(l: &Loaded, t: &TgwTable) -> Vec<String> {
        t.routes.iter().map(|r| r.describe(l)).collect()
    }

    const VPC_D: &str =
        r#"{"id": "vpc-d", "region": "us-east-1", "cidrs": ["10.5.0.0/16", "10.1.128.0/17"]}"#;
    const SUBNET_D: &str =
        r#"{"id": "subnet-d1", "vpc": "vpc-d", "az": "us-east-1a", "cidr": "10.5.1.0/24"}"#;
    const ATTACH_D: &str = r#"{"id": "tgw-attach-d", "transit_gateway": "tgw-1", "type": "vpc", "vpc": "vpc-d", "subnets": ["subnet-d1"]}"#;

    /// The fixture after `before`, with vpc-d (its 10.1.128.0/17 overlapping vpc-b) attached
    /// and propagating into tgw-rtb-1.
    fn with_d_propagated(before: &[Op]) -> Loaded {
        let mut ops = before.to_vec();
        ops.extend([
            Op::Push("/vpcs", VPC_D),
            Op::Push("/subnets", SUBNET_D),
            Op::Push("/transit_gateway_attachments", ATTACH_D),
            Op::Push(
                "/transit_gateway_route_tables/0/propagations",
                r#""tgw-attach-d""#,
            ),
        ]);
        loaded(&ops)
    }

    #[test]
    fn effective_routes_static_first_then_propagated_in_document_order() {
        let l = loaded(&[]);
        let (_, t) = table_of(&l, "tgw-rtb-1");
        assert_eq!(
            lines(&l, &t),
            [
                "10.9.0.0/16 → tgw-attach-peer (static)",
                "10.66.0.0/16 → blackhole (static)",
                "10.0.0.0/16 → tgw-attach-a (propagated from vpc-a)",
                "10.1.0.0/16 → tgw-attach-b (propagated from vpc-b)",
                "10.2.0.0/16 → tgw-attach-c (propagated from vpc-c)",
                "10.3.0.0/16 → tgw-attach-c (propagated from vpc-c)",
                "192.168.0.0/16 → tgw-attach-vpn (propagated over BGP from vpn-1)",
            ]
        );
        assert!(t.left_out.is_empty());
        let (_, t2) = table_of(&l, "tgw-rtb-2");
        assert_eq!(
            lines(&l, &t2),
            [
                "10.0.0.0/14 → tgw-attach-peer (static)",
                "10.9.0.0/16 → tgw-attach-w (propagated from vpc-w)",
            ]
        );
    }

    #[test]
    fn what_a_propagation_leaves_out() {
        let ix_of = |l: &Loaded, id: &str| l.index().at::<TgwAttachment>(id).unwrap();
        let cidr = |s: &str| s.parse::<Cidr>().unwrap();
        // A VPC overlapping one propagated before it: none of its CIDRs (10.5.0.0/16 is
        // free, but the whole VPC is left out).
        let l = with_d_propagated(&[]);
        let (_, t) = table_of(&l, "tgw-rtb-1");
        assert!(!lines(&l, &t).iter().any(|r| r.contains("vpc-d")));
        assert_eq!(
            t.left_out,
            [LeftOut::Overlapping {
                attachment: ix_of(&l, "tgw-attach-d"),
                cidr: cidr("10.1.128.0/17"),
                with: ix_of(&l, "tgw-attach-b"),
                existing: cidr("10.1.0.0/16"),
            }]
        );
        // Document order of the attachments decides, not the order of the list: vpc-d
        // listed first is still the later attachment.
        let l = loaded(&[
            Op::Push("/vpcs", VPC_D),
            Op::Push("/subnets", SUBNET_D),
            Op::Push("/transit_gateway_attachments", ATTACH_D),
            Op::Set(
                "/transit_gateway_route_tables/0/propagations",
                r#"["tgw-attach-d", "tgw-attach-b"]"#,
            ),
        ]);
        let (_, t) = table_of(&l, "tgw-rtb-1");
        assert_eq!(t.left_out.len(), 1);
        assert_eq!(t.left_out[0].attachment(), ix_of(&l, "tgw-attach-d"));
        // A VPC holding a propagated CIDR (10.0.0.0/8 holds them all) is left out too.
        let l = loaded(&[
            Op::Set("/vpcs/3/cidrs", r#"["10.0.0.0/8"]"#),
            Op::Set("/subnets/5/cidr", r#""10.200.1.0/24""#),
            Op::Set("/instances/4/private_ip", r#""10.200.1.10""#),
            Op::Set(
                "/transit_gateway_attachments/5/transit_gateway",
                r#""tgw-1""#,
            ),
            Op::Set(
                "/transit_gateway_route_tables/1/associations",
                r#"["tgw-attach-peer"]"#,
            ),
            Op::Set("/transit_gateway_route_tables/1/propagations", "[]"),
            Op::Push(
                "/transit_gateway_route_tables/0/propagations",
                r#""tgw-attach-w""#,
            ),
        ]);
        let (_, t) = table_of(&l, "tgw-rtb-1");
        assert!(matches!(
            t.left_out.as_slice(),
            [LeftOut::Overlapping { with, existing, .. }]
                if *with == ix_of(&l, "tgw-attach-a") && *existing == cidr("10.0.0.0/16")
        ));
        // VPN propagations are never left out, even overlapping; a later VPC overlapping
        // a VPN's CIDR is.
        let l = with_d_propagated(&[Op::Set(
            "/onprem_networks/0/cidrs",
            r#"["10.2.0.0/16", "10.5.0.0/16"]"#,
        )]);
        let (_, t) = table_of(&l, "tgw-rtb-1");
        assert!(lines(&l, &t).contains(
            &"10.2.0.0/16 → tgw-attach-vpn (propagated over BGP from vpn-1)".to_string()
        ));
        assert!(matches!(
            t.left_out.as_slice(),
            [LeftOut::Overlapping { with, .. }] if *with == ix_of(&l, "tgw-attach-vpn")
        ));
        // Static VPN, peering, another transit gateway's attachment: nothing to propagate.
        let l = loaded(&[
            Op::Set("/vpn_connections/0/routing", r#""static""#),
            Op::Set(
                "/transit_gateway_route_tables/0/propagations",
                r#"["tgw-attach-vpn", "tgw-attach-peer", "tgw-attach-w"]"#,
            ),
        ]);
        let (_, t) = table_of(&l, "tgw-rtb-1");
        assert_eq!(t.routes.len(), 2);
        assert_eq!(
            t.left_out,
            [
                LeftOut::StaticVpn {
                    attachment: ix_of(&l, "tgw-attach-vpn")
                },
                LeftOut::Peering {
                    attachment: ix_of(&l, "tgw-attach-peer")
                },
                LeftOut::OtherTgw {
                    attachment: ix_of(&l, "tgw-attach-w")
                },
            ]
        );
    }

    #[test]
    fn a_static_route_to_another_transit_gateways_attachment_is_a_blackhole() {
        let l = loaded(&[Op::Set(
            "/transit_gateway_route_tables/1/routes/0/target",
            r#""tgw-attach-a""#,
        )]);
        let (_, t) = table_of(&l, "tgw-rtb-2");
        assert_eq!(t.routes[0].hop, TgwHop::Blackhole);
        assert_eq!(
            t.routes[0].describe(&l),
            "10.0.0.0/14 → blackhole (static, to tgw-attach-a, an attachment of another transit gateway: a blackhole)"
        );
        // The peering attachment is an attachment of both sides.
        let (_, t) = table_of(&loaded(&[]), "tgw-rtb-2");
        assert!(matches!(t.routes[0].hop, TgwHop::Attachment(_)));
    }

    #[test]
    fn lookups_pick_these_routes_for_these_reasons() {
        use TgwDecision::*;
        // (edits, destination, the winner, the rule, how many routes matched)
        type Case<'a> = (&'a [Op], &'a str, Option<&'a str>, TgwDecision, usize);
        let cases: &[Case] = &[
            (
                &[],
                "10.0.1.10",
                Some("10.0.0.0/16 → tgw-attach-a (propagated from vpc-a)"),
                OnlyMatch,
                1,
            ),
            (
                &[],
                "10.66.1.1",
                Some("10.66.0.0/16 → blackhole (static)"),
                OnlyMatch,
                1,
            ),
            (&[], "10.99.0.1", None, NoMatch, 0),
            (
                &[],
                "192.168.1.10",
                Some("192.168.0.0/16 → tgw-attach-vpn (propagated over BGP from vpn-1)"),
                OnlyMatch,
                1,
            ),
            // A static route beats a propagated one of the same length.
            (
                &[Op::Push(
                    "/transit_gateway_route_tables/0/routes",
                    r#"{"destination": "10.1.0.0/16", "target": "tgw-attach-c"}"#,
                )],
                "10.1.1.10",
                Some("10.1.0.0/16 → tgw-attach-c (static)"),
                StaticOverPropagated,
                2,
            ),
            // A blackhole too.
            (
                &[Op::Push(
                    "/transit_gateway_route_tables/0/routes",
                    r#"{"destination": "10.1.0.0/16", "target": "blackhole"}"#,
                )],
                "10.1.1.10",
                Some("10.1.0.0/16 → blackhole (static)"),
                StaticOverPropagated,
                2,
            ),
            // The longer prefix beats a static route.
            (
                &[Op::Push(
                    "/transit_gateway_route_tables/0/routes",
                    r#"{"destination": "10.0.0.0/8", "target": "blackhole"}"#,
                )],
                "10.1.1.10",
                Some("10.1.0.0/16 → tgw-attach-b (propagated from vpc-b)"),
                LongestPrefix,
                2,
            ),
            // A VPC attachment's route beats a VPN attachment's of the same length.
            (
                &[Op::Set("/onprem_networks/0/cidrs", r#"["10.2.0.0/16"]"#)],
                "10.2.1.10",
                Some("10.2.0.0/16 → tgw-attach-c (propagated from vpc-c)"),
                VpcOverVpn,
                2,
            ),
            // Two static routes for one prefix: the first listed.
            (
                &[Op::Push(
                    "/transit_gateway_route_tables/0/routes",
                    r#"{"destination": "10.66.0.0/16", "target": "tgw-attach-a"}"#,
                )],
                "10.66.0.1",
                Some("10.66.0.0/16 → blackhole (static)"),
                FirstListed,
                2,
            ),
        ];
        for (ops, dst, want, decision, n) in cases {
            let l = loaded(ops);
            let (_, t) = table_of(&l, "tgw-rtb-1");
            let dst: Ipv4Addr = dst.parse().unwrap();
            let got = lookup(&t.routes, dst);
            let winner = got.chosen.map(|i| t.routes[i].describe(&l));
            assert_eq!(winner.as_deref(), *want, "{dst}");
            assert_eq!(got.decision, *decision, "{dst}");
            assert_eq!(got.matches.len(), *n, "{dst}");
            assert_eq!(TgwLpm::new(&t.routes).lookup(&t.routes, dst), got);
            let shown = got.route_matches(&l, &t.routes);
            assert_eq!(
                shown.iter().filter(|m| m.chosen).count(),
                usize::from(want.is_some())
            );
        }
    }

    #[test]
    fn why_a_route_is_missing() {
        let l = loaded(&[Op::Set(
            "/transit_gateway_route_tables/0/propagations",
            r#"["tgw-attach-a", "tgw-attach-b"]"#,
        )]);
        let (at, t) = table_of(&l, "tgw-rtb-1");
        let ix = l.index();
        let c = ix.at::<TgwAttachment>("tgw-attach-c").unwrap();
        assert_eq!(
            missing(&l, at, &t, "10.2.1.10".parse().unwrap()),
            [Absent::NotPropagated { attachment: c }]
        );
        assert_eq!(missing(&l, at, &t, "10.0.1.10".parse().unwrap()), []);
        // Overlapping: listed, left out, and said so.
        let l = with_d_propagated(&[]);
        let (at, t) = table_of(&l, "tgw-rtb-1");
        assert!(matches!(
            missing(&l, at, &t, "10.5.0.1".parse().unwrap()).as_slice(),
            [Absent::LeftOut(LeftOut::Overlapping { .. })]
        ));
        // Not associated: an attachment no table of its transit gateway lists.
        let l = loaded(&[Op::Set(
            "/transit_gateway_route_tables/0/associations",
            r#"["tgw-attach-b"]"#,
        )]);
        let ix = l.index();
        let a = ix.at::<TgwAttachment>("tgw-attach-a").unwrap();
        let tgw1 = ix.at::<TransitGateway>("tgw-1").unwrap();
        assert_eq!(
            association_absent(&l, a, tgw1),
            Some(Absent::NotAssociated { attachment: a })
        );
        let b = ix.at::<TgwAttachment>("tgw-attach-b").unwrap();
        assert_eq!(association_absent(&l, b, tgw1), None);
    }

    fn route() -> impl proptest::strategy::Strategy<Value = TgwRoute> {
        use proptest::prelude::*;
        // A small address space so random routes overlap often.
        (0u8..4, 0u8..=255, 0u8..=32, 0usize..4, 0usize..3).prop_map(|(b, c, len, kind, a)| {
            let attachment = At::new(a);
            let origin = match kind {
                0 => TgwOrigin::Static {
                    route: a,
                    written: TgwTarget::Blackhole,
                },
                1 => TgwOrigin::Static {
                    route: a,
                    written: TgwTarget::Attachment(attachment),
                },
                2 => TgwOrigin::FromVpc {
                    attachment,
                    vpc: At::new(a),
                },
                _ => TgwOrigin::FromVpn {
                    attachment,
                    vpn: At::new(a),
                    network: At::new(a),
                },
            };
            TgwRoute {
                destination: Cidr::new_truncated(Ipv4Addr::new(10, b, c, c.wrapping_mul(7)), len)
                    .expect("len <= 32"),
                hop: if kind == 0 {
                    TgwHop::Blackhole
                } else {
                    TgwHop::Attachment(attachment)
                },
                origin,
            }
        })
    }

    proptest::proptest! {
        /// The scan, the precomputed table and the naive reference agree on every random
        /// table, down to every match and the rule stated.
        #[test]
        fn lookup_and_lpm_agree_with_the_naive_reference(
            routes in proptest::collection::vec(route(), 0..24),
            b in 0u8..4, c in 0u8..=255, d in 0u8..=255,
        ) {
            let dst = Ipv4Addr::new(10, b, c, d);
            let l = lookup(&routes, dst);
            proptest::prop_assert_eq!(l.chosen, tgw_lpm_naive(&routes, dst));
            for &i in &l.matches {
                proptest::prop_assert!(routes[i].destination.contains(dst));
            }
            proptest::prop_assert_eq!(
                l.matches.len(),
                routes.iter().filter(|r| r.destination.contains(dst)).count()
            );
            if let (Some(w), Some(r)) = (l.chosen, l.runner_up) {
                proptest::prop_assert!(w != r && l.matches.contains(&r));
            }
            let lpm = TgwLpm::new(&routes);
            proptest::prop_assert_eq!(lpm.winner(dst), l.chosen);
            proptest::prop_assert_eq!(lpm.lookup(&routes, dst), l);
        }
    }
}
