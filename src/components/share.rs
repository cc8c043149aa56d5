//! Share and embed: copy a link to the exact current state, or an `<iframe>` of it with some
//! controls hidden. Embedded labs post their height to the parent so the iframe can fit them.

use crate::url_state::{UrlParams, HIDE_KEY};
use hyperlab_ml::schema::ParamState;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn origin() -> String {
    window().location().origin().unwrap_or_default()
}

pub fn share_url(slug: &str, state: &ParamState) -> String {
    format!("{}/{}/?{}", origin(), slug, state.to_query())
}

pub fn embed_url(slug: &str, state: &ParamState, hidden: &[&str]) -> String {
    let mut url = format!("{}/embed/{}/?{}", origin(), slug, state.to_query());
    if !hidden.is_empty() {
        url.push_str(&format!("&{HIDE_KEY}={}", hidden.join(",")));
    }
    url
}

/// The snippet a blogger pastes. The optional script resizes the iframe to the lab's height.
/// The sandbox lets the lab run its scripts, keep progress and work offline (same-origin with
/// its own site, which is not the post's) and open the full lab in a new tab; nothing else.
pub fn iframe_snippet(url: &str, title: &str) -> String {
    let escaped = url.replace('&', "&amp;").replace('"', "&quot;");
    format!(
        "<iframe src=\"{escaped}\" title=\"{title} — Hyperlab\" width=\"100%\" height=\"720\" style=\"border:0;max-width:100%\" loading=\"lazy\" \
sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox\"></iframe>\n\
<script>addEventListener(\"message\",function(e){{if(e.data&&e.data.type===\"hyperlab:height\"){{for(var f of document.querySelectorAll(\"iframe\"))if(f.contentWindow===e.source)f.style.height=e.data.height+\"px\"}}}});</script>"
    )
}

fn copy_to_clipboard(text: String, status: RwSignal<&'static str>) {
    let clipboard = window().navigator().clipboard();
    let promise = clipboard.write_text(&text);
    wasm_bindgen_futures_lite(promise, move |ok| status.set(if ok { "Copied" } else { "Select and copy the text above" }));
}

/// Resolves a promise without pulling in an async runtime: two small callbacks.
fn wasm_bindgen_futures_lite(promise: js_sys::Promise, done: impl Fn(bool) + 'static) {
    let done = std::rc::Rc::new(done);
    let d2 = done.clone();
    let ok = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| done(true));
    let err = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| d2(false));
    let _ = promise.then2(&ok, &err);
    // One pair per click: small, and the promise may settle after this function returns.
    ok.forget();
    err.forget();
}

#[component]
pub fn SharePanel(slug: &'static str, title: &'static str, state: UrlParams) -> impl IntoView {
    let params = state.params;
    let link_status = RwSignal::new("");
    let embed_open = RwSignal::new(false);
    let embed_status = RwSignal::new("");
    let schema = params.with_untracked(|p| p.schema());
    let hide: RwSignal<Vec<bool>> = RwSignal::new(vec![false; schema.len()]);
    let link = Memo::new(move |_| params.with(|p| share_url(slug, p)));
    let snippet = Memo::new(move |_| {
        let hidden: Vec<&str> = hide.with(|h| schema.iter().zip(h).filter(|(_, h)| **h).map(|(s, _)| s.key).collect());
        params.with(|p| iframe_snippet(&embed_url(slug, p, &hidden), title))
    });
    // The panel opens below the fold on small screens: bring it into view when it mounts.
    let panel_ref = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(panel) = panel_ref.get() {
            panel.scroll_into_view_with_bool(false);
        }
    });
    let checkboxes = schema
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            view! {
                <label class="hide-choice">
                    <input type="checkbox" prop:checked=move || hide.with(|h| h[i])
                        on:change=move |ev| { let c = event_target_checked(&ev); hide.update(|h| h[i] = c); }/>
                    {spec.label}
                </label>
            }
        })
        .collect_view();
    view! {
        <div class="share">
            <button id="share" type="button" class="button" on:click=move |_| copy_to_clipboard(link.get_untracked(), link_status)>"Share link"</button>
            <button id="embed" type="button" class="button" aria-expanded=move || embed_open.get().to_string()
                on:click=move |_| embed_open.update(|o| *o = !*o)>"Embed"</button>
            <span class="share-status" role="status">{move || link_status.get()}</span>
            <label class="share-link">
                <span class="visually-hidden">"Link to this exact state"</span>
                <input type="text" readonly prop:value=move || link.get()/>
            </label>
            <Show when=move || embed_open.get()>
                <div class="embed-panel" node_ref=panel_ref>
                    <p>"Paste this into your page. The lab opens in exactly this state; tick controls to hide them from readers."</p>
                    <fieldset class="hide-choices"><legend>"Hide controls"</legend>{checkboxes.clone()}</fieldset>
                    <label for="embed-snippet">"Embed code"</label>
                    <textarea id="embed-snippet" readonly rows="5" prop:value=move || snippet.get()></textarea>
                    <button type="button" class="button" on:click=move |_| copy_to_clipboard(snippet.get_untracked(), embed_status)>"Copy embed code"</button>
                    <span class="share-status" role="status">{move || embed_status.get()}</span>
                </div>
            </Show>
        </div>
    }
}

/// In an embed: tell the parent page our height whenever it changes.
pub fn post_height_to_parent(slug: &'static str) {
    let Some(body) = document().body() else { return };
    let post = move |height: f64| {
        let Ok(Some(parent)) = window().parent() else { return };
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"hyperlab:height".into());
        let _ = js_sys::Reflect::set(&message, &"lab".into(), &slug.into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &height.ceil().into());
        let _ = parent.post_message(&message, "*");
    };
    let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Some(entry) = entries.get(0).dyn_ref::<web_sys::ResizeObserverEntry>() {
            post(entry.target().scroll_height() as f64);
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&body);
    }
    // Lives as long as the page.
    callback.forget();
}
