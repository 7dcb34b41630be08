//! The record over the in-memory backend: migration from stored schema 1
//! data, quarantine of unreadable records, refusal of newer data.

use super::*;
use crate::testing::run;
use serde_json::json;

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default()
}

fn v1_fixture() -> MemoryBackend {
    let dump: Value = serde_json::from_str(include_str!("../../tests/fixtures/store-v1.json")).unwrap_or(Value::Null);
    let db = MemoryBackend::default();
    db.plant(PEOPLE, dump["people"].as_array().cloned().unwrap_or_default());
    db.plant(INTERACTIONS, dump["interactions"].as_array().cloned().unwrap_or_default());
    db
}

#[test]
fn opening_schema_1_data_migrates_every_record_once() {
    let db = v1_fixture();
    let count = db.dump(INTERACTIONS).len();
    let records = run(Records::open(&db, now())).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(db.dump(META)["schema"]["value"], SCHEMA_VERSION);
    let all = run(records.all_interactions(now())).unwrap_or_default();
    assert_eq!(all.len(), count, "nothing lost");
    let alice = run(records.person_by_identity("x:alice", now())).ok().flatten();
    assert_eq!(alice.map(|p| p.name), Some("Alice Example".to_owned()));
    let alices = run(records.interactions_of("p:x:alice", now())).unwrap_or_default();
    assert!(alices.iter().any(|i| i.kind == crate::model::Kind::Like));
    // Opening again finds nothing to do and changes nothing.
    let after = db.dump(INTERACTIONS);
    run(Records::open(&db, now())).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(db.dump(INTERACTIONS), after);
    assert!(db.dump(QUARANTINE).is_empty());
}

#[test]
fn a_new_store_is_marked_with_the_current_schema_at_its_first_open() {
    let db = MemoryBackend::default();
    assert!(db.dump(META).is_empty());
    run(Records::open(&db, now())).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(db.dump(META)["schema"]["value"], SCHEMA_VERSION);
}

#[test]
fn a_schema_1_record_that_cannot_be_migrated_is_kept_aside_untouched() {
    let db = v1_fixture();
    let broken = json!({"id": "i-broken", "person": "p:x:alice", "site": "x", "kind": "wave"});
    db.plant(INTERACTIONS, [broken.clone()]);
    let records = run(Records::open(&db, now())).unwrap_or_else(|e| panic!("{e}"));
    let aside = run(records.quarantined()).unwrap_or_default();
    assert_eq!(aside.len(), 1);
    assert_eq!((aside[0].store.as_str(), aside[0].key.as_str()), (INTERACTIONS, "i-broken"));
    assert_eq!(aside[0].value, broken, "kept exactly as it was");
    assert!(!db.dump(INTERACTIONS).contains_key("i-broken"));
}

#[test]
fn corrupt_records_are_moved_aside_and_the_rest_still_loads() {
    let db = MemoryBackend::default();
    let records = run(Records::open(&db, now())).unwrap_or_else(|e| panic!("{e}"));
    let good = crate::model::Person::first_seen(
        crate::model::Identity { site: crate::model::Site::X, handle: "bob".into(), url: "https://x.com/bob".into() },
        "Bob",
        now(),
    );
    run(records.save(Change { people: vec![good], ..Change::default() })).unwrap_or_else(|e| panic!("{e}"));
    db.plant(PEOPLE, [json!({"id": "p:x:mangled", "name": 42, "keys": ["x:mangled"]})]);
    db.plant(INTERACTIONS, [json!({"id": "i-bad", "p": "p:x:bob", "t": 5, "d": 9})]);

    let people = run(records.all_people(now())).unwrap_or_default();
    assert_eq!(people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), vec!["Bob"]);
    assert!(run(records.interactions_of("p:x:bob", now())).unwrap_or_default().is_empty());
    let aside = run(records.quarantined()).unwrap_or_default();
    let keys: Vec<_> = aside.iter().map(|q| q.key.as_str()).collect();
    assert_eq!(keys.len(), 2);
    assert!(keys.contains(&"p:x:mangled") && keys.contains(&"i-bad"));
    assert_eq!(db.dump(QUARANTINE)["people/p:x:mangled"]["value"]["name"], 42, "untouched");
}

#[test]
fn data_from_a_newer_kindling_is_refused_and_left_alone() {
    let db = MemoryBackend::default();
    db.plant(META, [json!({"id": "schema", "value": SCHEMA_VERSION + 1})]);
    db.plant(PEOPLE, [json!({"id": "p:future", "shape": "unknown"})]);
    let error = run(Records::open(&db, now())).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.contains("newer Kindling"), "{error}");
    assert_eq!(db.dump(PEOPLE).len(), 1);
}

#[test]
fn unreadable_settings_fall_back_to_the_defaults() {
    let db = MemoryBackend::default();
    db.plant(META, [json!({"id": "settings", "value": {"retention_months": "soon"}})]);
    let records = run(Records::open(&db, now())).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run(records.settings()), Ok(Settings::default()));
}

#[test]
fn digests_are_read_once_until_the_record_changes_whoever_changes_it() {
    use crate::model::{Direction, Identity, Interaction, Kind, Person, Site};
    let db = MemoryBackend::default();
    let records = run(Records::open(&db, now())).unwrap_or_else(|e| panic!("{e}"));
    let bob = Person::first_seen(
        Identity { site: Site::X, handle: "bob".into(), url: "https://x.com/bob".into() },
        "Bob",
        now(),
    );
    let like = |n: u32| Interaction {
        id: format!("i{n}"),
        person: bob.id.clone(),
        site: Site::X,
        kind: Kind::Like,
        direction: Direction::Outbound,
        at: now(),
        url: format!("https://x.com/bob/status/{n}"),
        handle: None,
        snippet: None,
        by_hand: false,
    };
    let digests = || run(records.digests(now())).unwrap_or_else(|e| panic!("{e}"));
    let events = |d: &Rc<Vec<Digest>>| d.iter().map(|d| d.events.len()).sum::<usize>();
    run(records.save(Change { people: vec![bob.clone()], interactions: vec![like(1)], ..Change::default() }))
        .unwrap_or_else(|e| panic!("{e}"));
    let first = digests();
    assert_eq!(events(&first), 1);
    assert!(Rc::ptr_eq(&first, &digests()), "nothing changed: the digests read are used again");

    run(records.save(Change { interactions: vec![like(2)], ..Change::default() })).unwrap_or_else(|e| panic!("{e}"));
    let second = digests();
    assert_eq!(events(&second), 2, "a write through the record is seen");

    // Another writer (another Kindling process) stamps its own write.
    let other = Records { backend: &db, tab: None };
    run(other.save(Change { clear: true, ..Change::default() })).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(events(&digests()), 0, "a replacing import elsewhere is seen");
    db.plant(DIGESTS, [json!({"id": "stamp", "v": "elsewhere"}), json!({"id": format!("dirty/{}", bob.id)})]);
    db.plant(PEOPLE, [codec::encode_person(&bob)]);
    db.plant(INTERACTIONS, [codec::encode_interaction(&like(3))]);
    assert_eq!(events(&digests()), 1, "a stamp this process did not write is never trusted");
}
