//! Presets: one-click states that make a curriculum claim visible. The claim of the preset the
//! current state came from is shown under the buttons.

use crate::url_state::UrlParams;
use hyperlab_ml::labs::PresetMatch;
use hyperlab_ml::schema::ParamState;
use leptos::prelude::*;

pub use hyperlab_ml::labs::Preset;


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
    let active = Memo::new(move |_| {
        params.with(|current| {
            Preset::for_state(presets, current).map(|m| match m {
                PresetMatch::Exact(p) => p.claim.to_string(),
                PresetMatch::OtherSeed(p) => format!(
                    "“{}” makes its claim at seed {}; at this seed it may not hold. Press the preset to see it.",
                    p.name,
                    p.seed().unwrap_or_default()
                ),
            })
        })
    });
    view! {
        <div class="control">
            <span class="control-head"><strong>"Presets"</strong></span>
            <div class="presets">{buttons}</div>
            {move || active.get().map(|claim| view! { <p class="control-help preset-claim">{claim}</p> })}
        </div>
    }
    .into_any()
}
