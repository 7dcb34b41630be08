//! The export file: the user's whole record as one JSON document (a public,
//! versioned contract, see docs/export-format.md), its validation on import,
//! and people as CSV and vCard.

use crate::model::{identity_key, Interaction, Person, Settings};
use crate::sites::canonical_handle;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The `format` every export carries.
pub const FORMAT: &str = "kindling-export";
/// The export version this build writes and the newest it reads.
pub const VERSION: u32 = 1;

/// An export, as written and as read back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Export {
    pub format: String,
    pub version: u32,
    pub exported_at: DateTime<Utc>,
    pub people: Vec<Person>,
    pub interactions: Vec<Interaction>,
    #[serde(default)]
    pub settings: Settings,
}

impl Export {
    /// An export of this record, in a stable order (people by id,
    /// interactions by time then id) so two exports of the same record
    /// differ only in `exported_at`.
    pub fn new(
        mut people: Vec<Person>,
        mut interactions: Vec<Interaction>,
        settings: Settings,
        now: DateTime<Utc>,
    ) -> Export {
        crate::model::order::sort_by(&mut people, |a, b| a.id.cmp(&b.id));
        // What other browsers counted is theirs to say (sync), not this record's.
        for p in &mut people {
            p.elsewhere = None;
        }
        crate::model::order::sort_by(&mut interactions, |a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
        Export { format: FORMAT.into(), version: VERSION, exported_at: now, people, interactions, settings }
    }

    /// The file's name: `kindling-export-YYYY-MM-DD.json`.
    pub fn file_name(&self) -> String {
        format!("kindling-export-{}.json", self.exported_at.format("%Y-%m-%d"))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// What is wrong with a file offered for import, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError(pub crate::model::text::Text);

impl From<String> for ImportError {
    fn from(detail: String) -> Self {
        // Decoding details (serde's words, field names) stay as written.
        ImportError(crate::model::text::Text::verbatim(&detail))
    }
}

/// In English, for tests; the pages say it in the user's language.
#[cfg(test)]
impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "This file cannot be imported: {}", self.0.english())
    }
}

fn fail<T>(message: impl Into<String>) -> Result<T, ImportError> {
    Err(ImportError::from(message.into()))
}

/// Parse and check a whole export before anything is changed. Handles are
/// made canonical; anything that cannot be made right is an error naming the
/// record and the problem.
pub fn parse(text: &str) -> Result<Export, ImportError> {
    let object = header(text)?;
    let list = |name: &str| match object.get(name) {
        Some(serde_json::Value::Array(items)) => Ok(items.clone()),
        _ => fail(format!("it has no \"{name}\" list.")),
    };
    let people =
        list("people")?.into_iter().enumerate().map(|(n, item)| person(n, item)).collect::<Result<Vec<_>, _>>()?;
    let ids = unique_people(&people)?;
    let interactions = interactions(list("interactions")?, &ids)?;
    let settings = settings(object.get("settings"))?;
    let exported_at =
        object.get("exported_at").and_then(|v| serde_json::from_value(v.clone()).ok()).unwrap_or(DateTime::UNIX_EPOCH);
    Ok(Export { format: FORMAT.into(), version: VERSION, exported_at, people, interactions, settings })
}

/// The file's object, once it is JSON, a Kindling export, of a version
/// this Kindling reads.
fn header(text: &str) -> Result<serde_json::Map<String, serde_json::Value>, ImportError> {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) if e.is_eof() => return fail("it ends too early; it looks truncated."),
        // serde_json stops at 128 levels; no export is nested more than 5 deep.
        Err(e) if e.to_string().starts_with("recursion limit exceeded") => {
            return fail("it is nested too deep to be a Kindling export (more than 128 levels).")
        }
        Err(e) => return fail(format!("it is not valid JSON (line {}, column {}).", e.line(), e.column())),
    };
    let serde_json::Value::Object(object) = value else {
        return fail("it is not a Kindling export (not a JSON object).");
    };
    if object.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return fail(format!("it is not a Kindling export (its \"format\" is not \"{FORMAT}\")."));
    }
    match object.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) if v > u64::from(VERSION) => {
            return fail(format!(
                "it is export version {v}, newer than this Kindling reads ({VERSION}). Update Kindling first."
            ));
        }
        _ => return fail("its \"version\" is missing or not a version number."),
    }
    Ok(object)
}

