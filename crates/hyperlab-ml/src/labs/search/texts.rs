//! Every sentence the search lab states about what the learner sees, and the functions that
//! choose or fill them in. Each is backed by a lesson test in `tests/lessons_search.rs`.

use super::problem::{MinimumMark, ProblemKind};
use super::runs::Run;
use super::{AcquisitionChoice, Settings, EXPLORE_DISTANCE, MANY_SEEDS, ONE_D_INIT};
use crate::schema::{format_number, significant};
use crate::search::{Space, StrategyKind};

pub const INTRO: &str = "Every model has knobs, and finding good settings is a search. Grid search tries every combination of a few values per knob; random search samples the knobs independently; Bayesian optimization fits a model of the results so far and puts each next trial where an acquisition function, trading a low predicted value against uncertainty, scores highest; TPE, the default of Optuna and Hyperopt, models where good and bad trials lie instead. Give all four the same problem and budget, and compare what they try and how fast they find a good value; then see what parallel workers do to each, and how gradient descent tunes a penalty directly.";

pub const CONTROLS_NOTE: &str = "The search has hyperparameters of its own: the ranges and their scales, the budget, the initial design, the acquisition function and its ξ or κ, the kernel, TPE's γ rule, the number of parallel workers. The challenges below show when the budget, the initial design and κ matter, and what the budget does for TPE, the workers for Bayesian optimization and the step size for gradient descent.";

/// The caption under each strategy's panel.
pub fn caption(kind: StrategyKind) -> &'static str {
    match kind {
        StrategyKind::Grid => "Grid: every combination of r values per knob, so r^d trials for d knobs — exponential in the number of knobs. Each knob only ever sees r distinct values.",
        StrategyKind::Random => "Random: each trial draws every knob independently (log-uniformly on a log scale), so on a continuous knob every trial tries a new value, including on the knob that matters.",
        StrategyKind::Bayes => "Bayesian optimization: a few space-filling points, then each trial goes where the acquisition function, computed from the Gaussian-process surrogate's mean and uncertainty, scores highest.",
        StrategyKind::Tpe => "TPE (the default of Optuna and Hyperopt), here with Optuna's settings: 10 random trials first (Hyperopt starts with 20), then the best γ(n) of the n trials (Optuna: 10 %, rounded up; Hyperopt: 0.25 √n, rounded up; at most 25) form a density l(x) and the rest g(x); of 24 points drawn from l, the one with the largest l(x)/g(x) is the next trial.",
    }
}

/// The note under the three panels: what the colours and marks mean.
pub fn panels_note(problem: ProblemKind) -> String {
    let minimum = match problem.minimum_mark() {
        MinimumMark::Points(p) if p.len() > 1 => "crosses: the true minima".to_string(),
        MinimumMark::Points(_) => "cross: the true minimum".to_string(),
        MinimumMark::VerticalLine(_) => "dashed line: the true minimum, a whole line, since y does not matter".to_string(),
        MinimumMark::Unknown => "the true minimum of a real model is not known, so it is not marked".to_string(),
    };
    format!(
        "Colour: the true objective (dark = low = good; log scale of the distance above the lowest value drawn), which the searches never see. White dots: trials in order (yellow: the latest); pink ring: best so far; {minimum}. The ticks on the bottom and left edges mark each distinct value a strategy tried on that knob. Exploring trials: Bayesian optimization's model-chosen trials at least {EXPLORE_DISTANCE} of the square's side from every earlier trial."
    )
}

/// The line under each panel: distinct values per knob, the best value, exploring trials.
pub fn panel_line(run: &Run, shown: usize, space: &Space, exploring: Option<usize>) -> String {
    let d = run.distinct_per_knob(shown, 2);
    let best = run.best_index(shown).map_or("—".to_string(), |b| format_number(run.values[b]));
    let explore = exploring.map_or(String::new(), |e| format!(" · {e} exploring trials"));
    format!("{} distinct {} · {} distinct {} · best {}{explore}", d[0], space.dims()[0].name(), d[1], space.dims()[1].name(), best)
}

