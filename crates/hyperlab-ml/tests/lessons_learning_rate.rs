//! Lesson tests of the learning-rate lab: every sentence the lab states about what the learner
//! sees (badges, explanations, notes, captions, presets, challenges, help texts) is checked here
//! on the lab's own model, built from a query exactly as the page builds it.

use hyperlab_ml::optim::descent::{Status, DIVERGENCE_FACTOR};
use hyperlab_ml::labs::learning_rate::*;
use hyperlab_ml::log_space;
use hyperlab_ml::optim::surface::Surface;
use hyperlab_ml::labs::learning_rate::sweep::{summarize, SweepPoint};

const SEEDS: [&str; 3] = ["seed=1", "seed=2", "seed=3"];

fn finished(query: &str) -> LrModel {
    LrModel::finished_from_query(query)
}

fn snapshot(query: &str) -> Snapshot {
    finished(query).snapshot().expect("a finished run has a snapshot")
}

fn model(settings: Settings) -> LrModel {
    let mut m = LrModel::new(settings);
    m.finish();
    m
}

fn bowl(condition: f64, learning_rate: f64, steps: usize) -> Settings {
    Settings { surface: SurfaceKind::Bowl, condition, learning_rate, momentum: 0.0, nesterov: false, steps, noise: 0.0, start: [-2.5, 1.5], seed: 1 }
}

fn on(surface: SurfaceKind, learning_rate: f64, steps: usize) -> Settings {
    Settings { surface, learning_rate, steps, ..bowl(10.0, learning_rate, steps) }.with_default_start()
}

fn diverged(m: &LrModel) -> bool {
    matches!(m.status(), Status::Diverged { .. })
}

fn converged(m: &LrModel) -> bool {
    matches!(m.status(), Status::Converged { .. })
}

fn sweep_points(settings: &Settings) -> Vec<SweepPoint> {
    sweep(settings).collect()
}

// ---------------------------------------------------------------- links and settings

/// Links as the lab writes them today (presets, challenge set-ups, e2e and README links).
const TODAYS_LINKS: [&str; 8] = [
    "surface=bowl&cond=10&lr=0.05&mom=0&steps=100&noise=0",
    "surface=valley&lr=0.001&mom=0&steps=100&noise=0&x0=-1.5&y0=2.5",
    "surface=bowl&cond=25&lr=0.05&mom=0&steps=200&noise=0",
    "surface=wells&lr=0.02&mom=0&steps=300&noise=0&x0=1.8&y0=1.5",
    "surface=valley&lr=0.01&seed=7",
    "surface=bowl&cond=10&lr=0.19&mom=0&steps=100&noise=0",
    "surface=bowl&lr=5",
    "surface=bowl&cond=10&lr=0.05&mom=0&nesterov=0&steps=100&noise=0&x0=-2.5&y0=1.5&seed=1",
];

/// The app's former reading of a link (state.rs's `config_of` with its start-point reset).
fn former_config_of(query: &str) -> hyperlab_ml::optim::descent::DescentConfig {
    use hyperlab_ml::schema::{query_value, ParamState};
    let (p, _) = ParamState::from_query(&SCHEMA, query);
    let surface = match p.choice_slug("surface") {
        "valley" => Surface::Valley,
        "wells" => Surface::TwoWells,
        _ => Surface::Bowl { condition: p.float("cond").max(1.0) },
    };
    let start = if query_value(query, "x0").is_none() { surface.default_start() } else { [p.float("x0"), p.float("y0")] };
    hyperlab_ml::optim::descent::DescentConfig {
        surface,
        learning_rate: p.float("lr"),
        momentum: p.float("mom"),
        nesterov: p.flag("nesterov"),
        gradient_noise: p.float("noise"),
        max_steps: p.int("steps").max(1) as usize,
        start: surface.bounds().clamp(start),
        seed: p.int("seed").max(0) as u64,
    }
}

#[test]
fn todays_links_open_the_same_state_without_notices() {
    for link in TODAYS_LINKS.iter().chain(CHALLENGES.iter().map(|c| &c.info.setup)).chain(PRESETS.iter().map(|p| &p.query)) {
        let (settings, notices) = Settings::from_query(link);
        assert!(notices.is_empty(), "{link}: {notices:?}");
        // Writing the settings back and reading them again changes nothing.
        let again = Settings::from_query(&settings.to_params().to_query()).0;
        assert_eq!(again, settings, "{link}");
    }
    // The run each link describes is the one the app's former `config_of` built from it.
    for link in TODAYS_LINKS {
        assert_eq!(Settings::from_query(link).0.config(), former_config_of(link), "{link}");
    }
    let (s, _) = Settings::from_query("surface=valley&lr=0.01&seed=7");
    assert_eq!((s.surface, s.learning_rate, s.seed, s.steps), (SurfaceKind::Valley, 0.01, 7, 100));
    // No start point in the link: the surface's own start.
    assert_eq!(s.start, Surface::Valley.default_start());
    let (w, _) = Settings::from_query("surface=wells&lr=0.02&mom=0&steps=300&noise=0&x0=1.8&y0=1.5");
    assert_eq!((w.surface, w.start, w.steps, w.momentum), (SurfaceKind::Wells, [1.8, 1.5], 300, 0.0));
    let (b, _) = Settings::from_query("surface=bowl&cond=25&lr=0.05&mom=0&steps=200&noise=0");
    assert_eq!((b.condition, b.learning_rate, b.start, b.nesterov), (25.0, 0.05, [-2.5, 1.5], false));
    assert_eq!(Settings::default(), Settings::from_query("").0);
}

#[test]
fn hostile_links_are_clamped_with_notices() {
    let (s, notices) = Settings::from_query("lr=1e-300&mom=5&steps=1e9&x0=nan&surface=%3Cimg%3E&cond=0");
    assert!(notices.len() >= 5, "{notices:?}");
    assert_eq!(s.learning_rate, LR_MIN);
    assert_eq!(s.momentum, MOMENTUM_MAX);
    assert_eq!(s.steps, STEPS_MAX as usize);
    assert_eq!(s.surface, SurfaceKind::Bowl);
    assert_eq!(s.condition, CONDITION_MIN);
    // Every clamped state still builds and runs.
    assert!(model(s).status().is_finished());
}

#[test]
fn knob_bounds_come_from_one_constant() {
    let range = |key: &str| match SCHEMA.iter().find(|s| s.key == key).unwrap().kind {
        hyperlab_ml::schema::Kind::Float { min, max, .. } => (min, max),
        hyperlab_ml::schema::Kind::Int { min, max, .. } => (min as f64, max as f64),
        _ => unreachable!(),
    };
    assert_eq!(range("lr"), (LR_MIN, LR_MAX));
    assert_eq!((SWEEP_LOW, SWEEP_HIGH), (LR_MIN, LR_MAX));
    assert_eq!(range("cond"), (CONDITION_MIN, CONDITION_MAX));
    assert_eq!(range("mom").1, MOMENTUM_MAX);
    assert_eq!(range("steps"), (STEPS_MIN as f64, STEPS_MAX as f64));
    assert_eq!(range("noise").1, NOISE_MAX);
    assert_eq!(range("x0"), (-START_LIMIT, START_LIMIT));
}

// ---------------------------------------------------------------- the badge on the bowl

#[test]
fn bowl_regimes_follow_the_hessian_thresholds() {
    for condition in [4.0, 10.0, 25.0] {
        for factor in [0.5, 0.9, 0.99, 1.01, 1.2, 1.5, 1.82, 1.9, 2.01, 2.5] {
            let lr = factor / condition;
            let m = model(bowl(condition, lr, 500));
            let v = m.verdict().unwrap();
            let zigzags = m.run().path().windows(3).take(20).all(|w| (w[1][1] - w[0][1]) * (w[2][1] - w[1][1]) < 0.0);
            if factor < 1.0 {
                assert_eq!(v.regime, Regime::Good, "κ={condition} η={lr}");
                assert_eq!(v.overshoots, 0);
            } else if factor < 2.0 {
                assert_eq!(v.regime, Regime::Oscillating, "κ={condition} η={lr}");
                assert!(converged(&m) && zigzags, "η > 1/κ: w₂ changes side every step yet converges (κ={condition} η={lr})");
            } else {
                assert_eq!(v.regime, Regime::Diverging, "κ={condition} η={lr}");
            }
        }
    }
}

#[test]
fn the_walkthrough_zigzags_on_the_bowl_are_called_overshooting() {
    // The learner saw these zig-zag and arrive while the badge said "never overshoots".
    for lr in ["0.12", "0.15", "0.19"] {
        let s = snapshot(&format!("surface=bowl&cond=10&lr={lr}&mom=0&steps=100&noise=0"));
        assert_eq!(s.verdict.regime, Regime::Oscillating, "η = {lr}");
        assert!(matches!(s.status, Status::Converged { .. }));
        assert!(s.verdict.explanation().contains("these settings still converge"));
    }
}

