//! One-click states, each making one claim visible. Every claim is checked over several seeds in
//! `tests/lessons_training.rs`.

pub use crate::labs::Preset;

/// A small training set (50 noisy XOR points) and a big validation set (200) for a wide network:
/// overfitting shows up within a few dozen epochs and is measured reliably.
pub const OVERFITTING: &str = "data=xor&noise=0.3&size=250&val=0.8&layers=3&units=16&act=tanh&opt=adam&lr=0.01&batch=10&dropout=0&epochs=300&stop=budget&seed=1";

/// A deep sigmoid stack at a rate where a shallow one learns.
pub const VANISHING: &str = "data=circles&noise=0.1&size=400&layers=6&units=8&act=sigmoid&opt=sgd&lr=0.3&batch=10&epochs=300&stop=budget&seed=1";

pub const PRESETS: &[Preset] = &[
    Preset {
        name: "Small tanh network",
        claim: "Two tanh layers of 8 units, plain SGD at η = 0.03 in batches of 10 (TensorFlow Playground's rate, batch size and activation; its default layers have 4 and 2 units): it learns the circles, above 90 % validation accuracy by epoch 300.",
        query: "data=circles&noise=0.1&size=400&layers=2&units=8&act=tanh&opt=sgd&lr=0.03&batch=10&epochs=300&stop=budget&seed=1",
    },
    Preset {
        name: "Learning rate too large",
        claim: "Full-batch SGD at η = 3: the training loss goes up in more than one epoch in ten instead of falling smoothly. At η = 0.3 it falls every epoch.",
        query: "data=circles&noise=0.1&size=400&layers=2&units=8&act=tanh&opt=sgd&lr=3&batch=full&epochs=300&stop=budget&seed=1",
    },
    Preset {
        name: "Diverging regression",
        claim: "On the sine regression, η = 1 makes the squared error explode in the first epoch: the run stops as diverged.",
        query: "data=sine&noise=0.1&size=400&layers=2&units=8&act=tanh&opt=sgd&lr=1&batch=10&epochs=200&stop=budget&seed=1",
    },
    Preset {
        name: "Overfitting",
        claim: "A wide network on 50 noisy training points: the validation loss bottoms out within the first 40 epochs, then climbs far above it while the training loss keeps falling.",
        query: OVERFITTING,
    },
    Preset {
        name: "Early stopping",
        claim: "The same overfitting run with validation patience 20: it stops a few dozen epochs in and restores the epoch with the lowest validation loss, which is far below where the full run ends.",
        query: "data=xor&noise=0.3&size=250&val=0.8&layers=3&units=16&act=tanh&opt=adam&lr=0.01&batch=10&dropout=0&epochs=300&stop=patience&patience=20&seed=1",
    },
    Preset {
        name: "Big batch, no scaling",
        claim: "Batch 64 at the rate that trains batch 8 well (η = 0.03): on the 200 training points an epoch makes 4 updates instead of 25 (6.25× fewer), so after 200 epochs the network is still learning: underfitting, its training loss far above batch 8's. Switch on the linear scaling rule (η × 64/8) to get most of the way back.",
        query: "data=circles&noise=0.1&size=400&layers=2&units=8&act=tanh&opt=sgd&lr=0.03&batch=64&scale=0&epochs=200&stop=budget&seed=1",
    },
    Preset {
        name: "Vanishing gradients",
        claim: "Six sigmoid layers trained by SGD at η = 0.3 stay at a 50/50 guess: the first layer's gradient is over 100× smaller than the last layer's. Two sigmoid layers, or six tanh layers, learn the circles at the same rate. (At a rate as large as 3, six tanh layers overshoot instead.)",
        query: VANISHING,
    },
];
