//! Between this device's record and the synced document: `observe` stamps
//! what changed here since the last sync (the document then merged was the
//! record as it stood), and `apply` makes the record what a merged document
//! says, replaying merges, splits and deletions on this device's own
//! history (which never leaves it).

use super::doc::{Gone, Hlc, Lww, Set, SyncDoc, SyncPerson, SyncSettings};
use crate::model::{Interaction, Person, Settings, Weeks};
use std::collections::BTreeMap;

/// The document `base` (the last one merged, which the record then matched)
/// with every change the record shows since stamped `at`: people new or
/// edited, and people gone (merged into someone who now has their accounts,
/// or deleted). Someone this device has never synced but `remote` (the
/// synced document as read now) has is joined, not stamped over (`join`);
/// so are the settings of a device that never synced.
pub fn observe(base: &SyncDoc, remote: &SyncDoc, people: &[Person], settings: &Settings, at: Hlc) -> SyncDoc {
    let mut doc = base.clone();
    for p in people {
        match (doc.people.get_mut(&p.id), remote.people.get(&p.id)) {
            (Some(synced), _) => update(synced, p, at),
            (None, Some(theirs)) => {
                let mut joined = theirs.clone();
                join(&mut joined, p, at);
                doc.people.insert(p.id.clone(), joined);
            }
            (None, None) => {
                doc.people.insert(p.id.clone(), fresh(p, at));
            }
        }
    }
    for (id, synced) in &mut doc.people {
        if !synced.here() || people.iter().any(|p| &p.id == id) {
            continue;
        }
        let accounts = synced.accounts.keys();
        let into =
            people.iter().find(|p| p.identities.iter().any(|i| accounts.contains(&&i.key()))).map(|p| p.id.clone());
        synced.gone = Lww::of(&into.map_or(Gone::Deleted, Gone::MergedInto), at);
    }
    match (&doc.settings, &remote.settings) {
        (None, Some(theirs)) => doc.settings = Some(theirs.clone()),
        _ => observe_settings(&mut doc, settings, at),
    }
    doc
}

/// This device's weekly counts (`weeks::own`) into the document: each
/// tracked person's, and an empty count for anyone it counted before and
/// counts no more (no longer tracked).
pub fn share_weeks(doc: &mut SyncDoc, own: &BTreeMap<String, Weeks>, device: u32, at: Hlc) {
    for (id, s) in &mut doc.people {
        match (s.weeks.get_mut(&device), own.get(id)) {
            (Some(shared), mine) => shared.set(&mine.cloned().unwrap_or_default(), at),
            (None, Some(mine)) if !mine.is_empty() => {
                s.weeks.insert(device, Lww::of(mine, at));
            }
            _ => {}
        }
    }
}

fn fresh(p: &Person, at: Hlc) -> SyncPerson {
    SyncPerson {
        gone: Lww::of(&Gone::Here, at),
        name: Lww::of(&p.name, at),
        tracked: Lww::of(&p.tracked, at),
        local: Lww::of(&p.local, at),
        snoozed_until: Lww::of(&p.snoozed_until, at),
        stage: Lww::of(&p.stage, at),
        created_at: Lww::of(&p.created_at, at),
        accounts: Set::of(&p.identities, at),
        tags: Set::of(&p.tags, at),
        notes: Set::of(&p.notes, at),
        ask_about: Set::of(&p.ask_about, at),
        attempts: Set::of(&p.irl_attempts, at),
        meetings: Set::of(&p.meetings, at),
        weeks: BTreeMap::new(),
    }
}

/// A person this device had before it first synced, whom the synced
/// document already has: what the document says stands (it was synced;
/// what this device holds was never chosen over it), and what this device
/// adds that the document never had (a note, a tag) joins it.
fn join(s: &mut SyncPerson, p: &Person, at: Hlc) {
    s.accounts.add_new(&p.identities, at);
    s.tags.add_new(&p.tags, at);
    s.notes.add_new(&p.notes, at);
    s.ask_about.add_new(&p.ask_about, at);
    s.attempts.add_new(&p.irl_attempts, at);
    s.meetings.add_new(&p.meetings, at);
}

/// Stamp `at` on what differs between the synced person and the record's.
fn update(s: &mut SyncPerson, p: &Person, at: Hlc) {
    s.gone.set(&Gone::Here, at);
    s.name.set(&p.name, at);
    s.tracked.set(&p.tracked, at);
    s.local.set(&p.local, at);
    s.snoozed_until.set(&p.snoozed_until, at);
    s.stage.set(&p.stage, at);
    s.created_at.set(&p.created_at, at);
    s.accounts.observe(&p.identities, at);
    s.tags.observe(&p.tags, at);
    s.notes.observe(&p.notes, at);
    s.ask_about.observe(&p.ask_about, at);
    s.attempts.observe(&p.irl_attempts, at);
    s.meetings.observe(&p.meetings, at);
}

fn observe_settings(doc: &mut SyncDoc, settings: &Settings, at: Hlc) {
    match &mut doc.settings {
        None => {
            doc.settings = Some(SyncSettings {
                pacing: Lww::of(&settings.pacing, at),
                sites_off: Lww::of(&settings.sites_off, at),
                instances: Lww::of(&settings.mastodon_instances, at),
            })
        }
        Some(s) => {
            s.pacing.set(&settings.pacing, at);
            s.sites_off.set(&settings.sites_off, at);
            s.instances.set(&settings.mastodon_instances, at);
        }
    }
}

