//! The options page: the user's control over their data. What Kindling
//! keeps, export (JSON, CSV, vCard), import, retention, deleting one person
//! or everything, and what could not be read. Every word on it is a message
//! (`options_*` in `_locales`), said in the browser's language.

mod build;
mod network;
mod reminders;
mod results;
pub(super) mod sync;

use super::{body, document, download, msg, parse, say, set_language, Answer, Hooks};
use crate::browser::dom::{append, el};
use crate::browser::now;
use crate::engine::words::ago;
use crate::model::text::Text;
use crate::model::{Settings, Site};
use crate::service::messages::{ExportFormat, ImportMode, Request};
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
const RETENTION: [Option<u32>; 5] = [None, Some(3), Some(6), Some(12), Some(24)];

/// "Forever", "3 months", "1 year": a retention choice in words.
fn retention_words(months: Option<u32>) -> Text {
    match months {
        None => Text::new("options_retention_forever"),
        Some(m) if m % 12 == 0 => Text::count("options_retention_years", i64::from(m / 12)),
        Some(m) => Text::count("options_retention_months", i64::from(m)),
    }
}

/// What of the page an action's answer changes.
enum Redraw {
    Nothing,
    /// The status and the settings (recording, retention, pacing…).
    Settings,
    /// Those and the list of everyone (a deletion, an import).
    Everything,
}

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
    /// People and interactions as last counted (the delete confirmation names them).
    counts: std::cell::Cell<(usize, usize)>,
}

/// Build the options page. `hooks` has `send(message) → Promise`.
#[wasm_bindgen]
pub async fn show_options(hooks: Hooks) -> Result<(), JsValue> {
    let doc = document()?;
    set_language(&doc, "options_title").await;
    let root = body(&doc)?;
    root.set_text_content(None);
    let page = Rc::new(Page {
        status: el(&doc, "div", "status", "")?,
        sites: el(&doc, "ul", "sites", "")?,
        people: el(&doc, "div", "people-list", "")?,
        instances: el(&doc, "ul", "instances", "")?,
        message: el(&doc, "p", "message", "")?,
        settings: RefCell::new(Settings::default()),
        counts: std::cell::Cell::new((0, 0)),
        hooks,
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
                        page.say(&Text::new("options_went_wrong").with(format!("{e:?}")), true);
                    }
                });
                return;
            }
            spawn_local(async move {
                if let Err(e) = page.act(&button).await {
                    let why = e.as_string().unwrap_or_else(|| format!("{e:?}"));
                    page.say(&Text::new("options_went_wrong").with(why), true);
                }
            });
        }
    });
    root.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref())?;
    // One listener for the page's whole life.
    handler.forget();
    page.refresh().await?;
    page.check().await
}

fn button(doc: &Document, label: &str, action: &str) -> Result<Element, JsValue> {
    let b = el(doc, "button", "", label)?;
    b.set_attribute("type", "button")?;
    b.set_attribute("data-action", action)?;
    Ok(b)
}

/// The pacing thresholds the user can change, as the keys of their labels:
/// `options_pace_` and the settings field. docs/pacing.md explains each.
const PACING_NUMBERS: [&str; 10] = [
    "options_pace_ramp_start",
    "options_pace_ramp_step_weeks",
    "options_pace_plateau",
    "options_pace_burst_touches",
    "options_pace_burst_minutes",
    "options_pace_quiet_days",
    "options_pace_ready_weeks",
    "options_pace_ready_inbound",
    "options_pace_cooling_weeks",
    "options_pace_no_answer_days",
];

/// The phrasings the user can edit, one per line, the same way.
const PACING_PHRASES: [&str; 2] = ["options_pace_coffee_phrases", "options_pace_call_phrases"];

/// The settings field a pacing label's key names.
fn field(key: &str) -> &str {
    key.trim_start_matches("options_pace_")
}

/// A section with its heading and, unless it is `None`, an introduction.
fn section(doc: &Document, title: &str, intro: Option<&str>) -> Result<Element, JsValue> {
    let s = el(doc, "section", "", "")?;
    append(&s, &[&el(doc, "h2", "", title)?])?;
    if let Some(intro) = intro {
        append(&s, &[&el(doc, "p", "intro", intro)?])?;
    }
    Ok(s)
}

