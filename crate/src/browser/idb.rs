//! The record in IndexedDB, in the extension's own origin: content scripts run
//! in the page's origin and cannot open it (unlike `storage.local`, which they
//! can read in Firefox). Writes use `durability: "strict"`, so a write has
//! reached the disk when its transaction completes, before the background
//! answers the message that caused it.

use super::{from_js, to_js};
use crate::store::{
    Backend, Index, Op, Raw, StoreError, BY_TIME, DIGESTS, INDEXES, INTERACTIONS, META, PEOPLE, QUARANTINE,
};
use js_sys::{Array, Function, Promise, Reflect};
use serde_json::Value;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Event, EventTarget, IdbCursorDirection, IdbCursorWithValue, IdbDatabase, IdbFactory, IdbIndexParameters,
    IdbObjectStoreParameters, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode,
};

const DB_NAME: &str = "kindling";
/// The IndexedDB version: bumped when stores or indexes change. Schema 1
/// records lived in IndexedDB version 1; version 3 added the digests.
const IDB_VERSION: u32 = 3;

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
    // Both browsers name a refused write "QuotaExceededError", on the request or the transaction.
    if Reflect::get(value, &"name".into()).ok().and_then(|n| n.as_string()).as_deref() == Some("QuotaExceededError") {
        return StoreError::Full;
    }
    let detail = Reflect::get(value, &"message".into()).ok().and_then(|m| m.as_string());
    StoreError::Failed(format!("{context} ({})", detail.unwrap_or_else(|| format!("{value:?}"))))
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

fn to_json(value: JsValue, what: &str) -> Result<Value, StoreError> {
    from_js(&value).map_err(|e| StoreError::Failed(format!("{what}: {e}")))
}

/// Many records at once: the browser's own `JSON.stringify` over the whole
/// array and one parse in wasm (5,000 people field by field through
/// wasm-bindgen took ~430 ms). A list that does not come back whole (a
/// value `JSON` cannot write: none of Kindling's records) is read one
/// record at a time, so the error names the record.
fn many_to_json(values: &Array, what: &str) -> Result<Vec<Value>, StoreError> {
    if let Ok(list) = from_js::<Vec<Value>>(values) {
        if list.len() == values.length() as usize {
            return Ok(list);
        }
    }
    values.iter().map(|value| to_json(value, what)).collect()
}

fn key_text(key: &JsValue) -> String {
    key.as_string().or_else(|| key.as_f64().map(|n| n.to_string())).unwrap_or_default()
}

/// Create or change the object stores and indexes (not the records: those
/// are brought forward by `Records::open`, in an ordinary transaction).
fn upgrade(db: &IdbDatabase, tx: &IdbTransaction, old_version: f64) -> Result<(), JsValue> {
    let keyed = || {
        let p = IdbObjectStoreParameters::new();
        p.set_key_path(&"id".into());
        p
    };
    if old_version < 1.0 {
        db.create_object_store_with_optional_parameters(PEOPLE, &keyed())?;
        db.create_object_store_with_optional_parameters(INTERACTIONS, &keyed())?;
    }
    if old_version < 2.0 {
        db.create_object_store_with_optional_parameters(META, &keyed())?;
        db.create_object_store_with_optional_parameters(QUARANTINE, &keyed())?;
        for index in INDEXES {
            let store = tx.object_store(index.store)?;
            // Schema 1 indexed interactions by `person`; schema 2 by `p`.
            if store.index_names().contains(index.name) {
                store.delete_index(index.name)?;
            }
            let params = IdbIndexParameters::new();
            params.set_multi_entry(index.multi);
            store.create_index_with_str_and_optional_parameters(index.name, index.field, &params)?;
        }
    }
    if old_version < 3.0 {
        db.create_object_store_with_optional_parameters(DIGESTS, &keyed())?;
    }
    Ok(())
}

/// The IndexedDB `Backend`: database `kindling` in the extension's origin.
#[derive(Clone)]
pub struct IdbBackend {
    db: IdbDatabase,
}

