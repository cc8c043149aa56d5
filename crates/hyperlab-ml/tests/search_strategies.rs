//! Properties of the search strategies over many spaces and seeds: every suggestion lies in the
//! space, the same seed gives the same search, the unit-cube mapping round-trips, and the
//! strategies rank as the lab says they do.

use hyperlab_ml::search::{
    Acquisition, BayesConfig, BayesSearch, Dimension, GridSearch, KernelKind, Landscape, RandomSearch, Search, Space, Strategy as SearchStrategy, StrategyKind, Study,
};
use proptest::prelude::*;

/// A random dimension: linear, log, integer, log-integer or categorical.
fn dimension(i: usize) -> impl Strategy<Value = Dimension> {
    let name = format!("d{i}");
    prop_oneof![
        (-100.0f64..100.0, 0.001f64..50.0).prop_map({
            let name = name.clone();
            move |(low, width)| Dimension::linear(&name, low, low + width)
        }),
        (-6.0f64..2.0, 0.1f64..6.0).prop_map({
            let name = name.clone();
            move |(e, span)| Dimension::log(&name, 10f64.powf(e), 10f64.powf(e + span))
        }),
        (-50i64..50, 1i64..40).prop_map({
            let name = name.clone();
            move |(low, width)| Dimension::integer(&name, low, low + width)
        }),
        (1i64..20, 1i64..500).prop_map({
            let name = name.clone();
            move |(low, width)| Dimension::log_integer(&name, low, low + width)
        }),
        (1usize..5).prop_map(move |k| {
            let choices: Vec<String> = (0..k).map(|c| format!("c{c}")).collect();
            Dimension::Categorical { name: name.clone(), choices }
        }),
    ]
}

fn space(max_dims: usize) -> impl Strategy<Value = Space> {
    (1..=max_dims).prop_flat_map(|d| (0..d).map(dimension).collect::<Vec<_>>()).prop_map(|dims| Space::new(dims).unwrap())
}

/// A cheap but non-trivial objective on any space: distance of the unit-cube position from a
/// corner-ish target.
fn objective(space: &Space, p: &[f64]) -> f64 {
    space.to_unit(p).iter().enumerate().map(|(i, u)| (u - 0.3 - 0.1 * i as f64).powi(2)).sum()
}

fn run_all(strategy: &mut dyn SearchStrategy) -> Vec<Vec<f64>> {
    let mut points = Vec::new();
    while let Some(p) = strategy.ask() {
        let v = objective(strategy.space(), &p);
        strategy.tell(&p, v).unwrap();
        points.push(p);
    }
    points
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn unit_mapping_round_trips(space in space(5), us in proptest::collection::vec(0.0f64..=1.0, 5)) {
        let u = &us[..space.len()];
        let p = space.from_unit(u);
        prop_assert!(space.contains(&p), "{p:?}");
        let back = space.to_unit(&p);
        prop_assert!(back.iter().all(|v| (0.0..=1.0).contains(v)));
        let again = space.from_unit(&back);
        for (d, (a, b)) in space.dims().iter().zip(p.iter().zip(&again)) {
            match d {
                Dimension::Continuous { .. } => prop_assert!((a - b).abs() <= 1e-9 * a.abs().max(1e-300) + 1e-12, "{a} vs {b}"),
                _ => prop_assert_eq!(a, b),
            }
        }
    }

    #[test]
    fn grid_and_random_stay_inside_and_repeat_by_seed(space in space(4), budget in 1usize..40, seed in any::<u64>()) {
        let mut grid = GridSearch::new(space.clone(), budget);
        let g = run_all(&mut grid);
        prop_assert!(!g.is_empty() && g.len() <= budget);
        prop_assert!(g.iter().all(|p| space.contains(p)));
        // A grid never repeats a point.
        for i in 0..g.len() {
            for j in 0..i {
                prop_assert_ne!(&g[i], &g[j]);
            }
        }
        let a = run_all(&mut RandomSearch::new(space.clone(), budget, seed));
        let b = run_all(&mut RandomSearch::new(space.clone(), budget, seed));
        prop_assert_eq!(a.len(), budget);
        prop_assert!(a.iter().all(|p| space.contains(p)));
        prop_assert_eq!(a, b);
    }
}

