//! Colours of the canvas. The page defines them as CSS custom properties (`--canvas-*` in
//! `style/canvas.css`, light under `:root`, dark under `[data-theme="dark"]` and
//! `prefers-color-scheme: dark`); the canvas view reads them into a [`Palette`] at start and
//! whenever the theme changes, and drawing takes the current one with [`get`]. The defaults
//! here are the light theme (Okabe-Ito, colour-blind safe, as `style/main.css`), used when a
//! property is missing. Every status colour is drawn together with a word or a shape.

use std::cell::RefCell;
use std::rc::Rc;

/// Every colour the canvas draws with.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    /// The canvas background.
    pub bg: String,
    /// Titles and strong text; also the packet tag's background.
    pub ink: String,
    /// Text drawn on `ink` (the packet tag).
    pub on_ink: String,
    /// Details text.
    pub muted: String,
    /// VPC and gateway outlines, peering lines, host dots.
    pub line: String,
    /// Subnet outlines, attachments, pill borders.
    pub faint: String,
    pub band: String,
    pub subnet: String,
    /// Boxes on the picture: VPCs, gateways, pills, the details card.
    pub card: String,
    pub cloud: String,
    pub cloud_edge: String,
    pub services: String,
    pub onprem: String,
    pub nat: String,
    pub endpoint_bg: String,
    /// Selection and "what the inspector shows"; instances.
    pub accent: String,
    /// The packet going out.
    pub forward: String,
    /// The reply coming back.
    pub reply: String,
    pub bad: String,
    pub pending: String,
    pub endpoint: String,
    /// The delivered tick.
    pub ok: String,
    pub dx_public: String,
    pub dx_private: String,
    pub legend_bg: String,
    /// Header tints, one per account in order of appearance, and a strong swatch each.
    pub tints: Vec<(String, String)>,
}

/// The CSS custom property behind each colour, and its light default.
const PROPS: [(&str, &str); 25] = [
    ("bg", "#f7f9fc"),
    ("ink", "#1b2430"),
    ("on-ink", "#ffffff"),
    ("muted", "#4f5a6a"),
    ("line", "#3d4b5c"),
    ("faint", "#8593a6"),
    ("band", "#eaeef4"),
    ("subnet", "#f7f9fc"),
    ("card", "#ffffff"),
    ("cloud", "#e4f2fb"),
    ("cloud-edge", "#56b4e9"),
    ("services", "#fff8e8"),
    ("onprem", "#f1f0ea"),
    ("nat", "#fff3d6"),
    ("endpoint-bg", "#e3f4ee"),
    ("accent", "#0072b2"),
    ("forward", "#e69f00"),
    ("reply", "#cc79a7"),
    ("bad", "#b34700"),
    ("pending", "#8a6100"),
    ("endpoint", "#00795a"),
    ("ok", "#00795a"),
    ("dx-public", "#56b4e9"),
    ("dx-private", "#5b3a8c"),
    ("legend-bg", "rgba(255,255,255,0.92)"),
];

const TINTS: [(&str, &str); 6] = [
    ("#d3e6f3", "#0072b2"),
    ("#fbe7c2", "#e69f00"),
    ("#cdeee3", "#009e73"),
    ("#f6d8c7", "#d55e00"),
    ("#f3dbe9", "#cc79a7"),
    ("#dbeffa", "#56b4e9"),
];

impl Palette {
    /// The palette from a reader of CSS custom properties (`read("--canvas-ink")`), each
    /// missing or empty one taken from the light defaults. Account tints are
    /// `--canvas-tint-1` … `--canvas-tint-6`, each "HEADER SWATCH".
    pub fn from_css(read: impl Fn(&str) -> Option<String>) -> Palette {
        let get = |name: &str| -> String {
            read(&format!("--canvas-{name}"))
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .or_else(|| PROPS.iter().find(|p| p.0 == name).map(|p| p.1.to_string()))
                .unwrap_or_default()
        };
        let tints = TINTS
            .iter()
            .enumerate()
            .map(|(i, d)| {
                read(&format!("--canvas-tint-{}", i + 1))
                    .and_then(|v| {
                        let mut it = v.split_whitespace();
                        Some((it.next()?.to_string(), it.next()?.to_string()))
                    })
                    .unwrap_or((d.0.to_string(), d.1.to_string()))
            })
            .collect();
        Palette {
            bg: get("bg"),
            ink: get("ink"),
            on_ink: get("on-ink"),
            muted: get("muted"),
            line: get("line"),
            faint: get("faint"),
            band: get("band"),
            subnet: get("subnet"),
            card: get("card"),
            cloud: get("cloud"),
            cloud_edge: get("cloud-edge"),
            services: get("services"),
            onprem: get("onprem"),
            nat: get("nat"),
            endpoint_bg: get("endpoint-bg"),
            accent: get("accent"),
            forward: get("forward"),
            reply: get("reply"),
            bad: get("bad"),
            pending: get("pending"),
            endpoint: get("endpoint"),
            ok: get("ok"),
            dx_public: get("dx-public"),
            dx_private: get("dx-private"),
            legend_bg: get("legend-bg"),
            tints,
        }
    }

    /// The light defaults.
    pub fn light() -> Palette {
        Palette::from_css(|_| None)
    }

    /// An account's (header tint, strong swatch).
    pub fn tint(&self, i: usize) -> (&str, &str) {
        let t = &self.tints[i % self.tints.len().max(1)];
        (&t.0, &t.1)
    }
}

thread_local! {
    static CURRENT: RefCell<Rc<Palette>> = RefCell::new(Rc::new(Palette::light()));
}

/// The palette drawing uses now.
pub fn get() -> Rc<Palette> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Makes `p` the palette drawing uses (the canvas view, when the theme changes).
pub fn set(p: Palette) {
    CURRENT.with(|c| *c.borrow_mut() = Rc::new(p));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_properties_override_the_light_defaults() {
        let dark = Palette::from_css(|name| match name {
            "--canvas-ink" => Some(" #e6edf5 ".into()),
            "--canvas-bg" => Some(String::new()),
            "--canvas-tint-2" => Some("#3a2d10 #e69f00".into()),
            _ => None,
        });
        assert_eq!(dark.ink, "#e6edf5");
        assert_eq!(dark.bg, "#f7f9fc", "an empty property keeps the default");
        assert_eq!(dark.tint(1), ("#3a2d10", "#e69f00"));
        assert_eq!(dark.tint(7), dark.tint(1), "tints repeat");
        assert_eq!(Palette::light().muted, "#4f5a6a");
    }
}
