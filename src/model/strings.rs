//! The string pool: each distinct string stored once, end to end in one buffer, so a million
//! lines that name the same funder hold one copy of its name.

use hashbrown::HashTable;
use serde::{Deserialize, Serialize};

/// An index into a [`StringPool`].
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Sym(pub u32);

/// Stores each distinct string once, end to end in one buffer; funding lines refer to strings
/// by [`Sym`]. Symbol 0 is always the empty string, so a blank cell costs nothing.
/// Saved as the list of its strings, symbol by symbol.
#[derive(Debug, Clone)]
pub struct StringPool {
    text: String,
    /// Strings stored without indexing ([`StringPool::push_unique`]), kept apart so the indexed
    /// strings stay close together in memory.
    unique: String,
    /// Start and length of each symbol's string: in `text`, or in `unique` when the start has
    /// [`IN_UNIQUE`] set.
    spans: Vec<(u32, u32)>,
    /// Each symbol with its string's hash, kept so that growing the table never hashes the
    /// strings again and most probes that miss are settled without comparing text.
    index: HashTable<(u64, Sym)>,
}

fn hash_text(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

/// Marks a span's start as an offset into the pool's `unique` buffer.
const IN_UNIQUE: u32 = 1 << 31;

fn span_text<'a>(text: &'a str, spans: &[(u32, u32)], sym: Sym) -> &'a str {
    let (start, length) = spans[sym.0 as usize];
    &text[start as usize..(start + length) as usize]
}

/// A symbol's bytes; comparing bytes skips the character-boundary checks of slicing a `str`.
fn span_bytes<'a>(text: &'a str, spans: &[(u32, u32)], sym: Sym) -> &'a [u8] {
    let (start, length) = spans[sym.0 as usize];
    &text.as_bytes()[start as usize..(start + length) as usize]
}

impl Serialize for StringPool {
    /// The same list as `Vec<String>`, written without copying each string first.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((0..self.spans.len()).map(|i| self.get(Sym(i as u32))))
    }
}

impl<'de> Deserialize<'de> for StringPool {
    /// Reads the list [`Serialize`] writes, adding each string as it is read (borrowed from
    /// the input where the format allows), as [`StringPool::from`] a `Vec<String>` would.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(PoolVisitor)
    }
}

struct PoolVisitor;

/// One saved string: borrowed from the input when it can be, copied when it must be.
struct PoolText<'de>(std::borrow::Cow<'de, str>);

impl<'de> Deserialize<'de> for PoolText<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> serde::de::Visitor<'de> for TextVisitor {
            type Value = PoolText<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(PoolText(text.into()))
            }
            fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
                Ok(PoolText(text.to_owned().into()))
            }
            fn visit_string<E>(self, text: String) -> Result<Self::Value, E> {
                Ok(PoolText(text.into()))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

impl<'de> serde::de::Visitor<'de> for PoolVisitor {
    type Value = StringPool;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of strings")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<StringPool, A::Error> {
        let mut pool = StringPool::default();
        // A size hint is only a hint: a damaged file may claim any length.
        let expected = seq.size_hint().unwrap_or(0).min(1 << 20);
        pool.spans.reserve(expected);
        pool.index.reserve(expected, |&(hash, _)| hash);
        let mut position = 0usize;
        while let Some(PoolText(text)) = seq.next_element()? {
            pool.push_saved(position, &text);
            position += 1;
        }
        Ok(pool)
    }
}

impl From<StringPool> for Vec<String> {
    fn from(pool: StringPool) -> Vec<String> {
        (0..pool.spans.len())
            .map(|i| pool.get(Sym(i as u32)).to_owned())
            .collect()
    }
}

impl From<Vec<String>> for StringPool {
    /// Rebuilds a saved pool, symbol for symbol, as the saved pool is read back.
    fn from(strings: Vec<String>) -> StringPool {
        let mut pool = StringPool::default();
        for (position, text) in strings.iter().enumerate() {
            pool.push_saved(position, text);
        }
        pool
    }
}

impl Default for StringPool {
    fn default() -> Self {
        let mut pool = StringPool {
            text: String::new(),
            unique: String::new(),
            spans: Vec::new(),
            index: HashTable::new(),
        };
        pool.push_hashed("", hash_text(""));
        pool
    }
}

impl StringPool {
    /// The symbol for the blank string.
    pub const BLANK: Sym = Sym(0);

