//! Real-shaped files of each kind read into contacts, Kindling's own exports
//! read back, and files that are not what they claim refused with a
//! sentence. Every identity any test reads must be one the card links to.

use super::*;
use crate::engine::card::safe_link;
use crate::model::Person;
use crate::service::export::{people_csv, people_vcard, Export};

const CONNECTIONS: &str = include_str!("fixtures/Connections.csv");
const GOOGLE: &str = include_str!("fixtures/google.vcf");
const APPLE: &str = include_str!("fixtures/apple.vcf");

/// A file read, with every identity linking only to its own site.
fn read_ok(text: &str) -> Read {
    let read = read(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    for contact in &read.contacts {
        assert!(!contact.identities.is_empty(), "{contact:?}");
        assert!(contact.links.len() <= MAX_LINKS, "{contact:?}");
        for identity in &contact.identities {
            assert_eq!(safe_link(identity).as_deref(), Some(identity.url.as_str()), "{identity:?}");
        }
    }
    read
}

fn keys(contact: &Contact) -> Vec<String> {
    contact.identities.iter().map(Identity::key).collect()
}

fn named<'a>(read: &'a Read, name: &str) -> &'a Contact {
    read.contacts.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no {name} in {:#?}", read.contacts))
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn the_csv_reader_keeps_quoted_commas_quotes_and_line_breaks_inside_their_field() {
    type Rows = Vec<(usize, Vec<&'static str>)>;
    let cases: Vec<(&str, Rows)> = vec![
        ("a,b\nc,d", vec![(1, vec!["a", "b"]), (2, vec!["c", "d"])]),
        ("a,b\r\nc,d\r\n", vec![(1, vec!["a", "b"]), (2, vec!["c", "d"])]),
        ("\"x,y\",\"he said \"\"hi\"\"\"\n", vec![(1, vec!["x,y", "he said \"hi\""])]),
        ("\"line\r\nbreak\",z\nnext", vec![(1, vec!["line\r\nbreak", "z"]), (2, vec!["next"])]),
        ("a,,\n\nb", vec![(1, vec!["a", "", ""]), (2, vec![""]), (3, vec!["b"])]),
        ("a\rb", vec![(1, vec!["a"]), (2, vec!["b"])]),
        ("\"a\"b,c", vec![(1, vec!["ab", "c"])]),
        ("", vec![]),
    ];
    for (text, want) in cases {
        let got: Vec<_> = csv::Records::new(text).map(|r| r.unwrap_or_else(|e| panic!("{e:?}"))).collect();
        let want: Vec<_> =
            want.into_iter().map(|(n, cells)| (n, cells.into_iter().map(String::from).collect())).collect();
        assert_eq!(got, want, "{text:?}");
    }
    let unclosed: Vec<_> = csv::Records::new("a\n\"open,b\nc").collect();
    assert_eq!(unclosed.last(), Some(&Err((2, "a quoted field is never closed"))));
}

#[test]
fn a_linkedin_export_reads_each_connection_after_its_notes() {
    let read = read_ok(CONNECTIONS);
    assert_eq!(read.kind, FileKind::LinkedinConnections);
    // Name, LinkedIn handle, company, position, connected on.
    type Row<'a> = (&'a str, &'a str, Option<&'a str>, Option<&'a str>, Option<NaiveDate>);
    let want: [Row; 5] = [
        ("Ada Lovelace", "ada-lovelace", Some("Analytical Engines"), Some("Mathematician, Poet"), date(2026, 12, 7)),
        ("山田 太郎", "taro-yamada-12ab", Some("株式会社テスト"), Some("部長"), date(2025, 12, 22)),
        ("Ελένη Παπαδοπούλου", "eleni-p", None, None, date(2019, 1, 3)),
        ("Short Row", "short-row", None, None, None),
        (
            "Nagel Lisânias Paulino",
            "nagel-lis%c3%a2nias-paulino-b0a5492b7",
            Some("Banco Central do Brasil"),
            Some("Chefe de divisão, \"DIGEP\""),
            date(2026, 2, 6),
        ),
    ];
    let got: Vec<Row> = read
        .contacts
        .iter()
        .map(|c| {
            assert_eq!(c.identities.len(), 1, "{c:?}");
            let handle = c.identities[0].handle.as_str();
            (c.name.as_str(), handle, c.company.as_deref(), c.position.as_deref(), c.connected_on)
        })
        .collect();
    assert_eq!(got, want);
    assert!(read.contacts.iter().all(|c| c.identities[0].site == Site::Linkedin));
    assert_eq!(read.contacts[0].identities[0].url, "https://www.linkedin.com/in/ada-lovelace/");
    // Grace has no URL (the member hides it); Ada's second row adds her other address.
    assert_eq!(read.skipped, [(Skip::NoAccount, 1), (Skip::Duplicate, 1)]);
    assert_eq!(read.contacts[0].emails, ["ada@example.com", "ada@lovelace.org"]);
}

#[test]
fn the_same_file_reads_alike_with_crlf_a_bom_or_no_final_line_break() {
    let plain = read_ok(CONNECTIONS);
    let variants = [
        CONNECTIONS.replace('\n', "\r\n"),
        format!("\u{feff}{CONNECTIONS}"),
        format!("\u{feff}{}", CONNECTIONS.replace('\n', "\r\n").trim_end()),
        CONNECTIONS.trim_end().to_owned(),
    ];
    for text in variants {
        assert_eq!(read_ok(&text), plain, "{text:?}");
    }
}

#[test]
fn connected_on_reads_linkedins_dates_and_excels() {
    let cases = [
        ("07 Dec 2026", date(2026, 12, 7)),
        ("6-Feb-26", date(2026, 2, 6)),
        ("1 jan 2004", date(2004, 1, 1)),
        ("31 Feb 2026", None),
        ("2026-12-07", None),
        ("", None),
        ("yesterday", None),
    ];
    for (text, want) in cases {
        assert_eq!(linkedin::connected_on(text), want, "{text}");
    }
}

#[test]
fn a_mastodon_follows_export_reads_accounts_on_any_instance_without_names() {
    let file = "Account address,Show boosts,Notify on new posts,Languages\n\
                alice@mastodon.social,true,false,\n\
                @Bob@Fosstodon.org,true,false,\"en, de\"\n\
                carol@social.example,false,true,\n\
                not an address,true,false,\n\
                alice@mastodon.social,true,false,\n";
    let read = read_ok(file);
    assert_eq!(read.kind, FileKind::MastodonFollows);
    let got: Vec<_> = read.contacts.iter().map(|c| (c.name.as_str(), c.identities[0].url.as_str())).collect();
    assert_eq!(
        got,
        [
            ("", "https://mastodon.social/@alice"),
            ("", "https://fosstodon.org/@bob"),
            ("", "https://social.example/@carol")
        ]
    );
    assert_eq!(keys(&read.contacts[2]), ["mastodon:carol@social.example"]);
    assert_eq!(read.skipped, [(Skip::NoAccount, 1), (Skip::Duplicate, 1)]);
    // Older exports had two columns.
    let old = read_ok("Account address,Show boosts\r\ndave@hachyderm.io,true\r\n");
    assert_eq!(keys(&old.contacts[0]), ["mastodon:dave@hachyderm.io"]);
}

#[test]
fn a_google_contacts_card_reads_its_labelled_addresses() {
    let read = read_ok(GOOGLE);
    assert_eq!(read.kind, FileKind::Vcard);
    let joe = named(&read, "Joe Bloggs");
    assert_eq!(keys(joe), ["x:test", "mastodon:joe@social.example"]);
    assert_eq!(joe.identities[0].url, "https://x.com/test");
    assert_eq!(joe.identities[1].url, "https://social.example/@joe");
    // Not labelled Mastodon: a link, like the home page.
    assert_eq!(joe.links, ["http://joebloggs.com", "https://blog.example/@joe"]);
    assert_eq!(joe.emails, ["me@joebloggs.com"]);
    assert_eq!(joe.tags, ["myContacts", "Friends"]);
    // No FN: the name from N, given name first.
    assert_eq!(keys(named(&read, "山田 太郎")), ["github:yamada-taro"]);
    assert_eq!(read.skipped, [(Skip::NoAccount, 1)]);
}

#[test]
fn an_apple_card_reads_social_profiles_by_address_or_user_name() {
    let read = read_ok(APPLE);
    let eleni = named(&read, "Ελένη Παπαδοπούλου");
    assert_eq!(
        keys(eleni),
        ["x:eleni_p", "mastodon:eleni@hachyderm.io", "mastodon:eleni2@social.example", "instagram:eleni.p"]
    );
    assert_eq!(eleni.links, ["https://www.tiktok.com/@eleni"]);
    assert_eq!(eleni.emails, ["eleni@example.gr"]);
    assert_eq!(eleni.company.as_deref(), Some("Acme, Inc."));
    assert_eq!(eleni.position.as_deref(), Some("Engineer"));
    assert_eq!(eleni.notes, ["Met at RustConf", "Likes Go, and Rust"]);
}

#[test]
fn vcard_lines_unfold_and_names_parameters_and_escapes_read_in_any_spelling() {
    let card = "begin:vcard\r\nversion:4.0\r\nfn:Dave Ex\r\n ample\r\n\
                item1.url;VALUE=uri:https://GitHub.com/Octo-Cat/\r\n\
                URL;TYPE=\"work,home\":https://bsky.app/profile/Dave.bsky.social\r\n\
                X-SOCIALPROFILE;TYPE=home;PREF=1:twitter:https://twitter.com/joebloggs\r\n\
                X-SOCIALPROFILE;TYPE=mastodon:https://x.com/@notmastodon\r\n\
                categories:a\\,b,c\\\\d,\r\n\tc\r\n\
                NOTE:one\\ntwo\\Nthree\r\n\
                end:vcard";
    let read = read_ok(card);
    let dave = named(&read, "Dave Example");
    assert_eq!(keys(dave), ["github:octo-cat", "bluesky:dave.bsky.social", "x:joebloggs"]);
    // On X's host: never taken for a Mastodon account, and not X's profile shape either.
    assert_eq!(dave.links, ["https://x.com/@notmastodon"]);
    assert_eq!(dave.tags, ["a,b", "c\\d", "c"]);
    assert_eq!(dave.notes, ["one", "two", "three"]);
}

#[test]
fn a_vcard_2_1_card_reads_bare_parameters_and_quoted_printable_text() {
    let card = "BEGIN:VCARD\nVERSION:2.1\n\
                N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=B1=B1=E7=94=B0;=E5=A4=AA=E9=83=8E;;;\n\
                FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=B1=B1=E7=94=B0 =E5=A4=AA=\n=E9=83=8E\n\
                ORG;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Caf=E9 Noir\n\
                EMAIL;INTERNET;HOME:taro@example.jp\n\
                URL;WORK:https://bsky.app/profile/taro.bsky.social\n\
                END:VCARD\n";
    let read = read_ok(card);
    let taro = named(&read, "山田 太郎");
    assert_eq!(keys(taro), ["bluesky:taro.bsky.social"]);
    assert_eq!(taro.emails, ["taro@example.jp"]);
    assert_eq!(taro.company.as_deref(), Some("Café Noir"));
}

/// People on every kind of account, with tags and notes a spreadsheet would
/// take for formulas.
fn people() -> Vec<Person> {
    let at = chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap_or_default();
    let person = |name: &str, accounts: &[(Site, &str)], tags: &[&str], notes: &[&str]| {
        let ids: Vec<Identity> = accounts.iter().map(|(site, handle)| account(*site, handle).unwrap()).collect();
        let mut p = Person::first_seen(ids[0].clone(), name, at);
        p.identities = ids;
        p.tags = tags.iter().map(|t| t.to_string()).collect();
        for text in notes {
            p.notes.push(crate::model::Note { text: text.to_string(), created_at: at });
        }
        p
    };
    vec![
        person(
            "Alice, \"Ali\" Example",
            &[(Site::X, "alice"), (Site::Mastodon, "alice@social.example"), (Site::Github, "alice-gh")],
            &["running", "=SUM(A1)"],
            &["=HYPERLINK(\"evil\")", "Runs marathons; loves coffee"],
        ),
        person(
            "山田 太郎",
            &[(Site::Linkedin, "taro-yamada"), (Site::Bluesky, "taro.bsky.social")],
            &["東京"],
            &["+1 for coffee"],
        ),
        person(
            "-Ελένη",
            &[(Site::Reddit, "eleni_p"), (Site::Facebook, "100012345"), (Site::Instagram, "eleni.p")],
            &[],
            &["@home \\ away"],
        ),
        person("Mo", &[(Site::Mastodon, "mo@mastodon.social")], &[], &[]),
    ]
}

/// What the exported people and the contacts read back share.
fn shared(people: &[Person], read: &Read) {
    assert_eq!(read.contacts.len(), people.len());
    for p in people {
        let c = named(read, &p.name);
        assert_eq!(c.identities, p.identities, "{}", p.name);
        assert_eq!(c.tags, p.tags, "{}", p.name);
        assert_eq!(c.notes, p.notes.iter().map(|n| n.text.clone()).collect::<Vec<_>>(), "{}", p.name);
        assert!(c.links.is_empty(), "{c:?}");
    }
    assert!(read.skipped.is_empty());
}

#[test]
fn kindlings_own_vcard_reads_back_into_the_same_people() {
    let export = Export::new(people(), Vec::new(), crate::model::Settings::default(), chrono::Utc::now());
    let read = read_ok(&people_vcard(&export));
    assert_eq!(read.kind, FileKind::Vcard);
    shared(&export.people, &read);
}

#[test]
fn kindlings_own_csv_reads_back_into_the_same_people() {
    let export = Export::new(people(), Vec::new(), crate::model::Settings::default(), chrono::Utc::now());
    let read = read_ok(&people_csv(&export));
    assert_eq!(read.kind, FileKind::KindlingCsv);
    shared(&export.people, &read);
}

#[test]
fn accounts_named_twice_fold_into_the_first_contact_without_taking_anothers() {
    let file = "BEGIN:VCARD\nFN:A\nURL:https://x.com/a\nEND:VCARD\n\
                BEGIN:VCARD\nFN:B\nURL:https://x.com/b\nEND:VCARD\n\
                BEGIN:VCARD\nFN:A again\nURL:https://x.com/a\nURL:https://x.com/b\nURL:https://github.com/a\n\
                EMAIL:a@example.com\nCATEGORIES:met\nEND:VCARD\n\
                BEGIN:VCARD\nFN:Nobody\nURL:https://example.com\nEND:VCARD\n";
    let read = read_ok(file);
    let got: Vec<_> = read.contacts.iter().map(|c| (c.name.as_str(), keys(c))).collect();
    assert_eq!(got, [("A", vec!["x:a".to_owned(), "github:a".to_owned()]), ("B", vec!["x:b".to_owned()])]);
    assert_eq!(read.contacts[0].emails, ["a@example.com"]);
    assert_eq!(read.contacts[0].tags, ["met"]);
    assert_eq!(read.skipped, [(Skip::NoAccount, 1), (Skip::Duplicate, 1)]);
}

#[test]
fn links_are_normalised_and_at_most_ten_are_kept() {
    let mut card = String::from("BEGIN:VCARD\nFN:Links\nURL:https://x.com/links\n");
    let odd = [
        "HTTPS://Example.COM/Path/",
        "https://example.com/?q=1/",
        "ftp://example.com/file",
        "javascript:alert(1)",
        "https://user@evil.example/",
        "https://example.com/with space",
    ];
    for url in odd {
        card.push_str(&format!("URL:{url}\n"));
    }
    for n in 0..12 {
        card.push_str(&format!("URL:https://site{n}.example/\n"));
    }
    card.push_str("END:VCARD\n");
    let read = read_ok(&card);
    let links = &read.contacts[0].links;
    assert_eq!(links.len(), MAX_LINKS);
    assert_eq!(links[..3], ["https://example.com/Path", "https://example.com/?q=1/", "https://site0.example"]);
}

#[test]
fn files_that_are_not_what_they_claim_are_refused_with_a_sentence() {
    let linkedin_header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On";
    let cases = [
        ("", "This is not a file Kindling can read: it is empty."),
        ("\u{feff} \r\n", "This is not a file Kindling can read: it is empty."),
        (
            "{\"format\":\"kindling-export\",\"version\":1}",
            "This is not a file Kindling can read: it is JSON, and Kindling reads LinkedIn's Connections.csv, \
             Mastodon's follows export, vCard files and Kindling's people CSV here.",
        ),
        (
            "name,price\napple,1\n",
            "This is not a file Kindling can read: row 1, “name,price”, is not the header of LinkedIn's \
             Connections.csv, of Mastodon's follows export or of Kindling's people CSV, and the file is no vCard.",
        ),
        ("\"unclosed\n", "This is not a file Kindling can read: in row 1, a quoted field is never closed."),
        (
            "alice@mastodon.social\nbob@fosstodon.org\n",
            "This is not a file Kindling can read: row 1, “alice@mastodon.social”, is not the header of \
             LinkedIn's Connections.csv, of Mastodon's follows export or of Kindling's people CSV, and the file \
             is no vCard.",
        ),
        (
            "First Name,Last Name,Profile,Email Address\nAda,Lovelace,https://www.linkedin.com/in/ada,\n",
            "This looks like LinkedIn's Connections.csv, but its header has no “URL” column: import the file \
             as LinkedIn exports it.",
        ),
        (
            "id,name,account,profile_urls\np:x:a,A,x:a,https://x.com/a\n",
            "This looks like Kindling's people CSV, but its header has no “accounts” column: import the file as \
             Kindling exported it.",
        ),
        (
            "Account address,Hide notifications\nalice@mastodon.social,true\n",
            "This is Mastodon's export of the accounts you muted: Kindling reads only the accounts you follow \
             (the “Follows” CSV of Mastodon's data export).",
        ),
        (
            "Account address\nalice@mastodon.social\n",
            "This is Mastodon's export of a list of accounts that does not say it is the ones you follow: \
             Kindling reads only the accounts you follow (the “Follows” CSV of Mastodon's data export).",
        ),
        (
            "BEGIN:VCARD\nVERSION:3.0\nFN:Cut\nURL:https://x.com/cut\n",
            "Card 1 of the vCard file: it has BEGIN:VCARD but no END:VCARD (the file may be cut short).",
        ),
        (
            "BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\nBEGIN:VCARD\nFN:C\nEND:VCARD\n",
            "Card 2 of the vCard file: it has BEGIN:VCARD but no END:VCARD before the next card.",
        ),
        (
            "id,name,accounts\np1,A,x:a nowhere:b\n",
            "Row 2 of the Kindling people CSV: the account “nowhere:b” is not one Kindling knows.",
        ),
    ];
    for (text, want) in cases {
        assert_eq!(read(text).err().as_deref(), Some(want), "{text:?}");
    }
    let unclosed = format!("Notes:\n\n{linkedin_header}\nAda,\"Love\n");
    assert_eq!(
        read(&unclosed).err().as_deref(),
        Some("Row 4 of the LinkedIn connections: a quoted field is never closed.")
    );
}

#[test]
fn an_over_long_field_is_refused_naming_its_row_and_field() {
    let long = "x".repeat(MAX_FIELD + 1);
    let header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On";
    let cases = [
        (
            format!("Notes:\n\"…\"\n\n{header}\nAda,L,,,,,\n{long},Lovelace,https://www.linkedin.com/in/ada,,,,\n"),
            "Row 6 of the LinkedIn connections: the first name is longer than 200 characters.",
        ),
        (
            format!("{header}\nAda,Lovelace,https://www.linkedin.com/in/ada,,,\"{long}\",\n"),
            "Row 2 of the LinkedIn connections: the position is longer than 200 characters.",
        ),
        (
            format!("BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:{long}\nEND:VCARD\n"),
            "Card 2 of the vCard file: the name is longer than 200 characters.",
        ),
        (
            format!("BEGIN:VCARD\nFN:A\nNOTE:short\\n{}\nEND:VCARD\n", "n".repeat(MAX_NOTE + 1)),
            "Card 1 of the vCard file: a note is longer than 2000 characters.",
        ),
        (
            format!("id,name,accounts,tags\np1,A,x:a,\"ok, {long}\"\n"),
            "Row 2 of the Kindling people CSV: a tag is longer than 200 characters.",
        ),
    ];
    for (text, want) in cases {
        assert_eq!(read(&text).err().as_deref(), Some(want));
    }
    // Characters, not bytes: 200 in any script fit.
    let wide = "山".repeat(MAX_FIELD);
    let ok = read_ok(&format!("{header}\n{wide},,https://www.linkedin.com/in/wide,,,,\n"));
    assert_eq!(ok.contacts[0].name, wide);
}

/// A LinkedIn export of `n` connections.
fn connections(n: usize) -> String {
    let mut file = String::from(CONNECTIONS.split("First Name").next().unwrap_or(""));
    file.push_str("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    for i in 0..n {
        file.push_str(&format!(
            "Person,Number {i},https://www.linkedin.com/in/person-{i},,\"Company, {i}\",Engineer,07 Dec 2026\n"
        ));
    }
    file
}

#[test]
fn a_file_of_more_than_max_rows_people_is_refused() {
    assert_eq!(read_ok(&connections(MAX_ROWS)).contacts.len(), MAX_ROWS);
    let over = connections(MAX_ROWS + 1);
    let row = 4 + MAX_ROWS + 1;
    let want = format!(
        "Row {row} of the LinkedIn connections: a file may name at most {MAX_ROWS} people; split it and \
         import each part on its own."
    );
    assert_eq!(read(&over).err(), Some(want));
    let cards = "BEGIN:VCARD\nFN:A\nURL:https://x.com/a\nEND:VCARD\n".repeat(MAX_ROWS + 1);
    assert!(read(&cards).err().is_some_and(|e| e.starts_with("Card 20001 of the vCard file: a file may name")));
}

#[test]
fn five_thousand_connections_read_in_one_go() {
    let file = connections(5_000);
    let started = std::time::Instant::now();
    let read = read_ok(&file);
    eprintln!("5,000 LinkedIn connections read in {} ms", started.elapsed().as_millis());
    assert_eq!(read.contacts.len(), 5_000);
}
