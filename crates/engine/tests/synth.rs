//! The synthetic benchmark topology routes the way its layout promises, so the benchmarks
//! time the paths they name (delivered over a peering, transitive drop, VPN, S3 endpoint)
//! rather than an early error.

use vpc_engine::synth::synthetic;
use vpc_engine::verdict::{Reason, Verdict};

#[test]
fn benchmark_traces_take_the_paths_they_are_named_for() {
    let s = vpc_engine::Loaded::new(synthetic(40, 30, 80)).expect("synthetic loads");
    // Instance k is in VPC k % 40; VPC 20 is hybrid (every 10th) and has an S3 endpoint
    // (every 4th); its Region is REGIONS[20 % 3] = eu-west-1.
    let cases: &[(&str, &str, Verdict, Reason, &[&str])] = &[
        (
            "i-20",
            "i-21",
            Verdict::Delivered,
            Reason::Delivered,
            &["rtb-20", "pcx-20", "i-21"],
        ),
        (
            "i-20",
            "i-19",
            Verdict::Delivered,
            Reason::Delivered,
            &["rtb-20", "pcx-19", "i-19"],
        ),
        (
            "i-20",
            "i-22",
            Verdict::Dropped,
            Reason::TransitivePeering,
            &["rtb-20", "pcx-20", "vpc-21"],
        ),
        (
            "i-20",
            "hq-1",
            Verdict::Delivered,
            Reason::Delivered,
            &["rtb-20", "vgw-20", "vpn-20", "cgw-hq", "hq-1"],
        ),
        (
            "i-20",
            "s3.eu-west-1.amazonaws.com",
            Verdict::Delivered,
            Reason::Delivered,
            &["rtb-20", "vpce-s3-20", "com.amazonaws.eu-west-1.s3"],
        ),
    ];
    for (from, to, verdict, reason, tail) in cases {
        let t = vpc_engine::trace(&s, from, to).unwrap_or_else(|e| panic!("{from} -> {to}: {e}"));
        let path = t.path();
        assert_eq!(
            (t.verdict, t.reason),
            (*verdict, *reason),
            "{from} -> {to}: {path:?}"
        );
        assert!(
            path.ends_with(tail),
            "{from} -> {to}: {path:?} should end with {tail:?}"
        );
        assert_eq!(path.first(), Some(from), "{from} -> {to}");
    }
}
