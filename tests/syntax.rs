//! One small test per syntax item of the Dockerfile reference, error cases included.
//! Every parse here also checks the lossless round trip and that the tokens tile the input.

use airlock::engine::syntax::{
    parse, print, Args, Dockerfile, ErrorKind, Instruction, Kw, Span, SyntaxError, TokenKind,
};

/// Parses and checks the invariants every input must keep.
fn parse_ok(src: &str) -> (Dockerfile, Vec<SyntaxError>) {
    let (tree, errors) = parse(src);
    assert_eq!(print(&tree), src, "round trip");
    let mut cursor = 0;
    for t in &tree.tokens {
        assert_eq!(t.span.start, cursor, "tokens must tile the input: {t:?}");
        assert!(t.span.end > t.span.start, "empty token {t:?}");
        cursor = t.span.end;
    }
    assert_eq!(cursor, src.len());
    (tree, errors)
}

/// Parses input that must have no errors.
fn clean(src: &str) -> Dockerfile {
    let (tree, errors) = parse_ok(src);
    assert!(errors.is_empty(), "unexpected errors: {errors:?}");
    tree
}

fn keywords(tree: &Dockerfile) -> Vec<&str> {
    tree.instructions
        .iter()
        .map(|i| i.keyword.kind.as_str())
        .collect()
}

fn shell_text(i: &Instruction) -> &str {
    match &i.args {
        Args::Shell { text, .. } => text,
        Args::Exec { .. } => panic!("expected shell form: {i:?}"),
    }
}

fn exec(i: &Instruction) -> Vec<&str> {
    match &i.args {
        Args::Exec { elements, .. } => elements.iter().map(|e| e.value.as_str()).collect(),
        Args::Shell { .. } => panic!("expected exec form: {i:?}"),
    }
}

/// The span of the `n`th occurrence of `needle` in `src` (no hand-counted offsets).
fn find(src: &str, needle: &str, n: usize) -> Span {
    let start = src
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle} #{n}"))
        .0;
    Span::new(start, start + needle.len())
}

fn kinds(errors: &[SyntaxError]) -> Vec<&ErrorKind> {
    errors.iter().map(|e| &e.kind).collect()
}

// ---- parser directives ----

#[test]
fn directives_syntax_escape_check() {
    let tree = clean(
        "# syntax=docker/dockerfile:1\n#escape=`\n# check=skip=JSONArgsRecommended\nFROM x\n",
    );
    let names: Vec<_> = tree
        .directives
        .iter()
        .map(|d| (d.name.as_str(), d.value.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("syntax", "docker/dockerfile:1"),
            ("escape", "`"),
            ("check", "skip=JSONArgsRecommended")
        ]
    );
    assert_eq!(tree.escape, '`');
}

#[test]
fn directive_names_are_case_insensitive_and_spaced() {
    let tree = clean("#  ESCAPE =  `  \nFROM x\n");
    assert_eq!(tree.directives[0].name, "escape");
    assert_eq!(tree.escape, '`');
}

#[test]
fn directives_only_count_before_comments_blank_lines_and_instructions() {
    for src in [
        "# a comment\n# escape=`\nFROM x\n",
        "\n# escape=`\nFROM x\n",
        "FROM x\n# escape=`\n",
        "# unknown=directive\n# escape=`\nFROM x\n",
    ] {
        let tree = clean(src);
        assert!(tree.directives.is_empty(), "{src:?}");
        assert_eq!(tree.escape, '\\', "{src:?}");
        assert!(
            tree.comments.iter().any(|c| c.text == "escape=`"),
            "{src:?}"
        );
    }
}

#[test]
fn duplicate_and_invalid_directives_are_errors() {
    let (_, errors) = parse_ok("# escape=`\n# escape=\\\nFROM x\n");
    assert_eq!(
        kinds(&errors),
        [&ErrorKind::DuplicateDirective {
            name: "escape".into()
        }]
    );
    let (tree, errors) = parse_ok("# escape=x\nFROM x\n");
    assert_eq!(
        kinds(&errors),
        [&ErrorKind::InvalidEscape { value: "x".into() }]
    );
    assert_eq!(tree.escape, '\\');
}

// ---- escape character ----

