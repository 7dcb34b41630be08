//! The options page: the user's control over their data. What Kindling
//! keeps, export (JSON, CSV, vCard), import, retention, deleting one person
//! or everything, and what could not be read.

use super::{body, document, download, parse, Answer, Hooks};
use crate::browser::dom::{append, el};
use crate::browser::now;
use crate::card::ago;
use crate::messages::{ExportFormat, ImportMode, Request};
use crate::model::{Settings, Site};
use crate::text::Text;
use js_sys::Reflect;
use serde::Deserialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Document, Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// The core's `Status`, as the page reads it.
#[derive(Deserialize)]
pub struct StatusView {
    sites: Vec<SiteView>,
    people: usize,
    interactions: usize,
    quarantined: Vec<QuarantineView>,
    settings: Settings,
}

#[derive(Deserialize)]
struct SiteView {
    site: String,
    label: String,
    last_ok: Option<chrono::DateTime<chrono::Utc>>,
    misses: u32,
    last_miss: Option<chrono::DateTime<chrono::Utc>>,
    last_miss_reason: Option<String>,
}

#[derive(Deserialize)]
struct QuarantineView {
    store: String,
    key: String,
    reason: String,
}

/// The core's `PersonSummary`, as the page reads it.
#[derive(Deserialize)]
pub struct PersonView {
    id: String,
    name: String,
    accounts: Vec<String>,
    interactions: usize,
}

/// Retention choices offered, in months; `None` is "forever".
const RETENTION: [(Option<u32>, &str); 5] =
    [(None, "Forever"), (Some(3), "3 months"), (Some(6), "6 months"), (Some(12), "1 year"), (Some(24), "2 years")];

struct Page {
    doc: Document,
    hooks: Hooks,
    /// Sections redrawn after each change.
    status: Element,
    sites: Element,
    people: Element,
    instances: Element,
    message: Element,
    /// The settings as last read, so saving one changes only that one.
    settings: RefCell<Settings>,
}

/// Build the options page. `hooks` has `send(message) → Promise`.
#[wasm_bindgen]
pub async fn show_options(hooks: JsValue) -> Result<(), JsValue> {
    let doc = document()?;
    let root = body(&doc)?;
    root.set_text_content(None);
    let page = Rc::new(Page {
        status: el(&doc, "div", "status", "")?,
        sites: el(&doc, "ul", "sites", "")?,
        people: el(&doc, "div", "people-list", "")?,
        instances: el(&doc, "ul", "instances", "")?,
        message: el(&doc, "p", "message", "")?,
        settings: RefCell::new(Settings::default()),
        hooks: Hooks(hooks),
        doc,
    });
    page.message.set_attribute("aria-live", "polite")?;
    page.build(&root)?;
    let handler = Closure::<dyn FnMut(web_sys::Event)>::new({
        let page = Rc::clone(&page);
        move |event: web_sys::Event| {
            let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
            let Some(button) = target.and_then(|t| t.closest("[data-action]").ok().flatten()) else { return };
            let page = Rc::clone(&page);
            // The browser asks the user for a host only while the click is
            // being handled: the request is made now, its answer awaited later.
            let action = button.get_attribute("data-action").unwrap_or_default();
            if action == "add-instance" || action == "remove-instance" {
                let asked = page.ask_for_host(&button, action == "add-instance");
                spawn_local(async move {
                    if let Err(e) = page.change_instances(asked).await {
                        page.say(&format!("Something went wrong: {e:?}"), true);
                    }
                });
                return;
            }
            spawn_local(async move {
                if let Err(e) = page.act(&button).await {
                    page.say(
                        &format!("Something went wrong: {}", e.as_string().unwrap_or_else(|| format!("{e:?}"))),
                        true,
                    );
                }
            });
        }
    });
    root.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref())?;
    // One listener for the page's whole life.
    handler.forget();
    page.refresh().await
}

fn button(doc: &Document, label: &str, action: &str) -> Result<Element, JsValue> {
    let b = el(doc, "button", "", label)?;
    b.set_attribute("type", "button")?;
    b.set_attribute("data-action", action)?;
    Ok(b)
}

