//! Hooks shared by the components.

mod use_app_state;

pub use use_app_state::{use_app_state, AppContext};