#[test]
fn backtick_escape_continues_lines_and_leaves_backslashes_alone() {
    let src = "# escape=`\nFROM mcr.microsoft.com/windows/servercore\nCOPY testfile.txt c:\\\nRUN dir `\n    c:\\\n";
    let tree = clean(src);
    assert_eq!(keywords(&tree), ["FROM", "COPY", "RUN"]);
    assert_eq!(shell_text(&tree.instructions[1]), "testfile.txt c:\\");
    assert_eq!(shell_text(&tree.instructions[2]), "dir     c:\\");
    assert_eq!(tree.lines(tree.instructions[2].span), (4, 5));
}

#[test]
fn windows_paths_with_default_escape() {
    let tree = clean("FROM x\nWORKDIR C:\\\\Users\\\\app\nCOPY [\"C:\\\\src\", \"C:\\\\dst\"]\n");
    assert_eq!(shell_text(&tree.instructions[1]), "C:\\\\Users\\\\app");
    assert_eq!(exec(&tree.instructions[2]), ["C:\\src", "C:\\dst"]);
}

// ---- line continuations ----

#[test]
fn comment_lines_inside_a_continuation_are_skipped() {
    let src = "FROM x\nRUN apt-get update && \\\n    # install curl\n  # and more\n    apt-get install curl\n";
    let tree = clean(src);
    let run = &tree.instructions[1];
    assert_eq!(
        shell_text(run),
        "apt-get update &&     apt-get install curl"
    );
    let comments: Vec<_> = run.comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(comments, ["install curl", "and more"]);
    assert_eq!(tree.lines(run.span), (2, 5));
}

#[test]
fn empty_lines_inside_a_continuation_are_skipped_and_recorded() {
    let tree = clean("FROM x\nRUN a \\\n\n   \n  b\n");
    let run = &tree.instructions[1];
    assert_eq!(shell_text(run), "a   b");
    assert_eq!(run.empty_continuation_lines.len(), 2);
}

#[test]
fn whitespace_after_the_escape_still_continues() {
    let tree = clean("FROM x\nRUN a \\  \t\n  b\n");
    assert_eq!(shell_text(&tree.instructions[1]), "a   b");
}

#[test]
fn lone_escape_on_a_line() {
    let tree = clean("FROM x\nRUN a \\\n\\\nb\n");
    assert_eq!(shell_text(&tree.instructions[1]), "a b");
    assert_eq!(tree.lines(tree.instructions[1].span), (2, 4));
}

#[test]
fn escape_at_end_of_file() {
    let tree = clean("FROM x\nRUN a \\");
    assert_eq!(shell_text(&tree.instructions[1]), "a");
    let tree = clean("FROM x\nRUN a \\\n");
    assert_eq!(shell_text(&tree.instructions[1]), "a");
}

#[test]
fn escaped_escape_at_end_of_line_is_not_a_continuation() {
    let tree = clean("FROM x\nRUN echo a\\\\\nRUN echo b\n");
    assert_eq!(keywords(&tree), ["FROM", "RUN", "RUN"]);
    assert_eq!(shell_text(&tree.instructions[1]), "echo a\\\\");
}

#[test]
fn continuation_joins_flags_and_arguments() {
    let tree = clean("FROM x\nCOPY \\\n  --from=build \\\n  /a \\\n  /b\n");
    let copy = &tree.instructions[1];
    assert_eq!(copy.flags[0].name, "from");
    assert_eq!(copy.flags[0].value.as_deref(), Some("build"));
    assert_eq!(copy.args.values(), ["/a", "/b"]);
}

// ---- heredocs ----

#[test]
fn heredoc_basic() {
    let src = "FROM x\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\nUSER 65532\n";
    let tree = clean(src);
    assert_eq!(keywords(&tree), ["FROM", "RUN", "USER"]);
    let h = &tree.instructions[1].heredocs[0];
    assert_eq!((h.name.as_str(), h.chomp, h.expand), ("EOF", false, true));
    assert_eq!(h.body, "apt-get update\napt-get install -y curl\n");
    assert_eq!(h.marker_span, find(src, "<<EOF", 0));
    assert_eq!(tree.lines(tree.instructions[1].span), (2, 5));
    assert!(tree.tokens.iter().any(|t| t.kind == TokenKind::HeredocBody));
}

