//! The in-memory twin of the IndexedDB store, for native tests.

use super::{Store, StoreError};
use crate::model::{Interaction, Person};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// A `Store` held in memory.
#[derive(Debug, Default)]
pub struct MemoryStore {
    people: RefCell<BTreeMap<String, Person>>,
    interactions: RefCell<BTreeMap<String, Interaction>>,
}

impl MemoryStore {
    /// Every interaction, in id order.
    pub fn all_interactions(&self) -> Vec<Interaction> {
        self.interactions.borrow().values().cloned().collect()
    }

    /// Every person, in id order.
    pub fn all_people(&self) -> Vec<Person> {
        self.people.borrow().values().cloned().collect()
    }
}

impl Store for MemoryStore {
    async fn person(&self, id: &str) -> Result<Option<Person>, StoreError> {
        Ok(self.people.borrow().get(id).cloned())
    }

    async fn person_by_identity(&self, key: &str) -> Result<Option<Person>, StoreError> {
        Ok(self.people.borrow().values().find(|p| p.identity_keys().iter().any(|k| k == key)).cloned())
    }

    async fn save(&self, person: &Person, interaction: Option<&Interaction>) -> Result<(), StoreError> {
        self.people.borrow_mut().insert(person.id.clone(), person.clone());
        if let Some(i) = interaction {
            self.interactions.borrow_mut().insert(i.id.clone(), i.clone());
        }
        Ok(())
    }

    async fn withdraw(&self, interaction_id: &str) -> Result<bool, StoreError> {
        Ok(self.interactions.borrow_mut().remove(interaction_id).is_some())
    }

    async fn interactions_of(&self, person_id: &str) -> Result<Vec<Interaction>, StoreError> {
        let mut list: Vec<_> = self.interactions.borrow().values().filter(|i| i.person == person_id).cloned().collect();
        list.sort_by_key(|i| i.at);
        Ok(list)
    }

    async fn latest(&self, limit: usize) -> Result<Vec<Interaction>, StoreError> {
        let mut list = self.all_interactions();
        list.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.id.cmp(&a.id)));
        list.truncate(limit);
        Ok(list)
    }
}
