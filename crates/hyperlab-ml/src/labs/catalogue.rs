//! The catalogue of labs: what the site says about each (title, promise, description,
//! concepts), declared once beside each lab's native side (`labs::<lab>::META`) and listed here.
//! The home page, the static page generator (`crates/xtask`) and the registry test over every
//! lab (`tests/registry.rs`) read this list; the header, routes and page titles read only
//! [`LAB_NAMES`], and a lab's page its own entry, so a lab's bundle carries no other lab's texts.

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

/// A lab's slug and title: all the site header, the routes and page titles need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LabName {
    pub slug: &'static str,
    pub title: &'static str,
}

/// Every lab's [`LabName`], in the order of [`LABS`]. Copied out of `LABS` at compile time, so
/// a page that only names the labs does not link `LABS`, and with it every lab's home-page texts
/// (promise, description, concepts: 1.4 KiB of a lab page's gzipped bundle).
pub const LAB_NAMES: [LabName; LABS.len()] = {
    let mut names = [LabName { slug: "", title: "" }; LABS.len()];
    let mut i = 0;
    while i < LABS.len() {
        names[i] = LabName { slug: LABS[i].slug, title: LABS[i].title };
        i += 1;
    }
    names
};

/// The name of the lab at `/<slug>/`, without linking [`LABS`] (see [`LAB_NAMES`]).
pub fn name_of(slug: &str) -> Option<LabName> {
    LAB_NAMES.iter().find(|l| l.slug == slug).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lab_names_follow_the_catalogue() {
        assert_eq!(LAB_NAMES.len(), LABS.len());
        for (name, lab) in LAB_NAMES.iter().zip(LABS) {
            assert_eq!((name.slug, name.title), (lab.slug, lab.title));
            assert_eq!(name_of(lab.slug), Some(*name));
        }
        assert_eq!(name_of("no-such-lab"), None);
    }
}
