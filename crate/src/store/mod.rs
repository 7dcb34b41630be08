//! The durable record: a small raw `Backend` (IndexedDB in the browser, a
//! map here for tests) and `Records`, which reads and writes people and
//! interactions through it. Records that cannot be read are moved aside
//! to the quarantine, untouched, and counted; they are never overwritten or
//! dropped. Only the background holds `Records`.

pub mod codec;
pub mod digest;
mod memory;
mod schema;

pub use memory::MemoryBackend;
pub use schema::*;

use crate::model::{Interaction, Person, Settings};
use chrono::{DateTime, Utc};
use digest::Digest;
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

thread_local! {
    /// Everyone's digests as this background last read or wrote them, with
    /// the stamp the store had then: while the stamp is the same, Today
    /// reads one small record instead of 64 large ones.
    static DIGESTS_SEEN: RefCell<Option<(String, Rc<Vec<Digest>>)>> = const { RefCell::new(None) };
    /// The stamp the store had when this background last read every record
    /// (`check`); `Some(None)`: checked before anything was ever written.
    static CHECKED: RefCell<Option<Option<String>>> = const { RefCell::new(None) };
}

/// Stamps: when this process first opened the store, and a count.
static STAMPS: AtomicU64 = AtomicU64::new(0);
static STARTED: AtomicU64 = AtomicU64::new(0);

/// A storage failure, worded for the user who will see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The browser refused a write for lack of space: the profile's quota or
    /// the disk is used up. The write changed nothing.
    Full,
    /// Anything else: what failed, in words for the user.
    Failed(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Full => {
                write!(f, "Kindling could not use its storage: there is no space left for Kindling's records")
            }
            StoreError::Failed(what) => write!(f, "Kindling could not use its storage: {what}"),
        }
    }
}

impl std::error::Error for StoreError {}

/// A record as stored, with its primary key.
#[derive(Debug, Clone, PartialEq)]
pub struct Raw {
    pub key: String,
    pub value: Value,
}

/// One change in a write.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Put { store: &'static str, value: Value },
    Delete { store: &'static str, key: String },
    Clear { store: &'static str },
}

/// Raw, durable storage. `write` applies all its operations in one
/// transaction and resolves once they are on disk.
// The extension is single-threaded wasm: futures need not be `Send`.
#[allow(async_fn_in_trait)]
pub trait Backend {
    async fn get(&self, store: &str, key: &str) -> Result<Option<Value>, StoreError>;
    /// The records of `store` under each of `keys`, in their order, read in
    /// one transaction.
    async fn get_many(&self, store: &str, keys: &[String]) -> Result<Vec<Option<Value>>, StoreError>;
    /// Every record of `store`, or those under `key` in `index`.
    async fn get_all(&self, store: &str, index: Option<(&Index, &str)>) -> Result<Vec<Raw>, StoreError>;
    /// Every record of `store` as its key and its `field` when that is
    /// text: large text read as it is, without decoding a record around it.
    async fn texts(&self, store: &str, field: &str) -> Result<Vec<(String, Option<String>)>, StoreError>;
    /// The newest interactions by time, newest first.
    async fn newest(&self, limit: usize) -> Result<Vec<Raw>, StoreError>;
    /// How many records `store` holds, none of them read.
    async fn count(&self, store: &str) -> Result<usize, StoreError>;
    async fn write(&self, ops: Vec<Op>) -> Result<(), StoreError>;
}

impl<T: Backend> Backend for &T {
    async fn get(&self, store: &str, key: &str) -> Result<Option<Value>, StoreError> {
        (**self).get(store, key).await
    }
    async fn get_many(&self, store: &str, keys: &[String]) -> Result<Vec<Option<Value>>, StoreError> {
        (**self).get_many(store, keys).await
    }
    async fn get_all(&self, store: &str, index: Option<(&Index, &str)>) -> Result<Vec<Raw>, StoreError> {
        (**self).get_all(store, index).await
    }
    async fn texts(&self, store: &str, field: &str) -> Result<Vec<(String, Option<String>)>, StoreError> {
        (**self).texts(store, field).await
    }
    async fn newest(&self, limit: usize) -> Result<Vec<Raw>, StoreError> {
        (**self).newest(limit).await
    }
    async fn count(&self, store: &str) -> Result<usize, StoreError> {
        (**self).count(store).await
    }
    async fn write(&self, ops: Vec<Op>) -> Result<(), StoreError> {
        (**self).write(ops).await
    }
}

/// A record kept aside because it could not be read.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Quarantined {
    pub store: String,
    pub key: String,
    pub reason: String,
    pub at: DateTime<Utc>,
    pub value: Value,
}

