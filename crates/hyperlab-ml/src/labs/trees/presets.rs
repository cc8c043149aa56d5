//! One-click states that each make a claim of the curriculum visible. Every claim has a lesson
//! test over seeds in `tests/lessons_trees.rs`.

pub use crate::labs::Preset;

pub const PRESETS: [Preset; 6] = [
    Preset {
        name: "A stump underfits",
        claim: "A stump asks one question, and no single straight cut separates a disc from the ring around it: training error stays above 25 %, validation error is far above what deeper trees reach, and the verdict is Underfitting.",
        query: "data=circles&noise=0.1&size=300&val=0.4&seed=1&model=tree&depth=1",
    },
    Preset {
        name: "A fully grown tree memorizes noise",
        claim: "With no depth limit the tree keeps splitting until every leaf is pure: training error 0 %, while validation error is more than 2 points above the best depth's (Overfitting). The map shows small islands around single noisy points.",
        query: "data=moons&noise=0.3&size=300&val=0.4&seed=1&model=tree&depth=none",
    },
    Preset {
        name: "More trees average away variance, then plateau",
        claim: "The number-of-trees chart starts at one deep tree, whose validation error is at least 2 points higher than the forest's after 100 trees; from 100 to 300 trees the validation error stays within a 3-point band: more trees stop helping, they do not overfit.",
        query: "data=moons&noise=0.25&size=600&val=0.5&seed=1&model=forest&depth=none&trees=300",
    },
    Preset {
        name: "A small learning rate needs more trees",
        claim: "On the learning-rate chart, rate 0.05 reaches its lowest validation loss only after at least three times as many trees as rate 0.5, and by the 300th tree rate 0.5 has climbed back above rate 0.05's loss.",
        query: "data=moons&noise=0.2&size=400&val=0.4&seed=1&model=boost&depth=2&trees=300&lr=0.05",
    },
    Preset {
        name: "Out-of-bag error estimates validation error",
        claim: "Each training point is judged only by the trees whose bootstrap sample left it out (about a third of them): this out-of-bag error ends within 5 percentage points of the validation error, without holding out a single point. It is an estimate from other points, not a copy: here it can come out a few points above or below the validation error, and a vote of a third of the forest is a little weaker than the whole forest's.",
        query: "data=moons&noise=0.15&size=600&val=0.5&seed=1&model=forest&depth=none&trees=200",
    },
    Preset {
        name: "A deep tree is unstable; a forest is not",
        claim: "Four fully grown trees, each on a bootstrap resample of the same points, disagree on more than 10 % of the map. Switch the model to a random forest: the four forests disagree on a smaller share, because each one averages away its trees' quirks, but not on none of it: a forest still depends on the points it is given.",
        query: "data=moons&noise=0.25&size=300&val=0.4&seed=1&model=tree&depth=none",
    },
];
