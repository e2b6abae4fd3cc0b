//! Forms for Direct Connect connections and their virtual interfaces.

use super::field::{SelectField, TextField};
use super::parse::{optional, required, vlan};
use super::vpn::network_options;
use super::{id_options, path_of, read, with_none, write};
use crate::state::AppState;
use leptos::prelude::*;
use vpc_engine::model::*;

#[component]
pub fn DxConForm(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list: super::List<DxConnection> = |s| &s.dx_connections;
    let list_mut: super::ListMut<DxConnection> = |s| &mut s.dx_connections;
    view! {
        <TextField label="Name" value=read(state, list, &id, |v| v.name.clone().unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.name = optional(t); Ok(()) })/>
        <TextField label="Location" value=read(state, list, &id, |v| v.location.clone().unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.location = optional(t); Ok(()) }) placeholder="EqDC2"/>
        <TextField label="Bandwidth" value=read(state, list, &id, |v| v.bandwidth.clone().unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.bandwidth = optional(t); Ok(()) }) placeholder="1Gbps"/>
        <SelectField label="On-premises network" options=network_options(state) value=read(state, list, &id, |v| v.network.clone())
            apply=write(state, list_mut, &id, |v, t| { v.network = required(t)?; Ok(()) })/>
    }
}

#[component]
pub fn VifForm(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list: super::List<DxVirtualInterface> = |s| &s.dx_virtual_interfaces;
    let list_mut: super::ListMut<DxVirtualInterface> = |s| &mut s.dx_virtual_interfaces;
    let cons = Signal::derive(move || {
        state
            .scenario
            .with(|s| id_options(&s.dx_connections, |c| c.name.as_ref()))
    });
    let types = Signal::derive(|| {
        vec![
            (
                "private".to_string(),
                "Private (to a VPN gateway)".to_string(),
            ),
            (
                "public".to_string(),
                "Public (AWS public services)".to_string(),
            ),
        ]
    });
    let vgws = Signal::derive(move || {
        state
            .scenario
            .with(|s| with_none("None", id_options(&s.vpn_gateways, |g| g.name.as_ref())))
    });
    view! {
        <TextField label="Name" value=read(state, list, &id, |v| v.name.clone().unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.name = optional(t); Ok(()) })/>
        <SelectField label="Connection" options=cons value=read(state, list, &id, |v| v.connection.clone())
            apply=write(state, list_mut, &id, |v, t| { v.connection = required(t)?; Ok(()) })/>
        <SelectField label="Type" options=types
            value=read(state, list, &id, |v| if v.kind == VifType::Public { "public".into() } else { "private".into() })
            apply=write(state, list_mut, &id, |v, t| {
                v.kind = if t == "public" { VifType::Public } else { VifType::Private };
                Ok(())
            })/>
        <TextField label="VLAN" value=read(state, list, &id, |v| v.vlan.to_string())
            apply=write(state, list_mut, &id, |v, t| { v.vlan = vlan(t)?; Ok(()) }) hint="802.1Q tag, 1 to 4094, unique on the connection."
            at=path_of(state, &id, "vlan")/>
        <SelectField label="VPN gateway (private VIF)" options=vgws value=read(state, list, &id, |v| v.vpn_gateway.clone().unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.vpn_gateway = optional(t); Ok(()) })/>
    }
}
