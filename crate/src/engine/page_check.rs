//! The page check the user runs from the popup: what Kindling recognises on
//! the page in front of them, from the counts the content script took with
//! the site's own rules, and a report of it to paste into a bug report when a
//! site changed. The report holds counts and rule names only: never a name,
//! a handle, a title, an address's path or a post's words.

use crate::model::text::Text;
use crate::model::Site;
use crate::sites::{PageFacts, PageUrl, SiteAdapter};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The most posts the content script looks into for a check.
pub const MAX_CHECKED_POSTS: u32 = 200;

/// The most markers or controls one check may name (a site has a dozen).
pub const MAX_MARKERS: usize = 64;

/// The longest marker or control name a check may carry.
pub const MAX_MARKER_NAME: usize = 64;

/// What the content script counted, with the site's rules, on the page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageCounts {
    /// Matches in the whole document of each rule that is not a control:
    /// `post`, `self_link`, `profile_name`, `person` (a person scope, on
    /// sites that have one) and `inbound_item` (on a notifications page).
    #[serde(default)]
    pub markers: BTreeMap<String, u32>,
    /// The posts looked into: the first `MAX_CHECKED_POSTS`.
    #[serde(default)]
    pub posts_checked: u32,
    /// Of those, the ones with an author link, and with a permalink.
    #[serde(default)]
    pub with_author: u32,
    #[serde(default)]
    pub with_permalink: u32,
    /// Each control, by its rule's name: matches anywhere on the page (a
    /// profile's follow button too), and posts looked into that hold one.
    #[serde(default)]
    pub controls_on_page: BTreeMap<String, u32>,
    #[serde(default)]
    pub controls_in_posts: BTreeMap<String, u32>,
}

impl PageCounts {
    /// Refuse more names, or longer ones, than any site's rules have.
    pub fn check_sizes(&self) -> Result<(), String> {
        let maps = [&self.markers, &self.controls_on_page, &self.controls_in_posts];
        if maps.iter().any(|map| map.len() > MAX_MARKERS) {
            return Err(format!("at most {MAX_MARKERS} markers or controls in a page check"));
        }
        if maps.iter().flat_map(|map| map.keys()).any(|name| name.len() > MAX_MARKER_NAME) {
            return Err(format!("a marker name of at most {MAX_MARKER_NAME} bytes"));
        }
        Ok(())
    }
}

/// Whose profile the page is, as far as the check tells the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedProfile {
    pub handle: String,
    /// The signed-in user's own.
    pub own: bool,
}

/// One marker of the site's rules and how often it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// The rule's name: `post`, `author`, …, or `control <name>`.
    pub name: String,
    pub count: u32,
}

/// What Kindling recognises on one page. The popup gets it as its `lines`,
/// `marker_lines` and `report` (`Response::PageCheck`): it lays them out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageCheck {
    /// None: not a site Kindling reads.
    pub site: Option<Site>,
    pub profile: Option<CheckedProfile>,
    /// The signed-in user's link as found on the page, or else as an earlier
    /// page of the site showed it (`signed_in_remembered`).
    pub signed_in: Option<String>,
    /// The page shows no link to the user: `signed_in` is the one remembered.
    pub signed_in_remembered: bool,
    pub notifications: bool,
    pub posts: u32,
    pub posts_checked: u32,
    pub with_author: u32,
    pub with_permalink: u32,
    /// Each control of the site, in the order of its rules: its name and the
    /// posts looked into that hold one.
    pub controls: Vec<(String, u32)>,
    pub markers: Vec<Marker>,
    /// The same in English, counts and rule names only, to copy.
    pub report: String,
}

