//! LinkedIn (www.linkedin.com). Markers from ../shared/research/sites.md §4
//! and the public scripts cited beside each selector. LinkedIn serves two
//! markups to different accounts and both are recognised: the newer "SDUI"
//! one (hashed class names; posts are elements whose `componentkey` ends
//! `FeedType_MAIN_FEED_RELEVANCE`, state is in aria-labels) and the older
//! one (`div.feed-shared-update-v2`, readable BEM classes, `aria-pressed`).
//! Profiles are `/in/<slug>/` and always show the SDUI top card.
//!
//! People are their vanity slug. Links in the member-id form `/in/ACoAA…`
//! (reactor lists, some headers) are never taken for a slug: they are misses.
//! Company, school and showcase pages are organisations, not people: their
//! posts are ignored and their pages get no card.
//!
//! Locales: the old markup's like, comment and repost controls are found by
//! class and state (`aria-pressed`), so they work in every language. The SDUI
//! markup and the profile's controls are found by aria-label, which LinkedIn
//! translates: English throughout, plus French for the reaction button and
//! the profile's Follow button (`État du bouton de réaction : aucune réaction`,
//! `Suivre …` / `Ne plus suivre …`, a public automation script validated on
//! the live French site in March 2026). In any other language those controls
//! simply do not match, so nothing is recorded.

use super::{
    canonical_handle, clean_name, ClickFacts, ControlRole, ControlRule, ControlState, Engagement, Outcome, PageFacts,
    PageUrl, PostFacts, ProfileRef, SiteAdapter, SiteRules, Target,
};
use crate::model::{Direction, Kind, Site};

const HOSTS: &[&str] = &["www.linkedin.com", "linkedin.com"];

/// A post, in either markup, or a profile's top card.
/// - SDUI: the element whose `componentkey` ends `FeedType_MAIN_FEED_RELEVANCE`
///   (research §4). In the layout seen since 2026-08 that element wraps the
///   `role="listitem"` card and a sibling whose key also ends so but holds
///   `replaceableCommentTools` (a public extension's tests, "observed
///   2026-08"); that sibling is not a post, so the comment box inside it
///   belongs to the wrapper, the real post.
/// - Old markup: `div.feed-shared-update-v2` (research §4; `data-urn` or
///   `data-id` carries the activity URN, depending on the page).
/// - The SDUI profile top card (research §4). It is a "post" so that a click
///   on its Connect link remembers whose profile it was: see `INVITE_OPEN`.
const POST: &str = concat!(
    r#"[componentkey$="FeedType_MAIN_FEED_RELEVANCE"]:not([componentkey*="CommentTools"]), "#,
    r#"div.feed-shared-update-v2, "#,
    r#"section[componentkey^="com.linkedin.sdui.profile.card.ref"][componentkey$="Topcard"]"#
);
/// The first match inside the post (`:scope` is the post):
/// - Old markup: the actor's `a.update-components-actor__meta-link` (research
///   §4). A plain reshare puts "X reposted this" in `.update-components-header`
///   and the original's actor in this link; a reshare with the resharer's
///   own words makes the resharer the actor, whose post it then is.
/// - SDUI: the first link to a person or company that is neither inside a
///   `<p>` nor an avatar. The social-context line ("X reposted this",
///   "X likes this") is a `<p>` holding the other person's link (a public
///   extension's tests of the SDUI card); the actor's avatar link holds a
///   `figure` and no text, the actor's name link follows it (a live SDUI actor
///   header captured in a public extension's tests). Mentions and comments
///   come later in the card.
/// - Top card: the Connect link, whose `href` is
///   `/preload/custom-invite/?vanityName=<slug>` (research §4).
const AUTHOR: &str = concat!(
    r#":scope.feed-shared-update-v2 a.update-components-actor__meta-link, "#,
    r#":scope[componentkey$="FeedType_MAIN_FEED_RELEVANCE"] a:is([href*="/in/"], [href*="/company/"]):not(p a, :has(figure)), "#,
    r#":scope[componentkey$="Topcard"] a[href*="/preload/custom-invite/?vanityName="]"#
);
/// A post's own page, `/feed/update/urn:li:activity:<id>/`: in the old markup
/// the actor's sub-description (time) link, `a.update-components-actor__sub-description-link`
/// (public scrapers). SDUI posts carry no such link; their URN is only
/// encoded in the `componentkey` (research §4), so they have no permalink.
const PERMALINK: &str = r#"a[href*="/feed/update/urn:li:"]"#;
/// The signed-in member's own profile: "View profile" in the global nav's
/// Me menu (`.global-nav__me-content`), or the feed's identity card on the
/// left (`.feed-identity-module__actor-meta`, public scripts read both to
/// find the signed-in member).
const SELF_LINK: &str = r#".global-nav__me-content a[href*="/in/"], .feed-identity-module__actor-meta a[href*="/in/"]"#;
/// The profile's name: the single `h1` of the SDUI top card (research §4).
const PROFILE_NAME: &str = r#"section[componentkey^="com.linkedin.sdui.profile.card.ref"][componentkey$="Topcard"] h1"#;

