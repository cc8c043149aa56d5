//! The exam-prep hub at `/practice/`: browse the question bank by concept, exam task or lab;
//! practise one question at a time with instant feedback; sit a timed exam; review missed
//! questions on a Leitner schedule; see mastery (answers and the labs' challenges) and move it
//! between browsers. `/embed/practice/?q=<id>` is one quiz card for a blog post.

pub mod card;
pub mod exam;
pub mod progress_view;
pub mod store;

use crate::components::deferred::Deferred;
use card::QuestionCard;
use hyperlab_ml::exam::{Bank, Question};
use hyperlab_ml::schema::query_value;
use leptos::prelude::*;
use std::sync::OnceLock;
use store::{today, use_practice, PracticeStore};

/// The shipped bank, parsed once.
pub fn bank() -> &'static Bank {
    static BANK: OnceLock<Bank> = OnceLock::new();
    BANK.get_or_init(Bank::shipped)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Practice,
    Exam,
    Review,
    Progress,
}

impl Tab {
    const ALL: [Tab; 4] = [Tab::Practice, Tab::Exam, Tab::Review, Tab::Progress];
    fn slug(self) -> &'static str {
        match self {
            Tab::Practice => "practice",
            Tab::Exam => "exam",
            Tab::Review => "review",
            Tab::Progress => "progress",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Tab::Practice => "Practice",
            Tab::Exam => "Timed exam",
            Tab::Review => "Review",
            Tab::Progress => "Progress",
        }
    }
}

/// Which questions practice draws from: everything, or one concept, task statement or lab.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Filter {
    pub concept: String,
    pub task: String,
    pub lab: String,
}

impl Filter {
    pub fn admits(&self, q: &Question) -> bool {
        (self.concept.is_empty() || q.concepts.contains(&self.concept))
            && (self.task.is_empty() || q.tasks.contains(&self.task))
            && (self.lab.is_empty() || q.lab.as_deref() == Some(self.lab.as_str()))
    }
}

/// The hub's place, kept in the URL so a "prove it" trip to a lab and back keeps it.
#[derive(Clone, Copy)]
pub struct HubState {
    pub tab: RwSignal<Tab>,
    pub question: RwSignal<Option<&'static str>>,
    pub filter: RwSignal<Filter>,
}

impl HubState {
    fn from_location() -> Self {
        let query = crate::url_state::current_query();
        let get = |k: &str| query_value(&query, k).unwrap_or_default();
        let tab = Tab::ALL.into_iter().find(|t| t.slug() == get("tab")).unwrap_or(Tab::Practice);
        let question = bank().question(&get("q")).map(|q| q.id.as_str());
        let mut filter = Filter { concept: get("concept"), task: get("task"), lab: get("lab") };
        if bank().concept(&filter.concept).is_none() {
            filter.concept.clear();
        }
        if bank().task(&filter.task).is_none() {
            filter.task.clear();
        }
        if !bank().questions.iter().any(|q| q.lab.as_deref() == Some(filter.lab.as_str())) {
            filter.lab.clear();
        }
        let this = Self { tab: RwSignal::new(tab), question: RwSignal::new(question), filter: RwSignal::new(filter) };
        Effect::new(move |_| {
            let f = this.filter.get();
            let mut parts = vec![format!("tab={}", this.tab.get().slug())];
            for (k, v) in [("concept", &f.concept), ("task", &f.task), ("lab", &f.lab)] {
                if !v.is_empty() {
                    parts.push(format!("{k}={v}"));
                }
            }
            if let Some(q) = this.question.get() {
                parts.push(format!("q={q}"));
            }
            crate::url_state::replace_query(&parts.join("&"));
        });
        this
    }

    /// Opens a question in practice.
    pub fn practise(&self, id: &'static str) {
        self.question.set(Some(id));
        self.tab.set(Tab::Practice);
    }
}

