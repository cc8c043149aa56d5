//! Live-checked answer keys: a question with a `check` is answered by the lab's own model. Each
//! option's state (the question's lab state with the option's knob moves) is built exactly as
//! the page builds it, run to the end, and measured; the key must be what the model shows.
//!
//! - yes/no kinds (single/multiple response): the keyed options are exactly those where it holds;
//! - numeric kinds: with `pick` `min`/`max` the keyed options are exactly the extreme ones (ties
//!   included); for ordering (`asc`/`desc`) the keyed order is strictly monotone;
//! - label kinds (matching): each option's label is the answer it is matched with.

use super::bank::{Format, Question};
use crate::optim::descent::Status as DescentStatus;
use crate::labs::learning_rate::{LrModel, Regime};
use crate::labs::{apply_moves, cross_validation, regularization, search, training};

/// Every check kind; a kind may take a parameter after `:` (e.g. `reg-nonzero-eq:3`).
pub const KINDS: [&str; 24] = [
    "reg-verdict-is",
    "lr-diverges", "lr-overshoots", "lr-escapes", "reg-sparse", "lr-converges", "lr-regime", "lr-steps", "lr-final-loss", "lr-stuck",
    "reg-verdict", "reg-nonzero", "reg-nonzero-eq", "reg-validation", "reg-train", "reg-gap",
    "cv-mean", "cv-spread", "cv-fits", "cv-experiment-bias",
    "search-distinct", "train-diverged", "train-val-loss", "trees-val-error",
];

/// What a check measures on one option.
#[derive(Clone, Debug, PartialEq)]
pub enum Measure {
    Yes(bool),
    Number(f64),
    Label(String),
}

fn lr(query: &str) -> LrModel {
    LrModel::finished_from_query(query)
}

fn regime_label(r: Regime) -> &'static str {
    match r {
        Regime::TooSmall => "crawling",
        Regime::Good => "converging",
        Regime::Oscillating => "overshooting",
        Regime::Diverging => "diverging",
        Regime::StuckInLocalMinimum => "stuck",
    }
}

fn reg(query: &str) -> Result<regularization::Snapshot, String> {
    regularization::run_query(query).ok_or_else(|| format!("regularization refit failed at {query}"))
}

fn cv(query: &str) -> cross_validation::CvRun {
    cross_validation::CvRun::new(&cross_validation::Settings::from_query(query).0)
}

fn strategy_index(arg: &str) -> Result<usize, String> {
    match arg {
        "grid" => Ok(0),
        "random" => Ok(1),
        "bayes" => Ok(2),
        _ => Err(format!("unknown strategy {arg:?}")),
    }
}

/// Measures one option's state. `query` is the option's full lab query, `arg` its argument.
pub fn measure(kind: &str, query: &str, arg: &str) -> Result<Measure, String> {
    let (name, param) = kind.split_once(':').unwrap_or((kind, ""));
    use Measure::*;
    Ok(match name {
        "lr-diverges" => Yes(matches!(lr(query).status(), DescentStatus::Diverged { .. })),
        "lr-overshoots" => Yes(matches!(lr(query).verdict().map(|v| v.regime), Some(Regime::Oscillating | Regime::Diverging))),
        "lr-escapes" => {
            let m = lr(query);
            Yes(!matches!(m.status(), DescentStatus::Diverged { .. }) && m.verdict().is_some_and(|v| v.regime != Regime::StuckInLocalMinimum))
        }
        "reg-sparse" => {
            let s = reg(query)?;
            Yes(s.nonzero < s.degree)
        }
        "lr-converges" => Yes(matches!(lr(query).status(), DescentStatus::Converged { .. })),
        "lr-stuck" => Yes(lr(query).verdict().map(|v| v.regime) == Some(Regime::StuckInLocalMinimum)),
        "lr-regime" => Label(lr(query).verdict().map_or("running", |v| regime_label(v.regime)).to_string()),
        "lr-steps" => Number(match lr(query).status() {
            DescentStatus::Converged { step } => step as f64,
            _ => f64::INFINITY,
        }),
        "lr-final-loss" => {
            let m = lr(query);
            Number(if matches!(m.status(), DescentStatus::Diverged { .. }) { f64::INFINITY } else { m.run().losses().last().copied().unwrap_or(f64::INFINITY) })
        }
        "reg-verdict" => Label(
            match reg(query)?.verdict {
                regularization::Verdict::Overfit => "overfitting",
                regularization::Verdict::Underfit => "underfitting",
                regularization::Verdict::BiasAndVariance => "both",
                regularization::Verdict::GoodFit => "good fit",
            }
            .to_string(),
        ),
        "reg-verdict-is" => match measure("reg-verdict", query, arg)? {
            Label(l) => Yes(l == param),
            other => other,
        },
        "reg-nonzero" => Number(reg(query)?.nonzero as f64),
        "reg-nonzero-eq" => {
            let n: usize = param.parse().map_err(|_| format!("{kind}: needs a count"))?;
            Yes(reg(query)?.nonzero == n)
        }
        "reg-validation" => Number(reg(query)?.validation_mse),
        "reg-train" => Number(reg(query)?.train_mse),
        "reg-gap" => {
            let s = reg(query)?;
            Number(s.validation_mse - s.train_mse)
        }
        "cv-mean" => Number(cv(query).mean().ok_or("no CV score")?),
        "cv-spread" => Number(cv(query).summary.as_ref().map(|s| s.std).ok_or("no CV score")?),
        "cv-fits" => Number(cv(query).scores().len() as f64),
        "cv-experiment-bias" => {
            let k: usize = arg.parse().map_err(|_| format!("{kind}: option arg must be k"))?;
            let settings = cross_validation::Settings::from_query(query).0;
            let summary = cross_validation::Experiment::new(&settings).ok_or("experiment failed")?.finish();
            let i = cross_validation::EXPERIMENT_FOLDS.iter().position(|&f| f == k).ok_or(format!("k = {k} is not in the experiment"))?;
            Number(cross_validation::median_relative_bias(&summary, i).ok_or("no bias")?)
        }
        "search-distinct" => {
            let s = strategy_index(arg)?;
            let runs = search::RunSet::finished(search::Settings::from_query(query).run_spec());
            let knob: usize = param.parse().unwrap_or(0);
            Number(runs.runs[s].distinct_per_knob(usize::MAX, knob + 1)[knob] as f64)
        }
        "train-diverged" => Yes(training::LabRun::finished_from_query(query)?.snapshot().diverged()),
        "train-val-loss" => Number(training::LabRun::finished_from_query(query)?.snapshot().held.val_loss.ok_or("no validation set")?),
        "trees-val-error" => Number(crate::labs::trees::run_query(query).ok_or("the trees model did not fit")?.val_error),
        _ => return Err(format!("unknown check kind {kind}")),
    })
}

