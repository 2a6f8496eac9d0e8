//! Which column of a file holds which field, detected from the header row.

use serde::{Deserialize, Serialize};

/// The fields grantpool reads from a grant file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    Identifier,
    Title,
    Amount,
    Currency,
    AwardDate,
    EndDate,
    Recipient,
    RecipientId,
    Funder,
    FunderId,
    Programme,
    Service,
    Ringfenced,
    Allocation,
    FinancialYear,
    Location,
    PlaceCode,
    StartDate,
}

impl Field {
    /// Every field, in the order the mapping screen lists them.
    pub const ALL: [Field; 18] = [
        Field::Identifier,
        Field::Title,
        Field::Amount,
        Field::Currency,
        Field::AwardDate,
        Field::EndDate,
        Field::Recipient,
        Field::RecipientId,
        Field::Funder,
        Field::FunderId,
        Field::Programme,
        Field::Service,
        Field::Ringfenced,
        Field::Allocation,
        Field::FinancialYear,
        Field::Location,
        Field::PlaceCode,
        Field::StartDate,
    ];

    /// Header titles that mean this field, most specific first: the 360Giving standard's
    /// titles, then common synonyms from finance systems and government registers.
    /// Compared after [`normalise`].
    fn titles(self) -> &'static [&'static str] {
        match self {
            Field::Identifier => &[
                "Identifier",
                "Grant ID",
                "Grant Reference",
                "Reference",
                "ID",
            ],
            Field::Title => &[
                "Title",
                "Grant Title",
                "Grants Description",
                "Description of grant",
            ],
            Field::Amount => &[
                "Amount Awarded",
                "Amount",
                "Value",
                "Value per year",
                "Allocation",
                "Allocation (£)",
                "Grant Amount",
                "Award Amount",
                "Total",
            ],
            Field::Currency => &["Currency"],
            Field::AwardDate => &["Award Date", "Date Awarded", "Date"],
            Field::EndDate => &["Planned Dates:End Date", "End Date"],
            Field::Recipient => &[
                "Recipient Org:Name",
                "Recipient",
                "Recipient Name",
                "Organisation",
                "Organization",
                "Organisation Name",
                "Local Authority",
                "Authority",
            ],
            Field::RecipientId => &[
                "Recipient Org:Identifier",
                "Recipient ID",
                "Organisation ID",
            ],
            Field::Funder => &[
                "Funding Org:Name",
                "Funder",
                "Funding Organisation",
                "Department",
                "Government Department",
                "Funding Org:Department",
            ],
            Field::FunderId => &["Funding Org:Identifier", "Funder ID"],
            Field::Programme => &[
                "Grant Programme:Title",
                "Programme",
                "Grant Programme",
                "Scheme",
                "Scheme Name",
                "Grant Name",
                "Grant",
            ],
            Field::Service => &[
                "Classifications:Title",
                "Service",
                "Theme",
                "Service Area",
                "COFOG L0 Long Name",
                "Sector type (from COFOG level 0 code)",
            ],
            Field::Ringfenced => &[
                "Ringfenced",
                "Ring-fenced",
                "Ring-fenced?",
                "Ringfenced?",
                "Ring fenced",
                "Conditions",
            ],
            Field::Allocation => &["Allocation Method", "Allocation Basis", "Grant Category"],
            Field::FinancialYear => &["Financial Year", "Year", "FY"],
            Field::Location => &[
                "Beneficiary Location:Name",
                "Recipient District",
                "Beneficiary Location",
                "Location",
                "Area",
            ],
            Field::PlaceCode => &[
                "Recipient District Geographic Code",
                "Beneficiary Location:Geographic Code",
                "Place code",
                "GSS code",
                "ONS code",
                "Geographic Code",
                "Local Authority Code",
            ],
            Field::StartDate => &["Planned Dates:Start Date", "Start Date"],
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Field::Identifier => "Identifier",
            Field::Title => "Title",
            Field::Amount => "Amount",
            Field::Currency => "Currency",
            Field::AwardDate => "Award date",
            Field::EndDate => "End date",
            Field::Recipient => "Recipient",
            Field::RecipientId => "Recipient identifier",
            Field::Funder => "Funder",
            Field::FunderId => "Funder identifier",
            Field::Programme => "Programme",
            Field::Service => "Service / theme",
            Field::Ringfenced => "Ringfenced",
            Field::Allocation => "Allocation method",
            Field::FinancialYear => "Financial year",
            Field::Location => "Location",
            Field::PlaceCode => "Place code",
            Field::StartDate => "Planned start date",
        }
    }
}

/// Lower-case letters and digits only, so "Grant Programme: Title" matches "Grant Programme:Title"
/// and "Ring-fenced?" matches "Ringfenced".
pub fn normalise(title: &str) -> String {
    title
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// For each field, the column index that holds it (if any).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    columns: Vec<(Field, usize)>,
}

