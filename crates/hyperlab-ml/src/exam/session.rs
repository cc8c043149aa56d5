//! Timed exams: a draw that follows the exam's task statements, the time allowed, and the score
//! report by task statement and by concept.

use super::bank::{Answer, Bank};
use crate::rng::SeededRng;

/// An exam's real format: questions and minutes (AWS exam guides: MLA-C01 65 questions in 130
/// minutes; MLS-C01 65 questions in 180 minutes).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExamFormat {
    pub exam: &'static str,
    pub questions: usize,
    pub minutes: u32,
}

pub const EXAM_FORMATS: [ExamFormat; 2] = [
    ExamFormat { exam: "MLA-C01", questions: 65, minutes: 130 },
    ExamFormat { exam: "MLS-C01", questions: 65, minutes: 180 },
];

/// Question counts a learner can choose.
pub const LENGTHS: [usize; 4] = [5, 10, 20, 65];

/// Seconds allowed for `count` questions at the real exam's pace (rounded up to a minute).
pub fn seconds_allowed(exam: &str, count: usize) -> u32 {
    let f = EXAM_FORMATS.iter().find(|f| f.exam == exam).unwrap_or(&EXAM_FORMATS[0]);
    let minutes = (f.minutes as f64 * count as f64 / f.questions as f64).ceil().max(1.0);
    minutes as u32 * 60
}

/// How many questions each of the exam's task statements gets: an equal share each (the exam
/// guides weight domains, not the task statements within one), largest remainder first, never
/// more than the bank holds for it.
pub fn quotas(bank: &Bank, exam: &str, count: usize) -> Vec<(String, usize)> {
    let tasks: Vec<&str> = bank.tasks.iter().filter(|t| t.exam == exam).map(|t| t.id.as_str()).collect();
    if tasks.is_empty() {
        return Vec::new();
    }
    let base = count / tasks.len();
    let extra = count % tasks.len();
    tasks.iter().enumerate().map(|(i, t)| (t.to_string(), base + usize::from(i < extra))).collect()
}

/// Draws `count` distinct questions for `exam` (indices into the bank), following [`quotas`]:
/// each task statement's quota from questions tagged with it, topped up from the exam's other
/// questions when one runs short. Deterministic for a seed.
pub fn draw(bank: &Bank, exam: &str, count: usize, seed: u64) -> Vec<usize> {
    let mut rng = SeededRng::new(seed);
    let in_exam = |i: usize| bank.questions[i].tasks.iter().any(|t| bank.task(t).is_some_and(|t| t.exam == exam));
    let mut picked: Vec<usize> = Vec::new();
    let take = |pool: Vec<usize>, n: usize, picked: &mut Vec<usize>, rng: &mut SeededRng| {
        let mut pool: Vec<usize> = pool.into_iter().filter(|i| !picked.contains(i)).collect();
        for _ in 0..n {
            if pool.is_empty() {
                break;
            }
            let j = ((rng.uniform() * pool.len() as f64) as usize).min(pool.len() - 1);
            picked.push(pool.swap_remove(j));
        }
    };
    for (task, n) in quotas(bank, exam, count) {
        let pool = (0..bank.questions.len()).filter(|&i| bank.questions[i].tasks.contains(&task)).collect();
        take(pool, n, &mut picked, &mut rng);
    }
    let short = count.saturating_sub(picked.len());
    take((0..bank.questions.len()).filter(|&i| in_exam(i)).collect(), short, &mut picked, &mut rng);
    picked
}

/// Right out of total, for one task statement or concept.
#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    pub id: String,
    pub right: usize,
    pub total: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub right: usize,
    pub total: usize,
    pub by_task: Vec<Tally>,
    pub by_concept: Vec<Tally>,
    /// Positions (in the exam) of questions answered wrong or left blank.
    pub wrong: Vec<usize>,
}

impl Report {
    pub fn percent(&self) -> f64 {
        if self.total == 0 { 0.0 } else { 100.0 * self.right as f64 / self.total as f64 }
    }
}

fn tally(list: &mut Vec<Tally>, id: &str, right: bool) {
    match list.iter_mut().find(|t| t.id == id) {
        Some(t) => {
            t.total += 1;
            t.right += usize::from(right);
        }
        None => list.push(Tally { id: id.to_string(), right: usize::from(right), total: 1 }),
    }
}

/// Scores an exam of `exam` (e.g. "MLA-C01"): `questions` are bank indices, `answers` the
/// learner's (None: left blank). Only that exam's task statements are listed, and each question
/// counts once, under its first task statement in that exam, so the task totals add up to the
/// number of questions. Task statements and concepts are listed in the bank's order.
pub fn report(bank: &Bank, exam: &str, questions: &[usize], answers: &[Option<Answer>]) -> Report {
    let mut r = Report { right: 0, total: questions.len(), by_task: Vec::new(), by_concept: Vec::new(), wrong: Vec::new() };
    for (pos, &qi) in questions.iter().enumerate() {
        let q = &bank.questions[qi];
        let ok = answers.get(pos).and_then(Option::as_ref).is_some_and(|a| q.grade(a));
        if ok {
            r.right += 1;
        } else {
            r.wrong.push(pos);
        }
        if let Some(t) = q.tasks.iter().find(|t| bank.task(t).is_some_and(|t| t.exam == exam)) {
            tally(&mut r.by_task, t, ok);
        }
        q.concepts.iter().for_each(|c| tally(&mut r.by_concept, c, ok));
    }
    let task_rank = |id: &str| bank.tasks.iter().position(|t| t.id == id).unwrap_or(usize::MAX);
    let concept_rank = |id: &str| bank.concepts.iter().position(|c| c.id == id).unwrap_or(usize::MAX);
    crate::sorting::sort_by(&mut r.by_task, &|a, b| task_rank(&a.id).cmp(&task_rank(&b.id)));
    crate::sorting::sort_by(&mut r.by_concept, &|a, b| concept_rank(&a.id).cmp(&concept_rank(&b.id)));
    r
}
