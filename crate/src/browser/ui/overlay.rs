//! The card shown on a profile page, inside an iframe of Kindling's origin.

use super::{body, document, download, local_today, parse, show_error, AdviceView, Answer, CardView, HintView, Hooks};
use crate::browser::dom::{append, el};
use crate::browser::now;
use crate::card::{ago, until};
use crate::messages::{PersonChange, Request};
use crate::model::{Kind, Medium, Outcome, Site};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlInputElement};

/// The account the frame was asked to show (`site/handle`, each part
/// URI-encoded), by the content script that made it.
fn current_account(hooks: &Hooks) -> Option<String> {
    hooks.function("account").ok()?.call0(&JsValue::NULL).ok()?.as_string()
}

fn parse_account(account: &str) -> Option<(Site, String)> {
    let (site, handle) = account.split_once('/')?;
    let site: Site = serde_json::from_value(serde_json::Value::String(site.to_owned())).ok()?;
    let handle = js_sys::decode_uri_component(handle).ok()?.as_string()?;
    (!handle.is_empty()).then_some((site, handle))
}

/// Render the overlay card. `hooks` has `send(message) → Promise`,
/// `close()` and `resize(height)`.
#[wasm_bindgen]
pub async fn show_overlay(hooks: JsValue) -> Result<(), JsValue> {
    let root = body(&document()?)?;
    // One listener for the card's whole life, however often it is redrawn:
    // the close button hides the card; the actions (track, "I suggested
    // it", their answer) are buttons with `data-change`, each telling the
    // core, after which the card is drawn again from the record.
    let handler = Closure::<dyn FnMut(web_sys::Event)>::new({
        let hooks = hooks.clone();
        move |event: web_sys::Event| {
            let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
            if target.as_ref().and_then(|t| t.closest(".close").ok().flatten()).is_some() {
                if let Ok(close) = Hooks(hooks.clone()).function("close") {
                    let _ = close.call0(&JsValue::NULL);
                }
                return;
            }
            let closest = |css: &str| target.as_ref().and_then(|t| t.closest(css).ok().flatten());
            // Only the user's own clicks on a card they can see act (see
            // `clickable` in overlay.js); a form field is never guarded.
            let acts = closest("button").is_some();
            let clickable = Hooks(hooks.clone())
                .function("clickable")
                .ok()
                .and_then(|f| f.call0(&JsValue::NULL).ok())
                .is_some_and(|ok| ok.is_truthy());
            if acts && (!event.is_trusted() || !clickable) {
                form_problem(
                    "Kindling ignored that click: the card was hidden, covered, or had only just appeared. Try again.",
                );
                return;
            }
            if let Some(button) = closest("[data-copy]") {
                copy_phrase(&Hooks(hooks.clone()), button);
                return;
            }
            // The buttons that ask the background something, then redraw.
            let action = ["schedule", "collapse", "add", "ics"]
                .into_iter()
                .find_map(|name| closest(&format!("[data-{name}]")).map(|button| (name, button)));
            if let Some((name, button)) = action {
                let hooks = Hooks(hooks.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = match name {
                        "schedule" => schedule(&hooks, &button).await,
                        "collapse" => fold(&hooks, &button).await,
                        "add" => add(&hooks, &button).await,
                        _ => calendar_file(&hooks, &button).await,
                    };
                });
                return;
            }
            let Some(button) = closest("[data-change]") else { return };
            let (Some(person), Some(change)) =
                (button.get_attribute("data-person"), button.get_attribute("data-change"))
            else {
                return;
            };
            let hooks = Hooks(hooks.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let Ok(change) = serde_json::from_str::<PersonChange>(&change) else { return };
                let _ = hooks.ask(&Request::UpdatePerson { person, change }).await;
                let _ = draw(&hooks).await;
            });
        }
    });
    root.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref())?;
    handler.forget();
    // Something recorded on the page (a like, a follow): draw again.
    let redraw = Closure::<dyn FnMut()>::new({
        let hooks = hooks.clone();
        move || {
            let hooks = Hooks(hooks.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let _ = draw(&hooks).await;
            });
        }
    });
    Hooks(hooks.clone()).function("changed")?.call1(&JsValue::NULL, redraw.as_ref())?;
    Hooks(hooks.clone()).function("shown")?.call1(&JsValue::NULL, redraw.as_ref())?;
    redraw.forget();
    draw(&Hooks(hooks)).await
}

