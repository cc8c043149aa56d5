//! Timed exams: N questions drawn by task statement, a countdown, flags and free navigation, no
//! feedback until submit; then the score by task statement and concept and a review of every
//! wrong or flagged answer.

use super::bank;
use super::card::{AnswerInput, Feedback};
use super::store::use_practice;
use hyperlab_ml::exam::{draw, report, seconds_allowed, Answer, Question, Report, EXAM_FORMATS, LENGTHS};
use leptos::prelude::*;

#[derive(Clone)]
struct Sitting {
    exam: &'static str,
    questions: Vec<&'static Question>,
    indices: Vec<usize>,
    answers: Vec<RwSignal<Answer>>,
    flags: RwSignal<Vec<bool>>,
    deadline_ms: f64,
}

#[component]
pub fn ExamView() -> impl IntoView {
    let sitting: RwSignal<Option<Sitting>> = RwSignal::new(None);
    let result: RwSignal<Option<Report>> = RwSignal::new(None);
    // A sitting's signals belong to this view, not to the set-up form that creates them: the form
    // is disposed as soon as the sitting starts, and would take them with it.
    let owner = Owner::current().unwrap_or_default();
    view! {
        {move || match (sitting.get(), result.get()) {
            (None, _) => view! { <ExamSetup sitting=sitting result=result owner=owner.clone()/> }.into_any(),
            (Some(s), None) => view! { <ExamRun s=s result=result/> }.into_any(),
            (Some(s), Some(r)) => view! { <ExamReport s=s r=r sitting=sitting/> }.into_any(),
        }}
    }
}

#[component]
fn ExamSetup(sitting: RwSignal<Option<Sitting>>, result: RwSignal<Option<Report>>, owner: Owner) -> impl IntoView {
    let exam = RwSignal::new(EXAM_FORMATS[0].exam);
    let length = RwSignal::new(LENGTHS[0]);
    let start = move |_| {
        let b = bank();
        let e = exam.get_untracked();
        let indices = draw(b, e, length.get_untracked(), js_sys::Date::now() as u64);
        let questions: Vec<&'static Question> = indices.iter().map(|&i| &b.questions[i]).collect();
        let (answers, flags) = owner.with(|| {
            let answers: Vec<RwSignal<Answer>> = questions.iter().map(|q| RwSignal::new(q.blank_answer())).collect();
            (answers, RwSignal::new(vec![false; questions.len()]))
        });
        let deadline_ms = js_sys::Date::now() + 1000.0 * seconds_allowed(e, questions.len()) as f64;
        result.set(None);
        sitting.set(Some(Sitting { exam: e, flags, questions, indices, answers, deadline_ms }));
    };
    let exams = EXAM_FORMATS.iter().map(|f| view! { <option value=f.exam>{hyperlab_ml::exam::texts::exam_format_label(f)}</option> }).collect_view();
    let lengths = LENGTHS.iter().map(|n| view! { <option value=n.to_string()>{n.to_string()}</option> }).collect_view();
    view! {
        <div class="exam-setup">
            <p>{hyperlab_ml::exam::texts::EXAM_DRAW_NOTE}</p>
            <label for="exam-pick">"Exam"</label>
            <select id="exam-pick" on:change=move |ev| {
                let v = event_target_value(&ev);
                if let Some(f) = EXAM_FORMATS.iter().find(|f| f.exam == v) { exam.set(f.exam) }
            }>{exams}</select>
            <label for="exam-length">"Questions"</label>
            <select id="exam-length" on:change=move |ev| length.set(event_target_value(&ev).parse().unwrap_or(LENGTHS[0]))>{lengths}</select>
            <p class="exam-time">{move || format!("Time allowed: {} minutes.", seconds_allowed(exam.get(), length.get()) / 60)}</p>
            <button type="button" class="button primary start-exam" on:click=start>"Start the exam"</button>
        </div>
    }
}

fn clock(seconds: i64) -> String {
    let s = seconds.max(0);
    format!("{}:{:02}", s / 60, s % 60)
}

