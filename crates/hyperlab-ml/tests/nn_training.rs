//! End-to-end behaviour of the network lab's trainer: reproducibility, learning, early
//! stopping with restored weights, divergence, and the prediction paths the UI draws from.

use hyperlab_ml::nn::*;
use hyperlab_ml::datasets::toy2d::{DataConfig, Dataset, Shape, Split};
use ndarray::{Array1, Array2, Axis};

fn data(shape: Shape, size: usize, noise: f64, seed: u64) -> Dataset {
    DataConfig { shape, size, noise, validation_fraction: 0.5, seed }.build().unwrap()
}

fn run(config: &TrainConfig, data: &Dataset, epochs: usize) -> Trainer {
    let mut t = config.build(data).unwrap();
    t.advance(epochs);
    t
}

#[test]
fn same_seeds_same_history_other_shuffle_seed_other_history_same_start() {
    let d = data(Shape::Moons, 200, 0.1, 3);
    let config = TrainConfig { dropout: 0.2, init_seed: 5, shuffle_seed: 9, ..Default::default() };
    let a = run(&config, &d, 20);
    let b = run(&config, &d, 20);
    assert_eq!(a.history(), b.history());
    assert_eq!(a.network(), b.network());

    let reshuffled = TrainConfig { shuffle_seed: 10, ..config.clone() };
    let fresh_a = config.build(&d).unwrap();
    let fresh_c = reshuffled.build(&d).unwrap();
    assert_eq!(fresh_a.network().params(), fresh_c.network().params());
    assert_eq!(fresh_a.history(), fresh_c.history(), "epoch 0 is the same network on the same data");
    let c = run(&reshuffled, &d, 20);
    assert_ne!(a.history()[1..], c.history()[1..]);

    let reinit = run(&TrainConfig { init_seed: 6, ..config.clone() }, &d, 0);
    assert_ne!(fresh_a.network().params(), reinit.network().params());
}

#[test]
fn dropout_does_not_change_the_batch_order() {
    // The order and the masks come from separate streams of the shuffle seed: with the same seeds,
    // runs with and without dropout visit the same batches (visible in plain SGD on a linear
    // model, where dropout does nothing since there is no hidden layer).
    let d = data(Shape::TwoGaussians, 100, 0.1, 1);
    let base = TrainConfig { hidden: vec![], ..Default::default() };
    let a = run(&base, &d, 5);
    let b = run(&TrainConfig { dropout: 0.5, ..base }, &d, 5);
    assert_eq!(a.history(), b.history());
}

#[test]
fn learns_xor_and_circles_above_90_percent() {
    for (shape, optimizer) in [
        (Shape::Xor, Optimizer::Sgd { learning_rate: 0.1 }),
        (Shape::Circles, Optimizer::Sgd { learning_rate: 0.1 }),
        (Shape::Xor, Optimizer::adam().with_learning_rate(0.01)),
        (Shape::Circles, Optimizer::adam().with_learning_rate(0.01)),
    ] {
        let d = data(shape, 400, 0.05, 2);
        let config = TrainConfig { hidden: vec![8, 8], optimizer, max_epochs: 150, ..Default::default() };
        let mut t = config.build(&d).unwrap();
        let mut reached = None;
        while !t.status().is_finished() {
            let m = t.step_epoch();
            if m.train_accuracy.unwrap() > 0.9 {
                reached = Some(m.epoch);
                break;
            }
        }
        let epoch = reached.unwrap_or_else(|| panic!("{shape:?} with {} stuck at {:?}", optimizer.label(), t.latest()));
        assert!(t.latest().val_accuracy.unwrap() > 0.85, "{shape:?}: {:?}", t.latest());
        eprintln!("{shape:?} with {}: >90 % train accuracy at epoch {epoch}", optimizer.label());
    }
}

#[test]
fn every_optimizer_and_schedule_reduces_the_loss() {
    let d = data(Shape::Circles, 200, 0.05, 4);
    let optimizers = [
        Optimizer::Sgd { learning_rate: 0.1 },
        Optimizer::Momentum { learning_rate: 0.02, momentum: 0.9, nesterov: false },
        Optimizer::Momentum { learning_rate: 0.02, momentum: 0.9, nesterov: true },
        Optimizer::rmsprop().with_learning_rate(0.005),
        Optimizer::adam().with_learning_rate(0.01),
    ];
    let schedules = [Schedule::constant(), Schedule::step(10, 0.5), Schedule::cosine(30, 0.0), Schedule::cosine(25, 0.1).with_warmup(5)];
    for optimizer in optimizers {
        for schedule in schedules {
            // Sigmoid units crawl under plain SGD and a linear network cannot fit circles at
            // all: both are lessons of the lab, not what this test is about.
            for activation in [Activation::Relu, Activation::Tanh] {
                let config = TrainConfig { optimizer, schedule, activation, ..Default::default() };
                let t = run(&config, &d, 60);
                let (first, last) = (t.history()[0].train_loss, t.latest().train_loss);
                assert_eq!(t.status(), Status::Running);
                assert!(last < 0.9 * first, "{} / {} / {activation:?}: {first} → {last}", optimizer.label(), schedule.label());
            }
        }
    }
}

