//! Format 2's filters in the editor (`docs/scenario-format.md` N2-N5): the security group
//! form and the network ACL form (name, VPC, default flag, an ACL's subnets, and their
//! inbound and outbound rules tables), which groups an instance or interface endpoint is in,
//! and which ACL a subnet uses. Shown only for a format 2 scenario.
//! <https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html>
//! <https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html>

use super::field::{CheckField, CheckList, SelectField, TextField};
use super::filter_rules::Table;
use super::parse::{optional, required, FieldError};
use super::rules_table::RulesTable;
use super::{edit, id_options, read, write, write_doc, HasId};
use crate::state::AppState;
use leptos::prelude::*;
use vpc_engine::model::*;

const SG_IN: Table = Table::SG_IN;
const SG_OUT: Table = Table::SG_OUT;
const ACL_IN: Table = Table::ACL_IN;
const ACL_OUT: Table = Table::ACL_OUT;

/// Reads an ENI owner's `security_groups`.
pub type GetGroups = fn(&Scenario, &str) -> Option<Vec<String>>;
/// Finds an ENI owner's `security_groups` to change them.
pub type SetGroups = for<'a> fn(&'a mut Scenario, &str) -> Option<&'a mut Vec<String>>;

impl HasId for SecurityGroup {
    fn id(&self) -> &str {
        &self.id
    }
}
impl HasId for NetworkAcl {
    fn id(&self) -> &str {
        &self.id
    }
}

/// Whether the open scenario models filtering (format 2).
pub fn filters_on(state: AppState) -> Signal<bool> {
    Signal::derive(move || state.scenario.with(|s| s.format.filters()))
}

/// The group an ENI with no `security_groups` is in: its VPC's written default group, else
/// the implicit one (N5.1).
pub fn default_group(s: &Scenario, vpc: &str) -> String {
    s.security_groups
        .iter()
        .find(|g| g.vpc == vpc && g.default)
        .map(|g| g.id.clone())
        .unwrap_or_else(|| implicit_sg_id(vpc))
}

fn vpc_options(state: AppState) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        state
            .scenario
            .with(|s| id_options(&s.vpcs, |v| v.name.as_ref()))
    })
}

#[component]
pub fn SgForm(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list: super::List<SecurityGroup> = |s| &s.security_groups;
    let list_mut: super::ListMut<SecurityGroup> = |s| &mut s.security_groups;
    let id_def = id.clone();
    let is_default = Signal::derive(move || {
        state.scenario.with(|s| {
            s.security_groups
                .iter()
                .any(|g| g.id == id_def && g.default)
        })
    });
    let id_set = id.clone();
    let set_default = Callback::new(move |on: bool| {
        edit(state, |s| {
            let vpc = vpc_of(&s.security_groups, &id_set, |g| &g.vpc);
            // One default group per VPC (N5.1): making this one default unmarks the other.
            for g in s.security_groups.iter_mut().filter(|g| g.vpc == vpc) {
                g.default = if g.id == id_set { on } else { g.default && !on };
            }
            Ok(())
        })
    });
    view! {
        <TextField label="Name" value=read(state, list, &id, |v| v.name.clone().unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.name = optional(t); Ok(()) }) testid="sg-name"/>
        <SelectField label="VPC" options=vpc_options(state) value=read(state, list, &id, |v| v.vpc.clone())
            apply=write(state, list_mut, &id, |v, t| { v.vpc = required(t)?; Ok(()) }) testid="sg-vpc"/>
        <CheckField label="Default security group of its VPC (instances in no group are in it)".to_string()
            checked=is_default apply=set_default/>
        <RulesTable id=id.clone() table=SG_IN/>
        <RulesTable id=id.clone() table=SG_OUT/>
    }
}

fn vpc_of<T: HasId>(items: &[T], id: &str, vpc: fn(&T) -> &String) -> String {
    items
        .iter()
        .find(|x| x.id() == id)
        .map(|x| vpc(x).clone())
        .unwrap_or_default()
}

