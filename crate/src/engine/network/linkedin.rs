//! LinkedIn's `Connections.csv`, from the data export ("Get a copy of your
//! data"). What it looks like, as real exports committed to public
//! repositories show it:
//! - a few lines before the header: `Notes:`, one quoted sentence about
//!   missing e-mail addresses, an empty line; then the header
//!   `First Name,Last Name,URL,Email Address,Company,Position,Connected On`
//!   and `Connected On` as `22 Dec 2025`;
//!   Source: Tombarr/hello-again Connections.csv (8e4e150)
//! - a parser of the export looks for the header in the first ten rows, by
//!   its `First Name` cell (as `read_csv` does);
//!   Source: aatif101/LinkedinWrapped src/workers/parser.worker.ts (44ff759)
//! - a file saved again by Excel has `6-Feb-26`; cells with commas are
//!   quoted (`"Park, CFA, FRM"`); profile slugs may be percent-encoded
//!   (`/in/nagel-lis%C3%A2nias-…`);
//!   Source: ieglam/network-growth-engine Connections.csv (3611def)
//! - `URL` is empty for a member who hides it: such a row names no account.
//!   Unverified: the brief says so; no such row was seen in a public file.

use super::csv::Records;
use super::{cell, columns, is_blank, Collector, Contact, FileKind, Place, Read, MAX_FIELD};
use chrono::NaiveDate;

/// The columns read, in this order; the first three must be there.
const COLUMNS: [&str; 7] = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"];

/// The file from its header on (`records` goes on after it).
pub(super) fn read(header: &[String], records: Records) -> Result<Read, String> {
    let at = columns(header, COLUMNS);
    if let Some(missing) = COLUMNS.iter().zip(at).take(3).find_map(|(name, at)| at.is_none().then_some(name)) {
        return Err(format!(
            "This looks like LinkedIn's Connections.csv, but its header has no “{missing}” column: \
             import the file as LinkedIn exports it."
        ));
    }
    let mut out = Collector::new(FileKind::LinkedinConnections);
    for record in records {
        let (row, cells) = record.map_err(|(row, why)| Place { kind: out.kind, n: row }.fail(why))?;
        if is_blank(&cells) {
            continue;
        }
        let place = out.count(row)?;
        out.add(connection(place, &cells, &at)?);
    }
    Ok(out.finish())
}

/// One row.
fn connection(place: Place, cells: &[String], at: &[Option<usize>; 7]) -> Result<Contact, String> {
    let first = place.field(cell(cells, at[0]), MAX_FIELD, "the first name")?;
    let last = place.field(cell(cells, at[1]), MAX_FIELD, "the last name")?;
    let mut contact = Contact {
        name: format!("{first} {last}").trim().to_owned(),
        company: place.optional(cell(cells, at[4]), MAX_FIELD, "the company")?,
        position: place.optional(cell(cells, at[5]), MAX_FIELD, "the position")?,
        connected_on: connected_on(cell(cells, at[6])),
        ..Contact::default()
    };
    let email = place.field(cell(cells, at[3]), MAX_FIELD, "the e-mail address")?;
    super::push_new(&mut contact.emails, email);
    contact.add_url(cell(cells, at[2]), false);
    Ok(contact)
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// `07 Dec 2026`, or `7-Dec-26` as Excel saves it again (LinkedIn began in
/// 2003: a two-digit year is of this century). Read by hand: chrono's
/// `parse_from_str` would bring its whole format parser into the wasm
/// module for these two shapes. Any other text is no date.
pub(super) fn connected_on(text: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.split([' ', '-']).filter(|p| !p.is_empty()).collect();
    let [day, month, year] = parts[..] else { return None };
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month))?;
    let year: i32 = year.parse().ok()?;
    let year = if year < 100 { 2000 + year } else { year };
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()? + 1, day.parse().ok()?)
}
