//! The only module that touches wasm-bindgen, web-sys and js-sys: the
//! background's message dispatcher, the IndexedDB store, and the UI of the
//! extension pages. It holds no decisions; those live in the core.

#[cfg(feature = "background")]
mod background;
#[cfg(feature = "card")]
mod dom;
#[cfg(feature = "background")]
mod idb;
#[cfg(feature = "background")]
mod sync;
#[cfg(feature = "card")]
mod ui;

use chrono::{DateTime, Utc};
use serde::Serialize;
use wasm_bindgen::JsValue;

/// Values cross to JavaScript as plain objects, as `runtime.sendMessage`
/// must be able to clone them: written as JSON text here and parsed by the
/// browser's own `JSON.parse`, one call instead of one per field (and one
/// serializer in the wasm for every type, not two).
fn to_js<T: Serialize>(value: &T) -> JsValue {
    serde_json::to_string(value).ok().and_then(|text| js_sys::JSON::parse(&text).ok()).unwrap_or(JsValue::NULL)
}

/// A value from JavaScript, as the JSON text the browser's own
/// `JSON.stringify` writes of it, decoded as `T`; a lone surrogate in a
/// string (half an emoji a page cut) is read as U+FFFD. Whatever JSON cannot
/// write (a function, a cycle, a `BigInt`) is refused.
fn from_js<T: serde::de::DeserializeOwned>(value: &JsValue) -> Result<T, String> {
    let text = js_sys::JSON::stringify(value).map_err(|_| "not JSON".to_owned())?;
    let text = text.as_string().ok_or_else(|| "not JSON".to_owned())?;
    serde_json::from_str(&crate::service::messages::well_formed_json(&text)).map_err(|e| e.to_string())
}

fn now() -> DateTime<Utc> {
    // The clock is read here, at the edge; the core takes `now` as input.
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}
