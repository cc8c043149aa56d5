//! "Copy as code": the current search written out for Optuna, scikit-optimize and SageMaker
//! automatic model tuning. Small, correct, and honest about what each library cannot express.

use crate::params::Scale;
use crate::search::{Acquisition, BayesConfig, Dimension, KernelKind, Space, StrategyKind};

/// What the snippets describe.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeSpec {
    pub space: Space,
    pub kind: StrategyKind,
    pub budget: usize,
    pub seed: u64,
    pub bayes: BayesConfig,
}

/// A Python float literal (Rust's shortest round-trip form is valid Python).
fn py_float(v: f64) -> String {
    if v.is_finite() { format!("{v:?}") } else { "float(\"nan\")".into() }
}

/// A Python identifier for a knob name (keywords get a trailing underscore).
pub fn py_ident(name: &str) -> String {
    const KEYWORDS: &[&str] = &["lambda", "class", "def", "return", "for", "in", "is", "not", "and", "or", "if", "else", "import", "from", "global", "pass", "with", "yield", "try", "while", "del", "as", "None", "True", "False"];
    let mut s: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if KEYWORDS.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

fn is_log(d: &Dimension) -> bool {
    d.scale() == Scale::Log
}

/// The values the grid takes on each axis, in order (what a grid sampler is given).
pub fn grid_axes(space: &Space, budget: usize) -> Vec<Vec<f64>> {
    let grid = space.grid(budget);
    (0..space.len())
        .map(|i| {
            let mut axis: Vec<f64> = grid.iter().map(|p| p[i]).collect();
            axis.sort_by(|a, b| a.total_cmp(b));
            axis.dedup();
            axis
        })
        .collect()
}

fn value_literal(d: &Dimension, v: f64) -> String {
    match d {
        Dimension::Integer { .. } => format!("{}", v.round() as i64),
        Dimension::Categorical { choices, .. } => format!("{:?}", choices.get(v.max(0.0) as usize).cloned().unwrap_or_default()),
        Dimension::Continuous { .. } => py_float(v),
    }
}

fn list(d: &Dimension, values: &[f64]) -> String {
    format!("[{}]", values.iter().map(|&v| value_literal(d, v)).collect::<Vec<_>>().join(", "))
}

fn names(space: &Space) -> Vec<String> {
    space.dims().iter().map(|d| py_ident(d.name())).collect()
}

fn grid_size(space: &Space, budget: usize) -> usize {
    space.grid(budget).len()
}

fn acquisition_note(a: &Acquisition) -> &'static str {
    match a {
        Acquisition::ExpectedImprovement { .. } => "",
        _ => "# Note: GPSampler always uses (log) expected improvement; Hyperlab's other acquisition functions are not an option.\n",
    }
}

