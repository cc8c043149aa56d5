//! Bayesian optimization: a space-filling design, then a Gaussian-process surrogate fitted to
//! everything observed and an acquisition function maximized over the space to pick each next
//! point.
//!
//! [`suggest_bayes`] is the whole per-suggestion computation (design lookup, or kernel fit +
//! acquisition maximization) as one pure function of the observations, the seed and an optional
//! warm start — the strategy, the reference harness and the benchmarks (native and in the
//! browser) all call it.
//!
//! The surrogate sees each point through [`Space::features_into`] (unit-cube coordinates;
//! categorical dimensions one-hot) and the values standardized to mean 0 and standard deviation
//! 1, so the hyperparameter bounds mean the same on every objective; its answers (posterior,
//! acquisition values, ξ) are in the objective's own units. Kernel hyperparameters: one length
//! scale per feature (ARD) by default, so a dimension that does not matter can drift to a long
//! length scale and stop distracting the search; signal variance and noise variance are fitted
//! too, by maximizing the log marginal likelihood (L-BFGS in log space, within
//! [`FitBounds`]).

use super::acquisition::Acquisition;
use super::design::{maximin_latin_hypercube, rd_sequence};
use crate::rng::derive_seed;
use super::gp::{fit_hyperparameters, Fit, FitBounds, FitSettings, GaussianProcess, Hyperparameters, Posterior};
use super::kernel::KernelKind;
use super::space::Space;
use super::{Observation, SearchError};
use crate::rng::SeededRng;

/// Stream index of the initial design (suggestion k uses stream k).
const DESIGN_STREAM: u64 = u64::MAX;
/// Thompson sampling draws jointly over at most this many candidates (the draw costs m³/6).
const THOMPSON_CANDIDATES: usize = 256;
/// Perturbation scales (unit cube) around the best observed points.
const LOCAL_SCALES: [f64; 3] = [0.1, 0.02, 0.004];
/// Perturbations per best point and scale.
const LOCAL_DRAWS: usize = 8;

/// Settings of Bayesian optimization.
#[derive(Clone, Debug, PartialEq)]
pub struct BayesConfig {
    pub kernel: KernelKind,
    pub acquisition: Acquisition,
    /// Points of the Latin-hypercube design evaluated before the model takes over;
    /// `None` = 5 per dimension, at least 5 and at most 10 (10 in 2-D, as scikit-optimize). Fewer
    /// lets the first kernel fits latch onto a misleading shape and exploit it.
    pub initial_points: Option<usize>,
    /// One length scale per feature (true) or one shared.
    pub ard: bool,
    /// Low-discrepancy candidates the acquisition is evaluated on before local refinement.
    pub candidates: usize,
    /// Best candidates refined by a compass search over the continuous coordinates.
    pub refine_starts: usize,
    /// Random restarts of the kernel fit when there is no previous fit to start from.
    pub fit_restarts: usize,
    /// Box of the kernel hyperparameters (unit-cube length scales, standardized variances).
    pub bounds: FitBounds,
}

impl Default for BayesConfig {
    fn default() -> Self {
        Self {
            kernel: KernelKind::Matern52,
            acquisition: Acquisition::default(),
            initial_points: None,
            ard: true,
            candidates: 1024,
            refine_starts: 3,
            fit_restarts: 2,
            bounds: FitBounds::default(),
        }
    }
}

impl BayesConfig {
    pub fn validate(&self) -> Result<(), SearchError> {
        self.acquisition.validate()?;
        self.bounds.validate()?;
        if self.candidates == 0 {
            return Err(SearchError::OutOfRange { name: "candidates", detail: "must be ≥ 1" });
        }
        if self.candidates > 1 << 20 {
            return Err(SearchError::OutOfRange { name: "candidates", detail: "must be ≤ 1048576" });
        }
        if self.initial_points == Some(0) {
            return Err(SearchError::OutOfRange { name: "initial_points", detail: "must be ≥ 1" });
        }
        Ok(())
    }

    /// Size of the initial design for a space of `dim` dimensions.
    pub fn initial_points_for(&self, dim: usize) -> usize {
        self.initial_points.unwrap_or((5 * dim).clamp(5, 10))
    }

    pub fn fit_settings(&self) -> FitSettings {
        FitSettings { kind: self.kernel, ard: self.ard, restarts: self.fit_restarts, bounds: self.bounds, ..FitSettings::default() }
    }
}