#[component]
pub fn AclForm(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list: super::List<NetworkAcl> = |s| &s.network_acls;
    let list_mut: super::ListMut<NetworkAcl> = |s| &mut s.network_acls;
    let id_def = id.clone();
    let is_default = Signal::derive(move || {
        state
            .scenario
            .with(|s| s.network_acls.iter().any(|a| a.id == id_def && a.default))
    });
    let id_set = id.clone();
    let set_default = Callback::new(move |on: bool| {
        edit(state, |s| {
            let vpc = vpc_of(&s.network_acls, &id_set, |a| &a.vpc);
            for a in s.network_acls.iter_mut().filter(|a| a.vpc == vpc) {
                a.default = if a.id == id_set { on } else { a.default && !on };
            }
            Ok(())
        })
    });
    let id_sn = id.clone();
    let subnet_options = Signal::derive(move || {
        state.scenario.with(|s| {
            let vpc = vpc_of(&s.network_acls, &id_sn, |a| &a.vpc);
            s.subnets
                .iter()
                .filter(|x| x.vpc == vpc)
                .map(|x| (x.id.clone(), format!("{} ({})", x.id, x.cidr)))
                .collect::<Vec<_>>()
        })
    });
    let id_checked = id.clone();
    let associated = Signal::derive(move || {
        state.scenario.with(|s| {
            s.network_acls
                .iter()
                .find(|a| a.id == id_checked)
                .map(|a| a.subnets.clone())
                .unwrap_or_default()
        })
    });
    let id_assoc = id.clone();
    let associate = Callback::new(move |(subnet, on): (String, bool)| {
        edit(state, |s| {
            move_subnet(s, &subnet, on.then_some(id_assoc.as_str()));
            Ok(())
        })
    });
    view! {
        <TextField label="Name" value=read(state, list, &id, |v| v.name.clone().unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.name = optional(t); Ok(()) }) testid="acl-name"/>
        <SelectField label="VPC" options=vpc_options(state) value=read(state, list, &id, |v| v.vpc.clone())
            apply=write(state, list_mut, &id, |v, t| { v.vpc = required(t)?; Ok(()) }) testid="acl-vpc"/>
        <CheckField label="Default network ACL of its VPC (subnets in no ACL use it)".to_string()
            checked=is_default apply=set_default/>
        <CheckList legend="Subnets it applies to" options=subnet_options checked=associated apply=associate
            empty="No subnets in this VPC yet."/>
        <RulesTable id=id.clone() table=ACL_IN/>
        <RulesTable id=id.clone() table=ACL_OUT/>
    }
}

/// Associates `subnet` with the written ACL `to` (a subnet is in one ACL at most), or with
/// none (its VPC's default) when `to` is `None`.
pub fn move_subnet(s: &mut Scenario, subnet: &str, to: Option<&str>) {
    for a in &mut s.network_acls {
        a.subnets.retain(|x| x != subnet);
        if Some(a.id.as_str()) == to {
            a.subnets.push(subnet.to_string());
        }
    }
}

/// Which ACL a subnet uses, with a select that associates another ACL of its VPC. Format 2
/// only.
#[component]
pub fn AclOfSubnet(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id_opts = id.clone();
    let options = Signal::derive(move || {
        state.scenario.with(|s| {
            let vpc = s
                .subnet(&id_opts)
                .map(|x| x.vpc.clone())
                .unwrap_or_default();
            let mut out: Vec<(String, String)> = Vec::new();
            if !s.network_acls.iter().any(|a| a.vpc == vpc && a.default) {
                out.push((
                    String::new(),
                    format!("{} (the VPC's default)", implicit_acl_id(&vpc)),
                ));
            }
            out.extend(s.network_acls.iter().filter(|a| a.vpc == vpc).map(|a| {
                let default = if a.default { ", the VPC's default" } else { "" };
                let name = a
                    .name
                    .as_deref()
                    .map(|n| format!(" ({n}{default})"))
                    .unwrap_or_else(|| {
                        if a.default {
                            " (the VPC's default)".to_string()
                        } else {
                            String::new()
                        }
                    });
                (a.id.clone(), format!("{}{name}", a.id))
            }));
            out
        })
    });
    let id_val = id.clone();
    let value = Signal::derive(move || {
        state.scenario.with(|s| {
            s.network_acls
                .iter()
                .find(|a| a.subnets.contains(&id_val))
                .map(|a| a.id.clone())
                .or_else(|| {
                    let vpc = s.subnet(&id_val)?.vpc.clone();
                    s.network_acls
                        .iter()
                        .find(|a| a.vpc == vpc && a.default)
                        .map(|a| a.id.clone())
                })
                .unwrap_or_default()
        })
    });
    let id_apply = id.clone();
    let apply = write_doc(state, move |s, t| {
        move_subnet(s, &id_apply, (!t.is_empty()).then_some(t));
        Ok(())
    });
    view! { <SelectField label="Network ACL" options value apply testid="subnet-acl"/> }
}

