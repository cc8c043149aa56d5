//! The two stopping rules that decide one trial at a time, on losses (lower is better).

/// Asynchronous successive halving's promotion test, exactly as Optuna's
/// `SuccessiveHalvingPruner`: `competing` are the losses every trial (this one included) has
/// reported at this rung so far; the trial goes on if its loss is among the best
/// ⌊len/η⌋ of them — or, while fewer than η have reported, if it is the best so far.
pub fn asha_promotable(value: f64, competing: &[f64], eta: usize) -> bool {
    if !value.is_finite() {
        return false;
    }
    let mut sorted: Vec<f64> = competing.iter().map(|v| if v.is_finite() { *v } else { f64::INFINITY }).collect();
    crate::sorting::sort_floats(&mut sorted);
    let index = (sorted.len() / eta.max(1)).saturating_sub(1);
    sorted.get(index).is_none_or(|&threshold| value <= threshold)
}

/// The mean of the first `epochs` values of a curve (`curve[e - 1]` is the loss after epoch e);
/// `None` if the curve is shorter.
pub fn running_average(curve: &[f64], epochs: usize) -> Option<f64> {
    if epochs == 0 || curve.len() < epochs {
        return None;
    }
    Some(curve[..epochs].iter().sum::<f64>() / epochs as f64)
}

/// The median stopping rule of SageMaker's early stopping of training jobs: after epoch t, stop
/// the job if its loss is worse (higher) than the median of the running averages, up to epoch t,
/// of the earlier jobs' losses. Earlier jobs that never reached epoch t have no running average
/// there and do not vote; with no voter the job goes on.
pub fn median_rule_stops(value: f64, t: usize, earlier: &[&[f64]]) -> bool {
    if !value.is_finite() {
        return true;
    }
    let mut averages: Vec<f64> = earlier.iter().filter_map(|c| running_average(c, t)).map(|a| if a.is_finite() { a } else { f64::INFINITY }).collect();
    if averages.is_empty() {
        return false;
    }
    crate::sorting::sort_floats(&mut averages);
    let n = averages.len();
    let median = if n % 2 == 1 { averages[n / 2] } else { 0.5 * (averages[n / 2 - 1] + averages[n / 2]) };
    value > median
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asha_keeps_the_top_third_once_three_have_reported() {
        // Alone: the best so far, so promoted.
        assert!(asha_promotable(0.5, &[0.5], 3));
        // Two reported: only the best of them goes on.
        assert!(!asha_promotable(0.6, &[0.5, 0.6], 3));
        assert!(asha_promotable(0.4, &[0.5, 0.4], 3));
        // Six reported: the best 2 go on.
        let rung = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
        assert!(asha_promotable(0.2, &rung, 3));
        assert!(!asha_promotable(0.3, &rung, 3));
        assert!(!asha_promotable(f64::NAN, &[f64::NAN], 3));
    }

    #[test]
    fn median_rule_on_hand_made_curves() {
        let a = [1.0, 0.8, 0.6, 0.4];
        let b = [1.0, 0.9, 0.8, 0.7];
        let c = [0.9, 0.7, 0.5];
        // Running averages at t = 3: a 0.8, b 0.9, c 0.7 → median 0.8.
        assert!(median_rule_stops(0.85, 3, &[&a, &b, &c]));
        assert!(!median_rule_stops(0.75, 3, &[&a, &b, &c]));
        // At t = 4 only a and b reached it: averages 0.7 and 0.85, median 0.775.
        assert!(median_rule_stops(0.8, 4, &[&a, &b, &c]));
        assert!(!median_rule_stops(0.77, 4, &[&a, &b, &c]));
        // Nobody reached t = 5: no vote, keep going.
        assert!(!median_rule_stops(9.0, 5, &[&a, &b, &c]));
        assert!(!median_rule_stops(9.0, 1, &[]));
    }
}
