//! Every sentence the lab shows about its live state, chosen here so lesson tests can check it.

use super::model::{CvRun, GridData, TEST_FRACTION};
use super::{Settings, SplitKind};
use crate::model_selection::ExperimentSummary;
use crate::schema::format_number;

pub const INTRO: &str = "Cross-validation estimates how well a model will do on data it has not seen: split the data into k folds, train on k − 1 of them, score on the one left out, and repeat so every point is validated once. Change the splitter and watch which points land where, how each fold's model and score differ, and what the spread of those scores tells you.";

pub const GRID_CAPTION: &str = "One row per split, one cell per sample in the data's order. Solid cells are that split's validation fold, pale cells its training data (grey: the held-out test set). Beside each row: the model trained on that split, drawn small, and its validation score.";

pub const SCORES_CAPTION: &str = "Each split's validation score, their mean and a ±1 standard deviation band (no band for a single split: one score has no measured spread). The band and the axis are clipped to the possible scores (accuracy 0–100 %, MSE at least 0): where the band would run past them, it is cut off there. With a held-out test set, the dashed line is the score of a model trained on all the cross-validation data and tested once on the untouched 20 %.";

/// A score as the page prints it: accuracy in percent, MSE as a number.
pub fn format_score(data: &GridData, v: f64) -> String {
    if data.classes.is_some() { format!("{} %", format_number(100.0 * v)) } else { format_number(v) }
}

/// The ±1 standard deviation band as drawn: mean ± std, clipped to the scores' possible range
/// (accuracy within [0, 1], MSE at least 0), and whether it was clipped.
pub fn score_band(run: &CvRun) -> Option<(f64, f64, bool)> {
    let s = run.summary.as_ref()?;
    let (lo, hi) = (s.mean - s.std, s.mean + s.std);
    let (min, max) = if run.grid.classes.is_some() { (0.0, 1.0) } else { (0.0, f64::INFINITY) };
    let (clo, chi) = (lo.max(min), hi.min(max));
    Some((clo, chi, clo != lo || chi != hi))
}

/// “held-out test accuracy = 80 %” / “held-out test MSE = 0.12”, with the test set on.
pub fn test_score_text(run: &CvRun) -> Option<String> {
    let t = run.test_score?;
    let what = if run.grid.classes.is_some() { "accuracy" } else { "MSE" };
    Some(format!("held-out test {what} = {} (the untouched {} % of the data, never in any fold)", format_score(&run.grid, t), format_number(100.0 * TEST_FRACTION)))
}

/// Which situation the status line describes.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// The splitter cannot split this data (the reason, in words).
    CannotSplit(String),
    /// Hold-out: one score, no measured spread.
    SingleSplit,
    /// Classification: some validation folds hold no minority-class sample.
    StarvedFolds { folds: Vec<usize> },
    /// Leave-one-out: one point per split.
    OnePointFolds,
    /// Regression data sorted by x, split into consecutive unshuffled blocks: each fold's model
    /// extrapolates.
    SortedX,
    /// Several splits: mean ± spread.
    Spread,
}

impl Verdict {
    pub fn of(run: &CvRun) -> Self {
        if let Some(e) = &run.error {
            return Verdict::CannotSplit(e.clone());
        }
        // One-point folds miss a class by construction: that is not the sorted-data trap.
        if run.settings.split == SplitKind::LeaveOneOut {
            return Verdict::OnePointFolds;
        }
        let starved = run.starved_folds();
        if !starved.is_empty() {
            return Verdict::StarvedFolds { folds: starved };
        }
        if folds_extrapolate(&run.settings) {
            return Verdict::SortedX;
        }
        match run.settings.split {
            SplitKind::HoldOut => Verdict::SingleSplit,
            _ => Verdict::Spread,
        }
    }
}

/// The status box: a headline with the numbers, and what they mean.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    pub verdict: Verdict,
    pub headline: String,
    pub explanation: String,
}

