use hyperlab_ml::search::*;
use hyperlab_ml::search::gp::FitBounds;

fn run(cfg: &BayesConfig, seed: u64, budget: usize, verbose: bool) -> (f64, usize) {
    let search = Search::Bayes(Box::new(BayesSearch::new(Landscape::Branin.space(), budget, seed, cfg.clone()).unwrap()));
    let mut study = Study::new(search, Landscape::Branin.objective()).unwrap();
    let mut evals = 0;
    while let Some(o) = study.step() {
        let m = study.strategy().as_bayes().unwrap().model();
        evals += m.map_or(0, |m| m.fit_report().evaluations);
        if verbose {
            let h = m.map(|m| format!("{:?} lml {:.2}", m.hyperparameters(), m.log_marginal_likelihood()));
            eprintln!("{:?} {:.5} {:?}", o.point, o.value, h);
        }
    }
    (study.regret().unwrap(), evals)
}

#[test]
#[ignore]
fn scratch() {
    let verbose = std::env::var("V").is_ok();
    let xis: Vec<f64> = std::env::var("XI").map(|s| s.split(',').map(|v| v.parse().unwrap()).collect()).unwrap_or(vec![0.0]);
    let noises: Vec<f64> = std::env::var("NOISE").map(|s| s.split(',').map(|v| v.parse().unwrap()).collect()).unwrap_or(vec![1e-8]);
    let vars: Vec<f64> = std::env::var("VAR").map(|s| s.split(',').map(|v| v.parse().unwrap()).collect()).unwrap_or(vec![100.0]);
    let init: Option<usize> = std::env::var("INIT").ok().map(|s| s.parse().unwrap());
    let seeds: u64 = std::env::var("SEEDS").map(|s| s.parse().unwrap()).unwrap_or(10);
    for &xi in &xis { for &noise in &noises { for &var in &vars {
        let cfg = BayesConfig { acquisition: Acquisition::ExpectedImprovement { xi }, initial_points: init,
            bounds: FitBounds { noise: (noise, 1.0), variance: (0.01, var), ..FitBounds::default() },
            candidates: std::env::var("CAND").map(|s| s.parse().unwrap()).unwrap_or(1024),
            refine_starts: std::env::var("REF").map(|s| s.parse().unwrap()).unwrap_or(3),
            ..BayesConfig::default() };
        let t = std::time::Instant::now();
        let first: u64 = std::env::var("FIRST").map(|s| s.parse().unwrap()).unwrap_or(0);
        let res: Vec<(f64, usize)> = (first..first + seeds).map(|s| run(&cfg, s, 30, verbose && s == first)).collect();
        let el = t.elapsed().as_secs_f64();
        let mut r: Vec<f64> = res.iter().map(|x| x.0).collect();
        let ev: usize = res.iter().map(|x| x.1).sum();
        let t2 = r.clone();
        r.sort_by(|a, b| a.total_cmp(b));
        let n = r.len();
        eprintln!("xi {xi} noise {noise} var {var}: median {:.5} evals/run {} {:.0}ms/run {:?}", (r[(n-1)/2] + r[n/2]) / 2.0, ev / n, el*1e3/n as f64, t2.iter().map(|v| format!("{v:.4}")).collect::<Vec<_>>());
    }}}
}

#[test]
#[ignore]
fn timing() {
    use std::time::Instant;
    for n in [50, 100] {
        let case = BenchCase::branin(n);
        let settings = case.config.fit_settings();
        let reps = 20;
        let t = Instant::now();
        let mut ev = 0;
        for _ in 0..reps { let m = Surrogate::fit(&case.space, &case.observations, &settings, case.warm.as_ref(), 1).unwrap(); ev = m.fit_report().evaluations; }
        let fit_ms = t.elapsed().as_secs_f64() * 1e3 / reps as f64;
        let t = Instant::now();
        for _ in 0..reps { std::hint::black_box(case.run().unwrap()); }
        let all_ms = t.elapsed().as_secs_f64() * 1e3 / reps as f64;
        let m = Surrogate::fit(&case.space, &case.observations, &settings, case.warm.as_ref(), 1).unwrap();
        let pts: Vec<Vec<f64>> = (0..1144).map(|i| vec![-5.0 + 15.0 * (i as f64 * 0.618).fract(), 15.0 * (i as f64 * 0.382).fract()]).collect();
        let t = Instant::now();
        for _ in 0..reps { std::hint::black_box(m.acquisition(&Acquisition::default(), &pts, 0).unwrap()); }
        let acq_ms = t.elapsed().as_secs_f64() * 1e3 / reps as f64;
        let cold = Surrogate::fit(&case.space, &case.observations, &settings, None, 1).unwrap();
        eprintln!("n {n}: warm fit {fit_ms:.3} ms ({ev} evals) total {all_ms:.3} ms, 1144-candidate scoring {acq_ms:.3} ms; cold evals {} warm {:?} -> {:?}", cold.fit_report().evaluations, case.warm, m.hyperparameters());
    }
}

