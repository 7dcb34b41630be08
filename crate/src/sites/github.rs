//! GitHub (github.com): reactions on conversation comments, comments on
//! issues, pull requests and discussions, follows and profile visits.
//! Markers from ../shared/research/sites.md §6 and the sources cited beside
//! each selector. Reactions are recognised in both conversation views: the
//! server-rendered ("classic") one, whose buttons show the user's reaction in
//! `aria-pressed`, and the React issue view, whose buttons are switches with
//! `aria-checked`. Comments are recognised in the classic view only. GitHub's
//! interface is English-only; no translated text is read anyway.

use super::{
    canonical_handle, clean_name, ClickFacts, ControlRole, ControlRule, Engagement, Outcome, PageFacts, PageUrl,
    PostFacts, ProfileRef, SiteAdapter, SiteRules, Target,
};
use crate::model::{Direction, Kind, Site};

const HOSTS: &[&str] = &["github.com"];

/// One comment of a conversation is a `.js-comment-container` (refined-github
/// `selectors.ts`, gittens `lib/content/selectors.js`). The new-comment box
/// at the end is one too (`.timeline-new-comment.js-comment-container`, seen
/// in saved issue pages), so it is left out. The conversation as a whole is
/// the `.js-quote-selection-container` that holds the timeline and, as its
/// last child, the new-comment box (GitHub Comment Enhancer climbs from a
/// comment to it to find the composer): a click in the composer gets the
/// whole conversation as its "post", whose first author is the opener's.
/// In the React issue view, the issue's own text is `.react-issue-body` and
/// each comment `.react-issue-comment` (refined-github
/// `get-comment-author.ts`, `comments-time-machine-links.tsx`).
const POST: &str = ".js-comment-container:not(.timeline-new-comment), .js-quote-selection-container, .react-issue-body, .react-issue-comment";
/// Classic view: `a.author` in a comment's `.timeline-comment-header`
/// (refined-github `selectors.ts`: `.js-discussion a.author`). React view:
/// `a[data-testid="avatar-link"]` in the comment's `[data-testid="comment-header"]`,
/// and `a[data-testid="issue-body-header-author"]` for the issue's own text
/// (refined-github `selectors.ts` `authorLinks`). Their text is the login.
/// Organisations' and apps' links are excluded as refined-github does.
const AUTHOR: &str = concat!(
    r#":is(a.author, [data-testid="comment-header"] a[data-testid="avatar-link"], a[data-testid="issue-body-header-author"])"#,
    r#":not([data-hovercard-type="organization"], [href*="/apps/"])"#
);
/// The comment's timestamp: classic `a.js-timestamp` to `#issuecomment-<id>`
/// (or `#issue-<id>` for the opening comment); in the React view
/// `a[data-testid="issue-body-header-link"]` to `…#issue-<id>` for the issue
/// and, in a comment's header, the link to `…#issuecomment-<id>` (page
/// scrapers read both: `issue-body-header-link`, `a[href*="#issuecomment-"]`).
const PERMALINK: &str = concat!(
    r#"a.js-timestamp, a[data-testid="issue-body-header-link"], "#,
    r##"[data-testid="comment-header"] a[href*="#issuecomment-"]"##
);
/// The signed-in user's own profile link: "Your profile" in the header's user
/// menu, `a[data-ga-click="Header, go to profile, text:your profile"]` (saved
/// github.com pages), or the avatar beside the new-comment box, which links
/// to the signed-in user. GitHub also has `meta[name="user-login"]`, but the
/// content script reads an `href`. In the React issue view, a header of the
/// user's own issue or comment carries a `viewerDidAuthor` class (a CSS
/// module's, matched by substring as refined-github `quick-comment-edit.tsx`
/// does), so its author link is the user's too.
const SELF_LINK: &str = concat!(
    r#"a[data-ga-click^="Header, go to profile"], .timeline-new-comment .timeline-comment-avatar a[href], "#,
    r#":is([data-testid="comment-header"], [class^="IssueBodyHeader"])[class*="viewerDidAuthor" i] "#,
    r#"a:is([data-testid="avatar-link"], [data-testid="issue-body-header-author"])"#
);
/// A user's profile header: `h1.vcard-names` holding `span.p-name.vcard-fullname`
/// and `span.p-nickname.vcard-username` (research §6). Organisations have no
/// vcard, so their pages, which share the `/<login>` URL shape, are not
/// profiles here.
const PROFILE_NAME: &str = ".vcard-names";

