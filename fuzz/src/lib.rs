//! The checks behind the fuzz targets, in a library so a crash input can be replayed and
//! read in an ordinary test (`fuzz/regressions/`).
//!
//! Every check panics on a broken invariant: that is how libFuzzer learns of a failure.

pub mod filters;
pub mod topo;

use serde_json::Value;
use std::cell::OnceCell;
use std::net::Ipv4Addr;
use vpc_engine::model::Scenario;
use vpc_engine::packet::Packet;
use vpc_engine::{Action, FindingCode, Loaded, Location, Reason, Verdict};

/// The most hops a trace may have (forward plus return): `docs/scenario-format.md` F8 caps
/// route lookups at 64 per direction, and a lookup brings a handful of hops at most.
pub const MAX_HOPS: usize = 1000;

/// `load` never panics; what loads validates, and writing it back reads back the same.
pub fn check_load(text: &str) {
    let Ok(s) = vpc_engine::load(text) else {
        return;
    };
    let _ = vpc_engine::validate(&s);
    let json = serde_json::to_string(&s).expect("a loaded scenario serializes");
    match vpc_engine::load(&json) {
        Ok(back) => assert_eq!(back, s, "a loaded scenario reads back the same"),
        Err(e) => panic!("a loaded scenario written back does not load: {e}\n{json}"),
    }
    if let Some(t) = s.lesson.as_ref().and_then(|l| l.trace.as_ref()) {
        check_trace(&s, &t.from, &t.to);
    }
}

/// `import` never panics on pasted text, never builds a scenario that does not load, and
/// what it imports validates and traces: a real account export is user input from anywhere.
pub fn check_import(text: &str) {
    use vpc_engine::import::{import, ImportError, Source};
    // The text as pasted, and split in two as if uploaded as two files.
    let mid = (0..=text.len() / 2)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let (a, b) = text.split_at(mid);
    for sources in [
        vec![Source {
            name: "pasted text",
            text,
        }],
        vec![
            Source {
                name: "a.json",
                text: a,
            },
            Source {
                name: "b.json",
                text: b,
            },
        ],
    ] {
        match import(&sources) {
            Ok(imported) => {
                let _ = vpc_engine::validate(&imported.scenario);
                let from: Vec<String> = imported
                    .scenario
                    .instances
                    .iter()
                    .take(3)
                    .map(|i| i.id.clone())
                    .collect();
                for f in &from {
                    for t in &from {
                        if f != t {
                            check_trace(&imported.scenario, f, t);
                        }
                    }
                }
            }
            Err(ImportError::Unloadable(e)) => {
                panic!("the importer built a scenario that does not load: {e}")
            }
            Err(_) => {}
        }
    }
}

/// `parse_fragment` never panics; a link that parses builds back to the same link.
pub fn check_share(fragment: &str) {
    use vpc_engine::share::{build_fragment, parse_fragment};
    let Ok(link) = parse_fragment(fragment) else {
        return;
    };
    let again = build_fragment(&link);
    match parse_fragment(&again) {
        Ok(back) => assert_eq!(back, link, "a parsed link rebuilds to the same link"),
        Err(e) => panic!("a parsed link rebuilds to one that does not parse: {e}\n{again}"),
    }
}

/// The address a resource holds, when `at` names one that holds exactly one.
fn holder_ips(s: &Scenario, at: &str) -> Option<Vec<Ipv4Addr>> {
    if let Some(i) = s.instance(at) {
        return Some(vec![i.private_ip.0]);
    }
    if let Some(n) = s.nat_gateway(at) {
        return Some(vec![n.private_ip.0]);
    }
    if let Some(e) = s.endpoint(at) {
        return Some(e.private_ips.iter().map(|i| i.0).collect());
    }
    if let Some(h) = s
        .onprem_networks
        .iter()
        .flat_map(|n| &n.hosts)
        .find(|h| h.id == at)
    {
        return Some(vec![h.ip.0]);
    }
    if let Some(h) = s.internet_hosts.iter().find(|h| h.id == at) {
        return Some(vec![h.ip.0]);
    }
    if let Some(c) = s.customer_gateways.iter().find(|c| c.id == at) {
        return Some(vec![c.ip.0]);
    }
    None
}