#[test]
fn at_the_wall_the_zigzag_neither_shrinks_nor_grows() {
    let m = model(bowl(10.0, 0.2, 100));
    let v = m.verdict().unwrap();
    assert_eq!((v.regime, v.stability, v.arrived), (Regime::Oscillating, Stability::AtTheWall, false));
    assert!(v.explanation().starts_with("Exactly at the wall"));
    let w2: Vec<f64> = m.run().path().iter().map(|p| p[1].abs()).collect();
    assert!(w2.iter().all(|y| (y - 1.5).abs() < 1e-6), "|w₂| stays at its start: {:?}", &w2[..5]);
    assert!(!converged(&m));
    // Any smaller rate converges; any larger one grows.
    assert_eq!(bowl_stability(&bowl(10.0, 0.199, 100)), Stability::Shrinking);
    assert!(converged(&model(bowl(10.0, 0.19, 500))));
    assert_eq!(bowl_stability(&bowl(10.0, 0.201, 100)), Stability::Growing);
}

#[test]
fn past_the_wall_the_oscillation_grows_until_the_run_blows_up() {
    // Plain: a short budget ends before the blow-up, yet the badge already says diverging.
    let short = model(bowl(10.0, 0.21, 30));
    let v = short.verdict().unwrap();
    assert_eq!((v.regime, v.diverged), (Regime::Diverging, false));
    assert!(v.explanation().starts_with("Past the wall"));
    let w2: Vec<f64> = short.run().path().iter().map(|p| p[1].abs()).collect();
    assert!(w2.windows(2).all(|w| w[1] > w[0]), "the oscillation along w₂ grows every step");
    assert!(diverged(&model(bowl(10.0, 0.21, 500))));
    // Momentum moves the wall (to 2(1 + μ)/κ) but past it the same holds.
    let heavy = Settings { momentum: 0.5, ..bowl(10.0, 0.31, 12) };
    let m = model(heavy);
    assert_eq!(m.verdict().unwrap().regime, Regime::Diverging);
    assert!(!diverged(&m));
    assert!(diverged(&model(Settings { steps: 500, ..heavy })));
    let below = model(Settings { learning_rate: 0.25, steps: 500, ..heavy });
    assert!(converged(&below), "0.25 < 2(1 + 0.5)/10 converges with momentum");
}

#[test]
fn diverged_runs_blew_up_and_the_button_recovers() {
    for query in [
        "surface=bowl&cond=10&lr=5",
        "surface=bowl&cond=10&lr=1&mom=0.9",
        "surface=valley&lr=0.0203&mom=0&steps=100&noise=0",
        "surface=valley&lr=5",
        "surface=wells&lr=0.5&x0=1.8&y0=1.5",
        "surface=wells&lr=0.3&noise=2&seed=4&x0=1.8&y0=1.5",
    ] {
        let m = finished(query);
        let v = m.verdict().unwrap();
        assert!(diverged(&m) && v.diverged && v.regime == Regime::Diverging, "{query}");
        assert_eq!(v.explanation(), "The loss blew up, so the run was stopped. Lower the learning rate.");
        // "Blew up": the next step was past the divergence limits (the run stops before recording it).
        let start = m.run().losses()[0];
        let Status::Diverged { step, .. } = m.status() else { unreachable!() };
        assert_eq!(step, m.run().steps_taken() + 1, "{query}");
        let mut probe = Settings::from_query(query).0.config();
        probe.max_steps = step - 1;
        let reached = { let mut r = probe.build().unwrap(); r.finish(); r.current_loss() };
        assert!(reached <= DIVERGENCE_FACTOR * start.max(1.0), "{query}");
        // The button: the largest swept rate below the current one that survives.
        let settings = *m.settings();
        let lower = recovery_rate(&settings);
        assert!(lower < settings.learning_rate, "{query}");
        let recovered = model(Settings { learning_rate: lower, ..settings });
        assert!(!diverged(&recovered), "{query}: {lower} diverges");
        let larger_survivor = log_space(SWEEP_LOW, SWEEP_HIGH, SWEEP_COUNT)
            .into_iter()
            .map(|r| Settings { learning_rate: r, ..settings }.normalized())
            .filter(|s| s.learning_rate > lower && s.learning_rate < settings.learning_rate)
            .find(|s| model(*s).verdict().unwrap().regime != Regime::Diverging);
        assert_eq!(larger_survivor, None, "{query}: a larger swept rate survives");
        assert_ne!(recovered.verdict().unwrap().regime, Regime::Diverging, "{query}: the badge at {lower} still says diverging");
    }
    assert!(DIVERGED_HELP.contains("largest rate of the sweep below yours that does not diverge"));
    // Near the bottom of the range: the smallest swept rate; below it, a quarter clamped to the knob.
    assert_eq!(recovery_rate(&bowl(10.0, 1.1e-4, 100)), SWEEP_LOW);
    assert_eq!(recovery_rate(&bowl(10.0, LR_MIN, 100)), LR_MIN);
    assert!(DIVERGED_HELP.contains(&format!("never below {}", hyperlab_ml::schema::format_number(LR_MIN))));
}

// ---------------------------------------------------------------- every surface, every rate

/// Every sweep rate on every surface (noise-free), with its finished model.
fn all_sweeps() -> Vec<LrModel> {
    let templates = [
        bowl(10.0, 1.0, 100),
        bowl(100.0, 1.0, 100),
        on(SurfaceKind::Valley, 1.0, 100),
        on(SurfaceKind::Wells, 1.0, 300),
        Settings { start: [-1.8, 1.5], ..on(SurfaceKind::Wells, 1.0, 100) },
        Settings { momentum: 0.5, ..on(SurfaceKind::Valley, 1.0, 100) },
    ];
    templates
        .iter()
        .flat_map(|t| log_space(SWEEP_LOW, SWEEP_HIGH, SWEEP_COUNT).into_iter().map(move |r| model(Settings { learning_rate: r, ..*t })))
        .collect()
}

#[test]
fn every_badge_says_what_its_run_did() {
    let models = all_sweeps();
    let mut seen = std::collections::HashSet::new();
    for m in &models {
        let v = m.verdict().unwrap();
        let run = m.run();
        let what = format!("{:?} η={}", m.settings().surface, m.settings().learning_rate);
        seen.insert(v.regime);
        match v.regime {
            Regime::TooSmall => {
                assert!(!v.arrived && v.overshoots == 0 && !v.diverged, "{what}");
                assert!(run.losses().windows(2).all(|w| w[1] <= w[0]), "{what}: the loss falls steadily");
                assert_eq!(run.status(), Status::BudgetSpent, "{what}");
                // "A larger learning rate gets further in the same number of steps."
                let final_loss = run.current_loss();
                let better = models.iter().any(|o| {
                    o.settings().learning_rate > m.settings().learning_rate
                        && Settings { learning_rate: m.settings().learning_rate, ..*o.settings() } == *m.settings()
                        && !diverged(o)
                        && o.run().current_loss() < final_loss
                });
                assert!(better, "{what}: no larger rate did better");
            }
            Regime::Good => {
                assert!(v.arrived && v.overshoots == 0, "{what}");
                assert!(converged(m) || run.current_loss() * 1e3 <= run.losses()[0], "{what}");
            }
            Regime::Oscillating => {
                assert!(v.overshoots > 0 || v.stability == Stability::AtTheWall, "{what}");
                // "See the map and the parameter chart": some parameter's trace turns back.
                let [w1, w2] = coordinate_reversals(run.path());
                assert!(w1 + w2 > 0, "{what}");
            }
            Regime::Diverging => assert!(diverged(m) || v.stability == Stability::Growing, "{what}"),
            Regime::StuckInLocalMinimum => {
                let local = Surface::TwoWells.local_minimum().unwrap();
                assert!((run.position()[0] - local[0]).abs() < 0.25, "{what}");
            }
        }
        // An overshoot is a step that came back along a curvature direction.
        assert_eq!(v.overshoots, count_overshoots(run.config().surface, run.path()));
    }
    assert_eq!(seen.len(), 5, "every regime appears somewhere: {seen:?}");
}

#[test]
fn the_thousandfold_boundary_between_crawling_and_converging() {
    // κ = 1: no overshoot below η = 1; in 10 steps the loss falls by (1 − η)^20, which crosses
    // 1/1,000 between η = 0.29 and η = 0.295.
    let crawl = model(bowl(1.0, 0.29, 10));
    let arrive = model(bowl(1.0, 0.295, 10));
    let ratio = |m: &LrModel| m.run().current_loss() / m.run().losses()[0];
    assert!(ratio(&crawl) > 1e-3 && ratio(&arrive) < 1e-3);
    assert_eq!(crawl.verdict().unwrap().regime, Regime::TooSmall);
    assert_eq!(arrive.verdict().unwrap().regime, Regime::Good);
    assert!(crawl.verdict().unwrap().explanation().contains("less than 1,000×"));
    assert!(arrive.verdict().unwrap().explanation().contains("at least 1,000×"));
}