/// Copy a phrasing to the clipboard (through the page's `copy` hook); once
/// copied, the button says so and "I suggested it" records that phrasing.
fn copy_phrase(hooks: &Hooks, button: Element) {
    let Some(text) = button.get_attribute("data-copy") else { return };
    let Ok(copy) = hooks.function("copy") else { return };
    let Ok(promise) = copy.call1(&JsValue::NULL, &JsValue::from_str(&text)) else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let copied = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&promise))
            .await
            .is_ok_and(|ok| ok.is_truthy());
        button.set_text_content(Some(if copied { "Copied" } else { "Copy failed" }));
        let Some(raise) = document().ok().and_then(|d| d.query_selector("[data-raise]").ok().flatten()) else {
            return;
        };
        let change = raise.get_attribute("data-change").and_then(|c| serde_json::from_str::<PersonChange>(&c).ok());
        if let (true, Some(PersonChange::Raised { medium, .. })) = (copied, change) {
            let change = PersonChange::Raised { medium, phrasing: text };
            let _ = raise.set_attribute("data-change", &serde_json::to_string(&change).unwrap_or_default());
        }
    });
}

/// Say what went wrong with one of the card's forms.
fn form_problem(text: &str) {
    if let Some(p) = document().ok().and_then(|d| d.query_selector(".problem").ok().flatten()) {
        p.set_text_content(Some(text));
    }
}

/// Save the date typed in the card's date field (the user's local time).
async fn schedule(hooks: &Hooks, button: &Element) -> Result<(), JsValue> {
    let Some(person) = button.get_attribute("data-schedule") else { return Ok(()) };
    let input: HtmlInputElement = document()?.query_selector("input.when")?.ok_or("no date field")?.dyn_into()?;
    // `new Date("YYYY-MM-DDTHH:MM")` reads a date-time without zone as local time.
    let ms = js_sys::Date::new(&JsValue::from_str(&input.value())).get_time();
    let Some(at) = (ms.is_finite()).then(|| chrono::DateTime::from_timestamp_millis(ms as i64)).flatten() else {
        form_problem("Pick a date and a time first.");
        return Ok(());
    };
    match parse(hooks.ask(&Request::UpdatePerson { person, change: PersonChange::Schedule { at } }).await?) {
        Ok(Answer::Error { message }) | Err(message) => form_problem(&message),
        Ok(_) => draw(hooks).await?,
    }
    Ok(())
}

/// Fold the card into a chip on this site, or open it; remembered per site.
async fn fold(hooks: &Hooks, button: &Element) -> Result<(), JsValue> {
    let Some((site, _)) = current_account(hooks).as_deref().and_then(parse_account) else { return Ok(()) };
    let collapsed = button.get_attribute("data-collapse").as_deref() == Some("true");
    match parse(hooks.ask(&Request::CollapseCard { site, collapsed }).await?) {
        Ok(Answer::Error { message }) | Err(message) => form_problem(&message),
        Ok(_) => {
            draw(hooks).await?;
            // Keep the keyboard where it was: on the control that opens or folds.
            let next = if collapsed { "button.expand" } else { "button.fold" };
            if let Some(control) = document()?.query_selector(next)? {
                control.unchecked_into::<web_sys::HtmlElement>().focus()?;
            }
        }
    }
    Ok(())
}

