//! The rules settings panel as plain logic: turning rules and categories on and off, severity
//! overrides, trusted registries and the non-root UID, as edits of the engine's `RuleConfig` (the same settings an
//! `airlock.toml` holds).

use crate::engine::rules::labels::LabelType;
use crate::engine::rules::{enabled, Category, RuleConfig, RuleInfo};
use crate::engine::Severity;

/// Every category, in the order the panel lists them.
pub const CATEGORIES: [Category; 7] = [
    Category::BuilderPattern,
    Category::Security,
    Category::Hermeticity,
    Category::Correctness,
    Category::Performance,
    Category::Style,
    Category::Migration,
];

fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// `config` with `rule` on or off. The rule's own entry is only kept when it differs from what
/// the rest of the config gives, so turning a rule back leaves the config as it was.
pub fn set_rule(config: &RuleConfig, rule: &RuleInfo, on: bool) -> RuleConfig {
    let mut next = config.clone();
    next.enable.retain(|n| !same(n, rule.code));
    next.disable.retain(|n| !same(n, rule.code));
    if enabled(rule, &next) != on {
        let list = if on {
            &mut next.enable
        } else {
            &mut next.disable
        };
        list.push(rule.code.to_string());
    }
    next
}

/// Whether the category is on: not named in `disable`.
pub fn category_on(config: &RuleConfig, category: Category) -> bool {
    !config.disable.iter().any(|n| same(n, category.as_str()))
}

/// `config` with the category off (named in `disable`) or back to its rules' defaults. Rules
/// turned on or off one by one keep their setting (the more specific wins, as in airlock.toml).
pub fn set_category(config: &RuleConfig, category: Category, on: bool) -> RuleConfig {
    let mut next = config.clone();
    next.disable.retain(|n| !same(n, category.as_str()));
    if !on {
        next.disable.push(category.as_str().to_string());
    }
    next
}

/// The severity the config gives the rule.
pub fn severity_of(config: &RuleConfig, rule: &RuleInfo) -> Severity {
    config
        .severity
        .iter()
        .rev()
        .find(|(n, _)| same(n, rule.code))
        .map_or(rule.severity, |(_, s)| *s)
}

/// `config` with the rule's severity overridden; the rule's default removes the override.
pub fn set_severity(config: &RuleConfig, rule: &RuleInfo, severity: Severity) -> RuleConfig {
    let mut next = config.clone();
    next.severity.retain(|(n, _)| !same(n, rule.code));
    if severity != rule.severity {
        next.severity.push((rule.code.to_string(), severity));
    }
    next
}

/// A list from one of the panel's text boxes (registries, image patterns): one per line or
/// separated by commas or spaces.
pub fn parse_list(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect()
}

/// The non-root UID box: empty means the default; anything else must be a whole number from 1
/// to 4294967295 (0 is root, which is what the setting is there to avoid).
pub fn parse_uid(text: &str) -> Result<Option<u32>, &'static str> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err("a numeric UID, e.g. 65532 (Kubernetes runAsNonRoot needs a number)");
    }
    match text.parse::<u32>() {
        Ok(0) => Err("0 is root: choose a UID above 0, e.g. 65532"),
        Ok(uid) => Ok(Some(uid)),
        Err(_) => Err("too large: UIDs go up to 4294967295"),
    }
}

/// Why a line of the label-schema box was refused, and where (1-based line and column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelSchemaError {
    pub line: usize,
    pub column: usize,
    pub why: String,
}

impl LabelSchemaError {
    /// `line 2, column 7: ...`, as the box's message says it.
    pub fn message(&self) -> String {
        format!("line {}, column {}: {}", self.line, self.column, self.why)
    }
}

/// A part of a `name = type` line without its spaces and the quotes airlock.toml puts around
/// a key with dots, with the column it starts at (1-based, in characters).
fn schema_part(line: &str, from: usize) -> (&str, usize) {
    let trimmed = line[from..].trim_start();
    let start = line.len() - trimmed.len();
    let part = trimmed.trim_end();
    let part = part
        .strip_prefix('"')
        .and_then(|p| p.strip_suffix('"'))
        .unwrap_or(part);
    (part, line[..start].chars().count() + 1)
}

/// The label-schema box: one `name = type` line per label (as `[rules.label-schema]` in
/// airlock.toml writes it, quotes allowed); blank lines and `#` comments are skipped. The first
/// bad line is refused with its position.
pub fn parse_label_schema(text: &str) -> Result<Vec<(String, LabelType)>, LabelSchemaError> {
    let mut out: Vec<(String, LabelType)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let error = |column, why: String| LabelSchemaError {
            line: n + 1,
            column,
            why,
        };
        let body = line.trim_start();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let Some(eq) = line.find('=') else {
            return Err(error(
                line.len() - body.len() + 1,
                "expected `name = type`".to_string(),
            ));
        };
        let (name, name_at) = schema_part(&line[..eq], 0);
        if name.is_empty() {
            return Err(error(name_at, "the label name is missing".to_string()));
        }
        let (ty, ty_at) = schema_part(line, eq + 1);
        let Some(ty) = LabelType::parse(ty) else {
            return Err(error(
                ty_at,
                format!(
                    "unknown type `{ty}` (expected {})",
                    LabelType::ALL.map(LabelType::name).join(", ")
                ),
            ));
        };
        if out.iter().any(|(seen, _)| seen == name) {
            return Err(error(name_at, format!("the label `{name}` is given twice")));
        }
        out.push((name.to_string(), ty));
    }
    Ok(out)
}

/// The label schema as the box shows it: `name = type` lines.
pub fn label_schema_text(schema: &[(String, LabelType)]) -> String {
    let lines: Vec<String> = schema
        .iter()
        .map(|(name, ty)| format!("{name} = {}", ty.name()))
        .collect();
    lines.join("\n")
}

