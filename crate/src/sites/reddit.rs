//! Reddit's current web app ("shreddit", www.reddit.com). Every marker below
//! cites the public extension it was read in (the references, and what each
//! backs, are listed in `docs/sites/reddit.md`): posts and comments are the
//! custom elements `shreddit-post` and `shreddit-comment`, their vote buttons
//! sit in open shadow roots and show the vote with `aria-pressed`, and
//! accounts are `/user/<name>/` pages. In the home feed, whose cards link no
//! author, the post element's own `author` attribute names them. On
//! `/notifications` each `notification-item` is read by its `message-type`
//! and the `u/<name>` its title starts with; on a post's page, comments that
//! answer the user's post or comment are replies of their authors, from the
//! comments' nesting and `author` attributes. No translated text is read.
//! old.reddit.com is a different page entirely and is not served.

use super::hosts::REDDIT as HOSTS;
use super::{
    canonical_handle, clean_name, ClickFacts, ContextFacts, ControlRole, ControlRule, ControlState, Engagement,
    InboundItem, InboundRules, PageFacts, PageUrl, PostFacts, ProfileRef, Reading, SiteAdapter, SiteRules, Target,
};
use crate::model::{Direction, Kind, Site};

/// A post, a comment, or the column of a post's own page that holds the post
/// and, right after it, the element carrying
/// `bundlename="comment_body_header"`, which holds `comment-body-header` and
/// in it the top-level composer (`comment-composer-host`). References attest
/// the attribute and the adjacency (`shreddit-post + [bundlename="comment_body_header"]`,
/// `#main-content [bundlename="comment_body_header"]`,
/// `[bundlename="comment_body_header"] comment-body-header`,
/// `comment-body-header comment-composer-host`), not the element's name (one
/// userscript removes it as a `div`), so the tag is left open. The composer
/// sits outside the `shreddit-post`, so only that column ties a top-level
/// comment to the post; the content script takes the nearest match, so votes
/// and replies inside a post or comment still find the post or comment.
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/style/override_theme_colours.js (8b2dcf3)
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/hide_elements/hide_join_conversation.js (8b2dcf3)
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/block/block_comments_by_user.js (8b2dcf3)
const POST: &str = r#"shreddit-post, shreddit-comment, :has(> shreddit-post + [bundlename="comment_body_header"])"#;
/// A post's author: the credit bar's `faceplate-tracker[noun="user_profile"]`
/// around the link to `/user/<name>/` (`shreddit-post [noun="user_profile"] > a[href*="/user/"]`,
/// `shreddit-post [slot="credit-bar"]`). Reddit's home feed shows the
/// subreddit there instead of the author; there the post element's own
/// `author` attribute names them (`POST_ATTRIBUTES`).
///
/// A comment's author: `[slot="commentMeta"] … faceplate-tracker[noun="comment_author"] > a`.
/// `:scope >` keeps it to the comment's own meta row, which is a direct child
/// of the comment, or (the layout of July 2026) in its `details > summary`;
/// the replies nested in a comment (and their authors) come later, so a
/// comment with a deleted author never borrows a reply's. In the post-page
/// column (`:scope` is not a comment) only the post's author can match.
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/user_tagging/user_tagging.js (8b2dcf3)
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/block/block_comments_by_user.js (8b2dcf3)
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/style/override_theme_colours.js (8b2dcf3)
const AUTHOR: &str = concat!(
    r#"shreddit-post > [slot="credit-bar"] faceplate-tracker[noun="user_profile"] a[href], "#,
    r#"shreddit-comment:scope > [slot="commentMeta"] faceplate-tracker[noun="comment_author"] a[href], "#,
    r#"shreddit-comment:scope > details > summary > [slot="commentMeta"] faceplate-tracker[noun="comment_author"] a[href]"#
);
/// A feed card's `a[slot="full-post-link"]`, and in a comment's meta row the
/// link to the comment itself, `/r/<sub>/comments/<post>/<slug>/comment/<id>/`.
/// On a post's own page the post has no link to itself; the page's URL is
/// used.
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/productivity/open_post_links_in_new_tab.js (8b2dcf3)
/// Unverified: the comment meta row's link to the comment (no reference read
/// this session shows it); without it the comment's `permalink` attribute or
/// the page is used.
const PERMALINK: &str = concat!(
    r#"shreddit-post > a[slot="full-post-link"], "#,
    r#"shreddit-comment:scope > [slot="commentMeta"] a[href*="/comment/"], "#,
    r#"shreddit-comment:scope > details > summary > [slot="commentMeta"] a[href*="/comment/"]"#
);
/// Attributes of the post (or comment) element itself: `shreddit-post` and
/// `shreddit-comment` carry `author` (the user name; absent when deleted) and
/// `permalink`. On a crosspost (`post-type="crosspost"`) `author` is who
/// crossposted it; the original's card sits in the post's
/// `post-media-container` slot, not in a nested `shreddit-post`, so its
/// author is never this element's.
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/user_tagging/user_tagging.js (8b2dcf3)
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/block/block_comments_by_user.js (8b2dcf3)
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/productivity/mark_read_on_open_expandos.js (8b2dcf3)
const POST_ATTRIBUTES: &[&str] = &["author", "permalink"];
/// The user drawer's "View Profile" link.
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/style/override_theme_colours.js (8b2dcf3)
/// Unverified: that the drawer (`#user-drawer-content`, attested) holds the
/// `/user/<name>/` link before it is opened; a public automation script reads
/// it so, but its repository was not identified this session.
const SELF_LINK: &str = r#"#user-drawer-content a[href^="/user/"]"#;
/// Unverified: the profile header's name as the first `h1` outside posts and
/// comments; no reference read this session shows the profile header. The
/// name is taken only when the title names the same account.
const PROFILE_NAME: &str = "main h1:not(shreddit-post *, shreddit-comment *)";
/// A post's or comment's text.
/// Unverified: `[slot="text-body"]` and `[slot="comment"]` are not shown by a
/// reference read this session; sent only while the user keeps snippets.
const POST_TEXT: &str = r#"[slot="text-body"], [slot="comment"]"#;

/// The vote buttons, inside `shreddit-post`'s shadow root and inside
/// `shreddit-comment-action-row`'s (`element.shadowRoot?.querySelector('button[upvote')`),
/// `aria-pressed="true"` for the current vote.
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/hide_elements/hide_vote_buttons.js (8b2dcf3)
const UPVOTE: &str = "button[upvote]";
/// Unverified: `button[downvote]` by analogy with the attested `button[upvote]`.
const DOWNVOTE: &str = "button[downvote]";
/// A comment's Reply button, in the light DOM of its action row
/// (`faceplate-tracker[noun="reply_comment"] button`, `[slot="comment-reply"]`).
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/productivity/always_show_comment_options.js (8b2dcf3)
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/productivity/better_comment_box.js (8b2dcf3)
const OPEN_REPLY: &str = r#"[noun="reply_comment"] button, button[slot="comment-reply"]"#;
/// The top-level composer's placeholder ("Join the conversation").
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/style/border_radius.js (8b2dcf3)
const OPEN_COMMENT: &str = "comment-composer-host faceplate-textarea-input";
/// The composer's send button, `button[slot="submit-button"]` inside
/// `shreddit-composer` (the composer is attested in Reddit Enhancer; the
/// button in several public Reddit bots). A reply's composer opens inside the
/// comment's action row (`shreddit-comment-action-row …
/// [bundlename="comment_composer"] shreddit-composer`), so one inside a
/// comment is a reply; the rule order matters, the first rule that matches
/// wins.
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/productivity/better_comment_box.js (8b2dcf3)
/// Unverified: `slot="submit-button"` is read in public bots found with
/// find_string whose repositories were not identified this session.
const SUBMIT_REPLY: &str = r#"shreddit-comment button[slot="submit-button"]"#;
/// Unverified: as `SUBMIT_REPLY`.
const SUBMIT_COMMENT: &str = r#"button[slot="submit-button"]"#;

