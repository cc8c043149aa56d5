//! One test over every registered lab: what the site lists, every preset and every challenge's
//! set-up, solution and wrong answer, checked the same way for all. (Each lab's own lesson test
//! file checks that its challenges teach: set-up not met, solution met, wrong answer not met.)

use hyperlab_ml::labs::catalogue::{self, LABS};
use hyperlab_ml::labs::{apply_moves, valid_id, ChallengeInfo, Preset};
use hyperlab_ml::labs::{budgets, cross_validation, learning_rate, regularization, search, training, trees};
use hyperlab_ml::schema::{ParamSpec, ParamState};
use std::collections::HashSet;

/// What a lab declares beyond its catalogue entry, by slug. A lab in the catalogue without a
/// line here fails the test, so a new lab cannot skip these checks.
fn declared(slug: &str) -> Option<(&'static [ParamSpec], &'static [Preset], Vec<ChallengeInfo>)> {
    fn infos<S>(challenges: &[hyperlab_ml::labs::Challenge<S>]) -> Vec<ChallengeInfo> {
        challenges.iter().map(|c| c.info).collect()
    }
    Some(match slug {
        s if s == learning_rate::META.slug => (&learning_rate::SCHEMA, &learning_rate::PRESETS, infos(&learning_rate::CHALLENGES)),
        s if s == regularization::META.slug => (&regularization::SCHEMA, &regularization::PRESETS, infos(&regularization::CHALLENGES)),
        s if s == training::META.slug => (&training::SCHEMA, training::PRESETS, infos(&training::CHALLENGES)),
        s if s == cross_validation::META.slug => (&cross_validation::SCHEMA, &cross_validation::PRESETS, infos(&cross_validation::CHALLENGES)),
        s if s == search::META.slug => (&search::SCHEMA, &search::PRESETS, infos(&search::CHALLENGES)),
        s if s == trees::META.slug => (&trees::SCHEMA, &trees::PRESETS, infos(&trees::CHALLENGES)),
        s if s == budgets::META.slug => (&budgets::SCHEMA, &budgets::PRESETS, infos(&budgets::CHALLENGES)),
        _ => return None,
    })
}

fn parses_cleanly(schema: &'static [ParamSpec], query: &str, what: &str) {
    let (_, notices) = ParamState::from_query(schema, query);
    assert!(notices.is_empty(), "{what}: `{query}` gives notices {notices:?}");
}

#[test]
fn every_lab_is_listed_once_with_a_url_safe_slug_and_its_texts() {
    let mut slugs = HashSet::new();
    for lab in LABS {
        assert!(!lab.slug.is_empty() && lab.slug.bytes().all(|c| c.is_ascii_lowercase() || c == b'-'), "{}", lab.slug);
        assert!(!["embed", "practice"].contains(&lab.slug), "{} is a reserved route", lab.slug);
        assert!(slugs.insert(lab.slug), "{} listed twice", lab.slug);
        assert!(!lab.title.is_empty() && !lab.promise.is_empty() && !lab.description.is_empty() && !lab.concepts.is_empty(), "{}", lab.slug);
        assert!(catalogue::find(lab.slug).is_some_and(|l| l.title == lab.title));
        assert!(declared(lab.slug).is_some(), "{}: declare its schema, presets and challenges in this test", lab.slug);
    }
}

#[test]
fn every_lab_declares_embeddable_views_and_key_controls_from_its_schema() {
    use hyperlab_ml::labs::embed::{EmbedLayout, PRESETS, NONE, VIEWS_KEY, CONTROLS_KEY, HIDE_KEY};
    for lab in LABS {
        let (schema, _, _) = declared(lab.slug).unwrap();
        for key in lab.key_controls {
            assert!(schema.iter().any(|s| s.key == *key), "{}: key control {key} is not in its schema", lab.slug);
        }
        for name in [PRESETS, NONE, VIEWS_KEY, CONTROLS_KEY, HIDE_KEY] {
            assert!(schema.iter().all(|s| s.key != name), "{}: `{name}` is reserved for embeds", lab.slug);
        }
        // Every single view can be chosen alone and comes back from its query.
        for view in lab.views {
            let query = format!("views={}&controls=none", view.id);
            let (layout, notices) = EmbedLayout::from_query(lab, schema, &query);
            assert!(notices.is_empty(), "{}: {query}", lab.slug);
            assert_eq!(layout.shown_views(lab).map(|v| v.id).collect::<Vec<_>>(), vec![view.id]);
            assert_eq!(layout.to_query(lab, schema), query);
        }
    }
}