/// The Gaussian-process surrogate of an objective: fitted on the observations' unit-cube
/// features and standardized values, answering in the objective's own units.
#[derive(Clone, Debug)]
pub struct Surrogate {
    space: Space,
    gp: GaussianProcess,
    hyperparameters: Hyperparameters,
    fit: Fit,
    y_mean: f64,
    y_scale: f64,
    /// Lowest standardized value observed (the incumbent acquisition functions improve on).
    best: f64,
}

impl Surrogate {
    /// Fits hyperparameters (from `warm` alone when given, else from a default and
    /// `settings.restarts` seeded starts) and conditions the GP on `observations` (≥ 1).
    /// Failed trials (non-finite values) count as the worst finite value observed, so the model
    /// steers away from them instead of breaking.
    pub fn fit(space: &Space, observations: &[Observation], settings: &FitSettings, warm: Option<&Hyperparameters>, seed: u64) -> Result<Self, SearchError> {
        if observations.is_empty() {
            return Err(SearchError::NoData);
        }
        for o in observations {
            space.check(&o.point)?;
        }
        let dim = space.feature_len();
        let mut x = Vec::with_capacity(observations.len() * dim);
        for o in observations {
            space.features_into(&space.to_unit(&o.point), &mut x);
        }
        let worst = observations.iter().map(|o| o.value).filter(|v| v.is_finite()).fold(f64::NAN, f64::max);
        let raw: Vec<f64> = observations.iter().map(|o| if o.value.is_finite() { o.value } else if worst.is_nan() { 0.0 } else { worst }).collect();
        let n = raw.len() as f64;
        let y_mean = raw.iter().sum::<f64>() / n;
        let spread = (raw.iter().map(|v| (v - y_mean).powi(2)).sum::<f64>() / n).sqrt();
        // All values equal (or a single one): nothing to standardize by.
        let y_scale = if spread > 1e-12 * y_mean.abs().max(1e-300) && spread.is_finite() { spread } else { 1.0 };
        let y: Vec<f64> = raw.iter().map(|v| (v - y_mean) / y_scale).collect();
        let fit = fit_hyperparameters(&x, dim, &y, settings, warm, seed);
        let hyperparameters = fit.hyperparameters.clone();
        let gp = GaussianProcess::from_flat(hyperparameters.kernel(settings.kind)?, hyperparameters.noise, dim, &x, &y)?;
        let best = y.iter().copied().fold(f64::INFINITY, f64::min);
        Ok(Self { space: space.clone(), gp, hyperparameters, fit, y_mean, y_scale, best })
    }

    pub fn space(&self) -> &Space {
        &self.space
    }

    /// The GP on standardized values over features (see the module documentation).
    pub fn gp(&self) -> &GaussianProcess {
        &self.gp
    }

    /// Fitted hyperparameters (length scales in unit-cube units, variances standardized).
    pub fn hyperparameters(&self) -> &Hyperparameters {
        &self.hyperparameters
    }

    pub fn log_marginal_likelihood(&self) -> f64 {
        self.fit.log_marginal_likelihood
    }

    /// How the hyperparameter fit went (evaluations, starts).
    pub fn fit_report(&self) -> &Fit {
        &self.fit
    }

    /// The lowest value observed, in the objective's units (failed trials excluded).
    pub fn best_value(&self) -> f64 {
        self.y_mean + self.y_scale * self.best
    }

    /// Posterior mean and standard deviation at points of the space, in the objective's units.
    /// The UI's 1-D curve and 2-D maps: batch all their points into one call.
    pub fn predict<P: AsRef<[f64]>>(&self, points: &[P]) -> Result<Posterior, SearchError> {
        let (mean, var) = self.predict_standardized(&self.features_of(points)?);
        Ok(Posterior {
            mean: mean.into_iter().map(|m| self.y_mean + self.y_scale * m).collect(),
            std: var.into_iter().map(|v| self.y_scale * v.sqrt()).collect(),
        })
    }

    /// The acquisition score (larger is better) at points of the space, as the search sees it,
    /// in the objective's units: expected improvement in units of the objective, probability of
    /// improvement a probability, the confidence bound as −(mean − κ·std). Thompson sampling
    /// scores −(one joint posterior draw), seeded, over at most 1024 points.
    pub fn acquisition<P: AsRef<[f64]>>(&self, acquisition: &Acquisition, points: &[P], seed: u64) -> Result<Vec<f64>, SearchError> {
        acquisition.validate()?;
        if matches!(acquisition, Acquisition::ThompsonSampling) && points.len() > super::gp::MAX_JOINT_POINTS {
            return Err(SearchError::OutOfRange { name: "points", detail: "a Thompson draw takes at most 1024 points" });
        }
        let features = self.features_of(points)?;
        Ok(self.scores(acquisition, &features, &mut SeededRng::new(seed)))
    }

