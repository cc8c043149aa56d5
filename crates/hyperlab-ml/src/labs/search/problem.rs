//! The problems the search lab minimizes: three synthetic landscapes and a real polynomial-ridge
//! model scored by 5-fold cross-validation.

use super::PROBLEMS;
use crate::model_selection::{Split, Splitter};
use crate::labs::cross_validation::scenarios::PolyRidge;
use crate::datasets::curve::{DataParams, Dataset, Truth};
use crate::datasets::poly::{polynomial_features, Standardizer};
use crate::search::hypergrad::ridge_hypergradient;
use crate::search::{Dimension, Landscape, Observation, Space};
use std::sync::Arc;

/// The ridge problem's data: fixed, so the problem (and its heatmap) does not depend on the seed.
const RIDGE_POINTS: usize = 40;
const RIDGE_NOISE: f64 = 0.3;
const RIDGE_DATA_SEED: u64 = 7;
pub const RIDGE_FOLDS: usize = 5;
pub const RIDGE_MAX_DEGREE: i64 = 12;
pub const RIDGE_LAMBDA: (f64, f64) = (1e-6, 10.0);
/// Degree of the ridge model in the 1-D view (λ varies).
pub const RIDGE_SLICE_DEGREE: f64 = 9.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    Land(Landscape),
    Ridge,
}

/// Where a problem's global minimum lies, as the panels mark it.
#[derive(Clone, Debug, PartialEq)]
pub enum MinimumMark {
    /// Isolated minimizers (natural units), each drawn as a cross.
    Points(Vec<[f64; 2]>),
    /// Every point with the first knob at this value is a minimizer (the second knob does not
    /// matter): drawn as a vertical line.
    VerticalLine(f64),
    /// Unknown (a real model): nothing is marked.
    Unknown,
}

impl ProblemKind {
    pub fn from_slug(s: &str) -> Self {
        match s {
            "ridge" => ProblemKind::Ridge,
            _ => ProblemKind::Land(Landscape::from_slug(s).unwrap_or(Landscape::OneKnob)),
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            ProblemKind::Land(l) => l.slug(),
            ProblemKind::Ridge => "ridge",
        }
    }

    pub fn label(self) -> &'static str {
        PROBLEMS.iter().find(|p| p.0 == self.slug()).map_or("", |p| p.1)
    }

    pub fn landscape(self) -> Option<Landscape> {
        match self {
            ProblemKind::Land(l) => Some(l),
            ProblemKind::Ridge => None,
        }
    }

    pub fn space(self) -> Space {
        match self {
            ProblemKind::Land(l) => l.space(),
            ProblemKind::Ridge => Space::new(vec![Dimension::integer("degree", 1, RIDGE_MAX_DEGREE), Dimension::log("lambda", RIDGE_LAMBDA.0, RIDGE_LAMBDA.1)])
                .unwrap_or_else(|_| unreachable!("a valid space")),
        }
    }

    /// The known global minimum (landscapes only).
    pub fn known_minimum(self) -> Option<f64> {
        self.landscape().map(Landscape::known_minimum)
    }

    pub fn minimum_mark(self) -> MinimumMark {
        match self {
            ProblemKind::Land(Landscape::OneKnob) => MinimumMark::VerticalLine(Landscape::OneKnob.minimizers()[0][0]),
            ProblemKind::Land(l) => MinimumMark::Points(l.minimizers()),
            ProblemKind::Ridge => MinimumMark::Unknown,
        }
    }
}

/// The ridge problem: fixed noisy sine data and fixed shuffled 5-fold splits.
#[derive(Debug)]
pub struct RidgeData {
    data: Dataset,
    splits: Vec<Split>,
}

impl RidgeData {
    pub fn new() -> Option<Self> {
        let data = DataParams { truth: Truth::Sine, noise: RIDGE_NOISE, n_points: RIDGE_POINTS, seed: RIDGE_DATA_SEED }.generate().ok()?;
        let splits = Splitter::ShuffledKFold { k: RIDGE_FOLDS, seed: RIDGE_DATA_SEED }.splits(RIDGE_POINTS, None).ok()?;
        Some(Self { data, splits })
    }

    pub fn folds(&self) -> usize {
        self.splits.len()
    }

    /// The data and its folds (for writing the experiment out as code).
    pub fn data(&self) -> &Dataset {
        &self.data
    }

    pub fn splits(&self) -> &[Split] {
        &self.splits
    }

