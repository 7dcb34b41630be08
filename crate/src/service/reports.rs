//! Reports from content scripts (unprivileged: a page's renderer can
//! impersonate one): the site's rules, what the page showed, what the user
//! did, the notifications on the page. Each is read by the site's adapter,
//! capped, and written as interactions; none reads the history back.

use super::{views::health, ServiceError};
use crate::engine::page_check::PageCounts;
use crate::model::ids::interaction_id;
use crate::model::{identity_key, Direction, Identity, Interaction, Kind, Person, Site};
use crate::service::messages::{EngagementResult, Response};
use crate::sites::{self, Engagement, Reading};
use crate::store::{Backend, Change, Records, StoreError};
use chrono::{DateTime, Utc};

/// The selector table for this page's site, and how the card shows here.
pub(super) async fn site_rules<B: Backend>(records: &Records<B>, url: &str) -> Result<Response, ServiceError> {
    let found = site_of(records, url).await?;
    let site = found.as_ref().map(|(a, _, _)| a.site());
    let settings = records.settings().await?;
    Ok(Response::SiteRules {
        site,
        recording: site.is_some_and(|s| settings.records(s)),
        overlay: settings.track_chips && found.as_ref().is_some_and(|(_, _, shipped)| *shipped),
        folded: site.is_some_and(|s| settings.collapsed_sites.contains(&s)),
        keys: found.as_ref().map(|(a, _, _)| a.keys()).unwrap_or_default(),
        person: found.as_ref().and_then(|(a, _, _)| a.person_rules()),
        limits: crate::service::messages::Limits::OF_REPORTS,
        rules: found.map(|(a, _, _)| {
            let mut rules = a.rules();
            if !settings.keep_snippets {
                rules.text = "";
            }
            rules
        }),
    })
}

/// Whose profile the address is shaped like, if anyone's; nothing recorded.
pub(super) async fn profile_at<B: Backend>(records: &Records<B>, url: &str) -> Result<Response, ServiceError> {
    let shaped = site_of(records, url).await?.and_then(|(a, page, _)| Some((a.site(), a.profile_handle(&page)?)));
    Ok(Response::ProfileAt { site: shaped.as_ref().map(|(s, _)| *s), handle: shaped.map(|(_, h)| h) })
}

/// A page script is taking the tab to another document (`LeftByScript`).
pub(super) async fn left_by_script<B: Backend>(
    records: &Records<B>,
    at: i64,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    records.note_left_by_script(at, now).await?;
    Ok(Response::Noted {})
}

/// The user clicked a known control: the adapter says what it was.
pub(super) async fn engagement<B: Backend>(
    records: &Records<B>,
    url: &str,
    mut facts: Box<sites::ClickFacts>,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    let Some((adapter, page, _)) = site_of(records, url).await? else {
        let detail = "not a site Kindling knows".into();
        return Ok(Response::Engagement { result: EngagementResult::Missed, detail });
    };
    // Read once: whether this site is recorded, and whether snippets are kept.
    let settings = records.settings().await?;
    if !settings.records(adapter.site()) {
        let detail = "recording is off here".into();
        return Ok(Response::Engagement { result: EngagementResult::Ignored, detail });
    }
    facts.self_href = records.signed_in(adapter.site().id(), facts.self_href.as_deref()).await?;
    let outcome = adapter.engagement(&page, &facts);
    note_health(records, adapter.site(), &outcome, now).await?;
    let snippet = if settings.keep_snippets { snippet_of(&facts, &outcome) } else { None };
    apply(records, outcome, facts.event.as_deref(), snippet, now).await
}

/// The popup's page check: only looks (no visit, no health noted).
pub(super) async fn page_check<B: Backend>(
    records: &Records<B>,
    url: &str,
    page: &sites::PageFacts,
    counts: &PageCounts,
) -> Result<Response, ServiceError> {
    let found = site_of(records, url).await?;
    // What the user is remembered as, read only (a page check writes nothing).
    let remembered = match &found {
        Some((adapter, _, _)) => records.signed_in(adapter.site().id(), None).await?,
        None => None,
    };
    let site = found.as_ref().map(|(a, p, _)| (*a, p));
    let check = crate::engine::page_check::check(site, page, remembered.as_deref(), counts);
    Ok(Response::PageCheck { lines: check.lines(), markers: check.marker_lines(), report: check.report })
}