/// A panel's text alternative.
pub fn panel_summary(run: &Run, shown: usize, space: &Space, field_ready: bool) -> String {
    let n = shown.min(run.points.len());
    let distinct = run.distinct_per_knob(shown, space.len());
    let names: Vec<&str> = space.dims().iter().map(|d| d.name()).collect();
    let best = run.best_index(n).map_or("no finite value yet".to_string(), |b| {
        let p = space.format(&run.points[b]);
        format!("best {} at trial {} ({} = {}, {} = {})", format_number(run.values[b]), b + 1, names[0], p[0], names[1], p[1])
    });
    format!(
        "{}: {n} of {} trials shown over the {}heatmap of the true objective; {best}. Distinct values tried: {} of {}, {} of {}.",
        run.kind.label(), run.planned, if field_ready { "" } else { "(still computing) " }, distinct[0], names[0], distinct[1], names[1]
    )
}

pub fn bo_status(done: usize, total: usize) -> String {
    if done < total { format!("Bayesian optimization: computing trial {} of {total}…", done + 1) } else { format!("All {total} trials computed.") }
}

/// What the race measures regret against, and what the 20-seed race shows at the defaults.
pub fn race_caption(problem: ProblemKind) -> String {
    let (against, default_race) = if problem.known_minimum().is_some() {
        ("the true minimum", "At the default settings (seeds 1–20), Bayesian optimization's median ends below random search's on this problem.")
    } else {
        (
            "the lowest value computed anywhere (the heatmap's grid or any trial; the true minimum of a real model is unknown)",
            "At the default settings (seeds 1–20), the medians of random search and Bayesian optimization end within 0.1 % of each other here.",
        )
    };
    format!("How far above {against} each strategy's best trial is after each trial (log scale). One seed can be lucky: race {MANY_SEEDS} seeds to see the median (thick line) and the middle half of the runs (band); grid search has no randomness, so its band has no width. {default_race}")
}

/// The race chart's text alternative.
/// `tolerance` is what "within 1 %" means: 1 % of the gap between a typical value and the
/// minimum (`RunSet::tolerance`), stated as a number.
pub fn race_summary(runs: &[Run; 4], shown: usize, minimum: f64, tolerance: f64, hits: &[Option<usize>; 4], medians: Option<[f64; 4]>) -> String {
    let within = format!("within {} of the minimum (1 % of the gap between a typical value and the minimum)", format_number(tolerance));
    let mut s = String::from("Best value so far against trials. ");
    for (run, hit) in runs.iter().zip(hits) {
        let n = shown.min(run.best.len());
        let best = run.best.get(n.wrapping_sub(1)).copied().unwrap_or(f64::NAN);
        s.push_str(&format!(
            "{}: {} after {n} trials ({} above the minimum {}), {}. ",
            run.kind.label(),
            format_number(best),
            format_number(best - minimum),
            format_number(minimum),
            hit.map_or(format!("never {within}"), |h| format!("{within} after {h} trials"))
        ));
    }
    if let Some(m) = medians {
        s.push_str(&format!("Over {MANY_SEEDS} seeds, median final best: grid {}, random {}, Bayesian {}, TPE {}.", format_number(m[0]), format_number(m[1]), format_number(m[2]), format_number(m[3])));
    }
    s
}

/// The race chart's y-axis label: short enough to fit along the plot at its least height
/// ("best so far − minimum" was cut to "best so far − minimurr" at 390 px); the caption says what it
/// measures.
pub const RACE_Y_LABEL: &str = "best − minimum";

/// The race chart's least height in CSS pixels: at 390 px wide, 0.45 × the width left a plot
/// about 100 px tall under its legend.
pub const RACE_MIN_HEIGHT: f64 = 260.0;

/// The verdict under the finished race: which strategy's median final value is lowest.
pub fn race_verdict(medians: impl AsRef<[f64]>, first_seed: u64) -> String {
    verdict_with_names(medians.as_ref(), first_seed, STRATEGY_NAMES)
}

