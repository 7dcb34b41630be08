//! The synced state (docs/sync.md): what of the record another browser may
//! share, as a document every device can merge with any other in any order
//! and reach the same result. Each value carries the hybrid logical clock of
//! its last change (`Hlc`); a value is last-writer-wins (`Lww`), a set
//! merges element by element with tombstones (`Set`).

use crate::model::{AskAbout, Identity, IrlAttempt, Meeting, Note};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A hybrid logical clock's stamp: wall-clock milliseconds, a counter for
/// changes within one millisecond (or while the wall clock is behind one
/// already seen), and the device, so no two devices ever make the same
/// stamp. Ordered by all three; written as `[ms, n, device]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Hlc(pub i64, pub u32, pub u32);

impl Hlc {
    /// The next stamp of `device` at wall time `now_ms`, after `last` (the
    /// latest stamp it made or saw): never behind a stamp already seen,
    /// whatever the device's clock says.
    pub fn tick(last: Hlc, now_ms: i64, device: u32) -> Hlc {
        if now_ms > last.0 {
            Hlc(now_ms, 0, device)
        } else {
            Hlc(last.0, last.1.saturating_add(1), device)
        }
    }
}

/// A value and the stamp of its last change: the later stamp wins. The
/// value is kept as its JSON text: one decoder for every kind of value (a
/// typed one for each was about 100 KB of the background's wasm), and two
/// devices compare values by the same text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lww {
    pub v: String,
    pub at: Hlc,
}

/// `value` as the JSON text a synced value keeps.
fn text_of<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

impl Lww {
    pub fn of<T: Serialize>(value: &T, at: Hlc) -> Lww {
        Lww { v: text_of(value), at }
    }

    /// The value, if it reads as a `T` (a newer Kindling's may not).
    pub fn get<T: DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_str(&self.v).ok()
    }

    /// Stamp `value` at `at`, if it is not the value already.
    pub fn set<T: Serialize>(&mut self, value: &T, at: Hlc) {
        let text = text_of(value);
        if self.v != text {
            *self = Lww { v: text, at };
        }
    }

    fn merge(&mut self, other: &Lww) {
        if other.at > self.at {
            *self = other.clone();
        }
    }
}

/// One element of a `Set`: its value as last written (JSON text; `add`:
/// the stamp of that write), and when it was last removed. It is in the
/// set unless removed after its last write.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Elem {
    pub v: String,
    pub add: Hlc,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub del: Option<Hlc>,
}

impl Elem {
    pub fn present(&self) -> bool {
        self.del.is_none_or(|del| del < self.add)
    }
}

/// A set of elements, each known by a key (`Keyed`), merged element by
/// element: the later write of a value wins, the later removal is kept, and
/// an element is present when written after it was last removed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Set(pub BTreeMap<String, Elem>);

/// How an element of a synced set is known: two devices that write the
/// same element (the same tag, the same note) give it the same key.
pub trait Keyed {
    fn key(&self) -> String;
}

impl Set {
    fn merge(&mut self, other: &Set) {
        for (key, theirs) in &other.0 {
            match self.0.get_mut(key) {
                None => {
                    self.0.insert(key.clone(), theirs.clone());
                }
                Some(mine) => {
                    if theirs.add > mine.add {
                        mine.v.clone_from(&theirs.v);
                        mine.add = theirs.add;
                    }
                    mine.del = mine.del.max(theirs.del);
                }
            }
        }
    }

    /// The elements present that read as `T`, in key order.
    pub fn values<T: DeserializeOwned>(&self) -> Vec<T> {
        self.0.values().filter(|e| e.present()).filter_map(|e| serde_json::from_str(&e.v).ok()).collect()
    }

    /// The keys of the elements present.
    pub fn keys(&self) -> Vec<&String> {
        self.0.iter().filter(|(_, e)| e.present()).map(|(k, _)| k).collect()
    }

    /// A set of `values`, each written at `at`.
    pub fn of<T: Serialize + Keyed>(values: &[T], at: Hlc) -> Set {
        let mut set = Set::default();
        set.observe(values, at);
        set
    }

    /// Add what `values` has that the set never had (written at `at`).
    pub fn add_new<T: Serialize + Keyed>(&mut self, values: &[T], at: Hlc) {
        for v in values {
            self.0.entry(v.key()).or_insert_with(|| Elem { v: text_of(v), add: at, del: None });
        }
    }

    /// Make the set hold exactly `now`, stamping what changed with `at`:
    /// new or changed elements written, missing ones removed.
    pub fn observe<T: Serialize + Keyed>(&mut self, now: &[T], at: Hlc) {
        let keys: Vec<String> = now.iter().map(Keyed::key).collect();
        for (key, e) in &mut self.0 {
            if e.present() && !keys.contains(key) {
                e.del = Some(at);
            }
        }
        for (key, value) in keys.into_iter().zip(now) {
            let text = text_of(value);
            match self.0.get_mut(&key) {
                Some(e) if e.present() && e.v == text => {}
                Some(e) => {
                    e.v = text;
                    e.add = at;
                }
                None => {
                    self.0.insert(key, Elem { v: text, add: at, del: None });
                }
            }
        }
    }

    fn latest(&self) -> Hlc {
        self.0.values().map(|e| e.add.max(e.del.unwrap_or_default())).max().unwrap_or_default()
    }
}

impl Keyed for String {
    fn key(&self) -> String {
        self.to_lowercase()
    }
}

