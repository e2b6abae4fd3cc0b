//! Section 11 of `docs/scenario-format.md` (format 2's document, N1-N7) against the engine:
//! the load errors it quotes are the ones `load` gives, and its findings table (N6) lists
//! every format 2 finding code with the severity the engine gives it.

use vpc_engine::{load, FindingCode, Severity};

const REFERENCE: &str = include_str!("../../../docs/scenario-format.md");

/// The text of the reference from `heading` to the next heading of the same level.
fn section(heading: &str) -> &'static str {
    let (_, rest) = REFERENCE
        .split_once(heading)
        .unwrap_or_else(|| panic!("the reference has {heading:?}"));
    rest.split_once("\n### ").map_or(rest, |(body, _)| body)
}

#[test]
fn quoted_load_errors_are_the_engines() {
    let n1 = section("### N1 Versions");
    let cases = [
        r#"{"format": "vpc-playground/3"}"#,
        r#"{"format": "vpc-playground/1", "network_acls": []}"#,
    ];
    for doc in cases {
        let e = load(doc).unwrap_err().to_string();
        assert!(n1.contains(&e), "N1 does not quote {e:?}");
    }
}

/// The codes of a findings table's rows (`| `CODE` | severity | …`), in order, each
/// checked to be a finding code with the engine's severity.
fn findings_table(section: &str) -> Vec<FindingCode> {
    let mut codes = Vec::new();
    for line in section.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let code: FindingCode =
            serde_json::from_str(&format!("\"{}\"", cells[1].trim_matches('`')))
                .unwrap_or_else(|e| panic!("{}: not a finding code: {e}", cells[1]));
        let severity: Severity = serde_json::from_str(&format!("\"{}\"", cells[2])).unwrap();
        assert_eq!(code.severity(), severity, "{}", cells[1]);
        codes.push(code);
    }
    codes
}

#[test]
fn the_findings_table_lists_every_format_2_code_with_its_severity() {
    let rows = findings_table(section("### N6 Findings"));
    // The format 2 codes of filters: SECURITY_GROUP_* (4), NACL_* (3), SUBNET_OTHER_VPC.
    assert_eq!(rows.len(), 8);
}

/// Section 12 (transit gateways, N8-N12): its quoted load error is the engine's, and its
/// findings table lists every transit gateway finding code with the engine's severity.
#[test]
fn the_transit_gateway_section_matches_the_engine() {
    let n9 = section("### N9 `transit_gateway_attachments[]`");
    let doc = include_str!("examples/tgw-everything.json");
    let mut v: serde_json::Value = serde_json::from_str(doc).unwrap();
    v["transit_gateway_attachments"][3]["subnets"] = serde_json::json!([]);
    let e = load(&v.to_string()).unwrap_err().to_string();
    assert!(n9.contains(&e), "N9 does not quote {e:?}");

    let codes: Vec<&str> = findings_table(section("### N12 Findings"))
        .iter()
        .map(FindingCode::as_str)
        .collect();
    // Every TGW_* code, and DUPLICATE_ROUTE.
    assert_eq!(codes.len(), 11, "{codes:?}");
    assert!(codes.contains(&"DUPLICATE_ROUTE"));
}
