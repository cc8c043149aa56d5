//! "Copy as code": the current search written out as complete programs for Optuna,
//! scikit-optimize and Hyperopt — the objective included (the synthetic function, or the ridge
//! problem's data, folds and scikit-learn pipeline), with the same space, budget and seed — and
//! as a SageMaker automatic-model-tuning configuration. Honest about what each library cannot
//! express.

use super::problem::{ProblemKind, RidgeData};
use crate::schema::Scale;
use crate::search::objectives::{ONE_KNOB_CENTRE, ONE_KNOB_WIDTH, WELLS};
use crate::search::{Acquisition, BayesConfig, Dimension, KernelKind, Landscape, Space, StrategyKind};

/// Library versions the snippets were checked with (the first comment line of each says so).
pub const OPTUNA_VERSION: &str = "5.1.0";
pub const SKOPT_VERSION: &str = "0.10.2";
pub const SKLEARN_VERSION: &str = "1.9.1";
pub const HYPEROPT_VERSION: &str = "0.3.0";

/// What the snippets describe.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeSpec {
    pub space: Space,
    pub kind: StrategyKind,
    pub budget: usize,
    pub seed: u64,
    pub bayes: BayesConfig,
    pub problem: ProblemKind,
    /// Parallel workers k.
    pub workers: usize,
}

/// The `pip install` line for a snippet's libraries (scikit-learn and NumPy added for the ridge
/// problem), as the snippet's first comment line.
fn pip_line(c: &CodeSpec, packages: &[String], note: &str) -> String {
    let mut p: Vec<String> = packages.to_vec();
    if c.problem == ProblemKind::Ridge && !p.iter().any(|x| x.starts_with("scikit-learn")) {
        p.push(format!("scikit-learn=={SKLEARN_VERSION}"));
    }
    if c.problem == ProblemKind::Ridge && !p.iter().any(|x| x.starts_with("numpy")) {
        p.push("numpy".into());
    }
    let pinned: Vec<String> = p.iter().filter(|x| x.contains("==")).map(|x| x.replace("==", " ")).collect();
    format!("# pip install {}  (checked with {}{note})\n", p.join(" "), pinned.join(", "))
}

/// The objective as Python: `validation_loss(<knobs>)` returning the value the lab computes.
pub fn objective_source(c: &CodeSpec, ridge: Option<&RidgeData>) -> String {
    let vars = names(&c.space).join(", ");
    match c.problem {
        ProblemKind::Land(Landscape::Branin) => format!(
            "def validation_loss({vars}):\n    \"\"\"Branin, the lab's curved valley (minimum 0.397887 at three points).\"\"\"\n    b, c, t = 5.1 / (4 * math.pi**2), 5 / math.pi, 1 / (8 * math.pi)\n    return (x1 - b * x0**2 + c * x0 - 6) ** 2 + 10 * (1 - t) * math.cos(x0) + 10\n"
        ),
        ProblemKind::Land(Landscape::OneKnob) => format!(
            "def validation_loss({vars}):\n    \"\"\"Only x matters: a narrow valley on its log axis; y is ignored.\"\"\"\n    u = (math.log10(x) + 4) / 4\n    return 1 - math.exp(-0.5 * ((u - {c}) / {w}) ** 2) + 0.5 * (u - {c}) ** 2\n",
            c = py_float(ONE_KNOB_CENTRE),
            w = py_float(ONE_KNOB_WIDTH)
        ),
        ProblemKind::Land(Landscape::Wells) => {
            let wells: Vec<String> = WELLS.iter().map(|&(x, y, s, a)| format!("({}, {}, {}, {})", py_float(x), py_float(y), py_float(s), py_float(a))).collect();
            format!(
                "WELLS = [{}]  # centre x, centre y, width, depth\n\n\ndef validation_loss({vars}):\n    \"\"\"Four Gaussian wells; the narrow deep one at (0.78, 0.22) is the global minimum.\"\"\"\n    return 1 - sum(a * math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * s * s)) for cx, cy, s, a in WELLS)\n",
                wells.join(", ")
            )
        }
        ProblemKind::Ridge => {
            let Some(r) = ridge else { return "# (the ridge data could not be generated)\n".into() };
            let floats = |v: &mut dyn Iterator<Item = f64>| v.map(py_float).collect::<Vec<_>>().join(", ");
            let x = floats(&mut r.data().x.iter().copied());
            let y = floats(&mut r.data().y.iter().copied());
            let folds: Vec<String> = r.splits().iter().map(|s| format!("    ({:?}, {:?}),", s.train, s.test)).collect();
            format!(
                "# The lab's data: 40 noisy points of sin(pi x), and its 5 shuffled folds (train, test).\nX = np.array([{x}]).reshape(-1, 1)\nY = np.array([{y}])\nFOLDS = [\n{}\n]\n\n\ndef validation_loss({vars}):\n    \"\"\"Mean validation MSE over the 5 folds of polynomial features -> StandardScaler -> Ridge.\"\"\"\n    errors = []\n    for train, test in FOLDS:\n        model = make_pipeline(PolynomialFeatures(int(degree), include_bias=False), StandardScaler(), Ridge(alpha=lambda_))\n        model.fit(X[train], Y[train])\n        errors.append(mean_squared_error(Y[test], model.predict(X[test])))\n    return float(np.mean(errors))\n",
                folds.join("\n")
            )
        }
    }
}

