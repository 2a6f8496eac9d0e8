//! The headline figures of a place: how many lines, funders, programmes and recipients, and
//! its money by ringfence status as recorded.

use crate::fasthash::FastSet;
use crate::model::{Dataset, StringPool};
use crate::money::RingfenceSplit;
use crate::view::LineFilter;

/// The figures shown at the top of the page and of the board pack.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Headline {
    pub lines: usize,
    pub funders: usize,
    pub programmes: usize,
    pub recipients: usize,
    pub money: RingfenceSplit,
}

impl Headline {
    /// Counts distinct non-blank funders, programmes and recipients among the lines `filter`
    /// keeps, and sums their money by status.
    pub fn of(dataset: &Dataset, filter: &LineFilter) -> Headline {
        let mut funders = FastSet::default();
        let mut programmes = FastSet::default();
        let mut recipients = FastSet::default();
        let mut money = RingfenceSplit::default();
        let mut lines = 0;
        for (_, line) in filter.lines(dataset) {
            lines += 1;
            funders.insert(line.funder);
            programmes.insert((line.funder, line.programme));
            recipients.insert(line.recipient);
            money.add(line.ringfence, line.amount);
        }
        let blank = StringPool::BLANK;
        Headline {
            lines,
            funders: funders.iter().filter(|&&s| s != blank).count(),
            programmes: programmes.iter().filter(|&&(_, p)| p != blank).count(),
            recipients: recipients.iter().filter(|&&s| s != blank).count(),
            money,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Pence, Ringfence};

    #[test]
    fn headline_counts_distinct_names_and_splits_money() {
        let headline = Headline::of(&crate::import::six_line_place(), &LineFilter::ALL);
        assert_eq!(headline.lines, 6);
        assert_eq!(headline.funders, 3);
        assert_eq!(headline.programmes, 5);
        assert_eq!(headline.recipients, 4);
        assert_eq!(headline.money.ringfenced, Pence(17_000));
        assert_eq!(headline.money.flexible, Pence(20_500));
        assert_eq!(headline.money.not_recorded, Pence(3_000));
        assert_eq!(headline.money.total(), Pence(40_500));
        let share = headline.money.share(Ringfence::Ringfenced).unwrap();
        assert!((share - 170.0 / 405.0).abs() < 1e-12);
    }
}
