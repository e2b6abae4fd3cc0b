//! Format 2's filters in the trace (`docs/scenario-format.md` P1-P4, F9-F12): security
//! groups at the sending and receiving network interfaces, network ACLs at every subnet
//! boundary, the reply of every delivered packet, connection tracking, the NAT gateway's
//! port translation, and format 1 untouched. Table-driven over small format 2 scenarios.

mod common;

use common::{run_packets, scenario, variant, PacketCase};
use vpc_engine::packet::{Packet, Protocol};
use vpc_engine::trace::trace_packet;
use vpc_engine::verdict::{FilterRule, FilterSite};
use vpc_engine::{Action, Reason, Verdict};

/// One VPC: a public subnet (web server with a public IP, NAT gateway) and a private one
/// (two app servers) whose main table goes out through the NAT gateway. `sg-web` admits
/// HTTPS from anywhere; `sg-app` admits PostgreSQL from `sg-web` and SSH from itself. Both
/// subnets use the VPC's implicit default ACL (allow all) unless a case adds one.
const WEB: &str = r#"{
  "format": "vpc-playground/2",
  "vpcs": [{"id": "vpc-a", "region": "us-east-1", "cidrs": ["10.0.0.0/16"]}],
  "subnets": [
    {"id": "subnet-pub", "vpc": "vpc-a", "cidr": "10.0.1.0/24"},
    {"id": "subnet-app", "vpc": "vpc-a", "cidr": "10.0.2.0/24"}
  ],
  "route_tables": [
    {"id": "rtb-pub", "vpc": "vpc-a", "subnets": ["subnet-pub"],
     "routes": [{"destination": "0.0.0.0/0", "target": "igw-a"}]},
    {"id": "rtb-app", "vpc": "vpc-a", "main": true,
     "routes": [{"destination": "0.0.0.0/0", "target": "nat-a"}]}
  ],
  "internet_gateways": [{"id": "igw-a", "vpc": "vpc-a"}],
  "nat_gateways": [{"id": "nat-a", "subnet": "subnet-pub", "private_ip": "10.0.1.5", "public_ip": "54.0.0.10"}],
  "security_groups": [
    {"id": "sg-web", "vpc": "vpc-a",
     "ingress": [{"protocol": "tcp", "ports": "443", "source": "0.0.0.0/0"}]},
    {"id": "sg-app", "vpc": "vpc-a",
     "ingress": [{"protocol": "tcp", "ports": "5432", "source": "sg-web"},
                 {"protocol": "tcp", "ports": "22", "source": "sg-app"}]}
  ],
  "network_acls": [],
  "instances": [
    {"id": "i-web", "subnet": "subnet-pub", "private_ip": "10.0.1.10", "public_ip": "54.0.0.20", "security_groups": ["sg-web"]},
    {"id": "i-app", "subnet": "subnet-app", "private_ip": "10.0.2.10", "security_groups": ["sg-app"]},
    {"id": "i-app2", "subnet": "subnet-app", "private_ip": "10.0.2.11", "security_groups": ["sg-app"]}
  ],
  "internet_hosts": [{"id": "example", "ip": "93.184.216.34"}]
}"#;

const ACL: &str = "vpc-a:default-acl";

fn with_acls(acls: &str) -> String {
    variant(
        WEB,
        r#""network_acls": []"#,
        &format!(r#""network_acls": [{acls}]"#),
    )
}

/// `acl-pub` on the public subnet: HTTPS in, anything from the VPC in, then `extra`
/// inbound rules; everything out.
fn pub_acl(extra: &str) -> String {
    with_acls(&format!(
        r#"{{"id": "acl-pub", "vpc": "vpc-a", "subnets": ["subnet-pub"],
            "ingress": [{{"rule": 100, "protocol": "tcp", "ports": "443", "cidr": "0.0.0.0/0", "action": "allow"}},
                        {{"rule": 110, "protocol": "all", "cidr": "10.0.0.0/16", "action": "allow"}}{extra}],
            "egress": [{{"rule": 100, "protocol": "all", "cidr": "0.0.0.0/0", "action": "allow"}}]}}"#
    ))
}

/// `acl-app` on the private subnet: `rules` inbound, everything out.
fn app_acl(rules: &str) -> String {
    with_acls(&format!(
        r#"{{"id": "acl-app", "vpc": "vpc-a", "subnets": ["subnet-app"], "ingress": [{rules}],
            "egress": [{{"rule": 100, "protocol": "all", "cidr": "0.0.0.0/0", "action": "allow"}}]}}"#
    ))
}

