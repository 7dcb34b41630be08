//! The toolbar popup: today's short agenda, and the people engaged with lately.

use super::{body, document, local_today, parse, show_error, AgendaView, Answer, Hooks, RecentView};
use crate::browser::dom::{append, el};
use crate::browser::now;
use crate::card::ago;
use crate::messages::Request;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

/// Render the popup: the people engaged with most recently.
#[wasm_bindgen]
pub async fn show_popup(hooks: JsValue) -> Result<(), JsValue> {
    let hooks = Hooks(hooks);
    let doc = document()?;
    let root = body(&doc)?;
    match parse(hooks.ask(&Request::Recent { limit: 8 }).await?) {
        Ok(Answer::Recent { people }) => render_recent(&doc, &root, &people)?,
        Ok(Answer::Error { message }) | Err(message) => show_error(&doc, &root, &message)?,
        Ok(_) => show_error(&doc, &root, "Kindling got an answer meant for another page.")?,
    }
    if let Ok(Answer::Today { items }) = parse(hooks.ask(&Request::Today { today: local_today() }).await?) {
        render_today(&doc, &root, &items)?;
    }
    // Always reachable, even when the record cannot be read: that is when
    // the options page matters most.
    let footer = el(&doc, "footer", "", "")?;
    let data = el(&doc, "button", "link", "Your data and settings")?;
    data.set_attribute("type", "button")?;
    let open = hooks.function("openOptions")?;
    let handler = Closure::<dyn FnMut()>::new(move || {
        let _ = open.call0(&JsValue::NULL);
    });
    data.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref())?;
    handler.forget();
    append(&footer, &[&data])?;
    append(&root, &[&footer])
}

fn render_recent(doc: &Document, root: &Element, people: &[RecentView]) -> Result<(), JsValue> {
    root.set_text_content(None);
    let title = el(doc, "h1", "brand", "Kindling")?;
    let heading = el(doc, "h2", "", "Recently")?;
    append(root, &[&title, &heading])?;
    if people.is_empty() {
        let empty = "Nobody yet. Like, reply to or visit someone on a supported site and they will show up here.";
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

/// Today's agenda, above the recent people: a handful of lines, each with
/// its reason.
fn render_today(doc: &Document, root: &Element, items: &[AgendaView]) -> Result<(), JsValue> {
    let section = el(doc, "section", "today", "")?;
    section.set_attribute("aria-label", "Today")?;
    append(&section, &[&el(doc, "h2", "", "Today")?])?;
    if items.is_empty() {
        append(&section, &[&el(doc, "p", "empty", "Nothing needs you today.")?])?;
    } else {
        let list = el(doc, "ul", "agenda", "")?;
        for item in items {
            let line = el(doc, "li", "", "")?;
            line.set_attribute(
                "data-reason",
                &serde_json::to_value(item.reason).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
            )?;
            append(&line, &[&el(doc, "span", "name", &item.name)?, &el(doc, "span", "why", &item.text)?])?;
            append(&list, &[&line])?;
        }
        append(&section, &[&list])?;
    }
    // After the title, before "Recently".
    match root.query_selector("h2")? {
        Some(recent) => {
            root.insert_before(&section, Some(&recent))?;
        }
        None => append(root, &[&section])?,
    }
    Ok(())
}
