//! What Kindling knows about each social site: one adapter per site behind
//! one trait, with the site's selectors and URL shapes as data. The content
//! script is generic; it asks the core for a site's `SiteRules`, collects the
//! facts those rules point at, and the adapter decides what they mean.

use crate::model::{Direction, Kind, Site};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub mod bluesky;
pub mod facebook;
pub mod github;
mod handles;
pub mod hosts;
pub mod instagram;
pub mod linkedin;
pub mod mastodon;
pub mod reddit;
pub mod x;

pub use handles::canonical_handle;

/// The selector table the content script applies on one site.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteRules {
    pub site: Site,
    /// The element that holds one post (status, comment).
    pub post: &'static str,
    /// Inside a post: the link to its author. The first match wins, so the
    /// author of a quoted post, which comes later in the markup, is not taken.
    pub author: &'static str,
    /// Inside a post: the link to the post itself.
    pub permalink: &'static str,
    /// Anywhere on the page: the link to the signed-in user's own profile.
    pub self_link: &'static str,
    /// Anywhere on the page: the display name in a profile page's header.
    pub profile_name: &'static str,
    /// Attributes of the post element itself to report in
    /// `PostFacts::attributes` (Reddit's `shreddit-post` names its author in
    /// `author`, also where the card links no author). At most
    /// `MAX_POST_ATTRIBUTES`; most sites need none.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub post_attributes: &'static [&'static str],
    /// Inside a post: its text (the first match, so not a quoted post's).
    /// Sent to pages only while the user keeps snippets; empty where the
    /// site's markup for it is not known.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub text: &'static str,
    /// The controls whose clicks are engagements.
    pub controls: Vec<ControlRule>,
}

/// The most attributes of a post element a report may carry.
pub const MAX_POST_ATTRIBUTES: usize = 4;

/// One kind of control and what a click on it starts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ControlRule {
    /// The name the adapter knows the control by, echoed back in `ClickFacts`.
    pub name: &'static str,
    pub selector: &'static str,
    pub role: ControlRole,
    /// For a toggle whose state shows only in what it contains (a filled
    /// icon, a class on a child): a selector the control or something inside
    /// it matches while the toggle is on. Reported as `ControlState::on`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on: Option<&'static str>,
}

/// How the content script treats a click on a control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ControlRole {
    /// A button whose state flips (like/unlike): report its state before the
    /// click and once it changed.
    Toggle,
    /// Opens a composer for a reply to the post it sits in: remember the post.
    OpenReply,
    /// Sends the composer: report it with the remembered post.
    SubmitReply,
    /// Opens a menu about the post it sits in (X's repost button): remember
    /// the post, because the menu is rendered elsewhere in the page.
    OpenMenu,
    /// An item of such a menu: report it with the remembered post as `post`,
    /// and the item's state at the click as `before`.
    MenuItem,
    /// Closes a reply composer without sending (a dialog's close button or
    /// its backdrop): forget the post `OpenReply` remembered, so the next
    /// post sent elsewhere is not taken for a reply to it (issue 21).
    CloseReply,
}

/// The state of a control as the page shows it, language-neutral parts only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ControlState {
    #[serde(default)]
    pub testid: Option<String>,
    #[serde(default)]
    pub pressed: Option<String>,
    /// `aria-checked`, which GitHub's newer reaction buttons use.
    #[serde(default)]
    pub checked: Option<String>,
    /// The control's class list contains `active`.
    #[serde(default)]
    pub active: bool,
    /// The control's `aria-label`, or else that of the first labelled
    /// element inside it (Instagram labels the icon, not the button). It is
    /// translated: adapters match only the locales they document.
    #[serde(default)]
    pub label: Option<String>,
    /// Whether the rule's `on` selector matched; `None` when it has none.
    #[serde(default)]
    pub on: Option<bool>,
}

/// Where a site shows one person apart from any post, with controls of their
/// own: X's user cells (follow lists, "Who to follow") and hover cards. A
/// follow button there is about that person, never the page's owner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonRules {
    /// The elements that hold one person, and the regions where other
    /// people's controls sit (a sidebar): the closest one around a clicked
    /// control is reported as `ClickFacts::person`.
    pub scope: &'static str,
    /// Inside the scope: links to profiles. The first `MAX_PERSON_LINKS` are
    /// reported.
    pub link: &'static str,
    /// The controls (`ControlRule::name`) whose clicks read the scope; the
    /// others (a like, inside a post) skip the walk.
    pub controls: &'static [&'static str],
}

