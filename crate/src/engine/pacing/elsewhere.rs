//! What the user's other browsers saw (`Person::elsewhere`, synced weekly
//! counts) as events the rules read beside this browser's own: each week's
//! touches spread evenly over the week (so they are never a burst), the
//! user's added to these (each browser counts only what the user did
//! there), theirs only beyond what this browser saw that week (every
//! browser may see the same notification: the largest count stands).

use super::Event;
use crate::model::{Direction, Kind, Weeks, WEEK_MS};
use chrono::{DateTime, Utc};

/// `events` with the other browsers' weeks added, up to `now`, oldest first.
pub(super) fn with(events: &[Event], elsewhere: &Weeks, now: DateTime<Utc>) -> Vec<Event> {
    let mut all = events.to_vec();
    let now_ms = now.timestamp_millis();
    for k in 0..elsewhere.counts.len() {
        let week = elsewhere.end - 1 - k as i64;
        let [yours, theirs] = elsewhere.get(week);
        let seen_here =
            events.iter().filter(|e| e.direction == Direction::Inbound && Weeks::of_time(e.at) == week).count();
        let theirs = usize::from(theirs).saturating_sub(seen_here);
        let from = week * WEEK_MS;
        // This week's, up to now: the other browser saw them already.
        let to = ((week + 1) * WEEK_MS).min(now_ms);
        if to <= from {
            continue;
        }
        for (direction, n) in [(Direction::Outbound, usize::from(yours)), (Direction::Inbound, theirs)] {
            let step = (to - from) / (n as i64 + 1);
            for j in 1..=n as i64 {
                let Some(at) = DateTime::from_timestamp_millis(from + j * step) else { continue };
                all.push(Event { at, kind: Kind::Like, direction, post: 0, posted: None });
            }
        }
    }
    crate::model::order::sort_by_key(&mut all, |e| e.at);
    all
}
