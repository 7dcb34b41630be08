//! A few helpers for building the extension pages' DOM from text, never from
//! markup, so nothing a site wrote can become code.

use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

/// `<tag class="class">text</tag>`; an empty class or text is left out.
pub fn el(doc: &Document, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
    let element = doc.create_element(tag)?;
    if !class.is_empty() {
        element.set_class_name(class);
    }
    if !text.is_empty() {
        element.set_text_content(Some(text));
    }
    Ok(element)
}

/// Append children in order.
pub fn append(parent: &Element, children: &[&Element]) -> Result<(), JsValue> {
    for child in children {
        parent.append_child(child)?;
    }
    Ok(())
}
