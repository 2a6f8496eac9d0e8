//! A saved place written a slice at a time, so that a page can save a million lines without
//! stopping for the whole of it: the bytes are exactly [`save_place`]'s (postcard writes a
//! struct as its fields one after another, and a list as its length and then its items, so the
//! place can be written field by field and item by item).

use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

use super::place_bytes::{header_with, PLACE_HEADER};
#[cfg(doc)]
use super::save_place;
use crate::model::Sym;
use crate::place::Place;

/// What is written next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    /// The string pool, from this string on.
    Strings(usize),
    /// The lines, from this line on.
    Lines(usize),
    /// Everything after the lines: the files and what a person did to the names and places.
    Rest,
    Done,
}

/// Writes a place's saved bytes in slices: [`PlaceWriter::write`] as many times as it takes,
/// always given the same, unchanged place, then [`PlaceWriter::finish`].
pub struct PlaceWriter {
    bytes: Vec<u8>,
    next: Next,
    /// The checksum of the body so far, and how much of `bytes` it covers.
    hasher: Xxh3,
    hashed: usize,
}

/// `value` written after `bytes`.
fn extend<T: Serialize + ?Sized>(value: &T, bytes: Vec<u8>) -> Vec<u8> {
    postcard::to_extend(value, bytes).expect("a place is serialisable")
}

impl PlaceWriter {
    /// Starts writing `place`: room for all of it is set aside at once, so the bytes are not
    /// copied as they grow.
    pub fn new(place: &Place) -> PlaceWriter {
        let strings = &place.dataset.strings;
        let room = PLACE_HEADER
            + strings.text_bytes()
            + strings.len() * 2
            + place.dataset.lines.len() * 48
            + 4096;
        let mut bytes = Vec::with_capacity(room);
        bytes.extend_from_slice(&[0; PLACE_HEADER]);
        let bytes = extend(&strings.len(), extend(&place.origin, bytes));
        PlaceWriter {
            bytes,
            next: Next::Strings(0),
            hasher: Xxh3::new(),
            hashed: PLACE_HEADER,
        }
    }

    /// Writes up to `count` more strings or lines of `place` (or, after the lines, the rest);
    /// true when the place is written whole.
    pub fn write(&mut self, place: &Place, count: usize) -> bool {
        let dataset = &place.dataset;
        let mut bytes = std::mem::take(&mut self.bytes);
        self.next = match self.next {
            Next::Strings(from) => {
                let to = from.saturating_add(count).min(dataset.strings.len());
                for at in from..to {
                    bytes = extend(dataset.strings.get(Sym(at as u32)), bytes);
                }
                if to < dataset.strings.len() {
                    Next::Strings(to)
                } else {
                    bytes = extend(&dataset.lines.len(), bytes);
                    Next::Lines(0)
                }
            }
            Next::Lines(from) => {
                let to = from.saturating_add(count).min(dataset.lines.len());
                for line in &dataset.lines[from..to] {
                    bytes = extend(line, bytes);
                }
                if to < dataset.lines.len() {
                    Next::Lines(to)
                } else {
                    Next::Rest
                }
            }
            Next::Rest => {
                bytes = extend(&dataset.sources, bytes);
                bytes = extend(&dataset.assigned_places, bytes);
                bytes = extend(&dataset.merged_names, bytes);
                bytes = extend(&place.files, bytes);
                Next::Done
            }
            Next::Done => Next::Done,
        };
        self.hasher.update(&bytes[self.hashed..]);
        self.hashed = bytes.len();
        self.bytes = bytes;
        self.next == Next::Done
    }

    /// The saved bytes, header and all, writing whatever is not written yet.
    pub fn finish(mut self, place: &Place) -> Vec<u8> {
        while !self.write(place, usize::MAX) {}
        let header = header_with(self.hasher.digest());
        self.bytes[..PLACE_HEADER].copy_from_slice(&header);
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::saved::place_bytes::tests::own_place;
    use crate::saved::{read_place, save_place};

    fn place(rows: usize) -> Place {
        let mut text = String::from("Funder,Programme,Recipient,Amount,Ringfenced,Identifier\n");
        for row in 0..rows {
            text.push_str(&format!(
                "Funder {},Programme {},Recipient “{row}”,{}.25,{},G-{row}\n",
                row % 7,
                row % 11,
                row * 3 + 1,
                if row % 2 == 0 { "Yes" } else { "No" }
            ));
        }
        own_place(&text)
    }

    /// The place's postcard behind its header, written by the serde derive in one go.
    fn postcard_of(place: &Place) -> Vec<u8> {
        let body = postcard::to_allocvec(place).unwrap();
        crate::saved::seal_place(&body)
    }

    #[test]
    fn a_place_written_in_slices_is_byte_for_byte_its_postcard() {
        for rows in [0, 1, 5, 250] {
            let place = place(rows);
            let whole = postcard_of(&place);
            assert_eq!(save_place(&place), whole, "{rows} rows at once");
            for slice in [1, 3, 64] {
                let mut writer = PlaceWriter::new(&place);
                while !writer.write(&place, slice) {}
                assert_eq!(
                    writer.finish(&place),
                    whole,
                    "{rows} rows in slices of {slice}"
                );
            }
            assert_eq!(
                read_place(&PlaceWriter::new(&place).finish(&place))
                    .unwrap()
                    .dataset
                    .lines
                    .len(),
                rows
            );
        }
    }

    #[test]
    fn a_writer_set_aside_enough_room_at_the_start() {
        let place = place(1000);
        let mut writer = PlaceWriter::new(&place);
        let room = writer.bytes.capacity();
        while !writer.write(&place, 100) {}
        assert_eq!(writer.bytes.capacity(), room, "the bytes never grew");
    }
}
