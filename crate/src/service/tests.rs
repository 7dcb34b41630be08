//! The service's requests answered over an in-memory store, as a user's
//! sessions would send them.

use super::reports::*;
use super::*;
use crate::engine::card::Card;
use crate::model::text::Text;
use crate::model::{Direction, Identity, Kind, Person, Settings, Site};
use crate::service::messages::{EngagementResult, ExportFormat, ImportMode, PersonChange, Request, Response, Sender};
use crate::sites::{self, Engagement};
use crate::sites::{ClickFacts, ControlState, PageFacts, PostFacts};
use crate::store::{Change, Records};
use crate::store::{MemoryBackend, INTERACTIONS, PEOPLE};
use crate::testing::{property_names, run};
use chrono::{DateTime, Utc};

fn now(hours: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_764_000_000 + hours * 3600, 0).unwrap_or_default()
}

fn like(before: &str, after: &str, author: &str, post: &str) -> Request {
    Request::Engagement {
        url: "https://x.com/home".into(),
        facts: Box::new(ClickFacts {
            control: "like".into(),
            before: ControlState { testid: Some(before.into()), ..Default::default() },
            after: ControlState { testid: Some(after.into()), ..Default::default() },
            post: Some(PostFacts {
                author_href: Some(format!("/{author}")),
                author_name: Some(format!("{author} Example")),
                permalink: Some(format!("/{author}/status/{post}")),
                ..PostFacts::default()
            }),
            self_href: Some("/me".into()),
            ..Default::default()
        }),
    }
}

fn visit(handle: &str) -> Request {
    Request::PageSeen {
        url: format!("https://x.com/{handle}"),
        page: PageFacts {
            title: format!("Someone (@{handle}) / X"),
            profile_name: None,
            self_href: Some("/me".into()),
        },
        by_user: true,
        started: None,
        loaded: None,
    }
}

fn send(db: &MemoryBackend, request: Request, hours: i64) -> Response {
    run(handle(db, Sender::ContentScript, request, now(hours)))
}

fn ask(db: &MemoryBackend, request: Request, hours: i64) -> Response {
    run(handle(db, Sender::ExtensionPage, request, now(hours)))
}

fn card(db: &MemoryBackend, handle: &str) -> Card {
    match ask(db, Request::Card { site: Site::X, handle: handle.into(), today: None }, 0) {
        Response::Card { card } => *card,
        other => panic!("expected a card, got {other:?}"),
    }
}

fn file(db: &MemoryBackend, format: ExportFormat, hours: i64) -> String {
    match ask(db, Request::Export { format }, hours) {
        Response::File { text, .. } => text,
        other => panic!("expected a file, got {other:?}"),
    }
}

fn message(response: Response) -> String {
    match response {
        Response::Done { message, .. } | Response::Error { message } => message.english(),
        other => panic!("expected a message, got {other:?}"),
    }
}

fn notifications(items: Vec<crate::sites::InboundItem>) -> Request {
    Request::Inbound { url: "https://mastodon.social/notifications".into(), self_href: Some("/@kim".into()), items }
}

fn notification(marker: &str, who: &str, post: Option<&str>, time: &str) -> crate::sites::InboundItem {
    crate::sites::InboundItem {
        marker: marker.into(),
        actors: vec![crate::sites::ActorFacts {
            href: Some(format!("/@{who}")),
            name: Some(format!("{who} Example")),
            label: None,
        }],
        permalink: post.map(Into::into),
        time: Some(time.into()),
        ..Default::default()
    }
}

#[test]
fn a_page_check_answers_from_the_facts_and_records_nothing() {
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "alice", "1"), 0);
    let before = crate::fuzz::everything(&db);
    let counts = crate::engine::page_check::PageCounts {
        markers: [("post".to_owned(), 2), ("profile_name".to_owned(), 1)].into(),
        ..Default::default()
    };
    let check = |url: &str| Request::PageCheck {
        url: url.into(),
        page: PageFacts { title: "Bob (@bob) / X".into(), profile_name: Some("Bob".into()), self_href: None },
        counts: counts.clone(),
    };
    match send(&db, check("https://x.com/bob"), 5) {
        Response::PageCheck { lines, markers, report } => {
            let lines = crate::model::text::english_list(&lines);
            assert!(lines.contains("Profile of bob") && lines.contains("Posts: 2 "), "{lines}");
            assert!(crate::model::text::english_list(&markers).contains("post: found (2)"));
            assert!(report.contains("profile page: yes, someone else's") && !report.contains("bob"), "{report}");
        }
        other => panic!("expected a page check, got {other:?}"),
    }
    assert!(crate::fuzz::everything(&db) == before, "a check recorded something");
    assert!(card(&db, "bob").total == 0, "no visit");
    // Only a content script asks, about its own page.
    assert!(matches!(ask(&db, check("https://x.com/bob"), 5), Response::Error { .. }));
    assert!(!check("https://x.com/bob").from_its_page("https://github.com/"));
}

#[test]
fn notifications_become_inbound_interactions_dated_by_the_page_once_each() {
    let db = MemoryBackend::default();
    let items = vec![
        notification("notification-group--favourite", "alice", Some("/@kim/7"), "2025-11-24T10:00:00Z"),
        notification("notification-group--follow", "alice", None, "2025-11-20T09:00:00Z"),
        notification("notification-ungrouped--mention", "bob", Some("/@bob/9"), "2025-11-24T12:00:00Z"),
        // A time in the future is not believed: it is dated now.
        notification("notification-group--reblog", "carol", Some("/@kim/7"), "2999-01-01T00:00:00Z"),
        notification("notification-group--poll", "dave", Some("/@kim/8"), "2025-11-24T12:00:00Z"),
        notification("notification--weird", "erin", None, "2025-11-24T12:00:00Z"),
    ];
    for _ in 0..2 {
        let r = send(&db, notifications(items.clone()), 1);
        assert_eq!(r, Response::Inbound { recorded: 4, ignored: 1, missed: 1 });
    }
    let cards: Vec<(String, usize, String)> = ["alice", "bob", "carol", "dave", "erin"]
        .iter()
        .map(|who| {
            let c = match ask(
                &db,
                Request::Card { site: Site::Mastodon, handle: format!("{who}@mastodon.social"), today: None },
                1,
            ) {
                Response::Card { card } => *card,
                other => panic!("expected a card, got {other:?}"),
            };
            (c.name, c.total, crate::model::text::english_list(&c.breakdown))
        })
        .collect();
    assert_eq!(
        cards,
        [
            ("alice Example".into(), 2, "1 like from them, 1 follow from them".into()),
            ("bob Example".into(), 1, "1 mention from them".into()),
            ("carol Example".into(), 1, "1 repost from them".into()),
            ("dave@mastodon.social".into(), 0, String::new()),
            ("erin@mastodon.social".into(), 0, String::new()),
        ]
    );
    let mut times: Vec<(String, i64)> =
        db.dump(INTERACTIONS).values().map(|v| (v["k"].to_string(), v["t"].as_i64().unwrap_or_default())).collect();
    crate::model::order::sort(&mut times);
    let at = |text: &str| DateTime::parse_from_rfc3339(text).map(|t| t.timestamp_millis()).unwrap_or_default();
    let kinds_and_times: Vec<i64> = times.iter().map(|(_, t)| *t).collect();
    for want in [at("2025-11-24T10:00:00Z"), at("2025-11-20T09:00:00Z"), at("2025-11-24T12:00:00Z")] {
        assert!(kinds_and_times.contains(&want), "{want} in {times:?}");
    }
    assert!(kinds_and_times.contains(&now(1).timestamp_millis()), "the future date is replaced by now: {times:?}");
    let health = match ask(&db, Request::Status {}, 1) {
        Response::Status { status } => status.sites.into_iter().find(|h| h.site == "mastodon"),
        other => panic!("expected a status, got {other:?}"),
    };
    assert_eq!(health.map(|h| h.misses), Some(2), "the unknown notification is counted as a miss, each time seen");
}

#[test]
fn what_the_user_tells_about_a_person_moves_the_relationship() {
    use crate::model::{Medium, Outcome};
    use crate::service::messages::PersonChange as C;
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "alice", "1"), 0);
    let tell = |change: C, hours: i64| ask(&db, Request::UpdatePerson { person: "p:x:alice".into(), change }, hours);
    let stage = || card(&db, "alice").advice.map(|a| a.stage);
    assert!(matches!(tell(C::Answer { outcome: Outcome::Positive }, 0), Response::Error { .. }), "nothing asked yet");
    message(tell(C::Track { on: true }, 0));
    message(tell(C::Raised { medium: Medium::Coffee, phrasing: "Coffee sometime?".into() }, 0));
    assert_eq!(stage(), Some(crate::model::Stage::Raised));
    assert_eq!(
        message(tell(C::Answer { outcome: Outcome::Negative }, 0)),
        "Noted. Kindling will suggest engaging lightly for a while before asking again."
    );
    assert_eq!(stage(), Some(crate::model::Stage::CoolingOff));
    let no_date = ask(&db, Request::CalendarEvent { person: "p:x:alice".into() }, 0);
    assert_eq!(message(no_date), "No date is agreed with them yet.");
    let when = now(48);
    message(tell(C::Schedule { at: when }, 0));
    assert_eq!(stage(), Some(crate::model::Stage::Raised), "a date after the no: it's on");
    match ask(&db, Request::CalendarEvent { person: "p:x:alice".into() }, 0) {
        Response::File { name, mime, text } => {
            assert_eq!(
                (name.as_str(), mime.as_str()),
                (format!("kindling-{}.ics", when.format("%Y-%m-%d")).as_str(), "text/calendar")
            );
            assert!(text.contains(&format!("DTSTART:{}\r\n", when.format("%Y%m%dT%H%M%SZ"))));
        }
        other => panic!("expected a calendar file, got {other:?}"),
    }
    message(tell(C::Stage { stage: Some(crate::model::Stage::Engage) }, 0));
    assert_eq!(stage(), Some(crate::model::Stage::Engage), "the user's stage wins");
    message(tell(C::Stage { stage: None }, 0));
    message(tell(C::Met { medium: Medium::Coffee, note: "Lovely chat".into() }, 0));
    assert_eq!(stage(), Some(crate::model::Stage::RealLife));
    assert!(matches!(tell(C::AskAbout { text: "  ".into(), after: None }, 3), Response::Error { .. }));
    message(tell(C::AskAbout { text: "the marathon".into(), after: None }, 0));
    assert_eq!(card(&db, "alice").advice.map(|a| a.ask_about), Some(vec!["the marathon".to_owned()]));
    message(tell(C::AskedAbout { index: 0 }, 0));
    assert_eq!(card(&db, "alice").advice.map(|a| a.ask_about), Some(vec![]));
    assert!(matches!(tell(C::AskedAbout { index: 5 }, 4), Response::Error { .. }));
    let refused = send(&db, Request::UpdatePerson { person: "p:x:alice".into(), change: C::Track { on: false } }, 0);
    assert!(matches!(refused, Response::Error { .. }), "a page may not change the record");
    let missing = ask(&db, Request::UpdatePerson { person: "p:x:nobody".into(), change: C::Track { on: true } }, 0);
    assert_eq!(message(missing), "That person is not in Kindling.");
}

