//! Fuzzing the message decoder as the background runs it: JSON decoded into
//! a `Request`, then `service::handle` (sender check, size caps, answer).

use super::{at, check, everything, json_with, mutate, mutation, paths, text, words_of, Mutation, Step};
use crate::model::Stage;
use crate::model::{Medium, Outcome, Settings, Site};
use crate::service;
use crate::service::messages::{
    ExportFormat, ImportMode, PersonChange, Request, Response, Sender, MAX_FIELD, MAX_LIST,
};
use crate::sites::{ActorFacts, ClickFacts, ControlState, InboundItem, PageFacts, PersonFacts, PostFacts};
use crate::store::MemoryBackend;
use crate::testing::run;
use chrono::{DateTime, NaiveDate, Utc};
use proptest::prelude::*;
use serde_json::Value;

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_764_000_000, 0).unwrap_or_default()
}

/// One valid request of every kind, every optional part filled in.
fn samples() -> Vec<Request> {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26);
    let person = || "p:x:alice".to_owned();
    let post = PostFacts {
        author_href: Some("/alice".into()),
        author_name: Some("Alice".into()),
        permalink: Some("/alice/status/1".into()),
        attributes: [("author".to_owned(), "alice".to_owned())].into(),
        text: Some("Hello".into()),
    };
    let state = ControlState {
        testid: Some("like".into()),
        pressed: Some("false".into()),
        checked: Some("false".into()),
        active: true,
        label: Some("Like".into()),
        on: Some(false),
    };
    let facts = ClickFacts {
        control: "like".into(),
        before: state.clone(),
        after: ControlState { testid: Some("unlike".into()), ..state },
        post: Some(post.clone()),
        reply_to: Some(post),
        person: Some(PersonFacts { marker: "UserCell".into(), links: vec!["/alice".into()] }),
        self_href: Some("/me".into()),
        profile_name: Some("Me".into()),
        title: "Home / X".into(),
        event: Some("e1".into()),
    };
    let item = InboundItem {
        marker: "notification-group--favourite".into(),
        label: Some("Alice favourited your post".into()),
        href: Some("/@alice".into()),
        actors: vec![ActorFacts { href: Some("/@alice".into()), name: Some("Alice".into()), label: None }],
        permalink: Some("/@kim/1".into()),
        time: Some("2026-11-26T10:00:00Z".into()),
        ..InboundItem::default()
    };
    let settings = Settings {
        retention_months: Some(12),
        mastodon_instances: vec!["social.example".into()],
        collapsed_sites: vec![Site::Github],
        sites_off: vec![Site::X],
        ..Settings::default()
    };
    let changes = [
        PersonChange::Track { on: true },
        PersonChange::Local { on: true },
        PersonChange::Raised { medium: Medium::Coffee, phrasing: "Coffee?".into() },
        PersonChange::Answer { outcome: Outcome::Positive },
        PersonChange::Schedule { at: now() },
        PersonChange::Met { medium: Medium::PhoneCall, note: "Nice".into() },
        PersonChange::AskAbout { text: "the marathon".into(), after: today },
        PersonChange::AskedAbout { index: 0 },
        PersonChange::Note { text: "Likes climbing".into() },
        PersonChange::Tags { tags: vec!["climbing".into(), "work".into()] },
        PersonChange::Snooze { until: Some(now()) },
        PersonChange::Stage { stage: Some(Stage::Engage) },
        PersonChange::ReachedOut { site: Site::X, kind: crate::model::Kind::Call, at: Some(now()) },
        PersonChange::RemoveReachedOut { interaction: "i0123456789abcdef".into() },
    ];
    let mut all = vec![
        Request::SiteRules { url: "https://x.com/home".into() },
        Request::PageSeen {
            url: "https://x.com/alice".into(),
            page: PageFacts {
                title: "Alice (@alice) / X".into(),
                profile_name: Some("Alice@alice".into()),
                self_href: Some("/me".into()),
            },
            by_user: true,
            started: None,
            loaded: None,
        },
        Request::LeftByScript { url: "https://x.com/home".into(), at: 1_764_000_000_000 },
        Request::Engagement { url: "https://x.com/home".into(), facts: Box::new(facts) },
        Request::Inbound {
            url: "https://mastodon.social/notifications".into(),
            self_href: Some("/@kim".into()),
            items: vec![item],
        },
        Request::PageCheck {
            url: "https://x.com/alice".into(),
            page: PageFacts { title: "Alice (@alice) / X".into(), profile_name: None, self_href: Some("/me".into()) },
            counts: crate::engine::page_check::PageCounts {
                markers: [("post".to_owned(), 3)].into(),
                posts_checked: 3,
                with_author: 3,
                with_permalink: 2,
                controls_on_page: [("like".to_owned(), 3)].into(),
                controls_in_posts: [("like".to_owned(), 3)].into(),
            },
        },
        Request::Card { site: Site::X, handle: "alice".into(), today },
        Request::Recording {},
        Request::SetRecording { site: Some(Site::X), on: false },
        Request::CollapseCard { site: Site::X, collapsed: true },
        Request::Today { today },
        Request::Recent { limit: 5 },
        Request::Status {},
        Request::Check {},
        Request::People {},
        Request::Export { format: ExportFormat::Json },
        Request::ExportQuarantine {},
        Request::Import { text: super::import::valid_export().to_json(), mode: ImportMode::Merge },
        Request::DeletePerson { person: person() },
        Request::CalendarEvent { person: person() },
        Request::DeleteEverything {},
        Request::SaveSettings { settings },
        Request::FindPeople { query: "ali".into(), except: Some(person()) },
        Request::ListPeople { query: "ali".into(), stage: Some(Stage::Engage), tag: Some("climbing".into()), today },
        Request::Merge { keep: person(), other: "p:github:alice".into() },
        Request::Split { person: person(), account: "x:alice".into() },
    ];
    all.extend(changes.into_iter().map(|change| Request::UpdatePerson { person: person(), change }));
    all
}

