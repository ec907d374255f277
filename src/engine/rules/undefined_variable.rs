//! AL211: a variable used before any ARG or ENV defines it (BuildKit's UndefinedVar).

use crate::engine::analysis::scope::{
    declare, environment_is_known, global_defaults, global_instructions, suggest, Var, Vars,
};
use crate::engine::analysis::stages::parent_stage;
use crate::engine::graph::{known_config, Base, Stage};
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::{Instruction, Kw};

declare_rule! {
    /// ## What it does
    /// Reports `$NAME` references in the instructions the builder expands itself (`ADD`,
    /// `ARG`, `COPY`, `ENV`, `EXPOSE`, `LABEL`, `STOPSIGNAL`, `USER`, `VOLUME`, `WORKDIR`)
    /// when no ARG or ENV of the stage, or of the stages it is built on, defines NAME before
    /// that point. `RUN`, `CMD` and `ENTRYPOINT` are left alone: their shell expands them.
    /// `FROM` and `--from` values are AL209's and the graph's business.
    ///
    /// BuildKit also knows the ENV of the base image, which the file does not show. airlock
    /// knows it for common official images (`golang` sets `GOPATH`, `node` `NODE_VERSION`,
    /// `python` `PYTHON_VERSION`, ...: the table in `graph/image_config.rs`). So in a stage
    /// built on such an image, the image's names are defined and a near miss of a name in
    /// scope is reported (`$PAHT` for `$PATH`); in a stage built on `scratch`, where the
    /// environment is all in the file, every undefined name is. On any other image a name
    /// the file does not define is not reported (silent, not info: the image may set it, as
    /// an in-house Go image sets `$GOPATH`, which is no misspelt `$PATH`), unless it is a
    /// near miss of a name the file itself defines (`$HTTPS_PORT` where only `ENV HTTP_PORT` is set),
    /// which is a typo whatever the image sets. A global ARG that the stage did not declare
    /// again is undefined there, and the message says so. A name the stage declares only
    /// further down (`COPY $SRC .` before `ARG SRC`) is reported on any base: the file means
    /// its own variable, which is not set yet.
    ///
    /// ## Why is this bad?
    /// An undefined variable expands to an empty string without any error: `COPY $SRC /app`
    /// copies the whole context, `ENV PATH=$PAHT:/app/bin` throws away the PATH.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV PATH=$PAHT:/app/bin
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV PATH=$PATH:/app/bin
    /// ```
    ///
    /// ## References
    /// - BuildKit: UndefinedVar, <https://docs.docker.com/reference/build-checks/undefined-var/>
    code: "AL211",
    name: "undefined_variable",
    severity: Warning,
    category: Correctness,
    fixable: false,
    aliases: ["UndefinedVar"],
    default_enabled: true,
    check: check,
}

/// BuildKit's own switches, read from ARGs but never put into the environment.
const NOT_ENV: &[&str] = &["BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"];

fn check(cx: &Checker) -> Vec<Hit> {
    let globals: Vec<&str> = global_instructions(cx)
        .iter()
        .filter(|i| i.keyword.kind == Kw::Arg)
        .flat_map(|i| i.pairs.iter().map(|p| p.key.as_str()))
        .collect();
    let defaults = global_defaults(cx);
    let mut hits = Vec::new();
    // The stages are taken depth first along their FROM chains, with one list of the
    // variables in scope: a stage starts from where the stage it is built on ended, and the
    // list goes back to that point after each stage built on it. Rebuilding the scope of
    // every stage from its whole chain made a long chain of stages quadratic.
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); cx.graph.stages.len()];
    for stage in &cx.graph.stages {
        if let Some(p) = parent_stage(stage) {
            children[p].push(stage.index);
        }
    }
    for root in cx.graph.stages.iter().filter(|s| parent_stage(s).is_none()) {
        // The base image's own ENV, where the image is known (the stages built on this one
        // rest on the same image), and PATH, which BuildKit always sets.
        let image = match cx.resolved_base(root.index).1 {
            Base::Image { image, .. } => known_config(image),
            _ => None,
        };
        let image_env = image.map_or(&[][..], |c| c.env);
        let mut vars: Vars = (image_env.iter().chain(&["PATH"]))
            .map(|n| Var {
                name: n.to_string(),
                value: None,
            })
            .collect();
        let stage_scope = StageScope {
            defaults: &defaults,
            globals: &globals,
            image_known: image.is_some(),
        };
        stage_scope.check(cx, root, &mut vars, &mut hits);
        // (stage, the next of its children to take) and, for each but the root, the length
        // of the list to go back to after it.
        let mut stack = vec![(root.index, 0)];
        let mut marks = Vec::new();
        while let Some((s, next)) = stack.last_mut() {
            if let Some(&child) = children[*s].get(*next) {
                *next += 1;
                marks.push(vars.len());
                stage_scope.check(cx, &cx.graph.stages[child], &mut vars, &mut hits);
                stack.push((child, 0));
            } else {
                stack.pop();
                if let Some(mark) = marks.pop() {
                    vars.truncate(mark);
                }
            }
        }
    }
    hits
}

