//! The catalogue of labs: what the site says about each (title, promise, description,
//! concepts), declared once beside each lab's native side (`labs::<lab>::META`) and listed here.
//! The home page, the header, page titles, the static page generator (`crates/xtask`) and the
//! registry test over every lab (`tests/registry.rs`) all read this list. Pure data, so listing
//! every lab costs a page's bundle nothing but these strings.

use super::{budgets, cross_validation, learning_rate, regularization, search, training, trees};

pub struct LabMeta {
    /// URL segment: `/<slug>/` and `/embed/<slug>/`.
    pub slug: &'static str,
    pub title: &'static str,
    /// One line on the home page.
    pub promise: &'static str,
    /// The page's `<meta name="description">`.
    pub description: &'static str,
    /// Curriculum concepts it teaches.
    pub concepts: &'static [&'static str],
    /// The views an embed can show, the primary one first (the view a default embed shows).
    pub views: &'static [ViewMeta],
    /// The knobs a default embed shows under its view (schema keys; the registry test checks them).
    pub key_controls: &'static [&'static str],
}

/// One view of a lab, as the Embed dialog offers it (`views=<id>`).
pub struct ViewMeta {
    pub id: &'static str,
    pub label: &'static str,
}

pub const fn view(id: &'static str, label: &'static str) -> ViewMeta {
    ViewMeta { id, label }
}

pub const SITE_NAME: &str = "Hyperlab";
pub const SITE_DESCRIPTION: &str = "Learn hyperparameter tuning by turning the knobs on real models that train live in your browser.";

/// Every lab, in the order the site lists them.
pub const LABS: &[LabMeta] = &[learning_rate::META, regularization::META, training::META, cross_validation::META, search::META, trees::META, budgets::META];

/// The exam-prep hub: a page like a lab's (`/practice/`, `/embed/practice/`), not a lab.
pub const PRACTICE: LabMeta = LabMeta {
    slug: "practice",
    title: "Exam practice",
    promise: "Certification-style questions whose answers the live labs prove, with timed exams, review and progress.",
    description: "Practice for AWS MLA-C01 and MLS-C01 hyperparameter-tuning questions: multiple choice, multiple response, ordering and matching, every option explained, each answer proved live in a lab; timed exams, spaced review and mastery by concept.",
    concepts: &[],
    views: &[],
    key_controls: &[],
};

pub fn find(slug: &str) -> Option<&'static LabMeta> {
    LABS.iter().find(|l| l.slug == slug)
}
