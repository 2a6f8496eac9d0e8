//! Money split by ringfence status: the value every figure of the place adds up.

use crate::model::{Pence, Ringfence};

/// Money split by ringfence status, in the order of [`Ringfence::ALL`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RingfenceSplit {
    pub ringfenced: Pence,
    pub flexible: Pence,
    pub not_recorded: Pence,
}

impl std::ops::AddAssign for RingfenceSplit {
    fn add_assign(&mut self, other: RingfenceSplit) {
        self.ringfenced += other.ringfenced;
        self.flexible += other.flexible;
        self.not_recorded += other.not_recorded;
    }
}

impl RingfenceSplit {
    /// Adds one line's amount under its status.
    pub fn add(&mut self, status: Ringfence, amount: Pence) {
        match status {
            Ringfence::Ringfenced => self.ringfenced += amount,
            Ringfence::Flexible => self.flexible += amount,
            Ringfence::NotRecorded => self.not_recorded += amount,
        }
    }

    /// The amount under one status.
    pub fn get(&self, status: Ringfence) -> Pence {
        match status {
            Ringfence::Ringfenced => self.ringfenced,
            Ringfence::Flexible => self.flexible,
            Ringfence::NotRecorded => self.not_recorded,
        }
    }

    /// All money, whatever its status.
    pub fn total(&self) -> Pence {
        self.ringfenced + self.flexible + self.not_recorded
    }

    /// The share of the money under `status`; `None` when there is none. Clawbacks (negative
    /// lines) reduce their status's money, and a status whose net money is negative counts as
    /// zero, so shares stay between 0 and 1 and add up to 1.
    pub fn share(&self, status: Ringfence) -> Option<f64> {
        let positive = |s: Ringfence| self.get(s).0.max(0);
        let total: i64 = Ringfence::ALL.iter().map(|&s| positive(s)).sum();
        (total != 0).then(|| positive(status) as f64 / total as f64)
    }

    /// True when none of the money has a recorded status (the files say nothing about
    /// ringfencing), so a ringfenced or flexible share would be a guess.
    pub fn nothing_recorded(&self) -> bool {
        self.ringfenced.0 == 0 && self.flexible.0 == 0
    }

    /// The share of money under `status` as people read it: a percentage; "Not recorded" for
    /// a ringfenced or flexible share when no money has a recorded status (never "0.0%", which
    /// would say the money is all of the other kind); "—" when there is no money.
    pub fn share_text(&self, status: Ringfence) -> String {
        if status != Ringfence::NotRecorded && self.nothing_recorded() && self.total().0 != 0 {
            return NOT_RECORDED.to_owned();
        }
        self.share(status)
            .map(crate::format::percent)
            .unwrap_or_else(|| crate::format::NONE.to_owned())
    }
}

/// How a ringfence share reads when the files do not record it.
pub const NOT_RECORDED: &str = "Not recorded";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clawbacks_never_push_a_share_below_zero_or_above_one() {
        let split = RingfenceSplit {
            ringfenced: Pence(59_750),
            flexible: Pence(-2_000),
            not_recorded: Pence(0),
        };
        assert_eq!(split.share(Ringfence::Ringfenced), Some(1.0));
        assert_eq!(split.share(Ringfence::Flexible), Some(0.0));
        assert_eq!(RingfenceSplit::default().share(Ringfence::Flexible), None);
    }

    #[test]
    fn unrecorded_money_reads_as_not_recorded_never_as_zero() {
        let unrecorded = RingfenceSplit {
            not_recorded: Pence(500),
            ..RingfenceSplit::default()
        };
        assert_eq!(unrecorded.share_text(Ringfence::Ringfenced), "Not recorded");
        assert_eq!(unrecorded.share_text(Ringfence::Flexible), "Not recorded");
        assert_eq!(unrecorded.share_text(Ringfence::NotRecorded), "100.0%");
        let mixed = RingfenceSplit {
            ringfenced: Pence(100),
            not_recorded: Pence(300),
            ..RingfenceSplit::default()
        };
        assert_eq!(mixed.share_text(Ringfence::Ringfenced), "25.0%");
        assert_eq!(mixed.share_text(Ringfence::Flexible), "0.0%");
        assert_eq!(
            RingfenceSplit::default().share_text(Ringfence::Ringfenced),
            "—"
        );
    }
}
