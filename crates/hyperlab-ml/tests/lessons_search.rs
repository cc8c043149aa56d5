use hyperlab_ml::labs::search::*;
use std::time::Instant;

fn run(q: &str) -> (RunSet, TrueField) {
    let s = Settings::from_query(q);
    let set = RunSet::finished(s.run_spec());
    let f = TrueField::finished(s.problem);
    (set, f)
}

#[test]
fn explore() {
    let t = Instant::now();
    for b in [9, 16, 20, 25, 30, 36, 49, 60] {
        let mut wins = 0; let mut g = 0.0;
        for seed in 1..21 {
            let s = Settings::from_query(&format!("problem=oneknob&budget={b}&seed={seed}"));
            let space = s.problem.space();
            let p = Problem::new(s.problem);
            g = space.grid(b).iter().map(|x| p.value(x)).fold(f64::INFINITY, f64::min);
            let r = (0..b).map(|k| p.value(&hyperlab_ml::search::strategy::random_point(&space, seed, k))).fold(f64::INFINITY, f64::min);
            if r < g { wins += 1; }
        }
        print!("b{b}: grid {g:.3} random wins {wins}/20 | ");
    }
    println!();
    for q in ["problem=branin&budget=20&acq=ucb&kappa=0&seed=21", "problem=branin&budget=20&init=4", "problem=branin&budget=20&init=4&seed=21", "problem=branin&budget=20&seed=21", "problem=branin&budget=20&acq=ucb&kappa=10&seed=21", "problem=branin&budget=20&acq=ucb&kappa=0.5", "problem=branin&budget=20&acq=ucb&kappa=0.5&seed=21", "problem=branin&budget=20&init=3", "problem=branin&budget=20&init=3&seed=21"] {
        let t = Instant::now();
        let m = ManySeeds::finished(Settings::from_query(q).run_spec());
        println!("{q}: medians {:?} {:?}", m.medians(), t.elapsed());
    }
    println!("total {:?}", t.elapsed());
}
