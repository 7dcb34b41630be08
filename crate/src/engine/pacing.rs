//! The pacing and real-life engine: from a name on a screen to a cup of
//! coffee, at a human pace. Pure functions of a person, their interactions,
//! the settings and the time given; nothing here reads a clock or a store.
//! docs/pacing.md explains every rule in words a user can read.
//!
//! Windows are rolling (the last hour, the last 7 days), not calendar days or
//! weeks: "too fast" is about how close together touches are, which a
//! midnight, a week boundary, a time zone or a DST change does not alter.
//! The user's local date matters only for ask-about items, which are dated
//! by day; the caller passes the local date.
//!
//! The engine is compiled only with feature `background`; the pages' module
//! (feature `ui`) has the types alone: the settings, the stages, the advice
//! and plans as the card and the popup read them.

use crate::model::text::Text;
use crate::model::{Medium, Stage};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
#[cfg(feature = "background")]
use {
    crate::model::{Direction, Interaction, Kind, Outcome, Pacing, Person},
    chrono::{Duration, NaiveDate},
};

/// Whether to slow down, go ahead, or reach out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Hint {
    /// Going too fast: why, and from when it is fine again.
    SlowDown { reason: Text, fine_after: DateTime<Utc> },
    /// Quiet for a while: a gentle touch would be welcome.
    Nudge { reason: Text },
    /// Nothing to hold back: `left` more touches fit this week.
    FineToEngage { left: u32 },
}

/// The suggestion to take it to real life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub medium: Medium,
    /// Kindling's own phrasings (in the user's language) or the user's.
    pub phrases: Vec<Text>,
    /// True after an earlier cold answer: say it even more lightly.
    pub gently: bool,
}

/// Everything the engine says about one person now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Advice {
    pub stage: Stage,
    pub hint: Hint,
    /// Things they did for the user vs. things the user did, last 90 days.
    pub inbound: usize,
    pub outbound: usize,
    /// The user engages, they have not engaged back yet.
    pub one_sided: bool,
    /// The balance in words, as the card shows it under the history: "you
    /// 14 · them 5 in 90 days, last from them 9 days ago".
    pub balance: Text,
    /// Everything but what they did for the user says "ready for real
    /// life" (weeks of touches, no burst, nothing raised, not cooling
    /// off): "Ready once they engage back".
    pub waiting_for_them: bool,
    /// What the card says of the two-way picture, if anything: "Ready once
    /// they engage back", or else "They haven't engaged back yet".
    pub reciprocity: Option<Text>,
    pub suggestion: Option<Suggestion>,
    /// The next step after a positive answer or a meeting, in words.
    pub next_step: Option<Text>,
    /// The user raised meeting and no answer is recorded (nor timed out).
    pub awaiting_answer: bool,
    /// Ask-about items due now (their date has come, or undated).
    pub ask_about: Vec<String>,
    /// The meeting agreed with them, while it has not happened yet.
    pub plan: Option<Plan>,
}

/// A meeting in real life they agreed to, with its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub medium: Medium,
    pub at: DateTime<Utc>,
}

/// What the engine reads of one interaction: when, what, which way, and
/// which post it was on. A post is known by a 64-bit hash of its URL (0 for
/// none), so a person's history can be kept compactly for the Today agenda
/// (see `digest`) and read there exactly as the card reads it here.
#[cfg(feature = "background")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    pub at: DateTime<Utc>,
    pub kind: Kind,
    pub direction: Direction,
    pub post: u64,
    /// When the post was written, where its URL says (`sites::posted_at`).
    pub posted: Option<DateTime<Utc>>,
}

#[cfg(feature = "background")]
impl Event {
    pub fn of(i: &Interaction) -> Event {
        Event {
            at: i.at,
            kind: i.kind,
            direction: i.direction,
            post: post_hash(&i.url),
            posted: crate::sites::posted_at(&i.url),
        }
    }

    pub fn all(interactions: &[Interaction]) -> Vec<Event> {
        interactions.iter().map(Event::of).collect()
    }
}

