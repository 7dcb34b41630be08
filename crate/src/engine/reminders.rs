//! Reminders (issue 23): which notifications are due now, and when the
//! next one is. A pure function of the people (with their history), the
//! user's reminder settings, what was already sent, `now` and the user's
//! offset from UTC; the background arms one alarm for `next`, shows what
//! is `due` and the service records it as sent (docs/pacing.md,
//! "Reminders").
//!
//! Local times (the evening before, the digest's hour, quiet hours) are
//! `now`'s offset applied to UTC: no time-zone database, so a daylight
//! saving change between now and a reminder shifts it by the change until
//! the background re-arms after it (each alarm and every change re-arms).

use crate::engine::pacing::{advise, Event};
use crate::model::text::Text;
use crate::model::{Medium, Pacing, Person, Reminders, Site, Stage};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Serialize};

/// "Did you meet Sam?" comes the morning after the date, at this local hour.
pub const MORNING_HOUR: u32 = 10;
/// A yes with no date is followed up this many days after it.
pub const DATELESS_DAYS: i64 = 3;
/// A follow-up not delivered within this many days of its time is dropped:
/// a week-old "Did you meet Sam?" is noise, and the agenda still says it.
pub const LATE_DAYS: i64 = 7;
/// The sent log keeps this many days: longer than any reminder can be late.
pub const KEEP_SENT_DAYS: i64 = 30;

/// One notification sent, as the log keeps it (a meta record): the same
/// key is never sent twice, and one person hears at most once a local day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sent {
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    pub at: DateTime<Utc>,
}

/// A notification to show now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reminder {
    /// What it is about, unique for all time (the sent log's key).
    pub key: String,
    /// The person's id, and the account whose card a click opens; none for
    /// the weekly digest, whose click opens Today.
    pub person: Option<String>,
    pub account: Option<(Site, String)>,
    /// What it says.
    pub text: Text,
}

/// What is due now, what is only to be noted as sent (a weekly digest with
/// nobody to name: not shown, but that week's), and when the next is due.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Schedule {
    pub due: Vec<Reminder>,
    pub settled: Vec<String>,
    pub next: Option<DateTime<Utc>>,
}

/// One possible notification, before the rules say whether it comes now.
struct Candidate {
    reminder: Reminder,
    /// When it would ideally come.
    at: DateTime<Utc>,
    /// It never comes at or after this (a meeting's start, or too late).
    until: DateTime<Utc>,
    /// Among one person's due at once, the lowest comes.
    rank: u8,
    /// Noted as sent when due, never shown (a digest naming nobody).
    settle_only: bool,
}

/// The user's clock: UTC moved by a fixed offset, in minutes.
#[derive(Clone, Copy)]
struct Clock {
    offset: Duration,
}

impl Clock {
    fn local_day(self, t: DateTime<Utc>) -> NaiveDate {
        (t + self.offset).date_naive()
    }

    /// `hour`:00 local time on local day `day`, in UTC.
    fn at(self, day: NaiveDate, hour: u32) -> DateTime<Utc> {
        let time = NaiveTime::from_hms_opt(hour.min(23), 0, 0).unwrap_or_default();
        day.and_time(time).and_utc() - self.offset
    }

    /// The next local midnight after `t`.
    fn next_day(self, t: DateTime<Utc>) -> DateTime<Utc> {
        self.at(self.local_day(t) + Duration::days(1), 0)
    }

    /// `t`, or the end of the quiet hours it falls in.
    fn unquiet(self, t: DateTime<Utc>, from: u32, until: u32) -> DateTime<Utc> {
        let hour = (t + self.offset).hour();
        let day = self.local_day(t);
        let quiet = match from.cmp(&until) {
            std::cmp::Ordering::Equal => false,
            std::cmp::Ordering::Less => (from..until).contains(&hour),
            std::cmp::Ordering::Greater => hour >= from || hour < until,
        };
        match quiet {
            false => t,
            // Quiet hours over midnight, in their evening part: until tomorrow.
            true if from > until && hour >= from => self.at(day + Duration::days(1), until),
            true => self.at(day, until),
        }
    }
}

