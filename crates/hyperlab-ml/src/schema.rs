//! Hyperparameter schemas and their query-string form.
//!
//! A lab declares each knob once, as a [`ParamSpec`] (key, label, type, default, range, linear or
//! log scale). Parsing, clamping, defaults, serialization and the controls' bounds all come from
//! that declaration. Query strings are untrusted: unknown keys are ignored, the first of
//! duplicate keys wins, and anything that is not a clean in-range value is replaced (clamped, or
//! reset to the default) with a [`Notice`] the UI shows. Nothing here panics on any input.

use std::fmt;

/// How a continuous knob maps onto its slider.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    Linear,
    /// Equal slider distances are equal ratios. Values are kept to three significant digits.
    Log,
}

/// The type, range and default of one knob.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Float {
        min: f64,
        max: f64,
        default: f64,
        scale: Scale,
        /// Linear scale: values are multiples of `step` (counted from `min`).
        step: f64,
        /// Log scale: 0 is allowed as an explicit "off" value below `min`.
        zero: bool,
    },
    Int { min: i64, max: i64, default: i64 },
    /// One of several options, each `(slug, label)`; the slug appears in URLs.
    Choice { options: &'static [(&'static str, &'static str)], default: usize },
    Bool { default: bool },
}

/// Short forms for a schema's table: one knob per line.
impl Kind {
    pub const fn int(min: i64, max: i64, default: i64) -> Self {
        Kind::Int { min, max, default }
    }

    /// A linear slider in multiples of `step`.
    pub const fn linear(min: f64, max: f64, default: f64, step: f64) -> Self {
        Kind::Float { min, max, default, scale: Scale::Linear, step, zero: false }
    }

    pub const fn log(min: f64, max: f64, default: f64) -> Self {
        Kind::Float { min, max, default, scale: Scale::Log, step: 0.0, zero: false }
    }

    /// A log slider with 0 as an explicit "off" below `min`.
    pub const fn log_or_off(min: f64, max: f64, default: f64) -> Self {
        Kind::Float { min, max, default, scale: Scale::Log, step: 0.0, zero: true }
    }

    pub const fn choice(options: &'static [(&'static str, &'static str)], default: usize) -> Self {
        Kind::Choice { options, default }
    }

    pub const fn switch(default: bool) -> Self {
        Kind::Bool { default }
    }
}

/// One knob of a lab.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParamSpec {
    /// Query-string key: short, lowercase, URL-safe.
    pub key: &'static str,
    pub label: &'static str,
    /// Unit or symbol shown beside the value (may be empty).
    pub unit: &'static str,
    pub kind: Kind,
    /// True for a hyperparameter (set before training); false for a setting of the demo itself
    /// (data, seed, display).
    pub hyper: bool,
    /// One sentence the UI shows as the control's description.
    pub help: &'static str,
}

/// A knob's value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    Float(f64),
    Int(i64),
    Choice(usize),
    Bool(bool),
}

/// Positions a slider has between its ends. Fine enough that every 3-significant-digit log value
/// or linear step in our ranges is reachable through the number box, and the slider itself moves
/// smoothly.
pub const SLIDER_STEPS: u32 = 200;

/// How much of a query string is read: the rest is ignored with a notice.
pub const MAX_QUERY_BYTES: usize = 8 * 1024;
/// How many `key=value` pairs are read.
pub const MAX_PAIRS: usize = 256;
/// How many notices are kept (one more says how many were dropped).
pub const MAX_NOTICES: usize = 8;

impl ParamSpec {
    /// A hyperparameter: set before training.
    pub const fn hyper(key: &'static str, label: &'static str, kind: Kind, help: &'static str) -> Self {
        Self { key, label, unit: "", kind, hyper: true, help }
    }

    /// A setting of the demo itself (data, seed, display).
    pub const fn setting(key: &'static str, label: &'static str, kind: Kind, help: &'static str) -> Self {
        Self { key, label, unit: "", kind, hyper: false, help }
    }

    /// With this unit or symbol beside the value.
    pub const fn unit(self, unit: &'static str) -> Self {
        Self { unit, ..self }
    }

    pub fn default_value(&self) -> Value {
        match self.kind {
            Kind::Float { default, .. } => Value::Float(default),
            Kind::Int { default, .. } => Value::Int(default),
            Kind::Choice { default, .. } => Value::Choice(default),
            Kind::Bool { default } => Value::Bool(default),
        }
    }