#[test]
fn profile_visits_count_once_an_hour_counted_back_from_now_not_per_clock_hour() {
    let db = MemoryBackend::default();
    let at = |minutes: i64| now(0) + chrono::Duration::minutes(minutes);
    // 10:59, 11:01 and 11:58 are one visit; 11:59, an hour after the first, a second.
    for minutes in [-1, 1, 58] {
        run(handle(&db, Sender::ContentScript, visit("alice"), at(minutes)));
    }
    assert_eq!(card(&db, "alice").total, 1);
    run(handle(&db, Sender::ContentScript, visit("alice"), at(59)));
    assert_eq!(card(&db, "alice").total, 2);
}

#[test]
fn today_names_who_to_slow_down_with_from_the_record() {
    let db = MemoryBackend::default();
    for post in ["1", "2", "3"] {
        send(&db, like("like", "unlike", "alice", post), 0);
    }
    send(&db, like("like", "unlike", "bob", "9"), 0);
    let items = match ask(&db, Request::Today { today: None }, 0) {
        Response::Today { items } => items,
        other => panic!("expected today's agenda, got {other:?}"),
    };
    let seen: Vec<(&str, crate::engine::agenda::Reason)> = items.iter().map(|i| (i.name.as_str(), i.reason)).collect();
    assert_eq!(seen, [("alice Example", crate::engine::agenda::Reason::SlowDown)]);
    assert!(matches!(send(&db, Request::Today { today: None }, 0), Response::Error { .. }), "pages may not read it");
}

#[test]
fn an_added_mastodon_instance_is_worked_on_and_a_bad_one_is_refused() {
    let db = MemoryBackend::default();
    let rules = |db: &MemoryBackend| send(db, Request::SiteRules { url: "https://social.example/home".into() }, 0);
    // A host Kindling does not read: no rules, no site.
    let no_site = Response::SiteRules {
        rules: None,
        site: None,
        recording: false,
        overlay: false,
        folded: false,
        keys: vec![],
        person: None,
        limits: crate::service::messages::Limits::OF_REPORTS,
    };
    assert_eq!(rules(&db), no_site);
    let save = |list: &[&str]| Request::SaveSettings {
        settings: Settings {
            mastodon_instances: list.iter().map(|h| (*h).to_owned()).collect(),
            ..Settings::default()
        },
    };
    let refused = message(ask(&db, save(&["social.example", "not a host"]), 0));
    assert!(refused.contains("\"not a host\" is not a server name"), "{refused}");
    assert_eq!(rules(&db), no_site, "nothing was saved");
    message(ask(&db, save(&["https://Social.Example/"]), 0));
    let answer = rules(&db);
    assert!(
        matches!(&answer, Response::SiteRules { rules: Some(r), overlay: false, .. } if r.site == Site::Mastodon),
        "{answer:?}"
    );
    let visit = Request::PageSeen {
        url: "https://social.example/@alice".into(),
        page: PageFacts { title: "Alice (@alice@social.example) - Mastodon".into(), ..PageFacts::default() },
        by_user: true,
        started: None,
        loaded: None,
    };
    let seen = send(&db, visit, 0);
    assert!(matches!(&seen, Response::Page { profile: Some(p), .. } if p.handle == "alice@social.example"), "{seen:?}");
    // Shipped hosts keep their card.
    let shipped = send(&db, Request::SiteRules { url: "https://mastodon.social/home".into() }, 0);
    assert!(matches!(shipped, Response::SiteRules { overlay: true, .. }));
}

#[test]
fn a_profile_shaped_address_names_its_account_and_records_nothing() {
    let db = MemoryBackend::default();
    let at = |url: &str| send(&db, Request::ProfileAt { url: url.into() }, 0);
    let named = |site: Site, handle: &str| Response::ProfileAt { site: Some(site), handle: Some(handle.into()) };
    assert_eq!(at("https://x.com/Alice"), named(Site::X, "alice"));
    assert_eq!(at("https://x.com/alice/media"), named(Site::X, "alice"));
    assert_eq!(at("https://mastodon.social/@carol"), named(Site::Mastodon, "carol@mastodon.social"));
    assert_eq!(at("https://www.linkedin.com/in/dave-o/"), named(Site::Linkedin, "dave-o"));
    let none = Response::ProfileAt { site: None, handle: None };
    for url in ["https://x.com/home", "https://x.com/alice/status/1", "https://example.com/alice", "not a url"] {
        assert_eq!(at(url), none, "{url}");
    }
    // Only a content script asks, and a look at an address is no visit.
    let refused = ask(&db, Request::ProfileAt { url: "https://x.com/alice".into() }, 0);
    assert!(matches!(refused, Response::Error { .. }), "{refused:?}");
    assert!(db.dump(PEOPLE).is_empty());
}

#[test]
fn a_page_never_renames_someone_and_the_card_offers_the_name_it_showed() {
    use crate::service::messages::PersonChange as C;
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "alice", "1"), 0);
    let renamed = |name: &str, post: &str| match like("like", "unlike", "alice", post) {
        Request::Engagement { url, mut facts } => {
            if let Some(p) = facts.post.as_mut() {
                p.author_name = Some(name.into());
            }
            Request::Engagement { url, facts }
        }
        other => other,
    };
    send(&db, renamed("Mallory's Alice", "2"), 1);
    let shown = card(&db, "alice");
    assert_eq!((shown.name.as_str(), shown.renamed.as_deref()), ("alice Example", Some("Mallory's Alice")));
    // Shown the stored name again: nothing to offer.
    send(&db, renamed("alice Example", "3"), 2);
    assert_eq!(card(&db, "alice").renamed, None);
    assert_eq!(
        message(ask(&db, Request::UpdatePerson { person: "p:x:alice".into(), change: C::UseSeenName {} }, 2)),
        "No other name was seen for them."
    );
    // Taken only when the user says so.
    send(&db, renamed("Alice Example-Smith", "4"), 3);
    let used = ask(&db, Request::UpdatePerson { person: "p:x:alice".into(), change: C::UseSeenName {} }, 3);
    assert_eq!(message(used), "Now called Alice Example-Smith.");
    let shown = card(&db, "alice");
    assert_eq!((shown.name.as_str(), shown.renamed), ("Alice Example-Smith", None));
}

#[test]
fn a_name_a_profile_shows_within_the_hour_of_the_last_visit_is_offered_and_no_visit_is_added() {
    let db = MemoryBackend::default();
    send(&db, visit("alice"), 0);
    let shown = |name: &str| match visit("alice") {
        Request::PageSeen { url, mut page, by_user, started, loaded } => {
            page.title = format!("{name} (@alice) / X");
            Request::PageSeen { url, page, by_user, started, loaded }
        }
        other => other,
    };
    let at = |hours: i64| {
        run(handle(&db, Sender::ContentScript, shown("Alice Renamed"), now(0) + chrono::Duration::minutes(hours)))
    };
    at(10);
    let card = card(&db, "alice");
    assert_eq!((card.name.as_str(), card.renamed.as_deref()), ("Someone", Some("Alice Renamed")));
    assert_eq!(db.dump(INTERACTIONS).len(), 1, "still one visit in the hour");
}

#[test]
fn an_address_changed_without_the_user_visits_no_one() {
    let db = MemoryBackend::default();
    let pushed = |handle: &str| match visit(handle) {
        Request::PageSeen { url, page, .. } => {
            Request::PageSeen { url, page, by_user: false, started: None, loaded: None }
        }
        other => other,
    };
    for n in 0..500 {
        let seen = send(&db, pushed(&format!("someone{n}")), 0);
        assert!(matches!(seen, Response::Page { profile: Some(_), .. }), "still a profile: {seen:?}");
    }
    assert!(db.dump(PEOPLE).is_empty(), "500 pushState visits made no one");
    send(&db, visit("alice"), 0);
    assert_eq!(db.dump(PEOPLE).len(), 1, "a visit the user made counts");
}

#[test]
fn a_loaded_page_a_script_sent_elsewhere_before_kindling_looked_visits_only_its_own_profile() {
    let db = MemoryBackend::default();
    let loaded_at = |handle: &str, loaded: &str| match visit(handle) {
        Request::PageSeen { url, page, by_user, started, .. } => {
            Request::PageSeen { url, page, by_user, started, loaded: Some(loaded.into()) }
        }
        other => other,
    };
    // The user loaded the home page; its script pushed Mallory's address
    // while it loaded: no one is visited.
    let seen = send(&db, loaded_at("mallory", "https://x.com/home"), 0);
    assert!(matches!(seen, Response::Page { profile: Some(_), .. }), "still a profile: {seen:?}");
    send(&db, loaded_at("mallory", "https://x.com/carol"), 0);
    assert!(db.dump(PEOPLE).is_empty(), "another profile's load visits no one");
    // The site tidies the profile's own address (case, a query): the
    // user's visit.
    send(&db, loaded_at("alice", "https://x.com/Alice?ref=1"), 0);
    assert_eq!(db.dump(PEOPLE).len(), 1, "the same profile's load counts");
    // Mastodon's own replaceState at load: /@bob opens on /@bob/posts.
    let bob = Request::PageSeen {
        url: "https://mastodon.social/@bob/posts".into(),
        page: PageFacts { title: "Bob (@bob@mastodon.social) - Mastodon".into(), profile_name: None, self_href: None },
        by_user: true,
        started: None,
        loaded: Some("https://mastodon.social/@bob".into()),
    };
    send(&db, bob, 0);
    assert_eq!(db.dump(PEOPLE).len(), 2, "Mastodon's tidied address is the user's visit");
}

