//! Peering traces: transitive, full mesh, lifecycle states, overlaps, LPM, return paths.
mod common;
use common::{run, variant, Case};
use vpc_engine::{Reason, Verdict};

const ABC: &str = include_str!("../scenarios/01-transitive-peering.json");

const A_TO_C_ROUTE: &str = r#",
      {"destination": "10.2.0.0/16", "target": "pcx-ab"}]},"#;

/// ABC plus a direct A-C peering with routes on both sides.
fn mesh(status: &str) -> String {
    let s = variant(
        ABC,
        A_TO_C_ROUTE,
        r#",
      {"destination": "10.2.0.0/16", "target": "pcx-ac"}]},"#,
    );
    let s = variant(
        &s,
        r#"{"destination": "10.1.0.0/16", "target": "pcx-bc"}]}"#,
        r#"{"destination": "10.1.0.0/16", "target": "pcx-bc"}, {"destination": "10.0.0.0/16", "target": "pcx-ac"}]}"#,
    );
    variant(
        &s,
        r#"{"id": "pcx-bc", "requester": "vpc-b", "accepter": "vpc-c", "status": "active"}"#,
        &format!(
            r#"{{"id": "pcx-bc", "requester": "vpc-b", "accepter": "vpc-c", "status": "active"}},
    {{"id": "pcx-ac", "requester": "vpc-a", "accepter": "vpc-c", "status": "{status}"}}"#
        ),
    )
}

/// A (10.0/16) peered with B and C whose ranges are given; A routes B's range to pcx-ab and
/// C's to pcx-ac (in that order); B and C route A's range back.
fn hub(b_cidr: &str, c_cidr: &str, b_ip: &str, c_ip: &str, c_route: &str) -> String {
    let b_sub = b_ip.rsplit_once('.').unwrap().0.to_string() + ".0/24";
    let c_sub = c_ip.rsplit_once('.').unwrap().0.to_string() + ".0/24";
    format!(
        r#"{{
  "vpcs": [
    {{"id": "vpc-a", "account": "111111111111", "region": "us-east-1", "cidrs": ["10.0.0.0/16"]}},
    {{"id": "vpc-b", "account": "111111111111", "region": "us-east-1", "cidrs": ["{b_cidr}"]}},
    {{"id": "vpc-c", "account": "111111111111", "region": "us-east-1", "cidrs": ["{c_cidr}"]}}],
  "subnets": [
    {{"id": "subnet-a", "vpc": "vpc-a", "cidr": "10.0.1.0/24"}},
    {{"id": "subnet-b", "vpc": "vpc-b", "cidr": "{b_sub}"}},
    {{"id": "subnet-c", "vpc": "vpc-c", "cidr": "{c_sub}"}}],
  "route_tables": [
    {{"id": "rtb-a", "vpc": "vpc-a", "main": true, "routes": [
      {{"destination": "{b_cidr}", "target": "pcx-ab"}}, {{"destination": "{c_route}", "target": "pcx-ac"}}]}},
    {{"id": "rtb-b", "vpc": "vpc-b", "main": true, "routes": [{{"destination": "10.0.0.0/16", "target": "pcx-ab"}}]}},
    {{"id": "rtb-c", "vpc": "vpc-c", "main": true, "routes": [{{"destination": "10.0.0.0/16", "target": "pcx-ac"}}]}}],
  "instances": [
    {{"id": "i-a", "subnet": "subnet-a", "private_ip": "10.0.1.10"}},
    {{"id": "i-b", "subnet": "subnet-b", "private_ip": "{b_ip}"}},
    {{"id": "i-c", "subnet": "subnet-c", "private_ip": "{c_ip}"}}],
  "peering_connections": [
    {{"id": "pcx-ab", "requester": "vpc-a", "accepter": "vpc-b", "status": "active"}},
    {{"id": "pcx-ac", "requester": "vpc-a", "accepter": "vpc-c", "status": "active"}}]
}}"#
    )
}

