//! LEB128 varints, the compact numbers of saved work: seven bits a byte, low bits first, the
//! top bit set on every byte but the last (postcard writes its integers the same way). Used by
//! the scenario's packed lists of lines (`scenario/packed.rs`).

/// Why a varint could not be read: the bytes ran out, or they say more than 64 bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CutShort;

/// Appends `number` as a varint.
pub fn put(body: &mut Vec<u8>, mut number: u64) {
    while number >= 0x80 {
        body.push((number as u8) | 0x80);
        number >>= 7;
    }
    body.push(number as u8);
}

/// Takes one varint [`put`] wrote from the front of `rest`.
#[inline]
pub fn take(rest: &mut &[u8]) -> Result<u64, CutShort> {
    // Most numbers saved (symbols of a small pool, enums, days) fit one byte.
    if let Some(&byte) = rest.first() {
        if byte < 0x80 {
            *rest = &rest[1..];
            return Ok(u64::from(byte));
        }
    }
    let mut number = 0u64;
    for (index, &byte) in rest.iter().enumerate().take(10) {
        let bits = u64::from(byte & 0x7f);
        if index == 9 && bits > 1 {
            break;
        }
        number |= bits << (7 * index);
        if byte & 0x80 == 0 {
            *rest = &rest[index + 1..];
            return Ok(number);
        }
    }
    Err(CutShort)
}

/// A signed number as an unsigned one, small either side of 0 staying small.
pub fn zigzag(number: i64) -> u64 {
    ((number << 1) ^ (number >> 63)) as u64
}

/// The signed number [`zigzag`] was given.
pub fn unzigzag(number: u64) -> i64 {
    ((number >> 1) as i64) ^ -((number & 1) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_and_zigzag_round_trip_at_their_edges() {
        for number in [
            0,
            1,
            127,
            128,
            16_383,
            16_384,
            u64::from(u32::MAX),
            u64::MAX,
        ] {
            let mut body = Vec::new();
            put(&mut body, number);
            let mut rest = body.as_slice();
            assert_eq!(take(&mut rest), Ok(number));
            assert!(rest.is_empty());
        }
        for step in [
            0,
            1,
            -1,
            63,
            -64,
            i64::from(u32::MAX),
            -i64::from(u32::MAX),
            i64::MIN,
            i64::MAX,
        ] {
            assert_eq!(unzigzag(zigzag(step)), step);
        }
        assert_eq!((zigzag(0), zigzag(-1), zigzag(1), zigzag(-2)), (0, 1, 2, 3));
        for cut in [
            &[][..],
            &[0x80][..],
            &[0xff; 11][..],
            &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02][..],
        ] {
            assert_eq!(take(&mut { cut }), Err(CutShort), "{cut:?}");
        }
    }

    #[test]
    fn varints_are_postcards_integers() {
        for number in [0u64, 5, 300, 1 << 40] {
            let mut body = Vec::new();
            put(&mut body, number);
            assert_eq!(postcard::to_allocvec(&number).unwrap(), body);
        }
    }
}
