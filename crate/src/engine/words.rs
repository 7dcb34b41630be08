//! How long ago, how long until: durations as the card and the agenda say
//! them ("3 days ago", "in 2 hours"). In both modules.

use crate::model::text::Text;
use chrono::{DateTime, Utc};

/// "just now", "5 minutes ago", "3 hours ago", "2 days ago": how long ago
/// `then` was, for the user.
pub fn ago(then: DateTime<Utc>, now: DateTime<Utc>) -> Text {
    let seconds = (now - then).num_seconds().max(0);
    let (n, unit) = match seconds {
        0..60 => return Text::new("just_now"),
        60..3600 => (seconds / 60, "minutes_ago"),
        3600..86_400 => (seconds / 3600, "hours_ago"),
        86_400..2_592_000 => (seconds / 86_400, "days_ago"),
        2_592_000..31_536_000 => (seconds / 2_592_000, "months_ago"),
        _ => (seconds / 31_536_000, "years_ago"),
    };
    Text::count(unit, n)
}

/// "in 5 minutes", "in 5 hours", "in 3 days": how long until `at`.
pub fn until(at: DateTime<Utc>, now: DateTime<Utc>) -> Text {
    let minutes = (at - now).num_minutes().max(1);
    let (n, unit) = match minutes {
        m if m < 60 => (m, "in_minutes"),
        m if m < 48 * 60 => ((m + 59) / 60, "in_hours"),
        m => ((m + 24 * 60 - 1) / (24 * 60), "in_days"),
    };
    Text::count(unit, n)
}

#[cfg(test)]
mod tests {
    use super::{ago, until};

    #[test]
    fn waits_read_naturally_and_round_up() {
        let now: DateTime<Utc> = DateTime::from_timestamp(1_764_000_000, 0).unwrap_or_default();
        let cases = [
            (0, "in 1 minute"),
            (59, "in 59 minutes"),
            (61, "in 2 hours"),
            (47 * 60, "in 47 hours"),
            (49 * 60, "in 3 days"),
        ];
        for (minutes, want) in cases {
            assert_eq!(until(now + chrono::Duration::minutes(minutes), now).english(), want);
        }
    }
    use chrono::{DateTime, Utc};

    #[test]
    fn durations_read_naturally() {
        let now: DateTime<Utc> = DateTime::from_timestamp(1_764_000_000, 0).unwrap_or_default();
        let before = |s: i64| now - chrono::Duration::seconds(s);
        let cases = [
            (0, "just now"),
            (59, "just now"),
            (60, "1 minute ago"),
            (150, "2 minutes ago"),
            (3600, "1 hour ago"),
            (86_400 * 3, "3 days ago"),
            (86_400 * 65, "2 months ago"),
            (86_400 * 800, "2 years ago"),
            (-30, "just now"),
        ];
        for (s, want) in cases {
            assert_eq!(ago(before(s), now).english(), want, "{s}s");
        }
    }
}
