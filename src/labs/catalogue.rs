//! The catalogue of labs lives in the native core beside each lab (`hyperlab_ml::labs::catalogue`).

pub use hyperlab_ml::labs::catalogue::*;
