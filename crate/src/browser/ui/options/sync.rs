//! The options page's sync section (issue 24): which mode Kindling is in
//! ("Local only: nothing leaves this browser", the default, or synced,
//! sealed with the user's passphrase), turning sync on (or unlocking it on
//! this device), a round now, and turning it off. A part of the page of its
//! own: its clicks are its own (`data-sync`).

use super::super::{msg, parse, say, Answer, Hooks};
use crate::browser::dom::{append, el};
use crate::browser::now;
use crate::engine::words::ago;
use crate::model::text::Text;
use crate::service::messages::Request;
use serde::Deserialize;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Document, Element, HtmlInputElement};

/// The core's `SyncView`, as the page reads it.
#[derive(Deserialize)]
pub struct SyncStateView {
    on: bool,
    unlocked: bool,
    last: Option<chrono::DateTime<chrono::Utc>>,
    #[serde(default)]
    left_out: Vec<Text>,
    problem: Option<Text>,
}

/// The section; its state is asked for at once and drawn when it comes.
pub(super) fn section(doc: &Document, hooks: &Hooks) -> Result<Element, JsValue> {
    let part = super::section(doc, &msg("options_sync"), Some(&msg("options_sync_text")))?;
    part.set_attribute("class", "sync")?;
    let view = Rc::new(View {
        doc: doc.clone(),
        hooks: hooks.clone(),
        body: el(doc, "div", "sync-body", "")?,
        message: el(doc, "p", "sync-message", "")?,
    });
    view.message.set_attribute("aria-live", "polite")?;
    append(&part, &[&view.body, &view.message])?;
    let handler = Closure::<dyn FnMut(web_sys::Event)>::new({
        let view = Rc::clone(&view);
        move |event: web_sys::Event| {
            let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
            let Some(button) = target.and_then(|t| t.closest("[data-sync]").ok().flatten()) else { return };
            let view = Rc::clone(&view);
            let what = button.get_attribute("data-sync").unwrap_or_default();
            spawn_local(async move { view.act(&what).await });
        }
    });
    part.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref())?;
    handler.forget();
    let first = Rc::clone(&view);
    spawn_local(async move { first.ask(&Request::SyncState {}).await });
    Ok(part)
}

struct View {
    doc: Document,
    hooks: Hooks,
    body: Element,
    message: Element,
}

impl SyncStateView {
    /// The mode in words: local only, synced, or synced but locked here.
    pub fn mode(&self) -> &'static str {
        match (self.on, self.unlocked) {
            (false, _) => "sync_mode_local",
            (true, true) => "sync_mode_on",
            (true, false) => "sync_mode_locked",
        }
    }
}

impl View {
    async fn act(&self, what: &str) {
        let request = match what {
            "on" => {
                let field =
                    self.doc.get_element_by_id("sync-passphrase").and_then(|e| e.dyn_into::<HtmlInputElement>().ok());
                let remember =
                    self.doc.get_element_by_id("sync-remember").and_then(|e| e.dyn_into::<HtmlInputElement>().ok());
                let passphrase = field.as_ref().map(HtmlInputElement::value).unwrap_or_default();
                if let Some(field) = field {
                    field.set_value("");
                }
                Request::SyncOn { passphrase, remember: remember.is_some_and(|r| r.checked()) }
            }
            "off" => Request::SyncOff {},
            _ => Request::SyncNow {},
        };
        self.say(&msg("options_sync_working"), false);
        self.ask(&request).await;
    }

    /// Send `request` and draw the state it answers with.
    async fn ask(&self, request: &Request) {
        let answer = match self.hooks.ask(request).await {
            Ok(answer) => parse(answer),
            Err(e) => Err(Text::new("options_went_wrong").with(e.as_string().unwrap_or_default())),
        };
        let drawn = match answer {
            Ok(Answer::Sync { sync }) => {
                self.say("", false);
                self.draw(&sync)
            }
            Ok(Answer::Error { message }) | Err(message) => {
                self.say(&say(&message), true);
                Ok(())
            }
            Ok(_) => {
                self.say(&say(&Text::new("error_wrong_answer")), true);
                Ok(())
            }
        };
        if let Err(e) = drawn {
            self.say(&format!("{e:?}"), true);
        }
    }

    fn say(&self, text: &str, problem: bool) {
        self.message.set_text_content(Some(text));
        let _ = self.message.set_attribute("role", if problem { "alert" } else { "status" });
        self.message.set_class_name(if problem { "sync-message error" } else { "sync-message" });
    }

    fn draw(&self, s: &SyncStateView) -> Result<(), JsValue> {
        let doc = &self.doc;
        self.body.set_text_content(None);
        let line = el(doc, "p", "sync-mode", &msg(s.mode()))?;
        append(&self.body, &[&line])?;
        if let Some(last) = s.last.filter(|_| s.on) {
            append(&self.body, &[&el(doc, "p", "sync-last", &say(&Text::new("sync_last").with(ago(last, now()))))?])?;
        }
        for left in &s.left_out {
            append(&self.body, &[&el(doc, "p", "sync-left-out", &say(left))?])?;
        }
        if let Some(problem) = &s.problem {
            let p = el(doc, "p", "sync-problem error", &say(problem))?;
            p.set_attribute("role", "alert")?;
            append(&self.body, &[&p])?;
        }
        if !s.unlocked {
            append(&self.body, &[&self.passphrase_form(s.on)?])?;
        } else {
            append(&self.body, &[&button(doc, "sync_now", "now")?, &button(doc, "sync_off", "off")?])?;
            append(&self.body, &[&el(doc, "p", "intro", &msg("sync_off_text"))?])?;
        }
        Ok(())
    }

    /// The passphrase, whether to keep the key here, and the button.
    fn passphrase_form(&self, on: bool) -> Result<Element, JsValue> {
        let doc = &self.doc;
        let form = el(doc, "div", "sync-form", "")?;
        let label = el(doc, "label", "", &format!("{} ", msg("sync_passphrase")))?;
        label.set_attribute("for", "sync-passphrase")?;
        let field = el(doc, "input", "", "")?;
        field.set_attribute("type", "password")?;
        field.set_attribute("id", "sync-passphrase")?;
        field.set_attribute("autocomplete", "new-password")?;
        field.set_attribute("minlength", "10")?;
        let remember = el(doc, "label", "choice", "")?;
        let tick = el(doc, "input", "", "")?;
        tick.set_attribute("type", "checkbox")?;
        tick.set_attribute("id", "sync-remember")?;
        append(&remember, &[&tick])?;
        remember.append_with_str_1(&format!(" {}", msg("sync_remember")))?;
        let go = button(doc, if on { "sync_unlock" } else { "sync_turn_on" }, "on")?;
        append(&form, &[&label, &field, &remember, &go])?;
        Ok(form)
    }
}

fn button(doc: &Document, key: &str, what: &str) -> Result<Element, JsValue> {
    let b = el(doc, "button", "", &msg(key))?;
    b.set_attribute("type", "button")?;
    b.set_attribute("data-sync", what)?;
    Ok(b)
}
