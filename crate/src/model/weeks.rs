//! What the user's other browsers saw of someone, week by week (sync,
//! docs/sync.md): each browser shares, for tracked people, its own counts
//! of the last 16 weeks, so that pacing and readiness agree everywhere while
//! the history itself stays on the browser that saw it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A week in milliseconds: weeks are the 7-day periods counted from the
/// epoch, the same on every device.
pub const WEEK_MS: i64 = 7 * 24 * 3600 * 1000;

/// How many weeks back a device shares its counts.
pub const SYNCED_WEEKS: usize = 16;

/// Counts by week: `counts[k]` is `[the user's touches, theirs]` in week
/// `end - 1 - k`. Written compactly: `{"end":2921,"counts":[[2,1],[0,1]]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weeks {
    pub end: i64,
    pub counts: Vec<[u16; 2]>,
}

impl Weeks {
    /// The week `at` falls in.
    pub fn of_time(at: DateTime<Utc>) -> i64 {
        at.timestamp_millis().div_euclid(WEEK_MS)
    }

    /// `[yours, theirs]` in week `week` (none outside the counts).
    pub fn get(&self, week: i64) -> [u16; 2] {
        usize::try_from(self.end - 1 - week).ok().and_then(|k| self.counts.get(k)).copied().unwrap_or_default()
    }

    /// Nothing counted.
    pub fn is_empty(&self) -> bool {
        self.counts.iter().all(|c| *c == [0, 0])
    }

    /// From counts by week (any order, weeks repeated add up), keeping the
    /// `SYNCED_WEEKS` before `end`; an empty count is `Weeks::default()`,
    /// so a quiet relationship's summary does not change as weeks pass.
    pub fn from_counts(end: i64, by_week: impl IntoIterator<Item = (i64, [u16; 2])>) -> Weeks {
        let mut counts = vec![[0u16; 2]; SYNCED_WEEKS];
        for (week, [yours, theirs]) in by_week {
            if let Some(c) = usize::try_from(end - 1 - week).ok().and_then(|k| counts.get_mut(k)) {
                *c = [c[0].saturating_add(yours), c[1].saturating_add(theirs)];
            }
        }
        while counts.last() == Some(&[0, 0]) {
            counts.pop();
        }
        if counts.is_empty() {
            return Weeks::default();
        }
        Weeks { end, counts }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_kept_by_week_back_from_the_end_and_trimmed() {
        let w = Weeks::from_counts(
            100,
            [(99, [2, 0]), (99, [1, 1]), (97, [0, 3]), (84, [5, 5]), (83, [9, 9]), (100, [7, 7])],
        );
        assert_eq!(
            w,
            Weeks {
                end: 100,
                counts: vec![
                    [3, 1],
                    [0, 0],
                    [0, 3],
                    [0; 2],
                    [0; 2],
                    [0; 2],
                    [0; 2],
                    [0; 2],
                    [0; 2],
                    [0; 2],
                    [0; 2],
                    [0; 2],
                    [0; 2],
                    [0; 2],
                    [0; 2],
                    [5, 5]
                ]
            }
        );
        assert_eq!((w.get(99), w.get(97), w.get(84), w.get(83), w.get(100)), ([3, 1], [0, 3], [5, 5], [0, 0], [0, 0]));
        assert_eq!(Weeks::from_counts(100, [(50, [1, 1])]), Weeks::default(), "nothing in the 16 weeks");
        assert!(Weeks::default().is_empty());
        let text = serde_json::to_string(&Weeks::from_counts(3, [(2, [1, 2])])).unwrap_or_default();
        assert_eq!(text, r#"{"end":3,"counts":[[1,2]]}"#);
    }
}
