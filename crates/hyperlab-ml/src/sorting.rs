//! The core's sorts, each compiled once. Every `sort_by` call with its own closure is a fresh
//! copy of the standard library's stable sort (several KB of WebAssembly each): the search
//! lab's page carried 66 such functions (74 KB) before its sorts came here. These take the
//! comparison at run time instead, so a page holds one copy however many call sites it has.

use std::cmp::Ordering;

/// Sorts floats ascending in IEEE total order (`f64::total_cmp`): NaN last, −0 before +0.
#[inline(never)]
pub fn sort_floats(values: &mut [f64]) {
    values.sort_by(f64::total_cmp);
}

/// Sorts floats descending in IEEE total order: the exact reverse of [`sort_floats`].
pub fn sort_floats_descending(values: &mut [f64]) {
    sort_floats(values);
    values.reverse();
}

/// Stable sort of indices by a comparison of the items they point at. Ties keep their order,
/// so indices that start ascending stay ascending among equals.
#[inline(never)]
pub fn sort_indices_by(indices: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    indices.sort_by(|&a, &b| compare(a, b));
}

/// The indices `0..n` in ascending order of `key` (total order; ties by index).
pub fn argsort_by_key(n: usize, key: &dyn Fn(usize) -> f64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    sort_indices_by(&mut order, &|a, b| key(a).total_cmp(&key(b)));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_sort_in_total_order_both_ways() {
        let mut v = [3.0, f64::NAN, -0.0, 0.0, -1.0, f64::INFINITY];
        sort_floats(&mut v);
        assert_eq!(v[..5].iter().map(|x| x.to_bits()).collect::<Vec<_>>(), [-1.0f64, -0.0, 0.0, 3.0, f64::INFINITY].map(f64::to_bits));
        assert!(v[5].is_nan());
        let mut d = [1.0, 5.0, 2.0];
        sort_floats_descending(&mut d);
        assert_eq!(d, [5.0, 2.0, 1.0]);
    }

    #[test]
    fn index_sort_is_stable_and_argsort_breaks_ties_by_index() {
        let keys = [2.0, 1.0, 2.0, 1.0, 0.5];
        assert_eq!(argsort_by_key(keys.len(), &|i| keys[i]), vec![4, 1, 3, 0, 2]);
        let mut desc: Vec<usize> = (0..5).collect();
        sort_indices_by(&mut desc, &|a, b| keys[b].total_cmp(&keys[a]));
        assert_eq!(desc, vec![0, 2, 1, 3, 4]);
    }
}