/// The most links of one person's scope a report may carry.
pub const MAX_PERSON_LINKS: usize = 4;

/// The person scope (`PersonRules::scope`) a clicked control sat in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonFacts {
    /// The scope element's `data-testid`, or else its tag name: which kind
    /// of scope it is (`UserCell`, `HoverCard`, `aside`).
    #[serde(default)]
    pub marker: String,
    /// The hrefs of its first profile links (`PersonRules::link`), in order.
    #[serde(default)]
    pub links: Vec<String>,
}

/// Facts read from one post at the moment of a click.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostFacts {
    #[serde(default)]
    pub author_href: Option<String>,
    #[serde(default)]
    pub author_name: Option<String>,
    #[serde(default)]
    pub permalink: Option<String>,
    /// The post element's own attributes that `SiteRules::post_attributes`
    /// names, those it has. Size-checked in `messages::Request::check_sizes`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// The post's text (`SiteRules::text`), sent only while the user keeps
    /// snippets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Everything the content script saw around one click.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClickFacts {
    /// The `ControlRule::name` that matched.
    pub control: String,
    #[serde(default)]
    pub before: ControlState,
    #[serde(default)]
    pub after: ControlState,
    /// The post the control sits in, if any.
    #[serde(default)]
    pub post: Option<PostFacts>,
    /// For a submitted reply: the post whose reply control was clicked.
    #[serde(default)]
    pub reply_to: Option<PostFacts>,
    /// The person scope the control sits in, on sites that have one
    /// (`SiteAdapter::person_rules`).
    #[serde(default)]
    pub person: Option<PersonFacts>,
    #[serde(default)]
    pub self_href: Option<String>,
    /// The display name in the profile header, when the click was on one.
    #[serde(default)]
    pub profile_name: Option<String>,
    /// The page's title at the time of the click.
    #[serde(default)]
    pub title: String,
    /// A random id the content script gives each report, so a report sent
    /// again (its answer was lost) is recognised as the same event.
    #[serde(default)]
    pub event: Option<String>,
}

/// Facts about the page as a whole, read after each navigation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFacts {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub profile_name: Option<String>,
    #[serde(default)]
    pub self_href: Option<String>,
}

/// A site's keyboard shortcut for a post's control: pressing `key` while a
/// post has the focus acts as a click on that post's control `control` (a
/// `ControlRule::name`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyRule {
    /// `KeyboardEvent.key`, without modifiers.
    pub key: &'static str,
    pub control: &'static str,
}

/// Where a page lists what other people did to the user (a notifications
/// page): the content script reads each item the page shows, now and as
/// more load, and reports each once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InboundRules {
    /// One notification.
    pub item: &'static str,
    /// Inside an item: links to the people it is about (a grouped
    /// notification names several). At most `MAX_ACTORS` are read.
    pub actor: &'static str,
    /// Inside an item: the link to the post it is about.
    pub permalink: &'static str,
    /// Attributes of the item element itself to report in
    /// `InboundItem::attributes` (Reddit names a notification's kind in
    /// `message-type`). At most `MAX_POST_ATTRIBUTES`; most sites need none.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub attributes: &'static [&'static str],
    /// Inside an item: the icon whose drawing tells the kind in any language
    /// (X's heart, repost arrows, person). The content script reports the
    /// `d` of the first `path` inside the first match.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub icon: &'static str,
    /// For replies read in a thread: the nearest ancestor of an item that is
    /// what the item answers (the parent comment). Reported as
    /// `InboundItem::parent`: its attributes and its first `actor` link.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub parent: &'static str,
    /// For replies read in a thread: the post the page is about (the first
    /// match in the page), reported like `parent` as `InboundItem::root`.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub root: &'static str,
}

impl InboundRules {
    /// A notifications list read by item, actor and permalink alone.
    pub const fn list(item: &'static str, actor: &'static str, permalink: &'static str) -> InboundRules {
        InboundRules { item, actor, permalink, attributes: &[], icon: "", parent: "", root: "" }
    }
}

/// The most people one notification item is read for.
pub const MAX_ACTORS: usize = 8;

/// The longest icon drawing (`path` `d`) a report carries: enough to tell
/// icons apart by their first commands.
pub const MAX_ICON: usize = 300;