/// An Optuna study for the chosen strategy.
pub fn optuna(c: &CodeSpec) -> String {
    let vars = names(&c.space);
    let mut s = String::from("import optuna\n\n\ndef objective(trial):\n");
    for (d, var) in c.space.dims().iter().zip(&vars) {
        let line = match d {
            Dimension::Continuous { low, high, .. } => format!("trial.suggest_float({:?}, {}, {}{})", d.name(), py_float(*low), py_float(*high), if is_log(d) { ", log=True" } else { "" }),
            Dimension::Integer { low, high, .. } => format!("trial.suggest_int({:?}, {low}, {high}{})", d.name(), if is_log(d) { ", log=True" } else { "" }),
            Dimension::Categorical { choices, .. } => format!("trial.suggest_categorical({:?}, {choices:?})", d.name()),
        };
        s.push_str(&format!("    {var} = {line}\n"));
    }
    s.push_str(&format!("    return validation_loss({})  # train with these settings, return the validation loss\n\n\n", vars.join(", ")));
    let n_trials = match c.kind {
        StrategyKind::Grid => {
            s.push_str("search_space = {\n");
            for (d, axis) in c.space.dims().iter().zip(grid_axes(&c.space, c.budget)) {
                s.push_str(&format!("    {:?}: {},\n", d.name(), list(d, &axis)));
            }
            s.push_str("}\n");
            s.push_str(&format!("sampler = optuna.samplers.GridSampler(search_space, seed={})\n", c.seed));
            grid_size(&c.space, c.budget)
        }
        StrategyKind::Random => {
            s.push_str(&format!("sampler = optuna.samplers.RandomSampler(seed={})\n", c.seed));
            c.budget
        }
        StrategyKind::Bayes => {
            s.push_str("# Gaussian-process Bayesian optimization (Optuna >= 3.6).\n");
            s.push_str(acquisition_note(&c.bayes.acquisition));
            if c.bayes.kernel == KernelKind::Rbf {
                s.push_str("# Note: GPSampler's kernel is always Matérn 5/2; the RBF kernel is not an option.\n");
            }
            s.push_str(&format!("sampler = optuna.samplers.GPSampler(seed={}, n_startup_trials={})\n", c.seed, c.bayes.initial_points_for(c.space.len())));
            c.budget
        }
        StrategyKind::Tpe => {
            s.push_str("# Tree-structured Parzen Estimator: 10 random trials, then gamma(n) = min(ceil(0.1 n), 25) best trials form l(x).\n");
            s.push_str(&format!("sampler = optuna.samplers.TPESampler(seed={}, n_startup_trials=10, n_ei_candidates=24, multivariate=True)\n", c.seed));
            c.budget
        }
    };
    s.push_str("study = optuna.create_study(direction=\"minimize\", sampler=sampler)\n");
    s.push_str(&format!("study.optimize(objective, n_trials={n_trials})\n"));
    s.push_str("print(study.best_params, study.best_value)\n");
    s
}

fn skopt_dimension(d: &Dimension) -> String {
    match d {
        Dimension::Continuous { low, high, .. } => format!("Real({}, {}, prior=\"{}\", name={:?})", py_float(*low), py_float(*high), if is_log(d) { "log-uniform" } else { "uniform" }, d.name()),
        Dimension::Integer { low, high, .. } => format!("Integer({low}, {high}, prior=\"{}\", name={:?})", if is_log(d) { "log-uniform" } else { "uniform" }, d.name()),
        Dimension::Categorical { choices, .. } => format!("Categorical({choices:?}, name={:?})", d.name()),
    }
}

