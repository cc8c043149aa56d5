//! What an embedded lab shows: which of its views (`views=`) and which of its controls
//! (`controls=`), read from the embed's query. With neither, an embed shows the lab's primary
//! view and a compact strip of its key controls (both declared in the catalogue), so a default
//! embed fits a blog column. Links made before views could be chosen (`hide=` only) keep what
//! they showed: every view, every control but the hidden ones, and the presets.
//!
//! The query is untrusted: names the lab does not have are left out with a notice, and an embed
//! always shows at least one view.

use super::catalogue::{LabMeta, ViewMeta};
use crate::schema::{query_value, sanitize, Notice, ParamSpec, Problem};

pub const VIEWS_KEY: &str = "views";
pub const CONTROLS_KEY: &str = "controls";
/// The older form: every control but these (and every view).
pub const HIDE_KEY: &str = "hide";
/// In `controls=`: also show the preset buttons.
pub const PRESETS: &str = "presets";
/// `controls=none`: no controls at all (the transport stays, so an animation can be replayed).
pub const NONE: &str = "none";
/// At most this many names are read from one list.
const MAX_NAMES: usize = 64;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedLayout {
    /// One flag per view of the lab, in the catalogue's order.
    pub views: Vec<bool>,
    /// One flag per knob of the lab's schema.
    pub controls: Vec<bool>,
    pub presets: bool,
}

impl EmbedLayout {
    /// The default embed: the primary view and the key controls.
    pub fn compact(meta: &LabMeta, schema: &[ParamSpec]) -> Self {
        let views = (0..meta.views.len()).map(|i| i == 0).collect();
        let controls = schema.iter().map(|s| meta.key_controls.contains(&s.key)).collect();
        Self { views, controls, presets: false }
    }

    /// Everything: a lab's own page.
    pub fn everything(meta: &LabMeta, schema: &[ParamSpec]) -> Self {
        Self { views: vec![true; meta.views.len()], controls: vec![true; schema.len()], presets: true }
    }

    /// Reads `views=`, `controls=` and the older `hide=` from an embed's query.
    pub fn from_query(meta: &LabMeta, schema: &[ParamSpec], query: &str) -> (Self, Vec<Notice>) {
        let mut notices = Vec::new();
        let views_given = query_value(query, VIEWS_KEY);
        let controls_given = query_value(query, CONTROLS_KEY);
        let hide_given = query_value(query, HIDE_KEY);
        let keys: Vec<&str> = schema.iter().map(|s| s.key).collect();
        let mut layout = if views_given.is_none() && controls_given.is_none() && hide_given.is_some() {
            Self::everything(meta, schema)
        } else {
            Self::compact(meta, schema)
        };
        if let Some(list) = views_given {
            let ids: Vec<&str> = meta.views.iter().map(|v| v.id).collect();
            let chosen = pick(&ids, &list, "Views shown", &mut notices, &[]);
            if chosen.iter().any(|c| *c) {
                layout.views = chosen;
            }
        }
        if let Some(list) = controls_given {
            layout.controls = pick(&keys, &list, "Controls shown", &mut notices, &[PRESETS, NONE]);
            layout.presets = names(&list).any(|n| n == PRESETS);
        } else if let Some(list) = hide_given {
            let hidden = pick(&keys, &list, "Hidden controls", &mut notices, &[]);
            layout.controls = hidden.iter().map(|h| !h).collect();
        }
        (layout, notices)
    }

    /// The query that gives this layout (empty for the default), in the lab's own order.
    pub fn to_query(&self, meta: &LabMeta, schema: &[ParamSpec]) -> String {
        if *self == Self::compact(meta, schema) {
            return String::new();
        }
        let views: Vec<&str> = meta.views.iter().zip(&self.views).filter(|(_, on)| **on).map(|(v, _)| v.id).collect();
        let mut controls: Vec<&str> = schema.iter().zip(&self.controls).filter(|(_, on)| **on).map(|(s, _)| s.key).collect();
        if self.presets {
            controls.push(PRESETS);
        }
        let controls = if controls.is_empty() { NONE.to_string() } else { controls.join(",") };
        format!("{VIEWS_KEY}={}&{CONTROLS_KEY}={controls}", views.join(","))
    }

    pub fn shows_view(&self, meta: &LabMeta, id: &str) -> bool {
        meta.views.iter().position(|v| v.id == id).is_some_and(|i| self.views.get(i).copied().unwrap_or(false))
    }

    pub fn shows_control(&self, schema: &[ParamSpec], key: &str) -> bool {
        schema.iter().position(|s| s.key == key).is_some_and(|i| self.controls.get(i).copied().unwrap_or(false))
    }

    /// The views shown, in order.
    pub fn shown_views<'a>(&'a self, meta: &'a LabMeta) -> impl Iterator<Item = &'a ViewMeta> + 'a {
        meta.views.iter().zip(&self.views).filter(|(_, on)| **on).map(|(v, _)| v)
    }
}

