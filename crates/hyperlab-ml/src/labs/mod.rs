//! The labs' native side: each lab's typed settings, model and guided challenges live in a
//! module here so lesson tests run natively. Guided challenges: one type for every lab, so an exam-prep hub can list, track and export
//! them all. A challenge is checked against the lab's live state, never against a canned answer.

/// A one-click state that makes one claim visible. The app shows `claim` under the buttons
/// while the lab's state matches `query`; every claim has a lesson test over seeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    pub name: &'static str,
    /// What the preset shows, in a sentence.
    pub claim: &'static str,
    /// The knobs it sets, as a query string; knobs it leaves out keep their defaults.
    pub query: &'static str,
}

/// Which preset's claim speaks for a state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PresetMatch {
    /// The state has every knob the preset names at the preset's value: its claim holds here.
    Exact(&'static Preset),
    /// Every knob but the seed: the claim was checked at the preset's seed, not this one.
    OtherSeed(&'static Preset),
}

impl Preset {
    /// Whether `current` has every knob this preset names at the preset's value, leaving out
    /// `except` (a key).
    fn agrees(&self, current: &crate::schema::ParamState, except: Option<&str>) -> bool {
        let wanted = crate::schema::ParamState::from_query(current.schema(), self.query).0;
        crate::schema::query_keys(self.query).filter(|k| Some(k.as_str()) != except).all(|k| wanted.get(&k) == current.get(&k))
    }

    /// The preset whose claim the panel shows for `current`: an exact match, or else one that
    /// differs only in its pinned seed (its claim was measured at that seed and may not hold at
    /// another, so the page says so instead of showing it or showing nothing).
    pub fn for_state(presets: &'static [Preset], current: &crate::schema::ParamState) -> Option<PresetMatch> {
        presets.iter().find(|p| p.agrees(current, None)).map(PresetMatch::Exact).or_else(|| {
            presets.iter().find(|p| p.seed().is_some() && p.agrees(current, Some("seed"))).map(PresetMatch::OtherSeed)
        })
    }

    /// The seed this preset pins, if it names one.
    pub fn seed(&self) -> Option<String> {
        let query = self.query.strip_prefix('?').unwrap_or(self.query);
        query.split('&').find_map(|pair| pair.strip_prefix("seed=")).map(str::to_string)
    }
}

/// What a hub needs to list a challenge, independent of the lab's state type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChallengeInfo {
    /// Unique across labs; `[a-z0-9-]`. Stored in progress, so never rename one.
    pub id: &'static str,
    /// The lab's slug.
    pub lab: &'static str,
    pub title: &'static str,
    pub prompt: &'static str,
    pub hint: &'static str,
    /// Why it works: shown once the challenge is done.
    pub explanation: &'static str,
    /// A query string that sets up a good starting point (empty: none). Must not already meet
    /// the challenge: a challenge met by its own set-up teaches nothing.
    pub setup: &'static str,
    /// A scripted learner's solution: knob moves (a query) applied on top of `setup` that meet it.
    pub solution: &'static str,
    /// The usual wrong answer (what the hint warns against), applied on top of `setup`: must not
    /// meet it.
    pub wrong_answer: &'static str,
    /// Set when the check counts only at the set-up's seed (its `seed=N`), with why: on some other
    /// seeds the set-up or the usual wrong answer meets it by luck, so a seed change alone would
    /// "solve" it. The page shows it after the prompt as [`ChallengeInfo::seed_note`].
    pub seed_pinned_because: Option<&'static str>,
}

impl ChallengeInfo {
    /// The seed the set-up's query names, if any.
    pub fn setup_seed(&self) -> Option<u64> {
        self.setup.split('&').find_map(|pair| pair.strip_prefix("seed=")).and_then(|v| v.parse().ok())
    }

    /// "Counts only at seed N (the set-up's seed): …", for a challenge judged at its set-up's seed.
    pub fn seed_note(&self) -> Option<String> {
        let because = self.seed_pinned_because?;
        Some(format!("Counts only at seed {} (the set-up's seed): {because}", self.setup_seed()?))
    }
}

/// A lab state's RNG seed, which a challenge judged at its set-up's seed compares.
pub trait Seeded {
    fn seed(&self) -> u64;
}

/// A challenge with its check on a lab's live state `S`.
pub struct Challenge<S: 'static> {
    pub info: ChallengeInfo,
    pub check: fn(&S) -> bool,
}

impl<S: Seeded> Challenge<S> {
    /// Its check, and for a challenge pinned to its set-up's seed, that seed.
    pub fn is_met(&self, state: &S) -> bool {
        let at_its_seed = self.info.seed_pinned_because.is_none() || self.info.setup_seed() == Some(state.seed());
        at_its_seed && (self.check)(state)
    }

