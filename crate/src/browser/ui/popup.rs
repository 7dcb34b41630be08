//! The toolbar popup: today's short agenda, and the people engaged with lately.

use super::{
    body, document, local_today, msg, parse, say, set_language, show_error, AgendaView, Answer, Hooks, RecentView,
};
use crate::browser::dom::{append, el};
use crate::browser::now;
use crate::engine::words::ago;
use crate::model::text::Text;
use crate::model::Site;
use crate::service::messages::{PersonChange, Request};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

/// Render the popup: the people engaged with most recently.
#[wasm_bindgen]
pub async fn show_popup(hooks: Hooks) -> Result<(), JsValue> {
    let doc = document()?;
    set_language(&doc, "extName").await;
    let root = body(&doc)?;
    // Every answer first (they were asked together, as the popup opened),
    // then everything drawn at once: drawn as each came, what came first
    // was pushed down the page by what came later (Today takes longest,
    // the background just started), under the user's pointer.
    let recent = parse(hooks.ask(&Request::Recent { limit: 8 }).await?);
    let today = parse(hooks.ask(&Request::Today { today: local_today() }).await?);
    let recording = recording_state(&hooks).await?;
    let sync = parse(hooks.ask(&Request::SyncState {}).await?);
    let problem = problem(&hooks).await?;
    match recent {
        Ok(Answer::Recent { people }) => render_recent(&doc, &root, &people)?,
        Ok(Answer::Error { message }) | Err(message) => show_error(&doc, &root, &message)?,
        Ok(_) => show_error(&doc, &root, &Text::new("error_wrong_answer"))?,
    }
    if let Ok(Answer::Today { items }) = today {
        render_today(&doc, &root, &items)?;
    }
    listen_to_today(&root, &hooks)?;
    render_search(&doc, &root)?;
    listen_to_people(&root, &hooks)?;
    super::suggestions::render(&doc, &root, &hooks)?;
    render_results(&doc, &root, &hooks)?;
    if let Some(state) = recording {
        let on_a_site = state.1.is_some();
        draw_recording(&doc, &root, state)?;
        if on_a_site {
            render_check(&doc, &root, &hooks)?;
        }
    }
    listen_to_recording(&root, &hooks)?;
    // Local only (the default) or synced: always said (issue 24).
    if let Ok(Answer::Sync { sync }) = sync {
        append(&root, &[&el(&doc, "p", "sync-mode", &msg(sync.mode()))?])?;
    }
    if let Some(text) = problem {
        render_problem(&doc, &root, &hooks, &text)?;
    }
    // Always reachable, even when the record cannot be read: that is when
    // the options page matters most.
    let footer = el(&doc, "footer", "", "")?;
    let data = el(&doc, "button", "link", &msg("popup_data"))?;
    data.set_attribute("type", "button")?;
    let open = hooks.clone();
    let handler = Closure::<dyn FnMut()>::new(move || {
        let _ = open.open_options();
    });
    data.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref())?;
    handler.forget();
    append(&footer, &[&data])?;
    append(&root, &[&footer])
}

/// What went wrong on a page since the user last looked (the background
/// marks the toolbar button and says why in its title: a full store, a
/// record it could not save), at the top, until the user dismisses it.
async fn problem(hooks: &Hooks) -> Result<Option<String>, JsValue> {
    let Ok(asked) = hooks.problem() else { return Ok(None) };
    let said = js_sys::Promise::resolve(&asked);
    Ok(wasm_bindgen_futures::JsFuture::from(said).await.ok().and_then(|t| t.as_string()))
}

