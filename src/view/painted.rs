//! What the editor draws for one text: the class of each byte, its marks, where its lines start
//! and the gutter's marks, made from the analysis, or (while typing runs ahead of the analysis
//! in a long file) from a quick re-parse of the instructions an edit touched. Lines are cut into
//! runs only when drawn (`highlight::lines_in`), and only the lines in view are drawn.

use std::rc::Rc;

use crate::engine::{parse, Analysis};
use crate::view::highlight::{
    classify, error_marks, finding_marks, gutter_marks, line_starts, reclassify, shift_marks,
    Class, GutterMark, Mark,
};

pub struct Painted {
    pub text: Rc<str>,
    pub classes: Vec<Class>,
    pub escape: char,
    /// Syntax errors, then findings, as marks.
    pub errors: Vec<Mark>,
    pub findings: Vec<Mark>,
    pub marks: Vec<Mark>,
    pub starts: Vec<usize>,
    pub gutter: Rc<Vec<GutterMark>>,
}

impl Painted {
    fn new(
        text: Rc<str>,
        classes: Vec<Class>,
        escape: char,
        errors: Vec<Mark>,
        findings: Vec<Mark>,
    ) -> Self {
        let marks: Vec<Mark> = errors.iter().chain(&findings).cloned().collect();
        let starts = line_starts(&text);
        let gutter = Rc::new(gutter_marks(&marks, &starts));
        Painted {
            text,
            classes,
            escape,
            errors,
            findings,
            marks,
            starts,
            gutter,
        }
    }

    /// `text` as the reducer analysed it.
    pub fn of_analysis(text: Rc<str>, analysis: &Analysis) -> Self {
        let tree = &analysis.tree;
        let errors = error_marks(&text, &analysis.errors);
        Painted::new(
            text,
            classify(tree),
            tree.escape,
            errors,
            finding_marks(analysis),
        )
    }

    /// `text`, not analysed yet, after `self`: the instructions the edit touched parsed again
    /// (the whole text where that cannot be trusted), with their syntax errors, and the other
    /// marks moved along with the edit.
    pub fn quick(&self, text: Rc<str>) -> Self {
        let findings = shift_marks(&self.findings, &self.text, &text);
        match reclassify(&self.text, &self.classes, &text, self.escape) {
            Some((classes, window, errors)) => {
                let mut marks: Vec<Mark> = shift_marks(&self.errors, &self.text, &text)
                    .into_iter()
                    .filter(|m| m.span.start < window.start || m.span.end > window.end)
                    .collect();
                marks.extend(error_marks(&text, &errors));
                Painted::new(text, classes, self.escape, marks, findings)
            }
            None => {
                let (tree, errors) = parse(&text);
                let errors = error_marks(&text, &errors);
                Painted::new(text, classify(&tree), tree.escape, errors, findings)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{analyze, Config};

    fn painted(text: &str) -> Painted {
        Painted::of_analysis(text.into(), &analyze(text, &Config::default()))
    }

    #[test]
    fn a_quick_paint_colours_as_the_analysis_would_and_moves_the_findings() {
        let before = painted("FROM alpine:3.20\nUSER root\n");
        let root = before.findings.iter().find(|m| m.message.contains("AL104"));
        let root = root.expect("AL104 on USER root").span;
        let typed = "FROM alpine:3.20\nRUN echo hi\nUSER root\n";
        let quick = before.quick(typed.into());
        let full = painted(typed);
        assert_eq!(quick.classes, full.classes);
        assert_eq!(quick.starts, full.starts);
        let moved = quick.findings.iter().find(|m| m.message.contains("AL104"));
        let shift = "RUN echo hi\n".len();
        assert_eq!(moved.map(|m| m.span.start), Some(root.start + shift));
        assert_eq!(quick.errors, Vec::new());
    }

    #[test]
    fn a_quick_paint_finds_the_syntax_error_typed() {
        let before = painted("FROM alpine:3.20\n");
        let quick = before.quick("FROM alpine:3.20\nFORM x\n".into());
        assert_eq!(quick.errors.len(), 1, "{:?}", quick.errors);
        let line2 = quick.gutter.iter().find(|m| m.line == 2);
        assert_eq!(
            line2.map(|m| m.severity),
            Some(crate::engine::Severity::Error)
        );
    }
}
