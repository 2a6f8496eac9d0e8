//! Reading money: exact pence from what people type, never through floating point.

use super::CellError;
use crate::model::Pence;

/// The unit a column's header says its amounts are in, e.g. "Amount (£m)".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum MoneyUnit {
    #[default]
    Pounds,
    Thousands,
    Millions,
    Billions,
}

impl MoneyUnit {
    /// Reads the unit from a column header such as "Amount (£,000s)" or "Value (£m)".
    pub fn from_header(header: &str) -> MoneyUnit {
        let compact: String = header
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if compact.contains("£bn") || compact.contains("(bn)") || compact.contains("billion") {
            MoneyUnit::Billions
        } else if compact.contains("£m)") || compact.contains("(m)") || compact.contains("million")
        {
            MoneyUnit::Millions
        } else if compact.contains("£,000")
            || compact.contains("£000")
            || compact.contains("£k")
            || compact.contains("(000")
            || compact.contains("thousand")
        {
            MoneyUnit::Thousands
        } else {
            MoneyUnit::Pounds
        }
    }

    fn pence_per_unit(self) -> i128 {
        match self {
            MoneyUnit::Pounds => 100,
            MoneyUnit::Thousands => 100_000,
            MoneyUnit::Millions => 100_000_000,
            MoneyUnit::Billions => 100_000_000_000,
        }
    }
}

/// Parses an amount of money into exact pence.
///
/// Accepts `£1,234.56`, `1234`, `-250000`, `(250,000)` (negative, as accountants write it),
/// `1.2m`, `£3.5bn`, `40k`, and a plain number in the column's `unit`. A suffix in the cell
/// overrides the column's unit.
pub fn parse_money(cell: &str, unit: MoneyUnit) -> Result<Pence, CellError> {
    let original = cell.trim();
    if original.is_empty() {
        return Err(CellError::BlankAmount);
    }
    if let Some(pence) = plain_pounds_and_pence(original, unit) {
        return Ok(pence);
    }
    let not_money = || CellError::NotMoney(original.to_owned());

    // Peel a sign, a currency symbol and accountants' brackets, each at most once, in any order.
    let mut text = original;
    let (mut minus, mut brackets, mut symbol) = (false, false, false);
    loop {
        if !brackets {
            if let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
                brackets = true;
                text = inner.trim();
                continue;
            }
        }
        if !minus {
            if let Some(rest) = text.strip_prefix('-').or_else(|| text.strip_prefix('−')) {
                minus = true;
                text = rest.trim_start();
                continue;
            }
        }
        if !symbol {
            if let Some(rest) = ["£", "GBP", "gbp"]
                .iter()
                .find_map(|s| text.strip_prefix(s))
            {
                symbol = true;
                text = rest.trim_start();
                continue;
            }
        }
        break;
    }
    if minus && brackets {
        // "(-5)" or "-(5)": a clawback written twice, or a double negative? Nobody can tell.
        return Err(CellError::AmbiguousSign(original.to_owned()));
    }
    let negative = minus || brackets;

    let lower = text.to_ascii_lowercase();
    let (number, unit) = if let Some(n) = lower.strip_suffix("bn") {
        (n.trim_end(), MoneyUnit::Billions)
    } else if let Some(n) = lower.strip_suffix('m') {
        (n.trim_end(), MoneyUnit::Millions)
    } else if let Some(n) = lower.strip_suffix('k') {
        (n.trim_end(), MoneyUnit::Thousands)
    } else {
        (lower.as_str(), unit)
    };

    if !thousands_separators_are_regular(number) {
        return Err(not_money());
    }
    let digits: String = number.chars().filter(|&c| c != ',').collect();
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, f),
        None => (digits.as_str(), ""),
    };
    // Only ASCII digits go further, so every slice below falls on a character boundary.
    if !whole.bytes().all(|b| b.is_ascii_digit()) || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err(not_money());
    }
    let rounded_fraction;
    let (whole, fraction) = match float_noise_rounding(whole, fraction, unit) {
        Some((w, f)) => {
            rounded_fraction = (w, f);
            (rounded_fraction.0.as_str(), rounded_fraction.1.as_str())
        }
        None => (whole, fraction),
    };
    if whole.is_empty() && fraction.is_empty() {
        return Err(not_money());
    }
    // Exact decimal arithmetic: value = whole.fraction × pence_per_unit.
    let scale = 10i128
        .checked_pow(u32::try_from(fraction.len()).map_err(|_| not_money())?)
        .ok_or_else(not_money)?;
    let too_large = || CellError::MoneyTooLarge(original.to_owned());
    let whole_value: i128 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| too_large())?
    };
    let fraction_value: i128 = if fraction.is_empty() {
        0
    } else {
        fraction.parse().map_err(|_| too_large())?
    };
    let scaled = whole_value
        .checked_mul(scale)
        .and_then(|v| v.checked_add(fraction_value))
        .and_then(|v| v.checked_mul(unit.pence_per_unit()))
        .ok_or_else(too_large)?;
    if scaled % scale != 0 {
        return Err(CellError::FractionalPence(original.to_owned()));
    }
    let pence = i64::try_from(scaled / scale).map_err(|_| too_large())?;
    Ok(Pence(if negative { -pence } else { pence }))
}

