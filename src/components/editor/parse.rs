//! Parsing what a user typed into a field, and sensible defaults for new resources.
//!
//! Pure functions with native tests. Addresses go through `vpc_engine::addr`, whose errors
//! are already sentences a learner can read; a CIDR with host bits carries the network the
//! user probably meant, which the field offers as a one-click fix.

use std::collections::BTreeSet;
use std::net::Ipv4Addr;
use vpc_engine::addr::{AddrError, Cidr, Ip};
use vpc_engine::model::Scenario;

/// Why a field's text was not applied: a message, and maybe a corrected value to offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub message: String,
    /// A value the user probably meant: replace `.0` (what they typed) by `.1`
    /// (`10.0.0.1/16` by `10.0.0.0/16`).
    pub suggestion: Option<(String, String)>,
}

impl FieldError {
    pub fn new(message: impl Into<String>) -> FieldError {
        FieldError {
            message: message.into(),
            suggestion: None,
        }
    }
}

impl From<AddrError> for FieldError {
    fn from(e: AddrError) -> FieldError {
        let suggestion = match &e {
            AddrError::HostBits { given, network } => Some((given.clone(), network.to_string())),
            _ => None,
        };
        FieldError {
            message: capitalise(&e.to_string()),
            suggestion,
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A required piece of text (ids, names of places), trimmed.
pub fn required(text: &str) -> Result<String, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        Err(FieldError::new("This field is required."))
    } else {
        Ok(t.to_string())
    }
}

/// Optional text: empty means none.
pub fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

pub fn cidr(text: &str) -> Result<Cidr, FieldError> {
    let t = required(text)?;
    Ok(t.parse::<Cidr>()?)
}

pub fn ip(text: &str) -> Result<Ip, FieldError> {
    let t = required(text)?;
    Ok(t.parse::<Ip>()?)
}

/// An optional address: empty means none.
pub fn optional_ip(text: &str) -> Result<Option<Ip>, FieldError> {
    match optional(text) {
        None => Ok(None),
        Some(t) => Ok(Some(t.parse::<Ip>()?)),
    }
}

fn items(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|x| !x.is_empty())
}

/// A list of CIDRs separated by commas, spaces or new lines. `at_least_one` for lists the
/// spec requires to be non-empty (a VPC's blocks, an on-prem network's).
pub fn cidr_list(text: &str, at_least_one: bool) -> Result<Vec<Cidr>, FieldError> {
    let list = items(text)
        .map(|x| x.parse::<Cidr>().map_err(FieldError::from))
        .collect::<Result<Vec<_>, _>>()?;
    if at_least_one && list.is_empty() {
        return Err(FieldError::new("At least one CIDR block is required."));
    }
    Ok(list)
}

/// A list of addresses separated by commas, spaces or new lines.
pub fn ip_list(text: &str) -> Result<Vec<Ip>, FieldError> {
    items(text)
        .map(|x| x.parse::<Ip>().map_err(FieldError::from))
        .collect()
}

/// A list of words (ARNs) separated by commas, spaces or new lines.
pub fn word_list(text: &str) -> Vec<String> {
    items(text).map(str::to_string).collect()
}

/// An optional BGP ASN (1 to 4294967294).
pub fn asn(text: &str) -> Result<Option<u32>, FieldError> {
    match optional(text) {
        None => Ok(None),
        Some(t) => match t.parse::<u32>() {
            Ok(n) if (1..=4_294_967_294).contains(&n) => Ok(Some(n)),
            _ => Err(FieldError::new(format!(
                "{t:?} is not an ASN: a whole number from 1 to 4294967294 (private: 64512-65534)."
            ))),
        },
    }
}

/// An 802.1Q VLAN tag: a whole number. (1-4094 is checked by validation, `VLAN_RANGE`,
/// so a learner can see that finding; here only "is it a number".)
pub fn vlan(text: &str) -> Result<i64, FieldError> {
    let t = required(text)?;
    t.parse::<i64>()
        .map_err(|_| FieldError::new(format!("{t:?} is not a number: a VLAN tag is 1 to 4094.")))
}

