//! Unit tests of the layout's promises: boxes nest and do not overlap, gateways sit on the
//! edges they lead out of, appending a VPC moves no other, every hop has an anchor.

use super::*;
use crate::canvas::geom::label_point;
use vpc_engine::model::PeeringStatus;
use vpc_engine::model::Vpc;

fn example() -> Scenario {
    serde_json::from_str(include_str!("../../../tests/fixtures/full.json")).expect("fixture")
}

fn vpc_rects(l: &Layout) -> Vec<(String, Rect)> {
    l.nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Resource(Kind::Vpc))
        .map(|n| (n.id.clone(), n.rect))
        .collect()
}

#[test]
fn canvas_titles_show_the_name_and_the_short_id() {
    let mut s = example();
    let long = "vpc-0a1b2c3d4e5f60001";
    for (name, want) in [
        (Some("prod"), "prod · vpc-0a1b…60001"),
        (None, "vpc-0a1b…60001"),
        (Some(""), "vpc-0a1b…60001"),
    ] {
        s.vpcs.retain(|v| v.id != long);
        s.vpcs.push(Vpc {
            id: long.into(),
            name: name.map(str::to_string),
            account: "333333333333".into(),
            region: "us-east-1".into(),
            cidrs: vec!["10.99.0.0/16".parse().expect("cidr")],
        });
        let l = layout(&s, &[]);
        let n = l.node(long).expect("long-id VPC laid out");
        assert_eq!(n.lines.first().map(String::as_str), Some(want));
    }
}

#[test]
fn vpc_boxes_do_not_overlap() {
    let l = layout(&example(), &[]);
    let v = vpc_rects(&l);
    assert!(v.len() >= 3);
    for (i, (a, ra)) in v.iter().enumerate() {
        for (b, rb) in &v[i + 1..] {
            assert!(!ra.overlaps(rb), "{a} overlaps {b}");
        }
    }
}

#[test]
fn subnets_and_their_contents_sit_inside_their_vpc() {
    let s = example();
    let l = layout(&s, &[]);
    for sb in &s.subnets {
        let sr = l.node(&sb.id).expect("subnet laid out").rect;
        let vr = l.node(&sb.vpc).expect("vpc laid out").rect;
        assert!(vr.contains_rect(&sr), "{} outside {}", sb.id, sb.vpc);
    }
    for i in &s.instances {
        let ir = l.node(&i.id).expect("instance laid out").rect;
        let sr = l.node(&i.subnet).expect("subnet").rect;
        assert!(sr.contains_rect(&ir), "{} outside {}", i.id, i.subnet);
    }
}

#[test]
fn subnets_of_one_vpc_do_not_overlap() {
    let l = layout(&example(), &[]);
    let subs: Vec<&Node> = l
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Resource(Kind::Subnet))
        .collect();
    for (i, a) in subs.iter().enumerate() {
        for b in &subs[i + 1..] {
            assert!(!a.rect.overlaps(&b.rect), "{} overlaps {}", a.id, b.id);
        }
    }
}

#[test]
fn appending_a_vpc_moves_no_other_vpc() {
    let s = example();
    let before = vpc_rects(&layout(&s, &[]));
    for region in ["us-east-1", "eu-west-1", "ap-southeast-1"] {
        let mut t = s.clone();
        t.vpcs.push(Vpc {
            id: "vpc-new".into(),
            name: Some("a brand new VPC with a long name".into()),
            account: "333333333333".into(),
            region: region.into(),
            cidrs: vec!["10.99.0.0/16".parse().expect("cidr")],
        });
        let after = vpc_rects(&layout(&t, &[]));
        for (id, r) in &before {
            let now = after.iter().find(|(i, _)| i == id).map(|x| x.1);
            assert_eq!(now, Some(*r), "{id} moved when a VPC was added in {region}");
        }
        let new = after
            .iter()
            .find(|(i, _)| i == "vpc-new")
            .expect("new vpc")
            .1;
        for (id, r) in &before {
            assert!(!new.overlaps(r), "new VPC in {region} overlaps {id}");
        }
    }
}

#[test]
fn gateways_sit_on_the_edges_they_lead_out_of() {
    let s = example();
    let l = layout(&s, &[]);
    let vpc = l.node("vpc-a").expect("vpc").rect;
    let igw = l.node("igw-a").expect("igw").rect;
    let vgw = l.node("vgw-a").expect("vgw").rect;
    let gep = l.node("vpce-s3").expect("gateway endpoint").rect;
    assert_eq!(igw.bottom(), vpc.y, "IGW on the top edge");
    assert_eq!(vgw.y, vpc.bottom(), "VGW on the bottom edge");
    assert!(
        vpc.contains_rect(&gep) && gep.right() > vpc.right() - 10.0,
        "endpoint on the right side"
    );
    let svc = l
        .node("com.amazonaws.us-east-1.s3")
        .expect("service box")
        .rect;
    assert!(svc.x > vpc.right(), "services to the right");
    let internet = l.node("internet").expect("cloud").rect;
    assert!(internet.bottom() < igw.y, "internet above");
    let onprem = l.node("onprem-hq").expect("on-prem").rect;
    assert!(onprem.y > vgw.bottom(), "on-prem below");
    let cgw = l.node("cgw-hq").expect("cgw").rect;
    assert_eq!(cgw.bottom(), onprem.y);
}

