//! Pointer input on the canvas: the wheel zooms about the cursor, one pointer (mouse, pen or
//! finger) drags the picture, two fingers pinch to zoom, a click without a drag selects what
//! is under it, and the mouse hovering over a box shows its details.

use crate::canvas::geom::{Point, View};
use crate::canvas::gesture::{drag, pinch, Gesture, CLICK_SLOP};
use crate::canvas::layout::{hit_test, Layout};
use crate::state::AppState;
use leptos::html::Canvas;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// What the handlers share: the canvas, the view they change and the layout they hit-test.
#[derive(Clone, Copy)]
pub struct Target {
    pub state: AppState,
    pub canvas: NodeRef<Canvas>,
    pub view: RwSignal<View>,
    /// Set once the user pans or zooms, so Fit stops following resizes.
    pub user_moved: RwSignal<bool>,
    pub hovered: RwSignal<Option<String>>,
    pub layout: Memo<Layout>,
}

/// The pointers down on the canvas and the gesture they make.
#[derive(Default)]
pub struct Pointers {
    down: RefCell<Vec<(i32, Point)>>,
    gesture: Cell<Option<Gesture>>,
}

impl Target {
    /// A client point in canvas CSS px.
    fn local(&self, x: f64, y: f64) -> Option<Point> {
        let r = self.canvas.get_untracked()?.get_bounding_client_rect();
        Some(Point::new(x - r.left(), y - r.top()))
    }

    pub fn wheel(&self, ev: web_sys::WheelEvent) {
        ev.prevent_default();
        let Some(at) = self.local(ev.client_x() as f64, ev.client_y() as f64) else {
            return;
        };
        let factor = (-ev.delta_y() * 0.0015).exp().clamp(0.5, 2.0);
        self.user_moved.set(true);
        self.view.update(|v| *v = v.zoom_at(factor, at));
    }

    pub fn down(&self, p: &Pointers, ev: web_sys::PointerEvent) {
        if ev.pointer_type() == "mouse" && ev.button() != 0 {
            return;
        }
        if let Some(c) = self.canvas.get_untracked() {
            let _ = c.set_pointer_capture(ev.pointer_id());
        }
        let at = Point::new(ev.client_x() as f64, ev.client_y() as f64);
        let mut down = p.down.borrow_mut();
        down.retain(|(id, _)| *id != ev.pointer_id());
        down.push((ev.pointer_id(), at));
        let v0 = self.view.get_untracked();
        p.gesture.set(Some(match down.as_slice() {
            [(_, a), (_, b), ..] => Gesture::Pinch {
                mid0: a.lerp(*b, 0.5),
                d0: a.dist(*b),
                v0,
            },
            _ => Gesture::Drag {
                start: at,
                v0,
                moved: false,
            },
        }));
    }

    pub fn moved(&self, p: &Pointers, ev: web_sys::PointerEvent) {
        let at = Point::new(ev.client_x() as f64, ev.client_y() as f64);
        {
            let mut down = p.down.borrow_mut();
            if let Some(slot) = down.iter_mut().find(|(id, _)| *id == ev.pointer_id()) {
                slot.1 = at;
            }
        }
        match p.gesture.get() {
            Some(Gesture::Drag { start, v0, moved }) => {
                if moved || (at.x - start.x).abs() + (at.y - start.y).abs() > CLICK_SLOP {
                    p.gesture.set(Some(Gesture::Drag {
                        start,
                        v0,
                        moved: true,
                    }));
                    self.user_moved.set(true);
                    self.view.set(drag(v0, start, at));
                }
            }
            Some(Gesture::Pinch { mid0, d0, v0 }) => {
                let down = p.down.borrow();
                if let [(_, a), (_, b), ..] = down.as_slice() {
                    let (Some(m0), Some(m)) = (
                        self.local(mid0.x, mid0.y),
                        self.local((a.x + b.x) / 2.0, (a.y + b.y) / 2.0),
                    ) else {
                        return;
                    };
                    self.user_moved.set(true);
                    self.view.set(pinch(v0, m0, d0, m, a.dist(*b)));
                }
            }
            None => {
                if ev.pointer_type() == "mouse" {
                    self.hover(at);
                }
            }
        }
    }

    /// Shows the details of what the mouse is over (nothing over empty space).
    fn hover(&self, client: Point) {
        let Some(at) = self.local(client.x, client.y) else {
            return;
        };
        let world = self.view.get_untracked().to_world(at);
        let hit = self.layout.with_untracked(|l| hit_test(l, world));
        if self.hovered.get_untracked() != hit {
            self.hovered.set(hit);
        }
    }

    pub fn up(&self, p: &Pointers, ev: web_sys::PointerEvent) {
        let gesture = p.gesture.take();
        let left = {
            let mut down = p.down.borrow_mut();
            down.retain(|(id, _)| *id != ev.pointer_id());
            down.len()
        };
        if left > 0 {
            // One finger of a pinch lifted: the other drags on from here.
            if let Some((_, at)) = p.down.borrow().first().copied() {
                p.gesture.set(Some(Gesture::Drag {
                    start: at,
                    v0: self.view.get_untracked(),
                    moved: true,
                }));
            }
            return;
        }
        let Some(Gesture::Drag { moved: false, .. }) = gesture else {
            return;
        };
        let Some(at) = self.local(ev.client_x() as f64, ev.client_y() as f64) else {
            return;
        };
        let world = self.view.get_untracked().to_world(at);
        let hit = self.layout.with_untracked(|l| hit_test(l, world));
        self.state.selected.set(hit);
    }

    pub fn cancel(&self, p: &Pointers, ev: web_sys::PointerEvent) {
        p.down.borrow_mut().retain(|(id, _)| *id != ev.pointer_id());
        p.gesture.set(None);
    }

    pub fn leave(&self) {
        if self.hovered.get_untracked().is_some() {
            self.hovered.set(None);
        }
    }
}

/// The shared pointer state for one canvas.
pub fn pointers() -> Rc<Pointers> {
    Rc::new(Pointers::default())
}
