//! Reminders over an in-memory store: who may ask, what is recorded as
//! sent, and the settings' own requests.

use crate::model::{Identity, IrlAttempt, Medium, Outcome, Person, Reminders, Settings, Site};
use crate::service::handle;
use crate::service::messages::{Request, Response, Sender};
use crate::store::{Change, MemoryBackend, Records};
use crate::testing::run;
use chrono::{DateTime, Duration, Utc};

fn now() -> DateTime<Utc> {
    // Monday 5 January 2026 at noon UTC, outside the quiet hours.
    DateTime::from_timestamp(1_767_571_200 + 12 * 3600, 0).unwrap_or_default()
}

/// Sam said yes to coffee in two hours; reminders `on` or not.
fn store(on: bool) -> MemoryBackend {
    let db = MemoryBackend::default();
    let id = Identity { site: Site::X, handle: "sam".into(), url: "https://x.com/sam".into() };
    let mut sam = Person::first_seen(id, "Sam", now() - Duration::days(60));
    sam.irl_attempts = vec![IrlAttempt {
        medium: Medium::Coffee,
        phrasing: String::new(),
        raised_at: now() - Duration::days(3),
        outcome: Some(Outcome::Positive),
        scheduled_for: Some(now() + Duration::hours(2)),
        answered_at: None,
    }];
    let settings =
        Settings { reminders: Reminders { on, digest: false, ..Reminders::default() }, ..Settings::default() };
    let saved = run(async {
        let records = Records::open(&db, now()).await?;
        records.save(Change { people: vec![sam], settings: Some(settings), ..Change::default() }).await
    });
    assert!(saved.is_ok());
    db
}

fn remind(db: &MemoryBackend, notify: bool, at: DateTime<Utc>) -> Response {
    run(handle(db, Sender::Background, Request::Remind { offset: 0, notify }, at))
}

fn due_keys(answer: &Response) -> Vec<String> {
    match answer {
        Response::Reminders { due, .. } => due.iter().map(|r| r.key.clone()).collect(),
        other => vec![format!("{other:?}")],
    }
}

#[test]
fn only_the_background_asks_what_is_due_and_no_page_changes_reminders() {
    let db = store(true);
    let asks = [
        Request::Remind { offset: 0, notify: true },
        Request::SaveReminders { reminders: Reminders::default() },
        Request::ReminderOffer { on: true },
    ];
    for request in asks {
        let answer = run(handle(&db, Sender::ContentScript, request.clone(), now()));
        assert!(matches!(answer, Response::Error { .. }), "a content script: {request:?}");
    }
    for sender in [Sender::ExtensionPage, Sender::CardFrame] {
        let answer = run(handle(&db, sender, Request::Remind { offset: 0, notify: true }, now()));
        assert!(matches!(answer, Response::Error { .. }), "{sender:?} would record what it cannot show");
    }
    let far = Request::Remind { offset: 25 * 60, notify: true };
    assert!(matches!(run(handle(&db, Sender::Background, far, now())), Response::Error { .. }));
    assert_eq!(due_keys(&remind(&db, true, now())).len(), 1, "nothing was recorded by the refused requests");
}

#[test]
fn what_is_due_is_recorded_as_sent_and_never_repeated() {
    let db = store(true);
    let first = remind(&db, true, now());
    assert_eq!(due_keys(&first), [format!("before:p:x:sam:{}", (now() + Duration::hours(2)).timestamp_millis())]);
    // The background stopped and started again: the log is in the store.
    assert_eq!(due_keys(&remind(&db, true, now() + Duration::minutes(1))), Vec::<String>::new());
    // Today's line for Sam ("Coffee with Sam in 2 hours") counts on the badge.
    assert!(matches!(first, Response::Reminders { badge: Some(1), .. }));
}

#[test]
fn nothing_is_due_while_reminders_are_off_or_cannot_be_shown() {
    assert_eq!(due_keys(&remind(&store(false), true, now())), Vec::<String>::new());
    let db = store(true);
    assert_eq!(due_keys(&remind(&db, false, now())), Vec::<String>::new());
    assert_eq!(due_keys(&remind(&db, true, now())).len(), 1, "not recorded while it could not be shown");
}

#[test]
fn reminder_settings_are_checked_kept_apart_from_the_form_and_the_offer_is_made_once() {
    let db = store(false);
    let ask = |request: Request| run(handle(&db, Sender::ExtensionPage, request, now()));
    let bad = Reminders { quiet_from: 24, ..Reminders::default() };
    assert!(matches!(ask(Request::SaveReminders { reminders: bad }), Response::Error { .. }));
    let on = Reminders { on: true, digest_day: 4, ..Reminders::default() };
    assert!(matches!(ask(Request::SaveReminders { reminders: on.clone() }), Response::Done { redraw_cards: true, .. }));
    // The settings form, sent as it was read before: reminders stay on.
    assert!(matches!(ask(Request::SaveSettings { settings: Settings::default() }), Response::Done { .. }));
    let settings = run(async { Records::open(&db, now()).await?.settings().await }).unwrap_or_default();
    assert_eq!(settings.reminders, Reminders { offer_answered: true, ..on });
    // The card's offer: "not now" is remembered, and turns nothing on.
    let db = store(false);
    let card = |request: Request| run(handle(&db, Sender::CardFrame, request, now()));
    assert!(matches!(card(Request::ReminderOffer { on: false }), Response::Done { .. }));
    let settings = run(async { Records::open(&db, now()).await?.settings().await }).unwrap_or_default();
    assert!(settings.reminders.offer_answered && !settings.reminders.on);
}
