//! Reading the reference fixtures (`tests/reference/*.json`) that the reference test files
//! compare against: numbers, rows of numbers, and a file's list of cases.

// Each test binary uses the share of these it needs.
#![allow(dead_code)]

use serde_json::Value;

/// An array of numbers.
pub fn floats(v: &Value) -> Vec<f64> {
    v.as_array().expect("an array").iter().map(|x| x.as_f64().expect("a number")).collect()
}

/// An array of arrays of numbers.
pub fn rows(v: &Value) -> Vec<Vec<f64>> {
    v.as_array().expect("an array").iter().map(floats).collect()
}

/// The cases under `key`, at least `at_least` of them (so a fixture file that lost its cases
/// does not pass by checking nothing).
pub fn cases<'a>(doc: &'a Value, key: &str, at_least: usize) -> &'a [Value] {
    let cases = doc[key].as_array().unwrap();
    assert!(cases.len() >= at_least, "{key}: {} cases", cases.len());
    cases
}
