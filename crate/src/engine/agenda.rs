//! Today's agenda: whom the user might look at today, and why, most
//! pressing first (docs/pacing.md, "Today"). Built from the pacing engine's
//! advice for each person; the popup and the Today digests read it.

use crate::model::text::Text;
use serde::{Deserialize, Serialize};
#[cfg(feature = "background")]
use {
    super::pacing::{advise, is_touch, Advice, Event, Hint},
    crate::model::{Medium, Pacing, Person, Stage},
    chrono::{DateTime, Duration, NaiveDate, Utc},
};

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
            Some(Text::new(key).with(name.as_str()).with(crate::engine::words::until(plan.at, now)))
        }
        Some(_) => Some(Text::new("follow_did_you_meet").with(name.as_str())),
    }
}

/// Why `person` needs the user today, if they do: the most pressing reason,
/// the agenda's line for it, and for an ask-about item its index in the
/// person's list (the line can mark it asked). A snoozed person needs nothing.
#[cfg(feature = "background")]
pub(crate) fn attention(
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
    crate::model::order::sort_by(&mut items, |a, b| {
        a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.person.cmp(&b.2.person))
    });
    items.into_iter().take(AGENDA_MAX).map(|(_, _, item)| item).collect()
}
