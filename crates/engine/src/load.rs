//! Loading a scenario document: JSON text in, a whole checked [`Scenario`] or one
//! [`LoadError`] out.
//!
//! This module owns everything that makes a document *unreadable* (as opposed to readable but
//! wrong, which is `validate`'s findings): the size limit, JSON syntax, the `format` string,
//! the shape of every object (unknown keys, missing required fields, bad CIDRs and addresses),
//! unique ids, and every reference resolving to the right kind of resource. It works in
//! stages, each naming the JSON path of what it refuses in the format's form (L2)
//! (`subnets[2].cidr`):
//!
//! 1. text -> `serde_json::Value` (syntax errors carry a line and column);
//! 2. `format` and the top-level shape;
//! 3. `Value` -> [`Scenario`] through `path` (shape, CIDRs, addresses), which knows where
//!    it is in the document;
//! 4. ids and references (`refs`).
//!
//! Nothing of a bad document is half-applied: the caller gets the whole scenario or an error.
//!
//! Choices the contract leaves open, made here (`docs/scenario-format.md` D4.3, D6):
//! - A VPC with no route table at all loads. (AWS always creates a main table holding the
//!   `local` routes, so the trace should treat such a VPC as having exactly that.) A VPC that
//!   has route tables needs exactly one with `"main": true`.
//! - A subnet is explicitly associated with at most one route table, a VPC has at most one
//!   internet gateway and one VPN gateway attached, and a route table, endpoint subnet or
//!   endpoint route table belongs to the same VPC as what uses it: AWS cannot represent
//!   anything else, so these are load errors rather than findings.
//! - A route target or propagating gateway of *another* VPC loads; it is the
//!   `ROUTE_TARGET_OTHER_VPC` finding (or ignored propagation), so an editor that detaches a
//!   gateway never produces an unloadable document.

mod filters;
mod format2;
mod path;
mod refs;
mod tgw;

use crate::index::{At, Index, Listed};
use crate::model::{Format, Scenario, FORMAT};
use serde_json::Value;
use std::fmt;

/// The largest document `load` reads (2 MiB). A hand-written scenario is a few kilobytes;
/// the limit keeps a pasted or linked multi-megabyte file from freezing the browser tab.
pub const MAX_SCENARIO_BYTES: usize = 2 * 1024 * 1024;

/// Longest message `load` returns: a message quotes the offending value, which may be huge.
const MAX_MESSAGE_CHARS: usize = 500;

/// Why a document could not be loaded: the JSON path (`subnets[2].cidr`, empty for the whole
/// document) and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: String,
    pub message: String,
}

