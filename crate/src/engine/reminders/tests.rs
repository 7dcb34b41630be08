//! The reminder rules as cases: a person who said yes, a date, the
//! settings, what was sent, the time and the user's offset from UTC.

use super::*;
use crate::model::{Identity, IrlAttempt, Outcome};

/// Monday 5 January 2026, `h`:`m` UTC, `d` days later.
fn t(d: i64, h: i64, m: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_571_200 + d * 86_400 + h * 3600 + m * 60, 0).unwrap_or_default()
}

/// Alice, who said yes (on `answered`) to coffee, on `date` if agreed.
fn alice(date: Option<DateTime<Utc>>, answered: Option<DateTime<Utc>>) -> Person {
    let id = Identity { site: Site::X, handle: "alice".into(), url: "https://x.com/alice".into() };
    let mut p = Person::first_seen(id, "Alice", t(-60, 0, 0));
    p.irl_attempts = vec![IrlAttempt {
        medium: Medium::Coffee,
        phrasing: String::new(),
        raised_at: t(-10, 12, 0),
        outcome: Some(Outcome::Positive),
        scheduled_for: date,
        answered_at: answered,
    }];
    p
}

/// Reminders on, no digest (its own cases below), the other defaults.
fn on() -> Reminders {
    Reminders { on: true, digest: false, ..Reminders::default() }
}

fn run(p: &Person, r: &Reminders, sent: &[Sent], now: DateTime<Utc>, offset: i32) -> Schedule {
    schedule([(p, &[][..])], r, &Pacing::default(), sent, 0, now, offset)
}

fn keys(s: &Schedule) -> Vec<String> {
    s.due.iter().map(|r| r.key.split(':').next().unwrap_or_default().to_owned()).collect()
}

fn sent(kind: &str, plan: DateTime<Utc>, at: DateTime<Utc>) -> Sent {
    Sent { key: format!("{kind}:p:x:alice:{}", plan.timestamp_millis()), person: Some("p:x:alice".into()), at }
}

#[test]
fn a_meeting_brings_the_evening_before_two_hours_before_and_did_you_meet_the_day_after() {
    // Coffee on Wednesday at 14:00 UTC; the user is on UTC.
    let date = t(2, 14, 0);
    let p = alice(Some(date), None);
    let evening = sent("evening", date, t(1, 19, 0));
    let before = sent("before", date, t(2, 12, 0));
    // (now, already sent, what is due, the next time, what it says)
    type Case<'a> = (DateTime<Utc>, Vec<Sent>, &'a [&'a str], Option<DateTime<Utc>>, &'a str);
    let cases: [Case; 6] = [
        (t(0, 10, 0), vec![], &[], Some(t(1, 19, 0)), ""),
        (t(1, 19, 0), vec![], &["evening"], Some(t(2, 12, 0)), "Coffee with Alice in 19 hours."),
        (t(1, 19, 1), vec![evening.clone()], &[], Some(t(2, 12, 0)), ""),
        (t(2, 12, 0), vec![evening.clone()], &["before"], Some(t(3, 10, 0)), "Coffee with Alice in 2 hours."),
        (t(2, 15, 0), vec![evening.clone(), before.clone()], &[], Some(t(3, 10, 0)), ""),
        (t(3, 10, 0), vec![evening, before], &["met"], None, "Did you meet Alice? Note how it went."),
    ];
    for (now, log, due, next, says) in cases {
        let s = run(&p, &on(), &log, now, 0);
        assert_eq!(keys(&s), due, "at {now}");
        assert_eq!(s.next, next, "next, at {now}");
        if let Some(r) = s.due.first() {
            assert_eq!(r.text.english(), says);
            assert_eq!(r.account, Some((Site::X, "alice".to_owned())), "a click opens Alice's card");
        }
    }
    // The lead time is the user's: 30 minutes before.
    let half = Reminders { before_minutes: 30, evening_before: false, ..on() };
    assert_eq!(run(&p, &half, &[], t(2, 10, 0), 0).next, Some(t(2, 13, 30)));
}

#[test]
fn nothing_comes_while_reminders_are_off() {
    let p = alice(Some(t(2, 14, 0)), None);
    for now in [t(1, 19, 0), t(2, 12, 0), t(3, 10, 0)] {
        let off = Reminders { digest: true, ..Reminders::default() };
        let s = schedule([(&p, &[][..])], &off, &Pacing::default(), &[], 3, now, 0);
        assert_eq!(s, Schedule::default(), "at {now}");
    }
}

