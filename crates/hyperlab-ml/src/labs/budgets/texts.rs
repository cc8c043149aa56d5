//! Every sentence the lab states, as functions of what the learner sees. Each has a lesson test
//! in `tests/lessons_budgets.rs`.

use super::race::RaceSummary;
use super::run::Snapshot;
use super::trials::space;
use super::Settings;
use crate::budgets::scheduler::{BAYES_INITIAL, WORKERS};
use crate::budgets::Method;
use crate::schema::format_number;

/// How a method spends its epochs, in plain words.
pub fn method_explanation(s: &Settings) -> String {
    let eta = s.eta;
    match s.method {
        Method::SuccessiveHalving => format!(
            "Successive halving starts {} networks with a few epochs each, keeps the best 1/{eta} at every rung and gives them {eta} times the epochs, until one network trains the full {} epochs. Then it starts a new round with new networks, while the budget lasts.",
            s.trials, s.max
        ),
        Method::Hyperband => format!(
            "Hyperband runs successive halving in {} brackets: from the most aggressive (the most networks, the fewest epochs) to one that trains every network the full {} epochs, like random search. If short runs mislead, the gentler brackets still find good networks.",
            s.brackets().len(),
            s.max
        ),
        Method::Asha => format!(
            "ASHA never waits for a rung to fill up: {WORKERS} networks train at once, and a network reaching a rung goes on only if its loss is among the best 1/{eta} of all losses reported at that rung so far (while fewer than {eta} have reported, only if it is the best). This is how Optuna's SuccessiveHalvingPruner decides. Its rungs here are those of Hyperband's first bracket (Optuna puts the first at the minimum resource and each next one η times further: the same epochs when R ÷ minimum is a power of η)."
        ),
        Method::Median => format!(
            "The median stopping rule trains {WORKERS} networks at once. After every epoch, a network stops if its loss is worse than the median of the running averages of the earlier networks' losses up to that epoch. This is SageMaker's early stopping of training jobs; SageMaker requires it off when the tuning strategy is Hyperband, which stops trials itself."
        ),
        Method::Random => format!("Random search trains one network at a time, as Bayesian optimization does, each for the full {} epochs, and stops none of them (when the budget runs out, it cuts off the one still training).", s.max),
        Method::Bayes => format!(
            "Bayesian optimization trains one network at a time for the full {} epochs (when the budget runs out, it cuts off the one still training). After {BAYES_INITIAL} random networks, a Gaussian process fitted to the log losses so far picks the next configuration.",
            s.max
        ),
    }
}

/// The shared budget.
pub fn budget_sentence(s: &Settings) -> String {
    format!(
        "Every method gets {} epochs: what one whole Hyperband run with η = {}, a minimum of {} and R = {} epochs costs when promoted networks resume where they paused.",
        s.budget(),
        s.eta,
        s.min,
        s.max
    )
}

/// Why only full-length trials count.
/// The curves chart's least height in CSS pixels: its legend (up to six entries) sits in a band
/// under the plot, which on a phone would otherwise leave the plot too short for its axis title.
pub const CURVES_MIN_HEIGHT: f64 = 300.0;

pub const COUNTING: &str = "A network counts as found only once it has trained the full R epochs: a network stopped after a few epochs is not the one you would deploy.";

/// A configuration in words.
pub fn describe_point(point: &[f64]) -> String {
    let sp = space();
    let f = sp.format(point);
    format!("learning rate {}, width {}, batch size {}, dropout {}", f[0], f[1], f[2], f[3])
}

