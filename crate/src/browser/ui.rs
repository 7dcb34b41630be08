//! The extension pages: the overlay card shown on a profile, and the popup.
//! Each asks the background for a view the core computed and lays it out.

use super::dom::{append, el};
use super::{now, to_js};
use crate::card::{ago, Card, RecentPerson};
use crate::messages::Request;
use crate::model::Site;
use js_sys::{Function, Reflect};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element};

/// The page's connection to the rest of the extension, given by its script.
struct Hooks(JsValue);

impl Hooks {
    fn function(&self, name: &str) -> Result<Function, JsValue> {
        Reflect::get(&self.0, &name.into())?.dyn_into().map_err(|_| JsValue::from_str(&format!("no {name} hook")))
    }

    async fn ask(&self, request: &Request) -> Result<JsValue, JsValue> {
        let promise = self.function("send")?.call1(&JsValue::NULL, &to_js(request))?;
        JsFuture::from(js_sys::Promise::resolve(&promise)).await
    }
}

/// The answers the pages read; the core's `Response` seen from this side.
#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Answer {
    Card { card: CardView },
    Recent { people: Vec<RecentView> },
    Error { message: String },
}

#[derive(Deserialize)]
struct CardView {
    handle: String,
    name: String,
    site: Site,
    known: bool,
    total: usize,
    breakdown: String,
    last_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Deserialize)]
struct RecentView {
    name: String,
    site: Site,
    handle: String,
    last_kind: crate::model::Kind,
    last_at: chrono::DateTime<chrono::Utc>,
}

// The core serialises these; keep the views in step with them.
const _: fn(Card, RecentPerson) = |_, _| {};

fn document() -> Result<Document, JsValue> {
    web_sys::window().and_then(|w| w.document()).ok_or_else(|| "no document".into())
}

fn body(doc: &Document) -> Result<Element, JsValue> {
    doc.body().map(Element::from).ok_or_else(|| "no body".into())
}

fn parse(answer: JsValue) -> Result<Answer, String> {
    serde_wasm_bindgen::from_value(answer).map_err(|e| format!("Kindling got an answer it did not understand: {e}"))
}

fn show_error(doc: &Document, root: &Element, message: &str) -> Result<(), JsValue> {
    root.set_text_content(None);
    let p = el(doc, "p", "error", message)?;
    p.set_attribute("role", "alert")?;
    append(root, &[&p])
}

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

/// Render the popup: the people engaged with most recently.
#[wasm_bindgen]
pub async fn show_popup(hooks: JsValue) -> Result<(), JsValue> {
    let hooks = Hooks(hooks);
    let doc = document()?;
    let root = body(&doc)?;
    match parse(hooks.ask(&Request::Recent { limit: 8 }).await?) {
        Ok(Answer::Recent { people }) => render_recent(&doc, &root, &people),
        Ok(Answer::Error { message }) | Err(message) => show_error(&doc, &root, &message),
        Ok(_) => show_error(&doc, &root, "Kindling got an answer meant for another page."),
    }
}

fn render_recent(doc: &Document, root: &Element, people: &[RecentView]) -> Result<(), JsValue> {
    root.set_text_content(None);
    let title = el(doc, "h1", "brand", "Kindling")?;
    let heading = el(doc, "h2", "", "Recently")?;
    append(root, &[&title, &heading])?;
    if people.is_empty() {
        let empty = "Nobody yet. Like, reply to or visit someone on X and they will show up here.";
        return append(root, &[&el(doc, "p", "empty", empty)?]);
    }
    let list = el(doc, "ul", "people", "")?;
    let now = now();
    for person in people {
        let item = el(doc, "li", "", "")?;
        let name = el(doc, "span", "name", &person.name)?;
        let account = el(doc, "span", "account", &format!("@{} on {}", person.handle, person.site.label()))?;
        let what = format!("{} · {}", person.last_kind.words().0, ago(person.last_at, now));
        let last = el(doc, "span", "last", &what)?;
        append(&item, &[&name, &account, &last])?;
        append(&list, &[&item])?;
    }
    append(root, &[&list])
}
