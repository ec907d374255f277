//! AL219: a comment right above a named FROM or an ARG that does not start with the name it
//! would describe (BuildKit's InvalidDefinitionDescription, experimental there too).

use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// `docker buildx build --call=outline` and `--call=targets` take the comment line right
    /// above `FROM ... AS name` or `ARG NAME` as the description of that stage or argument
    /// when it starts with the name. This reports such a comment that does not start with the
    /// name, so it would be shown, or dropped, as a description by mistake. A blank line or an
    /// empty `#` line between the comment and the instruction marks it as not a description.
    /// Off by default, like BuildKit's experimental check:
    /// `# check=experimental=InvalidDefinitionDescription` (or `experimental=all`) turns it on,
    /// in the directive for the file or in a comment above one instruction, and
    /// `# check=skip=all` does not turn it off, as in BuildKit.
    ///
    /// ## Why is this bad?
    /// Descriptions make a Dockerfile's targets and build arguments self-documenting; a stray
    /// comment in that place either hides the real description or claims to be one.
    ///
    /// ## Example
    /// ```dockerfile
    /// # a non-descriptive comment
    /// FROM scratch AS base
    /// # another non-descriptive comment
    /// ARG VERSION=1
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// # base is a stage for compiling source
    /// FROM scratch AS base
    /// # VERSION is the version number
    /// ARG VERSION=1
    /// ```
    ///
    /// ## References
    /// - BuildKit: InvalidDefinitionDescription, <https://docs.docker.com/reference/build-checks/invalid-definition-description/>
    /// - Descriptions: <https://docs.docker.com/reference/cli/docker/buildx/build/#call-outline>
    code: "AL219",
    name: "definition_description_mismatch",
    severity: Info,
    category: Style,
    fixable: false,
    aliases: ["InvalidDefinitionDescription"],
    default_enabled: false,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let tree = cx.tree;
    let mut hits = Vec::new();
    for inst in &tree.instructions {
        let names: Vec<String> = match inst.keyword.kind {
            Kw::Arg => inst.pairs.iter().map(|p| p.key.to_string()).collect(),
            Kw::From => cx
                .graph
                .stages
                .iter()
                .find(|s| s.from_span == inst.span)
                .and_then(|s| s.name.clone())
                .into_iter()
                .collect(),
            _ => continue,
        };
        if names.is_empty() {
            continue;
        }
        let line = tree.line_col(inst.span.start).line;
        let Some(comment) = tree
            .comments
            .iter()
            .find(|c| tree.line_col(c.span.start).line + 1 == line)
        else {
            continue;
        };
        let first = comment.text.split(' ').next().unwrap_or("");
        if comment.text.is_empty() || names.iter().any(|n| n == first) {
            continue;
        }
        let (what, example) = if inst.keyword.kind == Kw::From {
            ("stage", names[0].as_str())
        } else if names.len() == 1 {
            ("ARG", names[0].as_str())
        } else {
            ("ARG", "<name>")
        };
        hits.push(Hit::new(
            inst.span,
            format!(
                "the comment above this {what} is read as its description but does not start with its name: write `# {example} <description>`, or separate it with a blank line"
            ),
        ));
    }
    hits
}