proptest! {
    // Bayesian optimization is slower: fewer cases, smaller candidate sets.
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn bayes_stays_inside_and_repeats_by_seed(space in space(3), seed in any::<u64>(), acquisition in 0usize..4) {
        let acquisition = [
            Acquisition::ExpectedImprovement { xi: 0.01 },
            Acquisition::ProbabilityOfImprovement { xi: 0.0 },
            Acquisition::LowerConfidenceBound { kappa: 1.96 },
            Acquisition::ThompsonSampling,
        ][acquisition];
        let config = BayesConfig { acquisition, candidates: 128, initial_points: Some(4), ..BayesConfig::default() };
        let a = run_all(&mut BayesSearch::new(space.clone(), 9, seed, config.clone()).unwrap());
        let b = run_all(&mut BayesSearch::new(space.clone(), 9, seed, config).unwrap());
        prop_assert_eq!(a.len(), 9);
        prop_assert!(a.iter().all(|p| space.contains(p)), "{a:?}");
        prop_assert_eq!(a, b);
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    0.5 * (v[(v.len() - 1) / 2] + v[v.len() / 2])
}

fn regrets(landscape: Landscape, kind: StrategyKind, budget: usize, seeds: std::ops::Range<u64>, config: &BayesConfig) -> Vec<f64> {
    seeds
        .map(|seed| {
            let search = Search::new(kind, landscape.space(), budget, seed, config.clone()).unwrap();
            let mut study = Study::new(search, landscape.objective()).unwrap();
            study.run();
            study.regret().unwrap()
        })
        .collect()
}

#[test]
fn only_one_knob_matters_so_random_beats_grid() {
    // Bergstra & Bengio (2012): 25 trials on a 5 × 5 grid try five values of the knob that
    // matters; 25 random trials try 25.
    let config = BayesConfig::default();
    let grid = regrets(Landscape::OneKnob, StrategyKind::Grid, 25, 0..1, &config)[0];
    let random = regrets(Landscape::OneKnob, StrategyKind::Random, 25, 0..20, &config);
    assert!(grid > 0.5, "the grid misses the narrow optimum: {grid}");
    assert!(median(random.clone()) < 0.2, "{random:?}");
    assert!(random.iter().filter(|&&r| r < grid).count() >= 18, "{random:?}");
}

#[test]
fn bayes_beats_random_on_branin_and_finds_the_minimum() {
    let config = BayesConfig::default();
    let bo = regrets(Landscape::Branin, StrategyKind::Bayes, 30, 0..5, &config);
    let random = regrets(Landscape::Branin, StrategyKind::Random, 30, 0..5, &config);
    assert!(median(bo.clone()) < 0.01, "{bo:?}");
    assert!(bo.iter().zip(&random).all(|(b, r)| b < r), "{bo:?} vs {random:?}");
    // Every trial went inside the space and the study's curve only goes down.
    let search = Search::new(StrategyKind::Bayes, Landscape::Branin.space(), 20, 7, BayesConfig { kernel: KernelKind::Rbf, ..config }).unwrap();
    let mut study = Study::new(search, Landscape::Branin.objective()).unwrap();
    study.run();
    assert!(study.observations().iter().all(|o| Landscape::Branin.space().contains(&o.point)));
    assert!(study.best_so_far().windows(2).all(|w| w[1] <= w[0]));
    let model = study.strategy().as_bayes().unwrap().model().unwrap();
    assert!(model.hyperparameters().length_scales.iter().all(|l| l.is_finite() && *l > 0.0));
    // The posterior after the last trial, and its best value, in Branin's units.
    let last = study.strategy().as_bayes().unwrap().fit_model().unwrap();
    assert!((last.best_value() - study.best().unwrap().value).abs() < 1e-9);
    let curve: Vec<[f64; 2]> = (0..200).map(|i| [-5.0 + 15.0 * i as f64 / 199.0, 2.275]).collect();
    let posterior = last.predict(&curve).unwrap();
    assert!(posterior.mean.iter().chain(&posterior.std).all(|v| v.is_finite()));
    assert!(posterior.std.iter().all(|s| *s >= 0.0));
}

#[test]
fn bayes_survives_a_search_that_keeps_failing() {
    // Half the space "diverges" (non-finite loss): the search must keep proposing valid points
    // and end up on the finite side's minimum.
    let space = Space::new(vec![Dimension::log("lr", 1e-4, 1.0), Dimension::linear("m", 0.0, 1.0)]).unwrap();
    let config = BayesConfig { initial_points: Some(5), ..BayesConfig::default() };
    let mut search = BayesSearch::new(space.clone(), 20, 2, config).unwrap();
    while let Some(p) = search.ask() {
        let v = if p[0] > 0.05 { f64::INFINITY } else { (p[0].log10() + 2.0).powi(2) + (p[1] - 0.5).powi(2) };
        search.tell(&p, v).unwrap();
    }
    let best = search.best().unwrap();
    assert!(best.value < 0.1, "{best:?}");
    assert!(space.contains(&best.point));
}
