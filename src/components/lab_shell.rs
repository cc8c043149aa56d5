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
    controls: AnyView,
    /// The lab's views (charts, status, explanations).
    views: AnyView,
    /// The challenge panel (only shown on the lab's own page).
    #[prop(optional)]
    challenges: Option<AnyView>,
) -> impl IntoView {
    let params = state.params;
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
                <p class="lab-intro">{intro}</p>
            </header>
            <UrlNotices notices=notices/>
            // The views come first in the document, so phones and embeds show the model before
            // the knobs; wide screens put the controls in the left column (CSS grid areas).
            <div class="lab-layout">
                <div class="lab-views">{views}</div>
                <aside class="lab-controls" aria-label="Controls">
                    {
                        // The knobs are built in a task after the views'.
                        let slot = StoredValue::new_local(Some(controls));
                        view! { <Deferred>{move || slot.try_update_value(|c| c.take()).flatten()}</Deferred> }
                    }
                    {(mode == LabMode::Page).then(|| view! { <Deferred><SharePanel slug=slug title=title state=state/></Deferred> })}
                </aside>
            </div>
            {(mode == LabMode::Page).then(|| {
                // Built after the views and controls, in a task of its own.
                let slot = StoredValue::new_local(challenges);
                view! { <Deferred>{move || slot.try_update_value(|c| c.take()).flatten()}</Deferred> }
            })}
        </article>
    }
}
