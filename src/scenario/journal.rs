//! Which lines changed pot, edit by edit, so a view of the lines in one pot (or in none) made
//! at one revision can be brought up to date from the lines that moved since, not by reading
//! every line's pot again: a move at a million lines touches thousands.

use std::sync::atomic::{AtomicU64, Ordering};

/// Revisions are numbered across every scenario of the program, so two scenarios (a copy and
/// the original after each has changed, or one read from a file) never share a revision they
/// did not reach together.
static NEXT_REVISION: AtomicU64 = AtomicU64::new(1);

fn fresh_revision() -> u64 {
    NEXT_REVISION.fetch_add(1, Ordering::Relaxed)
}

/// One edit that moved lines: its revision, where its moves start in [`Journal::moves`], and
/// the pots (0 for none) its lines left or joined.
#[derive(Debug, Clone)]
struct Entry {
    revision: u64,
    start: usize,
    pots: Vec<u32>,
}

/// The lines moved since every line's pot was last set afresh. Not part of what a scenario is:
/// two scenarios with the same pots and lines are equal whatever their journals hold.
#[derive(Debug, Clone)]
pub(super) struct Journal {
    /// The revision at which every line's pot was last set afresh (a new scenario, one read or
    /// replaced, lines added or removed): what moved before it cannot be told.
    afresh: u64,
    entries: Vec<Entry>,
    /// Each line moved and the pot it was in before, edit by edit.
    moves: Vec<(u32, u32)>,
}

impl Default for Journal {
    fn default() -> Self {
        Journal {
            afresh: fresh_revision(),
            entries: Vec::new(),
            moves: Vec::new(),
        }
    }
}

impl PartialEq for Journal {
    fn eq(&self, _: &Journal) -> bool {
        true
    }
}

impl Eq for Journal {}

/// A journal keeps at most this many moves, or a quarter of the lines if that is more (past
/// that, reading every line is as quick): once it holds more, its oldest edits are forgotten
/// down to half as many, and only views made before them are made again from every line.
const MOST_MOVES_KEPT: usize = if cfg!(test) { 16 } else { 1 << 16 };

impl Journal {
    /// The revision now: it changes whenever a line changes pot or every pot is set afresh.
    pub(super) fn revision(&self) -> u64 {
        self.entries
            .last()
            .map_or(self.afresh, |entry| entry.revision)
    }

    /// Every line's pot was set afresh: nothing before now can be told.
    pub(super) fn start_afresh(&mut self) {
        *self = Journal::default();
    }

    /// Starts an edit's entry; its moves follow through [`Journal::moved`].
    pub(super) fn begin(&mut self, lines: usize) {
        let most = MOST_MOVES_KEPT.max(lines / 4);
        if self.moves.len() > most {
            self.forget_oldest(most / 2);
        }
        self.entries.push(Entry {
            revision: fresh_revision(),
            start: self.moves.len(),
            pots: Vec::new(),
        });
    }

    /// Forgets the oldest edits until at most `kept` moves are left (or only the last edit).
    fn forget_oldest(&mut self, kept: usize) {
        let forgotten = self
            .entries
            .iter()
            .take(self.entries.len().saturating_sub(1))
            .take_while(|entry| self.moves.len() - entry.start > kept)
            .count();
        if forgotten == 0 {
            return;
        }
        // What the first edit kept starts from.
        self.afresh = self.entries[forgotten - 1].revision;
        let cut = self.entries[forgotten].start;
        self.entries.drain(..forgotten);
        self.moves.drain(..cut);
        for entry in &mut self.entries {
            entry.start -= cut;
        }
    }

    /// Line `line` went from pot number `was` to `now` in the edit begun last.
    pub(super) fn moved(&mut self, line: u32, was: u32, now: u32) {
        if was == now {
            return;
        }
        let entry = self.entries.last_mut().expect("an edit begun");
        for pot in [was, now] {
            if !entry.pots.contains(&pot) {
                entry.pots.push(pot);
            }
        }
        self.moves.push((line, was));
    }

    /// What left and what joined the lines whose pot number is `pot` since `revision`, each in
    /// line order, given each line's pot now (`pot_now`); `None` when it cannot be told.
    pub(super) fn moved_since(
        &self,
        revision: u64,
        pot: u32,
        pot_now: impl Fn(u32) -> u32,
    ) -> Option<(Vec<u32>, Vec<u32>)> {
        let first = if revision == self.afresh {
            0
        } else {
            1 + self
                .entries
                .binary_search_by_key(&revision, |entry| entry.revision)
                .ok()?
        };
        let since = &self.entries[first..];
        let (mut left, mut joined) = (Vec::new(), Vec::new());
        if !since.iter().any(|entry| entry.pots.contains(&pot)) {
            return Some((left, joined));
        }
        // Each line's pot at `revision` is the one its first move since left.
        let mut seen = crate::fasthash::FastSet::default();
        for &(line, was) in &self.moves[since[0].start..] {
            if !seen.insert(line) {
                continue;
            }
            match (was == pot, pot_now(line) == pot) {
                (true, false) => left.push(line),
                (false, true) => joined.push(line),
                _ => {}
            }
        }
        left.sort_unstable();
        joined.sort_unstable();
        Some((left, joined))
    }
}
