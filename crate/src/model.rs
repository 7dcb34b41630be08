//! People, their identities on each site, and the interactions between the
//! user and them: pure data with the invariants every other part relies on.

use chrono::{DateTime, Utc};
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

/// Someone the user engages with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub identities: Vec<Identity>,
    /// The user chose to grow this relationship.
    #[serde(default)]
    pub tracked: bool,
    pub created_at: DateTime<Utc>,
}

impl Person {
    /// A person first seen as `identity`. Their id is derived from that first
    /// identity so that two tabs seeing them at once create one person.
    pub fn first_seen(identity: Identity, name: &str, at: DateTime<Utc>) -> Person {
        let name = if name.trim().is_empty() { identity.handle.clone() } else { name.trim().to_owned() };
        Person { id: format!("p:{}", identity.key()), name, identities: vec![identity], tracked: false, created_at: at }
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
}

impl Kind {
    /// Singular and plural words for counts shown to the user.
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

/// One engagement between the user and a person. Post text is never stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    pub id: String,
    pub person: String,
    pub site: Site,
    pub kind: Kind,
    pub direction: Direction,
    pub at: DateTime<Utc>,
    pub url: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<Utc> {
        DateTime::from_timestamp(1_764_000_000, 0).unwrap_or_default()
    }

    #[test]
    fn site_ids_round_trip_through_serde() {
        for site in [
            Site::X,
            Site::Mastodon,
            Site::Bluesky,
            Site::Linkedin,
            Site::Reddit,
            Site::Github,
            Site::Facebook,
            Site::Instagram,
        ] {
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
