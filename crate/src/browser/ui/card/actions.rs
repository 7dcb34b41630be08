//! The card's buttons that ask the background something, then draw the
//! card again or say on it what went wrong.

use super::*;

/// Copy a phrasing to the clipboard (through the page's `copy` hook); once
/// copied, the button says so and "I suggested it" records that phrasing.
pub(super) fn copy_phrase(hooks: &Hooks, button: Element) {
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
pub(super) fn unanswered(e: &JsValue) -> String {
    let why = e.as_string().or_else(|| js_sys::Reflect::get(e, &"message".into()).ok()?.as_string());
    say(&Text::new("error_answer_not_understood").with(why.unwrap_or_default()))
}

/// Say what went wrong with one of the card's forms.
pub(super) fn form_problem(text: &str) {
    if let Some(p) = document().ok().and_then(|d| d.query_selector(".problem").ok().flatten()) {
        p.set_text_content(Some(text));
    }
}

/// Save the date typed in the card's date field (the user's local time).
pub(super) async fn schedule(hooks: &Hooks, button: &Element) -> Result<(), JsValue> {
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
pub(super) async fn fold(hooks: &Hooks, button: &Element) -> Result<(), JsValue> {
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
pub(super) async fn calendar_file(hooks: &Hooks, button: &Element) -> Result<(), JsValue> {
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

/// Enter what they did, from the "They reached out" fields: today (or no
/// date) is now; an earlier day is noon of that day, local time.
pub(super) async fn reached_out(hooks: &Hooks, button: &Element) -> Result<(), JsValue> {
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

/// Search for the people the query names (not this one) and list them,
/// each with a button to merge them into this person.
pub(super) async fn find_people(hooks: &Hooks, button: &Element) -> Result<(), JsValue> {
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
pub(super) async fn merge(hooks: &Hooks, button: &Element) -> Result<(), JsValue> {
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

/// Save the tags typed (comma-separated).
pub(super) async fn save_tags(hooks: &Hooks, button: &Element) -> Result<(), JsValue> {
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
pub(super) async fn split(hooks: &Hooks, button: &Element) -> Result<(), JsValue> {
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
pub(super) async fn delete(hooks: &Hooks, button: &Element) -> Result<(), JsValue> {
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

/// Add an ask-about item or a note from the card's fields.
pub(super) async fn add(hooks: &Hooks, button: &Element) -> Result<(), JsValue> {
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
