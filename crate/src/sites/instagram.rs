//! Instagram (www.instagram.com, instagram.com). Every selector, label and
//! URL rule below cites the public source it was checked against, or says
//! "Unverified"; the list of sources, what each shows and what is still
//! unverified is in `docs/sites/instagram.md`. Class names are atomic, so
//! the hooks are tags (`article`, `header`, `section`, `form`, `textarea`),
//! roles, hrefs and the icons' `aria-label`s.
//!
//! Recognised: a like given or taken back with a post's heart button (a like
//! of the post's author), a comment sent with the comment box's "Post"
//! button, profile visits on `/<handle>/`. The heart's state is only in its
//! icon's translated `aria-label`, so likes are read in **English** ("Like" ↔
//! "Unlike"), **French** ("J’aime" ↔ "Je n’aime plus") and **German**
//! ("Gefällt mir" ↔ "Gefällt mir nicht mehr"); only the English pair was
//! seen in a source that could be named today, the other two are kept from
//! the earlier research and marked unverified; in any other language the
//! heart is not found at all (its only marker is the label), and a label
//! pair not in this list is a miss.
//!
//! Not recognised, on purpose:
//! - Comments sent with Enter (the content script sees clicks only), likes
//!   by double-tapping the photo (no control is clicked), likes of comments
//!   (the small hearts beside them).
//! - Follows: the button's state is only its translated text. Shares: the
//!   share button sends a post in a direct message, which is not a public
//!   repost.
//! - Anything on a page that does not show who is signed in (`SELF_LINK`).
//! - Activity (notifications, issue 19): no public source shows an activity
//!   row's markup, and what the sources suggest names the kind only in the
//!   row's sentence, which the content script does not report; nothing is
//!   read there (`docs/sites/instagram.md` says what is needed).
//!
//! A reposted post (Instagram's reposts, 2025) shows who reposted it above
//! the post; the like button and comments are the original's, and the
//! author is read from the post's own header only, so the reposter is never
//! taken. How Instagram marks the repost line is **unverified**.

use super::hosts::INSTAGRAM as HOSTS;
use super::{
    canonical_handle, clean_name, ClickFacts, ControlRole, ControlRule, ControlState, Engagement, PageFacts, PageUrl,
    PostFacts, ProfileRef, Reading, SiteAdapter, SiteRules, Target,
};
use crate::model::{Kind, Site};

/// A post, in the feed, on its own page or in its dialog.
/// Unverified: the selector file the audit cites ("Last verified January 23, 2026", `POST_ARTICLE = 'article'`) could not be tied to a repository today.
const POST: &str = "article";
/// The author: the first profile link (`/<handle>/`) in the post's header.
/// The avatar links there first, then the name; a location
/// (`/explore/locations/…/`) or audio (`/reels/audio/…/`) link comes later
/// and is left out anyway, as are stories. `:scope` keeps the header inside
/// the post, and the header keeps out a repost line above it.
/// Unverified: `header` inside a feed `article`. The 2026 selector file reads `article a[href^="/"][href$="/"]` (the first such link, no `header`), which agrees on the link but neither shows nor rules out the `header`; it is kept because without it a reposter's link above the post would come first.
const AUTHOR: &str =
    r#":scope header a[href^="/"][href$="/"]:not([href^="/explore/"], [href^="/reels/"], [href^="/stories/"])"#;
/// The post's own page: the link around its time (`/p/<code>/`, or
/// `/reel/<code>/`; newer links put the handle first).
/// Unverified: `a[href*="/p/"], a[href*="/reel/"]` is in the 2026 selector file; that the link holds the `time` is not shown by any source seen today.
const PERMALINK: &str = r#"a[href*="/p/"]:has(time), a[href*="/reel/"]:has(time)"#;
/// The signed-in user: the side navigation's "Profile" item, a `/<handle>/`
/// link holding the user's avatar (`img`) or, before it has one, the
/// Profile icon (`svg[aria-label="Profile"]`, English), outside the page's
/// content and dialogs.
/// Unverified: `role="link"` and the exclusions are the fixture's and earlier research's; the 2026 selector file uses `svg[aria-label="Profile"]` for this item and automation scripts look for `a[href^="/"][href$="/"]:has(img[alt*="profile picture"])`, but no source that could be named today shows the link's markup; a miss here means nothing is recorded.
const SELF_LINK: &str = concat!(
    r#"a[role="link"][href^="/"][href$="/"]:is(:has(img), :has(svg[aria-label="Profile"]))"#,
    r#":not([href="/"], main *, article *, [role="dialog"] *)"#,
);
/// A profile's header: the handle in `main header h2`. The page's title,
/// "Name (@handle) • Instagram photos and videos", confirms it too.
/// Source: KineticNexus/instagram-ai-bot src/automation/selectors.ts (535cf81)
/// Unverified: that source names the handle `h2` by its classes only; `main header` around it is not shown.
const PROFILE_NAME: &str = "main header h2";

