//! The lab's knobs: its URL schema, and the typed settings parsed from it once.

use crate::datasets::curve::Truth;
use crate::schema::{Kind, Notice, ParamSpec, ParamState, Value};
use crate::datasets::poly::MAX_DEGREE;
use crate::labs::regularization::refit::RefitSettings;

/// The truths a learner can pick, `(slug, label)`, in [`Truth::ALL`] order.
pub const TRUTHS: &[(&str, &str)] = &[("sine", "Sine wave"), ("cubic", "Cubic"), ("step", "Step")];

/// Bounds shared by the schema (the clamp), the model (the path's λ grid) and the texts.
pub const NOISE_MAX: f64 = 1.0;
pub const POINTS_MIN: usize = 10;
pub const POINTS_MAX: usize = 200;
pub const SEED_MAX: u64 = 9999;
pub const DEGREE_MAX: usize = MAX_DEGREE;
/// The smallest non-zero λ on the slider, and the path's smallest λ.
pub const LAMBDA_MIN: f64 = 1e-5;
/// The largest λ on the slider, and the path's largest λ.
pub const LAMBDA_MAX: f64 = 100.0;
/// Share of the points held out for validation (rounded up).
pub const VALIDATION_FRACTION: f64 = 0.3;

pub static SCHEMA: [ParamSpec; 9] = [
    ParamSpec::setting("truth", "Ground truth", Kind::choice(TRUTHS, 0), "The function the noisy points are drawn from."),
    ParamSpec::setting("noise", "Noise", Kind::linear(0.0, NOISE_MAX, 0.3, 0.05), "Standard deviation of the noise added to each point.").unit("σ"),
    ParamSpec::setting("n", "Points", Kind::int(POINTS_MIN as i64, POINTS_MAX as i64, 40), "How many points; 30 % of them (rounded up) are held out for validation."),
    ParamSpec::setting("seed", "Data seed", Kind::int(0, SEED_MAX as i64, 3), "Which random sample of points (and which are held out)."),
    ParamSpec::hyper("degree", "Polynomial degree", Kind::int(1, DEGREE_MAX as i64, 12), "Capacity: the model is a polynomial of this degree (features x, x², …)."),
    ParamSpec::hyper("lambda", "Regularization strength", Kind::log_or_off(LAMBDA_MIN, LAMBDA_MAX, 1e-3), "How hard large coefficients are penalized; 0 turns the penalty off.").unit("λ"),
    ParamSpec::hyper("l1", "L1 ratio", Kind::linear(0.0, 1.0, 0.0, 0.05), "Mix of the penalties: 0 is Ridge (L2), 1 is Lasso (L1), between is elastic net.").unit("ρ"),
    ParamSpec::hyper("std", "Standardize features", Kind::switch(true), "Rescale each feature to mean 0, variance 1 (fitted on the training points only)."),
    ParamSpec::hyper("intercept", "Fit intercept", Kind::switch(true), "Learn an unpenalized constant term."),
];

/// Which penalty the L1 ratio ρ gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Penalty {
    Ridge,
    Lasso,
    ElasticNet,
}

impl Penalty {
    pub fn of(l1_ratio: f64) -> Self {
        if l1_ratio == 0.0 {
            Penalty::Ridge
        } else if l1_ratio == 1.0 {
            Penalty::Lasso
        } else {
            Penalty::ElasticNet
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Penalty::Ridge => "Ridge (L2)",
            Penalty::Lasso => "Lasso (L1)",
            Penalty::ElasticNet => "Elastic net (L1 + L2)",
        }
    }
}

/// Every knob of the lab, typed. Built from a [`ParamState`] once; nothing downstream reads a
/// value by its key.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub truth: Truth,
    /// σ of the noise on y.
    pub noise: f64,
    pub n_points: usize,
    pub seed: u64,
    pub degree: usize,
    /// The penalty strength (scikit-learn's α).
    pub lambda: f64,
    /// ρ: 0 is Ridge, 1 is Lasso.
    pub l1_ratio: f64,
    pub standardize: bool,
    pub fit_intercept: bool,
}

defaults_from_schema!(Settings, SCHEMA);

impl Settings {
    /// Reads a (normalized, so in-range) state of [`SCHEMA`].
    pub fn from_params(p: &ParamState) -> Self {
        let truth = TRUTHS.get(p.choice("truth")).and_then(|(slug, _)| Truth::from_slug(slug)).unwrap_or(Truth::Sine);
        Self {
            truth,
            noise: p.float("noise").clamp(0.0, NOISE_MAX),
            n_points: (p.int("n").max(0) as usize).clamp(POINTS_MIN, POINTS_MAX),
            seed: (p.int("seed").max(0) as u64).min(SEED_MAX),
            degree: (p.int("degree").max(0) as usize).clamp(1, DEGREE_MAX),
            lambda: p.float("lambda").clamp(0.0, LAMBDA_MAX),
            l1_ratio: p.float("l1").clamp(0.0, 1.0),
            standardize: p.flag("std"),
            fit_intercept: p.flag("intercept"),
        }
    }

    /// The state of [`SCHEMA`] these settings come from.
    pub fn to_params(&self) -> ParamState {
        let mut p = ParamState::defaults(&SCHEMA);
        let truth = TRUTHS.iter().position(|(slug, _)| *slug == self.truth.slug()).unwrap_or(0);
        p.set("truth", Value::Choice(truth));
        p.set("noise", Value::Float(self.noise));
        p.set("n", Value::Int(self.n_points as i64));
        p.set("seed", Value::Int(self.seed as i64));
        p.set("degree", Value::Int(self.degree as i64));
        p.set("lambda", Value::Float(self.lambda));
        p.set("l1", Value::Float(self.l1_ratio));
        p.set("std", Value::Bool(self.standardize));
        p.set("intercept", Value::Bool(self.fit_intercept));
        p
    }

    /// Parses an untrusted query as the page does, with the notices it shows.
    pub fn from_query(query: &str) -> (Self, Vec<Notice>) {
        let (params, notices) = ParamState::from_query(&SCHEMA, query);
        (Self::from_params(&params), notices)
    }

    pub fn penalty(&self) -> Penalty {
        Penalty::of(self.l1_ratio)
    }

    /// What the core's refit needs: these settings plus the lab's fixed chart shape.
    pub fn refit_settings(&self) -> RefitSettings {
        RefitSettings {
            truth: self.truth,
            noise: self.noise,
            n_points: self.n_points,
            seed: self.seed,
            validation_fraction: VALIDATION_FRACTION,
            degree: self.degree,
            alpha: self.lambda,
            l1_ratio: self.l1_ratio,
            standardize: self.standardize,
            fit_intercept: self.fit_intercept,
            path_alpha_min: LAMBDA_MIN,
            path_alpha_max: LAMBDA_MAX,
            ..RefitSettings::default()
        }
    }
}
