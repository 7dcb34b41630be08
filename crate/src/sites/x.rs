//! X (x.com, twitter.com). X ships no source, so every marker below cites
//! a maintained public extension or script that relies on it
//! (docs/sites/x.md lists them): posts are `article[data-testid="tweet"]`,
//! engagement buttons flip their `data-testid` (`like` ↔ `unlike`), and
//! generated class names are never used. A follow button belongs to the
//! person whose cell or hover card it sits in, or to the profile whose
//! header it is in; never to the page's owner by default.

use super::hosts::X as HOSTS;
use super::{
    clean_name, handle_after, profile_engagement, undo_of_flip, ClickFacts, ControlRole, ControlRule, Engagement,
    PageFacts, PageUrl, PersonFacts, PersonRules, ProfileRef, Reading, SiteAdapter, SiteRules, Target,
};
use super::{InboundItem, InboundRules, KeyRule};
use crate::model::{Direction, Kind, Site};

/// Source: insin/control-panel-for-twitter script.js (0962235) `TWEET: '[data-testid="tweet"]'` and
/// `article[data-testid="tweet"]`.
const POST: &str = r#"article[data-testid="tweet"]"#;
/// The first link in the first `User-Name` block is the display name of the
/// post's author; a quoted post's `User-Name` comes later in the markup.
/// Source: insin/control-panel-for-twitter script.js (0962235)
/// `$tweet.querySelector('[data-testid="User-Name"] a')`, read as the author.
const AUTHOR: &str = r#"[data-testid="User-Name"] a[href]"#;
/// Unverified: no reference reads the permalink this way; CPFT reads the
/// `time` inside `User-Name`, whose link is the post's (script.js, 0962235).
/// A post with no such link is a recorded miss, never a guess.
const PERMALINK: &str = r#"a[href*="/status/"]:has(time)"#;
/// Source: dhiyakanani8/x-follower-script xfollow-home.js (2a2dd80) and many
/// userscripts read `a[data-testid="AppTabBar_Profile_Link"]`'s `href` as the
/// signed-in user (CPFT itself uses X's React state instead).
const SELF_LINK: &str = r#"a[data-testid="AppTabBar_Profile_Link"]"#;
/// The profile header's name block; its text is "Name@handle" (the handle is
/// stripped in `profile`). A plain attribute selector: a descendant one
/// (`… [data-testid="UserName"] span`) made the browser test every span's
/// ancestors, 6–14 ms per report on a 500-post feed (docs/benchmarks.md).
/// Source: YanaSn0/Javascript Profile-Scrape.js (dee4b38)
/// `div[data-testid="UserName"]` as the profile header's name.
const PROFILE_NAME: &str = r#"[data-testid="UserName"]"#;
/// Source: insin/control-panel-for-twitter script.js (0962235)
/// `div[data-testid="tweetText"] span`.
const TEXT: &str = r#"[data-testid="tweetText"]"#;

/// Source: insin/control-panel-for-twitter script.js (0962235)
/// `'[data-testid$="like"]'` (the suffix covers `like` and `unlike`).
const LIKE: &str = r#"[data-testid="like"], [data-testid="unlike"]"#;
/// Source: insin/control-panel-for-twitter script.js (0962235) `'[data-testid="reply"]'`.
const REPLY: &str = r#"[data-testid="reply"]"#;
/// Source: insin/control-panel-for-twitter script.js (0962235)
/// `button[data-testid="tweetButton"]`, `[data-testid="tweetButtonInline"]`.
const SEND: &str = r#"[data-testid="tweetButton"], [data-testid="tweetButtonInline"]"#;
/// What closes a modal without acting: its app bar's close button and the
/// mask behind it (CPFT closes the Premium sign-up page with the first and
/// upsell sheets with a click on the second). Escape closes it too; the
/// content script forgets the reply then, on any site.
/// Source: insin/control-panel-for-twitter script.js (0962235, 2026-08-17) `[data-testid="app-bar-close"]`, `[data-testid="mask"]`
const CLOSE: &str = r#"[data-testid="app-bar-close"], [data-testid="mask"]"#;
/// The repost button opens a menu in a layer outside the post; X has
/// renamed retweet → repost in places, so both names are matched.
/// Source: insin/control-panel-for-twitter script.js (0962235) `'[data-testid$="retweet"]'`.
const REPOST_MENU: &str = r#"[data-testid="retweet"], [data-testid="unretweet"]"#;
/// Source: insin/control-panel-for-twitter script.js (0962235)
/// `div:is([data-testid="retweetConfirm"], [data-testid="repostConfirm"])`.
const REPOST: &str = r#"[data-testid="retweetConfirm"], [data-testid="repostConfirm"]"#;
/// Source: insin/control-panel-for-twitter script.js (0962235), the same for
/// `unretweetConfirm` / `unrepostConfirm`.
const UNDO_REPOST: &str = r#"[data-testid="unretweetConfirm"], [data-testid="unrepostConfirm"]"#;
/// Follow buttons carry the account's id: `12345-follow` / `12345-unfollow`.
/// A follow request to a protected account turns the button into
/// `12345-cancel` (requested; clicking it again withdraws the request).
/// Source: insin/control-panel-for-twitter script.js (0962235)
/// `[role="button"][data-testid$="-follow"]`, `…$="-unfollow"`.
/// Unverified: `-cancel` is read so by public follow bots the index does not
/// name (find_string `[data-testid$="-cancel"]`, seen 2026-12-07); only a
/// button whose id part is all digits counts (`follow_state`).
const FOLLOW: &str = r#"[data-testid$="-follow"], [data-testid$="-unfollow"], [data-testid$="-cancel"]"#;

/// Where other people's follow buttons sit, each about one person: user cells
/// (follow lists, "Who to follow", "You might like") and hover cards; and the
/// regions that hold them (a follow button there but outside a cell is about
/// nobody Kindling can name).
/// Source: bxljoy/twitter-blocking-assistant scripts/content.js (seen 2026-12-07)
/// `div[data-testid="cellInnerDiv"] div[data-testid=UserCell]`;
/// YanaSn0/Javascript Profile-Scrape.js (dee4b38) `button[data-testid="UserCell"]`
/// with the person's `a[href^="/"][role="link"]` inside;
/// insin/control-panel-for-twitter script.js (0962235) `[data-testid="HoverCard"]`
/// (hover cards, with `button[data-testid="UserCell"]` inside),
/// `div[data-testid="sidebarColumn"]`, and
/// `body.Profile [data-testid="primaryColumn"] aside[role="complementary"]`
/// (the "You might like" suggestions on profiles);
/// dhiyakanani8/x-follower-script xfollow-home.js (2a2dd80) `[data-testid="hoverCardParent"]`.
const PERSON_SCOPE: &str = r#"[data-testid="UserCell"], [data-testid="HoverCard"], [data-testid="hoverCardParent"], aside, [data-testid="sidebarColumn"]"#;
/// Source: YanaSn0/Javascript Profile-Scrape.js (dee4b38) reads a cell's
/// person from `a[href^="/"][role="link"]`; any same-site link is reported
/// and only one-segment profile paths count (`person_target`).
const PERSON_LINK: &str = r#"a[href^="/"]"#;
/// The scopes that are one person (the others are regions of several).
/// Source: YanaSn0/Javascript Profile-Scrape.js (dee4b38) `UserCell`
/// Source: insin/control-panel-for-twitter script.js (0962235) `HoverCard`
/// Source: dhiyakanani8/x-follower-script xfollow-home.js (2a2dd80) `hoverCardParent`
const ONE_PERSON: &[&str] = &["UserCell", "HoverCard", "hoverCardParent"];