impl ColumnMapping {
    /// Matches header titles to fields: exact (normalised) titles first, in each field's order
    /// of preference; then, for the amount only, a header that starts with "Amount" or "Value"
    /// and carries a unit, such as "Amount (£,000s)". A column serves at most one field.
    pub fn detect(headers: &[&str]) -> ColumnMapping {
        let normalised: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
        let mut mapping = ColumnMapping::default();
        let mut taken = vec![false; headers.len()];
        for field in Field::ALL {
            let found = field.titles().iter().find_map(|title| {
                let wanted = normalise(title);
                normalised
                    .iter()
                    .enumerate()
                    .position(|(i, h)| !taken[i] && *h == wanted)
            });
            if let Some(column) = found {
                taken[column] = true;
                mapping.columns.push((field, column));
            }
        }
        if mapping.column(Field::Amount).is_none() {
            let found = headers.iter().enumerate().position(|(i, header)| {
                !taken[i] && {
                    let h = normalise(header);
                    (h.starts_with("amount") || h.starts_with("value")) && header.contains('£')
                }
            });
            if let Some(column) = found {
                mapping.columns.push((Field::Amount, column));
            }
        }
        mapping
    }

    /// The column of every field, indexed by `Field as usize`, for reading many rows.
    pub fn columns_by_field(&self) -> [Option<usize>; Field::ALL.len()] {
        let mut by_field = [None; Field::ALL.len()];
        for &(field, column) in self.columns.iter().rev() {
            by_field[field as usize] = Some(column);
        }
        by_field
    }

    /// The column holding `field`, if the file has one.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map(|&(_, c)| c)
    }

    /// Sets (or, with `None`, clears) the column holding `field`. Other fields are left as they
    /// are: a person may choose one column for two fields (a title that is the programme).
    pub fn set(&mut self, field: Field, column: Option<usize>) {
        self.columns.retain(|&(f, _)| f != field);
        if let Some(column) = column {
            self.columns.push((field, column));
        }
    }

    /// How many fields are mapped.
    pub fn len(&self) -> usize {
        self.columns.len()
    }

    /// True when no field is mapped.
    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }
}

/// A key for a header row, so a mapping chosen for one file is offered again for the next file
/// with the same columns.
pub fn header_signature(headers: &[String]) -> String {
    let joined: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    format!(
        "{:016x}",
        xxhash_rust::xxh3::xxh3_64(joined.join("\u{1f}").as_bytes())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_360giving_titles() {
        let headers = [
            "Identifier",
            "Title",
            "Amount Applied For",
            "Amount Awarded",
            "Recipient Org:Name",
            "Funding Org:Name",
            "Grant Programme: Title",
        ];
        let mapping = ColumnMapping::detect(&headers);
        assert_eq!(mapping.column(Field::Amount), Some(3));
        assert_eq!(mapping.column(Field::Recipient), Some(4));
        assert_eq!(mapping.column(Field::Funder), Some(5));
        assert_eq!(mapping.column(Field::Programme), Some(6));
        assert_eq!(mapping.column(Field::Ringfenced), None);
    }

    #[test]
    fn detects_register_synonyms_and_units() {
        let headers = [
            "Department",
            "Year 2013-14",
            "Grants Description",
            "Amount (£,000s)",
            "Grant Category",
        ];
        let mapping = ColumnMapping::detect(&headers);
        assert_eq!(mapping.column(Field::Funder), Some(0));
        assert_eq!(mapping.column(Field::Title), Some(2));
        assert_eq!(mapping.column(Field::Amount), Some(3));
        assert_eq!(mapping.column(Field::Allocation), Some(4));
        let mut mapping = ColumnMapping::detect(&["Scheme", "Ring-fenced?", "Allocation (£)"]);
        assert_eq!(mapping.column(Field::Programme), Some(0));
        assert_eq!(mapping.column(Field::Ringfenced), Some(1));
        assert_eq!(mapping.column(Field::Amount), Some(2));
        mapping.set(Field::Funder, Some(0));
        assert_eq!(mapping.column(Field::Funder), Some(0));
        assert_eq!(
            mapping.column(Field::Programme),
            Some(0),
            "a person may reuse a column"
        );
        mapping.set(Field::Funder, None);
        assert_eq!(mapping.column(Field::Funder), None);
        assert_eq!(mapping.len(), 3);
    }

    #[test]
    fn header_signatures_ignore_case_and_punctuation() {
        let a = header_signature(&["Amount (£)".into(), "Funder".into()]);
        assert_eq!(a, header_signature(&["amount £".into(), "FUNDER".into()]));
        assert_ne!(a, header_signature(&["Funder".into(), "Amount (£)".into()]));
    }
}
