//! Size bands of money, by powers of ten (a log scale): the streams-by-size chart, the map's
//! "Size" grouping and the small-stream measure all use them.

use crate::model::Pence;

/// Streams below this size count as small (the PfPP study's £100k).
pub const SMALL_STREAM: Pence = Pence::from_pounds(100_000);

/// Size bands with each band's exclusive upper bound in pence. Nil and negative amounts
/// (clawbacks) have a band of their own. [`SMALL_STREAM`] (£100k) is a band boundary: the first
/// [`SMALL_BANDS`] bands are the small ones.
pub const SIZE_BANDS: [(&str, i64); 8] = [
    ("£0 or less", 1),
    ("Under £1k", 100_000),
    ("£1k to £10k", 1_000_000),
    ("£10k to £100k", 10_000_000),
    ("£100k to £1m", 100_000_000),
    ("£1m to £10m", 1_000_000_000),
    ("£10m to £100m", 10_000_000_000),
    ("£100m and over", i64::MAX),
];

/// How many of [`SIZE_BANDS`] lie under £100k.
pub const SMALL_BANDS: usize = 4;

/// The index in [`SIZE_BANDS`] of an amount's band.
pub fn size_band(amount: Pence) -> usize {
    SIZE_BANDS
        .iter()
        .position(|&(_, below)| amount.0 < below)
        .unwrap_or(SIZE_BANDS.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_split_at_powers_of_ten_and_at_one_hundred_thousand_pounds() {
        assert_eq!(size_band(Pence(0)), 0);
        assert_eq!(size_band(Pence(-1)), 0);
        assert_eq!(size_band(Pence::from_pounds(99_999)), SMALL_BANDS - 1);
        assert_eq!(size_band(SMALL_STREAM), SMALL_BANDS);
        assert_eq!(size_band(Pence::from_pounds(5_000_000_000)), 7);
    }
}
