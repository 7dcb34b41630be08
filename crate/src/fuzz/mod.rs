//! Property-based fuzzing of everything that reads outside input: the
//! messages into the background, the import file and each site adapter's
//! reading of page facts. See docs/fuzzing.md for the properties and how to
//! run the long campaigns.

mod hostile;
mod import;
mod messages;
mod sites;

use crate::store::{MemoryBackend, DIGESTS, INTERACTIONS, META, PEOPLE, QUARANTINE};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use serde_json::{Map, Number, Value};
use std::collections::BTreeMap;

/// The seed `cargo test` fuzzes from, so that a run fails or passes the
/// same way every time: a new failure comes from a change, not from luck.
/// The long runs (docs/fuzzing.md) set `PROPTEST_RNG_SEED` to explore.
const SEED: u64 = 0x6b69_6e64_6c69_6e67;

/// A runner doing `default_cases` cases, or `PROPTEST_CASES` when it is set:
/// proptest's own `with_cases` would override the variable, and the long
/// runs (docs/fuzzing.md) set it. Seeded with `SEED`, or with
/// `PROPTEST_RNG_SEED` when it is set: a number, or `random`.
pub fn runner(default_cases: u32) -> (TestRunner, u64) {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(default_cases);
    let seed = match std::env::var("PROPTEST_RNG_SEED") {
        // A seed of its own, said if the run fails, so the failure can be run again.
        Ok(asked) if asked == "random" => {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(SEED, |t| t.as_nanos() as u64)
        }
        Ok(asked) => asked.parse().unwrap_or(SEED),
        Err(_) => SEED,
    };
    // Shrinking a failure is worth a few thousand tries, not the default's
    // unbounded time.
    let config = Config { cases, rng_seed: RngSeed::Fixed(seed), max_shrink_iters: 4096, ..Config::default() };
    (TestRunner::new(config), seed)
}

/// Run `test` over `strategy`, failing the Rust test with proptest's
/// minimal failing input.
pub fn check<S: Strategy>(default_cases: u32, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let (mut runner, seed) = runner(default_cases);
    if let Err(failure) = runner.run(&strategy, test) {
        panic!("{failure}\n(PROPTEST_RNG_SEED={seed} runs these cases again)");
    }
}

/// Pieces of text real pages and hostile ones hold: handles, links on the
/// site and elsewhere, markup, right-to-left and zero-width marks, emoji.
const PIECES: &[&str] = &[
    "alice",
    "@alice",
    "Alice_Ex",
    "/alice",
    "@bob@fosstodon.org",
    "alice.bsky.social",
    "did:plc:abcdefghijklmnopqrstuvwx",
    "u/spez",
    "jane-doe-12ab",
    "123456",
    "/status/",
    "/",
    "//",
    "?",
    "#",
    "@",
    ":",
    ".",
    "..",
    "-",
    "_",
    "%2F",
    "%00",
    "\0",
    " ",
    "\n",
    "\t",
    "https://",
    "https://x.com/",
    "https://evil.example/",
    "//evil.example/alice",
    "http://",
    "javascript:alert(1)",
    "data:text/html,<b>",
    "<img src=x onerror=alert(1)>",
    "</script>",
    "&amp;",
    "\"",
    "'",
    "\\",
    "\u{202E}",
    "\u{200F}",
    "\u{200B}",
    "\u{200D}",
    "\u{FEFF}",
    "مرحبا",
    "עברית",
    "👩\u{200D}👩\u{200D}👧",
    "🇺🇳",
    "é",
    "ß",
    "İ",
    "\u{10FFFF}",
];

/// One hostile fragment, or a word from `words`.
fn fragment(words: Vec<String>) -> BoxedStrategy<String> {
    let pieces = prop::sample::select(PIECES).prop_map(str::to_owned);
    if words.is_empty() {
        return pieces.boxed();
    }
    prop_oneof![pieces, prop::sample::select(words)].boxed()
}

/// Text as a page or a message might carry it: arbitrary Unicode, hostile
/// fragments (and `words`) run together, or one of them repeated to tens of
/// kilobytes.
pub fn text_with(words: Vec<String>) -> BoxedStrategy<String> {
    let fragments = fragment(words);
    prop_oneof![
        3 => prop::collection::vec(fragments.clone(), 0..6).prop_map(|parts| parts.concat()),
        2 => any::<String>(),
        1 => (fragments, 1usize..12_000).prop_map(|(piece, chars)| piece.chars().cycle().take(chars).collect()),
    ]
    .boxed()
}

/// Text with the hostile fragments only.
pub fn text() -> BoxedStrategy<String> {
    text_with(Vec::new())
}

/// Numbers at the edges of what JSON and Rust's integers hold.
fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop::sample::select(vec![
            Value::from(0),
            Value::from(-1),
            Value::from(1),
            Value::from(i64::MIN),
            Value::from(i64::MAX),
            Value::from(u64::MAX),
            Value::from(u64::from(u32::MAX) + 1),
            Value::from(9_007_199_254_740_993_u64),
            Value::from(-0.0),
            Value::from(0.5),
            Value::from(f64::MAX),
            Value::from(f64::MIN_POSITIVE),
        ]),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| Number::from_f64(f).map_or(Value::Null, Value::Number)),
    ]
}

