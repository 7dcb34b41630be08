//! The record in IndexedDB, in the extension's own origin: content scripts run
//! in the page's origin and cannot open it (unlike `storage.local`, which they
//! can read in Firefox). Writes use `durability: "strict"`, so a write has
//! reached the disk when its transaction completes, before the background
//! answers the message that caused it.

use super::to_js;
use crate::model::{Interaction, Person};
use crate::store::{Store, StoreError, SCHEMA_VERSION};
use js_sys::{Array, Function, Promise, Reflect};
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Event, EventTarget, IdbCursorDirection, IdbCursorWithValue, IdbDatabase, IdbFactory, IdbIndexParameters,
    IdbObjectStoreParameters, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode,
};

const DB_NAME: &str = "kindling";
const PEOPLE: &str = "people";
const INTERACTIONS: &str = "interactions";

#[wasm_bindgen]
extern "C" {
    /// An `IDBDatabase` seen through the `transaction(stores, mode, options)`
    /// signature, which web-sys only offers behind its unstable flag.
    type DatabaseWithOptions;
    #[wasm_bindgen(method, catch, js_name = transaction)]
    fn transaction_with_options(
        this: &DatabaseWithOptions,
        stores: &Array,
        mode: &str,
        options: &JsValue,
    ) -> Result<IdbTransaction, JsValue>;
}

thread_local! {
    // The open connection, kept while the background lives; it is reopened
    // after the browser stops and restarts the background.
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

fn js_error(context: &str, value: &JsValue) -> StoreError {
    let detail = Reflect::get(value, &"message".into()).ok().and_then(|m| m.as_string());
    StoreError(format!("{context} ({})", detail.unwrap_or_else(|| format!("{value:?}"))))
}

/// Resolve when `target` fires `ok`, fail when it fires one of `fail`. The
/// listeners are removed afterwards, so nothing outlives the wait.
async fn wait(target: &EventTarget, ok: &str, fail: &[&str]) -> Result<(), JsValue> {
    let mut settle: Option<(Function, Function)> = None;
    let promise = Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
    let Some((resolve, reject)) = settle else { return Err("the promise did not start".into()) };
    let on_ok = Closure::<dyn FnMut(Event)>::new(move |_| {
        let _ = resolve.call0(&JsValue::NULL);
    });
    let on_fail = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        // Keep the failure from also surfacing as an unhandled error.
        event.prevent_default();
        let _ = reject.call1(&JsValue::NULL, &event);
    });
    target.add_event_listener_with_callback(ok, on_ok.as_ref().unchecked_ref())?;
    for name in fail {
        target.add_event_listener_with_callback(name, on_fail.as_ref().unchecked_ref())?;
    }
    let result = JsFuture::from(promise).await;
    let _ = target.remove_event_listener_with_callback(ok, on_ok.as_ref().unchecked_ref());
    for name in fail {
        let _ = target.remove_event_listener_with_callback(name, on_fail.as_ref().unchecked_ref());
    }
    result.map(|_| ())
}

/// The result of a request once it succeeded.
async fn finish(request: &IdbRequest, what: &str) -> Result<JsValue, StoreError> {
    if wait(request, "success", &["error"]).await.is_err() {
        let error = request.error().ok().flatten().map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
        return Err(js_error(what, &error));
    }
    request.result().map_err(|e| js_error(what, &e))
}

async fn committed(tx: &IdbTransaction, what: &str) -> Result<(), StoreError> {
    if wait(tx, "complete", &["error", "abort"]).await.is_err() {
        let error = tx.error().map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
        return Err(js_error(what, &error));
    }
    Ok(())
}

fn decode<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, StoreError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| StoreError(format!("a stored {what} is unreadable: {e}")))
}

/// Create the stores on first use. Later schema versions add steps here.
fn upgrade(db: &IdbDatabase, old_version: f64) -> Result<(), JsValue> {
    if old_version < 1.0 {
        let people = db.create_object_store_with_optional_parameters(PEOPLE, &{
            let p = IdbObjectStoreParameters::new();
            p.set_key_path(&"id".into());
            p
        })?;
        let multi = IdbIndexParameters::new();
        multi.set_multi_entry(true);
        people.create_index_with_str_and_optional_parameters("identity", "keys", &multi)?;
        let interactions = db.create_object_store_with_optional_parameters(INTERACTIONS, &{
            let p = IdbObjectStoreParameters::new();
            p.set_key_path(&"id".into());
            p
        })?;
        interactions.create_index_with_str("person", "person")?;
        interactions.create_index_with_str("time", "t")?;
    }
    Ok(())
}

/// The IndexedDB-backed `Store`.
pub struct IdbStore {
    db: IdbDatabase,
}

impl IdbStore {
    /// Open (and create or upgrade) the database, reusing the open connection.
    pub async fn open() -> Result<IdbStore, StoreError> {
        if let Some(db) = DB.with(|d| d.borrow().clone()) {
            return Ok(IdbStore { db });
        }
        let factory: IdbFactory = Reflect::get(&js_sys::global(), &"indexedDB".into())
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or_else(|| StoreError("IndexedDB is not available in this browser profile".into()))?;
        let request: IdbOpenDbRequest =
            factory.open_with_u32(DB_NAME, SCHEMA_VERSION).map_err(|e| js_error("opening the database", &e))?;
        let on_upgrade = Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new({
            let request = request.clone();
            move |event: web_sys::IdbVersionChangeEvent| {
                let db = request.result().ok().and_then(|r| r.dyn_into::<IdbDatabase>().ok());
                let failed = db.is_none_or(|db| upgrade(&db, event.old_version()).is_err());
                if failed {
                    if let Some(tx) = request.transaction() {
                        let _ = tx.abort();
                    }
                }
            }
        });
        request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
        let opened = finish(&request, "opening the database").await;
        request.set_onupgradeneeded(None);
        let db: IdbDatabase = opened?.dyn_into().map_err(|e| js_error("opening the database", &e))?;
        DB.with(|d| *d.borrow_mut() = Some(db.clone()));
        Ok(IdbStore { db })
    }

