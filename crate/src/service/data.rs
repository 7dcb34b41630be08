//! The user's data as a whole: export (JSON, CSV, vCard), import (checked
//! whole before anything changes), deleting a person or everything, and
//! the retention setting's pruning.

use super::{done, ServiceError, ServiceError::Refused};
use crate::model::text::Text;
use crate::model::{Interaction, Person, Settings};
use crate::service::export::{self, Export};
use crate::service::messages::{ExportFormat, ImportMode, Response};
use crate::store::{Backend, Change, Records, StoreError};
use chrono::{DateTime, Utc};

/// The records Kindling could not read, as the file it set them aside in.
pub(super) async fn export_quarantine<B: Backend>(
    records: &Records<B>,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    let aside = records.quarantined().await?;
    let text = serde_json::to_string_pretty(&aside).unwrap_or_default();
    let name = format!("kindling-unreadable-{}.json", now.format("%Y-%m-%d"));
    Ok(Response::File { name, mime: "application/json".into(), text })
}

/// One person and their interactions, gone.
pub(super) async fn delete_person<B: Backend>(
    records: &Records<B>,
    person: &str,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    let p = super::person(records, person, now).await?;
    let count = records.delete_person(person).await?;
    Ok(done(Text::new("done_deleted_person").with(p.name).with(Text::count("interactions", count as i64))))
}

/// Everything Kindling keeps, gone.
pub(super) async fn delete_everything<B: Backend>(records: &Records<B>) -> Result<Response, ServiceError> {
    records.delete_everything().await?;
    Ok(done(Text::new("done_deleted_everything")))
}

pub(super) async fn snapshot<B: Backend>(records: &Records<B>, now: DateTime<Utc>) -> Result<Export, StoreError> {
    let people = records.all_people(now).await?;
    let interactions = records.all_interactions(now).await?;
    Ok(Export::new(people, interactions, records.settings().await?, now))
}

pub(super) async fn export<B: Backend>(
    records: &Records<B>,
    format: ExportFormat,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    let date = now.format("%Y-%m-%d");
    let people = || snapshot(records, now);
    let (name, mime, text) = match format {
        ExportFormat::Json => {
            let snapshot = people().await?;
            (snapshot.file_name(), "application/json", snapshot.to_json())
        }
        ExportFormat::Csv => (format!("kindling-people-{date}.csv"), "text/csv", export::people_csv(&people().await?)),
        ExportFormat::Vcard => {
            (format!("kindling-people-{date}.vcf"), "text/vcard", export::people_vcard(&people().await?))
        }
        // From the digests, as the results view: the whole record is not read.
        ExportFormat::ResultsCsv => {
            let results = super::views::results_of(records, now).await?;
            (format!("kindling-results-{date}.csv"), "text/csv", crate::engine::results::months_csv(&results.months))
        }
    };
    Ok(Response::File { name, mime: mime.into(), text })
}

/// Take in an export. The whole file is checked first; a file with any
/// problem changes nothing.
pub(super) async fn import<B: Backend>(
    records: &Records<B>,
    text: &str,
    mode: ImportMode,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    let incoming = match export::parse(text) {
        Ok(incoming) => incoming,
        Err(e) => return Err(Refused(Text::new("error_import").with(e.0))),
    };
    let (people_in, interactions_in) = (incoming.people.len(), incoming.interactions.len());
    let change = match mode {
        ImportMode::Replace => Change {
            clear: true,
            settings: Some(incoming.settings.clone()),
            people: incoming.people,
            interactions: incoming.interactions,
            ..Change::default()
        },
        ImportMode::Merge => {
            let existing = records.all_people(now).await?;
            let known: std::collections::BTreeSet<String> =
                records.all_interactions(now).await?.into_iter().map(|i| i.id).collect();
            let (people, interactions) = export::merge_into(&existing, incoming);
            let interactions = interactions.into_iter().filter(|i| !known.contains(&i.id)).collect();
            Change { people, interactions, ..Change::default() }
        }
    };
    records.save(change).await?;
    let how = match mode {
        ImportMode::Replace => "done_import_replaced",
        ImportMode::Merge => "done_import_merged",
    };
    Ok(done(
        Text::new(how)
            .with(Text::count("people", people_in as i64))
            .with(Text::count("interactions", interactions_in as i64)),
    ))
}

/// Delete interactions older than the retention period, counting them into
/// their person's archive first. Returns how many went.
pub(super) async fn prune<B: Backend>(
    records: &Records<B>,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let Some(months) = settings.retention_months else { return Ok(0) };
    let Some(cutoff) = now.checked_sub_months(chrono::Months::new(months)) else { return Ok(0) };
    let old: Vec<Interaction> = records.all_interactions(now).await?.into_iter().filter(|i| i.at < cutoff).collect();
    if old.is_empty() {
        return Ok(0);
    }
    let mut people: std::collections::BTreeMap<String, Person> =
        records.all_people(now).await?.into_iter().map(|p| (p.id.clone(), p)).collect();
    for i in &old {
        if let Some(p) = people.get_mut(&i.person) {
            p.archive.add(i);
        }
    }
    let touched: std::collections::BTreeSet<&str> = old.iter().map(|i| i.person.as_str()).collect();
    let change = Change {
        people: people.into_values().filter(|p| touched.contains(p.id.as_str())).collect(),
        delete_interactions: old.iter().map(|i| i.id.clone()).collect(),
        ..Change::default()
    };
    records.save(change).await?;
    Ok(old.len())
}

/// Apply the retention setting at most once a day, when the user opens
/// the popup or the options page.
pub(super) async fn prune_daily<B: Backend>(records: &Records<B>, now: DateTime<Utc>) -> Result<(), StoreError> {
    let settings = records.settings().await?;
    if settings.retention_months.is_none() {
        return Ok(());
    }
    let today = now.format("%Y-%m-%d").to_string();
    if records.meta("pruned_on").await?.as_ref().and_then(|v| v.as_str()) == Some(today.as_str()) {
        return Ok(());
    }
    prune(records, &settings, now).await?;
    records.set_meta("pruned_on", today.into()).await
}