#[test]
fn heredoc_chomp_strips_tabs_from_the_terminator() {
    let tree = clean("FROM x\nRUN <<-EOF\n\techo hi\n\tEOF\nUSER 1\n");
    let h = &tree.instructions[1].heredocs[0];
    assert!(h.chomp);
    assert_eq!(h.body, "\techo hi\n");
    assert_eq!(keywords(&tree), ["FROM", "RUN", "USER"]);
}

#[test]
fn heredoc_terminator_needs_chomp_to_be_indented() {
    let (tree, errors) = parse_ok("FROM x\nRUN <<EOF\n\techo hi\n\tEOF\n");
    assert_eq!(
        kinds(&errors)[0],
        &ErrorKind::UnterminatedHeredoc { name: "EOF".into() }
    );
    assert!(tree.instructions[1].heredocs[0].end_span.is_none());
}

#[test]
fn quoted_heredoc_delimiters_do_not_expand() {
    let tree = clean("FROM x\nCOPY <<\"EOF\" <<'END' <<PLAIN /dst/\n$A\nEOF\n$B\nEND\n$C\nPLAIN\n");
    let docs: Vec<_> = tree.instructions[1]
        .heredocs
        .iter()
        .map(|h| (h.name.as_str(), h.expand, h.body.as_str()))
        .collect();
    assert_eq!(
        docs,
        [
            ("EOF", false, "$A\n"),
            ("END", false, "$B\n"),
            ("PLAIN", true, "$C\n")
        ]
    );
}

#[test]
fn heredoc_body_may_contain_the_escape_character_and_comments() {
    let tree =
        clean("FROM x\nRUN <<EOF\necho a \\\n# not a comment\nFROM not-an-instruction\nEOF\n");
    assert_eq!(keywords(&tree), ["FROM", "RUN"]);
    assert_eq!(
        tree.instructions[1].heredocs[0].body,
        "echo a \\\n# not a comment\nFROM not-an-instruction\n"
    );
}

#[test]
fn heredoc_with_file_descriptor_and_redirect() {
    let tree = clean("FROM x\nRUN python3 3<<EOF > /out\nprint(1)\nEOF\n");
    let h = &tree.instructions[1].heredocs[0];
    assert_eq!((h.fd, h.name.as_str()), (Some(3), "EOF"));
}

#[test]
fn heredocs_only_on_run_copy_add_and_not_in_exec_form() {
    let tree = clean("FROM x\nENV A=<<EOF\nRUN [\"echo\", \"<<EOF\"]\nRUN echo \"<<EOF\"\n");
    assert!(tree.instructions.iter().all(|i| i.heredocs.is_empty()));
    assert_eq!(keywords(&tree), ["FROM", "ENV", "RUN", "RUN"]);
}

#[test]
fn heredoc_inside_onbuild() {
    let tree = clean("FROM x\nONBUILD RUN <<EOF\necho hi\nEOF\nUSER 1\n");
    let onbuild = &tree.instructions[1];
    assert_eq!(onbuild.heredocs[0].body, "echo hi\n");
    assert_eq!(onbuild.onbuild.as_ref().unwrap().keyword.kind, Kw::Run);
    assert_eq!(keywords(&tree), ["FROM", "ONBUILD", "USER"]);
}

#[test]
fn unterminated_heredoc_recovers_at_the_next_line() {
    let (tree, errors) = parse_ok("FROM x\nRUN <<EOF\nCOPY a b\n");
    assert_eq!(
        kinds(&errors),
        [&ErrorKind::UnterminatedHeredoc { name: "EOF".into() }]
    );
    assert_eq!(keywords(&tree), ["FROM", "RUN", "COPY"]);
    assert_eq!(tree.line_col(errors[0].span.start).line, 2);
}

// ---- flags ----