/// A scikit-optimize call: `gp_minimize` for Bayesian optimization, `dummy_minimize` for random
/// search, and scikit-learn's `ParameterGrid` for the grid (scikit-optimize has none).
pub fn skopt(c: &CodeSpec) -> String {
    if c.kind == StrategyKind::Tpe {
        return hyperopt(c);
    }
    let vars = names(&c.space);
    let objective = format!("def objective(params):\n    {} = params\n    return validation_loss({})  # train with these settings, return the validation loss\n\n\n", vars.join(", ") + if vars.len() == 1 { "," } else { "" }, vars.join(", "));
    match c.kind {
        StrategyKind::Grid => {
            let mut s = String::from("# scikit-optimize has no grid search; scikit-learn's ParameterGrid lists the same grid.\nfrom sklearn.model_selection import ParameterGrid\n\n");
            s.push_str("grid = ParameterGrid({\n");
            for (d, axis) in c.space.dims().iter().zip(grid_axes(&c.space, c.budget)) {
                s.push_str(&format!("    {:?}: {},\n", d.name(), list(d, &axis)));
            }
            s.push_str("})\n");
            let args: Vec<String> = c.space.dims().iter().map(|d| format!("p[{:?}]", d.name())).collect();
            s.push_str(&format!("best = min(grid, key=lambda p: validation_loss({}))  # {} trials\nprint(best)\n", args.join(", "), grid_size(&c.space, c.budget)));
            s
        }
        StrategyKind::Random | StrategyKind::Bayes | StrategyKind::Tpe => {
            let bayes = c.kind == StrategyKind::Bayes;
            let kinds: Vec<&str> = c.space.dims().iter().map(|d| match d {
                Dimension::Continuous { .. } => "Real",
                Dimension::Integer { .. } => "Integer",
                Dimension::Categorical { .. } => "Categorical",
            }).collect();
            let mut imports: Vec<&str> = kinds.clone();
            imports.sort();
            imports.dedup();
            let rbf = bayes && c.bayes.kernel == KernelKind::Rbf;
            let mut s = format!("from skopt import {}\nfrom skopt.space import {}\n", if bayes { "gp_minimize" } else { "dummy_minimize" }, imports.join(", "));
            if rbf {
                s.push_str("from skopt.learning import GaussianProcessRegressor\nfrom skopt.learning.gaussian_process.kernels import RBF, ConstantKernel\n");
            }
            s.push_str("\n\n");
            s.push_str(&objective);
            s.push_str("space = [\n");
            for d in c.space.dims() {
                s.push_str(&format!("    {},\n", skopt_dimension(d)));
            }
            s.push_str("]\n");
            if !bayes {
                s.push_str(&format!("result = dummy_minimize(objective, space, n_calls={}, random_state={})\n", c.budget, c.seed));
            } else {
                if rbf {
                    s.push_str(&format!("gp = GaussianProcessRegressor(kernel=ConstantKernel(1.0) * RBF(length_scale=[1.0] * {}), normalize_y=True, noise=\"gaussian\")\n", c.space.len()));
                }
                let acq = match c.bayes.acquisition {
                    Acquisition::ExpectedImprovement { xi } => format!("    acq_func=\"EI\",\n    xi={},\n", py_float(xi)),
                    Acquisition::ProbabilityOfImprovement { xi } => format!("    acq_func=\"PI\",\n    xi={},\n", py_float(xi)),
                    Acquisition::LowerConfidenceBound { kappa } => format!("    acq_func=\"LCB\",\n    kappa={},\n", py_float(kappa)),
                    Acquisition::ThompsonSampling => "    acq_func=\"gp_hedge\",  # no Thompson sampling in scikit-optimize; gp_hedge mixes EI, PI and LCB\n".to_string(),
                };
                s.push_str("result = gp_minimize(\n    objective,\n    space,\n");
                if rbf {
                    s.push_str("    base_estimator=gp,\n");
                }
                s.push_str(&format!("    n_calls={},\n    n_initial_points={},\n    initial_point_generator=\"lhs\",\n{acq}    random_state={},\n)\n", c.budget, c.bayes.initial_points_for(c.space.len()), c.seed));
            }
            s.push_str("print(result.x, result.fun)\n");
            s
        }
    }
}

