//! The typed messages between the extension's contexts. Every message is one
//! JSON object tagged by `"type"`; anything else is refused before it reaches
//! the store.

use crate::model::{Settings, Site};
use serde::{Deserialize, Serialize};
#[cfg(feature = "background")]
use {
    crate::engine::card::Card,
    crate::engine::search::RecentPerson,
    crate::sites::{
        ClickFacts, InboundItem, InboundRules, KeyRule, PageFacts, PersonRules, ProfileRef, SiteRules, MAX_ACTORS,
        MAX_PERSON_LINKS, MAX_POST_ATTRIBUTES,
    },
};

#[cfg(feature = "background")]
mod access;
#[cfg(feature = "background")]
mod sizes;
#[cfg(feature = "background")]
mod views;
#[cfg(feature = "background")]
use sizes::Fields;
#[cfg(feature = "background")]
pub use views::{PersonSummary, QuarantineLine, SiteHealth, Status, SyncView};

/// Who sent a message, as the background established it from the browser's
/// own sender information (never from the message itself).
#[cfg(feature = "background")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sender {
    /// A content script on a web page: the least trusted sender.
    ContentScript,
    /// One of Kindling's own pages outside web pages (the popup, the
    /// options page, the popup's card opened in a tab).
    ExtensionPage,
    /// The card's frame inside a web page (`overlay.html` in a tab). The page
    /// around it can see it, size it and post to it, so it may ask only for
    /// what the card does, and only for the profile its tab shows
    /// (`Request::for_card_frame`).
    CardFrame,
    /// The background itself, asking its core (never a message's sender).
    Background,
}

