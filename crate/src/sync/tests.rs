//! Two devices, each with its own record, and one shared sync area with the
//! browsers' quotas and write limits: they converge after concurrent edits,
//! offline periods, a merge on one and a split on the other, and a deletion;
//! a wrong passphrase changes nothing; nothing synced can be read.

use super::area::{Area, FakeArea, MAX_WRITES_PER_MINUTE};
use super::doc::Hlc;
use super::local::apply;
use super::seal::{Kdf, Key};
use super::*;
use crate::model::{Direction, Identity, Interaction, Kind, Note, Person, Settings, Site};
use crate::testing::run;
use chrono::{DateTime, Utc};

const FAST: Kdf = Kdf { memory_kib: 64, passes: 1, lanes: 1 };
const T0: i64 = 1_767_225_600_000;

fn at(minutes: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(T0 + minutes * 60_000).unwrap_or_default()
}

struct Device {
    id: u32,
    people: Vec<Person>,
    interactions: Vec<Interaction>,
    settings: Settings,
    base: SyncDoc,
    clock: Hlc,
    key: Option<Key>,
    /// This device's wall clock, minutes after T0 (devices' clocks differ).
    minutes: i64,
    nonce: u8,
}

impl Device {
    fn new(id: u32) -> Device {
        Device {
            id,
            people: vec![],
            interactions: vec![],
            settings: Settings::default(),
            base: SyncDoc::default(),
            clock: Hlc::default(),
            key: None,
            minutes: 0,
            nonce: 0,
        }
    }

    fn person(&mut self, handle: &str, name: &str) {
        let identity = Identity { site: Site::X, handle: handle.into(), url: format!("https://x.com/{handle}") };
        self.people.push(Person::first_seen(identity, name, at(self.minutes)));
    }

    fn who(&mut self, id: &str) -> &mut Person {
        self.people.iter_mut().find(|p| p.id == id).unwrap()
    }

    /// An interaction seen on this device only.
    fn saw(&mut self, person: &str, site: Site, handle: &str) {
        let n = self.interactions.len();
        self.interactions.push(Interaction {
            id: format!("d{}-{n}", self.id),
            person: person.into(),
            site,
            kind: Kind::Like,
            direction: Direction::Outbound,
            at: at(self.minutes),
            url: String::new(),
            handle: Some(handle.into()),
            snippet: None,
            by_hand: false,
        });
    }

    /// Something they did for the user, as every device may see it (the
    /// same notification: the same id).
    fn heard(&mut self, person: &str, id: &str) {
        self.interactions.push(Interaction {
            id: id.into(),
            person: person.into(),
            site: Site::X,
            kind: Kind::Reply,
            direction: Direction::Inbound,
            at: at(self.minutes),
            url: format!("https://x.com/dave/status/{id}"),
            handle: Some("dave".into()),
            snippet: None,
            by_hand: false,
        });
    }

    /// What the engine advises about `id` on this device now.
    fn advice(&self, id: &str) -> crate::engine::pacing::Advice {
        let person = self.people.iter().find(|p| p.id == id).unwrap();
        let history: Vec<Interaction> = self.interactions.iter().filter(|i| i.person == id).cloned().collect();
        let now = at(self.minutes);
        let events = crate::engine::pacing::Event::all(&history);
        crate::engine::pacing::advise(person, &events, &self.settings.pacing, now, now.date_naive())
    }

    /// One round with the area; the device's clock then moves a minute.
    fn sync(&mut self, area: &FakeArea) -> Result<Round, SyncError> {
        let items = run(area.read()).unwrap();
        let key = match &self.key {
            Some(key) => key.clone(),
            None => unlock("correct horse battery", &items)?,
        };
        let (id, nonce) = (self.id, &mut self.nonce);
        let mut nonces = || {
            *nonce = nonce.wrapping_add(1);
            let mut n = [*nonce; 24];
            n[0] = id as u8;
            n
        };
        let now_ms = T0 + self.minutes * 60_000;
        let own = weeks::own(&self.people, &self.interactions, at(self.minutes));
        let here = (self.clock, self.id, now_ms);
        let r = round(&items, &key, &self.base, &self.people, &self.settings, &own, here, &mut nonces)?;
        apply(&r.merged, self.id, &mut self.people, &mut self.interactions, &mut self.settings);
        self.base = r.merged.clone();
        self.clock = r.clock;
        self.key = Some(key);
        area.now_ms.set(now_ms);
        run(area.write(r.set.clone(), r.remove.clone())).unwrap();
        self.minutes += 1;
        Ok(r)
    }

