//! The scenario library against the format reference: every document loads, validates as its lesson
//! says, and its lesson trace gives the verdict, reason code and hop path worked out by hand
//! from the forwarding rules of `docs/scenario-format.md` (F0-F8).
//!
//! Path conventions used in the table (the hop list of F0.2, in order):
//! - the source; each route table consulted; NAT gateway; internet gateway; peering; VPN
//!   gateway; the VPN connection or DX virtual interface; the on-prem side; an endpoint; the
//!   destination (instance, on-prem host, or `com.amazonaws.REGION.SERVICE`).
//! - The on-prem side: a packet leaving on-premises gets a hop at the on-prem network (its
//!   routing decision, F6, like a route table) and then, over a VPN, at the customer
//!   gateway; one arriving there over a VPN is handed over by the customer gateway, over
//!   Direct Connect by the on-prem network, straight to the host.
//! - A packet that arrives over a peering, VPN or DX into a VPC is delivered by the VPC's
//!   local routing: no route-table hop on the receiving side. When such a packet may not be
//!   delivered (F4.3, F5.1), the drop hop is at the receiving VPC (the main route table the
//!   engine consults to name the reason is only "considered", so it is not in the path).
//! - A destination given as a name or an endpoint id is resolved in a hop of its own at the
//!   source (action `resolve`), before the source's forwarding hop.
//! - A route to an inactive peering drops at the peering; VPN_DOWN drops at the VPN connection.
//! - Replies are traced only to instances and on-prem hosts (F7); a dropped request has
//!   no reply. In format 2 (F11) every delivered packet's reply is traced.
//! - Format 2 (F9-F12): the sender's security group after the source, the ACL of each
//!   subnet boundary crossed after the route table, the receiver's group before it; an
//!   implicit default group or ACL is named `VPCID:default-sg` / `VPCID:default-acl`.

use std::collections::BTreeSet;
use vpc_engine::finding::{FindingCode, Severity};
use vpc_engine::library::{LIBRARY, WELCOME, WELCOME_JSON};
use vpc_engine::model::{Format, Scenario};
use vpc_engine::trace::trace_packet;
use vpc_engine::verdict::{Action, Reason, Verdict};
use vpc_engine::{load, validate};

use FindingCode::*;
use Reason::*;
use Verdict::Dropped;

/// One library scenario's expected lesson trace.
struct Expect {
    slug: &'static str,
    verdict: Verdict,
    reason: Reason,
    path: &'static [&'static str],
    /// The reply's path; `None` leaves it unchecked.
    return_path: Option<&'static [&'static str]>,
    /// Error-severity finding codes `validate` must report (and no others).
    errors: &'static [FindingCode],
}

const NONE: Option<&[&str]> = Some(&[]);

