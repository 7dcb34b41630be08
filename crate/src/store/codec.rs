//! How people and interactions are written to storage, and how records
//! written by earlier versions are brought forward.
//!
//! Interactions are the bulk of the data, so they are stored with short
//! field names (`docs/architecture.md` lists them); people are stored as
//! they serialise, plus their identity keys for the index.

use crate::model::{Direction, Interaction, Kind, Person, Site};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// An interaction as stored since schema 2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredInteraction {
    pub id: String,
    /// Person id.
    pub p: String,
    pub s: Site,
    pub k: Kind,
    /// 0 outbound, 1 inbound.
    pub d: u8,
    /// Milliseconds since the epoch, UTC.
    pub t: i64,
    #[serde(default)]
    pub u: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub h: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<String>,
    /// Entered by hand ("They reached out"); left out when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub m: bool,
}

impl From<&Interaction> for StoredInteraction {
    fn from(i: &Interaction) -> StoredInteraction {
        StoredInteraction {
            id: i.id.clone(),
            p: i.person.clone(),
            s: i.site,
            k: i.kind,
            d: match i.direction {
                Direction::Outbound => 0,
                Direction::Inbound => 1,
            },
            t: i.at.timestamp_millis(),
            u: i.url.clone(),
            h: i.handle.clone(),
            n: i.snippet.clone(),
            m: i.by_hand,
        }
    }
}

impl TryFrom<StoredInteraction> for Interaction {
    type Error = String;

    fn try_from(s: StoredInteraction) -> Result<Interaction, String> {
        let direction = match s.d {
            0 => Direction::Outbound,
            1 => Direction::Inbound,
            other => return Err(format!("unknown direction {other}")),
        };
        let at = DateTime::<Utc>::from_timestamp_millis(s.t).ok_or_else(|| format!("time {} is out of range", s.t))?;
        Ok(Interaction {
            id: s.id,
            person: s.p,
            site: s.s,
            kind: s.k,
            direction,
            at,
            url: s.u,
            handle: s.h,
            snippet: s.n,
            by_hand: s.m,
        })
    }
}

pub fn encode_interaction(i: &Interaction) -> Value {
    serde_json::to_value(StoredInteraction::from(i)).unwrap_or(Value::Null)
}

pub fn decode_interaction(value: Value) -> Result<Interaction, String> {
    let stored: StoredInteraction = serde_json::from_value(value).map_err(|e| e.to_string())?;
    Interaction::try_from(stored)
}

pub fn encode_person(p: &Person) -> Value {
    let mut value = serde_json::to_value(p).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.insert("keys".into(), p.identity_keys().into());
    }
    value
}

pub fn decode_person(value: Value) -> Result<Person, String> {
    let person: Person = serde_json::from_value(value).map_err(|e| e.to_string())?;
    if person.identities.is_empty() {
        return Err("a person without any account".into());
    }
    Ok(person)
}

/// Bring one record of `store` from schema `from` to the current one.
/// `Err` names why a record cannot be brought forward; it is then kept
/// aside, untouched, rather than dropped.
pub fn migrate(store: &str, from: u32, value: Value) -> Result<Value, String> {
    let mut value = value;
    let mut version = from;
    while version < super::SCHEMA_VERSION {
        value = match (version, store) {
            (1, super::INTERACTIONS) => interaction_v1_to_v2(value)?,
            // People gained only optional fields in schema 2; re-encoding
            // fills the index keys the way schema 2 writes them.
            (1, super::PEOPLE) => encode_person(&decode_person(value)?),
            _ => value,
        };
        version += 1;
    }
    Ok(value)
}

/// Schema 1 stored interactions as they serialise (long field names, an
/// RFC 3339 `at`), plus a `t` for the time index.
fn interaction_v1_to_v2(value: Value) -> Result<Value, String> {
    #[derive(Deserialize)]
    struct V1 {
        id: String,
        person: String,
        site: Site,
        kind: Kind,
        direction: Direction,
        at: DateTime<Utc>,
        #[serde(default)]
        url: String,
    }
    let v1: V1 = serde_json::from_value(value).map_err(|e| format!("not a schema 1 interaction: {e}"))?;
    // Schema 1 made person ids from the first account: `p:site:handle`.
    let handle = v1.person.strip_prefix(&format!("p:{}:", v1.site.id())).map(str::to_owned);
    let interaction = Interaction {
        id: v1.id,
        person: v1.person,
        site: v1.site,
        kind: v1.kind,
        direction: v1.direction,
        at: v1.at,
        url: v1.url,
        handle,
        snippet: None,
        by_hand: false,
    };
    Ok(encode_interaction(&interaction))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{INTERACTIONS, PEOPLE};

    fn interaction() -> Interaction {
        Interaction {
            id: "i2c3a0e8b5f7d9a11".into(),
            person: "p:x:alice".into(),
            site: Site::X,
            kind: Kind::Like,
            direction: Direction::Inbound,
            at: DateTime::from_timestamp_millis(1_764_108_000_123).unwrap_or_default(),
            url: "https://x.com/alice/status/1861000000000000001".into(),
            handle: Some("alice".into()),
            snippet: None,
            by_hand: false,
        }
    }

    #[test]
    fn interactions_round_trip_through_the_compact_record() {
        let i = interaction();
        let stored = encode_interaction(&i);
        assert_eq!(stored["d"], 1);
        assert_eq!(stored["t"], 1_764_108_000_123_i64);
        assert_eq!(decode_interaction(stored), Ok(i));
    }

    #[test]
    fn unreadable_records_are_errors_not_panics() {
        for bad in [
            serde_json::json!(null),
            serde_json::json!({"id": "i1"}),
            serde_json::json!({"id":"i1","p":"p","s":"x","k":"like","d":7,"t":0}),
            serde_json::json!({"id":"i1","p":"p","s":"x","k":"like","d":0,"t":i64::MAX}),
            serde_json::json!({"id":"i1","p":"p","s":"myspace","k":"like","d":0,"t":0}),
        ] {
            assert!(decode_interaction(bad).is_err());
        }
        assert!(decode_person(serde_json::json!({"id":"p","name":"A","identities":[]})).is_err());
        assert!(decode_person(serde_json::json!("garbage")).is_err());
    }

    /// Records exactly as the schema 1 build (the walking skeleton) wrote
    /// them, read back from its IndexedDB.
    #[test]
    fn schema_1_records_are_brought_forward() {
        let dump: Value =
            serde_json::from_str(include_str!("../../tests/fixtures/store-v1.json")).unwrap_or(Value::Null);
        let people = dump["people"].as_array().cloned().unwrap_or_default();
        let interactions = dump["interactions"].as_array().cloned().unwrap_or_default();
        assert!(!people.is_empty() && !interactions.is_empty(), "the fixture has records");
        for record in people {
            let person = decode_person(migrate(PEOPLE, 1, record).unwrap_or(Value::Null));
            assert!(person.is_ok(), "{person:?}");
        }
        let migrated: Vec<Interaction> = interactions
            .into_iter()
            .map(|r| decode_interaction(migrate(INTERACTIONS, 1, r).unwrap_or(Value::Null)))
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{e}"));
        let alice_like = migrated.iter().find(|i| i.person == "p:x:alice" && i.kind == Kind::Like);
        assert_eq!(alice_like.map(|i| i.handle.as_deref()), Some(Some("alice")));
        assert!(migrate(INTERACTIONS, 1, serde_json::json!({"id":"x"})).is_err());
    }
}
