//! The pacing engine's rules, the agenda and the list of people, as cases
//! of whole interactions.

use super::*;
use crate::engine::agenda::*;

// The rules read as cases of whole interactions; the engine reads events.
fn advise(who: &Person, list: &[Interaction], p: &Pacing, now: DateTime<Utc>, today: NaiveDate) -> Advice {
    super::advise(who, &Event::all(list), p, now, today)
}

fn agenda<'a>(
    people: impl IntoIterator<Item = (&'a Person, &'a [Interaction])>,
    p: &Pacing,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Vec<AgendaItem> {
    let events: Vec<(&Person, Vec<Event>)> = people.into_iter().map(|(who, h)| (who, Event::all(h))).collect();
    crate::engine::agenda::agenda(events.iter().map(|(who, e)| (*who, e.as_slice())), p, now, today)
}
use crate::model::{AskAbout, Identity, IrlAttempt, Meeting, Site};

fn at(hours: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_225_600 + hours * 3600, 0).unwrap_or_default()
}

fn day(d: i64) -> DateTime<Utc> {
    at(d * 24)
}

fn person() -> Person {
    let id = Identity { site: Site::X, handle: "alice".into(), url: "https://x.com/alice".into() };
    Person::first_seen(id, "Alice", day(-400))
}

fn touch(t: DateTime<Utc>, kind: Kind, direction: Direction) -> Interaction {
    Interaction {
        id: format!("i{}{kind:?}{direction:?}", t.timestamp()),
        person: "p:x:alice".into(),
        site: Site::X,
        kind,
        direction,
        at: t,
        url: String::new(),
        handle: None,
        snippet: None,
        by_hand: false,
    }
}

fn likes(times: &[DateTime<Utc>]) -> Vec<Interaction> {
    times.iter().map(|t| touch(*t, Kind::Like, Direction::Outbound)).collect()
}

/// Ten weeks of gradual two-way engagement, ending at day 0.
fn ten_weeks() -> Vec<Interaction> {
    let mut all: Vec<Interaction> =
        (0..10).map(|w| touch(day(-70 + w * 7 + 1), Kind::Reply, Direction::Outbound)).collect();
    all.extend((0..4).map(|w| touch(day(-60 + w * 14), Kind::Like, Direction::Inbound)));
    all
}

fn today() -> NaiveDate {
    day(0).date_naive()
}

#[test]
fn ready_but_for_what_they_did_says_so_and_only_then() {
    let p = Pacing::default();
    let outbound: Vec<Interaction> = ten_weeks().into_iter().filter(|i| i.direction == Direction::Outbound).collect();
    let held = advise(&person(), &outbound, &p, day(0), today());
    assert_eq!(held.stage, Stage::Engage);
    assert!(held.waiting_for_them, "ten weeks of touches, nothing back");
    assert_eq!(held.reciprocity.map(|t| t.english()).as_deref(), Some("Ready once they engage back."));
    // One thing back is not yet the two readiness needs; a second is.
    let mut one_back = outbound.clone();
    one_back.push(touch(day(-3), Kind::Message, Direction::Inbound));
    assert!(advise(&person(), &one_back, &p, day(0), today()).waiting_for_them);
    let mut two_back = one_back.clone();
    two_back.push(Interaction { by_hand: true, ..touch(day(-1), Kind::Call, Direction::Inbound) });
    let ready = advise(&person(), &two_back, &p, day(0), today());
    assert_eq!(ready.stage, Stage::ReadyToRaise, "a call entered by hand counts like a seen reply");
    assert!(!ready.waiting_for_them);
    // Too few weeks: what holds them back is not only inbound.
    let three_weeks: Vec<Interaction> = outbound.iter().skip(7).cloned().collect();
    let young = advise(&person(), &three_weeks, &p, day(0), today());
    assert!(!young.waiting_for_them, "{:?}", young.stage);
    assert_eq!(
        young.reciprocity.map(|t| t.english()).as_deref(),
        Some("They haven't engaged back yet. Keep it light."),
        "too few weeks: only one-sided"
    );
    // Cooling off, or a stage the user set, is not "ready but for them".
    let set = Person { stage: Some(Stage::Deepen), ..person() };
    assert!(!advise(&set, &outbound, &p, day(0), today()).waiting_for_them);
    let asked = Person {
        irl_attempts: vec![IrlAttempt {
            medium: Medium::Coffee,
            phrasing: String::new(),
            raised_at: day(-10),
            outcome: Some(Outcome::Negative),
            scheduled_for: None,
            answered_at: None,
        }],
        ..person()
    };
    assert!(!advise(&asked, &outbound, &p, day(0), today()).waiting_for_them);
}