/// The run's status line.
pub fn status(s: &Snapshot) -> String {
    let r = s.settings.max;
    let never_trained = s.never_trained();
    let mut text = format!(
        "{} of {} epochs spent. {} networks started, {} stopped early, {} trained the full {r} epochs",
        s.spent,
        s.budget,
        s.started() - never_trained,
        s.stopped(),
        s.completed()
    );
    if s.failed() > 0 {
        text.push_str(&format!(", {} diverged", s.failed()));
    }
    let cut = s.cut() - never_trained;
    if cut > 0 {
        text.push_str(&format!(", {cut} cut off when the budget ran out"));
    }
    text.push('.');
    if never_trained > 0 {
        // Only successive halving and Hyperband draw a round at once; the others draw one
        // network per free worker.
        let when = if matches!(s.settings.method, Method::SuccessiveHalving | Method::Hyperband) { "for the last round" } else { "for free workers" };
        text.push_str(&format!(" {never_trained} more were drawn {when} but never trained."));
    }
    if s.done && s.completed() == 0 {
        text.push_str(&format!(" None trained the full {r} epochs, so this method found nothing, and the race has no result for it."));
    }
    text
}

/// The best network so far.
pub fn best_sentence(s: &Snapshot) -> String {
    match s.best {
        Some(i) => format!(
            "Lowest validation loss after {} epochs: {} ({}).",
            s.settings.max,
            format_number(s.trials[i].last_loss()),
            describe_point(&s.trials[i].point)
        ),
        None => format!("No network has trained the full {} epochs yet.", s.settings.max),
    }
}

/// The last fraction of the curves over which their typical late loss is measured.
pub const LATE_TAIL: f64 = 1.0 / 3.0;

/// A loss curve's median over its last third (at least 3 epochs): its late level, robust to a
/// spike or a lucky last epoch.
pub fn late_median(curve: &[f64]) -> (usize, f64) {
    let n = ((curve.len() as f64 * LATE_TAIL).round() as usize).clamp(3.min(curve.len()), curve.len());
    let mut tail: Vec<f64> = curve[curve.len() - n..].iter().copied().filter(|v| v.is_finite()).collect();
    crate::sorting::sort_floats(&mut tail);
    (n, crate::labs::search::quantile(&tail, 0.5))
}

/// What losing hindsight's winner cost: its final loss against the best this run trained to the
/// end, and their late medians, so a win decided by the last epoch's noise reads as one. When that
/// network was not one of hindsight's, the sentence says so: "the best of the first round" and "the
/// best this run trained to the end" are then two networks, and a lower second loss is no paradox.
fn what_missing_it_cost(s: &Snapshot, h: &super::run::Hindsight, which: &str) -> String {
    let best = s.best_loss();
    let Some(b) = s.best.filter(|_| best.is_finite()) else { return String::new() };
    let outside = if h.full_curves.iter().any(|(i, _)| *i == b) { String::new() } else { format!(", one from outside the {which},") };
    let lead = format!(" The best network this run trained to the end{outside} reached {}", format_number(best));
    let diff = best - h.winner_loss;
    if diff <= 0.0 {
        let lower = if diff < 0.0 { "lower" } else { "as low" };
        return format!("{lead}, {lower}: missing this one cost the run nothing.");
    }
    let Some((_, curve)) = h.full_curves.iter().find(|(i, _)| *i == h.winner) else { return String::new() };
    let (epochs, missed) = late_median(curve);
    let (_, finished) = late_median(&s.trials[b].curve);
    if missed >= finished {
        format!(
            "{lead}, {} higher, but over their last {epochs} epochs the missed network's median loss ({}) was no lower than the finished one's ({}): the missed one's lead comes from its last epoch, not from being better.",
            loss_gap(diff),
            format_number(missed),
            format_number(finished)
        )
    } else {
        format!(
            "{lead}, {} higher; over their last {epochs} epochs their median losses were {} (missed) and {} (finished), so the missed network was better, not just lucky at the end.",
            loss_gap(diff),
            format_number(missed),
            format_number(finished)
        )
    }
}

/// A small difference of losses in plain decimals, three significant digits ("0.000911", not
/// "9.11e-4"): a learner compares it with losses written as decimals.
pub fn loss_gap(diff: f64) -> String {
    crate::schema::significant(diff, 3)
}

