//! The data the labs learn from, all generated from a seed so a shared link reproduces it.
//!
//! - [`curve`]: noisy samples of a known 1-D function (sine, cubic, step) and their seeded
//!   train/validation split (regularization, cross-validation and search labs).
//! - [`toy2d`]: the 2-D toy sets (circles, XOR, Gaussians, spirals, moons, sine) the network and
//!   tree labs classify.
//! - [`poly`]: polynomial features of a 1-D input and the standardizer that puts them on one scale.

pub mod curve;
pub mod poly;
pub mod toy2d;
