//! For claims that depend on the data: a sentence that states what it measured must say the
//! right thing on either side, and the test's states must reach both sides (or a fixed claim
//! either way would have passed them too).

/// States seen on each side of a measured claim.
#[derive(Default)]
pub struct Outcomes {
    holds: usize,
    fails: usize,
}

impl Outcomes {
    /// Records a state: whether the measured condition holds in it, and that its text says so
    /// (`said_holds`/`said_fails`: the text's claim for each side; an empty one is a side the
    /// text says nothing about, so only the other side's claim must be absent).
    pub fn record(&mut self, holds: bool, text: &str, said_holds: &str, said_fails: &str, state: &str) {
        let (said, not_said) = if holds { (said_holds, said_fails) } else { (said_fails, said_holds) };
        assert!(text.contains(said), "{state}: expected “{said}”: {text}");
        assert!(not_said.is_empty() || !text.contains(not_said), "{state}: did not expect “{not_said}”: {text}");
        if holds { self.holds += 1 } else { self.fails += 1 }
    }

    /// Both sides occurred.
    pub fn assert_both(&self, what: &str) {
        assert!(self.holds > 0 && self.fails > 0, "{what}: {} states where it holds, {} where not", self.holds, self.fails);
    }
}
