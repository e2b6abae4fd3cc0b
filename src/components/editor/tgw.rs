//! Forms for format 2's transit gateways (name, account, Region, Amazon-side ASN, and what
//! is attached to it) and their attachments: a VPC with one subnet per Availability Zone, a
//! VPN connection, or a peering with another transit gateway, accepted as the peer's
//! account (`docs/scenario-format.md` N9). Every change goes through the pure `transit`.

use super::field::SelectField;
use super::field::TextField;
use super::network::account;
use super::parse::{self, optional, required, FieldError};
use super::transit::{self, answer_peering, joins, subnets_by_az, tgw_asn};
use super::{edit, id_options, path_of, read, with_none, write, write_doc};
use crate::state::{AppState, NoticeKind};
use leptos::prelude::*;
use vpc_engine::model::*;

/// The transit gateways as select options.
fn tgw_options(state: AppState) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        state
            .scenario
            .with(|s| id_options(&s.transit_gateways, |g| g.name.as_ref()))
    })
}

#[component]
pub fn TgwForm(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list: super::List<TransitGateway> = |s| &s.transit_gateways;
    let list_mut: super::ListMut<TransitGateway> = |s| &mut s.transit_gateways;
    let regions: Vec<(String, String)> = parse::regions()
        .into_iter()
        .map(|r| (r.clone(), r))
        .collect();
    let a = id.clone();
    // Its attachments and route tables, each a button that opens its form.
    let parts = Signal::derive(move || {
        state.scenario.with(|s| {
            let atts = s
                .transit_gateway_attachments
                .iter()
                .filter(|x| x.transit_gateway == a || x.peer_transit_gateway.as_ref() == Some(&a))
                .map(|x| (x.id.clone(), joins(x)));
            let tables = s
                .transit_gateway_route_tables
                .iter()
                .filter(|t| t.transit_gateway == a)
                .map(|t| (t.id.clone(), "route table".to_string()));
            atts.chain(tables).collect::<Vec<_>>()
        })
    });
    view! {
        <TextField label="Name" value=read(state, list, &id, |v| v.name.clone().unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.name = optional(t); Ok(()) })/>
        <TextField label="Account" value=read(state, list, &id, |v| v.account.clone())
            apply=write(state, list_mut, &id, |v, t| { v.account = account(t)?; Ok(()) })
            hint="12-digit AWS account id that owns the transit gateway." at=path_of(state, &id, "account")/>
        <SelectField label="Region" options=Signal::derive(move || regions.clone())
            value=read(state, list, &id, |v| v.region.clone())
            apply=write(state, list_mut, &id, |v, t| { v.region = required(t)?; Ok(()) })
            at=path_of(state, &id, "region")/>
        <TextField label="Amazon-side ASN" value=read(state, list, &id, |v| v.asn.to_string())
            apply=write(state, list_mut, &id, |v, t| { v.asn = tgw_asn(t)?; Ok(()) })
            placeholder="64512" hint="Private ASN; empty for AWS's default, 64512." testid="tgw-asn"
            at=path_of(state, &id, "asn")/>
        <p class="muted small">"Route tables decide where it sends each packet: add one, associate the attachments whose packets it routes, and propagate (or write) the routes. New attachments are associated with nothing."</p>
        <fieldset class="checklist">
            <legend>"Attachments and route tables"</legend>
            <Show when=move || !parts.with(Vec::is_empty)
                fallback=|| view! { <p class="muted small">"None yet: use “Add resource” with this transit gateway selected."</p> }>
                <ul class="plain">
                    <For each=move || parts.get() key=|p| p.clone() children=move |(pid, what)| {
                        let go = pid.clone();
                        view! {
                            <li><button type="button" class="link" aria-label=format!("Open {pid}")
                                on:click=move |_| state.selected.set(Some(go.clone()))>{pid.clone()}</button>
                                " "<span class="muted">{what}</span></li>
                        }
                    }/>
                </ul>
            </Show>
        </fieldset>
    }
}