/// People and interactions over a `Backend`.
pub struct Records<B> {
    pub backend: B,
    /// The browser tab a content script's report came from, if it did:
    /// what pages add is counted per tab (`count_new_person`).
    pub tab: Option<i64>,
}

impl<B: Backend> Records<B> {
    /// Open the record, bringing older records forward first. Runs at every
    /// start of the background, not only on install or update (an update
    /// while the extension was disabled fires no `onInstalled`).
    pub async fn open(backend: B, now: DateTime<Utc>) -> Result<Records<B>, StoreError> {
        let records = Records { backend, tab: None };
        let _ =
            STARTED.compare_exchange(0, now.timestamp_micros().unsigned_abs(), Ordering::Relaxed, Ordering::Relaxed);
        let stored = records.backend.get(META, "schema").await?;
        let version = match &stored {
            Some(meta) => meta.get("value").and_then(Value::as_u64).map_or(1, |v| v as u32),
            // Schema 1 had no meta store; an empty database is new.
            None if records.is_empty().await? => SCHEMA_VERSION,
            None => 1,
        };
        if version > SCHEMA_VERSION {
            return Err(StoreError::Failed(format!(
                "the data was written by a newer Kindling (schema {version}); this one reads up to {SCHEMA_VERSION}. Update Kindling; nothing was changed."
            )));
        }
        if version < SCHEMA_VERSION {
            records.migrate(version, now).await?;
        } else if stored.is_none() {
            records.write(vec![schema_op()]).await?;
        }
        Ok(records)
    }

    /// Write through the backend. A write touching people, interactions or
    /// digests also stores a new stamp, in the same transaction, and forgets
    /// the digests seen: whoever wrote, a cached copy is never used after
    /// the record changed. Returns the stamp written, if any.
    async fn write(&self, mut ops: Vec<Op>) -> Result<Option<String>, StoreError> {
        let touches = ops.iter().any(|op| match op {
            Op::Put { store, .. } | Op::Delete { store, .. } | Op::Clear { store } => {
                [PEOPLE, INTERACTIONS, DIGESTS].contains(store)
            }
        });
        let started = STARTED.load(Ordering::Relaxed);
        let stamp = touches.then(|| format!("{started:x}-{:x}", STAMPS.fetch_add(1, Ordering::Relaxed)));
        if let Some(stamp) = &stamp {
            DIGESTS_SEEN.with(|seen| seen.borrow_mut().take());
            ops.push(Op::Put { store: DIGESTS, value: json!({"id": STAMP, "v": stamp}) });
        }
        self.backend.write(ops).await?;
        Ok(stamp)
    }