fn tcp(port: i64) -> Packet {
    Packet::new(Protocol::Tcp, Some(port), None).unwrap()
}

#[test]
fn security_groups_and_acls_hop_by_hop() {
    let web_to_app: &[&str] = &["i-web", "sg-web", "rtb-pub", ACL, ACL, "sg-app", "i-app"];
    let app_to_web: &[&str] = &["i-app", "sg-app", "rtb-app", ACL, ACL, "sg-web", "i-web"];
    let nat_out: &[&str] = &[
        "i-app", "sg-app", "rtb-app", ACL, ACL, "nat-a", "rtb-pub", ACL, "igw-a", "example",
    ];
    let nat_back: &[&str] = &[
        "example", "igw-a", ACL, "nat-a", "rtb-pub", ACL, ACL, "sg-app", "i-app",
    ];
    let cases = [
        // F9, F11: egress at the sender, the ACL out of one subnet and into the other,
        // ingress at the receiver; the reply back the same way, its groups by tracking.
        PacketCase {
            name: "web to app on 5432: sg-app admits members of sg-web",
            json: WEB.into(),
            from: "i-web",
            to: "i-app",
            packet: tcp(5432),
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: web_to_app,
            return_path: Some(app_to_web),
        },
        PacketCase {
            name: "web to app on 22: no inbound rule of sg-app allows it",
            json: WEB.into(),
            from: "i-web",
            to: "i-app",
            packet: tcp(22),
            verdict: Verdict::Dropped,
            reason: Reason::SecurityGroupDeny,
            path: &["i-web", "sg-web", "rtb-pub", ACL, ACL, "sg-app"],
            return_path: Some(&[]),
        },
        PacketCase {
            name: "icmp from web to app: sg-app allows tcp only",
            json: WEB.into(),
            from: "i-web",
            to: "i-app",
            packet: Packet::Icmp,
            verdict: Verdict::Dropped,
            reason: Reason::SecurityGroupDeny,
            path: &["i-web", "sg-web", "rtb-pub", ACL, ACL, "sg-app"],
            return_path: None,
        },
        // F10.2: within one subnet no ACL is crossed; sg-app admits its own members on 22.
        PacketCase {
            name: "app to app2 in one subnet on 22: groups only",
            json: WEB.into(),
            from: "i-app",
            to: "i-app2",
            packet: tcp(22),
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["i-app", "sg-app", "rtb-app", "sg-app", "i-app2"],
            return_path: Some(&["i-app2", "sg-app", "rtb-app", "sg-app", "i-app"]),
        },
        // F9.1: a group with no outbound rule stops the packet at the sender.
        PacketCase {
            name: "sg-web with no outbound rule",
            json: variant(
                WEB,
                r#""source": "0.0.0.0/0"}]}"#,
                r#""source": "0.0.0.0/0"}], "egress": []}"#,
            ),
            from: "i-web",
            to: "i-app",
            packet: tcp(5432),
            verdict: Verdict::Dropped,
            reason: Reason::SecurityGroupDeny,
            path: &["i-web", "sg-web"],
            return_path: None,
        },
        // F11: through the NAT gateway's subnet (ingress, then egress) to the internet; the
        // internet host's reply comes back through both translations.
        PacketCase {
            name: "app to the internet through the NAT gateway, and the reply",
            json: WEB.into(),
            from: "i-app",
            to: "example",
            packet: tcp(443),
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: nat_out,
            return_path: Some(nat_back),
        },
        // F10.3, P4: the NAT gateway's port 1024 needs an inbound rule on its subnet.
        PacketCase {
            name: "no ephemeral-port rule on the NAT gateway's subnet: the reply is denied",
            json: pub_acl(""),
            from: "i-app",
            to: "example",
            packet: tcp(443),
            verdict: Verdict::Dropped,
            reason: Reason::NaclDeny,
            path: &[
                "i-app", "sg-app", "rtb-app", ACL, "acl-pub", "nat-a", "rtb-pub", "acl-pub",
                "igw-a", "example",
            ],
            return_path: Some(&["example", "igw-a", "acl-pub"]),
        },
        PacketCase {
            name: "Linux's ephemeral range is not enough for a NAT gateway",
            json: pub_acl(
                r#", {"rule": 120, "protocol": "tcp", "ports": "32768-60999", "cidr": "0.0.0.0/0", "action": "allow"}"#,
            ),
            from: "i-app",
            to: "example",
            packet: tcp(443),
            verdict: Verdict::Dropped,
            reason: Reason::NaclDeny,
            path: &[
                "i-app", "sg-app", "rtb-app", ACL, "acl-pub", "nat-a", "rtb-pub", "acl-pub",
                "igw-a", "example",
            ],
            return_path: Some(&["example", "igw-a", "acl-pub"]),
        },
        PacketCase {
            name: "the range AWS documents for NAT gateways lets the reply back",
            json: pub_acl(
                r#", {"rule": 120, "protocol": "tcp", "ports": "1024-65535", "cidr": "0.0.0.0/0", "action": "allow"}"#,
            ),
            from: "i-app",
            to: "example",
            packet: tcp(443),
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &[
                "i-app", "sg-app", "rtb-app", ACL, "acl-pub", "nat-a", "rtb-pub", "acl-pub",
                "igw-a", "example",
            ],
            return_path: Some(&[
                "example", "igw-a", "acl-pub", "nat-a", "rtb-pub", "acl-pub", ACL, "sg-app",
                "i-app",
            ]),
        },
        // F10.1: first match in ascending order: deny 90 decides before allow 100.
        PacketCase {
            name: "deny 90 before allow 100",
            json: app_acl(
                r#"{"rule": 100, "protocol": "all", "cidr": "0.0.0.0/0", "action": "allow"},
                   {"rule": 90, "protocol": "tcp", "ports": "5432", "cidr": "10.0.1.0/24", "action": "deny"}"#,
            ),
            from: "i-web",
            to: "i-app",
            packet: tcp(5432),
            verdict: Verdict::Dropped,
            reason: Reason::NaclDeny,
            path: &["i-web", "sg-web", "rtb-pub", ACL, "acl-app"],
            return_path: None,
        },
        PacketCase {
            name: "deny 110 after allow 100 decides nothing",
            json: app_acl(
                r#"{"rule": 100, "protocol": "all", "cidr": "0.0.0.0/0", "action": "allow"},
                   {"rule": 110, "protocol": "tcp", "ports": "5432", "cidr": "10.0.1.0/24", "action": "deny"}"#,
            ),
            from: "i-web",
            to: "i-app",
            packet: tcp(5432),
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &[
                "i-web", "sg-web", "rtb-pub", ACL, "acl-app", "sg-app", "i-app",
            ],
            return_path: Some(&[
                "i-app", "sg-app", "rtb-app", "acl-app", ACL, "sg-web", "i-web",
            ]),
        },
        // F10.3: the reply is checked like any packet, with the ports swapped.
        PacketCase {
            name: "acl-app lets the request in but not the reply out",
            json: with_acls(
                r#"{"id": "acl-app", "vpc": "vpc-a", "subnets": ["subnet-app"],
                    "ingress": [{"rule": 100, "protocol": "all", "cidr": "0.0.0.0/0", "action": "allow"}],
                    "egress": [{"rule": 100, "protocol": "tcp", "ports": "5432", "cidr": "0.0.0.0/0", "action": "allow"}]}"#,
            ),
            from: "i-web",
            to: "i-app",
            packet: tcp(5432),
            verdict: Verdict::Dropped,
            reason: Reason::NaclDeny,
            path: &[
                "i-web", "sg-web", "rtb-pub", ACL, "acl-app", "sg-app", "i-app",
            ],
            return_path: Some(&["i-app", "sg-app", "rtb-app", "acl-app"]),
        },
        // F11: from the internet to a public IP: the entered subnet's ACL, then the group.
        PacketCase {
            name: "internet host to the web server's public IP on 443",
            json: WEB.into(),
            from: "example",
            to: "i-web",
            packet: tcp(443),
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["example", "igw-a", ACL, "sg-web", "i-web"],
            return_path: Some(&["i-web", "sg-web", "rtb-pub", ACL, "igw-a", "example"]),
        },
        PacketCase {
            name: "internet host to the web server on 22",
            json: WEB.into(),
            from: "example",
            to: "i-web",
            packet: tcp(22),
            verdict: Verdict::Dropped,
            reason: Reason::SecurityGroupDeny,
            path: &["example", "igw-a", ACL, "sg-web"],
            return_path: None,
        },
        // F9.2: members are matched by the address the packet carries: through the NAT
        // gateway and the internet, the app server's packet no longer comes from sg-app.
        PacketCase {
            name: "a group reference does not match a NAT gateway's address",
            json: variant(
                WEB,
                r#""ports": "443", "source": "0.0.0.0/0""#,
                r#""ports": "443", "source": "sg-app""#,
            ),
            from: "i-app",
            to: "54.0.0.20",
            packet: tcp(443),
            verdict: Verdict::Dropped,
            reason: Reason::SecurityGroupDeny,
            path: &[
                "i-app", "sg-app", "rtb-app", ACL, ACL, "nat-a", "rtb-pub", ACL, "igw-a", "igw-a",
                ACL, "sg-web",
            ],
            return_path: None,
        },
        PacketCase {
            name: "the same reference matches the private address",
            json: variant(
                WEB,
                r#""ports": "443", "source": "0.0.0.0/0""#,
                r#""ports": "443", "source": "sg-app""#,
            ),
            from: "i-app",
            to: "i-web",
            packet: tcp(443),
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: app_to_web,
            return_path: Some(web_to_app),
        },
        // F12: a subnet's egress ACL is met before the target's own drop ...
        PacketCase {
            name: "the egress ACL denies before a detached internet gateway",
            json: variant(
                &with_acls(
                    r#"{"id": "acl-pub", "vpc": "vpc-a", "subnets": ["subnet-pub"],
                        "ingress": [{"rule": 100, "protocol": "all", "cidr": "0.0.0.0/0", "action": "allow"}],
                        "egress": [{"rule": 100, "protocol": "all", "cidr": "10.0.0.0/16", "action": "allow"}]}"#,
                ),
                r#"{"id": "igw-a", "vpc": "vpc-a"}"#,
                r#"{"id": "igw-a", "vpc": null}"#,
            ),
            from: "i-web",
            to: "example",
            packet: tcp(443),
            verdict: Verdict::Dropped,
            reason: Reason::NaclDeny,
            path: &["i-web", "sg-web", "rtb-pub", "acl-pub"],
            return_path: None,
        },
        // ... but a local address no interface holds is NO_SUCH_HOST before any ACL.
        PacketCase {
            name: "no such host before any ACL",
            json: app_acl(""),
            from: "i-web",
            to: "10.0.2.99",
            packet: tcp(443),
            verdict: Verdict::Dropped,
            reason: Reason::NoSuchHost,
            path: &["i-web", "sg-web", "rtb-pub", "subnet-app"],
            return_path: None,
        },
    ];
    run_packets(&cases);
}

