//! Forms for VPCs (name, account, region, CIDR blocks, peering requests) and subnets.

use super::field::{SelectField, TextField};
use super::filters::SubnetAcl;
use super::parse::{
    self, cidr, cidr_list, join, optional, required, subnet_cidr_problem, FieldError,
};
use super::{id_options, item_paths, path_of, read, write, write_doc, RequestPeering};
use crate::state::AppState;
use leptos::prelude::*;
use vpc_engine::addr::Cidr;
use vpc_engine::model::*;

#[component]
pub fn VpcForm(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let vpcs: super::List<Vpc> = |s| &s.vpcs;
    let vpcs_mut: super::ListMut<Vpc> = |s| &mut s.vpcs;
    let (id_p, id_s) = (id.clone(), id.clone());
    let primary = read(state, vpcs, &id, |v| {
        v.cidrs.first().map(|c| c.to_string()).unwrap_or_default()
    });
    let secondary = read(state, vpcs, &id, |v| {
        join(v.cidrs.get(1..).unwrap_or_default())
    });
    let id_len = id.clone();
    let secondary_at = item_paths(state, &id, "cidrs", 1, move |s| {
        s.vpc(&id_len).map_or(0, |v| v.cidrs.len())
    });
    let regions: Vec<(String, String)> = parse::regions()
        .into_iter()
        .map(|r| (r.clone(), r))
        .collect();
    view! {
        <TextField label="Name" value=read(state, vpcs, &id, |v| v.name.clone().unwrap_or_default())
            apply=write(state, vpcs_mut, &id, |v, t| { v.name = optional(t); Ok(()) }) testid="vpc-name"/>
        <TextField label="Account" value=read(state, vpcs, &id, |v| v.account.clone())
            apply=write(state, vpcs_mut, &id, |v, t| { v.account = account(t)?; Ok(()) })
            hint="12-digit AWS account id that owns the VPC." testid="vpc-account"/>
        <SelectField label="Region" options=Signal::derive(move || regions.clone())
            value=read(state, vpcs, &id, |v| v.region.clone())
            apply=write(state, vpcs_mut, &id, |v, t| { v.region = required(t)?; Ok(()) }) testid="vpc-region"/>
        <TextField label="Primary CIDR block" value=primary at=path_of(state, &id, "cidrs[0]")
            apply=write_doc(state, move |s, t| {
                let c = cidr(t)?;
                let mut blocks = s.vpc(&id_p).map(|v| v.cidrs.clone()).unwrap_or_default();
                match blocks.first_mut() { Some(first) => *first = c, None => blocks.push(c) }
                set_blocks(s, &id_p, blocks)
            }) placeholder="10.0.0.0/16" hint="/16 to /28" testid="vpc-cidr"/>
        <TextField label="Secondary CIDR blocks" value=secondary at=secondary_at
            apply=write_doc(state, move |s, t| {
                let rest = cidr_list(t, false)?;
                let mut blocks: Vec<Cidr> = s.vpc(&id_s).and_then(|v| v.cidrs.first().copied()).into_iter().collect();
                blocks.extend(rest);
                set_blocks(s, &id_s, blocks)
            }) placeholder="10.1.0.0/16, …" hint="Optional, separated by commas." testid="vpc-secondary"/>
        <RequestPeering vpc=id.clone()/>
    }
}

/// Sets a VPC's blocks as AWS allows: no two overlapping, and every subnet still inside one.
/// <https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html>
fn set_blocks(s: &mut Scenario, vpc: &str, blocks: Vec<Cidr>) -> Result<(), FieldError> {
    for (i, a) in blocks.iter().enumerate() {
        if let Some(b) = blocks.iter().skip(i + 1).find(|b| b.overlaps(a)) {
            return Err(FieldError::new(format!(
                "{b} overlaps {a}: a VPC's blocks cannot overlap each other."
            )));
        }
    }
    if let Some(x) = s
        .subnets
        .iter()
        .find(|x| x.vpc == vpc && !blocks.iter().any(|b| b.contains_cidr(&x.cidr)))
    {
        return Err(FieldError::new(format!(
            "{} ({}) would be outside the VPC's blocks: move or delete that subnet first.",
            x.id, x.cidr
        )));
    }
    if let Some(v) = s.vpcs.iter_mut().find(|v| v.id == vpc) {
        v.cidrs = blocks;
    }
    Ok(())
}

