//! Upgrading a document from format 1 to format 2 (`docs/scenario-format.md` N7), as a
//! pure function, and the reach-matrix cells whose verdict the upgrade changes.
//!
//! Format 2 filters every packet, so an upgraded document must open its filters to keep
//! format 1's verdicts: per VPC a written default security group `sg-default-VPCID`
//! (ingress all protocols from `0.0.0.0/0`, egress all to `0.0.0.0/0`; `-2`, `-3`… when
//! the id is taken) that every network interface without groups falls into, and the
//! implicit allow-all default ACL. The one exception is a reply format 1 never checked
//! (from the internet, an AWS service…), which [`reach_changes`] lists for a warning.

use crate::load::Loaded;
use crate::model::{Format, Scenario, SecurityGroup, SgEgressRule, SgIngressRule, SgPeer};
use crate::packet::RuleProtocol;
use crate::reach::{Reach, ReachCell};
use std::collections::HashSet;
use std::fmt;

/// The format 2 document with the same verdicts as `l`; a format 2 document unchanged.
pub fn upgrade(l: &Loaded) -> Scenario {
    let mut s = l.scenario().clone();
    if s.format.filters() {
        return s;
    }
    s.format = Format::V2;
    let mut taken: HashSet<String> = s.all_ids().into_iter().map(str::to_string).collect();
    let groups: Vec<SecurityGroup> = s
        .vpcs
        .iter()
        .map(|v| open_default_group(&v.id, fresh_id(&mut taken, &format!("sg-default-{}", v.id))))
        .collect();
    s.security_groups = groups;
    s
}

/// `base`, or `base-2`, `base-3`… : the first not in `taken`, which it joins.
fn fresh_id(taken: &mut HashSet<String>, base: &str) -> String {
    let id = std::iter::once(base.to_string())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|id| !taken.contains(id))
        .unwrap_or_else(|| base.to_string());
    taken.insert(id.clone());
    id
}

/// A VPC's default group that lets everything in and out, as format 1 did.
fn open_default_group(vpc: &str, id: String) -> SecurityGroup {
    SecurityGroup {
        id,
        vpc: vpc.to_string(),
        name: None,
        default: true,
        ingress: vec![SgIngressRule {
            protocol: RuleProtocol::All,
            ports: None,
            source: SgPeer::Cidr(crate::addr::Cidr::ANY),
            description: None,
        }],
        egress: Some(vec![SgEgressRule::allow_all()]),
    }
}

/// A reach-matrix cell whose verdict differs between two matrices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReachChange {
    pub from: String,
    pub to: String,
    pub before: ReachCell,
    pub after: ReachCell,
}

impl fmt::Display for ReachChange {
    /// `i-a -> i-b: delivered (DELIVERED) in format 1, dropped (NO_RETURN_ROUTE) in format 2`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cell = |c: &ReachCell| {
            format!(
                "{} ({})",
                serde_json::to_value(c.verdict)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                c.reason.as_str()
            )
        };
        write!(
            f,
            "{} -> {}: {} in format 1, {} in format 2",
            self.from,
            self.to,
            cell(&self.before),
            cell(&self.after)
        )
    }
}

/// Every cell of `before` whose verdict or reason is different (or missing) in `after`,
/// in the matrix's order.
pub fn reach_changes(before: &Reach, after: &Reach) -> Vec<ReachChange> {
    let mut out = Vec::new();
    for (from, row) in &before.matrix {
        for (to, cell) in row {
            let now = after.matrix.get(from).and_then(|r| r.get(to));
            if let Some(now) = now.filter(|now| *now != cell) {
                out.push(ReachChange {
                    from: from.clone(),
                    to: to.clone(),
                    before: cell.clone(),
                    after: now.clone(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::fixtures::{apply_all, Op, FULL, FULL2};
    use crate::load::load;
    use crate::verdict::{Reason, Verdict};

    #[test]
    fn each_vpc_gets_an_open_default_group() {
        let l = load(FULL).unwrap();
        let up = upgrade(&l);
        assert_eq!(up.format, Format::V2);
        let ids: Vec<(&str, &str, bool)> = up
            .security_groups
            .iter()
            .map(|g| (g.id.as_str(), g.vpc.as_str(), g.default))
            .collect();
        assert_eq!(
            ids,
            [
                ("sg-default-vpc-a", "vpc-a", true),
                ("sg-default-vpc-b", "vpc-b", true)
            ]
        );
        assert!(up.network_acls.is_empty());
        // Everything else is as it was.
        let mut back = up.clone();
        back.format = Format::V1;
        back.security_groups.clear();
        assert_eq!(&back, l.scenario());
        // It loads, with no findings, and every interface is in its VPC's open group.
        let u = Loaded::new(up).unwrap();
        assert_eq!(crate::validate(&u), vec![]);
        let f = u.index().filters().unwrap();
        let i_b = crate::index::Eni::Instance(u.index().at("i-b").unwrap());
        assert_eq!(f.groups_of(i_b)[0].id(&u), "sg-default-vpc-b");
        let json = serde_json::to_value(&u).unwrap();
        assert_eq!(
            json["security_groups"][0],
            serde_json::json!({"id": "sg-default-vpc-a", "vpc": "vpc-a", "default": true,
                               "ingress": [{"protocol": "all", "source": "0.0.0.0/0"}],
                               "egress": [{"protocol": "all", "destination": "0.0.0.0/0"}]})
        );
    }

    #[test]
    fn a_taken_id_gets_a_suffix() {
        let doc = apply_all(&[
            Op::Set("/internet_hosts/0/id", r#""sg-default-vpc-a""#),
            Op::Push(
                "/internet_hosts",
                r#"{"id": "sg-default-vpc-a-2", "ip": "93.184.216.35"}"#,
            ),
            Op::Set("/nat_gateways/0/id", r#""sg-default-vpc-b""#),
            Op::Set("/route_tables/1/routes/0/target", r#""sg-default-vpc-b""#),
        ]);
        let up = upgrade(&load(&doc).unwrap());
        let ids: Vec<&str> = up.security_groups.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(ids, ["sg-default-vpc-a-3", "sg-default-vpc-b-2"]);
        assert!(Loaded::new(up).is_ok());
    }

    #[test]
    fn a_format_2_document_is_unchanged() {
        let l = load(&apply_all(FULL2)).unwrap();
        assert_eq!(&upgrade(&l), l.scenario());
    }

    #[test]
    fn changed_cells_are_listed_with_both_verdicts() {
        let cell = |r: Reason| ReachCell {
            verdict: r.verdict(),
            reason: r,
        };
        let mut before = Reach::default();
        let mut after = Reach::default();
        for (to, a, b) in [
            ("i-b", Reason::Delivered, Reason::Delivered),
            ("i-c", Reason::Delivered, Reason::NoReturnRoute),
        ] {
            before
                .matrix
                .entry("i-a".into())
                .or_default()
                .insert(to.into(), cell(a));
            after
                .matrix
                .entry("i-a".into())
                .or_default()
                .insert(to.into(), cell(b));
        }
        let changes = reach_changes(&before, &after);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].after.verdict, Verdict::Dropped);
        assert_eq!(
            changes[0].to_string(),
            "i-a -> i-c: delivered (DELIVERED) in format 1, dropped (NO_RETURN_ROUTE) in format 2"
        );
        assert!(reach_changes(&before, &before).is_empty());
    }
}