#[test]
#[ignore]
fn lml_cost() {
    use hyperlab_ml::search::gp::log_marginal_likelihood;
    use hyperlab_ml::search::linalg::Cholesky;
    use std::time::Instant;
    for n in [50, 100] {
        let case = BenchCase::branin(n);
        let space = &case.space;
        let mut x = Vec::new();
        for o in &case.observations { x.extend(space.to_unit(&o.point)); }
        let raw: Vec<f64> = case.observations.iter().map(|o| o.value).collect();
        let m = raw.iter().sum::<f64>() / n as f64;
        let s = (raw.iter().map(|v| (v - m).powi(2)).sum::<f64>() / n as f64).sqrt();
        let y: Vec<f64> = raw.iter().map(|v| (v - m) / s).collect();
        let h = case.warm.clone().unwrap();
        let theta = h.to_log();
        let gp = GaussianProcess::from_flat(h.kernel(KernelKind::Matern52).unwrap(), h.noise, 2, &x, &y).unwrap();
        let mut g = vec![0.0; 4];
        let reps = 200;
        let t = Instant::now();
        for _ in 0..reps { std::hint::black_box(log_marginal_likelihood(KernelKind::Matern52, &x, 2, &y, &theta, Some(&mut g))); }
        let a = t.elapsed().as_secs_f64() * 1e3 / reps as f64;
        let t = Instant::now();
        for _ in 0..reps { std::hint::black_box(log_marginal_likelihood(KernelKind::Matern52, &x, 2, &y, &theta, None)); }
        let b = t.elapsed().as_secs_f64() * 1e3 / reps as f64;
        let k: Vec<f64> = (0..n*n).map(|i| { let (r, c) = (i / n, i % n); if r == c { n as f64 } else { 1.0 / (1.0 + (r as f64 - c as f64).abs()) } }).collect();
        let t = Instant::now();
        for _ in 0..reps { std::hint::black_box(Cholesky::with_jitter(&k, n)); }
        let c = t.elapsed().as_secs_f64() * 1e3 / reps as f64;
        let ch = Cholesky::with_jitter(&k, n);
        let t = Instant::now();
        for _ in 0..reps { std::hint::black_box(ch.inverse()); }
        let d = t.elapsed().as_secs_f64() * 1e3 / reps as f64;
        eprintln!("n {n}: lml+grad {a:.3} ms, lml {b:.3} ms, chol {c:.3} ms, inverse {d:.3} ms, jitter {}", gp.jitter());
    }
}

fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat").unwrap().split_whitespace().next().unwrap().parse().unwrap()
}

#[test]
#[ignore]
fn cpu() {
    for n in [50, 100] {
        let case = BenchCase::branin(n);
        let settings = case.config.fit_settings();
        let reps = 40;
        let t = cpu_ns();
        for _ in 0..reps { std::hint::black_box(case.run().unwrap()); }
        let all = (cpu_ns() - t) as f64 / 1e6 / reps as f64;
        let t = cpu_ns();
        for _ in 0..reps { std::hint::black_box(Surrogate::fit(&case.space, &case.observations, &settings, case.warm.as_ref(), 1).unwrap()); }
        let fit = (cpu_ns() - t) as f64 / 1e6 / reps as f64;
        let m = Surrogate::fit(&case.space, &case.observations, &settings, case.warm.as_ref(), 1).unwrap();
        let pts: Vec<Vec<f64>> = (0..1144).map(|i| vec![-5.0 + 15.0 * (i as f64 * 0.618).fract(), 15.0 * (i as f64 * 0.382).fract()]).collect();
        let t = cpu_ns();
        for _ in 0..reps { std::hint::black_box(m.acquisition(&Acquisition::default(), &pts, 0).unwrap()); }
        let acq = (cpu_ns() - t) as f64 / 1e6 / reps as f64;
        let t = cpu_ns();
        for _ in 0..5 { std::hint::black_box(case.run_cold().unwrap()); }
        let cold = (cpu_ns() - t) as f64 / 1e6 / 5.0;
        eprintln!("cpu n {n}: suggest {all:.3} ms = fit {fit:.3} + scoring(1144) {acq:.3} + rest; cold {cold:.3} ms");
    }
}