/// The imports the objective needs.
fn objective_imports(c: &CodeSpec) -> &'static str {
    match c.problem {
        ProblemKind::Ridge => "import numpy as np\nfrom sklearn.linear_model import Ridge\nfrom sklearn.metrics import mean_squared_error\nfrom sklearn.pipeline import make_pipeline\nfrom sklearn.preprocessing import PolynomialFeatures, StandardScaler\n",
        ProblemKind::Land(_) => "import math\n",
    }
}

fn ridge_data(c: &CodeSpec) -> Option<RidgeData> {
    (c.problem == ProblemKind::Ridge).then(RidgeData::new).flatten()
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
            crate::sorting::sort_floats(&mut axis);
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
    let gp = c.kind == StrategyKind::Bayes;
    let mut s = pip_line(c, &[format!("optuna=={OPTUNA_VERSION}")].into_iter().chain(gp.then(|| "torch".to_string())).collect::<Vec<_>>(), if gp { "; GPSampler needs PyTorch, which this snippet was not run with" } else { "" });
    s.push_str(objective_imports(c));
    s.push_str("import optuna\n\n");
    s.push_str(&objective_source(c, ridge_data(c).as_ref()));
    s.push_str("\n\ndef objective(trial):\n");
    for (d, var) in c.space.dims().iter().zip(&vars) {
        let line = match d {
            Dimension::Continuous { low, high, .. } => format!("trial.suggest_float({:?}, {}, {}{})", d.name(), py_float(*low), py_float(*high), if is_log(d) { ", log=True" } else { "" }),
            Dimension::Integer { low, high, .. } => format!("trial.suggest_int({:?}, {low}, {high}{})", d.name(), if is_log(d) { ", log=True" } else { "" }),
            Dimension::Categorical { choices, .. } => format!("trial.suggest_categorical({:?}, {choices:?})", d.name()),
        };
        s.push_str(&format!("    {var} = {line}\n"));
    }
    s.push_str(&format!("    return validation_loss({})\n\n\n", vars.join(", ")));
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
    if c.workers > 1 {
        s.push_str(&format!("# {k} parallel workers: n_jobs={k} runs {k} trials at once in threads (TPESampler treats running trials with a constant liar); the order of results, and so the run, is then not reproducible.\n", k = c.workers));
        s.push_str(&format!("study.optimize(objective, n_trials={n_trials}, n_jobs={})\n", c.workers));
    } else {
        s.push_str(&format!("study.optimize(objective, n_trials={n_trials})\n"));
    }
    s.push_str("print(\"best params:\", study.best_params)\nprint(\"best value:\", repr(study.best_value))\n");
    s
}

fn skopt_dimension(d: &Dimension) -> String {
    match d {
        Dimension::Continuous { low, high, .. } => format!("Real({}, {}, prior=\"{}\", name={:?})", py_float(*low), py_float(*high), if is_log(d) { "log-uniform" } else { "uniform" }, d.name()),
        Dimension::Integer { low, high, .. } => format!("Integer({low}, {high}, prior=\"{}\", name={:?})", if is_log(d) { "log-uniform" } else { "uniform" }, d.name()),
        Dimension::Categorical { choices, .. } => format!("Categorical({choices:?}, name={:?})", d.name()),
    }
}

