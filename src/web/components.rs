//! The playground's components, one per file.

mod editor;
mod error_list;
mod header;
mod instruction_list;

pub use editor::Editor;
pub use error_list::ErrorList;
pub use header::Header;
pub use instruction_list::InstructionList;
