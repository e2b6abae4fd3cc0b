//! Findings about format 2's filters (`docs/scenario-format.md` N6): groups of another
//! VPC or too many on one interface, group references that reach nothing, repeated
//! defaults, duplicate ACL rule numbers and subnets, ACL subnets of another VPC. Each names
//! the JSON path of the value to change; `validate` puts them in document order.

use crate::finding::{Finding, FindingCode as Code};
use crate::index::{At, Filters, Index, Peer, Sg};
use crate::load::Loaded;
use crate::model::{AclRule, NetworkAcl, Scenario, SecurityGroup, Subnet, Vpc};
use std::collections::{HashMap, HashSet};

/// Most security groups one network interface can be in (quota: 5 by default).
/// <https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups>
pub const MAX_GROUPS_PER_INTERFACE: usize = 5;

/// Every filter finding of a format 2 scenario (none for format 1).
pub(super) fn findings(l: &Loaded, out: &mut Vec<Finding>) {
    let Some(f) = l.index().filters() else {
        return;
    };
    let s = l.scenario();
    interface_groups(s, l.index(), out);
    group_references(s, f, out);
    repeated_defaults(s, out);
    acl_rule_numbers(s, out);
    acl_subnets(s, l.index(), out);
}

/// A resource with a network interface: its id, JSON path, VPC and written groups.
type Interface<'a> = (&'a str, String, Option<At<Vpc>>, &'a [String]);

/// Every interface's groups and the VPC it is in: instances, then interface endpoints.
fn interfaces<'a>(s: &'a Scenario, ix: &Index) -> Vec<Interface<'a>> {
    let instances = s.instances.iter().enumerate().map(|(i, x)| {
        let vpc = ix
            .at::<Subnet>(&x.subnet)
            .and_then(|sub| ix.subnet_vpc(sub));
        (
            x.id.as_str(),
            format!("instances[{i}]"),
            vpc,
            x.security_groups.as_slice(),
        )
    });
    let endpoints = s.vpc_endpoints.iter().enumerate().map(|(i, e)| {
        let vpc = ix.at::<Vpc>(&e.vpc);
        (
            e.id.as_str(),
            format!("vpc_endpoints[{i}]"),
            vpc,
            e.security_groups.as_slice(),
        )
    });
    instances.chain(endpoints).collect()
}

/// SECURITY_GROUP_OTHER_VPC and SECURITY_GROUP_LIMIT, on the interface (N6.1, N6.4).
/// <https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html>
fn interface_groups(s: &Scenario, ix: &Index, out: &mut Vec<Finding>) {
    for (id, here, vpc, groups) in interfaces(s, ix) {
        let Some(vpc) = vpc else { continue };
        let vpc_id = vpc_id(s, vpc);
        for (j, g) in groups.iter().enumerate() {
            let other = group_vpc(s, ix, g).filter(|v| *v != vpc);
            if let Some(other) = other {
                out.push(Finding::new(
                    Code::SecurityGroupOtherVpc,
                    id,
                    format!("{here}.security_groups[{j}]"),
                    format!(
                        "{id} is in {vpc_id} but its group {g} belongs to {}: AWS only attaches a VPC's own security groups to its network interfaces (the playground still applies it).",
                        vpc_id_of(s, other)
                    ),
                ));
            }
        }
        if groups.len() > MAX_GROUPS_PER_INTERFACE {
            out.push(Finding::new(
                Code::SecurityGroupLimit,
                id,
                format!("{here}.security_groups"),
                format!(
                    "{id} is in {} security groups: a network interface can be in at most {MAX_GROUPS_PER_INTERFACE} (all of them still apply here).",
                    groups.len()
                ),
            ));
        }
    }
}

/// The VPC of a group named by id (written, or `VPCID:default-sg`).
fn group_vpc(s: &Scenario, ix: &Index, id: &str) -> Option<At<Vpc>> {
    match ix.at::<SecurityGroup>(id) {
        Some(g) => s
            .security_groups
            .get(g.pos())
            .and_then(|g| ix.at::<Vpc>(&g.vpc)),
        None => id
            .strip_suffix(crate::model::IMPLICIT_SG_SUFFIX)
            .and_then(|v| ix.at::<Vpc>(v)),
    }
}

fn vpc_id(s: &Scenario, v: At<Vpc>) -> &str {
    s.vpcs.get(v.pos()).map_or("", |v| v.id.as_str())
}
fn vpc_id_of(s: &Scenario, v: At<Vpc>) -> String {
    vpc_id(s, v).to_string()
}

