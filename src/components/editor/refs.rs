//! References between resources, as pure functions: which resource kinds exist, fresh ids,
//! who refers to whom, deleting (refusing or cascading) and renaming an id everywhere.
//!
//! Every reference field of scenario format 1 is visited by the engine's [`visit_refs`]
//! (`vpc_engine::refs`, which the loader is tested against), so the dependency
//! check, delete and rename cannot disagree about what counts as a reference.

use std::collections::BTreeSet;
use vpc_engine::model::*;
use vpc_engine::refs::{visit_refs, Tie};

pub use vpc_engine::Kind;

/// Kinds offered by the "Add resource" menu, in document order (peerings are requested,
/// not added; on-prem hosts are added inside their network's form). One endpoint entry:
/// its form switches between gateway and interface. Security groups, network ACLs and
/// transit gateways only in a format 2 scenario ([`addable`]).
pub const ADDABLE: [Kind; 19] = [
    Kind::Vpc,
    Kind::Subnet,
    Kind::RouteTable,
    Kind::Instance,
    Kind::InternetGateway,
    Kind::NatGateway,
    Kind::GatewayEndpoint,
    Kind::VpnGateway,
    Kind::CustomerGateway,
    Kind::VpnConnection,
    Kind::DxConnection,
    Kind::DxVif,
    Kind::OnpremNetwork,
    Kind::InternetHost,
    Kind::SecurityGroup,
    Kind::NetworkAcl,
    Kind::TransitGateway,
    Kind::TgwAttachment,
    Kind::TgwRouteTable,
];

/// The kinds the menu offers for a scenario of `format`: format 1 models no filtering and
/// no transit gateways (the panel offers "Upgrade to format 2…" instead).
pub fn addable(format: Format) -> impl Iterator<Item = Kind> {
    ADDABLE
        .into_iter()
        .filter(move |k| format.filters() || !format2_only(*k))
}

/// Kinds that exist only in format 2 documents.
pub fn format2_only(k: Kind) -> bool {
    matches!(
        k,
        Kind::SecurityGroup
            | Kind::NetworkAcl
            | Kind::TransitGateway
            | Kind::TgwAttachment
            | Kind::TgwRouteTable
    )
}

/// The form that edits a resource of this kind: both endpoint kinds share one (switching
/// the type keeps the form and its focus).
pub fn form_kind(k: Kind) -> Kind {
    match k {
        Kind::InterfaceEndpoint => Kind::GatewayEndpoint,
        k => k,
    }
}

/// The word the editor shows for a kind (`VPC endpoint` for both endpoint kinds).
pub fn label(k: Kind) -> &'static str {
    match form_kind(k) {
        Kind::GatewayEndpoint => "VPC endpoint",
        k => k.label(),
    }
}

/// Parses the `value` of the "Add resource" select (the id prefix).
pub fn from_prefix(p: &str) -> Option<Kind> {
    Kind::ALL.iter().copied().find(|k| k.id_prefix() == p)
}

/// The kind of the resource with this id, if the scenario has one.
pub fn kind_of(s: &Scenario, id: &str) -> Option<Kind> {
    s.kind_of(id)
}

/// `prefix-N` with the smallest N ≥ 1 not used by any id in the document.
pub fn fresh_id(s: &Scenario, prefix: &str) -> String {
    let used: BTreeSet<&str> = s.all_ids().into_iter().collect();
    (1..)
        .map(|n| format!("{prefix}-{n}"))
        .find(|id| !used.contains(id.as_str()))
        .unwrap_or_else(|| prefix.to_string())
}

/// One reference found in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    /// The resource holding the reference (`lesson` for the lesson's trace).
    pub owner: String,
    /// What the reference is, for messages (`route to`, `subnet association`).
    pub field: &'static str,
    pub target: String,
    pub tie: Tie,
}

/// Every reference in the document, in document order.
pub fn refs(s: &Scenario) -> Vec<Ref> {
    let mut copy = s.clone();
    let mut out = Vec::new();
    visit_refs(&mut copy, &mut |site, r| {
        out.push(Ref {
            owner: site.owner.to_string(),
            field: site.field,
            target: r.clone(),
            tie: site.tie,
        });
        true
    });
    out
}

/// Ids that a resource contains and that go with it (an on-prem network's hosts).
fn contained(s: &Scenario, id: &str) -> Vec<String> {
    s.onprem_network(id)
        .map(|n| n.hosts.iter().map(|h| h.id.clone()).collect())
        .unwrap_or_default()
}