/// A request to the background. Requests without fields are written as
/// empty struct variants (`Status {}`), not unit ones: serde lets a unit
/// variant of a tagged enum carry any other field unchecked. The content
/// script's reports are compiled only with feature `background`: no page
/// sends one, and the pages' module holds no site facts.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
pub enum Request {
    /// Content script → background: the selector table for this page's site.
    #[cfg(feature = "background")]
    SiteRules {
        url: String,
    },
    /// Content script → background: the address changed; is it shaped like
    /// someone's profile page? Nothing is recorded: the card's frame may be
    /// made (hidden) while the page loads, and `PageSeen` says whether it is.
    #[cfg(feature = "background")]
    ProfileAt {
        url: String,
    },
    /// Content script → background: the page changed; is it a profile?
    /// A profile counts as visited only when `by_user`: the document was
    /// loaded, or its address changed within moments of the user's own
    /// click or key press in the tab (issue 21: a page script's
    /// `pushState` alone visits no one).
    #[cfg(feature = "background")]
    PageSeen {
        url: String,
        page: PageFacts,
        #[serde(default)]
        by_user: bool,
        /// For the document's own address, as loaded: when its navigation
        /// started (ms since the epoch, `performance.timeOrigin`). A load
        /// that started as a page script navigated the tab's previous
        /// document away (`LeftByScript`) visits no one.
        #[serde(default)]
        started: Option<i64>,
        /// The address the document loaded at, when the page's own script
        /// changed it before Kindling first looked (no input of the user's
        /// moments before): the load was the user's, this address was not.
        /// The visit counts only if both are the same profile (a site
        /// tidying its own address).
        #[serde(default)]
        loaded: Option<String>,
    },
    /// Content script → background: a script, not the user, is taking this
    /// tab to another document (the Navigation API's `navigate` event: not
    /// the user's link or form, no input of the user's moments before), at
    /// `at` (ms since the epoch). The next document's load is not a visit.
    #[cfg(feature = "background")]
    LeftByScript {
        url: String,
        at: i64,
    },
    /// Content script → background: the user clicked a known control.
    #[cfg(feature = "background")]
    Engagement {
        url: String,
        facts: Box<ClickFacts>,
    },
    /// Content script → background: notifications shown on the page (the
    /// page's answer to `PageSeen` said where to look), new ones only.
    #[cfg(feature = "background")]
    Inbound {
        url: String,
        #[serde(default)]
        self_href: Option<String>,
        items: Vec<InboundItem>,
    },
    /// Content script → background: the popup's page check, with what the
    /// content script counted on the page with the site's rules.
    #[cfg(feature = "background")]
    PageCheck {
        url: String,
        page: PageFacts,
        counts: crate::engine::page_check::PageCounts,
    },
    /// Overlay → background: what Kindling knows about one account.
    Card {
        site: Site,
        handle: String,
        /// The user's local date, for dated ask-about items; UTC's if absent.
        #[serde(default)]
        today: Option<chrono::NaiveDate>,
    },
    /// Popup → background: whether recording is paused, and where it is off.
    Recording {},
    /// Popup → background: pause or resume recording everywhere (`site`
    /// none) or on one site.
    SetRecording {
        #[serde(default)]
        site: Option<Site>,
        on: bool,
    },
    /// Overlay → background: fold the card into a chip on this site, or
    /// open it again.
    CollapseCard {
        site: Site,
        collapsed: bool,
    },
    /// Popup → background: today's agenda across everyone.
    Today {
        /// The user's local date, for dated ask-about items; UTC's if absent.
        #[serde(default)]
        today: Option<chrono::NaiveDate>,
    },
    /// Popup, options → background: what came of it (`engine::results`).
    Results {},
    /// Popup → background: the people engaged with most recently.
    Recent {
        limit: usize,
    },
    /// Options → background: counts, settings and what was kept aside.
    Status {},
    /// Options → background: read every record to check it can still be
    /// read, set aside any that cannot, and answer as `Status` does.
    Check {},
    /// Options → background: everyone, with their interaction counts.
    People {},
    /// Options → background: the whole record as a file.
    Export {
        format: ExportFormat,
    },
    /// Options → background: the quarantined records, raw, as a file.
    ExportQuarantine {},
    /// Options → background: an export file's text to take in.
    Import {
        text: String,
        mode: ImportMode,
    },
    /// Options → background: a file of the user's network (LinkedIn's
    /// connections, Mastodon's follows, an address book, Kindling's own
    /// CSV) to take in, merge only (`service::network`).
    ImportNetwork {
        text: String,
        /// Keep the file's e-mail addresses (as notes): off unless ticked.
        #[serde(default)]
        keep_emails: bool,
        /// "Connected on LinkedIn" in the user's language: the note dated
        /// the day they connected.
        #[serde(default)]
        connected_note: String,
    },
    DeletePerson {
        person: String,
    },
    /// Popup or options → background: the agreed meeting with a person as
    /// an iCalendar file.
    CalendarEvent {
        person: String,
    },
    /// Overlay or popup → background: the user tells Kindling something
    /// about a person (tracking, an answer, a meeting, a question to ask).
    UpdatePerson {
        person: String,
        change: PersonChange,
    },
    DeleteEverything {},
    SaveSettings {
        #[serde(deserialize_with = "strict")]
        settings: Settings,
    },
    /// People whose name or any account matches `query`, best first, but
    /// not `except` (the person a card is about, when looking for their
    /// other accounts).
    FindPeople {
        query: String,
        #[serde(default)]
        except: Option<String>,
    },
    /// Popup → background: people to list, everyone by default, narrowed by
    /// a name or handle, a stage or a tag; those needing attention first.
    ListPeople {
        #[serde(default)]
        query: String,
        #[serde(default)]
        stage: Option<crate::model::Stage>,
        #[serde(default)]
        tag: Option<String>,
        /// The user's local date (for what is due).
        #[serde(default)]
        today: Option<chrono::NaiveDate>,
    },
    /// Fold `other` into `keep` (one friend, two accounts).
    Merge {
        keep: String,
        other: String,
    },
    /// Split the account `account` (`site:handle`) off `person`.
    Split {
        person: String,
        account: String,
    },
    /// The background's alarm → its core: the notifications due now
    /// (recorded as sent), the next time, Today's count for the badge.
    /// `notify`: the browser lets the background show notifications.
    Remind {
        offset: i32,
        notify: bool,
    },
    /// Options → background: the reminder settings (turned on once the
    /// browser granted the permissions the page asked for).
    SaveReminders {
        #[serde(deserialize_with = "strict")]
        reminders: crate::model::Reminders,
    },
    /// Card or popup → background: the card's offer of reminders answered.
    ReminderOffer {
        on: bool,
    },
    /// Options, popup → background: sync's state (`Response::Sync`).
    SyncState {},
    /// Options → background: turn sync on with the passphrase (set up the
    /// browser's sync storage, or open what another device set up), or
    /// unlock it again; the key is kept on this device if `remember`.
    SyncOn {
        passphrase: String,
        remember: bool,
    },
    /// Options → background: sync off; Kindling's items leave the browser's
    /// sync storage.
    SyncOff {},
    /// Background (a change, a start, another device's write) or options →
    /// background: one round now, if sync is on (nothing at all otherwise).
    SyncNow {},
}

