//! The results of a fixed history: four people who took four ways (all the
//! way; cooled off and came back; no twice; one person on two sites), one
//! only noticed and one tracked but never answered, read as a table of
//! what each figure must be.

use super::*;
use crate::model::{Identity, Interaction, IrlAttempt, Kind, Medium, Meeting};

/// Day 0 is 2026-01-01 00:00 UTC; "now" is day 300 (2026-10-28), noon.
fn day(d: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_225_600 + d * 86_400, 0).unwrap_or_default()
}

fn now() -> DateTime<Utc> {
    day(300) + Duration::hours(12)
}

fn someone(site: Site, handle: &str, noticed: i64) -> Person {
    let url = format!("https://example.org/{handle}");
    let mut p = Person::first_seen(Identity { site, handle: handle.into(), url }, handle, day(noticed));
    p.tracked = true;
    p
}

fn event(person: &Person, site: Site, d: i64, kind: Kind, direction: Direction) -> Interaction {
    Interaction {
        id: format!("{}-{d}-{kind:?}-{direction:?}", person.id),
        person: person.id.clone(),
        site,
        kind,
        direction,
        at: day(d) + Duration::hours(9),
        url: String::new(),
        handle: None,
        snippet: None,
        by_hand: false,
    }
}

/// One like a week from day `from`, `weeks` weeks, and their replies on
/// the days given.
fn weekly(person: &Person, site: Site, from: i64, weeks: i64, replies: &[i64]) -> Vec<Interaction> {
    let mut list: Vec<Interaction> =
        (0..weeks).map(|w| event(person, site, from + 7 * w, Kind::Like, Direction::Outbound)).collect();
    list.extend(replies.iter().map(|d| event(person, site, *d, Kind::Reply, Direction::Inbound)));
    list
}

fn ask(d: i64, outcome: Option<Outcome>) -> IrlAttempt {
    IrlAttempt {
        medium: Medium::Coffee,
        phrasing: String::new(),
        raised_at: day(d),
        outcome,
        scheduled_for: None,
        answered_at: None,
    }
}

fn met(d: i64) -> Meeting {
    Meeting { medium: Medium::Coffee, at: day(d), note: String::new() }
}

/// The fixed history: (person, their interactions).
fn history() -> Vec<(Person, Vec<Interaction>)> {
    // Ann went all the way: noticed day 100, six weekly likes from day 101
    // (ready on day 136, the sixth week; she replied on days 110 and 120),
    // asked on day 150 (yes), met on day 164.
    let mut ann = someone(Site::X, "ann", 100);
    let ann_events = weekly(&ann, Site::X, 101, 8, &[110, 120]);
    ann.irl_attempts = vec![ask(150, Some(Outcome::Positive))];
    ann.meetings = vec![met(164)];
    // Ben cooled off and came back: ready on day 36; not now on
    // day 60, asked again on day 130 (yes), met on day 144.
    let mut ben = someone(Site::Mastodon, "ben", 0);
    let ben_events = weekly(&ben, Site::Mastodon, 1, 10, &[3, 20]);
    ben.irl_attempts = vec![ask(60, Some(Outcome::Negative)), ask(130, Some(Outcome::Positive))];
    ben.meetings = vec![met(144)];
    // Cat said no twice.
    let mut cat = someone(Site::Bluesky, "cat", 200);
    let cat_events = weekly(&cat, Site::Bluesky, 200, 7, &[205, 215]);
    cat.irl_attempts = vec![ask(245, Some(Outcome::Negative)), ask(290, Some(Outcome::Negative))];
    // Dan is one person on two sites (merged): likes on X, replies on
    // GitHub; asked on day 280, no answer yet (the pacing waits 14 days).
    let mut dan = someone(Site::X, "dan", 230);
    dan.identities.push(Identity { site: Site::Github, handle: "dan".into(), url: "https://github.com/dan".into() });
    let mut dan_events = weekly(&dan, Site::X, 231, 6, &[]);
    dan_events.push(event(&dan, Site::Github, 240, Kind::Comment, Direction::Inbound));
    dan_events.push(event(&dan, Site::Github, 250, Kind::Reply, Direction::Inbound));
    dan.irl_attempts = vec![ask(290, None)];
    // Eve was only seen (a profile visit), not tracked.
    let mut eve = someone(Site::Reddit, "eve", 280);
    eve.tracked = false;
    let eve_events = vec![event(&eve, Site::Reddit, 280, Kind::ProfileVisit, Direction::Outbound)];
    // Fay is tracked and liked twice; she never answered.
    let fay = someone(Site::X, "fay", 285);
    let fay_events = weekly(&fay, Site::X, 286, 2, &[]);
    vec![
        (ann, ann_events),
        (ben, ben_events),
        (cat, cat_events),
        (dan, dan_events),
        (eve, eve_events),
        (fay, fay_events),
    ]
}

