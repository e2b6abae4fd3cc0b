//! Packet traces: the forwarding rules of `docs/scenario-format.md` (F0-F8), hop by hop.
//!
//! `trace(s, from, to)` resolves the destination ([`names`]), walks the packet from its source
//! through route tables, gateways, peerings, VPN and Direct Connect ([`walk`] for the VPC
//! side, [`edges`] for on-prem and the internet, [`tgw`] for transit gateways, T5-T9), and, when the destination is an instance or
//! an on-prem host, walks the reply back (F7) to check it reaches the sender carrying the
//! address the sender used. Every resource that forwards, translates or drops gets a hop with
//! the addresses at that point, a sentence for the learner and the AWS page behind the rule.
//!
//! A trace always terminates: at most 64 route lookups per direction (F8), each NAT
//! gateway at most once per direction, and a hard cap on steps.
//!
//! [`Tracer::verdict_packet`] runs the same walk without building any hop (what `reach`
//! needs for every pair): hops are built only inside [`push_hop!`], `drop_hop!` and
//! `deliver_hop!`, which a walk that does not record skips, so nothing the outcome depends
//! on may be computed there.

/// Adds the hop that `$hop` builds to walk `$w`, when the walk records hops
/// ([`walk::Walk::record`]). A verdict-only walk (`reach`) never evaluates `$hop`: a hop's
/// sentence, route lines and rule lists cost more than the forwarding decision itself. So
/// `$hop` only describes: everything the walk's outcome depends on is computed outside it,
/// and one walk serves both the full trace and the verdict (`Tracer::verdict`).
macro_rules! push_hop {
    ($w:expr, $hop:expr $(,)?) => {
        if $w.record {
            let h = $hop;
            $w.push(h);
        }
    };
}

/// Ends walk `$w` with `$reason`, after a drop hop at `$at` (recorded as [`push_hop!`] says).
macro_rules! drop_hop {
    ($w:expr, $at:expr, $pkt:expr, $reason:expr, $note:expr, $doc:expr $(,)?) => {{
        let reason: $crate::verdict::Reason = $reason;
        let pkt: $crate::trace::walk::Packet = $pkt;
        push_hop!(
            $w,
            $crate::trace::walk::HopExt::with_reason(
                $crate::trace::walk::hop(
                    $at,
                    $crate::verdict::Action::Drop,
                    Some(pkt.src),
                    Some(pkt.dst),
                    $note,
                    $doc,
                ),
                reason,
            )
        );
        $crate::trace::walk::Step::Done($crate::trace::walk::Outcome::Dropped(reason))
    }};
}

/// Ends walk `$w`: the packet reached `$reached`, with a deliver hop there (recorded as
/// [`push_hop!`] says).
macro_rules! deliver_hop {
    ($w:expr, $reached:expr, $pkt:expr, $note:expr, $doc:expr $(,)?) => {{
        let reached: $crate::trace::walk::Reached = $reached;
        let pkt: $crate::trace::walk::Packet = $pkt;
        push_hop!(
            $w,
            $crate::trace::walk::hop(
                reached.location(),
                $crate::verdict::Action::Deliver,
                Some(pkt.src),
                Some(pkt.dst),
                $note,
                $doc,
            )
        );
        $crate::trace::walk::Step::Done($crate::trace::walk::Outcome::Delivered(reached, pkt))
    }};
}

mod edges;
mod endpoints;
mod filters;
mod index;
mod names;
mod reply;
mod tgw;
mod walk;

use crate::kind::Kind;
use crate::load::Loaded;
use crate::packet::Packet as Flow;
use crate::verdict::{Action, Location, Reason, Trace};
use index::Index;
use std::fmt;
use std::net::Ipv4Addr;
use walk::{Packet, Place, Reached, Walk};

/// A trace that cannot be computed at all (as opposed to a dropped packet, which is a verdict).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TraceError {
    /// `from` names no instance, on-prem host or internet host.
    UnknownSource(String),
}

impl fmt::Display for TraceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TraceError::UnknownSource(id) => write!(
                f,
                "{id:?} is not an instance, on-premises host or internet host of this scenario"
            ),
        }
    }
}

impl std::error::Error for TraceError {}

