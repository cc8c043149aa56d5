//! One of a lab's views (a chart with its caption, a status panel, a table), named as the
//! catalogue lists it. On the lab's own page every view shows; an embed shows the ones its
//! author chose (`views=`), and a view left out is never built (no work for it).

use crate::url_state::Shown;
use leptos::prelude::*;

/// The view `id` (an id of the lab's `LabMeta::views`), built by `build` if this page shows it.
/// A function, not a component: a view's draw functions are not `Send`, so they cannot be
/// component children.
pub fn shown_view<V: IntoView>(id: &'static str, build: impl FnOnce() -> V) -> impl IntoView {
    let shown = use_context::<Shown>();
    debug_assert!(shown.is_none_or(|s| s.meta.views.iter().any(|v| v.id == id)), "view `{id}` is not in the catalogue");
    let on = shown.is_none_or(|s| s.layout.with_value(|l| l.shows_view(s.meta, id)));
    // `display: contents` in the stylesheet: the wrapper adds no box, so the lab's grid is as before.
    on.then(|| view! { <div class="lab-view" data-view=id>{build()}</div> })
}
