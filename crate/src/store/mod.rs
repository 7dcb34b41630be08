//! The store every part reads and writes through: one trait, implemented by
//! IndexedDB in the browser (`browser::idb`) and in memory here for tests.
//! Only the background holds a store; everything else sends messages.

use crate::model::{Interaction, Person};
use std::fmt;

mod memory;
pub use memory::MemoryStore;

/// The IndexedDB schema version this build writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A storage failure, worded for the user who will see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Kindling could not use its storage: {}", self.0)
    }
}

impl std::error::Error for StoreError {}

/// Durable storage of people and interactions. Every write resolves only
/// once the data is on disk, so an acknowledged event survives the
/// background being stopped right after.
// The extension is single-threaded wasm: futures need not be `Send`.
#[allow(async_fn_in_trait)]
pub trait Store {
    async fn person(&self, id: &str) -> Result<Option<Person>, StoreError>;
    /// The person who has the identity `site:handle`.
    async fn person_by_identity(&self, key: &str) -> Result<Option<Person>, StoreError>;
    /// Write a person and, optionally, one of their interactions, in one
    /// transaction. Putting an interaction whose id exists replaces it.
    async fn save(&self, person: &Person, interaction: Option<&Interaction>) -> Result<(), StoreError>;
    /// Remove an interaction; `false` when there was none with this id.
    async fn withdraw(&self, interaction_id: &str) -> Result<bool, StoreError>;
    async fn interactions_of(&self, person_id: &str) -> Result<Vec<Interaction>, StoreError>;
    /// The newest interactions, newest first.
    async fn latest(&self, limit: usize) -> Result<Vec<Interaction>, StoreError>;
}
