//! Lists of line numbers written compactly where a person's work is kept as JSON (the work
//! record saved on every change, and scenario files). A place of a million lines has a pot
//! number for each line and edits that move thousands of lines at once: as JSON arrays those
//! take megabytes to write and read back. Here each list is a string: a tag, then base64
//! (the `base64` crate) of the list as LEB128 varints, line numbers as the (zigzag) differences
//! between one and the next, so a run of lines costs about a byte each. The varints are
//! written by the loop below rather than through postcard's serde path, which took about
//! 30 ms for a million pot numbers in the page, several times the loop's cost.
//!
//! Lists written as JSON arrays, as versions before this one wrote them, are still read.
//! Formats that are not human-readable (postcard) keep the plain list.

use base64::engine::general_purpose::STANDARD_NO_PAD as BASE64;
use base64::Engine;
use serde::de::{Error, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::varint::{put as put_varint, take as take_varint, unzigzag, zigzag};

/// What a pot number list starts with: one varint per line.
const EACH: &str = "each:";
/// What a line list starts with: differences between successive line numbers.
const STEPS: &str = "steps:";

const DAMAGED: &str = "a list of lines is damaged";

fn encode(tag: &str, body: &[u8]) -> String {
    let mut text = String::with_capacity(tag.len() + body.len() * 4 / 3 + 4);
    text.push_str(tag);
    BASE64.encode_string(body, &mut text);
    text
}

fn decode(tag: &str, text: &str) -> Result<Vec<u8>, String> {
    let body = text
        .strip_prefix(tag)
        .ok_or_else(|| format!("a list of lines should start “{tag}”"))?;
    BASE64
        .decode(body)
        .map_err(|error| format!("a list of lines is damaged: {error}"))
}

/// Reads either form: the string this module writes (through `from_text`) or a JSON array.
struct EitherForm<F>(F);

impl<'de, F: FnOnce(&str) -> Result<Vec<u32>, String>> Visitor<'de> for EitherForm<F> {
    type Value = Vec<u32>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of line numbers")
    }
    fn visit_str<E: Error>(self, text: &str) -> Result<Vec<u32>, E> {
        (self.0)(text).map_err(E::custom)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u32>, A::Error> {
        let mut list = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
        while let Some(number) = seq.next_element()? {
            list.push(number);
        }
        Ok(list)
    }
}

fn read<'de, D: Deserializer<'de>>(
    deserializer: D,
    from_text: impl FnOnce(&str) -> Result<Vec<u32>, String>,
) -> Result<Vec<u32>, D::Error> {
    if deserializer.is_human_readable() {
        deserializer.deserialize_any(EitherForm(from_text))
    } else {
        Vec::deserialize(deserializer)
    }
}

/// Writes `numbers` in the human-readable form: `tag`, then base64 of one varint each, made
/// from each number by `varint` (which may keep state from one number to the next).
fn write_list<S: Serializer>(
    numbers: &[u32],
    serializer: S,
    tag: &str,
    mut varint: impl FnMut(u32) -> u64,
) -> Result<S::Ok, S::Error> {
    if !serializer.is_human_readable() {
        return numbers.serialize(serializer);
    }
    let mut body = Vec::with_capacity(numbers.len() + numbers.len() / 4);
    for &number in numbers {
        put_varint(&mut body, varint(number));
    }
    serializer.serialize_str(&encode(tag, &body))
}

/// Reads what [`write_list`] wrote (or a JSON array), each varint made a number by `number`.
fn read_list<'de, D: Deserializer<'de>>(
    deserializer: D,
    tag: &'static str,
    mut number: impl FnMut(u64) -> Option<u32>,
) -> Result<Vec<u32>, D::Error> {
    read(deserializer, |text| {
        let body = decode(tag, text)?;
        let mut numbers = Vec::with_capacity(body.len());
        let mut rest = body.as_slice();
        while !rest.is_empty() {
            let varint = take_varint(&mut rest).map_err(|_| DAMAGED.to_owned())?;
            numbers.push(number(varint).ok_or_else(|| DAMAGED.to_owned())?);
        }
        Ok(numbers)
    })
}

/// A number for each line (a scenario's pot numbers), one varint each.
pub(super) mod each {
    use super::*;

    pub fn serialize<S: Serializer>(numbers: &[u32], serializer: S) -> Result<S::Ok, S::Error> {
        write_list(numbers, serializer, EACH, u64::from)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u32>, D::Error> {
        read_list(deserializer, EACH, |varint| u32::try_from(varint).ok())
    }
}

/// Line numbers (the lines an edit moved), as the steps from one to the next.
pub(super) mod steps {
    use super::*;

    pub fn serialize<S: Serializer>(lines: &[u32], serializer: S) -> Result<S::Ok, S::Error> {
        let mut last = 0i64;
        write_list(lines, serializer, STEPS, |line| {
            let step = i64::from(line) - last;
            last = i64::from(line);
            zigzag(step)
        })
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u32>, D::Error> {
        let mut line = 0i64;
        read_list(deserializer, STEPS, |varint| {
            line = line.checked_add(unzigzag(varint))?;
            u32::try_from(line).ok()
        })
    }
}

/// Lines grouped by the pot they were in (an undo's record), each group's lines as steps.
pub(super) mod grouped {
    use super::*;

    #[derive(Serialize)]
    struct GroupOut<'a>(u32, #[serde(with = "steps")] &'a Vec<u32>);

    #[derive(Deserialize)]
    struct GroupIn(u32, #[serde(with = "steps")] Vec<u32>);

    pub fn serialize<S: Serializer>(
        groups: &[(u32, Vec<u32>)],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(groups.iter().map(|(pot, lines)| GroupOut(*pot, lines)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<(u32, Vec<u32>)>, D::Error> {
        let groups: Vec<GroupIn> = Vec::deserialize(deserializer)?;
        Ok(groups
            .into_iter()
            .map(|GroupIn(pot, lines)| (pot, lines))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Command, Edit, Editor, PotPolicy};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Lists {
        #[serde(with = "each")]
        each: Vec<u32>,
        #[serde(with = "steps")]
        steps: Vec<u32>,
        #[serde(with = "grouped")]
        grouped: Vec<(u32, Vec<u32>)>,
    }

    fn lists() -> Lists {
        Lists {
            each: vec![0, 0, 3, 0, 70_000, 1],
            steps: vec![5, 6, 7, 2, u32::MAX, 0, 1_000_000],
            grouped: vec![(0, vec![9, 10]), (4, vec![]), (2, vec![u32::MAX])],
        }
    }

    #[test]
    fn lists_round_trip_compactly_in_json_and_plainly_in_postcard() {
        let json = serde_json::to_string(&lists()).unwrap();
        assert!(
            json.contains("\"each:") && json.contains("\"steps:"),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Lists>(&json).unwrap(), lists());
        let bytes = postcard::to_allocvec(&lists()).unwrap();
        assert_eq!(postcard::from_bytes::<Lists>(&bytes).unwrap(), lists());
        // A run of lines costs about a byte each, not the digits and a comma.
        let run: Vec<u32> = (500_000..600_000).collect();
        let packed = serde_json::to_string(&Lists {
            each: vec![0; 100_000],
            steps: run,
            grouped: Vec::new(),
        })
        .unwrap();
        assert!(packed.len() < 300_000, "{} bytes", packed.len());
    }

    #[test]
    fn lists_written_as_arrays_by_earlier_versions_are_read() {
        let earlier = r#"{"each":[0,0,3,0,70000,1],"steps":[5,6,7,2,4294967295,0,1000000],
            "grouped":[[0,[9,10]],[4,[]],[2,[4294967295]]]}"#;
        assert_eq!(serde_json::from_str::<Lists>(earlier).unwrap(), lists());
    }

    #[test]
    fn a_damaged_list_is_an_error_not_a_panic() {
        let json = serde_json::to_string(&lists()).unwrap();
        let empty: Lists =
            serde_json::from_str(r#"{"each":"each:","steps":"steps:","grouped":[]}"#).unwrap();
        assert!(empty.each.is_empty() && empty.steps.is_empty());
        for damaged in [
            json.replace("\"each:", "\"sums:"),
            json.replace("\"steps:", "\"steps:!!"),
            r#"{"each":"each:AAAAA","steps":"steps:","grouped":[]}"#.to_owned(),
            // One step down from line 0; a pot number past u32; a varint cut short.
            r#"{"each":"each:AA","steps":"steps:AQ","grouped":[]}"#.to_owned(),
            r#"{"each":"each:gICAgBA","steps":"steps:","grouped":[]}"#.to_owned(),
            r#"{"each":"each:gA","steps":"steps:","grouped":[]}"#.to_owned(),
            r#"{"each":7,"steps":"steps:","grouped":[]}"#.to_owned(),
        ] {
            assert!(
                serde_json::from_str::<Lists>(&damaged).is_err(),
                "{damaged}"
            );
        }
    }

    #[test]
    fn an_editor_and_its_history_survive_the_work_record() {
        let mut editor = crate::scenario::test_support::editor_with_pot(
            6,
            "Early help",
            PotPolicy::LiftRingfence,
            &[5, 1, 3],
        );
        editor
            .apply(Command::Edit(Edit::MoveLines {
                lines: vec![3, 0],
                to: None,
            }))
            .unwrap();
        editor.apply(Command::Undo).unwrap();
        let json = serde_json::to_string(&editor).unwrap();
        assert!(!json.contains("[5,1,3]"), "{json}");
        let mut back: Editor = serde_json::from_str(&json).unwrap();
        assert_eq!(back, editor);
        back.apply(Command::Redo).unwrap();
        back.apply(Command::Undo).unwrap();
        back.apply(Command::Undo).unwrap();
        assert_eq!(
            back.scenario.pot_of(5),
            None,
            "undo still walks the history"
        );
    }
}
