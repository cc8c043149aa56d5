//! Mastery at a glance (answers and the labs' guided challenges), what to study next, and moving
//! progress between browsers as a file.

use super::store::use_practice;
use super::{bank, HubState};
use hyperlab_ml::exam::{challenge_infos, mastery, study_next, Mastery};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The lab that demonstrates most of a concept's questions.
fn concept_lab(concept: &str) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for q in bank().questions.iter().filter(|q| q.concepts.iter().any(|c| c == concept)) {
        if let Some(lab) = &q.lab {
            match counts.iter_mut().find(|(l, _)| l == lab) {
                Some(c) => c.1 += 1,
                None => counts.push((lab.clone(), 1)),
            }
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(l, _)| l)
}

#[component]
pub fn ProgressView() -> impl IntoView {
    let store = use_practice();
    let hub = expect_context::<HubState>();
    let masteries = Memo::new(move |_| {
        let practice = store.practice.get();
        store.challenges.progress.with(|done| mastery(bank(), &practice, &|id| done.is_done(id)))
    });
    let name = |id: &str| bank().concept(id).map_or(id.to_string(), |c| c.name.clone());
    view! {
        {move || {
            let m = masteries.get();
            study_next(&m).map(|next| {
                let concept = next.concept.clone();
                let lab = concept_lab(&concept);
                view! {
                    <div class="study-next" role="status">
                        <p><strong>"What to study next: "</strong>{name(&concept)}{format!(" ({:.0} % mastered).", 100.0 * next.score)}</p>
                        <button type="button" class="button small" on:click=move |_| {
                            hub.filter.set(super::Filter { concept: concept.clone(), ..Default::default() });
                            hub.question.set(None);
                            hub.tab.set(super::Tab::Practice);
                        }>"Practise it"</button>
                        {lab.map(|l| view! { " " <a class="button small" href=format!("/{l}/")>"Open its lab"</a> })}
                    </div>
                }
            })
        }}
        <table class="mastery">
            <caption>{hyperlab_ml::exam::texts::MASTERY_CAPTION}</caption>
            <thead><tr><th scope="col">"Concept"</th><th scope="col">"Mastery"</th><th scope="col">"Answered"</th><th scope="col">"Challenges"</th></tr></thead>
            <tbody>{move || masteries.get().into_iter().map(|m: Mastery| view! {
                <tr data-concept=m.concept.clone()>
                    <th scope="row">{name(&m.concept)}</th>
                    <td><meter min="0" max="1" value=m.score aria-label=format!("{:.0} %", 100.0 * m.score)></meter>{format!(" {:.0} %", 100.0 * m.score)}</td>
                    <td>{format!("{} / {}", m.answered, m.questions)}</td>
                    <td>{format!("{} / {}", m.challenges_done, m.challenges)}</td>
                </tr>
            }).collect_view()}</tbody>
        </table>
        <ChallengeList/>
        <Transfer/>
    }
}

#[component]
fn ChallengeList() -> impl IntoView {
    let store = use_practice();
    let items = challenge_infos()
        .into_iter()
        .map(|c| {
            let done = move || store.challenges.progress.with(|p| p.is_done(c.id));
            view! {
                <li data-challenge-id=c.id data-done=move || done().to_string()>
                    <span aria-hidden="true">{move || if done() { "✓ " } else { "○ " }}</span>
                    <a href=format!("/{}/", c.lab)>{c.title}</a>
                    <span class="visually-hidden">{move || if done() { " (done)" } else { " (not done yet)" }}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="lab-challenges"><h2 id="lab-challenges">"The labs' guided challenges"</h2><ul class="hub-challenges">{items}</ul></section>
    }
}

/// Export as a file (a data: link, so no script builds it), import by picking the file.
#[component]
fn Transfer() -> impl IntoView {
    let store = use_practice();
    let href = move || {
        let _ = (store.practice.get(), store.challenges.progress.get());
        format!("data:text/plain;charset=utf-8,{}", String::from(js_sys::encode_uri_component(&store.export_text())))
    };
    let on_file = move |ev: web_sys::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        let Ok(reader) = web_sys::FileReader::new() else { return };
        let r = reader.clone();
        let onload = wasm_bindgen::closure::Closure::once_into_js(move || {
            let text = r.result().ok().and_then(|v| v.as_string()).unwrap_or_default();
            store.import(&text);
        });
        reader.set_onload(Some(onload.unchecked_ref()));
        let _ = reader.read_as_text(&file);
        input.set_value("");
    };
    view! {
        <section class="transfer" aria-labelledby="transfer-heading">
            <h2 id="transfer-heading">"Your progress on another device"</h2>
            <p>{hyperlab_ml::exam::texts::TRANSFER_NOTE}</p>
            <a class="button export" href=href download="hyperlab-progress.txt">"Export progress"</a>
            <label class="button import" for="import-file">"Import progress…"</label>
            <input id="import-file" class="visually-hidden" type="file" accept=".txt,text/plain" on:change=on_file/>
        </section>
    }
}
