//! What the overlay and the popup show about people: views computed from the
//! record, so the UI only lays them out. Computing them is the background's
//! (feature `background`); the pages' module has the types.

use crate::model::text::Text;
use crate::model::{Kind, Site};
use chrono::{DateTime, Utc};
use serde::Serialize;
#[cfg(feature = "background")]
use {
    crate::model::{Direction, Interaction, Person},
    std::collections::BTreeMap,
};

/// The overlay card for one account.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Card {
    pub site: Site,
    pub handle: String,
    /// The person's id, when Kindling knows them (for the card's actions).
    pub person: Option<String>,
    /// The user tracks this person.
    pub tracked: bool,
    /// The user said they live near enough to meet for coffee.
    pub local: bool,
    /// The user's labels for them.
    pub tags: Vec<String>,
    /// The display name, when Kindling has seen one.
    pub name: String,
    /// Another name a page showed for them since, offered to the user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed: Option<String>,
    /// Kindling has any history with this account.
    pub known: bool,
    pub total: usize,
    /// "1 like", "2 replies"…, most frequent kind first.
    pub breakdown: Vec<Text>,
    pub last_at: Option<DateTime<Utc>>,
    /// What the pacing engine advises, for a person Kindling knows.
    pub advice: Option<crate::engine::pacing::Advice>,
    /// The person's accounts, each with a link when it is safe to show.
    pub identities: Vec<AccountLink>,
    /// The newest interactions both ways, newest first.
    pub timeline: Vec<TimelineItem>,
    /// The user's notes, newest first.
    pub notes: Vec<String>,
    /// Ask-about items not done yet, due ones first: (index in the person's
    /// list, text, due now).
    pub ask_about: Vec<AskItem>,
    /// The user tracks them or has done more than visit their profile: the
    /// whole card shows. Otherwise at most a "Track" chip.
    pub engaged: bool,
    /// The user folded the card into a one-line bar on this site (for
    /// everyone: the bar's size must not say whom the user knows).
    pub collapsed: bool,
    /// Reminders are off and the user has not answered the offer yet: once
    /// a date is agreed, the card offers them, once (issue 23).
    pub offer_reminders: bool,
    /// People who may be the same person (the same name and a link in
    /// common): the card offers to merge them (issue 25).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub same_as: Vec<SameAs>,
}

/// Someone who may be the same person as the card's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SameAs {
    pub person: String,
    pub name: String,
    pub accounts: Vec<(Site, String)>,
}

/// One account on the card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountLink {
    pub site: Site,
    pub handle: String,
    /// `https://` on the site's own host (or, on Mastodon, the handle's
    /// instance); `None` for anything else, which is then not a link.
    pub url: Option<String>,
}

/// One line of the card's timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineItem {
    pub kind: Kind,
    pub inbound: bool,
    pub site: Site,
    pub at: DateTime<Utc>,
    /// The post's words, when the user keeps snippets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
    /// The user entered it by hand ("They reached out"): its id, so the
    /// card can take it back. `None` for what Kindling saw.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_hand: Option<String>,
}

/// An ask-about item as the card lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AskItem {
    pub index: usize,
    pub text: String,
    pub due: bool,
    pub after: Option<chrono::NaiveDate>,
}

/// How many interactions the card's timeline shows.
#[cfg(feature = "background")]
pub const TIMELINE: usize = 6;

/// The link for an account, only when it is an `https://` address on the
/// site's own host (on Mastodon, the instance the handle names): a record
/// imported from elsewhere cannot make the card link to `javascript:` or to
/// another site.
#[cfg(feature = "background")]
pub fn safe_link(identity: &crate::model::Identity) -> Option<String> {
    let url = crate::sites::PageUrl::parse(&identity.url)?;
    if identity.url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return None;
    }
    let on_site = crate::sites::for_site(identity.site).is_some_and(|a| a.hosts().contains(&url.host.as_str()));
    let on_instance = identity.site == Site::Mastodon
        && identity.handle.rsplit_once('@').is_some_and(|(_, host)| host.eq_ignore_ascii_case(&url.host));
    (on_site || on_instance).then(|| identity.url.clone())
}

