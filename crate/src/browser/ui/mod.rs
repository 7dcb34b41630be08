//! The extension pages: the overlay card shown on a profile, the popup and
//! the options page. Each asks the background for a view the core computed
//! and lays it out; none of them decides anything. The card frame's own
//! module (feature `card` alone) has the card only: the popup's and the
//! options page's views are unused there.
#![cfg_attr(not(feature = "ui"), allow(dead_code))]

mod card;
#[cfg(feature = "ui")]
mod options;
#[cfg(feature = "ui")]
mod popup;
#[cfg(feature = "ui")]
mod results;
#[cfg(feature = "ui")]
mod suggestions;

use super::dom::{append, el};
use super::to_js;
use crate::engine::card::Card;
use crate::engine::search::RecentPerson;
use crate::model::text::Text;
use crate::model::Site;
use crate::service::messages::Request;
use js_sys::{Array, Function, Reflect};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element, HtmlAnchorElement};

#[wasm_bindgen]
extern "C" {
    /// The page's connection to the rest of the extension, given by its
    /// script (overlay.js, popup.js, options.js): each page gives the hooks
    /// it has. Calling one a page lacks is an error (`catch`), not a panic.
    #[derive(Clone)]
    pub(super) type Hooks;
    /// `send(message) → Promise<answer>`: a request to the background.
    #[wasm_bindgen(method, catch, js_name = send)]
    fn send_message(this: &Hooks, message: &JsValue) -> Result<JsValue, JsValue>;
    /// `account() → "site/handle"`: the account the card shows.
    #[wasm_bindgen(method, catch)]
    pub(super) fn account(this: &Hooks) -> Result<JsValue, JsValue>;
    /// `clickable(event) → bool`: whether a click on the card may act.
    #[wasm_bindgen(method, catch)]
    pub(super) fn clickable(this: &Hooks, event: &web_sys::Event) -> Result<JsValue, JsValue>;
    /// `shown(redraw)`, `changed(redraw)`: when to draw the card again.
    #[wasm_bindgen(method, catch)]
    pub(super) fn shown(this: &Hooks, redraw: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    pub(super) fn changed(this: &Hooks, redraw: &JsValue) -> Result<(), JsValue>;
    /// `drawn()`: the card is on screen (a mark for the benchmarks).
    #[wasm_bindgen(method, catch)]
    pub(super) fn drawn(this: &Hooks) -> Result<(), JsValue>;
    /// `copy(text) → Promise<bool>`: the text is on the clipboard.
    #[wasm_bindgen(method, catch)]
    pub(super) fn copy(this: &Hooks, text: &str) -> Result<JsValue, JsValue>;
    /// On a page only: `open(account)` (the card in the popup), `close()`,
    /// `folded(bool)` (the frame's size).
    #[wasm_bindgen(method, getter, js_name = open)]
    pub(super) fn open_hook(this: &Hooks) -> JsValue;
    #[wasm_bindgen(method, catch)]
    pub(super) fn open(this: &Hooks, account: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch)]
    pub(super) fn close(this: &Hooks) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch)]
    pub(super) fn folded(this: &Hooks, folded: bool) -> Result<JsValue, JsValue>;
    /// The popup's: the options page, the toolbar's problem, the tab.
    #[wasm_bindgen(method, catch, js_name = openOptions)]
    pub(super) fn open_options(this: &Hooks) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch)]
    pub(super) fn problem(this: &Hooks) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = clearProblem)]
    pub(super) fn clear_problem(this: &Hooks) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = tabStatus)]
    pub(super) fn tab_status(this: &Hooks) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = checkPage)]
    pub(super) fn check_page(this: &Hooks) -> Result<JsValue, JsValue>;
    /// The options page's: access to one Mastodon instance, asked or given up.
    #[wasm_bindgen(method, catch)]
    pub(super) fn request_host(this: &Hooks, origin: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch)]
    pub(super) fn forget_host(this: &Hooks, origin: &str) -> Result<JsValue, JsValue>;
    /// Reminders' permissions (`alarms`, `notifications`): asked while the
    /// user's click is handled (options page, card), or given back.
    #[wasm_bindgen(method, catch)]
    pub(super) fn request_reminders(this: &Hooks) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch)]
    pub(super) fn forget_reminders(this: &Hooks) -> Result<JsValue, JsValue>;
}