/// The content script cuts its facts to the core's own caps, sent with the
/// site's rules (issue 22: a copy of them in the script could drift, and
/// the core refuses a whole report over a cap).
#[test]
fn the_site_rules_carry_the_caps_reports_are_checked_against() {
    use crate::service::messages::{Limits, MAX_FIELD, MAX_INBOUND_ITEMS};
    let db = MemoryBackend::default();
    let answer = send(&db, Request::SiteRules { url: "https://x.com/home".into() }, 0);
    let Response::SiteRules { limits, .. } = answer else { panic!("{answer:?}") };
    assert_eq!(limits, Limits::OF_REPORTS);
    assert_eq!((limits.field, limits.inbound_items), (MAX_FIELD / 3, MAX_INBOUND_ITEMS));
    assert_eq!((limits.actors, limits.person_links, limits.post_attributes), (8, 4, 4));
    let json = serde_json::to_value(Response::SiteRules {
        rules: None,
        site: None,
        recording: false,
        overlay: false,
        folded: false,
        keys: vec![],
        person: None,
        limits,
    })
    .unwrap_or_default();
    assert_eq!(json["limits"]["field"], 682);
    // A text cut to the cap, in the script whose characters take the most
    // bytes per UTF-16 unit, is never refused (each unit 3 bytes).
    let cut: String = "山".repeat(limits.field);
    let page = PageFacts { title: cut.clone(), profile_name: Some(cut), self_href: None };
    let seen =
        Request::PageSeen { url: "https://x.com/alice".into(), page, by_user: true, started: None, loaded: None };
    assert_eq!(seen.check_sizes(), Ok(()));
    assert_eq!(json["limits"]["inbound_items"], 50);
}

/// Which changes make every open card draw again is the core's to say.
#[test]
fn a_change_cards_show_says_so_in_its_answer_and_other_answers_do_not() {
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "alice", "1"), 0);
    let track = |on| Request::UpdatePerson { person: "p:x:alice".into(), change: PersonChange::Track { on } };
    assert!(matches!(ask(&db, track(true), 0), Response::Done { redraw_cards: true, .. }));
    let settings = ask(&db, Request::SaveSettings { settings: Settings::default() }, 0);
    assert!(matches!(settings, Response::Done { redraw_cards: true, .. }), "{settings:?}");
    let export = ask(&db, Request::Export { format: ExportFormat::Json }, 0);
    assert!(matches!(export, Response::File { .. }), "{export:?}");
    // Refused: nothing changed, no card redraws.
    let refused = Request::UpdatePerson { person: "p:x:nobody".into(), change: PersonChange::Track { on: true } };
    assert!(matches!(ask(&db, refused, 0), Response::Error { .. }));
    // Written as JSON only when true.
    let done = serde_json::to_value(Response::Done { message: Text::new("done_note"), redraw_cards: false });
    assert_eq!(done.ok().and_then(|v| v.get("redraw_cards").cloned()), None);
}

/// Ids are stored and exported: the same sighting must make the same id
/// in every release. Each kind's id for one fixed input, both ways.
#[test]
fn interaction_ids_are_pinned_for_every_kind() {
    use crate::model::Kind as K;
    let at = now(0);
    let pinned = [
        (K::Like, "i9a1b4b109306a87f ibb7ef9f45f3ecffc"),
        (K::Reply, "i2e671a471d940924 i4aec3f28f26f44c9"),
        (K::Comment, "i773eb4c4df7f3b95 icb31502278436984"),
        (K::Repost, "i58843588ed14db53 i0c8ec4463b77c978"),
        (K::Share, "i9ee9a9fbd482fe41 iad053e1908d41b62"),
        (K::Follow, "i9085ffcafe675f19 i8ce72fadc6bd3cba"),
        (K::Mention, "i7ff665480c31b566 id33d608455837823"),
        (K::ProfileVisit, "i4375f35b4ffbd5bc i3785f573ed0b8f6b"),
        (K::Message, "ia351a07dbe1c85cf icdb049ced79a41b6"),
        (K::Call, "idaddaa140b9427a2 ic4d9378b219dba2d"),
        (K::InPerson, "ifc41c12283c3eab5 ia89ea5e36ed5c0f0"),
    ];
    assert_eq!(pinned.len(), K::ALL.len());
    let mut got = Vec::new();
    for (kind, _) in pinned {
        for direction in [Direction::Outbound, Direction::Inbound] {
            let e = Engagement {
                site: Site::X,
                kind,
                direction,
                target: sites::Target { handle: "alice".into(), name: None, profile_url: "https://x.com/alice".into() },
                post_url: Some("https://x.com/alice/status/1".into()),
            };
            got.push(format!("{kind:?} {direction:?} {}", id_of(&e, Some("event-1"), at)));
        }
    }
    let want: Vec<String> = pinned
        .iter()
        .flat_map(|(kind, ids)| {
            let (out, inb) = ids.split_once(' ').unwrap_or((ids, ids));
            [format!("{kind:?} Outbound {out}"), format!("{kind:?} Inbound {inb}")]
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn a_document_a_page_script_navigated_to_visits_no_one() {
    let db = MemoryBackend::default();
    let at = now(0);
    let ms = at.timestamp_millis();
    let in_tab = |tab: i64, request: Request| run(handle_from_tab(&db, Sender::ContentScript, Some(tab), request, at));
    let loaded = |handle: &str, started: i64| match visit(handle) {
        Request::PageSeen { url, page, by_user, .. } => {
            Request::PageSeen { url, page, by_user, started: Some(started), loaded: None }
        }
        other => other,
    };
    let left = |at: i64| Request::LeftByScript { url: "https://x.com/home".into(), at };
    // Tab 1's page script sends it to Mallory's profile: the document
    // that loads then is no visit, however often it looks.
    assert_eq!(in_tab(1, left(ms - 800)), Response::Noted {});
    for _ in 0..3 {
        let seen = in_tab(1, loaded("mallory", ms - 750));
        assert!(matches!(seen, Response::Page { profile: Some(_), .. }), "still a profile: {seen:?}");
    }
    assert!(db.dump(PEOPLE).is_empty(), "{:?}", db.dump(PEOPLE));
    // Another tab, or a load the user started later in this tab (a link
    // followed, an address typed), is a visit.
    in_tab(2, loaded("alice", ms - 750));
    in_tab(1, loaded("bob", ms + 30_000));
    let ids: Vec<String> = db.dump(PEOPLE).keys().cloned().collect();
    assert_eq!(ids, ["p:x:alice", "p:x:bob"]);
    // A mark with a time that is no moment near now is ignored; so is
    // one from a minute ago.
    for stale in [i64::MIN, ms + 3_600_000, ms - 61_000] {
        in_tab(3, left(stale));
        in_tab(3, loaded(&format!("carol{}", db.dump(PEOPLE).len()), stale.saturating_add(100)));
    }
    assert_eq!(db.dump(PEOPLE).len(), 5, "{:?}", db.dump(PEOPLE));
}

#[test]
fn pages_add_at_most_sixty_new_people_an_hour_per_tab_and_the_rest_are_misses() {
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "alice", "0"), 0);
    for n in 0..100 {
        send(&db, visit(&format!("someone{n}")), 1);
    }
    let cap = MAX_NEW_PEOPLE_PER_HOUR as usize;
    assert_eq!(db.dump(PEOPLE).len(), 1 + cap);
    // Beyond the cap: someone new is a miss, someone known is recorded.
    let new = send(&db, like("like", "unlike", "bob", "1"), 1);
    assert!(
        matches!(&new, Response::Engagement { result: EngagementResult::Missed, detail } if detail.contains("60 new people")),
        "{new:?}"
    );
    let known = send(&db, like("like", "unlike", "alice", "2"), 1);
    assert!(matches!(known, Response::Engagement { result: EngagementResult::Recorded, .. }), "{known:?}");
    let items =
        (0..5).map(|n| notification("notification-group--follow", &format!("fan{n}"), None, "2025-11-24T16:00:00Z"));
    let inbound = send(&db, notifications(items.collect()), 1);
    assert!(matches!(inbound, Response::Inbound { recorded: 0, missed: 5, .. }), "{inbound:?}");
    // Another tab has its own count.
    let other_tab =
        run(handle_from_tab(&db, Sender::ContentScript, Some(7), like("like", "unlike", "carol", "1"), now(1)));
    assert!(matches!(other_tab, Response::Engagement { result: EngagementResult::Recorded, .. }), "{other_tab:?}");
    // The next hour, pages may add people again.
    let later = send(&db, like("like", "unlike", "bob", "1"), 2);
    assert!(matches!(later, Response::Engagement { result: EngagementResult::Recorded, .. }), "{later:?}");
    assert_eq!(db.dump(PEOPLE).len(), 3 + cap);
}

#[test]
fn a_notification_dated_long_before_it_was_seen_is_dated_when_it_was_seen() {
    let db = MemoryBackend::default();
    let seen = now(0);
    let date = |days: i64| (seen - chrono::Duration::days(days)).to_rfc3339();
    let items = vec![
        notification("notification-group--follow", "old", None, &date(2 * 365)),
        notification("notification-group--follow", "recent", None, &date(INBOUND_PAST_DAYS - 1)),
    ];
    send(&db, notifications(items), 0);
    let at = |who: &str| {
        let stored = db.dump(INTERACTIONS);
        let found = stored.values().find(|i| i["p"] == format!("p:mastodon:{who}@mastodon.social"));
        found.and_then(|i| i["t"].as_i64()).and_then(DateTime::from_timestamp_millis)
    };
    assert_eq!(at("old"), Some(seen), "two years back: the sighting");
    assert_eq!(at("recent"), Some(seen - chrono::Duration::days(INBOUND_PAST_DAYS - 1)), "its own date");
}

#[test]
fn only_content_scripts_report_notifications_and_batches_are_capped() {
    let db = MemoryBackend::default();
    let one = notification("notification-group--follow", "alice", None, "2025-11-20T09:00:00Z");
    let refused = run(handle(&db, Sender::ExtensionPage, notifications(vec![one.clone()]), now(0)));
    assert!(matches!(refused, Response::Error { .. }), "{refused:?}");
    let too_many = send(&db, notifications(vec![one; crate::service::messages::MAX_INBOUND_ITEMS + 1]), 0);
    assert!(matches!(too_many, Response::Error { .. }), "{too_many:?}");
    assert!(db.dump(PEOPLE).is_empty());
}

#[test]
fn a_like_lands_on_its_author_once_however_often_it_is_seen() {
    let db = MemoryBackend::default();
    for _ in 0..3 {
        let r = send(&db, like("like", "unlike", "alice", "1"), 0);
        assert!(matches!(r, Response::Engagement { result: EngagementResult::Recorded, .. }), "{r:?}");
    }
    let alice = card(&db, "alice");
    assert_eq!((alice.total, alice.name.as_str()), (1, "alice Example"));
    assert_eq!(card(&db, "bob").total, 0);
    assert_eq!(db.dump(PEOPLE).len(), 1);
}

#[test]
fn an_unlike_withdraws_the_like_and_only_that_like() {
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "alice", "1"), 0);
    send(&db, like("like", "unlike", "alice", "2"), 0);
    let r = send(&db, like("unlike", "like", "alice", "1"), 5);
    assert!(matches!(r, Response::Engagement { result: EngagementResult::Withdrawn, .. }));
    let left: Vec<_> = db.dump(INTERACTIONS).into_values().collect();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["u"], "https://x.com/alice/status/2");
}

