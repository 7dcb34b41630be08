//! What all adapters share: addresses, handles, the registry.

use super::*;
use std::collections::BTreeSet;

#[test]
fn page_urls_parse_host_and_path_only() {
    let cases = [
        ("https://x.com/alice?s=20#top", Some(("x.com", "/alice"))),
        ("https://X.com:443", Some(("x.com", "/"))),
        ("https://x.com?q=1", Some(("x.com", "/"))),
        ("http://x.com/alice", None),
        ("https://user@x.com/alice", None),
        ("https:///alice", None),
        ("javascript:alert(1)", None),
    ];
    for (url, want) in cases {
        let got = PageUrl::parse(url);
        assert_eq!(got.as_ref().map(|u| (u.host.as_str(), u.path.as_str())), want, "{url}");
    }
}

#[test]
fn queries_are_kept_apart_from_the_path() {
    let cases = [
        ("https://www.facebook.com/profile.php?id=100001&sk=about#x", "id=100001&sk=about"),
        ("https://x.com?q=1", "q=1"),
        ("https://x.com/alice#top?no", ""),
        ("https://x.com/alice", ""),
    ];
    for (url, want) in cases {
        assert_eq!(PageUrl::parse(url).map(|u| u.query).as_deref(), Some(want), "{url}");
    }
    let page =
        PageUrl::parse("https://www.facebook.com/profile.php?sk=about&id=42&id=43").unwrap_or_else(|| panic!("parse"));
    assert_eq!((page.param("id"), page.param("sk"), page.param("x")), (Some("42"), Some("about"), None));
    assert_eq!(query_param("?a=1&b", "b"), None);
    assert_eq!(query_param("a=&b=2", "a"), Some(""));
}

#[test]
fn links_resolve_only_on_the_same_host() {
    let page = PageUrl::parse("https://x.com/home").unwrap_or_else(|| panic!("parse"));
    assert_eq!(page.same_site_path("/alice?x=1").as_deref(), Some("/alice"));
    assert_eq!(page.same_site_path("https://x.com/bob").as_deref(), Some("/bob"));
    assert_eq!(page.same_site_path("https://evil.example/bob"), None);
    assert_eq!(page.same_site_path("//evil.example/bob"), None);
}

#[test]
fn every_registered_site_has_fixtures_and_a_readme_line() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap_or_default();
    for adapter in all() {
        let dir = root.join("tests/fixtures").join(adapter.site().id());
        assert!(dir.join("index.html").is_file(), "no fixture site for {}", adapter.site());
        let line = format!("- **{}**", adapter.site().label());
        assert!(readme.contains(&line), "README has no line starting {line:?}");
    }
}

/// Every site fact in a site's file (its selectors, labels, URL
/// segments, hosts: the string constants) cites the public reference it
/// was read in, `Source: <owner>/<repository> <path> (<commit or date>)`,
/// or says `Unverified:` and why; and no site file cites the team's own
/// notes outside the repository (docs/sites/<site>.md lists the sources).
#[test]
fn every_site_fact_cites_a_public_source_or_says_unverified() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/sites");
    let mut uncited = Vec::new();
    for adapter in all() {
        let site = adapter.site().id();
        let file = dir.join(format!("{site}.rs"));
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(
            // Spelled in two parts, so this test is not itself a citation of them.
            !text.contains(concat!("../", "shared")) && !text.contains(concat!("sites", ".md")),
            "{site}.rs cites notes outside the repository"
        );
        assert!(text.contains(&format!("docs/sites/{site}.md")), "{site}.rs does not point to docs/sites/{site}.md");
        let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../docs/sites/{site}.md"));
        assert!(docs.is_file(), "no {}", docs.display());
        // The tests at the bottom name their own made-up accounts.
        let lines: Vec<&str> = text.lines().take_while(|l| !l.starts_with("#[cfg(test)]")).collect();
        for (i, line) in lines.iter().enumerate() {
            let decl = line.trim_start().trim_start_matches("pub ");
            let Some(rest) = decl.strip_prefix("const ") else { continue };
            let Some((name, ty)) = rest.split_once(':') else { continue };
            if !ty.split('=').next().unwrap_or("").contains("&str") {
                continue;
            }
            let comment: Vec<&str> = lines[..i]
                .iter()
                .rev()
                .map(|l| l.trim_start())
                .take_while(|l| l.starts_with("//") || l.starts_with("#["))
                .collect();
            let cited = comment.iter().any(|l| {
                let l = l.trim_start_matches('/').trim_start();
                l.starts_with("Unverified:") || l.strip_prefix("Source: ").is_some_and(is_reference)
            });
            if !cited {
                uncited.push(format!("{site}.rs:{} {}", i + 1, name.trim()));
            }
        }
    }
    assert!(uncited.is_empty(), "string constants with no `Source:` or `Unverified:` line above: {uncited:#?}");
}

