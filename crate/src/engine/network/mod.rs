//! Bringing one's network (issue 25): the files people already have, read
//! into contacts the options page offers to add. LinkedIn's `Connections.csv`
//! (`linkedin`), Mastodon's follows export (`mastodon`), vCard files
//! (`vcard`) and Kindling's own people CSV (`kindling_csv`), told apart by
//! what they hold, not by their names. Pure functions of the text: nothing
//! here reads or writes the record. Accounts are made by the site adapters'
//! own rules (`sites::for_url`, `SiteAdapter::profile_handle`,
//! `canonical_handle`, `account_url`), so an imported account is the one a
//! visit to the profile would have recorded.

use crate::model::{Identity, Site};
use crate::sites::{canonical_handle, for_site, for_url, hosts, PageUrl};
use chrono::NaiveDate;
use std::collections::BTreeMap;

mod csv;
mod kindling_csv;
mod linkedin;
mod mastodon;
mod vcard;

#[cfg(test)]
mod tests;

/// The most people (rows, cards) one file may hold; Mastodon's own import
/// takes as many (`ROWS_PROCESSING_LIMIT = 20_000`).
/// Source: mastodon/mastodon app/models/form/import.rb (0dbb2d2)
pub const MAX_ROWS: usize = 20_000;
/// The longest name, company, position, tag or e-mail address, in characters.
pub const MAX_FIELD: usize = 200;
/// The longest note (one line of a notes cell or a vCard NOTE), in characters.
pub const MAX_NOTE: usize = 2_000;
/// The most links one contact keeps; the others are dropped.
pub const MAX_LINKS: usize = 10;
/// A longer address is no link worth keeping: it is dropped, not refused.
const MAX_LINK: usize = 2_000;
/// How many records may come before a CSV file's header (LinkedIn's notes
/// take three).
const PREAMBLE: usize = 10;

/// The kinds of file accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    LinkedinConnections,
    MastodonFollows,
    Vcard,
    KindlingCsv,
}

impl FileKind {
    /// The file as an error message names it: "Row 7 of the LinkedIn connections".
    fn noun(self) -> &'static str {
        match self {
            FileKind::LinkedinConnections => "the LinkedIn connections",
            FileKind::MastodonFollows => "the Mastodon follows",
            FileKind::Vcard => "the vCard file",
            FileKind::KindlingCsv => "the Kindling people CSV",
        }
    }
}

/// One person as a file names them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Contact {
    /// Trimmed display name; empty only when `identities` is not (a Mastodon
    /// follows file names no one: the caller names them by handle).
    pub name: String,
    /// Accounts on supported sites, canonical, none twice.
    pub identities: Vec<Identity>,
    /// Other http(s) links (a personal website), normalised (`link`), at
    /// most `MAX_LINKS`.
    pub links: Vec<String>,
    /// E-mail addresses as given (trimmed).
    pub emails: Vec<String>,
    pub company: Option<String>,
    pub position: Option<String>,
    pub connected_on: Option<NaiveDate>,
    /// vCard CATEGORIES, Kindling CSV tags.
    pub tags: Vec<String>,
    /// vCard NOTE, Kindling CSV notes: one per line.
    pub notes: Vec<String>,
}

/// Why rows were skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Skip {
    /// The row names no account on a supported site.
    NoAccount,
    /// The row names an account an earlier row named: folded into that one.
    Duplicate,
}

/// What a file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    pub kind: FileKind,
    pub contacts: Vec<Contact>,
    /// One entry per reason with a count above 0, by reason.
    pub skipped: Vec<(Skip, usize)>,
}

/// Read a file of any accepted kind, recognised by its content (not its
/// name). The error is one English sentence naming the problem, and the row
/// or card and the field when it is one row's.
pub fn read(text: &str) -> Result<Read, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let head = text.trim_start();
    if head.is_empty() {
        return Err(not_readable("it is empty"));
    }
    if head.get(..11).is_some_and(|begin| begin.eq_ignore_ascii_case("BEGIN:VCARD")) {
        return vcard::read(text);
    }
    if head.starts_with(['{', '[']) {
        return Err(not_readable(
            "it is JSON, and Kindling reads LinkedIn's Connections.csv, Mastodon's follows export, \
             vCard files and Kindling's people CSV here",
        ));
    }
    read_csv(text)
}

