//! What came of it, measured: from noticing someone to meeting them, how
//! long each step took, how asks were answered, and the pace the user kept.
//! Everything is computed from the record each time it is asked for (never
//! stored), so an import, a merge, a split or a deletion changes every
//! figure at once and consistently. docs/pacing.md ("Results") explains
//! each figure in the user's words.
//!
//! The types are the pages' too (they draw them); the computing is the
//! background's alone.

use crate::model::Site;
use serde::{Deserialize, Serialize};
#[cfg(feature = "background")]
use {
    crate::engine::pacing::{slow_until, touches, Event},
    crate::model::{Direction, Outcome, Pacing, Person},
    chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc},
};

/// The funnel's steps, in order: each counts everyone who got at least
/// that far.
pub const STEPS: [&str; 7] = [
    "results_step_noticed",
    "results_step_tracked",
    "results_step_both_ways",
    "results_step_ready",
    "results_step_asked",
    "results_step_yes",
    "results_step_met",
];

/// The windows the funnel is counted over, in months back from now.
pub const WINDOWS: [u32; 3] = [3, 6, 12];

/// How many weeks the pace covers.
pub const PACE_WEEKS: usize = 12;

/// Everything the results view shows. Sent to the pages packed as two
/// lists (`Packed`): a decoder for each of its eight types would be most of
/// what the results add to the pages' module (about 10 KB of its wasm).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "Packed", try_from = "Packed")]
pub struct Results {
    /// One funnel per window (`WINDOWS`).
    pub funnels: Vec<Funnel>,
    /// Time to real life: every site together first, then each site with
    /// anyone who got as far as "ready".
    pub times: Vec<Times>,
    pub asks: Asks,
    /// Touches per week, oldest first (`PACE_WEEKS`).
    pub weeks: Vec<Week>,
    pub slow_downs: SlowDowns,
    /// The last 12 calendar months (UTC), oldest first: the CSV's rows.
    pub months: Vec<Month>,
}

/// People first noticed in the last `months` months, by how far they got:
/// `counts[k]` is how many reached step `k` of `STEPS` or a later one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Funnel {
    pub months: u32,
    pub counts: Vec<u32>,
}

impl Funnel {
    /// Of those at the step before, the share (in whole percent) who reached
    /// step `k`; none for the first step or when nobody was at the one before.
    pub fn conversion(&self, k: usize) -> Option<u32> {
        let before = *self.counts.get(k.checked_sub(1)?)?;
        let here = *self.counts.get(k)?;
        (before > 0).then(|| ((u64::from(here) * 100 + u64::from(before) / 2) / u64::from(before)) as u32)
    }
}

/// Median weeks for each stretch of the way, on one site (`None`: all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Times {
    pub site: Option<Site>,
    /// From the first touch to "ready".
    pub to_ready: Median,
    /// From "ready" to the first ask.
    pub to_asked: Median,
    /// From the first ask to the first meeting.
    pub to_met: Median,
}

/// A median in tenths of a week, over `people` people (none when no one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Median {
    pub tenths: Option<u32>,
    pub people: u32,
}

/// How the asks were answered, and what came after a cold one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Asks {
    /// Every ask, by its answer (a silence past the pacing's "no answer"
    /// days counts as no answer; younger ones are still waiting).
    pub yes: u32,
    pub not_now: u32,
    pub no_answer: u32,
    pub waiting: u32,
    /// People whose first ask got "not now" or no answer…
    pub cooled: u32,
    /// …of whom the user asked again, after the cooling-off…
    pub asked_again: u32,
    /// …and who said yes on a later try.
    pub yes_later: u32,
}

/// One week of the pace: touches by the user and things they did for the
/// user, in the 7 days from `from` (a UTC date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week {
    pub from: String,
    pub yours: u32,
    pub theirs: u32,
}

/// Over the pace's weeks: how often the card said "slow down", and how
/// often the user waited as it asked (`waiting`: the wait is not over yet).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SlowDowns {
    pub said: u32,
    pub heeded: u32,
    pub waiting: u32,
}

