//! The popup's suggestions of whom to track (issue 25): read when the user
//! opens them (the popup opens at once), five at most, each with its
//! reasons, "Track" and "Not interested"; after either, the list is read
//! again.

use super::popup::card_link;
use super::{local_today, msg, parse, say, Answer, Hooks, SuggestedView};
use crate::browser::dom::{append, el};
use crate::model::text::Text;
use crate::service::messages::{PersonChange, Request};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

/// The collapsed "Suggestions" section, under the people search.
pub(super) fn render(doc: &Document, root: &Element, hooks: &Hooks) -> Result<(), JsValue> {
    let details = el(doc, "details", "suggestions", "")?;
    append(&details, &[&el(doc, "summary", "", &msg("suggestions_title"))?])?;
    append(&details, &[&el(doc, "p", "intro", &msg("suggestions_intro"))?])?;
    let list = el(doc, "ul", "suggested", "")?;
    list.set_attribute("aria-live", "polite")?;
    let said = el(doc, "p", "said", "")?;
    said.set_attribute("role", "status")?;
    append(&details, &[&list, &said])?;
    match root.query_selector("section.search")? {
        Some(search) => {
            root.insert_before(&details, search.next_sibling().as_ref())?;
        }
        None => append(root, &[&details])?,
    }
    let opened = details.clone();
    let on_toggle = Closure::<dyn FnMut()>::new({
        let hooks = hooks.clone();
        move || {
            if !opened.has_attribute("open") {
                return;
            }
            let hooks = hooks.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = fill(&hooks).await;
            });
        }
    });
    details.add_event_listener_with_callback("toggle", on_toggle.as_ref().unchecked_ref())?;
    on_toggle.forget();
    let on_click = Closure::<dyn FnMut(web_sys::Event)>::new({
        let hooks = hooks.clone();
        move |event: web_sys::Event| {
            let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
            let Some(button) = target.and_then(|t| t.closest("button[data-suggest]").ok().flatten()) else { return };
            let (Some(what), Some(person)) =
                (button.get_attribute("data-suggest"), button.get_attribute("data-person"))
            else {
                return;
            };
            let change = match what.as_str() {
                "track" => PersonChange::Track { on: true },
                _ => PersonChange::NotInterested {},
            };
            let hooks = hooks.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let answer = hooks.ask(&Request::UpdatePerson { person, change }).await.map(parse);
                let words = match answer {
                    Ok(Ok(Answer::Done { message })) => say(&message),
                    Ok(Ok(Answer::Error { message }) | Err(message)) => say(&message),
                    Ok(Ok(_)) => say(&Text::new("error_wrong_answer")),
                    Err(e) => e.as_string().unwrap_or_default(),
                };
                let _ = fill(&hooks).await;
                if let Ok(Some(said)) = super::document().and_then(|d| d.query_selector("details.suggestions p.said")) {
                    said.set_text_content(Some(&words));
                }
            });
        }
    });
    details.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
    on_click.forget();
    Ok(())
}

/// Read the suggestions and draw them.
async fn fill(hooks: &Hooks) -> Result<(), JsValue> {
    let doc = super::document()?;
    let Some(list) = doc.query_selector("details.suggestions ul.suggested")? else { return Ok(()) };
    let request = Request::ListPeople { query: String::new(), stage: None, tag: None, today: local_today() };
    let suggestions = match parse(hooks.ask(&request).await?) {
        Ok(Answer::Listed { suggestions, .. }) => suggestions,
        Ok(Answer::Error { message }) | Err(message) => {
            list.set_text_content(None);
            return append(&list, &[&el(&doc, "li", "problem", &say(&message))?]);
        }
        Ok(_) => Vec::new(),
    };
    list.set_text_content(None);
    if suggestions.is_empty() {
        append(&list, &[&el(&doc, "li", "none", &msg("suggestions_none"))?])?;
    }
    for s in &suggestions {
        append(&list, &[&item(&doc, s)?])?;
    }
    Ok(())
}

/// One suggestion: the name (a link to their card), the accounts, the
/// reasons, and the two buttons.
fn item(doc: &Document, s: &SuggestedView) -> Result<Element, JsValue> {
    let item = el(doc, "li", "", "")?;
    let first = s.accounts.first().map(|(site, handle)| (*site, handle.as_str()));
    let accounts: Vec<String> = s
        .accounts
        .iter()
        .map(|(site, handle)| say(&Text::new("account_on_site").with(handle.as_str()).with(site.label())))
        .collect();
    let reasons = el(doc, "ul", "reasons", "")?;
    for reason in &s.reasons {
        append(&reasons, &[&el(doc, "li", "", &say(reason))?])?;
    }
    let buttons = el(doc, "div", "buttons", "")?;
    for (what, key) in [("track", "suggestion_track"), ("not", "suggestion_not_interested")] {
        let button = el(doc, "button", "line-action", &msg(key))?;
        button.set_attribute("type", "button")?;
        button.set_attribute("data-suggest", what)?;
        button.set_attribute("data-person", &s.person)?;
        button.set_attribute("aria-label", &format!("{} — {}", msg(key), s.name))?;
        append(&buttons, &[&button])?;
    }
    append(
        &item,
        &[&card_link(doc, &s.name, first)?, &el(doc, "span", "account", &accounts.join(", "))?, &reasons, &buttons],
    )?;
    Ok(item)
}
