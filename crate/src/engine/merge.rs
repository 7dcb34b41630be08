//! Merging two people who are one (the same friend on two sites) and
//! splitting an account back out. Interactions follow their person.

use crate::model::{Interaction, Person};
use chrono::{DateTime, Utc};

/// Why a merge or split cannot happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeError {
    SamePerson,
    UnknownAccount(String),
    LastAccount,
}

impl MergeError {
    /// Why, for the user.
    pub fn text(&self) -> crate::model::text::Text {
        use crate::model::text::Text;
        match self {
            MergeError::SamePerson => Text::new("merge_same_person"),
            MergeError::UnknownAccount(key) => Text::new("merge_unknown_account").with(key.as_str()),
            MergeError::LastAccount => Text::new("merge_last_account"),
        }
    }
}

impl std::fmt::Display for MergeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MergeError::SamePerson => f.write_str("these are already the same person"),
            MergeError::UnknownAccount(key) => write!(f, "this person has no account {key}"),
            MergeError::LastAccount => f.write_str("a person's only account cannot be split off"),
        }
    }
}

fn push_unique<T: PartialEq>(into: &mut Vec<T>, items: impl IntoIterator<Item = T>) {
    for item in items {
        if !into.contains(&item) {
            into.push(item);
        }
    }
}

/// Fold `other` into `keep`. Accounts, tags, notes, things to ask about,
/// attempts and meetings are united without duplicates; `keep`'s name
/// wins; the relationship is tracked if either was. Returns the merged
/// person and `interactions` (of either) pointed at it.
pub fn merge(
    keep: &Person,
    other: &Person,
    interactions: Vec<Interaction>,
) -> Result<(Person, Vec<Interaction>), MergeError> {
    if keep.id == other.id {
        return Err(MergeError::SamePerson);
    }
    let mut merged = keep.clone();
    let other = other.clone();
    // One identity per account: the same account with another profile link
    // (an import's copy of a person) keeps `keep`'s link.
    for identity in other.identities {
        if !merged.identities.iter().any(|i| i.key() == identity.key()) {
            merged.identities.push(identity);
        }
    }
    push_unique(&mut merged.tags, other.tags);
    push_unique(&mut merged.notes, other.notes);
    push_unique(&mut merged.ask_about, other.ask_about);
    push_unique(&mut merged.irl_attempts, other.irl_attempts);
    push_unique(&mut merged.meetings, other.meetings);
    merged.archive.absorb(&other.archive);
    // What an imported file said of either (issue 25): their links, where
    // they came from; no longer "maybe the same" as each other.
    push_unique(&mut merged.links, other.links);
    merged.imported = merged.imported.or(other.imported);
    push_unique(&mut merged.same_as, other.same_as);
    merged.same_as.retain(|id| *id != other.id && *id != merged.id);
    merged.tracked |= other.tracked;
    merged.created_at = merged.created_at.min(other.created_at);
    let interactions = interactions
        .into_iter()
        .map(|mut i| {
            if i.person == other.id {
                i.person.clone_from(&merged.id);
            }
            i
        })
        .collect();
    Ok((merged, interactions))
}

/// Split the account `key` (`site:handle`) out of `person` into a new
/// person, who takes the interactions with that account. Notes and the
/// rest stay with `person`: Kindling cannot know which account they were
/// about. Returns (what is left, the new person, all interactions given,
/// re-pointed where they moved).
pub fn split(
    person: &Person,
    key: &str,
    interactions: Vec<Interaction>,
    now: DateTime<Utc>,
) -> Result<(Person, Person, Vec<Interaction>), MergeError> {
    let position = person
        .identities
        .iter()
        .position(|id| id.key() == key)
        .ok_or_else(|| MergeError::UnknownAccount(key.to_owned()))?;
    if person.identities.len() == 1 {
        return Err(MergeError::LastAccount);
    }
    let mut left = person.clone();
    let identity = left.identities.remove(position);
    let mut new = Person::first_seen(identity.clone(), &identity.handle, now);
    // Keep the new id distinct even if this account's person existed before
    // and was merged in: the old id may still be referenced in an export.
    if new.id == left.id {
        new.id = format!("{}~{}", new.id, now.timestamp_millis());
    }
    let moved = |i: &Interaction| {
        i.person == person.id && i.site == identity.site && i.handle.as_deref() == Some(identity.handle.as_str())
    };
    let interactions = interactions
        .into_iter()
        .map(|mut i| {
            if moved(&i) {
                i.person.clone_from(&new.id);
            }
            i
        })
        .collect();
    Ok((left, new, interactions))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, Identity, Kind, Note, Site};

    fn at(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_764_000_000 + s, 0).unwrap_or_default()
    }

    fn person(site: Site, handle: &str, name: &str, s: i64) -> Person {
        let identity = Identity { site, handle: handle.into(), url: format!("https://{site}.example/{handle}") };
        Person::first_seen(identity, name, at(s))
    }

    fn interaction(id: &str, p: &Person, site: Site, handle: &str) -> Interaction {
        Interaction {
            id: id.into(),
            person: p.id.clone(),
            site,
            kind: Kind::Like,
            direction: Direction::Outbound,
            at: at(10),
            url: String::new(),
            handle: Some(handle.into()),
            snippet: None,
            by_hand: false,
        }
    }

    #[test]
    fn merging_unites_accounts_and_moves_interactions_and_split_undoes_it() {
        let mut alice_x = person(Site::X, "alice", "Alice", 5);
        alice_x.tags.push("running".into());
        let mut alice_gh = person(Site::Github, "alice-dev", "alice-dev", 1);
        alice_gh.tags.push("running".into());
        alice_gh.tracked = true;
        alice_gh.notes.push(Note { text: "Met at RustConf".into(), created_at: at(2) });
        let bob = person(Site::X, "bob", "Bob", 0);
        let all = vec![
            interaction("i1", &alice_x, Site::X, "alice"),
            interaction("i2", &alice_gh, Site::Github, "alice-dev"),
            interaction("i3", &bob, Site::X, "bob"),
        ];

        let (merged, all) = merge(&alice_x, &alice_gh, all).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(merged.identity_keys(), vec!["x:alice", "github:alice-dev"]);
        assert_eq!((merged.name.as_str(), merged.tracked, merged.created_at), ("Alice", true, at(1)));
        assert_eq!(merged.tags, vec!["running".to_owned()], "no duplicate tags");
        assert_eq!(merged.notes.len(), 1);
        let owners: Vec<_> = all.iter().map(|i| i.person.as_str()).collect();
        assert_eq!(owners, vec!["p:x:alice", "p:x:alice", "p:x:bob"]);

        let (left, split_off, all) = split(&merged, "github:alice-dev", all, at(100)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(left.identity_keys(), vec!["x:alice"]);
        assert_eq!(split_off.id, "p:github:alice-dev");
        let owners: Vec<_> = all.iter().map(|i| i.person.as_str()).collect();
        assert_eq!(owners, vec!["p:x:alice", "p:github:alice-dev", "p:x:bob"]);
    }

    #[test]
    fn impossible_merges_and_splits_are_refused() {
        let a = person(Site::X, "a", "A", 0);
        assert_eq!(merge(&a, &a, vec![]).err(), Some(MergeError::SamePerson));
        assert_eq!(split(&a, "x:a", vec![], at(0)).err(), Some(MergeError::LastAccount));
        assert!(matches!(split(&a, "x:zz", vec![], at(0)), Err(MergeError::UnknownAccount(_))));
    }
}
