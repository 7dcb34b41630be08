//! The card shown on a profile page, inside an iframe of Kindling's origin.

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
use chrono::Datelike;
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
    set_language(&document()?, "extName");
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
                let _ = hooks.close();
                return;
            }
            let closest = |css: &str| target.as_ref().and_then(|t| t.closest(css).ok().flatten());
            if closest("button.open").is_some() && event.is_trusted() {
                // Only opens a view of what the card shows: no guard needed.
                if let Some(account) = current_account(&hooks) {
                    let _ = hooks.open(&account);
                }
                return;
            }
            // Only the user's own clicks on a card they can see act (see
            // `clickable` in overlay.js, which is given the click); a form
            // field is never guarded.
            let acts = closest("button").is_some();
            let clickable = hooks.clickable(&event).is_ok_and(|ok| ok.is_truthy());
            if acts && (!event.is_trusted() || !clickable) {
                form_problem(&msg("card_click_ignored"));
                return;
            }
            if let Some(button) = closest("[data-copy]") {
                copy_phrase(&hooks, button);
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
            let Some(button) = closest("[data-change]") else { return };
            let (Some(person), Some(change)) =
                (button.get_attribute("data-person"), button.get_attribute("data-change"))
            else {
                return;
            };
            let hooks = hooks.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let Ok(change) = serde_json::from_str::<PersonChange>(&change) else { return };
                // Track, "I suggested it", their answer, "we met": drawn
                // again from the record, and a refusal said on the card.
                let problem = match hooks.ask(&Request::UpdatePerson { person, change }).await.map(parse) {
                    Ok(Ok(Answer::Error { message }) | Err(message)) => Some(say(&message)),
                    Err(e) => Some(unanswered(&e)),
                    Ok(Ok(_)) => None,
                };
                if let Err(e) = draw(&hooks).await {
                    form_problem(&unanswered(&e));
                }
                if let Some(problem) = problem {
                    form_problem(&problem);
                }
            });
        }
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

/// Copy a phrasing to the clipboard (through the page's `copy` hook); once
/// copied, the button says so and "I suggested it" records that phrasing.
fn copy_phrase(hooks: &Hooks, button: Element) {
    let Some(text) = button.get_attribute("data-copy") else { return };
    let Ok(promise) = hooks.copy(&text) else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let copied = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&promise))
            .await
            .is_ok_and(|ok| ok.is_truthy());
        button.set_text_content(Some(&msg(if copied { "card_copied" } else { "card_copy_failed" })));
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

/// What the card says when the background could not be asked at all (it
/// was stopped mid-answer, the extension reloaded).
fn unanswered(e: &JsValue) -> String {
    let why = e.as_string().or_else(|| js_sys::Reflect::get(e, &"message".into()).ok()?.as_string());
    say(&Text::new("error_answer_not_understood").with(why.unwrap_or_default()))
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
        form_problem(&msg("card_pick_date"));
        return Ok(());
    };
    match parse(hooks.ask(&Request::UpdatePerson { person, change: PersonChange::Schedule { at } }).await?) {
        Ok(Answer::Error { message }) | Err(message) => form_problem(&say(&message)),
        Ok(_) => draw(hooks).await?,
    }
    Ok(())
}

/// Fold the card into a chip on this site, or open it; remembered per site.
async fn fold(hooks: &Hooks, button: &Element) -> Result<(), JsValue> {
    let Some((site, _)) = current_account(hooks).as_deref().and_then(parse_account) else { return Ok(()) };
    let collapsed = button.get_attribute("data-collapse").as_deref() == Some("true");
    match parse(hooks.ask(&Request::CollapseCard { site, collapsed }).await?) {
        Ok(Answer::Error { message }) | Err(message) => form_problem(&say(&message)),
        Ok(_) => {
            // The frame takes the folded bar's or the open card's size (the
            // content script sets it; only the user's choice decides it).
            if hooks.open_hook().is_function() {
                hooks.folded(collapsed)?;
            }
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
            form_problem(&say(&message));
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
    js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64))
        .to_locale_string(&msg("html_lang"), &options)
        .into()
}

/// A day in the user's own words ("3 Dec").
fn local_date(day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"day".into(), &"numeric".into());
    let _ = js_sys::Reflect::set(&options, &"month".into(), &"short".into());
    let date = js_sys::Date::new_with_year_month_day(day.year() as u32, day.month0() as i32, day.day() as i32);
    date.to_locale_date_string(&msg("html_lang"), &options).into()
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