/// SECURITY_GROUP_REFERENCE (warning), one per rule whose group peer is out of reach: not
/// the same VPC, and no active same-Region peering between the two (N2.3, N6.2).
/// <https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html>
fn group_references(s: &Scenario, f: &Filters, out: &mut Vec<Finding>) {
    for (i, g) in s.security_groups.iter().enumerate() {
        let Some(rules) = f.group(Sg::Written(At::new(i))) else {
            continue;
        };
        let ingress = rules
            .ingress
            .iter()
            .map(|r| ("ingress", "source", "from", r));
        let egress = rules
            .egress
            .iter()
            .map(|r| ("egress", "destination", "to", r));
        for (list, key, way, rule) in ingress.chain(egress) {
            let Peer::Group(h) = rule.peer else { continue };
            let Some(to) = f.vpc_of_group(h) else {
                continue;
            };
            let crate::index::RuleSource::Written(j) = rule.source else {
                continue;
            };
            if f.reference_reaches(rules.vpc, to) {
                continue;
            }
            let (from_vpc, to_vpc) = (vpc_id(s, rules.vpc), vpc_id(s, to));
            out.push(Finding::new(
                Code::SecurityGroupReference,
                &g.id,
                format!("security_groups[{i}].{list}[{j}].{key}"),
                format!(
                    "{}'s {list} rule {way} {h} matches nothing: {h} is a group of {to_vpc}, which is not joined to {from_vpc} by an active peering in the same Region (name a CIDR instead: it works across Regions and transit gateways).",
                    g.id,
                    h = h.id(s)
                ),
            ));
        }
    }
}

/// SECURITY_GROUP_DEFAULT and NACL_DEFAULT: the later written default of one VPC (N5.1,
/// N5.2, N6.3).
fn repeated_defaults(s: &Scenario, out: &mut Vec<Finding>) {
    let groups = s
        .security_groups
        .iter()
        .map(|g| (g.id.as_str(), g.vpc.as_str(), g.default));
    let acls = s
        .network_acls
        .iter()
        .map(|a| (a.id.as_str(), a.vpc.as_str(), a.default));
    let kinds = [
        (
            Code::SecurityGroupDefault,
            "security_groups",
            "security group",
            groups.collect::<Vec<_>>(),
        ),
        (
            Code::NaclDefault,
            "network_acls",
            "network ACL",
            acls.collect(),
        ),
    ];
    for (code, list, what, items) in kinds {
        let mut first: HashMap<&str, &str> = HashMap::new();
        for (i, (id, vpc, default)) in items.into_iter().enumerate() {
            if !default {
                continue;
            }
            if let Some(before) = first.get(vpc) {
                out.push(Finding::new(
                    code,
                    id,
                    format!("{list}[{i}].default"),
                    format!(
                        "{vpc} already has a default {what}, {before}: a VPC has one default, so {id} is not used as the default."
                    ),
                ));
            } else {
                first.insert(vpc, id);
            }
        }
    }
}

/// NACL_DUPLICATE_RULE: one rule number twice in one direction of an ACL, on the later
/// rule (N3.2, N6.5).
fn acl_rule_numbers(s: &Scenario, out: &mut Vec<Finding>) {
    for (i, a) in s.network_acls.iter().enumerate() {
        for (list, rules) in [("ingress", &a.ingress), ("egress", &a.egress)] {
            duplicate_numbers(a, i, list, rules, out);
        }
    }
}

fn duplicate_numbers(
    a: &NetworkAcl,
    i: usize,
    list: &str,
    rules: &[AclRule],
    out: &mut Vec<Finding>,
) {
    let mut seen = HashSet::new();
    for (j, r) in rules.iter().enumerate() {
        if !seen.insert(r.rule) {
            out.push(Finding::new(
                Code::NaclDuplicateRule,
                &a.id,
                format!("network_acls[{i}].{list}[{j}].rule"),
                format!(
                    "{} has two {list} rules numbered {}: rule numbers are unique in each direction (the playground uses the first).",
                    a.id, r.rule
                ),
            ));
        }
    }
}

