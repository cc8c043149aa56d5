use super::*;
use proptest::prelude::*;

const MODES: &[(&str, &str)] = &[("bowl", "Bowl"), ("valley", "Valley"), ("wells", "Two wells")];

static SCHEMA: [ParamSpec; 6] = [
    ParamSpec::hyper("lr", "Learning rate", Kind::log(1e-4, 10.0, 0.1), "").unit("η"),
    ParamSpec::hyper("lam", "λ", Kind::log_or_off(1e-5, 100.0, 0.0), ""),
    ParamSpec::hyper("mom", "Momentum", Kind::linear(0.0, 0.99, 0.0, 0.01), "").unit("μ"),
    ParamSpec::hyper("steps", "Steps", Kind::int(1, 500, 100), ""),
    ParamSpec::setting("surface", "Surface", Kind::choice(MODES, 0), ""),
    ParamSpec::hyper("nesterov", "Nesterov", Kind::switch(false), ""),
];

fn parse(q: &str) -> (ParamState, Vec<Notice>) {
    ParamState::from_query(&SCHEMA, q)
}

#[test]
fn empty_query_gives_defaults_without_notices() {
    let (s, n) = parse("");
    assert_eq!(s, ParamState::defaults(&SCHEMA));
    assert!(n.is_empty());
    assert_eq!(s.float("lr"), 0.1);
    assert_eq!(s.choice_slug("surface"), "bowl");
}

#[test]
fn reads_every_type() {
    let (s, n) = parse("?lr=0.03&lam=0&mom=0.9&steps=50&surface=wells&nesterov=1");
    assert!(n.is_empty(), "{n:?}");
    assert_eq!(s.float("lr"), 0.03);
    assert_eq!(s.float("lam"), 0.0);
    assert_eq!(s.float("mom"), 0.9);
    assert_eq!(s.int("steps"), 50);
    assert_eq!(s.choice_slug("surface"), "wells");
    assert!(s.flag("nesterov"));
}

#[test]
fn hostile_values_become_defaults_with_notices() {
    for bad in ["NaN", "nan", "inf", "-inf", "Infinity", "0x10", "1e999", "", "1_000", "<script>alert(1)</script>", "1.2.3", "e5", "."] {
        let (s, n) = parse(&format!("lr={}", percent_encode(bad)));
        assert_eq!(s.float("lr"), 0.1, "{bad}");
        assert_eq!(n.len(), 1, "{bad}");
        assert_eq!(n[0].problem, Problem::NotANumber, "{bad}");
    }
}

#[test]
fn out_of_range_is_clamped_with_a_notice() {
    let (s, n) = parse("lr=1e308&steps=-5&mom=-3");
    assert_eq!(s.float("lr"), 10.0);
    assert_eq!(s.int("steps"), 1);
    assert_eq!(s.float("mom"), 0.0);
    assert_eq!(n.len(), 3);
    assert!(n.iter().all(|n| matches!(n.problem, Problem::OutOfRange(_))));
}

#[test]
fn integers_reject_fractions_and_overflow() {
    let (s, n) = parse("steps=12.5");
    assert_eq!((s.int("steps"), n[0].problem), (100, Problem::NotAWholeNumber));
    let (s, n) = parse("steps=99999999999999999999999");
    assert_eq!((s.int("steps"), n[0].problem), (500, Problem::OutOfRange(Value::Int(500))));
    let (s, n) = parse("steps=2e1");
    assert_eq!((s.int("steps"), n.len()), (20, 0));
}

#[test]
fn duplicates_keep_the_first_and_unknown_keys_are_ignored() {
    let (s, n) = parse("lr=0.5&foo=bar&lr=0.7&__proto__=1");
    assert_eq!(s.float("lr"), 0.5);
    assert_eq!(n.len(), 1);
    assert_eq!(n[0].problem, Problem::Duplicate);
}

#[test]
fn choices_and_booleans_are_strict() {
    let (s, n) = parse("surface=Valley&nesterov=maybe");
    assert_eq!(s.choice_slug("surface"), "bowl");
    assert!(!s.flag("nesterov"));
    assert_eq!(n.iter().map(|n| n.problem).collect::<Vec<_>>(), vec![Problem::UnknownOption, Problem::NotABoolean]);
}

