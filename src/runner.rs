//! The stepping loop: advances a steppable computation over animation frames within a per-frame
//! time budget, so long work never freezes the page. It cancels when paused, when its owner
//! resets it, and when the owning component unmounts; it waits while the page is hidden or
//! scrolled out of sight (a post with five embedded labs must not keep five cores busy).

use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Whether the page can be seen: its tab is visible and (for an embed) its frame is on screen.
#[derive(Clone, Copy)]
pub struct OnScreen(pub RwSignal<bool>);

impl OnScreen {
    /// Watches the tab's visibility and whether the document is within the top-level viewport
    /// (an IntersectionObserver's implicit root is the top-level viewport, even inside an
    /// iframe), and provides the result to every stepper on the page.
    pub fn provide() -> Self {
        let on_screen = OnScreen(RwSignal::new(true));
        provide_context(on_screen);
        let document = document();
        let in_view = Rc::new(std::cell::Cell::new(true));
        let update = {
            let document = document.clone();
            let in_view = in_view.clone();
            move || on_screen.0.try_set(!document.hidden() && in_view.get())
        };
        let on_visibility = Closure::<dyn Fn()>::new({
            let update = update.clone();
            move || {
                update();
            }
        });
        let _ = document.add_event_listener_with_callback("visibilitychange", on_visibility.as_ref().unchecked_ref());
        on_visibility.forget(); // lives as long as the page
        let on_intersection = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Some(entry) = entries.iter().last().and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok()) {
                in_view.set(entry.is_intersecting());
                update();
            }
        });
        if let (Ok(observer), Some(root)) = (web_sys::IntersectionObserver::new(on_intersection.as_ref().unchecked_ref()), document.document_element()) {
            observer.observe(&root);
        }
        on_intersection.forget(); // lives as long as the page
        on_screen
    }
}

/// How much work a stepper may do per animation frame, in milliseconds. A frame lasts about
/// 16.7 ms at 60 Hz, and drawing the charts and the browser's own work need the rest.
pub mod budget {
    /// Revealing a finished result a little at a time.
    pub const REVEAL_MS: f64 = 2.0;
    /// A light run animated step by step (gradient descent on a surface, its sweep).
    pub const ANIMATION_MS: f64 = 4.0;
    /// A heavy live run whose charts redraw every frame (a network training, search trials).
    pub const LIVE_RUN_MS: f64 = 6.0;
    /// A computation shown with a progress bar and drawn when it is done (experiments).
    pub const BACKGROUND_MS: f64 = 8.0;
    /// What one frame's work may take in all: the steppers running at once (a lab often runs two
    /// or three: its live run, a race, an experiment) and the chart drawing and publishing that
    /// follow them. At their own budgets the steppers took up to 18 ms of a 16.7 ms frame, and
    /// the charts drawn after them made frames of 13–20 ms: on a slow phone every frame ran long
    /// and input waited behind it.
    pub const FRAME_MS: f64 = 10.0;
    /// The least the steppers get together when drawing alone fills the frame, so a run still
    /// moves on (more slowly) while its charts are heavy.
    pub const LEAST_STEPPING_MS: f64 = 2.0;

    /// A stepper's budget for this frame: its own, scaled down when the budgets of all the
    /// steppers running (`running_total`, its own included) add up to more than what the frame
    /// has left once `other_work_ms` (the drawing and publishing expected after the steppers,
    /// see [`FrameLoad`]) is taken out of [`FRAME_MS`].
    pub fn share_of_frame(own_ms: f64, running_total_ms: f64, other_work_ms: f64) -> f64 {
        let stepping = (FRAME_MS - other_work_ms.max(0.0)).max(LEAST_STEPPING_MS);
        own_ms * (stepping / running_total_ms.max(own_ms)).min(1.0)
    }

    /// How long a frame's work besides stepping takes: the snapshots published past a stepper's
    /// deadline, the charts drawn after a step, and the browser's style, layout and paint. It is
    /// measured from the frame's first stepper to a task posted by it, which runs once the frame
    /// has been rendered, less the time spent stepping; and smoothed over frames (heavy charts
    /// redraw only every few frames).
    #[derive(Clone, Copy, Debug, Default, PartialEq)]
    pub struct FrameLoad {
        /// The animation frame (its `requestAnimationFrame` time stamp) being measured.
        frame: f64,
        /// When its first stepper began.
        began_at: f64,
        /// Time its steppers spent within their budgets.
        stepped_ms: f64,
        /// Whether its end is still to be measured.
        open: bool,
        /// The smoothed work besides stepping per frame.
        per_frame_ms: f64,
    }

    impl FrameLoad {
        /// Weight of the newest frame in the smoothed figure.
        const NEWEST_WEIGHT: f64 = 0.25;

        /// A stepper begins at `now` in the frame stamped `frame`: the work besides stepping to
        /// leave room for, and whether this is the frame's first stepper (which then posts the
        /// task that calls [`FrameLoad::end`]).
        pub fn begin(&mut self, frame: f64, now: f64) -> (f64, bool) {
            let first = frame != self.frame;
            if first {
                *self = FrameLoad { frame, began_at: now, stepped_ms: 0.0, open: true, per_frame_ms: self.per_frame_ms };
            }
            (self.per_frame_ms, first)
        }

        /// A stepper spent `ms` stepping within its budget.
        pub fn stepped(&mut self, ms: f64) {
            if ms.is_finite() && ms > 0.0 {
                self.stepped_ms += ms;
            }
        }