/// First path segments that are X's own pages, never a user.
/// Source: insin/control-panel-for-twitter script.js (0962235) matches these
/// with its profile regex too and tells them apart by path (`PagePaths`,
/// `isOn…Page`); the list is ours, and an unknown new page is still not a
/// profile until its header or title names the handle (`profile`).
const RESERVED: &[&str] = &[
    "home",
    "explore",
    "notifications",
    "messages",
    "search",
    "settings",
    "bookmarks",
    "jobs",
    "i",
    "compose",
    "hashtag",
    "lists",
    "communities",
    "premium",
    "login",
    "logout",
    "signup",
    "tos",
    "privacy",
    "intent",
    "share",
    "who_to_follow",
    "topics",
    "account",
    "connect_people",
    "grok",
    "verified-choose",
];

/// Profile sub-pages that show the profile's header. The follow lists
/// (`followers`, `following`, `verified_followers`, `followers_you_follow`)
/// are not among them: they are lists of other people.
/// Source: insin/control-panel-for-twitter script.js (0962235) `URL_PROFILE_RE`
/// (`affiliates|with_replies|superfollows|highlights|articles|media|likes`)
/// apart from `URL_PROFILE_FOLLOWS_RE` (`verified_followers|follow(?:ing|ers|ers_you_follow)`).
const PROFILE_TABS: &[&str] =
    &["with_replies", "media", "likes", "highlights", "articles", "affiliates", "superfollows"];

/// The notifications' All tab (`/notifications`): X's own notifications are
/// `article[data-testid="notification"]`s, each in a timeline cell, and only
/// the icon at their head says which kind they are; replies and mentions are
/// ordinary posts (`article[data-testid="tweet"]`).
/// Source: nirholas/XActions src/notificationManager.js (a6ce137) `[data-testid="notification"]` on `/notifications`.
/// Source: insin/control-panel-for-twitter script.js (0962235) `onTimelineChange` reads each
/// timeline cell's `[data-testid="notification"]`, and `TWEET: '[data-testid="tweet"]'`.
const ALL_ITEMS: &str = r#"article[data-testid="notification"], article[data-testid="tweet"]"#;
/// The icon whose drawing says a notification's kind: the first `path` of
/// an `svg` in it (the content script reports its `d`).
/// Source: insin/control-panel-for-twitter script.js (0962235) `onTimelineChange`:
/// `$item.querySelector('[data-testid="notification"] svg path')?.getAttribute('d')`.
const ALL_ICON: &str = "svg path";
/// The starts of the icons' drawings, in any language.
/// Source: insin/control-panel-for-twitter script.js (0962235) `onTimelineChange`:
/// `'M20.884 13.19c-1.351 2.48-4.00'` → `LIKE`.
const ICON_LIKE: &str = "M20.884 13.19c-1.351 2.48-4.00";
/// Source: insin/control-panel-for-twitter script.js (0962235) `onTimelineChange`:
/// `'M17.863 13.44c1.477 1.58 2.366'` → `FOLLOW`.
const ICON_FOLLOW: &str = "M17.863 13.44c1.477 1.58 2.366";
/// Source: insin/control-panel-for-twitter script.js (0962235) `onTimelineChange`:
/// `'M4.75 3.79l4.603 4.3-1.706 1.8'` → `RETWEET`.
const ICON_REPOST: &str = "M4.75 3.79l4.603 4.3-1.706 1.8";
/// The markers (`InboundItem::marker`'s first word) of the two item kinds.
/// Source: insin/control-panel-for-twitter script.js (0962235) `[data-testid="notification"]`.
const MARK_NOTIFICATION: &str = "notification";
/// Source: insin/control-panel-for-twitter script.js (0962235) `TWEET: '[data-testid="tweet"]'`.
const MARK_POST: &str = "tweet";
/// On a post's own page (`/<user>/status/<id>`), the focused post: the one
/// whose article has `tabindex="-1"`. The posts it answers come before it in
/// the timeline, the replies to it after.
/// Source: insin/control-panel-for-twitter script.js (0962235) `onIndividualTweetTimelineChange`:
/// `isFocusedTweet = $tweet.tabIndex == -1`, "Tweets prior to the focused tweet", and its own
/// `'[data-testid="tweet"][tabindex="-1"] [role="group"]…'` rules.
const FOCUSED: &str = r#"article[data-testid="tweet"][tabindex="-1"]"#;
/// The first post after the focused one: a reply to it whatever else the
/// page shows. X marks a reply to the post just above it only by a 2px line
/// (CPFT's `isReplyToPreviousTweet` reads its computed width), which the
/// markup alone does not show; the post right after the focused one answers
/// the focused one either way. Later posts may answer other replies and are
/// not read. Cells are the timeline's `cellInnerDiv`s, in order.
/// Source: insin/control-panel-for-twitter script.js (0962235) `onIndividualTweetTimelineChange`
/// (cells walked in order; "Replies to the focused tweet don't have the reply indicator";
/// `isReplyToPreviousTweet`).
/// Source: bxljoy/twitter-blocking-assistant scripts/content.js (seen 2026-12-07) `div[data-testid="cellInnerDiv"]` as the timeline's cells.
const FIRST_REPLY: &str = concat!(
    r#"[data-testid="cellInnerDiv"]:has(article[data-testid="tweet"][tabindex="-1"]) ~ "#,
    r#"[data-testid="cellInnerDiv"]:has(article[data-testid="tweet"]):not("#,
    r#"[data-testid="cellInnerDiv"]:has(article[data-testid="tweet"][tabindex="-1"]) ~ "#,
    r#"[data-testid="cellInnerDiv"]:has(article[data-testid="tweet"]) ~ *) "#,
    r#"article[data-testid="tweet"]"#
);
/// The people a notification names: the links in their avatars. Not every
/// link: a follow shows the follower's bio and a like the liked post, whose
/// own links (`@someone`) are not people who acted.
/// Source: insin/control-panel-for-twitter script.js (0962235) `div[data-testid^="UserAvatar-Container"]` as a person's avatar.
/// Unverified: that a notification's avatars are such containers with the
/// person's link inside (as in posts); nirholas/XActions scripts/scrapeNotifications.js
/// (3966032) reads a notification's people from its `a[href^="/"]` links.
/// In a post (a reply or mention), every same-site link is read: its author's,
/// and whether it names the user ("Replying to @…", a mention).
/// Unverified: a post shown inside a notification (were X to embed the
/// liked post as one) is not read: its links are its author's and mentions.
const ALL_ACTOR: &str = r#":is([data-testid^="UserAvatar-Container-"], article[data-testid="tweet"]) a[href^="/"]:not([data-testid="notification"] article a)"#;
/// A post's permalink, or the user's own post a like or repost is about.
/// Source: nirholas/XActions scripts/scrapeNotifications.js (3966032) reads a
/// notification's "related tweet if any" as `a[href*="/status/"]`.
/// Unverified: whether X's like and repost notifications link to the post
/// (without one, they are recorded without it).
const ALL_PERMALINK: &str = r#"a[href*="/status/"]:has(time), article[data-testid="notification"] a[href*="/status/"]"#;

