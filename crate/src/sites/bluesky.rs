//! Bluesky (bsky.app). Every marker below cites the file of
//! bluesky-social/social-app it was read in (the references, and what each
//! backs, are listed in `docs/sites/bluesky.md`). React Native Web turns each
//! `testID` into `data-testid`, and every link to a person is
//! `/profile/<handle or DID>`. Generated class names are never used.
//!
//! Likes: `likeBtn` keeps its testid whatever its state, and its
//! `aria-pressed` is the *pointer* press state of every `Button`
//! (`src/components/Button.tsx`), not the like state. The state shows in which
//! heart icon is drawn (`src/lib/custom-animations/LikeIcon.web.tsx`: the
//! filled `Heart2_Filled_Stroke2_Corner0_Rounded` while liked, the outline
//! otherwise, `src/components/icons/Heart2.tsx`), read in any language with
//! the rule's `on` probe, and in the translated aria-label ("Like (3 likes)" /
//! "Unlike (4 likes)", `src/components/PostControls/index.tsx`), read only in
//! the locales below, as a cross-check and for when the icon is redrawn.
//!
//! Reposts: the repost button only opens a menu, whose
//! `repostDropdownRepostBtn` item has the same testid either way; only its
//! translated label says "Repost" or "Undo repost"
//! (`src/components/PostControls/RepostButton.web.tsx`), so reposts are read
//! in the locales below only; in any other a repost is a miss.
//!
//! Replies: the content script remembers the post whose reply control was
//! clicked last; an opener outside any post (the thread's "Write your reply"
//! prompt, the "New post" button) makes it forget, so a reply sent after it
//! goes to the thread page's own post, or is a new post, never to the post of
//! a composer closed earlier. The prompt has no testid: it is found by its
//! structure (a button holding the user's avatar, outside posts, navigation
//! and dialogs) in any language, and by its English label.
//!
//! Notifications: a like, repost or follow is read from the row's icon and
//! link target in any language (see `notification`).
//!
//! Locales whose labels are read: English (the source strings) and German
//! (`src/locale/locales/de/messages.po`).

use super::hosts::BLUESKY as HOSTS;
use super::{
    canonical_handle, clean_name, handle_after, profile_engagement, undo_of_flip, ClickFacts, ControlRole, ControlRule,
    ControlState, Engagement, PageFacts, PageUrl, PostFacts, ProfileRef, Reading, SiteAdapter, SiteRules, Target,
};
use super::{InboundItem, InboundRules};
use crate::model::{Direction, Kind, Site};

/// A feed item (home, profile and notification feeds) or a thread item; the
/// author's handle is in the testid: `PostFeedItem`'s `feedItem-by-<handle>`
/// and the thread items' `postThreadItem-by-<handle>`.
/// Source: bluesky-social/social-app src/view/com/posts/PostFeedItem.tsx (8889598)
/// Source: bluesky-social/social-app src/screens/PostThread/components/ThreadItemAnchor.tsx (b88d50a)
/// Source: bluesky-social/social-app src/screens/PostThread/components/ThreadItemPost.tsx (705760a)
const POST: &str = r#"[data-testid^="feedItem-by-"], [data-testid^="postThreadItem-by-"]"#;
/// The display-name link of `PostMeta`: it has the handle link to the same
/// profile as a later sibling. The avatar link and a repost's "Reposted by …"
/// link (`PostFeedReason.tsx`), which come first in the markup, have none, and
/// a quoted post's meta comes later.
/// Source: bluesky-social/social-app src/view/com/util/PostMeta.tsx (00da368)
/// Source: bluesky-social/social-app src/view/com/posts/PostFeedReason.tsx (b366100)
const AUTHOR: &str = r#"a[href^="/profile/"]:not([href*="/post/"]):has(~ a[href^="/profile/"])"#;
/// `PostMeta`'s timestamp links to `/profile/<author>/post/<rkey>`.
/// Source: bluesky-social/social-app src/view/com/util/PostMeta.tsx (00da368)
const PERMALINK: &str = r#"a[href^="/profile/"][href*="/post/"]"#;
/// The left nav's "Profile" item is the one profile link inside
/// `role="navigation"`; its label is translated. The mobile bottom bar is
/// unverified.
/// Source: bluesky-social/social-app src/view/shell/desktop/LeftNav.tsx (03e0a33)
const SELF_LINK: &str = r#"nav a[href^="/profile/"], [role="navigation"] a[href^="/profile/"]"#;
/// The profile header's display name.
/// Source: bluesky-social/social-app src/screens/Profile/Header/DisplayName.tsx (d39d07c)
const PROFILE_NAME: &str = r#"[data-testid="profileHeaderDisplayName"]"#;
/// A post's text (`RichText testID="postText"`), read only while the user
/// keeps snippets.
/// Source: bluesky-social/social-app src/view/com/posts/PostFeedItem.tsx (8889598)
const POST_TEXT: &str = r#"[data-testid="postText"]"#;

/// A post's reply button.
/// Source: bluesky-social/social-app src/components/PostControls/index.tsx (cf43444)
const REPLY: &str = r#"[data-testid="replyBtn"]"#;
/// The thread page's "Write your reply" prompt, which opens a reply to the
/// page's own post. It has no testid (the old `replyPromptBtn` of
/// `src/view/com/post-thread/PostThreadComposePrompt.tsx` is gone): it is a
/// `PressableScale` with `accessibilityRole="button"` (`role="button"` on the
/// web) and the translated label "Compose reply", holding the user's own
/// `UserAvatar` (`userAvatarImage`, or `userAvatarFallback` before the
/// profile loads) and the text. It is its own item of the thread's list,
/// after the anchor post, or fixed at the bottom on narrow screens: outside
/// every post. Found in any language by that structure, kept out of posts,
/// the left nav (whose account button also holds the avatar) and dialogs
/// (the composer holds the avatar of the post replied to), and in English by
/// its label. As an opener outside any post it makes the content script
/// forget a reply remembered from an earlier, closed composer; a false match
/// elsewhere outside posts only does the same.
/// Source: bluesky-social/social-app src/screens/PostThread/components/ThreadComposePrompt.tsx (2cbef09)
/// Source: bluesky-social/social-app src/screens/PostThread/index.tsx (84cae44)
/// Source: bluesky-social/social-app src/view/com/util/UserAvatar.tsx (011cd0f)
const REPLY_PROMPT: &str = concat!(
    r#"[role="button"]:is(:has([data-testid="userAvatarImage"], [data-testid="userAvatarFallback"]), "#,
    r#"[aria-label="Compose reply"])"#,
    r#":not([data-testid^="feedItem-by-"], [data-testid^="postThreadItem-by-"], "#,
    r#"[data-testid^="feedItem-by-"] *, [data-testid^="postThreadItem-by-"] *, "#,
    r#"[role="navigation"] *, nav *, [role="dialog"] *, [aria-modal="true"] *, [data-testid="composePostView"] *)"#
);
/// The floating "New post" button of the home, feed and profile screens on
/// narrow windows: it opens a composer for a new post, so, outside any post,
/// it too makes the content script forget a reply remembered earlier.
/// Source: bluesky-social/social-app src/view/com/feeds/FeedPage.tsx (0132b72)
const NEW_POST: &str = r#"[data-testid="composeFAB"]"#;
/// The composer's publish button: one testid for "Publish post", "Publish
/// reply" and "Publish replies".
/// Source: bluesky-social/social-app src/view/com/composer/Composer.tsx (0079e19)
const PUBLISH: &str = r#"[data-testid="composerPublishBtn"]"#;
/// The profile header's button swaps its testid when the follow lands.
/// Source: bluesky-social/social-app src/screens/Profile/Header/ProfileHeaderStandard.tsx (b414773)
const FOLLOW: &str = r#"[data-testid="followBtn"], [data-testid="unfollowBtn"]"#;
/// A post's like button.
/// Source: bluesky-social/social-app src/components/PostControls/index.tsx (cf43444)
const LIKE: &str = r#"[data-testid="likeBtn"]"#;
/// The filled heart's path, which the outline heart's does not share: its `d`
/// starts at this point (`Heart2_Filled_Stroke2_Corner0_Rounded`; react-native-svg
/// renders it as `svg > path[d]`). Present inside `likeBtn` only while liked.
/// Source: bluesky-social/social-app src/components/icons/Heart2.tsx (2ad758f)
const LIKED: &str = r#"svg path[d^="M12.489 21.372"]"#;
/// The repost button (a `Menu.Trigger`) and the menu's repost item (a
/// `Pressable` with `role="menuitem"` and the label as `aria-label`,
/// `src/components/Menu/index.web.tsx`).
/// Source: bluesky-social/social-app src/components/PostControls/RepostButton.web.tsx (8b46193)
const REPOST_MENU: &str = r#"[data-testid="repostBtn"]"#;
/// Source: bluesky-social/social-app src/components/PostControls/RepostButton.web.tsx (8b46193)
const REPOST: &str = r#"[data-testid="repostDropdownRepostBtn"]"#;

