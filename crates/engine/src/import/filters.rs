//! The filters of `describe-security-groups` and `describe-network-acls`, and the network
//! interfaces of `describe-network-interfaces`, as small records read leniently from JSON
//! (as [`super::records`] reads the rest). A rule the playground cannot hold (IPv6, a protocol
//! other than TCP, UDP and ICMP) is left out with its reason; the rest of its group or ACL is
//! kept. Field names and meanings follow the EC2 API reference:
//! <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html>,
//! <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkAclEntry.html>,
//! <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInterface.html>.

use super::records::{list, name, need, text, Notes};
use crate::addr::{Cidr, Ip};
use serde_json::Value;

/// A rule's protocol, as format 2 names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proto {
    Tcp,
    Udp,
    Icmp,
    All,
}

/// `IpProtocol` (a name or an IANA number, `-1` for all) or an ACL's `Protocol` (a number);
/// none for a protocol the playground does not model.
/// <https://www.iana.org/assignments/protocol-numbers/protocol-numbers.xhtml>
fn proto(p: &str) -> Option<Proto> {
    Some(match p.to_ascii_lowercase().as_str() {
        "-1" | "all" => Proto::All,
        "tcp" | "6" => Proto::Tcp,
        "udp" | "17" => Proto::Udp,
        "icmp" | "1" => Proto::Icmp,
        _ => return None,
    })
}