/// Runs the question's live check at its linked state and at each of `check.seeds`: `Ok(())` if
/// the model agrees with the key on every one.
pub fn verify(q: &Question) -> Result<(), String> {
    let check = q.check.as_ref().ok_or_else(|| format!("{}: no live check", q.id))?;
    let base = q.prove.clone().unwrap_or_default();
    verify_at(q, &base)?;
    for seed in &check.seeds {
        verify_at(q, &apply_moves(&base, &format!("seed={seed}"))).map_err(|e| format!("{e} (data seed {seed})"))?;
    }
    Ok(())
}

fn verify_at(q: &Question, base: &str) -> Result<(), String> {
    let check = q.check.as_ref().ok_or_else(|| format!("{}: no live check", q.id))?;
    let measures = q
        .options
        .iter()
        .map(|o| measure(&check.kind, &apply_moves(base, &o.set), &o.arg))
        .collect::<Result<Vec<_>, String>>()
        .map_err(|e| format!("{}: {e}", q.id))?;
    let fail = |what: String| Err(format!("{}: the model contradicts the key: {what}; measured {measures:?}", q.id));
    match q.format {
        Format::Single | Format::Multiple => {
            let shown: Vec<bool> = match check.pick.as_str() {
                "" => measures.iter().map(|m| matches!(m, Measure::Yes(true))).collect(),
                pick => {
                    let values: Vec<f64> = measures.iter().map(|m| if let Measure::Number(v) = m { *v } else { f64::NAN }).collect();
                    if values.iter().any(|v| v.is_nan()) {
                        return fail("a numeric check measured no number".into());
                    }
                    let best = values.iter().copied().fold(if pick == "min" { f64::INFINITY } else { f64::NEG_INFINITY }, |a, b| if pick == "min" { a.min(b) } else { a.max(b) });
                    if !best.is_finite() {
                        return fail("the extreme is not finite".into());
                    }
                    values.iter().map(|&v| v == best).collect()
                }
            };
            let keyed: Vec<bool> = q.options.iter().map(|o| o.correct).collect();
            if shown != keyed {
                return fail(format!("the model picks {shown:?}, the key {keyed:?}"));
            }
        }
        Format::Ordering => {
            let values: Vec<f64> = measures.iter().map(|m| if let Measure::Number(v) = m { *v } else { f64::NAN }).collect();
            let ordered = values.windows(2).all(|w| if check.pick == "asc" { w[0] < w[1] } else { w[0] > w[1] });
            if !ordered || values.iter().any(|v| v.is_nan()) {
                return fail(format!("values in the keyed order are not strictly {}", check.pick));
            }
        }
        Format::Matching => {
            for (o, m) in q.options.iter().zip(&measures) {
                if *m != Measure::Label(o.matches.to_lowercase()) {
                    return fail(format!("{:?} is matched with {:?}", o.text, o.matches));
                }
            }
        }
    }
    Ok(())
}
