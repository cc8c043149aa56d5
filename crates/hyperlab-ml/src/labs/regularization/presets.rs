//! One-click states that each make a claim visible. Every claim has a lesson test over seeds.

pub use crate::labs::Preset;

pub const PRESETS: [Preset; 6] = [
    Preset {
        name: "Ridge is a good default",
        claim: "With 100 points, a degree-12 model with a little L2 penalty fits the sine well (Good fit): no coefficient is exactly zero, and together they are smaller than with λ = 0.",
        query: "truth=sine&noise=0.3&n=100&seed=3&degree=12&lambda=0.01&l1=0&std=1&intercept=1",
    },
    Preset {
        name: "λ = 0 overfits a degree-15 model",
        claim: "With no penalty, 15 powers of x fitted to 21 training points chase the noise: training error falls below the noise level σ², validation error is many times larger, and the verdict is Overfitting.",
        query: "truth=sine&noise=0.3&n=30&seed=3&degree=15&lambda=0&l1=0&std=1&intercept=1",
    },
    Preset {
        name: "Huge λ flattens it",
        claim: "A very strong penalty pushes every coefficient toward zero: the model is nearly a flat line at the mean of the training points (Underfitting).",
        query: "truth=sine&noise=0.3&n=40&seed=3&degree=15&lambda=100&l1=0&std=1&intercept=1",
    },
    Preset {
        name: "Useless features → Lasso",
        claim: "The truth is a cubic (2x³ − x), so most powers of x are useless. Lasso (L1) sets most of the 15 coefficients exactly to zero (feature selection) and the fit stays good. The survivors are not just x and x³: the powers are strongly correlated, so Lasso also keeps some of their neighbours.",
        query: "truth=cubic&noise=0.2&n=60&seed=3&degree=15&lambda=0.003&l1=1&std=1&intercept=1",
    },
    Preset {
        name: "More features than examples: Lasso, elastic net, Ridge",
        claim: "15 correlated features but only 8 training points: no fit here is good, and the verdict says so, but they fail in different ways. Elastic net (L1 ratio 0.7) keeps more features than Lasso would at this λ (try L1 ratio 1): its L2 part lets correlated powers share the weight. Ridge (L1 ratio 0) keeps all 15, and on this sample (seed 3) its curve swings over a million times farther from the truth than elastic net's. With this few points every fit changes from seed to seed: try a few, and on most of them Ridge and elastic net end within a few times of each other, and Lasso sometimes keeps as many features as elastic net.",
        query: "truth=sine&noise=0.2&n=12&seed=3&degree=15&lambda=0.05&l1=0.7&std=1&intercept=1",
    },
    Preset {
        name: "Unscaled features make the penalty unfair",
        claim: "On x in [-1, 1] the high powers vary much less than x, so without standardizing the same λ charges their effect (coefficient × spread) several times more. The coefficient chart shows both fits: unscaled (filled), x⁶ … x¹⁰ carry far less of the fit than with standardized features (outlined), and the model underfits. Standardize and the same λ treats every feature alike.",
        query: "truth=sine&noise=0.3&n=40&seed=3&degree=10&lambda=0.1&l1=0&std=0&intercept=1",
    },
];
