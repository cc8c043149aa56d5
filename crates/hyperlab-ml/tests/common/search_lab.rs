//! What the search lab's lesson test files share: settings from a query that must parse cleanly,
//! and each problem's true objective computed once per test binary (the page computes it once
//! per problem too).

use hyperlab_ml::labs::search::{ProblemKind, Settings, TrueField, SCHEMA};
use hyperlab_ml::schema::ParamState;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

pub fn settings(query: &str) -> Settings {
    let (p, notices) = ParamState::from_query(&SCHEMA, query);
    assert!(notices.is_empty(), "{query}: {notices:?}");
    Settings::from_params(&p)
}

pub fn field(problem: ProblemKind) -> TrueField {
    static FIELDS: OnceLock<Mutex<HashMap<&'static str, TrueField>>> = OnceLock::new();
    let fields = FIELDS.get_or_init(|| Mutex::new(HashMap::new()));
    fields.lock().unwrap().entry(problem.slug()).or_insert_with(|| TrueField::finished(problem)).clone()
}