/// The pacing thresholds the user can change: the settings field, and its
/// label. docs/pacing.md explains each.
const PACING_NUMBERS: [(&str, &str); 10] = [
    ("ramp_start", "Touches in the first week"),
    ("ramp_step_weeks", "Weeks between each extra weekly touch"),
    ("plateau", "Touches a week at most"),
    ("burst_touches", "Touches that make a burst…"),
    ("burst_minutes", "…within this many minutes"),
    ("quiet_days", "Days without a touch before a nudge (tracked people)"),
    ("ready_weeks", "Weeks with touches before suggesting to meet"),
    ("ready_inbound", "Likes, replies or follows from them before suggesting"),
    ("cooling_weeks", "Weeks to hold back after a no"),
    ("no_answer_days", "Days without an answer that count as a no"),
];

/// The phrasings the user can edit, one per line.
const PACING_PHRASES: [(&str, &str); 2] =
    [("coffee_phrases", "Ways to suggest coffee"), ("call_phrases", "Ways to suggest a call")];

fn section(doc: &Document, title: &str, intro: &str) -> Result<Element, JsValue> {
    let s = el(doc, "section", "", "")?;
    append(&s, &[&el(doc, "h2", "", title)?])?;
    if !intro.is_empty() {
        append(&s, &[&el(doc, "p", "intro", intro)?])?;
    }
    Ok(s)
}

