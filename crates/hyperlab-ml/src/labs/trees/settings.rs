//! The trees lab's knobs: its URL schema and the typed [`Settings`] parsed from it once. Every
//! bound the model, the clamp and the texts use is a constant here.

use crate::datasets::toy2d::{DataConfig, Shape};
use crate::labs::{pick, toy_data};
use crate::schema::{Kind, Notice, ParamSpec, ParamState, Value};
use crate::trees::{Criterion, MaxFeatures};

pub const SLUG: &str = "trees";

pub const MIN_POINTS: i64 = 60;
pub const MAX_POINTS: i64 = 600;
pub const MAX_NOISE: f64 = 0.5;
pub const MAX_TREES: i64 = 300;
pub const MIN_LEARNING_RATE: f64 = 0.01;
pub const MAX_LEARNING_RATE: f64 = 1.0;
pub const MIN_SUBSAMPLE: f64 = 0.3;
pub const MAX_LEAF: i64 = 30;
pub const MAX_SPLIT: i64 = 60;
pub const SEED_MAX: i64 = 9999;
/// The pruning slider's smallest non-zero α and its largest.
pub const MIN_CCP_ALPHA: f64 = 1e-4;
pub const MAX_CCP_ALPHA: f64 = 0.1;
/// The deepest limit on the depth slider; beyond it the choice is "no limit".
pub const MAX_DEPTH_LIMIT: usize = 12;