/// Offer the agreed meeting as a calendar file.
async fn calendar_file(hooks: &Hooks, button: &Element) -> Result<(), JsValue> {
    let Some(person) = button.get_attribute("data-ics") else { return Ok(()) };
    match parse(hooks.ask(&Request::CalendarEvent { person }).await?) {
        Ok(Answer::File { name, mime, text }) => download(&document()?, &name, &mime, &text),
        Ok(Answer::Error { message }) | Err(message) => {
            form_problem(&message);
            Ok(())
        }
        Ok(_) => Ok(()),
    }
}

/// A date and time in the user's own zone and words.
fn local_words(at: chrono::DateTime<chrono::Utc>) -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"full".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64)).to_locale_string("default", &options).into()
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

/// Ask for the card and draw it, then fit the frame to it.
async fn draw(hooks: &Hooks) -> Result<(), JsValue> {
    let doc = document()?;
    let root = body(&doc)?;
    let Some(account) = current_account(hooks) else {
        // Made ahead of time, hidden: nothing to show until an account comes.
        root.set_text_content(None);
        return Ok(());
    };
    let answer = match parse_account(&account) {
        None => Err("This card was opened without an account to show.".to_owned()),
        Some((site, handle)) => parse(hooks.ask(&Request::Card { site, handle, today: local_today() }).await?),
    };
    if current_account(hooks).as_deref() != Some(account.as_str()) {
        // Another profile came while this one was asked for: its draw follows.
        return Ok(());
    }
    // A redraw (after a like on the page) keeps what the user was typing.
    let typed = typed_fields(&doc);
    match answer {
        Ok(Answer::Card { card }) => {
            if !render_card(&doc, &root, &card)? {
                // Chips are off and there is no card for this person.
                return hooks.function("close")?.call0(&JsValue::NULL).map(drop);
            }
            restore_fields(&doc, typed);
        }
        Ok(Answer::Error { message }) | Err(message) => show_error(&doc, &root, &message)?,
        Ok(_) => show_error(&doc, &root, "Kindling got an answer meant for another page.")?,
    }
    let height = root.scroll_height();
    // Chips are as wide as their words; the card has a fixed width.
    let small = doc.query_selector(".chip, .folded")?;
    let width = small.map_or(320, |chip| chip.scroll_width() + 2);
    hooks.function("resize")?.call3(&JsValue::NULL, &height.into(), &width.into(), &account.into())?;
    hooks.function("drawn")?.call0(&JsValue::NULL)?;
    Ok(())
}

/// A button that tells the core `change` about `person`.
fn change_button(doc: &Document, label: &str, person: &str, change: &PersonChange) -> Result<Element, JsValue> {
    let button = el(doc, "button", "action", label)?;
    button.set_attribute("type", "button")?;
    button.set_attribute("data-person", person)?;
    button.set_attribute("data-change", &serde_json::to_string(change).unwrap_or_default())?;
    Ok(button)
}

/// The card's actions: track or not, and along the way to real life, "I
/// suggested it", their answer, "we met".
fn render_actions(doc: &Document, article: &Element, card: &CardView) -> Result<(), JsValue> {
    let Some(person) = card.person.as_deref() else { return Ok(()) };
    let row = el(doc, "div", "actions", "")?;
    let track = if card.tracked { "Stop tracking" } else { "Track" };
    append(&row, &[&change_button(doc, track, person, &PersonChange::Track { on: !card.tracked })?])?;
    if let Some(advice) = &card.advice {
        if let Some(s) = advice.suggestion.as_ref().filter(|_| advice.stage == crate::pacing::Stage::ReadyToRaise) {
            let phrasing = s.phrases.first().cloned().unwrap_or_default();
            let raised = PersonChange::Raised { medium: s.medium, phrasing };
            let button = change_button(doc, "I suggested it", person, &raised)?;
            button.set_attribute("data-raise", "")?;
            append(&row, &[&button])?;
        }
        if let Some(plan) = &advice.plan {
            let when = el(doc, "p", "plan", &format!("Agreed: {}", local_words(plan.at)))?;
            let ics = el(doc, "button", "action", "Add to calendar (.ics)")?;
            ics.set_attribute("type", "button")?;
            ics.set_attribute("data-ics", person)?;
            append(article, &[&when])?;
            append(&row, &[&ics])?;
        } else if advice.stage == crate::pacing::Stage::Raised && !advice.awaiting_answer {
            render_date_form(doc, article, person)?;
        }
        if advice.awaiting_answer {
            for (label, outcome) in [
                ("They're up for it", Outcome::Positive),
                ("Not now", Outcome::Negative),
                ("No answer", Outcome::NoAnswer),
            ] {
                append(&row, &[&change_button(doc, label, person, &PersonChange::Answer { outcome })?])?;
            }
        } else if advice.stage == crate::pacing::Stage::Raised {
            let met = PersonChange::Met { medium: Medium::Other, note: String::new() };
            append(&row, &[&change_button(doc, "We met", person, &met)?])?;
        }
    }
    append(article, &[&row])
}