impl Page {
    fn build(&self, root: &Element) -> Result<(), JsValue> {
        let doc = &self.doc;
        let title = el(doc, "h1", "", "Kindling: your data")?;
        let intro = el(
            doc,
            "p",
            "intro",
            "Everything Kindling knows stays in this browser. Take it with you, bring it back, or delete it.",
        )?;

        let privacy = section(doc, &super::msg("options_privacy"), &super::msg("options_privacy_text"))?;
        privacy.set_attribute("class", "privacy")?;

        let export = section(
            doc,
            "Export",
            "Download everything as JSON (it can be imported again), or your people as CSV or vCard.",
        )?;
        let json = button(doc, "Export everything (JSON)", "export")?;
        json.set_attribute("data-format", "json")?;
        let csv = button(doc, "People as CSV", "export")?;
        csv.set_attribute("data-format", "csv")?;
        let vcard = button(doc, "People as vCard", "export")?;
        vcard.set_attribute("data-format", "vcard")?;
        append(&export, &[&json, &csv, &vcard])?;

        let import = section(
            doc,
            "Import",
            "Import a Kindling export. The whole file is checked first; if anything is wrong, nothing changes.",
        )?;
        let file = el(doc, "input", "", "")?;
        file.set_attribute("type", "file")?;
        file.set_attribute("id", "import-file")?;
        file.set_attribute("accept", "application/json,.json")?;
        let label = el(doc, "label", "", "Export file ")?;
        label.set_attribute("for", "import-file")?;
        let merge = self.radio("mode", "merge", "Merge with what is here", true)?;
        let replace = self.radio("mode", "replace", "Replace everything", false)?;
        append(&import, &[&label, &file, &merge, &replace, &button(doc, "Import", "import")?])?;

        let settings = section(
            doc,
            "Keeping and showing",
            "Interactions older than you choose are deleted; how many there were is kept.",
        )?;
        let select = el(doc, "select", "", "")?;
        select.set_attribute("id", "retention")?;
        select.set_attribute("aria-label", "Keep interactions for")?;
        for (months, label) in RETENTION {
            let option = el(doc, "option", "", label)?;
            option.set_attribute("value", &months.map(|m| m.to_string()).unwrap_or_default())?;
            append(&select, &[&option])?;
        }
        let chips = el(doc, "label", "choice", "")?;
        let chips_box = el(doc, "input", "", "")?;
        chips_box.set_attribute("type", "checkbox")?;
        chips_box.set_attribute("id", "track-chips")?;
        append(&chips, &[&chips_box])?;
        chips.append_with_str_1(" On profiles of people you haven't engaged with, show a small “Track” chip")?;
        append(&settings, &[&select, &chips, &button(doc, "Save", "save-settings")?])?;

        let pacing = section(
            doc,
            "Pacing",
            "How fast Kindling lets a relationship grow, and the words it offers when it is time to meet. The defaults suit most people.",
        )?;
        let grid = el(doc, "div", "pacing", "")?;
        for (field, text) in PACING_NUMBERS {
            let label = el(doc, "label", "", text)?;
            label.set_attribute("for", &format!("pace-{field}"))?;
            let input = el(doc, "input", "", "")?;
            input.set_attribute("type", "number")?;
            input.set_attribute("id", &format!("pace-{field}"))?;
            input.set_attribute("min", "0")?;
            input.set_attribute("step", "1")?;
            append(&grid, &[&label, &input])?;
        }
        for (field, text) in PACING_PHRASES {
            let label = el(doc, "label", "", &format!("{text} (one per line)"))?;
            label.set_attribute("for", &format!("pace-{field}"))?;
            let area = el(doc, "textarea", "", "")?;
            area.set_attribute("id", &format!("pace-{field}"))?;
            area.set_attribute("rows", "4")?;
            append(&grid, &[&label, &area])?;
        }
        append(
            &pacing,
            &[
                &grid,
                &button(doc, "Save pacing", "save-pacing")?,
                &button(doc, "Fill in the defaults", "default-pacing")?,
            ],
        )?;

        let sites = section(doc, "Sites", "When Kindling last understood each site. Sites change their pages; if one stops working, this is where it shows.")?;
        append(&sites, &[&self.sites])?;

        let mastodon = section(
            doc,
            "Mastodon instances",
            &format!(
                "Kindling works on {} out of the box. Add the instance you use: your browser asks you to let Kindling read that one site, and nothing else. The card shows on the instances above only; on added ones Kindling notes what you do and reads your notifications.",
                crate::sites::mastodon::shipped_hosts().join(", ")
            ),
        )?;
        let host = el(doc, "input", "", "")?;
        host.set_attribute("id", "instance-host")?;
        host.set_attribute("type", "text")?;
        host.set_attribute("inputmode", "url")?;
        host.set_attribute("placeholder", "social.example")?;
        host.set_attribute("autocomplete", "off")?;
        host.set_attribute("spellcheck", "false")?;
        let label = el(doc, "label", "", "Instance ")?;
        label.set_attribute("for", "instance-host")?;
        append(&mastodon, &[&self.instances, &label, &host, &button(doc, "Add instance", "add-instance")?])?;

        let people = section(doc, "People", "")?;
        append(&people, &[&self.people])?;

        let danger = section(
            doc,
            "Delete everything",
            "Deletes every person and interaction Kindling kept. Export first if you may want them back.",
        )?;
        let zone = el(doc, "div", "delete-all", "")?;
        append(&zone, &[&button(doc, "Delete everything…", "delete-everything")?])?;
        append(&danger, &[&zone])?;

        append(
            root,
            &[
                &title,
                &intro,
                &self.message,
                &self.status,
                &privacy,
                &export,
                &import,
                &settings,
                &pacing,
                &sites,
                &mastodon,
                &people,
                &danger,
            ],
        )
    }

    fn radio(&self, name: &str, value: &str, label: &str, checked: bool) -> Result<Element, JsValue> {
        let wrap = el(&self.doc, "label", "choice", "")?;
        let input = el(&self.doc, "input", "", "")?;
        input.set_attribute("type", "radio")?;
        input.set_attribute("name", name)?;
        input.set_attribute("value", value)?;
        if checked {
            input.set_attribute("checked", "")?;
        }
        append(&wrap, &[&input])?;
        wrap.append_with_str_1(&format!(" {label}"))?;
        Ok(wrap)
    }

    /// Show a message: an outcome (`status`) or a problem (`alert`).
    fn say(&self, text: &str, problem: bool) {
        self.message.set_text_content(Some(text));
        self.message.set_class_name(if problem { "message error" } else { "message done" });
        let _ = self.message.set_attribute("role", if problem { "alert" } else { "status" });
    }

    async fn ask(&self, request: &Request) -> Result<Answer, JsValue> {
        parse(self.hooks.ask(request).await?).map_err(|e| JsValue::from(super::say(&e)))
    }

