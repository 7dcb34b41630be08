//! The browser's sync storage as Kindling uses it: the quotas both browsers
//! enforce (Chrome's `storage.sync` and Firefox's are the same), Kindling's
//! items (a meta item, the settings, people in shards by id), and fitting
//! the synced state into them, leaving out first what matters least.

use super::doc::{SyncDoc, SyncPerson};
use std::collections::BTreeMap;

/// `storage.sync`'s quotas, as Chrome documents them (Firefox's are the
/// same): bytes in all and per item (an item's key and its value as JSON),
/// items, and write operations a minute and an hour.
pub const QUOTA_BYTES: usize = 102_400;
pub const QUOTA_BYTES_PER_ITEM: usize = 8_192;
pub const MAX_ITEMS: usize = 512;
pub const MAX_WRITES_PER_MINUTE: usize = 120;
pub const MAX_WRITES_PER_HOUR: usize = 1_800;

/// Kindling's items in the area: the meta item (the key's salt and cost,
/// and a sealed check), the settings, and people spread over `SHARDS`.
pub const META: &str = "kindling.meta";
pub const SETTINGS: &str = "kindling.settings";
pub const SHARDS: u64 = 12;

/// Items by key, each value the text stored (sealed, base-64).
pub type Items = BTreeMap<String, String>;

/// The item a person's shard is stored under.
pub fn shard_key(person: &str) -> String {
    format!("kindling.people.{}", crate::engine::pacing::post_hash(person) % SHARDS)
}

/// Is `key` one of Kindling's (the area is shared by the extension's
/// contexts only, but an older Kindling may have left others)?
pub fn is_ours(key: &str) -> bool {
    key.starts_with("kindling.")
}

/// What one item costs of the quotas: its key and its value written as
/// JSON (a string of base-64 is its length and two quotes).
pub fn item_bytes(key: &str, value: &str) -> usize {
    key.len() + value.len() + 2
}

/// How long a sealed item of `plain` bytes is: a 24-byte nonce and a
/// 16-byte tag around it, in base-64.
pub fn sealed_len(plain: usize) -> usize {
    (plain + 40).div_ceil(3) * 4
}

/// What was left out of the synced state to fit the quotas (kept on this
/// device all the same).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// People not tracked whose notes are not synced.
    pub notes_of_untracked: usize,
    /// People not tracked whose questions, plans and meetings are not synced.
    pub details_of_untracked: usize,
    /// People not tracked who are not synced at all.
    pub untracked: usize,
}

impl LeftOut {
    pub fn is_empty(&self) -> bool {
        *self == LeftOut::default()
    }
}

/// The synced state does not fit even with everything it may leave out left
/// out: the tracked people alone are more than the area holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooBig {
    pub bytes: usize,
}

/// The plain items `doc` is stored as (before sealing): the settings, and
/// each shard of people as JSON.
pub fn plain_items(doc: &SyncDoc) -> BTreeMap<String, Vec<u8>> {
    let mut shards: BTreeMap<String, BTreeMap<&String, &SyncPerson>> = BTreeMap::new();
    for (id, person) in &doc.people {
        shards.entry(shard_key(id)).or_default().insert(id, person);
    }
    let mut items: BTreeMap<String, Vec<u8>> =
        shards.into_iter().map(|(key, people)| (key, serde_json::to_vec(&people).unwrap_or_default())).collect();
    if let Some(settings) = &doc.settings {
        items.insert(SETTINGS.to_owned(), serde_json::to_vec(settings).unwrap_or_default());
    }
    items
}

/// Does `items` (plain), sealed, fit beside a meta item of `meta_bytes`?
fn fits(items: &BTreeMap<String, Vec<u8>>, meta_bytes: usize) -> Result<(), usize> {
    let sizes: Vec<usize> = items.iter().map(|(key, plain)| key.len() + 2 + sealed_len(plain.len())).collect();
    let total = meta_bytes + sizes.iter().sum::<usize>();
    let each = sizes.iter().all(|s| *s <= QUOTA_BYTES_PER_ITEM);
    if each && total <= QUOTA_BYTES && items.len() < MAX_ITEMS {
        Ok(())
    } else {
        Err(total)
    }
}