/// "When suits them?": a date and time, saved as the agreed meeting.
fn render_date_form(doc: &Document, article: &Element, person: &str) -> Result<(), JsValue> {
    let form = el(doc, "div", "when-form", "")?;
    let label = el(doc, "label", "", "When suits them?")?;
    label.set_attribute("for", "kindling-when")?;
    let input = el(doc, "input", "when", "")?;
    input.set_attribute("type", "datetime-local")?;
    input.set_attribute("id", "kindling-when")?;
    let save = el(doc, "button", "action", "Save the date")?;
    save.set_attribute("type", "button")?;
    save.set_attribute("data-schedule", person)?;
    append(&form, &[&label, &input, &save])?;
    append(article, &[&form])
}

fn close_button(doc: &Document) -> Result<Element, JsValue> {
    let close = el(doc, "button", "close", "×")?;
    close.set_attribute("type", "button")?;
    close.set_attribute("aria-label", "Hide Kindling on this page")?;
    Ok(close)
}

/// A button that folds the card into a chip on this site, or opens it.
fn fold_button(doc: &Document, label: &str, fold: bool) -> Result<Element, JsValue> {
    let button = el(doc, "button", if fold { "fold" } else { "expand" }, label)?;
    button.set_attribute("type", "button")?;
    button.set_attribute("data-collapse", if fold { "true" } else { "false" })?;
    button.set_attribute("aria-expanded", if fold { "true" } else { "false" })?;
    if fold {
        button.set_attribute("aria-label", "Fold Kindling into a chip on this site")?;
    }
    Ok(button)
}

/// Someone the user has not engaged with (only visited): a small chip with
/// what Kindling knows and "Track".
fn render_chip(doc: &Document, root: &Element, card: &CardView) -> Result<(), JsValue> {
    let article = el(doc, "article", "card chip", "")?;
    article.set_attribute("aria-label", "Kindling")?;
    let about = el(doc, "div", "about", "")?;
    append(&about, &[&el(doc, "p", "name", &card.name)?, &el(doc, "p", "history", &history_words(card))?])?;
    append(&article, &[&about])?;
    if let Some(person) = card.person.as_deref() {
        let track = change_button(doc, "Track", person, &PersonChange::Track { on: true })?;
        track.set_attribute("aria-label", &format!("Track {}", card.name))?;
        append(&article, &[&track])?;
    }
    append(&article, &[&close_button(doc)?, &problem_line(doc)?])?;
    append(root, &[&article])
}

/// The card folded on this site: one line that opens it.
fn render_folded(doc: &Document, root: &Element, card: &CardView) -> Result<(), JsValue> {
    let article = el(doc, "article", "card folded", "")?;
    article.set_attribute("aria-label", "Kindling")?;
    let stage = card.advice.as_ref().map(|a| a.stage.words()).unwrap_or_default();
    let words = [card.name.as_str(), stage].iter().filter(|w| !w.is_empty()).copied().collect::<Vec<_>>().join(" · ");
    let open = fold_button(doc, &format!("Kindling · {words}"), false)?;
    append(&article, &[&open, &close_button(doc)?, &problem_line(doc)?])?;
    append(root, &[&article])
}