    /// Brings a value of the right type into range and onto the knob's grid. Values of the wrong
    /// type, and non-finite floats, become the default.
    pub fn normalize(&self, value: Value) -> Value {
        match (self.kind, value) {
            (Kind::Float { min, max, default, scale, step, zero }, Value::Float(v)) => {
                if !v.is_finite() {
                    return Value::Float(default);
                }
                if zero && scale == Scale::Log && v <= 0.0 {
                    return Value::Float(0.0);
                }
                let v = v.clamp(min, max);
                let q = match scale {
                    Scale::Log => round_significant(v, 3),
                    Scale::Linear => round_to_step(v, min, step),
                };
                Value::Float(q.clamp(min, max))
            }
            (Kind::Int { min, max, .. }, Value::Int(v)) => Value::Int(v.clamp(min, max)),
            (Kind::Choice { options, default }, Value::Choice(i)) => {
                Value::Choice(if i < options.len() { i } else { default.min(options.len().saturating_sub(1)) })
            }
            (Kind::Bool { .. }, Value::Bool(b)) => Value::Bool(b),
            _ => self.default_value(),
        }
    }

    /// The value as it appears in a URL.
    pub fn format(&self, value: Value) -> String {
        match (self.kind, self.normalize(value)) {
            (_, Value::Float(v)) => format!("{v}"),
            (_, Value::Int(v)) => v.to_string(),
            (Kind::Choice { options, .. }, Value::Choice(i)) => options.get(i).map_or("", |o| o.0).to_string(),
            (_, Value::Bool(b)) => if b { "1" } else { "0" }.to_string(),
            _ => String::new(),
        }
    }

    /// The value for people: fewer digits than the URL form where that reads better.
    pub fn display(&self, value: Value) -> String {
        match (self.kind, self.normalize(value)) {
            (Kind::Choice { options, .. }, Value::Choice(i)) => options.get(i).map_or("", |o| o.1).to_string(),
            (_, Value::Bool(b)) => if b { "on" } else { "off" }.to_string(),
            (_, Value::Float(v)) => format_number(v),
            (_, v) => self.format(v),
        }
    }

    /// Reads one untrusted value.
    pub fn parse(&self, raw: &str) -> Result<Value, Problem> {
        let raw = raw.trim();
        let value = match self.kind {
            Kind::Float { .. } => Value::Float(parse_decimal(raw).ok_or(Problem::NotANumber)?),
            Kind::Int { .. } => {
                if let Some(v) = parse_integer(raw) {
                    Value::Int(v)
                } else {
                    match parse_decimal(raw) {
                        // "1e3" or a huge run of digits: a whole number, just written long.
                        Some(v) if v.fract() == 0.0 => Value::Int(v.clamp(i64::MIN as f64, i64::MAX as f64) as i64),
                        Some(_) => return Err(Problem::NotAWholeNumber),
                        None => return Err(Problem::NotANumber),
                    }
                }
            }
            Kind::Choice { options, .. } => {
                Value::Choice(options.iter().position(|o| o.0 == raw).ok_or(Problem::UnknownOption)?)
            }
            Kind::Bool { .. } => Value::Bool(match raw {
                "1" | "true" | "on" | "yes" => true,
                "0" | "false" | "off" | "no" => false,
                _ => return Err(Problem::NotABoolean),
            }),
        };
        // In-range values are snapped onto the knob's grid silently; out-of-range ones are
        // clamped and reported.
        let normalized = self.normalize(value);
        if self.in_range_value(value) { Ok(normalized) } else { Err(Problem::OutOfRange(normalized)) }
    }

    fn in_range(&self, v: f64) -> bool {
        match self.kind {
            Kind::Float { min, max, zero, .. } => (v >= min && v <= max) || (zero && v == 0.0),
            _ => true,
        }
    }

    fn in_range_value(&self, v: Value) -> bool {
        match (self.kind, v) {
            (Kind::Float { .. }, Value::Float(x)) => self.in_range(x),
            (Kind::Int { min, max, .. }, Value::Int(x)) => x >= min && x <= max,
            _ => true,
        }
    }

