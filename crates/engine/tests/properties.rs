//! Property tests of the trace engine over random small topologies (issue 8):
//!
//! - every trace terminates (checked against a wall-clock limit, so a trace that follows a
//!   loop forever fails the test instead of hanging it), and a loop of routes is reported
//!   as `ROUTING_LOOP` (the table-driven `routing_loops` test below);
//! - a delivered verdict's last forward hop is the destination;
//! - verdicts are the same when every order-free list of the document is shuffled;
//! - upgrading to format 2 keeps the document loadable and every verdict.
//!
//! The generator is the idea of the `trace` fuzz target (`fuzz/src/topo.rs`) as proptest
//! strategies, so a failure shrinks to a small topology: a few VPCs whose blocks come from a
//! small pool (overlaps happen), subnets, instances, route tables with routes to peerings,
//! internet and NAT gateways, gateway endpoints and VPN gateways, peerings in every state,
//! sometimes an on-prem network behind a VPN and Direct Connect, and an internet host.

mod common;
use common::Rng;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::net::Ipv4Addr;
use std::sync::mpsc;
use std::time::Duration;
use vpc_engine::model::Scenario;
use vpc_engine::{Action, FindingCode, Location, Reason, Trace, Verdict};

// ---------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------

/// VPC blocks as (first three octets, prefix): repeats and nested blocks make overlaps.
const BLOCKS: [([u8; 3], u8); 6] = [
    ([10, 0, 0], 16),
    ([10, 1, 0], 16),
    ([10, 0, 0], 16),
    ([10, 0, 16], 20),
    ([172, 16, 0], 16),
    ([10, 1, 0], 24),
];
const DESTINATIONS: [&str; 9] = [
    "0.0.0.0/0",
    "10.0.0.0/8",
    "10.0.0.0/16",
    "10.1.0.0/16",
    "10.0.1.0/24",
    "172.16.0.0/16",
    "192.168.0.0/16",
    "52.216.0.0/15",
    "93.184.216.0/24",
];
const STATUSES: [&str; 7] = [
    "active",
    "initiating-request",
    "pending-acceptance",
    "rejected",
    "expired",
    "failed",
    "deleted",
];
const REGIONS: [&str; 2] = ["us-east-1", "eu-west-1"];
/// Literal destinations besides the nodes themselves.
const ADDRESSES: [&str; 8] = [
    "8.8.8.8",
    "52.216.100.21",
    "10.0.1.10",
    "10.1.0.10",
    "172.16.1.10",
    "192.168.1.10",
    "93.184.216.34",
    "100.64.0.1",
];
const NAMES: [&str; 4] = [
    "s3.us-east-1.amazonaws.com",
    "bucket-a.s3.us-east-1.amazonaws.com",
    "example.com",
    "nothing.invalid",
];

/// A route target: the number picks the VPC (or the peering) whose gateway it is.
#[derive(Debug, Clone)]
enum Target {
    Igw(usize),
    Nat(usize),
    Peering(usize),
    S3(usize),
    Vgw(usize),
}

#[derive(Debug, Clone)]
struct TableSpec {
    /// Bit k: explicitly associate subnet k (the first table taking it wins).
    associate: u8,
    propagate: bool,
    routes: Vec<(usize, Target)>,
}

#[derive(Debug, Clone)]
struct VpcSpec {
    block: usize,
    region: usize,
    /// (which /24 of the block, instances as (host byte, has a public IP)).
    subnets: Vec<(u8, Vec<(u8, bool)>)>,
    tables: Vec<TableSpec>,
    /// `Some(attached)`.
    igw: Option<bool>,
    /// (subnet, host byte).
    nat: Option<(usize, u8)>,
    /// S3 gateway endpoint: (bit t: route table t, allow-list policy).
    s3: Option<(u8, bool)>,
    /// `Some(attached)`.
    vgw: Option<bool>,
}

#[derive(Debug, Clone)]
struct OnpremSpec {
    vpc: usize,
    bgp: bool,
    tunnels_up: (bool, bool),
    dx_private: bool,
    /// On-prem static route destinations, over the VPN.
    routes: Vec<usize>,
}

