//! A small classification problem and model for the cross-validation lab: two classes on a line
//! (with a chosen imbalance) and an L2-penalized logistic regression fitted by Newton's method.

use crate::rng::SeededRng;

/// Samples with a class label each (0 or 1).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClassData {
    pub x: Vec<f64>,
    pub labels: Vec<usize>,
}

/// `n` samples, exactly `round(minority · n)` of them class 1 (at least one of each class when
/// n ≥ 2). Class 1 is centred at +separation/2 and class 0 at −separation/2, unit spread.
/// `sorted` puts every class-0 sample first, as data sometimes arrives.
pub fn two_classes(n: usize, minority: f64, separation: f64, sorted: bool, seed: u64) -> ClassData {
    let mut rng = SeededRng::new(seed);
    let minority = if minority.is_finite() { minority.clamp(0.0, 0.5) } else { 0.5 };
    let mut ones = ((minority * n as f64).round() as usize).min(n);
    if n >= 2 {
        ones = ones.clamp(1, n - 1);
    }
    let mut labels: Vec<usize> = (0..n).map(|i| usize::from(i >= n - ones)).collect();
    if !sorted {
        // Fisher–Yates from the seed.
        for i in (1..n).rev() {
            let j = ((rng.uniform() * (i + 1) as f64) as usize).min(i);
            labels.swap(i, j);
        }
    }
    let half = if separation.is_finite() { separation / 2.0 } else { 1.0 };
    let x = labels.iter().map(|&c| if c == 1 { half } else { -half } + rng.normal()).collect();
    ClassData { x, labels }
}

/// P(class 1 | x) = σ(intercept + slope · x).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Logistic {
    pub intercept: f64,
    pub slope: f64,
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 { 1.0 / (1.0 + (-z).exp()) } else { let e = z.exp(); e / (1.0 + e) }
}

impl Logistic {
    /// Minimizes Σ log-loss + ½·alpha·slope² (the intercept is not penalized, as in
    /// scikit-learn's `LogisticRegression(C = 1/alpha)`) by Newton's method. `alpha` is raised to
    /// at least 1e-6 so perfectly separable data still has a finite answer.
    pub fn fit(x: &[f64], labels: &[usize], alpha: f64) -> Self {
        let alpha = if alpha.is_finite() { alpha.max(1e-6) } else { 1.0 };
        let mut w = [0.0f64; 2];
        for _ in 0..50 {
            let (mut g0, mut g1, mut h00, mut h01, mut h11) = (0.0, alpha * w[1], 0.0, 0.0, alpha);
            for (&xi, &yi) in x.iter().zip(labels) {
                if !xi.is_finite() {
                    continue;
                }
                let p = sigmoid(w[0] + w[1] * xi);
                let r = p - (yi == 1) as u8 as f64;
                let s = (p * (1.0 - p)).max(1e-12);
                g0 += r;
                g1 += r * xi;
                h00 += s;
                h01 += s * xi;
                h11 += s * xi * xi;
            }
            let det = h00 * h11 - h01 * h01;
            if !(det.abs() > 1e-300) {
                break;
            }
            let d0 = (h11 * g0 - h01 * g1) / det;
            let d1 = (h00 * g1 - h01 * g0) / det;
            w[0] -= d0;
            w[1] -= d1;
            if d0.abs() + d1.abs() < 1e-12 {
                break;
            }
        }
        Self { intercept: w[0], slope: w[1] }
    }

    pub fn probability(&self, x: f64) -> f64 {
        sigmoid(self.intercept + self.slope * x)
    }

    pub fn predict(&self, x: f64) -> usize {
        usize::from(self.probability(x) >= 0.5)
    }

    /// The x where the predicted class changes, if the slope is not ~0.
    pub fn boundary(&self) -> Option<f64> {
        (self.slope.abs() > 1e-12).then(|| -self.intercept / self.slope)
    }
}

/// Fraction of predictions equal to the labels (0 for no samples).
pub fn accuracy(model: &Logistic, x: &[f64], labels: &[usize]) -> f64 {
    if x.is_empty() {
        return 0.0;
    }
    let right = x.iter().zip(labels).filter(|(xi, yi)| model.predict(**xi) == **yi).count();
    right as f64 / x.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_counts_follow_the_imbalance_and_sorting() {
        let d = two_classes(40, 0.2, 2.0, false, 1);
        assert_eq!(d.labels.iter().filter(|&&c| c == 1).count(), 8);
        assert_ne!(d.labels[..32].iter().sum::<usize>(), 0, "shuffled: class 1 not all at the end");
        let s = two_classes(40, 0.2, 2.0, true, 1);
        assert!(s.labels[..32].iter().all(|&c| c == 0) && s.labels[32..].iter().all(|&c| c == 1));
        assert_eq!(two_classes(10, 0.0, 2.0, false, 1).labels.iter().sum::<usize>(), 1, "at least one of each");
        assert_eq!(d, two_classes(40, 0.2, 2.0, false, 1));
    }

    #[test]
    fn newton_solution_has_zero_gradient() {
        let d = two_classes(200, 0.4, 1.5, false, 7);
        let alpha = 0.5;
        let m = Logistic::fit(&d.x, &d.labels, alpha);
        let (mut g0, mut g1) = (0.0, alpha * m.slope);
        for (&x, &y) in d.x.iter().zip(&d.labels) {
            let r = m.probability(x) - y as f64;
            g0 += r;
            g1 += r * x;
        }
        assert!(g0.abs() < 1e-9 && g1.abs() < 1e-9, "{g0} {g1}");
        assert!(m.slope > 0.0);
        assert!(accuracy(&m, &d.x, &d.labels) > 0.7);
    }

    #[test]
    fn separable_data_stays_finite() {
        let x = [-2.0, -1.0, 1.0, 2.0];
        let m = Logistic::fit(&x, &[0, 0, 1, 1], 0.0);
        assert!(m.slope.is_finite() && m.intercept.is_finite());
        assert_eq!(accuracy(&m, &x, &[0, 0, 1, 1]), 1.0);
        assert!(m.boundary().unwrap().abs() < 1e-6);
    }
}
