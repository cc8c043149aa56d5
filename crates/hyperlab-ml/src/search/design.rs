//! Point sets in the unit cube: seeded Latin hypercubes (the initial design of Bayesian
//! optimization) and a randomly shifted low-discrepancy sequence (its candidate set).

use crate::rng::SeededRng;

/// `n` points of a Latin hypercube in `[0, 1]^dim`: each axis cut into `n` equal strata, each
/// stratum used by exactly one point, the position inside a stratum uniform.
pub fn latin_hypercube(n: usize, dim: usize, rng: &mut SeededRng) -> Vec<Vec<f64>> {
    let mut points = vec![vec![0.0; dim]; n];
    for d in 0..dim {
        let mut strata: Vec<usize> = (0..n).collect();
        rng.shuffle(&mut strata);
        for (p, s) in points.iter_mut().zip(strata) {
            p[d] = (s as f64 + rng.uniform()) / n as f64;
        }
    }
    points
}

/// The best of `tries` Latin hypercubes by the smallest distance between two points (maximin):
/// a plain Latin hypercube can still put two points side by side, which wastes one of the few
/// trials before the model takes over.
pub fn maximin_latin_hypercube(n: usize, dim: usize, seed: u64, tries: usize) -> Vec<Vec<f64>> {
    let mut rng = SeededRng::new(seed);
    let mut best = latin_hypercube(n, dim, &mut rng);
    let mut best_gap = min_distance(&best);
    for _ in 1..tries.max(1) {
        let candidate = latin_hypercube(n, dim, &mut rng);
        let gap = min_distance(&candidate);
        if gap > best_gap {
            best = candidate;
            best_gap = gap;
        }
    }
    best
}

/// Smallest squared distance between two of the points (∞ for fewer than two).
fn min_distance(points: &[Vec<f64>]) -> f64 {
    let mut m = f64::INFINITY;
    for i in 0..points.len() {
        for j in 0..i {
            m = m.min(points[i].iter().zip(&points[j]).map(|(a, b)| (a - b) * (a - b)).sum());
        }
    }
    m
}

/// `n` points of Roberts' R_d sequence (the d-dimensional generalization of the golden-ratio
/// sequence), shifted by `shift` modulo 1 (a Cranley–Patterson rotation, so each seed gets a
/// different but equally even set). Low-discrepancy in any dimension without tables of direction
/// numbers, which a Sobol sequence would need.
pub fn rd_sequence(n: usize, shift: &[f64]) -> Vec<Vec<f64>> {
    let dim = shift.len();
    // φ_d: the positive root of x^(d+1) = x + 1.
    let mut phi = 2.0f64;
    for _ in 0..60 {
        phi = (1.0 + phi).powf(1.0 / (dim as f64 + 1.0));
    }
    let alpha: Vec<f64> = (1..=dim).map(|k| phi.powi(-(k as i32))).collect();
    (0..n)
        .map(|i| {
            // (i + 1)·α accumulated exactly enough for the few thousand points we draw.
            alpha.iter().zip(shift).map(|(a, s)| (s + (i as f64 + 1.0) * a).fract()).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_hypercube_uses_every_stratum_once() {
        let mut rng = SeededRng::new(4);
        let pts = latin_hypercube(10, 3, &mut rng);
        for d in 0..3 {
            let mut strata: Vec<usize> = pts.iter().map(|p| (p[d] * 10.0) as usize).collect();
            strata.sort();
            assert_eq!(strata, (0..10).collect::<Vec<_>>());
        }
        let a = maximin_latin_hypercube(6, 2, 9, 20);
        assert_eq!(a, maximin_latin_hypercube(6, 2, 9, 20));
        assert_ne!(a, maximin_latin_hypercube(6, 2, 10, 20));
        assert!(min_distance(&a) >= min_distance(&latin_hypercube(6, 2, &mut SeededRng::new(9))));
    }

    #[test]
    fn rd_sequence_is_even() {
        let pts = rd_sequence(1024, &[0.3, 0.7]);
        assert!(pts.iter().flatten().all(|v| (0.0..1.0).contains(v)));
        // Every cell of an 8 × 8 grid gets close to its 16 points.
        let mut cells = [0usize; 64];
        for p in &pts {
            cells[(p[0] * 8.0) as usize * 8 + (p[1] * 8.0) as usize] += 1;
        }
        assert!(cells.iter().all(|&c| (12..=20).contains(&c)), "{cells:?}");
    }
}