/// The like button's label while liked and while not, per locale read: the
/// text before the count ("Unlike (4 likes)"). German's unliked label is a
/// prefix of its liked one only up to the space, so the "(" is part of it.
/// Source: bluesky-social/social-app src/components/PostControls/index.tsx (cf43444)
/// Source: bluesky-social/social-app src/locale/locales/de/messages.po (e627d37)
const LIKE_LABELS: &[(&str, bool)] =
    &[("Unlike (", true), ("Like (", false), ("Gefällt mir nicht mehr (", true), ("Gefällt mir (", false)];
/// The repost item's label: `true` for "Undo repost". English, German.
/// Source: bluesky-social/social-app src/components/PostControls/RepostButton.web.tsx (8b46193)
/// Source: bluesky-social/social-app src/locale/locales/de/messages.po (e627d37)
const REPOST_LABELS: &[(&str, bool)] =
    &[("Repost", false), ("Undo repost", true), ("Reposten", false), ("Repost rückgängig machen", true)];

/// The Bluesky adapter.
pub struct Bluesky;

/// The canonical handle (or DID) a profile path segment names. DIDs may come
/// percent-encoded from other sites' links.
fn handle_of(segment: &str) -> Option<String> {
    let decoded = segment.replace("%3A", ":").replace("%3a", ":");
    canonical_handle(Site::Bluesky, &decoded, None)
}

/// The account a link points at: `/profile/<name>` and nothing more
/// (`makeProfileLink`).
/// Source: bluesky-social/social-app src/lib/routes/links.ts (9a542b7)
fn profile_from_href(url: &PageUrl, href: &str) -> Option<String> {
    handle_after(url, href, &["profile"], handle_of)
}

/// The author and canonical URL of a post link: `/profile/<name>/post/<rkey>`.
/// Source: bluesky-social/social-app src/routes.ts (706613b)
/// Source: bluesky-social/social-app src/view/com/util/PostMeta.tsx (00da368)
fn post_from_path(path: &str) -> Option<(String, String)> {
    match PageUrl::segments(path).as_slice() {
        ["profile", name, "post", rkey] if is_rkey(rkey) => {
            let handle = handle_of(name)?;
            Some((format!("https://bsky.app/profile/{handle}/post/{rkey}"), handle))
        }
        _ => None,
    }
}

/// Record keys are TIDs: 13 base32-sortable characters (atproto record keys
/// allow a little more; this is the shape posts have).
fn is_rkey(s: &str) -> bool {
    (1..=512).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"._:~-".contains(&b))
}

fn profile_url(handle: &str) -> String {
    format!("https://bsky.app/profile/{handle}")
}

/// The page title without Bluesky's unread-count prefix ("(3) Alice …").
/// Unverified: the prefix's shape is not read in a reference; without it
/// the title is used as it is.
fn title_without_count(title: &str) -> &str {
    match title.strip_prefix('(').and_then(|rest| rest.split_once(") ")) {
        Some((count, rest)) if !count.is_empty() && count.bytes().all(|b| b.is_ascii_digit() || b == b'+') => rest,
        _ => title,
    }
}

