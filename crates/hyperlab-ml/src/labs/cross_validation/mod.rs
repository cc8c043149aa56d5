//! The cross-validation lab's native side: typed settings, the model its views draw, and its challenges.