/// Reactions, classic view: `Reactions::ReactionButtonComponent` renders
/// `button.social-reaction-summary-item.js-reaction-group-button` with
/// `aria-pressed` = whether the user has reacted (`value` "THUMBS_UP react" /
/// "… unreact"). Requiring `aria-pressed` keeps out the picker's
/// `menuitemcheckbox` variant, whose state is in `aria-checked`.
/// React issue view: the comment's `div[aria-label="Reactions"]` holds one
/// `button[role="switch"]` per emoji with `aria-checked` = whether the user
/// has reacted (refined-github `reactions-avatars.tsx`: "`button[aria-checked]`
/// // React issues", told apart by `role="switch"`). An emoji nobody used yet
/// is added from a picker outside the comment and is not recognised.
const REACTION: &str = concat!(
    "button.js-reaction-group-button[aria-pressed], ",
    r#"[aria-label="Reactions"] button[role="switch"][aria-checked]"#
);
/// `form.js-new-comment-form` holds `#partial-new-comment-form-actions` with
/// the primary `button.btn-primary[type=submit]` "Comment" (refined-github
/// `mark-draft-pr`, several userscripts); "Close with comment" is the other,
/// non-primary, button and is not a comment.
const COMMENT: &str = r#"form.js-new-comment-form #partial-new-comment-form-actions button.btn-primary[type="submit"]"#;
/// Follow and unfollow are two forms in `span.user-following-container
/// .js-form-toggle-container`, `form[action="/users/follow?target=<login>"]`
/// and `…/users/unfollow…`, one of them `hidden`; GitHub swaps which after a
/// submit (saved profile pages; research §6). Only the profile's own button
/// (its vcard, or the sticky mini-vcard) counts, not those in follower lists.
const FOLLOW: &str = r#":is(.js-profile-editable-replace, .user-profile-mini-vcard) form[action^="/users/follow?target="] [type="submit"]"#;
const UNFOLLOW: &str = r#":is(.js-profile-editable-replace, .user-profile-mini-vcard) form[action^="/users/unfollow?target="] [type="submit"]"#;

/// First path segments that are GitHub's own pages, never a user: the
/// top-level part of Mottie/github-reserved-names `reserved-names.json`
/// (used by refined-github/github-url-detection `isProfile`), plus routes it
/// lacks (`orgs`, `organizations`, `sponsors`, `codespaces`, `copilot`).
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

/// The conversations a comment can be submitted on: `/<owner>/<repo>/<kind>/<number>`.
const CONVERSATIONS: &[&str] = &["issues", "pull", "discussions"];

/// The GitHub adapter.
pub struct Github;

/// A login in a path segment, canonical, unless it is one of GitHub's routes.
fn handle_of(segment: &str) -> Option<String> {
    let handle = canonical_handle(Site::Github, segment, None)?;
    (!RESERVED.contains(&handle.as_str())).then_some(handle)
}

/// The login a profile link points at (`/octocat`, `https://github.com/octocat`).
fn handle_from_href(url: &PageUrl, href: &str) -> Option<String> {
    let path = url.same_site_path(href)?;
    match PageUrl::segments(&path).as_slice() {
        [one] => handle_of(one),
        _ => None,
    }
}

fn profile_url(handle: &str) -> String {
    format!("https://github.com/{handle}")
}

