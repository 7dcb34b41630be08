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
