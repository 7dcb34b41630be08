//! Facebook (www.facebook.com, facebook.com; not m.facebook.com, whose
//! markup is another app). Every selector, label and URL rule below cites
//! the public source it was checked against, or says "Unverified"; the list
//! of sources, what each shows and what is still unverified is in
//! `docs/sites/facebook.md`. Class names are atomic and change, so the hooks
//! are `role`, `aria-label`, `data-pagelet` and `data-ad-rendering-role`.
//!
//! Recognised: a reaction given or taken back with a post's own Like button
//! (a like of the post's actor), a comment sent with the comment box's send
//! button, profile visits. The like button's state is only in its translated
//! `aria-label`, so reactions are read in **English only** ("Like" ↔ "Remove
//! Like", "Remove Love", "Remove Care", "Remove Haha", "Remove Wow", "Remove
//! Sad", "Remove Angry"); any other label is a miss. No other locale's
//! strings were found in more than one source.
//!
//! Who is signed in: only the home feed's left rail links to the user's own
//! profile (`SELF_LINK`). No public source shows a link to the user on a
//! post's or a profile's own page: the top bar's "Your profile" control is a
//! button that opens a menu, with no `href` (a decoded copy of Facebook's own
//! `CometSettingsDropdownTrigger` module renders it as a profile photo or a
//! circle button labelled "Your profile"). The sources that know the user on
//! every page read the `c_user` cookie (the numeric id), which the content
//! script does not report. The background remembers the user's link from the
//! last page that showed it (`Records::signed_in`), so a post or profile
//! opened in a new tab is read with it; only before Kindling has ever seen
//! the home feed does such a page record nothing (a Miss): the user's own
//! posts could not be told apart there.
//!
//! Inbound (issue 19): on a post's own page, a comment that answers the
//! user directly (a top-level comment on the user's post, a reply nested in
//! the user's comment) is an inbound reply of its author, read from
//! structure alone (any language). The notifications page and panel are not
//! read: each notification is one link to the story and names its people
//! only in text, with no link to their profiles (`docs/sites/facebook.md`).
//!
//! Not recognised, on purpose:
//! - Comments sent with Enter, which is how most are sent: the content
//!   script sees clicks only. Replies to a comment ("Reply to …" boxes):
//!   whom they answer is a comment, whose author link Kindling does not read.
//! - A reaction chosen in the picker that opens on hover: its items are
//!   rendered outside the post, and no source ties them to it.
//! - Shares: the share button opens a menu whose items are translated text
//!   and not documented. Follows and friend requests: aria-label only, not
//!   documented.
//!
//! A shared post is the sharer's own post: its header (`profile_name`) names
//! the sharer, the original is an attachment inside it, and the reaction bar
//! and comment box belong to the share (Facebook notifies the sharer, not the
//! original author). So a like or comment there is recorded for the sharer,
//! and the attached original's author is never taken.

use super::hosts::FACEBOOK as HOSTS;
use super::{
    canonical_handle, clean_name, query_param, ActorFacts, ClickFacts, ContextFacts, ControlRole, ControlRule,
    ControlState, Engagement, InboundItem, InboundRules, PageFacts, PageUrl, PostFacts, ProfileRef, Reading,
    SiteAdapter, SiteRules, Target,
};
use crate::model::{Direction, Kind, Site};

/// A post in the feed, on a profile or in a group is a `div[role="article"]`
/// (the feed's items carry `aria-posinset`), in the feed also inside
/// `[data-pagelet^="FeedUnit_"]`. A comment is a nested `role="article"` too;
/// its controls carry no `data-ad-rendering-role`, so they are not the
/// controls below.
/// Source: chriswch/rental-hunter src/entrypoints/content/providers/facebook/selectors.ts (seen 2026-12-07)
/// Unverified: `[data-pagelet^="FeedUnit_"]` as a post container; no source seen today names it.
const POST: &str = r#"div[role="article"], [data-pagelet^="FeedUnit_"]"#;
/// The story's actor: the link inside `[data-ad-rendering-role="profile_name"]`.
/// The first in the post is the post's own header; a shared original's
/// header comes later, in the attachment.
/// Source: chriswch/rental-hunter src/entrypoints/content/providers/facebook/selectors.ts (seen 2026-12-07)
const AUTHOR: &str = r#"[data-ad-rendering-role="profile_name"] a[href]"#;
/// The post's own page. Facebook fills the timestamp link's `href` only once
/// the pointer is over it, so it is often `#`; then the engagement has no
/// post URL.
/// Unverified: the URL shapes `/<user>/posts/<id>` and `/permalink.php?story_fbid=…&id=…` come from links seen in automation scripts, not from a source that could be named here.
const PERMALINK: &str = r#"a[href*="/posts/"], a[href*="/permalink.php?"]"#;
/// The signed-in user's profile: the first link of the left rail's first
/// list. The left rail is shown on the home feed only; the content script
/// keeps the last one it saw while the tab stays on the site. See the module
/// comment for why nothing else is used.
/// Source: DimensionDev/Maskbook packages/mask/content-script/site-adaptors/facebook.com/collecting/identity.ts (49c9a29)
const SELF_LINK: &str = r#"[data-pagelet="LeftRail"] ul a[role="link"][href]"#;
/// A profile page: its pagelets (`ProfileActions`, `ProfileTimeline`,
/// `ProfileTabs`) and the name in `[role="main"] h1`. Pages of groups,
/// events and the like have an `h1` in `main` too, but not these pagelets.
/// Unverified: no public source seen names these pagelets; a miss here only means no card and no visit.
const PROFILE_NAME: &str = r#"[role="main"]:has([data-pagelet="ProfileActions"], [data-pagelet="ProfileTimeline"], [data-pagelet="ProfileTabs"]) h1"#;
/// The post's text, sent only while the user keeps snippets.
/// Source: chriswch/rental-hunter src/entrypoints/content/providers/facebook/selectors.ts (seen 2026-12-07)
/// Unverified: `data-ad-comet-preview` / `data-ad-preview` inside the `story_message` that source names.
const TEXT: &str = r#"[data-ad-comet-preview="message"], [data-ad-preview="message"]"#;

