//! GitHub (github.com): reactions on conversation comments, comments on
//! issues, pull requests and discussions, follows and profile visits.
//! Every selector, attribute and URL shape below cites the public reference
//! it was checked against (or says it is unverified); `docs/sites/github.md`
//! lists the references, what each shows and what remains unverified.
//! Commits cited: refined-github/refined-github cc22fe3 (2026-08-19),
//! refined-github/github-url-detection 02daa6a (2026-08-02),
//! Mergifyio/browser-extension b6632e5 (2026-08-21; its `github_dom_2026_07`
//! pages were captured from github.com on 2026-07-19).
//! Reactions are recognised in both conversation views: the server-rendered
//! ("classic") one, whose buttons show the user's reaction in `aria-pressed`,
//! and the React issue view, whose buttons show it in `aria-checked`.
//! Comments are recognised in the classic view only. The signed-in user is
//! named by `meta[name="user-login"]` on every signed-in page. One rule
//! reads a label, the React view's `div[aria-label="Reactions"]` (English);
//! the others are classes, attributes and URLs, the same in every language.
//! Inbound (what others did for the user) is read from the issues and pull
//! requests the user opens: replies in their own, mentions elsewhere, and
//! reactions on their comments, whose English tooltips name who reacted.

use super::hosts::GITHUB as HOSTS;
use super::{
    canonical_handle, clean_name, handle_after, profile_engagement, undo_of_flip, ActorFacts, ClickFacts, ControlRole,
    ControlRule, Engagement, InboundItem, InboundRules, PageFacts, PageUrl, PostFacts, ProfileRef, Reading,
    SiteAdapter, SiteRules, Target,
};
use crate::model::{Direction, Kind, Site};

/// One comment of a conversation is a `.js-comment-container` (a
/// `.TimelineItem`). The new-comment box at the end is one too
/// (`div.timeline-comment-wrapper.timeline-new-comment.js-comment-container#issuecomment-new`),
/// so it is left out. The conversation as a whole is the
/// `.js-quote-selection-container` (`.pull-discussion-timeline` on pull
/// requests) that holds the timeline (`.js-discussion`) and the new-comment
/// box: a click in the composer gets the whole conversation as its "post",
/// whose first author is the opener's.
/// In the React issue view, the issue's own text is `.react-issue-body` and
/// each comment `.react-issue-comment`.
/// Source: Mergifyio/browser-extension src/__tests__/fixtures/github_dom_2026_07/github_pr_opened.html (b6632e5)
/// Source: refined-github/refined-github source/features/quick-mention.tsx (cc22fe3)
/// Source: refined-github/refined-github source/github-helpers/get-comment-author.ts (cc22fe3)
const POST: &str = ".js-comment-container:not(.timeline-new-comment), .js-quote-selection-container, .react-issue-body, .react-issue-comment";
/// Classic view: `a.author` (`[data-hovercard-type="user"]`, text = the
/// login) in a comment's `.timeline-comment-header`. React view:
/// `a[data-testid="avatar-link"]` in the comment's
/// `[data-testid="comment-header"]`, and
/// `a[data-testid="issue-body-header-author"]` for the issue's own text.
/// Organisations' and apps' links are excluded as refined-github's
/// `authorLinksException` does.
/// Source: refined-github/refined-github source/github-helpers/selectors.ts (cc22fe3)
/// Source: Mergifyio/browser-extension src/__tests__/fixtures/github_dom_2026_07/github_pr_opened.html (b6632e5)
const AUTHOR: &str = concat!(
    r#":is(a.author, [data-testid="comment-header"] a[data-testid="avatar-link"], a[data-testid="issue-body-header-author"])"#,
    r#":not([data-hovercard-type="organization"], [href*="/apps/"])"#
);
/// The comment's timestamp. Classic view: `a.Link--secondary.js-timestamp`
/// (`id="issue-<id>-permalink"`) to `#issue-<id>` for the opening comment
/// and `#issuecomment-<id>` for the others, holding a `relative-time`.
/// Source: Mergifyio/browser-extension src/__tests__/fixtures/github_dom_2026_07/github_pr_opened.html (b6632e5)
/// Unverified: the React view's `a[data-testid="issue-body-header-link"]` (to
/// `…#issue-<id>`) and a comment header's link to `#issuecomment-<id>` are
/// seen only in third-party page scrapers whose repository the code index
/// did not name; refined-github does not read them.
const PERMALINK: &str = concat!(
    r#"a.js-timestamp, a[data-testid="issue-body-header-link"], "#,
    r##"[data-testid="comment-header"] a[href*="#issuecomment-"]"##
);
/// The signed-in user: `<meta name="user-login" content="<login>">` in the
/// head of every signed-in page (empty or absent signed out); the content
/// script reports a `<meta>`'s `content`, a bare login. GitHub's current
/// header (the React `global-nav-bar`) has no link to the user's profile:
/// its user menu is a `button[aria-haspopup="menu"][data-login="<login>"]`.
/// The meta comes first in the document, so the rest are fallbacks only: the
/// avatar beside the new-comment box (`.timeline-comment-avatar a`, to the
/// signed-in user), and in the React issue view the author link of a header
/// marked `viewerDidAuthor` (a CSS module class, matched by substring as
/// refined-github does).
/// Source: refined-github/github-url-detection index.ts (02daa6a)
/// Source: Mergifyio/browser-extension src/__tests__/fixtures/github_dom_2026_07/github_pr_opened.html (b6632e5)
/// Source: refined-github/refined-github source/features/quick-comment-edit.tsx (cc22fe3)
const SELF_LINK: &str = concat!(
    r#"meta[name="user-login"], .timeline-new-comment .timeline-comment-avatar a[href], "#,
    r#"div:is([data-testid="comment-header"], [class^="IssueBodyHeader"])[class*="viewerDidAuthor" i] "#,
    r#"a:is([data-testid="avatar-link"], [data-testid="issue-body-header-author"])"#
);
/// A user's profile header: `h1.vcard-names` holding `span.p-name.vcard-fullname`
/// and `span.p-nickname.vcard-username`. Organisations have no vcard, so
/// their pages, which share the `/<login>` URL shape, are not profiles here
/// (github-url-detection tells them apart by `meta[name="hovercard-subject-tag"]`).
/// Unverified: `h1.vcard-names` with those spans is read by many third-party
/// profile scrapers (code search, 2026-12-07), but none whose repository and
/// date could be named; neither refined-github nor github-url-detection reads it.
const PROFILE_NAME: &str = ".vcard-names";
/// A comment's text: classic `.comment-body` (`.js-comment-body`), React view
/// `[data-testid="markdown-body"]`.
/// Source: refined-github/refined-github source/features/conversation-activity-filter.tsx (cc22fe3)
/// Source: refined-github/refined-github source/features/scrollable-areas.css (cc22fe3)
const TEXT: &str = r#".comment-body, [data-testid="markdown-body"]"#;