/// Who a security group rule admits (ingress) or reaches (egress).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Peer {
    Cidr(Cidr),
    /// A security group, with the account that owns it (`UserId`) when AWS printed one.
    Group(String, Option<String>),
    PrefixList(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SgRuleRec {
    pub proto: Proto,
    /// TCP or UDP ports, first and last (all: 1-65535).
    pub ports: Option<(u16, u16)>,
    pub peer: Peer,
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub struct SgRec {
    pub id: String,
    pub name: Option<String>,
    /// `GroupName`: `default` is the VPC's default group.
    pub group_name: Option<String>,
    pub vpc: String,
    /// The account that owns it (`OwnerId`).
    pub owner: Option<String>,
    pub ingress: Vec<SgRuleRec>,
    pub egress: Vec<SgRuleRec>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AclRuleRec {
    pub number: u16,
    pub proto: Proto,
    pub ports: Option<(u16, u16)>,
    pub cidr: Cidr,
    pub allow: bool,
}

#[derive(Debug, Clone)]
pub struct AclRec {
    pub id: String,
    pub name: Option<String>,
    pub vpc: String,
    pub default: bool,
    pub subnets: Vec<String>,
    pub ingress: Vec<AclRuleRec>,
    pub egress: Vec<AclRuleRec>,
}

#[derive(Debug, Clone)]
pub struct EniRec {
    pub id: String,
    pub subnet: String,
    pub private_ip: Ip,
    pub groups: Vec<String>,
    /// The instance it is attached to, if any.
    pub instance: Option<String>,
}

/// TCP and UDP ports from two fields; `-1` or absent means all. Port 0 is no port a packet
/// has: a range from 0 starts at 1.
fn ports(from: Option<i64>, to: Option<i64>) -> Result<(u16, u16), String> {
    match (from, to) {
        (None | Some(-1), None | Some(-1)) => Ok((1, 65535)),
        (Some(f), Some(t)) if (0..=65535).contains(&f) && (f..=65535).contains(&t) && t > 0 => {
            Ok((f.max(1) as u16, t as u16))
        }
        _ => Err(format!(
            "its port range {}-{} is not one of 0-65535",
            from.unwrap_or(-1),
            to.unwrap_or(-1)
        )),
    }
}

fn int(v: &Value, field: &str) -> Option<i64> {
    v.get(field).and_then(Value::as_i64)
}

/// The rules of one `IpPermissions` list: one rule per CIDR, group and prefix list of each
/// permission. What cannot be held is said about the group `id`.
fn permissions(id: &str, list_of: &[Value], notes: &mut Notes) -> Vec<SgRuleRec> {
    let mut rules = Vec::new();
    for p in list_of {
        let Some(raw) = text(p, "IpProtocol") else {
            notes.leave_out(id, "a rule with no IpProtocol is left out");
            continue;
        };
        let Some(proto) = proto(raw) else {
            notes.leave_out(id, format!("a rule for IP protocol {raw} is left out: the playground models TCP, UDP and ICMP"));
            continue;
        };
        let ports = match proto {
            Proto::Tcp | Proto::Udp => match ports(int(p, "FromPort"), int(p, "ToPort")) {
                Ok(r) => Some(r),
                Err(why) => {
                    notes.leave_out(id, format!("a rule is left out: {why}"));
                    continue;
                }
            },
            Proto::Icmp => {
                if let Some(t) = int(p, "FromPort").filter(|t| *t != -1) {
                    notes.assume(id, format!("its rule for ICMP type {t} is read as one for all ICMP: the playground's ICMP packet has no type"));
                }
                None
            }
            Proto::All => None,
        };
        let mut rule = |peer: Peer, description: Option<String>| {
            rules.push(SgRuleRec {
                proto,
                ports,
                peer,
                description,
            })
        };
        let description = |v: &Value| text(v, "Description").map(str::to_string);
        for r in list(p, "IpRanges") {
            match text(r, "CidrIp").map(|c| c.parse::<Cidr>()) {
                Some(Ok(c)) => rule(Peer::Cidr(c), description(r)),
                Some(Err(e)) => notes.leave_out(id, format!("a rule is left out: CidrIp: {e}")),
                None => {}
            }
        }
        for g in list(p, "UserIdGroupPairs") {
            if let Some(group) = text(g, "GroupId") {
                let account = text(g, "UserId").map(str::to_string);
                rule(Peer::Group(group.to_string(), account), description(g));
            }
        }
        for l in list(p, "PrefixListIds") {
            if let Some(pl) = text(l, "PrefixListId") {
                rule(Peer::PrefixList(pl.to_string()), description(l));
            }
        }
        let v6: Vec<&str> = list(p, "Ipv6Ranges")
            .iter()
            .filter_map(|r| text(r, "CidrIpv6"))
            .collect();
        if !v6.is_empty() {
            notes.leave_out(
                id,
                format!(
                    "its rules for {} are left out: the playground models IPv4 only",
                    v6.join(", ")
                ),
            );
        }
    }
    rules
}

pub fn security_group(v: &Value, notes: &mut Notes) -> Result<SgRec, String> {
    let id = need(v, "GroupId")?.to_string();
    let vpc = text(v, "VpcId")
        .ok_or("has no VpcId (an EC2-Classic group): the playground models VPCs only")?
        .to_string();
    Ok(SgRec {
        name: name(v),
        group_name: text(v, "GroupName").map(str::to_string),
        owner: text(v, "OwnerId").map(str::to_string),
        vpc,
        ingress: permissions(&id, list(v, "IpPermissions"), notes),
        egress: permissions(&id, list(v, "IpPermissionsEgress"), notes),
        id,
    })
}

/// One ACL entry; `Ok(None)` for AWS's closing `*` rules (32767, and 32768 for IPv6), which
/// format 2 keeps implicit, and for an IPv6 entry (said).
fn acl_entry(id: &str, e: &Value, notes: &mut Notes) -> Result<Option<(bool, AclRuleRec)>, String> {
    let number = int(e, "RuleNumber").ok_or("an entry with no RuleNumber")?;
    if number == 32767 || number == 32768 {
        return Ok(None);
    }
    let egress = e.get("Egress").and_then(Value::as_bool).unwrap_or(false);
    let way = if egress { "outbound" } else { "inbound" };
    let Some(cidr) = text(e, "CidrBlock") else {
        if let Some(v6) = text(e, "Ipv6CidrBlock") {
            notes.leave_out(
                id,
                format!(
                    "{way} rule {number} for {v6} is left out: the playground models IPv4 only"
                ),
            );
            return Ok(None);
        }
        return Err(format!("rule {number} has no CidrBlock"));
    };
    let number = u16::try_from(number)
        .ok()
        .filter(|n| (1..=32766).contains(n))
        .ok_or_else(|| format!("rule number {number} is not one of 1-32766"))?;
    let raw = text(e, "Protocol").ok_or_else(|| format!("rule {number} has no Protocol"))?;
    let proto = proto(raw).ok_or_else(|| {
        format!("rule {number} for IP protocol {raw}: the playground models TCP, UDP and ICMP")
    })?;
    let range = e.get("PortRange");
    let ports = match proto {
        Proto::Tcp | Proto::Udp => Some(ports(
            range.and_then(|r| int(r, "From")),
            range.and_then(|r| int(r, "To")),
        )?),
        _ => None,
    };
    let allow = match text(e, "RuleAction") {
        Some("allow") => true,
        Some("deny") => false,
        other => {
            return Err(format!(
                "rule {number} has RuleAction {other:?}, not allow or deny"
            ))
        }
    };
    Ok(Some((
        egress,
        AclRuleRec {
            number,
            proto,
            ports,
            cidr: cidr
                .parse::<Cidr>()
                .map_err(|e| format!("rule {number}: CidrBlock: {e}"))?,
            allow,
        },
    )))
}

pub fn network_acl(v: &Value, notes: &mut Notes) -> Result<AclRec, String> {
    let id = need(v, "NetworkAclId")?.to_string();
    let (mut ingress, mut egress) = (Vec::new(), Vec::new());
    for e in list(v, "Entries") {
        match acl_entry(&id, e, notes) {
            Ok(Some((true, rule))) => egress.push(rule),
            Ok(Some((false, rule))) => ingress.push(rule),
            Ok(None) => {}
            // A rule left out would change what the ACL decides: say so, keep the rest.
            Err(why) => notes.leave_out(
                &id,
                format!("{why}; it is left out, so the ACL here may decide otherwise than in AWS"),
            ),
        }
    }
    Ok(AclRec {
        name: name(v),
        vpc: need(v, "VpcId")?.to_string(),
        default: v.get("IsDefault").and_then(Value::as_bool).unwrap_or(false),
        subnets: list(v, "Associations")
            .iter()
            .filter_map(|a| text(a, "SubnetId"))
            .map(str::to_string)
            .collect(),
        ingress,
        egress,
        id,
    })
}

pub fn network_interface(v: &Value) -> Result<EniRec, String> {
    Ok(EniRec {
        id: need(v, "NetworkInterfaceId")?.to_string(),
        subnet: need(v, "SubnetId")?.to_string(),
        private_ip: need(v, "PrivateIpAddress")?
            .parse::<Ip>()
            .map_err(|e| format!("PrivateIpAddress: {e}"))?,
        groups: list(v, "Groups")
            .iter()
            .filter_map(|g| text(g, "GroupId"))
            .map(str::to_string)
            .collect(),
        instance: v
            .get("Attachment")
            .and_then(|a| text(a, "InstanceId"))
            .map(str::to_string),
    })
}