/// Check a page: what the site's adapter makes of it, and the counts taken
/// with its rules. Only names the adapter's own rules use reach the result,
/// whatever names the counts carry. Records nothing.
///
/// `remembered` is the user's link as an earlier page of the site showed it
/// (`Records::signed_in`), used where this page shows none, as every report
/// from the page is read.
pub fn check(
    site: Option<(&dyn SiteAdapter, &PageUrl)>,
    page: &PageFacts,
    remembered: Option<&str>,
    counts: &PageCounts,
) -> PageCheck {
    let Some((adapter, url)) = site else {
        let mut nothing = PageCheck {
            site: None,
            profile: None,
            signed_in: None,
            signed_in_remembered: false,
            notifications: false,
            posts: 0,
            posts_checked: 0,
            with_author: 0,
            with_permalink: 0,
            controls: Vec::new(),
            markers: Vec::new(),
            report: String::new(),
        };
        nothing.report = report(&nothing);
        return nothing;
    };
    let rules = adapter.rules();
    let shown = page.self_href.clone().filter(|s| !s.is_empty());
    let signed_in_remembered = shown.is_none() && remembered.is_some();
    let page = &PageFacts { self_href: shown.or_else(|| remembered.map(str::to_owned)), ..page.clone() };
    let marker = |name: &str| counts.markers.get(name).copied().unwrap_or(0);
    let notifications = adapter.inbound_rules(url).is_some();
    let mut markers = vec![
        Marker { name: "post".into(), count: marker("post") },
        Marker { name: "author".into(), count: counts.with_author },
        Marker { name: "permalink".into(), count: counts.with_permalink },
        Marker { name: "self_link".into(), count: marker("self_link") },
        Marker { name: "profile_name".into(), count: marker("profile_name") },
    ];
    if adapter.person_rules().is_some() {
        markers.push(Marker { name: "person".into(), count: marker("person") });
    }
    if notifications {
        markers.push(Marker { name: "inbound_item".into(), count: marker("inbound_item") });
    }
    let mut controls: Vec<(String, u32)> = Vec::new();
    for rule in &rules.controls {
        // Several rules may share a name (one control in two markups): one line.
        if controls.iter().any(|(name, _)| name == rule.name) {
            continue;
        }
        let count = |map: &BTreeMap<String, u32>| map.get(rule.name).copied().unwrap_or(0);
        controls.push((rule.name.to_owned(), count(&counts.controls_in_posts)));
        markers.push(Marker { name: format!("control {}", rule.name), count: count(&counts.controls_on_page) });
    }
    let mut checked = PageCheck {
        site: Some(adapter.site()),
        profile: adapter.profile(url, page).map(|p| CheckedProfile { handle: p.handle, own: p.is_self }),
        signed_in: page.self_href.clone(),
        signed_in_remembered,
        notifications,
        posts: marker("post"),
        posts_checked: counts.posts_checked.min(MAX_CHECKED_POSTS),
        with_author: counts.with_author,
        with_permalink: counts.with_permalink,
        controls,
        markers,
        report: String::new(),
    };
    checked.report = report(&checked);
    checked
}

/// The copyable report: in English whatever the user's language (it is for
/// bug reports), and built only from counts, the site's label and rule names.
/// The profile's handle and the signed-in link are deliberately not read here.
fn report(check: &PageCheck) -> String {
    let Some(site) = check.site else {
        return format!("Kindling {} page check\nsite: none (not a site Kindling reads)\n", env!("CARGO_PKG_VERSION"));
    };
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let profile = match &check.profile {
        Some(p) if p.own => "yes, the user's own",
        Some(_) => "yes, someone else's",
        None => "no",
    };
    let mut lines = vec![
        format!("Kindling {} page check", env!("CARGO_PKG_VERSION")),
        format!("site: {}", site.label()),
        format!("profile page: {profile}"),
        format!(
            "signed-in link: {}",
            match (&check.signed_in, check.signed_in_remembered) {
                (Some(_), false) => "found",
                (Some(_), true) => "not on this page, remembered from an earlier one",
                (None, _) => "not found",
            }
        ),
        format!("notifications page: {}", yes_no(check.notifications)),
        format!(
            "posts: {} ({} checked: {} with author, {} with permalink)",
            check.posts, check.posts_checked, check.with_author, check.with_permalink
        ),
        format!(
            "controls in posts: {}",
            check.controls.iter().map(|(name, n)| format!("{name} {n}")).collect::<Vec<_>>().join(", ")
        ),
        "markers:".to_owned(),
    ];
    lines.extend(check.markers.iter().map(|m| match m.count {
        0 => format!("  {}: not found", m.name),
        n => format!("  {}: found ({n})", m.name),
    }));
    lines.join("\n") + "\n"
}

