//! Scenario format 2's filters as plain data: security groups and network ACLs, key for
//! key as `docs/scenario-format.md` N2 and N3 write them, and the format version itself
//! (N1). Like the rest of the model they hold data only: `load` resolves their references
//! (groups, prefix lists, subnets) into the index, `validate` reports findings, and the
//! evaluation of a packet against them lives in `filter`.

use crate::addr::Cidr;
use crate::packet::{PortRange, RuleProtocol};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

fn is_false(b: &bool) -> bool {
    !*b
}

/// The document's `format` (N1.1): format 1 models no filtering, format 2 models security
/// groups and network ACLs with AWS's defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Format {
    #[default]
    V1,
    V2,
}

impl Format {
    /// Every format this engine reads, oldest first.
    pub const ALL: [Format; 2] = [Format::V1, Format::V2];
    /// The newest format.
    pub const LATEST: Format = Format::V2;

    /// The JSON spelling (`vpc-playground/2`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::V1 => "vpc-playground/1",
            Format::V2 => "vpc-playground/2",
        }
    }
    /// The format written `s`, if this engine reads it.
    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == s)
    }
    /// Whether documents of this format model security groups and network ACLs.
    pub fn filters(self) -> bool {
        self >= Format::V2
    }
    /// The formats this engine reads, for messages: `"vpc-playground/1" or "vpc-playground/2"`.
    pub fn supported() -> String {
        Format::ALL
            .iter()
            .map(|f| format!("{:?}", f.as_str()))
            .collect::<Vec<_>>()
            .join(" or ")
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Format {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Format {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Format, D::Error> {
        let s = String::deserialize(d)?;
        Format::parse(&s).ok_or_else(|| {
            de::Error::custom(format!(
                "{s:?} is not a format this version reads: it reads {}",
                Format::supported()
            ))
        })
    }
}

/// A security group rule's peer as written (N2.3): a CIDR (the text contains `/`), a
/// catalog prefix list (it starts with `pl-`), or else a security group id. Load resolves
/// the last two into the index (the prefix list in the group's Region, the group to a
/// written or implicit group).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SgPeer {
    Cidr(Cidr),
    PrefixList(String),
    Group(String),
}

impl SgPeer {
    /// Reads a written peer by the N2.3 rule; a text with `/` must be a CIDR.
    pub fn parse(s: &str) -> Result<SgPeer, crate::addr::AddrError> {
        if s.contains('/') {
            s.parse().map(SgPeer::Cidr)
        } else if s.starts_with("pl-") {
            Ok(SgPeer::PrefixList(s.to_string()))
        } else {
            Ok(SgPeer::Group(s.to_string()))
        }
    }
}

impl fmt::Display for SgPeer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SgPeer::Cidr(c) => write!(f, "{c}"),
            SgPeer::PrefixList(p) | SgPeer::Group(p) => f.write_str(p),
        }
    }
}

impl Serialize for SgPeer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for SgPeer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<SgPeer, D::Error> {
        let s = String::deserialize(d)?;
        SgPeer::parse(&s).map_err(de::Error::custom)
    }
}

/// An inbound security group rule (N2.2, N2.3). Only allow rules exist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SgIngressRule {
    pub protocol: RuleProtocol,
    /// Required for `tcp` and `udp`, refused for `icmp` and `all` (checked by load).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ports: Option<PortRange>,
    pub source: SgPeer,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// An outbound security group rule (N2.2, N2.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SgEgressRule {
    pub protocol: RuleProtocol,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ports: Option<PortRange>,
    pub destination: SgPeer,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl SgEgressRule {
    /// AWS's outbound rule of a new group: all protocols to `0.0.0.0/0` (N2.4).
    pub fn allow_all() -> SgEgressRule {
        SgEgressRule {
            protocol: RuleProtocol::All,
            ports: None,
            destination: SgPeer::Cidr(Cidr::ANY),
            description: None,
        }
    }
}

/// A written security group (N2.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityGroup {
    pub id: String,
    pub vpc: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The VPC's default group (the first written one per VPC, N5.1).
    #[serde(default, skip_serializing_if = "is_false")]
    pub default: bool,
    /// No `ingress` key: no inbound rule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ingress: Vec<SgIngressRule>,
    /// `None` (no `egress` key): AWS's allow-all outbound rule; `Some([])`: none (N2.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub egress: Option<Vec<SgEgressRule>>,
}

impl SecurityGroup {
    /// The outbound rules in effect: the written ones, or AWS's allow-all when the group
    /// has no `egress` key (N2.4).
    pub fn egress_rules(&self) -> std::borrow::Cow<'_, [SgEgressRule]> {
        match &self.egress {
            Some(rules) => std::borrow::Cow::Borrowed(rules),
            None => std::borrow::Cow::Owned(vec![SgEgressRule::allow_all()]),
        }
    }
}

/// A network ACL rule number, 1-32766 (N3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleNumber(u16);

impl RuleNumber {
    pub const MIN: u16 = 1;
    pub const MAX: u16 = 32766;
    /// The number of the default ACL's allow-all rules (N5.2).
    pub const DEFAULT_ACL: RuleNumber = RuleNumber(100);
    /// The number `n`, if it is 1-32766.
    pub fn new(n: i64) -> Option<RuleNumber> {
        u16::try_from(n)
            .ok()
            .filter(|n| (Self::MIN..=Self::MAX).contains(n))
            .map(RuleNumber)
    }
    pub fn get(self) -> u16 {
        self.0
    }
}

