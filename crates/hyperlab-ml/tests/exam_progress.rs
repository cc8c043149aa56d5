//! The Leitner scheduler, mastery and "what to study next", exam draws and reports, and the
//! stored/exported progress format with its corruption cases.

use hyperlab_ml::exam::progress::{BOXES, HEADER, INTERVAL_DAYS};
use hyperlab_ml::exam::*;

fn bank() -> Bank {
    Bank::parse(BANK_JSON).unwrap()
}

#[test]
fn a_right_answer_moves_a_card_up_and_a_wrong_one_back_to_box_one() {
    let c = Card::answer(None, true, 100);
    assert_eq!((c.leitner_box, c.due_day, c.right, c.wrong), (2, 100 + INTERVAL_DAYS[1], 1, 0));
    let mut c = c;
    for _ in 0..10 {
        let due = c.due_day;
        c = Card::answer(Some(c), true, due);
    }
    assert_eq!(c.leitner_box, BOXES);
    assert_eq!(c.strength(), 1.0);
    let missed = Card::answer(Some(c), false, 300);
    assert_eq!((missed.leitner_box, missed.due_day, missed.wrong), (1, 300 + INTERVAL_DAYS[0], 1));
    assert_eq!(missed.strength(), 0.0);
}

#[test]
fn missed_questions_come_back_first_when_due() {
    let b = bank();
    let (a, c) = (&b.questions[0].id, &b.questions[1].id);
    let mut p = Practice::default();
    p.record(a, true, 10);
    p.record(c, false, 10);
    assert!(p.due(&b, 10).is_empty(), "nothing is due the day it was answered");
    assert_eq!(p.due(&b, 11), vec![c.as_str()], "the missed one is due the next day, the known one not yet");
    assert_eq!(p.due(&b, 12), vec![c.as_str(), a.as_str()], "missed (box 1) before known (box 2)");
    assert_eq!(p.next_due_day(10), Some(11));
    p.cards.insert("no-such-question".into(), Card::answer(None, false, 0));
    assert!(!p.due(&b, 12).contains(&"no-such-question"), "removed questions are not reviewed");
}

#[test]
fn study_next_is_the_weakest_concept_and_challenges_count() {
    let b = bank();
    let q = b.questions.iter().find(|q| q.concepts == ["learning-rate", "lr-regimes"]).unwrap();
    let mut p = Practice::default();
    let none = |_: &str| false;
    let m = mastery(&b, &p, &none);
    assert!(m.iter().all(|m| m.score == 0.0));
    for _ in 0..4 {
        p.record(&q.id, true, 1);
    }
    let m = mastery(&b, &p, &none);
    let lr = m.iter().find(|m| m.concept == "learning-rate").unwrap();
    assert!(lr.score > 0.0 && lr.answered == 1);
    let next = study_next(&m).unwrap();
    assert_ne!(next.concept, "learning-rate", "a concept with progress is not the weakest");
    let all = |_: &str| true;
    let with_challenges = mastery(&b, &p, &all);
    let cv = with_challenges.iter().find(|m| m.concept == "stratified").unwrap();
    assert!(cv.challenges >= 1 && cv.challenges_done == cv.challenges && cv.score > 0.0, "{cv:?}");
}

#[test]
fn storage_round_trips_and_exports_carry_challenges() {
    let b = bank();
    let mut p = Practice::default();
    p.record(&b.questions[0].id, true, 5);
    p.record(&b.questions[1].id, false, 6);
    assert_eq!(Practice::parse(&p.serialize()), Ok(p.clone()));
    let mut e = Export { practice: p, challenges: Default::default() };
    e.challenges.insert("lr-zigzag".into(), 1_700_000_000_000.0);
    let text = e.serialize();
    assert!(text.starts_with(HEADER));
    assert_eq!(Export::parse(&text), Ok(e.clone()));
    assert_eq!(Export::parse(&format!("\u{feff}{}", text.replace('\n', "\r\n"))), Ok(e), "a BOM and Windows line ends are fine");
}