#[rustfmt::skip]
const EXPECTED: &[Expect] = &[
    Expect { slug: "transitive-peering", verdict: Dropped, reason: TransitivePeering,
        path: &["i-a", "rtb-a", "pcx-ab", "vpc-b"], return_path: NONE, errors: &[] },
    Expect { slug: "full-mesh", verdict: Verdict::Delivered, reason: Reason::Delivered,
        path: &["i-a", "rtb-a", "pcx-ac", "i-c"],
        return_path: Some(&["i-c", "rtb-c", "pcx-ac", "i-a"]), errors: &[] },
    Expect { slug: "overlapping-cidrs", verdict: Dropped, reason: PeeringNotActive,
        path: &["i-orders", "rtb-orders", "pcx-orders-billing"], return_path: NONE,
        errors: &[OverlappingCidr] },
    Expect { slug: "pending-peering", verdict: Dropped, reason: PeeringNotActive,
        path: &["i-web", "rtb-web", "pcx-web-partner"], return_path: NONE, errors: &[] },
    Expect { slug: "expired-peering", verdict: Dropped, reason: PeeringNotActive,
        path: &["i-app", "rtb-app", "pcx-vendor"], return_path: NONE, errors: &[] },
    Expect { slug: "missing-return-route", verdict: Dropped, reason: NoReturnRoute,
        path: &["i-web", "rtb-web", "pcx-web-reporting", "i-reporting"],
        return_path: Some(&["i-reporting", "rtb-reporting"]), errors: &[] },
    Expect { slug: "overlapping-peers-lpm", verdict: Dropped, reason: NoReturnRoute,
        path: &["i-dev", "rtb-dev", "pcx-hub-dev", "i-hub"],
        return_path: Some(&["i-hub", "rtb-hub", "pcx-hub-test", "i-test"]), errors: &[] },
    Expect { slug: "peer-internet-gateway", verdict: Dropped, reason: EdgeToEdge,
        path: &["i-app", "rtb-app", "pcx-app-egress", "vpc-egress"], return_path: NONE, errors: &[] },
    Expect { slug: "peer-nat-gateway", verdict: Dropped, reason: EdgeToEdge,
        path: &["i-worker", "rtb-workload", "pcx-workload-network", "vpc-network"],
        return_path: NONE, errors: &[] },
    Expect { slug: "peer-s3-endpoint", verdict: Dropped, reason: EdgeToEdge,
        path: &["i-notebook", "i-notebook", "rtb-analytics", "pcx-analytics-data", "vpc-data"],
        return_path: NONE, errors: &[] },
    Expect { slug: "s3-gateway-endpoint", verdict: Verdict::Delivered, reason: Reason::Delivered,
        path: &["i-app", "i-app", "rtb-private", "vpce-s3", "com.amazonaws.us-east-1.s3"],
        return_path: NONE, errors: &[] },
    Expect { slug: "s3-through-nat", verdict: Verdict::Delivered, reason: Reason::Delivered,
        path: &["i-etl", "i-etl", "rtb-private", "nat-etl", "rtb-public", "igw-etl", "com.amazonaws.us-west-2.s3"],
        return_path: NONE, errors: &[] },
    Expect { slug: "endpoint-policy-deny", verdict: Dropped, reason: EndpointPolicyDeny,
        path: &["i-app", "i-app", "rtb-private", "vpce-s3"], return_path: NONE, errors: &[] },
    Expect { slug: "vpn-route-propagation", verdict: Verdict::Delivered, reason: Reason::Delivered,
        path: &["i-app", "rtb-app", "vgw-app", "vpn-hq", "cgw-hq", "hq-files"],
        return_path: Some(&["hq-files", "onprem-hq", "cgw-hq", "vpn-hq", "vgw-app", "i-app"]), errors: &[] },
    Expect { slug: "vpn-no-propagation", verdict: Dropped, reason: NoReturnRoute,
        path: &["hq-admin", "onprem-hq", "cgw-hq", "vpn-hq", "vgw-app", "i-app"],
        return_path: Some(&["i-app", "rtb-app"]), errors: &[] },
    Expect { slug: "vpn-tunnels-down", verdict: Dropped, reason: VpnDown,
        path: &["i-payments", "rtb-payments", "vgw-payments", "vpn-hq"], return_path: NONE, errors: &[] },
    Expect { slug: "interface-endpoint-onprem", verdict: Verdict::Delivered, reason: Reason::Delivered,
        path: &["hq-collector", "hq-collector", "onprem-hq", "cgw-hq", "vpn-hq", "vgw-ingest", "vpce-kinesis",
                "com.amazonaws.us-east-1.kinesis-streams"],
        return_path: NONE, errors: &[] },
    Expect { slug: "dx-preferred-over-vpn", verdict: Verdict::Delivered, reason: Reason::Delivered,
        path: &["i-shop", "rtb-shop", "vgw-shop", "dxvif-shop", "onprem-hq", "hq-erp"],
        return_path: Some(&["hq-erp", "onprem-hq", "dxvif-shop", "vgw-shop", "i-shop"]), errors: &[] },
    Expect { slug: "dx-public-vif-s3", verdict: Verdict::Delivered, reason: Reason::Delivered,
        path: &["hq-backup", "hq-backup", "onprem-hq", "dxvif-public", "com.amazonaws.us-east-1.s3"],
        return_path: NONE, errors: &[] },
    Expect { slug: "static-beats-propagated", verdict: Verdict::Delivered, reason: Reason::Delivered,
        path: &["i-app", "rtb-app", "pcx-app-dr", "i-dr-erp"],
        return_path: Some(&["i-dr-erp", "rtb-dr", "pcx-app-dr", "i-app"]), errors: &[] },
    Expect { slug: "local-route-wins", verdict: Verdict::Delivered, reason: Reason::Delivered,
        path: &["i-app", "rtb-build", "i-runner"],
        return_path: Some(&["i-runner", "rtb-build", "i-app"]), errors: &[] },
    // Format 2 (F9-F12): filter hops at the groups and at every subnet boundary's ACL.
    Expect { slug: "default-security-group", verdict: Dropped, reason: SecurityGroupDeny,
        path: &["i-web", "sg-web", "rtb-app", "vpc-shop:default-sg"], return_path: NONE, errors: &[] },
    Expect { slug: "nacl-ephemeral-ports", verdict: Dropped, reason: NaclDeny,
        path: &["i-app", "i-app", "sg-app", "rtb-private", "vpc-app:default-acl", "acl-public", "nat-app",
                "rtb-public", "acl-public", "igw-app", "repo"],
        return_path: Some(&["repo", "igw-app", "acl-public"]), errors: &[] },
    Expect { slug: "nacl-rule-order", verdict: Dropped, reason: NaclDeny,
        path: &["i-suspect", "sg-tools", "rtb-corp", "vpc-corp:default-acl", "acl-web"],
        return_path: NONE, errors: &[] },
    Expect { slug: "endpoint-security-group", verdict: Dropped, reason: SecurityGroupDeny,
        path: &["i-worker", "i-worker", "sg-worker", "rtb-data", "vpc-data:default-acl", "vpc-data:default-acl",
                "sg-endpoints"],
        return_path: NONE, errors: &[] },
    Expect { slug: "stateful-vs-stateless", verdict: Dropped, reason: NaclDeny,
        path: &["i-client", "sg-client", "rtb-lab", "vpc-lab:default-acl", "acl-server", "sg-server", "i-server"],
        return_path: Some(&["i-server", "sg-server", "rtb-lab", "acl-server"]), errors: &[] },
    Expect { slug: "security-group-reference-peering", verdict: Dropped, reason: SecurityGroupDeny,
        path: &["i-app", "sg-app", "rtb-app", "vpc-app:default-acl", "pcx-app-db", "vpc-db:default-acl", "sg-db"],
        return_path: NONE, errors: &[] },
    // Transit gateways (T5-T9): the attachment and its associated route table on the way
    // in, the exit attachment and its subnet's route table on the way out, the ACLs of the
    // attachment subnets; no hop for the transit gateway itself.
    Expect { slug: "transit-gateway-hub", verdict: Verdict::Delivered, reason: Reason::Delivered,
        path: &["i-a", "sg-app", "rtb-a", "vpc-a:default-acl", "vpc-a:default-acl", "tgw-attach-a",
                "tgw-rtb-main", "tgw-attach-c", "rtb-c", "vpc-c:default-acl", "acl-c", "sg-db", "i-c"],
        return_path: Some(&["i-c", "sg-db", "rtb-c", "acl-c", "vpc-c:default-acl", "tgw-attach-c",
                "tgw-rtb-main", "tgw-attach-a", "rtb-a", "vpc-a:default-acl", "vpc-a:default-acl",
                "sg-app", "i-a"]), errors: &[] },
    Expect { slug: "tgw-segmentation", verdict: Dropped, reason: NoRoute,
        path: &["i-dev", "sg-dev", "rtb-dev", "vpc-dev:default-acl", "vpc-dev:default-acl",
                "tgw-attach-dev", "tgw-rtb-dev"], return_path: NONE, errors: &[] },
    Expect { slug: "tgw-centralized-egress", verdict: Verdict::Delivered, reason: Reason::Delivered,
        path: &["i-app1", "vpc-app1:default-sg", "rtb-app1", "vpc-app1:default-acl", "vpc-app1:default-acl",
                "tgw-attach-app1", "tgw-rtb-spokes", "tgw-attach-egress", "rtb-e-tgw",
                "vpc-egress:default-acl", "vpc-egress:default-acl", "nat-egress", "rtb-nat",
                "vpc-egress:default-acl", "igw-egress", "repo"],
        return_path: Some(&["repo", "igw-egress", "vpc-egress:default-acl", "nat-egress", "rtb-nat",
                "vpc-egress:default-acl", "vpc-egress:default-acl", "tgw-attach-egress", "tgw-rtb-egress",
                "tgw-attach-app1", "rtb-app1", "vpc-app1:default-sg", "i-app1"]), errors: &[] },
    Expect { slug: "tgw-az-attachment", verdict: Dropped, reason: TgwNoAttachmentInAz,
        path: &["i-app-b", "sg-app", "rtb-app", "vpc-app:default-acl", "tgw-attach-app"],
        return_path: NONE, errors: &[] },
    Expect { slug: "tgw-vpn-onprem", verdict: Verdict::Delivered, reason: Reason::Delivered,
        path: &["hq-analyst", "onprem-hq", "cgw-hq", "vpn-hq", "tgw-attach-hq", "tgw-rtb-main",
                "tgw-attach-data", "rtb-data", "vpc-data:default-acl", "vpc-data:default-acl", "sg-data", "i-data"],
        return_path: Some(&["i-data", "sg-data", "rtb-data", "vpc-data:default-acl", "vpc-data:default-acl",
                "tgw-attach-data", "tgw-rtb-main", "tgw-attach-hq", "vpn-hq", "cgw-hq", "hq-analyst"]),
        errors: &[] },
    Expect { slug: "tgw-blackhole", verdict: Dropped, reason: BlackholeRoute,
        path: &["i-app", "sg-app", "rtb-app", "vpc-app:default-acl", "vpc-app:default-acl",
                "tgw-attach-app", "tgw-rtb-main"], return_path: NONE, errors: &[] },
    Expect { slug: "tgw-peering-regions", verdict: Verdict::Delivered, reason: Reason::Delivered,
        path: &["i-us", "sg-us", "rtb-us", "vpc-us:default-acl", "vpc-us:default-acl", "tgw-attach-us",
                "tgw-rtb-us", "tgw-attach-us-eu", "tgw-rtb-eu", "tgw-attach-eu", "rtb-eu",
                "vpc-eu:default-acl", "vpc-eu:default-acl", "sg-eu", "i-eu"],
        return_path: Some(&["i-eu", "sg-eu", "rtb-eu", "vpc-eu:default-acl", "vpc-eu:default-acl",
                "tgw-attach-eu", "tgw-rtb-eu", "tgw-attach-us-eu", "tgw-rtb-us", "tgw-attach-us", "rtb-us",
                "vpc-us:default-acl", "vpc-us:default-acl", "sg-us", "i-us"]), errors: &[] },
];

