//! One-click states, each making one claim visible. Every claim is checked in
//! `tests/lessons_budgets.rs`.

pub use crate::labs::Preset;

pub const PRESETS: &[Preset] = &[
    Preset {
        name: "A bracket of 27 networks",
        claim: "Hyperband's first bracket starts 27 networks at 1 epoch and promotes 9 to 3 epochs, 3 to 9 and 1 to 27; its four brackets cost 357 epochs in all.",
        query: "problem=steady&method=hyperband&eta=3&rmin=1&rmax=27",
    },
    Preset {
        name: "The published table (R = 81, η = 3)",
        claim: "The five brackets of Li et al. (2018): 81×1 → 27×3 → 9×9 → 3×27 → 1×81 down to 5×81, 1581 epochs in all when promoted networks resume.",
        query: "problem=steady&method=hyperband&eta=3&rmin=1&rmax=81",
    },
    Preset {
        name: "The winner stopped early",
        claim: "On this seed, successive halving stops the network of its first round that would have finished best: hindsight draws its full curve.",
        query: "problem=crossing&method=sh&eta=3&rmin=1&rmax=27&trials=27&seed=1",
    },
    Preset {
        name: "Median stopping",
        claim: "The median rule stops most of the networks it starts, so with the same budget it tries at least twice as many as random search.",
        query: "problem=steady&method=median&eta=3&rmin=1&rmax=27",
    },
];
