//! vCard files: 4.0 (RFC 6350), 3.0 (RFC 2426) and 2.1, any number of
//! cards, as address books export them.
//! - Lines folded with a space or tab after the line break are unfolded;
//!   names and parameters are read in any case; `\n \, \; \\` are undone
//!   (RFC 6350 §3.2, §3.4), and any other escaped character stands for
//!   itself: Google writes `http\://`.
//! - Google Contacts labels a URL by grouping it with an `X-ABLabel`
//!   (`item2.URL:http\://twitter.com/test` + `item2.X-ABLabel:Twitter`);
//!   Apple writes `X-SOCIALPROFILE;type=twitter:https://twitter.com/joebloggs`
//!   and `IMPP;X-SERVICE-TYPE=Skype;…:skype:joe.bloggs`; a hand-made 4.0
//!   card there puts the service before the address
//!   (`X-SOCIALPROFILE;TYPE=home;PREF=1:twitter:https://…`).
//!   Source: emersion/go-vcard decoder_test.go (24a312f)
//! - Apple adds the user name: `X-SOCIALPROFILE;type=twitter;x-user=dave:http://twitter.com/dave`.
//!   Source: joaocarmo/vcard-creator README.md (c63e1a2), which also shows
//!   2.1-style bare parameters (`TEL;PREF;WORK:`, `EMAIL;INTERNET:`)
//! - iOS writes a profile without an address as `x-apple:<user>` with the
//!   user in `x-user`. Unverified: seen in a public test file whose
//!   repository the index did not name.
//! - Version 2.1 cards (Android's export) write non-ASCII text as
//!   `ENCODING=QUOTED-PRINTABLE` with `=` at the end of a line that goes on.
//!   Unverified: from the vCard 2.1 specification as remembered, not a file.
//!
//! An address on a host Kindling ships with is read by that site's adapter
//! (twitter.com is X's); one on another host is a Mastodon account only
//! where the card says so (`TYPE=mastodon`, or an `X-ABLabel` of
//! `Mastodon`), else a link.

use super::MAX_FIELD;
use super::{account, account_of, push_new, site_named, Collector, Contact, FileKind, Place, Read};
use std::collections::BTreeMap;

/// One content line: `group.NAME;PARAM=a,b:value`.
struct Property {
    /// Upper case, empty when ungrouped.
    group: String,
    /// Upper case.
    name: String,
    /// Upper-case keys, lower-case values; a bare 2.1 parameter is a `TYPE`.
    params: Vec<(String, Vec<String>)>,
    /// As written, escapes kept (quoted-printable decoded).
    value: String,
}

impl Property {
    /// The values of a parameter.
    fn param<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.params.iter().filter(move |(k, _)| k == key).flat_map(|(_, v)| v.iter().map(String::as_str))
    }
}

/// The cards of a file.
pub(super) fn read(text: &str) -> Result<Read, String> {
    let mut out = Collector::new(FileKind::Vcard);
    let mut card: Option<(Place, Vec<Property>)> = None;
    let mut cards = 0;
    for line in unfolded(text) {
        let Some(property) = property(&line) else { continue };
        let is_vcard = property.value.trim().eq_ignore_ascii_case("VCARD");
        match (property.name.as_str(), card.take()) {
            ("BEGIN", None) if is_vcard => {
                cards += 1;
                card = Some((out.count(cards)?, Vec::new()));
            }
            ("BEGIN", Some((place, _))) if is_vcard => {
                return Err(place.fail("it has BEGIN:VCARD but no END:VCARD before the next card"))
            }
            ("END", Some((place, properties))) if is_vcard => out.add(contact(place, &properties)?),
            (_, Some((place, mut properties))) => {
                properties.push(property);
                card = Some((place, properties));
            }
            // Outside a card: nothing to read.
            (_, None) => {}
        }
    }
    if let Some((place, _)) = card {
        return Err(place.fail("it has BEGIN:VCARD but no END:VCARD (the file may be cut short)"));
    }
    Ok(out.finish())
}

