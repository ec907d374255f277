//! Hooks shared by the components.

mod use_app_state;
mod use_autosave;
mod use_height_report;
mod use_select;
mod use_share_url;
mod use_theme;
mod use_workshop_progress;

pub use use_app_state::{use_app_state, AppContext};
pub use use_autosave::use_autosave;
pub use use_height_report::use_height_report;
pub use use_select::use_select;
pub use use_share_url::use_share_url;
pub use use_theme::{use_theme, ThemeHandle};
pub use use_workshop_progress::use_workshop_progress;
