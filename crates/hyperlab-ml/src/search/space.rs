//! Search spaces: continuous (linear or log scale), integer and categorical dimensions — the same
//! notions as Optuna's distributions and SageMaker's parameter ranges.
//!
//! A point is a `Vec<f64>` in natural units, one entry per dimension: a continuous value, a whole
//! number, or a categorical choice's index (0, 1, …). Every strategy works in the unit cube
//! `[0, 1]^d`; [`Space::to_unit`] and [`Space::from_unit`] map between the two. On a log-scale
//! dimension equal distances in the cube are equal ratios, so a learning rate from 1e-4 to 1 gets
//! as much room between 1e-4 and 1e-3 as between 0.1 and 1.

use super::SearchError;
use crate::schema::{format_number, Kind, ParamSpec, Scale};

/// One axis of a search space.
#[derive(Clone, Debug, PartialEq)]
pub enum Dimension {
    /// Any value in `[low, high]`; `Scale::Log` needs `low > 0`.
    Continuous { name: String, low: f64, high: f64, scale: Scale },
    /// Whole numbers in `[low, high]`; `Scale::Log` needs `low ≥ 1`.
    Integer { name: String, low: i64, high: i64, scale: Scale },
    /// One of the named choices; a point holds the choice's index.
    Categorical { name: String, choices: Vec<String> },
}

impl Dimension {
    pub fn linear(name: &str, low: f64, high: f64) -> Self {
        Dimension::Continuous { name: name.into(), low, high, scale: Scale::Linear }
    }
    pub fn log(name: &str, low: f64, high: f64) -> Self {
        Dimension::Continuous { name: name.into(), low, high, scale: Scale::Log }
    }
    pub fn integer(name: &str, low: i64, high: i64) -> Self {
        Dimension::Integer { name: name.into(), low, high, scale: Scale::Linear }
    }
    pub fn log_integer(name: &str, low: i64, high: i64) -> Self {
        Dimension::Integer { name: name.into(), low, high, scale: Scale::Log }
    }
    pub fn categorical(name: &str, choices: &[&str]) -> Self {
        Dimension::Categorical { name: name.into(), choices: choices.iter().map(|c| c.to_string()).collect() }
    }

    /// The dimension a lab's knob spans: floats keep their range and scale (a log knob's
    /// explicit "0 = off" is not searched), integers their range, choices their slugs, and
    /// switches become the choice `off`/`on`.
    pub fn from_param(spec: &ParamSpec) -> Self {
        let name = spec.key.to_string();
        match spec.kind {
            Kind::Float { min, max, scale, .. } => Dimension::Continuous { name, low: min, high: max, scale },
            Kind::Int { min, max, .. } => Dimension::Integer { name, low: min, high: max, scale: Scale::Linear },
            Kind::Choice { options, .. } => Dimension::Categorical { name, choices: options.iter().map(|o| o.0.to_string()).collect() },
            Kind::Bool { .. } => Dimension::Categorical { name, choices: vec!["off".into(), "on".into()] },
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Dimension::Continuous { name, .. } | Dimension::Integer { name, .. } | Dimension::Categorical { name, .. } => name,
        }
    }

    pub fn scale(&self) -> Scale {
        match self {
            Dimension::Continuous { scale, .. } | Dimension::Integer { scale, .. } => *scale,
            Dimension::Categorical { .. } => Scale::Linear,
        }
    }

    /// How many distinct values a discrete dimension has (`None` for continuous ones).
    pub fn count(&self) -> Option<usize> {
        match self {
            Dimension::Continuous { .. } => None,
            Dimension::Integer { low, high, .. } => Some((high.abs_diff(*low)).saturating_add(1).min(usize::MAX as u64) as usize),
            Dimension::Categorical { choices, .. } => Some(choices.len()),
        }
    }

