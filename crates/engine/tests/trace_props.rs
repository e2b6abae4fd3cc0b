//! Property tests over random small topologies: every trace terminates without panicking,
//! verdicts agree with their hops, a delivered packet ends at its destination (and the reply
//! at the source), reordering the document's lists changes nothing, and the verdict-only
//! trace `reach` runs gives the full trace's reason (in format 1 and upgraded to format 2).
use proptest::prelude::*;
mod common;
use common::Rng;
use serde_json::{json, Value};
use vpc_engine::model::Scenario;
use vpc_engine::{Action, Reason, Verdict};

fn topology(seed: u64) -> Value {
    let mut r = Rng(seed | 1);
    let n = 1 + r.below(3);
    let seconds = [0u8, 1, 0, 2]; // second octets: overlaps happen
    let mut vpcs = vec![];
    let mut subnets = vec![];
    let mut tables = vec![];
    let mut instances = vec![];
    let mut igws = vec![];
    let mut nats = vec![];
    let mut endpoints = vec![];
    let mut vgws = vec![];
    let mut pcx = vec![];
    let mut ids: Vec<String> = vec![];
    for i in 0..n {
        ids.extend([
            format!("igw-{i}"),
            format!("nat-{i}"),
            format!("vgw-{i}"),
            format!("vpce-s3-{i}"),
        ]);
        for j in (i + 1)..n {
            ids.push(format!("pcx-{i}{j}"));
        }
    }
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    for i in 0..n {
        let b = seconds[r.below(seconds.len())];
        let region = r.pick(&["us-east-1", "us-east-1", "eu-west-1"]);
        vpcs.push(json!({"id": format!("vpc-{i}"), "region": region, "cidrs": [format!("10.{b}.0.0/16")]}));
        for s in 1..=2 {
            subnets.push(json!({"id": format!("subnet-{i}-{s}"), "vpc": format!("vpc-{i}"), "cidr": format!("10.{b}.{s}.0/24")}));
            let public = if r.coin() {
                json!(format!("54.1.{i}.{s}"))
            } else {
                Value::Null
            };
            instances.push(json!({"id": format!("i-{i}-{s}"), "subnet": format!("subnet-{i}-{s}"), "private_ip": format!("10.{b}.{s}.10"), "public_ip": public}));
        }
        for (t, main) in [(1, true), (2, false)] {
            let mut routes = vec![];
            for _ in 0..r.below(5) {
                let dest = r.pick(&[
                    "0.0.0.0/0",
                    "10.0.0.0/16",
                    "10.1.0.0/16",
                    "10.2.0.0/16",
                    "10.0.1.0/24",
                    "192.168.0.0/16",
                    "52.216.0.0/15",
                ]);
                let target = r.pick(&id_refs);
                routes.push(json!({"destination": dest, "target": target}));
            }
            let prop: Vec<String> = if r.coin() {
                vec![format!("vgw-{i}")]
            } else {
                vec![]
            };
            let assoc: Vec<String> = if main {
                vec![]
            } else {
                vec![format!("subnet-{i}-2")]
            };
            tables.push(json!({"id": format!("rtb-{i}-{t}"), "vpc": format!("vpc-{i}"), "main": main, "subnets": assoc, "propagating_gateways": prop, "routes": routes}));
        }
        let attached = if r.below(4) == 0 {
            Value::Null
        } else {
            json!(format!("vpc-{i}"))
        };
        igws.push(json!({"id": format!("igw-{i}"), "vpc": attached}));
        let ns = 1 + r.below(2);
        nats.push(json!({"id": format!("nat-{i}"), "subnet": format!("subnet-{i}-{ns}"), "private_ip": format!("10.{b}.{ns}.5"), "public_ip": format!("54.0.0.{i}")}));
        let rts: Vec<String> = (1..=2)
            .filter(|_| r.coin())
            .map(|t| format!("rtb-{i}-{t}"))
            .collect();
        let policy = if r.coin() {
            json!("full")
        } else {
            json!({"allow": ["arn:aws:s3:::bucket-a/*"]})
        };
        endpoints.push(json!({"id": format!("vpce-s3-{i}"), "vpc": format!("vpc-{i}"), "type": "gateway", "service": "com.amazonaws.us-east-1.s3", "route_tables": rts, "policy": policy}));
        endpoints.push(json!({"id": format!("vpce-kds-{i}"), "vpc": format!("vpc-{i}"), "type": "interface", "service": "com.amazonaws.us-east-1.kinesis-streams", "subnets": [format!("subnet-{i}-1")], "private_ips": [format!("10.{b}.1.20")], "private_dns": r.coin()}));
        let vgw_vpc = if r.below(5) == 0 {
            Value::Null
        } else {
            json!(format!("vpc-{i}"))
        };
        vgws.push(json!({"id": format!("vgw-{i}"), "vpc": vgw_vpc}));
        for j in (i + 1)..n {
            let status = r.pick(&["active", "active", "pending-acceptance", "deleted"]);
            pcx.push(json!({"id": format!("pcx-{i}{j}"), "requester": format!("vpc-{i}"), "accepter": format!("vpc-{j}"), "status": status}));
        }
    }
    let tunnels = [r.pick(&["up", "down"]), r.pick(&["up", "down"])];
    let routing = r.pick(&["bgp", "static"]);
    let mut vifs =
        vec![json!({"id": "dxvif-pub", "connection": "dxcon-1", "type": "public", "vlan": 200})];
    if r.coin() {
        vifs.push(json!({"id": "dxvif-1", "connection": "dxcon-1", "type": "private", "vlan": 101, "vpn_gateway": "vgw-0"}));
    }
    let onprem_routes = if r.coin() {
        json!([{"destination": "10.0.0.0/8", "via": "vpn-1"}])
    } else {
        json!([])
    };
    json!({
        "format": "vpc-playground/1",
        "vpcs": vpcs, "subnets": subnets, "route_tables": tables, "instances": instances,
        "internet_gateways": igws, "nat_gateways": nats, "peering_connections": pcx,
        "vpc_endpoints": endpoints, "vpn_gateways": vgws,
        "customer_gateways": [{"id": "cgw-hq", "ip": "203.0.113.12", "network": "onprem-hq"}],
        "vpn_connections": [{"id": "vpn-1", "vpn_gateway": "vgw-0", "customer_gateway": "cgw-hq", "routing": routing, "static_routes": ["192.168.0.0/16"], "tunnels": tunnels}],
        "dx_connections": [{"id": "dxcon-1", "network": "onprem-hq"}],
        "dx_virtual_interfaces": vifs,
        "onprem_networks": [{"id": "onprem-hq", "cidrs": ["192.168.0.0/16"], "hosts": [{"id": "hq-pc", "ip": "192.168.1.10"}], "routes": onprem_routes}],
        "internet_hosts": [{"id": "example", "name": "example.com", "ip": "93.184.216.34"}]
    })
}