impl IdbBackend {
    /// Open (and create or upgrade) the database, reusing the open connection.
    pub async fn open() -> Result<IdbBackend, StoreError> {
        if let Some(db) = DB.with(|d| d.borrow().clone()) {
            return Ok(IdbBackend { db });
        }
        let factory: IdbFactory = Reflect::get(&js_sys::global(), &"indexedDB".into())
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or_else(|| StoreError::Failed("IndexedDB is not available in this browser profile".into()))?;
        let request: IdbOpenDbRequest =
            factory.open_with_u32(DB_NAME, IDB_VERSION).map_err(|e| js_error("opening the database", &e))?;
        let on_upgrade = Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new({
            let request = request.clone();
            move |event: web_sys::IdbVersionChangeEvent| {
                let db = request.result().ok().and_then(|r| r.dyn_into::<IdbDatabase>().ok());
                let Some(tx) = request.transaction() else { return };
                // A failed upgrade aborts: the database stays as it was.
                if db.is_none_or(|db| upgrade(&db, &tx, event.old_version()).is_err()) {
                    let _ = tx.abort();
                }
            }
        });
        request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
        let opened = finish(&request, "opening the database").await;
        request.set_onupgradeneeded(None);
        let db: IdbDatabase = opened?.dyn_into().map_err(|e| js_error("opening the database", &e))?;
        DB.with(|d| *d.borrow_mut() = Some(db.clone()));
        Ok(IdbBackend { db })
    }

    /// Take `db`, a connection the background opened while the core was
    /// starting, if it is the database at the version this core expects;
    /// otherwise close it and let `open` open (and upgrade) the database.
    pub fn adopt(db: IdbDatabase) {
        let fits = db.name() == DB_NAME && db.version() == f64::from(IDB_VERSION);
        // One connection is kept: a second one is closed, not left open.
        let kept = fits && DB.with(|d| d.borrow_mut().get_or_insert_with(|| db.clone()) == &db);
        if !kept {
            db.close();
        }
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
}

impl Backend for IdbBackend {
    async fn get(&self, store: &str, key: &str) -> Result<Option<Value>, StoreError> {
        let tx = self.tx(&[store], false)?;
        let request = tx.object_store(store).and_then(|s| s.get(&key.into())).map_err(|e| js_error("reading", &e))?;
        let value = finish(&request, "reading").await?;
        if value.is_undefined() {
            return Ok(None);
        }
        to_json(value, "reading").map(Some)
    }

    async fn get_many(&self, store: &str, keys: &[String]) -> Result<Vec<Option<Value>>, StoreError> {
        let tx = self.tx(&[store], false)?;
        let object_store = tx.object_store(store).map_err(|e| js_error("reading", &e))?;
        // Every read is asked for at once; their answers come in order.
        let requests: Vec<IdbRequest> = keys
            .iter()
            .map(|key| object_store.get(&JsValue::from_str(key)))
            .collect::<Result<_, _>>()
            .map_err(|e| js_error("reading", &e))?;
        let mut found = Vec::with_capacity(requests.len());
        for request in &requests {
            let value = finish(request, "reading").await?;
            found.push(if value.is_undefined() { None } else { Some(to_json(value, "reading")?) });
        }
        Ok(found)
    }

    async fn get_all(&self, store: &str, index: Option<(&Index, &str)>) -> Result<Vec<Raw>, StoreError> {
        let tx = self.tx(&[store], false)?;
        let object_store = tx.object_store(store).map_err(|e| js_error("reading", &e))?;
        // Keys and values of the same range in one transaction come in the
        // same order.
        let (keys, values) = match index {
            Some((index, key)) => {
                let index = object_store.index(index.name).map_err(|e| js_error("reading", &e))?;
                let key = JsValue::from_str(key);
                (index.get_all_keys_with_key(&key), index.get_all_with_key(&key))
            }
            None => (object_store.get_all_keys(), object_store.get_all()),
        };
        let keys = keys.map_err(|e| js_error("reading", &e))?;
        let values = values.map_err(|e| js_error("reading", &e))?;
        let keys: Array = finish(&keys, "reading").await?.unchecked_into();
        let values: Array = finish(&values, "reading").await?.unchecked_into();
        let values = many_to_json(&values, "reading")?;
        Ok(keys.iter().zip(values).map(|(key, value)| Raw { key: key_text(&key), value }).collect())
    }

