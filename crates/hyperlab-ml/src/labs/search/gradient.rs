//! Gradient-based tuning on the ridge problem's validation curve: at a fixed degree, the 5-fold
//! CV error is a differentiable function of ln λ, and its
//! exact derivative ([`RidgeData::cv_hypergradient`]) lets gradient descent walk down the curve,
//! one cross-validation per step. Grid search, random search and Bayesian optimization spend
//! the same number of cross-validations on the same slice, for comparison.

use super::problem::{Problem, ProblemKind, RidgeData, RIDGE_LAMBDA};
use super::{running_best, trials_to_reach};
use crate::search::{BayesConfig, BayesSearch, Dimension, Space, Strategy};
use crate::search::strategy::random_point;

/// Cross-validations (model fits) every method may spend.
pub const FITS: usize = 12;
/// The step size on ln λ: (min, max, default).
pub const STEP: (f64, f64, f64) = (1.0, 2000.0, 60.0);
/// The degrees the view offers: one valley (5), two dips (12).
pub const DEGREES: [usize; 2] = [5, 12];

/// Where gradient descent starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    /// λ = 10, the largest of the range.
    High,
    /// λ = 10⁻⁶, the smallest.
    Low,
}

impl Start {
    pub fn lambda(self) -> f64 {
        match self {
            Start::High => RIDGE_LAMBDA.1,
            Start::Low => RIDGE_LAMBDA.0,
        }
    }
}

/// What the view depends on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GdSettings {
    pub degree: usize,
    pub start: Start,
    pub step_size: f64,
    pub seed: u64,
}
/// Points of the drawn validation curve.
pub const CURVE_POINTS: usize = 161;

/// One gradient step: where it evaluated, the CV error there and its slope in ln λ.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GdStep {
    pub ln_lambda: f64,
    pub loss: f64,
    pub grad: f64,
}

/// The validation curve, gradient descent's steps and the three searches on the same slice.
#[derive(Clone, Debug, PartialEq)]
pub struct GradientTuning {
    pub settings: GdSettings,
    /// (ln λ, CV error) over the whole range.
    pub curve: Vec<(f64, f64)>,
    /// The lowest point of the curve.
    pub minimum: (f64, f64),
    pub steps: Vec<GdStep>,
    /// (ln λ, CV error) of each search's fits, in order: grid, random, Bayesian optimization.
    pub searches: [Vec<(f64, f64)>; 3],
}

pub const SEARCH_NAMES: [&str; 3] = ["grid search", "random search", "Bayesian optimization"];

/// The range descent keeps ln λ in (the view's λ range).
pub fn ln_bounds() -> (f64, f64) {
    (RIDGE_LAMBDA.0.ln(), RIDGE_LAMBDA.1.ln())
}

/// Tick positions for an axis in ln λ from `lo` to `hi`: the powers of ten inside it (as ln
/// values), every other one or sparser when more than `most` would fit, so the labels read
/// 1e-6, 1e-5 … rather than powers of e.
pub fn decade_ticks_ln(lo: f64, hi: f64, most: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite() && hi > lo) {
        return Vec::new();
    }
    let ln10 = std::f64::consts::LN_10;
    let (first, last) = ((lo / ln10 - 1e-9).ceil() as i32, (hi / ln10 + 1e-9).floor() as i32);
    let count = (last - first + 1).max(0) as usize;
    let every = count.div_ceil(most.max(1)).max(1);
    (first..=last).step_by(every).map(|k| k as f64 * ln10).collect()
}

impl GradientTuning {
    pub fn new(settings: GdSettings) -> Self {
        GradientBuild::new(settings).finish()
    }

    /// 1 % of the curve's range (highest minus lowest CV error): "reaching the minimum" means
    /// coming within this of it.
    pub fn tolerance(&self) -> f64 {
        let hi = self.curve.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
        0.01 * (hi - self.minimum.1).max(0.0)
    }

    /// Fits gradient descent needs to come within [`Self::tolerance`] of the minimum.
    pub fn gd_hit(&self) -> Option<usize> {
        trials_to_reach(&running_best(self.steps.iter().map(|s| s.loss)), self.minimum.1, self.tolerance())
    }