/// An account id: twelve digits.
pub fn account(text: &str) -> Result<String, FieldError> {
    let t = required(text)?;
    if t.len() == 12 && t.bytes().all(|b| b.is_ascii_digit()) {
        Ok(t)
    } else {
        Err(FieldError::new(format!(
            "{t:?} is not an AWS account id: twelve digits, like 111111111111."
        )))
    }
}

#[component]
pub fn SubnetForm(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let subnets: super::List<Subnet> = |s| &s.subnets;
    let subnets_mut: super::ListMut<Subnet> = |s| &mut s.subnets;
    let vpc_options = Signal::derive(move || {
        state
            .scenario
            .with(|s| id_options(&s.vpcs, |v| v.name.as_ref()))
    });
    let id2 = id.clone();
    let az_options = Signal::derive(move || {
        state.scenario.with(|s| {
            let region = s
                .subnet(&id2)
                .and_then(|x| s.vpc(&x.vpc))
                .map(|v| v.region.clone())
                .unwrap_or_default();
            ["a", "b", "c"]
                .iter()
                .map(|z| (format!("{region}{z}"), format!("{region}{z}")))
                .collect::<Vec<_>>()
        })
    });
    let (id_cidr, id_vpc) = (id.clone(), id.clone());
    let shown_cidr = read(state, subnets, &id, |v| v.cidr.to_string());
    let id3 = id.clone();
    let az_value = Signal::derive(move || {
        state
            .scenario
            .with(|s| s.subnet(&id3).map(|x| s.subnet_az(x)).unwrap_or_default())
    });
    view! {
        <TextField label="Name" value=read(state, subnets, &id, |v| v.name.clone().unwrap_or_default())
            apply=write(state, subnets_mut, &id, |v, t| { v.name = optional(t); Ok(()) })/>
        <SelectField label="VPC" options=vpc_options value=read(state, subnets, &id, |v| v.vpc.clone())
            apply=write_doc(state, move |s, t| {
                let vpc = required(t)?;
                let c = s.subnet(&id_vpc).map(|x| x.cidr);
                if let Some(why) = c.and_then(|c| subnet_cidr_problem(s, &id_vpc, &vpc, &c)) {
                    return Err(FieldError::new(why));
                }
                if let Some(x) = s.subnets.iter_mut().find(|x| x.id == id_vpc) {
                    x.vpc = vpc;
                }
                Ok(())
            }) testid="subnet-vpc"/>
        <SelectField label="Availability Zone" options=az_options value=az_value
            apply=write(state, subnets_mut, &id, |v, t| { v.az = optional(t); Ok(()) })/>
        <TextField label="CIDR block" value=shown_cidr at=path_of(state, &id, "cidr")
            apply=write_doc(state, move |s, t| {
                let c = cidr(t)?;
                let vpc = s.subnet(&id_cidr).map(|x| x.vpc.clone()).unwrap_or_default();
                if let Some(why) = subnet_cidr_problem(s, &id_cidr, &vpc, &c) {
                    return Err(FieldError::new(why));
                }
                if let Some(x) = s.subnets.iter_mut().find(|x| x.id == id_cidr) {
                    x.cidr = c;
                }
                Ok(())
            })
            placeholder="10.0.1.0/24" hint="Inside the VPC's blocks, /16 to /28." testid="subnet-cidr"/>
        <TableOfSubnet id=id.clone()/>
        <SubnetAcl id=id.clone()/>
    }
}

/// Which route table the subnet uses, with a select to associate another table of its VPC.
#[component]
fn TableOfSubnet(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id2 = id.clone();
    let options = Signal::derive(move || {
        state.scenario.with(|s| {
            let vpc = s.subnet(&id2).map(|x| x.vpc.clone()).unwrap_or_default();
            s.route_tables
                .iter()
                .filter(|t| t.vpc == vpc)
                .map(|t| {
                    (
                        t.id.clone(),
                        if t.main {
                            format!("{} (main)", t.id)
                        } else {
                            t.id.clone()
                        },
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let id3 = id.clone();
    let value = Signal::derive(move || {
        state.scenario.with(|s| {
            s.table_for_subnet(&id3)
                .map(|t| t.id.clone())
                .unwrap_or_default()
        })
    });
    let id4 = id.clone();
    let apply = write_doc(state, move |s, t| {
        for table in &mut s.route_tables {
            table.subnets.retain(|x| *x != id4);
        }
        // Choosing the main table means "no explicit association".
        if let Some(table) = s.route_tables.iter_mut().find(|x| x.id == t && !x.main) {
            table.subnets.push(id4.clone());
        }
        Ok(())
    });
    view! { <SelectField label="Route table" options value apply testid="subnet-rtb"/> }
}