    /// Redraw the status and the list of people from the background.
    async fn refresh(&self) -> Result<(), JsValue> {
        match self.ask(&Request::Status).await? {
            Answer::Status { status } => self.show_status(&status).await?,
            Answer::Error { message } => self.say(&super::say(&message), true),
            _ => {}
        }
        match self.ask(&Request::People).await? {
            Answer::People { people } => self.show_people(&people)?,
            Answer::Error { message } => self.say(&super::say(&message), true),
            _ => {}
        }
        Ok(())
    }

    async fn show_status(&self, status: &StatusView) -> Result<(), JsValue> {
        let doc = &self.doc;
        self.status.set_text_content(None);
        let people = if status.people == 1 { "person" } else { "people" };
        let counts = format!(
            "Kindling keeps {} {people} and {} interaction{}.",
            status.people,
            status.interactions,
            if status.interactions == 1 { "" } else { "s" }
        );
        append(&self.status, &[&el(doc, "p", "counts", &counts)?])?;
        if let Some((usage, quota)) = estimate().await {
            let share = if quota > 0.0 { usage / quota } else { 0.0 };
            let line = format!("Storage used: {} of the {} this browser allows.", size(usage), size(quota));
            append(&self.status, &[&el(doc, "p", "usage", &line)?])?;
            if share >= 0.8 {
                let warning = el(doc, "p", "error", "Storage is nearly full. Export your data, then shorten how long interactions are kept; Kindling will not drop anything silently.")?;
                warning.set_attribute("role", "alert")?;
                append(&self.status, &[&warning])?;
            }
        }
        if !status.quarantined.is_empty() {
            let n = status.quarantined.len();
            let notice = el(doc, "div", "quarantine", "")?;
            notice.set_attribute("role", "alert")?;
            let text = format!(
                "{n} stored record{} could not be read and {} kept aside, unchanged. Nothing else is affected.",
                if n == 1 { "" } else { "s" },
                if n == 1 { "is" } else { "are" }
            );
            let list = el(doc, "ul", "", "")?;
            for q in status.quarantined.iter().take(20) {
                append(&list, &[&el(doc, "li", "", &format!("{} {}: {}", q.store, q.key, q.reason))?])?;
            }
            append(
                &notice,
                &[
                    &el(doc, "p", "", &text)?,
                    &list,
                    &button(doc, "Download the unreadable records", "export-quarantine")?,
                ],
            )?;
            append(&self.status, &[&notice])?;
        }
        self.show_sites(&status.sites, &status.settings.sites_off)?;
        self.show_instances(&status.settings.mastodon_instances)?;
        self.settings.replace(status.settings.clone());
        let select: HtmlSelectElement = doc.get_element_by_id("retention").ok_or("no retention control")?.dyn_into()?;
        select.set_value(&status.settings.retention_months.map(|m| m.to_string()).unwrap_or_default());
        let chips: HtmlInputElement = doc.get_element_by_id("track-chips").ok_or("no chip control")?.dyn_into()?;
        chips.set_checked(status.settings.track_chips);
        self.show_pacing(&status.settings.pacing)
    }

    /// Fill the pacing form from the settings.
    fn show_pacing(&self, pacing: &crate::pacing::Pacing) -> Result<(), JsValue> {
        let value = serde_json::to_value(pacing).unwrap_or_default();
        for (field, _) in PACING_NUMBERS {
            let input: HtmlInputElement = self.control(field)?;
            input.set_value(&value[field].as_u64().map(|n| n.to_string()).unwrap_or_default());
        }
        for (field, _) in PACING_PHRASES {
            let area: HtmlTextAreaElement = self.control(field)?;
            let lines: Vec<&str> = value[field].as_array().into_iter().flatten().filter_map(|p| p.as_str()).collect();
            area.set_value(&lines.join("\n"));
        }
        Ok(())
    }

    fn control<T: JsCast>(&self, field: &str) -> Result<T, JsValue> {
        self.doc
            .get_element_by_id(&format!("pace-{field}"))
            .ok_or("no pacing control")?
            .dyn_into()
            .map_err(JsValue::from)
    }

