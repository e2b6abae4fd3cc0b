//! The topology canvas, without any Leptos: pure layout and packet-path geometry (tested
//! natively), and the drawing code that turns a layout and a trace into canvas calls.
//!
//! - [`geom`]: points, rectangles, the pan/zoom view.
//! - [`layout`]: scenario -> boxes, dots, lines and anchor points; hit testing.
//! - [`path`]: trace hops -> points on the canvas; where the packet is at a step.
//! - [`keys`]: what a key does to the view when the canvas has focus; [`gesture`]: what a
//!   drag or a two-finger pinch does to it.
//! - [`palette`]: the colours, read from the page's CSS custom properties (light and dark).
//! - [`draw`]: the static layer (cached offscreen); [`frame`]: one animation frame over it.
//! - [`filters`]: format 2's network ACLs and security groups, placed and drawn where they act.

pub mod draw;
pub mod filters;
pub mod frame;
pub mod geom;
pub mod gesture;
pub mod keys;
pub mod layout;
pub mod palette;
pub mod path;
