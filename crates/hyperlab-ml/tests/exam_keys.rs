//! Live-checked answer keys: every question with a `check` is answered by the lab's own model
//! at the question's linked state, and the key must be what the model shows. A question whose key
//! the models contradict fails here.

use hyperlab_ml::exam::{live, Bank, BANK_JSON};

/// The issue asks for at least this many questions whose key a model proves.
const MIN_LIVE: usize = 40;

#[test]
fn every_live_key_is_what_the_model_shows() {
    let bank = Bank::parse(BANK_JSON).expect("the bank parses");
    let live: Vec<_> = bank.questions.iter().filter(|q| q.check.is_some()).collect();
    let failures: Vec<String> = live.iter().filter_map(|q| live::verify(q).err()).collect();
    assert!(failures.is_empty(), "{} of {} live keys contradicted:\n{}", failures.len(), live.len(), failures.join("\n"));
    assert!(live.len() >= MIN_LIVE, "only {} live-checked questions (want at least {MIN_LIVE})", live.len());
}

/// The check is not a formality: a key the model does not show fails, for each format.
#[test]
fn a_wrong_key_is_caught() {
    use hyperlab_ml::exam::Format;
    let bank = Bank::parse(BANK_JSON).unwrap();
    for format in Format::ALL {
        let q = bank.questions.iter().find(|q| q.format == format && q.check.is_some()).expect("a live question of each format");
        let mut wrong = q.clone();
        match format {
            Format::Single | Format::Multiple => {
                let right = wrong.options.iter().position(|o| o.correct).unwrap();
                let other = wrong.options.iter().position(|o| !o.correct).unwrap();
                wrong.options[right].correct = false;
                wrong.options[other].correct = true;
            }
            Format::Ordering => wrong.options.swap(0, 1),
            Format::Matching => {
                let a = wrong.options[0].matches.clone();
                let j = wrong.options.iter().position(|o| o.matches != a).unwrap();
                wrong.options[0].matches = wrong.options[j].matches.clone();
                wrong.options[j].matches = a;
            }
        }
        assert!(live::verify(&wrong).is_err(), "{}: a swapped key still verified", q.id);
    }
}
