//! Fuzzing each site adapter's reading of what the content script reports:
//! page URLs, `PageFacts`, `ClickFacts` and notification items made of the
//! adapters' own words (paths, test ids, markers) and hostile text.

use super::{check, text_with};
use crate::model::Site;
use crate::sites::{
    self, canonical_handle, ActorFacts, ClickFacts, ContextFacts, ControlState, Engagement, InboundItem, PageFacts,
    PageUrl, PersonFacts, PostFacts, Reading, SiteAdapter,
};
use proptest::prelude::*;

/// A host the Mastodon adapter works on because the user added it.
const ADDED_INSTANCE: &str = "social.example";

/// The short string literals of the adapters' sources: the path segments,
/// test ids, labels and markers they look for (a fuzzing dictionary).
fn dictionary() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/sites");
    let mut words: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let source = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for (i, word) in source.split('"').enumerate() {
            let plain = !word.is_empty() && word.len() <= 40 && !word.contains(['\\', '\n']);
            if i % 2 == 1 && plain && !words.iter().any(|w| w == word) {
                words.push(word.to_owned());
            }
        }
    }
    words
}

/// Everything one case reports to one adapter.
#[derive(Debug, Clone)]
struct Report {
    adapter: usize,
    host: usize,
    path: String,
    page: PageFacts,
    facts: ClickFacts,
    item: InboundItem,
    self_href: Option<String>,
}

fn report() -> impl Strategy<Value = Report> {
    let words = dictionary();
    let text = text_with(words.clone());
    let word = prop::sample::select(words);
    let segment = prop_oneof![3 => word.clone(), 1 => text.clone()];
    let path = (prop::collection::vec(segment, 0..5), prop::option::of(text.clone())).prop_map(|(parts, query)| {
        let path = format!("/{}", parts.join("/"));
        query.map_or(path.clone(), |q| format!("{path}?{q}"))
    });
    // Links as pages hold them: a path on the site, the same made absolute
    // on the site or elsewhere, or anything at all.
    let href = prop_oneof![
        3 => path.clone(),
        1 => path.clone().prop_map(|p| format!("https://x.com{p}")),
        1 => path.clone().prop_map(|p| format!("https://evil.example{p}")),
        1 => text.clone(),
    ];
    let some = |s: BoxedStrategy<String>| prop::option::of(s);
    let href = href.boxed();
    let text = text.boxed();
    let word = word.boxed();
    let state = (
        some(prop_oneof![word.clone(), text.clone()].boxed()),
        some(prop_oneof![Just("true".to_owned()), Just("false".to_owned()), text.clone()].boxed()),
        some(prop_oneof![Just("true".to_owned()), Just("false".to_owned())].boxed()),
        any::<bool>(),
        some(text.clone()),
        any::<Option<bool>>(),
    )
        .prop_map(|(testid, pressed, checked, active, label, on)| ControlState {
            testid,
            pressed,
            checked,
            active,
            label,
            on,
        });
    let post = (
        some(href.clone()),
        some(text.clone()),
        some(href.clone()),
        prop::collection::btree_map(word.clone(), prop_oneof![word.clone(), text.clone()], 0..3),
        some(text.clone()),
    )
        .prop_map(|(author_href, author_name, permalink, attributes, text)| PostFacts {
            author_href,
            author_name,
            permalink,
            attributes,
            text,
        });
    let page = (text.clone(), some(text.clone()), some(href.clone()))
        .prop_map(|(title, profile_name, self_href)| PageFacts { title, profile_name, self_href });
    let person = (prop_oneof![word.clone(), text.clone()], prop::collection::vec(href.clone(), 0..4))
        .prop_map(|(marker, links)| PersonFacts { marker, links });
    let facts = (
        prop_oneof![word.clone(), text.clone()],
        state.clone(),
        state,
        prop::option::of(post.clone()),
        prop::option::of(post),
        prop::option::of(person),
        page.clone(),
        some(text.clone()),
    )
        .prop_map(|(control, before, after, post, reply_to, person, page, event)| ClickFacts {
            control,
            before,
            after,
            post,
            reply_to,
            person,
            self_href: page.self_href,
            profile_name: page.profile_name,
            title: page.title,
            event,
        });
    let actor = (some(href.clone()), some(text.clone()), some(text.clone()))
        .prop_map(|(href, name, label)| ActorFacts { href, name, label });
    let attributes = prop::collection::btree_map(word.clone(), prop_oneof![word.clone(), text.clone()], 0..3);
    let context = (attributes.clone(), prop::option::of(actor.clone()), some(href.clone()))
        .prop_map(|(attributes, author, permalink)| ContextFacts { attributes, author, permalink });
    let marker = prop::collection::vec(word, 0..4).prop_map(|w| w.join(" "));
    let item =
        (
            prop_oneof![marker, text.clone()],
            some(text.clone()),
            some(href.clone()),
            prop::collection::vec(actor, 0..4),
            some(href.clone()),
            some(text.clone()),
            attributes,
            some(text),
            prop::option::of(context.clone()),
            prop::option::of(context),
        )
            .prop_map(|(marker, label, href, actors, permalink, time, attributes, icon, parent, root)| {
                InboundItem { marker, label, href, actors, permalink, time, attributes, icon, parent, root }
            });
    (0..sites::all().len(), any::<usize>(), path, page, facts, item, some(href)).prop_map(
        |(adapter, host, path, page, facts, item, self_href)| Report {
            adapter,
            host,
            path,
            page,
            facts,
            item,
            self_href,
        },
    )
}