/// What `apply` changed in the record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// People written (made or changed), by id.
    pub written: Vec<String>,
    /// People removed (deleted, or merged into another).
    pub removed: Vec<String>,
    /// Interactions now with another person.
    pub moved: usize,
}

/// Make the record (`people`, their `interactions`, the `settings`) what
/// `doc` says: merges replayed (the merged person's history follows them),
/// deletions (their history goes too), accounts moved by a split (the
/// history with that account follows it), then every person present
/// written from the document, with what the devices other than `device`
/// counted of them (`Person::elsewhere`).
pub fn apply(
    doc: &SyncDoc,
    device: u32,
    people: &mut Vec<Person>,
    interactions: &mut Vec<Interaction>,
    settings: &mut Settings,
) -> Applied {
    let mut applied = Applied::default();
    // Gone: merged (into whoever the chain ends at) or deleted.
    for (id, synced) in &doc.people {
        if synced.here() || !people.iter().any(|p| &p.id == id) {
            continue;
        }
        match final_home(doc, id) {
            Some(into) => applied.moved += move_history(interactions, id, &into, None),
            None => interactions.retain(|i| &i.person != id),
        }
        people.retain(|p| &p.id != id);
        applied.removed.push(id.clone());
    }
    // Accounts the document gives someone else (a split, or a merge the
    // other way round): the history with that account follows it.
    let owner: BTreeMap<&String, &String> = doc
        .people
        .iter()
        .filter(|(_, s)| s.here())
        .flat_map(|(id, s)| s.accounts.keys().into_iter().map(move |key| (key, id)))
        .collect();
    for p in people.iter() {
        for identity in &p.identities {
            if let Some(to) = owner.get(&identity.key()).filter(|to| ***to != p.id) {
                let account = (identity.site, identity.handle.as_str());
                applied.moved += move_history(interactions, &p.id, to, Some(account));
            }
        }
    }
    for (id, synced) in doc.people.iter().filter(|(_, s)| s.here()) {
        let before = people.iter().position(|p| &p.id == id);
        let mut person = before.and_then(|k| people.get(k).cloned()).unwrap_or_else(|| blank(id));
        write(&mut person, synced);
        person.elsewhere = super::weeks::elsewhere(&synced.weeks, device);
        match before.and_then(|k| people.get_mut(k)) {
            Some(p) if *p == person => {}
            Some(p) => {
                *p = person;
                applied.written.push(id.clone());
            }
            None => {
                people.push(person);
                applied.written.push(id.clone());
            }
        }
    }
    if let Some(s) = &doc.settings {
        if let Some(pacing) = s.pacing.get() {
            settings.pacing = pacing;
        }
        if let Some(sites_off) = s.sites_off.get() {
            settings.sites_off = sites_off;
        }
        if let Some(instances) = s.instances.get() {
            settings.mastodon_instances = instances;
        }
    }
    applied
}

/// Where a person merged away lives now: the end of the chain of merges
/// (none if it ends in a deletion, or loops).
fn final_home(doc: &SyncDoc, id: &str) -> Option<String> {
    let mut at = id.to_owned();
    for _ in 0..doc.people.len() + 1 {
        match doc.people.get(&at).and_then(|s| s.gone.get::<Gone>()) {
            Some(Gone::Here) if at != id => return Some(at),
            Some(Gone::MergedInto(next)) => at = next,
            _ => return None,
        }
    }
    None
}

/// Point `from`'s interactions (only those with `account`, when given) at
/// `to`; how many moved.
fn move_history(
    interactions: &mut [Interaction],
    from: &str,
    to: &str,
    account: Option<(crate::model::Site, &str)>,
) -> usize {
    let mut moved = 0;
    for i in interactions.iter_mut().filter(|i| i.person == from) {
        let with = account.is_none_or(|(site, handle)| i.site == site && i.handle.as_deref() == Some(handle));
        if with {
            i.person = to.to_owned();
            moved += 1;
        }
    }
    moved
}

/// A person known here only from the document.
fn blank(id: &str) -> Person {
    Person { id: id.to_owned(), ..Person::default() }
}

/// The synced fields of `person` as the document has them (a value that
/// does not read, from a newer Kindling, is left as it is); a list that
/// holds the same elements keeps the record's order.
fn write(person: &mut Person, s: &SyncPerson) {
    fn list<T: PartialEq + serde::de::DeserializeOwned>(local: &mut Vec<T>, set: &Set) {
        let synced: Vec<T> = set.values();
        let same = local.len() == synced.len() && local.iter().all(|v| synced.contains(v));
        if !same {
            *local = synced;
        }
    }
    fn value<T: serde::de::DeserializeOwned>(local: &mut T, lww: &Lww) {
        if let Some(v) = lww.get() {
            *local = v;
        }
    }
    value(&mut person.name, &s.name);
    value(&mut person.tracked, &s.tracked);
    value(&mut person.local, &s.local);
    value(&mut person.snoozed_until, &s.snoozed_until);
    value(&mut person.stage, &s.stage);
    value(&mut person.created_at, &s.created_at);
    list(&mut person.identities, &s.accounts);
    list(&mut person.tags, &s.tags);
    list(&mut person.notes, &s.notes);
    list(&mut person.ask_about, &s.ask_about);
    list(&mut person.irl_attempts, &s.attempts);
    list(&mut person.meetings, &s.meetings);
}
