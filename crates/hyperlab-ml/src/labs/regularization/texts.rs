//! Every sentence the lab shows about what the learner sees, chosen from the model's state. Each
//! is backed by a lesson test in `tests/lessons_regularization.rs`.

use super::model::{Diagnosis, Model, Verdict};
use super::settings::{Penalty, Settings, LAMBDA_MAX, LAMBDA_MIN};
use crate::schema::format_number;
use crate::labs::regularization::refit::{Refit, REFERENCE_DEGREE};

pub const INTRO: &str = "Fit a polynomial to noisy points drawn from a known curve. Its degree is the model's capacity; the penalty λ limits how large its coefficients may grow. Too little capacity or too much penalty underfits; too much capacity for the number of points, with too little penalty, overfits. Ridge (L2) shrinks the coefficients without zeroing any, Lasso (L1) can set some exactly to zero, and elastic net mixes the two.";

pub const PARAMETERIZATION: &str = "λ is scikit-learn's α: the model minimizes (1/2n)·‖y − Xw‖² + λ·ρ·‖w‖₁ + λ·(1 − ρ)/2·‖w‖², with ρ the L1 ratio (ElasticNet's parameterization). So ρ = 0 here equals scikit-learn's Ridge(alpha = λ·n) on the n training points.";

/// The fit chart's y axis runs from −FIT_Y_LIMIT to FIT_Y_LIMIT; what swings further is cut off
/// at the edge, which the caption says.
pub const FIT_Y_LIMIT: f64 = 2.2;
pub const FIT_CAPTION: &str = "The model (blue) against the points it was trained on (circles) and the held-out validation points (triangles); the dashed line is the truth, the dotted line the same settings fitted to noise-free points (what bias alone leaves). Raise the degree and watch the fit wiggle through the noise; raise λ and watch it calm down (with very few points, a step of λ can first make it wiggle more). The y axis stops at ±2.2: a wilder fit runs along the edge.";

impl Verdict {
    pub fn title(self) -> &'static str {
        match self {
            Verdict::GoodFit => "Good fit",
            Verdict::Underfit => "Underfitting",
            Verdict::Overfit => "Overfitting",
            Verdict::BiasAndVariance => "High bias and high variance",
        }
    }

    pub fn explanation(self) -> &'static str {
        match self {
            Verdict::GoodFit => "The curve stays near the truth: its mean squared distance from it is within the tolerance below (half the noise variance σ², at most half the truth's own variance, at least 0.01). So on new points its expected error, σ² plus that distance, stays close to the floor σ² that no model beats on average.",
            Verdict::Underfit => "The curve is farther from the truth than a good fit may be, and the same settings fitted to noise-free points (dotted) miss it by more than this sample's noise moves the fit: the error is mostly bias, from too little capacity or too much penalty.",
            Verdict::Overfit => "The curve is farther from the truth than a good fit may be, yet the same settings fitted to noise-free points (dotted) stay within that tolerance: the error comes from the noise in this sample (variance), which the fit chases through its training points. The usual remedies are more points, a larger λ or a lower degree; the λ and degree charts show whether they help on this sample.",
            Verdict::BiasAndVariance => "The curve is farther from the truth than a good fit may be, for two reasons: fitted to noise-free points (dotted) these settings would still miss it by more than that tolerance (bias), and this sample's noise moves the fit more than that from the noise-free fit (variance). The two effects need not add up: the noise can even pull the fit back toward the truth.",
        }
    }
}

/// "Ridge (L2) · degree 12 · λ = 0.001". At λ = 0 no penalty acts, whatever the L1 ratio: the fit
/// is plain least squares, and naming Ridge or Lasso there would say a penalty shapes it.
pub fn model_line(s: &Settings) -> String {
    if s.lambda == 0.0 {
        return format!("Least squares, no penalty · degree {} · λ = 0", s.degree);
    }
    format!("{} · degree {} · λ = {}", s.penalty().name(), s.degree, format_number(s.lambda))
}

