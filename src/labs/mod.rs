//! One folder per lab. Each lab's view is listed once below, beside the catalogue entry that
//! names it.

pub mod catalogue;
pub mod cross_validation;
pub mod learning_rate;
pub mod regularization;
pub mod training;

use leptos::prelude::*;

/// Where a lab is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabMode {
    /// Its own page, with the site around it.
    Page,
    /// `/embed/<slug>/`: alone, for an iframe.
    Embed,
}

/// The lab's full view.
pub fn lab_view(slug: &str, mode: LabMode) -> Option<AnyView> {
    match slug {
        "learning-rate" => Some(view! { <learning_rate::LearningRateLab mode=mode/> }.into_any()),
        "cross-validation" => Some(view! { <cross_validation::CrossValidationLab mode=mode/> }.into_any()),
        "regularization" => Some(view! { <regularization::RegularizationLab mode=mode/> }.into_any()),
        "training" => Some(view! { <training::TrainingLab mode=mode/> }.into_any()),
        _ => None,
    }
}

/// A small live preview for the home page.
pub fn lab_preview(slug: &str) -> Option<AnyView> {
    match slug {
        "learning-rate" => Some(view! { <learning_rate::Preview/> }.into_any()),
        "cross-validation" => Some(view! { <cross_validation::Preview/> }.into_any()),
        "regularization" => Some(view! { <regularization::Preview/> }.into_any()),
        "training" => Some(view! { <training::Preview/> }.into_any()),
        _ => None,
    }
}