pub fn status(run: &CvRun) -> Status {
    let verdict = Verdict::of(run);
    let name = run.grid.score_name;
    let (mean, std, count) = run.summary.as_ref().map_or((f64::NAN, f64::NAN, 0), |s| (s.mean, s.std, s.scores.len()));
    // One score has no measured spread: never print it as “± 0”.
    let f = |v| format_score(&run.grid, v);
    let mut headline = if count == 1 {
        format!("Estimate: {name} = {} from a single split ({} % of the data validated).", f(mean), format_number(100.0 * run.settings.holdout_fraction()))
    } else {
        format!("Estimate: {name} = {} ± {} over {count} splits.", f(mean), f(std))
    };
    if let Some(t) = test_score_text(run) {
        headline.push_str(&format!(" Final check: {t}."));
    }
    let explanation = match &verdict {
        Verdict::CannotSplit(_) => String::new(),
        Verdict::SingleSplit => SINGLE_SPLIT.to_string(),
        Verdict::StarvedFolds { folds } => format!(
            "{} of {count} validation folds hold no minority-class sample (split {}): their scores say nothing about how the models handle the minority class. Stratified folds guarantee every fold its share; shuffling alone does not.",
            folds.len(),
            folds.iter().map(|f| (f + 1).to_string()).collect::<Vec<_>>().join(", ")
        ),
        Verdict::OnePointFolds => one_point_folds_text(run),
        Verdict::SortedX => sorted_x_text(run),
        Verdict::Spread => SPREAD.to_string(),
    };
    let headline = match &verdict {
        Verdict::CannotSplit(reason) => format!("Can't split: {reason}"),
        _ => headline,
    };
    Status { verdict, headline, explanation }
}

const SINGLE_SPLIT: &str = "One split gives one score and no measured spread: not “± 0”, just unknown. Another random split of the same data gives a different score; k-fold measures that spread.";
/// Leave-one-out: its scores are single points', and how their spread compares with 5-fold's
/// fold scores on the same data (usually larger, but not always: not with 20 points at degree 3,
/// seed 1).
fn one_point_folds_text(run: &CvRun) -> String {
    let end = "That spread is of single points, not of the estimate: the mean of all n scores is the estimate.";
    let compare = match (run.summary.as_ref().map(|s| s.std), run.five_fold_std) {
        (Some(a), Some(b)) if a > b => format!(" Here they swing more than shuffled 5-fold's fold scores, each an average over a fifth of the points: standard deviation {}, against {}.", format_score(&run.grid, a), format_score(&run.grid, b)),
        (Some(a), Some(b)) => format!(" Here they swing no more than shuffled 5-fold's fold scores (standard deviation {}, against {}), though a single point's score usually swings more than an average's.", format_score(&run.grid, a), format_score(&run.grid, b)),
        _ => String::new(),
    };
    format!("Leave-one-out: each split validates one point, so each score is a single point's.{compare} {end}")
}
/// Whether the folds are blocks of sorted x wide enough that their models extrapolate.
pub fn folds_extrapolate(st: &Settings) -> bool {
    !st.is_classification() && st.sorted && st.split == SplitKind::KFold && !st.shuffle && st.k <= SORTED_X_MAX_K
}

/// Up to this many folds, unshuffled blocks of sorted x are wide enough that their models
/// extrapolate; with more, most folds are a few points inside the training range.
pub const SORTED_X_MAX_K: usize = 5;
/// Sorted, unshuffled folds: why they extrapolate, and how the estimate compares with shuffled
/// folds on this data (usually worse, but not always: with 20 points, degree 10 and seed 2 the
/// shuffled estimate is the larger).
fn sorted_x_text(run: &CvRun) -> String {
    let ends = match run.settings.k {
        2 => "Each fold is one end of the range, so the model extrapolates past its training range there.",
        3 => "The two end folds make the model extrapolate past its training range; the middle one bridges a gap in it.",
        _ => "The two end folds make the model extrapolate past its training range; the middle ones bridge gaps in it.",
    };
    let why = format!("The data is sorted by x and the folds are not shuffled: each validation fold is a stretch of x its model never trained on. {ends}");
    let Some((sorted, shuffled)) = run.mean().zip(run.shuffled_mean) else {
        return format!("{why} The estimate measures extrapolation, not the error on new points from the same range: turn shuffling on to compare.");
    };
    let (a, b) = (format_score(&run.grid, sorted), format_score(&run.grid, shuffled));
    if sorted > shuffled {
        format!("{why} Here that makes the estimate worse: {a}, against {b} with shuffled folds. It measures extrapolation, not the error on new points from the same range.")
    } else {
        format!("{why} Here the shuffled folds' estimate is the larger ({b}, against {a} sorted): with few points a shuffled fold can also hold out the ends of the range, and extrapolate there. The sorted folds still measure extrapolation and gaps, not the error on new points from the same range.")
    }
}
const SPREAD: &str = "The mean is the estimate; the spread (standard deviation of the fold scores) shows how much a score depends on which points landed in which fold.";

