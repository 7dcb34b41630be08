//! Where a relationship stands (`Stage`), and the pacing engine's
//! thresholds (`Pacing`): stored data, kept in the person and the settings;
//! the engine that reads them is `engine::pacing`.

use crate::model::text::Text;
use serde::{Deserialize, Serialize};

/// The engine's thresholds, all in the settings. The defaults are promises
/// written up in docs/pacing.md.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Pacing {
    /// Touches allowed in the first week of a relationship.
    pub ramp_start: u32,
    /// The weekly allowance grows by one every this many weeks…
    pub ramp_step_weeks: u32,
    /// …up to this many touches a week.
    pub plateau: u32,
    /// This many touches with one person…
    pub burst_touches: u32,
    /// …within this many minutes is a burst.
    pub burst_minutes: u32,
    /// A tracked person with no touch for this many days gets a nudge.
    pub quiet_days: u32,
    /// Real life is suggested after touches in at least this many different
    /// weeks…
    pub ready_weeks: u32,
    /// …and at least this many things they did for the user.
    pub ready_inbound: u32,
    /// After a cold answer (or none), wait this many weeks before suggesting
    /// again.
    pub cooling_weeks: u32,
    /// A suggestion without an answer after this many days counts as no.
    pub no_answer_days: u32,
    /// The soft ways to raise coffee.
    pub coffee_phrases: Vec<String>,
    /// The soft ways to raise a call.
    pub call_phrases: Vec<String>,
}

impl Default for Pacing {
    fn default() -> Pacing {
        Pacing {
            ramp_start: 1,
            ramp_step_weeks: 2,
            plateau: 4,
            burst_touches: 3,
            burst_minutes: 60,
            quiet_days: 14,
            ready_weeks: 6,
            ready_inbound: 2,
            cooling_weeks: 8,
            no_answer_days: 14,
            coffee_phrases: vec![
                "We should grab coffee sometime!".into(),
                "If you're ever around, I'd love to get a coffee.".into(),
                "Coffee sometime? No pressure at all.".into(),
            ],
            call_phrases: vec![
                "We should chat sometime!".into(),
                "I'd love to ask you a few questions on a phone call if you have some time.".into(),
                "Would you be up for a quick video call one of these weeks? No pressure.".into(),
            ],
        }
    }
}

#[cfg(feature = "background")]
impl Pacing {
    /// The settings as the user may set them: every threshold within sane
    /// bounds, one to ten phrasings of each kind, none empty or long.
    pub fn validate(&self) -> Result<(), Text> {
        let ranges = [
            ("pacing_ramp_start", self.ramp_start, 1, 20),
            ("pacing_ramp_step_weeks", self.ramp_step_weeks, 1, 12),
            ("pacing_plateau", self.plateau, self.ramp_start.max(1), 50),
            ("pacing_burst_touches", self.burst_touches, 2, 50),
            ("pacing_burst_minutes", self.burst_minutes, 5, 24 * 60),
            ("pacing_quiet_days", self.quiet_days, 1, 365),
            ("pacing_ready_weeks", self.ready_weeks, 1, 52),
            ("pacing_ready_inbound", self.ready_inbound, 0, 50),
            ("pacing_cooling_weeks", self.cooling_weeks, 1, 52),
            ("pacing_no_answer_days", self.no_answer_days, 1, 90),
        ];
        crate::model::text::check_ranges(&ranges)?;
        for (what, phrases) in [("medium_coffee", &self.coffee_phrases), ("medium_call", &self.call_phrases)] {
            if phrases.is_empty() || phrases.len() > 10 {
                return Err(Text::new("settings_phrase_count").with(Text::new(what)));
            }
            if let Some(bad) = phrases.iter().find(|p| p.trim().is_empty() || p.chars().count() > 200) {
                return Err(Text::new("settings_phrase_length").with(Text::new(what)).with(format!("{bad:?}")));
            }
        }
        Ok(())
    }

    /// The phrasings as the user typed them: trimmed, blank lines dropped.
    pub fn tidy(mut self) -> Pacing {
        for list in [&mut self.coffee_phrases, &mut self.call_phrases] {
            *list = list.iter().map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect();
        }
        self
    }
}

/// Where a relationship stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Noticed, not engaged with yet.
    Identify,
    /// The user engages now and then.
    Engage,
    /// Engagement over several weeks, and they engage back.
    Deepen,
    /// Sustained, two-way: time to raise real life, softly.
    ReadyToRaise,
    /// Raised; waiting for their answer, or for the date they agreed to.
    Raised,
    /// They said no, or nothing: back to engaging, for a while.
    CoolingOff,
    /// Met in real life.
    RealLife,
}

impl Stage {
    /// Every stage, in the order a relationship goes through them.
    pub const ALL: [Stage; 7] = [
        Stage::Identify,
        Stage::Engage,
        Stage::Deepen,
        Stage::ReadyToRaise,
        Stage::Raised,
        Stage::CoolingOff,
        Stage::RealLife,
    ];

    /// The stage as the card says it.
    pub fn text(self) -> Text {
        Text::new(match self {
            Stage::Identify => "stage_identify",
            Stage::Engage => "stage_engage",
            Stage::Deepen => "stage_deepen",
            Stage::ReadyToRaise => "stage_ready",
            Stage::Raised => "stage_raised",
            Stage::CoolingOff => "stage_cooling_off",
            Stage::RealLife => "stage_real_life",
        })
    }
}