    /// How many positions the knob's slider has beyond 0: one per step for linear knobs and
    /// integers (so each arrow-key press moves exactly one step), [`SLIDER_STEPS`] for log
    /// knobs, at most 1000.
    pub fn slider_steps(&self) -> u32 {
        let steps = match self.kind {
            Kind::Float { min, max, scale: Scale::Linear, step, .. } if step > 0.0 => ((max - min) / step).round(),
            Kind::Int { min, max, .. } => (max - min) as f64,
            Kind::Choice { options, .. } => options.len().saturating_sub(1) as f64,
            Kind::Bool { .. } => 1.0,
            _ => SLIDER_STEPS as f64,
        };
        if steps.is_finite() { steps.clamp(1.0, 1000.0) as u32 } else { SLIDER_STEPS }
    }

    /// Where a value sits on the slider, `0 ..= slider_steps()`.
    pub fn to_slider(&self, value: Value) -> u32 {
        let unit = match (self.kind, self.normalize(value)) {
            (Kind::Float { min, max, scale: Scale::Log, zero, .. }, Value::Float(v)) => {
                if zero && v == 0.0 {
                    0.0
                } else {
                    let u = (v.ln() - min.ln()) / (max.ln() - min.ln());
                    // With an explicit zero, position 0 is 0 and the log range starts one step in.
                    let steps = self.slider_steps() as f64;
                    if zero { (1.0 + u * (steps - 1.0)) / steps } else { u }
                }
            }
            (Kind::Float { min, max, .. }, Value::Float(v)) => (v - min) / (max - min),
            (Kind::Int { min, max, .. }, Value::Int(v)) => (v - min) as f64 / (max - min).max(1) as f64,
            (Kind::Choice { options, .. }, Value::Choice(i)) => i as f64 / (options.len().max(2) - 1) as f64,
            (_, Value::Bool(b)) => if b { 1.0 } else { 0.0 },
            _ => 0.0,
        };
        (unit.clamp(0.0, 1.0) * self.slider_steps() as f64).round() as u32
    }

    /// The value at a slider position (positions past the end are clamped).
    pub fn from_slider(&self, position: u32) -> Value {
        let steps = self.slider_steps();
        let unit = position.min(steps) as f64 / steps as f64;
        let value = match self.kind {
            Kind::Float { min, max, scale: Scale::Log, zero, .. } => {
                if zero && position == 0 {
                    Value::Float(0.0)
                } else {
                    let u = if zero { (unit * steps as f64 - 1.0) / (steps - 1).max(1) as f64 } else { unit };
                    Value::Float((min.ln() + u * (max.ln() - min.ln())).exp())
                }
            }
            Kind::Float { min, max, .. } => Value::Float(min + unit * (max - min)),
            Kind::Int { min, max, .. } => Value::Int(min + (unit * (max - min) as f64).round() as i64),
            Kind::Choice { options, .. } => Value::Choice((unit * (options.len().max(1) - 1) as f64).round() as usize),
            Kind::Bool { .. } => Value::Bool(unit >= 0.5),
        };
        self.normalize(value)
    }
}

fn round_significant(v: f64, digits: usize) -> f64 {
    if v == 0.0 {
        return 0.0;
    }
    // Formatting then parsing gives the shortest clean decimal ("0.0123", not 0.012300000000000002).
    parse_decimal(&format!("{:.*e}", digits - 1, v)).unwrap_or(v)
}

fn round_to_step(v: f64, min: f64, step: f64) -> f64 {
    if !(step > 0.0) {
        return v;
    }
    let k = ((v - min) / step).round();
    let decimals = decimals_of(step).max(decimals_of(min));
    parse_decimal(&format!("{:.*}", decimals, min + k * step)).unwrap_or(v)
}

/// Digits after the decimal point needed to write `x` (up to 12).
fn decimals_of(x: f64) -> usize {
    (0..=12).find(|&d| {
        let scaled = x * 10f64.powi(d as i32);
        (scaled - scaled.round()).abs() < 1e-9 * scaled.abs().max(1.0)
    })
    .unwrap_or(12)
}

/// A number for people: 3–4 significant digits, scientific outside 0.001 … 100000.
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    let a = v.abs();
    if a == 0.0 {
        "0".to_string()
    } else if !(1e-3..1e5).contains(&a) {
        let s = format!("{v:.2e}");
        // 1.00e-4 → 1e-4, 1.50e-4 → 1.5e-4
        match s.split_once('e') {
            Some((m, e)) => format!("{}e{}", m.trim_end_matches('0').trim_end_matches('.'), e),
            None => s,
        }
    } else {
        let decimals = (3 - a.log10().floor() as i32).clamp(0, 6) as usize;
        let s = format!("{v:.decimals$}");
        if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s }
    }
}