/// A scikit-optimize program: `gp_minimize` for Bayesian optimization, draws from `Space.rvs` for random
/// search, and scikit-learn's `ParameterGrid` for the grid (scikit-optimize has none).
pub fn skopt(c: &CodeSpec) -> String {
    if c.kind == StrategyKind::Tpe {
        return hyperopt(c);
    }
    let vars = names(&c.space);
    let objective = format!("def objective(params):\n    {} = params\n    return validation_loss({})\n\n\n", vars.join(", ") + if vars.len() == 1 { "," } else { "" }, vars.join(", "));
    let head = |packages: &[String]| format!("{}{}", pip_line(c, packages, ""), objective_imports(c));
    let source = format!("{}\n\n", objective_source(c, ridge_data(c).as_ref()));
    match c.kind {
        StrategyKind::Grid => {
            let mut s = head(&[format!("scikit-learn=={SKLEARN_VERSION}")]);
            s.push_str("# scikit-optimize has no grid search; scikit-learn's ParameterGrid lists the same grid.\nfrom sklearn.model_selection import ParameterGrid\n\n");
            s.push_str(&source);
            s.push_str("grid = ParameterGrid({\n");
            for (d, axis) in c.space.dims().iter().zip(grid_axes(&c.space, c.budget)) {
                s.push_str(&format!("    {:?}: {},\n", d.name(), list(d, &axis)));
            }
            s.push_str("})\n");
            let args: Vec<String> = c.space.dims().iter().map(|d| format!("p[{:?}]", d.name())).collect();
            s.push_str(&format!("scores = [(validation_loss({}), p) for p in grid]  # {} trials\nbest_value, best = min(scores, key=lambda s: s[0])\nprint(\"best params:\", best)\nprint(\"best value:\", repr(best_value))\n", args.join(", "), grid_size(&c.space, c.budget)));
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
            let mut s = head(&[format!("scikit-optimize=={SKOPT_VERSION}"), format!("scikit-learn=={SKLEARN_VERSION}")]);
            if bayes {
                s.push_str(&format!("from skopt import gp_minimize\nfrom skopt.space import {}\n", imports.join(", ")));
            } else {
                s.push_str(&format!("from skopt.space import {}, Space\n", imports.join(", ")));
            }
            if rbf {
                s.push_str("from skopt.learning import GaussianProcessRegressor\nfrom skopt.learning.gaussian_process.kernels import RBF, ConstantKernel\n");
            }
            s.push('\n');
            s.push_str(&source);
            s.push_str(&objective);
            s.push_str("space = [\n");
            for d in c.space.dims() {
                s.push_str(&format!("    {},\n", skopt_dimension(d)));
            }
            s.push_str("]\n");
            if !bayes {
                s.push_str(&format!("# Random search: {n} independent draws from the space. skopt's dummy_minimize(objective, space, n_calls={n}, random_state={seed})\n# would do this, but with scikit-learn {SKLEARN_VERSION} it fails (it calls is_regressor(None)).\n", n = c.budget, seed = c.seed));
                s.push_str(&format!("points = Space(space).rvs(n_samples={}, random_state={})\nvalues = [objective(p) for p in points]\nbest = min(range(len(points)), key=values.__getitem__)\n", c.budget, c.seed));
                if c.workers > 1 {
                    s.push_str(&format!("# {k} parallel workers change nothing here: the draws do not depend on results.\n", k = c.workers));
                }
                s.push_str("print(\"best params:\", points[best])\nprint(\"best value:\", repr(values[best]))\n");
                return s;
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
            if c.workers > 1 {
                s.push_str(&format!("# {k} parallel workers: skopt.Optimizer(space, ...).ask(n_points={k}, strategy=\"cl_max\") proposes {k} points with a constant liar.\n", k = c.workers));
            }
            s.push_str("print(\"best params:\", result.x)\nprint(\"best value:\", repr(result.fun))\n");
            s
        }
    }
}

/// How a SageMaker tuning job reuses earlier ones, as comments inside the tuner's arguments.
pub const WARM_START_COMMENT: &str = "    # Warm start reuses 1 to 5 earlier tuning jobs (from sagemaker.tuner import WarmStartConfig, WarmStartTypes):\n    # TRANSFER_LEARNING when the data or the training image changed, IDENTICAL_DATA_AND_ALGORITHM when only the ranges or the budget did.\n    # warm_start_config=WarmStartConfig(WarmStartTypes.TRANSFER_LEARNING, parents={\"an-earlier-tuning-job\"}),\n";

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
    let mut s = String::from("# pip install sagemaker  (a configuration for the SageMaker Python SDK v2: it needs an AWS account, an Estimator for your training script and data in S3)\n");
    s.push_str(&format!("from sagemaker.tuner import {}\n\n", classes.join(", ")));
    if !grid {
        s.push_str("# Scaling types: Linear, Logarithmic (ranges above 0), ReverseLogarithmic (ranges inside [0, 1), such as a momentum close to 1) or Auto (SageMaker chooses the scale; the range stays yours).\n");
    } else {
        s.push_str("# SageMaker's Grid strategy takes categorical ranges only, so each range below lists the grid's values.\n");
    }
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
    s.push_str(&format!("    strategy=\"{strategy}\",  # SageMaker's strategies: Bayesian, Random, Hyperband, Grid\n"));
    if grid {
        s.push_str(&format!("    # Grid: every combination ({} jobs) is run, so max_jobs is not set.\n", grid_size(&c.space, c.budget)));
    } else {
        s.push_str(&format!("    max_jobs={},\n", c.budget));
    }
    s.push_str(&format!("    max_parallel_jobs={},\n    early_stopping_type=\"Off\",  # \"Auto\" stops a job whose metric is worse than the median of earlier jobs' running averages at the same epoch; the Hyperband strategy needs \"Off\" (it stops jobs itself)\n    random_seed={},\n", c.workers.max(1), c.seed));
    if !grid {
        // AWS documents warm start for the Bayesian and Random strategies.
        s.push_str(WARM_START_COMMENT);
    }
    s.push_str(")\n");
    if c.workers > 1 && c.kind == StrategyKind::Bayes {
        s.push_str("# SageMaker's best practices: Bayesian optimization is sequential and does not scale well to many parallel jobs; random search does.\n");
    }
    s.push_str("tuner.fit({\"train\": train_input, \"validation\": validation_input})\n");
    s
}

