//! One question: the answer controls for its format (keyboard: number keys pick an option, Enter
//! submits), and the feedback with every option's explanation and the lab link that proves it.

use hyperlab_ml::exam::{Answer, Format, Question};
use leptos::prelude::*;

/// The controls for answering `q`; `locked` once submitted.
#[component]
pub fn AnswerInput(q: &'static Question, answer: RwSignal<Answer>, #[prop(into)] locked: Signal<bool>) -> impl IntoView {
    let order = q.display_order();
    let name = format!("q-{}", q.id);
    match q.format {
        Format::Single | Format::Multiple => {
            let multiple = q.format == Format::Multiple;
            let items = order
                .iter()
                .enumerate()
                .map(|(shown, &i)| {
                    let checked = move || matches!(&*answer.read(), Answer::Picks(p) if p.contains(&i));
                    view! {
                        <li>
                            <label class="option">
                                <input type=if multiple { "checkbox" } else { "radio" } name=name.clone() prop:checked=checked
                                    disabled=move || locked.get() on:change=move |_| toggle(q, answer, i)/>
                                <span class="option-key" aria-hidden="true">{shown + 1}</span>
                                <span>{q.options[i].text.clone()}</span>
                            </label>
                        </li>
                    }
                })
                .collect_view();
            view! { <ol class="options">{items}</ol> }.into_any()
        }
        Format::Ordering => view! { <OrderingInput q=q answer=answer locked=locked/> }.into_any(),
        Format::Matching => {
            let answers: Vec<String> = q.match_answers().into_iter().map(String::from).collect();
            let items = order
                .iter()
                .map(|&i| {
                    let answers = answers.clone();
                    let options = answers.iter().enumerate().map(|(a, text)| view! { <option value=a.to_string()>{text.clone()}</option> }).collect_view();
                    let value = move || match &*answer.read() {
                        Answer::Match(m) => m.get(i).copied().flatten().map_or(String::new(), |a| a.to_string()),
                        _ => String::new(),
                    };
                    view! {
                        <li class="match-row">
                            <label>
                                <span>{q.options[i].text.clone()}</span>
                                <select prop:value=value disabled=move || locked.get() on:change=move |ev| {
                                    let chosen = event_target_value(&ev).parse::<usize>().ok();
                                    answer.update(|a| if let Answer::Match(m) = a { m[i] = chosen });
                                }>
                                    <option value="">"Choose…"</option>
                                    {options}
                                </select>
                            </label>
                        </li>
                    }
                })
                .collect_view();
            view! { <ol class="options matching">{items}</ol> }.into_any()
        }
    }
}

/// Picks (single) or toggles (multiple) option `i`.
pub fn toggle(q: &Question, answer: RwSignal<Answer>, i: usize) {
    answer.update(|a| {
        if let Answer::Picks(p) = a {
            if q.format == Format::Single {
                *p = vec![i];
            } else if let Some(at) = p.iter().position(|&x| x == i) {
                p.remove(at);
            } else {
                p.push(i);
            }
        }
    });
}

#[component]
fn OrderingInput(q: &'static Question, answer: RwSignal<Answer>, #[prop(into)] locked: Signal<bool>) -> impl IntoView {
    let shift = move |pos: usize, up: bool| {
        answer.update(|a| {
            if let Answer::Order(o) = a {
                if o.is_empty() {
                    *o = q.display_order();
                }
                let other = if up { pos.checked_sub(1) } else { Some(pos + 1).filter(|&p| p < o.len()) };
                if let Some(other) = other {
                    o.swap(pos, other);
                }
            }
        })
    };
    view! {
        <ol class="options ordering">
            {move || {
                let Answer::Order(o) = answer.get() else { return Vec::new() };
                // Untouched: the shown order, not yet an answer.
                let o = if o.is_empty() { q.display_order() } else { o };
                let n = o.len();
                o.into_iter().enumerate().map(|(pos, i)| {
                    let text = q.options[i].text.clone();
                    view! {
                        <li>
                            <span class="option-key" aria-hidden="true">{pos + 1}</span>
                            <span class="order-text">{text.clone()}</span>
                            <button type="button" class="button small" aria-label=format!("Move “{text}” up") disabled=move || locked.get() || pos == 0 on:click=move |_| shift(pos, true)>"↑"</button>
                            <button type="button" class="button small" aria-label=format!("Move “{text}” down") disabled=move || locked.get() || pos + 1 == n on:click=move |_| shift(pos, false)>"↓"</button>
                        </li>
                    }
                }).collect::<Vec<_>>()
            }}
        </ol>
        <Show when=move || !locked.get() && matches!(&*answer.read(), Answer::Order(o) if o.is_empty())>
            <button type="button" class="button small keep-order" on:click=move |_| answer.set(Answer::Order(q.display_order()))>"Keep this order"</button>
        </Show>
    }
}

