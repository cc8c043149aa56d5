//! Lesson tests for the trees lab: every preset claim, caption and challenge is checked on the
//! live model over several seeds.

use hyperlab_ml::labs::apply_moves;
use hyperlab_ml::labs::trees::challenges::{CALM_SHARE, FAST_RATE, FAST_TREES, FOREST_MIN_TREES, SLOW_RATE};
use hyperlab_ml::labs::trees::model::{best_of, judge, CapacityCurve, CapacityKnob, LabModel, Part, GOOD_FIT_POINTS, LEARNING_RATES};
use hyperlab_ml::labs::trees::texts::{self, argmin};
use hyperlab_ml::labs::trees::{run_query, ModelKind, Settings, Snapshot, Verdict, CHALLENGES, PRESETS, SCHEMA};
use hyperlab_ml::schema::ParamState;

#[path = "common/outcomes.rs"]
mod outcomes;
use outcomes::Outcomes;

const SEEDS: [u64; 5] = [1, 2, 3, 4, 5];

fn preset(name: &str) -> &'static str {
    PRESETS.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no preset {name}")).query
}

fn with_seed(query: &str, seed: u64) -> String {
    apply_moves(query, &format!("seed={seed}"))
}

fn model(query: &str) -> LabModel {
    let (s, notices) = Settings::from_query(query);
    assert!(notices.is_empty(), "{query}: {notices:?}");
    let mut m = LabModel::new(s).expect("the model builds");
    m.finish();
    m
}

/// The model with only one experiment fitted.
fn part(query: &str, part: Part) -> LabModel {
    let (s, _) = Settings::from_query(query);
    let mut m = LabModel::new(s).expect("the model builds");
    m.finish_part(part);
    m
}

fn rate_curve(m: &LabModel, lr: f64) -> Vec<f64> {
    let k = LEARNING_RATES.iter().position(|r| *r == lr).unwrap();
    m.rate_sweep[k].val_loss_curve.clone()
}

fn snap(query: &str) -> Snapshot {
    model(query).snapshot().expect("finished")
}

#[test]
fn presets_parse_without_notices_and_name_distinct_states() {
    for p in &PRESETS {
        let (_, notices) = ParamState::from_query(&SCHEMA, p.query);
        assert!(notices.is_empty(), "{}: {notices:?}", p.name);
    }
    for c in &CHALLENGES {
        for q in [c.info.setup, &apply_moves(c.info.setup, c.info.solution), &apply_moves(c.info.setup, c.info.wrong_answer)] {
            let (_, notices) = ParamState::from_query(&SCHEMA, q);
            assert!(notices.is_empty(), "{}: {q}: {notices:?}", c.info.id);
        }
    }
}

#[test]
fn settings_round_trip_through_the_url() {
    for p in &PRESETS {
        let (s, _) = Settings::from_query(p.query);
        assert_eq!(Settings::from_params(&s.to_params()), s, "{}", p.name);
        let again = Settings::from_query(&s.to_params().to_query()).0;
        assert_eq!(again, s, "{}", p.name);
    }
}

#[test]
fn a_stump_underfits() {
    for seed in SEEDS {
        let s = snap(&with_seed(preset("A stump underfits"), seed));
        assert!(s.train_error > 0.25, "seed {seed}: training error {}", s.train_error);
        assert!(s.val_error > s.best_tree_val + 0.1, "seed {seed}: validation {} vs best {}", s.val_error, s.best_tree_val);
        assert_eq!(s.verdict.verdict, Verdict::Underfitting, "seed {seed}");
        assert!(texts::verdict_explanation(&s).contains("which is deeper"));
    }
}

#[test]
fn a_fully_grown_tree_memorizes_noise() {
    for seed in SEEDS {
        let m = model(&with_seed(preset("A fully grown tree memorizes noise"), seed));
        let s = m.snapshot().unwrap();
        assert_eq!(s.train_error, 0.0, "seed {seed}: every leaf pure");
        assert!(s.val_error > s.best_tree_val + 0.02, "seed {seed}: validation {} vs best {}", s.val_error, s.best_tree_val);
        assert_eq!(s.verdict.verdict, Verdict::Overfitting, "seed {seed}");
        // Small islands: leaves that hold one or two training points.
        let tree = m.main.tree(0).unwrap();
        let islands = tree.nodes.iter().filter(|n| n.is_leaf() && n.n_samples <= 2).count();
        assert!(islands >= 3, "seed {seed}: {islands} tiny leaves");
        // The verdict's numbers: lower training error than at the best depth.
        let best_train = s.depth_curve[s.verdict.best_at].train;
        assert!(s.train_error < best_train, "seed {seed}");
        assert!(texts::verdict_explanation(&s).contains("below the best depth's"), "seed {seed}: {}", texts::verdict_explanation(&s));
    }
}

#[test]
fn more_trees_average_away_variance_then_plateau() {
    for seed in SEEDS {
        let m = part(&with_seed(preset("More trees average away variance, then plateau"), seed), Part::Main);
        let c = &m.main.val_curve;
        assert_eq!(c.len(), 300);
        assert!(c[0] - c[99] >= 0.02, "seed {seed}: one tree {} vs 100 trees {}", c[0], c[99]);
        let band = &c[99..];
        let (lo, hi) = band.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| (l.min(*v), h.max(*v)));
        assert!(hi - lo <= 0.03, "seed {seed}: 100–300 trees span {lo} … {hi}");
    }
}

#[test]
fn a_small_learning_rate_needs_more_trees() {
    for seed in SEEDS {
        let m = part(&with_seed(preset("A small learning rate needs more trees"), seed), Part::Rates);
        let (slow, fast) = (rate_curve(&m, 0.05), rate_curve(&m, 0.5));
        let (slow_at, _) = argmin(&slow).unwrap();
        let (fast_at, _) = argmin(&fast).unwrap();
        assert!(slow_at + 1 >= 3 * (fast_at + 1), "seed {seed}: 0.05 lowest after {} trees, 0.5 after {}", slow_at + 1, fast_at + 1);
        assert!(fast[299] > slow[299], "seed {seed}: at 300 trees 0.5 {} vs 0.05 {}", fast[299], slow[299]);
    }
}