/// The strategies in the race's order (grid, random, Bayesian optimization, TPE), in a sentence.
const STRATEGY_NAMES: [&str; 4] = ["grid search", "random search", "Bayesian optimization", "TPE"];

/// What a strategy that never used a model is called in the verdict.
const BAYES_NO_MODEL: &str = "Bayesian optimization (all its trials were space-filling: no model yet)";
const TPE_NO_MODEL: &str = "TPE (all its trials were random start-up trials: no model yet)";

/// The status under the finished race: the verdict, saying when Bayesian optimization or TPE
/// never got past its model-free start (`budget` ≤ its initial design or start-up trials), then
/// every strategy's median final value, lowest first — the numbers the challenges judge.
pub fn race_status(medians: [f64; 4], first_seed: u64, budget: usize, bayes_initial: usize, tpe_startup: usize) -> String {
    let mut names = STRATEGY_NAMES;
    if budget <= bayes_initial {
        names[2] = BAYES_NO_MODEL;
    }
    if budget <= tpe_startup {
        names[3] = TPE_NO_MODEL;
    }
    let verdict = verdict_with_names(&medians, first_seed, names);
    let mut order: Vec<usize> = (0..4).collect();
    crate::sorting::sort_indices_by(&mut order, &|a, b| medians[a].total_cmp(&medians[b]));
    let list: Vec<String> = order.iter().map(|&s| format!("{} {}", STRATEGY_NAMES[s], format_number(medians[s]))).collect();
    format!("{verdict} Median final values: {}.", list.join(", "))
}

/// Medians this close to the lowest (as a share of it) tie with it: the page prints four
/// significant digits, and a race "won" by less than that names a winner nobody can see.
pub const RACE_TIE_SHARE: f64 = 1e-3;

fn verdict_with_names(medians: &[f64], first_seed: u64, names: [&str; 4]) -> String {
    let best = medians.iter().copied().filter(|v| v.is_finite()).fold(f64::INFINITY, f64::min);
    let close = |v: f64| v == best || (v - best).abs() <= RACE_TIE_SHARE * best.abs();
    let tied: Vec<usize> = (0..medians.len().min(4)).filter(|&s| close(medians[s])).collect();
    let winners: Vec<&str> = tied.iter().map(|&s| names[s]).collect();
    let exact = tied.iter().all(|&s| medians[s] == best);
    let seeds = format!("seeds {first_seed}–{}", first_seed + MANY_SEEDS as u64 - 1);
    match winners.as_slice() {
        [] => format!("Over {seeds} no strategy found a finite value."),
        [one] => format!("Over {seeds}, {one} has the lowest median final value."),
        [rest @ .., last] => format!(
            "Over {seeds}, {} and {last} tie for the lowest median final value{}.",
            rest.join(", "),
            if exact { "" } else { " (within 0.1 % of each other)" }
        ),
    }
}

/// The 1-D view's introduction.
pub fn oned_intro(slice_label: &str) -> String {
    format!("A slice of the problem: {slice_label}. After {ONE_D_INIT} space-filling points, a Gaussian process is fitted to everything observed; its mean is the best guess of the objective and its ±2σ band how unsure it is. The acquisition function turns both into a score, and the next trial goes where the score is highest: near low means (exploitation) or where σ is large (exploration).")
}

pub const ONED_NOTE: &str = "Top: observations (dots), the GP mean and ±2σ band, and the true objective (dashed; the optimizer never sees it). Bottom: the acquisition function, larger is better. Raise κ (LCB) and the next trial moves to where σ is at least as large; raising ξ (EI, PI) usually does the same.";

/// The label of the acquisition chart's y axis.
pub fn acquisition_axis_label(acquisition: AcquisitionChoice) -> &'static str {
    match acquisition {
        AcquisitionChoice::ExpectedImprovement => "expected improvement",
        AcquisitionChoice::ProbabilityOfImprovement => "probability of improvement",
        AcquisitionChoice::ConfidenceBound => "−(mean − κσ)",
        AcquisitionChoice::Thompson => "−(posterior draw)",
    }
}

