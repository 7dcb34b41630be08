//! People, their identities on each site, and the interactions between the
//! user and them: pure data with the invariants every other part relies on.
//! Also the stages and the engine's thresholds (`stage`), the words the user
//! reads (`text`), interaction ids (`ids`), and the helpers the data needs
//! (`order`: a deterministic sort; `tagged`: the messages' tag-first form).

#[cfg(feature = "background")]
pub mod ids;
pub mod order;
mod reminders;
mod stage;
pub mod tagged;
pub mod text;
mod weeks;

pub use reminders::{Reminders, BEFORE_MINUTES};
pub use stage::{Pacing, Stage};
pub use weeks::{Weeks, SYNCED_WEEKS, WEEK_MS};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A social site Kindling understands. The serialised names are the site ids
/// used in messages, storage and exports; they never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Site {
    X,
    Mastodon,
    Bluesky,
    Linkedin,
    Reddit,
    Github,
    Facebook,
    Instagram,
}

impl Site {
    /// Every site, in the order the pages list them.
    pub const ALL: [Site; 8] = [
        Site::X,
        Site::Mastodon,
        Site::Bluesky,
        Site::Linkedin,
        Site::Reddit,
        Site::Github,
        Site::Facebook,
        Site::Instagram,
    ];

    /// The stable id of the site, as stored.
    pub fn id(self) -> &'static str {
        match self {
            Site::X => "x",
            Site::Mastodon => "mastodon",
            Site::Bluesky => "bluesky",
            Site::Linkedin => "linkedin",
            Site::Reddit => "reddit",
            Site::Github => "github",
            Site::Facebook => "facebook",
            Site::Instagram => "instagram",
        }
    }

    /// The name a user knows the site by.
    pub fn label(self) -> &'static str {
        match self {
            Site::X => "X",
            Site::Mastodon => "Mastodon",
            Site::Bluesky => "Bluesky",
            Site::Linkedin => "LinkedIn",
            Site::Reddit => "Reddit",
            Site::Github => "GitHub",
            Site::Facebook => "Facebook",
            Site::Instagram => "Instagram",
        }
    }
}

impl fmt::Display for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// One account of a person on one site. `handle` is canonical (see
/// `sites::canonical_handle`), so two sightings of the same account compare
/// equal whatever case or `@` the page showed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub site: Site,
    pub handle: String,
    pub url: String,
}

impl Identity {
    /// The lookup key of this identity: `site:handle`.
    pub fn key(&self) -> String {
        identity_key(self.site, &self.handle)
    }
}

/// The lookup key for an account: `site:handle`.
pub fn identity_key(site: Site, handle: &str) -> String {
    format!("{}:{}", site.id(), handle)
}

/// Someone the user engages with. Every field but `id`, `name` and
/// `identities` defaults when absent, so older records and minimal imports
/// read as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub identities: Vec<Identity>,
    /// Another name a page showed for them since (issue 21: page facts never
    /// rename anyone); the card offers it ("Now called …? Use it").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen_name: Option<String>,
    /// The user chose to grow this relationship.
    #[serde(default)]
    pub tracked: bool,
    /// The user said they live near enough to meet for coffee.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub local: bool,
    /// The user asked Kindling not to bring this person up until then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snoozed_until: Option<DateTime<Utc>>,
    /// The stage the user says the relationship is at, over the one Kindling
    /// derives from the history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<crate::model::Stage>,
    #[serde(default = "epoch")]
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub notes: Vec<Note>,
    #[serde(default)]
    pub ask_about: Vec<AskAbout>,
    #[serde(default)]
    pub irl_attempts: Vec<IrlAttempt>,
    #[serde(default)]
    pub meetings: Vec<Meeting>,
    /// Counts of interactions older than the retention period, which were
    /// deleted; what the user chose to forget is not kept, but how much
    /// there was is.
    #[serde(default, skip_serializing_if = "Archive::is_empty")]
    pub archive: Archive,
    /// What the user's other browsers saw of them, by week (sync, tracked
    /// people only): the engine counts it beside this browser's history.
    /// Neither exported nor imported: it is the other browsers' to say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elsewhere: Option<Weeks>,
    /// Other links a file the user imported named for them (a personal
    /// website): two people with the same name and a link in common may be
    /// one (issue 25), never two with the same name alone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// The list the user imported them from (their network: a LinkedIn
    /// connection, a Mastodon follow, an address book), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported: Option<ImportedFrom>,
    /// The user said "Not interested" to a suggestion to track them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_interested: bool,
    /// People who may be the same person: the same name and a link in
    /// common (an imported file's; issue 25). The card offers the merge.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub same_as: Vec<String>,
}