pub fn scores_line(r: &Refit) -> String {
    format!(
        "Training MSE {} · validation MSE {} · validation R² {} · {} of {} coefficients exactly zero",
        format_number(r.train_mse), format_number(r.validation_mse), format_number(r.validation_r2), r.zero_count, r.fit.coef.len()
    )
}

pub fn diagnosis_line(d: &Diagnosis) -> String {
    format!(
        "Mean squared distance from the truth {}. Bias² estimate {} (the same settings fitted to noise-free points, dotted, vs the truth); this sample's noise effect {} (the fit vs that noise-free fit). Both come from this one sample, so they need not add up to the distance. A good fit needs at most {}. Noise variance σ² = {}: on average no model's error on new points is below it.",
        format_number(d.distance), format_number(d.bias), format_number(d.variance), format_number(d.tolerance), format_number(d.noise_variance)
    )
}

/// How far above its minimum a validation curve's end must be to count as raised.
pub const RAISED_END: f64 = 1.25;

/// The shape of a validation curve, read left to right as drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CurveShape {
    /// Some value on each side of the minimum is at least [`RAISED_END`] × the minimum.
    UShaped,
    /// Raised only left of the minimum: falls, then stays within 25 % of it.
    FallsThenLevels,
    /// Raised only right of the minimum: within 25 % of it on the left, then rises.
    Rises,
    /// Every value within 25 % of the minimum.
    Flat,
}

/// The curve's shape and the index of its minimum (`None` without a finite value).
pub fn curve_shape(values: &[f64]) -> Option<(CurveShape, usize)> {
    let (best, min) = values.iter().copied().enumerate().filter(|(_, v)| v.is_finite()).min_by(|a, b| a.1.total_cmp(&b.1))?;
    let raised = |v: &f64| !v.is_finite() || (*v >= RAISED_END * min && *v > min);
    let (left, right) = (values[..best].iter().any(raised), values[best + 1..].iter().any(raised));
    let shape = match (left, right) {
        (true, true) => CurveShape::UShaped,
        (true, false) => CurveShape::FallsThenLevels,
        (false, true) => CurveShape::Rises,
        (false, false) => CurveShape::Flat,
    };
    Some((shape, best))
}

/// Relative rises smaller than this are the solver's rounding, not a rise (with no penalty and
/// no intercept, training error at the next degree came out 4e-8 higher).
pub const ROUNDING_RISE: f64 = 1e-6;

/// Between two dips a validation curve rises at least this many times the lower one: the charts
/// draw error on a log axis, where smaller wiggles look like noise on one valley.
pub const DIP_RISE: f64 = 2.0;

/// A curve's dips, left to right, as their lowest values: minima (the ends included) from which
/// the curve rises to at least [`DIP_RISE`]× on each side that has a neighbour. A curve without
/// such a rise has one. Non-finite values are skipped.
pub fn dips(values: &[f64]) -> Vec<f64> {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite() && *v > 0.0).collect();
    let Some(&first) = finite.first() else { return Vec::new() };
    // +1 rising, −1 falling, 0 not yet moved by a factor of DIP_RISE.
    let (mut dir, mut lo, mut hi, mut found) = (0i8, first, first, Vec::new());
    for &v in &finite[1..] {
        lo = if dir == 1 { lo } else { lo.min(v) };
        hi = if dir == -1 { hi } else { hi.max(v) };
        if dir != 1 && v >= lo * DIP_RISE {
            found.push(lo);
            (dir, hi) = (1, v);
        } else if dir != -1 && v * DIP_RISE <= hi {
            (dir, lo) = (-1, v);
        }
    }
    if dir != 1 {
        found.push(lo);
    }
    found
}

/// Whether each value is at most the one before (up to rounding).
fn never_rises(values: &[f64]) -> bool {
    values.windows(2).all(|w| w[1] <= w[0] * (1.0 + ROUNDING_RISE) + 1e-12)
}