/// In the order of [`ModelKind::ALL`].
pub const MODELS: &[(&str, &str)] = &[("tree", "One decision tree"), ("forest", "Random forest"), ("boost", "Gradient boosting")];
/// Depth limits 1 … 12, then none.
pub const DEPTHS: &[(&str, &str)] = &[
    ("1", "1 (a stump)"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5"), ("6", "6"), ("7", "7"), ("8", "8"), ("9", "9"), ("10", "10"), ("11", "11"), ("12", "12"),
    ("none", "No limit (grow until pure)"),
];
/// In the order of [`FeatureChoice::ALL`].
pub const MAX_FEATURES: &[(&str, &str)] = &[
    ("default", "scikit-learn's default for the model"),
    ("all", "All (2 features; 1 on the sine)"),
    ("sqrt", "sqrt: ⌊√2⌋ = 1 (⌊√1⌋ = 1 on the sine)"),
    ("log2", "log2: ⌊log₂ 2⌋ = 1 (at least 1 on the sine)"),
    ("1", "1"),
];
pub const CRITERIA: &[(&str, &str)] = &[("gini", "Gini"), ("entropy", "Entropy")];

pub static SCHEMA: [ParamSpec; 17] = [
    ParamSpec::setting("data", "Data set", Kind::choice(Shape::OPTIONS, 4), "Five two-class shapes in the plane, or a noisy sine wave to fit (regression)."),
    ParamSpec::setting("noise", "Noise", Kind::linear(0.0, MAX_NOISE, 0.3, 0.01), "Standard deviation of the Gaussian jitter on every coordinate (on y only, for the sine): noise makes points cross into the other class's region."),
    ParamSpec::setting("size", "Points", Kind::int(MIN_POINTS, MAX_POINTS, 300), "Training and validation points together."),
    ParamSpec::setting("val", "Validation share", Kind::linear(0.2, 0.6, 0.4, 0.05), "Share of the points held out: never fitted, only used to measure generalization."),
    ParamSpec::setting("seed", "Seed", Kind::int(0, SEED_MAX, 1), "Fixes the data, the bootstrap samples and the features each split may look at."),
    ParamSpec::hyper("model", "Model", Kind::choice(MODELS, 0), "One tree; a random forest (many trees on bootstrap samples, averaged); or gradient boosting (shallow trees added one by one, each fitting what the previous ones got wrong)."),
    ParamSpec::hyper("depth", "Maximum depth", Kind::choice(DEPTHS, 4), "How many levels of questions each tree may ask (scikit-learn's max_depth). Deeper trees fit finer detail, noise included.").unit("levels"),
    ParamSpec::hyper("trees", "Number of trees", Kind::int(1, MAX_TREES, 100), "n_estimators, for forests and boosting (one tree ignores it)."),
    ParamSpec::hyper("lr", "Learning rate", Kind::log(MIN_LEARNING_RATE, MAX_LEARNING_RATE, 0.1), "Boosting only: each tree's contribution is multiplied by η (shrinkage). Smaller η needs more trees.").unit("η"),
    ParamSpec::hyper("subsample", "Subsample", Kind::linear(MIN_SUBSAMPLE, 1.0, 1.0, 0.05), "Boosting only: the share of training points each tree is fitted on, drawn without replacement (below 1: stochastic gradient boosting)."),
    ParamSpec::hyper("maxf", "Features per split", Kind::choice(MAX_FEATURES, 0), "max_features: how many randomly chosen features each split may look at. scikit-learn's default is sqrt for a forest classifier and all features for one tree, a forest regressor and boosting. The sine has one feature, so every choice picks it and feature sampling has no effect there."),
    ParamSpec::hyper("bootstrap", "Bootstrap", Kind::switch(true), "Forest only: fit each tree on n points drawn with replacement (about 63 % distinct). Off: every tree sees all points, and there is no out-of-bag estimate."),
    ParamSpec::hyper("crit", "Split criterion", Kind::choice(CRITERIA, 0), "Classification impurity: Gini (1 − Σp²) or entropy (−Σp log₂ p). Regression always uses squared error (boosting's trees: Friedman's MSE)."),
    ParamSpec::hyper("leaf", "Min samples per leaf", Kind::int(1, MAX_LEAF, 1), "min_samples_leaf: a split is only allowed if both sides keep at least this many training points."),
    ParamSpec::hyper("split", "Min samples to split", Kind::int(2, MAX_SPLIT, 2), "min_samples_split: a node with fewer training points becomes a leaf."),
    ParamSpec::hyper("ccp", "Pruning strength", Kind::log_or_off(MIN_CCP_ALPHA, MAX_CCP_ALPHA, 0.0), "ccp_alpha: after a tree is grown, cost-complexity pruning collapses every branch whose impurity decrease, weighted by its share of the training points, is at most α per extra leaf. Larger α, fewer leaves; 0 keeps the whole tree.").unit("α"),
    ParamSpec::setting("view", "Tree shown", Kind::int(1, MAX_TREES, 1), "Which tree the tree view draws, counted from 1 (one tree: always the first)."),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelKind {
    Tree,
    Forest,
    Boosting,
}

impl ModelKind {
    pub const ALL: [ModelKind; 3] = [ModelKind::Tree, ModelKind::Forest, ModelKind::Boosting];
    pub fn name(self) -> &'static str {
        match self {
            ModelKind::Tree => "one decision tree",
            ModelKind::Forest => "a random forest",
            ModelKind::Boosting => "gradient boosting",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeatureChoice {
    Default,
    All,
    Sqrt,
    Log2,
    One,
}

impl FeatureChoice {
    pub const ALL: [FeatureChoice; 5] = [FeatureChoice::Default, FeatureChoice::All, FeatureChoice::Sqrt, FeatureChoice::Log2, FeatureChoice::One];
}

/// Every knob, typed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// The data knobs; `data.seed` is the lab's one seed, which also fixes the bootstrap samples
    /// and the features each split may look at.
    pub data: DataConfig,
    pub model: ModelKind,
    /// `None`: no limit.
    pub max_depth: Option<usize>,
    pub n_trees: usize,
    pub learning_rate: f64,
    pub subsample: f64,
    pub max_features: FeatureChoice,
    pub bootstrap: bool,
    pub entropy: bool,
    pub min_samples_leaf: usize,
    pub min_samples_split: usize,
    /// Cost-complexity pruning α of every tree (0: none).
    pub ccp_alpha: f64,
    /// Which tree (from 1) the tree view draws.
    pub view_tree: usize,
}

defaults_from_schema!(Settings, SCHEMA);

impl Settings {
    pub fn from_params(p: &ParamState) -> Self {
        let depth = p.choice("depth");
        Settings {
            data: toy_data::from_params(p),
            model: pick(&ModelKind::ALL, p.choice("model")),
            max_depth: (depth < MAX_DEPTH_LIMIT).then_some(depth + 1),
            n_trees: p.int("trees").clamp(1, MAX_TREES) as usize,
            learning_rate: p.float("lr").clamp(MIN_LEARNING_RATE, MAX_LEARNING_RATE),
            subsample: p.float("subsample").clamp(MIN_SUBSAMPLE, 1.0),
            max_features: pick(&FeatureChoice::ALL, p.choice("maxf")),
            bootstrap: p.flag("bootstrap"),
            entropy: p.choice("crit") == 1,
            min_samples_leaf: p.int("leaf").clamp(1, MAX_LEAF) as usize,
            min_samples_split: p.int("split").clamp(2, MAX_SPLIT) as usize,
            ccp_alpha: p.float("ccp").clamp(0.0, MAX_CCP_ALPHA),
            view_tree: p.int("view").clamp(1, MAX_TREES) as usize,
        }
    }

    pub fn to_params(&self) -> ParamState {
        let mut p = ParamState::defaults(&SCHEMA);
        toy_data::set_params(&mut p, &self.data);
        p.set("model", Value::Choice(ModelKind::ALL.iter().position(|m| *m == self.model).unwrap_or(0)));
        p.set("depth", Value::Choice(self.max_depth.map_or(MAX_DEPTH_LIMIT, |d| d.clamp(1, MAX_DEPTH_LIMIT) - 1)));
        p.set("trees", Value::Int(self.n_trees as i64));
        p.set("lr", Value::Float(self.learning_rate));
        p.set("subsample", Value::Float(self.subsample));
        p.set("maxf", Value::Choice(FeatureChoice::ALL.iter().position(|m| *m == self.max_features).unwrap_or(0)));
        p.set("bootstrap", Value::Bool(self.bootstrap));
        p.set("crit", Value::Choice(usize::from(self.entropy)));
        p.set("leaf", Value::Int(self.min_samples_leaf as i64));
        p.set("split", Value::Int(self.min_samples_split as i64));
        p.set("ccp", Value::Float(self.ccp_alpha));
        p.set("view", Value::Int(self.view_tree as i64));
        p
    }

    /// Parses an untrusted query as the page does, with the notices it shows.
    pub fn from_query(query: &str) -> (Self, Vec<Notice>) {
        let (params, notices) = ParamState::from_query(&SCHEMA, query);
        (Self::from_params(&params), notices)
    }

    pub fn is_regression(&self) -> bool {
        self.data.shape == Shape::Sine
    }

    /// Trees the model fits: one for a single tree.
    pub fn ensemble_size(&self) -> usize {
        if self.model == ModelKind::Tree { 1 } else { self.n_trees }
    }

    pub fn criterion(&self) -> Criterion {
        match (self.is_regression(), self.entropy) {
            (true, _) => Criterion::SquaredError,
            (false, false) => Criterion::Gini,
            (false, true) => Criterion::Entropy,
        }
    }

    /// The max_features the model uses: scikit-learn's default is sqrt for a forest classifier
    /// and all features otherwise.
    pub fn resolved_max_features(&self) -> MaxFeatures {
        match self.max_features {
            FeatureChoice::Default if self.model == ModelKind::Forest && !self.is_regression() => MaxFeatures::Sqrt,
            FeatureChoice::Default | FeatureChoice::All => MaxFeatures::All,
            FeatureChoice::Sqrt => MaxFeatures::Sqrt,
            FeatureChoice::Log2 => MaxFeatures::Log2,
            FeatureChoice::One => MaxFeatures::Count(1),
        }
    }

    pub fn depth_label(&self) -> String {
        self.max_depth.map_or("no limit".to_string(), |d| d.to_string())
    }
}
