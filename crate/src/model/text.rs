//! Words for the user, as keys into the extension's `_locales` catalogues
//! with their arguments. The core decides what to say; each page says it in
//! the user's language through the browser's `i18n.getMessage`, so every
//! sentence lives in one place per language (`extension/_locales/*/messages.json`).

use serde::{Deserialize, Serialize};

/// One sentence (or phrase) to show: a message key and its arguments in the
/// order of the message's `$1`, `$2`… placeholders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub key: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<Arg>,
}

/// An argument: words from the record (a name, a handle, the user's own
/// phrasing), taken as they are, or another message said first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    Plain(String),
    Text(Box<Text>),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Plain(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Plain(s)
    }
}

impl From<Text> for Arg {
    fn from(t: Text) -> Self {
        Arg::Text(Box::new(t))
    }
}

impl Text {
    pub fn new(key: &str) -> Text {
        Text { key: key.to_owned(), args: Vec::new() }
    }

    /// This message with one more argument.
    pub fn with(mut self, arg: impl Into<Arg>) -> Text {
        self.args.push(arg.into());
        self
    }

    /// A message about `n` things: `<stem>_one` when n is 1, else
    /// `<stem>_many`, with n as its first argument. English and German
    /// share this rule; a language with other plural forms needs more keys.
    pub fn count(stem: &str, n: i64) -> Text {
        let form = if n == 1 { "one" } else { "many" };
        Text::new(&format!("{stem}_{form}")).with(n.to_string())
    }

    /// The user's own words, shown exactly as they wrote them.
    pub fn verbatim(words: &str) -> Text {
        Text::new("verbatim").with(words)
    }

    /// Say it: each argument first, then this message through `message`
    /// (the browser's `getMessage(key, args)`, or a catalogue in tests).
    pub fn say(&self, message: &dyn Fn(&str, &[String]) -> String) -> String {
        let args: Vec<String> = self
            .args
            .iter()
            .map(|a| match a {
                Arg::Plain(s) => s.clone(),
                Arg::Text(t) => t.say(message),
            })
            .collect();
        message(&self.key, &args)
    }
}

/// One `_locales/<lang>/messages.json`, read as the browsers read it (for
/// native tests and for checking the catalogues against each other).
#[derive(Debug, Default)]
pub struct Catalogue(std::collections::BTreeMap<String, Entry>);

#[derive(Debug, Deserialize)]
struct Entry {
    message: String,
    #[serde(default)]
    placeholders: std::collections::BTreeMap<String, Placeholder>,
}

#[derive(Debug, Deserialize)]
struct Placeholder {
    content: String,
}

impl Catalogue {
    pub fn parse(json: &str) -> Result<Catalogue, String> {
        let entries: std::collections::BTreeMap<String, Entry> =
            serde_json::from_str(json).map_err(|e| format!("not a messages.json: {e}"))?;
        // Keys are case-insensitive in the browsers.
        Ok(Catalogue(entries.into_iter().map(|(k, v)| (k.to_ascii_lowercase(), v)).collect()))
    }