/// The heart: the button in the post's action `section` whose 24-pixel icon
/// is labelled (the hearts beside comments are 12 pixels and not in it).
/// Source: KineticNexus/instagram-ai-bot src/automation/selectors.ts (535cf81)
/// Unverified: the `section` and `height="24"`; the sources show only `svg[aria-label="Like"]` / `svg[aria-label="Unlike"]` (inside a `span`). Both are kept because without them a comment's small heart, labelled the same, would count as a like of the post's author.
const LIKE: &str = concat!(
    r#"article section :is(button, [role="button"]):has(svg[height="24"]:is("#,
    r#"[aria-label="Like"], [aria-label="Unlike"], [aria-label="J’aime"], [aria-label="Je n’aime plus"], "#,
    r#"[aria-label="Gefällt mir"], [aria-label="Gefällt mir nicht mehr"]))"#,
);
/// The comment icon, which opens the post's dialog or focuses its box
/// (English label only: it is remembered, never recorded by itself).
/// Unverified: `svg[aria-label="Comment"]` is in the unnamed 2026 selector file only; the `section` around it as for `LIKE`.
const COMMENT: &str = r#"article section :is(button, [role="button"]):has(svg[aria-label="Comment"])"#;
/// The comment box is a `form` holding `textarea[aria-label="Add a comment…"]`
/// (translated); its send button is a `div[role="button"]` reading "Post"
/// (`button[type="submit"]` in older layouts) and is told from the emoji
/// button by having no icon. Direct messages have no `textarea` in an
/// `article`.
/// Source: KineticNexus/instagram-ai-bot src/automation/selectors.ts (535cf81)
/// Unverified: the `form` around the box and the send button's markup.
const POST_COMMENT: &str = r#"article form:has(textarea) :is([role="button"], button[type="submit"]):not(:has(svg))"#;

/// The heart's label when not liked and when liked, one pair per language.
/// Source: KineticNexus/instagram-ai-bot src/automation/selectors.ts (535cf81)
/// Unverified: the French and German pairs; no source that could be named today shows them.
const LIKE_LABELS: &[(&str, &str)] =
    &[("Like", "Unlike"), ("J’aime", "Je n’aime plus"), ("Gefällt mir", "Gefällt mir nicht mehr")];

/// First path segments that are Instagram's own pages, never an account.
/// Unverified: a partial list gathered from routes seen in links (`/explore/`, `/reels/`, `/p/`, `/reel/`, `/direct/inbox/`, `/accounts/`).
const RESERVED: &[&str] = &[
    "about",
    "accounts",
    "api",
    "challenge",
    "create",
    "developer",
    "direct",
    "directory",
    "emails",
    "explore",
    "legal",
    "lite",
    "notifications",
    "p",
    "press",
    "privacy",
    "reel",
    "reels",
    "session",
    "stories",
    "terms",
    "topics",
    "tv",
    "web",
    "your_activity",
];

/// Profile sub-pages that still show the profile's header.
/// Unverified: from URL structure only.
const PROFILE_TABS: &[&str] = &["reels", "tagged", "saved", "followers", "following"];

/// The Instagram adapter.
pub struct Instagram;

/// An account in a path segment, canonical, unless it is one of Instagram's
/// routes.
fn handle_of(segment: &str) -> Option<String> {
    let handle = canonical_handle(Site::Instagram, segment, None)?;
    (!handle.is_empty() && !RESERVED.contains(&handle.as_str())).then_some(handle)
}

/// A link's path when it stays on Instagram (relative, or absolute on one of
/// its hosts).
fn instagram_path(href: &str) -> Option<String> {
    if href.starts_with('/') && !href.starts_with("//") {
        let end = href.find(['?', '#']).unwrap_or(href.len());
        return Some(href[..end].to_owned());
    }
    let url = PageUrl::parse(href)?;
    HOSTS.contains(&url.host.as_str()).then_some(url.path)
}