    fn validate(&self) -> Result<(), SearchError> {
        let bad = |detail: &'static str| Err(SearchError::BadDimension { name: self.name().to_string(), detail });
        if self.name().is_empty() {
            return bad("needs a name");
        }
        match self {
            Dimension::Continuous { low, high, scale, .. } => {
                if !low.is_finite() || !high.is_finite() {
                    return bad("bounds must be finite numbers");
                }
                if low >= high {
                    return bad("low must be below high");
                }
                if *scale == Scale::Log && *low <= 0.0 {
                    return bad("a log scale needs low > 0");
                }
            }
            Dimension::Integer { low, high, scale, .. } => {
                if low >= high {
                    return bad("low must be below high");
                }
                // Beyond 2^53 whole numbers are no longer exact in an f64 point.
                if low.unsigned_abs() > 1 << 53 || high.unsigned_abs() > 1 << 53 {
                    return bad("bounds must be within ±2^53");
                }
                if *scale == Scale::Log && *low < 1 {
                    return bad("a log scale needs low ≥ 1");
                }
            }
            Dimension::Categorical { choices, .. } => {
                if choices.is_empty() {
                    return bad("needs at least one choice");
                }
            }
        }
        Ok(())
    }

    /// The natural-unit interval the unit cube spans: integers get half a step either side so
    /// every whole number owns an equal share of a linear axis.
    fn edges(&self) -> (f64, f64) {
        match self {
            Dimension::Continuous { low, high, .. } => (*low, *high),
            Dimension::Integer { low, high, .. } => (*low as f64 - 0.5, *high as f64 + 0.5),
            Dimension::Categorical { choices, .. } => (0.0, choices.len() as f64),
        }
    }

    /// Position of a value in `[0, 1]` (clamped).
    pub fn to_unit(&self, v: f64) -> f64 {
        let (a, b) = self.edges();
        let u = match self {
            Dimension::Categorical { .. } => (v.round() + 0.5 - a) / (b - a),
            _ if self.scale() == Scale::Log => (v.max(f64::MIN_POSITIVE).ln() - a.ln()) / (b.ln() - a.ln()),
            _ => (v - a) / (b - a),
        };
        if u.is_nan() { 0.5 } else { u.clamp(0.0, 1.0) }
    }

    /// The value at a position in `[0, 1]` (clamped; NaN counts as the middle), snapped to a
    /// whole number or a choice where the dimension is discrete.
    pub fn from_unit(&self, u: f64) -> f64 {
        let u = if u.is_nan() { 0.5 } else { u.clamp(0.0, 1.0) };
        let (a, b) = self.edges();
        let raw = if self.scale() == Scale::Log { (a.ln() + u * (b.ln() - a.ln())).exp() } else { a + u * (b - a) };
        match self {
            // Pin the ends so u = 0 and u = 1 give exactly low and high.
            Dimension::Continuous { low, high, .. } => {
                if u == 0.0 {
                    *low
                } else if u == 1.0 {
                    *high
                } else {
                    raw.clamp(*low, *high)
                }
            }
            Dimension::Integer { low, high, .. } => raw.round().clamp(*low as f64, *high as f64),
            Dimension::Categorical { choices, .. } => raw.floor().clamp(0.0, (choices.len() - 1) as f64),
        }
    }

    /// Whether `v` is a value of this dimension.
    pub fn contains(&self, v: f64) -> bool {
        if !v.is_finite() {
            return false;
        }
        match self {
            Dimension::Continuous { low, high, .. } => *low <= v && v <= *high,
            Dimension::Integer { low, high, .. } => v.fract() == 0.0 && *low as f64 <= v && v <= *high as f64,
            Dimension::Categorical { choices, .. } => v.fract() == 0.0 && v >= 0.0 && v < choices.len() as f64,
        }
    }

    /// `resolution` values spread over the dimension for a grid: evenly on its scale from low to
    /// high inclusive (log-spaced on a log scale; the middle when `resolution` is 1). Integers are
    /// rounded and deduplicated; categorical dimensions always list every choice.
    pub fn grid_values(&self, resolution: usize) -> Vec<f64> {
        let r = resolution.max(1);
        match self {
            Dimension::Categorical { choices, .. } => (0..choices.len()).map(|i| i as f64).collect(),
            Dimension::Integer { low, high, .. } if self.count().is_some_and(|c| c <= r) => (*low..=*high).map(|v| v as f64).collect(),
            _ => {
                let (low, high) = match self {
                    Dimension::Continuous { low, high, .. } => (*low, *high),
                    Dimension::Integer { low, high, .. } => (*low as f64, *high as f64),
                    Dimension::Categorical { .. } => unreachable!(),
                };
                let mut values: Vec<f64> = if r == 1 {
                    vec![match self.scale() {
                        Scale::Log => (low * high).sqrt(),
                        Scale::Linear => 0.5 * (low + high),
                    }]
                } else if self.scale() == Scale::Log {
                    crate::log_space(low, high, r)
                } else {
                    (0..r).map(|i| if i == r - 1 { high } else { low + (high - low) * i as f64 / (r - 1) as f64 }).collect()
                };
                if matches!(self, Dimension::Integer { .. }) {
                    values.iter_mut().for_each(|v| *v = v.round());
                    values.dedup();
                }
                values
            }
        }
    }