/// The file's content lines, unfolded: a line starting with a space or tab
/// goes on the one before; a quoted-printable line ending in `=` goes on
/// with the next. Line breaks are CR LF, LF or CR; empty lines are dropped.
fn unfolded(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut soft_break = false;
    for raw in text.split(['\r', '\n']).filter(|l| !l.is_empty()) {
        match lines.last_mut() {
            Some(last) if soft_break => {
                last.pop();
                last.push_str(raw);
            }
            Some(last) if raw.starts_with([' ', '\t']) => last.push_str(&raw[1..]),
            _ => lines.push(raw.to_owned()),
        }
        soft_break = lines.last().is_some_and(|l| l.ends_with('=') && is_quoted_printable(l));
    }
    lines
}

/// Whether a content line's parameters say its value is quoted-printable.
fn is_quoted_printable(line: &str) -> bool {
    let head = line.split(':').next().unwrap_or("");
    head.to_ascii_uppercase().contains("QUOTED-PRINTABLE")
}

/// `text` split at each `separator` outside double quotes.
fn split_outside_quotes(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut quoted, mut from) = (false, 0);
    for (i, c) in text.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if c == separator && !quoted {
            parts.push(&text[from..i]);
            from = i + 1;
        }
    }
    parts.push(&text[from..]);
    parts
}

/// One content line, or `None` for a line with no `:`.
fn property(line: &str) -> Option<Property> {
    let mut quoted = false;
    let colon = line.char_indices().find_map(|(i, c)| {
        quoted ^= c == '"';
        (c == ':' && !quoted).then_some(i)
    })?;
    let (head, value) = (&line[..colon], &line[colon + 1..]);
    let mut parts = split_outside_quotes(head, ';').into_iter();
    let full = parts.next().unwrap_or("").trim();
    let (group, name) = full.rsplit_once('.').unwrap_or(("", full));
    let values = |v: &str| split_outside_quotes(v, ',').iter().map(|s| s.trim_matches('"').to_lowercase()).collect();
    let params: Vec<(String, Vec<String>)> = parts
        .map(|p| match p.split_once('=') {
            Some((key, v)) => (key.trim().to_ascii_uppercase(), values(v)),
            None => ("TYPE".to_owned(), values(p)),
        })
        .collect();
    let quoted_printable = params.iter().any(|(k, v)| k == "ENCODING" && v.iter().any(|v| v == "quoted-printable"));
    let value = if quoted_printable {
        let latin1 = params.iter().any(|(k, v)| k == "CHARSET" && v.iter().any(|v| v.contains("8859")));
        decode_quoted_printable(value, latin1)
    } else {
        value.to_owned()
    };
    Some(Property { group: group.to_ascii_uppercase(), name: name.to_ascii_uppercase(), params, value })
}

/// A quoted-printable value (`=E5=B1=B1`) as text: UTF-8 unless the card
/// says Latin-1.
fn decode_quoted_printable(value: &str, latin1: bool) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(byte) if bytes[i] == b'=' => {
                out.push(byte);
                i += 3;
            }
            _ => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    if latin1 {
        out.into_iter().map(char::from).collect()
    } else {
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// A value's escapes undone: `\n` (or `\N`) a line break, any other
/// escaped character itself.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// A structured or list value split at each unescaped `separator`, each
/// part unescaped.
fn split_unescaped(text: &str, separator: char) -> Vec<String> {
    let mut parts = Vec::new();
    let (mut escaped, mut from) = (false, 0);
    for (i, c) in text.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == separator {
            parts.push(unescape(&text[from..i]));
            from = i + 1;
        }
    }
    parts.push(unescape(&text[from..]));
    parts
}