/// A strategy's name inside a sentence: proper nouns keep their capitals ("Bayesian
/// optimization", "TPE"), common nouns do not ("grid search").
pub fn strategy_in_sentence(kind: StrategyKind) -> &'static str {
    match kind {
        StrategyKind::Grid => "grid search",
        StrategyKind::Random => "random search",
        StrategyKind::Bayes => "Bayesian optimization",
        StrategyKind::Tpe => "TPE",
    }
}

/// The accessible name of a code block's Copy button ("Copy Optuna code"): each names its
/// library, so a screen reader's list of buttons tells the three apart.
pub fn copy_button_label(block_title: &str) -> String {
    let library = block_title.split(" (").next().unwrap_or(block_title);
    format!("Copy {library} code")
}

/// The paragraph above the exported code.
pub fn code_intro(settings: &Settings) -> String {
    format!(
        "The {} on “{}” with {} trials and seed {}, as programs you can run: validation_loss is the lab's objective written out (the synthetic function, or the ridge problem's 40 points, 5 folds and scikit-learn pipeline), with the same ranges and scales, budget and seed. Grid search reports the lab's best value; the other strategies draw from each library's own random generator, so their trials differ from the lab's. The SageMaker one is a configuration: it needs an AWS account and your training script.",
        strategy_in_sentence(settings.export),
        settings.problem.label(),
        settings.budget,
        settings.seed
    )
}

/// A short axis tick (at most 6 characters): 2 significant digits, scientific notation outside
/// [0.01, 10⁴), so tick labels fit their margin.
pub fn axis_tick(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let a = v.abs();
    if a == 0.0 {
        return "0".into();
    }
    if !(0.01..1e4).contains(&a) {
        let s = format!("{v:.1e}");
        return match s.split_once('e') {
            Some((m, e)) => format!("{}e{}", m.trim_end_matches('0').trim_end_matches('.'), e),
            None => s,
        };
    }
    let decimals = (1 - a.log10().floor() as i32).clamp(0, 3) as usize;
    let s = format!("{v:.decimals$}");
    if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s }
}

/// A point a log-scale chart can draw: both coordinates finite and y > 0 (NaN, ±∞ and y ≤ 0
/// never reach a log axis).
pub fn log_safe(p: (f64, f64)) -> Option<(f64, f64)> {
    (p.0.is_finite() && p.1.is_finite() && p.1 > 0.0).then_some(p)
}

/// Distance above the minimum, floored so a trial at the minimum stays on a log axis; None for
/// values that cannot be drawn.
pub fn regret(value: f64, minimum: f64, floor: f64) -> Option<f64> {
    let floor = if floor.is_finite() && floor > 0.0 { floor } else { 1e-12 };
    let r = value - minimum;
    r.is_finite().then_some(r.max(floor))
}

/// Which trial numbers to print on a panel: the latest trial (the last point) always has its
/// number; any other is skipped when its dot would overlap one already numbered (closer than
/// `min_gap`, in the same units as the points), the latest first, then in trial order.
pub fn numbered_trials(points: &[(f64, f64)], min_gap: f64) -> Vec<bool> {
    let mut shown: Vec<(f64, f64)> = points.last().copied().into_iter().collect();
    let last = points.len().saturating_sub(1);
    points
        .iter()
        .enumerate()
        .map(|(i, &(x, y))| {
            if i == last {
                return true;
            }
            let free = shown.iter().all(|&(a, b)| ((x - a).powi(2) + (y - b).powi(2)).sqrt() >= min_gap);
            if free {
                shown.push((x, y));
            }
            free
        })
        .collect()
}

// ---- TPE, parallel trials, gradient-based tuning ----

