//! Exam preparation: the question bank (data, validated here), its live-checked answer keys, the
//! Leitner schedule and versioned progress, and timed exams with their score reports. Pure Rust:
//! the `/practice/` page draws it, the native tests check it.

pub mod bank;
pub mod json;
pub mod live;
pub mod progress;
pub mod session;
pub mod texts;

pub use bank::{lab_schema, link_problems, Answer, Bank, Check, Choice, Concept, Format, Question, Task, BANK_JSON};
pub use progress::{mastery, study_next, Card, Export, LoadError, Mastery, Practice};
pub use session::{draw, quotas, report, seconds_allowed, Report, Tally, EXAM_FORMATS, LENGTHS};

/// One lab's challenge descriptions, copied out when the crate is compiled: the hub reads these,
/// never the `CHALLENGES` statics, whose checks (and the models they run) would otherwise all be
/// linked into the practice page's bundle.
const fn infos<S, const N: usize>(challenges: &[crate::labs::Challenge<S>; N]) -> [crate::labs::ChallengeInfo; N] {
    let mut out = [challenges[0].info; N];
    let mut i = 1;
    while i < N {
        out[i] = challenges[i].info;
        i += 1;
    }
    out
}

/// Every lab's challenge descriptions, in the labs' order.
static INFOS: [&[crate::labs::ChallengeInfo]; 7] = {
    use crate::labs::*;
    [
        &infos(&learning_rate::CHALLENGES),
        &infos(&regularization::CHALLENGES),
        &infos(&training::CHALLENGES),
        &infos(&cross_validation::CHALLENGES),
        &infos(&search::CHALLENGES),
        &infos(&trees::CHALLENGES),
        &infos(&budgets::CHALLENGES),
    ]
};

/// Every guided challenge's id, across the labs (the hub counts them in mastery).
pub fn challenge_ids() -> Vec<&'static str> {
    INFOS.iter().flat_map(|lab| lab.iter().map(|c| c.id)).collect()
}

/// Every guided challenge's description, across the labs.
pub fn challenge_infos() -> Vec<crate::labs::ChallengeInfo> {
    INFOS.iter().flat_map(|lab| lab.iter().copied()).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_copied_infos_are_the_labs_challenges_in_order() {
        use crate::labs::*;
        let mut expected = Vec::new();
        expected.extend(learning_rate::CHALLENGES.iter().map(|c| c.info));
        expected.extend(regularization::CHALLENGES.iter().map(|c| c.info));
        expected.extend(training::CHALLENGES.iter().map(|c| c.info));
        expected.extend(cross_validation::CHALLENGES.iter().map(|c| c.info));
        expected.extend(search::CHALLENGES.iter().map(|c| c.info));
        expected.extend(trees::CHALLENGES.iter().map(|c| c.info));
        expected.extend(budgets::CHALLENGES.iter().map(|c| c.info));
        assert_eq!(super::challenge_infos(), expected);
        assert_eq!(super::challenge_ids(), expected.iter().map(|c| c.id).collect::<Vec<_>>());
    }
}
