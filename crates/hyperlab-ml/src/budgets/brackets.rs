//! Bracket arithmetic. Hyperband (Li et al. 2018, JMLR 18(185), Algorithm 1) with maximum
//! resource R and reduction factor η, in units of the minimum resource: s_max = ⌊log_η R⌋; bracket
//! s = s_max … 0 starts n = ⌈(s_max + 1)/(s + 1) · η^s⌉ configurations at r = R·η^(−s), and its
//! rung i keeps n_i = ⌊n·η^(−i)⌋ of them at r_i = r·η^i. For R = 81, η = 3 that is
//! 81×1→27×3→9×9→3×27→1×81, 34×3→11×9→3×27→1×81, 15×9→5×27→1×81, 8×27→2×81, 5×81.

use super::BudgetError;

/// One rung of a bracket: `n` configurations trained to `r` epochs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rung {
    pub n: usize,
    pub r: usize,
}

/// Largest maximum resource accepted (keeps η^s and n in range).
pub const MAX_RESOURCE: usize = 1_000_000;

fn check(min: usize, max: usize, eta: usize) -> Result<(), BudgetError> {
    if eta < 2 {
        return Err(BudgetError::Eta);
    }
    if min < 1 || min > max {
        return Err(BudgetError::Resources);
    }
    if max > MAX_RESOURCE {
        return Err(BudgetError::TooLarge);
    }
    Ok(())
}

/// s_max = ⌊log_η(max / min)⌋, computed exactly in whole numbers.
pub fn s_max(min: usize, max: usize, eta: usize) -> usize {
    let mut s = 0;
    let mut power = min;
    while power.saturating_mul(eta) <= max {
        power *= eta;
        s += 1;
    }
    s
}

/// Epochs of rung i of bracket s: R·η^(i−s) rounded to whole epochs (exact when max/min is a
/// power of η), never below `min`.
fn resource(min: usize, max: usize, eta: usize, s: usize, i: usize) -> usize {
    let r = max as f64 / (eta as f64).powi((s - i) as i32);
    (r.round() as usize).clamp(min, max)
}

/// Every bracket of one Hyperband run, s = s_max first.
pub fn hyperband_brackets(min: usize, max: usize, eta: usize) -> Result<Vec<Vec<Rung>>, BudgetError> {
    check(min, max, eta)?;
    let top = s_max(min, max, eta);
    Ok((0..=top)
        .rev()
        .map(|s| {
            let power = eta.pow(s as u32);
            let n = ((top + 1) * power).div_ceil(s + 1);
            (0..=s).map(|i| Rung { n: n / eta.pow(i as u32), r: resource(min, max, eta, s, i) }).collect()
        })
        .collect())
}

/// Successive halving of `n` configurations: the rungs of Hyperband's most aggressive bracket
/// (s = s_max: from R·η^(−s_max) epochs up to R), keeping ⌊n·η^(−i)⌋ (at least 1) at rung i.
pub fn successive_halving_rungs(n: usize, min: usize, max: usize, eta: usize) -> Result<Vec<Rung>, BudgetError> {
    check(min, max, eta)?;
    let s = s_max(min, max, eta);
    Ok((0..=s).map(|i| Rung { n: (n / eta.pow(i as u32)).max(1), r: resource(min, max, eta, s, i) }).collect())
}

/// Epochs one bracket costs when promoted trials resume from where they paused: rung i charges
/// its n_i trials r_i − r_(i−1) epochs each.
pub fn bracket_cost(rungs: &[Rung]) -> usize {
    let mut previous = 0;
    rungs
        .iter()
        .map(|rung| {
            let cost = rung.n * (rung.r - previous);
            previous = rung.r;
            cost
        })
        .sum()
}

/// Epochs one whole Hyperband run costs (all brackets, trials resuming when promoted): the
/// budget every method of the lab is charged.
pub fn hyperband_cost(min: usize, max: usize, eta: usize) -> Result<usize, BudgetError> {
    Ok(hyperband_brackets(min, max, eta)?.iter().map(|b| bracket_cost(b)).sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(b: &[Rung]) -> Vec<(usize, usize)> {
        b.iter().map(|r| (r.n, r.r)).collect()
    }

    #[test]
    fn the_published_table_for_r81_eta3() {
        let b = hyperband_brackets(1, 81, 3).unwrap();
        assert_eq!(b.len(), 5);
        assert_eq!(pairs(&b[0]), vec![(81, 1), (27, 3), (9, 9), (3, 27), (1, 81)]);
        assert_eq!(pairs(&b[1]), vec![(34, 3), (11, 9), (3, 27), (1, 81)]);
        assert_eq!(pairs(&b[2]), vec![(15, 9), (5, 27), (1, 81)]);
        assert_eq!(pairs(&b[3]), vec![(8, 27), (2, 81)]);
        assert_eq!(pairs(&b[4]), vec![(5, 81)]);
        // With resuming: 297 + 276 + 279 + 324 + 405.
        assert_eq!(hyperband_cost(1, 81, 3).unwrap(), 1581);
    }

    #[test]
    fn bad_inputs_are_rejected() {
        assert_eq!(hyperband_brackets(1, 81, 1), Err(BudgetError::Eta));
        assert_eq!(hyperband_brackets(9, 3, 3), Err(BudgetError::Resources));
        assert_eq!(hyperband_brackets(0, 3, 3), Err(BudgetError::Resources));
        assert_eq!(hyperband_brackets(1, MAX_RESOURCE + 1, 3), Err(BudgetError::TooLarge));
    }

    #[test]
    fn a_single_bracket_when_min_equals_max() {
        assert_eq!(pairs(&hyperband_brackets(5, 5, 3).unwrap()[0]), vec![(1, 5)]);
        assert_eq!(pairs(&successive_halving_rungs(27, 1, 27, 3).unwrap()), vec![(27, 1), (9, 3), (3, 9), (1, 27)]);
    }
}
