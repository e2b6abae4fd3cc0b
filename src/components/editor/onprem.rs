//! Forms for on-premises networks (blocks, hosts, static routes), their hosts, and
//! internet hosts.

use super::create::{add, Context};
use super::field::{SelectField, TextField};
use super::parse::{cidr, cidr_list, ip, join, optional, required, FieldError};
use super::refs::Kind;
use super::{commit_or_notice, edit, path_of, read, write, write_doc};
use crate::state::AppState;
use leptos::prelude::*;
use vpc_engine::model::*;

#[component]
pub fn OnpremForm(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list: super::List<OnpremNetwork> = |s| &s.onprem_networks;
    let list_mut: super::ListMut<OnpremNetwork> = |s| &mut s.onprem_networks;
    let a = id.clone();
    let hosts = Memo::new(move |_| {
        state.scenario.with(|s| {
            s.onprem_network(&a)
                .map(|n| {
                    n.hosts
                        .iter()
                        .map(|h| (h.id.clone(), h.ip.to_string()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let b = id.clone();
    let add_host = move |_| {
        let c = Context {
            network: Some(b.clone()),
            ..Context::default()
        };
        let account = state.acting_account.get_untracked();
        match state
            .scenario
            .with_untracked(|s| add(s, Kind::OnpremHost, &c, &account))
        {
            Ok((next, host)) => {
                if commit_or_notice(state, next) {
                    state.selected.set(Some(host));
                }
            }
            Err(why) => state.show_notice(crate::state::NoticeKind::Error, why),
        }
    };
    view! {
        <TextField label="Name" value=read(state, list, &id, |v| v.name.clone().unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.name = optional(t); Ok(()) })/>
        <TextField label="CIDR blocks" value=read(state, list, &id, |v| join(&v.cidrs))
            apply=write(state, list_mut, &id, |v, t| { v.cidrs = cidr_list(t, true)?; Ok(()) }) placeholder="192.168.0.0/16"/>
        <fieldset class="hosts">
            <legend>"Hosts"</legend>
            <ul class="plain">
                <For each=move || hosts.get() key=|h| h.clone() children=move |(h, addr)| {
                    let h2 = h.clone();
                    view! {
                        <li><button type="button" class="link" on:click=move |_| state.selected.set(Some(h2.clone()))>
                            {format!("{h} — {addr}")}
                        </button></li>
                    }
                }/>
            </ul>
            <button type="button" on:click=add_host data-testid="add-host">"Add host"</button>
        </fieldset>
        <OnpremRoutes id=id.clone()/>
    }
}

/// Static routes configured on premises: destination via a VPN connection or DX VIF.
#[component]
fn OnpremRoutes(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let a = id.clone();
    let count = Memo::new(move |_| {
        state
            .scenario
            .with(|s| s.onprem_network(&a).map(|n| n.routes.len()).unwrap_or(0))
    });
    let vias = Signal::derive(move || {
        state.scenario.with(|s| {
            s.vpn_connections
                .iter()
                .map(|v| (v.id.clone(), format!("{} — VPN", v.id)))
                .chain(
                    s.dx_virtual_interfaces
                        .iter()
                        .map(|v| (v.id.clone(), format!("{} — DX VIF", v.id))),
                )
                .collect::<Vec<_>>()
        })
    });
    let b = id.clone();
    let add_route = move |_| {
        let via = vias.get_untracked().first().map(|v| v.0.clone());
        let Some(via) = via else {
            state.show_notice(
                crate::state::NoticeKind::Error,
                "Add a VPN connection or DX virtual interface first.",
            );
            return;
        };
        let result = edit(state, |s| {
            let n = s
                .onprem_networks
                .iter_mut()
                .find(|n| n.id == b)
                .ok_or_else(|| FieldError::new("gone"))?;
            let dest = cidr("10.0.0.0/16")?;
            n.routes.push(OnpremRoute {
                destination: dest,
                via,
            });
            Ok(())
        });
        if let Err(e) = result {
            state.show_notice(crate::state::NoticeKind::Error, e.message);
        }
    };
    let c = id.clone();
    view! {
        <fieldset class="routes">
            <legend>"On-premises static routes"</legend>
            <For each=move || 0..count.get() key=|i| *i children=move |i| {
                let (d, e, f, g, h) = (c.clone(), c.clone(), c.clone(), c.clone(), c.clone());
                let dest = Signal::derive(move || state.scenario.with(|s| s.onprem_network(&d).and_then(|n| n.routes.get(i)).map(|r| r.destination.to_string()).unwrap_or_default()));
                let via = Signal::derive(move || state.scenario.with(|s| s.onprem_network(&e).and_then(|n| n.routes.get(i)).map(|r| r.via.clone()).unwrap_or_default()));
                let set_dest = write_doc(state, move |s, t| {
                    let d = cidr(t)?;
                    route_mut(s, &f, i)?.destination = d;
                    Ok(())
                });
                let set_via = write_doc(state, move |s, t| {
                    route_mut(s, &g, i)?.via = required(t)?;
                    Ok(())
                });
                let remove = move |_| {
                    let _ = edit(state, |s| {
                        if let Some(n) = s.onprem_networks.iter_mut().find(|n| n.id == h) {
                            if i < n.routes.len() {
                                n.routes.remove(i);
                            }
                        }
                        Ok(())
                    });
                };
                view! {
                    <div class="route-row">
                        <TextField label="Destination" value=dest apply=set_dest/>
                        <SelectField label="Via" options=vias value=via apply=set_via/>
                        <button type="button" class="remove" aria-label=format!("Remove on-premises route {}", i + 1) on:click=remove>"Remove"</button>
                    </div>
                }
            }/>
            <button type="button" on:click=add_route>"Add on-premises route"</button>
        </fieldset>
    }
}

fn route_mut<'a>(
    s: &'a mut Scenario,
    network: &str,
    i: usize,
) -> Result<&'a mut OnpremRoute, FieldError> {
    s.onprem_networks
        .iter_mut()
        .find(|n| n.id == network)
        .and_then(|n| n.routes.get_mut(i))
        .ok_or_else(|| FieldError::new("This route no longer exists."))
}

fn host_mut<'a>(s: &'a mut Scenario, id: &str) -> Result<&'a mut OnpremHost, FieldError> {
    s.onprem_networks
        .iter_mut()
        .flat_map(|n| n.hosts.iter_mut())
        .find(|h| h.id == id)
        .ok_or_else(|| FieldError::new(format!("{id} no longer exists.")))
}

fn host<'a>(s: &'a Scenario, id: &str) -> Option<&'a OnpremHost> {
    s.onprem_networks
        .iter()
        .flat_map(|n| n.hosts.iter())
        .find(|h| h.id == id)
}

#[component]
pub fn HostForm(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (a, b, c, d) = (id.clone(), id.clone(), id.clone(), id.clone());
    let name = Signal::derive(move || {
        state
            .scenario
            .with(|s| host(s, &a).and_then(|h| h.name.clone()).unwrap_or_default())
    });
    let addr = Signal::derive(move || {
        state
            .scenario
            .with(|s| host(s, &b).map(|h| h.ip.to_string()).unwrap_or_default())
    });
    let network = state.scenario.with_untracked(|s| {
        s.onprem_networks
            .iter()
            .find(|n| n.hosts.iter().any(|h| h.id == id))
            .map(|n| n.id.clone())
            .unwrap_or_default()
    });
    let net2 = network.clone();
    view! {
        <p class="muted small">"In on-premises network "
            <button type="button" class="link" on:click=move |_| state.selected.set(Some(net2.clone()))>{network}</button></p>
        <TextField label="Name" value=name apply=write_doc(state, move |s, t| { host_mut(s, &c)?.name = optional(t); Ok(()) })/>
        <TextField label="IP address" value=addr apply=write_doc(state, move |s, t| { host_mut(s, &d)?.ip = ip(t)?; Ok(()) })
            hint="Inside the network's blocks." at=path_of(state, &id, "ip")/>
    }
}

#[component]
pub fn InternetHostForm(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list: super::List<InternetHost> = |s| &s.internet_hosts;
    let list_mut: super::ListMut<InternetHost> = |s| &mut s.internet_hosts;
    view! {
        <TextField label="DNS name" value=read(state, list, &id, |v| v.name.clone().unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.name = optional(t); Ok(()) }) placeholder="example.com"/>
        <TextField label="IP address" value=read(state, list, &id, |v| v.ip.to_string())
            apply=write(state, list_mut, &id, |v, t| { v.ip = ip(t)?; Ok(()) }) at=path_of(state, &id, "ip")/>
    }
}