/// A profile page was shown: answer whose it is and note the visit, at most
/// once per person per hour (the id carries the hour).
pub(super) async fn seen<B: Backend>(
    records: &Records<B>,
    url: &str,
    page: &sites::PageFacts,
    (by_user, started, loaded): (bool, Option<i64>, Option<&str>),
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    let Some((adapter, page_url, _)) = site_of(records, url).await? else {
        return Ok(Response::Page { profile: None, inbound: None });
    };
    let page = &sites::PageFacts {
        self_href: records.signed_in(adapter.site().id(), page.self_href.as_deref()).await?,
        ..page.clone()
    };
    let profile = adapter.profile(&page_url, page);
    if profile.is_some() {
        note_health(records, adapter.site(), &Reading::Ignore("a profile page"), now).await?;
    }
    let settings = records.settings().await?;
    let recording = settings.records(adapter.site());
    // The document loaded at another address, which a page script changed
    // before Kindling looked: the user's visit only if that address was
    // this profile too (a site tidying its own address).
    let handle = |p: &Option<(&'static dyn sites::SiteAdapter, sites::PageUrl, bool)>| {
        p.as_ref().and_then(|(a, page, _)| Some((a.site().id(), a.profile_handle(page)?.to_lowercase())))
    };
    let here = handle(&Some((adapter, page_url.clone(), true)));
    let by_user = by_user
        && loaded
            .is_none_or(|l| here.is_some() && here == handle(&sites::for_url_with(l, &settings.mastodon_instances)));
    if let Some(p) = profile.as_ref().filter(|p| !p.is_self && recording && by_user) {
        // A document a page script navigated to, not the user (the one
        // before said so as it left): no visit.
        if let Some(started) = started {
            if records.started_by_script(started, now).await? {
                return Ok(Response::Page { profile, inbound: adapter.inbound_rules(&page_url) });
            }
        }
        // At most one visit an hour, counted back from now (not per clock
        // hour: 10:59 and 11:01 are one visit).
        // The name the profile shows is still noted (offered on the card).
        if let Some(mut person) = records.person_by_identity(&identity_key(p.site, &p.handle), now).await? {
            let recent = records
                .interactions_of(&person.id, now)
                .await?
                .into_iter()
                .any(|i| i.kind == Kind::ProfileVisit && i.at <= now && now - i.at < chrono::Duration::hours(1));
            if recent {
                if take_name(&mut person, p.name.as_deref()) {
                    records.save(Change { people: vec![person], ..Change::default() }).await?;
                }
                return Ok(Response::Page { profile, inbound: adapter.inbound_rules(&page_url) });
            }
        }
        let visit = Engagement {
            site: p.site,
            kind: Kind::ProfileVisit,
            direction: Direction::Outbound,
            target: sites::Target { handle: p.handle.clone(), name: p.name.clone(), profile_url: p.url.clone() },
            post_url: None,
        };
        apply(records, Reading::Record(visit), None, None, now).await?;
    }
    Ok(Response::Page { profile, inbound: adapter.inbound_rules(&page_url) })
}

/// Notifications the page showed: each person named becomes an inbound
/// interaction, dated when the page says it happened. Items seen again (the
/// page re-rendered, the user came back) land on the same records.
pub(super) async fn inbound<B: Backend>(
    records: &Records<B>,
    url: &str,
    self_href: Option<String>,
    items: &[sites::InboundItem],
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    let self_href = self_href.as_deref();
    let (mut recorded, mut ignored, mut missed) = (0, 0, 0);
    let Some((adapter, page, _)) = site_of(records, url).await? else {
        return Ok(Response::Inbound { recorded, ignored, missed: items.len() });
    };
    if !records.settings().await?.records(adapter.site()) {
        return Ok(Response::Inbound { recorded, ignored: items.len(), missed });
    }
    let self_href = records.signed_in(adapter.site().id(), self_href).await?;
    let self_href = self_href.as_deref();
    for item in items {
        let at = item.time.as_deref().and_then(|t| happened_at(t, now)).unwrap_or(now);
        match adapter.inbound(&page, self_href, item) {
            Ok(found) if found.is_empty() => ignored += 1,
            Ok(found) => {
                for engagement in found {
                    let id = id_of(&engagement, None, now);
                    if record_at(records, engagement, id, None, at, now).await? {
                        recorded += 1;
                    } else {
                        missed += 1;
                    }
                }
                note_health(records, adapter.site(), &Reading::Ignore("a notification"), now).await?;
            }
            Err(why) => {
                missed += 1;
                note_health(records, adapter.site(), &Reading::Miss(why), now).await?;
            }
        }
    }
    Ok(Response::Inbound { recorded, ignored, missed })
}

