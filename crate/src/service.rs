//! What the background does with each request: the single writer of the
//! record. Pure over a `Store` and the time given, so it is tested natively.

use crate::card::{self, Card};
use crate::ids::interaction_id;
use crate::messages::{EngagementResult, Request, Response, Sender};
use crate::model::{identity_key, Identity, Interaction, Kind, Person, Site};
use crate::sites::{self, Engagement, Outcome};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};

/// Answer one request from `sender` at time `now`.
pub async fn handle(store: &impl Store, sender: Sender, request: Request, now: DateTime<Utc>) -> Response {
    if !request.allowed_from(sender) {
        return error("This part of Kindling may not ask for that.");
    }
    if let Err(why) = request.check_sizes() {
        return error(&format!("Kindling refused a message: {why}."));
    }
    let answer = match request {
        Request::SiteRules { url } => Ok(Response::SiteRules { rules: sites::for_url(&url).map(|(a, _)| a.rules()) }),
        Request::PageSeen { url, page } => page_seen(store, &url, &page, now).await,
        Request::Engagement { url, facts } => match sites::for_url(&url) {
            Some((adapter, page)) => apply(store, adapter.engagement(&page, &facts), now).await,
            None => Ok(Response::Engagement {
                result: EngagementResult::Missed,
                detail: "not a site Kindling knows".into(),
            }),
        },
        Request::Card { site, handle } => card_of(store, site, &handle).await.map(|card| Response::Card { card }),
        Request::Recent { limit } => recent(store, limit).await,
    };
    answer.unwrap_or_else(|e| error(&e.to_string()))
}

fn error(message: &str) -> Response {
    Response::Error { message: message.to_owned() }
}

/// A profile page was shown: answer whose it is and note the visit, at most
/// once per person per hour (the id carries the hour).
async fn page_seen(
    store: &impl Store,
    url: &str,
    page: &sites::PageFacts,
    now: DateTime<Utc>,
) -> Result<Response, StoreError> {
    let Some((adapter, page_url)) = sites::for_url(url) else {
        return Ok(Response::Page { profile: None });
    };
    let profile = adapter.profile(&page_url, page);
    if let Some(p) = profile.as_ref().filter(|p| !p.is_self) {
        let visit = Engagement {
            site: p.site,
            kind: Kind::ProfileVisit,
            direction: crate::model::Direction::Outbound,
            target: sites::Target { handle: p.handle.clone(), name: p.name.clone(), profile_url: p.url.clone() },
            post_url: None,
        };
        apply(store, Outcome::Record(visit), now).await?;
    }
    Ok(Response::Page { profile })
}

/// The facts that make two sightings "the same interaction".
fn id_of(e: &Engagement, now: DateTime<Utc>) -> String {
    let key = identity_key(e.site, &e.target.handle);
    let bucket = match e.kind {
        // Each reply sent is its own interaction.
        Kind::Reply | Kind::Comment | Kind::Message | Kind::Mention => now.timestamp_millis().to_string(),
        Kind::ProfileVisit => now.format("%Y-%m-%dT%H").to_string(),
        Kind::Like | Kind::Repost | Kind::Share | Kind::Follow => String::new(),
    };
    let direction = match e.direction {
        crate::model::Direction::Outbound => "out",
        crate::model::Direction::Inbound => "in",
    };
    let kind = e.kind.words().0;
    interaction_id(&[kind, direction, &key, e.post_url.as_deref().unwrap_or(""), &bucket])
}

