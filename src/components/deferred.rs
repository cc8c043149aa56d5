//! Parts of a long page built in tasks of their own after the first mount. Building every view
//! of a lab in the one task that mounts the app blocks the main thread for a long time on a
//! slow phone (the search lab's mount was a 280 ms task at 4× CPU slowdown); each `Deferred`
//! builds its children in a separate task right after, in document order. The page counts as
//! ready (`data-ready`) only once every deferred part is built and its charts have drawn.

use crate::ready::Ready;
use leptos::prelude::*;
use std::time::Duration;

#[component]
pub fn Deferred(children: ChildrenFn) -> impl IntoView {
    // Once the page has drawn (a tab switched, a view rebuilt), deferring would only make the
    // part arrive in sight a frame later: it is built at once.
    let shown = document().document_element().is_some_and(|root| root.get_attribute("data-ready").as_deref() == Some("true"));
    let built = RwSignal::new(shown);
    if !shown {
        let ready = use_context::<Ready>();
        // Counted like a chart not yet drawn, so `data-ready` waits for this part.
        if let Some(r) = ready {
            r.register();
        }
        set_timeout(
            move || {
                if built.try_set(true).is_some() {
                    return;
                }
                // Reported in a later task: the children (built by this update) register their
                // charts first, so readiness then waits for their first draws too.
                set_timeout(move || if let Some(r) = ready { r.mark_drawn() }, Duration::ZERO);
            },
            Duration::ZERO,
        );
    }
    move || built.get().then(|| children())
}
