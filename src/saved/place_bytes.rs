//! The person's own place as saved in the browser: a compact binary record (postcard), with a
//! header that says what it is, its format version and a checksum of its body. At a million
//! lines it is about a tenth of the JSON it replaces and is written and read several times
//! faster. Places saved as JSON before it are still read.

use super::{PlaceWriter, SavedError};
use crate::place::Place;

/// What a saved place starts with.
const MAGIC: &[u8; 16] = b"grantpool-place\0";
/// The version of the binary place written here.
pub const PLACE_VERSION: u32 = 1;
/// The bytes before a saved place's body: magic, version (u32) and checksum (u64),
/// little-endian.
pub const PLACE_HEADER: usize = MAGIC.len() + 4 + 8;
const HEADER: usize = PLACE_HEADER;

fn checksum(body: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(body)
}

/// The header of a saved place whose body is `body`.
fn header(body: &[u8]) -> [u8; HEADER] {
    header_with(checksum(body))
}

/// The header of a saved place whose body's checksum is `sum`.
pub(super) fn header_with(sum: u64) -> [u8; HEADER] {
    let mut header = [0; HEADER];
    header[..MAGIC.len()].copy_from_slice(MAGIC);
    header[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&PLACE_VERSION.to_le_bytes());
    header[HEADER - 8..].copy_from_slice(&sum.to_le_bytes());
    header
}

/// The place as saved bytes: the place's postcard (its serde derive is the format) behind the
/// header, written by [`PlaceWriter`] all at once.
pub fn save_place(place: &Place) -> Vec<u8> {
    PlaceWriter::new(place).finish(place)
}

/// A saved place made of `body` behind the header [`save_place`] writes: for a tool that
/// writes bodies of its own (the fuzzer, whose bodies must get past the checksum).
pub fn seal_place(body: &[u8]) -> Vec<u8> {
    let mut saved = header(body).to_vec();
    saved.extend_from_slice(body);
    saved
}

/// True when `saved` is the binary record [`save_place`] writes, not the JSON of earlier
/// versions.
pub fn is_binary_place(saved: &[u8]) -> bool {
    saved.starts_with(MAGIC)
}

/// Reads a saved place: the binary record [`save_place`] writes, or the JSON of earlier
/// versions. Refuses a newer version and a body whose checksum does not match.
pub fn read_place(saved: &[u8]) -> Result<Place, SavedError> {
    let Some(rest) = saved.strip_prefix(MAGIC.as_slice()) else {
        return serde_json::from_slice(saved)
            .map_err(|error| SavedError::NotScenario(error.to_string()));
    };
    if rest.len() < HEADER - MAGIC.len() {
        return Err(SavedError::Damaged(
            "the saved place is cut short".to_owned(),
        ));
    }
    let (version, rest) = rest.split_at(4);
    let version = u32::from_le_bytes(version.try_into().expect("four bytes"));
    if version > PLACE_VERSION {
        return Err(SavedError::NewerVersion(u64::from(version)));
    }
    let (sum, body) = rest.split_at(8);
    if u64::from_le_bytes(sum.try_into().expect("eight bytes")) != checksum(body) {
        return Err(SavedError::Tampered);
    }
    postcard::from_bytes(body).map_err(|error| SavedError::Damaged(error.to_string()))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::import::{import_file, ImportOptions};
    use crate::place::{fingerprint, Origin};

    /// A person's own place of one file, `text`, as the saved-place tests use.
    pub(in crate::saved) fn own_place(text: &str) -> Place {
        let mut place = Place {
            origin: Origin::Uploads,
            ..Place::default()
        };
        let bytes = text.as_bytes().to_vec();
        let report =
            import_file(&mut place.dataset, "p.csv", bytes, ImportOptions::default()).unwrap();
        place.add_file(report, fingerprint(text.as_bytes()), text.len() as u64);
        place
    }

    fn place() -> Place {
        own_place(
            "Funder,Programme,Recipient,Amount,Ringfenced,Award date,Identifier\n\
             DfT,Buses,Durham CC,100.50,Yes,2016-05-01,G-1\n\
             MoJ,Youth “justice”,Go North East,-2,No,,G-2\n\
             ,Unknown,Someone,TBC,,,G-3\n",
        )
    }

    /// What a place holds, compared through its JSON (the place has no `PartialEq`).
    fn json(place: &Place) -> String {
        serde_json::to_string(place).unwrap()
    }

    #[test]
    fn a_place_round_trips_through_bytes_and_json_places_still_open() {
        let place = place();
        let saved = save_place(&place);
        assert!(saved.starts_with(MAGIC));
        assert_eq!(json(&read_place(&saved).unwrap()), json(&place));
        let earlier = json(&place);
        assert_eq!(json(&read_place(earlier.as_bytes()).unwrap()), earlier);
        assert!(saved.len() < earlier.len() / 2, "{} bytes", saved.len());
    }

    #[test]
    fn a_changed_cut_or_newer_place_is_refused() {
        let saved = save_place(&place());
        let mut changed = saved.clone();
        let last = changed.len() - 1;
        changed[last] ^= 1;
        assert_eq!(read_place(&changed).err(), Some(SavedError::Tampered));
        assert!(matches!(
            read_place(&saved[..20]),
            Err(SavedError::Damaged(_))
        ));
        assert_eq!(
            read_place(&saved[..saved.len() - 5]).err(),
            Some(SavedError::Tampered)
        );
        let mut newer = saved.clone();
        newer[16..20].copy_from_slice(&2u32.to_le_bytes());
        assert_eq!(read_place(&newer).err(), Some(SavedError::NewerVersion(2)));
        // A body that passes its checksum but is not a place.
        let nonsense = seal_place(&[0xff; 9]);
        assert!(matches!(read_place(&nonsense), Err(SavedError::Damaged(_))));
    }
}