    /// Fits each search needs (grid, random, Bayesian).
    pub fn search_hits(&self) -> [Option<usize>; 3] {
        std::array::from_fn(|s| trials_to_reach(&running_best(self.searches[s].iter().map(|p| p.1)), self.minimum.1, self.tolerance()))
    }

    /// Best CV error of gradient descent after all its fits.
    pub fn gd_best(&self) -> f64 {
        self.steps.iter().map(|s| s.loss).fold(f64::INFINITY, f64::min)
    }

    /// Whether the steps went back and forth (the slope changed sign at least twice): the step
    /// is too large for the curve's curvature.
    pub fn oscillates(&self) -> bool {
        self.steps.windows(2).filter(|w| w[0].grad * w[1].grad < 0.0).count() >= 2
    }
}

/// Curve points computed per [`GradientBuild::step`]: each is one 5-fold cross-validation with
/// its hypergradient.
const CURVE_POINTS_PER_STEP: usize = 8;

/// [`GradientTuning::new`] in pieces of a few cross-validations each, so a page can spread it
/// over frames: the curve a few points at a time, then descent, grid and random search, then
/// Bayesian optimization one trial at a time. Finishing gives exactly what `new` gives.
pub struct GradientBuild {
    settings: GdSettings,
    problem: Problem,
    curve: Vec<(f64, f64)>,
    curve_done: usize,
    steps: Option<Vec<GdStep>>,
    grid_random: Option<[Vec<(f64, f64)>; 2]>,
    bayes_search: Option<BayesSearch>,
    bayes: Vec<(f64, f64)>,
}

impl GradientBuild {
    pub fn new(settings: GdSettings) -> Self {
        let step_size = if settings.step_size.is_finite() { settings.step_size.clamp(STEP.0, STEP.1) } else { STEP.2 };
        let degree = settings.degree.clamp(1, super::problem::RIDGE_MAX_DEGREE as usize);
        let settings = GdSettings { step_size, degree, ..settings };
        let bayes_search = BayesSearch::new(lambda_space(), FITS, settings.seed, BayesConfig { initial_points: Some(2), ..BayesConfig::default() }).ok();
        Self {
            settings,
            problem: Problem::new(ProblemKind::Ridge),
            curve: Vec::with_capacity(CURVE_POINTS),
            curve_done: 0,
            steps: None,
            grid_random: None,
            bayes_search,
            bayes: Vec::with_capacity(FITS),
        }
    }

    /// The settings after clamping: what the finished tuning will carry.
    pub fn settings(&self) -> &GdSettings {
        &self.settings
    }

    fn value(&self, lambda: f64) -> f64 {
        self.problem.value(&[self.settings.degree as f64, lambda])
    }

    /// Does the next piece of work; false once everything is done.
    pub fn step(&mut self) -> bool {
        let degree = self.settings.degree as f64;
        if self.curve_done < CURVE_POINTS {
            let (lo, hi) = ln_bounds();
            let end = (self.curve_done + CURVE_POINTS_PER_STEP).min(CURVE_POINTS);
            for i in self.curve_done..end {
                let ln = lo + (hi - lo) * i as f64 / (CURVE_POINTS - 1) as f64;
                let point = self.problem.ridge().and_then(|r| r.cv_hypergradient(degree, ln.exp())).map(|(l, _)| (ln, l));
                self.curve.extend(point.filter(|p| p.1.is_finite()));
            }
            self.curve_done = end;
        } else if self.steps.is_none() {
            self.steps = Some(descend(self.problem.ridge(), &self.settings));
        } else if self.grid_random.is_none() {
            let space = lambda_space();
            let grid = space.grid(FITS).iter().map(|p| (p[0].ln(), self.value(p[0]))).collect();
            let random = (0..FITS).map(|k| random_point(&space, self.settings.seed, k)[0]).map(|l| (l.ln(), self.value(l))).collect();
            self.grid_random = Some([grid, random]);
        } else if let Some(mut b) = self.bayes_search.take() {
            if let Some(p) = b.ask() {
                let v = self.value(p[0]);
                if b.tell(&p, v).is_ok() {
                    self.bayes.push((p[0].ln(), v));
                    self.bayes_search = Some(b);
                }
            }
        }
        !self.is_done()
    }

