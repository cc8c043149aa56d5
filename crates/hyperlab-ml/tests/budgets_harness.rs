//! The `hyperband_brackets` task of the reference harness (`examples/reference/budgets.rs`),
//! called in-process: the published table for R = 81, η = 3, and bad inputs rejected.

#[path = "../examples/reference/budgets.rs"]
mod reference_budgets;

use reference_budgets::hyperband;
use serde_json::json;

#[test]
fn the_published_table() {
    let answer = hyperband(&json!({"task":"hyperband_brackets","min_resource":1,"max_resource":81,"eta":3})).unwrap();
    assert_eq!(
        answer,
        json!({"brackets":[[[81,1],[27,3],[9,9],[3,27],[1,81]],[[34,3],[11,9],[3,27],[1,81]],[[15,9],[5,27],[1,81]],[[8,27],[2,81]],[[5,81]]]})
    );
}

#[test]
fn bad_inputs_are_errors() {
    for bad in [
        json!({"min_resource":1,"max_resource":81,"eta":1}),
        json!({"min_resource":9,"max_resource":3,"eta":3}),
        json!({"min_resource":1.5,"max_resource":81,"eta":3}),
        json!({"min_resource":1,"max_resource":81,"eta":2.5}),
        json!({"min_resource":1,"max_resource":81}),
        json!({"min_resource":-1,"max_resource":81,"eta":3}),
    ] {
        assert!(hyperband(&bad).is_err(), "{bad}");
    }
}
