//! On-prem: VPN (BGP and static), tunnels down, Direct Connect private and public VIFs,
//! route priority, edge-to-edge through a peered VPC.
mod common;
use common::{run, variant, Case};
use vpc_engine::{Reason, Verdict};

/// VPC A with a VPN gateway (propagating into its main table), peered with VPC B, a BGP VPN to
/// on-prem HQ (192.168.0.0/16), an interface endpoint, an internet gateway and a gateway endpoint.
const BASE: &str = r#"{
  "vpcs": [
    {"id": "vpc-a", "region": "us-east-1", "cidrs": ["10.0.0.0/16"]},
    {"id": "vpc-b", "region": "us-east-1", "cidrs": ["10.1.0.0/16"]}],
  "subnets": [
    {"id": "subnet-a", "vpc": "vpc-a", "cidr": "10.0.1.0/24"},
    {"id": "subnet-b", "vpc": "vpc-b", "cidr": "10.1.1.0/24"}],
  "route_tables": [
    {"id": "rtb-a", "vpc": "vpc-a", "main": true, "propagating_gateways": ["vgw-a"], "routes": [
      {"destination": "10.1.0.0/16", "target": "pcx-ab"}, {"destination": "0.0.0.0/0", "target": "igw-a"}]},
    {"id": "rtb-b", "vpc": "vpc-b", "main": true, "routes": [{"destination": "0.0.0.0/0", "target": "pcx-ab"}]}],
  "instances": [
    {"id": "i-a", "subnet": "subnet-a", "private_ip": "10.0.1.10"},
    {"id": "i-b", "subnet": "subnet-b", "private_ip": "10.1.1.10"}],
  "internet_gateways": [{"id": "igw-a", "vpc": "vpc-a"}],
  "peering_connections": [{"id": "pcx-ab", "requester": "vpc-a", "accepter": "vpc-b", "status": "active"}],
  "vpc_endpoints": [
    {"id": "vpce-s3", "vpc": "vpc-a", "type": "gateway", "service": "com.amazonaws.us-east-1.s3", "route_tables": ["rtb-a"]},
    {"id": "vpce-kds", "vpc": "vpc-a", "type": "interface", "service": "com.amazonaws.us-east-1.kinesis-streams", "subnets": ["subnet-a"], "private_ips": ["10.0.1.20"]}],
  "vpn_gateways": [{"id": "vgw-a", "vpc": "vpc-a", "asn": 64512}],
  "customer_gateways": [{"id": "cgw-hq", "ip": "203.0.113.12", "asn": 65000, "network": "onprem-hq"}],
  "vpn_connections": [{"id": "vpn-1", "vpn_gateway": "vgw-a", "customer_gateway": "cgw-hq", "routing": "bgp"}],
  "dx_connections": [],
  "dx_virtual_interfaces": [],
  "onprem_networks": [{"id": "onprem-hq", "cidrs": ["192.168.0.0/16"], "hosts": [{"id": "hq-pc", "ip": "192.168.1.10"}]}],
  "internet_hosts": [{"id": "example", "name": "example.com", "ip": "93.184.216.34"}]
}"#;

const DX: &str = r#""dx_connections": [{"id": "dxcon-1", "location": "EqDC2", "bandwidth": "1Gbps", "network": "onprem-hq"}],
  "dx_virtual_interfaces": [{"id": "dxvif-1", "connection": "dxcon-1", "type": "private", "vlan": 101, "vpn_gateway": "vgw-a"}]"#;
const DX_PUBLIC: &str = r#""dx_connections": [{"id": "dxcon-1", "network": "onprem-hq"}],
  "dx_virtual_interfaces": [{"id": "dxvif-pub", "connection": "dxcon-1", "type": "public", "vlan": 200}]"#;
const NO_DX: &str = r#""dx_connections": [],
  "dx_virtual_interfaces": []"#;
const S3: &str = "com.amazonaws.us-east-1.s3";

