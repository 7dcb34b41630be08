//! The hosts each site is served on, and the Mastodon instances a user may
//! add: all the extension pages need of the sites (the options page links
//! each site's first host and checks an instance the user types). Kept apart
//! from the adapters, which read their hosts from here, so that the pages'
//! wasm module holds no adapter (docs/architecture.md, "Two modules").

use crate::model::text::Text;
use crate::model::Site;

/// Source: insin/control-panel-for-twitter manifest.mv3.json (0962235, 2026-08-17) matches these four hosts.
pub const X: &[&str] = &["x.com", "twitter.com", "mobile.x.com", "mobile.twitter.com"];

/// The instances Kindling works on out of the box. Any instance runs the same
/// web app; these are the largest general ones.
/// Unverified: a product choice (the general servers listed on
/// joinmastodon.org/servers), not markup read in a repository.
pub const MASTODON: &[&str] = &[
    "mastodon.social",
    "mastodon.online",
    "mastodon.world",
    "fosstodon.org",
    "hachyderm.io",
    "infosec.exchange",
    "mas.to",
];

/// The one host: github-url-detection's page tests are all `https://github.com/…`.
/// Source: refined-github/github-url-detection index.ts (02daa6a)
pub const GITHUB: &[&str] = &["github.com"];

/// The web app's host.
/// Source: bluesky-social/social-app src/lib/routes/links.ts (9a542b7)
pub const BLUESKY: &[&str] = &["bsky.app"];

/// The new design's hosts (extensions match `*://www.reddit.com/*`).
/// Source: joelacus/RedditEnhancer src-webpack/src/common/content/tweaks/hide_elements/hide_join_conversation.js (8b2dcf3)
pub const REDDIT: &[&str] = &["www.reddit.com", "reddit.com"];

// The hosts LinkedIn's web app is served on (the profile links the sources
// linkedin.rs cites print are `https://www.linkedin.com/in/<slug>/`).
// Source: stickerdaniel/linkedin-mcp-server linkedin_mcp_server/scraping/identifiers.py (9bc9cf2)
pub const LINKEDIN: &[&str] = &["www.linkedin.com", "linkedin.com"];

/// The hosts the adapter works on; links on either name `www.facebook.com`.
/// Source: DimensionDev/Maskbook packages/mask/content-script/site-adaptors/facebook.com/collecting/identity.ts (49c9a29)
pub const FACEBOOK: &[&str] = &["www.facebook.com", "facebook.com"];

/// The hosts the adapter works on.
/// Source: KineticNexus/instagram-ai-bot src/automation/selectors.ts (535cf81)
pub const INSTAGRAM: &[&str] = &["www.instagram.com", "instagram.com"];

/// The hosts Kindling works on for `site`, as its adapter's `hosts()`.
pub fn of(site: Site) -> &'static [&'static str] {
    match site {
        Site::X => X,
        Site::Mastodon => MASTODON,
        Site::Bluesky => BLUESKY,
        Site::Linkedin => LINKEDIN,
        Site::Reddit => REDDIT,
        Site::Github => GITHUB,
        Site::Facebook => FACEBOOK,
        Site::Instagram => INSTAGRAM,
    }
}

/// The instances Kindling works on without being asked.
pub fn shipped_hosts() -> &'static [&'static str] {
    MASTODON
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
    if MASTODON.contains(&bare.as_str()) {
        return Err(Text::new("options_instance_shipped").with(bare));
    }
    // Another site's own host is not a Mastodon instance: read as one, its
    // pages would be Mastodon's to the adapters.
    let other = Site::ALL.into_iter().find(|s| *s != Site::Mastodon && of(*s).contains(&bare.as_str()));
    if let Some(site) = other {
        return Err(Text::new("options_instance_other_site").with(bare).with(site.label()));
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

#[cfg(all(test, feature = "background"))]
mod tests {
    use super::*;

    #[test]
    fn each_sites_hosts_are_its_adapters() {
        for adapter in crate::sites::all() {
            assert_eq!(of(adapter.site()), adapter.hosts(), "{}", adapter.site());
        }
    }
}