impl PageCheck {
    /// The check as the popup shows it, in the user's language: site,
    /// profile, signed in, posts, controls, notifications page.
    pub fn lines(&self) -> Vec<Text> {
        let Some(site) = self.site else { return vec![Text::new("check_no_site")] };
        let profile = match &self.profile {
            Some(p) if p.own => Text::new("check_profile_own").with(p.handle.as_str()),
            Some(p) => Text::new("check_profile").with(p.handle.as_str()),
            None => Text::new("check_not_profile"),
        };
        let signed_in = match (&self.signed_in, self.signed_in_remembered) {
            (Some(link), false) => Text::new("check_signed_in").with(link.as_str()),
            (Some(link), true) => Text::new("check_signed_in_remembered").with(link.as_str()),
            (None, _) => Text::new("check_signed_in_not_found"),
        };
        let posts = Text::new("check_posts")
            .with(self.posts.to_string())
            .with(self.with_author.to_string())
            .with(self.with_permalink.to_string());
        let controls: Vec<String> = self.controls.iter().map(|(name, n)| format!("{name} {n}")).collect();
        vec![
            Text::new("check_site").with(site.label()),
            profile,
            signed_in,
            posts,
            Text::new("check_controls").with(controls.join(" · ")),
            Text::new(if self.notifications { "check_notifications" } else { "check_not_notifications" }),
        ]
    }