/// The dips of a curve that compete with its lowest: at most [`DIP_RISE`]× its minimum. (A dip
/// far up an arm of the U, say 30× the minimum on the overfitting side, is a jag in that arm.)
pub fn competing_dips(values: &[f64]) -> Vec<f64> {
    let mut found = dips(values);
    crate::sorting::sort_floats(&mut found);
    let lowest = found.first().copied().unwrap_or(f64::NAN);
    found.retain(|v| *v < lowest * DIP_RISE);
    found
}

/// A validation curve raised on both sides of its minimum: a U when no other dip comes near its
/// lowest, and said so when one does (a bumpy curve read as "U-shaped" hid a second valley).
fn u_sentence(at: &str, sides: &str, curve: &[f64]) -> String {
    let found = competing_dips(curve);
    if found.len() < 2 {
        return format!("Here validation error is U-shaped: lowest at {at}, and at least 25 % higher somewhere at {sides}.");
    }
    format!(
        "Here validation error is lowest at {at} and at least 25 % higher somewhere at {sides}, but it is not a single U: it has {} valleys, each below twice the lowest value and parted by a rise to at least twice their value; the second-lowest is {:.0} % above the lowest.",
        found.len(),
        (found[1] / found[0] - 1.0) * 100.0
    )
}

/// The degree chart's caption: what the curves at this λ actually do. Where the validation curve
/// shows no rise but the verdict (which compares the fit with the true curve) says the model
/// overfits, it says why the two disagree, so the learner is not left with two opposite claims.
pub fn degree_caption(m: &Model) -> String {
    let r = &m.refit;
    let d = &r.degrees;
    let shape = curve_shape(&d.validation_mse);
    let mut text = String::from("Validation curve against capacity (degree) at your λ, in the same colours as the λ chart. ");
    text += &match shape {
        Some((CurveShape::UShaped, i)) => u_sentence(&format!("degree {}", d.degrees[i]), "lower and higher degrees", &d.validation_mse),
        Some((CurveShape::FallsThenLevels, i)) if i + 1 == d.degrees.len() => format!("Here validation error falls all the way to degree {}, where it is lowest: no sign of overfitting at this λ with these points.", d.degrees[i]),
        Some((CurveShape::FallsThenLevels, i)) => format!("Here validation error falls to its lowest at degree {} and stays within 25 % of it up to degree {}: no strong overfitting at this λ with these points.", d.degrees[i], d.degrees.len()),
        Some((CurveShape::Rises, 0)) => format!("Here validation error is lowest at degree {} and rises more than 25 % above it at higher degrees.", d.degrees[0]),
        Some((CurveShape::Rises, i)) => format!("Here validation error stays within 25 % of its lowest up to degree {} and rises more than 25 % above it at higher degrees.", d.degrees[i]),
        Some((CurveShape::Flat, i)) => format!("Here validation error stays within 25 % of its lowest (degree {}) at every degree.", d.degrees[i]),
        None => "No finite validation error to show.".to_string(),
    };
    if matches!(shape, Some((CurveShape::FallsThenLevels, _))) {
        text += &verdict_gap(m, &format!("degree {}", m.settings.degree), "here they miss the noise-chasing");
    }
    text += if never_rises(&d.train_mse) {
        " Training error never rises as the degree grows."
    } else if m.settings.lambda > 0.0 {
        " Training error is not monotone here: with λ > 0 each extra degree can only lower the penalized loss, not necessarily the training error."
    } else {
        // Unpenalized least squares on nested features cannot rise: what is left is the solver.
        " Training error rises at some degree here, although with λ = 0 a larger polynomial can fit the training points at least as well: the rise is rounding in the solver, which treats directions of nearly collinear powers too small to resolve as zero."
    };
    text + " Test error = training error + the generalization gap."
}

