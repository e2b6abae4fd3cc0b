//! Stage 4 of loading for format 2's filters (`docs/scenario-format.md` N2-N5): each
//! group's and ACL's VPC, each rule's traffic (protocol and ports together) and peer (a
//! catalog prefix list of the group's Region, a written or implicit group), ACL subnets,
//! the groups of each network interface, the lesson's packet, and the implicit default
//! group and ACL of each VPC. Everything resolved goes into the index's [`Filters`].
//!
//! A format 1 document may hold none of it (N1.2): a scenario built in code is refused
//! here, a document already by `format2.rs`.

use super::format2::{format1_message, GATEWAY_ENDPOINT_GROUPS};
use super::refs::{expect_one, id_of};
use super::LoadError;
use crate::catalog::{self, ServiceEntry};
use crate::index::{
    Acl, AclEntry, AclRules, At, Eni, Filters, GroupRules, Index, Peer, RuleSource, Sg, SgRule,
};
use crate::model::{
    AclRule, EndpointType, Scenario, SecurityGroup, SgPeer, Subnet, Vpc, IMPLICIT_ACL_SUFFIX,
    IMPLICIT_SG_SUFFIX,
};
use crate::packet::{PortRange, Protocol, RuleProtocol, Traffic};

/// Checks and resolves format 2's filters into `ix`; in format 1, refuses any of them.
pub(super) fn check(s: &Scenario, ix: &mut Index) -> Result<(), LoadError> {
    if !s.format.filters() {
        return match format2_content(s) {
            Some((path, key)) => Err(LoadError::at(path, format1_message(key))),
            None => Ok(()),
        };
    }
    implicit_ids(s, ix)?;
    let mut f = Filters::default();
    defaults(s, ix, &mut f)?;
    group_rules(s, ix, &mut f)?;
    acl_rules(s, ix, &mut f)?;
    eni_groups(s, ix, &mut f)?;
    members(s, &mut f);
    referable(s, ix, &mut f);
    lesson_packet(s)?;
    ix.filters = Some(f);
    Ok(())
}

/// The first format 2 value of a scenario (its path and key), in document order.
fn format2_content(s: &Scenario) -> Option<(String, &'static str)> {
    let key = "security_groups";
    let instance = s
        .instances
        .iter()
        .position(|x| !x.security_groups.is_empty());
    let endpoint = s
        .vpc_endpoints
        .iter()
        .position(|x| !x.security_groups.is_empty());
    let trace = s.lesson.as_ref().and_then(|l| l.trace.as_ref());
    if let Some(i) = instance {
        Some((format!("instances[{i}].{key}"), key))
    } else if let Some(i) = endpoint {
        Some((format!("vpc_endpoints[{i}].{key}"), key))
    } else if !s.security_groups.is_empty() {
        Some((key.to_string(), key))
    } else if !s.network_acls.is_empty() {
        Some(("network_acls".to_string(), "network_acls"))
    } else if trace.is_some_and(|t| t.protocol.is_some()) {
        Some(("lesson.trace.protocol".to_string(), "protocol"))
    } else if trace.is_some_and(|t| t.port.is_some()) {
        Some(("lesson.trace.port".to_string(), "port"))
    } else {
        None
    }
}

/// No written id takes the form of a VPC's implicit group or ACL id (N5.3).
fn implicit_ids(s: &Scenario, ix: &Index) -> Result<(), LoadError> {
    for (id, p) in s.positions() {
        let implicit = [
            (IMPLICIT_SG_SUFFIX, "security group"),
            (IMPLICIT_ACL_SUFFIX, "network ACL"),
        ]
        .into_iter()
        .find_map(|(suffix, what)| {
            let vpc = id.strip_suffix(suffix)?;
            ix.at::<Vpc>(vpc).map(|_| (vpc, what))
        });
        if let Some((vpc, what)) = implicit {
            return Err(LoadError::at(
                format!("{}.id", p.path()),
                format!(
                    "{id:?} is the id of {vpc}'s implicit default {what}: a written resource needs another id (a written default is marked \"default\": true)"
                ),
            ));
        }
    }
    Ok(())
}