/// Where a trace starts.
#[derive(Debug, Clone)]
pub(crate) enum Source {
    Instance {
        id: String,
        subnet: String,
        ip: Ipv4Addr,
    },
    Onprem {
        id: String,
        network: String,
        ip: Ipv4Addr,
    },
    Internet {
        id: String,
        ip: Ipv4Addr,
    },
}

impl Source {
    pub(crate) fn find(ix: &Index, id: &str) -> Option<Source> {
        let (s, e) = (ix.s, ix.l.index().entry(id)?);
        match e.kind {
            Kind::Instance => s.instances.get(e.pos()).map(|i| Source::Instance {
                id: i.id.clone(),
                subnet: i.subnet.clone(),
                ip: i.private_ip.0,
            }),
            Kind::OnpremHost => {
                let n = s.onprem_networks.get(e.pos())?;
                n.hosts.get(e.host()).map(|h| Source::Onprem {
                    id: h.id.clone(),
                    network: n.id.clone(),
                    ip: h.ip.0,
                })
            }
            Kind::InternetHost => s.internet_hosts.get(e.pos()).map(|h| Source::Internet {
                id: h.id.clone(),
                ip: h.ip.0,
            }),
            _ => None,
        }
    }
    pub(crate) fn id(&self) -> &str {
        match self {
            Source::Instance { id, .. }
            | Source::Onprem { id, .. }
            | Source::Internet { id, .. } => id,
        }
    }
    pub(crate) fn ip(&self) -> Ipv4Addr {
        match self {
            Source::Instance { ip, .. }
            | Source::Onprem { ip, .. }
            | Source::Internet { ip, .. } => *ip,
        }
    }
    /// The first place the packet is, once it leaves the source.
    fn place(&self) -> Place {
        match self {
            Source::Instance { subnet, .. } => Place::Subnet(subnet.clone()),
            Source::Onprem { network, .. } => Place::Onprem(network.clone()),
            Source::Internet { .. } => Place::Internet,
        }
    }
    /// Where the source's hops happen.
    pub(crate) fn location(&self) -> Location {
        let kind = match self {
            Source::Instance { .. } => Kind::Instance,
            Source::Onprem { .. } => Kind::OnpremHost,
            Source::Internet { .. } => Kind::InternetHost,
        };
        Location::resource(kind, self.id())
    }
    fn kind(&self) -> &'static str {
        match self {
            Source::Instance { .. } => "instance",
            Source::Onprem { .. } => "on-premises host",
            Source::Internet { .. } => "internet host",
        }
    }
}

/// Traces a packet from `from` (instance, on-prem host or internet host id) to `to`
/// (IPv4 address, instance/host id, interface endpoint id or DNS name), with the reply.
///
/// Builds a [`Tracer`] for this one trace; to trace many pairs in the same scenario, build
/// the [`Tracer`] once and call [`Tracer::trace`].
pub fn trace(s: &Loaded, from: &str, to: &str) -> Result<Trace, TraceError> {
    Tracer::new(s).trace(from, to)
}

/// [`trace`] with the given packet (protocol and ports) instead of the default one (`tcp`
/// to port 443 from port 49152). In format 1 the packet is shown but nothing filters on it.
pub fn trace_packet(s: &Loaded, from: &str, to: &str, packet: Flow) -> Result<Trace, TraceError> {
    Tracer::new(s).trace_packet(from, to, packet)
}

/// Traces packets through one scenario, sharing the work that does not depend on the packet
/// (id look-ups, each route table's effective routes) between traces. Every trace gives
/// exactly what [`trace`] gives.
pub struct Tracer<'a> {
    ix: Index<'a>,
}

