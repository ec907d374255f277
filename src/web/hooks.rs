//! Hooks shared by the components.

mod use_app_state;
mod use_autosave;
mod use_height_report;
mod use_lines_in_view;
mod use_select;
mod use_share_url;
mod use_squiggle_hover;
mod use_tab_indent;
mod use_textarea_text;
mod use_theme;
mod use_typing;
mod use_workshop_progress;

pub use use_app_state::{use_app_state, AppContext};
pub use use_autosave::use_autosave;
pub use use_height_report::use_height_report;
pub use use_lines_in_view::{use_lines_in_view, GUTTER_ID, HIGHLIGHT_ID};
pub use use_select::use_select;
pub use use_share_url::use_share_url;
pub use use_squiggle_hover::use_squiggle_hover;
pub use use_tab_indent::use_tab_indent;
pub use use_textarea_text::use_textarea_text;
pub use use_theme::{use_theme, ThemeHandle};
pub use use_typing::use_typing;
pub use use_workshop_progress::{
    exercise_in, load_buffer, use_exercise_buffer, use_workshop_progress,
};