#[derive(Debug, Clone)]
struct TopoSpec {
    vpcs: Vec<VpcSpec>,
    /// (requester, accepter, status).
    peerings: Vec<(usize, usize, usize)>,
    onprem: Option<OnpremSpec>,
    internet_host: bool,
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        (0..3usize).prop_map(Target::Igw),
        (0..3usize).prop_map(Target::Nat),
        (0..4usize).prop_map(Target::Peering),
        (0..3usize).prop_map(Target::S3),
        (0..3usize).prop_map(Target::Vgw),
    ]
}

fn table() -> impl Strategy<Value = TableSpec> {
    (
        any::<u8>(),
        any::<bool>(),
        vec((0..DESTINATIONS.len(), target()), 0..=3),
    )
        .prop_map(|(associate, propagate, routes)| TableSpec {
            associate,
            propagate,
            routes,
        })
}

fn vpc() -> impl Strategy<Value = VpcSpec> {
    (
        0..BLOCKS.len(),
        0..REGIONS.len(),
        vec((0..3u8, vec((any::<u8>(), any::<bool>()), 0..=2)), 1..=2),
        vec(table(), 1..=2),
        option::of(any::<bool>()),
        option::of((0..2usize, any::<u8>())),
        option::of((any::<u8>(), any::<bool>())),
        option::of(any::<bool>()),
    )
        .prop_map(
            |(block, region, subnets, tables, igw, nat, s3, vgw)| VpcSpec {
                block,
                region,
                subnets,
                tables,
                igw,
                nat,
                s3,
                vgw,
            },
        )
}

fn onprem() -> impl Strategy<Value = OnpremSpec> {
    (
        0..3usize,
        any::<bool>(),
        (any::<bool>(), any::<bool>()),
        any::<bool>(),
        vec(0..DESTINATIONS.len(), 0..=2),
    )
        .prop_map(|(vpc, bgp, tunnels_up, dx_private, routes)| OnpremSpec {
            vpc,
            bgp,
            tunnels_up,
            dx_private,
            routes,
        })
}

fn topology() -> impl Strategy<Value = TopoSpec> {
    (
        vec(vpc(), 1..=3),
        vec((0..3usize, 0..3usize, 0..STATUSES.len()), 0..=3),
        option::of(onprem()),
        any::<bool>(),
    )
        .prop_map(|(vpcs, peerings, onprem, internet_host)| TopoSpec {
            vpcs,
            peerings,
            onprem,
            internet_host,
        })
}

fn addr(block: [u8; 3], slot: u8, host: u8) -> String {
    format!(
        "{}.{}.{}.{host}",
        block[0],
        block[1],
        block[2].wrapping_add(slot)
    )
}