/// FNV-1a of a post's URL: stable across builds and machines (it is
/// stored), never 0 for a URL, 0 for none.
#[cfg(feature = "background")]
pub fn post_hash(url: &str) -> u64 {
    if url.is_empty() {
        return 0;
    }
    let hash = url.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    hash.max(1)
}

/// Does this interaction reach the other person? Profile visits do not.
#[cfg(feature = "background")]
pub(crate) fn is_touch(i: &Event) -> bool {
    i.direction == Direction::Outbound && i.kind != Kind::ProfileVisit
}

/// Touches by the user at or before `now`, oldest first. Liking, reposting
/// and replying to one post is one touch (at the first of them): engaging
/// with what someone shared is not a rush; engaging with many of their
/// posts at once is. A follow is a touch of its own.
#[cfg(feature = "background")]
pub(crate) fn touches(interactions: &[Event], now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let mut on_posts: Vec<(u64, bool, DateTime<Utc>)> = Vec::new();
    let mut at: Vec<DateTime<Utc>> = Vec::new();
    for i in interactions.iter().filter(|i| is_touch(i) && i.at <= now) {
        if i.post == 0 {
            at.push(i.at);
        } else {
            on_posts.push((i.post, i.kind == Kind::Follow, i.at));
        }
    }
    // The first touch on each post (a follow apart).
    // The standard sort, not `order::sort`: the agenda runs this for every
    // person (an agenda over 5,000 people was 10-20 % slower through it).
    on_posts.sort_unstable();
    on_posts.dedup_by_key(|(post, follow, _)| (*post, *follow));
    at.extend(on_posts.into_iter().map(|(_, _, t)| t));
    at.sort_unstable();
    at
}

/// Liking a run of someone's old posts reads as digging through their
/// history: this many likes, within a day, of posts older than 30 days.
#[cfg(feature = "background")]
const OLD_RUN: usize = 3;

/// The slow-down for a run of likes on old posts, if there is one.
#[cfg(feature = "background")]
fn old_run(interactions: &[Event], now: DateTime<Utc>) -> Option<(Text, DateTime<Utc>)> {
    let day_ago = now - Duration::days(1);
    let mut old: Vec<DateTime<Utc>> = interactions
        .iter()
        .filter(|i| i.kind == Kind::Like && is_touch(i) && i.at <= now && i.at > day_ago)
        .filter(|i| i.posted.is_some_and(|posted| i.at - posted > Duration::days(30)))
        .map(|i| i.at)
        .collect();
    if old.len() < OLD_RUN {
        return None;
    }
    crate::model::order::sort(&mut old);
    let last = old.last().copied().unwrap_or(now);
    Some((Text::count("slow_old_posts", old.len() as i64), last + Duration::days(1)))
}

/// How many touches fit in a week `weeks` full weeks after the first touch.
#[cfg(feature = "background")]
pub fn weekly_budget(p: &Pacing, weeks: i64) -> u32 {
    let steps = u32::try_from(weeks.max(0) / i64::from(p.ramp_step_weeks.max(1))).unwrap_or(u32::MAX);
    p.ramp_start.saturating_add(steps).min(p.plateau.max(p.ramp_start))
}

/// When Kindling, asked at `now` (just after the last of `touches`), would
/// say to slow down until: the results' replay of what the card said
/// (`results`). `first` is the user's first touch ever; `touches` and
/// `events` need only hold the last week's (the windows the rules read),
/// so a replay over a long history stays linear.
#[cfg(feature = "background")]
pub(crate) fn slow_until(
    p: &Pacing,
    first: DateTime<Utc>,
    touches: &[DateTime<Utc>],
    events: &[Event],
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    match slow_down_from(p, first, touches, events, now)? {
        Hint::SlowDown { fine_after, .. } => Some(fine_after),
        _ => None,
    }
}

/// The slow-down hint, if the user is going too fast: a burst, a run of
/// likes on old posts, or more than the week's allowance.
#[cfg(feature = "background")]
fn slow_down(p: &Pacing, touches: &[DateTime<Utc>], interactions: &[Event], now: DateTime<Utc>) -> Option<Hint> {
    slow_down_from(p, *touches.first()?, touches, interactions, now)
}