#[test]
fn metrics_report_the_scheduled_rate() {
    let d = data(Shape::Circles, 200, 0.05, 4);
    let config = TrainConfig { schedule: Schedule::step(2, 0.5), optimizer: Optimizer::Sgd { learning_rate: 0.2 }, ..Default::default() };
    let t = run(&config, &d, 5);
    let rates: Vec<f64> = t.history().iter().map(|m| m.learning_rate).collect();
    assert_eq!(rates, [0.0, 0.2, 0.2, 0.1, 0.1, 0.05]);
}

#[test]
fn budget_and_plateau_stop_where_they_should() {
    let d = data(Shape::TwoGaussians, 200, 0.05, 1);
    let t = run(&TrainConfig { max_epochs: 12, ..Default::default() }, &d, 1000);
    assert_eq!(t.status(), Status::Stopped { epoch: 12, reason: StopReason::BudgetSpent });
    assert_eq!(t.history().len(), 13);
    // Stepping a finished run changes nothing.
    let mut t2 = t.clone();
    assert_eq!(t2.step_epoch(), *t.latest());
    assert_eq!(t2.step_batches(50), t.status());
    assert_eq!(t2.history(), t.history());

    let plateau = TrainConfig { stopping: StopRule::TrainPlateau { tolerance: 1e-3, patience: 5 }, max_epochs: 2000, ..Default::default() };
    let t = run(&plateau, &d, 2000);
    let Status::Stopped { epoch, reason: StopReason::TrainPlateau } = t.status() else { panic!("{:?}", t.status()) };
    // Replaying the recorded losses through the rule gives the same stop.
    let mut es = EarlyStopping::new(plateau.stopping, 2000);
    let replay = t.history().iter().position(|m| es.observe(m.epoch, m.train_loss, m.val_loss).stop.is_some());
    assert_eq!(replay, Some(epoch));
    // …and it really had flattened: the last 5 epochs gained less than the tolerance each on the best.
    let losses: Vec<f64> = t.history().iter().map(|m| m.train_loss).collect();
    let best_before = losses[..epoch - 4].iter().copied().fold(f64::INFINITY, f64::min);
    assert!(losses[epoch - 4..].iter().all(|l| *l > best_before - 1e-3 * 5.0));
    assert!(epoch < 2000);
}

#[test]
fn validation_patience_restores_the_best_epochs_weights() {
    // Few noisy points and a big network: it overfits, and validation loss turns up.
    let d = DataConfig { shape: Shape::Xor, size: 60, noise: 0.35, validation_fraction: 0.5, seed: 7 }.build().unwrap();
    let config = TrainConfig {
        hidden: vec![16, 16, 16],
        optimizer: Optimizer::adam().with_learning_rate(0.02),
        stopping: StopRule::ValidationPatience { patience: 15, min_delta: 0.0, restore_best: true },
        max_epochs: 3000,
        ..Default::default()
    };
    let mut t = config.build(&d).unwrap();
    let mut snapshots = vec![t.network().params().to_vec()];
    while !t.status().is_finished() {
        t.step_epoch();
        snapshots.push(t.network().params().to_vec());
    }
    let Status::Stopped { epoch, reason: StopReason::ValidationPatience { best_epoch } } = t.status() else { panic!("{:?}", t.status()) };
    assert_eq!(epoch, best_epoch + 15);
    assert_eq!(t.restored_epoch(), Some(best_epoch));
    let val: Vec<f64> = t.history().iter().map(|m| m.val_loss.unwrap()).collect();
    let min = val.iter().copied().fold(f64::INFINITY, f64::min);
    assert_eq!(val[best_epoch], min);
    // The last snapshot was taken after the restore: the best epoch's weights, exactly.
    assert_eq!(snapshots.last().unwrap(), &snapshots[best_epoch]);
    assert_ne!(snapshots[epoch - 1], snapshots[best_epoch]);
    // And the network scores the best validation loss again.
    let again = t.evaluate(&d.validation).unwrap().unwrap();
    assert_eq!(again.loss, min);

    // Running out of budget first still restores the best epoch.
    let budget = TrainConfig { stopping: StopRule::ValidationPatience { patience: 10_000, min_delta: 0.0, restore_best: true }, max_epochs: 60, ..config.clone() };
    let mut t = budget.build(&d).unwrap();
    let mut snapshots = vec![t.network().params().to_vec()];
    while !t.status().is_finished() {
        t.step_epoch();
        snapshots.push(t.network().params().to_vec());
    }
    assert_eq!(t.status(), Status::Stopped { epoch: 60, reason: StopReason::BudgetSpent });
    let best = t.restored_epoch().unwrap();
    assert_eq!(best, t.stopper().best_epoch());
    assert!(best < 60, "validation should have turned up by epoch 60 here");
    assert_eq!(snapshots.last().unwrap(), &snapshots[best]);

    // Without restore, the run keeps its last weights.
    let keep = TrainConfig { stopping: StopRule::ValidationPatience { patience: 15, min_delta: 0.0, restore_best: false }, ..config };
    let mut t = run(&keep, &d, 3000);
    assert_eq!(t.restored_epoch(), None);
    assert!(t.evaluate(&d.validation).unwrap().unwrap().loss > min);
}