fn render_problem(doc: &Document, root: &Element, hooks: &Hooks, text: &str) -> Result<(), JsValue> {
    let banner = el(doc, "div", "problem", "")?;
    banner.set_attribute("role", "alert")?;
    let dismiss = el(doc, "button", "line-action", &msg("popup_problem_dismiss"))?;
    dismiss.set_attribute("type", "button")?;
    append(&banner, &[&el(doc, "p", "error", text)?, &dismiss])?;
    let clear = hooks.clone();
    let shown = banner.clone();
    // Gone once the browser has forgotten it, so the next popup does not show it again.
    let handler = Closure::<dyn FnMut()>::new(move || {
        let (clear, shown) = (clear.clone(), shown.clone());
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(cleared) = clear.clear_problem() {
                let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&cleared)).await;
            }
            shown.remove();
        });
    });
    dismiss.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref())?;
    handler.forget();
    root.prepend_with_node_1(&banner)
}

/// A person's name, linking to their card in the popup (by the account
/// given), or plain when there is none.
pub(super) fn card_link(doc: &Document, name: &str, account: Option<(Site, &str)>) -> Result<Element, JsValue> {
    let Some((site, handle)) = account else { return el(doc, "span", "name", name) };
    let link = el(doc, "a", "name", name)?;
    let handle: String = js_sys::encode_uri_component(handle).into();
    link.set_attribute("href", &format!("popup.html#card={}/{handle}", site.id()))?;
    Ok(link)
}

/// People: find someone by name or any handle, on any site, or list
/// everyone at a stage or with a tag; each found person links to their
/// card. The filter's tags are asked for when it is opened.
fn render_search(doc: &Document, root: &Element) -> Result<(), JsValue> {
    let section = el(doc, "section", "search", "")?;
    section.set_attribute("aria-label", &msg("popup_find"))?;
    let row = el(doc, "div", "add", "")?;
    let input = el(doc, "input", "people-query", "")?;
    input.set_attribute("type", "search")?;
    input.set_attribute("placeholder", &msg("popup_find_field"))?;
    input.set_attribute("aria-label", &msg("popup_find_field"))?;
    input.set_attribute("maxlength", "200")?;
    let find = el(doc, "button", "line-action", &msg("card_merge_find"))?;
    find.set_attribute("type", "button")?;
    find.set_attribute("data-search", "")?;
    append(&row, &[&input, &find])?;
    let filter = el(doc, "details", "filter", "")?;
    let stage = el(doc, "select", "stage-filter", "")?;
    stage.set_attribute("aria-label", &msg("popup_filter_stage"))?;
    append(&stage, &[&option(doc, "", &msg("popup_any_stage"))?])?;
    for s in crate::model::Stage::ALL {
        append(&stage, &[&option(doc, &stage_id(s), &say(&s.text()))?])?;
    }
    let tag = el(doc, "select", "tag-filter", "")?;
    tag.set_attribute("aria-label", &msg("popup_filter_tag"))?;
    append(&tag, &[&option(doc, "", &msg("popup_any_tag"))?])?;
    append(&filter, &[&el(doc, "summary", "", &msg("popup_filter"))?, &stage, &tag])?;
    let found = el(doc, "ul", "found", "")?;
    found.set_attribute("aria-live", "polite")?;
    append(&section, &[&row, &filter, &found])?;
    // Under the title (and the recording switches, drawn after).
    match root.query_selector("h1")? {
        Some(title) => {
            root.insert_before(&section, title.next_sibling().as_ref())?;
        }
        None => append(root, &[&section])?,
    }
    Ok(())
}

fn option(doc: &Document, value: &str, label: &str) -> Result<Element, JsValue> {
    let option = el(doc, "option", "", label)?;
    option.set_attribute("value", value)?;
    Ok(option)
}

