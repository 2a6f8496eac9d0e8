//! Pots apply across years: a pot holds a programme's lines in every year. So when one year
//! is shown, a move carries the same streams' lines in the place's other years too.

use crate::fasthash::FastSet;
use crate::measures::stream_today;
use crate::model::{Dataset, Sym};
use crate::view::LineFilter;

use super::{PotId, Scenario};

/// The lines a move of `lines` carries in the view of `filter`: with no year picked, exactly
/// `lines`; with one, also every line of the same streams (a funder's programme, as the
/// measures define it), in the same place and now in the same pot, in every other year.
pub fn lines_across_years(
    dataset: &Dataset,
    scenario: &Scenario,
    filter: &LineFilter,
    lines: &[u32],
) -> Vec<u32> {
    let every_year = filter.every_year();
    if every_year == *filter {
        return lines.to_vec();
    }
    let key = |index: usize| {
        dataset.lines.get(index).map(|line| {
            let (funder, named, alone) = stream_today(line, index);
            (funder, named, alone, scenario.pot_of(index))
        })
    };
    let streams: FastSet<(Sym, Sym, u32, Option<PotId>)> =
        lines.iter().filter_map(|&l| key(l as usize)).collect();
    let chosen: FastSet<u32> = lines.iter().copied().collect();
    every_year
        .lines(dataset)
        .filter(|&(index, _)| {
            chosen.contains(&(index as u32))
                || key(index).is_some_and(|k| k.2 == 0 && streams.contains(&k))
        })
        .map(|(index, _)| index as u32)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FinancialYear;
    use crate::view::{PlaceChoice, View, YearChoice};

    #[test]
    fn a_move_in_one_year_carries_the_streams_lines_in_every_year_of_the_place() {
        let dataset = crate::import::dataset_from(
            b"Funder,Programme,Recipient,Amount,Financial Year\n\
              DfT,Buses,Durham County Council,1,2015-16\n\
              DfT,Buses,Durham County Council,1,2016-17\n\
              DfT,Buses,Trafford Council,1,2016-17\n\
              DfT,Roads,Durham County Council,1,2016-17\n\
              DfT,Buses,Durham County Council,1,2017-18\n\
              ,,Durham County Council,1,2015-16\n",
        );
        let scenario = Scenario::new(dataset.lines.len());
        let view = View::of(
            PlaceChoice::Area("E06000047".into()),
            YearChoice::Year(FinancialYear(2016)),
        );
        // Moving Durham's 2016-17 Buses line carries its 2015-16 and 2017-18 lines, not
        // Trafford's, not Roads.
        assert_eq!(
            lines_across_years(&dataset, &scenario, &view.filter(&dataset), &[1]),
            [0, 1, 4]
        );
        // With every year shown, a move is exactly what was chosen.
        let all_years = View {
            year: YearChoice::All,
            ..view
        };
        assert_eq!(
            lines_across_years(&dataset, &scenario, &all_years.filter(&dataset), &[1]),
            [1]
        );
        // A line that is a stream of its own carries nothing more.
        let view_2015 = View {
            year: YearChoice::Year(FinancialYear(2015)),
            ..all_years
        };
        assert_eq!(
            lines_across_years(&dataset, &scenario, &view_2015.filter(&dataset), &[5]),
            [5]
        );
    }
}
