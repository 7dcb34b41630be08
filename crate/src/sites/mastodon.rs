//! Mastodon, on the default instances Kindling ships with. Every selector and
//! URL rule below cites the file of the web app (mastodon/mastodon,
//! `app/javascript/mastodon/`) and the stored version it was read in; the
//! references, what each backs and what stays unverified are listed in
//! `docs/sites/mastodon.md`. A post is `.status[data-id]` in timelines and
//! `.detailed-status__wrapper` for the focused post of a post's own page; its
//! action buttons show their state with the class `active`; accounts are
//! `user@domain`, with the page's host as the domain of local accounts. The
//! advanced (multi-column) layout puts `/deck` before every path. The
//! profile's follow button shows its state in a class (`button--destructive`
//! while following), read with the rule's `on` probe. No translated text is
//! read, so every language is covered. On a post's own page, replies that the
//! thread's classes and lines prove answer the user's focused post are read as
//! inbound replies (`THREAD_REPLY`).

use super::hosts::MASTODON as HOSTS;
pub use super::hosts::{instance_host, instance_hosts, shipped_hosts, MAX_INSTANCES};
use super::{
    canonical_handle, clean_name, profile_engagement, ClickFacts, ControlRole, ControlRule, ControlState, Engagement,
    InboundItem, InboundRules, KeyRule, PageFacts, PageUrl, PostFacts, ProfileRef, Reading, SiteAdapter, SiteRules,
    Target,
};
use crate::model::{Direction, Kind, Site};

/// A post. In timelines, `components/status/legacy/status.jsx` renders
/// `.status__wrapper` holding a boost's `.status__prepend` and then
/// `div.status[data-id]`, so the booster's link is outside the post. On a
/// post's own page, `features/status/legacy.jsx` draws the focused post as
/// `div.focusable.detailed-status__wrapper` holding `DetailedStatus`
/// (`div.detailed-status`) and then its `ActionBar`, which is not inside
/// `.detailed-status`; the thread's other posts are `.status`. The composer,
/// `form.compose-form` (`features/compose/components/compose_form.jsx`), is
/// read like a post too: its reply indicator names whom a reply answers.
/// (The feature-flagged redesign, `components/status/status.tsx`, renders
/// hashed class names instead: its clicks are misses.)
/// Source: mastodon/mastodon app/javascript/mastodon/components/status/legacy/status.jsx (f7d094d)
/// Source: mastodon/mastodon app/javascript/mastodon/features/status/legacy.jsx (1964fe6)
/// Source: mastodon/mastodon app/javascript/mastodon/features/compose/components/compose_form.jsx (d2e9124)
const POST: &str = ".status[data-id], .detailed-status__wrapper, .compose-form";
/// The author: `components/status/legacy/header.tsx` puts
/// `a.status__display-name` (`href="/@acct"`, the display name and
/// `.display-name__account` "@acct") first in `.status__info`; the focused
/// post's `features/status/components/detailed_status.tsx` has
/// `a.detailed-status__display-name` (`/@acct`) first in `.detailed-status`;
/// the composer's reply indicator links the replied-to account as
/// `a.detailed-status__display-name` (4.3 on) or `a.reply-indicator__display-name`
/// (before). A post quoted inside the focused post is a `.status` that comes
/// later in the markup (`div.status__quote`, `legacy/quoted.tsx`), and is
/// excluded outright.
/// Source: mastodon/mastodon app/javascript/mastodon/components/status/legacy/header.tsx (3f7cb40)
/// Source: mastodon/mastodon app/javascript/mastodon/features/status/components/detailed_status.tsx (03a5338)
/// Source: mastodon/mastodon app/javascript/mastodon/features/compose/components/reply_indicator.jsx (252642d)
/// Source: mastodon/mastodon app/javascript/mastodon/components/status/legacy/quoted.tsx (4a79b47)
const AUTHOR: &str = ".status__info a.status__display-name:not(.detailed-status *), \
    a.detailed-status__display-name, .reply-indicator a.reply-indicator__display-name";
/// The post's own link: `a.status__relative-time` (`/@acct/<id>`) in
/// `.status__info`; for the focused post `a.detailed-status__datetime` in
/// `.detailed-status__meta`, the last part of `.detailed-status`, so a quoted
/// post's timestamp, earlier in the markup, must not match there. Older
/// versions give that link the post's `url`, which for a remote account is on
/// its home server (see `post_of`).
/// Source: mastodon/mastodon app/javascript/mastodon/components/status/legacy/header.tsx (3f7cb40)
/// Source: mastodon/mastodon app/javascript/mastodon/features/status/components/detailed_status.tsx (03a5338)
const PERMALINK: &str = ".status__info a.status__relative-time:not(.detailed-status *), \
    .detailed-status__meta a.detailed-status__datetime";
/// `features/compose/components/navigation_bar.jsx` shows the signed-in
/// account above the composer with `components/account.tsx`, whose link is
/// `a.account__display-name` to `/@acct`.
/// Source: mastodon/mastodon app/javascript/mastodon/features/compose/components/compose_form.jsx (d2e9124)
/// Source: mastodon/mastodon app/javascript/mastodon/features/compose/components/navigation_bar.jsx (0627fb4)
const SELF_LINK: &str = ".navigation-bar a.account__display-name";
/// The profile's name: `account_header.tsx` renders `AccountName` inside
/// `div.account__header__tabs__name`; `account_name.tsx` draws `h1` >
/// `DisplayName variant='simple'` (a `bdi`) in both the old header and the
/// redesign (where the `h1` sits in a hashed-class `div`).
/// Source: mastodon/mastodon app/javascript/mastodon/features/account_timeline/components/account_header.tsx (fefc745)
/// Source: mastodon/mastodon app/javascript/mastodon/features/account_timeline/components/account_name.tsx (fb41934)
const PROFILE_NAME: &str = ".account__header__tabs__name h1 bdi";
/// A post's text, for snippets: `components/status_content.jsx` renders
/// `div.status__content > div.status__content__text`, in timelines and in
/// `DetailedStatus` alike; the first match is the post's own, not a quote's.
/// Source: mastodon/mastodon app/javascript/mastodon/components/status_content.jsx (3b47977)
const TEXT: &str = ".status__content__text";

/// The favourite button. Timelines: `components/status/legacy/action_bar/index.jsx`
/// renders `IconButton className='status__action-bar__button star-icon'`
/// (`components/icon_button.tsx` adds `active` when on). The focused post:
/// `features/status/components/action_bar.jsx` renders
/// `div.detailed-status__action-bar` > `div.detailed-status__button` >
/// `IconButton className='star-icon'`, with no `status__action-bar__button`.
/// Source: mastodon/mastodon app/javascript/mastodon/components/status/legacy/action_bar/index.jsx (bcdcb04)
/// Source: mastodon/mastodon app/javascript/mastodon/features/status/components/action_bar.jsx (e93dc23)
const FAVOURITE: &str = "button.status__action-bar__button.star-icon, \
    .detailed-status__action-bar .detailed-status__button > button.star-icon";
/// The boost button is told apart by its icon, `svg.icon-retweet`
/// (`components/icon.tsx` names icons `icon-<id>`; `icon='retweet'` in both
/// action bars); its title is translated. In timelines it gets `active` when
/// boosted both as a standalone button (quick boosting on) and as the opener
/// of the default "Boost or quote" menu (`legacy/boost_button.tsx`, items
/// `li.reblog-menu-item` with no language-neutral state): the content script
/// sees the opener flip while it waits for the choice.
/// Source: mastodon/mastodon app/javascript/mastodon/components/status/legacy/boost_button.tsx (7c4b20a)
/// Source: mastodon/mastodon app/javascript/mastodon/features/status/components/action_bar.jsx (e93dc23)
const BOOST: &str = "button.status__action-bar__button:has(.icon-retweet), \
    .detailed-status__action-bar .detailed-status__button > button:has(.icon-retweet)";
/// The reply button's icon is `reply`, or `reply-all` in a thread, in both bars.
/// Source: mastodon/mastodon app/javascript/mastodon/components/status/legacy/action_bar/index.jsx (bcdcb04)
/// Source: mastodon/mastodon app/javascript/mastodon/features/status/components/action_bar.jsx (e93dc23)
const REPLY: &str = "button.status__action-bar__button:has(.icon-reply, .icon-reply-all), \
    .detailed-status__action-bar .detailed-status__button > button:has(.icon-reply, .icon-reply-all)";