/// `/user/<name>/<tab>` pages that still show the profile.
/// Unverified: the tab names come from toolbox-team's profile routes and
/// Reddit's tabs as earlier remembered; not re-read this session.
const PROFILE_TABS: &[&str] =
    &["overview", "submitted", "comments", "saved", "hidden", "upvoted", "downvoted", "gilded"];

/// The notifications page, `/notifications` (Reddit's own page wrapper there
/// is `data-testid="notifications-page"`; its list is the
/// `/svc/shreddit/notifications-inbox-content/<n>/route` partial).
/// Source: VitaKaninen/Reddit-Notifications-Floating-Panel CLAUDE.md (00eb80a)
const NOTIFICATIONS_PAGE: &str = "notifications";
/// One notification: a `notification-item` (messages from Reddit itself are
/// `notification-announcement`, another element, never read).
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/hide_elements/hide_gamification_notifications.js (8b2dcf3)
/// Source: VitaKaninen/Reddit-Notifications-Floating-Panel Reddit-Notifications-Floating-Panel.user.js (ada9fd5)
const NOTIFICATION: &str = "notification-item";
/// Inside a notification: its `rpl-inbox-row` holds one link, to the thing it
/// is about (the reply, the post), whose leaf `span`s are the title, then the
/// body snippet. It is read both as the item's permalink and as its one
/// "actor": the link's text starts with the title, which names the person.
/// Source: VitaKaninen/Reddit-Notifications-Floating-Panel Reddit-Notifications-Floating-Panel.user.js (ada9fd5)
/// Source: VitaKaninen/Reddit-Notifications-Floating-Panel CLAUDE.md (00eb80a)
const NOTIFICATION_LINK: &str = "rpl-inbox-row a[href]";
/// The notification element's own attribute naming its kind, in every
/// language: `message-type` (`COMMENT_REPLY`, `POST_REPLY`,
/// `GAMIFICATION_REMINDER`, …).
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/hide_elements/hide_gamification_notifications.js (8b2dcf3)
/// Source: VitaKaninen/Reddit-Notifications-Floating-Panel CLAUDE.md (00eb80a)
const NOTIFICATION_ATTRIBUTES: &[&str] = &["message-type"];
/// Someone answered the user's comment or post: a reply of theirs.
/// Source: VitaKaninen/Reddit-Notifications-Floating-Panel CLAUDE.md (00eb80a)
/// Source: Snakeroom/Reddit-Assets-Archive 2021/NotificationUnit.js (seen 2026-12-07)
const REPLY_TYPES: &[&str] = &["COMMENT_REPLY", "POST_REPLY"];
/// Someone named the user (`u/<name>`) in a comment or post.
/// Source: Snakeroom/Reddit-Assets-Archive 2021/NotificationUnit.js (seen 2026-12-07)
/// Unverified: that the current design still sends this type, and how its
/// title reads; no reference shows one rendered.
const MENTION_TYPES: &[&str] = &["USERNAME_MENTION"];
/// Someone followed the user.
/// Source: Snakeroom/Reddit-Assets-Archive 2021/NotificationUnit.js (seen 2026-12-07)
/// Unverified: that the current design still sends this type, and that its
/// title starts with the follower's `u/<name>`; without it, a miss.
const FOLLOW_TYPES: &[&str] = &["USER_NEW_FOLLOWER"];
/// Types that are about nobody Kindling keeps: anonymous upvote milestones
/// (Reddit's votes name nobody), awards, chat, subreddit suggestions,
/// trending posts, posts and threads the user follows, achievements.
/// Source: Snakeroom/Reddit-Assets-Archive 2021/NotificationUnit.js (seen 2026-12-07)
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/hide_elements/hide_gamification_notifications.js (8b2dcf3)
const NOBODY_TYPES: &[&str] = &[
    "UPVOTE_POST",
    "UPVOTE_COMMENT",
    "AWARD_RECEIVED",
    "CAKE_DAY",
    "CHAT_MESSAGE",
    "CHAT_REQUEST",
    "CHAT_ACCEPT_INVITE",
    "COMMENT_FOLLOW",
    "POST_FOLLOW",
    "THREAD_REPLIES",
    "TOP_LEVEL_COMMENT",
    "SUBREDDIT_UPDATES_INTERESTING_POST",
    "LIFECYCLE_POST_SUGGESTIONS",
    "MODERATED_SR_VIRAL_COMMENT_POST",
    "ONE_OFF",
    "PRIVATE_MESSAGE",
    "REDDIT_LORE",
    "SUBREDDIT_RECOMMENDATION",
    "TALK_LIVE",
    "GAMIFICATION_REMINDER",
    "GAMIFICATION_ACHIEVEMENT_UNLOCKED",
];
/// The title names the person first, as `u/<name>` ("u/alice replied to
/// your post in r/rust"); the `u/` form of a name is Reddit's own in every
/// language (`u/${author}` links, `textContent.replace('u/', '')`).
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/block/block_comments_by_user.js (8b2dcf3)
/// Unverified: the English titles are read in live page text quoted by a
/// public test whose repository was not identified; no other language's
/// titles were seen. A title that does not start with `u/<name>` is a miss.
const USER_PREFIX: &str = "u/";

/// In a thread, one comment: nested replies are `shreddit-comment` elements
/// inside the comment they answer (a reply's depth is the number of
/// `shreddit-comment` ancestors up to `shreddit-comment-tree`; a comment's
/// replies are its `:scope > shreddit-comment` children).
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/style/multicoloured_threadlines.js (8b2dcf3)
/// Source: Yay295/Reddit-Highlight-Newest-Comments Reddit Highlight Newest Comments.user.js (0803d8d)
const COMMENT: &str = "shreddit-comment";
/// The thread's post (`shreddit-post[id^="t3_"]`), whose `author` attribute
/// names its author, as a page Reddit served shows.
/// Source: oscarotero/Embed tests/cache/www.reddit.com.r-investing-comments-7pfpeq-buffett_on_cyrptocurrencies_i_can_say_almost_with.php (09a60be)
/// Source: nemanjam/reddit-unread-comments source/reddit-comments/constants/selectors.ts (2309255)
const THREAD_POST: &str = "shreddit-post";
/// Attributes of a comment (and of the post) read in threads: `author`,
/// `thingid` (`t1_<id>`), `parentid` (the answered comment's `t1_<id>`; the
/// post's `t3_<id>` or absent on a top-level comment), `depth` (`0` at the
/// top level).
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/block/block_comments_by_user.js (8b2dcf3)
/// Source: nemanjam/reddit-unread-comments source/reddit-comments/constants/selectors.ts (2309255)
/// Source: KenKaneki73985/Reddit-Comment-Navigation main.js (70da64a)
/// Unverified: `parentid` is read in public scripts whose repositories were
/// not identified; it is only a cross-check, the nesting decides.
const THREAD_ATTRIBUTES: &[&str] = &["author", "thingid", "parentid", "depth"];

/// The Reddit adapter.
pub struct Reddit;

/// The account in a `/user/<name>/` or `/u/<name>` path, canonical.
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/user_tagging/user_tagging.js (8b2dcf3)
fn handle_from_path(path: &str) -> Option<String> {
    match PageUrl::segments(path).as_slice() {
        ["user" | "u", name] => canonical_handle(Site::Reddit, name, None),
        _ => None,
    }
}

fn handle_from_href(url: &PageUrl, href: &str) -> Option<String> {
    handle_from_path(&url.same_site_path(href)?)
}