#[test]
fn overshooting_that_never_arrives_says_so() {
    let s = snapshot("surface=valley&lr=0.0273&mom=0&steps=100&noise=0&x0=-1.5&y0=2.5");
    assert_eq!(s.verdict.regime, Regime::Oscillating);
    assert!(!s.verdict.arrived);
    assert!(s.verdict.explanation().contains("has not fallen 1,000×"));
    let m = finished("surface=valley&lr=0.0273&mom=0&steps=100&noise=0&x0=-1.5&y0=2.5");
    assert!(m.run().current_loss() * 1e3 > m.run().losses()[0]);
}

// ---------------------------------------------------------------- two wells

#[test]
fn small_plain_steps_stay_in_the_basin_they_start_in() {
    for lr in ["0.01", "0.02", "0.05"] {
        for steps in ["300", "500"] {
            let s = snapshot(&format!("surface=wells&lr={lr}&mom=0&steps={steps}&noise=0&x0=1.8&y0=1.5"));
            assert_eq!(s.verdict.regime, Regime::StuckInLocalMinimum, "η = {lr}");
            assert_eq!(s.verdict.crossing, Some(Crossing::Stayed));
            assert!(s.verdict.crossing_note().unwrap().contains("Momentum can carry it over the ridge"));
        }
    }
    // ... and momentum does carry it over: it keeps moving uphill after the gradient turns.
    let m = finished("surface=wells&lr=0.02&mom=0.85&steps=300&noise=0&x0=1.8&y0=1.5");
    let v = m.verdict().unwrap();
    assert_eq!(v.crossing, Some(Crossing::CarriedOver { uphill: true }));
    assert!(m.run().position()[0] < Surface::TwoWells.ridge().unwrap());
    assert!(m.run().losses().windows(2).any(|w| w[1] > w[0]), "it climbed for a while");
    assert!(v.crossing_note().unwrap().starts_with("Momentum carried it over the ridge: the same rate without momentum stays"));
    assert!(v.crossing_note().unwrap().contains("moving uphill"));
}

/// Momentum is credited with a crossing only where the same rate without it stays, and "uphill"
/// only where the loss rose: at η = 0.2 plain descent jumps the ridge by itself, so a little
/// momentum there is a jump, not a carry.
#[test]
fn momentum_is_credited_with_a_crossing_only_where_plain_descent_stays() {
    let mut carried = 0;
    for lr in ["0.02", "0.05", "0.1", "0.16", "0.2"] {
        for mom in ["0.05", "0.5", "0.85", "0.9"] {
            let q = format!("surface=wells&lr={lr}&mom={mom}&steps=300&noise=0&x0=1.8&y0=1.5");
            let m = finished(&q);
            let v = m.verdict().unwrap();
            let plain = finished(&format!("surface=wells&lr={lr}&mom=0&steps=300&noise=0&x0=1.8&y0=1.5"));
            let ridge = Surface::TwoWells.ridge().unwrap();
            let plain_crosses = !diverged(&plain) && plain.run().position()[0] < ridge;
            if let Some(Crossing::CarriedOver { uphill }) = v.crossing {
                carried += 1;
                assert!(!plain_crosses, "{q}: plain descent crosses too");
                assert_eq!(uphill, m.run().losses().windows(2).any(|w| w[1] > w[0]), "{q}");
                assert_eq!(v.crossing_note().unwrap().contains("uphill"), uphill, "{q}");
            }
            if plain_crosses && m.run().position()[0] < ridge && !diverged(&m) {
                assert!(!matches!(v.crossing, Some(Crossing::CarriedOver { .. })), "{q}: {:?}", v.crossing);
            }
        }
    }
    assert!(carried >= 2, "momentum carries it over somewhere ({carried})");
    let jump = finished("surface=wells&lr=0.2&mom=0.05&steps=300&noise=0&x0=1.8&y0=1.5");
    assert!(!matches!(jump.verdict().unwrap().crossing, Some(Crossing::CarriedOver { .. })), "{:?}", jump.verdict().unwrap().crossing);
}

/// With both momentum and noise, a crossing the noise-free run (same momentum) does not make is
/// the noise's doing, and "uphill" reads the noise-free losses (noisy ones rise now and then).
#[test]
fn with_momentum_and_noise_a_crossing_is_credited_to_what_caused_it() {
    let ridge = Surface::TwoWells.ridge().unwrap();
    let (mut by_noise, mut by_momentum) = (0, 0);
    for mom in ["0.5", "0.7", "0.85"] {
        for sigma in ["2", "5"] {
            let quiet = finished(&format!("surface=wells&lr=0.02&mom={mom}&steps=300&noise=0&x0=1.8&y0=1.5"));
            let quiet_crosses = !diverged(&quiet) && quiet.run().position()[0] < ridge;
            for seed in 1..=8 {
                let q = format!("surface=wells&lr=0.02&mom={mom}&steps=300&noise={sigma}&seed={seed}&x0=1.8&y0=1.5");
                let m = finished(&q);
                let v = m.verdict().unwrap();
                if diverged(&m) || m.run().position()[0] > ridge {
                    continue;
                }
                if quiet_crosses {
                    let Some(Crossing::CarriedOver { uphill }) = v.crossing else { panic!("{q}: {:?}", v.crossing) };
                    assert_eq!(uphill, quiet.run().losses().windows(2).any(|w| w[1] > w[0]), "{q}");
                    by_momentum += 1;
                } else {
                    assert_eq!(v.crossing, Some(Crossing::PushedOverByNoise), "{q}");
                    assert!(v.crossing_note().unwrap().contains("without the noise"), "{q}");
                    by_noise += 1;
                }
            }
        }
    }
    assert!(by_noise > 0 && by_momentum > 0, "noise took {by_noise} over, momentum {by_momentum}");
}

/// "The badge judges these settings as they run without noise": on the two wells too. The walk-
/// through found momentum 0.5 with noise 0.5 or 5 called "Overshooting (momentum)" while the same
/// settings without noise are stuck in the local minimum, and small noisy steps that went over
/// the ridge and back explained as "a large step".
#[test]
fn on_the_two_wells_the_badge_and_notes_judge_the_noise_free_run() {
    let (mut over_and_back, mut stuck) = (0, 0);
    for sigma in ["0.5", "5"] {
        for mom in ["0", "0.5"] {
            let quiet = finished(&format!("surface=wells&lr=0.02&mom={mom}&steps=300&noise=0&x0=1.8&y0=1.5"));
            let quiet_regime = quiet.verdict().unwrap().regime;
            for seed in 1..=5 {
                let q = format!("surface=wells&lr=0.02&mom={mom}&steps=300&noise={sigma}&seed={seed}&x0=1.8&y0=1.5");
                let v = finished(&q).verdict().unwrap();
                assert_eq!(v.regime, quiet_regime, "{q}");
                stuck += usize::from(v.regime == Regime::StuckInLocalMinimum);
                if v.crossing == Some(Crossing::WentAndCameBack) {
                    panic!("{q}: the noise-free run never crosses, so no large step took it over");
                }
                if v.crossing == Some(Crossing::NoiseWentAndCameBack) {
                    over_and_back += 1;
                    assert!(v.crossing_note().unwrap().starts_with("Gradient noise pushed it over the ridge and back"), "{q}");
                }
            }
        }
    }
    assert!(stuck > 0 && over_and_back > 0, "{stuck} stuck, {over_and_back} over and back");
}

#[test]
fn a_large_plain_step_can_jump_the_ridge_either_way() {
    // The walk-through: η = 0.16 jumps the ridge in one step and ends in the global minimum.
    let jump = finished("surface=wells&lr=0.16&mom=0&steps=300&noise=0&x0=1.8&y0=1.5");
    let v = jump.verdict().unwrap();
    let ridge = Surface::TwoWells.ridge().unwrap();
    assert!(jump.run().path()[1][0] < ridge, "the first step crosses the ridge");
    assert!(converged(&jump) && jump.run().position()[0] < ridge);
    assert_eq!(v.crossing, Some(Crossing::JumpedOver));
    assert_ne!(v.regime, Regime::Good, "a jump over the ridge is not 'never overshooting'");
    assert_eq!(v.regime, Regime::Oscillating);
    assert!(v.crossing_note().unwrap().contains("nearby rates end in the other well or diverge"));
    // Other large rates: back in the local well, or diverged.
    let back = finished("surface=wells&lr=0.21&mom=0&steps=300&noise=0&x0=1.8&y0=1.5");
    let vb = back.verdict().unwrap();
    assert_eq!((vb.regime, vb.crossing), (Regime::StuckInLocalMinimum, Some(Crossing::WentAndCameBack)));
    assert!(vb.crossing_note().unwrap().contains("came back"));
    assert!(diverged(&finished("surface=wells&lr=0.3&mom=0&steps=300&noise=0&x0=1.8&y0=1.5")));
}