    /// A value for people: the choice's name, a whole number, or a short decimal.
    pub fn format(&self, v: f64) -> String {
        match self {
            Dimension::Categorical { choices, .. } => choices.get(v.max(0.0) as usize).cloned().unwrap_or_default(),
            Dimension::Integer { .. } => format!("{}", v.round() as i64),
            Dimension::Continuous { .. } => format_number(v),
        }
    }
}

/// A validated list of dimensions with distinct names.
#[derive(Clone, Debug, PartialEq)]
pub struct Space {
    dims: Vec<Dimension>,
}

impl Space {
    pub fn new(dims: Vec<Dimension>) -> Result<Self, SearchError> {
        if dims.is_empty() {
            return Err(SearchError::EmptySpace);
        }
        for (i, d) in dims.iter().enumerate() {
            d.validate()?;
            if dims[..i].iter().any(|e| e.name() == d.name()) {
                return Err(SearchError::BadDimension { name: d.name().to_string(), detail: "appears twice" });
            }
        }
        Ok(Self { dims })
    }

    /// The space a lab's hyperparameter knobs span (settings of the demo itself are left out).
    pub fn from_params(specs: &[ParamSpec]) -> Result<Self, SearchError> {
        Self::new(specs.iter().filter(|s| s.hyper).map(Dimension::from_param).collect())
    }

    pub fn dims(&self) -> &[Dimension] {
        &self.dims
    }

    /// Number of dimensions.
    pub fn len(&self) -> usize {
        self.dims.len()
    }

    /// Always false: a space has at least one dimension.
    pub fn is_empty(&self) -> bool {
        self.dims.is_empty()
    }

    /// Checks that `point` is a point of this space (right length, finite, in range, whole
    /// numbers where required).
    pub fn check(&self, point: &[f64]) -> Result<(), SearchError> {
        if point.len() != self.dims.len() {
            return Err(SearchError::DimensionMismatch { expected: self.dims.len(), got: point.len() });
        }
        for (d, &v) in self.dims.iter().zip(point) {
            if !d.contains(v) {
                return Err(SearchError::OutsideSpace { name: d.name().to_string(), value: v });
            }
        }
        Ok(())
    }

    pub fn contains(&self, point: &[f64]) -> bool {
        self.check(point).is_ok()
    }

    pub fn to_unit(&self, point: &[f64]) -> Vec<f64> {
        self.dims.iter().zip(point).map(|(d, &v)| d.to_unit(v)).collect()
    }

    pub fn from_unit(&self, unit: &[f64]) -> Vec<f64> {
        self.dims.iter().zip(unit).map(|(d, &u)| d.from_unit(u)).collect()
    }

    /// The unit-cube position of the point `unit` snaps to (discrete coordinates move to their
    /// value's position; continuous ones only get clamped).
    pub fn snap_unit(&self, unit: &[f64]) -> Vec<f64> {
        self.dims.iter().zip(unit).map(|(d, &u)| d.to_unit(d.from_unit(u))).collect()
    }

    /// The point's values for people, one string per dimension.
    pub fn format(&self, point: &[f64]) -> Vec<String> {
        self.dims.iter().zip(point).map(|(d, &v)| d.format(v)).collect()
    }

    /// Length of the Gaussian process's input vector: one per ordered dimension, one per choice
    /// of a categorical one.
    pub fn feature_len(&self) -> usize {
        self.dims.iter().map(|d| if let Dimension::Categorical { choices, .. } = d { choices.len() } else { 1 }).sum()
    }

    /// The Gaussian process's input for a unit-cube position. Ordered dimensions pass their
    /// coordinate through; a categorical one becomes a one-hot block scaled by 1/√2, so two
    /// different choices are exactly 1 apart (as far as the ends of an ordered axis) and no
    /// choice is "between" two others, as it would be if the index were used as a number.
    pub fn features_into(&self, unit: &[f64], out: &mut Vec<f64>) {
        for (d, &u) in self.dims.iter().zip(unit) {
            match d {
                Dimension::Categorical { choices, .. } => {
                    let chosen = d.from_unit(u) as usize;
                    out.extend((0..choices.len()).map(|i| if i == chosen { std::f64::consts::FRAC_1_SQRT_2 } else { 0.0 }));
                }
                _ => out.push(u),
            }
        }
    }

