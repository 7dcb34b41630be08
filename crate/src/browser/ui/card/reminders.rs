//! The card's one-line offer of reminders (issue 23), made once a date is
//! agreed, while reminders are off and the offer was never answered:
//! "Remind you before? Turn on reminders · No thanks".

use super::*;

/// The offer, under the agreed date.
pub(super) fn render_offer(doc: &Document, article: &Element) -> Result<(), JsValue> {
    let offer = el(doc, "p", "remind-offer", &format!("{} ", msg("card_remind_offer")))?;
    for (label, on) in [("card_remind_turn_on", "true"), ("card_remind_not_now", "false")] {
        let button = el(doc, "button", "action", &msg(label))?;
        button.set_attribute("type", "button")?;
        button.set_attribute("data-remind", on)?;
        append(&offer, &[&button])?;
    }
    append(article, &[&offer])
}

/// The offer answered. Turning reminders on asks the browser for its
/// permissions now, while the user's click is handled (the only moment
/// browsers allow it); only once granted are they on. "No thanks" is
/// remembered: the offer is not made again.
pub(super) fn answer_offer(hooks: &Hooks, button: &Element) {
    let on = button.get_attribute("data-remind").as_deref() == Some("true");
    let asked = on.then(|| hooks.request_reminders());
    let hooks = hooks.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let granted = match asked {
            None => false,
            Some(Ok(pending)) => wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&pending))
                .await
                .is_ok_and(|granted| granted.as_bool() == Some(true)),
            Some(Err(_)) => false,
        };
        if on && !granted {
            form_problem(&msg("card_remind_not_granted"));
            return;
        }
        super::ask_and_redraw(&hooks, &Request::ReminderOffer { on }).await;
    });
}
