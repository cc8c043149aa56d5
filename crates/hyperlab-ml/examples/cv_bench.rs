//! Native figure for the cross-validation lab's k comparison: 200 resamples of 100 points,
//! k-fold CV estimates for k = 2, 5, 10 against the known true error, with a cubic ridge fit in
//! closed form. Prints `cv_experiment_ms_native: <ms> ms` (median of several runs); pass
//! `--summary` to also print what the experiment found for each k.
//!
//! The ridge model lives here, not in the core: the experiment is generic over the model.

use hyperlab_ml::cv::{CvExperimentConfig, Split};
use hyperlab_ml::rng::SeededRng;
use std::hint::black_box;
use std::time::Instant;

const DEGREE: usize = 3;
const P: usize = DEGREE + 1;
const ALPHA: f64 = 1e-3;
const NOISE: f64 = 0.3;

/// The known truth: x uniform on [−1, 1], y = sin(πx) + N(0, 0.3²).
fn truth(x: f64) -> f64 {
    (std::f64::consts::PI * x).sin()
}

fn features(x: f64) -> [f64; P] {
    std::array::from_fn(|j| x.powi(j as i32))
}

fn predict(w: &[f64; P], x: f64) -> f64 {
    features(x).iter().zip(w).map(|(f, w)| f * w).sum()
}

/// Ridge on polynomial features: solves (XᵀX + αI) w = Xᵀy by Gaussian elimination with partial
/// pivoting (the intercept is penalized too; at α = 1e-3 it makes no visible difference).
fn ridge(xs: &[f64], ys: &[f64], rows: &[usize]) -> [f64; P] {
    let mut a = [[0.0; P]; P];
    let mut b = [0.0; P];
    for &i in rows {
        let f = features(xs[i]);
        for r in 0..P {
            b[r] += f[r] * ys[i];
            for c in 0..P {
                a[r][c] += f[r] * f[c];
            }
        }
    }
    for (d, row) in a.iter_mut().enumerate() {
        row[d] += ALPHA;
    }
    for col in 0..P {
        let pivot = (col..P).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs())).unwrap();
        a.swap(col, pivot);
        b.swap(col, pivot);
        let pivot_row = a[col];
        for r in col + 1..P {
            let m = a[r][col] / pivot_row[col];
            for (x, p) in a[r][col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= m * p;
            }
            b[r] -= m * b[col];
        }
    }
    let mut w = [0.0; P];
    for r in (0..P).rev() {
        w[r] = (b[r] - (r + 1..P).map(|c| a[r][c] * w[c]).sum::<f64>()) / a[r][r];
    }
    w
}

struct Data {
    x: Vec<f64>,
    y: Vec<f64>,
}

fn run_experiment() -> hyperlab_ml::cv::ExperimentSummary {
    CvExperimentConfig::k_comparison()
        .build(
            |rng: &mut SeededRng, n: usize| {
                let x: Vec<f64> = (0..n).map(|_| 2.0 * rng.uniform() - 1.0).collect();
                let y = x.iter().map(|&x| truth(x) + NOISE * rng.normal()).collect();
                Data { x, y }
            },
            |d: &Data, s: &Split| {
                let w = ridge(&d.x, &d.y, &s.train);
                s.test.iter().map(|&i| (d.y[i] - predict(&w, d.x[i])).powi(2)).sum::<f64>() / s.test.len() as f64
            },
            // Expected squared error on a fresh point: noise variance plus the mean squared gap
            // between fit and truth over x ~ U[−1, 1] (midpoint rule, 200 nodes).
            |d: &Data| {
                let w = ridge(&d.x, &d.y, &(0..d.x.len()).collect::<Vec<_>>());
                let nodes = 200;
                let gap =
                    (0..nodes).map(|i| -1.0 + (2 * i + 1) as f64 / nodes as f64).map(|x| (truth(x) - predict(&w, x)).powi(2)).sum::<f64>()
                        / nodes as f64;
                NOISE * NOISE + gap
            },
        )
        .expect("the k-comparison preset is valid")
        .finish()
}

/// Median milliseconds of `f` over `reps` runs, after a warm-up.
fn median_ms(reps: usize, mut f: impl FnMut()) -> f64 {
    for _ in 0..2 {
        f();
    }
    let mut times: Vec<f64> = (0..reps)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    times[reps / 2]
}

fn main() {
    let ms = median_ms(21, || {
        black_box(run_experiment());
    });
    println!("cv_experiment_ms_native: {ms:.3} ms");

    if std::env::args().any(|a| a == "--summary") {
        let s = run_experiment();
        println!("true error: mean {:.4}, std {:.4} over {} resamples", s.true_error_mean, s.true_error_std, s.resamples);
        for f in &s.per_folds {
            println!(
                "{:>6}: estimate mean {:.4}, std {:.4}, bias {:+.4}, rmse {:.4}, fits {}",
                f.folds.label(),
                f.mean,
                f.std,
                f.bias,
                f.rmse,
                f.fits
            );
        }
    }
}
