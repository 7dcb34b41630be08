//! Sync through the service: two devices, each with its own store, and one
//! shared fake area with the browsers' quotas. What the user does on one
//! (track, a note, an agreed date, a merge) reaches the other with that
//! device's own history; a wrong passphrase changes nothing; local only
//! never touches the area; turning sync off empties it.

use super::*;
use crate::model::{Medium, Outcome};
use crate::service::messages::{PersonChange as C, Request, Response, Sender};
use crate::service::{handle, handle_from_tab};
use crate::store::MemoryBackend;
use crate::sync::area::{FakeArea, MAX_WRITES_PER_MINUTE};
use crate::testing::run;

const PASSPHRASE: &str = "correct horse battery staple";

fn at(minutes: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_225_600 + minutes * 60, 0).unwrap_or_default()
}

/// A device: its store, and its random bytes (a counter: the tests need no
/// secrecy, only distinct nonces and device ids).
struct Device {
    db: MemoryBackend,
    seed: u8,
}

impl Device {
    fn new(seed: u8) -> Device {
        Device { db: MemoryBackend::default(), seed }
    }

    fn sync(&mut self, area: &FakeArea, request: Request, minutes: i64) -> Response {
        let seed = &mut self.seed;
        let mut random = |buf: &mut [u8]| {
            for b in buf.iter_mut() {
                *seed = seed.wrapping_mul(31).wrapping_add(7);
                *b = *seed;
            }
        };
        area.now_ms.set(at(minutes).timestamp_millis());
        run(handle_sync(&self.db, area, &mut random, Sender::ExtensionPage, request, at(minutes)))
    }

    fn visit(&self, handle_: &str, minutes: i64) {
        let request = Request::PageSeen {
            url: format!("https://x.com/{handle_}"),
            page: crate::sites::PageFacts {
                title: format!("{handle_} (@{handle_}) / X"),
                profile_name: None,
                self_href: Some("/me".into()),
            },
            by_user: true,
            started: None,
            loaded: None,
        };
        run(handle_from_tab(&self.db, Sender::ContentScript, Some(1), request, at(minutes)));
    }

    fn change(&self, person: &str, change: C, minutes: i64) -> Response {
        run(handle(
            &self.db,
            Sender::ExtensionPage,
            Request::UpdatePerson { person: person.into(), change },
            at(minutes),
        ))
    }

    fn ask(&self, request: Request, minutes: i64) -> Response {
        run(handle(&self.db, Sender::ExtensionPage, request, at(minutes)))
    }

    /// Everyone as the card would show them: name, tracked, notes, dates.
    fn people(&self) -> Vec<String> {
        let records = Records { backend: &self.db, tab: None };
        let mut people: Vec<String> = run(records.all_people(at(0)))
            .unwrap_or_default()
            .into_iter()
            .map(|p| {
                let notes: Vec<String> = p.notes.iter().map(|n| n.text.clone()).collect();
                let dates: Vec<String> =
                    p.irl_attempts.iter().filter_map(|a| a.scheduled_for.map(|d| d.to_rfc3339())).collect();
                let mut accounts: Vec<String> = p.identities.iter().map(|i| i.key()).collect();
                accounts.sort();
                format!("{} {} tracked={} {accounts:?} {notes:?} {dates:?}", p.id, p.name, p.tracked)
            })
            .collect();
        people.sort();
        people
    }

    fn history_of(&self, person: &str) -> usize {
        let records = Records { backend: &self.db, tab: None };
        run(records.interactions_of(person, at(0))).unwrap_or_default().len()
    }
}

fn on(sync: &Response) -> bool {
    matches!(sync, Response::Sync { sync, .. } if sync.on && sync.unlocked && sync.problem.is_none())
}

#[test]
fn what_the_user_does_on_one_device_reaches_the_other_and_back() {
    let area = FakeArea::default();
    let (mut a, mut b) = (Device::new(1), Device::new(2));
    a.visit("dave", 0);
    a.change("p:x:dave", C::Track { on: true }, 1);
    a.change("p:x:dave", C::Note { text: "training for the Berlin marathon".into() }, 2);
    a.change("p:x:dave", C::Raised { medium: Medium::Coffee, phrasing: String::new() }, 3);
    a.change("p:x:dave", C::Answer { outcome: Outcome::Positive }, 4);
    a.change("p:x:dave", C::Schedule { at: at(60 * 24 * 3) }, 5);
    let turned_on = a.sync(&area, Request::SyncOn { passphrase: PASSPHRASE.into(), remember: true }, 6);
    assert!(on(&turned_on), "{turned_on:?}");

    b.visit("erin", 0);
    b.visit("dave", 1);
    assert!(on(&b.sync(&area, Request::SyncOn { passphrase: PASSPHRASE.into(), remember: false }, 10)));
    assert!(on(&a.sync(&area, Request::SyncNow {}, 11)));
    assert_eq!(a.people(), b.people());
    let dave = b.people().into_iter().find(|p| p.starts_with("p:x:dave")).unwrap_or_default();
    assert!(dave.contains("tracked=true") && dave.contains("Berlin marathon") && dave.contains("2026-01-04"), "{dave}");
    // Each device keeps its own history: B's visit to Dave stays B's.
    assert_eq!((a.history_of("p:x:dave"), b.history_of("p:x:dave")), (1, 1));

    // A merge on A reaches B, with B's own history following.
    b.visit("carol", 12);
    assert!(on(&b.sync(&area, Request::SyncNow {}, 13)));
    assert!(on(&a.sync(&area, Request::SyncNow {}, 14)));
    let merged = a.ask(Request::Merge { keep: "p:x:dave".into(), other: "p:x:carol".into() }, 15);
    assert!(matches!(merged, Response::Done { .. }), "{merged:?}");
    assert!(on(&a.sync(&area, Request::SyncNow {}, 16)));
    let round = b.sync(&area, Request::SyncNow {}, 17);
    assert!(matches!(round, Response::Sync { redraw_cards: true, .. }), "B's cards redraw: {round:?}");
    assert_eq!(a.people(), b.people());
    assert_eq!(b.history_of("p:x:carol"), 0);
    assert_eq!(b.history_of("p:x:dave"), 2, "B's visits to Dave and Carol, now one person's");
}