/// The same, with the first touch ever given apart from `touches`.
#[cfg(feature = "background")]
fn slow_down_from(
    p: &Pacing,
    first: DateTime<Utc>,
    touches: &[DateTime<Utc>],
    interactions: &[Event],
    now: DateTime<Utc>,
) -> Option<Hint> {
    let week = Duration::days(7);
    let week_ago = now - week;
    let in_week: Vec<DateTime<Utc>> = touches.iter().copied().filter(|t| *t > week_ago).collect();
    let budget = weekly_budget(p, (now - first).num_weeks()) as usize;
    // Over the week's allowance: fine again once enough of this week's
    // touches are a week old that one more fits, i.e. when the
    // (n - budget + 1)th oldest leaves the window.
    let over = (in_week.len() > budget).then(|| {
        let fine_after = in_week.get(in_week.len() - budget).map_or(now, |t| *t + week);
        let reason = Text::count("slow_week", in_week.len() as i64).with(Text::count("touches_a_week", budget as i64));
        (reason, fine_after)
    });
    let burst_window = Duration::minutes(i64::from(p.burst_minutes));
    let burst_start = now - burst_window;
    let recent: Vec<&DateTime<Utc>> = touches.iter().filter(|t| **t > burst_start).collect();
    let burst = (p.burst_touches > 0 && recent.len() >= p.burst_touches as usize).then(|| {
        let last = recent.last().map_or(now, |t| **t);
        let reason = Text::count("slow_burst", recent.len() as i64).with(minutes_words(p.burst_minutes));
        (reason, last + Duration::days(1))
    });
    // Several can hold: name the first (a burst, then old posts, then the
    // week), and wait for whichever ends latest.
    let found: Vec<(Text, DateTime<Utc>)> = [burst, old_run(interactions, now), over].into_iter().flatten().collect();
    let fine_after = found.iter().map(|(_, at)| *at).max()?;
    let reason = found.into_iter().next().map(|(why, _)| why)?;
    Some(Hint::SlowDown { reason: Text::new("slow_reason").with(reason), fine_after })
}

#[cfg(feature = "background")]
fn minutes_words(minutes: u32) -> Text {
    match minutes {
        60 => Text::new("an_hour"),
        m if m % 60 == 0 => Text::count("hours", i64::from(m / 60)),
        m => Text::count("minutes", i64::from(m)),
    }
}

/// The last real-life suggestion and how it stands now, with a timed-out
/// silence counted as "no answer".
#[cfg(feature = "background")]
fn last_attempt(person: &Person, p: &Pacing, now: DateTime<Utc>) -> Option<(DateTime<Utc>, Option<Outcome>)> {
    let last = person.irl_attempts.iter().filter(|a| a.raised_at <= now).max_by_key(|a| a.raised_at)?;
    let timed_out = now - last.raised_at >= Duration::days(i64::from(p.no_answer_days));
    let outcome = last.outcome.or(timed_out.then_some(Outcome::NoAnswer));
    Some((last.raised_at, outcome))
}

/// Count the distinct weeks (7-day periods counted back from `now`) with at
/// least one touch.
#[cfg(feature = "background")]
fn active_weeks(touches: &[DateTime<Utc>], now: DateTime<Utc>) -> usize {
    // As `(now - t).num_weeks()`, in whole milliseconds (all Kindling keeps),
    // without chrono's date arithmetic for every touch.
    const WEEK_MS: i64 = 7 * 24 * 3600 * 1000;
    let now_ms = now.timestamp_millis();
    let mut weeks: Vec<i64> = touches.iter().map(|t| (now_ms - t.timestamp_millis()) / WEEK_MS).collect();
    weeks.dedup();
    weeks.len()
}

