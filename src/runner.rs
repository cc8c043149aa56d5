//! The stepping loop: advances a steppable computation over animation frames within a per-frame
//! time budget, so long work never freezes the page. It cancels when paused, when its owner
//! resets it, and when the owning component unmounts.

use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;

/// Milliseconds since page load.
pub fn now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}

/// One frame's work: do as much as fits before `deadline` (a [`now_ms`] value) and return
/// whether more work remains.
pub type Tick = Box<dyn FnMut(f64) -> bool>;

#[derive(Clone, Copy)]
pub struct Stepper {
    playing: RwSignal<bool>,
    budget_ms: f64,
    generation: StoredValue<u64>,
    tick: StoredValue<Rc<RefCell<Tick>>, LocalStorage>,
    handle: StoredValue<Option<AnimationFrameRequestHandle>, LocalStorage>,
}

impl Stepper {
    pub fn new(budget_ms: f64, tick: impl FnMut(f64) -> bool + 'static) -> Self {
        let stepper = Self {
            playing: RwSignal::new(false),
            budget_ms,
            generation: StoredValue::new(0),
            tick: StoredValue::new_local(Rc::new(RefCell::new(Box::new(tick) as Tick))),
            handle: StoredValue::new_local(None),
        };
        on_cleanup(move || stepper.cancel());
        stepper
    }

    pub fn playing(&self) -> Signal<bool> {
        self.playing.into()
    }

    pub fn play(&self) {
        if self.playing.get_untracked() {
            return;
        }
        self.playing.set(true);
        self.schedule();
    }

    pub fn pause(&self) {
        self.cancel();
        self.playing.set(false);
    }

    /// Runs one frame's worth of work right now (for "step" buttons and tests).
    pub fn run_once(&self, deadline: f64) -> bool {
        match self.tick.try_get_value() {
            Some(tick) => match tick.try_borrow_mut() {
                Ok(mut t) => t(deadline),
                Err(_) => true,
            },
            None => false,
        }
    }

    fn cancel(&self) {
        if let Some(Some(handle)) = self.handle.try_update_value(|h| h.take()) {
            handle.cancel();
        }
        // Any frame already queued sees a new generation and stops.
        self.generation.try_update_value(|g| *g += 1);
    }

    fn schedule(&self) {
        let this = *self;
        let Some(generation) = self.generation.try_get_value() else { return };
        let handle = request_animation_frame_with_handle(move || {
            if this.generation.try_get_value() != Some(generation) || !this.playing.try_get_untracked().unwrap_or(false) {
                return;
            }
            let deadline = now_ms() + this.budget_ms;
            if this.run_once(deadline) {
                this.schedule();
            } else {
                this.playing.try_set(false);
            }
        })
        .ok();
        self.handle.try_set_value(handle);
    }
}