impl Hooks {
    /// Ask the background, and wait for its answer.
    pub async fn ask(&self, request: &Request) -> Result<JsValue, JsValue> {
        let promise = self.send_message(&to_js(request))?;
        JsFuture::from(js_sys::Promise::resolve(&promise)).await
    }
}

/// The answers the pages read; the core's `Response` seen from this side.
#[derive(Deserialize)]
#[serde(remote = "Self", rename_all = "snake_case")]
// One answer at a time, read and dropped: the card's size is no concern.
#[allow(clippy::large_enum_variant)]
pub(super) enum Answer {
    Card {
        card: CardView,
    },
    // The popup's and the options page's answers: not decoded in the card
    // frame's module (one decoder per type is most of serde_json's size).
    #[cfg(feature = "ui")]
    Recent {
        people: Vec<RecentView>,
    },
    #[cfg(feature = "ui")]
    Today {
        items: Vec<AgendaView>,
    },
    #[cfg(feature = "ui")]
    Status {
        status: options::StatusView,
    },
    #[cfg(feature = "ui")]
    People {
        people: Vec<options::PersonView>,
    },
    Found {
        people: Vec<crate::engine::search::Found>,
    },
    #[cfg(feature = "ui")]
    Listed {
        people: Vec<ListedView>,
        more: usize,
        tags: Vec<String>,
        #[serde(default)]
        suggestions: Vec<SuggestedView>,
    },
    #[cfg(feature = "ui")]
    Sync {
        sync: options::sync::SyncStateView,
    },
    #[cfg(feature = "ui")]
    Results {
        results: Box<crate::engine::results::Results>,
    },
    #[cfg(feature = "ui")]
    Recording {
        paused: bool,
    },
    #[cfg(feature = "ui")]
    PageCheck {
        lines: Vec<Text>,
        markers: Vec<Text>,
        report: String,
    },
    File {
        name: String,
        mime: String,
        text: String,
    },
    ReachedOut {
        interaction: String,
        message: Text,
    },
    Done {
        message: Text,
    },
    Error {
        message: Text,
    },
}
crate::model::tagged::tag_first!(Answer, "type", deserialize);

#[derive(Deserialize)]
pub(super) struct CardView {
    pub handle: String,
    #[serde(default)]
    pub person: Option<String>,
    #[serde(default)]
    pub tracked: bool,
    #[serde(default)]
    pub local: bool,
    #[serde(default)]
    pub tags: Vec<String>,
    pub name: String,
    #[serde(default)]
    pub renamed: Option<String>,
    /// People who may be the same person: the card offers the merge.
    #[serde(default)]
    pub same_as: Vec<SameAsView>,
    pub site: Site,
    pub known: bool,
    pub total: usize,
    pub breakdown: Vec<Text>,
    pub last_at: Option<chrono::DateTime<chrono::Utc>>,
    #[serde(default)]
    pub advice: Option<AdviceView>,
    #[serde(default)]
    pub identities: Vec<AccountView>,
    #[serde(default)]
    pub timeline: Vec<TimelineView>,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub ask_about: Vec<AskView>,
    pub engaged: bool,
    pub collapsed: bool,
    #[serde(default)]
    pub offer_reminders: bool,
}