/// A CSV file, by its header: LinkedIn's after its notes, the others' first.
fn read_csv(text: &str) -> Result<Read, String> {
    let mut records = csv::Records::new(text);
    let mut first_line = None;
    for _ in 0..PREAMBLE {
        let Some(record) = records.next() else { break };
        let (row, cells) = record.map_err(|(row, why)| not_readable(&format!("in row {row}, {why}")))?;
        let first = cells.first().map(|c| c.trim().to_ascii_lowercase()).unwrap_or_default();
        match first.as_str() {
            "first name" => return linkedin::read(&cells, records),
            "account address" | "list name" => return mastodon::read(&cells, records),
            "id" if kindling_csv::is_header(&cells) => return kindling_csv::read(&cells, records),
            _ => {}
        }
        if first_line.is_none() && cells.iter().any(|c| !c.trim().is_empty()) {
            first_line = Some((row, cells.join(",")));
        }
    }
    let shown = first_line.map_or_else(String::new, |(row, line)| format!("row {row}, “{}”, ", shown(&line)));
    Err(not_readable(&format!(
        "{shown}is not the header of LinkedIn's Connections.csv, of Mastodon's follows export or of \
         Kindling's people CSV, and the file is no vCard"
    )))
}

/// The sentence for a file of none of the kinds.
fn not_readable(why: &str) -> String {
    format!("This is not a file Kindling can read: {why}.")
}