/// A stage as the messages name it (as serde writes it).
fn stage_id(stage: crate::model::Stage) -> String {
    serde_json::to_value(stage).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// The value of the popup's control matching `css`, if it has one.
fn control_value(doc: &Document, css: &str) -> Result<String, JsValue> {
    let Some(control) = doc.query_selector(css)? else { return Ok(String::new()) };
    Ok(js_sys::Reflect::get(&control, &"value".into())?.as_string().unwrap_or_default())
}

/// List the people the search field and the filter name.
async fn search(hooks: &Hooks) -> Result<(), JsValue> {
    let doc = document()?;
    let query = control_value(&doc, "input.people-query")?;
    let stage = serde_json::from_value(serde_json::Value::String(control_value(&doc, "select.stage-filter")?)).ok();
    let tag = Some(control_value(&doc, "select.tag-filter")?).filter(|t| !t.is_empty());
    let Some(list) = doc.query_selector("section.search ul.found")? else { return Ok(()) };
    let request = Request::ListPeople { query, stage, tag, today: local_today() };
    let (people, more, tags) = match parse(hooks.ask(&request).await?) {
        Ok(Answer::Listed { people, more, tags, .. }) => (people, more, tags),
        Ok(Answer::Error { message }) | Err(message) => {
            list.set_text_content(None);
            return append(&list, &[&el(&doc, "li", "problem", &say(&message))?]);
        }
        Ok(_) => (Vec::new(), 0, Vec::new()),
    };
    fill_tags(&doc, &tags)?;
    list.set_text_content(None);
    if people.is_empty() {
        append(&list, &[&el(&doc, "li", "", &msg("card_merge_nobody"))?])?;
    }
    for person in people {
        let item = el(&doc, "li", "", "")?;
        let first = person.accounts.first().map(|(site, handle)| (*site, handle.as_str()));
        let accounts: Vec<String> = person
            .accounts
            .iter()
            .map(|(site, handle)| say(&Text::new("account_on_site").with(handle.as_str()).with(site.label())))
            .collect();
        let mut about = vec![say(&person.stage.text())];
        about.extend(person.tags.iter().map(|t| format!("#{t}")));
        append(
            &item,
            &[
                &card_link(&doc, &person.name, first)?,
                &el(&doc, "span", "account", &accounts.join(", "))?,
                &el(&doc, "span", "stage", &about.join(" · "))?,
            ],
        )?;
        if let Some(why) = &person.attention {
            append(&item, &[&el(&doc, "span", "why", &say(why))?])?;
        }
        append(&list, &[&item])?;
    }
    if more > 0 {
        append(&list, &[&el(&doc, "li", "more", &say(&Text::count("popup_more", more as i64)))?])?;
    }
    Ok(())
}

/// Results: what came of it, asked for when the user opens them (the
/// popup opens at once; the year's figures are read only when wanted).
fn render_results(doc: &Document, root: &Element, hooks: &Hooks) -> Result<(), JsValue> {
    let details = el(doc, "details", "results", "")?;
    append(&details, &[&el(doc, "summary", "", &msg("results_title"))?])?;
    append(root, &[&details])?;
    let hooks = hooks.clone();
    let shown = details.clone();
    let handler = Closure::<dyn FnMut()>::new(move || {
        let open = shown.has_attribute("open");
        if !open || shown.query_selector(".results-view, .error").ok().flatten().is_some() {
            return;
        }
        let (hooks, shown) = (hooks.clone(), shown.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let Ok(doc) = document() else { return };
            let view = match hooks.ask(&Request::Results {}).await.map(parse) {
                Ok(Ok(Answer::Results { results })) => super::results::draw(&doc, &results, false),
                Ok(Ok(Answer::Error { message }) | Err(message)) => el(&doc, "p", "error", &say(&message)),
                Ok(Ok(_)) => el(&doc, "p", "error", &say(&Text::new("error_wrong_answer"))),
                Err(e) => el(&doc, "p", "error", &e.as_string().unwrap_or_default()),
            };
            if let Ok(view) = view {
                let _ = shown.append_child(&view);
            }
        });
    });
    details.add_event_listener_with_callback("toggle", handler.as_ref().unchecked_ref())?;
    handler.forget();
    Ok(())
}

