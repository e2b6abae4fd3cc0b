//! The VPC endpoint form: service (from the engine's catalog), type, route tables
//! (gateway) or subnets with their private IPs and private DNS (interface), and the policy.

use super::field::{CheckField, CheckList, SelectField, TextField};
use super::filters::EndpointGroups;
use super::parse::{free_ip, ip_list, join, optional, required, word_list, FieldError};
use super::{edit, id_options, item_paths, path_of, read, write};
use crate::state::AppState;
use leptos::prelude::*;
use vpc_engine::model::*;

#[component]
pub fn EndpointForm(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list: super::List<VpcEndpoint> = |s| &s.vpc_endpoints;
    let list_mut: super::ListMut<VpcEndpoint> = |s| &mut s.vpc_endpoints;
    let vpc_options = Signal::derive(move || {
        state
            .scenario
            .with(|s| id_options(&s.vpcs, |v| v.name.as_ref()))
    });
    let id_svc = id.clone();
    let services = Signal::derive(move || {
        let mut names = vpc_engine::catalog::service_names();
        let (current, region) = state.scenario.with(|s| {
            let e = s.endpoint(&id_svc);
            let region = e
                .and_then(|e| s.vpc(&e.vpc))
                .map(|v| v.region.clone())
                .unwrap_or_default();
            (e.map(|e| e.service.clone()).unwrap_or_default(), region)
        });
        // The VPC's own region first: endpoints in other regions are a finding.
        let own = format!("com.amazonaws.{region}.");
        vpc_engine::stable_sort::sort_by_key(&mut names, |n| !n.starts_with(&own));
        if !current.is_empty() && !names.contains(&current) {
            names.insert(0, current);
        }
        names
            .into_iter()
            .map(|n| (n.clone(), n))
            .collect::<Vec<_>>()
    });
    let types = Signal::derive(|| {
        vec![
            ("gateway".to_string(), "Gateway".to_string()),
            ("interface".to_string(), "Interface".to_string()),
        ]
    });
    let id_kind = id.clone();
    let kind = Memo::new(move |_| {
        state
            .scenario
            .with(|s| s.endpoint(&id_kind).map(|e| e.kind))
    });
    let id_body = id.clone();
    view! {
        <TextField label="Name" value=read(state, list, &id, |v| v.name.clone().unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.name = optional(t); Ok(()) })/>
        <SelectField label="VPC" options=vpc_options value=read(state, list, &id, |v| v.vpc.clone())
            apply=write(state, list_mut, &id, |v, t| { v.vpc = required(t)?; Ok(()) })/>
        <SelectField label="Service" options=services value=read(state, list, &id, |v| v.service.clone())
            apply=write(state, list_mut, &id, |v, t| { v.service = required(t)?; Ok(()) }) testid="endpoint-service"
            at=path_of(state, &id, "service")/>
        <SelectField label="Type" options=types
            value=read(state, list, &id, |v| match v.kind { EndpointType::Gateway => "gateway".into(), EndpointType::Interface => "interface".into() })
            apply=write(state, list_mut, &id, |v, t| {
                v.kind = if t == "interface" { EndpointType::Interface } else { EndpointType::Gateway };
                Ok(())
            }) testid="endpoint-type"/>
        {move || match kind.get() {
            Some(EndpointType::Gateway) => view! { <GatewayPart id=id_body.clone()/> }.into_any(),
            Some(EndpointType::Interface) => view! { <InterfacePart id=id_body.clone()/> }.into_any(),
            None => ().into_any(),
        }}
        <PolicyPart id=id.clone()/>
    }
}

#[component]
fn GatewayPart(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let a = id.clone();
    let options = Signal::derive(move || {
        state.scenario.with(|s| {
            let vpc = s.endpoint(&a).map(|e| e.vpc.clone()).unwrap_or_default();
            s.route_tables
                .iter()
                .filter(|t| t.vpc == vpc)
                .map(|t| (t.id.clone(), t.id.clone()))
                .collect::<Vec<_>>()
        })
    });
    let b = id.clone();
    let checked = Signal::derive(move || {
        state.scenario.with(|s| {
            s.endpoint(&b)
                .map(|e| e.route_tables.clone())
                .unwrap_or_default()
        })
    });
    let apply = Callback::new(move |(rtb, on): (String, bool)| {
        edit(state, |s| {
            if let Some(e) = s.vpc_endpoints.iter_mut().find(|e| e.id == id) {
                e.route_tables.retain(|x| *x != rtb);
                if on {
                    e.route_tables.push(rtb);
                }
            }
            Ok(())
        })
    });
    view! {
        <CheckList legend="Route tables (the endpoint adds its prefix-list route)" options checked apply
            empty="No route tables in this VPC."/>
    }
}