/// The TPE 1-D view's introduction.
pub fn tpe_intro(slice_label: &str, startup: usize, candidates: usize) -> String {
    format!("TPE on the same slice: {slice_label}. It does not model the objective. After {startup} random start-up trials it sorts the trials by value, puts the best γ(n) in a good group and the rest in a bad group, and fits a density to each: l(x) over the good trials and g(x) over the bad, each a sum of Gaussian bumps (one per trial, about as wide as the larger gap to its neighbouring trials, plus one wide bump over the whole axis). It draws {candidates} candidates from l and runs the one where log l(x) − log g(x) is largest: likely among good trials, unlikely among bad ones.")
}

pub const TPE_NOTE: &str = "Top: the trials (filled: good group, hollow: bad group), l(x) and g(x), on the axis as drawn (logarithmic for λ). Bottom: log l − log g at each candidate drawn from l; the largest is the next trial (ringed, and a solid line on top). Your pick is the dashed line on both.";

/// The 1-D views' legend and line labels: the learner's pick and the optimizer's next trial.
pub const PICK_LABEL: &str = "your pick";
pub const NEXT_TRIAL_LABEL: &str = "next trial";

/// How the two libraries' γ rules differ, with the sizes they give.
pub fn gamma_note() -> String {
    use crate::search::GammaRule;
    format!(
        "Optuna puts ⌈10 %⌉ of the finished trials (at most 25) in the good group; Hyperopt ⌈0.25 √n⌉ (at most 25): after 30 trials {} against {}, after 100 trials {} against {}.",
        GammaRule::Optuna.n_below(30),
        GammaRule::Hyperopt.n_below(30),
        GammaRule::Optuna.n_below(100),
        GammaRule::Hyperopt.n_below(100)
    )
}

/// The parallel-trials experiment's introduction.
pub fn parallel_intro(liar: crate::search::Liar) -> String {
    let lie = match liar {
        crate::search::Liar::Worst => "the worst value so far (for TPE: a member of the bad group, as Optuna does)",
        crate::search::Liar::Mean => "the mean value so far",
    };
    format!("With k workers, k trials run at once: each round proposes k trials before any of their results is known. Random search never uses results, so it tries exactly the same points whatever k. Bayesian optimization and TPE do: with a constant liar, each pending trial counts as {lie} while the rest of the batch is chosen, so a batch spreads out instead of proposing one point k times, but each choice is made knowing fewer results. More workers need fewer rounds (wall-clock time) for the same number of trials. SageMaker's tuning best practices say the same: Bayesian optimization is sequential and does not scale well; random search suits a large number of parallel jobs.")
}

/// The verdict under the finished parallel experiment for the chosen number of workers.
pub fn parallel_verdict(p: &super::Parallel, workers: usize) -> String {
    use super::parallel::{rounds, WORKERS};
    let w = WORKERS.iter().position(|&k| k == workers).unwrap_or(0);
    let b = p.spec.budget;
    let (r, bo, bo1, tpe, tpe1) = (p.final_median(0, w), p.final_median(1, w), p.final_median(1, 0), p.final_median(2, w), p.final_median(2, 0));
    let mut s = format!(
        "Median regret over {MANY_SEEDS} seeds after {b} trials ({} rounds) with {workers} worker{}: random search {} (the same for every k), Bayesian optimization {} (sequential: {}), TPE {} (sequential: {}).",
        rounds(b, workers),
        if workers == 1 { "" } else { "s" },
        format_number(r),
        format_number(bo),
        format_number(bo1),
        format_number(tpe),
        format_number(tpe1)
    );
    if workers > 1 && bo > bo1 {
        s.push_str(&format!(" Parallelism cost Bayesian optimization here: {} times its sequential median.", format_number(bo / bo1)));
    }
    if bo >= r {
        s.push_str(" Bayesian optimization is no better than random search here.");
    }
    s
}