    async fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.backend.get_all(PEOPLE, None).await?.is_empty() && self.backend.newest(1).await?.is_empty())
    }

    /// Rewrite every record in the current schema, in one transaction: an
    /// interrupted migration leaves the old records as they were.
    async fn migrate(&self, from: u32, now: DateTime<Utc>) -> Result<(), StoreError> {
        let mut ops = Vec::new();
        for store in [PEOPLE, INTERACTIONS] {
            for raw in self.backend.get_all(store, None).await? {
                match codec::migrate(store, from, raw.value.clone()) {
                    Ok(value) => ops.push(Op::Put { store, value }),
                    Err(reason) => ops.extend(quarantine_ops(store, raw, &reason, now)),
                }
            }
        }
        ops.push(schema_op());
        ops.push(Op::Clear { store: DIGESTS });
        self.write(ops).await.map(drop)
    }

    /// Decode `raws`, moving the unreadable ones to the quarantine.
    async fn decode_all<T>(
        &self,
        store: &'static str,
        raws: Vec<Raw>,
        decode: fn(Value) -> Result<T, String>,
        now: DateTime<Utc>,
    ) -> Result<Vec<T>, StoreError> {
        let mut good = Vec::with_capacity(raws.len());
        let mut aside = Vec::new();
        for raw in raws {
            match decode(raw.value.clone()) {
                Ok(item) => good.push(item),
                Err(reason) => aside.extend(quarantine_ops(store, raw, &reason, now)),
            }
        }
        if !aside.is_empty() {
            self.write(aside).await?;
        }
        Ok(good)
    }

    pub async fn person(&self, id: &str, now: DateTime<Utc>) -> Result<Option<Person>, StoreError> {
        let raw = self.backend.get(PEOPLE, id).await?.map(|value| Raw { key: id.to_owned(), value });
        Ok(self.decode_all(PEOPLE, raw.into_iter().collect(), codec::decode_person, now).await?.pop())
    }

    /// The people with these ids, in one read; those not found are left out.
    pub async fn people(&self, ids: &[String], now: DateTime<Utc>) -> Result<Vec<Person>, StoreError> {
        let found = self.backend.get_many(PEOPLE, ids).await?;
        let raws = ids.iter().zip(found).filter_map(|(key, value)| Some(Raw { key: key.clone(), value: value? }));
        self.decode_all(PEOPLE, raws.collect(), codec::decode_person, now).await
    }

    /// `id`, or if a person has it already, `id` with the first free
    /// `~n` after it.
    pub async fn unused_person_id(&self, id: &str) -> Result<String, StoreError> {
        let mut candidate = id.to_owned();
        for n in 2.. {
            if self.backend.get(PEOPLE, &candidate).await?.is_none() {
                break;
            }
            candidate = format!("{id}~{n}");
        }
        Ok(candidate)
    }

    /// The person who has the account `site:handle`.
    pub async fn person_by_identity(&self, key: &str, now: DateTime<Utc>) -> Result<Option<Person>, StoreError> {
        let raws = self.backend.get_all(PEOPLE, Some((&IDENTITY, key))).await?;
        Ok(self.decode_all(PEOPLE, raws, codec::decode_person, now).await?.into_iter().next())
    }

    /// A person's interactions, oldest first.
    pub async fn interactions_of(&self, person: &str, now: DateTime<Utc>) -> Result<Vec<Interaction>, StoreError> {
        let raws = self.backend.get_all(INTERACTIONS, Some((&BY_PERSON, person))).await?;
        let mut list = self.decode_all(INTERACTIONS, raws, codec::decode_interaction, now).await?;
        crate::model::order::sort_by(&mut list, |a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
        Ok(list)
    }

    /// The newest interactions, newest first.
    pub async fn latest(&self, limit: usize, now: DateTime<Utc>) -> Result<Vec<Interaction>, StoreError> {
        let raws = self.backend.newest(limit).await?;
        self.decode_all(INTERACTIONS, raws, codec::decode_interaction, now).await
    }

    pub async fn all_people(&self, now: DateTime<Utc>) -> Result<Vec<Person>, StoreError> {
        let raws = self.backend.get_all(PEOPLE, None).await?;
        self.decode_all(PEOPLE, raws, codec::decode_person, now).await
    }

    pub async fn all_interactions(&self, now: DateTime<Utc>) -> Result<Vec<Interaction>, StoreError> {
        let raws = self.backend.get_all(INTERACTIONS, None).await?;
        self.decode_all(INTERACTIONS, raws, codec::decode_interaction, now).await
    }

    /// Read every person and interaction, so that any record that can no
    /// longer be read is found and set aside. Once per state of the record
    /// while the background lives: it takes about a second at 100,000
    /// interactions, and an options page opened again with nothing changed
    /// in between would only read the same records again. Returns the
    /// people and interactions read, when it read them.
    pub async fn check(&self, now: DateTime<Utc>) -> Result<Option<(usize, usize)>, StoreError> {
        let stamp = self.stamp().await?;
        if CHECKED.with(|checked| checked.borrow().as_ref() == Some(&stamp)) {
            return Ok(None);
        }
        let people = self.all_people(now).await?.len();
        let interactions = self.all_interactions(now).await?.len();
        // Setting a record aside is a write, with a stamp of its own.
        let stamp = self.stamp().await?;
        CHECKED.with(|checked| *checked.borrow_mut() = Some(stamp));
        Ok(Some((people, interactions)))
    }

    async fn stamp(&self) -> Result<Option<String>, StoreError> {
        Ok(self.backend.get(DIGESTS, STAMP).await?.and_then(|v| v.get("v")?.as_str().map(str::to_owned)))
    }

    /// How many people and interactions are stored, unread: one that can
    /// no longer be read counts until something reads it and sets it aside.
    pub async fn counts(&self) -> Result<(usize, usize), StoreError> {
        Ok((self.backend.count(PEOPLE).await?, self.backend.count(INTERACTIONS).await?))
    }

    pub async fn settings(&self) -> Result<Settings, StoreError> {
        let raw = self.backend.get(META, "settings").await?;
        // Unreadable settings fall back to the defaults, which keep the most.
        Ok(raw
            .and_then(|r| serde_json::from_value(r.get("value").cloned().unwrap_or(Value::Null)).ok())
            .unwrap_or_default())
    }

    /// A small named value from the meta store.
    pub async fn meta(&self, name: &str) -> Result<Option<Value>, StoreError> {
        Ok(self.backend.get(META, name).await?.and_then(|r| r.get("value").cloned()))
    }

    /// The user's own link on `site` as a page last showed it, after noting
    /// `seen` (what the page shows now, if anything). Some sites show it on
    /// some pages only (Facebook's and LinkedIn's feeds): a page without it
    /// is read with the one seen last, so that the user's own posts are told
    /// apart there too. Written only when it changed.
    pub async fn signed_in(&self, site: &str, seen: Option<&str>) -> Result<Option<String>, StoreError> {
        let mut kept: BTreeMap<String, String> =
            self.meta(SIGNED_IN).await?.and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default();
        let Some(seen) = seen.filter(|s| !s.is_empty()) else { return Ok(kept.remove(site)) };
        if kept.get(site).map(String::as_str) != Some(seen) {
            kept.insert(site.to_owned(), seen.to_owned());
            self.set_meta(SIGNED_IN, serde_json::to_value(&kept).unwrap_or_default()).await?;
        }
        Ok(Some(seen.to_owned()))
    }

    /// Count one more person added this clock hour from this tab (`tab`;
    /// what no tab sent counts as one), unless `cap` were added already:
    /// then `false`, and nothing is written. Only this hour's counts are kept.
    pub async fn count_new_person(&self, cap: u32, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let hour = now.format("%Y-%m-%dT%H").to_string();
        let tab = self.tab_key();
        let kept = self.meta(NEW_PEOPLE).await?.unwrap_or_default();
        let mut counts: BTreeMap<String, u64> = if kept["hour"] == hour.as_str() {
            serde_json::from_value(kept["tabs"].clone()).unwrap_or_default()
        } else {
            BTreeMap::new()
        };
        let added = counts.get(&tab).copied().unwrap_or(0);
        if added >= u64::from(cap) {
            return Ok(false);
        }
        counts.insert(tab, added + 1);
        self.set_meta(NEW_PEOPLE, json!({"hour": hour, "tabs": counts})).await?;
        Ok(true)
    }

    /// Note that a page script took this tab's document away at `at` (ms
    /// since the epoch, the content script's clock): a document whose
    /// navigation started moments after is the script's, not the user's
    /// (`started_by_script`). A time far from `now` is no such moment and is
    /// ignored; marks older than a minute are dropped.
    pub async fn note_left_by_script(&self, at: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
        let now_ms = now.timestamp_millis();
        let Ok(at) = u64::try_from(at) else { return Ok(()) };
        if now_ms.abs_diff(at as i64) > LEFT_BY_SCRIPT_KEPT_MS {
            return Ok(());
        }
        let mut marks = self.left_by_script(now_ms).await?;
        marks.insert(self.tab_key(), at);
        self.set_meta(LEFT_BY_SCRIPT, json!(marks)).await
    }

    /// Did this tab's document, whose navigation started at `started` (ms
    /// since the epoch), come from a page script's navigation
    /// (`note_left_by_script`)? Between a second before the mark (clocks
    /// are read in two documents) and five seconds after it.
    pub async fn started_by_script(&self, started: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let marks = self.left_by_script(now.timestamp_millis()).await?;
        Ok(marks.get(&self.tab_key()).is_some_and(|&at| (-1000..=5000).contains(&started.saturating_sub(at as i64))))
    }

    /// The marks of `note_left_by_script` less than a minute old.
    async fn left_by_script(&self, now_ms: i64) -> Result<BTreeMap<String, u64>, StoreError> {
        let mut marks: BTreeMap<String, u64> =
            self.meta(LEFT_BY_SCRIPT).await?.and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default();
        marks.retain(|_, at| now_ms.abs_diff(*at as i64) <= LEFT_BY_SCRIPT_KEPT_MS);
        Ok(marks)
    }

    /// The tab this request came from, as a meta record's key (what no tab
    /// sent counts as one).
    fn tab_key(&self) -> String {
        self.tab.map_or_else(|| "none".to_owned(), |t| t.to_string())
    }

    pub async fn set_meta(&self, name: &str, value: Value) -> Result<(), StoreError> {
        self.write(vec![Op::Put { store: META, value: json!({"id": name, "value": value}) }]).await.map(drop)
    }

    /// Everything kept aside, oldest first.
    pub async fn quarantined(&self) -> Result<Vec<Quarantined>, StoreError> {
        let raws = self.backend.get_all(QUARANTINE, None).await?;
        let mut list: Vec<Quarantined> = raws
            .into_iter()
            .map(|r| Quarantined {
                store: r.value["store"].as_str().unwrap_or("").to_owned(),
                key: r.value["key"].as_str().unwrap_or("").to_owned(),
                reason: r.value["reason"].as_str().unwrap_or("").to_owned(),
                at: serde_json::from_value(r.value["at"].clone()).unwrap_or(DateTime::UNIX_EPOCH),
                value: r.value["value"].clone(),
            })
            .collect();
        crate::model::order::sort_by_key(&mut list, |q| q.at);
        Ok(list)
    }

    /// Everyone's digest for the Today agenda, brought up to date first:
    /// the people marked changed are recomputed from their records, and
    /// everything is rebuilt when the digests are missing, unreadable or
    /// most of them changed (a full read is then the quicker way).
    pub async fn digests(&self, now: DateTime<Utc>) -> Result<Rc<Vec<Digest>>, StoreError> {
        let stamp = self.stamp().await?;
        let seen = DIGESTS_SEEN.with(|seen| {
            seen.borrow().as_ref().filter(|(at, _)| Some(at) == stamp.as_ref()).map(|(_, digests)| digests.clone())
        });
        if let Some(digests) = seen {
            return Ok(digests);
        }
        let (digests, written) = self.read_digests(now).await?;
        let digests = Rc::new(digests);
        if let Some(stamp) = written.or(stamp) {
            DIGESTS_SEEN.with(|seen| *seen.borrow_mut() = Some((stamp, digests.clone())));
        }
        Ok(digests)
    }

    /// The digests from the store, and the stamp written if they were
    /// brought up to date.
    async fn read_digests(&self, now: DateTime<Utc>) -> Result<(Vec<Digest>, Option<String>), StoreError> {
        let mut built = false;
        let mut dirty: Vec<String> = Vec::new();
        let mut shards: BTreeMap<u64, Vec<Digest>> = BTreeMap::new();
        let mut damaged = false;
        for (key, text) in self.backend.texts(DIGESTS, "v").await? {
            if key == "built" {
                built = true;
            } else if let Some(person) = key.strip_prefix("dirty/") {
                dirty.push(person.to_owned());
            } else if let Some(n) = key.strip_prefix("shard/").and_then(|n| n.parse::<u64>().ok()) {
                match text.as_deref().map(digest::decode_shard) {
                    Some(Ok(list)) if n < digest::SHARDS => {
                        shards.insert(n, list);
                    }
                    _ => damaged = true,
                }
            }
        }
        if !built || damaged || dirty.len() > REBUILD_AFTER {
            return self.rebuild_digests(now).await;
        }
        let mut written = None;
        if !dirty.is_empty() {
            let mut changed = BTreeSet::new();
            for id in &dirty {
                let n = digest::shard_of(id);
                let shard = shards.entry(n).or_default();
                shard.retain(|d| d.person.id != *id);
                if let Some(person) = self.person(id, now).await? {
                    shard.push(Digest::of(&person, &self.interactions_of(id, now).await?));
                }
                changed.insert(n);
            }
            let mut ops: Vec<Op> = changed.into_iter().map(|n| shard_op(n, &shards[&n])).collect();
            ops.extend(dirty.iter().map(|id| Op::Delete { store: DIGESTS, key: format!("dirty/{id}") }));
            written = self.write_cache(ops).await?;
        }
        Ok((shards.into_values().flatten().collect(), written))
    }

    async fn rebuild_digests(&self, now: DateTime<Utc>) -> Result<(Vec<Digest>, Option<String>), StoreError> {
        let people = self.all_people(now).await?;
        let interactions = self.all_interactions(now).await?;
        let shards = digest::build(&people, &interactions);
        let mut ops = vec![Op::Clear { store: DIGESTS }];
        ops.extend(shards.iter().map(|(n, shard)| shard_op(*n, shard)));
        ops.push(built_op());
        let written = self.write_cache(ops).await?;
        Ok((shards.into_values().flatten().collect(), written))
    }

    /// Write digests, which are a cache: with no room for them the answer is
    /// still made from the record (a full store still shows Today), and the
    /// next one makes them again.
    async fn write_cache(&self, ops: Vec<Op>) -> Result<Option<String>, StoreError> {
        match self.write(ops).await {
            Err(StoreError::Full) => Ok(None),
            written => written,
        }
    }

    /// Write people and interactions, and delete others, in one durable
    /// transaction.
    pub async fn save(&self, change: Change) -> Result<(), StoreError> {
        let mut ops = Vec::new();
        if change.clear {
            ops.extend([Op::Clear { store: PEOPLE }, Op::Clear { store: INTERACTIONS }, Op::Clear { store: DIGESTS }]);
            // The change is the whole record: its digests are made from it.
            for (n, shard) in digest::build(&change.people, &change.interactions) {
                ops.push(shard_op(n, &shard));
            }
            ops.push(built_op());
        } else {
            self.check_no_takeover(&change).await?;
            let touched = change
                .people
                .iter()
                .map(|p| p.id.as_str())
                .chain(change.interactions.iter().map(|i| i.person.as_str()))
                .chain(change.delete_people.iter().map(String::as_str));
            ops.extend(touched.collect::<BTreeSet<&str>>().into_iter().map(dirty_op));
        }
        ops.extend(change.delete_people.into_iter().map(|key| Op::Delete { store: PEOPLE, key }));
        ops.extend(change.delete_interactions.into_iter().map(|key| Op::Delete { store: INTERACTIONS, key }));
        ops.extend(change.people.iter().map(|p| Op::Put { store: PEOPLE, value: codec::encode_person(p) }));
        ops.extend(
            change.interactions.iter().map(|i| Op::Put { store: INTERACTIONS, value: codec::encode_interaction(i) }),
        );
        if let Some(settings) = change.settings {
            ops.push(Op::Put { store: META, value: json!({"id": "settings", "value": settings}) });
        }
        if ops.is_empty() {
            return Ok(());
        }
        self.write(ops).await.map(drop)
    }

    /// A person written must be the one stored under their id, if any: one
    /// with an account in common (an update, a merge, a split keep at least
    /// one). A record with none of their accounts is someone else's, and a
    /// write that would replace it is refused whole, before anything is
    /// written (issue 21: a new person once overwrote a merged one).
    async fn check_no_takeover(&self, change: &Change) -> Result<(), StoreError> {
        let written: Vec<&Person> = change.people.iter().filter(|p| !change.delete_people.contains(&p.id)).collect();
        if written.is_empty() {
            return Ok(());
        }
        let ids: Vec<String> = written.iter().map(|p| p.id.clone()).collect();
        let stored = self.backend.get_many(PEOPLE, &ids).await?;
        for (person, stored) in written.into_iter().zip(stored) {
            let Some(stored) = stored else { continue };
            let keys: Vec<&str> = stored
                .get(IDENTITY.field)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            if !person.identity_keys().iter().any(|k| keys.contains(&k.as_str())) {
                // Not naming the person: the id is made of a handle a page showed.
                return Err(StoreError::Failed(
                    "a person's record was about to be written over another's (no account in common)".into(),
                ));
            }
        }
        Ok(())
    }

    /// Delete one interaction; `false` when there was none.
    pub async fn withdraw(&self, id: &str) -> Result<bool, StoreError> {
        let Some(record) = self.backend.get(INTERACTIONS, id).await? else { return Ok(false) };
        let mut ops = vec![Op::Delete { store: INTERACTIONS, key: id.to_owned() }];
        ops.extend(record.get(BY_PERSON.field).and_then(Value::as_str).map(dirty_op));
        self.write(ops).await?;
        Ok(true)
    }

    /// Delete a person and their whole history.
    pub async fn delete_person(&self, id: &str) -> Result<usize, StoreError> {
        let interactions = self.backend.get_all(INTERACTIONS, Some((&BY_PERSON, id))).await?;
        let count = interactions.len();
        let mut ops = vec![Op::Delete { store: PEOPLE, key: id.to_owned() }, dirty_op(id)];
        ops.extend(interactions.into_iter().map(|r| Op::Delete { store: INTERACTIONS, key: r.key }));
        self.write(ops).await?;
        Ok(count)
    }

    /// Delete everything, the quarantine and who the user is signed in as
    /// included; settings are kept.
    pub async fn delete_everything(&self) -> Result<(), StoreError> {
        self.backend
            .write(vec![
                Op::Clear { store: PEOPLE },
                Op::Clear { store: INTERACTIONS },
                Op::Clear { store: QUARANTINE },
                Op::Clear { store: DIGESTS },
                Op::Delete { store: META, key: SIGNED_IN.to_owned() },
            ])
            .await
    }
}

