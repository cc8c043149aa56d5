//! The live search the page animates: one method on one seed's networks, with the whole budget,
//! and — once it is done — the hindsight of its first round: every trial of it trained to R, to
//! show whether the method stopped the network that would have finished best.

use super::trials::NetworkTrials;
use super::Settings;
use crate::budgets::{Curves, Method, Rung, Search, TrialRecord, TrialState};

/// One scheduler step spread over frames: trains the next epoch of each running network into the
/// shared curves while `has_time()` says so, and takes the step (now cheap: every loss it reads
/// is trained) once all are ready. `None`: out of time, call again; `Some(more)`: stepped.
pub fn step_sliced(search: &mut Search, trials: &mut NetworkTrials, has_time: &mut dyn FnMut() -> bool) -> Option<bool> {
    search.prepare(trials);
    let budget_left = search.budget.saturating_sub(search.spent());
    for (k, &i) in search.running().to_vec().iter().enumerate() {
        if k >= budget_left {
            break;
        }
        let t = &search.trials()[i];
        let next = t.epochs() + 1;
        if trials.curve(t.id).len() < next {
            if !has_time() {
                return None;
            }
            trials.loss(t.id, next);
        }
    }
    Some(search.step(trials))
}

/// How many of the first networks hindsight trains to the end for the methods without rounds.
pub const HINDSIGHT_TRIALS: usize = 27;

/// One live run of the lab.
#[derive(Clone, Debug)]
pub struct LabRun {
    settings: Settings,
    trials: NetworkTrials,
    search: Search,
    /// First-round trials (indices into the search's trials) and how far hindsight trained them.
    hindsight: Vec<usize>,
    hindsight_done: bool,
}

/// What hindsight shows about the first round.
#[derive(Clone, Debug, PartialEq)]
pub struct Hindsight {
    /// Index (into the trials) of the first-round trial with the lowest loss after R epochs.
    pub winner: usize,
    pub winner_loss: f64,
    /// Where the method stopped it, if it did.
    pub stopped_at: Option<usize>,
    /// Where the shared budget ran out while it trained, if it did (the method did not stop it,
    /// but the run never saw it finish either).
    pub cut_at: Option<usize>,
    /// Every first-round trial's loss after R epochs, by trial index.
    pub full_curves: Vec<(usize, Vec<f64>)>,
}

/// The live run as the texts, charts and challenges read it.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub settings: Settings,
    pub budget: usize,
    pub spent: usize,
    pub done: bool,
    pub trials: Vec<TrialRecord>,
    pub brackets: Vec<Vec<Rung>>,
    /// For each bracket and rung: how many trials of the bracket's latest pass have trained at
    /// least r_i epochs (for the bracket methods; empty otherwise). Successive halving repeats its
    /// round, and Hyperband its brackets, while the budget lasts: earlier passes are not counted.
    pub filled: Vec<Vec<usize>>,
    /// For each bracket: the round (0-based, over the whole run) of its latest pass, if started.
    pub latest_round: Vec<Option<usize>>,
    /// The bracket and rung being trained.
    pub position: Option<(usize, usize)>,
    /// Rung resources below R.
    pub rungs: Vec<usize>,
    pub trace: Vec<(usize, f64)>,
    /// The trial with the lowest loss after R epochs.
    pub best: Option<usize>,
    pub hindsight: Option<Hindsight>,
}

impl Snapshot {
    pub fn started(&self) -> usize {
        self.trials.len()
    }
    pub fn stopped(&self) -> usize {
        self.trials.iter().filter(|t| t.is_stopped()).count()
    }
    pub fn completed(&self) -> usize {
        self.trials.iter().filter(|t| t.state == TrialState::Completed).count()
    }
    /// Trials still training when the budget ran out (including any drawn but never trained).
    pub fn cut(&self) -> usize {
        self.trials.iter().filter(|t| matches!(t.state, TrialState::Cut { .. })).count()
    }
    /// Trials drawn for a round the budget ran out in before they trained an epoch.
    pub fn never_trained(&self) -> usize {
        self.trials.iter().filter(|t| matches!(t.state, TrialState::Cut { .. }) && t.epochs() == 0).count()
    }
    /// Whether the budget ran out before bracket `b`'s latest pass finished its last rung.
    pub fn cut_short(&self, b: usize) -> bool {
        let (Some(rungs), Some(filled)) = (self.brackets.get(b), self.filled.get(b)) else { return false };
        self.done && rungs.last().zip(filled.last()).is_some_and(|(rung, reached)| *reached < rung.n)
    }
    pub fn failed(&self) -> usize {
        self.trials.iter().filter(|t| matches!(t.state, TrialState::Failed { .. })).count()
    }
    pub fn best_loss(&self) -> f64 {
        self.best.map_or(f64::INFINITY, |i| self.trials[i].last_loss())
    }
    /// Most trials any bracket starts.
    pub fn largest_bracket(&self) -> usize {
        self.brackets.iter().map(|b| b[0].n).max().unwrap_or(0)
    }
    /// Whether the method stopped the first-round trial that would have finished best.
    pub fn stopped_the_winner(&self) -> bool {
        self.hindsight.as_ref().is_some_and(|h| h.stopped_at.is_some())
    }
}