/// Person `n` of the file, checked: sizes, handles, addresses.
fn person(n: usize, item: serde_json::Value) -> Result<Person, ImportError> {
    let id = item.get("id").and_then(|v| v.as_str()).unwrap_or("?").to_owned();
    let mut person: Person = serde_json::from_value(item).map_err(|e| {
        ImportError::from(format!("person #{} (id {}) is invalid: {}.", n + 1, shown(&id), shown(&e.to_string())))
    })?;
    person.elsewhere = None;
    // Links are compared, never opened; still, only web addresses stay.
    person.links.retain(|l| {
        (l.starts_with("https://") || l.starts_with("http://"))
            && !l.chars().any(|c| c.is_control() || c.is_whitespace())
    });
    check_person_sizes(&person)
        .map_err(|field| ImportError::from(format!("person #{} (id {}): {field}.", n + 1, shown(&id))))?;
    for identity in &mut person.identities {
        identity.handle = canonical_handle(identity.site, &identity.handle, None).ok_or_else(|| {
            ImportError::from(format!(
                "person {} has an account \"{}\" that is not a valid {} handle.",
                shown(&id),
                shown(&identity.handle),
                identity.site.label()
            ))
        })?;
        // Only an address the card itself would link to (https on the
        // site's host) is kept; any other is made again from the handle,
        // so no file can put `javascript:` or a line break into a link,
        // a calendar entry or a vCard.
        if crate::engine::card::safe_link(identity).is_none() {
            let rebuilt = crate::sites::for_site(identity.site).and_then(|a| a.account_url(&identity.handle));
            identity.url = rebuilt.ok_or_else(|| {
                ImportError::from(format!(
                    "person {} has an account {} with no address.",
                    shown(&id),
                    shown(&identity.key())
                ))
            })?;
        }
    }
    if person.identities.is_empty() {
        return fail(format!("person {} has no accounts.", shown(&id)));
    }
    Ok(person)
}

/// No person twice, no account of two people: the ids of the file's people.
fn unique_people(people: &[Person]) -> Result<BTreeSet<&str>, ImportError> {
    let mut ids = BTreeSet::new();
    let mut accounts = BTreeMap::new();
    for p in people {
        if !ids.insert(p.id.as_str()) {
            return fail(format!("person {} appears twice.", shown(&p.id)));
        }
        for key in p.identity_keys() {
            if let Some(other) = accounts.insert(key.clone(), p.id.as_str()) {
                return fail(format!("the account {key} belongs to both {other} and {}.", p.id));
            }
        }
    }
    Ok(ids)
}

/// The file's interactions, each of someone in the file, none twice.
fn interactions(items: Vec<serde_json::Value>, ids: &BTreeSet<&str>) -> Result<Vec<Interaction>, ImportError> {
    let mut interactions = Vec::new();
    let mut seen = BTreeSet::new();
    for (n, item) in items.into_iter().enumerate() {
        let mut interaction: Interaction = serde_json::from_value(item)
            .map_err(|e| ImportError::from(format!("interaction #{} is invalid: {}.", n + 1, shown(&e.to_string()))))?;
        check_interaction_sizes(&interaction)
            .map_err(|field| ImportError::from(format!("interaction #{}: {field}.", n + 1)))?;
        if !ids.contains(interaction.person.as_str()) {
            return fail(format!(
                "interaction {} belongs to person {}, who is not in the file.",
                interaction.id, interaction.person
            ));
        }
        if !seen.insert(interaction.id.clone()) {
            return fail(format!("interaction {} appears twice.", shown(&interaction.id)));
        }
        if let Some(handle) = interaction.handle.take() {
            interaction.handle = Some(canonical_handle(interaction.site, &handle, None).ok_or_else(|| {
                ImportError::from(format!(
                    "interaction {} names an account \"{handle}\" that is not a valid handle.",
                    interaction.id
                ))
            })?);
        }
        interactions.push(interaction);
    }
    Ok(interactions)
}

/// The file's settings (the defaults when it has none), checked as the
/// options page checks them.
fn settings(value: Option<&serde_json::Value>) -> Result<Settings, ImportError> {
    let mut settings: Settings = match value {
        None => Settings::default(),
        Some(s) => serde_json::from_value(s.clone())
            .map_err(|e| ImportError::from(format!("its settings are invalid: {e}.")))?,
    };
    settings.mastodon_instances = crate::sites::mastodon::instance_hosts(&settings.mastodon_instances)
        .map_err(|why| ImportError(crate::model::text::Text::new("import_settings_invalid").with(why)))?;
    settings.pacing = settings.pacing.tidy();
    settings
        .reminders
        .validate()
        .map_err(|why| ImportError(crate::model::text::Text::new("import_settings_invalid").with(why)))?;
    settings
        .pacing
        .validate()
        .map_err(|why| ImportError(crate::model::text::Text::new("import_settings_invalid").with(why)))?;
    Ok(settings)
}