/// The post's action bar: `[data-ad-rendering-role="like_button"]` inside
/// the `[role="button"]` that takes the click, whose `aria-label` is its
/// state ("Like" / "Remove Like").
/// Unverified: the `like_button` marker and its labelled button are described by the audit's sources, none of which could be named here.
const LIKE: &str = r#"[role="button"]:has([data-ad-rendering-role="like_button"])"#;
/// The Comment button, which opens or focuses the post's comment box.
/// Unverified: the `comment_button` marker, as for `LIKE`.
const COMMENT: &str = r#"[role="button"]:has([data-ad-rendering-role="comment_button"])"#;
/// The comment box is a Lexical editor, `[role="textbox"]` labelled "Comment
/// as <name>" ("Write a comment…" in older layouts, English only); the label
/// keeps Messenger chat boxes, labelled "Message", out. Its send button is
/// `[role="button"]` labelled "Comment" or "Post comment", inside
/// `#focused-state-composer-submit`, with `aria-disabled` while empty.
/// Boxes that answer a comment ("Reply to …") are left out.
/// Unverified: several automation scripts use these labels and the `#focused-state-composer-submit` id, but none could be named here.
const SEND_COMMENT: &str = concat!(
    r#"form:has([role="textbox"]:is([aria-label^="Comment as "], [aria-label^="Write a comment"], "#,
    r#"[aria-label^="Write a public comment"])) "#,
    r#":is([role="button"]:is([aria-label="Comment"], [aria-label="Post comment"]), "#,
    r#"#focused-state-composer-submit [role="button"])"#,
);

/// The like button's label when the user has not reacted (English).
/// Unverified: "Like" on `div[role="button"]` is in many automation scripts, none named here.
const NOT_REACTED: &str = "Like";
/// Its label once they have, one per reaction (English).
/// Unverified: "Remove Like" is in several automation scripts; the other six follow its pattern and were not seen.
const REACTED: &[&str] =
    &["Remove Like", "Remove Love", "Remove Care", "Remove Haha", "Remove Wow", "Remove Sad", "Remove Angry"];

/// On a post's own page, one comment or reply: a `div[role="article"]`
/// (labelled "Comment by …" / "Reply by …" in English, "Opmerking van …" /
/// "Antwoord van …" in Dutch; the label is not read) that holds no story
/// header, so the post itself, also an article, is not one. A reply sits
/// inside the article of the comment it answers.
/// Source: disrex-group/FB-Comments-Exporter-User-script facebook-comment-scraper.user.js (4f8c692)
const THREAD_COMMENT: &str = r#"div[role="article"]:not(:has([data-ad-rendering-role="profile_name"]))"#;
/// What a comment answers: the nearest article around it, the comment a
/// reply is nested in, or the post a top-level comment sits under.
/// Source: disrex-group/FB-Comments-Exporter-User-script facebook-comment-scraper.user.js (4f8c692)
const THREAD_PARENT: &str = r#"div[role="article"]"#;
/// The post the page is about, for a top-level comment whose post is not
/// an article around it: its header, whose first link is its author.
/// Source: chriswch/rental-hunter src/entrypoints/content/providers/facebook/selectors.ts (seen 2026-12-07)
const THREAD_ROOT: &str = r#"[data-ad-rendering-role="profile_name"]"#;
/// Inside a comment (or the article or header around it): its links. The
/// first one to a profile is its author's (the name link, which carries the
/// comment's `comment_id` in its query).
/// Source: disrex-group/FB-Comments-Exporter-User-script facebook-comment-scraper.user.js (4f8c692)
const THREAD_ACTOR: &str = "a[href]";
/// A comment's own link, its timestamp: the post's URL with `comment_id`,
/// and `reply_comment_id` for a reply to a comment. Profile links carry a
/// `comment_id` too, so the path must be a post's.
/// Source: disrex-group/FB-Comments-Exporter-User-script facebook-comment-scraper.user.js (4f8c692)
/// Unverified: the path shapes (`/<user>/posts/<id>?comment_id=…&reply_comment_id=…`, `/permalink.php?story_fbid=…`, `/groups/<g>/permalink/<id>/?comment_id=…`) are from links quoted in public notes that the search tools did not name; disrex reads the timestamp links by `comment_id` / `reply_comment_id` alone.
const THREAD_PERMALINK: &str =
    concat!(r#"a[href*="comment_id="]:is([href*="/posts/"], [href*="/permalink"], "#, r#"[href*="story_fbid="])"#,);

/// First path segments that are Facebook's own pages, never a person.
/// Usernames have at least five characters, so short routes cannot be one
/// anyway.
/// Unverified: gathered from URL structure; not a complete list from any source.
const RESERVED: &[&str] = &[
    "ads",
    "bookmarks",
    "business",
    "events",
    "friends",
    "fundraisers",
    "gaming",
    "groups",
    "hashtag",
    "help",
    "home",
    "latest",
    "login",
    "logout",
    "marketplace",
    "me",
    "memories",
    "messages",
    "notifications",
    "onthisday",
    "pages",
    "people",
    "photo",
    "photos",
    "policies",
    "privacy",
    "reel",
    "reels",
    "saved",
    "search",
    "settings",
    "share",
    "sharer",
    "stories",
    "story",
    "videos",
    "watch",
];

/// Profile sub-pages that still show the profile's header.
/// Unverified: from URL structure only.
const PROFILE_TABS: &[&str] = &["about", "friends", "photos", "videos", "reels", "followers", "following"];

/// The Facebook adapter.
pub struct Facebook;

/// A username in a path segment, canonical, unless it is one of Facebook's
/// routes or a script (`profile.php`, `permalink.php`).
fn username(segment: &str) -> Option<String> {
    let handle = canonical_handle(Site::Facebook, segment, None)?;
    (!RESERVED.contains(&handle.as_str()) && !handle.ends_with(".php")).then_some(handle)
}

/// A numeric profile id.
fn profile_id(raw: &str) -> Option<String> {
    (!raw.is_empty() && raw.len() <= 20 && raw.bytes().all(|b| b.is_ascii_digit())).then(|| raw.to_owned())
}

/// The profile a page's path and query name: `/alice.example`,
/// `/profile.php?id=<n>` or `/people/<Name>/<n>`.
fn handle_at(path: &str, query: &str) -> Option<String> {
    match PageUrl::segments(path).as_slice() {
        ["profile.php"] => profile_id(query_param(query, "id")?),
        ["people", _, id] => profile_id(id),
        [one] => username(one),
        _ => None,
    }
}

/// A link's path and query when it stays on Facebook: relative, or absolute
/// on one of its hosts (links say `www.facebook.com` whichever host the page
/// is on).
fn facebook_link(href: &str) -> Option<(String, String)> {
    if href.starts_with('/') && !href.starts_with("//") {
        let end = href.find('#').unwrap_or(href.len());
        let (path, query) = href[..end].split_once('?').unwrap_or((&href[..end], ""));
        return Some((path.to_owned(), query.to_owned()));
    }
    let url = PageUrl::parse(href)?;
    HOSTS.contains(&url.host.as_str()).then_some((url.path, url.query))
}

/// The account a link points at: a profile, or in a group a member's
/// `/groups/<group>/user/<n>/` (where author links inside groups point),
/// whose id is the member's profile id.
fn handle_from_href(href: &str) -> Option<String> {
    let (path, query) = facebook_link(href)?;
    match PageUrl::segments(&path).as_slice() {
        ["groups", _, "user", id] => profile_id(id),
        _ => handle_at(&path, &query),
    }
}

fn profile_url(handle: &str) -> String {
    if handle.bytes().all(|b| b.is_ascii_digit()) {
        format!("https://www.facebook.com/profile.php?id={handle}")
    } else {
        format!("https://www.facebook.com/{handle}")
    }
}

/// The post's own URL, when the permalink names the post's author: an
/// attached original's permalink, met first when the share's own is still
/// `#`, must not stand for the share.
fn post_url(href: &str, author: &str) -> Option<String> {
    let (path, query) = facebook_link(href)?;
    let id_ok = |id: &str| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric());
    match PageUrl::segments(&path).as_slice() {
        [user, "posts", id] if username(user).as_deref() == Some(author) && id_ok(id) => {
            Some(format!("https://www.facebook.com/{author}/posts/{id}"))
        }
        ["permalink.php"] => {
            let story = query_param(&query, "story_fbid").filter(|s| id_ok(s))?;
            let owner = query_param(&query, "id").and_then(profile_id).filter(|o| o == author)?;
            Some(format!("https://www.facebook.com/permalink.php?story_fbid={story}&id={owner}"))
        }
        _ => None,
    }
}

