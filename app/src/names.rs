//! Names of what the page offers to download, and of the data they come from.

use grantpool::samples::Sample;

/// Names the data shown as the samples and files name themselves: the sample's name, or the
/// files' names ("a.csv and b.xlsx"; "a.csv, b.csv and 3 other files"), or "your files" before
/// any is loaded.
pub fn dataset_name(sample: Option<&Sample>, files: &[&str]) -> String {
    if let Some(sample) = sample {
        return sample.name.to_owned();
    }
    match files {
        [] => "your files".to_owned(),
        [one] => (*one).to_owned(),
        [first, second] => format!("{first} and {second}"),
        [first, second, third] => format!("{first}, {second} and {third}"),
        [first, second, rest @ ..] => {
            format!("{first}, {second} and {} other files", rest.len())
        }
    }
}

/// Lower-case letters and digits, every other run of characters one hyphen: "Your files" →
/// "your-files".
pub fn slug(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// A file name for an export: what it is, which data, and the date (YYYY-MM-DD).
pub fn export_name(what: &str, dataset: &str, date: &str, extension: &str) -> String {
    format!("grantpool-{what}-{}-{date}.{extension}", slug(dataset))
}

/// The file name of a saved scenario: the sample's id (or "your-files") and the date.
pub fn scenario_file_name(sample: Option<&Sample>, date: &str) -> String {
    let dataset = sample.map_or("your-files", |s| s.id);
    format!("grantpool-scenario-{dataset}-{date}.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_names_carry_what_which_data_and_the_date() {
        assert_eq!(
            export_name(
                "pooled-budget",
                "County Durham (illustrative)",
                "2026-12-01",
                "csv"
            ),
            "grantpool-pooled-budget-county-durham-illustrative-2026-12-01.csv"
        );
        assert_eq!(slug("  UK government: 2016–17 "), "uk-government-2016-17");
        assert_eq!(dataset_name(None, &[]), "your files");
        assert_eq!(dataset_name(None, &["a.csv", "b.xlsx"]), "a.csv and b.xlsx");
        assert_eq!(
            dataset_name(None, &["a", "b", "c", "d"]),
            "a, b and 2 other files"
        );
        let sample = grantpool::samples::default_sample();
        assert_eq!(dataset_name(Some(sample), &["x"]), sample.name);
        assert_eq!(
            scenario_file_name(None, "2026-12-01"),
            "grantpool-scenario-your-files-2026-12-01.json"
        );
        assert!(scenario_file_name(Some(sample), "d").contains(sample.id));
    }
}
