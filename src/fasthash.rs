//! A fast hasher for the small integer keys the figures group by (string symbols, pot ids,
//! line numbers). The standard library's SipHash resists hash flooding, which these keys
//! cannot do (they are assigned by grantpool, not chosen by a file); this one multiplies and
//! rotates (the "Fx" hash of the Rust compiler), several times cheaper per key.

use std::hash::{BuildHasherDefault, Hasher};

/// The Fx hash: each word is mixed in with a rotate, an xor and a multiply.
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn write_isize(&mut self, value: isize) {
        self.add(value as u64);
    }
}

/// A `HashMap` keyed by small integers, with [`FastHasher`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FastHasher>>;
/// A `HashSet` of small integers, with [`FastHasher`].
pub type FastSet<K> = std::collections::HashSet<K, BuildHasherDefault<FastHasher>>;

/// A set of string symbols as a bit per symbol: for counting distinct names over a million
/// lines, a bit test is several times cheaper than hashing.
pub struct SymSet {
    bits: Vec<u64>,
    count: usize,
}

impl SymSet {
    /// An empty set for symbols below `symbols`.
    pub fn new(symbols: usize) -> SymSet {
        SymSet {
            bits: vec![0; symbols.div_ceil(64)],
            count: 0,
        }
    }

    /// Adds `sym`; true when it was not there. A symbol beyond the set's size is ignored.
    pub fn insert(&mut self, sym: crate::model::Sym) -> bool {
        let (word, bit) = (sym.0 as usize / 64, sym.0 % 64);
        match self.bits.get_mut(word) {
            Some(bits) if *bits & (1 << bit) == 0 => {
                *bits |= 1 << bit;
                self.count += 1;
                true
            }
            _ => false,
        }
    }

    /// True when `sym` is in the set.
    pub fn contains(&self, sym: crate::model::Sym) -> bool {
        let (word, bit) = (sym.0 as usize / 64, sym.0 % 64);
        self.bits
            .get(word)
            .is_some_and(|bits| bits & (1 << bit) != 0)
    }

    /// How many symbols are in the set.
    pub fn len(&self) -> usize {
        self.count
    }

    /// True when the set is empty.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_that_differ_in_any_field_hash_apart() {
        use std::hash::BuildHasher;
        let build = BuildHasherDefault::<FastHasher>::default();
        let hash = |key: (u32, u32)| build.hash_one(key);
        assert_ne!(hash((1, 2)), hash((2, 1)));
        assert_ne!(hash((0, 1)), hash((0, 2)));
        let mut map: FastMap<(u32, u32), u32> = FastMap::default();
        for a in 0..100 {
            for b in 0..100 {
                map.insert((a, b), a * 100 + b);
            }
        }
        assert_eq!(map.len(), 10_000);
        assert_eq!(map[&(42, 7)], 4207);
    }
}
