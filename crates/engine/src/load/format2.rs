//! Keys that exist only in some documents, checked on the JSON before it is read into the
//! model (whose structs accept the union of every format's keys):
//! - every key format 2 adds is an unknown key in a format 1 document (N1.2), `[]` too;
//! - `security_groups` is an unknown key on a gateway endpoint, which has no network
//!   interface (N4.1);
//! - a transit gateway attachment's key that belongs to another type (`subnets` on a `vpn`
//!   attachment, `[]` too) is an unknown key (N9.1).
//!
//! `refs.rs` checks the same on a scenario built in code (`Loaded::new`), where only a
//! non-empty value can be seen.

use super::LoadError;
use crate::model::{AttachmentType, Format};
use serde_json::Value;

/// Where format 2 adds keys: the object (a JSON path, `[]` for each item of a list) and the
/// key.
const FORMAT2_KEYS: &[(&str, &str)] = &[
    ("", "security_groups"),
    ("", "network_acls"),
    ("", "transit_gateways"),
    ("", "transit_gateway_attachments"),
    ("", "transit_gateway_route_tables"),
    ("instances[]", "security_groups"),
    ("vpc_endpoints[]", "security_groups"),
    ("vpn_connections[]", "transit_gateway"),
    ("lesson.trace", "protocol"),
    ("lesson.trace", "port"),
];

/// The message for a format 2 key met in a format 1 document.
pub(super) fn format1_message(key: &str) -> String {
    format!(
        "unknown field `{key}` in a {} document: it is new in {}, which models security groups, network ACLs and transit gateways (change \"format\" to use it)",
        Format::V1.as_str(),
        Format::V2.as_str()
    )
}

/// The message for `security_groups` on a gateway endpoint.
pub(super) const GATEWAY_ENDPOINT_GROUPS: &str = "unknown field `security_groups` on a gateway endpoint: it has no network interface, so no security groups (an interface endpoint has them)";

/// The message for a key of a transit gateway attachment of another type (N9.1).
pub(super) fn attachment_key_message(
    kind: AttachmentType,
    owner: AttachmentType,
    key: &str,
) -> String {
    format!(
        "unknown field `{key}` on a {} attachment: it belongs to a {} attachment",
        kind.as_str(),
        owner.as_str()
    )
}

/// Refuses the keys the document's format does not have, at the key's path.
pub(super) fn check_keys(v: &Value, format: Format) -> Result<(), LoadError> {
    if !format.filters() {
        for (container, key) in FORMAT2_KEYS {
            for (path, object) in objects(v, container) {
                if object.contains_key(*key) {
                    return Err(LoadError::at(join(&path, key), format1_message(key)));
                }
            }
        }
    }
    for (path, a) in objects(v, "transit_gateway_attachments[]") {
        let kind = a
            .get("type")
            .and_then(Value::as_str)
            .and_then(|t| AttachmentType::ALL.into_iter().find(|k| k.as_str() == t));
        let Some(kind) = kind else { continue };
        let foreign = AttachmentType::ALL
            .into_iter()
            .filter(|k| *k != kind)
            .flat_map(|k| k.own_keys().iter().map(move |key| (k, *key)))
            .find(|(_, key)| a.contains_key(*key));
        if let Some((owner, key)) = foreign {
            return Err(LoadError::at(
                join(&path, key),
                attachment_key_message(kind, owner, key),
            ));
        }
    }
    for (path, e) in objects(v, "vpc_endpoints[]") {
        let gateway = e.get("type").and_then(Value::as_str) == Some("gateway");
        if gateway && e.contains_key("security_groups") {
            return Err(LoadError::at(
                join(&path, "security_groups"),
                GATEWAY_ENDPOINT_GROUPS,
            ));
        }
    }
    Ok(())
}

/// The JSON objects at `path` (`a.b`, with `list[]` for every item of a list), with the
/// JSON path of each.
fn objects<'v>(v: &'v Value, path: &str) -> Vec<(String, &'v serde_json::Map<String, Value>)> {
    let mut found: Vec<(String, &Value)> = vec![(String::new(), v)];
    for step in path.split('.').filter(|s| !s.is_empty()) {
        let (key, each) = match step.strip_suffix("[]") {
            Some(k) => (k, true),
            None => (step, false),
        };
        let mut next = Vec::new();
        for (at, x) in found {
            let Some(child) = x.get(key) else { continue };
            let at = join(&at, key);
            match (each, child) {
                (true, Value::Array(items)) => next.extend(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| (format!("{at}[{i}]"), item)),
                ),
                (false, _) => next.push((at, child)),
                _ => {}
            }
        }
        found = next;
    }
    found
        .into_iter()
        .filter_map(|(at, x)| x.as_object().map(|o| (at, o)))
        .collect()
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use crate::load::fixtures::{apply, Op};
    use crate::load::load;

    #[test]
    fn format_2_keys_are_unknown_in_format_1() {
        use Op::*;
        let cases: &[(Op, &str)] = &[
            (Set("/security_groups", "[]"), "security_groups"),
            (Set("/network_acls", "[]"), "network_acls"),
            (
                Set("/instances/1/security_groups", r#"["sg-1"]"#),
                "instances[1].security_groups",
            ),
            (
                Set("/vpc_endpoints/1/security_groups", "[]"),
                "vpc_endpoints[1].security_groups",
            ),
            (
                Set("/lesson/trace/protocol", r#""udp""#),
                "lesson.trace.protocol",
            ),
            (Set("/lesson/trace/port", "22"), "lesson.trace.port"),
            (Set("/transit_gateways", "[]"), "transit_gateways"),
            (
                Set("/transit_gateway_attachments", "[]"),
                "transit_gateway_attachments",
            ),
            (
                Set("/transit_gateway_route_tables", "[]"),
                "transit_gateway_route_tables",
            ),
            (
                Set("/vpn_connections/0/transit_gateway", r#""tgw-1""#),
                "vpn_connections[0].transit_gateway",
            ),
        ];
        for (op, path) in cases {
            let e = load(&apply(op)).unwrap_err();
            assert_eq!(e.path, *path);
            let key = path.rsplit('.').next().unwrap();
            assert_eq!(
                e.message,
                format!("unknown field `{key}` in a vpc-playground/1 document: it is new in vpc-playground/2, which models security groups, network ACLs and transit gateways (change \"format\" to use it)")
            );
        }
    }

    #[test]
    fn a_gateway_endpoint_has_no_security_groups() {
        let doc = crate::load::fixtures::apply_all(&[
            Op::Set("/format", r#""vpc-playground/2""#),
            Op::Set("/vpc_endpoints/0/security_groups", "[]"),
        ]);
        let e = load(&doc).unwrap_err();
        assert_eq!(e.to_string(), "vpc_endpoints[0].security_groups: unknown field `security_groups` on a gateway endpoint: it has no network interface, so no security groups (an interface endpoint has them)");
    }
}
