//! The packet animation loop: while playing, each animation frame advances the packet
//! (one hop per second at speed 1), moves to the next step when a hop is done, and redraws.

use crate::state::AppState;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;

/// Where the loop is: the fraction of the current hop done, the last frame's time, and
/// whether a loop is running.
#[derive(Default)]
pub struct Clock {
    pub progress: Cell<f64>,
    last_ts: Cell<f64>,
    running: Cell<bool>,
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Starts the loop whenever `playing` turns on (one loop at a time).
pub fn run(state: AppState, clock: Rc<Clock>, redraw: Rc<dyn Fn()>) {
    Effect::new(move |_| {
        if !state.playing.get() || clock.running.get() {
            return;
        }
        clock.running.set(true);
        clock.progress.set(0.0);
        clock.last_ts.set(now());
        tick(state, clock.clone(), redraw.clone());
    });
}

/// One animation frame: advance the packet, draw, and ask for the next frame while playing.
fn tick(state: AppState, clock: Rc<Clock>, redraw: Rc<dyn Fn()>) {
    if !state.playing.get_untracked() {
        clock.running.set(false);
        clock.progress.set(0.0);
        redraw();
        return;
    }
    let t = now();
    let dt = ((t - clock.last_ts.get()) / 1000.0).clamp(0.0, 0.1);
    clock.last_ts.set(t);
    let total = state
        .run
        .with_untracked(|r| r.as_ref().map(|r| r.steps()).unwrap_or(0));
    let step = state.step.get_untracked();
    if total == 0 {
        state.playing.set(false);
    } else if step == 0 {
        clock.progress.set(0.0);
        state.step.set(1);
    } else if step >= total {
        state.playing.set(false);
    } else {
        let p = clock.progress.get() + dt * state.speed.get_untracked().max(0.05);
        if p >= 1.0 {
            clock.progress.set(0.0);
            state.step.set(step + 1);
            if step + 1 >= total {
                state.playing.set(false);
            }
        } else {
            clock.progress.set(p);
        }
    }
    redraw();
    let (c2, r2) = (clock.clone(), redraw.clone());
    request_animation_frame(move || tick(state, c2, r2));
}