/// The account a profile link points at (`/alice.example/`).
fn handle_from_href(href: &str) -> Option<String> {
    match PageUrl::segments(&instagram_path(href)?).as_slice() {
        [one] => handle_of(one),
        _ => None,
    }
}

fn profile_url(handle: &str) -> String {
    format!("https://www.instagram.com/{handle}/")
}

/// A post's own page, canonical: `/p/<code>/` or `/reel/<code>/`, with or
/// without the handle before it.
fn post_url(path: &str) -> Option<String> {
    let code_ok = |c: &str| !c.is_empty() && c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    let (kind, code) = match PageUrl::segments(path).as_slice() {
        [kind @ ("p" | "reel"), code] | [_, kind @ ("p" | "reel"), code] => (*kind, *code),
        _ => return None,
    };
    code_ok(code).then(|| format!("https://www.instagram.com/{kind}/{code}/"))
}

/// The name in a profile's title, "(2) Alice Example (@alice.example) •
/// Instagram photos and videos", without a leading count of unread messages.
fn title_name(title: &str) -> Option<String> {
    let name = title.split(" (@").next()?;
    let unread = name
        .strip_prefix('(')
        .and_then(|rest| rest.split_once(')'))
        .filter(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit() || b == b'+'));
    clean_name(Some(unread.map_or(name, |(_, rest)| rest)))
}

/// Whether the heart shows a like, and in which language's pair.
fn liked(state: &ControlState) -> Option<(usize, bool)> {
    let label = state.label.as_deref()?;
    LIKE_LABELS.iter().enumerate().find_map(|(i, (off, on))| match label {
        l if l == *off => Some((i, false)),
        l if l == *on => Some((i, true)),
        _ => None,
    })
}

impl Instagram {
    /// The author of a post, as a target, or why not.
    fn author(post: &PostFacts) -> Result<Target, &'static str> {
        let href = post.author_href.as_deref().ok_or("the post has no author link")?;
        let handle = handle_from_href(href).ok_or("the author link is not a profile")?;
        // The header shows the handle, not a name; the name comes from the
        // profile page.
        let name = clean_name(post.author_name.as_deref()).filter(|n| !n.eq_ignore_ascii_case(&handle));
        Ok(Target { profile_url: profile_url(&handle), name, handle })
    }

    fn me(self_href: Option<&str>) -> Option<String> {
        self_href.and_then(handle_from_href)
    }

    /// The post's own URL: its permalink, or the page when it is the post's.
    fn post_url(url: &PageUrl, post: &PostFacts) -> Option<String> {
        post.permalink.as_deref().and_then(instagram_path).and_then(|p| post_url(&p)).or_else(|| post_url(&url.path))
    }

    fn like(url: &PageUrl, facts: &ClickFacts, me: &str) -> Reading {
        let undo = match (liked(&facts.before), liked(&facts.after)) {
            (Some((a, false)), Some((b, true))) if a == b => false,
            (Some((a, true)), Some((b, false))) if a == b => true,
            (Some(before), Some(after)) if before == after => {
                return Reading::Miss("the like button did not change state")
            }
            _ => return Reading::Miss("the like button's label is not one Kindling knows (English, French, German)"),
        };
        let Some(post) = facts.post.as_ref() else {
            return Reading::Miss("the like button is not inside a post");
        };
        let target = match Instagram::author(post) {
            Ok(target) => target,
            Err(why) => return Reading::Miss(why),
        };
        let Some(post_url) = Instagram::post_url(url, post) else {
            return Reading::Miss("the post has no permalink");
        };
        let own = target.handle == me;
        Engagement::outbound(Site::Instagram, Kind::Like, target, Some(post_url)).concluded(
            own,
            "the user's own post",
            undo,
        )
    }

    /// A comment sent with "Post": on the post the box sits in, or else on the
    /// post whose comment icon opened it.
    fn comment(url: &PageUrl, facts: &ClickFacts, me: &str) -> Reading {
        let Some(post) = facts.post.as_ref().or(facts.reply_to.as_ref()) else {
            return Reading::Miss("a comment was sent with no post to comment on");
        };
        let target = match Instagram::author(post) {
            Ok(target) => target,
            Err(why) => return Reading::Miss(why),
        };
        let own = target.handle == me;
        Engagement::outbound(Site::Instagram, Kind::Comment, target, Instagram::post_url(url, post)).concluded(
            own,
            "a comment on the user's own post",
            false,
        )
    }
}