/// Reactions, classic view: `button.social-reaction-summary-item.js-reaction-group-button`
/// (`name="input[content]"`, `value="THUMBS_UP react"` / `"… unreact"`) with
/// `aria-pressed` = whether the user has reacted. Requiring `aria-pressed`
/// keeps out the picker's items (`button.dropdown-item-reaction`,
/// `role="menuitemcheckbox"`, state in `aria-checked`), which sit in the same
/// comment but in no `div[aria-label="Reactions"]`.
/// React issue view: the comment's `div[aria-label="Reactions"]` holds one
/// button per emoji whose state is `aria-checked` (refined-github:
/// `'button[aria-checked]', // React issues`, `'button[aria-pressed]'` for the
/// other views). The role is not required: matched on the state attribute
/// alone, as refined-github matches. An emoji nobody used yet is added from
/// a picker outside the comment and is not recognised.
/// Source: Mergifyio/browser-extension src/__tests__/fixtures/github_dom_2026_07/github_pr_merged.html (b6632e5)
/// Source: refined-github/refined-github source/features/reactions-avatars.tsx (cc22fe3)
const REACTION: &str = concat!(
    "button.js-reaction-group-button[aria-pressed], ",
    r#"div[aria-label="Reactions"] button:is([aria-checked], [aria-pressed])"#
);
/// `form.js-new-comment-form` holds `div#partial-new-comment-form-actions`
/// with the primary `button.btn-primary[type="submit"]` "Comment" (disabled
/// while the box is empty); the other submit button,
/// `button.js-comment-and-button[name="comment_and_close"]` ("Close pull
/// request" / "Close with comment"), is not primary and not a comment.
/// Source: Mergifyio/browser-extension src/__tests__/fixtures/github_dom_2026_07/github_pr_opened.html (b6632e5)
/// Source: Mergifyio/browser-extension src/queue.js (b6632e5)
const COMMENT: &str = r#"form.js-new-comment-form #partial-new-comment-form-actions button.btn-primary[type="submit"]"#;
/// Follow and unfollow are two forms in `span.user-following-container
/// .js-form-toggle-container`, `form[action="/users/follow?target=<login>"]`
/// and `…/users/unfollow…`, one of them `hidden`; GitHub swaps which after a
/// submit. Only the profile's own button (its vcard, or the sticky
/// mini-vcard) counts, not those in follower lists.
/// Unverified: the form actions and the swap are described by third-party
/// automation scripts found by code search (2026-12-07) whose repository the
/// index did not name; the containers are not in refined-github.
const FOLLOW: &str = r#":is(.js-profile-editable-replace, .user-profile-mini-vcard) form[action^="/users/follow?target="] [type="submit"]"#;
/// The unfollow twin of `FOLLOW`.
/// Unverified: as `FOLLOW`.
const UNFOLLOW: &str = r#":is(.js-profile-editable-replace, .user-profile-mini-vcard) form[action^="/users/unfollow?target="] [type="submit"]"#;

/// First path segments that are GitHub's own pages, never a user:
/// github-url-detection's `isProfile` is one segment, no dot, not in
/// github-reserved-names' `reserved-names.json`; this is the part of that
/// list that matters here, plus `copilot` and `repos` (links of the 2026-07
/// global header). `codespaces` and `github-copilot` are unverified additions
/// (GitHub product pages, listed in no reference seen).
/// Source: refined-github/github-url-detection index.ts (02daa6a)
/// Source: Mottie/github-reserved-names reserved-names.json (35accf5)
/// Source: Mergifyio/browser-extension src/__tests__/fixtures/github_dom_2026_07/github_pr_opened.html (b6632e5)
const RESERVED: &[&str] = &[
    "about",
    "account",
    "admin",
    "api",
    "apps",
    "blog",
    "business",
    "codespaces",
    "collections",
    "contact",
    "copilot",
    "customer-stories",
    "dashboard",
    "discussions",
    "enterprise",
    "events",
    "explore",
    "features",
    "gist",
    "github-copilot",
    "home",
    "issues",
    "join",
    "login",
    "logout",
    "marketplace",
    "new",
    "notifications",
    "organizations",
    "orgs",
    "pricing",
    "pulls",
    "readme",
    "repos",
    "search",
    "security",
    "sessions",
    "settings",
    "signup",
    "site",
    "sponsors",
    "stars",
    "team",
    "topics",
    "trending",
    "users",
];

/// The conversations a comment can be submitted on: `/<owner>/<repo>/<kind>/<number>`
/// (github-url-detection's `isIssue`, `isPRConversation`, `isDiscussion`).
/// Source: refined-github/github-url-detection index.ts (02daa6a)
const CONVERSATIONS: &[&str] = &["issues", "pull", "discussions"];

/// Inbound, read on an issue or pull request the user opens: each comment of
/// the conversation is one item. Classic view (pull requests, older issues):
/// `.js-discussion > … > .TimelineItem.js-comment-container`, the opening
/// comment first (`#issue-<id>`), the new-comment box left out as in `POST`.
/// React issue view: `.react-issue-body` (the issue's text) and each
/// `.react-issue-comment`.
/// Source: Mergifyio/browser-extension src/__tests__/fixtures/github_dom_2026_07/github_pr_merged.html (b6632e5)
/// Source: refined-github/refined-github source/features/comments-time-machine-links.tsx (cc22fe3)
const INBOUND_ITEM: &str =
    ".js-discussion .js-comment-container:not(.timeline-new-comment), .react-issue-body, .react-issue-comment";