/// Arbitrary JSON, nested a few levels, with keys from `keys` (the real
/// field names, so that decoding gets past the first one) and hostile ones.
pub fn json_with(keys: Vec<String>) -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        number(),
        text_with(keys.clone()).prop_map(Value::from),
    ];
    let key = fragment(keys);
    leaf.prop_recursive(4, 48, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..8)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<String, Value>>())),
        ]
    })
    .boxed()
}

/// Where a value sits in a JSON document.
pub type Path = Vec<Step>;

/// One step into a JSON document.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// Every path in `value`, the root first.
pub fn paths(value: &Value) -> Vec<Path> {
    let mut all = vec![Vec::new()];
    let mut i = 0;
    while i < all.len() {
        let path = all[i].clone();
        let children: Vec<Step> = match at(value, &path) {
            Some(Value::Object(map)) => map.keys().cloned().map(Step::Key).collect(),
            Some(Value::Array(items)) => (0..items.len()).map(Step::Index).collect(),
            _ => Vec::new(),
        };
        all.extend(children.into_iter().map(|step| [path.clone(), vec![step]].concat()));
        i += 1;
    }
    all
}

/// The value at `path`.
pub fn at<'a>(value: &'a Value, path: &[Step]) -> Option<&'a Value> {
    path.iter().try_fold(value, |v, step| match step {
        Step::Key(key) => v.get(key),
        Step::Index(i) => v.get(i),
    })
}

/// The value at `path`, to change.
pub fn at_mut<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |v, step| match step {
        Step::Key(key) => v.get_mut(key),
        Step::Index(i) => v.get_mut(i),
    })
}

/// A change to a valid document, as a fuzzer of structure makes them.
#[derive(Debug, Clone)]
pub enum Mutation {
    /// Remove the field or item at the chosen path.
    Drop,
    /// Add a field no type has, in the chosen object.
    Unknown(String),
    /// Put this value where the chosen one was (a wrong type, mostly).
    Replace(Value),
    /// Make the chosen text this many bytes long.
    Grow(usize),
    /// Repeat the chosen list's first item until it has this many.
    Repeat(usize),
    /// Put a copy of the value at another path (modulo their number) in
    /// place of the chosen one: a person's account on someone else.
    Copy(usize),
}

/// The name of every unknown field a mutation adds.
pub const UNKNOWN: &str = "kindling_fuzz_unknown";

/// A mutation and which path (modulo the document's paths) it applies to.
pub fn mutation(keys: Vec<String>) -> impl Strategy<Value = (usize, Mutation)> {
    let how = prop_oneof![
        2 => Just(Mutation::Drop),
        1 => "[a-z]{0,3}".prop_map(|tail| Mutation::Unknown(format!("{UNKNOWN}{tail}"))),
        3 => json_with(keys).prop_map(Mutation::Replace),
        2 => (1usize..70_000).prop_map(Mutation::Grow),
        2 => (2usize..300).prop_map(Mutation::Repeat),
        2 => any::<usize>().prop_map(Mutation::Copy),
    ];
    (any::<usize>(), how)
}

/// Apply `mutation` at the `choice`-th path of `doc` (modulo their number).
pub fn mutate(doc: &mut Value, choice: usize, mutation: &Mutation) {
    let all = paths(doc);
    let path = &all[choice % all.len()];
    match mutation {
        Mutation::Drop => {
            let Some((last, parent)) = path.split_last() else { return };
            match (at_mut(doc, parent), last) {
                (Some(Value::Object(map)), Step::Key(key)) => {
                    map.remove(key);
                }
                (Some(Value::Array(items)), Step::Index(i)) if *i < items.len() => {
                    items.remove(*i);
                }
                _ => {}
            }
        }
        Mutation::Unknown(name) => {
            if let Some(Value::Object(map)) = at_mut(doc, path) {
                map.insert(name.clone(), Value::from(1));
            }
        }
        Mutation::Replace(value) => {
            if let Some(slot) = at_mut(doc, path) {
                *slot = value.clone();
            }
        }
        Mutation::Grow(bytes) => {
            if let Some(slot) = at_mut(doc, path) {
                let seed = slot.as_str().filter(|s| !s.is_empty()).unwrap_or("a").to_owned();
                *slot = Value::from(seed.chars().cycle().take(*bytes).collect::<String>());
            }
        }
        Mutation::Copy(from) => {
            let copy = at(doc, &all[from % all.len()]).cloned();
            if let (Some(copy), Some(slot)) = (copy, at_mut(doc, path)) {
                *slot = copy;
            }
        }
        Mutation::Repeat(count) => {
            if let Some(Value::Array(items)) = at_mut(doc, path) {
                if let Some(first) = items.first().cloned() {
                    items.resize(*count, first);
                }
            }
        }
    }
}

/// Every object key in `value` and every short text in it: a dictionary of
/// the words a decoder looks for.
pub fn words_of(value: &Value, into: &mut Vec<String>) {
    fn add(into: &mut Vec<String>, word: &str) {
        if !into.iter().any(|w| w == word) {
            into.push(word.to_owned());
        }
    }
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                add(into, key);
                words_of(v, into);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| words_of(v, into)),
        Value::String(s) if s.len() <= 40 => add(into, s),
        _ => {}
    }
}

/// Every store of an in-memory backend, to see that nothing changed.
pub fn everything(db: &MemoryBackend) -> Vec<BTreeMap<String, Value>> {
    [PEOPLE, INTERACTIONS, META, DIGESTS, QUARANTINE].iter().map(|store| db.dump(store)).collect()
}