/// The address a node id (instance, on-prem or internet host) stands for.
fn node_ip(s: &Scenario, id: &str) -> Option<Ipv4Addr> {
    if s.instance(id).is_some()
        || s.internet_hosts.iter().any(|h| h.id == id)
        || s.onprem_networks
            .iter()
            .flat_map(|n| &n.hosts)
            .any(|h| h.id == id)
    {
        holder_ips(s, id).and_then(|v| v.first().copied())
    } else {
        None
    }
}

/// No address outside its subnet and no subnet outside its VPC.
fn placed(s: &Loaded) -> bool {
    !vpc_engine::validate(s).iter().any(|f| {
        matches!(
            f.code,
            FindingCode::IpOutsideSubnet | FindingCode::SubnetOutsideVpc
        )
    })
}

/// One trace from a node that exists: it terminates, its verdict agrees with its hops, a
/// delivered packet ends at a resource holding the destination, the reply at the source.
pub fn check_trace(s: &Loaded, from: &str, to: &str) -> vpc_engine::Trace {
    Checked::new(s).trace(from, to)
}

/// A scenario under check, with what the checks ask of the whole scenario computed once
/// (validation is the costliest part of a trace check, and reach checks dozens of traces).
pub struct Checked<'a> {
    s: &'a Loaded,
    placed: OnceCell<bool>,
}

impl<'a> Checked<'a> {
    pub fn new(s: &'a Loaded) -> Self {
        Self {
            s,
            placed: OnceCell::new(),
        }
    }

    fn placed(&self) -> bool {
        *self.placed.get_or_init(|| placed(self.s))
    }

    /// [`check_trace`] on this scenario.
    pub fn trace(&self, from: &str, to: &str) -> vpc_engine::Trace {
        self.trace_packet(from, to, Packet::default())
    }

    /// [`check_trace`] with `packet`; in format 2 also: every hop carries the packet's
    /// protocol, the first hop the packet as sent (`docs/scenario-format.md` P2).
    pub fn trace_packet(&self, from: &str, to: &str, packet: Packet) -> vpc_engine::Trace {
        let s = self.s;
        let t = match vpc_engine::trace::trace_packet(s, from, to, packet) {
            Ok(t) => t,
            Err(e) => panic!("trace from an existing node {from:?} to {to:?} failed: {e}"),
        };
        let ctx = || {
            format!(
                "{from} -> {to}: {:?} {:?} {:?}",
                t.verdict(),
                t.reason,
                t.path()
            )
        };
        assert!(!t.hops.is_empty(), "a trace has hops: {}", ctx());
        assert!(
            t.hops.len() + t.return_hops.len() <= MAX_HOPS,
            "trace too long: {}",
            ctx()
        );
        // The verdict and the reason agree by construction: `Trace::verdict` is derived.
        let last = t.hops.last().expect("checked non-empty");
        // Format 2: a reply denied by a network ACL (`docs/scenario-format.md` F10.3, F11.5)
        // is NACL_DENY with the request delivered and the deny on the reply's last hop; the
        // request is then checked like one whose reply did not get back.
        let reason = match t.reason {
            Reason::NaclDeny if last.action == Action::Deliver => {
                let back = t.return_hops.last().map(|h| (h.action, h.reason));
                assert_eq!(
                    back,
                    Some((Action::Drop, Some(Reason::NaclDeny))),
                    "a denied reply ends with the ACL's drop: {}",
                    ctx()
                );
                Reason::NoReturnRoute
            }
            r => r,
        };
        match (t.verdict(), reason) {
            (Verdict::Delivered, _) | (_, Reason::NoReturnRoute) => {
                assert_eq!(
                    last.action,
                    Action::Deliver,
                    "ends with a delivery: {}",
                    ctx()
                );
                // The packet is at the destination: the resource at the last hop holds the
                // address the packet carries there, or is the internet or an AWS service.
                match holder_ips(s, last.at.as_str()) {
                    Some(ips) => assert!(
                        last.dst.is_some_and(|d| ips.contains(&d.0)),
                        "delivered at {} which does not hold {:?}: {}",
                        last.at,
                        last.dst,
                        ctx()
                    ),
                    None => assert!(
                        matches!(last.at, Location::Internet | Location::Service(_)),
                        "delivered at {}, which is no destination: {}",
                        last.at,
                        ctx()
                    ),
                }
                // To a node id: that node, or a twin holding the same address. Not asked of a
                // node whose address lies outside its subnet or VPC (an error finding): routing
                // looks for an address in the ranges that hold it, so such a node is not found.
                if let Some(want) = node_ip(s, to) {
                    let from_internet = s.internet_hosts.iter().any(|h| h.id == from);
                    // An interface endpoint with the node's address (DUPLICATE_IP) is a twin
                    // too: the packet is delivered through it to its AWS service.
                    let endpoint_twin = t.hops.len() >= 2
                        && t.hops[t.hops.len() - 2..].first().is_some_and(|h| {
                            s.endpoint(h.at.as_str())
                                .is_some_and(|e| e.private_ips.iter().any(|i| i.0 == want))
                        });
                    if last.at != to && !from_internet && !endpoint_twin && self.placed() {
                        assert_eq!(
                            node_ip(s, last.at.as_str()),
                            Some(want),
                            "delivered to {} instead of {to}: {}",
                            last.at,
                            ctx()
                        );
                    }
                }
            }
            _ => {
                assert_eq!(
                    last.action,
                    Action::Drop,
                    "a drop ends with a drop hop: {}",
                    ctx()
                );
                assert_eq!(
                    last.reason,
                    Some(t.reason),
                    "the drop hop has the reason: {}",
                    ctx()
                );
            }
        }
        if t.verdict() == Verdict::Delivered {
            if let Some(back) = t.return_hops.last() {
                assert_eq!(back.at, from, "the reply ends at the source: {}", ctx());
            }
        }
        assert_eq!(
            t.packet,
            packet,
            "the trace says the packet sent: {}",
            ctx()
        );
        if s.scenario().format.filters() {
            assert_eq!(t.hops[0].packet, Some(packet), "the first hop: {}", ctx());
            for h in t.hops.iter().chain(&t.return_hops) {
                assert_eq!(
                    h.packet.map(Packet::protocol),
                    Some(packet.protocol()),
                    "a hop at {} keeps the protocol: {}",
                    h.at,
                    ctx()
                );
            }
        }
        t
    }
}

