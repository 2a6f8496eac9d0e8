//! The groups of the lines in one pot (or in none), brought up to date from the lines a move
//! took out or put in, instead of grouping every line again: a move at a million lines
//! touches thousands.

use crate::fasthash::FastMap;
use crate::model::{Dataset, Pence};
use crate::scenario::{PotId, Scenario};
use crate::selection::Criterion;
use crate::view::LineFilter;

use super::groups::{groups, key_of, line_matches, new_group, sort_groups, Group, GroupBy};

/// Which groups a list shows: the lines in `pot` (or, with `None`, in no pot) that `filter`
/// keeps and that match `query`, grouped `by`, on the place as it was at change `place`.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupsWanted {
    pub pot: Option<PotId>,
    pub by: GroupBy,
    pub query: String,
    pub filter: LineFilter,
    /// The place's count of changes: lines added, removed or changed.
    pub place: u64,
}

/// A list of groups and what it was made from, kept up to date by [`KeptGroups::update`].
#[derive(Debug, Clone, Default)]
pub struct KeptGroups {
    pub groups: Vec<Group>,
    made_from: Option<(GroupsWanted, u64)>,
}

impl KeptGroups {
    /// Brings the groups up to date with `wanted` and `scenario`: when only lines have moved
    /// since they were made (and not more than a quarter of them), from the lines that moved;
    /// otherwise made again from every line. True when the groups changed.
    pub fn update(&mut self, dataset: &Dataset, scenario: &Scenario, wanted: GroupsWanted) -> bool {
        let revision = scenario.revision();
        let moved = match &self.made_from {
            Some((made, since)) if *made == wanted => scenario.moved_since(*since, wanted.pot),
            _ => None,
        };
        let (by, query, filter) = (wanted.by, &wanted.query, &wanted.filter);
        let changed = match moved {
            Some((left, joined)) if left.is_empty() && joined.is_empty() => false,
            Some((left, joined)) if left.len() + joined.len() <= scenario.lines() / 4 => {
                let shown = std::mem::take(&mut self.groups);
                self.groups = regroup(shown, dataset, by, query, filter, &left, &joined);
                true
            }
            _ => {
                let made = groups(dataset, scenario, wanted.pot, by, query, filter);
                let changed = made != self.groups;
                self.groups = made;
                changed
            }
        };
        self.made_from = Some((wanted, revision));
        changed
    }
}

/// `groups` (what [`super::groups`] gave for the lines in one pot or in none, grouped `by`,
/// matching `query` and kept by `filter`) after the lines `left` went out and the lines
/// `joined` came in: exactly what [`super::groups`] would give now. Both lists in line order,
/// each line of `left` one the groups held.
pub fn regroup(
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
    fn groups_brought_up_to_date_by_moves_are_the_groups_made_afresh() {
        let dataset = dataset();
        let filter = View::default().filter(&dataset);
        let editor = crate::scenario::test_support::editor_with_pot(
            dataset.lines.len(),
            "P",
            PotPolicy::LiftRingfence,
            &[],
        );
        let pot = editor.newest_pot();
        // Moves in, moves out, a whole group emptied, a group that comes back, and undone.
        let moves: Vec<(Vec<u32>, bool)> = vec![
            ((0..400).step_by(9).collect(), true),
            ((0..400).step_by(7).collect(), true),
            ((0..400).step_by(14).collect(), false),
            ((0..400).step_by(9).collect(), false),
            ((100..180).collect(), true),
        ];
        for by in GroupBy::ALL {
            for query in ["", "funder 3", "programme 1"] {
                for of in [None, pot] {
                    let mut editor = editor.clone();
                    let wanted = GroupsWanted {
                        pot: of,
                        by,
                        query: query.to_owned(),
                        filter: filter.clone(),
                        place: 0,
                    };
                    let mut kept = KeptGroups::default();
                    kept.update(&dataset, &editor.scenario, wanted.clone());
                    let commands = moves
                        .iter()
                        .map(|(lines, into_pot)| {
                            Command::Edit(Edit::MoveLines {
                                lines: lines.clone(),
                                to: if *into_pot { pot } else { None },
                            })
                        })
                        .chain([Command::Undo, Command::Undo, Command::Redo]);
                    for command in commands {
                        editor.apply(command).unwrap();
                        kept.update(&dataset, &editor.scenario, wanted.clone());
                        let afresh = groups(&dataset, &editor.scenario, of, by, query, &filter);
                        assert_eq!(kept.groups, afresh, "{by:?}, “{query}”, {of:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn groups_with_nothing_moved_are_not_changed_and_other_groups_are_made_again() {
        let dataset = dataset();
        let filter = View::default().filter(&dataset);
        let mut editor = crate::scenario::test_support::editor_with_pot(
            dataset.lines.len(),
            "P",
            PotPolicy::LiftRingfence,
            &[1, 2, 3],
        );
        let pot = editor.newest_pot();
        let wanted = |by| GroupsWanted {
            pot,
            by,
            query: String::new(),
            filter: filter.clone(),
            place: 0,
        };
        let mut kept = KeptGroups::default();
        assert!(kept.update(&dataset, &editor.scenario, wanted(GroupBy::Funder)));
        // A move among lines in no pot touches nothing of the pot's.
        editor
            .apply(Command::Edit(Edit::CreatePot {
                name: "Q".into(),
                colour: 1,
                policy: PotPolicy::KeepRingfence,
            }))
            .unwrap();
        let other = editor.newest_pot();
        editor
            .apply(Command::Edit(Edit::MoveLines {
                lines: vec![10, 11],
                to: other,
            }))
            .unwrap();
        assert!(!kept.update(&dataset, &editor.scenario, wanted(GroupBy::Funder)));
        // Another grouping is made again.
        assert!(kept.update(&dataset, &editor.scenario, wanted(GroupBy::Size)));
        let afresh = groups(&dataset, &editor.scenario, pot, GroupBy::Size, "", &filter);
        assert_eq!(kept.groups, afresh);
    }
}
