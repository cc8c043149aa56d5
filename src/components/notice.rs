//! Notices: what a repaired link changed, and app-wide messages (e.g. reset progress).

use crate::progress::use_progress;
use hyperlab_ml::schema::Notice;
use leptos::prelude::*;

/// Lists what was wrong in the link the page was opened with. Text only: nothing from the
/// query becomes markup.
#[component]
pub fn UrlNotices(notices: Vec<Notice>) -> impl IntoView {
    let open = RwSignal::new(!notices.is_empty());
    let items: Vec<String> = notices.iter().map(Notice::to_string).collect();
    view! {
        <Show when=move || open.get()>
            <div class="url-notice" role="status">
                <p><strong>"This link had settings we could not use as given."</strong>" The lab shows the nearest valid state:"</p>
                <ul>{items.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                <button type="button" class="button small" on:click=move |_| open.set(false)>"Dismiss"</button>
            </div>
        </Show>
    }
}

/// App-wide notices (currently: stored progress that had to be reset).
#[component]
pub fn AppNotice() -> impl IntoView {
    let store = use_progress();
    view! {
        {move || store.notice.get().map(|text| view! {
            <div class="app-notice" role="status">
                <span>{text}</span>
                <button type="button" class="button small" on:click=move |_| store.notice.set(None)>"Dismiss"</button>
            </div>
        })}
    }
}