#[component]
fn InterfacePart(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list: super::List<VpcEndpoint> = |s| &s.vpc_endpoints;
    let list_mut: super::ListMut<VpcEndpoint> = |s| &mut s.vpc_endpoints;
    let a = id.clone();
    let options = Signal::derive(move || {
        state.scenario.with(|s| {
            let vpc = s.endpoint(&a).map(|e| e.vpc.clone()).unwrap_or_default();
            s.subnets
                .iter()
                .filter(|x| x.vpc == vpc)
                .map(|x| (x.id.clone(), format!("{} ({})", x.id, x.cidr)))
                .collect::<Vec<_>>()
        })
    });
    let b = id.clone();
    let checked = Signal::derive(move || {
        state.scenario.with(|s| {
            s.endpoint(&b)
                .map(|e| e.subnets.clone())
                .unwrap_or_default()
        })
    });
    let c = id.clone();
    let apply = Callback::new(move |(subnet, on): (String, bool)| {
        edit(state, |s| {
            let fresh = free_ip(s, &subnet);
            let e = s
                .vpc_endpoints
                .iter_mut()
                .find(|e| e.id == c)
                .ok_or_else(|| FieldError::new("This endpoint no longer exists."))?;
            // Subnets and private IPs are paired by position.
            if let Some(i) = e.subnets.iter().position(|x| *x == subnet) {
                e.subnets.remove(i);
                if i < e.private_ips.len() {
                    e.private_ips.remove(i);
                }
            }
            if on {
                let addr = fresh
                    .ok_or_else(|| FieldError::new(format!("{subnet} has no free address.")))?;
                e.subnets.push(subnet);
                e.private_ips.push(addr);
            }
            Ok(())
        })
    });
    let d = id.clone();
    let dns = Signal::derive(move || {
        state
            .scenario
            .with(|s| s.endpoint(&d).is_some_and(|e| e.private_dns))
    });
    let f = id.clone();
    let set_dns = Callback::new(move |on: bool| {
        edit(state, |s| {
            if let Some(e) = s.vpc_endpoints.iter_mut().find(|e| e.id == f) {
                e.private_dns = on;
            }
            Ok(())
        })
    });
    let id_len = id.clone();
    let ip_paths = item_paths(state, &id, "private_ips", 0, move |s| {
        s.endpoint(&id_len).map_or(0, |e| e.private_ips.len())
    });
    view! {
        <CheckList legend="Subnets (one network interface each)" options checked apply empty="No subnets in this VPC."/>
        <TextField label="Private IPs (one per subnet, in order)" value=read(state, list, &id, |v| join(&v.private_ips))
            apply=write(state, list_mut, &id, |v, t| {
                let ips = ip_list(t)?;
                if ips.len() != v.subnets.len() {
                    return Err(FieldError::new(format!(
                        "Give one address per subnet: {} subnet(s), {} address(es).", v.subnets.len(), ips.len()
                    )));
                }
                v.private_ips = ips;
                Ok(())
            }) at=ip_paths/>
        <CheckField label="Private DNS (the service's name resolves to these addresses in the VPC)".to_string()
            checked=dns apply=set_dns/>
        <EndpointGroups id=id.clone()/>
    }
}

#[component]
fn PolicyPart(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list: super::List<VpcEndpoint> = |s| &s.vpc_endpoints;
    let list_mut: super::ListMut<VpcEndpoint> = |s| &mut s.vpc_endpoints;
    let options = Signal::derive(|| {
        vec![
            ("full".to_string(), "Full access".to_string()),
            ("allow".to_string(), "Allow only these ARNs".to_string()),
        ]
    });
    let a = id.clone();
    let is_allow = Memo::new(move |_| {
        state.scenario.with(|s| {
            s.endpoint(&a)
                .is_some_and(|e| matches!(e.policy, Policy::Allow(_)))
        })
    });
    let b = id.clone();
    view! {
        <SelectField label="Policy" options
            value=read(state, list, &id, |v| if matches!(v.policy, Policy::Allow(_)) { "allow".into() } else { "full".into() })
            apply=write(state, list_mut, &id, |v, t| {
                v.policy = if t == "allow" {
                    match &v.policy { Policy::Allow(x) => Policy::Allow(x.clone()), Policy::Full => Policy::Allow(vec![]) }
                } else {
                    Policy::Full
                };
                Ok(())
            }) testid="endpoint-policy"/>
        {move || is_allow.get().then(|| view! {
            <TextField label="Allowed ARNs" multiline=true
                value=read(state, list, &b, |v| match &v.policy { Policy::Allow(x) => x.join("\n"), Policy::Full => String::new() })
                apply=write(state, list_mut, &b, |v, t| { v.policy = Policy::Allow(word_list(t)); Ok(()) })
                placeholder="arn:aws:s3:::bucket-a/*" hint="One per line. A request naming no bucket is denied."/>
        })}
    }
}