    /// Whether any dimension is continuous (only those are refined locally).
    pub fn continuous_mask(&self) -> Vec<bool> {
        self.dims.iter().map(|d| matches!(d, Dimension::Continuous { .. })).collect()
    }

    /// The grid a budget allows: per ordered dimension the largest resolution `r` with
    /// `r^k · (product of the categorical counts) ≤ budget` (k = number of ordered dimensions),
    /// at least 1, and each categorical dimension with all its choices. Points are listed in
    /// lexicographic order, the first dimension varying slowest. The grid can be smaller than the
    /// budget (5 × 5 = 25 for 30 trials in 2-D); when the categorical choices alone exceed the
    /// budget, only its first `budget` points are listed.
    pub fn grid(&self, budget: usize) -> Vec<Vec<f64>> {
        let categorical: usize = self.dims.iter().filter(|d| matches!(d, Dimension::Categorical { .. })).map(|d| d.count().unwrap_or(1)).fold(1, usize::saturating_mul);
        let ordered = self.dims.iter().filter(|d| !matches!(d, Dimension::Categorical { .. })).count() as u32;
        let per_cell = (budget / categorical.max(1)).max(1);
        let mut r = 1usize;
        if ordered > 0 {
            while (r + 1).checked_pow(ordered).is_some_and(|p| p <= per_cell) {
                r += 1;
            }
        }
        let axes: Vec<Vec<f64>> = self.dims.iter().map(|d| d.grid_values(r)).collect();
        let total: usize = axes.iter().map(|a| a.len()).fold(1, usize::saturating_mul);
        // Points past the budget are never visited (and could be astronomically many).
        let keep = total.min(budget.max(1));
        (0..keep)
            .map(|mut k| {
                let mut p = vec![0.0; axes.len()];
                for (slot, axis) in p.iter_mut().zip(&axes).rev() {
                    *slot = axis[k % axis.len()];
                    k /= axis.len();
                }
                p
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mixed() -> Space {
        Space::new(vec![
            Dimension::log("lr", 1e-4, 1.0),
            Dimension::linear("momentum", 0.0, 0.99),
            Dimension::integer("layers", 1, 4),
            Dimension::log_integer("width", 8, 512),
            Dimension::categorical("activation", &["relu", "tanh", "sigmoid"]),
        ])
        .unwrap()
    }

    #[test]
    fn rejects_bad_dimensions() {
        let one = |d| Space::new(vec![d]);
        assert_eq!(Space::new(vec![]), Err(SearchError::EmptySpace));
        assert!(one(Dimension::linear("x", 1.0, 1.0)).is_err());
        assert!(one(Dimension::linear("x", 2.0, 1.0)).is_err());
        assert!(one(Dimension::linear("x", f64::NAN, 1.0)).is_err());
        assert!(one(Dimension::linear("x", 0.0, f64::INFINITY)).is_err());
        assert!(one(Dimension::log("x", 0.0, 1.0)).is_err());
        assert!(one(Dimension::log("x", -1.0, 1.0)).is_err());
        assert!(one(Dimension::integer("x", 3, 3)).is_err());
        assert!(one(Dimension::log_integer("x", 0, 3)).is_err());
        assert!(one(Dimension::integer("x", 0, i64::MAX)).is_err());
        assert!(one(Dimension::categorical("x", &[])).is_err());
        assert!(one(Dimension::linear("", 0.0, 1.0)).is_err());
        assert!(Space::new(vec![Dimension::linear("x", 0.0, 1.0), Dimension::integer("x", 0, 3)]).is_err());
        assert!(one(Dimension::categorical("x", &["only"])).is_ok());
    }

    #[test]
    fn unit_round_trip_and_log_scale() {
        let s = mixed();
        let p = vec![1e-2, 0.5, 3.0, 64.0, 2.0];
        assert!(s.contains(&p));
        let u = s.to_unit(&p);
        assert!((u[0] - 0.5).abs() < 1e-12, "1e-2 is halfway between 1e-4 and 1 on a log axis");
        let back = s.from_unit(&u);
        assert!((back[0] - 1e-2).abs() < 1e-15 && (back[1] - 0.5).abs() < 1e-15);
        assert_eq!(&back[2..], &p[2..]);
        assert_eq!(s.from_unit(&[0.0; 5]), vec![1e-4, 0.0, 1.0, 8.0, 0.0]);
        assert_eq!(s.from_unit(&[1.0; 5]), vec![1.0, 0.99, 4.0, 512.0, 2.0]);
        // Every integer owns an equal slice of a linear axis.
        let layers = &s.dims()[2];
        let counts = (0..4000).fold([0usize; 4], |mut c, i| {
            c[layers.from_unit((i as f64 + 0.5) / 4000.0) as usize - 1] += 1;
            c
        });
        assert_eq!(counts, [1000; 4]);
        // NaN and out-of-range positions are tamed.
        assert!(s.contains(&s.from_unit(&[f64::NAN, -3.0, 7.0, f64::INFINITY, -0.0])));
        assert_eq!(s.snap_unit(&s.to_unit(&p)), s.to_unit(&p));
    }

    #[test]
    fn check_explains_what_is_wrong() {
        let s = mixed();
        assert_eq!(s.check(&[0.1, 0.5]), Err(SearchError::DimensionMismatch { expected: 5, got: 2 }));
        assert!(matches!(s.check(&[2.0, 0.5, 1.0, 8.0, 0.0]), Err(SearchError::OutsideSpace { .. })));
        assert!(s.check(&[0.1, 0.5, 1.5, 8.0, 0.0]).is_err());
        assert!(s.check(&[0.1, 0.5, 1.0, 8.0, 3.0]).is_err());
        assert!(s.check(&[0.1, f64::NAN, 1.0, 8.0, 0.0]).is_err());
        assert_eq!(s.format(&[0.1, 0.5, 2.0, 64.0, 1.0]), vec!["0.1", "0.5", "2", "64", "tanh"]);
    }

    #[test]
    fn features_are_one_hot_for_choices() {
        let s = mixed();
        assert_eq!(s.feature_len(), 4 + 3);
        let mut f = Vec::new();
        s.features_into(&s.to_unit(&[0.1, 0.5, 2.0, 64.0, 1.0]), &mut f);
        assert_eq!(f.len(), 7);
        assert_eq!(&f[4..], &[0.0, std::f64::consts::FRAC_1_SQRT_2, 0.0]);
    }

    #[test]
    fn grid_follows_the_budget_and_the_scale() {
        let s = Space::new(vec![Dimension::linear("x", -5.0, 10.0), Dimension::log("y", 1e-3, 1e1)]).unwrap();
        let g = s.grid(30);
        assert_eq!(g.len(), 25);
        assert_eq!(g[0], vec![-5.0, 1e-3]);
        assert!((g[1][1] - 1e-2).abs() < 1e-15);
        assert_eq!(g[4], vec![-5.0, 10.0]);
        assert_eq!(g[5][0], -1.25);
        assert_eq!(g[24], vec![10.0, 10.0]);
        // 27 = 3³ exactly, whatever the rounding of a cube root.
        let cube = Space::new((0..3).map(|i| Dimension::linear(&format!("x{i}"), 0.0, 1.0)).collect()).unwrap();
        assert_eq!(cube.grid(27).len(), 27);
        assert_eq!(cube.grid(26).len(), 8);
        assert_eq!(cube.grid(0).len(), 1);
        // Choices are all kept; integers are not repeated.
        let m = Space::new(vec![Dimension::integer("k", 1, 3), Dimension::categorical("c", &["a", "b"])]).unwrap();
        let g = m.grid(100);
        assert_eq!(g.len(), 6);
        assert!(g.iter().all(|p| m.contains(p)));
        // Thirty five-way choices: 5³⁰ grid points overflow a usize; the grid is still listed
        // up to the budget.
        let many = Space::new((0..30).map(|i| Dimension::categorical(&format!("c{i}"), &["a", "b", "c", "d", "e"])).collect()).unwrap();
        let g = many.grid(10);
        assert_eq!(g.len(), 10);
        assert!(g.iter().all(|p| many.contains(p)));
        let wide = Space::new(vec![Dimension::integer("k", 0, 1000)]).unwrap();
        assert_eq!(wide.grid(5), vec![vec![0.0], vec![250.0], vec![500.0], vec![750.0], vec![1000.0]]);
        assert_eq!(mixed().grid(1).len(), 1);
    }
}
