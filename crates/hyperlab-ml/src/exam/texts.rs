//! Every sentence the practice hub states about how it works (the questions' own texts live in
//! the bank). Each has a lesson test in `tests/exam_progress.rs` against the code it describes.

use super::bank::Bank;
use super::progress::INTERVAL_DAYS;
use super::session::ExamFormat;

/// The hub's introduction: the question count and the task statements the bank is tagged with.
pub fn intro(bank: &Bank) -> String {
    let tasks = |exam: &str| {
        bank.tasks.iter().filter(|t| t.exam == exam).map(|t| t.id.split_once('-').map_or(t.id.as_str(), |(_, n)| n)).collect::<Vec<_>>().join(", ")
    };
    format!(
        "{} questions in the style of the AWS MLA-C01 (task statements {}) and MLS-C01 (task statements {}) exams: multiple choice, multiple response, ordering and matching. Every option explains itself, and where a live model decides the answer, “Prove it” opens the lab in the state that shows it.",
        bank.questions.len(),
        tasks("MLA-C01"),
        tasks("MLS-C01")
    )
}

/// How review works, with the schedule's intervals as the scheduler has them.
pub fn review_rule() -> String {
    let days: Vec<String> = INTERVAL_DAYS.iter().map(|d| d.to_string()).collect();
    format!(
        "Questions you answered come back on a Leitner schedule: a miss puts the question in the first box, due again the next day; a right answer moves it up a box only when the question is due, so answering again before then (the same day, a reload) does not move it, and the waits are {} days.",
        days.join(", ")
    )
}

/// How an exam is drawn and timed.
pub const EXAM_DRAW_NOTE: &str = "Questions are drawn from the chosen exam's task statements in equal shares (the exam guides weight domains, not the task statements within one), and the time allowed is the real exam's pace. No feedback until you submit.";

/// One exam's real format.
pub fn exam_format_label(f: &ExamFormat) -> String {
    format!("{} ({} questions in {} minutes)", f.exam, f.questions, f.minutes)
}

/// How mastery is computed.
pub const MASTERY_CAPTION: &str = "Mastery by concept: each question counts by its Leitner box (0 % when new or just missed, 100 % in the top box, which takes four right answers each given on its due day) and each lab challenge 100 % once done.";

/// Where progress lives.
pub const TRANSFER_NOTE: &str = "Progress lives only in this browser (no account, no server). Export it to a file and import it in another browser; an import keeps the newer record of each question and adds the challenges you completed.";
