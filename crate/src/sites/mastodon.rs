//! Mastodon, on the default instances Kindling ships with. Markers from
//! ../shared/research/sites.md §2 and the web app's source (mastodon/mastodon
//! `app/javascript/mastodon/`, files cited beside each selector): a post is
//! `.status[data-id]`, its action buttons show their state with the class
//! `active`, and accounts are `user@domain`, with the page's host as the
//! domain of local accounts. The profile's follow button shows its state in
//! a class (`button--destructive` while following), read with the rule's `on`
//! probe; no translated text is read, so every language is covered.

use super::{
    canonical_handle, clean_name, ClickFacts, ControlRole, ControlRule, ControlState, Engagement, InboundItem,
    InboundRules, KeyRule, Outcome, PageFacts, PageUrl, PostFacts, ProfileRef, SiteAdapter, SiteRules, Target,
};
use crate::model::{Direction, Kind, Site};
use crate::text::Text;

/// The instances Kindling works on out of the box. Any instance runs the same
/// web app; these are the largest general ones (joinmastodon.org/servers).
const HOSTS: &[&str] = &[
    "mastodon.social",
    "mastodon.online",
    "mastodon.world",
    "fosstodon.org",
    "hachyderm.io",
    "infosec.exchange",
    "mas.to",
];

/// `components/status/legacy/status.jsx`: `.status__wrapper` holds the
/// boost's `.status__prepend` and then `div.status[data-id]`, so the booster's
/// link is outside the post and the post is the original. (The feature-flagged
/// redesign, `components/status/status.tsx`, renders an `article` with hashed
/// class names instead: no `.status` there, so its clicks are misses.)
const POST: &str = ".status[data-id]";
/// `components/status/legacy/header.tsx`: the first thing in `.status__info`
/// is `a.status__display-name` (`href="/@acct"`) holding the display name and
/// `.display-name__account` ("@acct"). A quoted post comes later in the markup.
const AUTHOR: &str = ".status__info a.status__display-name";
/// Same file: `a.status__relative-time` links to `/@acct/<status id>`.
const PERMALINK: &str = ".status__info a.status__relative-time";
/// `features/compose/components/navigation_bar.tsx` shows the signed-in
/// account above the composer with `components/account.tsx`, whose link is
/// `a.account__display-name` to `/@acct`.
const SELF_LINK: &str = ".navigation-bar a.account__display-name";
/// `features/account_timeline/components/account_header.tsx` and
/// `account_name.tsx`: the name is `h1 > bdi` in `.account__header__tabs__name`
/// (the `simple` display name; the redesign keeps that wrapper and `h1 > bdi`).
const PROFILE_NAME: &str = ".account__header__tabs__name h1 bdi";

/// `components/status/legacy/action_bar/index.jsx` and `components/icon_button.tsx`:
/// every action is `button.status__action-bar__button` with `active` when on;
/// the favourite button also carries `star-icon`.
const FAVOURITE: &str = "button.status__action-bar__button.star-icon";
/// `components/status/legacy/boost_button.tsx`: the boost button is told
/// apart by its icon, `svg.icon-retweet` (`components/icon.tsx` names icons
/// `icon-<id>`); its title is translated. It gets `active` when boosted both
/// as a standalone button (quick boosting on) and as the opener of the
/// default "Boost or quote" menu, whose items (`li.reblog-menu-item`) carry
/// no language-neutral state: the content script sees the opener flip while
/// it waits (SETTLE_MS) for the choice.
const BOOST: &str = "button.status__action-bar__button:has(.icon-retweet)";
/// The reply button's icon is `reply`, or `reply-all` in a thread.
const REPLY: &str = "button.status__action-bar__button:has(.icon-reply, .icon-reply-all)";
/// Cancelling a reply: `.reply-indicator__cancel` (`reply_indicator.jsx`), or
/// the close button that takes the action bar's place in `.navigation-bar`
/// while replying (`navigation_bar.tsx`). Treated as opening a composer for
/// no post, so a new post published after it is not taken for the reply.
const CANCEL_REPLY: &str = ".reply-indicator__cancel button, .navigation-bar > button.icon-button";
/// `features/compose/components/compose_form.jsx`: `form.compose-form`, the
/// submit button inside `.compose-form__publish` (`__submit` in some versions).
const PUBLISH: &str = r#".compose-form__publish button[type="submit"], .compose-form__submit button[type="submit"]"#;
/// The profile header's follow button: a `components/button` `button.button`
/// that is a direct child of the header's button row, which is
/// `.account__header__tabs__buttons` in `account_timeline/components/header.tsx`
/// (4.3) and `.account__header__buttons` in `account_timeline/components/buttons.tsx`
/// (4.4 on, the redesign too). The row's other buttons are `icon-button`s, and
/// on the user's own profile "Edit profile" is a link. Follow buttons in
/// hover cards and account lists are outside `.account__header`.
const FOLLOW: &str = ".account__header :is(.account__header__tabs__buttons, .account__header__buttons) > button.button";
/// While the user follows the account (or has asked to, for a locked one) the
/// button has `button--destructive` (`components/follow_button.tsx`:
/// `className={following ? 'button--destructive' : undefined}`, and 4.3's
/// header the same); its text ("Follow", "Unfollow", "Mutual", …) is translated.
const FOLLOWING: &str = ".button--destructive";

