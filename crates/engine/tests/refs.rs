//! The loader and the reference visitor agree: every reference `refs::visit_refs` lists is
//! checked by `load`, which refuses a dangling one at exactly the path the visitor gives.
//! A reference field added to the model but to only one of the two fails here.

use std::collections::BTreeSet;
use vpc_engine::library::LIBRARY;
use vpc_engine::refs::visit_refs;
use vpc_engine::{load, Scenario};

const GONE: &str = "nothing-has-this-id";

/// The visited paths of `s`, in document order.
fn sites(s: &Scenario) -> Vec<String> {
    let mut copy = s.clone();
    let mut out = Vec::new();
    visit_refs(&mut copy, &mut |site, _| {
        out.push(site.path.clone());
        true
    });
    out
}

/// `s` with the reference at `path` pointing at nothing.
fn dangled(s: &Scenario, path: &str) -> Scenario {
    let mut out = s.clone();
    visit_refs(&mut out, &mut |site, r| {
        if site.path == path {
            *r = GONE.to_string();
        }
        true
    });
    out
}

fn scenarios() -> Vec<(String, Scenario)> {
    let mut out: Vec<(String, Scenario)> = LIBRARY
        .iter()
        .map(|e| {
            (
                e.slug.to_string(),
                load(e.json())
                    .expect("library scenario loads")
                    .into_scenario(),
            )
        })
        .collect();
    // No lesson has an on-prem static route: give the first VPN lesson one, over its own VPN.
    let (slug, vpn) = out
        .iter()
        .find(|(_, s)| !s.vpn_connections.is_empty())
        .map(|(n, s)| (n.clone(), s.clone()))
        .expect("a library lesson with a VPN");
    let mut doc = serde_json::to_value(&vpn).unwrap();
    let cgw = &vpn.vpn_connections[0].customer_gateway;
    let network = &vpn
        .customer_gateways
        .iter()
        .find(|c| &c.id == cgw)
        .unwrap()
        .network;
    let at = vpn
        .onprem_networks
        .iter()
        .position(|n| &n.id == network)
        .unwrap();
    doc["onprem_networks"][at]["routes"] = serde_json::json!([
        {"destination": "10.99.0.0/16", "via": vpn.vpn_connections[0].id}
    ]);
    let with_route = load(&doc.to_string())
        .expect("an on-prem route over its own VPN loads")
        .into_scenario();
    out.push((format!("{slug} with an on-prem route"), with_route));
    out.push((
        "format 2 filters".to_string(),
        load(FILTERS).unwrap().into_scenario(),
    ));
    out.push((
        "format 2 transit gateways".to_string(),
        load(include_str!("examples/tgw-everything.json"))
            .unwrap()
            .into_scenario(),
    ));
    out
}

/// Format 2's references: groups of an instance and an interface endpoint, group and ACL
/// VPCs, rule peers that are groups (written and implicit), ACL subnets.
const FILTERS: &str = r#"{
  "format": "vpc-playground/2",
  "vpcs": [{"id": "vpc-a", "region": "us-east-1", "cidrs": ["10.0.0.0/16"]}],
  "subnets": [{"id": "subnet-a", "vpc": "vpc-a", "cidr": "10.0.1.0/24"}],
  "instances": [{"id": "i-a", "subnet": "subnet-a", "private_ip": "10.0.1.10", "security_groups": ["sg-web", "vpc-a:default-sg"]}],
  "vpc_endpoints": [{"id": "vpce-sqs", "vpc": "vpc-a", "type": "interface", "service": "com.amazonaws.us-east-1.sqs",
                     "subnets": ["subnet-a"], "private_ips": ["10.0.1.20"], "security_groups": ["sg-web"]}],
  "security_groups": [{"id": "sg-web", "vpc": "vpc-a",
     "ingress": [{"protocol": "tcp", "ports": "443", "source": "0.0.0.0/0"}, {"protocol": "all", "source": "vpc-a:default-sg"}],
     "egress": [{"protocol": "tcp", "ports": "443", "destination": "sg-web"}, {"protocol": "all", "destination": "pl-63a5400a"}]}],
  "network_acls": [{"id": "acl-a", "vpc": "vpc-a", "subnets": ["subnet-a"]}]
}"#;