/// Whether the like button shows a reaction, from its label; `None` when the
/// label is not one of the documented English ones.
fn reacted(state: &ControlState) -> Option<bool> {
    match state.label.as_deref()? {
        NOT_REACTED => Some(false),
        label if REACTED.contains(&label) => Some(true),
        _ => None,
    }
}

/// A comment's own link (its timestamp), read for a reply in a thread.
struct CommentLink {
    /// The comment's URL: the post's, with only the ids that name the
    /// comment. It identifies the reply, so seeing it again adds nothing.
    url: String,
    /// `comment_id`: the top-level comment of the thread it belongs to (the
    /// comment itself when it is top-level).
    thread: String,
    /// It has a `reply_comment_id`: it answers a comment, not the post.
    nested: bool,
}

/// A comment's link: a post's path (`/<user>/posts/<id>`,
/// `/groups/<group>/posts|permalink/<id>`, `/permalink.php?story_fbid=…&id=…`)
/// with `comment_id` and, for a reply to a comment, `reply_comment_id`.
fn comment_link(href: &str) -> Option<CommentLink> {
    let (path, query) = facebook_link(href)?;
    let id_ok = |id: &&str| !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric());
    let group_ok =
        |g: &&str| !g.is_empty() && g.len() <= 100 && g.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.');
    let comment = query_param(&query, "comment_id").filter(id_ok)?;
    let reply = match query_param(&query, "reply_comment_id") {
        Some(reply) => Some(Some(reply).filter(id_ok)?),
        None => None,
    };
    let base = match PageUrl::segments(&path).as_slice() {
        [user, "posts", id] if id_ok(id) => format!("https://www.facebook.com/{}/posts/{id}", username(user)?),
        ["groups", group, kind @ ("posts" | "permalink"), id] if group_ok(group) && id_ok(id) => {
            format!("https://www.facebook.com/groups/{group}/{kind}/{id}")
        }
        ["permalink.php"] => {
            let story = query_param(&query, "story_fbid").filter(id_ok)?;
            let owner = query_param(&query, "id").and_then(profile_id)?;
            format!("https://www.facebook.com/permalink.php?story_fbid={story}&id={owner}")
        }
        _ => return None,
    };
    let joint = if base.contains('?') { '&' } else { '?' };
    let url = match reply {
        Some(reply) => format!("{base}{joint}comment_id={comment}&reply_comment_id={reply}"),
        None => format!("{base}{joint}comment_id={comment}"),
    };
    Some(CommentLink { url, thread: comment.to_owned(), nested: reply.is_some() })
}

/// The post a page is, by its address: `/<user>/posts/<id>` or
/// `/permalink.php?story_fbid=…&id=<owner>`, with the owner it names.
/// Unverified: the URL shapes, as for `PERMALINK`.
fn thread_owner(url: &PageUrl) -> Option<String> {
    match PageUrl::segments(&url.path).as_slice() {
        [user, "posts", id] if !id.is_empty() => username(user),
        ["permalink.php"] => {
            url.param("story_fbid").filter(|s| !s.is_empty())?;
            profile_id(url.param("id")?)
        }
        _ => None,
    }
}

/// The author of what a comment answers: the first profile link in it.
fn context_author(context: &ContextFacts) -> Option<String> {
    context.author.as_ref()?.href.as_deref().and_then(handle_from_href)
}

/// The first link among a comment's links that is a profile: its author.
fn comment_author(actors: &[ActorFacts]) -> Option<(String, &ActorFacts)> {
    actors.iter().find_map(|a| Some((a.href.as_deref().and_then(handle_from_href)?, a)))
}