/// `v` in plain decimals with `digits` significant digits, trailing zeros kept (numbers side by
/// side line up, and two close values can be told apart); `format_number` for 0 and non-finite.
pub fn significant(v: f64, digits: usize) -> String {
    if !v.is_finite() || v == 0.0 {
        return format_number(v);
    }
    let decimals = (digits as i32 - 1 - v.abs().log10().floor() as i32).clamp(0, 12) as usize;
    format!("{v:.decimals$}")
}

/// Plain decimal notation only: no hex, no `inf`/`nan`, no underscores, at most 40 characters.
///
/// The value is computed here rather than by `str::parse::<f64>`, whose correctly rounded
/// algorithm brings an 11 KB table of powers of five into every page. Up to 15 significant
/// digits and a power of ten within ±22 (every setting a link or a number box holds) this is
/// exact, Clinger's fast path: one rounding of exact operands. Beyond that it is within a few
/// units in the last place, far below any setting's precision.
pub fn parse_decimal(s: &str) -> Option<f64> {
    if s.is_empty() || s.len() > 40 {
        return None;
    }
    let b = s.as_bytes();
    let mut i = 0;
    let negative = b[0] == b'-';
    if b[i] == b'+' || b[i] == b'-' {
        i += 1;
    }
    let mut digits = 0;
    let mut number = DecimalDigits::default();
    while i < b.len() && b[i].is_ascii_digit() {
        number.push(b[i], false);
        digits += 1;
        i += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            number.push(b[i], true);
            digits += 1;
            i += 1;
        }
    }
    if digits == 0 {
        return None;
    }
    let mut exponent: i32 = 0;
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        let mut exponent_negative = false;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            exponent_negative = b[i] == b'-';
            i += 1;
        }
        let exp_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            // Saturates: anything this large is out of range either way.
            exponent = (exponent * 10 + i32::from(b[i] - b'0')).min(100_000);
            i += 1;
        }
        if i == exp_start {
            return None;
        }
        if exponent_negative {
            exponent = -exponent;
        }
    }
    if i != b.len() {
        return None;
    }
    let magnitude = number.value(exponent);
    let value = if negative { -magnitude } else { magnitude };
    value.is_finite().then_some(value)
}

/// The significant digits of a decimal (up to 19, the rest only scale it) and the power of ten
/// that places them.
#[derive(Default)]
struct DecimalDigits {
    mantissa: u64,
    significant: u32,
    exponent: i32,
}

impl DecimalDigits {
    fn push(&mut self, digit: u8, after_point: bool) {
        let d = u64::from(digit - b'0');
        if self.significant == 0 && d == 0 {
            // A leading zero: it only moves the point.
            self.exponent -= i32::from(after_point);
        } else if self.significant < 19 {
            self.mantissa = self.mantissa * 10 + d;
            self.significant += 1;
            self.exponent -= i32::from(after_point);
        } else if !after_point {
            self.exponent += 1;
        }
    }

    fn value(&self, exponent: i32) -> f64 {
        const POW10: [f64; 23] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
            1e20, 1e21, 1e22,
        ];
        if self.mantissa == 0 {
            return 0.0;
        }
        let (mut mantissa, mut e) = (self.mantissa, self.exponent.saturating_add(exponent));
        while mantissa % 10 == 0 {
            mantissa /= 10;
            e += 1;
        }
        // Still exact while the scaled mantissa stays below 2^53.
        while e > 22 && mantissa < (1 << 53) / 10 {
            mantissa *= 10;
            e -= 1;
        }
        let mut value = mantissa as f64;
        while e > 22 && value.is_finite() {
            value *= 1e22;
            e -= 22;
        }
        while e < -22 && value > 0.0 {
            value /= 1e22;
            e += 22;
        }
        if !(-22..=22).contains(&e) {
            return value; // already 0 or infinite
        }
        if e >= 0 { value * POW10[e as usize] } else { value / POW10[(-e) as usize] }
    }
}

