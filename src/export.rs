//! Export at the edge: the scenario as a `.json` download and the diagram as a `.png`.
//!
//! The file name comes from [`file_stem`] (pure, tested natively); the rest turns a Blob or a
//! data URL into a download through a temporary `<a download>` link.

use vpc_engine::Scenario;
use wasm_bindgen::{JsCast, JsValue};

/// A file name stem from the scenario's name: lower-case ASCII letters and digits joined by
/// single dashes, at most 60 characters; `scenario` when nothing usable is left.
pub fn file_stem(name: Option<&str>) -> String {
    let mut out = String::new();
    for c in name.unwrap_or("").chars() {
        if c.is_ascii_alphanumeric() {
            if out.len() >= 60 {
                break;
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "scenario".to_string()
    } else {
        out
    }
}

/// The scenario as pretty JSON, the way a person would like to read and diff it: exactly
/// `serde_json::to_string_pretty`'s text, made from the compact text every other caller
/// already serializes to. (A second `Serialize` of the whole scenario, for the pretty
/// formatter, cost the page's wasm about 18 KB of code; this costs a few hundred bytes.)
pub fn scenario_json(s: &Scenario) -> String {
    pretty(&serde_json::to_string(s).unwrap_or_default())
}

/// Compact JSON text (serde_json's: no whitespace outside strings) indented as serde_json's
/// `PrettyFormatter` does: two spaces, `": "` after keys, `[]` and `{}` kept empty.
fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                if matches!(chars.peek(), Some('}' | ']')) {
                    out.extend(chars.next());
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

/// Why an export did not happen, as a sentence for the notice bar.
pub type ExportError = String;

fn js_err(what: &str, e: JsValue) -> ExportError {
    let detail = e
        .as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_default();
    format!("{what} failed {detail}").trim().to_string()
}

/// Downloads `text` as a file called `file_name`.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), ExportError> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|e| js_err("Making the file", e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|e| js_err("Making the file", e))?;
    let result = click_download(&url, file_name);
    // Revoke later: revoking at once can cancel the download in some browsers.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    result
}

/// Downloads the scenario as `<name>.json`.
pub fn export_json(s: &Scenario) -> Result<String, ExportError> {
    let name = format!("{}.json", file_stem(s.name.as_deref()));
    download_text(&name, "application/json", &scenario_json(s))?;
    Ok(name)
}

/// Downloads the topology diagram as `<name>.png`: every canvas layer stacked in the stage
/// on a white background, at the canvases' full (device-pixel) resolution.
pub fn export_png(s: &Scenario) -> Result<String, ExportError> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("There is no page to export from.")?;
    let main: web_sys::HtmlCanvasElement = doc
        .query_selector("[data-testid=\"topology-canvas\"]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
        .ok_or("The diagram is not on the page, so there is nothing to export.")?;
    let (w, h) = (main.width().max(1), main.height().max(1));
    let out: web_sys::HtmlCanvasElement = doc
        .create_element("canvas")
        .map_err(|e| js_err("Making the image", e))?
        .dyn_into()
        .map_err(|_| "Making the image failed.".to_string())?;
    out.set_width(w);
    out.set_height(h);
    let ctx: web_sys::CanvasRenderingContext2d = out
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or("This browser cannot draw the image.")?;
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, w as f64, h as f64);
    // The drawing may be split into layers (static + animation) stacked in one container.
    let layers = main
        .parent_element()
        .map(|p| crate::dom::descendants_matching(&p, "canvas"))
        .unwrap_or_default();
    let mut drawn = false;
    for c in layers {
        let Ok(c) = c.dyn_into::<web_sys::HtmlCanvasElement>() else {
            continue;
        };
        if c.width() == w && c.height() == h {
            let _ = ctx.draw_image_with_html_canvas_element(&c, 0.0, 0.0);
            drawn = true;
        }
    }
    if !drawn {
        let _ = ctx.draw_image_with_html_canvas_element(&main, 0.0, 0.0);
    }
    let data = out
        .to_data_url_with_type("image/png")
        .map_err(|e| js_err("Making the image", e))?;
    let name = format!("{}.png", file_stem(s.name.as_deref()));
    click_download(&data, &name)?;
    Ok(name)
}

fn click_download(href: &str, file_name: &str) -> Result<(), ExportError> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("There is no page to download from.")?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|e| js_err("Starting the download", e))?
        .dyn_into()
        .map_err(|_| "Starting the download failed.".to_string())?;
    a.set_href(href);
    a.set_download(file_name);
    let _ = a.set_attribute("hidden", "");
    let body = doc.body().ok_or("There is no page to download from.")?;
    let _ = body.append_child(&a);
    a.click();
    let _ = body.remove_child(&a);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems() {
        let long = "x".repeat(100);
        let cases = [
            (None, "scenario"),
            (Some(""), "scenario"),
            (Some("   "), "scenario"),
            (Some("Transitive peering"), "transitive-peering"),
            (Some("  A -> B // C  "), "a-b-c"),
            (Some("DX preferred over VPN!"), "dx-preferred-over-vpn"),
            (Some("été 2024"), "t-2024"),
            (Some("../../etc/passwd"), "etc-passwd"),
            (Some("<script>"), "script"),
            (Some("日本語"), "scenario"),
            (Some(long.as_str()), &long[..60]),
        ];
        for (name, want) in cases {
            assert_eq!(file_stem(name), want, "{name:?}");
        }
    }

    #[test]
    fn json_export_loads_back() {
        let entry = vpc_engine::library::LIBRARY
            .first()
            .expect("the library has entries");
        let s = vpc_engine::load(entry.json()).expect("library scenarios load");
        let text = scenario_json(&s);
        assert!(text.contains("\n  \"format\""), "pretty printed");
        assert_eq!(vpc_engine::load(&text).ok(), Some(s));
    }

    #[test]
    fn export_text_is_serde_jsons_pretty_text() {
        for entry in vpc_engine::library::LIBRARY {
            let mut s = vpc_engine::load(entry.json())
                .expect("library scenarios load")
                .into_scenario();
            assert_eq!(
                scenario_json(&s),
                serde_json::to_string_pretty(&s).unwrap(),
                "{}",
                entry.slug
            );
            // Text that looks like JSON's punctuation, escapes and non-ASCII stay as written.
            s.name = Some(r#"a "quoted" {x}, [y]: z\ é"#.to_string());
            s.description = Some("line one\nline two\t[]{}".to_string());
            assert_eq!(
                scenario_json(&s),
                serde_json::to_string_pretty(&s).unwrap(),
                "{}",
                entry.slug
            );
        }
    }
}
