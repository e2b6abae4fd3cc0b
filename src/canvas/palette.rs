//! Colours of the canvas: Okabe-Ito (colour-blind safe), the same as style/main.css.
//! Every status colour is drawn together with a word or a shape (dash, cross, tick).

pub const INK: &str = "#1b2430";
pub const MUTED: &str = "#5b6676";
pub const LINE: &str = "#3d4b5c";
pub const FAINT: &str = "#9aa7b8";
pub const BAND: &str = "#eaeef4";
pub const SUBNET: &str = "#f7f9fc";
pub const CLOUD: &str = "#e4f2fb";
pub const WHITE: &str = "#ffffff";
/// Selection and "what the inspector shows".
pub const ACCENT: &str = "#0072b2";
/// The packet going out.
pub const FORWARD: &str = "#e69f00";
/// The reply coming back.
pub const RETURN: &str = "#cc79a7";
pub const BAD: &str = "#d55e00";
pub const PENDING: &str = "#8a6100";
pub const ENDPOINT: &str = "#00795a";

/// Light header tints, one per account in order of appearance, and a strong swatch each.
pub const ACCOUNT_TINTS: [(&str, &str); 6] = [
    ("#d3e6f3", "#0072b2"),
    ("#fbe7c2", "#e69f00"),
    ("#cdeee3", "#009e73"),
    ("#f6d8c7", "#d55e00"),
    ("#f3dbe9", "#cc79a7"),
    ("#dbeffa", "#56b4e9"),
];

pub fn account_tint(i: usize) -> (&'static str, &'static str) {
    ACCOUNT_TINTS[i % ACCOUNT_TINTS.len()]
}