fn results_of(history: &[(Person, Vec<Interaction>)]) -> Results {
    let events: Vec<(&Person, Vec<Event>)> = history.iter().map(|(p, list)| (p, Event::all(list))).collect();
    let mut sorted = events;
    for (_, e) in &mut sorted {
        e.sort_by_key(|e| e.at);
    }
    super::results(sorted.iter().map(|(p, e)| (*p, e.as_slice())), &Pacing::default(), now())
}

#[test]
fn the_funnel_counts_everyone_as_far_as_they_got_in_each_window() {
    let r = results_of(&history());
    // Noticed since: 3 months → after day 211 (Dan, Eve, Fay); 6 months →
    // after day 120 (and Cat); 12 months → everyone.
    let cases: [(u32, [u32; 7]); 3] =
        [(3, [3, 2, 1, 1, 1, 0, 0]), (6, [4, 3, 2, 2, 2, 0, 0]), (12, [6, 5, 4, 4, 4, 2, 2])];
    for (months, counts) in cases {
        let funnel = r.funnels.iter().find(|f| f.months == months);
        assert_eq!(funnel.map(|f| f.counts.clone()), Some(counts.to_vec()), "{months} months");
    }
    let year = &r.funnels[2];
    assert_eq!(year.conversion(0), None);
    assert_eq!(year.conversion(1), Some(83), "5 of 6 tracked");
    assert_eq!(year.conversion(5), Some(50), "2 of 4 asked said yes");
    assert_eq!(year.conversion(6), Some(100));
    assert_eq!(r.funnels[0].conversion(5), Some(0));
    assert_eq!(Funnel { months: 3, counts: vec![0, 0] }.conversion(1), None, "nobody at the step before");
}

#[test]
fn the_medians_take_each_stretch_in_order_and_by_site() {
    let r = results_of(&history());
    let all = &r.times[0];
    assert_eq!(all.site, None);
    // First touch to ready: Ann 35 days, Ben 35, Cat 35 (the sixth weekly
    // like), Dan 35: 5 weeks.
    assert_eq!(all.to_ready, Median { tenths: Some(50), people: 4 });
    // Ready (at 9:00, the sixth week's like) to the first ask (at 0:00):
    // Ann day 136 → 150 (1.9 weeks), Ben 36 → 60 (3.4), Cat 235 → 245
    // (1.4), Dan 266 → 290 (3.4): the median is 2.7.
    assert_eq!(all.to_asked, Median { tenths: Some(27), people: 4 });
    // First ask to meeting: Ann 14 days, Ben 84 (from his first ask): 7 weeks.
    assert_eq!(all.to_met, Median { tenths: Some(70), people: 2 });
    let sites: Vec<Option<Site>> = r.times.iter().map(|t| t.site).collect();
    assert_eq!(
        sites,
        vec![None, Some(Site::X), Some(Site::Mastodon), Some(Site::Bluesky)],
        "Dan counts on X, his first"
    );
    let x = &r.times[1];
    assert_eq!(x.to_asked, Median { tenths: Some(27), people: 2 }, "Ann 1.9 and Dan 3.4 weeks");
}

#[test]
fn the_asks_are_counted_by_answer_and_what_came_after_a_cold_one() {
    let r = results_of(&history());
    let expected = Asks { yes: 2, not_now: 3, no_answer: 0, waiting: 1, cooled: 2, asked_again: 2, yes_later: 1 };
    assert_eq!(r.asks, expected);
    // Fourteen days on, Dan's silence is "no answer".
    let mut later = history();
    later[3].0.irl_attempts[0].raised_at = day(280);
    assert_eq!(results_of(&later).asks.no_answer, 1);
}

#[test]
fn the_pace_counts_touches_each_way_per_week_and_the_slow_downs_heeded() {
    let r = results_of(&history());
    assert_eq!(r.weeks.len(), PACE_WEEKS);
    let yours: u32 = r.weeks.iter().map(|w| w.yours).sum();
    let theirs: u32 = r.weeks.iter().map(|w| w.theirs).sum();
    // Last 12 weeks: from day 216.5: Cat's likes on days 221-242 (4), Dan's
    // six, Fay's two; Cat's reply none (days 205, 215), Dan's two.
    assert_eq!((yours, theirs), (12, 2));
    assert_eq!(r.weeks.last().map(|w| w.from.as_str()), Some("2026-10-21"));
    assert_eq!(r.slow_downs, SlowDowns::default(), "a like a week never went too fast");

    // Dan, nine weeks in (four touches a week allowed), likes three posts
    // in twenty minutes: a burst. Said once, and heeded: nothing since.
    let mut fast = history();
    let dan = fast[3].0.clone();
    for minutes in [0, 10, 20] {
        let mut like = event(&dan, Site::X, 295, Kind::Like, Direction::Outbound);
        like.at += Duration::minutes(minutes);
        like.id.push_str(&minutes.to_string());
        fast[3].1.push(like);
    }
    assert_eq!(results_of(&fast).slow_downs, SlowDowns { said: 1, heeded: 1, waiting: 0 });
    // The same burst with one more touch an hour later: said once, not heeded.
    let mut again = fast.clone();
    let mut soon = event(&dan, Site::X, 295, Kind::Mention, Direction::Outbound);
    soon.at += Duration::minutes(80);
    again[3].1.push(soon);
    assert_eq!(results_of(&again).slow_downs, SlowDowns { said: 1, heeded: 0, waiting: 0 });
    // A burst today: said, and the day's wait is not over yet.
    let mut today = history();
    for minutes in [0, 10, 20] {
        let mut like = event(&dan, Site::X, 300, Kind::Like, Direction::Outbound);
        like.at += Duration::minutes(minutes);
        like.id.push_str(&minutes.to_string());
        today[3].1.push(like);
    }
    assert_eq!(results_of(&today).slow_downs, SlowDowns { said: 1, heeded: 0, waiting: 1 });
}

