//! Fuzzing what a hostile page can send (issue 21): any sequence of profile
//! looks from any tabs, pushed by a page script or after the user's input,
//! with names that change and addresses loaded elsewhere. Whatever the
//! sequence: a look with no user input (or one whose loaded address was
//! another profile) makes no one; no tab adds more than 60 people an hour;
//! no look renames anyone already known.

use super::check;
use crate::service::messages::{Request, Response, Sender};
use crate::service::{handle_from_tab, MAX_NEW_PEOPLE_PER_HOUR};
use crate::sites::PageFacts;
use crate::store::{MemoryBackend, PEOPLE};
use crate::testing::run;
use chrono::{DateTime, Utc};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// One look at a profile: the tab (of 2), whose (of 400 handles), the name shown
/// (of 3), whether the user's input came just before, and the address the
/// document loaded at (none, the same profile, or another's).
type Look = (i64, usize, usize, bool, Option<usize>);

fn request(&(_, who, name, by_user, loaded): &Look) -> Request {
    Request::PageSeen {
        url: format!("https://x.com/p{who}"),
        page: PageFacts {
            title: format!("Name{name} of {who} (@p{who}) / X"),
            profile_name: None,
            self_href: Some("/me".into()),
        },
        by_user,
        started: None,
        loaded: loaded.map(|other| format!("https://x.com/p{other}")),
    }
}

/// Names by person id.
fn names(db: &MemoryBackend) -> BTreeMap<String, String> {
    db.dump(PEOPLE).into_iter().filter_map(|(id, v)| Some((id, v.get("name")?.as_str()?.to_owned()))).collect()
}

#[test]
fn fuzz_a_hostile_pages_profile_looks() {
    let now = DateTime::<Utc>::from_timestamp(1_764_000_000, 0).unwrap_or_default();
    let look = (0i64..2, 0usize..400, 0usize..3, any::<bool>(), prop::option::of(0usize..400));
    check(32, prop::collection::vec(look, 1..300), |looks| {
        let db = MemoryBackend::default();
        let mut made: BTreeMap<i64, usize> = BTreeMap::new();
        for l in &looks {
            let before = names(&db);
            let answer = run(handle_from_tab(&db, Sender::ContentScript, Some(l.0), request(l), now));
            prop_assert!(matches!(answer, Response::Page { .. }), "{:?}", answer);
            let after = names(&db);
            for (id, name) in &before {
                prop_assert_eq!(after.get(id), Some(name), "{} renamed", id);
            }
            let new = after.len() - before.len();
            let users = l.3 && l.4.is_none_or(|loaded| loaded == l.1);
            prop_assert!(new == 0 || users, "{:?} made someone with no user input", l);
            *made.entry(l.0).or_default() += new;
            prop_assert!(made[&l.0] <= MAX_NEW_PEOPLE_PER_HOUR as usize, "tab {} made {}", l.0, made[&l.0]);
        }
        Ok(())
    });
}

/// One notification a page shows: its kind (of 4), whose (of 40), the post
/// it is about (of 3, or none), and its date: seconds from now (400 days
/// back to 10 days ahead), or text that is no date.
type Shown = (usize, usize, Option<usize>, Result<i64, String>);

fn item(&(kind, who, post, ref when): &Shown, now: DateTime<Utc>) -> crate::sites::InboundItem {
    let kind = ["favourite", "reblog", "follow", "mention"][kind];
    crate::sites::InboundItem {
        marker: format!("notification-group focusable notification-group--{kind}"),
        actors: vec![crate::sites::ActorFacts {
            href: Some(format!("/@p{who}")),
            name: Some(format!("P{who}")),
            label: None,
        }],
        permalink: post.map(|p| format!("https://mastodon.social/@kim/11{p}")),
        time: Some(match when {
            Ok(seconds) => (now + chrono::Duration::seconds(*seconds)).to_rfc3339(),
            Err(text) => text.clone(),
        }),
        ..Default::default()
    }
}

/// Whatever dates a page puts on its notifications, everything they record
/// happened within `INBOUND_PAST_DAYS` before the sighting, and never after
/// it (issue 21: a page cannot make weeks of history in one visit).
#[test]
fn fuzz_notifications_a_page_dates_record_nothing_older_than_the_window_or_in_the_future() {
    use crate::service::INBOUND_PAST_DAYS;
    use crate::store::INTERACTIONS;
    let now = DateTime::<Utc>::from_timestamp(1_764_000_000, 0).unwrap_or_default();
    let when = prop_oneof![(-400 * 86_400i64..10 * 86_400).prop_map(Ok), ".{0,30}".prop_map(Err)];
    let shown = (0usize..4, 0usize..40, prop::option::of(0usize..3), when);
    check(32, prop::collection::vec(prop::collection::vec(shown, 1..20), 1..6), |visits| {
        let db = MemoryBackend::default();
        for (hour, items) in visits.iter().enumerate() {
            let seen = now + chrono::Duration::hours(hour as i64);
            let request = Request::Inbound {
                url: "https://mastodon.social/notifications".into(),
                self_href: Some("/@kim".into()),
                items: items.iter().map(|s| item(s, seen)).collect(),
            };
            let answer = run(handle_from_tab(&db, Sender::ContentScript, Some(1), request, seen));
            prop_assert!(matches!(answer, Response::Inbound { .. }), "{:?}", answer);
            for (id, record) in db.dump(INTERACTIONS) {
                let at = record.get("t").and_then(serde_json::Value::as_i64).and_then(DateTime::from_timestamp_millis);
                prop_assert!(at.is_some(), "{} has no date: {:?}", id, record);
                let at = at.unwrap_or_default();
                prop_assert!(at <= seen, "{} dated after the sighting: {}", id, at);
                let oldest = now - chrono::Duration::days(INBOUND_PAST_DAYS);
                prop_assert!(at >= oldest, "{} dated {} before the window", id, at);
            }
        }
        Ok(())
    });
}