/// A link to a person inside a notification.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorFacts {
    #[serde(default)]
    pub href: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    /// The link's `aria-label`, where a site names the person only there
    /// (LinkedIn's avatar links).
    #[serde(default)]
    pub label: Option<String>,
}

/// What the content script read from an element around a reply in a thread
/// (`InboundRules::parent`, `InboundRules::root`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextFacts {
    /// Its own attributes that `InboundRules::attributes` names.
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    /// Its first `InboundRules::actor` link: the author of what it holds.
    #[serde(default)]
    pub author: Option<ActorFacts>,
    /// Its first `InboundRules::permalink` link.
    #[serde(default)]
    pub permalink: Option<String>,
}

/// What the content script read from one notification item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InboundItem {
    /// The item's `data-testid` and class list, space-separated: the
    /// language-neutral marks of its kind (`notification-group--favourite`).
    #[serde(default)]
    pub marker: String,
    /// The item's `aria-label` (translated; only documented locales are read).
    #[serde(default)]
    pub label: Option<String>,
    /// The item's own link, when the item is one.
    #[serde(default)]
    pub href: Option<String>,
    #[serde(default)]
    pub actors: Vec<ActorFacts>,
    #[serde(default)]
    pub permalink: Option<String>,
    /// The `datetime` of the first `time` (or GitHub's `relative-time`)
    /// element in the item.
    #[serde(default)]
    pub time: Option<String>,
    /// The item's own attributes that `InboundRules::attributes` names.
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    /// The `d` of the first path of `InboundRules::icon`, cut to `MAX_ICON`.
    #[serde(default)]
    pub icon: Option<String>,
    /// `InboundRules::parent` around the item, when the rules name one and
    /// the item has one.
    #[serde(default)]
    pub parent: Option<ContextFacts>,
    /// `InboundRules::root` of the page, when the rules name one and the
    /// page has one.
    #[serde(default)]
    pub root: Option<ContextFacts>,
}

/// The parts of a page URL an adapter needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageUrl {
    pub host: String,
    /// The path without query or fragment, always starting with `/`.
    pub path: String,
    /// The query without its `?`, empty when there is none. Some sites name
    /// a page by it (Facebook's `/profile.php?id=<n>`).
    pub query: String,
}

impl PageUrl {
    /// Parse an absolute `https://` URL. Anything else is not a page Kindling
    /// works on.
    pub fn parse(url: &str) -> Option<PageUrl> {
        let rest = url.strip_prefix("https://")?;
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..end];
        if authority.is_empty() || authority.contains('@') {
            return None;
        }
        let host = authority.split(':').next()?.to_ascii_lowercase();
        let after = &rest[end..];
        let path_end = after.find(['?', '#']).unwrap_or(after.len());
        let path = if after.starts_with('/') { &after[..path_end] } else { "/" };
        let query = after[path_end..].strip_prefix('?').map_or("", |q| q.split('#').next().unwrap_or(""));
        Some(PageUrl { host, path: path.to_owned(), query: query.to_owned() })
    }

    /// The value of a query parameter, as written (not percent-decoded).
    pub fn param(&self, name: &str) -> Option<&str> {
        query_param(&self.query, name)
    }

    /// The path of a link found on this page: relative (`/alice`) or absolute
    /// on the same host. Links elsewhere give `None`.
    pub fn same_site_path(&self, href: &str) -> Option<String> {
        if href.starts_with('/') && !href.starts_with("//") {
            let end = href.find(['?', '#']).unwrap_or(href.len());
            return Some(href[..end].to_owned());
        }
        let other = PageUrl::parse(href)?;
        (other.host == self.host).then_some(other.path)
    }

    /// The path split into its non-empty segments.
    pub fn segments(path: &str) -> Vec<&str> {
        path.split('/').filter(|s| !s.is_empty()).collect()
    }
}

/// The value of `name` in a query string (`a=1&b=2`, with or without a
/// leading `?`), as written: the first occurrence wins.
pub fn query_param<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    let query = query.strip_prefix('?').unwrap_or(query);
    query.split('&').find_map(|pair| match pair.split_once('=') {
        Some((key, value)) if key == name => Some(value),
        _ => None,
    })
}

/// Whose profile a page is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProfileRef {
    pub site: Site,
    pub handle: String,
    pub name: Option<String>,
    pub url: String,
    /// It is the signed-in user's own profile.
    pub is_self: bool,
}