/// Each group's and ACL's VPC, and each VPC's default group and ACL: the first written
/// with `"default": true`, else the implicit one (N5.1, N5.2).
fn defaults(s: &Scenario, ix: &Index, f: &mut Filters) -> Result<(), LoadError> {
    f.default_sg = (0..s.vpcs.len())
        .map(|v| Sg::Implicit(At::new(v)))
        .collect();
    f.default_acl = (0..s.vpcs.len())
        .map(|v| Acl::Implicit(At::new(v)))
        .collect();
    f.implicit_groups = (0..s.vpcs.len())
        .map(|v| GroupRules::implicit(At::new(v)))
        .collect();
    f.implicit_acls = (0..s.vpcs.len())
        .map(|v| AclRules::implicit(At::new(v)))
        .collect();
    for (i, g) in s.security_groups.iter().enumerate() {
        let vpc = expect_one::<Vpc>(ix, &format!("security_groups[{i}].vpc"), &g.vpc)?;
        let slot = f.default_sg.get_mut(vpc.pos());
        if let (true, Some(slot @ Sg::Implicit(_))) = (g.default, slot) {
            *slot = Sg::Written(At::new(i));
        }
        f.groups.push(GroupRules {
            vpc,
            ingress: Vec::new(),
            egress: Vec::new(),
        });
    }
    for (i, a) in s.network_acls.iter().enumerate() {
        let vpc = expect_one::<Vpc>(ix, &format!("network_acls[{i}].vpc"), &a.vpc)?;
        let slot = f.default_acl.get_mut(vpc.pos());
        if let (true, Some(slot @ Acl::Implicit(_))) = (a.default, slot) {
            *slot = Acl::Written(At::new(i));
        }
        f.acls.push(AclRules {
            vpc,
            ingress: Vec::new(),
            egress: Vec::new(),
        });
    }
    Ok(())
}

/// `id` (at `path`) as a group: a written one, or a VPC's implicit default while that VPC
/// has no written default (N5.3).
fn group(s: &Scenario, ix: &Index, f: &Filters, path: &str, id: &str) -> Result<Sg, LoadError> {
    if let Some(g) = ix.at::<SecurityGroup>(id) {
        return Ok(Sg::Written(g));
    }
    let implicit = id
        .strip_suffix(IMPLICIT_SG_SUFFIX)
        .and_then(|v| ix.at::<Vpc>(v))
        .and_then(|v| f.default_group(v).map(|d| (v, d)));
    match implicit {
        Some((v, Sg::Implicit(_))) => Ok(Sg::Implicit(v)),
        Some((_, Sg::Written(g))) => Err(LoadError::at(
            path,
            format!(
                "{id:?} names an implicit default group, but this VPC's default group is the written {} (\"default\": true): name that instead",
                id_of(s, g)
            ),
        )),
        None => expect_one::<SecurityGroup>(ix, path, id).map(Sg::Written),
    }
}

/// A rule's traffic: `ports` with `tcp` and `udp`, none with `icmp` and `all` (N2.2).
fn traffic(path: &str, p: RuleProtocol, ports: Option<PortRange>) -> Result<Traffic, LoadError> {
    use crate::packet::TrafficError;
    Traffic::new(p, ports).map_err(|e| match e {
        TrafficError::MissingPorts(_) => LoadError::at(path, e.to_string()),
        TrafficError::UnexpectedPorts(_) => LoadError::at(format!("{path}.ports"), e.to_string()),
    })
}

/// A rule's peer (at `path`) resolved in a group of `vpc` (N2.3).
fn peer(
    s: &Scenario,
    ix: &Index,
    f: &Filters,
    vpc: At<Vpc>,
    path: &str,
    written: &SgPeer,
) -> Result<Peer, LoadError> {
    match written {
        SgPeer::Cidr(c) => Ok(Peer::Cidr(*c)),
        SgPeer::Group(id) => group(s, ix, f, path, id).map(Peer::Group),
        SgPeer::PrefixList(id) => {
            let region = s.vpcs.get(vpc.pos()).map_or("", |v| v.region.as_str());
            catalog::by_prefix_list(region, id)
                .map(Peer::PrefixList)
                .ok_or_else(|| LoadError::at(path, unknown_prefix_list(id, region)))
        }
    }
}

fn unknown_prefix_list(id: &str, region: &str) -> String {
    let known: Vec<String> = catalog::CATALOG
        .iter()
        .filter(|e: &&ServiceEntry| e.region == region)
        .filter_map(|e| e.prefix_list.map(|p| format!("{p} ({})", e.service)))
        .collect();
    if known.is_empty() {
        format!(
            "{id:?} is not a prefix list this playground knows: the catalog has none in {region:?}"
        )
    } else {
        format!(
            "{id:?} is not a prefix list of {region} (the group's Region): its prefix lists are {}",
            known.join(" and ")
        )
    }
}

