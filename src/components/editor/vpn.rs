//! Forms for customer gateways and Site-to-Site VPN connections (where it ends: a VPN
//! gateway, or in format 2 a transit gateway through its `vpn` attachment; routing, static
//! routes and the two tunnels' up/down state).

use super::field::{SelectField, TextField};
use super::parse::{asn, cidr_list, ip, join, optional, required};
use super::transit::{set_vpn_end, VpnEnd};
use super::{edit, id_options, path_of, read, write};
use crate::state::{AppState, NoticeKind};
use leptos::prelude::*;
use vpc_engine::model::*;

pub fn network_options(state: AppState) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        state
            .scenario
            .with(|s| id_options(&s.onprem_networks, |n| n.name.as_ref()))
    })
}

#[component]
pub fn CgwForm(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list: super::List<CustomerGateway> = |s| &s.customer_gateways;
    let list_mut: super::ListMut<CustomerGateway> = |s| &mut s.customer_gateways;
    view! {
        <TextField label="Name" value=read(state, list, &id, |v| v.name.clone().unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.name = optional(t); Ok(()) })/>
        <TextField label="Public IP of the device" value=read(state, list, &id, |v| v.ip.to_string())
            apply=write(state, list_mut, &id, |v, t| { v.ip = ip(t)?; Ok(()) }) at=path_of(state, &id, "ip")/>
        <TextField label="BGP ASN" value=read(state, list, &id, |v| v.asn.map(|a| a.to_string()).unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.asn = asn(t)?; Ok(()) }) placeholder="65000"/>
        <SelectField label="On-premises network" options=network_options(state) value=read(state, list, &id, |v| v.network.clone())
            apply=write(state, list_mut, &id, |v, t| { v.network = required(t)?; Ok(()) })/>
    }
}

#[component]
pub fn VpnForm(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list: super::List<VpnConnection> = |s| &s.vpn_connections;
    let list_mut: super::ListMut<VpnConnection> = |s| &mut s.vpn_connections;
    // Where it can end: the VPN gateways, then (format 2) the transit gateways.
    let ends = Signal::derive(move || {
        state.scenario.with(|s| {
            let vgws = s
                .vpn_gateways
                .iter()
                .map(|g| (g.id.clone(), format!("{} — VPN gateway", g.id)));
            let tgws = s
                .transit_gateways
                .iter()
                .map(|g| (g.id.clone(), format!("{} — transit gateway", g.id)));
            vgws.chain(tgws).collect::<Vec<_>>()
        })
    });
    let vpn_id = id.clone();
    // The notice names the attachment added, once the edit is committed.
    let set_end: super::field::Apply = Callback::new(move |t: String| {
        let mut added = None;
        edit(state, |s| {
            let t = required(&t)?;
            let end = if s.transit_gateways.iter().any(|g| g.id == t) {
                VpnEnd::TransitGateway(t)
            } else {
                VpnEnd::VpnGateway(t)
            };
            added = set_vpn_end(s, &vpn_id, end)?;
            Ok(())
        })?;
        if let Some(att) = added {
            state.show_notice(
                NoticeKind::Info,
                format!("Added {att}, the transit gateway's VPN attachment for {vpn_id}: associate it with a route table."),
            );
        }
        Ok(())
    });
    let cgws = Signal::derive(move || {
        state
            .scenario
            .with(|s| id_options(&s.customer_gateways, |g| g.name.as_ref()))
    });
    let routing = Signal::derive(|| {
        vec![
            ("bgp".to_string(), "Dynamic (BGP)".to_string()),
            ("static".to_string(), "Static".to_string()),
        ]
    });
    view! {
        <TextField label="Name" value=read(state, list, &id, |v| v.name.clone().unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.name = optional(t); Ok(()) })/>
        <SelectField label="Ends at" options=ends
            value=read(state, list, &id, |v| v.vpn_gateway.clone().or(v.transit_gateway.clone()).unwrap_or_default())
            apply=set_end testid="vpn-end"
            at=super::paths_of(state, &id, |_, h| vec![format!("{h}.vpn_gateway"), format!("{h}.transit_gateway")])/>
        <SelectField label="Customer gateway" options=cgws value=read(state, list, &id, |v| v.customer_gateway.clone())
            apply=write(state, list_mut, &id, |v, t| { v.customer_gateway = required(t)?; Ok(()) })/>
        <SelectField label="Routing" options=routing
            value=read(state, list, &id, |v| if v.routing == VpnRouting::Static { "static".into() } else { "bgp".into() })
            apply=write(state, list_mut, &id, |v, t| {
                v.routing = if t == "static" { VpnRouting::Static } else { VpnRouting::Bgp };
                Ok(())
            })/>
        <TextField label="Static routes (on-premises prefixes)" value=read(state, list, &id, |v| join(&v.static_routes))
            apply=write(state, list_mut, &id, |v, t| { v.static_routes = cidr_list(t, false)?; Ok(()) })
            placeholder="192.168.0.0/16" hint="Used with static routing; separated by commas."/>
        <div class="tunnels" role="group" aria-label="Tunnels">
            <Tunnel id=id.clone() index=0/>
            <Tunnel id=id.clone() index=1/>
        </div>
    }
}

/// A toggle button for one tunnel: its state is in the text and in `aria-pressed`.
#[component]
fn Tunnel(id: String, index: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let a = id.clone();
    let up = Signal::derive(move || {
        state.scenario.with(|s| {
            s.vpn_connections
                .iter()
                .find(|v| v.id == a)
                .and_then(|v| v.tunnels.get(index).copied())
                == Some(TunnelState::Up)
        })
    });
    let toggle = move |_| {
        let _ = edit(state, |s| {
            if let Some(t) = s
                .vpn_connections
                .iter_mut()
                .find(|v| v.id == id)
                .and_then(|v| v.tunnels.get_mut(index))
            {
                *t = if *t == TunnelState::Up {
                    TunnelState::Down
                } else {
                    TunnelState::Up
                };
            }
            Ok(())
        });
    };
    let n = index + 1;
    view! {
        <button type="button" class="tunnel" class:down=move || !up.get()
            aria-pressed=move || if up.get() { "true" } else { "false" }
            aria-label=format!("Tunnel {n} up")
            data-testid=format!("tunnel-{n}")
            on:click=toggle>
            {move || if up.get() { format!("Tunnel {n} ▲ up") } else { format!("Tunnel {n} ▼ down") }}
        </button>
    }
}
