//! What the learner knows: a Leitner schedule per question, stored as versioned text in local
//! storage and exported to (and imported from) a file. Stored and imported text is untrusted:
//! anything that is not exactly this format resets, and the caller tells the learner why.

use super::bank::Bank;
use crate::labs::valid_id;
use std::collections::BTreeMap;

/// First line of the stored and exported text. Bump the version when the format changes.
pub const HEADER: &str = "hyperlab-practice v1";
const HEADER_PREFIX: &str = "hyperlab-practice v";
pub const VERSION: u32 = 1;
/// Leitner boxes 1..=5; a card in box b comes back `INTERVAL_DAYS[b - 1]` days after an answer.
pub const BOXES: u8 = 5;
pub const INTERVAL_DAYS: [i64; 5] = [1, 2, 4, 8, 16];
const MAX_LINES: usize = 5000;

/// One question's schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Card {
    /// 1 (just missed, or new) … 5 (known).
    pub leitner_box: u8,
    /// The day (days since the Unix epoch) it is due again.
    pub due_day: i64,
    pub right: u32,
    pub wrong: u32,
    /// The day of the last answer.
    pub last_day: i64,
}

impl Card {
    /// A right answer given when the card is due (today on or after its due day; a new card is
    /// due) moves it up a box and schedules it after that box's interval. A right answer before
    /// the card is due (a same-day repeat, a reload) is counted but changes neither the box nor
    /// the due day, so the schedule cannot be climbed faster than its waits. A wrong answer, due
    /// or not, puts it back in box 1, due the next day.
    pub fn answer(card: Option<Card>, correct: bool, today: i64) -> Card {
        let mut c = card.unwrap_or(Card { leitner_box: 1, due_day: today, right: 0, wrong: 0, last_day: today });
        if correct {
            c.right = c.right.saturating_add(1);
            if today >= c.due_day {
                c.leitner_box = (c.leitner_box + 1).min(BOXES);
                c.due_day = today + INTERVAL_DAYS[(c.leitner_box - 1) as usize];
            }
        } else {
            c.wrong = c.wrong.saturating_add(1);
            c.leitner_box = 1;
            c.due_day = today + INTERVAL_DAYS[0];
        }
        c.last_day = today;
        c
    }

    /// How well it is known, 0 (missed last time) to 1 (top box).
    pub fn strength(&self) -> f64 {
        (self.leitner_box.saturating_sub(1)) as f64 / (BOXES - 1) as f64
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Practice {
    pub cards: BTreeMap<String, Card>,
}

/// Why stored or imported text was not used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// Not Hyperlab practice data at all.
    Foreign,
    /// Ours, from a newer version of Hyperlab than this page.
    Future,
    /// Ours, from an older format this page no longer reads.
    Older,
    /// Ours, but damaged.
    Corrupt,
}

impl LoadError {
    /// What the learner is told (the caller says whether it came from storage or a file).
    pub fn describe(self) -> &'static str {
        match self {
            LoadError::Foreign => "it is not Hyperlab practice data",
            LoadError::Future => "it was saved by a newer version of Hyperlab",
            LoadError::Older => "it was saved by an older version of Hyperlab",
            LoadError::Corrupt => "it is damaged",
        }
    }
}

/// An exported file: the practice schedule and the labs' completed challenges.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Export {
    pub practice: Practice,
    /// Challenge id → completed at (ms since the Unix epoch).
    pub challenges: BTreeMap<String, f64>,
}

fn number<T: std::str::FromStr>(s: &str) -> Result<T, LoadError> {
    s.parse().map_err(|_| LoadError::Corrupt)
}

impl Export {
    pub fn parse(text: &str) -> Result<Export, LoadError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = text.lines();
        let header = lines.next().unwrap_or("").trim_end();
        if header != HEADER {
            return Err(match header.strip_prefix(HEADER_PREFIX).map(str::parse::<u32>) {
                Some(Ok(v)) if v > VERSION => LoadError::Future,
                Some(Ok(_)) => LoadError::Older,
                Some(Err(_)) => LoadError::Corrupt,
                None => LoadError::Foreign,
            });
        }
        let mut out = Export::default();
        for (i, line) in lines.enumerate() {
            if i >= MAX_LINES {
                return Err(LoadError::Corrupt);
            }
            let line = line.trim_end_matches('\r');
            if line.is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            match f.as_slice() {
                ["q", id, b, due, right, wrong, last] => {
                    let card = Card { leitner_box: number(b)?, due_day: number(due)?, right: number(right)?, wrong: number(wrong)?, last_day: number(last)? };
                    if !valid_id(id) || !(1..=BOXES).contains(&card.leitner_box) || out.practice.cards.insert(id.to_string(), card).is_some() {
                        return Err(LoadError::Corrupt);
                    }
                }
                ["c", id, when] => {
                    let when = crate::schema::parse_decimal(when).ok_or(LoadError::Corrupt)?;
                    if !valid_id(id) || !when.is_finite() || when < 0.0 || out.challenges.insert(id.to_string(), when).is_some() {
                        return Err(LoadError::Corrupt);
                    }
                }
                _ => return Err(LoadError::Corrupt),
            }
        }
        Ok(out)
    }

    pub fn serialize(&self) -> String {
        let mut out = String::from(HEADER);
        for (id, c) in &self.practice.cards {
            out.push_str(&format!("\nq\t{id}\t{}\t{}\t{}\t{}\t{}", c.leitner_box, c.due_day, c.right, c.wrong, c.last_day));
        }
        for (id, when) in &self.challenges {
            out.push_str(&format!("\nc\t{id}\t{when}"));
        }
        out.push('\n');
        out
    }
}

