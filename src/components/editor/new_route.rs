//! The "new route" row both route table forms end with (a subnet's route table and a
//! transit gateway's): a destination checked at the field, a target chosen from the table's
//! choices (the first one shown, never a blank select), and the form's own add step. A
//! refused route keeps what was typed and says why under the destination.

use super::field::{dom_id, FieldMessage};
use super::parse::{cidr, FieldError};
use leptos::prelude::*;
use vpc_engine::Cidr;

/// A form's add step: the parsed destination and the chosen target's value in, the edit
/// made or why not out.
pub type AddRoute = Callback<(Cidr, String), Result<(), FieldError>>;

/// Destination and target of a new route, checked before `add` is asked to add it.
#[component]
pub fn NewRoute(
    /// The targets to choose from, as (value, text) pairs.
    targets: Signal<Vec<(String, String)>>,
    /// An example destination, shown while the field is empty.
    placeholder: &'static str,
    add: AddRoute,
) -> impl IntoView {
    let dest = RwSignal::new(String::new());
    let target = RwSignal::new(String::new());
    let error: RwSignal<Option<FieldError>> = RwSignal::new(None);
    let (dest_id, target_id, msg_id) = (dom_id("f"), dom_id("f"), dom_id("f"));
    let msg = msg_id.clone();
    let chosen = move || {
        let picked = target.get();
        let opts = targets.get();
        if opts.iter().any(|o| o.0 == picked) {
            picked
        } else {
            opts.first().map(|o| o.0.clone()).unwrap_or_default()
        }
    };
    let on_add = move |_| {
        let result = cidr(&dest.get_untracked()).and_then(|d| add.run((d, untrack(chosen))));
        match result {
            Ok(()) => {
                dest.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <div class="new-route">
            <div class="field" class:invalid=move || error.with(Option::is_some)>
                <label for=dest_id.clone()>"New route destination"</label>
                <input id=dest_id type="text" placeholder=placeholder autocomplete="off" spellcheck="false"
                    prop:value=move || dest.get()
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=move || error.with(Option::is_some).then(|| msg.clone())
                    on:input=move |ev| dest.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for=target_id.clone()>"New route target"</label>
                <select id=target_id on:change=move |ev| target.set(event_target_value(&ev))
                    prop:value=chosen>
                    <For each=move || targets.get() key=|o| o.clone()
                        children=|(v, t)| view! { <option value=v>{t}</option> }/>
                </select>
            </div>
            <button type="button" on:click=on_add data-testid="add-route">"Add route"</button>
            <FieldMessage msg_id error on_fix=move |(_, fixed): (String, String)| {
                dest.set(fixed);
                error.set(None);
            }/>
        </div>
    }
}
