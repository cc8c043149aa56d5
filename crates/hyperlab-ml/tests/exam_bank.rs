//! The question bank is data; these tests are its build-time validation: structure, tags,
//! answer counts per format, an explanation for every option, every lab link parsing with zero
//! notices, coverage of every curriculum concept and exam task, and the minimum sizes.

use hyperlab_ml::exam::{challenge_ids, Answer, Bank, Format, BANK_JSON};
use std::collections::BTreeMap;

fn bank() -> Bank {
    Bank::parse(BANK_JSON).expect("the bank parses")
}

#[test]
fn the_shipped_bank_is_valid() {
    let errors = bank().validate(&challenge_ids());
    assert!(errors.is_empty(), "{} problems:\n{}", errors.len(), errors.join("\n"));
}

/// The issue: every question has a "prove it" link to a lab state (the validation above checks
/// that each parses with zero notices).
#[test]
fn every_question_has_a_prove_it_link() {
    let b = bank();
    let missing: Vec<&str> = b.questions.iter().filter(|q| q.lab.is_none() || q.prove.is_none()).map(|q| q.id.as_str()).collect();
    assert!(missing.is_empty(), "questions without a lab state: {missing:?}");
}

#[test]
fn the_bank_is_large_enough_and_covers_every_concept_and_task() {
    let b = bank();
    assert!(b.questions.len() >= 120, "{} questions (want at least 120)", b.questions.len());
    for c in &b.concepts {
        let n = b.questions.iter().filter(|q| q.concepts.contains(&c.id)).count();
        assert!(n >= 3, "concept {} has {n} questions (want at least 3)", c.id);
    }
    for t in &b.tasks {
        let n = b.questions.iter().filter(|q| q.tasks.contains(&t.id)).count();
        assert!(n >= 5, "task {} has {n} questions", t.id);
    }
    for f in Format::ALL {
        assert!(b.questions.iter().any(|q| q.format == f), "no {} question", f.label());
    }
}

/// The curriculum's sections are all in the bank's concept list (CURRICULUM.md's headings).
#[test]
fn concepts_cover_every_curriculum_section() {
    let b = bank();
    for section in ["Parameters vs hyperparameters", "Capacity", "Regularization", "Optimization hyperparameters", "Tree-based models", "Validation", "Searching for hyperparameters"] {
        assert!(b.concepts.iter().any(|c| c.section == section), "no concept in section {section}");
    }
}

#[test]
fn service_questions_cite_their_documentation() {
    let b = bank();
    for q in b.questions.iter().filter(|q| q.concepts.iter().any(|c| c == "sagemaker-amt")) {
        let source = q.source.as_deref().unwrap_or("");
        assert!(source.starts_with("https://docs.aws.amazon.com/"), "{} has no documentation source", q.id);
    }
    assert!(!b.docs_version.is_empty());
}

#[test]
fn the_key_grades_right_and_blank_or_shown_order_grades_wrong() {
    for q in &bank().questions {
        assert!(q.grade(&q.key()), "{}: its key does not grade as right", q.id);
        assert!(q.is_complete(&q.key()), "{}", q.id);
        let blank = q.blank_answer();
        assert!(!q.grade(&blank), "{}: the starting answer grades as right", q.id);
        if q.format == Format::Ordering {
            assert!(!q.is_complete(&blank), "{}: an untouched ordering counts as answered", q.id);
            assert!(q.is_complete(&Answer::Order(q.display_order())), "{}: keeping the shown order is an answer", q.id);
        }
        let order = q.display_order();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(sorted, (0..q.options.len()).collect::<Vec<_>>(), "{}: display order is a permutation", q.id);
    }
}

#[test]
fn a_wrong_pick_grades_wrong() {
    for q in bank().questions.iter().filter(|q| matches!(q.format, Format::Single | Format::Multiple)) {
        let wrong = (0..q.options.len()).find(|&i| !q.options[i].correct).unwrap();
        let Answer::Picks(mut picks) = q.key() else { unreachable!() };
        picks[0] = wrong;
        assert!(!q.grade(&Answer::Picks(picks)), "{}", q.id);
    }
}