#[test]
fn the_balance_counts_the_last_90_days_both_ways_and_says_when_they_last_did_something() {
    let p = Pacing::default();
    let mut list = ten_weeks();
    list.push(touch(day(-200), Kind::Like, Direction::Inbound));
    let advice = advise(&person(), &list, &p, day(0), today());
    // Ten replies and four likes back within 90 days; the like 200 days
    // ago counts for readiness, not in the balance.
    assert_eq!(advice.balance.english(), "You 10 · them 4 in 90 days, last from them 18 days ago");
    let outbound: Vec<Interaction> = list.iter().filter(|i| i.direction == Direction::Outbound).cloned().collect();
    assert_eq!(advise(&person(), &outbound, &p, day(0), today()).balance.english(), "You 10 · them 0 in 90 days");
}

#[test]
fn the_weekly_allowance_ramps_up_slowly_to_a_plateau() {
    let p = Pacing::default();
    let budgets: Vec<u32> = (0..12).map(|w| weekly_budget(&p, w)).collect();
    assert_eq!(budgets, [1, 1, 2, 2, 3, 3, 4, 4, 4, 4, 4, 4]);
    assert_eq!(weekly_budget(&p, -3), 1, "a clock gone backwards is the first week");
    let odd = Pacing { ramp_step_weeks: 0, plateau: 0, ..Pacing::default() };
    assert_eq!(weekly_budget(&odd, 5), 1, "nonsense settings never forbid the first touch");
}

#[test]
fn bursts_and_weeks_over_budget_say_slow_down_with_why_and_until_when() {
    let p = Pacing::default();
    // Two months of history put the allowance at its plateau (4 a week),
    // so only the burst speaks.
    let settled = [day(-60), day(-45), day(-30)];
    let mins = |m: i64| day(0) + Duration::minutes(m);
    let dst = |m: i64| DateTime::from_timestamp(1_774_742_400 + m * 60, 0).unwrap_or_default();
    /// What, whether after two months of history, the touches, and when it is fine again.
    type Case<'a> = (&'a str, bool, Vec<DateTime<Utc>>, Option<DateTime<Utc>>);
    let cases: Vec<Case> = vec![
        ("three likes in ten minutes", true, vec![mins(-10), mins(-5), mins(0)], Some(day(1))),
        // 23:30, 23:50 and 00:10 are within the hour, whatever the calendar says.
        ("a burst across midnight", true, vec![mins(-30), mins(-10), mins(10)], Some(mins(10) + Duration::days(1))),
        ("three likes in two hours: no burst", true, vec![mins(-120), mins(-60), mins(0)], None),
        ("five likes in five days: over the plateau", true, (0..5).map(|d| day(-4 + d)).collect(), Some(day(4))),
        ("two likes an hour apart in week one: over its one", false, vec![at(-2), at(0)], Some(at(7 * 24))),
        (
            "a burst in week one: the week's allowance decides when",
            false,
            vec![mins(-10), mins(-5), mins(0)],
            Some(mins(0) + Duration::days(7)),
        ),
        ("one like: fine", false, vec![at(0)], None),
        ("three likes over three weeks: fine", false, vec![day(-20), day(-10), day(0)], None),
        // Europe's clocks went forward at 01:00 UTC on 2026-03-29: 00:30,
        // 01:10 and 01:20 UTC read 01:30, 03:10 and 03:20 in Berlin, two
        // hours apart on the wall clock, 50 minutes apart in fact.
        ("a burst across a DST change", true, vec![dst(30), dst(70), dst(80)], Some(dst(80) + Duration::days(1))),
        // Five likes in the 7 x 24 hours around that change: over the plateau.
        (
            "a week spanning a DST change",
            true,
            (0..5).map(|d| dst(0) + Duration::hours(d * 36)).collect(),
            Some(dst(0) + Duration::hours(36) + Duration::days(7)),
        ),
    ];
    for (what, with_history, times, want) in cases {
        let all: Vec<DateTime<Utc>> =
            if with_history { settled.iter().chain(times.iter()).copied().collect() } else { times.clone() };
        let advice = advise(&person(), &likes(&all), &p, *times.last().unwrap_or(&day(0)), today());
        let got = match advice.hint {
            Hint::SlowDown { fine_after, .. } => Some(fine_after),
            _ => None,
        };
        assert_eq!(got, want, "{what}");
    }
}