/// Cancelling a reply: `.reply-indicator__cancel` (`reply_indicator.jsx`), or
/// the close button that takes the action bar's place in `.navigation-bar`
/// while replying (`navigation_bar.jsx`: `div.navigation-bar` > `Account` + `IconButton`). Treated as opening a composer for
/// no post, so a new post published after it is not taken for the reply.
/// Source: mastodon/mastodon app/javascript/mastodon/features/compose/components/reply_indicator.jsx (252642d)
/// Source: mastodon/mastodon app/javascript/mastodon/features/compose/components/navigation_bar.jsx (0627fb4)
const CANCEL_REPLY: &str = ".reply-indicator__cancel button, .navigation-bar > button.icon-button";
/// `form.compose-form`'s submit button: inside `div.compose-form__submit`
/// (4.3 on) or `.compose-form__publish` (before).
/// Source: mastodon/mastodon app/javascript/mastodon/features/compose/components/compose_form.jsx (d2e9124)
const PUBLISH: &str = r#".compose-form__publish button[type="submit"], .compose-form__submit button[type="submit"]"#;
/// The profile header's follow button: a `components/button` `button.button`
/// that is a direct child of the header's button row, which is
/// `.account__header__tabs__buttons` in 4.3's `header.tsx` and
/// `div.account__header__buttons` in `buttons.tsx` (4.4 on, the redesign
/// too, where `account_header.tsx` renders the row twice, for wide and narrow
/// screens). The row's other buttons are `icon-button`s, and on the user's own
/// profile "Edit profile" is a link. Follow buttons in hover cards and account
/// lists are outside `.account__header`.
/// Source: mastodon/mastodon app/javascript/mastodon/features/account_timeline/components/buttons.tsx (1739fbf)
/// Source: mastodon/mastodon app/javascript/mastodon/features/account_timeline/components/account_header.tsx (fefc745)
const FOLLOW: &str = ".account__header :is(.account__header__tabs__buttons, .account__header__buttons) > button.button";
/// While the user follows the account (or has asked to, for a locked one) the
/// button has `button--destructive` (`components/follow_button.tsx`:
/// `className={following ? 'button--destructive' : undefined}`); its text
/// ("Follow", "Unfollow", "Mutual", …) is translated.
/// Source: mastodon/mastodon app/javascript/mastodon/components/follow_button.tsx (seen 2026-12-07)
const FOLLOWING: &str = ".button--destructive";

/// The pages under `/@:acct/…` that show the account's header
/// (`features/ui/index.jsx` routes): `posts` and `about` (the profile
/// redesign's tabs, `tabs.tsx`: "About" in the advanced layout, "Activity"
/// at `/posts`), `featured`, `with_replies`, `media`, `followers`,
/// `following`, and `tagged/<tag>`. `/@:acct/:statusId` is a post.
/// Source: mastodon/mastodon app/javascript/mastodon/features/ui/index.jsx (fefc745)
/// Source: mastodon/mastodon app/javascript/mastodon/features/account_timeline/components/tabs.tsx (fefc745)
/// Source: mastodon/mastodon app/javascript/mastodon/features/account_timeline/components/tabs.tsx (0b0ef10)
const PROFILE_TABS: &[&str] = &["posts", "about", "featured", "with_replies", "media", "followers", "following"];
/// A profile's posts with one of its hashtags, `/@:acct/tagged/:tagged?`.
/// Source: mastodon/mastodon app/javascript/mastodon/features/ui/index.jsx (fefc745)
const TAGGED: &str = "tagged";
/// The advanced (multi-column) layout's prefix: `components/router.tsx` puts
/// `/deck` before every path it pushes there, and `features/ui/index.jsx`
/// strips it again in the single-column layout; the routes under it are the same.
/// Source: mastodon/mastodon app/javascript/mastodon/components/router.tsx (075b3b6)
/// Source: mastodon/mastodon app/javascript/mastodon/features/ui/index.jsx (fefc745)
const DECK: &str = "deck";

/// Grouped notifications (Mastodon 4.3 and later): each is
/// `div.notification-group` with `notification-group--<type>`
/// (`notification_group_with_status.tsx`), or `div.notification-ungrouped`
/// with `notification-ungrouped--<type>` for posts (mentions, quotes:
/// `notification_with_status.tsx`, `notification_quote.tsx`). The type is
/// language-neutral; the sentence around it is translated and not read.
/// Source: mastodon/mastodon app/javascript/mastodon/features/notifications_v2/components/notification_group_with_status.tsx (da97a16)
/// Source: mastodon/mastodon app/javascript/mastodon/features/notifications_v2/components/notification_group_with_status.tsx (00e9034)
/// Source: mastodon/mastodon app/javascript/mastodon/features/notifications_v2/components/notification_with_status.tsx (03006bd)
/// Source: mastodon/mastodon app/javascript/mastodon/features/notifications_v2/components/notification_quote.tsx (2935a02)
const NOTIFICATION: &str = ".notification-group, .notification-ungrouped";
/// The people a notification is about: the avatar links in
/// `.notification-group__main__header__wrapper` (`Link to="/@acct"`, no
/// text) and the header label's linked display name (the first person, with
/// their name), but not the label's timestamp link (newer versions), which
/// points at the user's own post; in a mention or quote, the post's author,
/// not the author of a post it quotes (`div.status__quote` holds a nested
/// `.status`: the user's own post, in a quote notification).
/// Source: mastodon/mastodon app/javascript/mastodon/features/notifications_v2/components/notification_group_with_status.tsx (da97a16)
/// Source: mastodon/mastodon app/javascript/mastodon/features/notifications_v2/components/notification_group_with_status.tsx (00e9034)
/// Source: mastodon/mastodon app/javascript/mastodon/features/notifications_v2/components/notification_with_status.tsx (03006bd)
/// Source: mastodon/mastodon app/javascript/mastodon/features/notifications_v2/components/avatar_group.tsx (165bc65)
/// Source: mastodon/mastodon app/javascript/mastodon/components/status/legacy/quoted.tsx (4a79b47)
/// Unverified: the newer avatar links (`Avatar withLink` in 00e9034) were not read; if they link a
/// remote account's home address, only the label's first person is read for remote accounts.
const NOTIFICATION_ACTOR: &str = ".notification-group__main__header__wrapper a[href^=\"/@\"], \
    .notification-group__main__header__label a[href^=\"/@\"]:not(:has(time)), \
    .notification-ungrouped .status__info a.status__display-name:not(.status__quote *)";
/// The post it is about. In a group, newer versions wrap the label's
/// timestamp in a link to the user's own post (`/@acct/<id>`); 4.3-era ones
/// render a bare `time` and the embedded post (`embedded_status.tsx`)
/// navigates by script with no `href`: then there is no link, and who did
/// what is recorded without the post. In a mention or quote, the post's permalink.
/// Source: mastodon/mastodon app/javascript/mastodon/features/notifications_v2/components/notification_group_with_status.tsx (00e9034)
/// Source: mastodon/mastodon app/javascript/mastodon/features/notifications_v2/components/notification_group_with_status.tsx (da97a16)
/// Source: mastodon/mastodon app/javascript/mastodon/features/notifications_v2/components/embedded_status.tsx (0eca55c)
const NOTIFICATION_POST: &str = ".notification-group__main__header__label a:has(time), \
    .notification-ungrouped .status__info a.status__relative-time";
/// The notifications page, `/notifications` (or `/deck/notifications`).
/// Source: mastodon/mastodon app/javascript/mastodon/features/ui/index.jsx (fefc745)
const NOTIFICATIONS_PAGE: &str = "notifications";

/// Replies in a post's own page that structure proves answer the focused
/// post. `features/status/legacy.jsx` renders the thread as one
/// `.scrollable` list: the ancestors, the focused post
/// (`.detailed-status__wrapper`, perhaps inside a key-handler wrapper), then
/// the descendants, each `StatusContainer` given `rootId` (the focused
/// post), `previousId` (the post listed before it) and `nextInReplyToId`.
/// Nothing in the markup names a descendant's parent, but
/// `components/status/legacy/status.jsx` draws `div.status__line` when it
/// connects up to the post before it, to the focused post, or down to the
/// next one (`status__line--full`), and adds `status--first-in-thread` when
/// it has a post before it that it does not answer, or it answers the
/// focused post. So a descendant answers the focused post when it is the
/// first one after it (descendants come depth first) and draws its line, or
/// when it is `status--first-in-thread` with a line that is not
/// `--full`. A reply to the focused post that has a reply of its own right
/// after it, not first in the list, looks like a reply to an earlier one:
/// it is not read (nothing recorded rather than a guess).
/// Source: mastodon/mastodon app/javascript/mastodon/features/status/legacy.jsx (1964fe6)
/// Source: mastodon/mastodon app/javascript/mastodon/components/status/legacy/status.jsx (1a523ea)
const THREAD_REPLY: &str = ".scrollable > :is(.detailed-status__wrapper, :has(> .detailed-status__wrapper)) + * \
    .status.status--in-thread[data-id]:has(> .status__line):not(.status__quote *), \
    .scrollable > :is(.detailed-status__wrapper, :has(> .detailed-status__wrapper)) ~ * \
    .status.status--in-thread.status--first-in-thread[data-id]:has(> .status__line:not(.status__line--full)):not(.status__quote *)";