fn profile_url(handle: &str) -> String {
    format!("https://www.reddit.com/user/{handle}/")
}

/// Reddit's base-36 ids (`t3_`/`t1_` without the prefix).
fn is_id(s: &str) -> bool {
    (1..=16).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The canonical URL of the post or comment a Reddit path points at: the
/// slug is dropped and names lowercased, so a post liked in a feed and
/// unliked on its own page is the same post.
/// `/r/<sub>/comments/<id>/<slug>/` → the post, `…/comment/<id>/` → the comment.
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/hide_elements/hide_join_conversation.js (8b2dcf3)
/// Unverified: the `…/comment/<id>/` form of a comment's link.
fn thing_url(path: &str) -> Option<String> {
    let segments = PageUrl::segments(path);
    let (prefix, rest) = match segments.as_slice() {
        ["r", sub, "comments", rest @ ..] if canonical_subreddit(sub) => {
            (format!("r/{}", sub.to_ascii_lowercase()), rest)
        }
        ["user" | "u", name, "comments", rest @ ..] => {
            (format!("user/{}", canonical_handle(Site::Reddit, name, None)?), rest)
        }
        _ => return None,
    };
    let (post, after) = rest.split_first()?;
    if !is_id(post) {
        return None;
    }
    let post = post.to_ascii_lowercase();
    let comment = after.iter().position(|s| *s == "comment").and_then(|i| after.get(i + 1));
    match comment {
        Some(c) if is_id(c) => {
            Some(format!("https://www.reddit.com/{prefix}/comments/{post}/comment/{}/", c.to_ascii_lowercase()))
        }
        Some(_) => None,
        None => Some(format!("https://www.reddit.com/{prefix}/comments/{post}/")),
    }
}

fn canonical_subreddit(name: &str) -> bool {
    (2..=21).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The post whose page this is, whatever comment it is focused on.
fn thread_of_page(url: &PageUrl) -> Option<String> {
    let thread = thing_url(&url.path)?;
    Some(match thread.find("/comment/") {
        Some(cut) => format!("{}/", &thread[..cut]),
        None => thread,
    })
}

/// Whether a vote button went on (`Some(false)`) or off (`Some(true)`).
fn undo_of(before: &ControlState, after: &ControlState) -> Option<bool> {
    match (before.pressed.as_deref(), after.pressed.as_deref()) {
        (Some("false"), Some("true")) => Some(false),
        (Some("true"), Some("false")) => Some(true),
        _ => None,
    }
}

impl Reddit {
    /// The author of a post or comment, as a target, or why not: its author
    /// link, or where it shows none (the home feed) the element's own
    /// `author` attribute; both, where both are there, must agree. The link's
    /// text is the user name again ("u/name" in places), so no name is taken:
    /// Reddit shows no display name beside it.
    fn author(url: &PageUrl, post: Option<&PostFacts>) -> Result<Target, &'static str> {
        let post = post.ok_or("the control is not inside a post or comment")?;
        let linked = match post.author_href.as_deref() {
            Some(href) => Some(handle_from_href(url, href).ok_or("the author link is not a user profile")?),
            None => None,
        };
        let named = match post.attributes.get("author") {
            Some(name) => {
                Some(canonical_handle(Site::Reddit, name, None).ok_or("the author attribute is not a user name")?)
            }
            None => None,
        };
        let handle = match (linked, named) {
            (Some(linked), Some(named)) if linked != named => {
                return Err("the post's author link and author attribute disagree")
            }
            (Some(handle), _) | (None, Some(handle)) => handle,
            (None, None) => return Err("the post or comment has no author link or author attribute"),
        };
        Ok(Target { profile_url: profile_url(&handle), handle, name: None })
    }

    fn is_self(url: &PageUrl, self_href: Option<&str>, handle: &str) -> bool {
        self_href.and_then(|href| handle_from_href(url, href)).is_some_and(|me| me == handle)
    }

    /// The post or comment voted on: its own link (or `permalink` attribute),
    /// or on a post's page the post (a comment whose link is missing then
    /// counts as its thread).
    fn voted_url(url: &PageUrl, post: Option<&PostFacts>) -> Option<String> {
        post.and_then(|p| p.permalink.as_deref().or(p.attributes.get("permalink").map(String::as_str)))
            .and_then(|href| url.same_site_path(href))
            .and_then(|path| thing_url(&path))
            .or_else(|| thread_of_page(url))
    }

    /// An upvote, or its undo: a like of the post's or comment's author.
    fn upvote(url: &PageUrl, facts: &ClickFacts) -> Reading {
        let Some(undo) = undo_of(&facts.before, &facts.after) else {
            return Reading::Miss("the upvote button did not change state");
        };
        Reddit::like_of(url, facts, undo)
    }

    /// A downvote is not a warm engagement and is never recorded. But Reddit
    /// keeps one vote per post: a downvote replaces an upvote, so turning a
    /// downvote on withdraws the like an earlier upvote recorded (if any).
    fn downvote(url: &PageUrl, facts: &ClickFacts) -> Reading {
        match undo_of(&facts.before, &facts.after) {
            Some(false) => Reddit::like_of(url, facts, true),
            Some(true) => Reading::Ignore("a downvote taken back"),
            None => Reading::Miss("the downvote button did not change state"),
        }
    }

    /// The like of the post's or comment's author an upvote records (or,
    /// with `undo`, withdraws).
    fn like_of(url: &PageUrl, facts: &ClickFacts, undo: bool) -> Reading {
        let target = match Reddit::author(url, facts.post.as_ref()) {
            Ok(target) => target,
            Err(why) => return Reading::Miss(why),
        };
        let Some(post_url) = Reddit::voted_url(url, facts.post.as_ref()) else {
            return Reading::Miss("the post or comment has no permalink");
        };
        let own = Reddit::is_self(url, facts.self_href.as_deref(), &target.handle);
        Engagement::outbound(Site::Reddit, Kind::Like, target, Some(post_url)).concluded(
            own,
            "the user's own post or comment",
            undo,
        )
    }

    /// A comment sent. Inside a comment (its Reply composer) it is a
    /// `Kind::Reply` to that comment's author: a direct answer to a person.
    /// The top-level composer under a post makes a `Kind::Comment` to the
    /// post's author: a remark on their post, the way Reddit itself words it
    /// ("Add a comment") and how the model tells the two apart.
    fn sent(url: &PageUrl, facts: &ClickFacts, in_comment: bool) -> Reading {
        let Some(thread) = thread_of_page(url) else {
            return Reading::Ignore("sent outside a post's page: not a comment");
        };
        let post = facts.post.as_ref().or(facts.reply_to.as_ref());
        // A comment's own link tells a reply even where the composer is not
        // recognised as inside a comment.
        let comment_url = post
            .and_then(|p| p.permalink.as_deref())
            .and_then(|href| url.same_site_path(href))
            .and_then(|path| thing_url(&path))
            .filter(|u| u.contains("/comment/"));
        let kind = if in_comment || comment_url.is_some() { Kind::Reply } else { Kind::Comment };
        let target = match Reddit::author(url, post) {
            Ok(target) => target,
            Err(why) => return Reading::Miss(why),
        };
        let own = Reddit::is_self(url, facts.self_href.as_deref(), &target.handle);
        Engagement::outbound(Site::Reddit, kind, target, Some(comment_url.unwrap_or(thread))).concluded(
            own,
            "an answer to the user's own post or comment",
            false,
        )
    }
}

/// The account a notification's title names first (`u/<name> replied …`).
fn leading_user(title: &str) -> Option<String> {
    let first = title.split_whitespace().next()?;
    canonical_handle(Site::Reddit, first.strip_prefix(USER_PREFIX)?, None)
}

/// Which list of message types a notification's type is in.
fn notification_kind(message_type: &str) -> Result<Option<Kind>, &'static str> {
    if REPLY_TYPES.contains(&message_type) {
        Ok(Some(Kind::Reply))
    } else if MENTION_TYPES.contains(&message_type) {
        Ok(Some(Kind::Mention))
    } else if FOLLOW_TYPES.contains(&message_type) {
        Ok(Some(Kind::Follow))
    } else if NOBODY_TYPES.contains(&message_type) {
        Ok(None)
    } else {
        Err("a notification type Kindling does not know")
    }
}

