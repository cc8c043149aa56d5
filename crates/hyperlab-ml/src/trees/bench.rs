//! The workloads `make bench` times, natively and in the browser: the same code both ways.

use super::{Columns, Ensemble, Forest, ForestParams, MaxFeatures, Task, TreeParams};
use crate::datasets::toy2d::{DataConfig, Shape};

/// Points in the forest benchmark.
pub const FOREST_POINTS: usize = 400;
pub const FOREST_TREES: usize = 100;
/// Cells per side of the map benchmark.
pub const MAP_CELLS: usize = 100;

/// The benchmark's data: 400 moons points (all of them for training), two features.
pub fn forest_data(seed: u64) -> (Columns, Vec<f64>) {
    let config = DataConfig { shape: Shape::Moons, size: FOREST_POINTS, noise: 0.25, validation_fraction: 0.0, seed };
    let data = config.build().expect("the benchmark's data is valid");
    (Columns::from_rows(data.train.inputs.view()), data.train.targets.to_vec())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_fast_map_equals_walking_every_cell_down_every_tree() {
        let forest = super::forest_fit(3);
        let fast = super::decision_map(&forest);
        let slow = super::decision_map_by_rows(&forest);
        for (a, b) in fast.iter().zip(&slow) {
            assert!((a - b).abs() < 1e-12, "{a} vs {b}");
        }
    }
}

/// 100 trees, 400 points, 2 features, no depth limit, √p features per split, bootstrap.
pub fn forest_fit(seed: u64) -> Forest {
    let (x, y) = forest_data(seed);
    let tree = TreeParams { max_features: MaxFeatures::Sqrt, ..TreeParams::default() };
    let mut forest = Forest::new(x, y, Task::Classification { n_classes: 2 }, ForestParams { n_estimators: FOREST_TREES, tree, bootstrap: true, seed }).expect("valid forest");
    while forest.step().expect("the benchmark's trees fit") {}
    forest
}

/// Cell centres of the map: x ascending, y descending (row 0 at the top), over [−1.25, 1.25]².
pub fn map_axes() -> (Vec<f64>, Vec<f64>) {
    let xs = (0..MAP_CELLS).map(|c| -1.25 + (c as f64 + 0.5) * 2.5 / MAP_CELLS as f64).collect();
    let ys = (0..MAP_CELLS).map(|r| 1.25 - (r as f64 + 0.5) * 2.5 / MAP_CELLS as f64).collect();
    (xs, ys)
}

/// P(class 1) on a 100 × 100 grid over [−1.25, 1.25]² through every tree of the forest, as the
/// lab draws it (each tree fills its leaves' rectangles).
pub fn decision_map(forest: &Forest) -> Vec<f64> {
    let (xs, ys) = map_axes();
    let mut out = vec![0.0; MAP_CELLS * MAP_CELLS];
    for t in &forest.trees {
        t.add_to_grid(&xs, &ys, 1, 1.0, &mut out);
    }
    let k = forest.trees.len().max(1) as f64;
    out.iter_mut().for_each(|v| *v /= k);
    out
}

/// The same map the slow way: every cell walked down every tree (the reference the fast one is
/// tested against).
pub fn decision_map_by_rows(forest: &Forest) -> Vec<f64> {
    let (xs, ys) = map_axes();
    let k = forest.trees.len().max(1) as f64;
    ys.iter().flat_map(|y| xs.iter().map(move |x| (*x, *y))).map(|(x, y)| forest.trees.iter().map(|t| t.value(&[x, y])[1]).sum::<f64>() / k).collect()
}