    /// The lesson test every challenge must pass: for each variant (extra knob moves such as
    /// `seed=3`, applied last), its set-up does not meet it, the scripted solution does, and the
    /// usual wrong answer does not. `run` builds the lab's model from a query as the page does,
    /// runs it to the end and returns the state the check reads.
    pub fn teaches(&self, run: impl Fn(&str) -> S, variants: &[&str]) -> Result<(), String> {
        let variants: &[&str] = if variants.is_empty() { &[""] } else { variants };
        for variant in variants {
            let setup = apply_moves(self.info.setup, variant);
            if self.is_met(&run(&setup)) {
                return Err(format!("{}: its set-up already meets it ({setup})", self.info.id));
            }
            let solved = apply_moves(&apply_moves(self.info.setup, self.info.solution), variant);
            if !self.is_met(&run(&solved)) {
                return Err(format!("{}: the scripted solution does not meet it ({solved})", self.info.id));
            }
            let wrong = apply_moves(&apply_moves(self.info.setup, self.info.wrong_answer), variant);
            if self.is_met(&run(&wrong)) {
                return Err(format!("{}: the usual wrong answer meets it ({wrong})", self.info.id));
            }
        }
        Ok(())
    }
}

/// `base` with each `key=value` of `moves` replacing that key's value (or appended), as a learner
/// turning those knobs would leave the URL.
pub fn apply_moves(base: &str, moves: &str) -> String {
    let mut pairs: Vec<(String, String)> = base
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_string(), v.to_string())
        })
        .collect();
    for m in moves.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = m.split_once('=').unwrap_or((m, ""));
        match pairs.iter_mut().find(|(key, _)| key == k) {
            Some(pair) => pair.1 = v.to_string(),
            None => pairs.push((k.to_string(), v.to_string())),
        }
    }
    pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_replace_or_append_keys_in_order() {
        assert_eq!(apply_moves("a=1&b=2", "b=3&c=4"), "a=1&b=3&c=4");
        assert_eq!(apply_moves("", "x=1"), "x=1");
        assert_eq!(apply_moves("a=1", ""), "a=1");
    }

    /// A test lab's state: one knob and the seed.
    struct Knob {
        x: f64,
        seed: u64,
    }

    impl Seeded for Knob {
        fn seed(&self) -> u64 {
            self.seed
        }
    }

    fn run(q: &str) -> Knob {
        let read = |key| crate::schema::query_value(q, key).and_then(|v| crate::schema::parse_decimal(&v)).unwrap_or(0.0);
        Knob { x: read("x"), seed: read("seed") as u64 }
    }

    const INFO: ChallengeInfo = ChallengeInfo { id: "t", lab: "t", title: "", prompt: "", hint: "", explanation: "",
        setup: "x=1&seed=7", solution: "x=5", wrong_answer: "x=2", seed_pinned_because: None };

    #[test]
    fn teaches_rejects_a_challenge_met_by_its_setup() {
        static C: Challenge<Knob> = Challenge { info: INFO, check: |k| k.x > 3.0 };
        assert!(C.teaches(run, &[]).is_ok());
        static MET_BY_SETUP: Challenge<Knob> = Challenge { info: ChallengeInfo { setup: "x=4", ..INFO }, check: |k| k.x > 3.0 };
        assert!(MET_BY_SETUP.teaches(run, &[]).unwrap_err().contains("set-up"));
    }

    #[test]
    fn a_pinned_challenge_counts_only_at_its_setups_seed() {
        static PINNED: Challenge<Knob> = Challenge { info: ChallengeInfo { seed_pinned_because: Some("luck."), ..INFO }, check: |k| k.x > 3.0 };
        assert_eq!(PINNED.info.setup_seed(), Some(7));
        assert_eq!(PINNED.info.seed_note().as_deref(), Some("Counts only at seed 7 (the set-up's seed): luck."));
        assert!(PINNED.is_met(&run("x=5&seed=7")));
        assert!(!PINNED.is_met(&run("x=5&seed=8")));
        assert!(PINNED.teaches(run, &[]).is_ok());
        assert!(PINNED.teaches(run, &["seed=8"]).unwrap_err().contains("solution"));
        // Unpinned, the seed does not matter, and no note is shown.
        static FREE: Challenge<Knob> = Challenge { info: INFO, check: |k| k.x > 3.0 };
        assert!(FREE.is_met(&run("x=5&seed=8")) && FREE.info.seed_note().is_none());
    }
}

/// Whether a string is a valid challenge id.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

/// The entry of `all` a choice knob's index names (the last one for an index past the end).
fn pick<T: Copy>(all: &[T], index: usize) -> T {
    all[index.min(all.len() - 1)]
}

/// `Default` for a lab's typed settings: its schema's defaults, read once through `from_params`
/// (so the default state and a link without keys open the same model).
macro_rules! defaults_from_schema {
    ($settings:ty, $schema:expr) => {
        impl Default for $settings {
            fn default() -> Self {
                Self::from_params(&$crate::schema::ParamState::defaults(&$schema))
            }
        }
    };
}

/// [`Seeded`] for a lab state whose seed is the field at `$path` (one impl per lab: every
/// lab's challenges compare it the same way).
macro_rules! seeded_by {
    ($state:ty, $($path:ident).+) => {
        impl $crate::labs::Seeded for $state {
            fn seed(&self) -> u64 {
                self.$($path).+
            }
        }
    };
}

pub mod budgets;
pub mod catalogue;
pub mod embed;
pub mod cross_validation;
pub mod learning_rate;
pub mod regularization;
pub mod search;
pub mod toy_data;
pub mod training;
pub mod trees;