/// The manifest runs the content script, and offers the card's frame,
/// on exactly the hosts the adapters know: a host only in the manifest
/// would run Kindling where nothing is understood, one only in an
/// adapter would never be read.
#[test]
fn the_manifests_host_lists_are_the_adapters_hosts() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../extension/manifest.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let manifest: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("manifest: {e}"));
    let hosts_of = |list: &serde_json::Value| -> BTreeSet<String> {
        list.as_array()
            .map(|a| a.iter().filter_map(|m| m.as_str()).collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .map(|m| {
                let host = m.strip_prefix("https://").and_then(|r| r.strip_suffix("/*"));
                host.unwrap_or_else(|| panic!("not an https://host/* pattern: {m}")).to_owned()
            })
            .collect()
    };
    let adapters: BTreeSet<String> = all().iter().flat_map(|a| a.hosts()).map(|h| (*h).to_owned()).collect();
    let scripts = manifest["content_scripts"].as_array().map(Vec::len).unwrap_or(0);
    assert_eq!(scripts, 1, "one content script");
    assert_eq!(hosts_of(&manifest["content_scripts"][0]["matches"]), adapters, "content_scripts matches");
    let frames = manifest["web_accessible_resources"].as_array().map(Vec::len).unwrap_or(0);
    assert_eq!(frames, 1, "one web-accessible resource entry");
    assert_eq!(hosts_of(&manifest["web_accessible_resources"][0]["matches"]), adapters, "the card's hosts");
}

/// `owner/repository path…`: a public repository and a path in it.
fn is_reference(citation: &str) -> bool {
    let mut words = citation.split_whitespace();
    let repo = words.next().unwrap_or("");
    let path = words.next().unwrap_or("");
    let parts: Vec<&str> = repo.split('/').collect();
    parts.len() == 2 && parts.iter().all(|p| !p.is_empty()) && !path.is_empty()
}

#[test]
fn person_scopes_are_read_for_controls_of_their_site() {
    for adapter in all() {
        let Some(person) = adapter.person_rules() else { continue };
        let rules = adapter.rules();
        assert!(!person.controls.is_empty(), "{}", adapter.site());
        for name in person.controls {
            assert!(rules.controls.iter().any(|c| c.name == *name), "{}: {name:?}", adapter.site());
        }
    }
}

#[test]
fn every_shortcut_names_a_control_of_its_site() {
    for adapter in all() {
        let rules = adapter.rules();
        for key in adapter.keys() {
            assert!(
                rules.controls.iter().any(|c| c.name == key.control),
                "{}: key {:?} names no control {:?}",
                adapter.site(),
                key.key,
                key.control
            );
            assert_eq!(key.key.chars().count(), 1, "{}: shortcuts are single keys", adapter.site());
        }
    }
}

#[test]
fn post_attributes_asked_for_are_few_and_plain_attribute_names() {
    for adapter in all() {
        let url = PageUrl::parse(&format!("https://{}/notifications", adapter.hosts()[0]));
        let inbound = url.and_then(|url| adapter.inbound_rules(&url)).map_or(&[][..], |rules| rules.attributes);
        for names in [adapter.rules().post_attributes, inbound] {
            assert!(names.len() <= MAX_POST_ATTRIBUTES, "{}", adapter.site());
            for name in names {
                let plain = name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                assert!(plain && !name.is_empty() && name.len() <= 64, "{}: {name:?}", adapter.site());
            }
        }
    }
}

#[test]
fn names_are_cleaned_and_capped() {
    assert_eq!(clean_name(Some("  Alice \n Example ")).as_deref(), Some("Alice Example"));
    assert_eq!(clean_name(Some("   ")), None);
    assert_eq!(clean_name(Some(&"a".repeat(300))).map(|n| n.len()), Some(100));
}
