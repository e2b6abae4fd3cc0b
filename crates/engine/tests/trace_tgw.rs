//! Transit gateways in the trace (`docs/scenario-format.md`, transit gateway rules): into the
//! transit gateway from a VPC route (the attachment in the sender's Availability Zone), the
//! transit gateway route table (every matching route, the winner), out through a VPC, VPN or
//! peering attachment, on-premises learning a VPN attachment's table, and the reply back.
//! Table-driven over small format 2 scenarios; every path was worked out by hand from the
//! rules, the filter hops (security groups, network ACLs) included.

mod common;

use common::{run_packets, scenario, variant, PacketCase};
use vpc_engine::packet::{Packet, Protocol};
use vpc_engine::trace::trace_packet;
use vpc_engine::verdict::{Origin, RouteMatch};
use vpc_engine::{Action, Reason, Trace, Verdict};

/// Three VPCs of one Region on `tgw-1`, each through its own small attachment subnet in
/// us-east-1a, plus a second subnet of A in us-east-1b where the attachment has no subnet.
/// C's attachment has a subnet in each AZ, the us-east-1b one listed first and with its own
/// route table. On-premises `dc` is on `tgw-1` over a BGP VPN. One route table associates
/// and propagates every attachment. Every VPC's default group admits everything, so the
/// filters on the way are the implicit allow-all ACLs (shown as hops) unless a case adds
/// one. `tgw-2` has nothing attached.
const HUB: &str = r#"{
  "format": "vpc-playground/2",
  "vpcs": [
    {"id": "vpc-a", "region": "us-east-1", "cidrs": ["10.0.0.0/16"]},
    {"id": "vpc-b", "region": "us-east-1", "cidrs": ["10.1.0.0/16"]},
    {"id": "vpc-c", "region": "us-east-1", "cidrs": ["10.2.0.0/16"]}
  ],
  "subnets": [
    {"id": "subnet-a", "vpc": "vpc-a", "az": "us-east-1a", "cidr": "10.0.1.0/24"},
    {"id": "subnet-a2", "vpc": "vpc-a", "az": "us-east-1b", "cidr": "10.0.2.0/24"},
    {"id": "subnet-a-tgw", "vpc": "vpc-a", "az": "us-east-1a", "cidr": "10.0.255.0/28"},
    {"id": "subnet-b", "vpc": "vpc-b", "az": "us-east-1a", "cidr": "10.1.1.0/24"},
    {"id": "subnet-b-tgw", "vpc": "vpc-b", "az": "us-east-1a", "cidr": "10.1.255.0/28"},
    {"id": "subnet-c", "vpc": "vpc-c", "az": "us-east-1a", "cidr": "10.2.1.0/24"},
    {"id": "subnet-c-tgw-b", "vpc": "vpc-c", "az": "us-east-1b", "cidr": "10.2.254.0/28"},
    {"id": "subnet-c-tgw", "vpc": "vpc-c", "az": "us-east-1a", "cidr": "10.2.255.0/28"}
  ],
  "route_tables": [
    {"id": "rtb-a", "vpc": "vpc-a", "main": true,
     "routes": [{"destination": "10.0.0.0/8", "target": "tgw-1"}, {"destination": "192.168.0.0/16", "target": "tgw-1"}]},
    {"id": "rtb-b", "vpc": "vpc-b", "main": true,
     "routes": [{"destination": "10.0.0.0/8", "target": "tgw-1"}, {"destination": "192.168.0.0/16", "target": "tgw-1"}]},
    {"id": "rtb-c", "vpc": "vpc-c", "main": true,
     "routes": [{"destination": "10.0.0.0/8", "target": "tgw-1"}, {"destination": "192.168.0.0/16", "target": "tgw-1"}]},
    {"id": "rtb-c-tgw-b", "vpc": "vpc-c", "subnets": ["subnet-c-tgw-b"],
     "routes": [{"destination": "10.0.0.0/8", "target": "tgw-1"}, {"destination": "192.168.0.0/16", "target": "tgw-1"}]}
  ],
  "security_groups": [
    {"id": "sg-a", "vpc": "vpc-a", "default": true, "ingress": [{"protocol": "all", "source": "0.0.0.0/0"}]},
    {"id": "sg-b", "vpc": "vpc-b", "default": true, "ingress": [{"protocol": "all", "source": "0.0.0.0/0"}]},
    {"id": "sg-c", "vpc": "vpc-c", "default": true, "ingress": [{"protocol": "all", "source": "0.0.0.0/0"}]}
  ],
  "network_acls": [],
  "instances": [
    {"id": "i-a", "subnet": "subnet-a", "private_ip": "10.0.1.10"},
    {"id": "i-a2", "subnet": "subnet-a2", "private_ip": "10.0.2.10"},
    {"id": "i-b", "subnet": "subnet-b", "private_ip": "10.1.1.10"},
    {"id": "i-c", "subnet": "subnet-c", "private_ip": "10.2.1.10"}
  ],
  "onprem_networks": [{"id": "dc", "cidrs": ["192.168.0.0/16"], "hosts": [{"id": "h-1", "ip": "192.168.1.10"}]}],
  "customer_gateways": [{"id": "cgw-1", "ip": "203.0.113.10", "asn": 65000, "network": "dc"}],
  "vpn_connections": [{"id": "vpn-1", "transit_gateway": "tgw-1", "customer_gateway": "cgw-1", "routing": "bgp"}],
  "transit_gateways": [
    {"id": "tgw-1", "region": "us-east-1"},
    {"id": "tgw-2", "region": "us-east-1"}
  ],
  "transit_gateway_attachments": [
    {"id": "tgw-attach-a", "transit_gateway": "tgw-1", "type": "vpc", "vpc": "vpc-a", "subnets": ["subnet-a-tgw"]},
    {"id": "tgw-attach-b", "transit_gateway": "tgw-1", "type": "vpc", "vpc": "vpc-b", "subnets": ["subnet-b-tgw"]},
    {"id": "tgw-attach-c", "transit_gateway": "tgw-1", "type": "vpc", "vpc": "vpc-c", "subnets": ["subnet-c-tgw-b", "subnet-c-tgw"]},
    {"id": "tgw-attach-vpn", "transit_gateway": "tgw-1", "type": "vpn", "vpn_connection": "vpn-1"}
  ],
  "transit_gateway_route_tables": [
    {"id": "tgw-rtb-main", "transit_gateway": "tgw-1",
     "associations": ["tgw-attach-a", "tgw-attach-b", "tgw-attach-c", "tgw-attach-vpn"],
     "propagations": ["tgw-attach-a", "tgw-attach-b", "tgw-attach-c", "tgw-attach-vpn"],
     "routes": []}
  ]
}"#;

const AA: &str = "vpc-a:default-acl";
const AB: &str = "vpc-b:default-acl";
const AC: &str = "vpc-c:default-acl";

/// The table's written routes replaced by `routes`.
fn hub_routes(routes: &str) -> String {
    variant(
        HUB,
        r#""routes": []}"#,
        &format!(r#""routes": [{routes}]}}"#),
    )
}

fn tcp(port: i64) -> Packet {
    Packet::new(Protocol::Tcp, Some(port), None).expect("a valid port")
}

fn trace(json: &str, from: &str, to: &str) -> Trace {
    trace_packet(&scenario(json), from, to, Packet::default()).expect("the source exists")
}

/// The routes the hop at `at` showed (the first such hop of the forward path).
fn routes_at<'t>(t: &'t Trace, at: &str) -> &'t [RouteMatch] {
    let h = t.hops.iter().find(|h| h.at == at);
    &h.unwrap_or_else(|| panic!("no hop at {at}: {:?}", t.path()))
        .routes
}

fn line(dest: &str, target: &str, origin: Origin, chosen: bool) -> RouteMatch {
    RouteMatch {
        destination: dest.into(),
        prefix: None,
        target: target.into(),
        origin,
        chosen,
    }
}