/// The like (reaction) trigger.
/// - Old markup: `button.react-button__trigger[aria-pressed]`, but only in the
///   post's own `.feed-shared-social-action-bar`: every comment has a trigger
///   with the same classes ("React Like to X’s comment"), and the reactions
///   flyout's entries have no `aria-pressed` (a public write-up of a live
///   probe, 2026-08-02).
/// - SDUI: `button[aria-label^="Reaction button state"]`, labelled "…: no
///   reaction" until the user reacts, then "…: Like" (or the reaction chosen)
///   (research §4). The French label is "État du bouton de réaction : …".
const LIKE: &str = concat!(
    r#".feed-shared-social-action-bar button.react-button__trigger[aria-pressed], "#,
    r#"button:is([aria-label^="Reaction button state"], [aria-label^="État du bouton de réaction"])"#
);
/// The "Comment" button that opens a post's comment box: `button.comment-button`
/// in the old action bar (public scripts), `button[aria-label="Comment"]` in
/// SDUI (research §4).
const COMMENT_OPEN: &str = concat!(
    r#".feed-shared-social-action-bar button:is(.comment-button, [aria-label="Comment"]), "#,
    r#"[componentkey$="FeedType_MAIN_FEED_RELEVANCE"] button[aria-label="Comment"]"#
);
/// The button that sends a comment.
/// - Old markup: `button.comments-comment-box__submit-button` (research §4);
///   `--cr` is the variant a live probe found, rendered only once the box has
///   text. A box whose class says `comments-comment-box--reply` answers a
///   comment, not the post, and is left out: its person is the commenter.
/// - SDUI, **unconfirmed** (research §4 names no marker): the button in the
///   element whose `componentkey` contains `commentButtonSection`, which
///   several public LinkedIn extensions (2025-2026) use as the submit hook. A
///   comment box pre-filled with a mention (`[data-type="mention"]`) is a
///   reply to a comment (a public extension tells the two apart that way) and
///   is left out as above.
const COMMENT_SEND: &str = concat!(
    r#"button:is(.comments-comment-box__submit-button, .comments-comment-box__submit-button--cr):not([class*="comments-comment-box--reply"] *), "#,
    r#":is([componentkey*="commentButtonSection"] button, button[componentkey*="commentButtonSection"]):not([componentkey*="commentBox"]:has([data-type="mention"]) *)"#
);
/// The Repost button opens a menu: "Repost with your thoughts" (a composer,
/// nothing is posted yet) and "Repost" (posted at once).
/// - Old markup: `button.social-reshare-button`; the instant item is
///   `.social-reshare-button__sharing-as-is-dropdown-item` (several public
///   scripts).
/// - SDUI: the button's label starts "Repost" (research §4). The menu's
///   markup is **unconfirmed**: modelled as `role="menu"` items, the instant
///   one told apart by its icon, `svg[id="repost-medium"]` (SDUI names icons
///   by `id`, as in the captured `svg#globe-americas-small`; the old markup's
///   item has the same icon as `data-test-icon="repost-medium"`).
const REPOST_OPEN: &str = concat!(
    r#"button.social-reshare-button, "#,
    r#"[componentkey$="FeedType_MAIN_FEED_RELEVANCE"] button[aria-label^="Repost"]:not([role="menuitem"])"#
);
const REPOST: &str = concat!(
    r#".social-reshare-button__sharing-as-is-dropdown-item, "#,
    r#"[role="menu"] [role="menuitem"]:has(svg[id="repost-medium"])"#
);
/// The profile's own Follow button: "Follow NAME" (research §4), "Following…"
/// or "Unfollow…" once followed (a public script reads
/// `main button[aria-label^="Following "]` as the followed state; LinkedIn's
/// own wording elsewhere is "Following, click to unfollow NAME"). Only the top
/// card's button counts: follow buttons in post headers and side lists are
/// about other people.
const FOLLOW: &str = concat!(
    r#"section[componentkey^="com.linkedin.sdui.profile.card.ref"][componentkey$="Topcard"] "#,
    r#"button:is([aria-label^="Follow"], [aria-label^="Unfollow "], [aria-label^="Suivre "], [aria-label^="Ne plus suivre "])"#
);
/// Connecting: "Invite NAME to connect" (research §4; an `a` to
/// `/preload/custom-invite/?vanityName=<slug>` on the top card, a link or
/// button in search results and side lists) opens the invitation dialog; the
/// invitation is sent with its "Send without a note" button, or "Send
/// invitation" after adding a note (a public extension's tests of the dialog;
/// research notes). The top card's link is told apart from the others, whose
/// invitations are about someone else: it remembers the top card ("post"),
/// the others remember whatever card they sit in, usually none.
const INVITE_OPEN: &str = concat!(
    r#"section[componentkey^="com.linkedin.sdui.profile.card.ref"][componentkey$="Topcard"] "#,
    r#":is(a, button)[aria-label^="Invite "][aria-label$=" to connect"]"#
);
const OTHER_INVITE_OPEN: &str = r#":is(a, button, [role="button"])[aria-label^="Invite "][aria-label$=" to connect"]"#;
const INVITE_SEND: &str =
    r#"[role="dialog"] button:is([aria-label="Send without a note"], [aria-label="Send invitation"])"#;

/// The reaction button's label is "<prefix>: <reaction>".
const REACTION_PREFIXES: &[&str] = &["Reaction button state", "État du bouton de réaction"];
const NO_REACTION: &[&str] = &["no reaction", "aucune réaction"];
/// The Follow button's label when followed, and when not (checked in that order).
const FOLLOWING_LABELS: &[&str] = &["Following", "Unfollow ", "Ne plus suivre "];
const NOT_FOLLOWING_LABELS: &[&str] = &["Follow ", "Suivre "];