/// Every written group's rules, resolved; a group with no `egress` key gets AWS's
/// allow-all outbound rule (N2.4).
fn group_rules(s: &Scenario, ix: &Index, f: &mut Filters) -> Result<(), LoadError> {
    for (i, g) in s.security_groups.iter().enumerate() {
        let here = format!("security_groups[{i}]");
        let Some(vpc) = f.groups.get(i).map(|r| r.vpc) else {
            continue;
        };
        let mut ingress = Vec::with_capacity(g.ingress.len());
        for (j, r) in g.ingress.iter().enumerate() {
            let path = format!("{here}.ingress[{j}]");
            ingress.push(SgRule {
                traffic: traffic(&path, r.protocol, r.ports)?,
                peer: peer(s, ix, f, vpc, &format!("{path}.source"), &r.source)?,
                source: RuleSource::Written(j),
            });
        }
        let mut egress = Vec::new();
        for (j, r) in g.egress_rules().iter().enumerate() {
            let path = format!("{here}.egress[{j}]");
            egress.push(SgRule {
                traffic: traffic(&path, r.protocol, r.ports)?,
                peer: peer(
                    s,
                    ix,
                    f,
                    vpc,
                    &format!("{path}.destination"),
                    &r.destination,
                )?,
                source: match g.egress {
                    Some(_) => RuleSource::Written(j),
                    None => RuleSource::Aws,
                },
            });
        }
        if let Some(slot) = f.groups.get_mut(i) {
            slot.ingress = ingress;
            slot.egress = egress;
        }
    }
    Ok(())
}

/// Every written ACL's rules (ascending by number) and subnets; each subnet's ACL: the
/// first ACL of its VPC listing it, else the VPC's default (N3, N5.2). A subnet of another
/// VPC, or one already listed, is left out here (findings `SUBNET_OTHER_VPC`,
/// `NACL_DUPLICATE_SUBNET`).
fn acl_rules(s: &Scenario, ix: &Index, f: &mut Filters) -> Result<(), LoadError> {
    let mut subnet_acl: Vec<Option<Acl>> = vec![None; s.subnets.len()];
    for (i, a) in s.network_acls.iter().enumerate() {
        let here = format!("network_acls[{i}]");
        let Some(vpc) = f.acls.get(i).map(|r| r.vpc) else {
            continue;
        };
        for (j, sub) in a.subnets.iter().enumerate() {
            let subnet = expect_one::<Subnet>(ix, &format!("{here}.subnets[{j}]"), sub)?;
            let own = ix.subnet_vpc(subnet) == Some(vpc);
            if let (true, Some(slot @ None)) = (own, subnet_acl.get_mut(subnet.pos())) {
                *slot = Some(Acl::Written(At::new(i)));
            }
        }
        let ingress = acl_direction(&format!("{here}.ingress"), &a.ingress)?;
        let egress = acl_direction(&format!("{here}.egress"), &a.egress)?;
        if let Some(slot) = f.acls.get_mut(i) {
            slot.ingress = ingress;
            slot.egress = egress;
        }
    }
    f.subnet_acl = subnet_acl
        .into_iter()
        .zip(&ix.subnet_vpc)
        .map(|(own, vpc)| own.unwrap_or(Acl::Implicit(*vpc)))
        .map(|acl| match acl {
            Acl::Implicit(v) => f.default_acl(v).unwrap_or(acl),
            written => written,
        })
        .collect();
    Ok(())
}

/// One direction of an ACL, sorted by rule number (stable: equal numbers keep document order).
fn acl_direction(here: &str, rules: &[AclRule]) -> Result<Vec<AclEntry>, LoadError> {
    let mut out = Vec::with_capacity(rules.len());
    for (j, r) in rules.iter().enumerate() {
        out.push(AclEntry {
            number: r.rule,
            traffic: traffic(&format!("{here}[{j}]"), r.protocol, r.ports)?,
            cidr: r.cidr,
            action: r.action,
            source: RuleSource::Written(j),
        });
    }
    crate::stable_sort::sort_by_key(&mut out, |r| r.number);
    Ok(out)
}