/// Hyperopt's TPE (`tpe.suggest`), the library whose γ rule is 0.25 √n; scikit-optimize has no
/// TPE, so its tab shows this.
pub fn hyperopt(c: &CodeSpec) -> String {
    let vars = names(&c.space);
    let mut s = pip_line(c, &[format!("hyperopt=={HYPEROPT_VERSION}"), "numpy".into()], "");
    s.push_str("# scikit-optimize has no TPE; Hyperopt's tpe.suggest is the same method (gamma(n) = ceil(0.25 sqrt(n))).\n");
    if c.problem == ProblemKind::Ridge {
        s.push_str(objective_imports(c));
    }
    s.push_str("import math\n\nimport numpy as np\nfrom hyperopt import Trials, fmin, hp, tpe\n\n");
    s.push_str(&objective_source(c, ridge_data(c).as_ref()));
    s.push_str("\n\n");
    s.push_str("def objective(params):\n");
    for (d, var) in c.space.dims().iter().zip(&vars) {
        let cast = if matches!(d, Dimension::Integer { .. }) { format!("int(params[{:?}])", d.name()) } else { format!("params[{:?}]", d.name()) };
        s.push_str(&format!("    {var} = {cast}\n"));
    }
    s.push_str(&format!("    return validation_loss({})\n\n\n", vars.join(", ")));
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
    s.push_str(&format!("trials = Trials()\nbest = fmin(objective, space, algo=tpe.suggest, max_evals={}, trials=trials, rstate=np.random.default_rng({}))\nprint(\"best params:\", best)\nprint(\"best value:\", repr(min(trials.losses())))\n", c.budget, c.seed));
    s
}
