//! "Bring your network" (issue 25): import the people the user already
//! knows from a file they have (LinkedIn's connections, Mastodon's follows,
//! an address book, Kindling's own CSV). Merge only; e-mail addresses kept
//! only if the user ticks the box.

use super::{button, msg, section, Page, Redraw};
use crate::browser::dom::{append, el};
use crate::service::messages::Request;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlInputElement};

impl Page {
    /// The section: a file, the e-mail choice, the button.
    pub(super) fn network_section(&self) -> Result<Element, JsValue> {
        let doc = &self.doc;
        let network = section(doc, &msg("network_import_title"), Some(&msg("network_import_intro")))?;
        network.set_attribute("id", "network")?;
        let file = el(doc, "input", "", "")?;
        file.set_attribute("type", "file")?;
        file.set_attribute("id", "network-file")?;
        file.set_attribute("accept", ".csv,.vcf,.vcard,text/csv,text/vcard")?;
        let label = el(doc, "label", "", &format!("{} ", msg("options_import_file")))?;
        label.set_attribute("for", "network-file")?;
        let emails = el(doc, "label", "choice", "")?;
        let emails_box = el(doc, "input", "", "")?;
        emails_box.set_attribute("type", "checkbox")?;
        emails_box.set_attribute("id", "network-emails")?;
        append(&emails, &[&emails_box])?;
        emails.append_with_str_1(&format!(" {}", msg("network_import_keep_emails")))?;
        let go = button(doc, &msg("network_import_button"), "import-network")?;
        append(&network, &[&label, &file, &emails, &go])?;
        Ok(network)
    }

    /// Read the file chosen and send it; say what came of it.
    pub(super) async fn import_network(&self) -> Result<(), JsValue> {
        let Some(text) = self.chosen_file("network-file").await? else { return Ok(()) };
        let keep: HtmlInputElement =
            self.doc.get_element_by_id("network-emails").ok_or("no e-mail control")?.dyn_into()?;
        let request =
            Request::ImportNetwork { text, keep_emails: keep.checked(), connected_note: msg("network_connected_note") };
        let answer = self.ask(&request).await?;
        self.finish(answer, Redraw::Everything).await
    }
}
