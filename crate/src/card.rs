//! What the overlay and the popup show about people: views computed from the
//! record, so the UI only lays them out.

use crate::model::{Direction, Interaction, Kind, Person, Site};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// The overlay card for one account.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Card {
    pub site: Site,
    pub handle: String,
    /// The person's id, when Kindling knows them (for the card's actions).
    pub person: Option<String>,
    /// The user tracks this person.
    pub tracked: bool,
    /// The display name, when Kindling has seen one.
    pub name: String,
    /// Kindling has any history with this account.
    pub known: bool,
    pub total: usize,
    /// "1 like, 2 replies", most frequent kind first.
    pub breakdown: String,
    pub last_at: Option<DateTime<Utc>>,
    /// What the pacing engine advises, for a person Kindling knows.
    pub advice: Option<crate::pacing::Advice>,
}

/// Build the card for `handle` on `site` from the person (if any) and their
/// interactions.
pub fn card(site: Site, handle: &str, person: Option<&Person>, interactions: &[Interaction]) -> Card {
    let archive = person.map(|p| &p.archive);
    let total = interactions.len() + archive.map_or(0, |a| a.total());
    Card {
        site,
        handle: handle.to_owned(),
        person: person.map(|p| p.id.clone()),
        tracked: person.is_some_and(|p| p.tracked),
        name: person.map_or_else(|| handle.to_owned(), |p| p.name.clone()),
        known: total > 0,
        total,
        breakdown: breakdown(interactions, archive),
        last_at: interactions.iter().map(|i| i.at).chain(archive.and_then(|a| a.last_at)).max(),
        advice: None,
    }
}

/// Counts by kind in words, most frequent first, ties in a fixed order;
/// pruned interactions (the archive) count too.
pub fn breakdown(interactions: &[Interaction], archive: Option<&crate::model::Archive>) -> String {
    // What they did comes after what the user did, marked "from them".
    let mut counts: BTreeMap<(Kind, bool), usize> = BTreeMap::new();
    for i in interactions {
        *counts.entry((i.kind, i.direction == Direction::Inbound)).or_default() += 1;
    }
    for c in archive.map(|a| a.counts.as_slice()).unwrap_or_default() {
        *counts.entry((c.kind, c.direction == Direction::Inbound)).or_default() += c.count as usize;
    }
    let mut counts: Vec<((Kind, bool), usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| a.0 .1.cmp(&b.0 .1).then(b.1.cmp(&a.1)).then(a.0 .0.cmp(&b.0 .0)));
    counts
        .into_iter()
        .map(|((kind, inbound), n)| {
            let (one, many) = kind.words();
            let from = if inbound { " from them" } else { "" };
            format!("{n} {}{from}", if n == 1 { one } else { many })
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// One line of the popup's "recently" list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecentPerson {
    pub person: String,
    pub name: String,
    pub site: Site,
    pub handle: String,
    pub last_kind: Kind,
    pub last_at: DateTime<Utc>,
}

/// The people behind the newest interactions, newest first, each once.
/// `interactions` must be newest first; `lookup` finds a person by id.
pub fn recent<'a>(
    interactions: &[Interaction],
    limit: usize,
    lookup: impl Fn(&str) -> Option<&'a Person>,
) -> Vec<RecentPerson> {
    let mut seen = Vec::<&str>::new();
    let mut out = Vec::new();
    for i in interactions {
        if out.len() == limit {
            break;
        }
        if seen.contains(&i.person.as_str()) {
            continue;
        }
        seen.push(&i.person);
        let Some(person) = lookup(&i.person) else { continue };
        let handle = person.identities.iter().find(|id| id.site == i.site).map(|id| id.handle.clone());
        out.push(RecentPerson {
            person: person.id.clone(),
            name: person.name.clone(),
            site: i.site,
            handle: handle.unwrap_or_default(),
            last_kind: i.kind,
            last_at: i.at,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
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
        assert_eq!(card.breakdown, "2 likes, 1 reply, 1 profile visit");
        assert_eq!(card.last_at, Some(at(4)));
    }

    #[test]
    fn an_unknown_account_gets_an_honest_empty_card() {
        let card = card(Site::X, "nobody", None, &[]);
        assert_eq!((card.known, card.total, card.name.as_str(), card.breakdown.as_str()), (false, 0, "nobody", ""));
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

/// "just now", "5 minutes ago", "3 hours ago", "2 days ago": how long ago
/// `then` was, for the user.
pub fn ago(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = (now - then).num_seconds().max(0);
    let (n, unit) = match seconds {
        0..60 => return "just now".to_owned(),
        60..3600 => (seconds / 60, "minute"),
        3600..86_400 => (seconds / 3600, "hour"),
        86_400..2_592_000 => (seconds / 86_400, "day"),
        2_592_000..31_536_000 => (seconds / 2_592_000, "month"),
        _ => (seconds / 31_536_000, "year"),
    };
    format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
}

/// "in 5 minutes", "in 5 hours", "in 3 days": how long until `at`.
pub fn until(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let minutes = (at - now).num_minutes().max(1);
    let (n, unit) = match minutes {
        m if m < 60 => (m, "minute"),
        m if m < 48 * 60 => ((m + 59) / 60, "hour"),
        m => ((m + 24 * 60 - 1) / (24 * 60), "day"),
    };
    format!("in {n} {unit}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod ago_tests {
    use super::{ago, until};

    #[test]
    fn waits_read_naturally_and_round_up() {
        let now: DateTime<Utc> = DateTime::from_timestamp(1_764_000_000, 0).unwrap_or_default();
        let cases = [
            (0, "in 1 minute"),
            (59, "in 59 minutes"),
            (61, "in 2 hours"),
            (47 * 60, "in 47 hours"),
            (49 * 60, "in 3 days"),
        ];
        for (minutes, want) in cases {
            assert_eq!(until(now + chrono::Duration::minutes(minutes), now), want);
        }
    }
    use chrono::{DateTime, Utc};

    #[test]
    fn durations_read_naturally() {
        let now: DateTime<Utc> = DateTime::from_timestamp(1_764_000_000, 0).unwrap_or_default();
        let before = |s: i64| now - chrono::Duration::seconds(s);
        let cases = [
            (0, "just now"),
            (59, "just now"),
            (60, "1 minute ago"),
            (150, "2 minutes ago"),
            (3600, "1 hour ago"),
            (86_400 * 3, "3 days ago"),
            (86_400 * 65, "2 months ago"),
            (86_400 * 800, "2 years ago"),
            (-30, "just now"),
        ];
        for (s, want) in cases {
            assert_eq!(ago(before(s), now), want, "{s}s");
        }
    }
}
