//! What BuildKit's variable expansion can see at a point of the file: the global ARGs, the ARG
//! and ENV names of a stage (inherited through `FROM <stage>`), and "did you mean" suggestions.
//! Several BuildKit checks (UndefinedVar, UndefinedArgInFrom, WorkdirRelativePath,
//! InvalidDefaultArgInFrom) ask these questions.

use std::collections::HashMap;

use crate::engine::analysis::Facts;
use crate::engine::graph::predefined::{is_platform_arg, PLATFORM_ARGS};
use crate::engine::graph::{expand_within, Base, Budget, Stage};
use crate::engine::syntax::{Instruction, Kw};

/// A variable in scope; `value` is `None` when the file does not decide it (an ARG without a
/// default is set by `--build-arg`, or its default uses such a variable).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Var {
    pub name: String,
    pub value: Option<String>,
}

/// Variables in scope, in the order declared, with where each name was declared, so that a
/// look-up is a hash probe: a scan of the list per reference made a stage of thousands of ENVs
/// quadratic. Reads as a slice of `Var`.
#[derive(Clone, Debug, Default)]
pub struct Vars {
    list: Vec<Var>,
    /// The position in `list` of the last variable of each name (the one in force).
    at: HashMap<String, usize>,
    /// For each variable, the position of the one of the same name it shadows.
    shadows: Vec<Option<usize>>,
}

impl Vars {
    pub fn push(&mut self, var: Var) {
        let previous = self.at.insert(var.name.clone(), self.list.len());
        self.shadows.push(previous);
        self.list.push(var);
    }

    /// Keeps the first `len` variables.
    pub fn truncate(&mut self, len: usize) {
        while self.list.len() > len {
            let (Some(var), Some(shadowed)) = (self.list.pop(), self.shadows.pop()) else {
                break;
            };
            match shadowed {
                Some(i) => self.at.insert(var.name, i),
                None => self.at.remove(&var.name),
            };
        }
    }

    /// The last variable named `name`.
    pub fn get(&self, name: &str) -> Option<&Var> {
        Some(&self.list[*self.at.get(name)?])
    }
}

impl std::ops::Deref for Vars {
    type Target = [Var];
    fn deref(&self) -> &[Var] {
        &self.list
    }
}

impl Extend<Var> for Vars {
    fn extend<I: IntoIterator<Item = Var>>(&mut self, vars: I) {
        for v in vars {
            self.push(v);
        }
    }
}

impl FromIterator<Var> for Vars {
    fn from_iter<I: IntoIterator<Item = Var>>(vars: I) -> Self {
        let mut out = Vars::default();
        out.extend(vars);
        out
    }
}

/// The instructions before the first FROM.
pub fn global_instructions<'a>(cx: &Facts<'a>) -> &'a [Instruction] {
    let tree = cx.tree;
    let first = cx
        .graph
        .stages
        .first()
        .map_or(tree.instructions.len(), |s| s.instructions.start);
    &tree.instructions[..first]
}

/// The global ARGs with their default values (build arguments left out, as BuildKit's
/// InvalidDefaultArgInFrom does), predefined platform ARGs first. `value` is `None` for an ARG
/// declared without a default: unset unless a build argument sets it.
pub fn global_defaults(cx: &Facts) -> Vars {
    let mut vars: Vars = PLATFORM_ARGS
        .iter()
        .map(|(n, v)| Var {
            name: n.to_string(),
            value: Some(v.to_string()),
        })
        .collect();
    for inst in global_instructions(cx)
        .iter()
        .filter(|i| i.keyword.kind == Kw::Arg)
    {
        for pair in &inst.pairs {
            let value = pair.value.as_deref().map(|raw| {
                expand_within(
                    raw,
                    cx.tree.escape,
                    &|name| lookup_set(&vars, name),
                    &cx.budget,
                )
                .value
            });
            vars.push(Var {
                name: pair.key.to_string(),
                value,
            });
        }
    }
    vars
}

/// The value of `name` among `vars`, where `None` means unset.
pub fn lookup_set(vars: &Vars, name: &str) -> Option<String> {
    vars.get(name).and_then(|v| v.value.clone())
}

/// Expands `word` when every variable it uses has a known value, spending `budget`'s steps.
pub fn expand_known(word: &str, escape: char, vars: &Vars, budget: &Budget) -> Option<String> {
    let unknown = std::cell::Cell::new(false);
    let expanded = expand_within(
        word,
        escape,
        &|name| {
            let value = vars.get(name).and_then(|v| v.value.clone());
            // `problems` only notes plain references; a modifier's variable counts too.
            unknown.set(unknown.get() || value.is_none());
            value
        },
        budget,
    );
    (!unknown.get() && expanded.problems.is_empty()).then_some(expanded.value)
}

