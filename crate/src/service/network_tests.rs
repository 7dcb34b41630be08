//! Bringing the user's network in, through the service as the options
//! page and the popup send it: what comes in, what matches, what is
//! skipped, what a broken file changes (nothing), the suggestions and the
//! card's "same person?".

use super::*;
use crate::model::Site;
use crate::service::messages::{PersonChange, Request, Response, Sender};
use crate::store::{MemoryBackend, PEOPLE};
use crate::testing::run;
use chrono::{DateTime, Utc};

fn now(hours: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_764_000_000 + hours * 3600, 0).unwrap_or_default()
}

fn ask(db: &MemoryBackend, request: Request, hours: i64) -> Response {
    run(handle(db, Sender::ExtensionPage, request, now(hours)))
}

fn import(db: &MemoryBackend, text: &str, keep_emails: bool) -> String {
    let request =
        Request::ImportNetwork { text: text.into(), keep_emails, connected_note: "Connected on LinkedIn".into() };
    match ask(db, request, 0) {
        Response::Done { message, .. } | Response::Error { message } => message.english(),
        other => panic!("{other:?}"),
    }
}

fn person(db: &MemoryBackend, id: &str) -> crate::model::Person {
    let records = run(crate::store::Records::open(db, now(0))).unwrap_or_else(|e| panic!("{e:?}"));
    let found = run(records.person(id, now(0))).unwrap_or_else(|e| panic!("{e:?}"));
    found.unwrap_or_else(|| panic!("{id} is there"))
}

const CONNECTIONS: &str = "\u{feff}Notes:\r\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\nAna,Petrova,https://www.linkedin.com/in/ana-petrova,ana@example.com,\"Acme, Inc.\",Engineer,07 Nov 2026\r\n山田,太郎,https://www.linkedin.com/in/taro-yamada/,,,,01 Oct 2026\r\nPrivate,Person,,,,,12 Sep 2026\r\nAna,Petrova,https://www.linkedin.com/in/ana-petrova,,,,07 Nov 2026\r\n";

#[test]
fn connections_come_in_untracked_with_their_job_and_date_and_no_e_mail_unless_asked() {
    let db = MemoryBackend::default();
    let said = import(&db, CONNECTIONS, false);
    assert_eq!(
        said,
        "2 people came in; 0 matched people you already know. Skipped: 1 row with no account on a site Kindling knows, 1 row naming someone listed before."
    );
    let ana = person(&db, "p:linkedin:ana-petrova");
    assert_eq!(
        (ana.name.as_str(), ana.tracked, ana.imported),
        ("Ana Petrova", false, Some(crate::model::ImportedFrom::Linkedin))
    );
    let notes: Vec<(&str, String)> =
        ana.notes.iter().map(|n| (n.text.as_str(), n.created_at.date_naive().to_string())).collect();
    assert!(notes.contains(&("Engineer · Acme, Inc.", now(0).date_naive().to_string())), "{notes:?}");
    assert!(notes.contains(&("Connected on LinkedIn", "2026-11-07".into())), "{notes:?}");
    assert!(!notes.iter().any(|(t, _)| t.contains('@')), "no e-mail address kept: {notes:?}");
    assert_eq!(person(&db, "p:linkedin:taro-yamada").name, "山田 太郎");
    assert_eq!(db.dump(crate::store::INTERACTIONS).len(), 0, "no interactions");

    // Again, with e-mail addresses: everyone matches, the address is kept,
    // nothing is there twice.
    let again = import(&db, CONNECTIONS, true);
    assert!(again.starts_with("0 people came in; 2 matched people you already know."), "{again}");
    let ana = person(&db, "p:linkedin:ana-petrova");
    assert_eq!(ana.notes.iter().filter(|n| n.text == "ana@example.com").count(), 1);
    assert_eq!(ana.notes.iter().filter(|n| n.text == "Connected on LinkedIn").count(), 1);
}

#[test]
fn a_file_that_is_not_what_it_claims_changes_nothing() {
    let db = MemoryBackend::default();
    import(&db, CONNECTIONS, false);
    let before = db.dump(PEOPLE);
    for text in [
        "",
        "{\"format\":\"kindling-export\"}",
        "First Name,Last Name,Profile\r\nAna,Petrova,https://www.linkedin.com/in/ana-petrova\r\n",
        "BEGIN:VCARD\r\nFN:Half a card\r\n",
    ] {
        let said = import(&db, text, false);
        assert!(said.starts_with("Import failed") || said.contains("not"), "{text:?}: {said}");
        assert_eq!(db.dump(PEOPLE), before, "{text:?} changed nothing");
    }
}

