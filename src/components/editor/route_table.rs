//! The route table form: main flag, static routes (destination and target), subnet
//! associations and route propagation from VPN gateways.

use super::field::{CheckField, CheckList, SelectField, TextField};
use super::new_route::NewRoute;
use super::parse::{cidr, optional, required, FieldError};
use super::{edit, id_options, path_of, read, write, write_doc};
use crate::state::AppState;
use leptos::prelude::*;
use vpc_engine::index::Target;
use vpc_engine::model::*;
use vpc_engine::Cidr;
use vpc_engine::Kind;

/// Every resource a route may target, as (id, "id — kind"): the engine's list of target
/// kinds (`Target::KINDS`), each kind's resources in document order.
pub fn route_targets(s: &Scenario) -> Vec<(String, String)> {
    let ids = s.ids();
    Target::KINDS
        .iter()
        .flat_map(|k| {
            ids.iter()
                .filter(move |(x, _)| x == k)
                .map(move |(_, id)| (id.to_string(), format!("{id} — {}", target_word(*k))))
        })
        .collect()
}

/// How the target list names a kind.
fn target_word(k: Kind) -> &'static str {
    match k {
        Kind::InternetGateway => "internet gateway",
        Kind::NatGateway => "NAT gateway",
        Kind::Peering => "peering",
        Kind::VpnGateway => "VPN gateway",
        Kind::TransitGateway => "transit gateway",
        _ => "gateway endpoint",
    }
}

#[component]
pub fn RouteTableForm(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let tables: super::List<RouteTable> = |s| &s.route_tables;
    let tables_mut: super::ListMut<RouteTable> = |s| &mut s.route_tables;
    let vpc_options = Signal::derive(move || {
        state
            .scenario
            .with(|s| id_options(&s.vpcs, |v| v.name.as_ref()))
    });
    let id_main = id.clone();
    let main = Signal::derive(move || {
        state
            .scenario
            .with(|s| s.route_table(&id_main).is_some_and(|t| t.main))
    });
    let id_set_main = id.clone();
    let set_main = Callback::new(move |on: bool| {
        edit(state, |s| {
            let vpc = s
                .route_table(&id_set_main)
                .map(|t| t.vpc.clone())
                .unwrap_or_default();
            if !on {
                return Err(FieldError::new(
                    "A VPC has exactly one main route table: make another table main instead.",
                ));
            }
            for t in s.route_tables.iter_mut().filter(|t| t.vpc == vpc) {
                t.main = t.id == id_set_main;
            }
            Ok(())
        })
    });
    let id_sn = id.clone();
    let subnet_options = Signal::derive(move || {
        state.scenario.with(|s| {
            let vpc = s
                .route_table(&id_sn)
                .map(|t| t.vpc.clone())
                .unwrap_or_default();
            s.subnets
                .iter()
                .filter(|x| x.vpc == vpc)
                .map(|x| (x.id.clone(), format!("{} ({})", x.id, x.cidr)))
                .collect::<Vec<_>>()
        })
    });
    let id_sn2 = id.clone();
    let associated = Signal::derive(move || {
        state.scenario.with(|s| {
            s.route_table(&id_sn2)
                .map(|t| t.subnets.clone())
                .unwrap_or_default()
        })
    });
    let id_sn3 = id.clone();
    let associate = Callback::new(move |(subnet, on): (String, bool)| {
        edit(state, |s| {
            // A subnet is associated with one table at most: moving it here removes it elsewhere.
            for t in &mut s.route_tables {
                t.subnets.retain(|x| *x != subnet);
                if on && t.id == id_sn3 {
                    t.subnets.push(subnet.clone());
                }
            }
            Ok(())
        })
    });
    let vgw_options = Signal::derive(move || {
        state
            .scenario
            .with(|s| id_options(&s.vpn_gateways, |g| g.name.as_ref()))
    });
    let id_p = id.clone();
    let propagating = Signal::derive(move || {
        state.scenario.with(|s| {
            s.route_table(&id_p)
                .map(|t| t.propagating_gateways.clone())
                .unwrap_or_default()
        })
    });
    let id_p2 = id.clone();
    let propagate = Callback::new(move |(vgw, on): (String, bool)| {
        edit(state, |s| {
            if let Some(t) = s.route_tables.iter_mut().find(|t| t.id == id_p2) {
                t.propagating_gateways.retain(|x| *x != vgw);
                if on {
                    t.propagating_gateways.push(vgw);
                }
            }
            Ok(())
        })
    });
    view! {
        <TextField label="Name" value=read(state, tables, &id, |v| v.name.clone().unwrap_or_default())
            apply=write(state, tables_mut, &id, |v, t| { v.name = optional(t); Ok(()) })/>
        <SelectField label="VPC" options=vpc_options value=read(state, tables, &id, |v| v.vpc.clone())
            apply=write(state, tables_mut, &id, |v, t| { v.vpc = required(t)?; Ok(()) })/>
        <CheckField label="Main route table of its VPC".to_string() checked=main apply=set_main/>
        <Routes id=id.clone()/>
        <CheckList legend="Subnet associations" options=subnet_options checked=associated apply=associate
            empty="No subnets in this VPC yet."/>
        <CheckList legend="Route propagation from VPN gateways" options=vgw_options checked=propagating apply=propagate
            empty="No VPN gateways yet."/>
    }
}