/// What every stage of one FROM chain shares.
struct StageScope<'a> {
    defaults: &'a Vars,
    globals: &'a [&'a str],
    /// The base image's ENV is known.
    image_known: bool,
}

impl StageScope<'_> {
    /// The findings of `stage`, given the variables in scope at its start (`vars`, which it
    /// leaves as they are at its end).
    fn check(&self, cx: &Checker, stage: &Stage, vars: &mut Vars, hits: &mut Vec<Hit>) {
        let known = environment_is_known(cx, stage);
        let image_known = known || self.image_known;
        let (defaults, globals) = (self.defaults, self.globals);
        // The ARG and ENV names of the stage, with where they are declared.
        let declared: Vec<(usize, &str)> = cx
            .stage_instructions(stage)
            .filter(|(_, i)| matches!(i.keyword.kind, Kw::Arg | Kw::Env))
            .flat_map(|(n, i)| i.pairs.iter().map(move |p| (n, p.key.as_str())))
            .collect();
        for (n, inst) in cx.stage_instructions(stage) {
            if expanded_by_builder(inst.keyword.kind) && !inst.vars.is_empty() {
                // In instruction order: those after this one are a tail, not a list to build
                // per instruction (which made a stage of thousands of ENVs quadratic).
                let later = &declared[declared.partition_point(|(at, _)| *at <= n)..];
                let scope = Scope {
                    defaults,
                    globals,
                    later,
                    known,
                    image_known,
                };
                check_instruction(cx, inst, vars, &scope, hits);
            }
            declare(cx, inst, vars, defaults, usize::MAX);
        }
    }
}

/// What an instruction's check needs to know besides the variables in scope.
struct Scope<'a> {
    defaults: &'a Vars,
    /// The global ARG names.
    globals: &'a [&'a str],
    /// Names an ARG or ENV of the stage declares after the instruction, with where.
    later: &'a [(usize, &'a str)],
    /// Whether the whole environment is in the file (a stage on `scratch`): every undefined
    /// name is reported.
    known: bool,
    /// The base image's ENV is known too: a near miss of any name in scope is reported;
    /// else only of a name the file defines (not PATH, which every image sets).
    image_known: bool,
}

/// The findings of one instruction, given the variables in scope before it (`vars`, left as it
/// was found).
fn check_instruction(
    cx: &Checker,
    inst: &Instruction,
    vars: &mut Vars,
    scope: &Scope,
    hits: &mut Vec<Hit>,
) {
    let Scope {
        defaults,
        globals,
        later,
        known,
        image_known,
    } = *scope;
    for var in inst
        .vars
        .iter()
        .filter(|v| in_expanded_part(inst, v.span.start))
    {
        let name = var.name.as_str();
        if NOT_ENV.contains(&name) {
            continue;
        }
        // ARG's pairs are declared one after the other (added for the look, then
        // taken off again); ENV's all at once, after the instruction.
        let before = vars.len();
        if inst.keyword.kind == Kw::Arg {
            declare(cx, inst, vars, defaults, var.span.start);
        }
        let defined = vars.get(name).is_some();
        let near = (!defined)
            .then(|| {
                let candidates = vars.iter().map(|v| v.name.as_str());
                suggest(name, candidates.filter(|n| image_known || *n != "PATH"))
            })
            .flatten()
            .map(str::to_string);
        vars.truncate(before);
        if defined {
            continue;
        }
        let global = globals.contains(&name);
        let before_its_definition = later.iter().any(|(_, n)| *n == name);
        let message = if before_its_definition {
            format!("`${name}` is used before the ARG or ENV that defines it in this stage")
        } else if global {
            format!("`${name}` is a global ARG; declare `ARG {name}` in this stage to use it here")
        } else if let Some(s) = &near {
            format!("`${name}` is not defined here (did you mean `${s}`?)")
        } else {
            format!("`${name}` is not defined here")
        };
        if known || before_its_definition || (near.is_some() && !global) {
            hits.push(Hit::new(var.span, message));
        }
    }
}

fn expanded_by_builder(kind: Kw) -> bool {
    matches!(
        kind,
        Kw::Add
            | Kw::Arg
            | Kw::Copy
            | Kw::Env
            | Kw::Expose
            | Kw::Label
            | Kw::Stopsignal
            | Kw::User
            | Kw::Volume
            | Kw::Workdir
    )
}

/// Whether a reference at `offset` is in a part the builder expands: the arguments, or the
/// `--chown`/`--chmod` of COPY and ADD (`--from` is the graph's).
fn in_expanded_part(inst: &Instruction, offset: usize) -> bool {
    match inst.flags.iter().find(|f| f.span.contains(offset)) {
        Some(f) => matches!(f.name.as_str(), "chown" | "chmod"),
        None => true,
    }
}