    /// The English catalogue shipped with the extension.
    pub fn english() -> Catalogue {
        Catalogue::parse(include_str!("../../../extension/_locales/en/messages.json")).unwrap_or_default()
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// The `$1`… arguments a message uses, in order of number.
    pub fn arguments(&self, key: &str) -> Option<Vec<String>> {
        let entry = self.0.get(&key.to_ascii_lowercase())?;
        let mut used: Vec<String> =
            entry.placeholders.values().filter(|p| p.content.starts_with('$')).map(|p| p.content.clone()).collect();
        crate::model::order::sort(&mut used);
        Some(used)
    }

    /// `getMessage(key, args)` as the browsers do it (see [`fill`]). An
    /// unknown key says nothing, as `getMessage` does.
    pub fn message(&self, key: &str, args: &[String]) -> String {
        let Some(entry) = self.0.get(&key.to_ascii_lowercase()) else { return String::new() };
        fill(
            &entry.message,
            &|name| entry.placeholders.get(&name.to_ascii_lowercase()).map(|p| p.content.clone()),
            args,
        )
    }
}

/// A message with its placeholders filled as the browsers' `getMessage`
/// does: each `$NAME$` is its placeholder's content (`placeholder(name)`,
/// names case-insensitive), in which `$1`… are the arguments; `$$` is `$`.
pub fn fill(message: &str, placeholder: &dyn Fn(&str) -> Option<String>, args: &[String]) -> String {
    let arguments = |content: &str| -> String {
        let mut out = String::new();
        let mut chars = content.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('$', Some(n)) if n >= 1 => {
                    chars.next();
                    out.push_str(args.get(n as usize - 1).map_or("", String::as_str));
                }
                _ => out.push(c),
            }
        }
        out
    };
    let mut out = String::new();
    let mut rest = message;
    while let Some(start) = rest.find('$') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            rest = tail;
            continue;
        }
        match after.find('$').and_then(|end| Some((placeholder(&after[..end])?, end))) {
            Some((content, end)) => {
                out.push_str(&arguments(&content));
                rest = &after[end + 1..];
            }
            None => {
                out.push('$');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

impl Text {
    /// In English, from the shipped catalogue (tests, and the calendar file).
    pub fn english(&self) -> String {
        thread_local! {
            static EN: Catalogue = Catalogue::english();
        }
        EN.with(|en| self.say(&|key, args| en.message(key, args)))
    }
}

/// The first of `ranges` — (the setting's message key, its value, lowest,
/// highest) — whose value is out of its range, said in the user's words
/// ("<setting> must be from <low> to <high> (not <value>)").
pub fn check_ranges(ranges: &[(&str, u32, u32, u32)]) -> Result<(), Text> {
    for &(what, value, low, high) in ranges {
        if !(low..=high).contains(&value) {
            return Err(Text::new("settings_out_of_range")
                .with(Text::new(what))
                .with(low.to_string())
                .with(high.to_string())
                .with(value.to_string()));
        }
    }
    Ok(())
}

/// Texts said in English, joined by ", " as the card lists them (tests).
#[cfg(test)]
pub fn english_list(texts: &[Text]) -> String {
    texts.iter().map(Text::english).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_fill_placeholders_as_browsers_do() {
        let catalogue = Catalogue::parse(
            r#"{
              "hello": { "message": "Hello, $USER$! That costs $$5 for $WHAT$.",
                         "placeholders": { "user": { "content": "$1" }, "what": { "content": "$2 things" } } },
              "odd": { "message": "A $ alone, $NOPE$ unknown" }
            }"#,
        )
        .unwrap_or_default();
        let args = ["Sam $1".to_owned(), "3".to_owned()];
        assert_eq!(catalogue.message("HELLO", &args), "Hello, Sam $1! That costs $5 for 3 things.");
        assert_eq!(catalogue.message("odd", &[]), "A $ alone, $NOPE$ unknown");
        assert_eq!(catalogue.message("missing", &[]), "");
    }

    fn locales() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../extension/_locales")
    }

    /// Every language has every English message, with the same arguments.
    #[test]
    fn every_catalogue_is_complete() {
        let english = Catalogue::english();
        assert!(english.keys().count() > 200, "the English catalogue is read");
        let mut languages = 0;
        for dir in std::fs::read_dir(locales()).into_iter().flatten().flatten() {
            let json = std::fs::read_to_string(dir.path().join("messages.json")).unwrap_or_default();
            let other = Catalogue::parse(&json).unwrap_or_else(|e| panic!("{:?}: {e}", dir.path()));
            let lang = dir.file_name();
            for key in english.keys() {
                assert_eq!(other.arguments(key), english.arguments(key), "{key} in {lang:?}");
                let args = vec!["x".to_owned(); 9];
                assert!(!other.message(key, &args).trim().is_empty(), "{key} is empty in {lang:?}");
            }
            assert_eq!(other.keys().count(), english.keys().count(), "{lang:?} has messages English lacks");
            assert_eq!(other.message("html_lang", &[]), lang.to_string_lossy(), "html_lang names {lang:?}");
            languages += 1;
        }
        assert!(languages >= 2, "English and at least one other language");
    }

    /// Every message key the code names is in the catalogue: each
    /// snake_case string literal in the files that speak to the user is a
    /// key (or the stem of a counted one), or one of the few that are not.
    #[test]
    fn every_key_in_the_code_is_in_the_catalogue() {
        let english = Catalogue::english();
        let known = |key: &str| {
            english.arguments(key).is_some()
                || (english.arguments(&format!("{key}_one")).is_some()
                    && english.arguments(&format!("{key}_many")).is_some())
        };
        // Not keys: a serde attribute, a record field, a link target, the options page's hooks
        // and the prefix of its pacing labels (each names a settings field); the stems of the
        // numbered phrasings are checked below.
        let not_keys = [
            "snake_case",
            "pruned_on",
            "_blank",
            "request_host",
            "forget_host",
            "options_pace_",
            "phrase_coffee",
            "phrase_call",
            // The page check's rule names, which its report names in English.
            "self_link",
            "profile_name",
            "inbound_item",
            // An export format's name in the options page's buttons.
            "results_csv",
        ];
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let files = [
            "model/stage.rs",
            "engine/agenda.rs",
            "engine/card.rs",
            "engine/merge.rs",
            "engine/pacing.rs",
            "engine/page_check.rs",
            "engine/results.rs",
            "engine/search.rs",
            "engine/suggest.rs",
            "engine/words.rs",
            "service/handle.rs",
            "service/data.rs",
            "service/network.rs",
            "service/people.rs",
            "service/reports.rs",
            "service/settings.rs",
            "service/views.rs",
            "service/sync.rs",
            "browser/background.rs",
            "browser/ui/mod.rs",
            "browser/ui/options/mod.rs",
            "browser/ui/options/build.rs",
            "browser/ui/card/mod.rs",
            "browser/ui/card/actions.rs",
            "browser/ui/card/view.rs",
            "browser/ui/popup.rs",
            "browser/ui/results.rs",
            "browser/ui/suggestions.rs",
            "browser/ui/options/results.rs",
            "browser/ui/options/sync.rs",
            "browser/ui/options/network.rs",
            "model/reminders.rs",
            "engine/reminders.rs",
            "service/reminders.rs",
            "browser/ui/options/reminders.rs",
            "browser/ui/card/reminders.rs",
        ];
        let mut missing = Vec::new();
        for file in files {
            let code = std::fs::read_to_string(src.join(file)).unwrap_or_default();
            assert!(!code.is_empty(), "{file} is read");
            // Only the code, not its tests.
            let code = code.split("#[cfg(test)]").next().unwrap_or_default();
            for literal in code.split('"').skip(1).step_by(2) {
                let is_key = literal.len() > 2
                    && literal.contains('_')
                    && literal.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                if is_key && !not_keys.contains(&literal) && !known(literal) {
                    missing.push(format!("{file}: {literal}"));
                }
            }
        }
        assert!(missing.is_empty(), "not in _locales/en: {missing:?}");
        // Keys the code builds.
        for kind in crate::model::Kind::ALL {
            assert!(!kind.text().english().is_empty(), "{kind:?}");
            assert!(!kind.counted(2).english().is_empty(), "{kind:?}");
        }
        let defaults = crate::model::Pacing::default();
        for (stem, list) in [("phrase_coffee", &defaults.coffee_phrases), ("phrase_call", &defaults.call_phrases)] {
            for (n, phrase) in list.iter().enumerate() {
                assert_eq!(&Text::new(&format!("{stem}_{}", n + 1)).english(), phrase, "the default is its message");
            }
        }
    }

    #[test]
    fn nested_texts_are_said_first_and_counts_pick_their_form() {
        let catalogue = Catalogue::parse(
            r#"{
              "outer": { "message": "Slow down. $REASON$", "placeholders": { "reason": { "content": "$1" } } },
              "likes_one": { "message": "$N$ like", "placeholders": { "n": { "content": "$1" } } },
              "likes_many": { "message": "$N$ likes", "placeholders": { "n": { "content": "$1" } } }
            }"#,
        )
        .unwrap_or_default();
        let say = |t: &Text| t.say(&|key, args| catalogue.message(key, args));
        assert_eq!(say(&Text::new("outer").with(Text::count("likes", 1))), "Slow down. 1 like");
        assert_eq!(say(&Text::new("outer").with(Text::count("likes", 4))), "Slow down. 4 likes");
        let json = serde_json::to_string(&Text::new("outer").with("Sam").with(Text::new("x"))).unwrap_or_default();
        assert_eq!(json, r#"{"key":"outer","args":["Sam",{"key":"x"}]}"#);
        let back: Text = serde_json::from_str(&json).unwrap_or_else(|_| Text::new("bad"));
        assert_eq!(back, Text::new("outer").with("Sam").with(Text::new("x")));
    }
}
