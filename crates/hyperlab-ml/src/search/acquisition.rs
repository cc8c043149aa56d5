//! Acquisition functions: how Bayesian optimization trades the posterior mean (exploitation)
//! against its uncertainty (exploration) when it picks the next point. All for minimization, all
//! written so that larger is better (the strategy maximizes them).

use crate::linalg::{norm_cdf, norm_pdf};
use super::SearchError;

/// Which acquisition function picks the next point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Acquisition {
    /// Expected improvement over the best value so far, less a margin ξ ≥ 0 (in the objective's
    /// units: larger ξ explores more).
    ExpectedImprovement { xi: f64 },
    /// Probability of improving on the best value so far by at least ξ ≥ 0 (objective's units).
    ProbabilityOfImprovement { xi: f64 },
    /// Lower confidence bound mean − κ·std (κ ≥ 0), minimized: optimism in the face of
    /// uncertainty. The upper confidence bound of maximization, turned round.
    LowerConfidenceBound { kappa: f64 },
    /// Minimize one random draw of the whole posterior over the candidate set (seeded).
    ThompsonSampling,
}

impl Default for Acquisition {
    /// Expected improvement with ξ = 0.01, in the objective's units (scikit-optimize's default
    /// and meaning: "improving by less than 0.01 does not count").
    fn default() -> Self {
        Acquisition::ExpectedImprovement { xi: 0.01 }
    }
}

impl Acquisition {
    pub fn validate(&self) -> Result<(), SearchError> {
        let (name, v) = match *self {
            Acquisition::ExpectedImprovement { xi } | Acquisition::ProbabilityOfImprovement { xi } => ("xi", xi),
            Acquisition::LowerConfidenceBound { kappa } => ("kappa", kappa),
            Acquisition::ThompsonSampling => return Ok(()),
        };
        if !v.is_finite() {
            return Err(SearchError::NotFinite(name));
        }
        if v < 0.0 {
            return Err(SearchError::OutOfRange { name, detail: "must be ≥ 0" });
        }
        Ok(())
    }

    /// The score to maximize at a point with posterior `mean` and `std`, when the best value
    /// observed is `best`. Thompson sampling scores a posterior draw: pass the draw as `mean`.
    #[inline]
    pub fn score(&self, mean: f64, std: f64, best: f64) -> f64 {
        match *self {
            Acquisition::ExpectedImprovement { xi } => expected_improvement(mean, std, best, xi),
            Acquisition::ProbabilityOfImprovement { xi } => probability_of_improvement(mean, std, best, xi),
            Acquisition::LowerConfidenceBound { kappa } => -lower_confidence_bound(mean, std, kappa),
            Acquisition::ThompsonSampling => -mean,
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Acquisition::ExpectedImprovement { .. } => "Expected improvement",
            Acquisition::ProbabilityOfImprovement { .. } => "Probability of improvement",
            Acquisition::LowerConfidenceBound { .. } => "Lower confidence bound",
            Acquisition::ThompsonSampling => "Thompson sampling",
        }
    }
}

/// E[max(best − ξ − f, 0)] for f ~ N(mean, std²):
/// (best − ξ − mean)·Φ(z) + std·φ(z), z = (best − ξ − mean)/std.
/// With no uncertainty left it is the plain improvement max(best − ξ − mean, 0).
pub fn expected_improvement(mean: f64, std: f64, best: f64, xi: f64) -> f64 {
    let improvement = best - xi - mean;
    // No uncertainty (or a NaN one): the improvement is what it is.
    if std.is_nan() || std <= 0.0 {
        return improvement.max(0.0);
    }
    let z = improvement / std;
    let ei = improvement * norm_cdf(z) + std * norm_pdf(z);
    // Far in the lower tail the two terms cancel to within rounding: never report below 0.
    ei.max(0.0)
}

/// P(f < best − ξ) = Φ((best − ξ − mean)/std); a step function when std = 0.
pub fn probability_of_improvement(mean: f64, std: f64, best: f64, xi: f64) -> f64 {
    let improvement = best - xi - mean;
    if std.is_nan() || std <= 0.0 {
        return if improvement > 0.0 { 1.0 } else { 0.0 };
    }
    norm_cdf(improvement / std)
}

/// mean − κ·std: an optimistic estimate of the value, to be minimized.
pub fn lower_confidence_bound(mean: f64, std: f64, kappa: f64) -> f64 {
    mean - kappa * std
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_values() {
        // mean 1, std 2, best 0.5, ξ 0.1: z = (0.5 − 0.1 − 1)/2 = −0.3.
        // Φ(−0.3) = 0.382088577811047, φ(−0.3) = 0.381387815460524.
        let ei = expected_improvement(1.0, 2.0, 0.5, 0.1);
        let expected = -0.6 * 0.382088577811047 + 2.0 * 0.381387815460524;
        assert!((ei - expected).abs() < 1e-14, "{ei} vs {expected}");
        assert!((probability_of_improvement(1.0, 2.0, 0.5, 0.1) - 0.382088577811047).abs() < 1e-14);
        assert_eq!(lower_confidence_bound(1.0, 2.0, 1.96), 1.0 - 3.92);
        // mean = best: EI = std·φ(0) = std/√(2π); PI = ½.
        assert!((expected_improvement(3.0, 0.5, 3.0, 0.0) - 0.5 * 0.3989422804014327).abs() < 1e-15);
        assert_eq!(probability_of_improvement(3.0, 0.5, 3.0, 0.0), 0.5);
        // No uncertainty: plain improvement.
        assert_eq!(expected_improvement(1.0, 0.0, 3.0, 0.5), 1.5);
        assert_eq!(expected_improvement(4.0, 0.0, 3.0, 0.5), 0.0);
        assert_eq!(probability_of_improvement(4.0, 0.0, 3.0, 0.0), 0.0);
        assert_eq!(probability_of_improvement(2.0, 0.0, 3.0, 0.0), 1.0);
        // Far tail: tiny but not negative, and ordered.
        let a = expected_improvement(10.0, 1.0, 0.0, 0.0);
        let b = expected_improvement(12.0, 1.0, 0.0, 0.0);
        assert!(a > 0.0 && a > b && b >= 0.0, "{a} {b}");
        // EI(z = −10) = φ(10) − 10·Φ(−10) = 7.474560254589328e-25 (mpmath).
        assert!((a / 7.474560254589328e-25 - 1.0).abs() < 1e-9, "{a}");
    }

    #[test]
    fn scores_rank_for_minimization() {
        let ei = Acquisition::default();
        assert!(ei.score(0.0, 1.0, 1.0) > ei.score(2.0, 1.0, 1.0));
        assert!(ei.score(1.0, 2.0, 1.0) > ei.score(1.0, 1.0, 1.0));
        let lcb = Acquisition::LowerConfidenceBound { kappa: 2.0 };
        assert_eq!(lcb.score(1.0, 0.5, 9.0), 0.0);
        assert_eq!(Acquisition::ThompsonSampling.score(-3.0, 9.0, 0.0), 3.0);
        assert!(Acquisition::ExpectedImprovement { xi: -1.0 }.validate().is_err());
        assert!(Acquisition::LowerConfidenceBound { kappa: f64::NAN }.validate().is_err());
        assert!(Acquisition::ThompsonSampling.validate().is_ok());
    }
}