/// The person on the other side of an engagement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub handle: String,
    pub name: Option<String>,
    pub profile_url: String,
}

/// An engagement an adapter recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Engagement {
    pub site: Site,
    pub kind: Kind,
    pub direction: Direction,
    pub target: Target,
    /// The post engaged with, when there is one.
    pub post_url: Option<String>,
}

/// What an adapter made of a click or a notification: its reading of the
/// page (`model::Outcome` is how an invitation to meet was received).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    Record(Engagement),
    /// An undo (unlike, unfollow) of the engagement described.
    Withdraw(Engagement),
    /// Understood, and deliberately not recorded (the user's own post).
    Ignore(&'static str),
    /// The markup was not what the adapter knows: nothing is recorded and the
    /// miss is counted, so a site that changed is noticed.
    Miss(&'static str),
}

impl Engagement {
    /// Something the user did to `target`.
    pub fn outbound(site: Site, kind: Kind, target: Target, post_url: Option<String>) -> Engagement {
        Engagement { site, kind, direction: Direction::Outbound, target, post_url }
    }

    /// The last step every site shares: recorded, or withdrawn when the
    /// click undid it; but never when it is about the user themself (`own`
    /// says why, in the site's words: "the user's own post").
    pub fn concluded(self, is_self: bool, own: &'static str, undo: bool) -> Reading {
        if is_self {
            Reading::Ignore(own)
        } else {
            record_or_withdraw(self, undo)
        }
    }
}

/// Recorded, or withdrawn when the click undid it.
pub fn record_or_withdraw(engagement: Engagement, undo: bool) -> Reading {
    if undo {
        Reading::Withdraw(engagement)
    } else {
        Reading::Record(engagement)
    }
}

/// Which way a two-state control went: `Some(false)` when it was turned on
/// (an engagement), `Some(true)` when it was turned off (its undo), `None`
/// when it did not flip or either state is unknown.
pub fn undo_of_flip(before: Option<bool>, after: Option<bool>) -> Option<bool> {
    match (before?, after?) {
        (false, true) => Some(false),
        (true, false) => Some(true),
        _ => None,
    }
}

/// The page as it was at a click, for the steps that ask whose profile it
/// is (a follow in a profile's header).
pub fn page_of(facts: &ClickFacts) -> PageFacts {
    PageFacts {
        title: facts.title.clone(),
        profile_name: facts.profile_name.clone(),
        self_href: facts.self_href.clone(),
    }
}

/// A follow (or other engagement of `kind`) of the profile the page shows,
/// shared by every site whose follow button sits in a profile's header:
/// the adapter says whose profile it is; outside one it is a miss, on the
/// user's own it is ignored; else recorded, or withdrawn when it undoes.
pub fn profile_engagement(
    adapter: &dyn SiteAdapter,
    url: &PageUrl,
    facts: &ClickFacts,
    kind: Kind,
    undo: bool,
) -> Reading {
    let Some(profile) = adapter.profile(url, &page_of(facts)) else {
        return Reading::Miss("a follow button outside a profile page");
    };
    let target = Target { handle: profile.handle, name: profile.name, profile_url: profile.url };
    Engagement::outbound(adapter.site(), kind, target, None).concluded(profile.is_self, "the user's own profile", undo)
}

/// The handle a same-site link points at, for sites whose profile links are
/// a fixed prefix and one name (`/alice`, `/@alice`, `/profile/alice`,
/// `/in/alice/`): `prefix` are the segments before the name, and `handle`
/// says whether the name is one the site allows (and canonicalises it).
pub fn handle_after(
    url: &PageUrl,
    href: &str,
    prefix: &[&str],
    handle: impl Fn(&str) -> Option<String>,
) -> Option<String> {
    let path = url.same_site_path(href)?;
    let segments = PageUrl::segments(&path);
    match segments.split_last() {
        Some((name, before)) if before == prefix => handle(name),
        _ => None,
    }
}

/// One site's knowledge.
pub trait SiteAdapter: Sync {
    fn site(&self) -> Site;
    /// Hostnames the adapter works on (exact matches).
    fn hosts(&self) -> &'static [&'static str];
    fn rules(&self) -> SiteRules;
    /// The handle this address names if it is shaped like a profile page's,
    /// from the address alone. The page may still turn out to be something
    /// else (a route the adapter does not know, a missing account): only
    /// `profile` says it is one, and it starts with this.
    fn profile_handle(&self, url: &PageUrl) -> Option<String>;
    /// Whose profile this page is, if it is one.
    fn profile(&self, url: &PageUrl, page: &PageFacts) -> Option<ProfileRef>;
    /// The address of an account's profile, from its canonical handle (an
    /// import's own address for it is not trusted).
    fn account_url(&self, handle: &str) -> Option<String>;
    /// What a click means.
    fn engagement(&self, url: &PageUrl, facts: &ClickFacts) -> Reading;
    /// The site's keyboard shortcuts for a focused post's controls.
    fn keys(&self) -> Vec<KeyRule> {
        Vec::new()
    }
    /// Where the site shows one person with controls of their own, apart
    /// from posts. Most sites have no such place Kindling reads.
    fn person_rules(&self) -> Option<PersonRules> {
        None
    }
    /// Whether this page lists what others did to the user, and how to read
    /// it. Most pages do not.
    fn inbound_rules(&self, _url: &PageUrl) -> Option<InboundRules> {
        None
    }
    /// What one notification item means: the inbound engagements it names
    /// (one per person), or why it is not understood. An item understood to
    /// be about nothing Kindling keeps (a poll ended) is an empty list.
    fn inbound(
        &self,
        _url: &PageUrl,
        _self_href: Option<&str>,
        _item: &InboundItem,
    ) -> Result<Vec<Engagement>, &'static str> {
        Err("this site has no notifications Kindling reads")
    }
}