#[test]
fn peering_table() {
    let no_a_to_c = variant(ABC, A_TO_C_ROUTE, "]},");
    let no_return = variant(
        &mesh("active"),
        r#", {"destination": "10.0.0.0/16", "target": "pcx-ac"}]}"#,
        "]}",
    );
    // D's secondary block overlaps A's secondary block.
    let overlap = variant(
        &mesh("active"),
        r#""cidrs": ["10.0.0.0/16"]}"#,
        r#""cidrs": ["10.0.0.0/16", "10.5.0.0/16"]}"#,
    );
    let overlap = variant(
        &overlap,
        r#""cidrs": ["10.2.0.0/16"]}"#,
        r#""cidrs": ["10.2.0.0/16", "10.5.128.0/17"]}"#,
    );
    let inter_region = variant(
        &variant(
            ABC,
            r#""account": "111111111111", "region": "us-east-1", "cidrs": ["10.1.0.0/16"]"#,
            r#""account": "333333333333", "region": "eu-west-1", "cidrs": ["10.1.0.0/16"]"#,
        ),
        r#""az": "us-east-1a", "cidr": "10.1.1.0/24""#,
        r#""az": "eu-west-1a", "cidr": "10.1.1.0/24""#,
    );
    // A's route to C's range names a peering of A with itself.
    let self_peering = variant(
        &mesh("active"),
        r#"{"id": "pcx-ac", "requester": "vpc-a", "accepter": "vpc-c""#,
        r#"{"id": "pcx-ac", "requester": "vpc-a", "accepter": "vpc-a""#,
    );
    let lpm = hub(
        "10.1.0.0/16",
        "10.1.2.0/24",
        "10.1.1.10",
        "10.1.2.10",
        "10.1.2.0/24",
    );
    let twins = hub(
        "10.1.0.0/16",
        "10.1.0.0/16",
        "10.1.1.10",
        "10.1.1.10",
        "10.1.0.0/16",
    );
    let cases = vec![
        Case {
            name: "a self-peering is failed whatever its status",
            json: self_peering,
            from: "i-a",
            to: "i-c",
            verdict: Verdict::Dropped,
            reason: Reason::PeeringNotActive,
            path: &["i-a", "rtb-a", "pcx-ac"],
            return_path: Some(&[]),
        },
        Case {
            name: "spec example: A->C through B is transitive",
            json: ABC.into(),
            from: "i-a",
            to: "i-c",
            verdict: Verdict::Dropped,
            reason: Reason::TransitivePeering,
            path: &["i-a", "rtb-a", "pcx-ab", "vpc-b"],
            return_path: Some(&[]),
        },
        Case {
            name: "A without a route to C",
            json: no_a_to_c,
            from: "i-a",
            to: "i-c",
            verdict: Verdict::Dropped,
            reason: Reason::NoRoute,
            path: &["i-a", "rtb-a"],
            return_path: None,
        },
        Case {
            name: "A->B over the peering, reply back",
            json: ABC.into(),
            from: "i-a",
            to: "10.1.1.10",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["i-a", "rtb-a", "pcx-ab", "i-b"],
            return_path: Some(&["i-b", "rtb-b", "pcx-ab", "i-a"]),
        },
        Case {
            name: "C->A: B has A's route, still transitive",
            json: variant(
                ABC,
                r#"{"destination": "10.1.0.0/16", "target": "pcx-bc"}]}"#,
                r#"{"destination": "10.0.0.0/8", "target": "pcx-bc"}]}"#,
            ),
            from: "i-c",
            to: "i-a",
            verdict: Verdict::Dropped,
            reason: Reason::TransitivePeering,
            path: &["i-c", "rtb-c", "pcx-bc", "vpc-b"],
            return_path: None,
        },
        Case {
            name: "full mesh fixes A->C",
            json: mesh("active"),
            from: "i-a",
            to: "i-c",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["i-a", "rtb-a", "pcx-ac", "i-c"],
            return_path: Some(&["i-c", "rtb-c", "pcx-ac", "i-a"]),
        },
        Case {
            name: "pending peering",
            json: mesh("pending-acceptance"),
            from: "i-a",
            to: "i-c",
            verdict: Verdict::Dropped,
            reason: Reason::PeeringNotActive,
            path: &["i-a", "rtb-a", "pcx-ac"],
            return_path: None,
        },
        Case {
            name: "rejected peering",
            json: mesh("rejected"),
            from: "i-a",
            to: "i-c",
            verdict: Verdict::Dropped,
            reason: Reason::PeeringNotActive,
            path: &["i-a", "rtb-a", "pcx-ac"],
            return_path: None,
        },
        Case {
            name: "deleted peering",
            json: mesh("deleted"),
            from: "i-c",
            to: "i-a",
            verdict: Verdict::Dropped,
            reason: Reason::PeeringNotActive,
            path: &["i-c", "rtb-c", "pcx-ac"],
            return_path: None,
        },
        Case {
            name: "overlap on a secondary block: failed whatever the status",
            json: overlap,
            from: "i-a",
            to: "i-c",
            verdict: Verdict::Dropped,
            reason: Reason::PeeringNotActive,
            path: &["i-a", "rtb-a", "pcx-ac"],
            return_path: None,
        },
        Case {
            name: "missing return route",
            json: no_return,
            from: "i-a",
            to: "i-c",
            verdict: Verdict::Dropped,
            reason: Reason::NoReturnRoute,
            path: &["i-a", "rtb-a", "pcx-ac", "i-c"],
            return_path: Some(&["i-c", "rtb-c"]),
        },
        Case {
            name: "LPM: /24 to C wins over /16 to B",
            json: lpm.clone(),
            from: "i-a",
            to: "10.1.2.10",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["i-a", "rtb-a", "pcx-ac", "i-c"],
            return_path: Some(&["i-c", "rtb-c", "pcx-ac", "i-a"]),
        },
        Case {
            name: "LPM: rest of the /16 goes to B",
            json: lpm,
            from: "i-a",
            to: "i-b",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["i-a", "rtb-a", "pcx-ab", "i-b"],
            return_path: None,
        },
        Case {
            name: "identical peer CIDRs: C's request gets a reply sent to B",
            json: twins,
            from: "i-c",
            to: "i-a",
            verdict: Verdict::Dropped,
            reason: Reason::NoReturnRoute,
            path: &["i-c", "rtb-c", "pcx-ac", "i-a"],
            return_path: Some(&["i-a", "rtb-a", "pcx-ab", "i-b"]),
        },
        Case {
            name: "inter-Region, cross-account peering",
            json: inter_region,
            from: "i-b",
            to: "i-a",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["i-b", "rtb-b", "pcx-ab", "i-a"],
            return_path: Some(&["i-a", "rtb-a", "pcx-ab", "i-b"]),
        },
        Case {
            name: "no such host in the peer",
            json: ABC.into(),
            from: "i-a",
            to: "10.1.1.99",
            verdict: Verdict::Dropped,
            reason: Reason::NoSuchHost,
            path: &["i-a", "rtb-a", "pcx-ab", "subnet-b"],
            return_path: None,
        },
    ];
    run(&cases);
}