/// The conversation a path is, `/<owner>/<repo>/issues/7`, as an absolute URL.
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

    fn is_self(url: &PageUrl, self_href: Option<&str>, handle: &str) -> bool {
        self_href.and_then(|href| handle_from_href(url, href)).is_some_and(|me| me == handle)
    }

    /// A reaction (any emoji) on a comment is a like of its author; taking it
    /// back withdraws it. The state is `aria-pressed` (classic view) or
    /// `aria-checked` (React view), read from the same attribute before and
    /// after the click.
    fn reaction(url: &PageUrl, facts: &ClickFacts) -> Outcome {
        let (before, after) = (&facts.before, &facts.after);
        let flip = match (before.pressed.as_deref(), after.pressed.as_deref()) {
            (Some(b), Some(a)) => (b, a),
            _ => match (before.checked.as_deref(), after.checked.as_deref()) {
                (Some(b), Some(a)) => (b, a),
                _ => return Outcome::Miss("the reaction button has no aria-pressed or aria-checked state"),
            },
        };
        let undo = match flip {
            ("false", "true") => false,
            ("true", "false") => true,
            _ => return Outcome::Miss("the reaction did not change state"),
        };
        let target = match Github::author(url, facts.post.as_ref()) {
            Ok(target) => target,
            Err(why) => return Outcome::Miss(why),
        };
        let Some(post_url) = facts.post.as_ref().and_then(|p| p.permalink.as_deref()).and_then(|h| comment_url(url, h))
        else {
            return Outcome::Miss("the comment has no permalink");
        };
        if Github::is_self(url, facts.self_href.as_deref(), &target.handle) {
            return Outcome::Ignore("the user's own comment");
        }
        let e = Engagement {
            site: Site::Github,
            kind: Kind::Like,
            direction: Direction::Outbound,
            target,
            post_url: Some(post_url),
        };
        if undo {
            Outcome::Withdraw(e)
        } else {
            Outcome::Record(e)
        }
    }

    /// A comment on an issue, pull request or discussion engages the person
    /// who opened it: the author of the conversation's first comment, which
    /// the content script finds as the first author in the conversation that
    /// holds the comment box. (Whom a comment answers inside the thread is not
    /// in the markup; the opener is who is notified of every comment.)
    fn comment(url: &PageUrl, facts: &ClickFacts) -> Outcome {
        let Some(conversation) = conversation_url(&url.path) else {
            return Outcome::Miss("a comment outside an issue, pull request or discussion");
        };
        let target = match Github::author(url, facts.post.as_ref()) {
            Ok(target) => target,
            Err(why) => return Outcome::Miss(why),
        };
        if Github::is_self(url, facts.self_href.as_deref(), &target.handle) {
            return Outcome::Ignore("a comment on the user's own conversation");
        }
        Outcome::Record(Engagement {
            site: Site::Github,
            kind: Kind::Comment,
            direction: Direction::Outbound,
            target,
            post_url: Some(conversation),
        })
    }

    /// Follow or unfollow, from which of the two forms was submitted: the
    /// form's action is the language-neutral state, so the click says it.
    fn follow(url: &PageUrl, facts: &ClickFacts, undo: bool) -> Outcome {
        let page = PageFacts {
            title: facts.title.clone(),
            profile_name: facts.profile_name.clone(),
            self_href: facts.self_href.clone(),
        };
        let Some(profile) = Github.profile(url, &page) else {
            return Outcome::Miss("a follow button outside a user's profile");
        };
        if profile.is_self {
            return Outcome::Ignore("the user's own profile");
        }
        let target = Target { handle: profile.handle, name: profile.name, profile_url: profile.url };
        let e = Engagement {
            site: Site::Github,
            kind: Kind::Follow,
            direction: Direction::Outbound,
            target,
            post_url: None,
        };
        if undo {
            Outcome::Withdraw(e)
        } else {
            Outcome::Record(e)
        }
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
            text: r#".comment-body, [data-testid="markdown-body"]"#,
            post_attributes: &[],
            controls: vec![
                ControlRule { name: "reaction", selector: REACTION, role: ControlRole::Toggle, on: None },
                ControlRule { name: "comment", selector: COMMENT, role: ControlRole::SubmitReply, on: None },
                ControlRule { name: "follow", selector: FOLLOW, role: ControlRole::SubmitReply, on: None },
                ControlRule { name: "unfollow", selector: UNFOLLOW, role: ControlRole::SubmitReply, on: None },
            ],
        }
    }

    fn profile(&self, url: &PageUrl, page: &PageFacts) -> Option<ProfileRef> {
        let handle = match PageUrl::segments(&url.path).as_slice() {
            // A login never has a dot (github-url-detection `isProfile`).
            [one] if !one.contains('.') => handle_of(one)?,
            _ => return None,
        };
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

    fn engagement(&self, url: &PageUrl, facts: &ClickFacts) -> Outcome {
        match facts.control.as_str() {
            "reaction" => Github::reaction(url, facts),
            "comment" => Github::comment(url, facts),
            "follow" => Github::follow(url, facts, false),
            "unfollow" => Github::follow(url, facts, true),
            _ => Outcome::Miss("not a control the GitHub adapter knows"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sites::ControlState;

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
            self_href: Some("/kindling-kim".into()),
            ..ClickFacts::default()
        }
    }

    fn on_profile(control: &str, vcard: &str) -> ClickFacts {
        ClickFacts {
            control: control.into(),
            profile_name: Some(vcard.into()),
            self_href: Some("/kindling-kim".into()),
            ..ClickFacts::default()
        }
    }

    fn page(vcard: Option<&str>) -> PageFacts {
        PageFacts { title: String::new(), profile_name: vcard.map(Into::into), self_href: Some("/kindling-kim".into()) }
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
                Outcome::Record(e) if record => e,
                Outcome::Withdraw(e) if !record => e,
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
                Outcome::Record(e) => ("record", e),
                Outcome::Withdraw(e) => ("withdraw", e),
                other => panic!("{handle}: {other:?}"),
            };
            assert_eq!((got, e.kind, e.target.handle.as_str()), (want, Kind::Like, handle));
            assert_eq!(e.post_url.as_deref(), Some(post));
        }
        let mine = react("false", "true", "/kindling-kim", "#issuecomment-2003");
        assert!(matches!(Github.engagement(&url, &mine), Outcome::Ignore(_)), "the user's own comment");
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
            assert!(matches!(Github.engagement(&url, &facts), Outcome::Miss(_)), "{why}");
        }
    }

    #[test]
    fn a_login_shown_as_the_name_is_not_kept_as_one() {
        let facts = click("reaction", "false", "true", Some(comment("hubot", "#issuecomment-1")));
        let Outcome::Record(e) = Github.engagement(&issue(), &facts) else { panic!("not recorded") };
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
            let Outcome::Record(e) = Github.engagement(&at(path), &facts) else { panic!("{path}: not recorded") };
            assert_eq!((e.kind, e.target.handle.as_str()), (Kind::Comment, "mona"), "{path}");
            assert_eq!(e.post_url.as_deref(), Some(conversation), "{path}");
        }
    }

    #[test]
    fn follows_and_unfollows_are_of_the_profile_shown() {
        let url = at("/Mona");
        let Outcome::Record(e) = Github.engagement(&url, &on_profile("follow", "Mona Lisa Octocat\n  mona")) else {
            panic!("follow not recorded")
        };
        assert_eq!(
            (e.kind, e.target.handle.as_str(), e.target.name.as_deref()),
            (Kind::Follow, "mona", Some("Mona Lisa Octocat"))
        );
        assert_eq!(e.post_url, None);
        assert!(
            matches!(Github.engagement(&url, &on_profile("unfollow", "mona")), Outcome::Withdraw(e) if e.kind == Kind::Follow)
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
            assert!(matches!(Github.engagement(&url, &facts), Outcome::Ignore(_)), "{why}");
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
            assert!(matches!(Github.engagement(&url, &facts), Outcome::Miss(_)), "{why}");
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
    fn the_rules_name_every_control_the_adapter_knows() {
        let rules = Github.rules();
        let names: Vec<_> = rules.controls.iter().map(|c| c.name).collect();
        assert_eq!(names, ["reaction", "comment", "follow", "unfollow"]);
        assert!(crate::sites::for_url("https://github.com/mona").is_some_and(|(a, _)| a.site() == Site::Github));
    }
}