/// A button that tells the core `change` about `person`.
/// Another name a page showed for them since: offered, never taken by
/// itself (issue 21), "Now called …? Use it".
fn render_renamed(doc: &Document, article: &Element, card: &CardView) -> Result<(), JsValue> {
    let (Some(seen), Some(person)) = (card.renamed.as_deref(), card.person.as_deref()) else { return Ok(()) };
    let line = el(doc, "p", "renamed", &say(&Text::new("card_renamed").with(seen)))?;
    let button = change_button(doc, &msg("card_use_name"), person, &PersonChange::UseSeenName {})?;
    button.set_attribute("aria-label", &say(&Text::new("card_use_name_for").with(seen)))?;
    append(&line, &[&button])?;
    append(article, &[&line])
}

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
    let track = msg(if card.tracked { "card_stop_tracking" } else { "card_track" });
    append(&row, &[&change_button(doc, &track, person, &PersonChange::Track { on: !card.tracked })?])?;
    if let Some(advice) = &card.advice {
        if let Some(s) = advice.suggestion.as_ref().filter(|_| advice.stage == crate::model::Stage::ReadyToRaise) {
            let phrasing = s.phrases.first().map(say).unwrap_or_default();
            let raised = PersonChange::Raised { medium: s.medium, phrasing };
            let button = change_button(doc, &msg("card_i_suggested_it"), person, &raised)?;
            button.set_attribute("data-raise", "")?;
            append(&row, &[&button])?;
        }
        if let Some(plan) = &advice.plan {
            let when = el(doc, "p", "plan", &say(&Text::new("card_agreed").with(local_words(plan.at))))?;
            let ics = el(doc, "button", "action", &msg("card_add_to_calendar"))?;
            ics.set_attribute("type", "button")?;
            ics.set_attribute("data-ics", person)?;
            append(article, &[&when])?;
            append(&row, &[&ics])?;
        } else if advice.stage == crate::model::Stage::Raised && !advice.awaiting_answer {
            render_date_form(doc, article, person)?;
        }
        if advice.awaiting_answer {
            for (label, outcome) in [
                ("card_answer_yes", Outcome::Positive),
                ("card_answer_not_now", Outcome::Negative),
                ("card_answer_none", Outcome::NoAnswer),
            ] {
                append(&row, &[&change_button(doc, &msg(label), person, &PersonChange::Answer { outcome })?])?;
            }
        } else if advice.stage == crate::model::Stage::Raised {
            let met = PersonChange::Met { medium: Medium::Other, note: String::new() };
            append(&row, &[&change_button(doc, &msg("card_we_met"), person, &met)?])?;
        }
    }
    append(article, &[&row])
}

/// "When suits them?": a date and time, saved as the agreed meeting.
fn render_date_form(doc: &Document, article: &Element, person: &str) -> Result<(), JsValue> {
    let form = el(doc, "div", "when-form", "")?;
    let label = el(doc, "label", "", &msg("card_when"))?;
    label.set_attribute("for", "kindling-when")?;
    let input = el(doc, "input", "when", "")?;
    input.set_attribute("type", "datetime-local")?;
    input.set_attribute("id", "kindling-when")?;
    let save = el(doc, "button", "action", &msg("card_save_date"))?;
    save.set_attribute("type", "button")?;
    save.set_attribute("data-schedule", person)?;
    append(&form, &[&label, &input, &save])?;
    append(article, &[&form])
}

fn close_button(doc: &Document) -> Result<Element, JsValue> {
    let close = el(doc, "button", "close", "×")?;
    close.set_attribute("type", "button")?;
    close.set_attribute("aria-label", &msg("card_hide"))?;
    Ok(close)
}

/// A button that folds the card into a chip on this site, or opens it.
fn fold_button(doc: &Document, label: &str, fold: bool) -> Result<Element, JsValue> {
    let button = el(doc, "button", if fold { "fold" } else { "expand" }, label)?;
    button.set_attribute("type", "button")?;
    button.set_attribute("data-collapse", if fold { "true" } else { "false" })?;
    button.set_attribute("aria-expanded", if fold { "true" } else { "false" })?;
    if fold {
        button.set_attribute("aria-label", &msg("card_fold"))?;
    }
    Ok(button)
}