/// One comment on a post's own page: an inbound reply of its author when it
/// answers the user directly (a reply nested in the user's comment, or a
/// top-level comment on the user's post); else nothing.
fn thread_reply(url: &PageUrl, self_href: Option<&str>, item: &InboundItem) -> Result<Vec<Engagement>, &'static str> {
    let me = Facebook::me(self_href).ok_or("the signed-in user is unknown, so replies to them cannot be told apart")?;
    let (handle, actor) = comment_author(&item.actors).ok_or("the comment has no link to its author's profile")?;
    if handle == me {
        return Ok(Vec::new());
    }
    let link = item.permalink.as_deref().and_then(comment_link).ok_or("the comment has no link of its own")?;
    let answered = if link.nested {
        let parent = item.parent.as_ref().ok_or("a reply outside the comment it answers")?;
        let around =
            parent.permalink.as_deref().and_then(comment_link).ok_or("the comment around a reply has no link")?;
        if around.thread != link.thread {
            return Err("a reply inside a comment of another thread");
        }
        context_author(parent).ok_or("the comment answered has no link to its author")?
    } else {
        // A top-level comment answers the post: the article it sits in, or
        // else the page's post, which must be the one the address names.
        let post = item.parent.as_ref().or(item.root.as_ref()).ok_or("a comment outside any post")?;
        let owner = context_author(post).ok_or("the post has no link to its author")?;
        let numeric = |h: &str| h.bytes().all(|b| b.is_ascii_digit());
        if let Some(named) = thread_owner(url) {
            if numeric(&named) == numeric(&owner) && named != owner {
                return Err("the post shown is not the one the address names");
            }
        }
        owner
    };
    if answered != me {
        return Ok(Vec::new());
    }
    let target = Target { profile_url: profile_url(&handle), name: clean_name(actor.name.as_deref()), handle };
    Ok(vec![Engagement {
        site: Site::Facebook,
        kind: Kind::Reply,
        direction: Direction::Inbound,
        target,
        post_url: Some(link.url),
    }])
}

impl Facebook {
    /// The actor of a post, as a target, or why not.
    fn author(post: &PostFacts) -> Result<Target, &'static str> {
        let href = post.author_href.as_deref().ok_or("the post has no author link")?;
        let handle = handle_from_href(href).ok_or("the author link is not a profile")?;
        Ok(Target { profile_url: profile_url(&handle), name: clean_name(post.author_name.as_deref()), handle })
    }

    /// The signed-in user, from their profile link.
    fn me(facts_self: Option<&str>) -> Option<String> {
        facts_self.and_then(handle_from_href)
    }

    /// The engagement with a post's actor (or, with `undo`, its withdrawal),
    /// unless it is the user's own post.
    fn with_author(post: &PostFacts, me: &str, kind: Kind, undo: bool) -> Reading {
        let target = match Facebook::author(post) {
            Ok(target) => target,
            Err(why) => return Reading::Miss(why),
        };
        let own = target.handle == me;
        let post_url = post.permalink.as_deref().and_then(|h| post_url(h, &target.handle));
        Engagement::outbound(Site::Facebook, kind, target, post_url).concluded(own, "the user's own post", undo)
    }

    /// A reaction given (any of them counts as a like) or taken back.
    fn reaction(facts: &ClickFacts, me: &str) -> Reading {
        let undo = match (reacted(&facts.before), reacted(&facts.after)) {
            (Some(false), Some(true)) => false,
            (Some(true), Some(false)) => true,
            (Some(_), Some(_)) => return Reading::Miss("the like button did not change state"),
            _ => return Reading::Miss("the like button's label is not one Kindling knows (English only)"),
        };
        let Some(post) = facts.post.as_ref() else {
            return Reading::Miss("the like button is not inside a post");
        };
        Facebook::with_author(post, me, Kind::Like, undo)
    }

    /// A comment sent with the send button: on the post the comment box sits
    /// in, or, for a box outside any post (a post's dialog), on the post whose
    /// Comment button opened it.
    fn comment(facts: &ClickFacts, me: &str) -> Reading {
        let Some(post) = facts.post.as_ref().or(facts.reply_to.as_ref()) else {
            return Reading::Miss("a comment was sent with no post to comment on");
        };
        match Facebook::with_author(post, me, Kind::Comment, false) {
            Reading::Ignore(_) => Reading::Ignore("a comment on the user's own post"),
            outcome => outcome,
        }
    }
}

impl SiteAdapter for Facebook {
    fn site(&self) -> Site {
        Site::Facebook
    }

