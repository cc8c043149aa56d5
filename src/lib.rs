//! Hyperlab: a browser playground for hyperparameter tuning, on Leptos (client-side rendering).
//!
//! Layout: `app` picks the page from the URL path; `labs/` holds one folder per lab and the
//! catalogue every page and the static-page generator read; `components/` the shared widgets;
//! `plot/` the canvas charts; `url_state` ties a lab's hyperparameter schema to the query string.

pub mod app;
pub mod bench;
pub mod challenge;
pub mod components;
pub mod crash;
pub mod labs;
pub mod plot;
#[cfg(feature = "practice")]
pub mod practice;
pub mod progress;
pub mod ready;
pub mod runner;
pub mod theme;
pub mod url_state;

/// Installs the panic banner and mounts the app: into `<div id="app">` on the release site's
/// pages (beside the page's static first paint, which it replaces once drawn; see
/// `crates/xtask/src/prerender.rs`), else on `<body>`.
pub fn start() {
    crash::install_panic_hook();
    // Mounted in a task of its own: compiling and instantiating the module is already one long
    // task on a slow phone, and mounting in that same task made it the page's longest (its
    // total blocking time counts every task's time past 50 ms).
    // The hub's question bank is parsed in a task of its own before the mount, for the same reason.
    #[cfg(feature = "practice")]
    leptos::prelude::set_timeout(|| { practice::bank(); }, std::time::Duration::ZERO);
    leptos::prelude::set_timeout(mount, std::time::Duration::ZERO);
}

fn mount() {
    use wasm_bindgen::JsCast;
    match leptos::prelude::document().get_element_by_id("app").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        Some(root) => leptos::mount::mount_to(root, app::App).forget(),
        None => leptos::mount::mount_to_body(app::App),
    }
}

#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
