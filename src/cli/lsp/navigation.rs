//! Go to definition and references for stage names (`FROM x AS name`, `FROM name`,
//! `--from=name`, `RUN --mount=from=name`) and for variables (`$VAR`, `${VAR}` to the ARG or ENV
//! in scope, as the engine's `scope` sees it), and the outline: stages with their instructions.

use lsp_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, GotoDefinitionParams,
    GotoDefinitionResponse, Location, ReferenceParams, SymbolKind, Url,
};

use super::documents::{range, Document};
use crate::engine::analysis::scope::stage_chain;
use crate::engine::analysis::Facts;
use crate::engine::graph::{Base, NodeRef, Stage};
use crate::engine::syntax::{var_refs, Args, Instruction, Kw, Span, VarRef};
use crate::engine::Analysis;

/// The FROM's image word and its `AS` name, where written.
pub fn from_words(a: &Analysis, stage: &Stage) -> (Option<Span>, Option<Span>) {
    let Some(Args::Shell { words, .. }) = a
        .tree
        .instructions
        .get(stage.instructions.start)
        .map(|i| &i.args)
    else {
        return (None, None);
    };
    let name =
        (words.len() >= 3 && words[1].text.eq_ignore_ascii_case("as")).then(|| words[2].span);
    (words.first().map(|w| w.span), name)
}

/// The instruction whose text holds `at` (its end included, where a cursor stands after typing).
pub fn instruction_at(a: &Analysis, at: usize) -> Option<usize> {
    let list = &a.tree.instructions;
    let i = list
        .partition_point(|i| i.span.start <= at)
        .checked_sub(1)?;
    (at <= list[i].span.end).then_some(i)
}

fn touches(span: Span, at: usize) -> bool {
    span.start <= at && at <= span.end
}

/// A name of a stage where it is written: `(span, stage, declaration)`.
type Mention = (Span, usize, bool);

/// Every mention of a stage in the file: the `AS` names, `FROM stage`, and the `from` of
/// COPY, ADD and RUN mounts that the graph resolved to a stage.
fn stage_mentions(a: &Analysis) -> Vec<Mention> {
    let mut out = Vec::new();
    for s in &a.graph.stages {
        let (image, name) = from_words(a, s);
        if let Some(name) = name {
            out.push((name, s.index, true));
        }
        if let (Base::Stage { index }, Some(image)) = (&s.base, image) {
            out.push((image, *index, false));
        }
    }
    for e in &a.graph.edges {
        let NodeRef::Stage(from) = e.from else {
            continue;
        };
        let Some(inst) = a.tree.instructions.get(e.instruction) else {
            continue;
        };
        let stage = &a.graph.stages[from];
        let names = |word: &str| {
            stage
                .name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(word))
                || word.parse::<usize>() == Ok(stage.index)
        };
        for flag in &inst.flags {
            let (Some(value), Some(span)) = (&flag.value, flag.value_span) else {
                continue;
            };
            if flag.name.as_str() == "from" && names(value) {
                out.push((span, from, false));
            } else if flag.name.as_str() == "mount" {
                // `type=bind,from=build,source=/x`: the span of the `from` field's value.
                let mut at = span.start;
                for field in value.split(',') {
                    if let Some(v) = field.strip_prefix("from=").filter(|v| names(v)) {
                        let start = at + "from=".len();
                        out.push((Span::new(start, start + v.len()), from, false));
                    }
                    at += field.len() + 1;
                }
            }
        }
    }
    out.sort_by_key(|m| (m.0.start, m.0.end));
    out.dedup();
    out
}

/// Where a stage is defined: its name, or its FROM when it has none.
fn stage_definition(a: &Analysis, stage: usize) -> Span {
    let s = &a.graph.stages[stage];
    from_words(a, s).1.unwrap_or(s.from_span)
}

/// The variables an instruction reads: those BuildKit expands, and in a shell-form command
/// those the shell expands from the environment the ARGs and ENVs make.
fn references_in(a: &Analysis, inst: &Instruction) -> Vec<VarRef> {
    let mut out = inst.vars.clone();
    let shell = matches!(
        inst.keyword.kind,
        Kw::Run | Kw::Cmd | Kw::Entrypoint | Kw::Shell | Kw::Healthcheck
    );
    if let (true, Args::Shell { span, .. }) = (shell, &inst.args) {
        let raw = a.tree.text(*span);
        out.extend(var_refs(raw, span.start, a.tree.escape));
    }
    out
}

/// A variable reference: its name's span and the declaration it reads, if any.
fn variable_at(a: &Analysis, facts: &Facts, at: usize) -> Option<(Span, Option<Span>)> {
    let i = instruction_at(a, at)?;
    let inst = &a.tree.instructions[i];
    if let Some(r) = references_in(a, inst)
        .iter()
        .find(|r| touches(r.name_span, at))
    {
        return Some((r.name_span, declaration(a, facts, i, &r.name, r.span.start)));
    }
    // On a declaration itself.
    (matches!(inst.keyword.kind, Kw::Arg | Kw::Env))
        .then(|| inst.pairs.iter().find(|p| touches(p.key_span, at)))
        .flatten()
        .map(|p| (p.key_span, Some(p.key_span)))
}

