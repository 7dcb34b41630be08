//! Between this device's record and the synced document: `observe` stamps
//! what changed here since the last sync (the document then merged was the
//! record as it stood), and `apply` makes the record what a merged document
//! says, replaying merges, splits and deletions on this device's own
//! history (which never leaves it).

use super::doc::{Elem, Gone, Hlc, Keyed, Lww, Set, SyncDoc, SyncPerson, SyncSettings};
use crate::model::{Archive, Interaction, Person, Settings};
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
        if synced.gone.v != Gone::Here || people.iter().any(|p| &p.id == id) {
            continue;
        }
        let accounts = synced.accounts.values();
        let into = people
            .iter()
            .find(|p| p.identities.iter().any(|i| accounts.iter().any(|a| a.key() == i.key())))
            .map(|p| p.id.clone());
        synced.gone = Lww::new(into.map_or(Gone::Deleted, Gone::MergedInto), at);
    }
    match (&doc.settings, &remote.settings) {
        (None, Some(theirs)) => doc.settings = Some(theirs.clone()),
        _ => observe_settings(&mut doc, settings, at),
    }
    doc
}

fn fresh(p: &Person, at: Hlc) -> SyncPerson {
    SyncPerson {
        gone: Lww::new(Gone::Here, at),
        name: Lww::new(p.name.clone(), at),
        tracked: Lww::new(p.tracked, at),
        local: Lww::new(p.local, at),
        snoozed_until: Lww::new(p.snoozed_until, at),
        stage: Lww::new(p.stage, at),
        created_at: Lww::new(p.created_at, at),
        accounts: set_of(&p.identities, at),
        tags: set_of(&p.tags, at),
        notes: set_of(&p.notes, at),
        ask_about: set_of(&p.ask_about, at),
        attempts: set_of(&p.irl_attempts, at),
        meetings: set_of(&p.meetings, at),
        weeks: BTreeMap::new(),
    }
}

fn set_of<T: Clone + Keyed + PartialEq>(values: &[T], at: Hlc) -> Set<T> {
    let mut set = Set::default();
    set.observe(values, at);
    set
}

/// A person this device had before it first synced, whom the synced
/// document already has: what the document says stands (it was synced;
/// what this device holds was never chosen over it), and what this device
/// adds that the document never had (a note, a tag) joins it.
fn join(s: &mut SyncPerson, p: &Person, at: Hlc) {
    fn add<T: Clone + Keyed>(set: &mut Set<T>, values: &[T], at: Hlc) {
        for v in values {
            set.0.entry(v.key()).or_insert_with(|| Elem { v: v.clone(), add: at, del: None });
        }
    }
    add(&mut s.accounts, &p.identities, at);
    add(&mut s.tags, &p.tags, at);
    add(&mut s.notes, &p.notes, at);
    add(&mut s.ask_about, &p.ask_about, at);
    add(&mut s.attempts, &p.irl_attempts, at);
    add(&mut s.meetings, &p.meetings, at);
}

/// Stamp `at` on what differs between the synced person and the record's.
fn update(s: &mut SyncPerson, p: &Person, at: Hlc) {
    fn set<T: Clone + PartialEq>(lww: &mut Lww<T>, now: &T, at: Hlc) {
        if lww.v != *now {
            *lww = Lww::new(now.clone(), at);
        }
    }
    set(&mut s.gone, &Gone::Here, at);
    set(&mut s.name, &p.name, at);
    set(&mut s.tracked, &p.tracked, at);
    set(&mut s.local, &p.local, at);
    set(&mut s.snoozed_until, &p.snoozed_until, at);
    set(&mut s.stage, &p.stage, at);
    set(&mut s.created_at, &p.created_at, at);
    s.accounts.observe(&p.identities, at);
    s.tags.observe(&p.tags, at);
    s.notes.observe(&p.notes, at);
    s.ask_about.observe(&p.ask_about, at);
    s.attempts.observe(&p.irl_attempts, at);
    s.meetings.observe(&p.meetings, at);
}