        /// The frame's work is over at `now` (the task posted by its first stepper runs).
        pub fn end(&mut self, now: f64) {
            let other = now - self.began_at - self.stepped_ms;
            if self.open && other.is_finite() {
                self.per_frame_ms += Self::NEWEST_WEIGHT * (other.max(0.0) - self.per_frame_ms);
            }
            self.open = false;
        }
    }
}

thread_local! {
    /// The sum of the budgets of the steppers with a frame requested (see [`budget::share_of_frame`]).
    static RUNNING_BUDGETS: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
    /// The page's work besides stepping, per frame (see [`budget::FrameLoad`]).
    static FRAME_LOAD: std::cell::RefCell<budget::FrameLoad> = std::cell::RefCell::new(budget::FrameLoad::default());
}

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
    /// The pending `requestAnimationFrame` id.
    handle: StoredValue<Option<i32>>,
    /// Set when a frame came while the page could not be seen: resume when it can.
    waiting: StoredValue<bool>,
    /// Whether this stepper's budget is in `RUNNING_BUDGETS`.
    counted: StoredValue<bool>,
    on_screen: Option<RwSignal<bool>>,
}

impl Stepper {
    pub fn new(budget_ms: f64, tick: impl FnMut(f64) -> bool + 'static) -> Self {
        let stepper = Self {
            playing: RwSignal::new(false),
            budget_ms,
            generation: StoredValue::new(0),
            tick: StoredValue::new_local(Rc::new(RefCell::new(Box::new(tick) as Tick))),
            handle: StoredValue::new(None),
            waiting: StoredValue::new(false),
            counted: StoredValue::new(false),
            on_screen: use_context::<OnScreen>().map(|s| s.0),
        };
        if let Some(on_screen) = stepper.on_screen {
            Effect::new(move |_| {
                if on_screen.get() && stepper.waiting.try_get_value() == Some(true) {
                    stepper.waiting.try_set_value(false);
                    if stepper.playing.get_untracked() {
                        stepper.schedule();
                    }
                }
            });
        }
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

    /// Adds this stepper's budget to the running total, or takes it out.
    fn count_running(&self, running: bool) {
        if self.counted.try_get_value().is_some_and(|c| c != running) {
            self.counted.try_set_value(running);
            let delta = if running { self.budget_ms } else { -self.budget_ms };
            RUNNING_BUDGETS.with(|r| r.set((r.get() + delta).max(0.0)));
        }
    }

    fn cancel(&self) {
        self.count_running(false);
        if let Some(Some(handle)) = self.handle.try_update_value(|h| h.take()) {
            let _ = window().cancel_animation_frame(handle);
        }
        // Any frame already queued sees a new generation and stops.
        self.generation.try_update_value(|g| *g += 1);
    }

    fn schedule(&self) {
        let this = *self;
        let Some(generation) = self.generation.try_get_value() else { return };
        let on_frame = Closure::once_into_js(move |frame: f64| {
            if this.generation.try_get_value() != Some(generation) || !this.playing.try_get_untracked().unwrap_or(false) {
                return;
            }
            if this.on_screen.is_some_and(|s| !s.try_get_untracked().unwrap_or(true)) {
                this.count_running(false);
                this.waiting.try_set_value(true);
                return;
            }
            let started = now_ms();
            let (other_work, first_in_frame) = FRAME_LOAD.with(|l| l.borrow_mut().begin(frame, started));
            if first_in_frame {
                // Runs once this frame's callbacks, effects and rendering are done.
                set_timeout(|| FRAME_LOAD.with(|l| l.borrow_mut().end(now_ms())), std::time::Duration::ZERO);
            }
            let share = budget::share_of_frame(this.budget_ms, RUNNING_BUDGETS.with(|r| r.get()), other_work);
            let more = this.run_once(started + share);
            FRAME_LOAD.with(|l| l.borrow_mut().stepped((now_ms() - started).min(share)));
            if more {
                this.schedule();
            } else {
                this.count_running(false);
                this.playing.try_set(false);
            }
        });
        let handle = window().request_animation_frame(on_frame.unchecked_ref()).ok();
        if handle.is_some() {
            self.count_running(true);
        }
        self.handle.try_set_value(handle);
    }
}

/// A computation started on demand (a button) from the current `spec`, stepped over frames within
/// the background budget, and dropped when the spec changes under it. Returns the computation
/// and the action that starts it afresh.
pub fn on_demand<S, T>(
    spec: Memo<S>,
    start: fn(S) -> T,
    step: fn(&mut T) -> bool,
    spec_of: fn(&T) -> &S,
) -> (RwSignal<Option<T>, LocalStorage>, Callback<()>)
where
    S: Clone + PartialEq + Send + Sync + 'static,
    T: 'static,
{
    let work = RwSignal::new_local(None::<T>);
    let stepper = Stepper::new(budget::BACKGROUND_MS, move |deadline| {
        let mut more = true;
        work.update(|w| match w.as_mut() {
            Some(w) => {
                while more {
                    more = step(w);
                    if now_ms() >= deadline {
                        break;
                    }
                }
            }
            None => more = false,
        });
        more
    });
    Effect::new(move |_| {
        let s = spec.get();
        if work.with_untracked(|w| w.as_ref().is_some_and(|w| *spec_of(w) != s)) {
            stepper.pause();
            work.set(None);
        }
    });
    let run = Callback::new(move |_| {
        stepper.pause();
        work.set(Some(start(spec.get_untracked())));
        stepper.play();
    });
    (work, run)
}