/// The tag filter's choices: every tag in use, keeping the one chosen.
fn fill_tags(doc: &Document, tags: &[String]) -> Result<(), JsValue> {
    let Some(select) = doc.query_selector("select.tag-filter")? else { return Ok(()) };
    let chosen = control_value(doc, "select.tag-filter")?;
    select.set_text_content(None);
    append(&select, &[&option(doc, "", &msg("popup_any_tag"))?])?;
    for tag in tags {
        append(&select, &[&option(doc, tag, &format!("#{tag}"))?])?;
    }
    js_sys::Reflect::set(&select, &"value".into(), &chosen.into())?;
    Ok(())
}

fn render_recent(doc: &Document, root: &Element, people: &[RecentView]) -> Result<(), JsValue> {
    root.set_text_content(None);
    let title = el(doc, "h1", "brand", &msg("extName"))?;
    let heading = el(doc, "h2", "", &msg("popup_recently"))?;
    append(root, &[&title, &heading])?;
    if people.is_empty() {
        return append(root, &[&el(doc, "p", "empty", &msg("popup_nobody_yet"))?]);
    }
    let list = el(doc, "ul", "people", "")?;
    let now = now();
    for person in people {
        let item = el(doc, "li", "", "")?;
        let name = card_link(doc, &person.name, Some((person.site, person.handle.as_str())))?;
        let on_site = Text::new("account_on_site").with(person.handle.as_str()).with(person.site.label());
        let account = el(doc, "span", "account", &say(&on_site))?;
        let what = format!("{} · {}", say(&person.last_kind.text()), say(&ago(person.last_at, now)));
        let last = el(doc, "span", "last", &what)?;
        append(&item, &[&name, &account, &last])?;
        append(&list, &[&item])?;
    }
    append(root, &[&list])
}

/// Whether Kindling is noting what the user does: everywhere, and on this
/// tab's site, each with its switch. Drawn under the title, again after each
/// switch.
async fn render_recording(hooks: &Hooks) -> Result<(), JsValue> {
    let doc = document()?;
    let root = body(&doc)?;
    match recording_state(hooks).await? {
        Some(state) => draw_recording(&doc, &root, state),
        None => Ok(()),
    }
}

/// Whether recording is paused, and the tab's site with whether it is
/// recorded there (none where Kindling does not run).
type RecordingState = (bool, Option<(Site, bool)>);

async fn recording_state(hooks: &Hooks) -> Result<Option<RecordingState>, JsValue> {
    let Ok(Answer::Recording { paused, .. }) = parse(hooks.ask(&Request::Recording {}).await?) else {
        return Ok(None);
    };
    let tab = match hooks.tab_status() {
        Ok(status) => wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&status)).await.ok(),
        Err(_) => None,
    };
    let here: Option<(Site, bool)> = tab.and_then(|t| {
        let site = js_sys::Reflect::get(&t, &"site".into()).ok()?.as_string()?;
        let site: Site = serde_json::from_value(serde_json::Value::String(site)).ok()?;
        let on = js_sys::Reflect::get(&t, &"recording".into()).ok()?.is_truthy();
        Some((site, on))
    });
    Ok(Some((paused, here)))
}

