//! Every sentence the trees lab shows. Each claim has a lesson test in
//! `tests/lessons_trees.rs`; the numbers come from the live model.

use super::model::{DepthPoint, Judgement, LabModel, Snapshot, Verdict, LEARNING_RATES, RESAMPLES};
use super::challenges::{FAST_RATE, FAST_TREES, SLOW_RATE};
use super::settings::{ModelKind, Settings};
use crate::schema::format_number;
use crate::trees::Tree;

pub const INTRO: &str = "A decision tree asks yes/no questions about the features (is x₁ ≤ 0.3?) until it reaches a leaf that predicts. Its depth is its capacity: a stump asks one question, a tree with no depth limit keeps asking until every training point sits in a pure leaf, noise included. A random forest averages many deep trees, each fitted on a bootstrap sample with random features at each split, to cancel their variance; gradient boosting adds shallow trees one at a time, each correcting what the model so far gets wrong, shrunk by a learning rate. The split thresholds are parameters, learned from the data; depth, number of trees, learning rate and the rest are hyperparameters you set.";

pub const PARAMETERS_NOTE: &str = "Parameters vs hyperparameters: every split (feature and threshold) and every leaf value in the tree view is learned from the training points; every knob marked as a hyperparameter is chosen before fitting.";

/// An error for people: a percentage for classification, a mean squared error for regression.
pub fn error_text(v: f64, regression: bool) -> String {
    if !v.is_finite() {
        "—".into()
    } else if regression {
        format_number(v)
    } else {
        format!("{:.1} %", v * 100.0)
    }
}

fn metric(regression: bool) -> &'static str {
    if regression { "mean squared error" } else { "error (share misclassified)" }
}

pub fn model_line(s: &Settings) -> String {
    let depth = s.max_depth.map_or("no depth limit".to_string(), |d| format!("maximum depth {d}"));
    match s.model {
        ModelKind::Tree => format!("One decision tree, {depth}."),
        ModelKind::Forest => format!("A random forest of {}, {depth}{}.", trees_count(s.n_trees), if s.bootstrap { ", each on a bootstrap sample" } else { ", every tree on all points (no bootstrap)" }),
        ModelKind::Boosting => format!("Gradient boosting: {}, {depth}, learning rate {}{}.", trees_count(s.n_trees), format_number(s.learning_rate), if s.subsample < 1.0 { format!(", each tree on {:.0} % of the points", s.subsample * 100.0) } else { String::new() }),
    }
}

/// Training, validation (and out-of-bag) error of the model as set, so far.
pub fn scores_line(m: &LabModel) -> String {
    let r = m.regression();
    let g = &m.main;
    let (Some(train), Some(val)) = (g.final_train(), g.final_val()) else { return "Fitting…".into() };
    let total = m.settings.ensemble_size();
    let so_far = if total == 1 { "The tree".to_string() } else { format!("After {} of {}", g.trees_fitted(), trees_count(total)) };
    let mut s = format!("{so_far}: training {} {}, validation {}", metric(r), error_text(train, r), error_text(val, r));
    if let Some(oob) = g.oob_error() {
        s.push_str(&format!(", out-of-bag {}", error_text(oob, r)));
    }
    s.push('.');
    s
}

pub fn progress_line(m: &LabModel) -> String {
    let (done, total) = m.progress();
    if done >= total { format!("All {total} trees of the experiments fitted.") } else { format!("Fitting the experiments: {done} of {total} trees…") }
}

fn where_text(j: &Judgement, s: &Settings, curve: &[DepthPoint]) -> String {
    let _ = s;
    match curve.get(j.best_at).map(|p| p.depth) {
        Some(Some(d)) => format!("at depth {d}"),
        _ => "with no depth limit".into(),
    }
}

/// How `a` compares with `b`, in words.
fn compare(a: f64, b: f64) -> &'static str {
    if a < b {
        "below"
    } else if a > b {
        "above"
    } else {
        "the same as"
    }
}

pub fn verdict_title(v: Verdict) -> &'static str {
    match v {
        Verdict::GoodFit => "Good fit",
        Verdict::Underfitting => "Underfitting",
        Verdict::Overfitting => "Overfitting",
    }
}