#[test]
fn notices_never_echo_markup_unbounded() {
    let payload = format!("lr={}", percent_encode(&format!("<img src=x onerror=alert(1)>{}", "A".repeat(500))));
    let (_, n) = parse(&payload);
    assert!(n[0].given.chars().count() <= 25);
    assert!(n[0].to_string().contains("Learning rate"));
}

#[test]
fn thousands_of_keys_are_cut_off_with_one_notice() {
    let q: String = (0..5000).map(|i| format!("k{i}=1&")).collect::<String>() + "lr=0.5";
    let (s, n) = parse(&q);
    assert_eq!(s.float("lr"), 0.1, "pairs past the limit are not read");
    assert_eq!(n[0].problem, Problem::TooLong);
}

#[test]
fn notices_are_capped() {
    let q: String = (0..40).map(|_| "lr=x&").collect();
    let (_, n) = parse(&q);
    assert_eq!(n.len(), MAX_NOTICES + 1);
    assert!(matches!(n.last().unwrap().problem, Problem::More(_)));
}

#[test]
fn log_values_keep_three_significant_digits() {
    let spec = &SCHEMA[0];
    assert_eq!(spec.normalize(Value::Float(0.0123456)), Value::Float(0.0123));
    assert_eq!(spec.format(Value::Float(0.0123456)), "0.0123");
    assert_eq!(SCHEMA[2].normalize(Value::Float(0.3333)), Value::Float(0.33));
}

#[test]
fn slider_ends_are_the_range_ends_and_zero_is_reachable() {
    let lr = &SCHEMA[0];
    assert_eq!(lr.from_slider(0), Value::Float(1e-4));
    assert_eq!(lr.from_slider(SLIDER_STEPS), Value::Float(10.0));
    assert_eq!(lr.to_slider(Value::Float(0.01)), 80);
    let lam = &SCHEMA[1];
    assert_eq!(lam.from_slider(0), Value::Float(0.0));
    assert_eq!(lam.to_slider(Value::Float(0.0)), 0);
    assert_eq!(lam.from_slider(1), Value::Float(1e-5));
    assert_eq!(lam.from_slider(SLIDER_STEPS), Value::Float(100.0));
}

#[test]
fn linear_and_integer_sliders_move_one_step_per_position() {
    let mom = &SCHEMA[2];
    assert_eq!(mom.slider_steps(), 99);
    assert_eq!(mom.from_slider(31), Value::Float(0.31));
    assert_eq!(mom.to_slider(Value::Float(0.31)), 31);
    let steps = &SCHEMA[3];
    assert_eq!(steps.slider_steps(), 499);
    assert_eq!(steps.from_slider(1), Value::Int(2));
    assert_eq!(SCHEMA[0].slider_steps(), SLIDER_STEPS);
}

#[test]
fn raw_values_by_key() {
    // Which controls `hide=` names is `labs::embed`'s to read (tested there, notices included).
    assert_eq!(query_value("?a=1&hide=lr%2Cmom&hide=x", "hide").as_deref(), Some("lr,mom"));
    assert_eq!(query_value("a=1", "hide"), None);
}

#[test]
fn percent_coding_round_trips_and_tolerates_garbage() {
    assert_eq!(percent_decode("a%20b+c%zz%"), "a b c%zz%");
    assert_eq!(percent_decode("%E2%82%AC"), "€");
    assert_eq!(percent_decode("%FF"), "\u{FFFD}");
    let s = "x <y> & z=€";
    assert_eq!(percent_decode(&percent_encode(s)), s);
}

#[test]
fn numbers_for_people() {
    assert_eq!(format_number(0.1), "0.1");
    assert_eq!(format_number(1e-4), "1e-4");
    assert_eq!(format_number(0.0123), "0.0123");
    assert_eq!(format_number(2.5e-5), "2.5e-5");
    assert_eq!(format_number(12.3456), "12.35");
    assert_eq!(format_number(f64::NAN), "—");
}

fn any_value(spec: &'static ParamSpec) -> BoxedStrategy<Value> {
    match spec.kind {
        Kind::Float { min, max, .. } => (min..=max).prop_map(Value::Float).boxed(),
        Kind::Int { min, max, .. } => (min..=max).prop_map(Value::Int).boxed(),
        Kind::Choice { options, .. } => (0..options.len()).prop_map(Value::Choice).boxed(),
        Kind::Bool { .. } => any::<bool>().prop_map(Value::Bool).boxed(),
    }
}

