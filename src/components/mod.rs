//! Widgets shared by every lab.

pub mod challenges;
pub mod controls;
pub mod deferred;
pub mod lab_shell;
pub mod lab_view;
pub mod presets;
pub mod notice;
pub mod share;
pub mod transport;
