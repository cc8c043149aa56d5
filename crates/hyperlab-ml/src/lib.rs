//! Hyperlab's numeric core.
//!
//! Pure Rust on ndarray and rand: no browser crates, so every model, optimizer and search
//! strategy here is tested natively and fast. Everything stateful advances one step at a
//! time (`step()` / `Iterator::next()`) so the web app can animate it within a frame budget.

pub mod budgets;
pub mod datasets;
pub mod exam;
pub mod labs;
pub mod linalg;
pub mod linear_model;
pub mod metrics;
pub mod model_selection;
pub mod nn;
pub mod optim;
pub mod rng;
pub mod schema;
pub mod search;
pub mod sorting;
pub mod trees;

/// Evenly spaced values on a log scale from `low` to `high` inclusive (both must be > 0).
pub fn log_space(low: f64, high: f64, count: usize) -> Vec<f64> {
    match count {
        0 => Vec::new(),
        1 => vec![low],
        _ => {
            let (a, b) = (low.ln(), high.ln());
            let last = (count - 1) as f64;
            (0..count)
                .map(|i| {
                    // Pin the ends exactly so the first and last values are the requested ones.
                    if i == 0 {
                        low
                    } else if i == count - 1 {
                        high
                    } else {
                        (a + (b - a) * i as f64 / last).exp()
                    }
                })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::log_space;

    #[test]
    fn log_space_hits_both_ends_and_is_geometric() {
        let v = log_space(1e-4, 10.0, 6);
        assert_eq!(v.len(), 6);
        assert_eq!(v[0], 1e-4);
        assert_eq!(v[5], 10.0);
        for w in v.windows(2) {
            assert!(((w[1] / w[0]) - 10f64.powf(1.0)).abs() < 1e-9);
        }
        assert!(log_space(1.0, 2.0, 0).is_empty());
        assert_eq!(log_space(3.0, 9.0, 1), vec![3.0]);
    }
}