/// A set of changes written together.
#[derive(Debug, Default)]
pub struct Change {
    /// Empty people and interactions first (a replacing import).
    pub clear: bool,
    pub people: Vec<Person>,
    pub interactions: Vec<Interaction>,
    pub delete_people: Vec<String>,
    pub delete_interactions: Vec<String>,
    pub settings: Option<Settings>,
}

/// More people changed than this since the last Today: rebuild every
/// digest in one read instead of reading them one by one.
const REBUILD_AFTER: usize = 500;

fn dirty_op(person: &str) -> Op {
    Op::Put { store: DIGESTS, value: json!({"id": format!("dirty/{person}")}) }
}

/// The digests store's record of the last write (see `Records::write`).
const STAMP: &str = "stamp";
/// The meta record of how many people pages added this hour
/// (`Records::count_new_person`).
const NEW_PEOPLE: &str = "new_people";

/// The meta record of tabs a page script navigated away from
/// (`Records::note_left_by_script`), and how long a mark is kept.
const LEFT_BY_SCRIPT: &str = "left_by_script";
const LEFT_BY_SCRIPT_KEPT_MS: u64 = 60_000;

/// The meta record of the user's own link per site (`Records::signed_in`).
const SIGNED_IN: &str = "signed_in";

fn built_op() -> Op {
    Op::Put { store: DIGESTS, value: json!({"id": "built"}) }
}

fn shard_op(n: u64, shard: &[Digest]) -> Op {
    Op::Put { store: DIGESTS, value: json!({"id": format!("shard/{n:02}"), "v": digest::encode_shard(shard)}) }
}

fn schema_op() -> Op {
    Op::Put { store: META, value: json!({"id": "schema", "value": SCHEMA_VERSION}) }
}

/// Move a record to the quarantine: the raw value, untouched, with why.
/// Its person's digest is marked for recomputing, when it names one.
fn quarantine_ops(store: &'static str, raw: Raw, reason: &str, now: DateTime<Utc>) -> Vec<Op> {
    let person = match store {
        PEOPLE => Some(raw.key.clone()),
        _ => raw.value.get(BY_PERSON.field).and_then(Value::as_str).map(str::to_owned),
    };
    let id = format!("{store}/{}", raw.key);
    let value = json!({"id": id, "store": store, "key": raw.key, "reason": reason, "at": now, "value": raw.value});
    let mut ops = vec![Op::Put { store: QUARANTINE, value }, Op::Delete { store, key: raw.key }];
    ops.extend(person.as_deref().map(dirty_op));
    ops
}

#[cfg(test)]
mod tests;