    /// The symbol for `text`, adding it if it is new.
    pub fn intern(&mut self, text: &str) -> Sym {
        if text.is_empty() {
            return StringPool::BLANK;
        }
        let StringPool {
            text: buffer,
            spans,
            index,
            ..
        } = self;
        let hash = hash_text(text);
        if let Some(&(_, sym)) = index.find(hash, |&(stored, sym)| {
            stored == hash && span_bytes(buffer, spans, sym) == text.as_bytes()
        }) {
            return sym;
        }
        self.push_hashed(text, hash)
    }

    /// Stores a string that is expected to be unique (a grant's identifier) without indexing
    /// it, so it costs no hashing; [`StringPool::find`] and [`StringPool::intern`] will not
    /// return it. A blank string is the blank symbol.
    pub fn push_unique(&mut self, text: &str) -> Sym {
        if text.is_empty() {
            return StringPool::BLANK;
        }
        self.append_unindexed(text)
    }

    /// Adds `text` as a new symbol in the unindexed buffer.
    fn append_unindexed(&mut self, text: &str) -> Sym {
        let sym = Sym(u32::try_from(self.spans.len()).expect("fewer than 2^32 strings"));
        let start = u32::try_from(self.unique.len())
            .ok()
            .filter(|&start| start < IN_UNIQUE)
            .expect("unique strings fit in 2 GiB");
        let length = u32::try_from(text.len()).expect("strings fit in 4 GiB");
        self.unique.push_str(text);
        self.spans.push((start | IN_UNIQUE, length));
        sym
    }

    /// Adds the `position`th string of a saved pool as its symbol. The blank string first is
    /// the blank symbol, already there; a repeat is kept, findable by its first symbol.
    fn push_saved(&mut self, position: usize, text: &str) {
        if !(position == 0 && text.is_empty()) {
            self.push(text);
        }
    }

    /// Adds `text` as a new symbol, even if it is already stored (lookups then find the first).
    fn push(&mut self, text: &str) -> Sym {
        let hash = hash_text(text);
        let StringPool {
            text: buffer,
            spans,
            index,
            ..
        } = self;
        let stored = index
            .find(hash, |&(stored, sym)| {
                stored == hash && span_bytes(buffer, spans, sym) == text.as_bytes()
            })
            .is_some();
        if stored {
            self.append_unindexed(text)
        } else {
            self.push_hashed(text, hash)
        }
    }

    fn push_hashed(&mut self, text: &str, hash: u64) -> Sym {
        let StringPool {
            text: buffer,
            spans,
            index,
            ..
        } = self;
        let sym = Sym(u32::try_from(spans.len()).expect("fewer than 2^32 distinct strings"));
        let start = u32::try_from(buffer.len())
            .ok()
            .filter(|&start| start < IN_UNIQUE)
            .expect("strings fit in 2 GiB");
        let length = u32::try_from(text.len()).expect("strings fit in 4 GiB");
        buffer.push_str(text);
        spans.push((start, length));
        index.insert_unique(hash, (hash, sym), |&(stored, _)| stored);
        sym
    }

    /// The symbol for `text` if it is stored.
    pub fn find(&self, text: &str) -> Option<Sym> {
        let hash = hash_text(text);
        self.index
            .find(hash, |&(stored, sym)| {
                stored == hash && span_bytes(&self.text, &self.spans, sym) == text.as_bytes()
            })
            .map(|&(_, sym)| sym)
    }

    /// The text behind a symbol.
    pub fn get(&self, sym: Sym) -> &str {
        let (start, length) = self.spans[sym.0 as usize];
        if start & IN_UNIQUE != 0 {
            let start = (start & !IN_UNIQUE) as usize;
            return &self.unique[start..start + length as usize];
        }
        span_text(&self.text, &self.spans, sym)
    }

    /// True when `sym` was stored by [`StringPool::push_unique`], without indexing.
    pub fn is_unindexed(&self, sym: Sym) -> bool {
        self.spans[sym.0 as usize].0 & IN_UNIQUE != 0
    }

    /// How many bytes of text are stored, in every string together.
    pub fn text_bytes(&self) -> usize {
        self.text.len() + self.unique.len()
    }

    /// How many distinct strings are stored, the blank one included.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True when only the blank string is stored.
    pub fn is_empty(&self) -> bool {
        self.spans.len() <= 1
    }
}