fn observe_settings(doc: &mut SyncDoc, settings: &Settings, at: Hlc) {
    let now = SyncSettings {
        pacing: Lww::new(settings.pacing.clone(), at),
        sites_off: Lww::new(settings.sites_off.clone(), at),
        instances: Lww::new(settings.mastodon_instances.clone(), at),
    };
    match &mut doc.settings {
        None => doc.settings = Some(now),
        Some(s) => {
            if s.pacing.v != now.pacing.v {
                s.pacing = now.pacing;
            }
            if s.sites_off.v != now.sites_off.v {
                s.sites_off = now.sites_off;
            }
            if s.instances.v != now.instances.v {
                s.instances = now.instances;
            }
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
/// written from the document.
pub fn apply(
    doc: &SyncDoc,
    people: &mut Vec<Person>,
    interactions: &mut Vec<Interaction>,
    settings: &mut Settings,
) -> Applied {
    let mut applied = Applied::default();
    // Gone: merged (into whoever the chain ends at) or deleted.
    for (id, synced) in &doc.people {
        if synced.gone.v == Gone::Here || !people.iter().any(|p| &p.id == id) {
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
    let owner: BTreeMap<String, &String> = doc
        .people
        .iter()
        .filter(|(_, s)| s.gone.v == Gone::Here)
        .flat_map(|(id, s)| s.accounts.values().into_iter().map(move |a| (a.key(), id)))
        .collect();
    for p in people.iter() {
        for identity in &p.identities {
            if let Some(to) = owner.get(&identity.key()).filter(|to| ***to != p.id) {
                let account = (identity.site, identity.handle.as_str());
                applied.moved += move_history(interactions, &p.id, to, Some(account));
            }
        }
    }
    for (id, synced) in doc.people.iter().filter(|(_, s)| s.gone.v == Gone::Here) {
        let before = people.iter().position(|p| &p.id == id);
        let mut person = before.and_then(|k| people.get(k).cloned()).unwrap_or_else(|| blank(id));
        write(&mut person, synced);
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
        settings.pacing = s.pacing.v.clone();
        settings.sites_off = s.sites_off.v.clone();
        settings.mastodon_instances = s.instances.v.clone();
    }
    applied
}

/// Where a person merged away lives now: the end of the chain of merges
/// (none if it ends in a deletion, or loops).
fn final_home(doc: &SyncDoc, id: &str) -> Option<String> {
    let mut at = id.to_owned();
    for _ in 0..doc.people.len() + 1 {
        match doc.people.get(&at).map(|s| &s.gone.v) {
            Some(Gone::Here) if at != id => return Some(at),
            Some(Gone::MergedInto(next)) => at = next.clone(),
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
    Person {
        id: id.to_owned(),
        name: String::new(),
        identities: Vec::new(),
        seen_name: None,
        tracked: false,
        local: false,
        snoozed_until: None,
        stage: None,
        created_at: chrono::DateTime::UNIX_EPOCH,
        tags: Vec::new(),
        notes: Vec::new(),
        ask_about: Vec::new(),
        irl_attempts: Vec::new(),
        meetings: Vec::new(),
        archive: Archive::default(),
    }
}

/// The synced fields of `person` as the document has them; a list that
/// holds the same elements keeps the record's order.
fn write(person: &mut Person, s: &SyncPerson) {
    fn list<T: Clone + PartialEq + super::doc::Keyed>(local: &mut Vec<T>, set: &Set<T>) {
        let synced = set.values();
        let same = local.len() == synced.len() && local.iter().all(|v| synced.contains(v));
        if !same {
            *local = synced;
        }
    }
    person.name.clone_from(&s.name.v);
    person.tracked = s.tracked.v;
    person.local = s.local.v;
    person.snoozed_until = s.snoozed_until.v;
    person.stage = s.stage.v;
    person.created_at = s.created_at.v;
    list(&mut person.identities, &s.accounts);
    list(&mut person.tags, &s.tags);
    list(&mut person.notes, &s.notes);
    list(&mut person.ask_about, &s.ask_about);
    list(&mut person.irl_attempts, &s.attempts);
    list(&mut person.meetings, &s.meetings);
}