#[test]
fn profile_visits_count_once_an_hour_and_never_for_oneself() {
    let db = MemoryBackend::default();
    send(&db, visit("alice"), 0);
    send(&db, visit("alice"), 0);
    assert_eq!(crate::model::text::english_list(&card(&db, "alice").breakdown), "1 profile visit");
    send(&db, visit("alice"), 1);
    assert_eq!(card(&db, "alice").total, 2);
    let mine = send(&db, visit("me"), 0);
    assert!(matches!(mine, Response::Page { profile: Some(p), .. } if p.is_self));
    assert_eq!(card(&db, "me").total, 0);
}

#[test]
fn content_scripts_cannot_read_or_change_the_record() {
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "alice", "1"), 0);
    for request in [
        Request::Card { site: Site::X, handle: "alice".into(), today: None },
        Request::Recent { limit: 5 },
        Request::Export { format: ExportFormat::Json },
        Request::Status {},
        Request::People {},
        Request::DeleteEverything {},
        Request::Import { text: String::new(), mode: ImportMode::Replace },
    ] {
        assert!(matches!(send(&db, request, 0), Response::Error { .. }));
    }
    assert_eq!(db.dump(INTERACTIONS).len(), 1);
}

#[test]
fn the_user_seen_on_one_page_is_known_on_pages_that_do_not_show_them() {
    let db = MemoryBackend::default();
    let without_self = |request: Request| match request {
        Request::Engagement { url, mut facts } => {
            facts.self_href = None;
            Request::Engagement { url, facts }
        }
        other => other,
    };
    // Never shown who the user is: the own post cannot be told apart.
    let r = send(&db, without_self(like("like", "unlike", "me", "1")), 0);
    assert!(matches!(r, Response::Engagement { result: EngagementResult::Recorded, .. }), "{r:?}");
    // Once a page showed it, a page without it is read with it.
    send(&db, visit("alice"), 0);
    let r = send(&db, without_self(like("like", "unlike", "me", "2")), 0);
    assert!(matches!(r, Response::Engagement { result: EngagementResult::Ignored, .. }), "{r:?}");
    let own = Request::PageSeen {
        url: "https://x.com/me".into(),
        page: PageFacts { title: "Me (@me) / X".into(), profile_name: None, self_href: None },
        by_user: true,
        started: None,
        loaded: None,
    };
    assert!(matches!(send(&db, own, 0), Response::Page { profile: Some(p), .. } if p.is_self));
    // A page showing someone else signed in replaces it; deleting
    // everything forgets it.
    send(
        &db,
        Request::PageSeen {
            url: "https://x.com/home".into(),
            page: PageFacts { self_href: Some("/other".into()), ..PageFacts::default() },
            by_user: true,
            started: None,
            loaded: None,
        },
        0,
    );
    let r = send(&db, without_self(like("like", "unlike", "me", "3")), 0);
    assert!(matches!(r, Response::Engagement { result: EngagementResult::Recorded, .. }), "{r:?}");
    let r = send(&db, without_self(like("like", "unlike", "other", "4")), 0);
    assert!(matches!(r, Response::Engagement { result: EngagementResult::Ignored, .. }), "{r:?}");
    ask(&db, Request::DeleteEverything {}, 0);
    let r = send(&db, without_self(like("like", "unlike", "other", "5")), 0);
    assert!(matches!(r, Response::Engagement { result: EngagementResult::Recorded, .. }), "{r:?}");
}

#[test]
fn misses_and_unknown_sites_record_nothing() {
    let db = MemoryBackend::default();
    let r = send(&db, like("like", "like", "alice", "1"), 0);
    assert!(matches!(r, Response::Engagement { result: EngagementResult::Missed, .. }));
    let elsewhere = Request::Engagement { url: "https://example.com/".into(), facts: Box::default() };
    assert!(matches!(send(&db, elsewhere, 0), Response::Engagement { result: EngagementResult::Missed, .. }));
    assert!(db.dump(INTERACTIONS).is_empty());
}

#[test]
fn the_people_list_counts_each_persons_interactions() {
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "alice", "1"), 0);
    send(&db, like("like", "unlike", "alice", "2"), 1);
    send(&db, like("like", "unlike", "bob", "3"), 2);
    // Liked, then unliked: nothing is left of it.
    send(&db, like("unlike", "like", "bob", "3"), 3);
    send(&db, visit("carol"), 4);
    let counts = |hours| {
        let Response::People { people } = ask(&db, Request::People {}, hours) else { panic!("no list") };
        let mut got: Vec<(String, usize)> = people.iter().map(|p| (p.accounts.join(" "), p.interactions)).collect();
        got.sort();
        got
    };
    assert_eq!(counts(5), vec![("x:alice".into(), 2), ("x:bob".into(), 0), ("x:carol".into(), 1)]);
    // Changed on the options page: the list follows at once.
    ask(&db, Request::DeletePerson { person: "p:x:carol".into() }, 5);
    send(&db, like("like", "unlike", "bob", "4"), 6);
    assert_eq!(counts(7), vec![("x:alice".into(), 2), ("x:bob".into(), 1)]);
}