static ADAPTERS: &[&dyn SiteAdapter] = &[
    &x::X,
    &mastodon::Mastodon,
    &github::Github,
    &bluesky::Bluesky,
    &reddit::Reddit,
    &linkedin::Linkedin,
    &facebook::Facebook,
    &instagram::Instagram,
];

/// Every registered adapter.
pub fn all() -> &'static [&'static dyn SiteAdapter] {
    ADAPTERS
}

/// The adapter for a page, if Kindling works there.
pub fn for_url(url: &str) -> Option<(&'static dyn SiteAdapter, PageUrl)> {
    let page = PageUrl::parse(url)?;
    let adapter = ADAPTERS.iter().copied().find(|a| a.hosts().contains(&page.host.as_str()))?;
    Some((adapter, page))
}

/// The adapter for a page, counting the Mastodon instances the user added:
/// the adapter, the page, and whether the host is one Kindling ships with
/// (only those may show the card: its frame is web-accessible there alone).
pub fn for_url_with(url: &str, instances: &[String]) -> Option<(&'static dyn SiteAdapter, PageUrl, bool)> {
    if let Some((adapter, page)) = for_url(url) {
        return Some((adapter, page, true));
    }
    let page = PageUrl::parse(url)?;
    let added = instances.contains(&page.host);
    added.then_some((&mastodon::Mastodon as &dyn SiteAdapter, page, false))
}

/// The adapter for a site id.
pub fn for_site(site: Site) -> Option<&'static dyn SiteAdapter> {
    ADAPTERS.iter().copied().find(|a| a.site() == site)
}

/// Trim page text to something fit to show as a name: collapsed whitespace,
/// at most 100 characters.
pub fn clean_name(raw: Option<&str>) -> Option<String> {
    let joined = raw?.split_whitespace().collect::<Vec<_>>().join(" ");
    let name: String = joined.chars().take(100).collect();
    (!name.is_empty()).then_some(name)
}

/// When a post was published, where its URL says so: X's status ids and
/// Mastodon's status ids are snowflakes that carry their creation time.
pub fn posted_at(url: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let rest = url.strip_prefix("https://")?;
    let (host, path) = rest.split_once('/')?;
    let id: u64 = path.rsplit('/').next()?.parse().ok()?;
    let ms = match host {
        // X: milliseconds since 2010-11-04T01:42:54.657Z in the bits above 22.
        _ if hosts::X.contains(&host) && path.contains("/status/") => (id >> 22).checked_add(1_288_834_974_657)?,
        // Mastodon: milliseconds since the Unix epoch in the bits above 16.
        _ if path.starts_with('@') => id >> 16,
        _ => return None,
    };
    chrono::DateTime::from_timestamp_millis(i64::try_from(ms).ok()?)
}

#[cfg(test)]
mod tests;