/// In a reply, its author (`.status__info a.status__display-name`,
/// `legacy/header.tsx`); in the focused post, its author
/// (`a.detailed-status__display-name`, `detailed_status.tsx`); never a
/// quoted post's.
/// Source: mastodon/mastodon app/javascript/mastodon/components/status/legacy/status.jsx (1a523ea)
/// Source: mastodon/mastodon app/javascript/mastodon/features/status/legacy.jsx (1964fe6)
const THREAD_AUTHOR: &str = ".status__info a.status__display-name:not(.status__quote *), \
    a.detailed-status__display-name:not(.status__quote *)";
/// A reply's own permalink (`a.status__relative-time`), the focused post's
/// (`a.detailed-status__datetime`).
/// Source: mastodon/mastodon app/javascript/mastodon/features/status/legacy.jsx (1964fe6)
const THREAD_PERMALINK: &str = ".status__info a.status__relative-time:not(.status__quote *), \
    a.detailed-status__datetime:not(.status__quote *)";
/// The focused post of a post's own page.
/// Source: mastodon/mastodon app/javascript/mastodon/features/status/legacy.jsx (1964fe6)
const FOCUSED_POST: &str = ".detailed-status__wrapper";

/// The Mastodon adapter.
pub struct Mastodon;

/// The account in a `/@acct` path segment, canonical (`user@domain`).
fn handle_of(url: &PageUrl, segment: &str) -> Option<String> {
    let acct = segment.strip_prefix('@').filter(|a| !a.is_empty() && !a.starts_with('@'))?;
    canonical_handle(Site::Mastodon, acct, Some(&url.host))
}

/// A path's segments as the app's routes see them: without the advanced
/// layout's leading `/deck` (`DECK`).
fn app_segments(path: &str) -> Vec<&str> {
    let mut segments = PageUrl::segments(path);
    if segments.first() == Some(&DECK) {
        segments.remove(0);
    }
    segments
}

/// The account a profile link points at (`/@alice`, `/@bob@fosstodon.org`,
/// `/deck/@alice`).
fn handle_from_href(url: &PageUrl, href: &str) -> Option<String> {
    let path = url.same_site_path(href)?;
    match app_segments(&path).as_slice() {
        [one] => handle_of(url, one),
        _ => None,
    }
}

/// The account as this instance spells it: `alice` when local, else `bob@fosstodon.org`.
fn acct_on<'a>(url: &PageUrl, handle: &'a str) -> &'a str {
    match handle.split_once('@') {
        Some((user, domain)) if domain == url.host => user,
        _ => handle,
    }
}

/// The account's profile on the instance it was seen on: that page works for
/// the signed-in user, where the account's home instance may not.
fn profile_url(url: &PageUrl, handle: &str) -> String {
    format!("https://{}/@{}", url.host, acct_on(url, handle))
}

/// The account and post id of a post's own page, `/@acct/<numeric id>`
/// (`features/ui/index.jsx`: `/@:acct/:statusId`), `/deck` or not.
fn post_path<'a>(url: &PageUrl, path: &'a str) -> Option<(String, &'a str)> {
    match app_segments(path).as_slice() {
        [acct, id] if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => Some((handle_of(url, acct)?, id)),
        _ => None,
    }
}

/// A post's own page, made absolute and without `/deck`, so the same post
/// is one address in both layouts.
fn post_url(url: &PageUrl, href: &str) -> Option<String> {
    let path = url.same_site_path(href)?;
    let (handle, id) = post_path(url, &path)?;
    Some(format!("https://{}/@{}/{id}", url.host, acct_on(url, &handle)))
}

/// The author link's text is the display name followed by
/// `.display-name__account` ("@alice" or "@bob@fosstodon.org"); keep the name.
fn display_name(raw: Option<&str>, url: &PageUrl, handle: &str) -> Option<String> {
    let text = clean_name(raw)?;
    let seen = format!("@{}", acct_on(url, handle));
    let lower = text.to_ascii_lowercase();
    // ASCII lowercasing keeps byte offsets, so the cut lands on a boundary.
    let cut = [seen, format!("@{handle}")].into_iter().find(|s| lower.ends_with(s.as_str())).map(|s| s.len());
    match cut {
        Some(len) => clean_name(text.get(..text.len() - len)),
        // The account part is missing: the text is all name.
        None => Some(text),
    }
}

/// Whether a toggle went on (`false`) or off (`true`), from its `active` class.
fn undo_of(before: &ControlState, after: &ControlState) -> Option<bool> {
    (before.active != after.active).then_some(before.active)
}

impl Mastodon {
    /// The author of a post, as a target, or why not.
    fn author(url: &PageUrl, post: Option<&PostFacts>) -> Result<Target, &'static str> {
        let post = post.ok_or("the control is not inside a post")?;
        let href = post.author_href.as_deref().ok_or("the post has no author link")?;
        let handle = handle_from_href(url, href).ok_or("the author link is not a profile")?;
        Ok(Target {
            profile_url: profile_url(url, &handle),
            name: display_name(post.author_name.as_deref(), url, &handle),
            handle,
        })
    }

    /// The address of a post: its permalink on this instance. Older
    /// versions link the focused post of a post's page to its `url`, on
    /// the author's home server for a remote account
    /// (`features/status/components/detailed_status.js`); then the page
    /// itself is that post's, when it is a post of the same author.
    fn post_of(url: &PageUrl, post: Option<&PostFacts>, author: &Target) -> Option<String> {
        let permalink = post?.permalink.as_deref()?;
        if let Some(found) = post_url(url, permalink) {
            return Some(found);
        }
        let (handle, _) = post_path(url, &url.path)?;
        (handle == author.handle).then(|| post_url(url, &url.path)).flatten()
    }

    /// A reply under the focused post of a post's own page (`THREAD_REPLY`
    /// picked only those structure proves answer it): an inbound reply of
    /// its author when the focused post is the user's; nothing when it is
    /// someone else's, or the reply is the user's own.
    fn thread_reply(
        url: &PageUrl,
        self_href: Option<&str>,
        item: &InboundItem,
    ) -> Result<Vec<Engagement>, &'static str> {
        if !item.marker.split_whitespace().any(|class| class == "status--in-thread") {
            return Err("a reply in a thread that is not marked as one");
        }
        let actor = item.actors.first().ok_or("a reply without its author's link")?;
        let handle =
            actor.href.as_deref().and_then(|h| handle_from_href(url, h)).ok_or("a reply without its author's link")?;
        let permalink = item.permalink.as_deref().ok_or("a reply without its own link")?;
        let path = url.same_site_path(permalink).ok_or("a reply whose link is elsewhere")?;
        match post_path(url, &path) {
            Some((by, _)) if by == handle => {}
            _ => return Err("a reply whose link is not its author's post"),
        }
        let reply_url = post_url(url, permalink).ok_or("a reply whose link is not a post")?;
        let root = item.root.as_ref().and_then(|r| r.author.as_ref()).and_then(|a| a.href.as_deref());
        let root = root.and_then(|h| handle_from_href(url, h)).ok_or("the thread's post has no author link")?;
        let me = self_href.and_then(|href| handle_from_href(url, href)).ok_or("the signed-in user is not known")?;
        if handle == me || root != me {
            return Ok(Vec::new());
        }
        let name = display_name(actor.name.as_deref(), url, &handle);
        Ok(vec![Engagement {
            site: Site::Mastodon,
            kind: Kind::Reply,
            direction: Direction::Inbound,
            target: Target { profile_url: profile_url(url, &handle), name, handle },
            post_url: Some(reply_url),
        }])
    }

    fn is_self(url: &PageUrl, self_href: Option<&str>, handle: &str) -> bool {
        self_href.and_then(|href| handle_from_href(url, href)).is_some_and(|me| me == handle)
    }

    /// A favourite (like) or a boost (repost), or their undoing.
    fn toggle(url: &PageUrl, facts: &ClickFacts, kind: Kind) -> Reading {
        let Some(undo) = undo_of(&facts.before, &facts.after) else {
            return Reading::Miss("the button did not change state");
        };
        let target = match Mastodon::author(url, facts.post.as_ref()) {
            Ok(target) => target,
            Err(why) => return Reading::Miss(why),
        };
        let Some(post_url) = Mastodon::post_of(url, facts.post.as_ref(), &target) else {
            return Reading::Miss("the post has no permalink");
        };
        let own = Mastodon::is_self(url, facts.self_href.as_deref(), &target.handle);
        Engagement::outbound(Site::Mastodon, kind, target, Some(post_url)).concluded(own, "the user's own post", undo)
    }

    /// A follow or unfollow on a profile page, always of the profile's
    /// account as its URL names it. Unfollowing asks for a confirmation
    /// (`CONFIRM_UNFOLLOW`, `confirmation_modals/unfollow.tsx`); the content
    /// script watches the button for 10 s, so a confirmed unfollow is seen
    /// flip. A button still on after that was a confirmation cancelled (or
    /// not given in time): the markup was understood, and nothing changed.
    /// That is decided before the page is looked at, because such a report
    /// comes 10 s after the click, when the user may be on another page.
    fn follow(url: &PageUrl, facts: &ClickFacts) -> Reading {
        let undo = match (facts.before.on, facts.after.on) {
            (Some(false), Some(true)) => false,
            (Some(true), Some(false)) => true,
            (Some(true), Some(true)) => return Reading::Ignore("an unfollow that was not confirmed"),
            (Some(false), Some(false)) => return Reading::Miss("the follow button did not change state"),
            _ => return Reading::Miss("the follow button's state was not read"),
        };
        profile_engagement(&Mastodon, url, facts, Kind::Follow, undo)
    }

    /// Mastodon has one composer: a reply is a publish after a reply button,
    /// anything else a new post. The composer itself (`facts.post`, read like
    /// a post) says whom it answers: its reply indicator links the account
    /// replied to, and shows nothing for a new post. Where it shows, it
    /// decides: a Reply clicked earlier on someone else's post (a pending
    /// reply gone stale) is never credited.
    fn reply(url: &PageUrl, facts: &ClickFacts) -> Reading {
        let composer = facts.post.as_ref();
        let answers = match composer {
            // The composer shows no reply: a new post, whatever was clicked before.
            Some(c) if c.author_href.is_none() => return Reading::Ignore("a new post, not a reply"),
            Some(c) => match Mastodon::author(url, Some(c)) {
                Ok(target) => Some(target),
                Err(why) => return Reading::Miss(why),
            },
            None => None,
        };
        let clicked = facts.reply_to.as_ref().map(|post| (post, Mastodon::author(url, Some(post))));
        let (target, post) = match (answers, clicked) {
            (None, None) => return Reading::Ignore("a new post, not a reply"),
            (None, Some((_, Err(why)))) => return Reading::Miss(why),
            (None, Some((post, Ok(target)))) => (target, Some(post)),
            // The post whose Reply was clicked is the one the composer answers.
            (Some(shown), Some((post, Ok(target)))) if target.handle == shown.handle => (target, Some(post)),
            // Clicked elsewhere, or not seen: the composer's account, without a post.
            (Some(shown), _) => (shown, None),
        };
        let own = Mastodon::is_self(url, facts.self_href.as_deref(), &target.handle);
        let post_url = post.and_then(|p| p.permalink.as_deref()).and_then(|h| post_url(url, h));
        Engagement::outbound(Site::Mastodon, Kind::Reply, target, post_url).concluded(
            own,
            "a reply to the user's own post",
            false,
        )
    }
}