/// The fold grid's text alternative.
pub fn grid_summary(data: &GridData, mean: f64, std: f64) -> String {
    let folds = data.rows.len() + data.hidden;
    let held = data.test.iter().filter(|t| **t).count();
    let spread = if folds == 1 { "(one split: no measured spread)".to_string() } else { format!("± {} (standard deviation)", format_score(data, std)) };
    let mut s = format!(
        "Fold grid: {} samples, {folds} splits. Each row marks that split's validation samples. Scores ({}): {}. Mean {} {spread}.",
        data.test.len(),
        data.score_name,
        data.rows.iter().map(|r| format_score(data, r.score)).collect::<Vec<_>>().join(", "),
        format_score(data, mean),
    );
    if held > 0 {
        s.push_str(&format!(" {held} samples are held out as a test set."));
    }
    s
}

/// The scores chart's text alternative.
pub fn scores_summary(run: &CvRun) -> String {
    let Some(s) = &run.summary else {
        return format!("No scores: {}", run.error.as_deref().unwrap_or("the splitter cannot split this data."));
    };
    let lo = s.scores.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = s.scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let f = |v| format_score(&run.grid, v);
    let mut body = if s.scores.len() == 1 {
        format!("One split ({}): {}, no measured spread.", run.grid.score_name, f(s.mean))
    } else {
        format!(
            "Scores of the {} splits ({}): mean {} ± {}, from {} to {}.",
            s.scores.len(), run.grid.score_name, f(s.mean), f(s.std), f(lo), f(hi)
        )
    };
    if s.scores.len() > 1
        && let Some((blo, bhi, true)) = score_band(run)
    {
        body.push_str(&format!(" The ±1 standard deviation band runs past the possible scores, so it is drawn clipped, from {} to {}.", f(blo), f(bhi)));
    }
    if let Some(t) = test_score_text(run) {
        let mut t = t;
        t.replace_range(0..1, "H");
        body.push_str(&format!(" {t}."));
    }
    body
}

/// The k experiment's text alternative.
pub fn experiment_summary_text(s: Option<&ExperimentSummary>, total: usize) -> String {
    let Some(s) = s else { return "k-comparison experiment: not run yet.".into() };
    let mut text = format!("k-comparison experiment, {} of {total} resamples: true error {} on average.", s.resamples, format_number(s.true_error_mean));
    for (i, f) in s.per_folds.iter().enumerate() {
        let se = super::experiment::bias_standard_error(s, i).map_or(String::new(), |e| format!(" ± {e:.4} standard error"));
        text.push_str(&format!(" {}: estimate {} ± {} (bias {:+.4}{se}, {} fits).", f.folds.label(), format_number(f.mean), format_number(f.std), f.bias, f.fits));
    }
    if s.resamples == total
        && let Some((_, verdict)) = super::experiment::experiment_verdict(s)
    {
        text.push(' ');
        text.push_str(&verdict);
    }
    text
}

/// The sentence above the k experiment.
pub fn experiment_intro(n: usize, degree: usize, resamples: usize) -> String {
    format!("Draw {n} fresh points {resamples} times from a known noisy sine, estimate a degree-{degree} ridge model's error by k-fold CV each time, and compare with its true error (known, because we know the generator). The degree knob sets the model's degree.")
}