    fn features_of<P: AsRef<[f64]>>(&self, points: &[P]) -> Result<Vec<f64>, SearchError> {
        let mut features = Vec::with_capacity(points.len() * self.space.feature_len());
        for p in points {
            let p = p.as_ref();
            if p.len() != self.space.len() {
                return Err(SearchError::DimensionMismatch { expected: self.space.len(), got: p.len() });
            }
            if p.iter().any(|v| !v.is_finite()) {
                return Err(SearchError::NotFinite("point"));
            }
            // Off-space points are clamped (and snapped) rather than refused: a plot may overhang.
            self.space.features_into(&self.space.to_unit(p), &mut features);
        }
        Ok(features)
    }

    fn predict_standardized(&self, features: &[f64]) -> (Vec<f64>, Vec<f64>) {
        self.gp.predict_flat(features)
    }

    /// Scores at row-major features, in the objective's units (so ξ is too).
    fn scores(&self, acquisition: &Acquisition, features: &[f64], rng: &mut SeededRng) -> Vec<f64> {
        if let Acquisition::ThompsonSampling = acquisition {
            return self.gp.sample_flat(features, rng).into_iter().map(|v| -(self.y_mean + self.y_scale * v)).collect();
        }
        let (mean, var) = self.predict_standardized(features);
        let best = self.best_value();
        mean.iter().zip(&var).map(|(&m, &v)| acquisition.score(self.y_mean + self.y_scale * m, self.y_scale * v.sqrt(), best)).collect()
    }

    fn scores_unit(&self, acquisition: &Acquisition, units: &[Vec<f64>], rng: &mut SeededRng) -> Vec<f64> {
        let mut features = Vec::with_capacity(units.len() * self.space.feature_len());
        for u in units {
            self.space.features_into(u, &mut features);
        }
        self.scores(acquisition, &features, rng)
    }
}

/// What [`suggest_bayes`] proposes.
#[derive(Clone, Debug)]
pub struct Suggestion {
    /// The next point to evaluate, in natural units.
    pub point: Vec<f64>,
    /// The surrogate the point was chosen with; `None` while the initial design lasts.
    pub model: Option<Surrogate>,
    /// The acquisition score of the point (see [`Surrogate::acquisition`]); NaN for a design
    /// point.
    pub score: f64,
}

/// The next point Bayesian optimization evaluates, given everything observed (minimizing).
///
/// Deterministic in (space, observations, config, seed, warm). While fewer than the configured
/// number of initial points are observed, returns the next point of a maximin Latin hypercube
/// drawn from the seed. After that: fits the surrogate (warm-started from `warm`, usually the
/// previous suggestion's hyperparameters), evaluates the acquisition on a shifted R_d
/// low-discrepancy candidate set plus Gaussian perturbations of the five best observed points,
/// refines the best few candidates by a compass search over the continuous coordinates, and
/// returns the best point not already observed (if there is one).
pub fn suggest_bayes(space: &Space, observations: &[Observation], config: &BayesConfig, seed: u64, warm: Option<&Hyperparameters>) -> Result<Suggestion, SearchError> {
    config.validate()?;
    for o in observations {
        space.check(&o.point)?;
    }
    let k = observations.len();
    let d = space.len();
    let initial = config.initial_points_for(d);
    if k < initial {
        let design = maximin_latin_hypercube(initial, d, derive_seed(seed, DESIGN_STREAM), 32);
        return Ok(Suggestion { point: space.from_unit(&design[k]), model: None, score: f64::NAN });
    }
    let step_seed = derive_seed(seed, k as u64);
    let model = Surrogate::fit(space, observations, &config.fit_settings(), warm, step_seed)?;
    let mut rng = SeededRng::new(derive_seed(step_seed, 1));
    let observed: Vec<Vec<f64>> = observations.iter().map(|o| space.to_unit(&o.point)).collect();
    let (unit, score) = maximize_acquisition(&model, config, observations, &observed, &mut rng);
    Ok(Suggestion { point: space.from_unit(&unit), model: Some(model), score })
}