#[component]
pub fn AttachmentForm(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list: super::List<TgwAttachment> = |s| &s.transit_gateway_attachments;
    let list_mut: super::ListMut<TgwAttachment> = |s| &mut s.transit_gateway_attachments;
    let a = id.clone();
    let kind = Memo::new(move |_| {
        state
            .scenario
            .with(|s| transit::attachment(s, &a).map(|x| x.kind))
    });
    let types = Signal::derive(|| {
        vec![
            ("vpc".to_string(), "VPC".to_string()),
            ("vpn".to_string(), "VPN".to_string()),
            ("peering".to_string(), "Peering".to_string()),
        ]
    });
    let b = id.clone();
    let set_type = write_doc(state, move |s, t| {
        let to = AttachmentType::ALL
            .into_iter()
            .find(|k| k.as_str() == t)
            .ok_or_else(|| FieldError::new("Choose VPC, VPN or peering."))?;
        transit::set_type(s, &b, to)
    });
    let m = id.clone();
    let move_to = write_doc(state, move |s, t| {
        transit::set_attachment_tgw(s, &m, &required(t)?)
    });
    let c = id.clone();
    let body = move || {
        let id = c.clone();
        match kind.get() {
            Some(AttachmentType::Vpc) => view! { <VpcSide id/> }.into_any(),
            Some(AttachmentType::Vpn) => view! { <VpnSide id/> }.into_any(),
            Some(AttachmentType::Peering) => view! { <PeeringSide id/> }.into_any(),
            None => ().into_any(),
        }
    };
    view! {
        <TextField label="Name" value=read(state, list, &id, |v| v.name.clone().unwrap_or_default())
            apply=write(state, list_mut, &id, |v, t| { v.name = optional(t); Ok(()) })/>
        <SelectField label="Transit gateway" options=tgw_options(state)
            value=read(state, list, &id, |v| v.transit_gateway.clone())
            apply=move_to at=path_of(state, &id, "transit_gateway") testid="attachment-tgw"/>
        <SelectField label="Attachment type" options=types
            value=read(state, list, &id, |v| v.kind.as_str().to_string())
            apply=set_type testid="attachment-type"/>
        {body}
        <AttachmentTables id=id.clone()/>
    }
}