fn expected(slug: &str) -> &'static Expect {
    EXPECTED
        .iter()
        .find(|e| e.slug == slug)
        .unwrap_or_else(|| panic!("{slug}: no expectation in the table"))
}

fn parsed(json: &str, slug: &str) -> Scenario {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{slug}: {e}"))
}

#[test]
fn every_document_deserializes_as_format_1_or_2() {
    assert!(
        LIBRARY.len() >= 16,
        "the library has {} scenarios",
        LIBRARY.len()
    );
    for entry in LIBRARY {
        let s = parsed(entry.json(), entry.slug);
        assert!(Format::ALL.contains(&s.format), "{}", entry.slug);
        assert_eq!(
            s.name.as_deref(),
            Some(entry.title),
            "{}: title",
            entry.slug
        );
        assert!(s.description.is_some(), "{}: description", entry.slug);
        assert!(!entry.summary.is_empty(), "{}: summary", entry.slug);
    }
}

#[test]
fn every_scenario_has_a_lesson_whose_trace_starts_at_a_source_of_it() {
    for entry in LIBRARY {
        let s = parsed(entry.json(), entry.slug);
        let lesson = s
            .lesson
            .as_ref()
            .unwrap_or_else(|| panic!("{}: no lesson", entry.slug));
        assert!(!lesson.question.is_empty(), "{}: question", entry.slug);
        assert!(!lesson.answer.is_empty(), "{}: answer", entry.slug);
        let t = lesson
            .trace
            .as_ref()
            .unwrap_or_else(|| panic!("{}: lesson without a trace", entry.slug));
        let sources: BTreeSet<&str> = s
            .instances
            .iter()
            .map(|i| i.id.as_str())
            .chain(
                s.onprem_networks
                    .iter()
                    .flat_map(|n| n.hosts.iter().map(|h| h.id.as_str())),
            )
            .chain(s.internet_hosts.iter().map(|h| h.id.as_str()))
            .collect();
        assert!(
            sources.contains(t.from.as_str()),
            "{}: from {:?}",
            entry.slug,
            t.from
        );
        assert!(!t.to.is_empty(), "{}: to", entry.slug);
    }
}