/// F9-F12 do not exist in format 1: the same network as format 1 has no filter hop and the
/// same verdict whatever the packet; the trace still shows the packet, hops carry no ports.
#[test]
fn format_1_has_no_filters() {
    let f1 = WEB
        .replace(
            r#""format": "vpc-playground/2""#,
            r#""format": "vpc-playground/1""#,
        )
        .replace(r#", "security_groups": ["sg-web"]"#, "")
        .replace(r#", "security_groups": ["sg-app"]"#, "");
    let start = f1.find(r#""security_groups": ["#).unwrap();
    let end = f1.find(r#""instances""#).unwrap();
    let f1 = format!("{}{}", &f1[..start], &f1[end..]);
    let s = scenario(&f1);
    for packet in [tcp(22), Packet::Icmp, tcp(5432)] {
        let t = trace_packet(&s, "i-web", "i-app", packet).unwrap();
        assert_eq!(t.reason, Reason::Delivered);
        assert_eq!(t.path(), ["i-web", "rtb-pub", "i-app"]);
        assert_eq!(t.return_path(), ["i-app", "rtb-app", "i-web"]);
        assert_eq!(t.packet, packet);
        let v = serde_json::to_value(&t).unwrap();
        assert_eq!(v["packet"], serde_json::to_value(packet).unwrap());
        assert!(v["hops"][0].get("src_port").is_none(), "{v}");
        // A format 1 request to the internet has no reply trace.
        let out = trace_packet(&s, "i-app", "example", packet).unwrap();
        assert_eq!(out.reason, Reason::Delivered);
        assert!(out.return_hops.is_empty());
    }
}

/// P4: the hops carry the ports as they are at that point: the NAT gateway's 1024 on the
/// way out, its reply's destination port 1024, translated back to the sender's port.
#[test]
fn hops_carry_the_ports_at_each_point() {
    let s = scenario(WEB);
    let p = Packet::new(Protocol::Tcp, Some(443), Some(50000)).unwrap();
    let t = trace_packet(&s, "i-app", "example", p).unwrap();
    let ports = |hops: &[vpc_engine::Hop]| -> Vec<(String, Option<u16>, Option<u16>)> {
        hops.iter()
            .map(|h| {
                let q = h.packet.expect("format 2 hops carry the packet");
                (
                    h.at.to_string(),
                    q.src_port().map(|x| x.get()),
                    q.port().map(|x| x.get()),
                )
            })
            .collect()
    };
    let fwd = ports(&t.hops);
    let at = |v: &[(String, Option<u16>, Option<u16>)], id: &str| {
        v.iter().find(|(a, ..)| a == id).cloned().unwrap()
    };
    assert_eq!(at(&fwd, "i-app"), ("i-app".into(), Some(50000), Some(443)));
    assert_eq!(at(&fwd, "nat-a"), ("nat-a".into(), Some(1024), Some(443)));
    assert_eq!(
        at(&fwd, "example"),
        ("example".into(), Some(1024), Some(443))
    );
    let back = ports(&t.return_hops);
    assert_eq!(at(&back, "igw-a"), ("igw-a".into(), Some(443), Some(1024)));
    assert_eq!(at(&back, "nat-a"), ("nat-a".into(), Some(443), Some(50000)));
    assert_eq!(
        back.last().unwrap(),
        &("i-app".into(), Some(443), Some(50000))
    );
    let nat = t.hops.iter().find(|h| h.at == "nat-a").unwrap();
    assert!(nat.note.contains("1024-65535"), "{}", nat.note);
    // In JSON: src_port and dst_port on every hop, null for icmp.
    let v = serde_json::to_value(&t).unwrap();
    assert_eq!(v["hops"][0]["src_port"], 50000);
    assert_eq!(v["hops"][0]["dst_port"], 443);
    let icmp =
        serde_json::to_value(trace_packet(&s, "i-app", "example", Packet::Icmp).unwrap()).unwrap();
    assert!(icmp["hops"][0]["src_port"].is_null() && icmp["hops"][0].get("src_port").is_some());
    assert_eq!(icmp["packet"]["port"], serde_json::Value::Null);
}

/// F12: an ACL hop lists its rules in ascending order up to the deciding one (`*` when
/// none matched); a group hop lists every rule of every group, each marked; the note names
/// the deciding rule; the reply's group hop says connection tracking let it through.
#[test]
fn filter_hops_show_their_rules() {
    let s = scenario(&app_acl(
        r#"{"rule": 100, "protocol": "all", "cidr": "0.0.0.0/0", "action": "allow"},
           {"rule": 90, "protocol": "tcp", "ports": "5432", "cidr": "10.0.1.0/24", "action": "deny"}"#,
    ));
    let t = trace_packet(&s, "i-web", "i-app", tcp(5432)).unwrap();
    let deny = t.hops.last().unwrap();
    assert_eq!(
        (deny.action, deny.reason),
        (Action::Drop, Some(Reason::NaclDeny))
    );
    assert_eq!(
        deny.rules.len(),
        1,
        "only up to the deciding rule: {:?}",
        deny.rules
    );
    assert!(matches!(
        deny.rules[0],
        FilterRule::Acl {
            number: Some(90),
            allow: false,
            matched: true,
            ..
        }
    ));
    assert!(deny.note.contains("rule 90 denies"), "{}", deny.note);
    let v = serde_json::to_value(deny).unwrap();
    assert_eq!(v["explanation_code"], "SUBNET_ACL_RESTRICTION");
    assert_eq!(v["rules"][0]["rule"], 90);
    assert_eq!(v["rules"][0]["ports"], "5432");

    // No rule matches: the implicit `*` deny is shown.
    let s = scenario(&app_acl(""));
    let t = trace_packet(&s, "i-web", "i-app", tcp(5432)).unwrap();
    let deny = t.hops.last().unwrap();
    let v = serde_json::to_value(deny).unwrap();
    assert_eq!(
        v["rules"],
        serde_json::json!([{"rule": "*", "action": "deny", "matched": true}])
    );
    assert!(deny.note.contains("none matches"), "{}", deny.note);

    // Security groups: every rule of the ENI's groups, the deciding one matched.
    let s = scenario(WEB);
    let t = trace_packet(&s, "i-web", "i-app", tcp(5432)).unwrap();
    let sg = t.hops.iter().find(|h| h.at == "sg-app").unwrap();
    assert_eq!(sg.action, Action::Filter);
    let marks: Vec<bool> = sg.rules.iter().map(FilterRule::matched).collect();
    assert_eq!(marks, [true, false]);
    let v = serde_json::to_value(sg).unwrap();
    assert_eq!(v["rules"][0]["group"], "sg-app");
    assert_eq!(v["rules"][0]["source"], "sg-web");
    assert!(sg.note.contains("tcp 5432 from sg-web"), "{}", sg.note);
    let back = t.return_hops.iter().find(|h| h.at == "sg-app").unwrap();
    assert!(back.note.contains("connection tracking"), "{}", back.note);
    assert!(back.rules.is_empty());

    // Denied: `at` the ENI's first group, SECURITY_GROUP_DENY, every rule unmatched.
    let t = trace_packet(&s, "i-web", "i-app", tcp(22)).unwrap();
    let deny = t.hops.last().unwrap();
    assert_eq!(
        (deny.at.as_str(), deny.reason),
        ("sg-app", Some(Reason::SecurityGroupDeny))
    );
    assert!(deny.rules.iter().all(|r| !r.matched()));
    assert_eq!(
        serde_json::to_value(deny).unwrap()["explanation_code"],
        "ENI_SG_RULES_MISMATCH"
    );
}

/// F11: every filter hop says, typed, where its filter acts (a subnet's edge for an ACL, an
/// interface for its groups) and which way the packet crosses, so the canvas can draw it
/// there; no other hop has a site. Out and back, a denied one too.
#[test]
fn filter_hops_say_where_they_act() {
    fn sites(t: &vpc_engine::Trace) -> Vec<String> {
        t.hops
            .iter()
            .chain(t.return_hops.iter())
            .filter_map(|h| {
                let filter = h.action == Action::Filter
                    || matches!(h.reason, Some(Reason::NaclDeny | Reason::SecurityGroupDeny));
                assert_eq!(filter, h.site.is_some(), "{}: {:?}", h.at, h.site);
                let way = |inbound: bool| if inbound { "in" } else { "out" };
                h.site.as_deref().map(|s| match s {
                    FilterSite::SubnetEdge { subnet, inbound } => {
                        format!("{} {subnet} {}", h.at, way(*inbound))
                    }
                    FilterSite::Interface {
                        of,
                        subnet,
                        inbound,
                    } => format!("{} {of}@{subnet} {}", h.at, way(*inbound)),
                })
            })
            .collect()
    }
    let s = scenario(WEB);
    let t = trace_packet(&s, "i-web", "i-app", tcp(5432)).unwrap();
    assert_eq!(
        sites(&t),
        [
            "sg-web i-web@subnet-pub out",
            &format!("{ACL} subnet-pub out"),
            &format!("{ACL} subnet-app in"),
            "sg-app i-app@subnet-app in",
            // The reply: groups by connection tracking, ACLs again.
            "sg-app i-app@subnet-app out",
            &format!("{ACL} subnet-app out"),
            &format!("{ACL} subnet-pub in"),
            "sg-web i-web@subnet-pub in",
        ]
    );
    // Denied at the receiving interface: the drop hop says where.
    let t = trace_packet(&s, "i-web", "i-app", tcp(22)).unwrap();
    assert_eq!(sites(&t).last().unwrap(), "sg-app i-app@subnet-app in");
    // Denied at a subnet's edge.
    let s = scenario(&app_acl(""));
    let t = trace_packet(&s, "i-web", "i-app", tcp(5432)).unwrap();
    assert_eq!(sites(&t).last().unwrap(), "acl-app subnet-app in");
    // Every lesson of the library keeps the rule.
    for e in vpc_engine::library::LIBRARY {
        let l = vpc_engine::load(e.json()).unwrap();
        let Some(spec) = l.lesson.as_ref().and_then(|x| x.trace.clone()) else {
            continue;
        };
        sites(&vpc_engine::trace(&l, &spec.from, &spec.to).unwrap());
    }
}

/// Two VPCs peered in one Region; VPC A has an S3 gateway endpoint, an SQS interface
/// endpoint in its own subnet with `sg-endpoints` (HTTP only), and a VPN to on-premises.
/// `sg-db` in VPC B admits PostgreSQL from `sg-app` in VPC A; `sg-app` has no inbound rule.
const TWO: &str = r#"{
 "format": "vpc-playground/2",
 "vpcs": [
  {
   "id": "vpc-a",
   "region": "us-east-1",
   "cidrs": [
    "10.0.0.0/16"
   ]
  },
  {
   "id": "vpc-b",
   "region": "us-east-1",
   "cidrs": [
    "10.1.0.0/16"
   ]
  }
 ],
 "subnets": [
  {
   "id": "subnet-a",
   "vpc": "vpc-a",
   "cidr": "10.0.1.0/24"
  },
  {
   "id": "subnet-e",
   "vpc": "vpc-a",
   "cidr": "10.0.9.0/24"
  },
  {
   "id": "subnet-b",
   "vpc": "vpc-b",
   "cidr": "10.1.1.0/24"
  }
 ],
 "route_tables": [
  {
   "id": "rtb-a",
   "vpc": "vpc-a",
   "main": true,
   "routes": [
    {
     "destination": "10.1.0.0/16",
     "target": "pcx-ab"
    }
   ],
   "propagating_gateways": [
    "vgw-a"
   ]
  },
  {
   "id": "rtb-b",
   "vpc": "vpc-b",
   "main": true,
   "routes": [
    {
     "destination": "10.0.0.0/16",
     "target": "pcx-ab"
    }
   ]
  }
 ],
 "peering_connections": [
  {
   "id": "pcx-ab",
   "requester": "vpc-a",
   "accepter": "vpc-b",
   "status": "active"
  }
 ],
 "vpc_endpoints": [
  {
   "id": "vpce-s3",
   "vpc": "vpc-a",
   "type": "gateway",
   "service": "com.amazonaws.us-east-1.s3",
   "route_tables": [
    "rtb-a"
   ]
  },
  {
   "id": "vpce-sqs",
   "vpc": "vpc-a",
   "type": "interface",
   "service": "com.amazonaws.us-east-1.sqs",
   "subnets": [
    "subnet-e"
   ],
   "private_ips": [
    "10.0.9.20"
   ],
   "security_groups": [
    "sg-endpoints"
   ]
  }
 ],
 "security_groups": [
  {
   "id": "sg-app",
   "vpc": "vpc-a"
  },
  {
   "id": "sg-endpoints",
   "vpc": "vpc-a",
   "ingress": [
    {
     "protocol": "tcp",
     "ports": "80",
     "source": "10.0.0.0/16"
    }
   ]
  },
  {
   "id": "sg-db",
   "vpc": "vpc-b",
   "ingress": [
    {
     "protocol": "tcp",
     "ports": "5432",
     "source": "sg-app"
    }
   ]
  }
 ],
 "instances": [
  {
   "id": "i-app",
   "subnet": "subnet-a",
   "private_ip": "10.0.1.10",
   "security_groups": [
    "sg-app"
   ]
  },
  {
   "id": "i-db",
   "subnet": "subnet-b",
   "private_ip": "10.1.1.10",
   "security_groups": [
    "sg-db"
   ]
  }
 ],
 "vpn_gateways": [
  {
   "id": "vgw-a",
   "vpc": "vpc-a"
  }
 ],
 "customer_gateways": [
  {
   "id": "cgw-hq",
   "ip": "203.0.113.12",
   "asn": 65000,
   "network": "onprem-hq"
  }
 ],
 "vpn_connections": [
  {
   "id": "vpn-1",
   "vpn_gateway": "vgw-a",
   "customer_gateway": "cgw-hq",
   "routing": "bgp"
  }
 ],
 "onprem_networks": [
  {
   "id": "onprem-hq",
   "cidrs": [
    "192.168.0.0/16"
   ],
   "hosts": [
    {
     "id": "hq-pc",
     "ip": "192.168.1.10"
    }
   ]
  }
 ]
}"#;

#[test]
fn endpoints_peerings_and_vpns() {
    let sg_ref = |region: &str| {
        variant(
            TWO,
            r#""id": "vpc-b",
   "region": "us-east-1""#,
            &format!(
                r#""id": "vpc-b",
   "region": "{region}""#
            ),
        )
    };
    let to_db: &[&str] = &[
        "i-app",
        "sg-app",
        "rtb-a",
        "vpc-a:default-acl",
        "pcx-ab",
        "vpc-b:default-acl",
        "sg-db",
        "i-db",
    ];
    let cases = [
        // F9.2: a group in a VPC peered in the same Region over an active peering.
        PacketCase {
            name: "sg-db admits sg-app across a same-Region peering",
            json: TWO.into(),
            from: "i-app",
            to: "i-db",
            packet: tcp(5432),
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: to_db,
            return_path: Some(&[
                "i-db",
                "sg-db",
                "rtb-b",
                "vpc-b:default-acl",
                "pcx-ab",
                "vpc-a:default-acl",
                "sg-app",
                "i-app",
            ]),
        },
        PacketCase {
            name: "across Regions the reference matches nothing",
            json: sg_ref("us-west-2"),
            from: "i-app",
            to: "i-db",
            packet: tcp(5432),
            verdict: Verdict::Dropped,
            reason: Reason::SecurityGroupDeny,
            path: &to_db[..7],
            return_path: None,
        },
        // F11: an interface endpoint's subnet is entered and its groups admit the request.
        PacketCase {
            name: "the interface endpoint's group allows HTTP only",
            json: TWO.into(),
            from: "i-app",
            to: "sqs.us-east-1.amazonaws.com",
            packet: tcp(443),
            verdict: Verdict::Dropped,
            reason: Reason::SecurityGroupDeny,
            path: &[
                "i-app",
                "i-app",
                "sg-app",
                "rtb-a",
                "vpc-a:default-acl",
                "vpc-a:default-acl",
                "sg-endpoints",
            ],
            return_path: None,
        },
        PacketCase {
            name: "with 443 allowed the service answers through the endpoint",
            json: variant(TWO, r#""ports": "80""#, r#""ports": "443""#),
            from: "i-app",
            to: "sqs.us-east-1.amazonaws.com",
            packet: tcp(443),
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &[
                "i-app",
                "i-app",
                "sg-app",
                "rtb-a",
                "vpc-a:default-acl",
                "vpc-a:default-acl",
                "sg-endpoints",
                "vpce-sqs",
                SQS,
            ],
            return_path: Some(&[
                SQS,
                "vpce-sqs",
                "sg-endpoints",
                "rtb-a",
                "vpc-a:default-acl",
                "vpc-a:default-acl",
                "sg-app",
                "i-app",
            ]),
        },
        // F11: a service reached over a gateway endpoint answers back through it.
        PacketCase {
            name: "S3 answers through the gateway endpoint",
            json: TWO.into(),
            from: "i-app",
            to: "s3.us-east-1.amazonaws.com",
            packet: tcp(443),
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &[
                "i-app",
                "i-app",
                "sg-app",
                "rtb-a",
                "vpc-a:default-acl",
                "vpce-s3",
                S3,
            ],
            return_path: Some(&[S3, "vpce-s3", "vpc-a:default-acl", "sg-app", "i-app"]),
        },
        // F11: from a VPN the entered subnet's ACL, then the groups (sg-app admits nothing).
        PacketCase {
            name: "on-premises to an instance whose group admits nothing",
            json: TWO.into(),
            from: "hq-pc",
            to: "i-app",
            packet: tcp(443),
            verdict: Verdict::Dropped,
            reason: Reason::SecurityGroupDeny,
            path: &[
                "hq-pc",
                "onprem-hq",
                "cgw-hq",
                "vpn-1",
                "vgw-a",
                "vpc-a:default-acl",
                "sg-app",
            ],
            return_path: None,
        },
        // F11.5: every reply is traced in format 2, a service's too. On-premises asks SQS
        // through the interface endpoint (its group now admits HTTPS from anywhere) and the
        // answer goes back over the VPN, learned by rtb-a from vgw-a.
        PacketCase {
            name: "on-premises to an interface endpoint: the service answers over the VPN",
            json: endpoint_open_to_onprem(TWO),
            from: "hq-pc",
            to: "vpce-sqs",
            packet: tcp(443),
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: HQ_TO_SQS,
            return_path: Some(&[
                SQS,
                "vpce-sqs",
                "sg-endpoints",
                "rtb-a",
                "vpc-a:default-acl",
                "vgw-a",
                "vpn-1",
                "cgw-hq",
                "hq-pc",
            ]),
        },
        // F11.5 with F7: without the propagated route the endpoint's subnet has no way back
        // to 192.168.0.0/16. The request got there (format 1, which traces no service's
        // reply, says delivered), but the answer is lost: NO_RETURN_ROUTE.
        PacketCase {
            name: "on-premises to an interface endpoint whose subnet has no route back",
            json: variant(
                &endpoint_open_to_onprem(TWO),
                "\"propagating_gateways\": [\n    \"vgw-a\"\n   ]",
                "\"propagating_gateways\": []",
            ),
            from: "hq-pc",
            to: "vpce-sqs",
            packet: tcp(443),
            verdict: Verdict::Dropped,
            reason: Reason::NoReturnRoute,
            path: HQ_TO_SQS,
            return_path: Some(&[SQS, "vpce-sqs", "sg-endpoints", "rtb-a"]),
        },
    ];
    run_packets(&cases);
}

/// On-premises to SQS's interface endpoint in [`TWO`]: over the VPN into the endpoint's
/// subnet, through its ACL and group, to the service.
const HQ_TO_SQS: &[&str] = &[
    "hq-pc",
    "hq-pc",
    "onprem-hq",
    "cgw-hq",
    "vpn-1",
    "vgw-a",
    "vpc-a:default-acl",
    "sg-endpoints",
    "vpce-sqs",
    SQS,
];

/// [`TWO`] with the interface endpoint's group admitting HTTPS from anywhere.
fn endpoint_open_to_onprem(json: &str) -> String {
    let json = variant(json, r#""ports": "80""#, r#""ports": "443""#);
    variant(
        &json,
        r#""source": "10.0.0.0/16""#,
        r#""source": "0.0.0.0/0""#,
    )
}

const S3: &str = "com.amazonaws.us-east-1.s3";
const SQS: &str = "com.amazonaws.us-east-1.sqs";
