//! The instance form: subnet, private IP, optional public IP.

use super::field::{SelectField, TextField};
use super::filters::InstanceGroups;
use super::parse::{ip, optional, optional_ip, private_ip_problem, required};
use super::{path_of, read, write};
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

/// Where a resource with a private IP sits, to check an address against its subnet.
pub trait HasPrivateIp: super::HasId {
    fn subnet(&self) -> &str;
    fn set_private_ip(&mut self, ip: vpc_engine::addr::Ip);
}
impl HasPrivateIp for Instance {
    fn subnet(&self) -> &str {
        &self.subnet
    }
    fn set_private_ip(&mut self, ip: vpc_engine::addr::Ip) {
        self.private_ip = ip;
    }
}
impl HasPrivateIp for NatGateway {
    fn subnet(&self) -> &str {
        &self.subnet
    }
    fn set_private_ip(&mut self, ip: vpc_engine::addr::Ip) {
        self.private_ip = ip;
    }
}

/// Applies a private IP after the checks AWS makes (inside the subnet, not reserved, free).
pub fn private_ip_apply<T: HasPrivateIp + 'static>(
    state: AppState,
    id: String,
    list: super::ListMut<T>,
) -> super::field::Apply {
    super::write_doc(state, move |s, t| {
        let addr = ip(t)?;
        let subnet = list(s)
            .iter()
            .find(|x| x.id() == id)
            .map(|x| x.subnet().to_string())
            .unwrap_or_default();
        if let Some(why) = private_ip_problem(s, &subnet, &id, addr) {
            return Err(super::parse::FieldError::new(why));
        }
        if let Some(x) = list(s).iter_mut().find(|x| x.id() == id) {
            x.set_private_ip(addr);
        }
        Ok(())
    })
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
            apply=private_ip_apply(state, id.clone(), |s| &mut s.instances) at=path_of(state, &id, "private_ip")
            hint="Inside the subnet; not its first four or last address." testid="instance-ip"/>
        <TextField label="Public IP" value=read(state, list, &id, |v| v.public_ip.map(|p| p.to_string()).unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.public_ip = optional_ip(t)?; Ok(()) }) at=path_of(state, &id, "public_ip")
            placeholder="none" hint="Optional: needed to use an internet gateway." testid="instance-public-ip"/>
        <InstanceGroups id=id.clone()/>
    }
}
