//! The messages as the background reads them: every request's shape, the
//! caps, the senders each may come from.

#[test]
fn lone_surrogates_become_replacement_characters() {
    let read = |text: &str| serde_json::from_str::<String>(&well_formed_json(text)).ok();
    // Half an emoji at the end of a capped name, as JSON.stringify writes it.
    assert_eq!(read(r#""A🔥\ud83d""#).as_deref(), Some("A🔥\u{fffd}"));
    assert_eq!(read(r#""\uDC00x\ud800""#).as_deref(), Some("\u{fffd}x\u{fffd}"));
    // A pair written as escapes is one character; an escaped backslash is no escape.
    assert_eq!(read(r#""\ud83d\udd25""#).as_deref(), Some("🔥"));
    assert_eq!(read(r#""\\ud800""#).as_deref(), Some("\\ud800"));
    assert_eq!(read(r#""\\\ud800""#).as_deref(), Some("\\\u{fffd}"));
    // Nothing to change: the text itself, not a copy.
    assert!(matches!(well_formed_json(r#"{"a":"\u00e9\n"}"#), std::borrow::Cow::Borrowed(_)));
    // A cut-off escape at the end stays as it is, for the decoder to refuse.
    assert_eq!(well_formed_json(r#""\ud8"#), r#""\ud8"#);
}

#[test]
fn a_report_must_be_about_the_page_that_sent_it() {
    let seen = |url: &str| super::Request::SiteRules { url: url.into() };
    let from = "https://x.com/alice";
    assert!(seen("https://x.com/home").from_its_page(from));
    assert!(seen("HTTPS://X.COM/home").from_its_page(from), "origins compare without case");
    for other in [
        "https://evil.example/x.com",
        "https://x.com.evil.example/",
        "https://x.com:8443/alice",
        "https://user@x.com/alice",
        "http://x.com/alice",
        "javascript:alert(1)",
        "https://",
        "",
    ] {
        assert!(!seen(other).from_its_page(from), "{other}");
    }
    assert!(!seen("https://x.com/home").from_its_page("https://github.com/"), "another tab's site");
    assert!(super::Request::Recording {}.from_its_page("https://x.com/"), "no page named");
}

use super::*;
use chrono::NaiveDate;
use serde_json::json;

#[test]
fn requests_parse_from_tagged_json_and_unknown_fields_are_refused() {
    let ok: Result<Request, _> = serde_json::from_str(r#"{"type":"site_rules","url":"https://x.com/"}"#);
    assert_eq!(ok.ok(), Some(Request::SiteRules { url: "https://x.com/".into() }));
    for bad in [
        r#"{"type":"site_rules","url":"https://x.com/","extra":1}"#,
        r#"{"type":"drop_everything"}"#,
        r#"{"url":"https://x.com/"}"#,
        r#"{"type":"card","site":"myspace","handle":"a"}"#,
        r#"{"type":"engagement","url":"u","facts":{"control":"like","surprise":true}}"#,
        r#"[1,2]"#,
        // The tag comes first, as every Kindling sender writes it.
        r#"{"url":"https://x.com/","type":"site_rules"}"#,
        r#"{"type":"update_person","person":"p:x:a","change":{"on":true,"what":"track"}}"#,
    ] {
        assert!(serde_json::from_str::<Request>(bad).is_err(), "{bad}");
    }
}

#[test]
fn the_overlays_early_card_request_is_the_cores_own() {
    // overlay.js asks for the first card itself while the core starts,
    // and hands that answer to the core's first request when the two
    // have the same four fields.
    let early = r#"{"type":"card","site":"x","handle":"alice","today":"2026-11-26"}"#;
    let request = Request::Card { site: Site::X, handle: "alice".into(), today: NaiveDate::from_ymd_opt(2026, 11, 26) };
    assert_eq!(serde_json::from_str::<Request>(early).ok(), Some(request.clone()));
    assert_eq!(serde_json::to_value(&request).ok(), serde_json::from_str(early).ok());
}

#[test]
fn content_scripts_can_report_but_never_read() {
    let read = Request::Card { site: Site::X, handle: "a".into(), today: None };
    let report = Request::SiteRules { url: "https://x.com/".into() };
    assert!(!read.allowed_from(Sender::ContentScript));
    assert!(read.allowed_from(Sender::ExtensionPage));
    assert!(report.allowed_from(Sender::ContentScript));
    assert!(!report.allowed_from(Sender::ExtensionPage));
    assert!(!Request::Recent { limit: 5 }.allowed_from(Sender::ContentScript));
}

#[test]
fn the_card_frame_in_a_page_does_what_the_card_does_for_its_tabs_profile_only() {
    let alice = Request::Card { site: Site::X, handle: "alice".into(), today: None };
    assert!(alice.allowed_from(Sender::CardFrame));
    assert!(alice.for_card_frame(Some(("x", "alice"))));
    for shown in [None, Some(("x", "carol")), Some(("mastodon", "alice")), Some(("x", "Alice"))] {
        assert!(!alice.for_card_frame(shown), "{shown:?}");
    }
    let track = Request::UpdatePerson { person: "p:x:alice".into(), change: PersonChange::Track { on: true } };
    assert!(track.allowed_from(Sender::CardFrame) && track.for_card_frame(Some(("x", "alice"))));
    let refused: Vec<Request> = vec![
        Request::Export { format: ExportFormat::Json },
        Request::DeleteEverything {},
        Request::DeletePerson { person: "p:x:alice".into() },
        Request::Recent { limit: 5 },
        Request::SaveSettings { settings: Settings::default() },
        Request::SiteRules { url: "https://x.com/".into() },
    ];
    for request in refused {
        assert!(!request.allowed_from(Sender::CardFrame), "{request:?}");
        assert!(request.allowed_from(Sender::ExtensionPage) || request.allowed_from(Sender::ContentScript));
    }
}

#[test]
fn oversized_fields_are_refused() {
    let long = "a".repeat(MAX_FIELD + 1);
    assert!(Request::SiteRules { url: long.clone() }.check_sizes().is_err());
    let facts = ClickFacts {
        control: "like".into(),
        post: Some(crate::sites::PostFacts { author_name: Some(long), ..Default::default() }),
        ..Default::default()
    };
    assert!(Request::Engagement { url: "https://x.com/".into(), facts: Box::new(facts) }.check_sizes().is_err());
    assert!(Request::Recent { limit: 5000 }.check_sizes().is_err());

    let with_attributes = |pairs: &[(&str, &str)]| {
        let post = crate::sites::PostFacts {
            attributes: pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
            ..Default::default()
        };
        let facts = ClickFacts { control: "upvote".into(), post: Some(post), ..Default::default() };
        Request::Engagement { url: "https://www.reddit.com/".into(), facts: Box::new(facts) }.check_sizes()
    };
    assert!(with_attributes(&[("author", "alice"), ("permalink", "/r/rust/comments/1a/x/")]).is_ok());
    let long = "a".repeat(MAX_FIELD + 1);
    assert!(with_attributes(&[("author", &long)]).is_err(), "a long value");
    assert!(with_attributes(&[(&long, "alice")]).is_err(), "a long name");
    let many: Vec<(String, String)> = (0..=MAX_POST_ATTRIBUTES).map(|i| (format!("a{i}"), "x".into())).collect();
    let many: Vec<(&str, &str)> = many.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert!(with_attributes(&many).is_err(), "too many attributes");
    assert!(Request::Recent { limit: 5 }.check_sizes().is_ok());
}

#[test]
fn a_notifications_new_facts_are_size_checked_too() {
    use crate::sites::{ActorFacts, ContextFacts, InboundItem};
    let long = "a".repeat(MAX_FIELD + 1);
    let check = |item: InboundItem| {
        Request::Inbound { url: "https://www.reddit.com/notifications".into(), self_href: None, items: vec![item] }
            .check_sizes()
    };
    let attributes = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    let parent = |author: ActorFacts| ContextFacts { author: Some(author), ..ContextFacts::default() };
    let fine = InboundItem {
        attributes: attributes(&[("message-type", "comment_reply")]),
        icon: Some("M16.697 5.5c-1.222".into()),
        parent: Some(parent(ActorFacts { label: Some("Alice".into()), ..ActorFacts::default() })),
        ..InboundItem::default()
    };
    assert!(check(fine.clone()).is_ok());
    let many: Vec<(String, String)> = (0..=MAX_POST_ATTRIBUTES).map(|i| (format!("a{i}"), "x".into())).collect();
    let many: Vec<(&str, &str)> = many.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let bad = [
        InboundItem { attributes: attributes(&[("author", &long)]), ..fine.clone() },
        InboundItem { attributes: attributes(&many), ..fine.clone() },
        InboundItem { icon: Some(long.clone()), ..fine.clone() },
        InboundItem {
            parent: Some(parent(ActorFacts { label: Some(long.clone()), ..ActorFacts::default() })),
            ..fine.clone()
        },
        InboundItem {
            root: Some(ContextFacts { attributes: attributes(&[(&long, "x")]), ..ContextFacts::default() }),
            ..fine.clone()
        },
        InboundItem { root: Some(ContextFacts { permalink: Some(long.clone()), ..ContextFacts::default() }), ..fine },
    ];
    for item in bad {
        assert!(check(item.clone()).is_err(), "{item:?}");
    }
}

#[test]
fn requests_without_fields_refuse_unknown_ones() {
    // Found by fuzzing: as unit variants these took any other field.
    for kind in ["recording", "status", "check", "people", "export_quarantine", "delete_everything"] {
        let plain = format!(r#"{{"type":"{kind}"}}"#);
        assert!(serde_json::from_str::<Request>(&plain).is_ok(), "{plain}");
        let extra = format!(r#"{{"type":"{kind}","site_rules":1}}"#);
        assert!(serde_json::from_str::<Request>(&extra).is_err(), "{extra}");
    }
}

#[test]
fn settings_in_a_message_refuse_unknown_fields_at_any_depth() {
    let settings = serde_json::to_value(Settings::default()).unwrap_or_default();
    let message = |settings: &serde_json::Value| format!(r#"{{"type":"save_settings","settings":{settings}}}"#);
    assert!(serde_json::from_str::<Request>(&message(&settings)).is_ok(), "the options page's own");
    assert!(serde_json::from_str::<Request>(&message(&json!({"paused": true}))).is_ok(), "fields may be left out");
    let mut top = settings.clone();
    top["surprise"] = json!(1);
    assert!(serde_json::from_str::<Request>(&message(&top)).is_err(), "unknown at the top");
    let mut deep = settings;
    deep["pacing"]["surprise"] = json!(1);
    assert!(serde_json::from_str::<Request>(&message(&deep)).is_err(), "unknown in the pacing");
}

#[test]
fn ids_of_people_and_accounts_are_capped() {
    let long = || "p".repeat(MAX_FIELD + 1);
    let ok = || "p:x:alice".to_owned();
    for request in [
        Request::DeletePerson { person: long() },
        Request::CalendarEvent { person: long() },
        Request::Merge { keep: long(), other: ok() },
        Request::Merge { keep: ok(), other: long() },
        Request::Split { person: long(), account: "x:alice".into() },
        Request::Split { person: ok(), account: long() },
    ] {
        assert!(request.check_sizes().is_err(), "{request:?}");
    }
    assert!(Request::Merge { keep: ok(), other: ok() }.check_sizes().is_ok());
}

#[test]
fn they_reached_out_takes_only_what_can_be_entered_by_hand() {
    use crate::model::Kind;
    let change = |change: PersonChange| Request::UpdatePerson { person: "p:x:alice".into(), change };
    for kind in Kind::ALL {
        let sized = change(PersonChange::ReachedOut { site: Site::X, kind, at: None }).check_sizes();
        assert_eq!(sized.is_ok(), Kind::BY_HAND.contains(&kind), "{kind:?}: {sized:?}");
    }
    let long = "i".repeat(MAX_FIELD + 1);
    assert!(change(PersonChange::RemoveReachedOut { interaction: long }).check_sizes().is_err());
    assert!(change(PersonChange::RemoveReachedOut { interaction: "i1".into() }).check_sizes().is_ok());
    let sent = r#"{"type":"update_person","person":"p:x:alice","change":{"what":"reached_out","site":"x","kind":"call","at":"2026-11-20T12:00:00Z"}}"#;
    assert!(serde_json::from_str::<Request>(sent).is_ok());
    for bad in [
        r#"{"type":"update_person","person":"p:x:alice","change":{"what":"reached_out","site":"x","kind":"poke"}}"#,
        r#"{"type":"update_person","person":"p:x:alice","change":{"what":"reached_out","site":"x","kind":"call","at":"soon"}}"#,
        r#"{"type":"update_person","person":"p:x:alice","change":{"what":"reached_out","kind":"call"}}"#,
        r#"{"type":"update_person","person":"p:x:alice","change":{"what":"reached_out","site":"x","kind":"call","by":"me"}}"#,
    ] {
        assert!(serde_json::from_str::<Request>(bad).is_err(), "{bad}");
    }
}

#[test]
fn settings_lists_and_texts_are_capped() {
    let sized = |change: &dyn Fn(&mut Settings)| {
        let mut settings = Settings::default();
        change(&mut settings);
        Request::SaveSettings { settings }.check_sizes()
    };
    let many = || vec!["a".to_owned(); MAX_LIST + 1];
    assert!(sized(&|_| {}).is_ok());
    assert!(sized(&|s| s.mastodon_instances = many()).is_err(), "instances");
    assert!(sized(&|s| s.collapsed_sites = vec![Site::X; MAX_LIST + 1]).is_err(), "folded sites");
    assert!(sized(&|s| s.sites_off = vec![Site::X; MAX_LIST + 1]).is_err(), "sites off");
    assert!(sized(&|s| s.pacing.coffee_phrases = many()).is_err(), "coffee phrasings");
    assert!(sized(&|s| s.pacing.call_phrases = many()).is_err(), "call phrasings");
    let long = || "a".repeat(MAX_FIELD + 1);
    assert!(sized(&|s| s.mastodon_instances = vec![long()]).is_err(), "a long instance");
    assert!(sized(&|s| s.pacing.coffee_phrases = vec![long()]).is_err(), "a long coffee phrasing");
    assert!(sized(&|s| s.pacing.call_phrases = vec![long()]).is_err(), "a long call phrasing");
}

#[test]
fn an_import_file_is_capped_at_what_a_message_can_carry() {
    let import = |bytes: usize| Request::Import { text: " ".repeat(bytes), mode: ImportMode::Merge };
    assert!(import(MAX_IMPORT).check_sizes().is_ok());
    assert!(import(MAX_IMPORT + 1).check_sizes().is_err());
}