#[test]
fn smaller_learning_rates_take_more_trees_to_their_lowest_loss() {
    // The learning-rate chart's caption, on every data set.
    for data in ["circles", "xor", "gauss", "moons", "spirals", "sine"] {
        for (seed, depth, noise, subsample) in [(1, "2", 0.2, 1.0), (2, "3", 0.2, 1.0), (3, "3", 0.2, 0.5), (4, "6", 0.4, 1.0)] {
            let q = format!("data={data}&noise={noise}&size=300&seed={seed}&model=boost&depth={depth}&trees=150&lr=0.1&subsample={subsample}");
            let m = part(&q, Part::Rates);
            let at: Vec<usize> = LEARNING_RATES.iter().map(|lr| argmin(&rate_curve(&m, *lr)).unwrap().0).collect();
            for w in at.windows(2) {
                assert!(w[0] >= w[1], "{q}: trees to the lowest loss by rate {LEARNING_RATES:?}: {at:?}");
            }
            assert!(texts::rates_order_sentence(&m).unwrap().contains(": the smaller the rate, the more trees"));
        }
    }
    assert!(texts::rates_caption(&Settings::from_query("model=boost").0).contains("Usually, the smaller the rate, the more trees"));
}

/// Not everywhere: the measured sentence names the trees each rate needed and says when they are
/// out of the rates' order.
#[test]
fn the_rates_sentence_states_the_order_it_measured() {
    let mut outcomes = Outcomes::default();
    for q in [
        "data=moons&noise=0.5&size=60&seed=2&model=boost&depth=4&trees=300",
        "data=xor&noise=0&size=300&seed=1&model=boost&depth=1&trees=300",
        "data=sine&noise=0&size=60&seed=1&model=boost&depth=2&trees=300",
        "data=circles&noise=0.2&size=300&seed=1&model=boost&depth=2&trees=150",
    ] {
        let m = part(q, Part::Rates);
        let at: Vec<usize> = LEARNING_RATES.iter().map(|lr| argmin(&rate_curve(&m, *lr)).unwrap().0 + 1).collect();
        let text = texts::rates_order_sentence(&m).unwrap();
        for (lr, n) in LEARNING_RATES.iter().zip(&at) {
            let trees = if *n == 1 { "1 tree".to_string() } else { format!("{n} trees") };
            assert!(text.contains(&format!("after {trees} at rate {}", hyperlab_ml::schema::format_number(*lr))), "{q}: {text}");
        }
        outcomes.record(at.windows(2).all(|w| w[0] >= w[1]), &text, ": the smaller the rate, the more trees", "here that is not in the rates' order", q);
        assert_eq!(text.contains("or as many"), at.windows(2).all(|w| w[0] >= w[1]) && at.windows(2).any(|w| w[0] == w[1]), "{q}: {text}");
    }
    outcomes.assert_both("smaller rates need more trees");
}

#[test]
fn out_of_bag_error_estimates_validation_error() {
    let (mut above, mut below) = (0, 0);
    for seed in SEEDS {
        let m = part(&with_seed(preset("Out-of-bag error estimates validation error"), seed), Part::Main);
        let oob = m.main.oob_error().expect("a bootstrap forest has an OOB error");
        let val = m.main.final_val().unwrap();
        assert!((oob - val).abs() <= 0.05, "seed {seed}: OOB {oob} vs validation {val}");
        let share = m.main.oob_share().unwrap();
        assert!((0.33..=0.40).contains(&share), "seed {seed}: about a third of the trees leave each point out ({share})");
    }
    // "A few points above or below" (and on average a little above): over 20 data sets.
    let (mut oob_sum, mut val_sum) = (0.0, 0.0);
    for seed in 1..=20 {
        let m = part(&with_seed(preset("Out-of-bag error estimates validation error"), seed), Part::Main);
        let (oob, val) = (m.main.oob_error().unwrap(), m.main.final_val().unwrap());
        assert!((oob - val).abs() <= 0.05, "seed {seed}: OOB {oob} vs validation {val}");
        if oob > val { above += 1 } else if oob < val { below += 1 }
        oob_sum += oob;
        val_sum += val;
    }
    assert!(above > 0 && below > 0, "OOB above validation on {above} seeds, below on {below}");
    assert!(oob_sum > val_sum, "on average the out-of-bag vote of a third of the forest is a little weaker");
}

#[test]
fn a_deep_tree_is_unstable_and_a_forest_is_not() {
    for seed in SEEDS {
        let q = with_seed(preset("A deep tree is unstable; a forest is not"), seed);
        let tree = part(&q, Part::Instability).instability.disagreement(false);
        let forest = part(&apply_moves(&q, "model=forest"), Part::Instability).instability.disagreement(false);
        assert!(tree > 0.10, "seed {seed}: deep trees disagree on {tree}");
        assert!(forest < 0.9 * tree && forest > 0.0, "seed {seed}: forests {forest} vs trees {tree}");
    }
}

#[test]
fn a_single_trees_training_error_never_rises_with_depth() {
    // The depth caption's claim for one tree with every feature at each split.
    for data in ["circles", "xor", "gauss", "moons", "spirals", "sine"] {
        for seed in [1, 2, 3] {
            let q = format!("data={data}&noise=0.25&size=200&seed={seed}&model=tree&depth=3");
            let m = part(&q, Part::TreeSweep);
            assert!(texts::depth_caption(&m.settings).contains("never rises"));
            let c = m.tree_curve();
            for w in c.windows(2) {
                assert!(w[1].train <= w[0].train + 1e-12, "{q}: {:?} then {:?}", w[0], w[1]);
            }
        }
    }
    // …and the caption does not make it when features are drawn at random, or with pruning.
    let (s, _) = Settings::from_query("model=tree&maxf=1");
    assert!(!texts::depth_caption(&s).contains("never rises"));
    let (s, _) = Settings::from_query("model=tree&ccp=0.01");
    assert!(!texts::depth_caption(&s).contains("never rises"));
}