/// The opening post of the conversation: the first comment of the classic
/// timeline (its `a.js-timestamp` goes to `#issue-<id>`, which `inbound`
/// checks), or the React view's `.react-issue-body`.
/// Source: Mergifyio/browser-extension src/__tests__/fixtures/github_dom_2026_07/github_pr_merged.html (b6632e5)
/// Source: refined-github/refined-github source/github-helpers/get-comment-author.ts (cc22fe3)
const INBOUND_ROOT: &str = ".js-discussion .js-comment-container, .react-issue-body";
/// Inside a comment, in document order: its author (classic `a.author` in
/// the header, React `[data-testid="comment-header"] a[data-testid="avatar-link"]`
/// or `a[data-testid="issue-body-header-author"]`; apps included, so that an
/// app's comment is not read as written by the first person it mentions);
/// then the people its text mentions (`a.user-mention`, text `@<login>`,
/// `href` the profile, `data-hovercard-type="user"` or `"organization"`);
/// then the text of each reaction's tooltip, which names who reacted:
/// classic `tool-tip` right after the `button.js-reaction-group-button`
/// ("<a>, <b> and <c> reacted with thumbs up emoji"), React the element
/// right after the `button[role="switch"]` ("… including <a>, <b> and <c>)").
/// Source: Mergifyio/browser-extension src/__tests__/fixtures/github_dom_2026_07/github_pr_merged.html (b6632e5)
/// Source: refined-github/refined-github source/github-helpers/selectors.ts (cc22fe3)
/// Source: refined-github/refined-github source/features/small-user-avatars.tsx (cc22fe3)
/// Source: refined-github/refined-github source/features/reactions-avatars.tsx (cc22fe3)
const INBOUND_ACTOR: &str = concat!(
    r#"a.author, [data-testid="comment-header"] a[data-testid="avatar-link"], a[data-testid="issue-body-header-author"], "#,
    "a.user-mention, ",
    ".js-comment-reactions-options button.js-reaction-group-button + tool-tip, ",
    r#"div[aria-label="Reactions"] button[role="switch"] + *"#
);
/// Where replies and mentions are read: issues and pull requests, whose
/// timelines are flat (every comment answers the conversation, and GitHub
/// notifies its opener of each). Not discussions: their replies nest and no
/// reference seen shows that markup.
/// Source: refined-github/github-url-detection index.ts (02daa6a)
const INBOUND_CONVERSATIONS: &[&str] = &["issues", "pull"];
/// A reaction tooltip's English wording around the logins, as
/// refined-github parses it: classic "… reacted with …", React
/// "… including …)", and "N more" for the ones not named.
/// Source: refined-github/refined-github source/features/reactions-avatars.tsx (cc22fe3)
const REACTED_WITH: &str = " reacted with";
/// The React tooltip's lead-in before the logins.
/// Source: refined-github/refined-github source/features/reactions-avatars.tsx (cc22fe3)
const INCLUDING: &str = "including ";
/// A GitHub App's account in a tooltip (`mergify[bot] reacted with …`) or an
/// author link (`/apps/mergify`): no person.
/// Source: Mergifyio/browser-extension src/__tests__/fixtures/github_dom_2026_07/github_pr_merged.html (b6632e5)
const BOT_SUFFIX: &str = "[bot]";

/// The logins a reaction tooltip names, without the "N more" it does not
/// name and without apps (`…[bot]`). English only (GitHub's interface is
/// not translated); any other text is an error, never a guess.
fn reactors(tooltip: &str) -> Result<Vec<String>, &'static str> {
    let list = if let Some((_, rest)) = tooltip.rsplit_once(INCLUDING) {
        rest.split(')').next().unwrap_or("")
    } else if let Some((list, _)) = tooltip.split_once(REACTED_WITH) {
        list
    } else {
        return Err("a reaction tooltip that does not read as GitHub's");
    };
    let mut logins = Vec::new();
    for part in list.replace(", and ", ", ").replace(" and ", ", ").split(", ") {
        let part = part.trim();
        let more = part.strip_suffix(" more").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if part.is_empty() || more || part.ends_with(BOT_SUFFIX) {
            continue;
        }
        if part.contains(char::is_whitespace) {
            return Err("a reaction tooltip that names no login");
        }
        logins.push(handle_of(part).ok_or("a reaction tooltip that names no login")?);
    }
    Ok(logins)
}

/// A mention in a comment's text: its text starts with `@` (an author link
/// shows the login alone, a tooltip has no link).
fn is_mention(actor: &ActorFacts) -> bool {
    actor.href.is_some() && actor.name.as_deref().is_some_and(|n| n.trim_start().starts_with('@'))
}

/// The GitHub adapter.
pub struct Github;

/// A login in a path segment, canonical, unless it is one of GitHub's routes.
fn handle_of(segment: &str) -> Option<String> {
    let handle = canonical_handle(Site::Github, segment, None)?;
    (!RESERVED.contains(&handle.as_str())).then_some(handle)
}

/// The login a profile link points at (`/octocat`, `https://github.com/octocat`):
/// one path segment, as github-url-detection's `isProfile` (02daa6a).
fn handle_from_href(url: &PageUrl, href: &str) -> Option<String> {
    handle_after(url, href, &[], handle_of)
}

fn profile_url(handle: &str) -> String {
    format!("https://github.com/{handle}")
}

/// The conversation a path is, `/<owner>/<repo>/issues/7`, as an absolute URL
/// (the shapes of github-url-detection's `isIssue`, `isPRConversation` and
/// `isDiscussion`, 02daa6a).
fn conversation_url(path: &str) -> Option<String> {
    match PageUrl::segments(path).as_slice() {
        [owner, repo, kind, number]
            if handle_of(owner).is_some()
                && !repo.is_empty()
                && CONVERSATIONS.contains(kind)
                && number.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some(format!("https://github.com/{owner}/{repo}/{kind}/{number}"))
        }
        _ => None,
    }
}

/// A comment's own URL: its conversation plus the comment's anchor. The
/// timestamp link is `#issuecomment-<id>` on the page, or absolute; the anchor
/// is what tells two comments of one conversation apart, so it is required.
/// `#issue-<id>` and `#issuecomment-<id>`: Mergifyio/browser-extension
/// `github_dom_2026_07/github_pr_merged.html` (b6632e5); `#pullrequestreview-<id>`:
/// refined-github `conversation-activity-filter.tsx` (cc22fe3). Unverified:
/// `#discussion-<id>` and `#discussioncomment-<id>` (no reference seen).
fn comment_url(url: &PageUrl, href: &str) -> Option<String> {
    let (path, anchor) = href.split_once('#')?;
    let path = if path.is_empty() { url.path.clone() } else { url.same_site_path(path)? };
    let (prefix, id) = anchor.rsplit_once('-')?;
    let known = ["issue", "issuecomment", "discussion", "discussioncomment", "pullrequestreview"].contains(&prefix);
    let numeric = !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit());
    (known && numeric).then(|| conversation_url(&path).map(|c| format!("{c}#{anchor}")))?
}

/// Classic comment headers show the login, not a name: keep it only when it
/// is more than the login, so a name learnt from the profile is not replaced.
fn shown_name(raw: Option<&str>, handle: &str) -> Option<String> {
    clean_name(raw).filter(|name| !name.eq_ignore_ascii_case(handle))
}