fn draw_recording(doc: &Document, root: &Element, (paused, here): RecordingState) -> Result<(), JsValue> {
    let section = el(doc, "section", "recording", "")?;
    section.set_attribute("aria-label", &msg("popup_recording"))?;
    let state = match (paused, here) {
        (true, _) => msg("popup_paused"),
        (false, Some((site, true))) => say(&Text::new("popup_recording_on").with(site.label())),
        (false, Some((site, false))) => say(&Text::new("popup_recording_off").with(site.label())),
        (false, None) => msg("popup_not_read_here"),
    };
    let line = el(doc, "p", if paused { "state paused" } else { "state" }, &state)?;
    line.set_attribute("role", "status")?;
    let switches = el(doc, "div", "switches", "")?;
    let switch = |label: &str, site: Option<Site>, on: bool| -> Result<Element, JsValue> {
        let button = el(doc, "button", "line-action", label)?;
        button.set_attribute("type", "button")?;
        button.set_attribute("data-recording", site.map_or("all", |s| s.id()))?;
        button.set_attribute("data-on", if on { "true" } else { "false" })?;
        Ok(button)
    };
    let all =
        if paused { switch(&msg("popup_resume"), None, true)? } else { switch(&msg("popup_pause"), None, false)? };
    append(&switches, &[&all])?;
    if let Some((site, on)) = here.filter(|_| !paused) {
        let key = if on { "popup_site_off" } else { "popup_site_on" };
        append(&switches, &[&switch(&say(&Text::new(key).with(site.label())), Some(site), !on)?])?;
    }
    append(&section, &[&line, &switches])?;
    if let Some(old) = root.query_selector("section.recording")? {
        old.replace_with_with_node_1(&section)?;
    } else if let Some(title) = root.query_selector("h1")? {
        root.insert_before(&section, title.next_sibling().as_ref())?;
    }
    Ok(())
}

/// The people list follows the filter as it changes, and lists everyone
/// when the filter is first opened; "Find" or Enter in the field searches.
fn listen_to_people(root: &Element, hooks: &Hooks) -> Result<(), JsValue> {
    let handler = Closure::<dyn FnMut(web_sys::Event)>::new({
        let hooks = hooks.clone();
        move |event: web_sys::Event| {
            let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
            let Some(target) = target else { return };
            let wanted = match event.type_().as_str() {
                "click" => target.closest("[data-search]").ok().flatten().is_some(),
                "change" => target.matches("section.search select").unwrap_or(false),
                "toggle" => target.matches("details.filter[open]").unwrap_or(false),
                "keydown" => {
                    target.matches("input.people-query").unwrap_or(false)
                        && js_sys::Reflect::get(&event, &"key".into()).ok().and_then(|k| k.as_string()).as_deref()
                            == Some("Enter")
                }
                _ => false,
            };
            if wanted {
                let hooks = hooks.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = search(&hooks).await;
                });
            }
        }
    });
    for kind in ["click", "change", "keydown"] {
        root.add_event_listener_with_callback(kind, handler.as_ref().unchecked_ref())?;
    }
    // `toggle` does not bubble: listen while capturing.
    root.add_event_listener_with_callback_and_bool("toggle", handler.as_ref().unchecked_ref(), true)?;
    handler.forget();
    Ok(())
}

/// One listener for the recording switches: tell the core, then draw them again.
fn listen_to_recording(root: &Element, hooks: &Hooks) -> Result<(), JsValue> {
    let handler = Closure::<dyn FnMut(web_sys::Event)>::new({
        let hooks = hooks.clone();
        move |event: web_sys::Event| {
            let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
            let Some(button) = target.and_then(|t| t.closest("[data-recording]").ok().flatten()) else { return };
            let which = button.get_attribute("data-recording").unwrap_or_default();
            let site = serde_json::from_value::<Site>(serde_json::Value::String(which)).ok();
            let on = button.get_attribute("data-on").as_deref() == Some("true");
            let hooks = hooks.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if hooks.ask(&Request::SetRecording { site, on }).await.is_ok() {
                    let _ = render_recording(&hooks).await;
                }
            });
        }
    });
    root.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref())?;
    handler.forget();
    Ok(())
}

/// A small button on an agenda line: "track" them, or snooze them for a
/// number of days.
fn line_button(doc: &Document, label: &str, person: &str, what: &str, name: &str) -> Result<Element, JsValue> {
    let button = el(doc, "button", "line-action", label)?;
    button.set_attribute("type", "button")?;
    button.set_attribute("data-person", person)?;
    button.set_attribute("data-line", what)?;
    let spoken = match what {
        "track" => "card_track_name",
        "asked" => "popup_asked_name",
        "1" => "popup_snooze_day_name",
        _ => "popup_snooze_week_name",
    };
    button.set_attribute("aria-label", &say(&Text::new(spoken).with(name)))?;
    Ok(button)
}

