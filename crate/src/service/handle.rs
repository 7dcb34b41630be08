//! How each request is answered: checked (its sender, its sizes), then sent
//! to the module of its caller, one line an arm; a refusal or a store
//! failure becomes an error answer in the user's words.

use super::messages::{Request, Response, Sender};
use super::{data, network, people, reminders, reports, settings, views};
use crate::model::text::Text;
use crate::store::{Backend, Records, StoreError};
use chrono::{DateTime, Utc};

pub use super::reports::{INBOUND_PAST_DAYS, MAX_NEW_PEOPLE_PER_HOUR};

/// Why a request was answered with an error: refused (in Kindling's own
/// words: never the request's), or the store failed.
#[derive(Debug)]
pub enum ServiceError {
    Refused(Text),
    Store(StoreError),
}

/// The person with id `id`, or refused: "no such person".
pub(super) async fn person<B: Backend>(
    records: &Records<B>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<crate::model::Person, ServiceError> {
    records.person(id, now).await?.ok_or_else(|| ServiceError::Refused(Text::new("error_no_person")))
}

impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        ServiceError::Store(e)
    }
}

/// Answer one request from `sender` at time `now`.
pub async fn handle(backend: impl Backend, sender: Sender, request: Request, now: DateTime<Utc>) -> Response {
    handle_from_tab(backend, sender, None, request, now).await
}

/// The same, for a request from the browser tab `tab` (a content script's).
pub async fn handle_from_tab(
    backend: impl Backend,
    sender: Sender,
    tab: Option<i64>,
    request: Request,
    now: DateTime<Utc>,
) -> Response {
    if !request.allowed_from(sender) {
        return error(Text::new("error_not_allowed"));
    }
    if let Err(why) = request.check_sizes() {
        return error(Text::new("error_refused_message").with(why.to_string()));
    }
    let answer = match Records::open(backend, now).await {
        Ok(mut records) => {
            records.tab = tab;
            let redraw_cards = request.changes_cards();
            answer(&records, request, now).await.map(|answer| match answer {
                Response::Done { message, .. } => Response::Done { message, redraw_cards },
                other => other,
            })
        }
        Err(e) => Err(e.into()),
    };
    answer.unwrap_or_else(|e| match e {
        ServiceError::Refused(why) => error(why),
        ServiceError::Store(e) => error(storage_failure(e)),
    })
}

/// The Mastodon instances the user added, for the background to register
/// its content script on (where the browser granted access too).
pub async fn added_instances(backend: impl Backend, now: DateTime<Utc>) -> Result<Vec<String>, StoreError> {
    let records = Records::open(backend, now).await?;
    Ok(records.settings().await?.mastodon_instances)
}

/// Each request to the module of its caller.
async fn answer<B: Backend>(
    records: &Records<B>,
    request: Request,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    use Request as R;
    match request {
        R::SiteRules { url } => reports::site_rules(records, &url).await,
        R::ProfileAt { url } => reports::profile_at(records, &url).await,
        R::PageSeen { url, page, by_user, started, loaded } => {
            reports::seen(records, &url, &page, (by_user, started, loaded.as_deref()), now).await
        }
        R::LeftByScript { url: _, at } => reports::left_by_script(records, at, now).await,
        R::Engagement { url, facts } => reports::engagement(records, &url, facts, now).await,
        R::Inbound { url, self_href, items } => reports::inbound(records, &url, self_href, &items, now).await,
        R::PageCheck { url, page, counts } => reports::page_check(records, &url, &page, &counts).await,
        R::Card { site, handle, today } => views::card(records, site, &handle, today, now).await,
        R::Today { today } => views::today(records, today, now).await,
        R::Results {} => views::results(records, now).await,
        R::Recent { limit } => views::recent(records, limit, now).await,
        R::Status {} => views::status(records, now).await,
        R::Check {} => views::check(records, now).await,
        R::People {} => views::people(records, now).await,
        R::FindPeople { query, except } => views::find_people(records, &query, except.as_deref(), now).await,
        R::ListPeople { query, stage, tag, today } => views::list_people(records, &query, stage, tag, today, now).await,
        R::UpdatePerson { person, change } => people::update(records, &person, change, now).await,
        R::CalendarEvent { person } => people::calendar_event(records, &person, now).await,
        R::Merge { keep, other } => people::merge(records, &keep, &other, now).await,
        R::Split { person, account } => people::split(records, &person, &account, now).await,
        R::Export { format } => data::export(records, format, now).await,
        R::ExportQuarantine {} => data::export_quarantine(records, now).await,
        R::Import { text, mode } => data::import(records, &text, mode, now).await,
        R::ImportNetwork { text, keep_emails, connected_note } => {
            network::import(records, &text, keep_emails, &connected_note, now).await
        }
        R::DeletePerson { person } => data::delete_person(records, &person, now).await,
        R::DeleteEverything {} => data::delete_everything(records).await,
        R::Recording {} => settings::recording(records).await,
        R::SetRecording { site, on } => settings::set_recording(records, site, on).await,
        R::CollapseCard { site, collapsed } => settings::collapse_card(records, site, collapsed).await,
        R::SaveSettings { settings } => settings::save(records, settings, now).await,
        R::Remind { offset, notify } => reminders::remind(records, offset, notify, now).await,
        R::SaveReminders { reminders } => reminders::save(records, reminders).await,
        R::ReminderOffer { on } => reminders::offer(records, on).await,
        R::SyncState {} => super::sync::state(records).await,
        // The browser's sync storage is given to `sync::handle_sync` only.
        R::SyncOn { .. } | R::SyncOff {} | R::SyncNow {} => Err(ServiceError::Refused(Text::new("error_not_allowed"))),
    }
}

/// What the user is told when the store failed: a full store has its own
/// words (what to do about it), anything else says what failed.
pub fn storage_failure(e: StoreError) -> Text {
    match e {
        StoreError::Full => Text::new("error_storage_full"),
        StoreError::Failed(what) => Text::new("error_storage").with(what),
    }
}

fn error(message: Text) -> Response {
    Response::Error { message }
}

pub(super) fn done(message: Text) -> Response {
    Response::Done { message, redraw_cards: false }
}
