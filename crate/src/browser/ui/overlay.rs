//! The card shown on a profile page, inside an iframe of Kindling's origin.

use super::{body, document, parse, show_error, Answer, CardView, Hooks};
use crate::browser::dom::{append, el};
use crate::browser::now;
use crate::card::ago;
use crate::messages::Request;
use crate::model::Site;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

/// Which account the overlay is for: the page's fragment is `#site/handle`.
fn account_from_hash(hash: &str) -> Option<(Site, String)> {
    let (site, handle) = hash.strip_prefix('#')?.split_once('/')?;
    let site: Site = serde_json::from_value(serde_json::Value::String(site.to_owned())).ok()?;
    let handle = js_sys::decode_uri_component(handle).ok()?.as_string()?;
    (!handle.is_empty()).then_some((site, handle))
}

/// Render the overlay card. `hooks` has `send(message) → Promise`,
/// `close()` and `resize(height)`.
#[wasm_bindgen]
pub async fn show_overlay(hooks: JsValue) -> Result<(), JsValue> {
    let hooks = Hooks(hooks);
    let doc = document()?;
    let root = body(&doc)?;
    let hash = web_sys::window().map(|w| w.location().hash().unwrap_or_default()).unwrap_or_default();
    let answer = match account_from_hash(&hash) {
        None => Err("This card was opened without an account to show.".to_owned()),
        Some((site, handle)) => parse(hooks.ask(&Request::Card { site, handle }).await?),
    };
    match answer {
        Ok(Answer::Card { card }) => render_card(&doc, &root, &card, &hooks)?,
        Ok(Answer::Error { message }) | Err(message) => show_error(&doc, &root, &message)?,
        Ok(_) => show_error(&doc, &root, "Kindling got an answer meant for another page.")?,
    }
    let height = root.scroll_height();
    hooks.function("resize")?.call1(&JsValue::NULL, &height.into())?;
    Ok(())
}

fn render_card(doc: &Document, root: &Element, card: &CardView, hooks: &Hooks) -> Result<(), JsValue> {
    root.set_text_content(None);
    let article = el(doc, "article", "card", "")?;
    article.set_attribute("aria-label", "Kindling")?;
    let header = el(doc, "header", "", "")?;
    let brand = el(doc, "span", "brand", "Kindling")?;
    let close = el(doc, "button", "close", "×")?;
    close.set_attribute("type", "button")?;
    close.set_attribute("aria-label", "Hide Kindling on this page")?;
    let on_close = hooks.function("close")?;
    let handler = Closure::<dyn FnMut()>::new(move || {
        let _ = on_close.call0(&JsValue::NULL);
    });
    close.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref())?;
    // The button lives as long as the page; so does its handler.
    handler.forget();
    append(&header, &[&brand, &close])?;

    let name = el(doc, "h1", "name", &card.name)?;
    let account = el(doc, "p", "account", &format!("@{} on {}", card.handle, card.site.label()))?;
    let history = if card.known {
        let noun = if card.total == 1 { "interaction" } else { "interactions" };
        el(doc, "p", "history", &format!("{} {noun}: {}", card.total, card.breakdown))?
    } else {
        el(doc, "p", "history", "No history yet. Kindling notes your likes, replies and visits as you go.")?
    };
    append(&article, &[&header, &name, &account, &history])?;
    if let Some(last) = card.last_at {
        append(&article, &[&el(doc, "p", "last", &format!("Last: {}", ago(last, now())))?])?;
    }
    append(root, &[&article])
}