/// Which of the user's own lists someone was imported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportedFrom {
    Linkedin,
    Mastodon,
    AddressBook,
    Kindling,
}

/// What remains of pruned interactions: counts by kind and direction, and
/// their time span.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Archive {
    pub counts: Vec<ArchivedCount>,
    pub first_at: Option<DateTime<Utc>>,
    pub last_at: Option<DateTime<Utc>>,
}

/// How many interactions of one kind and direction were pruned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchivedCount {
    pub kind: Kind,
    pub direction: Direction,
    pub count: u32,
}

impl Archive {
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Count `interaction` in, before it is deleted.
    pub fn add(&mut self, interaction: &Interaction) {
        match self.counts.iter_mut().find(|c| c.kind == interaction.kind && c.direction == interaction.direction) {
            Some(c) => c.count = c.count.saturating_add(1),
            None => {
                self.counts.push(ArchivedCount { kind: interaction.kind, direction: interaction.direction, count: 1 })
            }
        }
        self.first_at = Some(self.first_at.map_or(interaction.at, |f| f.min(interaction.at)));
        self.last_at = Some(self.last_at.map_or(interaction.at, |l| l.max(interaction.at)));
    }

    /// Fold another archive in (when two people are merged).
    pub fn absorb(&mut self, other: &Archive) {
        for c in &other.counts {
            match self.counts.iter_mut().find(|m| m.kind == c.kind && m.direction == c.direction) {
                Some(m) => m.count = m.count.saturating_add(c.count),
                None => self.counts.push(c.clone()),
            }
        }
        self.first_at = self.first_at.into_iter().chain(other.first_at).min();
        self.last_at = self.last_at.into_iter().chain(other.last_at).max();
    }

    pub fn total(&self) -> usize {
        self.counts.iter().map(|c| c.count as usize).sum()
    }
}

fn epoch() -> DateTime<Utc> {
    DateTime::UNIX_EPOCH
}

/// Free text the user wrote about a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub text: String,
    pub created_at: DateTime<Utc>,
}

/// Something to ask about next time ("the marathon"), optionally after a
/// date ("how did it go?" only makes sense once it happened).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskAbout {
    pub text: String,
    #[serde(default)]
    pub after: Option<NaiveDate>,
    #[serde(default = "epoch")]
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub done: bool,
}

/// How a meeting in real life could happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Medium {
    Coffee,
    PhoneCall,
    VideoChat,
    Other,
}

/// How a suggestion to meet was received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Positive,
    Negative,
    NoAnswer,
}

/// One time the user raised meeting in real life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IrlAttempt {
    pub medium: Medium,
    #[serde(default)]
    pub phrasing: String,
    pub raised_at: DateTime<Utc>,
    #[serde(default)]
    pub outcome: Option<Outcome>,
    #[serde(default)]
    pub scheduled_for: Option<DateTime<Utc>>,
    /// When they said yes (a reminder follows up a yes with no date after
    /// some days); absent in older records, which count from `raised_at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<DateTime<Utc>>,
}

/// A meeting that happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub medium: Medium,
    pub at: DateTime<Utc>,
    #[serde(default)]
    pub note: String,
}

/// The longest snippet kept, in characters.
pub const SNIPPET_CHARS: usize = 140;

/// A post's text as a snippet: spaces collapsed, cut at `SNIPPET_CHARS`
/// with "…"; `None` when there is no text.
pub fn snippet(text: &str) -> Option<String> {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.is_empty() {
        return None;
    }
    if words.chars().count() <= SNIPPET_CHARS {
        return Some(words);
    }
    let cut: String = words.chars().take(SNIPPET_CHARS - 1).collect();
    Some(format!("{}…", cut.trim_end()))
}

/// The most tags one person may have, and the longest tag, in characters.
pub const MAX_TAGS: usize = 20;
pub const MAX_TAG_CHARS: usize = 40;

