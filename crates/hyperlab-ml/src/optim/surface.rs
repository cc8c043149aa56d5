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

    /// The part of the segment from `a` to `b` inside the bounds (Liang–Barsky), if any: a step
    /// that leaves the map ends where it crosses the edge, in its own direction. `None` for a
    /// segment wholly outside or with a non-finite end.
    pub fn clip_segment(&self, a: [f64; 2], b: [f64; 2]) -> Option<([f64; 2], [f64; 2])> {
        if !(a.iter().chain(&b).all(|v| v.is_finite())) {
            return None;
        }
        let d = [b[0] - a[0], b[1] - a[1]];
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        // Each edge as p·t ≤ q: the segment's parameter range inside it.
        for (p, q) in [(-d[0], a[0] - self.x.0), (d[0], self.x.1 - a[0]), (-d[1], a[1] - self.y.0), (d[1], self.y.1 - a[1])] {
            if p == 0.0 {
                if q < 0.0 {
                    return None;
                }
            } else if p < 0.0 {
                t0 = t0.max(q / p);
            } else {
                t1 = t1.min(q / p);
            }
        }
        let at = |t: f64| [a[0] + t * d[0], a[1] + t * d[1]];
        (t0 <= t1).then(|| (at(t0), at(t1)))
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

    /// The Hessian ∇²f(w): the curvature in every direction at `w`.
    pub fn hessian(&self, w: [f64; 2]) -> [[f64; 2]; 2] {
        let [x, y] = w;
        match *self {
            Surface::Bowl { condition } => [[1.0, 0.0], [0.0, condition]],
            Surface::Valley => {
                let s = VALLEY_STIFFNESS;
                let cross = -4.0 * s * x;
                [[2.0 - 4.0 * s * y + 12.0 * s * x * x, cross], [cross, 2.0 * s]]
            }
            Surface::TwoWells => [[12.0 * x * x - 4.0, 0.0], [0.0, 1.0]],
        }
    }

    /// The Hessian's eigen-directions at `w` (unit vectors), steepest curvature first.
    pub fn curvature_directions(&self, w: [f64; 2]) -> [[f64; 2]; 2] {
        let [[a, b], [_, d]] = self.hessian(w);
        if b.abs() < 1e-300 {
            return if a >= d { [[1.0, 0.0], [0.0, 1.0]] } else { [[0.0, 1.0], [1.0, 0.0]] };
        }
        // Largest eigenvalue of a symmetric 2×2 matrix and its eigenvector (b, λ − a).
        let lambda = 0.5 * (a + d) + (0.25 * (a - d).powi(2) + b * b).sqrt();
        let (vx, vy) = (b, lambda - a);
        let n = vx.hypot(vy);
        let steep = [vx / n, vy / n];
        [steep, [-steep[1], steep[0]]]
    }

    /// On the two-wells surface, the w₁ of the ridge (the top of the profile between the wells):
    /// left of it is the global minimum's basin, right of it the local one's.
    pub fn ridge(&self) -> Option<f64> {
        match *self {
            Surface::TwoWells => {
                // The middle root of 4x³ − 4x + t = 0, by Newton's method from 0.
                let mut x = 0.0;
                for _ in 0..50 {
                    x -= (4.0 * x * (x * x - 1.0) + WELL_TILT) / (12.0 * x * x - 4.0);
                }
                Some(x)
            }
            _ => None,
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
    fn a_step_is_clipped_where_it_crosses_the_edge_in_its_own_direction() {
        let b = Bounds { x: (-3.0, 3.0), y: (-3.0, 3.0) };
        let close = |p: [f64; 2], q: [f64; 2]| (p[0] - q[0]).abs() < 1e-12 && (p[1] - q[1]).abs() < 1e-12;
        // Inside: unchanged.
        let (a, e) = b.clip_segment([-2.5, 1.5], [1.0, -1.0]).unwrap();
        assert!(close(a, [-2.5, 1.5]) && close(e, [1.0, -1.0]));
        // Leaving through the bottom (η = 5 on the bowl's first step): it ends at y = −3, at the
        // x the step's own direction reaches there, not in the corner.
        let (a, e) = b.clip_segment([-2.5, 1.5], [10.0, -73.5]).unwrap();
        assert!(close(a, [-2.5, 1.5]) && close(e, [-1.75, -3.0]), "{e:?}");
        // Crossing the whole map: both ends on the edge.
        let (a, e) = b.clip_segment([-5.0, 0.0], [5.0, 0.0]).unwrap();
        assert!(close(a, [-3.0, 0.0]) && close(e, [3.0, 0.0]));
        // Wholly outside, or not finite: nothing to draw.
        assert!(b.clip_segment([4.0, 4.0], [9.0, -20.0]).is_none());
        assert!(b.clip_segment([4.0, 0.0], [5.0, 0.0]).is_none());
        assert!(b.clip_segment([0.0, 0.0], [f64::INFINITY, 0.0]).is_none());
        assert!(b.clip_segment([0.0, 0.0], [f64::NAN, 0.0]).is_none());
    }

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
    fn hessian_matches_finite_differences_of_the_gradient() {
        let h = 1e-6;
        for s in SURFACES {
            for w in [[0.3, -0.7], [-1.2, 1.9], [1.5, 0.2]] {
                let hess = s.hessian(w);
                for k in 0..2 {
                    let (mut p, mut m) = (w, w);
                    p[k] += h;
                    m[k] -= h;
                    for j in 0..2 {
                        let numeric = (s.gradient(p)[j] - s.gradient(m)[j]) / (2.0 * h);
                        assert!((numeric - hess[j][k]).abs() < 1e-5 * hess[j][k].abs().max(1.0), "{s:?} {w:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn steepest_direction_is_the_top_eigenvector() {
        let m = Surface::Valley.minimum();
        let [steep, flat] = Surface::Valley.curvature_directions(m);
        let h = Surface::Valley.hessian(m);
        let hv = [h[0][0] * steep[0] + h[0][1] * steep[1], h[1][0] * steep[0] + h[1][1] * steep[1]];
        let lambda = Surface::Valley.curvature_at_minimum();
        assert!((hv[0] - lambda * steep[0]).abs() < 1e-9 && (hv[1] - lambda * steep[1]).abs() < 1e-9);
        assert!((steep[0] * flat[0] + steep[1] * flat[1]).abs() < 1e-12);
        assert_eq!(Surface::Bowl { condition: 10.0 }.curvature_directions([0.0, 0.0])[0], [0.0, 1.0]);
    }

    #[test]
    fn the_ridge_separates_the_wells() {
        let ridge = Surface::TwoWells.ridge().unwrap();
        assert!(Surface::TwoWells.minimum()[0] < ridge && ridge < Surface::TwoWells.local_minimum().unwrap()[0]);
        assert!(Surface::TwoWells.gradient([ridge, 0.0])[0].abs() < 1e-12);
        assert_eq!(Surface::Valley.ridge(), None);
    }

    #[test]
    fn clamp_keeps_points_inside() {
        let b = Surface::Valley.bounds();
        assert_eq!(b.clamp([9.0, -9.0]), [2.0, -1.0]);
        assert_eq!(b.clamp([f64::NAN, 0.5]), [0.0, 0.5]);
        assert!(b.contains(b.clamp([f64::INFINITY, f64::NEG_INFINITY])));
    }
}
