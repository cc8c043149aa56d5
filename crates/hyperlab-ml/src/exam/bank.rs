//! The question bank: data (`data/questions.json`), read and validated here. Every option carries
//! its own explanation; every question names its concepts, exam task statements, difficulty and
//! the lab (with a query) that proves its answer live.

use super::json::Json;
use crate::labs::{apply_moves, valid_id};
use crate::schema::{ParamSpec, ParamState};
use std::collections::{BTreeMap, BTreeSet};

/// The bank as shipped: compiled into the practice page and checked by the native tests.
pub const BANK_JSON: &str = include_str!("../../data/questions.json");

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// Multiple choice: one of four.
    Single,
    /// Multiple response: `pick` of five or more; the prompt says how many.
    Multiple,
    /// Put the options in order (the file lists them in the right order).
    Ordering,
    /// Match each option to one of the answers.
    Matching,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Single, Format::Multiple, Format::Ordering, Format::Matching];

    pub fn slug(self) -> &'static str {
        match self {
            Format::Single => "single",
            Format::Multiple => "multiple",
            Format::Ordering => "ordering",
            Format::Matching => "matching",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Single => "Multiple choice",
            Format::Multiple => "Multiple response",
            Format::Ordering => "Ordering",
            Format::Matching => "Matching",
        }
    }

    fn from_slug(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.slug() == s)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub text: String,
    /// Single and multiple response: whether this option is part of the key.
    pub correct: bool,
    /// Why this option is right or wrong (or, for ordering, why it sits where it does).
    pub why: String,
    /// Matching: the answer this option belongs with.
    pub matches: String,
    /// Knob moves (a query) applied on top of the question's lab state to show this option live.
    pub set: String,
    /// An argument for the live check (e.g. a strategy name), when the option is not a lab state.
    pub arg: String,
}

