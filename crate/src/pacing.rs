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

use crate::model::Medium;
use crate::text::Text;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
#[cfg(feature = "background")]
use {
    crate::model::{Direction, Interaction, Kind, Outcome, Person},
    chrono::{Duration, NaiveDate},
};

/// The engine's thresholds, all in the settings. The defaults are promises
/// written up in docs/pacing.md.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Pacing {
    /// Touches allowed in the first week of a relationship.
    pub ramp_start: u32,
    /// The weekly allowance grows by one every this many weeks…
    pub ramp_step_weeks: u32,
    /// …up to this many touches a week.
    pub plateau: u32,
    /// This many touches with one person…
    pub burst_touches: u32,
    /// …within this many minutes is a burst.
    pub burst_minutes: u32,
    /// A tracked person with no touch for this many days gets a nudge.
    pub quiet_days: u32,
    /// Real life is suggested after touches in at least this many different
    /// weeks…
    pub ready_weeks: u32,
    /// …and at least this many things they did for the user.
    pub ready_inbound: u32,
    /// After a cold answer (or none), wait this many weeks before suggesting
    /// again.
    pub cooling_weeks: u32,
    /// A suggestion without an answer after this many days counts as no.
    pub no_answer_days: u32,
    /// The soft ways to raise coffee.
    pub coffee_phrases: Vec<String>,
    /// The soft ways to raise a call.
    pub call_phrases: Vec<String>,
}

impl Default for Pacing {
    fn default() -> Pacing {
        Pacing {
            ramp_start: 1,
            ramp_step_weeks: 2,
            plateau: 4,
            burst_touches: 3,
            burst_minutes: 60,
            quiet_days: 14,
            ready_weeks: 6,
            ready_inbound: 2,
            cooling_weeks: 8,
            no_answer_days: 14,
            coffee_phrases: vec![
                "We should grab coffee sometime!".into(),
                "If you're ever around, I'd love to get a coffee.".into(),
                "Coffee sometime? No pressure at all.".into(),
            ],
            call_phrases: vec![
                "We should chat sometime!".into(),
                "I'd love to ask you a few questions on a phone call if you have some time.".into(),
                "Would you be up for a quick video call one of these weeks? No pressure.".into(),
            ],
        }
    }
}

#[cfg(feature = "background")]
impl Pacing {
    /// The settings as the user may set them: every threshold within sane
    /// bounds, one to ten phrasings of each kind, none empty or long.
    pub fn validate(&self) -> Result<(), Text> {
        let ranges = [
            ("pacing_ramp_start", self.ramp_start, 1, 20),
            ("pacing_ramp_step_weeks", self.ramp_step_weeks, 1, 12),
            ("pacing_plateau", self.plateau, self.ramp_start.max(1), 50),
            ("pacing_burst_touches", self.burst_touches, 2, 50),
            ("pacing_burst_minutes", self.burst_minutes, 5, 24 * 60),
            ("pacing_quiet_days", self.quiet_days, 1, 365),
            ("pacing_ready_weeks", self.ready_weeks, 1, 52),
            ("pacing_ready_inbound", self.ready_inbound, 0, 50),
            ("pacing_cooling_weeks", self.cooling_weeks, 1, 52),
            ("pacing_no_answer_days", self.no_answer_days, 1, 90),
        ];
        for (what, value, low, high) in ranges {
            if !(low..=high).contains(&value) {
                return Err(Text::new("settings_out_of_range")
                    .with(Text::new(what))
                    .with(low.to_string())
                    .with(high.to_string())
                    .with(value.to_string()));
            }
        }
        for (what, phrases) in [("medium_coffee", &self.coffee_phrases), ("medium_call", &self.call_phrases)] {
            if phrases.is_empty() || phrases.len() > 10 {
                return Err(Text::new("settings_phrase_count").with(Text::new(what)));
            }
            if let Some(bad) = phrases.iter().find(|p| p.trim().is_empty() || p.chars().count() > 200) {
                return Err(Text::new("settings_phrase_length").with(Text::new(what)).with(format!("{bad:?}")));
            }
        }
        Ok(())
    }

    /// The phrasings as the user typed them: trimmed, blank lines dropped.
    pub fn tidy(mut self) -> Pacing {
        for list in [&mut self.coffee_phrases, &mut self.call_phrases] {
            *list = list.iter().map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect();
        }
        self
    }
}

/// Where a relationship stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Noticed, not engaged with yet.
    Identify,
    /// The user engages now and then.
    Engage,
    /// Engagement over several weeks, and they engage back.
    Deepen,
    /// Sustained, two-way: time to raise real life, softly.
    ReadyToRaise,
    /// Raised; waiting for their answer, or for the date they agreed to.
    Raised,
    /// They said no, or nothing: back to engaging, for a while.
    CoolingOff,
    /// Met in real life.
    RealLife,
}

impl Stage {
    /// Every stage, in the order a relationship goes through them.
    pub const ALL: [Stage; 7] = [
        Stage::Identify,
        Stage::Engage,
        Stage::Deepen,
        Stage::ReadyToRaise,
        Stage::Raised,
        Stage::CoolingOff,
        Stage::RealLife,
    ];

    /// The stage as the card says it.
    pub fn text(self) -> Text {
        Text::new(match self {
            Stage::Identify => "stage_identify",
            Stage::Engage => "stage_engage",
            Stage::Deepen => "stage_deepen",
            Stage::ReadyToRaise => "stage_ready",
            Stage::Raised => "stage_raised",
            Stage::CoolingOff => "stage_cooling_off",
            Stage::RealLife => "stage_real_life",
        })
    }
}

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
    /// When the post was written, where its URL says (`posted_at`).
    pub posted: Option<DateTime<Utc>>,
}

