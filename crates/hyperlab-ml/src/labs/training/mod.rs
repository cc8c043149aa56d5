//! The training lab's native side: its URL schema, the typed settings parsed from it once, the
//! run its views draw ([`run::LabRun`]), the texts that describe that run, its presets and its
//! guided challenges. The app only wires signals to these and draws them.

pub mod challenges;
pub mod chart_layout;
pub mod presets;
pub mod run;
pub mod settings;
pub mod texts;

pub use challenges::CHALLENGES;
pub use presets::{Preset, PRESETS};
pub use run::{LabRun, Snapshot};
pub use settings::{Batch, OptimizerKind, ScheduleKind, Settings, StopKind, SCHEMA, SLUG};

/// How the site lists this lab (home page, header, page title, static pages).
use crate::labs::catalogue::view;

pub const META: crate::labs::catalogue::LabMeta = crate::labs::catalogue::LabMeta {
    slug: SLUG,
    title: "Training a network",
    promise: "Train a neural network live: learning rate, batch size, dropout, optimizers and early stopping.",
    description: "A small neural network trains in the page: learning rate, batch size with the linear scaling rule, epochs, dropout, L1/L2, SGD/momentum/RMSprop/Adam, schedules and three early-stopping strategies, with a ghost of your previous run.",
    concepts: &["learning rate", "batch size", "epochs", "dropout", "early stopping", "optimizers"],
    // The primary view first; ids are the `views=` names of an embed.
    views: &[
        view("boundary", "Decision boundary, with the run's verdict"),
        view("loss", "Loss curves"),
        view("accuracy", "Accuracy curves"),
    ],
    key_controls: &["lr", "batch", "dropout", "stop"],
};