/// The samples as JSON, and the words they use (field names, tags, ids).
fn documents() -> (Vec<Value>, Vec<String>) {
    let docs: Vec<Value> = samples().iter().filter_map(|r| serde_json::to_value(r).ok()).collect();
    let mut words = Vec::new();
    docs.iter().for_each(|doc| words_of(doc, &mut words));
    (docs, words)
}

/// The first field of `input` that the request decoded from it does not
/// have: a field the decoder ignored. (Fields left at their default may be
/// left out when the request is written: `null` and `{}` are those.)
fn ignored_field(input: &Value, decoded: &Value, path: &str) -> Option<String> {
    match (input, decoded) {
        (Value::Object(given), Value::Object(kept)) => given.iter().find_map(|(key, value)| {
            let here = format!("{path}.{key}");
            match kept.get(key) {
                Some(kept) => ignored_field(value, kept, &here),
                None if value.is_null() || value.as_object().is_some_and(|o| o.is_empty()) => None,
                None => Some(here),
            }
        }),
        (Value::Array(given), Value::Array(kept)) => {
            given.iter().zip(kept).enumerate().find_map(|(i, (g, k))| ignored_field(g, k, &format!("{path}[{i}]")))
        }
        _ => None,
    }
}

/// The first text or list in a request over the message caps (an import's
/// file is capped apart).
fn oversized(value: &Value, path: &str) -> Option<String> {
    match value {
        Value::String(s) if s.len() > MAX_FIELD => Some(format!("{path}: {} bytes", s.len())),
        Value::Array(items) if items.len() > MAX_LIST => Some(format!("{path}: {} items", items.len())),
        Value::Object(map) if map.len() > MAX_LIST => Some(format!("{path}: {} entries", map.len())),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| oversized(v, &format!("{path}[{i}]"))),
        Value::Object(map) => map
            .iter()
            .filter(|(key, _)| !(path.is_empty() && *key == "text" && map.get("type") == Some(&"import".into())))
            .find_map(|(key, v)| oversized(v, &format!("{path}.{key}"))),
        _ => None,
    }
}

/// `value` as Kindling's senders write it: JSON text with each object's tag
/// (`type`, or `what` for a change) first, where the background reads it
/// (`serde_json::Value` keeps its keys sorted, the browser does not).
fn as_sent(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let tag = ["type", "what"].into_iter().find(|t| map.contains_key(*t));
            let keys = tag.into_iter().chain(map.keys().map(String::as_str).filter(|k| Some(*k) != tag));
            let fields: Vec<String> = keys.map(|k| format!("{}:{}", Value::from(k), as_sent(&map[k]))).collect();
            format!("{{{}}}", fields.join(","))
        }
        Value::Array(items) => format!("[{}]", items.iter().map(as_sent).collect::<Vec<_>>().join(",")),
        other => other.to_string(),
    }
}

