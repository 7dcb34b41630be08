//! Today's agenda over 5,000 people and 100,000 interactions, natively:
//! `cargo run --release -p kindling --example agenda_bench`. Figures go to
//! docs/benchmarks.md; nothing here asserts a time.

use chrono::{DateTime, Duration};
use kindling::model::{Direction, Identity, Interaction, Kind, Person, Site};
use kindling::pacing::{agenda, Pacing};
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
            url: String::new(),
            handle: None,
            snippet: None,
        });
    }
    let pacing = Pacing::default();
    let today = now.date_naive();
    let mut times: Vec<f64> = Vec::new();
    let mut lines = 0;
    for _ in 0..21 {
        let start = Instant::now();
        let items = agenda(people.iter().zip(by_person.iter().map(Vec::as_slice)), &pacing, now, today);
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        lines = items.len();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "agenda over {PEOPLE} people / {INTERACTIONS} interactions: median {:.2} ms, min {:.2} ms, max {:.2} ms ({} runs, {lines} lines)",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1],
        times.len()
    );
}
