//! The frame every lab shares: title (a link back to the full lab when embedded), intro, notices
//! about a repaired link, the views and the controls (views first on phones and in embeds,
//! controls beside them on wide screens), share/embed, and the challenges.

use crate::labs::LabMode;
use crate::url_state::UrlParams;
use crate::components::deferred::Deferred;
use crate::components::notice::UrlNotices;
use crate::components::share::SharePanel;
use hyperlab_ml::schema::Notice;
use leptos::prelude::*;

/// A part of a lab page made only when its turn comes (the control panel, the challenges, built
/// in tasks of their own after the views): its components, and the signals and memos they set
/// up, run then, not in the task that mounts the page.
pub struct Later(Box<dyn FnOnce() -> AnyView>);

impl Later {
    pub fn new(make: impl FnOnce() -> AnyView + 'static) -> Self {
        Self(Box::new(make))
    }

    pub fn build(self) -> AnyView {
        (self.0)()
    }
}

#[component]
pub fn LabShell(
    mode: LabMode,
    slug: &'static str,
    title: &'static str,
    /// One paragraph: what the learner is looking at.
    intro: &'static str,
    notices: Vec<Notice>,
    state: UrlParams,
    /// The control panel's contents (transport, knobs).
    controls: Later,
    /// The lab's views (charts, status, explanations).
    views: AnyView,
    /// The challenge panel (only shown on the lab's own page).
    #[prop(optional)]
    challenges: Option<Later>,
) -> impl IntoView {
    let params = state.params;
    // Each built once, in a task of its own after the views (see `Later`).
    let controls = StoredValue::new_local(Some(controls));
    let challenges = StoredValue::new_local(challenges);
    view! {
        <article class="lab" class:embedded=mode == LabMode::Embed data-lab=slug>
            <header class="lab-header">
                {match mode {
                    LabMode::Page => view! { <h1>{title}</h1> }.into_any(),
                    LabMode::Embed => view! {
                        <h1 class="embed-title">
                            <a href=move || format!("/{slug}/?{}", params.with(|p| p.to_query())) target="_blank" rel="noopener">{title}" — Hyperlab"</a>
                        </h1>
                    }.into_any(),
                }}
                <Intro text=intro/>
            </header>
            <UrlNotices notices=notices/>
            // The views come first in the document, so phones and embeds show the model before
            // the knobs; wide screens put the controls in the left column (CSS grid areas).
            <div class="lab-layout">
                <div class="lab-views">{views}</div>
                <ControlsSheet mode>
                    <Deferred>{move || controls.try_update_value(|c| c.take()).flatten().map(Later::build)}</Deferred>
                    {(mode == LabMode::Page).then(|| view! { <Deferred><SharePanel meta=state.shown.meta state=state/></Deferred> })}
                </ControlsSheet>
            </div>
            {(mode == LabMode::Page).then(|| view! {
                <Deferred>{move || challenges.try_update_value(|c| c.take()).flatten().map(Later::build)}</Deferred>
            })}
        </article>
    }
}

/// The control panel. On a phone it is a sheet docked at the bottom of the screen, folded to
/// one bar until the learner opens it, so the chart it changes stays in sight above it (the
/// views scroll behind); on wide screens it is the left column, always open.
#[component]
fn ControlsSheet(mode: LabMode, children: Children) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <aside class="lab-controls" class:open=move || open.get() class:sheet=mode == LabMode::Page aria-label="Controls">
            {(mode == LabMode::Page).then(|| view! {
                <button type="button" class="sheet-toggle" aria-controls="controls-body" aria-expanded=move || open.get().to_string()
                    on:click=move |_| {
                        open.update(|o| *o = !*o);
                        // Opening the sheet on a phone: bring the first view to the top of the
                        // screen, so the chart the knobs change shows above the sheet.
                        if open.get_untracked() {
                            if let Ok(Some(first)) = document().query_selector(".lab-views canvas") {
                                first.scroll_into_view_with_bool(true);
                            }
                        }
                    }>
                    <span>"Controls"</span>
                    <span class="sheet-hint">{move || if open.get() { "Hide ▾" } else { "Show ▴" }}</span>
                </button>
            })}
            <div class="controls-body" id="controls-body">{children()}</div>
        </aside>
    }
}

/// The lab's intro. On a phone it shows its first lines and a "More" button, so the first view
/// is on the first screen; elsewhere it shows whole.
#[component]
fn Intro(text: &'static str) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <p class="lab-intro" id="lab-intro" class:open=move || open.get()>{text}</p>
        <button type="button" class="intro-more button small" aria-controls="lab-intro" aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)>{move || if open.get() { "Less" } else { "More about this lab" }}</button>
    }
}
