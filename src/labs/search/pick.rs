//! The "you pick first" round both 1-D views share (Bayesian optimization's and TPE's): the view
//! state, rebuilt when its settings change; the learner's draft pick; a chart click that locks
//! it in; the slider and button that do the same from the keyboard; and the step, restart and
//! status controls around them.

use hyperlab_ml::labs::search::{PickGame, Settings};
use leptos::prelude::*;

pub(super) struct Pickable<T: 'static> {
    pub state: RwSignal<T, LocalStorage>,
    pub pick_mode: Memo<bool>,
    /// Whether the method's choice is shown (always, outside pick mode).
    pub revealed: Memo<bool>,
    pub draft: RwSignal<f64>,
    /// For the view's charts: a click at unit position x locks in a pick there.
    pub on_click: Callback<(f64, f64)>,
}

impl<T> Clone for Pickable<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Pickable<T> {}

/// The view state `fresh()` builds, built again whenever `key` changes.
pub(super) fn pickable<T: PickGame + 'static, K: Send + Sync + 'static>(settings: Memo<Settings>, key: Memo<K>, fresh: impl Fn() -> T + 'static) -> Pickable<T> {
    let state = RwSignal::new_local(fresh());
    Effect::new(move |prev: Option<()>| {
        key.with(|_| ()); // read, not just track: a memo computes (and so follows its sources) only when read
        if prev.is_some() {
            state.set(fresh());
        }
    });
    let pick_mode = Memo::new(move |_| settings.with(|s| s.pick));
    let revealed = Memo::new(move |_| state.with(|d| d.revealed(pick_mode.get())));
    let draft = RwSignal::new(0.5f64);
    let on_click = Callback::new(move |(u, _): (f64, f64)| {
        if state.with_untracked(|d| d.awaits_pick(pick_mode.get_untracked())) {
            draft.set(u.clamp(0.0, 1.0));
            state.update(|d| d.set_pick(u));
        }
    });
    Pickable { state, pick_mode, revealed, draft, on_click }
}

/// The pick slider and lock-in button; their ids start with `id` (`oned`, `tpe`).
pub(super) fn pick_controls<T: PickGame + 'static>(id: &'static str, game: Pickable<T>) -> impl IntoView {
    let Pickable { state, draft, .. } = game;
    let format_draft = move || state.with(|d| {
        let dim = d.pick_slot().dim;
        dim.format(dim.from_unit(draft.get()))
    });
    let input_id = format!("{id}-pick-input");
    view! {
        <div class="experiment-controls you-pick">
            <label for=input_id.clone()>"Your pick: "<strong>{format_draft}</strong></label>
            <input type="range" id=input_id min="0" max="1000" step="1"
                aria-valuetext=format_draft
                prop:value=move || (draft.get() * 1000.0).round().to_string()
                on:input=move |ev| {
                    if let Some(v) = hyperlab_ml::schema::parse_decimal(event_target_value(&ev).trim()) {
                        draft.set((v / 1000.0).clamp(0.0, 1.0));
                    }
                }/>
            <button id=format!("{id}-pick") type="button" class="button" on:click=move |_| state.update(|d| d.set_pick(draft.get_untracked()))
                disabled=move || state.with(|d| d.pick_slot().picked || !d.pick_slot().has_next)>"Lock in my pick"</button>
            <span class="figure-note">"…or click the chart where you would sample next."</span>
        </div>
    }
}

/// What both 1-D views show above their charts: "Evaluate next trial" (disabled until the
/// method's choice is revealed, and while `no_next_trial`), "Restart" (a `fresh()` state), the
/// trial count, the pick controls in pick mode and the status lines. Ids start with `id`.
pub(super) fn step_controls<T: PickGame + 'static>(
    id: &'static str,
    game: Pickable<T>,
    fresh: impl Fn() -> T + 'static,
    step: fn(&mut T) -> bool,
    no_next_trial: fn(&T) -> bool,
    count: fn(&T) -> String,
    status_lines: fn(&T, bool) -> Vec<String>,
) -> impl IntoView {
    let Pickable { state, pick_mode, revealed, .. } = game;
    let status = move || state.with(|d| status_lines(d, pick_mode.get()).into_iter().map(|l| view! { <p>{l}</p> }).collect_view());
    view! {
        <div class="experiment-controls">
            <button id=format!("{id}-step") type="button" class="button primary" on:click=move |_| { state.update(|d| { step(d); }); }
                disabled=move || !revealed.get() || state.with(no_next_trial)>"Evaluate next trial"</button>
            <button id=format!("{id}-reset") type="button" class="button" on:click=move |_| state.set(fresh())>"Restart"</button>
            <span id=format!("{id}-count")>{move || state.with(count)}</span>
        </div>
        <Show when=move || pick_mode.get()>{pick_controls(id, game)}</Show>
        <div id=format!("{id}-status") class="run-status" role="status" data-revealed=move || revealed.get().to_string()>{status}</div>
    }
}