/// The user's tags as typed, tidied: spaces trimmed and collapsed, a
/// leading "#" dropped, empty ones and repeats (any case) left out, in the
/// order typed. A tag too long, or too many, is refused, not cut.
pub fn tidy_tags(typed: &[String]) -> Result<Vec<String>, crate::model::text::Text> {
    use crate::model::text::Text;
    let mut tags: Vec<String> = Vec::new();
    for tag in typed {
        let tag = tag.trim().trim_start_matches('#').split_whitespace().collect::<Vec<_>>().join(" ");
        if tag.is_empty() || tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            continue;
        }
        if tag.chars().count() > MAX_TAG_CHARS {
            return Err(Text::new("error_tag_long").with(MAX_TAG_CHARS.to_string()));
        }
        tags.push(tag);
    }
    if tags.len() > MAX_TAGS {
        return Err(Text::new("error_tags_many").with(MAX_TAGS.to_string()));
    }
    Ok(tags)
}

impl Person {
    /// A person first seen as `identity`. Their id is derived from that first
    /// identity so that two tabs seeing them at once create one person.
    pub fn first_seen(identity: Identity, name: &str, at: DateTime<Utc>) -> Person {
        let name = if name.trim().is_empty() { identity.handle.clone() } else { name.trim().to_owned() };
        Person {
            id: format!("p:{}", identity.key()),
            name,
            identities: vec![identity],
            created_at: at,
            ..Person::default()
        }
    }

    /// Keys of all identities, for the store's identity index.
    pub fn identity_keys(&self) -> Vec<String> {
        self.identities.iter().map(Identity::key).collect()
    }
}

/// What kind of engagement an interaction was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Like,
    Reply,
    Comment,
    Repost,
    Share,
    Follow,
    Mention,
    ProfileVisit,
    Message,
    /// A call: only ever entered by hand ("They reached out").
    Call,
    /// Meeting in person: only ever entered by hand ("They reached out").
    InPerson,
}

impl Kind {
    /// Every kind, in a fixed order.
    pub const ALL: [Kind; 11] = [
        Kind::Like,
        Kind::Reply,
        Kind::Comment,
        Kind::Repost,
        Kind::Share,
        Kind::Follow,
        Kind::Mention,
        Kind::ProfileVisit,
        Kind::Message,
        Kind::Call,
        Kind::InPerson,
    ];

    /// What the user can say someone did for them that Kindling cannot see
    /// ("They reached out"), in the order the card offers them.
    pub const BY_HAND: [Kind; 6] = [Kind::Message, Kind::Reply, Kind::Like, Kind::Comment, Kind::Call, Kind::InPerson];

    /// The kind's name in message keys and in the record (`profile_visit`).
    pub fn id(self) -> &'static str {
        match self {
            Kind::Like => "like",
            Kind::Reply => "reply",
            Kind::Comment => "comment",
            Kind::Repost => "repost",
            Kind::Share => "share",
            Kind::Follow => "follow",
            Kind::Mention => "mention",
            Kind::ProfileVisit => "profile_visit",
            Kind::Message => "message",
            Kind::Call => "call",
            Kind::InPerson => "in_person",
        }
    }

    /// The kind as the card names it ("like").
    pub fn text(self) -> crate::model::text::Text {
        crate::model::text::Text::new(&format!("kind_{}", self.id()))
    }

    /// `n` of this kind ("2 likes").
    pub fn counted(self, n: i64) -> crate::model::text::Text {
        crate::model::text::Text::count(&format!("count_{}", self.id()), n)
    }

    /// The kind's part of an interaction's id (`ids::interaction_id`).
    /// Stored and exported ids are made from it: never change one (the ids
    /// test pins each), whatever the words the user reads become.
    pub fn id_word(self) -> &'static str {
        match self {
            Kind::Like => "like",
            Kind::Reply => "reply",
            Kind::Comment => "comment",
            Kind::Repost => "repost",
            Kind::Share => "share",
            Kind::Follow => "follow",
            Kind::Mention => "mention",
            Kind::ProfileVisit => "profile visit",
            Kind::Message => "message",
            Kind::Call => "call",
            Kind::InPerson => "meeting in person",
        }
    }

    /// Singular and plural English words, for the engagement reports'
    /// details (never shown through the UI's catalogue; not in ids:
    /// `id_word`).
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            Kind::Like => ("like", "likes"),
            Kind::Reply => ("reply", "replies"),
            Kind::Comment => ("comment", "comments"),
            Kind::Repost => ("repost", "reposts"),
            Kind::Share => ("share", "shares"),
            Kind::Follow => ("follow", "follows"),
            Kind::Mention => ("mention", "mentions"),
            Kind::ProfileVisit => ("profile visit", "profile visits"),
            Kind::Message => ("message", "messages"),
            Kind::Call => ("call", "calls"),
            Kind::InPerson => ("meeting in person", "meetings in person"),
        }
    }
}

