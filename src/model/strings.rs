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
    /// Each indexed symbol with its string's place in `text` and part of its hash, so growing
    /// the table never hashes the strings again, most probes that miss are settled without
    /// comparing text, and one that finds its string reads the text without reading `spans`.
    index: HashTable<Indexed>,
}

/// An entry of the pool's index: 16 bytes, as many as a hash and a symbol alone.
#[derive(Debug, Clone, Copy)]
struct Indexed {
    /// The high half of the string's xxh3 hash: what the table is hashed by ([`table_hash`]).
    check: u32,
    sym: Sym,
    start: u32,
    length: u32,
}

/// The part of a string's hash an index entry keeps.
fn hash_text(text: &str) -> u32 {
    hash_bytes(text.as_bytes())
}

fn hash_bytes(bytes: &[u8]) -> u32 {
    (xxhash_rust::xxh3::xxh3_64(bytes) >> 32) as u32
}

/// The table's hash of an entry, spread from its 32 bits over the 64 the table reads (its low
/// bits choose the bucket, its top seven filter the probes).
fn table_hash(check: u32) -> u64 {
    u64::from(check).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Marks a span's start as an offset into the pool's `unique` buffer.
const IN_UNIQUE: u32 = 1 << 31;

fn span_text<'a>(text: &'a str, spans: &[(u32, u32)], sym: Sym) -> &'a str {
    let (start, length) = spans[sym.0 as usize];
    &text[start as usize..(start + length) as usize]
}

/// Adds `text` to the end of `buffer` as the next symbol, its span's start marked with `mark`
/// ([`IN_UNIQUE`] for the unindexed buffer, 0 for the indexed one).
fn append_span(buffer: &mut String, spans: &mut Vec<(u32, u32)>, text: &str, mark: u32) -> Sym {
    let sym = Sym(u32::try_from(spans.len()).expect("fewer than 2^32 strings"));
    let start = u32::try_from(buffer.len())
        .ok()
        .filter(|&start| start < IN_UNIQUE)
        .expect("each buffer of strings fits in 2 GiB");
    let length = u32::try_from(text.len()).expect("strings fit in 4 GiB");
    buffer.push_str(text);
    spans.push((start | mark, length));
    sym
}

/// The indexed symbol whose string is `bytes`, hashed as `check`: the stored hash settles most
/// misses without comparing text.
fn indexed(index: &HashTable<Indexed>, buffer: &str, check: u32, bytes: &[u8]) -> Option<Sym> {
    index
        .find(table_hash(check), |entry| {
            entry.check == check
                && entry.length as usize == bytes.len()
                && &buffer.as_bytes()[entry.start as usize..][..bytes.len()] == bytes
        })
        .map(|entry| entry.sym)
}

/// Indexes `sym`, whose string is in the indexed buffer, under `check`.
fn index_sym(index: &mut HashTable<Indexed>, spans: &[(u32, u32)], sym: Sym, check: u32) {
    let (start, length) = spans[sym.0 as usize];
    let entry = Indexed {
        check,
        sym,
        start,
        length,
    };
    index.insert_unique(table_hash(check), entry, |entry| table_hash(entry.check));
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
    /// Reads the list [`Serialize`] writes, every string indexed, as [`StringPool::from`] a
    /// `Vec<String>` would.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(SavedStrings::deserialize(deserializer)?.into_pool(|_| false))
    }
}

/// A saved pool as read back: its strings end to end, symbol by symbol, not yet indexed.
/// [`SavedStrings::into_pool`] indexes them, leaving out the ones its caller names (a place's
/// grant identifiers, which no lookup asks for), so reading a million lines back does not hash
/// a million identifiers.
pub struct SavedStrings(StringPool);

impl SavedStrings {
    /// How many strings were read, the blank one included.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when only the blank string was read.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds the `position`th string of a saved pool as its symbol, not yet indexed. The blank
    /// string first is the blank symbol, already there.
    fn push(&mut self, position: usize, text: &str) {
        if !(position == 0 && text.is_empty()) {
            self.0.append_text(text);
        }
    }

    /// The pool, with every string indexed but those `unindexed` names; a repeated string is
    /// kept, and lookups find its first indexed symbol.
    pub fn into_pool(self, unindexed: impl Fn(Sym) -> bool) -> StringPool {
        let mut pool = self.0;
        let StringPool {
            text: buffer,
            spans,
            index,
            ..
        } = &mut pool;
        let to_index = (1..spans.len())
            .filter(|&i| !unindexed(Sym(i as u32)))
            .count();
        index.reserve(to_index, |entry| table_hash(entry.check));
        for position in 1..spans.len() {
            let sym = Sym(position as u32);
            if unindexed(sym) {
                continue;
            }
            let text = span_bytes(buffer, spans, sym);
            let check = hash_bytes(text);
            if indexed(index, buffer, check, text).is_none() {
                index_sym(index, spans, sym, check);
            }
        }
        pool
    }
}

impl<'de> Deserialize<'de> for SavedStrings {
    /// Reads the list [`StringPool`]'s [`Serialize`] writes, borrowing each string from the
    /// input where the format allows.
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
    type Value = SavedStrings;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of strings")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<SavedStrings, A::Error> {
        let mut saved = SavedStrings(StringPool::default());
        // A size hint is only a hint: a damaged file may claim any length.
        let expected = seq.size_hint().unwrap_or(0).min(1 << 20);
        saved.0.spans.reserve(expected);
        let mut position = 0usize;
        while let Some(PoolText(text)) = seq.next_element()? {
            saved.push(position, &text);
            position += 1;
        }
        Ok(saved)
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
        let mut saved = SavedStrings(StringPool::default());
        for (position, text) in strings.iter().enumerate() {
            saved.push(position, text);
        }
        saved.into_pool(|_| false)
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
        let check = hash_text(text);
        if let Some(sym) = indexed(&self.index, &self.text, check, text.as_bytes()) {
            return sym;
        }
        self.push_hashed(text, check)
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
        append_span(&mut self.unique, &mut self.spans, text, IN_UNIQUE)
    }

    /// Adds `text` as a new symbol in the indexed buffer, indexed under `check`.
    fn push_hashed(&mut self, text: &str, check: u32) -> Sym {
        let sym = self.append_text(text);
        index_sym(&mut self.index, &self.spans, sym, check);
        sym
    }

    /// Adds `text` as a new symbol in the indexed buffer, not yet indexed.
    fn append_text(&mut self, text: &str) -> Sym {
        append_span(&mut self.text, &mut self.spans, text, 0)
    }

    /// The symbol for `text` if it is stored.
    pub fn find(&self, text: &str) -> Option<Sym> {
        indexed(&self.index, &self.text, hash_text(text), text.as_bytes())
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

    /// True when `sym` was stored by [`StringPool::push_unique`], apart from the indexed
    /// strings. A pool read back keeps every string with the indexed ones, whether
    /// [`SavedStrings::into_pool`] indexed it or not.
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
