//! A panic must never leave a silently dead page: show a banner that says so and offers a reload.

use wasm_bindgen::JsCast;

pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        // The message (and where it panicked) for whoever reads the console. Not
        // console_error_panic_hook's JS stack as well: a release build's stack names only wasm
        // function indices, and the hook costs each page 0.3 KiB gzipped.
        web_sys::console::error_1(&info.to_string().into());
        show_crash_banner();
    }));
}

fn show_crash_banner() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = document.body() else { return };
    if document.get_element_by_id("crash-banner").is_some() {
        return;
    }
    let Ok(banner) = document.create_element("div") else { return };
    banner.set_id("crash-banner");
    let _ = banner.set_attribute("role", "alert");
    let _ = banner.set_attribute("class", "crash-banner");
    // Built from text nodes only: nothing from the URL or the panic message becomes markup.
    let text = document.create_element("p").ok();
    if let Some(p) = &text {
        p.set_text_content(Some("Something broke in this page — sorry. Reload to start again; your progress is saved."));
        let _ = banner.append_child(p);
    }
    if let Ok(link) = document.create_element("a") {
        let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_else(|| "/".into());
        let _ = link.set_attribute("href", &href);
        link.set_text_content(Some("Reload"));
        let _ = banner.append_child(&link);
    }
    let _ = body.prepend_with_node_1(&banner);
    if let Some(root) = document.document_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = root.set_attribute("data-crashed", "true");
    }
}
