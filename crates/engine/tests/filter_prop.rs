//! Property test: a network ACL's readable first-match evaluation (over the rules as load
//! sorts them) agrees with the naive reference (lowest matching number, whatever the
//! order) on random ACLs, packets and addresses, and lists exactly the rules up to the
//! deciding one.
use proptest::prelude::*;
use vpc_engine::filter::acl::{evaluate, first_match_naive};
use vpc_engine::filter::Direction;
use vpc_engine::packet::{Packet, Protocol};
use vpc_engine::{load, Ip};

/// A rule as JSON: few numbers (so some repeat), few ports and a small address space (so
/// rules overlap often).
fn rule() -> impl Strategy<Value = serde_json::Value> {
    (1u16..12, 0usize..4, 1u16..6, 0u16..3, 0u8..4, 8u8..=32, any::<bool>()).prop_map(
        |(n, proto, from, span, b, len, allow)| {
            let protocol = ["tcp", "udp", "icmp", "all"][proto];
            let mut r = serde_json::json!({
                "rule": n * 10,
                "protocol": protocol,
                "cidr": vpc_engine::Cidr::new_truncated([10, b, 0, 0].into(), len).unwrap().to_string(),
                "action": if allow { "allow" } else { "deny" },
            });
            if proto < 2 {
                r["ports"] = format!("{}-{}", from * 100, (from + span) * 100).into();
            }
            r
        },
    )
}

fn packet() -> impl Strategy<Value = Packet> {
    (0usize..3, 1i64..700).prop_map(|(p, port)| {
        let proto = [Protocol::Tcp, Protocol::Udp, Protocol::Icmp][p];
        let port = (proto != Protocol::Icmp).then_some(port);
        Packet::new(proto, port, port.map(|_| 40000)).unwrap()
    })
}

proptest! {
    #[test]
    fn first_match_agrees_with_naive(rules in proptest::collection::vec(rule(), 0..16),
                                     packet in packet(), b in 0u8..4, d in 0u8..=255) {
        let doc = serde_json::json!({
            "format": "vpc-playground/2",
            "vpcs": [{"id": "vpc-a", "region": "us-east-1", "cidrs": ["10.0.0.0/16"]}],
            "subnets": [{"id": "subnet-a", "vpc": "vpc-a", "cidr": "10.0.1.0/24"}],
            "network_acls": [{"id": "acl-a", "vpc": "vpc-a", "subnets": ["subnet-a"], "egress": rules}],
        });
        let l = load(&doc.to_string()).unwrap();
        let f = l.index().filters().unwrap();
        let acl = f.acl_of(l.index().at("subnet-a").unwrap()).unwrap();
        let sorted = f.acl(acl).unwrap().rules(Direction::Egress);
        let addr = Ip([10, b, 1, d].into());
        let got = evaluate(sorted, packet, addr);
        let mut shuffled = sorted.to_vec();
        shuffled.reverse();
        prop_assert_eq!(got.decided_by, first_match_naive(&shuffled, packet, addr));
        // The rules listed: ascending, up to the decider, only the last one matched.
        let numbers: Vec<u16> = got.rules.iter().map(|r| r.entry.number.get()).collect();
        prop_assert!(numbers.windows(2).all(|w| w[0] <= w[1]));
        let upto = got.rules.len();
        prop_assert!(got.rules.iter().take(upto.saturating_sub(1)).all(|r| !r.matched));
        match got.decided_by {
            Some(r) => prop_assert_eq!(got.rules.last().map(|e| e.entry), Some(r)),
            None => prop_assert_eq!(upto, sorted.len()),
        }
    }
}
