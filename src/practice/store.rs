//! The learner's practice record (Leitner cards) in versioned local storage, next to the labs'
//! challenge progress; export to a file and import it back. Stored and imported text is
//! untrusted: what cannot be used resets (storage) or is refused (import) with a notice.

use crate::progress::{use_progress, Progress, ProgressStore, STORAGE_KEY as CHALLENGES_KEY};
use hyperlab_ml::exam::{Export, LoadError, Practice};
use leptos::prelude::*;

pub const STORAGE_KEY: &str = "hyperlab.practice";

/// Days since the Unix epoch (UTC), the scheduler's clock.
pub fn today() -> i64 {
    (js_sys::Date::now() / 86_400_000.0).floor() as i64
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// What the learner is told when stored practice data cannot be used.
pub fn reset_notice(e: LoadError) -> String {
    format!("Your saved practice progress could not be used ({}), so it has been reset. Your lab challenges are not affected.", e.describe())
}

#[derive(Clone, Copy)]
pub struct PracticeStore {
    pub practice: RwSignal<Practice>,
    /// A notice about stored or imported data (reset, refused, imported).
    pub notice: RwSignal<Option<String>>,
    pub challenges: ProgressStore,
}

impl PracticeStore {
    pub fn provide() -> Self {
        let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        let (practice, notice) = match stored.as_deref().map(Practice::parse) {
            None => (Practice::default(), None),
            Some(Ok(p)) => (p, None),
            Some(Err(e)) => (Practice::default(), Some(reset_notice(e))),
        };
        let store = Self { practice: RwSignal::new(practice), notice: RwSignal::new(notice), challenges: use_progress() };
        if store.notice.get_untracked().is_some() {
            store.save();
        }
        provide_context(store);
        store
    }

    fn save(&self) {
        let text = self.practice.with_untracked(Practice::serialize);
        if !storage().is_some_and(|s| s.set_item(STORAGE_KEY, &text).is_ok()) {
            self.notice.set(Some("Your practice progress can't be saved in this browser (storage is full or turned off): it counts until you leave the page.".into()));
        }
    }

    pub fn record(&self, id: &str, correct: bool) {
        self.practice.update(|p| p.record(id, correct, today()));
        self.save();
    }

    /// The export file: practice cards and the labs' completed challenges.
    pub fn export_text(&self) -> String {
        let challenges = self.challenges.progress.with_untracked(|p| p.completed.clone());
        Export { practice: self.practice.get_untracked(), challenges }.serialize()
    }

    /// Imports an exported file (merged: the newer record of each question wins, challenges add up).
    pub fn import(&self, text: &str) {
        match Export::parse(text) {
            Err(e) => self.notice.set(Some(format!("That file could not be imported ({}). Nothing was changed.", e.describe()))),
            Ok(export) => {
                self.practice.update(|p| p.merge(&export.practice));
                self.save();
                self.challenges.progress.update(|p: &mut Progress| {
                    for (id, when) in &export.challenges {
                        p.completed.entry(id.clone()).or_insert(*when);
                    }
                });
                let text = self.challenges.progress.with_untracked(Progress::serialize);
                let _ = storage().map(|s| s.set_item(CHALLENGES_KEY, &text));
                let (q, c) = (export.practice.cards.len(), export.challenges.len());
                self.notice.set(Some(format!(
                    "Imported {q} answered question{} and {c} completed challenge{}.",
                    if q == 1 { "" } else { "s" },
                    if c == 1 { "" } else { "s" }
                )));
            }
        }
    }
}

pub fn use_practice() -> PracticeStore {
    use_context::<PracticeStore>().unwrap_or_else(PracticeStore::provide)
}