/// One card as a contact.
fn contact(place: Place, properties: &[Property]) -> Result<Contact, String> {
    // Google's and Apple's labels, by group: `item2.X-ABLabel:Mastodon`.
    let labels: BTreeMap<&str, String> = properties
        .iter()
        .filter(|p| p.name == "X-ABLABEL" && !p.group.is_empty())
        .map(|p| (p.group.as_str(), unescape(&p.value).trim().to_lowercase()))
        .collect();
    let mut contact = Contact::default();
    let mut structured_name = String::new();
    for p in properties {
        let says_mastodon = p.param("TYPE").chain(p.param("X-SERVICE-TYPE")).any(|t| t == "mastodon")
            || labels.get(p.group.as_str()).is_some_and(|l| l == "mastodon");
        match p.name.as_str() {
            "FN" if contact.name.is_empty() => {
                contact.name = place.field(&unescape(&p.value), MAX_FIELD, "the name")?
            }
            "N" if structured_name.is_empty() => {
                let parts = split_unescaped(&p.value, ';');
                let part = |i: usize| parts.get(i).map_or("", String::as_str);
                structured_name = place.field(&format!("{} {}", part(1), part(0)), MAX_FIELD, "the name")?;
            }
            "URL" => contact.add_url(&unescape(&p.value), says_mastodon),
            "X-SOCIALPROFILE" => social_profile(&mut contact, p, says_mastodon),
            // A chat address (`xmpp:`, `skype:`) is no account; a profile's web address is.
            "IMPP" => {
                if let Some(identity) = account_of(&unescape(&p.value), says_mastodon) {
                    contact.add_identity(identity);
                }
            }
            _ => details(&mut contact, place, p)?,
        }
    }
    if contact.name.is_empty() {
        contact.name = structured_name;
    }
    Ok(contact)
}

/// E-mail addresses, organisation, title, categories and notes.
fn details(contact: &mut Contact, place: Place, p: &Property) -> Result<(), String> {
    match p.name.as_str() {
        // Google once wrote several addresses in one EMAIL, comma-separated
        // (go-vcard's test card of 2012, cited above).
        "EMAIL" => {
            for email in split_unescaped(&p.value, ',') {
                push_new(&mut contact.emails, place.field(&email, MAX_FIELD, "an e-mail address")?);
            }
        }
        "ORG" if contact.company.is_none() => {
            let org = split_unescaped(&p.value, ';').into_iter().next().unwrap_or_default();
            contact.company = place.optional(&org, MAX_FIELD, "the organisation")?;
        }
        "TITLE" if contact.position.is_none() => {
            contact.position = place.optional(&unescape(&p.value), MAX_FIELD, "the title")?;
        }
        "CATEGORIES" => {
            for tag in split_unescaped(&p.value, ',') {
                push_new(&mut contact.tags, place.field(&tag, MAX_FIELD, "a category")?);
            }
        }
        "NOTE" => place.notes(&unescape(&p.value), &mut contact.notes)?,
        _ => {}
    }
    Ok(())
}

/// `X-SOCIALPROFILE`: an address (after a `service:` some write first), or
/// else a user name (`x-user`, `x-apple:<user>`) on the site the type names.
fn social_profile(contact: &mut Contact, p: &Property, says_mastodon: bool) {
    let value = unescape(&p.value);
    let value = value.trim();
    let address = match value.split_once(':') {
        Some((service, rest)) if !service.contains('/') && rest.to_ascii_lowercase().starts_with("http") => rest,
        _ => value,
    };
    if address.to_ascii_lowercase().starts_with("http") {
        return contact.add_url(address, says_mastodon);
    }
    let user = p.param("X-USER").next().map(str::to_owned).unwrap_or_else(|| {
        let lower = value.to_ascii_lowercase();
        lower.strip_prefix("x-apple:").unwrap_or(&lower).to_owned()
    });
    let site = p.param("TYPE").find_map(site_named);
    if let Some(identity) = site.and_then(|site| account(site, &user)) {
        contact.add_identity(identity);
    }
}
