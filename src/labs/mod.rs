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

/// Each lab once: its slug (which is also its cargo feature), its module (the same name in the
/// app and in the core) and its view. A build includes only the labs whose features are on (each
/// release page includes only its own).
macro_rules! labs {
    ($($slug:literal => $module:ident :: $view:ident),* $(,)?) => {
        $(
            #[cfg(feature = $slug)]
            pub mod $module;
        )*

        /// The lab's full view, if this build includes the lab.
        pub fn lab_view(slug: &str, mode: LabMode) -> Option<AnyView> {
            // Each lab's own catalogue entry, not a search of the whole catalogue: that would link
            // every lab's home-page texts into this lab's bundle.
            let found: Option<(&'static catalogue::LabMeta, fn(LabMode) -> AnyView)> = match slug {
                $(
                    #[cfg(feature = $slug)]
                    $slug => Some((&hyperlab_ml::labs::$module::META, |mode| view! { <$module::$view mode=mode/> }.into_any())),
                )*
                _ => None,
            };
            let (meta, lab) = found?;
            // Read by the lab's `UrlParams` (what an embed shows) before the lab builds its views.
            provide_context(crate::url_state::LabContext { mode, meta });
            Some(lab(mode))
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
