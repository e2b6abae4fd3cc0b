//! The topology editor: add, edit and delete every resource kind of scenario formats 1 and
//! 2 (format 2's security groups and network ACLs in `filters`, their rules tables in
//! `rules_table` over the pure `filter_rules`; transit gateways and their attachments in
//! `tgw`, their route tables in `tgw_table`, both over the pure `transit`).
//!
//! Pure logic (ids, references, parsing, defaults) lives in [`refs`], [`parse`] and
//! [`create`] with native tests; [`field`] holds the generic fields every form shares; one
//! file per resource family holds its form. `resources` is the resource panel that opens
//! them and `findings` the live validation list beside it. Every change goes through [`edit`], which
//! refuses a candidate scenario that `vpc_engine::load` would refuse, so the document the
//! user holds is always loadable.
//!
//! The viewer build (without the `editor` feature) keeps only the generic fields with what
//! they need (`field`, `parse`, `findings`): the trace panel's packet picker is made of them.

pub mod field;
pub mod findings;
pub mod parse;

/// The items of the full app only (the `editor` feature): every form and the panel.
macro_rules! editor_only {
    ($($item:item)*) => { $(#[cfg(feature = "editor")] $item)* };
}

editor_only! {
    pub mod add_menu;
    pub mod create;
    pub mod panel;
    pub mod refs;
    pub mod resources;
    pub mod upgrade;
    mod dx;
    mod endpoint;
    mod filter_rules;
    mod filters;
    mod gateways;
    mod instance;
    mod network;
    mod new_route;
    mod onprem;
    mod peering;
    mod route_table;
    mod rules_table;
    mod tgw;
    mod tgw_table;
    pub mod transit;
    mod vpn;
    pub use peering::{PeeringActions, RequestPeering};
}

use crate::state::{AppState, NoticeKind};
use field::Apply;
use leptos::prelude::*;
use parse::FieldError;
use vpc_engine::model::*;

/// Checks that `candidate` would load (a reference that points nowhere, a duplicate id…).
pub fn check(candidate: &Scenario) -> Result<(), FieldError> {
    let json = serde_json::to_string(candidate)
        .map_err(|e| FieldError::new(format!("This change cannot be saved: {e}")))?;
    vpc_engine::load(&json)
        .map(|_| ())
        .map_err(|e| FieldError::new(format!("Not applied, the scenario would not load: {e}")))
}

/// Applies `f` to a copy of the scenario and commits it when it loads; otherwise the model
/// keeps its old value and the error is returned for the field that caused it.
pub fn edit(
    state: AppState,
    f: impl FnOnce(&mut Scenario) -> Result<(), FieldError>,
) -> Result<(), FieldError> {
    let mut copy = state.scenario.get_untracked();
    f(&mut copy)?;
    check(&copy)?;
    state.commit(copy);
    Ok(())
}

/// Commits a whole new scenario after the same load check, reporting refusals in the banner.
pub fn commit_or_notice(state: AppState, candidate: Scenario) -> bool {
    match check(&candidate) {
        Ok(()) => {
            state.commit(candidate);
            true
        }
        Err(e) => {
            state.show_notice(NoticeKind::Error, e.message);
            false
        }
    }
}

/// Resources with an id, so forms can find "the one being edited".
pub trait HasId {
    fn id(&self) -> &str;
}

macro_rules! has_id {
    ($($t:ty),*) => { $(impl HasId for $t { fn id(&self) -> &str { &self.id } })* };
}
has_id!(
    Vpc,
    Subnet,
    RouteTable,
    Instance,
    InternetGateway,
    NatGateway,
    PeeringConnection,
    VpcEndpoint,
    VpnGateway,
    CustomerGateway,
    VpnConnection,
    DxConnection,
    DxVirtualInterface,
    OnpremNetwork,
    InternetHost,
    TransitGateway,
    TgwAttachment,
    TgwRouteTable
);

/// Accessor of one list of the scenario (`|s| &s.vpcs`).
pub type List<T> = fn(&Scenario) -> &Vec<T>;
pub type ListMut<T> = fn(&mut Scenario) -> &mut Vec<T>;

/// The text a field shows: `get` of the item `id` in `list`.
pub fn read<T: HasId + 'static>(
    state: AppState,
    list: List<T>,
    id: &str,
    get: impl Fn(&T) -> String + Send + Sync + 'static,
) -> Signal<String> {
    let id = id.to_string();
    Signal::derive(move || {
        state.scenario.with(|s| {
            list(s)
                .iter()
                .find(|x| x.id() == id)
                .map(&get)
                .unwrap_or_default()
        })
    })
}

/// The JSON paths of values of resource `id`, kept current as the document changes:
/// `values(scenario, "subnets[2]")` names them under the resource's own path. A field
/// passes these as its `at`, and shows the findings at them.
pub fn paths_of(
    state: AppState,
    id: &str,
    values: impl Fn(&Scenario, &str) -> Vec<String> + Send + Sync + 'static,
) -> Signal<Vec<String>> {
    let id = id.to_string();
    Signal::derive(move || {
        state.scenario.with(|s| {
            s.position(&id)
                .map(|p| values(s, &p.path()))
                .unwrap_or_default()
        })
    })
}

/// The JSON path of one value of resource `id` (`field` = `cidr`: `subnets[2].cidr`).
pub fn path_of(state: AppState, id: &str, field: impl Into<String>) -> Signal<Vec<String>> {
    let field = field.into();
    paths_of(state, id, move |_, here| vec![format!("{here}.{field}")])
}

/// The JSON paths of the items `from..` of a list value of resource `id` (`cidrs` from 1:
/// `vpcs[0].cidrs[1]`, `vpcs[0].cidrs[2]`, …), `len` giving the list's length.
pub fn item_paths(
    state: AppState,
    id: &str,
    field: &'static str,
    from: usize,
    len: impl Fn(&Scenario) -> usize + Send + Sync + 'static,
) -> Signal<Vec<String>> {
    paths_of(state, id, move |s, here| {
        (from..len(s).max(from))
            .map(|k| format!("{here}.{field}[{k}]"))
            .collect()
    })
}

/// A field's apply: parse and set on the item `id` in `list`, then the load check.
pub fn write<T: HasId + 'static>(
    state: AppState,
    list: ListMut<T>,
    id: &str,
    set: impl Fn(&mut T, &str) -> Result<(), FieldError> + Send + Sync + 'static,
) -> Apply {
    let id = id.to_string();
    Callback::new(move |text: String| {
        edit(state, |s| {
            let item = list(s)
                .iter_mut()
                .find(|x| x.id() == id)
                .ok_or_else(|| FieldError::new(format!("{id} no longer exists.")))?;
            set(item, &text)
        })
    })
}

/// A field's apply with the whole scenario at hand (when a change touches other resources).
pub fn write_doc(
    state: AppState,
    set: impl Fn(&mut Scenario, &str) -> Result<(), FieldError> + Send + Sync + 'static,
) -> Apply {
    Callback::new(move |text: String| edit(state, |s| set(s, &text)))
}

/// (value, text) options naming resources: `id` or `id (name)`.
pub fn id_options<T: HasId>(
    items: &[T],
    name: impl Fn(&T) -> Option<&String>,
) -> Vec<(String, String)> {
    items
        .iter()
        .map(|x| {
            let text = match name(x) {
                Some(n) if !n.is_empty() => format!("{} ({n})", x.id()),
                _ => x.id().to_string(),
            };
            (x.id().to_string(), text)
        })
        .collect()
}

/// Options for an optional reference: a "none" entry first (value "").
pub fn with_none(none: &str, mut opts: Vec<(String, String)>) -> Vec<(String, String)> {
    opts.insert(0, (String::new(), none.to_string()));
    opts
}
