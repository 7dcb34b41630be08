//! What the user tells Kindling about a person, from the card or the
//! popup: tracking, suggestions and their answers, notes, what they did
//! that Kindling cannot see, merging and splitting, the agreed meeting's
//! calendar file.

use super::{done, ServiceError, ServiceError::Refused};
use crate::engine::merge;
use crate::model::ids::interaction_id;
use crate::model::text::Text;
use crate::model::{AskAbout, Direction, Interaction, IrlAttempt, Kind, Meeting, Note, Outcome, Person, Site};
use crate::service::export;
use crate::service::messages::{PersonChange, PersonChange as C, Response};
use crate::store::{Backend, Change, Records};
use chrono::{DateTime, Utc};

/// Apply what the user told Kindling about a person.
pub(super) async fn update<B: Backend>(
    records: &Records<B>,
    id: &str,
    change: PersonChange,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    let mut person = super::person(records, id, now).await?;
    let message = match change {
        C::ReachedOut { site, kind, at } => return reached_out(records, &person, site, kind, at, now).await,
        C::RemoveReachedOut { interaction } => {
            let by_hand = records.interactions_of(&person.id, now).await?.into_iter().find(|i| i.id == interaction);
            if !by_hand.is_some_and(|i| i.by_hand) {
                return Err(Refused(Text::new("error_not_by_hand")));
            }
            records.withdraw(&interaction).await?;
            return Ok(done(Text::new("done_reached_out_removed")));
        }
        change => change_person(&mut person, change, now)?,
    };
    records.save(Change { people: vec![person], ..Change::default() }).await?;
    Ok(done(message))
}

/// A change to the person's own record, and what the user is told.
fn change_person(person: &mut Person, change: PersonChange, now: DateTime<Utc>) -> Result<Text, ServiceError> {
    Ok(match change {
        C::Track { on } => {
            person.tracked = on;
            Text::new(if on { "done_tracking" } else { "done_not_tracking" })
        }
        C::UseSeenName {} => {
            let name = person.seen_name.take().ok_or_else(|| Refused(Text::new("error_no_new_name")))?;
            person.name.clone_from(&name);
            Text::new("done_renamed").with(name)
        }
        C::NotInterested {} => {
            person.not_interested = true;
            Text::new("done_not_interested")
        }
        C::NotSame { other } => {
            person.same_as.retain(|id| *id != other);
            Text::new("done_not_same")
        }
        C::Local { on } => {
            person.local = on;
            Text::new(if on { "done_local" } else { "done_not_local" })
        }
        C::Tags { tags } => {
            person.tags = crate::model::tidy_tags(&tags).map_err(Refused)?;
            Text::new("done_tags")
        }
        C::Raised { medium, phrasing } => {
            let raised =
                IrlAttempt { medium, phrasing, raised_at: now, outcome: None, scheduled_for: None, answered_at: None };
            person.irl_attempts.push(raised);
            Text::new("done_raised")
        }
        C::Answer { outcome } => {
            let last = last_suggestion(person)?;
            last.outcome = Some(outcome);
            last.answered_at = Some(now);
            Text::new(if outcome == Outcome::Positive { "done_answer_yes" } else { "done_answer_not_now" })
        }
        C::Schedule { at } => {
            let last = last_suggestion(person)?;
            last.outcome = Some(Outcome::Positive);
            last.answered_at = last.answered_at.or(Some(now));
            last.scheduled_for = Some(at);
            Text::new("done_scheduled")
        }
        C::Met { medium, note } => {
            person.meetings.push(Meeting { medium, at: now, note });
            Text::new("done_met")
        }
        C::AskAbout { text, after } => {
            let text = not_empty(&text, "error_empty_ask_about")?;
            person.ask_about.push(AskAbout { text, after, created_at: now, done: false });
            Text::new("done_ask_about")
        }
        C::AskedAbout { index } => {
            let item = person.ask_about.get_mut(index).ok_or_else(|| Refused(Text::new("error_no_question")))?;
            item.done = true;
            Text::new("done_asked")
        }
        C::Note { text } => {
            let text = not_empty(&text, "error_empty_note")?;
            person.notes.push(Note { text, created_at: now });
            Text::new("done_note")
        }
        C::Stage { stage } => {
            person.stage = stage;
            stage.map_or_else(|| Text::new("done_stage_auto"), |stage| Text::new("done_stage").with(stage.text()))
        }
        C::Snooze { until } => {
            person.snoozed_until = until.filter(|u| *u > now);
            Text::new("done_snoozed")
        }
        // Not changes to the person's record (`update` answers them).
        C::ReachedOut { .. } | C::RemoveReachedOut { .. } => return Err(Refused(Text::new("error_not_allowed"))),
    })
}

