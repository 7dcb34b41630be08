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