/// The start of the user's local day `days` from today.
fn local_midnight_in(days: u32) -> Option<chrono::DateTime<chrono::Utc>> {
    let date = js_sys::Date::new_0();
    date.set_hours(0);
    date.set_minutes(0);
    date.set_seconds(0);
    date.set_milliseconds(0);
    date.set_date(date.get_date() + days);
    chrono::DateTime::from_timestamp_millis(date.get_time() as i64)
}

/// One listener for the agenda's buttons: tell the core, then draw Today again.
fn listen_to_today(root: &Element, hooks: &Hooks) -> Result<(), JsValue> {
    let handler = Closure::<dyn FnMut(web_sys::Event)>::new({
        let hooks = hooks.clone();
        move |event: web_sys::Event| {
            let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
            let Some(button) = target.and_then(|t| t.closest("[data-line]").ok().flatten()) else { return };
            let (Some(person), Some(what)) = (button.get_attribute("data-person"), button.get_attribute("data-line"))
            else {
                return;
            };
            let change = match what.as_str() {
                "track" => PersonChange::Track { on: true },
                "asked" => {
                    let Some(index) = button.get_attribute("data-index").and_then(|i| i.parse().ok()) else { return };
                    PersonChange::AskedAbout { index }
                }
                days => PersonChange::Snooze { until: local_midnight_in(days.parse().unwrap_or(1)) },
            };
            let hooks = hooks.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = redraw_today(&hooks, person, change).await;
            });
        }
    });
    root.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref())?;
    handler.forget();
    Ok(())
}

async fn redraw_today(hooks: &Hooks, person: String, change: PersonChange) -> Result<(), JsValue> {
    let doc = document()?;
    let root = body(&doc)?;
    let said = match parse(hooks.ask(&Request::UpdatePerson { person, change }).await?) {
        Ok(Answer::Done { message }) => say(&message),
        Ok(Answer::Error { message }) | Err(message) => say(&message),
        Ok(_) => String::new(),
    };
    if let Ok(Answer::Today { items }) = parse(hooks.ask(&Request::Today { today: local_today() }).await?) {
        if let Some(old) = root.query_selector("section.today")? {
            old.remove();
        }
        render_today(&doc, &root, &items)?;
    }
    if let Some(section) = root.query_selector("section.today")? {
        let note = el(&doc, "p", "said", &said)?;
        note.set_attribute("role", "status")?;
        append(&section, &[&note])?;
    }
    Ok(())
}