fn endpoints_of(s: &Scenario) -> (Vec<String>, Vec<String>) {
    let mut sources: Vec<String> = s.instances.iter().map(|i| i.id.clone()).collect();
    sources.extend(["hq-pc".to_string(), "example".to_string()]);
    let mut dests = sources.clone();
    dests.extend(
        [
            "8.8.8.8",
            "52.216.100.21",
            "10.0.1.99",
            "192.168.1.10",
            "10.1.1.10",
            "10.2.2.5",
            "54.0.0.0",
            "s3.us-east-1.amazonaws.com",
            "bucket-a.s3.us-east-1.amazonaws.com",
            "kinesis.us-east-1.amazonaws.com",
            "vpce-kds-0",
            "example.com",
            "nothing.invalid",
        ]
        .map(String::from),
    );
    (sources, dests)
}

/// The private address of an instance, or a host's address.
fn addr_of(s: &Scenario, id: &str) -> Option<std::net::Ipv4Addr> {
    if let Some(i) = s.instance(id) {
        return Some(i.private_ip.0);
    }
    let onprem = s
        .onprem_networks
        .iter()
        .flat_map(|n| &n.hosts)
        .find(|h| h.id == id)
        .map(|h| h.ip.0);
    onprem.or_else(|| s.internet_hosts.iter().find(|h| h.id == id).map(|h| h.ip.0))
}