/// The common case without allocating: plain digits with at most two decimal places, in pounds.
fn plain_pounds_and_pence(text: &str, unit: MoneyUnit) -> Option<Pence> {
    if unit != MoneyUnit::Pounds || text.len() > 15 {
        return None;
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty()
        || fraction.len() > 2
        || !whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let pounds: i64 = whole.parse().ok()?;
    let pence: i64 = if fraction.is_empty() {
        0
    } else {
        fraction.parse().ok()?
    };
    let pence = if fraction.len() == 1 {
        pence * 10
    } else {
        pence
    };
    Some(Pence(pounds * 100 + pence))
}

/// Spreadsheets and JSON store money as binary floating point, so a cell that shows £1,234.57
/// can hold 1234.5700000000002. When the digits beyond whole pence are float noise (less than
/// a millionth of a pound from a penny), returns the amount rounded to pence; a typed "1.005" is
/// not noise and is left for the caller to refuse. `whole` and `fraction` are ASCII digits.
fn float_noise_rounding(whole: &str, fraction: &str, unit: MoneyUnit) -> Option<(String, String)> {
    let pence_digits = match unit {
        MoneyUnit::Pounds => 2,
        MoneyUnit::Thousands => 5,
        MoneyUnit::Millions => 8,
        MoneyUnit::Billions => 11,
    };
    if fraction.len() <= pence_digits + 4 {
        return None;
    }
    let excess = &fraction[pence_digits..];
    let noise_digits = 4 + pence_digits - 2;
    if excess.bytes().take(noise_digits).all(|b| b == b'0') {
        return Some((whole.to_owned(), fraction[..pence_digits].to_owned()));
    }
    if excess.bytes().take(noise_digits).all(|b| b == b'9') {
        // Round up: add one unit in the last kept place, carrying into the whole part.
        let mut kept: Vec<u8> = format!("{whole}{}", &fraction[..pence_digits]).into_bytes();
        let mut index = kept.len();
        loop {
            if index == 0 {
                kept.insert(0, b'1');
                break;
            }
            index -= 1;
            if kept[index] == b'9' {
                kept[index] = b'0';
            } else {
                kept[index] += 1;
                break;
            }
        }
        let split = kept.len() - pence_digits;
        let text = String::from_utf8(kept).ok()?;
        return Some((text.get(..split)?.to_owned(), text.get(split..)?.to_owned()));
    }
    None
}

/// Commas may only separate groups of three digits before any decimal point ("1,234,567.8"),
/// so a European decimal comma ("1,5") is refused rather than misread as fifteen.
fn thousands_separators_are_regular(number: &str) -> bool {
    let whole = number.split('.').next().unwrap_or("");
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or("");
    if !whole.contains(',') {
        return !number.split('.').skip(1).any(|f| f.contains(','));
    }
    (1..=3).contains(&first.len())
        && groups.all(|g| g.len() == 3)
        && !number.split('.').skip(1).any(|f| f.contains(','))
}