/// One calendar month's figures (the CSV export's row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Month {
    /// `YYYY-MM`.
    pub month: String,
    pub noticed: u32,
    pub both_ways: u32,
    pub ready: u32,
    pub asked: u32,
    pub yes: u32,
    pub met: u32,
    pub yours: u32,
    pub theirs: u32,
}

/// The results as sent: every count in `numbers`, in a fixed order (the
/// funnels, the asks, the slow-downs, the weeks, the months, then the times'
/// rows), and the weeks' and months' dates in `dates`.
#[derive(Serialize, Deserialize)]
pub struct Packed {
    numbers: Vec<u32>,
    dates: Vec<String>,
}

const MONTHS: usize = 12;
const MONTH_FIGURES: usize = 8;
const TIMES_FIGURES: usize = 7;

impl From<Results> for Packed {
    fn from(r: Results) -> Packed {
        let mut numbers: Vec<u32> = Vec::new();
        for window in WINDOWS {
            let counts = r.funnels.iter().find(|f| f.months == window).map(|f| f.counts.clone());
            numbers.extend(counts.unwrap_or_default().into_iter().chain(std::iter::repeat(0)).take(STEPS.len()));
        }
        let a = r.asks;
        numbers.extend([a.yes, a.not_now, a.no_answer, a.waiting, a.cooled, a.asked_again, a.yes_later]);
        numbers.extend([r.slow_downs.said, r.slow_downs.heeded, r.slow_downs.waiting]);
        numbers.extend(r.weeks.iter().flat_map(|w| [w.yours, w.theirs]));
        numbers.extend(
            r.months.iter().flat_map(|m| [m.noticed, m.both_ways, m.ready, m.asked, m.yes, m.met, m.yours, m.theirs]),
        );
        for t in &r.times {
            let site = t.site.and_then(|s| Site::ALL.iter().position(|a| *a == s)).map_or(0, |k| k as u32 + 1);
            numbers.push(site);
            for m in [t.to_ready, t.to_asked, t.to_met] {
                numbers.extend([m.tenths.map_or(0, |t| t.saturating_add(1)), m.people]);
            }
        }
        let dates = r.weeks.iter().map(|w| w.from.clone()).chain(r.months.iter().map(|m| m.month.clone())).collect();
        Packed { numbers, dates }
    }
}

impl TryFrom<Packed> for Results {
    type Error = &'static str;

    fn try_from(p: Packed) -> Result<Results, &'static str> {
        const WRONG: &str = "results of another shape";
        let fixed = WINDOWS.len() * STEPS.len() + 7 + 3 + 2 * PACE_WEEKS + MONTH_FIGURES * MONTHS;
        let times_len = p.numbers.len().checked_sub(fixed).filter(|n| n % TIMES_FIGURES == 0).ok_or(WRONG)?;
        if p.dates.len() != PACE_WEEKS + MONTHS || times_len == 0 {
            return Err(WRONG);
        }
        let mut n = p.numbers.into_iter();
        let mut take = |count: usize| -> Vec<u32> { n.by_ref().take(count).collect() };
        let funnels = WINDOWS.iter().map(|months| Funnel { months: *months, counts: take(STEPS.len()) }).collect();
        let a = take(7);
        let asks = Asks {
            yes: a[0],
            not_now: a[1],
            no_answer: a[2],
            waiting: a[3],
            cooled: a[4],
            asked_again: a[5],
            yes_later: a[6],
        };
        let s = take(3);
        let slow_downs = SlowDowns { said: s[0], heeded: s[1], waiting: s[2] };
        let (week_dates, month_dates) = p.dates.split_at(PACE_WEEKS);
        let weeks = week_dates.iter().map(|from| {
            let w = take(2);
            Week { from: from.clone(), yours: w[0], theirs: w[1] }
        });
        let weeks = weeks.collect();
        let months = month_dates.iter().map(|month| {
            let m = take(MONTH_FIGURES);
            Month {
                month: month.clone(),
                noticed: m[0],
                both_ways: m[1],
                ready: m[2],
                asked: m[3],
                yes: m[4],
                met: m[5],
                yours: m[6],
                theirs: m[7],
            }
        });
        let months = months.collect();
        let mut times = Vec::new();
        for _ in 0..times_len / TIMES_FIGURES {
            let t = take(TIMES_FIGURES);
            let site = match t[0] {
                0 => None,
                k => Some(*Site::ALL.get(k as usize - 1).ok_or(WRONG)?),
            };
            let median = |k: usize| Median { tenths: t[k].checked_sub(1), people: t[k + 1] };
            times.push(Times { site, to_ready: median(1), to_asked: median(3), to_met: median(5) });
        }
        Ok(Results { funnels, times, asks, weeks, slow_downs, months })
    }
}

