//! The options page's sections, each built once; `Page::build` puts them
//! in order.

use super::*;

impl Page {
    /// Whether snippets of posts are kept.
    pub(super) fn privacy_section(&self) -> Result<Element, JsValue> {
        let doc = &self.doc;
        let privacy = section(doc, &msg("options_privacy"), Some(&msg("options_privacy_text")))?;
        privacy.set_attribute("class", "privacy")?;
        let snippets = el(doc, "label", "choice", "")?;
        let snippets_box = el(doc, "input", "", "")?;
        snippets_box.set_attribute("type", "checkbox")?;
        snippets_box.set_attribute("id", "keep-snippets")?;
        // Saved as soon as it changes.
        snippets_box.set_attribute("data-action", "keep-snippets")?;
        append(&snippets, &[&snippets_box])?;
        snippets.append_with_str_1(&format!(" {}", msg("options_snippets")))?;
        append(&privacy, &[&snippets])?;

        Ok(privacy)
    }

    /// Export as JSON, CSV or vCard.
    pub(super) fn export_section(&self) -> Result<Element, JsValue> {
        let doc = &self.doc;
        let export = section(doc, &msg("options_export"), Some(&msg("options_export_text")))?;
        let json = button(doc, &msg("options_export_json"), "export")?;
        json.set_attribute("data-format", "json")?;
        let csv = button(doc, &msg("options_export_csv"), "export")?;
        csv.set_attribute("data-format", "csv")?;
        let vcard = button(doc, &msg("options_export_vcard"), "export")?;
        vcard.set_attribute("data-format", "vcard")?;
        append(&export, &[&json, &csv, &vcard])?;

        Ok(export)
    }

    /// Import a file, merged or replacing.
    pub(super) fn import_section(&self) -> Result<Element, JsValue> {
        let doc = &self.doc;
        let import = section(doc, &msg("options_import"), Some(&msg("options_import_text")))?;
        let file = el(doc, "input", "", "")?;
        file.set_attribute("type", "file")?;
        file.set_attribute("id", "import-file")?;
        file.set_attribute("accept", "application/json,.json")?;
        let label = el(doc, "label", "", &format!("{} ", msg("options_import_file")))?;
        label.set_attribute("for", "import-file")?;
        let merge = self.radio("mode", "merge", &msg("options_import_merge"), true)?;
        let replace = self.radio("mode", "replace", &msg("options_import_replace"), false)?;
        append(&import, &[&label, &file, &merge, &replace, &button(doc, &msg("options_import_button"), "import")?])?;

        Ok(import)
    }

    /// How long interactions are kept; the Track chip.
    pub(super) fn keeping_section(&self) -> Result<Element, JsValue> {
        let doc = &self.doc;
        let settings = section(doc, &msg("options_keeping"), Some(&msg("options_keeping_text")))?;
        let select = el(doc, "select", "", "")?;
        select.set_attribute("id", "retention")?;
        select.set_attribute("aria-label", &msg("options_retention"))?;
        for months in RETENTION {
            let option = el(doc, "option", "", &say(&retention_words(months)))?;
            option.set_attribute("value", &months.map(|m| m.to_string()).unwrap_or_default())?;
            append(&select, &[&option])?;
        }
        let chips = el(doc, "label", "choice", "")?;
        let chips_box = el(doc, "input", "", "")?;
        chips_box.set_attribute("type", "checkbox")?;
        chips_box.set_attribute("id", "track-chips")?;
        append(&chips, &[&chips_box])?;
        chips.append_with_str_1(&format!(" {}", msg("options_track_chips")))?;
        append(&settings, &[&select, &chips, &button(doc, &msg("options_save"), "save-settings")?])?;

        Ok(settings)
    }

    /// The pacing thresholds and phrasings.
    pub(super) fn pacing_section(&self) -> Result<Element, JsValue> {
        let doc = &self.doc;
        let pacing = section(doc, &msg("options_pacing"), Some(&msg("options_pacing_text")))?;
        let grid = el(doc, "div", "pacing", "")?;
        for key in PACING_NUMBERS {
            let label = el(doc, "label", "", &msg(key))?;
            label.set_attribute("for", &format!("pace-{}", field(key)))?;
            let input = el(doc, "input", "", "")?;
            input.set_attribute("type", "number")?;
            input.set_attribute("id", &format!("pace-{}", field(key)))?;
            input.set_attribute("min", "0")?;
            input.set_attribute("step", "1")?;
            append(&grid, &[&label, &input])?;
        }
        for key in PACING_PHRASES {
            let label = el(doc, "label", "", &say(&Text::new("options_one_per_line").with(Text::new(key))))?;
            label.set_attribute("for", &format!("pace-{}", field(key)))?;
            let area = el(doc, "textarea", "", "")?;
            area.set_attribute("id", &format!("pace-{}", field(key)))?;
            area.set_attribute("rows", "4")?;
            append(&grid, &[&label, &area])?;
        }
        append(
            &pacing,
            &[
                &grid,
                &button(doc, &msg("options_save_pacing"), "save-pacing")?,
                &button(doc, &msg("options_default_pacing"), "default-pacing")?,
            ],
        )?;

        Ok(pacing)
    }

    /// The Mastodon instances the user added.
    pub(super) fn mastodon_section(&self) -> Result<Element, JsValue> {
        let doc = &self.doc;
        let shipped = crate::sites::hosts::shipped_hosts().join(", ");
        let mastodon =
            section(doc, &msg("options_mastodon"), Some(&say(&Text::new("options_mastodon_text").with(shipped))))?;
        let host = el(doc, "input", "", "")?;
        host.set_attribute("id", "instance-host")?;
        host.set_attribute("type", "text")?;
        host.set_attribute("inputmode", "url")?;
        // A server name, the same in every language.
        host.set_attribute("placeholder", "social.example")?;
        host.set_attribute("autocomplete", "off")?;
        host.set_attribute("spellcheck", "false")?;
        let label = el(doc, "label", "", &format!("{} ", msg("options_instance")))?;
        label.set_attribute("for", "instance-host")?;
        let add = button(doc, &msg("options_add_instance"), "add-instance")?;
        append(&mastodon, &[&self.instances, &label, &host, &add])?;

        Ok(mastodon)
    }

    /// Delete everything.
    pub(super) fn danger_section(&self) -> Result<Element, JsValue> {
        let doc = &self.doc;
        let danger = section(doc, &msg("options_delete_everything"), Some(&msg("options_delete_everything_text")))?;
        let zone = el(doc, "div", "delete-all", "")?;
        append(&zone, &[&button(doc, &msg("options_delete_everything_button"), "delete-everything")?])?;
        append(&danger, &[&zone])?;

        Ok(danger)
    }
}