/// The λ chart's caption, read left (small λ) to right (large λ). Where the verdict says the
/// model overfits but no larger λ on the chart scores better on the validation points, it says
/// why the two disagree, as [`degree_caption`] does for the degree chart.
pub fn lambda_caption(m: &Model) -> String {
    let r = &m.refit;
    let p = &r.path;
    // The path runs from the largest λ down; the chart reads from the smallest up.
    let left_to_right: Vec<f64> = p.validation_mse.iter().rev().copied().collect();
    let alphas: Vec<f64> = p.alphas.iter().rev().copied().collect();
    let mut text = String::from("Validation curve against λ: training error only rises with λ. ");
    text += &match curve_shape(&left_to_right) {
        Some((CurveShape::UShaped, i)) => u_sentence(&format!("λ = {}", format_number(alphas[i])), "smaller and larger λ", &left_to_right),
        Some((CurveShape::FallsThenLevels, i)) if i + 1 == alphas.len() => format!("Here validation error falls all the way to the chart's largest λ, {}, where it is lowest.", format_number(LAMBDA_MAX)),
        Some((CurveShape::FallsThenLevels, i)) => format!("Here validation error is lowest at λ = {} and stays within 25 % of it up to λ = {}.", format_number(alphas[i]), format_number(LAMBDA_MAX)),
        Some((CurveShape::Rises, 0)) => format!("Here validation error is lowest at the chart's smallest λ, {}, and rises more than 25 % above it at larger λ.", format_number(LAMBDA_MIN)),
        Some((CurveShape::Rises, i)) => format!("Here validation error is lowest at λ = {}, stays within 25 % of it down to λ = {}, and rises more than 25 % above it at larger λ.", format_number(alphas[i]), format_number(LAMBDA_MIN)),
        Some((CurveShape::Flat, i)) => format!("Here validation error stays within 25 % of its lowest (λ = {}) over the whole range.", format_number(alphas[i])),
        None => "No finite validation error to show.".to_string(),
    };
    // The chart is a grid of λ: between its points the curve can dip lower, your λ's included.
    let grid_best = r.path.validation_mse.iter().copied().filter(|v| v.is_finite()).fold(f64::INFINITY, f64::min);
    text += if r.validation_mse < grid_best {
        format!(
            " Its minimum is the λ a search over this chart's grid would pick, but your λ = {} scores {}, lower than any λ on the grid: the curve can dip between its points.",
            format_number(m.settings.lambda),
            format_number(r.validation_mse)
        )
    } else {
        " Its minimum is the λ a search over this chart's grid would pick.".to_string()
    }
    .as_str();
    text += &format!(
        " The dashed line is the best validation error of a degree-{REFERENCE_DEGREE} model on the same points over this chart's λ grid (and λ = 0)."
    );
    if no_larger_lambda_scores_better(m) {
        text += &verdict_gap(m, &format!("λ = {}", format_number(m.settings.lambda)), "on them no larger λ on this chart scores better");
    }
    text
}

/// Where a validation curve shows no sign of the overfitting the verdict reports: why both are
/// true (the verdict reads the true curve, the chart a few noisy validation points). Empty unless
/// the verdict is about variance. `at` names the current setting, `evidence` what the curve shows.
fn verdict_gap(m: &Model, at: &str, evidence: &str) -> String {
    if !matches!(m.diagnosis.verdict, Verdict::Overfit | Verdict::BiasAndVariance) {
        return String::new();
    }
    format!(
        " Yet the verdict says {} at {at}: it compares the fit with the true curve, which a real project never sees, while this curve is scored on only {} noisy validation points, and {evidence}.",
        m.diagnosis.verdict.title(),
        m.refit.validation.len()
    )
}

/// Whether every λ on the chart's grid above the current one has a validation error at least the
/// current model's: the validation points give no reason to raise λ.
/// Also false where the chart's own lowest point lies at a larger λ (the current λ sits between
/// grid points, and its fit can score below them all): the caption has just named that point.
fn no_larger_lambda_scores_better(m: &Model) -> bool {
    let (p, current) = (&m.refit.path, m.refit.validation_mse);
    let lowest_at = p.alphas.iter().zip(&p.validation_mse).filter(|(_, v)| v.is_finite()).min_by(|a, b| a.1.total_cmp(b.1)).map(|(a, _)| *a);
    current.is_finite()
        && lowest_at.is_none_or(|a| a <= m.settings.lambda)
        && p.alphas.iter().zip(&p.validation_mse).filter(|(a, _)| **a > m.settings.lambda).all(|(_, v)| !(*v < current))
}

