//! Kindling's own people CSV (`service::export::people_csv`), read back: the
//! header `id,name,accounts,profile_urls,tracked,tags,notes,interactions,
//! first_interaction,last_interaction`; `accounts` are `site:handle` keys
//! separated by spaces, tags by `, `, notes by line breaks. A cell the export
//! defused for spreadsheets starts with a `'` before `= + - @`, a tab or a
//! carriage return: that one `'` is taken off. Ids, addresses and counts are
//! not read: accounts are made again from their keys, and the caller gives
//! each person an id of its own.

use super::csv::Records;
use super::{account, cell, columns, is_blank, push_new, Collector, Contact, FileKind, Place, Read, MAX_FIELD};
use crate::model::Site;

/// The columns read, in this order; the first two must be there.
const COLUMNS: [&str; 4] = ["name", "accounts", "tags", "notes"];

/// Whether a header starting with `id` is Kindling's (it has one of the
/// columns only Kindling's has): then a missing column is an error, not
/// another kind of file.
pub(super) fn is_header(header: &[String]) -> bool {
    columns(header, ["accounts", "profile_urls"]).iter().any(Option::is_some)
}

/// The file from its header on (`records` goes on after it).
pub(super) fn read(header: &[String], records: Records) -> Result<Read, String> {
    let at = columns(header, COLUMNS);
    if let Some(missing) = COLUMNS.iter().zip(at).take(2).find_map(|(name, at)| at.is_none().then_some(name)) {
        return Err(format!(
            "This looks like Kindling's people CSV, but its header has no “{missing}” column: \
             import the file as Kindling exported it."
        ));
    }
    let mut out = Collector::new(FileKind::KindlingCsv);
    for record in records {
        let (row, cells) = record.map_err(|(row, why)| Place { kind: out.kind, n: row }.fail(why))?;
        if is_blank(&cells) {
            continue;
        }
        let place = out.count(row)?;
        let get = |i: usize| undefused(cell(&cells, at[i]));
        let mut contact = Contact { name: place.field(get(0), MAX_FIELD, "the name")?, ..Contact::default() };
        for key in get(1).split_whitespace() {
            let identity = key.split_once(':').and_then(|(site, handle)| {
                Site::ALL.into_iter().find(|s| s.id() == site).and_then(|site| account(site, handle))
            });
            let identity = identity
                .ok_or_else(|| place.fail(&format!("the account “{}” is not one Kindling knows", super::shown(key))))?;
            contact.add_identity(identity);
        }
        for tag in get(2).split(',') {
            push_new(&mut contact.tags, place.field(tag, MAX_FIELD, "a tag")?);
        }
        place.notes(get(3), &mut contact.notes)?;
        out.add(contact);
    }
    Ok(out.finish())
}

/// A cell without the `'` the export put before a leading `= + - @`, tab or
/// carriage return (`service::export::cell`).
fn undefused(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => text,
    }
}