#[test]
fn the_months_count_what_happened_in_each_and_read_as_csv() {
    let r = results_of(&history());
    assert_eq!(r.months.len(), 12);
    assert_eq!(r.months.first().map(|m| m.month.as_str()), Some("2025-11"));
    let october = r.months.iter().find(|m| m.month == "2026-10");
    // October 2026 (days 273-300): Eve and Fay noticed, Dan's ask on day 290
    // and Cat's second no, Fay's two likes, Dan's last like (day 266 is
    // September), no inbound.
    let expected = Month {
        month: "2026-10".into(),
        noticed: 2,
        both_ways: 0,
        ready: 0,
        asked: 2,
        yes: 0,
        met: 0,
        yours: 2,
        theirs: 0,
    };
    assert_eq!(october, Some(&expected));
    let csv = months_csv(&r.months);
    assert_eq!(csv.lines().next(), Some("month,noticed,both_ways,ready,asked,yes,met,your_touches,their_touches"));
    assert!(csv.contains("\r\n2026-10,2,0,0,2,0,0,2,0\r\n"), "{csv}");
    assert_eq!(csv.lines().count(), 13);
}

#[test]
fn deleting_or_splitting_someone_changes_every_figure_at_once() {
    let full = results_of(&history());
    // Ben deleted: one fewer noticed, asked, yes and met in the year.
    let without_ben: Vec<_> = history().into_iter().filter(|(p, _)| p.id != "p:mastodon:ben").collect();
    let r = results_of(&without_ben);
    assert_eq!(r.funnels[2].counts, vec![5, 4, 3, 3, 3, 1, 1]);
    assert_eq!(r.asks.yes, full.asks.yes - 1);
    assert_eq!(r.times.iter().filter_map(|t| t.site).collect::<Vec<_>>(), vec![Site::X, Site::Bluesky]);
    // Dan split: his GitHub account on its own has his replies but no touch
    // of the user's: not both ways, and the X half is no longer ready.
    let mut split = history();
    let (dan, events) = split.remove(3);
    let mut github = someone(Site::Github, "dan", 230);
    github.tracked = false;
    let (on_github, on_x): (Vec<_>, Vec<_>) = events.into_iter().partition(|i| i.site == Site::Github);
    let on_github: Vec<_> = on_github.into_iter().map(|i| Interaction { person: github.id.clone(), ..i }).collect();
    let mut x = dan;
    x.identities.truncate(1);
    split.push((x, on_x));
    split.push((github, on_github));
    let r = results_of(&split);
    assert_eq!(r.funnels[2].counts, vec![7, 5, 4, 4, 4, 2, 2], "one more noticed; Dan's X half was still asked");
    assert_eq!(r.times[0].to_ready.people, 3, "Dan's X half alone was never ready: nothing came back there");
}

#[test]
fn the_results_reach_the_pages_whole_and_another_shape_is_refused() {
    let r = results_of(&history());
    let sent = serde_json::to_value(&r).unwrap_or_default();
    assert_eq!(serde_json::from_value::<Results>(sent.clone()).ok(), Some(r));
    let numbers = sent["numbers"].as_array().cloned().unwrap_or_default();
    let dates = sent["dates"].clone();
    let shaped = |numbers: Vec<serde_json::Value>, dates: serde_json::Value| {
        serde_json::from_value::<Results>(serde_json::json!({ "numbers": numbers, "dates": dates })).is_ok()
    };
    assert!(shaped(numbers.clone(), dates.clone()));
    let mut short = numbers.clone();
    short.pop();
    assert!(!shaped(short, dates.clone()), "a times row cut short");
    assert!(!shaped(numbers[..100].to_vec(), dates.clone()), "too few numbers");
    let mut site = numbers.clone();
    let first_site = site.len() - 4 * 7;
    site[first_site] = serde_json::json!(99);
    assert!(!shaped(site, dates.clone()), "no site 99");
    assert!(!shaped(numbers, serde_json::json!(["2026-10-21"])), "the dates of another shape");
}