impl TopoSpec {
    /// The scenario document. References always name something of the right kind, so it
    /// loads; odd but loadable choices (another VPC's gateway as a target, duplicate
    /// addresses, overlapping peers) are kept: the trace must behave on them too.
    fn document(&self) -> Value {
        let n = self.vpcs.len();
        let (mut vpcs, mut subnets, mut tables, mut instances) = (vec![], vec![], vec![], vec![]);
        let (mut igws, mut nats, mut endpoints, mut vgws) = (vec![], vec![], vec![], vec![]);
        for (v, d) in self.vpcs.iter().enumerate() {
            let (block, prefix) = BLOCKS[d.block];
            let region = REGIONS[d.region];
            vpcs.push(json!({"id": format!("vpc-{v}"), "region": region,
                "cidrs": [format!("{}.{}.{}.0/{prefix}", block[0], block[1], block[2])]}));
            for (k, (slot, hosts)) in d.subnets.iter().enumerate() {
                subnets.push(
                    json!({"id": format!("subnet-{v}-{k}"), "vpc": format!("vpc-{v}"),
                    "cidr": format!("{}/24", addr(block, *slot, 0))}),
                );
                for (m, (host, public)) in hosts.iter().enumerate() {
                    let public = public.then(|| format!("54.1.{v}.{}", k * 2 + m + 1));
                    instances.push(
                        json!({"id": format!("i-{v}-{k}-{m}"), "subnet": format!("subnet-{v}-{k}"),
                        "private_ip": addr(block, *slot, *host), "public_ip": public}),
                    );
                }
            }
            let mut taken = 0u8;
            for (t, spec) in d.tables.iter().enumerate() {
                let mut assoc = vec![];
                for k in 0..d.subnets.len() {
                    let bit = 1u8 << k;
                    if spec.associate & bit != 0 && taken & bit == 0 {
                        taken |= bit;
                        assoc.push(format!("subnet-{v}-{k}"));
                    }
                }
                let mut routes: Vec<Value> = vec![];
                let mut seen = vec![];
                for (dest, target) in &spec.routes {
                    let target = match *target {
                        Target::Igw(w) => self
                            .vpcs
                            .get(w)
                            .and_then(|x| x.igw)
                            .map(|_| format!("igw-{w}")),
                        Target::Nat(w) => self
                            .vpcs
                            .get(w)
                            .and_then(|x| x.nat)
                            .map(|_| format!("nat-{w}")),
                        Target::Peering(p) => (p < self.peerings.len()).then(|| format!("pcx-{p}")),
                        Target::S3(w) => self
                            .vpcs
                            .get(w)
                            .and_then(|x| x.s3)
                            .map(|_| format!("vpce-s3-{w}")),
                        Target::Vgw(w) => self
                            .vpcs
                            .get(w)
                            .and_then(|x| x.vgw)
                            .map(|_| format!("vgw-{w}")),
                    };
                    // One route per destination in a table, as AWS allows.
                    if let (Some(target), false) = (target, seen.contains(dest)) {
                        seen.push(*dest);
                        routes.push(json!({"destination": DESTINATIONS[*dest], "target": target}));
                    }
                }
                let prop: Vec<String> = if spec.propagate && d.vgw.is_some() {
                    vec![format!("vgw-{v}")]
                } else {
                    vec![]
                };
                tables.push(
                    json!({"id": format!("rtb-{v}-{t}"), "vpc": format!("vpc-{v}"), "main": t == 0,
                    "subnets": assoc, "propagating_gateways": prop, "routes": routes}),
                );
            }
            if let Some(attached) = d.igw {
                igws.push(
                    json!({"id": format!("igw-{v}"), "vpc": attached.then(|| format!("vpc-{v}"))}),
                );
            }
            if let Some((k, host)) = d.nat {
                let k = k % d.subnets.len();
                nats.push(json!({"id": format!("nat-{v}"), "subnet": format!("subnet-{v}-{k}"),
                    "private_ip": addr(block, d.subnets[k].0, host), "public_ip": format!("54.0.0.{v}")}));
            }
            if let Some((mask, allow)) = d.s3 {
                let rts: Vec<String> = (0..d.tables.len())
                    .filter(|t| mask & (1 << t) != 0)
                    .map(|t| format!("rtb-{v}-{t}"))
                    .collect();
                let policy = if allow {
                    json!({"allow": ["arn:aws:s3:::bucket-a", "arn:aws:s3:::bucket-a/*"]})
                } else {
                    json!("full")
                };
                endpoints.push(json!({"id": format!("vpce-s3-{v}"), "vpc": format!("vpc-{v}"), "type": "gateway",
                    "service": format!("com.amazonaws.{region}.s3"), "route_tables": rts, "policy": policy}));
            }
            if let Some(attached) = d.vgw {
                vgws.push(
                    json!({"id": format!("vgw-{v}"), "vpc": attached.then(|| format!("vpc-{v}"))}),
                );
            }
        }
        let peerings: Vec<Value> = self
            .peerings
            .iter()
            .enumerate()
            .map(|(p, (a, b, st))| {
                json!({"id": format!("pcx-{p}"), "requester": format!("vpc-{}", a % n),
                "accepter": format!("vpc-{}", b % n), "status": STATUSES[*st]})
            })
            .collect();
        let mut doc = json!({
            "format": "vpc-playground/1",
            "vpcs": vpcs, "subnets": subnets, "route_tables": tables, "instances": instances,
            "internet_gateways": igws, "nat_gateways": nats, "peering_connections": peerings,
            "vpc_endpoints": endpoints, "vpn_gateways": vgws,
        });
        let obj = doc.as_object_mut().expect("an object");
        if let Some(o) = &self.onprem {
            let w = o.vpc % n;
            let vgw = self.vpcs[w].vgw.map(|_| format!("vgw-{w}"));
            let (mut vpns, mut vifs, mut routes) = (vec![], vec![], vec![]);
            if let Some(g) = &vgw {
                let state = |up: bool| if up { "up" } else { "down" };
                let statics: Vec<&str> = if o.bgp {
                    vec![]
                } else {
                    vec!["192.168.0.0/16"]
                };
                vpns.push(
                    json!({"id": "vpn-1", "vpn_gateway": g, "customer_gateway": "cgw-hq",
                    "routing": if o.bgp { "bgp" } else { "static" }, "static_routes": statics,
                    "tunnels": [state(o.tunnels_up.0), state(o.tunnels_up.1)]}),
                );
                if o.dx_private {
                    vifs.push(json!({"id": "dxvif-1", "connection": "dxcon-1", "type": "private", "vlan": 101, "vpn_gateway": g}));
                }
                let mut seen = vec![];
                for d in &o.routes {
                    if !seen.contains(d) {
                        seen.push(*d);
                        routes.push(json!({"destination": DESTINATIONS[*d], "via": "vpn-1"}));
                    }
                }
            }
            obj.insert(
                "customer_gateways".into(),
                json!([{"id": "cgw-hq", "ip": "203.0.113.12", "network": "onprem-hq"}]),
            );
            obj.insert("vpn_connections".into(), json!(vpns));
            obj.insert(
                "dx_connections".into(),
                json!([{"id": "dxcon-1", "network": "onprem-hq"}]),
            );
            obj.insert("dx_virtual_interfaces".into(), json!(vifs));
            obj.insert(
                "onprem_networks".into(),
                json!([{"id": "onprem-hq", "cidrs": ["192.168.0.0/16"],
                "hosts": [{"id": "hq-pc", "ip": "192.168.1.10"}], "routes": routes}]),
            );
        }
        if self.internet_host {
            obj.insert(
                "internet_hosts".into(),
                json!([{"id": "example", "name": "example.com", "ip": "93.184.216.34"}]),
            );
        }
        doc
    }
}

