//! Fuzzing the import: `export::parse` on arbitrary bytes, arbitrary JSON
//! and broken exports, and the `Import` request applied to a store that
//! already holds a record.

use super::{check, everything, json_with, mutate, mutation, words_of};
use crate::model::{Archive, AskAbout, Direction, Identity, Interaction, IrlAttempt, Kind, Medium, Note, Person};
use crate::model::{Meeting, Settings, Site};
use crate::service;
use crate::service::export::{self, Export};
use crate::service::messages::{ImportMode, Request, Response, Sender};
use crate::sites::canonical_handle;
use crate::store::{MemoryBackend, Records};
use crate::testing::{property_names, run};
use chrono::{DateTime, NaiveDate, Utc};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeSet;

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_764_000_000, 0).unwrap_or_default()
}

fn identity(site: Site, handle: &str, url: &str) -> Identity {
    Identity { site, handle: handle.into(), url: url.into() }
}

/// A small export with every part of the format filled in.
pub fn valid_export() -> Export {
    let at = now();
    let mut alice = Person::first_seen(identity(Site::X, "alice", "https://x.com/alice"), "Alice", at);
    alice.identities.push(identity(Site::Github, "alice", "https://github.com/alice"));
    alice.tracked = true;
    alice.tags = vec!["climbing".into()];
    alice.notes = vec![Note { text: "Likes climbing".into(), created_at: at }];
    alice.ask_about = vec![AskAbout {
        text: "the marathon".into(),
        after: NaiveDate::from_ymd_opt(2026, 12, 1),
        created_at: at,
        done: false,
    }];
    alice.irl_attempts = vec![IrlAttempt {
        medium: Medium::Coffee,
        phrasing: "Coffee?".into(),
        raised_at: at,
        outcome: None,
        scheduled_for: None,
        answered_at: None,
    }];
    alice.meetings = vec![Meeting { medium: Medium::VideoChat, at, note: "Nice".into() }];
    let old = Interaction {
        id: "i-old".into(),
        person: alice.id.clone(),
        site: Site::X,
        kind: Kind::Reply,
        direction: Direction::Inbound,
        at,
        url: "https://x.com/alice/status/1".into(),
        handle: Some("alice".into()),
        snippet: Some("Hello".into()),
        by_hand: false,
    };
    let mut archive = Archive::default();
    archive.add(&old);
    alice.archive = archive;
    let bob = Person::first_seen(
        identity(Site::Mastodon, "bob@fosstodon.org", "https://mastodon.social/@bob@fosstodon.org"),
        "Bob",
        at,
    );
    let like = Interaction {
        id: "i-like".into(),
        kind: Kind::Like,
        direction: Direction::Outbound,
        snippet: None,
        ..old.clone()
    };
    let boost = Interaction {
        id: "i-boost".into(),
        person: bob.id.clone(),
        site: Site::Mastodon,
        kind: Kind::Repost,
        handle: Some("bob@fosstodon.org".into()),
        url: "https://mastodon.social/@bob@fosstodon.org/2".into(),
        ..like.clone()
    };
    let settings = Settings { mastodon_instances: vec!["social.example".into()], ..Settings::default() };
    Export::new(vec![alice, bob], vec![old, like, boost], settings, at)
}

/// The model's invariants over a whole record: every person has an
/// account, every handle is canonical, no id and no account is there twice,
/// every interaction belongs to someone there.
fn check_record(people: &[Person], interactions: &[Interaction]) -> Result<(), TestCaseError> {
    let mut ids = BTreeSet::new();
    let mut accounts = BTreeSet::new();
    for p in people {
        prop_assert!(ids.insert(p.id.as_str()), "person {} twice", p.id);
        prop_assert!(!p.identities.is_empty(), "person {} has no account", p.id);
        for i in &p.identities {
            prop_assert_eq!(canonical_handle(i.site, &i.handle, None), Some(i.handle.clone()));
            prop_assert!(accounts.insert(i.key()), "account {} twice", i.key());
        }
    }
    let mut seen = BTreeSet::new();
    for i in interactions {
        prop_assert!(seen.insert(i.id.as_str()), "interaction {} twice", i.id);
        prop_assert!(ids.contains(i.person.as_str()), "interaction {} of nobody ({})", i.id, i.person);
        if let Some(handle) = &i.handle {
            prop_assert_eq!(canonical_handle(i.site, handle, None), Some(handle.clone()));
        }
    }
    Ok(())
}