#[component]
pub fn PracticePage() -> impl IntoView {
    let store = PracticeStore::provide();
    let hub = HubState::from_location();
    provide_context(hub);
    let tabs = Tab::ALL
        .into_iter()
        .map(|t| {
            view! {
                <button type="button" role="tab" id=format!("tab-{}", t.slug()) class="tab" aria-selected=move || (hub.tab.get() == t).to_string()
                    on:click=move |_| hub.tab.set(t)>{t.label()}</button>
            }
        })
        .collect_view();
    let b = bank();
    view! {
        <div class="practice-hub">
            <header class="lab-intro">
                <h1>"Exam practice"</h1>
                <p>{hyperlab_ml::exam::texts::intro(b)}</p>
            </header>
            {move || store.notice.get().map(|text| view! {
                <div class="app-notice practice-notice" role="status">
                    <span>{text}</span>
                    <button type="button" class="button small" on:click=move |_| store.notice.set(None)>"Dismiss"</button>
                </div>
            })}
            <div class="tabs" role="tablist" aria-label="Hub sections">{tabs}</div>
            <div class="tab-panel" role="tabpanel" aria-labelledby=move || format!("tab-{}", hub.tab.get().slug())>
                {move || match hub.tab.get() {
                    Tab::Practice => view! { <PracticeView/> }.into_any(),
                    Tab::Exam => view! { <exam::ExamView/> }.into_any(),
                    Tab::Review => view! { <ReviewView/> }.into_any(),
                    Tab::Progress => view! { <progress_view::ProgressView/> }.into_any(),
                }}
            </div>
        </div>
    }
}

/// A `<select>` over `(value, label)` pairs with "All" first.
#[component]
fn FilterSelect(label: &'static str, options: Vec<(String, String)>, value: Signal<String>, on_pick: Callback<String>) -> impl IntoView {
    let id = format!("filter-{}", label.to_lowercase().replace(' ', "-"));
    let opts = options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view();
    view! {
        <label class="filter" for=id.clone()>{label}</label>
        <select id=id prop:value=move || value.get() on:change=move |ev| on_pick.run(event_target_value(&ev))>
            <option value="">"All"</option>
            {opts}
        </select>
    }
}

#[component]
fn Filters() -> impl IntoView {
    let hub = expect_context::<HubState>();
    let b = bank();
    let concepts = b.concepts.iter().map(|c| (c.id.clone(), c.name.clone())).collect();
    let tasks = b.tasks.iter().map(|t| (t.id.clone(), format!("{} {}", t.exam, t.name))).collect();
    let mut labs: Vec<String> = b.questions.iter().filter_map(|q| q.lab.clone()).collect();
    hyperlab_ml::sorting::sort_by(&mut labs, &|a, b| a.cmp(b));
    labs.dedup();
    let labs = labs.into_iter().map(|l| (l.clone(), crate::labs::catalogue::name_of(&l).map_or(l.clone(), |m| m.title.to_string()))).collect();
    let set = move |f: fn(&mut Filter, String)| Callback::new(move |v: String| {
        hub.filter.update(|filter| f(filter, v));
        hub.question.set(None);
    });
    view! {
        <div class="filters">
            <FilterSelect label="Concept" options=concepts value=Signal::derive(move || hub.filter.get().concept) on_pick=set(|f, v| f.concept = v)/>
            <FilterSelect label="Exam task" options=tasks value=Signal::derive(move || hub.filter.get().task) on_pick=set(|f, v| f.task = v)/>
            <FilterSelect label="Lab" options=labs value=Signal::derive(move || hub.filter.get().lab) on_pick=set(|f, v| f.lab = v)/>
        </div>
    }
}

/// The questions the filter admits, in bank order.
fn filtered(filter: &Filter) -> Vec<&'static Question> {
    bank().questions.iter().filter(|q| filter.admits(q)).collect()
}

/// Every question of the selection, with where the learner stands on it; picking one opens it.
#[component]
fn QuestionList(list: Memo<Vec<&'static Question>>) -> impl IntoView {
    let hub = expect_context::<HubState>();
    let store = use_practice();
    // The list is built when first opened: a button per question, over a hundred of them, made
    // the hub's mount a long task on a slow phone for a list most visits never open.
    let opened = RwSignal::new(false);
    view! {
        <details class="browse" on:toggle=move |_| if !opened.get_untracked() { opened.set(true) }>
            <summary>{move || format!("Browse the {} questions in this selection", list.get().len())}</summary>
            <ol class="browse-list">
                {move || opened.get().then(|| list.get().into_iter().map(|q| {
                    let status = store.practice.with(|p| match p.cards.get(&q.id) {
                        None => "new".to_string(),
                        Some(c) if c.leitner_box == 1 => "missed last time".to_string(),
                        Some(c) => format!("box {} of 5", c.leitner_box),
                    });
                    let short: String = q.prompt.chars().take(110).collect();
                    let short = if short.len() < q.prompt.len() { format!("{short}…") } else { short };
                    view! {
                        <li><button type="button" class="link-button" on:click=move |_| hub.practise(q.id.as_str())>{short}</button>
                            " "<span class="browse-status">{format!("({}, {})", q.format.label(), status)}</span></li>
                    }
                }).collect_view())}
            </ol>
        </details>
    }
}

