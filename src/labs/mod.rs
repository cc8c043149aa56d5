//! One folder per lab. Each lab's view is listed once below, beside the catalogue entry that
//! names it.

pub mod catalogue;

use leptos::prelude::*;

/// Where a lab is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabMode {
    /// Its own page, with the site around it.
    Page,
    /// `/embed/<slug>/`: alone, for an iframe.
    Embed,
}

/// Each lab once: its slug (which is also its cargo feature), its module and its view. A build
/// includes only the labs whose features are on (each release page includes only its own).
macro_rules! labs {
    ($($slug:literal => $module:ident :: $view:ident),* $(,)?) => {
        $(
            #[cfg(feature = $slug)]
            pub mod $module;
        )*

        /// The lab's full view, if this build includes the lab.
        pub fn lab_view(slug: &str, mode: LabMode) -> Option<AnyView> {
            // Read by the lab's `UrlParams` (what an embed shows) before the lab builds its views.
            provide_context(crate::url_state::LabContext { mode, meta: catalogue::find(slug)? });
            match slug {
                $(
                    #[cfg(feature = $slug)]
                    $slug => Some(view! { <$module::$view mode=mode/> }.into_any()),
                )*
                _ => None,
            }
        }
    };
}

labs! {
    "learning-rate" => learning_rate::LearningRateLab,
    "regularization" => regularization::RegularizationLab,
    "training" => training::TrainingLab,
    "cross-validation" => cross_validation::CrossValidationLab,
    "search" => search::SearchLab,
    "trees" => trees::TreesLab,
    "budgets" => budgets::BudgetsLab,
}