/// The card's header: Kindling's name and, on a page, fold, open in the
/// popup and hide; in the popup, back to Today.
fn card_header(doc: &Document, card: &CardView, on_page: bool) -> Result<Element, JsValue> {
    let header = el(doc, "header", "", "")?;
    let brand = el(doc, "span", "brand", &msg("extName"))?;
    let tools = el(doc, "span", "tools", "")?;
    if on_page {
        let open = el(doc, "button", "open", "↗")?;
        open.set_attribute("type", "button")?;
        open.set_attribute("aria-label", &say(&Text::new("card_open_in_popup").with(card.name.as_str())))?;
        append(&tools, &[&fold_button(doc, "–", true)?, &open, &close_button(doc)?])?;
    } else {
        let back = el(doc, "a", "back", &msg("popup_today"))?;
        back.set_attribute("href", "popup.html")?;
        append(&tools, &[&back])?;
    }
    append(&header, &[&brand, &tools])?;
    Ok(header)
}

/// Someone the user has not engaged with (only visited, or not even that):
/// what Kindling knows, and "Track". On a page it fills the same frame as
/// the whole card, so the page cannot tell the two apart (issue 20).
fn render_chip(doc: &Document, root: &Element, card: &CardView, on_page: bool) -> Result<(), JsValue> {
    let article = el(doc, "article", "card chip", "")?;
    article.set_attribute("aria-label", &msg("extName"))?;
    let about = el(doc, "div", "about", "")?;
    append(&about, &[&el(doc, "p", "name", &card.name)?, &el(doc, "p", "history", &history_words(card))?])?;
    append(&article, &[&card_header(doc, card, on_page)?, &about])?;
    render_renamed(doc, &article, card)?;
    append(&article, &[&el(doc, "p", "why-track", &msg("card_why_track"))?])?;
    if let Some(person) = card.person.as_deref() {
        let track = change_button(doc, &msg("card_track"), person, &PersonChange::Track { on: true })?;
        track.set_attribute("aria-label", &say(&Text::new("card_track_name").with(card.name.as_str())))?;
        append(&article, &[&track])?;
    }
    append(&article, &[&problem_line(doc)?])?;
    append(root, &[&article])
}

/// The card folded on this site: one line that opens it.
fn render_folded(doc: &Document, root: &Element, card: &CardView) -> Result<(), JsValue> {
    let article = el(doc, "article", "card folded", "")?;
    article.set_attribute("aria-label", &msg("extName"))?;
    let stage = card.advice.as_ref().map(|a| say(&a.stage.text())).unwrap_or_default();
    let words = [msg("extName"), card.name.clone(), stage];
    let words = words.iter().filter(|w| !w.is_empty()).map(String::as_str).collect::<Vec<_>>().join(" · ");
    let open = fold_button(doc, &words, false)?;
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
        let breakdown = card.breakdown.iter().map(say).collect::<Vec<_>>().join(", ");
        say(&Text::new("card_history").with(Text::count("interactions", card.total as i64)).with(breakdown))
    } else {
        msg("card_no_history")
    }
}

/// Draw what suits the person: on a page folded on this site, the one-line
/// bar (for everyone); otherwise the whole card for people engaged with and
/// the "Track" view for others.
fn render_card(doc: &Document, root: &Element, card: &CardView, on_page: bool) -> Result<(), JsValue> {
    root.set_text_content(None);
    if card.collapsed && on_page {
        return render_folded(doc, root, card);
    }
    if !card.engaged {
        return render_chip(doc, root, card, on_page);
    }
    let article = el(doc, "article", "card", "")?;
    article.set_attribute("aria-label", &msg("extName"))?;
    let header = card_header(doc, card, on_page)?;

    let name = el(doc, "h1", "name", &card.name)?;
    let on_site = Text::new("account_on_site").with(card.handle.as_str()).with(card.site.label());
    let account = el(doc, "p", "account", &say(&on_site))?;
    let history = el(doc, "p", "history", &history_words(card))?;
    append(&article, &[&header, &name, &account])?;
    render_renamed(doc, &article, card)?;
    if !card.tags.is_empty() {
        let tags = card.tags.iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(" ");
        let line = el(doc, "p", "tags", &tags)?;
        line.set_attribute("aria-label", &say(&Text::new("card_tags").with(card.tags.join(", "))))?;
        append(&article, &[&line])?;
    }
    if card.identities.len() > 1 {
        render_accounts(doc, &article, card)?;
    }
    append(&article, &[&history])?;
    if let Some(advice) = &card.advice {
        append(&article, &[&el(doc, "p", "balance", &say(&advice.balance))?])?;
    }
    if let Some(last) = card.last_at {
        append(&article, &[&el(doc, "p", "last", &say(&Text::new("card_last").with(ago(last, now()))))?])?;
    }
    if let Some(advice) = &card.advice {
        render_advice(doc, &article, advice)?;
    }
    render_actions(doc, &article, card)?;
    if let Some(person) = card.person.as_deref() {
        render_reached_out(doc, &article, card, person)?;
        render_memory(doc, &article, card, person)?;
        if !on_page {
            render_edit(doc, &article, card, person)?;
        }
    }
    append(&article, &[&problem_line(doc)?])?;
    append(root, &[&article])
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
        Kind::Call => "☎",
        Kind::InPerson => "☕",
    }
}