#[test]
fn corrupt_foreign_and_future_data_are_told_apart() {
    assert_eq!(Practice::parse(""), Err(LoadError::Foreign));
    assert_eq!(Practice::parse("{\"version\":1}"), Err(LoadError::Foreign));
    assert_eq!(Practice::parse("hyperlab-progress v1\nlr-zigzag\t1"), Err(LoadError::Foreign));
    assert_eq!(Practice::parse("hyperlab-practice v2\nq\ta\t1\t1\t0\t0\t1"), Err(LoadError::Future));
    assert_eq!(Practice::parse("hyperlab-practice v0"), Err(LoadError::Older));
    assert_eq!(Practice::parse("hyperlab-practice vX"), Err(LoadError::Corrupt));
    for bad in [
        "q\tid\t9\t1\t0\t0\t1",          // box out of range
        "q\tID!\t1\t1\t0\t0\t1",         // bad id
        "q\tid\t1\t1\t0\t0",             // missing field
        "q\tid\t1\tx\t0\t0\t1",          // not a number
        "q\tid\t1\t1\t-1\t0\t1",         // negative count
        "c\tid\tNaN",                    // bad time
        "z\tid",                         // unknown line
        "q\tid\t1\t1\t0\t0\t1\nq\tid\t1\t1\t0\t0\t1", // duplicate
    ] {
        assert_eq!(Export::parse(&format!("{HEADER}\n{bad}")), Err(LoadError::Corrupt), "{bad}");
    }
    assert_eq!(Practice::parse(HEADER), Ok(Practice::default()));
}

#[test]
fn merging_keeps_the_newer_card() {
    let mut mine = Practice::default();
    mine.record("q1", true, 10);
    let mut theirs = Practice::default();
    theirs.record("q1", false, 5);
    theirs.record("q2", true, 5);
    mine.merge(&theirs);
    assert_eq!(mine.cards["q1"].last_day, 10);
    assert!(mine.cards.contains_key("q2"));
}

#[test]
fn an_exam_draw_follows_its_task_statements_and_is_reproducible() {
    let b = bank();
    for exam in b.exams() {
        for n in [5, 20] {
            let drawn = draw(&b, &exam, n, 42);
            assert_eq!(drawn.len(), n.min(b.questions.iter().filter(|q| q.tasks.iter().any(|t| b.task(t).unwrap().exam == exam)).count()));
            let mut unique = drawn.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), drawn.len(), "no question twice");
            assert!(drawn.iter().all(|&i| b.questions[i].tasks.iter().any(|t| b.task(t).unwrap().exam == exam)));
            assert_eq!(drawn, draw(&b, &exam, n, 42));
            let q = quotas(&b, &exam, n);
            assert_eq!(q.iter().map(|(_, k)| k).sum::<usize>(), n);
            assert!(q.iter().map(|(_, k)| *k).max().unwrap() - q.iter().map(|(_, k)| *k).min().unwrap() <= 1);
        }
    }
    assert_ne!(draw(&b, "MLA-C01", 5, 1), draw(&b, "MLA-C01", 5, 2));
    assert_eq!(seconds_allowed("MLA-C01", 65), 130 * 60);
    assert_eq!(seconds_allowed("MLS-C01", 65), 180 * 60);
    assert_eq!(seconds_allowed("MLA-C01", 5), 10 * 60);
}

#[test]
fn a_report_counts_right_answers_by_task_and_concept() {
    let b = bank();
    let drawn = draw(&b, "MLA-C01", 5, 7);
    let mut answers: Vec<Option<Answer>> = drawn.iter().map(|&i| Some(b.questions[i].key())).collect();
    let r = report(&b, "MLA-C01", &drawn, &answers);
    assert_eq!((r.right, r.total, r.percent()), (5, 5, 100.0));
    assert!(r.wrong.is_empty());
    answers[1] = None;
    answers[3] = Some(b.questions[drawn[3]].blank_answer());
    let r = report(&b, "MLA-C01", &drawn, &answers);
    assert_eq!(r.right, 3);
    assert_eq!(r.wrong, vec![1, 3]);
    assert!(r.by_task.iter().all(|t| b.task(&t.id).unwrap().exam == "MLA-C01"), "only the sitting's exam's task statements are listed");
    let task_total: usize = r.by_task.iter().map(|t| t.total).sum();
    assert_eq!(task_total, 5, "each question counts under one task statement");
    let task_right: usize = r.by_task.iter().map(|t| t.right).sum();
    assert_eq!(task_right, r.right);
    for exam in ["MLA-C01", "MLS-C01"] {
        let drawn = draw(&b, exam, 20, 3);
        let r = report(&b, exam, &drawn, &vec![None; 20]);
        assert!(r.by_task.iter().all(|t| b.task(&t.id).unwrap().exam == exam), "{exam}");
        assert_eq!(r.by_task.iter().map(|t| t.total).sum::<usize>(), 20, "{exam}");
    }
    assert!(r.by_concept.iter().all(|t| t.right <= t.total));
}

// ---------------------------------------------------------------------------------------------
// Lesson tests of the hub's own sentences (exam::texts).

use hyperlab_ml::exam::texts;