/// One person's way so far: when each step was first reached.
#[cfg(feature = "background")]
#[derive(Debug, Clone, Default)]
struct Path {
    site: Option<Site>,
    noticed: Option<DateTime<Utc>>,
    tracked: bool,
    first_touch: Option<DateTime<Utc>>,
    both_ways: Option<DateTime<Utc>>,
    ready: Option<DateTime<Utc>>,
    asked: Option<DateTime<Utc>>,
    yes: Option<DateTime<Utc>>,
    met: Option<DateTime<Utc>>,
}

#[cfg(feature = "background")]
impl Path {
    /// How far along `STEPS` they got (0: noticed).
    fn furthest(&self) -> usize {
        let reached = [
            true,
            self.tracked,
            self.both_ways.is_some(),
            self.ready.is_some(),
            self.asked.is_some(),
            self.yes.is_some(),
            self.met.is_some(),
        ];
        reached.iter().rposition(|r| *r).unwrap_or(0)
    }
}

/// The results for everyone in `people` (each with their events, oldest
/// first), at `now`.
#[cfg(feature = "background")]
pub fn results<'a, I>(people: I, p: &Pacing, now: DateTime<Utc>) -> Results
where
    I: IntoIterator<Item = (&'a Person, &'a [Event])>,
{
    let mut paths = Vec::new();
    let mut asks = Asks::default();
    let mut weeks = pace_weeks(now);
    let mut slow_downs = SlowDowns::default();
    let mut months = calendar_months(now);
    for (person, events) in people {
        let touched = touches(events, now);
        let path = path_of(person, events, &touched, p, now);
        count_asks(person, p, now, &mut asks);
        count_pace(events, &touched, now, &mut weeks);
        count_slow_downs(events, &touched, p, now, &mut slow_downs);
        count_months(person, events, &touched, &path, now, &mut months);
        paths.push(path);
    }
    let funnels = WINDOWS.iter().map(|m| funnel(&paths, *m, now)).collect();
    // Each site with anyone ready, in the order the pages list sites.
    let sites = Site::ALL.into_iter().filter(|s| paths.iter().any(|p| p.ready.is_some() && p.site == Some(*s)));
    let times = std::iter::once(None).chain(sites.map(Some)).map(|s| times(&paths, s)).collect();
    let (weeks, months) = (weeks.into_iter().map(|(_, w)| w).collect(), months.into_iter().map(|(_, m)| m).collect());
    Results { funnels, times, asks, weeks, slow_downs, months }
}