impl LabRun {
    pub fn new(settings: Settings) -> Self {
        let trials = NetworkTrials::new(settings.problem, settings.seed, settings.max);
        let search = Search::new(settings.method, settings.min, settings.max, settings.eta, settings.trials, settings.budget(), settings.seed)
            .expect("the knobs' bounds keep the brackets valid");
        LabRun { settings, trials, search, hindsight: Vec::new(), hindsight_done: false }
    }

    /// Builds from a query and runs the search and its hindsight to the end.
    pub fn finished_from_query(query: &str) -> Self {
        let mut run = LabRun::new(Settings::from_query(query));
        run.finish();
        run
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    pub fn search(&self) -> &Search {
        &self.search
    }
    pub fn is_finished(&self) -> bool {
        self.search.is_done() && self.hindsight_done
    }

    /// One epoch of every running trial; once the search is done, one epoch of hindsight for
    /// every first-round trial. False when there is nothing left to do.
    pub fn step(&mut self) -> bool {
        if !self.search.is_done() {
            if self.search.step(&mut self.trials) {
                return true;
            }
            if !self.search.is_done() {
                return true;
            }
        }
        self.hindsight_step()
    }

    pub fn finish(&mut self) {
        while self.step() {}
    }

    /// As [`step`](Self::step), with the search's step spread over frames by [`step_sliced`]:
    /// `None` when out of time before the step could be taken.
    pub fn step_within(&mut self, has_time: &mut dyn FnMut() -> bool) -> Option<bool> {
        if !self.search.is_done() {
            let more = step_sliced(&mut self.search, &mut self.trials, has_time)?;
            return Some(more || !self.search.is_done() || !self.hindsight_done);
        }
        Some(self.hindsight_step())
    }

    fn first_round(&self) -> Vec<usize> {
        let trials = self.search.trials();
        match self.settings.method {
            Method::SuccessiveHalving | Method::Hyperband => (0..trials.len()).filter(|&i| trials[i].bracket == 0).collect(),
            // The asynchronous methods have no rounds: look at the first networks they started.
            _ => (0..trials.len().min(HINDSIGHT_TRIALS)).collect(),
        }
    }

    fn hindsight_step(&mut self) -> bool {
        if self.hindsight_done {
            return false;
        }
        if self.hindsight.is_empty() {
            self.hindsight = self.first_round();
        }
        let max = self.settings.max;
        let mut progressed = false;
        for &i in &self.hindsight {
            let id = self.search.trials()[i].id;
            let have = self.trials.curve(id).len();
            if have < max {
                self.trials.loss(id, have + 1);
                progressed = true;
            }
        }
        if !progressed {
            self.hindsight_done = true;
        }
        progressed
    }

    pub fn snapshot(&self) -> Snapshot {
        let trials = self.search.trials().to_vec();
        let brackets = self.search.brackets().to_vec();
        let bracket_method = matches!(self.settings.method, Method::SuccessiveHalving | Method::Hyperband);
        let (filled, latest_round) = if bracket_method {
            let count = brackets.len();
            let latest: Vec<Option<usize>> = (0..count).map(|b| trials.iter().map(|t| t.bracket).filter(|round| round % count == b).max()).collect();
            let filled = brackets
                .iter()
                .zip(&latest)
                .map(|(rungs, latest)| rungs.iter().map(|rung| latest.map_or(0, |round| trials.iter().filter(|t| t.bracket == round && t.epochs() >= rung.r).count())).collect())
                .collect();
            (filled, latest)
        } else {
            (Vec::new(), Vec::new())
        };
        let best = self.search.best_trial().and_then(|b| trials.iter().position(|t| t == b));
        let hindsight = self.hindsight_done.then(|| self.hindsight_of(&trials)).flatten();
        Snapshot {
            settings: self.settings,
            budget: self.search.budget,
            spent: self.search.spent(),
            done: self.search.is_done(),
            brackets,
            filled,
            latest_round,
            position: self.search.position(),
            // Only the methods that compare networks at rungs have rung lines.
            rungs: if matches!(self.settings.method, Method::Median | Method::Random | Method::Bayes) { Vec::new() } else { self.search.rung_resources().to_vec() },
            trace: self.search.trace().to_vec(),
            best,
            hindsight,
            trials,
        }
    }

    fn hindsight_of(&self, trials: &[TrialRecord]) -> Option<Hindsight> {
        let max = self.settings.max;
        let full_curves: Vec<(usize, Vec<f64>)> = self.hindsight.iter().map(|&i| (i, self.trials.curve(trials[i].id)[..max].to_vec())).collect();
        let (winner, winner_loss) = full_curves
            .iter()
            .map(|(i, c)| (*i, c[max - 1]))
            .filter(|(_, v)| v.is_finite())
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))?;
        let (stopped_at, cut_at) = match trials[winner].state {
            TrialState::Stopped { epoch } => (Some(epoch), None),
            TrialState::Cut { epoch } => (None, Some(epoch)),
            _ => (None, None),
        };
        Some(Hindsight { winner, winner_loss, stopped_at, cut_at, full_curves })
    }
}