fn problem_line(doc: &Document) -> Result<Element, JsValue> {
    // Where a form or an ignored click says what went wrong.
    let problem = el(doc, "p", "problem", "")?;
    problem.set_attribute("role", "alert")?;
    Ok(problem)
}

fn history_words(card: &CardView) -> String {
    if card.known {
        let noun = if card.total == 1 { "interaction" } else { "interactions" };
        format!("{} {noun}: {}", card.total, card.breakdown)
    } else {
        "No history yet. Kindling notes your likes, replies and visits as you go.".to_owned()
    }
}

/// Draw what suits the person: the whole card, the folded chip, or the
/// "Track" chip. `false` when nothing is to be shown (chips turned off).
fn render_card(doc: &Document, root: &Element, card: &CardView) -> Result<bool, JsValue> {
    root.set_text_content(None);
    if !card.engaged {
        if !card.chips {
            return Ok(false);
        }
        render_chip(doc, root, card)?;
        return Ok(true);
    }
    if card.collapsed {
        render_folded(doc, root, card)?;
        return Ok(true);
    }
    let article = el(doc, "article", "card", "")?;
    article.set_attribute("aria-label", "Kindling")?;
    let header = el(doc, "header", "", "")?;
    let brand = el(doc, "span", "brand", "Kindling")?;
    let tools = el(doc, "span", "tools", "")?;
    append(&tools, &[&fold_button(doc, "–", true)?, &close_button(doc)?])?;
    append(&header, &[&brand, &tools])?;

    let name = el(doc, "h1", "name", &card.name)?;
    let account = el(doc, "p", "account", &format!("@{} on {}", card.handle, card.site.label()))?;
    let history = el(doc, "p", "history", &history_words(card))?;
    append(&article, &[&header, &name, &account])?;
    if card.identities.len() > 1 {
        render_accounts(doc, &article, card)?;
    }
    append(&article, &[&history])?;
    if let Some(last) = card.last_at {
        append(&article, &[&el(doc, "p", "last", &format!("Last: {}", ago(last, now())))?])?;
    }
    if let Some(advice) = &card.advice {
        render_advice(doc, &article, advice)?;
    }
    render_actions(doc, &article, card)?;
    if let Some(person) = card.person.as_deref() {
        render_memory(doc, &article, card, person)?;
    }
    append(&article, &[&problem_line(doc)?])?;
    append(root, &[&article])?;
    Ok(true)
}

/// A symbol for each kind of interaction (the words beside it say the same
/// for screen readers).
fn kind_icon(kind: Kind) -> &'static str {
    match kind {
        Kind::Like => "♥",
        Kind::Reply | Kind::Comment => "↩",
        Kind::Repost | Kind::Share => "⟳",
        Kind::Follow => "+",
        Kind::Mention => "@",
        Kind::ProfileVisit => "○",
        Kind::Message => "✉",
    }
}

/// The person's accounts, under the name: links only where the core found
/// them safe (https on the site's own host).
fn render_accounts(doc: &Document, article: &Element, card: &CardView) -> Result<(), JsValue> {
    let list = el(doc, "ul", "accounts", "")?;
    list.set_attribute("aria-label", "Accounts")?;
    for account in &card.identities {
        let item = el(doc, "li", "", "")?;
        let words = format!("{} @{}", account.site.label(), account.handle);
        let node = match &account.url {
            Some(url) => {
                let a = el(doc, "a", "", &words)?;
                a.set_attribute("href", url)?;
                a.set_attribute("target", "_blank")?;
                a.set_attribute("rel", "noopener noreferrer")?;
                a
            }
            None => el(doc, "span", "", &words)?,
        };
        append(&item, &[&node])?;
        append(&list, &[&item])?;
    }
    append(article, &[&list])
}

