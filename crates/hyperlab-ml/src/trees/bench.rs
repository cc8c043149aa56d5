//! The workloads `make bench` times, natively and in the browser: the same code both ways.

use super::{Columns, Forest, ForestParams, MaxFeatures, Task, TreeParams};
use crate::nn::{DataConfig, Shape};

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

/// 100 trees, 400 points, 2 features, no depth limit, √p features per split, bootstrap.
pub fn forest_fit(seed: u64) -> Forest {
    let (x, y) = forest_data(seed);
    let tree = TreeParams { max_features: MaxFeatures::Sqrt, ..TreeParams::default() };
    let mut forest = Forest::new(x, y, Task::Classification { n_classes: 2 }, ForestParams { n_estimators: FOREST_TREES, tree, bootstrap: true, seed }).expect("valid forest");
    while forest.step().expect("the benchmark's trees fit") {}
    forest
}

/// P(class 1) on a 100 × 100 grid over [−1.25, 1.25]² through every tree of the forest.
pub fn decision_map(forest: &Forest) -> Vec<f64> {
    let mut out = Vec::with_capacity(MAP_CELLS * MAP_CELLS);
    let mut row = [0.0; 2];
    let k = forest.trees.len().max(1) as f64;
    for r in 0..MAP_CELLS {
        row[1] = 1.25 - (r as f64 + 0.5) * 2.5 / MAP_CELLS as f64;
        for c in 0..MAP_CELLS {
            row[0] = -1.25 + (c as f64 + 0.5) * 2.5 / MAP_CELLS as f64;
            out.push(forest.trees.iter().map(|t| t.value(&row)[1]).sum::<f64>() / k);
        }
    }
    out
}
