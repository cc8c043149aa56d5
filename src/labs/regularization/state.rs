//! The regularization lab's knobs, presets and challenges live in the native core
//! (`hyperlab_ml::labs::regularization`, where lesson tests check them).

pub use hyperlab_ml::labs::regularization::{PRESETS, SCHEMA, SLUG};
