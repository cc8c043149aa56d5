//! The challenge panel: every challenge of a lab, checked against the live state; done ones are
//! recorded in progress and explain why they worked.

use crate::challenge::{Challenge, Seeded};
use crate::progress::use_progress;
use crate::url_state::LearnerMoved;
use leptos::prelude::*;

#[component]
pub fn ChallengePanel<S>(
    challenges: &'static [Challenge<S>],
    /// The lab's live state; `None` while a run is still going (nothing to judge yet).
    #[prop(into)]
    state: Signal<Option<S>>,
    /// Loads a challenge's starting point (a query string).
    #[prop(into)]
    on_setup: Callback<&'static str>,
) -> impl IntoView
where
    S: Seeded + Send + Sync + 'static,
{
    let store = use_progress();
    // Without a lab around it (a component test) every state counts as the learner's.
    let moved = use_context::<LearnerMoved>();
    let by_learner = move || moved.is_none_or(|m| m.0.get_value());
    // Judge every challenge whenever the state settles, if the learner got there.
    Effect::new(move |_| {
        state.with(|s| {
            if let Some(s) = s.as_ref().filter(|_| by_learner()) {
                for c in challenges {
                    if c.is_met(s) {
                        store.complete(c.info.id);
                    }
                }
            }
        })
    });
    let done_count = move || store.progress.with(|p| challenges.iter().filter(|c| p.is_done(c.info.id)).count());
    let total = challenges.len();
    let items = challenges
        .iter()
        .map(|c| {
            let info = c.info;
            let done = move || store.progress.with(|p| p.is_done(info.id));
            view! {
                <li class="challenge" data-challenge-id=info.id data-done=move || done().to_string()>
                    <div class="challenge-head">
                        <span class="challenge-badge" aria-hidden="true">{move || if done() { "✓" } else { "○" }}</span>
                        <h3>{info.title}<span class="visually-hidden">{move || if done() { " (done)" } else { " (not done yet)" }}</span></h3>
                    </div>
                    <p>{info.prompt}</p>
                    {info.seed_note().map(|note| view! { <p class="seed-note">{note}</p> })}
                    {(!info.setup.is_empty()).then(|| view! {
                        <button type="button" class="button small" on:click=move |_| {
                            // A set-up is a starting point, not an answer (to this challenge or another).
                            if let Some(m) = moved {
                                m.0.set_value(false);
                            }
                            on_setup.run(info.setup)
                        }>"Set up"</button>
                    })}
                    <details><summary>"Hint"</summary><p>{info.hint}</p></details>
                    <Show when=done>
                        <p class="challenge-explanation"><strong>"Why it works: "</strong>{info.explanation}</p>
                    </Show>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="challenges" aria-labelledby="challenges-heading">
            <h2 id="challenges-heading">"Challenges "<span class="count">{move || format!("{} of {total} done", done_count())}</span></h2>
            <ol class="challenge-list">{items}</ol>
        </section>
    }
}