#[test]
fn profile_visits_are_not_touches() {
    let visits: Vec<Interaction> =
        (0..5).map(|m| touch(day(0) - Duration::minutes(m), Kind::ProfileVisit, Direction::Outbound)).collect();
    let advice = advise(&person(), &visits, &Pacing::default(), day(0), today());
    assert_eq!((advice.stage, advice.outbound), (Stage::Identify, 0));
    assert!(matches!(advice.hint, Hint::FineToEngage { left: 1 }), "{:?}", advice.hint);
}

#[test]
fn stages_follow_the_history() {
    let p = Pacing::default();
    let three_weeks_two_way = {
        let mut all = likes(&[day(-20), day(-13), day(-6)]);
        all.push(touch(day(-5), Kind::Reply, Direction::Inbound));
        all
    };
    let cases: Vec<(&str, Vec<Interaction>, Stage)> = vec![
        ("nothing yet", vec![], Stage::Identify),
        ("one like yesterday", likes(&[day(-1)]), Stage::Engage),
        ("three weeks, they replied", three_weeks_two_way, Stage::Deepen),
        ("ten weeks, two-way", ten_weeks(), Stage::ReadyToRaise),
        (
            "ten weeks, one-way",
            ten_weeks().into_iter().filter(|i| i.direction == Direction::Outbound).collect(),
            Stage::Engage,
        ),
    ];
    for (what, history, want) in cases {
        assert_eq!(advise(&person(), &history, &p, day(0), today()).stage, want, "{what}");
    }
}

#[test]
fn real_life_is_suggested_only_when_earned_with_soft_phrases_for_the_right_medium() {
    let p = Pacing::default();
    let ready = advise(&person(), &ten_weeks(), &p, day(0), today());
    let s = ready.suggestion.unwrap_or_else(|| panic!("ten weeks of two-way engagement should suggest"));
    assert_eq!(s.medium, Medium::PhoneCall);
    assert!(s.phrases.len() >= 3 && !s.gently);
    let local = Person { local: true, ..person() };
    let coffee = advise(&local, &ten_weeks(), &p, day(0), today()).suggestion.map(|s| (s.medium, s.phrases));
    assert_eq!(coffee.as_ref().map(|c| c.0), Some(Medium::Coffee));
    assert!(coffee.is_some_and(|c| c.1.iter().all(|phrase| phrase.english().to_lowercase().contains("coffee"))));

    // Never right after a burst.
    let mut burst = ten_weeks();
    burst.extend(likes(&[day(0) - Duration::minutes(20), day(0) - Duration::minutes(10), day(0)]));
    let after_burst = advise(&person(), &burst, &p, day(0), today());
    assert!(after_burst.suggestion.is_none() && matches!(after_burst.hint, Hint::SlowDown { .. }));

    // One like yesterday: nothing of the kind.
    assert!(advise(&person(), &likes(&[day(-1)]), &p, day(0), today()).suggestion.is_none());
}