/// Who acted: the user towards them (outbound) or them towards the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Outbound,
    Inbound,
}

/// One engagement between the user and a person. Post text is not stored;
/// a short `snippet` only when the user turned that on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    pub id: String,
    pub person: String,
    pub site: Site,
    pub kind: Kind,
    pub direction: Direction,
    pub at: DateTime<Utc>,
    #[serde(default)]
    pub url: String,
    /// The account it was with (canonical handle on `site`), so a person
    /// merged from two accounts can be split again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
    /// The user entered it by hand ("They reached out"): Kindling did not
    /// see it happen. Left out when false, so older records and exports
    /// read as they are.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub by_hand: bool,
}

/// The user's choices about what Kindling keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Keep raw interactions this many months; `None` keeps them forever.
    pub retention_months: Option<u32>,
    /// Keep a short snippet of the post with an interaction.
    pub keep_snippets: bool,
    /// Mastodon instances the user added beyond the ones Kindling ships
    /// with (hostnames; each also needs the browser's permission).
    pub mastodon_instances: Vec<String>,
    /// The pacing engine's thresholds and phrases (docs/pacing.md).
    pub pacing: crate::model::Pacing,
    /// Sites where the user folded the card into a one-line bar (on every
    /// profile there).
    pub collapsed_sites: Vec<Site>,
    /// Show Kindling on profile pages at all (the card, or the "Track" view
    /// for people not engaged with). The same for every profile: a page can
    /// see whether Kindling's frame is there, so it cannot depend on whom
    /// the user knows (issue 20). Named for what it was before, a "Track"
    /// chip for strangers only, so stored settings keep their meaning as
    /// near as privacy allows: off now means no frame on any profile.
    pub track_chips: bool,
    /// Recording paused everywhere: nothing new is noted (cards still show
    /// what is known).
    pub paused: bool,
    /// Sites where the user turned recording off.
    pub sites_off: Vec<Site>,
    /// Reminders through the browser's notifications, and the toolbar
    /// badge (issue 23); absent in older settings: off, with the defaults.
    pub reminders: crate::model::Reminders,
}

impl Settings {
    /// Whether what the user does on `site` is noted now.
    pub fn records(&self, site: Site) -> bool {
        !self.paused && !self.sites_off.contains(&site)
    }
}

#[allow(clippy::derivable_impls)] // spelled out: these defaults are a promise to the user
impl Default for Settings {
    fn default() -> Settings {
        Settings {
            retention_months: None,
            keep_snippets: false,
            mastodon_instances: Vec::new(),
            pacing: crate::model::Pacing::default(),
            collapsed_sites: Vec::new(),
            track_chips: true,
            paused: false,
            sites_off: Vec::new(),
            reminders: crate::model::Reminders::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<Utc> {
        DateTime::from_timestamp(1_764_000_000, 0).unwrap_or_default()
    }

    #[test]
    fn site_ids_round_trip_through_serde() {
        assert_eq!(Site::ALL.len(), 8);
        for site in Site::ALL {
            let json = serde_json::to_string(&site).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", site.id()));
            assert_eq!(serde_json::from_str::<Site>(&json).ok(), Some(site));
        }
    }

    #[test]
    fn a_new_person_is_keyed_by_their_first_identity_and_falls_back_to_the_handle() {
        let id = Identity { site: Site::X, handle: "alice".into(), url: "https://x.com/alice".into() };
        let p = Person::first_seen(id.clone(), "  ", at());
        assert_eq!(p.id, "p:x:alice");
        assert_eq!(p.name, "alice");
        assert_eq!(p.identity_keys(), vec!["x:alice".to_owned()]);
        assert_eq!(Person::first_seen(id, " Alice ", at()).name, "Alice");
    }

    #[test]
    fn kinds_serialise_as_snake_case() {
        assert_eq!(serde_json::to_string(&Kind::ProfileVisit).unwrap_or_default(), "\"profile_visit\"");
    }
}