/// How a native test checks the key against the live model (see `exam::live`).
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub kind: String,
    /// `min`/`max` for a numeric check on single/multiple questions (the key is the extreme),
    /// `asc`/`desc` for ordering; empty for yes/no and label checks.
    pub pick: String,
    /// Other data seeds the key must hold for as well (besides the linked state's own): a
    /// question that speaks of the setting in general is checked on several samples. A question
    /// whose key holds only on the linked sample says so in its prompt instead.
    pub seeds: Vec<u64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    pub id: String,
    pub format: Format,
    pub concepts: Vec<String>,
    pub tasks: Vec<String>,
    /// 1 (recall) … 3 (multi-step scenario).
    pub difficulty: u8,
    /// The lab that demonstrates the answer, if one exists yet.
    pub lab: Option<String>,
    /// The lab state that shows the answer (a query for `lab`).
    pub prove: Option<String>,
    pub prompt: String,
    /// Multiple response: how many to choose.
    pub pick: usize,
    pub options: Vec<Choice>,
    pub check: Option<Check>,
    /// Where a service fact comes from (documentation page).
    pub source: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Concept {
    pub id: String,
    pub name: String,
    /// The curriculum section it belongs to.
    pub section: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Task {
    /// e.g. `mla-2.2`.
    pub id: String,
    /// e.g. `MLA-C01`.
    pub exam: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Bank {
    pub version: u32,
    /// The documentation the service facts were written from (name and date).
    pub docs_version: String,
    pub concepts: Vec<Concept>,
    pub tasks: Vec<Task>,
    /// Guided challenge id → the concepts it exercises.
    pub challenges: BTreeMap<String, Vec<String>>,
    pub questions: Vec<Question>,
}

fn text(v: &Json, key: &str) -> Result<String, String> {
    v.get(key).and_then(Json::as_str).map(str::to_string).ok_or_else(|| format!("missing text field {key:?}"))
}

fn opt_text(v: &Json, key: &str) -> Result<String, String> {
    match v.get(key) {
        None | Some(Json::Null) => Ok(String::new()),
        Some(Json::String(s)) => Ok(s.clone()),
        Some(_) => Err(format!("{key:?} must be text")),
    }
}

fn texts(v: &Json, key: &str) -> Result<Vec<String>, String> {
    v.get(key)
        .and_then(Json::as_array)
        .ok_or_else(|| format!("missing list {key:?}"))?
        .iter()
        .map(|t| t.as_str().map(str::to_string).ok_or_else(|| format!("{key:?} must list texts")))
        .collect()
}

fn some(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

fn question(v: &Json) -> Result<Question, String> {
    let id = text(v, "id")?;
    let wrap = |e: String| format!("question {id}: {e}");
    let format = Format::from_slug(&text(v, "format").map_err(wrap)?).ok_or_else(|| wrap("unknown format".into()))?;
    let options = v
        .get("options")
        .and_then(Json::as_array)
        .ok_or_else(|| wrap("missing options".into()))?
        .iter()
        .map(|o| {
            Ok(Choice {
                text: text(o, "text")?,
                correct: o.get("correct").and_then(Json::as_bool).unwrap_or(false),
                why: text(o, "why")?,
                matches: opt_text(o, "match")?,
                set: opt_text(o, "set")?,
                arg: opt_text(o, "arg")?,
            })
        })
        .collect::<Result<Vec<_>, String>>()
        .map_err(wrap)?;
    let check = match v.get("check") {
        None | Some(Json::Null) => None,
        Some(c) => Some(Check {
            kind: text(c, "kind").map_err(wrap)?,
            pick: opt_text(c, "pick").map_err(wrap)?,
            seeds: match c.get("seeds") {
                None => Vec::new(),
                Some(list) => list
                    .as_array()
                    .ok_or_else(|| wrap("check seeds must be a list".into()))?
                    .iter()
                    .map(|s| s.as_f64().filter(|v| *v >= 0.0 && v.fract() == 0.0).map(|v| v as u64).ok_or_else(|| wrap("a seed must be a whole number".into())))
                    .collect::<Result<_, _>>()?,
            },
        }),
    };
    let difficulty = v.get("difficulty").and_then(Json::as_f64).ok_or_else(|| wrap("missing difficulty".into()))?;
    Ok(Question {
        format,
        concepts: texts(v, "concepts").map_err(wrap)?,
        tasks: texts(v, "tasks").map_err(wrap)?,
        difficulty: if (1.0..=3.0).contains(&difficulty) && difficulty.fract() == 0.0 { difficulty as u8 } else { 0 },
        lab: some(opt_text(v, "lab").map_err(wrap)?),
        prove: some(opt_text(v, "prove").map_err(wrap)?),
        prompt: text(v, "prompt").map_err(wrap)?,
        pick: v.get("pick").and_then(Json::as_f64).map_or(0, |p| p.max(0.0) as usize),
        options,
        check,
        source: some(opt_text(v, "source").map_err(wrap)?),
        id,
    })
}

impl Bank {
    /// Reads the bank (structure only; [`Bank::validate`] checks the content).
    pub fn parse(text_: &str) -> Result<Bank, String> {
        let root = Json::parse(text_)?;
        let list = |key: &str| root.get(key).and_then(Json::as_array).ok_or_else(|| format!("missing list {key:?}"));
        let concepts = list("concepts")?
            .iter()
            .map(|c| Ok(Concept { id: text(c, "id")?, name: text(c, "name")?, section: text(c, "section")? }))
            .collect::<Result<Vec<_>, String>>()?;
        let tasks = list("tasks")?
            .iter()
            .map(|t| Ok(Task { id: text(t, "id")?, exam: text(t, "exam")?, name: text(t, "name")? }))
            .collect::<Result<Vec<_>, String>>()?;
        // Inserted one by one: collecting into a map would compile in a sort of its own.
        let mut challenges = BTreeMap::new();
        for (id, c) in root.get("challenges").and_then(Json::as_object).ok_or("missing challenges")? {
            let concepts = c.as_array().ok_or("challenge concepts must be a list")?;
            let concepts = concepts.iter().map(|x| x.as_str().map(str::to_string).ok_or("a concept id must be text")).collect::<Result<Vec<_>, _>>()?;
            challenges.insert(id.clone(), concepts);
        }
        let questions = list("questions")?.iter().map(question).collect::<Result<Vec<_>, String>>()?;
        Ok(Bank {
            version: root.get("version").and_then(Json::as_f64).unwrap_or(0.0) as u32,
            docs_version: text(&root, "docs_version")?,
            concepts,
            tasks,
            challenges,
            questions,
        })
    }

    /// The shipped bank. It is validated by the tests and by `xtask assemble`, so a shipped page
    /// never sees a broken one; should it, the page shows no questions rather than crash.
    pub fn shipped() -> Bank {
        Bank::parse(BANK_JSON).unwrap_or(Bank {
            version: 0,
            docs_version: String::new(),
            concepts: Vec::new(),
            tasks: Vec::new(),
            challenges: BTreeMap::new(),
            questions: Vec::new(),
        })
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn concept(&self, id: &str) -> Option<&Concept> {
        self.concepts.iter().find(|c| c.id == id)
    }

    pub fn task(&self, id: &str) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }

    /// The exams the task statements belong to, in order of first appearance.
    pub fn exams(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in &self.tasks {
            if !out.contains(&t.exam) {
                out.push(t.exam.clone());
            }
        }
        out
    }

    /// Every problem with the bank's content, or an empty list. `known_challenges` are the ids of
    /// every lab's guided challenges (each must be mapped to concepts).
    pub fn validate(&self, known_challenges: &[&str]) -> Vec<String> {
        let mut errors = Vec::new();
        let concepts: BTreeSet<&str> = self.concepts.iter().map(|c| c.id.as_str()).collect();
        let tasks: BTreeSet<&str> = self.tasks.iter().map(|t| t.id.as_str()).collect();
        if concepts.len() != self.concepts.len() {
            errors.push("concept ids are not unique".to_string());
        }
        if tasks.len() != self.tasks.len() {
            errors.push("task ids are not unique".to_string());
        }
        if self.version != 1 {
            errors.push(format!("bank version {} is not 1", self.version));
        }
        for id in known_challenges {
            match self.challenges.get(*id) {
                None => errors.push(format!("challenge {id} is not mapped to concepts")),
                Some(cs) if cs.is_empty() => errors.push(format!("challenge {id} has no concept")),
                Some(cs) => errors.extend(cs.iter().filter(|c| !concepts.contains(c.as_str())).map(|c| format!("challenge {id}: unknown concept {c}"))),
            }
        }
        for id in self.challenges.keys() {
            if !known_challenges.contains(&id.as_str()) {
                errors.push(format!("challenge {id} does not exist"));
            }
        }
        let mut seen = BTreeSet::new();
        for q in &self.questions {
            if !seen.insert(q.id.as_str()) {
                errors.push(format!("question id {} is not unique", q.id));
            }
            errors.extend(validate_question(q, &concepts, &tasks).into_iter().map(|e| format!("question {}: {e}", q.id)));
        }
        errors
    }
}

/// The URL schema of a lab, by slug (the labs that exist on this branch).
pub fn lab_schema(slug: &str) -> Option<&'static [ParamSpec]> {
    use crate::labs::*;
    Some(match slug {
        learning_rate::SLUG => &learning_rate::SCHEMA,
        regularization::SLUG => &regularization::SCHEMA,
        training::SLUG => &training::SCHEMA,
        cross_validation::SLUG => &cross_validation::SCHEMA,
        search::SLUG => &search::SCHEMA,
        trees::SLUG => &trees::SCHEMA,
        budgets::SLUG => &budgets::SCHEMA,
        _ => return None,
    })
}

/// Problems with a lab link: unknown lab, unknown keys, or any notice when the lab parses it.
pub fn link_problems(lab: &str, query: &str) -> Vec<String> {
    let Some(schema) = lab_schema(lab) else { return vec![format!("unknown lab {lab}")] };
    let mut out = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let key = pair.split_once('=').map_or(pair, |(k, _)| k);
        if !schema.iter().any(|s| s.key == key) {
            out.push(format!("{lab}: unknown key {key:?} in {query:?}"));
        }
    }
    let (_, notices) = ParamState::from_query(schema, query);
    out.extend(notices.iter().map(|n| format!("{lab}: {query:?} gives a notice: {n:?}")));
    out
}

fn validate_question(q: &Question, concepts: &BTreeSet<&str>, tasks: &BTreeSet<&str>) -> Vec<String> {
    let mut e = Vec::new();
    if !valid_id(&q.id) {
        e.push("id must be [a-z0-9-]".into());
    }
    if q.concepts.is_empty() {
        e.push("no concept".into());
    }
    e.extend(q.concepts.iter().filter(|c| !concepts.contains(c.as_str())).map(|c| format!("unknown concept {c}")));
    if q.tasks.is_empty() {
        e.push("no exam task".into());
    }
    e.extend(q.tasks.iter().filter(|t| !tasks.contains(t.as_str())).map(|t| format!("unknown task {t}")));
    if q.difficulty == 0 {
        e.push("difficulty must be 1, 2 or 3".into());
    }
    if q.prompt.trim().is_empty() {
        e.push("empty prompt".into());
    }
    for (i, o) in q.options.iter().enumerate() {
        if o.text.trim().is_empty() || o.why.trim().chars().count() < 15 {
            e.push(format!("option {i} has no text or no explanation"));
        }
    }
    let texts: BTreeSet<&str> = q.options.iter().map(|o| o.text.as_str()).collect();
    if texts.len() != q.options.len() {
        e.push("two options have the same text".into());
    }
    let correct = q.options.iter().filter(|o| o.correct).count();
    let n = q.options.len();
    match q.format {
        Format::Single => {
            if n != 4 || correct != 1 {
                e.push(format!("multiple choice needs 4 options with 1 correct (has {n}, {correct})"));
            }
        }
        Format::Multiple => {
            if !(5..=6).contains(&n) || correct != q.pick || !(2..n).contains(&q.pick) {
                e.push(format!("multiple response needs 5-6 options and pick = correct ≥ 2 (has {n}, pick {}, {correct})", q.pick));
            }
            let word = ["", "", "TWO", "THREE", "FOUR"].get(q.pick).copied().unwrap_or("?");
            if !q.prompt.contains(word) {
                e.push(format!("multiple response prompt must say {word}"));
            }
        }
        Format::Ordering => {
            if !(3..=6).contains(&n) || correct != 0 {
                e.push("ordering needs 3-6 options and no 'correct' flags".into());
            }
        }
        Format::Matching => {
            let rights: BTreeSet<&str> = q.options.iter().map(|o| o.matches.as_str()).collect();
            if !(3..=6).contains(&n) || correct != 0 || rights.contains("") || rights.len() < 2 {
                e.push("matching needs 3-6 options, each with a 'match', and at least 2 distinct answers".into());
            }
        }
    }
    if !matches!(q.format, Format::Matching) && q.options.iter().any(|o| !o.matches.is_empty()) {
        e.push("'match' is only for matching questions".into());
    }
    match (&q.lab, &q.prove) {
        (Some(lab), prove) => {
            let base = prove.clone().unwrap_or_default();
            e.extend(link_problems(lab, &base));
            for o in q.options.iter().filter(|o| !o.set.is_empty()) {
                e.extend(link_problems(lab, &apply_moves(&base, &o.set)));
            }
        }
        (None, Some(_)) => e.push("a prove link needs a lab".into()),
        (None, None) => {
            if q.options.iter().any(|o| !o.set.is_empty()) {
                e.push("option states need a lab".into());
            }
        }
    }
    if let Some(check) = &q.check {
        if q.lab.is_none() {
            e.push("a live check needs a lab".into());
        }
        let pick_ok = match q.format {
            Format::Single | Format::Multiple => matches!(check.pick.as_str(), "" | "min" | "max"),
            Format::Ordering => matches!(check.pick.as_str(), "asc" | "desc"),
            Format::Matching => check.pick.is_empty(),
        };
        if !pick_ok {
            e.push(format!("check pick {:?} does not fit the format", check.pick));
        }
        let seeded = q.lab.as_deref().and_then(lab_schema).is_some_and(|s| s.iter().any(|p| p.key == "seed"));
        let random = q.lab.as_deref() != Some(crate::labs::learning_rate::SLUG) || q.prove.as_deref().is_some_and(|p| !p.contains("noise=0&") && !p.ends_with("noise=0"));
        if seeded && random && check.seeds.len() < 2 && !q.prompt.contains("seed") {
            e.push("a live key on a random sample must hold for at least 3 seeds (2 more in check.seeds) or the prompt must name its seed".into());
        }
        if !super::live::KINDS.contains(&check.kind.split(':').next().unwrap_or("")) {
            e.push(format!("unknown check kind {}", check.kind));
        }
    }
    e
}

pub const PROVE_LABEL: &str = "Prove it in the lab";
pub const RELATED_LAB_LABEL: &str = "Open the related lab";

/// Shown next to a "Prove it" link whose lab state needs the experiment run.
pub const PROVE_RUN_NOTE: &str = "The lab opens with the experiment not yet run: press “Run the experiment” to see it.";

/// Shown next to the search lab link of a SageMaker question: the page's code section writes the
/// search out as a SageMaker tuning configuration, with comments on what the question asks.
pub const SAGEMAKER_CODE_NOTE: &str = "The lab's “Copy as code” section, below the charts, writes this search out as a SageMaker tuning configuration.";

/// A learner's answer to one question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Single and multiple response: the option indices chosen (file order).
    Picks(Vec<usize>),
    /// Ordering: option indices in the learner's order.
    Order(Vec<usize>),
    /// Matching: for each option (file order), the index into [`Question::match_answers`].
    Match(Vec<Option<usize>>),
}