crate::model::tagged::tag_first!(Request, "type");

/// What the user can tell Kindling about a person.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
pub enum PersonChange {
    Track {
        on: bool,
    },
    /// Take the name a page showed for them since (`Person::seen_name`).
    UseSeenName {},
    /// "Not interested": no longer suggested for tracking (issue 25).
    NotInterested {},
    /// "Not the same person": `other` is no longer offered for a merge.
    NotSame {
        other: String,
    },
    Local {
        on: bool,
    },
    /// The user raised meeting, in these words.
    Raised {
        medium: crate::model::Medium,
        phrasing: String,
    },
    /// Their answer to the latest suggestion.
    Answer {
        outcome: crate::model::Outcome,
    },
    /// The date agreed for the latest suggestion.
    Schedule {
        at: chrono::DateTime<chrono::Utc>,
    },
    Met {
        medium: crate::model::Medium,
        note: String,
    },
    AskAbout {
        text: String,
        after: Option<chrono::NaiveDate>,
    },
    AskedAbout {
        index: usize,
    },
    Note {
        text: String,
    },
    /// The user's own labels for them ("climbing", "work"), replacing the
    /// ones they had.
    Tags {
        tags: Vec<String>,
    },
    /// Leave them off the agenda until then (`None` ends a snooze).
    Snooze {
        until: Option<chrono::DateTime<chrono::Utc>>,
    },
    /// The user's own view of the stage (`None`: Kindling's again).
    Stage {
        stage: Option<crate::model::Stage>,
    },
    /// "They reached out": something they did that Kindling cannot see
    /// (one of `Kind::BY_HAND`), with their account on `site`, at `at`
    /// (now when absent; never in the future).
    ReachedOut {
        site: Site,
        kind: crate::model::Kind,
        #[serde(default)]
        at: Option<chrono::DateTime<chrono::Utc>>,
    },
    /// Take back one interaction the user entered by hand (by its id).
    RemoveReachedOut {
        interaction: String,
    },
}

crate::model::tagged::tag_first!(PersonChange, "what");

/// The file formats of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Json,
    Csv,
    Vcard,
    /// The results' monthly figures (`engine::results::months_csv`).
    ResultsCsv,
}

/// How an import meets the data already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// Add to what is there, one person per account, one record per id.
    Merge,
    /// Replace everything with the file's contents.
    Replace,
}

/// The longest text a message may carry in one field. URLs and names longer
/// than this are not real page facts.
pub const MAX_FIELD: usize = 2048;

/// The most notification items one message may carry.
pub const MAX_INBOUND_ITEMS: usize = 50;

/// The most items of a list a message carries where no tighter cap applies
/// (the settings' phrasings, before blank ones are dropped, and the sites
/// turned off or folded).
pub const MAX_LIST: usize = 100;

/// The caps of a content script's reports (`Response::SiteRules`): longer
/// texts and longer lists than these are refused whole.
#[cfg(feature = "background")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Limits {
    /// UTF-16 units of one text (an address, a name, an attribute's
    /// value), as the content script cuts it: a unit is at most 3 bytes of
    /// UTF-8, so a text cut to this fits `MAX_FIELD` bytes whatever its
    /// script (cut to `MAX_FIELD` units, a name in Japanese was a whole
    /// report refused).
    pub field: usize,
    /// Notification items in one report.
    pub inbound_items: usize,
    /// People one notification item is read for.
    pub actors: usize,
    /// Links of one person's scope.
    pub person_links: usize,
    /// Attributes of a post element.
    pub post_attributes: usize,
}

