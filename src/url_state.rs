//! A lab's state ↔ the URL query. The schema (in the core's `params` module) does the parsing,
//! clamping and serialization; this module reads `location.search` once, shows what had to be
//! repaired, and writes every change back with `history.replaceState` (no history spam).

use crate::labs::LabMode;
use hyperlab_ml::labs::catalogue::LabMeta;
use hyperlab_ml::labs::embed::EmbedLayout;
use hyperlab_ml::schema::{Notice, ParamSpec, ParamState};
use leptos::prelude::*;

/// Which lab is being built and where: provided before a lab's component runs.
#[derive(Clone, Copy)]
pub struct LabContext {
    pub mode: LabMode,
    pub meta: &'static LabMeta,
}

/// What this page shows of its lab: everything on the lab's own page, the chosen views and
/// controls in an embed. Read by [`crate::components::lab_view::LabView`] and the controls.
#[derive(Clone, Copy)]
pub struct Shown {
    pub meta: &'static LabMeta,
    pub layout: StoredValue<EmbedLayout>,
}

pub fn current_query() -> String {
    window().location().search().unwrap_or_default()
}

pub fn current_path() -> String {
    window().location().pathname().unwrap_or_else(|_| "/".into())
}

/// Replaces the query of the current history entry (not when it is already that query: a
/// history update costs a few milliseconds, and every page's mount would pay it).
pub fn replace_query(query: &str) {
    if current_query().strip_prefix('?').unwrap_or("") == query {
        return;
    }
    let path = current_path();
    let url = if query.is_empty() { path } else { format!("{path}?{query}") };
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Whether the lab's current state comes from the learner's own moves (a control, a click on a
/// chart, a button that changes a knob) rather than from a script: the page load, a challenge's
/// set-up or a preset. Challenges are credited only for the learner's own states: a shared link,
/// a preset or another challenge's set-up that happens to meet one teaches nothing.
#[derive(Clone, Copy)]
pub struct LearnerMoved(pub StoredValue<bool>);

/// A lab's live hyperparameters, backed by the URL.
#[derive(Clone, Copy)]
pub struct UrlParams {
    pub params: RwSignal<ParamState>,
    moved: LearnerMoved,
    /// What the page shows (views, controls, presets).
    pub shown: Shown,
    /// Whether the layout goes into the URL (embeds only).
    embedded: bool,
}

/// The catalogue entry of a control mounted without a lab (a component test of one widget): no
/// views, and every control shows. Not a real lab's entry, whose texts would then be linked into
/// every lab's bundle.
const NO_LAB: LabMeta = LabMeta { slug: "", title: "", promise: "", description: "", concepts: &[], views: &[], key_controls: &[] };

impl UrlParams {
    /// Reads the query once; every later change of `params` is written back. In an embed it also
    /// reads which views and controls to show (and keeps them in the URL).
    pub fn from_location(schema: &'static [ParamSpec]) -> (Self, Vec<Notice>) {
        let query = current_query();
        let (state, mut notices) = ParamState::from_query(schema, &query);
        let lab = use_context::<LabContext>();
        let embedded = lab.is_some_and(|l| l.mode == LabMode::Embed);
        let meta = lab.map_or(&NO_LAB, |l| l.meta);
        let layout = if embedded {
            let (layout, more) = EmbedLayout::from_query(meta, schema, &query);
            notices.extend(more);
            layout
        } else {
            EmbedLayout::everything(meta, schema)
        };
        let shown = Shown { meta, layout: StoredValue::new(layout) };
        // Without a lab context (a component test of one widget) every view shows.
        if lab.is_some() {
            provide_context(shown);
        }
        let moved = LearnerMoved(StoredValue::new(false));
        if lab.is_some() {
            provide_context(moved);
        }
        let this = Self { params: RwSignal::new(state), moved, shown, embedded };
        Effect::new(move |mounted: Option<()>| {
            let query = this.query_with_layout(&this.params.get());
            // The mount's own write waits for a task of its own: the mount is the page's
            // longest task on a slow phone, and a history update costs a few milliseconds.
            // It writes the state as it is then, so a change made meanwhile is not undone.
            if mounted.is_none() {
                set_timeout(
                    move || {
                        if let Some(now) = this.params.try_get_untracked() {
                            replace_query(&this.query_with_layout(&now));
                        }
                    },
                    std::time::Duration::ZERO,
                );
            } else {
                replace_query(&query);
            }
        });
        (this, notices)
    }

    /// A change the learner made (a control moved): challenges may credit the state it leads to.
    pub fn edit(&self, change: impl FnOnce(&mut ParamState)) {
        self.by_learner();
        self.params.update(change);
    }

    /// Notes that the next change comes from the learner (for changes made through `params`).
    pub fn by_learner(&self) {
        self.moved.0.set_value(true);
    }

    /// A whole state from a script (a preset): challenges do not credit it until the learner
    /// moves something.
    pub fn load(&self, state: ParamState) {
        self.moved.0.set_value(false);
        self.params.set(state);
    }

    /// Whether a knob's control is left out (an embed shows only the chosen ones).
    pub fn is_hidden(&self, key: &str) -> bool {
        let schema = self.params.with_untracked(|p| p.schema());
        !self.shown.layout.with_value(|l| l.shows_control(schema, key))
    }

    /// Whether the preset buttons are shown.
    pub fn shows_presets(&self) -> bool {
        self.shown.layout.with_value(|l| l.presets)
    }

    fn query_with_layout(&self, state: &ParamState) -> String {
        let mut query = state.to_query();
        if self.embedded {
            let layout = self.shown.layout.with_value(|l| l.to_query(self.shown.meta, state.schema()));
            if !layout.is_empty() {
                if !query.is_empty() {
                    query.push('&');
                }
                query.push_str(&layout);
            }
        }
        query
    }
}
