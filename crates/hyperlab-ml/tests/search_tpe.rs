//! TPE as a strategy and batches of parallel trials: determinism by seed, the random start,
//! constant-liar batches that stay distinct and inside the space, and TPE's quality on Branin
//! against Optuna's own figure recorded by `tests/reference/make_tpe_fixtures.py`.

use hyperlab_ml::search::{suggest, suggest_batch, suggest_tpe, BatchConfig, Landscape, Liar, Observation, Search, Strategy, StrategyKind, TpeConfig, TpeSearch};

fn run_tpe(seed: u64, budget: usize) -> Vec<Observation> {
    let space = Landscape::Branin.space();
    let mut s = TpeSearch::new(space, budget, seed, TpeConfig::default());
    while let Some(p) = s.ask() {
        let v = Landscape::Branin.value(&p);
        s.tell(&p, v).unwrap();
    }
    s.observations().to_vec()
}

/// Regret after 30 trials for each seed in 0..seeds.
fn tpe_branin_regrets_30(seeds: u64) -> Vec<f64> {
    let min = Landscape::Branin.known_minimum();
    (0..seeds).map(|s| run_tpe(s, 30).iter().map(|o| o.value).fold(f64::INFINITY, f64::min) - min).collect()
}

fn median(v: &[f64]) -> f64 {
    let mut r = v.to_vec();
    r.sort_by(|a, b| a.total_cmp(b));
    let n = r.len();
    0.5 * (r[(n - 1) / 2] + r[n / 2])
}

#[test]
fn tpe_is_deterministic_and_resumable() {
    let a = run_tpe(3, 25);
    assert_eq!(a, run_tpe(3, 25));
    assert_ne!(a, run_tpe(4, 25));
    // The stateless suggestion from the same observations gives the same next point.
    let space = Landscape::Branin.space();
    for k in [0, 5, 10, 17, 24] {
        let next = suggest(StrategyKind::Tpe, &space, &a[..k], 25, 3, &Default::default()).unwrap().unwrap();
        assert_eq!(next, a[k].point, "trial {k}");
    }
}

#[test]
fn tpe_starts_like_random_search() {
    let space = Landscape::Branin.space();
    let tpe = run_tpe(7, 12);
    let mut random = Search::new(StrategyKind::Random, space.clone(), 12, 7, Default::default()).unwrap();
    for o in tpe.iter().take(10) {
        assert_eq!(random.ask().unwrap(), o.point);
        random.tell(&o.point, o.value).unwrap();
    }
    let s = suggest_tpe(&space, &tpe[..10], &[], &TpeConfig::default(), 7, Liar::Worst).unwrap();
    assert!(!s.startup && s.below.len() == 1 && s.above.len() == 9 && s.candidates.len() == 24);
    // The good group holds the best trial.
    let best = (0..10).min_by(|&a, &b| tpe[a].value.total_cmp(&tpe[b].value)).unwrap();
    assert_eq!(s.below, vec![best]);
}

#[test]
fn batches_are_distinct_and_inside_the_space() {
    for l in [Landscape::Branin, Landscape::Wells, Landscape::OneKnob] {
        let space = l.space();
        for kind in StrategyKind::ALL {
            for liar in [Liar::Worst, Liar::Mean] {
                let config = BatchConfig { liar, ..BatchConfig::default() };
                // After a random start of 12 trials, so the models are in charge.
                let obs: Vec<Observation> = run_tpe(1, 12).into_iter().map(|o| Observation { value: l.value(&o.point), point: space.from_unit(&Landscape::Branin.space().to_unit(&o.point)) }).collect();
                for k in [1, 2, 4, 8] {
                    let batch = suggest_batch(kind, &space, &obs, 40, 5, &config, k).unwrap();
                    assert_eq!(batch.len(), k, "{kind:?}");
                    for (i, p) in batch.iter().enumerate() {
                        assert!(space.contains(p), "{kind:?} {p:?}");
                        assert!(batch[..i].iter().all(|q| q != p), "{kind:?} k={k} {liar:?}: repeated {p:?}");
                    }
                    assert_eq!(batch, suggest_batch(kind, &space, &obs, 40, 5, &config, k).unwrap());
                }
            }
        }
    }
}

#[test]
fn random_and_grid_batches_are_their_sequential_points() {
    let space = Landscape::Branin.space();
    for kind in [StrategyKind::Grid, StrategyKind::Random] {
        let mut s = Search::new(kind, space.clone(), 16, 9, Default::default()).unwrap();
        let batch = suggest_batch(kind, &space, &[], 16, 9, &BatchConfig::default(), 4).unwrap();
        for p in &batch {
            let q = s.ask().unwrap();
            assert_eq!(&q, p);
            s.tell(&q, 0.0).unwrap();
        }
    }
}

#[test]
fn tpe_quality_on_branin_is_within_1_5_times_optunas() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/reference/tpe_fixtures.json");
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let q = &doc["quality"];
    let (optuna_20, optuna_100) = (q["optuna_tpe_branin_median_regret_30"].as_f64().unwrap(), q["optuna_tpe_branin_median_regret_30_100_seeds"].as_f64().unwrap());
    let ours = tpe_branin_regrets_30(100);
    let (ours_20, ours_100) = (median(&ours[..20]), median(&ours));
    eprintln!("tpe_branin_median_regret_30: {ours_20:.4} (Optuna {optuna_20:.4}); over 100 seeds {ours_100:.4} (Optuna {optuna_100:.4})");
    // 20-seed medians are noisy (Optuna's own ranges from 0.28 to 0.82 between blocks of 20
    // seeds); the 100-seed ones are compared.
    assert!(ours_100 <= 1.5 * optuna_100, "ours {ours_100} vs Optuna {optuna_100}");
    // And the whole distributions: in at least 45% of the 100 × 100 pairings of one of our runs
    // with one of Optuna's, ours ends with the lower regret (50% when they are the same law).
    let theirs: Vec<f64> = q["regrets_100_seeds"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    let wins = ours.iter().map(|a| theirs.iter().map(|b| if a < b { 1.0 } else if a == b { 0.5 } else { 0.0 }).sum::<f64>()).sum::<f64>();
    let share = wins / (ours.len() * theirs.len()) as f64;
    eprintln!("share of pairings where ours is lower: {share:.3}");
    assert!(share >= 0.45, "ours is lower in only {share} of pairings with Optuna's runs");
}
