//! Optimization on a known loss landscape, for the learning-rate lab.
//!
//! - [`surface`]: two-parameter loss surfaces (bowl, narrow valley, two wells) with their exact
//!   gradients and Hessians.
//! - [`descent`]: gradient descent with optional (Nesterov) momentum and gradient noise on them.
//!
//! The network's optimizers (SGD, momentum, RMSprop, Adam on a flat parameter vector with their
//! per-parameter state) live with the network in [`crate::nn::optim`].

pub mod descent;
pub mod surface;
