//! The background's service: the single writer of the record. Requests
//! (`messages`, in both modules) come from content scripts (reports,
//! unprivileged), the card and the popup (people, views), the options
//! page (data, settings) and the background's alarm (`reminders`);
//! `handle` checks each and sends it to its caller's module, one line an
//! arm. Pure over a store backend and the time
//! given, so it is tested natively. `export` holds the file formats.

#[cfg(feature = "background")]
mod data;
#[cfg(feature = "background")]
pub mod export;
pub mod messages;
#[cfg(feature = "background")]
mod network;
#[cfg(feature = "background")]
mod people;
#[cfg(feature = "background")]
mod reminders;
#[cfg(feature = "background")]
mod reports;
#[cfg(feature = "background")]
mod settings;
#[cfg(feature = "background")]
pub mod sync;
#[cfg(feature = "background")]
mod views;

#[cfg(feature = "background")]
mod handle;
#[cfg(feature = "background")]
pub use handle::*;

#[cfg(all(test, feature = "background"))]
mod network_tests;
#[cfg(all(test, feature = "background"))]
mod results_tests;
#[cfg(all(test, feature = "background"))]
mod tests;
