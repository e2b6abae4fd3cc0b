//! The form of the selected resource: its id (renamable), its kind's fields, and Delete,
//! which refuses while other resources depend on it and offers to delete them too.

use super::field::{dom_id, notes_at, FieldNotes, TextField};
use super::parse::FieldError;
use super::refs::{self, Kind};
use super::{
    commit_or_notice, dx, endpoint, filters, gateways, instance, network, onprem, peering,
    route_table, tgw, tgw_table, vpn,
};
use crate::state::{AppState, NoticeKind};
use leptos::prelude::*;

#[component]
pub fn EditorPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Re-render the form only when the selection or its kind changes, not on every edit,
    // so a field keeps focus while the user types in the next one.
    let target = Memo::new(move |_| {
        let id = state.selected.get()?;
        let kind = state.scenario.with(|s| refs::kind_of(s, &id))?;
        let kind = refs::form_kind(kind);
        Some((id, kind))
    });
    // The resource whose form is shown, to put focus back when the form goes away.
    let shown = StoredValue::new(None::<String>);
    move || {
        let next = target.get();
        if let Some(was) = shown.get_value().and_then(|id| form_focus(&id)) {
            request_animation_frame(move || restore_form_focus(was));
        }
        shown.set_value(next.as_ref().map(|(id, _)| id.clone()));
        next.map(|(id, kind)| {
            let form = match kind {
                Kind::Vpc => network::VpcForm(network::VpcFormProps { id: id.clone() }).into_any(),
                Kind::Subnet => {
                    network::SubnetForm(network::SubnetFormProps { id: id.clone() }).into_any()
                }
                Kind::RouteTable => {
                    route_table::RouteTableForm(route_table::RouteTableFormProps { id: id.clone() })
                        .into_any()
                }
                Kind::Instance => {
                    instance::InstanceForm(instance::InstanceFormProps { id: id.clone() })
                        .into_any()
                }
                Kind::InternetGateway => {
                    gateways::IgwForm(gateways::IgwFormProps { id: id.clone() }).into_any()
                }
                Kind::NatGateway => {
                    gateways::NatForm(gateways::NatFormProps { id: id.clone() }).into_any()
                }
                Kind::VpnGateway => {
                    gateways::VgwForm(gateways::VgwFormProps { id: id.clone() }).into_any()
                }
                Kind::Peering => {
                    peering::PeeringForm(peering::PeeringFormProps { id: id.clone() }).into_any()
                }
                Kind::GatewayEndpoint | Kind::InterfaceEndpoint => {
                    endpoint::EndpointForm(endpoint::EndpointFormProps { id: id.clone() })
                        .into_any()
                }
                Kind::CustomerGateway => {
                    vpn::CgwForm(vpn::CgwFormProps { id: id.clone() }).into_any()
                }
                Kind::VpnConnection => {
                    vpn::VpnForm(vpn::VpnFormProps { id: id.clone() }).into_any()
                }
                Kind::DxConnection => {
                    dx::DxConForm(dx::DxConFormProps { id: id.clone() }).into_any()
                }
                Kind::DxVif => dx::VifForm(dx::VifFormProps { id: id.clone() }).into_any(),
                Kind::OnpremNetwork => {
                    onprem::OnpremForm(onprem::OnpremFormProps { id: id.clone() }).into_any()
                }
                Kind::OnpremHost => {
                    onprem::HostForm(onprem::HostFormProps { id: id.clone() }).into_any()
                }
                Kind::InternetHost => {
                    onprem::InternetHostForm(onprem::InternetHostFormProps { id: id.clone() })
                        .into_any()
                }
                Kind::SecurityGroup => {
                    filters::SgForm(filters::SgFormProps { id: id.clone() }).into_any()
                }
                Kind::NetworkAcl => {
                    filters::AclForm(filters::AclFormProps { id: id.clone() }).into_any()
                }
                Kind::TransitGateway => tgw::TgwForm(tgw::TgwFormProps { id: id.clone() }).into_any(),
                Kind::TgwAttachment => {
                    tgw::AttachmentForm(tgw::AttachmentFormProps { id: id.clone() }).into_any()
                }
                Kind::TgwRouteTable => {
                    tgw_table::TgwTableForm(tgw_table::TgwTableFormProps { id: id.clone() })
                        .into_any()
                }
            };
            let title = format!("{} {}", refs::label(kind), id);
            view! {
                <section class="editor" aria-label="Edit resource" data-testid="editor" tabindex="-1">
                    <div class="editor-head">
                        <h2>{title}</h2>
                        <button type="button" class="close" aria-label="Close the form"
                            on:click=move |_| state.selected.set(None)>"×"</button>
                    </div>
                    <ResourceFindings id=id.clone()/>
                    <IdField id=id.clone()/>
                    {form}
                    <DeleteButton id=id.clone() kind/>
                </section>
            }
        })
    }
}

