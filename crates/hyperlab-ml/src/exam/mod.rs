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

/// Every guided challenge's id, across the labs (the hub counts them in mastery).
pub fn challenge_ids() -> Vec<&'static str> {
    use crate::labs::*;
    let mut ids: Vec<&'static str> = Vec::new();
    ids.extend(learning_rate::CHALLENGES.iter().map(|c| c.info.id));
    ids.extend(regularization::CHALLENGES.iter().map(|c| c.info.id));
    ids.extend(training::CHALLENGES.iter().map(|c| c.info.id));
    ids.extend(cross_validation::CHALLENGES.iter().map(|c| c.info.id));
    ids.extend(search::CHALLENGES.iter().map(|c| c.info.id));
    ids.extend(trees::CHALLENGES.iter().map(|c| c.info.id));
    ids.extend(budgets::CHALLENGES.iter().map(|c| c.info.id));
    ids
}

/// Every guided challenge's description, across the labs.
pub fn challenge_infos() -> Vec<crate::labs::ChallengeInfo> {
    use crate::labs::*;
    let mut out = Vec::new();
    out.extend(learning_rate::CHALLENGES.iter().map(|c| c.info));
    out.extend(regularization::CHALLENGES.iter().map(|c| c.info));
    out.extend(training::CHALLENGES.iter().map(|c| c.info));
    out.extend(cross_validation::CHALLENGES.iter().map(|c| c.info));
    out.extend(search::CHALLENGES.iter().map(|c| c.info));
    out.extend(trees::CHALLENGES.iter().map(|c| c.info));
    out.extend(budgets::CHALLENGES.iter().map(|c| c.info));
    out
}