#[derive(Deserialize)]
pub(super) struct AccountView {
    pub site: Site,
    pub handle: String,
    pub url: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct TimelineView {
    pub kind: crate::model::Kind,
    pub inbound: bool,
    pub at: chrono::DateTime<chrono::Utc>,
    #[serde(default)]
    pub snippet: Option<String>,
    /// Entered by hand: its id (for taking it back).
    #[serde(default)]
    pub by_hand: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct AskView {
    pub index: usize,
    pub text: String,
    pub due: bool,
    pub after: Option<chrono::NaiveDate>,
}

/// One person in the popup's list, as the popup reads it.
#[derive(Deserialize)]
pub(super) struct ListedView {
    pub name: String,
    pub accounts: Vec<(Site, String)>,
    pub stage: crate::model::Stage,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub attention: Option<Text>,
}

/// Someone who may be the same person as the card's, as the card reads it.
#[derive(Deserialize)]
pub(super) struct SameAsView {
    pub person: String,
    pub name: String,
    pub accounts: Vec<(Site, String)>,
}

/// One suggestion of whom to track, as the popup reads it.
#[derive(Deserialize)]
pub(super) struct SuggestedView {
    pub person: String,
    pub name: String,
    pub accounts: Vec<(Site, String)>,
    pub reasons: Vec<Text>,
}

/// One line of today's agenda, as the popup reads it.
#[derive(Deserialize)]
pub(super) struct AgendaView {
    pub person: String,
    pub name: String,
    #[serde(default)]
    pub account: Option<(Site, String)>,
    pub reason: crate::engine::agenda::Reason,
    pub text: Text,
    #[serde(default)]
    pub ask: Option<usize>,
}

/// The user's local date, from the browser's clock and time zone.
pub(super) fn local_today() -> Option<chrono::NaiveDate> {
    let date = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(date.get_full_year() as i32, date.get_month() + 1, date.get_date())
}

/// The pacing engine's `Advice`, as the card reads it.
#[derive(Deserialize)]
pub(super) struct AdviceView {
    pub stage: crate::model::Stage,
    pub hint: HintView,
    pub balance: Text,
    #[serde(default)]
    pub reciprocity: Option<Text>,
    pub suggestion: Option<SuggestionView>,
    pub next_step: Option<Text>,
    #[serde(default)]
    pub awaiting_answer: bool,
    #[serde(default)]
    pub plan: Option<crate::engine::pacing::Plan>,
}

#[derive(Deserialize)]
#[serde(remote = "Self", rename_all = "snake_case")]
pub(super) enum HintView {
    SlowDown { reason: Text, fine_after: chrono::DateTime<chrono::Utc> },
    Nudge { reason: Text },
    FineToEngage { left: u32 },
}
crate::model::tagged::tag_first!(HintView, "kind", deserialize);

#[derive(Deserialize)]
pub(super) struct SuggestionView {
    pub medium: crate::model::Medium,
    pub phrases: Vec<Text>,
    pub gently: bool,
}

#[derive(Deserialize)]
pub(super) struct RecentView {
    pub name: String,
    pub site: Site,
    pub handle: String,
    pub last_kind: crate::model::Kind,
    pub last_at: chrono::DateTime<chrono::Utc>,
}

// The core serialises these; keep the views in step with them.
const _: fn(Card, RecentPerson) = |_, _| {};

pub(super) fn document() -> Result<Document, JsValue> {
    web_sys::window().and_then(|w| w.document()).ok_or_else(|| "no document".into())
}

pub(super) fn body(doc: &Document) -> Result<Element, JsValue> {
    doc.body().map(Element::from).ok_or_else(|| "no body".into())
}

pub(super) fn parse(answer: JsValue) -> Result<Answer, Text> {
    super::from_js(&answer).map_err(|e| Text::new("error_answer_not_understood").with(e))
}

/// The browser's `i18n.getMessage`, found once.
fn get_message() -> Option<(JsValue, Function)> {
    let chrome = Reflect::get(&js_sys::global(), &"chrome".into()).ok()?;
    let i18n = Reflect::get(&chrome, &"i18n".into()).ok()?;
    let get = Reflect::get(&i18n, &"getMessage".into()).ok()?.dyn_into::<Function>().ok()?;
    Some((i18n, get))
}

thread_local! {
    static GET_MESSAGE: Option<(JsValue, Function)> = get_message();
    /// The extension's own catalogue, read only when the browser's is empty.
    static OWN_WORDS: std::cell::RefCell<Option<JsValue>> = const { std::cell::RefCell::new(None) };
}

/// Make sure the page has its words before it draws anything. Chromium's
/// renderer asks the browser for an extension's catalogue once and keeps
/// whatever it is given for the life of the process, an empty one too
/// (chromium/src `extensions/renderer/shared_l10n_map.cc`,
/// `SharedL10nMap::GetMapForExtension`, read 2026-12-07), and a card frame
/// made as a profile loaded has once been given an empty one (CI, Chromium
/// 156: the card showed `card_history`). Asking again never helps, so then
/// the page reads the extension's own `messages.json` for the browser's
/// language, as the browser would: `de_DE`, then `de`, then English, the
/// default locale.
async fn own_words_if_needed() {
    let browser_has = GET_MESSAGE.with(|get| {
        get.as_ref().is_some_and(|(i18n, get)| {
            get.call1(i18n, &"extName".into()).ok().and_then(|s| s.as_string()).is_some_and(|s| !s.is_empty())
        })
    });
    if browser_has {
        return;
    }
    let language = GET_MESSAGE
        .with(|get| {
            let (i18n, _) = get.as_ref()?;
            let ui = Reflect::get(i18n, &"getUILanguage".into()).ok()?.dyn_into::<Function>().ok()?;
            ui.call0(i18n).ok()?.as_string()
        })
        .unwrap_or_default()
        .replace('-', "_");
    let primary = language.split('_').next().unwrap_or_default().to_owned();
    for locale in [language.as_str(), primary.as_str(), "en"] {
        if locale.is_empty() || !locale.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(words) = read_catalogue(locale).await {
            OWN_WORDS.with(|own| *own.borrow_mut() = Some(words));
            return;
        }
    }
}

/// `_locales/<locale>/messages.json` from the extension's own files.
async fn read_catalogue(locale: &str) -> Option<JsValue> {
    let window = web_sys::window()?;
    let response = JsFuture::from(window.fetch_with_str(&format!("/_locales/{locale}/messages.json"))).await.ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.json().ok()?).await.ok().filter(JsValue::is_object)
}

/// The message `key` of a `messages.json` read by [`read_catalogue`]:
/// its placeholders filled with `args`; `None` if it has no such message.
/// Kindling's keys are written in the file as the code writes them.
fn own_message(catalogue: &JsValue, key: &str, args: &[String]) -> Option<String> {
    let entry = Reflect::get(catalogue, &key.into()).ok().filter(JsValue::is_object)?;
    let message = string_at(&entry, "message")?;
    let placeholders = Reflect::get(&entry, &"placeholders".into()).ok().filter(JsValue::is_object);
    let placeholder = |name: &str| {
        let placeholders = placeholders.as_ref()?;
        let named = js_sys::Object::keys(placeholders.unchecked_ref::<js_sys::Object>())
            .iter()
            .find(|k| k.as_string().is_some_and(|k| k.eq_ignore_ascii_case(name)))?;
        string_at(&Reflect::get(placeholders, &named).ok()?, "content")
    };
    Some(crate::model::text::fill(&message, &placeholder, args))
}

/// The string at `key`, if it is one.
fn string_at(value: &JsValue, key: &str) -> Option<String> {
    Reflect::get(value, &key.into()).ok()?.as_string()
}

/// The message `key` in the user's language, with `args` for its `$1`…;
/// the key itself if the catalogue lacks it (a test checks none is missing).
pub(super) fn message(key: &str, args: &[String]) -> String {
    GET_MESSAGE
        .with(|get| {
            let (i18n, get) = get.as_ref()?;
            let list: Array = args.iter().map(|a| JsValue::from_str(a)).collect();
            let once = || get.call2(i18n, &key.into(), &list).ok()?.as_string().filter(|s| !s.is_empty());
            // Asked once more when empty: a frame started at once (the card's,
            // made as the address changes) has once been answered "" (CI,
            // Chromium 156, not reproduced since).
            once().or_else(once)
        })
        .or_else(|| OWN_WORDS.with(|own| own_message(own.borrow().as_ref()?, key, args)).filter(|s| !s.is_empty()))
        .unwrap_or_else(|| key.to_owned())
}

/// A page's own words: the message `key`.
pub(super) fn msg(key: &str) -> String {
    message(key, &[])
}

/// What the core said, in the user's language.
pub(super) fn say(text: &Text) -> String {
    text.say(&message)
}

/// Name the page's language (that of the catalogue in use) for screen
/// readers and spelling, and its title, once the page has its words.
pub(super) async fn set_language(doc: &Document, title: &str) {
    own_words_if_needed().await;
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("lang", &msg("html_lang"));
    }
    doc.set_title(&msg(title));
}

pub(super) fn show_error(doc: &Document, root: &Element, message: &Text) -> Result<(), JsValue> {
    let message = &say(message);
    root.set_text_content(None);
    let p = el(doc, "p", "error", message)?;
    p.set_attribute("role", "alert")?;
    append(root, &[&p])
}

/// Offer `text` as a file through a blob link: no `downloads` permission.
pub(super) fn download(doc: &Document, name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&Array::of1(&JsValue::from_str(text)), &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.set_hidden(true);
    body(doc)?.append_child(&link)?;
    link.click();
    link.remove();
    // Let the browser start reading the blob before it is released.
    let release = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        window.set_timeout_with_callback_and_timeout_and_arguments_0(release.unchecked_ref(), 60_000)?;
    }
    Ok(())
}