#[test]
fn flags_with_and_without_values() {
    let src = "FROM --platform=$BUILDPLATFORM golang AS build\n\
        COPY --link --parents --exclude=*.md --chmod=0755 --chown=65532:65532 --from=build /a /b\n\
        ADD --checksum=sha256:abc --keep-git-dir=true --link https://x/y.tar /y\n\
        RUN --mount=type=cache,target=/root/.cache --mount=type=secret,id=tok --mount=type=ssh \
        --mount=type=bind,from=build,source=/a,target=/b --mount=type=tmpfs,target=/t \
        --network=none --security=insecure make\n\
        HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --start-interval=1s --retries=3 CMD curl -f http://localhost/\n";
    let tree = clean(src);
    let flags = |i: usize| -> Vec<(String, Option<String>)> {
        tree.instructions[i]
            .flags
            .iter()
            .map(|f| (f.name.to_string(), f.value.as_deref().map(str::to_string)))
            .collect()
    };
    assert_eq!(
        flags(0),
        [("platform".into(), Some("$BUILDPLATFORM".into()))]
    );
    let copy = flags(1);
    assert_eq!(copy[0], ("link".into(), None));
    assert_eq!(copy[1], ("parents".into(), None));
    assert_eq!(copy[5], ("from".into(), Some("build".into())));
    assert_eq!(flags(2)[1], ("keep-git-dir".into(), Some("true".into())));
    assert_eq!(flags(3).len(), 7);
    assert_eq!(flags(4).len(), 5);
    assert_eq!(
        tree.instructions[4].subcommand.as_ref().unwrap().text,
        "CMD"
    );
    assert_eq!(tree.instructions[3].args.values(), ["make"]);
    let f = &tree.instructions[1].flags[5];
    assert_eq!(f.span, find(src, "--from=build", 0));
    assert_eq!(f.value_span, Some(find(src, "build", 1)));
}

#[test]
fn quoted_flag_values_lose_their_quotes() {
    let tree = clean("FROM x\nRUN --mount=\"type=bind,source=a b,target=/c\" ls\n");
    let f = &tree.instructions[1].flags[0];
    assert_eq!(f.value.as_deref(), Some("type=bind,source=a b,target=/c"));
    assert_eq!(tree.instructions[1].args.values(), ["ls"]);
}

#[test]
fn double_dash_ends_the_flags() {
    let tree = clean("FROM x\nCOPY --link -- --weird-name /dst\n");
    let copy = &tree.instructions[1];
    assert_eq!(copy.flags.len(), 1);
    assert_eq!(copy.args.values(), ["--weird-name", "/dst"]);
    assert!(tree
        .tokens
        .iter()
        .any(|t| t.kind == TokenKind::FlagTerminator));
}

#[test]
fn flag_errors() {
    let (tree, errors) =
        parse_ok("FROM x\nCOPY --=x a b\nCOPY --bogus a b\nCOPY --from a b\nRUN --mount a\n");
    assert_eq!(
        kinds(&errors),
        [
            &ErrorKind::FlagWithoutName,
            &ErrorKind::UnknownFlag {
                flag: "bogus".into(),
                keyword: "COPY".into()
            },
            &ErrorKind::FlagNeedsValue {
                flag: "from".into()
            },
            &ErrorKind::FlagNeedsValue {
                flag: "mount".into()
            },
        ]
    );
    assert_eq!(keywords(&tree).len(), 5);
    assert_eq!(tree.line_col(errors[0].span.start).column, 6);
}

// ---- JSON (exec) form ----

#[test]
fn exec_form_with_the_full_escape_set() {
    let src = r#"FROM x
CMD ["a\"b", "c\\d", "\/", "\b\f\n\r\t", "\u00e9", "\ud83d\ude00"]
ENTRYPOINT [ "/bin/app" ]
SHELL ["powershell", "-Command"]
VOLUME ["/data", "/logs"]
RUN []
"#;
    let tree = clean(src);
    assert_eq!(
        exec(&tree.instructions[1]),
        ["a\"b", "c\\d", "/", "\u{8}\u{c}\n\r\t", "é", "😀"]
    );
    assert_eq!(exec(&tree.instructions[2]), ["/bin/app"]);
    assert_eq!(exec(&tree.instructions[3]), ["powershell", "-Command"]);
    assert_eq!(exec(&tree.instructions[4]), ["/data", "/logs"]);
    assert!(exec(&tree.instructions[5]).is_empty());
}

#[test]
fn exec_form_across_continuation_lines() {
    let tree = clean("FROM x\nCMD [\"a\", \\\n     \"b\"]\n");
    assert_eq!(exec(&tree.instructions[1]), ["a", "b"]);
}

