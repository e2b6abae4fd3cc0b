//! Internet gateway, NAT gateway, gateway and interface endpoints, names, loops.
mod common;
use common::{run, scenario, variant, Case};
use vpc_engine::{Reason, Verdict};

/// VPC A: public subnet (IGW route, NAT gateway, two instances) and private subnet (NAT route).
const BASE: &str = r#"{
  "vpcs": [{"id": "vpc-a", "region": "us-east-1", "cidrs": ["10.0.0.0/16"]}],
  "subnets": [
    {"id": "subnet-pub", "vpc": "vpc-a", "az": "us-east-1a", "cidr": "10.0.0.0/24"},
    {"id": "subnet-priv", "vpc": "vpc-a", "az": "us-east-1a", "cidr": "10.0.1.0/24"},
    {"id": "subnet-priv-b", "vpc": "vpc-a", "az": "us-east-1b", "cidr": "10.0.2.0/24"}],
  "route_tables": [
    {"id": "rtb-public", "vpc": "vpc-a", "subnets": ["subnet-pub"], "routes": [{"destination": "0.0.0.0/0", "target": "igw-a"}]},
    {"id": "rtb-private", "vpc": "vpc-a", "main": true, "subnets": ["subnet-priv", "subnet-priv-b"], "routes": [{"destination": "0.0.0.0/0", "target": "nat-a"}]}],
  "instances": [
    {"id": "i-web", "subnet": "subnet-pub", "private_ip": "10.0.0.10", "public_ip": "54.0.0.20"},
    {"id": "i-nopub", "subnet": "subnet-pub", "private_ip": "10.0.0.11"},
    {"id": "i-app", "subnet": "subnet-priv", "private_ip": "10.0.1.10"},
    {"id": "i-app-b", "subnet": "subnet-priv-b", "private_ip": "10.0.2.10"}],
  "internet_gateways": [{"id": "igw-a", "vpc": "vpc-a"}],
  "nat_gateways": [{"id": "nat-a", "subnet": "subnet-pub", "private_ip": "10.0.0.5", "public_ip": "54.0.0.10"}],
  "vpc_endpoints": [],
  "internet_hosts": [{"id": "example", "name": "example.com", "ip": "93.184.216.34"}]
}"#;

