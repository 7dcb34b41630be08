//! Finding people: the popup's list (filtered and ranked, those needing the
//! user first), the card's search for someone to merge with, and the people
//! engaged with most recently.

use crate::model::text::Text;
use crate::model::{Kind, Site, Stage};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
#[cfg(feature = "background")]
use {
    super::agenda::attention,
    super::pacing::{advise, is_touch, Event},
    crate::model::{Interaction, Pacing, Person},
    chrono::NaiveDate,
};

/// One person in the popup's list of people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Listed {
    pub person: String,
    pub name: String,
    pub accounts: Vec<(crate::model::Site, String)>,
    pub stage: Stage,
    pub tags: Vec<String>,
    /// Why they need the user today, if they do (the agenda's line).
    pub attention: Option<Text>,
}

/// The most people one list shows; the rest are counted.
#[cfg(feature = "background")]
pub const LIST_MAX: usize = 50;

/// What the popup's list of people shows.
#[cfg(feature = "background")]
pub struct Filter<'q> {
    /// A name or handle (any case, a leading "@" ignored); empty for all.
    pub query: &'q str,
    pub stage: Option<Stage>,
    /// One of the person's tags (any case).
    pub tag: Option<&'q str>,
}

/// Everyone the filter lets through, those needing attention first (as the
/// agenda ranks them), then whoever was engaged with most recently; with a
/// query, the closest matches come first. Returns the first `LIST_MAX`, how
/// many more there were, and every tag in use (for the filter's choices).
#[cfg(feature = "background")]
pub fn list<'a, I>(
    people: I,
    p: &Pacing,
    now: DateTime<Utc>,
    today: NaiveDate,
    filter: &Filter,
) -> (Vec<Listed>, usize, Vec<String>)
where
    I: IntoIterator<Item = (&'a Person, &'a [Event])>,
{
    let query = filter.query.trim().trim_start_matches('@').to_lowercase();
    let tag = filter.tag.map(str::to_lowercase);
    let mut tags = std::collections::BTreeMap::<String, String>::new();
    // (match rank, reason rank, waited or -age of the last touch, name, listed)
    let mut found: Vec<(u8, u8, i64, Listed)> = Vec::new();
    for (person, interactions) in people {
        for t in &person.tags {
            tags.entry(t.to_lowercase()).or_insert_with(|| t.clone());
        }
        let Some(rank) = crate::engine::search::match_rank(person, &query) else { continue };
        if tag.as_ref().is_some_and(|tag| !person.tags.iter().any(|t| t.to_lowercase() == *tag)) {
            continue;
        }
        let advice = advise(person, interactions, p, now, today);
        if filter.stage.is_some_and(|stage| stage != advice.stage) {
            continue;
        }
        let needs = attention(person, interactions, &advice, now);
        let last_touch = interactions.iter().filter(|i| is_touch(i)).map(|i| i.at).max();
        let minutes = last_touch.map(|t| (now - t).num_minutes());
        // Waiting longest first among those needing attention, never touched
        // counting as not waiting (as the agenda has it); the most recent
        // first among the others, the never touched last.
        let (reason, order) = match &needs {
            Some((reason, _, _)) => (*reason as u8, -minutes.unwrap_or(0)),
            None => (u8::MAX, minutes.unwrap_or(i64::MAX)),
        };
        let listed = Listed {
            person: person.id.clone(),
            name: person.name.clone(),
            accounts: person.identities.iter().map(|i| (i.site, i.handle.clone())).collect(),
            stage: advice.stage,
            tags: person.tags.clone(),
            attention: needs.map(|(_, text, _)| text),
        };
        found.push((rank, reason, order, listed));
    }
    crate::model::order::sort_by(&mut found, |a, b| {
        (a.0, a.1, a.2)
            .cmp(&(b.0, b.1, b.2))
            .then_with(|| a.3.name.to_lowercase().cmp(&b.3.name.to_lowercase()))
            .then_with(|| a.3.person.cmp(&b.3.person))
    });
    let more = found.len().saturating_sub(LIST_MAX);
    let listed = found.into_iter().take(LIST_MAX).map(|(_, _, _, l)| l).collect();
    (listed, more, tags.into_values().collect())
}

/// A person found by a search: enough to tell them apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Found {
    pub person: String,
    pub name: String,
    /// Each account as "@handle on Site" reads: (site, handle).
    pub accounts: Vec<(Site, String)>,
}

/// The most people a search returns.
#[cfg(feature = "background")]
pub const FOUND_MAX: usize = 8;

/// How well `person` matches `query` (already lowercase, without "@"): a
/// whole name or handle 0, one that starts so 1, any 2, none `None`. An
/// empty query matches everyone equally.
#[cfg(feature = "background")]
pub fn match_rank(person: &Person, query: &str) -> Option<u8> {
    if query.is_empty() {
        return Some(0);
    }
    let words = std::iter::once(person.name.to_lowercase())
        .chain(person.identities.iter().map(|i| i.handle.to_lowercase()))
        .collect::<Vec<_>>();
    if words.iter().any(|w| w == query) {
        Some(0)
    } else if words.iter().any(|w| w.starts_with(query)) {
        Some(1)
    } else {
        words.iter().any(|w| w.contains(query)).then_some(2)
    }
}

/// People whose name or any handle contains `query` (any case; a leading
/// "@" ignored), best first: a whole name or handle, then one that starts
/// so, then any; ties by name. `except` is left out.
#[cfg(feature = "background")]
pub fn find(people: &[Person], query: &str, except: Option<&str>) -> Vec<Found> {
    let query = query.trim().trim_start_matches('@').to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(u8, &Person)> = people
        .iter()
        .filter(|p| Some(p.id.as_str()) != except)
        .filter_map(|p| Some((match_rank(p, &query)?, p)))
        .collect();
    crate::model::order::sort_by(&mut found, |a, b| {
        a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)).then_with(|| a.1.id.cmp(&b.1.id))
    });
    found
        .into_iter()
        .take(FOUND_MAX)
        .map(|(_, p)| Found {
            person: p.id.clone(),
            name: p.name.clone(),
            accounts: p.identities.iter().map(|i| (i.site, i.handle.clone())).collect(),
        })
        .collect()
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
#[cfg(feature = "background")]
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