pub fn coefficients_caption(s: &Settings) -> String {
    let mut text = String::from("The learned coefficients (the model's parameters), one bar per power of x. Ridge (L1 ratio 0) shrinks them but never makes one exactly zero; Lasso (L1 ratio 1) can set some exactly to zero (crosses): feature selection.");
    if !s.standardize {
        text += " Without standardizing, each filled bar is a feature's effect (its coefficient × its spread on the training points) and the outlined bars are the same λ on standardized features: the penalty charges the features that vary least the most.";
    }
    text
}

pub fn path_caption(s: &Settings, r: &Refit) -> String {
    let mut text = format!(
        "The regularization path: every coefficient as λ sweeps from {} to {} (warm-started fits); the solid vertical line is your λ. ",
        format_number(LAMBDA_MIN), format_number(LAMBDA_MAX)
    );
    text += &match s.penalty() {
        Penalty::Ridge => "With Ridge, as λ grows the coefficient vector's length (its norm) falls steadily, but single coefficients can grow or change sign on the way; Ridge never makes one exactly zero.".to_string(),
        _ => format!(
            "With an L1 part every coefficient is exactly zero from λ = {} on (dotted line, when in range); read right to left, features enter the model as the penalty relaxes.",
            format_number(r.alpha_max)
        ),
    };
    text
}

fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string().chars().map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize]).collect()
}

/// "x", "x²", … for the feature of power `power`.
pub fn power_label(power: usize) -> String {
    if power == 1 { "x".to_string() } else { format!("x{}", superscript(power)) }
}

/// The fit chart's text alternative.
pub fn fit_summary(m: &Model) -> String {
    let (r, d) = (&m.refit, &m.diagnosis);
    let text = format!(
        "Fitted degree-{} polynomial over {} training and {} validation points. Training error (MSE) {}, validation error {}; validation R² {}. {}: mean squared distance from the truth {}.",
        r.fit.coef.len(), r.train.len(), r.validation.len(), format_number(r.train_mse), format_number(r.validation_mse), format_number(r.validation_r2), d.verdict.title(), format_number(d.distance)
    );
    match bias_from_too_few_points(m) {
        Some(note) => format!("{text} {note}"),
        None => text,
    }
}

/// Why "bias" for a least-squares fit with more coefficients than training points, read both
/// ways. Exams judge from the scores: training error ≈ 0 with a far higher validation error is
/// overfitting (high variance). The lab's verdict compares with the truth instead, and there even
/// the noise-free fit misses, because the points do not pin the polynomial down: mostly beyond the
/// outermost training points for a smooth truth. A learner who knows "an interpolating fit has low
/// bias" needs both readings said, and where the scores show nothing, that too.
pub fn bias_from_too_few_points(m: &Model) -> Option<String> {
    let (r, s, d) = (&m.refit, &m.settings, &m.diagnosis);
    let coefficients = s.degree + usize::from(s.fit_intercept);
    let underdetermined = s.lambda == 0.0 && coefficients > r.train.len();
    // Only for a fit through every training point: one that misses its own points (without an
    // intercept it can) may lack capacity, and then "not from too little capacity" is false.
    if d.verdict != Verdict::BiasAndVariance || !underdetermined || r.train_mse > INTERPOLATES_BELOW {
        return None;
    }
    let scores = if scores_show_overfitting(m) {
        format!(
            "By its scores (training error {}, validation error {}) this is overfitting, or high variance, as exams teach.",
            format_number(r.train_mse),
            format_number(r.validation_mse)
        )
    } else {
        format!(
            "Its scores alone would not show the problem here: the validation error {} is within twice the noise floor σ² = {}, so its {} validation points miss where the fit goes wrong.",
            format_number(r.validation_mse),
            format_number(d.noise_variance),
            r.validation.len()
        )
    };
    let powers = if s.fit_intercept { format!("{} powers of x plus the intercept", s.degree) } else { format!("{} powers of x and no intercept", s.degree) };
    let miss = if noise_free_miss_is_beyond_the_points(r) { "misses the truth, mostly where it shoots off beyond the outermost training points" } else { "swings away from the truth" };
    Some(format!(
        "{scores} Why the lab also says high bias: it fits the same settings to noise-free points at these same x (dotted), and with {powers} but only {} training points, even that fit {miss}. The lab counts that distance from the truth as bias: it comes from too few points for this degree, not from too little capacity.",
        r.train.len()
    ))
}