#[test]
fn the_key_is_not_always_shown_in_the_same_place() {
    let b = bank();
    let mut first_key_position: BTreeMap<usize, usize> = BTreeMap::new();
    for q in b.questions.iter().filter(|q| q.format == Format::Single) {
        let order = q.display_order();
        let pos = order.iter().position(|&i| q.options[i].correct).unwrap();
        *first_key_position.entry(pos).or_default() += 1;
    }
    assert!(first_key_position.len() >= 3, "the key sits in too few places: {first_key_position:?}");
}

#[test]
fn validation_catches_broken_questions() {
    let b = bank();
    let ids = challenge_ids();
    let mut broken = b.clone();
    broken.questions[0].options[0].why = String::new();
    broken.questions[1].id = broken.questions[2].id.clone();
    let lab_q = broken.questions.iter_mut().find(|q| q.lab.is_some()).unwrap();
    lab_q.prove = Some("lr=banana&nokey=1".into());
    let errors = broken.validate(&ids);
    assert!(errors.iter().any(|e| e.contains("no explanation")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("not unique")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("notice") || e.contains("unknown key")), "{errors:?}");
    let mut unmapped = b.clone();
    unmapped.challenges.remove(ids[0]);
    assert!(unmapped.validate(&ids).iter().any(|e| e.contains("not mapped")));
    let mut one_sample = b.clone();
    let seeded = one_sample.questions.iter_mut().find(|q| q.check.as_ref().is_some_and(|c| !c.seeds.is_empty())).unwrap();
    seeded.check.as_mut().unwrap().seeds.clear();
    assert!(one_sample.validate(&ids).iter().any(|e| e.contains("at least 3 seeds")), "a key checked on one random sample only must name its seed");
    let mut miscounted = b;
    let single = miscounted.questions.iter_mut().find(|q| q.format == Format::Single).unwrap();
    single.options.iter_mut().for_each(|o| o.correct = true);
    assert!(miscounted.validate(&ids).iter().any(|e| e.contains("1 correct")));
}

#[test]
fn malformed_bank_text_is_rejected() {
    assert!(Bank::parse("{").is_err());
    assert!(Bank::parse("{\"version\":1}").is_err());
    let no_why = BANK_JSON.replacen("\"why\"", "\"whyx\"", 1);
    assert!(Bank::parse(&no_why).is_err());
}

#[test]
fn cv_experiment_links_tell_the_learner_to_run_the_experiment() {
    let bank = Bank::parse(BANK_JSON).unwrap();
    for id in ["cv-most-pessimistic-k", "cv-order-bias", "cv-loo-variance"] {
        let q = bank.questions.iter().find(|q| q.id == id).expect(id);
        assert!(q.prove_note().is_some_and(|n| n.contains("Run the experiment")), "{id}");
    }
    let plain = bank.questions.iter().find(|q| q.id == "lr-order-steps").unwrap();
    assert_eq!(plain.prove_note(), None);
}

/// "Prove it" is promised only where a live check backs it: the SageMaker questions (facts the
/// lab only illustrates, e.g. warm-start types) link to the related lab instead.
#[test]
fn only_checked_questions_promise_proof() {
    let bank = Bank::parse(BANK_JSON).unwrap();
    let q = |id: &str| bank.questions.iter().find(|q| q.id == id).expect(id);
    assert_eq!(q("cv-most-pessimistic-k").prove_label(), "Prove it in the lab");
    assert_eq!(q("sm-warm-start").prove_label(), "Open the related lab");
    for q in bank.questions.iter().filter(|q| q.lab.is_some()) {
        assert_eq!(q.prove_label() == "Prove it in the lab", q.check.is_some(), "{}", q.id);
    }
}

