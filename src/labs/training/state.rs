//! The training lab's URL schema, settings, presets and challenges live in the native core
//! (`hyperlab_ml::labs::training`); this module adapts the presets to the app's picker.

use crate::components::presets::Preset;
pub use hyperlab_ml::labs::training::{Settings, CHALLENGES, SCHEMA, SLUG};
use hyperlab_ml::labs::training::PRESETS as CORE_PRESETS;

macro_rules! presets {
    ($($i:literal),*) => {
        [$(Preset { name: CORE_PRESETS[$i].name, claim: CORE_PRESETS[$i].claim, query: CORE_PRESETS[$i].query }),*]
    };
}

/// The core's presets, in the picker's type (one entry per core preset: checked at compile time).
pub const PRESETS: &[Preset] = &{
    const ALL: [Preset; 7] = presets!(0, 1, 2, 3, 4, 5, 6);
    assert!(ALL.len() == CORE_PRESETS.len());
    ALL
};