/// "They reached out": what they did that Kindling cannot see (a message,
/// a call, meeting in person…), optionally when, entered by hand; and, just
/// after, a way to undo it.
fn render_reached_out(doc: &Document, article: &Element, card: &CardView, person: &str) -> Result<(), JsValue> {
    let entered = JUST_ENTERED.with(|just| just.borrow().clone());
    let on_timeline =
        entered.filter(|(id, _)| card.timeline.iter().any(|item| item.by_hand.as_deref() == Some(id.as_str())));
    if let Some((id, message)) = on_timeline {
        let line = el(doc, "p", "entered", "")?;
        line.set_attribute("role", "status")?;
        let undo = PersonChange::RemoveReachedOut { interaction: id };
        let button = change_button(doc, &msg("card_undo"), person, &undo)?;
        append(&line, &[&el(doc, "span", "", &say(&message))?, &button])?;
        append(article, &[&line])?;
    } else {
        JUST_ENTERED.with(|just| just.borrow_mut().take());
    }
    let details = el(doc, "details", "reached-out", "")?;
    let summary = el(doc, "summary", "", &msg("card_reached_out"))?;
    let row = el(doc, "div", "add", "")?;
    let what = el(doc, "select", "reached-kind", "")?;
    what.set_attribute("aria-label", &msg("card_reached_out_what"))?;
    for kind in Kind::BY_HAND {
        let option = el(doc, "option", "", &say(&kind.text()))?;
        option.set_attribute("value", kind.id())?;
        append(&what, &[&option])?;
    }
    let when = el(doc, "input", "reached-date", "")?;
    when.set_attribute("type", "date")?;
    when.set_attribute("aria-label", &msg("card_reached_out_when"))?;
    if let Some(today) = super::local_today() {
        when.set_attribute("max", &today.format("%Y-%m-%d").to_string())?;
    }
    let save = el(doc, "button", "action", &msg("card_reached_out_save"))?;
    save.set_attribute("type", "button")?;
    save.set_attribute("data-reach", person)?;
    save.set_attribute("data-site", card.site.id())?;
    append(&row, &[&what, &when, &save])?;
    append(&details, &[&summary, &row])?;
    append(article, &[&details])
}

/// Enter what they did, from the "They reached out" fields: today (or no
/// date) is now; an earlier day is noon of that day, local time.
async fn reached_out(hooks: &Hooks, button: &Element) -> Result<(), JsValue> {
    let doc = document()?;
    let (Some(person), Some(site)) = (button.get_attribute("data-reach"), button.get_attribute("data-site")) else {
        return Ok(());
    };
    let Ok(site) = serde_json::from_value::<Site>(serde_json::Value::String(site)) else { return Ok(()) };
    let field = |css: &str| -> Result<String, JsValue> {
        let node = doc.query_selector(css)?.ok_or("no field")?;
        Ok(js_sys::Reflect::get(&node, &"value".into())?.as_string().unwrap_or_default())
    };
    let kind = field("select.reached-kind")?;
    let Some(kind) = Kind::BY_HAND.into_iter().find(|k| k.id() == kind) else { return Ok(()) };
    let at = match chrono::NaiveDate::parse_from_str(&field("input.reached-date")?, "%Y-%m-%d").ok() {
        Some(day) if Some(day) != super::local_today() => {
            let noon = js_sys::Date::new_with_year_month_day_hr_min_sec(
                day.year() as u32,
                day.month0() as i32,
                day.day() as i32,
                12,
                0,
                0,
            );
            chrono::DateTime::from_timestamp_millis(noon.get_time() as i64)
        }
        _ => None,
    };
    let change = PersonChange::ReachedOut { site, kind, at };
    match parse(hooks.ask(&Request::UpdatePerson { person, change }).await?) {
        Ok(Answer::ReachedOut { interaction, message }) => {
            JUST_ENTERED.with(|just| *just.borrow_mut() = Some((interaction, message)));
            draw(hooks).await?;
        }
        Ok(Answer::Error { message }) | Err(message) => form_problem(&say(&message)),
        Ok(_) => form_problem(&msg("error_wrong_answer")),
    }
    Ok(())
}