/// Right or wrong, then every option with its explanation, and the lab links that prove it.
#[component]
pub fn Feedback(q: &'static Question, answer: Answer) -> impl IntoView {
    let right = q.grade(&answer);
    let chosen = |i: usize| matches!(&answer, Answer::Picks(p) if p.contains(&i));
    let match_answers = q.match_answers();
    let items = (0..q.options.len())
        .map(|i| {
            let o = &q.options[i];
            // Per line: was the learner's placement or match right, and if not, what they did.
            let (mark, line_right): (String, bool) = match q.format {
                Format::Single | Format::Multiple => match (o.correct, chosen(i)) {
                    (true, true) => ("✓ Right, and you chose it".into(), true),
                    (true, false) => ("✓ Right (you did not choose it)".into(), false),
                    (false, true) => ("✗ Wrong, and you chose it".into(), false),
                    (false, false) => ("Wrong".into(), true),
                },
                Format::Ordering => match &answer {
                    Answer::Order(order) => match order.iter().position(|&x| x == i) {
                        Some(k) if k == i => ("✓ in place".into(), true),
                        Some(k) => (format!("✗ you put it at position {}", k + 1), false),
                        None => ("✗ not placed".into(), false),
                    },
                    _ => ("✗ not placed".into(), false),
                },
                Format::Matching => {
                    let yours = match &answer {
                        Answer::Match(m) => m.get(i).copied().flatten().and_then(|a| match_answers.get(a).copied()),
                        _ => None,
                    };
                    match yours {
                        Some(x) if x == o.matches => ("✓ you matched it right".into(), true),
                        Some(x) => (format!("✗ you matched “{x}”"), false),
                        None => ("✗ you left it unmatched".into(), false),
                    }
                }
            };
            let label = match q.format {
                // The list itself numbers the right order: no second number in the label.
                Format::Matching => format!("{} → {}", o.text, o.matches),
                _ => o.text.clone(),
            };
            let link = q.option_href(i).map(|href| view! { " " <a href=href>"See it live"</a> });
            view! {
                <li class="feedback-option" data-correct=o.correct.to_string() data-line-right=line_right.to_string()>
                    <p><strong>{label}</strong>" — "<span class="mark">{mark}</span></p>
                    <p>{o.why.clone()}{link}</p>
                </li>
            }
        })
        .collect_view();
    let heading = match q.format {
        Format::Ordering => "The right order",
        Format::Matching => "The right matches",
        _ => "Every option",
    };
    view! {
        <div class="feedback" role="status" data-right=right.to_string()>
            <p class="verdict">{if right { "Right." } else { "Not quite." }}</p>
            <h3>{heading}</h3>
            <ol class="feedback-options">{items}</ol>
            {q.prove_href().map(|href| view! { <p><a class="button" href=href>{q.prove_label()}</a>{q.prove_note().map(|n| view! { " " <span class="prove-note">{n}</span> })}</p> })}
            {q.source.clone().map(|src| view! { <p class="source">"Source: "<a href=src.clone() rel="noopener">{src.clone()}</a></p> })}
        </div>
    }
}

/// A question to answer with instant feedback: the practice card and the embeddable quiz card.
#[component]
pub fn QuestionCard(
    q: &'static Question,
    /// Called once with whether the answer was right.
    #[prop(into)]
    on_answer: Callback<bool>,
    /// Shown after feedback (e.g. "Next question"); `None` for none.
    #[prop(optional, into)]
    on_next: Option<Callback<()>>,
    /// Take the focus when shown (after "Next question", so the keyboard stays in the card).
    #[prop(optional)]
    autofocus: bool,
) -> impl IntoView {
    let answer = RwSignal::new(q.blank_answer());
    let submitted = RwSignal::new(false);
    let card = NodeRef::<leptos::html::Section>::new();
    if autofocus {
        Effect::new(move |_| {
            if let Some(el) = card.get() {
                let _ = el.focus();
            }
        });
    }
    let complete = move || q.is_complete(&answer.read());
    let submit = move || {
        if !submitted.get_untracked() && q.is_complete(&answer.get_untracked()) {
            submitted.set(true);
            on_answer.run(q.grade(&answer.get_untracked()));
            // The answer controls are now disabled: keep the focus in the card so Enter goes on.
            if let Some(el) = card.get_untracked() {
                let _ = el.focus();
            }
        }
    };
    let order = q.display_order();
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let key = ev.key();
        let target_tag = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok()).map(|e| e.tag_name().to_ascii_lowercase()).unwrap_or_default();
        let in_select = target_tag == "select";
        // Links and buttons keep their own Enter (open the lab, press the button).
        if key == "Enter" && !matches!(target_tag.as_str(), "select" | "a" | "button") {
            if submitted.get_untracked() {
                if let Some(next) = on_next {
                    ev.prevent_default();
                    next.run(());
                }
            } else if q.is_complete(&answer.get_untracked()) {
                ev.prevent_default();
                submit();
            }
        } else if let Ok(n) = key.parse::<usize>() {
            if !submitted.get_untracked() && !in_select && matches!(q.format, Format::Single | Format::Multiple) && (1..=order.len()).contains(&n) {
                toggle(q, answer, order[n - 1]);
            }
        }
    };
    let how = match q.format {
        Format::Single => "Choose one (number keys pick, Enter submits).".to_string(),
        Format::Multiple => format!("Choose {} (number keys toggle, Enter submits).", q.pick),
        Format::Ordering => "Put them in order with the arrow buttons (or keep the shown order), then submit.".to_string(),
        Format::Matching => "Match each item, then submit.".to_string(),
    };
    view! {
        <section class="question-card" node_ref=card tabindex="-1" data-question-id=q.id.clone() on:keydown=on_key aria-labelledby=format!("prompt-{}", q.id)>
            <p class="question-meta">{q.format.label()}" · difficulty "{q.difficulty}</p>
            <h2 class="prompt" id=format!("prompt-{}", q.id)>{q.prompt.clone()}</h2>
            <p class="how">{how}</p>
            <AnswerInput q=q answer=answer locked=submitted/>
            <div class="card-actions">
                <button type="button" class="button primary submit" disabled=move || submitted.get() || !complete() on:click=move |_| submit()>"Submit"</button>
                {on_next.map(|next| view! {
                    <Show when=move || submitted.get()>
                        <button type="button" class="button next" on:click=move |_| next.run(())>"Next question"</button>
                    </Show>
                })}
            </div>
            <Show when=move || submitted.get()>
                {move || view! { <Feedback q=q answer=answer.get_untracked()/> }}
            </Show>
        </section>
    }
}