/// What hindsight shows, once the run is done.
pub fn hindsight_sentence(s: &Snapshot) -> Option<String> {
    let h = s.hindsight.as_ref()?;
    let which = match s.settings.method {
        Method::SuccessiveHalving => "first round".to_string(),
        // Hyperband's groups are brackets on this page; hindsight trains its first one.
        Method::Hyperband => "first bracket".to_string(),
        _ => format!("first {} networks it started", h.full_curves.len()),
    };
    let loss = format_number(h.winner_loss);
    let missed = if h.stopped_at.is_some() || h.cut_at.is_some() { what_missing_it_cost(s, h, &which) } else { String::new() };
    Some(match (h.stopped_at, h.cut_at) {
        (Some(epoch), _) => format!(
            "Hindsight: trained to the end, the best of the {which} would have reached a loss of {loss} after {} epochs, but {} stopped it after {epoch} epoch{}.",
            s.settings.max,
            s.settings.method.in_sentence(),
            if epoch == 1 { "" } else { "s" }
        ) + &missed,
        (None, Some(epoch)) => format!(
            "Hindsight: trained to the end, the best of the {which} would have reached a loss of {loss} after {} epochs, but the budget ran out after its epoch {epoch}, so this run never saw it finish.",
            s.settings.max
        ) + &missed,
        // "Was not stopped" says nothing of a method that never stops a network.
        (None, None) if !s.settings.method.stops_early() => format!(
            "Hindsight: {} stops no network early, so it trained the best of the {which} to the end itself (loss {loss} after {} epochs).",
            s.settings.method.in_sentence(),
            s.settings.max
        ),
        (None, None) => format!("Hindsight: of the {which}, the best after {} epochs (loss {loss}) was not stopped.", s.settings.max),
    })
}

/// The race's caption: each method's median best.
pub fn race_sentence(r: &RaceSummary) -> String {
    let parts: Vec<String> = Method::ALL
        .iter()
        .map(|&m| {
            let v = r.median_final(m);
            format!("{} {}", m.label(), if v.is_finite() { format_number(v) } else { "none".into() })
        })
        .collect();
    let values: Vec<(Method, f64)> = Method::ALL.iter().map(|&m| (m, r.median_final(m))).collect();
    let wins = if r.finals_of(Method::Hyperband).is_empty() || r.finals_of(Method::Random).is_empty() {
        String::new()
    } else {
        format!(" Hyperband found a better network than random search on {} of the {} seeds.", r.wins(Method::Hyperband, Method::Random), r.seeds)
    };
    // "none" needs its reason, or it reads as a method that failed.
    let none = if Method::ALL.iter().any(|&m| !r.finals_of(m).is_empty() && !r.median_final(m).is_finite()) {
        " “none”: on at least half the seeds that method trained no network the full epochs within the budget."
    } else {
        ""
    };
    format!("Median over {} seeds of the lowest loss after the full epochs, with {} epochs each: {}.{none}{wins}{}", r.seeds, r.budget, parts.join("; "), ties(&values))
}

/// Methods whose final results are equal: " Tied at the end, with the same final loss: A and B." per
/// group, or nothing. Their lines need not coincide before the end: one may get there sooner.
pub fn ties(values: &[(Method, f64)]) -> String {
    let mut out = String::new();
    let mut seen = vec![false; values.len()];
    for i in 0..values.len() {
        if seen[i] || !values[i].1.is_finite() {
            continue;
        }
        let group: Vec<usize> = (i..values.len()).filter(|&j| values[j].1 == values[i].1).collect();
        if group.len() > 1 {
            for &j in &group {
                seen[j] = true;
            }
            let names: Vec<&str> = group.iter().map(|&j| values[j].0.label()).collect();
            let (last, rest) = names.split_last().expect("a group of two or more");
            out.push_str(&format!(" Tied at the end, with the same final loss: {} and {last}.", rest.join(", ")));
        }
    }
    out
}

/// The lab's introduction.
pub const INTRO: &str = "Real tuning services do not train every trial to the end. Pick a method and watch its networks train side by side: trials that fall behind are stopped (grey), promising ones are promoted to more epochs. Every method gets the same epoch budget and draws its networks in the same order from the same seed (Bayesian optimization picks its own after the first four).";

