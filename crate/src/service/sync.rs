//! Sync's requests (issue 24, docs/sync.md): turn it on with a passphrase,
//! off (Kindling's items leave the browser's sync storage), a round now, and
//! its state. A round reads the area, merges, makes the record what the
//! merged document says and writes back only what changed. Local only is
//! the default: while sync is off, nothing here touches the area at all.

use super::messages::{Request, Response, Sender, SyncView};
use super::{storage_failure, ServiceError, ServiceError::Refused};
use crate::model::text::Text;
use crate::store::{Backend, Change, Records};
use crate::sync::area::{is_ours, Area, AreaError, Items, META};
use crate::sync::doc::{Hlc, SyncDoc};
use crate::sync::seal::{Key, KDF};
use crate::sync::{self, SyncError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;

/// The meta record of sync's state on this device.
const STATE: &str = "sync";

/// The shortest passphrase accepted: it is all that guards the synced items.
pub const MIN_PASSPHRASE: usize = 10;

/// Sync's state on this device, in the store.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct State {
    on: bool,
    device: u32,
    clock: Hlc,
    base: SyncDoc,
    /// The key, only if the user chose to keep it on this device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    last: Option<DateTime<Utc>>,
    #[serde(default)]
    left_out: (usize, usize, usize),
    #[serde(default, skip_serializing_if = "Option::is_none")]
    problem: Option<Text>,
    /// Writes the area refused in a row for a quota, and when the next
    /// round may call the area again (`backed_off`).
    #[serde(default)]
    refused: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    retry_at: Option<DateTime<Utc>>,
}

/// How long to leave the area alone after `refused` writes in a row were
/// refused for a quota: 1, 2, 4… minutes, at most an hour (the browsers'
/// write quotas count the last minute and the last hour).
fn backed_off(refused: u32, now: DateTime<Utc>) -> DateTime<Utc> {
    let minutes = 1i64 << refused.saturating_sub(1).min(6);
    now + chrono::Duration::minutes(minutes.min(60))
}

thread_local! {
    /// The key while the background lives, when it is not kept (by device:
    /// the tests run several devices in one thread).
    static KEY: RefCell<Vec<(u32, Key)>> = const { RefCell::new(Vec::new()) };
}

fn cache(device: u32, key: Option<Key>) {
    KEY.with(|k| {
        let mut keys = k.borrow_mut();
        keys.retain(|(d, _)| *d != device);
        keys.extend(key.map(|key| (device, key)));
    });
}

/// Answer a sync request from `sender`: `area` is the browser's sync
/// storage, `random` fills buffers with secure random bytes.
pub async fn handle_sync<B: Backend, A: Area>(
    backend: B,
    area: &A,
    random: &mut dyn FnMut(&mut [u8]),
    sender: Sender,
    request: Request,
    now: DateTime<Utc>,
) -> Response {
    if !request.allowed_from(sender) {
        return Response::Error { message: Text::new("error_not_allowed") };
    }
    if let Err(why) = request.check_sizes() {
        return Response::Error { message: Text::new("error_refused_message").with(why) };
    }
    let answer = match Records::open(backend, now).await {
        Ok(records) => match request {
            Request::SyncOn { passphrase, remember } => {
                turn_on(&records, area, random, &passphrase, remember, now).await
            }
            Request::SyncOff {} => turn_off(&records, area).await,
            Request::SyncNow {} => now_round(&records, area, random, now).await,
            Request::SyncState {} => state(&records).await,
            _ => Err(Refused(Text::new("error_not_allowed"))),
        },
        Err(e) => Err(e.into()),
    };
    answer.unwrap_or_else(|e| match e {
        Refused(why) => Response::Error { message: why },
        ServiceError::Store(e) => Response::Error { message: storage_failure(e) },
    })
}

async fn load<B: Backend>(records: &Records<B>) -> Result<State, ServiceError> {
    Ok(records.meta(STATE).await?.and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default())
}

async fn save<B: Backend>(records: &Records<B>, state: &State) -> Result<(), ServiceError> {
    Ok(records.set_meta(STATE, serde_json::to_value(state).unwrap_or_default()).await?)
}

fn key_of(state: &State) -> Option<Key> {
    let cached = KEY.with(|k| k.borrow().iter().find(|(d, _)| *d == state.device).map(|(_, key)| key.clone()));
    cached.or_else(|| Key::from_base64(state.key.as_deref()?))
}