impl Reddit {
    /// One notification: its kind from `message-type`, the person from the
    /// title's leading `u/<name>`, the reply or mention by its link.
    fn notification(
        url: &PageUrl,
        self_href: Option<&str>,
        item: &InboundItem,
    ) -> Result<Vec<Engagement>, &'static str> {
        let message_type = item.attributes.get("message-type").ok_or("a notification without a message-type")?;
        let Some(kind) = notification_kind(message_type)? else {
            return Ok(Vec::new());
        };
        let link = item.actors.first().ok_or("a notification without its link")?;
        let title = link.name.as_deref().ok_or("a notification without a title")?;
        let handle = leading_user(title).ok_or("a notification whose title does not start with u/<name>")?;
        if Reddit::is_self(url, self_href, &handle) {
            return Ok(Vec::new());
        }
        let post_url = match kind {
            Kind::Follow => None,
            _ => {
                let href = item.permalink.as_deref().or(link.href.as_deref()).ok_or("a notification without a link")?;
                let path = url.same_site_path(href).ok_or("the notification's link is not Reddit's")?;
                Some(thing_url(&path).ok_or("the notification's link is not a post or comment")?)
            }
        };
        Ok(vec![Engagement {
            site: Site::Reddit,
            kind,
            direction: Direction::Inbound,
            target: Target { profile_url: profile_url(&handle), handle, name: None },
            post_url,
        }])
    }

    /// The author of a comment or post read in a thread: its `author`
    /// attribute and its author link, which must agree.
    fn context_author(url: &PageUrl, context: &ContextFacts) -> Result<String, &'static str> {
        let facts = PostFacts {
            author_href: context.author.as_ref().and_then(|a| a.href.clone()),
            attributes: context.attributes.clone(),
            ..PostFacts::default()
        };
        Reddit::author(url, Some(&facts)).map(|t| t.handle)
    }

    /// One comment in a thread: an inbound reply of its author when it
    /// answers the user, the comment it is nested in being the user's, or,
    /// at the top level, the thread's post.
    fn thread_reply(
        url: &PageUrl,
        self_href: Option<&str>,
        item: &InboundItem,
    ) -> Result<Vec<Engagement>, &'static str> {
        let thread = thread_of_page(url).ok_or("not a post's page")?;
        let me = self_href.and_then(|href| handle_from_href(url, href)).ok_or("the user's own account is not known")?;
        let parent_id = item.attributes.get("parentid").map(String::as_str);
        let answered = match &item.parent {
            Some(parent) => {
                if let (Some(said), Some(around)) = (parent_id, parent.attributes.get("thingid")) {
                    if !said.eq_ignore_ascii_case(around) {
                        return Err("the comment's parentid is not the comment it sits in");
                    }
                }
                Reddit::context_author(url, parent)?
            }
            None => {
                let top = match parent_id {
                    Some(id) => id.starts_with("t3_"),
                    None => item.attributes.get("depth").is_some_and(|d| d == "0"),
                };
                if !top {
                    return Err("a reply whose parent comment is not on the page");
                }
                Reddit::context_author(url, item.root.as_ref().ok_or("a thread without its post")?)?
            }
        };
        if answered != me {
            return Ok(Vec::new());
        }
        let own = ContextFacts {
            attributes: item.attributes.clone(),
            author: item.actors.first().cloned(),
            permalink: item.permalink.clone(),
        };
        let handle = Reddit::context_author(url, &own)?;
        if handle == me {
            return Ok(Vec::new());
        }
        let id = item
            .attributes
            .get("thingid")
            .and_then(|t| t.strip_prefix("t1_"))
            .filter(|id| is_id(id))
            .ok_or("a reply without its comment id")?;
        Ok(vec![Engagement {
            site: Site::Reddit,
            kind: Kind::Reply,
            direction: Direction::Inbound,
            target: Target { profile_url: profile_url(&handle), handle, name: None },
            post_url: Some(format!("{thread}comment/{}/", id.to_ascii_lowercase())),
        }])
    }
}

impl SiteAdapter for Reddit {
    fn site(&self) -> Site {
        Site::Reddit
    }

