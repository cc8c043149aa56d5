//! Every sentence the lab shows about its live state, chosen here so lesson tests can check it.

use super::model::{CvRun, GridData, TEST_FRACTION};
use super::SplitKind;
use crate::cv::ExperimentSummary;
use crate::params::format_number;

pub const INTRO: &str = "Cross-validation estimates how well a model will do on data it has not seen: split the data into k folds, train on k − 1 of them, score on the one left out, and repeat so every point is validated once. Change the splitter and watch which points land where, how each fold's model and score differ, and what the spread of those scores tells you.";

pub const GRID_CAPTION: &str = "One row per split, one cell per sample in the data's order. Solid cells are that split's validation fold, pale cells its training data (grey: the held-out test set). Beside each row: the model trained on that split, drawn small, and its validation score.";

pub const SCORES_CAPTION: &str = "Each split's validation score, their mean and a ±1 standard deviation band (no band for a single split: one score has no measured spread). With a held-out test set, the dashed line is the score of a model trained on all the cross-validation data and tested once on the untouched 20 %.";

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
    let headline = if count == 1 {
        format!("Estimate: {name} = {} from a single split ({} % of the data validated).", format_number(mean), format_number(100.0 * run.settings.holdout_fraction()))
    } else {
        format!("Estimate: {name} = {} ± {} over {count} splits.", format_number(mean), format_number(std))
    };
    let explanation = match &verdict {
        Verdict::CannotSplit(_) => String::new(),
        Verdict::SingleSplit => SINGLE_SPLIT.to_string(),
        Verdict::StarvedFolds { folds } => format!(
            "{} of {count} validation folds hold no minority-class sample (split {}): their scores say nothing about how the models handle the minority class. Stratified folds guarantee every fold its share; shuffling alone does not.",
            folds.len(),
            folds.iter().map(|f| (f + 1).to_string()).collect::<Vec<_>>().join(", ")
        ),
        Verdict::OnePointFolds => ONE_POINT_FOLDS.to_string(),
        Verdict::Spread => SPREAD.to_string(),
    };
    let headline = match &verdict {
        Verdict::CannotSplit(reason) => format!("Can't split: {reason}"),
        _ => headline,
    };
    Status { verdict, headline, explanation }
}

const SINGLE_SPLIT: &str = "One split gives one score and no measured spread: not “± 0”, just unknown. Another random split of the same data gives a different score; k-fold measures that spread.";
const ONE_POINT_FOLDS: &str = "Leave-one-out: each split validates one point, so single scores swing far more than k-fold's fold scores. That spread is of single points, not of the estimate: the mean of all n scores is the estimate.";
const SPREAD: &str = "The mean is the estimate; the spread (standard deviation of the fold scores) shows how much a score depends on which points landed in which fold.";

/// The fold grid's text alternative.
pub fn grid_summary(data: &GridData, mean: f64, std: f64) -> String {
    let folds = data.rows.len() + data.hidden;
    let held = data.test.iter().filter(|t| **t).count();
    let spread = if folds == 1 { "(one split: no measured spread)".to_string() } else { format!("± {} (standard deviation)", format_number(std)) };
    let mut s = format!(
        "Fold grid: {} samples, {folds} splits. Each row marks that split's validation samples. Scores ({}): {}. Mean {} {spread}.",
        data.test.len(),
        data.score_name,
        data.rows.iter().map(|r| format_number(r.score)).collect::<Vec<_>>().join(", "),
        format_number(mean),
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
    let body = if s.scores.len() == 1 {
        format!("One split ({}): {}, no measured spread.", run.grid.score_name, format_number(s.mean))
    } else {
        format!(
            "Scores of the {} splits ({}): mean {} ± {}, from {} to {}.",
            s.scores.len(), run.grid.score_name, format_number(s.mean), format_number(s.std), format_number(lo), format_number(hi)
        )
    };
    let test = run.test_score.map_or(String::new(), |t| format!(" Held-out test score ({} % of the data): {}.", format_number(100.0 * TEST_FRACTION), format_number(t)));
    body + &test
}

/// The k experiment's text alternative.
pub fn experiment_summary_text(s: Option<&ExperimentSummary>, total: usize) -> String {
    let Some(s) = s else { return "k-comparison experiment: not run yet.".into() };
    let mut text = format!("k-comparison experiment, {} of {total} resamples: true error {} on average.", s.resamples, format_number(s.true_error_mean));
    for f in &s.per_folds {
        text.push_str(&format!(" {}: estimate {} ± {} (bias {:+.4}, {} fits).", f.folds.label(), format_number(f.mean), format_number(f.std), f.bias, f.fits));
    }
    text
}

/// The sentence above the k experiment.
pub fn experiment_intro(n: usize, degree: usize, resamples: usize) -> String {
    format!("Draw {n} fresh points {resamples} times from a known noisy sine, estimate a degree-{degree} ridge model's error by k-fold CV each time, and compare with its true error (known, because we know the generator). The degree knob sets the model's degree.")
}
