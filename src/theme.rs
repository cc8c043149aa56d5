//! Light and dark themes. The inline script in index.html applies the stored choice (or the
//! system's `prefers-color-scheme`) before the app loads, so there is no flash; this module
//! keeps it in a signal the charts read, and remembers explicit choices.

use leptos::prelude::*;

pub const STORAGE_KEY: &str = "hyperlab.theme";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThemeMode {
    Light,
    Dark,
}

impl ThemeMode {
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeMode::Light => "light",
            ThemeMode::Dark => "dark",
        }
    }
    pub fn other(self) -> Self {
        match self {
            ThemeMode::Light => ThemeMode::Dark,
            ThemeMode::Dark => ThemeMode::Light,
        }
    }
}

/// The current theme, shared through context.
#[derive(Clone, Copy)]
pub struct Theme(pub RwSignal<ThemeMode>);

impl Theme {
    pub fn provide() -> Self {
        let theme = Theme(RwSignal::new(initial()));
        provide_context(theme);
        Effect::new(move |_| {
            let mode = theme.0.get();
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("data-theme", mode.as_str());
            }
        });
        theme
    }

    pub fn toggle(&self) {
        let next = self.0.get_untracked().other();
        self.0.set(next);
        if let Ok(Some(storage)) = window().local_storage() {
            let _ = storage.set_item(STORAGE_KEY, next.as_str());
        }
    }
}

pub fn use_theme() -> Theme {
    use_context::<Theme>().unwrap_or_else(|| Theme(RwSignal::new(ThemeMode::Light)))
}

fn initial() -> ThemeMode {
    let attr = document().document_element().and_then(|e| e.get_attribute("data-theme"));
    match attr.as_deref() {
        Some("dark") => ThemeMode::Dark,
        Some("light") => ThemeMode::Light,
        _ => {
            let dark = window().match_media("(prefers-color-scheme: dark)").ok().flatten().is_some_and(|m| m.matches());
            if dark { ThemeMode::Dark } else { ThemeMode::Light }
        }
    }
}

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = use_theme();
    let label = move || match theme.0.get() {
        ThemeMode::Light => "Dark theme",
        ThemeMode::Dark => "Light theme",
    };
    view! {
        <button id="theme-toggle" class="theme-toggle" type="button"
            aria-pressed=move || (theme.0.get() == ThemeMode::Dark).to_string()
            on:click=move |_| theme.toggle()>
            <span aria-hidden="true" class="theme-icon">{move || if theme.0.get() == ThemeMode::Dark { "☀" } else { "☾" }}</span>
            <span>{label}</span>
        </button>
    }
}