/// What the engine advises about `person` at `now`; `today` is the user's
/// local date (for dated ask-about items).
#[cfg(feature = "background")]
pub fn advise(person: &Person, interactions: &[Event], p: &Pacing, now: DateTime<Utc>, today: NaiveDate) -> Advice {
    // What the user's other browsers saw counts too (sync).
    let with_elsewhere =
        person.elsewhere.as_ref().filter(|w| !w.is_empty()).map(|w| elsewhere::with(interactions, w, now));
    let interactions = with_elsewhere.as_deref().unwrap_or(interactions);
    let touches = touches(interactions, now);
    let both = Both::of(person, interactions, now);
    let slow = slow_down(p, &touches, interactions, now);
    let attempt = last_attempt(person, p, now);
    let cooling_until = match attempt {
        Some((at, Some(Outcome::Negative | Outcome::NoAnswer))) => {
            Some(at + Duration::weeks(i64::from(p.cooling_weeks)))
        }
        _ => None,
    };
    let met = person.meetings.iter().any(|m| m.at <= now);
    // The date of the last suggestion they said yes to, until they met.
    let plan = person
        .irl_attempts
        .iter()
        .filter(|a| a.raised_at <= now)
        .max_by_key(|a| a.raised_at)
        .filter(|a| a.outcome == Some(Outcome::Positive) && !met)
        .and_then(|a| Some(Plan { medium: a.medium, at: a.scheduled_for? }));
    let weeks = active_weeks(&touches, now);
    let weeks_enough = weeks >= p.ready_weeks as usize && slow.is_none();
    let ready = weeks_enough && both.ever_inbound >= p.ready_inbound as usize;
    let (stage, next_step) = if met {
        (Stage::RealLife, Some(Text::new("step_met")))
    } else {
        let cooling = cooling_until.is_some_and(|until| now < until);
        let engaged = if ready {
            Stage::ReadyToRaise
        } else if weeks >= 3 && both.ever_inbound > 0 {
            Stage::Deepen
        } else if !touches.is_empty() {
            Stage::Engage
        } else {
            Stage::Identify
        };
        raised_stage(attempt, plan, cooling, now).unwrap_or((engaged, None))
    };
    let hint = slow.unwrap_or_else(|| hint(person, p, &touches, now));
    // The user knows best: their stage replaces Kindling's guess (and with
    // it whether to suggest meeting), not the pacing hint.
    let stage = person.stage.unwrap_or(stage);
    let suggestion = (stage == Stage::ReadyToRaise).then(|| suggestion(person, p, cooling_until.is_some()));
    let ask_about = person
        .ask_about
        .iter()
        .filter(|a| !a.done && a.after.is_none_or(|d| d <= today))
        .map(|a| a.text.clone())
        .collect();
    let awaiting_answer = !met && matches!(attempt, Some((_, None)));
    // Held back only by inbound: the stage Kindling derived is one a "ready"
    // would have replaced (nothing met, raised or cooling off), and the user
    // set no stage of their own.
    let waiting_for_them = weeks_enough
        && !ready
        && person.stage.is_none()
        && matches!(stage, Stage::Identify | Stage::Engage | Stage::Deepen);
    let reciprocity = if waiting_for_them {
        Some(Text::new("card_ready_once_they_engage"))
    } else {
        both.one_sided.then(|| Text::new("card_one_sided"))
    };
    Advice {
        stage,
        hint,
        inbound: both.inbound,
        outbound: both.outbound,
        one_sided: both.one_sided,
        balance: both.balance,
        waiting_for_them,
        reciprocity,
        suggestion,
        next_step,
        awaiting_answer,
        ask_about,
        plan,
    }
}

/// Both ways: what the user and they did over the last 90 days, and all
/// they ever did for the user (the archive's counts included).
#[cfg(feature = "background")]
struct Both {
    inbound: usize,
    outbound: usize,
    ever_inbound: usize,
    one_sided: bool,
    balance: Text,
}