/// The notifications due at `now` and the time of the next one, for the
/// user `offset_minutes` ahead of UTC. `people` are everyone with their
/// history; `digest_people` how many Today lines ask the user to reach out
/// (the weekly digest's count); `sent` what was sent already.
pub fn schedule<'a, I>(
    people: I,
    settings: &Reminders,
    pacing: &Pacing,
    sent: &[Sent],
    digest_people: usize,
    now: DateTime<Utc>,
    offset_minutes: i32,
) -> Schedule
where
    I: IntoIterator<Item = (&'a Person, &'a [Event])>,
{
    if !settings.on {
        return Schedule::default();
    }
    let clock = Clock { offset: Duration::minutes(i64::from(offset_minutes)) };
    let mut candidates: Vec<Candidate> = Vec::new();
    for (person, events) in people {
        candidates.extend(about(person, events, settings, pacing, clock, now));
    }
    candidates.extend(digest(settings, sent, digest_people, clock, now));
    decide(candidates, settings, sent, clock, now)
}

/// Which candidates come now, and when the next one comes.
fn decide(
    candidates: Vec<Candidate>,
    settings: &Reminders,
    sent: &[Sent],
    clock: Clock,
    now: DateTime<Utc>,
) -> Schedule {
    let mut out = Schedule::default();
    let heard_on = |person: &str, day: NaiveDate| {
        sent.iter().any(|s| s.person.as_deref() == Some(person) && clock.local_day(s.at) == day)
    };
    // The most pressing of each person's first, so one due at once wins.
    let mut candidates = candidates;
    // The shared sort (`model::order`): a copy of the standard one would add ~5 KB of wasm.
    crate::model::order::sort_by(&mut candidates, |a, b| {
        a.rank.cmp(&b.rank).then(a.at.cmp(&b.at)).then(a.reminder.key.cmp(&b.reminder.key))
    });
    let mut chosen_today: Vec<String> = Vec::new();
    for c in candidates {
        if sent.iter().any(|s| s.key == c.reminder.key) {
            continue;
        }
        let quiet = |t| clock.unquiet(t, settings.quiet_from, settings.quiet_until);
        let mut when = quiet(c.at.max(now));
        if let Some(person) = c.reminder.person.as_deref() {
            // One a person a local day: a later one waits for tomorrow.
            let today = clock.local_day(now);
            let taken = |t: DateTime<Utc>| {
                let day = clock.local_day(t);
                heard_on(person, day) || (day == today && chosen_today.iter().any(|p| p == person))
            };
            if taken(when) {
                when = quiet(clock.next_day(when));
            }
        }
        if when >= c.until {
            continue;
        }
        if when > now {
            out.next = Some(out.next.map_or(when, |next| next.min(when)));
        } else if c.settle_only {
            out.settled.push(c.reminder.key);
        } else {
            if let Some(person) = &c.reminder.person {
                chosen_today.push(person.clone());
            }
            out.due.push(c.reminder);
        }
    }
    out
}