#[cfg(feature = "background")]
impl Event {
    pub fn of(i: &Interaction) -> Event {
        Event { at: i.at, kind: i.kind, direction: i.direction, post: post_hash(&i.url), posted: posted_at(&i.url) }
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
fn is_touch(i: &Event) -> bool {
    i.direction == Direction::Outbound && i.kind != Kind::ProfileVisit
}

/// Touches by the user at or before `now`, oldest first. Liking, reposting
/// and replying to one post is one touch (at the first of them): engaging
/// with what someone shared is not a rush; engaging with many of their
/// posts at once is. A follow is a touch of its own.
#[cfg(feature = "background")]
fn touches(interactions: &[Event], now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
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

/// When a post was published, where its URL says so: X's status ids and
/// Mastodon's status ids are snowflakes that carry their creation time.
#[cfg(feature = "background")]
pub fn posted_at(url: &str) -> Option<DateTime<Utc>> {
    let rest = url.strip_prefix("https://")?;
    let (host, path) = rest.split_once('/')?;
    let id: u64 = path.rsplit('/').next()?.parse().ok()?;
    let ms = match host {
        // X: milliseconds since 2010-11-04T01:42:54.657Z in the bits above 22.
        "x.com" | "twitter.com" | "mobile.x.com" | "mobile.twitter.com" if path.contains("/status/") => {
            (id >> 22).checked_add(1_288_834_974_657)?
        }
        // Mastodon: milliseconds since the Unix epoch in the bits above 16.
        _ if path.starts_with('@') => id >> 16,
        _ => return None,
    };
    DateTime::from_timestamp_millis(i64::try_from(ms).ok()?)
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
    crate::order::sort(&mut old);
    let last = old.last().copied().unwrap_or(now);
    Some((Text::count("slow_old_posts", old.len() as i64), last + Duration::days(1)))
}

/// How many touches fit in a week `weeks` full weeks after the first touch.
#[cfg(feature = "background")]
pub fn weekly_budget(p: &Pacing, weeks: i64) -> u32 {
    let steps = u32::try_from(weeks.max(0) / i64::from(p.ramp_step_weeks.max(1))).unwrap_or(u32::MAX);
    p.ramp_start.saturating_add(steps).min(p.plateau.max(p.ramp_start))
}

/// The slow-down hint, if the user is going too fast: a burst, a run of
/// likes on old posts, or more than the week's allowance.
#[cfg(feature = "background")]
fn slow_down(p: &Pacing, touches: &[DateTime<Utc>], interactions: &[Event], now: DateTime<Utc>) -> Option<Hint> {
    let first = *touches.first()?;
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
    let touches = touches(interactions, now);
    let quarter = Duration::days(90);
    let quarter_ago = now - quarter;
    let inbound = interactions.iter().filter(|i| i.direction == Direction::Inbound && i.at > quarter_ago).count();
    let outbound = interactions.iter().filter(|i| is_touch(i) && i.at > quarter_ago).count();
    let ever_inbound = interactions.iter().filter(|i| i.direction == Direction::Inbound && i.at <= now).count()
        + person
            .archive
            .counts
            .iter()
            .filter(|c| c.direction == Direction::Inbound)
            .map(|c| c.count as usize)
            .sum::<usize>();
    let one_sided = outbound >= 3 && inbound == 0;
    let last_inbound =
        interactions.iter().filter(|i| i.direction == Direction::Inbound && i.at <= now).map(|i| i.at).max();
    let balance = match last_inbound {
        Some(last) => Text::new("card_balance_last")
            .with(outbound.to_string())
            .with(inbound.to_string())
            .with(crate::card::ago(last, now)),
        None => Text::new("card_balance").with(outbound.to_string()).with(inbound.to_string()),
    };
    let slow = slow_down(p, &touches, interactions, now);
    let attempt = last_attempt(person, p, now);
    let cooling_until = match attempt {
        Some((at, Some(Outcome::Negative | Outcome::NoAnswer))) => {
            Some(at + Duration::weeks(i64::from(p.cooling_weeks)))
        }
        _ => None,
    };
    let cooling = cooling_until.is_some_and(|until| now < until);
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
    let ready = weeks_enough && ever_inbound >= p.ready_inbound as usize;

    let (stage, next_step) = if met {
        (Stage::RealLife, Some(Text::new("step_met")))
    } else {
        match attempt {
            Some((_, None)) => (Stage::Raised, Some(Text::new("step_asked"))),
            Some((_, Some(Outcome::Positive))) => {
                let step = match plan {
                    Some(plan) if plan.at >= now => "step_planned",
                    Some(_) => "step_did_it_happen",
                    None => "step_up_for_it",
                };
                (Stage::Raised, Some(Text::new(step)))
            }
            _ if cooling => (Stage::CoolingOff, Some(Text::new("step_cooling_off"))),
            _ if ready => (Stage::ReadyToRaise, None),
            _ if weeks >= 3 && ever_inbound > 0 => (Stage::Deepen, None),
            _ if !touches.is_empty() => (Stage::Engage, None),
            _ => (Stage::Identify, None),
        }
    };

    let hint = match slow {
        Some(hint) => hint,
        None => {
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
    };

    // The user knows best: their stage replaces Kindling's guess (and with
    // it whether to suggest meeting), not the pacing hint.
    let stage = person.stage.unwrap_or(stage);
    let suggestion = (stage == Stage::ReadyToRaise).then(|| {
        let defaults = Pacing::default();
        let (medium, phrases) = if person.local {
            (Medium::Coffee, phrasings(&p.coffee_phrases, &defaults.coffee_phrases, "phrase_coffee"))
        } else {
            (Medium::PhoneCall, phrasings(&p.call_phrases, &defaults.call_phrases, "phrase_call"))
        };
        Suggestion { medium, phrases, gently: cooling_until.is_some() }
    });

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
        one_sided.then(|| Text::new("card_one_sided"))
    };
    Advice {
        stage,
        hint,
        inbound,
        outbound,
        one_sided,
        balance,
        waiting_for_them,
        reciprocity,
        suggestion,
        next_step,
        awaiting_answer,
        ask_about,
        plan,
    }
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

/// Why someone is on today's agenda, most pressing first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Ready for a real-life ask.
    ReadyToRaise,
    /// A positive answer waits for a date, or a follow-up question is due.
    FollowUp,
    /// Going too fast with them.
    SlowDown,
    /// A tracked person gone quiet.
    Nudge,
    /// Engaged with a lot, not tracked yet.
    Track,
}

/// One line of today's agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaItem {
    pub person: String,
    pub name: String,
    /// Their first account, to open their card.
    pub account: Option<(crate::model::Site, String)>,
    pub reason: Reason,
    /// The line itself, for the user.
    pub text: Text,
    /// For "ask about…": the item's index in the person's list, so the
    /// line can mark it asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ask: Option<usize>,
}

/// The most items the agenda shows: a handful, not a wall.
#[cfg(feature = "background")]
pub const AGENDA_MAX: usize = 7;
/// Untracked people with this many touches in 30 days are suggested for tracking.
#[cfg(feature = "background")]
pub const TRACK_AFTER: usize = 6;

/// Plans can be reminded of this long before they happen.
#[cfg(feature = "background")]
pub const REMIND_BEFORE_HOURS: i64 = 48;

/// What to do next after they said yes: ask for a date, be reminded as it
/// nears, say how it went once it passed. Nothing while waiting for their
/// answer or while the date is further off.
#[cfg(feature = "background")]
fn follow_up(person: &Person, advice: &Advice, now: DateTime<Utc>) -> Option<Text> {
    if advice.stage != Stage::Raised || advice.awaiting_answer {
        return None;
    }
    let name = &person.name;
    match advice.plan {
        None => Some(Text::new("follow_up_for_it").with(name.as_str())),
        Some(plan) if plan.at > now + Duration::hours(REMIND_BEFORE_HOURS) => None,
        Some(plan) if plan.at >= now => {
            let key = match plan.medium {
                Medium::Coffee => "follow_coffee_soon",
                Medium::PhoneCall => "follow_call_soon",
                Medium::VideoChat => "follow_video_soon",
                Medium::Other => "follow_meeting_soon",
            };
            Some(Text::new(key).with(name.as_str()).with(crate::card::until(plan.at, now)))
        }
        Some(_) => Some(Text::new("follow_did_you_meet").with(name.as_str())),
    }
}

/// Why `person` needs the user today, if they do: the most pressing reason,
/// the agenda's line for it, and for an ask-about item its index in the
/// person's list (the line can mark it asked). A snoozed person needs nothing.
#[cfg(feature = "background")]
fn attention(
    person: &Person,
    interactions: &[Event],
    advice: &Advice,
    now: DateTime<Utc>,
) -> Option<(Reason, Text, Option<usize>)> {
    if person.snoozed_until.is_some_and(|until| now < until) {
        return None;
    }
    if advice.stage == Stage::ReadyToRaise {
        let key = if person.local { "agenda_ready_coffee" } else { "agenda_ready_call" };
        Some((Reason::ReadyToRaise, Text::new(key), None))
    } else if let Some(text) = follow_up(person, advice, now) {
        Some((Reason::FollowUp, text, None))
    } else if let Some(first) = advice.ask_about.first() {
        let index = person.ask_about.iter().position(|a| !a.done && a.text == *first);
        Some((Reason::FollowUp, Text::new("agenda_ask_about").with(first.as_str()), index))
    } else if let Hint::SlowDown { reason, .. } = &advice.hint {
        Some((Reason::SlowDown, Text::new("agenda_slow_down").with(reason.clone()), None))
    } else if let Hint::Nudge { reason } = &advice.hint {
        Some((Reason::Nudge, reason.clone(), None))
    } else {
        let month_ago = now - Duration::days(30);
        let month = interactions.iter().filter(|i| is_touch(i) && i.at > month_ago).count();
        (!person.tracked && month >= TRACK_AFTER)
            .then(|| (Reason::Track, Text::count("agenda_track", month as i64).with(person.name.as_str()), None))
    }
}

/// Today's agenda across everyone: at most one line per person (the most
/// pressing reason), snoozed people left out, ranked by reason then by how
/// long it has waited, capped at `AGENDA_MAX`. The popup asks for it as
/// often as it opens; the same person never shows for two reasons.
#[cfg(feature = "background")]
pub fn agenda<'a, I>(people: I, p: &Pacing, now: DateTime<Utc>, today: NaiveDate) -> Vec<AgendaItem>
where
    I: IntoIterator<Item = (&'a Person, &'a [Event])>,
{
    let mut items: Vec<(Reason, i64, AgendaItem)> = Vec::new();
    for (person, interactions) in people {
        if person.snoozed_until.is_some_and(|until| now < until) {
            continue;
        }
        let advice = advise(person, interactions, p, now, today);
        let Some((reason, text, ask)) = attention(person, interactions, &advice, now) else { continue };
        let last_touch = interactions.iter().filter(|i| is_touch(i)).map(|i| i.at).max();
        let waited = last_touch.map_or(0, |t| (now - t).num_minutes());
        let account = person.identities.first().map(|i| (i.site, i.handle.clone()));
        items.push((
            reason,
            waited,
            AgendaItem { person: person.id.clone(), name: person.name.clone(), account, reason, text, ask },
        ));
    }
    // Most pressing reason first; within one, who has waited longest.
    crate::order::sort_by(&mut items, |a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.person.cmp(&b.2.person)));
    items.into_iter().take(AGENDA_MAX).map(|(_, _, item)| item).collect()
}

/// One person in the popup's list of people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Listed {
    pub person: String,
    pub name: String,
    pub accounts: Vec<(crate::model::Site, String)>,
    pub stage: Stage,
    pub tags: Vec<String>,
    /// Why they need the user today, if they do (the agenda's line).
    pub attention: Option<Text>,
}

