//! Presets: one-click states that make a curriculum claim visible. The claim of the preset the
//! current state came from is shown under the buttons.

use crate::url_state::UrlParams;
use hyperlab_ml::schema::{query_keys, ParamState};
use leptos::prelude::*;

pub use hyperlab_ml::labs::Preset;

/// Whether `current` has every knob `preset` names at the preset's value.
pub fn matches(preset: &Preset, current: &ParamState) -> bool {
    let wanted = ParamState::from_query(current.schema(), preset.query).0;
    query_keys(preset.query).all(|k| wanted.get(&k) == current.get(&k))
}

#[component]
pub fn PresetPicker(presets: &'static [Preset], state: UrlParams) -> impl IntoView {
    if !state.shows_presets() {
        return ().into_any();
    }
    let params = state.params;
    let buttons = presets
        .iter()
        .map(|p| {
            let query = p.query;
            view! {
                <button type="button" class="button small preset" title=p.claim
                    on:click=move |_| state.load(ParamState::from_query(params.with_untracked(|p| p.schema()), query).0)>{p.name}</button>
            }
        })
        .collect_view();
    let active = Memo::new(move |_| params.with(|current| presets.iter().find(|p| matches(p, current)).map(|p| p.claim)));
    view! {
        <div class="control">
            <span class="control-head"><strong>"Presets"</strong></span>
            <div class="presets">{buttons}</div>
            {move || active.get().map(|claim| view! { <p class="control-help preset-claim">{claim}</p> })}
        </div>
    }
    .into_any()
}