#[test]
fn every_preset_parses_cleanly_and_names_itself() {
    for lab in LABS {
        let (schema, presets, _) = declared(lab.slug).unwrap();
        assert!(!presets.is_empty(), "{}: a lab shows its claims with presets", lab.slug);
        let mut names = HashSet::new();
        for p in presets {
            assert!(names.insert(p.name), "{}: preset {} twice", lab.slug, p.name);
            assert!(!p.claim.is_empty() && !p.query.is_empty(), "{}: {}", lab.slug, p.name);
            parses_cleanly(schema, p.query, &format!("{} preset {}", lab.slug, p.name));
        }
    }
}

/// The claim panel: a preset's own state shows its claim; a preset pinned to a seed, moved to
/// another seed, shows a warning naming the preset and its seed instead; a state no preset
/// describes shows nothing.
#[test]
fn each_preset_claims_its_own_state_and_warns_at_another_seed() {
    use hyperlab_ml::labs::PresetMatch;
    let mut pinned = 0;
    for lab in LABS {
        let (schema, presets, _) = declared(lab.slug).unwrap();
        for p in presets {
            let own = ParamState::from_query(schema, p.query).0;
            // Another preset naming fewer knobs could also match; the first in the list wins, as
            // on the page, and it must be this one or share its state.
            match Preset::for_state(presets, &own) {
                Some(PresetMatch::Exact(found)) => assert!(found.name == p.name || ParamState::from_query(schema, found.query).0 == own, "{}: {} shows {}", lab.slug, p.name, found.name),
                other => panic!("{}: {} gives {other:?}", lab.slug, p.name),
            }
            if let Some(seed) = p.seed() {
                pinned += 1;
                let other_seed = if seed == "2" { "3" } else { "2" };
                let moved = ParamState::from_query(schema, &apply_moves(p.query, &format!("seed={other_seed}"))).0;
                match Preset::for_state(presets, &moved) {
                    Some(PresetMatch::OtherSeed(found)) => assert_eq!(ParamState::from_query(schema, &apply_moves(found.query, &format!("seed={other_seed}"))).0, moved, "{}: {}", lab.slug, p.name),
                    Some(PresetMatch::Exact(found)) => assert!(found.seed().is_none(), "{}: {} at seed {other_seed} claims {}", lab.slug, p.name, found.name),
                    None => panic!("{}: {} at seed {other_seed} shows nothing", lab.slug, p.name),
                }
            }
        }
    }
    assert!(pinned >= 7, "the training presets pin their seed ({pinned})");
    assert_eq!(Preset::for_state(training::PRESETS, &ParamState::from_query(&training::SCHEMA, "data=spirals&seed=7").0), None);
}

#[test]
fn every_challenge_has_a_unique_id_and_clean_setup_solution_and_wrong_answer() {
    let mut ids = HashSet::new();
    for lab in LABS {
        let (schema, _, challenges) = declared(lab.slug).unwrap();
        assert!(!challenges.is_empty(), "{}: no challenges", lab.slug);
        for c in challenges {
            assert!(valid_id(c.id), "{}", c.id);
            assert!(ids.insert(c.id), "challenge id {} is used twice across labs", c.id);
            assert_eq!(c.lab, lab.slug, "{} names the wrong lab", c.id);
            assert!(!c.title.is_empty() && !c.prompt.is_empty() && !c.hint.is_empty() && !c.explanation.is_empty(), "{}", c.id);
            assert!(!c.solution.is_empty(), "{}: a scripted solution proves it can be met", c.id);
            assert!(!c.wrong_answer.is_empty(), "{}: the usual wrong answer proves it needs insight", c.id);
            parses_cleanly(schema, c.setup, &format!("{} set-up", c.id));
            parses_cleanly(schema, &apply_moves(c.setup, c.solution), &format!("{} solution", c.id));
            parses_cleanly(schema, &apply_moves(c.setup, c.wrong_answer), &format!("{} wrong answer", c.id));
            if c.seed_pinned_because.is_some() {
                // Pinned to the set-up's seed: the set-up names one, neither the solution nor the
                // wrong answer moves it, and the page's note (not the prompt) says so.
                assert!(c.setup_seed().is_some() && c.seed_note().is_some(), "{}: a pinned challenge's set-up names its seed", c.id);
                assert!(!c.solution.contains("seed=") && !c.wrong_answer.contains("seed="), "{}", c.id);
                assert!(!c.prompt.contains("Keep seed"), "{}: the seed note says it", c.id);
            }
        }
    }
}