#[test]
fn the_intro_counts_the_bank_and_names_its_task_statements() {
    let b = bank();
    let intro = texts::intro(&b);
    assert!(intro.starts_with(&format!("{} questions", b.questions.len())));
    assert!(intro.contains("MLA-C01 (task statements 2.2, 2.3)") && intro.contains("MLS-C01 (task statements 3.3, 3.4, 3.5)"), "{intro}");
    for f in Format::ALL {
        assert!(intro.to_lowercase().contains(&f.label().to_lowercase()) || f == Format::Single && intro.contains("multiple choice"), "{intro}");
    }
    // “Every option explains itself” and “Prove it … shows the answer live” are the bank checks in
    // exam_bank.rs (every option explained, every link parses) and exam_keys.rs.
}

#[test]
fn the_review_rule_states_the_schedule_the_scheduler_keeps() {
    let rule = texts::review_rule();
    assert!(rule.contains("1, 2, 4, 8, 16 days"), "{rule}");
    let missed = Card::answer(None, false, 50);
    assert_eq!((missed.leitner_box, missed.due_day), (1, 51), "a miss: first box, due the next day");
    assert!(rule.contains("only when the question is due"), "{rule}");
    let mut c = missed;
    let mut day = 60;
    for (b, wait) in INTERVAL_DAYS.iter().enumerate().skip(1) {
        c = Card::answer(Some(c), true, day);
        assert_eq!((c.leitner_box as usize, c.due_day - day), (b + 1, *wait), "a right answer when due moves it up one box, due after that box's wait");
        day = c.due_day;
    }
}

#[test]
fn right_answers_before_the_due_day_do_not_climb_the_schedule() {
    // Four right answers in a row on one day (reloading) must not reach the top box.
    let mut c = Card::answer(None, true, 100);
    assert_eq!((c.leitner_box, c.due_day), (2, 100 + INTERVAL_DAYS[1]), "a new card is due: its first right answer promotes");
    for _ in 0..4 {
        c = Card::answer(Some(c), true, 100);
    }
    assert_eq!((c.leitner_box, c.due_day, c.right), (2, 100 + INTERVAL_DAYS[1], 5), "same-day repeats are counted but change neither box nor due day");
    assert!(c.strength() < 1.0);
    // The day before it is due: still no promotion; on the due day: one box up.
    c = Card::answer(Some(c), true, c.due_day - 1);
    assert_eq!(c.leitner_box, 2);
    let due = c.due_day;
    c = Card::answer(Some(c), true, due);
    assert_eq!((c.leitner_box, c.due_day), (3, due + INTERVAL_DAYS[2]));
    // A wrong answer before the due day still demotes.
    let missed = Card::answer(Some(c), false, due);
    assert_eq!((missed.leitner_box, missed.due_day), (1, due + 1));
}

#[test]
fn the_exam_note_and_labels_match_the_draw_and_the_clock() {
    let b = bank();
    assert!(texts::EXAM_DRAW_NOTE.contains("equal shares"));
    for f in EXAM_FORMATS {
        let q = quotas(&b, f.exam, 20);
        assert!(q.iter().map(|(_, n)| *n).max().unwrap() - q.iter().map(|(_, n)| *n).min().unwrap() <= 1, "equal shares for {}", f.exam);
        assert_eq!(seconds_allowed(f.exam, f.questions), f.minutes * 60, "the real exam's pace");
        assert_eq!(texts::exam_format_label(&f), format!("{} (65 questions in {} minutes)", f.exam, f.minutes));
    }
}

#[test]
fn the_mastery_caption_matches_how_mastery_counts() {
    assert!(texts::MASTERY_CAPTION.contains("0 % when new or just missed, 100 % in the top box"));
    assert_eq!(Card::answer(None, false, 0).strength(), 0.0);
    assert!(texts::MASTERY_CAPTION.contains("each given on its due day"));
    let mut c = Card::answer(None, true, 0);
    let same_day = Card::answer(Some(c), true, 0);
    assert!(same_day.strength() < 1.0 && same_day.leitner_box == c.leitner_box, "a same-day repeat does not raise mastery");
    for _ in 0..BOXES {
        let due = c.due_day;
        c = Card::answer(Some(c), true, due);
    }
    assert_eq!(c.strength(), 1.0);
    let b = bank();
    let m = mastery(&b, &Practice::default(), &|_| true);
    let only_challenges: Vec<_> = m.iter().filter(|m| m.challenges > 0).collect();
    assert!(only_challenges.iter().all(|m| (m.score - m.challenges as f64 / (m.questions + m.challenges) as f64).abs() < 1e-12), "a done challenge counts 100 %");
}

#[test]
fn the_transfer_note_matches_import() {
    assert!(texts::TRANSFER_NOTE.contains("keeps the newer record of each question"));
    let mut mine = Practice::default();
    mine.record("q1", true, 3);
    let mut theirs = Practice::default();
    theirs.record("q1", false, 9);
    mine.merge(&theirs);
    assert_eq!(mine.cards["q1"].last_day, 9, "the newer record wins");
}
