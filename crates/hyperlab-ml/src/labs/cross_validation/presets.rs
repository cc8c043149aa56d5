//! One-click states, each making one claim visible.

pub use crate::labs::Preset;

pub const PRESETS: [Preset; 5] = [
    Preset {
        name: "Sorted classes, no shuffle",
        claim: "Data sorted by class, plain 5-fold without shuffling: the last fold holds the whole minority class, its model never saw one and scores near 0 % on it, while the other four folds, which never test the minority class, score above 80 % on average.",
        query: "task=classification&split=kfold&k=5&shuffle=0&sorted=1&minority=0.2&n=40",
    },
    Preset {
        name: "Stratified",
        claim: "Stratified 5-fold on the same sorted data: every fold holds 1 or 2 of the 8 minority samples, and no fold scores near 0 %.",
        query: "task=classification&split=stratified&k=5&shuffle=0&sorted=1&minority=0.2&n=40",
    },
    Preset {
        name: "Sorted x, no shuffle",
        claim: "Regression data sorted by x, folds not shuffled: each fold is a stretch of x its model never trained on, so it extrapolates and the estimate is usually several times worse than with shuffled folds (the status compares the two).",
        query: "task=regression&split=kfold&k=5&shuffle=0&sorted=1&n=40&degree=2",
    },
    Preset {
        name: "Leave-one-out",
        claim: "Leave-one-out: 40 fits, one point per validation fold, so single scores usually swing far more than 5-fold's fold scores on the same data (the status compares the two).",
        query: "task=regression&split=loo&n=40&degree=3&sorted=0",
    },
    Preset {
        name: "One hold-out split",
        claim: "One random split, 20 % validated: a single score and no measured spread (not ± 0: unknown).",
        query: "task=regression&split=holdout&k=5&n=40&degree=3",
    },
];
