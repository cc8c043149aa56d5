//! The core's sorts, each compiled once. Every `sort_by` call with its own closure is a fresh
//! copy of the standard library's stable sort (several KB of WebAssembly each): the search
//! lab's page carried 66 such functions (74 KB) before its sorts came here. These take the
//! comparison at run time, and run one small merge sort written here (the standard library's
//! driftsort and ipnsort are several KB per element type even when called once), so a page
//! holds one short copy per element type however many call sites it has.

use std::cmp::Ordering;

/// Runs shorter than this are sorted by insertion before merging.
const RUN: usize = 16;

/// Stable merge sort: equal items keep their order, so the result is the one the standard
/// library's stable sort gives.
fn merge_sort<T: Copy, F: Fn(&T, &T) -> bool>(v: &mut [T], less: F) {
    let n = v.len();
    if n < 2 {
        return;
    }
    for start in (0..n).step_by(RUN) {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let item = v[i];
            let mut j = i;
            while j > start && less(&item, &v[j - 1]) {
                v[j] = v[j - 1];
                j -= 1;
            }
            v[j] = item;
        }
    }
    if n <= RUN {
        return;
    }
    let mut buffer = v.to_vec();
    let (mut width, mut in_buffer) = (RUN, false);
    while width < n {
        if in_buffer {
            merge_pass(&buffer, v, width, &less);
        } else {
            merge_pass(v, &mut buffer, width, &less);
        }
        in_buffer = !in_buffer;
        width *= 2;
    }
    if in_buffer {
        v.copy_from_slice(&buffer);
    }
}

/// Merges each pair of neighbouring sorted runs of `width` from `from` into `to`; on a tie the
/// left run's item goes first.
fn merge_pass<T: Copy, F: Fn(&T, &T) -> bool>(from: &[T], to: &mut [T], width: usize, less: &F) {
    let n = from.len();
    let mut lo = 0;
    while lo < n {
        let mid = (lo + width).min(n);
        let hi = (lo + 2 * width).min(n);
        let (mut i, mut j) = (lo, mid);
        for slot in &mut to[lo..hi] {
            if j >= hi || (i < mid && !less(&from[j], &from[i])) {
                *slot = from[i];
                i += 1;
            } else {
                *slot = from[j];
                j += 1;
            }
        }
        lo = hi;
    }
}

/// Sorts floats ascending in IEEE total order (`f64::total_cmp`): NaN last, −0 before +0.
#[inline(never)]
pub fn sort_floats(values: &mut [f64]) {
    merge_sort(values, |a, b| a.total_cmp(b) == Ordering::Less);
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
    merge_sort(indices, |&a, &b| compare(a, b) == Ordering::Less);
}

/// Stable sort of indices by `keys[index]` in total order: the tree splitter's hot path (every
/// feature at every node), so the comparison is compiled in rather than called through a pointer.
#[inline(never)]
pub fn sort_indices_by_keys(indices: &mut [usize], keys: &[f64]) {
    merge_sort(indices, |&a, &b| keys[a].total_cmp(&keys[b]) == Ordering::Less);
}

/// Stable sort of a slice by `compare`, the standard library's `sort_by` result: the vector's
/// indices are sorted by the one [`sort_indices_by`], then the items moved into that order. Per
/// element type only this short move is compiled, not a copy of the standard library's driftsort
/// (the practice page carried eight of those, about 30 KB).
pub fn sort_by<T>(v: &mut [T], compare: &dyn Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_indices_by(&mut order, &|a, b| compare(&v[a], &v[b]));
    // Position k takes the item at order[k]: follow each cycle of the permutation with swaps.
    for start in 0..order.len() {
        let mut k = start;
        while order[k] != usize::MAX {
            let from = order[k];
            order[k] = usize::MAX;
            if from != start {
                v.swap(k, from);
            }
            k = from;
        }
    }
}

/// Sorts indices ascending.
pub fn sort_indices(indices: &mut [usize]) {
    sort_indices_by(indices, &|a, b| a.cmp(&b));
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

    #[test]
    fn sort_by_matches_the_standard_stable_sort() {
        let mut rng = crate::rng::SeededRng::new(11);
        for n in [0, 1, 2, 3, 15, 16, 17, 40, 100, 257] {
            // (key, original position): few distinct keys, so stability is exercised.
            let items: Vec<(String, usize)> = (0..n).map(|i| (format!("k{}", (rng.uniform() * 5.0).floor()), i)).collect();
            let mut ours = items.clone();
            sort_by(&mut ours, &|a, b| a.0.cmp(&b.0));
            let mut std_order = items.clone();
            std_order.sort_by(|a, b| a.0.cmp(&b.0));
            assert_eq!(ours, std_order, "n = {n}");
            let mut desc = items.clone();
            sort_by(&mut desc, &|a, b| b.0.cmp(&a.0));
            let mut std_desc = items;
            std_desc.sort_by(|a, b| b.0.cmp(&a.0));
            assert_eq!(desc, std_desc, "n = {n}");
        }
    }

    #[test]
    fn the_merge_sort_matches_the_standard_stable_sort() {
        let mut rng = crate::rng::SeededRng::new(7);
        for n in [0, 1, 2, 15, 16, 17, 31, 33, 100, 257, 1000] {
            // Few distinct keys, so stability is exercised.
            let keys: Vec<f64> = (0..n).map(|_| (rng.uniform() * 7.0).floor()).collect();
            let mut ours: Vec<usize> = (0..n).collect();
            sort_indices_by(&mut ours, &|a, b| keys[a].total_cmp(&keys[b]));
            let mut std_order: Vec<usize> = (0..n).collect();
            std_order.sort_by(|&a, &b| keys[a].total_cmp(&keys[b]));
            assert_eq!(ours, std_order, "n = {n}");
            let mut by_keys: Vec<usize> = (0..n).collect();
            sort_indices_by_keys(&mut by_keys, &keys);
            assert_eq!(by_keys, std_order, "n = {n}");
            let mut floats: Vec<f64> = (0..n).map(|_| rng.uniform() - 0.5).collect();
            let mut expected = floats.clone();
            expected.sort_by(f64::total_cmp);
            sort_floats(&mut floats);
            assert_eq!(floats, expected, "n = {n}");
            let mut shuffled: Vec<usize> = (0..n).rev().collect();
            sort_indices(&mut shuffled);
            assert_eq!(shuffled, (0..n).collect::<Vec<_>>());
        }
    }
}
