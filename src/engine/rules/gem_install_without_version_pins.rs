//! AL247: `gem install` without a version (hadolint DL3028).

use crate::engine::rules::common::unpinned_package_hits;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Reports gems that `gem install` installs without a version: neither `name:version` nor
    /// `-v`/`--version`. Local `.gem` files and names held in variables are not judged.
    ///
    /// ## Why is this bad?
    /// An unpinned gem resolves to the newest release on the day of the build, so two builds
    /// of the same Dockerfile differ, and a new major release (Bundler's have) can break the
    /// image without any change to the repository.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ruby:3.3-slim
    /// RUN gem install bundler
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM ruby:3.3-slim
    /// RUN gem install bundler:2.5.10
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3028, <https://github.com/hadolint/hadolint/wiki/DL3028>
    /// - What follows `--` goes to the extension's build and is not read as gems; without `--`,
    ///   a word such as `true` after an option is a gem to gem, and to this rule (hadolint
    ///   skips it).
    code: "AL247",
    name: "gem_install_without_version_pins",
    severity: Info,
    category: Hermeticity,
    fixable: false,
    aliases: ["DL3028"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    unpinned_package_hits(
        cx,
        |i| i.manager == "gem" && !i.has_option(&['v'], &["version"]),
        |p| p.contains(':') || p.ends_with(".gem"),
        |list| {
            format!(
                "gem installs {list} without a version: use `<gem>:<version>` or `-v <version>`"
            )
        },
    )
}