/// NACL_DUPLICATE_SUBNET (a subnet already listed by another ACL) and SUBNET_OTHER_VPC (a
/// subnet of another VPC), on the ACL; both entries are ignored (N3.1, N6.6, N6.8).
fn acl_subnets(s: &Scenario, ix: &Index, out: &mut Vec<Finding>) {
    let mut taken: HashMap<At<Subnet>, &str> = HashMap::new();
    for (i, a) in s.network_acls.iter().enumerate() {
        let vpc = ix.at::<Vpc>(&a.vpc);
        for (j, id) in a.subnets.iter().enumerate() {
            let Some(subnet) = ix.at::<Subnet>(id) else {
                continue;
            };
            let path = format!("network_acls[{i}].subnets[{j}]");
            let its_vpc = ix.subnet_vpc(subnet);
            if its_vpc != vpc {
                let other = its_vpc.map_or("", |v| vpc_id(s, v));
                out.push(Finding::new(
                    Code::SubnetOtherVpc,
                    &a.id,
                    path,
                    format!(
                        "{} belongs to {} and {id} is a subnet of {other}: a network ACL is associated only with its own VPC's subnets, so this entry is ignored.",
                        a.id, a.vpc
                    ),
                ));
                continue;
            }
            match taken.get(&subnet) {
                Some(first) if *first != a.id => out.push(Finding::new(
                    Code::NaclDuplicateSubnet,
                    &a.id,
                    path,
                    format!(
                        "{id} is already associated with network ACL {first}: a subnet has one network ACL, so this entry is ignored."
                    ),
                )),
                Some(_) => {}
                None => {
                    taken.insert(subnet, &a.id);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::load::fixtures::{apply_all, Op, FULL2};
    use crate::load::load;
    use crate::validate::validate;
    use crate::Severity;
    use Op::*;

    fn findings(extra: &[Op]) -> Vec<(String, String, String, String)> {
        let ops: Vec<Op> = FULL2.iter().chain(extra).cloned().collect();
        let l = load(&apply_all(&ops)).unwrap_or_else(|e| panic!("loads: {e}"));
        validate(&l)
            .into_iter()
            .map(|f| (f.code.as_str().to_string(), f.resource, f.path, f.message))
            .collect()
    }

    #[test]
    fn the_format_2_fixture_has_no_findings() {
        assert_eq!(findings(&[]), vec![]);
    }

    #[test]
    fn each_filter_code_is_found_with_its_message() {
        let vpc_c = r#"{"id": "vpc-c", "region": "eu-west-1", "cidrs": ["10.2.0.0/16"]}"#;
        type Row<'a> = (&'a str, &'a str, &'a str, &'a str);
        let cases: &[(&[Op], &[Row])] = &[
            (
                &[Set("/instances/2/security_groups", r#"["sg-web"]"#)],
                &[("SECURITY_GROUP_OTHER_VPC", "i-b", "instances[2].security_groups[0]", "i-b is in vpc-b but its group sg-web belongs to vpc-a: AWS only attaches a VPC's own security groups to its network interfaces (the playground still applies it).")],
            ),
            (
                &[Set("/vpc_endpoints/1/security_groups", r#"["vpc-b:default-sg", "sg-admin"]"#)],
                &[("SECURITY_GROUP_OTHER_VPC", "vpce-kds", "vpc_endpoints[1].security_groups[0]", "vpce-kds is in vpc-a but its group vpc-b:default-sg belongs to vpc-b: AWS only attaches a VPC's own security groups to its network interfaces (the playground still applies it).")],
            ),
            (
                &[Set("/instances/0/security_groups", r#"["sg-web", "sg-admin", "sg-a-default", "sg-5", "sg-6", "sg-7"]"#),
                  Push("/security_groups", r#"{"id": "sg-5", "vpc": "vpc-a"}"#),
                  Push("/security_groups", r#"{"id": "sg-6", "vpc": "vpc-a"}"#),
                  Push("/security_groups", r#"{"id": "sg-7", "vpc": "vpc-a"}"#)],
                &[("SECURITY_GROUP_LIMIT", "i-a", "instances[0].security_groups", "i-a is in 6 security groups: a network interface can be in at most 5 (all of them still apply here).")],
            ),
            (
                // Over a pending peering, and across Regions: one warning per rule.
                &[Set("/peering_connections/0/status", r#""pending-acceptance""#)],
                &[("SECURITY_GROUP_REFERENCE", "sg-web", "security_groups[0].egress[0].destination", "sg-web's egress rule to vpc-b:default-sg matches nothing: vpc-b:default-sg is a group of vpc-b, which is not joined to vpc-a by an active peering in the same Region (name a CIDR instead: it works across Regions and transit gateways).")],
            ),
            (
                &[Set("/vpcs/1/region", r#""eu-west-1""#), Set("/security_groups/0/ingress/0/source", r#""vpc-b:default-sg""#)],
                &[("INTER_REGION_PEERING", "pcx-ab", "peering_connections[0]", "pcx-ab joins vpc-a in us-east-1 and vpc-b in eu-west-1: inter-Region peering has been allowed since late 2017, though older study material says peering is same-Region only."),
                  ("SECURITY_GROUP_REFERENCE", "sg-web", "security_groups[0].ingress[0].source", "sg-web's ingress rule from vpc-b:default-sg matches nothing: vpc-b:default-sg is a group of vpc-b, which is not joined to vpc-a by an active peering in the same Region (name a CIDR instead: it works across Regions and transit gateways)."),
                  ("SECURITY_GROUP_REFERENCE", "sg-web", "security_groups[0].egress[0].destination", "sg-web's egress rule to vpc-b:default-sg matches nothing: vpc-b:default-sg is a group of vpc-b, which is not joined to vpc-a by an active peering in the same Region (name a CIDR instead: it works across Regions and transit gateways).")],
            ),
            (
                // No peering at all with a third VPC.
                &[Push("/vpcs", vpc_c), Push("/security_groups", r#"{"id": "sg-c", "vpc": "vpc-c", "ingress": [{"protocol": "all", "source": "sg-web"}]}"#)],
                &[("SECURITY_GROUP_REFERENCE", "sg-c", "security_groups[3].ingress[0].source", "sg-c's ingress rule from sg-web matches nothing: sg-web is a group of vpc-a, which is not joined to vpc-c by an active peering in the same Region (name a CIDR instead: it works across Regions and transit gateways).")],
            ),
            (
                &[Push("/security_groups", r#"{"id": "sg-a-default2", "vpc": "vpc-a", "default": true}"#)],
                &[("SECURITY_GROUP_DEFAULT", "sg-a-default2", "security_groups[3].default", "vpc-a already has a default security group, sg-a-default: a VPC has one default, so sg-a-default2 is not used as the default.")],
            ),
            (
                &[Push("/network_acls", r#"{"id": "acl-d1", "vpc": "vpc-b", "default": true}"#),
                  Push("/network_acls", r#"{"id": "acl-d2", "vpc": "vpc-b", "default": true}"#)],
                &[("NACL_DEFAULT", "acl-d2", "network_acls[2].default", "vpc-b already has a default network ACL, acl-d1: a VPC has one default, so acl-d2 is not used as the default.")],
            ),
            (
                &[Push("/network_acls/0/ingress", r#"{"rule": 90, "protocol": "all", "cidr": "10.0.0.0/8", "action": "allow"}"#),
                  Push("/network_acls/0/egress", r#"{"rule": 90, "protocol": "all", "cidr": "10.0.0.0/8", "action": "allow"}"#)],
                &[("NACL_DUPLICATE_RULE", "acl-a1", "network_acls[0].ingress[2].rule", "acl-a1 has two ingress rules numbered 90: rule numbers are unique in each direction (the playground uses the first).")],
            ),
            (
                &[Push("/network_acls", r#"{"id": "acl-a2", "vpc": "vpc-a", "subnets": ["subnet-a2", "subnet-a1", "subnet-b1"]}"#)],
                &[("NACL_DUPLICATE_SUBNET", "acl-a2", "network_acls[1].subnets[1]", "subnet-a1 is already associated with network ACL acl-a1: a subnet has one network ACL, so this entry is ignored."),
                  ("SUBNET_OTHER_VPC", "acl-a2", "network_acls[1].subnets[2]", "acl-a2 belongs to vpc-a and subnet-b1 is a subnet of vpc-b: a network ACL is associated only with its own VPC's subnets, so this entry is ignored.")],
            ),
        ];
        for (ops, want) in cases {
            let want: Vec<(String, String, String, String)> = want
                .iter()
                .map(|(c, r, p, m)| (c.to_string(), r.to_string(), p.to_string(), m.to_string()))
                .collect();
            assert_eq!(findings(ops), want);
        }
    }

    #[test]
    fn a_reference_is_a_warning_and_findings_keep_document_order() {
        let ops: Vec<Op> = FULL2
            .iter()
            .cloned()
            .chain([
                Set("/peering_connections/0/status", r#""rejected""#),
                Set("/instances/2/security_groups", r#"["sg-web"]"#),
                Set("/vpcs/0/cidrs/1", r#""10.50.0.0/29""#),
            ])
            .collect();
        let l = load(&apply_all(&ops)).unwrap();
        let got: Vec<(&str, Severity)> = validate(&l)
            .iter()
            .map(|f| (f.code.as_str(), f.severity))
            .collect();
        assert_eq!(
            got,
            [
                ("CIDR_SIZE", Severity::Error),
                ("SECURITY_GROUP_OTHER_VPC", Severity::Error),
                ("SECURITY_GROUP_REFERENCE", Severity::Warning),
            ]
        );
    }
}
