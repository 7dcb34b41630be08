//! Kindling's core: the relationship record, the site adapters and the rules
//! that turn what the user does on social sites into a history kept on the
//! device. Everything but `browser` is plain Rust, tested natively.

// Two wasm modules are built from this crate (docs/architecture.md, "Two
// modules"): feature `background` is the background's (the store, the pacing
// engine, the site adapters, the service), feature `ui` the pages' (the card,
// the popup, the options page). What only the background runs is compiled
// only with `background`, so the pages' module cannot hold it; the types the
// two share (the model, the messages, the views' words) are in both.

pub mod card;
#[cfg(feature = "background")]
pub mod digest;
#[cfg(feature = "background")]
pub mod export;
#[cfg(feature = "background")]
pub mod ids;
#[cfg(feature = "background")]
pub mod merge;
pub mod messages;
pub mod model;
pub mod order;
pub mod pacing;
#[cfg(feature = "background")]
pub mod page_check;
#[cfg(feature = "background")]
pub mod service;
#[cfg(feature = "background")]
pub mod sites;
/// The pages' module knows of the sites only their hosts (`sites/hosts.rs`),
/// not the adapters.
#[cfg(not(feature = "background"))]
pub mod sites {
    pub mod hosts;
}
#[cfg(feature = "background")]
pub mod store;
pub mod tagged;
pub mod text;

#[cfg(all(test, feature = "background"))]
mod fuzz;
#[cfg(all(test, feature = "background"))]
mod testing;

#[cfg(target_arch = "wasm32")]
pub mod browser;