#[test]
fn quiet_hours_delay_a_reminder_to_their_end_but_never_past_the_meeting() {
    let r = Reminders { evening_before: false, ..on() };
    // (meeting, now, what is due, next) with quiet hours 22:00 to 08:00.
    let cases = [
        // 2 h before 09:00 is 07:00, quiet: at 08:00 instead.
        (t(2, 9, 0), t(2, 6, 0), vec![], Some(t(2, 8, 0))),
        (t(2, 9, 0), t(2, 8, 0), vec!["before"], Some(t(3, 10, 0))),
        // 2 h before 07:30 is quiet and 08:00 is after it started: none.
        (t(2, 7, 30), t(2, 5, 0), vec![], Some(t(3, 10, 0))),
        // An alarm that came late, in the quiet hours, waits for their end.
        (t(2, 23, 30), t(2, 22, 15), vec![], None),
    ];
    for (date, now, due, next) in cases {
        let s = run(&alice(Some(date), None), &r, &[], now, 0);
        assert_eq!(keys(&s), due, "{date} at {now}");
        assert_eq!(s.next, next.or(Some(t(3, 10, 0))), "{date} at {now}");
    }
    // No quiet hours (the same hour twice): at 07:00 as set.
    let none = Reminders { quiet_from: 0, quiet_until: 0, ..r.clone() };
    assert_eq!(run(&alice(Some(t(2, 9, 0)), None), &none, &[], t(2, 6, 0), 0).next, Some(t(2, 7, 0)));
    // Quiet hours within a day (01:00 to 06:00).
    let night = Reminders { quiet_from: 1, quiet_until: 6, ..r };
    assert_eq!(run(&alice(Some(t(2, 6, 30)), None), &night, &[], t(2, 0, 0), 0).next, Some(t(2, 6, 0)));
}

#[test]
fn one_notification_per_person_a_day() {
    // Lead time a whole day: the reminder before Tuesday 21:00 comes on
    // Monday at 21:00, the same evening as the one at 19:00.
    let r = Reminders { before_minutes: 24 * 60, ..on() };
    let date = t(1, 21, 0);
    let p = alice(Some(date), None);
    let evening = sent("evening", date, t(0, 19, 0));
    let s = run(&p, &r, std::slice::from_ref(&evening), t(0, 21, 0), 0);
    assert!(s.due.is_empty(), "Alice heard from Kindling this evening");
    assert_eq!(s.next, Some(t(1, 8, 0)), "tomorrow, once the quiet hours end");
    // Both due at once (the browser was closed at 19:00): the one before
    // the meeting, and the other not at all (tomorrow it has passed).
    let s = run(&p, &r, &[], t(0, 21, 0), 0);
    assert_eq!(keys(&s), ["before"]);
    let log = record(Vec::new(), &s, t(0, 21, 0));
    assert_eq!(run(&p, &r, &log, t(0, 21, 1), 0).next, Some(t(2, 10, 0)), "only 'Did you meet' is left");
}

#[test]
fn nothing_is_repeated_after_a_restart() {
    let p = alice(Some(t(2, 14, 0)), None);
    let mut log = Vec::new();
    let mut shown = Vec::new();
    // An alarm every quarter of an hour for four days, the background
    // started afresh each time: only the log is kept.
    for q in 0..4 * 24 * 4 {
        let now = t(0, 0, 15 * q);
        let s = run(&p, &on(), &log, now, 0);
        shown.extend(keys(&s));
        log = record(log, &s, now);
    }
    assert_eq!(shown, ["evening", "before", "met"]);
}

#[test]
fn a_yes_without_a_date_is_followed_up_after_three_days() {
    let yes = t(0, 10, 0);
    let p = alice(None, Some(yes));
    let s = run(&p, &on(), &[], t(2, 10, 0), 0);
    assert!(s.due.is_empty());
    assert_eq!(s.next, Some(t(3, 10, 0)));
    let s = run(&p, &on(), &[], t(3, 10, 0), 0);
    assert_eq!(keys(&s), ["date"]);
    assert_eq!(s.due[0].text.english(), "Alice is up for it: ask when would be good for them.");
    let log = record(Vec::new(), &s, t(3, 10, 0));
    assert_eq!(run(&p, &on(), &log, t(4, 10, 0), 0), Schedule::default(), "once");
    // An older record without the time of the yes counts from the ask.
    let old = alice(None, None);
    assert_eq!(run(&old, &on(), &[], t(-8, 0, 0), 0).next, Some(t(-7, 12, 0)));
    // A week late, it is dropped (Today still says it).
    assert_eq!(run(&p, &on(), &[], t(11, 0, 0), 0), Schedule::default());
    // Snoozed: no follow-up.
    let snoozed = Person { snoozed_until: Some(t(5, 0, 0)), ..p };
    assert_eq!(run(&snoozed, &on(), &[], t(3, 10, 0), 0), Schedule::default());
}