impl<'a> Tracer<'a> {
    /// Cheap: ids are in the load index, route tables are expanded on first use.
    pub fn new(s: &'a Loaded) -> Tracer<'a> {
        Tracer { ix: Index::new(s) }
    }

    /// See [`trace`]: the default packet.
    pub fn trace(&self, from: &str, to: &str) -> Result<Trace, TraceError> {
        trace_with(&self.ix, from, to, Flow::default(), true)
    }

    /// See [`trace_packet`].
    pub fn trace_packet(&self, from: &str, to: &str, packet: Flow) -> Result<Trace, TraceError> {
        trace_with(&self.ix, from, to, packet, true)
    }

    /// The reason (and so the verdict) of [`Tracer::trace_packet`], without its hops: the
    /// same walk, which builds no hop, sentence or route list (what `reach` needs).
    pub fn verdict_packet(&self, from: &str, to: &str, packet: Flow) -> Result<Reason, TraceError> {
        trace_with(&self.ix, from, to, packet, false).map(|t| t.reason)
    }
}

/// One trace; `record`: build the hops (false: a verdict-only walk, `hops` left empty).
fn trace_with(
    ix: &Index,
    from: &str,
    to: &str,
    packet: Flow,
    record: bool,
) -> Result<Trace, TraceError> {
    let source = Source::find(ix, from).ok_or_else(|| TraceError::UnknownSource(from.into()))?;
    let mut fwd = Walk::new(ix, false, packet, record);

    // F1: names (a visible first hop when a name or endpoint id is resolved).
    let resolved = names::resolve(ix, &source, to);
    let dst = match resolved {
        names::Resolved::Address(ip) => ip,
        names::Resolved::Name { ip, hop, bucket } => {
            fwd.push(hop);
            fwd.bucket = bucket;
            ip
        }
        names::Resolved::Failed { hops, reason } => {
            for h in hops {
                fwd.push(h);
            }
            return Ok(finish(fwd, Vec::new(), reason));
        }
    };
    push_hop!(fwd, walk::source_hop(&source, Some(dst), to));
    let pkt = Packet {
        src: source.ip(),
        dst,
    };
    // F11 (format 2): the source's security groups, before its route table.
    if let Some(walk::Step::Done(walk::Outcome::Dropped(r))) = fwd.source_filters(&source, pkt) {
        return Ok(finish(fwd, Vec::new(), r));
    }
    let outcome = fwd.run(source.place(), pkt);
    let (reached, at_pkt) = match outcome {
        walk::Outcome::Dropped(r) => return Ok(finish(fwd, Vec::new(), r)),
        walk::Outcome::Delivered(reached, p) => (reached, p),
    };

    // F7: the reply, when the destination is an instance or an on-prem host; in format 2
    // (F11) the reply of every delivered packet.
    let mut back = Walk::new(ix, true, fwd.flow.reply(), record);
    back.conntrack = fwd.conntrack.clone();
    back.tracked = fwd.tracked.clone();
    back.bucket = fwd.bucket.clone();
    let reply = Packet {
        src: at_pkt.dst,
        dst: at_pkt.src,
    };
    let start = match &reached {
        Reached::Instance(id) | Reached::OnpremHost(id) => {
            walk::reply_start(ix, id, &mut back, reply)
        }
        Reached::Other(_) if !fwd.f2 => return Ok(finish(fwd, Vec::new(), Reason::Delivered)),
        Reached::Other(at) => back.reply_start_other(at, fwd.reply_at.take(), reply),
    };
    let Some(place) = start else {
        return Ok(finish(fwd, back.hops, Reason::NoReturnRoute));
    };
    let reason = match back.run(place, reply) {
        // F11: a reply denied by a network ACL is that ACL's deny.
        walk::Outcome::Dropped(Reason::NaclDeny) => Reason::NaclDeny,
        walk::Outcome::Dropped(_) => Reason::NoReturnRoute,
        walk::Outcome::Delivered(r, p) => {
            let home = r.id() == source.id();
            if home && p.src == dst {
                Reason::Delivered
            } else {
                if let Some(last) = back.hops.last_mut() {
                    let note = if home {
                        format!(
                        "The reply reaches {} from {}, but {} sent its packet to {}, so the reply does not match and is discarded.",
                        source.id(),
                        p.src,
                        source.id(),
                        dst
                    )
                    } else {
                        format!(
                        "The reply lands on {} instead of the {} {} that sent the request: with overlapping address ranges the route table's longest prefix, not the sender, decides where replies go.",
                        r.id(),
                        source.kind(),
                        source.id()
                    )
                    };
                    last.action = Action::Drop;
                    last.reason = Some(Reason::NoReturnRoute);
                    last.note = note;
                    last.doc = Some(crate::docs::PEERING_PARTIAL_ACCESS.to_string());
                }
                Reason::NoReturnRoute
            }
        }
    };
    Ok(finish(fwd, back.hops, reason))
}

fn finish(fwd: Walk, return_hops: Vec<crate::verdict::Hop>, reason: Reason) -> Trace {
    Trace {
        reason,
        packet: fwd.sent,
        hops: fwd.hops,
        return_hops,
    }
}
