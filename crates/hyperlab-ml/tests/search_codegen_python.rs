//! Every "copy as code" snippet is a program Python accepts (`python -m py_compile`), and where
//! the libraries are installed, the deterministic ones (grid search with Optuna's GridSampler
//! and scikit-learn's ParameterGrid) run end to end and report the lab's best value to 1e-6, and
//! a few randomized ones run end to end.
//!
//! The interpreter is `$HYPERLAB_PYTHON` (default `python3`); e.g.
//! `HYPERLAB_PYTHON=/path/to/venv/bin/python cargo test -p hyperlab-ml --test search_codegen_python`.
//! Without Python the test says so and checks nothing else; without the libraries it compiles
//! the snippets and skips the runs.

use hyperlab_ml::labs::search::codegen::{optuna, sagemaker, skopt};
use hyperlab_ml::labs::search::{RunSet, Settings};
use std::path::PathBuf;
use std::process::Command;

fn python() -> String {
    std::env::var("HYPERLAB_PYTHON").unwrap_or_else(|_| "python3".into())
}

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("hyperlab-snippets-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn has_python() -> bool {
    Command::new(python()).arg("--version").output().is_ok_and(|o| o.status.success())
}

#[test]
fn every_snippet_compiles() {
    if !has_python() {
        eprintln!("no Python interpreter ({}): snippets not compiled", python());
        return;
    }
    let d = dir();
    let mut files = Vec::new();
    for problem in ["branin", "oneknob", "wells", "ridge"] {
        for export in ["grid", "random", "bayes", "tpe"] {
            for extra in ["", "&workers=4&acq=ucb&kernel=rbf"] {
                let c = Settings::from_query(&format!("problem={problem}&export={export}&budget=12{extra}")).code_spec();
                for (lib, text) in [("optuna", optuna(&c)), ("skopt", skopt(&c)), ("sagemaker", sagemaker(&c))] {
                    assert!(text.starts_with("# pip install "), "{lib} {problem} {export}: first line {text:.60}");
                    assert!(!text.contains("validation_loss(") || text.contains("def validation_loss(") || lib == "sagemaker", "{lib} {problem} {export}: validation_loss is defined");
                    let f = d.join(format!("{lib}_{problem}_{export}{}.py", if extra.is_empty() { "" } else { "_k4" }));
                    std::fs::write(&f, text).unwrap();
                    files.push(f);
                }
            }
        }
    }
    let out = Command::new(python()).arg("-m").arg("py_compile").args(&files).output().unwrap();
    assert!(out.status.success(), "py_compile failed: {}", String::from_utf8_lossy(&out.stderr));
}

fn best_value(stdout: &str) -> f64 {
    stdout.lines().find_map(|l| l.strip_prefix("best value: ")).and_then(|v| v.trim().parse().ok()).unwrap_or(f64::NAN)
}

#[test]
fn grid_snippets_report_the_labs_best_value() {
    if !has_python() || !Command::new(python()).args(["-c", "import optuna, sklearn, numpy"]).output().is_ok_and(|o| o.status.success()) {
        eprintln!("optuna / scikit-learn not installed for {}: grid snippets not run", python());
        return;
    }
    let d = dir();
    // Optuna and scikit-learn's grid on the synthetic problems and Optuna on ridge (the one with
    // data and a pipeline); started at once, since most of the time is Python importing the
    // libraries.
    let runs = [("optuna", "branin"), ("sklearn", "wells"), ("optuna", "ridge")];
    // The randomized ones (other random generators than the lab's) only have to run and report
    // a finite best value: Optuna's TPE, Hyperopt's TPE on ridge and scikit-optimize's random
    // search on ridge.
    let randomized = ["problem=oneknob&export=tpe&budget=14", "problem=ridge&export=tpe&budget=12", "problem=ridge&export=random&budget=8"];
    let others: Vec<_> = randomized
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let c = Settings::from_query(q).code_spec();
            let text = if i == 0 { optuna(&c) } else { skopt(&c) };
            let f = d.join(format!("random_{i}.py"));
            std::fs::write(&f, text).unwrap();
            (q, Command::new(python()).arg(&f).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap())
        })
        .collect();
    let children: Vec<_> = runs
        .iter()
        .map(|&(lib, problem)| {
            let s = Settings::from_query(&format!("problem={problem}&export=grid&budget=16"));
            let lab = RunSet::finished(s.run_spec()).runs[0].final_best();
            let c = s.code_spec();
            let text = if lib == "optuna" { optuna(&c) } else { skopt(&c) };
            let f = d.join(format!("run_{lib}_{problem}.py"));
            std::fs::write(&f, text).unwrap();
            (lib, problem, lab, Command::new(python()).arg(&f).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap())
        })
        .collect();
    for (lib, problem, lab, child) in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{lib} {problem}: {}", String::from_utf8_lossy(&out.stderr));
        let got = best_value(&String::from_utf8_lossy(&out.stdout));
        assert!((got - lab).abs() <= 1e-6 * lab.abs().max(1e-6), "{lib} {problem}: Python {got} vs the lab's {lab}");
    }
    for (q, child) in others {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{q}: {}", String::from_utf8_lossy(&out.stderr));
        let stdout = String::from_utf8_lossy(&out.stdout);
        let v = stdout.lines().find_map(|l| l.strip_prefix("best value: ")).map(|v| v.trim().trim_start_matches("np.float64(").trim_end_matches(')').to_string()).and_then(|v| v.parse::<f64>().ok());
        assert!(v.is_some_and(f64::is_finite), "{q}: {stdout}");
    }
}
