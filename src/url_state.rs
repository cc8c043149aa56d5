//! A lab's state ↔ the URL query. The schema (in the core's `params` module) does the parsing,
//! clamping and serialization; this module reads `location.search` once, shows what had to be
//! repaired, and writes every change back with `history.replaceState` (no history spam).

use hyperlab_ml::schema::{key_mask, query_value, Notice, ParamSpec, ParamState};
use leptos::prelude::*;

/// Query key listing controls an embed hides, e.g. `hide=mom,steps`.
pub const HIDE_KEY: &str = "hide";

pub fn current_query() -> String {
    window().location().search().unwrap_or_default()
}

pub fn current_path() -> String {
    window().location().pathname().unwrap_or_else(|_| "/".into())
}

/// Replaces the query of the current history entry.
pub fn replace_query(query: &str) {
    let path = current_path();
    let url = if query.is_empty() { path } else { format!("{path}?{query}") };
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// A lab's live hyperparameters, backed by the URL.
#[derive(Clone, Copy)]
pub struct UrlParams {
    pub params: RwSignal<ParamState>,
    /// Which controls an embed hides (schema order).
    pub hidden: StoredValue<Vec<bool>>,
}

impl UrlParams {
    /// Reads the query once; every later change of `params` is written back.
    pub fn from_location(schema: &'static [ParamSpec]) -> (Self, Vec<Notice>) {
        let query = current_query();
        let (state, notices) = ParamState::from_query(schema, &query);
        let hidden = query_value(&query, HIDE_KEY).map(|list| key_mask(schema, &list)).unwrap_or_else(|| vec![false; schema.len()]);
        let this = Self { params: RwSignal::new(state), hidden: StoredValue::new(hidden) };
        Effect::new(move |_| {
            let query = this.query_with_hidden(&this.params.get());
            replace_query(&query);
        });
        (this, notices)
    }

    pub fn is_hidden(&self, key: &str) -> bool {
        let schema = self.params.with_untracked(|p| p.schema());
        let mask = self.hidden.get_value();
        schema.iter().position(|s| s.key == key).and_then(|i| mask.get(i).copied()).unwrap_or(false)
    }

    fn query_with_hidden(&self, state: &ParamState) -> String {
        let mut query = state.to_query();
        let mask = self.hidden.get_value();
        let hidden: Vec<&str> = state.schema().iter().zip(&mask).filter(|(_, h)| **h).map(|(s, _)| s.key).collect();
        if !hidden.is_empty() {
            query.push_str(&format!("&{HIDE_KEY}={}", hidden.join(",")));
        }
        query
    }
}
