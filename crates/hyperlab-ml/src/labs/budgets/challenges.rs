//! The budgets lab's guided challenges, checked against the finished run (and the race, when it
//! is on).

use super::race::RaceSummary;
use super::run::Snapshot;
use super::SLUG;
use crate::budgets::Method;
use crate::labs::{Challenge, ChallengeInfo};

/// Seeds (of 20) on which Hyperband must beat random search.
pub const RACE_WINS: usize = 15;

/// What the challenges read: the live run and, when the race is on, its summary.
#[derive(Clone, Debug, PartialEq)]
pub struct LabState {
    pub run: Snapshot,
    pub race: Option<RaceSummary>,
}

seeded_by!(LabState, run.settings.seed);

/// R of the bracket-of-27 challenge: not the default 27, so a fresh load does not meet it.
pub const BRACKET_27_R: usize = 54;

fn bracket_27(s: &LabState) -> bool {
    s.run.settings.method == Method::Hyperband && s.run.settings.max == BRACKET_27_R && s.run.brackets.iter().any(|b| b[0].n == 27)
}

fn two_brackets(s: &LabState) -> bool {
    s.run.settings.method == Method::Hyperband && s.run.brackets.len() == 2
}

fn stopped_winner(s: &LabState) -> bool {
    s.run.settings.method == Method::SuccessiveHalving && s.run.done && s.run.stopped_the_winner()
}

fn hyperband_wins(s: &LabState) -> bool {
    s.race.as_ref().is_some_and(|r| r.seeds == super::RACE_SEEDS && r.wins(Method::Hyperband, Method::Random) >= RACE_WINS)
}

pub static CHALLENGES: [Challenge<LabState>; 4] = [
    Challenge {
        info: ChallengeInfo {
            id: "budgets-bracket-27",
            lab: SLUG,
            title: "A bracket of 27",
            prompt: "With R = 54 epochs, set η so that one of Hyperband's brackets starts 27 networks.",
            hint: "The most aggressive bracket starts about η^s_max networks at R/η^s_max epochs. Which η has a power equal to 27 that fits in 54?",
            explanation: "With η = 3, s_max = ⌊log₃ 54⌋ = 3, and the first bracket starts ⌈4/4 · 3³⌉ = 27 networks at 2 epochs, keeping 9, 3 and 1 of them with 6, 18 and 54 epochs. η = 2 or 4 gives brackets of 32, 20, 12 … or 16, 6, 3 networks.",
            setup: "method=hyperband&rmin=1&rmax=54&eta=2",
            solution: "eta=3",
            wrong_answer: "eta=4",
            seed_pinned_because: None,
        },
        check: bracket_27,
    },
    Challenge {
        info: ChallengeInfo {
            id: "budgets-two-brackets",
            lab: SLUG,
            title: "Fewer brackets",
            prompt: "Keep R = 27 and η = 3, and change the minimum resource so that Hyperband has only two brackets.",
            hint: "Hyperband has ⌊log_η(R / minimum)⌋ + 1 brackets.",
            explanation: "Any minimum from 4 to 9 epochs puts R / minimum between 3 and 6.75, so s_max = ⌊log₃(R / minimum)⌋ = 1: one bracket of successive halving (9 epochs, then 27) and one that trains every network the full 27. The rungs are R divided by powers of η, so the first rung is 9 epochs for every one of these minimums: the minimum is a lower bound on the shortest rung, not the rung itself. A larger minimum means fewer, gentler brackets: less is spent on very short runs that might mislead, and fewer networks are tried.",
            setup: "method=hyperband&rmin=1&rmax=27&eta=3",
            solution: "rmin=9",
            wrong_answer: "rmin=3",
            seed_pinned_because: None,
        },
        check: two_brackets,
    },
    Challenge {
        info: ChallengeInfo {
            id: "budgets-stopped-winner",
            lab: SLUG,
            title: "The winner stopped early",
            prompt: "Find a problem on which successive halving stops the network that would have finished best (hindsight trains the first round to the end and tells you).",
            hint: "On the circles with this seed, the eventual winner survives the cuts. Look for a problem where fast learners lead early and then overfit.",
            explanation: "Successive halving ranks networks by their loss after a few epochs. On the small noisy blobs, the fastest learners reach a low loss first and then overfit the 30 training points, while a slower network keeps improving: the ranking after 1 or 3 epochs is not the ranking after 27, and the eventual winner is cut. Hyperband's gentler brackets hedge against this: over 20 seeds its median result here beats successive halving's.",
            setup: "problem=steady&method=sh&rmin=1&rmax=27&eta=3&trials=27&seed=1",
            solution: "problem=crossing",
            wrong_answer: "method=random",
            seed_pinned_because: Some("on the circles, successive halving stops the winner on most other seeds, so a seed change alone would pass it without finding the problem where fast learners overfit."),
        },
        check: stopped_winner,
    },
    Challenge {
        info: ChallengeInfo {
            id: "budgets-hyperband-15-of-20",
            lab: SLUG,
            title: "Hyperband beats random search",
            prompt: "With the race on from seed 1 (it races seeds 1–20), make Hyperband find a better network than random search (with the same epoch budget) on at least 15 of the 20 seeds.",
            hint: "Hyperband bets on short runs. Pick a problem where short runs predict long ones; then make the shared budget (Hyperband's own cost, set by the minimum resource, R and η) buy random search only a few full runs.",
            explanation: "On the circles, short runs predict long ones roughly: well enough for Hyperband's cheap looks to pay off, though the eventual best network is often among those cut (successive halving cuts it on 13 of seeds 1–20). With a minimum of 1 epoch the shared budget is 357 epochs: random search, training one network at a time, finishes 13 networks in it, and Hyperband beats it on 13 of seeds 1–20. A minimum of 3 epochs shrinks Hyperband's brackets and with them the budget, to 207 epochs: random search now finishes only 7 networks (its median rises from 0.3623 to 0.4474), while Hyperband's brackets still start 9 + 5 + 3 = 17 networks and its median barely moves (0.322 to 0.3118); it wins on 15 of seeds 1–20 (from other seeds the counts differ). The fewer full runs the budget buys, the more Hyperband's cheap looks are worth. On the noisy blobs with R = 27, short runs mislead and random search beats Hyperband on most seeds.",
            setup: "problem=crossing&rmin=1&rmax=27&eta=3&race=true&seed=1",
            solution: "problem=steady&rmin=3",
            // Switching to the circles alone: 13 of 20.
            wrong_answer: "problem=steady",
            seed_pinned_because: Some("the race then covers seeds 1–20, not a run of 20 seeds picked for luck."),
        },
        check: hyperband_wins,
    },
];
