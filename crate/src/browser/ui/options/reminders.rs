//! The options page's Reminders section (issue 23): turning reminders on
//! (the browser's `alarms` and `notifications` permissions asked for in
//! the click that does it) or off (given back), when they come, the quiet
//! hours, and the toolbar badge. A part of the page of its own: it reads
//! and saves only the reminder settings (`Request::SaveReminders`).

use super::super::{msg, parse, say, Answer, Hooks};
use crate::browser::dom::{append, el};
use crate::model::text::Text;
use crate::model::Reminders;
use crate::service::messages::Request;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Document, Element, HtmlInputElement, HtmlSelectElement};

/// The section, drawn from the stored settings once they are read; its
/// clicks are its own.
pub(super) fn section(doc: &Document, hooks: &Hooks) -> Result<Element, JsValue> {
    let part = super::section(doc, &msg("options_reminders"), Some(&msg("options_reminders_text")))?;
    part.set_attribute("class", "reminders")?;
    let state = el(doc, "p", "reminders-state", "")?;
    let message = el(doc, "p", "reminders-message", "")?;
    message.set_attribute("aria-live", "polite")?;
    append(&part, &[&state, &form(doc)?, &message])?;
    let view = Rc::new(View { doc: doc.clone(), hooks: hooks.clone(), state, message });
    let handler = Closure::<dyn FnMut(web_sys::Event)>::new({
        let view = Rc::clone(&view);
        move |event: web_sys::Event| {
            let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
            let Some(button) = target.and_then(|t| t.closest("[data-reminders]").ok().flatten()) else { return };
            view.click(&button.get_attribute("data-reminders").unwrap_or_default());
        }
    });
    part.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref())?;
    handler.forget();
    spawn_local(async move {
        if let Err(e) = view.load().await {
            view.say(&Text::new("options_went_wrong").with(format!("{e:?}")), true);
        }
    });
    Ok(part)
}

struct View {
    doc: Document,
    hooks: Hooks,
    state: Element,
    message: Element,
}

/// The form: lead time, the evening before, the digest, quiet hours, badge.
fn form(doc: &Document) -> Result<Element, JsValue> {
    let form = el(doc, "div", "reminders-form", "")?;
    let row = |parts: &[&Element]| -> Result<Element, JsValue> {
        let p = el(doc, "p", "", "")?;
        append(&p, parts)?;
        Ok(p)
    };
    let before = labelled(doc, "options_reminders_before", &input(doc, "number", "reminders-before")?)?;
    let evening = labelled(doc, "options_reminders_evening", &input(doc, "checkbox", "reminders-evening")?)?;
    let evening_hour = hours(doc, "reminders-evening-hour", "options_reminders_evening")?;
    let digest = labelled(doc, "options_reminders_digest", &input(doc, "checkbox", "reminders-digest")?)?;
    let day = select(
        doc,
        "reminders-digest-day",
        "options_reminders_digest",
        (0..7).map(|d| (d.to_string(), msg(&format!("weekday_{d}")))),
    )?;
    let at = el(doc, "span", "", &format!(" {} ", msg("options_reminders_at")))?;
    let digest_hour = hours(doc, "reminders-digest-hour", "options_reminders_at")?;
    let quiet = el(doc, "span", "", &format!("{} ", msg("options_reminders_quiet")))?;
    let from = hours(doc, "reminders-quiet-from", "options_reminders_quiet")?;
    let until = el(doc, "span", "", &format!(" {} ", msg("options_reminders_until")))?;
    let to = hours(doc, "reminders-quiet-until", "options_reminders_until")?;
    let badge = labelled(doc, "options_reminders_badge", &input(doc, "checkbox", "reminders-badge")?)?;
    let save = el(doc, "button", "", &msg("options_reminders_save"))?;
    save.set_attribute("type", "button")?;
    save.set_attribute("data-reminders", "save")?;
    append(
        &form,
        &[
            &row(&[&before])?,
            &row(&[&evening, &evening_hour])?,
            &row(&[&digest, &day, &at, &digest_hour])?,
            &row(&[&quiet, &from, &until, &to])?,
            &row(&[&badge])?,
            &save,
        ],
    )?;
    Ok(form)
}

