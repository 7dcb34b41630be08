//! Helpers for native tests.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Run a future that never waits (everything over `MemoryBackend`).
pub fn run<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(out) => out,
        Poll::Pending => panic!("the memory backend never waits"),
    }
}

/// The property names of a calendar file or vCard, one per content line
/// once unfolded (RFC 5545 §3.1: a line break followed by a space continues
/// the line); `Err` when a bare CR or LF is left inside a line.
pub fn property_names(text: &str) -> Result<Vec<String>, String> {
    let unfolded = text.replace("\r\n ", "");
    if unfolded.replace("\r\n", "").contains(['\r', '\n']) {
        return Err(format!("a bare line break: {unfolded:?}"));
    }
    Ok(unfolded
        .split("\r\n")
        .filter(|line| !line.is_empty())
        .map(|line| line.split([':', ';']).next().unwrap_or("").to_owned())
        .collect())
}

/// The lines of the calendar file Kindling writes for a meeting, by name:
/// one event with one alarm, nothing else.
pub const CALENDAR_LINES: [&str; 17] = [
    "BEGIN",
    "VERSION",
    "PRODID",
    "BEGIN",
    "UID",
    "DTSTAMP",
    "DTSTART",
    "DTEND",
    "SUMMARY",
    "URL",
    "BEGIN",
    "ACTION",
    "DESCRIPTION",
    "TRIGGER",
    "END",
    "END",
    "END",
];

/// The properties a vCard Kindling writes may have.
pub const VCARD_PROPERTIES: [&str; 9] =
    ["BEGIN", "VERSION", "FN", "UID", "X-SOCIALPROFILE", "URL", "CATEGORIES", "NOTE", "END"];
