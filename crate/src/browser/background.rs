//! The background's message handler: classify the sender from the browser's
//! own sender record, parse the request, and let the core answer.

use super::{from_js, idb::IdbBackend, now, to_js};
use crate::model::text::Text;
use crate::service;
use crate::service::messages::{Response, Sender};
use wasm_bindgen::prelude::*;

/// Answer one `runtime.onMessage` message. `sender` is the browser's
/// `MessageSender`; `self_id` and `self_origin` are this extension's id and
/// URL origin (`chrome-extension://…/`).
#[wasm_bindgen]
/// `shown` is, for a message from the card's frame in a tab, the profile
/// that tab's content script says its top frame shows (`[site, handle]`,
/// or null): the only account the frame may ask for.
pub async fn handle_message(
    message: JsValue,
    sender: JsValue,
    self_id: String,
    self_origin: String,
    shown: JsValue,
    area: super::sync::SyncArea,
) -> JsValue {
    let shown: Option<(String, String)> = from_js(&shown).ok().flatten();
    let answer = match classify(&sender, &self_id, &self_origin) {
        None => Response::Error { message: Text::new("error_not_ours") },
        Some(who) => match from_js::<crate::service::messages::Request>(&message) {
            // Never the decoder's words: they quote the message, which a page
            // may have written (issue 21).
            Err(_) => Response::Error { message: Text::new("error_malformed") },
            Ok(request)
                if who == Sender::ContentScript
                    && !request.from_its_page(&field(&sender, "url").unwrap_or_default()) =>
            {
                Response::Error { message: Text::new("error_not_ours") }
            }
            Ok(request)
                if who == Sender::CardFrame
                    && !request.for_card_frame(shown.as_ref().map(|(s, h)| (s.as_str(), h.as_str()))) =>
            {
                Response::Error { message: Text::new("error_not_ours") }
            }
            Ok(request) => match IdbBackend::open().await {
                // Sync's requests get the browser's sync storage (issue 24).
                Ok(backend) if request.is_sync() => {
                    service::sync::handle_sync(backend, &area, &mut super::sync::random, who, request, now()).await
                }
                Ok(backend) => service::handle_from_tab(backend, who, tab_of(&sender), request, now()).await,
                Err(e) => Response::Error { message: service::storage_failure(e) },
            },
        },
    };
    to_js(&answer)
}

/// Use the record's connection the background opened while the core was
/// starting (or close it, if the core must upgrade the database first).
#[wasm_bindgen]
pub fn adopt_database(db: web_sys::IdbDatabase) {
    IdbBackend::adopt(db);
}

/// The Mastodon instances the user added (hostnames), or an empty list when
/// the store cannot be read: then no extra content script is registered.
#[wasm_bindgen]
pub async fn mastodon_instances() -> JsValue {
    let hosts = match IdbBackend::open().await {
        Ok(backend) => service::added_instances(backend, now()).await.unwrap_or_default(),
        Err(_) => Vec::new(),
    };
    to_js(&hosts)
}

/// The background's alarm (or a change, or a start): the notifications
/// due now, recorded as sent, the time of the next, and the toolbar
/// badge's count (`service::reminders`). `offset` is the user's offset
/// from UTC in minutes (as `-new Date().getTimezoneOffset()`); `notify`,
/// whether the browser lets the background show notifications.
#[wasm_bindgen]
pub async fn remind(offset: i32, notify: bool) -> JsValue {
    let request = crate::service::messages::Request::Remind { offset, notify };
    let answer = match IdbBackend::open().await {
        Ok(backend) => service::handle(backend, Sender::Background, request, now()).await,
        Err(e) => Response::Error { message: service::storage_failure(e) },
    };
    to_js(&answer)
}

/// A sync round of the background's own (after a change, at a start, when
/// another device wrote): nothing at all while sync is off.
#[wasm_bindgen]
pub async fn sync_now(area: super::sync::SyncArea) -> JsValue {
    let request = crate::service::messages::Request::SyncNow {};
    let answer = match IdbBackend::open().await {
        Ok(backend) => {
            service::sync::handle_sync(backend, &area, &mut super::sync::random, Sender::Background, request, now())
                .await
        }
        Err(e) => Response::Error { message: service::storage_failure(e) },
    };
    to_js(&answer)
}

/// The id of the tab a message came from, if it came from one.
fn tab_of(sender: &JsValue) -> Option<i64> {
    let tab = js_sys::Reflect::get(sender, &JsValue::from_str("tab")).ok()?;
    let id = js_sys::Reflect::get(&tab, &JsValue::from_str("id")).ok()?.as_f64()?;
    // Tab ids are small integers.
    (id.fract() == 0.0 && id.abs() < 9.0e15).then_some(id as i64)
}

fn field(object: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(object, &JsValue::from_str(name)).ok()?.as_string()
}

/// Who sent a message. Extension pages are recognised by their URL's origin
/// (Chromium's rule: trust the origin, not anything the message says);
/// content scripts by running in a tab of a web page.
fn classify(sender: &JsValue, self_id: &str, self_origin: &str) -> Option<Sender> {
    if field(sender, "id").as_deref() != Some(self_id) {
        return None;
    }
    let url = field(sender, "url").unwrap_or_default();
    let in_tab = js_sys::Reflect::get(sender, &JsValue::from_str("tab")).is_ok_and(|tab| tab.is_object());
    if let Some(page) = url.strip_prefix(self_origin) {
        // The card's frame lives in web pages; the popup's card opened in a
        // tab is `popup.html`.
        let card_frame = in_tab && page.split(['?', '#']).next() == Some("overlay.html");
        return Some(if card_frame { Sender::CardFrame } else { Sender::ExtensionPage });
    }
    (in_tab && url.starts_with("https://")).then_some(Sender::ContentScript)
}