/// The most people one list shows; the rest are counted.
#[cfg(feature = "background")]
pub const LIST_MAX: usize = 50;

/// What the popup's list of people shows.
#[cfg(feature = "background")]
pub struct Filter<'q> {
    /// A name or handle (any case, a leading "@" ignored); empty for all.
    pub query: &'q str,
    pub stage: Option<Stage>,
    /// One of the person's tags (any case).
    pub tag: Option<&'q str>,
}

/// Everyone the filter lets through, those needing attention first (as the
/// agenda ranks them), then whoever was engaged with most recently; with a
/// query, the closest matches come first. Returns the first `LIST_MAX`, how
/// many more there were, and every tag in use (for the filter's choices).
#[cfg(feature = "background")]
pub fn list<'a, I>(
    people: I,
    p: &Pacing,
    now: DateTime<Utc>,
    today: NaiveDate,
    filter: &Filter,
) -> (Vec<Listed>, usize, Vec<String>)
where
    I: IntoIterator<Item = (&'a Person, &'a [Event])>,
{
    let query = filter.query.trim().trim_start_matches('@').to_lowercase();
    let tag = filter.tag.map(str::to_lowercase);
    let mut tags = std::collections::BTreeMap::<String, String>::new();
    // (match rank, reason rank, waited or -age of the last touch, name, listed)
    let mut found: Vec<(u8, u8, i64, Listed)> = Vec::new();
    for (person, interactions) in people {
        for t in &person.tags {
            tags.entry(t.to_lowercase()).or_insert_with(|| t.clone());
        }
        let Some(rank) = crate::card::match_rank(person, &query) else { continue };
        if tag.as_ref().is_some_and(|tag| !person.tags.iter().any(|t| t.to_lowercase() == *tag)) {
            continue;
        }
        let advice = advise(person, interactions, p, now, today);
        if filter.stage.is_some_and(|stage| stage != advice.stage) {
            continue;
        }
        let needs = attention(person, interactions, &advice, now);
        let last_touch = interactions.iter().filter(|i| is_touch(i)).map(|i| i.at).max();
        let minutes = last_touch.map(|t| (now - t).num_minutes());
        // Waiting longest first among those needing attention, never touched
        // counting as not waiting (as the agenda has it); the most recent
        // first among the others, the never touched last.
        let (reason, order) = match &needs {
            Some((reason, _, _)) => (*reason as u8, -minutes.unwrap_or(0)),
            None => (u8::MAX, minutes.unwrap_or(i64::MAX)),
        };
        let listed = Listed {
            person: person.id.clone(),
            name: person.name.clone(),
            accounts: person.identities.iter().map(|i| (i.site, i.handle.clone())).collect(),
            stage: advice.stage,
            tags: person.tags.clone(),
            attention: needs.map(|(_, text, _)| text),
        };
        found.push((rank, reason, order, listed));
    }
    crate::order::sort_by(&mut found, |a, b| {
        (a.0, a.1, a.2)
            .cmp(&(b.0, b.1, b.2))
            .then_with(|| a.3.name.to_lowercase().cmp(&b.3.name.to_lowercase()))
            .then_with(|| a.3.person.cmp(&b.3.person))
    });
    let more = found.len().saturating_sub(LIST_MAX);
    let listed = found.into_iter().take(LIST_MAX).map(|(_, _, _, l)| l).collect();
    (listed, more, tags.into_values().collect())
}

