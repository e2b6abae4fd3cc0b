//! Forms for internet gateways, NAT gateways and VPN (virtual private) gateways.

use super::field::{SelectField, TextField};
use super::instance::subnet_options;
use super::parse::{asn, ip, optional, required};
use super::{id_options, path_of, read, with_none, write};
use crate::state::AppState;
use leptos::prelude::*;
use vpc_engine::model::*;

fn vpc_or_detached(state: AppState) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        state.scenario.with(|s| {
            with_none(
                "Detached (no VPC)",
                id_options(&s.vpcs, |v| v.name.as_ref()),
            )
        })
    })
}

#[component]
pub fn IgwForm(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list: super::List<InternetGateway> = |s| &s.internet_gateways;
    let list_mut: super::ListMut<InternetGateway> = |s| &mut s.internet_gateways;
    view! {
        <TextField label="Name" value=read(state, list, &id, |v| v.name.clone().unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.name = optional(t); Ok(()) })/>
        <SelectField label="Attached to VPC" options=vpc_or_detached(state)
            value=read(state, list, &id, |v| v.vpc.clone().unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.vpc = optional(t); Ok(()) }) testid="igw-vpc"/>
        <p class="muted small">"A detached gateway makes routes to it blackholes."</p>
    }
}

#[component]
pub fn NatForm(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list: super::List<NatGateway> = |s| &s.nat_gateways;
    let list_mut: super::ListMut<NatGateway> = |s| &mut s.nat_gateways;
    let subnets = Signal::derive(move || state.scenario.with(subnet_options));
    view! {
        <TextField label="Name" value=read(state, list, &id, |v| v.name.clone().unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.name = optional(t); Ok(()) })/>
        <SelectField label="Subnet" options=subnets value=read(state, list, &id, |v| v.subnet.clone())
            apply=write(state, list_mut, &id, |v, t| { v.subnet = required(t)?; Ok(()) })/>
        <TextField label="Private IP" value=read(state, list, &id, |v| v.private_ip.to_string())
            apply=super::instance::private_ip_apply(state, id.clone(), |s| &mut s.nat_gateways)
            at=path_of(state, &id, "private_ip")/>
        <TextField label="Public IP (Elastic IP)" value=read(state, list, &id, |v| v.public_ip.to_string())
            apply=write(state, list_mut, &id, |v, t| { v.public_ip = ip(t)?; Ok(()) })
            at=path_of(state, &id, "public_ip")/>
    }
}

#[component]
pub fn VgwForm(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list: super::List<VpnGateway> = |s| &s.vpn_gateways;
    let list_mut: super::ListMut<VpnGateway> = |s| &mut s.vpn_gateways;
    view! {
        <TextField label="Name" value=read(state, list, &id, |v| v.name.clone().unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.name = optional(t); Ok(()) })/>
        <SelectField label="Attached to VPC" options=vpc_or_detached(state)
            value=read(state, list, &id, |v| v.vpc.clone().unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.vpc = optional(t); Ok(()) })/>
        <TextField label="Amazon-side ASN" value=read(state, list, &id, |v| v.asn.map(|a| a.to_string()).unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.asn = asn(t)?; Ok(()) }) placeholder="64512"/>
    }
}