#[test]
fn boosting_training_error_ends_far_below_where_it_started() {
    for data in ["circles", "xor", "moons", "sine"] {
        for seed in [1, 2, 3] {
            let q = format!("data={data}&noise=0.2&size=300&seed={seed}&model=boost&depth=3&trees=100&lr=0.1");
            let m = part(&q, Part::Main);
            assert!(texts::trees_caption(&m.settings).contains("with enough trees training error falls far below where it started"));
            let (first, last) = (m.main.train_curve[0], *m.main.train_curve.last().unwrap());
            assert!(last <= 0.5 * first, "{q}: training error {first} → {last}");
        }
    }
}

#[test]
fn a_small_learning_rate_lowers_boosting_training_error_slowly() {
    // The caption's "slowly at a small learning rate … a few trees at rate 0.05 can leave it
    // flat": the slow-rate challenge's state (20 trees at 0.05) against rate 0.5, and the same
    // slow rate given 300 trees.
    let mut flat = 0;
    for seed in SEEDS {
        let q = |lr: f64, trees: usize| format!("data=moons&noise=0.2&size=400&val=0.4&seed={seed}&model=boost&depth=2&trees={trees}&lr={lr}");
        let drop = |lr: f64, trees: usize| {
            let m = part(&q(lr, trees), Part::Main);
            (m.main.train_curve[0], *m.main.train_curve.last().unwrap())
        };
        let (slow_first, slow_last) = drop(0.05, 20);
        let (fast_first, fast_last) = drop(0.5, 20);
        assert!(slow_first - slow_last <= fast_first - fast_last, "seed {seed}: rate 0.05 {slow_first} → {slow_last}, rate 0.5 {fast_first} → {fast_last}");
        flat += usize::from(slow_last >= slow_first);
        let (long_first, long_last) = drop(0.05, 300);
        assert!(long_last <= 0.5 * long_first, "seed {seed}: 300 trees at rate 0.05: {long_first} → {long_last}");
    }
    assert!(flat >= 1, "'can leave it flat' needs a seed where it is flat");
}

#[test]
fn a_tree_map_shows_leaf_shares_and_a_regression_tree_is_a_staircase() {
    let m = part("data=moons&noise=0.2&seed=2&model=tree&depth=4", Part::Main);
    let tree = m.main.tree(0).unwrap();
    // Each leaf's value is the share of each class among the training points that reach it.
    for i in 0..m.train.x.n {
        let row = m.train.x.row(i);
        let leaf = tree.apply(&row);
        let members: Vec<usize> = (0..m.train.x.n).filter(|&j| tree.apply(&m.train.x.row(j)) == leaf).collect();
        let orange = members.iter().filter(|&&j| m.train.y[j] == 1.0).count() as f64 / members.len() as f64;
        assert!((tree.nodes[leaf].value[1] - orange).abs() < 1e-12);
    }
    // One input: the prediction takes at most as many values as the tree has leaves.
    let m = part("data=sine&noise=0.2&seed=2&model=tree&depth=3", Part::Main);
    let pred = m.main.scores(2);
    let mut distinct = pred.clone();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    assert!(distinct.len() <= m.main.tree(0).unwrap().n_leaves());
    assert!(texts::map_caption(&m.settings).contains("staircase"));
}

#[test]
fn the_verdict_reads_the_depth_curve() {
    let curve = |val: Vec<f64>, current: usize| CapacityCurve { knob: CapacityKnob::Depth, current, val: val.clone(), train: val };
    assert_eq!(judge(&curve(vec![0.3, 0.2, 0.1, 0.2], 2), false).verdict, Verdict::GoodFit);
    assert_eq!(judge(&curve(vec![0.3, 0.2, 0.1, 0.2], 0), false).verdict, Verdict::Underfitting);
    assert_eq!(judge(&curve(vec![0.3, 0.2, 0.1, 0.2], 3), false).verdict, Verdict::Overfitting);
    // The boundary: exactly the tolerance above the best is still a good fit.
    assert_eq!(judge(&curve(vec![0.1 + GOOD_FIT_POINTS, 0.1], 0), false).verdict, Verdict::GoodFit);
    assert_eq!(judge(&curve(vec![0.1 + GOOD_FIT_POINTS + 1e-9, 0.1], 0), false).verdict, Verdict::Underfitting);
    // Regression: 15 % of the best MSE.
    assert_eq!(judge(&curve(vec![0.114, 0.1], 0), true).verdict, Verdict::GoodFit);
    assert_eq!(judge(&curve(vec![0.116, 0.1], 0), true).verdict, Verdict::Underfitting);
    // The verdict explanation quotes the numbers it rests on.
    let s = snap(preset("A stump underfits"));
    let text = texts::verdict_explanation(&s);
    assert!(text.contains(&texts::error_text(s.val_error, false)), "{text}");
    assert!(text.contains(&texts::error_text(s.verdict.best_val, false)), "{text}");
}

