//! The transit gateway route table form (`docs/scenario-format.md` N10): its associations
//! and propagations (checkbox lists of the gateway's attachments) and its static routes,
//! each to an attachment or `blackhole`, one per destination. Edits go through `transit`.
//! AWS: <https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html>.

use super::field::{CheckList, SelectField, TextField};
use super::new_route::NewRoute;
use super::parse::{cidr, optional, required, FieldError};
use super::transit::{self, table_choices};
use super::{edit, id_options, path_of, read, write, write_doc};
use crate::state::AppState;
use leptos::prelude::*;
use vpc_engine::model::*;
use vpc_engine::Cidr;

/// The attachments of the table's transit gateway (and peerings to it), as options.
fn choices(state: AppState, id: String) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        state.scenario.with(|s| {
            transit::table(s, &id)
                .map(|t| table_choices(s, &t.transit_gateway))
                .unwrap_or_default()
        })
    })
}

#[component]
pub fn TgwTableForm(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list: super::List<TgwRouteTable> = |s| &s.transit_gateway_route_tables;
    let list_mut: super::ListMut<TgwRouteTable> = |s| &mut s.transit_gateway_route_tables;
    let tgws = Signal::derive(move || {
        state
            .scenario
            .with(|s| id_options(&s.transit_gateways, |g| g.name.as_ref()))
    });
    let options = choices(state, id.clone());
    let a = id.clone();
    let associated = Signal::derive(move || {
        state.scenario.with(|s| {
            transit::table(s, &a)
                .map(|t| t.associations.clone())
                .unwrap_or_default()
        })
    });
    let b = id.clone();
    let associate = Callback::new(move |(att, on): (String, bool)| {
        edit(state, |s| transit::set_association(s, &b, &att, on))
    });
    let c = id.clone();
    let propagated = Signal::derive(move || {
        state.scenario.with(|s| {
            transit::table(s, &c)
                .map(|t| t.propagations.clone())
                .unwrap_or_default()
        })
    });
    let d = id.clone();
    let propagate = Callback::new(move |(att, on): (String, bool)| {
        edit(state, |s| transit::set_propagation(s, &d, &att, on))
    });
    view! {
        <TextField label="Name" value=read(state, list, &id, |v| v.name.clone().unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.name = optional(t); Ok(()) })/>
        <SelectField label="Transit gateway" options=tgws value=read(state, list, &id, |v| v.transit_gateway.clone())
            apply=write(state, list_mut, &id, |v, t| { v.transit_gateway = required(t)?; Ok(()) })
            at=path_of(state, &id, "transit_gateway")/>
        <CheckList legend="Associations (packets from these attachments use this table)" options checked=associated
            apply=associate empty="No attachments on this transit gateway yet."/>
        <CheckList legend="Propagations (these attachments' routes are learned)" options checked=propagated
            apply=propagate empty="No attachments on this transit gateway yet."/>
        <TgwRoutes id=id.clone()/>
    }
}

/// Route targets: the table's attachments, then `blackhole`.
fn targets(state: AppState, id: String) -> Signal<Vec<(String, String)>> {
    let options = choices(state, id);
    Signal::derive(move || {
        let mut o = options.get();
        o.push((BLACKHOLE.to_string(), "blackhole (drop)".to_string()));
        o
    })
}

/// The static routes, a row each, and a row to add one.
#[component]
fn TgwRoutes(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let a = id.clone();
    let count = Memo::new(move |_| {
        state
            .scenario
            .with(|s| transit::table(s, &a).map(|t| t.routes.len()).unwrap_or(0))
    });
    let targets = targets(state, id.clone());
    let rows = id.clone();
    view! {
        <fieldset class="routes" data-testid="tgw-routes">
            <legend>"Static routes"</legend>
            <p class="muted small">"A static route (blackhole too) beats a propagated one of the same prefix length."</p>
            <For each=move || 0..count.get() key=|i| *i
                children=move |i| view! { <TgwRouteRow id=rows.clone() index=i targets/> }/>
            <NewTgwRoute id=id.clone() targets/>
        </fieldset>
    }
}

#[component]
fn TgwRouteRow(id: String, index: usize, targets: Signal<Vec<(String, String)>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (a, b, c, d, e) = (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
    let route = move |s: &Scenario, t: &str| {
        transit::table(s, t)
            .and_then(|x| x.routes.get(index))
            .cloned()
    };
    let dest = Signal::derive(move || {
        state.scenario.with(|s| {
            route(s, &a)
                .map(|r| r.destination.to_string())
                .unwrap_or_default()
        })
    });
    let target = Signal::derive(move || {
        state
            .scenario
            .with(|s| route(s, &b).map(|r| r.target).unwrap_or_default())
    });
    let set_dest = write_doc(state, move |s, t| {
        transit::set_route_destination(s, &c, index, cidr(t)?)
    });
    let set_target = write_doc(state, move |s, t| {
        let t = required(t)?;
        let r = s
            .transit_gateway_route_tables
            .iter_mut()
            .find(|x| x.id == d)
            .and_then(|x| x.routes.get_mut(index))
            .ok_or_else(|| FieldError::new("This route no longer exists."))?;
        r.target = t;
        Ok(())
    });
    let remove = move |_| {
        let _ = edit(state, |s| {
            if let Some(t) = s
                .transit_gateway_route_tables
                .iter_mut()
                .find(|t| t.id == e)
            {
                if index < t.routes.len() {
                    t.routes.remove(index);
                }
            }
            Ok(())
        });
    };
    let n = index + 1;
    view! {
        <div class="route-row" data-testid="tgw-route-row">
            <TextField label=format!("Route {n} destination") value=dest apply=set_dest placeholder="10.1.0.0/16"
                at=path_of(state, &id, format!("routes[{index}].destination"))/>
            <SelectField label=format!("Route {n} target") options=targets value=target apply=set_target
                at=path_of(state, &id, format!("routes[{index}].target"))/>
            <button type="button" class="remove" aria-label=format!("Remove route {n}") on:click=remove>"Remove"</button>
        </div>
    }
}

/// The row to add a static route: the destination checked at the field, then the table's
/// rule (one static route per destination, blackhole included).
#[component]
fn NewTgwRoute(id: String, targets: Signal<Vec<(String, String)>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let add = Callback::new(move |(d, chosen): (Cidr, String)| {
        edit(state, |s| transit::add_route(s, &id, d, &chosen))
    });
    view! { <NewRoute targets placeholder="10.9.0.0/16" add/> }
}