/// The person's accounts, under the name: links only where the core found
/// them safe (https on the site's own host).
fn render_accounts(doc: &Document, article: &Element, card: &CardView) -> Result<(), JsValue> {
    let list = el(doc, "ul", "accounts", "")?;
    list.set_attribute("aria-label", &msg("card_accounts"))?;
    for account in &card.identities {
        let item = el(doc, "li", "", "")?;
        let words = say(&Text::new("account_site_handle").with(account.site.label()).with(account.handle.as_str()));
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
        list.set_attribute("aria-label", &msg("card_recent"))?;
        let now = now();
        for item in &card.timeline {
            let line = el(doc, "li", if item.inbound { "inbound" } else { "outbound" }, "")?;
            let icon = el(doc, "span", "icon", kind_icon(item.kind))?;
            icon.set_attribute("aria-hidden", "true")?;
            let what = if item.inbound { Text::new("from_them").with(item.kind.text()) } else { item.kind.text() };
            let words = format!("{} · {}", say(&what), say(&ago(item.at, now)));
            append(&line, &[&icon, &el(doc, "span", "", &words)?])?;
            if let Some(id) = &item.by_hand {
                // Entered by the user, not seen by Kindling: marked so, and
                // theirs to take back.
                let mark = el(doc, "span", "by-hand", &msg("card_by_hand"))?;
                let remove = PersonChange::RemoveReachedOut { interaction: id.clone() };
                let button = change_button(doc, "×", person, &remove)?;
                button.set_attribute("class", "remove")?;
                button.set_attribute("aria-label", &say(&Text::new("card_remove_entry").with(what.clone())))?;
                append(&line, &[&mark, &button])?;
            }
            if let Some(snippet) = &item.snippet {
                append(&line, &[&el(doc, "q", "snippet", snippet)?])?;
            }
            append(&list, &[&line])?;
        }
        append(article, &[&list])?;
    }
    let memory = el(doc, "section", "memory", "")?;
    memory.set_attribute("aria-label", &msg("card_memory"))?;
    if !card.ask_about.is_empty() {
        let list = el(doc, "ul", "ask-about", "")?;
        list.set_attribute("aria-label", &msg("card_ask_about"))?;
        for item in &card.ask_about {
            let line = el(doc, "li", if item.due { "due" } else { "later" }, "")?;
            let words = match (item.due, item.after) {
                (true, _) | (false, None) => Text::new("card_ask_item").with(item.text.as_str()),
                (false, Some(after)) => {
                    Text::new("card_ask_item_from").with(item.text.as_str()).with(local_date(after))
                }
            };
            let done = change_button(doc, &msg("card_asked"), person, &PersonChange::AskedAbout { index: item.index })?;
            done.set_attribute("aria-label", &say(&Text::new("card_asked_name").with(item.text.as_str())))?;
            append(&line, &[&el(doc, "span", "", &say(&words))?, &done])?;
            append(&list, &[&line])?;
        }
        append(&memory, &[&list])?;
    }
    if !card.notes.is_empty() {
        let list = el(doc, "ul", "notes", "")?;
        list.set_attribute("aria-label", &msg("card_notes"))?;
        for note in card.notes.iter().take(3) {
            append(&list, &[&el(doc, "li", "", note)?])?;
        }
        append(&memory, &[&list])?;
    }
    let ask = el(doc, "div", "add ask", "")?;
    let ask_text = text_field(doc, "ask-text", &msg("card_ask_field"))?;
    let ask_date = el(doc, "input", "ask-date", "")?;
    ask_date.set_attribute("type", "date")?;
    ask_date.set_attribute("aria-label", &msg("card_ask_date"))?;
    let ask_add = el(doc, "button", "action", &msg("card_add"))?;
    ask_add.set_attribute("type", "button")?;
    ask_add.set_attribute("data-add", "ask")?;
    ask_add.set_attribute("data-person", person)?;
    ask_add.set_attribute("aria-label", &msg("card_add_ask"))?;
    append(&ask, &[&ask_text, &ask_date, &ask_add])?;
    let note = el(doc, "div", "add", "")?;
    let note_text = text_field(doc, "note-text", &msg("card_note_field"))?;
    let note_add = el(doc, "button", "action", &msg("card_add"))?;
    note_add.set_attribute("type", "button")?;
    note_add.set_attribute("data-add", "note")?;
    note_add.set_attribute("data-person", person)?;
    note_add.set_attribute("aria-label", &msg("card_add_note"))?;
    append(&note, &[&note_text, &note_add])?;
    append(&memory, &[&ask, &note])?;
    append(article, &[&memory])?;
    render_merge(doc, article, card, person)
}