/// The static routes, one row each, and a row to add one.
#[component]
fn Routes(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id_len = id.clone();
    let count = Memo::new(move |_| {
        state
            .scenario
            .with(|s| s.route_table(&id_len).map(|t| t.routes.len()).unwrap_or(0))
    });
    let targets = Signal::derive(move || state.scenario.with(route_targets));
    let id_rows = id.clone();
    view! {
        <fieldset class="routes" data-testid="routes">
            <legend>"Routes"</legend>
            <p class="muted small">"The local route for each VPC block is implicit."</p>
            // Keyed by position: a row reads its route by index, so adding or removing the
            // last route leaves the other rows (and a field being typed in) in place.
            <For each=move || 0..count.get() key=|i| *i
                children=move |i| view! { <RouteRow id=id_rows.clone() index=i targets/> }/>
            <NewTableRoute id=id.clone() targets/>
        </fieldset>
    }
}

#[component]
fn RouteRow(id: String, index: usize, targets: Signal<Vec<(String, String)>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (a, b, c, d) = (id.clone(), id.clone(), id.clone(), id.clone());
    let dest = Signal::derive(move || {
        state.scenario.with(|s| {
            s.route_table(&a)
                .and_then(|t| t.routes.get(index))
                .map(|r| r.destination.to_string())
                .unwrap_or_default()
        })
    });
    let target = Signal::derive(move || {
        state.scenario.with(|s| {
            s.route_table(&b)
                .and_then(|t| t.routes.get(index))
                .map(|r| r.target.clone())
                .unwrap_or_default()
        })
    });
    let set_dest = write_doc(state, move |s, t| {
        let d = cidr(t)?;
        route_mut(s, &c, index)?.destination = d;
        Ok(())
    });
    let id_t = id.clone();
    let set_target = write_doc(state, move |s, t| {
        route_mut(s, &id_t, index)?.target = required(t)?;
        Ok(())
    });
    let remove = move |_| {
        let _ = edit(state, |s| {
            if let Some(t) = s.route_tables.iter_mut().find(|t| t.id == d) {
                if index < t.routes.len() {
                    t.routes.remove(index);
                }
            }
            Ok(())
        });
    };
    view! {
        <div class="route-row" data-testid="route-row">
            <TextField label="Destination" value=dest apply=set_dest placeholder="10.1.0.0/16"
                at=path_of(state, &id, format!("routes[{index}].destination"))/>
            <SelectField label="Target" options=targets value=target apply=set_target
                at=path_of(state, &id, format!("routes[{index}].target"))/>
            <button type="button" class="remove" aria-label=format!("Remove route {}", index + 1) on:click=remove>"Remove"</button>
        </div>
    }
}

fn route_mut<'a>(
    s: &'a mut Scenario,
    table: &str,
    index: usize,
) -> Result<&'a mut Route, FieldError> {
    s.route_tables
        .iter_mut()
        .find(|t| t.id == table)
        .and_then(|t| t.routes.get_mut(index))
        .ok_or_else(|| FieldError::new("This route no longer exists."))
}

/// The row to add a route: the destination checked at the field, then this table's rule
/// (one static route per destination).
#[component]
fn NewTableRoute(id: String, targets: Signal<Vec<(String, String)>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let add = Callback::new(move |(d, chosen): (Cidr, String)| {
        if chosen.is_empty() {
            return Err(FieldError::new(
                "Add a gateway, peering or endpoint to route to first.",
            ));
        }
        edit(state, |s| {
            let t = s
                .route_tables
                .iter_mut()
                .find(|t| t.id == id)
                .ok_or_else(|| FieldError::new("This route table no longer exists."))?;
            if t.routes.iter().any(|r| r.destination == d) {
                return Err(FieldError::new(format!(
                    "This table already has a route to {d}: edit that one."
                )));
            }
            t.routes.push(Route {
                destination: d,
                target: chosen,
            });
            Ok(())
        })
    });
    view! { <NewRoute targets placeholder="10.1.0.0/16" add/> }
}
