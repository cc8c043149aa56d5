//! Guided challenges live in the native core (`hyperlab_ml::labs`) so their checks and lessons
//! are tested natively; the app re-exports them.

pub use hyperlab_ml::labs::{valid_id, Challenge, ChallengeInfo, Seeded};