fn parse_integer(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// What was wrong with one query value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Problem {
    NotANumber,
    NotAWholeNumber,
    NotABoolean,
    UnknownOption,
    /// Parsed, but outside the knob's range: clamped to this value.
    OutOfRange(Value),
    /// The key appeared again; the first value was kept.
    Duplicate,
    /// The query was longer than [`MAX_QUERY_BYTES`] or had more than [`MAX_PAIRS`] pairs.
    TooLong,
    /// More problems than [`MAX_NOTICES`]; this many more were not listed.
    More(usize),
    /// An embed's list of views or controls named something the lab does not have.
    UnknownName,
}

/// A problem found in a query string, to show the learner.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The knob's label (never text from the query).
    pub label: String,
    /// The offending text, shortened and stripped of control characters. Shown as text only.
    pub given: String,
    pub problem: Problem,
    /// What is used instead, formatted for people.
    pub used: String,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problem {
            Problem::TooLong => write!(f, "The link was too long; only its first part was read."),
            Problem::More(n) => write!(f, "…and {n} more problems in the link."),
            Problem::UnknownName => write!(f, "{} names “{}”, which this lab does not have; it is left out.", self.label, self.given),
            Problem::Duplicate => write!(f, "{} was given more than once; the first value ({}) is used.", self.label, self.used),
            Problem::OutOfRange(_) => write!(f, "{} = “{}” is outside its range; using {}.", self.label, self.given, self.used),
            Problem::NotANumber => write!(f, "{} = “{}” is not a number; using the default {}.", self.label, self.given, self.used),
            Problem::NotAWholeNumber => write!(f, "{} = “{}” is not a whole number; using the default {}.", self.label, self.given, self.used),
            Problem::NotABoolean => write!(f, "{} = “{}” is not on/off; using the default {}.", self.label, self.given, self.used),
            Problem::UnknownOption => write!(f, "{} = “{}” is not one of the options; using the default {}.", self.label, self.given, self.used),
        }
    }
}

/// Every knob's value for one lab, in schema order.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamState {
    schema: &'static [ParamSpec],
    values: Vec<Value>,
}

impl ParamState {
    pub fn defaults(schema: &'static [ParamSpec]) -> Self {
        Self { schema, values: schema.iter().map(|s| s.default_value()).collect() }
    }