#[test]
fn recent_people_come_newest_first() {
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "alice", "1"), 0);
    send(&db, like("like", "unlike", "bob", "2"), 1);
    send(&db, visit("alice"), 2);
    match ask(&db, Request::Recent { limit: 10 }, 3) {
        Response::Recent { people } => {
            let got: Vec<_> = people.iter().map(|p| (p.handle.as_str(), p.last_kind)).collect();
            assert_eq!(got, vec![("alice", Kind::ProfileVisit), ("bob", Kind::Like)]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn recent_people_skip_an_interaction_whose_person_is_gone() {
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "alice", "1"), 0);
    send(&db, like("like", "unlike", "bob", "2"), 1);
    send(&db, like("like", "unlike", "carol", "3"), 2);
    // The newest interaction names nobody the record has.
    let ghost = serde_json::json!({"id": "ighost", "p": "p:x:ghost", "s": "x", "k": "like", "d": 0, "t": 4_102_444_800_000_i64});
    db.plant(INTERACTIONS, [ghost]);
    match ask(&db, Request::Recent { limit: 2 }, 3) {
        Response::Recent { people } => {
            let got: Vec<_> = people.iter().map(|p| p.handle.as_str()).collect();
            assert_eq!(got, vec!["carol", "bob"]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn export_delete_everything_import_gives_the_identical_export() {
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "alice", "1"), 0);
    send(&db, visit("bob"), 1);
    let before = file(&db, ExportFormat::Json, 2);
    assert!(before.contains("\"kind\": \"like\""));
    message(ask(&db, Request::DeleteEverything {}, 2));
    assert_eq!(card(&db, "alice").total, 0);
    let said = message(ask(&db, Request::Import { text: before.clone(), mode: ImportMode::Replace }, 2));
    assert_eq!(said, "Replaced everything with 2 people and 2 interactions.");
    assert_eq!(file(&db, ExportFormat::Json, 2), before);
    // Merging the same file again changes nothing.
    message(ask(&db, Request::Import { text: before.clone(), mode: ImportMode::Merge }, 2));
    assert_eq!(file(&db, ExportFormat::Json, 2), before);
}

#[test]
fn they_reached_out_is_recorded_by_hand_counts_as_inbound_and_can_be_undone() {
    use crate::service::messages::PersonChange as C;
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "alice", "1"), 0);
    let tell = |change: C, hours: i64| ask(&db, Request::UpdatePerson { person: "p:x:alice".into(), change }, hours);
    let id = match tell(C::ReachedOut { site: Site::X, kind: Kind::Message, at: None }, 2) {
        Response::ReachedOut { interaction, message } => {
            assert_eq!(message.english(), "Noted: message from them.");
            interaction
        }
        other => panic!("expected it recorded, got {other:?}"),
    };
    let alice = card(&db, "alice");
    assert_eq!(crate::model::text::english_list(&alice.breakdown), "1 like, 1 message from them");
    let newest = alice.timeline.first().cloned();
    assert_eq!(newest.as_ref().map(|i| (i.kind, i.inbound, i.at)), Some((Kind::Message, true, now(2))));
    assert_eq!(newest.and_then(|i| i.by_hand), Some(id.clone()), "marked as entered by hand");
    assert_eq!(alice.timeline.get(1).map(|i| i.by_hand.clone()), Some(None), "the seen like is not");
    assert_eq!(alice.advice.map(|a| a.inbound), Some(1), "it counts as something they did");
    // A day in the past is allowed, and is in the export.
    let earlier = now(-48);
    assert!(matches!(
        tell(C::ReachedOut { site: Site::X, kind: Kind::InPerson, at: Some(earlier) }, 3),
        Response::ReachedOut { .. }
    ));
    let json = file(&db, ExportFormat::Json, 3);
    assert!(json.contains("\"kind\": \"in_person\""), "{json}");
    assert_eq!(json.matches("\"by_hand\": true").count(), 2, "{json}");
    // Refused, saying why, and nothing changes.
    let refusals = [
        (C::ReachedOut { site: Site::X, kind: Kind::Call, at: Some(now(5)) }, "That date is in the future"),
        (C::ReachedOut { site: Site::Mastodon, kind: Kind::Call, at: None }, "no account on Mastodon"),
        (C::RemoveReachedOut { interaction: "i-nothing".into() }, "Only what you entered yourself"),
    ];
    for (change, why) in refusals {
        let said = message(tell(change, 3));
        assert!(said.contains(why), "{said}");
    }
    let seen_like = card(&db, "alice").timeline.last().map(|_| ()).and_then(|_| {
        run(async {
            let records = Records::open(&db, now(3)).await.ok()?;
            records.interactions_of("p:x:alice", now(3)).await.ok()?.into_iter().find(|i| !i.by_hand)
        })
    });
    let seen_like = seen_like.map(|i| i.id).unwrap_or_default();
    let said = message(tell(C::RemoveReachedOut { interaction: seen_like }, 3));
    assert!(said.contains("Only what you entered yourself"), "a seen like is not the user's to remove: {said}");
    let nobody = ask(
        &db,
        Request::UpdatePerson {
            person: "p:x:nobody".into(),
            change: C::ReachedOut { site: Site::X, kind: Kind::Message, at: None },
        },
        3,
    );
    assert_eq!(message(nobody), "That person is not in Kindling.");
    assert_eq!(file(&db, ExportFormat::Json, 3), json, "the refusals changed nothing");
    // A kind Kindling sees for itself, or none it knows, is refused before the store.
    let follow = ask(
        &db,
        Request::UpdatePerson {
            person: "p:x:alice".into(),
            change: C::ReachedOut { site: Site::X, kind: Kind::Follow, at: None },
        },
        3,
    );
    assert!(message(follow).contains("not something to enter by hand"));
    let poke =
        r#"{"type":"update_person","person":"p:x:alice","change":{"what":"reached_out","site":"x","kind":"poke"}}"#;
    assert!(serde_json::from_str::<Request>(poke).is_err());
    // Undo: gone, and only it.
    assert_eq!(message(tell(C::RemoveReachedOut { interaction: id.clone() }, 4)), "Removed.");
    let alice = card(&db, "alice");
    assert_eq!(crate::model::text::english_list(&alice.breakdown), "1 like, 1 meeting in person from them");
    assert!(alice.timeline.iter().all(|i| i.by_hand.as_deref() != Some(id.as_str())));
    assert_today_matches_the_record(&db, 4, "undoing a reached out");
}

#[test]
fn entered_by_hand_round_trips_through_an_export_and_an_older_file_imports_unchanged() {
    use crate::service::messages::PersonChange as C;
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "alice", "1"), 0);
    let change = C::ReachedOut { site: Site::X, kind: Kind::Call, at: Some(now(-3)) };
    ask(&db, Request::UpdatePerson { person: "p:x:alice".into(), change }, 1);
    let before = file(&db, ExportFormat::Json, 2);
    assert!(before.contains("\"by_hand\": true") && before.contains("\"kind\": \"call\""), "{before}");
    message(ask(&db, Request::DeleteEverything {}, 2));
    message(ask(&db, Request::Import { text: before.clone(), mode: ImportMode::Replace }, 2));
    assert_eq!(file(&db, ExportFormat::Json, 2), before, "the same export back");
    let call = card(&db, "alice").timeline.into_iter().find(|i| i.kind == Kind::Call);
    assert!(call.is_some_and(|i| i.inbound && i.by_hand.is_some()), "still entered by hand, undoable");
    // A file from before the field: nothing is entered by hand, and
    // exporting it again writes no such field.
    let older = before.replace(",\n      \"by_hand\": true", "").replace("\"kind\": \"call\"", "\"kind\": \"message\"");
    assert!(!older.contains("by_hand"), "{older}");
    message(ask(&db, Request::Import { text: older.clone(), mode: ImportMode::Replace }, 2));
    assert_eq!(file(&db, ExportFormat::Json, 2), older);
    assert!(card(&db, "alice").timeline.iter().all(|i| i.by_hand.is_none()));
}

#[test]
fn a_bad_import_changes_nothing_and_says_why() {
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "alice", "1"), 0);
    let before = file(&db, ExportFormat::Json, 1);
    for (text, why) in [
        (&before[..before.len() - 20], "truncated"),
        ("{\"format\":\"something-else\"}", "not a Kindling export"),
        (&before.replace("\"version\": 1", "\"version\": 9"), "newer"),
        (&before.replace("\"plateau\": 4", "\"plateau\": 0"), "touches a week at most must be from 1 to 50"),
    ] {
        for mode in [ImportMode::Merge, ImportMode::Replace] {
            let said = message(ask(&db, Request::Import { text: text.to_owned(), mode }, 1));
            assert!(said.contains(why), "{said}");
            assert_eq!(file(&db, ExportFormat::Json, 1), before);
        }
    }
}

#[test]
fn pacing_settings_are_saved_tidied_or_refused_with_why() {
    let db = MemoryBackend::default();
    let mut settings = Settings::default();
    settings.pacing.coffee_phrases = vec![" Coffee at the market? ".into(), String::new()];
    message(ask(&db, Request::SaveSettings { settings: settings.clone() }, 0));
    let saved = match ask(&db, Request::Status {}, 0) {
        Response::Status { status } => status.settings.pacing.coffee_phrases,
        other => panic!("expected the status, got {other:?}"),
    };
    assert_eq!(saved, vec!["Coffee at the market?"]);
    settings.pacing.burst_touches = 1;
    let said = message(ask(&db, Request::SaveSettings { settings }, 0));
    assert_eq!(said, "Settings not saved: touches that make a burst must be from 2 to 50 (not 1).");
}

#[test]
fn a_full_store_says_so_keeps_what_it_had_and_acknowledges_nothing() {
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "alice", "1"), 0);
    let before = file(&db, ExportFormat::Json, 1);
    db.fail_writes.set(true);
    let said = message(send(&db, like("like", "unlike", "alice", "2"), 1));
    assert!(said.starts_with("Kindling's storage is full, so this was not saved."), "{said}");
    let said = message(ask(&db, Request::DeletePerson { person: "p:x:alice".into() }, 1));
    assert!(said.starts_with("Kindling's storage is full"), "{said}");
    // Reading goes on: Today is made without keeping its digests.
    assert!(matches!(ask(&db, Request::Today { today: None }, 1), Response::Today { .. }));
    db.fail_writes.set(false);
    assert_eq!(file(&db, ExportFormat::Json, 1), before, "nothing saved before was lost or changed");
    assert_eq!(card(&db, "alice").total, 1);
}

#[test]
fn deleting_a_person_takes_their_history_and_nobody_elses() {
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "alice", "1"), 0);
    send(&db, visit("alice"), 0);
    send(&db, like("like", "unlike", "bob", "2"), 0);
    let said = message(ask(&db, Request::DeletePerson { person: "p:x:alice".into() }, 1));
    assert_eq!(said, "Deleted alice Example and 2 interactions.", "the name first seen: a page renames no one");
    assert_eq!(card(&db, "alice").total, 0);
    assert_eq!(card(&db, "bob").total, 1);
}

/// The digests and the agenda made from them, against the same made
/// afresh from every record.
fn assert_today_matches_the_record(db: &MemoryBackend, hours: i64, after: &str) {
    let records = Records { backend: db, tab: None };
    let mut kept = run(records.digests(now(hours))).unwrap_or_else(|e| panic!("{after}: {e}")).to_vec();
    let people = run(records.all_people(now(hours))).unwrap_or_default();
    let all = run(records.all_interactions(now(hours))).unwrap_or_default();
    let mut fresh: Vec<crate::store::digest::Digest> =
        crate::store::digest::build(&people, &all).into_values().flatten().collect();
    crate::model::order::sort_by(&mut kept, |a, b| a.person.id.cmp(&b.person.id));
    crate::model::order::sort_by(&mut fresh, |a, b| a.person.id.cmp(&b.person.id));
    assert_eq!(kept, fresh, "digests after {after}");
    let today = now(hours).date_naive();
    let want = crate::engine::agenda::agenda(
        fresh.iter().map(|d| (&d.person, d.events.as_slice())),
        &crate::model::Pacing::default(),
        now(hours),
        today,
    );
    match ask(db, Request::Today { today: Some(today) }, hours) {
        Response::Today { items } => assert_eq!(items, want, "agenda after {after}"),
        other => panic!("expected today, got {other:?}"),
    }
    assert!(db.dump(crate::store::DIGESTS).keys().all(|k| !k.starts_with("dirty/")), "marks cleared");
}

