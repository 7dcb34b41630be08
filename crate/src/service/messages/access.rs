//! Who may send which request, and how big it may be: the checks every
//! message passes before it is handled (`service::handle`).

use super::*;

impl Request {
    /// May this sender send this request? Content scripts run inside pages a
    /// compromised renderer can impersonate, so they may only report what
    /// they saw, never read the history.
    pub fn allowed_from(&self, sender: Sender) -> bool {
        match self {
            Request::SiteRules { .. }
            | Request::ProfileAt { .. }
            | Request::PageSeen { .. }
            | Request::LeftByScript { .. }
            | Request::Engagement { .. }
            | Request::Inbound { .. }
            | Request::PageCheck { .. } => sender == Sender::ContentScript,
            // What the card on a profile page does: draw, track, answer,
            // notes and questions, fold, the calendar file, merge and split.
            Request::Card { .. }
            | Request::UpdatePerson { .. }
            | Request::CollapseCard { .. }
            | Request::CalendarEvent { .. }
            | Request::FindPeople { .. }
            | Request::Merge { .. }
            | Request::Split { .. } => matches!(sender, Sender::ExtensionPage | Sender::CardFrame),
            // Only the background's own alarm: an answer records what it
            // lists as sent, which only the background can show.
            Request::Remind { .. } => sender == Sender::Background,
            Request::SyncNow {} => matches!(sender, Sender::Background | Sender::ExtensionPage),
            Request::ReminderOffer { .. } => matches!(sender, Sender::ExtensionPage | Sender::CardFrame),
            // Export, import, settings, deleting, the agenda and the lists:
            // only from Kindling's own pages outside web pages.
            _ => sender == Sender::ExtensionPage,
        }
    }

    /// May the card's frame in a tab send this, when its tab shows the
    /// profile `shown` (the site's id and handle, as the tab's content
    /// script reported them; `None` when it shows none)? A card is drawn only
    /// for that profile: a page that posts its frame another account gets
    /// nothing drawn and learns nothing.
    pub fn for_card_frame(&self, shown: Option<(&str, &str)>) -> bool {
        match self {
            Request::Card { site, handle, .. } => shown == Some((site.id(), handle.as_str())),
            _ => true,
        }
    }

    /// Is a content script's report about the page it was sent from? The
    /// address it names picks the site adapter, so it must have the origin
    /// of the tab the browser says sent it (`sender_url`). Other requests
    /// name no page.
    pub fn from_its_page(&self, sender_url: &str) -> bool {
        match self {
            Request::SiteRules { url }
            | Request::ProfileAt { url }
            | Request::PageSeen { url, .. }
            | Request::LeftByScript { url, .. }
            | Request::Engagement { url, .. }
            | Request::Inbound { url, .. }
            | Request::PageCheck { url, .. } => origin(url).is_some_and(|o| Some(o) == origin(sender_url)),
            _ => true,
        }
    }

    /// Is this one of sync's requests, which need the browser's sync
    /// storage (`service::sync::handle_sync`)?
    pub fn is_sync(&self) -> bool {
        matches!(self, Request::SyncOn { .. } | Request::SyncOff {} | Request::SyncNow {})
    }

    /// Does this request, once done, change what cards on screen show (a
    /// setting, a person, the whole record)? The background then tells
    /// every tab's card to draw itself again.
    pub fn changes_cards(&self) -> bool {
        matches!(
            self,
            Request::SaveSettings { .. }
                | Request::Import { .. }
                | Request::ImportNetwork { .. }
                | Request::SetRecording { .. }
                | Request::DeleteEverything {}
                | Request::DeletePerson { .. }
                | Request::Merge { .. }
                | Request::Split { .. }
                | Request::UpdatePerson { .. }
                | Request::CollapseCard { .. }
                | Request::SaveReminders { .. }
                | Request::ReminderOffer { .. }
        )
    }

    /// Refuse oversized fields.
    pub fn check_sizes(&self) -> Result<(), String> {
        let mut fields = Fields::default();
        match self {
            Request::SiteRules { url } | Request::ProfileAt { url } | Request::LeftByScript { url, .. } => {
                fields.texts.push(url);
            }
            Request::PageSeen { url, page, .. } | Request::PageCheck { url, page, .. } => {
                if let Request::PageCheck { counts, .. } = self {
                    counts.check_sizes()?;
                }
                if let Request::PageSeen { loaded, .. } = self {
                    fields.options.push(loaded);
                }
                fields.texts.extend([url.as_str(), page.title.as_str()]);
                fields.options.extend([&page.profile_name, &page.self_href]);
            }
            Request::Engagement { url, facts } => {
                fields.texts.push(url);
                fields.click(facts)?;
            }
            Request::Inbound { url, self_href, items } => {
                if items.len() > MAX_INBOUND_ITEMS {
                    return Err(format!("at most {MAX_INBOUND_ITEMS} notifications at once"));
                }
                fields.texts.push(url);
                fields.options.push(self_href);
                for item in items {
                    fields.notification(item)?;
                }
            }
            Request::Card { handle, .. } => fields.texts.push(handle),
            Request::FindPeople { query: text, except: option }
            | Request::ListPeople { query: text, tag: option, .. } => {
                fields.texts.push(text);
                fields.options.push(option);
            }
            Request::UpdatePerson { person, change } => {
                fields.texts.push(person);
                fields.person_change(change)?;
            }
            Request::DeletePerson { person } | Request::CalendarEvent { person } => fields.texts.push(person),
            Request::Merge { keep: one, other: two } | Request::Split { person: one, account: two } => {
                fields.texts.extend([one.as_str(), two.as_str()]);
            }
            Request::SaveSettings { settings } => fields.settings(settings)?,
            Request::Import { text, .. } | Request::ImportNetwork { text, .. } if text.len() > MAX_IMPORT => {
                return Err(format!("an import file of at most {} MB", MAX_IMPORT >> 20));
            }
            Request::ImportNetwork { connected_note, .. } => fields.texts.push(connected_note),
            Request::Recent { limit } if *limit > 1000 => return Err("at most 1000 people at once".into()),
            Request::SyncOn { passphrase, .. } => fields.texts.push(passphrase),
            // Time zones are within a day of UTC.
            Request::Remind { offset, .. } if offset.abs() > 24 * 60 => return Err("an offset within a day".into()),
            _ => {}
        }
        fields.check()
    }
}

/// The origin of an `https://` address, lower-cased: `https://host[:port]`.
/// None for any other scheme, a missing host, or credentials in it.
fn origin(url: &str) -> Option<String> {
    let scheme = url.get(..8).filter(|s| s.eq_ignore_ascii_case("https://"))?;
    let rest = &url[scheme.len()..];
    let host = &rest[..rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len())];
    (!host.is_empty() && !host.contains('@')).then(|| format!("https://{}", host.to_ascii_lowercase()))
}