/// Sync's state as the pages show it.
pub(super) async fn state<B: Backend>(records: &Records<B>) -> Result<Response, ServiceError> {
    Ok(view(&load(records).await?, false))
}

fn view(state: &State, redraw_cards: bool) -> Response {
    let (notes, details, people) = state.left_out;
    let left_out =
        [("sync_left_out_notes", notes), ("sync_left_out_details", details), ("sync_left_out_people", people)]
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(key, n)| Text::count(key, n as i64))
            .collect();
    let sync = SyncView {
        on: state.on,
        unlocked: state.on && key_of(state).is_some(),
        last: state.last,
        left_out,
        problem: state.problem.clone(),
        retry_at: state.retry_at,
    };
    Response::Sync { sync, redraw_cards }
}

fn area_failed(e: AreaError) -> Text {
    match e {
        AreaError::Quota(which) => Text::new("sync_quota").with(which),
        AreaError::Failed(why) => Text::new("sync_area_failed").with(why),
    }
}

/// Sync on: the area set up with this passphrase, or opened with it; then a
/// first round. A wrong passphrase changes nothing.
async fn turn_on<B: Backend, A: Area>(
    records: &Records<B>,
    area: &A,
    random: &mut dyn FnMut(&mut [u8]),
    passphrase: &str,
    remember: bool,
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    if passphrase.chars().count() < MIN_PASSPHRASE {
        return Err(Refused(Text::new("sync_passphrase_short").with(MIN_PASSPHRASE.to_string())));
    }
    let items = area.read().await.map_err(|e| Refused(area_failed(e)))?;
    let key = match sync::unlock(passphrase, &items) {
        Ok(key) => key,
        Err(SyncError::NotSetUp) => {
            let (mut salt, mut nonce) = ([0u8; 16], [0u8; 24]);
            random(&mut salt);
            random(&mut nonce);
            let (key, meta) =
                sync::setup(passphrase, salt, nonce, KDF).map_err(|_| Refused(Text::new("sync_failed")))?;
            let write = Items::from([(META.to_owned(), meta)]);
            area.write(write, vec![]).await.map_err(|e| Refused(area_failed(e)))?;
            key
        }
        Err(SyncError::WrongPassphrase) => return Err(Refused(Text::new("sync_wrong_passphrase"))),
        Err(_) => return Err(Refused(Text::new("sync_unreadable"))),
    };
    let mut state = load(records).await?;
    if !state.on {
        let mut device = [0u8; 4];
        random(&mut device);
        state = State { on: true, device: u32::from_le_bytes(device), ..State::default() };
    }
    state.key = remember.then(|| key.to_base64());
    state.problem = None;
    cache(state.device, Some(key));
    save(records, &state).await?;
    now_round(records, area, random, now).await
}

/// Sync off: Kindling's items leave the area (every device's sync stops:
/// they say so), the key and the synced document leave this device.
async fn turn_off<B: Backend, A: Area>(records: &Records<B>, area: &A) -> Result<Response, ServiceError> {
    let items = area.read().await.map_err(|e| Refused(area_failed(e)))?;
    let ours: Vec<String> = items.keys().filter(|k| is_ours(k)).cloned().collect();
    area.write(Items::new(), ours).await.map_err(|e| Refused(area_failed(e)))?;
    cache(load(records).await?.device, None);
    save(records, &State::default()).await?;
    Ok(view(&State::default(), false))
}