#[component]
fn ExamRun(s: Sitting, result: RwSignal<Option<Report>>) -> impl IntoView {
    let n = s.questions.len();
    let at = RwSignal::new(0usize);
    let now = RwSignal::new(js_sys::Date::now());
    let store = use_practice();
    let s2 = s.clone();
    let submit = move || {
        if result.get_untracked().is_some() {
            return;
        }
        let answers: Vec<Option<Answer>> = s2.answers.iter().map(|a| Some(a.get_untracked())).collect();
        for (q, a) in s2.questions.iter().zip(&answers) {
            store.record(&q.id, a.as_ref().is_some_and(|a| q.grade(a)));
        }
        result.set(Some(report(bank(), s2.exam, &s2.indices, &answers)));
    };
    let deadline = s.deadline_ms;
    let submit_on_time = submit.clone();
    if let Ok(handle) = set_interval_with_handle(move || {
        now.set(js_sys::Date::now());
        if js_sys::Date::now() >= deadline {
            submit_on_time();
        }
    }, std::time::Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    let remaining = move || ((deadline - now.get()) / 1000.0).ceil() as i64;
    let flags = s.flags;
    let answers = s.answers.clone();
    let questions = s.questions.clone();
    let nav = (0..n).map(|i| {
        let q = questions[i];
        let a = answers[i];
        let answered = move || q.is_complete(&a.read());
        view! {
            <li><button type="button" class="exam-nav-item" aria-current=move || (at.get() == i).then_some("step")
                data-answered=move || answered().to_string() data-flagged=move || flags.get()[i].to_string()
                aria-label=move || format!("Question {}{}{}", i + 1, if answered() { ", answered" } else { "" }, if flags.get()[i] { ", flagged" } else { "" })
                on:click=move |_| at.set(i)>{i + 1}{move || flags.get()[i].then_some("⚑")}</button></li>
        }
    }).collect_view();
    let unanswered = move || answers.iter().zip(&questions).filter(|(a, q)| !q.is_complete(&a.read())).count();
    let s3 = s.clone();
    view! {
        <div class="exam-run">
            <p class="exam-clock" role="timer" aria-live="off">{s.exam}" · time left "<strong>{move || clock(remaining())}</strong></p>
            <nav aria-label="Exam questions"><ol class="exam-nav">{nav}</ol></nav>
            {move || {
                let i = at.get();
                let q = s3.questions[i];
                view! {
                    <section class="question-card exam-question" data-question-id=q.id.clone()>
                        <p class="question-meta">{format!("Question {} of {n} · {}", i + 1, q.format.label())}</p>
                        <h2 class="prompt">{q.prompt.clone()}</h2>
                        <AnswerInput q=q answer=s3.answers[i] locked=Signal::derive(|| false)/>
                    </section>
                }
            }}
            <div class="card-actions">
                <button type="button" class="button" disabled=move || at.get() == 0 on:click=move |_| at.update(|a| *a = a.saturating_sub(1))>"Previous"</button>
                <button type="button" class="button flag" aria-pressed=move || flags.get()[at.get()].to_string()
                    on:click=move |_| flags.update(|f| f[at.get_untracked()] ^= true)>"Flag for review"</button>
                <button type="button" class="button" disabled=move || { at.get() + 1 >= n } on:click=move |_| at.update(|a| *a = (*a + 1).min(n - 1))>"Next"</button>
                <button type="button" class="button primary submit-exam" on:click=move |_| submit()>
                    {move || match unanswered() { 0 => "Submit the exam".to_string(), u => format!("Submit ({u} unanswered)") }}
                </button>
            </div>
        </div>
    }
}

#[component]
fn ExamReport(s: Sitting, r: Report, sitting: RwSignal<Option<Sitting>>) -> impl IntoView {
    let b = bank();
    let rows = |tallies: &[hyperlab_ml::exam::Tally], name: &dyn Fn(&str) -> String| {
        tallies.iter().map(|t| view! { <tr><th scope="row">{name(&t.id)}</th><td>{format!("{} / {}", t.right, t.total)}</td></tr> }).collect_view()
    };
    let by_task = rows(&r.by_task, &|id| b.task(id).map_or(id.to_string(), |t| format!("{} {}", t.exam, t.name)));
    let by_concept = rows(&r.by_concept, &|id| b.concept(id).map_or(id.to_string(), |c| c.name.clone()));
    let flags = s.flags.get_untracked();
    let review = (0..s.questions.len())
        .filter(|i| r.wrong.contains(i) || flags[*i])
        .map(|i| {
            let q = s.questions[i];
            view! {
                <li class="exam-review-item">
                    <h4>{format!("Question {}{}: ", i + 1, if flags[i] { " (flagged)" } else { "" })}{q.prompt.clone()}</h4>
                    <Feedback q=q answer=s.answers[i].get_untracked()/>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="exam-report" aria-labelledby="report-heading">
            <h2 id="report-heading">{format!("Score: {} of {} ({:.0} %)", r.right, r.total, r.percent())}</h2>
            <div class="report-tables">
                <table><caption>"By task statement"</caption><tbody>{by_task}</tbody></table>
                <table><caption>"By concept"</caption><tbody>{by_concept}</tbody></table>
            </div>
            <h3>"Review: every wrong or flagged answer"</h3>
            <ol class="exam-review">{review}</ol>
            <button type="button" class="button primary" on:click=move |_| sitting.set(None)>"Sit another exam"</button>
        </section>
    }
}
