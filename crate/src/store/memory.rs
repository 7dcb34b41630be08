//! The in-memory twin of the IndexedDB backend, for native tests.

use super::{Backend, Index, Op, Raw, StoreError, BY_TIME, INTERACTIONS};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// A `Backend` held in memory: store name → key → record.
#[derive(Debug, Default)]
pub struct MemoryBackend {
    stores: RefCell<BTreeMap<String, BTreeMap<String, Value>>>,
    /// Fail every write from now on (a full disk, a revoked quota).
    pub fail_writes: std::cell::Cell<bool>,
}

impl MemoryBackend {
    /// Put records in as they are, keyed by their `id`, bypassing the codec:
    /// how tests plant old or damaged data.
    pub fn plant(&self, store: &str, records: impl IntoIterator<Item = Value>) {
        let mut stores = self.stores.borrow_mut();
        let map = stores.entry(store.to_owned()).or_default();
        for record in records {
            let key = record.get("id").and_then(Value::as_str).unwrap_or("").to_owned();
            map.insert(key, record);
        }
    }

    /// Every record of a store, by key.
    pub fn dump(&self, store: &str) -> BTreeMap<String, Value> {
        self.stores.borrow().get(store).cloned().unwrap_or_default()
    }
}

impl Backend for MemoryBackend {
    async fn get(&self, store: &str, key: &str) -> Result<Option<Value>, StoreError> {
        Ok(self.stores.borrow().get(store).and_then(|s| s.get(key)).cloned())
    }

    async fn get_many(&self, store: &str, keys: &[String]) -> Result<Vec<Option<Value>>, StoreError> {
        let stores = self.stores.borrow();
        let records = stores.get(store);
        Ok(keys.iter().map(|key| records.and_then(|s| s.get(key)).cloned()).collect())
    }

    async fn get_all(&self, store: &str, index: Option<(&Index, &str)>) -> Result<Vec<Raw>, StoreError> {
        let stores = self.stores.borrow();
        let Some(records) = stores.get(store) else { return Ok(Vec::new()) };
        Ok(records
            .iter()
            .filter(|(_, value)| index.is_none_or(|(index, key)| index.matches(value, key)))
            .map(|(key, value)| Raw { key: key.clone(), value: value.clone() })
            .collect())
    }

    async fn texts(&self, store: &str, field: &str) -> Result<Vec<(String, Option<String>)>, StoreError> {
        let all = self.get_all(store, None).await?;
        Ok(all.into_iter().map(|r| (r.key, r.value.get(field).and_then(Value::as_str).map(str::to_owned))).collect())
    }

    async fn newest(&self, limit: usize) -> Result<Vec<Raw>, StoreError> {
        let mut all = self.get_all(INTERACTIONS, None).await?;
        // As IndexedDB's time index: records without a time are not in it.
        all.retain(|r| r.value.get(BY_TIME.field).is_some_and(Value::is_i64));
        all.sort_by_key(|r| std::cmp::Reverse((r.value[BY_TIME.field].as_i64(), r.key.clone())));
        all.truncate(limit);
        Ok(all)
    }

    async fn count(&self, store: &str) -> Result<usize, StoreError> {
        Ok(self.stores.borrow().get(store).map_or(0, BTreeMap::len))
    }

    async fn write(&self, ops: Vec<Op>) -> Result<(), StoreError> {
        if self.fail_writes.get() {
            return Err(StoreError::Full);
        }
        let mut stores = self.stores.borrow_mut();
        for op in ops {
            match op {
                Op::Put { store, value } => {
                    let key = value.get("id").and_then(Value::as_str).unwrap_or("").to_owned();
                    stores.entry(store.to_owned()).or_default().insert(key, value);
                }
                Op::Delete { store, key } => {
                    stores.entry(store.to_owned()).or_default().remove(&key);
                }
                Op::Clear { store } => {
                    stores.entry(store.to_owned()).or_default().clear();
                }
            }
        }
        Ok(())
    }
}