pub use super::model::MEMORISED_GAP;

/// Classification with every training point right and validation error far above it.
pub fn memorised(snap: &Snapshot) -> bool {
    super::model::memorised_points(snap.settings.is_regression(), snap.train_error, snap.val_error)
}

/// Boosting whose validation loss is still falling at its last tree: the loss after half the
/// trees, and at the last, when the last quarter of the trees lowered it by at least 2 %.
pub fn still_falling(snap: &Snapshot) -> Option<(usize, f64, f64)> {
    if snap.settings.model != ModelKind::Boosting {
        return None;
    }
    let c = &snap.val_loss_curve;
    let n = c.len();
    if n < 4 {
        return None;
    }
    let last = c[n - 1];
    let quarter = c[n - 1 - n / 4];
    let (_, lowest) = argmin(c)?;
    (lowest >= last && last < 0.98 * quarter).then(|| (n / 2, c[n / 2 - 1], last))
}

pub use super::model::PAST_BEST_SHARE;

/// Boosting whose validation loss was lowest before its last tree and has since risen by at
/// least [`PAST_BEST_SHARE`]: (trees at the lowest, the lowest loss, the last loss).
pub fn past_best_trees(snap: &Snapshot) -> Option<(usize, f64, f64)> {
    if snap.settings.model != ModelKind::Boosting {
        return None;
    }
    super::model::past_best(&snap.val_loss_curve)
}

/// "1 tree", "20 trees".
fn trees_count(n: usize) -> String {
    if n == 1 { "1 tree".into() } else { format!("{n} trees") }
}

/// Why the verdict says what it says, with the numbers it rests on.
/// A gap to the lowest validation error under twice the tolerance can come from which points
/// were held out, not from the depth: say so, as the forest's verdict does.
fn split_caveat(j: &Judgement) -> &'static str {
    if j.current_val - j.best_val < 2.0 * j.tolerance {
        " A gap this small can also come from which points were held out: compare a few seeds."
    } else {
        ""
    }
}