fn raised(days_ago: i64, outcome: Option<Outcome>) -> IrlAttempt {
    IrlAttempt {
        medium: Medium::Coffee,
        phrasing: "We should grab coffee sometime!".into(),
        raised_at: day(-days_ago),
        outcome,
        scheduled_for: None,
        answered_at: None,
    }
}

#[test]
fn outcomes_move_the_relationship_on_or_back() {
    let p = Pacing::default();
    let with = |attempts: Vec<IrlAttempt>| Person { irl_attempts: attempts, ..person() };
    let stage_of = |who: &Person| advise(who, &ten_weeks(), &p, day(0), today());
    let cases: Vec<(&str, Person, Stage)> = vec![
        ("asked three days ago, no answer yet", with(vec![raised(3, None)]), Stage::Raised),
        ("no answer for two weeks counts as no", with(vec![raised(14, None)]), Stage::CoolingOff),
        ("a no a month ago: cooling off", with(vec![raised(30, Some(Outcome::Negative))]), Stage::CoolingOff),
        ("a no nine weeks ago: ready again", with(vec![raised(63, Some(Outcome::Negative))]), Stage::ReadyToRaise),
        ("a yes", with(vec![raised(2, Some(Outcome::Positive))]), Stage::Raised),
        (
            "a yes after an earlier no",
            with(vec![raised(40, Some(Outcome::Negative)), raised(1, Some(Outcome::Positive))]),
            Stage::Raised,
        ),
        (
            "met",
            Person { meetings: vec![Meeting { medium: Medium::Coffee, at: day(-1), note: String::new() }], ..person() },
            Stage::RealLife,
        ),
    ];
    for (what, who, want) in cases {
        assert_eq!(stage_of(&who).stage, want, "{what}");
    }
    let again = advise(&with(vec![raised(63, Some(Outcome::Negative))]), &ten_weeks(), &p, day(0), today());
    assert_eq!(again.suggestion.map(|s| s.gently), Some(true), "after a no, more gently");
    let yes = advise(&with(vec![raised(2, Some(Outcome::Positive))]), &ten_weeks(), &p, day(0), today());
    assert_eq!(
        yes.next_step.map(|t| t.english()).as_deref(),
        Some("They're up for it: ask when would be good for them.")
    );
}

#[test]
fn tracked_people_gone_quiet_get_a_nudge_and_one_sided_ones_a_kind_flag() {
    let p = Pacing::default();
    let tracked = Person { tracked: true, ..person() };
    let quiet = advise(&tracked, &likes(&[day(-20)]), &p, day(0), today());
    assert!(
        matches!(&quiet.hint, Hint::Nudge { reason } if reason.english().starts_with("No touch for 20 days")),
        "{:?}",
        quiet.hint
    );
    let untracked = advise(&person(), &likes(&[day(-20)]), &p, day(0), today());
    assert!(matches!(untracked.hint, Hint::FineToEngage { .. }));
    let one_way = advise(&person(), &likes(&[day(-30), day(-20), day(-10)]), &p, day(0), today());
    assert!(one_way.one_sided);
    assert!(!advise(&person(), &ten_weeks(), &p, day(0), today()).one_sided);
}

#[test]
fn ask_about_items_surface_from_their_date_on_and_undated_ones_at_once() {
    let item = |text: &str, after: Option<NaiveDate>, done: bool| AskAbout {
        text: text.into(),
        after,
        created_at: day(-30),
        done,
    };
    let who = Person {
        ask_about: vec![
            item("the marathon", Some(today()), false),
            item("the move", NaiveDate::from_ymd_opt(2020, 1, 1), false),
            item("the new job", today().succ_opt(), false),
            item("their dog's name", None, false),
            item("the wedding", None, true),
        ],
        ..person()
    };
    let due = advise(&who, &[], &Pacing::default(), day(0), today()).ask_about;
    assert_eq!(due, ["the marathon", "the move", "their dog's name"]);
}

fn named(handle: &str) -> Person {
    let id = Identity { site: Site::X, handle: handle.into(), url: format!("https://x.com/{handle}") };
    Person::first_seen(id, handle, day(-400))
}