    /// The pacing form as settings; a field that is not a whole number is
    /// named, and the core checks the ranges.
    fn read_pacing(&self) -> Result<Result<crate::pacing::Pacing, String>, JsValue> {
        let mut value = serde_json::Map::new();
        for (field, label) in PACING_NUMBERS {
            let input: HtmlInputElement = self.control(field)?;
            let Ok(n) = input.value().trim().parse::<u32>() else {
                return Ok(Err(format!("Pacing not saved: “{}” needs a whole number.", label.trim_end_matches('…'))));
            };
            value.insert(field.to_owned(), n.into());
        }
        for (field, _) in PACING_PHRASES {
            let area: HtmlTextAreaElement = self.control(field)?;
            let lines: Vec<serde_json::Value> = area.value().lines().map(|l| l.into()).collect();
            value.insert(field.to_owned(), lines.into());
        }
        Ok(serde_json::from_value(value.into()).map_err(|e| format!("Pacing not saved: {e}.")))
    }

    fn show_sites(&self, sites: &[SiteView], off: &[Site]) -> Result<(), JsValue> {
        let doc = &self.doc;
        let now = now();
        self.sites.set_text_content(None);
        for site in sites {
            let item = el(doc, "li", "", "")?;
            item.set_attribute("data-site", &site.site)?;
            let seen = match site.last_ok {
                Some(at) => format!("last seen working {}.", super::say(&ago(at, now))),
                None => "not seen yet.".to_owned(),
            };
            append(&item, &[&el(doc, "span", "name", &site.label)?, &el(doc, "span", "seen", &seen)?])?;
            // Recording on this site: on unless the user turned it off.
            let is_off = off.iter().any(|s| s.id() == site.site);
            let key = if is_off { "popup_site_on" } else { "popup_site_off" };
            let switch = button(doc, &super::say(&Text::new(key).with(site.label.as_str())), "site-recording")?;
            switch.set_attribute("data-site", &site.site)?;
            switch.set_attribute("data-on", if is_off { "true" } else { "false" })?;
            let state =
                el(doc, "span", "recording", &super::msg(if is_off { "options_site_off" } else { "options_site_on" }))?;
            append(&item, &[&state, &switch])?;
            if site.misses > 0 {
                let when = site.last_miss.map(|at| super::say(&ago(at, now))).unwrap_or_default();
                let why = site.last_miss_reason.as_deref().unwrap_or("");
                let clicks = if site.misses == 1 { "click was" } else { "clicks were" };
                let text = format!("{} {clicks} not recognised; the last, {when}: {why}.", site.misses);
                append(&item, &[&el(doc, "span", "misses", &text)?])?;
            }
            append(&self.sites, &[&item])?;
        }
        Ok(())
    }

    fn show_instances(&self, hosts: &[String]) -> Result<(), JsValue> {
        let doc = &self.doc;
        self.instances.set_text_content(None);
        for host in hosts {
            let item = el(doc, "li", "", "")?;
            item.set_attribute("data-host", host)?;
            let remove = button(doc, "Remove", "remove-instance")?;
            remove.set_attribute("data-host", host)?;
            remove.set_attribute("aria-label", &format!("Remove {host}"))?;
            append(&item, &[&el(doc, "span", "name", host)?, &remove])?;
            append(&self.instances, &[&item])?;
        }
        Ok(())
    }

    /// Start asking the browser for (or giving back) access to one host:
    /// the host and the browser's pending answer, or what is wrong.
    fn ask_for_host(&self, button: &Element, add: bool) -> Result<(String, bool, JsValue), String> {
        let raw = if add {
            let input: Option<HtmlInputElement> =
                self.doc.get_element_by_id("instance-host").and_then(|e| e.dyn_into().ok());
            input.map(|i| i.value()).unwrap_or_default()
        } else {
            button.get_attribute("data-host").unwrap_or_default()
        };
        let host = if add { crate::sites::mastodon::instance_host(&raw)? } else { raw };
        let hook = if add { "request_host" } else { "forget_host" };
        let origin = JsValue::from_str(&format!("https://{host}/*"));
        let pending =
            self.hooks.function(hook).and_then(|f| f.call1(&JsValue::NULL, &origin)).map_err(|e| format!("{e:?}"))?;
        Ok((host, add, pending))
    }