pub fn verdict_explanation(snap: &Snapshot) -> String {
    let j = &snap.verdict;
    let s = &snap.settings;
    let r = s.is_regression();
    let knob = "the depth curve";
    let best_train = snap.depth_curve.get(j.best_at).map_or(f64::NAN, |p| p.train);
    let at = where_text(j, s, &snap.depth_curve);
    let (cur, best, tol) = (error_text(j.current_val, r), error_text(j.best_val, r), if r { format!("{:.0} %", j.tolerance / j.best_val.max(f64::MIN_POSITIVE) * 100.0) } else { format!("{:.0} percentage points", j.tolerance * 100.0) });
    let too_many_trees = past_best_trees(snap);
    match j.verdict {
        Verdict::GoodFit => {
            let mut t = format!("validation error {cur} is within {tol} of the lowest on {knob} ({best}, {at}).");
            if memorised(snap) && s.model == ModelKind::Forest {
                let (why, judges) = if s.bootstrap {
                    ("each training point is in the bootstrap samples of about 63 % of the trees", "the validation error ({cur}) and the out-of-bag error do")
                } else {
                    ("every tree was fitted on every training point", "the validation error ({cur}) does")
                };
                t.push_str(&format!(" Its 0 % training error is normal for a forest of deep trees ({why}) and says nothing about new points; {}.", judges.replace("{cur}", &cur)));
            } else if memorised(snap) {
                t.push_str(&format!(" But its 0 % training error means it memorised the training points, noise included, so here training error says nothing about new points; the validation error ({cur}) does."));
            }
            t
        }
        Verdict::Overfitting if too_many_trees.is_some() => {
            let (best_trees, lowest, last) = too_many_trees.unwrap_or_default();
            format!(
            "boosting went past its best number of trees: validation {} was lowest after {} ({}) and is {} after {}, while training error fell to {}. The later trees fit the training points' noise; early stopping on the validation loss would have stopped near {}.",
            if r { "mean squared error" } else { "log loss" },
            trees_count(best_trees),
            format_number(lowest),
            format_number(last),
            trees_count(s.n_trees),
            error_text(snap.train_error, r),
            trees_count(best_trees)
            )
        }
        Verdict::Underfitting => match still_falling(snap) {
            Some((half, early, last)) => format!(
                "validation error {cur} is more than {tol} above the lowest on {knob} ({best}, {at}), which is deeper, but the cause is the number of trees: boosting's validation loss is still falling at its last tree ({} after {half} trees, {} after {}), so {} trees are too few for learning rate {} and more trees would lower it.",
                format_number(early),
                format_number(last),
                s.n_trees,
                s.n_trees,
                format_number(s.learning_rate)
            ),
            None => format!("validation error {cur} is more than {tol} above the lowest on {knob} ({best}, {at}), which is deeper: these trees are too shallow for the shape of the data (training error {}, {} the best depth's {}).{}", error_text(snap.train_error, r), compare(snap.train_error, best_train), error_text(best_train, r), split_caveat(j)),
        },
        Verdict::Overfitting if j.current_val <= j.best_val + j.tolerance => format!(
            "it memorised its training points, noise included (training error {}, validation {cur}), and a shallower tree does at least as well on new points (the lowest on {knob} is {best}, {at}). That this validation error is within {tol} of the lowest is luck of this split: the extra levels add variance, not accuracy.",
            error_text(snap.train_error, r)
        ),
        Verdict::Overfitting if s.model == ModelKind::Forest && s.n_trees == 1 => format!("validation error {cur} is more than {tol} above the lowest on {knob} ({best}, {at}), which is shallower: a forest of one tree averages nothing, so its deep tree fits the training points' noise as a single tree does. Add trees, or limit the depth."),
        // A forest's training error is near 0 % at any large depth, so it is no evidence here.
        Verdict::Overfitting if s.model == ModelKind::Forest => format!("validation error {cur} is more than {tol} above the lowest on {knob} ({best}, {at}), which is shallower: on these points, limiting how deep the forest's trees grow helps. Deep trees fit the training points' noise, and averaging cancels only part of it.{}", split_caveat(j)),
        Verdict::Overfitting => format!("validation error {cur} is more than {tol} above the lowest on {knob} ({best}, {at}), which is shallower: the extra levels fit the training points' noise (training error {}, {} the best depth's {}).{}", error_text(snap.train_error, r), compare(snap.train_error, best_train), error_text(best_train, r), split_caveat(j)),
    }
}

pub fn map_caption(s: &Settings) -> &'static str {
    if s.is_regression() {
        "The model's prediction (line) over the training points (filled) and validation points (hollow). A tree predicts a constant on each interval between its thresholds, so its curve is a staircase."
    } else {
        "The decision map: the colour is the predicted probability of the orange class (for a tree, the share of orange training points in the leaf), closer to the background colour where it is unsure; training points filled, validation points hollow. Every boundary a tree draws is made of horizontal and vertical segments: each split tests one feature against one threshold."
    }
}

pub fn map_summary(m: &LabModel) -> String {
    let what = if m.regression() { "The prediction curve over the points" } else { "The decision map with the training (filled) and validation (hollow) points" };
    format!("{what}. {} {}", model_line(&m.settings), scores_line(m))
}

/// The tree view opens nodes shallower than this; deeper levels start folded.
pub const TREE_OPEN_DEPTH: usize = 5;

pub const TREE_CAPTION: &str = "The tree itself: each split shows its test (yes: the first branch, no: the second), and every node its impurity and how many of the points this tree was fitted on reach it (with a bootstrap sample or a subsample, each drawn point counts once). Leaves show what they predict. Levels below depth 5 start folded: open a node by clicking its line or pressing Enter on it.";

pub fn tree_summary(tree: Option<&Tree>, which: usize, s: &Settings) -> String {
    match tree {
        Some(t) => format!(
            "Tree {which}{}: {} nodes, {} leaves, depth {}; the root splits on x{} at {}.",
            if s.model == ModelKind::Tree { String::new() } else { format!(" of {}", s.n_trees) },
            t.nodes.len(),
            t.n_leaves(),
            t.depth(),
            if t.nodes[0].is_leaf() { 0 } else { t.nodes[0].feature + 1 },
            if t.nodes[0].is_leaf() { "nothing (a single leaf)".to_string() } else { format_number(t.nodes[0].threshold) }
        ),
        None => "The tree is not fitted yet.".into(),
    }
}

