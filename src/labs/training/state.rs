//! The training lab's URL schema, settings, presets and challenges live in the native core
//! (`hyperlab_ml::labs::training`, where lesson tests check them).

pub use hyperlab_ml::labs::training::{Settings, CHALLENGES, PRESETS, SCHEMA, SLUG};
