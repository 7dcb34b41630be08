//! The settings the popup and the options page change: recording paused
//! or a site off, the card folded on a site, and the options page's whole
//! settings (checked, then saved; snippets dropped when turned off).

use super::{data::prune, done, ServiceError, ServiceError::Refused};
use crate::model::text::Text;
use crate::model::{Interaction, Settings, Site};
use crate::service::messages::Response;
use crate::sites;
use crate::store::{Backend, Change, Records};
use chrono::{DateTime, Utc};

/// Whether recording is paused, and the sites turned off.
pub(super) async fn recording<B: Backend>(records: &Records<B>) -> Result<Response, ServiceError> {
    let settings = records.settings().await?;
    Ok(Response::Recording { paused: settings.paused, sites_off: settings.sites_off })
}

/// Pause or resume recording everywhere (`site` none), or on one site.
pub(super) async fn set_recording<B: Backend>(
    records: &Records<B>,
    site: Option<Site>,
    on: bool,
) -> Result<Response, ServiceError> {
    let mut settings = records.settings().await?;
    match site {
        None => settings.paused = !on,
        Some(site) => {
            settings.sites_off.retain(|s| *s != site);
            if !on {
                settings.sites_off.push(site);
            }
        }
    }
    records.save(Change { settings: Some(settings), ..Change::default() }).await?;
    Ok(done(match (site, on) {
        (None, true) => Text::new("done_recording_resumed"),
        (None, false) => Text::new("done_recording_paused"),
        (Some(site), true) => Text::new("done_recording_site_on").with(site.label()),
        (Some(site), false) => Text::new("done_recording_site_off").with(site.label()),
    }))
}

/// Fold or open the card on every profile of `site`.
pub(super) async fn collapse_card<B: Backend>(
    records: &Records<B>,
    site: Site,
    collapsed: bool,
) -> Result<Response, ServiceError> {
    let mut settings = records.settings().await?;
    settings.collapsed_sites.retain(|s| *s != site);
    if collapsed {
        settings.collapsed_sites.push(site);
    }
    records.save(Change { settings: Some(settings), ..Change::default() }).await?;
    Ok(done(Text::new(if collapsed { "done_folded" } else { "done_opened" })))
}

/// The options page's settings: instances and thresholds checked first.
pub(super) async fn save<B: Backend>(
    records: &Records<B>,
    mut settings: Settings,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    settings.mastodon_instances = sites::mastodon::instance_hosts(&settings.mastodon_instances)
        .map_err(|why| Refused(Text::new("error_settings").with(why)))?;
    settings.pacing = settings.pacing.tidy();
    settings.pacing.validate().map_err(|why| Refused(Text::new("error_settings").with(why)))?;
    // Reminders are turned on and off with the browser's permissions, by
    // their own requests (`service::reminders`); a form sending the whole
    // settings as it last read them must not undo that.
    settings.reminders = records.settings().await?.reminders;
    let mut change = Change { settings: Some(settings.clone()), ..Change::default() };
    if records.settings().await?.keep_snippets && !settings.keep_snippets {
        // Turned off: no snippet stays behind.
        change.interactions = records
            .all_interactions(now)
            .await?
            .into_iter()
            .filter(|i| i.snippet.is_some())
            .map(|i| Interaction { snippet: None, ..i })
            .collect();
    }
    records.save(change).await?;
    let pruned = prune(records, &settings, now).await?;
    Ok(done(if pruned > 0 {
        Text::new("done_settings_pruned").with(Text::count("older_interactions", pruned as i64))
    } else {
        Text::new("done_settings")
    }))
}