impl Keyed for Identity {
    fn key(&self) -> String {
        Identity::key(self)
    }
}

impl Keyed for Note {
    fn key(&self) -> String {
        format!("{}", self.created_at.timestamp_millis())
    }
}

impl Keyed for AskAbout {
    fn key(&self) -> String {
        format!("{}:{}", self.created_at.timestamp_millis(), self.text.to_lowercase())
    }
}

impl Keyed for IrlAttempt {
    fn key(&self) -> String {
        format!("{}", self.raised_at.timestamp_millis())
    }
}

impl Keyed for Meeting {
    fn key(&self) -> String {
        format!("{}", self.at.timestamp_millis())
    }
}

/// Where a synced person went: nowhere (here), deleted, or merged into
/// another person (whose id is given).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gone {
    Here,
    Deleted,
    MergedInto(String),
}

/// One person as synced: what the user cannot rebuild from the sites. Each
/// value is a `Lww` of the model's type named beside it, each list a `Set`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncPerson {
    /// `Gone`.
    pub gone: Lww,
    /// `String`.
    pub name: Lww,
    /// `bool`.
    pub tracked: Lww,
    /// `bool`.
    pub local: Lww,
    /// `Option<DateTime<Utc>>`.
    pub snoozed_until: Lww,
    /// `Option<Stage>`.
    pub stage: Lww,
    /// `DateTime<Utc>`.
    pub created_at: Lww,
    /// `Identity`.
    pub accounts: Set,
    /// `String`.
    pub tags: Set,
    /// `Note`.
    pub notes: Set,
    /// `AskAbout`.
    pub ask_about: Set,
    /// `IrlAttempt`.
    pub attempts: Set,
    /// `Meeting`.
    pub meetings: Set,
    /// Each device's weekly touches with them (`Weeks`; tracked people
    /// only): the history itself stays on each device.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub weeks: BTreeMap<u32, Lww>,
}

/// A device's touches with one person, week by week: `[yours, theirs]` for
/// each of the 16 weeks (7-day periods counted back) before `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weeks {
    pub to: DateTime<Utc>,
    pub counts: Vec<[u16; 2]>,
}

impl SyncPerson {
    fn merge(&mut self, other: &SyncPerson) {
        self.gone.merge(&other.gone);
        self.name.merge(&other.name);
        self.tracked.merge(&other.tracked);
        self.local.merge(&other.local);
        self.snoozed_until.merge(&other.snoozed_until);
        self.stage.merge(&other.stage);
        self.created_at.merge(&other.created_at);
        self.accounts.merge(&other.accounts);
        self.tags.merge(&other.tags);
        self.notes.merge(&other.notes);
        self.ask_about.merge(&other.ask_about);
        self.attempts.merge(&other.attempts);
        self.meetings.merge(&other.meetings);
        for (device, weeks) in &other.weeks {
            match self.weeks.get_mut(device) {
                Some(mine) => mine.merge(weeks),
                None => {
                    self.weeks.insert(*device, weeks.clone());
                }
            }
        }
    }

    /// Is the person here (neither deleted nor merged away)?
    pub fn here(&self) -> bool {
        self.gone.get::<Gone>() == Some(Gone::Here)
    }

    /// The latest stamp anywhere in this person.
    pub fn latest(&self) -> Hlc {
        let values = [
            self.gone.at,
            self.name.at,
            self.tracked.at,
            self.local.at,
            self.snoozed_until.at,
            self.stage.at,
            self.created_at.at,
        ];
        let sets = [
            self.accounts.latest(),
            self.tags.latest(),
            self.notes.latest(),
            self.ask_about.latest(),
            self.attempts.latest(),
            self.meetings.latest(),
        ];
        let weeks = self.weeks.values().map(|w| w.at);
        values.into_iter().chain(sets).chain(weeks).max().unwrap_or_default()
    }
}

/// The settings another device shares: the pacing, the sites turned off,
/// the Mastodon instances added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncSettings {
    /// `Pacing`.
    pub pacing: Lww,
    /// `Vec<Site>`.
    pub sites_off: Lww,
    /// `Vec<String>` (host names).
    pub instances: Lww,
}

/// Everything synced: people by id, and the settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SyncDoc {
    pub people: BTreeMap<String, SyncPerson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<SyncSettings>,
}

impl SyncDoc {
    /// Merge `other` in: commutative, associative and idempotent, so every
    /// device that has seen the same changes holds the same document.
    pub fn merge(&mut self, other: &SyncDoc) {
        for (id, theirs) in &other.people {
            match self.people.get_mut(id) {
                Some(mine) => mine.merge(theirs),
                None => {
                    self.people.insert(id.clone(), theirs.clone());
                }
            }
        }
        match (&mut self.settings, &other.settings) {
            (Some(mine), Some(theirs)) => {
                mine.pacing.merge(&theirs.pacing);
                mine.sites_off.merge(&theirs.sites_off);
                mine.instances.merge(&theirs.instances);
            }
            (None, Some(theirs)) => self.settings = Some(theirs.clone()),
            _ => {}
        }
    }

    /// The latest stamp in the document: a device's clock goes past it.
    pub fn latest(&self) -> Hlc {
        let settings = self.settings.iter().flat_map(|s| [s.pacing.at, s.sites_off.at, s.instances.at]);
        self.people.values().map(SyncPerson::latest).chain(settings).max().unwrap_or_default()
    }
}
