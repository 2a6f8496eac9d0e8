//! Where lines can be moved: a pot, or out of every pot. The drag-and-drop route and the
//! keyboard route ("Move to pot") name targets the same way and pick lines by one rule.

use std::collections::HashSet;

use grantpool::format;
use grantpool::scenario::{PotId, Scenario};

/// The value that names a target in the page (`data-drop-target`, the select's options).
pub fn target_value(target: Option<PotId>) -> String {
    target.map_or_else(|| NOT_IN_A_POT_VALUE.to_owned(), |pot| pot.0.to_string())
}

/// The value of the target "Not in a pot".
pub const NOT_IN_A_POT_VALUE: &str = "unpooled";

/// The target a value names: `Some(None)` for out of every pot, `None` when it names nothing.
pub fn parse_target(value: &str) -> Option<Option<PotId>> {
    match value {
        NOT_IN_A_POT_VALUE => Some(None),
        id => id.parse().ok().map(|id| Some(PotId(id))),
    }
}

/// Where "Move" sends lines: the chosen target if it is out of every pot or a pot that still
/// exists, else the first pot, else out of every pot. The select always shows exactly this.
pub fn move_target(chosen: &str, scenario: &Scenario) -> Option<PotId> {
    match parse_target(chosen) {
        Some(None) => None,
        Some(Some(pot)) if scenario.pot(pot).is_some() => Some(pot),
        _ => scenario.pots.first().map(|p| p.id),
    }
}

/// How far to scroll the window, per tick, while a drag is held `y` CSS pixels down a window
/// `height` tall: towards an edge when within [`EDGE`] of it, faster the closer, so a finger
/// can reach a pot off screen.
pub fn edge_scroll(y: i32, height: i32) -> i32 {
    const FASTEST: i32 = 24;
    if height <= 2 * EDGE {
        return 0;
    }
    if y < EDGE {
        -(FASTEST * (EDGE - y.max(0)) / EDGE).max(1)
    } else if y > height - EDGE {
        (FASTEST * (y.min(height) - (height - EDGE)) / EDGE).max(1)
    } else {
        0
    }
}

/// How near a window's top or bottom edge a drag scrolls it.
pub const EDGE: i32 = 56;

/// The lines a drag carries, with what the drag says: the whole selection when the dragged
/// `lines` are part of a larger selection, else just `lines` under their own `label`.
pub fn drag_selection(selected: &HashSet<u32>, lines: &[u32], label: &str) -> (Vec<u32>, String) {
    if selected.len() > lines.len() && lines.iter().all(|line| selected.contains(line)) {
        let mut all: Vec<u32> = selected.iter().copied().collect();
        all.sort_unstable();
        let label = format!("{} selected lines", format::count(all.len() as u64));
        (all, label)
    } else {
        (lines.to_vec(), label.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use grantpool::scenario::{Command, Edit, Editor, PotPolicy};

    #[test]
    fn targets_round_trip_through_their_values() {
        assert_eq!(parse_target(&target_value(None)), Some(None));
        assert_eq!(
            parse_target(&target_value(Some(PotId(7)))),
            Some(Some(PotId(7)))
        );
        assert_eq!(parse_target("pot seven"), None);
    }

    #[test]
    fn move_goes_to_the_chosen_pot_while_it_exists_else_the_first() {
        let mut editor = Editor::new(2);
        assert_eq!(move_target("", &editor.scenario), None, "no pots yet");
        for name in ["A", "B"] {
            editor
                .apply(Command::Edit(Edit::CreatePot {
                    name: name.into(),
                    colour: 0,
                    policy: PotPolicy::LiftRingfence,
                }))
                .unwrap();
        }
        let (a, b) = (PotId(1), PotId(2));
        assert_eq!(move_target("", &editor.scenario), Some(a));
        assert_eq!(move_target("2", &editor.scenario), Some(b));
        assert_eq!(move_target(NOT_IN_A_POT_VALUE, &editor.scenario), None);
        editor
            .apply(Command::Edit(Edit::DeletePot { pot: b }))
            .unwrap();
        assert_eq!(move_target("2", &editor.scenario), Some(a), "B is gone");
    }

    #[test]
    fn dragging_part_of_a_selection_carries_the_whole_selection() {
        let selected: HashSet<u32> = [4, 1, 9].into_iter().collect();
        assert_eq!(
            drag_selection(&selected, &[1, 9], "DfT (2 lines)"),
            (vec![1, 4, 9], "3 selected lines".to_owned())
        );
        assert_eq!(
            drag_selection(&selected, &[1, 2], "MoJ (2 lines)"),
            (vec![1, 2], "MoJ (2 lines)".to_owned()),
            "a group outside the selection goes alone"
        );
        assert_eq!(
            drag_selection(&selected, &[1, 4, 9], "All (3 lines)").0,
            [1, 4, 9]
        );
    }

    #[test]
    fn a_drag_near_an_edge_scrolls_towards_it_faster_the_closer() {
        assert_eq!(edge_scroll(400, 800), 0);
        assert_eq!(edge_scroll(0, 800), -24);
        assert!(edge_scroll(40, 800) < 0 && edge_scroll(40, 800) > -24);
        assert_eq!(edge_scroll(800, 800), 24);
        assert_eq!(edge_scroll(800 - EDGE, 800), 0);
        assert_eq!(edge_scroll(800 - EDGE + 1, 800), 1);
        assert_eq!(edge_scroll(10, 100), 0, "a window too short to have edges");
    }
}
