//! The race: every method on [`RACE_SEEDS`](super::RACE_SEEDS) seeds with the same budget, a
//! search step at a time so the page can spread it over frames. Methods on one seed share its
//! networks, so each network epoch is trained once.

use super::run::step_sliced;
use super::trials::NetworkTrials;
use super::Settings;
use crate::budgets::{Method, Search};
use crate::labs::search::quantile;

/// Points of the budget axis the summary is sampled at.
pub const RACE_POINTS: usize = 41;

/// One method's result on one seed.
#[derive(Clone, Debug, PartialEq)]
pub struct SeedResult {
    pub seed: u64,
    /// (epochs spent, best loss at R) after each completed trial.
    pub trace: Vec<(usize, f64)>,
    /// Best loss after R epochs (+∞ if no trial completed).
    pub best: f64,
}

/// The race in progress.
#[derive(Clone, Debug)]
pub struct Race {
    settings: Settings,
    seeds: Vec<u64>,
    seed_index: usize,
    method_index: usize,
    pool: Option<NetworkTrials>,
    search: Option<Search>,
    results: Vec<(Method, Vec<SeedResult>)>,
    methods: Vec<Method>,
}

/// One method's line: the method, then median, first and third quartile at each sampled epoch.
pub type RaceLine = (Method, Vec<f64>, Vec<f64>, Vec<f64>);

/// The race's summary for the chart and the challenges.
#[derive(Clone, Debug, PartialEq)]
pub struct RaceSummary {
    pub budget: usize,
    /// Epochs at which the summary is sampled.
    pub epochs: Vec<f64>,
    /// Per method: median, first and third quartile of best-so-far at each sampled epoch (NaN
    /// where fewer than half the seeds have completed a trial yet).
    pub lines: Vec<RaceLine>,
    /// Per method: the best loss after R on each seed, in seed order.
    pub finals: Vec<(Method, Vec<f64>)>,
    pub seeds: usize,
}

impl RaceSummary {
    pub fn finals_of(&self, method: Method) -> &[f64] {
        self.finals.iter().find(|(m, _)| *m == method).map_or(&[], |(_, v)| v.as_slice())
    }
    /// Seeds on which `a` found a strictly lower loss than `b`.
    pub fn wins(&self, a: Method, b: Method) -> usize {
        self.finals_of(a).iter().zip(self.finals_of(b)).filter(|(x, y)| x < y).count()
    }
    /// Median over seeds of a method's final best.
    pub fn median_final(&self, method: Method) -> f64 {
        let mut v: Vec<f64> = self.finals_of(method).to_vec();
        crate::sorting::sort_floats(&mut v);
        if v.iter().filter(|x| x.is_finite()).count() * 2 <= v.len() {
            return f64::NAN;
        }
        quantile(&v, 0.5)
    }
}

impl Race {
    pub fn new(settings: Settings, seeds: usize) -> Self {
        Self::with_methods(settings, seeds, &Method::ALL)
    }

    /// A race of some methods only. Each method's result on a seed is the same as in the full
    /// race: its search reads the same deterministic curves, whoever else runs.
    pub fn with_methods(settings: Settings, seeds: usize, methods: &[Method]) -> Self {
        let seeds: Vec<u64> = (0..seeds as u64).map(|i| settings.seed + i).collect();
        let methods = methods.to_vec();
        Race { settings, seeds, seed_index: 0, method_index: 0, pool: None, search: None, results: methods.iter().map(|&m| (m, Vec::new())).collect(), methods }
    }

    pub fn is_done(&self) -> bool {
        self.seed_index >= self.seeds.len()
    }

    /// Share of the (seed, method) searches finished.
    pub fn progress(&self) -> f64 {
        let total = (self.seeds.len() * self.methods.len()) as f64;
        (self.seed_index * self.methods.len() + self.method_index) as f64 / total
    }

    /// One step of the current search (one epoch of each of its running trials).
    pub fn step(&mut self) -> bool {
        self.step_within(&mut || true)
    }

    /// As [`step`](Self::step), with the search's step spread over calls by [`step_sliced`]: it
    /// trains networks only while `has_time()` says so (one scheduler step trains every running
    /// network an epoch, several milliseconds in all). True while there is more to do.
    pub fn step_within(&mut self, has_time: &mut dyn FnMut() -> bool) -> bool {
        if self.is_done() {
            return false;
        }
        let seed = self.seeds[self.seed_index];
        let s = self.settings;
        let pool = self.pool.get_or_insert_with(|| NetworkTrials::new(s.problem, seed, s.max));
        let method = self.methods[self.method_index];
        let search = self.search.get_or_insert_with(|| Search::new(method, s.min, s.max, s.eta, s.trials, s.budget(), seed).expect("the knobs' bounds keep the brackets valid"));
        match step_sliced(search, pool, has_time) {
            None | Some(true) => return true,
            Some(false) => {}
        }
        let search = self.search.take().expect("a search was running");
        self.results[self.method_index].1.push(SeedResult { seed, trace: search.trace().to_vec(), best: search.best_loss() });
        self.method_index += 1;
        if self.method_index == self.methods.len() {
            self.method_index = 0;
            self.seed_index += 1;
            self.pool = None;
        }
        !self.is_done()
    }