#[cfg(feature = "background")]
impl Limits {
    pub const OF_REPORTS: Limits = Limits {
        field: MAX_FIELD / 3,
        inbound_items: MAX_INBOUND_ITEMS,
        actors: MAX_ACTORS,
        person_links: MAX_PERSON_LINKS,
        post_attributes: MAX_POST_ATTRIBUTES,
    };
}

/// The largest import file a message may carry: Chromium delivers no
/// message over 64 MiB, so nothing larger is an export sent by the options
/// page (an export of 100,000 interactions is about 30 MB).
pub const MAX_IMPORT: usize = 64 * 1024 * 1024;

/// Decode `T` refusing any field `T` does not write, however deep: for the
/// settings, which are read leniently from the store and from export files
/// (a field a newer Kindling adds must not lose them there) but strictly
/// from a message. `T::default()` must write every field it has (no
/// `skip_serializing_if`), as `Settings` and `Pacing` do.
fn strict<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Serialize + serde::de::DeserializeOwned,
{
    use serde::de::Error;
    let given = serde_json::Value::deserialize(deserializer)?;
    let known = serde_json::to_value(T::default()).map_err(D::Error::custom)?;
    if let Some(field) = unknown_field(&given, &known) {
        return Err(D::Error::unknown_field(&field, &[]));
    }
    serde_json::from_value(given).map_err(D::Error::custom)
}

/// JSON text as the browser's `JSON.stringify` writes it, with every lone
/// UTF-16 surrogate (which it writes as a `\uD800`–`\uDFFF` escape, and which
/// a Rust string cannot hold) made U+FFFD, as the page would show it. A page
/// may put half an emoji in a name; the report must still be read. A pair of
/// surrogates written as two escapes is kept as its one character.
pub fn well_formed_json(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    // The UTF-16 unit of a `\uXXXX` escape at `i`, if it is a surrogate.
    let surrogate_at = |i: usize| -> Option<u16> {
        let hex = text.get(i + 2..i + 6).filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))?;
        let unit = u16::from_str_radix(hex, 16).ok()?;
        let escape = bytes.get(i) == Some(&b'\\') && bytes.get(i + 1) == Some(&b'u');
        (escape && (0xD800..0xE000).contains(&unit)).then_some(unit)
    };
    let mut out: Option<String> = None;
    let (mut i, mut copied) = (0, 0);
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        match surrogate_at(i) {
            Some(0xD800..=0xDBFF) if surrogate_at(i + 6).is_some_and(|low| low >= 0xDC00) => i += 12,
            Some(_) => {
                let buffer = out.get_or_insert_with(|| String::with_capacity(text.len()));
                buffer.push_str(&text[copied..i]);
                buffer.push_str("\\ufffd");
                i += 6;
                copied = i;
            }
            // Any other escape, `\\` included, is two characters or more
            // that cannot start a surrogate escape.
            None => i += 2,
        }
    }
    match out {
        None => std::borrow::Cow::Borrowed(text),
        Some(mut buffer) => {
            buffer.push_str(&text[copied..]);
            std::borrow::Cow::Owned(buffer)
        }
    }
}

/// The first key of `given`, at any depth, that `known` has not got.
fn unknown_field(given: &serde_json::Value, known: &serde_json::Value) -> Option<String> {
    let (given, known) = (given.as_object()?, known.as_object()?);
    given.iter().find_map(|(key, value)| match known.get(key) {
        None => Some(key.clone()),
        Some(known) => unknown_field(value, known),
    })
}

/// What the background did with an engagement report.
#[cfg(feature = "background")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EngagementResult {
    Recorded,
    Withdrawn,
    Ignored,
    Missed,
}