/// Build the card for `handle` on `site` from the person (if any) and their
/// interactions.
#[cfg(feature = "background")]
pub fn card(site: Site, handle: &str, person: Option<&Person>, interactions: &[Interaction]) -> Card {
    let archive = person.map(|p| &p.archive);
    let total = interactions.len() + archive.map_or(0, |a| a.total());
    Card {
        site,
        handle: handle.to_owned(),
        person: person.map(|p| p.id.clone()),
        tracked: person.is_some_and(|p| p.tracked),
        local: person.is_some_and(|p| p.local),
        tags: person.map(|p| p.tags.clone()).unwrap_or_default(),
        name: person.map_or_else(|| handle.to_owned(), |p| p.name.clone()),
        renamed: person.and_then(|p| p.seen_name.clone()),
        known: total > 0,
        total,
        breakdown: breakdown(interactions, archive),
        last_at: interactions.iter().map(|i| i.at).chain(archive.and_then(|a| a.last_at)).max(),
        advice: None,
        identities: person
            .map(|p| {
                p.identities
                    .iter()
                    .map(|i| AccountLink { site: i.site, handle: i.handle.clone(), url: safe_link(i) })
                    .collect()
            })
            .unwrap_or_default(),
        timeline: {
            let mut newest: Vec<&Interaction> = interactions.iter().collect();
            crate::model::order::sort_by(&mut newest, |a, b| b.at.cmp(&a.at).then_with(|| a.id.cmp(&b.id)));
            newest
                .into_iter()
                .take(TIMELINE)
                .map(|i| TimelineItem {
                    kind: i.kind,
                    inbound: i.direction == Direction::Inbound,
                    site: i.site,
                    at: i.at,
                    snippet: i.snippet.clone(),
                    by_hand: i.by_hand.then(|| i.id.clone()),
                })
                .collect()
        },
        notes: person.map(|p| p.notes.iter().rev().map(|n| n.text.clone()).collect()).unwrap_or_default(),
        ask_about: Vec::new(),
        engaged: person.is_some_and(|p| p.tracked)
            || interactions.iter().any(|i| i.kind != Kind::ProfileVisit)
            || archive.is_some_and(|a| a.counts.iter().any(|c| c.kind != Kind::ProfileVisit)),
        collapsed: false,
        offer_reminders: false,
        same_as: Vec::new(),
    }
}

/// The ask-about list for the card, due ones first; `today` is the user's
/// local date.
#[cfg(feature = "background")]
pub fn ask_items(person: &Person, today: chrono::NaiveDate) -> Vec<AskItem> {
    let mut items: Vec<AskItem> = person
        .ask_about
        .iter()
        .enumerate()
        .filter(|(_, a)| !a.done)
        .map(|(index, a)| AskItem {
            index,
            text: a.text.clone(),
            due: a.after.is_none_or(|d| d <= today),
            after: a.after,
        })
        .collect();
    crate::model::order::sort_by_key(&mut items, |a| (!a.due, a.after, a.index));
    items
}

/// Counts by kind in words, most frequent first, ties in a fixed order;
/// pruned interactions (the archive) count too.
#[cfg(feature = "background")]
pub fn breakdown(interactions: &[Interaction], archive: Option<&crate::model::Archive>) -> Vec<Text> {
    // What they did comes after what the user did, marked "from them".
    let mut counts: BTreeMap<(Kind, bool), usize> = BTreeMap::new();
    for i in interactions {
        *counts.entry((i.kind, i.direction == Direction::Inbound)).or_default() += 1;
    }
    for c in archive.map(|a| a.counts.as_slice()).unwrap_or_default() {
        *counts.entry((c.kind, c.direction == Direction::Inbound)).or_default() += c.count as usize;
    }
    let mut counts: Vec<((Kind, bool), usize)> = counts.into_iter().collect();
    crate::model::order::sort_by(&mut counts, |a, b| a.0 .1.cmp(&b.0 .1).then(b.1.cmp(&a.1)).then(a.0 .0.cmp(&b.0 .0)));
    counts
        .into_iter()
        .map(|((kind, inbound), n)| {
            let counted = kind.counted(n as i64);
            if inbound {
                Text::new("from_them").with(counted)
            } else {
                counted
            }
        })
        .collect()
}

#[cfg(all(test, feature = "background"))]
mod tests {
    use super::*;
    use crate::engine::search::{find, recent};
    use crate::model::{Direction, Identity};

