//! The per-week touch summary each browser shares for tracked people
//! (docs/sync.md, "What syncs"): its own counts (`own`), and what the other
//! browsers' say together (`elsewhere`), which the engine reads beside this
//! browser's history (`Person::elsewhere`).

use super::doc::Lww;
use crate::engine::pacing::{touches, Event};
use crate::model::{Direction, Interaction, Person, Weeks};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// This browser's counts for each tracked person, by id: the user's touches
/// as the engine counts them (several on one post are one), and theirs,
/// over the 16 weeks up to the week of `now`.
pub fn own(people: &[Person], interactions: &[Interaction], now: DateTime<Utc>) -> BTreeMap<String, Weeks> {
    let mut by_person: BTreeMap<&str, Vec<Event>> =
        people.iter().filter(|p| p.tracked).map(|p| (p.id.as_str(), Vec::new())).collect();
    for i in interactions {
        if let Some(events) = by_person.get_mut(i.person.as_str()) {
            events.push(Event::of(i));
        }
    }
    let end = Weeks::of_time(now) + 1;
    by_person
        .into_iter()
        .map(|(id, events)| {
            let yours = touches(&events, now).into_iter().map(|t| (Weeks::of_time(t), [1, 0]));
            let theirs = events
                .iter()
                .filter(|e| e.direction == Direction::Inbound && e.at <= now)
                .map(|e| (Weeks::of_time(e.at), [0, 1]));
            (id.to_owned(), Weeks::from_counts(end, yours.chain(theirs)))
        })
        .collect()
}

/// What the browsers other than `device` say together: the user's touches
/// added up (each browser counts what the user did there), theirs the
/// largest any browser saw (each may see the same notification), over the
/// 16 weeks up to the latest any of them counted. None if nothing.
pub fn elsewhere(weeks: &BTreeMap<u32, Lww>, device: u32) -> Option<Weeks> {
    let others: Vec<Weeks> =
        weeks.iter().filter(|(d, _)| **d != device).filter_map(|(_, w)| w.get::<Weeks>()).collect();
    let end = others.iter().map(|w| w.end).max()?;
    let mut by_week: BTreeMap<i64, [u16; 2]> = BTreeMap::new();
    for w in &others {
        for k in 0..w.counts.len() as i64 {
            let week = w.end - 1 - k;
            let [yours, theirs] = w.get(week);
            let c = by_week.entry(week).or_default();
            *c = [c[0].saturating_add(yours), c[1].max(theirs)];
        }
    }
    Some(Weeks::from_counts(end, by_week)).filter(|w| !w.is_empty())
}
