//! Hooks shared by the components.

mod use_app_state;
mod use_select;

pub use use_app_state::{use_app_state, AppContext};
pub use use_select::use_select;
