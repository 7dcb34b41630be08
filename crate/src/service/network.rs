//! The user's network, brought in from files they already have (issue 25):
//! LinkedIn's connections, Mastodon's follows, address books, Kindling's
//! own CSV (`engine::network` reads them). Merge only: whoever is already
//! here (an account in common) gains what the file adds, never a new name;
//! whoever is new comes in untracked, with no interactions. The whole file
//! is read first; a file with any problem changes nothing.

use super::handle::done;
use super::messages::Response;
use super::{ServiceError, ServiceError::Refused};
use crate::engine::network::{self, Contact, FileKind, Skip};
use crate::model::text::Text;
use crate::model::{ImportedFrom, Note, Person};
use crate::store::{Backend, Change, Records};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// At most this many links are kept per person.
const MAX_LINKS: usize = 20;

/// What an import did: people new, people already known, rows skipped.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Summary {
    pub added: usize,
    pub matched: usize,
    pub skipped: Vec<(Skip, usize)>,
}

/// Import one file of the user's network.
pub(super) async fn import<B: Backend>(
    records: &Records<B>,
    text: &str,
    keep_emails: bool,
    connected_note: &str,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    let read = network::read(text).map_err(|why| Refused(Text::new("error_import").with(why)))?;
    let existing = records.all_people(now).await?;
    let words = Words { keep_emails, connected_note };
    let (written, summary) = fold(&existing, read.kind, read.contacts, &words, now);
    records.save(Change { people: written, ..Change::default() }).await?;
    let count = |skip: Skip| read.skipped.iter().filter(|(s, _)| *s == skip).map(|(_, n)| *n as i64).sum::<i64>();
    let (no_account, twice) = (count(Skip::NoAccount), count(Skip::Duplicate));
    let skipped = if no_account + twice == 0 {
        Text::new("import_skipped_none")
    } else {
        Text::new("import_skipped")
            .with(Text::count("import_no_account", no_account))
            .with(Text::count("import_twice", twice))
    };
    let message = Text::new("done_import_network")
        .with(Text::count("import_new", summary.added as i64))
        .with(Text::count("import_known", summary.matched as i64))
        .with(skipped);
    Ok(done(message))
}

/// What the user chose for this import, and the words of a dated note.
pub(super) struct Words<'a> {
    pub keep_emails: bool,
    /// "Connected on LinkedIn", in the user's language (the page's words).
    pub connected_note: &'a str,
}

/// The people an import writes (new or changed), and its summary.
pub(super) fn fold(
    existing: &[Person],
    kind: FileKind,
    contacts: Vec<Contact>,
    words: &Words,
    now: DateTime<Utc>,
) -> (Vec<Person>, Summary) {
    let from = match kind {
        FileKind::LinkedinConnections => ImportedFrom::Linkedin,
        FileKind::MastodonFollows => ImportedFrom::Mastodon,
        FileKind::Vcard => ImportedFrom::AddressBook,
        FileKind::KindlingCsv => ImportedFrom::Kindling,
    };
    let mut people: BTreeMap<String, Person> = existing.iter().map(|p| (p.id.clone(), p.clone())).collect();
    let mut owner: BTreeMap<String, String> =
        existing.iter().flat_map(|p| p.identity_keys().into_iter().map(move |k| (k, p.id.clone()))).collect();
    let mut summary = Summary::default();
    for contact in contacts {
        let mut matched: Vec<String> = Vec::new();
        for key in contact.identities.iter().map(|i| i.key()) {
            if let Some(id) = owner.get(&key).filter(|id| !matched.contains(id)) {
                matched.push(id.clone());
            }
        }
        let Some(first) = contact.identities.first() else { continue };
        let id = match matched.first() {
            Some(id) => {
                summary.matched += 1;
                id.clone()
            }
            None => {
                summary.added += 1;
                let name = if contact.name.is_empty() { first.handle.clone() } else { contact.name.clone() };
                let mut person = Person::first_seen(first.clone(), &name, now);
                // A new person's id never replaces someone's record (an id
                // stays with a person merged away and split off).
                let base = person.id.clone();
                for n in 2.. {
                    if !people.contains_key(&person.id) {
                        break;
                    }
                    person.id = format!("{base}~{n}");
                }
                person.imported = Some(from);
                let id = person.id.clone();
                owner.insert(first.key(), id.clone());
                people.insert(id.clone(), person);
                id
            }
        };
        if let Some(person) = people.get_mut(&id) {
            for identity in &contact.identities {
                if let std::collections::btree_map::Entry::Vacant(free) = owner.entry(identity.key()) {
                    free.insert(id.clone());
                    person.identities.push(identity.clone());
                }
            }
            person.imported.get_or_insert(from);
            add_details(person, &contact, words);
        }
        // One card naming two people's accounts: the same person, if the
        // names agree (never on a name alone: the file links them).
        same_if_named_alike(&mut people, &matched, &contact.name);
    }
    same_by_links(&mut people);
    let written = people.into_values().filter(|p| existing.iter().find(|e| e.id == p.id) != Some(p)).collect();
    (written, summary)
}

