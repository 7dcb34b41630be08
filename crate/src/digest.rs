//! The Today agenda's own copy of what it reads: per person, the few fields
//! the pacing engine looks at and their history as compact `Event`s. Reading
//! 5,000 people and 100,000 interactions record by record from IndexedDB
//! takes seconds; reading these digests, 64 records in all, does not.
//!
//! Digests are derived data, never the record itself: every write marks the
//! people it changed, the next Today recomputes those from their records,
//! and an unreadable or missing digest is rebuilt from scratch. The agenda
//! made from digests is the one made from the records, which the tests check
//! after every kind of write (`store::tests`, `service::tests`).

use crate::model::{Direction, Interaction, Kind, Person};
use crate::pacing::Event;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// People are spread over this many shard records by a hash of their id: a
/// write rewrites one shard, Today reads them all.
pub const SHARDS: u64 = 64;

/// One person's digest.
#[derive(Debug, Clone, PartialEq)]
pub struct Digest {
    /// The person without what neither the engine nor the popup's list of
    /// people reads (notes, finished ask-about items). Tags and every
    /// account stay: the list filters by tag and finds any account.
    pub person: Person,
    /// Their interactions, oldest first.
    pub events: Vec<Event>,
}

impl Digest {
    pub fn of(person: &Person, interactions: &[Interaction]) -> Digest {
        let mut events = Event::all(interactions);
        crate::order::sort_by_key(&mut events, |e| e.at);
        let person = Person {
            notes: Vec::new(),
            ask_about: person.ask_about.iter().filter(|a| !a.done).cloned().collect(),
            ..person.clone()
        };
        Digest { person, events }
    }
}

/// Which shard holds a person's digest.
pub fn shard_of(person: &str) -> u64 {
    crate::pacing::post_hash(person) % SHARDS
}

/// The digests of everyone in `people`, by shard, from their interactions.
pub fn build(people: &[Person], interactions: &[Interaction]) -> BTreeMap<u64, Vec<Digest>> {
    let mut by_person: BTreeMap<&str, Vec<Interaction>> = BTreeMap::new();
    for i in interactions {
        by_person.entry(i.person.as_str()).or_default().push(i.clone());
    }
    let mut shards: BTreeMap<u64, Vec<Digest>> = (0..SHARDS).map(|n| (n, Vec::new())).collect();
    for p in people {
        let history = by_person.get(p.id.as_str()).map_or(&[][..], Vec::as_slice);
        shards.entry(shard_of(&p.id)).or_default().push(Digest::of(p, history));
    }
    shards
}

#[derive(Serialize, Deserialize)]
struct Entry {
    p: Person,
    e: String,
    /// What a digest keeps changed with each version; one of another
    /// version is made again from the record.
    #[serde(default)]
    v: u32,
}

/// Version 2 keeps tags and every account (1 kept the first account only).
const VERSION: u32 = 2;

// Digits in stored digests: never reorder `Kind::ALL`.
const KINDS: [Kind; 9] = Kind::ALL;

fn kind_code(kind: Kind) -> usize {
    KINDS.iter().position(|k| *k == kind).unwrap_or(0)
}

/// Events as fixed-width text, 42 characters each: the time in
/// milliseconds (12 hex digits, offset so that times before 1970 fit), the
/// kind's index (1 hex digit), `o` or `i`, the post hash (16 hex digits, 0
/// for none) and when the post was written (12 hex digits, or 12 `-` when
/// unknown). Fixed widths read back without searching for separators.
const EVENT_WIDTH: usize = 42;
const TIME_OFFSET: i64 = 1 << 47;

fn time_hex(out: &mut String, at: DateTime<Utc>) {
    // Out of range only 4,000 years from now; such a time reads back as an error.
    let shifted = u64::try_from(at.timestamp_millis().saturating_add(TIME_OFFSET)).unwrap_or(u64::MAX);
    out.push_str(&format!("{:012x}", shifted.min(0xffff_ffff_ffff)));
}

fn encode_events(events: &[Event]) -> String {
    let mut out = String::with_capacity(events.len() * EVENT_WIDTH);
    for e in events {
        time_hex(&mut out, e.at);
        out.push_str(&format!("{:x}", kind_code(e.kind)));
        out.push(if e.direction == Direction::Inbound { 'i' } else { 'o' });
        out.push_str(&format!("{:016x}", e.post));
        match e.posted {
            Some(posted) => time_hex(&mut out, posted),
            None => out.push_str("------------"),
        }
    }
    out
}

fn hex(digits: &[u8]) -> Option<u64> {
    digits.iter().try_fold(0u64, |n, d| Some(n << 4 | u64::from(char::from(*d).to_digit(16)?)))
}

fn time(digits: &[u8]) -> Option<DateTime<Utc>> {
    let ms = i64::try_from(hex(digits)?).ok()? - TIME_OFFSET;
    DateTime::from_timestamp_millis(ms)
}

fn decode_events(text: &str) -> Result<Vec<Event>, String> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(EVENT_WIDTH) {
        return Err(format!("events of {} bytes, not a multiple of {EVENT_WIDTH}", bytes.len()));
    }
    bytes
        .chunks_exact(EVENT_WIDTH)
        .map(|e| {
            let read = || {
                let at = time(&e[0..12])?;
                let kind = *KINDS.get(usize::try_from(hex(&e[12..13])?).ok()?)?;
                let direction = match e[13] {
                    b'o' => Direction::Outbound,
                    b'i' => Direction::Inbound,
                    _ => return None,
                };
                let post = hex(&e[14..30])?;
                let posted = if &e[30..42] == b"------------" { None } else { Some(time(&e[30..42])?) };
                Some(Event { at, kind, direction, post, posted })
            };
            read().ok_or_else(|| format!("unreadable event {:?}", String::from_utf8_lossy(e)))
        })
        .collect()
}