/// The `.dockerignore` box: its text as typed, and an empty box as no `.dockerignore` at all
/// (nothing is checked against it, as `airlock check` without `--context`).
pub fn dockerignore(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}

/// Whether the config differs from the defaults.
pub fn is_customised(config: &RuleConfig) -> bool {
    *config != RuleConfig::default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::find;

    fn rule(code: &str) -> &'static RuleInfo {
        find(code).unwrap()
    }

    #[test]
    fn turning_a_rule_off_and_on_again_restores_the_config() {
        let base = RuleConfig::default();
        let off = set_rule(&base, rule("AL104"), false);
        assert!(!enabled(rule("AL104"), &off));
        assert_eq!(off.disable, ["AL104"]);
        assert_eq!(set_rule(&off, rule("AL104"), true), base);
    }

    #[test]
    fn a_rule_off_by_default_is_enabled_by_code() {
        let quiet = crate::engine::registry::RULES
            .iter()
            .find(|r| !r.default_enabled)
            .expect("a rule that is off by default");
        let on = set_rule(&RuleConfig::default(), quiet, true);
        assert!(enabled(quiet, &on));
        assert_eq!(on.enable, [quiet.code]);
    }

    #[test]
    fn a_category_off_turns_its_rules_off_but_a_rule_turned_on_wins() {
        let r = rule("AL104");
        let off = set_category(&RuleConfig::default(), r.category, false);
        assert!(!category_on(&off, r.category));
        assert!(!enabled(r, &off));
        let back = set_rule(&off, r, true);
        assert!(enabled(r, &back));
        let all_on = set_category(&back, r.category, true);
        assert!(category_on(&all_on, r.category));
        assert!(all_on.disable.is_empty());
    }

    #[test]
    fn a_severity_override_is_dropped_when_set_back_to_the_default() {
        let r = rule("AL104");
        let info = set_severity(&RuleConfig::default(), r, Severity::Info);
        assert_eq!(severity_of(&info, r), Severity::Info);
        let again = set_severity(&info, r, Severity::Error);
        assert_eq!(again.severity, [("AL104".to_string(), Severity::Error)]);
        assert_eq!(set_severity(&again, r, r.severity), RuleConfig::default());
    }

    #[test]
    fn a_uid_box_accepts_empty_and_positive_numbers_only() {
        assert_eq!(parse_uid(" "), Ok(None));
        assert_eq!(parse_uid(" 10001 "), Ok(Some(10001)));
        assert_eq!(parse_uid("4294967295"), Ok(Some(u32::MAX)));
        assert!(parse_uid("0").unwrap_err().contains("root"));
        assert!(parse_uid("00").unwrap_err().contains("root"));
        assert!(parse_uid("nonroot").unwrap_err().contains("numeric"));
        assert!(parse_uid("-1").unwrap_err().contains("numeric"));
        assert!(parse_uid("4294967296").unwrap_err().contains("too large"));
    }

    #[test]
    fn lists_are_split_on_lines_commas_and_spaces() {
        assert_eq!(
            parse_list("docker.io, gcr.io\n\n  ghcr.io "),
            ["docker.io", "gcr.io", "ghcr.io"]
        );
        assert!(parse_list(" \n").is_empty());
    }

    #[test]
    fn a_label_schema_box_reads_name_type_lines_with_quotes_and_comments() {
        let text = "# what the image carries\n\"org.opencontainers.image.version\" = \"semver\"\n\n  maintainer=email  \n";
        let schema = parse_label_schema(text).unwrap();
        assert_eq!(
            schema,
            [
                (
                    "org.opencontainers.image.version".to_string(),
                    LabelType::SemVer
                ),
                ("maintainer".to_string(), LabelType::Email),
            ]
        );
        assert_eq!(
            label_schema_text(&schema),
            "org.opencontainers.image.version = semver\nmaintainer = email"
        );
        assert_eq!(parse_label_schema(&label_schema_text(&schema)), Ok(schema));
        assert_eq!(parse_label_schema(" \n"), Ok(Vec::new()));
    }

    #[test]
    fn a_bad_label_schema_line_is_refused_with_its_position() {
        let err = parse_label_schema("a = text\nversion =  number\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 12));
        assert_eq!(
            err.message(),
            "line 2, column 12: unknown type `number` (expected text, url, rfc3339, spdx, hash, semver, email)"
        );
        let err = parse_label_schema("\n  maintainer email").unwrap_err();
        assert_eq!((err.line, err.column), (2, 3));
        assert!(err.why.contains("name = type"), "{}", err.why);
        let err = parse_label_schema(" = url").unwrap_err();
        assert_eq!(
            (err.line, err.column, err.why.as_str()),
            (1, 2, "the label name is missing")
        );
        let err = parse_label_schema("a = url\na = text").unwrap_err();
        assert_eq!((err.line, err.column), (2, 1));
        assert!(err.why.contains("twice"), "{}", err.why);
        // Columns count characters, not bytes.
        let err = parse_label_schema("é = x").unwrap_err();
        assert_eq!(err.column, 5);
    }

    #[test]
    fn an_empty_dockerignore_box_is_no_dockerignore() {
        assert_eq!(dockerignore(""), None);
        assert_eq!(dockerignore("*.md\n"), Some("*.md\n".to_string()));
        assert_eq!(dockerignore(" "), Some(" ".to_string()));
    }

    #[test]
    fn the_category_list_is_complete() {
        for r in crate::engine::registry::RULES {
            assert!(CATEGORIES.contains(&r.category), "{}", r.code);
        }
    }
}
