//! Access to the playground's state from any component below the provider in `App`.

use yew::prelude::*;

use crate::web::state::AppState;

/// What `App` provides: the state and its dispatcher in one handle.
pub type AppContext = UseReducerHandle<AppState>;

/// The shared playground state. `App` always provides it, so a missing provider is a
/// programming error, not something a user can cause.
#[hook]
pub fn use_app_state() -> AppContext {
    use_context::<AppContext>().expect("App provides the AppState context")
}
