//! The regularization lab's knobs, presets and challenges live in the native core
//! (`hyperlab_ml::labs::regularization`, where lesson tests check them); this re-exports them in
//! the app's types.

use crate::components::presets::Preset;
use hyperlab_ml::labs::regularization as core;

pub use core::{SCHEMA, SLUG};

/// The core's presets as the preset picker's type.
pub const PRESETS: &[Preset] = &{
    let mut out = [const { Preset { name: "", claim: "", query: "" } }; core::PRESETS.len()];
    let mut i = 0;
    while i < out.len() {
        let p = core::PRESETS[i];
        out[i] = Preset { name: p.name, claim: p.claim, query: p.query };
        i += 1;
    }
    out
};