impl Bluesky {
    /// Whose post this is, with its URL, or why it cannot be said. The author
    /// link and the permalink must agree: on a thread's own post, the first
    /// post link may belong to a quoted post, so there the page URL names
    /// the post instead.
    fn author(url: &PageUrl, post: Option<&PostFacts>) -> Result<(Target, String), &'static str> {
        let post = post.ok_or("the control is not inside a post")?;
        let author = post.author_href.as_deref().and_then(|h| profile_from_href(url, h));
        let linked =
            post.permalink.as_deref().and_then(|h| url.same_site_path(h)).and_then(|path| post_from_path(&path));
        let (post_url, handle) = match (author, linked) {
            (Some(author), Some((post_url, by))) if author == by => (post_url, author),
            (Some(author), linked) => match post_from_path(&url.path) {
                Some((post_url, by)) if by == author => (post_url, author),
                _ if linked.is_some() => return Err("the post's author link and permalink disagree"),
                _ => return Err("the post has no permalink"),
            },
            (None, _) => return Err("the post has no author link"),
        };
        let name = clean_name(post.author_name.as_deref());
        Ok((Target { profile_url: profile_url(&handle), handle, name }, post_url))
    }

    fn is_self(url: &PageUrl, self_href: Option<&str>, handle: &str) -> bool {
        self_href.and_then(|href| profile_from_href(url, href)).is_some_and(|me| me == handle)
    }

    fn reply(url: &PageUrl, facts: &ClickFacts) -> Reading {
        let (target, post_url) = match facts.reply_to.as_ref() {
            Some(post) => match Bluesky::author(url, Some(post)) {
                Ok(found) => found,
                Err(why) => return Reading::Miss(why),
            },
            // The thread page's own prompt replies to the page's post.
            None => match post_from_path(&url.path) {
                Some((post_url, handle)) => {
                    (Target { profile_url: profile_url(&handle), handle, name: None }, post_url)
                }
                None => return Reading::Miss("a post was published with no post to reply to"),
            },
        };
        let own = Bluesky::is_self(url, facts.self_href.as_deref(), &target.handle);
        Engagement::outbound(Site::Bluesky, Kind::Reply, target, Some(post_url)).concluded(
            own,
            "a reply to the user's own post",
            false,
        )
    }

    /// Whether a like button's label says liked, in a locale read.
    fn liked_by_label(state: &ControlState) -> Option<bool> {
        let label = state.label.as_deref()?.trim_start();
        LIKE_LABELS.iter().find(|(prefix, _)| label.starts_with(prefix)).map(|(_, liked)| *liked)
    }

    /// A like or unlike of the post the button sits in. The heart icon
    /// decides when it flipped (the label, if read, must agree). When it did
    /// not (the icon was redrawn, or the click came before the rules and no
    /// heart was probed), the label decides, in a locale read, unless the
    /// heart contradicts it.
    fn like(url: &PageUrl, facts: &ClickFacts) -> Reading {
        let (before, after) = (&facts.before, &facts.after);
        let label_after = Bluesky::liked_by_label(after);
        let liked = match (before.on, after.on) {
            (Some(b), Some(a)) if b != a => {
                if label_after.is_some_and(|label| label != a) {
                    return Reading::Miss("the like button's heart and label disagree");
                }
                a
            }
            _ => {
                let Some(liked) = label_after.filter(|a| Bluesky::liked_by_label(before).is_some_and(|b| b != *a))
                else {
                    return Reading::Miss("the like button did not change state in a way Kindling reads");
                };
                if after.on == Some(true) && (!liked || before.on == Some(true)) {
                    return Reading::Miss("the like button's heart and label disagree");
                }
                liked
            }
        };
        Bluesky::on_post(url, facts, Kind::Like, !liked)
    }

    /// A repost or its undo, chosen in the menu the post's repost button
    /// opened (`facts.post` is that post). The item's label at the click says
    /// which; it is only read in the locales listed in the module comment.
    fn repost(url: &PageUrl, facts: &ClickFacts) -> Reading {
        let label = facts.before.label.as_deref().map(str::trim);
        let Some((_, undo)) = REPOST_LABELS.iter().find(|(text, _)| Some(*text) == label) else {
            return Reading::Miss("the repost menu item's label is in a language Kindling does not read");
        };
        Bluesky::on_post(url, facts, Kind::Repost, *undo)
    }

    /// An engagement of `kind` with the post of `facts.post`, or its undo.
    fn on_post(url: &PageUrl, facts: &ClickFacts, kind: Kind, undo: bool) -> Reading {
        let (target, post_url) = match Bluesky::author(url, facts.post.as_ref()) {
            Ok(found) => found,
            Err(why) => return Reading::Miss(why),
        };
        let own = Bluesky::is_self(url, facts.self_href.as_deref(), &target.handle);
        Engagement::outbound(Site::Bluesky, kind, target, Some(post_url)).concluded(own, "the user's own post", undo)
    }

    fn follow(url: &PageUrl, facts: &ClickFacts) -> Reading {
        let following = |s: &ControlState| match s.testid.as_deref() {
            Some("followBtn") => Some(false),
            Some("unfollowBtn") => Some(true),
            _ => None,
        };
        match undo_of_flip(following(&facts.before), following(&facts.after)) {
            Some(undo) => profile_engagement(&Bluesky, url, facts, Kind::Follow, undo),
            None => Reading::Miss("the follow button did not change state"),
        }
    }
}

impl SiteAdapter for Bluesky {
    fn site(&self) -> Site {
        Site::Bluesky
    }

    fn hosts(&self) -> &'static [&'static str] {
        HOSTS
    }

    fn rules(&self) -> SiteRules {
        SiteRules {
            site: Site::Bluesky,
            post: POST,
            author: AUTHOR,
            permalink: PERMALINK,
            self_link: SELF_LINK,
            profile_name: PROFILE_NAME,
            text: POST_TEXT,
            post_attributes: &[],
            controls: vec![
                ControlRule { name: "follow", selector: FOLLOW, role: ControlRole::Toggle, on: None },
                ControlRule { name: "reply", selector: REPLY, role: ControlRole::OpenReply, on: None },
                ControlRule { name: "reply_prompt", selector: REPLY_PROMPT, role: ControlRole::OpenReply, on: None },
                ControlRule { name: "new_post", selector: NEW_POST, role: ControlRole::OpenReply, on: None },
                ControlRule { name: "publish", selector: PUBLISH, role: ControlRole::SubmitReply, on: None },
                ControlRule { name: "like", selector: LIKE, role: ControlRole::Toggle, on: Some(LIKED) },
                ControlRule { name: "repost_menu", selector: REPOST_MENU, role: ControlRole::OpenMenu, on: None },
                ControlRule { name: "repost", selector: REPOST, role: ControlRole::MenuItem, on: None },
            ],
        }
    }

    fn profile_handle(&self, url: &PageUrl) -> Option<String> {
        // `/profile/:name` only; `/profile/:name/post/:rkey`, `/feed/…`,
        // `/lists/…`, `/followers`, `/follows` are other screens, and `/`,
        // `/search`, `/settings/*`… are not under `/profile/` at all.
        // Source: bluesky-social/social-app src/routes.ts (706613b)
        match PageUrl::segments(&url.path).as_slice() {
            ["profile", name] => handle_of(name),
            _ => None,
        }
    }

    fn account_url(&self, handle: &str) -> Option<String> {
        Some(profile_url(handle))
    }

    fn profile(&self, url: &PageUrl, page: &PageFacts) -> Option<ProfileRef> {
        let handle = self.profile_handle(url)?;
        // The header arrives after the profile is fetched; until then the
        // page may still show the previous screen. The title
        // "Name (@handle) — Bluesky" (`combinedDisplayName`, `bskyTitle`)
        // also says the profile has loaded.
        let title = title_without_count(&page.title);
        let titled = title.to_ascii_lowercase().contains(&format!("(@{handle})"));
        if page.profile_name.is_none() && !titled {
            return None;
        }
        let name = clean_name(page.profile_name.as_deref())
            .or_else(|| title.split(" (@").next().and_then(|n| clean_name(Some(n))).filter(|_| titled));
        let is_self = Bluesky::is_self(url, page.self_href.as_deref(), &handle);
        Some(ProfileRef { site: Site::Bluesky, url: profile_url(&handle), handle, name, is_self })
    }

    fn engagement(&self, url: &PageUrl, facts: &ClickFacts) -> Reading {
        match facts.control.as_str() {
            "publish" => Bluesky::reply(url, facts),
            "follow" => Bluesky::follow(url, facts),
            "like" => Bluesky::like(url, facts),
            "repost" => Bluesky::repost(url, facts),
            _ => Reading::Miss("not a control the Bluesky adapter knows"),
        }
    }

    fn inbound_rules(&self, url: &PageUrl) -> Option<InboundRules> {
        (url.path.trim_end_matches('/') == "/notifications").then_some(InboundRules {
            icon: NOTIFICATION_ICON,
            ..InboundRules::list(POST, NOTIFICATION_ACTOR, PERMALINK)
        })
    }

    fn inbound(
        &self,
        url: &PageUrl,
        self_href: Option<&str>,
        item: &InboundItem,
    ) -> Result<Vec<Engagement>, &'static str> {
        notification(url, self_href, item)
    }
}

/// In a notification: the links to the people it names (the avatars, then
/// the first person's name), not the links to posts or feeds.
/// Source: bluesky-social/social-app src/view/com/notifications/NotificationFeedItem.tsx (0ac1592)
const NOTIFICATION_ACTOR: &str = r#"a[href^="/profile/"]:not([href*="/post/"]):not([href*="/feed/"])"#;