const A_TO_B: &[&str] = &[
    "i-a",
    "sg-a",
    "rtb-a",
    AA,
    AA,
    "tgw-attach-a",
    "tgw-rtb-main",
    "tgw-attach-b",
    "rtb-b",
    AB,
    AB,
    "sg-b",
    "i-b",
];
const B_TO_A: &[&str] = &[
    "i-b",
    "sg-b",
    "rtb-b",
    AB,
    AB,
    "tgw-attach-b",
    "tgw-rtb-main",
    "tgw-attach-a",
    "rtb-a",
    AA,
    AA,
    "sg-a",
    "i-a",
];

#[test]
fn through_the_hub_hop_by_hop() {
    let cases = [
        // Into the transit gateway: the sender's subnet's ACL out, the attachment subnet's
        // ACL in, the attachment, its associated table; out: the exit attachment, the table
        // of its subnet, the ACLs between that subnet and the destination's.
        PacketCase {
            name: "A to B through the hub, and back",
            json: HUB.into(),
            from: "i-a",
            to: "i-b",
            packet: Packet::default(),
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: A_TO_B,
            return_path: Some(B_TO_A),
        },
        // C's attachment: the subnet in the AZ where the packet entered (us-east-1a, routed
        // by the main table rtb-c), not the first one listed (us-east-1b).
        PacketCase {
            name: "A to C enters C in the AZ it came from",
            json: HUB.into(),
            from: "i-a",
            to: "i-c",
            packet: tcp(22),
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &[
                "i-a",
                "sg-a",
                "rtb-a",
                AA,
                AA,
                "tgw-attach-a",
                "tgw-rtb-main",
                "tgw-attach-c",
                "rtb-c",
                AC,
                AC,
                "sg-c",
                "i-c",
            ],
            return_path: Some(&[
                "i-c",
                "sg-c",
                "rtb-c",
                AC,
                AC,
                "tgw-attach-c",
                "tgw-rtb-main",
                "tgw-attach-a",
                "rtb-a",
                AA,
                AA,
                "sg-a",
                "i-a",
            ]),
        },
        // From a VPN the packet has no AZ: C's first attachment subnet (us-east-1b, with
        // its own table). The reply leaves C from us-east-1a, where C has a subnet too.
        PacketCase {
            name: "on-prem to C over the VPN attachment enters C's first attachment subnet",
            json: HUB.into(),
            from: "h-1",
            to: "i-c",
            packet: Packet::default(),
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &[
                "h-1",
                "dc",
                "cgw-1",
                "vpn-1",
                "tgw-attach-vpn",
                "tgw-rtb-main",
                "tgw-attach-c",
                "rtb-c-tgw-b",
                AC,
                AC,
                "sg-c",
                "i-c",
            ],
            return_path: Some(&[
                "i-c",
                "sg-c",
                "rtb-c",
                AC,
                AC,
                "tgw-attach-c",
                "tgw-rtb-main",
                "tgw-attach-vpn",
                "vpn-1",
                "cgw-1",
                "h-1",
            ]),
        },
        // On-prem learns every route of the VPN attachment's table: every spoke.
        PacketCase {
            name: "on-prem reaches B too",
            json: HUB.into(),
            from: "h-1",
            to: "i-b",
            packet: Packet::default(),
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &[
                "h-1",
                "dc",
                "cgw-1",
                "vpn-1",
                "tgw-attach-vpn",
                "tgw-rtb-main",
                "tgw-attach-b",
                "rtb-b",
                AB,
                AB,
                "sg-b",
                "i-b",
            ],
            return_path: Some(&[
                "i-b",
                "sg-b",
                "rtb-b",
                AB,
                AB,
                "tgw-attach-b",
                "tgw-rtb-main",
                "tgw-attach-vpn",
                "vpn-1",
                "cgw-1",
                "h-1",
            ]),
        },
        PacketCase {
            name: "A to on-prem over the VPN attachment",
            json: HUB.into(),
            from: "i-a",
            to: "h-1",
            packet: Packet::default(),
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &[
                "i-a",
                "sg-a",
                "rtb-a",
                AA,
                AA,
                "tgw-attach-a",
                "tgw-rtb-main",
                "tgw-attach-vpn",
                "vpn-1",
                "cgw-1",
                "h-1",
            ],
            return_path: Some(&[
                "h-1",
                "dc",
                "cgw-1",
                "vpn-1",
                "tgw-attach-vpn",
                "tgw-rtb-main",
                "tgw-attach-a",
                "rtb-a",
                AA,
                AA,
                "sg-a",
                "i-a",
            ]),
        },
    ];
    run_packets(&cases);
}