#[cfg(feature = "background")]
impl Both {
    fn of(person: &Person, interactions: &[Event], now: DateTime<Utc>) -> Both {
        let quarter_ago = now - Duration::days(90);
        let inbound = interactions.iter().filter(|i| i.direction == Direction::Inbound && i.at > quarter_ago).count();
        let outbound = interactions.iter().filter(|i| is_touch(i) && i.at > quarter_ago).count();
        let archived =
            person.archive.counts.iter().filter(|c| c.direction == Direction::Inbound).map(|c| c.count as usize);
        let ever_inbound = interactions.iter().filter(|i| i.direction == Direction::Inbound && i.at <= now).count()
            + archived.sum::<usize>();
        let last_inbound =
            interactions.iter().filter(|i| i.direction == Direction::Inbound && i.at <= now).map(|i| i.at).max();
        let balance = match last_inbound {
            Some(last) => Text::new("card_balance_last")
                .with(outbound.to_string())
                .with(inbound.to_string())
                .with(crate::engine::words::ago(last, now)),
            None => Text::new("card_balance").with(outbound.to_string()).with(inbound.to_string()),
        };
        Both { inbound, outbound, ever_inbound, one_sided: outbound >= 3 && inbound == 0, balance }
    }
}

/// The stage and next step once real life was raised: waiting for their
/// answer, a yes (planned, past, or with no date yet), or cooling off after
/// a no. `None` when nothing was raised or the cooling-off is over.
#[cfg(feature = "background")]
fn raised_stage(
    attempt: Option<(DateTime<Utc>, Option<Outcome>)>,
    plan: Option<Plan>,
    cooling: bool,
    now: DateTime<Utc>,
) -> Option<(Stage, Option<Text>)> {
    match attempt {
        Some((_, None)) => Some((Stage::Raised, Some(Text::new("step_asked")))),
        Some((_, Some(Outcome::Positive))) => {
            let step = match plan {
                Some(plan) if plan.at >= now => "step_planned",
                Some(_) => "step_did_it_happen",
                None => "step_up_for_it",
            };
            Some((Stage::Raised, Some(Text::new(step))))
        }
        _ if cooling => Some((Stage::CoolingOff, Some(Text::new("step_cooling_off")))),
        _ => None,
    }
}

/// When not going too fast: a nudge for a tracked person gone quiet (or
/// never engaged with), otherwise how many touches this week's allowance
/// has left.
#[cfg(feature = "background")]
fn hint(person: &Person, p: &Pacing, touches: &[DateTime<Utc>], now: DateTime<Utc>) -> Hint {
    let quiet = Duration::days(i64::from(p.quiet_days));
    match touches.last() {
        Some(last) if person.tracked && now - *last >= quiet => {
            Hint::Nudge { reason: Text::count("nudge_quiet", (now - *last).num_days()) }
        }
        None if person.tracked && now - person.created_at >= Duration::days(1) => {
            Hint::Nudge { reason: Text::new("nudge_tracked_not_engaged") }
        }
        _ => {
            let first = touches.first().copied().unwrap_or(now);
            let budget = weekly_budget(p, (now - first).num_weeks());
            let week_ago = now - Duration::days(7);
            let this_week = touches.iter().filter(|t| **t > week_ago).count();
            Hint::FineToEngage { left: budget.saturating_sub(u32::try_from(this_week).unwrap_or(u32::MAX)) }
        }
    }
}

/// What to suggest: coffee for someone nearby, a call otherwise, gently
/// after a cooling-off.
#[cfg(feature = "background")]
fn suggestion(person: &Person, p: &Pacing, gently: bool) -> Suggestion {
    let defaults = Pacing::default();
    let (medium, phrases) = if person.local {
        (Medium::Coffee, phrasings(&p.coffee_phrases, &defaults.coffee_phrases, "phrase_coffee"))
    } else {
        (Medium::PhoneCall, phrasings(&p.call_phrases, &defaults.call_phrases, "phrase_call"))
    };
    Suggestion { medium, phrases, gently }
}

/// The phrasings to offer: Kindling's own, in the user's language, while
/// the user has kept the defaults (`<stem>_1`…); otherwise the user's words.
#[cfg(feature = "background")]
fn phrasings(set: &[String], defaults: &[String], stem: &str) -> Vec<Text> {
    if set == defaults {
        (1..=set.len()).map(|n| Text::new(&format!("{stem}_{n}"))).collect()
    } else {
        set.iter().map(|p| Text::verbatim(p)).collect()
    }
}

#[cfg(feature = "background")]
mod elsewhere;

#[cfg(all(test, feature = "background"))]
mod tests;
