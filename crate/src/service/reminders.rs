//! Reminders and the toolbar badge (issue 23): what the background's alarm
//! asks (`remind`: the notifications due, recorded as sent before they are
//! shown, the next time, Today's count), and the settings the options page
//! and the card's offer change.

use super::{done, ServiceError, ServiceError::Refused};
use crate::engine::agenda::{agenda, Reason};
use crate::engine::reminders::{record, schedule, Sent};
use crate::model::text::Text;
use crate::model::Reminders;
use crate::service::messages::Response;
use crate::store::{Backend, Change, Records};
use chrono::{DateTime, Duration, Utc};

/// The meta record of the notifications sent (`engine::reminders::Sent`).
const SENT: &str = "reminders";

/// Today's lines that ask the user to reach out: the weekly digest's count.
const REACH_OUT: [Reason; 3] = [Reason::ReadyToRaise, Reason::FollowUp, Reason::Nudge];

/// The notifications due now for the user `offset` minutes ahead of UTC
/// (none unless reminders are on and the background can show them:
/// `notify`), when the next is due, and how many Today lines need the user
/// (none when the badge is off). What is due is recorded as sent here, in
/// one write, before the background shows it: a background stopped in
/// between loses a notification rather than repeating it, and two alarms
/// at once cannot both see it due.
pub(super) async fn remind<B: Backend>(
    records: &Records<B>,
    offset: i32,
    notify: bool,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    let settings = records.settings().await?;
    let digests = records.digests(now).await?;
    let today = (now + Duration::minutes(i64::from(offset))).date_naive();
    let people = || digests.iter().map(|d| (&d.person, d.events.as_slice()));
    let lines = agenda(people(), &settings.pacing, now, today);
    let reach_out = lines.iter().filter(|line| REACH_OUT.contains(&line.reason)).count();
    let reminders = Reminders { on: settings.reminders.on && notify, ..settings.reminders.clone() };
    let sent: Vec<Sent> = records.meta(SENT).await?.and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default();
    let due = schedule(people(), &reminders, &settings.pacing, &sent, reach_out, now, offset);
    if !due.due.is_empty() || !due.settled.is_empty() {
        let log = record(sent, &due, now);
        records.set_meta(SENT, serde_json::to_value(&log).unwrap_or_default()).await?;
    }
    let badge = settings.reminders.badge.then_some(lines.len());
    Ok(Response::Reminders { due: due.due, next: due.next, badge })
}

/// The options page's reminder settings, checked; turning them on or off
/// (the page asked the browser for its permissions, or gave them back).
pub(super) async fn save<B: Backend>(records: &Records<B>, reminders: Reminders) -> Result<Response, ServiceError> {
    reminders.validate().map_err(|why| Refused(Text::new("error_settings").with(why)))?;
    let mut settings = records.settings().await?;
    let message = match (settings.reminders.on, reminders.on) {
        (false, true) => "done_reminders_on",
        (true, false) => "done_reminders_off",
        _ => "done_reminders_saved",
    };
    // Turned on here or off, the card's offer is answered.
    let offer_answered = settings.reminders.offer_answered || reminders.on;
    settings.reminders = Reminders { offer_answered, ..reminders };
    records.save(Change { settings: Some(settings), ..Change::default() }).await?;
    Ok(done(Text::new(message)))
}

/// The card's offer answered: reminders on (the browser granted its
/// permissions in the same click), or not now, and the offer is not made
/// again either way.
pub(super) async fn offer<B: Backend>(records: &Records<B>, on: bool) -> Result<Response, ServiceError> {
    let mut settings = records.settings().await?;
    settings.reminders.offer_answered = true;
    settings.reminders.on |= on;
    records.save(Change { settings: Some(settings), ..Change::default() }).await?;
    Ok(done(Text::new(if on { "done_reminders_on" } else { "done_reminders_not_now" })))
}

#[cfg(test)]
#[path = "reminders/tests.rs"]
mod tests;