pub fn depth_caption(s: &Settings) -> String {
    let model = match s.model {
        ModelKind::Tree => "one tree",
        ModelKind::Forest => "the forest",
        ModelKind::Boosting => "boosting",
    };
    let sides = if s.model == ModelKind::Forest && s.n_trees == 1 {
        "Left of the lowest validation error the forest underfits; right of it, it overfits as a single tree does: a forest of one tree averages nothing."
    } else if s.model == ModelKind::Forest {
        "Left of the lowest validation error the forest underfits. Right of it, deeper trees fit more of the training points' noise and averaging cancels only part of it, so how far the curve rises depends on the data (no depth limit is scikit-learn's default for forests)."
    } else {
        "Left of the lowest validation error the model underfits; right of it, it overfits."
    };
    let mut c = format!("Training and validation {} of {model} at every maximum depth{}, the current depth marked. {sides} The dotted line is the best validation error of one decision tree (the lab's single tree, with these settings{}).", metric(s.is_regression()), if s.model == ModelKind::Forest && s.bootstrap { " (and out-of-bag error)" } else { "" }, if s.model == ModelKind::Forest && (Settings { model: ModelKind::Tree, ..*s }).resolved_max_features() == crate::trees::MaxFeatures::All { ", every feature at each split" } else { "" });
    if s.model == ModelKind::Forest && s.n_trees == 1 {
        // Why the one-tree forest's curve is not the dotted line's tree.
        let tree_features = Settings { model: ModelKind::Tree, ..*s }.resolved_max_features();
        let mut differences = Vec::new();
        if s.bootstrap {
            differences.push("it is fitted on a bootstrap sample");
        }
        if s.resolved_max_features() != tree_features {
            differences.push("it draws its features per split at random");
        }
        c.push_str(&match differences.as_slice() {
            [] => " With no bootstrap and the same features per split, its tree is that single tree.".to_string(),
            d => format!(" Its one tree differs from that single tree only in that {}, so the two curves can differ.", d.join(" and ")),
        });
    }
    if s.model == ModelKind::Tree && s.resolved_max_features() == crate::trees::MaxFeatures::All && s.ccp_alpha == 0.0 {
        c.push_str(" With every feature at each split and no pruning, a deeper limit only adds levels below the same tree, so the training error never rises with depth.");
    }
    c
}

/// For a forest of several trees, once both depth sweeps are fitted: its validation error with
/// no depth limit, how far that is above its lowest, and the same for one decision tree (whose
/// best is the dotted line). Measured, because it depends on the data: over the lab's data sets
/// and seeds the forest's rise is sometimes as large as one tree's, and a forest that rises less
/// can still end above the tree.
pub fn depth_rise_sentence(m: &super::model::LabModel) -> Option<String> {
    let s = &m.settings;
    if s.model != ModelKind::Forest || s.n_trees < 2 {
        return None;
    }
    // (error with no limit, its rise above the curve's lowest)
    let end = |curve: &[DepthPoint]| -> Option<(f64, f64)> {
        let best = super::model::best_of(curve).filter(|_| curve.len() == 13)?;
        let none = curve.iter().find(|p| p.depth.is_none())?;
        Some((none.val, none.val - best.val))
    };
    let ((forest, forest_rise), (tree, tree_rise)) = (end(&m.depth_curve())?, end(&m.tree_curve())?);
    let r = s.is_regression();
    let gap = |v: f64| if v <= 0.0 { "at its lowest".to_string() } else if r { format!("{} above its lowest", format_number(v)) } else { format!("{:.1} points above its lowest", v * 100.0) };
    let compare = |a: f64, b: f64, less: &'static str, more: &'static str, same: &'static str| if (a - b).abs() < 1e-12 { same } else if a < b { less } else { more };
    Some(format!(
        "With no depth limit (∞) the forest's validation error is {} ({}); one decision tree's, whose curve is not drawn (its best is the dotted line), is {} ({}). Here the forest's curve rises {} and it ends {} the tree.",
        error_text(forest, r),
        gap(forest_rise),
        error_text(tree, r),
        gap(tree_rise),
        compare(forest_rise, tree_rise, "less", "more", "as much"),
        compare(forest, tree, "below", "above", "level with"),
    ))
}

