//! X (x.com, twitter.com). Markers from ../shared/research/sites.md §1:
//! posts are `article[data-testid="tweet"]`, engagement buttons flip their
//! `data-testid` (`like` ↔ `unlike`), generated class names are never used.

use super::{
    clean_name, ClickFacts, ControlRole, ControlRule, Engagement, Outcome, PageFacts, PageUrl, ProfileRef, SiteAdapter,
    SiteRules, Target,
};
use super::{InboundItem, InboundRules, KeyRule};
use crate::model::{Direction, Kind, Site};

const HOSTS: &[&str] = &["x.com", "twitter.com", "mobile.x.com", "mobile.twitter.com"];

const POST: &str = r#"article[data-testid="tweet"]"#;
/// The first link in the first `User-Name` block is the display name of the
/// post's author; a quoted post's `User-Name` comes later in the markup.
const AUTHOR: &str = r#"[data-testid="User-Name"] a[href]"#;
const PERMALINK: &str = r#"a[href*="/status/"]:has(time)"#;
const SELF_LINK: &str = r#"a[data-testid="AppTabBar_Profile_Link"]"#;
/// The profile header's name block; its text is "Name@handle" (the handle is
/// stripped in `profile`). A plain attribute selector: a descendant one
/// (`… [data-testid="UserName"] span`) made the browser test every span's
/// ancestors, 6–14 ms per report on a 500-post feed (docs/benchmarks.md).
const PROFILE_NAME: &str = r#"[data-testid="UserName"]"#;

const LIKE: &str = r#"[data-testid="like"], [data-testid="unlike"]"#;
const REPLY: &str = r#"[data-testid="reply"]"#;
const SEND: &str = r#"[data-testid="tweetButton"], [data-testid="tweetButtonInline"]"#;
/// The repost button opens a menu in a layer outside the post; X has
/// renamed retweet → repost in places, so both names are matched (CPFT does
/// the same, see sites.md §1).
const REPOST_MENU: &str = r#"[data-testid="retweet"], [data-testid="unretweet"]"#;
const REPOST: &str = r#"[data-testid="retweetConfirm"], [data-testid="repostConfirm"]"#;
const UNDO_REPOST: &str = r#"[data-testid="unretweetConfirm"], [data-testid="unrepostConfirm"]"#;
/// Follow buttons carry an id prefix: `12345-follow` / `12345-unfollow`.
const FOLLOW: &str = r#"[data-testid$="-follow"], [data-testid$="-unfollow"]"#;

/// First path segments that are X's own pages, never a user.
/// (CPFT's profile regex matches them too and filters them out the same way.)
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

/// Profile sub-pages that still show the profile's header.
const PROFILE_TABS: &[&str] = &[
    "with_replies",
    "media",
    "likes",
    "highlights",
    "articles",
    "affiliates",
    "superfollows",
    "verified_followers",
    "followers",
    "following",
    "followers_you_follow",
];

/// The X adapter.
pub struct X;

/// A screen name as X allows it: letters, digits, underscore.
fn handle_of(segment: &str) -> Option<String> {
    let valid = (1..=20).contains(&segment.len()) && segment.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    let handle = segment.to_ascii_lowercase();
    (valid && !RESERVED.contains(&handle.as_str())).then_some(handle)
}