async fn apply(store: &impl Store, outcome: Outcome, now: DateTime<Utc>) -> Result<Response, StoreError> {
    let (result, detail) = match outcome {
        Outcome::Record(e) => {
            let key = identity_key(e.site, &e.target.handle);
            let mut person = match store.person_by_identity(&key).await? {
                Some(p) => p,
                None => {
                    let identity =
                        Identity { site: e.site, handle: e.target.handle.clone(), url: e.target.profile_url.clone() };
                    Person::first_seen(identity, e.target.name.as_deref().unwrap_or(""), now)
                }
            };
            if let Some(name) = e.target.name.as_deref().filter(|n| !n.is_empty()) {
                name.clone_into(&mut person.name);
            }
            let interaction = Interaction {
                id: id_of(&e, now),
                person: person.id.clone(),
                site: e.site,
                kind: e.kind,
                direction: e.direction,
                at: now,
                url: e.post_url.clone().unwrap_or_else(|| e.target.profile_url.clone()),
            };
            // Seen again (a re-render, a second tab): keep the first time.
            let seen_before = store.interactions_of(&person.id).await?.into_iter().find(|i| i.id == interaction.id);
            let interaction = seen_before.unwrap_or(interaction);
            store.save(&person, Some(&interaction)).await?;
            (EngagementResult::Recorded, format!("{} of {}", e.kind.words().0, key))
        }
        Outcome::Withdraw(e) => {
            let removed = store.withdraw(&id_of(&e, now)).await?;
            let what = if removed { "withdrawn" } else { "nothing to withdraw" };
            (
                EngagementResult::Withdrawn,
                format!("{} of {}: {what}", e.kind.words().0, identity_key(e.site, &e.target.handle)),
            )
        }
        Outcome::Ignore(why) => (EngagementResult::Ignored, why.to_owned()),
        Outcome::Miss(why) => (EngagementResult::Missed, why.to_owned()),
    };
    Ok(Response::Engagement { result, detail })
}

async fn card_of(store: &impl Store, site: Site, handle: &str) -> Result<Card, StoreError> {
    let handle = handle.trim_start_matches('@').to_lowercase();
    let person = store.person_by_identity(&identity_key(site, &handle)).await?;
    let interactions = match &person {
        Some(p) => store.interactions_of(&p.id).await?,
        None => Vec::new(),
    };
    Ok(card::card(site, &handle, person.as_ref(), &interactions))
}