/// When each step was first reached. "Ready" is when touches had spread
/// over the pacing's "ready" weeks (counted from the first touch) and they
/// had done the pacing's "ready" number of things for the user, both.
#[cfg(feature = "background")]
fn path_of(person: &Person, events: &[Event], touched: &[DateTime<Utc>], p: &Pacing, now: DateTime<Utc>) -> Path {
    let first_event = events.iter().filter(|e| e.at <= now).map(|e| e.at).min();
    let created = (person.created_at > DateTime::UNIX_EPOCH).then_some(person.created_at);
    let noticed = [created, first_event, person.archive.first_at].into_iter().flatten().min();
    let mut inbound: Vec<DateTime<Utc>> =
        events.iter().filter(|e| e.direction == Direction::Inbound && e.at <= now).map(|e| e.at).collect();
    // Pruned interactions are counts with a time span: an archived inbound
    // counts from the span's start.
    let archived_in: u32 =
        person.archive.counts.iter().filter(|c| c.direction == Direction::Inbound).map(|c| c.count).sum();
    if let Some(first) = person.archive.first_at {
        inbound.extend(std::iter::repeat_n(first, archived_in as usize));
    }
    // The standard sort: the same copy as `pacing::touches`'s.
    inbound.sort_unstable();
    let first_touch = touched.first().copied();
    let both_ways = first_touch.zip(inbound.first()).map(|(t, i)| t.max(*i));
    let ready = first_touch.and_then(|first| {
        let weeks_at = week_spread_at(touched, first, p.ready_weeks)?;
        let inbound_at = match p.ready_inbound {
            0 => weeks_at,
            n => *inbound.get(n as usize - 1)?,
        };
        Some(weeks_at.max(inbound_at))
    });
    let attempts = || person.irl_attempts.iter().filter(|a| a.raised_at <= now);
    Path {
        site: person.identities.first().map(|i| i.site),
        noticed,
        tracked: person.tracked,
        first_touch,
        both_ways,
        ready,
        asked: attempts().map(|a| a.raised_at).min(),
        yes: attempts().filter(|a| a.outcome == Some(Outcome::Positive)).map(|a| a.raised_at).min(),
        met: person.meetings.iter().filter(|m| m.at <= now).map(|m| m.at).min(),
    }
}

/// The touch at which touches first spread over `weeks` different weeks
/// (7-day periods from the first touch).
#[cfg(feature = "background")]
fn week_spread_at(touched: &[DateTime<Utc>], first: DateTime<Utc>, weeks: u32) -> Option<DateTime<Utc>> {
    let mut seen: Vec<i64> = Vec::new();
    for t in touched {
        let week = (*t - first).num_weeks();
        if !seen.contains(&week) {
            seen.push(week);
        }
        if seen.len() >= weeks.max(1) as usize {
            return Some(*t);
        }
    }
    None
}

/// The funnel of people noticed in the last `months` months.
#[cfg(feature = "background")]
fn funnel(paths: &[Path], months: u32, now: DateTime<Utc>) -> Funnel {
    let since = now.checked_sub_months(Months::new(months)).unwrap_or(DateTime::UNIX_EPOCH);
    let mut counts = vec![0u32; STEPS.len()];
    for path in paths.iter().filter(|p| p.noticed.is_some_and(|n| n > since && n <= now)) {
        for count in counts.iter_mut().take(path.furthest() + 1) {
            *count += 1;
        }
    }
    Funnel { months, counts }
}

/// The median weeks of each stretch, over people of `site` (all: `None`)
/// who went through it in that order.
#[cfg(feature = "background")]
fn times(paths: &[Path], site: Option<Site>) -> Times {
    let on_site = || paths.iter().filter(move |p| site.is_none() || p.site == site);
    let stretch = |from: fn(&Path) -> Option<DateTime<Utc>>, to: fn(&Path) -> Option<DateTime<Utc>>| {
        let spans: Vec<i64> =
            on_site().filter_map(|p| Some((to(p)? - from(p)?).num_minutes())).filter(|minutes| *minutes >= 0).collect();
        median(spans)
    };
    Times {
        site,
        to_ready: stretch(|p| p.first_touch, |p| p.ready),
        to_asked: stretch(|p| p.ready, |p| p.asked),
        to_met: stretch(|p| p.asked, |p| p.met),
    }
}

/// The median of spans in minutes, in tenths of a week (rounded).
#[cfg(feature = "background")]
fn median(mut minutes: Vec<i64>) -> Median {
    const WEEK_MINUTES: f64 = 7.0 * 24.0 * 60.0;
    let people = u32::try_from(minutes.len()).unwrap_or(u32::MAX);
    crate::model::order::sort(&mut minutes);
    let n = minutes.len();
    let middle = match (minutes.get(n.wrapping_sub(1) / 2), minutes.get(n / 2)) {
        (Some(low), Some(high)) => (*low + *high) as f64 / 2.0,
        _ => return Median { tenths: None, people },
    };
    Median { tenths: Some((middle / WEEK_MINUTES * 10.0).round() as u32), people }
}