/// The kind icon of a like, repost or follow notification: the first `svg`
/// in the item (`NotificationFeedItem` draws it in the row's first column,
/// before the avatars; react-native-svg renders `svg > path[d]`).
/// Source: bluesky-social/social-app src/view/com/notifications/NotificationFeedItem.tsx (0211442)
const NOTIFICATION_ICON: &str = "svg";
/// How the icon's drawing starts: the filled heart
/// (`Heart2_Filled_Stroke2_Corner0_Rounded`, likes of a post or of a repost).
/// Source: bluesky-social/social-app src/components/icons/Heart2.tsx (04b425f)
const HEART_ICON: &str = "M12.489 21.372";
/// The repost arrows: `Repost_Stroke2_Corner2_Rounded` (0211442's
/// notification item) and `Repost_Stroke2_Corner3_Rounded` (later versions'
/// imports of the same item).
/// Source: bluesky-social/social-app src/components/icons/Repost.tsx (0a1c248)
/// Source: bluesky-social/social-app src/view/com/notifications/NotificationFeedItem.tsx (0211442)
const REPOST_ICONS: &[&str] = &["M17.957 2.293", "M16.793 2.293"];
/// English labels, read only when the icon does not tell (newer builds draw
/// some icons as font glyphs with no `path`, `src/components/icons/nano.tsx`),
/// and to leave verifications aside.
/// Source: bluesky-social/social-app src/view/com/notifications/NotificationFeedItem.tsx (0211442)
const LIKED_LABELS: &[&str] = &[" liked your post", " liked your repost"];
/// Source: bluesky-social/social-app src/view/com/notifications/NotificationFeedItem.tsx (0211442)
const REPOSTED_LABELS: &[&str] = &[" reposted your post", " reposted your repost"];
/// Source: bluesky-social/social-app src/view/com/notifications/NotificationFeedItem.tsx (0211442)
const VERIFIED_LABELS: &[&str] = &[" verified you", " removed their verification"];

/// `src/view/com/notifications/NotificationFeedItem.tsx`: a like, repost or
/// follow is one link, `data-testid="feedItem-by-<first author>"`. Its kind
/// is read from structure, in any language: where the link goes (a post of
/// the user's: a like or repost; the person's profile: a follow; a feed,
/// starter pack or the activity page: nothing between two people) and which
/// icon it draws first (the filled heart or the repost arrows). Where no
/// icon drawing is there (glyph icons), the English label tells a like from
/// a repost; in other languages that is a miss. Replies, mentions and quotes
/// are the other person's post inside a `div` with the same testid:
/// recorded as mentions.
/// Source: bluesky-social/social-app src/view/com/notifications/NotificationFeedItem.tsx (0211442)
fn notification(url: &PageUrl, self_href: Option<&str>, item: &InboundItem) -> Result<Vec<Engagement>, &'static str> {
    let first = item
        .marker
        .split_whitespace()
        .find_map(|mark| mark.strip_prefix("feedItem-by-"))
        .and_then(handle_of)
        .ok_or("a notification without its author's testid")?;
    let (kind, post_url) = match item.href.as_deref() {
        // The other person's post: a reply, mention or quote.
        None => {
            let linked =
                item.permalink.as_deref().and_then(|h| url.same_site_path(h)).and_then(|path| post_from_path(&path));
            match linked {
                Some((post_url, by)) if by == first => (Kind::Mention, Some(post_url)),
                Some(_) => return Err("the notification's post is not by its author"),
                None => return Err("the notification's post has no link"),
            }
        }
        Some(href) => match linked(url, href, item, &first)? {
            Some(found) => found,
            // Nothing between two people.
            None => return Ok(Vec::new()),
        },
    };
    let me = self_href.and_then(|href| profile_from_href(url, href));
    let mut found: Vec<Engagement> = Vec::new();
    let named = item.actors.iter().filter_map(|a| {
        let handle = a.href.as_deref().and_then(|h| profile_from_href(url, h))?;
        Some((handle, clean_name(a.name.as_deref())))
    });
    // The testid's author first, even if the avatars did not render.
    for (handle, name) in std::iter::once((first.clone(), None)).chain(named) {
        if me.as_deref() == Some(handle.as_str()) {
            continue;
        }
        if let Some(seen) = found.iter_mut().find(|e| e.target.handle == handle) {
            if seen.target.name.is_none() {
                seen.target.name = name;
            }
            continue;
        }
        found.push(Engagement {
            site: Site::Bluesky,
            kind,
            direction: Direction::Inbound,
            target: Target { profile_url: profile_url(&handle), handle, name },
            post_url: post_url.clone(),
        });
    }
    // In a reply or mention only its author acted; links in its text do not.
    if kind == Kind::Mention {
        found.retain(|e| e.target.handle == first);
    }
    Ok(found)
}