#[test]
fn invalid_or_trailing_json_falls_back_to_shell_form() {
    let tree = clean("FROM x\nRUN [ -f /etc/passwd ] && echo ok\nCMD [\"a\"] extra\nCMD ['single']\nCMD [\"a\", 1]\n");
    assert_eq!(
        shell_text(&tree.instructions[1]),
        "[ -f /etc/passwd ] && echo ok"
    );
    assert_eq!(shell_text(&tree.instructions[2]), "[\"a\"] extra");
    assert_eq!(shell_text(&tree.instructions[3]), "['single']");
    assert_eq!(shell_text(&tree.instructions[4]), "[\"a\", 1]");
}

#[test]
fn unterminated_json_is_an_error_and_reads_as_shell_form() {
    let src = "FROM x\nCMD [\"/app\", \"--port\nUSER 1\n";
    let (tree, errors) = parse_ok(src);
    assert_eq!(kinds(&errors), [&ErrorKind::UnterminatedJson]);
    assert_eq!(errors[0].span.start, find(src, "[", 0).start);
    assert!(!tree.instructions[1].args.is_exec());
    assert_eq!(keywords(&tree), ["FROM", "CMD", "USER"]);
}

#[test]
fn shell_requires_json() {
    let (_, errors) = parse_ok("FROM x\nSHELL /bin/bash -c\n");
    assert_eq!(kinds(&errors), [&ErrorKind::ShellNotJson]);
}

// ---- ARG, ENV, LABEL ----

#[test]
fn arg_with_several_names_and_empty_defaults() {
    let tree = clean("ARG a b=c D= \"E\"\nFROM x\n");
    let pairs: Vec<_> = tree.instructions[0]
        .pairs
        .iter()
        .map(|p| (p.key.as_str(), p.value.as_deref()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("a", None),
            ("b", Some("c")),
            ("D", Some("")),
            ("\"E\"", None)
        ]
    );
}

#[test]
fn env_and_label_in_both_forms() {
    let src = "FROM x\nENV A=1 B=\"two words\" C=three\\ words\nENV LEGACY some value\nLABEL org.opencontainers.image.title=\"x\" version=1\nLABEL maintainer me@example.com\n";
    let tree = clean(src);
    let pairs = |i: usize| -> Vec<(String, Option<String>, bool)> {
        tree.instructions[i]
            .pairs
            .iter()
            .map(|p| {
                (
                    p.key.to_string(),
                    p.value.as_deref().map(str::to_string),
                    p.legacy,
                )
            })
            .collect()
    };
    assert_eq!(
        pairs(1),
        [
            ("A".into(), Some("1".into()), false),
            ("B".into(), Some("\"two words\"".into()), false),
            ("C".into(), Some("three\\ words".into()), false)
        ]
    );
    assert_eq!(
        pairs(2),
        [("LEGACY".into(), Some("some value".into()), true)]
    );
    assert_eq!(pairs(3)[0].0, "org.opencontainers.image.title");
    assert_eq!(
        pairs(4),
        [("maintainer".into(), Some("me@example.com".into()), true)]
    );
    let b = &tree.instructions[1].pairs[1];
    assert_eq!(b.value_span, Some(find(src, "\"two words\"", 0)));
}

#[test]
fn env_errors() {
    let (_, errors) = parse_ok("FROM x\nENV A=1 B\nENV ALONE\nLABEL\n");
    assert_eq!(
        kinds(&errors),
        [
            &ErrorKind::MissingEquals { word: "B".into() },
            &ErrorKind::MissingArguments {
                keyword: "ENV".into(),
                expected: "a name and a value (name=value)"
            },
            &ErrorKind::MissingArguments {
                keyword: "LABEL".into(),
                expected: "at least one argument"
            },
        ]
    );
}

#[test]
fn unterminated_quote_in_an_expanded_instruction() {
    let (_, errors) = parse_ok("FROM x\nENV A=\"oops\n");
    assert_eq!(
        kinds(&errors),
        [&ErrorKind::UnterminatedQuote { quote: '"' }]
    );
    // RUN's quotes are the shell's business, not BuildKit's.
    clean("FROM x\nRUN echo \"oops\n");
}

