//! Guided challenges: one type for every lab, so an exam-prep hub can list, track and export
//! them all. A challenge is checked against the lab's live state, never against a canned answer.

/// What a hub needs to list a challenge, independent of the lab's state type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChallengeInfo {
    /// Unique across labs; `[a-z0-9-]`. Stored in progress, so never rename one.
    pub id: &'static str,
    /// The lab's slug.
    pub lab: &'static str,
    pub title: &'static str,
    pub prompt: &'static str,
    pub hint: &'static str,
    /// Why it works: shown once the challenge is done.
    pub explanation: &'static str,
    /// A query string that sets up a good starting point (empty: none).
    pub setup: &'static str,
}

/// A challenge with its check on a lab's live state `S`.
pub struct Challenge<S: 'static> {
    pub info: ChallengeInfo,
    pub check: fn(&S) -> bool,
}

impl<S> Challenge<S> {
    pub fn is_met(&self, state: &S) -> bool {
        (self.check)(state)
    }
}

/// Whether a string is a valid challenge id.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}