    /// Each marker, found (with its count) or not.
    pub fn marker_lines(&self) -> Vec<Text> {
        self.markers
            .iter()
            .map(|m| match m.count {
                0 => Text::new("check_marker_missing").with(m.name.as_str()),
                n => Text::new("check_marker_found").with(m.name.as_str()).with(n.to_string()),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text::english_list;

    fn counts(posts: u32, controls: &[(&str, u32, u32)], markers: &[(&str, u32)]) -> PageCounts {
        let mut all: BTreeMap<String, u32> = markers.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect();
        all.insert("post".into(), posts);
        PageCounts {
            markers: all,
            posts_checked: posts.min(MAX_CHECKED_POSTS),
            with_author: posts.min(MAX_CHECKED_POSTS),
            with_permalink: posts.min(MAX_CHECKED_POSTS).saturating_sub(1),
            controls_on_page: controls.iter().map(|(name, n, _)| ((*name).to_owned(), *n)).collect(),
            controls_in_posts: controls.iter().map(|(name, _, n)| ((*name).to_owned(), *n)).collect(),
        }
    }

    fn run(url: &str, page: &PageFacts, counts: &PageCounts) -> PageCheck {
        let found = crate::sites::for_url(url);
        check(found.as_ref().map(|(a, p)| (*a, p)), page, None, counts)
    }

    #[test]
    fn a_page_without_the_users_link_is_read_with_the_one_remembered_and_says_so() {
        // Facebook names the user on its home feed only: a profile opened
        // straight is read with the link remembered from there.
        let url = "https://www.facebook.com/alice.example";
        let found = crate::sites::for_url(url);
        let site = found.as_ref().map(|(a, p)| (*a, p));
        let facts = page("Alice Example | Facebook", Some("Alice Example"), None);
        let seen = counts(0, &[], &[("profile_name", 1)]);
        let remembered = Some("https://www.facebook.com/kim.lindqvist");
        let check = check(site, &facts, remembered, &seen);
        assert_eq!(check.signed_in.as_deref(), remembered);
        assert!(check.signed_in_remembered);
        assert!(
            check.report.contains("signed-in link: not on this page, remembered from an earlier one"),
            "{}",
            check.report
        );
        assert!(!check.report.contains("kim.lindqvist"), "{}", check.report);
        let lines = english_list(&check.lines());
        assert!(lines.contains("remembered from an earlier one"), "{lines}");
        // A link on the page wins over the one remembered.
        let shown = page("Alice Example | Facebook", Some("Alice Example"), Some("/someone.else"));
        let check2 = crate::engine::page_check::check(site, &shown, remembered, &seen);
        assert_eq!((check2.signed_in.as_deref(), check2.signed_in_remembered), (Some("/someone.else"), false));
    }

    fn page(title: &str, name: Option<&str>, me: Option<&str>) -> PageFacts {
        PageFacts { title: title.into(), profile_name: name.map(Into::into), self_href: me.map(Into::into) }
    }

    #[test]
    fn a_profile_page_says_whose_it_is_and_what_was_found() {
        let facts = page("Alice Example (@alice) / X", Some("Alice Example"), Some("/kim"));
        let seen = counts(3, &[("like", 3, 3), ("follow", 1, 0)], &[("self_link", 1), ("profile_name", 1)]);
        let check = run("https://x.com/alice", &facts, &seen);
        assert_eq!(check.site, Some(Site::X));
        assert_eq!(check.profile, Some(CheckedProfile { handle: "alice".into(), own: false }));
        assert_eq!(check.signed_in.as_deref(), Some("/kim"));
        assert!(!check.notifications);
        assert_eq!((check.posts, check.with_author, check.with_permalink), (3, 3, 2));
        let lines = english_list(&check.lines());
        assert!(lines.contains("Site: X, Profile of alice, Signed in as /kim"), "{lines}");
        assert!(check.report.contains("profile page: yes, someone else's"), "{}", check.report);
        assert!(check.report.contains("  control follow: found (1)"), "{}", check.report);
        assert!(check.report.contains("  profile_name: found (1)"), "{}", check.report);
        assert!(check.report.contains("controls in posts: like 3, "), "{}", check.report);
        // The user's own profile says so.
        let own = run("https://x.com/kim", &page("Kim (@kim) / X", Some("Kim"), Some("/kim")), &seen);
        assert_eq!(own.profile, Some(CheckedProfile { handle: "kim".into(), own: true }));
        assert!(own.report.contains("profile page: yes, the user's own"), "{}", own.report);
    }

    #[test]
    fn a_feed_counts_posts_and_controls_and_is_no_profile() {
        let seen = counts(250, &[("like", 250, 200), ("reply", 250, 200)], &[("self_link", 1)]);
        let check = run("https://x.com/home", &page("Home / X", None, None), &seen);
        assert_eq!(check.profile, None);
        assert_eq!(check.signed_in, None);
        assert_eq!((check.posts, check.posts_checked), (250, 200));
        assert!(check.controls.contains(&("like".to_owned(), 200)));
        assert!(check.report.contains("posts: 250 (200 checked: 200 with author, 199 with permalink)"));
        assert!(check.report.contains("signed-in link: not found"), "{}", check.report);
        assert!(check.report.contains("  profile_name: not found"), "{}", check.report);
        let lines = english_list(&check.lines());
        assert!(lines.contains("Not a profile page"), "{lines}");
        assert!(lines.contains("like 200 · follow 0 · reply 200"), "{lines}");
        // Every control of the site is listed, found or not.
        let controls = crate::sites::x::X.rules().controls;
        assert!(controls.iter().all(|c| check.controls.iter().any(|(name, _)| name == c.name)));
    }

    #[test]
    fn a_notifications_page_lists_its_items() {
        let seen = counts(0, &[], &[("inbound_item", 4)]);
        let check = run("https://mastodon.social/notifications", &page("Notifications", None, Some("/@kim")), &seen);
        assert!(check.notifications);
        assert!(check.markers.contains(&Marker { name: "inbound_item".into(), count: 4 }));
        assert!(check.report.contains("notifications page: yes\n"), "{}", check.report);
        assert!(check.report.contains("  inbound_item: found (4)"), "{}", check.report);
        // Elsewhere there is no such marker.
        let feed = run("https://mastodon.social/home", &page("Home", None, None), &seen);
        assert!(!feed.notifications && !feed.report.contains("inbound_item"), "{}", feed.report);
    }

    #[test]
    fn an_unknown_page_is_no_site() {
        let check = run("https://example.org/alice", &page("Alice", Some("Alice"), Some("/me")), &counts(5, &[], &[]));
        assert_eq!((check.site, &check.profile, check.posts), (None, &None, 0));
        assert!(check.report.contains("site: none"), "{}", check.report);
        assert!(!check.report.contains("alice") && !check.report.contains("/me"), "{}", check.report);
        assert_eq!(english_list(&check.lines()), "Kindling does not read this site.");
    }

    #[test]
    fn names_the_site_does_not_have_never_reach_the_report() {
        let mut seen = counts(1, &[("like", 1, 1)], &[]);
        seen.markers.insert("Alice Example".into(), 1);
        seen.controls_on_page.insert("@alice".into(), 1);
        let check = run("https://x.com/home", &page("Home / X", None, None), &seen);
        assert!(!check.report.contains("Alice") && !check.report.contains("@alice"), "{}", check.report);
        assert!(!english_list(&check.marker_lines()).contains("Alice"));
    }

    #[test]
    fn the_report_holds_no_name_handle_title_or_path_from_the_facts() {
        // Unique strings, so any leak is found.
        let (handle, name, me, post) = ("qx7handle", "Ysolde Quarnbeck", "zz9selfhandle", "wombatlantern93817");
        let cases = [
            (format!("https://x.com/{handle}"), format!("{name} (@{handle}) / X"), format!("/{me}")),
            (format!("https://x.com/{handle}/status/1"), format!("{name} on X: \"{post}\" / X"), format!("/{me}")),
            (
                format!("https://mastodon.social/@{handle}"),
                format!("{name} (@{handle}@mastodon.social)"),
                format!("/@{me}"),
            ),
            (format!("https://github.com/{handle}"), format!("{handle} ({name})"), me.to_owned()),
            (
                format!("https://bsky.app/profile/{handle}.bsky.social"),
                format!("{name} (@{handle})"),
                format!("/profile/{me}"),
            ),
            (format!("https://www.reddit.com/user/{handle}/"), format!("{name} (u/{handle})"), format!("/user/{me}/")),
        ];
        for (url, title, self_href) in cases {
            let facts = page(&title, Some(name), Some(&self_href));
            let seen = counts(2, &[("like", 2, 2)], &[("self_link", 1), ("profile_name", 1)]);
            let check = run(&url, &facts, &seen);
            assert!(check.site.is_some(), "{url}");
            let path = url.split_once("://").and_then(|(_, rest)| rest.split_once('/')).map_or("", |(_, p)| p);
            for secret in [handle, name, me, post, title.as_str(), path] {
                assert!(!check.report.contains(secret), "{url}: {secret:?} in\n{}", check.report);
            }
        }
    }

    #[test]
    fn counts_are_capped_in_names_and_number() {
        let many: BTreeMap<String, u32> = (0..=MAX_MARKERS).map(|i| (format!("m{i}"), 1)).collect();
        assert!(PageCounts { markers: many, ..Default::default() }.check_sizes().is_err());
        let long = [("a".repeat(MAX_MARKER_NAME + 1), 1)].into();
        assert!(PageCounts { controls_in_posts: long, ..Default::default() }.check_sizes().is_err());
        assert!(counts(3, &[("like", 3, 3)], &[("self_link", 1)]).check_sizes().is_ok());
    }
}