/// The check of a generated format 2 topology ([`filters::Topo2`]): every probe with every
/// packet holds [`check_trace`]'s invariants; the filters only add their own drops (a trace
/// not dropped by a group or an ACL gives what the same topology gives in format 1, where
/// nothing filters, `docs/scenario-format.md` N1.2); and the matrix for a packet is its traces.
///
/// One difference is by design: format 2 traces the reply of a request to an AWS service or
/// the internet (F11.5), which format 1 does not. Where format 1 says `delivered` and traced
/// no reply, format 2 may drop that reply with `NO_RETURN_ROUTE` (a subnet with no route
/// table, a reply landing on another interface with the same address): the request got
/// there in both.
pub fn check_topo2(topo: &filters::Topo2) {
    let (built, doc2) = topo.build();
    let Ok(s2) = vpc_engine::load(&doc2.to_string()) else {
        return;
    };
    let s1 = vpc_engine::load(&built.doc.to_string())
        .unwrap_or_else(|e| panic!("the format 1 half of a loading format 2 topology fails: {e}"));
    let (c1, c2) = (Checked::new(&s1), Checked::new(&s2));
    let packets = topo.packets();
    for (from, to) in topo.topo.probes(&built) {
        for &packet in &packets {
            let t = c2.trace_packet(&from, &to, packet);
            let u = c1.trace_packet(&from, &to, packet);
            let filtered = matches!(t.reason, Reason::SecurityGroupDeny | Reason::NaclDeny);
            let untraced_reply_lost = u.verdict() == Verdict::Delivered
                && u.return_hops.is_empty()
                && !t.return_hops.is_empty()
                && t.reason == Reason::NoReturnRoute;
            if !filtered && !untraced_reply_lost {
                assert_eq!(
                    (t.verdict(), t.reason),
                    (u.verdict(), u.reason),
                    "{from} -> {to} ({packet:?}): no filter dropped it, yet format 1 says otherwise\n{doc2}"
                );
            }
        }
    }
    if topo.topo.reach {
        let packet = packets[packets.len() - 1];
        let m = vpc_engine::reach::reach_packet(&s2, packet);
        for (from, row) in &m.matrix {
            for (to, cell) in row {
                let t = c2.trace_packet(from, to, packet);
                assert_eq!(
                    (cell.verdict, cell.reason),
                    (t.verdict(), t.reason),
                    "reach cell {from} -> {to} is its trace ({packet:?})"
                );
            }
        }
    }
}