impl Github {
    /// The author of a comment, as a target, or why not.
    fn author(url: &PageUrl, post: Option<&PostFacts>) -> Result<Target, &'static str> {
        let post = post.ok_or("the control is not inside a comment")?;
        let href = post.author_href.as_deref().ok_or("the comment has no author link")?;
        let handle = handle_from_href(url, href).ok_or("the author link is not a profile")?;
        Ok(Target { profile_url: profile_url(&handle), name: shown_name(post.author_name.as_deref(), &handle), handle })
    }

    /// Whether `handle` is the signed-in user. `self_href` is either the
    /// `content` of `meta[name="user-login"]`, a bare login (no slash), or the
    /// `href` of a fallback link to the user's profile.
    fn is_self(url: &PageUrl, self_href: Option<&str>, handle: &str) -> bool {
        self_href.and_then(|me| Github::self_handle(url, me)).is_some_and(|me| me == handle)
    }

    /// The signed-in user's login from what the content script reported.
    fn self_handle(url: &PageUrl, reported: &str) -> Option<String> {
        let reported = reported.trim();
        if reported.contains(['/', ':', '?', '#']) {
            handle_from_href(url, reported)
        } else {
            handle_of(reported)
        }
    }

    /// A reaction (any emoji) on a comment is a like of its author; taking it
    /// back withdraws it. The state is `aria-pressed` (classic view) or
    /// `aria-checked` (React view), read from the same attribute before and
    /// after the click.
    fn reaction(url: &PageUrl, facts: &ClickFacts) -> Reading {
        let (before, after) = (&facts.before, &facts.after);
        let flip = match (before.pressed.as_deref(), after.pressed.as_deref()) {
            (Some(b), Some(a)) => (b, a),
            _ => match (before.checked.as_deref(), after.checked.as_deref()) {
                (Some(b), Some(a)) => (b, a),
                _ => return Reading::Miss("the reaction button has no aria-pressed or aria-checked state"),
            },
        };
        let on = |state: &str| match state {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        };
        let Some(undo) = undo_of_flip(on(flip.0), on(flip.1)) else {
            return Reading::Miss("the reaction did not change state");
        };
        let target = match Github::author(url, facts.post.as_ref()) {
            Ok(target) => target,
            Err(why) => return Reading::Miss(why),
        };
        let Some(post_url) = facts.post.as_ref().and_then(|p| p.permalink.as_deref()).and_then(|h| comment_url(url, h))
        else {
            return Reading::Miss("the comment has no permalink");
        };
        let own = Github::is_self(url, facts.self_href.as_deref(), &target.handle);
        Engagement::outbound(Site::Github, Kind::Like, target, Some(post_url)).concluded(
            own,
            "the user's own comment",
            undo,
        )
    }

    /// A comment on an issue, pull request or discussion engages the person
    /// who opened it: the author of the conversation's first comment, which
    /// the content script finds as the first author in the conversation that
    /// holds the comment box. (Whom a comment answers inside the thread is not
    /// in the markup; the opener is who is notified of every comment.)
    fn comment(url: &PageUrl, facts: &ClickFacts) -> Reading {
        let Some(conversation) = conversation_url(&url.path) else {
            return Reading::Miss("a comment outside an issue, pull request or discussion");
        };
        let target = match Github::author(url, facts.post.as_ref()) {
            Ok(target) => target,
            Err(why) => return Reading::Miss(why),
        };
        let own = Github::is_self(url, facts.self_href.as_deref(), &target.handle);
        Engagement::outbound(Site::Github, Kind::Comment, target, Some(conversation)).concluded(
            own,
            "a comment on the user's own conversation",
            false,
        )
    }

    /// What one comment of an issue or pull request the user opened means
    /// for them. On the user's own comment: each person its reaction
    /// tooltips name liked it. On someone else's: a reply to the user when
    /// the conversation's opening post is the user's (the timeline is flat:
    /// every comment answers the conversation), else a mention when its text
    /// links the user's profile, else nothing. Apps are no one.
    fn inbound_comment(url: &PageUrl, me: &str, item: &InboundItem) -> Result<Vec<Engagement>, &'static str> {
        let author = item.actors.first().filter(|a| a.href.is_some() && !is_mention(a));
        let href = author.and_then(|a| a.href.as_deref()).ok_or("a comment with no author link")?;
        if url.same_site_path(href).is_some_and(|p| p.starts_with("/apps/")) {
            return Ok(vec![]);
        }
        let handle = handle_from_href(url, href).ok_or("a comment whose author link is not a profile")?;
        let post_url =
            item.permalink.as_deref().and_then(|h| comment_url(url, h)).ok_or("a comment with no permalink")?;
        let inbound = |kind: Kind, handle: String, name: Option<String>| Engagement {
            site: Site::Github,
            kind,
            direction: Direction::Inbound,
            target: Target { profile_url: profile_url(&handle), handle, name },
            post_url: Some(post_url.clone()),
        };
        if handle == me {
            let mut likes: Vec<Engagement> = Vec::new();
            for tooltip in item.actors.iter().filter(|a| a.href.is_none()) {
                // An empty tooltip is one not loaded yet: nothing, not a miss.
                let Some(text) = tooltip.name.as_deref().filter(|t| !t.trim().is_empty()) else { continue };
                for login in reactors(text)? {
                    if login != me && !likes.iter().any(|e| e.target.handle == login) {
                        likes.push(inbound(Kind::Like, login, None));
                    }
                }
            }
            return Ok(likes);
        }
        let name = shown_name(author.and_then(|a| a.name.as_deref()), &handle);
        let root = item.root.as_ref().ok_or("the conversation's opening post was not found")?;
        let opener = root.permalink.as_deref().and_then(|h| comment_url(url, h));
        if !opener.as_deref().is_some_and(|o| o.contains("#issue-")) {
            return Err("the conversation's opening post has no #issue- permalink");
        }
        let root_author = root.author.as_ref().and_then(|a| a.href.as_deref()).and_then(|h| handle_from_href(url, h));
        let root_author = root_author.ok_or("the conversation's opening post has no author")?;
        if root_author == me {
            return Ok(vec![inbound(Kind::Reply, handle, name)]);
        }
        let mentioned = item.actors.iter().filter(|a| is_mention(a)).filter_map(|a| a.href.as_deref());
        if mentioned.filter_map(|h| handle_from_href(url, h)).any(|h| h == me) {
            return Ok(vec![inbound(Kind::Mention, handle, name)]);
        }
        Ok(vec![])
    }

    /// Follow or unfollow, from which of the two forms was submitted: the
    /// form's action is the language-neutral state, so the click says it.
    fn follow(url: &PageUrl, facts: &ClickFacts, undo: bool) -> Reading {
        profile_engagement(&Github, url, facts, Kind::Follow, undo)
    }
}

impl SiteAdapter for Github {
    fn site(&self) -> Site {
        Site::Github
    }