/// Each person's accounts, tracking and notes, by id.
fn people_by_id(db: &MemoryBackend) -> std::collections::BTreeMap<String, (Vec<String>, bool, String)> {
    db.dump(PEOPLE)
        .into_iter()
        .map(|(id, p)| {
            let keys = p["keys"].as_array().into_iter().flatten().filter_map(|k| k.as_str().map(str::to_owned));
            (id, (keys.collect(), p["tracked"] == true, p["notes"].to_string()))
        })
        .collect()
}

#[test]
fn a_new_person_never_takes_over_a_record_kept_by_a_merge_even_through_export_and_import() {
    use crate::service::messages::PersonChange as C;
    let db = MemoryBackend::default();
    send(&db, visit("carol"), 0);
    send(&db, visit("dave"), 0);
    let tell = |change: C| ask(&db, Request::UpdatePerson { person: "p:x:dave".into(), change }, 1);
    message(tell(C::Track { on: true }));
    message(tell(C::Note { text: "Dave's note".into() }));
    // Dave merged into Carol's record (its id kept), Carol split off and deleted.
    message(ask(&db, Request::Merge { keep: "p:x:carol".into(), other: "p:x:dave".into() }, 2));
    message(ask(&db, Request::Split { person: "p:x:carol".into(), account: "x:carol".into() }, 3));
    let split_off = people_by_id(&db).into_iter().find(|(_, (keys, ..))| keys == &["x:carol"]).map(|(id, _)| id);
    message(ask(&db, Request::DeletePerson { person: split_off.unwrap_or_default() }, 4));
    let dave = people_by_id(&db).get("p:x:carol").cloned();
    assert!(
        matches!(&dave, Some((keys, true, notes)) if keys == &["x:dave"] && notes.contains("Dave's note")),
        "{dave:?}"
    );
    let saved = file(&db, ExportFormat::Json, 4);

    // Carol seen again: someone new, beside Dave, whose record is untouched.
    let carol_again = |hours: i64| {
        send(&db, visit("carol"), hours);
        let people = people_by_id(&db);
        assert_eq!(people.get("p:x:carol"), dave.as_ref(), "Dave's record");
        let carols: Vec<_> = people.iter().filter(|(_, (keys, ..))| keys == &["x:carol"]).collect();
        assert_eq!(carols.len(), 1, "{people:?}");
        assert_eq!(people.len(), 2, "{people:?}");
    };
    carol_again(5);
    // The same from the file: replacing everything with it, then merging it in again.
    message(ask(&db, Request::Import { text: saved.clone(), mode: ImportMode::Replace }, 6));
    carol_again(7);
    message(ask(&db, Request::Import { text: saved, mode: ImportMode::Merge }, 8));
    carol_again(9);
    // And a file whose Carol has the id Dave's record has here: she comes in beside him.
    message(ask(&db, Request::DeletePerson { person: "p:x:carol~2".into() }, 10));
    let other = MemoryBackend::default();
    send(&other, visit("carol"), 0);
    let carols_file = file(&other, ExportFormat::Json, 0);
    message(ask(&db, Request::Import { text: carols_file, mode: ImportMode::Merge }, 11));
    carol_again(12);
}

#[test]
fn the_store_refuses_to_write_a_person_over_someone_elses_record() {
    let db = MemoryBackend::default();
    send(&db, visit("dave"), 0);
    let records = Records { backend: &db, tab: None };
    let id =
        |site: Site, handle: &str| Identity { site, handle: handle.into(), url: format!("https://x.com/{handle}") };
    let mut impostor = Person::first_seen(id(Site::X, "carol"), "Carol", now(1));
    impostor.id = "p:x:dave".into();
    let refused = run(records.save(Change { people: vec![impostor], ..Change::default() }));
    assert!(refused.is_err(), "{refused:?}");
    assert_eq!(people_by_id(&db).get("p:x:dave").map(|p| p.0.clone()), Some(vec!["x:dave".to_owned()]));
    // An update of the same person (an account in common) is written.
    let mut dave = Person::first_seen(id(Site::X, "dave"), "Dave", now(1));
    dave.tracked = true;
    run(records.save(Change { people: vec![dave], ..Change::default() })).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(people_by_id(&db).get("p:x:dave").map(|p| p.1), Some(true));
}

/// Alice tracked, a coffee agreed in two days and a note: the record
/// whose calendar file and vCard the tests below write.
fn alice_with_a_date(db: &MemoryBackend) {
    use crate::service::messages::PersonChange as C;
    send(db, visit("alice"), 0);
    let tell = |change: C| ask(db, Request::UpdatePerson { person: "p:x:alice".into(), change }, 0);
    message(tell(C::Track { on: true }));
    message(tell(C::Raised { medium: crate::model::Medium::Coffee, phrasing: "Coffee?".into() }));
    message(tell(C::Schedule { at: now(48) }));
    message(tell(C::Note { text: "likes trains".into() }));
}

/// The calendar file for Alice's date and everyone's vCard.
fn written_files(db: &MemoryBackend, hours: i64) -> (String, String) {
    let ics = match ask(db, Request::CalendarEvent { person: "p:x:alice".into() }, hours) {
        Response::File { text, .. } => text,
        other => panic!("expected a calendar file, got {other:?}"),
    };
    (ics, file(db, ExportFormat::Vcard, hours))
}

#[test]
fn an_imported_file_cannot_add_lines_to_the_calendar_file_or_the_vcard() {
    let db = MemoryBackend::default();
    alice_with_a_date(&db);
    let mut saved: serde_json::Value = serde_json::from_str(&file(&db, ExportFormat::Json, 0)).unwrap_or_default();
    let alarm = "\r\nBEGIN:VALARM\r\nACTION:AUDIO\r\nATTACH:https://evil.example/a.mp3\r\nTRIGGER:-PT5M\r\nEND:VALARM";
    let alice = &mut saved["people"][0];
    alice["identities"][0]["url"] = serde_json::json!(format!("https://x.com/alice{alarm}"));
    // A lone CR, a NUL and a vertical tab in the name; CRs in a note and a tag.
    alice["name"] = serde_json::json!("Alice\rATTACH:https://evil.example/b\u{0}\u{b}");
    alice["notes"][0]["text"] = serde_json::json!(format!("trains{alarm}\rX-EVIL:1"));
    alice["tags"] = serde_json::json!(["friends\rX-EVIL:2"]);
    message(ask(&db, Request::Import { text: saved.to_string(), mode: ImportMode::Replace }, 1));
    let stored = db.dump(PEOPLE);
    assert_eq!(stored["p:x:alice"]["identities"][0]["url"], "https://x.com/alice", "the address made again");

    let (ics, vcard) = written_files(&db, 1);
    let names = property_names(&ics).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(names, crate::testing::CALENDAR_LINES, "{ics}");
    assert!(ics.contains("URL:https://x.com/alice\r\n"), "{ics}");
    assert!(!ics.contains("evil.example/a.mp3"), "{ics}");
    let names = property_names(&vcard).unwrap_or_else(|e| panic!("{e}"));
    assert!(names.iter().all(|n| crate::testing::VCARD_PROPERTIES.contains(&n.as_str())), "{vcard}");
    assert_eq!(names.iter().filter(|n| *n == "BEGIN").count(), 1, "{vcard}");
    // For tests/e2e/files.test.mjs, which reads both with ical.js.
    if let Ok(dir) = std::env::var("KINDLING_WRITE_FILES") {
        let dir = std::path::Path::new(&dir);
        std::fs::write(dir.join("meeting.ics"), &ics).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.join("people.vcf"), &vcard).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn an_import_makes_addresses_again_and_names_the_field_over_its_cap() {
    let db = MemoryBackend::default();
    alice_with_a_date(&db);
    let saved: serde_json::Value = serde_json::from_str(&file(&db, ExportFormat::Json, 0)).unwrap_or_default();
    let import = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut text = saved.clone();
        edit(&mut text);
        message(ask(&db, Request::Import { text: text.to_string(), mode: ImportMode::Replace }, 1))
    };
    // Addresses the card would not link: made again from the handle.
    for url in ["javascript:alert(1)", "https://evil.example/alice", "https://x.com@evil.example/", "data:,x"] {
        import(&|f| f["people"][0]["identities"][0]["url"] = serde_json::json!(url));
        assert_eq!(db.dump(PEOPLE)["p:x:alice"]["identities"][0]["url"], "https://x.com/alice", "{url}");
    }
    // Too long or too many: refused whole, naming the field; nothing changes.
    let before = (db.dump(PEOPLE), db.dump(INTERACTIONS));
    let refused = import(&|f| f["people"][0]["name"] = serde_json::json!("a".repeat(5_000_000)));
    assert!(refused.contains("person #1 (id p:x:alice): its name is longer than 2048 bytes."), "{refused}");
    let refused = import(&|f| f["people"][0]["notes"][0]["text"] = serde_json::json!("n".repeat(3000)));
    assert!(refused.contains("its note is longer than 2048 bytes"), "{refused}");
    let refused = import(&|f| f["people"][0]["tags"] = serde_json::json!(vec!["t"; 10_001]));
    assert!(refused.contains("it has more than 10000 tags"), "{refused}");
    let refused = import(&|f| f["interactions"][0]["url"] = serde_json::json!("https://x.com/alice\nX-EVIL:1"));
    assert!(refused.contains("interaction #1: its address holds a control character."), "{refused}");
    assert_eq!((db.dump(PEOPLE), db.dump(INTERACTIONS)), before);
}

