//! Numbers as people read them in a board paper: £ with separators, £k/£m/£bn, percentages.

use crate::model::Pence;

/// Digits with thousands separators: 1278 → "1,278".
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// An exact amount: "£3,920,986,733", or "£1,234.56" when there are pence; negatives "−£250,000".
pub fn gbp(amount: Pence) -> String {
    let sign = if amount.0 < 0 { "−" } else { "" };
    let pence = amount.0.unsigned_abs();
    let pounds = count(pence / 100);
    match pence % 100 {
        0 => format!("{sign}£{pounds}"),
        p => format!("{sign}£{pounds}.{p:02}"),
    }
}

/// A short amount for axes and tight spaces: "£950", "£12k", "£3.5m", "£3.92bn".
pub fn gbp_short(pounds: f64) -> String {
    let sign = if pounds < 0.0 { "−" } else { "" };
    let value = pounds.abs();
    let (scaled, suffix) = if value >= 1e9 {
        (value / 1e9, "bn")
    } else if value >= 1e6 {
        (value / 1e6, "m")
    } else if value >= 1e3 {
        (value / 1e3, "k")
    } else {
        (value, "")
    };
    let text = if scaled >= 100.0 || scaled == scaled.trunc() {
        format!("{scaled:.0}")
    } else if scaled >= 10.0 {
        format!("{scaled:.1}")
    } else {
        format!("{scaled:.2}")
    };
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    };
    format!("{sign}£{text}{suffix}")
}

/// A share as a percentage with one decimal place: 0.7012 → "70.1%".
pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// What a figure reads when there is nothing to show (no money, no streams).
pub const NONE: &str = "—";

/// A count with its noun, singular or plural: "1 line", "1,278 lines", "0 pots".
pub fn counted(n: u64, singular: &str, plural: &str) -> String {
    format!("{} {}", count(n), if n == 1 { singular } else { plural })
}

/// A share as a percentage, or `missing` when it cannot be worked out.
pub fn percent_or(share: Option<f64>, missing: &str) -> String {
    share.map_or_else(|| missing.to_owned(), percent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_counts_and_money() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1278), "1,278");
        assert_eq!(count(3_920_986_733), "3,920,986,733");
        assert_eq!(gbp(Pence(392_098_673_300)), "£3,920,986,733");
        assert_eq!(gbp(Pence(123_456)), "£1,234.56");
        assert_eq!(gbp(Pence(-25_000_000)), "−£250,000");
        assert_eq!(gbp(Pence(5)), "£0.05");
    }

    #[test]
    fn formats_short_amounts_for_axes() {
        assert_eq!(gbp_short(0.0), "£0");
        assert_eq!(gbp_short(950.0), "£950");
        assert_eq!(gbp_short(12_000.0), "£12k");
        assert_eq!(gbp_short(3_500_000.0), "£3.5m");
        assert_eq!(gbp_short(3_920_986_733.0), "£3.92bn");
        assert_eq!(gbp_short(250_000_000.0), "£250m");
        assert_eq!(gbp_short(-40_000.0), "−£40k");
        assert_eq!(percent(0.70123), "70.1%");
        assert_eq!(percent_or(None, NONE), "—");
    }

    #[test]
    fn nouns_agree_with_their_counts() {
        assert_eq!(counted(1, "line", "lines"), "1 line");
        assert_eq!(counted(0, "line", "lines"), "0 lines");
        assert_eq!(
            counted(1_278, "recipient", "recipients"),
            "1,278 recipients"
        );
    }
}