/// A small deterministic generator for the shuffle.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            xs.swap(i, j);
        }
    }
}

/// The lists whose order means nothing (a VPC's `cidrs`, an interface endpoint's
/// `subnets`/`private_ips` and a VPN's `tunnels` keep theirs: first block is primary, first
/// address is the fallback answer, tunnels are numbered).
const TOP_LISTS: [&str; 15] = [
    "vpcs",
    "subnets",
    "route_tables",
    "instances",
    "internet_gateways",
    "nat_gateways",
    "peering_connections",
    "vpc_endpoints",
    "vpn_gateways",
    "customer_gateways",
    "vpn_connections",
    "dx_connections",
    "dx_virtual_interfaces",
    "onprem_networks",
    "internet_hosts",
];
const NESTED_LISTS: [(&str, &[&str]); 4] = [
    (
        "route_tables",
        &["subnets", "propagating_gateways", "routes"],
    ),
    ("vpc_endpoints", &["route_tables"]),
    ("vpn_connections", &["static_routes"]),
    ("onprem_networks", &["cidrs", "hosts", "routes"]),
];

/// The document with every order-free list shuffled.
pub fn shuffled(doc: &Value, seed: u64) -> Value {
    let mut rng = Rng(seed | 1);
    let mut doc = doc.clone();
    for key in TOP_LISTS {
        if let Some(Value::Array(a)) = doc.get_mut(key) {
            rng.shuffle(a);
        }
    }
    for (list, keys) in NESTED_LISTS {
        if let Some(Value::Array(items)) = doc.get_mut(list) {
            for item in items {
                for key in keys {
                    if let Some(Value::Array(a)) = item.get_mut(*key) {
                        rng.shuffle(a);
                    }
                }
            }
        }
    }
    doc
}

/// The whole check of one generated topology.
pub fn check_topo(topo: &topo::Topo) {
    let built = topo.build();
    let text = built.doc.to_string();
    let Ok(s) = vpc_engine::load(&text) else {
        return;
    };
    let findings = vpc_engine::validate(&s);
    // Topologies AWS cannot have, where the document's order is the only tie-break: two
    // interfaces holding one address in a VPC (which one answers) and overlapping subnets
    // (which subnet a NO_SUCH_HOST drop is at). Order independence is asked of the rest.
    let order_free = !findings.iter().any(|f| {
        matches!(
            f.code,
            FindingCode::DuplicateIp | FindingCode::SubnetOverlap
        )
    });
    let mixed = shuffled(&built.doc, topo.shuffle);
    let r = match vpc_engine::load(&mixed.to_string()) {
        Ok(r) => r,
        Err(e) => panic!("a scenario that loads no longer loads with its lists reordered: {e}"),
    };
    let (cs, cr) = (Checked::new(&s), Checked::new(&r));
    for (from, to) in topo.probes(&built) {
        let t = cs.trace(&from, &to);
        if order_free {
            let u = cr.trace(&from, &to);
            assert_eq!(
                (t.verdict(), t.reason, t.path(), t.return_path()),
                (u.verdict(), u.reason, u.path(), u.return_path()),
                "{from} -> {to} changes when the document's lists are reordered\n{}",
                built.doc
            );
        }
    }
    if topo.reach {
        let m = vpc_engine::reach(&s);
        let mut want: Vec<String> = s.instances.iter().map(|i| i.id.clone()).collect();
        want.extend(
            s.onprem_networks
                .iter()
                .flat_map(|n| &n.hosts)
                .map(|h| h.id.clone()),
        );
        assert_eq!(m.nodes, want, "reach lists instances then on-prem hosts");
        for (from, row) in &m.matrix {
            for (to, cell) in row {
                assert_ne!(from, to, "no cell from a node to itself");
                let t = cs.trace(from, to);
                assert_eq!(
                    (cell.verdict, cell.reason),
                    (t.verdict(), t.reason),
                    "reach cell {from} -> {to} is its trace"
                );
            }
        }
        let cells: usize = m.matrix.values().map(|row| row.len()).sum();
        assert_eq!(
            cells,
            want.len() * want.len().saturating_sub(1),
            "every ordered pair"
        );
    }
}
