//! The instance form: subnet, private IP, optional public IP.

use super::field::{SelectField, TextField};
use super::parse::{ip, optional, optional_ip, required};
use super::{read, write};
use crate::state::AppState;
use leptos::prelude::*;
use vpc_engine::model::*;

/// (id, "id (cidr)") of every subnet, for pickers.
pub fn subnet_options(s: &Scenario) -> Vec<(String, String)> {
    s.subnets
        .iter()
        .map(|x| (x.id.clone(), format!("{} ({}, {})", x.id, x.cidr, x.vpc)))
        .collect()
}

#[component]
pub fn InstanceForm(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list: super::List<Instance> = |s| &s.instances;
    let list_mut: super::ListMut<Instance> = |s| &mut s.instances;
    let subnets = Signal::derive(move || state.scenario.with(subnet_options));
    view! {
        <TextField label="Name" value=read(state, list, &id, |v| v.name.clone().unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.name = optional(t); Ok(()) }) testid="instance-name"/>
        <SelectField label="Subnet" options=subnets value=read(state, list, &id, |v| v.subnet.clone())
            apply=write(state, list_mut, &id, |v, t| { v.subnet = required(t)?; Ok(()) }) testid="instance-subnet"/>
        <TextField label="Private IP" value=read(state, list, &id, |v| v.private_ip.to_string())
            apply=write(state, list_mut, &id, |v, t| { v.private_ip = ip(t)?; Ok(()) })
            hint="Inside the subnet; not its first four or last address." testid="instance-ip"/>
        <TextField label="Public IP" value=read(state, list, &id, |v| v.public_ip.map(|p| p.to_string()).unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.public_ip = optional_ip(t)?; Ok(()) })
            placeholder="none" hint="Optional: needed to use an internet gateway." testid="instance-public-ip"/>
    }
}
