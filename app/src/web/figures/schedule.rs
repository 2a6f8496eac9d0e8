//! Bringing the figures up to date without blocking the page: the browser half of
//! [`crate::figure_queue`].
//!
//! Each figure is a memo that tracks only its own clock, and reads the place, the pots and the
//! lines picked without tracking them. After a change, the schedule ticks each waiting figure's
//! clock in a task of its own, the first after the next frame is painted, so the browser shows
//! what the person did at once and paints and answers input between figures. A small place is
//! brought up to date at once.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::MessageChannel;

use super::super::state::AppState;
use crate::figure_queue::{at_once, Change, FigureQueue, Follows};

/// The page's figure schedule.
#[derive(Clone, Copy)]
pub struct Schedule {
    state: AppState,
    queue: StoredValue<FigureQueue<RwSignal<u64>>, LocalStorage>,
    /// Where a task is posted: a `MessageChannel`'s message runs in a task of its own, and is
    /// not slowed down when nested as `setTimeout` is. (Both ends are kept, so neither is
    /// collected while the page waits for a message.)
    channel: StoredValue<Option<MessageChannel>, LocalStorage>,
    handler: StoredValue<Option<Closure<dyn FnMut()>>, LocalStorage>,
    /// Posts the first task from the next animation frame, so the frame that shows what the
    /// person did (the lines moved, the file added) is painted before any figure is computed.
    after_frame: StoredValue<Option<Closure<dyn FnMut()>>, LocalStorage>,
    posted: StoredValue<bool>,
    /// True while figures wait to be brought up to date.
    pub updating: RwSignal<bool>,
}

impl Schedule {
    /// The schedule of the page's figures, watching the place, the place and year picked, and
    /// the pots.
    pub fn new(state: AppState) -> Schedule {
        let schedule = Schedule {
            state,
            queue: StoredValue::new_local(FigureQueue::default()),
            channel: StoredValue::new_local(None),
            handler: StoredValue::new_local(None),
            after_frame: StoredValue::new_local(None),
            posted: StoredValue::new(false),
            updating: RwSignal::new(false),
        };
        if let Ok(channel) = MessageChannel::new() {
            let handler = Closure::<dyn FnMut()>::new(move || schedule.run_one());
            channel
                .port1()
                .set_onmessage(Some(handler.as_ref().unchecked_ref()));
            schedule.channel.set_value(Some(channel));
            schedule.handler.set_value(Some(handler));
            let after_frame = Closure::<dyn FnMut()>::new(move || schedule.post());
            schedule.after_frame.set_value(Some(after_frame));
        }
        Effect::new(move |ran: Option<()>| {
            state.place.track();
            state.view.track();
            if ran.is_some() {
                schedule.changed(Change::Place);
            }
        });
        Effect::new(move |ran: Option<()>| {
            state.editor.track();
            if ran.is_some() {
                schedule.changed(Change::Pots);
            }
        });
        schedule
    }

    /// A figure: `compute` (which reads what it needs without tracking it) in a memo brought up
    /// to date by the schedule, after a change to what it `follows`.
    pub fn figure<T>(
        self,
        follows: Follows,
        compute: impl Fn() -> T + Send + Sync + 'static,
    ) -> Memo<T>
    where
        T: PartialEq + Send + Sync + 'static,
    {
        let clock = RwSignal::new(0u64);
        let id = self
            .queue
            .try_update_value(|queue| queue.add(follows, clock));
        on_cleanup(move || {
            if let Some(id) = id {
                self.queue.try_update_value(|queue| queue.remove(id));
            }
        });
        Memo::new(move |_| {
            clock.track();
            untrack(&compute)
        })
    }

    /// True when a figure shown for the first time now (its component made) waits its turn:
    /// on a large place, so a saved million lines show their first chart before the rest are
    /// computed. Then false once its turn has come, each in a task of its own after the
    /// figures above it; on a small place it is never false.
    pub fn waiting_to_show(self) -> Signal<bool> {
        if self.at_once() {
            return Signal::stored(false);
        }
        let turn = RwSignal::new(0u64);
        self.queue.update_value(|queue| queue.wait_once(turn));
        self.bring_up_to_date();
        Signal::derive(move || turn.get() == 0)
    }