pub fn depth_summary(curve: &[DepthPoint], s: &Settings) -> String {
    let r = s.is_regression();
    if curve.is_empty() {
        return "Depth curve: fitting…".into();
    }
    let best = super::model::best_of(curve);
    let parts: Vec<String> = curve.iter().map(|p| format!("{} {}/{}", p.depth.map_or("none".into(), |d| d.to_string()), error_text(p.train, r), error_text(p.val, r))).collect();
    let current = curve.iter().find(|p| p.depth == s.max_depth).map_or(String::new(), |p| format!(" Your depth ({}): training {}, validation {}.", s.depth_label(), error_text(p.train, r), error_text(p.val, r)));
    format!(
        "Training/validation {} by maximum depth: {}.{current}{}",
        metric(r),
        parts.join(", "),
        best.map_or(String::new(), |b| format!(" Lowest validation error {} at {}.", error_text(b.val, r), b.depth.map_or("no limit".into(), |d| format!("depth {d}"))))
    )
}

pub fn trees_caption(s: &Settings) -> &'static str {
    match s.model {
        ModelKind::Tree => "One tree has no number-of-trees curve: pick a random forest or gradient boosting.",
        ModelKind::Forest if s.bootstrap => "Training, validation and out-of-bag error after each tree; the dot marks your number of trees. Averaging more trees reduces the variance of single trees (not their bias), but only down to a floor set by how alike the trees are, since they learn from the same points: the validation curve settles above zero, and past a point more trees cost time and change little.",
        ModelKind::Forest => "Training and validation error after each tree; the dot marks your number of trees. Without bootstrap there is no out-of-bag error: every tree saw every point. Averaging more trees reduces the variance of single trees (not their bias), but only down to a floor set by how alike the trees are, since they learn from the same points: the validation curve settles above zero, and past a point more trees cost time and change little.",
        ModelKind::Boosting => "Training and validation error after each tree; the dot marks your number of trees. Each tree fits what the trees before it still get wrong, so with enough trees training error falls far below where it started: slowly at a small learning rate, which scales every tree's correction down (a few trees at rate 0.05 can leave it flat). Validation error can turn back up once the trees start fitting noise.",
    }
}

pub fn trees_summary(m: &LabModel) -> String {
    let r = m.regression();
    let g = &m.main;
    if m.settings.model == ModelKind::Tree {
        return trees_caption(&m.settings).into();
    }
    let k = g.val_curve.len();
    if k == 0 {
        return "Number-of-trees curve: fitting…".into();
    }
    let mut s = if k == 1 {
        format!("Validation {} after its one tree {}; training {}.", metric(r), error_text(g.val_curve[0], r), error_text(g.train_curve[0], r))
    } else {
        format!("Validation {} after 1 tree {}, after {k} trees {}; training {} → {}.", metric(r), error_text(g.val_curve[0], r), error_text(g.val_curve[k - 1], r), error_text(g.train_curve[0], r), error_text(g.train_curve[k - 1], r))
    };
    if let Some(oob) = g.oob_error() {
        s.push_str(&format!(" Out-of-bag error after {} {}.", trees_count(k), error_text(oob, r)));
    }
    s
}

pub fn instability_caption(s: &Settings) -> String {
    format!(
        "The same settings fitted on {RESAMPLES} bootstrap resamples of the training points (drawn with replacement), side by side. {}",
        if s.is_regression() { "The number is the average spread between the highest and lowest of the four curves." } else { "The number is the share of the map where the four fits do not all predict the same class." }
    )
}

pub fn instability_summary(value: Option<f64>, s: &Settings) -> String {
    match value {
        Some(v) if s.is_regression() => format!("Four fits on bootstrap resamples: their curves differ by {} on average (highest minus lowest).", format_number(v)),
        Some(v) => format!("Four fits on bootstrap resamples: they disagree on {:.1} % of the map.", v * 100.0),
        None => "Four fits on bootstrap resamples: fitting…".into(),
    }
}