/// What the user and the pages do to the record: look at a profile (of 3
/// handles, after the user's input), merge one person into another, split
/// one of their accounts off, delete someone (people and accounts chosen
/// by index among those there), or save the record and load it back (replacing, or merged in).
#[derive(Debug, Clone)]
enum Step {
    Look(usize),
    Merge(usize, usize),
    Split(usize, usize),
    Delete(usize),
    Reload { replace: bool },
}

/// The accounts of each person, by id.
fn accounts(db: &MemoryBackend) -> BTreeMap<String, Vec<String>> {
    let keys = |p: &serde_json::Value| -> Vec<String> {
        let list = p.get("keys").and_then(|k| k.as_array()).into_iter().flatten();
        list.filter_map(|k| k.as_str().map(str::to_owned)).collect()
    };
    db.dump(PEOPLE).into_iter().map(|(id, p)| (id, keys(&p))).collect()
}

/// Finding 3 of issue 21, at large: whatever merges, splits, deletions and
/// reloads came before, a look at a profile never takes over anyone else's
/// record: everyone there before keeps their accounts, and it adds at most
/// one person, who has only that account.
#[test]
fn fuzz_a_look_never_takes_over_another_persons_record() {
    use crate::service::handle;
    use crate::service::messages::ImportMode;
    let start = DateTime::<Utc>::from_timestamp(1_764_000_000, 0).unwrap_or_default();
    let step = prop_oneof![
        3 => (0usize..3).prop_map(Step::Look),
        2 => (0usize..8, 0usize..8).prop_map(|(a, b)| Step::Merge(a, b)),
        2 => (0usize..8, 0usize..4).prop_map(|(a, b)| Step::Split(a, b)),
        1 => (0usize..8).prop_map(Step::Delete),
        1 => any::<bool>().prop_map(|replace| Step::Reload { replace }),
    ];
    check(128, prop::collection::vec(step, 1..40), |steps| {
        let db = MemoryBackend::default();
        for (n, step) in steps.iter().enumerate() {
            let now = start + chrono::Duration::minutes(n as i64 * 10);
            let before = accounts(&db);
            let id = |i: usize| before.keys().nth(i % before.len().max(1)).cloned().unwrap_or_default();
            let ask = |request| run(handle(&db, Sender::ExtensionPage, request, now));
            match *step {
                Step::Look(who) => {
                    let look = (n as i64, who, 0, true, None);
                    run(handle_from_tab(&db, Sender::ContentScript, Some(n as i64), request(&look), now));
                    let after = accounts(&db);
                    for (person, keys) in &before {
                        prop_assert_eq!(after.get(person), Some(keys), "{}'s record after a look at p{}", person, who);
                    }
                    let new: Vec<_> = after.iter().filter(|(p, _)| !before.contains_key(*p)).collect();
                    prop_assert!(new.len() <= 1, "{:?}", new);
                    for (_, keys) in new {
                        prop_assert_eq!(keys, &vec![format!("x:p{who}")]);
                    }
                }
                Step::Merge(a, b) => {
                    ask(Request::Merge { keep: id(a), other: id(b) });
                }
                Step::Split(a, which) => {
                    // Mostly the account their id was made from: what a merge
                    // can leave a record without.
                    let theirs = before.get(&id(a)).cloned().unwrap_or_default();
                    let named = id(a).trim_start_matches("p:").split('~').next().unwrap_or_default().to_owned();
                    let account = match which {
                        0 | 1 => named,
                        _ => theirs.get(which % theirs.len().max(1)).cloned().unwrap_or_default(),
                    };
                    ask(Request::Split { person: id(a), account });
                }
                Step::Delete(a) => {
                    ask(Request::DeletePerson { person: id(a) });
                }
                Step::Reload { replace } => {
                    let format = crate::service::messages::ExportFormat::Json;
                    if let Response::File { text, .. } = ask(Request::Export { format }) {
                        let mode = if replace { ImportMode::Replace } else { ImportMode::Merge };
                        ask(Request::Import { text, mode });
                    }
                }
            }
        }
        Ok(())
    });
}