/// "Same person elsewhere?": find the person's other accounts among the
/// people Kindling knows, and merge them into this one.
fn render_merge(doc: &Document, article: &Element, card: &CardView, person: &str) -> Result<(), JsValue> {
    let details = el(doc, "details", "merge", "")?;
    let summary = el(doc, "summary", "", &say(&Text::new("card_merge_open").with(card.name.as_str())))?;
    let row = el(doc, "div", "add", "")?;
    let query = text_field(doc, "merge-query", &msg("card_merge_field"))?;
    query.set_attribute("type", "search")?;
    let find = el(doc, "button", "action", &msg("card_merge_find"))?;
    find.set_attribute("type", "button")?;
    find.set_attribute("data-find", person)?;
    append(&row, &[&query, &find])?;
    let found = el(doc, "ul", "found", "")?;
    found.set_attribute("aria-label", &msg("card_merge_found"))?;
    found.set_attribute("aria-live", "polite")?;
    append(&details, &[&summary, &row, &found])?;
    append(article, &[&details])
}

/// Search for the people the query names (not this one) and list them,
/// each with a button to merge them into this person.
async fn find_people(hooks: &Hooks, button: &Element) -> Result<(), JsValue> {
    let doc = document()?;
    let Some(person) = button.get_attribute("data-find") else { return Ok(()) };
    let query: HtmlInputElement = doc.query_selector("input.merge-query")?.ok_or("no search field")?.dyn_into()?;
    let Some(list) = doc.query_selector("ul.found")? else { return Ok(()) };
    let request = Request::FindPeople { query: query.value(), except: Some(person.clone()) };
    let people = match parse(hooks.ask(&request).await?) {
        Ok(Answer::Found { people }) => people,
        Ok(Answer::Error { message }) | Err(message) => {
            form_problem(&say(&message));
            return Ok(());
        }
        Ok(_) => Vec::new(),
    };
    list.set_text_content(None);
    if people.is_empty() {
        append(&list, &[&el(&doc, "li", "", &msg("card_merge_nobody"))?])?;
    }
    for other in people {
        let item = el(&doc, "li", "", "")?;
        let accounts: Vec<String> = other
            .accounts
            .iter()
            .map(|(site, handle)| say(&Text::new("account_on_site").with(handle.as_str()).with(site.label())))
            .collect();
        let who = el(&doc, "span", "", &format!("{} · {}", other.name, accounts.join(", ")))?;
        let merge = el(&doc, "button", "action", &msg("card_merge"))?;
        merge.set_attribute("type", "button")?;
        merge.set_attribute("data-merge", &other.person)?;
        merge.set_attribute("data-person", &person)?;
        merge.set_attribute("aria-label", &say(&Text::new("card_merge_name").with(other.name.as_str())))?;
        append(&item, &[&who, &merge])?;
        append(&list, &[&item])?;
    }
    Ok(())
}