    fn at(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_764_000_000 + s, 0).unwrap_or_default()
    }

    fn person(handle: &str, name: &str) -> Person {
        let id = Identity { site: Site::X, handle: handle.into(), url: format!("https://x.com/{handle}") };
        Person::first_seen(id, name, at(0))
    }

    fn interaction(n: i64, person: &str, kind: Kind) -> Interaction {
        Interaction {
            id: format!("i{n}"),
            person: person.into(),
            site: Site::X,
            kind,
            direction: Direction::Outbound,
            at: at(n),
            url: String::new(),
            handle: None,
            snippet: None,
            by_hand: false,
        }
    }

    #[test]
    fn the_card_counts_by_kind_most_frequent_first() {
        let alice = person("alice", "Alice");
        let list = [
            interaction(1, &alice.id, Kind::ProfileVisit),
            interaction(2, &alice.id, Kind::Like),
            interaction(3, &alice.id, Kind::Like),
            interaction(4, &alice.id, Kind::Reply),
        ];
        let card = card(Site::X, "alice", Some(&alice), &list);
        assert_eq!(card.name, "Alice");
        assert_eq!((card.known, card.total), (true, 4));
        let words: Vec<String> = card.breakdown.iter().map(Text::english).collect();
        assert_eq!(words.join(", "), "2 likes, 1 reply, 1 profile visit");
        assert_eq!(card.last_at, Some(at(4)));
    }

    #[test]
    fn the_timeline_shows_the_newest_both_ways_and_notes_newest_first() {
        let mut alice = person("alice", "Alice");
        alice.notes =
            ["first", "second"].iter().map(|t| crate::model::Note { text: (*t).into(), created_at: at(0) }).collect();
        let mut list: Vec<Interaction> = (1..=8).map(|n| interaction(n, &alice.id, Kind::Like)).collect();
        list[7].direction = Direction::Inbound;
        list[7].kind = Kind::Reply;
        let card = card(Site::X, "alice", Some(&alice), &list);
        let seen: Vec<(Kind, bool, DateTime<Utc>)> = card.timeline.iter().map(|t| (t.kind, t.inbound, t.at)).collect();
        assert_eq!(seen.len(), TIMELINE);
        assert_eq!(seen[0], (Kind::Reply, true, at(8)), "their reply, newest, first");
        assert_eq!(seen[5], (Kind::Like, false, at(3)));
        assert_eq!(card.notes, ["second", "first"]);
    }

    #[test]
    fn account_links_stay_on_the_site_and_https() {
        let link =
            |site: Site, handle: &str, url: &str| safe_link(&Identity { site, handle: handle.into(), url: url.into() });
        let cases = [
            (Site::X, "alice", "https://x.com/alice", true),
            (Site::Github, "octocat", "https://github.com/octocat", true),
            (Site::Mastodon, "ada@hachyderm.io", "https://hachyderm.io/@ada", true),
            (Site::Mastodon, "ada@social.example", "https://social.example/@ada", true),
            (Site::X, "alice", "javascript:alert(1)", false),
            (Site::X, "alice", "http://x.com/alice", false),
            (Site::X, "alice", "https://evil.example/alice", false),
            (Site::X, "alice", "https://x.com@evil.example/", false),
            (Site::X, "alice", "https://x.com/alice\n<script>", false),
            (Site::Mastodon, "ada@hachyderm.io", "https://evil.example/@ada", false),
        ];
        for (site, handle, url, safe) in cases {
            assert_eq!(link(site, handle, url).is_some(), safe, "{url}");
        }
    }

    #[test]
    fn ask_about_items_come_due_first_then_by_date() {
        use crate::model::AskAbout;
        let today = at(0).date_naive();
        let item = |text: &str, after: Option<i64>, done: bool| AskAbout {
            text: text.into(),
            after: after.map(|d| today + chrono::Duration::days(d)),
            created_at: at(0),
            done,
        };
        let mut alice = person("alice", "Alice");
        alice.ask_about =
            vec![item("the trip", Some(5), false), item("the move", None, true), item("the marathon", Some(-1), false)];
        let order: Vec<(usize, bool)> = ask_items(&alice, today).iter().map(|a| (a.index, a.due)).collect();
        assert_eq!(order, [(2, true), (0, false)], "due first, done ones never");
    }

    #[test]
    fn a_search_finds_people_by_name_or_any_handle_best_first() {
        let mut ada = person("ada", "Ada Lovelace");
        ada.identities.push(Identity {
            site: Site::Mastodon,
            handle: "countess@hachyderm.io".into(),
            url: "https://hachyderm.io/@countess".into(),
        });
        let people = [ada, person("adam", "Adam"), person("lada", "Vlada"), person("bob", "Bob")];
        let names = |query: &str, except: Option<&str>| -> Vec<String> {
            find(&people, query, except).into_iter().map(|f| f.name).collect()
        };
        assert_eq!(
            names("ada", None),
            ["Ada Lovelace", "Adam", "Vlada"],
            "whole handle, then starts with, then within"
        );
        assert_eq!(names("@COUNTESS", None), ["Ada Lovelace"], "any account, any case, a leading @");
        assert_eq!(names("ada", Some("p:x:ada")), ["Adam", "Vlada"], "not the person asking");
        assert!(names("  ", None).is_empty() && names("zed", None).is_empty());
        let found = find(&people, "countess", None);
        assert_eq!(found[0].accounts[1], (Site::Mastodon, "countess@hachyderm.io".to_owned()));
    }

    #[test]
    fn an_unknown_account_gets_an_honest_empty_card() {
        let card = card(Site::X, "nobody", None, &[]);
        assert_eq!((card.known, card.total, card.name.as_str(), card.breakdown.len()), (false, 0, "nobody", 0));
    }

    #[test]
    fn recent_lists_each_person_once_newest_first() {
        let (a, b) = (person("alice", "Alice"), person("bob", "Bob"));
        let newest_first = [
            interaction(5, &b.id, Kind::Reply),
            interaction(4, &a.id, Kind::Like),
            interaction(3, &b.id, Kind::Like),
            interaction(2, "p:x:gone", Kind::Like),
        ];
        let people = [a.clone(), b.clone()];
        let lookup = |id: &str| people.iter().find(|p| p.id == id);
        let got = recent(&newest_first, 10, lookup);
        let names: Vec<_> = got.iter().map(|r| (r.name.as_str(), r.last_kind)).collect();
        assert_eq!(names, vec![("Bob", Kind::Reply), ("Alice", Kind::Like)]);
        assert_eq!(recent(&newest_first, 1, lookup).len(), 1);
    }
}