    /// The mean validation MSE over the folds (as [`RidgeData::cv_mse`]) and its exact derivative
    /// with respect to ln λ: each fold's ridge hypergradient on its standardized polynomial
    /// features (the scaler is learned on the fold's training points and does not depend on λ),
    /// averaged. `None` if a fold cannot be fitted.
    pub fn cv_hypergradient(&self, degree: f64, alpha: f64) -> Option<(f64, f64)> {
        let degree = degree.round().clamp(1.0, RIDGE_MAX_DEGREE as f64) as usize;
        let (mut loss, mut grad) = (0.0, 0.0);
        for split in &self.splits {
            let rows = |idx: &[usize]| -> Option<Vec<Vec<f64>>> {
                let x: ndarray::Array1<f64> = idx.iter().map(|&i| self.data.x[i]).collect();
                Some(polynomial_features(x.view(), degree).ok()?.outer_iter().map(|r| r.to_vec()).collect())
            };
            let (mut train, mut test) = (rows(&split.train)?, rows(&split.test)?);
            let to_array = |r: &[Vec<f64>]| ndarray::Array2::from_shape_vec((r.len(), degree), r.concat()).ok();
            let scaler = Standardizer::fit(to_array(&train)?.view()).ok()?;
            for r in train.iter_mut().chain(test.iter_mut()) {
                for (j, v) in r.iter_mut().enumerate() {
                    *v = (*v - scaler.mean()[j]) / scaler.scale()[j];
                }
            }
            let y = |idx: &[usize]| idx.iter().map(|&i| self.data.y[i]).collect::<Vec<f64>>();
            let h = ridge_hypergradient(&[alpha], &train, &y(&split.train), &test, &y(&split.test)).ok()?;
            loss += h.val_loss;
            grad += h.total();
        }
        let k = self.splits.len().max(1) as f64;
        Some((loss / k, grad / k))
    }

    /// Mean validation MSE over the folds of a degree-`degree` ridge model with penalty `alpha`.
    pub fn cv_mse(&self, degree: f64, alpha: f64) -> f64 {
        let model = PolyRidge { degree: degree.round().clamp(1.0, RIDGE_MAX_DEGREE as f64) as usize, alpha, standardize: true };
        let total: f64 = self.splits.iter().map(|s| model.cv_score(&self.data, s)).sum();
        total / self.splits.len().max(1) as f64
    }
}

/// A problem ready to evaluate (the ridge one carries its data).
#[derive(Clone, Debug)]
pub struct Problem {
    pub kind: ProblemKind,
    ridge: Option<Arc<RidgeData>>,
}

impl Problem {
    pub fn new(kind: ProblemKind) -> Self {
        let ridge = matches!(kind, ProblemKind::Ridge).then(|| RidgeData::new().map(Arc::new)).flatten();
        Self { kind, ridge }
    }

    pub fn ridge(&self) -> Option<&RidgeData> {
        self.ridge.as_deref()
    }

    /// The objective at a point in natural units (never NaN: failures are +∞, which the
    /// strategies treat as a failed trial).
    pub fn value(&self, point: &[f64]) -> f64 {
        let v = match (self.kind, &self.ridge) {
            (ProblemKind::Land(l), _) => l.value(point),
            (ProblemKind::Ridge, Some(r)) if point.len() == 2 => r.cv_mse(point[0], point[1]),
            _ => f64::INFINITY,
        };
        if v.is_nan() { f64::INFINITY } else { v }
    }

    /// The 1-D slice the Bayesian view searches: the first knob with the second held at the
    /// global minimizer's value (λ with the degree fixed, for ridge).
    pub fn slice(&self) -> (Space, Dimension) {
        let dim = match self.kind {
            ProblemKind::Ridge => Dimension::log("lambda", RIDGE_LAMBDA.0, RIDGE_LAMBDA.1),
            _ => self.kind.space().dims()[0].clone(),
        };
        (Space::new(vec![dim.clone()]).unwrap_or_else(|_| unreachable!("a valid space")), dim)
    }

    pub fn slice_value(&self, x: f64) -> f64 {
        match self.kind {
            ProblemKind::Land(l) => self.value(&[x, l.minimizers()[0][1]]),
            ProblemKind::Ridge => self.value(&[RIDGE_SLICE_DEGREE, x]),
        }
    }

    pub fn slice_label(&self) -> String {
        match self.kind {
            ProblemKind::Land(Landscape::OneKnob) => "x (y does not matter)".to_string(),
            ProblemKind::Land(l) => {
                let space = l.space();
                let d = &space.dims()[1];
                format!("{} with {} = {}, through a global minimum", space.dims()[0].name(), d.name(), d.format(l.minimizers()[0][1]))
            }
            ProblemKind::Ridge => format!("λ with degree = {RIDGE_SLICE_DEGREE}"),
        }
    }
}

/// The 1-D slice of a problem and the trials run on it so far (points in the slice's own units):
/// what the Gaussian-process and the TPE views both search.
#[derive(Clone, Debug)]
pub struct SliceTrials {
    pub problem: Problem,
    pub space: Space,
    pub dim: Dimension,
    pub observations: Vec<Observation>,
}

impl SliceTrials {
    pub fn new(problem: Problem) -> Self {
        let (space, dim) = problem.slice();
        Self { problem, space, dim, observations: Vec::new() }
    }

    /// Evaluates the slice at `x` and records the trial.
    pub fn observe(&mut self, x: f64) {
        let value = self.problem.slice_value(x);
        self.observations.push(Observation { point: vec![x], value });
    }
}