async fn recent(store: &impl Store, limit: usize) -> Result<Response, StoreError> {
    // Enough of the newest interactions to find `limit` distinct people in
    // all but pathological histories.
    let latest = store.latest(limit.saturating_mul(20).min(2000)).await?;
    let mut people: Vec<Person> = Vec::new();
    for i in &latest {
        if people.len() >= limit {
            break;
        }
        if !people.iter().any(|p| p.id == i.person) {
            if let Some(p) = store.person(&i.person).await? {
                people.push(p);
            }
        }
    }
    let people = card::recent(&latest, limit, |id| people.iter().find(|p| p.id == id));
    Ok(Response::Recent { people })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sites::{ClickFacts, ControlState, PageFacts, PostFacts};
    use crate::store::MemoryStore;
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    /// The memory store never waits, so one poll finishes any request.
    fn run<F: Future>(future: F) -> F::Output {
        let mut future = pin!(future);
        match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(out) => out,
            Poll::Pending => panic!("the memory store never waits"),
        }
    }

    fn now(hours: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_764_000_000 + hours * 3600, 0).unwrap_or_default()
    }

    fn like(before: &str, after: &str, author: &str, post: &str) -> Request {
        Request::Engagement {
            url: "https://x.com/home".into(),
            facts: Box::new(ClickFacts {
                control: "like".into(),
                before: ControlState { testid: Some(before.into()), ..Default::default() },
                after: ControlState { testid: Some(after.into()), ..Default::default() },
                post: Some(PostFacts {
                    author_href: Some(format!("/{author}")),
                    author_name: Some(format!("{author} Example")),
                    permalink: Some(format!("/{author}/status/{post}")),
                }),
                self_href: Some("/me".into()),
                ..Default::default()
            }),
        }
    }

    fn visit(handle: &str) -> Request {
        Request::PageSeen {
            url: format!("https://x.com/{handle}"),
            page: PageFacts {
                title: format!("Someone (@{handle}) / X"),
                profile_name: None,
                self_href: Some("/me".into()),
            },
        }
    }

    fn card(store: &MemoryStore, handle: &str) -> Card {
        let request = Request::Card { site: Site::X, handle: handle.into() };
        match run(handle_request(store, Sender::ExtensionPage, request, now(0))) {
            Response::Card { card } => card,
            other => panic!("expected a card, got {other:?}"),
        }
    }

    async fn handle_request(store: &MemoryStore, sender: Sender, request: Request, at: DateTime<Utc>) -> Response {
        handle(store, sender, request, at).await
    }

    fn send(store: &MemoryStore, request: Request, hours: i64) -> Response {
        run(handle(store, Sender::ContentScript, request, now(hours)))
    }

    #[test]
    fn a_like_lands_on_its_author_once_however_often_it_is_seen() {
        let store = MemoryStore::default();
        for _ in 0..3 {
            let r = send(&store, like("like", "unlike", "alice", "1"), 0);
            assert!(matches!(r, Response::Engagement { result: EngagementResult::Recorded, .. }), "{r:?}");
        }
        let alice = card(&store, "alice");
        assert_eq!((alice.total, alice.name.as_str()), (1, "alice Example"));
        assert_eq!(card(&store, "bob").total, 0);
        assert_eq!(store.all_people().len(), 1);
    }

    #[test]
    fn an_unlike_withdraws_the_like_and_only_that_like() {
        let store = MemoryStore::default();
        send(&store, like("like", "unlike", "alice", "1"), 0);
        send(&store, like("like", "unlike", "alice", "2"), 0);
        let r = send(&store, like("unlike", "like", "alice", "1"), 5);
        assert!(matches!(r, Response::Engagement { result: EngagementResult::Withdrawn, .. }));
        let left = store.all_interactions();
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].url, "https://x.com/alice/status/2");
    }

    #[test]
    fn profile_visits_count_once_an_hour_and_never_for_oneself() {
        let store = MemoryStore::default();
        send(&store, visit("alice"), 0);
        send(&store, visit("alice"), 0);
        assert_eq!(card(&store, "alice").breakdown, "1 profile visit");
        send(&store, visit("alice"), 1);
        assert_eq!(card(&store, "alice").total, 2);
        let mine = send(&store, visit("me"), 0);
        assert!(matches!(mine, Response::Page { profile: Some(p) } if p.is_self));
        assert_eq!(card(&store, "me").total, 0);
    }

    #[test]
    fn content_scripts_cannot_read_the_record() {
        let store = MemoryStore::default();
        send(&store, like("like", "unlike", "alice", "1"), 0);
        let r = send(&store, Request::Card { site: Site::X, handle: "alice".into() }, 0);
        assert!(matches!(r, Response::Error { .. }));
        let r = send(&store, Request::Recent { limit: 5 }, 0);
        assert!(matches!(r, Response::Error { .. }));
    }

    #[test]
    fn misses_and_unknown_sites_record_nothing() {
        let store = MemoryStore::default();
        let r = send(&store, like("like", "like", "alice", "1"), 0);
        assert!(matches!(r, Response::Engagement { result: EngagementResult::Missed, .. }));
        let elsewhere = Request::Engagement { url: "https://example.com/".into(), facts: Box::default() };
        assert!(matches!(send(&store, elsewhere, 0), Response::Engagement { result: EngagementResult::Missed, .. }));
        assert!(store.all_interactions().is_empty());
    }

    #[test]
    fn recent_people_come_newest_first() {
        let store = MemoryStore::default();
        send(&store, like("like", "unlike", "alice", "1"), 0);
        send(&store, like("like", "unlike", "bob", "2"), 1);
        send(&store, visit("alice"), 2);
        match run(handle(&store, Sender::ExtensionPage, Request::Recent { limit: 10 }, now(3))) {
            Response::Recent { people } => {
                let got: Vec<_> = people.iter().map(|p| (p.handle.as_str(), p.last_kind)).collect();
                assert_eq!(got, vec![("alice", Kind::ProfileVisit), ("bob", Kind::Like)]);
            }
            other => panic!("{other:?}"),
        }
    }
}
