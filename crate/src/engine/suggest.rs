//! Whom to track (issue 25): among the people Kindling knows and the user
//! does not track (nor said "Not interested" to), those the signals Kindling
//! already has point at: they engaged with the user lately, the user
//! engages with them, the user imported them from their own network, or
//! they are one person on several sites. Five at most, each with its
//! reasons.

use crate::model::text::Text;
use crate::model::Site;
use serde::Serialize;
#[cfg(feature = "background")]
use {
    super::pacing::{touches, Event},
    crate::model::{Direction, ImportedFrom, Person},
    chrono::{DateTime, Duration, Utc},
};

/// One suggestion: who, their accounts, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggested {
    pub person: String,
    pub name: String,
    pub accounts: Vec<(Site, String)>,
    pub reasons: Vec<Text>,
}

/// The most suggestions shown at once.
pub const SUGGESTED_MAX: usize = 5;

/// "Lately": the last 30 days.
#[cfg(feature = "background")]
const LATELY_DAYS: i64 = 30;

/// The suggestions at `now`, strongest first: what they did for the user
/// weighs most, then what the user did, then being a connection or on
/// several sites; ties go to the most recent activity, then the name.
#[cfg(feature = "background")]
pub fn suggestions<'a, I>(people: I, now: DateTime<Utc>) -> Vec<Suggested>
where
    I: IntoIterator<Item = (&'a Person, &'a [Event])>,
{
    let lately = now - Duration::days(LATELY_DAYS);
    let mut found: Vec<(u64, DateTime<Utc>, Suggested)> = Vec::new();
    for (person, events) in people {
        if person.tracked || person.not_interested {
            continue;
        }
        let theirs =
            events.iter().filter(|e| e.direction == Direction::Inbound && e.at > lately && e.at <= now).count();
        let yours = touches(events, now).into_iter().filter(|t| *t > lately).count();
        let mut sites: Vec<Site> = person.identities.iter().map(|i| i.site).collect();
        sites.dedup();
        let several = {
            let first = sites.first().copied();
            sites.iter().any(|s| Some(*s) != first)
        };
        let mut reasons = Vec::new();
        if theirs > 0 {
            reasons.push(Text::count("suggest_they_engaged", theirs as i64));
        }
        if yours > 0 {
            reasons.push(Text::count("suggest_you_engaged", yours as i64));
        }
        if let Some(from) = person.imported {
            reasons.push(Text::new(match from {
                ImportedFrom::Linkedin => "suggest_from_linkedin",
                ImportedFrom::Mastodon => "suggest_from_mastodon",
                ImportedFrom::AddressBook => "suggest_from_address_book",
                ImportedFrom::Kindling => "suggest_from_kindling",
            }));
        }
        if several {
            let labels: Vec<&str> = person.identities.iter().map(|i| i.site.label()).collect();
            let mut unique: Vec<&str> = Vec::new();
            for label in labels {
                if !unique.contains(&label) {
                    unique.push(label);
                }
            }
            reasons.push(Text::new("suggest_several_sites").with(unique.join(", ")));
        }
        if reasons.is_empty() {
            continue;
        }
        let score = 3 * theirs.min(20) as u64
            + 2 * yours.min(20) as u64
            + u64::from(person.imported.is_some())
            + u64::from(several);
        let last = events.iter().map(|e| e.at).filter(|at| *at <= now).max().unwrap_or(person.created_at);
        let accounts = person.identities.iter().map(|i| (i.site, i.handle.clone())).collect();
        found.push((
            score,
            last,
            Suggested { person: person.id.clone(), name: person.name.clone(), accounts, reasons },
        ));
    }
    crate::model::order::sort_by(&mut found, |a, b| {
        b.0.cmp(&a.0).then_with(|| b.1.cmp(&a.1)).then_with(|| a.2.name.cmp(&b.2.name))
    });
    found.into_iter().take(SUGGESTED_MAX).map(|(_, _, s)| s).collect()
}