/// A SageMaker question's search-lab link says where the configuration is, and the SageMaker
/// code of that state states the question's answer (the warm-start questions used to link to a
/// page with nothing on warm start).
#[test]
fn sagemaker_links_open_code_that_states_the_answer() {
    use hyperlab_ml::labs::search::{codegen::sagemaker, Settings};
    let needles: BTreeMap<&str, &[&str]> = BTreeMap::from([
        ("space-scale-match", &["\"lambda\": ContinuousParameter(1e-6, 10.0, scaling_type=\"Logarithmic\")", "IntegerParameter(1, 12, scaling_type=\"Linear\")", "ReverseLogarithmic (ranges inside [0, 1), such as a momentum close to 1)"][..]),
        ("par-sm-advice", &["Bayesian optimization is sequential and does not scale well to many parallel jobs"][..]),
        ("sm-strategies", &["Bayesian, Random, Hyperband, Grid"][..]),
        ("sm-scaling", &["ReverseLogarithmic (ranges inside [0, 1), such as a momentum close to 1)"][..]),
        ("sm-log-positive", &["Logarithmic (ranges above 0)"][..]),
        ("sm-grid-categorical", &["CategoricalParameter(", "Grid strategy takes categorical ranges only"][..]),
        ("sm-warm-start", &["TRANSFER_LEARNING when the data or the training image changed", "WarmStartConfig(WarmStartTypes.TRANSFER_LEARNING"][..]),
        ("sm-warm-parents", &["reuses 1 to 5 earlier tuning jobs"][..]),
        ("sm-auto-scale", &["Auto (SageMaker chooses the scale; the range stays yours)"][..]),
    ]);
    let b = bank();
    let noted: Vec<_> = b.questions.iter().filter(|q| q.prove_note() == Some(hyperlab_ml::exam::bank::SAGEMAKER_CODE_NOTE)).collect();
    let mut ids: Vec<&str> = noted.iter().map(|q| q.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, needles.keys().copied().collect::<Vec<_>>());
    for q in noted {
        let settings = Settings::from_query(q.prove.as_deref().unwrap());
        let code = sagemaker(&settings.code_spec());
        for needle in needles[q.id.as_str()] {
            assert!(code.contains(needle), "{}: {needle}\n{code}", q.id);
        }
    }
    // Early stopping: AWS documents that Hyperband needs TrainingJobEarlyStoppingType OFF; the
    // comment used to add "(not with Grid)", which the documentation does not say.
    let bayes = sagemaker(&Settings::from_query("problem=ridge&export=bayes").code_spec());
    assert!(bayes.contains("the Hyperband strategy needs \"Off\"") && !bayes.contains("not with Grid"));
    // Warm start is documented for the Bayesian and Random strategies, so Grid's code omits it.
    assert!(!sagemaker(&Settings::from_query("problem=ridge&export=grid").code_spec()).contains("warm"));
    assert!(sagemaker(&Settings::from_query("problem=ridge&export=random").code_spec()).contains("warm_start_config"));
}

/// "Prove it in the lab" shows the answer: for a question with one right option that has its
/// own state, the link opens that state (the walk-through found the learning-rate question's link
/// opening η = 0.05, a converging run, for "which rate diverges?").
#[test]
fn a_prove_link_opens_the_right_options_state() {
    let b = bank();
    let q = b.questions.iter().find(|q| q.id == "lr-bowl-diverges").unwrap();
    let href = q.prove_href().unwrap();
    assert!(href.ends_with("lr=0.25") || href.contains("lr=0.25&"), "{href}");
    let (settings, notices) = hyperlab_ml::labs::learning_rate::Settings::from_query(href.split_once('?').unwrap().1);
    assert!(notices.is_empty());
    assert!((settings.learning_rate - 0.25).abs() < 1e-12);
    for q in &b.questions {
        let right: Vec<usize> = (0..q.options.len()).filter(|&i| q.options[i].correct).collect();
        if q.format == Format::Single && right.len() == 1 && !q.options[right[0]].set.is_empty() {
            assert_eq!(q.prove_href(), q.option_href(right[0]), "{}", q.id);
        }
    }
}
