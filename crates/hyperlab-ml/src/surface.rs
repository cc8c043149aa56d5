//! Two-parameter loss surfaces for the learning-rate lab.
//!
//! The two coordinates stand for a model's two learned parameters (w₁, w₂); the surface is the
//! training loss as a function of them. Each surface is shifted so its global minimum is 0,
//! which lets the UI plot "loss above the minimum" on a log axis.

/// A loss surface over two parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Surface {
    /// ½(w₁² + κ·w₂²): a quadratic bowl whose condition number κ ≥ 1 sets how elongated it is.
    Bowl { condition: f64 },
    /// (1 − w₁)² + 10·(w₂ − w₁²)²: a narrow, curved valley (Rosenbrock's function, softened).
    Valley,
    /// (w₁² − 1)² + 0.3·w₁ + ½·w₂² − f*: two basins, a shallow local minimum on the right and
    /// the global minimum on the left.
    TwoWells,
}

/// Rectangular region `[x_min, x_max] × [y_min, y_max]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub x: (f64, f64),
    pub y: (f64, f64),
}

impl Bounds {
    pub fn contains(&self, p: [f64; 2]) -> bool {
        p[0] >= self.x.0 && p[0] <= self.x.1 && p[1] >= self.y.0 && p[1] <= self.y.1
    }

    /// The nearest point inside the bounds (non-finite coordinates go to the centre).
    pub fn clamp(&self, p: [f64; 2]) -> [f64; 2] {
        let c = |v: f64, (lo, hi): (f64, f64)| if v.is_finite() { v.clamp(lo, hi) } else { 0.5 * (lo + hi) };
        [c(p[0], self.x), c(p[1], self.y)]
    }
}

const VALLEY_STIFFNESS: f64 = 10.0;
const WELL_TILT: f64 = 0.3;

/// Stationary points of the two-wells profile g(x) = (x² − 1)² + t·x, found by Newton's method
/// from either side: (global minimum x, local minimum x).
fn two_wells_minima() -> (f64, f64) {
    let newton = |mut x: f64| {
        for _ in 0..50 {
            let g1 = 4.0 * x * (x * x - 1.0) + WELL_TILT;
            let g2 = 12.0 * x * x - 4.0;
            x -= g1 / g2;
        }
        x
    };
    (newton(-1.0), newton(1.0))
}

fn two_wells_raw(w: [f64; 2]) -> f64 {
    let a = w[0] * w[0] - 1.0;
    a * a + WELL_TILT * w[0] + 0.5 * w[1] * w[1]
}

impl Surface {
    /// Loss above the global minimum (so ≥ 0 everywhere, 0 at the minimum).
    pub fn loss(&self, w: [f64; 2]) -> f64 {
        let [x, y] = w;
        match *self {
            Surface::Bowl { condition } => 0.5 * (x * x + condition * y * y),
            Surface::Valley => {
                let r = y - x * x;
                (1.0 - x).powi(2) + VALLEY_STIFFNESS * r * r
            }
            Surface::TwoWells => {
                let (global, _) = two_wells_minima();
                (two_wells_raw(w) - two_wells_raw([global, 0.0])).max(0.0)
            }
        }
    }

    /// Gradient ∇f(w).
    pub fn gradient(&self, w: [f64; 2]) -> [f64; 2] {
        let [x, y] = w;
        match *self {
            Surface::Bowl { condition } => [x, condition * y],
            Surface::Valley => {
                let r = y - x * x;
                [-2.0 * (1.0 - x) - 4.0 * VALLEY_STIFFNESS * r * x, 2.0 * VALLEY_STIFFNESS * r]
            }
            Surface::TwoWells => [4.0 * x * (x * x - 1.0) + WELL_TILT, y],
        }
    }

    /// Where the global minimum is.
    pub fn minimum(&self) -> [f64; 2] {
        match *self {
            Surface::Bowl { .. } => [0.0, 0.0],
            Surface::Valley => [1.0, 1.0],
            Surface::TwoWells => [two_wells_minima().0, 0.0],
        }
    }

    /// Where a non-global local minimum is, if the surface has one.
    pub fn local_minimum(&self) -> Option<[f64; 2]> {
        match *self {
            Surface::TwoWells => Some([two_wells_minima().1, 0.0]),
            _ => None,
        }
    }