/// The background's answer.
#[cfg(feature = "background")]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Response {
    SiteRules {
        rules: Option<SiteRules>,
        /// The site this page belongs to, if Kindling reads it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        site: Option<Site>,
        /// Whether what the user does here is noted now (not paused, the
        /// site not turned off).
        #[serde(default)]
        recording: bool,
        /// Whether the card is shown on this host's profiles: a shipped host,
        /// and Kindling on profiles turned on. Never depends on a person.
        #[serde(default)]
        overlay: bool,
        /// The user folded the card on this site: the frame is the folded
        /// bar's size on every profile here, otherwise the open card's.
        #[serde(default)]
        folded: bool,
        /// The site's keyboard shortcuts for a focused post's controls.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        keys: Vec<KeyRule>,
        /// Where the site shows one person with controls of their own.
        #[serde(skip_serializing_if = "Option::is_none")]
        person: Option<PersonRules>,
        /// The caps a report must keep to, which the content script cuts
        /// its facts to (one statement of them: this crate's).
        limits: Limits,
    },
    /// Whose profile the address is shaped like (`ProfileAt`), if anyone's.
    ProfileAt {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        site: Option<Site>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        handle: Option<String>,
    },
    /// A report that needs no answer was taken (`LeftByScript`).
    Noted {},
    Page {
        profile: Option<ProfileRef>,
        /// Where this page lists what others did to the user, if it does.
        #[serde(skip_serializing_if = "Option::is_none")]
        inbound: Option<InboundRules>,
    },
    /// What became of a batch of notifications.
    Inbound {
        recorded: usize,
        ignored: usize,
        missed: usize,
    },
    Engagement {
        result: EngagementResult,
        detail: String,
    },
    /// What Kindling recognises on the page the popup asked about
    /// (`page_check::PageCheck`): lines and markers to show, and the report.
    PageCheck {
        lines: Vec<crate::model::text::Text>,
        markers: Vec<crate::model::text::Text>,
        report: String,
    },
    Card {
        // Boxed: the card is by far the largest answer.
        card: Box<Card>,
    },
    Recent {
        people: Vec<RecentPerson>,
    },
    Today {
        items: Vec<crate::engine::agenda::AgendaItem>,
    },
    Results {
        results: Box<crate::engine::results::Results>,
    },
    Status {
        status: Status,
    },
    People {
        people: Vec<PersonSummary>,
    },
    /// Recording paused everywhere, and the sites where it is off.
    Recording {
        paused: bool,
        sites_off: Vec<Site>,
    },
    /// People found by a search, best match first.
    Found {
        people: Vec<crate::engine::search::Found>,
    },
    /// People listed for the popup, those needing attention first; `more`
    /// were left off; `tags` are every tag in use (for the filter).
    Listed {
        people: Vec<crate::engine::search::Listed>,
        more: usize,
        tags: Vec<String>,
        /// Whom to track (with no filter only; `engine::suggest`).
        suggestions: Vec<crate::engine::suggest::Suggested>,
    },
    /// A file for the user to save.
    File {
        name: String,
        mime: String,
        text: String,
    },
    /// "They reached out" was recorded as `interaction` (for its Undo).
    ReachedOut {
        interaction: String,
        message: crate::model::text::Text,
    },
    /// Something was done; `message` says what, for the user. Every card on
    /// screen draws itself again when `redraw_cards` (the change is one
    /// cards show: `Request::changes_cards`).
    Done {
        message: crate::model::text::Text,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        redraw_cards: bool,
    },
    /// The request was refused or failed; `message` is written for a user.
    Error {
        message: crate::model::text::Text,
    },
    /// The notifications to show now, when the next is due (for the one
    /// alarm), and the toolbar badge's count (none: the badge is off).
    Reminders {
        due: Vec<crate::engine::reminders::Reminder>,
        next: Option<chrono::DateTime<chrono::Utc>>,
        badge: Option<usize>,
    },
    /// Sync's state, after a sync request.
    Sync {
        sync: SyncView,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        redraw_cards: bool,
    },
}

#[cfg(all(test, feature = "background"))]
mod tests;