/// The candidate search described at [`suggest_bayes`]; returns the unit-cube point and score.
fn maximize_acquisition(model: &Surrogate, config: &BayesConfig, observations: &[Observation], observed: &[Vec<f64>], rng: &mut SeededRng) -> (Vec<f64>, f64) {
    let space = &model.space;
    let d = space.len();
    let acquisition = &config.acquisition;
    let thompson = matches!(acquisition, Acquisition::ThompsonSampling);
    let count = if thompson { config.candidates.min(THOMPSON_CANDIDATES) } else { config.candidates };
    let shift: Vec<f64> = (0..d).map(|_| rng.uniform()).collect();
    let mut candidates = rd_sequence(count, &shift);
    // Neighbourhoods of the best points so far: where the optimum most likely is, and where a
    // global candidate set is too coarse to resolve it.
    let mut order: Vec<usize> = (0..observations.len()).collect();
    let key = |i: usize| if observations[i].value.is_finite() { observations[i].value } else { f64::INFINITY };
    crate::sorting::sort_indices_by(&mut order, &|a, b| key(a).total_cmp(&key(b)).then(a.cmp(&b)));
    for &i in order.iter().take(if thompson { 3 } else { 5 }) {
        for scale in LOCAL_SCALES {
            for _ in 0..LOCAL_DRAWS {
                candidates.push(observed[i].iter().map(|u| (u + scale * rng.normal()).clamp(0.0, 1.0)).collect());
            }
        }
    }
    for c in candidates.iter_mut() {
        *c = space.snap_unit(c);
    }
    let scores = model.scores_unit(acquisition, &candidates, rng);
    let mut ranked: Vec<usize> = (0..candidates.len()).collect();
    // Best first; NaN (never expected) last; ties keep candidate order, so results are stable.
    let score_key = |i: usize| if scores[i].is_nan() { f64::NEG_INFINITY } else { scores[i] };
    crate::sorting::sort_indices_by(&mut ranked, &|a, b| score_key(b).total_cmp(&score_key(a)).then(a.cmp(&b)));

    let mut finalists: Vec<(Vec<f64>, f64)> = Vec::new();
    let mask = space.continuous_mask();
    if !thompson && mask.iter().any(|&m| m) {
        let mut starts: Vec<usize> = Vec::new();
        for &i in &ranked {
            if starts.len() == config.refine_starts {
                break;
            }
            if starts.iter().all(|&j| max_gap(&candidates[i], &candidates[j]) > 1e-3) {
                starts.push(i);
            }
        }
        for &i in &starts {
            finalists.push(compass_search(model, acquisition, &mask, candidates[i].clone(), score_key(i), rng));
        }
    }
    finalists.extend(ranked.iter().map(|&i| (candidates[i].clone(), score_key(i))));
    let mut order: Vec<usize> = (0..finalists.len()).collect();
    crate::sorting::sort_indices_by(&mut order, &|a, b| finalists[b].1.total_cmp(&finalists[a].1));
    // Re-evaluating an observed point teaches a noise-free model nothing: take the best new one.
    let fresh = order.iter().map(|&i| &finalists[i]).find(|(u, _)| observed.iter().all(|o| max_gap(u, o) > 1e-9));
    fresh.unwrap_or(&finalists[order[0]]).clone()
}

fn max_gap(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).fold(0.0, |m, (x, y)| m.max((x - y).abs()))
}

/// Pattern search on the acquisition over the continuous coordinates: try ± step along each,
/// move to the best improvement, halve the step when none improves. Gradient-free, so it works
/// for every acquisition function and never leaves the cube.
fn compass_search(model: &Surrogate, acquisition: &Acquisition, mask: &[bool], start: Vec<f64>, start_score: f64, rng: &mut SeededRng) -> (Vec<f64>, f64) {
    let mut x = start;
    let mut fx = start_score;
    let mut step = 0.03;
    let axes: Vec<usize> = (0..mask.len()).filter(|&i| mask[i]).collect();
    for _ in 0..48 {
        if step < 1e-4 {
            break;
        }
        let mut trials = Vec::with_capacity(2 * axes.len());
        for &a in &axes {
            for sign in [-1.0, 1.0] {
                let mut t = x.clone();
                t[a] = (t[a] + sign * step).clamp(0.0, 1.0);
                if t[a] != x[a] {
                    trials.push(t);
                }
            }
        }
        let scores = model.scores_unit(acquisition, &trials, rng);
        match scores.iter().enumerate().filter(|(_, s)| s.is_finite()).max_by(|a, b| a.1.total_cmp(b.1)) {
            Some((i, &s)) if s > fx => {
                x = trials.swap_remove(i);
                fx = s;
            }
            _ => step *= 0.5,
        }
    }
    (x, fx)
}

