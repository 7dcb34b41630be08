//! Sync's edge (issue 24): the browser's `storage.sync`, given by
//! background.js as an object with `read()` and `write(set, remove)`, and
//! the browser's secure random numbers (`crypto.getRandomValues`).

use super::{from_js, to_js};
use crate::sync::area::{Area, AreaError, Items};
use js_sys::{Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// background.js's adapter of `storage.sync` (Kindling's items only).
    pub type SyncArea;

    #[wasm_bindgen(method, catch)]
    fn read(this: &SyncArea) -> Result<Promise, JsValue>;

    #[wasm_bindgen(method, catch)]
    fn write(this: &SyncArea, set: JsValue, remove: JsValue) -> Result<Promise, JsValue>;
}

/// What the browser said, as an area error: its quota errors name the
/// quota ("QUOTA_BYTES quota exceeded", "MAX_WRITE_OPERATIONS_PER_HOUR …").
fn area_error(e: JsValue) -> AreaError {
    let text = Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string()).or_else(|| e.as_string());
    let text = text.unwrap_or_else(|| "unknown".into());
    match text.split_whitespace().find(|w| w.starts_with("QUOTA_") || w.starts_with("MAX_")) {
        Some(quota) => AreaError::Quota(quota.to_owned()),
        None => AreaError::Failed(text),
    }
}

impl Area for SyncArea {
    async fn read(&self) -> Result<Items, AreaError> {
        let items = JsFuture::from(SyncArea::read(self).map_err(area_error)?).await.map_err(area_error)?;
        from_js(&items).map_err(AreaError::Failed)
    }

    async fn write(&self, set: Items, remove: Vec<String>) -> Result<(), AreaError> {
        let promise = SyncArea::write(self, to_js(&set), to_js(&remove)).map_err(area_error)?;
        JsFuture::from(promise).await.map(drop).map_err(area_error)
    }
}

/// Fill `buf` from the browser's secure random numbers. Without them
/// (never in a browser Kindling supports) the bytes stay zero and sync's
/// setup fails on its own check rather than seal with a known nonce.
pub fn random(buf: &mut [u8]) {
    let array = Uint8Array::new_with_length(buf.len() as u32);
    let filled = Reflect::get(&js_sys::global(), &"crypto".into())
        .and_then(|crypto| {
            let get = Reflect::get(&crypto, &"getRandomValues".into())?.dyn_into::<js_sys::Function>()?;
            get.call1(&crypto, &array)
        })
        .is_ok();
    if filled {
        array.copy_to(buf);
    }
}