#[test]
fn strong_noise_kicks_some_runs_over_the_ridge_and_not_others() {
    let ends = |sigma: &str| -> Vec<Snapshot> {
        (1..=8).map(|seed| snapshot(&format!("surface=wells&lr=0.02&mom=0&steps=300&noise={sigma}&seed={seed}&x0=1.8&y0=1.5"))).collect()
    };
    let strong = ends("5");
    let over: Vec<_> = strong.iter().filter(|s| s.verdict.crossing == Some(Crossing::PushedOverByNoise)).collect();
    assert!(!over.is_empty() && over.len() < strong.len(), "some seeds escape, some do not");
    assert!(over[0].verdict.crossing_note().unwrap().contains("without the noise"));
    assert!(ends("1").iter().all(|s| s.position[0] > 0.0), "mild noise never escapes");
}

// ---------------------------------------------------------------- notes and captions

#[test]
fn noise_note_the_badge_judges_the_noise_free_run_and_noise_stops_short() {
    for seed in SEEDS {
        let noisy = finished(&format!("surface=bowl&cond=10&lr=0.09&mom=0&steps=100&noise=1&{seed}"));
        let quiet = finished("surface=bowl&cond=10&lr=0.09&mom=0&steps=100&noise=0");
        assert_eq!(noisy.verdict().unwrap().regime, quiet.verdict().unwrap().regime);
        assert!(converged(&quiet) && !converged(&noisy), "{seed}: noise stops it short of the minimum");
        assert_ne!(noisy.run().path(), quiet.run().path());
    }
    assert!(NOISE_NOTE.contains("judges these settings as they run without noise"));
}

#[test]
fn bowl_note_thresholds_and_the_fastest_rate() {
    for condition in [4.0, 10.0, 25.0, 100.0] {
        let settings = bowl(condition, 0.05, 500);
        let (fastest, _) = fewest_plain_steps(&settings).unwrap();
        let predicted = 2.0 / (1.0 + condition);
        assert!((fastest / predicted - 1.0).abs() < 0.1, "κ={condition}: fastest {fastest}, 2/(1+κ) = {predicted}");
        assert!(fastest > 1.0 / condition, "κ={condition}: the fastest rate already zig-zags");
        let fast = model(Settings { learning_rate: fastest, ..settings });
        assert_eq!(fast.verdict().unwrap().regime, Regime::Oscillating);
    }
    let note = bowl_note(&bowl(10.0, 0.05, 100)).unwrap();
    assert!(note.contains("1/κ = 0.1 ") && note.contains("2/κ = 0.2;") && note.contains("2/(1 + κ) = 0.1818"), "{note}");
    // The measured sentence: the rate and steps of `fewest_plain_steps`, and "zig-zags" only
    // where that rate overshoots along w₂ and the start has a w₂ part.
    let (rate, steps) = fewest_plain_steps(&bowl(10.0, 0.05, 100)).unwrap();
    assert!(note.contains(&format!("over {} rates (the sweep chart tries only 40: its best can need more steps, or none of them may reach the minimum), the fewest steps, {steps}, came at η ≈ {}, which already zig-zags along w₂.", fine_rate_count(), hyperlab_ml::schema::format_number(rate))), "{note}");
    // The sweep's best on the same bowl needs more steps, as the note warns: 40 rates are coarser.
    let sweep_best = summarize(&sweep_points(&bowl(10.0, 0.05, 100))).best.unwrap();
    assert!(sweep_best.converged && sweep_best.steps > steps && fine_rate_count() > 10 * 40, "{} vs {steps}", sweep_best.steps);
    // "Or none of them may reach the minimum": the walk-through's κ = 25 state, where the fine
    // grid's best took 96 steps and none of the sweep's 40 reached the minimum within 100.
    let k25 = bowl(25.0, 0.07, 100);
    assert!(fewest_plain_steps(&k25).is_some() && summarize(&sweep_points(&k25)).best.is_some_and(|b| !b.converged));
    // "Both directions shrink by the same factor, (κ − 1)/(κ + 1)": |1 − η| = |1 − ηκ| at η = 2/(1 + κ).
    let eta = 2.0 / 11.0;
    assert!(((1.0 - eta) - (1.0 - eta * 10.0f64).abs()).abs() < 1e-12 && ((1.0 - eta) - 9.0 / 11.0).abs() < 1e-12);
    assert!(note.contains("(κ − 1)/(κ + 1) = 0.8182 per step"), "{note}");
    // At κ = 1 the fastest rate is 1: one step, no zig-zag.
    let round = bowl(1.0, 0.05, 100);
    let (rate, steps) = fewest_plain_steps(&round).unwrap();
    assert!((rate - 1.0).abs() < 0.05 && steps <= 2, "κ = 1: {rate}, {steps}");
    let round_note = bowl_note(&round).unwrap();
    assert!(!round_note.contains("zig-zag") && !round_note.contains("along w₂"), "{round_note}");
    assert!(round_note.contains("overshoots once η > 1 and diverges once η > 2"), "{round_note}");
    // Both directions overshoot past η = 1 and diverge past 2; η = 1 lands in one step.
    for (lr, overshoots, blows_up) in [(0.9, false, false), (1.5, true, false), (2.2, true, true)] {
        let m = model(Settings { learning_rate: lr, ..bowl(1.0, lr, 100) });
        let path = m.run().path();
        assert_eq!(path[1][0].signum() != path[0][0].signum() && path[1][1].signum() != path[0][1].signum(), overshoots, "η = {lr}");
        assert_eq!(diverged(&m), blows_up, "η = {lr}");
    }
    assert!(converged(&model(bowl(1.0, 1.0, 100))) && steps == 1, "{steps}");
    // From a start on the w₂ axis, η = 1/κ arrives at once and nothing zig-zags.
    let on_axis = Settings { start: [0.0, 2.0], ..bowl(10.0, 0.05, 100) };
    let (rate, steps) = fewest_plain_steps(&on_axis).unwrap();
    assert!((rate * 10.0 - 1.0).abs() < 0.05 && steps <= 2, "on the axis: {rate}, {steps}");
    assert!(!bowl_note(&on_axis).unwrap().contains("zig-zag"), "{}", bowl_note(&on_axis).unwrap());
    assert_eq!(bowl_note(&Settings { momentum: 0.5, ..bowl(10.0, 0.05, 100) }), None);
    assert_eq!(bowl_note(&on(SurfaceKind::Valley, 0.01, 100)), None);
}

#[test]
fn intro_smaller_rates_crawl_larger_ones_need_fewer_steps_until_the_fastest_then_the_wall() {
    // On the κ = 10 bowl: steps to the minimum fall as η grows to about 2/(1 + κ), then rise, and
    // past 2/κ the run blows up.
    let steps = |lr: f64| match model(bowl(10.0, lr, 500)).status() {
        Status::Converged { step } => Some(step),
        _ => None,
    };
    let rising: Vec<usize> = [0.03, 0.06, 0.1, 0.14, 0.18].iter().map(|&lr| steps(lr).unwrap()).collect();
    assert!(rising.windows(2).all(|w| w[1] < w[0]), "{rising:?}");
    assert!(steps(0.195).unwrap() > steps(0.18).unwrap());
    assert!(diverged(&model(bowl(10.0, 0.25, 500))));
    assert_eq!(model(bowl(10.0, 0.003, 100)).verdict().unwrap().regime, Regime::TooSmall);
    assert!(INTRO.contains("larger and it needs fewer steps, then starts to zig-zag across the valley"));
    // Zig-zag (overshoot along w₂) starts at 1/κ = 0.1, before the fastest rate near 0.18.
    assert_eq!(model(bowl(10.0, 0.14, 500)).verdict().unwrap().regime, Regime::Oscillating);
}

#[test]
fn loss_caption_the_loss_can_fall_smoothly_while_the_path_zigzags() {
    // The walk-through: η = 0.19 on the κ = 10 bowl draws a straight line on the log-loss chart.
    let m = finished("surface=bowl&cond=10&lr=0.19&mom=0&steps=100&noise=0");
    assert!(m.run().losses().windows(2).all(|w| w[1] < w[0]), "the loss falls every step");
    assert!(m.run().path().windows(2).all(|w| w[0][1] * w[1][1] < 0.0), "while w₂ changes sign every step");
    // A straight downward line is steady (linear) convergence: a constant ratio per step.
    let smooth = finished("surface=bowl&cond=10&lr=0.05&mom=0&steps=100&noise=0");
    let ratios: Vec<f64> = smooth.run().losses()[40..].windows(2).map(|w| w[1] / w[0]).collect();
    assert!(ratios.iter().all(|r| (r - ratios[0]).abs() < 1e-3), "{ratios:?}");
    // A bump: a step that landed higher than the one before (momentum does this).
    let bumpy = finished("surface=bowl&cond=10&lr=0.05&mom=0.9&steps=100&noise=0");
    assert!(bumpy.run().losses().windows(2).any(|w| w[1] > w[0]));
    assert!(LOSS_CAPTION.contains("The loss can fall smoothly while the path zig-zags"));
    // ... and the parameter chart shows it: w₂'s trace turns back at every step.
    let [w1_turns, w2_turns] = coordinate_reversals(m.run().path());
    assert_eq!((w1_turns, w2_turns), (0, m.run().steps_taken() - 1));
    assert!(COORDINATES_CAPTION.contains("even while the loss above falls smoothly"));
    assert!(coordinates_summary(m.run()).contains(&format!("w₂'s {w2_turns} times")));
    // No zig-zag, no turning back.
    assert_eq!(coordinate_reversals(smooth.run().path()), [0, 0]);
    assert!(!LOSS_CAPTION.contains("saw-tooth"));
}

