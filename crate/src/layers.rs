//! The layers point one way (docs/architecture.md, "Layers"): each module
//! folder uses only the folders below it. A simple reading of the source:
//! every `crate::<layer>` path outside a file's test modules (tests may build
//! fixtures from any layer) is checked against the order below, and only
//! `browser` may name wasm-bindgen, web-sys or js-sys.

use std::fs;
use std::path::{Path, PathBuf};

/// Lowest first. `browser` is the only layer touching wasm-bindgen and web-sys.
const LAYERS: [&str; 7] = ["model", "sites", "engine", "sync", "store", "service", "browser"];

fn rank(layer: &str) -> Option<usize> {
    LAYERS.iter().position(|l| *l == layer)
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The file's code without its test modules (a `#[cfg(test)]` or
/// `#[cfg(all(test, …))]` attribute on `mod`, to its closing brace) and
/// comments; nothing for a file that is a test module (`tests.rs`, or a
/// file under a `tests/` folder).
fn code_of(path: &Path, text: &str) -> String {
    if path.file_name().is_some_and(|n| n == "tests.rs") || path.components().any(|c| c.as_os_str() == "tests") {
        return String::new();
    }
    let mut code = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let test_mod = line.trim_start().starts_with("#[cfg(")
            && line.contains("test")
            && lines.peek().is_some_and(|next| next.contains("mod "));
        if test_mod {
            // Skip the module: to its `;`, or until its braces balance.
            let mut depth = 0i64;
            for inner in lines.by_ref() {
                depth += inner.matches('{').count() as i64 - inner.matches('}').count() as i64;
                if depth <= 0 && (inner.contains('}') || inner.trim_end().ends_with(';')) {
                    break;
                }
            }
        } else if !line.trim_start().starts_with("//") {
            code.push(line);
        }
    }
    code.join("\n")
}

/// Every layer `code` names with `crate::<layer>`.
fn named_layers(code: &str) -> Vec<&'static str> {
    LAYERS.iter().copied().filter(|layer| code.contains(&format!("crate::{layer}::"))).collect()
}

/// Each file's layer and the higher layers its code names.
fn wrong_way(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    sources(root, &mut files);
    let mut wrong = Vec::new();
    for path in files {
        let Ok(relative) = path.strip_prefix(root) else { continue };
        let Some(layer) = relative.components().next().and_then(|c| c.as_os_str().to_str()) else { continue };
        let Some(own) = rank(layer.trim_end_matches(".rs")) else { continue };
        let Ok(text) = fs::read_to_string(&path) else { continue };
        let code = code_of(relative, &text);
        if layer != "browser" && ["wasm_bindgen", "web_sys", "js_sys"].iter().any(|b| code.contains(b)) {
            wrong.push(format!("{} touches the browser (only browser/ may)", relative.display()));
        }
        for named in named_layers(&code) {
            if rank(named).is_some_and(|r| r > own) {
                wrong.push(format!("{} uses crate::{named} (a higher layer)", relative.display()));
            }
        }
    }
    wrong.sort();
    wrong
}

#[test]
fn each_layer_uses_only_the_layers_below_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let wrong = wrong_way(&root);
    assert!(wrong.is_empty(), "{wrong:#?}");
    // The check reads what it should: every layer folder is there.
    for layer in LAYERS {
        assert!(root.join(layer).is_dir(), "no folder for layer {layer}");
    }
}

#[test]
fn a_lower_layer_naming_a_higher_one_is_caught() {
    let root = std::env::temp_dir().join(format!("kindling-layers-{}", std::process::id()));
    let write = |path: &str, text: &str| {
        let path = root.join(path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).ok();
        }
        fs::write(path, text).ok();
    };
    write("model/mod.rs", "use crate::engine::pacing::advise;\n");
    write(
        "engine/card.rs",
        "use crate::model::Person;\n#[cfg(test)]\nmod tests {\n    use crate::store::Records;\n}\nuse crate::service::handle;\n",
    );
    write("store/tests.rs", "use crate::service::handle;\n");
    write("sites/x.rs", "// crate::service:: in a comment\nfn f() -> crate::store::Records {}\n");
    write("engine/words.rs", "use wasm_bindgen::JsValue;\n");
    write("browser/dom.rs", "use wasm_bindgen::JsValue;\nuse crate::service::handle;\n");
    let wrong = wrong_way(&root);
    fs::remove_dir_all(&root).ok();
    assert_eq!(
        wrong,
        [
            "engine/card.rs uses crate::service (a higher layer)",
            "engine/words.rs touches the browser (only browser/ may)",
            "model/mod.rs uses crate::engine (a higher layer)",
            "sites/x.rs uses crate::store (a higher layer)",
        ]
    );
}