fn reversed(v: &Value) -> Value {
    let mut v = v.clone();
    for key in [
        "vpcs",
        "subnets",
        "route_tables",
        "instances",
        "internet_gateways",
        "nat_gateways",
        "peering_connections",
        "vpc_endpoints",
        "vpn_gateways",
        "vpn_connections",
        "dx_virtual_interfaces",
        "internet_hosts",
    ] {
        if let Some(Value::Array(a)) = v.get_mut(key) {
            a.reverse();
        }
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn traces_terminate_and_agree_with_their_hops(seed in any::<u64>()) {
        let doc = topology(seed);
        let s: Scenario = serde_json::from_value(doc.clone()).expect("generated scenario loads");
        let s = vpc_engine::Loaded::new(s).expect("generated scenario loads");
        let r: Scenario = serde_json::from_value(reversed(&doc)).expect("reversed scenario loads");
        let r = vpc_engine::Loaded::new(r).expect("reversed scenario loads");
        let (sources, dests) = endpoints_of(&s);
        for from in &sources {
            for to in &dests {
                let t = vpc_engine::trace(&s, from, to).expect("sources exist");
                prop_assert!(!t.hops.is_empty());
                prop_assert!(t.hops.len() + t.return_hops.len() < 600);
                prop_assert_eq!(t.verdict() == Verdict::Delivered, t.reason == Reason::Delivered);
                let last = t.hops.last().unwrap();
                if t.reason == Reason::NoReturnRoute || t.verdict() == Verdict::Delivered {
                    prop_assert_eq!(last.action, Action::Deliver, "{} -> {}", from, to);
                } else {
                    prop_assert_eq!(last.action, Action::Drop);
                    prop_assert_eq!(last.reason, Some(t.reason));
                }
                let id_dest = s.instance(to).is_some() || to == "hq-pc" || to == "example";
                if t.verdict() == Verdict::Delivered && id_dest {
                    // The packet ends at `to`, or at a twin holding the same address (overlaps).
                    prop_assert!(last.at == *to || addr_of(&s, last.at.as_str()) == addr_of(&s, to), "{} -> {}", from, to);
                }
                if t.verdict() == Verdict::Delivered && !t.return_hops.is_empty() {
                    prop_assert_eq!(t.return_hops.last().unwrap().at.as_str(), from.as_str());
                }
                // Reordering the document's lists changes nothing.
                let u = vpc_engine::trace(&r, from, to).expect("sources exist");
                prop_assert_eq!((t.verdict(), t.reason, t.path()), (u.verdict(), u.reason, u.path()), "{} -> {}", from, to);
            }
        }
        // The verdict-only walk (what `reach` runs) gives the full trace's reason, in
        // format 1 and upgraded to format 2 (its filters), for packets the filters treat
        // differently.
        let up = vpc_engine::Loaded::new(vpc_engine::upgrade::upgrade(&s)).expect("upgrade loads");
        let packets = [
            vpc_engine::packet::Packet::default(),
            vpc_engine::packet::Packet::new(vpc_engine::packet::Protocol::Udp, Some(53), None).expect("udp"),
            vpc_engine::packet::Packet::Icmp,
        ];
        for l in [&s, &up] {
            let tracer = vpc_engine::trace::Tracer::new(l);
            for from in &sources {
                for to in &dests {
                    for p in packets {
                        let full = tracer.trace_packet(from, to, p).map(|t| t.reason);
                        prop_assert_eq!(tracer.verdict_packet(from, to, p), full, "{} -> {} ({:?})", from, to, p);
                    }
                }
            }
        }
        // The matrix is exactly the traces.
        let m = vpc_engine::reach(&s);
        prop_assert_eq!(m.nodes.len(), s.instances.len() + 1);
        for (from, row) in &m.matrix {
            prop_assert_eq!(row.len(), m.nodes.len() - 1);
            for (to, cell) in row {
                let t = vpc_engine::trace(&s, from, to).unwrap();
                prop_assert_eq!((cell.verdict, cell.reason), (t.verdict(), t.reason));
            }
        }
    }
}