/// Loads a generated document; the generator only makes loadable ones.
fn load(doc: &Value) -> vpc_engine::Loaded {
    match vpc_engine::load(&doc.to_string()) {
        Ok(s) => s,
        Err(e) => panic!("generated scenario does not load: {e}\n{doc}"),
    }
}

/// Sources: instances, on-prem hosts, internet hosts.
fn sources(s: &Scenario) -> Vec<String> {
    let mut out: Vec<String> = s.instances.iter().map(|i| i.id.clone()).collect();
    out.extend(
        s.onprem_networks
            .iter()
            .flat_map(|n| &n.hosts)
            .map(|h| h.id.clone()),
    );
    out.extend(s.internet_hosts.iter().map(|h| h.id.clone()));
    out
}

/// Destinations: every source as an id, plus addresses and names.
fn destinations(s: &Scenario) -> Vec<String> {
    let mut out = sources(s);
    out.extend(ADDRESSES.iter().chain(NAMES.iter()).map(|x| x.to_string()));
    out
}

/// Every (from, to, trace) of a scenario, computed on another thread: if it has not finished
/// within `limit`, a trace did not terminate and the test fails rather than hangs.
fn all_traces(s: &vpc_engine::Loaded, limit: Duration) -> Vec<(String, String, Trace)> {
    let (tx, rx) = mpsc::channel();
    let s2 = s.clone();
    std::thread::spawn(move || {
        let mut out = vec![];
        for from in sources(&s2) {
            for to in destinations(&s2) {
                let t = vpc_engine::trace(&s2, &from, &to);
                out.push((from.clone(), to, t));
            }
        }
        let _ = tx.send(out);
    });
    let results = rx.recv_timeout(limit).unwrap_or_else(|_| {
        panic!("traces did not finish within {limit:?}: a trace does not terminate")
    });
    results
        .into_iter()
        .map(|(from, to, t)| {
            let t = t.unwrap_or_else(|e| panic!("trace from existing node {from} failed: {e}"));
            (from, to, t)
        })
        .collect()
}

