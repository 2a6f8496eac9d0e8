//! Keys of what the page remembers in this browser's local storage.

use grantpool::import::mapping::header_signature;

/// Where the column mapping chosen for a file with these headers is remembered, so the next
/// file with the same columns opens with it.
pub fn mapping_key(headers: &[String]) -> String {
    format!("grantpool.mapping.{}", header_signature(headers))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_columns_share_a_key_and_other_columns_do_not() {
        let headers = |names: &[&str]| names.iter().map(|&n| n.to_owned()).collect::<Vec<_>>();
        let key = mapping_key(&headers(&["Funder", "Amount"]));
        assert!(key.starts_with("grantpool.mapping."));
        assert_eq!(key, mapping_key(&headers(&["Funder", "Amount"])));
        assert_ne!(key, mapping_key(&headers(&["Funder", "Amount (£m)"])));
    }
}