/// The workload the speed figures time (`bo_suggest_ms_*`, natively and in the browser): one
/// suggestion for Branin after `n` observations at seeded random points, warm-started from the
/// fit a running search would have kept (on the first `n − 1` observations).
#[derive(Clone, Debug)]
pub struct BenchCase {
    pub space: Space,
    pub observations: Vec<Observation>,
    pub config: BayesConfig,
    pub warm: Option<Hyperparameters>,
}

impl BenchCase {
    pub fn branin(n: usize) -> Self {
        let landscape = super::objectives::Landscape::Branin;
        let space = landscape.space();
        let observations: Vec<Observation> = (0..n)
            .map(|k| {
                let point = super::strategy::random_point(&space, 2024, k);
                Observation { value: landscape.value(&point), point }
            })
            .collect();
        let config = BayesConfig::default();
        let warm = (n >= 2).then(|| {
            Surrogate::fit(&space, &observations[..n - 1], &config.fit_settings(), None, 1).map(|m| m.hyperparameters().clone()).ok()
        });
        Self { space, observations, config, warm: warm.flatten() }
    }

    /// One suggestion, warm-started (the steady state of a running search).
    pub fn run(&self) -> Result<Suggestion, SearchError> {
        self.suggest(self.warm.as_ref())
    }

    /// One suggestion from scratch (what a stateless caller pays).
    pub fn run_cold(&self) -> Result<Suggestion, SearchError> {
        self.suggest(None)
    }