#[test]
fn today_read_from_digests_is_today_read_from_the_record_after_every_kind_of_write() {
    use crate::service::messages::PersonChange as C;
    let db = MemoryBackend::default();
    assert_today_matches_the_record(&db, 0, "nothing yet");
    for (n, who) in ["alice", "bob", "carol", "alice", "alice", "alice_work"].into_iter().enumerate() {
        send(&db, like("like", "unlike", who, &n.to_string()), n as i64);
    }
    send(&db, visit("dave"), 6);
    assert_today_matches_the_record(&db, 7, "likes and a visit");
    send(&db, like("unlike", "like", "alice", "3"), 8);
    assert_today_matches_the_record(&db, 8, "an unlike");
    let tell = |change: C| ask(&db, Request::UpdatePerson { person: "p:x:bob".into(), change }, 9);
    message(tell(C::Track { on: true }));
    message(tell(C::AskAbout { text: "the marathon".into(), after: None }));
    assert_today_matches_the_record(&db, 9, "tracking and an ask-about item");
    message(ask(&db, Request::Merge { keep: "p:x:alice".into(), other: "p:x:alice_work".into() }, 10));
    assert_today_matches_the_record(&db, 10, "a merge");
    message(ask(&db, Request::Split { person: "p:x:alice".into(), account: "x:alice_work".into() }, 11));
    assert_today_matches_the_record(&db, 11, "a split");
    message(ask(&db, Request::DeletePerson { person: "p:x:carol".into() }, 12));
    assert_today_matches_the_record(&db, 12, "deleting a person");
    let saved = file(&db, ExportFormat::Json, 12);
    send(&db, like("like", "unlike", "erin", "9"), 13);
    message(ask(&db, Request::Import { text: saved.clone(), mode: ImportMode::Merge }, 13));
    assert_today_matches_the_record(&db, 13, "a merging import");
    message(ask(&db, Request::Import { text: saved, mode: ImportMode::Replace }, 14));
    assert_today_matches_the_record(&db, 14, "a replacing import");
    let settings = Settings { retention_months: Some(1), ..Settings::default() };
    send(&db, like("like", "unlike", "bob", "10"), 24 * 40);
    message(ask(&db, Request::SaveSettings { settings }, 24 * 40));
    assert_today_matches_the_record(&db, 24 * 40, "pruning");
    // Damaged or missing digests are rebuilt from the record.
    db.plant(crate::store::DIGESTS, [serde_json::json!({"id": "shard/00", "v": "[{\"p\": 1}]"})]);
    assert_today_matches_the_record(&db, 24 * 40, "a damaged shard");
    db.plant(INTERACTIONS, [serde_json::json!({"id": "bad", "p": "p:x:bob", "t": "yesterday"})]);
    assert_today_matches_the_record(&db, 24 * 40, "a record quarantined");
    message(ask(&db, Request::DeleteEverything {}, 24 * 41));
    assert_today_matches_the_record(&db, 24 * 41, "deleting everything");
}

#[test]
fn the_whole_card_is_for_people_engaged_with_and_folds_per_site() {
    let db = MemoryBackend::default();
    send(&db, visit("erin"), 0);
    let erin = card(&db, "erin");
    assert!(erin.known && !erin.engaged && !erin.collapsed, "a visit alone: the Track view");
    send(&db, like("like", "unlike", "erin", "1"), 1);
    assert!(card(&db, "erin").engaged, "a like: the whole card");
    message(ask(&db, Request::CollapseCard { site: Site::X, collapsed: true }, 1));
    assert!(card(&db, "erin").collapsed, "folded on X");
    let github = match ask(&db, Request::Card { site: Site::Github, handle: "octocat".into(), today: None }, 1) {
        Response::Card { card } => *card,
        other => panic!("expected a card, got {other:?}"),
    };
    assert!(!github.collapsed, "not on GitHub");
    assert!(matches!(send(&db, Request::CollapseCard { site: Site::X, collapsed: false }, 1), Response::Error { .. }));
    assert!(card(&db, "erin").collapsed, "a page cannot unfold it");
    message(ask(&db, Request::CollapseCard { site: Site::X, collapsed: false }, 1));
    assert!(!card(&db, "erin").collapsed);
    // The content script sizes and makes the frame from the site's rules,
    // which say only what the user chose: folded here, Kindling on profiles or not.
    let rules = |db: &MemoryBackend, url: &str| match send(db, Request::SiteRules { url: url.into() }, 1) {
        Response::SiteRules { overlay, folded, .. } => (overlay, folded),
        other => panic!("expected site rules, got {other:?}"),
    };
    assert_eq!(rules(&db, "https://x.com/home"), (true, false));
    message(ask(&db, Request::CollapseCard { site: Site::X, collapsed: true }, 1));
    assert_eq!(rules(&db, "https://x.com/home"), (true, true), "folded on X");
    assert_eq!(rules(&db, "https://github.com/"), (true, false), "not on GitHub");
    let settings = Settings { track_chips: false, collapsed_sites: vec![Site::X], ..Settings::default() };
    message(ask(&db, Request::SaveSettings { settings }, 1));
    assert_eq!(rules(&db, "https://x.com/home"), (false, true), "no card on any profile");
    assert_eq!(rules(&db, "https://github.com/"), (false, false));
}

#[test]
fn merge_and_split_through_messages() {
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "alice", "1"), 0);
    send(&db, like("like", "unlike", "alice_work", "2"), 0);
    // The card finds the other account by search, never itself; a page may not search.
    let find = Request::FindPeople { query: "ALICE".into(), except: Some("p:x:alice".into()) };
    match ask(&db, find.clone(), 1) {
        Response::Found { people } => {
            assert_eq!(people.iter().map(|p| p.person.as_str()).collect::<Vec<_>>(), ["p:x:alice_work"]);
        }
        other => panic!("expected people found, got {other:?}"),
    }
    let from_page = run(handle(&db, Sender::ContentScript, find, now(1)));
    assert_eq!(message(from_page), "This part of Kindling may not ask for that.");
    message(ask(&db, Request::Merge { keep: "p:x:alice".into(), other: "p:x:alice_work".into() }, 1));
    assert_eq!(card(&db, "alice_work").total, 2, "both accounts show the merged history");
    message(ask(&db, Request::Split { person: "p:x:alice".into(), account: "x:alice_work".into() }, 2));
    assert_eq!((card(&db, "alice").total, card(&db, "alice_work").total), (1, 1));
}

#[test]
fn paused_or_off_notes_nothing_new_and_resuming_notes_again() {
    let db = MemoryBackend::default();
    let recording = |db: &MemoryBackend, url: &str| match send(db, Request::SiteRules { url: url.into() }, 0) {
        Response::SiteRules { recording, site, .. } => (site, recording),
        other => panic!("expected site rules, got {other:?}"),
    };
    assert_eq!(recording(&db, "https://x.com/home"), (Some(Site::X), true));
    let said = message(ask(&db, Request::SetRecording { site: None, on: false }, 0));
    assert!(said.starts_with("Recording paused everywhere."), "{said}");
    assert_eq!(ask(&db, Request::Recording {}, 0), Response::Recording { paused: true, sites_off: vec![] });
    assert_eq!(recording(&db, "https://x.com/home"), (Some(Site::X), false));
    send(&db, like("like", "unlike", "alice", "1"), 0);
    send(&db, visit("alice"), 0);
    assert_eq!(card(&db, "alice").total, 0, "paused: no like, no visit");
    assert!(db.dump(INTERACTIONS).is_empty());

    message(ask(&db, Request::SetRecording { site: None, on: true }, 0));
    send(&db, like("like", "unlike", "alice", "1"), 0);
    assert_eq!(card(&db, "alice").total, 1, "resumed: the like is noted");

    // Off on X only: X notes nothing, Mastodon still does.
    message(ask(&db, Request::SetRecording { site: Some(Site::X), on: false }, 1));
    assert_eq!(recording(&db, "https://x.com/home"), (Some(Site::X), false));
    assert_eq!(recording(&db, "https://mastodon.social/home"), (Some(Site::Mastodon), true));
    send(&db, like("like", "unlike", "alice", "2"), 1);
    send(&db, visit("bob"), 1);
    assert_eq!((card(&db, "alice").total, card(&db, "bob").total), (1, 0));
    message(ask(&db, Request::SetRecording { site: Some(Site::X), on: true }, 2));
    send(&db, visit("bob"), 2);
    assert_eq!(card(&db, "bob").total, 1, "on again");
    assert!(
        matches!(
            run(handle(&db, Sender::ContentScript, Request::SetRecording { site: None, on: false }, now(2))),
            Response::Error { .. }
        ),
        "a page cannot switch recording"
    );
}

#[test]
fn retention_prunes_old_interactions_but_keeps_their_counts() {
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "alice", "1"), 0);
    send(&db, visit("alice"), 24 * 200);
    let settings = Settings { retention_months: Some(3), ..Settings::default() };
    let said = message(ask(&db, Request::SaveSettings { settings }, 24 * 200));
    assert!(said.contains("1 older interaction pruned"), "{said}");
    assert_eq!(db.dump(INTERACTIONS).len(), 1);
    let alice = card(&db, "alice");
    assert_eq!(
        (alice.total, crate::model::text::english_list(&alice.breakdown).as_str()),
        (2, "1 like, 1 profile visit")
    );
}

#[test]
fn retention_is_applied_daily_when_the_popup_opens() {
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "alice", "1"), 0);
    let settings = Settings { retention_months: Some(1), ..Settings::default() };
    message(ask(&db, Request::SaveSettings { settings }, 1));
    assert_eq!(db.dump(INTERACTIONS).len(), 1, "still recent");
    ask(&db, Request::Recent { limit: 5 }, 24 * 40);
    assert!(db.dump(INTERACTIONS).is_empty(), "older than a month: pruned");
    assert_eq!(crate::model::text::english_list(&card(&db, "alice").breakdown), "1 like", "its count is kept");
}

#[test]
fn a_reply_reported_twice_is_one_reply_and_two_replies_are_two() {
    let db = MemoryBackend::default();
    let reply = |event: &str| Request::Engagement {
        url: "https://x.com/alice/status/1".into(),
        facts: Box::new(ClickFacts { control: "send".into(), event: Some(event.into()), ..Default::default() }),
    };
    send(&db, reply("e1"), 0);
    send(&db, reply("e1"), 0);
    assert_eq!(crate::model::text::english_list(&card(&db, "alice").breakdown), "1 reply");
    send(&db, reply("e2"), 0);
    assert_eq!(crate::model::text::english_list(&card(&db, "alice").breakdown), "2 replies");
}