#[test]
fn every_resource_that_a_hop_can_be_at_has_an_anchor() {
    let s = example();
    let l = layout(&s, &["com.amazonaws.us-east-1.dynamodb".to_string()]);
    let mut ids: Vec<&str> = s.all_ids();
    ids.extend([
        "internet",
        "com.amazonaws.us-east-1.s3",
        "com.amazonaws.us-east-1.dynamodb",
    ]);
    for id in ids {
        assert!(l.anchor(id).is_some(), "no anchor for {id}");
    }
}

#[test]
fn hit_test_finds_the_innermost_thing() {
    let s = example();
    let l = layout(&s, &[]);
    let inst = l.node("i-a").expect("instance");
    assert_eq!(hit_test(&l, inst.anchor).as_deref(), Some("i-a"));
    let sub = l.node("subnet-a").expect("subnet");
    assert_eq!(
        hit_test(&l, Point::new(sub.rect.x + 4.0, sub.rect.y + 4.0)).as_deref(),
        Some("subnet-a")
    );
    let vpc = l.node("vpc-a").expect("vpc");
    assert_eq!(
        hit_test(&l, Point::new(vpc.rect.x + 4.0, vpc.rect.y + 4.0)).as_deref(),
        Some("vpc-a")
    );
    let pcx = l.link("pcx-ab").expect("peering line");
    assert_eq!(
        hit_test(&l, label_point(&pcx.points)).as_deref(),
        Some("pcx-ab")
    );
    assert_eq!(hit_test(&l, Point::new(-50.0, -50.0)), None);
    let region = l.node("region:us-east-1").expect("band");
    assert_eq!(
        hit_test(&l, Point::new(region.rect.x + 2.0, region.rect.y + 2.0)),
        None,
        "a band is not a resource"
    );
}

#[test]
fn a_peering_pill_fits_between_the_vpcs_it_joins() {
    let mut s = example();
    let short = layout(&s, &[]);
    let gap = |l: &Layout| l.node("vpc-b").unwrap().rect.x - l.node("vpc-a").unwrap().rect.right();
    assert_eq!(
        gap(&short),
        VPC_GAP,
        "a short active id needs no more than the usual gap"
    );
    // An imported id and a pending status make a pill wider than the usual gap.
    s.peering_connections[0].id = "pcx-0a1b2c3d4e5f600ab".into();
    s.peering_connections[0].status = PeeringStatus::PendingAcceptance;
    let l = layout(&s, &[]);
    let pill = super::labels::pill_size(&l.link("pcx-0a1b2c3d4e5f600ab").unwrap().label, FONT).0;
    assert!(pill > VPC_GAP, "{pill}");
    assert!(
        gap(&l) >= pill + 12.0,
        "gap {} for a pill of {pill}",
        gap(&l)
    );
    // The VPC after it moves over by the same amount: its own gap is unchanged.
    let next_gap =
        |l: &Layout| l.node("vpc-c").unwrap().rect.x - l.node("vpc-b").unwrap().rect.right();
    assert_eq!(next_gap(&l), next_gap(&short));
}

#[test]
fn peering_status_shapes() {
    let mut s = example();
    let l = layout(&s, &[]);
    assert!(!l.link("pcx-ab").expect("pcx").kind.is_broken_peering());
    for (st, broken, pending) in [
        (PeeringStatus::PendingAcceptance, false, true),
        (PeeringStatus::InitiatingRequest, false, true),
        (PeeringStatus::Rejected, true, false),
        (PeeringStatus::Expired, true, false),
        (PeeringStatus::Failed, true, false),
        (PeeringStatus::Deleted, true, false),
    ] {
        s.peering_connections[0].status = st;
        let l = layout(&s, &[]);
        let k = l.link(&s.peering_connections[0].id).expect("pcx");
        assert_eq!(k.kind.is_broken_peering(), broken, "{st:?}");
        assert_eq!(k.kind.is_pending_peering(), pending, "{st:?}");
        assert!(
            k.label.contains(st.as_str()),
            "label says {st:?}: {}",
            k.label
        );
    }
}

#[test]
fn empty_scenario_lays_out() {
    let l = layout(&Scenario::empty(), &[]);
    assert!(l.bounds.w > 0.0 && l.bounds.h > 0.0);
    assert!(l.anchor("internet").is_some());
}
