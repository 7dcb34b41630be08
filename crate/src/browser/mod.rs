//! The only module that touches wasm-bindgen, web-sys and js-sys: the
//! background's message dispatcher, the IndexedDB store, and the UI of the
//! extension pages. It holds no decisions; those live in the core.

mod background;
mod dom;
mod idb;
mod ui;

use chrono::{DateTime, Utc};
use serde::Serialize;
use wasm_bindgen::JsValue;

/// Values cross to JavaScript as plain objects (not `Map`s), as
/// `runtime.sendMessage` must be able to clone them.
fn to_js<T: Serialize>(value: &T) -> JsValue {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

fn now() -> DateTime<Utc> {
    // The clock is read here, at the edge; the core takes `now` as input.
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}