    /// Every method's result on the first seed, once it is finished.
    pub fn first_seed(&self) -> Vec<(Method, SeedResult)> {
        self.results.iter().filter_map(|(m, runs)| runs.first().map(|r| (*m, r.clone()))).collect()
    }

    pub fn finish(&mut self) -> RaceSummary {
        while self.step() {}
        self.summary()
    }

    /// The summary of the seeds finished so far.
    pub fn summary(&self) -> RaceSummary {
        let budget = self.settings.budget();
        let epochs: Vec<f64> = (0..RACE_POINTS).map(|i| budget as f64 * i as f64 / (RACE_POINTS - 1) as f64).collect();
        let lines = self
            .results
            .iter()
            .map(|(method, runs)| {
                let mut med = Vec::new();
                let mut q1 = Vec::new();
                let mut q3 = Vec::new();
                for &e in &epochs {
                    let mut at: Vec<f64> = runs.iter().map(|r| best_at(&r.trace, e)).collect();
                    crate::sorting::sort_floats(&mut at);
                    let finite = at.iter().filter(|v| v.is_finite()).count();
                    if runs.is_empty() || finite * 2 <= at.len() {
                        med.push(f64::NAN);
                        q1.push(f64::NAN);
                        q3.push(f64::NAN);
                    } else {
                        // Unfinished seeds (+∞) sort last: quartiles stay defined from the finite ones up.
                        med.push(quantile(&at, 0.5));
                        q1.push(quantile(&at, 0.25));
                        let q = quantile(&at, 0.75);
                        q3.push(if q.is_finite() { q } else { f64::NAN });
                    }
                }
                (*method, med, q1, q3)
            })
            .collect();
        let finals = self.results.iter().map(|(m, runs)| (*m, runs.iter().map(|r| r.best).collect())).collect();
        RaceSummary { budget, epochs, lines, finals, seeds: self.results[0].1.len() }
    }
}

/// Best loss after R found within `epochs` epochs (+∞ before the first completion).
pub fn best_at(trace: &[(usize, f64)], epochs: f64) -> f64 {
    trace.iter().take_while(|(e, _)| *e as f64 <= epochs).last().map_or(f64::INFINITY, |(_, v)| *v)
}

/// CSS pixels between the lines of methods that tie on a stretch of the race chart.
pub const TIED_LINE_SPACING_PX: f64 = 1.6;

/// Where the race chart draws each of `values` (methods' losses at one point), as an offset in
/// CSS pixels from the true value (down is positive). Methods often tie for long stretches
/// (successive halving and Hyperband draw the same first networks, as do random search and
/// Bayesian optimization), and a tied line drawn over another hid it: tied values are spread
/// side by side, [`TIED_LINE_SPACING_PX`] apart and centred on their value, in the order given;
/// a value no other method shares is drawn where it is.
pub fn tied_line_offsets(values: &[f64]) -> Vec<f64> {
    let ties = |a: f64, b: f64| a == b || (a - b).abs() <= 1e-12 * a.abs().max(b.abs());
    values
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            if !v.is_finite() {
                return 0.0;
            }
            let group: Vec<usize> = (0..values.len()).filter(|&j| values[j].is_finite() && ties(values[j], v)).collect();
            let rank = group.iter().position(|&j| j == i).unwrap_or(0) as f64;
            (rank - (group.len() - 1) as f64 / 2.0) * TIED_LINE_SPACING_PX
        })
        .collect()
}

/// One seed's race as drawn: per method, its best loss as a step line from its first completed
/// trial to `x_max` epochs, as (epochs, loss, offset in CSS pixels) vertices. The line is cut at
/// every epoch where any method's best changes, so on each flat stretch the methods that tie
/// there are spread side by side ([`tied_line_offsets`]) and the others are drawn exactly.
pub fn race_step_lines(results: &[(Method, SeedResult)], x_max: f64) -> Vec<(Method, Vec<(f64, f64, f64)>)> {
    let mut cuts: Vec<f64> = results.iter().flat_map(|(_, r)| r.trace.iter().map(|&(e, _)| e as f64)).filter(|&e| e < x_max).collect();
    cuts.push(x_max);
    cuts.sort_by(f64::total_cmp);
    cuts.dedup();
    let mut lines: Vec<(Method, Vec<(f64, f64, f64)>)> = results.iter().map(|(m, _)| (*m, Vec::new())).collect();
    for stretch in cuts.windows(2) {
        let (from, to) = (stretch[0], stretch[1]);
        let values: Vec<f64> = results.iter().map(|(_, r)| best_at(&r.trace, from)).collect();
        for ((_, line), (&v, off)) in lines.iter_mut().zip(values.iter().zip(tied_line_offsets(&values))) {
            if v.is_finite() {
                line.push((from, v, off));
                line.push((to, v, off));
            }
        }
    }
    lines
}