impl fmt::Display for RuleNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for RuleNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u16(self.0)
    }
}

impl<'de> Deserialize<'de> for RuleNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RuleNumber, D::Error> {
        let n = i64::deserialize(d)?;
        RuleNumber::new(n).ok_or_else(|| {
            de::Error::custom(format!(
                "rule number {n} is out of range: network ACL rules are numbered 1-32766"
            ))
        })
    }
}

/// What a network ACL rule does with a packet it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AclAction {
    Allow,
    Deny,
}

/// A network ACL rule (N3.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AclRule {
    pub rule: RuleNumber,
    pub protocol: RuleProtocol,
    /// Required for `tcp` and `udp`, refused for `icmp` and `all` (checked by load).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ports: Option<PortRange>,
    pub cidr: Cidr,
    pub action: AclAction,
}

/// A written network ACL (N3.1). A written ACL with no rules denies everything.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkAcl {
    pub id: String,
    pub vpc: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The VPC's default ACL (the first written one per VPC, N5.2).
    #[serde(default, skip_serializing_if = "is_false")]
    pub default: bool,
    /// The subnets associated with it (a subnet in none uses its VPC's default ACL).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ingress: Vec<AclRule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub egress: Vec<AclRule>,
}

/// The id of a VPC's implicit default security group (N5.1): `VPCID:default-sg`.
pub fn implicit_sg_id(vpc: &str) -> String {
    format!("{vpc}{IMPLICIT_SG_SUFFIX}")
}
/// The id of a VPC's implicit default network ACL (N5.2): `VPCID:default-acl`.
pub fn implicit_acl_id(vpc: &str) -> String {
    format!("{vpc}{IMPLICIT_ACL_SUFFIX}")
}
pub const IMPLICIT_SG_SUFFIX: &str = ":default-sg";
pub const IMPLICIT_ACL_SUFFIX: &str = ":default-acl";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_read_and_write() {
        for f in Format::ALL {
            let json = serde_json::to_string(&f).unwrap();
            assert_eq!(serde_json::from_str::<Format>(&json).unwrap(), f);
        }
        assert_eq!(Format::parse("vpc-playground/2"), Some(Format::V2));
        assert_eq!(Format::parse("vpc-playground/3"), None);
        assert!(Format::V2.filters() && !Format::V1.filters());
        let err = serde_json::from_str::<Format>(r#""v3""#).unwrap_err();
        assert!(err.to_string().starts_with(
            r#""v3" is not a format this version reads: it reads "vpc-playground/1" or "vpc-playground/2""#
        ));
    }

    #[test]
    fn peers_are_read_by_their_form() {
        let cases: &[(&str, Result<SgPeer, &str>)] = &[
            ("0.0.0.0/0", Ok(SgPeer::Cidr(Cidr::ANY))),
            ("pl-63a5400a", Ok(SgPeer::PrefixList("pl-63a5400a".into()))),
            ("sg-web", Ok(SgPeer::Group("sg-web".into()))),
            (
                "vpc-a:default-sg",
                Ok(SgPeer::Group("vpc-a:default-sg".into())),
            ),
            (
                "10.0.0.1/16",
                Err(
                    r#""10.0.0.1/16" has host bits set: a CIDR names a network, did you mean "10.0.0.0/16"?"#,
                ),
            ),
            ("sg/1", Err(r#""sg/1" is not an IPv4 CIDR"#)),
        ];
        for (text, want) in cases {
            let got = SgPeer::parse(text).map_err(|e| e.to_string());
            assert_eq!(got, want.clone().map_err(str::to_string), "{text}");
            if let Ok(p) = got {
                assert_eq!(p.to_string(), *text);
            }
        }
    }

    #[test]
    fn rule_numbers_are_1_to_32766() {
        for (n, ok) in [
            (0, false),
            (1, true),
            (100, true),
            (32766, true),
            (32767, false),
            (-5, false),
            (70000, false),
        ] {
            assert_eq!(RuleNumber::new(n).is_some(), ok, "{n}");
        }
        let err = serde_json::from_str::<RuleNumber>("32767").unwrap_err();
        assert_eq!(
            err.to_string(),
            "rule number 32767 is out of range: network ACL rules are numbered 1-32766"
        );
    }

    #[test]
    fn a_group_without_an_egress_key_allows_all_out() {
        let g: SecurityGroup = serde_json::from_str(r#"{"id": "sg-1", "vpc": "vpc-a"}"#).unwrap();
        assert_eq!(g.egress_rules().as_ref(), [SgEgressRule::allow_all()]);
        let none: SecurityGroup =
            serde_json::from_str(r#"{"id": "sg-1", "vpc": "vpc-a", "egress": []}"#).unwrap();
        assert!(none.egress_rules().is_empty());
        // Both write back as they were read.
        assert!(!serde_json::to_string(&g).unwrap().contains("egress"));
        assert!(serde_json::to_string(&none)
            .unwrap()
            .contains(r#""egress":[]"#));
    }
}