#[test]
fn the_loader_refuses_each_dangling_reference_at_the_visitors_path() {
    let mut fields: BTreeSet<String> = BTreeSet::new();
    for (name, s) in scenarios() {
        for path in sites(&s) {
            let json = serde_json::to_string(&dangled(&s, &path)).unwrap();
            let result = load(&json);
            if path == "lesson.trace.to" {
                // A destination may be an address or a DNS name, so any text loads.
                assert!(result.is_ok(), "{name}: {path}: {result:?}");
            } else {
                let Err(e) = result else {
                    panic!("{name}: a dangling {path} loads");
                };
                assert_eq!(e.path, path, "{name}: {e}");
                assert!(
                    e.message.contains(GONE),
                    "{name}: {path}: the message names the id: {e}"
                );
            }
            // The field, without its list positions.
            let field: String = path
                .split('[')
                .map(|p| p.split_once(']').map_or(p, |(_, rest)| rest))
                .collect();
            fields.insert(field);
        }
    }
    // The library (one lesson given an on-prem route) holds every kind of reference of format 1,
    // `FILTERS` those of format 2,
    // so each loader check above was exercised.
    let want = [
        "subnets.vpc",
        "route_tables.vpc",
        "route_tables.subnets",
        "route_tables.propagating_gateways",
        "route_tables.routes.target",
        "instances.subnet",
        "internet_gateways.vpc",
        "nat_gateways.subnet",
        "peering_connections.requester",
        "peering_connections.accepter",
        "vpc_endpoints.vpc",
        "vpc_endpoints.route_tables",
        "vpc_endpoints.subnets",
        "vpn_gateways.vpc",
        "customer_gateways.network",
        "vpn_connections.vpn_gateway",
        "vpn_connections.customer_gateway",
        "dx_connections.network",
        "dx_virtual_interfaces.connection",
        "dx_virtual_interfaces.vpn_gateway",
        "onprem_networks.routes.via",
        "instances.security_groups",
        "vpc_endpoints.security_groups",
        "security_groups.vpc",
        "security_groups.ingress.source",
        "security_groups.egress.destination",
        "network_acls.vpc",
        "network_acls.subnets",
        "vpn_connections.transit_gateway",
        "transit_gateway_attachments.transit_gateway",
        "transit_gateway_attachments.vpc",
        "transit_gateway_attachments.subnets",
        "transit_gateway_attachments.vpn_connection",
        "transit_gateway_attachments.peer_transit_gateway",
        "transit_gateway_route_tables.transit_gateway",
        "transit_gateway_route_tables.associations",
        "transit_gateway_route_tables.propagations",
        "transit_gateway_route_tables.routes.target",
        "lesson.trace.from",
        "lesson.trace.to",
    ];
    let missing: Vec<&str> = want
        .iter()
        .copied()
        .filter(|f| !fields.contains(*f))
        .collect();
    assert!(missing.is_empty(), "no scenario has {missing:?}");
    assert_eq!(fields.len(), want.len(), "{fields:?}");
}

#[test]
fn paths_count_positions_in_the_document() {
    let s = load(LIBRARY[0].json()).unwrap();
    let paths = sites(&s);
    for p in &paths {
        assert!(!p.contains("[]"), "{p}");
    }
    let unique: BTreeSet<&String> = paths.iter().collect();
    assert_eq!(unique.len(), paths.len(), "each site once: {paths:?}");
}

#[test]
fn an_implicit_default_group_is_a_reference_to_its_vpc() {
    let s = load(FILTERS).unwrap().into_scenario();
    // Renaming the VPC everywhere renames its implicit group's id too, and still loads.
    let mut renamed = s.clone();
    visit_refs(&mut renamed, &mut |_, r| {
        if r == "vpc-a" {
            *r = "vpc-main".to_string();
        }
        true
    });
    renamed.vpcs[0].id = "vpc-main".to_string();
    assert_eq!(
        renamed.instances[0].security_groups,
        ["sg-web", "vpc-main:default-sg"]
    );
    let json = serde_json::to_string(&renamed).unwrap();
    assert!(load(&json).is_ok(), "{:?}", load(&json).err());
    // Dropping the references to the VPC drops the rules and entries naming its group.
    let mut dropped = s.clone();
    visit_refs(&mut dropped, &mut |site, r| {
        site.tie == vpc_engine::refs::Tie::Place || r != "vpc-a"
    });
    assert_eq!(dropped.instances[0].security_groups, ["sg-web"]);
    assert_eq!(dropped.security_groups[0].ingress.len(), 1);
}