/// Which security groups an ENI (an instance, an interface endpoint) is in: a checkbox per
/// group of its VPC; none checked means the VPC's default group, and the form says so.
/// Format 2 only.
#[component]
pub fn GroupsOf(
    id: String,
    /// The VPC of the ENI's owner.
    vpc: Signal<String>,
    /// The owner's `security_groups` in the scenario.
    get: GetGroups,
    set: SetGroups,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let options = Signal::derive(move || {
        let vpc = vpc.get();
        state.scenario.with(|s| {
            let list: Vec<SecurityGroup> = s
                .security_groups
                .iter()
                .filter(|g| g.vpc == vpc)
                .cloned()
                .collect();
            id_options(&list, |g| g.name.as_ref())
        })
    });
    let id_get = id.clone();
    let checked =
        Signal::derive(move || state.scenario.with(|s| get(s, &id_get).unwrap_or_default()));
    let id_set = id.clone();
    let apply = Callback::new(move |(group, on): (String, bool)| {
        edit(state, |s| {
            let groups = set(s, &id_set)
                .ok_or_else(|| FieldError::new(format!("{id_set} no longer exists.")))?;
            groups.retain(|g| *g != group);
            if on {
                groups.push(group);
            }
            Ok(())
        })
    });
    let fallback = Signal::derive(move || {
        let vpc = vpc.get();
        state.scenario.with(|s| default_group(s, &vpc))
    });
    view! {
        <CheckList legend="Security groups" options checked apply
            empty="No security group in this VPC yet: add one from the menu."/>
        <Show when=move || checked.with(Vec::is_empty)>
            <p class="muted small" data-testid="default-group-note">
                {move || format!("In no group: AWS puts it in the VPC's default group, {}.", fallback.get())}
            </p>
        </Show>
    }
}

/// [`GroupsOf`] for an instance.
#[component]
pub fn InstanceGroups(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let on = filters_on(state);
    let id_vpc = id.clone();
    let vpc = Signal::derive(move || {
        state.scenario.with(|s| {
            s.instance(&id_vpc)
                .and_then(|i| s.subnet(&i.subnet))
                .map(|x| x.vpc.clone())
                .unwrap_or_default()
        })
    });
    view! {
        <Show when=move || on.get()>
            <GroupsOf id=id.clone() vpc
                get=|s, id| s.instance(id).map(|i| i.security_groups.clone())
                set=|s, id| s.instances.iter_mut().find(|i| i.id == id).map(|i| &mut i.security_groups)/>
        </Show>
    }
}

/// [`GroupsOf`] for an interface endpoint.
#[component]
pub fn EndpointGroups(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let on = filters_on(state);
    let id_vpc = id.clone();
    let vpc = Signal::derive(move || {
        state.scenario.with(|s| {
            s.endpoint(&id_vpc)
                .map(|e| e.vpc.clone())
                .unwrap_or_default()
        })
    });
    view! {
        <Show when=move || on.get()>
            <GroupsOf id=id.clone() vpc
                get=|s, id| s.endpoint(id).map(|e| e.security_groups.clone())
                set=|s, id| s.vpc_endpoints.iter_mut().find(|e| e.id == id).map(|e| &mut e.security_groups)/>
        </Show>
    }
}

/// [`AclOfSubnet`] for a format 2 scenario only.
#[component]
pub fn SubnetAcl(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let on = filters_on(state);
    view! {
        <Show when=move || on.get()>
            <AclOfSubnet id=id.clone()/>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subnet_moves_between_acls_and_back_to_the_default() {
        let mut s: Scenario = serde_json::from_str(
            r#"{"format":"vpc-playground/2",
            "vpcs":[{"id":"vpc-a","region":"us-east-1","cidrs":["10.0.0.0/16"]}],
            "subnets":[{"id":"subnet-a1","vpc":"vpc-a","cidr":"10.0.1.0/24"}],
            "network_acls":[{"id":"acl-1","vpc":"vpc-a","subnets":["subnet-a1"]},{"id":"acl-2","vpc":"vpc-a"}]}"#,
        )
        .unwrap();
        move_subnet(&mut s, "subnet-a1", Some("acl-2"));
        let homes: Vec<usize> = s.network_acls.iter().map(|a| a.subnets.len()).collect();
        assert_eq!(homes, [0, 1]);
        move_subnet(&mut s, "subnet-a1", None);
        assert!(s.network_acls.iter().all(|a| a.subnets.is_empty()));
        assert_eq!(default_group(&s, "vpc-a"), "vpc-a:default-sg");
    }
}