#[test]
fn status_text_says_paused_when_paused() {
    let mut m = LrModel::new(Settings::from_query("surface=bowl&cond=10&lr=0.01").0);
    for _ in 0..33 {
        m.step();
    }
    assert_eq!(status_sentence(m.run(), false), "Paused at step 33 of 100.");
    assert_eq!(status_sentence(m.run(), true), "Running: step 33 of 100.");
    assert!(m.verdict().is_none() && m.snapshot().is_none());
}

#[test]
fn status_text_of_each_ending() {
    let done = finished("surface=bowl&cond=10&lr=0.09&steps=100");
    let Status::Converged { step } = done.status() else { panic!() };
    assert_eq!(status_sentence(done.run(), false), format!("Reached the minimum (loss below 1e-6) at step {step}."));
    assert!(done.run().current_loss() <= 1e-6 && done.run().steps_taken() == step);
    let spent = finished("surface=bowl&cond=10&lr=0.003&steps=100");
    assert_eq!(status_sentence(spent.run(), false), "Used all 100 steps without reaching the minimum.");
    assert!(spent.run().steps_taken() == 100 && spent.run().current_loss() > 1e-6);
    let blown = finished("surface=bowl&cond=10&lr=5&steps=100");
    let text = status_sentence(blown.run(), false);
    let Status::Diverged { step, .. } = blown.status() else { panic!() };
    assert_eq!(text, format!("Diverged at step {step}: the loss grew past 10,000 times its starting value (or past 10,000, if it started below 1)."));
}

// ---------------------------------------------------------------- the sweep

#[test]
fn sweep_wall_best_point_and_non_monotone_divergence_on_the_valley() {
    let settings = Settings::from_query("surface=valley&lr=0.05&mom=0&steps=100&noise=0").0;
    let points = sweep_points(&settings);
    let s = summarize(&points);
    let wall = s.wall.unwrap();
    assert!(points.iter().filter(|p| p.learning_rate >= wall).all(|p| p.final_loss.is_none()), "shaded: all diverged");
    assert!(s.best.unwrap().learning_rate < wall, "the best point is left of the shading");
    assert!(s.smallest_diverging.unwrap() < wall && s.diverged_below_wall > 0, "the first divergence is not the wall");
    // The wall challenge's answer lies between the last dot before the shading and the shading.
    assert!(s.largest_stable.unwrap() < 0.028 && 0.028 < wall);
    let caption = sweep_caption(&points, settings.steps);
    assert!(caption.contains("divergence need not be monotone in η"), "{caption}");
    assert!(caption.contains(&format!("Every rate from {} up diverged", hyperlab_ml::schema::format_number(wall))));
    assert!(sweep_summary(&points, 0.05).contains("Every rate from"));
}

#[test]
fn sweep_divergence_is_monotone_on_the_bowl_with_the_wall_just_past_two_over_kappa() {
    for (condition, momentum) in [(10.0, 0.0), (25.0, 0.0), (100.0, 0.0), (10.0, 0.5)] {
        let settings = Settings { momentum, ..bowl(condition, 0.05, 100) };
        let points = sweep_points(&settings);
        let s = summarize(&points);
        assert_eq!(s.diverged_below_wall, 0, "κ={condition} μ={momentum}");
        let limit = 2.0 * (1.0 + momentum) / condition;
        assert!(s.wall.unwrap() > limit, "κ={condition} μ={momentum}: {s:?}");
        // Below the limit nothing diverges; above it a run either blew up within the budget or is
        // still growing (the badge says diverging).
        for p in &points {
            let grows = bowl_stability(&Settings { learning_rate: p.learning_rate, ..settings }) == Stability::Growing;
            assert_eq!(p.learning_rate > limit, p.final_loss.is_none() || grows, "κ={condition} μ={momentum} η={}", p.learning_rate);
        }
        assert!(!sweep_caption(&points, 100).contains("monotone"));
    }
}

#[test]
fn good_rates_differ_by_orders_of_magnitude_between_surfaces() {
    let best = |settings: Settings| summarize(&sweep_points(&settings)).best.unwrap().learning_rate;
    let round_bowl = best(bowl(1.0, 0.05, 100));
    let valley = best(on(SurfaceKind::Valley, 0.05, 100));
    let sharp_bowl = best(bowl(100.0, 0.05, 100));
    assert!(round_bowl / valley > 10.0 && round_bowl / sharp_bowl > 10.0, "{round_bowl} {valley} {sharp_bowl}");
}

// ---------------------------------------------------------------- presets

fn preset(name: &str) -> &'static Preset {
    PRESETS.iter().find(|p| p.name == name).unwrap()
}

#[test]
fn presets_name_their_surface_and_start_and_parse_cleanly() {
    for p in &PRESETS {
        let (settings, notices) = Settings::from_query(p.query);
        assert!(notices.is_empty(), "{}", p.name);
        assert!(p.query.contains("surface=") && p.query.contains("x0=") && p.query.contains("y0="), "{}", p.name);
        assert_eq!(settings.start, settings.surface().default_start(), "{}", p.name);
    }
}

#[test]
fn preset_crawling() {
    let m = finished(preset("Crawling").query);
    assert_eq!(m.verdict().unwrap().regime, Regime::TooSmall);
    assert!(m.run().current_loss() > 1.0, "ends far from the minimum: {}", m.run().current_loss());
}

#[test]
fn preset_smooth() {
    let m = finished(preset("Smooth").query);
    let v = m.verdict().unwrap();
    assert!(converged(&m) && v.overshoots == 0 && v.regime == Regime::Good);
    assert!(m.settings().learning_rate < 0.1);
}

#[test]
fn preset_fastest() {
    let m = finished(preset("Fastest (zig-zags)").query);
    let Status::Converged { step } = m.status() else { panic!("{:?}", m.status()) };
    let (_, best) = fewest_plain_steps(m.settings()).unwrap();
    assert_eq!(step, best, "the fewest steps of any fixed rate");
    assert_eq!(m.verdict().unwrap().regime, Regime::Oscillating);
}

#[test]
fn preset_diverging() {
    let m = finished(preset("Diverging").query);
    assert!(diverged(&m) && m.verdict().unwrap().regime == Regime::Diverging);
    let w2: Vec<f64> = m.run().path().iter().map(|p| p[1].abs()).collect();
    assert!(w2.windows(2).all(|w| w[1] > w[0]), "every overshoot is larger than the last");
}

#[test]
fn preset_non_monotone_wall() {
    let p = preset("Non-monotone wall");
    assert!(p.claim.contains("need not be monotone") && !p.claim.contains("is not monotone"), "{}", p.claim);
    let m = finished(p.query);
    assert!(diverged(&m));
    assert!(!diverged(&finished("surface=valley&lr=0.0273&mom=0&nesterov=0&steps=100&noise=0&x0=-1.5&y0=2.5")));
}

#[test]
fn preset_local_minimum() {
    let m = finished(preset("Local minimum").query);
    assert_eq!(m.verdict().unwrap().regime, Regime::StuckInLocalMinimum);
}

// ---------------------------------------------------------------- challenges

#[test]
fn every_challenge_teaches() {
    let run = |query: &str| snapshot(query);
    for c in &CHALLENGES {
        c.teaches(run, &SEEDS).unwrap();
    }
}

#[test]
fn challenge_checks_keep_their_original_examples() {
    // Moved from the app's wasm tests, assertions kept.
    assert!(CHALLENGES[0].is_met(&snapshot("surface=bowl&cond=10&lr=0.19&steps=100")));
    assert!(!CHALLENGES[0].is_met(&snapshot("surface=bowl&cond=10&lr=0.05&steps=100")));
    assert!(momentum_beats_plain(&snapshot("surface=bowl&cond=25&lr=0.1&mom=0.45&steps=200")));
    assert!(!momentum_beats_plain(&snapshot("surface=bowl&cond=25&lr=0.05&steps=200")));
    let escape = &CHALLENGES[3];
    assert!(!escape.is_met(&snapshot("surface=wells&lr=0.02&steps=300")));
    assert!(escape.is_met(&snapshot("surface=wells&lr=0.02&mom=0.9&steps=300")));
}

#[test]
fn regime_examples_kept_from_the_descent_module() {
    // Moved from descent.rs when the regime moved into the lab; assertions kept.
    let regime = |lr| model(Settings { start: [2.0, 1.0], ..bowl(10.0, lr, 60) }).verdict().unwrap().regime;
    assert_eq!(regime(0.002), Regime::TooSmall);
    assert_eq!(regime(0.09), Regime::Good);
    assert_eq!(regime(0.19), Regime::Oscillating);
    assert_eq!(regime(0.25), Regime::Diverging);
    // η = 0.03 is above 2 / (largest curvature) ≈ 0.0197 on the valley: the first steps bounce
    // off the walls. That is a large rate, not a small one.
    assert_eq!(model(on(SurfaceKind::Valley, 0.03, 100)).verdict().unwrap().regime, Regime::Oscillating);
    assert_eq!(model(on(SurfaceKind::Valley, 0.001, 100)).verdict().unwrap().regime, Regime::TooSmall);
    let plain = model(on(SurfaceKind::Wells, 0.02, 300));
    assert_eq!(plain.verdict().unwrap().regime, Regime::StuckInLocalMinimum);
    let heavy = model(Settings { momentum: 0.9, ..on(SurfaceKind::Wells, 0.02, 300) });
    assert!(heavy.run().position()[0] < 0.0, "momentum carries it into the global basin");
}

