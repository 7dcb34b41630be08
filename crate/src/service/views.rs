//! What the pages show: a person's card, today's agenda, the people, the
//! record's status. Read only, but for the daily retention pass.

use super::{data::prune_daily, ServiceError};
use crate::engine::card::{self, Card};
use crate::model::{identity_key, Person, Site, Stage};
use crate::service::messages::{PersonSummary, QuarantineLine, Response, SiteHealth, Status};
use crate::sites::{self, canonical_handle};
use crate::store::{Backend, Records, StoreError, SCHEMA_VERSION};
use chrono::{DateTime, NaiveDate, Utc};

/// The card for one account, with the engine's advice for a known person.
pub(super) async fn card<B: Backend>(
    records: &Records<B>,
    site: Site,
    handle: &str,
    today: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    let today = today.unwrap_or_else(|| now.date_naive());
    Ok(Response::Card { card: Box::new(card_of(records, site, handle, now, today).await?) })
}

/// Today's agenda (`today_agenda`), for the user's local date.
pub(super) async fn today<B: Backend>(
    records: &Records<B>,
    today: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    today_agenda(records, now, today.unwrap_or_else(|| now.date_naive())).await
}

/// What came of it: the funnel, the times, the asks and the pace, from
/// the digests (the record as the agenda reads it).
pub(super) async fn results<B: Backend>(records: &Records<B>, now: DateTime<Utc>) -> Result<Response, ServiceError> {
    Ok(Response::Results { results: Box::new(results_of(records, now).await?) })
}

pub(super) async fn results_of<B: Backend>(
    records: &Records<B>,
    now: DateTime<Utc>,
) -> Result<crate::engine::results::Results, StoreError> {
    let pacing = records.settings().await?.pacing;
    let digests = records.digests(now).await?;
    let people = digests.iter().map(|d| (&d.person, d.events.as_slice()));
    Ok(crate::engine::results::results(people, &pacing, now))
}

/// The people engaged with most recently, after the daily retention pass.
pub(super) async fn recent<B: Backend>(
    records: &Records<B>,
    limit: usize,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    prune_daily(records, now).await?;
    recent_people(records, limit, now).await
}

/// The record's counts and settings, after the daily retention pass.
pub(super) async fn status<B: Backend>(records: &Records<B>, now: DateTime<Utc>) -> Result<Response, ServiceError> {
    prune_daily(records, now).await?;
    status_of(records, None).await
}

/// The status once every record has been read (the unreadable set aside).
pub(super) async fn check<B: Backend>(records: &Records<B>, now: DateTime<Utc>) -> Result<Response, ServiceError> {
    let read = records.check(now).await?;
    status_of(records, read).await
}

/// People whose name or handle matches `query` (the card's merge search).
pub(super) async fn find_people<B: Backend>(
    records: &Records<B>,
    query: &str,
    except: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    let people = records.all_people(now).await?;
    Ok(Response::Found { people: crate::engine::search::find(&people, query, except) })
}

/// The popup's list of people, filtered.
pub(super) async fn list_people<B: Backend>(
    records: &Records<B>,
    query: &str,
    stage: Option<Stage>,
    tag: Option<String>,
    today: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    let filter = crate::engine::search::Filter { query, stage, tag: tag.as_deref() };
    let today = today.unwrap_or_else(|| now.date_naive());
    let pacing = records.settings().await?.pacing;
    let digests = records.digests(now).await?;
    let events = digests.iter().map(|d| (&d.person, d.events.as_slice()));
    let (people, more, tags) = crate::engine::search::list(events, &pacing, now, today, &filter);
    let everyone = query.is_empty() && stage.is_none() && tag.is_none();
    let suggestions = if everyone {
        crate::engine::suggest::suggestions(digests.iter().map(|d| (&d.person, d.events.as_slice())), now)
    } else {
        Vec::new()
    };
    Ok(Response::Listed { people, more, tags, suggestions })
}

