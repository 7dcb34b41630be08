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

use crate::engine::pacing::Event;
use crate::model::{Direction, Interaction, Kind, Person};
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
        crate::model::order::sort_by_key(&mut events, |e| e.at);
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
    crate::engine::pacing::post_hash(person) % SHARDS
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

/// Version 2 keeps tags and every account (1 kept the first account only);
/// version 3 writes events in base-64 digits, half the text of version 2's
/// hexadecimal: reading the digests back is most of a cold Today, and it
/// goes with their length.
const VERSION: u32 = 3;

// Digits in stored digests: never reorder. The first nine kinds of
// `Kind::ALL`; a head digit has room for ten kinds only (10 × 6 = 60 of 64).
const KINDS: [Kind; 9] = [
    Kind::Like,
    Kind::Reply,
    Kind::Comment,
    Kind::Repost,
    Kind::Share,
    Kind::Follow,
    Kind::Mention,
    Kind::ProfileVisit,
    Kind::Message,
];

/// The kind a digest keeps for `kind`. A call or a meeting in person (only
/// ever entered by hand, inbound) is kept as a message: the agenda reads
/// of a kind only whether it is a like, a follow or a profile visit, so it
/// advises the same, and the digest keeps its one head digit.
fn digest_kind(kind: Kind) -> Kind {
    match kind {
        Kind::Call | Kind::InPerson => Kind::Message,
        other => other,
    }
}

fn kind_code(kind: Kind) -> usize {
    KINDS.iter().position(|k| *k == digest_kind(kind)).unwrap_or(0)
}

/// Base-64 digits, safe in JSON text as they are (no escaping).
const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Each byte's digit value, or `NOT_A_DIGIT`.
const NOT_A_DIGIT: u8 = 64;
const DIGIT_VALUES: [u8; 256] = {
    let mut values = [NOT_A_DIGIT; 256];
    let mut i = 0;
    while i < 64 {
        values[DIGITS[i] as usize] = i as u8;
        i += 1;
    }
    values
};

/// Times take 8 digits (48 bits): milliseconds, offset so that times
/// before 1970 fit; a post's hash 11 (64 bits).
const TIME_DIGITS: usize = 8;
const POST_DIGITS: usize = 11;
const TIME_OFFSET: i64 = 1 << 47;

fn push_digits(out: &mut String, value: u64, digits: usize) {
    for n in (0..digits).rev() {
        out.push(char::from(DIGITS[((value >> (6 * n)) & 63) as usize]));
    }
}

fn push_time(out: &mut String, at: DateTime<Utc>) {
    // A time over 4,400 years either side of 1970 (no interaction has one)
    // is kept as the nearest that fits: the earliest or the latest.
    let shifted = at.timestamp_millis().saturating_add(TIME_OFFSET).clamp(0, TIME_OFFSET * 2 - 1);
    push_digits(out, shifted.unsigned_abs(), TIME_DIGITS);
}

/// Events as text, each one head digit, then fields as the head says:
///  - the head is `kind × 6 + direction × 3 + parts` (`Kind::ALL`'s order;
///    outbound 0, inbound 1), where parts is 0 for no post, 1 for a post, 2
///    for a post and when it was written;
///  - the time (8 digits), then the post's hash (11) and when it was written
///    (8), as far as the parts go.
fn encode_events(events: &[Event]) -> String {
    let mut out = String::with_capacity(events.len() * (1 + TIME_DIGITS + POST_DIGITS + TIME_DIGITS));
    for e in events {
        let parts = match (e.post, e.posted) {
            (_, Some(_)) => 2,
            (0, None) => 0,
            (_, None) => 1,
        };
        let direction = usize::from(e.direction == Direction::Inbound);
        out.push(char::from(DIGITS[kind_code(e.kind) * 6 + direction * 3 + parts]));
        push_time(&mut out, e.at);
        if parts > 0 {
            push_digits(&mut out, e.post, POST_DIGITS);
        }
        if let Some(posted) = e.posted {
            push_time(&mut out, posted);
        }
    }
    out
}

/// Reads digits off the front of `bytes`; none if they are too few, not
/// digits, or more than 64 bits.
fn take_digits(bytes: &mut &[u8], digits: usize) -> Option<u64> {
    let (these, rest) = bytes.split_at_checked(digits)?;
    *bytes = rest;
    these.iter().try_fold(0u64, |n, b| {
        let digit = DIGIT_VALUES[usize::from(*b)];
        (digit != NOT_A_DIGIT && n >> 58 == 0).then(|| n << 6 | u64::from(digit))
    })
}

fn take_time(bytes: &mut &[u8]) -> Option<DateTime<Utc>> {
    let ms = i64::try_from(take_digits(bytes, TIME_DIGITS)?).ok()? - TIME_OFFSET;
    DateTime::from_timestamp_millis(ms)
}