/// A SageMaker `HyperparameterTuner` with the same ranges (scaling types Linear/Logarithmic),
/// strategy and budget.
pub fn sagemaker(c: &CodeSpec) -> String {
    let grid = c.kind == StrategyKind::Grid;
    let axes = grid_axes(&c.space, c.budget);
    let mut classes: Vec<&str> = vec!["HyperparameterTuner"];
    let mut ranges = String::new();
    for (d, axis) in c.space.dims().iter().zip(&axes) {
        let scaling = if is_log(d) { "Logarithmic" } else { "Linear" };
        let r = match d {
            // SageMaker's grid search takes categorical ranges only: the grid's values.
            _ if grid => {
                classes.push("CategoricalParameter");
                let values: Vec<String> = axis.iter().map(|&v| format!("\"{}\"", value_literal(d, v).trim_matches('"'))).collect();
                format!("CategoricalParameter([{}])", values.join(", "))
            }
            Dimension::Continuous { low, high, .. } => {
                classes.push("ContinuousParameter");
                format!("ContinuousParameter({}, {}, scaling_type=\"{scaling}\")", py_float(*low), py_float(*high))
            }
            Dimension::Integer { low, high, .. } => {
                classes.push("IntegerParameter");
                format!("IntegerParameter({low}, {high}, scaling_type=\"{scaling}\")")
            }
            Dimension::Categorical { choices, .. } => {
                classes.push("CategoricalParameter");
                format!("CategoricalParameter({choices:?})")
            }
        };
        ranges.push_str(&format!("    {:?}: {r},\n", d.name()));
    }
    classes.sort();
    classes.dedup();
    let strategy = match c.kind {
        StrategyKind::Grid => "Grid",
        StrategyKind::Random => "Random",
        StrategyKind::Bayes | StrategyKind::Tpe => "Bayesian",
    };
    let mut s = format!("from sagemaker.tuner import {}\n\n", classes.join(", "));
    s.push_str(&format!("hyperparameter_ranges = {{\n{ranges}}}\n"));
    if c.kind == StrategyKind::Tpe {
        s.push_str("# SageMaker offers no TPE (its strategies are Bayesian, Random, Hyperband and Grid); Bayesian is the closest.\n");
    }
    if c.kind == StrategyKind::Bayes {
        s.push_str("# SageMaker's Bayesian strategy picks its own surrogate and acquisition: no kernel, ξ or κ to set.\n");
    }
    s.push_str("tuner = HyperparameterTuner(\n    estimator=estimator,  # your sagemaker Estimator, which logs \"validation loss: <value>\"\n");
    s.push_str("    objective_metric_name=\"validation:loss\",\n    objective_type=\"Minimize\",\n");
    s.push_str("    metric_definitions=[{\"Name\": \"validation:loss\", \"Regex\": \"validation loss: ([0-9.eE+-]+)\"}],\n");
    s.push_str("    hyperparameter_ranges=hyperparameter_ranges,\n");
    s.push_str(&format!("    strategy=\"{strategy}\",\n"));
    if grid {
        s.push_str(&format!("    # Grid: every combination ({} jobs) is run, so max_jobs is not set.\n", grid_size(&c.space, c.budget)));
    } else {
        s.push_str(&format!("    max_jobs={},\n", c.budget));
    }
    s.push_str(&format!("    max_parallel_jobs=1,\n    random_seed={},\n)\n", c.seed));
    s.push_str("tuner.fit({\"train\": train_input, \"validation\": validation_input})\n");
    s
}

/// Hyperopt's TPE (`tpe.suggest`), the library whose γ rule is 0.25 √n; scikit-optimize has no
/// TPE, so its tab shows this.
pub fn hyperopt(c: &CodeSpec) -> String {
    let vars = names(&c.space);
    let mut s = String::from("# scikit-optimize has no TPE; Hyperopt's tpe.suggest is the same method (gamma(n) = ceil(0.25 sqrt(n))).\n");
    s.push_str("import math\n\nimport numpy as np\nfrom hyperopt import Trials, fmin, hp, tpe\n\n\n");
    s.push_str("def objective(params):\n");
    for (d, var) in c.space.dims().iter().zip(&vars) {
        let cast = if matches!(d, Dimension::Integer { .. }) { format!("int(params[{:?}])", d.name()) } else { format!("params[{:?}]", d.name()) };
        s.push_str(&format!("    {var} = {cast}\n"));
    }
    s.push_str(&format!("    return validation_loss({})  # train with these settings, return the validation loss\n\n\n", vars.join(", ")));
    s.push_str("space = {\n");
    for d in c.space.dims() {
        let e = match d {
            Dimension::Continuous { low, high, .. } if is_log(d) => format!("hp.loguniform({:?}, math.log({}), math.log({}))", d.name(), py_float(*low), py_float(*high)),
            Dimension::Continuous { low, high, .. } => format!("hp.uniform({:?}, {}, {})", d.name(), py_float(*low), py_float(*high)),
            Dimension::Integer { low, high, .. } if is_log(d) => format!("hp.qloguniform({:?}, math.log({}), math.log({}), 1)", d.name(), *low as f64 - 0.5, *high as f64 + 0.5),
            Dimension::Integer { low, high, .. } => format!("hp.uniformint({:?}, {low}, {high})", d.name()),
            Dimension::Categorical { choices, .. } => format!("hp.choice({:?}, {choices:?})", d.name()),
        };
        s.push_str(&format!("    {:?}: {e},\n", d.name()));
    }
    s.push_str("}\n");
    s.push_str(&format!("trials = Trials()\nbest = fmin(objective, space, algo=tpe.suggest, max_evals={}, trials=trials, rstate=np.random.default_rng({}))\nprint(best, min(trials.losses()))\n", c.budget, c.seed));
    s
}
