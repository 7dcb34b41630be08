//! The card drawn from the core's `Card`: the header, the advice, the
//! actions, what they did, what to remember, and the forms to edit them.

use super::*;

/// Another name a page showed for them since: offered, never taken by
/// itself (issue 21), "Now called …? Use it".
pub(super) fn render_renamed(doc: &Document, article: &Element, card: &CardView) -> Result<(), JsValue> {
    let (Some(seen), Some(person)) = (card.renamed.as_deref(), card.person.as_deref()) else { return Ok(()) };
    let line = el(doc, "p", "renamed", &say(&Text::new("card_renamed").with(seen)))?;
    let button = change_button(doc, &msg("card_use_name"), person, &PersonChange::UseSeenName {})?;
    button.set_attribute("aria-label", &say(&Text::new("card_use_name_for").with(seen)))?;
    append(&line, &[&button])?;
    append(article, &[&line])
}

/// Someone with the same name and a link in common (an imported file's):
/// "Same person as …?", merge them or say they are not (issue 25).
pub(super) fn render_same_as(doc: &Document, article: &Element, card: &CardView) -> Result<(), JsValue> {
    let Some(person) = card.person.as_deref() else { return Ok(()) };
    for other in &card.same_as {
        let accounts: Vec<String> = other
            .accounts
            .iter()
            .map(|(site, handle)| say(&Text::new("account_on_site").with(handle.as_str()).with(site.label())))
            .collect();
        let words = Text::new("card_same_as").with(other.name.as_str()).with(accounts.join(", "));
        let line = el(doc, "p", "same-as", &say(&words))?;
        let merge = el(doc, "button", "action", &msg("card_same_as_merge"))?;
        merge.set_attribute("type", "button")?;
        merge.set_attribute("data-person", person)?;
        merge.set_attribute("data-merge", &other.person)?;
        let not = change_button(
            doc,
            &msg("card_same_as_not"),
            person,
            &PersonChange::NotSame { other: other.person.clone() },
        )?;
        append(&line, &[&merge, &not])?;
        append(article, &[&line])?;
    }
    Ok(())
}

/// A button that tells the core `change` about `person`.
pub(super) fn change_button(
    doc: &Document,
    label: &str,
    person: &str,
    change: &PersonChange,
) -> Result<Element, JsValue> {
    let button = el(doc, "button", "action", label)?;
    button.set_attribute("type", "button")?;
    button.set_attribute("data-person", person)?;
    button.set_attribute("data-change", &serde_json::to_string(change).unwrap_or_default())?;
    Ok(button)
}

/// The card's actions: track or not, and along the way to real life, "I
/// suggested it", their answer, "we met".
pub(super) fn render_actions(doc: &Document, article: &Element, card: &CardView) -> Result<(), JsValue> {
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
            if card.offer_reminders {
                super::reminders::render_offer(doc, article)?;
            }
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
pub(super) fn render_date_form(doc: &Document, article: &Element, person: &str) -> Result<(), JsValue> {
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

pub(super) fn close_button(doc: &Document) -> Result<Element, JsValue> {
    let close = el(doc, "button", "close", "×")?;
    close.set_attribute("type", "button")?;
    close.set_attribute("aria-label", &msg("card_hide"))?;
    Ok(close)
}

/// A button that folds the card into a chip on this site, or opens it.
pub(super) fn fold_button(doc: &Document, label: &str, fold: bool) -> Result<Element, JsValue> {
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
pub(super) fn card_header(doc: &Document, card: &CardView, on_page: bool) -> Result<Element, JsValue> {
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
pub(super) fn render_chip(doc: &Document, root: &Element, card: &CardView, on_page: bool) -> Result<(), JsValue> {
    let article = el(doc, "article", "card chip", "")?;
    article.set_attribute("aria-label", &msg("extName"))?;
    let about = el(doc, "div", "about", "")?;
    append(&about, &[&el(doc, "p", "name", &card.name)?, &el(doc, "p", "history", &history_words(card))?])?;
    append(&article, &[&card_header(doc, card, on_page)?, &about])?;
    render_renamed(doc, &article, card)?;
    render_same_as(doc, &article, card)?;
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
pub(super) fn render_folded(doc: &Document, root: &Element, card: &CardView) -> Result<(), JsValue> {
    let article = el(doc, "article", "card folded", "")?;
    article.set_attribute("aria-label", &msg("extName"))?;
    let stage = card.advice.as_ref().map(|a| say(&a.stage.text())).unwrap_or_default();
    let words = [msg("extName"), card.name.clone(), stage];
    let words = words.iter().filter(|w| !w.is_empty()).map(String::as_str).collect::<Vec<_>>().join(" · ");
    let open = fold_button(doc, &words, false)?;
    append(&article, &[&open, &close_button(doc)?, &problem_line(doc)?])?;
    append(root, &[&article])
}

pub(super) fn problem_line(doc: &Document) -> Result<Element, JsValue> {
    // Where a form or an ignored click says what went wrong.
    let problem = el(doc, "p", "problem", "")?;
    problem.set_attribute("role", "alert")?;
    Ok(problem)
}

pub(super) fn history_words(card: &CardView) -> String {
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
pub(super) fn render_card(doc: &Document, root: &Element, card: &CardView, on_page: bool) -> Result<(), JsValue> {
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
    render_same_as(doc, &article, card)?;
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
pub(super) fn kind_icon(kind: Kind) -> &'static str {
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
pub(super) fn render_reached_out(
    doc: &Document,
    article: &Element,
    card: &CardView,
    person: &str,
) -> Result<(), JsValue> {
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

/// The person's accounts, under the name: links only where the core found
/// them safe (https on the site's own host).
pub(super) fn render_accounts(doc: &Document, article: &Element, card: &CardView) -> Result<(), JsValue> {
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
pub(super) fn render_memory(doc: &Document, article: &Element, card: &CardView, person: &str) -> Result<(), JsValue> {
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
pub(super) fn render_merge(doc: &Document, article: &Element, card: &CardView, person: &str) -> Result<(), JsValue> {
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

/// In the popup, everything else the user may change about the person:
/// their tags, whether they live nearby (coffee or a call), splitting an
/// account off, deleting them.
pub(super) fn render_edit(doc: &Document, article: &Element, card: &CardView, person: &str) -> Result<(), JsValue> {
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

pub(super) fn text_field(doc: &Document, class: &str, placeholder: &str) -> Result<Element, JsValue> {
    let input = el(doc, "input", class, "")?;
    input.set_attribute("type", "text")?;
    input.set_attribute("placeholder", placeholder)?;
    input.set_attribute("aria-label", placeholder)?;
    input.set_attribute("maxlength", "500")?;
    Ok(input)
}

/// What the pacing engine says: the stage, slow down or reach out, what to
/// ask about, and when it is time, the soft suggestion to meet.
pub(super) fn render_advice(doc: &Document, article: &Element, advice: &AdviceView) -> Result<(), JsValue> {
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

/// A date and time in the user's own zone and words.
pub(super) fn local_words(at: chrono::DateTime<chrono::Utc>) -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"full".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64))
        .to_locale_string(&msg("html_lang"), &options)
        .into()
}

/// A day in the user's own words ("3 Dec").
pub(super) fn local_date(day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"day".into(), &"numeric".into());
    let _ = js_sys::Reflect::set(&options, &"month".into(), &"short".into());
    let date = js_sys::Date::new_with_year_month_day(day.year() as u32, day.month0() as i32, day.day() as i32);
    date.to_locale_date_string(&msg("html_lang"), &options).into()
}