#[component]
fn PracticeView() -> impl IntoView {
    let hub = expect_context::<HubState>();
    let store = use_practice();
    let list = Memo::new(move |_| filtered(&hub.filter.get()));
    // The question shown: the one in the URL, else the first unanswered (else first) of the list.
    let current = Memo::new(move |_| {
        let list = list.get();
        let chosen = hub.question.get().and_then(|id| list.iter().copied().find(|q| q.id == id));
        chosen.or_else(|| store.practice.with_untracked(|p| list.iter().copied().find(|q| !p.cards.contains_key(&q.id)))).or_else(|| list.first().copied())
    });
    let advanced = StoredValue::new(false);
    let next = Callback::new(move |_: ()| {
        advanced.set_value(true);
        let list = list.get_untracked();
        if let Some(cur) = current.get_untracked() {
            let at = list.iter().position(|q| q.id == cur.id).unwrap_or(0);
            if let Some(q) = list.get((at + 1) % list.len().max(1)) {
                hub.question.set(Some(q.id.as_str()));
            }
        }
    });
    // The filters (three lists of options) are built in a task after the card's, keeping the
    // mount short on a slow phone; the page is shown once both are built.
    view! {
        <Deferred><Filters/><QuestionList list=list/></Deferred>
        <p class="position">{move || {
            let list = list.get();
            match current.get() {
                Some(q) => format!("Question {} of {} in this selection", list.iter().position(|x| x.id == q.id).map_or(0, |i| i + 1), list.len()),
                None => "No question matches this selection.".to_string(),
            }
        }}</p>
        {move || current.get().map(|q| view! {
            <QuestionCard q=q on_answer=Callback::new(move |right| store.record(&q.id, right)) on_next=next autofocus=advanced.get_value()/>
        })}
    }
}

#[component]
fn ReviewView() -> impl IntoView {
    let hub = expect_context::<HubState>();
    let store = use_practice();
    // The day's queue is fixed when the review opens, so answering one does not pull it away
    // before its feedback is read.
    let load = move || store.practice.with_untracked(|p| p.due(bank(), today()).into_iter().map(String::from).collect::<Vec<_>>());
    let queue = RwSignal::new(load());
    let pos = RwSignal::new(0usize);
    view! {
        <p>{hyperlab_ml::exam::texts::review_rule()}</p>
        {move || {
            let queue_now = queue.get();
            let Some(id) = queue_now.get(pos.get()) else {
                let next = store.practice.with(|p| p.next_due_day(today()));
                let text = match (queue_now.is_empty(), next) {
                    (false, _) => "Review done for today.".to_string(),
                    (true, Some(day)) => format!("Nothing to review today. The next question comes back in {} day(s).", day - today()),
                    (true, None) => "Nothing to review yet: answer some questions in Practice or an exam first.".to_string(),
                };
                return view! {
                    <p class="review-empty">{text}</p>
                    <button type="button" class="button small" on:click=move |_| { queue.set(load()); pos.set(0); }>"Check again"</button>
                }.into_any();
            };
            let q = bank().question(id).expect("due questions are in the bank");
            view! {
                <p class="position">{format!("Review {} of {} due today", pos.get() + 1, queue_now.len())}</p>
                <QuestionCard q=q on_answer=Callback::new(move |right| store.record(&q.id, right)) on_next=Callback::new(move |_: ()| pos.update(|p| *p += 1)) autofocus={pos.get() > 0}/>
                <p><button type="button" class="button small" on:click=move |_| hub.practise(q.id.as_str())>"Open in Practice"</button></p>
            }.into_any()
        }}
    }
}

/// `/embed/practice/?q=<id>`: one question, for a blog post.
#[component]
pub fn QuizEmbed() -> impl IntoView {
    let id = query_value(&crate::url_state::current_query(), "q").unwrap_or_default();
    let q = bank().question(&id).or_else(|| bank().questions.first());
    view! {
        <div class="quiz-embed">
            {q.map(|q| view! { <QuestionCard q=q on_answer=Callback::new(|_| ())/> })}
            <p class="quiz-more"><a href="/practice/" target="_blank" rel="noopener">"More questions: Hyperlab exam practice"</a></p>
        </div>
    }
}