fn input(doc: &Document, kind: &str, id: &str) -> Result<Element, JsValue> {
    let input = el(doc, "input", "", "")?;
    input.set_attribute("type", kind)?;
    input.set_attribute("id", id)?;
    Ok(input)
}

/// A control inside its label: `<label>text <control></label>`, or the
/// box first for a checkbox.
fn labelled(doc: &Document, key: &str, control: &Element) -> Result<Element, JsValue> {
    let label = el(doc, "label", "choice", "")?;
    if control.get_attribute("type").as_deref() == Some("checkbox") {
        append(&label, &[control])?;
        label.append_with_str_1(&format!(" {} ", msg(key)))?;
    } else {
        label.append_with_str_1(&format!("{} ", msg(key)))?;
        append(&label, &[control])?;
    }
    Ok(label)
}

/// A list of choices; its accessible name is the words before it.
fn select(
    doc: &Document,
    id: &str,
    named: &str,
    choices: impl Iterator<Item = (String, String)>,
) -> Result<Element, JsValue> {
    let select = el(doc, "select", "", "")?;
    select.set_attribute("id", id)?;
    select.set_attribute("aria-label", msg(named).trim())?;
    for (value, words) in choices {
        let option = el(doc, "option", "", &words)?;
        option.set_attribute("value", &value)?;
        append(&select, &[&option])?;
    }
    Ok(select)
}

/// The hours of a day, "0:00" to "23:00".
fn hours(doc: &Document, id: &str, named: &str) -> Result<Element, JsValue> {
    select(doc, id, named, (0..24).map(|h| (h.to_string(), say(&Text::new("options_hour").with(h.to_string())))))
}

impl View {
    fn say(&self, text: &Text, problem: bool) {
        self.message.set_text_content(Some(&say(text)));
        self.message.set_class_name(if problem { "reminders-message error" } else { "reminders-message done" });
        let _ = self.message.set_attribute("role", if problem { "alert" } else { "status" });
    }

    /// The stored reminder settings, into the section.
    async fn load(&self) -> Result<Option<Reminders>, JsValue> {
        let answer = parse(self.hooks.ask(&Request::Status {}).await?).map_err(|e| JsValue::from(say(&e)))?;
        let Answer::Status { status } = answer else { return Ok(None) };
        let r = status.settings.reminders;
        self.state.set_text_content(Some(&msg(if r.on {
            "options_reminders_are_on"
        } else {
            "options_reminders_are_off"
        })));
        let switch = el(
            &self.doc,
            "button",
            "",
            &msg(if r.on { "options_reminders_turn_off" } else { "options_reminders_turn_on" }),
        )?;
        switch.set_attribute("type", "button")?;
        switch.set_attribute("data-reminders", if r.on { "off" } else { "on" })?;
        append(&self.state, &[&switch])?;
        self.set_value("reminders-before", &r.before_minutes.to_string())?;
        self.set_value("reminders-evening-hour", &r.evening_hour.to_string())?;
        self.set_value("reminders-digest-day", &r.digest_day.to_string())?;
        self.set_value("reminders-digest-hour", &r.digest_hour.to_string())?;
        self.set_value("reminders-quiet-from", &r.quiet_from.to_string())?;
        self.set_value("reminders-quiet-until", &r.quiet_until.to_string())?;
        for (id, on) in
            [("reminders-evening", r.evening_before), ("reminders-digest", r.digest), ("reminders-badge", r.badge)]
        {
            self.element(id)?.dyn_into::<HtmlInputElement>()?.set_checked(on);
        }
        Ok(Some(r))
    }

    fn element(&self, id: &str) -> Result<Element, JsValue> {
        self.doc.get_element_by_id(id).ok_or_else(|| JsValue::from(format!("no {id}")))
    }