/// One round, if sync is on and unlocked. Problems (a quota, an item
/// another device broke, the area gone) are kept in the state and shown;
/// the record is never left half-changed.
async fn now_round<B: Backend, A: Area>(
    records: &Records<B>,
    area: &A,
    random: &mut dyn FnMut(&mut [u8]),
    now: DateTime<Utc>,
) -> Result<Response, ServiceError> {
    let mut state = load(records).await?;
    let Some(key) = state.on.then(|| key_of(&state)).flatten() else {
        // Local only, or locked: no call to the area at all.
        return Ok(view(&state, false));
    };
    if state.retry_at.is_some_and(|at| now < at) {
        // Backing off after a quota: the area is left alone until then.
        return Ok(view(&state, false));
    }
    let items = match area.read().await {
        Ok(items) => items,
        Err(e) => return remember_problem(records, state, area_failed(e)).await,
    };
    if !items.contains_key(META) {
        // Turned off on another device: off here too, nothing deleted.
        cache(state.device, None);
        let off = State { problem: Some(Text::new("sync_turned_off_elsewhere")), ..State::default() };
        save(records, &off).await?;
        return Ok(view(&off, false));
    }
    let mut people = records.all_people(now).await?;
    let mut interactions = records.all_interactions(now).await?;
    let mut settings = records.settings().await?;
    let mut nonces = || {
        let mut n = [0u8; 24];
        random(&mut n);
        n
    };
    let round = sync::round(
        &items,
        &key,
        &state.base,
        &people,
        &settings,
        &sync::weeks::own(&people, &interactions, now),
        (state.clock, state.device, now.timestamp_millis()),
        &mut nonces,
    );
    let round = match round {
        Ok(round) => round,
        Err(SyncError::TooBig(bytes)) => {
            return remember_problem(records, state, Text::new("sync_too_big").with((bytes / 1024).to_string())).await
        }
        Err(_) => return remember_problem(records, state, Text::new("sync_unreadable")).await,
    };
    let (before_people, before_interactions, before_settings) =
        (people.clone(), interactions.clone(), settings.clone());
    let applied = sync::local::apply(&round.merged, state.device, &mut people, &mut interactions, &mut settings);
    let change = change_of(&before_people, &before_interactions, &people, &interactions, &applied);
    let redraw = !(applied.written.is_empty() && applied.removed.is_empty());
    let settings_changed = settings != before_settings;
    records.save(Change { settings: settings_changed.then_some(settings), ..change }).await?;
    let left = round.left_out;
    state = State {
        clock: round.clock,
        base: round.merged,
        last: Some(now),
        left_out: (left.notes_of_untracked, left.details_of_untracked, left.untracked),
        problem: None,
        retry_at: None,
        ..state
    };
    note_write(&mut state, area.write(round.set, round.remove).await, now);
    save(records, &state).await?;
    Ok(view(&state, redraw || settings_changed))
}

/// What a write came to: done (the back-off ends), or refused (for a
/// quota: the next call to the area waits longer).
fn note_write(state: &mut State, written: Result<(), AreaError>, now: DateTime<Utc>) {
    match written {
        Ok(()) => state.refused = 0,
        Err(e) => {
            if matches!(e, AreaError::Quota(_)) {
                state.refused = state.refused.saturating_add(1);
                state.retry_at = Some(backed_off(state.refused, now));
            }
            state.problem = Some(area_failed(e));
        }
    }
}

async fn remember_problem<B: Backend>(
    records: &Records<B>,
    mut state: State,
    problem: Text,
) -> Result<Response, ServiceError> {
    state.problem = Some(problem);
    save(records, &state).await?;
    Ok(view(&state, false))
}

/// The store's change that makes the record what `apply` left: people
/// written and removed, interactions moved to another person or gone with
/// theirs.
fn change_of(
    people_before: &[crate::model::Person],
    before: &[crate::model::Interaction],
    people: &[crate::model::Person],
    after: &[crate::model::Interaction],
    applied: &sync::local::Applied,
) -> Change {
    let written = people.iter().filter(|p| applied.written.contains(&p.id)).cloned().collect();
    let gone: Vec<String> =
        people_before.iter().filter(|p| !people.iter().any(|q| q.id == p.id)).map(|p| p.id.clone()).collect();
    let was: std::collections::BTreeMap<&str, &str> =
        before.iter().map(|i| (i.id.as_str(), i.person.as_str())).collect();
    let moved = after.iter().filter(|i| was.get(i.id.as_str()).is_some_and(|p| *p != i.person)).cloned().collect();
    let kept: std::collections::BTreeSet<&str> = after.iter().map(|i| i.id.as_str()).collect();
    let deleted = before.iter().filter(|i| !kept.contains(i.id.as_str())).map(|i| i.id.clone()).collect();
    Change {
        clear: false,
        people: written,
        interactions: moved,
        delete_people: gone,
        delete_interactions: deleted,
        settings: None,
    }
}

#[cfg(test)]
#[path = "sync/tests.rs"]
mod tests;