/// The parallel chart's text alternative.
pub fn parallel_summary(p: &super::Parallel, by_rounds: bool) -> String {
    use super::parallel::{STRATEGIES, WORKERS};
    let mut s = format!("Median regret over {MANY_SEEDS} seeds against {}. ", if by_rounds { "rounds" } else { "trials" });
    for (si, kind) in STRATEGIES.iter().enumerate() {
        let finals: Vec<String> = WORKERS.iter().enumerate().map(|(w, k)| format!("k = {k}: {}", format_number(p.final_median(si, w)))).collect();
        s.push_str(&format!("{} final: {}. ", kind.label(), finals.join(", ")));
    }
    s
}

/// The gradient-tuning view's introduction.
pub fn gd_intro(degree: usize, fits: usize) -> String {
    format!("For ridge regression the validation error is a smooth function of λ. Here, at degree {degree}, each point of the curve is the 5-fold CV error; differentiating ridge's normal equations gives its exact slope in ln λ (no finite differences), and gradient descent steps ln λ ← ln λ − η × slope, one cross-validation per step. Grid search, random search and Bayesian optimization spend the same {fits} cross-validations on the same curve.")
}

pub const GD_LIMITS: &str = "Where it breaks: gradient descent needs a knob the validation loss changes smoothly with. Depth, the number of layers and the batch size are whole numbers and the activation is a choice: they have no slope. When the validation loss comes from a noisy training run its slope is noisy too. And on a curve with more than one dip the slope only sees the dip it is in: on degree 12, started at the smallest λ, η = 60 settles in the higher of its two dips. That is why gradient-based tuning is rare in practice beyond continuous knobs such as penalties.";

/// Whether gradient descent has settled in a dip of the curve that is not the lowest one.
pub fn gd_in_local_minimum(g: &super::GradientTuning) -> bool {
    let n = g.steps.len();
    if n < 3 || g.gd_hit().is_some() {
        return false;
    }
    let last = g.steps[n - 1].ln_lambda;
    let settled = (g.steps[n - 1].ln_lambda - g.steps[n - 3].ln_lambda).abs() < 0.1;
    // A local minimum of the drawn curve near the last step, clearly above the lowest point.
    let near_dip = g.curve.windows(3).any(|w| w[1].1 <= w[0].1 && w[1].1 <= w[2].1 && (w[1].0 - last).abs() < 0.5 && w[1].1 > g.minimum.1 + g.tolerance());
    settled && near_dip
}

/// Where the first step jumped past the minimum (not to within the tolerance of it) onto a flat
/// stretch of the curve (a slope under 5 % of the first one at every later step) and the later
/// steps moved ln λ by less than 0.5 in all: (ln λ before, ln λ after). A large η on the steep
/// side does this: no oscillation, just a stall on the far side.
pub fn gd_overshot_onto_flat(g: &super::GradientTuning) -> Option<(f64, f64)> {
    let (first, rest) = g.steps.split_first()?;
    let landed = rest.first()?;
    // Past the minimum, and not onto it.
    let crossed = (first.ln_lambda - g.minimum.0).signum() != (landed.ln_lambda - g.minimum.0).signum() && landed.loss > g.minimum.1 + g.tolerance();
    let flat = rest.iter().all(|s| s.grad.abs() < 0.05 * first.grad.abs());
    let stalled = rest.iter().all(|s| (s.ln_lambda - landed.ln_lambda).abs() < 0.5);
    (crossed && flat && stalled).then_some((first.ln_lambda, landed.ln_lambda))
}