/// What must be deleted along with `id` (resources placed in it, transitively), in
/// document order, `id` excluded. Empty: `id` can be deleted on its own.
pub fn dependents(s: &Scenario, id: &str) -> Vec<String> {
    let all = refs(s);
    let mut doomed: BTreeSet<String> = BTreeSet::new();
    let mut todo = vec![id.to_string()];
    todo.extend(contained(s, id));
    while let Some(t) = todo.pop() {
        if !doomed.insert(t.clone()) {
            continue;
        }
        for r in all.iter().filter(|r| r.target == t && r.tie == Tie::Place) {
            if !doomed.contains(&r.owner) {
                todo.push(r.owner.clone());
                todo.extend(contained(s, &r.owner));
            }
        }
    }
    doomed.remove(id);
    for h in contained(s, id) {
        doomed.remove(&h);
    }
    s.all_ids()
        .into_iter()
        .chain(std::iter::once("lesson"))
        .filter(|x| doomed.contains(*x))
        .map(str::to_string)
        .collect()
}

/// Removes the resources with these ids (and their contents), and every list membership
/// that pointed at them. A lesson whose trace names a deleted id loses its trace.
pub fn remove_ids(s: &Scenario, ids: &[String]) -> Scenario {
    let gone: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
    let keep = |id: &String| !gone.contains(id.as_str());
    let mut out = s.clone();
    out.retain_ids(|id| !gone.contains(id));
    let mut drop_lesson_trace = false;
    visit_refs(&mut out, &mut |site, r| {
        if site.owner == "lesson" && gone.contains(r.as_str()) {
            drop_lesson_trace = true;
        }
        keep(r)
    });
    if drop_lesson_trace {
        if let Some(l) = out.lesson.as_mut() {
            l.trace = None;
        }
    }
    out
}

/// Why a delete was refused: the resources placed in the one being deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HasDependents {
    pub id: String,
    pub dependents: Vec<String>,
}

impl std::fmt::Display for HasDependents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} cannot be deleted while these use it: {}. Delete or move them first, or delete them too.",
            self.id,
            self.dependents
                .iter()
                .map(|d| if d == "lesson" { "the lesson's trace" } else { d.as_str() })
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

/// Deletes `id` alone, or says which resources still depend on it.
pub fn delete(s: &Scenario, id: &str) -> Result<Scenario, HasDependents> {
    let deps = dependents(s, id);
    if deps.is_empty() {
        Ok(remove_ids(s, &[id.to_string()]))
    } else {
        Err(HasDependents {
            id: id.to_string(),
            dependents: deps,
        })
    }
}

/// Deletes `id` and everything that depends on it.
pub fn delete_cascade(s: &Scenario, id: &str) -> Scenario {
    let mut ids = dependents(s, id);
    ids.push(id.to_string());
    remove_ids(s, &ids)
}

/// Why an id cannot be renamed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenameError {
    Empty,
    Spaces,
    InUse(String),
}

impl std::fmt::Display for RenameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenameError::Empty => f.write_str("An id is required."),
            RenameError::Spaces => f.write_str("An id cannot contain spaces."),
            RenameError::InUse(id) => write!(
                f,
                "The id {id} is already used in this scenario: ids are unique across the whole document."
            ),
        }
    }
}