/// The ARG or ENV that declares `name` as instruction `i` sees it before byte `before`: the
/// stage's own declarations, then those of the stages it is built on (`scope::stage_chain`);
/// a FROM line and the instructions before the first FROM see the global ARGs.
fn declaration(a: &Analysis, facts: &Facts, i: usize, name: &str, before: usize) -> Option<Span> {
    let last_in = |range: std::ops::Range<usize>| {
        a.tree.instructions[range]
            .iter()
            .rev()
            .filter(|inst| matches!(inst.keyword.kind, Kw::Arg | Kw::Env))
            .flat_map(|inst| inst.pairs.iter().rev())
            .find(|p| p.key.as_str() == name && p.key_span.end <= before)
            .map(|p| p.key_span)
    };
    match facts.stage_of(i) {
        Some(stage) if i > stage.instructions.start => {
            stage_chain(facts, stage).iter().rev().find_map(|s| {
                let end = if s.index == stage.index {
                    i + 1
                } else {
                    s.instructions.end
                };
                last_in(s.instructions.start + 1..end.max(s.instructions.start + 1))
            })
        }
        _ => {
            let first = a
                .graph
                .stages
                .first()
                .map_or(a.tree.instructions.len(), |s| s.instructions.start);
            last_in(0..first.min(i + 1))
        }
    }
}

pub fn definition(
    uri: &Url,
    doc: &mut Document,
    params: GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    let (text, a, at) = doc.at(params.text_document_position_params.position);
    let index = &a.tree.line_index;
    let target = match stage_mentions(a).into_iter().find(|m| touches(m.0, at)) {
        Some((_, stage, _)) => stage_definition(a, stage),
        None => variable_at(a, &Facts::new(&a.tree, &a.graph), at)?.1?,
    };
    Some(GotoDefinitionResponse::Scalar(Location::new(
        uri.clone(),
        range(text, index, target),
    )))
}

pub fn references(uri: &Url, doc: &mut Document, params: ReferenceParams) -> Option<Vec<Location>> {
    let (text, a, at) = doc.at(params.text_document_position.position);
    let index = &a.tree.line_index;
    let with_declaration = params.context.include_declaration;
    let mentions = stage_mentions(a);
    let spans: Vec<Span> = match mentions.iter().find(|m| touches(m.0, at)) {
        Some(&(_, stage, _)) => mentions
            .iter()
            .filter(|m| m.1 == stage && (with_declaration || !m.2))
            .map(|m| m.0)
            .collect(),
        None => {
            let facts = Facts::new(&a.tree, &a.graph);
            let decl = variable_at(a, &facts, at)?.1?;
            let name = &text[decl.start..decl.end];
            let mut out: Vec<Span> = with_declaration.then_some(decl).into_iter().collect();
            for (i, inst) in a.tree.instructions.iter().enumerate() {
                for r in references_in(a, inst)
                    .iter()
                    .filter(|r| r.name.as_str() == name)
                {
                    if declaration(a, &facts, i, name, r.span.start) == Some(decl) {
                        out.push(r.name_span);
                    }
                }
            }
            out
        }
    };
    Some(
        spans
            .into_iter()
            .map(|s| Location::new(uri.clone(), range(text, index, s)))
            .collect(),
    )
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written, though no one reads it.
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: lsp_types::Range,
    selection: lsp_types::Range,
    children: Option<Vec<DocumentSymbol>>,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: selection,
        children,
    }
}

/// The outline: the global ARGs, then each stage with its instructions.
pub fn symbols(
    _: &Url,
    doc: &mut Document,
    _: DocumentSymbolParams,
) -> Option<DocumentSymbolResponse> {
    let (text, a) = doc.analysis();
    let index = &a.tree.line_index;
    let r = |s: Span| range(text, index, s);
    let instruction = |i: usize| {
        let inst = &a.tree.instructions[i];
        let args = text[inst.args.span().start.min(inst.span.end)..inst.span.end]
            .lines()
            .next()
            .unwrap_or("")
            .trim();
        let mut name = inst.keyword.kind.as_str().to_string();
        if inst.keyword.kind == Kw::Unknown {
            name = inst.keyword.text.to_ascii_uppercase();
        }
        if !args.is_empty() {
            name.push(' ');
            name.extend(args.chars().take(60));
        }
        let kind = match inst.keyword.kind {
            Kw::Arg | Kw::Env => SymbolKind::VARIABLE,
            _ => SymbolKind::FUNCTION,
        };
        symbol(name, None, kind, r(inst.span), r(inst.keyword.span), None)
    };
    let first = a
        .graph
        .stages
        .first()
        .map_or(a.tree.instructions.len(), |s| s.instructions.start);
    let mut out: Vec<DocumentSymbol> = (0..first).map(instruction).collect();
    for s in &a.graph.stages {
        let children = s.instructions.clone().map(instruction).collect();
        let name = match &s.name {
            Some(n) => n.clone(),
            None => format!("stage {}", s.index),
        };
        let detail = format!("{} · {}", s.base_written, s.role.as_str());
        let selection = from_words(a, s).1.unwrap_or(s.from_span);
        out.push(symbol(
            name,
            Some(detail),
            SymbolKind::CLASS,
            r(s.span),
            r(selection),
            Some(children),
        ));
    }
    Some(DocumentSymbolResponse::Nested(out))
}