impl Practice {
    /// Reads what local storage holds (challenge lines, if any, are ignored: the labs keep those).
    pub fn parse(text: &str) -> Result<Practice, LoadError> {
        Export::parse(text).map(|e| e.practice)
    }

    pub fn serialize(&self) -> String {
        Export { practice: self.clone(), challenges: BTreeMap::new() }.serialize()
    }

    pub fn record(&mut self, id: &str, correct: bool, today: i64) {
        let card = Card::answer(self.cards.get(id).copied(), correct, today);
        self.cards.insert(id.to_string(), card);
    }

    /// Takes each imported card that is newer than (or missing from) this record.
    pub fn merge(&mut self, other: &Practice) {
        for (id, card) in &other.cards {
            match self.cards.get(id) {
                Some(mine) if mine.last_day > card.last_day => {}
                _ => {
                    self.cards.insert(id.clone(), *card);
                }
            }
        }
    }

    /// Questions due for review on `today` that the bank still has: most recently missed first
    /// (lowest box), then the longest overdue.
    pub fn due<'a>(&'a self, bank: &Bank, today: i64) -> Vec<&'a str> {
        let mut due: Vec<(&str, &Card)> =
            self.cards.iter().filter(|(id, c)| c.due_day <= today && bank.question(id).is_some()).map(|(id, c)| (id.as_str(), c)).collect();
        crate::sorting::sort_by(&mut due, &|(a, ca), (b, cb)| (ca.leitner_box, ca.due_day, a).cmp(&(cb.leitner_box, cb.due_day, b)));
        due.into_iter().map(|(id, _)| id).collect()
    }

    /// The first day after `today` anything is due, if nothing is due today.
    pub fn next_due_day(&self, today: i64) -> Option<i64> {
        self.cards.values().map(|c| c.due_day).filter(|&d| d > today).min()
    }
}

/// One concept's standing: its questions' Leitner strength and its labs' challenges done.
#[derive(Clone, Debug, PartialEq)]
pub struct Mastery {
    pub concept: String,
    /// 0 … 1: the mean over the concept's questions (strength; 0 unanswered) and challenges (1 done).
    pub score: f64,
    pub questions: usize,
    pub answered: usize,
    pub missed_last_time: usize,
    pub challenges: usize,
    pub challenges_done: usize,
}

/// Every concept's mastery, in the bank's concept order.
pub fn mastery(bank: &Bank, practice: &Practice, challenges_done: &dyn Fn(&str) -> bool) -> Vec<Mastery> {
    bank.concepts
        .iter()
        .map(|concept| {
            let c = concept.id.as_str();
            let qs: Vec<&str> = bank.questions.iter().filter(|q| q.concepts.iter().any(|x| x == c)).map(|q| q.id.as_str()).collect();
            let cards: Vec<&Card> = qs.iter().filter_map(|id| practice.cards.get(*id)).collect();
            let chs: Vec<&str> = bank.challenges.iter().filter(|(_, cs)| cs.iter().any(|x| x == c)).map(|(id, _)| id.as_str()).collect();
            let done = chs.iter().filter(|id| challenges_done(id)).count();
            let total = qs.len() + chs.len();
            let sum: f64 = cards.iter().map(|c| c.strength()).sum::<f64>() + done as f64;
            Mastery {
                concept: c.to_string(),
                score: if total == 0 { 0.0 } else { sum / total as f64 },
                questions: qs.len(),
                answered: cards.len(),
                missed_last_time: cards.iter().filter(|c| c.leitner_box == 1).count(),
                challenges: chs.len(),
                challenges_done: done,
            }
        })
        .collect()
}

/// What to study next: the concept with the lowest mastery (ties: the one with more questions
/// missed last time, then bank order). `None` when every concept is mastered.
pub fn study_next(masteries: &[Mastery]) -> Option<&Mastery> {
    masteries
        .iter()
        .filter(|m| m.score < 1.0)
        .min_by(|a, b| a.score.total_cmp(&b.score).then(b.missed_last_time.cmp(&a.missed_last_time)))
}