#[test]
fn library_order_slugs_and_files_agree() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("scenarios directory")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    files.sort();
    let listed: Vec<String> = LIBRARY
        .iter()
        .enumerate()
        .map(|(i, e)| format!("{:02}-{}.json", i + 1, e.slug))
        .collect();
    assert_eq!(
        files, listed,
        "every file is listed once, numbered in library order"
    );
    for (file, entry) in files.iter().zip(LIBRARY) {
        // The app fetches `scenarios/{entry.file}` from the site: the same file.
        assert_eq!(file, entry.file, "{} names its file", entry.slug);
        let on_disk = std::fs::read_to_string(format!("{dir}/{file}")).expect("readable");
        assert_eq!(on_disk, entry.json(), "{file} is the entry's document");
    }
    assert_eq!(
        WELCOME, LIBRARY[0],
        "the welcome lesson is the library's first"
    );
    assert_eq!(
        WELCOME_JSON,
        WELCOME.json(),
        "and its own constant is its document"
    );
    let table: Vec<&str> = EXPECTED.iter().map(|e| e.slug).collect();
    let slugs: Vec<&str> = LIBRARY.iter().map(|e| e.slug).collect();
    assert_eq!(
        table, slugs,
        "the expectation table covers the library in order"
    );
}

#[test]
fn expected_paths_name_resources_of_their_scenario() {
    for entry in LIBRARY {
        let s = parsed(entry.json(), entry.slug);
        let mut ids: BTreeSet<String> = s.all_ids().into_iter().map(str::to_string).collect();
        // Format 2's implicit default group and ACL of each VPC (N5).
        for v in &s.vpcs {
            ids.insert(format!("{}:default-sg", v.id));
            ids.insert(format!("{}:default-acl", v.id));
        }
        let e = expected(entry.slug);
        for at in e.path.iter().chain(e.return_path.unwrap_or(&[]).iter()) {
            assert!(
                ids.contains(*at) || at.starts_with("com.amazonaws.") || *at == "internet",
                "{}: {at:?} is not in the scenario",
                entry.slug
            );
        }
    }
}

