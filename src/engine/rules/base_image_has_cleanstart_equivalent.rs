//! AL301: a stage starts from a public image that has a CleanStart equivalent.

use crate::engine::analysis::builds::single_stage_build;
use crate::engine::analysis::cleanstart::{swaps, Swap, Variant};
use crate::engine::analysis::edit::fix;
use crate::engine::diagnostic::Edit;
use crate::engine::graph::ImageRef;
use crate::engine::number::Fixed;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::size::image_figure;

declare_rule! {
    /// ## What it does
    /// Names, on each FROM of a public image that CleanStart has an equivalent for (the built-in
    /// mapping, `size/cleanstart.csv`: golang, python, node, Java runtimes, gcc, nginx, postgres,
    /// debian, ubuntu, alpine, distroless and Chainguard images), the CleanStart image to use,
    /// the variant this stage's role calls for and the size change, both figures with their
    /// sources from the size table.
    ///
    /// Stages that build, test or are run for development get the -dev/builder variant (a
    /// shell and the toolchain); the stage that ships gets the -prod variant (the runtime only).
    /// A -prod image has no shell and no package manager: when the shipped stage, or a stage
    /// built on it, runs anything (`apt-get install`, `pip install`, a script), the finding
    /// lists what must move to a builder stage first, and for a single-stage build points to
    /// AL102's fix, which splits the file into builder and prod. The quick fix replaces the
    /// image in the FROM (keeping `--platform` and `AS name`) only when the swap is safe as
    /// written. Off by default: turn it on (or run `airlock fix --select AL301`) to plan a move.
    ///
    /// ## Why is this bad?
    /// It is not bad; it is an option. Builder and -prod images built for the builder pattern
    /// keep compilers out of the image that ships, and users ask what the move would save
    /// before they make it. The Size pane and `airlock size` show the estimate with every safe
    /// swap applied.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.25 AS builder
    /// WORKDIR /src
    /// COPY . .
    /// RUN CGO_ENABLED=0 go build -o /out/app .
    /// FROM gcr.io/distroless/static-debian12:nonroot
    /// COPY --from=builder /out/app /app
    /// USER 65532
    /// ENTRYPOINT ["/app"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM cleanstart/go:latest-dev AS builder
    /// WORKDIR /src
    /// COPY . .
    /// RUN CGO_ENABLED=0 go build -o /out/app .
    /// FROM cleanstart/go:latest
    /// COPY --from=builder /out/app /app
    /// USER 65532
    /// ENTRYPOINT ["/app"]
    /// ```
    ///
    /// ## References
    /// - CleanStart image size comparison (the vendor's page; figures in `size/images.csv`)
    code: "AL301",
    name: "base_image_has_cleanstart_equivalent",
    severity: Info,
    category: Migration,
    fixable: true,
    aliases: [],
    default_enabled: false,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let single = single_stage_build(cx).is_some();
    swaps(cx)
        .into_iter()
        .map(|swap| {
            let from = &cx.tree.instructions[cx.graph.stages[swap.stage].instructions.start];
            let mut hit = Hit::new(from.span, message(&swap, single));
            if let Some(word) = swap.word.filter(|_| swap.is_safe()) {
                hit = hit.with_fix(fix(
                    format!(
                        "Use `{}` (CleanStart {})",
                        swap.to,
                        variant_name(swap.variant)
                    ),
                    Edit {
                        span: word,
                        replacement: swap.to.to_string(),
                    },
                ));
            }
            hit
        })
        .collect()
}

fn variant_name(v: Variant) -> &'static str {
    match v {
        Variant::Builder => "-dev/builder",
        Variant::Prod => "-prod",
    }
}

fn message(swap: &Swap, single: bool) -> String {
    let mut text = format!(
        "`{}` has a CleanStart equivalent: `{}` ({}: {}); {}",
        swap.image.raw,
        swap.to,
        variant_name(swap.variant),
        swap.why,
        size_change(swap.image, swap.to),
    );
    let latest = |tag: Option<&str>| tag.is_none_or(|t| t.starts_with("latest"));
    if latest(ImageRef::parse(swap.to).tag.as_deref()) && !latest(swap.image.tag.as_deref()) {
        text.push_str(&format!(
            "; `{}` is a `latest` tag, the only one the data names: pin a version or digest after the swap (AL114)",
            swap.to
        ));
    }
    if !swap.mapping.note.is_empty() {
        text.push_str("; note: ");
        text.push_str(&swap.mapping.note);
    }
    if !swap.is_safe() {
        let what = swap.blockers.join(", ");
        match swap.variant {
            Variant::Prod => {
                text.push_str(&format!(
                    "; not as written: a -prod image has no shell or package manager, so {what} must move to a builder stage"
                ));
                if let Some(dev) = &swap.mapping.builder {
                    text.push_str(&format!(" on `{dev}`"));
                }
                text.push_str(" whose results this stage copies with COPY --from");
                if single {
                    text.push_str(" (AL102's fix splits this single stage into builder and prod)");
                }
            }
            Variant::Builder => text.push_str(&format!(
                "; not as written: the data does not say which package manager `{}` has, so {what} may need rewriting",
                swap.to
            )),
        }
    }
    text
}

/// `from` -> `to` in uncompressed MB, each figure with its source.
fn size_change(from: &ImageRef, to: &str) -> String {
    let to_image = ImageRef::parse(to);
    match (image_figure(from), image_figure(&to_image)) {
        (Ok(a), Ok(b)) => {
            let (x, y) = (a.mb.uncompressed, b.mb.uncompressed);
            let change = if y <= x {
                format!("{} MB smaller", Fixed(x - y, 0))
            } else {
                format!("{} MB larger", Fixed(y - x, 0))
            };
            format!(
                "{} MB -> {} MB uncompressed, {change} ({}; {})",
                Fixed(x, 0),
                Fixed(y, 0),
                a.source_short(),
                b.source_short()
            )
        }
        (Err(miss), Ok(b)) => format!(
            "`{to}` is {} MB uncompressed ({}); `{}` has no size: {}",
            Fixed(b.mb.uncompressed, 0),
            b.source_short(),
            miss.reference,
            miss.reason
        ),
        (_, Err(miss)) => format!("`{to}` has no size: {}", miss.reason),
    }
}