fn of(handle: &str, mut history: Vec<Interaction>) -> Vec<Interaction> {
    for i in &mut history {
        i.person = format!("p:x:{handle}");
    }
    history
}

#[test]
fn after_a_yes_the_agenda_asks_for_a_date_reminds_as_it_nears_then_asks_how_it_went() {
    let p = Pacing::default();
    let line = |attempt: IrlAttempt, met: bool| {
        let meetings =
            if met { vec![Meeting { medium: Medium::Coffee, at: day(-1), note: String::new() }] } else { vec![] };
        let sam = Person { irl_attempts: vec![attempt], meetings, ..named("Sam") };
        let history = of("Sam", ten_weeks());
        agenda([(&sam, history.as_slice())], &p, day(0), today())
            .into_iter()
            .next()
            .map(|i| (i.reason, i.text.english()))
    };
    let yes = raised(3, Some(Outcome::Positive));
    let on = |at: DateTime<Utc>| IrlAttempt { scheduled_for: Some(at), ..yes.clone() };
    let follow = |text: &str| Some((Reason::FollowUp, text.to_owned()));
    let cases = [
        ("a yes, no date", line(yes.clone(), false), follow("Sam is up for it: ask when would be good for them.")),
        ("waiting for their answer", line(raised(3, None), false), None),
        ("a date next week", line(on(day(7)), false), None),
        ("a date in 47 hours", line(on(day(0) + Duration::hours(47)), false), follow("Coffee with Sam in 47 hours.")),
        ("a date in 3 hours", line(on(day(0) + Duration::hours(3)), false), follow("Coffee with Sam in 3 hours.")),
        ("the date passed", line(on(day(-1)), false), follow("Did you meet Sam? Note how it went.")),
        ("they met", line(on(day(-1)), true), None),
    ];
    for (what, got, want) in cases {
        assert_eq!(got, want, "{what}");
    }
    let sam = Person { irl_attempts: vec![on(day(2))], ..named("Sam") };
    let plan = advise(&sam, &ten_weeks(), &p, day(0), today()).plan;
    assert_eq!(plan, Some(Plan { medium: Medium::Coffee, at: day(2) }), "the card shows the agreed date");
    let after_no = Person { irl_attempts: vec![raised(70, Some(Outcome::Negative)), on(day(2))], ..named("Sam") };
    assert_eq!(advise(&after_no, &ten_weeks(), &p, day(0), today()).stage, Stage::Raised, "a yes after a no");
}

#[test]
fn pacing_settings_are_checked_and_phrasings_tidied() {
    assert_eq!(Pacing::default().validate(), Ok(()));
    let bad = [
        Pacing { ramp_start: 0, ..Pacing::default() },
        Pacing { plateau: 0, ..Pacing::default() },
        Pacing { burst_minutes: 100_000, ..Pacing::default() },
        Pacing { coffee_phrases: vec![], ..Pacing::default() },
        Pacing { call_phrases: vec!["x".repeat(201)], ..Pacing::default() },
        Pacing { call_phrases: vec!["  ".into()], ..Pacing::default() },
    ];
    for pacing in bad {
        assert!(pacing.validate().is_err(), "{pacing:?}");
    }
    let typed = Pacing { coffee_phrases: vec!["  Coffee? ".into(), "".into(), "Tea?".into()], ..Pacing::default() };
    assert_eq!(typed.tidy().coffee_phrases, vec!["Coffee?", "Tea?"]);
    let own = Pacing { coffee_phrases: vec!["Fancy a flat white?".into()], ..Pacing::default() };
    let local = Person { local: true, ..person() };
    let offered = advise(&local, &ten_weeks(), &own, day(0), today()).suggestion.map(|s| s.phrases);
    assert_eq!(offered, Some(vec![Text::verbatim("Fancy a flat white?")]), "the user's own words are offered");
}