    /// The synced part of the record, in an order that does not depend on
    /// which device wrote first.
    fn view(&self) -> Vec<String> {
        let mut people: Vec<String> = self
            .people
            .iter()
            .map(|p| {
                let mut accounts: Vec<String> = p.identities.iter().map(Identity::key).collect();
                accounts.sort();
                let mut tags = p.tags.clone();
                tags.sort();
                let mut notes: Vec<&str> = p.notes.iter().map(|n| n.text.as_str()).collect();
                notes.sort();
                format!("{} {:?} tracked={} {accounts:?} {tags:?} {notes:?}", p.id, p.name, p.tracked)
            })
            .collect();
        people.sort();
        people
    }
}

/// An area set up by device A, and a second device B; both have synced.
fn two_devices() -> (FakeArea, Device, Device) {
    let area = FakeArea::default();
    let (key, meta) = setup("correct horse battery", [9; 16], [1; 24], FAST).unwrap();
    area.items.borrow_mut().insert(META.into(), meta);
    let mut a = Device::new(1);
    a.key = Some(key);
    let b = Device::new(2);
    (area, a, b)
}

fn note(text: &str, minutes: i64) -> Note {
    Note { text: text.into(), created_at: at(minutes) }
}

#[test]
fn two_devices_converge_after_concurrent_edits_and_offline_periods() {
    let (area, mut a, mut b) = two_devices();
    a.person("dave", "Dave Okafor");
    a.sync(&area).unwrap();
    b.sync(&area).unwrap();
    assert_eq!(b.view(), a.view(), "B has Dave from A");

    // Offline, both edit Dave; B's clock is an hour behind A's.
    a.minutes += 10;
    a.who("p:x:dave").tracked = true;
    a.who("p:x:dave").notes.push(note("runs marathons", 12));
    a.who("p:x:dave").name = "Dave A.".into();
    b.minutes -= 60;
    b.who("p:x:dave").tags.push("work".into());
    b.who("p:x:dave").name = "Dave O.".into();
    b.person("erin", "Erin Walsh");
    a.sync(&area).unwrap();
    b.sync(&area).unwrap();
    a.sync(&area).unwrap();
    assert_eq!(a.view(), b.view());
    let dave = a.view().into_iter().find(|p| p.starts_with("p:x:dave")).unwrap();
    assert!(dave.contains("tracked=true") && dave.contains("\"work\"") && dave.contains("runs marathons"), "{dave}");
    // Both renamed Dave, concurrently: the later stamp wins (A's clock was
    // ahead), on both devices; the other fields each device changed all stand.
    assert!(dave.contains("\"Dave A.\""), "{dave}");
    // Having seen A's stamps, B's next edit wins even with its clock behind.
    b.who("p:x:dave").name = "David".into();
    b.sync(&area).unwrap();
    a.sync(&area).unwrap();
    assert_eq!(a.view(), b.view());
    assert!(a.view().iter().any(|p| p.contains("\"David\"")));
    // Nothing changed: nothing is written.
    assert!(a.sync(&area).unwrap().set.is_empty());
}

#[test]
fn a_merge_on_one_device_and_a_split_on_the_other_replay_on_both_with_each_devices_history() {
    let (area, mut a, mut b) = two_devices();
    a.person("carol", "Carol");
    a.person("dave", "Dave");
    a.person("erin", "Erin");
    a.who("p:x:erin").identities.push(Identity {
        site: Site::Mastodon,
        handle: "erin@mastodon.social".into(),
        url: "https://mastodon.social/@erin".into(),
    });
    a.sync(&area).unwrap();
    b.sync(&area).unwrap();
    // Each device saw its own interactions.
    for d in [&mut a, &mut b] {
        d.saw("p:x:dave", Site::X, "dave");
        d.saw("p:x:erin", Site::Mastodon, "erin@mastodon.social");
        d.saw("p:x:erin", Site::X, "erin");
    }
    // A merges Dave into Carol; B splits Erin's Mastodon account off.
    let (carol, dave) = (a.who("p:x:carol").clone(), a.who("p:x:dave").clone());
    let (merged, moved) = crate::engine::merge::merge(&carol, &dave, a.interactions.clone()).unwrap();
    a.people.retain(|p| p.id != "p:x:dave");
    *a.who("p:x:carol") = merged;
    a.interactions = moved;
    let erin = b.who("p:x:erin").clone();
    let (kept, off, moved) =
        crate::engine::merge::split(&erin, "mastodon:erin@mastodon.social", b.interactions.clone(), at(5)).unwrap();
    *b.who("p:x:erin") = kept;
    b.people.push(off);
    b.interactions = moved;

    a.sync(&area).unwrap();
    b.sync(&area).unwrap();
    a.sync(&area).unwrap();
    assert_eq!(a.view(), b.view());
    let ids: Vec<&str> = a.people.iter().map(|p| p.id.as_str()).collect();
    assert!(!ids.contains(&"p:x:dave") && ids.contains(&"p:mastodon:erin@mastodon.social"), "{ids:?}");
    for d in [&a, &b] {
        let of = |person: &str| d.interactions.iter().filter(|i| i.person == person).count();
        assert_eq!(of("p:x:dave"), 0, "device {}: Dave's history followed him into Carol", d.id);
        assert_eq!(of("p:x:carol"), 1, "device {}", d.id);
        assert_eq!(of("p:mastodon:erin@mastodon.social"), 1, "device {}: the Mastodon like followed the account", d.id);
        assert_eq!(of("p:x:erin"), 1, "device {}: the X like stayed", d.id);
    }
}

