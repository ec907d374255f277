#[test]
fn probe() {
    let cases: &[(&str, &str)] = &[
        (
            "two heredocs",
            "FROM a\nRUN <<A cat /dev/stdin - <<B\na\nA\nb\nB\nRUN x\n",
        ),
        (
            "heredoc not first",
            "FROM a\nRUN cat <<EOF\nhi\nEOF\nRUN x\n",
        ),
        (
            "heredoc after flag-mount",
            "FROM a\nRUN --mount=type=cache,target=/c <<EOF\nhi\nEOF\n",
        ),
        ("lowercase", "from a\nrun x\n"),
        ("escape backtick", "# escape=`\nFROM a\nRUN a `\n  b\n"),
        ("arg multi", "FROM a\nARG a b=c\nARG A=\n"),
        ("healthcheck none", "FROM a\nHEALTHCHECK NONE\n"),
        (
            "copy parents",
            "FROM a\nCOPY --parents --exclude=*.md a/ b/\n",
        ),
        ("bad json", "FROM a\nCMD [\"a\" \"b\"]\n"),
        ("json then text", "FROM a\nCMD [\"a\"] b\n"),
        ("env legacy", "FROM a\nENV A b c\n"),
        ("label legacy", "FROM a\nLABEL a b\n"),
        ("maintainer", "FROM a\nMAINTAINER me\n"),
        ("empty cont line", "FROM a\nRUN a \\\n\n  b\n"),
        ("comment in cont", "FROM a\nRUN a \\\n# c\n  b\n"),
        ("escape at eof", "FROM a\nRUN a \\"),
        ("lone escape line", "FROM a\nRUN a \\\n\\\n b\n"),
        ("escaped escape eol", "FROM a\nRUN a \\\\\nRUN b\n"),
        ("ws after escape", "FROM a\nRUN a \\  \n b\n"),
        ("crlf", "FROM a\r\nRUN a \\\r\n b\r\n"),
        ("bom", "\u{feff}FROM a\nRUN b\n"),
        ("stage dot", "FROM a AS my.stage\n"),
        ("quoted from", "FROM \"a\"\n"),
        (
            "add checksum",
            "FROM a\nADD --checksum=sha256:abc https://x/y /z\n",
        ),
        (
            "add keep-git",
            "FROM a\nADD --keep-git-dir=true https://x/y.git /z\n",
        ),
        (
            "run network",
            "FROM a\nRUN --network=none --security=insecure x\n",
        ),
        ("flag term", "FROM a\nRUN -- x\n"),
        ("copy chmod", "FROM a\nCOPY --chmod=755 --chown=a:b x y\n"),
        ("heredoc tabs", "FROM a\nRUN <<-EOF\n\techo\n\tEOF\n"),
        ("heredoc quoted", "FROM a\nRUN <<'EOF'\n$x\nEOF\n"),
        ("heredoc escape body", "FROM a\nRUN <<EOF\na \\\nEOF\n"),
        ("heredoc fd", "FROM a\nRUN 3<<EOF cat\nx\nEOF\n"),
        ("copy 2 heredocs", "FROM a\nCOPY <<A <<B /d/\na\nA\nb\nB\n"),
        ("onbuild", "FROM a\nONBUILD COPY . /x\n"),
        ("shell", "FROM a\nSHELL [\"pwsh\", \"-c\"]\n"),
        ("volume", "FROM a\nVOLUME /a /b\nVOLUME [\"/c\"]\n"),
        ("expose", "FROM a\nEXPOSE 80/tcp 443\n"),
        ("leading ws", "FROM a\n   RUN x\n"),
        ("check directive", "# check=skip=all\nFROM a\n"),
        ("unknown", "FROM a\nFOO x\nRUN y\n"),
        ("before from", "RUN x\nFROM a\n"),
        ("empty", ""),
        ("cmd empty json", "FROM a\nCMD []\n"),
        ("json escapes", "FROM a\nCMD [\"a\\u00e9\\n\\\"\\/\"]\n"),
        (
            "windows path",
            "FROM a\nWORKDIR C:\\\\app\nCOPY x C:\\app\\\n",
        ),
        ("env quotes", "FROM a\nENV A=\"x y\" B=c\\ d\n"),
        ("platform", "FROM --platform=$BUILDPLATFORM golang:1 AS b\n"),
        ("dup stage", "FROM a AS x\nFROM b AS x\n"),
        (
            "healthcheck interval",
            "FROM a\nHEALTHCHECK --interval=5s --timeout=3s CMD curl x\n",
        ),
        ("user", "FROM a\nUSER 1000:1000\n"),
        ("stopsignal", "FROM a\nSTOPSIGNAL SIGTERM\n"),
        ("run exec", "FROM a\nRUN [\"a\", \"b\"]\n"),
        ("from no image", "FROM\n"),
        ("workdir two", "FROM a\nWORKDIR a b\n"),
    ];
    for (name, text) in cases {
        let pd = match parse_dockerfile::parse(text) {
            Ok(d) => format!("ok {} instr", d.instructions.len()),
            Err(e) => format!("ERR {e}"),
        };
        let (tree, errors) = airlock::engine::syntax::parse(text);
        for i in &tree.instructions {
            let (a, b) = tree.lines(i.span);
            print!("[{} {}-{}]", i.keyword.kind.as_str(), a, b);
        }
        if let Ok(d) = parse_dockerfile::parse(text) {
            let v = serde_json::to_value(&d.instructions).unwrap();
            println!(
                " PD {}",
                v.to_string().chars().take(600).collect::<String>()
            );
        }
        let al: Vec<String> = errors
            .iter()
            .map(|e| {
                let lc = tree.line_col(e.span.start);
                format!("{}:{} {}", lc.line, lc.column, e.message())
            })
            .collect();
        println!(
            "{name:24} | pd: {pd:60} | airlock: {} instr, errors {:?}",
            tree.instructions.len(),
            al
        );
    }
}