/// What Kindling remembers with the user: the recent timeline both ways,
/// ask-about items (due first) and notes, with forms to add to them.
fn render_memory(doc: &Document, article: &Element, card: &CardView, person: &str) -> Result<(), JsValue> {
    if !card.timeline.is_empty() {
        let list = el(doc, "ol", "timeline", "")?;
        list.set_attribute("aria-label", "Recent interactions")?;
        let now = now();
        for item in &card.timeline {
            let line = el(doc, "li", if item.inbound { "inbound" } else { "outbound" }, "")?;
            let icon = el(doc, "span", "icon", kind_icon(item.kind))?;
            icon.set_attribute("aria-hidden", "true")?;
            let who = if item.inbound { " from them" } else { "" };
            let words = format!("{}{who} · {}", item.kind.words().0, ago(item.at, now));
            append(&line, &[&icon, &el(doc, "span", "", &words)?])?;
            append(&list, &[&line])?;
        }
        append(article, &[&list])?;
    }
    let memory = el(doc, "section", "memory", "")?;
    memory.set_attribute("aria-label", "Ask about and notes")?;
    if !card.ask_about.is_empty() {
        let list = el(doc, "ul", "ask-about", "")?;
        list.set_attribute("aria-label", "Ask about")?;
        for item in &card.ask_about {
            let line = el(doc, "li", if item.due { "due" } else { "later" }, "")?;
            let words = match (item.due, item.after) {
                (true, _) | (false, None) => format!("Ask about {}", item.text),
                (false, Some(after)) => format!("Ask about {} (from {})", item.text, after.format("%-d %b")),
            };
            let done = change_button(doc, "Asked", person, &PersonChange::AskedAbout { index: item.index })?;
            done.set_attribute("aria-label", &format!("Asked about {}", item.text))?;
            append(&line, &[&el(doc, "span", "", &words)?, &done])?;
            append(&list, &[&line])?;
        }
        append(&memory, &[&list])?;
    }
    if !card.notes.is_empty() {
        let list = el(doc, "ul", "notes", "")?;
        list.set_attribute("aria-label", "Notes")?;
        for note in card.notes.iter().take(3) {
            append(&list, &[&el(doc, "li", "", note)?])?;
        }
        append(&memory, &[&list])?;
    }
    let ask = el(doc, "div", "add", "")?;
    let ask_text = text_field(doc, "ask-text", "Something to ask about next time")?;
    let ask_date = el(doc, "input", "ask-date", "")?;
    ask_date.set_attribute("type", "date")?;
    ask_date.set_attribute("aria-label", "From this day (optional)")?;
    let ask_add = el(doc, "button", "action", "Add")?;
    ask_add.set_attribute("type", "button")?;
    ask_add.set_attribute("data-add", "ask")?;
    ask_add.set_attribute("data-person", person)?;
    ask_add.set_attribute("aria-label", "Add something to ask about")?;
    append(&ask, &[&ask_text, &ask_date, &ask_add])?;
    let note = el(doc, "div", "add", "")?;
    let note_text = text_field(doc, "note-text", "A note for yourself")?;
    let note_add = el(doc, "button", "action", "Add")?;
    note_add.set_attribute("type", "button")?;
    note_add.set_attribute("data-add", "note")?;
    note_add.set_attribute("data-person", person)?;
    note_add.set_attribute("aria-label", "Add the note")?;
    append(&note, &[&note_text, &note_add])?;
    append(&memory, &[&ask, &note])?;
    append(article, &[&memory])
}

fn text_field(doc: &Document, class: &str, placeholder: &str) -> Result<Element, JsValue> {
    let input = el(doc, "input", class, "")?;
    input.set_attribute("type", "text")?;
    input.set_attribute("placeholder", placeholder)?;
    input.set_attribute("aria-label", placeholder)?;
    input.set_attribute("maxlength", "500")?;
    Ok(input)
}