fn with_endpoints(eps: &str) -> String {
    variant(
        BASE,
        r#""vpc_endpoints": []"#,
        &format!(r#""vpc_endpoints": [{eps}]"#),
    )
}

const S3_GW: &str = r#"{"id": "vpce-s3", "vpc": "vpc-a", "type": "gateway", "service": "com.amazonaws.us-east-1.s3", "route_tables": ["rtb-private"]}"#;
const S3_GW_ALLOW: &str = r#"{"id": "vpce-s3", "vpc": "vpc-a", "type": "gateway", "service": "com.amazonaws.us-east-1.s3", "route_tables": ["rtb-private"], "policy": {"allow": ["arn:aws:s3:::bucket-a", "arn:aws:s3:::bucket-a/*", "arn:aws:s3:::logs-*"]}}"#;
const KDS: &str = r#"{"id": "vpce-kds", "vpc": "vpc-a", "type": "interface", "service": "com.amazonaws.us-east-1.kinesis-streams", "subnets": ["subnet-priv", "subnet-priv-b"], "private_ips": ["10.0.1.20", "10.0.2.20"]}"#;

const S3: &str = "com.amazonaws.us-east-1.s3";
const KINESIS: &str = "com.amazonaws.us-east-1.kinesis-streams";

#[test]
fn gateway_table() {
    let kds_no_dns = KDS.replace(r#""private_ips""#, r#""private_dns": false, "private_ips""#);
    let kds_deny = KDS.replace(
        r#""private_ips""#,
        r#""policy": {"allow": ["arn:aws:s3:::bucket-a"]}, "private_ips""#,
    );
    let detached = variant(
        BASE,
        r#"{"id": "igw-a", "vpc": "vpc-a"}"#,
        r#"{"id": "igw-a", "vpc": null}"#,
    );
    // NAT gateway in a subnet whose table has no route to the internet.
    let nat_private = variant(
        BASE,
        r#""subnet": "subnet-pub", "private_ip": "10.0.0.5""#,
        r#""subnet": "subnet-iso", "private_ip": "10.0.3.5""#,
    );
    let nat_private = variant(
        &nat_private,
        r#"{"id": "subnet-priv-b""#,
        r#"{"id": "subnet-iso", "vpc": "vpc-a", "cidr": "10.0.3.0/24"},
    {"id": "subnet-priv-b""#,
    );
    let nat_private = variant(
        &nat_private,
        r#"{"id": "rtb-public""#,
        r#"{"id": "rtb-iso", "vpc": "vpc-a", "subnets": ["subnet-iso"]},
    {"id": "rtb-public""#,
    );
    // NAT gateway in the private subnet, whose table routes back to it.
    let nat_self = variant(
        BASE,
        r#""subnet": "subnet-pub", "private_ip": "10.0.0.5""#,
        r#""subnet": "subnet-priv", "private_ip": "10.0.1.5""#,
    );
    // Two NAT gateways routing to each other.
    let nat_pair = variant(
        &nat_self,
        r#"{"destination": "0.0.0.0/0", "target": "igw-a"}"#,
        r#"{"destination": "0.0.0.0/0", "target": "nat-b"}"#,
    );
    let nat_pair = variant(
        &nat_pair,
        r#""nat_gateways": ["#,
        r#""nat_gateways": [{"id": "nat-b", "subnet": "subnet-priv-b", "private_ip": "10.0.2.6", "public_ip": "54.0.0.11"},"#,
    );
    let nat_pair = variant(
        &nat_pair,
        r#""subnets": ["subnet-pub"]"#,
        r#""subnets": ["subnet-pub", "subnet-priv"]"#,
    );
    let nat_pair = variant(
        &nat_pair,
        r#""subnets": ["subnet-priv", "subnet-priv-b"]"#,
        r#""subnets": ["subnet-priv-b"]"#,
    );
    let cases = vec![
        Case {
            name: "private subnet to S3 through the NAT",
            json: BASE.into(),
            from: "i-app",
            to: "s3.us-east-1.amazonaws.com",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &[
                "i-app",
                "i-app",
                "rtb-private",
                "nat-a",
                "rtb-public",
                "igw-a",
                S3,
            ],
            return_path: Some(&[]),
        },
        Case {
            name: "private subnet to S3 through the gateway endpoint",
            json: with_endpoints(S3_GW),
            from: "i-app",
            to: "s3.us-east-1.amazonaws.com",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["i-app", "i-app", "rtb-private", "vpce-s3", S3],
            return_path: None,
        },
        Case {
            name: "endpoint policy allows bucket-a",
            json: with_endpoints(S3_GW_ALLOW),
            from: "i-app",
            to: "bucket-a.s3.us-east-1.amazonaws.com",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["i-app", "i-app", "rtb-private", "vpce-s3", S3],
            return_path: None,
        },
        Case {
            name: "endpoint policy wildcard allows logs-2024",
            json: with_endpoints(S3_GW_ALLOW),
            from: "i-app",
            to: "logs-2024.s3.us-east-1.amazonaws.com",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["i-app", "i-app", "rtb-private", "vpce-s3", S3],
            return_path: None,
        },
        Case {
            name: "endpoint policy denies bucket-b",
            json: with_endpoints(S3_GW_ALLOW),
            from: "i-app",
            to: "bucket-b.s3.us-east-1.amazonaws.com",
            verdict: Verdict::Dropped,
            reason: Reason::EndpointPolicyDeny,
            path: &["i-app", "i-app", "rtb-private", "vpce-s3"],
            return_path: None,
        },
        Case {
            name: "allow-list denies a request naming no bucket",
            json: with_endpoints(S3_GW_ALLOW),
            from: "i-app",
            to: "s3.us-east-1.amazonaws.com",
            verdict: Verdict::Dropped,
            reason: Reason::EndpointPolicyDeny,
            path: &["i-app", "i-app", "rtb-private", "vpce-s3"],
            return_path: None,
        },
        Case {
            name: "public subnet ignores the endpoint (not in its table)",
            json: with_endpoints(S3_GW),
            from: "i-web",
            to: "52.216.8.8",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["i-web", "rtb-public", "igw-a", S3],
            return_path: None,
        },
        Case {
            name: "interface endpoint with private DNS",
            json: with_endpoints(KDS),
            from: "i-app",
            to: "kinesis.us-east-1.amazonaws.com",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["i-app", "i-app", "rtb-private", "vpce-kds", KINESIS],
            return_path: None,
        },
        Case {
            name: "interface endpoint without private DNS: public name goes out the NAT",
            json: with_endpoints(&kds_no_dns),
            from: "i-app",
            to: "kinesis.us-east-1.amazonaws.com",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &[
                "i-app",
                "i-app",
                "rtb-private",
                "nat-a",
                "rtb-public",
                "igw-a",
                KINESIS,
            ],
            return_path: None,
        },
        Case {
            name: "interface endpoint by id",
            json: with_endpoints(&kds_no_dns),
            from: "i-app-b",
            to: "vpce-kds",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["i-app-b", "i-app-b", "rtb-private", "vpce-kds", KINESIS],
            return_path: None,
        },
        Case {
            name: "interface endpoint policy denies",
            json: with_endpoints(&kds_deny),
            from: "i-app",
            to: "kinesis.us-east-1.amazonaws.com",
            verdict: Verdict::Dropped,
            reason: Reason::EndpointPolicyDeny,
            path: &["i-app", "i-app", "rtb-private", "vpce-kds"],
            return_path: None,
        },
        Case {
            name: "public instance to the internet",
            json: BASE.into(),
            from: "i-web",
            to: "8.8.8.8",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["i-web", "rtb-public", "igw-a", "internet"],
            return_path: Some(&[]),
        },
        Case {
            name: "documentation range is public",
            json: BASE.into(),
            from: "i-web",
            to: "198.51.100.7",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["i-web", "rtb-public", "igw-a", "internet"],
            return_path: None,
        },
        Case {
            name: "internet host by name",
            json: BASE.into(),
            from: "i-app",
            to: "example.com",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &[
                "i-app",
                "i-app",
                "rtb-private",
                "nat-a",
                "rtb-public",
                "igw-a",
                "example",
            ],
            return_path: None,
        },
        Case {
            name: "private address on the internet",
            json: BASE.into(),
            from: "i-web",
            to: "172.20.0.1",
            verdict: Verdict::Dropped,
            reason: Reason::NoRoute,
            path: &["i-web", "rtb-public", "igw-a", "internet"],
            return_path: None,
        },
        Case {
            name: "public subnet, no public IP",
            json: BASE.into(),
            from: "i-nopub",
            to: "8.8.8.8",
            verdict: Verdict::Dropped,
            reason: Reason::NoPublicIp,
            path: &["i-nopub", "rtb-public", "igw-a"],
            return_path: None,
        },
        Case {
            name: "internet host to an instance's public IP, reply back",
            json: BASE.into(),
            from: "example",
            to: "i-web",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["example", "igw-a", "i-web"],
            return_path: Some(&["i-web", "rtb-public", "igw-a", "example"]),
        },
        Case {
            name: "internet host to an instance without public IP",
            json: BASE.into(),
            from: "example",
            to: "i-app",
            verdict: Verdict::Dropped,
            reason: Reason::NoPublicIp,
            path: &["example", "i-app"],
            return_path: None,
        },
        Case {
            name: "instance to another instance's public IP through the NAT, reply through both",
            json: BASE.into(),
            from: "i-app",
            to: "54.0.0.20",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &[
                "i-app",
                "rtb-private",
                "nat-a",
                "rtb-public",
                "igw-a",
                "igw-a",
                "i-web",
            ],
            return_path: Some(&[
                "i-web",
                "rtb-public",
                "igw-a",
                "igw-a",
                "nat-a",
                "rtb-public",
                "i-app",
            ]),
        },
        Case {
            name: "unsolicited traffic to a NAT gateway",
            json: BASE.into(),
            from: "example",
            to: "54.0.0.10",
            verdict: Verdict::Dropped,
            reason: Reason::NoRoute,
            path: &["example", "igw-a", "nat-a"],
            return_path: None,
        },
        Case {
            name: "detached internet gateway",
            json: detached,
            from: "i-web",
            to: "8.8.8.8",
            verdict: Verdict::Dropped,
            reason: Reason::BlackholeRoute,
            path: &["i-web", "rtb-public", "igw-a"],
            return_path: None,
        },
        Case {
            name: "NAT gateway in a subnet without internet route",
            json: nat_private,
            from: "i-app",
            to: "8.8.8.8",
            verdict: Verdict::Dropped,
            reason: Reason::NoRoute,
            path: &["i-app", "rtb-private", "nat-a", "rtb-iso"],
            return_path: None,
        },
        Case {
            name: "NAT gateway routing to itself",
            json: nat_self,
            from: "i-app",
            to: "8.8.8.8",
            verdict: Verdict::Dropped,
            reason: Reason::RoutingLoop,
            path: &["i-app", "rtb-private", "nat-a", "rtb-private", "nat-a"],
            return_path: None,
        },
        Case {
            name: "two NAT gateways routing to each other",
            json: nat_pair,
            from: "i-app-b",
            to: "8.8.8.8",
            verdict: Verdict::Dropped,
            reason: Reason::RoutingLoop,
            path: &[
                "i-app-b",
                "rtb-private",
                "nat-a",
                "rtb-public",
                "nat-b",
                "rtb-private",
                "nat-a",
            ],
            return_path: None,
        },
        Case {
            name: "unresolvable name",
            json: BASE.into(),
            from: "i-app",
            to: "nosuch.example.org",
            verdict: Verdict::Dropped,
            reason: Reason::UnresolvableName,
            path: &["i-app"],
            return_path: Some(&[]),
        },
        Case {
            name: "a gateway endpoint id is not a destination",
            json: with_endpoints(S3_GW),
            from: "i-app",
            to: "vpce-s3",
            verdict: Verdict::Dropped,
            reason: Reason::UnresolvableName,
            path: &["i-app"],
            return_path: None,
        },
        Case {
            name: "local address nobody holds",
            json: BASE.into(),
            from: "i-app",
            to: "10.0.2.99",
            verdict: Verdict::Dropped,
            reason: Reason::NoSuchHost,
            path: &["i-app", "rtb-private", "subnet-priv-b"],
            return_path: None,
        },
        Case {
            name: "instance to instance inside the VPC, reply back",
            json: BASE.into(),
            from: "i-app",
            to: "i-web",
            verdict: Verdict::Delivered,
            reason: Reason::Delivered,
            path: &["i-app", "rtb-private", "i-web"],
            return_path: Some(&["i-web", "rtb-public", "i-app"]),
        },
    ];
    run(&cases);
}

/// The seed lesson: adding a gateway endpoint moves S3 traffic from the NAT's public IP to
/// the instance's private IP.
#[test]
fn gateway_endpoint_changes_the_source_seen_by_s3() {
    let before = vpc_engine::trace(&scenario(BASE), "i-app", "s3.us-east-1.amazonaws.com").unwrap();
    let after = vpc_engine::trace(
        &scenario(&with_endpoints(S3_GW)),
        "i-app",
        "s3.us-east-1.amazonaws.com",
    )
    .unwrap();
    let src = |t: &vpc_engine::Trace| t.hops.last().and_then(|h| h.src).map(|ip| ip.to_string());
    assert_eq!(src(&before).as_deref(), Some("54.0.0.10"));
    assert_eq!(src(&after).as_deref(), Some("10.0.1.10"));
    let d = vpc_engine::diff::diff(&before, &after);
    assert!(!d.is_empty());
    assert!(
        d.changes
            .iter()
            .any(|c| c.contains("54.0.0.10") && c.contains("10.0.1.10")),
        "{:?}",
        d.changes
    );
    assert!(vpc_engine::diff::diff(&after, &after).is_empty());
}

#[test]
fn prefix_list_routes_show_the_list_and_the_entry() {
    let ddb = r#"{"id": "vpce-ddb", "vpc": "vpc-a", "type": "gateway", "service": "com.amazonaws.us-east-1.dynamodb", "route_tables": ["rtb-private"]}"#;
    let s = scenario(&with_endpoints(ddb));
    let t = vpc_engine::trace(&s, "i-app", "dynamodb.us-east-1.amazonaws.com").unwrap();
    assert_eq!(
        t.path(),
        vec![
            "i-app",
            "i-app",
            "rtb-private",
            "vpce-ddb",
            "com.amazonaws.us-east-1.dynamodb"
        ]
    );
    let rt = serde_json::to_value(&t.hops[2]).unwrap();
    let routes = rt["routes"].as_array().unwrap();
    // 0.0.0.0/0 to the NAT matched too, but the /22 prefix-list entry is longer.
    assert_eq!(routes.len(), 2, "{rt}");
    let pl = routes.iter().find(|r| r["chosen"] == true).unwrap();
    assert_eq!(pl["destination"], "pl-02cd2c6b");
    assert_eq!(pl["prefix"], "52.94.0.0/22");
    assert_eq!(pl["origin"], "prefix-list");
    assert_eq!(pl["target"], "vpce-ddb");
    // Replies are not traced for a service.
    assert!(t.return_hops.is_empty());
}

#[test]
fn resolution_is_the_first_hop_and_picks_the_source_az() {
    let s = scenario(&with_endpoints(KDS));
    for (from, want) in [
        ("i-app", "10.0.1.20"),
        ("i-app-b", "10.0.2.20"),
        ("i-web", "10.0.1.20"),
    ] {
        let t = vpc_engine::trace(&s, from, "kinesis.us-east-1.amazonaws.com").unwrap();
        assert_eq!(t.hops[0].action, vpc_engine::Action::Resolve);
        assert_eq!(
            t.hops[0].dst.map(|d| d.to_string()).as_deref(),
            Some(want),
            "{from}"
        );
    }
    // The IGW hop shows the translation to the public IP.
    let t = vpc_engine::trace(&s, "i-web", "8.8.8.8").unwrap();
    let igw = t.hops.iter().find(|h| h.at == "igw-a").unwrap();
    assert_eq!(igw.action, vpc_engine::Action::Translate);
    assert_eq!(igw.src.map(|d| d.to_string()).as_deref(), Some("54.0.0.20"));
}