/// Renames resource `old` to `new` and every reference to it.
pub fn rename(s: &Scenario, old: &str, new: &str) -> Result<Scenario, RenameError> {
    let new = new.trim();
    if new.is_empty() {
        return Err(RenameError::Empty);
    }
    if new.chars().any(char::is_whitespace) {
        return Err(RenameError::Spaces);
    }
    if new == old {
        return Ok(s.clone());
    }
    if s.all_ids().contains(&new) {
        return Err(RenameError::InUse(new.to_string()));
    }
    let mut out = s.clone();
    let set = |x: &mut String| {
        if x == old {
            *x = new.to_string();
        }
    };
    out.ids_mut().into_iter().for_each(set);
    visit_refs(&mut out, &mut |_, r| {
        set(r);
        true
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain() -> Scenario {
        serde_json::from_str(
            r#"{"format":"vpc-playground/1",
            "vpcs":[{"id":"vpc-a","region":"us-east-1","cidrs":["10.0.0.0/16"]},
                    {"id":"vpc-b","region":"us-east-1","cidrs":["10.1.0.0/16"]}],
            "subnets":[{"id":"subnet-a1","vpc":"vpc-a","cidr":"10.0.1.0/24"},
                       {"id":"subnet-b1","vpc":"vpc-b","cidr":"10.1.1.0/24"}],
            "route_tables":[{"id":"rtb-a","vpc":"vpc-a","main":true,"subnets":["subnet-a1"],
                             "routes":[{"destination":"10.1.0.0/16","target":"pcx-ab"}]}],
            "instances":[{"id":"i-a","subnet":"subnet-a1","private_ip":"10.0.1.10"}],
            "peering_connections":[{"id":"pcx-ab","requester":"vpc-a","accepter":"vpc-b","status":"active"}],
            "onprem_networks":[{"id":"onprem-hq","cidrs":["192.168.0.0/16"],
                                "hosts":[{"id":"hq-pc","ip":"192.168.1.10"}]}],
            "customer_gateways":[{"id":"cgw-1","ip":"203.0.113.1","network":"onprem-hq"}],
            "lesson":{"trace":{"from":"i-a","to":"10.1.1.10"}}}"#,
        )
        .unwrap()
    }

    #[test]
    fn fresh_ids_skip_used_numbers() {
        let mut s = chain();
        assert_eq!(fresh_id(&s, "vpc"), "vpc-1");
        s.vpcs[0].id = "vpc-1".into();
        assert_eq!(fresh_id(&s, "vpc"), "vpc-2");
        // Unique across the document, not only among VPCs.
        s.subnets[0].id = "vpc-2".into();
        assert_eq!(fresh_id(&s, "vpc"), "vpc-3");
    }

    #[test]
    fn kinds_of_ids() {
        let s = chain();
        let cases = [
            ("vpc-a", Some(Kind::Vpc)),
            ("subnet-b1", Some(Kind::Subnet)),
            ("rtb-a", Some(Kind::RouteTable)),
            ("pcx-ab", Some(Kind::Peering)),
            ("hq-pc", Some(Kind::OnpremHost)),
            ("onprem-hq", Some(Kind::OnpremNetwork)),
            ("nope", None),
        ];
        for (id, want) in cases {
            assert_eq!(kind_of(&s, id), want, "{id}");
        }
        for k in ADDABLE {
            assert_eq!(from_prefix(k.id_prefix()), Some(k));
        }
    }

    #[test]
    fn dependents_table() {
        let s = chain();
        let cases: &[(&str, &[&str])] = &[
            ("vpc-a", &["subnet-a1", "rtb-a", "i-a", "pcx-ab", "lesson"]),
            ("vpc-b", &["subnet-b1", "pcx-ab"]),
            ("subnet-a1", &["i-a", "lesson"]),
            // A route to the peering is a list entry: it goes with the peering, no refusal.
            ("pcx-ab", &[]),
            ("onprem-hq", &["cgw-1"]),
            ("hq-pc", &[]),
            ("i-a", &["lesson"]),
        ];
        for (id, want) in cases {
            assert_eq!(dependents(&s, id), *want, "{id}");
        }
    }

    #[test]
    fn delete_refuses_then_cascades_without_dangling_refs() {
        let s = chain();
        let err = delete(&s, "subnet-a1").unwrap_err();
        assert_eq!(err.dependents, vec!["i-a", "lesson"]);
        assert!(err.to_string().contains("i-a"));
        let after = delete_cascade(&s, "subnet-a1");
        assert!(after.subnet("subnet-a1").is_none());
        assert!(after.instance("i-a").is_none());
        assert!(
            after.route_tables[0].subnets.is_empty(),
            "association removed"
        );
        assert_eq!(after.lesson.as_ref().unwrap().trace, None);
        let ids: BTreeSet<&str> = after.all_ids().into_iter().collect();
        for r in refs(&after) {
            assert!(ids.contains(r.target.as_str()), "dangling {r:?}");
        }
    }

    #[test]
    fn deleting_a_peering_removes_routes_to_it() {
        let s = chain();
        let after = delete(&s, "pcx-ab").unwrap();
        assert!(after.route_tables[0].routes.is_empty());
    }

    #[test]
    fn deleting_a_network_takes_its_hosts() {
        let mut s = chain();
        s.customer_gateways.clear();
        let after = delete(&s, "onprem-hq").unwrap();
        assert!(after.onprem_networks.is_empty());
        assert!(!after.all_ids().contains(&"hq-pc"));
    }

    #[test]
    fn rename_updates_every_reference() {
        let s = chain();
        let after = rename(&s, "vpc-a", "vpc-x").unwrap();
        assert_eq!(after.vpcs[0].id, "vpc-x");
        assert_eq!(after.subnets[0].vpc, "vpc-x");
        assert_eq!(after.route_tables[0].vpc, "vpc-x");
        assert_eq!(after.peering_connections[0].requester, "vpc-x");
        let after = rename(&s, "pcx-ab", "pcx-1").unwrap();
        assert_eq!(after.route_tables[0].routes[0].target, "pcx-1");
        let after = rename(&s, "i-a", "i-web").unwrap();
        assert_eq!(after.lesson.unwrap().trace.unwrap().from, "i-web");
    }

    #[test]
    fn rename_errors() {
        let s = chain();
        let cases = [
            ("", RenameError::Empty),
            ("a b", RenameError::Spaces),
            ("vpc-b", RenameError::InUse("vpc-b".into())),
        ];
        for (new, want) in cases {
            assert_eq!(rename(&s, "vpc-a", new).unwrap_err(), want, "{new:?}");
        }
    }
}