/// Source: insin/control-panel-for-twitter script.js (0962235)
/// `TITLE_NOTIFICATION_RE = /^\(\d+\+?\) /`: a title may start with an unread count.
fn without_unread_count(title: &str) -> &str {
    let Some(rest) = title.strip_prefix('(') else { return title };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = rest[digits..].strip_prefix('+').unwrap_or(&rest[digits..]);
    match after.strip_prefix(") ") {
        Some(rest) if digits > 0 => rest,
        _ => title,
    }
}

/// The X adapter.
pub struct X;

/// A screen name as X allows it (`canonical_handle`, the one statement of
/// X's rule), written as it is in an address: no `@`, no spaces, not one of
/// X's own paths.
fn handle_of(segment: &str) -> Option<String> {
    if segment.is_empty() || segment.starts_with('@') || segment.trim() != segment {
        return None;
    }
    let handle = super::canonical_handle(Site::X, segment, None)?;
    (!RESERVED.contains(&handle.as_str())).then_some(handle)
}

/// The handle a profile link points at (`/alice`, `https://x.com/alice`).
fn handle_from_href(url: &PageUrl, href: &str) -> Option<String> {
    handle_after(url, href, &[], handle_of)
}

fn profile_url(handle: &str) -> String {
    format!("https://x.com/{handle}")
}

fn absolute(url: &PageUrl, href: &str) -> Option<String> {
    url.same_site_path(href).map(|path| format!("https://x.com{path}"))
}

impl X {
    /// The author of a post, as a target, or why not.
    fn author(url: &PageUrl, post: Option<&super::PostFacts>) -> Result<Target, &'static str> {
        let post = post.ok_or("the control is not inside a post")?;
        let href = post.author_href.as_deref().ok_or("the post has no author link")?;
        let handle = handle_from_href(url, href).ok_or("the author link is not a profile")?;
        Ok(Target { profile_url: profile_url(&handle), handle, name: clean_name(post.author_name.as_deref()) })
    }

    fn is_self(url: &PageUrl, self_href: Option<&str>, handle: &str) -> bool {
        self_href.and_then(|href| handle_from_href(url, href)).is_some_and(|me| me == handle)
    }

    fn like(url: &PageUrl, facts: &ClickFacts) -> Reading {
        let liked = |testid: Option<&str>| match testid {
            Some("like") => Some(false),
            Some("unlike") => Some(true),
            _ => None,
        };
        match undo_of_flip(liked(facts.before.testid.as_deref()), liked(facts.after.testid.as_deref())) {
            Some(undo) => X::on_post(url, facts, Kind::Like, undo),
            None => Reading::Miss("the like button did not change state"),
        }
    }

    /// A like, or a repost or its undo chosen in the menu the post's repost
    /// button opened (`facts.post` is that post): its author's, with its
    /// permalink, never the user's own.
    fn on_post(url: &PageUrl, facts: &ClickFacts, kind: Kind, undo: bool) -> Reading {
        let target = match X::author(url, facts.post.as_ref()) {
            Ok(target) => target,
            Err(why) => return Reading::Miss(why),
        };
        let Some(post_url) = facts.post.as_ref().and_then(|p| p.permalink.as_deref()).and_then(|h| absolute(url, h))
        else {
            return Reading::Miss("the post has no permalink");
        };
        let own = X::is_self(url, facts.self_href.as_deref(), &target.handle);
        Engagement::outbound(Site::X, kind, target, Some(post_url)).concluded(own, "the user's own post", undo)
    }

    fn reply(url: &PageUrl, facts: &ClickFacts) -> Reading {
        // The inline composer on a post's own page replies to that post; the
        // modal one replies to the post whose reply button opened it.
        let (target, post_url) = match facts.reply_to.as_ref() {
            Some(post) => match X::author(url, Some(post)) {
                Ok(target) => (target, post.permalink.as_deref().and_then(|h| absolute(url, h))),
                Err(why) => return Reading::Miss(why),
            },
            None => match PageUrl::segments(&url.path).as_slice() {
                [author, "status", id] if id.bytes().all(|b| b.is_ascii_digit()) => match handle_of(author) {
                    Some(handle) => (
                        Target { profile_url: profile_url(&handle), handle, name: None },
                        Some(format!("https://x.com{}", url.path)),
                    ),
                    None => return Reading::Miss("the post page's author is not a profile"),
                },
                _ => return Reading::Miss("a reply was sent with no post to reply to"),
            },
        };
        let own = X::is_self(url, facts.self_href.as_deref(), &target.handle);
        Engagement::outbound(Site::X, Kind::Reply, target, post_url).concluded(
            own,
            "a reply to the user's own post",
            false,
        )
    }

    /// A follow, a follow request, or their undo. The account is the one of
    /// the cell or hover card the button sits in; a button outside any is the
    /// profile header's, on a profile page only (follow lists are not).
    fn follow(url: &PageUrl, facts: &ClickFacts) -> Reading {
        let Some(before) = facts.before.testid.as_deref().and_then(follow_state) else {
            return Reading::Ignore("not a follow button");
        };
        let undo = match facts.after.testid.as_deref().and_then(follow_state) {
            Some(after) if after.id == before.id && !before.following && after.following => false,
            Some(after) if after.id == before.id && before.following && !after.following => true,
            _ => return Reading::Miss("the follow button did not change state"),
        };
        let target = match (&facts.person, &facts.post) {
            (Some(person), _) => match person_target(url, person) {
                Ok(target) => target,
                Err(why) => return Reading::Miss(why),
            },
            (None, Some(_)) => return Reading::Miss("a follow button inside a post"),
            (None, None) => return profile_engagement(&X, url, facts, Kind::Follow, undo),
        };
        let own = X::is_self(url, facts.self_href.as_deref(), &target.handle);
        Engagement::outbound(Site::X, Kind::Follow, target, None).concluded(own, "the user's own profile", undo)
    }
}

/// What a follow button's `data-testid` says: the account id it is for and
/// whether the user follows (or asked to follow) that account.
#[derive(Debug, PartialEq, Eq)]
struct FollowState<'a> {
    id: &'a str,
    following: bool,
}

fn follow_state(testid: &str) -> Option<FollowState<'_>> {
    let (id, state) = testid.split_once('-')?;
    if id.is_empty() || id.len() > 25 || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let following = match state {
        "follow" => false,
        "unfollow" | "cancel" => true,
        _ => return None,
    };
    Some(FollowState { id, following })
}

/// The one account a person's cell or hover card links to. A region of
/// several people (a sidebar) names nobody, and a cell whose profile links
/// disagree is not guessed at.
fn person_target(url: &PageUrl, person: &PersonFacts) -> Result<Target, &'static str> {
    if !ONE_PERSON.contains(&person.marker.as_str()) {
        return Err("a follow button among other people, outside any one person's cell");
    }
    let mut handles = person.links.iter().filter_map(|href| handle_from_href(url, href));
    let handle = handles.next().ok_or("the person's cell has no profile link")?;
    if handles.any(|other| other != handle) {
        return Err("the person's cell links to more than one account");
    }
    Ok(Target { profile_url: profile_url(&handle), handle, name: None })
}