pub(super) async fn card_of<B: Backend>(
    records: &Records<B>,
    site: Site,
    handle: &str,
    now: DateTime<Utc>,
    today: chrono::NaiveDate,
) -> Result<Card, StoreError> {
    let handle = canonical_handle(site, handle, None).unwrap_or_else(|| handle.to_owned());
    let person = records.person_by_identity(&identity_key(site, &handle), now).await?;
    let interactions = match &person {
        Some(p) => records.interactions_of(&p.id, now).await?,
        None => Vec::new(),
    };
    let mut card = card::card(site, &handle, person.as_ref(), &interactions);
    let settings = records.settings().await?;
    card.collapsed = settings.collapsed_sites.contains(&site);
    card.offer_reminders = !settings.reminders.on && !settings.reminders.offer_answered;
    if let Some(p) = &person {
        let pacing = settings.pacing;
        card.advice = Some(crate::engine::pacing::advise(
            p,
            &crate::engine::pacing::Event::all(&interactions),
            &pacing,
            now,
            today,
        ));
        card.ask_about = card::ask_items(p, today);
        for id in &p.same_as {
            if let Some(other) = records.person(id, now).await? {
                let accounts = other.identities.iter().map(|i| (i.site, i.handle.clone())).collect();
                card.same_as.push(card::SameAs { person: other.id, name: other.name, accounts });
            }
        }
    }
    Ok(card)
}

pub(super) async fn recent_people<B: Backend>(
    records: &Records<B>,
    limit: usize,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    // The newest interactions, more of them until they name `limit` people
    // (or there are no more): a few dozen usually do.
    let mut want = limit.saturating_mul(4).max(8);
    let (latest, ids) = loop {
        let latest = records.latest(want, now).await?;
        // Their people, newest first.
        let mut seen = std::collections::BTreeSet::new();
        let ids: Vec<String> =
            latest.iter().filter(|i| seen.insert(i.person.as_str())).map(|i| i.person.clone()).collect();
        if ids.len() >= limit || latest.len() < want || want >= 2000 {
            break (latest, ids);
        }
        want = want.saturating_mul(4).min(2000);
    };
    // `limit` of them read at once (more only if some were not found).
    let mut people: Vec<Person> = Vec::new();
    for batch in ids.chunks(limit.max(1)) {
        if people.len() >= limit {
            break;
        }
        people.extend(records.people(batch, now).await?);
    }
    let people = crate::engine::search::recent(&latest, limit, |id| people.iter().find(|p| p.id == id));
    Ok(Response::Recent { people })
}

/// Today's agenda: the pacing engine over everyone, one line per person.
pub(super) async fn today_agenda<B: Backend>(
    records: &Records<B>,
    now: DateTime<Utc>,
    today: chrono::NaiveDate,
) -> Result<Response, ServiceError> {
    let pacing = records.settings().await?.pacing;
    let digests = records.digests(now).await?;
    let items =
        crate::engine::agenda::agenda(digests.iter().map(|d| (&d.person, d.events.as_slice())), &pacing, now, today);
    Ok(Response::Today { items })
}

/// Counted, not read: at 100,000 interactions reading them all took a
/// second, and the options page asks after every change. `Check` reads
/// them, and passes on how many it read (`read`) rather than count again.
pub(super) async fn status_of<B: Backend>(
    records: &Records<B>,
    read: Option<(usize, usize)>,
) -> Result<Response, ServiceError> {
    let (people, interactions) = match read {
        Some(read) => read,
        None => records.counts().await?,
    };
    let quarantined = records.quarantined().await?.iter().map(QuarantineLine::from).collect();
    let settings = records.settings().await?;
    let sites = health(records).await?;
    Ok(Response::Status {
        status: Status { sites, schema: SCHEMA_VERSION, people, interactions, quarantined, settings },
    })
}

pub(super) async fn people<B: Backend>(records: &Records<B>, now: DateTime<Utc>) -> Result<Response, ServiceError> {
    // From the digests, which the background keeps while it lives: one per
    // person, one event per interaction (decoding 100,000 interactions and
    // 5,000 people for their counts took most of a second).
    let digests = records.digests(now).await?;
    let mut people: Vec<PersonSummary> = digests
        .iter()
        .map(|d| PersonSummary {
            interactions: d.events.len() + d.person.archive.total(),
            accounts: d.person.identity_keys(),
            id: d.person.id.clone(),
            name: d.person.name.clone(),
        })
        .collect();
    crate::model::order::sort_by(&mut people, |a, b| {
        a.name.to_lowercase().cmp(&b.name.to_lowercase()).then_with(|| a.id.cmp(&b.id))
    });
    Ok(Response::People { people })
}

/// Each site's health, as kept in the meta store.
pub(super) async fn health<B: Backend>(records: &Records<B>) -> Result<Vec<SiteHealth>, StoreError> {
    let kept: Vec<SiteHealth> =
        records.meta("health").await?.and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default();
    Ok(sites::all()
        .iter()
        .map(|adapter| {
            let site = adapter.site();
            let mut h = kept.iter().find(|h| h.site == site.id()).cloned().unwrap_or_default();
            h.site = site.id().to_owned();
            h.label = site.label().to_owned();
            h
        })
        .collect())
}