#[test]
fn someone_already_known_gains_what_the_file_adds_but_keeps_their_name() {
    let db = MemoryBackend::default();
    let visit = Request::PageSeen {
        url: "https://x.com/yukit".into(),
        page: crate::sites::PageFacts {
            title: "Yuki T (@yukit) / X".into(),
            profile_name: None,
            self_href: Some("/me".into()),
        },
        by_user: true,
        started: None,
        loaded: None,
    };
    run(handle(&db, Sender::ContentScript, visit, now(0)));
    let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Yuki Tanaka\r\nitem1.URL:https://x.com/yukit\r\nitem1.X-ABLabel:Twitter\r\nURL:https://github.com/yukitanaka\r\nCATEGORIES:climbing\r\nEND:VCARD\r\n";
    let said = import(&db, card, false);
    assert!(said.starts_with("0 people came in; 1 matched someone you already know."), "{said}");
    let yuki = person(&db, "p:x:yukit");
    assert_eq!(yuki.name, "Yuki T", "a file never renames anyone");
    let accounts: Vec<String> = yuki.identities.iter().map(|i| i.key()).collect();
    assert_eq!(accounts, ["x:yukit", "github:yukitanaka"]);
    assert_eq!(yuki.tags, ["climbing"]);
}

fn suggestions(db: &MemoryBackend) -> Vec<(String, Vec<String>)> {
    let request = Request::ListPeople { query: String::new(), stage: None, tag: None, today: None };
    match ask(db, request, 1) {
        Response::Listed { suggestions, .. } => {
            suggestions.into_iter().map(|s| (s.name, s.reasons.iter().map(|r| r.english()).collect())).collect()
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn at_most_five_suggestions_each_with_its_reasons_and_not_interested_stays() {
    let db = MemoryBackend::default();
    let mut rows = String::from("Account address,Show boosts,Notify on new posts,Languages\n");
    for n in 0..7 {
        rows.push_str(&format!("friend{n}@fosstodon.org,true,false,\n"));
    }
    import(&db, &rows, false);
    let card = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Yuki Tanaka\r\nURL:https://x.com/yukit\r\nURL:https://github.com/yukitanaka\r\nEND:VCARD\r\n";
    import(&db, card, false);
    let shown = suggestions(&db);
    assert_eq!(shown.len(), 5, "{shown:?}");
    assert_eq!(
        shown[0],
        ("Yuki Tanaka".into(), vec!["In your address book".into(), "The same person on X, GitHub".into()])
    );
    assert_eq!(shown[1].1, ["Someone you follow on Mastodon"]);
    let not = PersonChange::NotInterested {};
    ask(&db, Request::UpdatePerson { person: "p:x:yukit".into(), change: not }, 1);
    ask(
        &db,
        Request::UpdatePerson {
            person: "p:mastodon:friend0@fosstodon.org".into(),
            change: PersonChange::Track { on: true },
        },
        1,
    );
    let names: Vec<String> = suggestions(&db).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names.len(), 5);
    assert!(!names.iter().any(|n| n == "Yuki Tanaka" || n == "friend0@fosstodon.org"), "{names:?}");
}

#[test]
fn the_same_name_and_a_website_offer_a_merge_on_the_card_never_the_name_alone() {
    let db = MemoryBackend::default();
    let cards = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Dave Okafor\r\nURL:https://x.com/dave\r\nURL:https://dave.example\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:Dave Okafor\r\nX-SOCIALPROFILE;TYPE=mastodon:https://mastodon.social/@dokafor\r\nURL:https://www.dave.example/\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:Dave Okafor\r\nURL:https://github.com/dave-o\r\nEND:VCARD\r\n";
    import(&db, cards, false);
    let card = match ask(&db, Request::Card { site: Site::X, handle: "dave".into(), today: None }, 1) {
        Response::Card { card } => *card,
        other => panic!("{other:?}"),
    };
    let offered: Vec<&str> = card.same_as.iter().map(|s| s.person.as_str()).collect();
    assert_eq!(offered, ["p:mastodon:dokafor@mastodon.social"], "the GitHub Dave shares only the name");
    let not = PersonChange::NotSame { other: "p:mastodon:dokafor@mastodon.social".into() };
    ask(&db, Request::UpdatePerson { person: "p:x:dave".into(), change: not }, 1);
    assert!(person(&db, "p:x:dave").same_as.is_empty());
}

#[test]
fn merging_the_two_keeps_both_links_and_offers_them_no_more() {
    let db = MemoryBackend::default();
    let cards = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Dave Okafor\r\nURL:https://x.com/dave\r\nURL:https://dave.example\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:Dave Okafor\r\nX-SOCIALPROFILE;TYPE=mastodon:https://mastodon.social/@dokafor\r\nURL:https://www.dave.example/\r\nURL:https://blog.dave.example\r\nEND:VCARD\r\n";
    import(&db, cards, false);
    let merge = Request::Merge { keep: "p:x:dave".into(), other: "p:mastodon:dokafor@mastodon.social".into() };
    assert!(matches!(ask(&db, merge, 1), Response::Done { .. }));
    let dave = person(&db, "p:x:dave");
    assert!(dave.same_as.is_empty(), "{:?}", dave.same_as);
    assert_eq!(dave.identities.len(), 2);
    assert!(dave.links.iter().any(|l| l.contains("blog.dave.example")), "{:?}", dave.links);
}