    /// The region the lab draws.
    pub fn bounds(&self) -> Bounds {
        match *self {
            Surface::Bowl { .. } => Bounds { x: (-3.0, 3.0), y: (-3.0, 3.0) },
            Surface::Valley => Bounds { x: (-2.0, 2.0), y: (-1.0, 3.0) },
            Surface::TwoWells => Bounds { x: (-2.0, 2.0), y: (-2.0, 2.0) },
        }
    }

    /// A start point that shows the surface's character.
    pub fn default_start(&self) -> [f64; 2] {
        match *self {
            Surface::Bowl { .. } => [-2.5, 1.5],
            Surface::Valley => [-1.5, 2.5],
            Surface::TwoWells => [1.8, 1.5],
        }
    }

    /// Largest eigenvalue of the Hessian at the global minimum: plain gradient descent is stable
    /// there only for learning rates below 2 / this.
    pub fn curvature_at_minimum(&self) -> f64 {
        match *self {
            Surface::Bowl { condition } => condition.max(1.0),
            Surface::Valley => {
                // Hessian at (1, 1): [[2 + 8s, −4s], [−4s, 2s]] with s = stiffness.
                let s = VALLEY_STIFFNESS;
                let (a, b, d) = (2.0 + 8.0 * s, -4.0 * s, 2.0 * s);
                let mean = 0.5 * (a + d);
                mean + (0.25 * (a - d).powi(2) + b * b).sqrt()
            }
            Surface::TwoWells => {
                let x = two_wells_minima().0;
                (12.0 * x * x - 4.0).max(1.0)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SURFACES: [Surface; 4] =
        [Surface::Bowl { condition: 1.0 }, Surface::Bowl { condition: 25.0 }, Surface::Valley, Surface::TwoWells];

    #[test]
    fn gradients_match_finite_differences() {
        let h = 1e-6;
        for s in SURFACES {
            for w in [[0.3, -0.7], [-1.2, 1.9], [1.5, 0.2], [-0.4, 0.05]] {
                let g = s.gradient(w);
                for k in 0..2 {
                    let (mut p, mut m) = (w, w);
                    p[k] += h;
                    m[k] -= h;
                    // Unshifted differences: the shift by f* cancels.
                    let numeric = (s.loss(p) - s.loss(m)) / (2.0 * h);
                    let scale = g[k].abs().max(1.0);
                    assert!((numeric - g[k]).abs() / scale < 1e-6, "{s:?} at {w:?} d{k}: {numeric} vs {}", g[k]);
                }
            }
        }
    }

    #[test]
    fn minimum_is_zero_and_stationary() {
        for s in SURFACES {
            let m = s.minimum();
            assert!(s.loss(m).abs() < 1e-12, "{s:?}");
            let g = s.gradient(m);
            assert!(g[0].abs() < 1e-9 && g[1].abs() < 1e-9, "{s:?}: {g:?}");
        }
    }

    #[test]
    fn two_wells_has_a_higher_local_minimum() {
        let s = Surface::TwoWells;
        let local = s.local_minimum().unwrap();
        assert!(local[0] > 0.5 && s.minimum()[0] < -0.5);
        assert!(s.loss(local) > 0.3, "local min should sit visibly above the global one");
        let g = s.gradient(local);
        assert!(g[0].abs() < 1e-9);
    }

    #[test]
    fn valley_curvature_matches_known_eigenvalue() {
        // Eigenvalues of [[82, −40], [−40, 20]]: 51 ± √(31² + 40²).
        let expected = 51.0 + (31.0f64 * 31.0 + 1600.0).sqrt();
        assert!((Surface::Valley.curvature_at_minimum() - expected).abs() < 1e-12);
    }

    #[test]
    fn clamp_keeps_points_inside() {
        let b = Surface::Valley.bounds();
        assert_eq!(b.clamp([9.0, -9.0]), [2.0, -1.0]);
        assert_eq!(b.clamp([f64::NAN, 0.5]), [0.0, 0.5]);
        assert!(b.contains(b.clamp([f64::INFINITY, f64::NEG_INFINITY])));
    }
}
