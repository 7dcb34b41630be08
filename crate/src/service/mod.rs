//! The background's service: the requests every other context sends
//! (`messages`, in both modules), how each is answered (`dispatch`, the
//! background's), and the export and import formats (`export`).

#[cfg(feature = "background")]
mod dispatch;
#[cfg(feature = "background")]
pub mod export;
pub mod messages;

#[cfg(feature = "background")]
pub use dispatch::*;