/// A shard as the text stored for it.
pub fn encode_shard(digests: &[Digest]) -> String {
    let entries: Vec<Entry> =
        digests.iter().map(|d| Entry { p: d.person.clone(), e: encode_events(&d.events), v: VERSION }).collect();
    serde_json::to_string(&entries).unwrap_or_else(|_| "[]".into())
}

/// A shard read back; an error when anything in it is unreadable (the
/// caller then rebuilds every digest from the records).
pub fn decode_shard(text: &str) -> Result<Vec<Digest>, String> {
    let entries: Vec<Entry> = serde_json::from_str(text).map_err(|e| e.to_string())?;
    entries
        .into_iter()
        .map(|entry| {
            // Digests of another version are read as unreadable, so they
            // are all made again.
            if entry.v != VERSION {
                return Err(format!("{}'s digest is of version {}, not {VERSION}", entry.p.id, entry.v));
            }
            if entry.p.identities.is_empty() {
                return Err(format!("{} has no account in its digest", entry.p.id));
            }
            Ok(Digest { events: decode_events(&entry.e)?, person: entry.p })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AskAbout, Identity, Site};
    use chrono::Duration;

    fn sample() -> (Person, Vec<Interaction>) {
        let t = DateTime::from_timestamp_millis(1_767_225_600_123).unwrap_or_default();
        let identity = Identity { site: Site::X, handle: "sam".into(), url: "https://x.com/sam".into() };
        let mut person = Person::first_seen(identity, "Sam <b>", t - Duration::days(90));
        person.tracked = true;
        person.tags = vec!["running".into()];
        person.identities.push(Identity {
            site: Site::Mastodon,
            handle: "sam@mastodon.social".into(),
            url: "https://mastodon.social/@sam".into(),
        });
        person.ask_about = vec![
            AskAbout { text: "the marathon".into(), after: None, created_at: t, done: false },
            AskAbout { text: "the move".into(), after: None, created_at: t, done: true },
        ];
        let at = |minutes: i64| t - Duration::minutes(minutes);
        let make = |n: usize, kind, direction, url: &str, minutes| Interaction {
            id: format!("i{n}"),
            person: person.id.clone(),
            site: Site::X,
            kind,
            direction,
            at: at(minutes),
            url: url.into(),
            handle: None,
            snippet: None,
        };
        let list = vec![
            make(0, Kind::Like, Direction::Outbound, "https://x.com/sam/status/1790000000000000000", 5),
            make(1, Kind::Reply, Direction::Inbound, "", 60 * 24 * 40),
            make(2, Kind::ProfileVisit, Direction::Outbound, "https://x.com/sam", 3),
            make(3, Kind::Message, Direction::Outbound, "https://example.org/a,b;c", 1),
        ];
        (person, list)
    }

    #[test]
    fn a_digest_reads_back_as_written_and_keeps_only_what_the_engine_reads() {
        let (person, list) = sample();
        let digest = Digest::of(&person, &list);
        assert!(digest.person.notes.is_empty());
        assert_eq!((digest.person.identities.len(), &digest.person.tags), (2, &vec!["running".to_owned()]));
        let old = Digest { person: Person { identities: Vec::new(), ..digest.person.clone() }, ..digest.clone() };
        assert!(decode_shard(&encode_shard(&[old])).is_err(), "a digest without accounts is rebuilt");
        let version_1 = encode_shard(std::slice::from_ref(&digest)).replace(",\"v\":2}", "}");
        assert!(!version_1.contains("\"v\""), "{version_1}");
        assert!(decode_shard(&version_1).is_err(), "a digest of version 1 (first account only, no tags) is rebuilt");
        assert_eq!(digest.person.ask_about.len(), 1, "finished ask-about items are not read");
        assert_eq!(digest.events.len(), 4);
        assert!(digest.events.windows(2).all(|w| w[0].at <= w[1].at), "oldest first");
        let text = encode_shard(std::slice::from_ref(&digest));
        assert_eq!(decode_shard(&text), Ok(vec![digest]));
    }

    #[test]
    fn a_damaged_shard_is_an_error_not_a_wrong_history() {
        let (person, list) = sample();
        let text = encode_shard(&[Digest::of(&person, &list)]);
        let e = |from: &str, to: &str| text.replacen(from, to, 1);
        for damaged in [
            e("0o", "0x"),
            e("0o", "9o"),
            e("------------", "----zz------"),
            e("\"e\":\"", "\"e\":\"junk"),
            text[..text.len() / 2].to_owned(),
            "{}".to_owned(),
        ] {
            assert!(decode_shard(&damaged).is_err(), "{damaged}");
        }
    }

    #[test]
    fn everyone_lands_in_exactly_one_shard() {
        let (person, list) = sample();
        let other = Person { id: "p-other".into(), ..person.clone() };
        let shards = build(&[person.clone(), other.clone()], &list);
        assert_eq!(shards.len() as u64, SHARDS);
        let found: Vec<&Digest> = shards.values().flatten().collect();
        assert_eq!(found.len(), 2);
        let of = |id: &str| shards[&shard_of(id)].iter().find(|d| d.person.id == id).map(|d| d.events.len());
        assert_eq!(of(&person.id), Some(4));
        assert_eq!(of("p-other"), Some(0), "interactions go to their own person only");
    }
}