/// The meeting reminders and follow-ups about one person, if they said yes.
fn about(
    person: &Person,
    events: &[Event],
    settings: &Reminders,
    pacing: &Pacing,
    clock: Clock,
    now: DateTime<Utc>,
) -> Vec<Candidate> {
    let advice = advise(person, events, pacing, now, clock.local_day(now));
    // As Today's follow-up: only after a yes, until they met.
    if advice.stage != Stage::Raised || advice.awaiting_answer {
        return Vec::new();
    }
    let snoozed = person.snoozed_until.is_some_and(|until| now < until);
    let name = person.name.as_str();
    let account = person.identities.first().map(|i| (i.site, i.handle.clone()));
    let candidate = |kind: &str, stamp: DateTime<Utc>, text: Text, at, until, rank| Candidate {
        reminder: Reminder {
            key: format!("{kind}:{}:{}", person.id, stamp.timestamp_millis()),
            person: Some(person.id.clone()),
            account: account.clone(),
            text,
        },
        at,
        until,
        rank,
        settle_only: false,
    };
    let Some(plan) = advice.plan else {
        // A yes and no date yet: ask them when, some days after the yes.
        let last = person.irl_attempts.iter().filter(|a| a.raised_at <= now).max_by_key(|a| a.raised_at);
        let Some(yes) = last.map(|a| a.answered_at.unwrap_or(a.raised_at)).filter(|_| !snoozed) else {
            return Vec::new();
        };
        let at = yes + Duration::days(DATELESS_DAYS);
        let text = Text::new("follow_up_for_it").with(name);
        return vec![candidate("date", yes, text, at, at + Duration::days(LATE_DAYS), 3)];
    };
    let soon = Text::new(match plan.medium {
        Medium::Coffee => "follow_coffee_soon",
        Medium::PhoneCall => "follow_call_soon",
        Medium::VideoChat => "follow_video_soon",
        Medium::Other => "follow_meeting_soon",
    })
    .with(name);
    let mut out = Vec::new();
    let before = plan.at - Duration::minutes(i64::from(settings.before_minutes));
    // Said when shown, which is now whenever it is due.
    let in_time = soon.with(crate::engine::words::until(plan.at, now));
    out.push(candidate("before", plan.at, in_time.clone(), before, plan.at, 0));
    if settings.evening_before {
        let evening = clock.at(clock.local_day(plan.at) - Duration::days(1), settings.evening_hour);
        // Only that evening: late at night or the next morning, the
        // reminder before the meeting says it better.
        let until = plan.at.min(clock.next_day(evening));
        out.push(candidate("evening", plan.at, in_time.clone(), evening, until, 1));
    }
    if !snoozed {
        let morning = clock.at(clock.local_day(plan.at) + Duration::days(1), MORNING_HOUR);
        let text = Text::new("follow_did_you_meet").with(name);
        out.push(candidate("met", plan.at, text, morning, morning + Duration::days(LATE_DAYS), 2));
    }
    out
}

/// The weekly digest: this week's, unless it was sent, then next week's.
/// A week is the user's local Monday to Sunday; the key names it, so at
/// most one comes a week whatever day the user picks.
fn digest(settings: &Reminders, sent: &[Sent], people: usize, clock: Clock, now: DateTime<Utc>) -> Option<Candidate> {
    if !settings.digest {
        return None;
    }
    let today = clock.local_day(now);
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let slot = |week: i64| {
        let day = monday + Duration::days(7 * week + i64::from(settings.digest_day.min(6)));
        let iso = day.iso_week();
        (clock.at(day, settings.digest_hour), format!("digest:{}-W{:02}", iso.year(), iso.week()))
    };
    let (mut at, mut key) = slot(0);
    if sent.iter().any(|s| s.key == key) {
        (at, key) = slot(1);
    }
    let text = Text::count("digest_people", people as i64);
    let reminder = Reminder { key, person: None, account: None, text };
    // Nobody to name: nothing shown, but that week's digest is settled.
    Some(Candidate { reminder, at, until: at + Duration::days(7), rank: 4, settle_only: people == 0 })
}

/// The sent log with `due` added at `now`, and anything older than
/// `KEEP_SENT_DAYS` left out.
pub fn record(sent: Vec<Sent>, schedule: &Schedule, now: DateTime<Utc>) -> Vec<Sent> {
    let keep_from = now - Duration::days(KEEP_SENT_DAYS);
    let mut log: Vec<Sent> = sent.into_iter().filter(|s| s.at >= keep_from).collect();
    for r in &schedule.due {
        log.push(Sent { key: r.key.clone(), person: r.person.clone(), at: now });
    }
    for key in &schedule.settled {
        log.push(Sent { key: key.clone(), person: None, at: now });
    }
    log
}

#[cfg(test)]
#[path = "reminders/tests.rs"]
mod tests;