impl SiteAdapter for Mastodon {
    fn site(&self) -> Site {
        Site::Mastodon
    }

    fn hosts(&self) -> &'static [&'static str] {
        HOSTS
    }

    fn rules(&self) -> SiteRules {
        SiteRules {
            site: Site::Mastodon,
            post: POST,
            author: AUTHOR,
            permalink: PERMALINK,
            self_link: SELF_LINK,
            profile_name: PROFILE_NAME,
            text: TEXT,
            post_attributes: &[],
            controls: vec![
                ControlRule { name: "favourite", selector: FAVOURITE, role: ControlRole::Toggle, on: None },
                ControlRule { name: "boost", selector: BOOST, role: ControlRole::Toggle, on: None },
                ControlRule { name: "reply", selector: REPLY, role: ControlRole::OpenReply, on: None },
                ControlRule { name: "cancel_reply", selector: CANCEL_REPLY, role: ControlRole::OpenReply, on: None },
                ControlRule { name: "publish", selector: PUBLISH, role: ControlRole::SubmitReply, on: None },
                ControlRule { name: "follow", selector: FOLLOW, role: ControlRole::Toggle, on: Some(FOLLOWING) },
            ],
        }
    }

    fn profile_handle(&self, url: &PageUrl) -> Option<String> {
        match app_segments(&url.path).as_slice() {
            [acct] => handle_of(url, acct),
            [acct, tab] if PROFILE_TABS.contains(tab) || *tab == TAGGED => handle_of(url, acct),
            [acct, tab, _] if *tab == TAGGED => handle_of(url, acct),
            _ => None,
        }
    }

    fn account_url(&self, handle: &str) -> Option<String> {
        // The canonical handle is `user@instance`: the profile on its instance.
        let (user, host) = handle.rsplit_once('@')?;
        Some(format!("https://{host}/@{user}"))
    }

    fn profile(&self, url: &PageUrl, page: &PageFacts) -> Option<ProfileRef> {
        let handle = self.profile_handle(url)?;
        // `account_header.tsx` titles the page "Name (@user@domain)", with the
        // domain even for local accounts; wait for it or the header.
        let titled = page.title.to_ascii_lowercase().contains(&format!("(@{handle})"));
        if page.profile_name.is_none() && !titled {
            return None;
        }
        let name = clean_name(page.profile_name.as_deref())
            .or_else(|| page.title.split(" (@").next().and_then(|n| clean_name(Some(n))).filter(|_| titled));
        let is_self = Mastodon::is_self(url, page.self_href.as_deref(), &handle);
        Some(ProfileRef { site: Site::Mastodon, url: profile_url(url, &handle), handle, name, is_self })
    }

    /// `features/ui/index.jsx` (its hotkey map) on the focused post: `f`
    /// favourites, `b` boosts, `r` replies.
    fn keys(&self) -> Vec<KeyRule> {
        vec![
            KeyRule { key: "f", control: "favourite" },
            KeyRule { key: "b", control: "boost" },
            KeyRule { key: "r", control: "reply" },
        ]
    }

    fn inbound_rules(&self, url: &PageUrl) -> Option<InboundRules> {
        if post_path(url, &url.path).is_some() {
            return Some(InboundRules {
                root: FOCUSED_POST,
                ..InboundRules::list(THREAD_REPLY, THREAD_AUTHOR, THREAD_PERMALINK)
            });
        }
        (app_segments(&url.path).as_slice() == [NOTIFICATIONS_PAGE]).then_some(InboundRules::list(
            NOTIFICATION,
            NOTIFICATION_ACTOR,
            NOTIFICATION_POST,
        ))
    }

    fn inbound(
        &self,
        url: &PageUrl,
        self_href: Option<&str>,
        item: &InboundItem,
    ) -> Result<Vec<Engagement>, &'static str> {
        if post_path(url, &url.path).is_some() {
            return Mastodon::thread_reply(url, self_href, item);
        }
        let kind = item.marker.split_whitespace().find_map(|class| {
            class
                .strip_prefix("notification-group--")
                .or_else(|| class.strip_prefix("notification-ungrouped--"))
                .filter(|k| !matches!(*k, "unread" | "direct"))
        });
        let kind = match kind {
            Some("favourite") => Kind::Like,
            Some("reblog") => Kind::Repost,
            // Quoting the user's post shares it, like a boost.
            Some("quote") => Kind::Repost,
            Some("follow") => Kind::Follow,
            // Replies to the user arrive as mentions; the markup does not
            // tell the two apart in a language-neutral way.
            Some("mention") => Kind::Mention,
            // Polls ending, edits, new posts of followed accounts, follow
            // requests, moderation: nothing between two people.
            Some(_) => return Ok(Vec::new()),
            None => return Err("a notification without a type Kindling knows"),
        };
        let grouped = item.marker.split_whitespace().any(|class| class == "notification-group");
        // A link that is there must be a post's; a favourite or boost group
        // of the 4.3 era has none (a bare `time`), and is recorded without.
        let post_url = match (kind, item.permalink.as_deref()) {
            (Kind::Follow, _) => None,
            (_, Some(href)) => Some(post_url(url, href).ok_or("the notification's post link is not a post")?),
            (Kind::Like | Kind::Repost, None) if grouped => None,
            (_, None) => return Err("the notification has no post link"),
        };
        // A favourite or boost group is about the user's own post: its link
        // says whose. (A quote's link is the quoting post, the quoter's.)
        if grouped && matches!(kind, Kind::Like | Kind::Repost) {
            let owner = item
                .permalink
                .as_deref()
                .and_then(|h| url.same_site_path(h))
                .and_then(|path| post_path(url, &path).map(|(handle, _)| handle));
            let me = self_href.and_then(|href| handle_from_href(url, href));
            if let (Some(owner), Some(me)) = (owner, me) {
                if owner != me {
                    return Err("a like or boost of a post that is not the user's");
                }
            }
        }
        let mut found: Vec<Engagement> = Vec::new();
        for actor in &item.actors {
            let Some(handle) = actor.href.as_deref().and_then(|h| handle_from_href(url, h)) else { continue };
            if Mastodon::is_self(url, self_href, &handle) {
                continue;
            }
            let name = display_name(actor.name.as_deref(), url, &handle);
            if let Some(seen) = found.iter_mut().find(|e| e.target.handle == handle) {
                // The avatar link has no text; the label's link has the name.
                if seen.target.name.is_none() {
                    seen.target.name = name;
                }
                continue;
            }
            found.push(Engagement {
                site: Site::Mastodon,
                kind,
                direction: Direction::Inbound,
                target: Target { profile_url: profile_url(url, &handle), name, handle },
                post_url: post_url.clone(),
            });
        }
        if found.is_empty() {
            return Err("the notification names no account");
        }
        Ok(found)
    }

    fn engagement(&self, url: &PageUrl, facts: &ClickFacts) -> Reading {
        match facts.control.as_str() {
            "favourite" => Mastodon::toggle(url, facts, Kind::Like),
            "boost" => Mastodon::toggle(url, facts, Kind::Repost),
            "publish" => Mastodon::reply(url, facts),
            "follow" => Mastodon::follow(url, facts),
            _ => Reading::Miss("not a control the Mastodon adapter knows"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{ActorFacts, ContextFacts};
    use super::*;

    fn at(host: &str, path: &str) -> PageUrl {
        PageUrl { host: host.into(), path: path.into(), query: String::new() }
    }

    fn home() -> PageUrl {
        at("mastodon.social", "/home")
    }

    fn active(on: bool) -> ControlState {
        ControlState { active: on, ..ControlState::default() }
    }

    fn post(author: &str, name: &str, permalink: &str) -> PostFacts {
        PostFacts {
            author_href: Some(author.into()),
            author_name: Some(name.into()),
            permalink: Some(permalink.into()),
            ..PostFacts::default()
        }
    }

    fn click(control: &str, before: bool, after: bool, post: Option<PostFacts>) -> ClickFacts {
        ClickFacts {
            control: control.into(),
            before: active(before),
            after: active(after),
            post,
            self_href: Some("/@kim".into()),
            ..ClickFacts::default()
        }
    }

    fn notification(marker: &str, actors: &[(&str, &str)], permalink: Option<&str>) -> InboundItem {
        InboundItem {
            marker: marker.into(),
            actors: actors
                .iter()
                .map(|(href, name)| super::super::ActorFacts {
                    href: Some((*href).into()),
                    name: (!name.is_empty()).then(|| (*name).into()),
                    label: None,
                })
                .collect(),
            permalink: permalink.map(Into::into),
            ..InboundItem::default()
        }
    }

    /// Kind, handle, name and post of each engagement found.
    type Seen<'a> = (Kind, &'a str, Option<&'a str>, Option<&'a str>);

    fn summary(found: &[Engagement]) -> Vec<Seen<'_>> {
        found
            .iter()
            .map(|e| (e.kind, e.target.handle.as_str(), e.target.name.as_deref(), e.post_url.as_deref()))
            .collect()
    }

    #[test]
    fn added_instances_are_hostnames_and_nothing_else() {
        let ok = [
            ("social.example", "social.example"),
            ("  https://Social.Example/ ", "social.example"),
            ("mstdn.jp", "mstdn.jp"),
            ("a-b.c-d.example", "a-b.c-d.example"),
        ];
        for (raw, want) in ok {
            assert_eq!(instance_host(raw).as_deref(), Ok(want), "{raw}");
        }
        for raw in [
            "",
            "localhost",
            "http://social.example",
            "social.example/@alice",
            "user@social.example",
            "social..example",
            "-bad.example",
            "10.0.0.1",
            "social.example:8443",
            "mastodon.social",
            "*.example",
        ] {
            assert!(instance_host(raw).is_err(), "{raw}");
        }
        assert_eq!(
            instance_hosts(&["a.example".into(), "A.example".into(), "b.example".into()]),
            Ok(vec!["a.example".to_owned(), "b.example".to_owned()])
        );
        let too_many = instance_hosts(&vec!["a.example".to_owned(); MAX_INSTANCES + 1]);
        assert_eq!(too_many.map_err(|e| e.english()), Err("at most 100 Mastodon instances can be added".to_owned()));
        // What the options page says, in words the user can act on.
        let said = |raw: &str| instance_host(raw).map_err(|e| e.english());
        assert_eq!(said("not a host"), Err("\"not a host\" is not a server name like mastodon.example".to_owned()));
        assert_eq!(
            said("Mastodon.Social"),
            Err("mastodon.social is already one of the instances Kindling works on".to_owned())
        );
        // Another site's host is no instance.
        assert_eq!(said("x.com"), Err("x.com is X, not a Mastodon instance".to_owned()));
        assert_eq!(
            said("https://www.facebook.com/"),
            Err("www.facebook.com is Facebook, not a Mastodon instance".to_owned())
        );
        assert!(instance_host("github.com").is_err() && instance_host("bsky.app").is_err());
    }

    #[test]
    fn an_added_instance_is_read_as_mastodon_without_the_card() {
        let added = vec!["social.example".to_owned()];
        let found = super::super::for_url_with("https://social.example/@alice", &added);
        assert_eq!(
            found.map(|(a, p, shipped)| (a.site(), p.host, shipped)),
            Some((Site::Mastodon, "social.example".into(), false))
        );
        assert!(super::super::for_url_with("https://other.example/@alice", &added).is_none());
        let shipped = super::super::for_url_with("https://mastodon.social/@alice", &added);
        assert_eq!(shipped.map(|(_, _, shipped)| shipped), Some(true));
        let page = at("social.example", "/@alice");
        let facts = PageFacts { title: "Alice (@alice@social.example) - Mastodon".into(), ..PageFacts::default() };
        assert_eq!(Mastodon.profile(&page, &facts).map(|p| p.handle), Some("alice@social.example".into()));
    }

    #[test]
    fn notifications_page_has_inbound_rules_and_others_do_not() {
        assert!(Mastodon.inbound_rules(&at("mastodon.social", "/notifications")).is_some());
        assert!(Mastodon.inbound_rules(&at("mastodon.social", "/notifications/")).is_some());
        assert!(Mastodon.inbound_rules(&at("mastodon.social", "/deck/notifications")).is_some());
        for path in ["/home", "/@alice", "/notifications/requests", "/deck", "/deck/home"] {
            assert!(Mastodon.inbound_rules(&at("mastodon.social", path)).is_none(), "{path}");
        }
        // A post's own page reads the replies under its focused post.
        for path in ["/@kim/113000000000000004", "/deck/@kim/113000000000000004", "/@bob@fosstodon.org/11300000000000"]
        {
            let rules = Mastodon.inbound_rules(&at("mastodon.social", path));
            assert_eq!(rules.map(|r| (r.item, r.root)), Some((THREAD_REPLY, FOCUSED_POST)), "{path}");
        }
    }

    fn reply_in_thread(author: &str, name: &str, permalink: &str, root_author: Option<&str>) -> InboundItem {
        InboundItem {
            marker: "status status-public status-reply status--in-thread status--first-in-thread".into(),
            actors: vec![ActorFacts { href: Some(author.into()), name: Some(name.into()), label: None }],
            permalink: Some(permalink.into()),
            root: root_author.map(|href| ContextFacts {
                author: Some(ActorFacts { href: Some(href.into()), ..ActorFacts::default() }),
                ..ContextFacts::default()
            }),
            ..InboundItem::default()
        }
    }

    #[test]
    fn replies_to_the_users_own_post_are_inbound_replies_of_their_authors() {
        let page = at("mastodon.social", "/@kim/113000000000000004");
        let me = Some("/@kim");
        let alice = reply_in_thread("/@alice", "Alice Example @alice", "/@alice/113000000000000010", Some("/@kim"));
        let found = Mastodon.inbound(&page, me, &alice).unwrap_or_default();
        let seen: Vec<_> = found
            .iter()
            .map(|e| (e.kind, e.direction, e.target.handle.as_str(), e.target.name.as_deref(), e.post_url.as_deref()))
            .collect();
        assert_eq!(
            seen,
            [(
                Kind::Reply,
                Direction::Inbound,
                "alice@mastodon.social",
                Some("Alice Example"),
                Some("https://mastodon.social/@alice/113000000000000010")
            )]
        );
        // In the advanced layout, and a remote account.
        let deck = at("mastodon.social", "/deck/@kim/113000000000000004");
        let bob = reply_in_thread(
            "/deck/@bob@fosstodon.org",
            "Bob",
            "/deck/@bob@fosstodon.org/113000000000000011",
            Some("/deck/@kim"),
        );
        let found = Mastodon.inbound(&deck, me, &bob).unwrap_or_default();
        assert_eq!(found.iter().map(|e| e.target.handle.as_str()).collect::<Vec<_>>(), ["bob@fosstodon.org"]);
        // Under someone else's post, and the user's own reply: nothing.
        let carols = at("mastodon.social", "/@carol/113000000000000005");
        let under_carol = reply_in_thread("/@bob", "Bob", "/@bob/113000000000000012", Some("/@carol"));
        assert_eq!(Mastodon.inbound(&carols, me, &under_carol), Ok(Vec::new()));
        let mine = reply_in_thread("/@kim", "Kim", "/@kim/113000000000000013", Some("/@kim"));
        assert_eq!(Mastodon.inbound(&page, me, &mine), Ok(Vec::new()));
    }

    #[test]
    fn replies_in_a_thread_that_cannot_be_read_are_misses() {
        let page = at("mastodon.social", "/@kim/113000000000000004");
        let me = Some("/@kim");
        let good = || reply_in_thread("/@alice", "Alice", "/@alice/113000000000000010", Some("/@kim"));
        let cases = [
            ("no author", InboundItem { actors: vec![], ..good() }),
            ("no permalink", InboundItem { permalink: None, ..good() }),
            ("a permalink of someone else's post", InboundItem { permalink: Some("/@zed/1130".into()), ..good() }),
            ("no focused post", InboundItem { root: None, ..good() }),
            ("not marked as in the thread", InboundItem { marker: "status".into(), ..good() }),
        ];
        for (why, item) in cases {
            assert!(Mastodon.inbound(&page, me, &item).is_err(), "{why}");
        }
        assert!(Mastodon.inbound(&page, None, &good()).is_err(), "the user unknown");
    }

    #[test]
    fn grouped_notifications_name_each_person_once_with_their_name() {
        let page = at("mastodon.social", "/notifications");
        let me = Some("/@kim");
        let mine = "/@kim/113000000000000004";
        let cases: Vec<(InboundItem, Vec<Seen>)> = vec![
            (
                notification(
                    "notification-group focusable notification-group--favourite notification-group--unread",
                    &[("/@alice", ""), ("/@bob@fosstodon.org", ""), ("/@alice", "Alice Example")],
                    Some(mine),
                ),
                vec![
                    (
                        Kind::Like,
                        "alice@mastodon.social",
                        Some("Alice Example"),
                        Some("https://mastodon.social/@kim/113000000000000004"),
                    ),
                    (Kind::Like, "bob@fosstodon.org", None, Some("https://mastodon.social/@kim/113000000000000004")),
                ],
            ),
            (
                notification("notification-group notification-group--reblog", &[("/@carol", "Carol Chen")], Some(mine)),
                vec![(
                    Kind::Repost,
                    "carol@mastodon.social",
                    Some("Carol Chen"),
                    Some("https://mastodon.social/@kim/113000000000000004"),
                )],
            ),
            (
                notification(
                    "notification-group notification-group--follow",
                    &[("/@dave", ""), ("/@kim", "Kim")],
                    None,
                ),
                vec![(Kind::Follow, "dave@mastodon.social", None, None)],
            ),
            (
                notification(
                    "notification-ungrouped focusable notification-ungrouped--mention",
                    &[("/@erin", "Erin Ek @erin")],
                    Some("/@erin/113000000000000009"),
                ),
                vec![(
                    Kind::Mention,
                    "erin@mastodon.social",
                    Some("Erin Ek"),
                    Some("https://mastodon.social/@erin/113000000000000009"),
                )],
            ),
            (notification("notification-group notification-group--poll", &[("/@alice", "")], Some(mine)), vec![]),
        ];
        for (item, want) in cases {
            let found = Mastodon.inbound(&page, me, &item);
            assert_eq!(found.as_deref().map(summary), Ok(want), "{}", item.marker);
            assert!(found.iter().flatten().all(|e| e.direction == Direction::Inbound));
        }
    }

    #[test]
    fn notifications_not_understood_are_misses_never_guesses() {
        let page = at("mastodon.social", "/notifications");
        let me = Some("/@kim");
        let cases = [
            // The pre-4.3 markup, or something else entirely.
            notification("notification notification-favourite", &[("/@alice", "")], Some("/@kim/1")),
            // A mention with no post link.
            notification("notification-ungrouped notification-ungrouped--mention", &[("/@alice", "")], None),
            // A post link that is no post.
            notification("notification-group notification-group--favourite", &[("/@alice", "")], Some("/@kim")),
            // A like of someone else's post is not a like of the user's.
            notification("notification-group notification-group--favourite", &[("/@alice", "")], Some("/@zed/1")),
            // Nobody named (links elsewhere only).
            notification("notification-group notification-group--follow", &[("https://evil.example/@x", "")], None),
        ];
        for item in cases {
            assert!(Mastodon.inbound(&page, me, &item).is_err(), "{item:?}");
        }
    }

    #[test]
    fn favourites_and_boosts_are_read_with_or_without_the_timestamps_link() {
        let page = at("mastodon.social", "/notifications");
        let deck = at("mastodon.social", "/deck/notifications");
        let me = Some("/@kim");
        let mine = "https://mastodon.social/@kim/113000000000000004";
        let cases: Vec<(&PageUrl, InboundItem, Vec<Seen>)> = vec![
            // Newer versions: the timestamp links the user's post.
            (
                &page,
                notification(
                    "notification-group focusable notification-group--favourite",
                    &[("/@alice", ""), ("/@alice", "Alice Example")],
                    Some("/@kim/113000000000000004"),
                ),
                vec![(Kind::Like, "alice@mastodon.social", Some("Alice Example"), Some(mine))],
            ),
            // 4.3: a bare `time`, no link; who did what is still known.
            (
                &page,
                notification(
                    "notification-group focusable notification-group--favourite",
                    &[("/@alice", ""), ("/@bob@fosstodon.org", ""), ("/@alice", "Alice Example")],
                    None,
                ),
                vec![
                    (Kind::Like, "alice@mastodon.social", Some("Alice Example"), None),
                    (Kind::Like, "bob@fosstodon.org", None, None),
                ],
            ),
            (
                &deck,
                notification("notification-group notification-group--reblog", &[("/@carol", "Carol Chen")], None),
                vec![(Kind::Repost, "carol@mastodon.social", Some("Carol Chen"), None)],
            ),
            // A quote is the quoter's own post, which quotes the user's.
            (
                &page,
                notification(
                    "notification-ungrouped focusable notification-ungrouped--quote",
                    &[("/@dave", "Dave Okafor @dave")],
                    Some("/@dave/113000000000000031"),
                ),
                vec![(
                    Kind::Repost,
                    "dave@mastodon.social",
                    Some("Dave Okafor"),
                    Some("https://mastodon.social/@dave/113000000000000031"),
                )],
            ),
        ];
        for (url, item, want) in cases {
            let found = Mastodon.inbound(url, me, &item);
            assert_eq!(found.as_deref().map(summary), Ok(want), "{}", item.marker);
        }
        // The user's own account never counts as someone who did it.
        let own = notification("notification-group notification-group--favourite", &[("/@kim", "Kim")], None);
        assert!(Mastodon.inbound(&page, me, &own).is_err());
    }

    fn alice() -> PostFacts {
        post("/@alice", "Alice Example @alice", "/@alice/113000000000000001")
    }

    fn recorded(outcome: Reading) -> Engagement {
        match outcome {
            Reading::Record(e) => e,
            other => panic!("expected a record, got {other:?}"),
        }
    }

    #[test]
    fn favourites_and_boosts_are_recorded_for_the_posts_author() {
        let bob =
            post("/@bob@fosstodon.org", "Bob Builder @bob@fosstodon.org", "/@bob@fosstodon.org/113000000000000002");
        let cases = [
            (
                "favourite",
                alice(),
                Kind::Like,
                "alice@mastodon.social",
                "Alice Example",
                "https://mastodon.social/@alice",
            ),
            (
                "boost",
                alice(),
                Kind::Repost,
                "alice@mastodon.social",
                "Alice Example",
                "https://mastodon.social/@alice",
            ),
            (
                "favourite",
                bob.clone(),
                Kind::Like,
                "bob@fosstodon.org",
                "Bob Builder",
                "https://mastodon.social/@bob@fosstodon.org",
            ),
            (
                "boost",
                bob,
                Kind::Repost,
                "bob@fosstodon.org",
                "Bob Builder",
                "https://mastodon.social/@bob@fosstodon.org",
            ),
        ];
        for (control, post, kind, handle, name, profile) in cases {
            let permalink = post.permalink.clone().unwrap_or_default();
            let e = recorded(Mastodon.engagement(&home(), &click(control, false, true, Some(post))));
            assert_eq!((e.site, e.kind, e.direction), (Site::Mastodon, kind, Direction::Outbound), "{control}");
            assert_eq!(
                (e.target.handle.as_str(), e.target.name.as_deref(), e.target.profile_url.as_str()),
                (handle, Some(name), profile)
            );
            assert_eq!(e.post_url, Some(format!("https://mastodon.social{permalink}")));
        }
    }

    #[test]
    fn turning_a_button_off_withdraws_what_it_recorded() {
        for (control, kind) in [("favourite", Kind::Like), ("boost", Kind::Repost)] {
            let on = recorded(Mastodon.engagement(&home(), &click(control, false, true, Some(alice()))));
            match Mastodon.engagement(&home(), &click(control, true, false, Some(alice()))) {
                Reading::Withdraw(off) => assert_eq!((off.kind, off), (kind, on)),
                other => panic!("{control}: expected a withdrawal, got {other:?}"),
            }
        }
    }

    #[test]
    fn names_lose_the_account_part_of_the_author_link() {
        let url = home();
        let cases = [
            ("Alice Example @alice", "alice@mastodon.social", Some("Alice Example")),
            ("  Alice\n Example\n @Alice ", "alice@mastodon.social", Some("Alice Example")),
            ("Alice Example @alice@mastodon.social", "alice@mastodon.social", Some("Alice Example")),
            ("Bob @ home @bob@fosstodon.org", "bob@fosstodon.org", Some("Bob @ home")),
            ("@alice", "alice@mastodon.social", None),
            ("Alice Example", "alice@mastodon.social", Some("Alice Example")),
        ];
        for (raw, handle, want) in cases {
            assert_eq!(display_name(Some(raw), &url, handle).as_deref(), want, "{raw:?}");
        }
    }

    #[test]
    fn unrecognised_or_incomplete_clicks_are_misses_never_guesses() {
        let cases = [
            ("no state change", click("favourite", false, false, Some(alice()))),
            ("no post", click("favourite", false, true, None)),
            ("author is a page", click("favourite", false, true, Some(post("/home", "Home", "/@alice/1")))),
            ("author is a post", click("boost", false, true, Some(post("/@alice/1", "A", "/@alice/1")))),
            ("author elsewhere", click("boost", false, true, Some(post("https://evil.example/@a", "A", "/@a/1")))),
            ("bad account", click("boost", false, true, Some(post("/@al ice", "A", "/@alice/1")))),
            ("empty account", click("boost", false, true, Some(post("/@", "A", "/@alice/1")))),
            ("no permalink", click("favourite", false, true, Some(PostFacts { permalink: None, ..alice() }))),
            ("permalink not a post", click("favourite", false, true, Some(post("/@alice", "A", "/@alice/media")))),
            ("unknown control", click("bookmark", false, true, Some(alice()))),
            ("opening a reply is not reported", click("reply", false, false, Some(alice()))),
        ];
        for (why, facts) in cases {
            assert!(matches!(Mastodon.engagement(&home(), &facts), Reading::Miss(_)), "{why}");
        }
        let mut broken = click("publish", false, false, None);
        broken.reply_to = Some(post("/explore", "Explore", "/@alice/1"));
        assert!(matches!(Mastodon.engagement(&home(), &broken), Reading::Miss(_)), "reply to a non-profile");
    }

    #[test]
    fn the_users_own_posts_are_ignored() {
        let mine = post("/@Kim", "Kim Lindqvist @kim", "/@kim/113000000000000004");
        for control in ["favourite", "boost"] {
            assert!(matches!(
                Mastodon.engagement(&home(), &click(control, false, true, Some(mine.clone()))),
                Reading::Ignore(_)
            ));
        }
        let mut reply = click("publish", false, false, None);
        reply.reply_to = Some(mine);
        assert!(matches!(Mastodon.engagement(&home(), &reply), Reading::Ignore(_)));
        // The same user name on another instance is someone else.
        let other = post("/@kim@fosstodon.org", "Kim @kim@fosstodon.org", "/@kim@fosstodon.org/5");
        assert!(matches!(
            Mastodon.engagement(&home(), &click("favourite", false, true, Some(other))),
            Reading::Record(_)
        ));
    }

    /// The composer as the content script reads it at a publish: the
    /// account its reply indicator links, or nothing for a new post.
    fn composer(replying_to: Option<(&str, &str)>) -> PostFacts {
        PostFacts {
            author_href: replying_to.map(|(href, _)| href.into()),
            author_name: replying_to.map(|(_, name)| name.into()),
            ..PostFacts::default()
        }
    }

    fn publish(composer: Option<PostFacts>, reply_to: Option<PostFacts>) -> ClickFacts {
        ClickFacts { reply_to, ..click("publish", false, false, composer) }
    }

    #[test]
    fn a_stale_reply_click_is_never_credited_the_composer_decides() {
        let carol = post("/@carol", "Carol Chen @carol", "/@carol/113000000000000003");
        let shows_carol = composer(Some(("/@carol", "Carol Chen @carol")));
        // Reply clicked on carol's post, composer answering carol: her post.
        let e = recorded(Mastodon.engagement(&home(), &publish(Some(shows_carol.clone()), Some(carol.clone()))));
        assert_eq!(
            (e.kind, e.target.handle.as_str(), e.post_url.as_deref()),
            (Kind::Reply, "carol@mastodon.social", Some("https://mastodon.social/@carol/113000000000000003"))
        );
        // Reply clicked on alice's post earlier, the composer now answers
        // carol (a Reply not seen): carol, and no post, never alice.
        let stale = recorded(Mastodon.engagement(&home(), &publish(Some(shows_carol.clone()), Some(alice()))));
        assert_eq!((stale.target.handle.as_str(), stale.post_url), ("carol@mastodon.social", None));
        assert_eq!(stale.target.name.as_deref(), Some("Carol Chen"));
        // No Reply click seen at all: still carol.
        let unseen = recorded(Mastodon.engagement(&home(), &publish(Some(shows_carol), None)));
        assert_eq!(unseen.target.handle, "carol@mastodon.social");
        // Reply clicked on alice's post, then the reply dropped: a new post.
        let dropped = Mastodon.engagement(&home(), &publish(Some(composer(None)), Some(alice())));
        assert!(matches!(dropped, Reading::Ignore(_)), "{dropped:?}");
        // The composer answering the user: their own post.
        let own = Mastodon.engagement(&home(), &publish(Some(composer(Some(("/@kim", "Kim @kim")))), Some(alice())));
        assert!(matches!(own, Reading::Ignore(_)), "{own:?}");
        // A composer naming something that is no account: a miss.
        let odd = Mastodon.engagement(&home(), &publish(Some(composer(Some(("/explore", "x")))), Some(alice())));
        assert!(matches!(odd, Reading::Miss(_)), "{odd:?}");
    }

    #[test]
    fn the_focused_post_of_a_post_page_is_its_authors_in_both_layouts() {
        // `.detailed-status__wrapper` read as a post: the same facts as a timeline's.
        let bob_remote = |permalink: &str| post("/@bob@fosstodon.org", "Bob Builder @bob@fosstodon.org", permalink);
        let cases = [
            ("/@alice/113000000000000001", alice(), Some("https://mastodon.social/@alice/113000000000000001")),
            ("/deck/@alice/113000000000000001", alice(), Some("https://mastodon.social/@alice/113000000000000001")),
            // A link written with the layout's prefix is the same post.
            (
                "/deck/@alice/113000000000000001",
                post("/deck/@alice", "Alice Example @alice", "/deck/@alice/113000000000000001"),
                Some("https://mastodon.social/@alice/113000000000000001"),
            ),
            // Older versions link the post's home address: the page is the post.
            (
                "/@bob@fosstodon.org/113000000000000002",
                bob_remote("https://fosstodon.org/@bob/99"),
                Some("https://mastodon.social/@bob@fosstodon.org/113000000000000002"),
            ),
            // ... but only the page of a post by that author.
            ("/@alice/113000000000000001", bob_remote("https://fosstodon.org/@bob/99"), None),
            ("/home", bob_remote("https://fosstodon.org/@bob/99"), None),
        ];
        for (path, post, want) in cases {
            let url = at("mastodon.social", path);
            for control in ["favourite", "boost"] {
                match (Mastodon.engagement(&url, &click(control, false, true, Some(post.clone()))), want) {
                    (Reading::Record(e), Some(want)) => {
                        assert_eq!(e.post_url.as_deref(), Some(want), "{path}");
                        assert_eq!(
                            e.target.handle,
                            handle_from_href(&url, post.author_href.as_deref().unwrap_or("")).unwrap_or_default()
                        );
                    }
                    (Reading::Miss(_), None) => {}
                    (other, _) => panic!("{path} {control}: {other:?}"),
                }
            }
        }
    }

    #[test]
    fn a_reply_goes_to_the_post_whose_reply_button_opened_the_composer() {
        let mut facts = click("publish", false, false, None);
        facts.reply_to = Some(post("/@carol", "Carol Chen @carol", "/@carol/113000000000000003"));
        let e = recorded(Mastodon.engagement(&home(), &facts));
        assert_eq!((e.kind, e.target.handle.as_str()), (Kind::Reply, "carol@mastodon.social"));
        assert_eq!(e.post_url.as_deref(), Some("https://mastodon.social/@carol/113000000000000003"));
        let new_post = click("publish", false, false, None);
        assert!(matches!(Mastodon.engagement(&home(), &new_post), Reading::Ignore(_)), "a new post");
    }

    #[test]
    fn profile_pages_are_the_account_routes_only() {
        let page =
            PageFacts { title: String::new(), profile_name: Some("Someone".into()), self_href: Some("/@kim".into()) };
        let cases = [
            ("/@alice", Some("alice@mastodon.social")),
            ("/@Alice/", Some("alice@mastodon.social")),
            ("/@bob@fosstodon.org", Some("bob@fosstodon.org")),
            ("/@alice/featured", Some("alice@mastodon.social")),
            ("/@alice/with_replies", Some("alice@mastodon.social")),
            ("/@alice/media", Some("alice@mastodon.social")),
            ("/@alice/followers", Some("alice@mastodon.social")),
            ("/@bob@fosstodon.org/following", Some("bob@fosstodon.org")),
            ("/@alice/tagged", Some("alice@mastodon.social")),
            ("/@alice/tagged/running", Some("alice@mastodon.social")),
            ("/@alice/113000000000000001", None),
            ("/@alice/113000000000000001/reblogs", None),
            ("/@alice/113000000000000001/favourites", None),
            ("/@alice/tagged/running/more", None),
            ("/@", None),
            ("/@@alice", None),
            ("/alice", None),
            ("/", None),
            ("/home", None),
            ("/explore", None),
            ("/notifications", None),
            ("/public", None),
            ("/public/local", None),
            ("/tags/rust", None),
            ("/lists/1", None),
            ("/bookmarks", None),
            ("/favourites", None),
            ("/search", None),
            ("/directory", None),
            ("/@alice/posts", Some("alice@mastodon.social")),
            ("/@alice/about", Some("alice@mastodon.social")),
            ("/deck/@alice", Some("alice@mastodon.social")),
            ("/deck/@alice/posts", Some("alice@mastodon.social")),
            ("/deck/@alice/about", Some("alice@mastodon.social")),
            ("/deck/@bob@fosstodon.org/media", Some("bob@fosstodon.org")),
            ("/deck/@alice/tagged/running", Some("alice@mastodon.social")),
            ("/deck/@alice/113000000000000001", None),
            ("/@alice/113000000000000001/quotes", None),
            ("/deck/deck/@alice", None),
            ("/deck", None),
            ("/deck/home", None),
            ("/deck/getting-started", None),
            ("/deck/notifications", None),
            ("/publish", None),
            ("/settings/profile", None),
            ("/about", None),
            ("/statuses/113000000000000001", None),
            ("/accounts/109000000000000001", None),
        ];
        for (path, want) in cases {
            let got = Mastodon.profile(&at("mastodon.social", path), &page);
            assert_eq!(got.as_ref().map(|p| p.handle.as_str()), want, "{path}");
        }
    }

    #[test]
    fn profile_pages_are_recognised_only_with_their_header_or_title() {
        let page = |title: &str, name: Option<&str>| PageFacts {
            title: title.into(),
            profile_name: name.map(Into::into),
            self_href: Some("/@kim".into()),
        };
        let url = at("mastodon.social", "/@alice");
        let titled = Mastodon.profile(&url, &page("Alice Example (@alice@mastodon.social) - Mastodon", None));
        assert_eq!(
            titled.as_ref().map(|p| (p.handle.as_str(), p.name.as_deref(), p.url.as_str(), p.is_self)),
            Some(("alice@mastodon.social", Some("Alice Example"), "https://mastodon.social/@alice", false))
        );
        let header = Mastodon.profile(&url, &page("Mastodon", Some(" Alice  Example ")));
        assert_eq!(header.and_then(|p| p.name).as_deref(), Some("Alice Example"));
        assert_eq!(Mastodon.profile(&url, &page("Home - Mastodon", None)), None, "not rendered yet");
        assert_eq!(Mastodon.profile(&url, &page("Bob (@bob@mastodon.social) - Mastodon", None)), None, "old title");
        let remote =
            Mastodon.profile(&at("fosstodon.org", "/@bob"), &page("Bob (@bob@fosstodon.org) - Fosstodon", None));
        assert_eq!(remote.map(|p| p.url).as_deref(), Some("https://fosstodon.org/@bob"));
        let me = Mastodon.profile(&at("mastodon.social", "/@Kim"), &page("", Some("Kim")));
        assert_eq!(me.map(|p| p.is_self), Some(true));
        let namesake = Mastodon.profile(&at("mastodon.social", "/@kim@fosstodon.org"), &page("", Some("Kim")));
        assert_eq!(namesake.map(|p| p.is_self), Some(false));
    }

    #[test]
    fn every_default_instance_is_served_and_local_accounts_take_its_domain() {
        for host in HOSTS {
            let (adapter, url) = crate::sites::for_url(&format!("https://{host}/@alice"))
                .unwrap_or_else(|| panic!("{host} has no adapter"));
            assert_eq!(adapter.site(), Site::Mastodon);
            let page = PageFacts { profile_name: Some("Alice".into()), ..PageFacts::default() };
            assert_eq!(adapter.profile(&url, &page).map(|p| p.handle), Some(format!("alice@{host}")));
        }
    }

    #[test]
    fn the_rules_name_every_control_the_adapter_reads() {
        let rules = Mastodon.rules();
        let names: Vec<_> = rules.controls.iter().map(|c| (c.name, c.role)).collect();
        assert_eq!(
            names,
            [
                ("favourite", ControlRole::Toggle),
                ("boost", ControlRole::Toggle),
                ("reply", ControlRole::OpenReply),
                ("cancel_reply", ControlRole::OpenReply),
                ("publish", ControlRole::SubmitReply),
                ("follow", ControlRole::Toggle),
            ]
        );
        let follow = rules.controls.iter().find(|c| c.name == "follow");
        assert_eq!(follow.and_then(|c| c.on), Some(FOLLOWING), "the follow state is read with the on probe");
    }

    fn follow(before: Option<bool>, after: Option<bool>) -> ClickFacts {
        let state = |on: Option<bool>| ControlState { on, ..ControlState::default() };
        ClickFacts {
            control: "follow".into(),
            before: state(before),
            after: state(after),
            profile_name: Some("Bob Builder".into()),
            title: "Bob Builder (@bob@fosstodon.org) - Mastodon".into(),
            self_href: Some("/@kim".into()),
            ..ClickFacts::default()
        }
    }

    #[test]
    fn follows_are_of_the_profile_the_url_names() {
        let bob = at("mastodon.social", "/@bob@fosstodon.org");
        let e = recorded(Mastodon.engagement(&bob, &follow(Some(false), Some(true))));
        assert_eq!(
            (e.kind, e.direction, e.target.handle.as_str(), e.target.name.as_deref(), e.post_url.as_deref()),
            (Kind::Follow, Direction::Outbound, "bob@fosstodon.org", Some("Bob Builder"), None)
        );
        assert_eq!(e.target.profile_url, "https://mastodon.social/@bob@fosstodon.org");
        match Mastodon.engagement(&bob, &follow(Some(true), Some(false))) {
            Reading::Withdraw(off) => assert_eq!(off, e, "an unfollow withdraws the same follow"),
            other => panic!("expected a withdrawal, got {other:?}"),
        }
        // A local account, on a profile tab.
        let mut local = follow(Some(false), Some(true));
        local.title = String::new();
        local.profile_name = Some("Alice Example".into());
        let alice = recorded(Mastodon.engagement(&at("mastodon.social", "/@Alice/media"), &local));
        assert_eq!(alice.target.handle, "alice@mastodon.social");
    }

    #[test]
    fn follow_clicks_that_change_nothing_or_are_unclear_are_never_records() {
        let bob = at("mastodon.social", "/@bob@fosstodon.org");
        for url in [bob.clone(), home()] {
            let cancelled = Mastodon.engagement(&url, &follow(Some(true), Some(true)));
            assert!(matches!(cancelled, Reading::Ignore(_)), "an unfollow cancelled in its dialog: {cancelled:?}");
        }
        let misses = [
            ("no change", bob.clone(), follow(Some(false), Some(false))),
            ("clicked before the rules came: no probe", bob.clone(), follow(None, Some(true))),
            ("no probe after", bob.clone(), follow(Some(false), None)),
            (
                "on a post's page",
                at("mastodon.social", "/@bob@fosstodon.org/113000000000000002"),
                follow(Some(false), Some(true)),
            ),
            ("on the home timeline", home(), follow(Some(false), Some(true))),
            (
                "a profile page whose header has not rendered",
                at("mastodon.social", "/@dave"),
                ClickFacts { profile_name: None, title: "Home - Mastodon".into(), ..follow(Some(false), Some(true)) },
            ),
        ];
        for (why, url, facts) in misses {
            assert!(matches!(Mastodon.engagement(&url, &facts), Reading::Miss(_)), "{why}");
        }
        let own = Mastodon.engagement(&at("mastodon.social", "/@kim"), &follow(Some(false), Some(true)));
        assert!(matches!(own, Reading::Ignore(_)), "the user's own profile");
    }
}
