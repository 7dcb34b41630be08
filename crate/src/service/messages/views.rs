//! The answers' views of the record: the options page's status, its list
//! of people, what was kept aside, and sync's state.

use super::Settings;
use crate::store::Quarantined;
use serde::{Deserialize, Serialize};

/// What the options page shows about the record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Status {
    /// Each supported site: when Kindling last understood it, and what it
    /// did not understand.
    pub sites: Vec<SiteHealth>,
    pub schema: u32,
    pub people: usize,
    pub interactions: usize,
    pub quarantined: Vec<QuarantineLine>,
    pub settings: Settings,
}

/// How well Kindling understands one site's pages lately.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteHealth {
    pub site: String,
    #[serde(default)]
    pub label: String,
    /// The last time a click or page on the site was understood.
    #[serde(default)]
    pub last_ok: Option<chrono::DateTime<chrono::Utc>>,
    /// Clicks on known controls whose surroundings were not recognised.
    #[serde(default)]
    pub misses: u32,
    #[serde(default)]
    pub last_miss: Option<chrono::DateTime<chrono::Utc>>,
    #[serde(default)]
    pub last_miss_reason: Option<String>,
}

/// One record kept aside, without its raw contents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuarantineLine {
    pub store: String,
    pub key: String,
    pub reason: String,
}

impl From<&Quarantined> for QuarantineLine {
    fn from(q: &Quarantined) -> QuarantineLine {
        QuarantineLine { store: q.store.clone(), key: q.key.clone(), reason: q.reason.clone() }
    }
}

/// One line of the options page's list of people.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonSummary {
    pub id: String,
    pub name: String,
    pub accounts: Vec<String>,
    pub interactions: usize,
}

/// Sync as the options page and the popup show it (issue 24): off ("Local
/// only"), or on, unlocked or waiting for the passphrase, with the last
/// round's time, what was left out to fit, and any problem.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SyncView {
    pub on: bool,
    pub unlocked: bool,
    pub last: Option<chrono::DateTime<chrono::Utc>>,
    pub left_out: Vec<crate::model::text::Text>,
    pub problem: Option<crate::model::text::Text>,
    /// After a quota, when the area is tried again (the background asks
    /// for a round then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_at: Option<chrono::DateTime<chrono::Utc>>,
}
