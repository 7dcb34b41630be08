//! The shape of the database, as data both backends follow: object stores,
//! their indexes, and the schema version of the records in them.

/// The version of the stored records this build reads and writes. Older
/// records are migrated forward at every start (see `codec::migrate`).
pub const SCHEMA_VERSION: u32 = 2;

pub const PEOPLE: &str = "people";
pub const INTERACTIONS: &str = "interactions";
/// Small records keyed by name: `schema`, `settings`.
pub const META: &str = "meta";
/// Records that could not be read, kept aside untouched for the user.
pub const QUARANTINE: &str = "quarantine";
/// Derived data for the Today agenda (`crate::store::digest`): `shard/NN` records,
/// `dirty/<person>` marks for people changed since, and `built` once the
/// shards are complete. Rebuilt from the other stores whenever in doubt.
pub const DIGESTS: &str = "digests";

/// An index: its store, name, the record field it reads, and whether that
/// field is a list with one index entry per element.
pub struct Index {
    pub store: &'static str,
    pub name: &'static str,
    pub field: &'static str,
    pub multi: bool,
}

pub const IDENTITY: Index = Index { store: PEOPLE, name: "identity", field: "keys", multi: true };
pub const BY_PERSON: Index = Index { store: INTERACTIONS, name: "person", field: "p", multi: false };
pub const BY_TIME: Index = Index { store: INTERACTIONS, name: "time", field: "t", multi: false };
pub const INDEXES: [&Index; 3] = [&IDENTITY, &BY_PERSON, &BY_TIME];

impl Index {
    /// Does `record` appear under `key` in this index?
    pub fn matches(&self, record: &serde_json::Value, key: &str) -> bool {
        match record.get(self.field) {
            Some(serde_json::Value::Array(items)) if self.multi => items.iter().any(|i| i.as_str() == Some(key)),
            Some(value) => value.as_str() == Some(key),
            None => false,
        }
    }
}