/// `features/ui/index.jsx`: the pages under `/@:acct/…` that show the
/// account's header. `/@:acct/:statusId` is a post.
const PROFILE_TABS: &[&str] = &["featured", "with_replies", "media", "followers", "following"];

/// `features/notifications_v2/components/notification_group_with_status.tsx`
/// and `notification_with_status.tsx` (grouped notifications, Mastodon 4.3
/// and later): each notification is `div.notification-group` with the class
/// `notification-group--<type>`, or `div.notification-ungrouped` with
/// `notification-ungrouped--<type>` for posts (mentions). The type is
/// language-neutral; the sentence around it is translated and not read.
const NOTIFICATION: &str = ".notification-group, .notification-ungrouped";
/// The people a notification is about: the avatar group's links
/// (`avatar_group.tsx`: `Link to="/@acct"`, no text) and the header label's
/// linked display name (the first person, with their name); in a mention,
/// the post's author.
const NOTIFICATION_ACTOR: &str = ".notification-group__main__header__wrapper a[href^=\"/@\"], \
    .notification-group__main__header__label a[href^=\"/@\"], \
    .notification-ungrouped .status__info a.status__display-name";
/// The post it is about: in a group, the timestamp's link to the user's own
/// post (`/@acct/<id>`); in a mention, the mentioning post's permalink.
const NOTIFICATION_POST: &str = ".notification-group__main__header__label a:has(time), \
    .notification-ungrouped .status__info a.status__relative-time";

/// The instances Kindling works on without being asked.
pub fn shipped_hosts() -> &'static [&'static str] {
    HOSTS
}

/// The most instances a user may add.
pub const MAX_INSTANCES: usize = 100;

/// A Mastodon instance as the user typed it (`social.example`,
/// `https://Social.Example/`), as a hostname, or what is wrong with it.
pub fn instance_host(raw: &str) -> Result<String, Text> {
    let trimmed = raw.trim();
    let bare = trimmed.strip_prefix("https://").unwrap_or(trimmed).trim_end_matches('/').to_ascii_lowercase();
    let labels: Vec<&str> = bare.split('.').collect();
    let valid_label = |l: &&str| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let top_is_word = labels.last().is_some_and(|t| t.bytes().any(|b| b.is_ascii_alphabetic()));
    if bare.len() > 253 || labels.len() < 2 || !labels.iter().all(valid_label) || !top_is_word {
        let typed: String = trimmed.chars().take(80).collect();
        return Err(Text::new("options_instance_not_a_host").with(typed));
    }
    if HOSTS.contains(&bare.as_str()) {
        return Err(Text::new("options_instance_shipped").with(bare));
    }
    Ok(bare)
}

/// The user's instance list, checked: each a hostname, no repeats.
pub fn instance_hosts(raw: &[String]) -> Result<Vec<String>, Text> {
    if raw.len() > MAX_INSTANCES {
        return Err(Text::new("options_instances_too_many").with(MAX_INSTANCES.to_string()));
    }
    let mut hosts: Vec<String> = Vec::new();
    for entry in raw {
        let host = instance_host(entry)?;
        if !hosts.contains(&host) {
            hosts.push(host);
        }
    }
    Ok(hosts)
}

/// The Mastodon adapter.
pub struct Mastodon;

/// The account in a `/@acct` path segment, canonical (`user@domain`).
fn handle_of(url: &PageUrl, segment: &str) -> Option<String> {
    let acct = segment.strip_prefix('@').filter(|a| !a.is_empty() && !a.starts_with('@'))?;
    canonical_handle(Site::Mastodon, acct, Some(&url.host))
}

