//! The results through the service: an imported history's figures, and
//! how a merge, a split and a deletion change them (they are computed from
//! the record each time, never stored).

use super::*;
use crate::engine::results::Results;
use crate::model::Site;
use crate::model::{Direction, Identity, Interaction, IrlAttempt, Kind, Medium, Meeting, Outcome, Person, Settings};
use crate::service::export::Export;
use crate::service::messages::{ExportFormat, ImportMode, Request, Response, Sender};
use crate::store::MemoryBackend;
use crate::testing::run;
use chrono::{DateTime, Duration, Utc};

/// Day 0 of the history; the user looks on day 100.
fn day(d: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_764_000_000 + d * 86_400, 0).unwrap_or_default()
}

fn ask(db: &MemoryBackend, request: Request) -> Response {
    run(handle(db, Sender::ExtensionPage, request, day(100)))
}

fn results(db: &MemoryBackend) -> Results {
    match ask(db, Request::Results {}) {
        Response::Results { results } => *results,
        other => panic!("expected the results, got {other:?}"),
    }
}

fn year(db: &MemoryBackend) -> Vec<u32> {
    results(db).funnels.into_iter().find(|f| f.months == 12).map(|f| f.counts).unwrap_or_default()
}

fn person(site: Site, handle: &str, url: &str) -> Person {
    let identity = Identity { site, handle: handle.into(), url: url.into() };
    let mut p = Person::first_seen(identity, handle, day(0));
    p.tracked = true;
    p
}

fn touch(p: &Person, site: Site, d: i64, direction: Direction) -> Interaction {
    let kind = if direction == Direction::Outbound { Kind::Like } else { Kind::Reply };
    Interaction {
        id: format!("i:{}:{d}:{direction:?}", p.id),
        person: p.id.clone(),
        site,
        kind,
        direction,
        at: day(d) + Duration::hours(9),
        url: String::new(),
        handle: p.identities.first().map(|i| i.handle.clone()),
        snippet: None,
        by_hand: false,
    }
}

/// Ann (X) went all the way; Ben (Mastodon) said not now; Dan is two
/// records: his X account, which the user likes weekly, and his GitHub
/// account, which answered twice.
fn file() -> String {
    let mut ann = person(Site::X, "ann", "https://x.com/ann");
    let mut ben = person(Site::Mastodon, "ben@mastodon.social", "https://mastodon.social/@ben");
    let dan = person(Site::X, "dan", "https://x.com/dan");
    let mut dan_gh = person(Site::Github, "dan", "https://github.com/dan");
    dan_gh.tracked = false;
    let mut list = Vec::new();
    for w in 0..6 {
        list.push(touch(&ann, Site::X, 1 + 7 * w, Direction::Outbound));
        list.push(touch(&ben, Site::Mastodon, 1 + 7 * w, Direction::Outbound));
        list.push(touch(&dan, Site::X, 1 + 7 * w, Direction::Outbound));
    }
    for d in [10, 20] {
        list.push(touch(&ann, Site::X, d, Direction::Inbound));
        list.push(touch(&ben, Site::Mastodon, d, Direction::Inbound));
        list.push(touch(&dan_gh, Site::Github, d, Direction::Inbound));
    }
    let attempt = |d: i64, outcome| IrlAttempt {
        medium: Medium::Coffee,
        phrasing: String::new(),
        raised_at: day(d),
        outcome: Some(outcome),
        scheduled_for: None,
        answered_at: None,
    };
    ann.irl_attempts = vec![attempt(50, Outcome::Positive)];
    ann.meetings = vec![Meeting { medium: Medium::Coffee, at: day(64), note: String::new() }];
    ben.irl_attempts = vec![attempt(57, Outcome::Negative)];
    Export::new(vec![ann, ben, dan, dan_gh], list, Settings::default(), day(99)).to_json()
}

#[test]
fn an_imported_history_a_merge_a_split_and_a_deletion_change_the_results_at_once() {
    let db = MemoryBackend::default();
    assert_eq!(year(&db), vec![0; 7], "nothing yet");
    let said = ask(&db, Request::Import { text: file(), mode: ImportMode::Merge });
    assert!(matches!(said, Response::Done { .. }), "{said:?}");
    // Four records: Ann met, Ben asked, Dan on X tracked (one way), Dan on
    // GitHub noticed.
    assert_eq!(year(&db), vec![4, 3, 2, 2, 2, 1, 1]);
    let r = results(&db);
    assert_eq!((r.asks.yes, r.asks.not_now, r.asks.cooled), (1, 1, 1));
    assert_eq!(r.times[0].to_ready.people, 2, "Ann and Ben");

    // Dan's two accounts merged: one person, both ways and ready.
    let merged = ask(&db, Request::Merge { keep: "p:x:dan".into(), other: "p:github:dan".into() });
    assert!(matches!(merged, Response::Done { .. }), "{merged:?}");
    assert_eq!(year(&db), vec![3, 3, 3, 3, 2, 1, 1]);
    assert_eq!(results(&db).times[0].to_ready.people, 3);

    // Split again: as before the merge.
    let split = ask(&db, Request::Split { person: "p:x:dan".into(), account: "github:dan".into() });
    assert!(matches!(split, Response::Done { .. }), "{split:?}");
    assert_eq!(year(&db), vec![4, 3, 2, 2, 2, 1, 1]);

    // Ann deleted: she leaves every figure.
    let deleted = ask(&db, Request::DeletePerson { person: "p:x:ann".into() });
    assert!(matches!(deleted, Response::Done { .. }), "{deleted:?}");
    assert_eq!(year(&db), vec![3, 2, 1, 1, 1, 0, 0]);
    let r = results(&db);
    assert_eq!((r.asks.yes, r.asks.not_now), (0, 1));
    assert!(r.times.iter().all(|t| t.site != Some(Site::X)), "Ann was X's only ready person");

    // The monthly figures as a file, from the same record.
    match ask(&db, Request::Export { format: ExportFormat::ResultsCsv }) {
        Response::File { name, mime, text } => {
            assert_eq!((name.as_str(), mime.as_str()), ("kindling-results-2026-03-04.csv", "text/csv"));
            assert_eq!(text.lines().count(), 13, "{text}");
            let asked: u32 = text.lines().skip(1).filter_map(|l| l.split(',').nth(4)?.parse::<u32>().ok()).sum::<u32>();
            assert_eq!(asked, 1, "Ben's ask, Ann's gone: {text}");
        }
        other => panic!("expected a file, got {other:?}"),
    }
}
