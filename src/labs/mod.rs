//! One folder per lab. Each lab's view is listed once below, beside the catalogue entry that
//! names it.

#[cfg(feature = "budgets")]
pub mod budgets;
pub mod catalogue;
#[cfg(feature = "cross-validation")]
pub mod cross_validation;
#[cfg(feature = "learning-rate")]
pub mod learning_rate;
#[cfg(feature = "regularization")]
pub mod regularization;
#[cfg(feature = "search")]
pub mod search;
#[cfg(feature = "training")]
pub mod training;
#[cfg(feature = "trees")]
pub mod trees;

use leptos::prelude::*;

/// Where a lab is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabMode {
    /// Its own page, with the site around it.
    Page,
    /// `/embed/<slug>/`: alone, for an iframe.
    Embed,
}

/// The lab's full view, if this build includes the lab (each release page includes only its own).
pub fn lab_view(slug: &str, mode: LabMode) -> Option<AnyView> {
    // Each lab's own catalogue entry, not a search of the whole catalogue: that would link every
    // lab's home-page texts into this lab's bundle.
    let found: Option<(&'static catalogue::LabMeta, fn(LabMode) -> AnyView)> = match slug {
        #[cfg(feature = "learning-rate")]
        "learning-rate" => Some((&hyperlab_ml::labs::learning_rate::META, |mode| view! { <learning_rate::LearningRateLab mode=mode/> }.into_any())),
        #[cfg(feature = "regularization")]
        "regularization" => Some((&hyperlab_ml::labs::regularization::META, |mode| view! { <regularization::RegularizationLab mode=mode/> }.into_any())),
        #[cfg(feature = "training")]
        "training" => Some((&hyperlab_ml::labs::training::META, |mode| view! { <training::TrainingLab mode=mode/> }.into_any())),
        #[cfg(feature = "cross-validation")]
        "cross-validation" => Some((&hyperlab_ml::labs::cross_validation::META, |mode| view! { <cross_validation::CrossValidationLab mode=mode/> }.into_any())),
        #[cfg(feature = "search")]
        "search" => Some((&hyperlab_ml::labs::search::META, |mode| view! { <search::SearchLab mode=mode/> }.into_any())),
        #[cfg(feature = "trees")]
        "trees" => Some((&hyperlab_ml::labs::trees::META, |mode| view! { <trees::TreesLab mode=mode/> }.into_any())),
        #[cfg(feature = "budgets")]
        "budgets" => Some((&hyperlab_ml::labs::budgets::META, |mode| view! { <budgets::BudgetsLab mode=mode/> }.into_any())),
        _ => None,
    };
    let (meta, lab) = found?;
    // Read by the lab's `UrlParams` (what an embed shows) before the lab builds its views.
    provide_context(crate::url_state::LabContext { mode, meta });
    Some(lab(mode))
}