/// The groups of each instance and endpoint: the written ones, or its VPC's default group
/// (N4.1). A gateway endpoint has none.
fn eni_groups(s: &Scenario, ix: &Index, f: &mut Filters) -> Result<(), LoadError> {
    let resolve = |f: &Filters, here: &str, ids: &[String], vpc: Option<At<Vpc>>| {
        let mut out = Vec::with_capacity(ids.len().max(1));
        for (j, id) in ids.iter().enumerate() {
            out.push(group(
                s,
                ix,
                f,
                &format!("{here}.security_groups[{j}]"),
                id,
            )?);
        }
        if out.is_empty() {
            out.extend(vpc.and_then(|v| f.default_group(v)));
        }
        Ok::<_, LoadError>(out)
    };
    let mut instance_groups = Vec::with_capacity(s.instances.len());
    for (i, x) in s.instances.iter().enumerate() {
        let vpc = ix
            .at::<Subnet>(&x.subnet)
            .and_then(|sub| ix.subnet_vpc(sub));
        instance_groups.push(resolve(
            f,
            &format!("instances[{i}]"),
            &x.security_groups,
            vpc,
        )?);
    }
    let mut endpoint_groups = Vec::with_capacity(s.vpc_endpoints.len());
    for (i, e) in s.vpc_endpoints.iter().enumerate() {
        let here = format!("vpc_endpoints[{i}]");
        if e.kind == EndpointType::Gateway {
            if !e.security_groups.is_empty() {
                return Err(LoadError::at(
                    format!("{here}.security_groups"),
                    GATEWAY_ENDPOINT_GROUPS,
                ));
            }
            endpoint_groups.push(Vec::new());
            continue;
        }
        endpoint_groups.push(resolve(f, &here, &e.security_groups, ix.at::<Vpc>(&e.vpc))?);
    }
    f.instance_groups = instance_groups;
    f.endpoint_groups = endpoint_groups;
    Ok(())
}

/// Each group's members: the network interfaces in it, with their private IPs.
fn members(s: &Scenario, f: &mut Filters) {
    let mut members = std::mem::take(&mut f.members);
    for (i, x) in s.instances.iter().enumerate() {
        let eni = Eni::Instance(At::new(i));
        for sg in f.groups_of(eni) {
            members.entry(*sg).or_default().push((x.private_ip, eni));
        }
    }
    for (i, e) in s.vpc_endpoints.iter().enumerate() {
        for (address, ip) in e.private_ips.iter().enumerate() {
            let eni = Eni::InterfaceEndpoint {
                endpoint: At::new(i),
                address,
            };
            for sg in f.groups_of(eni) {
                members.entry(*sg).or_default().push((*ip, eni));
            }
        }
    }
    f.members = members;
}

/// The pairs of VPCs whose groups may reference each other: joined by a peering that
/// carries traffic (`peering::blocked`) in one Region (N2.3).
fn referable(s: &Scenario, ix: &Index, f: &mut Filters) {
    for p in &s.peering_connections {
        let (Some(a), Some(b)) = (ix.at::<Vpc>(&p.requester), ix.at::<Vpc>(&p.accepter)) else {
            continue;
        };
        let (Some(va), Some(vb)) = (s.vpcs.get(a.pos()), s.vpcs.get(b.pos())) else {
            continue;
        };
        if crate::peering::blocked(p, va, vb).is_none() && va.region == vb.region {
            f.referable.insert((a, b), ());
            f.referable.insert((b, a), ());
        }
    }
}