/// The longest text an imported field may hold: what a message may carry
/// (a note, a name, an address), so everything Kindling itself stored fits.
const MAX_TEXT: usize = crate::service::messages::MAX_FIELD;
/// The most items of one person's list (notes, questions, accounts…) an
/// import takes: far more than anyone keeps, little enough to hold.
pub const MAX_ITEMS: usize = 10_000;

/// An id or handle as an error message repeats it: short, on one line.
fn shown(text: &str) -> String {
    let clean: String = text.chars().filter(|c| !c.is_control()).take(80).collect();
    if clean.len() < text.len() {
        format!("{clean}…")
    } else {
        clean
    }
}

/// Which field of an imported person is over its cap, if one is.
fn check_person_sizes(p: &Person) -> Result<(), String> {
    let long = |name: &str, text: &str| {
        if text.len() > MAX_TEXT {
            Err(format!("its {name} is longer than {MAX_TEXT} bytes"))
        } else {
            Ok(())
        }
    };
    let many = |name: &str, count: usize| {
        if count > MAX_ITEMS {
            Err(format!("it has more than {MAX_ITEMS} {name}"))
        } else {
            Ok(())
        }
    };
    long("id", &p.id)?;
    long("name", &p.name)?;
    long("name seen since", p.seen_name.as_deref().unwrap_or_default())?;
    many("accounts", p.identities.len())?;
    for identity in &p.identities {
        long("account handle", &identity.handle)?;
        long("account address", &identity.url)?;
    }
    many("tags", p.tags.len())?;
    p.tags.iter().try_for_each(|t| long("tag", t))?;
    many("notes", p.notes.len())?;
    many("ask-about items", p.ask_about.len())?;
    many("attempts to meet", p.irl_attempts.len())?;
    many("meetings", p.meetings.len())?;
    p.notes.iter().try_for_each(|n| long("note", &n.text))?;
    many("links", p.links.len())?;
    p.links.iter().try_for_each(|l| long("link", l))?;
    p.ask_about.iter().try_for_each(|a| long("ask-about item", &a.text))?;
    p.irl_attempts.iter().try_for_each(|a| long("phrasing of an attempt to meet", &a.phrasing))?;
    p.meetings.iter().try_for_each(|m| long("meeting note", &m.note))
}

/// Which field of an imported interaction is over its cap or holds a
/// control character where an address or id must not, if one does.
fn check_interaction_sizes(i: &Interaction) -> Result<(), String> {
    for (name, text) in
        [("id", Some(&i.id)), ("person", Some(&i.person)), ("address", Some(&i.url)), ("handle", i.handle.as_ref())]
    {
        let Some(text) = text else { continue };
        if text.len() > MAX_TEXT {
            return Err(format!("its {name} is longer than {MAX_TEXT} bytes"));
        }
        if text.chars().any(char::is_control) {
            return Err(format!("its {name} holds a control character"));
        }
    }
    match &i.snippet {
        Some(s) if s.len() > MAX_TEXT => Err(format!("its snippet is longer than {MAX_TEXT} bytes")),
        _ => Ok(()),
    }
}