    fn hosts(&self) -> &'static [&'static str] {
        HOSTS
    }

    fn rules(&self) -> SiteRules {
        // Follow and unfollow use the SubmitReply role: it is the content
        // script's "report on click" role, and a follow form's button has no
        // state of its own to watch (GitHub hides one form and shows the
        // other). GitHub has no OpenReply control, so no reply is pending.
        // Not here: the React issue view's comment composer (no stable submit
        // hook known).
        SiteRules {
            site: Site::Github,
            post: POST,
            author: AUTHOR,
            permalink: PERMALINK,
            self_link: SELF_LINK,
            profile_name: PROFILE_NAME,
            text: TEXT,
            post_attributes: &[],
            controls: vec![
                ControlRule { name: "reaction", selector: REACTION, role: ControlRole::Toggle, on: None },
                ControlRule { name: "comment", selector: COMMENT, role: ControlRole::SubmitReply, on: None },
                ControlRule { name: "follow", selector: FOLLOW, role: ControlRole::SubmitReply, on: None },
                ControlRule { name: "unfollow", selector: UNFOLLOW, role: ControlRole::SubmitReply, on: None },
            ],
        }
    }

    fn profile_handle(&self, url: &PageUrl) -> Option<String> {
        match PageUrl::segments(&url.path).as_slice() {
            // A login never has a dot (github-url-detection `isProfile`).
            [one] if !one.contains('.') => handle_of(one),
            _ => None,
        }
    }

    fn account_url(&self, handle: &str) -> Option<String> {
        Some(profile_url(handle))
    }

    fn profile(&self, url: &PageUrl, page: &PageFacts) -> Option<ProfileRef> {
        let handle = self.profile_handle(url)?;
        // The vcard reads "Name login" (or just "login"); it must end with
        // this page's login, so a header left over from the previous page
        // during a Turbo navigation is not taken for this one.
        let vcard = clean_name(page.profile_name.as_deref())?;
        let lower = vcard.to_ascii_lowercase();
        if lower != handle && !lower.ends_with(&format!(" {handle}")) {
            return None;
        }
        // ASCII lowercasing keeps byte offsets, so the cut lands on a boundary.
        let name = clean_name(vcard.get(..vcard.len() - handle.len()));
        let is_self = Github::is_self(url, page.self_href.as_deref(), &handle);
        Some(ProfileRef { site: Site::Github, url: profile_url(&handle), handle, name, is_self })
    }

    fn engagement(&self, url: &PageUrl, facts: &ClickFacts) -> Reading {
        match facts.control.as_str() {
            "reaction" => Github::reaction(url, facts),
            "comment" => Github::comment(url, facts),
            "follow" => Github::follow(url, facts, false),
            "unfollow" => Github::follow(url, facts, true),
            _ => Reading::Miss("not a control the GitHub adapter knows"),
        }
    }

    /// Issues and pull requests are read for what others did to the user
    /// (GitHub's notifications page lists threads, not people).
    fn inbound_rules(&self, url: &PageUrl) -> Option<InboundRules> {
        let kind = PageUrl::segments(&url.path).get(2).copied()?;
        (conversation_url(&url.path).is_some() && INBOUND_CONVERSATIONS.contains(&kind)).then_some(InboundRules {
            item: INBOUND_ITEM,
            actor: INBOUND_ACTOR,
            permalink: PERMALINK,
            attributes: &[],
            icon: "",
            parent: "",
            root: INBOUND_ROOT,
        })
    }

    fn inbound(
        &self,
        url: &PageUrl,
        self_href: Option<&str>,
        item: &InboundItem,
    ) -> Result<Vec<Engagement>, &'static str> {
        let kind = PageUrl::segments(&url.path).get(2).copied().unwrap_or("");
        if conversation_url(&url.path).is_none() || !INBOUND_CONVERSATIONS.contains(&kind) {
            return Err("not an issue or pull request");
        }
        let me = self_href.and_then(|s| Github::self_handle(url, s)).ok_or("the signed-in user is not known")?;
        Github::inbound_comment(url, &me, item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sites::ControlState;

    /// What current pages report for the signed-in user: the `content` of
    /// `meta[name="user-login"]`, a bare login.
    /// Unverified: a made-up login for the tests; the shape is `SELF_LINK`'s.
    const ME: &str = "kindling-kim";

    fn at(path: &str) -> PageUrl {
        PageUrl { host: "github.com".into(), path: path.into(), query: String::new() }
    }

    fn issue() -> PageUrl {
        at("/octo-org/widgets/issues/7")
    }

    fn pressed(on: &str) -> ControlState {
        ControlState { pressed: Some(on.into()), ..ControlState::default() }
    }

    fn comment(author: &str, permalink: &str) -> PostFacts {
        PostFacts {
            author_href: Some(format!("/{author}")),
            author_name: Some(author.into()),
            permalink: Some(permalink.into()),
            ..PostFacts::default()
        }
    }

    fn click(control: &str, before: &str, after: &str, post: Option<PostFacts>) -> ClickFacts {
        ClickFacts {
            control: control.into(),
            before: pressed(before),
            after: pressed(after),
            post,
            self_href: Some(ME.into()),
            ..ClickFacts::default()
        }
    }

    fn on_profile(control: &str, vcard: &str) -> ClickFacts {
        ClickFacts {
            control: control.into(),
            profile_name: Some(vcard.into()),
            self_href: Some(ME.into()),
            ..ClickFacts::default()
        }
    }

    fn page(vcard: Option<&str>) -> PageFacts {
        PageFacts { title: String::new(), profile_name: vcard.map(Into::into), self_href: Some(ME.into()) }
    }

    #[test]
    fn reactions_are_likes_of_the_comments_author_and_their_undo() {
        let cases = [
            (
                "false",
                "true",
                "/Hubot",
                "#issuecomment-1001",
                true,
                "hubot",
                "https://github.com/octo-org/widgets/issues/7#issuecomment-1001",
            ),
            (
                "true",
                "false",
                "/hubot",
                "#issuecomment-1001",
                false,
                "hubot",
                "https://github.com/octo-org/widgets/issues/7#issuecomment-1001",
            ),
            (
                "false",
                "true",
                "https://github.com/mona",
                "https://github.com/octo-org/widgets/issues/7#issue-900",
                true,
                "mona",
                "https://github.com/octo-org/widgets/issues/7#issue-900",
            ),
            (
                "false",
                "true",
                "/defunkt",
                "/octo-org/widgets/pull/12#issuecomment-5",
                true,
                "defunkt",
                "https://github.com/octo-org/widgets/pull/12#issuecomment-5",
            ),
        ];
        for (before, after, author, permalink, record, handle, post) in cases {
            let facts = click(
                "reaction",
                before,
                after,
                Some(PostFacts {
                    author_href: Some(author.into()),
                    author_name: None,
                    permalink: Some(permalink.into()),
                    ..PostFacts::default()
                }),
            );
            let e = match Github.engagement(&issue(), &facts) {
                Reading::Record(e) if record => e,
                Reading::Withdraw(e) if !record => e,
                other => panic!("{author} {before}->{after}: {other:?}"),
            };
            assert_eq!((e.site, e.kind, e.direction), (Site::Github, Kind::Like, Direction::Outbound));
            assert_eq!(e.target.handle, handle);
            assert_eq!(e.target.profile_url, format!("https://github.com/{handle}"));
            assert_eq!(e.post_url.as_deref(), Some(post));
        }
    }

    #[test]
    fn react_view_reactions_are_read_from_aria_checked() {
        let checked = |on: &str| ControlState { checked: Some(on.into()), ..ControlState::default() };
        let react = |before: &str, after: &str, author: &str, permalink: &str| ClickFacts {
            before: checked(before),
            after: checked(after),
            ..click("reaction", "", "", Some(PostFacts { author_href: Some(author.into()), ..comment("x", permalink) }))
        };
        let url = at("/octo-org/widgets/issues/8");
        let cases = [
            (
                react(
                    "false",
                    "true",
                    "https://github.com/Hubot",
                    "https://github.com/octo-org/widgets/issues/8#issuecomment-2001",
                ),
                "record",
                "hubot",
                "https://github.com/octo-org/widgets/issues/8#issuecomment-2001",
            ),
            (
                react("true", "false", "/hubot", "https://github.com/octo-org/widgets/issues/8#issuecomment-2001"),
                "withdraw",
                "hubot",
                "https://github.com/octo-org/widgets/issues/8#issuecomment-2001",
            ),
            (
                react("false", "true", "/mona", "#issue-901"),
                "record",
                "mona",
                "https://github.com/octo-org/widgets/issues/8#issue-901",
            ),
        ];
        for (facts, want, handle, post) in cases {
            let (got, e) = match Github.engagement(&url, &facts) {
                Reading::Record(e) => ("record", e),
                Reading::Withdraw(e) => ("withdraw", e),
                other => panic!("{handle}: {other:?}"),
            };
            assert_eq!((got, e.kind, e.target.handle.as_str()), (want, Kind::Like, handle));
            assert_eq!(e.post_url.as_deref(), Some(post));
        }
        let mine = react("false", "true", "/kindling-kim", "#issuecomment-2003");
        assert!(matches!(Github.engagement(&url, &mine), Reading::Ignore(_)), "the user's own comment");
        let misses = [
            ("no change", react("true", "true", "/hubot", "#issuecomment-2001")),
            (
                "the state moved between attributes",
                ClickFacts {
                    after: checked("true"),
                    ..click("reaction", "false", "", Some(comment("hubot", "#issuecomment-1")))
                },
            ),
            ("a state that is not a boolean", react("mixed", "true", "/hubot", "#issuecomment-2001")),
        ];
        for (why, facts) in misses {
            assert!(matches!(Github.engagement(&url, &facts), Reading::Miss(_)), "{why}");
        }
    }

    #[test]
    fn a_login_shown_as_the_name_is_not_kept_as_one() {
        let facts = click("reaction", "false", "true", Some(comment("hubot", "#issuecomment-1")));
        let Reading::Record(e) = Github.engagement(&issue(), &facts) else { panic!("not recorded") };
        assert_eq!(e.target.name, None);
    }

    #[test]
    fn a_comment_goes_to_the_conversations_opener() {
        let cases = [
            ("/octo-org/widgets/issues/7", "https://github.com/octo-org/widgets/issues/7"),
            ("/octo-org/widgets/pull/12", "https://github.com/octo-org/widgets/pull/12"),
            ("/octo-org/widgets/discussions/3", "https://github.com/octo-org/widgets/discussions/3"),
        ];
        for (path, conversation) in cases {
            let facts = click("comment", "", "", Some(comment("Mona", "#issue-900")));
            let Reading::Record(e) = Github.engagement(&at(path), &facts) else { panic!("{path}: not recorded") };
            assert_eq!((e.kind, e.target.handle.as_str()), (Kind::Comment, "mona"), "{path}");
            assert_eq!(e.post_url.as_deref(), Some(conversation), "{path}");
        }
    }

    #[test]
    fn follows_and_unfollows_are_of_the_profile_shown() {
        let url = at("/Mona");
        let Reading::Record(e) = Github.engagement(&url, &on_profile("follow", "Mona Lisa Octocat\n  mona")) else {
            panic!("follow not recorded")
        };
        assert_eq!(
            (e.kind, e.target.handle.as_str(), e.target.name.as_deref()),
            (Kind::Follow, "mona", Some("Mona Lisa Octocat"))
        );
        assert_eq!(e.post_url, None);
        assert!(
            matches!(Github.engagement(&url, &on_profile("unfollow", "mona")), Reading::Withdraw(e) if e.kind == Kind::Follow)
        );
    }

    #[test]
    fn the_users_own_things_are_ignored() {
        let own_comment = click("reaction", "false", "true", Some(comment("Kindling-Kim", "#issuecomment-3")));
        let own_issue = click("comment", "", "", Some(comment("kindling-kim", "#issue-1")));
        let own_profile = on_profile("follow", "Kim Lindqvist kindling-kim");
        for (why, url, facts) in [
            ("own comment", issue(), own_comment),
            ("own issue", issue(), own_issue),
            ("own profile", at("/kindling-kim"), own_profile),
        ] {
            assert!(matches!(Github.engagement(&url, &facts), Reading::Ignore(_)), "{why}");
        }
    }

    #[test]
    fn unrecognised_or_incomplete_clicks_are_misses_never_guesses() {
        let good = || Some(comment("hubot", "#issuecomment-1001"));
        let cases = [
            ("no state change", issue(), click("reaction", "false", "false", good())),
            (
                "no aria-pressed",
                issue(),
                ClickFacts { control: "reaction".into(), post: good(), ..ClickFacts::default() },
            ),
            ("not in a comment", issue(), click("reaction", "false", "true", None)),
            (
                "author is a route",
                issue(),
                click("reaction", "false", "true", Some(comment("settings", "#issuecomment-1"))),
            ),
            (
                "author elsewhere",
                issue(),
                click(
                    "reaction",
                    "false",
                    "true",
                    Some(PostFacts {
                        author_href: Some("https://evil.example/hubot".into()),
                        ..comment("x", "#issuecomment-1")
                    }),
                ),
            ),
            (
                "author is a repo",
                issue(),
                click(
                    "reaction",
                    "false",
                    "true",
                    Some(PostFacts { author_href: Some("/a/b".into()), ..comment("x", "#issuecomment-1") }),
                ),
            ),
            (
                "permalink without anchor",
                issue(),
                click("reaction", "false", "true", Some(comment("hubot", "/octo-org/widgets/issues/7"))),
            ),
            ("permalink odd anchor", issue(), click("reaction", "false", "true", Some(comment("hubot", "#top")))),
            (
                "reaction off a conversation",
                at("/octo-org/widgets"),
                click("reaction", "false", "true", Some(comment("hubot", "#issuecomment-1"))),
            ),
            ("comment off a conversation", at("/octo-org/widgets/commits"), click("comment", "", "", good())),
            ("comment with no opener", issue(), click("comment", "", "", None)),
            (
                "follow on an org page (no vcard)",
                at("/octo-org"),
                ClickFacts { control: "follow".into(), ..ClickFacts::default() },
            ),
            ("follow on a repo", at("/octo-org/widgets"), on_profile("follow", "widgets")),
            ("unknown control", issue(), click("star", "false", "true", good())),
        ];
        for (why, url, facts) in cases {
            assert!(matches!(Github.engagement(&url, &facts), Reading::Miss(_)), "{why}");
        }
    }

    #[test]
    fn profiles_are_single_segment_logins_with_a_matching_vcard() {
        // (path, vcard text, (handle, name, is_self) wanted)
        type Want = Option<(&'static str, Option<&'static str>, bool)>;
        let cases: &[(&str, Option<&str>, Want)] = &[
            ("/mona", Some("Mona Lisa Octocat mona"), Some(("mona", Some("Mona Lisa Octocat"), false))),
            ("/Mona", Some("mona"), Some(("mona", None, false))),
            ("/kindling-kim", Some("Kim Lindqvist kindling-kim"), Some(("kindling-kim", Some("Kim Lindqvist"), true))),
            // Turbo: the previous profile's header is still shown.
            ("/hubot", Some("Mona Lisa Octocat mona"), None),
            // An organisation: same URL shape, no vcard.
            ("/octo-org", None, None),
            ("/settings", Some("settings"), None),
            ("/orgs", Some("orgs"), None),
            ("/topics", Some("topics"), None),
            ("/marketplace", Some("marketplace"), None),
            ("/notifications", Some("notifications"), None),
            ("/pulls", Some("pulls"), None),
            ("/sponsors", Some("sponsors"), None),
            ("/new", Some("new"), None),
            ("/organizations", Some("organizations"), None),
            ("/mona.github.io", Some("mona.github.io"), None),
            ("/octo-org/widgets", Some("widgets"), None),
            ("/", None, None),
        ];
        for (path, vcard, want) in cases {
            let got = Github.profile(&at(path), &page(*vcard));
            let got = got.as_ref().map(|p| (p.handle.as_str(), p.name.as_deref(), p.is_self));
            assert_eq!(got, *want, "{path}");
        }
    }

    #[test]
    fn the_signed_in_user_is_read_from_the_meta_login_or_a_profile_link() {
        // (what the content script reported as self_href, whether the user
        // is kindling-kim)
        let cases: &[(Option<&str>, bool)] = &[
            // meta[name="user-login"] content: a bare login, any case.
            (Some("kindling-kim"), true),
            (Some("Kindling-Kim"), true),
            (Some(" kindling-kim\n"), true),
            // The fallback links (new-comment avatar, viewerDidAuthor headers).
            (Some("/kindling-kim"), true),
            (Some("https://github.com/kindling-kim"), true),
            // Someone else, or nothing usable: never the user.
            (Some("kindling"), false),
            (Some("mona"), false),
            (Some(""), false),
            (Some("settings"), false),
            (Some("/kindling-kim/widgets"), false),
            (Some("https://evil.example/kindling-kim"), false),
            (Some("kindling kim"), false),
            (None, false),
        ];
        let url = at("/kindling-kim");
        for (reported, is_me) in cases {
            let page = PageFacts {
                title: String::new(),
                profile_name: Some("Kim Lindqvist\n  kindling-kim".into()),
                self_href: reported.map(Into::into),
            };
            let profile = Github.profile(&url, &page).expect("a profile");
            assert_eq!(profile.is_self, *is_me, "{reported:?}");
            let facts = ClickFacts {
                self_href: reported.map(Into::into),
                ..click("reaction", "false", "true", Some(comment("kindling-kim", "#issuecomment-7")))
            };
            let outcome = Github.engagement(&issue(), &facts);
            if *is_me {
                assert!(matches!(outcome, Reading::Ignore(_)), "{reported:?}: {outcome:?}");
            } else {
                assert!(matches!(outcome, Reading::Record(ref e) if e.target.handle == "kindling-kim"), "{reported:?}");
            }
        }
        // The user's login in the meta never makes someone else's profile theirs.
        let mona = PageFacts {
            title: String::new(),
            profile_name: Some("Mona Lisa Octocat mona".into()),
            self_href: Some(ME.into()),
        };
        assert_eq!(Github.profile(&at("/mona"), &mona).map(|p| (p.handle, p.is_self)), Some(("mona".into(), false)));
    }

    /// An actor link as the content script reports it.
    fn link(href: &str, name: &str) -> ActorFacts {
        ActorFacts { href: Some(href.into()), name: Some(name.into()), label: None }
    }

    /// A reaction tooltip: text, no link.
    fn tooltip(text: &str) -> ActorFacts {
        ActorFacts { href: None, name: Some(text.into()), label: None }
    }

    /// One comment of a classic timeline: its author, then its actors
    /// (mentions, tooltips), its permalink, and the opening post's author.
    fn timeline(author: &str, permalink: &str, rest: Vec<ActorFacts>, opener: &str) -> InboundItem {
        let mut actors = vec![link(&format!("/{author}"), author)];
        actors.extend(rest);
        InboundItem {
            marker: "TimelineItem js-comment-container".into(),
            actors,
            permalink: Some(permalink.into()),
            root: Some(crate::sites::ContextFacts {
                author: Some(link(&format!("/{opener}"), opener)),
                permalink: Some("#issue-950".into()),
                ..Default::default()
            }),
            ..InboundItem::default()
        }
    }

    /// What an item was read as: kind, whose, and the post it is about.
    type Read = (Kind, String, Option<String>);

    fn inbound_at(path: &str, item: &InboundItem) -> Result<Vec<Read>, &'static str> {
        let url = at(path);
        assert!(Github.inbound_rules(&url).is_some(), "{path} is read");
        let found = Github.inbound(&url, Some(ME), item)?;
        assert!(found.iter().all(|e| e.direction == Direction::Inbound && e.site == Site::Github));
        Ok(found.into_iter().map(|e| (e.kind, e.target.handle, e.post_url)).collect())
    }

    #[test]
    fn comments_in_the_users_own_issue_are_replies_of_their_authors() {
        const OWN: &str = "/octo-org/widgets/issues/9";
        let post = |anchor: &str| Some(format!("https://github.com/octo-org/widgets/issues/9#{anchor}"));
        let alice = timeline("Alice", "#issuecomment-3001", vec![], ME);
        assert_eq!(inbound_at(OWN, &alice), Ok(vec![(Kind::Reply, "alice".into(), post("issuecomment-3001"))]));
        // A pull request, with an absolute permalink.
        let pr = timeline("bob", "https://github.com/octo-org/widgets/pull/4#issuecomment-7", vec![], ME);
        assert_eq!(
            inbound_at("/octo-org/widgets/pull/4", &pr),
            Ok(vec![(
                Kind::Reply,
                "bob".into(),
                Some("https://github.com/octo-org/widgets/pull/4#issuecomment-7".into())
            )])
        );
        // A reply that also mentions the user is one reply, not two records.
        let both =
            timeline("carol", "#issuecomment-3004", vec![link("https://github.com/kindling-kim", "@kindling-kim")], ME);
        assert_eq!(inbound_at(OWN, &both), Ok(vec![(Kind::Reply, "carol".into(), post("issuecomment-3004"))]));
        // The user's own comment, and an app's comment that mentions the
        // user (its first link is the app, never the person mentioned).
        let mine = timeline(ME, "#issuecomment-3003", vec![link("/alice", "@alice")], ME);
        assert_eq!(inbound_at(OWN, &mine), Ok(vec![]));
        let mut app = timeline("x", "#issuecomment-3005", vec![link("/kindling-kim", "@kindling-kim")], ME);
        app.actors[0] = link("/apps/dependabot", "dependabot");
        assert_eq!(inbound_at(OWN, &app), Ok(vec![]));
    }

    #[test]
    fn elsewhere_only_a_mention_of_the_user_counts() {
        const MONAS: &str = "/octo-org/widgets/issues/7";
        let post = Some("https://github.com/octo-org/widgets/issues/7#issuecomment-1004".to_owned());
        let mention = vec![
            link("https://github.com/Mergifyio", "@Mergifyio"),
            link("https://github.com/kindling-kim", "@kindling-kim"),
        ];
        let octocat = timeline("octocat", "#issuecomment-1004", mention, "mona");
        assert_eq!(inbound_at(MONAS, &octocat), Ok(vec![(Kind::Mention, "octocat".into(), post)]));
        // A comment after the user's in someone else's flat thread answers
        // nobody the markup names: nothing.
        let hubot = timeline("hubot", "#issuecomment-1001", vec![link("/mona", "@mona")], "mona");
        assert_eq!(inbound_at(MONAS, &hubot), Ok(vec![]));
        // The opening post itself, by someone else, mentioning the user.
        let opener = timeline("mona", "#issue-950", vec![link("/kindling-kim", "@kindling-kim")], "mona");
        assert_eq!(inbound_at(MONAS, &opener).map(|v| v.len()), Ok(1));
        // Discussions, repositories and profiles are not read.
        for path in ["/octo-org/widgets/discussions/3", "/octo-org/widgets", "/mona", "/notifications"] {
            assert!(Github.inbound_rules(&at(path)).is_none(), "{path}");
            assert!(Github.inbound(&at(path), Some(ME), &octocat).is_err(), "{path}");
        }
    }

    #[test]
    fn reactions_on_the_users_comments_are_likes_of_each_person_named() {
        const OWN: &str = "/octo-org/widgets/issues/9";
        let post = || Some("https://github.com/octo-org/widgets/issues/9#issue-950".to_owned());
        let item = |tips: &[&str]| timeline(ME, "#issue-950", tips.iter().map(|t| tooltip(t)).collect(), ME);
        let likes = |tips: &[&str]| {
            inbound_at(OWN, &item(tips)).map(|v| v.into_iter().map(|(k, h, p)| (k, h, p == post())).collect::<Vec<_>>())
        };
        let like = |h: &str| (Kind::Like, h.to_owned(), true);
        // Classic tool-tip text, as the Mergify capture shows it.
        assert_eq!(likes(&["Alice reacted with heart emoji"]), Ok(vec![like("alice")]));
        assert_eq!(
            likes(&[
                "alice, kindling-kim and hubot reacted with thumbs up emoji",
                "mergify[bot] reacted with rocket emoji"
            ]),
            Ok(vec![like("alice"), like("hubot")])
        );
        assert_eq!(likes(&["alice, bob, and 5 more reacted with eyes emoji"]), Ok(vec![like("alice"), like("bob")]));
        // A tooltip not loaded yet names nobody.
        assert_eq!(likes(&["", "  "]), Ok(vec![]));
        // One person with two emoji is one like.
        assert_eq!(
            likes(&["alice reacted with heart emoji", "alice reacted with rocket emoji"]),
            Ok(vec![like("alice")])
        );
        // React issue view: "… including a, b and c)".
        assert_eq!(
            likes(&["thumbs up (3): including octocat, kindling-kim and bob)"]),
            Ok(vec![like("octocat"), like("bob")])
        );
        // Wording Kindling does not know is an error, never a guess.
        for odd in ["3 people", "alice a réagi avec l'emoji cœur", "Alice Example reacted with heart emoji"] {
            assert!(likes(&[odd]).is_err(), "{odd}");
        }
        // Reactions on someone else's comment are not the user's.
        let monas = timeline("mona", "#issuecomment-9", vec![tooltip("alice reacted with heart emoji")], ME);
        assert_eq!(inbound_at(OWN, &monas).map(|v| v[0].0), Ok(Kind::Reply));
    }

    #[test]
    fn unreadable_comments_are_errors_never_guesses() {
        const OWN: &str = "/octo-org/widgets/issues/9";
        let good = || timeline("alice", "#issuecomment-3001", vec![], ME);
        let cases: Vec<(&str, InboundItem)> = vec![
            ("no actors", InboundItem { actors: vec![], ..good() }),
            ("first link a mention", InboundItem { actors: vec![link("/alice", "@alice")], ..good() }),
            ("author a repository", InboundItem { actors: vec![link("/a/b", "b")], ..good() }),
            ("author elsewhere", InboundItem { actors: vec![link("https://evil.example/alice", "alice")], ..good() }),
            ("no permalink", InboundItem { permalink: None, ..good() }),
            (
                "permalink without anchor",
                InboundItem { permalink: Some("/octo-org/widgets/issues/9".into()), ..good() },
            ),
            ("no root", InboundItem { root: None, ..good() }),
            (
                "root not the opening post",
                InboundItem {
                    root: Some(crate::sites::ContextFacts {
                        author: Some(link("/kindling-kim", "kindling-kim")),
                        permalink: Some("#issuecomment-1".into()),
                        ..Default::default()
                    }),
                    ..good()
                },
            ),
            (
                "root without author",
                InboundItem {
                    root: Some(crate::sites::ContextFacts {
                        permalink: Some("#issue-950".into()),
                        ..Default::default()
                    }),
                    ..good()
                },
            ),
        ];
        for (why, item) in cases {
            assert!(Github.inbound(&at(OWN), Some(ME), &item).is_err(), "{why}");
        }
        assert!(Github.inbound(&at(OWN), None, &good()).is_err(), "no signed-in user");
        assert!(Github.inbound(&at(OWN), Some(""), &good()).is_err(), "signed out");
    }

    #[test]
    fn the_rules_name_every_control_the_adapter_knows() {
        let rules = Github.rules();
        let names: Vec<_> = rules.controls.iter().map(|c| c.name).collect();
        assert_eq!(names, ["reaction", "comment", "follow", "unfollow"]);
        assert!(crate::sites::for_url("https://github.com/mona").is_some_and(|(a, _)| a.site() == Site::Github));
    }
}