/// Merge the chosen person into this one: one friend, all their accounts.
async fn merge(hooks: &Hooks, button: &Element) -> Result<(), JsValue> {
    let (Some(keep), Some(other)) = (button.get_attribute("data-person"), button.get_attribute("data-merge")) else {
        return Ok(());
    };
    match parse(hooks.ask(&Request::Merge { keep, other }).await?) {
        Ok(Answer::Error { message }) | Err(message) => form_problem(&say(&message)),
        Ok(_) => {
            if let Some(details) = document()?.query_selector("details.merge")? {
                details.remove_attribute("open")?;
            }
            draw(hooks).await?;
        }
    }
    Ok(())
}

/// In the popup, everything else the user may change about the person:
/// their tags, whether they live nearby (coffee or a call), splitting an
/// account off, deleting them.
fn render_edit(doc: &Document, article: &Element, card: &CardView, person: &str) -> Result<(), JsValue> {
    let details = el(doc, "details", "edit", "")?;
    let summary = el(doc, "summary", "", &say(&Text::new("card_edit").with(card.name.as_str())))?;
    let row = el(doc, "div", "add", "")?;
    let tags: HtmlInputElement = text_field(doc, "tags-field", &msg("card_tags_field"))?.dyn_into()?;
    tags.set_value(&card.tags.join(", "));
    let save = el(doc, "button", "action", &msg("card_tags_save"))?;
    save.set_attribute("type", "button")?;
    save.set_attribute("data-tags", person)?;
    append(&row, &[&tags, &save])?;
    let local = change_button(doc, &msg("card_local"), person, &PersonChange::Local { on: !card.local })?;
    local.set_attribute("aria-pressed", if card.local { "true" } else { "false" })?;
    append(&details, &[&summary, &row, &local])?;
    if card.identities.len() > 1 {
        let list = el(doc, "ul", "split", "")?;
        list.set_attribute("aria-label", &msg("card_accounts"))?;
        for account in &card.identities {
            let item = el(doc, "li", "", "")?;
            let words = say(&Text::new("account_site_handle").with(account.site.label()).with(account.handle.as_str()));
            let button = el(doc, "button", "action", &msg("card_split"))?;
            button.set_attribute("type", "button")?;
            button.set_attribute("data-split", &format!("{}:{}", account.site.id(), account.handle))?;
            button.set_attribute("data-person", person)?;
            button.set_attribute("aria-label", &say(&Text::new("card_split_name").with(words.as_str())))?;
            append(&item, &[&el(doc, "span", "", &words)?, &button])?;
            append(&list, &[&item])?;
        }
        append(&details, &[&list])?;
    }
    let zone = el(doc, "div", "delete-person", "")?;
    let delete = el(doc, "button", "action danger", &say(&Text::new("card_delete").with(card.name.as_str())))?;
    delete.set_attribute("type", "button")?;
    delete.set_attribute("data-delete", "ask")?;
    delete.set_attribute("data-person", person)?;
    delete.set_attribute("data-count", &card.total.to_string())?;
    delete.set_attribute("data-name", &card.name)?;
    append(&zone, &[&delete])?;
    append(&details, &[&zone])?;
    append(article, &[&details])
}

/// Save the tags typed (comma-separated).
async fn save_tags(hooks: &Hooks, button: &Element) -> Result<(), JsValue> {
    let doc = document()?;
    let Some(person) = button.get_attribute("data-tags") else { return Ok(()) };
    let input: HtmlInputElement = doc.query_selector("input.tags-field")?.ok_or("no tags field")?.dyn_into()?;
    let tags = input.value().split(',').map(str::to_owned).collect();
    match parse(hooks.ask(&Request::UpdatePerson { person, change: PersonChange::Tags { tags } }).await?) {
        Ok(Answer::Error { message }) | Err(message) => form_problem(&say(&message)),
        Ok(_) => {
            // Drawn again with the tags as kept (tidied).
            input.set_value("");
            draw(hooks).await?;
        }
    }
    Ok(())
}

/// Split one account off the person: it becomes someone else again.
async fn split(hooks: &Hooks, button: &Element) -> Result<(), JsValue> {
    let (Some(person), Some(account)) = (button.get_attribute("data-person"), button.get_attribute("data-split"))
    else {
        return Ok(());
    };
    match parse(hooks.ask(&Request::Split { person, account }).await?) {
        Ok(Answer::Error { message }) | Err(message) => form_problem(&say(&message)),
        Ok(_) => draw(hooks).await?,
    }
    Ok(())
}