#[test]
fn the_weekly_digest_comes_once_a_week_on_the_chosen_day_and_hour() {
    let nobody: [(&Person, &[Event]); 0] = [];
    let r = Reminders { digest: true, digest_day: 2, digest_hour: 18, ..on() };
    let run = |sent: &[Sent], people, now| schedule(nobody, &r, &Pacing::default(), sent, people, now, 0);
    assert_eq!(run(&[], 3, t(0, 10, 0)).next, Some(t(2, 18, 0)), "Wednesday at 18:00");
    let s = run(&[], 3, t(2, 18, 0));
    assert_eq!(s.due.len(), 1);
    assert_eq!(s.due[0].text.english(), "3 people would be glad to hear from you.");
    assert_eq!(s.due[0].account, None, "a click opens Today");
    let log = record(Vec::new(), &s, t(2, 18, 0));
    let again = run(&log, 3, t(2, 18, 5));
    assert!(again.due.is_empty(), "not twice");
    assert_eq!(again.next, Some(t(9, 18, 0)), "next Wednesday");
    // Moved to Friday after this week's came: still next week's only.
    let friday = Reminders { digest_day: 4, ..r.clone() };
    let s = schedule(nobody, &friday, &Pacing::default(), &log, 3, t(4, 18, 0), 0);
    assert!(s.due.is_empty());
    assert_eq!(s.next, Some(t(11, 18, 0)));
    // Missed (the browser was closed): it comes when it can, that week.
    assert_eq!(run(&[], 1, t(5, 9, 0)).due[0].text.english(), "1 person would be glad to hear from you.");
    // Nobody to name: not shown, but that week's is settled.
    let s = run(&[], 0, t(2, 18, 0));
    assert!(s.due.is_empty());
    assert_eq!(s.settled.len(), 1);
    assert_eq!(run(&record(Vec::new(), &s, t(2, 18, 0)), 2, t(2, 19, 0)).next, Some(t(9, 18, 0)));
}

#[test]
fn local_times_follow_the_users_offset_from_utc() {
    // Coffee on Wednesday at 14:00 UTC. The evening before at 19:00 local,
    // "did you meet" at 10:00 local the day after; the reminder before is
    // two hours before in any zone.
    for (offset, evening, morning) in [
        (0, t(1, 19, 0), t(3, 10, 0)),
        (120, t(1, 17, 0), t(3, 8, 0)),
        (-300, t(2, 0, 0), t(3, 15, 0)),
        (330, t(1, 13, 30), t(3, 4, 30)),
    ] {
        let p = alice(Some(t(2, 14, 0)), None);
        assert_eq!(run(&p, &on(), &[], t(0, 0, 0), offset).next, Some(evening), "UTC{offset:+}");
        let log = [sent("evening", t(2, 14, 0), evening), sent("before", t(2, 14, 0), t(2, 12, 0))];
        assert_eq!(run(&p, &on(), &log, t(2, 15, 0), offset).next, Some(morning), "UTC{offset:+}");
    }
    // Quiet hours are local too: 07:00 in India is 01:30 UTC, quiet until
    // 08:00 local, 02:30 UTC.
    let early = alice(Some(t(2, 3, 30)), None);
    let r = Reminders { evening_before: false, ..on() };
    assert_eq!(run(&early, &r, &[], t(2, 0, 0), 330).next, Some(t(2, 2, 30)));
}

#[test]
fn arithmetic_is_in_utc_with_a_fixed_offset_so_daylight_saving_cannot_bend_it() {
    // The same week seen before and after a change from UTC+1 to UTC+2:
    // the local evening moves by exactly the hour the clock moved; the
    // reminder before stays two hours before, in absolute time.
    let p = alice(Some(t(6, 9, 0)), None);
    let winter = run(&p, &on(), &[], t(0, 0, 0), 60).next;
    let summer = run(&p, &on(), &[], t(0, 0, 0), 120).next;
    assert_eq!(winter, Some(t(5, 18, 0)));
    assert_eq!(summer, Some(t(5, 17, 0)));
    let log = [sent("evening", t(6, 9, 0), t(5, 17, 0))];
    for offset in [60, 120] {
        assert_eq!(run(&p, &on(), &log, t(5, 23, 0), offset).next, Some(t(6, 7, 0)), "UTC{offset:+}");
    }
}
