//! Results that are slow to compute, kept once per test binary by key.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// The value `compute` gives for `key`, computed once per test binary: later calls with the same
/// key get a clone. It computes outside the lock, so tests running in parallel do not wait on
/// each other's runs.
pub fn memo<T: Clone>(cache: &OnceLock<Mutex<HashMap<String, T>>>, key: String, compute: impl FnOnce() -> T) -> T {
    let cache = cache.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(v) = cache.lock().unwrap().get(&key) {
        return v.clone();
    }
    let v = compute();
    cache.lock().unwrap().insert(key, v.clone());
    v
}