impl Question {
    /// Matching: the distinct answers, sorted (the order they are shown in).
    pub fn match_answers(&self) -> Vec<&str> {
        let mut answers: Vec<&str> = self.options.iter().map(|o| o.matches.as_str()).collect();
        crate::sorting::sort_by(&mut answers, &|a, b| a.cmp(b));
        answers.dedup();
        answers
    }

    /// The option indices in the order they are shown: a fixed shuffle per question (so the key is
    /// not always first, and an ordering question never starts in its answer order).
    pub fn display_order(&self) -> Vec<usize> {
        let n = self.options.len();
        let mut order: Vec<usize> = (0..n).collect();
        let mut h: u64 = 0xcbf29ce484222325;
        for b in self.id.bytes() {
            h = (h ^ b as u64).wrapping_mul(0x100000001b3);
        }
        for i in (1..n).rev() {
            h ^= h >> 33;
            h = h.wrapping_mul(0xff51afd7ed558ccd);
            h ^= h >> 29;
            let j = (h % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        if self.format == Format::Ordering && order.iter().enumerate().all(|(i, &o)| i == o) {
            order.rotate_left(1);
        }
        order
    }

    /// Whether `answer` is exactly right.
    pub fn grade(&self, answer: &Answer) -> bool {
        let n = self.options.len();
        match (self.format, answer) {
            (Format::Single | Format::Multiple, Answer::Picks(picks)) => {
                // Each pick an option, none twice, and exactly the correct ones.
                let mut chosen = vec![false; n];
                for &p in picks {
                    if p >= n || chosen[p] {
                        return false;
                    }
                    chosen[p] = true;
                }
                chosen.iter().zip(&self.options).all(|(&c, o)| c == o.correct)
            }
            (Format::Ordering, Answer::Order(order)) => order.len() == n && order.iter().enumerate().all(|(i, &o)| i == o),
            (Format::Matching, Answer::Match(m)) => {
                let answers = self.match_answers();
                m.len() == n && m.iter().zip(&self.options).all(|(a, o)| a.and_then(|a| answers.get(a)) == Some(&o.matches.as_str()))
            }
            _ => false,
        }
    }

    /// Whether the learner has given a complete answer (something to submit).
    pub fn is_complete(&self, answer: &Answer) -> bool {
        match (self.format, answer) {
            (Format::Single, Answer::Picks(p)) => p.len() == 1,
            (Format::Multiple, Answer::Picks(p)) => p.len() == self.pick,
            (Format::Ordering, Answer::Order(o)) => o.len() == self.options.len(),
            (Format::Matching, Answer::Match(m)) => m.len() == self.options.len() && m.iter().all(Option::is_some),
            _ => false,
        }
    }

    /// The answer a learner starts from: nothing picked, or the shown order.
    pub fn blank_answer(&self) -> Answer {
        match self.format {
            Format::Single | Format::Multiple => Answer::Picks(Vec::new()),
            // Empty until the learner moves an item or keeps the shown order: an untouched
            // ordering is not an answer (it shows as `display_order`).
            Format::Ordering => Answer::Order(Vec::new()),
            Format::Matching => Answer::Match(vec![None; self.options.len()]),
        }
    }

    /// The key as an answer.
    pub fn key(&self) -> Answer {
        let n = self.options.len();
        match self.format {
            Format::Single | Format::Multiple => Answer::Picks((0..n).filter(|&i| self.options[i].correct).collect()),
            Format::Ordering => Answer::Order((0..n).collect()),
            Format::Matching => {
                let answers = self.match_answers();
                Answer::Match(self.options.iter().map(|o| answers.iter().position(|a| *a == o.matches)).collect())
            }
        }
    }

    /// The lab link that proves the answer: `/<lab>/?<query>`. For a question with one right
    /// option that has its own state, the link opens that state (the question's set-up with the
    /// right option applied), so the lab shows the answer, not just the starting point.
    pub fn prove_href(&self) -> Option<String> {
        let lab = self.lab.as_ref()?;
        let right: Vec<usize> = (0..self.options.len()).filter(|&i| self.options[i].correct).collect();
        if let (Format::Single, [i]) = (self.format, right.as_slice()) {
            if let Some(href) = self.option_href(*i) {
                return Some(href);
            }
        }
        Some(format!("/{lab}/?{}", self.prove.clone().unwrap_or_default()))
    }

    /// The lab link's label: "Prove it" only where a live check shows that the lab in that state
    /// gives the keyed answer; a question the lab only illustrates (an exam fact such as a
    /// SageMaker setting) links to its related lab without promising proof.
    pub fn prove_label(&self) -> &'static str {
        if self.check.is_some() {
            PROVE_LABEL
        } else {
            RELATED_LAB_LABEL
        }
    }

    /// What the learner must do in the lab for the "Prove it" link to show the answer, when the
    /// link alone cannot: the cross-validation lab's experiment (the bias bars, leave-one-out)
    /// runs only on a click, and no link key starts it.
    pub fn prove_note(&self) -> Option<&'static str> {
        let lab = self.lab.as_deref()?;
        let experiment = self.check.as_ref().is_some_and(|c| c.kind.starts_with("cv-experiment"))
            || self.prove.as_deref().is_some_and(|p| p.split('&').any(|kv| kv == "xloo=1"));
        if lab == "cross-validation" && experiment {
            return Some(PROVE_RUN_NOTE);
        }
        let sagemaker = self.concepts.iter().any(|c| c == "sagemaker-amt");
        (lab == "search" && sagemaker && self.prove.as_deref().is_some_and(|p| p.split('&').any(|kv| kv.starts_with("export=")))).then_some(SAGEMAKER_CODE_NOTE)
    }

    /// The lab link that shows option `i` live, if it has its own state.
    pub fn option_href(&self, i: usize) -> Option<String> {
        let lab = self.lab.as_ref()?;
        let o = self.options.get(i)?;
        if o.set.is_empty() {
            return None;
        }
        Some(format!("/{lab}/?{}", apply_moves(&self.prove.clone().unwrap_or_default(), &o.set)))
    }
}
