//! The Embed dialog: the `<iframe>` snippet that puts the current scenario, in embed mode
//! (canvas, trace controls and lesson only), into a trainer's docs. The snippet loads the
//! viewer (`embed.html` beside the app, `url::embed_src`), the lean build of the same page.

use crate::components::dialogs::modal::Modal;
use crate::components::dialogs::share_dialog::{
    copied_text, copy_or_select, current_share_link, Copied,
};
use crate::state::AppState;
use crate::url;
use leptos::prelude::*;

/// Escapes text for a double-quoted HTML attribute.
pub fn attr_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The snippet for `src`, titled after the scenario (its name, else "scenario").
pub fn iframe_snippet(src: &str, scenario_name: Option<&str>) -> String {
    let name = scenario_name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or("scenario");
    format!(
        "<iframe src=\"{}\" width=\"100%\" height=\"520\" style=\"border:0\" title=\"{}\" loading=\"lazy\"></iframe>",
        attr_escape(src),
        attr_escape(&format!("vpc-playground: {name}"))
    )
}

#[component]
pub fn EmbedDialog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let link = current_share_link(state);
    let name = state.scenario.with_untracked(|s| s.name.clone());
    let autoplay = RwSignal::new(false);
    let snippet =
        Memo::new(move |_| iframe_snippet(&url::embed_src(&link, autoplay.get()), name.as_deref()));
    let field = NodeRef::<leptos::html::Textarea>::new();
    let copied = RwSignal::new(Copied::Not);
    let copy = move |_| {
        copy_or_select(snippet.get_untracked(), copied, move || {
            if let Some(f) = field.get_untracked() {
                f.select();
                let _ = f.focus();
            }
        })
    };
    view! {
        <Modal title="Embed in your docs" id="embed"
            intro="Paste this into a web page to show this scenario with only the diagram, the trace controls and the lesson: no editor.">
            <label class="check">
                <input type="checkbox" data-autofocus="" prop:checked=move || autoplay.get()
                    on:change=move |ev| { autoplay.set(event_target_checked(&ev)); copied.set(Copied::Not); }/>
                " Start playing automatically"
            </label>
            <label for="embed-code" class="field-label">"Embed code"</label>
            <textarea id="embed-code" readonly rows="5" data-testid="embed-code" node_ref=field
                prop:value=move || snippet.get()>{snippet.get_untracked()}</textarea>
            <div class="copy-row">
                <button type="button" class="primary" on:click=copy>"Copy embed code"</button>
                <span class="copy-status" aria-live="polite">{move || copied_text(copied.get())}</span>
            </div>
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets() {
        let cases = [
            (
                "../vpc-playground/#s=AB&embed=1",
                Some("Transitive peering"),
                "<iframe src=\"../vpc-playground/#s=AB&amp;embed=1\" width=\"100%\" height=\"520\" style=\"border:0\" title=\"vpc-playground: Transitive peering\" loading=\"lazy\"></iframe>",
            ),
            (
                "https://h/#s=X",
                None,
                "<iframe src=\"https://h/#s=X\" width=\"100%\" height=\"520\" style=\"border:0\" title=\"vpc-playground: scenario\" loading=\"lazy\"></iframe>",
            ),
            (
                "https://h/#s=X",
                Some("  "),
                "<iframe src=\"https://h/#s=X\" width=\"100%\" height=\"520\" style=\"border:0\" title=\"vpc-playground: scenario\" loading=\"lazy\"></iframe>",
            ),
            (
                "x\"><script>",
                Some("A \"quoted\" <b>name</b> & more"),
                "<iframe src=\"x&quot;&gt;&lt;script&gt;\" width=\"100%\" height=\"520\" style=\"border:0\" title=\"vpc-playground: A &quot;quoted&quot; &lt;b&gt;name&lt;/b&gt; &amp; more\" loading=\"lazy\"></iframe>",
            ),
        ];
        for (src, name, want) in cases {
            assert_eq!(iframe_snippet(src, name), want, "{src}");
        }
    }
}