#[test]
fn challenges_teach() {
    let run = |q: &str| run_query(q).expect("the model fits");
    for c in &CHALLENGES {
        let variants: &[&str] = match c.info.id {
            "trees-best-depth" | "trees-forest-beats-tree" | "trees-calm" => &[""],
            _ => &["", "seed=2", "seed=4"],
        };
        c.teaches(run, variants).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn the_best_depth_can_be_found_for_every_seed() {
    for seed in SEEDS {
        let setup = with_seed(CHALLENGES[0].info.setup, seed);
        let s = snap(&setup);
        assert!(!(CHALLENGES[0].check)(&s), "seed {seed}: the unlimited tree is not the best");
        let best = best_of(&s.tree_curve).unwrap();
        // The explanation's U: validation error falls, then rises again past the best depth.
        let at = s.tree_curve.iter().position(|p| p.depth == best.depth).unwrap();
        assert!(at > 0 && at < s.tree_curve.len() - 1 && s.tree_curve[0].val > best.val && s.tree_curve.last().unwrap().val > best.val, "seed {seed}: best depth {:?}", best.depth);
        let depth = best.depth.map_or("none".into(), |d| d.to_string());
        let found = snap(&apply_moves(&setup, &format!("depth={depth}")));
        assert!(found.settings.model == ModelKind::Tree && found.val_error <= found.best_tree_val, "seed {seed}: depth {depth}");
        // The challenge is judged on its set-up's seed only.
        assert_eq!(CHALLENGES[0].is_met(&found), seed == 1, "seed {seed}: depth {depth}");
    }
}

#[test]
fn the_best_depth_challenge_keeps_its_seed() {
    // On seed 21 the unlimited tree is already the best depth: changing the seed instead of the
    // depth must not count.
    let c = &CHALLENGES[0];
    assert_eq!((c.info.setup_seed(), c.info.seed_note().is_some()), (Some(1), true));
    let lucky = snap(&with_seed(c.info.setup, 21));
    assert!(lucky.settings.max_depth.is_none() && lucky.val_error <= lucky.best_tree_val, "{} vs {}", lucky.val_error, lucky.best_tree_val);
    assert!(!c.is_met(&lucky));
}

#[test]
fn challenge_prompts_quote_their_thresholds() {
    let slow = CHALLENGES.iter().find(|c| c.info.id == "trees-slow-rate").unwrap();
    assert!(slow.info.prompt.contains(&format!("learning rate {FAST_RATE}")) && slow.info.prompt.contains(&format!("{FAST_TREES} trees")) && slow.info.prompt.contains(&format!("{SLOW_RATE}")));
    // The slow rate needs many times as many trees as the fast one to reach the target.
    let s = snap(&apply_moves(slow.info.setup, slow.info.solution));
    let target = s.rate_loss(FAST_RATE, FAST_TREES).unwrap();
    let needed = s.val_loss_curve.iter().position(|l| *l <= target).unwrap() + 1;
    assert!(needed >= 5 * FAST_TREES, "{needed} trees");
    // The status quotes the same target the check uses.
    let line = texts::boosting_loss_line(&s).unwrap();
    assert!(line.contains(&hyperlab_ml::schema::format_number(target)) && line.contains(&format!("with {FAST_TREES} trees")), "{line}");
    let calm = CHALLENGES.iter().find(|c| c.info.id == "trees-calm").unwrap();
    // Its explanation: on its set-up, forests agree on far more of the map than deep trees.
    let trees = snap(calm.info.setup).instability;
    let forests = snap(&apply_moves(calm.info.setup, calm.info.solution)).instability;
    assert!(forests < trees / 2.0 && forests > 0.0, "forests {forests} vs trees {trees}");
    // "Usually … not on every seed": over seeds 1–20 forests disagree less on most, not all
    // (seed 14: 0.173 against 0.135).
    let less = (1..=20).filter(|seed| {
        let q = apply_moves(calm.info.setup, &format!("seed={seed}"));
        snap(&apply_moves(&q, calm.info.solution)).instability < snap(&q).instability
    }).count();
    println!("forests calmer on {less} of 20 seeds");
    assert!((15..20).contains(&less), "{less} of 20");
    assert!(calm.info.prompt.contains(&format!("{:.0} %", CALM_SHARE * 100.0)));
    let _ = ModelKind::Tree;
}

#[test]
fn every_text_of_every_preset_is_finite_and_filled() {
    // Each preset at 40 trees, and at a single tree (a forest or boosting of one).
    for (p, trees) in PRESETS.iter().flat_map(|p| [(p, "trees=40"), (p, "trees=1")]) {
        let m = model(&apply_moves(p.query, trees));
        let s = m.snapshot().unwrap();
        let all = [
            texts::scores_line(&m),
            texts::map_summary(&m),
            texts::depth_summary(&m.depth_curve(), &m.settings),
            texts::trees_summary(&m),
            texts::rates_summary(&m),
            texts::instability_summary(Some(s.instability), &m.settings),
            texts::verdict_explanation(&s),
            texts::tree_summary(m.main.tree(0), 1, &m.settings),
            texts::progress_line(&m),
            texts::model_line(&m.settings),
            texts::boosting_loss_line(&s).unwrap_or_else(|| "none".into()),
        ];
        for t in all {
            assert!(!t.is_empty() && !t.contains("NaN") && !t.contains("inf") && !t.contains('—'), "{}: {t}", p.name);
            assert!(!t.contains(" 1 trees") && !t.contains("of 1 trees"), "{}: {t}", p.name);
        }
    }
}

#[test]
fn without_bootstrap_there_is_no_out_of_bag_error() {
    let m = part("model=forest&bootstrap=0&trees=10&depth=3", Part::Main);
    assert!(m.main.oob_error().is_none() && m.main.oob_curve().is_empty());
    assert!(texts::trees_caption(&m.settings).contains("no out-of-bag error"));
    assert!(!texts::scores_line(&m).contains("out-of-bag"));
    let m = part("model=forest&bootstrap=1&trees=10&depth=3", Part::Main);
    assert!(m.main.oob_error().is_some());
    assert!(texts::trees_caption(&m.settings).contains("out-of-bag error after each tree"));
}

#[test]
fn larger_pruning_strength_leaves_fewer_leaves_and_zero_keeps_the_whole_tree() {
    let spec = SCHEMA.iter().find(|s| s.key == "ccp").unwrap();
    assert!(spec.help.contains("Larger α, fewer leaves; 0 keeps the whole tree"));
    for data in ["moons", "circles", "sine"] {
        for seed in [1, 2, 3] {
            let leaves = |ccp: f64| {
                let q = format!("data={data}&noise=0.25&seed={seed}&model=tree&depth=none&ccp={ccp}");
                part(&q, Part::Main).main.tree(0).unwrap().n_leaves()
            };
            let grown = part(&format!("data={data}&noise=0.25&seed={seed}&model=tree&depth=none"), Part::Main).main.tree(0).unwrap().n_leaves();
            assert_eq!(leaves(0.0), grown);
            let counts: Vec<usize> = [0.0, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1].iter().map(|a| leaves(*a)).collect();
            for w in counts.windows(2) {
                assert!(w[1] <= w[0], "{data} seed {seed}: leaves by α {counts:?}");
            }
            assert!(counts[counts.len() - 1] < counts[0], "{data} seed {seed}: pruning removes leaves {counts:?}");
        }
    }
}

#[test]
fn the_tree_caption_quotes_the_folding_depth() {
    assert!(texts::TREE_CAPTION.contains(&format!("below depth {}", texts::TREE_OPEN_DEPTH)));
}

#[test]
fn a_one_tree_forest_does_not_make_a_forest_beat_the_best_tree() {
    // Defect: a single lucky bootstrap tree beat the best tree and the explanation credited
    // averaging. The check now asks for what the explanation is about.
    let c = CHALLENGES.iter().find(|c| c.info.id == "trees-forest-beats-tree").unwrap();
    let lucky = "data=moons&noise=0.3&size=300&val=0.4&seed=1&model=forest&depth=3&trees=1";
    let s = snap(lucky);
    assert!(s.val_error < s.best_tree_val, "the case the defect was found on: {} vs {}", s.val_error, s.best_tree_val);
    assert!(!(c.check)(&s), "a one-tree forest met the challenge");
    // Enough trees but shallower than the best single tree: not the explanation's deep trees either.
    let shallow = snap(&apply_moves(c.info.setup, "model=forest&trees=100&depth=1"));
    assert!(!(c.check)(&shallow));
    assert!(c.info.prompt.contains(&format!("at least {FOREST_MIN_TREES} trees")));
    let _ = run(lucky);
}

fn run(q: &str) -> Snapshot {
    run_query(q).expect("the model fits")
}

#[test]
fn a_forest_of_deep_trees_does_not_overfit_much() {
    // The forest's depth caption: no depth limit stays within a few points of the forest's best.
    for seed in SEEDS {
        let q = format!("data=moons&noise=0.3&size=300&val=0.4&seed={seed}&model=forest&depth=none&trees=60");
        let mut m = part(&q, Part::DepthSweep);
        m.finish_part(Part::TreeSweep);
        let c = m.depth_curve();
        let best = best_of(&c).unwrap();
        let none = c.iter().find(|p| p.depth.is_none()).unwrap();
        let t = m.tree_curve();
        let (tree_best, tree_none) = (best_of(&t).unwrap(), t.iter().find(|p| p.depth.is_none()).unwrap());
        // In this state the forest with no limit stays within 6 points of its best, and ends
        // below one tree with no limit.
        assert!(none.val - best.val <= 0.06 && none.val < tree_none.val, "seed {seed}: forest no limit {} vs best {}; tree {} vs {}", none.val, best.val, tree_none.val, tree_best.val);
        assert!(texts::depth_caption(&m.settings).contains("averaging cancels only part of it"));
        assert!(texts::depth_rise_sentence(&m).unwrap().ends_with("it ends below the tree."), "seed {seed}");
    }
}

/// The forest's depth caption promises no flatter curve than one tree's: over these data sets
/// and seeds the forest with no depth limit sometimes rises as far as one tree or further, so the
/// comparison is measured, and the sentence states what the two curves show.
#[test]
fn the_forest_depth_sentence_states_what_the_curves_show() {
    let (mut less, mut not_less) = (0, 0);
    for data in ["moons", "circles&noise=0.45", "xor", "sine"] {
        for trees in [3, 30] {
            for seed in 1..=3 {
                let q = format!("data={data}&seed={seed}&model=forest&depth=none&trees={trees}");
                let mut m = part(&q, Part::DepthSweep);
                m.finish_part(Part::TreeSweep);
                let caption = texts::depth_caption(&m.settings);
                assert!(!caption.contains("far less") && !caption.contains("keeps deep trees"), "{caption}");
                let rise = |c: &[hyperlab_ml::labs::trees::model::DepthPoint]| c.iter().find(|p| p.depth.is_none()).unwrap().val - best_of(c).unwrap().val;
                let (forest, tree) = (rise(&m.depth_curve()), rise(&m.tree_curve()));
                let text = texts::depth_rise_sentence(&m).expect("both sweeps are fitted");
                let regression = data == "sine";
                let shown = |v: f64| if regression { hyperlab_ml::schema::format_number(v) } else { format!("{:.1} %", v * 100.0) };
                let gap = |v: f64| if v <= 0.0 { "at its lowest".to_string() } else if regression { format!("{} above its lowest", hyperlab_ml::schema::format_number(v)) } else { format!("{:.1} points above its lowest", v * 100.0) };
                let end = |c: &[hyperlab_ml::labs::trees::model::DepthPoint]| c.iter().find(|p| p.depth.is_none()).unwrap().val;
                let (forest_end, tree_end) = (end(&m.depth_curve()), end(&m.tree_curve()));
                assert!(text.contains(&format!("the forest's validation error is {} ({})", shown(forest_end), gap(forest))), "{q}: {text}");
                assert!(text.contains(&format!("is {} ({}). Here", shown(tree_end), gap(tree))), "{q}: {text}");
                let rises = if (forest - tree).abs() < 1e-12 { "as much" } else if forest < tree { "less" } else { "more" };
                let ends = if (forest_end - tree_end).abs() < 1e-12 { "level with" } else if forest_end < tree_end { "below" } else { "above" };
                assert!(text.ends_with(&format!("the forest's curve rises {rises} and it ends {ends} the tree.")), "{q}: {text}");
                if forest < tree {
                    less += 1;
                } else {
                    not_less += 1;
                }
            }
        }
    }
    // Both outcomes occur here: a fixed claim either way would be false somewhere.
    assert!(less > 0 && not_less > 0, "{less} states where the forest rises less, {not_less} where not");
}

#[test]
fn averaging_trees_reduces_variance_only_to_a_floor() {
    // The number-of-trees caption: the forest plateaus above zero and its trees still disagree.
    for seed in SEEDS {
        let m = part(&with_seed(preset("More trees average away variance, then plateau"), seed), Part::Main);
        assert!(texts::trees_caption(&m.settings).contains("down to a floor"));
        let c = &m.main.val_curve;
        let floor = c[99..].iter().copied().fold(f64::INFINITY, f64::min);
        assert!(floor > 0.02, "seed {seed}: the plateau {floor}");
        let (a, b) = (m.main.tree(0).unwrap(), m.main.tree(1).unwrap());
        let differ = (0..m.val.x.n).filter(|&i| {
            let row = m.val.x.row(i);
            (a.nodes[a.apply(&row)].value[1] >= 0.5) != (b.nodes[b.apply(&row)].value[1] >= 0.5)
        });
        assert!(differ.count() > 0, "seed {seed}: two trees agree everywhere");
    }
}

#[test]
fn boosting_with_too_few_trees_blames_the_number_of_trees() {
    let c = CHALLENGES.iter().find(|c| c.info.id == "trees-slow-rate").unwrap();
    for seed in [1, 2, 4] {
        let setup = with_seed(c.info.setup, seed);
        let s = snap(&setup);
        if seed != 1 && s.verdict.verdict != Verdict::Underfitting {
            continue;
        }
        assert_eq!(s.verdict.verdict, Verdict::Underfitting, "seed {seed}");
        let text = texts::verdict_explanation(&s);
        assert!(text.contains("too few for learning rate 0.05") && !text.contains("too shallow"), "seed {seed}: {text}");
        // …and more trees do lower it.
        let more = snap(&apply_moves(&setup, c.info.solution));
        assert!(more.val_loss < s.val_loss && more.val_error < s.val_error, "seed {seed}: {} → {}", s.val_error, more.val_error);
    }
    // A stump still underfits because it is too shallow.
    assert!(texts::verdict_explanation(&snap(preset("A stump underfits"))).contains("too shallow"));
}

#[test]
fn a_tree_that_memorised_its_points_is_overfitting_when_a_shallower_tree_does_as_well() {
    for seed in SEEDS {
        for query in [preset("A deep tree is unstable; a forest is not"), preset("A fully grown tree memorizes noise")] {
            let s = snap(&with_seed(query, seed));
            let text = texts::verdict_explanation(&s);
            let memorised = s.train_error == 0.0 && s.val_error - s.train_error >= texts::MEMORISED_GAP;
            let shallower_best = s.verdict.best_at + 1 < s.depth_curve.len();
            if memorised && shallower_best {
                assert_eq!(s.verdict.verdict, Verdict::Overfitting, "seed {seed}: {text}");
                assert!(text.contains("noise"), "seed {seed}: {text}");
            }
            // A "Good fit" with no training error always says the model memorised its points.
            if s.verdict.verdict == Verdict::GoodFit && memorised {
                assert!(text.contains("memorised"), "seed {seed}: {text}");
            }
        }
    }
    // The walk-through's case: 0 % training, 16.7 % validation, depth 2 at 15.8 %.
    let s = snap("data=moons&noise=0.25&size=300&val=0.4&seed=1&model=tree&depth=none");
    assert_eq!(s.verdict.verdict, Verdict::Overfitting);
    let text = texts::verdict_explanation(&s);
    assert!(text.contains("a shallower tree does at least as well") && text.contains("luck of this split"), "{text}");
    assert!(s.verdict.current_val <= s.verdict.best_val + s.verdict.tolerance, "the case where the 2-point rule alone said Good fit");
    assert!(!texts::verdict_explanation(&snap(&with_seed(CHALLENGES[0].info.setup, 1).replace("depth=none", "depth=3"))).contains("memorised"));
}

#[test]
fn boosting_past_its_best_number_of_trees_says_so_and_names_early_stopping() {
    let mut said = 0;
    for seed in SEEDS {
        let s = snap(&with_seed(preset("A small learning rate needs more trees"), seed));
        let text = texts::verdict_explanation(&s);
        let (i, lowest) = argmin(&s.val_loss_curve).unwrap();
        let last = *s.val_loss_curve.last().unwrap();
        let past = i + 1 < s.val_loss_curve.len() && last >= 1.05 * lowest;
        assert_eq!(text.contains("went past its best number of trees"), past, "seed {seed}: {text}");
        if past {
            assert_eq!(s.verdict.verdict, Verdict::Overfitting, "seed {seed}");
            assert!(text.contains(&format!("lowest after {} tree", i + 1)) && text.contains("early stopping"), "{text}");
            said += 1;
        }
    }
    // The walk-through's case: lowest after 123 trees, higher after 300.
    let s = snap("data=moons&noise=0.2&size=400&val=0.4&seed=1&model=boost&depth=2&trees=300&lr=0.05");
    let text = texts::verdict_explanation(&s);
    assert!(text.contains("went past its best number of trees") && s.verdict.verdict == Verdict::Overfitting, "{text}");
    assert!(said >= 1, "some seed must show it");
}

#[test]
fn a_small_learning_rate_often_reaches_a_lower_best_loss() {
    let (mut lower, mut total) = (0, 0);
    for data in ["circles", "xor", "gauss", "moons", "spirals", "sine"] {
        for seed in [1, 2, 3] {
            let q = format!("data={data}&noise=0.2&size=300&seed={seed}&model=boost&depth=2&trees=300&lr=0.05");
            let m = part(&q, Part::Rates);
            let (_, slow) = argmin(&rate_curve(&m, 0.05)).unwrap();
            let (_, fast) = argmin(&rate_curve(&m, 0.5)).unwrap();
            total += 1;
            if slow <= fast {
                lower += 1;
            }
        }
    }
    eprintln!("lower best loss at 0.05 than at 0.5: {lower} of {total}");
    // About half the time on these data sets: "often", not "usually".
    assert!(lower * 3 >= total, "{lower} of {total}");
    let c = CHALLENGES.iter().find(|c| c.info.id == "trees-slow-rate").unwrap();
    assert!(c.info.explanation.contains("often a lower best loss") && !c.info.explanation.contains("usually"));
}

#[test]
fn feature_sampling_has_no_effect_on_the_one_feature_sine() {
    let spec = SCHEMA.iter().find(|s| s.key == "maxf").unwrap();
    assert!(spec.help.contains("feature sampling has no effect"));
    for seed in [1, 2, 3] {
        let curve = |maxf: &str| part(&format!("data=sine&noise=0.2&seed={seed}&model=forest&trees=20&depth=4&maxf={maxf}"), Part::Main).main.val_curve.clone();
        let all = curve("all");
        for maxf in ["sqrt", "log2", "1", "default"] {
            assert_eq!(curve(maxf), all, "seed {seed}: maxf={maxf}");
        }
    }
}

#[test]
fn the_map_caption_does_not_say_paler_for_the_dark_theme() {
    // The heatmap mixes each class colour into the background, so unsure regions are darker on
    // the dark theme: "closer to the background colour" holds in both.
    let (s, _) = Settings::from_query("data=moons");
    let c = texts::map_caption(&s);
    assert!(c.contains("closer to the background colour") && !c.contains("paler"), "{c}");
}


#[test]
fn a_forest_with_zero_training_error_is_not_called_overfitting() {
    // The walk-through state: a forest of unlimited trees fits every training point, as forests
    // do. The single-tree rule ("it memorised … the closeness is luck") must not be applied to
    // it; where it validates within the tolerance of its best depth, its verdict explains the 0 %
    // instead.
    let mut forests_with_zero_training_error = 0;
    for seed in SEEDS {
        for q in [
            format!("data=moons&noise=0.25&size=600&val=0.5&seed={seed}&model=forest&depth=none&trees=100"),
            with_seed(preset("More trees average away variance, then plateau"), seed),
        ] {
            let s = run(&q);
            let text = texts::verdict_explanation(&s);
            // Overfitting only where the depth curve itself shows it (more than the tolerance
            // above a shallower depth), never on the strength of the 0 % alone, and then not
            // argued from the training error either.
            let j = s.verdict;
            if j.verdict == Verdict::Overfitting {
                assert!(j.current_val > j.best_val + j.tolerance, "{q}: {text}");
                assert!(text.contains("limiting how deep the forest's trees grow helps") && !text.contains("training error"), "{q}: {text}");
            }
            assert!(!text.contains("luck of this split") && !text.contains("memorised"), "{q}: {text}");
            if j.verdict == Verdict::GoodFit && s.train_error == 0.0 && s.val_error >= 0.10 {
                forests_with_zero_training_error += 1;
                assert!(text.contains("normal for a forest of deep trees"), "{q}: {text}");
            }
        }
    }
    assert!(forests_with_zero_training_error >= 3, "the states must exercise the 0 % training error ({forests_with_zero_training_error})");
}

#[test]
fn the_rates_caption_names_the_ring_only_where_the_chart_draws_it() {
    // The chart rings rate FAST_RATE's loss after FAST_TREES trees (the slow-rate challenge's
    // target); the caption says what the ring is, and says nothing of it when fewer trees are shown.
    let (with_ring, _) = Settings::from_query(&format!("model=boost&trees=20&lr={SLOW_RATE}"));
    let c = texts::rates_caption(&with_ring);
    assert!(c.contains(&format!("the ring marks rate {FAST_RATE} after {FAST_TREES} trees")) && c.contains(&format!("asks rate {SLOW_RATE} to match, where it is below that rate's loss after 1 tree")), "{c}");
    let (too_few, _) = Settings::from_query(&format!("model=boost&trees={}", FAST_TREES - 1));
    assert!(!texts::rates_caption(&too_few).contains("ring"));
    // The ring's loss is the one the challenge compares with.
    let s = run(&format!("data=moons&noise=0.2&size=400&val=0.4&seed=1&model=boost&depth=2&trees=20&lr={SLOW_RATE}"));
    let ring = s.rate_curves.iter().find(|(lr, _)| (*lr - FAST_RATE).abs() < 1e-12).map(|(_, c)| c[FAST_TREES - 1]);
    assert_eq!(ring, s.rate_loss(FAST_RATE, FAST_TREES));
}

#[test]
fn boosting_past_its_best_number_of_trees_is_overfitting() {
    // A walk-through found boosting at 300 trees (rate 1: validation log loss 0.45 → 2.9,
    // training error 0 %) called "Underfitting … these trees are too shallow" by the depth
    // curve. Validation loss risen since the best tree is overfitting along the number of trees:
    // the verdict says so and names early stopping, whatever the depth curve says.
    let mut seen = 0;
    for seed in SEEDS {
        for lr in [0.5, 1.0] {
            let q = format!("data=moons&noise=0.3&size=300&val=0.4&seed={seed}&model=boost&depth=2&trees=300&lr={lr}");
            let s = run(&q);
            let text = texts::verdict_explanation(&s);
            if let Some((best_trees, lowest, last)) = texts::past_best_trees(&s) {
                seen += 1;
                assert!(best_trees < 300 && last >= 1.05 * lowest, "{q}");
                assert_eq!(s.verdict.verdict, Verdict::Overfitting, "{q}: {text}");
                assert!(text.starts_with("boosting went past its best number of trees") && text.contains("early stopping on the validation loss would have stopped near"), "{q}: {text}");
                assert!(!text.contains(" 1 trees"), "{q}: {text}");
                assert!(s.train_error <= s.val_error, "{q}");
            }
        }
    }
    assert!(seen >= 8, "the states must show boosting past its best trees ({seen})");
    // Still falling at the last tree is not past its best: the slow-rate state keeps its verdict.
    let slow = run("data=moons&noise=0.2&size=400&val=0.4&seed=1&model=boost&depth=2&trees=20&lr=0.05");
    assert!(texts::past_best_trees(&slow).is_none());
}


/// A forest of one tree averages nothing: its texts must not credit averaging.
#[test]
fn a_forest_of_one_tree_is_not_said_to_average() {
    for seed in 1..=3 {
        let m = model(&format!("model=forest&trees=1&seed={seed}"));
        let caption = texts::depth_caption(&m.settings);
        assert!(!caption.contains("averaging cancels") && caption.contains("averages nothing"), "{caption}");
        let s = m.snapshot().unwrap();
        let text = texts::verdict_explanation(&s);
        assert!(!text.contains("averaging cancels"), "seed {seed}: {text}");
    }
    assert!(texts::depth_caption(&model("model=forest&trees=100").settings).contains("averaging cancels only part of it"));
    assert!(texts::depth_rise_sentence(&model("model=forest&trees=1")).is_none());
    // Why a forest of one tree can dip below the dotted line: its tree sees a bootstrap sample
    // and one random feature per split; without either it is the single tree itself.
    let one = model("model=forest&trees=1&seed=1");
    assert!(texts::depth_caption(&one.settings).contains("only in that it is fitted on a bootstrap sample and it draws its features per split at random"));
    let plain = model("model=forest&trees=1&bootstrap=0&maxf=all");
    assert!(texts::depth_caption(&plain.settings).contains("its tree is that single tree"));
    let (a, b) = (plain.depth_curve(), plain.tree_curve());
    assert!(a.iter().zip(&b).all(|(x, y)| x.val == y.val && x.train == y.train), "the same model");
}

/// Under- and overfitting verdicts whose gap to the lowest validation error is under twice the
/// tolerance say it may be the split; larger gaps do not.
#[test]
fn small_gaps_are_flagged_as_possibly_the_split() {
    let mut outcomes = Outcomes::default();
    for data in ["moons", "circles", "xor"] {
        for depth in ["2", "3", "5", "8", "none"] {
            for seed in 1..=3 {
                let s = snap(&format!("data={data}&seed={seed}&model=tree&depth={depth}"));
                let j = &s.verdict;
                if !matches!(j.verdict, Verdict::Underfitting | Verdict::Overfitting) || j.current_val <= j.best_val + j.tolerance {
                    continue;
                }
                let text = texts::verdict_explanation(&s);
                let small = j.current_val - j.best_val < 2.0 * j.tolerance;
                outcomes.record(small, &text, "can also come from which points were held out", "", &format!("{data} {depth} {seed}"));
            }
        }
    }
    outcomes.assert_both("small gaps flagged");
}

/// "Losses above 3 are drawn dashed along the top edge": a fast rate's curve that blows up is
/// split into solid stretches below the ceiling and dashed ones along it, so a clipped stretch
/// does not read as a plateau at 3.
#[test]
fn the_rates_chart_dashes_what_it_clips_at_the_ceiling() {
    use hyperlab_ml::labs::trees::model::{runs_below_ceiling, RATES_CEILING};
    let caption = texts::rates_caption(&Settings::from_query("model=boost").0);
    assert!(caption.contains("losses above 3 are drawn dashed along the top edge"), "{caption}");
    let mut clipped_curves = 0;
    for q in ["data=xor&noise=0.5&size=200&seed=1&model=boost&depth=8&trees=60", "data=circles&noise=0.45&size=100&seed=2&model=boost&depth=10&trees=60", "data=moons&noise=0.5&size=60&seed=3&model=boost&depth=12&trees=60"] {
        let s = run(q);
        for (_, curve) in &s.rate_curves {
            let runs = runs_below_ceiling(curve, RATES_CEILING);
            // Every point is drawn, consecutive runs share their boundary point.
            assert_eq!(runs.iter().map(|(_, r)| r.len()).sum::<usize>() - (runs.len() - 1), curve.len(), "{q}");
            for (clipped, run) in &runs {
                assert!(run.iter().all(|&(_, y)| y <= RATES_CEILING), "{q}");
                assert_eq!(*clipped, run.iter().all(|&(x, _)| !(curve[x as usize - 1] <= RATES_CEILING)), "{q}");
            }
            if curve.windows(2).any(|w| w[0] > RATES_CEILING && w[1] > RATES_CEILING) {
                clipped_curves += 1;
                assert!(runs.iter().any(|(c, _)| *c), "{q}");
            }
        }
    }
    assert!(clipped_curves > 0, "some state's curve stays above the ceiling");
    assert_eq!(runs_below_ceiling(&[1.0, 4.0, 5.0, 2.0], 3.0), vec![(false, vec![(1.0, 1.0), (2.0, 3.0)]), (true, vec![(2.0, 3.0), (3.0, 3.0)]), (false, vec![(3.0, 3.0), (4.0, 2.0)])]);
    assert_eq!(runs_below_ceiling(&[f64::NAN], 3.0), vec![(true, vec![(1.0, 3.0)])]);
    assert!(runs_below_ceiling(&[], 3.0).is_empty());
}

/// The slow-rate challenge needs a target below the slow rate's first tree: the walk-through's
/// noisy XOR with depth-8 trees has rate 0.5 climbing from its first tree, so one tree at 0.05
/// "matched" the ringed point, the opposite of the lesson.
#[test]
fn the_slow_rate_challenge_has_a_target_only_where_there_is_something_to_catch_up_with() {
    use hyperlab_ml::labs::trees::challenges::slow_rate_target;
    let c = CHALLENGES.iter().find(|c| c.info.id == "trees-slow-rate").unwrap();
    let xor = "data=xor&noise=0.5&size=200&seed=1&model=boost&depth=8&lr=0.05";
    let one = run(&format!("{xor}&trees={FAST_TREES}"));
    let ringed = one.rate_loss(FAST_RATE, FAST_TREES).unwrap();
    assert!(ringed >= one.rate_loss(SLOW_RATE, 1).unwrap() && slow_rate_target(&one).is_none());
    assert!(!(c.check)(&one), "four slow trees do not meet it");
    assert!(one.val_loss <= ringed, "they did before: {} against {ringed}", one.val_loss);
    let line = texts::boosting_loss_line(&one).unwrap();
    assert!(line.contains("nothing for the slow rate to catch up with") && !line.contains("reached"), "{line}");
    // The set-up's moons keep their target and the line its "reached".
    let moons = run(&apply_moves(c.info.setup, c.info.solution));
    assert!(slow_rate_target(&moons).is_some() && (c.check)(&moons));
    assert!(texts::boosting_loss_line(&moons).unwrap().contains("reached"));
}