    pub fn schema(&self) -> &'static [ParamSpec] {
        self.schema
    }

    pub fn index(&self, key: &str) -> Option<usize> {
        self.schema.iter().position(|s| s.key == key)
    }

    pub fn spec(&self, key: &str) -> Option<&'static ParamSpec> {
        self.schema.iter().find(|s| s.key == key)
    }

    pub fn get(&self, key: &str) -> Option<Value> {
        self.index(key).map(|i| self.values[i])
    }

    /// Sets a knob (normalized). Unknown keys are ignored. Returns whether the state changed.
    pub fn set(&mut self, key: &str, value: Value) -> bool {
        match self.index(key) {
            Some(i) => {
                let v = self.schema[i].normalize(value);
                let changed = self.values[i] != v;
                self.values[i] = v;
                changed
            }
            None => false,
        }
    }

    /// The value of a knob the caller's code names. A key that is not in the schema, or a read of
    /// the wrong kind, is a programming error (a misspelt key): debug builds, and so every test
    /// that builds a lab's settings, panic on it instead of silently reading 0.
    fn known(&self, key: &str) -> Option<Value> {
        let value = self.get(key);
        debug_assert!(value.is_some(), "`{key}` is not a knob of this schema");
        value
    }

    fn wrong_kind<T>(key: &str, kind: &str, fallback: T) -> T {
        debug_assert!(false, "`{key}` is not a {kind} knob");
        fallback
    }

    /// A float knob's value (an integer knob's, converted).
    pub fn float(&self, key: &str) -> f64 {
        match self.known(key) {
            Some(Value::Float(v)) => v,
            Some(Value::Int(v)) => v as f64,
            _ => Self::wrong_kind(key, "number", 0.0),
        }
    }

    pub fn int(&self, key: &str) -> i64 {
        match self.known(key) {
            Some(Value::Int(v)) => v,
            _ => Self::wrong_kind(key, "integer", 0),
        }
    }

    pub fn choice(&self, key: &str) -> usize {
        match self.known(key) {
            Some(Value::Choice(i)) => i,
            _ => Self::wrong_kind(key, "choice", 0),
        }
    }

    /// The slug of a choice knob's current option.
    pub fn choice_slug(&self, key: &str) -> &'static str {
        match (self.spec(key).map(|s| s.kind), self.known(key)) {
            (Some(Kind::Choice { options, .. }), Some(Value::Choice(i))) => options.get(i).map_or("", |o| o.0),
            _ => Self::wrong_kind(key, "choice", ""),
        }
    }

    pub fn flag(&self, key: &str) -> bool {
        match self.known(key) {
            Some(Value::Bool(b)) => b,
            _ => Self::wrong_kind(key, "on/off", false),
        }
    }

    /// `key=value&…` for every knob, in schema order.
    pub fn to_query(&self) -> String {
        self.schema
            .iter()
            .zip(&self.values)
            .map(|(s, v)| format!("{}={}", s.key, percent_encode(&s.format(*v))))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Reads an untrusted query string (with or without the leading `?`).
    pub fn from_query(schema: &'static [ParamSpec], query: &str) -> (Self, Vec<Notice>) {
        let mut state = Self::defaults(schema);
        let mut notices = Vec::new();
        let mut seen = vec![false; schema.len()];
        let mut dropped = 0usize;
        let mut note = |n: Notice, notices: &mut Vec<Notice>| {
            if notices.len() < MAX_NOTICES { notices.push(n) } else { dropped += 1 }
        };

        let query = query.strip_prefix('?').unwrap_or(query);
        let mut end = query.len().min(MAX_QUERY_BYTES);
        while !query.is_char_boundary(end) {
            end -= 1;
        }
        let mut too_long = end < query.len();
        let pairs: Vec<&str> = query[..end].split('&').filter(|p| !p.is_empty()).collect();
        if pairs.len() > MAX_PAIRS {
            too_long = true;
        }
        if too_long {
            note(Notice { label: String::new(), given: String::new(), problem: Problem::TooLong, used: String::new() }, &mut notices);
        }

        for pair in pairs.into_iter().take(MAX_PAIRS) {
            let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
            let key = percent_decode(raw_key);
            let Some(i) = schema.iter().position(|s| s.key == key) else { continue };
            let spec = &schema[i];
            let raw = percent_decode(raw_value);
            if seen[i] {
                note(Notice { label: spec.label.into(), given: sanitize(&raw), problem: Problem::Duplicate, used: spec.display(state.values[i]) }, &mut notices);
                continue;
            }
            seen[i] = true;
            match spec.parse(&raw) {
                Ok(v) => state.values[i] = v,
                Err(problem) => {
                    let used = match problem {
                        Problem::OutOfRange(v) => v,
                        _ => spec.default_value(),
                    };
                    state.values[i] = used;
                    note(Notice { label: spec.label.into(), given: sanitize(&raw), problem, used: spec.display(used) }, &mut notices);
                }
            }
        }
        if dropped > 0 {
            notices.push(Notice { label: String::new(), given: String::new(), problem: Problem::More(dropped), used: String::new() });
        }
        (state, notices)
    }
}

/// The keys a query string names, decoded, in order (duplicates included).
pub fn query_keys(query: &str) -> impl Iterator<Item = String> + '_ {
    let query = query.strip_prefix('?').unwrap_or(query);
    query.split('&').filter(|p| !p.is_empty()).take(MAX_PAIRS).map(|pair| percent_decode(pair.split_once('=').map_or(pair, |(k, _)| k)))
}

/// The raw value of `key` in a query string (first occurrence), if any.
pub fn query_value(query: &str, key: &str) -> Option<String> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut end = query.len().min(MAX_QUERY_BYTES);
    while !query.is_char_boundary(end) {
        end -= 1;
    }
    query[..end].split('&').take(MAX_PAIRS).find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (percent_decode(k) == key).then(|| percent_decode(v))
    })
}

/// Shortened, printable form of untrusted text for a notice.
pub fn sanitize(raw: &str) -> String {
    let cleaned: String = raw.chars().filter(|c| !c.is_control()).take(24).collect();
    if raw.chars().count() > 24 { format!("{cleaned}…") } else { cleaned }
}

/// Decodes `%XX` escapes and `+` (as space). Malformed escapes are kept as they are; invalid
/// UTF-8 becomes U+FFFD.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (hex(b[i + 1]), hex(b[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Escapes everything but unreserved URL characters.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &c in s.as_bytes() {
        if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'~' | b',') {
            out.push(c as char);
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests;