fn decode_events(text: &str) -> Result<Vec<Event>, String> {
    let mut rest = text.as_bytes();
    let mut events = Vec::new();
    while !rest.is_empty() {
        let at_byte = text.len() - rest.len();
        let read = |rest: &mut &[u8]| {
            let head = usize::try_from(take_digits(rest, 1)?).ok()?;
            let kind = *KINDS.get(head / 6)?;
            let direction = if head % 6 / 3 == 1 { Direction::Inbound } else { Direction::Outbound };
            let parts = head % 3;
            let at = take_time(rest)?;
            let post = if parts > 0 { take_digits(rest, POST_DIGITS)? } else { 0 };
            let posted = if parts == 2 { Some(take_time(rest)?) } else { None };
            Some(Event { at, kind, direction, post, posted })
        };
        let event = read(&mut rest).ok_or_else(|| format!("unreadable event at byte {at_byte} of {}", text.len()))?;
        events.push(event);
    }
    Ok(events)
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
            by_hand: false,
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
        let version_1 = encode_shard(std::slice::from_ref(&digest)).replace(",\"v\":3}", "}");
        assert!(!version_1.contains("\"v\""), "{version_1}");
        assert!(decode_shard(&version_1).is_err(), "a digest of version 1 (first account only, no tags) is rebuilt");
        let version_2 = encode_shard(std::slice::from_ref(&digest)).replace(",\"v\":3}", ",\"v\":2}");
        assert!(decode_shard(&version_2).is_err(), "a digest of version 2 (events in hexadecimal) is rebuilt");
        assert_eq!(digest.person.ask_about.len(), 1, "finished ask-about items are not read");
        assert_eq!(digest.events.len(), 4);
        assert!(digest.events.windows(2).all(|w| w[0].at <= w[1].at), "oldest first");
        let text = encode_shard(std::slice::from_ref(&digest));
        assert_eq!(decode_shard(&text), Ok(vec![digest]));
    }

    #[test]
    fn every_kind_of_event_reads_back_exactly() {
        let t = |ms: i64| DateTime::from_timestamp_millis(ms).unwrap_or_default();
        let mut events = Vec::new();
        for kind in KINDS {
            for direction in [Direction::Outbound, Direction::Inbound] {
                for (post, posted) in [(0, None), (1, None), (u64::MAX, Some(t(-86_400_000))), (0, Some(t(0)))] {
                    events.push(Event { at: t(1_767_225_600_123), kind, direction, post, posted });
                }
            }
        }
        events.push(Event {
            at: t(-(1 << 47)),
            kind: Kind::Like,
            direction: Direction::Outbound,
            post: 7,
            posted: None,
        });
        events.push(Event {
            at: t((1 << 47) - 1),
            kind: Kind::Like,
            direction: Direction::Inbound,
            post: 7,
            posted: None,
        });
        assert_eq!(decode_events(&encode_events(&events)), Ok(events.clone()));
        let beyond = |ms: i64| Event { at: t(ms), ..events[0] };
        let kept = decode_events(&encode_events(&[beyond(-(1 << 47) - 1), beyond(1 << 47)]));
        assert_eq!(
            kept,
            Ok(vec![beyond(-(1 << 47)), beyond((1 << 47) - 1)]),
            "the nearest time that fits, either side"
        );
        assert!(encode_events(&events).bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    }

    #[test]
    fn a_call_or_a_meeting_entered_by_hand_is_kept_as_a_message() {
        let at = DateTime::from_timestamp_millis(1_767_225_600_123).unwrap_or_default();
        for kind in [Kind::Call, Kind::InPerson] {
            let event = Event { at, kind, direction: Direction::Inbound, post: 0, posted: None };
            let back = decode_events(&encode_events(&[event]));
            assert_eq!(back, Ok(vec![Event { kind: Kind::Message, ..event }]), "{kind:?}");
        }
    }

    #[test]
    fn a_damaged_shard_is_an_error_not_a_wrong_history() {
        let (person, list) = sample();
        let text = encode_shard(&[Digest::of(&person, &list)]);
        let events = text.split("\"e\":\"").nth(1).and_then(|rest| rest.split('"').next()).unwrap_or_default();
        let e = |from: &str, to: &str| text.replacen(from, to, 1);
        let event = |at: usize, to: &str| e(events, &format!("{}{to}{}", &events[..at], &events[at + to.len()..]));
        for damaged in [
            event(0, "_"),                          // a head beyond the kinds
            event(3, "!"),                          // not a digit
            e(events, &events[..events.len() - 1]), // cut short
            e(events, &format!("{events}A")),       // a head with nothing after it
            e("\"e\":\"", "\"e\":\"!junk"),
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
