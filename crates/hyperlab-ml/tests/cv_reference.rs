//! Hyperlab's unshuffled splitters against scikit-learn's `KFold` and `StratifiedKFold`: the same
//! test indices, in the same order, fold by fold. Fixtures come from
//! `tests/reference/make_cv_fixtures.py` (see there to regenerate).

use hyperlab_ml::model_selection::{CvError, Split, Splitter};
use serde_json::Value;

#[path = "common/fixtures.rs"]
mod fixtures;
use fixtures::cases;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/reference/cv_fixtures.json");

fn fixtures() -> Value {
    let text = std::fs::read_to_string(FIXTURES)
        .unwrap_or_else(|e| panic!("{FIXTURES}: {e} (regenerate with python3 tests/reference/make_cv_fixtures.py)"));
    serde_json::from_str(&text).expect("cv_fixtures.json is valid JSON")
}

fn usize_of(v: &Value) -> usize {
    v.as_u64().expect("a non-negative integer") as usize
}

fn usizes(v: &Value) -> Vec<usize> {
    v.as_array().expect("an array").iter().map(usize_of).collect()
}

fn folds(v: &Value) -> Vec<Vec<usize>> {
    v.as_array().expect("an array of folds").iter().map(usizes).collect()
}

fn test_sets(splits: &[Split]) -> Vec<Vec<usize>> {
    splits.iter().map(|s| s.test.clone()).collect()
}

/// Train sets must be the complements of the test sets, ascending (as scikit-learn's are).
fn assert_train_is_complement(splits: &[Split], n: usize, case: &str) {
    for s in splits {
        let expected: Vec<usize> = (0..n).filter(|i| !s.test.contains(i)).collect();
        assert_eq!(s.train, expected, "{case}");
    }
}

#[test]
fn kfold_matches_scikit_learn() {
    let fx = fixtures();
    for case in cases(&fx, "kfold", 10) {
        let (n, k) = (usize_of(&case["n_samples"]), usize_of(&case["k"]));
        let name = format!("KFold n = {n}, k = {k}");
        let splits = Splitter::KFold { k }.splits(n, None).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(test_sets(&splits), folds(&case["folds"]), "{name}");
        assert_train_is_complement(&splits, n, &name);
        if k == n {
            assert_eq!(Splitter::LeaveOneOut.splits(n, None).unwrap(), splits, "{name}: leave-one-out is k = n");
        }
    }
}

#[test]
fn stratified_kfold_matches_scikit_learn() {
    let fx = fixtures();
    for case in cases(&fx, "stratified", 10) {
        let name = case["name"].as_str().unwrap();
        let (y, k) = (usizes(&case["y"]), usize_of(&case["k"]));
        let splits = Splitter::StratifiedKFold { k }.splits(y.len(), Some(&y)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(test_sets(&splits), folds(&case["folds"]), "{name}");
        assert_train_is_complement(&splits, y.len(), name);
    }
}

#[test]
fn settings_scikit_learn_rejects_or_warns_about_are_typed_errors() {
    let fx = fixtures();
    let cases = fx["rejected"].as_array().unwrap();
    let (mut warned, mut raised) = (0, 0);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let (n, k) = (usize_of(&case["n_samples"]), usize_of(&case["k"]));
        let stratified = case["stratified"].as_bool().unwrap();
        let y = (!case["y"].is_null()).then(|| usizes(&case["y"]));
        let splitter = if stratified { Splitter::StratifiedKFold { k } } else { Splitter::KFold { k } };
        let err = splitter.splits(n, y.as_deref()).expect_err(name);
        let message = case["message"].as_str().unwrap();
        match case["sklearn"].as_str().unwrap() {
            "warning" => {
                // scikit-learn splits anyway, leaving some folds without the small class.
                warned += 1;
                assert!(message.contains("least populated class"), "{name}: {message}");
                assert!(matches!(err, CvError::ClassTooSmall { .. }), "{name}: {err:?}");
            }
            "error" => {
                raised += 1;
                let expected_kind = if message.contains("at least one train/test split") {
                    matches!(err, CvError::TooFewFolds { .. })
                } else if message.contains("greater than the number of samples") {
                    matches!(err, CvError::TooManyFolds { .. })
                } else if message.contains("number of members in each class") {
                    matches!(err, CvError::ClassTooSmall { .. })
                } else {
                    panic!("{name}: unrecognised scikit-learn message {message:?}")
                };
                assert!(expected_kind, "{name}: {err:?} for scikit-learn's {message:?}");
            }
            other => panic!("{name}: unknown outcome {other}"),
        }
        if let CvError::ClassTooSmall { members, k: err_k, .. } = err {
            let y = y.as_ref().unwrap();
            let smallest = y.iter().map(|l| y.iter().filter(|m| *m == l).count()).min().unwrap();
            assert_eq!((members, err_k), (smallest, k), "{name}");
        }
    }
    assert!(warned >= 2 && raised >= 4, "fixtures should cover both outcomes");
}
