//! What a key does to the diagram's view when the canvas has keyboard focus, so a learner
//! without a mouse can pan and zoom a topology larger than the screen (an imported account
//! is shown at a readable scale around its trace, with the rest off screen).

/// A change of view asked for by a key.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ViewKey {
    /// Move the picture by this many screen pixels (an arrow key shows what lies that way,
    /// so the picture moves the other way).
    Pan(f64, f64),
    /// Zoom by this factor about the centre of the canvas.
    Zoom(f64),
    /// Back to the Fit view.
    Fit,
}

/// How far one arrow press pans, in screen pixels; with Shift, a screenful's worth.
pub const PAN_STEP: f64 = 60.0;
pub const PAN_STEP_BIG: f64 = 240.0;
/// The zoom factor of one `+` press; `-` undoes it.
pub const ZOOM_STEP: f64 = 1.25;

/// The view change `key` (as `KeyboardEvent.key` names it) asks for, if any.
pub fn view_key(key: &str, shift: bool) -> Option<ViewKey> {
    let d = if shift { PAN_STEP_BIG } else { PAN_STEP };
    Some(match key {
        "ArrowLeft" => ViewKey::Pan(d, 0.0),
        "ArrowRight" => ViewKey::Pan(-d, 0.0),
        "ArrowUp" => ViewKey::Pan(0.0, d),
        "ArrowDown" => ViewKey::Pan(0.0, -d),
        "+" | "=" => ViewKey::Zoom(ZOOM_STEP),
        "-" | "_" => ViewKey::Zoom(1.0 / ZOOM_STEP),
        "0" => ViewKey::Fit,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_view_changes() {
        let cases: [(&str, bool, Option<ViewKey>); 10] = [
            ("ArrowRight", false, Some(ViewKey::Pan(-PAN_STEP, 0.0))),
            ("ArrowLeft", false, Some(ViewKey::Pan(PAN_STEP, 0.0))),
            ("ArrowDown", false, Some(ViewKey::Pan(0.0, -PAN_STEP))),
            ("ArrowUp", true, Some(ViewKey::Pan(0.0, PAN_STEP_BIG))),
            ("+", false, Some(ViewKey::Zoom(ZOOM_STEP))),
            ("=", false, Some(ViewKey::Zoom(ZOOM_STEP))),
            ("-", false, Some(ViewKey::Zoom(1.0 / ZOOM_STEP))),
            ("0", false, Some(ViewKey::Fit)),
            (" ", false, None),
            ("Home", false, None),
        ];
        for (key, shift, want) in cases {
            assert_eq!(view_key(key, shift), want, "{key} shift={shift}");
        }
    }
}
