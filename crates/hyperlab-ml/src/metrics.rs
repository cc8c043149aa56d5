//! Regression scores with scikit-learn's semantics: `mean_squared_error` and `r2_score`.

use ndarray::ArrayView1;

/// Why a score could not be computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MetricError {
    Empty,
    LengthMismatch { truth: usize, predicted: usize },
    NotFinite,
}

impl std::fmt::Display for MetricError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MetricError::Empty => write!(f, "there are no points to score"),
            MetricError::LengthMismatch { truth, predicted } => {
                write!(f, "{truth} true values but {predicted} predictions")
            }
            MetricError::NotFinite => write!(f, "a value or prediction is not a finite number"),
        }
    }
}

impl std::error::Error for MetricError {}

fn check(y_true: ArrayView1<f64>, y_pred: ArrayView1<f64>) -> Result<(), MetricError> {
    if y_true.len() != y_pred.len() {
        return Err(MetricError::LengthMismatch { truth: y_true.len(), predicted: y_pred.len() });
    }
    if y_true.is_empty() {
        return Err(MetricError::Empty);
    }
    if y_true.iter().chain(y_pred.iter()).any(|v| !v.is_finite()) {
        return Err(MetricError::NotFinite);
    }
    Ok(())
}

fn squared_error(y_true: ArrayView1<f64>, y_pred: ArrayView1<f64>) -> f64 {
    y_true.iter().zip(y_pred.iter()).map(|(t, p)| (t - p) * (t - p)).sum()
}

/// Mean of (y_true − y_pred)².
pub fn mse(y_true: ArrayView1<f64>, y_pred: ArrayView1<f64>) -> Result<f64, MetricError> {
    check(y_true, y_pred)?;
    Ok(squared_error(y_true, y_pred) / y_true.len() as f64)
}

/// Coefficient of determination 1 − Σ(y − ŷ)² / Σ(y − ȳ)², as scikit-learn's `r2_score`
/// (with its default `force_finite=True`):
/// - constant `y_true`: 1.0 for perfect predictions, 0.0 otherwise (instead of NaN / −∞);
/// - a single point: NaN (R² is not defined for fewer than two samples).
///
/// "Constant" means every value is equal. Then the mean is taken to be exactly that value, so the
/// total sum of squares is exactly 0. (scikit-learn computes the mean by summing, which for
/// values like 0.1 is off by one rounding error, and then reports huge negative scores such as
/// −5·10³¹ for a constant target; the documented semantics above are what is implemented here.)
pub fn r2(y_true: ArrayView1<f64>, y_pred: ArrayView1<f64>) -> Result<f64, MetricError> {
    check(y_true, y_pred)?;
    let n = y_true.len();
    if n < 2 {
        return Ok(f64::NAN);
    }
    let mean = crate::datasets::poly::column_mean(y_true);
    let total: f64 = y_true.iter().map(|t| (t - mean) * (t - mean)).sum();
    let residual = squared_error(y_true, y_pred);
    if total == 0.0 {
        return Ok(if residual == 0.0 { 1.0 } else { 0.0 });
    }
    Ok(1.0 - residual / total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{array, Array1};

    #[test]
    fn hand_computed_values() {
        let t = array![3.0, -0.5, 2.0, 7.0];
        let p = array![2.5, 0.0, 2.0, 8.0];
        // Squared errors 0.25, 0.25, 0, 1 → 1.5 / 4.
        assert_eq!(mse(t.view(), p.view()).unwrap(), 0.375);
        // Mean 2.875; total = 0.015625 + 11.390625 + 0.765625 + 17.015625 = 29.1875.
        assert!((r2(t.view(), p.view()).unwrap() - (1.0 - 1.5 / 29.1875)).abs() < 1e-15);
        assert_eq!(r2(t.view(), t.view()).unwrap(), 1.0);
        // Predicting the mean scores 0; worse than the mean scores below 0.
        assert!(r2(t.view(), array![2.875, 2.875, 2.875, 2.875].view()).unwrap().abs() < 1e-15);
        assert!(r2(t.view(), (-&t).view()).unwrap() < 0.0);
    }

    #[test]
    fn constant_truth_and_single_points() {
        let c = array![0.1, 0.1, 0.1];
        assert_eq!(r2(c.view(), c.view()).unwrap(), 1.0);
        assert_eq!(r2(c.view(), array![0.1, 0.1, 0.2].view()).unwrap(), 0.0);
        assert!(r2(array![1.0].view(), array![2.0].view()).unwrap().is_nan());
        assert_eq!(mse(array![1.0].view(), array![3.0].view()).unwrap(), 4.0);
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        let a = array![1.0, 2.0];
        assert_eq!(mse(a.view(), array![1.0].view()), Err(MetricError::LengthMismatch { truth: 2, predicted: 1 }));
        assert_eq!(r2(Array1::<f64>::zeros(0).view(), Array1::<f64>::zeros(0).view()), Err(MetricError::Empty));
        assert_eq!(mse(a.view(), array![1.0, f64::NAN].view()), Err(MetricError::NotFinite));
        assert_eq!(r2(array![f64::INFINITY, 1.0].view(), a.view()), Err(MetricError::NotFinite));
    }
}