/// The verdict under the gradient view.
pub fn gd_verdict(g: &super::GradientTuning) -> String {
    let fits = super::gradient::FITS;
    // A search that never came within the tolerance gets its best, so the learner can compare it
    // with the target the sentence names (the gap is thinner than the chart's line).
    let hits = g.search_hits();
    let target = g.minimum.1 + g.tolerance();
    let best = |s: usize| g.searches[s].iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    // Enough significant digits that a best just above the target never prints as the target
    // ("at most 0.1101 … its best 0.1101").
    let missed: Vec<f64> = (0..3).filter(|&s| hits[s].is_none()).map(best).collect();
    let digits = (4..=9).find(|&d| missed.iter().all(|&b| significant(b, d) != significant(target, d))).unwrap_or(9);
    let hit = |s: usize| hits[s].map_or_else(|| format!("not within {fits} (its best {})", significant(best(s), digits)), |h| h.to_string());
    let others = format!("grid search {}, random search {}, Bayesian optimization {}", hit(0), hit(1), hit(2));
    let lam = |ln: f64| format_number(ln.exp());
    if let Some(h) = g.gd_hit() {
        return format!(
            "Gradient descent came within 1 % of the curve's range of its minimum (a CV error of at most {}; the minimum is {}) after {h} cross-validations; {others}.",
            significant(target, digits),
            significant(g.minimum.1, digits)
        );
    }
    let moved = g.steps.iter().map(|s| s.ln_lambda).fold(f64::NEG_INFINITY, f64::max) - g.steps.iter().map(|s| s.ln_lambda).fold(f64::INFINITY, f64::min);
    let last = g.steps.last().map_or(f64::NAN, |s| s.ln_lambda);
    let end = format!(
        "After {fits} cross-validations gradient descent is at λ = {}; the minimum is {} at λ = {} (within 1 % of the curve's range, a CV error of at most {}: {others}).",
        lam(last),
        significant(g.minimum.1, digits),
        lam(g.minimum.0),
        significant(target, digits)
    );
    if moved < 0.5 {
        format!("The curve is almost flat where gradient descent starts (slope {}), so steps of η × slope barely move λ. {end}", format_number(g.steps.first().map_or(f64::NAN, |s| s.grad)))
    } else if g.oscillates() {
        format!("The step is too large: λ jumps back and forth across the curve. {end}")
    } else if gd_in_local_minimum(g) {
        format!("Gradient descent has settled in a dip that is not the lowest: a local minimum. {end}")
    } else if let Some((from, to)) = gd_overshot_onto_flat(g) {
        // Descent keeps ln λ inside the range: a jump past its end stops there.
        let (lo, hi) = super::gradient::ln_bounds();
        let at_end = (to - lo).abs() < 1e-9 || (to - hi).abs() < 1e-9;
        let landing = if at_end { format!("the end of the range, λ = {}", lam(to)) } else { format!("λ = {}", lam(to)) };
        let still = g.steps[1..].iter().all(|s| (s.ln_lambda - to).abs() < 1e-12);
        format!(
            "The step is too large for the steep part of the curve: the first step jumped from λ = {} past the minimum to {landing}, where the curve is almost flat, so the steps since {}. {end}",
            lam(from),
            if still { "leave it there" } else { "barely move λ" }
        )
    } else if gd_still_on_its_way(g) {
        format!("The step is too small for this part of the curve: gradient descent is still moving towards the minimum when its cross-validations run out. {end}")
    } else {
        end
    }
}

/// Whether every step went downhill in the same direction and the last one is still short of the
/// minimum: the step is too small, not too large.
pub fn gd_still_on_its_way(g: &super::GradientTuning) -> bool {
    let (Some(first), Some(last)) = (g.steps.first(), g.steps.last()) else { return false };
    let towards = (g.minimum.0 - first.ln_lambda).signum();
    g.gd_hit().is_none()
        && g.steps.len() >= 2
        && g.steps.iter().all(|s| s.grad.signum() == -towards && s.grad != 0.0)
        && (g.minimum.0 - last.ln_lambda).signum() == towards
        && (last.ln_lambda - first.ln_lambda).abs() >= 0.5
}

/// The gradient chart's text alternative.
pub fn gd_summary(g: &super::GradientTuning) -> String {
    let steps: Vec<String> = g.steps.iter().map(|s| format!("λ = {} (CV error {})", format_number(s.ln_lambda.exp()), format_number(s.loss))).collect();
    format!("Validation curve at degree {}: minimum {} at λ = {}. Gradient steps: {}.", g.settings.degree, format_number(g.minimum.1), format_number(g.minimum.0.exp()), steps.join(", "))
}
