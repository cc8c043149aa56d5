//! The trees lab's native side: its URL schema and typed settings, the model its views draw
//! (the ensemble grown one tree per step, and the depth, learning-rate and instability
//! experiments), the texts chosen from that model, its presets and its challenges.

pub mod challenges;
pub mod model;
pub mod presets;
pub mod settings;
pub mod texts;

pub use challenges::CHALLENGES;
pub use model::{run_query, LabModel, Snapshot, Verdict};
pub use presets::PRESETS;
pub use settings::{ModelKind, Settings, SCHEMA, SLUG};

/// How the site lists this lab (home page, header, page title, static pages).
use crate::labs::catalogue::view;

pub const META: crate::labs::catalogue::LabMeta = crate::labs::catalogue::LabMeta {
    slug: SLUG,
    title: "Trees and ensembles",
    promise: "Grow a decision tree, a random forest or gradient boosting and watch depth and the number of trees trade bias for variance.",
    description: "Decision trees, random forests and gradient boosting, matching scikit-learn, fitted live: the decision map, the tree itself, validation curves against depth and number of trees with out-of-bag error, four bootstrap resamples side by side, and boosting's learning rate × number of trees trade-off.",
    concepts: &["number of trees", "tree depth", "random forests", "out-of-bag error", "gradient boosting", "learning rate × trees"],
    // The primary view first; ids are the `views=` names of an embed.
    views: &[
        view("map", "Decision map, with the verdict"),
        view("depth", "Error against depth"),
        view("trees", "Error against the number of trees"),
        view("rates", "Learning rate × trees (boosting)"),
        view("tree", "The tree itself"),
        view("instability", "Four bootstrap resamples"),
    ],
    key_controls: &["model", "depth", "trees"],
};
