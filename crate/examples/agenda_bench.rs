//! Today's agenda over 5,000 people and 100,000 interactions, as the
//! background computes it: the digests read back from their stored text,
//! then the pacing engine over everyone; and the results view's figures
//! (`engine::results`) over the same digests. Natively:
//! `cargo run --release -p kindling --example agenda_bench`; in wasm (the
//! same code, run by Node's V8 through WASI): `node tests/bench/agenda-wasm.mjs`.
//! Figures go to docs/benchmarks.md; nothing here asserts a time.

use chrono::{DateTime, Duration};
use kindling::engine::agenda::agenda;
use kindling::engine::results::results;
use kindling::model::Pacing;
use kindling::model::{Direction, Identity, Interaction, Kind, Person, Site};
use kindling::store::digest::{build, decode_shard, encode_shard, Digest};
use std::time::Instant;

const PEOPLE: usize = 5_000;
const INTERACTIONS: usize = 100_000;

/// A deterministic xorshift, so every run measures the same record.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn main() {
    let now = DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default();
    let mut rng = Rng(0x6b69_6e64_6c69_6e67);
    let people: Vec<Person> = (0..PEOPLE)
        .map(|n| {
            let handle = format!("person{n}");
            let id = Identity { site: Site::X, url: format!("https://x.com/{handle}"), handle };
            let mut p = Person::first_seen(id, &format!("Person {n}"), now - Duration::days(400));
            p.tracked = n.is_multiple_of(5);
            p.local = n.is_multiple_of(7);
            p
        })
        .collect();
    let kinds = [Kind::Like, Kind::Reply, Kind::Repost, Kind::ProfileVisit, Kind::Follow, Kind::Mention];
    let mut by_person: Vec<Vec<Interaction>> = vec![Vec::new(); PEOPLE];
    for n in 0..INTERACTIONS {
        // Skewed: a few people get most of the attention, as in real use.
        let r = rng.next();
        let who = ((r % 1000) * (r % 1000) / 1000 * PEOPLE as u64 / 1000) as usize % PEOPLE;
        let minutes = (rng.next() % (365 * 24 * 60)) as i64;
        let kind = kinds[(rng.next() % kinds.len() as u64) as usize];
        let direction = if rng.next().is_multiple_of(4) { Direction::Inbound } else { Direction::Outbound };
        by_person[who].push(Interaction {
            id: format!("i{n}"),
            person: people[who].id.clone(),
            site: Site::X,
            kind,
            direction,
            at: now - Duration::minutes(minutes),
            // A post by them, written up to a month before (an X snowflake id).
            url: if kind == Kind::Follow || kind == Kind::ProfileVisit {
                String::new()
            } else {
                let posted_ms = (now - Duration::minutes(minutes + (rng.next() % 43_200) as i64)).timestamp_millis();
                let id = ((posted_ms - 1_288_834_974_657) as u64) << 22 | (rng.next() & 0x3f_ffff);
                format!("https://x.com/person{who}/status/{id}")
            },
            handle: None,
            snippet: None,
            by_hand: false,
        });
    }
    let pacing = Pacing::default();
    let today = now.date_naive();
    let all: Vec<Interaction> = by_person.into_iter().flatten().collect();
    let shards: Vec<String> = build(&people, &all).values().map(|shard| encode_shard(shard)).collect();
    let bytes: usize = shards.iter().map(String::len).sum();
    let mut times: Vec<f64> = Vec::new();
    let mut decoding: Vec<f64> = Vec::new();
    let mut lines = 0;
    for _ in 0..21 {
        let start = Instant::now();
        let digests: Vec<Digest> = shards.iter().flat_map(|text| decode_shard(text).unwrap_or_default()).collect();
        let decoded = start.elapsed().as_secs_f64() * 1000.0;
        let items = agenda(digests.iter().map(|d| (&d.person, d.events.as_slice())), &pacing, now, today);
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        decoding.push(decoded);
        lines = items.len();
    }
    // The first run is what a background just started does: in wasm, the
    // engine's baseline code, before it has optimised anything.
    println!("first run: digests read back {:.2} ms, with the agenda {:.2} ms", decoding[0], times[0]);
    decoding.sort_by(f64::total_cmp);
    println!("digests: {} shards, {bytes} bytes; reading them back: median {:.2} ms", shards.len(), decoding[10]);
    times.sort_by(f64::total_cmp);
    println!(
        "digests read and agenda over {PEOPLE} people / {INTERACTIONS} interactions: median {:.2} ms, min {:.2} ms, max {:.2} ms ({} runs, {lines} lines)",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1],
        times.len()
    );
    let digests: Vec<Digest> = shards.iter().flat_map(|text| decode_shard(text).unwrap_or_default()).collect();
    let mut figures: Vec<f64> = (0..21)
        .map(|_| {
            let start = Instant::now();
            let r = results(digests.iter().map(|d| (&d.person, d.events.as_slice())), &pacing, now);
            std::hint::black_box(r);
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    figures.sort_by(f64::total_cmp);
    println!(
        "results over the decoded digests: median {:.2} ms, min {:.2} ms, max {:.2} ms",
        figures[10], figures[0], figures[20]
    );
}