/// Training MSE below which a fit goes through every training point (rounding aside).
pub const INTERPOLATES_BELOW: f64 = 1e-9;

/// The scores' own verdict: training error under a quarter of the validation error, and the
/// validation error more than twice the noise floor σ² (below that, the held-out points show no
/// more error than the noise itself brings).
pub fn scores_show_overfitting(m: &Model) -> bool {
    let r = &m.refit;
    r.train_mse * 4.0 < r.validation_mse && r.validation_mse > 2.0 * m.diagnosis.noise_variance
}

/// Whether at least 90 % of the noise-free fit's squared distance from the truth lies beyond the
/// outermost training points (extrapolation), as it mostly does for a smooth truth.
pub fn noise_free_miss_is_beyond_the_points(r: &Refit) -> bool {
    let lo = r.train.x.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = r.train.x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (mut inside, mut beyond) = (0.0, 0.0);
    for ((x, fit), truth) in r.curve_x.iter().zip(&r.curve_noise_free).zip(&r.curve_truth) {
        let gap = (fit - truth) * (fit - truth);
        if (lo..=hi).contains(x) { inside += gap } else { beyond += gap }
    }
    beyond > 0.9 * (inside + beyond)
}

pub fn coefficients_summary(r: &Refit) -> String {
    let coefs: Vec<String> = r.fit.coef.iter().enumerate().map(|(i, c)| format!("{}: {}", power_label(i + 1), format_number(*c))).collect();
    let mut text = format!("{} coefficients, {} exactly zero. {}.", r.fit.coef.len(), r.zero_count, coefs.join(", "));
    if let Some(std) = &r.standardized_effects {
        let pairs: Vec<String> = r.effects.iter().zip(std).enumerate().map(|(i, (u, s))| format!("{}: {} vs {}", power_label(i + 1), format_number(*u), format_number(*s))).collect();
        text += &format!(" Effects unscaled vs standardized: {}.", pairs.join(", "));
    }
    text
}

pub fn path_summary(r: &Refit, lambda: f64) -> String {
    let p = &r.path;
    format!(
        "Regularization path: all {} coefficients over {} values of λ from {} down to {}. Exact zeros: {} at the largest λ, {} at the smallest. The vertical line marks your λ = {}.",
        p.coefs.ncols(), p.alphas.len(), format_number(p.alphas.first().copied().unwrap_or(0.0)), format_number(p.alphas.last().copied().unwrap_or(0.0)),
        p.zero_counts.first().copied().unwrap_or(0), p.zero_counts.last().copied().unwrap_or(0), format_number(lambda)
    )
}

pub fn curves_summary(r: &Refit, s: &Settings) -> String {
    let best_alpha = r.path.best_alpha().map_or("—".into(), format_number);
    let best_degree = r.degrees.best_degree().map_or("—".into(), |d| d.to_string());
    format!(
        "Validation curves. Versus λ: validation error is lowest at λ = {best_alpha}; yours is λ = {} with training error {} and validation error {}. Versus degree at your λ: validation error is lowest at degree {best_degree}; yours is degree {}. The best degree-{REFERENCE_DEGREE} model reaches {}.",
        format_number(s.lambda), format_number(r.train_mse), format_number(r.validation_mse), s.degree, format_number(r.reference_validation_mse)
    )
}