/// What an import in merge mode writes: the incoming people folded into the
/// existing ones (same id, or an account in common), and the incoming
/// interactions not already present, pointed at the person they now belong to.
pub fn merge_into(existing: &[Person], incoming: Export) -> (Vec<Person>, Vec<Interaction>) {
    let mut people: BTreeMap<String, Person> = existing.iter().map(|p| (p.id.clone(), p.clone())).collect();
    let mut renamed = BTreeMap::new();
    for person in incoming.people {
        // The same person: an account in common (the same id alone may be
        // someone else's here, after a merge and a split).
        let keys = person.identity_keys();
        let shares = |p: &Person| p.identity_keys().iter().any(|k| keys.contains(k));
        let twin = people
            .get(&person.id)
            .filter(|p| shares(p))
            .or_else(|| people.values().find(|p| shares(p)))
            .map(|p| p.id.clone());
        match twin.and_then(|id| people.get(&id).cloned()) {
            Some(existing) if existing.id == person.id && existing == person => {}
            Some(existing) => {
                // An account another person here has stays theirs: one
                // account, one person.
                let mut person = person;
                let theirs =
                    |key: &String| people.values().any(|p| p.id != existing.id && p.identity_keys().contains(key));
                person.identities.retain(|i| !theirs(&i.key()));
                let merged = if existing.id == person.id {
                    // Same id: fold without the id check `merge` makes.
                    let mut other = person.clone();
                    other.id = format!("{}~import", person.id);
                    crate::engine::merge::merge(&existing, &other, Vec::new()).map(|(p, _)| p)
                } else {
                    crate::engine::merge::merge(&existing, &person, Vec::new()).map(|(p, _)| p)
                };
                if let Ok(merged) = merged {
                    renamed.insert(person.id.clone(), merged.id.clone());
                    people.insert(merged.id.clone(), merged);
                }
            }
            None => {
                // Someone new here, under an id another person may have.
                let mut person = person;
                let mut id = person.id.clone();
                for n in 2.. {
                    if !people.contains_key(&id) {
                        break;
                    }
                    id = format!("{}~{n}", person.id);
                }
                if id != person.id {
                    renamed.insert(person.id.clone(), id.clone());
                    person.id = id;
                }
                people.insert(person.id.clone(), person);
            }
        }
    }
    let interactions = incoming
        .interactions
        .into_iter()
        .map(|mut i| {
            if let Some(to) = renamed.get(&i.person) {
                i.person.clone_from(to);
            }
            i
        })
        .collect();
    (people.into_values().collect(), interactions)
}