    /// How many of `turns` turns have come, each in a task of its own, taken before the figures
    /// waiting now: for a view shown a part per task once its own turn has come (the rows of
    /// the funding map). On a small place every turn comes at once; none is queued for no turn.
    pub fn turns(self, turns: usize) -> Signal<usize> {
        if turns == 0 || self.at_once() {
            return Signal::stored(turns);
        }
        let came = RwSignal::new(0u64);
        self.queue
            .update_value(|queue| queue.wait_first(came, turns));
        self.bring_up_to_date();
        Signal::derive(move || came.get() as usize)
    }

    /// True while a view of the place that follows the pots at once, not through the schedule
    /// (the funding map's groups), waits its turn: shown for the first time on a large place,
    /// or after a file joined or left the place, until its turn comes after the figures
    /// registered before it. Its lines are then grouped in a task of their own, not in the
    /// task that showed or changed the place; on a small place it never waits.
    pub fn view_waiting(self) -> Signal<bool> {
        let first_showing = self.waiting_to_show();
        let changed = self.waiting_after_change();
        Signal::derive(move || first_showing.get() || changed.get())
    }

    /// True while such a view made by a person's own step (a pot's card, made when they create
    /// it) waits its turn: only after a file joined or left the place, not when first shown.
    pub fn waiting_after_change(self) -> Signal<bool> {
        let generation = self.state.place_generation;
        // The place's count of changes when this view's turn last came.
        let turn_came_at = self.figure(Follows::Place, move || generation.get_untracked());
        Signal::derive(move || turn_came_at.get() != generation.get() && !self.at_once())
    }

    /// True when the figures are brought up to date at once: on a small place, or where the
    /// page cannot post tasks.
    fn at_once(self) -> bool {
        let lines = self.state.place.with_untracked(|p| p.dataset.lines.len());
        let can_wait = self.channel.with_value(Option::is_some);
        !can_wait || at_once(lines)
    }

    /// Marks the figures `change` affects as waiting, and brings them up to date.
    fn changed(self, change: Change) {
        self.queue.update_value(|queue| queue.changed(change));
        self.bring_up_to_date();
    }

    /// Brings the waiting figures up to date: at once on a small place, else one per task from
    /// the next frame on.
    fn bring_up_to_date(self) {
        if self.at_once() {
            while self.tick_next() {}
            self.set_updating(false);
            return;
        }
        self.set_updating(true);
        if self.posted.get_value() {
            return;
        }
        self.posted.set_value(true);
        let frame = web_sys::window().and_then(|window| {
            self.after_frame.with_value(|after| {
                let after = after.as_ref()?;
                window
                    .request_animation_frame(after.as_ref().unchecked_ref())
                    .ok()
            })
        });
        if frame.is_none() {
            self.post();
        }
    }

    /// Posts a task that brings the next figure up to date.
    fn post(self) {
        self.posted.set_value(true);
        self.channel.with_value(|channel| {
            if let Some(channel) = channel {
                let _ = channel.port2().post_message(&JsValue::NULL);
            }
        });
    }

    /// Brings one figure up to date (its memo, and what shows it, in this task), then posts
    /// the next task or says the figures are settled.
    fn run_one(self) {
        self.posted.set_value(false);
        self.tick_next();
        if self.queue.with_value(FigureQueue::is_settled) {
            self.set_updating(false);
        } else {
            self.post();
        }
    }

    /// Ticks the next waiting figure's clock; false when none was waiting.
    fn tick_next(self) -> bool {
        match self
            .queue
            .try_update_value(FigureQueue::take_next)
            .flatten()
        {
            Some(clock) => {
                clock.try_update(|tick| *tick += 1);
                true
            }
            None => false,
        }
    }

    fn set_updating(self, updating: bool) {
        if self.updating.get_untracked() != updating {
            self.updating.set(updating);
        }
    }
}
