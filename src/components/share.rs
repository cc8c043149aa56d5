//! Share and embed: copy a link to the exact current state, or an `<iframe>` of it. The Embed
//! dialog chooses which views and controls the embed shows (`views=`, `controls=`), previews it
//! live at the post's width and measures its height. Embedded labs post their height to the
//! parent so the iframe can fit them.

use crate::url_state::UrlParams;
use hyperlab_ml::labs::catalogue::LabMeta;
use hyperlab_ml::labs::embed::EmbedLayout;
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

pub fn embed_url(meta: &LabMeta, state: &ParamState, layout: &EmbedLayout) -> String {
    let mut query = state.to_query();
    let chosen = layout.to_query(meta, state.schema());
    if !chosen.is_empty() {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str(&chosen);
    }
    format!("{}/embed/{}/?{query}", origin(), meta.slug)
}

/// The widths the preview offers: a phone, a narrow column, the usual blog column.
const PREVIEW_WIDTHS: [u32; 3] = [360, 560, 720];
/// The iframe's height before the embed has reported its own.
const UNMEASURED_HEIGHT: u32 = 720;
/// How long the preview may take to load before the next state is shown anyway.
const PREVIEW_LOAD_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// The snippet a blogger pastes: valid HTML (the width is a style, the height a whole number of
/// pixels, measured at the preview width). The optional script resizes the iframe to the lab's
/// height, believing only messages from the lab's own origin. The sandbox lets the lab run its scripts, keep progress and work offline (same-origin
/// with its own site, which is not the post's) and open the full lab in a new tab; nothing else.
pub fn iframe_snippet(url: &str, title: &str, height: u32) -> String {
    let escaped = url.replace('&', "&amp;").replace('"', "&quot;");
    // The script only believes height messages from the lab's own site.
    let site = origin().replace('\\', "").replace('"', "");
    let title = title.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    format!(
        "<iframe src=\"{escaped}\" title=\"{title} — Hyperlab\" height=\"{height}\" style=\"border:0;width:100%;max-width:100%\" loading=\"lazy\" \
sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox\"></iframe>\n\
<script>addEventListener(\"message\",function(e){{if(e.origin===\"{site}\"&&e.data&&e.data.type===\"hyperlab:height\"){{for(var f of document.querySelectorAll(\"iframe\"))if(f.contentWindow===e.source)f.style.height=e.data.height+\"px\"}}}});</script>"
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
pub fn SharePanel(meta: &'static LabMeta, state: UrlParams) -> impl IntoView {
    let params = state.params;
    let link_status = RwSignal::new("");
    let embed_open = RwSignal::new(false);
    let link = Memo::new(move |_| params.with(|p| share_url(meta.slug, p)));
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
                <EmbedDialog meta state/>
            </Show>
        </div>
    }
}

/// A row of checkboxes, one per item, bound to a list of flags.
/// Each checkbox's `value` is the name the embed's query uses.
fn choices(legend: &'static str, class: &'static str, items: Vec<(&'static str, &'static str)>, flags: RwSignal<Vec<bool>>) -> impl IntoView {
    let boxes = items
        .into_iter()
        .enumerate()
        .map(|(i, (name, label))| {
            view! {
                <label class="embed-choice">
                    <input type="checkbox" value=name prop:checked=move || flags.with(|f| f[i])
                        on:change=move |ev| { let c = event_target_checked(&ev); flags.update(|f| f[i] = c); }/>
                    {label}
                </label>
            }
        })
        .collect_view();
    view! { <fieldset class=class><legend>{legend}</legend>{boxes}</fieldset> }
}

/// The Embed dialog: what the embed shows, a live preview at the post's width with its measured
/// height, and the snippet.
#[component]
fn EmbedDialog(meta: &'static LabMeta, state: UrlParams) -> impl IntoView {
    let params = state.params;
    let schema = params.with_untracked(|p| p.schema());
    let compact = EmbedLayout::compact(meta, schema);
    let views = RwSignal::new(compact.views.clone());
    // The controls' flags, then one more for the preset buttons.
    let controls = RwSignal::new(compact.controls.iter().copied().chain([compact.presets]).collect::<Vec<bool>>());
    let width = RwSignal::new(PREVIEW_WIDTHS[2]);
    let measured = RwSignal::new(None::<u32>);
    let status = RwSignal::new("");
    let layout = Memo::new(move |_| {
        let mut views = views.get();
        // An embed always shows a view: with none ticked, the primary one.
        if !views.iter().any(|v| *v) {
            views[0] = true;
        }
        let c = controls.get();
        EmbedLayout { views, controls: c[..schema.len()].to_vec(), presets: c[schema.len()] }
    });
    let url = Memo::new(move |_| layout.with(|l| params.with(|p| embed_url(meta, p, l))));
    let snippet = Memo::new(move |_| url.with(|u| iframe_snippet(u, meta.title, measured.get().unwrap_or(UNMEASURED_HEIGHT))));
    // The URL the preview shows. It follows `url` only once the page it has started is up (it
    // reports its height): navigating a frame that is still downloading the lab aborts the
    // download, which the browser reports as an error, and ticking three boxes would start
    // three downloads.
    let preview_url = RwSignal::new(url.get_untracked());
    let preview_loading = RwSignal::new(true);
    let load_started = StoredValue::new(0u32);
    // Each load may hold the next back for PREVIEW_LOAD_TIMEOUT at most (a failed load never
    // reports); a new preview, or a new width, reports its height again.
    let hold_next = move || {
        let load = load_started.get_value().wrapping_add(1);
        load_started.set_value(load);
        set_timeout(move || if load_started.try_get_value() == Some(load) { preview_loading.try_set(false); }, PREVIEW_LOAD_TIMEOUT);
    };
    hold_next();
    Effect::new(move |shown_width: Option<u32>| {
        let wanted = url.get();
        let w = width.get();
        if !preview_loading.get() && preview_url.with_untracked(|u| *u != wanted) {
            preview_loading.set(true);
            preview_url.set(wanted);
            hold_next();
            measured.set(None);
        } else if shown_width.is_some_and(|old| old != w) {
            measured.set(None);
        }
        w
    });
    let preview = NodeRef::<leptos::html::Iframe>::new();
    let listener = window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
        let Some(frame) = preview.get_untracked() else { return };
        let from_preview = ev.source().zip(frame.content_window()).is_some_and(|(s, w)| s.loose_eq(&w));
        let data = ev.data();
        let is_height = js_sys::Reflect::get(&data, &"type".into()).ok().and_then(|t| t.as_string()).as_deref() == Some("hyperlab:height");
        // A page the preview is leaving can still report; only the one it shows counts.
        let from_shown_page = js_sys::Reflect::get(&data, &"href".into()).ok().and_then(|h| h.as_string()).is_some_and(|h| preview_url.with_untracked(|u| *u == h));
        if from_preview && is_height && from_shown_page {
            if let Some(h) = js_sys::Reflect::get(&data, &"height".into()).ok().and_then(|h| h.as_f64()).filter(|h| h.is_finite() && *h > 0.0) {
                measured.set(Some(h.ceil().min(100_000.0) as u32));
                preview_loading.set(false);
            }
        }
    });
    on_cleanup(move || listener.remove());
    // The panel opens below the fold on small screens: bring it into view when it mounts.
    let panel_ref = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(panel) = panel_ref.get() {
            panel.scroll_into_view_with_bool(false);
        }
    });
    let view_labels = meta.views.iter().map(|v| (v.id, v.label)).collect();
    let control_labels = schema.iter().map(|s| (s.key, s.label)).chain([(hyperlab_ml::labs::embed::PRESETS, "Preset buttons")]).collect();
    let width_options = PREVIEW_WIDTHS
        .iter()
        .map(|w| view! { <option value=w.to_string() selected=move || width.get() == *w>{format!("{w} px")}</option> })
        .collect_view();
    let height_text = move || match measured.get() {
        Some(h) => format!("Height at {} px wide: {h} px (measured in the preview). The script below keeps the frame fitted if it changes.", width.get()),
        None => "Measuring the preview's height…".to_string(),
    };
    view! {
        <div class="embed-panel" node_ref=panel_ref>
            <p>"Paste this into your post. The lab opens in exactly this state, showing the views and controls you tick."</p>
            {choices("Views", "embed-views", view_labels, views)}
            {choices("Controls", "embed-controls", control_labels, controls)}
            <p class="embed-note">"A ticked control that does not apply to the lab's current state (the number of trees for a single tree, say) shows once it applies."</p>
            <label class="embed-width">"Preview width "
                <select id="embed-width" on:change=move |ev| {
                    if let Ok(w) = event_target_value(&ev).parse::<u32>() { if PREVIEW_WIDTHS.contains(&w) { width.set(w); } }
                }>{width_options}</select>
            </label>
            <p id="embed-height" class="embed-height" role="status">{height_text}</p>
            <label for="embed-snippet">"Embed code"</label>
            <textarea id="embed-snippet" readonly rows="5" prop:value=move || snippet.get()></textarea>
            <div>
                <button type="button" class="button" on:click=move |_| copy_to_clipboard(snippet.get_untracked(), status)>"Copy embed code"</button>
                <span class="share-status" role="status">{move || status.get()}</span>
            </div>
            <div class="embed-preview">
                <iframe node_ref=preview id="embed-preview" title=format!("Preview of the embedded {}", meta.title)
                    src=move || preview_url.get()
                    style:width=move || format!("{}px", width.get())
                    style:height=move || format!("{}px", measured.get().unwrap_or(UNMEASURED_HEIGHT))></iframe>
            </div>
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
        if let Ok(href) = window().location().href() {
            let _ = js_sys::Reflect::set(&message, &"href".into(), &href.into());
        }
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