#[test]
fn a_deletion_reaches_the_other_device_and_its_history_there_goes_too() {
    let (area, mut a, mut b) = two_devices();
    a.person("finn", "Finn");
    a.person("gail", "Gail");
    a.sync(&area).unwrap();
    b.sync(&area).unwrap();
    b.saw("p:x:finn", Site::X, "finn");
    a.people.retain(|p| p.id != "p:x:finn");
    a.minutes += 5;
    a.sync(&area).unwrap();
    b.sync(&area).unwrap();
    assert_eq!(a.view(), b.view());
    assert!(b.people.iter().all(|p| p.id != "p:x:finn"));
    assert!(b.interactions.is_empty(), "Finn's history on B went with him");
}

#[test]
fn a_wrong_passphrase_changes_nothing_and_says_so() {
    let (area, mut a, mut b) = two_devices();
    a.person("dave", "Dave Okafor");
    a.sync(&area).unwrap();
    let before = area.items.borrow().clone();
    let items = run(area.read()).unwrap();
    assert_eq!(unlock("correct horse batterY", &items).err(), Some(SyncError::WrongPassphrase));
    // A key of another passphrase (as if remembered wrongly) opens nothing either.
    b.key = Some(Key::derive("something else", &[9; 16], FAST).unwrap());
    b.person("erin", "Erin");
    let people_before = b.people.clone();
    assert!(matches!(b.sync(&area), Err(SyncError::Unreadable(_))));
    assert_eq!(b.people, people_before);
    assert_eq!(*area.items.borrow(), before);
    assert_eq!(unlock("x", &Items::new()).err(), Some(SyncError::NotSetUp));
}

#[test]
fn the_synced_items_hold_no_name_handle_or_note_in_the_clear() {
    let (area, mut a, _) = two_devices();
    a.person("zebulon_handle", "Zebulon Quixote");
    a.who("p:x:zebulon_handle").notes.push(note("loves sourdough baking", 1));
    a.who("p:x:zebulon_handle").tags.push("climbingpartner".into());
    a.sync(&area).unwrap();
    let everything: String = area.items.borrow().iter().map(|(k, v)| format!("{k}={v}\n")).collect();
    for secret in ["Zebulon", "zebulon_handle", "sourdough", "climbingpartner", "x.com", "p:x:"] {
        assert!(!everything.to_lowercase().contains(&secret.to_lowercase()), "{secret} in {everything}");
    }
    assert!(area.items.borrow().len() >= 3, "the meta item, the settings and a shard");
}