// ---- FROM, ONBUILD, HEALTHCHECK, keywords ----

#[test]
fn from_forms() {
    let tree = clean(
        "FROM \"alpine:3.20\"\nFROM golang:1.22 AS build.v1\nFROM build.v1 as test\nFROM scratch\n",
    );
    assert_eq!(tree.instructions[0].args.values(), ["\"alpine:3.20\""]);
    assert_eq!(
        tree.instructions[1].args.values(),
        ["golang:1.22", "AS", "build.v1"]
    );
    let (_, errors) = parse_ok("FROM a b\nFROM a to b\n");
    assert_eq!(errors.len(), 2);
    assert!(matches!(errors[1].kind, ErrorKind::ExpectedAs { .. }));
}

#[test]
fn onbuild_wraps_another_instruction() {
    let tree = clean("FROM x\nONBUILD COPY --chown=1:1 . /app\n");
    let inner = tree.instructions[1].onbuild.as_ref().unwrap();
    assert_eq!(inner.keyword.kind, Kw::Copy);
    assert_eq!(inner.flags[0].name, "chown");
    assert_eq!(inner.args.values(), [".", "/app"]);
    let (_, errors) = parse_ok("FROM x\nONBUILD ONBUILD RUN x\nONBUILD FROM y\nONBUILD\n");
    assert_eq!(errors.len(), 3);
}

#[test]
fn healthcheck_none_and_cmd() {
    let tree = clean(
        "FROM x\nHEALTHCHECK NONE\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost\"]\n",
    );
    assert_eq!(
        tree.instructions[1].subcommand.as_ref().unwrap().text,
        "NONE"
    );
    assert_eq!(
        exec(&tree.instructions[2]),
        ["curl", "-f", "http://localhost"]
    );
    let (_, errors) =
        parse_ok("FROM x\nHEALTHCHECK NONE now\nHEALTHCHECK RUN x\nHEALTHCHECK CMD\n");
    assert_eq!(errors.len(), 3);
}

#[test]
fn keywords_are_case_insensitive() {
    let tree = clean("from alpine AS Base\nrun echo\nCoPy a b\nWorkDir /x\n");
    assert_eq!(keywords(&tree), ["FROM", "RUN", "COPY", "WORKDIR"]);
    assert_eq!(tree.instructions[1].keyword.text, "run");
}

#[test]
fn every_instruction_is_known() {
    let src = "ARG V=1\nFROM x\nMAINTAINER me\nRUN a\nCMD a\nLABEL a=b\nEXPOSE 80/tcp 443\nENV a=b\nADD a b\nCOPY a b\nENTRYPOINT a\nVOLUME /a\nUSER 65532:65532\nWORKDIR /a\nONBUILD RUN a\nSTOPSIGNAL SIGTERM\nHEALTHCHECK NONE\nSHELL [\"sh\", \"-c\"]\n";
    let tree = clean(src);
    assert_eq!(tree.instructions.len(), 18);
    assert!(tree
        .instructions
        .iter()
        .all(|i| i.keyword.kind != Kw::Unknown));
}

// ---- encodings and line endings ----

#[test]
fn bom_is_skipped() {
    let tree = clean("\u{feff}# escape=`\nFROM x\n");
    assert_eq!(tree.escape, '`');
    assert_eq!(tree.tokens[0].kind, TokenKind::Bom);
}

#[test]
fn crlf_line_endings() {
    let src = "FROM x\r\nRUN a \\\r\n  b\r\nRUN <<EOF\r\nhi\r\nEOF\r\n";
    let tree = clean(src);
    assert_eq!(shell_text(&tree.instructions[1]), "a   b");
    assert_eq!(tree.instructions[2].heredocs[0].body, "hi\r\n");
    assert_eq!(tree.lines(tree.instructions[2].span), (4, 6));
}

#[test]
fn non_ascii_columns_count_characters() {
    let src = "FROM x\nLABEL é=\"ü\" \u{1F600}\n";
    let (tree, errors) = parse_ok(src);
    assert_eq!(errors.len(), 1);
    let pos = tree.line_col(errors[0].span.start);
    assert_eq!((pos.line, pos.column), (2, 13));
}