/// The stages whose ARG and ENV a stage inherits, oldest first, ending with the stage itself.
pub fn stage_chain<'a>(cx: &Facts<'a>, stage: &'a Stage) -> Vec<&'a Stage> {
    let mut chain = vec![stage];
    let mut current = stage;
    // Indexes fall along the chain (see `ancestor_stages`).
    while let Base::Stage { index } = current.base {
        if index >= current.index {
            break;
        }
        current = &cx.graph.stages[index];
        chain.push(current);
    }
    chain.reverse();
    chain
}

/// Whether everything a stage's environment holds is written in this file: it rests on
/// `scratch`, whose only variable is the PATH BuildKit always sets. Stages on an image also
/// inherit that image's ENV, which the file does not show.
pub fn environment_is_known(cx: &Facts, stage: &Stage) -> bool {
    matches!(cx.resolved_base(stage.index).1, Base::Scratch)
}

/// The variables visible to instruction `before` of `stage`: the ARG and ENV of the stages it
/// is built on and of its own earlier instructions, plus PATH. An `ARG NAME` without a default
/// takes the global default of the same name (`globals`: `global_defaults`, made once by the
/// caller, not once per stage), as in BuildKit.
pub fn stage_vars(cx: &Facts, stage: &Stage, before: usize, globals: &Vars) -> Vars {
    let mut vars = Vars::default();
    vars.push(Var {
        name: "PATH".to_string(),
        value: None,
    });
    for s in stage_chain(cx, stage) {
        let end = if s.index == stage.index {
            before
        } else {
            s.instructions.end
        };
        for inst in
            &cx.tree.instructions[s.instructions.start + 1..end.max(s.instructions.start + 1)]
        {
            declare(cx, inst, &mut vars, globals, usize::MAX);
        }
    }
    vars
}

/// Adds the names `inst` declares (ARG or ENV) to `vars`, only those written before `upto` (a
/// byte offset: ARG's pairs are declared one after the other).
pub fn declare(cx: &Facts, inst: &Instruction, vars: &mut Vars, globals: &Vars, upto: usize) {
    let escape = cx.tree.escape;
    match inst.keyword.kind {
        Kw::Arg => {
            for pair in inst.pairs.iter().filter(|p| p.key_span.end <= upto) {
                let value = match &pair.value {
                    Some(raw) => expand_known(raw, escape, vars, &cx.budget),
                    // The last global of that name, looked up (not searched: a file of
                    // thousands of global ARGs and stages was quadratic).
                    None if is_platform_arg(&pair.key) => None,
                    None => globals.get(&pair.key).and_then(|g| g.value.clone()),
                };
                vars.push(Var {
                    name: pair.key.to_string(),
                    value,
                });
            }
        }
        Kw::Env => {
            // ENV's pairs all see the values from before the instruction: all are expanded
            // before any is added (no copy of `vars`, which a long file would pay per ENV).
            let set: Vec<Var> = (inst.pairs.iter())
                .map(|pair| Var {
                    name: pair.key.to_string(),
                    value: (pair.value.as_deref())
                        .and_then(|raw| expand_known(raw, escape, vars, &cx.budget)),
                })
                .collect();
            vars.extend(set);
        }
        _ => {}
    }
}

/// The option a misspelled `name` most likely meant: equal ignoring case, or one or two edits
/// away (a swap of neighbours counts as one) for names long enough that this is not chance.
pub fn suggest<'o>(name: &str, options: impl IntoIterator<Item = &'o str>) -> Option<&'o str> {
    let limit = match name.chars().count() {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    };
    let length = name.chars().count();
    // Each name once (a long file declares the same names over and over), and the edit
    // distance only where the lengths allow a near miss.
    let mut seen = std::collections::HashSet::new();
    options
        .into_iter()
        .filter(|o| *o != name && seen.insert(*o))
        .map(|o| {
            let d = if o.eq_ignore_ascii_case(name) {
                0
            } else if o.chars().count().abs_diff(length) > limit {
                limit + 1
            } else {
                distance(name, o)
            };
            (d, o)
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, o)| o)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// neighbours.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vars_find_the_last_declaration_and_forget_truncated_ones() {
        let var = |name: &str, value: &str| Var {
            name: name.to_string(),
            value: Some(value.to_string()),
        };
        let mut vars: Vars = [var("A", "1"), var("B", "2")].into_iter().collect();
        vars.push(var("A", "3"));
        assert_eq!(lookup_set(&vars, "A").as_deref(), Some("3"));
        assert_eq!(vars.len(), 3);
        vars.truncate(2);
        assert_eq!(lookup_set(&vars, "A").as_deref(), Some("1"));
        vars.truncate(0);
        assert!(vars.get("A").is_none() && vars.get("B").is_none() && vars.is_empty());
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest("PAHT", ["PATH", "HOME"]), Some("PATH"));
        assert_eq!(suggest("VERSON", ["VERSION"]), Some("VERSION"));
        assert_eq!(suggest("path", ["PATH"]), Some("PATH"));
        assert_eq!(suggest("A", ["B"]), None);
        assert_eq!(suggest("FOO", ["BAR"]), None);
    }
}
