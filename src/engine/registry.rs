//! The one table of every rule, sorted by code. Codes are never reused; a retired rule stays
//! here, marked removed in its docs.

use crate::engine::rules::{self, RuleInfo};

pub const RULES: &[RuleInfo] = &[
    rules::final_stage_on_builder_image::RULE,
    rules::final_stage_runs_as_root::RULE,
    rules::user_by_name_not_uid::RULE,
    rules::base_image_not_pinned_by_digest::RULE,
    rules::base_image_tag_latest_or_missing::RULE,
];