/// What a row adds to a person: links, tags, notes (the company and
/// position, the date connected, the e-mail addresses if the user chose),
/// each only once. Never a name: the user's or the page's stands.
fn add_details(person: &mut Person, contact: &Contact, words: &Words) {
    for link in &contact.links {
        if person.links.len() < MAX_LINKS && !person.links.contains(link) {
            person.links.push(link.clone());
        }
    }
    for tag in &contact.tags {
        if !person.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            person.tags.push(tag.clone());
        }
    }
    let job = [contact.position.as_deref(), contact.company.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let emails = if words.keep_emails { contact.emails.clone() } else { Vec::new() };
    let texts = std::iter::once(job).chain(contact.notes.iter().cloned()).chain(emails).filter(|t| !t.is_empty());
    for text in texts {
        if !person.notes.iter().any(|n| n.text == text) {
            person.notes.push(Note { text, created_at: person.created_at });
        }
    }
    let connected = contact.connected_on.and_then(|d| d.and_hms_opt(12, 0, 0)).map(|d| d.and_utc());
    if let Some(at) = connected.filter(|_| !words.connected_note.is_empty()) {
        if !person.notes.iter().any(|n| n.text == words.connected_note && n.created_at == at) {
            person.notes.push(Note { text: words.connected_note.to_owned(), created_at: at });
        }
    }
}

/// A name as two records are compared by: any case, spaces collapsed.
fn name_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A link as two records are compared by: no scheme, no `www.`, no
/// trailing `/`, any case.
fn link_key(link: &str) -> String {
    let rest = link.split_once("://").map_or(link, |(_, rest)| rest).to_lowercase();
    rest.strip_prefix("www.").unwrap_or(&rest).trim_end_matches('/').to_owned()
}

/// Mark `a` and `b` as maybe the same person (each on the other's card).
fn mark_same(people: &mut BTreeMap<String, Person>, a: &str, b: &str) {
    for (this, other) in [(a, b), (b, a)] {
        if let Some(p) = people.get_mut(this).filter(|p| !p.same_as.iter().any(|s| s == other)) {
            p.same_as.push(other.to_owned());
        }
    }
}

/// The people one row named (by their accounts), maybe the same person
/// when their names agree with each other or with the row's.
fn same_if_named_alike(people: &mut BTreeMap<String, Person>, matched: &[String], row_name: &str) {
    let named = |p: Option<&Person>| p.map(|p| name_key(&p.name)).unwrap_or_default();
    for (k, a) in matched.iter().enumerate() {
        for b in matched.iter().skip(k + 1) {
            let (na, nb) = (named(people.get(a)), named(people.get(b)));
            let row = name_key(row_name);
            if na == nb || (!row.is_empty() && na == row && nb == row) {
                mark_same(people, a, b);
            }
        }
    }
}

/// People with the same name and a link in common (a link of one, or the
/// address of one's account among the other's links): maybe one person.
fn same_by_links(people: &mut BTreeMap<String, Person>) {
    let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in people.values().filter(|p| !p.links.is_empty()) {
        by_name.entry(name_key(&p.name)).or_default().push(p.id.clone());
    }
    let mut pairs = Vec::new();
    for p in people.values() {
        let Some(alike) = by_name.get(&name_key(&p.name)) else { continue };
        let mine: Vec<String> =
            p.links.iter().map(|l| link_key(l)).chain(p.identities.iter().map(|i| link_key(&i.url))).collect();
        for other in alike.iter().filter(|o| **o != p.id) {
            let theirs = people.get(other).map(|o| o.links.iter().map(|l| link_key(l)).collect::<Vec<_>>());
            if theirs.is_some_and(|t| t.iter().any(|l| mine.contains(l))) {
                pairs.push((p.id.clone(), other.clone()));
            }
        }
    }
    for (a, b) in pairs {
        mark_same(people, &a, &b);
    }
}
