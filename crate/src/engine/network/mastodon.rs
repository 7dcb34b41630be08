//! Mastodon's export of the accounts one follows (Preferences → Import and
//! export → Data export → "Follows", `following_accounts.csv`). No names:
//! one `user@domain` address per row, on any instance.
//! - Mastodon writes it with the header
//!   `Account address,Show boosts,Notify on new posts,Languages`; the
//!   accounts muted come as `Account address,Hide notifications`; blocked
//!   accounts and lists come without a header. There is no export of one's
//!   followers.
//!   Source: mastodon/mastodon app/models/export.rb (03006bd)
//! - Its own import takes a file as follows when the header has `Show
//!   boosts`, `Notify on new posts` or `Languages` (older exports had only
//!   the first two columns), as mutes when it has `Hide notifications`, and
//!   strips a leading `@` from each address.
//!   Source: mastodon/mastodon app/models/form/import.rb (0dbb2d2)
//!
//! Mutes, blocks and lists are people one keeps away or sorts, not one's
//! network: refused.

use super::csv::Records;
use super::{account, cell, columns, is_blank, Collector, Contact, FileKind, Place, Read};
use crate::model::Site;

/// The columns that say a list of accounts is the follows export.
const FOLLOWS: [&str; 3] = ["show boosts", "notify on new posts", "languages"];

/// The file from its header on (`records` goes on after it).
pub(super) fn read(header: &[String], records: Records) -> Result<Read, String> {
    let names: Vec<String> = header.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
    let which = if names.iter().any(|n| n == "hide notifications") {
        Some("the accounts you muted")
    } else if names.iter().any(|n| n == "list name") {
        Some("your lists")
    } else if !names.iter().any(|n| FOLLOWS.contains(&n.as_str())) {
        Some("a list of accounts that does not say it is the ones you follow")
    } else {
        None
    };
    if let Some(which) = which {
        return Err(format!(
            "This is Mastodon's export of {which}: Kindling reads only the accounts you follow \
             (the “Follows” CSV of Mastodon's data export)."
        ));
    }
    let [address] = columns(header, ["Account address"]);
    let mut out = Collector::new(FileKind::MastodonFollows);
    for record in records {
        let (row, cells) = record.map_err(|(row, why)| Place { kind: out.kind, n: row }.fail(why))?;
        if is_blank(&cells) {
            continue;
        }
        out.count(row)?;
        // An address that is none (a typo, a bare name) names no account;
        // `canonical_handle` strips a leading `@` as Mastodon's import does.
        let identity = account(Site::Mastodon, cell(&cells, address));
        out.add(Contact { identities: identity.into_iter().collect(), ..Contact::default() });
    }
    Ok(out.finish())
}