/// The handle a profile link points at (`/alice`, `https://x.com/alice`).
fn handle_from_href(url: &PageUrl, href: &str) -> Option<String> {
    let path = url.same_site_path(href)?;
    match PageUrl::segments(&path).as_slice() {
        [one] => handle_of(one),
        _ => None,
    }
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

    fn like(url: &PageUrl, facts: &ClickFacts) -> Outcome {
        let flip = (facts.before.testid.as_deref(), facts.after.testid.as_deref());
        let undo = match flip {
            (Some("like"), Some("unlike")) => false,
            (Some("unlike"), Some("like")) => true,
            _ => return Outcome::Miss("the like button did not change state"),
        };
        let target = match X::author(url, facts.post.as_ref()) {
            Ok(target) => target,
            Err(why) => return Outcome::Miss(why),
        };
        let Some(post_url) = facts.post.as_ref().and_then(|p| p.permalink.as_deref()).and_then(|h| absolute(url, h))
        else {
            return Outcome::Miss("the post has no permalink");
        };
        if X::is_self(url, facts.self_href.as_deref(), &target.handle) {
            return Outcome::Ignore("the user's own post");
        }
        let engagement = Engagement {
            site: Site::X,
            kind: Kind::Like,
            direction: Direction::Outbound,
            target,
            post_url: Some(post_url),
        };
        if undo {
            Outcome::Withdraw(engagement)
        } else {
            Outcome::Record(engagement)
        }
    }

    /// A repost or its undo, chosen in the menu the post's repost button
    /// opened; `facts.post` is that post.
    fn repost(url: &PageUrl, facts: &ClickFacts, undo: bool) -> Outcome {
        let target = match X::author(url, facts.post.as_ref()) {
            Ok(target) => target,
            Err(why) => return Outcome::Miss(why),
        };
        let Some(post_url) = facts.post.as_ref().and_then(|p| p.permalink.as_deref()).and_then(|h| absolute(url, h))
        else {
            return Outcome::Miss("the post has no permalink");
        };
        if X::is_self(url, facts.self_href.as_deref(), &target.handle) {
            return Outcome::Ignore("the user's own post");
        }
        let e = Engagement {
            site: Site::X,
            kind: Kind::Repost,
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

    fn reply(url: &PageUrl, facts: &ClickFacts) -> Outcome {
        // The inline composer on a post's own page replies to that post; the
        // modal one replies to the post whose reply button opened it.
        let (target, post_url) = match facts.reply_to.as_ref() {
            Some(post) => match X::author(url, Some(post)) {
                Ok(target) => (target, post.permalink.as_deref().and_then(|h| absolute(url, h))),
                Err(why) => return Outcome::Miss(why),
            },
            None => match PageUrl::segments(&url.path).as_slice() {
                [author, "status", id] if id.bytes().all(|b| b.is_ascii_digit()) => match handle_of(author) {
                    Some(handle) => (
                        Target { profile_url: profile_url(&handle), handle, name: None },
                        Some(format!("https://x.com{}", url.path)),
                    ),
                    None => return Outcome::Miss("the post page's author is not a profile"),
                },
                _ => return Outcome::Miss("a reply was sent with no post to reply to"),
            },
        };
        if X::is_self(url, facts.self_href.as_deref(), &target.handle) {
            return Outcome::Ignore("a reply to the user's own post");
        }
        Outcome::Record(Engagement {
            site: Site::X,
            kind: Kind::Reply,
            direction: Direction::Outbound,
            target,
            post_url,
        })
    }

    fn follow(url: &PageUrl, facts: &ClickFacts) -> Outcome {
        let state = |s: &super::ControlState| s.testid.as_deref().map(|t| t.ends_with("-unfollow"));
        let undo = match (state(&facts.before), state(&facts.after)) {
            (Some(false), Some(true)) => false,
            (Some(true), Some(false)) => true,
            _ => return Outcome::Miss("the follow button did not change state"),
        };
        let page = PageFacts {
            title: facts.title.clone(),
            profile_name: facts.profile_name.clone(),
            self_href: facts.self_href.clone(),
        };
        let Some(profile) = X.profile(url, &page) else {
            return Outcome::Miss("a follow button outside a profile page");
        };
        if profile.is_self {
            return Outcome::Ignore("the user's own profile");
        }
        let target = Target { handle: profile.handle, name: profile.name, profile_url: profile.url };
        let engagement =
            Engagement { site: Site::X, kind: Kind::Follow, direction: Direction::Outbound, target, post_url: None };
        if undo {
            Outcome::Withdraw(engagement)
        } else {
            Outcome::Record(engagement)
        }
    }
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
            text: r#"[data-testid="tweetText"]"#,
            post_attributes: &[],
            controls: vec![
                ControlRule { name: "like", selector: LIKE, role: ControlRole::Toggle, on: None },
                ControlRule { name: "follow", selector: FOLLOW, role: ControlRole::Toggle, on: None },
                ControlRule { name: "reply", selector: REPLY, role: ControlRole::OpenReply, on: None },
                ControlRule { name: "send", selector: SEND, role: ControlRole::SubmitReply, on: None },
                ControlRule { name: "repost_menu", selector: REPOST_MENU, role: ControlRole::OpenMenu, on: None },
                ControlRule { name: "repost", selector: REPOST, role: ControlRole::MenuItem, on: None },
                ControlRule { name: "undo_repost", selector: UNDO_REPOST, role: ControlRole::MenuItem, on: None },
            ],
        }
    }

    fn profile(&self, url: &PageUrl, page: &PageFacts) -> Option<ProfileRef> {
        let handle = match PageUrl::segments(&url.path).as_slice() {
            [one] => handle_of(one)?,
            [one, tab] if PROFILE_TABS.contains(tab) => handle_of(one)?,
            _ => return None,
        };
        // The URL shape alone also matches pages X adds later; wait for the
        // profile header or a title naming "(@handle)" before saying it is one.
        let titled = page.title.to_ascii_lowercase().contains(&format!("(@{handle})"));
        if page.profile_name.is_none() && !titled {
            return None;
        }
        let header = page.profile_name.as_deref().map(|text| {
            let at = text.to_ascii_lowercase().rfind(&format!("@{handle}"));
            at.map_or(text, |at| &text[..at])
        });
        let name = clean_name(header)
            .or_else(|| page.title.split(" (@").next().and_then(|n| clean_name(Some(n))).filter(|_| titled));
        let is_self = X::is_self(url, page.self_href.as_deref(), &handle);
        Some(ProfileRef { site: Site::X, url: profile_url(&handle), handle, name, is_self })
    }

    fn engagement(&self, url: &PageUrl, facts: &ClickFacts) -> Outcome {
        match facts.control.as_str() {
            "like" => X::like(url, facts),
            "send" => X::reply(url, facts),
            "follow" => X::follow(url, facts),
            "repost" => X::repost(url, facts, false),
            "undo_repost" => X::repost(url, facts, true),
            _ => Outcome::Miss("not a control the X adapter knows"),
        }
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

    /// The Mentions tab of the notifications lists only posts that mention
    /// or reply to the user, as ordinary posts. The All tab is not read: its
    /// likes and follows say what happened only in translated text, and its
    /// posts include "new post" alerts from accounts the user subscribed to.
    fn inbound_rules(&self, url: &PageUrl) -> Option<InboundRules> {
        (url.path.trim_end_matches('/') == "/notifications/mentions").then_some(InboundRules {
            item: POST,
            actor: AUTHOR,
            permalink: PERMALINK,
        })
    }

    fn inbound(
        &self,
        url: &PageUrl,
        self_href: Option<&str>,
        item: &InboundItem,
    ) -> Result<Vec<Engagement>, &'static str> {
        // The first author link is the post's; a quoted post's comes later.
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
        let permalink = item.permalink.as_deref().and_then(|h| url.same_site_path(h));
        let post_url = match permalink.as_deref().map(PageUrl::segments).as_deref() {
            Some([by, "status", id]) if handle_of(by).as_deref() == Some(target.handle.as_str()) && is_id(id) => {
                format!("https://x.com/{}/status/{id}", target.handle)
            }
            _ => return Err("the post's permalink is missing or not by its author"),
        };
        Ok(vec![Engagement {
            site: Site::X,
            kind: Kind::Mention,
            direction: Direction::Inbound,
            target,
            post_url: Some(post_url),
        }])
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
                super::super::ActorFacts { href: Some(format!("/{author}")), name: Some(name.into()) },
                super::super::ActorFacts { href: Some("/quoted".into()), name: Some("Quoted".into()) },
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
        for path in ["/notifications", "/home", "/alice"] {
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

    fn recorded(outcome: Outcome) -> Engagement {
        match outcome {
            Outcome::Record(e) => e,
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
        assert!(matches!(X.engagement(&home(), &facts), Outcome::Withdraw(e) if e.kind == Kind::Like));
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
            assert!(matches!(X.engagement(&home(), &facts), Outcome::Miss(_)), "{why}");
        }
    }

    #[test]
    fn the_users_own_posts_are_ignored() {
        let facts = click("like", "like", "unlike", Some(post("/Kindling_User", "Me", "/kindling_user/status/1")));
        assert!(matches!(X.engagement(&home(), &facts), Outcome::Ignore(_)));
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
        assert!(matches!(X.engagement(&home(), &click("undo_repost", "", "", menu_post)), Outcome::Withdraw(_)));
        assert!(
            matches!(X.engagement(&home(), &click("repost", "", "", None)), Outcome::Miss(_)),
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
        assert!(matches!(X.engagement(&url, &undo), Outcome::Withdraw(_)));
    }

    #[test]
    fn profile_pages_are_recognised_only_with_their_header_or_title() {
        let page = |title: &str, name: Option<&str>| PageFacts {
            title: title.into(),
            profile_name: name.map(Into::into),
            self_href: Some("/kindling_user".into()),
        };
        let at = |path: &str| PageUrl { host: "x.com".into(), path: path.into(), query: String::new() };
        let header = X.profile(&at("/alice"), &page("", Some("Alice Example@Alice")));
        assert_eq!(header.and_then(|p| p.name).as_deref(), Some("Alice Example"), "the header's @handle is stripped");
        let alice = X.profile(&at("/Alice"), &page("Alice Example (@alice) / X", None));
        assert_eq!(
            alice.as_ref().map(|p| (p.handle.as_str(), p.name.as_deref())),
            Some(("alice", Some("Alice Example")))
        );
        assert!(X.profile(&at("/alice/media"), &page("", Some("Alice"))).is_some());
        assert_eq!(X.profile(&at("/alice"), &page("X", None)), None, "header not rendered yet");
        assert_eq!(X.profile(&at("/home"), &page("Home / X", Some("Home"))), None);
        assert_eq!(X.profile(&at("/alice/status/1"), &page("", Some("Alice"))), None);
        assert_eq!(X.profile(&at("/settings/account"), &page("", Some("x"))), None);
        let me = X.profile(&at("/kindling_user"), &page("", Some("Me")));
        assert_eq!(me.map(|p| p.is_self), Some(true));
    }
}
