//! Kindling's core: the relationship record, the site adapters and the rules
//! that turn what the user does on social sites into a history kept on the
//! device. Everything but `browser` is plain Rust, tested natively.
// Issue 22: no function over 80 lines outside tests (clippy.toml sets 80).
#![cfg_attr(not(test), deny(clippy::too_many_lines))]

// Two wasm modules are built from this crate (docs/architecture.md, "Two
// modules"): feature `background` is the background's (the store, the pacing
// engine, the site adapters, the service), feature `ui` the pages' (the card,
// the popup, the options page). What only the background runs is compiled
// only with `background`, so the pages' module cannot hold it; the types the
// two share (the model, the messages, the views' words) are in both.

// Layers, lowest first; each uses only those before it (`layers.rs` checks
// it): `model` (the data), `sites` (the adapters), `engine` (pacing, the
// agenda, search, the card's view), `sync` (the synced document, its
// sealing and quotas), `store` (the record), `service` (the
// background's requests), `browser` (the only one touching the browser).
pub mod model;
#[cfg(feature = "background")]
pub mod sites;
/// The pages' module knows of the sites only their hosts (`sites/hosts.rs`),
/// not the adapters.
#[cfg(not(feature = "background"))]
pub mod sites {
    pub mod hosts;
}
pub mod engine;
pub mod service;
#[cfg(feature = "background")]
pub mod store;
#[cfg(feature = "background")]
pub mod sync;

#[cfg(all(test, feature = "background"))]
mod fuzz;
#[cfg(test)]
mod layers;
#[cfg(all(test, feature = "background"))]
mod testing;

#[cfg(target_arch = "wasm32")]
pub mod browser;