#[test]
fn unknown_source_is_an_error_and_route_hops_explain() {
    let s = common::scenario(ABC);
    assert!(matches!(
        vpc_engine::trace(&s, "i-zz", "i-a"),
        Err(vpc_engine::TraceError::UnknownSource(_))
    ));
    let t = vpc_engine::trace(&s, "i-a", "i-c").unwrap();
    let rt = &t.hops[1];
    assert_eq!(rt.routes.iter().filter(|r| r.chosen).count(), 1);
    assert!(rt
        .routes
        .iter()
        .any(|r| r.chosen && r.target == "pcx-ab" && r.destination == "10.2.0.0/16"));
    assert!(rt.note.contains("only route"), "{}", rt.note);
    let drop = t.hops.last().unwrap();
    assert!(drop.note.contains("not transitive"), "{}", drop.note);
    // The considered lookup in B's main table is shown, not walked.
    assert!(drop.routes.iter().any(|r| r.chosen && r.target == "pcx-bc"));
}

#[test]
fn inactive_peering_note_says_blackhole() {
    let s = common::scenario(&mesh("pending-acceptance"));
    let t = vpc_engine::trace(&s, "i-a", "i-c").unwrap();
    let last = t.hops.last().unwrap();
    assert!(
        last.note.contains("blackhole") && last.note.contains("pending-acceptance"),
        "{}",
        last.note
    );
}

#[test]
fn a_self_peering_is_blamed_on_itself_not_on_overlapping_blocks() {
    let s = common::scenario(&variant(
        &mesh("active"),
        r#"{"id": "pcx-ac", "requester": "vpc-a", "accepter": "vpc-c""#,
        r#"{"id": "pcx-ac", "requester": "vpc-a", "accepter": "vpc-a""#,
    ));
    let t = vpc_engine::trace(&s, "i-a", "i-c").unwrap();
    let last = t.hops.last().unwrap();
    assert!(
        last.note.contains("peers vpc-a with itself") && !last.note.contains("overlap"),
        "{}",
        last.note
    );
}