/// Count `person`'s asks by answer, and what came after a cold first one.
#[cfg(feature = "background")]
fn count_asks(person: &Person, p: &Pacing, now: DateTime<Utc>, asks: &mut Asks) {
    let mut attempts: Vec<&crate::model::IrlAttempt> =
        person.irl_attempts.iter().filter(|a| a.raised_at <= now).collect();
    crate::model::order::sort_by_key(&mut attempts, |a| a.raised_at);
    let answer = |a: &crate::model::IrlAttempt| {
        a.outcome.or((now - a.raised_at >= Duration::days(i64::from(p.no_answer_days))).then_some(Outcome::NoAnswer))
    };
    for a in &attempts {
        match answer(a) {
            Some(Outcome::Positive) => asks.yes += 1,
            Some(Outcome::Negative) => asks.not_now += 1,
            Some(Outcome::NoAnswer) => asks.no_answer += 1,
            None => asks.waiting += 1,
        }
    }
    let Some((first, later)) = attempts.split_first() else { return };
    if matches!(answer(first), Some(Outcome::Negative | Outcome::NoAnswer)) {
        asks.cooled += 1;
        if !later.is_empty() {
            asks.asked_again += 1;
        }
        if later.iter().any(|a| a.outcome == Some(Outcome::Positive)) {
            asks.yes_later += 1;
        }
    }
}

/// The pace's weeks: each 7-day window back from `now`, oldest first, with
/// the UTC date it starts on.
#[cfg(feature = "background")]
fn pace_weeks(now: DateTime<Utc>) -> Vec<(DateTime<Utc>, Week)> {
    (0..PACE_WEEKS as i64)
        .rev()
        .map(|back| {
            let from = now - Duration::weeks(back + 1);
            (from, Week { from: day_of(from), yours: 0, theirs: 0 })
        })
        .collect()
}

/// Add one person's touches and inbound to the weeks they fall in.
#[cfg(feature = "background")]
fn count_pace(events: &[Event], touched: &[DateTime<Utc>], now: DateTime<Utc>, weeks: &mut [(DateTime<Utc>, Week)]) {
    let week_of = |t: DateTime<Utc>| {
        let back = (now - t).num_milliseconds();
        (t <= now && back < Duration::weeks(PACE_WEEKS as i64).num_milliseconds())
            .then(|| PACE_WEEKS - 1 - (back / Duration::weeks(1).num_milliseconds()) as usize)
    };
    for t in touched {
        if let Some(w) = week_of(*t).and_then(|i| weeks.get_mut(i)) {
            w.1.yours += 1;
        }
    }
    for e in events.iter().filter(|e| e.direction == Direction::Inbound) {
        if let Some(w) = week_of(e.at).and_then(|i| weeks.get_mut(i)) {
            w.1.theirs += 1;
        }
    }
}

/// Replay what the card said after each touch of the pace's weeks: a
/// "slow down" is said when a touch starts one (none was in force), and
/// heeded when the user's next touch waited until it was over.
#[cfg(feature = "background")]
fn count_slow_downs(
    events: &[Event],
    touched: &[DateTime<Utc>],
    p: &Pacing,
    now: DateTime<Utc>,
    slow_downs: &mut SlowDowns,
) {
    let since = now - Duration::weeks(PACE_WEEKS as i64);
    let Some(first) = touched.first().copied() else { return };
    // In force: until when, and whether the user touched again before then.
    let mut in_force: Option<(DateTime<Utc>, bool)> = None;
    for (k, t) in touched.iter().enumerate() {
        if let Some((until, broken)) = in_force {
            if *t < until {
                in_force = Some((until, true));
            } else {
                slow_downs.heeded += u32::from(!broken);
                in_force = None;
            }
        }
        if *t <= since {
            continue;
        }
        // Only the last week's touches and the last day's events are read.
        let week_start = touched[..k].partition_point(|x| *x <= *t - Duration::days(7));
        let day = events.partition_point(|e| e.at <= *t - Duration::days(1))..events.partition_point(|e| e.at <= *t);
        let (touches, events) = (&touched[week_start..=k], events.get(day).unwrap_or_default());
        if let Some(until) = slow_until(p, first, touches, events, *t) {
            match in_force {
                Some((_, broken)) => in_force = Some((until, broken)),
                None => {
                    slow_downs.said += 1;
                    in_force = Some((until, false));
                }
            }
        }
    }
    match in_force {
        Some((until, false)) if until <= now => slow_downs.heeded += 1,
        Some((_, false)) => slow_downs.waiting += 1,
        _ => {}
    }
}