/// The addresses a resource holds (instance, NAT gateway, endpoint, host, customer gateway).
fn held_by(s: &Scenario, at: &str) -> Option<Vec<Ipv4Addr>> {
    if let Some(i) = s.instance(at) {
        return Some(vec![i.private_ip.0]);
    }
    if let Some(n) = s.nat_gateway(at) {
        return Some(vec![n.private_ip.0]);
    }
    if let Some(e) = s.endpoint(at) {
        return Some(e.private_ips.iter().map(|i| i.0).collect());
    }
    let onprem = s
        .onprem_networks
        .iter()
        .flat_map(|n| &n.hosts)
        .find(|h| h.id == at);
    if let Some(h) = onprem {
        return Some(vec![h.ip.0]);
    }
    if let Some(h) = s.internet_hosts.iter().find(|h| h.id == at) {
        return Some(vec![h.ip.0]);
    }
    s.customer_gateways
        .iter()
        .find(|c| c.id == at)
        .map(|c| vec![c.ip.0])
}

/// A trace's bound: `docs/scenario-format.md` F8 allows 64 route lookups per direction, each a
/// handful of hops.
const MAX_HOPS: usize = 1000;

/// Every list whose order carries no meaning, shuffled: the top-level lists, and inside them
/// associations, propagations, routes, endpoint route tables, on-prem hosts and routes.
/// (A VPC's `cidrs` keep their order: the first is the primary block.)
fn shuffled(doc: &Value, seed: u64) -> Value {
    let mut rng = Rng(seed | 1);
    let mut doc = doc.clone();
    let Some(obj) = doc.as_object_mut() else {
        return doc;
    };
    for (key, list) in obj.iter_mut() {
        let Value::Array(items) = list else { continue };
        rng.shuffle(items);
        let nested: &[&str] = match key.as_str() {
            "route_tables" => &["subnets", "propagating_gateways", "routes"],
            "vpc_endpoints" => &["route_tables"],
            "vpn_connections" => &["static_routes"],
            "onprem_networks" => &["hosts", "routes"],
            _ => &[],
        };
        for item in items.iter_mut() {
            for k in nested {
                if let Some(Value::Array(inner)) = item.get_mut(*k) {
                    rng.shuffle(inner);
                }
            }
        }
    }
    doc
}

