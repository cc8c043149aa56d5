//! The training lab's native side: its URL schema, the typed settings parsed from it once, the
//! run its views draw ([`run::LabRun`]), the texts that describe that run, its presets and its
//! guided challenges. The app only wires signals to these and draws them.

pub mod challenges;
pub mod presets;
pub mod run;
pub mod settings;
pub mod texts;

pub use challenges::CHALLENGES;
pub use presets::{Preset, PRESETS};
pub use run::{LabRun, Snapshot};
pub use settings::{Batch, OptimizerKind, ScheduleKind, Settings, StopKind, SCHEMA, SLUG};