impl SiteAdapter for X {
    fn site(&self) -> Site {
        Site::X
    }

    fn hosts(&self) -> &'static [&'static str] {
        HOSTS
    }

    fn rules(&self) -> SiteRules {
        SiteRules {
            site: Site::X,
            post: POST,
            author: AUTHOR,
            permalink: PERMALINK,
            self_link: SELF_LINK,
            profile_name: PROFILE_NAME,
            text: TEXT,
            post_attributes: &[],
            controls: vec![
                ControlRule { name: "like", selector: LIKE, role: ControlRole::Toggle, on: None },
                ControlRule { name: "follow", selector: FOLLOW, role: ControlRole::Toggle, on: None },
                ControlRule { name: "reply", selector: REPLY, role: ControlRole::OpenReply, on: None },
                ControlRule { name: "send", selector: SEND, role: ControlRole::SubmitReply, on: None },
                ControlRule { name: "close", selector: CLOSE, role: ControlRole::CloseReply, on: None },
                ControlRule { name: "repost_menu", selector: REPOST_MENU, role: ControlRole::OpenMenu, on: None },
                ControlRule { name: "repost", selector: REPOST, role: ControlRole::MenuItem, on: None },
                ControlRule { name: "undo_repost", selector: UNDO_REPOST, role: ControlRole::MenuItem, on: None },
            ],
        }
    }

    fn profile_handle(&self, url: &PageUrl) -> Option<String> {
        match PageUrl::segments(&url.path).as_slice() {
            [one] => handle_of(one),
            [one, tab] if PROFILE_TABS.contains(tab) => handle_of(one),
            _ => None,
        }
    }

    fn account_url(&self, handle: &str) -> Option<String> {
        Some(profile_url(handle))
    }

    fn profile(&self, url: &PageUrl, page: &PageFacts) -> Option<ProfileRef> {
        let handle = self.profile_handle(url)?;
        // The URL shape alone also matches pages X adds later; wait for the
        // profile header or a title naming "(@handle)" before saying it is one.
        let title = without_unread_count(&page.title);
        let titled = title.to_ascii_lowercase().contains(&format!("(@{handle})"));
        if page.profile_name.is_none() && !titled {
            return None;
        }
        let header = page.profile_name.as_deref().map(|text| {
            let at = text.to_ascii_lowercase().rfind(&format!("@{handle}"));
            at.map_or(text, |at| &text[..at])
        });
        let name = clean_name(header)
            .or_else(|| title.split(" (@").next().and_then(|n| clean_name(Some(n))).filter(|_| titled));
        let is_self = X::is_self(url, page.self_href.as_deref(), &handle);
        Some(ProfileRef { site: Site::X, url: profile_url(&handle), handle, name, is_self })
    }

    fn engagement(&self, url: &PageUrl, facts: &ClickFacts) -> Reading {
        match facts.control.as_str() {
            "like" => X::like(url, facts),
            "send" => X::reply(url, facts),
            "follow" => X::follow(url, facts),
            "repost" => X::on_post(url, facts, Kind::Repost, false),
            "undo_repost" => X::on_post(url, facts, Kind::Repost, true),
            _ => Reading::Miss("not a control the X adapter knows"),
        }
    }

    fn person_rules(&self) -> Option<PersonRules> {
        Some(PersonRules { scope: PERSON_SCOPE, link: PERSON_LINK, controls: &["follow"] })
    }

    /// X's shortcuts on the focused post (its "?" help): `l` likes or unlikes,
    /// `r` replies, `t` opens the repost menu.
    fn keys(&self) -> Vec<KeyRule> {
        vec![
            KeyRule { key: "l", control: "like" },
            KeyRule { key: "r", control: "reply" },
            KeyRule { key: "t", control: "repost_menu" },
        ]
    }

    /// The notifications: the All tab (`/notifications`) with X's own
    /// notifications (likes, reposts, follows) and the posts that reply to
    /// or mention the user, and the Mentions tab (`/notifications/mentions`),
    /// which lists only such posts. CPFT only checks that the path starts
    /// with `/notifications` (`isOnNotificationsPage`, script.js, 0962235);
    /// nirholas/XActions src/notificationManager.js (a6ce137) opens
    /// `x.com/notifications` and `x.com/notifications/mentions`. The
    /// Verified tab and other sub-pages are not read.
    /// And a post's own page, `/<user>/status/<id>` (CPFT's `URL_TWEET_RE`,
    /// `/^\/([a-zA-Z\d_]{1,20})\/status\/(\d+)\/?$/`), for the reply right
    /// under the focused post (`FIRST_REPLY`) when that post is the user's.
    fn inbound_rules(&self, url: &PageUrl) -> Option<InboundRules> {
        match url.path.trim_end_matches('/') {
            "/notifications" => {
                Some(InboundRules { icon: ALL_ICON, ..InboundRules::list(ALL_ITEMS, ALL_ACTOR, ALL_PERMALINK) })
            }
            "/notifications/mentions" => Some(InboundRules::list(POST, AUTHOR, PERMALINK)),
            path if status_page(path).is_some() => {
                Some(InboundRules { root: FOCUSED, ..InboundRules::list(FIRST_REPLY, AUTHOR, PERMALINK) })
            }
            _ => None,
        }
    }

    fn inbound(
        &self,
        url: &PageUrl,
        self_href: Option<&str>,
        item: &InboundItem,
    ) -> Result<Vec<Engagement>, &'static str> {
        let path = url.path.trim_end_matches('/');
        if path == "/notifications/mentions" {
            return mention_tab_post(url, self_href, item);
        }
        if status_page(path).is_some() {
            return reply_in_thread(url, self_href, item);
        }
        match item.marker.split_whitespace().next().unwrap_or("") {
            MARK_POST => all_tab_post(url, self_href, item),
            MARK_NOTIFICATION => match item.icon.as_deref() {
                Some(d) if d.starts_with(ICON_LIKE) => notification(url, self_href, item, Kind::Like),
                Some(d) if d.starts_with(ICON_FOLLOW) => notification(url, self_href, item, Kind::Follow),
                Some(d) if d.starts_with(ICON_REPOST) => notification(url, self_href, item, Kind::Repost),
                // X's other notifications ("new post" bells, news, ads, as
                // CPFT also leaves them): nothing between two people.
                Some(_) => Ok(Vec::new()),
                None => Err("a notification without its icon"),
            },
            _ => Err("not a notification or a post"),
        }
    }
}

/// The author and id of a post page, `/<user>/status/<id>`.
fn status_page(path: &str) -> Option<(String, &str)> {
    match PageUrl::segments(path).as_slice() {
        [author, "status", id] if is_id(id) => Some((handle_of(author)?, id)),
        _ => None,
    }
}