#[test]
fn every_ridge_jump_has_a_nearby_rate_that_ends_elsewhere() {
    let ridge = Surface::TwoWells.ridge().unwrap();
    let mut jumps = 0;
    for start in [[1.8, 1.5], [-1.8, 1.5], [0.5, -1.0]] {
        let template = Settings { start, ..on(SurfaceKind::Wells, 1.0, 300) };
        let runs: Vec<LrModel> = log_space(0.05, 1.0, 40).into_iter().map(|r| model(Settings { learning_rate: r, ..template })).collect();
        for (i, m) in runs.iter().enumerate() {
            if m.verdict().unwrap().crossing != Some(Crossing::JumpedOver) {
                continue;
            }
            jumps += 1;
            let end_right = m.run().position()[0] > ridge;
            let elsewhere = runs[i.saturating_sub(8)..(i + 9).min(runs.len())]
                .iter()
                .any(|o| diverged(o) || (o.run().position()[0] > ridge) != end_right);
            assert!(elsewhere, "start {start:?} η = {}", m.settings().learning_rate);
        }
    }
    assert!(jumps > 0);
}

#[test]
fn momentum_hint_ranges() {
    let beats = |lr: f64, mom: f64| momentum_beats_plain(&model(Settings { momentum: mom, ..bowl(25.0, lr, 200) }).snapshot().unwrap());
    for (lr, mom) in [(0.05, 0.5), (0.05, 0.7), (0.1, 0.5), (0.1, 0.7)] {
        assert!(beats(lr, mom), "η = {lr}, μ = {mom}");
    }
    for mom in [0.95, 0.99] {
        let m = model(Settings { momentum: mom, ..bowl(25.0, 0.05, 200) });
        assert!(!converged(&m), "μ = {mom} still swinging after 200 steps");
    }
}

#[test]
fn texts_quote_the_constants_the_checks_use() {
    use hyperlab_ml::schema::format_number;
    let prompt = |id: &str| CHALLENGES.iter().find(|c| c.info.id == id).unwrap().info.prompt;
    let kappa = |k: f64| format!("κ ≥ {}", format_number(k));
    assert!(prompt("lr-zigzag").contains(&kappa(ZIGZAG_MIN_CONDITION)));
    assert!(prompt("lr-fastest-rate").contains(&kappa(ZIGZAG_MIN_CONDITION)));
    assert!(prompt("lr-momentum-wins").contains(&kappa(MOMENTUM_MIN_CONDITION)));
    assert!(prompt("lr-escape-local").contains(&format!("η ≤ {}", format_number(ESCAPE_MAX_LR))));
    let percent = format!("{} %", (MARGIN * 100.0).round());
    assert!(prompt("lr-find-the-wall").contains(&percent) && prompt("lr-fastest-rate").contains(&percent));
    assert_eq!(ARRIVED_FACTOR, 1e3);
    for regime in [Regime::TooSmall, Regime::Good] {
        let v = Verdict { regime, overshoots: 0, arrived: regime == Regime::Good, diverged: false, stability: Stability::Shrinking, crossing: None, from_momentum: false };
        assert!(v.explanation().contains("1,000×"));
    }
    assert!(sweep_caption(&[], 100).contains(&format!("{SWEEP_COUNT} learning rates from {} to {}", format_number(SWEEP_LOW), format_number(SWEEP_HIGH))));
}

#[test]
fn challenge_ids_are_kept() {
    let ids: Vec<&str> = CHALLENGES.iter().map(|c| c.info.id).collect();
    assert_eq!(ids, ["lr-zigzag", "lr-find-the-wall", "lr-momentum-wins", "lr-escape-local", "lr-fastest-rate"]);
    assert!(ids.iter().all(|id| hyperlab_ml::labs::valid_id(id)));
}

#[test]
fn zigzag_explanation_each_step_multiplies_the_steep_distance_by_one_minus_eta_kappa() {
    for lr in [0.05, 0.15, 0.25] {
        let m = model(bowl(10.0, lr, 20));
        let factor = 1.0 - lr * 10.0;
        for w in m.run().path().windows(2).take(10) {
            assert!((w[1][1] - factor * w[0][1]).abs() < 1e-12, "η = {lr}");
        }
    }
    // Just under 1/κ: no zig-zag (the usual near miss); past 2/κ it diverges.
    assert_eq!(model(bowl(10.0, 0.0999, 100)).verdict().unwrap().regime, Regime::Good);
    assert!(diverged(&model(bowl(10.0, 0.25, 100))));
}

#[test]
fn wall_explanation_on_the_valley() {
    let valley = |lr: f64, steps: usize| model(Settings { learning_rate: lr, steps, ..on(SurfaceKind::Valley, lr, steps) });
    // Between about 0.017 and 0.03 diverging and surviving rates alternate.
    let fate: Vec<bool> = [0.0169, 0.0175, 0.0181, 0.0185, 0.019, 0.02, 0.0226, 0.023, 0.025, 0.0299, 0.03].iter().map(|&lr| diverged(&valley(lr, 100))).collect();
    assert_eq!(fate, [false, true, false, true, false, true, false, true, false, true, false]);
    // The wall is about 0.03: everything from 0.0303 up diverges.
    assert!(everything_diverges_from(&on(SurfaceKind::Valley, 0.03, 100), 0.0303));
    assert!(!everything_diverges_from(&on(SurfaceKind::Valley, 0.03, 100), 0.0295));
    // 2/λ_max ≈ 0.0197, and survivors above it never settle into the minimum, even in 500 steps.
    assert!((2.0 / Surface::Valley.curvature_at_minimum() - 0.0197).abs() < 5e-5);
    for lr in [0.0226, 0.025, 0.0273, 0.029, 0.03] {
        let m = valley(lr, 500);
        assert!(!diverged(&m) && !converged(&m), "η = {lr}");
    }
}

#[test]
fn momentum_explanation_rates_per_step() {
    let kappa: f64 = 25.0;
    let distance = |p: &[f64; 2]| p[0].hypot(p[1]);
    let factor = |m: &LrModel, from: usize, to: usize| {
        let path = m.run().path();
        (distance(&path[to]) / distance(&path[from])).powf(1.0 / (to - from) as f64)
    };
    let plain = model(bowl(kappa, 2.0 / (1.0 + kappa), 200));
    let plain_factor = factor(&plain, 20, 80);
    assert!((plain_factor - (kappa - 1.0) / (kappa + 1.0)).abs() < 0.01, "{plain_factor}");
    let r = kappa.sqrt();
    let tuned = Settings { momentum: ((r - 1.0) / (r + 1.0)).powi(2), ..bowl(kappa, 4.0 / (1.0 + r).powi(2), 200) };
    let heavy = model(tuned);
    let heavy_factor = factor(&heavy, 5, 25);
    assert!(heavy_factor < 0.75 && heavy_factor > (r - 1.0) / (r + 1.0) - 0.05, "{heavy_factor}");
}

#[test]
fn escape_explanation_more_steps_do_not_help_and_large_steps_are_a_gamble() {
    let steps_500 = snapshot("surface=wells&lr=0.02&mom=0&steps=500&noise=0&x0=1.8&y0=1.5");
    assert!(steps_500.position[0] > 0.5);
    let jump = snapshot("surface=wells&lr=0.16&mom=0&steps=300&noise=0&x0=1.8&y0=1.5");
    let back = snapshot("surface=wells&lr=0.21&mom=0&steps=300&noise=0&x0=1.8&y0=1.5");
    assert!(jump.position[0] < 0.0 && back.position[0] > 0.0);
    // The escape challenge does not count a jump: its learning rate is capped.
    assert!(!CHALLENGES[3].is_met(&jump) && jump.settings.learning_rate > ESCAPE_MAX_LR);
}

// ---------------------------------------------------------------- help texts

#[test]
fn help_each_step_moves_eta_times_the_gradient_and_momentum_carries_the_previous_step() {
    let m = {
        let mut m = LrModel::new(bowl(10.0, 0.05, 10));
        m.step();
        m.step();
        m
    };
    let path = m.run().path();
    let g0 = Surface::Bowl { condition: 10.0 }.gradient(path[0]);
    assert!((path[1][0] - (path[0][0] - 0.05 * g0[0])).abs() < 1e-15);
    let mut heavy = LrModel::new(Settings { momentum: 0.5, ..bowl(10.0, 0.05, 10) });
    heavy.step();
    heavy.step();
    let p = heavy.run().path();
    let g1 = Surface::Bowl { condition: 10.0 }.gradient(p[1]);
    for k in 0..2 {
        let expected = p[1][k] + 0.5 * (p[1][k] - p[0][k]) - 0.05 * g1[k];
        assert!((p[2][k] - expected).abs() < 1e-12);
    }
    // Nesterov without momentum changes nothing.
    let a = model(bowl(10.0, 0.05, 50));
    let b = model(Settings { nesterov: true, ..bowl(10.0, 0.05, 50) });
    assert_eq!(a.run().path(), b.run().path());
}