// ---------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Every trace terminates, within the hop bound, and its verdict agrees with its hops:
    /// delivered ends with a delivery; a drop ends with a drop hop carrying the reason
    /// (`NO_RETURN_ROUTE`, where the request arrived, ends the forward hops with a delivery).
    #[test]
    fn every_trace_terminates(topo in topology()) {
        let doc = topo.document();
        let s = load(&doc);
        for (from, to, t) in all_traces(&s, Duration::from_secs(20)) {
            let last = t.hops.last();
            prop_assert!(last.is_some(), "{} -> {}: no hops", from, to);
            let last = last.unwrap();
            prop_assert!(t.hops.len() + t.return_hops.len() <= MAX_HOPS, "{} -> {}: {} hops", from, to, t.hops.len());
            prop_assert_eq!(t.verdict() == Verdict::Delivered, t.reason == Reason::Delivered);
            if t.verdict() == Verdict::Delivered || t.reason == Reason::NoReturnRoute {
                prop_assert_eq!(last.action, Action::Deliver, "{} -> {}: {:?}", from, to, t.path());
            } else {
                prop_assert_eq!(last.action, Action::Drop, "{} -> {}: {:?}", from, to, t.path());
                prop_assert_eq!(last.reason, Some(t.reason), "{} -> {}: {:?}", from, to, t.path());
            }
        }
    }

    /// A delivered packet's last forward hop is its destination: a resource that holds the
    /// address the packet carries there (or `internet`, or an AWS service), and, when the
    /// destination was given as an instance or host id, that node or a twin with the same
    /// address (overlapping VPCs). The reply, when there is one, ends at the source.
    #[test]
    fn delivered_ends_at_the_destination(topo in topology()) {
        let doc = topo.document();
        let s = load(&doc);
        for (from, to, t) in all_traces(&s, Duration::from_secs(20)) {
            if t.verdict() != Verdict::Delivered {
                continue;
            }
            let last = t.hops.last().unwrap();
            match held_by(&s, last.at.as_str()) {
                Some(ips) => prop_assert!(
                    last.dst.is_some_and(|d| ips.contains(&d.0)),
                    "{} -> {}: delivered at {}, which does not hold {:?}; path {:?}", from, to, last.at, last.dst, t.path()),
                None => prop_assert!(
                    matches!(last.at, Location::Internet | Location::Service(_)),
                    "{} -> {}: delivered at {}, which is no destination; path {:?}", from, to, last.at, t.path()),
            }
            if let Ok(ip) = to.parse::<Ipv4Addr>() {
                // A public address of the scenario is translated on the way in.
                let translated = s.instances.iter().any(|i| i.public_ip.map(|p| p.0) == Some(ip))
                    || s.nat_gateways.iter().any(|n| n.public_ip.0 == ip);
                if !translated {
                    prop_assert_eq!(last.dst.map(|d| d.0), Some(ip), "{} -> {}: {:?}", from, to, t.path());
                }
            }
            if let Some(want) = held_by(&s, &to).filter(|_| sources(&s).contains(&to)) {
                let from_internet = s.internet_hosts.iter().any(|h| h.id == from);
                if last.at != to && !from_internet {
                    prop_assert_eq!(held_by(&s, last.at.as_str()), Some(want), "{} -> {}: delivered at {}", from, to, last.at);
                }
            }
            if let Some(back) = t.return_hops.last() {
                prop_assert_eq!(&back.at, &from, "{} -> {}: the reply ends elsewhere", from, to);
            }
        }
    }

    /// Listing resources in another order changes no verdict, reason or path. Left out are
    /// topologies AWS cannot have, where the document's order is the only tie-break: two
    /// network interfaces with one address in a VPC (`DUPLICATE_IP`: which one answers) and
    /// overlapping subnets (`SUBNET_OVERLAP`: which subnet a `NO_SUCH_HOST` drop is at).
    #[test]
    fn order_does_not_matter(topo in topology(), seed in any::<u64>()) {
        let doc = topo.document();
        let s = load(&doc);
        prop_assume!(!vpc_engine::validate(&s)
            .iter()
            .any(|f| matches!(f.code, FindingCode::DuplicateIp | FindingCode::SubnetOverlap)));
        let mixed = shuffled(&doc, seed);
        let r = load(&mixed);
        // The same (from, to) pairs, whatever order the documents list the nodes in.
        let mut a = all_traces(&s, Duration::from_secs(20));
        let mut b = all_traces(&r, Duration::from_secs(20));
        a.sort_by(|x, y| (&x.0, &x.1).cmp(&(&y.0, &y.1)));
        b.sort_by(|x, y| (&x.0, &x.1).cmp(&(&y.0, &y.1)));
        prop_assert_eq!(a.len(), b.len());
        for ((from, to, t), (from2, to2, u)) in a.iter().zip(&b) {
            prop_assert_eq!((from, to), (from2, to2));
            prop_assert_eq!(
                (t.verdict(), t.reason, t.path(), t.return_path()),
                (u.verdict(), u.reason, u.path(), u.return_path()),
                "{} -> {} changes with the lists reordered\noriginal: {}\nreordered: {}", from, to, doc, mixed);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Upgrading to format 2 (`docs/scenario-format.md` N7) keeps the document loadable,
    /// its findings and every verdict and reason, but for a delivered packet whose reply
    /// format 1 did not trace (to the internet, a service…): format 2 traces it and may
    /// find no way back (`NO_RETURN_ROUTE`).
    #[test]
    fn upgrade_keeps_every_verdict(topo in topology()) {
        let doc = topo.document();
        let s = load(&doc);
        let up = vpc_engine::Loaded::new(vpc_engine::upgrade::upgrade(&s));
        prop_assert!(up.is_ok(), "the upgrade of {} does not load: {:?}", doc, up.err());
        let up = up.unwrap();
        prop_assert!(up.format().filters());
        prop_assert_eq!(vpc_engine::validate(&up), vpc_engine::validate(&s));
        let before = all_traces(&s, Duration::from_secs(20));
        let after = all_traces(&up, Duration::from_secs(20));
        prop_assert_eq!(before.len(), after.len());
        for ((from, to, t), (_, _, u)) in before.iter().zip(&after) {
            if t.verdict() == Verdict::Delivered && t.return_hops.is_empty() {
                prop_assert!(u.verdict() == Verdict::Delivered || u.reason == Reason::NoReturnRoute,
                    "{} -> {}: {:?} after the upgrade\n{}", from, to, u.reason, doc);
            } else {
                prop_assert_eq!((t.verdict(), t.reason), (u.verdict(), u.reason),
                    "{} -> {} changes with the upgrade\n{}", from, to, doc);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Loops of routes, table-driven
// ---------------------------------------------------------------------------------------

/// One VPC, 10.0.0.0/16, with an instance `i-a` in `subnet-app` and `nat_count` NAT gateways
/// `nat-1..` each in its own subnet; `routes` are (table, destination, target) and the
/// tables are `rtb-app` (the app subnet's, main) and `rtb-nat-K` (NAT K's subnet's).
fn nat_chain(nat_count: usize, routes: &[(&str, &str, &str)]) -> vpc_engine::Loaded {
    let mut subnets = vec![json!({"id": "subnet-app", "vpc": "vpc-a", "cidr": "10.0.1.0/24"})];
    let mut nats = vec![];
    let mut tables = vec![json!({"id": "rtb-app", "vpc": "vpc-a", "main": true, "routes": []})];
    for k in 1..=nat_count {
        subnets.push(json!({"id": format!("subnet-nat-{k}"), "vpc": "vpc-a", "cidr": format!("10.0.{}.0/24", 10 + k)}));
        nats.push(
            json!({"id": format!("nat-{k}"), "subnet": format!("subnet-nat-{k}"),
            "private_ip": format!("10.0.{}.5", 10 + k), "public_ip": format!("54.0.0.{k}")}),
        );
        tables.push(json!({"id": format!("rtb-nat-{k}"), "vpc": "vpc-a", "subnets": [format!("subnet-nat-{k}")], "routes": []}));
    }
    for (table, dest, target) in routes {
        let t = tables
            .iter_mut()
            .find(|t| t["id"] == *table)
            .unwrap_or_else(|| panic!("no table {table}"));
        t["routes"]
            .as_array_mut()
            .expect("routes")
            .push(json!({"destination": dest, "target": target}));
    }
    let doc = json!({
        "format": "vpc-playground/1",
        "vpcs": [{"id": "vpc-a", "region": "us-east-1", "cidrs": ["10.0.0.0/16"]}],
        "subnets": subnets, "route_tables": tables,
        "instances": [{"id": "i-a", "subnet": "subnet-app", "private_ip": "10.0.1.10"}],
        "internet_gateways": [{"id": "igw-a", "vpc": "vpc-a"}],
        "nat_gateways": nats,
    });
    load(&doc)
}

/// A loop of routes is reported as `ROUTING_LOOP` (`docs/scenario-format.md` F8: more than 64
/// route lookups in one direction, or a NAT gateway routing to itself), not followed forever.
/// Packets can only go round through NAT gateways: a packet that crosses a peering, VPN or DX
/// may only be delivered in the VPC it enters.
#[test]
fn routing_loops() {
    struct Case {
        name: &'static str,
        scenario: vpc_engine::Loaded,
        to: &'static str,
        verdict: Verdict,
        reason: Reason,
        /// The path starts like this (the loop itself may be shown with more hops).
        path_start: &'static [&'static str],
    }
    let cases = [
        Case {
            name: "a NAT gateway whose own subnet routes back to it",
            scenario: nat_chain(
                1,
                &[
                    ("rtb-app", "0.0.0.0/0", "nat-1"),
                    ("rtb-nat-1", "0.0.0.0/0", "nat-1"),
                ],
            ),
            to: "8.8.8.8",
            verdict: Verdict::Dropped,
            reason: Reason::RoutingLoop,
            path_start: &["i-a", "rtb-app", "nat-1"],
        },
        Case {
            name: "two NAT gateways routing to each other",
            scenario: nat_chain(
                2,
                &[
                    ("rtb-app", "0.0.0.0/0", "nat-1"),
                    ("rtb-nat-1", "0.0.0.0/0", "nat-2"),
                    ("rtb-nat-2", "0.0.0.0/0", "nat-1"),
                ],
            ),
            to: "8.8.8.8",
            verdict: Verdict::Dropped,
            reason: Reason::RoutingLoop,
            path_start: &["i-a", "rtb-app", "nat-1"],
        },
        Case {
            name: "three NAT gateways in a ring, for one prefix only",
            scenario: nat_chain(
                3,
                &[
                    ("rtb-app", "93.184.216.0/24", "nat-1"),
                    ("rtb-nat-1", "93.184.216.0/24", "nat-2"),
                    ("rtb-nat-2", "93.184.216.0/24", "nat-3"),
                    ("rtb-nat-3", "93.184.216.0/24", "nat-1"),
                    ("rtb-nat-1", "0.0.0.0/0", "igw-a"),
                ],
            ),
            to: "93.184.216.34",
            verdict: Verdict::Dropped,
            reason: Reason::RoutingLoop,
            path_start: &["i-a", "rtb-app", "nat-1"],
        },
        Case {
            name: "control: the same ring, another prefix leaves through the internet gateway",
            scenario: nat_chain(
                3,
                &[
                    ("rtb-app", "0.0.0.0/0", "nat-1"),
                    ("rtb-nat-1", "93.184.216.0/24", "nat-2"),
                    ("rtb-nat-2", "93.184.216.0/24", "nat-3"),
                    ("rtb-nat-3", "93.184.216.0/24", "nat-1"),
                    ("rtb-nat-1", "0.0.0.0/0", "igw-a"),
                ],
            ),
            to: "8.8.8.8",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path_start: &["i-a", "rtb-app", "nat-1", "rtb-nat-1", "igw-a", "internet"],
        },
    ];
    for c in cases {
        let (tx, rx) = mpsc::channel();
        let s = c.scenario.clone();
        let to = c.to;
        std::thread::spawn(move || {
            let _ = tx.send(vpc_engine::trace(&s, "i-a", to));
        });
        let t = rx
            .recv_timeout(Duration::from_secs(10))
            .unwrap_or_else(|_| panic!("{}: the trace did not terminate", c.name))
            .unwrap_or_else(|e| panic!("{}: {e}", c.name));
        assert_eq!(
            (t.verdict(), t.reason),
            (c.verdict, c.reason),
            "{}: path {:?}",
            c.name,
            t.path()
        );
        assert!(
            t.path().starts_with(c.path_start),
            "{}: path {:?} does not start with {:?}",
            c.name,
            t.path(),
            c.path_start
        );
        assert!(
            t.hops.len() <= MAX_HOPS,
            "{}: {} hops",
            c.name,
            t.hops.len()
        );
        if c.reason == Reason::RoutingLoop {
            let last = t.hops.last().expect("hops");
            assert_eq!(
                (last.action, last.reason),
                (Action::Drop, Some(Reason::RoutingLoop)),
                "{}",
                c.name
            );
        }
    }
}
