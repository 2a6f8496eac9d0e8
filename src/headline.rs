//! The headline figures of a place: how many lines, funders, programmes and recipients, and
//! its money by ringfence status as recorded.

use crate::fasthash::{FastSet, SymSet};
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
        let symbols = dataset.strings.len();
        let (mut funders, mut recipients) = (SymSet::new(symbols), SymSet::new(symbols));
        // A programme is its funder and name: most names have one funder, kept per symbol;
        // a name seen with another funder too is counted through a set of pairs.
        let mut programme_funder = vec![u32::MAX; symbols];
        let (mut programmes, mut shared_names) = (0, FastSet::default());
        let mut money = RingfenceSplit::default();
        let mut lines = 0;
        for (_, line) in filter.lines(dataset) {
            lines += 1;
            funders.insert(line.funder);
            recipients.insert(line.recipient);
            money.add(line.ringfence, line.amount);
            if line.programme == StringPool::BLANK {
                continue;
            }
            let first = &mut programme_funder[line.programme.0 as usize];
            if *first == u32::MAX {
                *first = line.funder.0;
                programmes += 1;
            } else if *first != line.funder.0 && shared_names.insert((line.funder, line.programme))
            {
                programmes += 1;
            }
        }
        let blank = StringPool::BLANK;
        Headline {
            lines,
            funders: funders.len() - usize::from(funders.contains(blank)),
            programmes,
            recipients: recipients.len() - usize::from(recipients.contains(blank)),
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

    #[test]
    fn a_programme_name_two_funders_use_is_two_programmes() {
        let dataset = crate::import::dataset_from(
            b"Funder,Programme,Recipient,Amount\n\
              DfT,Capital,A,1\n\
              MoJ,Capital,A,1\n\
              DfT,Capital,B,1\n\
              MoJ,Capital,,1\n\
              DfE,Capital,C,1\n\
              ,Capital,C,1\n\
              DfE,,C,1\n",
        );
        let headline = Headline::of(&dataset, &LineFilter::ALL);
        assert_eq!(
            (headline.funders, headline.programmes, headline.recipients),
            (3, 4, 3)
        );
    }
}