#[test]
fn the_status_says_when_each_site_last_worked_and_what_it_missed() {
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "alice", "1"), 0);
    send(&db, like("like", "like", "alice", "2"), 2);
    send(&db, like("like", "like", "alice", "3"), 3);
    let Response::Status { status } = ask(&db, Request::Status {}, 4) else { panic!("no status") };
    let x = status.sites.iter().find(|s| s.site == "x").cloned().unwrap_or_default();
    assert_eq!((x.label.as_str(), x.last_ok, x.misses), ("X", Some(now(0)), 2));
    assert_eq!(x.last_miss, Some(now(3)));
    assert_eq!(x.last_miss_reason.as_deref(), Some("the like button did not change state"));
}

#[test]
fn the_status_counts_the_record_and_the_check_sets_aside_what_cannot_be_read_once_per_change() {
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "alice", "1"), 0);
    send(&db, like("like", "unlike", "bob", "2"), 1);
    db.plant(INTERACTIONS, [serde_json::json!({"id": "bad", "p": "p:x:bob", "t": "yesterday"})]);
    let counted = |request| match ask(&db, request, 2) {
        Response::Status { status } => (status.people, status.interactions, status.quarantined.len()),
        other => panic!("no status: {other:?}"),
    };
    assert_eq!(counted(Request::Status {}), (2, 3, 0), "counted, the unreadable one too, nothing read");
    assert_eq!(counted(Request::Check {}), (2, 2, 1), "read: the unreadable one set aside, the counts follow");
    assert_eq!(counted(Request::Status {}), (2, 2, 1), "and so it stays");
    assert!(db.dump(crate::store::QUARANTINE).values().any(|q| q["key"] == "bad"), "kept, aside");
    db.plant(INTERACTIONS, [serde_json::json!({"id": "bad2", "p": "p:x:alice", "t": "today"})]);
    assert_eq!(counted(Request::Check {}), (2, 3, 1), "nothing written since the check: not read again");
    send(&db, like("like", "unlike", "carol", "3"), 2);
    assert_eq!(counted(Request::Check {}), (3, 3, 2), "read again once the record changed");
}

#[test]
fn csv_and_vcard_exports_list_people() {
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "alice", "1"), 0);
    assert!(file(&db, ExportFormat::Csv, 1).contains("\"p:x:alice\",\"alice Example\""));
    assert!(file(&db, ExportFormat::Vcard, 1).contains("FN:alice Example\r\n"));
}

#[test]
fn people_are_listed_by_attention_and_filtered_by_name_stage_and_tag() {
    use crate::model::Stage;
    use crate::service::messages::PersonChange as C;
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "bob", "b1"), 0);
    send(&db, like("like", "unlike", "dave", "d1"), 5);
    for n in 0..6 {
        send(&db, like("like", "unlike", "alice", &format!("a{n}")), 10);
    }
    let tell = |who: &str, change: C| ask(&db, Request::UpdatePerson { person: format!("p:x:{who}"), change }, 10);
    let typed = vec!["#Climbing ".to_owned(), " work  trips".to_owned(), "climbing".to_owned(), String::new()];
    assert_eq!(message(tell("alice", C::Tags { tags: typed })), "Tags saved.");
    assert_eq!(card(&db, "alice").tags, ["Climbing", "work trips"], "tidied: no '#', spaces, repeats or blanks");
    let long = message(tell("alice", C::Tags { tags: vec!["x".repeat(41)] }));
    assert_eq!(long, "A tag can be at most 40 characters.");
    assert_eq!(card(&db, "alice").tags, ["Climbing", "work trips"], "a refused change changes nothing");
    message(tell("bob", C::Tags { tags: vec!["work trips".into()] }));
    message(tell("dave", C::Stage { stage: Some(Stage::RealLife) }));
    message(tell("dave", C::Local { on: true }));
    assert!(card(&db, "dave").local);

    let list = |query: &str, stage: Option<Stage>, tag: Option<&str>| {
        let request = Request::ListPeople { query: query.into(), stage, tag: tag.map(str::to_owned), today: None };
        match ask(&db, request, 10) {
            Response::Listed { people, more, tags, .. } => {
                assert_eq!(more, 0);
                assert_eq!(tags, ["Climbing", "work trips"], "every tag in use, once");
                people
            }
            other => panic!("expected people listed, got {other:?}"),
        }
    };
    let names = |people: Vec<crate::engine::search::Listed>| people.into_iter().map(|p| p.name).collect::<Vec<_>>();
    let everyone = list("", None, None);
    assert!(everyone[0].attention.is_some(), "six likes in an hour: slow down with alice");
    assert_eq!(
        names(everyone),
        ["alice Example", "dave Example", "bob Example"],
        "attention first, then the most recently engaged with"
    );
    assert_eq!(names(list("", None, Some("WORK TRIPS"))), ["alice Example", "bob Example"]);
    assert_eq!(names(list("", Some(Stage::RealLife), None)), ["dave Example"]);
    assert_eq!(names(list("@BO", None, None)), ["bob Example"]);
    assert_eq!(names(list("bob", None, Some("climbing"))), Vec::<String>::new());
    let from_page = send(&db, Request::ListPeople { query: String::new(), stage: None, tag: None, today: None }, 10);
    assert_eq!(message(from_page), "This part of Kindling may not ask for that.");
}

#[test]
fn someone_never_engaged_with_but_with_a_question_to_ask_is_listed_as_the_agenda_ranks_them() {
    // Found by fuzzing: with no touch of the user's, the list's "waited"
    // overflowed (a panic natively; an accidental first place in wasm).
    use crate::service::messages::PersonChange as C;
    let db = MemoryBackend::default();
    send(&db, visit("carol"), 0);
    let question = C::AskAbout { text: "her new job".into(), after: None };
    assert_eq!(
        message(ask(&db, Request::UpdatePerson { person: "p:x:carol".into(), change: question }, 0)),
        "Kindling will remind you."
    );
    send(&db, like("like", "unlike", "alice", "a1"), 24);
    let question = C::AskAbout { text: "the climb".into(), after: None };
    ask(&db, Request::UpdatePerson { person: "p:x:alice".into(), change: question }, 24);
    let Response::Listed { people, .. } =
        ask(&db, Request::ListPeople { query: String::new(), stage: None, tag: None, today: None }, 48)
    else {
        panic!("no list")
    };
    let listed: Vec<(&str, bool)> = people.iter().map(|p| (p.person.as_str(), p.attention.is_some())).collect();
    assert_eq!(listed, [("p:x:alice", true), ("p:x:carol", true)], "the one who waited longest first");
    let Response::Today { items } = ask(&db, Request::Today { today: None }, 48) else { panic!("no agenda") };
    let agenda: Vec<&str> = items.iter().map(|i| i.person.as_str()).collect();
    assert_eq!(agenda, ["p:x:alice", "p:x:carol"]);
}

#[test]
fn snippets_are_kept_only_while_the_user_keeps_them_and_only_from_the_post_recorded() {
    let db = MemoryBackend::default();
    let with_text = |post: &str, text: &str, permalink: Option<&str>| {
        let mut request = like("like", "unlike", "alice", post);
        if let Request::Engagement { facts, .. } = &mut request {
            match permalink {
                // The words are another post's (one replied to, say).
                Some(link) => {
                    facts.reply_to = Some(PostFacts {
                        author_href: Some("/bob".into()),
                        permalink: Some(link.to_owned()),
                        text: Some(text.to_owned()),
                        ..PostFacts::default()
                    });
                }
                None => {
                    if let Some(p) = facts.post.as_mut() {
                        p.text = Some(text.to_owned());
                    }
                }
            }
        }
        request
    };
    let text_rule = |db: &MemoryBackend| match send(db, Request::SiteRules { url: "https://x.com/home".into() }, 0) {
        Response::SiteRules { rules: Some(rules), .. } => rules.text,
        other => panic!("expected rules, got {other:?}"),
    };
    let snippets = |db: &MemoryBackend| card(db, "alice").timeline.into_iter().map(|t| t.snippet).collect::<Vec<_>>();
    let keep = |on: bool| Request::SaveSettings { settings: Settings { keep_snippets: on, ..Settings::default() } };

    assert_eq!(text_rule(&db), "", "off by default: pages are not even told where a post's text is");
    send(&db, with_text("1", "Long run done.", None), 1);
    assert_eq!(snippets(&db), [None], "off: the text a page sends anyway is not kept");

    message(ask(&db, keep(true), 2));
    assert_eq!(text_rule(&db), r#"[data-testid="tweetText"]"#);
    send(&db, with_text("2", "  Berlin\n marathon   in 3 weeks! ", None), 3);
    send(&db, with_text("3", &"word ".repeat(60), None), 4);
    send(&db, with_text("4", "A quoted post's words", Some("/bob/status/9")), 5);
    let kept = snippets(&db);
    assert_eq!(kept[2], Some("Berlin marathon in 3 weeks!".to_owned()));
    let long = kept[1].clone().unwrap_or_default();
    assert_eq!((long.chars().count(), long.ends_with("word…")), (crate::model::SNIPPET_CHARS, true), "{long}");
    assert_eq!(kept[0], None, "the text of a post other than the one recorded is never kept");

    message(ask(&db, keep(false), 6));
    assert!(snippets(&db).iter().all(Option::is_none), "turning snippets off deletes those kept");
    assert!(!file(&db, ExportFormat::Json, 6).contains("marathon"));
}

#[test]
fn recent_people_are_found_behind_a_long_run_on_one_person() {
    let db = MemoryBackend::default();
    send(&db, like("like", "unlike", "bob", "b1"), 0);
    for n in 0..50 {
        send(&db, like("like", "unlike", "alice", &format!("a{n}")), 1);
    }
    match ask(&db, Request::Recent { limit: 2 }, 2) {
        Response::Recent { people } => {
            let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(names, ["alice Example", "bob Example"], "bob, 51st newest, is still found");
        }
        other => panic!("expected recent people, got {other:?}"),
    }
}