fn names(list: &str) -> impl Iterator<Item = String> + '_ {
    // `query_value` has already decoded the list.
    list.split(',').take(MAX_NAMES).map(|n| n.trim().to_string()).filter(|n| !n.is_empty())
}

/// Flags for `known` from a comma-separated list; a name neither known nor allowed is noted.
fn pick(known: &[&str], list: &str, label: &str, notices: &mut Vec<Notice>, allowed: &[&str]) -> Vec<bool> {
    let mut flags = vec![false; known.len()];
    for name in names(list) {
        match known.iter().position(|k| *k == name) {
            Some(i) => flags[i] = true,
            None if allowed.contains(&name.as_str()) => {}
            None => notices.push(Notice { label: label.to_string(), given: sanitize(&name), problem: Problem::UnknownName, used: String::new() }),
        }
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::{catalogue::LABS, regularization, trees};

    fn reg() -> (&'static LabMeta, &'static [ParamSpec]) {
        (&regularization::META, &regularization::SCHEMA)
    }

    #[test]
    fn no_choice_gives_the_primary_view_and_the_key_controls() {
        let (meta, schema) = reg();
        let (layout, notices) = EmbedLayout::from_query(meta, schema, "lambda=0.1&degree=9");
        assert!(notices.is_empty());
        assert_eq!(layout.shown_views(meta).map(|v| v.id).collect::<Vec<_>>(), vec![meta.views[0].id]);
        for spec in schema {
            assert_eq!(layout.shows_control(schema, spec.key), meta.key_controls.contains(&spec.key), "{}", spec.key);
        }
        assert!(!layout.presets);
        assert_eq!(layout.to_query(meta, schema), "");
    }

    #[test]
    fn chosen_views_and_controls_round_trip_through_the_query() {
        let (meta, schema) = reg();
        let query = "views=fit,path&controls=lambda,presets";
        let (layout, notices) = EmbedLayout::from_query(meta, schema, query);
        assert!(notices.is_empty());
        assert!(layout.shows_view(meta, "fit") && layout.shows_view(meta, "path") && !layout.shows_view(meta, "coefficients"));
        assert!(layout.shows_control(schema, "lambda") && !layout.shows_control(schema, "degree") && layout.presets);
        assert_eq!(layout.to_query(meta, schema), query);
        assert_eq!(EmbedLayout::from_query(meta, schema, &layout.to_query(meta, schema)).0, layout);
    }

    #[test]
    fn no_controls_is_written_as_none() {
        let (meta, schema) = reg();
        let (layout, notices) = EmbedLayout::from_query(meta, schema, "views=path&controls=none");
        assert!(notices.is_empty());
        assert!(layout.controls.iter().all(|c| !c) && !layout.presets);
        assert_eq!(layout.to_query(meta, schema), "views=path&controls=none");
    }

    #[test]
    fn unknown_names_are_left_out_with_a_notice_and_a_view_always_shows() {
        let (meta, schema) = reg();
        let (layout, notices) = EmbedLayout::from_query(meta, schema, "views=%3Cscript%3E,nope&controls=lambda,bogus");
        assert_eq!(layout.shown_views(meta).count(), 1, "falls back to the primary view");
        assert!(layout.shows_view(meta, meta.views[0].id));
        assert!(layout.shows_control(schema, "lambda"));
        assert_eq!(notices.len(), 3);
        assert!(notices.iter().all(|n| n.problem == Problem::UnknownName));
        assert!(notices[0].to_string().contains("<script>"), "shown as text, never markup: {}", notices[0]);
    }

    #[test]
    fn a_link_from_before_views_could_be_chosen_shows_what_it_showed() {
        let (meta, schema) = (&trees::META, &trees::SCHEMA);
        let (layout, notices) = EmbedLayout::from_query(meta, schema, "model=forest&hide=seed,noise");
        assert!(notices.is_empty());
        assert!(layout.views.iter().all(|v| *v), "every view");
        assert!(!layout.shows_control(schema, "seed") && !layout.shows_control(schema, "noise") && layout.shows_control(schema, "ccp"));
        assert!(layout.presets);
    }

    #[test]
    fn a_hostile_list_is_bounded() {
        let (meta, schema) = reg();
        let list = vec!["x"; 10_000].join(",");
        let (_, notices) = EmbedLayout::from_query(meta, schema, &format!("views={list}"));
        assert!(notices.len() <= MAX_NAMES);
    }

    #[test]
    fn every_lab_declares_views_and_a_few_key_controls() {
        for meta in LABS {
            assert!(!meta.views.is_empty(), "{}", meta.slug);
            let mut ids: Vec<&str> = meta.views.iter().map(|v| v.id).collect();
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), meta.views.len(), "{}: view ids are unique", meta.slug);
            assert!(meta.views.iter().all(|v| !v.id.contains([',', '&', '=', ' ']) && !v.label.is_empty()), "{}", meta.slug);
            assert!((2..=4).contains(&meta.key_controls.len()), "{}: a compact strip of 2–4 controls", meta.slug);
        }
    }
}