    fn tx(&self, stores: &[&str], write: bool) -> Result<IdbTransaction, StoreError> {
        let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
        let result = if write {
            let options = js_sys::Object::new();
            let _ = Reflect::set(&options, &"durability".into(), &"strict".into());
            self.db.unchecked_ref::<DatabaseWithOptions>().transaction_with_options(&names, "readwrite", &options)
        } else {
            self.db.transaction_with_str_sequence_and_mode(&names, IdbTransactionMode::Readonly)
        };
        result.map_err(|e| js_error("starting a transaction", &e))
    }

    async fn get_person(&self, index: Option<&str>, key: &str) -> Result<Option<Person>, StoreError> {
        let tx = self.tx(&[PEOPLE], false)?;
        let store = tx.object_store(PEOPLE).map_err(|e| js_error("reading people", &e))?;
        let request = match index {
            Some(name) => store.index(name).and_then(|i| i.get(&key.into())),
            None => store.get(&key.into()),
        }
        .map_err(|e| js_error("reading people", &e))?;
        let value = finish(&request, "reading people").await?;
        if value.is_undefined() {
            return Ok(None);
        }
        decode(value, "person").map(Some)
    }
}

impl Store for IdbStore {
    async fn person(&self, id: &str) -> Result<Option<Person>, StoreError> {
        self.get_person(None, id).await
    }

    async fn person_by_identity(&self, key: &str) -> Result<Option<Person>, StoreError> {
        self.get_person(Some("identity"), key).await
    }

    async fn save(&self, person: &Person, interaction: Option<&Interaction>) -> Result<(), StoreError> {
        let tx = self.tx(&[PEOPLE, INTERACTIONS], true)?;
        let record = to_js(person);
        let keys: Array = person.identity_keys().into_iter().map(JsValue::from).collect();
        let _ = Reflect::set(&record, &"keys".into(), &keys);
        let people = tx.object_store(PEOPLE).map_err(|e| js_error("saving a person", &e))?;
        people.put(&record).map_err(|e| js_error("saving a person", &e))?;
        if let Some(interaction) = interaction {
            let record = to_js(interaction);
            let time = interaction.at.timestamp_millis() as f64;
            let _ = Reflect::set(&record, &"t".into(), &time.into());
            let store = tx.object_store(INTERACTIONS).map_err(|e| js_error("saving an interaction", &e))?;
            store.put(&record).map_err(|e| js_error("saving an interaction", &e))?;
        }
        committed(&tx, "saving").await
    }

    async fn withdraw(&self, interaction_id: &str) -> Result<bool, StoreError> {
        let tx = self.tx(&[INTERACTIONS], true)?;
        let store = tx.object_store(INTERACTIONS).map_err(|e| js_error("withdrawing", &e))?;
        let count = store.count_with_key(&interaction_id.into()).map_err(|e| js_error("withdrawing", &e))?;
        store.delete(&interaction_id.into()).map_err(|e| js_error("withdrawing", &e))?;
        committed(&tx, "withdrawing").await?;
        Ok(count.result().ok().and_then(|c| c.as_f64()).unwrap_or(0.0) > 0.0)
    }

    async fn interactions_of(&self, person_id: &str) -> Result<Vec<Interaction>, StoreError> {
        let tx = self.tx(&[INTERACTIONS], false)?;
        let request = tx
            .object_store(INTERACTIONS)
            .and_then(|s| s.index("person"))
            .and_then(|i| i.get_all_with_key(&person_id.into()))
            .map_err(|e| js_error("reading interactions", &e))?;
        let all: Array = finish(&request, "reading interactions").await?.unchecked_into();
        let mut list = all.iter().map(|v| decode::<Interaction>(v, "interaction")).collect::<Result<Vec<_>, _>>()?;
        list.sort_by_key(|i| i.at);
        Ok(list)
    }

    async fn latest(&self, limit: usize) -> Result<Vec<Interaction>, StoreError> {
        let tx = self.tx(&[INTERACTIONS], false)?;
        let request = tx
            .object_store(INTERACTIONS)
            .and_then(|s| s.index("time"))
            .and_then(|i| i.open_cursor_with_range_and_direction(&JsValue::NULL, IdbCursorDirection::Prev))
            .map_err(|e| js_error("reading interactions", &e))?;
        let mut list = Vec::new();
        while list.len() < limit {
            let cursor = finish(&request, "reading interactions").await?;
            let Ok(cursor) = cursor.dyn_into::<IdbCursorWithValue>() else { break };
            let value = cursor.value().map_err(|e| js_error("reading interactions", &e))?;
            list.push(decode::<Interaction>(value, "interaction")?);
            cursor.continue_().map_err(|e| js_error("reading interactions", &e))?;
        }
        Ok(list)
    }
}