#[test]
fn huge_learning_rates_are_caught_and_rolled_back() {
    let cases = [
        (Shape::Circles, Activation::Tanh, Optimizer::Sgd { learning_rate: 1e4 }),
        (Shape::Circles, Activation::Relu, Optimizer::Momentum { learning_rate: 50.0, momentum: 0.99, nesterov: false }),
        (Shape::Sine, Activation::Relu, Optimizer::Sgd { learning_rate: 5.0 }),
        (Shape::Sine, Activation::Linear, Optimizer::Sgd { learning_rate: 100.0 }),
    ];
    for (shape, activation, optimizer) in cases {
        let d = data(shape, 200, 0.1, 1);
        let config = TrainConfig { activation, optimizer, max_epochs: 500, ..Default::default() };
        let mut t = config.build(&d).unwrap();
        let status = t.advance(500);
        let Status::Diverged { epoch, reason } = status else { panic!("{shape:?} {activation:?}: {status:?}") };
        assert_eq!(t.latest().status, status);
        assert_eq!(t.latest().epoch, epoch);
        assert_eq!(t.history().len(), epoch, "the diverging epoch is not recorded");
        assert!(t.history().iter().all(|m| m.train_loss.is_finite() && m.val_loss.unwrap().is_finite()));
        assert!(t.network().params().iter().all(|p| p.is_finite()), "rolled back to finite weights");
        let p = t.predict_proba(d.validation.inputs.view()).unwrap();
        assert!(p.iter().all(|v| v.is_finite()));
        eprintln!("{shape:?} {activation:?} {}: diverged at epoch {epoch}: {}", optimizer.label(), reason.explain());
    }
    // A sane rate on the same settings does not trip the detector.
    let d = data(Shape::Sine, 200, 0.1, 1);
    let t = run(&TrainConfig { activation: Activation::Relu, optimizer: Optimizer::Sgd { learning_rate: 0.05 }, max_epochs: 100, ..Default::default() }, &d, 100);
    assert_eq!(t.status(), Status::Stopped { epoch: 100, reason: StopReason::BudgetSpent });
}

/// The network's output computed from its public weights with plain ndarray algebra and the
/// platform's tanh: what "no dropout" means.
fn reference_forward(net: &Network, points: &Array2<f64>) -> Array2<f64> {
    let mut a = points.t().to_owned();
    for l in 0..net.num_layers() {
        let z = net.weights(l).dot(&a) + net.biases(l).insert_axis(Axis(1));
        a = if l + 1 < net.num_layers() {
            match net.activation() {
                Activation::Relu => z.mapv(|v| v.max(0.0)),
                Activation::Tanh => z.mapv(f64::tanh),
                Activation::Sigmoid => z.mapv(|v| 1.0 / (1.0 + (-v).exp())),
                Activation::Linear => z,
            }
        } else {
            z
        };
    }
    a.t().to_owned()
}