/// The latest suggestion raised with them, which an answer or a date is for.
fn last_suggestion(person: &mut Person) -> Result<&mut IrlAttempt, ServiceError> {
    let last = person.irl_attempts.iter_mut().max_by_key(|a| a.raised_at);
    last.ok_or_else(|| Refused(Text::new("error_nothing_suggested")))
}

/// `text` trimmed, refused with `empty` when nothing is left.
fn not_empty(text: &str, empty: &str) -> Result<String, ServiceError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Refused(Text::new(empty)));
    }
    Ok(text.to_owned())
}

/// "They reached out": something the person did for the user that Kindling
/// cannot see (a message, a call, meeting in person…), entered by hand as
/// an inbound interaction with their account on `site`, at `at` (now when
/// not given; never in the future). The answer names the new record, for
/// the card's Undo.
pub(super) async fn reached_out<B: Backend>(
    records: &Records<B>,
    person: &Person,
    site: Site,
    kind: Kind,
    at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    if !Kind::BY_HAND.contains(&kind) {
        return Err(Refused(Text::new("error_reached_out_kind")));
    }
    let at = at.unwrap_or(now);
    if at > now {
        return Err(Refused(Text::new("error_reached_out_future")));
    }
    let Some(identity) = person.identities.iter().find(|i| i.site == site) else {
        return Err(Refused(Text::new("error_no_account_here").with(site.label())));
    };
    let key = identity.key();
    let millis = at.timestamp_millis().to_string();
    let interaction = Interaction {
        id: interaction_id(&[kind.id_word(), "in", &key, "by hand", &millis]),
        person: person.id.clone(),
        site,
        kind,
        direction: Direction::Inbound,
        at,
        url: identity.url.clone(),
        handle: Some(identity.handle.clone()),
        snippet: None,
        by_hand: true,
    };
    let id = interaction.id.clone();
    records.save(Change { interactions: vec![interaction], ..Change::default() }).await?;
    Ok(Response::ReachedOut { interaction: id, message: Text::new("done_reached_out").with(kind.text()) })
}

pub(super) async fn merge<B: Backend>(
    records: &Records<B>,
    keep: &str,
    other: &str,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    let (Some(a), Some(b)) = (records.person(keep, now).await?, records.person(other, now).await?) else {
        return Err(Refused(Text::new("error_no_people")));
    };
    let theirs = records.interactions_of(other, now).await?;
    match merge::merge(&a, &b, theirs) {
        Ok((merged, interactions)) => {
            let message = Text::new("done_merged").with(a.name.as_str()).with(b.name.as_str());
            records
                .save(Change { people: vec![merged], interactions, delete_people: vec![b.id], ..Change::default() })
                .await?;
            Ok(done(message))
        }
        Err(e) => Err(Refused(Text::new("error_merge").with(e.text()))),
    }
}

pub(super) async fn split<B: Backend>(
    records: &Records<B>,
    person: &str,
    account: &str,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    let p = super::person(records, person, now).await?;
    let theirs = records.interactions_of(person, now).await?;
    match merge::split(&p, account, theirs, now) {
        Ok((left, new, interactions)) => {
            let message = Text::new("done_split").with(account);
            records.save(Change { people: vec![left, new], interactions, ..Change::default() }).await?;
            Ok(done(message))
        }
        Err(e) => Err(Refused(Text::new("error_split").with(e.text()))),
    }
}

/// The agreed meeting as an iCalendar event with a reminder.
pub(super) async fn calendar_event<B: Backend>(
    records: &Records<B>,
    person: &str,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    let p = super::person(records, person, now).await?;
    let agreed =
        p.irl_attempts.iter().filter_map(|a| a.scheduled_for.map(|at| (a.medium, at))).max_by_key(|(_, at)| *at);
    let Some((medium, at)) = agreed else {
        return Err(Refused(Text::new("error_no_date")));
    };
    Ok(Response::File {
        name: format!("kindling-{}.ics", at.format("%Y-%m-%d")),
        mime: "text/calendar".into(),
        text: export::meeting_ics(&p, medium, at, now),
    })
}
