//! The engine: pure functions of people, their interactions, the settings
//! and the time given. The pacing rules (`pacing`), today's agenda
//! (`agenda`), finding people (`search`), the card's view (`card`), merging
//! people (`merge`), whom to track (`suggest`), the files of contacts people
//! bring (`network`), the popup's page check (`page_check`), the
//! notifications due (`reminders`) and how durations read (`words`).
//! Nothing here reads a clock or a store. The pages' module has the views'
//! types and `words`.

pub mod agenda;
pub mod card;
pub mod charts;
#[cfg(feature = "background")]
pub mod merge;
#[cfg(feature = "background")]
pub mod network;
pub mod pacing;
#[cfg(feature = "background")]
pub mod page_check;
#[cfg(feature = "background")]
pub mod reminders;
pub mod results;
pub mod search;
pub mod suggest;
pub mod words;
