//! The card: shown on a profile page inside an iframe of Kindling's origin
//! (overlay.js), and in the popup (popup.js). `show_overlay` starts it and
//! handles its clicks; `view` draws it from the core's `Card`; `actions`
//! are its buttons that ask the background something.

mod actions;
mod reminders;
mod view;

use super::{
    body, document, download, local_today, msg, parse, say, set_language, show_error, AdviceView, Answer, CardView,
    HintView, Hooks,
};
use crate::browser::dom::{append, el};
use crate::browser::now;
use crate::engine::words::{ago, until};
use crate::model::text::Text;
use crate::model::{Kind, Medium, Outcome, Site};
use crate::service::messages::{PersonChange, Request};
use actions::*;
use chrono::Datelike;
use view::*;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlInputElement};

/// The account the frame was asked to show (`site/handle`, each part
/// URI-encoded), by the content script that made it.
fn current_account(hooks: &Hooks) -> Option<String> {
    hooks.account().ok()?.as_string()
}

fn parse_account(account: &str) -> Option<(Site, String)> {
    let (site, handle) = account.split_once('/')?;
    let site: Site = serde_json::from_value(serde_json::Value::String(site.to_owned())).ok()?;
    let handle = js_sys::decode_uri_component(handle).ok()?.as_string()?;
    (!handle.is_empty()).then_some((site, handle))
}

/// Render the overlay card. `hooks` has `account()`, `send(message) →
/// Promise`, `clickable(click)`, `shown(redraw)`, `changed(redraw)`,
/// `drawn()`, `copy(text)` and, on a page, `open(account)`, `close()` and
/// `folded(bool)`; the popup gives no page controls.
#[wasm_bindgen]
pub async fn show_overlay(hooks: Hooks) -> Result<(), JsValue> {
    set_language(&document()?, "extName").await;
    let root = body(&document()?)?;
    // One listener for the card's whole life, however often it is redrawn:
    // the close button hides the card; the actions (track, "I suggested
    // it", their answer) are buttons with `data-change`, each telling the
    // core, after which the card is drawn again from the record.
    let handler = Closure::<dyn FnMut(web_sys::Event)>::new({
        let hooks = hooks.clone();
        move |event: web_sys::Event| on_click(&hooks, &event)
    });
    root.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref())?;
    handler.forget();
    // Something recorded on the page (a like, a follow): draw again.
    let redraw = Closure::<dyn FnMut()>::new({
        let hooks = hooks.clone();
        move || {
            let hooks = hooks.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = draw(&hooks).await;
            });
        }
    });
    hooks.changed(redraw.as_ref())?;
    hooks.shown(redraw.as_ref())?;
    redraw.forget();
    draw(&hooks).await
}

/// The card's text fields: which is focused, and what each holds.
fn typed_fields(doc: &Document) -> Vec<(String, String, bool)> {
    let focused = doc.active_element();
    let Ok(fields) = doc.query_selector_all("input[class]") else { return Vec::new() };
    (0..fields.length())
        .filter_map(|n| fields.item(n)?.dyn_into::<HtmlInputElement>().ok())
        .map(|input| {
            let has_focus = focused.as_ref().is_some_and(|f| f == input.unchecked_ref::<Element>());
            (input.class_name(), input.value(), has_focus)
        })
        .filter(|(_, value, has_focus)| !value.is_empty() || *has_focus)
        .collect()
}

fn restore_fields(doc: &Document, typed: Vec<(String, String, bool)>) {
    for (class, value, has_focus) in typed {
        let found = doc.query_selector(&format!("input.{class}")).ok().flatten();
        if let Some(input) = found.and_then(|e| e.dyn_into::<HtmlInputElement>().ok()) {
            input.set_value(&value);
            if has_focus {
                let _ = input.focus();
            }
        }
    }
}

