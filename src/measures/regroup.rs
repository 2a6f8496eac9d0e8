//! The funding map's groups of the lines in no pot, brought up to date from the lines a move
//! took out of it or put back, instead of grouping every line again: a move at a million lines
//! touches thousands.

use crate::fasthash::FastMap;
use crate::model::{Dataset, Pence};
use crate::selection::Criterion;
use crate::view::LineFilter;

use super::groups::{key_of, line_matches, new_group, sort_groups, Group, GroupBy};

/// The lines that left the lines in no pot, and those that came back, between `before` and
/// `now`: each line's pot number (0 for none), as [`crate::scenario::Scenario::pot_numbers`]
/// gives them. `None` when the two are not of the same lines.
pub fn unpooled_changes(before: &[u32], now: &[u32]) -> Option<(Vec<u32>, Vec<u32>)> {
    if before.len() != now.len() {
        return None;
    }
    let (mut left, mut joined) = (Vec::new(), Vec::new());
    for (line, (&was, &is)) in before.iter().zip(now).enumerate() {
        match (was == 0, is == 0) {
            (true, false) => left.push(line as u32),
            (false, true) => joined.push(line as u32),
            _ => {}
        }
    }
    Some((left, joined))
}

/// `groups` (what [`super::groups`] gave for the lines in no pot, grouped `by`, matching
/// `query` and kept by `filter`) after the lines `left` went into pots and the lines `joined`
/// came back: exactly what [`super::groups`] would give now. Both lists in line order.
pub fn regroup_unpooled(
    mut groups: Vec<Group>,
    dataset: &Dataset,
    by: GroupBy,
    query: &str,
    filter: &LineFilter,
    left: &[u32],
    joined: &[u32],
) -> Vec<Group> {
    let query = query.trim().to_lowercase();
    let mut at: FastMap<usize, usize> = groups
        .iter()
        .enumerate()
        .map(|(position, group)| (key_number(&group.criterion), position))
        .collect();
    let shown = |line: u32| {
        let line = &dataset.lines[line as usize];
        filter.keeps(line) && line_matches(dataset, line, &query)
    };
    // Taken out: each group's leaving lines, removed in one pass over its lines.
    let mut leaving: FastMap<usize, Vec<u32>> = FastMap::default();
    for &line in left.iter().filter(|&&line| shown(line)) {
        let (key, _) = key_of(by, &dataset.lines[line as usize]);
        if let Some(&position) = at.get(&key) {
            leaving.entry(position).or_default().push(line);
        }
    }
    for (position, lines) in leaving {
        let group = &mut groups[position];
        let mut gone = lines.iter().peekable();
        group.lines.retain(|line| {
            let leaves = gone.peek() == Some(&line);
            if leaves {
                gone.next();
            }
            !leaves
        });
        for &line in &lines {
            let line = &dataset.lines[line as usize];
            group.money.add(line.ringfence, Pence(-line.amount.0));
        }
    }
    // Put back: added to their groups (made when new), each group's lines in order again.
    let mut grew: Vec<usize> = Vec::new();
    for &index in joined.iter().filter(|&&line| shown(line)) {
        let line = &dataset.lines[index as usize];
        let (key, sym) = key_of(by, line);
        let position = *at.entry(key).or_insert_with(|| {
            groups.push(new_group(dataset, by, key, sym));
            groups.len() - 1
        });
        let group = &mut groups[position];
        group.lines.push(index);
        group.money.add(line.ringfence, line.amount);
        grew.push(position);
    }
    grew.sort_unstable();
    grew.dedup();
    for position in grew {
        groups[position].lines.sort_unstable();
    }
    groups.retain(|group| !group.lines.is_empty());
    sort_groups(&mut groups);
    groups
}

/// The key a group was made with: its symbol's number, or its size band.
fn key_number(criterion: &Criterion) -> usize {
    match criterion {
        Criterion::Is(_, sym) => sym.0 as usize,
        Criterion::SizeBand(band) => *band,
        _ => usize::MAX,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import_file, ImportOptions};
    use crate::measures::groups;
    use crate::scenario::{Command, Edit, PotPolicy};
    use crate::view::View;

    fn dataset() -> Dataset {
        let mut text = String::from("Funder,Programme,Recipient,Amount,Ringfenced,Identifier\n");
        for row in 0..400 {
            text.push_str(&format!(
                "Funder {},Programme {},Recipient {},{},{},G-{row}\n",
                row % 9,
                row % 13,
                row % 31,
                (row * 37) % 5000 + 1,
                ["Yes", "No", ""][row % 3]
            ));
        }
        let mut dataset = Dataset::default();
        import_file(
            &mut dataset,
            "g.csv",
            text.into_bytes(),
            ImportOptions::default(),
        )
        .unwrap();
        dataset
    }

    #[test]
    fn groups_brought_up_to_date_by_a_move_are_the_groups_made_afresh() {
        let dataset = dataset();
        let filter = View::default().filter(&dataset);
        let editor = crate::scenario::test_support::editor_with_pot(
            dataset.lines.len(),
            "P",
            PotPolicy::LiftRingfence,
            &[],
        );
        let pot = editor.newest_pot();
        // Moves in, moves out, a whole group emptied, and a group that comes back.
        let moves: Vec<(Vec<u32>, bool)> = vec![
            ((0..400).step_by(9).collect(), true),
            ((0..400).step_by(7).collect(), true),
            ((0..400).step_by(14).collect(), false),
            ((0..400).step_by(9).collect(), false),
            ((100..300).collect(), true),
        ];
        for by in GroupBy::ALL {
            for query in ["", "funder 3", "programme 1"] {
                let mut editor = editor.clone();
                let mut shown = groups(&dataset, &editor.scenario, None, by, query, &filter);
                for (lines, into_pot) in &moves {
                    let before = editor.scenario.pot_numbers().to_vec();
                    editor
                        .apply(Command::Edit(Edit::MoveLines {
                            lines: lines.clone(),
                            to: if *into_pot { pot } else { None },
                        }))
                        .unwrap();
                    let (left, joined) =
                        unpooled_changes(&before, editor.scenario.pot_numbers()).unwrap();
                    shown = regroup_unpooled(shown, &dataset, by, query, &filter, &left, &joined);
                    let afresh = groups(&dataset, &editor.scenario, None, by, query, &filter);
                    assert_eq!(shown, afresh, "{by:?}, “{query}”");
                }
            }
        }
    }

    #[test]
    fn a_change_of_lines_is_not_a_move() {
        assert_eq!(unpooled_changes(&[0, 1], &[0]), None);
        assert_eq!(
            unpooled_changes(&[0, 1, 2, 0], &[3, 0, 2, 0]),
            Some((vec![0], vec![1]))
        );
    }
}
