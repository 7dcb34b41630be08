//! The layers point one way (docs/architecture.md, "Layers"): each module
//! folder uses only the folders below it. A simple reading of the source:
//! every path to a layer outside a file's test modules (tests may build
//! fixtures from any layer): `crate::<layer>`, grouped (`crate::{a, b}`),
//! aliased (`crate::store as s`), or a `super::` chain that reaches the
//! crate's root, is checked against the order below, and only `browser`
//! may name wasm-bindgen, web-sys or js-sys. (Paths inside an inline `mod`
//! block are read as the file's.)

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

/// The module path of a file under `src/` (`engine/card.rs`: engine, card;
/// `engine/mod.rs`: engine), for `super::` paths.
fn module_of(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> =
        relative.components().filter_map(|c| c.as_os_str().to_str()).map(str::to_owned).collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs");
        if stem != "mod" {
            parts.push(stem.to_owned());
        }
    }
    parts
}

/// The identifier at the start of `rest`.
fn ident(rest: &str) -> &str {
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
    &rest[..end]
}

/// The first names of the paths at `rest`, just after `crate::` (or a
/// `super::` chain that reaches the crate's root): one name, or each item
/// of a group (`{engine::words, model}`).
fn first_names(rest: &str) -> Vec<&str> {
    match rest.strip_prefix('{') {
        Some(group) => {
            let mut names = Vec::new();
            let (mut depth, mut start) = (0usize, 0usize);
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        names.push(ident(group[start..].trim_start()));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        names.push(ident(group[start..].trim_start()));
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            names
        }
        None => vec![ident(rest)],
    }
}

/// Every layer the code of the file at `relative` names: with `crate::`
/// (a path, an alias, a group) or with `super::` chains that reach the
/// crate's root.
fn named_layers(relative: &Path, code: &str) -> Vec<&'static str> {
    let depth = module_of(relative).len();
    let mut named = Vec::new();
    let mut at = 0;
    while let Some(found) =
        code[at..].find("crate::").map(|i| i + at).into_iter().chain(code[at..].find("super::").map(|i| i + at)).min()
    {
        let mut rest = &code[found..];
        let mut ups = 0;
        let from_root = if let Some(after) = rest.strip_prefix("crate::") {
            rest = after;
            true
        } else {
            while let Some(after) = rest.strip_prefix("super::") {
                rest = after;
                ups += 1;
            }
            ups >= depth
        };
        // `crate::` inside a longer name (`$crate::`) or a path is not one.
        let starts =
            found == 0 || !code[..found].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$' || c == ':');
        if from_root && starts {
            named.extend(first_names(rest).into_iter().filter_map(|name| LAYERS.iter().copied().find(|l| *l == name)));
        }
        at = found + 1;
    }
    named.sort_unstable();
    named.dedup();
    named
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
        for named in named_layers(relative, &code) {
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
    // Grouped, aliased and relative paths.
    write("store/codec.rs", "use crate::{model::Person, service::handle};\n");
    write("sync/doc.rs", "use crate::browser as b;\n");
    write("engine/merge.rs", "use super::super::store::Records;\nuse super::pacing;\n");
    write("sites/mod.rs", "use super::engine::card;\nmacro_rules! m { () => { $crate::model::Person } }\n");
    let wrong = wrong_way(&root);
    fs::remove_dir_all(&root).ok();
    assert_eq!(
        wrong,
        [
            "engine/card.rs uses crate::service (a higher layer)",
            "engine/merge.rs uses crate::store (a higher layer)",
            "engine/words.rs touches the browser (only browser/ may)",
            "model/mod.rs uses crate::engine (a higher layer)",
            "sites/mod.rs uses crate::engine (a higher layer)",
            "sites/x.rs uses crate::store (a higher layer)",
            "store/codec.rs uses crate::service (a higher layer)",
            "sync/doc.rs uses crate::browser (a higher layer)",
        ]
    );
}

/// Files a newcomer can read (issue 22): none over `MAX_LINES` lines but a
/// site adapter (`sites/<site>.rs`: its rules, each with its source, and its
/// tests on fixtures made from those sources) or a test module.
const MAX_LINES: usize = 800;

fn too_long(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    sources(root, &mut files);
    let mut long: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let relative = path.strip_prefix(root).ok()?;
            let name = relative.file_name()?.to_str()?;
            let adapter = relative.parent() == Some(Path::new("sites")) && name != "mod.rs";
            let tests = name == "tests.rs"
                || name.ends_with("_tests.rs")
                || relative.components().any(|c| c.as_os_str() == "tests");
            let lines = fs::read_to_string(path).ok()?.lines().count();
            (!adapter && !tests && lines > MAX_LINES).then(|| format!("{} has {lines} lines", relative.display()))
        })
        .collect();
    long.sort();
    long
}

#[test]
fn no_file_but_an_adapter_or_a_test_module_is_over_800_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    assert_eq!(too_long(&root), Vec::<String>::new());
    // And it sees one that is.
    let dir = std::env::temp_dir().join(format!("kindling-long-{}", std::process::id()));
    for path in ["service/messages.rs", "sites/x.rs", "service/tests.rs", "engine/card.rs"] {
        let file = dir.join(path);
        fs::create_dir_all(file.parent().unwrap_or(&dir)).ok();
        fs::write(&file, "//\n".repeat(if path.ends_with("card.rs") { 800 } else { 801 })).ok();
    }
    let long = too_long(&dir);
    fs::remove_dir_all(&dir).ok();
    assert_eq!(long, ["service/messages.rs has 801 lines"]);
}
