//! The text a delimited reader reads: all of it at once, or (in the import worker, which reads a
//! large file from disk a slice at a time) arriving in slices, keeping only what the reader has
//! not yet passed, so a 250 MB file is never held whole.

use std::io::{self, Read};

/// Released text is moved out only once there is at least this much of it (and at least half
/// the window), so each byte is moved a few times at most.
const RELEASE_AT_LEAST: usize = 1 << 20;

/// Text from the absolute offset `start` on.
#[derive(Debug, Default)]
pub struct Window {
    bytes: Vec<u8>,
    start: u64,
    /// Every slice has arrived: the end of `bytes` is the end of the text.
    complete: bool,
    /// Arriving in slices: text the reader has passed may be let go.
    streamed: bool,
}

impl Window {
    /// All the text at once.
    pub fn whole(bytes: Vec<u8>) -> Window {
        Window {
            bytes,
            complete: true,
            ..Window::default()
        }
    }

    /// Text that will arrive in slices ([`Window::push`], then [`Window::end`]).
    pub fn streamed() -> Window {
        Window {
            streamed: true,
            ..Window::default()
        }
    }

    /// Adds the next slice.
    pub fn push(&mut self, slice: &[u8]) {
        self.bytes.extend_from_slice(slice);
    }

    /// Says every slice has arrived.
    pub fn end(&mut self) {
        self.complete = true;
    }

    /// Every slice has arrived.
    pub fn complete(&self) -> bool {
        self.complete
    }

    /// The offset just past the text held.
    pub fn end_offset(&self) -> u64 {
        self.start + self.bytes.len() as u64
    }

    /// The text held from the absolute offset `at` on (empty past the end; text already let go
    /// of is never asked for: the reader keeps what it may look back on).
    pub fn from(&self, at: u64) -> &[u8] {
        debug_assert!(at >= self.start, "text before {} was let go", self.start);
        let index = at.saturating_sub(self.start).min(self.bytes.len() as u64);
        &self.bytes[index as usize..]
    }

    /// The byte just before the absolute offset `at` (0 at the start of the text).
    pub fn byte_before(&self, at: u64) -> u8 {
        match at.checked_sub(1) {
            Some(before) if before >= self.start => self.from(before).first().copied().unwrap_or(0),
            _ => 0,
        }
    }

    /// Lets go of the text before the absolute offset `at`, when the text is streamed and there
    /// is enough of it to be worth moving what is left.
    pub fn release_before(&mut self, at: u64) {
        if !self.streamed || at <= self.start {
            return;
        }
        let passed = ((at - self.start) as usize).min(self.bytes.len());
        if passed >= RELEASE_AT_LEAST && passed * 2 >= self.bytes.len() {
            self.bytes.drain(..passed);
            self.start += passed as u64;
        }
    }
}

/// The window read from an absolute offset on, as the csv reader pulls text. Reading past the
/// text held before every slice has arrived gives the end of input and marks the read
/// `starved`: whatever the reader made of it must be read again once more text has come.
#[derive(Debug, Default)]
pub struct WindowRead {
    pub window: Window,
    pub at: u64,
    pub starved: bool,
}

impl Read for WindowRead {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let held = self.window.from(self.at);
        if held.is_empty() {
            if !self.window.complete {
                self.starved = true;
            }
            return Ok(0);
        }
        let length = held.len().min(buffer.len());
        buffer[..length].copy_from_slice(&held[..length]);
        self.at += length as u64;
        Ok(length)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_window_lets_go_of_passed_text_and_a_read_past_it_starves() {
        let mut window = Window::streamed();
        window.push(&vec![b'a'; RELEASE_AT_LEAST]);
        window.push(b"bc");
        window.release_before(RELEASE_AT_LEAST as u64 - 1);
        assert_eq!(
            window.end_offset(),
            RELEASE_AT_LEAST as u64 + 2,
            "too little to move"
        );
        window.release_before(RELEASE_AT_LEAST as u64);
        assert_eq!(window.from(RELEASE_AT_LEAST as u64), b"bc");
        assert_eq!(window.byte_before(RELEASE_AT_LEAST as u64 + 1), b'b');
        let mut read = WindowRead {
            window,
            at: RELEASE_AT_LEAST as u64 + 1,
            starved: false,
        };
        let mut buffer = [0; 8];
        assert_eq!(read.read(&mut buffer).unwrap(), 1);
        assert_eq!((read.read(&mut buffer).unwrap(), read.starved), (0, true));
        read.window.end();
        read.starved = false;
        assert_eq!((read.read(&mut buffer).unwrap(), read.starved), (0, false));
    }

    #[test]
    fn a_whole_window_keeps_its_text() {
        let mut window = Window::whole(vec![b'x'; 3 * RELEASE_AT_LEAST]);
        window.release_before(2 * RELEASE_AT_LEAST as u64);
        assert_eq!(window.from(0).len(), 3 * RELEASE_AT_LEAST);
        assert_eq!(window.byte_before(0), 0);
    }
}
