//! The learning-rate lab's native side: typed settings, the model its views draw, and its challenges.