#[test]
fn a_wrong_passphrase_changes_nothing_and_local_only_never_touches_the_area() {
    let area = FakeArea::default();
    let (mut a, mut b) = (Device::new(1), Device::new(2));
    a.visit("dave", 0);
    assert!(on(&a.sync(&area, Request::SyncOn { passphrase: PASSPHRASE.into(), remember: true }, 1)));
    let items = area.items.borrow().clone();

    // Local only: B's record changes, and sync is asked again and again;
    // the area is never called.
    let calls = area.calls.get();
    b.visit("erin", 2);
    for minutes in 3..6 {
        let state = b.sync(&area, Request::SyncNow {}, minutes);
        assert!(matches!(&state, Response::Sync { sync, .. } if !sync.on), "{state:?}");
    }
    assert_eq!(area.calls.get(), calls, "no call to the sync area while local only");

    let before = b.people();
    let wrong =
        b.sync(&area, Request::SyncOn { passphrase: "correct horse battery stapler".into(), remember: true }, 6);
    assert!(matches!(&wrong, Response::Error { message } if message.key == "sync_wrong_passphrase"), "{wrong:?}");
    assert_eq!(b.people(), before);
    assert_eq!(*area.items.borrow(), items, "the area unchanged");
    let short = b.sync(&area, Request::SyncOn { passphrase: "short".into(), remember: true }, 7);
    assert!(matches!(&short, Response::Error { message } if message.key == "sync_passphrase_short"), "{short:?}");
}

#[test]
fn turning_sync_off_empties_the_area_and_the_other_device_says_so() {
    let area = FakeArea::default();
    let (mut a, mut b) = (Device::new(1), Device::new(2));
    a.visit("dave", 0);
    assert!(on(&a.sync(&area, Request::SyncOn { passphrase: PASSPHRASE.into(), remember: true }, 1)));
    assert!(on(&b.sync(&area, Request::SyncOn { passphrase: PASSPHRASE.into(), remember: true }, 2)));
    let off = b.sync(&area, Request::SyncOff {}, 3);
    assert!(matches!(&off, Response::Sync { sync, .. } if !sync.on), "{off:?}");
    assert!(area.items.borrow().keys().all(|k| !k.starts_with("kindling.")), "{:?}", area.items.borrow().keys());
    assert_eq!(b.people().len(), 1, "B keeps what it had");
    let after = a.sync(&area, Request::SyncNow {}, 4);
    assert!(
        matches!(&after, Response::Sync { sync, .. } if !sync.on && sync.problem.as_ref().is_some_and(|p| p.key == "sync_turned_off_elsewhere")),
        "{after:?}"
    );
    assert_eq!(a.people().len(), 1);
    // Only the extension's own pages and the background may ask.
    let mut none = |_: &mut [u8]| {};
    let refused = run(handle_sync(&a.db, &area, &mut none, Sender::ContentScript, Request::SyncNow {}, at(5)));
    assert!(matches!(refused, Response::Error { .. }));
}

#[test]
fn a_write_refused_for_a_quota_backs_off_longer_each_time_then_lands_whole() {
    let area = FakeArea::default();
    let mut a = Device::new(1);
    a.visit("dave", 0);
    assert!(on(&a.sync(&area, Request::SyncOn { passphrase: PASSPHRASE.into(), remember: true }, 1)));
    let minute = |m: i64| at(m).timestamp_millis();
    // The minute's writes are used up (another device, many changes).
    let use_up = |m: i64| area.writes.borrow_mut().extend(std::iter::repeat_n(minute(m), MAX_WRITES_PER_MINUTE));
    a.visit("erin", 2);
    use_up(3);
    let refused = a.sync(&area, Request::SyncNow {}, 3);
    let retry = |r: &Response| match r {
        Response::Sync { sync, .. } => (sync.problem.as_ref().map(|p| p.key.clone()), sync.retry_at),
        other => panic!("{other:?}"),
    };
    assert_eq!(retry(&refused), (Some("sync_quota".into()), Some(at(4))), "a minute's wait");
    // Until then, rounds leave the area alone (and still say why).
    let calls = area.calls.get();
    assert_eq!(retry(&a.sync(&area, Request::SyncNow {}, 3)), (Some("sync_quota".into()), Some(at(4))));
    assert_eq!(area.calls.get(), calls, "no call while backing off");
    // Refused again: two minutes' wait, then four.
    use_up(4);
    assert_eq!(retry(&a.sync(&area, Request::SyncNow {}, 4)).1, Some(at(6)));
    assert_eq!(area.calls.get(), calls + 2, "one read, one refused write");
    use_up(6);
    assert_eq!(retry(&a.sync(&area, Request::SyncNow {}, 6)).1, Some(at(10)));
    // The quota frees up: the round writes everything the area lacks.
    let landed = a.sync(&area, Request::SyncNow {}, 10);
    assert!(on(&landed), "{landed:?}");
    assert_eq!(retry(&landed), (None, None));
    let mut b = Device::new(2);
    assert!(on(&b.sync(&area, Request::SyncOn { passphrase: PASSPHRASE.into(), remember: true }, 11)));
    assert!(b.people().iter().any(|p| p.starts_with("p:x:erin")), "{:?}", b.people());
}
