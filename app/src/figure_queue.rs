//! Which figures wait to be brought up to date, and in what order: the plain-data half of the
//! page's figure schedule (`web/figures/schedule.rs` is the browser half). After a change, each
//! waiting figure is recomputed in a task of its own, first registered first, so the page can
//! paint and answer input between them.

use std::collections::{BTreeMap, VecDeque};

/// Below this many funding lines, every figure is brought up to date at once, in the task of the
/// change itself: the whole redraw takes a few milliseconds, and a person would only see the
/// figures lag for nothing.
pub const AT_ONCE_BELOW: usize = 20_000;

/// True when a place of `lines` funding lines is brought up to date at once.
pub fn at_once(lines: usize) -> bool {
    lines < AT_ONCE_BELOW
}

/// What a figure is computed from, beside the place and the place and year picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follows {
    /// The place alone: unchanged by a move.
    Place,
    /// The place and the pots.
    Pots,
}

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The place, or the place and year picked: every figure.
    Place,
    /// The pots: the figures that follow them.
    Pots,
}

/// The figures registered, each with what it follows and a handle `H` to bring it up to date
/// (in the page, the signal its memo tracks), and those waiting.
#[derive(Debug)]
pub struct FigureQueue<H> {
    figures: BTreeMap<usize, (Follows, H)>,
    waiting: BTreeMap<usize, H>,
    /// Turns taken before any figure waiting: the rest of a view whose own turn has come.
    first: VecDeque<H>,
    next_id: usize,
}

impl<H> Default for FigureQueue<H> {
    fn default() -> Self {
        FigureQueue {
            figures: BTreeMap::new(),
            waiting: BTreeMap::new(),
            first: VecDeque::new(),
            next_id: 0,
        }
    }
}

impl<H: Copy> FigureQueue<H> {
    /// Registers a figure; figures registered earlier are brought up to date first.
    pub fn add(&mut self, follows: Follows, handle: H) -> usize {
        let id = self.next_id;
        self.next_id += 1;
        self.figures.insert(id, (follows, handle));
        id
    }

    /// Forgets a figure (its component is gone), waiting or not.
    pub fn remove(&mut self, id: usize) {
        self.figures.remove(&id);
        self.waiting.remove(&id);
    }

    /// Marks the figures that `change` affects as waiting.
    pub fn changed(&mut self, change: Change) {
        for (&id, &(follows, handle)) in &self.figures {
            if change == Change::Place || follows == Follows::Pots {
                self.waiting.insert(id, handle);
            }
        }
    }

    /// Queues `handle` once, after the figures waiting now, without registering it: for a
    /// figure shown for the first time, which waits its turn once and then follows the
    /// figures it reads.
    pub fn wait_once(&mut self, handle: H) {
        let id = self.next_id;
        self.next_id += 1;
        self.waiting.insert(id, handle);
    }

    /// Queues `turns` turns of `handle` before every figure waiting now (and after turns queued
    /// so before): for a view shown a part per task, whose own turn has just come, so it is
    /// finished before the figures below it are drawn.
    pub fn wait_first(&mut self, handle: H, turns: usize) {
        self.first.extend(std::iter::repeat_n(handle, turns));
    }

    /// The next figure to bring up to date, taken off the queue.
    pub fn take_next(&mut self) -> Option<H> {
        self.first
            .pop_front()
            .or_else(|| self.waiting.pop_first().map(|(_, handle)| handle))
    }

    /// True when no figure is waiting.
    pub fn is_settled(&self) -> bool {
        self.waiting.is_empty() && self.first.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain(queue: &mut FigureQueue<&'static str>) -> Vec<&'static str> {
        std::iter::from_fn(|| queue.take_next()).collect()
    }

    #[test]
    fn a_change_of_place_waits_every_figure_in_the_order_registered() {
        let mut queue = FigureQueue::default();
        queue.add(Follows::Place, "headline");
        queue.add(Follows::Pots, "measures");
        queue.add(Follows::Place, "places");
        assert!(queue.is_settled());
        queue.changed(Change::Place);
        assert!(!queue.is_settled());
        assert_eq!(drain(&mut queue), ["headline", "measures", "places"]);
        assert!(queue.is_settled());
    }

    #[test]
    fn a_move_waits_only_the_figures_that_follow_the_pots() {
        let mut queue = FigureQueue::default();
        queue.add(Follows::Place, "headline");
        queue.add(Follows::Pots, "measures");
        queue.add(Follows::Pots, "chart");
        queue.changed(Change::Pots);
        assert_eq!(drain(&mut queue), ["measures", "chart"]);
    }

    #[test]
    fn a_figure_waits_once_however_many_changes_come_before_its_turn() {
        let mut queue = FigureQueue::default();
        queue.add(Follows::Pots, "measures");
        queue.add(Follows::Place, "headline");
        queue.changed(Change::Pots);
        queue.changed(Change::Place);
        queue.changed(Change::Pots);
        assert_eq!(drain(&mut queue), ["measures", "headline"]);
    }

    #[test]
    fn a_removed_figure_is_not_brought_up_to_date() {
        let mut queue = FigureQueue::default();
        let gone = queue.add(Follows::Place, "gone");
        queue.add(Follows::Place, "kept");
        queue.changed(Change::Place);
        queue.remove(gone);
        assert_eq!(drain(&mut queue), ["kept"]);
        queue.changed(Change::Place);
        assert_eq!(drain(&mut queue), ["kept"]);
    }

    #[test]
    fn a_figure_shown_for_the_first_time_waits_its_turn_once() {
        let mut queue = FigureQueue::default();
        queue.add(Follows::Place, "headline");
        queue.changed(Change::Place);
        queue.wait_once("first shown");
        queue.add(Follows::Pots, "measures");
        queue.wait_once("then this");
        assert_eq!(drain(&mut queue), ["headline", "first shown", "then this"]);
        queue.changed(Change::Place);
        assert_eq!(
            drain(&mut queue),
            ["headline", "measures"],
            "waits once, not after every change"
        );
    }

    #[test]
    fn the_rest_of_a_view_takes_its_turns_before_the_figures_waiting() {
        let mut queue = FigureQueue::default();
        queue.add(Follows::Place, "map");
        queue.add(Follows::Place, "chart below");
        queue.changed(Change::Place);
        assert_eq!(queue.take_next(), Some("map"));
        queue.wait_first("map rows", 3);
        queue.wait_first("pot rows", 1);
        assert!(!queue.is_settled());
        assert_eq!(
            drain(&mut queue),
            [
                "map rows",
                "map rows",
                "map rows",
                "pot rows",
                "chart below"
            ]
        );
        assert!(queue.is_settled());
        queue.wait_first("alone", 1);
        assert!(!queue.is_settled(), "a turn queued first is waited for");
        assert_eq!(drain(&mut queue), ["alone"]);
    }

    #[test]
    fn only_a_large_place_is_brought_up_to_date_figure_by_figure() {
        assert!(at_once(0));
        assert!(at_once(AT_ONCE_BELOW - 1));
        assert!(!at_once(AT_ONCE_BELOW));
    }
}
