//! Polynomial features of a one-dimensional input, and the standardizer that puts them on one
//! scale.
//!
//! On x ∈ [-1, 1] the powers x, x², …, x¹⁵ have wildly different spreads (x¹⁵ is nearly 0 except
//! near the ends), so a penalty on ‖w‖ would punish some powers far more than others. Rescaling
//! each column to mean 0 and standard deviation 1 gives every power the same footing. The
//! [`Standardizer`] is fitted on the training split only: fitting it on validation points too
//! would leak them into training.

use ndarray::{Array1, Array2, ArrayView1, ArrayView2, ArrayViewMut2};

/// Highest degree the lab offers.
pub const MAX_DEGREE: usize = 15;

/// Why features could not be built or scaled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolyError {
    /// Degree outside 1 ..= [`MAX_DEGREE`].
    DegreeOutOfRange(usize),
    /// An input was NaN or infinite, or a power overflowed.
    NotFinite(&'static str),
    /// A standardizer needs at least one row to learn from.
    Empty,
    /// The matrix to transform has a different number of columns than the one fitted.
    ColumnMismatch { expected: usize, found: usize },
}

impl std::fmt::Display for PolyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PolyError::DegreeOutOfRange(d) => write!(f, "degree {d} is outside 1 … {MAX_DEGREE}"),
            PolyError::NotFinite(what) => write!(f, "{what} is not a finite number"),
            PolyError::Empty => write!(f, "there are no points to fit the scaling on"),
            PolyError::ColumnMismatch { expected, found } => {
                write!(f, "expected {expected} feature columns, found {found}")
            }
        }
    }
}

impl std::error::Error for PolyError {}

/// Columns x¹ … x^degree of `x` (no bias column: the models fit their own intercept), like
/// scikit-learn's `PolynomialFeatures(degree, include_bias=False)`.
pub fn polynomial_features(x: ArrayView1<f64>, degree: usize) -> Result<Array2<f64>, PolyError> {
    if !(1..=MAX_DEGREE).contains(&degree) {
        return Err(PolyError::DegreeOutOfRange(degree));
    }
    let mut out = Array2::zeros((x.len(), degree));
    for (mut row, &xi) in out.rows_mut().into_iter().zip(x.iter()) {
        if !xi.is_finite() {
            return Err(PolyError::NotFinite("x"));
        }
        // Repeated multiplication, as scikit-learn does, so the columns agree bit for bit.
        let mut power = 1.0;
        for v in row.iter_mut() {
            power *= xi;
            *v = power;
        }
        if !power.is_finite() {
            return Err(PolyError::NotFinite("a power of x"));
        }
    }
    Ok(out)
}

/// Per-column mean and scale learned from training features, like scikit-learn's
/// `StandardScaler`: the population standard deviation (divide by n), and scale 1 for columns
/// that are constant (so they become all zeros instead of 0/0).
#[derive(Clone, Debug, PartialEq)]
pub struct Standardizer {
    mean: Array1<f64>,
    scale: Array1<f64>,
}

impl Standardizer {
    /// Learns each column's mean and scale from `x` (one row per training point).
    pub fn fit(x: ArrayView2<f64>) -> Result<Self, PolyError> {
        let n = x.nrows();
        if n == 0 {
            return Err(PolyError::Empty);
        }
        if x.iter().any(|v| !v.is_finite()) {
            return Err(PolyError::NotFinite("a feature"));
        }
        let mut mean = Array1::zeros(x.ncols());
        let mut scale = Array1::ones(x.ncols());
        for (j, col) in x.columns().into_iter().enumerate() {
            let m = column_mean(col);
            // Corrected two-pass variance, as scikit-learn computes it; squares of huge values
            // may overflow, which is reported.
            let (mut squares, mut correction) = (0.0, 0.0);
            for v in col {
                squares += (v - m) * (v - m);
                correction += v - m;
            }
            let var = (squares - correction * correction / n as f64) / n as f64;
            if !var.is_finite() {
                return Err(PolyError::NotFinite("a feature's variance"));
            }
            mean[j] = m;
            if !is_constant(var, m, n) {
                scale[j] = var.sqrt();
            }
        }
        Ok(Self { mean, scale })
    }

    /// Fits on `x` and returns it standardized.
    pub fn fit_transform(x: ArrayView2<f64>) -> Result<(Self, Array2<f64>), PolyError> {
        let s = Self::fit(x)?;
        let mut z = x.to_owned();
        s.transform_in_place(z.view_mut())?;
        Ok((s, z))
    }

    /// (x − mean) / scale, column by column, with the fitted mean and scale.
    pub fn transform(&self, x: ArrayView2<f64>) -> Result<Array2<f64>, PolyError> {
        let mut z = x.to_owned();
        self.transform_in_place(z.view_mut())?;
        Ok(z)
    }

