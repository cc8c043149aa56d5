//! Play / pause / step / reset for anything driven by a [`Stepper`](crate::runner::Stepper).

use leptos::prelude::*;

#[component]
pub fn Transport(
    #[prop(into)] playing: Signal<bool>,
    #[prop(into)] finished: Signal<bool>,
    #[prop(into)] on_play: Callback<()>,
    #[prop(into)] on_pause: Callback<()>,
    #[prop(into)] on_step: Callback<()>,
    #[prop(into)] on_reset: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="transport" role="group" aria-label="Run controls">
            <button id="play" type="button" class="button primary"
                aria-pressed=move || playing.get().to_string()
                on:click=move |_| if playing.get_untracked() { on_pause.run(()) } else { on_play.run(()) }>
                {move || if playing.get() { "❚❚ Pause" } else if finished.get() { "▶ Replay" } else { "▶ Play" }}
            </button>
            <button id="step" type="button" class="button" disabled=move || finished.get()
                on:click=move |_| on_step.run(())>"Step"</button>
            <button id="reset" type="button" class="button" on:click=move |_| on_reset.run(())>"Reset"</button>
        </div>
    }
}