/// One CSV cell: quoted per RFC 4180, and a leading `= + - @` defused so a
/// spreadsheet never runs what a name or note says.
fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() };
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// People as CSV, one row each, with their interaction counts and dates.
pub fn people_csv(export: &Export) -> String {
    let mut out = String::from(
        "id,name,accounts,profile_urls,tracked,tags,notes,interactions,first_interaction,last_interaction\r\n",
    );
    for p in &export.people {
        let mine: Vec<_> = export.interactions.iter().filter(|i| i.person == p.id).collect();
        let date = |at: Option<DateTime<Utc>>| at.map(|a| a.to_rfc3339()).unwrap_or_default();
        let row = [
            p.id.clone(),
            p.name.clone(),
            p.identities.iter().map(|i| identity_key(i.site, &i.handle)).collect::<Vec<_>>().join(" "),
            p.identities.iter().map(|i| i.url.clone()).collect::<Vec<_>>().join(" "),
            p.tracked.to_string(),
            p.tags.join(", "),
            p.notes.iter().map(|n| n.text.clone()).collect::<Vec<_>>().join("\n"),
            mine.len().to_string(),
            date(mine.iter().map(|i| i.at).min()),
            date(mine.iter().map(|i| i.at).max()),
        ];
        out.push_str(&row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// Escape a vCard or iCalendar text value (RFC 6350 §3.4, RFC 5545
/// §3.3.11): a line break of any kind (CR LF, LF, a lone CR) becomes `\n`,
/// and every other control character is dropped, so no text starts a line
/// of its own.
fn vtext(text: &str) -> String {
    let lines = text.replace("\r\n", "\n").replace('\r', "\n");
    let clean: String = lines.chars().filter(|c| *c == '\n' || !c.is_control()).collect();
    clean.replace('\\', "\\\\").replace(',', "\\,").replace(';', "\\;").replace('\n', "\\n")
}

/// Fold a content line at 75 octets, never inside a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for ch in line.chars() {
        if width + ch.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += ch.len_utf8();
    }
    out.push_str("\r\n");
    out
}

/// People as vCard 4.0, notes included.
pub fn people_vcard(export: &Export) -> String {
    let mut out = String::new();
    for p in &export.people {
        let mut lines = vec!["BEGIN:VCARD".to_owned(), "VERSION:4.0".to_owned(), format!("FN:{}", vtext(&p.name))];
        lines.push(format!("UID:urn:kindling:{}", vtext(&p.id)));
        // Only addresses the card would link to: https on the site's host,
        // no control character or space in them.
        for (identity, url) in p.identities.iter().filter_map(|i| Some((i, crate::engine::card::safe_link(i)?))) {
            lines.push(format!("X-SOCIALPROFILE;TYPE={}:{url}", identity.site.id()));
            lines.push(format!("URL:{url}"));
        }
        if !p.tags.is_empty() {
            lines.push(format!("CATEGORIES:{}", p.tags.iter().map(|t| vtext(t)).collect::<Vec<_>>().join(",")));
        }
        if !p.notes.is_empty() {
            lines.push(format!(
                "NOTE:{}",
                vtext(&p.notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join("\n"))
            ));
        }
        lines.push("END:VCARD".to_owned());
        for line in lines {
            out.push_str(&fold(&line));
        }
    }
    out
}

/// An iCalendar (RFC 5545) event for a meeting agreed with `person`, with
/// a reminder an hour before: what the user adds to their own calendar.
pub fn meeting_ics(person: &Person, medium: crate::model::Medium, at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    use crate::model::Medium;
    let what = match medium {
        Medium::Coffee => "Coffee",
        Medium::PhoneCall => "Call",
        Medium::VideoChat => "Video chat",
        Medium::Other => "Meeting",
    };
    let stamp = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Kindling//Kindling//EN".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}-{}@kindling.invalid", vtext(&person.id).replace([':', '\\'], "-"), at.timestamp()),
        format!("DTSTAMP:{}", stamp(now)),
        format!("DTSTART:{}", stamp(at)),
        format!("DTEND:{}", stamp(at + chrono::Duration::hours(1))),
        format!("SUMMARY:{}", vtext(&format!("{what} with {}", person.name))),
    ];
    if let Some(url) = person.identities.iter().find_map(crate::engine::card::safe_link) {
        lines.push(format!("URL:{url}"));
    }
    lines.extend([
        "BEGIN:VALARM".to_owned(),
        "ACTION:DISPLAY".to_owned(),
        format!("DESCRIPTION:{}", vtext(&format!("{what} with {} in an hour", person.name))),
        "TRIGGER:-PT1H".to_owned(),
        "END:VALARM".to_owned(),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ]);
    lines.iter().map(|line| fold(line)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, Identity, Kind, Note, Site};

    #[test]
    fn a_meeting_becomes_a_calendar_event_with_a_reminder() {
        let alice = Person::first_seen(
            Identity { site: Site::X, handle: "alice".into(), url: "https://x.com/alice".into() },
            "Alice; \"Ali\", Example",
            at(0),
        );
        let when =
            DateTime::parse_from_rfc3339("2026-12-01T15:00:00Z").map(|t| t.with_timezone(&Utc)).unwrap_or_default();
        let ics = meeting_ics(&alice, crate::model::Medium::Coffee, when, at(0));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        for line in [
            "DTSTART:20261201T150000Z",
            "DTEND:20261201T160000Z",
            "SUMMARY:Coffee with Alice\\; \"Ali\"\\, Example",
            "URL:https://x.com/alice",
            "TRIGGER:-PT1H",
        ] {
            assert!(ics.contains(&format!("{line}\r\n")), "{line} in {ics}");
        }
        assert!(ics.lines().all(|l| l.len() <= 76), "lines are folded");
    }

    fn at(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(1_764_000_000_000 + s).unwrap_or_default()
    }

    fn sample() -> Export {
        let mut alice = Person::first_seen(
            Identity { site: Site::X, handle: "alice".into(), url: "https://x.com/alice".into() },
            "Alice, \"Ali\" Example",
            at(0),
        );
        alice.notes.push(Note { text: "=HYPERLINK(\"evil\")\nRuns marathons; loves coffee".into(), created_at: at(1) });
        alice.tags.push("running".into());
        let like = Interaction {
            id: "i1".into(),
            person: alice.id.clone(),
            site: Site::X,
            kind: Kind::Like,
            direction: Direction::Outbound,
            at: at(5),
            url: "https://x.com/alice/status/1".into(),
            handle: Some("alice".into()),
            snippet: None,
            by_hand: false,
        };
        Export::new(vec![alice], vec![like], Settings::default(), at(9))
    }

    fn parsed(text: &str) -> Export {
        parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn an_export_reads_back_identically() {
        let export = sample();
        assert_eq!(parsed(&export.to_json()), export);
        assert_eq!(export.file_name(), "kindling-export-2025-11-24.json");
    }

    #[test]
    fn a_minimal_export_with_only_the_listed_fields_is_accepted() {
        let minimal = r#"{"format":"kindling-export","version":1,"exported_at":"2026-11-25T10:00:00Z",
          "people":[{"id":"p1","name":"Alice","identities":[{"site":"x","handle":"@Alice","url":"https://x.com/alice"}],"tracked":true}],
          "interactions":[{"id":"i1","person":"p1","site":"x","kind":"reply","direction":"inbound","at":"2026-11-24T09:00:00Z","url":"https://x.com/alice/status/2"}]}"#;
        let export = parsed(minimal);
        assert_eq!(export.people[0].identities[0].handle, "alice", "handles are made canonical");
        assert!(export.people[0].tracked && export.people[0].notes.is_empty());
        assert_eq!(export.interactions[0].direction, Direction::Inbound);
        assert_eq!(export.settings, Settings::default());
    }

    #[test]
    fn bad_files_are_refused_with_the_problem_named() {
        let good = sample().to_json();
        let cases: Vec<(String, &str)> = vec![
            (good[..good.len() / 2].to_owned(), "truncated"),
            ("not json at all".into(), "not valid JSON"),
            ("[".repeat(200) + &"]".repeat(200), "nested too deep to be a Kindling export"),
            ("[1,2]".into(), "not a JSON object"),
            (good.replace("kindling-export", "other-export"), "not a Kindling export"),
            (good.replace("\"version\": 1", "\"version\": 7"), "version 7, newer"),
            (good.replace("\"version\": 1", "\"version\": \"one\""), "version\" is missing"),
            (good.replace("\"kind\": \"like\"", "\"kind\": \"poke\""), "interaction #1 is invalid"),
            (good.replace("\"person\": \"p:x:alice\"", "\"person\": \"p:x:nobody\""), "not in the file"),
            (good.replace("\"handle\": \"alice\"", "\"handle\": \"not a handle\""), "not a valid"),
            (good.replace("\"people\"", "\"persons\""), "no \"people\" list"),
        ];
        for (text, expected) in cases {
            let error = parse(&text).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(error.contains(expected), "expected {expected:?}, got {error:?}");
        }
        // What the file says is quoted at most 80 characters at a time, on
        // one line: a 3,000-byte value does not come back whole.
        let long = format!("evil.example/{}\\n", "x".repeat(3000));
        for text in
            [good.replace("\"kind\": \"like\"", &format!("\"kind\": \"{long}\"")), good.replace("p:x:alice", &long)]
        {
            let error = parse(&text).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(
                !error.is_empty() && error.len() < 400 && !error.contains('\n'),
                "{} bytes: {error:.200}",
                error.len()
            );
        }
    }

    #[test]
    fn merging_dedupes_by_id_and_by_account() {
        let existing = sample();
        let mut incoming = sample();
        // The same account under another id, with a new note and interaction.
        incoming.people[0].id = "p:imported".into();
        incoming.people[0].notes.push(Note { text: "Has a dog".into(), created_at: at(3) });
        incoming.interactions[0].person = "p:imported".into();
        let mut second = incoming.interactions[0].clone();
        second.id = "i2".into();
        incoming.interactions.push(second);
        let (people, interactions) = merge_into(&existing.people, incoming);
        assert_eq!(people.len(), 1);
        assert_eq!(people[0].id, "p:x:alice");
        assert_eq!(people[0].notes.len(), 2);
        assert!(interactions.iter().all(|i| i.person == "p:x:alice"));
        // Importing the same export again changes nothing.
        let (again, _) = merge_into(&existing.people, existing.clone());
        assert_eq!(again, existing.people);
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let csv = people_csv(&sample());
        let row = csv.lines().nth(1).unwrap_or_default();
        assert!(row.starts_with("\"p:x:alice\",\"Alice, \"\"Ali\"\" Example\",\"x:alice\""), "{row}");
        assert!(csv.contains("\"'=HYPERLINK(\"\"evil\"\")\nRuns marathons; loves coffee\""));
        assert!(csv.contains(",\"1\","), "one interaction");
    }

    #[test]
    fn vcards_escape_and_fold() {
        let vcf = people_vcard(&sample());
        assert!(vcf.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Alice\\, \"Ali\" Example\r\n"));
        assert!(vcf.contains("NOTE:=HYPERLINK(\"evil\")\\nRuns marathons\\; loves coffee"));
        assert!(vcf.contains("X-SOCIALPROFILE;TYPE=x:https://x.com/alice\r\n"));
        assert!(vcf.lines().all(|l| l.len() <= 75));
        assert!(vcf.ends_with("END:VCARD\r\n"));
    }
}