    fn hosts(&self) -> &'static [&'static str] {
        HOSTS
    }

    fn rules(&self) -> SiteRules {
        // No follow control: the profile's follow button is unconfirmed in
        // every source read, and its label is translated.
        SiteRules {
            site: Site::Reddit,
            post: POST,
            author: AUTHOR,
            permalink: PERMALINK,
            self_link: SELF_LINK,
            profile_name: PROFILE_NAME,
            text: POST_TEXT,
            post_attributes: POST_ATTRIBUTES,
            controls: vec![
                ControlRule { name: "upvote", selector: UPVOTE, role: ControlRole::Toggle, on: None },
                ControlRule { name: "downvote", selector: DOWNVOTE, role: ControlRole::Toggle, on: None },
                ControlRule { name: "reply", selector: OPEN_REPLY, role: ControlRole::OpenReply, on: None },
                ControlRule { name: "comment", selector: OPEN_COMMENT, role: ControlRole::OpenReply, on: None },
                ControlRule { name: "send_reply", selector: SUBMIT_REPLY, role: ControlRole::SubmitReply, on: None },
                ControlRule {
                    name: "send_comment",
                    selector: SUBMIT_COMMENT,
                    role: ControlRole::SubmitReply,
                    on: None,
                },
            ],
        }
    }

    fn profile_handle(&self, url: &PageUrl) -> Option<String> {
        let segments = PageUrl::segments(&url.path);
        match segments.as_slice() {
            [kind @ ("user" | "u"), name] | [kind @ ("user" | "u"), name, _] => {
                let tab_ok = segments.get(2).is_none_or(|tab| PROFILE_TABS.contains(tab));
                if !tab_ok {
                    return None;
                }
                handle_from_path(&format!("/{kind}/{name}"))
            }
            _ => None,
        }
    }

    fn account_url(&self, handle: &str) -> Option<String> {
        Some(profile_url(handle))
    }

    fn profile(&self, url: &PageUrl, page: &PageFacts) -> Option<ProfileRef> {
        let handle = self.profile_handle(url)?;
        // The handle comes from the URL; the header's name only when the
        // title names the same account, so a header left over from the page
        // before is not taken for this one's.
        let titled = page.title.to_ascii_lowercase().contains(&handle);
        let name = clean_name(page.profile_name.as_deref()).filter(|_| titled);
        let is_self = Reddit::is_self(url, page.self_href.as_deref(), &handle);
        Some(ProfileRef { site: Site::Reddit, url: profile_url(&handle), handle, name, is_self })
    }

    /// The notifications page, and a post's page (replies in its thread).
    fn inbound_rules(&self, url: &PageUrl) -> Option<InboundRules> {
        if PageUrl::segments(&url.path).as_slice() == [NOTIFICATIONS_PAGE] {
            return Some(InboundRules {
                attributes: NOTIFICATION_ATTRIBUTES,
                ..InboundRules::list(NOTIFICATION, NOTIFICATION_LINK, NOTIFICATION_LINK)
            });
        }
        thread_of_page(url).map(|_| InboundRules {
            attributes: THREAD_ATTRIBUTES,
            parent: COMMENT,
            root: THREAD_POST,
            ..InboundRules::list(COMMENT, AUTHOR, PERMALINK)
        })
    }

    fn inbound(
        &self,
        url: &PageUrl,
        self_href: Option<&str>,
        item: &InboundItem,
    ) -> Result<Vec<Engagement>, &'static str> {
        if PageUrl::segments(&url.path).as_slice() == [NOTIFICATIONS_PAGE] {
            Reddit::notification(url, self_href, item)
        } else if thread_of_page(url).is_some() {
            Reddit::thread_reply(url, self_href, item)
        } else {
            Err("not a page Reddit's notifications or replies are read on")
        }
    }

    fn engagement(&self, url: &PageUrl, facts: &ClickFacts) -> Reading {
        match facts.control.as_str() {
            "upvote" => Reddit::upvote(url, facts),
            "downvote" => Reddit::downvote(url, facts),
            "send_reply" => Reddit::sent(url, facts, true),
            "send_comment" => Reddit::sent(url, facts, false),
            _ => Reading::Miss("not a control the Reddit adapter knows"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sites::ActorFacts;

    fn at(path: &str) -> PageUrl {
        PageUrl { host: "www.reddit.com".into(), path: path.into(), query: String::new() }
    }

    fn feed() -> PageUrl {
        at("/r/rust/")
    }

    fn thread() -> PageUrl {
        at("/r/rust/comments/1abcde/a_new_borrow_checker/")
    }

    fn pressed(on: bool) -> ControlState {
        ControlState { pressed: Some(on.to_string()), ..ControlState::default() }
    }

    fn post(author: &str, permalink: Option<&str>) -> PostFacts {
        PostFacts {
            author_href: Some(author.into()),
            author_name: Some(author.trim_matches('/').rsplit('/').next().unwrap_or_default().into()),
            permalink: permalink.map(Into::into),
            ..PostFacts::default()
        }
    }

    fn alice_post() -> PostFacts {
        post("/user/alice_ex/", Some("/r/rust/comments/1abcde/a_new_borrow_checker/"))
    }

    fn bob_comment() -> PostFacts {
        post("/user/Bob-Builder/", Some("/r/rust/comments/1abcde/a_new_borrow_checker/comment/kx1yz2/"))
    }

    fn click(control: &str, before: bool, after: bool, post: Option<PostFacts>) -> ClickFacts {
        ClickFacts {
            control: control.into(),
            before: pressed(before),
            after: pressed(after),
            post,
            self_href: Some("/user/kim_l/".into()),
            ..ClickFacts::default()
        }
    }

    fn sent(control: &str, post: Option<PostFacts>, reply_to: Option<PostFacts>) -> ClickFacts {
        ClickFacts { reply_to, ..click(control, false, false, post) }
    }

    fn recorded(outcome: Reading) -> Engagement {
        match outcome {
            Reading::Record(e) => e,
            other => panic!("expected a record, got {other:?}"),
        }
    }

    #[test]
    fn upvotes_are_likes_of_the_post_or_comment_author() {
        let cases = [
            ("feed post", feed(), alice_post(), "alice_ex", "https://www.reddit.com/r/rust/comments/1abcde/"),
            (
                "post on its page",
                thread(),
                post("/user/alice_ex/", None),
                "alice_ex",
                "https://www.reddit.com/r/rust/comments/1abcde/",
            ),
            (
                "comment",
                thread(),
                bob_comment(),
                "bob-builder",
                "https://www.reddit.com/r/rust/comments/1abcde/comment/kx1yz2/",
            ),
            (
                "absolute links, /u/ and a mixed-case subreddit",
                at("/"),
                post("https://www.reddit.com/u/Alice_Ex", Some("https://www.reddit.com/r/Rust/comments/1ABCDE/x/")),
                "alice_ex",
                "https://www.reddit.com/r/rust/comments/1abcde/",
            ),
            (
                "a post in a user's profile",
                at("/user/alice_ex/"),
                post("/user/alice_ex/", Some("/user/alice_ex/comments/9zz/hello/")),
                "alice_ex",
                "https://www.reddit.com/user/alice_ex/comments/9zz/",
            ),
        ];
        for (why, url, facts, handle, post_url) in cases {
            let e = recorded(Reddit.engagement(&url, &click("upvote", false, true, Some(facts))));
            assert_eq!((e.site, e.kind, e.direction), (Site::Reddit, Kind::Like, Direction::Outbound), "{why}");
            assert_eq!(
                (e.target.handle.as_str(), e.target.profile_url.clone(), e.post_url.as_deref()),
                (handle, format!("https://www.reddit.com/user/{handle}/"), Some(post_url)),
                "{why}"
            );
        }
    }

    /// A home-feed card: no author link, the post element's attributes.
    fn home_card(author: Option<&str>, permalink: &str, link: Option<&str>) -> PostFacts {
        let mut attributes = std::collections::BTreeMap::new();
        if let Some(author) = author {
            attributes.insert("author".to_owned(), author.to_owned());
        }
        attributes.insert("permalink".to_owned(), permalink.to_owned());
        PostFacts { permalink: link.map(Into::into), attributes, ..PostFacts::default() }
    }

    #[test]
    fn home_feed_votes_go_to_the_posts_author_attribute() {
        let home = at("/");
        let alice = home_card(Some("Alice_Ex"), "/r/rust/comments/1abcde/a_new_borrow_checker/", None);
        let e = recorded(Reddit.engagement(&home, &click("upvote", false, true, Some(alice.clone()))));
        assert_eq!(
            (e.kind, e.target.handle.as_str(), e.target.profile_url.as_str(), e.post_url.as_deref()),
            (
                Kind::Like,
                "alice_ex",
                "https://www.reddit.com/user/alice_ex/",
                Some("https://www.reddit.com/r/rust/comments/1abcde/")
            )
        );
        // The same like as one given in the subreddit's feed, so it is undone
        // on the post's page; a downvote in the home feed withdraws it too.
        assert_eq!(recorded(Reddit.engagement(&feed(), &click("upvote", false, true, Some(alice_post())))), e);
        assert!(
            matches!(Reddit.engagement(&home, &click("downvote", false, true, Some(alice))), Reading::Withdraw(w) if w == e)
        );
        // A crosspost: whoever crossposted it, never the original's author,
        // whose card inside is no author link of this post.
        let crosspost = home_card(
            Some("carol_c"),
            "/r/rust/comments/1dxpst/pinning_explained/",
            Some("/r/rust/comments/1dxpst/pinning_explained/"),
        );
        let e = recorded(Reddit.engagement(&home, &click("upvote", false, true, Some(crosspost))));
        assert_eq!(
            (e.target.handle.as_str(), e.post_url.as_deref()),
            ("carol_c", Some("https://www.reddit.com/r/rust/comments/1dxpst/"))
        );
        // Where the card links its author too, both must name the same account.
        let both = PostFacts {
            author_href: Some("/user/alice_ex/".into()),
            ..home_card(Some("ALICE_EX"), "/r/rust/comments/1abcde/x/", None)
        };
        assert_eq!(
            recorded(Reddit.engagement(&feed(), &click("upvote", false, true, Some(both)))).target.handle,
            "alice_ex"
        );
    }

    #[test]
    fn home_feed_votes_that_name_nobody_or_the_user_are_never_records() {
        let home = at("/");
        let misses = [
            ("deleted author", home_card(Some("[deleted]"), "/r/rust/comments/1abcde/x/", None)),
            ("no author attribute", home_card(None, "/r/rust/comments/1abcde/x/", None)),
            ("an author attribute that is no user name", home_card(Some("u/"), "/r/rust/comments/1abcde/x/", None)),
            (
                "link and attribute disagree",
                PostFacts {
                    author_href: Some("/user/bob_b/".into()),
                    ..home_card(Some("alice_ex"), "/r/rust/comments/1abcde/x/", None)
                },
            ),
            ("a permalink that is no post", home_card(Some("alice_ex"), "/r/rust/", None)),
        ];
        for (why, card) in misses {
            assert!(
                matches!(Reddit.engagement(&home, &click("upvote", false, true, Some(card))), Reading::Miss(_)),
                "{why}"
            );
        }
        let mine = home_card(Some("Kim_L"), "/r/rust/comments/1bcdef/my_first_crate/", None);
        assert!(matches!(Reddit.engagement(&home, &click("upvote", false, true, Some(mine))), Reading::Ignore(_)));
    }

    #[test]
    fn a_like_in_the_feed_is_the_like_undone_on_the_posts_page() {
        let on = recorded(Reddit.engagement(&feed(), &click("upvote", false, true, Some(alice_post()))));
        let on_page = at("/r/Rust/comments/1abcde/");
        match Reddit.engagement(&on_page, &click("upvote", true, false, Some(post("/user/alice_ex/", None)))) {
            Reading::Withdraw(off) => assert_eq!(off, on),
            other => panic!("expected a withdrawal, got {other:?}"),
        }
    }

    #[test]
    fn downvotes_are_never_recorded_but_replace_an_upvote() {
        let like = recorded(Reddit.engagement(&feed(), &click("upvote", false, true, Some(alice_post()))));
        match Reddit.engagement(&feed(), &click("downvote", false, true, Some(alice_post()))) {
            Reading::Withdraw(e) => assert_eq!(e, like),
            other => panic!("expected the like withdrawn, got {other:?}"),
        }
        assert!(matches!(
            Reddit.engagement(&feed(), &click("downvote", true, false, Some(alice_post()))),
            Reading::Ignore(_)
        ));
    }

    #[test]
    fn comments_and_replies_go_to_the_person_answered() {
        // A reply in a comment's own composer.
        let e = recorded(Reddit.engagement(&thread(), &sent("send_reply", Some(bob_comment()), Some(bob_comment()))));
        assert_eq!((e.kind, e.target.handle.as_str()), (Kind::Reply, "bob-builder"));
        assert_eq!(e.post_url.as_deref(), Some("https://www.reddit.com/r/rust/comments/1abcde/comment/kx1yz2/"));
        // The composer not seen as inside the comment, but its post is one.
        let e = recorded(Reddit.engagement(&thread(), &sent("send_comment", None, Some(bob_comment()))));
        assert_eq!((e.kind, e.target.handle.as_str()), (Kind::Reply, "bob-builder"));
        // The top-level composer: the post's page column is the "post".
        let column = post("/user/alice_ex/", None);
        let e = recorded(Reddit.engagement(&thread(), &sent("send_comment", Some(column.clone()), Some(column))));
        assert_eq!((e.kind, e.target.handle.as_str()), (Kind::Comment, "alice_ex"));
        assert_eq!(e.post_url.as_deref(), Some("https://www.reddit.com/r/rust/comments/1abcde/"));
        // A reply sent on a page focused on one comment still names the thread.
        let focused = at("/r/rust/comments/1abcde/a_new_borrow_checker/comment/kx1yz2/");
        let e = recorded(Reddit.engagement(&focused, &sent("send_reply", Some(post("/user/carol_c/", None)), None)));
        assert_eq!(
            (e.kind, e.target.handle.as_str(), e.post_url.as_deref()),
            (Kind::Reply, "carol_c", Some("https://www.reddit.com/r/rust/comments/1abcde/"))
        );
    }

    #[test]
    fn the_users_own_posts_and_comments_are_ignored() {
        let mine = post("/user/Kim_L/", Some("/r/rust/comments/1abcde/x/comment/aaa111/"));
        for facts in [
            click("upvote", false, true, Some(mine.clone())),
            click("downvote", false, true, Some(mine.clone())),
            sent("send_reply", Some(mine.clone()), None),
            sent("send_comment", Some(post("/user/kim_l/", None)), None),
        ] {
            assert!(matches!(Reddit.engagement(&thread(), &facts), Reading::Ignore(_)), "{facts:?}");
        }
    }

    #[test]
    fn unrecognised_or_incomplete_clicks_are_misses_never_guesses() {
        let cases = [
            ("no state change", click("upvote", false, false, Some(alice_post()))),
            (
                "no pressed state",
                ClickFacts { before: ControlState::default(), ..click("upvote", false, true, Some(alice_post())) },
            ),
            ("no post", click("upvote", false, true, None)),
            (
                "home feed: no author link",
                click("upvote", false, true, Some(PostFacts { author_href: None, ..alice_post() })),
            ),
            (
                "author is a subreddit",
                click("upvote", false, true, Some(post("/r/rust/", Some("/r/rust/comments/1abcde/")))),
            ),
            (
                "deleted author",
                click("upvote", false, true, Some(post("/user/[deleted]/", Some("/r/rust/comments/1abcde/")))),
            ),
            ("author elsewhere", click("upvote", false, true, Some(post("https://evil.example/user/bob/", None)))),
            ("author is a profile tab", click("upvote", false, true, Some(post("/user/bob/submitted/", None)))),
            ("feed post without permalink", click("upvote", false, true, Some(post("/user/alice_ex/", None)))),
            (
                "permalink not a post",
                click("upvote", false, true, Some(post("/user/alice_ex/", Some("/r/rust/about/")))),
            ),
            ("unknown control", click("award", false, true, Some(alice_post()))),
            ("opening a reply is not reported", click("reply", false, false, Some(bob_comment()))),
            ("a comment with nothing to answer", sent("send_comment", None, None)),
        ];
        for (why, facts) in cases {
            let url = if why.starts_with("a comment") { thread() } else { feed() };
            assert!(matches!(Reddit.engagement(&url, &facts), Reading::Miss(_)), "{why}");
        }
        // Sent anywhere but a post's page (a new post): nothing to answer.
        assert!(matches!(
            Reddit.engagement(&at("/r/rust/submit"), &sent("send_comment", None, Some(alice_post()))),
            Reading::Ignore(_)
        ));
    }

    #[test]
    fn profile_pages_are_user_routes_only() {
        let page = PageFacts {
            title: "alice_ex (u/alice_ex) - Reddit".into(),
            profile_name: Some("Alice".into()),
            self_href: None,
        };
        let cases = [
            ("/user/alice_ex/", Some("alice_ex")),
            ("/user/Alice_Ex", Some("alice_ex")),
            ("/u/alice_ex", Some("alice_ex")),
            ("/u/alice_ex/", Some("alice_ex")),
            ("/user/alice_ex/submitted/", Some("alice_ex")),
            ("/user/alice_ex/comments/", Some("alice_ex")),
            ("/user/alice_ex/overview", Some("alice_ex")),
            ("/user/alice_ex/upvoted", Some("alice_ex")),
            ("/user/alice_ex/comments/9zz/hello/", None),
            ("/user/alice_ex/m/my_multi", None),
            ("/user/alice_ex/about", None),
            ("/user/me", None),
            ("/user/", None),
            ("/user/[deleted]", None),
            ("/r/rust/", None),
            ("/r/rust/comments/1abcde/x/", None),
            ("/settings/profile", None),
            ("/notifications", None),
            ("/message/inbox", None),
            ("/", None),
            ("/alice_ex", None),
        ];
        for (path, want) in cases {
            let got = Reddit.profile(&at(path), &page);
            assert_eq!(got.as_ref().map(|p| p.handle.as_str()), want, "{path}");
        }
    }

    #[test]
    fn profiles_take_the_header_name_only_for_the_titled_account() {
        let page = |title: &str, name: Option<&str>, me: Option<&str>| PageFacts {
            title: title.into(),
            profile_name: name.map(Into::into),
            self_href: me.map(Into::into),
        };
        let url = at("/user/alice_ex/");
        let p = Reddit.profile(
            &url,
            &page("Alice Example (u/alice_ex) - Reddit", Some(" Alice  Example "), Some("/user/kim_l/")),
        );
        assert_eq!(
            p.map(|p| (p.handle, p.name, p.url, p.is_self)),
            Some((
                "alice_ex".into(),
                Some("Alice Example".into()),
                "https://www.reddit.com/user/alice_ex/".into(),
                false
            ))
        );
        let stale = Reddit.profile(&url, &page("r/rust - Reddit", Some("Bob"), None));
        assert_eq!(stale.map(|p| p.name), Some(None), "a header left from another page");
        let me = Reddit.profile(&at("/u/Kim_L"), &page("", None, Some("/user/kim_l/")));
        assert_eq!(me.map(|p| p.is_self), Some(true));
    }

    #[test]
    fn both_hosts_are_served() {
        for host in HOSTS {
            let (adapter, url) = crate::sites::for_url(&format!("https://{host}/user/alice_ex/"))
                .unwrap_or_else(|| panic!("{host} has no adapter"));
            assert_eq!(adapter.site(), Site::Reddit);
            assert_eq!(
                adapter.profile(&url, &PageFacts::default()).map(|p| p.url).as_deref(),
                Some("https://www.reddit.com/user/alice_ex/")
            );
        }
        assert!(crate::sites::for_url("https://old.reddit.com/user/alice_ex/").is_none(), "old Reddit is another page");
    }

    /// The top-level composer is tied to its post only by the post page's
    /// column: the post, then the element with `bundlename="comment_body_header"`
    /// (attested: the attribute and the adjacency, not the tag).
    #[test]
    fn the_post_pages_column_is_found_by_the_attested_attribute_whatever_its_tag() {
        let rules = Reddit.rules();
        assert!(!rules.post.contains("shreddit-async-loader"), "the loader's tag is not attested");
        assert!(rules.post.contains(r#":has(> shreddit-post + [bundlename="comment_body_header"])"#));
        // What a send from that composer comes to, whatever the column shows.
        let column = |author: Option<&str>, attrs: &[(&str, &str)]| PostFacts {
            author_href: author.map(Into::into),
            attributes: attrs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
            ..PostFacts::default()
        };
        let cases = [
            ("the post's author link", column(Some("/user/alice_ex/"), &[]), Some((Kind::Comment, "alice_ex"))),
            ("a link elsewhere", column(Some("/r/rust/"), &[]), None),
            ("no author at all", column(None, &[]), None),
        ];
        for (why, facts, want) in cases {
            let got = match Reddit.engagement(&thread(), &sent("send_comment", Some(facts.clone()), Some(facts))) {
                Reading::Record(e) => Some((e.kind, e.target.handle)),
                Reading::Miss(_) => None,
                other => panic!("{why}: {other:?}"),
            };
            assert_eq!(got.as_ref().map(|(k, h)| (*k, h.as_str())), want, "{why}");
        }
        // Comments of the July 2026 layout keep their meta row in
        // `details > summary`: still the comment's own row, never a reply's.
        assert!(rules.author.contains("shreddit-comment:scope > details > summary > [slot=\"commentMeta\"]"));
    }

    fn notice(message_type: Option<&str>, title: &str, href: &str) -> InboundItem {
        let mut attributes = std::collections::BTreeMap::new();
        if let Some(t) = message_type {
            attributes.insert("message-type".to_owned(), t.to_owned());
        }
        InboundItem {
            actors: vec![ActorFacts { href: Some(href.into()), name: Some(title.into()), label: None }],
            permalink: Some(href.into()),
            time: Some("2026-03-01T11:00:00.000Z".into()),
            attributes,
            ..InboundItem::default()
        }
    }

    /// What an inbound item came to: kind, person, post for each record.
    type Found = Result<Vec<(Kind, String, Option<String>)>, &'static str>;

    fn inbound_at(path: &str, item: &InboundItem) -> Found {
        Reddit.inbound(&at(path), Some("/user/kim_l/"), item).map(|found| {
            found
                .into_iter()
                .inspect(|e| assert_eq!((e.site, e.direction), (Site::Reddit, Direction::Inbound)))
                .map(|e| (e.kind, e.target.handle, e.post_url))
                .collect()
        })
    }

    #[test]
    fn notifications_are_read_by_message_type_and_the_titles_leading_name() {
        let rules = Reddit.inbound_rules(&at("/notifications")).unwrap_or_else(|| panic!("no rules"));
        assert_eq!((rules.item, rules.attributes), ("notification-item", &["message-type"][..]));
        assert!(Reddit.inbound_rules(&at("/notifications/")).is_some());
        for path in ["/", "/r/rust/", "/user/alice_ex/", "/message/inbox"] {
            assert!(Reddit.inbound_rules(&at(path)).is_none(), "{path}");
        }
        let link = "/r/rust/comments/1bcdef/my_first_crate/comment/Ka1ice/?context=3";
        let comment = Some("https://www.reddit.com/r/rust/comments/1bcdef/comment/ka1ice/".to_owned());
        let cases = [
            ("COMMENT_REPLY", "u/Alice_Ex replied to your comment in r/rust Thanks!", Kind::Reply, comment.clone()),
            ("POST_REPLY", "u/alice_ex replied to your post in r/rust", Kind::Reply, comment.clone()),
            ("USERNAME_MENTION", "u/alice_ex mentioned you in r/rust", Kind::Mention, comment.clone()),
            ("USER_NEW_FOLLOWER", "u/alice_ex followed you", Kind::Follow, None),
        ];
        for (t, title, kind, post_url) in cases {
            let got = inbound_at("/notifications", &notice(Some(t), title, link));
            assert_eq!(got, Ok(vec![(kind, "alice_ex".to_owned(), post_url)]), "{t}");
        }
    }

    #[test]
    fn notifications_about_nobody_or_the_user_record_nothing_and_unreadable_ones_miss() {
        let link = "/r/rust/comments/1bcdef/my_first_crate/comment/ka1ice/";
        let nothing = [
            ("UPVOTE_POST", "Your post in r/rust hit 100 upvotes"),
            ("UPVOTE_COMMENT", "u/kim_l, your comment got 10 upvotes"),
            ("GAMIFICATION_ACHIEVEMENT_UNLOCKED", "Achievement unlocked"),
            ("SUBREDDIT_RECOMMENDATION", "r/rust is trending"),
            ("COMMENT_REPLY", "u/Kim_L replied to your comment in r/rust"),
        ];
        for (t, title) in nothing {
            assert_eq!(inbound_at("/notifications", &notice(Some(t), title, link)), Ok(vec![]), "{t}: {title}");
        }
        let misses = [
            notice(None, "u/alice_ex replied to your post in r/rust", link),
            notice(Some("SOMETHING_NEW"), "u/alice_ex did something", link),
            notice(Some("COMMENT_REPLY"), "Neue Antwort von u/alice_ex in r/rust", link),
            notice(Some("COMMENT_REPLY"), "u/[deleted] replied to your comment", link),
            notice(Some("COMMENT_REPLY"), "u/alice_ex replied to your comment", "/r/rust/"),
            notice(
                Some("COMMENT_REPLY"),
                "u/alice_ex replied to your comment",
                "https://evil.example/r/rust/comments/1b/",
            ),
            InboundItem { actors: vec![], ..notice(Some("POST_REPLY"), "", link) },
        ];
        for item in misses {
            assert!(inbound_at("/notifications", &item).is_err(), "{item:?}");
        }
    }

    /// A comment of the thread of post 1bcdef (the user's), by `author`,
    /// with id `id`, nested in `parent` (its author and id) or at the top
    /// level under a post by `root`.
    fn reply(author: Option<&str>, id: &str, parent: Option<(&str, &str)>, root: &str) -> InboundItem {
        let attrs = |pairs: &[(&str, &str)]| -> std::collections::BTreeMap<String, String> {
            pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
        };
        let link =
            |name: &str| ActorFacts { href: Some(format!("/user/{name}/")), name: Some(name.into()), label: None };
        let mut mine =
            vec![("thingid", format!("t1_{id}")), ("depth", (if parent.is_some() { "1" } else { "0" }).into())];
        mine.push(("parentid", parent.map_or("t3_1bcdef".to_owned(), |(_, p)| format!("t1_{p}"))));
        if let Some(a) = author {
            mine.push(("author", a.to_owned()));
        }
        let mine: Vec<(&str, &str)> = mine.iter().map(|(k, v)| (*k, v.as_str())).collect();
        InboundItem {
            actors: author.map(link).into_iter().collect(),
            attributes: attrs(&mine),
            parent: parent.map(|(a, p)| ContextFacts {
                attributes: attrs(&[("author", a), ("thingid", &format!("t1_{p}"))]),
                author: Some(link(a)),
                permalink: None,
            }),
            root: Some(ContextFacts {
                attributes: attrs(&[("author", root)]),
                author: Some(link(root)),
                permalink: None,
            }),
            ..InboundItem::default()
        }
    }

    #[test]
    fn replies_in_a_thread_to_the_user_are_inbound_replies_of_their_authors() {
        let rules =
            Reddit.inbound_rules(&at("/r/rust/comments/1bcdef/my_first_crate/")).unwrap_or_else(|| panic!("none"));
        assert_eq!((rules.item, rules.parent, rules.root), ("shreddit-comment", "shreddit-comment", "shreddit-post"));
        let thread = "/r/Rust/comments/1bcdef/my_first_crate/";
        let url = |id: &str| Some(format!("https://www.reddit.com/r/rust/comments/1bcdef/comment/{id}/"));
        // Alice at the top level of the user's post; Alice answering the user's comment.
        assert_eq!(
            inbound_at(thread, &reply(Some("Alice_Ex"), "ka1ice", None, "kim_l")),
            Ok(vec![(Kind::Reply, "alice_ex".to_owned(), url("ka1ice"))])
        );
        assert_eq!(
            inbound_at(thread, &reply(Some("alice_ex"), "Ka2ice", Some(("kim_l", "kimc01")), "kim_l")),
            Ok(vec![(Kind::Reply, "alice_ex".to_owned(), url("ka2ice"))])
        );
        // On a page focused on one comment, the same comment is the same reply.
        let focused = "/r/rust/comments/1bcdef/my_first_crate/comment/kimc01/";
        assert_eq!(
            inbound_at(focused, &reply(Some("alice_ex"), "ka2ice", Some(("kim_l", "kimc01")), "kim_l")),
            Ok(vec![(Kind::Reply, "alice_ex".to_owned(), url("ka2ice"))])
        );
        let nothing = [
            ("Bob answering Carol", reply(Some("bob-builder"), "kb1bob", Some(("carol_c", "kc1car")), "kim_l")),
            ("the user's own reply", reply(Some("kim_l"), "kimc01", Some(("alice_ex", "ka1ice")), "kim_l")),
            ("the user's own top-level comment", reply(Some("kim_l"), "kimc02", None, "kim_l")),
            ("top level, someone else's post", reply(Some("alice_ex"), "ka1ice", None, "dave_d")),
            ("a deleted author answering someone else", reply(None, "kd1del", Some(("carol_c", "kc1car")), "kim_l")),
        ];
        for (why, item) in nothing {
            assert_eq!(inbound_at(thread, &item), Ok(vec![]), "{why}");
        }
    }

    #[test]
    fn thread_replies_that_cannot_be_read_are_misses() {
        let thread = "/r/rust/comments/1bcdef/my_first_crate/";
        let mut orphan = reply(Some("alice_ex"), "ka2ice", Some(("kim_l", "kimc01")), "kim_l");
        orphan.parent = None; // a focused page: the comment answered is not shown
        let mut unknown_depth = reply(Some("alice_ex"), "ka1ice", None, "kim_l");
        unknown_depth.attributes.retain(|k, _| k == "author" || k == "thingid");
        let mut elsewhere = reply(Some("alice_ex"), "ka2ice", Some(("kim_l", "kimc01")), "kim_l");
        elsewhere.attributes.insert("parentid".into(), "t1_zzz999".into());
        let mut no_post = reply(Some("alice_ex"), "ka1ice", None, "kim_l");
        no_post.root = None;
        let mut disagree = reply(Some("alice_ex"), "ka1ice", None, "kim_l");
        disagree.actors[0].href = Some("/user/bob-builder/".into());
        let mut no_id = reply(Some("alice_ex"), "ka1ice", None, "kim_l");
        no_id.attributes.remove("thingid");
        let misses = [
            ("a parent not on the page", orphan),
            ("no parentid nor depth at the top", unknown_depth),
            ("parentid names another comment", elsewhere),
            ("no post on the page", no_post),
            ("the author link and attribute disagree", disagree),
            ("no comment id", no_id),
            ("a deleted author answering the user", reply(None, "kd1del", Some(("kim_l", "kimc01")), "kim_l")),
            (
                "a parent whose author cannot be read",
                reply(Some("alice_ex"), "ka2ice", Some(("[deleted]", "kimc01")), "kim_l"),
            ),
        ];
        for (why, item) in misses {
            assert!(inbound_at(thread, &item).is_err(), "{why}");
        }
        // The user unknown: nothing can be decided.
        let item = reply(Some("alice_ex"), "ka1ice", None, "kim_l");
        assert!(Reddit.inbound(&at(thread), None, &item).is_err());
        // Not a page where anything is read.
        assert!(inbound_at("/r/rust/", &item).is_err());
    }

    /// Every `&str` or `&[&str]` const of this file names its source, or says
    /// it is unverified (docs/sites/reddit.md lists them).
    #[test]
    fn every_selector_cites_its_source() {
        let file = include_str!("reddit.rs");
        let lines: Vec<&str> = file.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let line = line.trim_start();
            let is_const = line.starts_with("const ") || line.starts_with("pub const ");
            if !is_const || !(line.contains(": &str") || line.contains(": &[&str]")) {
                continue;
            }
            let comments = lines[..i].iter().rev().take_while(|l| l.trim_start().starts_with("//"));
            let cited = comments
                .map(|l| l.trim_start().trim_start_matches('/').trim_start())
                .any(|l| l.starts_with("Source: ") && l.ends_with(')') || l.starts_with("Unverified:"));
            assert!(cited, "line {}: {line}", i + 1);
        }
    }

    #[test]
    fn the_rules_name_every_control_the_adapter_reads() {
        assert_eq!(Reddit.rules().post_attributes, ["author", "permalink"]);
        let names: Vec<_> = Reddit.rules().controls.iter().map(|c| (c.name, c.role)).collect();
        assert_eq!(
            names,
            [
                ("upvote", ControlRole::Toggle),
                ("downvote", ControlRole::Toggle),
                ("reply", ControlRole::OpenReply),
                ("comment", ControlRole::OpenReply),
                // A send inside a comment must be tried before any send.
                ("send_reply", ControlRole::SubmitReply),
                ("send_comment", ControlRole::SubmitReply),
            ]
        );
    }
}