/// The reply right under the focused post on a post's page: an inbound
/// reply of its author when the focused post (`InboundItem::root`) is the
/// user's; nothing on anyone else's post or from the user.
fn reply_in_thread(
    url: &PageUrl,
    self_href: Option<&str>,
    item: &InboundItem,
) -> Result<Vec<Engagement>, &'static str> {
    let me = self_href.and_then(|h| handle_from_href(url, h)).ok_or("the signed-in user is not known")?;
    let root = item.root.as_ref().ok_or("a reply with no focused post on the page")?;
    let root_author = root
        .author
        .as_ref()
        .and_then(|a| a.href.as_deref())
        .and_then(|h| handle_from_href(url, h))
        .ok_or("the focused post has no author link")?;
    if root_author != me {
        return Ok(Vec::new());
    }
    let actor = item.actors.first().ok_or("the reply has no author link")?;
    let author = actor
        .href
        .as_deref()
        .and_then(|h| handle_from_href(url, h))
        .ok_or("the reply's author link is not a profile")?;
    if author == me {
        return Ok(Vec::new());
    }
    let post_url = post_by(url, item.permalink.as_deref())
        .filter(|(by, _)| *by == author)
        .map(|(_, post_url)| post_url)
        .ok_or("the reply's permalink is missing or not by its author")?;
    let target = Target { profile_url: profile_url(&author), name: clean_name(actor.name.as_deref()), handle: author };
    Ok(vec![inbound_engagement(Kind::Reply, target, Some(post_url))])
}

/// A post in the Mentions tab: the first author link is the post's (a
/// quoted post's comes later); the user's own post there is nothing.
fn mention_tab_post(
    url: &PageUrl,
    self_href: Option<&str>,
    item: &InboundItem,
) -> Result<Vec<Engagement>, &'static str> {
    let actor = item.actors.first().ok_or("the post has no author link")?;
    let post = super::PostFacts {
        author_href: actor.href.clone(),
        author_name: actor.name.clone(),
        permalink: item.permalink.clone(),
        ..super::PostFacts::default()
    };
    let target = X::author(url, Some(&post))?;
    if X::is_self(url, self_href, &target.handle) {
        return Ok(Vec::new());
    }
    let post_url = post_by(url, item.permalink.as_deref())
        .filter(|(by, _)| *by == target.handle)
        .map(|(_, post_url)| post_url)
        .ok_or("the post's permalink is missing or not by its author")?;
    Ok(vec![inbound_engagement(Kind::Mention, target, Some(post_url))])
}

/// A post in the All tab: a reply or mention (recorded as a mention, as in
/// the Mentions tab) when it links to the user ("Replying to @…" or the
/// name in its text); any other post there (from an account whose posts the
/// user subscribed to) names nothing between the two, and the user's own
/// post is nothing. The author is the permalink's: the first link may be
/// "… reposted" above the post.
fn all_tab_post(url: &PageUrl, self_href: Option<&str>, item: &InboundItem) -> Result<Vec<Engagement>, &'static str> {
    let (author, post_url) =
        post_by(url, item.permalink.as_deref()).ok_or("the post's permalink is missing or not a post")?;
    let me = self_href.and_then(|h| handle_from_href(url, h)).ok_or("the signed-in user is not known")?;
    if author == me {
        return Ok(Vec::new());
    }
    let handles =
        || item.actors.iter().filter_map(|a| Some((a.href.as_deref().and_then(|h| handle_from_href(url, h))?, a)));
    if !handles().any(|(handle, _)| handle == me) {
        return Ok(Vec::new());
    }
    let name = handles().filter(|(handle, _)| *handle == author).find_map(|(_, a)| clean_name(a.name.as_deref()));
    let name = name.filter(|n| !n.starts_with('@'));
    let target = Target { profile_url: profile_url(&author), handle: author, name };
    Ok(vec![inbound_engagement(Kind::Mention, target, Some(post_url))])
}

/// A like, repost or follow: each person in its avatars once, never the
/// user. A like or repost keeps the user's post it links to, if any.
fn notification(
    url: &PageUrl,
    self_href: Option<&str>,
    item: &InboundItem,
    kind: Kind,
) -> Result<Vec<Engagement>, &'static str> {
    let me = self_href.and_then(|h| handle_from_href(url, h));
    let post_url = match kind {
        Kind::Follow => None,
        _ => post_by(url, item.permalink.as_deref())
            .filter(|(by, _)| me.as_deref() == Some(by.as_str()))
            .map(|(_, post_url)| post_url),
    };
    let mut found: Vec<Engagement> = Vec::new();
    let mut named = false;
    for actor in &item.actors {
        let Some(handle) = actor.href.as_deref().and_then(|h| handle_from_href(url, h)) else { continue };
        named = true;
        if me.as_deref() == Some(handle.as_str()) || found.iter().any(|e| e.target.handle == handle) {
            continue;
        }
        let target = Target { profile_url: profile_url(&handle), handle, name: None };
        found.push(inbound_engagement(kind, target, post_url.clone()));
    }
    if !named {
        return Err("a notification without the people it is about");
    }
    Ok(found)
}

fn inbound_engagement(kind: Kind, target: Target, post_url: Option<String>) -> Engagement {
    Engagement { site: Site::X, kind, direction: Direction::Inbound, target, post_url }
}

/// The author and canonical URL of a post link (`/alice/status/123`).
fn post_by(url: &PageUrl, href: Option<&str>) -> Option<(String, String)> {
    let path = url.same_site_path(href?)?;
    match PageUrl::segments(&path).as_slice() {
        [by, "status", id] if is_id(id) => {
            let by = handle_of(by)?;
            let post_url = format!("https://x.com/{by}/status/{id}");
            Some((by, post_url))
        }
        _ => None,
    }
}