impl SiteAdapter for Instagram {
    fn site(&self) -> Site {
        Site::Instagram
    }

    fn hosts(&self) -> &'static [&'static str] {
        HOSTS
    }

    fn rules(&self) -> SiteRules {
        SiteRules {
            site: Site::Instagram,
            post: POST,
            author: AUTHOR,
            permalink: PERMALINK,
            self_link: SELF_LINK,
            profile_name: PROFILE_NAME,
            text: "",
            post_attributes: &[],
            controls: vec![
                ControlRule { name: "like", selector: LIKE, role: ControlRole::Toggle, on: None },
                ControlRule { name: "comment", selector: COMMENT, role: ControlRole::OpenReply, on: None },
                ControlRule { name: "post_comment", selector: POST_COMMENT, role: ControlRole::SubmitReply, on: None },
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
        // The URL shape alone matches routes missing from RESERVED too: wait
        // for the header's handle or a title naming "(@handle)".
        let title = page.title.to_lowercase();
        let titled = title.contains(&format!("(@{handle})"));
        let headed = page.profile_name.as_deref().is_some_and(|h| h.trim().eq_ignore_ascii_case(&handle));
        if !titled && !headed {
            return None;
        }
        let name = if titled { title_name(&page.title) } else { None };
        let me = Instagram::me(page.self_href.as_deref())?;
        Some(ProfileRef { site: Site::Instagram, url: profile_url(&handle), is_self: handle == me, handle, name })
    }

    fn engagement(&self, url: &PageUrl, facts: &ClickFacts) -> Reading {
        let Some(me) = Instagram::me(facts.self_href.as_deref()) else {
            return Reading::Miss(
                "the page does not show who is signed in, so the user's own posts cannot be told apart",
            );
        };
        match facts.control.as_str() {
            "like" => Instagram::like(url, facts, &me),
            "post_comment" => Instagram::comment(url, facts, &me),
            _ => Reading::Miss("not a control the Instagram adapter knows"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Direction;

    fn at(path: &str) -> PageUrl {
        PageUrl { host: "www.instagram.com".into(), path: path.into(), query: String::new() }
    }

    fn feed() -> PageUrl {
        at("/")
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
        post("/alice.example/", "", "/p/C1AliceRun/")
    }

    fn click(control: &str, before: &str, after: &str, post: Option<PostFacts>) -> ClickFacts {
        ClickFacts {
            control: control.into(),
            before: labelled(before),
            after: labelled(after),
            post,
            self_href: Some("/kim.lindqvist/".into()),
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
    fn likes_in_every_covered_language_are_recorded_and_withdrawn() {
        for (off, on) in LIKE_LABELS {
            let e = recorded(Instagram.engagement(&feed(), &click("like", off, on, Some(alice()))));
            assert_eq!((e.site, e.kind, e.direction), (Site::Instagram, Kind::Like, Direction::Outbound));
            assert_eq!(
                (e.target.handle.as_str(), e.target.name.as_deref(), e.target.profile_url.as_str()),
                ("alice.example", None, "https://www.instagram.com/alice.example/")
            );
            assert_eq!(e.post_url.as_deref(), Some("https://www.instagram.com/p/C1AliceRun/"));
            match Instagram.engagement(&feed(), &click("like", on, off, Some(alice()))) {
                Reading::Withdraw(undo) => assert_eq!(undo, e, "{off}"),
                other => panic!("{off}: expected a withdrawal, got {other:?}"),
            }
        }
    }

    #[test]
    fn labels_of_other_languages_or_mixed_pairs_are_misses() {
        let cases = [
            ("Me gusta", "Ya no me gusta"),
            ("Mi piace", "Non mi piace più"),
            ("J'aime", "Je n'aime plus"),
            ("like", "unlike"),
            ("Like", "Je n’aime plus"),
            ("Gefällt mir", "Unlike"),
            ("Like", "Like"),
            ("Unlike", "Unlike"),
            ("Like", "Remove Like"),
            ("Save", "Remove"),
        ];
        for (before, after) in cases {
            let outcome = Instagram.engagement(&feed(), &click("like", before, after, Some(alice())));
            assert!(matches!(outcome, Reading::Miss(_)), "{before:?} → {after:?}: {outcome:?}");
        }
    }

    #[test]
    fn post_urls_are_canonical() {
        let cases = [
            ("/p/C1AliceRun/", Some("https://www.instagram.com/p/C1AliceRun/")),
            ("/alice.example/p/C1AliceRun/", Some("https://www.instagram.com/p/C1AliceRun/")),
            ("https://www.instagram.com/reel/C9-x_Y/?igsh=1", Some("https://www.instagram.com/reel/C9-x_Y/")),
            ("https://instagram.com/p/C1AliceRun", Some("https://www.instagram.com/p/C1AliceRun/")),
            ("https://evil.example/p/C1AliceRun/", None),
            ("/p/", None),
            ("/p/C1 Alice/", None),
            ("/explore/tags/run/", None),
        ];
        for (permalink, want) in cases {
            let facts =
                click("like", "Like", "Unlike", Some(PostFacts { permalink: Some(permalink.into()), ..alice() }));
            match Instagram.engagement(&feed(), &facts) {
                Reading::Record(e) => assert_eq!(e.post_url.as_deref(), want, "{permalink}"),
                other => assert!(want.is_none() && matches!(other, Reading::Miss(_)), "{permalink}: {other:?}"),
            }
        }
        // On a post's own page, the page is the permalink.
        let page_only = click("like", "Like", "Unlike", Some(PostFacts { permalink: None, ..alice() }));
        let e = recorded(Instagram.engagement(&at("/p/C1AliceRun/"), &page_only));
        assert_eq!(e.post_url.as_deref(), Some("https://www.instagram.com/p/C1AliceRun/"));
    }

    #[test]
    fn a_reposted_post_is_the_original_authors() {
        // The repost line sits above the header; the author link read is the
        // header's, whatever the content script finds outside it.
        let reposted = post("/bob.builder/", "bob.builder", "/p/C2BobGarden/");
        let e = recorded(Instagram.engagement(&feed(), &click("like", "Like", "Unlike", Some(reposted))));
        assert_eq!((e.target.handle.as_str(), e.target.name), ("bob.builder", None), "the handle is not a name");
    }

    #[test]
    fn a_comment_goes_to_the_post_its_box_sits_in_or_else_the_one_whose_icon_opened_it() {
        let mut inline = click("post_comment", "", "", Some(alice()));
        inline.reply_to = Some(post("/erin.walsh/", "", "/p/C4Erin/"));
        let e = recorded(Instagram.engagement(&feed(), &inline));
        assert_eq!((e.kind, e.target.handle.as_str()), (Kind::Comment, "alice.example"));
        assert_eq!(e.post_url.as_deref(), Some("https://www.instagram.com/p/C1AliceRun/"));
        let mut dialog = click("post_comment", "", "", None);
        dialog.reply_to = Some(post("/erin.walsh/", "", "/p/C4Erin/"));
        assert_eq!(recorded(Instagram.engagement(&feed(), &dialog)).target.handle, "erin.walsh");
        assert!(matches!(Instagram.engagement(&feed(), &click("post_comment", "", "", None)), Reading::Miss(_)));
    }

    #[test]
    fn the_users_own_posts_are_ignored() {
        let mine = post("https://www.instagram.com/Kim.Lindqvist/", "", "/p/C5Kim/");
        let like = click("like", "Like", "Unlike", Some(mine.clone()));
        assert!(matches!(Instagram.engagement(&feed(), &like), Reading::Ignore(_)));
        assert!(matches!(
            Instagram.engagement(&feed(), &click("post_comment", "", "", Some(mine))),
            Reading::Ignore(_)
        ));
    }

    #[test]
    fn unrecognised_or_incomplete_clicks_are_misses_never_guesses() {
        let like = |p: Option<PostFacts>| click("like", "Like", "Unlike", p);
        let mut no_self = like(Some(alice()));
        no_self.self_href = None;
        let cases = [
            ("no post", like(None)),
            ("no author link", like(Some(PostFacts { author_href: None, ..alice() }))),
            ("author is a route", like(Some(post("/explore/", "", "/p/C1/")))),
            ("author is a post", like(Some(post("/p/C1AliceRun/", "", "/p/C1/")))),
            ("author is a location", like(Some(post("/explore/locations/1/berlin/", "", "/p/C1/")))),
            ("author elsewhere", like(Some(post("https://evil.example/alice/", "", "/p/C1/")))),
            ("bad handle", like(Some(post("/alice%20ex/", "", "/p/C1/")))),
            ("no permalink on the feed", like(Some(PostFacts { permalink: None, ..alice() }))),
            ("signed-in user unknown", no_self),
            ("unknown control", click("share", "", "", Some(alice()))),
            ("opening a comment box is not reported", click("comment", "", "", Some(alice()))),
        ];
        for (why, facts) in cases {
            assert!(matches!(Instagram.engagement(&feed(), &facts), Reading::Miss(_)), "{why}");
        }
    }

    fn page(title: &str, header: Option<&str>) -> PageFacts {
        PageFacts {
            title: title.into(),
            profile_name: header.map(Into::into),
            self_href: Some("/kim.lindqvist/".into()),
        }
    }

    #[test]
    fn profile_pages_are_the_account_routes_only() {
        let cases = [
            ("/alice.example/", Some("alice.example")),
            ("/alice.example", Some("alice.example")),
            ("/alice.example/tagged/", Some("alice.example")),
            ("/alice.example/reels/", Some("alice.example")),
            ("/alice.example/followers/", Some("alice.example")),
            ("/alice.example/p/C1AliceRun/", None),
            ("/alice.example/reel/C1AliceRun/", None),
            ("/p/C1AliceRun/", None),
            ("/reel/C1AliceRun/", None),
            ("/reels/", None),
            ("/explore/", None),
            ("/explore/tags/running/", None),
            ("/stories/alice.example/", None),
            ("/direct/inbox/", None),
            ("/accounts/edit/", None),
            ("/about/", None),
            ("/legal/", None),
            ("/tv/", None),
            ("/", None),
            ("/alice%20ex/", None),
        ];
        for (path, want) in cases {
            let handle = path.split('/').nth(1).unwrap_or_default();
            let facts = page(&format!("Someone (@{handle}) • Instagram photos and videos"), Some(handle));
            let got = Instagram.profile(&at(path), &facts);
            assert_eq!(got.as_ref().map(|p| p.handle.as_str()), want, "{path}");
        }
    }

    #[test]
    fn profile_pages_need_their_header_or_title_and_a_known_signed_in_user() {
        let url = at("/alice.example/");
        let titled =
            Instagram.profile(&url, &page("(3) Alice Example (@alice.example) • Instagram photos and videos", None));
        assert_eq!(
            titled.as_ref().map(|p| (p.handle.as_str(), p.name.as_deref(), p.url.as_str(), p.is_self)),
            Some(("alice.example", Some("Alice Example"), "https://www.instagram.com/alice.example/", false))
        );
        let french =
            Instagram.profile(&url, &page("Alice Example (@alice.example) • Photos et vidéos Instagram", None));
        assert_eq!(french.and_then(|p| p.name).as_deref(), Some("Alice Example"));
        let numbers = [("50 Cent (@alice.example) • Instagram", Some("50 Cent")), ("(9+) (@alice.example)", None)];
        for (title, want) in numbers {
            assert_eq!(Instagram.profile(&url, &page(title, None)).and_then(|p| p.name).as_deref(), want, "{title}");
        }
        let headed = Instagram.profile(&url, &page("Instagram", Some(" alice.example ")));
        assert_eq!(headed.map(|p| (p.handle, p.name)), Some(("alice.example".into(), None)));
        assert_eq!(Instagram.profile(&url, &page("Instagram", None)), None, "not rendered yet");
        assert_eq!(
            Instagram.profile(&url, &page("Bob (@bob.builder) • Instagram", Some("bob.builder"))),
            None,
            "old page"
        );
        let unknown_me = PageFacts { self_href: None, ..page("Alice (@alice.example) • Instagram", None) };
        assert_eq!(Instagram.profile(&url, &unknown_me), None, "it might be the user's own");
        let me = Instagram.profile(&at("/kim.lindqvist/"), &page("Kim (@kim.lindqvist) • Instagram", None));
        assert_eq!(me.map(|p| p.is_self), Some(true));
    }

    #[test]
    fn both_hosts_are_served() {
        for host in HOSTS {
            let found = crate::sites::for_url(&format!("https://{host}/alice.example/"));
            assert_eq!(found.map(|(a, _)| a.site()), Some(Site::Instagram), "{host}");
        }
    }

    #[test]
    fn the_rules_name_every_control_the_adapter_reads() {
        let names: Vec<_> = Instagram.rules().controls.iter().map(|c| (c.name, c.role)).collect();
        assert_eq!(
            names,
            [
                ("like", ControlRole::Toggle),
                ("comment", ControlRole::OpenReply),
                ("post_comment", ControlRole::SubmitReply)
            ]
        );
    }
}