#[test]
fn help_the_learning_rate_matters_more_than_momentum() {
    // Across each knob's whole range (others at their defaults), the final loss spans far more
    // orders of magnitude for η than for μ.
    let span = |losses: Vec<f64>| {
        let finite: Vec<f64> = losses.into_iter().map(|l| l.max(1e-12).log10()).collect();
        finite.iter().cloned().fold(f64::MIN, f64::max) - finite.iter().cloned().fold(f64::MAX, f64::min)
    };
    let base = Settings::default();
    let by_lr = span(log_space(LR_MIN, 0.19, 12).into_iter().map(|lr| model(Settings { learning_rate: lr, ..base }).run().current_loss()).collect());
    let by_mom = span((0..12).map(|i| model(Settings { momentum: i as f64 * 0.08, ..base }).run().current_loss()).collect());
    assert!(by_lr > by_mom + 2.0, "η spans {by_lr} decades, μ {by_mom}");
}

#[test]
fn help_the_seed_replays_the_noise_exactly() {
    let a = finished("surface=bowl&noise=1&seed=5");
    let b = finished("surface=bowl&noise=1&seed=5");
    let c = finished("surface=bowl&noise=1&seed=6");
    assert_eq!(a.run().path(), b.run().path());
    assert_ne!(a.run().path(), c.run().path());
}

#[test]
fn help_a_larger_condition_number_means_a_smaller_safe_rate() {
    for condition in [2.0, 10.0, 50.0] {
        let s = summarize(&sweep_points(&bowl(condition, 0.05, 100)));
        assert!(s.largest_stable.unwrap() < 2.0 / condition && s.wall.unwrap() > 2.0 / condition);
    }
}

// ---------------------------------------------------------------- the walkthrough's fixes

/// The instructor's links where momentum, not η, makes the path overshoot.
const MOMENTUM_OVERSHOOTS: [&str; 3] = [
    "surface=bowl&cond=10&lr=0.05&mom=0.99&steps=100&noise=0",
    "surface=bowl&cond=10&lr=0.05&mom=0.9&nesterov=1&steps=100&noise=0",
    "surface=wells&lr=0.02&mom=0.9&steps=300&noise=0&x0=1.8&y0=1.5",
];

#[test]
fn overshooting_with_momentum_blames_momentum_when_plain_descent_would_not_overshoot() {
    for query in MOMENTUM_OVERSHOOTS {
        for seed in SEEDS {
            let q = format!("{query}&{seed}");
            let m = finished(&q);
            let v = m.verdict().unwrap();
            assert_eq!(v.regime, Regime::Oscillating, "{q}");
            assert!(v.overshoots > 0 && v.from_momentum, "{q}: {v:?}");
            assert_eq!(v.label(), MOMENTUM_OVERSHOOT_LABEL);
            assert!(v.explanation().starts_with("The velocity carries steps past the floor: plain descent at this learning rate would not overshoot"), "{q}");
            assert!(v.explanation().contains("Lower μ (or η)"));
            // Plain descent at the same η: no step overshoots.
            let plain = model(Settings { momentum: 0.0, nesterov: false, ..*m.settings() });
            assert_eq!(plain.settings().momentum, 0.0);
            assert_eq!(plain.verdict().unwrap().overshoots, 0, "{q}");
            assert_ne!(plain.verdict().unwrap().regime, Regime::Oscillating, "{q}");
            // Lowering μ reduces the zig-zag.
            let calmer = model(Settings { momentum: 0.5, ..*m.settings() });
            assert!(calmer.verdict().unwrap().overshoots < v.overshoots, "{q}");
        }
    }
    // On the bowl, η = 0.05 is below 1/κ = 0.1: plain descent cannot overshoot there.
    assert!(0.05 < 1.0 / 10.0);
}

#[test]
fn overshooting_caused_by_the_learning_rate_still_blames_the_learning_rate() {
    for seed in SEEDS {
        // Plain descent past 1/κ; and momentum where plain descent at the same η already overshoots.
        for query in ["surface=bowl&cond=10&lr=0.15&mom=0&steps=100&noise=0", "surface=bowl&cond=10&lr=0.15&mom=0.2&steps=100&noise=0"] {
            let q = format!("{query}&{seed}");
            let m = finished(&q);
            let v = m.verdict().unwrap();
            assert_eq!(v.regime, Regime::Oscillating, "{q}");
            assert!(!v.from_momentum, "{q}");
            assert_eq!(v.label(), "Large: overshooting");
            let plain = model(Settings { momentum: 0.0, nesterov: false, ..*m.settings() });
            assert!(plain.verdict().unwrap().overshoots > 0, "{q}");
        }
    }
}

#[test]
fn the_sweep_marks_diverged_exactly_where_the_badge_says_diverging() {
    for settings in [bowl(10.0, 0.05, 100), bowl(100.0, 0.05, 100), on(SurfaceKind::Valley, 0.05, 100)] {
        let points = sweep_points(&settings);
        for p in &points {
            let badge = model(Settings { learning_rate: p.learning_rate, ..settings }).verdict().unwrap();
            assert_eq!(p.final_loss.is_none(), badge.regime == Regime::Diverging, "{:?} κ={} η={}", settings.surface, settings.condition, p.learning_rate);
        }
        let caption = sweep_caption(&points, settings.steps);
        assert!(caption.contains("A cross marks a rate the badge would call diverging"), "{caption}");
        assert!(caption.contains(&format!("blew up (grew 10,000×) within {} steps", settings.steps)), "{caption}");
    }
    // The instructor's κ = 100 case: the badge at η = 0.0203 says diverging, and the caption's
    // wall is no larger, and just past 2/κ = 0.02, as the bowl note says.
    let settings = bowl(100.0, 0.0203, 100);
    let at = model(settings);
    assert_eq!(at.verdict().unwrap().regime, Regime::Diverging);
    assert!(!diverged(&at), "it has not blown up within 100 steps, yet the zig-zag grows");
    assert!(at.run().current_loss() > at.run().losses()[0]);
    let points = sweep_points(&settings);
    let wall = summarize(&points).wall.unwrap();
    assert!(wall > 0.02 && wall < 0.0204, "{wall}");
    assert!(sweep_caption(&points, 100).contains(&format!("Every rate from {} up diverged", hyperlab_ml::schema::format_number(wall))));
    assert!(bowl_note(&settings).unwrap().contains("diverges once η > 2/κ = 0.02"));
    // The valley's wall is unchanged: on it the badge says diverging only after a blow-up.
    let valley = sweep_points(&on(SurfaceKind::Valley, 0.05, 100));
    assert!(valley.iter().all(|p| p.final_loss.is_none() == diverged(&model(Settings { learning_rate: p.learning_rate, ..on(SurfaceKind::Valley, 0.05, 100) }))));
}

#[test]
fn the_diverged_status_says_the_loss_blew_up_once() {
    let m = finished("surface=bowl&cond=10&lr=5&steps=100");
    let v = m.verdict().unwrap();
    // Everything the status panel shows for a diverged run, in order.
    let panel = [status_sentence(m.run(), false), DIVERGED_HELP.to_string(), v.explanation().to_string()].join(" ");
    assert_eq!(panel.matches("blew up").count(), 1, "{panel}");
    assert_eq!(panel.matches("the run was stopped").count(), 1, "{panel}");
}

#[test]
fn loss_caption_names_each_line_as_the_chart_draws_it() {
    // Three lines, three different strokes, and the caption names each by its own.
    let strokes = [LOSS_THIS_RUN.stroke, LOSS_PREVIOUS.stroke, LOSS_THRESHOLD.stroke];
    assert!(strokes.iter().enumerate().all(|(i, a)| strokes[i + 1..].iter().all(|b| a != b)), "{strokes:?}");
    assert_eq!((LOSS_THIS_RUN.stroke, LOSS_PREVIOUS.stroke, LOSS_THRESHOLD.stroke), (Stroke::Solid, Stroke::Dashed, Stroke::Dotted));
    assert!(LOSS_CAPTION.contains("Solid line: this run; dashed line: your previous settings"));
    assert!(LOSS_CAPTION.contains(&format!("dotted {} line: loss {}", LOSS_THRESHOLD.colour, hyperlab_ml::schema::format_number(hyperlab_ml::optim::descent::CONVERGED_LOSS))));
    assert!(LOSS_THRESHOLD.label.contains(&hyperlab_ml::schema::format_number(hyperlab_ml::optim::descent::CONVERGED_LOSS)));
    assert_eq!(LOSS_CAPTION.matches("dashed").count(), 1);
    // "Reached the minimum" is the threshold the dotted line draws.
    let done = finished("surface=bowl&cond=10&lr=0.09&steps=100");
    assert!(converged(&done) && done.run().current_loss() <= hyperlab_ml::optim::descent::CONVERGED_LOSS);
}