/// A post id: digits only.
fn is_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 25 && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(author: &str, name: &str, permalink: &str) -> InboundItem {
        InboundItem {
            marker: "tweet".into(),
            actors: vec![
                super::super::ActorFacts { href: Some(format!("/{author}")), name: Some(name.into()), label: None },
                super::super::ActorFacts { href: Some("/quoted".into()), name: Some("Quoted".into()), label: None },
            ],
            permalink: Some(permalink.into()),
            time: Some("2026-11-24T10:00:00.000Z".into()),
            ..InboundItem::default()
        }
    }

    #[test]
    fn the_mentions_tab_names_who_wrote_to_the_user() {
        let tab = PageUrl { host: "x.com".into(), path: "/notifications/mentions".into(), query: String::new() };
        assert!(X.inbound_rules(&tab).is_some());
        for path in ["/notifications/verified", "/home", "/alice", "/i/timeline"] {
            assert!(
                X.inbound_rules(&PageUrl { host: "x.com".into(), path: path.into(), query: String::new() }).is_none(),
                "{path}"
            );
        }
        let me = Some("/Kim");
        let found = X.inbound(&tab, me, &mention("Alice", "Alice Example", "/Alice/status/1862000000000000001"));
        let seen = found.as_deref().map(|f| {
            f.iter().map(|e| (e.kind, e.direction, e.target.handle.as_str(), e.post_url.as_deref())).collect::<Vec<_>>()
        });
        assert_eq!(
            seen,
            Ok(vec![(
                Kind::Mention,
                Direction::Inbound,
                "alice",
                Some("https://x.com/alice/status/1862000000000000001")
            )])
        );
        // The user's own post in the tab is not an interaction.
        assert_eq!(X.inbound(&tab, me, &mention("kim", "Kim", "/kim/status/1862000000000000002")), Ok(Vec::new()));
        // A permalink that is not the author's, or none: a miss.
        assert!(X.inbound(&tab, me, &mention("alice", "Alice", "/bob/status/1862000000000000003")).is_err());
        assert!(X.inbound(&tab, me, &mention("alice", "Alice", "/alice")).is_err());
        assert!(X.inbound(&tab, me, &InboundItem::default()).is_err());
    }
    fn all_tab() -> PageUrl {
        PageUrl { host: "x.com".into(), path: "/notifications".into(), query: String::new() }
    }

    fn actor(href: &str, name: &str) -> super::super::ActorFacts {
        super::super::ActorFacts { href: Some(href.into()), name: (!name.is_empty()).then(|| name.into()), label: None }
    }

    /// What the All tab shows, as the content script reports it (`ALL_ITEMS`).
    fn item(marker: &str, actors: Vec<super::super::ActorFacts>, permalink: Option<&str>) -> InboundItem {
        InboundItem { marker: marker.into(), actors, permalink: permalink.map(Into::into), ..InboundItem::default() }
    }

    type Seen = Result<Vec<(Kind, String, Option<String>)>, &'static str>;

    fn seen(found: Result<Vec<Engagement>, &'static str>) -> Seen {
        found.map(|f| f.into_iter().map(|e| (e.kind, e.target.handle, e.post_url)).collect())
    }

    #[test]
    fn the_all_tab_reads_likes_reposts_and_follows_by_their_icon_each_person_once() {
        let me = Some("/Kim");
        let rules = X.inbound_rules(&all_tab());
        assert_eq!(rules.as_ref().map(|r| (r.item, r.icon)), Some((ALL_ITEMS, ALL_ICON)));
        // The icons' drawings as X serves them: CPFT's prefixes, then more.
        let icon = |prefix: &str| format!("{prefix}1z");
        let with_icon = |mut it: InboundItem, d: &str| {
            it.icon = Some(d.to_owned());
            it
        };
        let grouped = vec![actor("/alice", ""), actor("/Bob", ""), actor("/alice", ""), actor("/kim", "")];
        let like = item("notification css-175oi2r", grouped.clone(), Some("/kim/status/1862000000000000001"));
        let like = with_icon(like, &icon(ICON_LIKE));
        let post = Some("https://x.com/kim/status/1862000000000000001".to_owned());
        assert_eq!(
            seen(X.inbound(&all_tab(), me, &like)),
            Ok(vec![(Kind::Like, "alice".into(), post.clone()), (Kind::Like, "bob".into(), post.clone())]),
            "each person once, never the user"
        );
        let repost = with_icon(item("notification", vec![actor("/dave", "")], None), &icon(ICON_REPOST));
        assert_eq!(seen(X.inbound(&all_tab(), me, &repost)), Ok(vec![(Kind::Repost, "dave".into(), None)]));
        let follow = item("notification", vec![actor("/alice", "")], Some("/kim/status/1862000000000000001"));
        let follow = with_icon(follow, &icon(ICON_FOLLOW));
        assert_eq!(seen(X.inbound(&all_tab(), me, &follow)), Ok(vec![(Kind::Follow, "alice".into(), None)]));
        // Any other icon (a "new post" bell, X's news): nothing. No icon: a miss.
        let bell = item("notification", vec![actor("/erin", "")], None);
        assert_eq!(seen(X.inbound(&all_tab(), me, &with_icon(bell.clone(), "M19.993 9.042C19.48 5.017"))), Ok(vec![]));
        assert!(X.inbound(&all_tab(), me, &bell).is_err());
        // A like whose post link is someone else's keeps no post; a like
        // naming nobody, or only X's own pages, is a miss.
        let elsewhere = item("notification", vec![actor("/alice", "")], Some("/carol/status/1862000000000000009"));
        let elsewhere = with_icon(elsewhere, &icon(ICON_LIKE));
        assert_eq!(seen(X.inbound(&all_tab(), me, &elsewhere)), Ok(vec![(Kind::Like, "alice".into(), None)]));
        for actors in [vec![], vec![actor("/i/premium", ""), actor("/notifications", ""), actor("/alice/photo", "")]] {
            let nobody = with_icon(item("notification", actors, None), &icon(ICON_LIKE));
            assert!(X.inbound(&all_tab(), me, &nobody).is_err());
        }
        // Only the user named: nothing.
        let mine = with_icon(item("notification", vec![actor("/kim", "")], None), &icon(ICON_FOLLOW));
        assert_eq!(seen(X.inbound(&all_tab(), me, &mine)), Ok(vec![]));
        // Something else matched (X changed): a miss.
        assert!(X.inbound(&all_tab(), me, &item("cellInnerDiv", vec![actor("/alice", "")], None)).is_err());
    }

    fn thread(path: &str) -> PageUrl {
        PageUrl { host: "x.com".into(), path: path.into(), query: String::new() }
    }

    /// The post right under the focused one on a post's page, with the
    /// focused post as `root`.
    fn reply_under(root_author: Option<&str>, author: &str, permalink: Option<&str>) -> InboundItem {
        let mut it = item(
            "tweet",
            vec![actor(&format!("/{author}"), "Alice Example"), actor(&format!("/{author}"), "@alice")],
            permalink,
        );
        it.root = Some(super::super::ContextFacts {
            author: root_author.map(|a| actor(a, "Kim")),
            permalink: Some("/kim/status/1861000000000000004".into()),
            ..super::super::ContextFacts::default()
        });
        it
    }

    #[test]
    fn the_reply_right_under_the_users_own_post_is_an_inbound_reply() {
        let me = Some("/kim");
        let page = thread("/kim/status/1861000000000000004");
        let rules = X.inbound_rules(&page);
        assert_eq!(rules.as_ref().map(|r| (r.item, r.root, r.parent)), Some((FIRST_REPLY, FOCUSED, "")));
        for path in ["/kim/status/x1", "/kim/status/1/photo/1", "/i/status/1", "/kim/statuses/1"] {
            assert!(X.inbound_rules(&thread(path)).is_none(), "{path}");
        }
        let alice = reply_under(Some("/Kim"), "alice", Some("/alice/status/1862000000000000031"));
        let found = X.inbound(&page, me, &alice);
        assert_eq!(
            found.as_ref().map(|f| f.iter().map(|e| (e.direction, e.target.name.as_deref())).collect::<Vec<_>>()),
            Ok(vec![(Direction::Inbound, Some("Alice Example"))])
        );
        assert_eq!(
            seen(found),
            Ok(vec![(Kind::Reply, "alice".into(), Some("https://x.com/alice/status/1862000000000000031".into()))])
        );
        // The user's own reply, or a reply under someone else's post: nothing.
        let own = reply_under(Some("/kim"), "kim", Some("/kim/status/1862000000000000032"));
        assert_eq!(seen(X.inbound(&page, me, &own)), Ok(vec![]));
        let carols = reply_under(Some("/carol"), "bob", Some("/bob/status/1862000000000000033"));
        assert_eq!(seen(X.inbound(&thread("/carol/status/1861000000000000005"), me, &carols)), Ok(vec![]));
        // No focused post, no author, no permalink by the author, no user: a miss.
        let mut rootless = alice.clone();
        rootless.root = None;
        for broken in [
            rootless,
            reply_under(None, "alice", Some("/alice/status/1862000000000000031")),
            reply_under(Some("/kim"), "alice", None),
            reply_under(Some("/kim"), "alice", Some("/bob/status/1862000000000000031")),
            reply_under(Some("/kim"), "home", Some("/alice/status/1862000000000000031")),
        ] {
            assert!(X.inbound(&page, me, &broken).is_err(), "{broken:?}");
        }
        assert!(X.inbound(&page, None, &alice).is_err());
    }

    #[test]
    fn the_all_tab_reads_a_post_as_a_mention_only_when_it_names_the_user() {
        let me = Some("/kim");
        let reply = |author: &str, names_me: bool, permalink: &str| {
            let mut actors = vec![
                actor(&format!("/{author}"), ""),
                actor(&format!("/{author}"), "Alice Example"),
                actor(&format!("/{author}"), "@alice"),
                actor(permalink, "Nov 24"),
            ];
            if names_me {
                actors.push(actor("/kim", "@kim"));
            }
            item("tweet", actors, Some(permalink))
        };
        let alice = reply("alice", true, "/alice/status/1862000000000000021");
        let found = X.inbound(&all_tab(), me, &alice);
        assert_eq!(
            found.as_ref().map(|f| f.iter().map(|e| (e.kind, e.target.name.as_deref())).collect::<Vec<_>>()),
            Ok(vec![(Kind::Mention, Some("Alice Example"))])
        );
        assert_eq!(
            seen(found),
            Ok(vec![(Kind::Mention, "alice".into(), Some("https://x.com/alice/status/1862000000000000021".into()))])
        );
        // Reposted by someone else above it: still the author's post.
        let mut reposted = reply("alice", true, "/alice/status/1862000000000000021");
        reposted.actors.insert(0, actor("/bob", "Bob Builder reposted"));
        assert_eq!(
            seen(X.inbound(&all_tab(), me, &reposted)).map(|f| f.into_iter().map(|e| e.1).collect::<Vec<_>>()),
            Ok(vec!["alice".to_owned()])
        );
        // A post from an account the user subscribed to, naming nobody: nothing.
        assert_eq!(
            seen(X.inbound(&all_tab(), me, &reply("erin", false, "/erin/status/1862000000000000022"))),
            Ok(vec![])
        );
        // The user's own reply in the thread: nothing.
        assert_eq!(seen(X.inbound(&all_tab(), me, &reply("kim", true, "/kim/status/1862000000000000023"))), Ok(vec![]));
        // No permalink, or no known user: a miss, never a guess.
        assert!(X.inbound(&all_tab(), me, &item("tweet", vec![actor("/alice", ""), actor("/kim", "")], None)).is_err());
        assert!(X.inbound(&all_tab(), None, &alice).is_err());
    }

    use crate::sites::{ControlState, PostFacts};

    fn home() -> PageUrl {
        PageUrl { host: "x.com".into(), path: "/home".into(), query: String::new() }
    }

    fn state(testid: &str) -> ControlState {
        ControlState { testid: Some(testid.into()), ..ControlState::default() }
    }

    fn post(author: &str, name: &str, permalink: &str) -> PostFacts {
        PostFacts {
            author_href: Some(author.into()),
            author_name: Some(name.into()),
            permalink: Some(permalink.into()),
            ..PostFacts::default()
        }
    }

    fn click(control: &str, before: &str, after: &str, post: Option<PostFacts>) -> ClickFacts {
        ClickFacts {
            control: control.into(),
            before: state(before),
            after: state(after),
            post,
            self_href: Some("/kindling_user".into()),
            ..ClickFacts::default()
        }
    }

    fn recorded(outcome: Reading) -> Engagement {
        match outcome {
            Reading::Record(e) => e,
            other => panic!("expected a record, got {other:?}"),
        }
    }

    #[test]
    fn a_like_is_recorded_for_the_posts_author_with_the_post() {
        let facts = click("like", "like", "unlike", Some(post("/Alice_Ex", "Alice Example", "/Alice_Ex/status/17")));
        let e = recorded(X.engagement(&home(), &facts));
        assert_eq!((e.kind, e.direction), (Kind::Like, Direction::Outbound));
        assert_eq!(e.target.handle, "alice_ex");
        assert_eq!(e.target.name.as_deref(), Some("Alice Example"));
        assert_eq!(e.post_url.as_deref(), Some("https://x.com/Alice_Ex/status/17"));
    }

    #[test]
    fn clicking_a_liked_button_withdraws_the_like() {
        let facts = click("like", "unlike", "like", Some(post("/alice", "Alice", "/alice/status/17")));
        assert!(matches!(X.engagement(&home(), &facts), Reading::Withdraw(e) if e.kind == Kind::Like));
    }

    #[test]
    fn unrecognised_or_incomplete_clicks_are_misses_never_guesses() {
        let good = || Some(post("/alice", "Alice", "/alice/status/17"));
        let cases = [
            ("no state change", click("like", "like", "like", good())),
            ("no post", click("like", "like", "unlike", None)),
            ("author is a nav page", click("like", "like", "unlike", Some(post("/home", "Home", "/alice/status/17")))),
            (
                "author elsewhere",
                click("like", "like", "unlike", Some(post("https://evil.example/alice", "A", "/a/status/1"))),
            ),
            (
                "no permalink",
                click("like", "like", "unlike", Some(PostFacts { permalink: None, ..post("/alice", "A", "") })),
            ),
            ("unknown control", click("bookmark", "bookmark", "removeBookmark", good())),
            ("reply with no target off a post page", click("send", "", "", None)),
        ];
        for (why, facts) in cases {
            assert!(matches!(X.engagement(&home(), &facts), Reading::Miss(_)), "{why}");
        }
    }

    #[test]
    fn the_users_own_posts_are_ignored() {
        let facts = click("like", "like", "unlike", Some(post("/Kindling_User", "Me", "/kindling_user/status/1")));
        assert!(matches!(X.engagement(&home(), &facts), Reading::Ignore(_)));
    }

    #[test]
    fn a_reply_goes_to_the_post_whose_reply_button_opened_the_composer() {
        let mut facts = click("send", "", "", None);
        facts.reply_to = Some(post("/carol", "Carol", "/carol/status/99"));
        let e = recorded(X.engagement(&home(), &facts));
        assert_eq!((e.kind, e.target.handle.as_str()), (Kind::Reply, "carol"));
        assert_eq!(e.post_url.as_deref(), Some("https://x.com/carol/status/99"));
    }

    #[test]
    fn an_inline_reply_on_a_post_page_goes_to_that_posts_author() {
        let url = PageUrl { host: "x.com".into(), path: "/Dave/status/123".into(), query: String::new() };
        let e = recorded(X.engagement(&url, &click("send", "", "", None)));
        assert_eq!(e.target.handle, "dave");
    }

    #[test]
    fn a_repost_chosen_in_the_menu_goes_to_the_post_it_was_opened_on() {
        let menu_post = Some(post("/carol", "Carol", "/carol/status/5"));
        let e = recorded(X.engagement(&home(), &click("repost", "", "", menu_post.clone())));
        assert_eq!((e.kind, e.target.handle.as_str()), (Kind::Repost, "carol"));
        assert!(matches!(X.engagement(&home(), &click("undo_repost", "", "", menu_post)), Reading::Withdraw(_)));
        assert!(
            matches!(X.engagement(&home(), &click("repost", "", "", None)), Reading::Miss(_)),
            "menu without a post"
        );
    }

    #[test]
    fn follow_and_unfollow_on_a_profile_page() {
        let url = PageUrl { host: "x.com".into(), path: "/bob".into(), query: String::new() };
        let mut facts = click("follow", "123-follow", "123-unfollow", None);
        facts.profile_name = Some("Bob Builder".into());
        let e = recorded(X.engagement(&url, &facts));
        assert_eq!(
            (e.kind, e.target.handle.as_str(), e.target.name.as_deref()),
            (Kind::Follow, "bob", Some("Bob Builder"))
        );
        let undo = click("follow", "123-unfollow", "123-follow", None);
        let undo = ClickFacts { profile_name: Some("Bob".into()), ..undo };
        assert!(matches!(X.engagement(&url, &undo), Reading::Withdraw(_)));
    }

    fn follow_click(before: &str, after: &str, person: Option<(&str, &[&str])>) -> ClickFacts {
        let mut facts = click("follow", before, after, None);
        facts.person = person.map(|(marker, links)| PersonFacts {
            marker: marker.into(),
            links: links.iter().map(|l| (*l).to_owned()).collect(),
        });
        facts.profile_name = Some("Bob Builder@bob".into());
        facts.title = "Bob Builder (@bob) / X".into();
        facts
    }

    fn at(path: &str) -> PageUrl {
        PageUrl { host: "x.com".into(), path: path.into(), query: String::new() }
    }

    #[test]
    fn a_follow_belongs_to_the_cell_or_card_it_sits_in_never_to_the_pages_owner() {
        let carol_cell: &[&str] = &["/carol", "/carol", "/carol"];
        // Bob's profile, his followers list, and the sidebar on a feed: the
        // button in Carol's cell or hover card follows Carol.
        for path in ["/bob", "/bob/followers", "/bob/following", "/bob/verified_followers", "/home"] {
            for marker in ["UserCell", "HoverCard", "hoverCardParent"] {
                let e = recorded(
                    X.engagement(&at(path), &follow_click("99-follow", "99-unfollow", Some((marker, carol_cell)))),
                );
                assert_eq!((e.kind, e.target.handle.as_str()), (Kind::Follow, "carol"), "{path} {marker}");
            }
            let undo =
                X.engagement(&at(path), &follow_click("99-unfollow", "99-follow", Some(("UserCell", carol_cell))));
            assert!(matches!(undo, Reading::Withdraw(e) if e.target.handle == "carol"), "{path}");
        }
        // A button in a sidebar or aside but in no one person's cell, or a
        // cell whose links disagree or name no profile: nobody.
        let misses = [
            ("aside", carol_cell),
            ("sidebarColumn", carol_cell),
            ("UserCell", &["/carol", "/dave"][..]),
            ("UserCell", &["/carol/photo", "/i/premium"][..]),
            ("UserCell", &[][..]),
        ];
        for (marker, links) in misses {
            let outcome = X.engagement(&at("/bob"), &follow_click("99-follow", "99-unfollow", Some((marker, links))));
            assert!(matches!(outcome, Reading::Miss(_)), "{marker} {links:?}: {outcome:?}");
        }
        // Follow lists are not profile pages: a button outside any cell
        // there is nobody's, and never Bob's.
        for path in ["/bob/followers", "/bob/following", "/bob/followers_you_follow", "/bob/verified_followers"] {
            let outcome = X.engagement(&at(path), &follow_click("7-follow", "7-unfollow", None));
            assert!(matches!(outcome, Reading::Miss(_)), "{path}: {outcome:?}");
        }
        // The user's own cell (in a hover card over their name) is not a follow.
        let me = X.engagement(
            &at("/bob"),
            &follow_click("5-follow", "5-unfollow", Some(("HoverCard", &["/Kindling_User"][..]))),
        );
        assert!(matches!(me, Reading::Ignore(_)), "{me:?}");
    }

    #[test]
    fn a_follow_request_to_a_protected_account_counts_and_its_cancel_withdraws_it() {
        let e = recorded(X.engagement(&at("/bob"), &follow_click("42-follow", "42-cancel", None)));
        assert_eq!((e.kind, e.target.handle.as_str()), (Kind::Follow, "bob"));
        let undo = X.engagement(&at("/bob"), &follow_click("42-cancel", "42-follow", None));
        assert!(matches!(undo, Reading::Withdraw(_)), "{undo:?}");
        // Some other "…-cancel" control, or a button that became another
        // account's (the list re-rendered under the click): not a follow.
        let other = X.engagement(&at("/bob"), &follow_click("compose-cancel", "compose-cancel", None));
        assert!(matches!(other, Reading::Ignore(_)), "{other:?}");
        let moved = X.engagement(&at("/bob"), &follow_click("42-follow", "43-unfollow", None));
        assert!(matches!(moved, Reading::Miss(_)), "{moved:?}");
        assert_eq!(follow_state("12-unfollow"), Some(FollowState { id: "12", following: true }));
        for testid in ["-follow", "x1-follow", "12-like", "12", ""] {
            assert_eq!(follow_state(testid), None, "{testid:?}");
        }
    }

    #[test]
    fn an_unread_count_in_the_title_is_not_part_of_the_name() {
        let page = PageFacts { title: "(3) Alice Example (@alice) / X".into(), profile_name: None, self_href: None };
        let alice = X.profile(&at("/alice"), &page);
        assert_eq!(alice.and_then(|p| p.name).as_deref(), Some("Alice Example"));
        let page = PageFacts { title: "(20+) Alice (@alice) / X".into(), ..page };
        assert_eq!(X.profile(&at("/alice"), &page).and_then(|p| p.name).as_deref(), Some("Alice"));
        for title in ["(3)Alice", "() Alice", "(x) Alice", "Alice"] {
            assert_eq!(without_unread_count(title), title);
        }
    }

    #[test]
    fn profile_pages_are_recognised_only_with_their_header_or_title() {
        let page = |title: &str, name: Option<&str>| PageFacts {
            title: title.into(),
            profile_name: name.map(Into::into),
            self_href: Some("/kindling_user".into()),
        };
        let header = X.profile(&at("/alice"), &page("", Some("Alice Example@Alice")));
        assert_eq!(header.and_then(|p| p.name).as_deref(), Some("Alice Example"), "the header's @handle is stripped");
        let alice = X.profile(&at("/Alice"), &page("Alice Example (@alice) / X", None));
        assert_eq!(
            alice.as_ref().map(|p| (p.handle.as_str(), p.name.as_deref())),
            Some(("alice", Some("Alice Example")))
        );
        assert!(X.profile(&at("/alice/media"), &page("", Some("Alice"))).is_some());
        assert_eq!(X.profile(&at("/alice/followers"), &page("", Some("Alice"))), None, "a follow list");
        assert_eq!(X.profile(&at("/alice"), &page("X", None)), None, "header not rendered yet");
        assert_eq!(X.profile(&at("/home"), &page("Home / X", Some("Home"))), None);
        assert_eq!(X.profile(&at("/alice/status/1"), &page("", Some("Alice"))), None);
        assert_eq!(X.profile(&at("/settings/account"), &page("", Some("x"))), None);
        let me = X.profile(&at("/kindling_user"), &page("", Some("Me")));
        assert_eq!(me.map(|p| p.is_self), Some(true));
    }
}