#[test]
fn onprem_table() {
    let no_prop = variant(BASE, r#""propagating_gateways": ["vgw-a"], "#, "");
    let static_vpn = variant(
        BASE,
        r#""routing": "bgp""#,
        r#""routing": "static", "static_routes": ["192.168.1.0/24"]"#,
    );
    let down = variant(
        BASE,
        r#""routing": "bgp""#,
        r#""routing": "bgp", "tunnels": ["down", "down"]"#,
    );
    let one_down = variant(
        BASE,
        r#""routing": "bgp""#,
        r#""routing": "bgp", "tunnels": ["down", "up"]"#,
    );
    let dx = variant(BASE, NO_DX, DX);
    let dx_vpn_down = variant(
        &dx,
        r#""routing": "bgp""#,
        r#""routing": "bgp", "tunnels": ["down", "down"]"#,
    );
    let dx_public = variant(BASE, NO_DX, DX_PUBLIC);
    // On-prem also owns 10.0.5.0/24, more specific than VPC A's local route.
    let overlap = variant(
        BASE,
        r#""cidrs": ["192.168.0.0/16"]"#,
        r#""cidrs": ["192.168.0.0/16", "10.0.5.0/24"]"#,
    );
    // A static route of equal length beats the propagated one.
    let static_wins = variant(
        BASE,
        r#"{"destination": "10.1.0.0/16", "target": "pcx-ab"}"#,
        r#"{"destination": "10.1.0.0/16", "target": "pcx-ab"}, {"destination": "192.168.0.0/16", "target": "pcx-ab"}"#,
    );
    // On-prem's own static route to B's range over the VPN.
    let onprem_static = variant(
        BASE,
        r#""hosts": [{"id": "hq-pc", "ip": "192.168.1.10"}]"#,
        r#""hosts": [{"id": "hq-pc", "ip": "192.168.1.10"}], "routes": [{"destination": "10.1.0.0/16", "via": "vpn-1"}]"#,
    );
    // B's traffic to the internet would use A's NAT gateway.
    let nat_edge = variant(
        BASE,
        r#"{"destination": "0.0.0.0/0", "target": "igw-a"}"#,
        r#"{"destination": "0.0.0.0/0", "target": "nat-a"}"#,
    );
    let nat_edge = variant(
        &nat_edge,
        r#""internet_gateways": [{"id": "igw-a", "vpc": "vpc-a"}],"#,
        r#""internet_gateways": [{"id": "igw-a", "vpc": "vpc-a"}], "nat_gateways": [{"id": "nat-a", "subnet": "subnet-a", "private_ip": "10.0.1.5", "public_ip": "54.0.0.10"}],"#,
    );
    let detached_vgw = variant(
        BASE,
        r#"{"id": "vgw-a", "vpc": "vpc-a", "asn": 64512}"#,
        r#"{"id": "vgw-a", "vpc": null, "asn": 64512}"#,
    );
    let detached_vgw = variant(
        &detached_vgw,
        r#"{"destination": "10.1.0.0/16", "target": "pcx-ab"}"#,
        r#"{"destination": "10.1.0.0/16", "target": "pcx-ab"}, {"destination": "192.168.0.0/16", "target": "vgw-a"}"#,
    );
    let cases = vec![
        Case {
            name: "VPC to on-prem over BGP VPN, reply back",
            json: BASE.into(),
            from: "i-a",
            to: "hq-pc",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["i-a", "rtb-a", "vgw-a", "vpn-1", "cgw-hq", "hq-pc"],
            return_path: Some(&["hq-pc", "onprem-hq", "cgw-hq", "vpn-1", "vgw-a", "i-a"]),
        },
        Case {
            name: "on-prem to VPC",
            json: BASE.into(),
            from: "hq-pc",
            to: "i-a",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["hq-pc", "onprem-hq", "cgw-hq", "vpn-1", "vgw-a", "i-a"],
            return_path: Some(&["i-a", "rtb-a", "vgw-a", "vpn-1", "cgw-hq", "hq-pc"]),
        },
        Case {
            name: "no propagation: the default route sends on-prem traffic to the internet",
            json: no_prop.clone(),
            from: "i-a",
            to: "hq-pc",
            verdict: Verdict::Dropped,
            reason: Reason::NoPublicIp,
            path: &["i-a", "rtb-a", "igw-a"],
            return_path: None,
        },
        Case {
            name: "no propagation: the reply has no way back",
            json: no_prop,
            from: "hq-pc",
            to: "i-a",
            verdict: Verdict::Dropped,
            reason: Reason::NoReturnRoute,
            path: &["hq-pc", "onprem-hq", "cgw-hq", "vpn-1", "vgw-a", "i-a"],
            return_path: Some(&["i-a", "rtb-a", "igw-a"]),
        },
        Case {
            name: "static VPN routes propagate",
            json: static_vpn.clone(),
            from: "i-a",
            to: "hq-pc",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["i-a", "rtb-a", "vgw-a", "vpn-1", "cgw-hq", "hq-pc"],
            return_path: None,
        },
        Case {
            name: "static VPN: outside its static routes the default route wins",
            json: static_vpn,
            from: "i-a",
            to: "192.168.2.10",
            verdict: Verdict::Dropped,
            reason: Reason::NoPublicIp,
            path: &["i-a", "rtb-a", "igw-a"],
            return_path: None,
        },
        Case {
            name: "both tunnels down",
            json: down.clone(),
            from: "i-a",
            to: "hq-pc",
            verdict: Verdict::Dropped,
            reason: Reason::VpnDown,
            path: &["i-a", "rtb-a", "vgw-a", "vpn-1"],
            return_path: None,
        },
        Case {
            name: "both tunnels down, from on-prem",
            json: down,
            from: "hq-pc",
            to: "i-a",
            verdict: Verdict::Dropped,
            reason: Reason::VpnDown,
            path: &["hq-pc", "onprem-hq", "cgw-hq", "vpn-1"],
            return_path: None,
        },
        Case {
            name: "one tunnel up is enough",
            json: one_down,
            from: "i-a",
            to: "hq-pc",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["i-a", "rtb-a", "vgw-a", "vpn-1", "cgw-hq", "hq-pc"],
            return_path: None,
        },
        Case {
            name: "DX preferred over VPN, VPC to on-prem",
            json: dx.clone(),
            from: "i-a",
            to: "hq-pc",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["i-a", "rtb-a", "vgw-a", "dxvif-1", "onprem-hq", "hq-pc"],
            return_path: Some(&["hq-pc", "onprem-hq", "dxvif-1", "vgw-a", "i-a"]),
        },
        Case {
            name: "DX preferred over VPN, on-prem to VPC",
            json: dx.clone(),
            from: "hq-pc",
            to: "i-a",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["hq-pc", "onprem-hq", "dxvif-1", "vgw-a", "i-a"],
            return_path: Some(&["i-a", "rtb-a", "vgw-a", "dxvif-1", "onprem-hq", "hq-pc"]),
        },
        Case {
            name: "DX works while the VPN is down",
            json: dx_vpn_down,
            from: "i-a",
            to: "hq-pc",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["i-a", "rtb-a", "vgw-a", "dxvif-1", "onprem-hq", "hq-pc"],
            return_path: None,
        },
        Case {
            name: "DX public VIF to S3",
            json: dx_public,
            from: "hq-pc",
            to: "s3.us-east-1.amazonaws.com",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["hq-pc", "hq-pc", "onprem-hq", "dxvif-pub", S3],
            return_path: None,
        },
        Case {
            name: "S3 from on-prem without a public VIF goes over the internet",
            json: BASE.into(),
            from: "hq-pc",
            to: "s3.us-east-1.amazonaws.com",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["hq-pc", "hq-pc", "onprem-hq", "cgw-hq", S3],
            return_path: None,
        },
        Case {
            name: "on-prem to an internet host",
            json: BASE.into(),
            from: "hq-pc",
            to: "example.com",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["hq-pc", "hq-pc", "onprem-hq", "cgw-hq", "example"],
            return_path: None,
        },
        Case {
            name: "on-prem cannot reach a peered VPC (never learned)",
            json: BASE.into(),
            from: "hq-pc",
            to: "i-b",
            verdict: Verdict::Dropped,
            reason: Reason::NoRoute,
            path: &["hq-pc", "onprem-hq"],
            return_path: None,
        },
        Case {
            name: "on-prem static route to the peer still stops at A",
            json: onprem_static,
            from: "hq-pc",
            to: "i-b",
            verdict: Verdict::Dropped,
            reason: Reason::EdgeToEdge,
            path: &["hq-pc", "onprem-hq", "cgw-hq", "vpn-1", "vgw-a", "vpc-a"],
            return_path: None,
        },
        Case {
            name: "interface endpoint from on-prem",
            json: BASE.into(),
            from: "hq-pc",
            to: "vpce-kds",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &[
                "hq-pc",
                "hq-pc",
                "onprem-hq",
                "cgw-hq",
                "vpn-1",
                "vgw-a",
                "vpce-kds",
                "com.amazonaws.us-east-1.kinesis-streams",
            ],
            return_path: None,
        },
        Case {
            name: "interface endpoint over peering",
            json: BASE.into(),
            from: "i-b",
            to: "vpce-kds",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &[
                "i-b",
                "i-b",
                "rtb-b",
                "pcx-ab",
                "vpce-kds",
                "com.amazonaws.us-east-1.kinesis-streams",
            ],
            return_path: None,
        },
        Case {
            name: "peer using A's internet gateway",
            json: BASE.into(),
            from: "i-b",
            to: "8.8.8.8",
            verdict: Verdict::Dropped,
            reason: Reason::EdgeToEdge,
            path: &["i-b", "rtb-b", "pcx-ab", "vpc-a"],
            return_path: None,
        },
        Case {
            name: "peer using A's NAT gateway",
            json: nat_edge,
            from: "i-b",
            to: "8.8.8.8",
            verdict: Verdict::Dropped,
            reason: Reason::EdgeToEdge,
            path: &["i-b", "rtb-b", "pcx-ab", "vpc-a"],
            return_path: None,
        },
        Case {
            name: "peer using A's gateway endpoint",
            json: BASE.into(),
            from: "i-b",
            to: "s3.us-east-1.amazonaws.com",
            verdict: Verdict::Dropped,
            reason: Reason::EdgeToEdge,
            path: &["i-b", "i-b", "rtb-b", "pcx-ab", "vpc-a"],
            return_path: None,
        },
        Case {
            name: "peer using A's VPN",
            json: BASE.into(),
            from: "i-b",
            to: "hq-pc",
            verdict: Verdict::Dropped,
            reason: Reason::EdgeToEdge,
            path: &["i-b", "rtb-b", "pcx-ab", "vpc-a"],
            return_path: None,
        },
        Case {
            name: "local route beats a more specific propagated one",
            json: overlap,
            from: "i-a",
            to: "10.0.5.10",
            verdict: Verdict::Dropped,
            reason: Reason::NoSuchHost,
            path: &["i-a", "rtb-a", "vpc-a"],
            return_path: None,
        },
        Case {
            name: "static beats propagated of equal length",
            json: static_wins,
            from: "i-a",
            to: "hq-pc",
            verdict: Verdict::Dropped,
            reason: Reason::TransitivePeering,
            path: &["i-a", "rtb-a", "pcx-ab", "vpc-b"],
            return_path: None,
        },
        Case {
            name: "detached VPN gateway",
            json: detached_vgw,
            from: "i-a",
            to: "hq-pc",
            verdict: Verdict::Dropped,
            reason: Reason::BlackholeRoute,
            path: &["i-a", "rtb-a", "vgw-a"],
            return_path: None,
        },
        Case {
            name: "on-prem local address nobody holds",
            json: BASE.into(),
            from: "i-a",
            to: "192.168.9.9",
            verdict: Verdict::Dropped,
            reason: Reason::NoSuchHost,
            path: &["i-a", "rtb-a", "vgw-a", "vpn-1", "cgw-hq", "onprem-hq"],
            return_path: None,
        },
    ];
    run(&cases);
}

#[test]
fn route_hops_show_why() {
    let s = common::scenario(&variant(
        BASE,
        r#""cidrs": ["192.168.0.0/16"]"#,
        r#""cidrs": ["192.168.0.0/16", "10.0.5.0/24"]"#,
    ));
    let t = vpc_engine::trace(&s, "i-a", "10.0.5.10").unwrap();
    let rt = &t.hops[1];
    assert!(rt.routes.iter().any(|r| r.chosen && r.target == "local"));
    assert!(rt.routes.iter().any(|r| !r.chosen
        && r.origin == vpc_engine::Origin::Propagated
        && r.destination == "10.0.5.0/24"));
    assert!(
        rt.note.contains("never overrides the local route"),
        "{}",
        rt.note
    );
    assert_eq!(
        rt.doc.as_deref(),
        Some(vpc_engine::docs::VPN_ROUTE_PRIORITY)
    );

    // Static over propagated at equal length.
    let s = common::scenario(&variant(
        BASE,
        r#"{"destination": "10.1.0.0/16", "target": "pcx-ab"}"#,
        r#"{"destination": "10.1.0.0/16", "target": "pcx-ab"}, {"destination": "192.168.0.0/16", "target": "pcx-ab"}"#,
    ));
    let t = vpc_engine::trace(&s, "i-a", "hq-pc").unwrap();
    assert!(
        t.hops[1]
            .note
            .contains("static route beats a propagated route"),
        "{}",
        t.hops[1].note
    );
    assert_eq!(
        t.hops[1].routes.len(),
        3,
        "default, static and propagated /16 all match"
    );

    let dx = common::scenario(&variant(BASE, NO_DX, DX));
    let t = vpc_engine::trace(&dx, "i-a", "hq-pc").unwrap();
    let vif = t.hops.iter().find(|h| h.at == "dxvif-1").unwrap();
    assert!(vif.note.contains("VLAN 101"), "{}", vif.note);
    let vgw = t.hops.iter().find(|h| h.at == "vgw-a").unwrap();
    assert!(
        vgw.note.contains("vpn-1"),
        "the VPN is named as considered: {}",
        vgw.note
    );

    let t = vpc_engine::trace(&common::scenario(BASE), "i-a", "hq-pc").unwrap();
    let vpn = t.hops.iter().find(|h| h.at == "vpn-1").unwrap();
    assert!(
        vpn.note.contains("IPsec") && vpn.note.contains("203.0.113.12"),
        "{}",
        vpn.note
    );

    // Over the internet, the source becomes the customer gateway's IP.
    let t = vpc_engine::trace(&common::scenario(BASE), "hq-pc", "8.8.8.8").unwrap();
    assert_eq!(t.path(), vec!["hq-pc", "onprem-hq", "cgw-hq", "internet"]);
    assert_eq!(
        t.hops.last().unwrap().src.map(|i| i.to_string()).as_deref(),
        Some("203.0.113.12")
    );
}