    async fn texts(&self, store: &str, field: &str) -> Result<Vec<(String, Option<String>)>, StoreError> {
        let tx = self.tx(&[store], false)?;
        let object_store = tx.object_store(store).map_err(|e| js_error("reading", &e))?;
        let keys = object_store.get_all_keys().map_err(|e| js_error("reading", &e))?;
        let values = object_store.get_all().map_err(|e| js_error("reading", &e))?;
        let keys: Array = finish(&keys, "reading").await?.unchecked_into();
        let values: Array = finish(&values, "reading").await?.unchecked_into();
        let field = JsValue::from_str(field);
        Ok(keys
            .iter()
            .zip(values.iter())
            .map(|(key, value)| (key_text(&key), Reflect::get(&value, &field).ok().and_then(|v| v.as_string())))
            .collect())
    }

    async fn count(&self, store: &str) -> Result<usize, StoreError> {
        let tx = self.tx(&[store], false)?;
        let request = tx.object_store(store).and_then(|s| s.count()).map_err(|e| js_error("counting", &e))?;
        let n = finish(&request, "counting").await?.as_f64().filter(|n| n.is_finite() && *n >= 0.0);
        // A whole number, far below usize::MAX: the cast is exact.
        n.map(|n| n as usize).ok_or_else(|| StoreError::Failed("counting (the answer was not a count)".into()))
    }

    async fn newest(&self, limit: usize) -> Result<Vec<Raw>, StoreError> {
        let tx = self.tx(&[INTERACTIONS], false)?;
        let request = tx
            .object_store(INTERACTIONS)
            .and_then(|s| s.index(BY_TIME.name))
            .and_then(|i| i.open_cursor_with_range_and_direction(&JsValue::NULL, IdbCursorDirection::Prev))
            .map_err(|e| js_error("reading interactions", &e))?;
        let mut list = Vec::new();
        while list.len() < limit {
            let cursor = finish(&request, "reading interactions").await?;
            let Ok(cursor) = cursor.dyn_into::<IdbCursorWithValue>() else { break };
            let key = cursor.primary_key().map_err(|e| js_error("reading interactions", &e))?;
            let value = cursor.value().map_err(|e| js_error("reading interactions", &e))?;
            list.push(Raw { key: key_text(&key), value: to_json(value, "reading interactions")? });
            if list.len() < limit {
                cursor.continue_().map_err(|e| js_error("reading interactions", &e))?;
            }
        }
        Ok(list)
    }

    async fn write(&self, ops: Vec<Op>) -> Result<(), StoreError> {
        let mut stores: Vec<&str> = ops
            .iter()
            .map(|op| match op {
                Op::Put { store, .. } | Op::Delete { store, .. } | Op::Clear { store } => *store,
            })
            .collect();
        crate::model::order::sort(&mut stores);
        stores.dedup();
        if stores.is_empty() {
            return Ok(());
        }
        let tx = self.tx(&stores, true)?;
        for op in ops {
            let done = match op {
                Op::Put { store, value } => tx.object_store(store).and_then(|s| s.put(&to_js(&value))).map(drop),
                Op::Delete { store, key } => tx.object_store(store).and_then(|s| s.delete(&key.into())).map(drop),
                Op::Clear { store } => tx.object_store(store).and_then(|s| s.clear()).map(drop),
            };
            if let Err(e) = done {
                let _ = tx.abort();
                return Err(js_error("saving", &e));
            }
        }
        committed(&tx, "saving").await
    }
}