fn any_state() -> impl Strategy<Value = ParamState> {
    SCHEMA.iter().map(any_value).collect::<Vec<_>>().prop_map(|values| {
        let mut s = ParamState::defaults(&SCHEMA);
        for (spec, v) in SCHEMA.iter().zip(values) {
            s.set(spec.key, v);
        }
        s
    })
}

proptest! {
    #[test]
    fn every_state_round_trips_exactly(state in any_state()) {
        let (back, notices) = ParamState::from_query(&SCHEMA, &state.to_query());
        prop_assert!(notices.is_empty(), "{:?}", notices);
        prop_assert_eq!(back, state);
    }

    #[test]
    fn slider_positions_round_trip(pos in 0u32..=1000) {
        for spec in &SCHEMA {
            let v = spec.from_slider(pos);
            prop_assert_eq!(spec.from_slider(spec.to_slider(v)), v);
        }
    }

    #[test]
    fn arbitrary_queries_never_panic_and_stay_in_range(q in ".{0,400}") {
        let (state, notices) = ParamState::from_query(&SCHEMA, &q);
        prop_assert!(notices.len() <= MAX_NOTICES + 1);
        for spec in &SCHEMA {
            let v = state.get(spec.key).unwrap();
            prop_assert_eq!(spec.normalize(v), v);
            if let (Kind::Float { min, max, .. }, Value::Float(x)) = (spec.kind, v) {
                prop_assert!(x.is_finite() && ((x >= min && x <= max) || x == 0.0));
            }
        }
    }

    #[test]
    fn arbitrary_values_for_known_keys_stay_in_range(raw in "[-+0-9.eExa-z%<>]{0,30}", key in 0usize..6) {
        let q = format!("{}={}", SCHEMA[key].key, raw);
        let (state, _) = ParamState::from_query(&SCHEMA, &q);
        let v = state.get(SCHEMA[key].key).unwrap();
        prop_assert_eq!(SCHEMA[key].normalize(v), v);
    }
}

#[test]
fn query_keys_lists_decoded_keys_in_order() {
    let keys: Vec<String> = query_keys("?a=1&b%20c=2&&a=3&flag").collect();
    assert_eq!(keys, vec!["a", "b c", "a", "flag"]);
}

// A misspelt key must never read as 0: every test that builds a lab's settings would panic.
#[test]
#[should_panic(expected = "is not a knob of this schema")]
fn a_misspelt_key_fails_instead_of_reading_zero() {
    ParamState::defaults(&SCHEMA).float("learning_rate_typo");
}

#[test]
#[should_panic(expected = "is not a")]
fn reading_a_knob_as_the_wrong_kind_fails() {
    let state = ParamState::defaults(&SCHEMA);
    let key = SCHEMA.iter().find(|s| matches!(s.kind, Kind::Bool { .. })).map(|s| s.key).unwrap();
    state.float(key);
}

#[test]
fn decimals_parse_exactly_as_the_standard_library_within_fifteen_digits() {
    for s in ["0", "-0", "0.1", "1.5", "0.003", "1e-4", "2.5E+3", "-7.25", "+3", "10", "100000", "0.000123", "1.0e-22", "123456789012345",
        "9.99e22", "0012.50", ".5", "5."] {
        let ours = parse_decimal(s).unwrap();
        let std: f64 = s.parse().unwrap();
        assert_eq!(ours.to_bits(), std.to_bits(), "{s}");
    }
    // Every value the URL writer prints comes back bit for bit.
    let mut v = 1.234_567e-6;
    while v < 1e9 {
        for x in [v, -v] {
            let printed = format_number(x);
            assert_eq!(parse_decimal(&printed).unwrap().to_bits(), printed.parse::<f64>().unwrap().to_bits(), "{printed}");
        }
        v *= 1.37;
    }
}

#[test]
fn decimals_beyond_the_exact_range_are_within_a_few_ulps_and_junk_is_refused() {
    for s in ["1.2345678901234567", "6.02214076e23", "1.602176634e-19", "12345678901234567890123", "1e-300", "1.7976931348623157e308"] {
        let ours = parse_decimal(s).unwrap();
        let std: f64 = s.parse().unwrap();
        assert!(((ours - std) / std).abs() < 1e-15, "{s}: {ours} vs {std}");
    }
    for s in ["", "-", ".", "e5", "1e", "1e+", "1.2.3", "0x10", "inf", "NaN", "1_000", "1e400", " 1", "1 "] {
        assert_eq!(parse_decimal(s), None, "{s}");
    }
}
