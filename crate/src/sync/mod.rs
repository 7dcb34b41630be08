//! Opt-in sync between the user's browsers through the browser's own sync
//! storage, sealed so that only their passphrase opens it (issue 24,
//! docs/sync.md). Pure over its inputs: the synced document and its merge
//! (`doc`), between it and this device's record (`local`), the sealing
//! (`seal`), and the area's items and quotas (`area`). The background's
//! service runs a round (`round`) over the store and the browser's area.

pub mod area;
pub mod doc;
pub mod local;
pub mod seal;
pub mod weeks;

use area::{fit, item_bytes, plain_items, Items, LeftOut, META};
use base64ct::{Base64, Encoding};
use doc::{Hlc, SyncDoc};
use seal::{Kdf, Key};
use serde::{Deserialize, Serialize};

/// Why a sync round could not happen; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncError {
    /// The passphrase does not open what is synced.
    WrongPassphrase,
    /// The area has no Kindling meta item: sync was never set up there (or
    /// was turned off on another device).
    NotSetUp,
    /// An item could not be opened or read (its key): changed by something
    /// other than Kindling, or by a newer Kindling.
    Unreadable(String),
    /// What must sync is more than the area holds (bytes needed).
    TooBig(usize),
}

/// The meta item: how the key is derived (salt and cost, which are not
/// secret), and a sealed known text that tells a wrong passphrase apart.
#[derive(Serialize, Deserialize)]
struct Meta {
    v: u32,
    kdf: Kdf,
    salt: String,
    check: String,
}

const CHECK: &[u8] = b"kindling sync 1";

/// Set sync up: the key for `passphrase` with a new `salt`, and the meta
/// item to write first.
pub fn setup(passphrase: &str, salt: [u8; 16], nonce: [u8; 24], kdf: Kdf) -> Result<(Key, String), SyncError> {
    let key = Key::derive(passphrase, &salt, kdf).map_err(|_| SyncError::NotSetUp)?;
    let meta = Meta { v: 1, kdf, salt: Base64::encode_string(&salt), check: key.seal(nonce, CHECK) };
    Ok((key, serde_json::to_string(&meta).unwrap_or_default()))
}

/// The key the area was set up with, if `passphrase` is the one.
pub fn unlock(passphrase: &str, items: &Items) -> Result<Key, SyncError> {
    let meta: Meta = serde_json::from_str(items.get(META).ok_or(SyncError::NotSetUp)?)
        .map_err(|_| SyncError::Unreadable(META.into()))?;
    let salt = Base64::decode_vec(&meta.salt).map_err(|_| SyncError::Unreadable(META.into()))?;
    let key = Key::derive(passphrase, &salt, meta.kdf).map_err(|_| SyncError::Unreadable(META.into()))?;
    match key.open(&meta.check) {
        Ok(check) if check == CHECK => Ok(key),
        _ => Err(SyncError::WrongPassphrase),
    }
}

/// The synced document the area's items hold.
pub fn read(items: &Items, key: &Key) -> Result<SyncDoc, SyncError> {
    let mut doc = SyncDoc::default();
    for (name, sealed) in items.iter().filter(|(name, _)| name.as_str() != META) {
        let plain = key.open(sealed).map_err(|_| SyncError::Unreadable(name.clone()))?;
        // As text: the decoders are the record's own (`from_str`), not a second set.
        let plain = String::from_utf8(plain).map_err(|_| SyncError::Unreadable(name.clone()))?;
        let part = if name == area::SETTINGS {
            let settings = serde_json::from_str(&plain).map_err(|_| SyncError::Unreadable(name.clone()))?;
            SyncDoc { people: Default::default(), settings: Some(settings) }
        } else {
            let people = serde_json::from_str(&plain).map_err(|_| SyncError::Unreadable(name.clone()))?;
            SyncDoc { people, settings: None }
        };
        doc.merge(&part);
    }
    Ok(doc)
}

/// One round's outcome: the merged document (this device's record is to be
/// made what it says: `local::apply`, and it is the next round's base), the
/// items to write and remove, the clock's last stamp, and what was left out
/// to fit.
#[derive(Debug, Clone)]
pub struct Round {
    pub merged: SyncDoc,
    pub set: Items,
    pub remove: Vec<String>,
    pub clock: Hlc,
    pub left_out: LeftOut,
}

/// This device's side of one sync round. `items` is the area as read;
/// `base` the document of the last round (the record matched it then);
/// `own_weeks` this device's weekly counts of tracked people (`weeks::own`);
/// `clock` the last stamp this device made or saw; `now_ms` the time the
/// changes since were made (the caller gives the record's last write, or
/// now); `nonces` gives fresh random nonces. Only items whose content
/// changed are written.
#[allow(clippy::too_many_arguments)] // one round's inputs, each named
pub fn round(
    items: &Items,
    key: &Key,
    base: &SyncDoc,
    people: &[crate::model::Person],
    settings: &crate::model::Settings,
    own_weeks: &std::collections::BTreeMap<String, crate::model::Weeks>,
    (clock, device, now_ms): (Hlc, u32, i64),
    nonces: &mut dyn FnMut() -> [u8; 24],
) -> Result<Round, SyncError> {
    let remote = read(items, key)?;
    // This device's changes are stamped before what it reads now is seen:
    // they were made without it (concurrently), so a later wall clock
    // elsewhere wins over them, not the order the devices synced in.
    let at = Hlc::tick(clock.max(base.latest()), now_ms, device);
    let mut merged = local::observe(base, &remote, people, settings, at);
    local::share_weeks(&mut merged, own_weeks, device, at);
    merged.merge(&remote);
    let meta_bytes = items.get(META).map_or(0, |v| item_bytes(META, v));
    let (fitted, left_out) = fit(&merged, meta_bytes).map_err(|too_big| SyncError::TooBig(too_big.bytes))?;
    let want = plain_items(&fitted);
    let have = plain_items(&remote);
    let set: Items = want
        .iter()
        .filter(|(name, plain)| have.get(*name) != Some(*plain) || !items.contains_key(*name))
        .map(|(name, plain)| (name.clone(), key.seal(nonces(), plain)))
        .collect();
    let remove = items.keys().filter(|name| name.as_str() != META && !want.contains_key(*name)).cloned().collect();
    Ok(Round { merged, set, remove, clock: at.max(remote.latest()), left_out })
}

#[cfg(test)]
mod tests;