/// How far back a notification's own date is believed (issue 21): a page
/// chooses the dates it shows, and a date long past would make history the
/// user never had (weeks of reciprocity in one visit). Earlier dates are
/// taken as the sighting (docs/pacing.md).
pub const INBOUND_PAST_DAYS: i64 = 90;

/// A page's timestamp (RFC 3339), if it is a real moment not after `now`;
/// one more than `INBOUND_PAST_DAYS` back is `now`, the sighting.
pub(super) fn happened_at(text: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let at = DateTime::parse_from_rfc3339(text).ok()?.with_timezone(&Utc);
    if at < now - chrono::Duration::days(INBOUND_PAST_DAYS) {
        return Some(now);
    }
    (at <= now).then_some(at)
}

/// The adapter for a page, counting the Mastodon instances the user added.
pub(super) async fn site_of<B: Backend>(
    records: &Records<B>,
    url: &str,
) -> Result<Option<(&'static dyn sites::SiteAdapter, sites::PageUrl, bool)>, StoreError> {
    if let Some((adapter, page)) = sites::for_url(url) {
        return Ok(Some((adapter, page, true)));
    }
    let settings = records.settings().await?;
    Ok(sites::for_url_with(url, &settings.mastodon_instances))
}

/// The facts that make two sightings "the same interaction".
pub(super) fn id_of(e: &Engagement, event: Option<&str>, now: DateTime<Utc>) -> String {
    let key = identity_key(e.site, &e.target.handle);
    let bucket = match e.kind {
        // Each reply sent is its own interaction, but the same report sent
        // twice is one.
        // What someone else wrote is its own post: its link identifies it.
        Kind::Reply | Kind::Comment | Kind::Message | Kind::Mention
            if e.direction == Direction::Inbound && e.post_url.is_some() =>
        {
            String::new()
        }
        // Calls and meetings are only entered by hand (`reached_out`, with
        // ids of their own); were a site to report one, each is its own.
        Kind::Reply | Kind::Comment | Kind::Message | Kind::Mention | Kind::Call | Kind::InPerson => {
            event.map_or_else(|| now.timestamp_millis().to_string(), str::to_owned)
        }
        Kind::ProfileVisit => now.format("%Y-%m-%dT%H").to_string(),
        Kind::Like | Kind::Repost | Kind::Share | Kind::Follow => String::new(),
    };
    let direction = match e.direction {
        Direction::Outbound => "out",
        Direction::Inbound => "in",
    };
    interaction_id(&[e.kind.id_word(), direction, &key, e.post_url.as_deref().unwrap_or(""), &bucket])
}

/// The most people pages may add to the record in one clock hour (issue
/// 21): a page script that fakes visits, likes or notifications by the
/// hundred adds this many at most; the rest are misses.
pub const MAX_NEW_PEOPLE_PER_HOUR: u32 = 60;

/// Record an engagement that happened at `at`; the same one seen again keeps
/// its first sighting. `false` when it named someone new and this hour's
/// new people are at their cap: nothing is recorded.
pub(super) async fn record_at<B: Backend>(
    records: &Records<B>,
    e: Engagement,
    id: String,
    snippet: Option<String>,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let key = identity_key(e.site, &e.target.handle);
    let mut person = match records.person_by_identity(&key, now).await? {
        Some(p) => p,
        None if !records.count_new_person(MAX_NEW_PEOPLE_PER_HOUR, now).await? => return Ok(false),
        None => {
            let identity =
                Identity { site: e.site, handle: e.target.handle.clone(), url: e.target.profile_url.clone() };
            let mut person = Person::first_seen(identity, e.target.name.as_deref().unwrap_or(""), at);
            // The id this account would get may be someone else's already (a
            // person merged into the one that had it, then split off and
            // deleted): a new person never takes over another's record.
            person.id = records.unused_person_id(&person.id).await?;
            person
        }
    };
    take_name(&mut person, e.target.name.as_deref());
    let seen_before = records.interactions_of(&person.id, now).await?.into_iter().find(|i| i.id == id);
    let interaction = seen_before.unwrap_or_else(|| Interaction {
        id,
        person: person.id.clone(),
        site: e.site,
        kind: e.kind,
        direction: e.direction,
        at,
        url: e.post_url.clone().unwrap_or_else(|| e.target.profile_url.clone()),
        handle: Some(e.target.handle.clone()),
        snippet,
        by_hand: false,
    });
    records.save(Change { people: vec![person], interactions: vec![interaction], ..Change::default() }).await?;
    Ok(true)
}