impl LoadError {
    pub(crate) fn at(path: impl Into<String>, message: impl Into<String>) -> LoadError {
        LoadError {
            path: path.into(),
            message: shorten(message.into()),
        }
    }
    fn whole(message: impl Into<String>) -> LoadError {
        LoadError::at("", message)
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for LoadError {}

fn shorten(mut s: String) -> String {
    if let Some((cut, _)) = s.char_indices().nth(MAX_MESSAGE_CHARS) {
        s.truncate(cut);
        s.push('…');
    }
    s
}

/// A scenario that loaded, with the [`Index`] of its ids and resolved references. Only
/// [`load`] and [`Loaded::new`] make one, so every `Loaded` passed all of `load`'s checks;
/// it is read-only (an edit makes a new scenario and loads it again).
#[derive(Debug, Clone)]
pub struct Loaded {
    scenario: Scenario,
    index: Index,
}

impl Loaded {
    /// Checks a scenario built in code (the editor's edits, the importer, tests) as `load`
    /// checks a document: format, ids and references.
    pub fn new(scenario: Scenario) -> Result<Loaded, LoadError> {
        let index = refs::check(&scenario)?;
        Ok(Loaded { scenario, index })
    }
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    /// The document's format (N1): whether security groups and network ACLs filter.
    pub fn format(&self) -> Format {
        self.scenario.format
    }
    pub fn index(&self) -> &Index {
        &self.index
    }
    pub fn into_scenario(self) -> Scenario {
        self.scenario
    }
    /// The resource behind a handle of this scenario's index.
    pub fn get<T: Listed>(&self, at: At<T>) -> Option<&T> {
        T::list(&self.scenario).get(at.pos())
    }
    /// The `T` named `id`, with its handle.
    pub fn find<T: Listed>(&self, id: &str) -> Option<(At<T>, &T)> {
        let at = self.index.at::<T>(id)?;
        self.get(at).map(|x| (at, x))
    }
    /// The `T` named `id`.
    pub fn lookup<T: Listed>(&self, id: &str) -> Option<&T> {
        self.find(id).map(|(_, x)| x)
    }
}

impl PartialEq for Loaded {
    /// The index follows from the scenario.
    fn eq(&self, other: &Loaded) -> bool {
        self.scenario == other.scenario
    }
}

/// A loaded scenario writes as its document.
impl serde::Serialize for Loaded {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.scenario.serialize(s)
    }
}

impl std::ops::Deref for Loaded {
    type Target = Scenario;
    fn deref(&self) -> &Scenario {
        &self.scenario
    }
}

/// Parses and checks a scenario document; nothing of a bad document is returned.
pub fn load(json: &str) -> Result<Loaded, LoadError> {
    Loaded::new(parse(json)?.scenario()?)
}

/// A document parsed as JSON with a format this version reads: the first of [`load`]'s
/// three steps ([`parse`], [`Parsed::scenario`], [`Loaded::new`]). An app runs them in tasks
/// of their own: a 500-host document takes tens of milliseconds in each on a page whose
/// code the browser has not optimised yet.
pub struct Parsed {
    value: Value,
    format: Format,
}

/// [`load`]'s first step: the size limit, the JSON syntax and the `format` key.
pub fn parse(json: &str) -> Result<Parsed, LoadError> {
    if json.len() > MAX_SCENARIO_BYTES {
        return Err(LoadError::whole(format!(
            "the document is {} bytes; a scenario may be at most {} bytes (2 MiB)",
            json.len(),
            MAX_SCENARIO_BYTES
        )));
    }
    // Editors on Windows may save a byte-order mark, which JSON does not allow.
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    if json.trim().is_empty() {
        return Err(LoadError::whole(
            "the document is empty: a scenario is a JSON object starting with {\"format\": \"vpc-playground/1\"",
        ));
    }
    let value: Value =
        serde_json::from_str(json).map_err(|e| LoadError::whole(format!("not valid JSON: {e}")))?;
    let format = check_format(&value)?;
    Ok(Parsed { value, format })
}

impl Parsed {
    /// [`load`]'s second step: every key and value of the document checked and read into a
    /// [`Scenario`]; its ids and references are [`Loaded::new`]'s.
    pub fn scenario(self) -> Result<Scenario, LoadError> {
        format2::check_keys(&self.value, self.format)?;
        check_gateway_vpc_keys(&self.value)?;
        // An unknown key's path names the key itself (`subnets[0].colour`).
        path::deserialize(&self.value).map_err(|(path, e)| LoadError::at(path, e.to_string()))
    }
}

/// A short description of a JSON value for messages (never the whole value).
fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("{s:?}"),
        Value::Array(_) => "an array".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

fn check_format(v: &Value) -> Result<Format, LoadError> {
    let Value::Object(obj) = v else {
        return Err(LoadError::whole(format!(
            "a scenario is a JSON object ({{\"format\": \"{FORMAT}\", ...}}), not {}",
            describe(v)
        )));
    };
    match obj.get("format") {
        Some(other) => match other.as_str().and_then(Format::parse) {
            Some(f) => Ok(f),
            None => Err(LoadError::at(
                "format",
                format!(
                    "{} is not a format this version reads: it reads {}",
                    describe(other),
                    Format::supported()
                ),
            )),
        },
        None => {
            // AWS CLI `describe-*` output has capitalised or camelCase top-level keys
            // (`"Vpcs"`, `"virtualInterfaces"`); scenario keys are lower snake_case.
            let hint = obj
                .keys()
                .find(|k| k.chars().any(|c| c.is_ascii_uppercase()))
                .map(|k| {
                    format!(
                        " (this looks like AWS CLI output, with \"{k}\": import describe-* output with Paste from AWS CLI, or vpcctl import)"
                    )
                })
                .unwrap_or_default();
            Err(LoadError::at(
                "format",
                format!("a scenario needs \"format\": \"{FORMAT}\"{hint}"),
            ))
        }
    }
}

/// The format makes the `vpc` key of internet and VPN gateways required (its value may be
/// `null`, detached: D4.5, D4.9). serde reads a missing `Option` as `None`, so the key is
/// checked here.
fn check_gateway_vpc_keys(v: &Value) -> Result<(), LoadError> {
    for list in ["internet_gateways", "vpn_gateways"] {
        let Some(Value::Array(items)) = v.get(list) else {
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            if let Value::Object(o) = item {
                if !o.contains_key("vpc") {
                    return Err(LoadError::at(
                        format!("{list}[{i}]"),
                        "missing field `vpc` (the VPC it is attached to, or null when detached)",
                    ));
                }
            }
        }
    }
    Ok(())
}

/// A complete, valid document using every kind of resource, shared by the engine's tests.
#[cfg(test)]
pub(crate) mod fixtures {
    pub(crate) const FULL: &str = r#"{
  "format": "vpc-playground/1",
  "name": "Everything",
  "description": "One of each resource",
  "vpcs": [
    {"id": "vpc-a", "name": "A", "account": "111111111111", "region": "us-east-1", "cidrs": ["10.0.0.0/16", "10.50.0.0/16"]},
    {"id": "vpc-b", "account": "222222222222", "region": "us-east-1", "cidrs": ["10.1.0.0/16"]}
  ],
  "subnets": [
    {"id": "subnet-a1", "vpc": "vpc-a", "az": "us-east-1a", "cidr": "10.0.1.0/24"},
    {"id": "subnet-a2", "vpc": "vpc-a", "az": "us-east-1b", "cidr": "10.0.2.0/24"},
    {"id": "subnet-b1", "vpc": "vpc-b", "cidr": "10.1.1.0/24"}
  ],
  "route_tables": [
    {"id": "rtb-a", "vpc": "vpc-a", "main": true, "subnets": ["subnet-a1"], "propagating_gateways": ["vgw-a"],
     "routes": [{"destination": "10.1.0.0/16", "target": "pcx-ab"}, {"destination": "0.0.0.0/0", "target": "igw-a"}]},
    {"id": "rtb-a2", "vpc": "vpc-a", "subnets": ["subnet-a2"], "routes": [{"destination": "0.0.0.0/0", "target": "nat-a"}]},
    {"id": "rtb-b", "vpc": "vpc-b", "main": true, "routes": [{"destination": "10.0.0.0/16", "target": "pcx-ab"}]}
  ],
  "instances": [
    {"id": "i-a", "name": "web", "subnet": "subnet-a1", "private_ip": "10.0.1.10", "public_ip": "54.0.0.20"},
    {"id": "i-a2", "subnet": "subnet-a2", "private_ip": "10.0.2.10"},
    {"id": "i-b", "subnet": "subnet-b1", "private_ip": "10.1.1.10", "public_ip": null}
  ],
  "internet_gateways": [{"id": "igw-a", "vpc": "vpc-a"}, {"id": "igw-spare", "vpc": null}],
  "nat_gateways": [{"id": "nat-a", "subnet": "subnet-a1", "private_ip": "10.0.1.5", "public_ip": "54.0.0.10"}],
  "peering_connections": [{"id": "pcx-ab", "requester": "vpc-a", "accepter": "vpc-b", "status": "active"}],
  "vpc_endpoints": [
    {"id": "vpce-s3", "vpc": "vpc-a", "type": "gateway", "service": "com.amazonaws.us-east-1.s3", "route_tables": ["rtb-a"], "policy": "full"},
    {"id": "vpce-kds", "vpc": "vpc-a", "type": "interface", "service": "com.amazonaws.us-east-1.kinesis-streams",
     "subnets": ["subnet-a1", "subnet-a2"], "private_ips": ["10.0.1.20", "10.0.2.20"], "private_dns": true,
     "policy": {"allow": ["arn:aws:kinesis:us-east-1:111111111111:stream/s"]}}
  ],
  "vpn_gateways": [{"id": "vgw-a", "vpc": "vpc-a", "asn": 64512}],
  "customer_gateways": [{"id": "cgw-hq", "ip": "203.0.113.12", "asn": 65000, "network": "onprem-hq"}],
  "vpn_connections": [{"id": "vpn-1", "vpn_gateway": "vgw-a", "customer_gateway": "cgw-hq", "routing": "bgp",
                       "static_routes": [], "tunnels": ["up", "down"]}],
  "dx_connections": [{"id": "dxcon-1", "location": "EqDC2", "bandwidth": "1Gbps", "network": "onprem-hq"}],
  "dx_virtual_interfaces": [
    {"id": "dxvif-1", "connection": "dxcon-1", "type": "private", "vlan": 101, "vpn_gateway": "vgw-a"},
    {"id": "dxvif-pub", "connection": "dxcon-1", "type": "public", "vlan": 102}
  ],
  "onprem_networks": [{"id": "onprem-hq", "name": "HQ", "cidrs": ["192.168.0.0/16"],
                       "hosts": [{"id": "hq-pc", "ip": "192.168.1.10"}],
                       "routes": [{"destination": "10.0.0.0/16", "via": "dxvif-1"}, {"destination": "10.50.0.0/16", "via": "vpn-1"}]}],
  "internet_hosts": [{"id": "example", "name": "example.com", "ip": "93.184.216.34"}],
  "lesson": {"question": "q", "answer": "a", "trace": {"from": "i-a", "to": "10.1.1.10"}}
}"#;