#[test]
fn what_does_not_fit_is_left_out_as_the_rules_say_and_writes_back_off_at_the_limit() {
    let (area, mut a, mut b) = two_devices();
    // 60 people not tracked, each with a long note: more than 100 KB.
    for n in 0..60 {
        a.person(&format!("p{n}"), &format!("Person {n}"));
        let long = format!("{n} {}", "a long note about the conference ".repeat(60));
        a.who(&format!("p:x:p{n}")).notes.push(note(&long, 0));
    }
    a.person("dave", "Dave");
    a.who("p:x:dave").tracked = true;
    a.who("p:x:dave").notes.push(note("tracked: always synced", 0));
    let r = a.sync(&area).unwrap();
    assert_eq!(r.left_out.notes_of_untracked, 60);
    assert_eq!(r.left_out.untracked, 0);
    assert!(a.people.iter().all(|p| !p.notes.is_empty()), "nothing is lost on this device");
    b.sync(&area).unwrap();
    let dave = b.people.iter().find(|p| p.id == "p:x:dave").unwrap();
    assert_eq!(dave.notes.len(), 1);
    assert!(b.people.iter().filter(|p| p.id != "p:x:dave").all(|p| p.notes.is_empty()));
    assert_eq!(b.people.len(), 61);

    // At the browsers' write limit, a write is refused (and retried later).
    let area2 = FakeArea::default();
    for _ in 0..MAX_WRITES_PER_MINUTE {
        run(area2.write(Items::from([("kindling.x".to_owned(), "y".to_owned())]), vec![])).unwrap();
    }
    let refused = run(area2.write(Items::from([("kindling.x".to_owned(), "z".to_owned())]), vec![]));
    assert_eq!(refused, Err(area::AreaError::Quota("MAX_WRITE_OPERATIONS_PER_MINUTE".into())));
    area2.now_ms.set(61_000);
    assert!(run(area2.write(Items::from([("kindling.x".to_owned(), "z".to_owned())]), vec![])).is_ok());
}

#[test]
fn tracked_people_more_than_the_area_holds_are_refused_whole() {
    let (area, mut a, _) = two_devices();
    for n in 0..40 {
        a.person(&format!("p{n}"), &format!("Person {n}"));
        let p = a.who(&format!("p:x:p{n}"));
        p.tracked = true;
        p.notes.push(note(&"x".repeat(4000), n));
    }
    let before = area.items.borrow().clone();
    assert!(matches!(a.sync(&area), Err(SyncError::TooBig(_))));
    assert_eq!(*area.items.borrow(), before, "nothing written");
}

#[test]
fn weekly_touches_of_tracked_people_make_pacing_and_readiness_agree_on_both_devices() {
    use crate::engine::pacing::Hint;
    use crate::model::Stage;
    const WEEK: i64 = 7 * 24 * 60;
    let (area, mut a, mut b) = two_devices();
    a.person("dave", "Dave Okafor");
    a.who("p:x:dave").tracked = true;
    a.sync(&area).unwrap();
    b.sync(&area).unwrap();
    // Seven weeks of likes on A; Dave answered twice, and both browsers
    // showed the user his replies (the same notifications).
    for week in 0..7 {
        a.minutes = week * WEEK + 600;
        a.saw("p:x:dave", Site::X, "dave");
        if week % 3 == 1 {
            for d in [&mut a, &mut b] {
                d.minutes = week * WEEK + 700;
                d.heard("p:x:dave", &format!("reply{week}"));
            }
        }
    }
    for d in [&mut a, &mut b] {
        d.minutes = 7 * WEEK + 60;
    }
    a.sync(&area).unwrap();
    b.sync(&area).unwrap();
    let (on_a, on_b) = (a.advice("p:x:dave"), b.advice("p:x:dave"));
    assert_eq!(on_a.stage, Stage::ReadyToRaise, "A saw it all");
    assert_eq!(on_b.stage, Stage::ReadyToRaise, "B, with none of the likes, agrees");
    assert_eq!((on_b.outbound, on_b.inbound), (on_a.outbound, on_a.inbound), "the same notifications count once");
    assert_eq!((on_a.outbound, on_a.inbound), (7, 2));
    assert_eq!(b.interactions.iter().filter(|i| i.direction == Direction::Outbound).count(), 0, "no history synced");

    // This week, four likes on A, hours apart (the week's allowance, no
    // burst), then one on B: too many this week, on both devices.
    for hour in 0..4 {
        a.minutes = 7 * WEEK + 120 + hour * 180;
        a.saw("p:x:dave", Site::X, "dave");
    }
    a.sync(&area).unwrap();
    b.minutes = 7 * WEEK + 900;
    b.saw("p:x:dave", Site::X, "dave");
    b.sync(&area).unwrap();
    a.minutes = b.minutes;
    a.sync(&area).unwrap();
    for (device, advice) in [("A", a.advice("p:x:dave")), ("B", b.advice("p:x:dave"))] {
        assert!(matches!(advice.hint, Hint::SlowDown { .. }), "{device}: {:?}", advice.hint);
    }
    // Untracked: the weeks are no longer shared.
    a.who("p:x:dave").tracked = false;
    a.sync(&area).unwrap();
    b.sync(&area).unwrap();
    let dave = b.people.iter().find(|p| p.id == "p:x:dave").unwrap();
    assert_eq!((dave.tracked, dave.elsewhere.clone()), (false, None));
}