/// `doc` as it fits the area: whole if it can; otherwise, step by step
/// until it does, the notes of people not tracked, then their other
/// details, then those people. Never the tracked people, nor a deletion or
/// a merge (a person gone keeps their entry).
pub fn fit(doc: &SyncDoc, meta_bytes: usize) -> Result<(SyncDoc, LeftOut), TooBig> {
    let untracked: Vec<String> = doc
        .people
        .iter()
        .filter(|(_, p)| p.tracked.get::<bool>() != Some(true) && p.here())
        .map(|(id, _)| id.clone())
        .collect();
    let mut fitted = doc.clone();
    let mut left = LeftOut::default();
    for step in 0..4 {
        match step {
            0 => {}
            1 => {
                for id in &untracked {
                    if let Some(p) = fitted.people.get_mut(id).filter(|p| !p.notes.0.is_empty()) {
                        p.notes.0.clear();
                        left.notes_of_untracked += 1;
                    }
                }
            }
            2 => {
                for id in &untracked {
                    if let Some(p) = fitted.people.get_mut(id) {
                        let had = !(p.ask_about.0.is_empty() && p.attempts.0.is_empty() && p.meetings.0.is_empty());
                        p.ask_about.0.clear();
                        p.attempts.0.clear();
                        p.meetings.0.clear();
                        p.weeks.clear();
                        left.details_of_untracked += usize::from(had);
                    }
                }
            }
            _ => {
                for id in &untracked {
                    fitted.people.remove(id);
                }
                left.untracked = untracked.len();
            }
        }
        match fits(&plain_items(&fitted), meta_bytes) {
            Ok(()) => return Ok((fitted, left)),
            Err(bytes) if step == 3 => return Err(TooBig { bytes }),
            Err(_) => {}
        }
    }
    Err(TooBig { bytes: 0 })
}

/// Why the area refused a read or a write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AreaError {
    /// A quota (its name, as the browser gives it): try again later.
    Quota(String),
    /// Anything else the browser said.
    Failed(String),
}

/// The browser's sync storage (the background's `storage.sync`; a fake
/// with the same quotas in the tests).
#[allow(async_fn_in_trait)] // used within this crate, on one thread
pub trait Area {
    /// Kindling's items.
    async fn read(&self) -> Result<Items, AreaError>;
    /// Write `set` in one operation, then remove `remove` in another.
    async fn write(&self, set: Items, remove: Vec<String>) -> Result<(), AreaError>;
}

/// A sync area shared by simulated devices, enforcing the browsers' quotas
/// and write limits (`now_ms` is moved by the test).
#[cfg(test)]
#[derive(Default)]
pub struct FakeArea {
    pub items: std::cell::RefCell<Items>,
    pub writes: std::cell::RefCell<Vec<i64>>,
    pub now_ms: std::cell::Cell<i64>,
    /// Every call made, for tests that assert none was.
    pub calls: std::cell::Cell<usize>,
}

#[cfg(test)]
impl FakeArea {
    fn operation(&self) -> Result<(), AreaError> {
        let now = self.now_ms.get();
        let mut writes = self.writes.borrow_mut();
        let last_minute = writes.iter().filter(|t| now - **t < 60_000).count();
        let last_hour = writes.iter().filter(|t| now - **t < 3_600_000).count();
        if last_minute >= MAX_WRITES_PER_MINUTE {
            return Err(AreaError::Quota("MAX_WRITE_OPERATIONS_PER_MINUTE".into()));
        }
        if last_hour >= MAX_WRITES_PER_HOUR {
            return Err(AreaError::Quota("MAX_WRITE_OPERATIONS_PER_HOUR".into()));
        }
        writes.push(now);
        Ok(())
    }
}

#[cfg(test)]
impl Area for FakeArea {
    async fn read(&self) -> Result<Items, AreaError> {
        self.calls.set(self.calls.get() + 1);
        Ok(self.items.borrow().iter().filter(|(k, _)| is_ours(k)).map(|(k, v)| (k.clone(), v.clone())).collect())
    }

    async fn write(&self, set: Items, remove: Vec<String>) -> Result<(), AreaError> {
        self.calls.set(self.calls.get() + 1);
        if !set.is_empty() {
            let mut after = self.items.borrow().clone();
            after.extend(set.clone());
            if set.iter().any(|(k, v)| item_bytes(k, v) > QUOTA_BYTES_PER_ITEM) {
                return Err(AreaError::Quota("QUOTA_BYTES_PER_ITEM".into()));
            }
            if after.iter().map(|(k, v)| item_bytes(k, v)).sum::<usize>() > QUOTA_BYTES {
                return Err(AreaError::Quota("QUOTA_BYTES".into()));
            }
            if after.len() > MAX_ITEMS {
                return Err(AreaError::Quota("MAX_ITEMS".into()));
            }
            self.operation()?;
            *self.items.borrow_mut() = after;
        }
        if !remove.is_empty() {
            self.operation()?;
            let mut items = self.items.borrow_mut();
            for key in remove {
                items.remove(&key);
            }
        }
        Ok(())
    }
}