    fn set_value(&self, id: &str, value: &str) -> Result<(), JsValue> {
        let element = self.element(id)?;
        match element.dyn_ref::<HtmlSelectElement>() {
            Some(select) => select.set_value(value),
            None => element.dyn_into::<HtmlInputElement>()?.set_value(value),
        }
        Ok(())
    }

    fn value(&self, id: &str) -> Result<String, JsValue> {
        let element = self.element(id)?;
        Ok(match element.dyn_ref::<HtmlSelectElement>() {
            Some(select) => select.value(),
            None => element.dyn_into::<HtmlInputElement>()?.value(),
        })
    }

    /// The form as settings (`on` as given), or what is not a number.
    fn read(&self, on: bool) -> Result<Result<Reminders, Text>, JsValue> {
        let number = |id: &str| -> Result<Option<u32>, JsValue> { Ok(self.value(id)?.trim().parse::<u32>().ok()) };
        let Some(before_minutes) = number("reminders-before")? else {
            let label = msg("options_reminders_before");
            return Ok(Err(Text::new("options_reminders_not_number").with(label)));
        };
        let checked =
            |id: &str| -> Result<bool, JsValue> { Ok(self.element(id)?.dyn_into::<HtmlInputElement>()?.checked()) };
        Ok(Ok(Reminders {
            on,
            before_minutes,
            evening_before: checked("reminders-evening")?,
            evening_hour: number("reminders-evening-hour")?.unwrap_or_default(),
            digest: checked("reminders-digest")?,
            digest_day: number("reminders-digest-day")?.unwrap_or_default(),
            digest_hour: number("reminders-digest-hour")?.unwrap_or_default(),
            quiet_from: number("reminders-quiet-from")?.unwrap_or_default(),
            quiet_until: number("reminders-quiet-until")?.unwrap_or_default(),
            badge: checked("reminders-badge")?,
            offer_answered: true,
        }))
    }

    /// Turn on, turn off, or save. The browser asks the user for its
    /// permissions only while their click is handled: asked now, the
    /// answer awaited after.
    fn click(self: &Rc<Self>, what: &str) {
        let asked = match what {
            "on" => Some(self.hooks.request_reminders()),
            "off" => Some(self.hooks.forget_reminders()),
            _ => None,
        };
        let view = Rc::clone(self);
        let what = what.to_owned();
        spawn_local(async move {
            if let Err(e) = view.finish(&what, asked).await {
                view.say(&Text::new("options_went_wrong").with(format!("{e:?}")), true);
            }
        });
    }

    async fn finish(&self, what: &str, asked: Option<Result<JsValue, JsValue>>) -> Result<(), JsValue> {
        let answered = match asked {
            Some(pending) => Some(JsFuture::from(js_sys::Promise::resolve(&pending?)).await),
            None => None,
        };
        let on = match (what, answered) {
            ("on", Some(Ok(granted))) if granted.as_bool() == Some(true) => true,
            ("on", _) => {
                self.say(&Text::new("options_reminders_not_granted"), true);
                return Ok(());
            }
            // Off even where the browser keeps them (granted at install).
            ("off", _) => false,
            _ => self.load_on().await?,
        };
        let reminders = match self.read(on)? {
            Ok(reminders) => reminders,
            Err(problem) => {
                self.say(&problem, true);
                return Ok(());
            }
        };
        match parse(self.hooks.ask(&Request::SaveReminders { reminders }).await?) {
            Ok(Answer::Done { message }) => self.say(&message, false),
            Ok(Answer::Error { message }) | Err(message) => self.say(&message, true),
            Ok(_) => self.say(&Text::new("error_wrong_answer"), true),
        }
        self.load().await.map(drop)
    }

    /// Whether reminders are on, as stored.
    async fn load_on(&self) -> Result<bool, JsValue> {
        let answer = parse(self.hooks.ask(&Request::Status {}).await?).map_err(|e| JsValue::from(say(&e)))?;
        Ok(matches!(answer, Answer::Status { status } if status.settings.reminders.on))
    }
}
