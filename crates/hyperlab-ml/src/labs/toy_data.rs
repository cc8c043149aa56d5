//! The toy-data knobs the training and trees labs share. Both name them with the same query keys
//! (`data`, `noise`, `size`, `val`, `seed`) and read them into one [`DataConfig`]; each lab's
//! schema keeps its own ranges, defaults and help texts, so one reader serves both.

use super::pick;
use crate::datasets::toy2d::{DataConfig, Shape};
use crate::schema::{ParamState, Value};

/// The data knobs of a parsed state. The schema has already clamped every value into the lab's
/// own range; the `max(0)`s only keep the casts sound.
pub fn from_params(p: &ParamState) -> DataConfig {
    DataConfig {
        shape: pick(&Shape::ALL, p.choice("data")),
        noise: p.float("noise"),
        size: p.int("size").max(0) as usize,
        validation_fraction: p.float("val"),
        seed: p.int("seed").max(0) as u64,
    }
}

/// Writes `data` into the state's data knobs (clamped by the lab's schema).
pub fn set_params(p: &mut ParamState, data: &DataConfig) {
    p.set("data", Value::Choice(Shape::ALL.iter().position(|s| *s == data.shape).unwrap_or(0)));
    p.set("noise", Value::Float(data.noise));
    p.set("size", Value::Int(data.size as i64));
    p.set("val", Value::Float(data.validation_fraction));
    p.set("seed", Value::Int(data.seed as i64));
}
