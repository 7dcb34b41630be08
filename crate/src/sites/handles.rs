//! Canonical handles: one spelling per account, so the same person seen as
//! `@Alice`, `alice` or `https://x.com/ALICE` is one identity.

use crate::model::Site;

fn all_chars(s: &str, ok: impl Fn(u8) -> bool) -> bool {
    !s.is_empty() && s.bytes().all(ok)
}

/// A hostname as Mastodon and Bluesky use them: dot-separated labels of
/// letters, digits and hyphens.
fn is_hostname(s: &str) -> bool {
    s.contains('.')
        && s.len() <= 253
        && s.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && all_chars(label, |b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// The canonical handle of an account on `site`, or `None` when `raw` cannot
/// be one. Lowercase, without a leading `@`. On Mastodon a local `@alice`
/// seen on `local_domain` becomes `alice@local_domain`.
pub fn canonical_handle(site: Site, raw: &str, local_domain: Option<&str>) -> Option<String> {
    let handle = raw.trim().trim_start_matches('@').to_ascii_lowercase();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let valid = match site {
        Site::X => handle.len() <= 20 && all_chars(&handle, word),
        Site::Mastodon => {
            let (user, domain) = match handle.split_once('@') {
                Some((user, domain)) => (user.to_owned(), domain.to_owned()),
                None => (handle.clone(), local_domain?.to_ascii_lowercase()),
            };
            let user_ok = user.len() <= 64 && all_chars(&user, |b| word(b) || b == b'.' || b == b'-');
            return (user_ok && is_hostname(&domain)).then(|| format!("{user}@{domain}"));
        }
        Site::Bluesky => {
            let did = handle
                .strip_prefix("did:plc:")
                .is_some_and(|id| id.len() == 24 && all_chars(id, |b| b.is_ascii_alphanumeric()));
            did || is_hostname(&handle)
        }
        Site::Linkedin => {
            (3..=100).contains(&handle.len())
                && all_chars(&handle, |b| b.is_ascii_alphanumeric() || b == b'-' || b == b'%' || b == b'_')
        }
        Site::Reddit => {
            let name = handle.strip_prefix("u/").unwrap_or(&handle).to_owned();
            return ((3..=20).contains(&name.len()) && all_chars(&name, |b| word(b) || b == b'-')).then_some(name);
        }
        Site::Github => {
            handle.len() <= 39
                && all_chars(&handle, |b| b.is_ascii_alphanumeric() || b == b'-')
                && !handle.starts_with('-')
                && !handle.ends_with('-')
        }
        Site::Facebook => {
            (1..=50).contains(&handle.len()) && all_chars(&handle, |b| b.is_ascii_alphanumeric() || b == b'.')
        }
        Site::Instagram => handle.len() <= 30 && all_chars(&handle, |b| word(b) || b == b'.'),
    };
    valid.then_some(handle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_canonical_per_site() {
        let cases: &[(Site, &str, Option<&str>, Option<&str>)] = &[
            (Site::X, "@Alice_Ex", None, Some("alice_ex")),
            (Site::X, "alice ex", None, None),
            (Site::X, "", None, None),
            (Site::Mastodon, "@Alice", Some("mastodon.social"), Some("alice@mastodon.social")),
            (Site::Mastodon, "@alice@Fosstodon.org", Some("mastodon.social"), Some("alice@fosstodon.org")),
            (Site::Mastodon, "alice", None, None),
            (Site::Mastodon, "alice@not a host", None, None),
            (Site::Bluesky, "@Alice.bsky.social", None, Some("alice.bsky.social")),
            (Site::Bluesky, "did:plc:abcdefghijklmnopqrstuvwx", None, Some("did:plc:abcdefghijklmnopqrstuvwx")),
            (Site::Bluesky, "alice", None, None),
            (Site::Linkedin, "Jane-Doe-12ab", None, Some("jane-doe-12ab")),
            (Site::Reddit, "u/Spez", None, Some("spez")),
            (Site::Reddit, "ab", None, None),
            (Site::Github, "Octo-Cat", None, Some("octo-cat")),
            (Site::Github, "-octo", None, None),
            (Site::Facebook, "zuck.berg", None, Some("zuck.berg")),
            (Site::Instagram, "nat.geo_", None, Some("nat.geo_")),
            (Site::Instagram, "no spaces", None, None),
        ];
        for (site, raw, local, want) in cases {
            assert_eq!(canonical_handle(*site, raw, *local).as_deref(), *want, "{site} {raw}");
        }
    }
}