    pub fn is_done(&self) -> bool {
        self.curve_done == CURVE_POINTS && self.steps.is_some() && self.grid_random.is_some() && self.bayes_search.is_none()
    }

    pub fn finish(mut self) -> GradientTuning {
        while self.step() {}
        let minimum = self.curve.iter().copied().fold((f64::NAN, f64::INFINITY), |m, p| if p.1 < m.1 { p } else { m });
        let [grid, random] = self.grid_random.unwrap_or_default();
        GradientTuning { settings: self.settings, curve: self.curve, minimum, steps: self.steps.unwrap_or_default(), searches: [grid, random, self.bayes] }
    }
}

/// The searches' one dimension: λ over the view's range, on a log scale.
fn lambda_space() -> Space {
    Space::new(vec![Dimension::log("lambda", RIDGE_LAMBDA.0, RIDGE_LAMBDA.1)]).unwrap_or_else(|_| unreachable!("a valid space"))
}

/// Gradient descent on ln λ from the start: ln λ ← ln λ − η · dCV/d ln λ, kept inside the
/// range; [`FITS`] cross-validations in all (each step evaluates one λ).
fn descend(ridge: Option<&RidgeData>, s: &GdSettings) -> Vec<GdStep> {
    let (lo, hi) = ln_bounds();
    let (step_size, degree) = (s.step_size, s.degree as f64);
    let mut ln = s.start.lambda().ln();
    let mut steps = Vec::with_capacity(FITS);
    let Some(r) = ridge else { return steps };
    for _ in 0..FITS {
        let Some((loss, grad)) = r.cv_hypergradient(degree, ln.exp()) else { break };
        steps.push(GdStep { ln_lambda: ln, loss, grad });
        if !grad.is_finite() {
            break;
        }
        ln = (ln - step_size * grad).clamp(lo, hi);
    }
    steps
}

#[cfg(test)]
mod decade_tick_tests {
    use super::{decade_ticks_ln, ln_bounds};

    #[test]
    fn ticks_sit_on_powers_of_ten_and_thin_out_to_fit() {
        // The view's λ range, 1e-6 to 10.
        let (lo, hi) = ln_bounds();
        let all: Vec<i32> = decade_ticks_ln(lo, hi, 8).iter().map(|t| (t / std::f64::consts::LN_10).round() as i32).collect();
        assert_eq!(all, vec![-6, -5, -4, -3, -2, -1, 0, 1]);
        let sparse: Vec<i32> = decade_ticks_ln(lo, hi, 4).iter().map(|t| (t / std::f64::consts::LN_10).round() as i32).collect();
        assert_eq!(sparse, vec![-6, -4, -2, 0]);
        assert!(decade_ticks_ln(hi, lo, 8).is_empty());
        assert!(decade_ticks_ln(0.1, 0.2, 8).is_empty(), "no power of ten between e^0.1 and e^0.2");
    }
}

#[cfg(test)]
mod build_tests {
    use super::{GdSettings, GradientBuild, GradientTuning, Start};

    #[test]
    fn stepping_the_build_gives_the_same_tuning_as_new() {
        for (degree, start, step_size, seed) in [(5, Start::High, 60.0, 1), (12, Start::Low, 60.0, 7), (5, Start::Low, 2000.0, 3)] {
            let settings = GdSettings { degree, start, step_size, seed };
            let mut build = GradientBuild::new(settings);
            let mut pieces = 1;
            while build.step() {
                pieces += 1;
            }
            assert!(build.is_done() && !build.step(), "a done build stays done");
            assert!(pieces > 20, "the work comes in many pieces, not one ({pieces})");
            let tuning = build.finish();
            assert_eq!(tuning, GradientTuning::new(settings));
            assert_eq!(tuning.searches.map(|s| s.len()), [super::FITS; 3], "every search spends its fits");
        }
    }
}