#[test]
fn the_agenda_ranks_one_line_per_person_skips_the_snoozed_and_is_capped() {
    let p = Pacing::default();
    let ready = named("ready");
    let asked = Person { irl_attempts: vec![raised(2, Some(Outcome::Positive))], ..named("asked") };
    let curious = Person {
        ask_about: vec![AskAbout { text: "the marathon".into(), after: None, created_at: day(-3), done: false }],
        ..named("curious")
    };
    let rushing = named("rushing");
    let quiet = Person { tracked: true, ..named("quiet") };
    let fan = named("fan");
    let snoozed = Person { snoozed_until: Some(day(2)), ..named("snoozed") };
    let calm = named("calm");
    let burst = likes(&[day(0) - Duration::minutes(20), day(0) - Duration::minutes(10), day(0)]);
    let month: Vec<DateTime<Utc>> = (0..6).map(|d| day(-25 + d * 4)).collect();
    let histories = [
        (&ready, of("ready", ten_weeks())),
        (&asked, of("asked", ten_weeks())),
        (&curious, of("curious", likes(&[day(-2)]))),
        // Ready too, but rushing: the burst wins over readiness.
        (&rushing, of("rushing", ten_weeks().into_iter().chain(burst.clone()).collect())),
        (&quiet, of("quiet", likes(&[day(-30)]))),
        (&fan, of("fan", likes(&month))),
        (&snoozed, of("snoozed", burst)),
        (&calm, of("calm", likes(&[day(-1)]))),
    ];
    let list = agenda(histories.iter().map(|(who, h)| (*who, h.as_slice())), &p, day(0), today());
    let seen: Vec<(&str, Reason)> = list.iter().map(|i| (i.name.as_str(), i.reason)).collect();
    assert_eq!(
        seen,
        [
            ("ready", Reason::ReadyToRaise),
            ("asked", Reason::FollowUp),
            ("curious", Reason::FollowUp),
            ("rushing", Reason::SlowDown),
            ("quiet", Reason::Nudge),
            ("fan", Reason::Track),
        ]
    );
    assert_eq!(
        list.iter().find(|i| i.name == "fan").map(|i| i.text.english()).as_deref(),
        Some("You've engaged with fan 6 times this month. Track them?")
    );

    let crowd: Vec<(Person, Vec<Interaction>)> =
        (0..20).map(|n| (named(&format!("p{n}")), of(&format!("p{n}"), ten_weeks()))).collect();
    let capped = agenda(crowd.iter().map(|(who, h)| (who, h.as_slice())), &p, day(0), today());
    assert_eq!(capped.len(), AGENDA_MAX);
}

#[test]
fn a_like_repost_and_reply_on_one_post_are_one_touch() {
    let on = |url: &str, kind: Kind, minutes: i64| Interaction {
        url: url.into(),
        ..touch(day(0) + Duration::minutes(minutes), kind, Direction::Outbound)
    };
    let one_post = vec![
        on("https://x.com/alice/status/1", Kind::Like, -3),
        on("https://x.com/alice/status/1", Kind::Repost, -2),
        on("https://x.com/alice/status/1", Kind::Reply, 0),
    ];
    let advice = advise(&person(), &one_post, &Pacing::default(), day(0), today());
    assert!(matches!(advice.hint, Hint::FineToEngage { left: 0 }), "{:?}", advice.hint);
    let three_posts: Vec<Interaction> =
        (0..3).map(|n| on(&format!("https://x.com/alice/status/{n}"), Kind::Like, n - 3)).collect();
    let advice = advise(&person(), &three_posts, &Pacing::default(), day(0), today());
    assert!(matches!(advice.hint, Hint::SlowDown { .. }), "{:?}", advice.hint);
}

#[test]
fn the_users_stage_overrides_the_derived_one() {
    let p = Pacing::default();
    let met_offline = Person { stage: Some(Stage::RealLife), ..person() };
    let advice = advise(&met_offline, &ten_weeks(), &p, day(0), today());
    assert_eq!((advice.stage, advice.suggestion), (Stage::RealLife, None));
    let not_yet = Person { stage: Some(Stage::Engage), ..person() };
    assert_eq!(advise(&not_yet, &ten_weeks(), &p, day(0), today()).suggestion, None);
    let ready = Person { stage: Some(Stage::ReadyToRaise), ..person() };
    assert!(advise(&ready, &likes(&[day(-1)]), &p, day(0), today()).suggestion.is_some());
}