    fn hosts(&self) -> &'static [&'static str] {
        HOSTS
    }

    fn rules(&self) -> SiteRules {
        SiteRules {
            site: Site::Facebook,
            post: POST,
            author: AUTHOR,
            permalink: PERMALINK,
            self_link: SELF_LINK,
            profile_name: PROFILE_NAME,
            text: TEXT,
            post_attributes: &[],
            controls: vec![
                ControlRule { name: "like", selector: LIKE, role: ControlRole::Toggle, on: None },
                ControlRule { name: "comment", selector: COMMENT, role: ControlRole::OpenReply, on: None },
                ControlRule { name: "send_comment", selector: SEND_COMMENT, role: ControlRole::SubmitReply, on: None },
            ],
        }
    }

    fn profile_handle(&self, url: &PageUrl) -> Option<String> {
        match PageUrl::segments(&url.path).as_slice() {
            [one, tab] if PROFILE_TABS.contains(tab) => username(one),
            _ => handle_at(&url.path, &url.query),
        }
    }

    fn account_url(&self, handle: &str) -> Option<String> {
        Some(profile_url(handle))
    }

    fn profile(&self, url: &PageUrl, page: &PageFacts) -> Option<ProfileRef> {
        let handle = self.profile_handle(url)?;
        // The URL shape alone also matches pages (brands, places) and routes
        // missing from RESERVED: only a rendered profile header says it is one.
        let name = clean_name(page.profile_name.as_deref())?;
        // Without knowing who is signed in, the user's own profile would get
        // a card and a visit to themselves.
        let me = Facebook::me(page.self_href.as_deref())?;
        Some(ProfileRef {
            site: Site::Facebook,
            url: profile_url(&handle),
            is_self: handle == me,
            handle,
            name: Some(name),
        })
    }

    /// A post's own page: its comments, for replies to the user. The
    /// notifications page and panel are not read: each notification is one
    /// link to the story, naming its people only in text (docs/sites/facebook.md).
    fn inbound_rules(&self, url: &PageUrl) -> Option<InboundRules> {
        thread_owner(url).map(|_| InboundRules {
            item: THREAD_COMMENT,
            actor: THREAD_ACTOR,
            permalink: THREAD_PERMALINK,
            attributes: &[],
            icon: "",
            parent: THREAD_PARENT,
            root: THREAD_ROOT,
        })
    }

    fn inbound(
        &self,
        url: &PageUrl,
        self_href: Option<&str>,
        item: &InboundItem,
    ) -> Result<Vec<Engagement>, &'static str> {
        if thread_owner(url).is_none() {
            return Err("not a post's page, where Facebook comments are read");
        }
        thread_reply(url, self_href, item)
    }

    fn engagement(&self, _url: &PageUrl, facts: &ClickFacts) -> Reading {
        let Some(me) = Facebook::me(facts.self_href.as_deref()) else {
            return Reading::Miss(
                "the page does not show who is signed in, so the user's own posts cannot be told apart",
            );
        };
        match facts.control.as_str() {
            "like" => Facebook::reaction(facts, &me),
            "send_comment" => Facebook::comment(facts, &me),
            _ => Reading::Miss("not a control the Facebook adapter knows"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Direction;

    const ME: &str = "https://www.facebook.com/kim.lindqvist";

    fn at(path: &str, query: &str) -> PageUrl {
        PageUrl { host: "www.facebook.com".into(), path: path.into(), query: query.into() }
    }

    fn labelled(label: &str) -> ControlState {
        ControlState { label: Some(label.into()), ..ControlState::default() }
    }

    fn post(author: &str, name: &str, permalink: &str) -> PostFacts {
        PostFacts {
            author_href: Some(author.into()),
            author_name: Some(name.into()),
            permalink: Some(permalink.into()),
            ..PostFacts::default()
        }
    }

    fn alice() -> PostFacts {
        post(
            "https://www.facebook.com/alice.example?__cft__[0]=AZX1&__tn__=-UC%2CP-R",
            "Alice Example",
            "https://www.facebook.com/alice.example/posts/pfbid02AbC?__cft__[0]=AZX1",
        )
    }

    fn click(control: &str, before: &str, after: &str, post: Option<PostFacts>) -> ClickFacts {
        ClickFacts {
            control: control.into(),
            before: labelled(before),
            after: labelled(after),
            post,
            self_href: Some(ME.into()),
            ..ClickFacts::default()
        }
    }

    fn home() -> PageUrl {
        at("/", "")
    }

    fn recorded(outcome: Reading) -> Engagement {
        match outcome {
            Reading::Record(e) => e,
            other => panic!("expected a record, got {other:?}"),
        }
    }

    #[test]
    fn every_reaction_is_a_like_of_the_posts_actor_and_taking_it_back_withdraws_it() {
        for reaction in REACTED {
            let e = recorded(Facebook.engagement(&home(), &click("like", "Like", reaction, Some(alice()))));
            assert_eq!((e.site, e.kind, e.direction), (Site::Facebook, Kind::Like, Direction::Outbound));
            assert_eq!(
                (e.target.handle.as_str(), e.target.name.as_deref(), e.target.profile_url.as_str()),
                ("alice.example", Some("Alice Example"), "https://www.facebook.com/alice.example")
            );
            assert_eq!(e.post_url.as_deref(), Some("https://www.facebook.com/alice.example/posts/pfbid02AbC"));
            match Facebook.engagement(&home(), &click("like", reaction, "Like", Some(alice()))) {
                Reading::Withdraw(undo) => assert_eq!(undo, e, "{reaction}"),
                other => panic!("{reaction}: expected a withdrawal, got {other:?}"),
            }
        }
    }

    #[test]
    fn labels_outside_the_documented_english_ones_are_misses() {
        let cases = [
            ("Gefällt mir", "„Gefällt mir“ entfernen"),
            ("J’aime", "Je n’aime plus"),
            ("like", "remove like"),
            ("Like", "Remove"),
            ("Like", "Unlike"),
            ("Remove Like", "Remove Love"),
            ("Like", "Like"),
            ("", "Remove Like"),
        ];
        for (before, after) in cases {
            let outcome = Facebook.engagement(&home(), &click("like", before, after, Some(alice())));
            assert!(matches!(outcome, Reading::Miss(_)), "{before:?} → {after:?}: {outcome:?}");
        }
        let mut unlabelled = click("like", "Like", "Remove Like", Some(alice()));
        unlabelled.after.label = None;
        assert!(matches!(Facebook.engagement(&home(), &unlabelled), Reading::Miss(_)));
    }

    #[test]
    fn numeric_and_group_member_authors_are_their_profile_ids() {
        let cases = [
            ("https://www.facebook.com/profile.php?id=100012345678901&__cft__[0]=AZ", "100012345678901"),
            ("/profile.php?__tn__=R&id=100012345678901", "100012345678901"),
            ("https://www.facebook.com/people/Dave-Okafor/100098765432109/", "100098765432109"),
            ("https://www.facebook.com/groups/gardeners/user/100055555555555/?__cft__[0]=AZ", "100055555555555"),
            ("https://facebook.com/Erin.Walsh", "erin.walsh"),
        ];
        for (href, handle) in cases {
            let facts = click("like", "Like", "Remove Like", Some(post(href, "Someone", "#")));
            let e = recorded(Facebook.engagement(&home(), &facts));
            assert_eq!(e.target.handle, handle, "{href}");
            assert_eq!(e.post_url, None, "a permalink not yet filled in gives no post URL");
        }
        assert_eq!(profile_url("100012345678901"), "https://www.facebook.com/profile.php?id=100012345678901");
    }

    #[test]
    fn a_permalink_counts_only_when_it_is_the_authors_own_post() {
        let cases = [
            ("/alice.example/posts/pfbid02AbC", Some("https://www.facebook.com/alice.example/posts/pfbid02AbC")),
            ("https://www.facebook.com/permalink.php?story_fbid=pfbid0X&id=100012345678901&__cft__[0]=AZ", None),
            ("https://www.facebook.com/bob.builder/posts/pfbid09ZZ", None),
            ("https://evil.example/alice.example/posts/pfbid02AbC", None),
            ("/alice.example/posts/pfb%20id", None),
            ("#", None),
        ];
        for (permalink, want) in cases {
            let facts =
                click("like", "Like", "Remove Like", Some(PostFacts { permalink: Some(permalink.into()), ..alice() }));
            assert_eq!(recorded(Facebook.engagement(&home(), &facts)).post_url.as_deref(), want, "{permalink}");
        }
        let numeric = post(
            "/profile.php?id=100012345678901",
            "Carol Chen",
            "/permalink.php?story_fbid=pfbid0X&id=100012345678901",
        );
        let e = recorded(Facebook.engagement(&home(), &click("like", "Like", "Remove Like", Some(numeric))));
        assert_eq!(
            e.post_url.as_deref(),
            Some("https://www.facebook.com/permalink.php?story_fbid=pfbid0X&id=100012345678901")
        );
    }

    #[test]
    fn a_shared_post_is_the_sharers_and_its_original_author_is_never_taken() {
        // The content script takes the first profile_name link: the share's
        // own header. The attached original's permalink does not name her.
        let share = post(
            "https://www.facebook.com/profile.php?id=100012345678901&__cft__[0]=AZ",
            "Carol Chen",
            "https://www.facebook.com/bob.builder/posts/pfbid0Bob",
        );
        let e = recorded(Facebook.engagement(&home(), &click("like", "Like", "Remove Love", Some(share))));
        assert_eq!((e.target.handle.as_str(), e.target.name.as_deref()), ("100012345678901", Some("Carol Chen")));
        assert_eq!(e.post_url, None, "Bob's permalink is not the share's");
    }

    #[test]
    fn a_comment_goes_to_the_post_its_box_sits_in_or_else_the_one_whose_button_opened_it() {
        let carol = post("/profile.php?id=100012345678901", "Carol Chen", "#");
        let mut inline = click("send_comment", "", "", Some(alice()));
        inline.reply_to = Some(carol.clone());
        let e = recorded(Facebook.engagement(&home(), &inline));
        assert_eq!((e.kind, e.target.handle.as_str()), (Kind::Comment, "alice.example"));
        let mut dialog = click("send_comment", "", "", None);
        dialog.reply_to = Some(carol);
        assert_eq!(recorded(Facebook.engagement(&home(), &dialog)).target.handle, "100012345678901");
        let nothing = click("send_comment", "", "", None);
        assert!(matches!(Facebook.engagement(&home(), &nothing), Reading::Miss(_)));
    }

    #[test]
    fn the_users_own_posts_are_ignored() {
        let mine = post("https://www.facebook.com/Kim.Lindqvist?__cft__[0]=AZ", "Kim Lindqvist", "#");
        let like = click("like", "Like", "Remove Like", Some(mine.clone()));
        assert!(matches!(Facebook.engagement(&home(), &like), Reading::Ignore(_)));
        let comment = click("send_comment", "", "", Some(mine));
        assert!(matches!(Facebook.engagement(&home(), &comment), Reading::Ignore(_)));
    }

    #[test]
    fn nothing_is_recorded_where_the_signed_in_user_is_unknown() {
        for self_href in [None, Some("/groups/feed/"), Some("https://evil.example/kim.lindqvist")] {
            let mut facts = click("like", "Like", "Remove Like", Some(alice()));
            facts.self_href = self_href.map(Into::into);
            assert!(matches!(Facebook.engagement(&home(), &facts), Reading::Miss(_)), "{self_href:?}");
        }
    }

    #[test]
    fn a_post_opened_directly_without_the_left_rail_records_nobody() {
        // A new tab on a post's own page: no left rail, so no self link. The
        // post's author must not be recorded, and neither must the page's
        // owner, whether the post is someone else's or the user's own.
        let page = at("/alice.example/posts/pfbid02AbC", "");
        let mine = post("https://www.facebook.com/kim.lindqvist", "Kim Lindqvist", "#");
        for (why, author) in [("someone else's post", alice()), ("the user's own post", mine)] {
            for control in ["like", "send_comment"] {
                let mut facts = click(control, "Like", "Remove Like", Some(author.clone()));
                facts.self_href = None;
                let outcome = Facebook.engagement(&page, &facts);
                assert!(matches!(outcome, Reading::Miss(_)), "{why}, {control}: {outcome:?}");
            }
        }
        // The same page, once the user is known (shown here, or remembered
        // from a page that showed it): recorded.
        let e = recorded(Facebook.engagement(&page, &click("like", "Like", "Remove Like", Some(alice()))));
        assert_eq!(e.target.handle, "alice.example");
    }

    #[test]
    fn unrecognised_or_incomplete_clicks_are_misses_never_guesses() {
        let cases = [
            ("no post", click("like", "Like", "Remove Like", None)),
            ("no author link", click("like", "Like", "Remove Like", Some(PostFacts { author_href: None, ..alice() }))),
            ("author is a group", click("like", "Like", "Remove Like", Some(post("/groups/gardeners/", "G", "#")))),
            ("author is a page route", click("like", "Like", "Remove Like", Some(post("/watch/", "Watch", "#")))),
            ("author is a script", click("like", "Like", "Remove Like", Some(post("/photo.php?fbid=1", "P", "#")))),
            (
                "author elsewhere",
                click("like", "Like", "Remove Like", Some(post("https://evil.example/alice", "A", "#"))),
            ),
            (
                "author protocol-relative",
                click("like", "Like", "Remove Like", Some(post("//evil.example/a", "A", "#"))),
            ),
            ("bad profile id", click("like", "Like", "Remove Like", Some(post("/profile.php?id=12ab", "A", "#")))),
            ("no profile id", click("like", "Like", "Remove Like", Some(post("/profile.php", "A", "#")))),
            ("bad username", click("like", "Like", "Remove Like", Some(post("/alice%20ex", "A", "#")))),
            (
                "a post, not a profile",
                click("like", "Like", "Remove Like", Some(post("/alice.example/posts/1", "A", "#"))),
            ),
            ("unknown control", click("share", "", "", Some(alice()))),
            ("opening the comment box is not reported", click("comment", "", "", Some(alice()))),
        ];
        for (why, facts) in cases {
            assert!(matches!(Facebook.engagement(&home(), &facts), Reading::Miss(_)), "{why}");
        }
    }

    fn profile_page(name: Option<&str>) -> PageFacts {
        PageFacts { title: "Facebook".into(), profile_name: name.map(Into::into), self_href: Some(ME.into()) }
    }

    #[test]
    fn profile_pages_are_the_profile_routes_only() {
        let cases = [
            ("/alice.example", "", Some("alice.example")),
            ("/Alice.Example/", "", Some("alice.example")),
            ("/alice.example/about", "", Some("alice.example")),
            ("/alice.example/friends", "", Some("alice.example")),
            ("/profile.php", "id=100012345678901", Some("100012345678901")),
            ("/profile.php", "id=100012345678901&sk=about", Some("100012345678901")),
            ("/people/Dave-Okafor/100098765432109", "", Some("100098765432109")),
            ("/people/Dave-Okafor/100098765432109/", "", Some("100098765432109")),
            ("/profile.php", "", None),
            ("/profile.php", "id=abc", None),
            ("/people/Dave-Okafor", "", None),
            ("/alice.example/posts/pfbid02AbC", "", None),
            ("/alice.example/videos/123", "", None),
            ("/", "", None),
            ("/groups/gardeners", "", None),
            ("/groups/gardeners/user/100055555555555", "", None),
            ("/watch", "", None),
            ("/watch/", "v=1", None),
            ("/marketplace", "", None),
            ("/events/123", "", None),
            ("/reel/123", "", None),
            ("/stories/alice.example", "", None),
            ("/photo", "fbid=1", None),
            ("/photo.php", "fbid=1", None),
            ("/permalink.php", "story_fbid=1&id=2", None),
            ("/story.php", "story_fbid=1&id=2", None),
            ("/hashtag/running", "", None),
            ("/search/top", "q=alice", None),
            ("/settings", "", None),
            ("/messages/t/1", "", None),
            ("/notifications", "", None),
            ("/friends", "", None),
            ("/bookmarks", "", None),
            ("/gaming", "", None),
            ("/me", "", None),
        ];
        for (path, query, want) in cases {
            let got = Facebook.profile(&at(path, query), &profile_page(Some("Someone")));
            assert_eq!(got.as_ref().map(|p| p.handle.as_str()), want, "{path}?{query}");
        }
    }

    #[test]
    fn a_profile_needs_its_header_and_a_known_signed_in_user() {
        let url = at("/alice.example", "");
        let alice = Facebook.profile(&url, &profile_page(Some("  Alice\n Example ")));
        assert_eq!(
            alice.as_ref().map(|p| (p.name.as_deref(), p.url.as_str(), p.is_self)),
            Some((Some("Alice Example"), "https://www.facebook.com/alice.example", false))
        );
        assert_eq!(Facebook.profile(&url, &profile_page(None)), None, "a page or a route that is no profile");
        let unknown_me = PageFacts { self_href: None, ..profile_page(Some("Alice Example")) };
        assert_eq!(Facebook.profile(&url, &unknown_me), None, "it might be the user's own");
        let me = Facebook.profile(&at("/kim.lindqvist", ""), &profile_page(Some("Kim Lindqvist")));
        assert_eq!(me.map(|p| p.is_self), Some(true));
        let numeric = Facebook.profile(&at("/profile.php", "id=100012345678901"), &profile_page(Some("Carol Chen")));
        assert_eq!(numeric.map(|p| p.url).as_deref(), Some("https://www.facebook.com/profile.php?id=100012345678901"));
    }

    #[test]
    fn both_hosts_are_served_and_m_facebook_is_not() {
        for host in HOSTS {
            let found = crate::sites::for_url(&format!("https://{host}/alice.example"));
            assert_eq!(found.map(|(a, _)| a.site()), Some(Site::Facebook), "{host}");
        }
        assert!(crate::sites::for_url("https://m.facebook.com/alice.example").is_none());
        let (_, url) =
            crate::sites::for_url("https://www.facebook.com/profile.php?id=4").unwrap_or_else(|| panic!("no adapter"));
        assert_eq!(Facebook.profile(&url, &profile_page(Some("Mark"))).map(|p| p.handle).as_deref(), Some("4"));
    }

    #[test]
    fn the_rules_name_every_control_the_adapter_reads() {
        let names: Vec<_> = Facebook.rules().controls.iter().map(|c| (c.name, c.role)).collect();
        assert_eq!(
            names,
            [
                ("like", ControlRole::Toggle),
                ("comment", ControlRole::OpenReply),
                ("send_comment", ControlRole::SubmitReply)
            ]
        );
    }

    // Replies in a thread: Kim's post, opened on its own page.
    const THREAD: &str = "https://www.facebook.com/kim.lindqvist/posts/pfbid0KimThread5r";

    fn thread_page() -> PageUrl {
        at("/kim.lindqvist/posts/pfbid0KimThread5r", "")
    }

    fn actor(href: &str, name: &str) -> ActorFacts {
        ActorFacts { href: Some(href.into()), name: Some(name.into()), label: None }
    }

    fn context(author: &str, permalink: Option<&str>) -> ContextFacts {
        ContextFacts {
            author: Some(actor(author, "")),
            permalink: permalink.map(Into::into),
            ..ContextFacts::default()
        }
    }

    /// A comment by `author` (a profile link carrying the comment's id, as
    /// Facebook's do), whose own link is `link`, inside `parent`.
    fn comment(author: &str, name: &str, link: &str, parent: Option<ContextFacts>) -> InboundItem {
        InboundItem {
            marker: "x1n2onr6 x1ye3gou".into(),
            label: Some(format!("Comment by {name} 2 hours ago")),
            actors: vec![actor(&format!("{author}?comment_id=Y29tbWVudDo&__cft__[0]=AZ"), name)],
            permalink: Some(link.into()),
            parent,
            root: Some(context("https://www.facebook.com/kim.lindqvist?__cft__[0]=AZ", None)),
            ..InboundItem::default()
        }
    }

    fn kims_post() -> Option<ContextFacts> {
        Some(context("https://www.facebook.com/kim.lindqvist?__cft__[0]=AZ&__tn__=-UC", Some("#")))
    }

    #[test]
    fn a_comment_on_the_users_post_is_an_inbound_reply_of_its_author_once() {
        let link = format!("{THREAD}?comment_id=1704414996266318&__cft__[0]=AZ&__tn__=R]-R");
        let item = comment("https://www.facebook.com/alice.example", "Alice Example", &link, kims_post());
        let found = Facebook.inbound(&thread_page(), Some(ME), &item);
        let Ok([e]) = found.as_deref() else { panic!("one reply expected: {found:?}") };
        assert_eq!((e.site, e.kind, e.direction), (Site::Facebook, Kind::Reply, Direction::Inbound));
        assert_eq!((e.target.handle.as_str(), e.target.name.as_deref()), ("alice.example", Some("Alice Example")));
        assert_eq!(e.post_url.as_deref(), Some(&*format!("{THREAD}?comment_id=1704414996266318")));
        // Without the article around it, the page's post (its header) is
        // what a top-level comment answers.
        let bare = InboundItem { parent: None, ..item };
        assert_eq!(Facebook.inbound(&thread_page(), Some(ME), &bare).map(|v| v.len()), Ok(1));
    }

    #[test]
    fn a_reply_to_the_users_comment_is_an_inbound_reply_and_to_anyone_elses_is_nothing() {
        let kims = format!("{THREAD}?comment_id=1704414996266318");
        let reply = format!("{THREAD}?comment_id=1704414996266318&reply_comment_id=1705159672858517&__cft__[0]=AZ");
        let in_kims = Some(context("https://www.facebook.com/kim.lindqvist?comment_id=Y29t", Some(&kims)));
        let dave = comment("https://www.facebook.com/dave.okafor", "Dave Okafor", &reply, in_kims);
        let found = Facebook.inbound(&thread_page(), Some(ME), &dave).unwrap_or_default();
        assert_eq!(found.iter().map(|e| e.target.handle.as_str()).collect::<Vec<_>>(), ["dave.okafor"]);
        assert_eq!(
            found[0].post_url.as_deref(),
            Some(&*format!("{THREAD}?comment_id=1704414996266318&reply_comment_id=1705159672858517"))
        );
        // Bob answers Carol, on the user's own post: nothing.
        let in_carols = Some(context("/profile.php?id=100012345678901&comment_id=Y29t", Some(&kims)));
        let bob = comment("https://www.facebook.com/bob.builder", "Bob Builder", &reply, in_carols);
        assert_eq!(Facebook.inbound(&thread_page(), Some(ME), &bob), Ok(vec![]));
    }

    #[test]
    fn the_users_own_comments_and_comments_on_other_peoples_posts_record_nothing() {
        let link = format!("{THREAD}?comment_id=1704414996266318");
        let mine = comment("https://www.facebook.com/kim.lindqvist", "Kim Lindqvist", &link, kims_post());
        assert_eq!(Facebook.inbound(&thread_page(), Some(ME), &mine), Ok(vec![]));
        let alices_page = at("/alice.example/posts/pfbid02AliceRun30km", "");
        let alices_post = Some(context("https://www.facebook.com/alice.example", Some("#")));
        let on_alices = "https://www.facebook.com/alice.example/posts/pfbid02AliceRun30km?comment_id=99";
        let bob = comment("https://www.facebook.com/bob.builder", "Bob Builder", on_alices, alices_post);
        assert_eq!(Facebook.inbound(&alices_page, Some(ME), &bob), Ok(vec![]));
    }

    #[test]
    fn unreadable_threads_are_misses_never_the_pages_owner() {
        let link = format!("{THREAD}?comment_id=1704414996266318");
        let reply = format!("{THREAD}?comment_id=1704414996266318&reply_comment_id=1705159672858517");
        let alice =
            |link: &str, parent| comment("https://www.facebook.com/alice.example", "Alice Example", link, parent);
        let other_thread = Some(context("/kim.lindqvist", Some(&*format!("{THREAD}?comment_id=555"))));
        let cases = [
            ("no self link", None, alice(&link, kims_post())),
            ("no author link", Some(ME), InboundItem { actors: vec![], ..alice(&link, kims_post()) }),
            (
                "the author link is a group",
                Some(ME),
                InboundItem { actors: vec![actor("/groups/gardeners/", "G")], ..alice(&link, kims_post()) },
            ),
            ("no link of its own", Some(ME), InboundItem { permalink: None, ..alice(&link, kims_post()) }),
            ("a profile link as its own", Some(ME), alice("/alice.example?comment_id=1", kims_post())),
            ("a timestamp not yet filled in", Some(ME), alice("#", kims_post())),
            ("a reply with no comment around it", Some(ME), alice(&reply, None)),
            ("a reply inside another thread's comment", Some(ME), alice(&reply, other_thread)),
            ("a reply in a comment with no author", Some(ME), alice(&reply, Some(ContextFacts::default()))),
            ("a comment outside any post", Some(ME), InboundItem { root: None, ..alice(&link, None) }),
            (
                "the page's post is someone else's than the address says",
                Some(ME),
                InboundItem { root: Some(context("/bob.builder", None)), ..alice(&link, None) },
            ),
        ];
        for (why, me, item) in cases {
            let got = Facebook.inbound(&thread_page(), me, &item);
            assert!(got.is_err(), "{why}: {got:?}");
        }
    }

    #[test]
    fn comments_are_read_on_a_posts_own_page_only() {
        let rules = |path: &str, query: &str| Facebook.inbound_rules(&at(path, query)).is_some();
        assert!(rules("/kim.lindqvist/posts/pfbid0KimThread5r", ""));
        assert!(rules("/permalink.php", "story_fbid=pfbid0X&id=100012345678901"));
        for (path, query) in [
            ("/", ""),
            ("/notifications", ""),
            ("/notifications/", ""),
            ("/kim.lindqvist", ""),
            ("/permalink.php", "story_fbid=1"),
            ("/groups/gardeners/posts/1", ""),
            ("/watch/posts/1", ""),
        ] {
            assert!(!rules(path, query), "{path}?{query}");
        }
        let item = comment("/alice.example", "Alice", &format!("{THREAD}?comment_id=1"), kims_post());
        assert!(Facebook.inbound(&home(), Some(ME), &item).is_err());
        // A numeric post owner in the address.
        let page = at("/permalink.php", "story_fbid=pfbid0X&id=100012345678901");
        let link = "https://www.facebook.com/permalink.php?story_fbid=pfbid0X&id=100012345678901&comment_id=7";
        let carol_me = "https://www.facebook.com/profile.php?id=100012345678901";
        let carols_post = Some(context("/profile.php?id=100012345678901&__cft__[0]=AZ", Some("#")));
        let found = Facebook.inbound(&page, Some(carol_me), &comment("/alice.example", "Alice", link, carols_post));
        assert_eq!(
            found.map(|v| v.into_iter().filter_map(|e| e.post_url).collect::<Vec<_>>()),
            Ok(vec![format!("{link}")])
        );
    }
}