/// The name a page showed for `person`. Page facts name someone new; they
/// never rename anyone (issue 21: a page could rename a person the user
/// has): another name is kept aside for the card to offer. A person known
/// only by a handle so far takes the first name seen. `true` if anything
/// changed.
fn take_name(person: &mut Person, shown: Option<&str>) -> bool {
    let Some(name) = shown.map(str::trim).filter(|n| !n.is_empty()) else { return false };
    let before = (person.name.clone(), person.seen_name.clone());
    if person.identities.iter().any(|i| i.handle == person.name) {
        name.clone_into(&mut person.name);
    }
    person.seen_name = (name != person.name).then(|| name.to_owned());
    before != (person.name.clone(), person.seen_name.clone())
}

/// The text of the post an engagement is recorded on, as a snippet: from
/// whichever post in the report links to that very post, and none when no
/// post does (never another post's words).
pub(super) fn snippet_of(facts: &sites::ClickFacts, outcome: &Reading) -> Option<String> {
    let Reading::Record(e) = outcome else { return None };
    let url = e.post_url.as_deref()?;
    facts
        .post
        .iter()
        .chain(facts.reply_to.iter())
        .find(|post| post.permalink.as_deref().is_some_and(|link| !link.is_empty() && url.ends_with(link)))
        .and_then(|post| crate::model::snippet(post.text.as_deref()?))
}

pub(super) async fn apply<B: Backend>(
    records: &Records<B>,
    outcome: Reading,
    event: Option<&str>,
    snippet: Option<String>,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    let (result, detail) = match outcome {
        Reading::Record(e) => {
            let key = identity_key(e.site, &e.target.handle);
            let id = id_of(&e, event, now);
            let kind = e.kind;
            if record_at(records, e, id, snippet, now, now).await? {
                (EngagementResult::Recorded, format!("{} of {key}", kind.words().0))
            } else {
                (EngagementResult::Missed, format!("more than {MAX_NEW_PEOPLE_PER_HOUR} new people this hour"))
            }
        }
        Reading::Withdraw(e) => {
            let removed = records.withdraw(&id_of(&e, event, now)).await?;
            let what = if removed { "withdrawn" } else { "nothing to withdraw" };
            (
                EngagementResult::Withdrawn,
                format!("{} of {}: {what}", e.kind.words().0, identity_key(e.site, &e.target.handle)),
            )
        }
        Reading::Ignore(why) => (EngagementResult::Ignored, why.to_owned()),
        Reading::Miss(why) => (EngagementResult::Missed, why.to_owned()),
    };
    Ok(Response::Engagement { result, detail })
}

/// Remember whether a site's markup was understood, so the options page can
/// say when a site last worked and what it stopped recognising. The time an
/// understood site was seen is kept to the hour, to spare writes.
pub(super) async fn note_health<B: Backend>(
    records: &Records<B>,
    site: Site,
    outcome: &Reading,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut all = health(records).await?;
    let Some(h) = all.iter_mut().find(|h| h.site == site.id()) else { return Ok(()) };
    match outcome {
        Reading::Miss(why) => {
            h.misses = h.misses.saturating_add(1);
            h.last_miss = Some(now);
            h.last_miss_reason = Some((*why).to_owned());
        }
        _ if h.last_ok.is_some_and(|t| now - t < chrono::Duration::hours(1)) => return Ok(()),
        _ => h.last_ok = Some(now),
    }
    records.set_meta("health", serde_json::to_value(&all).unwrap_or_default()).await
}
