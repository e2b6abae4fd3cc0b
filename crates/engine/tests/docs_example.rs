//! The example of `docs/scenario-format.md` (section 2) against the engine: the JSON printed
//! in the reference is the file `docs/examples/private-web-tier.json`, it loads and validates
//! clean, and each trace the reference describes gives the verdict, reason and path it says.
//! A trainer who copies the example gets what the page promises.

mod common;

use common::{run, Case};
use vpc_engine::{load, validate, Reason, Verdict};

const REFERENCE: &str = include_str!("../../../docs/scenario-format.md");
const EXAMPLE: &str = include_str!("../../../docs/examples/private-web-tier.json");

/// The first ```json block after the "A complete example" heading.
fn example_in_reference() -> &'static str {
    let section = REFERENCE
        .split_once("## 2. A complete example")
        .map(|(_, rest)| rest)
        .expect("the reference has its example section");
    let (_, after) = section
        .split_once("```json\n")
        .expect("the example section has a JSON block");
    after
        .split_once("```")
        .map(|(block, _)| block)
        .expect("the JSON block is closed")
}

#[test]
fn the_printed_example_is_the_example_file() {
    let printed: serde_json::Value =
        serde_json::from_str(example_in_reference()).expect("the printed example is JSON");
    let file: serde_json::Value = serde_json::from_str(EXAMPLE).expect("the file is JSON");
    assert_eq!(printed, file);
}

#[test]
fn the_example_loads_and_validates_clean() {
    let s = load(EXAMPLE).unwrap_or_else(|e| panic!("the example does not load: {e}"));
    assert_eq!(validate(&s), Vec::new());
}

#[test]
fn the_example_traces_as_the_reference_says() {
    let case = |name, from, to, verdict, reason, path, return_path| Case {
        name,
        json: EXAMPLE.to_string(),
        from,
        to,
        verdict,
        reason,
        path,
        return_path,
    };
    run(&[
        case(
            "the lesson: web to database over the peering, and back",
            "i-web",
            "i-db",
            Verdict::Delivered,
            Reason::Delivered,
            &["i-web", "rtb-private", "pcx-web-db", "i-db"],
            Some(&["i-db", "rtb-db", "pcx-web-db", "i-web"]),
        ),
        case(
            "to the internet through the NAT gateway",
            "i-web",
            "example.com",
            Verdict::Delivered,
            Reason::Delivered,
            &[
                "i-web",
                "i-web",
                "rtb-private",
                "nat-web",
                "rtb-public",
                "igw-web",
                "example",
            ],
            Some(&[]),
        ),
        case(
            "to S3 through the gateway endpoint",
            "i-web",
            "reports.s3.us-east-1.amazonaws.com",
            Verdict::Delivered,
            Reason::Delivered,
            &[
                "i-web",
                "i-web",
                "rtb-private",
                "vpce-s3",
                "com.amazonaws.us-east-1.s3",
            ],
            Some(&[]),
        ),
        case(
            "the database VPC has no way out",
            "i-db",
            "93.184.216.34",
            Verdict::Dropped,
            Reason::NoRoute,
            &["i-db", "rtb-db"],
            Some(&[]),
        ),
    ]);
}

#[test]
fn the_example_shows_the_translations_the_reference_names() {
    let s = load(EXAMPLE).expect("the example loads");
    // Read from the trace's JSON, as `vpcctl trace` prints it (F0.3).
    let src_at = |to: &str, at: &str| -> Option<String> {
        let t = vpc_engine::trace(&s, "i-web", to).expect("i-web is a source");
        let json = serde_json::to_value(&t).expect("a trace is JSON");
        json["hops"]
            .as_array()?
            .iter()
            .rev()
            .find(|h| h["at"] == at)
            .and_then(|h| h["src"].as_str())
            .map(str::to_owned)
    };
    // The internet gateway gives the NAT gateway's public address.
    assert_eq!(
        src_at("example.com", "igw-web").as_deref(),
        Some("198.51.100.10")
    );
    // S3 sees the instance's private address.
    assert_eq!(
        src_at(
            "reports.s3.us-east-1.amazonaws.com",
            "com.amazonaws.us-east-1.s3"
        )
        .as_deref(),
        Some("10.0.1.10")
    );
}
