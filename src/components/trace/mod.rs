//! The trace side: the canvas, the step controls, the trace panel with its event list, hop
//! inspector, "what changed" and reachability matrix, and the text they share.

pub mod canvas_view;
pub mod event_list;
pub mod hop_inspector;
pub mod hop_rules;
pub mod packet_picker;
#[cfg(feature = "editor")]
pub mod reach_matrix;
pub mod trace_panel;
pub mod trace_text;
pub mod transport;
#[cfg(feature = "editor")]
pub mod what_changed;