/// Profile sub-pages that are about the same person (research §4).
const PROFILE_SUBPAGES: &[&str] = &["recent-activity", "details", "overlay"];
/// Pages of organisations: not people.
const ORGANISATIONS: &[&str] = &["company", "school", "showcase"];

/// The LinkedIn adapter.
pub struct Linkedin;

/// The path of a link on LinkedIn, relative or absolute on either host.
fn linkedin_path(url: &PageUrl, href: &str) -> Option<String> {
    if href.starts_with('/') {
        return url.same_site_path(href);
    }
    let other = PageUrl::parse(href)?;
    HOSTS.contains(&other.host.as_str()).then_some(other.path)
}

/// A member id as LinkedIn puts it in `/in/ACoAA…` links: not a vanity slug,
/// and case-sensitive, so it is never lowercased into a handle.
fn is_member_id(segment: &str) -> bool {
    segment.starts_with("ACoAA")
        && (20..=80).contains(&segment.len())
        && segment.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// What a link to LinkedIn points at.
#[derive(Debug, PartialEq)]
enum Linked {
    Person(String),
    MemberId,
    Organisation,
    Other,
}

fn linked(path: &str) -> Linked {
    match PageUrl::segments(path).as_slice() {
        ["in", slug, ..] if is_member_id(slug) => Linked::MemberId,
        ["in", slug, ..] => canonical_handle(Site::Linkedin, slug, None).map_or(Linked::Other, Linked::Person),
        [kind, _, ..] if ORGANISATIONS.contains(kind) => Linked::Organisation,
        _ => Linked::Other,
    }
}

fn profile_url(handle: &str) -> String {
    format!("https://www.linkedin.com/in/{handle}/")
}

/// The vanity slug a profile link points at (`/in/alice/`, `…/in/alice?miniProfileUrn=…`).
fn handle_from_href(url: &PageUrl, href: &str) -> Option<String> {
    match linked(&linkedin_path(url, href)?) {
        Linked::Person(handle) => Some(handle),
        _ => None,
    }
}

/// The person whose profile (or profile sub-page) this path is.
fn profile_handle(path: &str) -> Option<String> {
    match PageUrl::segments(path).as_slice() {
        ["in", slug] => (!is_member_id(slug)).then(|| canonical_handle(Site::Linkedin, slug, None))?,
        ["in", slug, sub, ..] if PROFILE_SUBPAGES.contains(sub) => {
            (!is_member_id(slug)).then(|| canonical_handle(Site::Linkedin, slug, None))?
        }
        _ => None,
    }
}

/// A post's canonical URL from its `/feed/update/<urn>/` link.
fn post_url(url: &PageUrl, href: &str) -> Option<String> {
    let path = linkedin_path(url, href)?.replace("%3A", ":").replace("%3a", ":");
    let segments = PageUrl::segments(&path);
    let ["feed", "update", urn] = segments.as_slice() else {
        return None;
    };
    let (kind, id) = urn.strip_prefix("urn:li:")?.split_once(':')?;
    let known = ["activity", "ugcPost", "share"].contains(&kind);
    let numeric = !id.is_empty() && id.len() <= 25 && id.bytes().all(|b| b.is_ascii_digit());
    (known && numeric).then(|| format!("https://www.linkedin.com/feed/update/urn:li:{kind}:{id}/"))
}

/// The invitee of a top card's Connect link, `/preload/custom-invite/?vanityName=<slug>`.
fn invitee(href: &str) -> Option<String> {
    let (_, query) = href.split_once("/preload/custom-invite/?")?;
    let query = query.split('#').next().unwrap_or_default();
    let slug = query.split('&').find_map(|pair| pair.strip_prefix("vanityName="))?;
    (!is_member_id(slug)).then(|| canonical_handle(Site::Linkedin, slug, None))?
}

/// The name shown in a post's actor link. SDUI: "Alice Example • 2nd"; old
/// markup: the name twice (a visible and a visually-hidden copy, with or
/// without space between them), then "• 1st", the headline. Keep what comes
/// before the first "•", once.
fn display_name(raw: Option<&str>) -> Option<String> {
    let text = clean_name(raw.map(|r| r.split('•').next().unwrap_or(r)))?;
    let half = text.len() / 2;
    // `get` returns None off a character boundary, so no slice can panic.
    let doubled = match (text.get(..half), text.get(half..)) {
        (Some(a), Some(b)) if a == b => Some(a),
        (Some(a), Some(b)) if b.strip_prefix(' ') == Some(a) => Some(a),
        _ => None,
    };
    clean_name(Some(doubled.unwrap_or(&text)))
}

/// Whether the user has reacted: `aria-pressed` in the old markup, the
/// reaction named in the SDUI label otherwise.
fn reacted(state: &ControlState) -> Option<bool> {
    if let Some(pressed) = state.pressed.as_deref() {
        return match pressed {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        };
    }
    let (prefix, reaction) = state.label.as_deref()?.split_once(':')?;
    if !REACTION_PREFIXES.contains(&prefix.trim()) {
        return None;
    }
    let reaction = reaction.trim().to_lowercase();
    (!reaction.is_empty()).then(|| !NO_REACTION.contains(&reaction.as_str()))
}

/// Whether the profile's Follow button says the user follows them.
fn following(state: &ControlState) -> Option<bool> {
    let label = state.label.as_deref()?;
    if FOLLOWING_LABELS.iter().any(|p| label.starts_with(p)) {
        Some(true)
    } else if NOT_FOLLOWING_LABELS.iter().any(|p| label.starts_with(p)) {
        Some(false)
    } else {
        None
    }
}

/// `Some(false)` when a toggle went on, `Some(true)` when it went off.
fn undo_of(before: Option<bool>, after: Option<bool>) -> Option<bool> {
    match (before, after) {
        (Some(false), Some(true)) => Some(false),
        (Some(true), Some(false)) => Some(true),
        _ => None,
    }
}

fn engagement(kind: Kind, target: Target, post_url: Option<String>) -> Engagement {
    Engagement { site: Site::Linkedin, kind, direction: Direction::Outbound, target, post_url }
}

fn record_or_withdraw(e: Engagement, undo: bool) -> Outcome {
    if undo {
        Outcome::Withdraw(e)
    } else {
        Outcome::Record(e)
    }
}

impl Linkedin {
    /// The signed-in member's slug. Every recorded engagement needs it: without
    /// it the user's own posts and profile could not be told apart.
    fn me(url: &PageUrl, self_href: Option<&str>) -> Option<String> {
        self_href.and_then(|href| handle_from_href(url, href))
    }

    /// The author of a post, as a target, or the outcome that ends the click.
    fn author(url: &PageUrl, post: Option<&PostFacts>, me: &str) -> Result<Target, Outcome> {
        let post = post.ok_or(Outcome::Miss("the control is not inside a post"))?;
        let href = post.author_href.as_deref().ok_or(Outcome::Miss("the post has no author link"))?;
        let path = linkedin_path(url, href).ok_or(Outcome::Miss("the author link leads off LinkedIn"))?;
        let handle = match linked(&path) {
            Linked::Person(handle) => handle,
            Linked::MemberId => {
                return Err(Outcome::Miss("the author link is a member id (/in/ACoAA…), not a profile name"))
            }
            Linked::Organisation => return Err(Outcome::Ignore("an organisation's post, not a person's")),
            Linked::Other => return Err(Outcome::Miss("the author link is not a profile")),
        };
        if handle == me {
            return Err(Outcome::Ignore("the user's own post"));
        }
        Ok(Target { profile_url: profile_url(&handle), name: display_name(post.author_name.as_deref()), handle })
    }

    fn permalink(url: &PageUrl, post: Option<&PostFacts>) -> Option<String> {
        post.and_then(|p| p.permalink.as_deref()).and_then(|href| post_url(url, href))
    }

    /// A reaction on a post is a like of its author; taking it back withdraws it.
    fn like(url: &PageUrl, facts: &ClickFacts, me: &str) -> Outcome {
        let Some(undo) = undo_of(reacted(&facts.before), reacted(&facts.after)) else {
            return Outcome::Miss("the reaction button did not change state");
        };
        match Linkedin::author(url, facts.post.as_ref(), me) {
            Ok(target) => {
                let post = Linkedin::permalink(url, facts.post.as_ref());
                record_or_withdraw(engagement(Kind::Like, target, post), undo)
            }
            Err(outcome) => outcome,
        }
    }

    /// A comment sent on a post is a reply to its author. The post is the one
    /// that holds the comment box; where the box sits outside it, the post
    /// whose Comment button opened it.
    fn comment(url: &PageUrl, facts: &ClickFacts, me: &str) -> Outcome {
        let post = facts.post.as_ref().filter(|p| p.author_href.is_some()).or(facts.reply_to.as_ref());
        if post.is_none() {
            return Outcome::Miss("a comment was sent with no post to attribute it to");
        }
        match Linkedin::author(url, post, me) {
            Ok(target) => Outcome::Record(engagement(Kind::Reply, target, Linkedin::permalink(url, post))),
            Err(Outcome::Ignore("the user's own post")) => Outcome::Ignore("a comment on the user's own post"),
            Err(outcome) => outcome,
        }
    }

    /// "Repost" chosen in the menu the post's Repost button opened.
    fn repost(url: &PageUrl, facts: &ClickFacts, me: &str) -> Outcome {
        match Linkedin::author(url, facts.post.as_ref(), me) {
            Ok(target) => {
                Outcome::Record(engagement(Kind::Repost, target, Linkedin::permalink(url, facts.post.as_ref())))
            }
            Err(outcome) => outcome,
        }
    }

    /// Following someone from their profile's top card, or unfollowing.
    fn follow(url: &PageUrl, facts: &ClickFacts, me: &str) -> Outcome {
        let Some(undo) = undo_of(following(&facts.before), following(&facts.after)) else {
            return Outcome::Miss("the follow button did not change state");
        };
        let Some(handle) = profile_handle(&url.path) else {
            return Outcome::Miss("a follow button outside a profile page");
        };
        if handle == me {
            return Outcome::Ignore("the user's own profile");
        }
        let target =
            Target { profile_url: profile_url(&handle), name: clean_name(facts.profile_name.as_deref()), handle };
        record_or_withdraw(engagement(Kind::Follow, target, None), undo)
    }

    /// An invitation to connect, sent from the dialog that the profile's own
    /// Connect link opened: LinkedIn has the sender follow the invitee, and it
    /// is the step towards a connection, so it counts as a follow. The
    /// remembered "post" is the top card whose link opened the dialog; an
    /// invitation opened anywhere else is about someone the page does not
    /// name, and is ignored.
    fn invite(url: &PageUrl, facts: &ClickFacts, me: &str) -> Outcome {
        let Some(handle) = facts.post.as_ref().and_then(|p| p.author_href.as_deref()).and_then(invitee) else {
            return Outcome::Ignore("an invitation not started from a profile's own Connect link");
        };
        if profile_handle(&url.path).as_deref() != Some(handle.as_str()) {
            return Outcome::Miss("an invitation sent away from that person's profile");
        }
        if handle == me {
            return Outcome::Ignore("the user's own profile");
        }
        let target = Target { profile_url: profile_url(&handle), name: None, handle };
        Outcome::Record(engagement(Kind::Follow, target, None))
    }
}

impl SiteAdapter for Linkedin {
    fn site(&self) -> Site {
        Site::Linkedin
    }

    fn hosts(&self) -> &'static [&'static str] {
        HOSTS
    }

    fn rules(&self) -> SiteRules {
        // The content script takes the first rule a clicked element matches:
        // menu items come first, so a menu item that also looks like the
        // button that opened it counts as the item.
        // Not here: reactions picked from the reactions flyout (its entries
        // carry no state; only the Like button itself counts), messages (the
        // messaging drawer is a separate frame the content script is not in).
        let rule = |name, selector, role| ControlRule { name, selector, role, on: None };
        SiteRules {
            site: Site::Linkedin,
            post: POST,
            author: AUTHOR,
            permalink: PERMALINK,
            self_link: SELF_LINK,
            profile_name: PROFILE_NAME,
            text: r#"[data-testid="expandable-text-box"], .comments-comment-item__main-content, .tvm-parent-container"#,
            post_attributes: &[],
            controls: vec![
                rule("repost", REPOST, ControlRole::MenuItem),
                rule("send_invite", INVITE_SEND, ControlRole::MenuItem),
                rule("like", LIKE, ControlRole::Toggle),
                rule("follow", FOLLOW, ControlRole::Toggle),
                rule("comment", COMMENT_OPEN, ControlRole::OpenReply),
                rule("send_comment", COMMENT_SEND, ControlRole::SubmitReply),
                rule("repost_menu", REPOST_OPEN, ControlRole::OpenMenu),
                rule("invite", INVITE_OPEN, ControlRole::OpenMenu),
                rule("other_invite", OTHER_INVITE_OPEN, ControlRole::OpenMenu),
            ],
        }
    }

    fn profile(&self, url: &PageUrl, page: &PageFacts) -> Option<ProfileRef> {
        let handle = profile_handle(&url.path)?;
        // The top card is the sign the profile is shown (a member id URL is
        // redirected to the vanity one first, and an unknown slug shows none).
        let name = clean_name(page.profile_name.as_deref())?;
        // Without the signed-in member, the user's own profile would look
        // like anyone's: no card until the page names them.
        let me = Linkedin::me(url, page.self_href.as_deref())?;
        Some(ProfileRef {
            site: Site::Linkedin,
            url: profile_url(&handle),
            is_self: handle == me,
            handle,
            name: Some(name),
        })
    }

    fn engagement(&self, url: &PageUrl, facts: &ClickFacts) -> Outcome {
        let Some(me) = Linkedin::me(url, facts.self_href.as_deref()) else {
            return Outcome::Miss("the page does not show who is signed in");
        };
        match facts.control.as_str() {
            "like" => Linkedin::like(url, facts, &me),
            "send_comment" => Linkedin::comment(url, facts, &me),
            "repost" => Linkedin::repost(url, facts, &me),
            "follow" => Linkedin::follow(url, facts, &me),
            "send_invite" => Linkedin::invite(url, facts, &me),
            _ => Outcome::Miss("not a control the LinkedIn adapter knows"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ME: &str = "/in/kim-lindqvist/";

    fn at(path: &str) -> PageUrl {
        PageUrl { host: "www.linkedin.com".into(), path: path.into(), query: String::new() }
    }

    fn feed() -> PageUrl {
        at("/feed/")
    }

    fn pressed(on: bool) -> ControlState {
        ControlState { pressed: Some(on.to_string()), ..ControlState::default() }
    }

    fn label(text: &str) -> ControlState {
        ControlState { label: Some(text.into()), ..ControlState::default() }
    }

    /// A post as the content script reads it in the old markup: the actor
    /// link's text is the name twice, the degree and the headline.
    fn old_post(slug: &str, name: &str, activity: &str) -> PostFacts {
        PostFacts {
            author_href: Some(format!(
                "https://www.linkedin.com/in/{slug}?miniProfileUrn=urn%3Ali%3Afsd_profile%3AACoAAB"
            )),
            author_name: Some(format!("\n  {name}\n  {name}\n   • 2nd\n  Premium • 2nd\n  Engineer at Acme")),
            permalink: Some(format!("/feed/update/urn:li:activity:{activity}/")),
            ..PostFacts::default()
        }
    }

    /// An SDUI post: the actor's name link reads "Name • 2nd"; no permalink.
    fn sdui_post(href: &str, name: &str) -> PostFacts {
        PostFacts {
            author_href: Some(href.into()),
            author_name: Some(format!("{name} • 2nd")),
            permalink: None,
            ..PostFacts::default()
        }
    }

    fn click(control: &str, before: ControlState, after: ControlState, post: Option<PostFacts>) -> ClickFacts {
        ClickFacts { control: control.into(), before, after, post, self_href: Some(ME.into()), ..ClickFacts::default() }
    }

    fn top_card(slug: &str) -> PostFacts {
        PostFacts {
            author_href: Some(format!("/preload/custom-invite/?vanityName={slug}")),
            author_name: Some("Connect".into()),
            permalink: None,
            ..PostFacts::default()
        }
    }

    #[test]
    fn likes_and_their_undo_in_both_markups() {
        let dana = || Some(old_post("dana-reyes", "Dana Reyes", "7300000000000000001"));
        let alice = || Some(sdui_post("https://www.linkedin.com/in/alice-example/", "Alice Example"));
        let dana_post = Some("https://www.linkedin.com/feed/update/urn:li:activity:7300000000000000001/");
        // (why, facts, recorded (else withdrawn), handle, name, post)
        let cases = [
            (
                "old: aria-pressed goes on",
                click("like", pressed(false), pressed(true), dana()),
                true,
                "dana-reyes",
                "Dana Reyes",
                dana_post,
            ),
            (
                "old: aria-pressed goes off",
                click("like", pressed(true), pressed(false), dana()),
                false,
                "dana-reyes",
                "Dana Reyes",
                dana_post,
            ),
            (
                "SDUI: no reaction → Like",
                click(
                    "like",
                    label("Reaction button state: no reaction"),
                    label("Reaction button state: Like"),
                    alice(),
                ),
                true,
                "alice-example",
                "Alice Example",
                None,
            ),
            (
                "SDUI: another reaction, taken back",
                click(
                    "like",
                    label("Reaction button state: Celebrate"),
                    label("Reaction button state: no reaction"),
                    alice(),
                ),
                false,
                "alice-example",
                "Alice Example",
                None,
            ),
            (
                "SDUI in French, with a no-break space before the colon",
                click(
                    "like",
                    label("État du bouton de réaction\u{a0}: aucune réaction"),
                    label("État du bouton de réaction\u{a0}: J’aime"),
                    alice(),
                ),
                true,
                "alice-example",
                "Alice Example",
                None,
            ),
        ];
        for (why, facts, record, handle, name, post) in cases {
            let e = match Linkedin.engagement(&feed(), &facts) {
                Outcome::Record(e) if record => e,
                Outcome::Withdraw(e) if !record => e,
                other => panic!("{why}: {other:?}"),
            };
            assert_eq!((e.site, e.kind, e.direction), (Site::Linkedin, Kind::Like, Direction::Outbound), "{why}");
            assert_eq!(e.target.handle, handle, "{why}");
            assert_eq!(e.target.name.as_deref(), Some(name), "{why}");
            assert_eq!(e.target.profile_url, format!("https://www.linkedin.com/in/{handle}/"), "{why}");
            assert_eq!(e.post_url.as_deref(), post, "{why}");
        }
    }

    #[test]
    fn a_comment_goes_to_the_author_of_the_post_it_was_sent_on() {
        // Old markup: the comment box is inside the post.
        let mut old = click("send_comment", ControlState::default(), ControlState::default(), None);
        old.post = Some(old_post("dana-reyes", "Dana Reyes", "7300000000000000001"));
        // SDUI, box outside the post: the post whose Comment button opened it.
        let mut sdui = click("send_comment", ControlState::default(), ControlState::default(), None);
        sdui.post = Some(PostFacts::default());
        sdui.reply_to = Some(sdui_post("/in/bob-builder-42/", "Bob Builder"));
        // Both known: the post holding the box wins over an older Comment click.
        let mut both = old.clone();
        both.reply_to = Some(sdui_post("/in/bob-builder-42/", "Bob Builder"));
        for (why, facts, handle) in
            [("old", old, "dana-reyes"), ("sdui", sdui, "bob-builder-42"), ("both", both, "dana-reyes")]
        {
            let Outcome::Record(e) = Linkedin.engagement(&feed(), &facts) else { panic!("{why}: not recorded") };
            assert_eq!((e.kind, e.target.handle.as_str()), (Kind::Reply, handle), "{why}");
        }
    }

    #[test]
    fn a_repost_chosen_in_the_menu_goes_to_the_posts_author() {
        let cases = [
            (old_post("erin-okafor", "Erin Okafor", "7300000000000000002"), "erin-okafor"),
            (sdui_post("/in/bob-builder-42/", "Bob Builder"), "bob-builder-42"),
        ];
        for (post, handle) in cases {
            let facts = click("repost", ControlState::default(), ControlState::default(), Some(post));
            let Outcome::Record(e) = Linkedin.engagement(&feed(), &facts) else { panic!("{handle}: not recorded") };
            assert_eq!((e.kind, e.target.handle.as_str()), (Kind::Repost, handle));
        }
        let nothing = click("repost", ControlState::default(), ControlState::default(), None);
        assert!(matches!(Linkedin.engagement(&feed(), &nothing), Outcome::Miss(_)), "menu with no post");
    }

    #[test]
    fn a_reshares_author_is_the_actor_the_content_script_found() {
        // A plain reshare: the actor is the original author, the resharer is
        // only in the header, which the author selector skips. A reshare with
        // the resharer's own words is the resharer's post.
        let plain = click("like", pressed(false), pressed(true), Some(old_post("erin-okafor", "Erin Okafor", "1")));
        let Outcome::Record(e) = Linkedin.engagement(&feed(), &plain) else { panic!("plain reshare") };
        assert_eq!(e.target.handle, "erin-okafor");
        let with_words =
            click("like", pressed(false), pressed(true), Some(old_post("frank-miller", "Frank Miller", "2")));
        let Outcome::Record(e) = Linkedin.engagement(&feed(), &with_words) else { panic!("reshare with words") };
        assert_eq!(e.target.handle, "frank-miller");
    }

    #[test]
    fn the_users_own_posts_and_profile_are_ignored() {
        let own_old =
            click("like", pressed(false), pressed(true), Some(old_post("Kim-Lindqvist", "Kim Lindqvist", "3")));
        let own_sdui = click(
            "like",
            label("Reaction button state: no reaction"),
            label("Reaction button state: Like"),
            Some(sdui_post("https://www.linkedin.com/in/kim-lindqvist/", "Kim Lindqvist")),
        );
        let mut own_comment = click("send_comment", ControlState::default(), ControlState::default(), None);
        own_comment.reply_to = Some(sdui_post("/in/kim-lindqvist/", "Kim Lindqvist"));
        let own_follow = click(
            "follow",
            label("Follow Kim Lindqvist"),
            label("Following Kim Lindqvist"),
            Some(top_card("kim-lindqvist")),
        );
        let own_invite =
            click("send_invite", ControlState::default(), ControlState::default(), Some(top_card("kim-lindqvist")));
        let company = click(
            "like",
            label("Reaction button state: no reaction"),
            label("Reaction button state: Like"),
            Some(sdui_post("https://www.linkedin.com/company/acme/posts/", "Acme")),
        );
        let own_profile = at("/in/kim-lindqvist/");
        for (why, url, facts) in [
            ("own old post", feed(), own_old),
            ("own SDUI post", feed(), own_sdui),
            ("comment on own post", feed(), own_comment),
            ("own follow button", own_profile.clone(), own_follow),
            ("own connect", own_profile, own_invite),
            ("a company's post", feed(), company),
        ] {
            assert!(matches!(Linkedin.engagement(&url, &facts), Outcome::Ignore(_)), "{why}");
        }
    }

    #[test]
    fn follows_and_invitations_on_a_profile() {
        let alice = at("/in/alice-example/");
        let follows = [
            ("Follow Alice Example", "Following, click to unfollow Alice Example", true),
            ("Following Alice Example", "Follow Alice Example", false),
            ("Suivre Alice Example", "Ne plus suivre Alice Example", true),
            ("Unfollow Alice Example", "Follow Alice Example", false),
        ];
        for (before, after, record) in follows {
            let facts = click("follow", label(before), label(after), Some(PostFacts::default()));
            let e = match Linkedin.engagement(&alice, &facts) {
                Outcome::Record(e) if record => e,
                Outcome::Withdraw(e) if !record => e,
                other => panic!("{before} → {after}: {other:?}"),
            };
            assert_eq!((e.kind, e.target.handle.as_str(), e.post_url), (Kind::Follow, "alice-example", None));
        }
        let bob = at("/in/bob-builder-42/");
        let sent =
            click("send_invite", ControlState::default(), ControlState::default(), Some(top_card("Bob-Builder-42")));
        let Outcome::Record(e) = Linkedin.engagement(&bob, &sent) else { panic!("invitation not recorded") };
        assert_eq!((e.kind, e.target.handle.as_str()), (Kind::Follow, "bob-builder-42"));
        // Opened from a side list (no card remembered) or a feed card: not this profile's.
        let side = click("send_invite", ControlState::default(), ControlState::default(), None);
        assert!(matches!(Linkedin.engagement(&bob, &side), Outcome::Ignore(_)), "side list");
        let card = click(
            "send_invite",
            ControlState::default(),
            ControlState::default(),
            Some(sdui_post("/in/frank-miller/", "F")),
        );
        assert!(matches!(Linkedin.engagement(&bob, &card), Outcome::Ignore(_)), "feed card");
    }

    #[test]
    fn unrecognised_or_incomplete_clicks_are_misses_never_guesses() {
        let alice = || Some(sdui_post("/in/alice-example/", "Alice Example"));
        let on = || label("Reaction button state: Like");
        let off = || label("Reaction button state: no reaction");
        let no_self = ClickFacts { self_href: None, ..click("like", off(), on(), alice()) };
        let bob = at("/in/bob-builder-42/");
        let cases = [
            ("no state change", feed(), click("like", off(), off(), alice())),
            ("no state at all", feed(), click("like", ControlState::default(), ControlState::default(), alice())),
            (
                "a language not covered",
                feed(),
                click("like", label("Status der Reaktion: keine"), label("Status der Reaktion: Gefällt mir"), alice()),
            ),
            ("odd aria-pressed", feed(), click("like", pressed(false), label("x"), alice())),
            ("not in a post", feed(), click("like", off(), on(), None)),
            ("no author link", feed(), click("like", off(), on(), Some(PostFacts::default()))),
            (
                "member id",
                feed(),
                click("like", off(), on(), Some(sdui_post("/in/ACoAAByTEzkBjDc4phbwoGbU8clFQ4z78XWyoTY/", "H"))),
            ),
            (
                "off LinkedIn",
                feed(),
                click("like", off(), on(), Some(sdui_post("https://evil.example/in/alice/", "A"))),
            ),
            (
                "not a profile",
                feed(),
                click("like", off(), on(), Some(sdui_post("/feed/update/urn:li:activity:1/", "A"))),
            ),
            ("signed-in member unknown", feed(), no_self),
            (
                "comment with no post",
                feed(),
                click("send_comment", ControlState::default(), ControlState::default(), None),
            ),
            ("follow off a profile", feed(), click("follow", label("Follow Alice"), label("Following Alice"), None)),
            ("follow unchanged", bob.clone(), click("follow", label("Follow Bob"), label("Follow Bob"), None)),
            ("follow label not known", bob.clone(), click("follow", label("Folgen"), label("Gefolgt"), None)),
            (
                "invitation for someone else than the profile shown",
                bob.clone(),
                click("send_invite", ControlState::default(), ControlState::default(), Some(top_card("alice-example"))),
            ),
            (
                "invitation off the profile",
                feed(),
                click(
                    "send_invite",
                    ControlState::default(),
                    ControlState::default(),
                    Some(top_card("bob-builder-42")),
                ),
            ),
            ("unknown control", feed(), click("save", off(), on(), alice())),
        ];
        for (why, url, facts) in cases {
            assert!(matches!(Linkedin.engagement(&url, &facts), Outcome::Miss(_)), "{why}");
        }
    }

    #[test]
    fn profiles_are_vanity_slugs_with_their_top_card() {
        let page = |name: Option<&str>, me: Option<&str>| PageFacts {
            title: String::new(),
            profile_name: name.map(Into::into),
            self_href: me.map(Into::into),
        };
        let shown = page(Some("  Alice  Example "), Some("https://www.linkedin.com/in/kim-lindqvist/"));
        // (path, wanted (handle, is_self))
        let cases: &[(&str, Option<(&str, bool)>)] = &[
            ("/in/alice-example/", Some(("alice-example", false))),
            ("/in/Alice-Example", Some(("alice-example", false))),
            ("/in/alice-example/recent-activity/all/", Some(("alice-example", false))),
            ("/in/alice-example/details/experience/", Some(("alice-example", false))),
            ("/in/alice-example/overlay/contact-info/", Some(("alice-example", false))),
            ("/in/kim-lindqvist/", Some(("kim-lindqvist", true))),
            ("/in/alice-example/edit/intro/", None),
            ("/in/ACoAAByTEzkBjDc4phbwoGbU8clFQ4z78XWyoTY/", None),
            ("/in/me/", None),
            ("/in/", None),
            ("/company/acme/", None),
            ("/feed/", None),
            ("/mynetwork/", None),
            ("/jobs/", None),
            ("/messaging/thread/2-abc/", None),
            ("/notifications/", None),
            ("/search/results/people/", None),
            ("/", None),
        ];
        for (path, want) in cases {
            let got = Linkedin.profile(&at(path), &shown);
            assert_eq!(got.as_ref().map(|p| (p.handle.as_str(), p.is_self)), *want, "{path}");
            if let Some(p) = got {
                assert_eq!(p.name.as_deref(), Some("Alice Example"));
                assert_eq!(p.url, format!("https://www.linkedin.com/in/{}/", p.handle));
            }
        }
        let alice = at("/in/alice-example/");
        assert_eq!(Linkedin.profile(&alice, &page(None, Some(ME))), None, "top card not shown yet");
        assert_eq!(Linkedin.profile(&alice, &page(Some("Alice"), None)), None, "signed-in member unknown");
    }

    #[test]
    fn names_links_and_permalinks_are_read_as_linkedin_writes_them() {
        assert_eq!(display_name(Some("Dana Reyes Dana Reyes • 2nd • 2nd Engineer")).as_deref(), Some("Dana Reyes"));
        assert_eq!(display_name(Some("Alice Example • 3rd+")).as_deref(), Some("Alice Example"));
        assert_eq!(display_name(Some("Dana ReyesDana Reyes • 2nd• 2ndStaff engineer")).as_deref(), Some("Dana Reyes"));
        assert_eq!(display_name(Some("Jean Jean")).as_deref(), Some("Jean"));
        assert_eq!(display_name(Some("Zoë ÅbergZoë Åberg")).as_deref(), Some("Zoë Åberg"));
        assert_eq!(display_name(Some("Åb")).as_deref(), Some("Åb"));
        assert_eq!(display_name(Some("Mary Ann Mary")).as_deref(), Some("Mary Ann Mary"));
        assert_eq!(display_name(Some(" • 2nd")), None);
        let url = feed();
        assert_eq!(
            handle_from_href(&url, "https://linkedin.com/in/Alice-Example?trk=x").as_deref(),
            Some("alice-example")
        );
        assert_eq!(handle_from_href(&url, "/in/j%C3%BCrgen-m/").as_deref(), Some("j%c3%bcrgen-m"));
        assert_eq!(handle_from_href(&url, "//evil.example/in/alice/"), None);
        assert_eq!(
            post_url(&url, "https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7300000000000000001/?x=1")
                .as_deref(),
            Some("https://www.linkedin.com/feed/update/urn:li:activity:7300000000000000001/")
        );
        assert_eq!(post_url(&url, "/feed/update/urn:li:comment:(activity:1,2)/"), None);
        assert_eq!(invitee("/preload/custom-invite/?vanityName=Bob-Builder-42&x=1").as_deref(), Some("bob-builder-42"));
        assert_eq!(invitee("/preload/custom-invite/?vanityName=ACoAAByTEzkBjDc4phbwoGbU8clFQ4z78XWyoTY"), None);
        assert_eq!(invitee("/in/bob/"), None);
    }

    #[test]
    fn the_rules_name_every_control_the_adapter_knows() {
        let rules = Linkedin.rules();
        let names: Vec<_> = rules.controls.iter().map(|c| c.name).collect();
        assert_eq!(
            names,
            [
                "repost",
                "send_invite",
                "like",
                "follow",
                "comment",
                "send_comment",
                "repost_menu",
                "invite",
                "other_invite"
            ]
        );
        for host in ["https://www.linkedin.com/feed/", "https://linkedin.com/in/alice/"] {
            assert!(crate::sites::for_url(host).is_some_and(|(a, _)| a.site() == Site::Linkedin), "{host}");
        }
    }
}
