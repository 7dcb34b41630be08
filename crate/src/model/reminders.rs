//! The user's reminder settings (issue 23): off until the user turns them
//! on, then when meeting reminders, follow-ups and the weekly digest come,
//! and the quiet hours none come in. Stored in the settings; the engine
//! that reads them is `engine::reminders`.

use crate::model::text::Text;
use serde::{Deserialize, Serialize};

/// When Kindling may tell the user something through the browser's
/// notifications, and whether the toolbar button counts Today's lines.
/// Hours are the user's local ones (0–23); a day is 0 for Monday to 6 for
/// Sunday. Every field defaults, so older settings and exports read as
/// they were (reminders off).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reminders {
    /// Reminders turned on by the user (who granted the browser's
    /// `alarms` and `notifications` permissions while doing so).
    pub on: bool,
    /// The meeting reminder comes this many minutes before an agreed date.
    pub before_minutes: u32,
    /// Also remind the evening before, at `evening_hour`.
    pub evening_before: bool,
    pub evening_hour: u32,
    /// The weekly digest ("3 people would be glad to hear from you"), on
    /// `digest_day` at `digest_hour`.
    pub digest: bool,
    pub digest_day: u32,
    pub digest_hour: u32,
    /// Nothing comes from `quiet_from` until `quiet_until` (local hours;
    /// the same hour twice means no quiet hours).
    pub quiet_from: u32,
    pub quiet_until: u32,
    /// The toolbar button shows how many Today lines need the user.
    pub badge: bool,
    /// The card's one-line offer to turn reminders on was answered (turned
    /// on, or dismissed): it is not made again.
    pub offer_answered: bool,
}

#[allow(clippy::derivable_impls)] // spelled out: these defaults are a promise to the user
impl Default for Reminders {
    fn default() -> Reminders {
        Reminders {
            on: false,
            before_minutes: 120,
            evening_before: true,
            evening_hour: 19,
            digest: true,
            digest_day: 0,
            digest_hour: 9,
            quiet_from: 22,
            quiet_until: 8,
            badge: true,
            offer_answered: false,
        }
    }
}

/// The shortest and longest time before a meeting its reminder may come,
/// in minutes: a minute (a date agreed for right now), a day (the evening
/// before is its own reminder).
pub const BEFORE_MINUTES: (u32, u32) = (1, 24 * 60);

impl Reminders {
    /// The settings as the user may set them: hours 0–23, a weekday 0–6,
    /// the lead time within `BEFORE_MINUTES`; what is wrong in the user's
    /// words otherwise.
    pub fn validate(&self) -> Result<(), Text> {
        let ranges = [
            ("reminders_before_minutes", self.before_minutes, BEFORE_MINUTES.0, BEFORE_MINUTES.1),
            ("reminders_evening_hour", self.evening_hour, 0, 23),
            ("reminders_digest_day", self.digest_day, 0, 6),
            ("reminders_digest_hour", self.digest_hour, 0, 23),
            ("reminders_quiet_from", self.quiet_from, 0, 23),
            ("reminders_quiet_until", self.quiet_until, 0, 23),
        ];
        crate::model::text::check_ranges(&ranges)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn older_settings_read_with_reminders_off_and_the_defaults() {
        let old: crate::model::Settings = serde_json::from_str(r#"{"keep_snippets": true}"#).unwrap_or_default();
        assert!(old.keep_snippets, "the rest is read");
        assert_eq!(old.reminders, Reminders::default());
        assert!(!old.reminders.on && old.reminders.badge);
        assert_eq!(Reminders::default().validate(), Ok(()));
    }

    #[test]
    fn hours_days_and_the_lead_time_are_checked() {
        for (bad, what) in [
            (Reminders { evening_hour: 24, ..Reminders::default() }, "reminders_evening_hour"),
            (Reminders { digest_day: 7, ..Reminders::default() }, "reminders_digest_day"),
            (Reminders { digest_hour: 30, ..Reminders::default() }, "reminders_digest_hour"),
            (Reminders { quiet_from: 24, ..Reminders::default() }, "reminders_quiet_from"),
            (Reminders { quiet_until: 99, ..Reminders::default() }, "reminders_quiet_until"),
            (Reminders { before_minutes: 0, ..Reminders::default() }, "reminders_before_minutes"),
            (Reminders { before_minutes: 24 * 60 + 1, ..Reminders::default() }, "reminders_before_minutes"),
        ] {
            let why = bad.validate().err().map(|t| t.english()).unwrap_or_default();
            assert!(why.contains(&Text::new(what).english()), "{what}: {why}");
        }
        assert_eq!(
            Reminders { before_minutes: 1, quiet_from: 0, quiet_until: 0, ..Reminders::default() }.validate(),
            Ok(())
        );
    }
}