    /// [`Standardizer::transform`] without allocating.
    pub fn transform_in_place(&self, mut x: ArrayViewMut2<f64>) -> Result<(), PolyError> {
        if x.ncols() != self.mean.len() {
            return Err(PolyError::ColumnMismatch { expected: self.mean.len(), found: x.ncols() });
        }
        for mut row in x.rows_mut() {
            for ((v, m), s) in row.iter_mut().zip(&self.mean).zip(&self.scale) {
                *v = (*v - m) / s;
            }
        }
        Ok(())
    }

    /// Mean of each training column.
    pub fn mean(&self) -> ArrayView1<'_, f64> {
        self.mean.view()
    }

    /// Standard deviation of each training column (1 for constant columns).
    pub fn scale(&self) -> ArrayView1<'_, f64> {
        self.scale.view()
    }
}

/// The mean of a column, exactly its value when every entry is equal. (Summing n copies of 0.1
/// and dividing by n need not give 0.1 back; an exact mean keeps constant columns exactly zero
/// once centered, which the solvers rely on to recognize them.)
pub(crate) fn column_mean(col: ArrayView1<f64>) -> f64 {
    let Some(&first) = col.first() else { return 0.0 };
    if col.iter().all(|&v| v == first) {
        return first;
    }
    col.sum() / col.len() as f64
}

/// scikit-learn's test for a column indistinguishable from a constant: its computed variance is
/// within the rounding error bound of the two-pass algorithm (Chan, Golub & LeVeque).
fn is_constant(var: f64, mean: f64, n: usize) -> bool {
    let eps = f64::EPSILON;
    let n = n as f64;
    var <= n * eps * var + (n * mean * eps).powi(2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{array, Array1};

    #[test]
    fn powers_in_order_without_bias() {
        let f = polynomial_features(array![2.0, -1.0, 0.5].view(), 3).unwrap();
        assert_eq!(f, array![[2.0, 4.0, 8.0], [-1.0, 1.0, -1.0], [0.5, 0.25, 0.125]]);
        assert_eq!(polynomial_features(Array1::zeros(0).view(), 4).unwrap().dim(), (0, 4));
    }

    #[test]
    fn degree_and_finiteness_are_checked() {
        let x = array![0.1, 0.2];
        assert_eq!(polynomial_features(x.view(), 0), Err(PolyError::DegreeOutOfRange(0)));
        assert_eq!(polynomial_features(x.view(), 16), Err(PolyError::DegreeOutOfRange(16)));
        assert!(polynomial_features(x.view(), 15).is_ok());
        assert!(matches!(polynomial_features(array![f64::NAN].view(), 2), Err(PolyError::NotFinite(_))));
        // 1e30¹⁵ overflows.
        assert!(matches!(polynomial_features(array![1e30].view(), 15), Err(PolyError::NotFinite(_))));
    }

    #[test]
    fn standardizer_uses_population_std_and_training_statistics_only() {
        let train = array![[1.0, 10.0], [2.0, 10.0], [3.0, 10.0], [4.0, 10.0]];
        let (s, z) = Standardizer::fit_transform(train.view()).unwrap();
        // Mean 2.5, population variance 1.25.
        assert_eq!(s.mean(), array![2.5, 10.0]);
        assert!((s.scale()[0] - 1.25f64.sqrt()).abs() < 1e-15);
        // The constant column gets scale 1 and becomes exactly 0.
        assert_eq!(s.scale()[1], 1.0);
        assert!(z.column(1).iter().all(|&v| v == 0.0));
        let zc = z.column(0);
        assert!(zc.sum().abs() < 1e-12);
        assert!((zc.mapv(|v| v * v).sum() / 4.0 - 1.0).abs() < 1e-12);
        // Validation data is transformed with the training statistics.
        let val = s.transform(array![[2.5, 11.0]].view()).unwrap();
        assert_eq!(val, array![[0.0, 1.0]]);
    }

    #[test]
    fn constant_columns_of_inexact_values_become_exact_zeros() {
        let x = Array2::from_elem((7, 1), 0.1);
        let (s, z) = Standardizer::fit_transform(x.view()).unwrap();
        assert_eq!(s.scale()[0], 1.0);
        assert!(z.iter().all(|&v| v == 0.0));
        // Nearly constant (within rounding of the mean) also counts as constant.
        let nearly = array![[1e8], [1e8 + 1e-8], [1e8]];
        assert_eq!(Standardizer::fit(nearly.view()).unwrap().scale()[0], 1.0);
    }

    #[test]
    fn standardizer_rejects_bad_input() {
        assert_eq!(Standardizer::fit(Array2::zeros((0, 3)).view()), Err(PolyError::Empty));
        assert!(matches!(Standardizer::fit(array![[f64::INFINITY]].view()), Err(PolyError::NotFinite(_))));
        assert!(matches!(Standardizer::fit(array![[1e300], [-1e300]].view()), Err(PolyError::NotFinite(_))));
        let s = Standardizer::fit(array![[1.0, 2.0], [3.0, 4.0]].view()).unwrap();
        assert_eq!(s.transform(array![[1.0]].view()), Err(PolyError::ColumnMismatch { expected: 2, found: 1 }));
    }
}