    /// The shared fixture in format 2 with groups, ACLs and ENI groups (no findings).
    pub(crate) const FULL2: &[Op] = &[
        Op::Set("/format", r#""vpc-playground/2""#),
        Op::Set(
            "/security_groups",
            r#"[
            {"id": "sg-web", "vpc": "vpc-a", "name": "web",
             "ingress": [{"protocol": "tcp", "ports": "443", "source": "0.0.0.0/0"},
                         {"protocol": "tcp", "ports": "22", "source": "sg-admin", "description": "ssh"},
                         {"protocol": "all", "source": "pl-63a5400a"}],
             "egress": [{"protocol": "udp", "ports": "1024-65535", "destination": "vpc-b:default-sg"}]},
            {"id": "sg-admin", "vpc": "vpc-a"},
            {"id": "sg-a-default", "vpc": "vpc-a", "default": true, "egress": []}
        ]"#,
        ),
        Op::Set(
            "/network_acls",
            r#"[
            {"id": "acl-a1", "vpc": "vpc-a", "subnets": ["subnet-a1"],
             "ingress": [{"rule": 200, "protocol": "all", "cidr": "0.0.0.0/0", "action": "allow"},
                         {"rule": 90, "protocol": "tcp", "ports": "22", "cidr": "0.0.0.0/0", "action": "deny"}],
             "egress": [{"rule": 100, "protocol": "icmp", "cidr": "10.0.0.0/8", "action": "allow"}]}
        ]"#,
        ),
        Op::Set("/instances/0/security_groups", r#"["sg-web", "sg-admin"]"#),
        Op::Set("/vpc_endpoints/1/security_groups", r#"["sg-admin"]"#),
        Op::Set("/lesson/trace/protocol", r#""udp""#),
        Op::Set("/lesson/trace/port", "53"),
    ];

    /// `FULL` with `edit` applied to its JSON value, as text.
    pub(crate) fn full_with(edit: impl FnOnce(&mut serde_json::Value)) -> String {
        let mut v: serde_json::Value = serde_json::from_str(FULL).expect("fixture is JSON");
        edit(&mut v);
        v.to_string()
    }

    use serde_json::Value;

    /// An edit of the fixture: at a JSON pointer, set a value, remove a key or append to a list.
    #[derive(Clone)]
    pub(crate) enum Op {
        Set(&'static str, &'static str),
        Remove(&'static str),
        Push(&'static str, &'static str),
    }

    pub(crate) fn apply(op: &Op) -> String {
        apply_all(std::slice::from_ref(op))
    }

    /// `FULL` with every edit applied in turn, as text.
    pub(crate) fn apply_all(ops: &[Op]) -> String {
        full_with(|v| {
            for op in ops {
                apply_one(v, op)
            }
        })
    }

    /// `doc` with every edit applied in turn, as text.
    pub(crate) fn apply_to(doc: &str, ops: &[Op]) -> String {
        let mut v: Value = serde_json::from_str(doc).expect("fixture is JSON");
        for op in ops {
            apply_one(&mut v, op)
        }
        v.to_string()
    }

    /// Format 2's transit gateways, every key and reference (no findings).
    pub(crate) const TGW: &str = include_str!("../tests/examples/tgw-everything.json");
    /// The reference's transit gateway example (no findings).
    pub(crate) const HUB: &str = include_str!("../tests/examples/transit-gateway-hub.json");

    fn apply_one(v: &mut Value, op: &Op) {
        match op {
            Op::Set(ptr, json) => {
                let new: Value = serde_json::from_str(json).expect("test value is JSON");
                let (parent, key) = ptr.rsplit_once('/').expect("pointer has a parent");
                match v.pointer_mut(parent).expect("parent exists") {
                    Value::Object(o) => {
                        o.insert(key.to_string(), new);
                    }
                    Value::Array(a) => a[key.parse::<usize>().expect("index")] = new,
                    _ => panic!("cannot set in a scalar"),
                }
            }
            Op::Remove(ptr) => {
                let (parent, key) = ptr.rsplit_once('/').expect("pointer has a parent");
                match v.pointer_mut(parent).expect("parent exists") {
                    Value::Object(o) => {
                        o.remove(key).expect("key exists");
                    }
                    Value::Array(a) => {
                        a.remove(key.parse::<usize>().expect("index"));
                    }
                    _ => panic!("cannot remove from a scalar"),
                }
            }
            Op::Push(ptr, json) => {
                let new: Value = serde_json::from_str(json).expect("test value is JSON");
                v.pointer_mut(ptr)
                    .and_then(Value::as_array_mut)
                    .expect("list exists")
                    .push(new);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{apply, full_with, Op, FULL};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fixture_and_shared_example_load() {
        let full = load(FULL).expect("fixture loads");
        assert_eq!(full.vpc_endpoints.len(), 2);
        let example = include_str!("../scenarios/01-transitive-peering.json");
        let s = load(example).expect("shared example loads");
        assert_eq!(s.vpcs.len(), 3);
        assert_eq!(s.peering_connections[1].id, "pcx-bc");
    }

    #[test]
    fn edits_of_a_valid_document_give_these_errors() {
        use Op::*;
        let cases: &[(Op, &str)] = &[
            // Shape: unknown keys, missing fields, bad values.
            (Set("/subnets/2/cidr", r#""10.0.300.0/24""#), r#"subnets[2].cidr: "10.0.300.0/24" is not an IPv4 CIDR"#),
            (Set("/vpcs/0/cidrs/1", r#""10.0.0.1/16""#), r#"vpcs[0].cidrs[1]: "10.0.0.1/16" has host bits set: a CIDR names a network, did you mean "10.0.0.0/16"?"#),
            (Set("/instances/1/private_ip", r#""10.0.2""#), r#"instances[1].private_ip: "10.0.2" is not an IPv4 address"#),
            (Set("/subnets/0/colour", r#""red""#), "subnets[0].colour: unknown field `colour`, expected one of `id`, `vpc`, `az`, `cidr`, `name`"),
            (Set("/extra", "1"), "extra: unknown field `extra`, expected one of `format`, `name`, `description`, `vpcs`, `subnets`, `route_tables`, `instances`, `internet_gateways`, `nat_gateways`, `peering_connections`, `vpc_endpoints`, `vpn_gateways`, `customer_gateways`, `vpn_connections`, `dx_connections`, `dx_virtual_interfaces`, `onprem_networks`, `internet_hosts`, `security_groups`, `network_acls`, `transit_gateways`, `transit_gateway_attachments`, `transit_gateway_route_tables`, `lesson`"),
            (Remove("/subnets/1/cidr"), "subnets[1]: missing field `cidr`"),
            (Remove("/internet_gateways/1/vpc"), "internet_gateways[1]: missing field `vpc` (the VPC it is attached to, or null when detached)"),
            (Remove("/vpn_gateways/0/vpc"), "vpn_gateways[0]: missing field `vpc` (the VPC it is attached to, or null when detached)"),
            (Set("/peering_connections/0/status", r#""up""#), "peering_connections[0].status: unknown variant `up`, expected one of `initiating-request`, `pending-acceptance`, `active`, `rejected`, `expired`, `failed`, `deleted`"),
            (Set("/vpcs", "{}"), "vpcs: invalid type: map, expected a sequence"),
            // A resource is an object: serde would read a struct from an array too, load does not.
            (Set("/subnets/1", r#"["subnet-a2", "vpc-a", null, "10.0.2.0/24"]"#), "subnets[1]: invalid type: sequence, expected struct Subnet"),
            (Set("/subnets/1", "7"), "subnets[1]: invalid type: integer `7`, expected struct Subnet"),
            (Set("/vpc_endpoints/1/policy", r#""none""#), r#"vpc_endpoints[1].policy: "none" is not a policy: expected "full" or {"allow": [ARNs]}"#),
            // Format.
            (Remove("/format"), r#"format: a scenario needs "format": "vpc-playground/1""#),
            (Set("/format", r#""vpc-playground/3""#), r#"format: "vpc-playground/3" is not a format this version reads: it reads "vpc-playground/1" or "vpc-playground/2""#),
            (Set("/format", "1"), r#"format: 1 is not a format this version reads: it reads "vpc-playground/1" or "vpc-playground/2""#),
            // Ids.
            (Set("/subnets/2/id", r#""vpc-a""#), r#"subnets[2].id: "vpc-a" is already used by vpcs[0]"#),
            (Set("/onprem_networks/0/hosts/0/id", r#""i-b""#), r#"onprem_networks[0].hosts[0].id: "i-b" is already used by instances[2]"#),
            (Set("/internet_hosts/0/id", r#""""#), "internet_hosts[0].id: an id cannot be empty: every resource needs one, unique in the document"),
            (Set("/vpcs/1/cidrs", "[]"), "vpcs[1].cidrs: vpc-b needs at least one CIDR block: the first is its primary block"),
            // Accounts.
            (Set("/vpcs/1/account", r#""2222""#), r#"vpcs[1].account: "2222" is not an AWS account id: expected 12 digits"#),
            // References.
            (Set("/subnets/1/vpc", r#""vpc-x""#), r#"subnets[1].vpc: "vpc-x" names nothing in this scenario; expected the id of a VPC"#),
            (Set("/subnets/1/vpc", r#""subnet-a1""#), r#"subnets[1].vpc: "subnet-a1" is a subnet; expected the id of a VPC"#),
            (Set("/route_tables/2/vpc", r#""igw-a""#), r#"route_tables[2].vpc: "igw-a" is an internet gateway; expected the id of a VPC"#),
            (Set("/route_tables/1/subnets/0", r#""subnet-zz""#), r#"route_tables[1].subnets[0]: "subnet-zz" names nothing in this scenario; expected the id of a subnet"#),
            (Set("/route_tables/1/subnets/0", r#""subnet-b1""#), r#"route_tables[1].subnets[0]: "subnet-b1" is a subnet of vpc-b, and route table rtb-a2 belongs to vpc-a: a subnet can only use a route table of its own VPC"#),
            (Push("/route_tables/1/subnets", r#""subnet-a1""#), r#"route_tables[1].subnets[1]: "subnet-a1" is already associated with route table rtb-a: a subnet is associated with one route table at a time"#),
            (Set("/route_tables/0/propagating_gateways/0", r#""cgw-hq""#), r#"route_tables[0].propagating_gateways[0]: "cgw-hq" is a customer gateway; expected the id of a VPN gateway"#),
            (Set("/route_tables/0/routes/1/target", r#""i-a""#), r#"route_tables[0].routes[1].target: "i-a" is an instance; expected the id of an internet gateway, NAT gateway, peering connection, VPN gateway or gateway endpoint"#),
            (Set("/route_tables/0/routes/1/target", r#""igw-x""#), r#"route_tables[0].routes[1].target: "igw-x" names nothing in this scenario; expected the id of an internet gateway, NAT gateway, peering connection, VPN gateway or gateway endpoint"#),
            (Set("/route_tables/0/routes/1/target", r#""vpce-kds""#), r#"route_tables[0].routes[1].target: "vpce-kds" is an interface endpoint, which is reached by its private IP, not used as a route target; expected the id of an internet gateway, NAT gateway, peering connection, VPN gateway or gateway endpoint"#),
            (Set("/route_tables/0/routes/1/target", r#""local""#), "route_tables[0].routes[1].target: the local route is implicit: it exists for every VPC CIDR and is never written"),
            (Set("/route_tables/1/main", "true"), "route_tables[1].main: vpc-a already has a main route table, rtb-a: exactly one table per VPC has \"main\": true"),
            (Set("/route_tables/2/main", "false"), "route_tables[2].main: vpc-b has route tables but none is its main table: set \"main\": true on exactly one of them"),
            (Set("/instances/2/subnet", r#""vpc-b""#), r#"instances[2].subnet: "vpc-b" is a VPC; expected the id of a subnet"#),
            (Set("/internet_gateways/1/vpc", r#""vpc-q""#), r#"internet_gateways[1].vpc: "vpc-q" names nothing in this scenario; expected the id of a VPC"#),
            (Set("/internet_gateways/1/vpc", r#""vpc-a""#), "internet_gateways[1].vpc: vpc-a already has internet gateway igw-a attached: a VPC has at most one"),
            (Set("/nat_gateways/0/subnet", r#""rtb-a""#), r#"nat_gateways[0].subnet: "rtb-a" is a route table; expected the id of a subnet"#),
            (Set("/peering_connections/0/requester", r#""vpc-z""#), r#"peering_connections[0].requester: "vpc-z" names nothing in this scenario; expected the id of a VPC"#),
            (Set("/peering_connections/0/accepter", r#""pcx-ab""#), r#"peering_connections[0].accepter: "pcx-ab" is a peering connection; expected the id of a VPC"#),
            (Set("/vpc_endpoints/0/vpc", r#""nat-a""#), r#"vpc_endpoints[0].vpc: "nat-a" is a NAT gateway; expected the id of a VPC"#),
            (Set("/vpc_endpoints/0/route_tables/0", r#""subnet-a1""#), r#"vpc_endpoints[0].route_tables[0]: "subnet-a1" is a subnet; expected the id of a route table"#),
            (Set("/vpc_endpoints/0/route_tables/0", r#""rtb-b""#), r#"vpc_endpoints[0].route_tables[0]: "rtb-b" is a route table of vpc-b, and endpoint vpce-s3 is in vpc-a: an endpoint only adds routes to its own VPC's tables"#),
            (Set("/vpc_endpoints/1/subnets/1", r#""subnet-nope""#), r#"vpc_endpoints[1].subnets[1]: "subnet-nope" names nothing in this scenario; expected the id of a subnet"#),
            (Set("/vpc_endpoints/1/subnets/1", r#""subnet-b1""#), r#"vpc_endpoints[1].subnets[1]: "subnet-b1" is a subnet of vpc-b, and endpoint vpce-kds is in vpc-a: an endpoint's network interfaces are in its own VPC's subnets"#),
            (Remove("/vpc_endpoints/1/private_ips/1"), "vpc_endpoints[1].private_ips: an interface endpoint has one private IP per subnet: vpce-kds has 2 subnet(s) and 1 private IP(s)"),
            (Set("/vpc_endpoints/0/service", r#""com.amazonaws.us-east-1.sqs""#), r#"vpc_endpoints[0].service: "com.amazonaws.us-east-1.sqs" has no gateway endpoint: gateway endpoints exist only for s3 and dynamodb; use an interface endpoint"#),
            (Set("/vpc_endpoints/1/service", r#""kinesis""#), r#"vpc_endpoints[1].service: "kinesis" is not an AWS service name: expected com.amazonaws.REGION.SERVICE, e.g. "com.amazonaws.us-east-1.s3""#),
            (Set("/vpc_endpoints/1/service", r#""com.amazonaws..sqs""#), r#"vpc_endpoints[1].service: "com.amazonaws..sqs" is not an AWS service name: expected com.amazonaws.REGION.SERVICE, e.g. "com.amazonaws.us-east-1.s3""#),
            (Set("/vpn_gateways/0/vpc", r#""vpc-gone""#), r#"vpn_gateways[0].vpc: "vpc-gone" names nothing in this scenario; expected the id of a VPC"#),
            (Push("/vpn_gateways", r#"{"id": "vgw-2", "vpc": "vpc-a"}"#), "vpn_gateways[1].vpc: vpc-a already has VPN gateway vgw-a attached: a VPC has at most one"),
            (Set("/customer_gateways/0/network", r#""hq-pc""#), r#"customer_gateways[0].network: "hq-pc" is an on-premises host; expected the id of an on-premises network"#),
            (Set("/vpn_connections/0/vpn_gateway", r#""vpc-a""#), r#"vpn_connections[0].vpn_gateway: "vpc-a" is a VPC; expected the id of a VPN gateway"#),
            (Set("/vpn_connections/0/customer_gateway", r#""cgw-x""#), r#"vpn_connections[0].customer_gateway: "cgw-x" names nothing in this scenario; expected the id of a customer gateway"#),
            (Set("/dx_connections/0/network", r#""example""#), r#"dx_connections[0].network: "example" is an internet host; expected the id of an on-premises network"#),
            (Set("/dx_virtual_interfaces/0/connection", r#""dxvif-pub""#), r#"dx_virtual_interfaces[0].connection: "dxvif-pub" is a Direct Connect virtual interface; expected the id of a Direct Connect connection"#),
            (Set("/dx_virtual_interfaces/0/vpn_gateway", r#""igw-a""#), r#"dx_virtual_interfaces[0].vpn_gateway: "igw-a" is an internet gateway; expected the id of a VPN gateway"#),
            (Remove("/dx_virtual_interfaces/0/vpn_gateway"), r#"dx_virtual_interfaces[0].vpn_gateway: private virtual interface dxvif-1 needs "vpn_gateway": the virtual private gateway it connects to"#),
            (Set("/dx_virtual_interfaces/1/vpn_gateway", r#""vgw-a""#), r#"dx_virtual_interfaces[1].vpn_gateway: public virtual interface dxvif-pub reaches AWS public services and attaches to no VPN gateway: remove "vpn_gateway" or make it "private""#),
            (Set("/onprem_networks/0/routes/0/via", r#""dxcon-1""#), r#"onprem_networks[0].routes[0].via: "dxcon-1" is a Direct Connect connection; expected the id of a VPN connection or a Direct Connect virtual interface"#),
            (Push("/onprem_networks", r#"{"id": "onprem-b", "cidrs": ["172.16.0.0/12"], "routes": [{"destination": "10.0.0.0/16", "via": "vpn-1"}]}"#), r#"onprem_networks[1].routes[0].via: "vpn-1" ends in on-premises network onprem-hq, not in onprem-b: a network can only send traffic over its own links"#),
            (Set("/lesson/trace/from", r#""subnet-a1""#), r#"lesson.trace.from: "subnet-a1" is a subnet; expected the id of an instance, an on-premises host or an internet host"#),
            (Set("/lesson/trace/from", r#""nobody""#), r#"lesson.trace.from: "nobody" names nothing in this scenario; expected the id of an instance, an on-premises host or an internet host"#),
        ];
        for (op, want) in cases {
            let got = load(&apply(op)).map(|_| ()).map_err(|e| e.to_string());
            assert_eq!(got, Err(want.to_string()));
        }
    }

    #[test]
    fn whole_document_errors() {
        let cases: &[(&str, &str)] = &[
            ("", "the document is empty: a scenario is a JSON object starting with {\"format\": \"vpc-playground/1\""),
            ("{\"format\": \"vpc-playground/1\",\n  \"vpcs\": []\n  \"subnets\": []}", "not valid JSON: expected `,` or `}` at line 3 column 3"),
            ("[1, 2]", "a scenario is a JSON object ({\"format\": \"vpc-playground/1\", ...}), not an array"),
            ("\"vpc-playground/1\"", "a scenario is a JSON object ({\"format\": \"vpc-playground/1\", ...}), not \"vpc-playground/1\""),
            ("\u{feff}{\"format\": \"vpc-playground/1\"}", ""),
            ("{\"Vpcs\": []}", "format: a scenario needs \"format\": \"vpc-playground/1\" (this looks like AWS CLI output, with \"Vpcs\": import describe-* output with Paste from AWS CLI, or vpcctl import)"),
        ];
        for (input, want) in cases {
            let got = load(input)
                .map(|_| String::new())
                .unwrap_or_else(|e| e.to_string());
            assert_eq!(&got, want, "{input:?}");
        }
    }

    /// `load`'s three steps (an app runs them in separate tasks): each refuses what it owns,
    /// with the error `load` gives.
    #[test]
    fn each_step_of_the_load_refuses_what_it_owns() {
        #[derive(Debug, PartialEq)]
        enum Step {
            Parse,
            Read,
            Resolve,
        }
        let steps = |doc: &str| -> Result<Loaded, (Step, LoadError)> {
            let parsed = parse(doc).map_err(|e| (Step::Parse, e))?;
            let s = parsed.scenario().map_err(|e| (Step::Read, e))?;
            Loaded::new(s).map_err(|e| (Step::Resolve, e))
        };
        let unknown_key = full_with(|v| v["subnets"][0]["colour"] = "red".into());
        let format_1_with_groups = full_with(|v| v["security_groups"] = serde_json::json!([]));
        let dangling = full_with(|v| v["subnets"][0]["vpc"] = "vpc-nowhere".into());
        let cases: &[(&str, Option<Step>)] = &[
            (FULL, None),
            ("{\"format\": ", Some(Step::Parse)),
            ("{\"format\": \"vpc-playground/9\"}", Some(Step::Parse)),
            (&unknown_key, Some(Step::Read)),
            (&format_1_with_groups, Some(Step::Read)),
            (&dangling, Some(Step::Resolve)),
        ];
        for (doc, refused_by) in cases {
            match (steps(doc), load(doc)) {
                (Ok(a), Ok(b)) => assert!(refused_by.is_none() && a == b, "{doc:.60}"),
                (Err((step, a)), Err(b)) => {
                    assert_eq!(Some(&step), refused_by.as_ref(), "{a}");
                    assert_eq!(a, b);
                }
                (a, b) => panic!(
                    "the steps and load disagree on {doc:.60}: {:?} / {:?}",
                    a.err(),
                    b.err()
                ),
            }
        }
    }

    #[test]
    fn documents_over_the_limit_are_refused_before_parsing() {
        let pad = " ".repeat(MAX_SCENARIO_BYTES);
        let big = format!("{{\"format\": \"vpc-playground/1\"}}{pad}");
        let err = load(&big).unwrap_err();
        assert_eq!(err.path, "");
        assert_eq!(
            err.message,
            format!(
                "the document is {} bytes; a scenario may be at most 2097152 bytes (2 MiB)",
                big.len()
            )
        );
        // Exactly at the limit still loads.
        let head = "{\"format\": \"vpc-playground/1\"}";
        let at_limit = format!("{head}{}", " ".repeat(MAX_SCENARIO_BYTES - head.len()));
        assert_eq!(at_limit.len(), MAX_SCENARIO_BYTES);
        assert!(load(&at_limit).is_ok());
    }

    #[test]
    fn long_values_are_cut_in_messages() {
        let doc = full_with(|v| {
            *v.pointer_mut("/subnets/0/cidr").unwrap() = Value::String("9".repeat(5000));
        });
        let err = load(&doc).unwrap_err();
        assert_eq!(err.path, "subnets[0].cidr");
        assert_eq!(err.message.chars().count(), MAX_MESSAGE_CHARS + 1);
        assert!(err.message.ends_with('…'));
    }

    #[test]
    fn round_trip_gives_an_equal_scenario() {
        for doc in [
            FULL,
            include_str!("../scenarios/01-transitive-peering.json"),
        ] {
            let first = load(doc).unwrap();
            let written = serde_json::to_string(&first).unwrap();
            let second = load(&written).unwrap();
            assert_eq!(first, second);
        }
    }

    #[test]
    fn aws_cli_output_is_refused_with_a_clear_error() {
        // Published `aws ec2 describe-*` outputs (with AWS's own mistakes), copied from the
        // project's shared folder so a bare clone exercises them too.
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/aws-cli-samples");
        let entries = std::fs::read_dir(dir).expect("the AWS CLI samples ship with the crate");
        let mut seen = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let err = load(&text).expect_err("AWS CLI output is not a scenario");
            assert!(!err.message.is_empty(), "{}", path.display());
            // Each is either not JSON at all (some samples are cut) or lacks `format`.
            assert!(
                err.path == "format"
                    || err.message.starts_with("not valid JSON")
                    || err.path.is_empty(),
                "{}: {err}",
                path.display()
            );
            seen += 1;
        }
        assert!(seen > 0, "no samples found in {dir}");
    }

    /// `doc` with each edit made at a position (wrapped to its length): the character there
    /// deleted, or replaced by the one given. The mutation of the never-panics tests here,
    /// in `filters.rs` and in `tgw.rs`.
    pub(super) fn mutated(doc: &str, edits: Vec<(usize, char, bool)>) -> String {
        let mut chars: Vec<char> = doc.chars().collect();
        for (at, ch, delete) in edits {
            let i = at % chars.len();
            if delete {
                chars.remove(i);
            } else {
                chars[i] = ch;
            }
        }
        chars.into_iter().collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn never_panics_on_arbitrary_text(s in "\\PC{0,200}") {
            let _ = load(&s);
        }

        #[test]
        fn never_panics_on_a_mutated_document(
            edits in proptest::collection::vec((0usize..10_000, proptest::char::any(), any::<bool>()), 1..4)
        ) {
            let doc = mutated(FULL, edits);
            // What loads is whole: it validates without panicking and survives a round trip.
            if let Ok(s) = load(&doc) {
                let _ = crate::validate::validate(&s);
                let again = load(&serde_json::to_string(&s).unwrap());
                prop_assert_eq!(again, Ok(s));
            }
        }

        /// Replacing one token-like piece with another exercises the checks past parsing.
        #[test]
        fn never_panics_when_values_are_swapped(
            from in 0usize..400, to in 0usize..400,
        ) {
            let strings: Vec<&str> = FULL.split('"').collect();
            let (Some(a), Some(b)) = (strings.get(from % strings.len()), strings.get(to % strings.len())) else {
                return Ok(());
            };
            let doc = FULL.replacen(&format!("\"{a}\""), &format!("\"{b}\""), 1);
            if let Ok(s) = load(&doc) {
                let _ = crate::validate::validate(&s);
            }
        }
    }
}