    /// Finish adding or removing an instance once the browser answered.
    async fn change_instances(&self, asked: Result<(String, bool, JsValue), String>) -> Result<(), JsValue> {
        let (host, add, pending) = match asked {
            Ok(asked) => asked,
            Err(why) => {
                self.say(&format!("Not added: {why}."), true);
                return Ok(());
            }
        };
        let granted = JsFuture::from(js_sys::Promise::resolve(&pending)).await?.as_bool() == Some(true);
        if add && !granted {
            self.say(&format!("Not added: the browser did not let Kindling read {host}."), true);
            return Ok(());
        }
        let mut settings = self.settings.borrow().clone();
        settings.mastodon_instances.retain(|h| *h != host);
        if add {
            settings.mastodon_instances.push(host.clone());
        }
        match self.ask(&Request::SaveSettings { settings }).await? {
            Answer::Done { .. } if add => self.say(&format!("Added {host}. Reload its tabs to start."), false),
            Answer::Done { .. } => self.say(&format!("Removed {host}."), false),
            Answer::Error { message } => self.say(&super::say(&message), true),
            _ => {}
        }
        if add {
            if let Some(input) =
                self.doc.get_element_by_id("instance-host").and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            {
                input.set_value("");
            }
        }
        self.refresh().await
    }

    fn show_people(&self, people: &[PersonView]) -> Result<(), JsValue> {
        let doc = &self.doc;
        self.people.set_text_content(None);
        if people.is_empty() {
            return append(&self.people, &[&el(doc, "p", "empty", "Nobody yet.")?]);
        }
        let list = el(doc, "ul", "people", "")?;
        for p in people {
            let item = el(doc, "li", "", "")?;
            item.set_attribute("data-person", &p.id)?;
            let what = format!(
                "{} · {} interaction{}",
                p.accounts.join(", "),
                p.interactions,
                if p.interactions == 1 { "" } else { "s" }
            );
            let delete = button(doc, "Delete", "delete-person")?;
            delete.set_attribute("data-person", &p.id)?;
            delete.set_attribute("aria-label", &format!("Delete {}", p.name))?;
            append(&item, &[&el(doc, "span", "name", &p.name)?, &el(doc, "span", "account", &what)?, &delete])?;
            append(&list, &[&item])?;
        }
        append(&self.people, &[&list])
    }

    async fn act(&self, button: &Element) -> Result<(), JsValue> {
        let action = button.get_attribute("data-action").unwrap_or_default();
        let person = button.get_attribute("data-person").unwrap_or_default();
        match action.as_str() {
            "export" => {
                let format = match button.get_attribute("data-format").as_deref() {
                    Some("csv") => ExportFormat::Csv,
                    Some("vcard") => ExportFormat::Vcard,
                    _ => ExportFormat::Json,
                };
                self.finish(self.ask(&Request::Export { format }).await?, false).await
            }
            "export-quarantine" => self.finish(self.ask(&Request::ExportQuarantine).await?, false).await,
            "site-recording" => {
                let id = button.get_attribute("data-site").unwrap_or_default();
                let site: Site = serde_json::from_value(serde_json::Value::String(id)).map_err(|e| e.to_string())?;
                let on = button.get_attribute("data-on").as_deref() == Some("true");
                self.finish(self.ask(&Request::SetRecording { site: Some(site), on }).await?, true).await
            }
            "import" => self.import().await,
            "save-settings" => {
                let select: HtmlSelectElement =
                    self.doc.get_element_by_id("retention").ok_or("no retention control")?.dyn_into()?;
                let chips: HtmlInputElement =
                    self.doc.get_element_by_id("track-chips").ok_or("no chip control")?.dyn_into()?;
                let settings = Settings {
                    retention_months: select.value().parse().ok(),
                    track_chips: chips.checked(),
                    ..self.settings.borrow().clone()
                };
                self.finish(self.ask(&Request::SaveSettings { settings }).await?, true).await
            }
            "save-pacing" => match self.read_pacing()? {
                Ok(pacing) => {
                    let settings = Settings { pacing, ..self.settings.borrow().clone() };
                    self.finish(self.ask(&Request::SaveSettings { settings }).await?, true).await
                }
                Err(problem) => {
                    self.say(&problem, true);
                    Ok(())
                }
            },
            "default-pacing" => self.show_pacing(&crate::pacing::Pacing::default()),
            "delete-person" => self.confirm_delete_person(button, &person),
            "confirm-delete-person" => self.finish(self.ask(&Request::DeletePerson { person }).await?, true).await,
            "delete-everything" => {
                let zone = self.doc.query_selector(".delete-all")?.ok_or("no delete area")?;
                zone.set_text_content(None);
                let sure = el(&self.doc, "p", "", "This cannot be undone. Delete every person and interaction?")?;
                append(
                    &zone,
                    &[
                        &sure,
                        &self::button(&self.doc, "Yes, delete everything", "confirm-delete-everything")?,
                        &self::button(&self.doc, "Keep everything", "cancel-delete-everything")?,
                    ],
                )
            }
            "cancel-delete-everything" => self.reset_delete_everything(),
            "confirm-delete-everything" => {
                self.reset_delete_everything()?;
                self.finish(self.ask(&Request::DeleteEverything).await?, true).await
            }
            "cancel" => self.refresh().await,
            _ => Ok(()),
        }
    }