impl Page {
    fn build(&self, root: &Element) -> Result<(), JsValue> {
        let doc = &self.doc;
        let title = el(doc, "h1", "", &msg("options_title"))?;
        let intro = el(doc, "p", "intro", &msg("options_intro"))?;
        let sites = section(doc, &msg("options_sites"), Some(&msg("options_sites_text")))?;
        append(&sites, &[&self.sites])?;
        let people = section(doc, &msg("options_people"), None)?;
        append(&people, &[&self.people])?;
        append(
            root,
            &[
                &title,
                &intro,
                &self.message,
                &self.status,
                &self.results_section()?,
                &self.privacy_section()?,
                &self.export_section()?,
                &self.import_section()?,
                &self.network_section()?,
                &self.keeping_section()?,
                &self.pacing_section()?,
                &reminders::section(&self.doc, &self.hooks)?,
                &sync::section(&self.doc, &self.hooks)?,
                &sites,
                &self.mastodon_section()?,
                &people,
                &self.danger_section()?,
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
    fn say(&self, text: &Text, problem: bool) {
        self.message.set_text_content(Some(&say(text)));
        self.message.set_class_name(if problem { "message error" } else { "message done" });
        let _ = self.message.set_attribute("role", if problem { "alert" } else { "status" });
    }

    async fn ask(&self, request: &Request) -> Result<Answer, JsValue> {
        parse(self.hooks.ask(request).await?).map_err(|e| JsValue::from(say(&e)))
    }

    /// Redraw the status and the list of people from the background.
    async fn refresh(&self) -> Result<(), JsValue> {
        self.redraw_settings().await?;
        self.show_everyone().await?;
        self.show_results().await
    }

    async fn show_everyone(&self) -> Result<(), JsValue> {
        match self.ask(&Request::People {}).await? {
            Answer::People { people } => self.show_people(&people)?,
            Answer::Error { message } => self.say(&message, true),
            _ => {}
        }
        Ok(())
    }

    /// Read the whole record once, to find what can no longer be read (it
    /// is set aside and listed); redraw the counts it changes. Only the
    /// record's summary is redrawn: a form the user is filling in stays.
    async fn check(&self) -> Result<(), JsValue> {
        match self.ask(&Request::Check {}).await? {
            Answer::Status { status } => {
                let before = self.counts.get();
                self.show_record(&status).await?;
                // A person (or their interaction) set aside leaves the list too.
                if before != (status.people, status.interactions) {
                    self.show_everyone().await?;
                }
                Ok(())
            }
            Answer::Error { message } => {
                self.say(&message, true);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    async fn show_status(&self, status: &StatusView) -> Result<(), JsValue> {
        self.show_record(status).await?;
        let doc = &self.doc;
        self.show_sites(&status.sites, &status.settings.sites_off)?;
        self.show_instances(&status.settings.mastodon_instances)?;
        self.settings.replace(status.settings.clone());
        let select: HtmlSelectElement = doc.get_element_by_id("retention").ok_or("no retention control")?.dyn_into()?;
        select.set_value(&status.settings.retention_months.map(|m| m.to_string()).unwrap_or_default());
        let chips: HtmlInputElement = doc.get_element_by_id("track-chips").ok_or("no chip control")?.dyn_into()?;
        chips.set_checked(status.settings.track_chips);
        let snippets: HtmlInputElement =
            doc.get_element_by_id("keep-snippets").ok_or("no snippet control")?.dyn_into()?;
        snippets.set_checked(status.settings.keep_snippets);
        self.show_pacing(&status.settings.pacing)
    }

    /// The record's summary: counts, storage used, what was set aside.
    async fn show_record(&self, status: &StatusView) -> Result<(), JsValue> {
        let doc = &self.doc;
        self.status.set_text_content(None);
        let counts = Text::new("options_counts")
            .with(Text::count("people", status.people as i64))
            .with(Text::count("interactions", status.interactions as i64));
        append(&self.status, &[&el(doc, "p", "counts", &say(&counts))?])?;
        if let Some((usage, quota)) = estimate().await {
            let share = if quota > 0.0 { usage / quota } else { 0.0 };
            let line = Text::new("options_storage_used").with(size(usage)).with(size(quota));
            append(&self.status, &[&el(doc, "p", "usage", &say(&line))?])?;
            if share >= 0.8 {
                let warning = el(doc, "p", "error", &msg("options_storage_full"))?;
                warning.set_attribute("role", "alert")?;
                append(&self.status, &[&warning])?;
            }
        }
        if !status.quarantined.is_empty() {
            let notice = el(doc, "div", "quarantine", "")?;
            notice.set_attribute("role", "alert")?;
            let text = say(&Text::count("options_quarantined", status.quarantined.len() as i64));
            let list = el(doc, "ul", "", "")?;
            for q in status.quarantined.iter().take(20) {
                append(&list, &[&el(doc, "li", "", &format!("{} {}: {}", q.store, q.key, q.reason))?])?;
            }
            append(
                &notice,
                &[
                    &el(doc, "p", "", &text)?,
                    &list,
                    &button(doc, &msg("options_download_quarantined"), "export-quarantine")?,
                ],
            )?;
            append(&self.status, &[&notice])?;
        }
        self.counts.set((status.people, status.interactions));
        Ok(())
    }

    /// Fill the pacing form from the settings.
    fn show_pacing(&self, pacing: &crate::model::Pacing) -> Result<(), JsValue> {
        let value = serde_json::to_value(pacing).unwrap_or_default();
        for key in PACING_NUMBERS {
            let input: HtmlInputElement = self.control(key)?;
            input.set_value(&value[field(key)].as_u64().map(|n| n.to_string()).unwrap_or_default());
        }
        for key in PACING_PHRASES {
            let area: HtmlTextAreaElement = self.control(key)?;
            let lines: Vec<&str> =
                value[field(key)].as_array().into_iter().flatten().filter_map(|p| p.as_str()).collect();
            area.set_value(&lines.join("\n"));
        }
        Ok(())
    }

    /// The form control for the pacing setting `key` names.
    fn control<T: JsCast>(&self, key: &str) -> Result<T, JsValue> {
        self.doc
            .get_element_by_id(&format!("pace-{}", field(key)))
            .ok_or("no pacing control")?
            .dyn_into()
            .map_err(JsValue::from)
    }

    /// The pacing form as settings; a field that is not a whole number is
    /// named, and the core checks the ranges.
    fn read_pacing(&self) -> Result<Result<crate::model::Pacing, Text>, JsValue> {
        let mut value = serde_json::Map::new();
        for key in PACING_NUMBERS {
            let input: HtmlInputElement = self.control(key)?;
            let Ok(n) = input.value().trim().parse::<u32>() else {
                let label = msg(key).trim_end_matches('…').trim_end().to_owned();
                return Ok(Err(Text::new("options_pacing_not_number").with(label)));
            };
            value.insert(field(key).to_owned(), n.into());
        }
        for key in PACING_PHRASES {
            let area: HtmlTextAreaElement = self.control(key)?;
            let lines: Vec<serde_json::Value> = area.value().lines().map(|l| l.into()).collect();
            value.insert(field(key).to_owned(), lines.into());
        }
        Ok(serde_json::from_value(value.into()).map_err(|e| Text::new("options_pacing_not_saved").with(e.to_string())))
    }

    fn show_sites(&self, sites: &[SiteView], off: &[Site]) -> Result<(), JsValue> {
        let doc = &self.doc;
        let now = now();
        self.sites.set_text_content(None);
        for site in sites {
            let item = el(doc, "li", "", "")?;
            item.set_attribute("data-site", &site.site)?;
            let seen = match site.last_ok {
                Some(at) => Text::new("options_site_seen").with(ago(at, now)),
                None => Text::new("options_site_not_seen"),
            };
            append(&item, &[&el(doc, "span", "name", &site.label)?, &el(doc, "span", "seen", &say(&seen))?])?;
            // Recording on this site: on unless the user turned it off.
            let is_off = off.iter().any(|s| s.id() == site.site);
            let key = if is_off { "popup_site_on" } else { "popup_site_off" };
            let switch = button(doc, &say(&Text::new(key).with(site.label.as_str())), "site-recording")?;
            switch.set_attribute("data-site", &site.site)?;
            switch.set_attribute("data-on", if is_off { "true" } else { "false" })?;
            let state =
                el(doc, "span", "recording", &msg(if is_off { "options_site_off" } else { "options_site_on" }))?;
            append(&item, &[&state, &switch])?;
            if site.misses > 0 {
                let when = site.last_miss.map(|at| say(&ago(at, now))).unwrap_or_default();
                let why = site.last_miss_reason.as_deref().unwrap_or("");
                let text = Text::count("options_site_misses", i64::from(site.misses)).with(when).with(why);
                append(&item, &[&el(doc, "span", "misses", &say(&text))?])?;
            }
            append(&item, &[&check_how(doc, &site.site)?])?;
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
            let remove = button(doc, &msg("options_remove"), "remove-instance")?;
            remove.set_attribute("data-host", host)?;
            remove.set_attribute("aria-label", &say(&Text::new("options_remove_instance").with(host.as_str())))?;
            append(&item, &[&el(doc, "span", "name", host)?, &remove])?;
            append(&self.instances, &[&item])?;
        }
        Ok(())
    }

    /// Start asking the browser for (or giving back) access to one host:
    /// the host and the browser's pending answer, or what is wrong.
    fn ask_for_host(&self, button: &Element, add: bool) -> Result<(String, bool, JsValue), Text> {
        let raw = if add {
            let input: Option<HtmlInputElement> =
                self.doc.get_element_by_id("instance-host").and_then(|e| e.dyn_into().ok());
            input.map(|i| i.value()).unwrap_or_default()
        } else {
            button.get_attribute("data-host").unwrap_or_default()
        };
        let host = if add { crate::sites::hosts::instance_host(&raw)? } else { raw };
        let origin = format!("https://{host}/*");
        let pending = if add { self.hooks.request_host(&origin) } else { self.hooks.forget_host(&origin) }
            .map_err(|e| Text::verbatim(&format!("{e:?}")))?;
        Ok((host, add, pending))
    }

    /// Finish adding or removing an instance once the browser answered.
    async fn change_instances(&self, asked: Result<(String, bool, JsValue), Text>) -> Result<(), JsValue> {
        let (host, add, pending) = match asked {
            Ok(asked) => asked,
            Err(why) => {
                self.say(&Text::new("options_not_added").with(why), true);
                return Ok(());
            }
        };
        let granted = JsFuture::from(js_sys::Promise::resolve(&pending)).await?.as_bool() == Some(true);
        if add && !granted {
            self.say(&Text::new("options_not_granted").with(host.as_str()), true);
            return Ok(());
        }
        let mut settings = self.settings.borrow().clone();
        settings.mastodon_instances.retain(|h| *h != host);
        if add {
            settings.mastodon_instances.push(host.clone());
        }
        match self.ask(&Request::SaveSettings { settings }).await? {
            Answer::Done { .. } if add => self.say(&Text::new("options_added").with(host.as_str()), false),
            Answer::Done { .. } => self.say(&Text::new("options_removed").with(host.as_str()), false),
            Answer::Error { message } => self.say(&message, true),
            _ => {}
        }
        if add {
            if let Some(input) =
                self.doc.get_element_by_id("instance-host").and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            {
                input.set_value("");
            }
        }
        self.redraw_settings().await
    }

    fn show_people(&self, people: &[PersonView]) -> Result<(), JsValue> {
        let doc = &self.doc;
        self.people.set_text_content(None);
        if people.is_empty() {
            return append(&self.people, &[&el(doc, "p", "empty", &msg("options_nobody"))?]);
        }
        let list = el(doc, "ul", "people", "")?;
        for p in people {
            let item = el(doc, "li", "", "")?;
            item.set_attribute("data-person", &p.id)?;
            let interactions = say(&Text::count("interactions", p.interactions as i64));
            let what = format!("{} · {interactions}", p.accounts.join(", "));
            let delete = button(doc, &msg("options_delete"), "delete-person")?;
            delete.set_attribute("data-person", &p.id)?;
            // The name, for the question asked before deleting.
            delete.set_attribute("data-name", &p.name)?;
            delete.set_attribute("aria-label", &say(&Text::new("options_delete_person").with(p.name.as_str())))?;
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
                    Some("results_csv") => ExportFormat::ResultsCsv,
                    _ => ExportFormat::Json,
                };
                self.finish(self.ask(&Request::Export { format }).await?, Redraw::Nothing).await
            }
            "export-quarantine" => self.finish(self.ask(&Request::ExportQuarantine {}).await?, Redraw::Nothing).await,
            "site-recording" => {
                let id = button.get_attribute("data-site").unwrap_or_default();
                let site: Site = serde_json::from_value(serde_json::Value::String(id)).map_err(|e| e.to_string())?;
                let on = button.get_attribute("data-on").as_deref() == Some("true");
                self.finish(self.ask(&Request::SetRecording { site: Some(site), on }).await?, Redraw::Settings).await
            }
            "import" => self.import().await,
            "import-network" => self.import_network().await,
            "keep-snippets" => {
                let snippets: HtmlInputElement =
                    self.doc.get_element_by_id("keep-snippets").ok_or("no snippet control")?.dyn_into()?;
                let settings = Settings { keep_snippets: snippets.checked(), ..self.settings.borrow().clone() };
                self.finish(self.ask(&Request::SaveSettings { settings }).await?, Redraw::Settings).await
            }
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
                self.finish(self.ask(&Request::SaveSettings { settings }).await?, Redraw::Settings).await
            }
            "save-pacing" => match self.read_pacing()? {
                Ok(pacing) => {
                    let settings = Settings { pacing, ..self.settings.borrow().clone() };
                    self.finish(self.ask(&Request::SaveSettings { settings }).await?, Redraw::Settings).await
                }
                Err(problem) => {
                    self.say(&problem, true);
                    Ok(())
                }
            },
            "default-pacing" => self.show_pacing(&crate::model::Pacing::default()),
            "delete-person" => self.confirm_delete_person(button, &person),
            "confirm-delete-person" => {
                self.finish(self.ask(&Request::DeletePerson { person }).await?, Redraw::Everything).await
            }
            "delete-everything" => self.confirm_delete_everything(),
            "cancel-delete-everything" => self.reset_delete_everything(),
            "confirm-delete-everything" => {
                self.reset_delete_everything()?;
                self.finish(self.ask(&Request::DeleteEverything {}).await?, Redraw::Everything).await
            }
            "cancel" => self.refresh().await,
            _ => Ok(()),
        }
    }

    /// "Delete everything?", with what it would delete, and the two answers.
    fn confirm_delete_everything(&self) -> Result<(), JsValue> {
        let zone = self.doc.query_selector(".delete-all")?.ok_or("no delete area")?;
        zone.set_text_content(None);
        let (people, interactions) = self.counts.get();
        let sure = Text::new("options_delete_everything_sure")
            .with(Text::count("people", people as i64))
            .with(Text::count("interactions", interactions as i64));
        let sure = el(&self.doc, "p", "", &say(&sure))?;
        append(
            &zone,
            &[
                &sure,
                &self::button(&self.doc, &msg("options_delete_everything_yes"), "confirm-delete-everything")?,
                &self::button(&self.doc, &msg("options_keep_everything"), "cancel-delete-everything")?,
            ],
        )
    }

    fn reset_delete_everything(&self) -> Result<(), JsValue> {
        let zone = self.doc.query_selector(".delete-all")?.ok_or("no delete area")?;
        zone.set_text_content(None);
        append(&zone, &[&self::button(&self.doc, &msg("options_delete_everything_button"), "delete-everything")?])
    }

    fn confirm_delete_person(&self, button: &Element, person: &str) -> Result<(), JsValue> {
        let Some(item) = button.closest("li")? else { return Ok(()) };
        let name = button.get_attribute("data-name").unwrap_or_default();
        let _ = item.remove_child(button);
        let sure = el(&self.doc, "span", "confirm", &say(&Text::new("options_delete_person_sure").with(name)))?;
        let yes = self::button(&self.doc, &msg("options_delete_yes"), "confirm-delete-person")?;
        yes.set_attribute("data-person", person)?;
        append(&item, &[&sure, &yes, &self::button(&self.doc, &msg("options_keep"), "cancel")?])
    }

    /// The text of the file chosen in the file control `id`, if one was
    /// (and it is not too big: said, and nothing sent); the control emptied.
    async fn chosen_file(&self, id: &str) -> Result<Option<String>, JsValue> {
        let input: HtmlInputElement = self.doc.get_element_by_id(id).ok_or("no file control")?.dyn_into()?;
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            self.say(&Text::new("options_choose_file"), true);
            return Ok(None);
        };
        input.set_value("");
        // Said before reading it: a file over what a message may carry
        // would only fail on its way to the background.
        if file.size() > crate::service::messages::MAX_IMPORT as f64 {
            self.say(
                &Text::new("options_import_too_big").with((crate::service::messages::MAX_IMPORT >> 20).to_string()),
                true,
            );
            return Ok(None);
        }
        Ok(Some(JsFuture::from(file.text()).await?.as_string().unwrap_or_default()))
    }

    async fn import(&self) -> Result<(), JsValue> {
        let Some(text) = self.chosen_file("import-file").await? else { return Ok(()) };
        let replace = self.doc.query_selector("input[name=mode][value=replace]:checked")?.is_some();
        let mode = if replace { ImportMode::Replace } else { ImportMode::Merge };
        let answer = self.ask(&Request::Import { text, mode }).await?;
        self.finish(answer, Redraw::Everything).await
    }

    /// Act on an answer: save a file, or say what happened; then redraw.
    async fn finish(&self, answer: Answer, redraw: Redraw) -> Result<(), JsValue> {
        match answer {
            Answer::File { name, mime, text } => {
                download(&self.doc, &name, &mime, &text)?;
                self.say(&Text::new("options_saved_file").with(name), false);
            }
            Answer::Done { message } => self.say(&message, false),
            Answer::Error { message } => self.say(&message, true),
            _ => self.say(&Text::new("error_wrong_answer"), true),
        }
        match redraw {
            Redraw::Nothing => Ok(()),
            Redraw::Settings => self.redraw_settings().await,
            Redraw::Everything => self.refresh().await,
        }
    }

    /// The status and settings again, not the list of everyone: a setting
    /// changes no one in it, and drawing 5,000 people again took ~300 ms.
    async fn redraw_settings(&self) -> Result<(), JsValue> {
        match self.ask(&Request::Status {}).await? {
            Answer::Status { status } => self.show_status(&status).await,
            Answer::Error { message } => {
                self.say(&message, true);
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

/// Bytes used and allowed, as the browser estimates them.
async fn estimate() -> Option<(f64, f64)> {
    let storage = web_sys::window()?.navigator().storage();
    let result = JsFuture::from(storage.estimate().ok()?).await.ok()?;
    let get = |name: &str| Reflect::get(&result, &name.into()).ok().and_then(|v| v.as_f64());
    Some((get("usage")?, get("quota")?))
}

/// "1.5 MB", "1,5 MB": an amount of storage in the page's language.
fn size(bytes: f64) -> Text {
    const MB: f64 = 1024.0 * 1024.0;
    if bytes >= 1024.0 * MB {
        Text::new("options_size_gb").with(number(bytes / (1024.0 * MB), 1))
    } else if bytes >= MB {
        Text::new("options_size_mb").with(number(bytes / MB, 1))
    } else {
        Text::new("options_size_kb").with(number((bytes / 1024.0).ceil(), 0))
    }
}

/// `n` with exactly `decimals` digits after the point, written as the
/// page's language writes numbers (no grouping, as the sizes always were).
fn number(n: f64, decimals: u32) -> String {
    let options = js_sys::Object::new();
    for (name, value) in [
        ("minimumFractionDigits", JsValue::from(decimals)),
        ("maximumFractionDigits", JsValue::from(decimals)),
        ("useGrouping", JsValue::FALSE),
    ] {
        let _ = Reflect::set(&options, &name.into(), &value);
    }
    let format = js_sys::Intl::NumberFormat::new(&js_sys::Array::of1(&msg("html_lang").into()), &options);
    format.format().call1(&format, &n.into()).ok().and_then(|s| s.as_string()).unwrap_or_else(|| n.to_string())
}

/// How to check a page of a site (the popup's "Check this page"), with a
/// link to the site's first host, opened in a new tab.
fn check_how(doc: &Document, site: &str) -> Result<Element, JsValue> {
    let how = el(doc, "span", "check-how", &format!("{} ", msg("options_site_check")))?;
    let site = serde_json::from_value::<Site>(serde_json::Value::String(site.to_owned())).ok();
    if let Some(host) = site.and_then(|site| crate::sites::hosts::of(site).first()) {
        let link = el(doc, "a", "", host)?;
        link.set_attribute("href", &format!("https://{host}/"))?;
        link.set_attribute("target", "_blank")?;
        link.set_attribute("rel", "noopener noreferrer")?;
        append(&how, &[&link])?;
    }
    Ok(how)
}