/// A value as an error message repeats it: on one line, at most 60 characters.
fn shown(text: &str) -> String {
    let line = one_line(text);
    match line.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

/// Text on one line: runs of white space (line breaks, tabs) as one space,
/// other control characters dropped, trimmed.
fn one_line(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.join(" ").chars().filter(|c| !c.is_control()).collect()
}

/// Where in a file a row or card is, for the errors about it.
#[derive(Debug, Clone, Copy)]
struct Place {
    kind: FileKind,
    /// The row as a spreadsheet numbers it, or the card from 1.
    n: usize,
}

impl Place {
    fn fail(self, why: &str) -> String {
        let unit = if self.kind == FileKind::Vcard { "Card" } else { "Row" };
        format!("{unit} {} of {}: {why}.", self.n, self.kind.noun())
    }

    /// `raw` on one line, when it is at most `max` characters; else the
    /// error naming the field ("the first name").
    fn field(self, raw: &str, max: usize, what: &str) -> Result<String, String> {
        let text = one_line(raw);
        if text.chars().count() > max {
            return Err(self.fail(&format!("{what} is longer than {max} characters")));
        }
        Ok(text)
    }

    /// `field`, or nothing when it is empty.
    fn optional(self, raw: &str, max: usize, what: &str) -> Result<Option<String>, String> {
        Ok(Some(self.field(raw, max, what)?).filter(|t| !t.is_empty()))
    }

    /// The lines of a notes cell, each a note of at most `MAX_NOTE` characters.
    fn notes(self, raw: &str, into: &mut Vec<String>) -> Result<(), String> {
        for line in raw.lines() {
            push_new(into, self.field(line, MAX_NOTE, "a note")?);
        }
        Ok(())
    }
}

/// Add `item` unless it is empty or already there.
fn push_new(list: &mut Vec<String>, item: String) {
    if !item.is_empty() && !list.contains(&item) {
        list.push(item);
    }
}

/// The cell of a column, trimmed; empty when the row is short or the header
/// has no such column.
fn cell(cells: &[String], column: Option<usize>) -> &str {
    column.and_then(|i| cells.get(i)).map_or("", |c| c.trim())
}

/// Where each named column is in a header (case and spaces aside).
fn columns<const N: usize>(header: &[String], names: [&str; N]) -> [Option<usize>; N] {
    names.map(|name| header.iter().position(|h| h.trim().eq_ignore_ascii_case(name)))
}

/// Whether a record holds nothing (a blank line, or only empty cells).
fn is_blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

/// An http(s) address as https, or `None` for any other scheme.
fn https(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    (scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")).then(|| format!("https://{rest}"))
}

/// An account from its site and its handle as written, with the address the
/// card links to (rebuilt from the handle: a file's own is not trusted).
fn account(site: Site, raw: &str) -> Option<Identity> {
    let handle = canonical_handle(site, raw, None)?;
    let url = for_site(site)?.account_url(&handle)?;
    let identity = Identity { site, handle, url };
    crate::engine::card::safe_link(&identity).is_some().then_some(identity)
}

/// The account a profile address on a host Kindling ships with names.
fn account_at(url: &str) -> Option<Identity> {
    let (adapter, page) = for_url(&https(url)?)?;
    account(adapter.site(), &adapter.profile_handle(&page)?)
}

/// A Mastodon account on any instance, from its profile address
/// `https://host/@user`: only for a file that says the address is Mastodon's.
fn mastodon_at(url: &str) -> Option<Identity> {
    let page = PageUrl::parse(&https(url)?)?;
    let other_site = Site::ALL.iter().any(|s| *s != Site::Mastodon && hosts::of(*s).contains(&page.host.as_str()));
    let [segment] = PageUrl::segments(&page.path)[..] else { return None };
    let user = segment.strip_prefix('@').filter(|_| !other_site)?;
    let raw = if user.contains('@') { user.to_owned() } else { format!("{user}@{}", page.host) };
    account(Site::Mastodon, &raw)
}

/// The account a profile address names: on a host Kindling ships with, or
/// on any instance when the file says the address is Mastodon's.
fn account_of(url: &str, mastodon: bool) -> Option<Identity> {
    account_at(url).or_else(|| mastodon.then(|| mastodon_at(url)).flatten())
}

/// The site a file names by its id or label (`x`, `LinkedIn`), or by its
/// old name (`twitter`).
fn site_named(name: &str) -> Option<Site> {
    if name.eq_ignore_ascii_case("twitter") {
        return Some(Site::X);
    }
    Site::ALL.into_iter().find(|s| s.id().eq_ignore_ascii_case(name) || s.label().eq_ignore_ascii_case(name))
}

/// A web address as a link: http or https, scheme and host lowercased, no
/// trailing `/`; `None` for anything else (another scheme, a space, a user
/// name before the host).
fn link(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.len() > MAX_LINK || raw.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return None;
    }
    let (scheme, rest) = raw.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (host, tail) = rest.split_at(end);
    if !(scheme == "http" || scheme == "https") || host.is_empty() || host.contains('@') {
        return None;
    }
    let tail = if tail.contains(['?', '#']) { tail } else { tail.trim_end_matches('/') };
    Some(format!("{scheme}://{}{tail}", host.to_ascii_lowercase()))
}

impl Contact {
    fn add_identity(&mut self, identity: Identity) {
        if !self.identities.iter().any(|i| i.key() == identity.key()) {
            self.identities.push(identity);
        }
    }

    fn add_link(&mut self, link: String) {
        if self.links.len() < MAX_LINKS {
            push_new(&mut self.links, link);
        }
    }

    /// An address: an account when it is a profile on a supported site (on
    /// any instance when the file says it is Mastodon's), else a link.
    fn add_url(&mut self, url: &str, mastodon: bool) {
        match account_of(url, mastodon) {
            Some(identity) => self.add_identity(identity),
            None => {
                if let Some(link) = link(url) {
                    self.add_link(link);
                }
            }
        }
    }

    /// What a later row about the same person adds.
    fn absorb(&mut self, other: Contact) {
        if self.name.is_empty() {
            self.name = other.name;
        }
        other.identities.into_iter().for_each(|i| self.add_identity(i));
        other.links.into_iter().for_each(|l| self.add_link(l));
        other.emails.into_iter().for_each(|e| push_new(&mut self.emails, e));
        other.tags.into_iter().for_each(|t| push_new(&mut self.tags, t));
        other.notes.into_iter().for_each(|n| push_new(&mut self.notes, n));
        self.company = self.company.take().or(other.company);
        self.position = self.position.take().or(other.position);
        self.connected_on = self.connected_on.or(other.connected_on);
    }
}

/// The contacts of one file as its rows come: rows without an account
/// counted, a row naming an account an earlier one named folded into it.
struct Collector {
    kind: FileKind,
    contacts: Vec<Contact>,
    /// Each account's contact, by `Identity::key`.
    by_account: BTreeMap<String, usize>,
    rows: usize,
    no_account: usize,
    duplicate: usize,
}

impl Collector {
    fn new(kind: FileKind) -> Collector {
        Collector { kind, contacts: Vec::new(), by_account: BTreeMap::new(), rows: 0, no_account: 0, duplicate: 0 }
    }

    /// Count one more row (or card) at `n`: an error past `MAX_ROWS`.
    fn count(&mut self, n: usize) -> Result<Place, String> {
        let place = Place { kind: self.kind, n };
        self.rows += 1;
        if self.rows > MAX_ROWS {
            return Err(place.fail(&format!(
                "a file may name at most {MAX_ROWS} people; split it and import each part on its own"
            )));
        }
        Ok(place)
    }

    fn add(&mut self, mut contact: Contact) {
        // An account's own address is no other link (Kindling's vCard writes both).
        let urls: Vec<String> = contact.identities.iter().filter_map(|i| link(&i.url)).collect();
        contact.links.retain(|l| !urls.contains(l));
        let earlier = contact.identities.iter().find_map(|i| self.by_account.get(&i.key()).copied());
        let at = match earlier {
            None if contact.identities.is_empty() => {
                self.no_account += 1;
                return;
            }
            None => {
                self.contacts.push(contact);
                self.contacts.len() - 1
            }
            Some(at) => {
                self.duplicate += 1;
                // An account another contact already holds stays theirs.
                contact.identities.retain(|i| self.by_account.get(&i.key()).is_none_or(|&owner| owner == at));
                if let Some(earlier) = self.contacts.get_mut(at) {
                    earlier.absorb(contact);
                }
                at
            }
        };
        if let Some(added) = self.contacts.get(at) {
            for identity in &added.identities {
                self.by_account.entry(identity.key()).or_insert(at);
            }
        }
    }

    fn finish(self) -> Read {
        let skipped = [(Skip::NoAccount, self.no_account), (Skip::Duplicate, self.duplicate)];
        Read {
            kind: self.kind,
            contacts: self.contacts,
            skipped: skipped.into_iter().filter(|(_, n)| *n > 0).collect(),
        }
    }
}