    fn reset_delete_everything(&self) -> Result<(), JsValue> {
        let zone = self.doc.query_selector(".delete-all")?.ok_or("no delete area")?;
        zone.set_text_content(None);
        append(&zone, &[&self::button(&self.doc, "Delete everything…", "delete-everything")?])
    }

    fn confirm_delete_person(&self, button: &Element, person: &str) -> Result<(), JsValue> {
        let Some(item) = button.closest("li")? else { return Ok(()) };
        let name = button.get_attribute("aria-label").unwrap_or_default().trim_start_matches("Delete ").to_owned();
        let _ = item.remove_child(button);
        let sure = el(&self.doc, "span", "confirm", &format!("Delete {name} and their history?"))?;
        let yes = self::button(&self.doc, "Yes, delete", "confirm-delete-person")?;
        yes.set_attribute("data-person", person)?;
        append(&item, &[&sure, &yes, &self::button(&self.doc, "Keep", "cancel")?])
    }

    async fn import(&self) -> Result<(), JsValue> {
        let input: HtmlInputElement = self.doc.get_element_by_id("import-file").ok_or("no file control")?.dyn_into()?;
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            self.say("Choose an export file first.", true);
            return Ok(());
        };
        let text = JsFuture::from(file.text()).await?.as_string().unwrap_or_default();
        let replace = self.doc.query_selector("input[name=mode][value=replace]:checked")?.is_some();
        let mode = if replace { ImportMode::Replace } else { ImportMode::Merge };
        let answer = self.ask(&Request::Import { text, mode }).await?;
        input.set_value("");
        self.finish(answer, true).await
    }

    /// Act on an answer: save a file, or say what happened; then redraw.
    async fn finish(&self, answer: Answer, refresh: bool) -> Result<(), JsValue> {
        match answer {
            Answer::File { name, mime, text } => {
                download(&self.doc, &name, &mime, &text)?;
                self.say(&format!("Saved {name}."), false);
            }
            Answer::Done { message } => self.say(&super::say(&message), false),
            Answer::Error { message } => self.say(&super::say(&message), true),
            _ => self.say("Kindling got an answer meant for another page.", true),
        }
        if refresh {
            self.refresh().await?;
        }
        Ok(())
    }
}

/// Bytes used and allowed, as the browser estimates them.
async fn estimate() -> Option<(f64, f64)> {
    let storage = web_sys::window()?.navigator().storage();
    let result = JsFuture::from(storage.estimate().ok()?).await.ok()?;
    let get = |name: &str| Reflect::get(&result, &name.into()).ok().and_then(|v| v.as_f64());
    Some((get("usage")?, get("quota")?))
}

fn size(bytes: f64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    if bytes >= 1024.0 * MB {
        format!("{:.1} GB", bytes / (1024.0 * MB))
    } else if bytes >= MB {
        format!("{:.1} MB", bytes / MB)
    } else {
        format!("{:.0} kB", (bytes / 1024.0).ceil())
    }
}