#[test]
fn prediction_never_drops_and_matches_the_plain_forward_pass() {
    let d = data(Shape::Spirals, 300, 0.05, 2);
    for activation in Activation::ALL {
        let config = TrainConfig { hidden: vec![16, 16], activation, dropout: 0.5, ..Default::default() };
        let mut t = run(&config, &d, 5);
        let points = d.validation.inputs.clone();
        let p1 = t.predict_proba(points.view()).unwrap();
        let p2 = t.predict_proba(points.view()).unwrap();
        assert_eq!(p1, p2, "evaluation is deterministic");
        let logits = reference_forward(t.network(), &points);
        for (p, z) in p1.iter().zip(logits.iter()) {
            let reference = 1.0 / (1.0 + (-z).exp());
            assert!((p - reference).abs() < 1e-13, "{activation:?}: {p} vs {reference}");
        }
    }
}

#[test]
fn regression_fits_the_sine_and_multiclass_separates_three_blobs() {
    let d = data(Shape::Sine, 200, 0.05, 3);
    let config = TrainConfig { hidden: vec![16, 16], optimizer: Optimizer::adam().with_learning_rate(0.01), ..Default::default() };
    let mut t = run(&config, &d, 200);
    let m = *t.latest();
    assert!(m.train_accuracy.is_none());
    // Noise alone leaves an MSE of 0.0025.
    assert!(m.val_loss.unwrap() < 0.01, "{m:?}");
    let xs = Array2::from_shape_fn((5, 1), |(k, _)| -0.8 + 0.4 * k as f64);
    let ys = t.predict(xs.view()).unwrap();
    for (x, y) in xs.iter().zip(&ys) {
        assert!((y - 0.8 * (std::f64::consts::PI * x).sin()).abs() < 0.1, "{x} → {y}");
    }
    let mut grid = Vec::new();
    assert!(t.decision_grid(&Grid::square(1.0, 10), &mut grid).is_err());

    // Three blobs, labelled 0, 1, 2: softmax and cross-entropy.
    let centres = [[-0.5, -0.5], [0.5, -0.3], [0.0, 0.6]];
    let mut rng = hyperlab_ml::rng::SeededRng::new(1);
    let blob = |n: usize, rng: &mut hyperlab_ml::rng::SeededRng| {
        let labels: Vec<usize> = (0..n).map(|k| k % 3).collect();
        let inputs = Array2::from_shape_fn((n, 2), |(k, i)| centres[labels[k]][i]);
        let noise = Array2::from_shape_fn((n, 2), |_| 0.15 * rng.normal());
        Split { inputs: inputs + noise, targets: labels.iter().map(|&l| l as f64).collect::<Array1<f64>>() }
    };
    let d3 = Dataset { task: Task::MultiClass { classes: 3 }, train: blob(150, &mut rng), validation: blob(150, &mut rng) };
    let mut t = run(&TrainConfig { optimizer: Optimizer::adam().with_learning_rate(0.02), ..Default::default() }, &d3, 50);
    let m = *t.latest();
    assert!(m.val_accuracy.unwrap() > 0.95, "{m:?}");
    let p = t.predict_proba(d3.validation.inputs.view()).unwrap();
    assert_eq!(p.ncols(), 3);
    assert!(p.rows().into_iter().all(|r| (r.sum() - 1.0).abs() < 1e-12));
    let labels = t.predict(d3.validation.inputs.view()).unwrap();
    let agree = labels.iter().zip(&d3.validation.targets).filter(|(a, b)| a == b).count();
    assert_eq!(agree as f64 / 150.0, m.val_accuracy.unwrap());
    let mut heat = Vec::new();
    t.decision_grid(&Grid::square(1.0, 20), &mut heat).unwrap();
    assert_eq!(heat.len(), 20 * 20 * 3);
}

#[test]
fn bench_frame_trains_one_epoch_and_fills_the_grid() {
    let mut t = bench_trainer();
    assert_eq!(t.network().layer_sizes(), &[2, 8, 8, 8, 1]);
    assert_eq!((t.train_size(), t.validation_size(), t.batches_per_epoch()), (250, 250, 25));
    let mut grid = Vec::new();
    let first = bench_frame(&mut t, &mut grid);
    assert_eq!(first.epoch, 1);
    assert!(first.val_loss.is_some());
    assert_eq!(grid.len(), BENCH_GRID * BENCH_GRID);
    assert!(grid.iter().all(|p| (0.0..=1.0).contains(p)));
    let capacity = grid.capacity();
    for _ in 0..5 {
        bench_frame(&mut t, &mut grid);
    }
    assert_eq!(t.epoch(), 6);
    assert_eq!(grid.capacity(), capacity, "no reallocation frame to frame");
}