/// `value` decoded as the background decodes a message.
fn decode(value: &Value) -> Result<Request, serde_json::Error> {
    serde_json::from_str(&as_sent(value))
}

/// Decode `input` as the background does and answer it from both kinds of
/// sender. Never a panic; a request decoded has no field it ignored, writes
/// back as itself and, once its sizes pass, holds nothing over the caps; a
/// request refused (sender or size) is an error and changes nothing.
fn examine(input: &Value, db: &MemoryBackend) -> Result<(), TestCaseError> {
    let Ok(request) = decode(input) else { return Ok(()) };
    let text = serde_json::to_string(&request).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(serde_json::from_str::<Request>(&text).ok(), Some(request.clone()), "round trip");
    let written: Value = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
    if let Some(field) = ignored_field(input, &written, "") {
        prop_assert!(false, "the unknown field {} was accepted", field);
    }
    let sized = request.check_sizes().is_ok();
    if let Some(what) = oversized(&written, "").filter(|_| sized) {
        prop_assert!(false, "over a cap but accepted: {}", what);
    }
    for sender in [Sender::ContentScript, Sender::ExtensionPage] {
        let before = everything(db);
        let answer = run(service::handle(db, sender, request.clone(), now()));
        if !sized || !request.allowed_from(sender) {
            prop_assert!(matches!(answer, Response::Error { .. }), "refused, yet answered {:?}", answer);
            prop_assert!(everything(db) == before, "a refused request changed the store");
        }
    }
    Ok(())
}

#[test]
fn every_sample_request_round_trips_and_is_answered() {
    let db = MemoryBackend::default();
    for (sample, doc) in samples().iter().zip(documents().0) {
        assert_eq!(decode(&doc).ok().as_ref(), Some(sample));
        assert_eq!(sample.check_sizes(), Ok(()), "{doc}");
        examine(&doc, &db).unwrap_or_else(|e| panic!("{doc}: {e}"));
    }
}

#[test]
fn fuzz_arbitrary_json_messages() {
    let (_, words) = documents();
    let types: Vec<String> = documents().0.iter().filter_map(|d| d["type"].as_str().map(str::to_owned)).collect();
    let field = (prop::sample::select(words.clone()), json_with(words.clone()));
    let request_like = (prop::sample::select(types), prop::collection::vec(field, 0..6)).prop_map(|(kind, fields)| {
        let mut object: serde_json::Map<String, Value> = fields.into_iter().collect();
        object.insert("type".into(), kind.into());
        Value::Object(object)
    });
    let anything = prop_oneof![2 => request_like, 1 => json_with(words), 1 => text().prop_map(Value::from)];
    let db = MemoryBackend::default();
    check(1000, anything, |input| examine(&input, &db));
}

#[test]
fn fuzz_mutated_valid_messages() {
    let (docs, words) = documents();
    let count = docs.len();
    let mutated = (0..count, prop::collection::vec(mutation(words), 1..4));
    let db = MemoryBackend::default();
    check(1000, mutated, |(which, changes)| {
        let mut doc = docs[which].clone();
        let Some(((choice, last), earlier)) = changes.split_last() else { return Ok(()) };
        for (choice, change) in earlier {
            mutate(&mut doc, *choice, change);
        }
        // A field added to an object that is a struct (not the map of a
        // post's attributes, nor a page check's maps of counts) must be refused.
        let all = paths(&doc);
        let path = &all[choice % all.len()];
        let maps = ["attributes", "markers", "controls_on_page", "controls_in_posts"].map(|key| Step::Key(key.into()));
        let into_struct = at(&doc, path).is_some_and(Value::is_object) && path.last().is_none_or(|l| !maps.contains(l));
        mutate(&mut doc, *choice, last);
        if matches!(last, Mutation::Unknown(_)) && into_struct {
            prop_assert!(decode(&doc).is_err(), "accepted {}", doc);
        }
        examine(&doc, &db)
    });
}