/// Add an ask-about item or a note from the card's fields.
async fn add(hooks: &Hooks, button: &Element) -> Result<(), JsValue> {
    let doc = document()?;
    let (Some(person), Some(what)) = (button.get_attribute("data-person"), button.get_attribute("data-add")) else {
        return Ok(());
    };
    let value = |css: &str| -> Result<String, JsValue> {
        let input: HtmlInputElement = doc.query_selector(css)?.ok_or("no field")?.dyn_into()?;
        Ok(input.value())
    };
    let (change, fields) = if what == "note" {
        (PersonChange::Note { text: value("input.note-text")? }, ["input.note-text"].as_slice())
    } else {
        let after = chrono::NaiveDate::parse_from_str(&value("input.ask-date")?, "%Y-%m-%d").ok();
        (
            PersonChange::AskAbout { text: value("input.ask-text")?, after },
            ["input.ask-text", "input.ask-date"].as_slice(),
        )
    };
    match parse(hooks.ask(&Request::UpdatePerson { person, change }).await?) {
        Ok(Answer::Error { message }) | Err(message) => form_problem(&message),
        Ok(_) => {
            // Kept: the fields start empty again.
            for css in fields {
                if let Some(input) = doc.query_selector(css)?.and_then(|e| e.dyn_into::<HtmlInputElement>().ok()) {
                    input.set_value("");
                }
            }
            draw(hooks).await?;
        }
    }
    Ok(())
}

/// What the pacing engine says: the stage, slow down or reach out, what to
/// ask about, and when it is time, the soft suggestion to meet.
fn render_advice(doc: &Document, article: &Element, advice: &AdviceView) -> Result<(), JsValue> {
    append(article, &[&el(doc, "p", "stage", advice.stage.words())?])?;
    let hint = match &advice.hint {
        HintView::SlowDown { reason, fine_after } => el(
            doc,
            "p",
            "hint slow",
            &format!("Slow down. {reason} Fine to engage again {}.", until(*fine_after, now())),
        )?,
        HintView::Nudge { reason } => el(doc, "p", "hint nudge", reason)?,
        HintView::FineToEngage { left } => {
            let text = match left {
                0 => "You've engaged enough this week; let it breathe.".to_owned(),
                1 => "Fine to engage: one more touch fits this week.".to_owned(),
                n => format!("Fine to engage: {n} more touches fit this week."),
            };
            el(doc, "p", "hint fine", &text)?
        }
    };
    hint.set_attribute("role", "status")?;
    append(article, &[&hint])?;
    if advice.one_sided {
        append(article, &[&el(doc, "p", "reciprocity", "They haven't engaged back yet. Keep it light.")?])?;
    }
    if let Some(s) = &advice.suggestion {
        let section = el(doc, "section", "suggestion", "")?;
        section.set_attribute("aria-label", "Real life")?;
        let medium = match s.medium {
            crate::model::Medium::Coffee => "a coffee",
            crate::model::Medium::PhoneCall => "a call",
            crate::model::Medium::VideoChat => "a video chat",
            crate::model::Medium::Other => "meeting",
        };
        let lead = if s.gently {
            format!(
                "It's been a while since you last asked. If it still feels right, suggest {medium}, even more lightly:"
            )
        } else {
            format!("You've engaged for weeks, and they engage back. If it feels right, suggest {medium}, lightly:")
        };
        let phrases = el(doc, "ul", "phrases", "")?;
        for phrase in &s.phrases {
            let item = el(doc, "li", "", "")?;
            let copy = el(doc, "button", "copy", "Copy")?;
            copy.set_attribute("type", "button")?;
            copy.set_attribute("data-copy", phrase)?;
            copy.set_attribute("aria-label", &format!("Copy “{phrase}”"))?;
            append(&item, &[&el(doc, "span", "phrase", phrase)?, &copy])?;
            append(&phrases, &[&item])?;
        }
        append(&section, &[&el(doc, "p", "lead", &lead)?, &phrases])?;
        append(article, &[&section])?;
    }
    if let Some(step) = &advice.next_step {
        append(article, &[&el(doc, "p", "next", step)?])?;
    }
    Ok(())
}
