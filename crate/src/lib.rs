//! Kindling's core: the relationship record, the site adapters and the rules
//! that turn what the user does on social sites into a history kept on the
//! device. Everything but `browser` is plain Rust, tested natively.

pub mod card;
pub mod digest;
pub mod export;
pub mod ids;
pub mod merge;
pub mod messages;
pub mod model;
pub mod order;
pub mod pacing;
pub mod page_check;
pub mod service;
pub mod sites;
pub mod store;
pub mod tagged;
pub mod text;

#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod testing;

#[cfg(target_arch = "wasm32")]
pub mod browser;