/// A tick label: values within rounding error of zero (−5.55e-17) read as 0.
pub fn tick_label(value: f64, axis_span: f64) -> String {
    if value.abs() <= axis_span.abs() * 1e-9 { "0".to_string() } else { format_number(value) }
}

/// Which validation chart a region label belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CurveAxis {
    Lambda,
    Degree,
}

/// The labels naming a validation chart's two sides, and whether they go on two lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegionLabels {
    pub left: &'static str,
    pub right: &'static str,
    /// Put the right label on a second line (they would overlap on one).
    pub stacked: bool,
}

/// Average width of one character of the 11 px label font, in CSS pixels (an upper estimate).
pub const LABEL_CHAR_PX: f64 = 6.2;
/// Space kept between and beside the labels, in CSS pixels.
const LABEL_GAP_PX: f64 = 18.0;

/// The longest labels that fit side by side in a plot `plot_width_px` CSS pixels wide; on
/// narrower plots the short ones, stacked if even they would overlap.
pub fn region_labels(axis: CurveAxis, plot_width_px: f64) -> RegionLabels {
    let options: [(&str, &str); 2] = match axis {
        CurveAxis::Lambda => [("← overfitting side (little penalty)", "underfitting side (much penalty) →"), ("← overfitting", "underfitting →")],
        CurveAxis::Degree => [("← underfitting side (low degree)", "overfitting side (high degree) →"), ("← underfitting", "overfitting →")],
    };
    let width = |t: &str| t.chars().count() as f64 * LABEL_CHAR_PX;
    let fits = |(l, r): (&str, &str)| width(l) + width(r) + 2.0 * LABEL_GAP_PX <= plot_width_px;
    match options.into_iter().find(|o| fits(*o)) {
        Some((left, right)) => RegionLabels { left, right, stacked: false },
        None => RegionLabels { left: options[1].0, right: options[1].1, stacked: true },
    }
}

/// Legends sit in rows above a chart's plot, never over its data. Width of an entry's sample
/// line or marker, and the gap to its label, in CSS pixels.
pub const LEGEND_SWATCH_PX: f64 = 16.0;
pub const LEGEND_SWATCH_GAP_PX: f64 = 4.0;
/// Space between two entries on a row, in CSS pixels.
pub const LEGEND_ENTRY_GAP_PX: f64 = 12.0;

/// One legend entry's width (sample, gap, label at the upper estimate [`LABEL_CHAR_PX`]).
pub fn legend_entry_px(label: &str) -> f64 {
    LEGEND_SWATCH_PX + LEGEND_SWATCH_GAP_PX + label.chars().count() as f64 * LABEL_CHAR_PX
}

/// The legend's entries packed in order into rows no wider than `width_px` (indices into
/// `labels`); an entry wider than the row gets a row of its own.
pub fn legend_rows(labels: &[&str], width_px: f64) -> Vec<Vec<usize>> {
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut used = 0.0;
    for (i, label) in labels.iter().enumerate() {
        let w = legend_entry_px(label);
        match rows.last_mut() {
            Some(row) if used + LEGEND_ENTRY_GAP_PX + w <= width_px => {
                row.push(i);
                used += LEGEND_ENTRY_GAP_PX + w;
            }
            _ => {
                rows.push(vec![i]);
                used = w;
            }
        }
    }
    rows
}

/// The charts' legend entries, in the order drawn.
pub const FIT_LEGEND: [&str; 5] = ["fitted model", "ground truth", "noise-free fit", "training points", "validation points"];
pub const COEFFICIENTS_LEGEND: [&str; 2] = ["your fit (unscaled)", "same λ, standardized"];
pub const LAMBDA_LEGEND: [&str; 4] = ["training error", "validation error", "best degree-3 model", "your model"];
pub const DEGREE_LEGEND: [&str; 3] = ["training error", "validation error", "your model"];