pub fn rates_caption(s: &Settings) -> String {
    format!(
        "Validation {} after each tree, for learning rates {} (same depth, subsample and data); a dot marks each curve's lowest point, and losses above {} are drawn dashed along the top edge{}. Usually, the smaller the rate, the more trees it needs to reach its lowest loss.",
        if s.is_regression() { "mean squared error" } else { "log loss" },
        LEARNING_RATES.iter().map(|r| format_number(*r)).collect::<Vec<_>>().join(", "),
        format_number(super::model::RATES_CEILING),
        // The chart rings that point only when it shows that many trees.
        if s.n_trees >= FAST_TREES {
            format!(", and the ring marks rate {} after {FAST_TREES} trees: the loss the slow-rate challenge asks rate {} to match, where it is below that rate's loss after 1 tree", format_number(FAST_RATE), format_number(SLOW_RATE))
        } else {
            String::new()
        }
    )
}

/// Once every rate's curve is fitted: after how many trees each reaches its lowest loss, and
/// whether that follows the rates' order here (it does not everywhere: on 60 noisy moons at
/// depth 4, rate 0.05 is lowest after 1 tree and rate 0.1 after 22).
pub fn rates_order_sentence(m: &LabModel) -> Option<String> {
    if m.settings.model != ModelKind::Boosting || m.rate_sweep.len() != LEARNING_RATES.len() || !m.rate_sweep.iter().all(|g| g.is_done()) {
        return None;
    }
    let at: Vec<usize> = m.rate_sweep.iter().map(|g| argmin(&g.val_loss_curve).map(|(i, _)| i + 1)).collect::<Option<_>>()?;
    let parts: Vec<String> = LEARNING_RATES.iter().zip(&at).map(|(r, n)| format!("after {} at rate {}", trees_count(*n), format_number(*r))).collect();
    let (last, rest) = parts.split_last()?;
    let in_order = at.windows(2).all(|w| w[0] >= w[1]);
    let ties = at.windows(2).any(|w| w[0] == w[1]);
    Some(format!(
        "Here the lowest loss comes {} and {last}{}.",
        rest.join(", "),
        match (in_order, ties) {
            (true, false) => ": the smaller the rate, the more trees",
            (true, true) => ": the smaller the rate, the more trees, or as many",
            (false, _) => ": here that is not in the rates' order (compare a few seeds)",
        }
    ))
}

/// Boosting's status line: the final validation loss and the slow-rate challenge's target.
pub fn boosting_loss_line(snap: &Snapshot) -> Option<String> {
    if snap.settings.model != ModelKind::Boosting {
        return None;
    }
    let what = if snap.settings.is_regression() { "mean squared error" } else { "log loss" };
    let mut line = format!("Validation {what} after {}: {}.", trees_count(snap.settings.n_trees), format_number(snap.val_loss));
    if let Some(target) = super::challenges::slow_rate_target(snap) {
        line.push_str(&format!(" Learning rate {} reached {} with {FAST_TREES} trees (the ringed point).", format_number(FAST_RATE), format_number(target)));
    } else if let (Some(ringed), Some(first)) = (snap.rate_loss(FAST_RATE, FAST_TREES), snap.rate_loss(super::challenges::SLOW_RATE, 1)) {
        line.push_str(&format!(
            " Learning rate {} had {} after {FAST_TREES} trees (the ringed point), no lower than rate {}'s {} after 1 tree: with these settings there is nothing for the slow rate to catch up with.",
            format_number(FAST_RATE),
            format_number(ringed),
            format_number(super::challenges::SLOW_RATE),
            format_number(first)
        ));
    }
    Some(line)
}

pub use super::model::argmin;

pub fn rates_summary(m: &LabModel) -> String {
    if m.rate_sweep.is_empty() {
        return "The learning-rate chart is for gradient boosting.".into();
    }
    let parts: Vec<String> = LEARNING_RATES
        .iter()
        .zip(&m.rate_sweep)
        .filter_map(|(lr, g)| argmin(&g.val_loss_curve).map(|(i, v)| format!("rate {}: lowest {} after {}", format_number(*lr), format_number(v), trees_count(i + 1))))
        .collect();
    if parts.is_empty() { "Learning-rate curves: fitting…".into() } else { format!("Validation loss by learning rate: {}.", parts.join("; ")) }
}
