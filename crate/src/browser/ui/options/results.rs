//! The options page's results: every figure of the results view, and the
//! monthly figures as a CSV file.

use super::*;

impl Page {
    /// The section, filled in by `show_results`.
    pub(super) fn results_section(&self) -> Result<Element, JsValue> {
        let doc = &self.doc;
        let results = section(doc, &msg("results_title"), Some(&msg("results_intro")))?;
        results.set_attribute("class", "results")?;
        let view = el(doc, "div", "", "")?;
        view.set_attribute("id", "results")?;
        let csv = button(doc, &msg("results_export_csv"), "export")?;
        csv.set_attribute("data-format", "results_csv")?;
        append(&results, &[&view, &csv])?;
        Ok(results)
    }

    /// Draw the results again, from the record as it is now.
    pub(super) async fn show_results(&self) -> Result<(), JsValue> {
        let Some(view) = self.doc.get_element_by_id("results") else { return Ok(()) };
        match self.ask(&Request::Results {}).await? {
            Answer::Results { results } => {
                view.set_text_content(None);
                append(&view, &[&crate::browser::ui::results::draw(&self.doc, &results, true)?])
            }
            Answer::Error { message } => {
                self.say(&message, true);
                Ok(())
            }
            _ => Ok(()),
        }
    }
}