#[cfg(all(test, feature = "background"))]
mod tests {
    use super::*;

    // The rules read as cases of whole interactions; the engine reads events.
    fn advise(who: &Person, list: &[Interaction], p: &Pacing, now: DateTime<Utc>, today: NaiveDate) -> Advice {
        super::advise(who, &Event::all(list), p, now, today)
    }

    fn agenda<'a>(
        people: impl IntoIterator<Item = (&'a Person, &'a [Interaction])>,
        p: &Pacing,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> Vec<AgendaItem> {
        let events: Vec<(&Person, Vec<Event>)> = people.into_iter().map(|(who, h)| (who, Event::all(h))).collect();
        super::agenda(events.iter().map(|(who, e)| (*who, e.as_slice())), p, now, today)
    }
    use crate::model::{AskAbout, Identity, IrlAttempt, Meeting, Site};

    fn at(hours: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_767_225_600 + hours * 3600, 0).unwrap_or_default()
    }

    fn day(d: i64) -> DateTime<Utc> {
        at(d * 24)
    }

    fn person() -> Person {
        let id = Identity { site: Site::X, handle: "alice".into(), url: "https://x.com/alice".into() };
        Person::first_seen(id, "Alice", day(-400))
    }

    fn touch(t: DateTime<Utc>, kind: Kind, direction: Direction) -> Interaction {
        Interaction {
            id: format!("i{}{kind:?}{direction:?}", t.timestamp()),
            person: "p:x:alice".into(),
            site: Site::X,
            kind,
            direction,
            at: t,
            url: String::new(),
            handle: None,
            snippet: None,
            by_hand: false,
        }
    }

    fn likes(times: &[DateTime<Utc>]) -> Vec<Interaction> {
        times.iter().map(|t| touch(*t, Kind::Like, Direction::Outbound)).collect()
    }

    /// Ten weeks of gradual two-way engagement, ending at day 0.
    fn ten_weeks() -> Vec<Interaction> {
        let mut all: Vec<Interaction> =
            (0..10).map(|w| touch(day(-70 + w * 7 + 1), Kind::Reply, Direction::Outbound)).collect();
        all.extend((0..4).map(|w| touch(day(-60 + w * 14), Kind::Like, Direction::Inbound)));
        all
    }

    fn today() -> NaiveDate {
        day(0).date_naive()
    }

    #[test]
    fn ready_but_for_what_they_did_says_so_and_only_then() {
        let p = Pacing::default();
        let outbound: Vec<Interaction> =
            ten_weeks().into_iter().filter(|i| i.direction == Direction::Outbound).collect();
        let held = advise(&person(), &outbound, &p, day(0), today());
        assert_eq!(held.stage, Stage::Engage);
        assert!(held.waiting_for_them, "ten weeks of touches, nothing back");
        assert_eq!(held.reciprocity.map(|t| t.english()).as_deref(), Some("Ready once they engage back."));
        // One thing back is not yet the two readiness needs; a second is.
        let mut one_back = outbound.clone();
        one_back.push(touch(day(-3), Kind::Message, Direction::Inbound));
        assert!(advise(&person(), &one_back, &p, day(0), today()).waiting_for_them);
        let mut two_back = one_back.clone();
        two_back.push(Interaction { by_hand: true, ..touch(day(-1), Kind::Call, Direction::Inbound) });
        let ready = advise(&person(), &two_back, &p, day(0), today());
        assert_eq!(ready.stage, Stage::ReadyToRaise, "a call entered by hand counts like a seen reply");
        assert!(!ready.waiting_for_them);
        // Too few weeks: what holds them back is not only inbound.
        let three_weeks: Vec<Interaction> = outbound.iter().skip(7).cloned().collect();
        let young = advise(&person(), &three_weeks, &p, day(0), today());
        assert!(!young.waiting_for_them, "{:?}", young.stage);
        assert_eq!(
            young.reciprocity.map(|t| t.english()).as_deref(),
            Some("They haven't engaged back yet. Keep it light."),
            "too few weeks: only one-sided"
        );
        // Cooling off, or a stage the user set, is not "ready but for them".
        let set = Person { stage: Some(Stage::Deepen), ..person() };
        assert!(!advise(&set, &outbound, &p, day(0), today()).waiting_for_them);
        let asked = Person {
            irl_attempts: vec![IrlAttempt {
                medium: Medium::Coffee,
                phrasing: String::new(),
                raised_at: day(-10),
                outcome: Some(Outcome::Negative),
                scheduled_for: None,
            }],
            ..person()
        };
        assert!(!advise(&asked, &outbound, &p, day(0), today()).waiting_for_them);
    }

    #[test]
    fn the_balance_counts_the_last_90_days_both_ways_and_says_when_they_last_did_something() {
        let p = Pacing::default();
        let mut list = ten_weeks();
        list.push(touch(day(-200), Kind::Like, Direction::Inbound));
        let advice = advise(&person(), &list, &p, day(0), today());
        // Ten replies and four likes back within 90 days; the like 200 days
        // ago counts for readiness, not in the balance.
        assert_eq!(advice.balance.english(), "You 10 · them 4 in 90 days, last from them 18 days ago");
        let outbound: Vec<Interaction> = list.iter().filter(|i| i.direction == Direction::Outbound).cloned().collect();
        assert_eq!(advise(&person(), &outbound, &p, day(0), today()).balance.english(), "You 10 · them 0 in 90 days");
    }

    #[test]
    fn the_weekly_allowance_ramps_up_slowly_to_a_plateau() {
        let p = Pacing::default();
        let budgets: Vec<u32> = (0..12).map(|w| weekly_budget(&p, w)).collect();
        assert_eq!(budgets, [1, 1, 2, 2, 3, 3, 4, 4, 4, 4, 4, 4]);
        assert_eq!(weekly_budget(&p, -3), 1, "a clock gone backwards is the first week");
        let odd = Pacing { ramp_step_weeks: 0, plateau: 0, ..Pacing::default() };
        assert_eq!(weekly_budget(&odd, 5), 1, "nonsense settings never forbid the first touch");
    }

    #[test]
    fn bursts_and_weeks_over_budget_say_slow_down_with_why_and_until_when() {
        let p = Pacing::default();
        // Two months of history put the allowance at its plateau (4 a week),
        // so only the burst speaks.
        let settled = [day(-60), day(-45), day(-30)];
        let mins = |m: i64| day(0) + Duration::minutes(m);
        let dst = |m: i64| DateTime::from_timestamp(1_774_742_400 + m * 60, 0).unwrap_or_default();
        /// What, whether after two months of history, the touches, and when it is fine again.
        type Case<'a> = (&'a str, bool, Vec<DateTime<Utc>>, Option<DateTime<Utc>>);
        let cases: Vec<Case> = vec![
            ("three likes in ten minutes", true, vec![mins(-10), mins(-5), mins(0)], Some(day(1))),
            // 23:30, 23:50 and 00:10 are within the hour, whatever the calendar says.
            ("a burst across midnight", true, vec![mins(-30), mins(-10), mins(10)], Some(mins(10) + Duration::days(1))),
            ("three likes in two hours: no burst", true, vec![mins(-120), mins(-60), mins(0)], None),
            ("five likes in five days: over the plateau", true, (0..5).map(|d| day(-4 + d)).collect(), Some(day(4))),
            ("two likes an hour apart in week one: over its one", false, vec![at(-2), at(0)], Some(at(7 * 24))),
            (
                "a burst in week one: the week's allowance decides when",
                false,
                vec![mins(-10), mins(-5), mins(0)],
                Some(mins(0) + Duration::days(7)),
            ),
            ("one like: fine", false, vec![at(0)], None),
            ("three likes over three weeks: fine", false, vec![day(-20), day(-10), day(0)], None),
            // Europe's clocks went forward at 01:00 UTC on 2026-03-29: 00:30,
            // 01:10 and 01:20 UTC read 01:30, 03:10 and 03:20 in Berlin, two
            // hours apart on the wall clock, 50 minutes apart in fact.
            ("a burst across a DST change", true, vec![dst(30), dst(70), dst(80)], Some(dst(80) + Duration::days(1))),
            // Five likes in the 7 x 24 hours around that change: over the plateau.
            (
                "a week spanning a DST change",
                true,
                (0..5).map(|d| dst(0) + Duration::hours(d * 36)).collect(),
                Some(dst(0) + Duration::hours(36) + Duration::days(7)),
            ),
        ];
        for (what, with_history, times, want) in cases {
            let all: Vec<DateTime<Utc>> =
                if with_history { settled.iter().chain(times.iter()).copied().collect() } else { times.clone() };
            let advice = advise(&person(), &likes(&all), &p, *times.last().unwrap_or(&day(0)), today());
            let got = match advice.hint {
                Hint::SlowDown { fine_after, .. } => Some(fine_after),
                _ => None,
            };
            assert_eq!(got, want, "{what}");
        }
    }

    #[test]
    fn profile_visits_are_not_touches() {
        let visits: Vec<Interaction> =
            (0..5).map(|m| touch(day(0) - Duration::minutes(m), Kind::ProfileVisit, Direction::Outbound)).collect();
        let advice = advise(&person(), &visits, &Pacing::default(), day(0), today());
        assert_eq!((advice.stage, advice.outbound), (Stage::Identify, 0));
        assert!(matches!(advice.hint, Hint::FineToEngage { left: 1 }), "{:?}", advice.hint);
    }

    #[test]
    fn stages_follow_the_history() {
        let p = Pacing::default();
        let three_weeks_two_way = {
            let mut all = likes(&[day(-20), day(-13), day(-6)]);
            all.push(touch(day(-5), Kind::Reply, Direction::Inbound));
            all
        };
        let cases: Vec<(&str, Vec<Interaction>, Stage)> = vec![
            ("nothing yet", vec![], Stage::Identify),
            ("one like yesterday", likes(&[day(-1)]), Stage::Engage),
            ("three weeks, they replied", three_weeks_two_way, Stage::Deepen),
            ("ten weeks, two-way", ten_weeks(), Stage::ReadyToRaise),
            (
                "ten weeks, one-way",
                ten_weeks().into_iter().filter(|i| i.direction == Direction::Outbound).collect(),
                Stage::Engage,
            ),
        ];
        for (what, history, want) in cases {
            assert_eq!(advise(&person(), &history, &p, day(0), today()).stage, want, "{what}");
        }
    }

    #[test]
    fn real_life_is_suggested_only_when_earned_with_soft_phrases_for_the_right_medium() {
        let p = Pacing::default();
        let ready = advise(&person(), &ten_weeks(), &p, day(0), today());
        let s = ready.suggestion.unwrap_or_else(|| panic!("ten weeks of two-way engagement should suggest"));
        assert_eq!(s.medium, Medium::PhoneCall);
        assert!(s.phrases.len() >= 3 && !s.gently);
        let local = Person { local: true, ..person() };
        let coffee = advise(&local, &ten_weeks(), &p, day(0), today()).suggestion.map(|s| (s.medium, s.phrases));
        assert_eq!(coffee.as_ref().map(|c| c.0), Some(Medium::Coffee));
        assert!(coffee.is_some_and(|c| c.1.iter().all(|phrase| phrase.english().to_lowercase().contains("coffee"))));

        // Never right after a burst.
        let mut burst = ten_weeks();
        burst.extend(likes(&[day(0) - Duration::minutes(20), day(0) - Duration::minutes(10), day(0)]));
        let after_burst = advise(&person(), &burst, &p, day(0), today());
        assert!(after_burst.suggestion.is_none() && matches!(after_burst.hint, Hint::SlowDown { .. }));

        // One like yesterday: nothing of the kind.
        assert!(advise(&person(), &likes(&[day(-1)]), &p, day(0), today()).suggestion.is_none());
    }

    fn raised(days_ago: i64, outcome: Option<Outcome>) -> IrlAttempt {
        IrlAttempt {
            medium: Medium::Coffee,
            phrasing: "We should grab coffee sometime!".into(),
            raised_at: day(-days_ago),
            outcome,
            scheduled_for: None,
        }
    }

    #[test]
    fn outcomes_move_the_relationship_on_or_back() {
        let p = Pacing::default();
        let with = |attempts: Vec<IrlAttempt>| Person { irl_attempts: attempts, ..person() };
        let stage_of = |who: &Person| advise(who, &ten_weeks(), &p, day(0), today());
        let cases: Vec<(&str, Person, Stage)> = vec![
            ("asked three days ago, no answer yet", with(vec![raised(3, None)]), Stage::Raised),
            ("no answer for two weeks counts as no", with(vec![raised(14, None)]), Stage::CoolingOff),
            ("a no a month ago: cooling off", with(vec![raised(30, Some(Outcome::Negative))]), Stage::CoolingOff),
            ("a no nine weeks ago: ready again", with(vec![raised(63, Some(Outcome::Negative))]), Stage::ReadyToRaise),
            ("a yes", with(vec![raised(2, Some(Outcome::Positive))]), Stage::Raised),
            (
                "a yes after an earlier no",
                with(vec![raised(40, Some(Outcome::Negative)), raised(1, Some(Outcome::Positive))]),
                Stage::Raised,
            ),
            (
                "met",
                Person {
                    meetings: vec![Meeting { medium: Medium::Coffee, at: day(-1), note: String::new() }],
                    ..person()
                },
                Stage::RealLife,
            ),
        ];
        for (what, who, want) in cases {
            assert_eq!(stage_of(&who).stage, want, "{what}");
        }
        let again = advise(&with(vec![raised(63, Some(Outcome::Negative))]), &ten_weeks(), &p, day(0), today());
        assert_eq!(again.suggestion.map(|s| s.gently), Some(true), "after a no, more gently");
        let yes = advise(&with(vec![raised(2, Some(Outcome::Positive))]), &ten_weeks(), &p, day(0), today());
        assert_eq!(
            yes.next_step.map(|t| t.english()).as_deref(),
            Some("They're up for it: ask when would be good for them.")
        );
    }

    #[test]
    fn tracked_people_gone_quiet_get_a_nudge_and_one_sided_ones_a_kind_flag() {
        let p = Pacing::default();
        let tracked = Person { tracked: true, ..person() };
        let quiet = advise(&tracked, &likes(&[day(-20)]), &p, day(0), today());
        assert!(
            matches!(&quiet.hint, Hint::Nudge { reason } if reason.english().starts_with("No touch for 20 days")),
            "{:?}",
            quiet.hint
        );
        let untracked = advise(&person(), &likes(&[day(-20)]), &p, day(0), today());
        assert!(matches!(untracked.hint, Hint::FineToEngage { .. }));
        let one_way = advise(&person(), &likes(&[day(-30), day(-20), day(-10)]), &p, day(0), today());
        assert!(one_way.one_sided);
        assert!(!advise(&person(), &ten_weeks(), &p, day(0), today()).one_sided);
    }

    #[test]
    fn ask_about_items_surface_from_their_date_on_and_undated_ones_at_once() {
        let item = |text: &str, after: Option<NaiveDate>, done: bool| AskAbout {
            text: text.into(),
            after,
            created_at: day(-30),
            done,
        };
        let who = Person {
            ask_about: vec![
                item("the marathon", Some(today()), false),
                item("the move", NaiveDate::from_ymd_opt(2020, 1, 1), false),
                item("the new job", today().succ_opt(), false),
                item("their dog's name", None, false),
                item("the wedding", None, true),
            ],
            ..person()
        };
        let due = advise(&who, &[], &Pacing::default(), day(0), today()).ask_about;
        assert_eq!(due, ["the marathon", "the move", "their dog's name"]);
    }

    fn named(handle: &str) -> Person {
        let id = Identity { site: Site::X, handle: handle.into(), url: format!("https://x.com/{handle}") };
        Person::first_seen(id, handle, day(-400))
    }

    fn of(handle: &str, mut history: Vec<Interaction>) -> Vec<Interaction> {
        for i in &mut history {
            i.person = format!("p:x:{handle}");
        }
        history
    }

    #[test]
    fn after_a_yes_the_agenda_asks_for_a_date_reminds_as_it_nears_then_asks_how_it_went() {
        let p = Pacing::default();
        let line = |attempt: IrlAttempt, met: bool| {
            let meetings =
                if met { vec![Meeting { medium: Medium::Coffee, at: day(-1), note: String::new() }] } else { vec![] };
            let sam = Person { irl_attempts: vec![attempt], meetings, ..named("Sam") };
            let history = of("Sam", ten_weeks());
            agenda([(&sam, history.as_slice())], &p, day(0), today())
                .into_iter()
                .next()
                .map(|i| (i.reason, i.text.english()))
        };
        let yes = raised(3, Some(Outcome::Positive));
        let on = |at: DateTime<Utc>| IrlAttempt { scheduled_for: Some(at), ..yes.clone() };
        let follow = |text: &str| Some((Reason::FollowUp, text.to_owned()));
        let cases = [
            ("a yes, no date", line(yes.clone(), false), follow("Sam is up for it: ask when would be good for them.")),
            ("waiting for their answer", line(raised(3, None), false), None),
            ("a date next week", line(on(day(7)), false), None),
            (
                "a date in 47 hours",
                line(on(day(0) + Duration::hours(47)), false),
                follow("Coffee with Sam in 47 hours."),
            ),
            ("a date in 3 hours", line(on(day(0) + Duration::hours(3)), false), follow("Coffee with Sam in 3 hours.")),
            ("the date passed", line(on(day(-1)), false), follow("Did you meet Sam? Note how it went.")),
            ("they met", line(on(day(-1)), true), None),
        ];
        for (what, got, want) in cases {
            assert_eq!(got, want, "{what}");
        }
        let sam = Person { irl_attempts: vec![on(day(2))], ..named("Sam") };
        let plan = advise(&sam, &ten_weeks(), &p, day(0), today()).plan;
        assert_eq!(plan, Some(Plan { medium: Medium::Coffee, at: day(2) }), "the card shows the agreed date");
        let after_no = Person { irl_attempts: vec![raised(70, Some(Outcome::Negative)), on(day(2))], ..named("Sam") };
        assert_eq!(advise(&after_no, &ten_weeks(), &p, day(0), today()).stage, Stage::Raised, "a yes after a no");
    }

    #[test]
    fn pacing_settings_are_checked_and_phrasings_tidied() {
        assert_eq!(Pacing::default().validate(), Ok(()));
        let bad = [
            Pacing { ramp_start: 0, ..Pacing::default() },
            Pacing { plateau: 0, ..Pacing::default() },
            Pacing { burst_minutes: 100_000, ..Pacing::default() },
            Pacing { coffee_phrases: vec![], ..Pacing::default() },
            Pacing { call_phrases: vec!["x".repeat(201)], ..Pacing::default() },
            Pacing { call_phrases: vec!["  ".into()], ..Pacing::default() },
        ];
        for pacing in bad {
            assert!(pacing.validate().is_err(), "{pacing:?}");
        }
        let typed = Pacing { coffee_phrases: vec!["  Coffee? ".into(), "".into(), "Tea?".into()], ..Pacing::default() };
        assert_eq!(typed.tidy().coffee_phrases, vec!["Coffee?", "Tea?"]);
        let own = Pacing { coffee_phrases: vec!["Fancy a flat white?".into()], ..Pacing::default() };
        let local = Person { local: true, ..person() };
        let offered = advise(&local, &ten_weeks(), &own, day(0), today()).suggestion.map(|s| s.phrases);
        assert_eq!(offered, Some(vec![Text::verbatim("Fancy a flat white?")]), "the user's own words are offered");
    }

    #[test]
    fn the_agenda_ranks_one_line_per_person_skips_the_snoozed_and_is_capped() {
        let p = Pacing::default();
        let ready = named("ready");
        let asked = Person { irl_attempts: vec![raised(2, Some(Outcome::Positive))], ..named("asked") };
        let curious = Person {
            ask_about: vec![AskAbout { text: "the marathon".into(), after: None, created_at: day(-3), done: false }],
            ..named("curious")
        };
        let rushing = named("rushing");
        let quiet = Person { tracked: true, ..named("quiet") };
        let fan = named("fan");
        let snoozed = Person { snoozed_until: Some(day(2)), ..named("snoozed") };
        let calm = named("calm");
        let burst = likes(&[day(0) - Duration::minutes(20), day(0) - Duration::minutes(10), day(0)]);
        let month: Vec<DateTime<Utc>> = (0..6).map(|d| day(-25 + d * 4)).collect();
        let histories = [
            (&ready, of("ready", ten_weeks())),
            (&asked, of("asked", ten_weeks())),
            (&curious, of("curious", likes(&[day(-2)]))),
            // Ready too, but rushing: the burst wins over readiness.
            (&rushing, of("rushing", ten_weeks().into_iter().chain(burst.clone()).collect())),
            (&quiet, of("quiet", likes(&[day(-30)]))),
            (&fan, of("fan", likes(&month))),
            (&snoozed, of("snoozed", burst)),
            (&calm, of("calm", likes(&[day(-1)]))),
        ];
        let list = agenda(histories.iter().map(|(who, h)| (*who, h.as_slice())), &p, day(0), today());
        let seen: Vec<(&str, Reason)> = list.iter().map(|i| (i.name.as_str(), i.reason)).collect();
        assert_eq!(
            seen,
            [
                ("ready", Reason::ReadyToRaise),
                ("asked", Reason::FollowUp),
                ("curious", Reason::FollowUp),
                ("rushing", Reason::SlowDown),
                ("quiet", Reason::Nudge),
                ("fan", Reason::Track),
            ]
        );
        assert_eq!(
            list.iter().find(|i| i.name == "fan").map(|i| i.text.english()).as_deref(),
            Some("You've engaged with fan 6 times this month. Track them?")
        );

        let crowd: Vec<(Person, Vec<Interaction>)> =
            (0..20).map(|n| (named(&format!("p{n}")), of(&format!("p{n}"), ten_weeks()))).collect();
        let capped = agenda(crowd.iter().map(|(who, h)| (who, h.as_slice())), &p, day(0), today());
        assert_eq!(capped.len(), AGENDA_MAX);
    }

    #[test]
    fn a_like_repost_and_reply_on_one_post_are_one_touch() {
        let on = |url: &str, kind: Kind, minutes: i64| Interaction {
            url: url.into(),
            ..touch(day(0) + Duration::minutes(minutes), kind, Direction::Outbound)
        };
        let one_post = vec![
            on("https://x.com/alice/status/1", Kind::Like, -3),
            on("https://x.com/alice/status/1", Kind::Repost, -2),
            on("https://x.com/alice/status/1", Kind::Reply, 0),
        ];
        let advice = advise(&person(), &one_post, &Pacing::default(), day(0), today());
        assert!(matches!(advice.hint, Hint::FineToEngage { left: 0 }), "{:?}", advice.hint);
        let three_posts: Vec<Interaction> =
            (0..3).map(|n| on(&format!("https://x.com/alice/status/{n}"), Kind::Like, n - 3)).collect();
        let advice = advise(&person(), &three_posts, &Pacing::default(), day(0), today());
        assert!(matches!(advice.hint, Hint::SlowDown { .. }), "{:?}", advice.hint);
    }

    #[test]
    fn the_users_stage_overrides_the_derived_one() {
        let p = Pacing::default();
        let met_offline = Person { stage: Some(Stage::RealLife), ..person() };
        let advice = advise(&met_offline, &ten_weeks(), &p, day(0), today());
        assert_eq!((advice.stage, advice.suggestion), (Stage::RealLife, None));
        let not_yet = Person { stage: Some(Stage::Engage), ..person() };
        assert_eq!(advise(&not_yet, &ten_weeks(), &p, day(0), today()).suggestion, None);
        let ready = Person { stage: Some(Stage::ReadyToRaise), ..person() };
        assert!(advise(&ready, &likes(&[day(-1)]), &p, day(0), today()).suggestion.is_some());
    }

    #[test]
    fn ask_about_dates_are_the_users_local_days_whatever_the_utc_date() {
        // 23:30 UTC on 1 Jan is already 2 Jan in Helsinki (UTC+2): an item
        // for 2 Jan is due there, not yet in New York (UTC-5, still 1 Jan).
        let now = day(1) - Duration::minutes(30);
        let jan2 = day(1).date_naive();
        let who = Person {
            ask_about: vec![AskAbout {
                text: "the new job".into(),
                after: Some(jan2),
                created_at: day(-9),
                done: false,
            }],
            ..person()
        };
        let helsinki = advise(&who, &[], &Pacing::default(), now, jan2).ask_about;
        let new_york = advise(&who, &[], &Pacing::default(), now, now.date_naive()).ask_about;
        assert_eq!((helsinki.len(), new_york.len()), (1, 0));
    }

    #[test]
    fn post_urls_tell_when_the_post_was_written_on_x_and_mastodon() {
        let cases = [
            // Ids built from a time: ((ms - 1288834974657) << 22) on X, (ms << 16) on Mastodon.
            ("https://x.com/alice/status/1585834157701857280", Some("2022-10-28T03:21:41.227+00:00")),
            ("https://mastodon.social/@alice/113019600923459584", Some("2024-08-24T23:30:50.419+00:00")),
            ("https://x.com/alice", None),
            ("https://bsky.app/profile/alice.bsky.social/post/3lalice00001a", None),
            ("https://x.com/alice/status/not-a-number", None),
        ];
        for (url, want) in cases {
            assert_eq!(posted_at(url).map(|t| t.to_rfc3339()), want.map(str::to_owned), "{url}");
        }
    }

    #[test]
    fn liking_a_run_of_old_posts_says_slow_down() {
        let p = Pacing::default();
        let settled = likes(&[day(-60), day(-45), day(-30)]);
        // Three likes two hours apart (no burst) on posts from 2022: a run of old posts.
        let old_post = |n: i64, hours: i64| Interaction {
            url: format!("https://x.com/alice/status/15858410804313210{n:02}"),
            ..touch(day(0) + Duration::hours(hours), Kind::Like, Direction::Outbound)
        };
        let run: Vec<Interaction> =
            settled.iter().cloned().chain([old_post(1, -4), old_post(2, -2), old_post(3, 0)]).collect();
        let advice = advise(&person(), &run, &p, day(0), today());
        assert!(
            matches!(&advice.hint, Hint::SlowDown { reason, fine_after } if reason.english().starts_with("3 likes on their older posts") && *fine_after == day(1)),
            "{:?}",
            advice.hint
        );
        // The same three likes on posts from this week: fine.
        // Posted on 2025-12-30, two days before.
        let fresh = |n: i64, hours: i64| Interaction {
            url: format!("https://x.com/alice/status/{}", 2_005_972_131_640_246_272_i64 + n),
            ..old_post(n, hours)
        };
        let recent: Vec<Interaction> = settled.into_iter().chain([fresh(1, -4), fresh(2, -2), fresh(3, 0)]).collect();
        assert!(matches!(advise(&person(), &recent, &p, day(0), today()).hint, Hint::FineToEngage { .. }));
    }

    #[test]
    fn merged_people_count_every_account() {
        let mut history = likes(&[day(0) - Duration::minutes(20)]);
        let mut other = touch(day(0) - Duration::minutes(10), Kind::Like, Direction::Outbound);
        other.site = Site::Mastodon;
        history.push(other);
        history.push(touch(day(0), Kind::Reply, Direction::Outbound));
        let advice = advise(&person(), &history, &Pacing::default(), day(0), today());
        assert!(matches!(advice.hint, Hint::SlowDown { .. }), "three touches across two sites within the hour");
    }
}