/// The account a profile link points at (`/@alice`, `/@bob@fosstodon.org`).
fn handle_from_href(url: &PageUrl, href: &str) -> Option<String> {
    let path = url.same_site_path(href)?;
    match PageUrl::segments(&path).as_slice() {
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

/// A post's own page, `/@acct/<numeric id>`, made absolute.
fn post_url(url: &PageUrl, href: &str) -> Option<String> {
    let path = url.same_site_path(href)?;
    match PageUrl::segments(&path).as_slice() {
        [acct, id] if handle_of(url, acct).is_some() && !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => {
            Some(format!("https://{}{path}", url.host))
        }
        _ => None,
    }
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

    fn is_self(url: &PageUrl, self_href: Option<&str>, handle: &str) -> bool {
        self_href.and_then(|href| handle_from_href(url, href)).is_some_and(|me| me == handle)
    }

    /// A favourite (like) or a boost (repost), or their undoing.
    fn toggle(url: &PageUrl, facts: &ClickFacts, kind: Kind) -> Outcome {
        let Some(undo) = undo_of(&facts.before, &facts.after) else {
            return Outcome::Miss("the button did not change state");
        };
        let target = match Mastodon::author(url, facts.post.as_ref()) {
            Ok(target) => target,
            Err(why) => return Outcome::Miss(why),
        };
        let Some(post_url) = facts.post.as_ref().and_then(|p| p.permalink.as_deref()).and_then(|h| post_url(url, h))
        else {
            return Outcome::Miss("the post has no permalink");
        };
        if Mastodon::is_self(url, facts.self_href.as_deref(), &target.handle) {
            return Outcome::Ignore("the user's own post");
        }
        let engagement =
            Engagement { site: Site::Mastodon, kind, direction: Direction::Outbound, target, post_url: Some(post_url) };
        if undo {
            Outcome::Withdraw(engagement)
        } else {
            Outcome::Record(engagement)
        }
    }

    /// A follow or unfollow on a profile page, always of the profile's
    /// account as its URL names it. Unfollowing asks for a confirmation
    /// (`CONFIRM_UNFOLLOW`, `confirmation_modals/unfollow.tsx`); the content
    /// script watches the button for 10 s, so a confirmed unfollow is seen
    /// flip. A button still on after that was a confirmation cancelled (or
    /// not given in time): the markup was understood, and nothing changed.
    /// That is decided before the page is looked at, because such a report
    /// comes 10 s after the click, when the user may be on another page.
    fn follow(url: &PageUrl, facts: &ClickFacts) -> Outcome {
        let undo = match (facts.before.on, facts.after.on) {
            (Some(false), Some(true)) => false,
            (Some(true), Some(false)) => true,
            (Some(true), Some(true)) => return Outcome::Ignore("an unfollow that was not confirmed"),
            (Some(false), Some(false)) => return Outcome::Miss("the follow button did not change state"),
            _ => return Outcome::Miss("the follow button's state was not read"),
        };
        let page = PageFacts {
            title: facts.title.clone(),
            profile_name: facts.profile_name.clone(),
            self_href: facts.self_href.clone(),
        };
        let Some(profile) = Mastodon.profile(url, &page) else {
            return Outcome::Miss("a follow button outside a profile page");
        };
        if profile.is_self {
            return Outcome::Ignore("the user's own profile");
        }
        let target = Target { handle: profile.handle, name: profile.name, profile_url: profile.url };
        let engagement = Engagement {
            site: Site::Mastodon,
            kind: Kind::Follow,
            direction: Direction::Outbound,
            target,
            post_url: None,
        };
        if undo {
            Outcome::Withdraw(engagement)
        } else {
            Outcome::Record(engagement)
        }
    }

    /// Mastodon has one composer: a reply is a publish after a reply button
    /// (there is no inline composer on a post's page), anything else a new post.
    fn reply(url: &PageUrl, facts: &ClickFacts) -> Outcome {
        let Some(post) = facts.reply_to.as_ref() else {
            return Outcome::Ignore("a new post, not a reply");
        };
        let target = match Mastodon::author(url, Some(post)) {
            Ok(target) => target,
            Err(why) => return Outcome::Miss(why),
        };
        if Mastodon::is_self(url, facts.self_href.as_deref(), &target.handle) {
            return Outcome::Ignore("a reply to the user's own post");
        }
        Outcome::Record(Engagement {
            site: Site::Mastodon,
            kind: Kind::Reply,
            direction: Direction::Outbound,
            target,
            post_url: post.permalink.as_deref().and_then(|h| post_url(url, h)),
        })
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
            text: r#".status__content__text"#,
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

    fn profile(&self, url: &PageUrl, page: &PageFacts) -> Option<ProfileRef> {
        let handle = match PageUrl::segments(&url.path).as_slice() {
            [acct] => handle_of(url, acct)?,
            [acct, tab] if PROFILE_TABS.contains(tab) || *tab == "tagged" => handle_of(url, acct)?,
            [acct, "tagged", _] => handle_of(url, acct)?,
            _ => return None,
        };
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
        (url.path.trim_end_matches('/') == "/notifications").then_some(InboundRules {
            item: NOTIFICATION,
            actor: NOTIFICATION_ACTOR,
            permalink: NOTIFICATION_POST,
        })
    }

    fn inbound(
        &self,
        url: &PageUrl,
        self_href: Option<&str>,
        item: &InboundItem,
    ) -> Result<Vec<Engagement>, &'static str> {
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
        let post_url = match kind {
            Kind::Follow => None,
            _ => Some(
                item.permalink.as_deref().and_then(|h| post_url(url, h)).ok_or("the notification has no post link")?,
            ),
        };
        // A like or boost is of the user's own post: its link says whose.
        if matches!(kind, Kind::Like | Kind::Repost) {
            let owner = item
                .permalink
                .as_deref()
                .and_then(|h| url.same_site_path(h))
                .and_then(|path| PageUrl::segments(&path).first().and_then(|acct| handle_of(url, acct)));
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

    fn engagement(&self, url: &PageUrl, facts: &ClickFacts) -> Outcome {
        match facts.control.as_str() {
            "favourite" => Mastodon::toggle(url, facts, Kind::Like),
            "boost" => Mastodon::toggle(url, facts, Kind::Repost),
            "publish" => Mastodon::reply(url, facts),
            "follow" => Mastodon::follow(url, facts),
            _ => Outcome::Miss("not a control the Mastodon adapter knows"),
        }
    }
}

#[cfg(test)]
mod tests {
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
        for path in ["/home", "/@alice", "/notifications/requests", "/@kim/113000000000000004"] {
            assert!(Mastodon.inbound_rules(&at("mastodon.social", path)).is_none(), "{path}");
        }
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
            // A like with no post link.
            notification("notification-group notification-group--favourite", &[("/@alice", "")], None),
            // A like of someone else's post is not a like of the user's.
            notification("notification-group notification-group--favourite", &[("/@alice", "")], Some("/@zed/1")),
            // Nobody named (links elsewhere only).
            notification("notification-group notification-group--follow", &[("https://evil.example/@x", "")], None),
        ];
        for item in cases {
            assert!(Mastodon.inbound(&page, me, &item).is_err(), "{item:?}");
        }
    }

    fn alice() -> PostFacts {
        post("/@alice", "Alice Example @alice", "/@alice/113000000000000001")
    }

    fn recorded(outcome: Outcome) -> Engagement {
        match outcome {
            Outcome::Record(e) => e,
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
                Outcome::Withdraw(off) => assert_eq!((off.kind, off), (kind, on)),
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
            assert!(matches!(Mastodon.engagement(&home(), &facts), Outcome::Miss(_)), "{why}");
        }
        let mut broken = click("publish", false, false, None);
        broken.reply_to = Some(post("/explore", "Explore", "/@alice/1"));
        assert!(matches!(Mastodon.engagement(&home(), &broken), Outcome::Miss(_)), "reply to a non-profile");
    }

    #[test]
    fn the_users_own_posts_are_ignored() {
        let mine = post("/@Kim", "Kim Lindqvist @kim", "/@kim/113000000000000004");
        for control in ["favourite", "boost"] {
            assert!(matches!(
                Mastodon.engagement(&home(), &click(control, false, true, Some(mine.clone()))),
                Outcome::Ignore(_)
            ));
        }
        let mut reply = click("publish", false, false, None);
        reply.reply_to = Some(mine);
        assert!(matches!(Mastodon.engagement(&home(), &reply), Outcome::Ignore(_)));
        // The same user name on another instance is someone else.
        let other = post("/@kim@fosstodon.org", "Kim @kim@fosstodon.org", "/@kim@fosstodon.org/5");
        assert!(matches!(
            Mastodon.engagement(&home(), &click("favourite", false, true, Some(other))),
            Outcome::Record(_)
        ));
    }

    #[test]
    fn a_reply_goes_to_the_post_whose_reply_button_opened_the_composer() {
        let mut facts = click("publish", false, false, None);
        facts.reply_to = Some(post("/@carol", "Carol Chen @carol", "/@carol/113000000000000003"));
        let e = recorded(Mastodon.engagement(&home(), &facts));
        assert_eq!((e.kind, e.target.handle.as_str()), (Kind::Reply, "carol@mastodon.social"));
        assert_eq!(e.post_url.as_deref(), Some("https://mastodon.social/@carol/113000000000000003"));
        let new_post = click("publish", false, false, None);
        assert!(matches!(Mastodon.engagement(&home(), &new_post), Outcome::Ignore(_)), "a new post");
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
            ("/deck/@alice", None),
            ("/deck/home", None),
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
            Outcome::Withdraw(off) => assert_eq!(off, e, "an unfollow withdraws the same follow"),
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
            assert!(matches!(cancelled, Outcome::Ignore(_)), "an unfollow cancelled in its dialog: {cancelled:?}");
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
            assert!(matches!(Mastodon.engagement(&url, &facts), Outcome::Miss(_)), "{why}");
        }
        let own = Mastodon.engagement(&at("mastodon.social", "/@kim"), &follow(Some(false), Some(true)));
        assert!(matches!(own, Outcome::Ignore(_)), "the user's own profile");
    }
}
