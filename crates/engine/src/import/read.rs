//! Reading the pasted or uploaded texts: each may hold one or several JSON documents (outputs
//! pasted one after another), and each document is recognised by its top-level keys.
//!
//! Malformed JSON stops the import with the source, line and column; a document with none of
//! the known keys stops it too, naming the keys it has. Other top-level keys beside a known
//! one (`NextToken`, `ResponseMetadata`) are ignored, as the AWS CLI adds them.

use super::{ImportError, Source};
use serde_json::Value;

/// The top-level key of each supported output, as the AWS CLI prints it.
pub const KNOWN_KEYS: &[&str] = &[
    "Vpcs",
    "Subnets",
    "RouteTables",
    "Reservations",
    "InternetGateways",
    "NatGateways",
    "VpcPeeringConnections",
    "VpcEndpoints",
    "VpnGateways",
    "CustomerGateways",
    "VpnConnections",
    "virtualInterfaces",
    "SecurityGroups",
    "NetworkAcls",
    "NetworkInterfaces",
    "TransitGateways",
    "TransitGatewayAttachments",
    "TransitGatewayVpcAttachments",
    "TransitGatewayRouteTables",
    "Associations",
    "TransitGatewayRouteTablePropagations",
    "Routes",
];

/// One recognised section: the key (one of [`KNOWN_KEYS`]) and its value as printed.
#[derive(Debug)]
pub struct Section {
    pub key: &'static str,
    pub value: Value,
}

/// Every known section of every document of every source, in the order given.
pub fn documents(sources: &[Source<'_>]) -> Result<Vec<Section>, ImportError> {
    if sources.iter().all(|s| s.text.trim().is_empty()) {
        return Err(ImportError::Empty);
    }
    let mut sections = Vec::new();
    for source in sources {
        // A UTF-8 byte-order mark is what some Windows editors save; JSON parsers refuse it.
        let text = source.text.trim_start_matches('\u{feff}');
        let stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
        for doc in stream {
            let doc = doc.map_err(|e| ImportError::Json {
                source: source.name.to_string(),
                line: e.line(),
                column: e.column(),
                message: json_message(&e),
            })?;
            sections.extend(recognise(source.name, doc)?);
        }
    }
    Ok(sections)
}

/// serde_json's message without its own " at line L column C" suffix (the error adds ours).
fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    }
}

fn recognise(source: &str, doc: Value) -> Result<Vec<Section>, ImportError> {
    let Value::Object(map) = doc else {
        return Err(ImportError::NotAwsOutput {
            source: source.to_string(),
            keys: Vec::new(),
        });
    };
    if map.contains_key("format") {
        return Err(ImportError::Scenario {
            source: source.to_string(),
        });
    }
    let keys: Vec<String> = map.keys().cloned().collect();
    let mut found = Vec::new();
    for (k, v) in map {
        if let Some(key) = KNOWN_KEYS.iter().find(|known| **known == k) {
            found.push(Section { key, value: v });
        }
    }
    if found.is_empty() {
        return Err(ImportError::NotAwsOutput {
            source: source.to_string(),
            keys: keys.into_iter().take(8).collect(),
        });
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(texts: &[&str]) -> Result<Vec<&'static str>, String> {
        let sources: Vec<Source> = texts
            .iter()
            .map(|t| Source {
                name: "pasted text",
                text: t,
            })
            .collect();
        documents(&sources)
            .map(|s| s.iter().map(|s| s.key).collect())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn documents_are_recognised_by_their_keys_or_refused_with_a_position() {
        type Case<'a> = (&'a [&'a str], Result<Vec<&'a str>, &'a str>);
        let cases: &[Case] = &[
            (&[r#"{"Vpcs": []}"#], Ok(vec!["Vpcs"])),
            (&["{\"Vpcs\": []}\n{\"Subnets\": [], \"NextToken\": \"x\"}"], Ok(vec!["Vpcs", "Subnets"])),
            (&[r#"{"Vpcs": []}"#, "\u{feff}{\"virtualInterfaces\": []}"], Ok(vec!["Vpcs", "virtualInterfaces"])),
            (&["  ", ""], Err("nothing to import: paste the JSON that `aws ec2 describe-vpcs` and the other describe commands print")),
            (&["{\"Subnets\": [\n  {'VpcId': 'vpc-1'}]}"], Err("pasted text, line 2 column 4: not valid JSON: key must be a string")),
            (&["{\"Vpcs\": [}"], Err("pasted text, line 1 column 11: not valid JSON: expected value")),
            (&[r#"{"Buckets": [], "Owner": {}}"#], Err("pasted text: this is not the output of a describe command the importer reads: its keys are Buckets, Owner; expected one of Vpcs, Subnets, RouteTables, Reservations, InternetGateways, NatGateways, VpcPeeringConnections, VpcEndpoints, VpnGateways, CustomerGateways, VpnConnections, virtualInterfaces, SecurityGroups, NetworkAcls, NetworkInterfaces, TransitGateways, TransitGatewayAttachments, TransitGatewayVpcAttachments, TransitGatewayRouteTables, Associations, TransitGatewayRouteTablePropagations, Routes")),
            (&["[1, 2]"], Err("pasted text: this is not the output of an AWS describe command (expected an object with one of Vpcs, Subnets, RouteTables, Reservations, InternetGateways, NatGateways, VpcPeeringConnections, VpcEndpoints, VpnGateways, CustomerGateways, VpnConnections, virtualInterfaces, SecurityGroups, NetworkAcls, NetworkInterfaces, TransitGateways, TransitGatewayAttachments, TransitGatewayVpcAttachments, TransitGatewayRouteTables, Associations, TransitGatewayRouteTablePropagations, Routes)")),
            (&[r#"{"format": "vpc-playground/1", "vpcs": []}"#], Err("pasted text: this is already a vpc-playground scenario, not AWS CLI output: open it with Import a scenario instead")),
        ];
        for (texts, want) in cases {
            let got = read(texts);
            let want = want.clone().map_err(str::to_string);
            assert_eq!(got, want, "{texts:?}");
        }
    }
}