/// A date as `YYYY-MM-DD` (written out: chrono's formatting is a large
/// part of a wasm module, and nothing else here needs it).
#[cfg(feature = "background")]
fn day_of(t: DateTime<Utc>) -> String {
    format!("{}-{:02}", month_of(t.date_naive()), t.day())
}

/// A date's month as `YYYY-MM`.
#[cfg(feature = "background")]
fn month_of(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// The last 12 calendar months (UTC), oldest first, all zero, each with
/// its first instant.
#[cfg(feature = "background")]
fn calendar_months(now: DateTime<Utc>) -> Vec<(DateTime<Utc>, Month)> {
    let this = NaiveDate::from_ymd_opt(now.year(), now.month(), 1).unwrap_or_default();
    (0..12)
        .rev()
        .filter_map(|back| this.checked_sub_months(Months::new(back)))
        .map(|first| {
            let month = Month {
                month: month_of(first),
                noticed: 0,
                both_ways: 0,
                ready: 0,
                asked: 0,
                yes: 0,
                met: 0,
                yours: 0,
                theirs: 0,
            };
            (first.and_time(chrono::NaiveTime::MIN).and_utc(), month)
        })
        .collect()
}

/// Add what happened with one person to the months it happened in.
#[cfg(feature = "background")]
fn count_months(
    person: &Person,
    events: &[Event],
    touched: &[DateTime<Utc>],
    path: &Path,
    now: DateTime<Utc>,
    months: &mut [(DateTime<Utc>, Month)],
) {
    // The month a time falls in, by the months' first instants (a search,
    // not a date per event: the results read 100,000 of them).
    let mut at = |t: Option<DateTime<Utc>>, field: fn(&mut Month) -> &mut u32| {
        let Some(t) = t.filter(|t| *t <= now) else { return };
        let month = months.partition_point(|(start, _)| *start <= t).checked_sub(1);
        if let Some((_, m)) = month.and_then(|k| months.get_mut(k)) {
            *field(m) += 1;
        }
    };
    at(path.noticed, |m| &mut m.noticed);
    at(path.both_ways, |m| &mut m.both_ways);
    at(path.ready, |m| &mut m.ready);
    for a in &person.irl_attempts {
        at(Some(a.raised_at), |m| &mut m.asked);
        if a.outcome == Some(Outcome::Positive) {
            at(Some(a.raised_at), |m| &mut m.yes);
        }
    }
    for meeting in &person.meetings {
        at(Some(meeting.at), |m| &mut m.met);
    }
    for t in touched {
        at(Some(*t), |m| &mut m.yours);
    }
    for e in events.iter().filter(|e| e.direction == Direction::Inbound) {
        at(Some(e.at), |m| &mut m.theirs);
    }
}

/// The monthly figures as CSV, one row a month, oldest first.
pub fn months_csv(months: &[Month]) -> String {
    let mut csv = String::from("month,noticed,both_ways,ready,asked,yes,met,your_touches,their_touches\r\n");
    for m in months {
        let row = [m.noticed, m.both_ways, m.ready, m.asked, m.yes, m.met, m.yours, m.theirs];
        let cells: Vec<String> = row.iter().map(u32::to_string).collect();
        csv.push_str(&format!("{},{}\r\n", m.month, cells.join(",")));
    }
    csv
}

#[cfg(all(test, feature = "background"))]
mod tests;
