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