/// What an imported file can put in what Kindling writes (issue 21): every
/// account's address is one the card links to, every field within its cap,
/// and the calendar file and vCard made from it hold only Kindling's own
/// lines: one event with one alarm, one vCard per person.
fn check_written(file: &Export) -> Result<(), TestCaseError> {
    const TEXT: usize = crate::service::messages::MAX_FIELD;
    for p in &file.people {
        for i in &p.identities {
            prop_assert!(
                crate::engine::card::safe_link(i).is_some(),
                "an address the card would not link: {:?}",
                i.url
            );
        }
        prop_assert!(p.name.len() <= TEXT && p.notes.iter().all(|n| n.text.len() <= TEXT), "a text over its cap");
        let ics = export::meeting_ics(p, Medium::Coffee, now(), now());
        let names = property_names(&ics).map_err(TestCaseError::fail)?;
        prop_assert_eq!(names, crate::testing::CALENDAR_LINES, "{}", ics);
    }
    let vcard = export::people_vcard(file);
    let names = property_names(&vcard).map_err(TestCaseError::fail)?;
    prop_assert!(names.iter().all(|n| crate::testing::VCARD_PROPERTIES.contains(&n.as_str())), "{}", vcard);
    prop_assert_eq!(names.iter().filter(|n| *n == "BEGIN").count(), file.people.len());
    Ok(())
}

/// A store holding the valid export.
fn seeded() -> MemoryBackend {
    let db = MemoryBackend::default();
    let text = valid_export().to_json();
    run(service::handle(&db, Sender::ExtensionPage, Request::Import { text, mode: ImportMode::Replace }, now()));
    db
}

/// Parse `text` and import it both ways into a store holding a record.
/// Never a panic; what parses keeps the invariants; an import refused
/// changes nothing; one done leaves a record that keeps the invariants and
/// reads back without anything set aside.
fn examine(text: &str) -> Result<(), TestCaseError> {
    let parsed = export::parse(text);
    if let Ok(file) = &parsed {
        check_record(&file.people, &file.interactions)?;
        prop_assert!(file.settings.pacing.validate().is_ok());
        check_written(file)?;
    }
    for mode in [ImportMode::Merge, ImportMode::Replace] {
        let db = seeded();
        let before = everything(&db);
        let request = Request::Import { text: text.to_owned(), mode };
        match run(service::handle(&db, Sender::ExtensionPage, request, now())) {
            Response::Error { .. } => prop_assert!(everything(&db) == before, "a refused import changed the store"),
            Response::Done { .. } => {
                prop_assert!(parsed.is_ok(), "imported what does not parse");
                let records = run(Records::open(&db, now())).map_err(|e| TestCaseError::fail(e.to_string()))?;
                let people = run(records.all_people(now())).map_err(|e| TestCaseError::fail(e.to_string()))?;
                let interactions =
                    run(records.all_interactions(now())).map_err(|e| TestCaseError::fail(e.to_string()))?;
                let aside = run(records.quarantined()).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert!(aside.is_empty(), "set aside after an import: {:?}", aside);
                check_record(&people, &interactions)?;
            }
            other => prop_assert!(false, "an import answered {:?}", other),
        }
    }
    Ok(())
}

#[test]
fn the_valid_export_imports() {
    assert!(export::parse(&valid_export().to_json()).is_ok());
    examine(&valid_export().to_json()).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn fuzz_import_of_arbitrary_bytes_and_json() {
    let mut words = Vec::new();
    words_of(&serde_json::to_value(valid_export()).unwrap_or_default(), &mut words);
    let anything = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..2000).prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
        json_with(words).prop_map(|v| v.to_string()),
    ];
    check(300, anything, |text| examine(&text));
}

#[test]
fn fuzz_import_of_broken_exports() {
    let doc = serde_json::to_value(valid_export()).unwrap_or_default();
    let text = valid_export().to_json();
    let mut words = Vec::new();
    words_of(&doc, &mut words);
    let broken = prop_oneof![
        4 => prop::collection::vec(mutation(words), 1..4).prop_map(move |changes| {
            let mut doc = doc.clone();
            for (choice, change) in &changes {
                mutate(&mut doc, *choice, change);
            }
            doc.to_string()
        }),
        1 => (0..text.len()).prop_map(move |cut| text.chars().take(cut).collect::<String>()),
    ];
    check(300, broken, |text: String| examine(&text));
}

/// The valid export, changed.
fn with(change: impl FnOnce(&mut Value)) -> String {
    let mut doc = serde_json::to_value(valid_export()).unwrap_or_default();
    change(&mut doc);
    doc.to_string()
}

#[test]
fn regression_a_merged_import_with_another_link_for_a_known_account_keeps_one_identity() {
    // Found by fuzzing: the same person, one account's link changed, was
    // merged into a person with that account twice.
    let text = with(|doc| doc["people"][1]["identities"][1]["url"] = "h".into());
    examine(&text).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn regression_a_merged_import_never_gives_one_account_to_two_people() {
    // One person in the file with an account of each of two people in the
    // store: merged into the first, the other's account was theirs too.
    let text = with(|doc| {
        let mut newcomer = doc["people"][0].clone();
        newcomer["id"] = "p:new".into();
        newcomer["identities"] = serde_json::json!([
            {"site": "github", "handle": "alice", "url": "https://github.com/alice"},
            {"site": "mastodon", "handle": "bob@fosstodon.org", "url": "https://mastodon.social/@bob@fosstodon.org"},
        ]);
        doc["people"] = serde_json::json!([newcomer]);
        doc["interactions"] = serde_json::json!([]);
    });
    examine(&text).unwrap_or_else(|e| panic!("{e}"));
}