#[test]
fn wall_explanation_names_the_curvature_line_as_the_sweep_draws_it() {
    let c = CHALLENGES.iter().find(|c| c.info.id == "lr-find-the-wall").unwrap();
    let stroke = match SWEEP_LIMIT.stroke {
        Stroke::Solid => "solid",
        Stroke::Dashed => "dashed",
        Stroke::Dotted => "dotted",
    };
    assert!(c.info.explanation.contains(&format!("2/λ_max ≈ 0.0197 (the {} {stroke} line on the sweep)", SWEEP_LIMIT.colour)), "{}", c.info.explanation);
    assert!(SWEEP_LIMIT.label.contains("2/λ_max"));
    // Distinguishable from "your learning rate", which the valley preset puts right beside it.
    assert_ne!(SWEEP_LIMIT.stroke, SWEEP_YOUR_RATE.stroke);
    assert_ne!(SWEEP_LIMIT.colour, SWEEP_YOUR_RATE.colour);
}

#[test]
fn contour_caption_marks_a_local_minimum_only_on_the_surface_that_has_one() {
    for kind in [SurfaceKind::Bowl, SurfaceKind::Valley, SurfaceKind::Wells] {
        let settings = Settings { surface: kind, ..Settings::default() };
        let caption = contour_caption(kind, false, false, 10);
        let has_local = settings.surface().local_minimum().is_some();
        assert_eq!(caption.contains("▲ the local minimum"), has_local, "{kind:?}: {caption}");
        assert!(caption.contains("✕ the global minimum"), "{caption}");
    }
    // The global minimum is the lowest point of the map (the ✕ marks the bottom of the bowl).
    let wells = Settings { surface: SurfaceKind::Wells, ..Settings::default() }.surface();
    let (global, local) = (wells.minimum(), wells.local_minimum().unwrap());
    assert!(wells.loss(global) < wells.loss(local));
}

/// The sweep's ring is its best rate, and the caption says what made it best: the fewest steps
/// to the minimum among the rates that reached it (not the lowest final loss, which another
/// converged rate may have), or, when none did, the lowest final loss.
#[test]
fn the_sweep_caption_says_what_the_ring_marks() {
    for preset in PRESETS.iter() {
        let settings = Settings::from_query(preset.query).0;
        let points = sweep_points(&settings);
        let best = summarize(&points).best.expect("some rate survives in every preset");
        let caption = sweep_caption(&points, settings.steps);
        let summary = sweep_summary(&points, settings.learning_rate);
        let eta = hyperlab_ml::schema::format_number(best.learning_rate);
        assert!(caption.contains("The ring marks the sweep's best rate."), "{}: {caption}", preset.name);
        if best.converged {
            let fewer = points.iter().filter(|p| p.converged && p.final_loss.is_some() && p.steps < best.steps).count();
            assert_eq!(fewer, 0, "{}", preset.name);
            let phrase = format!("η = {eta} reached the minimum in {} steps, the fewest of the sweep's 40 rates; a rate between two of them, yours included, can need fewer.", best.steps);
            assert!(caption.contains(&phrase) && summary.contains(&phrase), "{}: {caption}", preset.name);
        } else {
            assert!(points.iter().all(|p| !p.converged || p.final_loss.is_none()), "{}", preset.name);
            let lowest = points.iter().filter_map(|p| p.final_loss).fold(f64::INFINITY, f64::min);
            assert_eq!(best.final_loss, Some(lowest));
            assert!(caption.contains(&format!("No rate reached the minimum; η = {eta} ended lowest")), "{}: {caption}", preset.name);
        }
        assert!(!summary.contains("Lowest final loss"), "{summary}");
    }
    assert!(!SWEEP_BEST_LABEL.is_empty());
}

#[test]
fn contour_caption_says_the_path_ends_at_the_runs_position() {
    // "White line: the path, ending at the yellow dot", or once it has diverged "at the orange
    // ring where it diverged"; while the run is off the map, "until it left the map", with the
    // marker on the edge. The path begins at the start and ends at the run's position, running or
    // finished, and a run past 2/κ diverges.
    for (diverged, off_map, steps, says) in [
        (false, false, 5, "White line: the path, ending at the yellow dot."),
        (true, false, 5, "White line: the path, ending at the orange ring, its last point before the step that diverged."),
        (false, true, 5, "White line: the path until it left the map, where the yellow dot sits on the edge (the run is now beyond it)."),
        (true, true, 5, "White line: the path until it left the map, where the orange ring sits on the edge (the run diverged beyond it)."),
        (true, false, 0, "No path: the run diverged on its first step, so the orange ring marks the start it blew up from."),
    ] {
        let caption = contour_caption(SurfaceKind::Bowl, diverged, off_map, steps);
        assert!(caption.contains(says), "{caption}");
    }
    // The blow-up step is never drawn: a diverged run's position is its last point before it,
    // and the wells at η = 3 blow up on the first step, from the start.
    for query in ["lr=0.25", "surface=wells&lr=3", "surface=valley&lr=5", "surface=wells&lr=0.5"] {
        let m = model(Settings::from_query(query).0);
        let Status::Diverged { step, .. } = m.run().status() else { panic!("{query} diverges") };
        assert_eq!(step, m.run().steps_taken() + 1, "{query}");
        assert_eq!(m.run().path().last(), Some(&m.run().position()));
    }
    let at_once = model(Settings::from_query("surface=wells&lr=3").0);
    assert_eq!((at_once.run().steps_taken(), at_once.run().position()), (0, at_once.run().config().start));
    for (rate, steps) in [(0.09, 5), (0.09, 100), (0.25, 100)] {
        let m = model(bowl(10.0, rate, steps));
        let path = m.run().path();
        assert_eq!(path.first(), Some(&[-2.5, 1.5]));
        assert_eq!(path.last(), Some(&m.run().position()));
    }
    assert!(diverged(&model(bowl(10.0, 0.25, 100))) && !diverged(&model(bowl(10.0, 0.09, 100))));
    // The default state's run stays on the map (the page's first paint uses the first caption).
    let first = model(Settings::default());
    assert!(!diverged(&first) && !path_on_map(first.run().path(), first.run().config().surface.bounds()).off_map);
}

/// The map draws each step clipped where it leaves the map, in the step's own direction: η = 5 on
/// the bowl steps almost straight down the steep axis, from (−2.5, 1.5) through the bottom edge
/// at w₁ = −1.75 (plotters alone pulled the end into the bottom-right corner). The marker sits
/// where the path last left the map, and the caption's "beyond it" is true: the run is off it.
#[test]
fn the_map_clips_each_step_at_its_edge() {
    let bounds = Settings::default().surface().bounds();
    let m = model(Settings { learning_rate: 5.0, ..Settings::default() });
    let on_map = path_on_map(m.run().path(), bounds);
    assert!(on_map.off_map && !bounds.contains(m.run().position()));
    let exit = on_map.pieces[0][1];
    assert!((exit[1] - bounds.y.0).abs() < 1e-9 && (exit[0] - -1.75).abs() < 1e-9, "{exit:?}");
    assert_eq!(on_map.end, Some(*on_map.pieces.last().unwrap().last().unwrap()));
    // The text alternative says it too, and says nothing of the kind for a run on the map.
    assert!(contour_summary(m.run(), false).contains("That point is off the map; the drawn path leaves it at (-1.75, -3.00), where the marker sits."));
    assert!(!contour_summary(model(Settings::default()).run(), false).contains("off the map"));
    // Over presets and rates that leave the map: every drawn point is on the map, each drawn step
    // lies on its true step, and the marker is the position itself when that is on the map.
    for query in PRESETS.iter().map(|p| p.query.to_string()).chain(["lr=0.25", "lr=5", "surface=valley&lr=0.5", "surface=wells&lr=3"].map(String::from)) {
        let s = Settings::from_query(&query).0;
        let m = model(s);
        let (path, b) = (m.run().path(), s.surface().bounds());
        let on_map = path_on_map(path, b);
        for piece in &on_map.pieces {
            assert!(piece.iter().all(|p| b.contains(*p)), "{query}");
        }
        for step in path.windows(2) {
            if let Some((from, to)) = b.clip_segment(step[0], step[1]) {
                let d = [step[1][0] - step[0][0], step[1][1] - step[0][1]];
                for p in [from, to] {
                    let cross = (p[0] - step[0][0]) * d[1] - (p[1] - step[0][1]) * d[0];
                    assert!(cross.abs() <= 1e-8 * (d[0].abs() + d[1].abs()).max(1.0), "{query}: off the step by {cross}");
                }
            }
        }
        if b.contains(m.run().position()) {
            assert_eq!(on_map.end, Some(m.run().position()), "{query}");
            assert!(!on_map.off_map);
        }
    }
}