/// Under the race chart.
pub const RACE_NOTE: &str = "Tick “Race 20 seeds” to run every method on 20 seeds: the lines become medians, the bands the middle half (first to third quartile). Where methods tie, their lines run side by side, a pixel or two apart; elsewhere each line is drawn at its value.";
/// Under the race chart while the 20-seed race is on.
pub const RACE_NOTE_ON: &str = "Every method on 20 seeds: each line is the median over the seeds, each band the middle half (first to third quartile). Where methods tie, their lines run side by side, a pixel or two apart; elsewhere each line is drawn at its value.";


/// The bracket table's caption for a method.
pub fn bracket_caption(s: &Settings) -> String {
    match s.method {
        Method::Hyperband => "Hyperband's brackets: networks × epochs at each rung, and how many of this run's networks reached it.".to_string(),
        Method::SuccessiveHalving => format!(
            "Successive halving's round: it starts {} networks; each cell is networks × epochs at a rung (the best 1/{} go on), with how many networks of the latest round reached it. New rounds repeat it while the budget lasts; the row is numbered by round.",
            s.trials, s.eta
        ),
        Method::Asha => "Hyperband's brackets for these η and R (ASHA has no brackets: it decides at the epochs of the first bracket's rungs):".to_string(),
        m => format!("Hyperband's brackets for these η and R, for comparison ({} has no brackets or rungs):", m.short_label()),
    }
}

/// The bracket table's row label: Hyperband's s (the most aggressive bracket has the largest),
/// or successive halving's only row, its round.
pub fn bracket_row_label(s: &Settings, row: usize, rows: usize, latest_round: Option<usize>, cut_short: bool) -> String {
    match s.method {
        // Successive halving repeats its round while the budget lasts; the row shows the latest.
        Method::SuccessiveHalving => latest_round.map_or("round".to_string(), |r| format!("round {}{}", r + 1, if cut_short { " (cut short by the budget)" } else { "" })),
        _ => format!("s = {}", rows - 1 - row),
    }
}

/// What the AutoML corner does.
pub fn automl_intro(s: &Settings) -> String {
    format!(
        "AutoML searches over model families as well as their knobs. Here each trial draws one of three families at random — a polynomial ridge classifier (degree {}–{}, α {}–{}), the network (the knobs above) or a random forest (the trees lab's: {}–{} trees, depth at most {}–{}) — draws that family's knobs at random and trains it in full, until the {} epochs are spent.",
        super::automl::DEGREE.0,
        super::automl::DEGREE.1,
        format_number(super::automl::ALPHA.0),
        format_number(super::automl::ALPHA.1),
        super::automl::FOREST_TREES.0,
        super::automl::FOREST_TREES.1,
        super::automl::FOREST_DEPTH.0,
        super::automl::FOREST_DEPTH.1,
        s.budget()
    )
}

/// What AutoML still needed from the learner.
pub fn automl_needs(a: &super::automl::AutoMl) -> String {
    let data = a.problem.data();
    let held_out = (data.size as f64 * data.validation_fraction).round() as usize;
    format!(
        "What it automated: the family and its knobs. What it still needed from you: the metric (validation accuracy, the share of the {held_out} held-out points classified correctly), the data split (those {held_out} of the {} points never trained on), and the budget ({} epochs; a ridge fit, one closed-form solve, is charged {} epoch, a forest {} epochs, a network {} epochs — how to price models against each other is your choice too).",
        data.size,
        a.budget,
        super::automl::RIDGE_COST,
        super::automl::FOREST_COST,
        a.max
    )
}

/// The leaderboard's summary.
pub fn automl_summary(a: &super::automl::AutoMl) -> String {
    use super::automl::Family;
    let best = a.leaderboard().first().map(|e| format!(" Best: {} ({}), {:.1} % validation accuracy.", e.family.label(), e.knobs, e.accuracy * 100.0)).unwrap_or_default();
    format!(
        "{} models tried ({} ridge, {} networks, {} forests) for {} of {} epochs.{best}",
        a.entries.len(),
        a.count(Family::Ridge),
        a.count(Family::Network),
        a.count(Family::Forest),
        a.spent,
        a.budget
    )
}
