//! Completed challenges, in versioned local storage. The stored text is untrusted: anything
//! that is not exactly our format (older or foreign data, hand edits) resets the record and the
//! learner is told so.

use crate::challenge::valid_id;
use leptos::prelude::*;
use std::collections::BTreeMap;

pub const STORAGE_KEY: &str = "hyperlab.progress";
/// First line of the stored text. Bump the version when the format changes.
pub const HEADER: &str = "hyperlab-progress v1";
const MAX_ENTRIES: usize = 1000;

/// Challenge id → when it was completed (ms since the Unix epoch).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    pub completed: BTreeMap<String, f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProgressError {
    WrongVersion,
    Corrupt,
}

impl Progress {
    pub fn parse(text: &str) -> Result<Self, ProgressError> {
        let mut lines = text.lines();
        match lines.next() {
            Some(HEADER) => {}
            Some(h) if h.starts_with("hyperlab-progress") => return Err(ProgressError::WrongVersion),
            _ => return Err(ProgressError::Corrupt),
        }
        let mut completed = BTreeMap::new();
        for line in lines.filter(|l| !l.is_empty()) {
            let (id, when) = line.split_once('\t').ok_or(ProgressError::Corrupt)?;
            let when: f64 = hyperlab_ml::schema::parse_decimal(when).ok_or(ProgressError::Corrupt)?;
            if !valid_id(id) || !when.is_finite() || when < 0.0 || completed.len() >= MAX_ENTRIES {
                return Err(ProgressError::Corrupt);
            }
            completed.insert(id.to_string(), when);
        }
        Ok(Self { completed })
    }

    pub fn serialize(&self) -> String {
        let mut out = String::from(HEADER);
        for (id, when) in &self.completed {
            out.push_str(&format!("\n{id}\t{when}"));
        }
        out
    }

    /// JSON for exporting (ids are validated, so no escaping is needed).
    pub fn to_json(&self) -> String {
        let items: Vec<String> = self.completed.iter().map(|(id, when)| format!("{{\"id\":\"{id}\",\"completed_at_ms\":{when}}}")).collect();
        format!("{{\"version\":1,\"completed\":[{}]}}", items.join(","))
    }

    pub fn is_done(&self, id: &str) -> bool {
        self.completed.contains_key(id)
    }
}

/// The learner's progress, shared through context; saved on every change.
#[derive(Clone, Copy)]
pub struct ProgressStore {
    pub progress: RwSignal<Progress>,
    /// Set when stored data had to be reset.
    pub notice: RwSignal<Option<String>>,
}

/// Said when progress cannot be written: storage is disabled, blocked or full.
pub const CANNOT_SAVE: &str = "Your challenge progress can't be saved in this browser (storage is full or turned off): what you complete counts until you leave the page.";

/// The page's local storage, if the browser lets us have it (it throws when disabled).
fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

impl ProgressStore {
    pub fn provide() -> Self {
        let storage = storage();
        let stored = storage.as_ref().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        let (progress, notice) = match stored.as_deref().map(Progress::parse) {
            None => (Progress::default(), None),
            Some(Ok(p)) => (p, None),
            Some(Err(ProgressError::WrongVersion)) => (Progress::default(), Some("Your saved challenge progress was from another version of Hyperlab and has been reset.")),
            Some(Err(ProgressError::Corrupt)) => (Progress::default(), Some("Your saved challenge progress could not be read and has been reset.")),
        };
        let mut notice = notice.map(String::from);
        if notice.is_some() && storage.as_ref().is_some_and(|s| s.set_item(STORAGE_KEY, &progress.serialize()).is_err()) {
            notice = Some(CANNOT_SAVE.to_string());
        }
        if storage.is_none() {
            notice = Some(CANNOT_SAVE.to_string());
        }
        let store = Self { progress: RwSignal::new(progress), notice: RwSignal::new(notice) };
        provide_context(store);
        store
    }

    pub fn complete(&self, id: &'static str) {
        if self.progress.with_untracked(|p| p.is_done(id)) {
            return;
        }
        let when = js_sys::Date::now();
        self.progress.update(|p| {
            p.completed.insert(id.to_string(), when);
        });
        let saved = storage().is_some_and(|s| s.set_item(STORAGE_KEY, &self.progress.with_untracked(|p| p.serialize())).is_ok());
        if !saved {
            self.notice.set(Some(CANNOT_SAVE.to_string()));
        }
    }
}

pub fn use_progress() -> ProgressStore {
    use_context::<ProgressStore>().unwrap_or_else(ProgressStore::provide)
}