/// What a notification that links somewhere is (`href`): a like or repost
/// of the user's post, or a follow of `first`. `None` for what is nothing
/// between two people (a verification, a custom feed liked, a starter pack
/// joined, new posts of someone followed).
fn linked(
    url: &PageUrl,
    href: &str,
    item: &InboundItem,
    first: &str,
) -> Result<Option<(Kind, Option<String>)>, &'static str> {
    // The phrase ends the label, before its time (" · now"): the
    // actor's display name comes first and may say anything
    // ("Eve followed you", issue 21).
    let label = item.label.as_deref().unwrap_or_default();
    let phrase = label.rsplit_once(" · ").map_or(label, |(head, _)| head).trim_end();
    let says = |words: &[&str]| words.iter().any(|w| phrase.ends_with(w));
    let icon = item.icon.as_deref().unwrap_or_default();
    let target = url.same_site_path(href).ok_or("the notification links elsewhere")?;
    if let Some((post_url, _)) = post_from_path(&target) {
        // A like or repost of the user's post (or of their repost).
        let kind = if icon.starts_with(HEART_ICON) {
            Kind::Like
        } else if REPOST_ICONS.iter().any(|p| icon.starts_with(p)) {
            Kind::Repost
        } else if !icon.is_empty() {
            return Err("a notification about a post with an icon Kindling does not know");
        } else if says(LIKED_LABELS) {
            Kind::Like
        } else if says(REPOSTED_LABELS) {
            Kind::Repost
        } else {
            return Err("a like or repost notification with no icon drawing, in a language not read");
        };
        Ok(Some((kind, Some(post_url))))
    } else if let Some(handle) = profile_from_href(url, &target) {
        // The follower's profile (a verification links there too).
        if says(VERIFIED_LABELS) {
            return Ok(None);
        }
        let liked_or_reposted = icon.starts_with(HEART_ICON) || REPOST_ICONS.iter().any(|p| icon.starts_with(p));
        if liked_or_reposted || says(LIKED_LABELS) || says(REPOSTED_LABELS) {
            return Err("a like or repost notification that links a profile, not a post");
        }
        if handle != first {
            return Err("a follow notification whose link is not its author's");
        }
        Ok(Some((Kind::Follow, None)))
    } else {
        // A custom feed liked, a starter pack joined, new posts of
        // someone followed: nothing between two people.
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(
        testid: &str,
        href: Option<&str>,
        label: &str,
        actors: &[(&str, &str)],
        permalink: Option<&str>,
    ) -> InboundItem {
        InboundItem {
            marker: format!("feedItem-by-{testid}"),
            label: (!label.is_empty()).then(|| label.into()),
            href: href.map(Into::into),
            actors: actors
                .iter()
                .map(|(h, n)| super::super::ActorFacts {
                    href: Some((*h).into()),
                    name: (!n.is_empty()).then(|| (*n).into()),
                    label: None,
                })
                .collect(),
            permalink: permalink.map(Into::into),
            ..InboundItem::default()
        }
    }

    #[test]
    fn notifications_name_who_liked_reposted_followed_or_wrote() {
        let page = PageUrl { host: "bsky.app".into(), path: "/notifications".into(), query: String::new() };
        assert!(Bluesky.inbound_rules(&page).is_some());
        assert!(Bluesky
            .inbound_rules(&PageUrl {
                host: "bsky.app".into(),
                path: "/notifications/activity".into(),
                query: String::new()
            })
            .is_none());
        let me = Some("/profile/kim.bsky.social");
        let mine = "/profile/did:plc:kimkimkimkimkimkimkimkim/post/3lmine000004a";
        let liked = notice(
            "alice.bsky.social",
            Some(mine),
            "Alice Example and 1 other liked your post · Nov 24, 2026 at 9:00 AM",
            &[
                ("/profile/alice.bsky.social", ""),
                ("/profile/bob.bsky.social", ""),
                ("/profile/alice.bsky.social", "Alice Example"),
            ],
            None,
        );
        let found = Bluesky.inbound(&page, me, &liked).unwrap_or_default();
        let seen: Vec<(Kind, &str, Option<&str>, Option<&str>)> = found
            .iter()
            .map(|e| (e.kind, e.target.handle.as_str(), e.target.name.as_deref(), e.post_url.as_deref()))
            .collect();
        let post = Some("https://bsky.app/profile/did:plc:kimkimkimkimkimkimkimkim/post/3lmine000004a");
        assert_eq!(
            seen,
            [
                (Kind::Like, "alice.bsky.social", Some("Alice Example"), post),
                (Kind::Like, "bob.bsky.social", None, post)
            ]
        );
        let cases = [
            (notice("carol.bsky.social", Some(mine), "Carol Chen reposted your post · now", &[], None), Kind::Repost),
            (
                notice(
                    "dave.bsky.social",
                    Some("/profile/dave.bsky.social"),
                    "Dave Okafor followed you back · now",
                    &[],
                    None,
                ),
                Kind::Follow,
            ),
            (
                notice(
                    "erin.bsky.social",
                    None,
                    "",
                    &[("/profile/erin.bsky.social", "Erin Walsh"), ("/profile/kim.bsky.social", "@kim.bsky.social")],
                    Some("/profile/erin.bsky.social/post/3lerinreply1a"),
                ),
                Kind::Mention,
            ),
        ];
        for (item, kind) in cases {
            let found = Bluesky.inbound(&page, me, &item).unwrap_or_default();
            assert_eq!(
                found.iter().map(|e| (e.kind, e.direction)).collect::<Vec<_>>(),
                [(kind, Direction::Inbound)],
                "{item:?}"
            );
        }
    }

    #[test]
    fn notifications_not_understood_are_misses_and_others_are_ignored() {
        let page = PageUrl { host: "bsky.app".into(), path: "/notifications".into(), query: String::new() };
        let mine = "/profile/did:plc:kimkimkimkimkimkimkimkim/post/3lmine000004a";
        let ignored = notice(
            "erin.bsky.social",
            Some("/profile/did:plc:erin/feed/aaa"),
            "Erin liked your custom feed",
            &[],
            None,
        );
        assert_eq!(Bluesky.inbound(&page, None, &ignored), Ok(Vec::new()));
        let misses = [
            notice(
                "alice.bsky.social",
                Some(mine),
                "Alice Example hat deinen Beitrag mit „Gefällt mir“ markiert",
                &[],
                None,
            ),
            notice("alice.bsky.social", Some("/profile/alice.bsky.social"), "Alice Example liked your post", &[], None),
            InboundItem { marker: "something-else".into(), ..InboundItem::default() },
            // A post whose link is to someone else's post (a quoted one).
            notice("erin.bsky.social", None, "", &[], Some("/profile/zed.bsky.social/post/3lzed00000001")),
        ];
        for item in misses {
            assert!(Bluesky.inbound(&page, None, &item).is_err(), "{item:?}");
        }
    }

    /// Likes, reposts and follows are told apart by the icon's drawing and
    /// the link's target, whatever the label's language; the label only
    /// helps where no drawing is there (glyph icons), in English.
    /// The kinds read from one item, and whether each has a post; `Err` for a miss.
    type Read = Result<Vec<(Kind, bool)>, ()>;

    #[test]
    fn like_repost_and_follow_notifications_are_read_from_icon_and_link_in_any_language() {
        let page = PageUrl { host: "bsky.app".into(), path: "/notifications".into(), query: String::new() };
        let me = Some("/profile/kim.bsky.social");
        let mine = "/profile/kim.bsky.social/post/3lmine000004a";
        let heart = "M12.489 21.372c8.528-4.78 10.626-10.47 9.022-14.47";
        let arrows = "M17.957 2.293a1 1 0 1 0-1.414 1.414L17.836 5H6";
        let arrows3 = "M16.793 2.293a1 1 0 0 1 1.414 0L20.5 4.586";
        let person = "M14 4a3 3 0 1 0 0 6 3 3 0 0 0 0-6Z";
        let with_icon = |href: &str, label: &str, icon: Option<&str>| InboundItem {
            icon: icon.map(Into::into),
            ..notice("alice.bsky.social", Some(href), label, &[("/profile/alice.bsky.social", "Alice")], None)
        };
        let kind_of = |item: &InboundItem| {
            Bluesky.inbound(&page, me, item).map(|found| found.iter().map(|e| (e.kind, e.post_url.is_some())).collect())
        };
        let profile = "/profile/alice.bsky.social";
        let cases: [(&str, InboundItem, Read); 13] = [
            // Display names that say what a notification says: only the
            // label's end counts.
            (
                "named 'Eve liked your post', reposting",
                with_icon(mine, "Eve liked your post reposted your post · now", None),
                Ok(vec![(Kind::Repost, true)]),
            ),
            (
                "named 'Eve liked your post', following",
                with_icon(profile, "Eve liked your post followed you · now", Some(person)),
                Ok(vec![(Kind::Follow, false)]),
            ),
            (
                "named 'Eve verified you', following",
                with_icon(profile, "Eve verified you followed you · now", Some(person)),
                Ok(vec![(Kind::Follow, false)]),
            ),
            (
                "German like",
                with_icon(mine, "Alice gefällt dein Beitrag · 1. Dez.", Some(heart)),
                Ok(vec![(Kind::Like, true)]),
            ),
            (
                "German repost",
                with_icon(mine, "Alice hat deinen Beitrag repostet", Some(arrows)),
                Ok(vec![(Kind::Repost, true)]),
            ),
            ("repost, later arrows", with_icon(mine, "", Some(arrows3)), Ok(vec![(Kind::Repost, true)])),
            (
                "German follow",
                with_icon("/profile/alice.bsky.social", "Alice folgt dir jetzt", Some(person)),
                Ok(vec![(Kind::Follow, false)]),
            ),
            (
                "Japanese like",
                with_icon(mine, "Aliceがあなたの投稿をいいねしました", Some(heart)),
                Ok(vec![(Kind::Like, true)]),
            ),
            ("glyph icon, English", with_icon(mine, "Alice liked your post · now", None), Ok(vec![(Kind::Like, true)])),
            ("glyph icon, German", with_icon(mine, "Alice gefällt dein Beitrag", None), Err(())),
            ("an unknown icon on a post", with_icon(mine, "Alice liked your post", Some(person)), Err(())),
            ("a heart linking a profile", with_icon("/profile/alice.bsky.social", "", Some(heart)), Err(())),
            ("a follow linking someone else", with_icon("/profile/bob.bsky.social", "", Some(person)), Err(())),
        ];
        for (why, item, want) in cases {
            assert_eq!(kind_of(&item).map_err(|_| ()), want, "{why}");
        }
        let verified = with_icon("/profile/alice.bsky.social", "Alice verified you · now", Some(person));
        assert_eq!(Bluesky.inbound(&page, me, &verified), Ok(Vec::new()));
        let activity = with_icon("/notifications/activity?posts=at%3A%2F%2Fx", "", None);
        assert_eq!(Bluesky.inbound(&page, me, &activity), Ok(Vec::new()));
        let rules = Bluesky.inbound_rules(&page).map(|r| r.icon);
        assert_eq!(rules, Some(NOTIFICATION_ICON));
    }

    // Unverified: made-up test data, in the post URL shape of `post_from_path`.
    const ALICE_POST: &str = "/profile/alice.bsky.social/post/3kq2abcdefg2x";

    /// What a reply should be recorded as: handle, name, post URL; `None` for a miss.
    type Expected = Option<(&'static str, Option<&'static str>, &'static str)>;

    fn at(path: &str) -> PageUrl {
        PageUrl { host: "bsky.app".into(), path: path.into(), query: String::new() }
    }

    fn post(author: &str, name: &str, permalink: &str) -> PostFacts {
        PostFacts {
            author_href: Some(author.into()),
            author_name: Some(name.into()),
            permalink: Some(permalink.into()),
            ..PostFacts::default()
        }
    }

    fn publish(reply_to: Option<PostFacts>) -> ClickFacts {
        ClickFacts {
            control: "publish".into(),
            reply_to,
            self_href: Some("/profile/kindling.bsky.social".into()),
            ..ClickFacts::default()
        }
    }

    fn follow(before: &str, after: &str) -> ClickFacts {
        let state =
            |t: &str| ControlState { testid: Some(t.into()), pressed: Some("false".into()), ..ControlState::default() };
        ClickFacts {
            control: "follow".into(),
            before: state(before),
            after: state(after),
            profile_name: Some("Bob Builder".into()),
            self_href: Some("/profile/kindling.bsky.social".into()),
            ..ClickFacts::default()
        }
    }

    #[test]
    fn replies_go_to_the_author_of_the_post_replied_to() {
        let cases: &[(&str, &str, PostFacts, Expected)] = &[
            (
                "a feed post",
                "/",
                post("/profile/Alice.bsky.social", "Alice Example", ALICE_POST),
                Some((
                    "alice.bsky.social",
                    Some("Alice Example"),
                    "https://bsky.app/profile/alice.bsky.social/post/3kq2abcdefg2x",
                )),
            ),
            (
                "a reposted post: its original author, whose meta comes after the reposter's link",
                "/",
                post("/profile/carol.bsky.social", "Carol", "/profile/carol.bsky.social/post/3kq2carol0002"),
                Some((
                    "carol.bsky.social",
                    Some("Carol"),
                    "https://bsky.app/profile/carol.bsky.social/post/3kq2carol0002",
                )),
            ),
            (
                "an author without a valid handle is linked by DID",
                "/notifications",
                post(
                    "/profile/did:plc:abcdefghijklmnopqrstuvwx",
                    "D",
                    "/profile/did:plc:abcdefghijklmnopqrstuvwx/post/3k",
                ),
                Some((
                    "did:plc:abcdefghijklmnopqrstuvwx",
                    Some("D"),
                    "https://bsky.app/profile/did:plc:abcdefghijklmnopqrstuvwx/post/3k",
                )),
            ),
            (
                "a thread's own post: its first post link is the quoted post's, the URL names it",
                "/profile/dave.bsky.social/post/3kq2dave00003",
                post("/profile/dave.bsky.social", "Dave", "/profile/erin.bsky.social/post/3kq2erin00005"),
                Some((
                    "dave.bsky.social",
                    Some("Dave"),
                    "https://bsky.app/profile/dave.bsky.social/post/3kq2dave00003",
                )),
            ),
            (
                "author and permalink disagree off a thread page",
                "/",
                post("/profile/bob.bsky.social", "Bob", ALICE_POST),
                None,
            ),
            ("no author link", "/", PostFacts { author_href: None, ..post("", "", ALICE_POST) }, None),
            ("author link is not a profile", "/", post("/search", "Search", ALICE_POST), None),
            (
                "author link elsewhere",
                "/",
                post("https://evil.example/profile/alice.bsky.social", "A", ALICE_POST),
                None,
            ),
            ("handle is not a hostname", "/", post("/profile/alice", "A", "/profile/alice/post/3k"), None),
        ];
        for (why, page, reply_to, want) in cases {
            let got = Bluesky.engagement(&at(page), &publish(Some(reply_to.clone())));
            match (got, want) {
                (Reading::Record(e), Some((handle, name, post_url))) => {
                    assert_eq!((e.kind, e.direction), (Kind::Reply, Direction::Outbound), "{why}");
                    assert_eq!(e.target.handle, *handle, "{why}");
                    assert_eq!(e.target.name.as_deref(), *name, "{why}");
                    assert_eq!(e.target.profile_url, format!("https://bsky.app/profile/{handle}"), "{why}");
                    assert_eq!(e.post_url.as_deref(), Some(*post_url), "{why}");
                }
                (Reading::Miss(_), None) => {}
                (other, _) => panic!("{why}: got {other:?}"),
            }
        }
    }

    #[test]
    fn a_reply_from_a_thread_pages_prompt_goes_to_the_pages_post() {
        let e = match Bluesky.engagement(&at("/profile/Dave.bsky.social/post/3kq2dave00003"), &publish(None)) {
            Reading::Record(e) => e,
            other => panic!("{other:?}"),
        };
        assert_eq!((e.kind, e.target.handle.as_str()), (Kind::Reply, "dave.bsky.social"));
        assert!(matches!(Bluesky.engagement(&at("/"), &publish(None)), Reading::Miss(_)), "a new post");
    }

    #[test]
    fn openers_outside_posts_make_the_content_script_forget_an_earlier_reply() {
        // The content script sends `reply_to: None` after an opener outside
        // any post; these are the openers, and what such a send comes to.
        let rules = Bluesky.rules();
        let openers: Vec<_> =
            rules.controls.iter().filter(|c| c.role == ControlRole::OpenReply).map(|c| (c.name, c.selector)).collect();
        assert_eq!(
            openers.iter().map(|o| o.0).collect::<Vec<_>>(),
            ["reply", "reply_prompt", "new_post"],
            "the post's reply button, the thread's prompt, the new-post button"
        );
        let prompt = openers[1].1;
        assert!(!prompt.contains("replyPromptBtn"), "the prompt has no testid any more (ThreadComposePrompt.tsx)");
        // Language-neutral: the avatar it holds; never inside a post, the
        // left nav (the account button holds the avatar too) or a dialog
        // (the composer holds the replied-to author's avatar).
        for part in [
            r#"[role="button"]"#,
            r#"[data-testid="userAvatarImage"]"#,
            r#"[data-testid="userAvatarFallback"]"#,
            r#"[data-testid^="feedItem-by-"] *"#,
            r#"[data-testid^="postThreadItem-by-"] *"#,
            r#"[data-testid^="feedItem-by-"],"#,
            r#"[role="navigation"] *"#,
            r#"[role="dialog"] *"#,
            r#"[data-testid="composePostView"] *"#,
        ] {
            assert!(prompt.contains(part), "{part}");
        }
        let cases = [
            // Reply on A, composer closed, the thread prompt on B: B's author.
            ("/profile/bob.bsky.social/post/3kq2bob000001", Some("bob.bsky.social")),
            ("/profile/Dave.bsky.social/post/3kq2dave00003", Some("dave.bsky.social")),
            // Reply on A, composer closed, a new post from the FAB: no one.
            ("/", None),
            ("/profile/alice.bsky.social", None),
            ("/notifications", None),
        ];
        for (page, want) in cases {
            let got = match Bluesky.engagement(&at(page), &publish(None)) {
                Reading::Record(e) if e.kind == Kind::Reply => Some(e.target.handle),
                Reading::Miss(_) => None,
                other => panic!("{page}: {other:?}"),
            };
            assert_eq!(got.as_deref(), want, "{page}");
        }
    }

    /// Every `&str` or `&[&str]` const of this file names its source, or says
    /// it is unverified (docs/sites/bluesky.md lists them).
    #[test]
    fn every_selector_and_label_cites_its_source() {
        let file = include_str!("bluesky.rs");
        let lines: Vec<&str> = file.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let line = line.trim_start();
            let is_const = line.starts_with("const ") || line.starts_with("pub const ");
            if !is_const || !(line.contains(": &str") || line.contains(": &[&str]") || line.contains(": &[(&str")) {
                continue;
            }
            let comments = lines[..i].iter().rev().take_while(|l| l.trim_start().starts_with("//"));
            let cited = comments.map(|l| l.trim_start().trim_start_matches('/').trim_start()).any(|l| {
                l.starts_with("Source: bluesky-social/social-app ") && l.ends_with(')') || l.starts_with("Unverified:")
            });
            assert!(cited, "line {}: {line}", i + 1);
        }
    }

    #[test]
    fn the_users_own_posts_are_ignored() {
        let mine = post("/profile/kindling.bsky.social", "Me", "/profile/kindling.bsky.social/post/3kq2mine00004");
        assert!(matches!(Bluesky.engagement(&at("/"), &publish(Some(mine))), Reading::Ignore(_)));
    }

    fn liked(on: Option<bool>, label: &str) -> ControlState {
        ControlState {
            testid: Some("likeBtn".into()),
            pressed: Some("false".into()),
            label: Some(label.into()),
            on,
            ..ControlState::default()
        }
    }

    fn like(before: ControlState, after: ControlState, post: Option<PostFacts>) -> ClickFacts {
        ClickFacts {
            control: "like".into(),
            before,
            after,
            post,
            self_href: Some("/profile/kindling.bsky.social".into()),
            ..ClickFacts::default()
        }
    }

    fn alice() -> Option<PostFacts> {
        Some(post("/profile/alice.bsky.social", "Alice Example", ALICE_POST))
    }

    /// What a click came to: "record", "withdraw", "ignore" or "miss", with
    /// the kind, handle and post URL of what was recorded or withdrawn.
    type Seen = (&'static str, Option<(Kind, String, Option<String>)>);

    fn outcome(url: &PageUrl, facts: &ClickFacts) -> Seen {
        match Bluesky.engagement(url, facts) {
            Reading::Record(e) => ("record", Some((e.kind, e.target.handle, e.post_url))),
            Reading::Withdraw(e) => ("withdraw", Some((e.kind, e.target.handle, e.post_url))),
            Reading::Ignore(_) => ("ignore", None),
            Reading::Miss(_) => ("miss", None),
        }
    }

    #[test]
    fn likes_are_read_from_the_heart_in_any_language_and_checked_against_known_labels() {
        let alice_like = Some((
            Kind::Like,
            "alice.bsky.social".to_owned(),
            Some("https://bsky.app/profile/alice.bsky.social/post/3kq2abcdefg2x".to_owned()),
        ));
        let cases = [
            ("English", liked(Some(false), "Like (3 likes)"), liked(Some(true), "Unlike (4 likes)"), "record"),
            (
                "English, taken back",
                liked(Some(true), "Unlike (4 likes)"),
                liked(Some(false), "Like (3 likes)"),
                "withdraw",
            ),
            (
                "German",
                liked(Some(false), "Gefällt mir (1 Gefällt mir)"),
                liked(Some(true), "Gefällt mir nicht mehr (2 Gefällt mir)"),
                "record",
            ),
            (
                "German, taken back",
                liked(Some(true), "Gefällt mir nicht mehr (2 Gefällt mir)"),
                liked(Some(false), "Gefällt mir (1 Gefällt mir)"),
                "withdraw",
            ),
            (
                "a language not read: the heart alone",
                liked(Some(false), "いいね (3)"),
                liked(Some(true), "いいねを取り消す (4)"),
                "record",
            ),
            ("no label at all", liked(Some(false), ""), liked(Some(true), ""), "record"),
            (
                "the heart redrawn: the English label alone",
                liked(Some(false), "Like (3 likes)"),
                liked(Some(false), "Unlike (4 likes)"),
                "record",
            ),
            (
                "clicked before the rules came: no probe, the label",
                liked(None, "Like (3 likes)"),
                liked(Some(true), "Unlike (4 likes)"),
                "record",
            ),
        ];
        for (why, before, after, want) in cases {
            let (got, e) = outcome(&at("/"), &like(before, after, alice()));
            assert_eq!((got, e), (want, alice_like.clone()), "{why}");
        }
    }

    #[test]
    fn likes_that_cannot_be_read_or_disagree_are_misses() {
        let cases = [
            ("no change", liked(Some(false), "Like (3 likes)"), liked(Some(false), "Like (3 likes)")),
            ("only the count changed", liked(Some(true), "Unlike (4 likes)"), liked(Some(true), "Unlike (5 likes)")),
            ("heart and label disagree", liked(Some(false), "Like (3 likes)"), liked(Some(true), "Like (3 likes)")),
            (
                "heart stays filled while the label flips",
                liked(Some(true), "Unlike (4 likes)"),
                liked(Some(true), "Like (3 likes)"),
            ),
            (
                "the heart redrawn, a language not read",
                liked(Some(false), "いいね (3)"),
                liked(Some(false), "いいねを取り消す (4)"),
            ),
        ];
        for (why, before, after) in cases {
            assert_eq!(outcome(&at("/"), &like(before, after, alice())).0, "miss", "{why}");
        }
        let flip = || (liked(Some(false), "Like (3 likes)"), liked(Some(true), "Unlike (4 likes)"));
        let (b, a) = flip();
        assert_eq!(outcome(&at("/"), &like(b, a, None)).0, "miss", "not in a post");
        let (b, a) = flip();
        let no_permalink = PostFacts { permalink: None, ..post("/profile/alice.bsky.social", "A", "") };
        assert_eq!(outcome(&at("/"), &like(b, a, Some(no_permalink))).0, "miss", "no permalink off a thread page");
    }

    #[test]
    fn a_like_goes_to_the_original_poster_or_the_threads_post_and_never_the_user() {
        let flip = || (liked(Some(false), "Like (3 likes)"), liked(Some(true), "Unlike (4 likes)"));
        // A repost's card: the author link is the original poster's (the
        // reposter's reason link has no handle sibling, see AUTHOR).
        let (b, a) = flip();
        let carol = post("/profile/carol.bsky.social", "Carol", "/profile/carol.bsky.social/post/3kq2carol0002");
        assert_eq!(outcome(&at("/"), &like(b, a, Some(carol))).1.map(|e| e.1).as_deref(), Some("carol.bsky.social"));
        // A thread's own post: its first post link is the quoted post's.
        let (b, a) = flip();
        let dave = post("/profile/dave.bsky.social", "Dave", "/profile/erin.bsky.social/post/3kq2erin00005");
        let got = outcome(&at("/profile/dave.bsky.social/post/3kq2dave00003"), &like(b, a, Some(dave)));
        assert_eq!(
            got,
            (
                "record",
                Some((
                    Kind::Like,
                    "dave.bsky.social".to_owned(),
                    Some("https://bsky.app/profile/dave.bsky.social/post/3kq2dave00003".to_owned())
                ))
            )
        );
        let (b, a) = flip();
        let mine = post("/profile/kindling.bsky.social", "Me", "/profile/kindling.bsky.social/post/3kq2mine00004");
        assert_eq!(outcome(&at("/"), &like(b, a, Some(mine))).0, "ignore");
    }

    fn repost(label: Option<&str>, post: Option<PostFacts>) -> ClickFacts {
        ClickFacts {
            control: "repost".into(),
            before: ControlState {
                testid: Some("repostDropdownRepostBtn".into()),
                label: label.map(Into::into),
                ..ControlState::default()
            },
            post,
            self_href: Some("/profile/kindling.bsky.social".into()),
            ..ClickFacts::default()
        }
    }

    #[test]
    fn reposts_chosen_in_the_menu_are_read_from_the_items_label_in_known_locales() {
        let alice_repost = Some((
            Kind::Repost,
            "alice.bsky.social".to_owned(),
            Some("https://bsky.app/profile/alice.bsky.social/post/3kq2abcdefg2x".to_owned()),
        ));
        for (label, want) in [
            ("Repost", "record"),
            ("Undo repost", "withdraw"),
            ("Reposten", "record"),
            (" Repost rückgängig machen ", "withdraw"),
        ] {
            assert_eq!(outcome(&at("/"), &repost(Some(label), alice())), (want, alice_repost.clone()), "{label}");
        }
        for (why, facts) in [
            ("a language not read", repost(Some("リポスト"), alice())),
            ("no label", repost(None, alice())),
            ("a label that only starts like one", repost(Some("Repost or quote post"), alice())),
            ("the menu opened on no post", repost(Some("Repost"), None)),
        ] {
            assert_eq!(outcome(&at("/"), &facts).0, "miss", "{why}");
        }
        let mine = post("/profile/kindling.bsky.social", "Me", "/profile/kindling.bsky.social/post/3kq2mine00004");
        assert_eq!(outcome(&at("/"), &repost(Some("Repost"), Some(mine))).0, "ignore");
    }

    #[test]
    fn the_rules_read_likes_with_the_heart_probe_and_reposts_through_the_menu() {
        let rules = Bluesky.rules();
        let controls: Vec<_> = rules.controls.iter().map(|c| (c.name, c.role, c.on)).collect();
        assert!(controls.contains(&("like", ControlRole::Toggle, Some(LIKED))));
        assert!(controls.contains(&("repost_menu", ControlRole::OpenMenu, None)));
        assert!(controls.contains(&("repost", ControlRole::MenuItem, None)));
        let unknown = ClickFacts { control: "bookmark".into(), post: alice(), ..ClickFacts::default() };
        assert!(matches!(Bluesky.engagement(&at("/"), &unknown), Reading::Miss(_)));
    }

    #[test]
    fn follow_and_unfollow_on_a_profile_page() {
        let bob = at("/profile/bob.bsky.social");
        let cases = [
            ("follow", follow("followBtn", "unfollowBtn"), "record"),
            ("unfollow", follow("unfollowBtn", "followBtn"), "withdraw"),
            ("no change", follow("followBtn", "followBtn"), "miss"),
            ("unknown testid", follow("followBtn", "subscribeBtn"), "miss"),
        ];
        for (why, facts, want) in cases {
            let got = match Bluesky.engagement(&bob, &facts) {
                Reading::Record(e) if e.kind == Kind::Follow && e.target.handle == "bob.bsky.social" => "record",
                Reading::Withdraw(e) if e.kind == Kind::Follow => "withdraw",
                Reading::Miss(_) => "miss",
                other => panic!("{why}: {other:?}"),
            };
            assert_eq!(got, want, "{why}");
        }
        let on_a_thread = Bluesky.engagement(&at(ALICE_POST), &follow("followBtn", "unfollowBtn"));
        assert!(matches!(on_a_thread, Reading::Miss(_)));
        let own = Bluesky.engagement(&at("/profile/kindling.bsky.social"), &follow("followBtn", "unfollowBtn"));
        assert!(matches!(own, Reading::Ignore(_)));
    }

    #[test]
    fn profile_pages_are_recognised_only_at_their_own_route_once_loaded() {
        let page = |title: &str, name: Option<&str>| PageFacts {
            title: title.into(),
            profile_name: name.map(Into::into),
            self_href: Some("/profile/kindling.bsky.social".into()),
        };
        let profile =
            |path: &str, facts: PageFacts| Bluesky.profile(&at(path), &facts).map(|p| (p.handle, p.name, p.is_self));
        let alice = || Some(("alice.bsky.social".to_owned(), Some("Alice Example".to_owned()), false));
        assert_eq!(profile("/profile/Alice.bsky.social", page("", Some("Alice Example"))), alice());
        assert_eq!(
            profile("/profile/alice.bsky.social/", page("Alice Example (@alice.bsky.social) — Bluesky", None)),
            alice()
        );
        assert_eq!(
            profile("/profile/alice.bsky.social", page("(3) Alice Example (@alice.bsky.social) — Bluesky", None)),
            alice()
        );
        assert_eq!(profile("/profile/alice.bsky.social", page("Bluesky", None)), None, "header not rendered yet");
        let did = profile("/profile/did:plc:abcdefghijklmnopqrstuvwx", page("", Some("Dee")));
        assert_eq!(did.map(|p| p.0).as_deref(), Some("did:plc:abcdefghijklmnopqrstuvwx"));
        for path in [
            "/",
            "/search",
            "/feeds",
            "/notifications",
            "/settings/account",
            "/lists",
            "/moderation/muted-accounts",
            "/hashtag/rust",
            "/messages",
            "/profile/alice.bsky.social/post/3kq2abcdefg2x",
            "/profile/alice.bsky.social/feed/aaa",
            "/profile/alice.bsky.social/lists/3kq",
            "/profile/alice.bsky.social/followers",
            "/profile/alice.bsky.social/follows",
            "/profile/alice",
        ] {
            assert_eq!(
                profile(path, page("Alice Example (@alice.bsky.social) — Bluesky", Some("Alice"))),
                None,
                "{path}"
            );
        }
        let me = profile("/profile/kindling.bsky.social", page("", Some("Kim")));
        assert_eq!(me.map(|p| p.2), Some(true));
    }
}
