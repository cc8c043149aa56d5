//! The learning-rate lab's knobs, settings and model live in the native core
//! (`hyperlab_ml::labs::learning_rate`), where lesson tests check every sentence the lab shows;
//! this module re-exports them for the app.

pub use hyperlab_ml::labs::learning_rate::*;