/// Joins values for display in a list field.
pub fn join<T: std::fmt::Display>(xs: &[T]) -> String {
    xs.iter()
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The regions offered for VPCs: the service catalog's.
pub fn regions() -> Vec<String> {
    vpc_engine::catalog::REGIONS
        .iter()
        .map(|r| r.to_string())
        .collect()
}

/// A `10.N.0.0/16` block that overlaps no VPC in the scenario.
pub fn free_vpc_cidr(s: &Scenario) -> Option<Cidr> {
    let used: Vec<Cidr> = s
        .vpcs
        .iter()
        .flat_map(|v| v.cidrs.iter().copied())
        .collect();
    (0u8..=255)
        .filter_map(|n| Cidr::new_truncated(Ipv4Addr::new(10, n, 0, 0), 16))
        .find(|c| !used.iter().any(|u| u.overlaps(c)))
        .or_else(|| Cidr::new_truncated(Ipv4Addr::new(172, 16, 0, 0), 16))
}

/// A /24 inside the VPC's blocks (or the block itself when smaller) that overlaps none of
/// its subnets; `None` when the VPC is full or unknown.
pub fn free_subnet_cidr(s: &Scenario, vpc: &str) -> Option<Cidr> {
    let v = s.vpc(vpc)?;
    let taken: Vec<Cidr> = s
        .subnets
        .iter()
        .filter(|x| x.vpc == vpc)
        .map(|x| x.cidr)
        .collect();
    for block in &v.cidrs {
        let len = block.prefix_len().max(24);
        let step = 1u64 << (32 - len as u32);
        let base = u32::from(block.network()) as u64;
        let count = block.size() / step;
        for i in 1..count.max(1) + 1 {
            // Start at the second /24 (10.0.1.0/24), like the examples; wrap to the first.
            let k = i % count.max(1);
            let addr = Ipv4Addr::from((base + k * step) as u32);
            if let Some(c) = Cidr::new_truncated(addr, len) {
                if !taken.iter().any(|t| t.overlaps(&c)) {
                    return Some(c);
                }
            }
        }
    }
    None
}

/// Every private address in use in the VPC (instances, NAT gateways, interface endpoints).
fn used_ips(s: &Scenario, vpc: &str) -> BTreeSet<Ipv4Addr> {
    let in_vpc = |subnet: &str| s.subnet(subnet).is_some_and(|x| x.vpc == vpc);
    let mut used = BTreeSet::new();
    used.extend(
        s.instances
            .iter()
            .filter(|i| in_vpc(&i.subnet))
            .map(|i| i.private_ip.addr()),
    );
    used.extend(
        s.nat_gateways
            .iter()
            .filter(|n| in_vpc(&n.subnet))
            .map(|n| n.private_ip.addr()),
    );
    used.extend(
        s.vpc_endpoints
            .iter()
            .filter(|e| e.vpc == vpc)
            .flat_map(|e| e.private_ips.iter().map(|i| i.addr())),
    );
    used
}

/// The first free address of the subnet from `.10` on (skipping AWS's reserved ones).
pub fn free_ip(s: &Scenario, subnet: &str) -> Option<Ip> {
    let sn = s.subnet(subnet)?;
    let used = used_ips(s, &sn.vpc);
    let base = u32::from(sn.cidr.network()) as u64;
    let size = sn.cidr.size();
    let first = if size > 16 { 10 } else { 4 };
    (first..size.saturating_sub(1))
        .map(|k| Ipv4Addr::from((base + k) as u32))
        .find(|a| !used.contains(a))
        .map(Ip)
}

/// A public address in 54.0.0.0/8 (as the examples use) that nothing in the document has.
pub fn free_public_ip(s: &Scenario) -> Ip {
    let mut used: BTreeSet<Ipv4Addr> = BTreeSet::new();
    used.extend(
        s.instances
            .iter()
            .filter_map(|i| i.public_ip.map(|p| p.addr())),
    );
    used.extend(s.nat_gateways.iter().map(|n| n.public_ip.addr()));
    used.extend(s.internet_hosts.iter().map(|h| h.ip.addr()));
    used.extend(s.customer_gateways.iter().map(|c| c.ip.addr()));
    (10u32..65_000)
        .map(|k| Ipv4Addr::new(54, 0, (k / 250) as u8, (k % 250) as u8 + 1))
        .find(|a| !used.contains(a))
        .map(Ip)
        .unwrap_or(Ip(Ipv4Addr::new(54, 0, 0, 10)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidr_field_table() {
        type Case<'a> = (&'a str, Result<&'a str, (&'a str, Option<&'a str>)>);
        let cases: &[Case] = &[
            ("10.0.0.0/16", Ok("10.0.0.0/16")),
            (" 10.1.0.0/16 ", Ok("10.1.0.0/16")),
            ("", Err(("This field is required.", None))),
            ("10.0.0.1/16", Err(("\"10.0.0.1/16\" has host bits set: a CIDR names a network, did you mean \"10.0.0.0/16\"?", Some("10.0.0.0/16")))),
            ("10.0.300.0/24", Err(("\"10.0.300.0/24\" is not an IPv4 CIDR", None))),
        ];
        for (input, want) in cases {
            let got = cidr(input)
                .map(|c| c.to_string())
                .map_err(|e| (e.message, e.suggestion.map(|x| x.1)));
            let want = want
                .map(str::to_string)
                .map_err(|(m, s)| (m.to_string(), s.map(str::to_string)));
            assert_eq!(got, want, "{input:?}");
        }
    }

    #[test]
    fn lists_and_numbers() {
        assert_eq!(
            join(&cidr_list("10.0.0.0/16, 10.1.0.0/16\n10.2.0.0/16", true).unwrap()),
            "10.0.0.0/16, 10.1.0.0/16, 10.2.0.0/16"
        );
        assert!(cidr_list(" ", true).is_err());
        assert_eq!(cidr_list("", false).unwrap(), vec![]);
        assert_eq!(
            cidr_list("10.0.0.0/16, 10.1.0.1/16", true)
                .unwrap_err()
                .suggestion,
            Some(("10.1.0.1/16".to_string(), "10.1.0.0/16".to_string()))
        );
        assert_eq!(ip_list("10.0.1.5 10.0.2.5").unwrap().len(), 2);
        assert!(ip("10.0.1").is_err());
        assert_eq!(optional_ip("").unwrap(), None);
        assert_eq!(asn("").unwrap(), None);
        assert_eq!(asn("65000").unwrap(), Some(65000));
        for bad in ["0", "-1", "abc", "4294967295"] {
            assert!(asn(bad).is_err(), "{bad}");
        }
        assert_eq!(vlan("101").unwrap(), 101);
        assert_eq!(
            vlan("5000").unwrap(),
            5000,
            "range is a finding, not a parse error"
        );
        assert!(vlan("x").is_err());
        assert_eq!(word_list("arn:a, arn:b"), vec!["arn:a", "arn:b"]);
    }

    fn scenario() -> Scenario {
        serde_json::from_str(
            r#"{"format":"vpc-playground/1",
            "vpcs":[{"id":"vpc-a","region":"us-east-1","cidrs":["10.0.0.0/16"]}],
            "subnets":[{"id":"subnet-a1","vpc":"vpc-a","cidr":"10.0.1.0/24"}],
            "instances":[{"id":"i-a","subnet":"subnet-a1","private_ip":"10.0.1.10"}],
            "nat_gateways":[{"id":"nat-a","subnet":"subnet-a1","private_ip":"10.0.1.11","public_ip":"54.0.0.11"}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn defaults_avoid_what_is_taken() {
        let s = scenario();
        assert_eq!(free_vpc_cidr(&s).unwrap().to_string(), "10.1.0.0/16");
        assert_eq!(
            free_subnet_cidr(&s, "vpc-a").unwrap().to_string(),
            "10.0.2.0/24"
        );
        assert_eq!(free_subnet_cidr(&s, "vpc-x"), None);
        assert_eq!(free_ip(&s, "subnet-a1").unwrap().to_string(), "10.0.1.12");
        assert_eq!(free_public_ip(&s).to_string(), "54.0.0.12");
        assert_eq!(
            free_vpc_cidr(&Scenario::empty()).unwrap().to_string(),
            "10.0.0.0/16"
        );
    }

    #[test]
    fn small_vpc_gets_its_whole_block() {
        let mut s = scenario();
        s.subnets.clear();
        s.vpcs[0].cidrs = vec!["10.9.0.0/28".parse().unwrap()];
        assert_eq!(
            free_subnet_cidr(&s, "vpc-a").unwrap().to_string(),
            "10.9.0.0/28"
        );
        s.subnets =
            serde_json::from_str(r#"[{"id":"x","vpc":"vpc-a","cidr":"10.9.0.0/28"}]"#).unwrap();
        assert_eq!(free_subnet_cidr(&s, "vpc-a"), None);
    }

    #[test]
    fn regions_never_empty() {
        assert!(regions().contains(&"us-east-1".to_string()));
    }
}

/// What AWS refuses when a subnet gets block `c` (the console checks these at once):
/// outside every block of its VPC, or overlapping another subnet of the VPC.
/// <https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html>
pub fn subnet_cidr_problem(s: &Scenario, subnet: &str, vpc: &str, c: &Cidr) -> Option<String> {
    let v = s.vpc(vpc)?;
    if !v.cidrs.iter().any(|b| b.contains_cidr(c)) {
        let blocks = join(&v.cidrs);
        return Some(format!("{c} is not inside {vpc}'s blocks ({blocks}): a subnet takes its addresses from its VPC."));
    }
    s.subnets
        .iter()
        .find(|x| x.vpc == vpc && x.id != subnet && x.cidr.overlaps(c))
        .map(|x| {
            format!(
                "{c} overlaps {} ({}): subnets of one VPC cannot share addresses.",
                x.id, x.cidr
            )
        })
}

/// What AWS refuses for a private address in subnet `subnet` (held by `owner`): outside
/// the subnet, one of its five reserved addresses, or already in use in the VPC.
/// <https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html>
pub fn private_ip_problem(s: &Scenario, subnet: &str, owner: &str, ip: Ip) -> Option<String> {
    let sn = s.subnet(subnet)?;
    let a = ip.addr();
    if !sn.cidr.contains(a) {
        return Some(format!("{ip} is not inside {subnet} ({}).", sn.cidr));
    }
    let offset = u32::from(a) - u32::from(sn.cidr.network());
    if offset < 4 || a == sn.cidr.broadcast() {
        return Some(format!(
            "{ip} is reserved by AWS: the first four addresses and the last one of {} are not usable.",
            sn.cidr
        ));
    }
    let in_vpc = |x: &str| s.subnet(x).is_some_and(|y| y.vpc == sn.vpc);
    let holder = s
        .instances
        .iter()
        .filter(|i| i.id != owner && in_vpc(&i.subnet) && i.private_ip == ip)
        .map(|i| i.id.clone())
        .chain(
            s.nat_gateways
                .iter()
                .filter(|n| n.id != owner && in_vpc(&n.subnet) && n.private_ip == ip)
                .map(|n| n.id.clone()),
        )
        .chain(
            s.vpc_endpoints
                .iter()
                .filter(|e| e.id != owner && e.vpc == sn.vpc && e.private_ips.contains(&ip))
                .map(|e| e.id.clone()),
        )
        .next();
    holder.map(|h| format!("{ip} is already used by {h} in this VPC."))
}

#[cfg(test)]
mod problem_tests {
    use super::*;

    fn s() -> Scenario {
        serde_json::from_str(
            r#"{"format":"vpc-playground/1",
            "vpcs":[{"id":"vpc-a","region":"us-east-1","cidrs":["10.0.0.0/16"]}],
            "subnets":[{"id":"sa","vpc":"vpc-a","cidr":"10.0.1.0/24"},{"id":"sb","vpc":"vpc-a","cidr":"10.0.2.0/24"}],
            "instances":[{"id":"i-a","subnet":"sa","private_ip":"10.0.1.10"},{"id":"i-b","subnet":"sb","private_ip":"10.0.2.10"}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn subnet_cidr_problems() {
        let s = s();
        let cases: &[(&str, Option<&str>)] = &[
            ("10.0.3.0/24", None),
            ("10.0.1.0/24", None), // its own block
            ("10.0.2.0/25", Some("10.0.2.0/25 overlaps sb (10.0.2.0/24): subnets of one VPC cannot share addresses.")),
            ("10.1.0.0/24", Some("10.1.0.0/24 is not inside vpc-a's blocks (10.0.0.0/16): a subnet takes its addresses from its VPC.")),
        ];
        for (c, want) in cases {
            let c: Cidr = c.parse().unwrap();
            assert_eq!(
                subnet_cidr_problem(&s, "sa", "vpc-a", &c).as_deref(),
                *want,
                "{c}"
            );
        }
    }

    #[test]
    fn private_ip_problems() {
        let s = s();
        let cases: &[(&str, Option<&str>)] = &[
            ("10.0.1.10", None), // its own address
            ("10.0.1.11", None),
            ("10.0.2.11", Some("10.0.2.11 is not inside sa (10.0.1.0/24).")),
            ("10.0.1.3", Some("10.0.1.3 is reserved by AWS: the first four addresses and the last one of 10.0.1.0/24 are not usable.")),
            ("10.0.1.255", Some("10.0.1.255 is reserved by AWS: the first four addresses and the last one of 10.0.1.0/24 are not usable.")),
        ];
        for (ip, want) in cases {
            let ip: Ip = ip.parse().unwrap();
            assert_eq!(
                private_ip_problem(&s, "sa", "i-a", ip).as_deref(),
                *want,
                "{ip}"
            );
        }
        let mut s2 = s.clone();
        s2.instances[1].subnet = "sa".into();
        s2.instances[1].private_ip = "10.0.1.12".parse().unwrap();
        assert_eq!(
            private_ip_problem(&s2, "sa", "i-a", "10.0.1.12".parse().unwrap()).as_deref(),
            Some("10.0.1.12 is already used by i-b in this VPC.")
        );
    }
}
