//! What fragmentation costs a place to run: the person's cost assumptions and the estimate of
//! bidding and reporting they give (the measure "Estimated bidding and reporting cost").

use serde::{Deserialize, Serialize};

use crate::measures::Measures;
use crate::model::Pence;

/// The cost of one competitive bid grantpool starts from: the middle of the £20,000 to £30,000
/// per bid that councils reported ([`BID_COST_SOURCE`]).
pub const DEFAULT_BID_COST: Pence = Pence::from_pounds(25_000);

/// Where the default bid cost comes from, as the page cites it.
pub const BID_COST_SOURCE: &str = "Localis for the Local Government Association, “To bid or not to bid: calculating the costs of competitive funding processes”: average costs of about £20,000 to £30,000 per bid.";

/// The person's cost assumptions, saved with the work. The reporting cost has no default: the
/// measure is "not estimated" until the person gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostAssumptions {
    /// The cost of preparing one competitive bid.
    pub per_bid: Pence,
    /// The cost of reporting on one stream for one year.
    pub reporting_per_stream_year: Option<Pence>,
}

impl Default for CostAssumptions {
    fn default() -> CostAssumptions {
        CostAssumptions {
            per_bid: DEFAULT_BID_COST,
            reporting_per_stream_year: None,
        }
    }
}

impl CostAssumptions {
    /// Competed streams × the bid cost + stream-years × the reporting cost, from `measures`
    /// (today or with the pots); `None` until the reporting cost is given.
    pub fn estimate(&self, measures: &Measures) -> Option<Pence> {
        let reporting = self.reporting_per_stream_year?;
        let bids = self
            .per_bid
            .0
            .checked_mul(measures.competed_streams as i64)?;
        let reports = reporting.0.checked_mul(measures.stream_years as i64)?;
        bids.checked_add(reports).map(Pence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::measure;
    use crate::scenario::{test_support::editor_with_pot, PotPolicy};
    use crate::view::LineFilter;

    #[test]
    fn the_estimate_counts_competed_streams_and_stream_years_and_waits_for_a_reporting_cost() {
        let dataset = crate::import::dataset_from(
            b"Funder,Programme,Amount,Allocation Method,Financial Year\n\
              DfT,Buses,100,Competed,2016-17\n\
              DfT,Buses,100,Competed,2017-18\n\
              MoJ,Youth,50,Competed,2016-17\n\
              DfE,Schools,25,Formula,\n",
        );
        let today = measure(&dataset, None, &LineFilter::ALL);
        assert_eq!((today.competed_streams, today.stream_years), (2, 4));
        let mut costs = CostAssumptions::default();
        assert_eq!(
            costs.estimate(&today),
            None,
            "not estimated without a reporting cost"
        );
        costs.reporting_per_stream_year = Some(Pence::from_pounds(1_000));
        assert_eq!(
            costs.estimate(&today),
            Some(Pence::from_pounds(2 * 25_000 + 4 * 1_000))
        );
        // One pot lifting the ringfence over Buses and Youth: one stream, settled, not competed.
        let pots = editor_with_pot(4, "P", PotPolicy::LiftRingfence, &[0, 1, 2]);
        let with_pots = measure(&dataset, Some(&pots.scenario), &LineFilter::ALL);
        assert_eq!((with_pots.competed_streams, with_pots.stream_years), (0, 3));
        assert_eq!(
            costs.estimate(&with_pots),
            Some(Pence::from_pounds(3 * 1_000))
        );
    }
}