#[test]
fn ask_about_dates_are_the_users_local_days_whatever_the_utc_date() {
    // 23:30 UTC on 1 Jan is already 2 Jan in Helsinki (UTC+2): an item
    // for 2 Jan is due there, not yet in New York (UTC-5, still 1 Jan).
    let now = day(1) - Duration::minutes(30);
    let jan2 = day(1).date_naive();
    let who = Person {
        ask_about: vec![AskAbout { text: "the new job".into(), after: Some(jan2), created_at: day(-9), done: false }],
        ..person()
    };
    let helsinki = advise(&who, &[], &Pacing::default(), now, jan2).ask_about;
    let new_york = advise(&who, &[], &Pacing::default(), now, now.date_naive()).ask_about;
    assert_eq!((helsinki.len(), new_york.len()), (1, 0));
}

#[test]
fn post_urls_tell_when_the_post_was_written_on_x_and_mastodon() {
    let cases = [
        // Ids built from a time: ((ms - 1288834974657) << 22) on X, (ms << 16) on Mastodon.
        ("https://x.com/alice/status/1585834157701857280", Some("2022-10-28T03:21:41.227+00:00")),
        ("https://mastodon.social/@alice/113019600923459584", Some("2024-08-24T23:30:50.419+00:00")),
        ("https://x.com/alice", None),
        ("https://bsky.app/profile/alice.bsky.social/post/3lalice00001a", None),
        ("https://x.com/alice/status/not-a-number", None),
    ];
    for (url, want) in cases {
        assert_eq!(crate::sites::posted_at(url).map(|t| t.to_rfc3339()), want.map(str::to_owned), "{url}");
    }
}

#[test]
fn liking_a_run_of_old_posts_says_slow_down() {
    let p = Pacing::default();
    let settled = likes(&[day(-60), day(-45), day(-30)]);
    // Three likes two hours apart (no burst) on posts from 2022: a run of old posts.
    let old_post = |n: i64, hours: i64| Interaction {
        url: format!("https://x.com/alice/status/15858410804313210{n:02}"),
        ..touch(day(0) + Duration::hours(hours), Kind::Like, Direction::Outbound)
    };
    let run: Vec<Interaction> =
        settled.iter().cloned().chain([old_post(1, -4), old_post(2, -2), old_post(3, 0)]).collect();
    let advice = advise(&person(), &run, &p, day(0), today());
    assert!(
        matches!(&advice.hint, Hint::SlowDown { reason, fine_after } if reason.english().starts_with("3 likes on their older posts") && *fine_after == day(1)),
        "{:?}",
        advice.hint
    );
    // The same three likes on posts from this week: fine.
    // Posted on 2025-12-30, two days before.
    let fresh = |n: i64, hours: i64| Interaction {
        url: format!("https://x.com/alice/status/{}", 2_005_972_131_640_246_272_i64 + n),
        ..old_post(n, hours)
    };
    let recent: Vec<Interaction> = settled.into_iter().chain([fresh(1, -4), fresh(2, -2), fresh(3, 0)]).collect();
    assert!(matches!(advise(&person(), &recent, &p, day(0), today()).hint, Hint::FineToEngage { .. }));
}

#[test]
fn merged_people_count_every_account() {
    let mut history = likes(&[day(0) - Duration::minutes(20)]);
    let mut other = touch(day(0) - Duration::minutes(10), Kind::Like, Direction::Outbound);
    other.site = Site::Mastodon;
    history.push(other);
    history.push(touch(day(0), Kind::Reply, Direction::Outbound));
    let advice = advise(&person(), &history, &Pacing::default(), day(0), today());
    assert!(matches!(advice.hint, Hint::SlowDown { .. }), "three touches across two sites within the hour");
}