/// The hosts `adapter` reads pages on (the Mastodon adapter: an added
/// instance too).
fn hosts(adapter: &dyn SiteAdapter) -> Vec<&'static str> {
    let mut hosts = adapter.hosts().to_vec();
    if adapter.site() == Site::Mastodon {
        hosts.push(ADDED_INSTANCE);
    }
    hosts
}

/// A person's account as an adapter names them must be a canonical handle
/// of its own site, with a profile link on that site (for Mastodon: on the
/// instance the page is on), and any post link on the same host.
fn check_account(
    adapter: &dyn SiteAdapter,
    page: &PageUrl,
    site: Site,
    handle: &str,
    url: &str,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(site, adapter.site(), "an account for another site");
    prop_assert_eq!(canonical_handle(site, handle, None), Some(handle.to_owned()), "not a canonical handle");
    check_link(adapter, page, url)
}

fn check_link(adapter: &dyn SiteAdapter, page: &PageUrl, url: &str) -> Result<(), TestCaseError> {
    let link = PageUrl::parse(url);
    prop_assert!(link.is_some(), "{} is not an https link", url);
    let host = link.map(|l| l.host).unwrap_or_default();
    let own =
        if adapter.site() == Site::Mastodon { host == page.host } else { adapter.hosts().contains(&host.as_str()) };
    prop_assert!(own, "{} is not on {}'s own host", url, adapter.site());
    prop_assert!(!url.chars().any(|c| c.is_whitespace() || c.is_control()), "{:?} has blanks", url);
    Ok(())
}

fn check_engagement(adapter: &dyn SiteAdapter, page: &PageUrl, e: &Engagement) -> Result<(), TestCaseError> {
    check_account(adapter, page, e.site, &e.target.handle, &e.target.profile_url)?;
    check_name(e.target.name.as_deref())?;
    match &e.post_url {
        Some(post) => check_link(adapter, page, post),
        None => Ok(()),
    }
}

/// Names are cleaned: at most 100 characters, never blank.
fn check_name(name: Option<&str>) -> Result<(), TestCaseError> {
    if let Some(name) = name {
        prop_assert!(name.chars().count() <= 100 && !name.trim().is_empty(), "name {:?}", name);
    }
    Ok(())
}

/// Everything one adapter makes of one report.
fn examine(report: &Report) -> Result<(), TestCaseError> {
    let adapter = sites::all()[report.adapter];
    let hosts = hosts(adapter);
    let url = format!("https://{}{}", hosts[report.host % hosts.len()], report.path);
    // The path alone, as a URL: whatever a page reports, finding its
    // adapter must not fail.
    let _ = sites::for_url_with(&report.path, &[ADDED_INSTANCE.to_owned()]);
    let Some(page) = PageUrl::parse(&url) else { return Ok(()) };
    let shaped = adapter.profile_handle(&page);
    if let Some(profile) = adapter.profile(&page, &report.page) {
        check_account(adapter, &page, profile.site, &profile.handle, &profile.url)?;
        check_name(profile.name.as_deref())?;
        // The card's frame is made early from the address's shape, for the
        // account the page then turns out to be: the two never disagree.
        prop_assert_eq!(shaped.as_deref(), Some(profile.handle.as_str()), "profile at {}", url);
    }
    match adapter.engagement(&page, &report.facts) {
        Reading::Record(e) | Reading::Withdraw(e) => check_engagement(adapter, &page, &e)?,
        Reading::Ignore(_) | Reading::Miss(_) => {}
    }
    let _ = adapter.inbound_rules(&page);
    if let Ok(found) = adapter.inbound(&page, report.self_href.as_deref(), &report.item) {
        for e in &found {
            check_engagement(adapter, &page, e)?;
        }
    }
    Ok(())
}

#[test]
fn fuzz_site_adapters() {
    check(2000, report(), |report| examine(&report));
}