/// What had focus in the form of `resource`: the control's `data-testid`, if it has one.
struct FormFocus {
    resource: String,
    testid: Option<String>,
}

fn form_focus(resource: &str) -> Option<FormFocus> {
    let el = crate::dom::focused_in("[data-testid=\"editor\"]")?;
    Some(FormFocus {
        resource: resource.to_string(),
        testid: el.get_attribute("data-testid"),
    })
}

/// The form is replaced (a rename) or closed (×, Delete, Undo) while it had focus, and the
/// browser dropped focus to the page. Put it on the same control of the new form, else the
/// form, else the resource's line in the list, else the list.
fn restore_form_focus(was: FormFocus) {
    let mut selectors = Vec::new();
    if let Some(t) = &was.testid {
        selectors.push(format!(
            "[data-testid=\"editor\"] [data-testid={}]",
            crate::dom::quoted(t)
        ));
    }
    selectors.push("[data-testid=\"editor\"]".to_string());
    selectors.push(format!(
        ".res-tree [data-res-id={}]",
        crate::dom::quoted(&was.resource)
    ));
    selectors.push(".res-tree".to_string());
    crate::dom::refocus_if_lost(&selectors);
}

/// The findings about the resource as a whole (their path is the resource's own,
/// `peering_connections[3]`), at the top of its form; its fields show their own.
#[component]
fn ResourceFindings(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let here = super::paths_of(state, &id, |_, here| vec![here.to_string()]);
    let notes = notes_at(Some(here));
    view! { <FieldNotes note_id=dom_id("resource-notes") notes hidden=move || notes.with(Vec::is_empty)/> }
}

/// The id, renamable: every reference follows.
#[component]
fn IdField(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let shown = id.clone();
    let apply = Callback::new(move |text: String| {
        let next = state
            .scenario
            .with_untracked(|s| refs::rename(s, &id, &text))
            .map_err(|e| FieldError::new(e.to_string()))?;
        super::check(&next)?;
        let new_id = text.trim().to_string();
        state.commit(next);
        state.selected.set(Some(new_id));
        Ok(())
    });
    view! {
        <TextField label="Id" value=Signal::derive(move || shown.clone()) apply
            hint="Unique in the scenario; references follow a rename." testid="field-id"/>
    }
}

/// Delete, with the dependency check.
#[component]
fn DeleteButton(id: String, kind: Kind) -> impl IntoView {
    let state = expect_context::<AppState>();
    let blocked: RwSignal<Option<refs::HasDependents>> = RwSignal::new(None);
    let id2 = id.clone();
    let delete = move |_| {
        let result = state.scenario.with_untracked(|s| refs::delete(s, &id2));
        match result {
            Ok(next) => {
                if commit_or_notice(state, next) {
                    state.selected.set(None);
                    state.show_notice(NoticeKind::Info, format!("Deleted {id2}."));
                }
            }
            Err(e) => blocked.set(Some(e)),
        }
    };
    let id3 = id.clone();
    let delete_all = move |_| {
        let next = state
            .scenario
            .with_untracked(|s| refs::delete_cascade(s, &id3));
        if commit_or_notice(state, next) {
            state.selected.set(None);
            let deps = blocked
                .get_untracked()
                .map(|b| b.dependents.join(", "))
                .unwrap_or_default();
            state.show_notice(NoticeKind::Info, format!("Deleted {id3} and {deps}."));
        }
        blocked.set(None);
    };
    let label = format!("Delete {id}");
    let what = if kind == Kind::Peering {
        "Remove from scenario"
    } else {
        "Delete"
    };
    view! {
        <div class="delete-row">
            <button type="button" class="danger" aria-label=label data-testid="delete" on:click=delete>{what}</button>
        </div>
        {move || blocked.get().map(|b| {
            let n = b.dependents.len();
            view! {
                <div class="field-error blocked" role="alert" data-testid="delete-blocked">
                    <span class="field-error-icon" aria-hidden="true">"✖"</span>
                    <span>{b.to_string()}</span>
                    <div class="row">
                        <button type="button" class="danger" on:click=delete_all.clone()>
                            {format!("Delete all {} ({n} more)", b.id)}
                        </button>
                        <button type="button" on:click=move |_| blocked.set(None)>"Cancel"</button>
                    </div>
                </div>
            }
        })}
    }
}