/// The lesson's packet: no port with `icmp` (N4.2).
fn lesson_packet(s: &Scenario) -> Result<(), LoadError> {
    let trace = s.lesson.as_ref().and_then(|l| l.trace.as_ref());
    match trace {
        Some(t) if t.protocol == Some(Protocol::Icmp) && t.port.is_some() => Err(LoadError::at(
            "lesson.trace.port",
            "icmp has no ports: remove \"port\", or trace tcp or udp",
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use crate::index::{Acl, Eni, Peer, RuleSource, Sg};
    use crate::load::fixtures::{apply_all, Op, FULL2};
    use crate::load::{load, Loaded};
    use crate::model::Format;
    use crate::packet::{Packet, Traffic};

    fn full2() -> Loaded {
        load(&apply_all(FULL2)).expect("format 2 fixture loads")
    }

    fn with(extra: &[Op]) -> Result<Loaded, String> {
        let ops: Vec<Op> = FULL2.iter().chain(extra).cloned().collect();
        load(&apply_all(&ops)).map_err(|e| e.to_string())
    }

    #[test]
    fn format_2_loads_and_resolves_its_filters() {
        let s = full2();
        assert_eq!(s.format(), Format::V2);
        let f = s.index().filters().expect("format 2 has filters");
        let (web, admin, a_default) = (
            Sg::Written(s.index().at("sg-web").unwrap()),
            Sg::Written(s.index().at("sg-admin").unwrap()),
            Sg::Written(s.index().at("sg-a-default").unwrap()),
        );
        let vpc_b = s.index().at("vpc-b").unwrap();
        // Defaults: vpc-a's written one, vpc-b's implicit.
        assert_eq!(
            f.default_group(s.index().at("vpc-a").unwrap()),
            Some(a_default)
        );
        assert_eq!(f.default_group(vpc_b), Some(Sg::Implicit(vpc_b)));
        assert_eq!(Sg::Implicit(vpc_b).id(&s), "vpc-b:default-sg");
        // ENIs: written groups, else the VPC's default.
        let eni = |id| Eni::Instance(s.index().at(id).unwrap());
        assert_eq!(f.groups_of(eni("i-a")), [web, admin]);
        assert_eq!(f.groups_of(eni("i-a2")), [a_default]);
        assert_eq!(f.groups_of(eni("i-b")), [Sg::Implicit(vpc_b)]);
        let kds = s.index().at("vpce-kds").unwrap();
        assert_eq!(
            f.groups_of(Eni::InterfaceEndpoint {
                endpoint: kds,
                address: 1
            }),
            [admin]
        );
        assert!(f
            .groups_of(Eni::InterfaceEndpoint {
                endpoint: s.index().at("vpce-s3").unwrap(),
                address: 0
            })
            .is_empty());
        // Members by private IP.
        let ip = |t: &str| t.parse().unwrap();
        assert!(f.has_member(admin, ip("10.0.1.10")) && f.has_member(admin, ip("10.0.2.20")));
        assert!(!f.has_member(web, ip("10.0.2.20")));
        assert!(f.has_member(Sg::Implicit(vpc_b), ip("10.1.1.10")));
        // Rules: typed traffic and peers; no egress key is AWS's allow-all.
        let rules = f.group(web).unwrap();
        assert_eq!(rules.ingress[1].peer, Peer::Group(admin));
        assert!(matches!(rules.ingress[2].peer, Peer::PrefixList(e) if e.service == "s3"));
        assert_eq!(rules.egress[0].peer, Peer::Group(Sg::Implicit(vpc_b)));
        assert_eq!(rules.egress[0].traffic.to_string(), "udp 1024-65535");
        let admin_rules = f.group(admin).unwrap();
        assert!(admin_rules.ingress.is_empty());
        assert_eq!(
            (admin_rules.egress[0].traffic, admin_rules.egress[0].source),
            (Traffic::All, RuleSource::Aws)
        );
        assert!(f.group(a_default).unwrap().egress.is_empty());
        // ACLs: sorted rules; subnets not listed use the implicit default.
        let sub = |id| s.index().at(id).unwrap();
        let acl = f.acl_of(sub("subnet-a1")).unwrap();
        assert_eq!(acl.id(&s), "acl-a1");
        let numbers: Vec<u16> = f
            .acl(acl)
            .unwrap()
            .ingress
            .iter()
            .map(|r| r.number.get())
            .collect();
        assert_eq!(numbers, [90, 200]);
        assert_eq!(
            f.acl(acl).unwrap().ingress[0].source,
            RuleSource::Written(1)
        );
        assert_eq!(
            f.acl_of(sub("subnet-a2")),
            Some(Acl::Implicit(s.index().at("vpc-a").unwrap()))
        );
        assert_eq!(
            f.acl_of(sub("subnet-a2")).unwrap().id(&s),
            "vpc-a:default-acl"
        );
        let implicit = f.acl(f.acl_of(sub("subnet-b1")).unwrap()).unwrap();
        assert_eq!(
            (implicit.ingress.len(), implicit.egress[0].number.get()),
            (1, 100)
        );
        assert_eq!(
            s.lesson
                .as_ref()
                .unwrap()
                .trace
                .as_ref()
                .unwrap()
                .packet()
                .to_string(),
            "udp 49152 → 53"
        );
        // A format 1 document has none.
        assert!(load(crate::load::fixtures::FULL)
            .unwrap()
            .index()
            .filters()
            .is_none());
    }

    #[test]
    fn format_2_round_trips() {
        let s = full2();
        let again = load(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(again, s);
    }

    #[test]
    fn edits_of_a_format_2_document_give_these_errors() {
        use Op::*;
        let cases: &[(Op, &str)] = &[
            (Set("/security_groups/0/ingress/0/ports", r#""0-80""#), r#"security_groups[0].ingress[0].ports: "0-80" is not a port range: expected "N" or "N-M" with 1 ≤ N ≤ M ≤ 65535"#),
            (Remove("/security_groups/0/ingress/0/ports"), r#"security_groups[0].ingress[0]: a tcp rule needs "ports": "N" or "N-M" ("1-65535" for every port)"#),
            (Set("/security_groups/0/ingress/2/ports", r#""80""#), r#"security_groups[0].ingress[2].ports: a rule for "all" protocols covers every port: remove "ports", or choose tcp or udp"#),
            (Set("/security_groups/0/ingress/0/protocol", r#""gre""#), "security_groups[0].ingress[0].protocol: unknown variant `gre`, expected one of `tcp`, `udp`, `icmp`, `all`"),
            (Set("/security_groups/0/ingress/0/source", r#""10.0.0.1/8""#), r#"security_groups[0].ingress[0].source: "10.0.0.1/8" has host bits set: a CIDR names a network, did you mean "10.0.0.0/8"?"#),
            (Set("/security_groups/0/ingress/1/source", r#""sg-nope""#), r#"security_groups[0].ingress[1].source: "sg-nope" names nothing in this scenario; expected the id of a security group"#),
            (Set("/security_groups/0/ingress/1/source", r#""i-a""#), r#"security_groups[0].ingress[1].source: "i-a" is an instance; expected the id of a security group"#),
            (Set("/security_groups/0/ingress/1/source", r#""vpc-a:default-sg""#), r#"security_groups[0].ingress[1].source: "vpc-a:default-sg" names an implicit default group, but this VPC's default group is the written sg-a-default ("default": true): name that instead"#),
            (Set("/security_groups/0/ingress/2/source", r#""pl-02cd2c6b""#), ""),
            (Set("/security_groups/0/ingress/2/source", r#""pl-6da54004""#), r#"security_groups[0].ingress[2].source: "pl-6da54004" is not a prefix list of us-east-1 (the group's Region): its prefix lists are pl-63a5400a (s3) and pl-02cd2c6b (dynamodb)"#),
            (Set("/security_groups/0/egress/0/destination", r#""sg-x""#), r#"security_groups[0].egress[0].destination: "sg-x" names nothing in this scenario; expected the id of a security group"#),
            (Set("/security_groups/0/vpc", r#""subnet-a1""#), r#"security_groups[0].vpc: "subnet-a1" is a subnet; expected the id of a VPC"#),
            (Set("/security_groups/1/id", r#""vpc-b:default-sg""#), r#"security_groups[1].id: "vpc-b:default-sg" is the id of vpc-b's implicit default security group: a written resource needs another id (a written default is marked "default": true)"#),
            (Set("/instances/2/id", r#""vpc-a:default-acl""#), r#"instances[2].id: "vpc-a:default-acl" is the id of vpc-a's implicit default network ACL: a written resource needs another id (a written default is marked "default": true)"#),
            (Set("/security_groups/1/id", r#""vpc-z:default-sg""#), r#"security_groups[0].ingress[1].source: "sg-admin" names nothing in this scenario; expected the id of a security group"#),
            (Set("/security_groups/0/colour", r#""red""#), "security_groups[0].colour: unknown field `colour`, expected one of `id`, `vpc`, `name`, `default`, `ingress`, `egress`"),
            (Set("/network_acls/0/ingress/0/rule", "0"), "network_acls[0].ingress[0].rule: rule number 0 is out of range: network ACL rules are numbered 1-32766"),
            (Set("/network_acls/0/ingress/0/rule", "32767"), "network_acls[0].ingress[0].rule: rule number 32767 is out of range: network ACL rules are numbered 1-32766"),
            (Set("/network_acls/0/egress/0/ports", r#""7""#), r#"network_acls[0].egress[0].ports: icmp has no ports: remove "ports" from this rule"#),
            (Remove("/network_acls/0/ingress/1/ports"), r#"network_acls[0].ingress[1]: a tcp rule needs "ports": "N" or "N-M" ("1-65535" for every port)"#),
            (Set("/network_acls/0/ingress/0/action", r#""permit""#), "network_acls[0].ingress[0].action: unknown variant `permit`, expected `allow` or `deny`"),
            (Set("/network_acls/0/subnets/0", r#""subnet-q""#), r#"network_acls[0].subnets[0]: "subnet-q" names nothing in this scenario; expected the id of a subnet"#),
            (Set("/network_acls/0/subnets/0", r#""subnet-b1""#), ""),
            (Set("/instances/0/security_groups/1", r#""vpc-b:default-sg""#), ""),
            (Set("/instances/0/security_groups/1", r#""acl-a1""#), r#"instances[0].security_groups[1]: "acl-a1" is a network ACL; expected the id of a security group"#),
            (Set("/vpc_endpoints/1/security_groups/0", r#""sg-z""#), r#"vpc_endpoints[1].security_groups[0]: "sg-z" names nothing in this scenario; expected the id of a security group"#),
            (Set("/lesson/trace/protocol", r#""icmp""#), r#"lesson.trace.port: icmp has no ports: remove "port", or trace tcp or udp"#),
            (Set("/lesson/trace/port", "0"), "lesson.trace.port: port 0 is not a port: a port is 1-65535"),
        ];
        for (op, want) in cases {
            let got = with(std::slice::from_ref(op))
                .map(|_| String::new())
                .unwrap_or_else(|e| e);
            assert_eq!(got, *want);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// A damaged format 2 document never panics: what loads validates, evaluates its
        /// filters and survives a write/read round trip.
        #[test]
        fn never_panics_on_a_mutated_format_2_document(
            edits in proptest::collection::vec((0usize..20_000, proptest::char::any(), proptest::bool::ANY), 1..4)
        ) {
            let doc = crate::load::tests::mutated(&apply_all(FULL2), edits);
            if let Ok(s) = load(&doc) {
                let _ = crate::validate::validate(&s);
                evaluate_everything(&s);
                let again = load(&serde_json::to_string(&s).unwrap());
                proptest::prop_assert_eq!(again, Ok(s));
            }
        }
    }

    /// Every interface's groups and every subnet's ACL against a few packets, both ways.
    fn evaluate_everything(s: &Loaded) {
        use crate::filter::{acl, sg, Direction};
        let Some(f) = s.index().filters() else { return };
        let packets = [Packet::default(), Packet::Icmp, Packet::default().reply()];
        let addr = "10.0.1.10".parse().unwrap();
        let enis = (0..s.instances.len()).map(|i| Eni::Instance(crate::index::At::new(i)));
        for eni in enis {
            for d in [Direction::Ingress, Direction::Egress] {
                for p in packets {
                    let _ = sg::evaluate(f, f.groups_of(eni), d, p, addr);
                }
            }
        }
        for sub in 0..s.subnets.len() {
            let Some(rules) = f.acl_of(crate::index::At::new(sub)).and_then(|a| f.acl(a)) else {
                continue;
            };
            for d in [Direction::Ingress, Direction::Egress] {
                for p in packets {
                    let _ = acl::evaluate(rules.rules(d), p, addr);
                }
            }
        }
    }

    #[test]
    fn a_scenario_built_in_code_is_held_to_its_format() {
        let mut s = full2().into_scenario();
        s.format = Format::V1;
        let e = Loaded::new(s.clone()).unwrap_err();
        assert_eq!(e.path, "instances[0].security_groups");
        s.instances[0].security_groups.clear();
        s.vpc_endpoints[1].security_groups.clear();
        assert_eq!(Loaded::new(s.clone()).unwrap_err().path, "security_groups");
        s.security_groups.clear();
        assert_eq!(Loaded::new(s.clone()).unwrap_err().path, "network_acls");
        s.network_acls.clear();
        assert_eq!(
            Loaded::new(s.clone()).unwrap_err().path,
            "lesson.trace.protocol"
        );
        s.lesson = None;
        assert!(Loaded::new(s.clone()).is_ok());
        s.format = Format::V2;
        s.vpc_endpoints[0].security_groups = vec!["vpc-a:default-sg".into()];
        assert_eq!(
            Loaded::new(s).unwrap_err().path,
            "vpc_endpoints[0].security_groups"
        );
    }
}
