//! The `vpcctl` contract, run as the real binary: output shape, exit codes, stdin.

use std::io::Write;
use std::process::{Command, Stdio};

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/scenarios/01-transitive-peering.json"
);

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn vpcctl(args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vpcctl"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("vpcctl runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

#[test]
fn validate_example_finds_nothing() {
    let r = vpcctl(&["validate", EXAMPLE], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(json(&r.stdout), serde_json::json!({"findings": []}));
}

#[test]
fn validate_exit_codes() {
    let overlap = include_str!("../scenarios/01-transitive-peering.json")
        .replace("10.2.0.0/16", "10.1.0.0/16");
    let overlap = overlap
        .replace("10.2.1.0/24", "10.1.1.0/24")
        .replace("10.2.1.10", "10.1.1.20");
    let r = vpcctl(&["validate", "-"], Some(&overlap));
    assert_eq!(r.code, 1, "error findings exit 1: {}", r.stdout);
    let v = json(&r.stdout);
    assert_eq!(v["findings"][0]["code"], "OVERLAPPING_CIDR");
    assert_eq!(v["findings"][0]["severity"], "error");
    // The JSON path of what the finding is about: the peering between the overlapping VPCs.
    assert_eq!(v["findings"][0]["path"], "peering_connections[1]");
    // The keys in the contract's order.
    let keys: Vec<usize> = ["severity", "code", "resource", "path", "message"]
        .iter()
        .map(|k| r.stdout.find(&format!("\"{k}\":")).expect("key present"))
        .collect();
    assert!(
        keys.windows(2).all(|w| w[0] < w[1]),
        "key order: {}",
        r.stdout
    );

    let bad = include_str!("../scenarios/01-transitive-peering.json")
        .replace("10.2.1.0/24", "10.2.300.0/24");
    let r = vpcctl(&["validate", "-"], Some(&bad));
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr.trim(),
        "vpcctl: subnets[2].cidr: \"10.2.300.0/24\" is not an IPv4 CIDR"
    );
    assert!(r.stdout.is_empty());

    let r = vpcctl(&["validate", "/no/such/file.json"], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with("vpcctl: /no/such/file.json: "),
        "{}",
        r.stderr
    );
}

#[test]
fn trace_example_is_transitive_drop() {
    let r = vpcctl(&["trace", EXAMPLE, "--from", "i-a", "--to", "i-c"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json(&r.stdout);
    assert_eq!(v["verdict"], "dropped");
    assert_eq!(v["reason"], "TRANSITIVE_PEERING");
    let path: Vec<&str> = v["hops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["at"].as_str().unwrap())
        .collect();
    assert_eq!(&path[..3], ["i-a", "rtb-a", "pcx-ab"]);
    for hop in v["hops"].as_array().unwrap() {
        for key in ["at", "action", "src", "dst", "note"] {
            assert!(hop.get(key).is_some(), "hop lacks {key}: {hop}");
        }
    }
    assert!(v["return_hops"].is_array());
}

#[test]
fn trace_unknown_source_and_usage_exit_2() {
    let r = vpcctl(&["trace", EXAMPLE, "--from", "i-zz", "--to", "i-c"], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with("vpcctl: ") && r.stderr.contains("i-zz"),
        "{}",
        r.stderr
    );
    let r = vpcctl(&["trace", EXAMPLE, "--from", "i-a"], None);
    assert_eq!(r.code, 2);
    let r = vpcctl(&["frobnicate"], None);
    assert_eq!(r.code, 2);
}

#[test]
fn reach_matrix_covers_every_ordered_pair() {
    let input = std::fs::read_to_string(EXAMPLE).unwrap();
    let r = vpcctl(&["reach", "-"], Some(&input));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json(&r.stdout);
    assert_eq!(v["nodes"], serde_json::json!(["i-a", "i-b", "i-c"]));
    for from in ["i-a", "i-b", "i-c"] {
        for to in ["i-a", "i-b", "i-c"] {
            let cell = &v["matrix"][from][to];
            if from == to {
                assert!(cell.is_null(), "no self pair");
            } else {
                assert!(
                    cell["verdict"].is_string() && cell["reason"].is_string(),
                    "{from}->{to}: {cell}"
                );
            }
        }
    }
    assert_eq!(v["matrix"]["i-a"]["i-b"]["verdict"], "delivered");
    assert_eq!(v["matrix"]["i-a"]["i-c"]["reason"], "TRANSITIVE_PEERING");
}

#[test]
fn import_prints_a_scenario_and_says_what_it_left_out() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/aws-export");
    let files: Vec<String> = [
        "describe-vpcs.json",
        "describe-subnets.json",
        "describe-route-tables.json",
        "describe-instances.json",
    ]
    .iter()
    .map(|f| format!("{dir}/{f}"))
    .collect();
    let args: Vec<&str> = std::iter::once("import")
        .chain(files.iter().map(String::as_str))
        .collect();
    let run = vpcctl(&args, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let s = vpc_engine::load(&run.stdout).expect("the printed scenario loads");
    assert_eq!(
        (s.vpcs.len(), s.subnets.len(), s.instances.len()),
        (3, 5, 5)
    );
    // Routes to gateways whose outputs were not given are named, with the command to add.
    assert!(
        run.stderr.contains("vpcctl: left out: rtb-0a1b2c3d4e5f60app: route 0.0.0.0/0 → nat-0a1b2c3d4e5f60001 is left out: nat-0a1b2c3d4e5f60001 is not in the import (add the output of aws ec2 describe-nat-gateways)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "vpcctl: imported 3 VPCs, 5 subnets, 5 route tables, 5 instances, 1 internet gateway\n"
        ),
        "{}",
        run.stderr
    );

    // Standard input works; broken JSON is exit 2 with the position.
    let run = vpcctl(&["import", "-"], Some("{\"Vpcs\": [\n  {'VpcId': 1}]}"));
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr.trim(),
        "vpcctl: -, line 2 column 4: not valid JSON: key must be a string"
    );
    let run = vpcctl(&["import"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("usage: "), "{}", run.stderr);
}

/// Format 2: a web server whose group admits HTTPS only, and a client in another subnet
/// (`docs/scenario-format.md` P1, C2, C4).
const FILTERED: &str = r#"{
  "format": "vpc-playground/2",
  "vpcs": [{"id": "vpc-a", "region": "us-east-1", "cidrs": ["10.0.0.0/16"]}],
  "subnets": [{"id": "subnet-a", "vpc": "vpc-a", "cidr": "10.0.1.0/24"},
              {"id": "subnet-b", "vpc": "vpc-a", "cidr": "10.0.2.0/24"}],
  "route_tables": [{"id": "rtb-a", "vpc": "vpc-a", "main": true}],
  "security_groups": [{"id": "sg-web", "vpc": "vpc-a",
    "ingress": [{"protocol": "tcp", "ports": "443", "source": "10.0.0.0/16"}]}],
  "instances": [{"id": "i-client", "subnet": "subnet-a", "private_ip": "10.0.1.10", "security_groups": ["sg-web"]},
                {"id": "i-web", "subnet": "subnet-b", "private_ip": "10.0.2.10", "security_groups": ["sg-web"]}]
}"#;

#[test]
fn trace_takes_the_packet() {
    let trace = |extra: &[&str]| {
        let mut args = vec!["trace", "-", "--from", "i-client", "--to", "i-web"];
        args.extend_from_slice(extra);
        vpcctl(&args, Some(FILTERED))
    };
    // Default packet: tcp 443 from 49152, in the JSON and on every hop.
    let r = trace(&[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json(&r.stdout);
    assert_eq!(v["verdict"], "delivered");
    assert_eq!(
        v["packet"],
        serde_json::json!({"protocol": "tcp", "port": 443, "src_port": 49152})
    );
    assert_eq!(v["hops"][0]["dst_port"], 443);
    assert_eq!(v["return_hops"][0]["dst_port"], 49152);
    // --port and --src-port, in any order, `=` too.
    let r = trace(&["--src-port=50000", "--port", "22", "--proto", "tcp"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json(&r.stdout);
    assert_eq!(v["reason"], "SECURITY_GROUP_DENY");
    assert_eq!(v["explanation_code"], "ENI_SG_RULES_MISMATCH");
    assert_eq!(v["packet"]["src_port"], 50000);
    assert_eq!(
        v["hops"].as_array().unwrap().last().unwrap()["at"],
        "sg-web"
    );
    // icmp: no ports anywhere.
    let v = json(&trace(&["--proto", "icmp"]).stdout);
    assert_eq!(v["reason"], "SECURITY_GROUP_DENY");
    assert_eq!(
        v["packet"],
        serde_json::json!({"protocol": "icmp", "port": null, "src_port": null})
    );
    assert!(v["hops"][0]["dst_port"].is_null());
}

#[test]
fn a_bad_packet_is_a_usage_error() {
    let cases: &[(&[&str], &str)] = &[
        (&["--proto", "icmp", "--port", "22"], "icmp has no ports"),
        (
            &["--proto", "icmp", "--src-port", "1024"],
            "icmp has no ports",
        ),
        (&["--port", "0"], "port 0 is not a port"),
        (&["--port", "65536"], "port 65536 is not a port"),
        (&["--src-port", "70000"], "src_port 70000 is not a port"),
        (&["--port", "ssh"], "\"ssh\" is not a port"),
        (&["--proto", "sctp"], "\"sctp\" is not a protocol"),
        (&["--port"], "--port needs a value"),
    ];
    // A file, not stdin: vpcctl refuses the flags before it reads any input.
    for (extra, message) in cases {
        let mut args = vec!["trace", EXAMPLE, "--from", "i-a", "--to", "i-c"];
        args.extend_from_slice(extra);
        let r = vpcctl(&args, None);
        assert_eq!(r.code, 2, "{extra:?}: {}", r.stdout);
        assert!(r.stdout.is_empty(), "{extra:?}");
        assert!(
            r.stderr.starts_with("vpcctl: ") && r.stderr.contains(message),
            "{extra:?}: {}",
            r.stderr
        );
    }
    // reach takes --proto and --port, not --src-port.
    let r = vpcctl(&["reach", EXAMPLE, "--src-port", "1024"], None);
    assert_eq!(r.code, 2, "{}", r.stdout);
}

#[test]
fn reach_takes_the_packet() {
    let reach = |extra: &[&str]| {
        let mut args = vec!["reach", "-"];
        args.extend_from_slice(extra);
        let r = vpcctl(&args, Some(FILTERED));
        assert_eq!(r.code, 0, "{}", r.stderr);
        json(&r.stdout)
    };
    let cell = |v: &serde_json::Value| v["matrix"]["i-client"]["i-web"]["reason"].clone();
    assert_eq!(cell(&reach(&[])), "DELIVERED");
    assert_eq!(cell(&reach(&["--port", "22"])), "SECURITY_GROUP_DENY");
    assert_eq!(
        cell(&reach(&["--proto", "udp", "--port", "443"])),
        "SECURITY_GROUP_DENY"
    );
    assert_eq!(cell(&reach(&["--proto=tcp", "--port=443"])), "DELIVERED");
}

#[test]
fn upgrade_prints_format_2_with_the_same_verdicts() {
    let r = vpcctl(&["upgrade", EXAMPLE], None);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (0, ""),
        "no verdict changes, no warning"
    );
    let v = json(&r.stdout);
    assert_eq!(v["format"], "vpc-playground/2");
    let groups: Vec<&str> = v["security_groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        groups,
        ["sg-default-vpc-a", "sg-default-vpc-b", "sg-default-vpc-c"]
    );
    // The same reach matrix; a format 2 input is printed as it was read.
    let before = vpcctl(&["reach", EXAMPLE], None);
    let after = vpcctl(&["reach", "-"], Some(&r.stdout));
    assert_eq!(json(&before.stdout), json(&after.stdout));
    let again = vpcctl(&["upgrade", "-"], Some(&r.stdout));
    assert_eq!((again.code, again.stdout.as_str()), (0, r.stdout.as_str()));
    let bad = vpcctl(&["upgrade", "-"], Some("{}"));
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.starts_with("vpcctl: format: "), "{}", bad.stderr);
}