thread_local! {
    /// The last "They reached out" the user entered here, with what the
    /// core said of it: the card offers to undo it while it is on the
    /// timeline.
    static JUST_ENTERED: std::cell::RefCell<Option<(String, Text)>> = const { std::cell::RefCell::new(None) };
    /// How many draws have started: a draw whose answer comes after a later
    /// one started leaves the card to that one, so an older answer (the card
    /// before the note just added) never replaces a newer one.
    static DRAWS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Ask for the card and draw it, then fit the frame to it.
async fn draw(hooks: &Hooks) -> Result<(), JsValue> {
    let ticket = DRAWS.with(|draws| {
        draws.set(draws.get() + 1);
        draws.get()
    });
    let doc = document()?;
    let root = body(&doc)?;
    let Some(account) = current_account(hooks) else {
        // Made ahead of time, hidden: nothing to show until an account comes.
        root.set_text_content(None);
        return Ok(());
    };
    let answer = match parse_account(&account) {
        None => Err(Text::new("card_no_account")),
        Some((site, handle)) => parse(hooks.ask(&Request::Card { site, handle, today: local_today() }).await?),
    };
    if current_account(hooks).as_deref() != Some(account.as_str()) || DRAWS.with(|draws| draws.get()) != ticket {
        // Another profile came while this one was asked for, or a later
        // draw started (a change just made): that draw follows.
        return Ok(());
    }
    // A redraw (after a like on the page) keeps what the user was typing
    // (read now, not before asking: they may have typed meanwhile), and the
    // search for their other accounts open if it was.
    let typed = typed_fields(&doc);
    let searching = doc.query_selector("details.merge[open]")?.is_some();
    match answer {
        Ok(Answer::Card { card }) => {
            // On a page (not in the popup): the card can fold, open in the popup, hide.
            let on_page = hooks.open_hook().is_function();
            render_card(&doc, &root, &card, on_page)?;
            restore_fields(&doc, typed);
            if searching {
                if let Some(details) = doc.query_selector("details.merge")? {
                    details.set_attribute("open", "")?;
                }
            }
        }
        Ok(Answer::Error { message }) | Err(message) => show_error(&doc, &root, &message)?,
        Ok(_) => show_error(&doc, &root, &Text::new("error_wrong_answer"))?,
    }
    // The frame's size is not the card's: it is fixed, and the card
    // scrolls inside it (issue 20). Nothing about what was drawn leaves.
    hooks.drawn()?;
    Ok(())
}

/// A click anywhere on the card: close, open in the popup, or (the user's
/// own click on a card they can see) one of its buttons.
fn on_click(hooks: &Hooks, event: &web_sys::Event) {
    let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
    if target.as_ref().and_then(|t| t.closest(".close").ok().flatten()).is_some() {
        let _ = hooks.close();
        return;
    }
    let closest = |css: &str| target.as_ref().and_then(|t| t.closest(css).ok().flatten());
    if closest("button.open").is_some() && event.is_trusted() {
        // Only opens a view of what the card shows: no guard needed.
        if let Some(account) = current_account(hooks) {
            let _ = hooks.open(&account);
        }
        return;
    }
    // Only the user's own clicks on a card they can see act (see
    // `clickable` in overlay.js, which is given the click); a form
    // field is never guarded.
    let acts = closest("button").is_some();
    let clickable = hooks.clickable(event).is_ok_and(|ok| ok.is_truthy());
    if acts && (!event.is_trusted() || !clickable) {
        form_problem(&msg("card_click_ignored"));
        return;
    }
    if let Some(button) = closest("[data-copy]") {
        copy_phrase(hooks, button);
        return;
    }
    if let Some(button) = closest("[data-remind]") {
        reminders::answer_offer(hooks, &button);
        return;
    }
    // The buttons that ask the background something, then redraw.
    let action = ["schedule", "collapse", "add", "ics", "find", "merge", "tags", "split", "delete", "reach"]
        .into_iter()
        .find_map(|name| closest(&format!("[data-{name}]")).map(|button| (name, button)));
    if let Some((name, button)) = action {
        let hooks = hooks.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let done = match name {
                "schedule" => schedule(&hooks, &button).await,
                "collapse" => fold(&hooks, &button).await,
                "add" => add(&hooks, &button).await,
                "find" => find_people(&hooks, &button).await,
                "merge" => merge(&hooks, &button).await,
                "tags" => save_tags(&hooks, &button).await,
                "split" => split(&hooks, &button).await,
                "delete" => delete(&hooks, &button).await,
                "reach" => reached_out(&hooks, &button).await,
                _ => calendar_file(&hooks, &button).await,
            };
            if let Err(e) = done {
                form_problem(&unanswered(&e));
            }
        });
        return;
    }
    if let Some(button) = closest("[data-change]") {
        ask_change(hooks, &button);
    }
}

/// A button with `data-change` (Track, "I suggested it", their answer, "we
/// met"): the change is told to the core, the card drawn again from the
/// record, and a refusal said on the card.
fn ask_change(hooks: &Hooks, button: &Element) {
    let (Some(person), Some(change)) = (button.get_attribute("data-person"), button.get_attribute("data-change"))
    else {
        return;
    };
    let hooks = hooks.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(change) = serde_json::from_str::<PersonChange>(&change) else { return };
        ask_and_redraw(&hooks, &Request::UpdatePerson { person, change }).await;
    });
}

/// Tell the core `request`, then draw the card again from the record; what
/// went wrong, in the answer or the redraw, is said on the card.
pub(super) async fn ask_and_redraw(hooks: &Hooks, request: &Request) {
    let problem = match hooks.ask(request).await.map(parse) {
        Ok(Ok(Answer::Error { message }) | Err(message)) => Some(say(&message)),
        Err(e) => Some(unanswered(&e)),
        Ok(Ok(_)) => None,
    };
    if let Err(e) = draw(hooks).await {
        form_problem(&unanswered(&e));
    }
    if let Some(problem) = problem {
        form_problem(&problem);
    }
}