    fn suggest(&self, warm: Option<&Hyperparameters>) -> Result<Suggestion, SearchError> {
        suggest_bayes(&self.space, &self.observations, &self.config, 7, warm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::space::Dimension;

    fn quad_space() -> Space {
        Space::new(vec![Dimension::linear("a", -2.0, 2.0), Dimension::log("b", 1e-3, 1.0)]).unwrap()
    }

    fn quad(p: &[f64]) -> f64 {
        (p[0] - 0.7).powi(2) + (p[1].log10() + 1.5).powi(2)
    }

    fn observe(space: &Space, points: &[[f64; 2]]) -> Vec<Observation> {
        points.iter().map(|p| Observation { point: space.from_unit(p), value: quad(&space.from_unit(p)) }).collect()
    }

    #[test]
    fn design_first_then_model() {
        let space = quad_space();
        let config = BayesConfig::default();
        assert_eq!(config.initial_points_for(2), 10);
        assert_eq!(config.initial_points_for(1), 5);
        assert_eq!(config.initial_points_for(7), 10);
        let config = BayesConfig { initial_points: Some(5), ..config };
        let mut obs: Vec<Observation> = Vec::new();
        for k in 0..5 {
            let s = suggest_bayes(&space, &obs, &config, 11, None).unwrap();
            assert!(s.model.is_none() && s.score.is_nan());
            assert!(space.contains(&s.point));
            obs.push(Observation { value: quad(&s.point), point: s.point });
            assert_eq!(obs.len(), k + 1);
        }
        let s = suggest_bayes(&space, &obs, &config, 11, None).unwrap();
        assert!(s.model.is_some() && s.score.is_finite() && s.score >= 0.0);
        assert!(space.contains(&s.point));
        // Deterministic.
        let again = suggest_bayes(&space, &obs, &config, 11, None).unwrap();
        assert_eq!(s.point, again.point);
    }

    #[test]
    fn surrogate_answers_in_objective_units() {
        let space = quad_space();
        let obs = observe(&space, &[[0.1, 0.2], [0.5, 0.5], [0.9, 0.3], [0.3, 0.9], [0.7, 0.7], [0.2, 0.6]]);
        let m = Surrogate::fit(&space, &obs, &FitSettings::default(), None, 1).unwrap();
        let pts: Vec<Vec<f64>> = obs.iter().map(|o| o.point.clone()).collect();
        let p = m.predict(&pts).unwrap();
        for (mean, o) in p.mean.iter().zip(&obs) {
            assert!((mean - o.value).abs() < 1e-2 * (1.0 + o.value.abs()), "{mean} vs {}", o.value);
        }
        assert!((m.best_value() - obs.iter().map(|o| o.value).fold(f64::INFINITY, f64::min)).abs() < 1e-12);
        let ei = m.acquisition(&Acquisition::default(), &pts, 0).unwrap();
        assert!(ei.iter().all(|v| v.is_finite() && *v >= 0.0));
        assert!(m.predict(&[[0.0]]).is_err());
    }

    #[test]
    fn failed_trials_and_constant_values_do_not_break_the_model() {
        let space = quad_space();
        let mut obs = observe(&space, &[[0.1, 0.2], [0.5, 0.5], [0.9, 0.3], [0.3, 0.9], [0.7, 0.7]]);
        obs[1].value = f64::NAN;
        obs[3].value = f64::INFINITY;
        let config = BayesConfig { initial_points: Some(5), ..BayesConfig::default() };
        let s = suggest_bayes(&space, &obs, &config, 2, None).unwrap();
        assert!(space.contains(&s.point) && s.score.is_finite());
        for o in obs.iter_mut() {
            o.value = 3.0;
        }
        let s = suggest_bayes(&space, &obs, &config, 2, None).unwrap();
        assert!(space.contains(&s.point) && s.score.is_finite());
        for o in obs.iter_mut() {
            o.value = f64::NAN;
        }
        let s = suggest_bayes(&space, &obs, &config, 2, None).unwrap();
        assert!(space.contains(&s.point));
    }

    #[test]
    fn duplicated_observations_are_fine() {
        let space = quad_space();
        let mut obs = observe(&space, &[[0.1, 0.2], [0.5, 0.5], [0.9, 0.3], [0.3, 0.9], [0.7, 0.7]]);
        obs.extend(obs.clone());
        let near = space.from_unit(&[0.5 + 1e-13, 0.5]);
        obs.push(Observation { value: quad(&near), point: near });
        for acquisition in [Acquisition::default(), Acquisition::ProbabilityOfImprovement { xi: 0.01 }, Acquisition::LowerConfidenceBound { kappa: 2.0 }, Acquisition::ThompsonSampling] {
            let config = BayesConfig { acquisition, initial_points: Some(5), ..BayesConfig::default() };
            let s = suggest_bayes(&space, &obs, &config, 4, None).unwrap();
            assert!(space.contains(&s.point), "{acquisition:?}");
            assert!(s.score.is_finite(), "{acquisition:?}");
            let m = s.model.unwrap();
            let p = m.predict(std::slice::from_ref(&s.point)).unwrap();
            assert!(p.mean[0].is_finite() && p.std[0].is_finite());
        }
    }

    #[test]
    fn mixed_spaces_get_valid_suggestions() {
        let space = Space::new(vec![
            Dimension::log("lr", 1e-4, 1.0),
            Dimension::integer("layers", 1, 5),
            Dimension::categorical("act", &["relu", "tanh", "gelu"]),
        ])
        .unwrap();
        let f = |p: &[f64]| (p[0].log10() + 2.0).powi(2) + (p[1] - 3.0).abs() + if p[2] == 1.0 { 0.0 } else { 1.0 };
        let mut obs: Vec<Observation> = Vec::new();
        for _ in 0..14 {
            let s = suggest_bayes(&space, &obs, &BayesConfig::default(), 8, None).unwrap();
            assert!(space.contains(&s.point), "{:?}", s.point);
            obs.push(Observation { value: f(&s.point), point: s.point });
        }
        let best = obs.iter().map(|o| o.value).fold(f64::INFINITY, f64::min);
        assert!(best < 1.0, "{best}");
    }

    #[test]
    fn bad_configs_are_refused() {
        let space = quad_space();
        let bad = BayesConfig { candidates: 0, ..BayesConfig::default() };
        assert!(suggest_bayes(&space, &[], &bad, 0, None).is_err());
        let bad = BayesConfig { acquisition: Acquisition::ExpectedImprovement { xi: f64::NAN }, ..BayesConfig::default() };
        assert!(suggest_bayes(&space, &[], &bad, 0, None).is_err());
        let bad = BayesConfig { bounds: FitBounds { noise: (0.0, 1.0), ..FitBounds::default() }, ..BayesConfig::default() };
        assert!(suggest_bayes(&space, &[], &bad, 0, None).is_err());
        let bad = BayesConfig { bounds: FitBounds { variance: (2.0, 1.0), ..FitBounds::default() }, ..BayesConfig::default() };
        assert!(bad.validate().is_err());
        let outside = vec![Observation { point: vec![5.0, 0.1], value: 1.0 }];
        assert!(suggest_bayes(&space, &outside, &BayesConfig::default(), 0, None).is_err());
    }
}