#[test]
fn every_scenario_loads_and_validates_as_its_lesson_says() {
    for entry in LIBRARY {
        let s = load(entry.json()).unwrap_or_else(|e| panic!("{}: {e}", entry.slug));
        let errors: Vec<FindingCode> = validate(&s)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.code)
            .collect();
        assert_eq!(errors, expected(entry.slug).errors, "{}", entry.slug);
    }
}

#[test]
fn every_lesson_trace_gives_the_expected_verdict_reason_and_path() {
    let mut failures = Vec::new();
    for entry in LIBRARY {
        let e = expected(entry.slug);
        let s = load(entry.json()).unwrap_or_else(|err| panic!("{}: {err}", entry.slug));
        let Some(spec) = s.lesson.as_ref().and_then(|l| l.trace.as_ref()) else {
            failures.push(format!("{}: no lesson trace", entry.slug));
            continue;
        };
        let t = match trace_packet(&s, &spec.from, &spec.to, spec.packet()) {
            Ok(t) => t,
            Err(err) => {
                failures.push(format!("{}: trace error: {err}", entry.slug));
                continue;
            }
        };
        let got = (t.verdict(), t.reason, t.path());
        let want = (e.verdict, e.reason, e.path.to_vec());
        if got != want {
            failures.push(format!("{}: got {got:?}, want {want:?}", entry.slug));
        }
        if let Some(rp) = e.return_path {
            if t.return_path() != rp {
                failures.push(format!(
                    "{}: return path {:?}, want {rp:?}",
                    entry.slug,
                    t.return_path()
                ));
            }
        }
        if t.verdict() == Dropped && t.reason != NoReturnRoute {
            // A denied reply (F11) drops on the return hops.
            let last = t
                .return_hops
                .last()
                .or(t.hops.last())
                .map(|h| (h.action, h.reason));
            if last != Some((Action::Drop, Some(t.reason))) {
                failures.push(format!(
                    "{}: the last hop should drop with {:?}, got {last:?}",
                    entry.slug, t.reason
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