// ---- variables ----

#[test]
fn variable_references_keep_their_spans() {
    let src = "ARG TAG\nFROM img:${TAG:-latest}\nCOPY --from=$STAGE ${SRC%/} /dst/${NAME#pre}\nENV A='$NOT' B=\\$NOT C=\"$YES\"\nRUN echo $SHELLS_BUSINESS\n";
    let tree = clean(src);
    let names = |i: usize| -> Vec<String> {
        tree.instructions[i]
            .vars
            .iter()
            .map(|v| v.name.to_string())
            .collect()
    };
    assert_eq!(names(1), ["TAG"]);
    assert_eq!(names(2), ["STAGE", "SRC", "NAME"]);
    assert_eq!(names(3), ["YES"]);
    assert!(
        names(4).is_empty(),
        "RUN's shell form is expanded by the shell, not BuildKit"
    );
    let v = &tree.instructions[1].vars[0];
    assert_eq!(v.span, find(src, "${TAG:-latest}", 0));
    assert_eq!(v.name_span, find(src, "TAG", 1));
    assert_eq!(
        (v.operator.as_deref(), v.operand.as_deref()),
        (Some(":-"), Some("latest"))
    );
}

#[test]
fn variable_spans_cross_continuations() {
    let src = "FROM x\nCOPY $A \\\n  ${B} /d\n";
    let tree = clean(src);
    let spans: Vec<_> = tree.instructions[1].vars.iter().map(|v| v.span).collect();
    assert_eq!(spans, [find(src, "$A", 0), find(src, "${B}", 0)]);
}

// ---- errors and recovery ----

#[test]
fn unknown_instruction_is_an_error_and_parsing_continues() {
    let (tree, errors) = parse_ok("FROM x\nFORM y\nRUN ok\n");
    assert_eq!(
        kinds(&errors),
        [&ErrorKind::UnknownInstruction {
            word: "FORM".into(),
            suggestion: Some("FROM".into())
        }]
    );
    assert_eq!(
        errors[0].message(),
        "unknown instruction `FORM` (did you mean FROM?)"
    );
    assert_eq!(keywords(&tree), ["FROM", "UNKNOWN", "RUN"]);
}

#[test]
fn instruction_before_from() {
    let (_, errors) = parse_ok("ARG ok\nRUN echo\nFROM x\n");
    assert_eq!(
        kinds(&errors),
        [&ErrorKind::InstructionBeforeFrom {
            keyword: "RUN".into()
        }]
    );
}

#[test]
fn empty_and_comment_only_files() {
    for src in ["", "\n\n", "# just a comment\n", "\u{feff}"] {
        let (tree, errors) = parse_ok(src);
        assert!(tree.instructions.is_empty());
        assert_eq!(kinds(&errors), [&ErrorKind::Empty], "{src:?}");
    }
}

#[test]
fn missing_arguments() {
    let (_, errors) = parse_ok("FROM\nFROM x\nCOPY a\nRUN\nWORKDIR\n");
    assert_eq!(errors.len(), 4);
    assert!(errors
        .iter()
        .all(|e| matches!(e.kind, ErrorKind::MissingArguments { .. })));
}

#[test]
fn half_typed_file_still_gives_every_instruction() {
    let src = "FROM golang:1.22 AS build\nRUN --mount=type=cache,target=/go \\\n  go build\nCOPY --from=build \nFROM gcr.io/distroless/static\nCOPY --from=build /out /app\nUSER 65532\n";
    let (tree, errors) = parse_ok(src);
    assert_eq!(
        keywords(&tree),
        ["FROM", "RUN", "COPY", "FROM", "COPY", "USER"]
    );
    assert_eq!(errors.len(), 1);
    assert_eq!(tree.line_col(errors[0].span.start).line, 4);
}

#[test]
fn instruction_spans_and_lines() {
    let src = "FROM x\n\n  RUN a \\\n    b\n";
    let tree = clean(src);
    let run = &tree.instructions[1];
    assert_eq!(
        run.span,
        Span::new(find(src, "RUN", 0).start, src.len() - 1)
    );
    assert_eq!(tree.lines(run.span), (3, 4));
    assert_eq!(tree.line_col(run.keyword.span.start).column, 3);
}