/// Deleting a person takes two steps: the first names what goes, the
/// second deletes it and goes back to Today.
async fn delete(hooks: &Hooks, button: &Element) -> Result<(), JsValue> {
    let doc = document()?;
    let Some(person) = button.get_attribute("data-person") else { return Ok(()) };
    let Some(zone) = button.closest(".delete-person")? else { return Ok(()) };
    match button.get_attribute("data-delete").as_deref() {
        Some("ask") => {
            let name = button.get_attribute("data-name").unwrap_or_default();
            let count = button.get_attribute("data-count").and_then(|n| n.parse().ok()).unwrap_or(0);
            zone.set_text_content(None);
            let sure = Text::new("card_delete_sure").with(name.as_str()).with(Text::count("interactions", count));
            let line = el(&doc, "p", "confirm", &say(&sure))?;
            line.set_attribute("role", "alert")?;
            let yes = el(&doc, "button", "action danger", &msg("card_delete_yes"))?;
            yes.set_attribute("type", "button")?;
            yes.set_attribute("data-delete", "yes")?;
            yes.set_attribute("data-person", &person)?;
            let keep = el(&doc, "button", "action", &msg("card_delete_keep"))?;
            keep.set_attribute("type", "button")?;
            keep.set_attribute("data-delete", "keep")?;
            keep.set_attribute("data-person", &person)?;
            append(&zone, &[&line, &yes, &keep])?;
            keep.dyn_into::<web_sys::HtmlElement>()?.focus()?;
        }
        Some("yes") => match parse(hooks.ask(&Request::DeletePerson { person }).await?) {
            Ok(Answer::Error { message }) | Err(message) => form_problem(&say(&message)),
            Ok(_) => web_sys::window().ok_or("no window")?.location().set_href("popup.html")?,
        },
        _ => draw(hooks).await?,
    }
    Ok(())
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
        Ok(Answer::Error { message }) | Err(message) => form_problem(&say(&message)),
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
    append(article, &[&el(doc, "p", "stage", &say(&advice.stage.text()))?])?;
    let hint = match &advice.hint {
        HintView::SlowDown { reason, fine_after } => {
            let text = Text::new("card_slow_down").with(reason.clone()).with(until(*fine_after, now()));
            el(doc, "p", "hint slow", &say(&text))?
        }
        HintView::Nudge { reason } => el(doc, "p", "hint nudge", &say(reason))?,
        HintView::FineToEngage { left } => {
            let text = match left {
                0 => Text::new("card_engaged_enough"),
                n => Text::count("card_fine_to_engage", i64::from(*n)),
            };
            el(doc, "p", "hint fine", &say(&text))?
        }
    };
    hint.set_attribute("role", "status")?;
    append(article, &[&hint])?;
    if let Some(reciprocity) = &advice.reciprocity {
        append(article, &[&el(doc, "p", "reciprocity", &say(reciprocity))?])?;
    }
    if let Some(s) = &advice.suggestion {
        let section = el(doc, "section", "suggestion", "")?;
        section.set_attribute("aria-label", &msg("card_real_life"))?;
        let medium = Text::new(match s.medium {
            crate::model::Medium::Coffee => "suggest_coffee",
            crate::model::Medium::PhoneCall => "suggest_call",
            crate::model::Medium::VideoChat => "suggest_video",
            crate::model::Medium::Other => "suggest_meeting",
        });
        let lead = Text::new(if s.gently { "card_suggest_gently" } else { "card_suggest" }).with(medium);
        let phrases = el(doc, "ul", "phrases", "")?;
        for phrase in s.phrases.iter().map(say) {
            let item = el(doc, "li", "", "")?;
            let copy = el(doc, "button", "copy", &msg("card_copy"))?;
            copy.set_attribute("type", "button")?;
            copy.set_attribute("data-copy", &phrase)?;
            copy.set_attribute("aria-label", &say(&Text::new("card_copy_phrase").with(phrase.as_str())))?;
            append(&item, &[&el(doc, "span", "phrase", &phrase)?, &copy])?;
            append(&phrases, &[&item])?;
        }
        append(&section, &[&el(doc, "p", "lead", &say(&lead))?, &phrases])?;
        append(article, &[&section])?;
    }
    if let Some(step) = &advice.next_step {
        append(article, &[&el(doc, "p", "next", &say(step))?])?;
    }
    Ok(())
}