/// Today's agenda, above the recent people: a handful of lines, each with
/// its reason, a way to snooze it, and "Track" for people not tracked yet.
fn render_today(doc: &Document, root: &Element, items: &[AgendaView]) -> Result<(), JsValue> {
    let section = el(doc, "section", "today", "")?;
    section.set_attribute("aria-label", &msg("popup_today"))?;
    append(&section, &[&el(doc, "h2", "", &msg("popup_today"))?])?;
    if items.is_empty() {
        append(&section, &[&el(doc, "p", "empty", &msg("popup_nothing_today"))?])?;
    } else {
        let list = el(doc, "ul", "agenda", "")?;
        for item in items {
            let line = el(doc, "li", "", "")?;
            line.set_attribute(
                "data-reason",
                &serde_json::to_value(item.reason).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
            )?;
            let account = item.account.as_ref().map(|(site, handle)| (*site, handle.as_str()));
            append(&line, &[&card_link(doc, &item.name, account)?, &el(doc, "span", "why", &say(&item.text))?])?;
            let actions = el(doc, "span", "line-actions", "")?;
            if item.reason == crate::engine::agenda::Reason::Track {
                append(&actions, &[&line_button(doc, &msg("card_track"), &item.person, "track", &item.name)?])?;
            }
            if let Some(index) = item.ask {
                let asked = line_button(doc, &msg("card_asked"), &item.person, "asked", &item.name)?;
                asked.set_attribute("data-index", &index.to_string())?;
                append(&actions, &[&asked])?;
            }
            append(
                &actions,
                &[
                    &line_button(doc, &msg("popup_snooze_day"), &item.person, "1", &item.name)?,
                    &line_button(doc, &msg("popup_snooze_week"), &item.person, "7", &item.name)?,
                ],
            )?;
            append(&line, &[&actions])?;
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

/// The page check, on a tab of a site Kindling reads: "Check this page" asks
/// the tab's content script what it finds there with the site's rules, and
/// shows that, with an English report to copy into a bug report.
fn render_check(doc: &Document, root: &Element, hooks: &Hooks) -> Result<(), JsValue> {
    let section = el(doc, "section", "check", "")?;
    section.set_attribute("aria-label", &msg("popup_check_title"))?;
    let button = el(doc, "button", "line-action", &msg("popup_check"))?;
    button.set_attribute("type", "button")?;
    let result = el(doc, "div", "check-result", "")?;
    result.set_attribute("aria-live", "polite")?;
    append(&section, &[&button, &result])?;
    // Under the recording switches, which speak of the same tab.
    let after = root.query_selector("section.recording")?.and_then(|r| r.next_sibling());
    root.insert_before(&section, after.as_ref())?;
    let handler = Closure::<dyn FnMut()>::new({
        let hooks = hooks.clone();
        move || {
            let hooks = hooks.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = check_page(&hooks).await;
            });
        }
    });
    button.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref())?;
    handler.forget();
    Ok(())
}

async fn check_page(hooks: &Hooks) -> Result<(), JsValue> {
    let doc = document()?;
    let Some(out) = doc.query_selector("section.check .check-result")? else { return Ok(()) };
    let asked = js_sys::Promise::resolve(&hooks.check_page()?);
    let answer = wasm_bindgen_futures::JsFuture::from(asked).await.unwrap_or(JsValue::NULL);
    out.set_text_content(None);
    let (lines, markers, report) = match parse(answer) {
        Ok(Answer::PageCheck { lines, markers, report }) => (lines, markers, report),
        Ok(Answer::Error { message }) => return append(&out, &[&el(&doc, "p", "error", &say(&message))?]),
        _ => return append(&out, &[&el(&doc, "p", "error", &msg("popup_check_failed"))?]),
    };
    let list = el(&doc, "ul", "check-lines", "")?;
    for line in &lines {
        append(&list, &[&el(&doc, "li", "", &say(line))?])?;
    }
    let found = el(&doc, "ul", "check-markers", "")?;
    for marker in &markers {
        let class = if marker.key == "check_marker_missing" { "missing" } else { "found" };
        append(&found, &[&el(&doc, "li", class, &say(marker))?])?;
    }
    let shown = el(&doc, "pre", "check-report", &report)?;
    shown.set_attribute("aria-label", &msg("popup_check_report"))?;
    shown.set_attribute("tabindex", "0")?;
    let copy = el(&doc, "button", "line-action", &msg("popup_check_copy"))?;
    copy.set_attribute("type", "button")?;
    copy.set_attribute("data-copy-report", "")?;
    append(
        &out,
        &[
            &list,
            &el(&doc, "h3", "", &msg("popup_check_markers"))?,
            &found,
            &el(&doc, "p", "help", &msg("popup_check_help"))?,
            &shown,
            &copy,
        ],
    )?;
    let handler = Closure::<dyn FnMut()>::new({
        let (hooks, copy, text) = (hooks.clone(), copy.clone(), report);
        move || {
            let Ok(promise) = hooks.copy(&text) else { return };
            let copy = copy.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let copied = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&promise))
                    .await
                    .is_ok_and(|ok| ok.is_truthy());
                copy.set_text_content(Some(&msg(if copied { "card_copied" } else { "card_copy_failed" })));
            });
        }
    });
    copy.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref())?;
    handler.forget();
    Ok(())
}