/// Which route tables associate the attachment and which learn its routes, each a button
/// that opens the table: an attachment no table associates drops what enters by it.
#[component]
fn AttachmentTables(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let tables = Memo::new(move |_| {
        state.scenario.with(|s| {
            let of = |pick: fn(&TgwRouteTable) -> &Vec<String>| {
                s.transit_gateway_route_tables
                    .iter()
                    .filter(|t| pick(t).contains(&id))
                    .map(|t| t.id.clone())
                    .collect::<Vec<_>>()
            };
            (of(|t| &t.associations), of(|t| &t.propagations))
        })
    });
    let open = move |ids: Vec<String>, none: &'static str| {
        if ids.is_empty() {
            return view! { <span class="muted">{none}</span> }.into_any();
        }
        ids.into_iter()
            .map(|t| {
                let go = t.clone();
                view! {
                    <button type="button" class="link" aria-label=format!("Open {t}")
                        on:click=move |_| state.selected.set(Some(go.clone()))>{t.clone()}</button>
                    " "
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <dl class="facts" data-testid="attachment-tables">
            <dt>"Associated with"</dt>
            <dd>{move || open(tables.get().0, "no route table: packets entering by it are dropped")}</dd>
            <dt>"Propagates into"</dt>
            <dd>{move || open(tables.get().1, "no route table")}</dd>
        </dl>
    }
}

/// A VPC attachment: its VPC, and per Availability Zone of that VPC the subnet (or none)
/// where the transit gateway puts its network interface.
#[component]
fn VpcSide(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list: super::List<TgwAttachment> = |s| &s.transit_gateway_attachments;
    let vpcs = Signal::derive(move || {
        state
            .scenario
            .with(|s| id_options(&s.vpcs, |v| v.name.as_ref()))
    });
    let a = id.clone();
    let set_vpc = write_doc(state, move |s, t| transit::set_vpc(s, &a, &required(t)?));
    let b = id.clone();
    let zones = Memo::new(move |_| {
        state.scenario.with(|s| {
            transit::attachment(s, &b)
                .and_then(|x| x.vpc.clone())
                .map(|v| subnets_by_az(s, &v))
                .unwrap_or_default()
        })
    });
    let c = id.clone();
    view! {
        <SelectField label="VPC" options=vpcs value=read(state, list, &id, |v| v.vpc.clone().unwrap_or_default())
            apply=set_vpc at=path_of(state, &id, "vpc") testid="attachment-vpc"/>
        <fieldset class="checklist" data-testid="attachment-subnets">
            <legend>"Subnets, one per Availability Zone"</legend>
            <p class="muted small">"The transit gateway reaches the VPC's resources only in the zones where it has a subnet."</p>
            <For each=move || zones.get() key=|z| z.clone() children=move |(az, subnets)| {
                let (id_v, id_w, az_v) = (c.clone(), c.clone(), az.clone());
                let value = Signal::derive(move || {
                    state.scenario.with(|s| {
                        transit::attachment(s, &id_v)
                            .and_then(|x| x.subnets.iter().find(|n| s.subnet(n).is_some_and(|sn| s.subnet_az(sn) == az_v)).cloned())
                            .unwrap_or_default()
                    })
                });
                let az_w = az.clone();
                let apply = write_doc(state, move |s, t| transit::set_subnet_in_az(s, &id_w, &az_w, t));
                let options = with_none("No subnet in this zone", subnets);
                view! {
                    <SelectField label=format!("Subnet in {az}") options=Signal::derive(move || options.clone())
                        value apply/>
                }
            }/>
        </fieldset>
        <p class="muted small">"VPC route tables send traffic here with a route whose target is the transit gateway."</p>
    }
}

/// A VPN attachment: the VPN connection it carries (which then ends at this transit gateway).
#[component]
fn VpnSide(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list: super::List<TgwAttachment> = |s| &s.transit_gateway_attachments;
    let vpns = Signal::derive(move || {
        state.scenario.with(|s| {
            s.vpn_connections
                .iter()
                .map(|v| {
                    let end = v
                        .transit_gateway
                        .as_deref()
                        .or(v.vpn_gateway.as_deref())
                        .unwrap_or_default();
                    (
                        v.id.clone(),
                        format!("{} (to {}, now ends at {end})", v.id, v.customer_gateway),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let a = id.clone();
    let apply = write_doc(state, move |s, t| transit::set_vpn_connection(s, &a, t));
    view! {
        <SelectField label="VPN connection" options=vpns
            value=read(state, list, &id, |v| v.vpn_connection.clone().unwrap_or_default())
            apply at=path_of(state, &id, "vpn_connection") testid="attachment-vpn"/>
        <p class="muted small">"Choosing a VPN connection makes it end at this transit gateway instead of a VPN gateway. With BGP routing it propagates the on-premises prefixes."</p>
    }
}

/// A peering attachment: the peer transit gateway, the status, and Accept / Reject for a
/// pending request, as the peer's account.
#[component]
fn PeeringSide(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list: super::List<TgwAttachment> = |s| &s.transit_gateway_attachments;
    let a = id.clone();
    let peers = Signal::derive(move || {
        state.scenario.with(|s| {
            let own = transit::attachment(s, &a)
                .map(|x| x.transit_gateway.clone())
                .unwrap_or_default();
            s.transit_gateways
                .iter()
                .filter(|g| g.id != own)
                .map(|g| (g.id.clone(), format!("{} ({})", g.id, g.region)))
                .collect::<Vec<_>>()
        })
    });
    let statuses = Signal::derive(|| {
        AttachmentStatus::ALL
            .iter()
            .map(|k| (k.as_str().to_string(), k.as_str().to_string()))
            .collect::<Vec<_>>()
    });
    let b = id.clone();
    let set_peer = write_doc(state, move |s, t| {
        let t = required(t)?;
        let x = s
            .transit_gateway_attachments
            .iter_mut()
            .find(|x| x.id == b)
            .ok_or_else(|| FieldError::new("This attachment no longer exists."))?;
        x.peer_transit_gateway = Some(t);
        Ok(())
    });
    let c = id.clone();
    let set_status = write_doc(state, move |s, t| {
        let k = AttachmentStatus::ALL
            .into_iter()
            .find(|k| k.as_str() == t)
            .ok_or_else(|| FieldError::new("Choose a status."))?;
        let x = s
            .transit_gateway_attachments
            .iter_mut()
            .find(|x| x.id == c)
            .ok_or_else(|| FieldError::new("This attachment no longer exists."))?;
        x.status = Some(k);
        Ok(())
    });
    let d = id.clone();
    let pending = Memo::new(move |_| {
        state.scenario.with(|s| {
            transit::attachment(s, &d).map(|x| x.status())
                == Some(AttachmentStatus::PendingAcceptance)
        })
    });
    let e = id.clone();
    let accepter = Signal::derive(move || {
        state.scenario.with(|s| {
            transit::attachment(s, &e)
                .and_then(|x| x.peer_transit_gateway.as_deref())
                .and_then(|p| transit::tgw(s, p))
                .map(|g| format!("{} (account {})", g.id, g.account))
                .unwrap_or_default()
        })
    });
    let answer = move |accept: bool, id: String| {
        move |_| {
            let account = state.acting_account.get_untracked();
            let done = if accept {
                format!("{id} accepted: it is available.")
            } else {
                format!("{id} rejected.")
            };
            match edit(state, |s| answer_peering(s, &id, &account, accept)) {
                Ok(()) => state.show_notice(NoticeKind::Info, done),
                Err(e) => state.show_notice(NoticeKind::Error, e.message),
            }
        }
    };
    let (f, g) = (id.clone(), id.clone());
    view! {
        <SelectField label="Peer transit gateway" options=peers
            value=read(state, list, &id, |v| v.peer_transit_gateway.clone().unwrap_or_default())
            apply=set_peer at=path_of(state, &id, "peer_transit_gateway") testid="attachment-peer"/>
        <SelectField label="Peering status" options=statuses
            value=read(state, list, &id, |v| v.status().as_str().to_string())
            apply=set_status at=path_of(state, &id, "status") testid="attachment-status"/>
        <p class="muted small">{move || format!("Only available forwards. The accepter, {}, answers a pending request: use “Acting as account” in the header to switch consoles.", accepter.get())}</p>
        <Show when=move || pending.get()>
            <div class="row">
                <button type="button" class="primary small" aria-label=format!("Accept {f}")
                    data-testid="tgw-peering-accept" on:click=answer(true, f.clone())>"Accept"</button>
                <button type="button" class="small" aria-label=format!("Reject {g}")
                    data-testid="tgw-peering-reject" on:click=answer(false, g.clone())>"Reject"</button>
            </div>
        </Show>
    }
}