#[test]
fn what_stops_a_packet_at_the_hub() {
    let no_b_association = variant(
        HUB,
        r#""associations": ["tgw-attach-a", "tgw-attach-b", "tgw-attach-c", "tgw-attach-vpn"]"#,
        r#""associations": ["tgw-attach-a", "tgw-attach-c", "tgw-attach-vpn"]"#,
    );
    let no_c_propagation = variant(
        HUB,
        r#""propagations": ["tgw-attach-a", "tgw-attach-b", "tgw-attach-c", "tgw-attach-vpn"]"#,
        r#""propagations": ["tgw-attach-a", "tgw-attach-b", "tgw-attach-vpn"]"#,
    );
    let to_tgw_2 = variant(
        HUB,
        r#""main": true,
     "routes": [{"destination": "10.0.0.0/8", "target": "tgw-1"}"#,
        r#""main": true,
     "routes": [{"destination": "10.0.0.0/8", "target": "tgw-2"}"#,
    );
    let vpn_down = variant(
        HUB,
        r#""routing": "bgp"}"#,
        r#""routing": "bgp", "tunnels": ["down", "down"]}"#,
    );
    let a_tgw_acl = variant(
        HUB,
        r#""network_acls": []"#,
        r#""network_acls": [{"id": "acl-a-tgw", "vpc": "vpc-a", "subnets": ["subnet-a-tgw"]}]"#,
    );
    let into_hub: &[&str] = &[
        "i-a",
        "sg-a",
        "rtb-a",
        AA,
        AA,
        "tgw-attach-a",
        "tgw-rtb-main",
    ];
    let cases = [
        // The sender's AZ has no attachment subnet: after its subnet's ACL (met before the
        // target), the drop at the attachment.
        PacketCase {
            name: "A's us-east-1b subnet has no attachment subnet",
            json: HUB.into(),
            from: "i-a2",
            to: "i-b",
            packet: Packet::default(),
            verdict: Verdict::Dropped,
            reason: Reason::TgwNoAttachmentInAz,
            path: &["i-a2", "sg-a", "rtb-a", AA, "tgw-attach-a"],
            return_path: Some(&[]),
        },
        // The reverse gets in (B's attachment delivers to A's us-east-1a attachment
        // subnet, and the local route reaches us-east-1b), but the reply cannot leave.
        PacketCase {
            name: "B to A's us-east-1b instance: the reply has no attachment in its AZ",
            json: HUB.into(),
            from: "i-b",
            to: "i-a2",
            packet: Packet::default(),
            verdict: Verdict::Dropped,
            reason: Reason::NoReturnRoute,
            path: &[
                "i-b",
                "sg-b",
                "rtb-b",
                AB,
                AB,
                "tgw-attach-b",
                "tgw-rtb-main",
                "tgw-attach-a",
                "rtb-a",
                AA,
                AA,
                "sg-a",
                "i-a2",
            ],
            return_path: Some(&["i-a2", "sg-a", "rtb-a", AA, "tgw-attach-a"]),
        },
        PacketCase {
            name: "a route to a transit gateway the VPC is not attached to",
            json: to_tgw_2,
            from: "i-a",
            to: "i-b",
            packet: Packet::default(),
            verdict: Verdict::Dropped,
            reason: Reason::BlackholeRoute,
            path: &["i-a", "sg-a", "rtb-a", AA, "tgw-2"],
            return_path: Some(&[]),
        },
        PacketCase {
            name: "B's attachment has no route table",
            json: no_b_association.clone(),
            from: "i-b",
            to: "i-a",
            packet: Packet::default(),
            verdict: Verdict::Dropped,
            reason: Reason::NoRoute,
            path: &["i-b", "sg-b", "rtb-b", AB, AB, "tgw-attach-b"],
            return_path: Some(&[]),
        },
        // The request gets to B; B's reply finds no table at B's attachment.
        PacketCase {
            name: "A to B: the reply meets B's unassociated attachment",
            json: no_b_association,
            from: "i-a",
            to: "i-b",
            packet: Packet::default(),
            verdict: Verdict::Dropped,
            reason: Reason::NoReturnRoute,
            path: A_TO_B,
            return_path: Some(&["i-b", "sg-b", "rtb-b", AB, AB, "tgw-attach-b"]),
        },
        PacketCase {
            name: "a blackhole route in the transit gateway route table",
            json: hub_routes(r#"{"destination": "10.2.0.0/16", "target": "blackhole"}"#),
            from: "i-a",
            to: "i-c",
            packet: Packet::default(),
            verdict: Verdict::Dropped,
            reason: Reason::BlackholeRoute,
            path: into_hub,
            return_path: Some(&[]),
        },
        PacketCase {
            name: "C not propagated: no route",
            json: no_c_propagation,
            from: "i-a",
            to: "i-c",
            packet: Packet::default(),
            verdict: Verdict::Dropped,
            reason: Reason::NoRoute,
            path: into_hub,
            return_path: Some(&[]),
        },
        PacketCase {
            name: "both tunnels of the VPN down",
            json: vpn_down.clone(),
            from: "i-a",
            to: "h-1",
            packet: Packet::default(),
            verdict: Verdict::Dropped,
            reason: Reason::VpnDown,
            path: &[
                "i-a",
                "sg-a",
                "rtb-a",
                AA,
                AA,
                "tgw-attach-a",
                "tgw-rtb-main",
                "tgw-attach-vpn",
                "vpn-1",
            ],
            return_path: Some(&[]),
        },
        PacketCase {
            name: "both tunnels down, from on-prem",
            json: vpn_down,
            from: "h-1",
            to: "i-b",
            packet: Packet::default(),
            verdict: Verdict::Dropped,
            reason: Reason::VpnDown,
            path: &["h-1", "dc", "cgw-1", "vpn-1"],
            return_path: Some(&[]),
        },
        // A custom ACL with no rules on A's attachment subnet: into the transit gateway its
        // inbound rules are evaluated after the sender's subnet's outbound ones.
        PacketCase {
            name: "the attachment subnet's ACL on the way in",
            json: a_tgw_acl.clone(),
            from: "i-a",
            to: "i-b",
            packet: Packet::default(),
            verdict: Verdict::Dropped,
            reason: Reason::NaclDeny,
            path: &["i-a", "sg-a", "rtb-a", AA, "acl-a-tgw"],
            return_path: Some(&[]),
        },
        // Out of the transit gateway, its outbound rules, after the subnet's table.
        PacketCase {
            name: "the attachment subnet's ACL on the way out",
            json: a_tgw_acl,
            from: "i-b",
            to: "i-a",
            packet: Packet::default(),
            verdict: Verdict::Dropped,
            reason: Reason::NaclDeny,
            path: &[
                "i-b",
                "sg-b",
                "rtb-b",
                AB,
                AB,
                "tgw-attach-b",
                "tgw-rtb-main",
                "tgw-attach-a",
                "rtb-a",
                "acl-a-tgw",
            ],
            return_path: Some(&[]),
        },
    ];
    run_packets(&cases);
}

/// Two route tables: A's attachment reaches B, but B's table has no route back to A.
#[test]
fn asymmetric_tables_show_on_the_return_hops() {
    let json = variant(
        HUB,
        r#""associations": ["tgw-attach-a", "tgw-attach-b", "tgw-attach-c", "tgw-attach-vpn"],"#,
        r#""associations": ["tgw-attach-a", "tgw-attach-c", "tgw-attach-vpn"],"#,
    );
    let json = variant(
        &json,
        r#""routes": []}"#,
        r#""routes": []},
    {"id": "tgw-rtb-b", "transit_gateway": "tgw-1", "associations": ["tgw-attach-b"],
     "propagations": ["tgw-attach-c"], "routes": []}"#,
    );
    run_packets(&[PacketCase {
        name: "A to B with no route back in B's table",
        json,
        from: "i-a",
        to: "i-b",
        packet: Packet::default(),
        verdict: Verdict::Dropped,
        reason: Reason::NoReturnRoute,
        path: A_TO_B,
        return_path: Some(&["i-b", "sg-b", "rtb-b", AB, AB, "tgw-attach-b", "tgw-rtb-b"]),
    }]);
}

/// The transit gateway route table hop shows every matching route and the winner.
#[test]
fn the_route_table_hop_shows_every_match_and_the_winner() {
    // Equal length: the static blackhole beats C's propagated route.
    let t = trace(
        &hub_routes(r#"{"destination": "10.2.0.0/16", "target": "blackhole"}"#),
        "i-a",
        "i-c",
    );
    assert_eq!(
        routes_at(&t, "tgw-rtb-main"),
        [
            line("10.2.0.0/16", "blackhole", Origin::Static, true),
            line("10.2.0.0/16", "tgw-attach-c", Origin::Propagated, false),
        ]
    );
    // Longest prefix first: a /24 static route beats the /16 propagated one.
    let t = trace(
        &hub_routes(r#"{"destination": "10.1.1.0/24", "target": "tgw-attach-c"}"#),
        "i-a",
        "i-b",
    );
    assert!(
        t.path().contains(&"tgw-attach-c"),
        "the static /24 sends B's address to C: {:?}",
        t.path()
    );
    // Equal length, both propagated: the VPC attachment beats the VPN's BGP route.
    let json = variant(
        HUB,
        r#""cidrs": ["192.168.0.0/16"]"#,
        r#""cidrs": ["192.168.0.0/16", "10.1.0.0/16"]"#,
    );
    let t = trace(&json, "i-a", "i-b");
    assert_eq!(t.reason, Reason::Delivered, "{:?}", t.path());
    let mut shown = routes_at(&t, "tgw-rtb-main").to_vec();
    shown.sort_by(|a, b| a.target.cmp(&b.target));
    assert_eq!(
        shown,
        [
            line("10.1.0.0/16", "tgw-attach-b", Origin::Propagated, true),
            line("10.1.0.0/16", "tgw-attach-vpn", Origin::Propagated, false),
        ]
    );
    // The hop routes, and its note says which route won and why.
    let h = t.hops.iter().find(|h| h.at == "tgw-rtb-main").unwrap();
    assert_eq!(h.action, Action::Route);
    assert!(h.note.contains("tgw-attach-b"), "{}", h.note);
}

#[test]
fn the_route_table_hop_says_typed_where_each_route_came_from_and_why() {
    use vpc_engine::tgw_routing::TgwDecision;
    use vpc_engine::{TgwMissing, TgwRouteFrom};
    let typed = |t: &Trace, at: &str| {
        t.hops
            .iter()
            .find(|h| h.at == at)
            .and_then(|h| h.tgw.as_deref().cloned())
            .unwrap_or_else(|| panic!("no typed transit gateway hop at {at}: {:?}", t.path()))
    };
    let vpc = |a: &str, v: &str| TgwRouteFrom::Vpc {
        attachment: a.into(),
        vpc: v.into(),
    };
    // The static blackhole beats C's propagated route; C's route says it came from C.
    let t = trace(
        &hub_routes(r#"{"destination": "10.2.0.0/16", "target": "blackhole"}"#),
        "i-a",
        "i-c",
    );
    let h = typed(&t, "tgw-rtb-main");
    assert_eq!(
        h.origins,
        [TgwRouteFrom::Static, vpc("tgw-attach-c", "vpc-c")]
    );
    assert_eq!(h.decision, TgwDecision::StaticOverPropagated);
    // One per route shown, in order.
    assert_eq!(h.origins.len(), routes_at(&t, "tgw-rtb-main").len());
    // Only one match: the only route.
    let t = trace(HUB, "i-a", "i-b");
    let h = typed(&t, "tgw-rtb-main");
    assert_eq!(h.origins, [vpc("tgw-attach-b", "vpc-b")]);
    assert_eq!(h.decision, TgwDecision::OnlyMatch);
    assert!(h.missing.is_empty(), "{:?}", h.missing);
    // The VPC attachment's route beats the VPN's BGP route for the same prefix.
    let json = variant(
        HUB,
        r#""cidrs": ["192.168.0.0/16"]"#,
        r#""cidrs": ["192.168.0.0/16", "10.1.0.0/16"]"#,
    );
    let h = typed(&trace(&json, "i-a", "i-b"), "tgw-rtb-main");
    assert_eq!(h.decision, TgwDecision::VpcOverVpn);
    assert!(
        h.origins.contains(&TgwRouteFrom::Vpn {
            attachment: "tgw-attach-vpn".into(),
            vpn: "vpn-1".into()
        }),
        "{:?}",
        h.origins
    );
    // C does not propagate: nothing matches, and the hop says C is why.
    let json = variant(
        HUB,
        r#""propagations": ["tgw-attach-a", "tgw-attach-b", "tgw-attach-c", "tgw-attach-vpn"]"#,
        r#""propagations": ["tgw-attach-a", "tgw-attach-b", "tgw-attach-vpn"]"#,
    );
    let t = trace(&json, "i-a", "i-c");
    assert_eq!(t.reason, Reason::NoRoute, "{:?}", t.path());
    let h = typed(&t, "tgw-rtb-main");
    assert_eq!(h.decision, TgwDecision::NoMatch);
    assert_eq!(
        h.missing,
        [TgwMissing::NotPropagated {
            attachment: "tgw-attach-c".into()
        }]
    );
    // A's attachment has no table: the drop at the attachment says so.
    let json = variant(
        HUB,
        r#""associations": ["tgw-attach-a", "tgw-attach-b", "tgw-attach-c", "tgw-attach-vpn"]"#,
        r#""associations": ["tgw-attach-b", "tgw-attach-c", "tgw-attach-vpn"]"#,
    );
    let t = trace(&json, "i-a", "i-c");
    let h = typed(&t, "tgw-attach-a");
    assert_eq!(
        h.missing,
        [TgwMissing::NotAssociated {
            attachment: "tgw-attach-a".into()
        }]
    );
}

/// The ten-VPC example the canvas is checked with loads without findings, and any VPC
/// reaches any other through the hub.
#[test]
fn the_ten_vpc_example_reaches_across_the_hub() {
    let json = include_str!("examples/tgw-ten-vpcs.json");
    let l = vpc_engine::load(json).expect("the example loads");
    assert!(
        vpc_engine::validate(&l).is_empty(),
        "{:?}",
        vpc_engine::validate(&l)
    );
    let t = trace(json, "i-01", "i-10");
    assert_eq!(t.reason, Reason::Delivered, "{:?}", t.path());
    assert!(t.path().contains(&"tgw-rtb-hub"), "{:?}", t.path());
}

/// Rule 8: on-prem over the VPN attachment learns every route of its table except
/// blackholes and routes back to the VPN's own attachment.
#[test]
fn on_prem_learns_the_vpn_attachments_table() {
    let cases = [
        // A static route to B's attachment is learned: the packet goes over the VPN, and B
        // (which has no such range) has no route for it.
        PacketCase {
            name: "a static route to an attachment is learned",
            json: hub_routes(r#"{"destination": "172.16.0.0/12", "target": "tgw-attach-b"}"#),
            from: "h-1",
            to: "172.16.0.10",
            packet: Packet::default(),
            verdict: Verdict::Dropped,
            reason: Reason::NoRoute,
            path: &[
                "h-1",
                "dc",
                "cgw-1",
                "vpn-1",
                "tgw-attach-vpn",
                "tgw-rtb-main",
                "tgw-attach-b",
                "rtb-b",
            ],
            return_path: Some(&[]),
        },
        PacketCase {
            name: "a blackhole is not learned",
            json: hub_routes(r#"{"destination": "172.16.0.0/12", "target": "blackhole"}"#),
            from: "h-1",
            to: "172.16.0.10",
            packet: Packet::default(),
            verdict: Verdict::Dropped,
            reason: Reason::NoRoute,
            path: &["h-1", "dc"],
            return_path: Some(&[]),
        },
        PacketCase {
            name: "a route back to the VPN's own attachment is not learned",
            json: hub_routes(r#"{"destination": "172.16.0.0/12", "target": "tgw-attach-vpn"}"#),
            from: "h-1",
            to: "172.16.0.10",
            packet: Packet::default(),
            verdict: Verdict::Dropped,
            reason: Reason::NoRoute,
            path: &["h-1", "dc"],
            return_path: Some(&[]),
        },
        // A more specific blackhole inside a learned range: on-prem sends it (it learned
        // the /16), the transit gateway drops it.
        PacketCase {
            name: "a blackhole inside a learned range drops at the hub",
            json: hub_routes(r#"{"destination": "10.1.9.0/24", "target": "blackhole"}"#),
            from: "h-1",
            to: "10.1.9.10",
            packet: Packet::default(),
            verdict: Verdict::Dropped,
            reason: Reason::BlackholeRoute,
            path: &[
                "h-1",
                "dc",
                "cgw-1",
                "vpn-1",
                "tgw-attach-vpn",
                "tgw-rtb-main",
            ],
            return_path: Some(&[]),
        },
    ];
    run_packets(&cases);
    let t = trace(
        &hub_routes(r#"{"destination": "10.1.9.0/24", "target": "blackhole"}"#),
        "h-1",
        "10.1.9.10",
    );
    assert_eq!(
        routes_at(&t, "dc"),
        [line("10.1.0.0/16", "vpn-1", Origin::Propagated, true)],
        "on-prem learned B's range, not the blackhole"
    );
}

/// A packet that arrives over a VPC peering and whose route names a transit gateway is not
/// forwarded: peering is not transitive, whatever the next hop.
#[test]
fn a_peered_vpc_does_not_reach_the_hub() {
    let json = variant(
        HUB,
        r#""vpcs": ["#,
        r#""vpcs": [{"id": "vpc-p", "region": "us-east-1", "cidrs": ["10.8.0.0/16"]},"#,
    );
    let json = variant(
        &json,
        r#""subnets": [
    {"id": "subnet-a","#,
        r#""subnets": [{"id": "subnet-p", "vpc": "vpc-p", "az": "us-east-1a", "cidr": "10.8.1.0/24"},
    {"id": "subnet-a","#,
    );
    let json = variant(
        &json,
        r#""route_tables": ["#,
        r#""route_tables": [{"id": "rtb-p", "vpc": "vpc-p", "main": true, "routes": [{"destination": "10.0.0.0/8", "target": "pcx-ap"}]},"#,
    );
    let json = variant(
        &json,
        r#""instances": ["#,
        r#""peering_connections": [{"id": "pcx-ap", "requester": "vpc-a", "accepter": "vpc-p", "status": "active"}],
  "instances": [{"id": "i-p", "subnet": "subnet-p", "private_ip": "10.8.1.10"},"#,
    );
    run_packets(&[PacketCase {
        name: "P over the peering to A, then A's route to the transit gateway",
        json,
        from: "i-p",
        to: "i-b",
        packet: Packet::default(),
        verdict: Verdict::Dropped,
        reason: Reason::TransitivePeering,
        path: &[
            "i-p",
            "vpc-p:default-sg",
            "rtb-p",
            "vpc-p:default-acl",
            "pcx-ap",
            "vpc-a",
        ],
        return_path: Some(&[]),
    }]);
}

/// Centralized egress: the spokes' table sends everything else to the egress VPC's
/// attachment, whose subnet's table sends it to a NAT gateway, whose subnet's table has the
/// internet gateway and the way back to the spokes.
const EGRESS: &str = r#"{
  "format": "vpc-playground/2",
  "vpcs": [
    {"id": "vpc-a", "region": "us-east-1", "cidrs": ["10.0.0.0/16"]},
    {"id": "vpc-e", "region": "us-east-1", "cidrs": ["10.50.0.0/16"]}
  ],
  "subnets": [
    {"id": "subnet-a", "vpc": "vpc-a", "az": "us-east-1a", "cidr": "10.0.1.0/24"},
    {"id": "subnet-a-tgw", "vpc": "vpc-a", "az": "us-east-1a", "cidr": "10.0.255.0/28"},
    {"id": "subnet-e-pub", "vpc": "vpc-e", "az": "us-east-1a", "cidr": "10.50.1.0/24"},
    {"id": "subnet-e-tgw", "vpc": "vpc-e", "az": "us-east-1a", "cidr": "10.50.255.0/28"}
  ],
  "route_tables": [
    {"id": "rtb-a", "vpc": "vpc-a", "main": true, "routes": [{"destination": "0.0.0.0/0", "target": "tgw-1"}]},
    {"id": "rtb-e-tgw", "vpc": "vpc-e", "main": true, "routes": [{"destination": "0.0.0.0/0", "target": "nat-e"}]},
    {"id": "rtb-e-pub", "vpc": "vpc-e", "subnets": ["subnet-e-pub"],
     "routes": [{"destination": "0.0.0.0/0", "target": "igw-e"}, {"destination": "10.0.0.0/8", "target": "tgw-1"}]}
  ],
  "internet_gateways": [{"id": "igw-e", "vpc": "vpc-e"}],
  "nat_gateways": [{"id": "nat-e", "subnet": "subnet-e-pub", "private_ip": "10.50.1.5", "public_ip": "54.0.0.10"}],
  "vpn_gateways": [{"id": "vgw-e", "vpc": "vpc-e"}],
  "instances": [{"id": "i-a", "subnet": "subnet-a", "private_ip": "10.0.1.10"}],
  "internet_hosts": [{"id": "example", "ip": "93.184.216.34"}],
  "transit_gateways": [{"id": "tgw-1", "region": "us-east-1"}],
  "transit_gateway_attachments": [
    {"id": "tgw-attach-a", "transit_gateway": "tgw-1", "type": "vpc", "vpc": "vpc-a", "subnets": ["subnet-a-tgw"]},
    {"id": "tgw-attach-e", "transit_gateway": "tgw-1", "type": "vpc", "vpc": "vpc-e", "subnets": ["subnet-e-tgw"]}
  ],
  "transit_gateway_route_tables": [
    {"id": "tgw-rtb-spokes", "transit_gateway": "tgw-1", "associations": ["tgw-attach-a"],
     "routes": [{"destination": "0.0.0.0/0", "target": "tgw-attach-e"}]},
    {"id": "tgw-rtb-egress", "transit_gateway": "tgw-1", "associations": ["tgw-attach-e"],
     "propagations": ["tgw-attach-a"]}
  ]
}"#;

const AE: &str = "vpc-e:default-acl";

#[test]
fn out_of_the_hub_into_a_vpc_its_subnets_table_decides() {
    let to_egress: &[&str] = &[
        "i-a",
        "vpc-a:default-sg",
        "rtb-a",
        AA,
        AA,
        "tgw-attach-a",
        "tgw-rtb-spokes",
        "tgw-attach-e",
        "rtb-e-tgw",
        AE,
    ];
    let with = |tail: &[&'static str]| -> Vec<&'static str> {
        to_egress
            .iter()
            .copied()
            .chain(tail.iter().copied())
            .collect()
    };
    let nat = with(&[AE, "nat-e", "rtb-e-pub", AE, "igw-e", "example"]);
    let igw = with(&["igw-e"]);
    let vgw = with(&["vgw-e"]);
    let cases = [
        // The NAT gateway's subnet is entered (the ACL out of the attachment subnet, then
        // into the NAT gateway's), then its table sends the
        // translated packet to the internet; the reply comes back through the NAT gateway,
        // whose subnet's table sends it into the transit gateway (that subnet's AZ), and the
        // egress table's propagated route returns it to A.
        PacketCase {
            name: "centralized egress through one NAT gateway",
            json: EGRESS.into(),
            from: "i-a",
            to: "example",
            packet: Packet::default(),
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &nat,
            return_path: Some(&[
                "example",
                "igw-e",
                AE,
                "nat-e",
                "rtb-e-pub",
                AE,
                AE,
                "tgw-attach-e",
                "tgw-rtb-egress",
                "tgw-attach-a",
                "rtb-a",
                AA,
                AA,
                "vpc-a:default-sg",
                "i-a",
            ]),
        },
        // The same table sending straight to the internet gateway: the source is A's
        // private address, which has no public IP in E.
        PacketCase {
            name: "an internet gateway from the attachment subnet",
            json: variant(EGRESS, r#""target": "nat-e"}"#, r#""target": "igw-e"}"#),
            from: "i-a",
            to: "example",
            packet: Packet::default(),
            verdict: Verdict::Dropped,
            reason: Reason::NoPublicIp,
            path: &igw,
            return_path: Some(&[]),
        },
        PacketCase {
            name: "a VPN gateway from the attachment subnet",
            json: variant(EGRESS, r#""target": "nat-e"}"#, r#""target": "vgw-e"}"#),
            from: "i-a",
            to: "example",
            packet: Packet::default(),
            verdict: Verdict::Dropped,
            reason: Reason::EdgeToEdge,
            path: &vgw,
            return_path: Some(&[]),
        },
    ];
    run_packets(&cases);
}

/// A routing loop through the hub: a static route sends B's range to C, and C's subnet
/// sends it back to the transit gateway. The loop limit ends it.
#[test]
fn a_loop_through_the_hub_ends() {
    let t = trace(
        &hub_routes(r#"{"destination": "10.1.0.0/16", "target": "tgw-attach-c"}"#),
        "i-a",
        "i-b",
    );
    assert_eq!(t.reason, Reason::RoutingLoop, "{:?}", t.path());
    let last = t.hops.last().expect("hops");
    assert_eq!(last.reason, Some(Reason::RoutingLoop));
    assert!(
        last.at == "tgw-rtb-main" || last.at == "rtb-c",
        "the loop is seen at a route table: {}",
        last.at
    );
}

/// Two Regions: tgw-1 (us-east-1) and tgw-2 (eu-west-1) joined by a peering attachment,
/// each side's table with a static route over it (peering attachments propagate nothing).
const REGIONS: &str = r#"{
  "format": "vpc-playground/2",
  "vpcs": [
    {"id": "vpc-a", "region": "us-east-1", "cidrs": ["10.0.0.0/16"]},
    {"id": "vpc-d", "region": "eu-west-1", "cidrs": ["10.3.0.0/16"]}
  ],
  "subnets": [
    {"id": "subnet-a", "vpc": "vpc-a", "az": "us-east-1a", "cidr": "10.0.1.0/24"},
    {"id": "subnet-a-tgw", "vpc": "vpc-a", "az": "us-east-1a", "cidr": "10.0.255.0/28"},
    {"id": "subnet-d", "vpc": "vpc-d", "az": "eu-west-1a", "cidr": "10.3.1.0/24"},
    {"id": "subnet-d-tgw", "vpc": "vpc-d", "az": "eu-west-1a", "cidr": "10.3.255.0/28"}
  ],
  "route_tables": [
    {"id": "rtb-a", "vpc": "vpc-a", "main": true, "routes": [{"destination": "10.0.0.0/8", "target": "tgw-1"}]},
    {"id": "rtb-d", "vpc": "vpc-d", "main": true, "routes": [{"destination": "10.0.0.0/8", "target": "tgw-2"}]}
  ],
  "security_groups": [
    {"id": "sg-a", "vpc": "vpc-a", "default": true, "ingress": [{"protocol": "all", "source": "0.0.0.0/0"}]},
    {"id": "sg-d", "vpc": "vpc-d", "default": true, "ingress": [{"protocol": "all", "source": "0.0.0.0/0"}]}
  ],
  "instances": [
    {"id": "i-a", "subnet": "subnet-a", "private_ip": "10.0.1.10"},
    {"id": "i-d", "subnet": "subnet-d", "private_ip": "10.3.1.10"}
  ],
  "transit_gateways": [
    {"id": "tgw-1", "region": "us-east-1"},
    {"id": "tgw-2", "region": "eu-west-1", "asn": 64513}
  ],
  "transit_gateway_attachments": [
    {"id": "tgw-attach-a", "transit_gateway": "tgw-1", "type": "vpc", "vpc": "vpc-a", "subnets": ["subnet-a-tgw"]},
    {"id": "tgw-attach-d", "transit_gateway": "tgw-2", "type": "vpc", "vpc": "vpc-d", "subnets": ["subnet-d-tgw"]},
    {"id": "tgw-attach-peer", "transit_gateway": "tgw-1", "type": "peering", "peer_transit_gateway": "tgw-2", "status": "available"}
  ],
  "transit_gateway_route_tables": [
    {"id": "tgw-rtb-1", "transit_gateway": "tgw-1", "associations": ["tgw-attach-a", "tgw-attach-peer"],
     "propagations": ["tgw-attach-a"], "routes": [{"destination": "10.3.0.0/16", "target": "tgw-attach-peer"}]},
    {"id": "tgw-rtb-2", "transit_gateway": "tgw-2", "associations": ["tgw-attach-d", "tgw-attach-peer"],
     "propagations": ["tgw-attach-d"], "routes": [{"destination": "10.0.0.0/16", "target": "tgw-attach-peer"}]}
  ]
}"#;

const AD: &str = "vpc-d:default-acl";

#[test]
fn transit_gateway_peering_between_regions() {
    let a_to_d: &[&str] = &[
        "i-a",
        "sg-a",
        "rtb-a",
        AA,
        AA,
        "tgw-attach-a",
        "tgw-rtb-1",
        "tgw-attach-peer",
        "tgw-rtb-2",
        "tgw-attach-d",
        "rtb-d",
        AD,
        AD,
        "sg-d",
        "i-d",
    ];
    let cases = [
        PacketCase {
            name: "A to D across Regions, and back",
            json: REGIONS.into(),
            from: "i-a",
            to: "i-d",
            packet: Packet::default(),
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: a_to_d,
            return_path: Some(&[
                "i-d",
                "sg-d",
                "rtb-d",
                AD,
                AD,
                "tgw-attach-d",
                "tgw-rtb-2",
                "tgw-attach-peer",
                "tgw-rtb-1",
                "tgw-attach-a",
                "rtb-a",
                AA,
                AA,
                "sg-a",
                "i-a",
            ]),
        },
        PacketCase {
            name: "the peering attachment not yet accepted",
            json: variant(
                REGIONS,
                r#""status": "available""#,
                r#""status": "pending-acceptance""#,
            ),
            from: "i-a",
            to: "i-d",
            packet: Packet::default(),
            verdict: Verdict::Dropped,
            reason: Reason::AttachmentNotAvailable,
            path: &[
                "i-a",
                "sg-a",
                "rtb-a",
                AA,
                AA,
                "tgw-attach-a",
                "tgw-rtb-1",
                "tgw-attach-peer",
            ],
            return_path: Some(&[]),
        },
        // Static routes only: without D's side's route back, the reply stops in tgw-rtb-2.
        PacketCase {
            name: "no static route back on the other side",
            json: variant(
                REGIONS,
                r#", "routes": [{"destination": "10.0.0.0/16", "target": "tgw-attach-peer"}]"#,
                "",
            ),
            from: "i-a",
            to: "i-d",
            packet: Packet::default(),
            verdict: Verdict::Dropped,
            reason: Reason::NoReturnRoute,
            path: a_to_d,
            return_path: Some(&["i-d", "sg-d", "rtb-d", AD, AD, "tgw-attach-d", "tgw-rtb-2"]),
        },
    ];
    run_packets(&cases);
}

/// Each new code reads as one line and names its nearest Reachability Analyzer code.
#[test]
fn the_new_codes_and_their_analyzer_codes() {
    assert_eq!(
        Reason::TgwNoAttachmentInAz.explanation_code(),
        Some("TGW_ROUTE_AZ_RESTRICTION")
    );
    assert_eq!(
        Reason::AttachmentNotAvailable.explanation_code(),
        Some("BAD_STATE_ATTACHMENT")
    );
    let t = trace(HUB, "i-a2", "i-b");
    let json = serde_json::to_value(&t).unwrap();
    assert_eq!(json["reason"], "TGW_NO_ATTACHMENT_IN_AZ");
    assert_eq!(json["explanation_code"], "TGW_ROUTE_AZ_RESTRICTION");
}

/// The reach matrix over the hub: what the traces above say, for every pair.
#[test]
fn reach_over_the_hub() {
    let r = vpc_engine::reach::reach(&scenario(HUB));
    let cell = |from: &str, to: &str| r.matrix[from][to].reason;
    use Reason::*;
    for (from, to, want) in [
        ("i-a", "i-b", Delivered),
        ("i-a", "i-c", Delivered),
        ("i-a", "h-1", Delivered),
        ("i-b", "i-c", Delivered),
        ("h-1", "i-a", Delivered),
        ("h-1", "i-c", Delivered),
        ("i-a2", "i-b", TgwNoAttachmentInAz),
        ("i-a2", "h-1", TgwNoAttachmentInAz),
        ("i-b", "i-a2", NoReturnRoute),
        ("h-1", "i-a2", NoReturnRoute),
        // Within A: the local route, no transit gateway.
        ("i-a", "i-a2", Delivered),
    ] {
        assert_eq!(cell(from, to), want, "{from} -> {to}");
    }
}

/// The reference's example (the library's `transit-gateway-hub` lesson): its four traces,
/// with the verdicts and exact paths the reference gives.
#[test]
fn the_reference_example() {
    let json = include_str!("../scenarios/28-transit-gateway-hub.json").to_string();
    let (a, b, c) = (
        "vpc-a:default-acl",
        "vpc-b:default-acl",
        "vpc-c:default-acl",
    );
    let to_c_acl: &[&str] = &[
        "i-a",
        "sg-app",
        "rtb-a",
        a,
        a,
        "tgw-attach-a",
        "tgw-rtb-main",
        "tgw-attach-c",
        "rtb-c",
        c,
        "acl-c",
    ];
    let mut delivered = to_c_acl.to_vec();
    delivered.extend(["sg-db", "i-c"]);
    let cases = [
        PacketCase {
            name: "i-a to i-c on 5432",
            json: json.clone(),
            from: "i-a",
            to: "i-c",
            packet: tcp(5432),
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &delivered,
            return_path: Some(&[
                "i-c",
                "sg-db",
                "rtb-c",
                "acl-c",
                c,
                "tgw-attach-c",
                "tgw-rtb-main",
                "tgw-attach-a",
                "rtb-a",
                a,
                a,
                "sg-app",
                "i-a",
            ]),
        },
        PacketCase {
            name: "i-a to i-c on 22: acl-c",
            json: json.clone(),
            from: "i-a",
            to: "i-c",
            packet: tcp(22),
            verdict: Verdict::Dropped,
            reason: Reason::NaclDeny,
            path: to_c_acl,
            return_path: Some(&[]),
        },
        PacketCase {
            name: "i-b to i-c on 5432: acl-c admits only A's block",
            json: json.clone(),
            from: "i-b",
            to: "i-c",
            packet: tcp(5432),
            verdict: Verdict::Dropped,
            reason: Reason::NaclDeny,
            path: &[
                "i-b",
                "vpc-b:default-sg",
                "rtb-b",
                b,
                b,
                "tgw-attach-b",
                "tgw-rtb-main",
                "tgw-attach-c",
                "rtb-c",
                c,
                "acl-c",
            ],
            return_path: Some(&[]),
        },
        PacketCase {
            name: "i-a to i-b with icmp: B's default group admits only its members",
            json,
            from: "i-a",
            to: "i-b",
            packet: Packet::Icmp,
            verdict: Verdict::Dropped,
            reason: Reason::SecurityGroupDeny,
            path: &[
                "i-a",
                "sg-app",
                "rtb-a",
                a,
                a,
                "tgw-attach-a",
                "tgw-rtb-main",
                "tgw-attach-b",
                "rtb-b",
                b,
                b,
                "vpc-b:default-sg",
            ],
            return_path: Some(&[]),
        },
    ];
    run_packets(&cases);
}

/// A random small hub: 2-4 VPCs (block `10.i.0.0/16`), each with one instance in zone a or
/// b and one attachment with a subnet in zone a, b or both; 1-2 route tables, each
/// attachment associated with one of them or none, each table propagating a random subset
/// and sometimes blackholing one VPC's block. Filters are open.
struct RandomHub {
    json: String,
    /// Per VPC: the instance's zone, and the attachment's zones.
    app_az: Vec<char>,
    att_azs: Vec<Vec<char>>,
    /// Per VPC: the table its attachment is associated with.
    assoc: Vec<Option<usize>>,
    /// Per table: the VPCs propagated into it, and the VPC blackholed in it.
    props: Vec<Vec<bool>>,
    blackhole: Vec<Option<usize>>,
}

fn random_hub(rng: &mut common::Rng) -> RandomHub {
    use serde_json::json;
    let n = 2 + rng.below(3);
    let tables = 1 + rng.below(2);
    let mut h = RandomHub {
        json: String::new(),
        app_az: Vec::new(),
        att_azs: Vec::new(),
        assoc: Vec::new(),
        props: vec![vec![false; n]; tables],
        blackhole: vec![None; tables],
    };
    let (mut vpcs, mut subnets, mut rtbs, mut sgs, mut insts, mut atts) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for i in 0..n {
        let app = if rng.coin() { 'a' } else { 'b' };
        let zones: Vec<char> = match rng.below(3) {
            0 => vec!['a'],
            1 => vec!['b'],
            _ => vec!['a', 'b'],
        };
        vpcs.push(json!({"id": format!("vpc-{i}"), "region": "us-east-1", "cidrs": [format!("10.{i}.0.0/16")]}));
        subnets.push(json!({"id": format!("s-{i}"), "vpc": format!("vpc-{i}"), "az": format!("us-east-1{app}"), "cidr": format!("10.{i}.1.0/24")}));
        for (k, z) in zones.iter().enumerate() {
            subnets.push(json!({"id": format!("s-{i}-tgw-{z}"), "vpc": format!("vpc-{i}"), "az": format!("us-east-1{z}"), "cidr": format!("10.{i}.{}.0/28", 250 + k)}));
        }
        rtbs.push(json!({"id": format!("rtb-{i}"), "vpc": format!("vpc-{i}"), "main": true, "routes": [{"destination": "10.0.0.0/8", "target": "tgw-1"}]}));
        sgs.push(json!({"id": format!("sg-{i}"), "vpc": format!("vpc-{i}"), "default": true, "ingress": [{"protocol": "all", "source": "0.0.0.0/0"}]}));
        insts.push(json!({"id": format!("i-{i}"), "subnet": format!("s-{i}"), "private_ip": format!("10.{i}.1.10")}));
        let subs: Vec<String> = zones.iter().map(|z| format!("s-{i}-tgw-{z}")).collect();
        atts.push(json!({"id": format!("att-{i}"), "transit_gateway": "tgw-1", "type": "vpc", "vpc": format!("vpc-{i}"), "subnets": subs}));
        h.app_az.push(app);
        h.att_azs.push(zones);
        h.assoc.push((rng.below(4) != 0).then(|| rng.below(tables)));
    }
    let mut trs = vec![];
    for t in 0..tables {
        for i in 0..n {
            h.props[t][i] = rng.below(4) != 0;
        }
        if rng.below(3) == 0 {
            h.blackhole[t] = Some(rng.below(n));
        }
        let assoc: Vec<String> = (0..n)
            .filter(|&i| h.assoc[i] == Some(t))
            .map(|i| format!("att-{i}"))
            .collect();
        let props: Vec<String> = (0..n)
            .filter(|&i| h.props[t][i])
            .map(|i| format!("att-{i}"))
            .collect();
        let routes: Vec<_> = h.blackhole[t]
            .iter()
            .map(|v| json!({"destination": format!("10.{v}.0.0/16"), "target": "blackhole"}))
            .collect();
        trs.push(json!({"id": format!("tgw-rtb-{t}"), "transit_gateway": "tgw-1", "associations": assoc, "propagations": props, "routes": routes}));
    }
    h.json = json!({
        "format": "vpc-playground/2",
        "vpcs": vpcs, "subnets": subnets, "route_tables": rtbs, "security_groups": sgs,
        "instances": insts, "transit_gateways": [{"id": "tgw-1", "region": "us-east-1"}],
        "transit_gateway_attachments": atts, "transit_gateway_route_tables": trs,
    })
    .to_string();
    h
}

impl RandomHub {
    /// Brute force from the rules: how one direction from VPC `x` to VPC `y` ends.
    fn one_way(&self, x: usize, y: usize) -> Reason {
        if !self.att_azs[x].contains(&self.app_az[x]) {
            return Reason::TgwNoAttachmentInAz;
        }
        let Some(t) = self.assoc[x] else {
            return Reason::NoRoute;
        };
        if self.blackhole[t] == Some(y) {
            Reason::BlackholeRoute
        } else if self.props[t][y] {
            Reason::Delivered
        } else {
            Reason::NoRoute
        }
    }
    fn expected(&self, x: usize, y: usize) -> Reason {
        match self.one_way(x, y) {
            Reason::Delivered if self.one_way(y, x) == Reason::Delivered => Reason::Delivered,
            Reason::Delivered => Reason::NoReturnRoute,
            r => r,
        }
    }
}

/// Reach over random small hubs equals the brute-force reference, cell for cell.
#[test]
fn random_hubs_reach_what_the_rules_say() {
    let mut rng = common::Rng(0x7a5_1b0b);
    for case in 0..300 {
        let h = random_hub(&mut rng);
        let r = vpc_engine::reach::reach(&scenario(&h.json));
        let n = h.app_az.len();
        for x in 0..n {
            for y in (0..n).filter(|&y| y != x) {
                let got = r.matrix[&format!("i-{x}")][&format!("i-{y}")].reason;
                assert_eq!(
                    got,
                    h.expected(x, y),
                    "case {case}: i-{x} -> i-{y}\n{}",
                    h.json
                );
            }
        }
    }
}

/// Damaged transit gateway documents never make a trace panic or run on: each fixture and
/// library lesson with transit gateways, mutated a few times over (an id swapped for another
/// id of the document, a list entry dropped, a peering attachment's status or a VPN's
/// tunnels changed); whatever still loads is traced between every pair of instances and
/// hosts, and to every VPC's first address: each trace ends, within the hop bound, with its
/// reason on a drop hop.
#[test]
fn damaged_transit_gateway_documents_trace_without_panicking() {
    use serde_json::Value;
    fn ids(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(id)) = m.get("id") {
                    out.push(id.clone());
                }
                m.values().for_each(|x| ids(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| ids(x, out)),
            _ => {}
        }
    }
    /// Every string and array in the document, by a path of keys and indices.
    fn slots(v: &Value, path: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    path.push(Value::String(k.clone()));
                    slots(x, path, out);
                    path.pop();
                }
            }
            Value::Array(a) => {
                out.push(path.clone());
                for (i, x) in a.iter().enumerate() {
                    path.push(Value::from(i));
                    slots(x, path, out);
                    path.pop();
                }
            }
            Value::String(_) => out.push(path.clone()),
            _ => {}
        }
    }
    fn at<'v>(v: &'v mut Value, path: &[Value]) -> Option<&'v mut Value> {
        path.iter().try_fold(v, |v, k| match k {
            Value::String(k) => v.get_mut(k.as_str()),
            Value::Number(i) => v.get_mut(i.as_u64()? as usize),
            _ => None,
        })
    }
    let mut docs: Vec<String> = vec![HUB.into(), EGRESS.into(), REGIONS.into()];
    docs.extend(
        vpc_engine::library::LIBRARY
            .iter()
            .filter(|e| e.json().contains("transit_gateways"))
            .map(|e| e.json().to_string()),
    );
    let statuses = ["pending-acceptance", "rejected", "available", "deleted"];
    let mut rng = common::Rng(0x5eed_7a11);
    let mut loaded = 0;
    for doc in &docs {
        let base: Value = serde_json::from_str(doc).expect("fixture is JSON");
        let mut names = Vec::new();
        ids(&base, &mut names);
        names.push("blackhole".into());
        for _ in 0..25 {
            let mut v = base.clone();
            for _ in 0..1 + rng.below(3) {
                let mut all = Vec::new();
                slots(&v, &mut Vec::new(), &mut all);
                let path = all[rng.below(all.len())].clone();
                let Some(slot) = at(&mut v, &path) else {
                    continue;
                };
                match slot {
                    Value::Array(a) if !a.is_empty() => {
                        let i = rng.below(a.len());
                        a.remove(i);
                    }
                    Value::String(s)
                        if s.as_str() == "available" || statuses.contains(&s.as_str()) =>
                    {
                        *s = statuses[rng.below(statuses.len())].into();
                    }
                    Value::String(s) if names.contains(s) => {
                        *s = names[rng.below(names.len())].clone();
                    }
                    _ => {}
                }
            }
            let Ok(s) = vpc_engine::load(&v.to_string()) else {
                continue;
            };
            loaded += 1;
            let mut ends: Vec<String> = s.instances.iter().map(|i| i.id.clone()).collect();
            ends.extend(
                s.onprem_networks
                    .iter()
                    .flat_map(|n| n.hosts.iter().map(|h| h.id.clone())),
            );
            let mut targets = ends.clone();
            targets.extend(
                s.vpcs
                    .iter()
                    .filter_map(|x| x.cidrs.first())
                    .map(|c| std::net::Ipv4Addr::from(u32::from(c.network()) + 10).to_string()),
            );
            let tracer = vpc_engine::trace::Tracer::new(&s);
            for from in &ends {
                for to in &targets {
                    let t = tracer.trace(from, to).expect("the source exists");
                    assert!(t.hops.len() + t.return_hops.len() < 1000, "{from} -> {to}");
                    if t.verdict() == Verdict::Dropped && t.reason != Reason::NoReturnRoute {
                        let last = t.return_hops.last().or(t.hops.last());
                        assert_eq!(
                            last.and_then(|h| h.reason),
                            Some(t.reason),
                            "{from} -> {to}\n{v}"
                        );
                    }
                }
            }
        }
    }
    assert!(loaded > 40, "only {loaded} damaged documents loaded");
}

/// Attachments that carry nothing (N9.3, N11.1): a second VPN attachment of one VPN, and a
/// peering attachment whose peer is its own transit gateway. A static route to either drops
/// there, `NO_ROUTE`.
#[test]
fn attachments_that_carry_nothing() {
    let second_vpn = variant(
        &hub_routes(r#"{"destination": "192.168.9.0/24", "target": "tgw-attach-vpn2"}"#),
        r#"{"id": "tgw-attach-vpn", "transit_gateway": "tgw-1", "type": "vpn", "vpn_connection": "vpn-1"}"#,
        r#"{"id": "tgw-attach-vpn", "transit_gateway": "tgw-1", "type": "vpn", "vpn_connection": "vpn-1"},
    {"id": "tgw-attach-vpn2", "transit_gateway": "tgw-1", "type": "vpn", "vpn_connection": "vpn-1"}"#,
    );
    let self_peer = variant(
        REGIONS,
        r#""peer_transit_gateway": "tgw-2""#,
        r#""peer_transit_gateway": "tgw-1""#,
    );
    let cases = [
        PacketCase {
            name: "a second VPN attachment of one VPN",
            json: second_vpn,
            from: "i-a",
            to: "192.168.9.10",
            packet: Packet::default(),
            verdict: Verdict::Dropped,
            reason: Reason::NoRoute,
            path: &[
                "i-a",
                "sg-a",
                "rtb-a",
                AA,
                AA,
                "tgw-attach-a",
                "tgw-rtb-main",
                "tgw-attach-vpn2",
                "vpn-1",
            ],
            return_path: Some(&[]),
        },
        PacketCase {
            name: "a peering attachment with its own transit gateway",
            json: self_peer,
            from: "i-a",
            to: "i-d",
            packet: Packet::default(),
            verdict: Verdict::Dropped,
            reason: Reason::NoRoute,
            path: &[
                "i-a",
                "sg-a",
                "rtb-a",
                AA,
                AA,
                "tgw-attach-a",
                "tgw-rtb-1",
                "tgw-attach-peer",
            ],
            return_path: Some(&[]),
        },
    ];
    run_packets(&cases);
}

/// A VPN with static routing on a transit gateway (T6.2, T8): on-prem still learns the
/// table's routes, but the VPN attachment propagates nothing, so the replies need a static
/// route to the VPN's attachment.
#[test]
fn a_static_vpn_needs_a_static_route_back() {
    let stat = variant(HUB, r#""routing": "bgp"}"#, r#""routing": "static"}"#);
    let with_route = variant(
        &stat,
        r#""routes": []}"#,
        r#""routes": [{"destination": "192.168.0.0/16", "target": "tgw-attach-vpn"}]}"#,
    );
    let there: &[&str] = &[
        "h-1",
        "dc",
        "cgw-1",
        "vpn-1",
        "tgw-attach-vpn",
        "tgw-rtb-main",
        "tgw-attach-b",
        "rtb-b",
        AB,
        AB,
        "sg-b",
        "i-b",
    ];
    let cases = [
        PacketCase {
            name: "static VPN, no route back",
            json: stat,
            from: "h-1",
            to: "i-b",
            packet: Packet::default(),
            verdict: Verdict::Dropped,
            reason: Reason::NoReturnRoute,
            path: there,
            return_path: Some(&[
                "i-b",
                "sg-b",
                "rtb-b",
                AB,
                AB,
                "tgw-attach-b",
                "tgw-rtb-main",
            ]),
        },
        PacketCase {
            name: "static VPN with a static route to its attachment",
            json: with_route,
            from: "h-1",
            to: "i-b",
            packet: Packet::default(),
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: there,
            return_path: Some(&[
                "i-b",
                "sg-b",
                "rtb-b",
                AB,
                AB,
                "tgw-attach-b",
                "tgw-rtb-main",
                "tgw-attach-vpn",
                "vpn-1",
                "cgw-1",
                "h-1",
            ]),
        },
    ];
    run_packets(&cases);
}

/// T7.1: the local route of the VPC a transit gateway delivers into reaches an interface
/// endpoint there too (its network interface's group admits the packet), and the service's
/// reply goes back through the transit gateway.
#[test]
fn an_interface_endpoint_across_the_hub() {
    let json = variant(
        HUB,
        r#""onprem_networks""#,
        r#""vpc_endpoints": [{"id": "vpce-sqs", "vpc": "vpc-b", "type": "interface",
     "service": "com.amazonaws.us-east-1.sqs", "subnets": ["subnet-b"], "private_ips": ["10.1.1.20"]}],
  "onprem_networks""#,
    );
    run_packets(&[PacketCase {
        name: "A to B's SQS endpoint through the hub",
        json,
        from: "i-a",
        to: "10.1.1.20",
        packet: Packet::default(),
        verdict: Verdict::Delivered,
        reason: Reason::Delivered,
        path: &[
            "i-a",
            "sg-a",
            "rtb-a",
            AA,
            AA,
            "tgw-attach-a",
            "tgw-rtb-main",
            "tgw-attach-b",
            "rtb-b",
            AB,
            AB,
            "sg-b",
            "vpce-sqs",
            "com.amazonaws.us-east-1.sqs",
        ],
        return_path: Some(&[
            "com.amazonaws.us-east-1.sqs",
            "vpce-sqs",
            "sg-b",
            "rtb-b",
            AB,
            AB,
            "tgw-attach-b",
            "tgw-rtb-main",
            "tgw-attach-a",
            "rtb-a",
            AA,
            AA,
            "sg-a",
            "i-a",
        ]),
    }]);
}
