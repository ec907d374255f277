//! The fuzz targets' bodies, one function per target taking the raw input bytes: the libFuzzer
//! targets in fuzz/ call them, and tests/fuzz_regressions.rs replays every crash found
//! (tests/fixtures/fuzz/TARGET-*) through the same function. Each panics on a breach.

use std::borrow::Cow;

use serde_json::{json, Value};

use super::{
    all_rules_config, check_analysis, check_drawings, check_fix_to_fixed_point, check_parse,
    check_reports, inside, linear,
};
use crate::engine::{analyze, Config, GraphConfig};
use crate::view::share::{self, Snapshot};
use crate::view::workshop::{evaluate, parse_exercise, parse_goal};

/// Every target's name, as `run` and scripts/fuzz.sh know them.
pub const TARGETS: &[&str] = &[
    "parse",
    "analyze",
    "fix",
    "layout",
    "share",
    "goal",
    "config",
    "dockerignore",
    "lsp",
];

/// Runs target `name` on `data`; `false` when no target has that name.
pub fn run(name: &str, data: &[u8]) -> bool {
    match name {
        "parse" => parse(data),
        "analyze" => analyze_all(data),
        "fix" => fix(data),
        "layout" => layout(data),
        "share" => share_link(data),
        "goal" => goal(data),
        "config" => config(data),
        "dockerignore" => dockerignore(data),
        "lsp" => lsp(data),
        _ => return false,
    }
    true
}

/// The input as text: UTF-8 as it is, anything else with its bad bytes replaced (the parser
/// takes `&str`; the replacement keeps every byte sequence a distinct-enough input).
fn text(data: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// Build settings taken from the input: when it starts with byte 0xFF, the next bytes choose a
/// target (none, a stage by name, a stage index, or a name no stage has) and up to three build
/// args (names of the file's ARGs or ones airlock reads itself, values up to the next byte 0);
/// the rest is the Dockerfile. Other inputs are all Dockerfile, under `config` unchanged, so the
/// seed corpus's files are analysed as they are.
fn with_settings<'a>(data: &'a [u8], mut config: Config) -> (Cow<'a, str>, Config) {
    let Some((&0xFF, rest)) = data.split_first() else {
        return (text(data), config);
    };
    let (&mode, rest) = rest.split_first().unwrap_or((&0, &[]));
    let (&pick, mut rest) = rest.split_first().unwrap_or((&0, &[]));
    let mut args = Vec::new();
    for _ in 0..(mode >> 2) & 3 {
        let Some((&name, after)) = rest.split_first() else {
            break;
        };
        let end = after.iter().position(|&b| b == 0).unwrap_or(after.len());
        args.push((name, text(&after[..end]).into_owned()));
        rest = after.get(end + 1..).unwrap_or(&[]);
    }
    let dockerfile = text(rest);
    let (tree, _) = crate::engine::parse(&dockerfile);
    let mut names: Vec<String> = tree
        .instructions
        .iter()
        .filter(|i| i.keyword.kind.as_str() == "ARG")
        .flat_map(|i| i.pairs.iter().map(|p| p.key.to_string()))
        .collect();
    names.extend(
        [
            "BUILDKIT_DOCKERFILE_CHECK",
            "TARGETPLATFORM",
            "BUILDPLATFORM",
            "X",
        ]
        .map(String::from),
    );
    config.graph.build_args = args
        .into_iter()
        .map(|(n, v)| (names[usize::from(n) % names.len()].clone(), v))
        .collect();
    let stages = crate::engine::graph::build(&tree, &Default::default()).stages;
    config.graph.target = match (mode & 3, stages.is_empty()) {
        (0, _) => None,
        (1, false) => {
            let stage = &stages[usize::from(pick) % stages.len()];
            Some(
                stage
                    .name
                    .clone()
                    .unwrap_or_else(|| stage.index.to_string()),
            )
        }
        (2, _) => Some((usize::from(pick) % (stages.len() + 2)).to_string()),
        _ => Some("nosuchstage".into()),
    };
    (dockerfile, config)
}

/// The parser: it prints its input back byte for byte, its tokens tile the input, and every
/// span (errors' too) lies inside it on character boundaries.
pub fn parse(data: &[u8]) {
    let text = text(data);
    let (tree, _) = check_parse(&text);
    // Tokens are non-empty and tile the text: never more of them than bytes.
    assert!(tree.tokens.len() <= text.len());
}

/// `analyze` with every rule on, a target and build args from the input: every span inside the
/// text, every fix applies whole, sizes finite, the reports' JSON parses.
pub fn analyze_all(data: &[u8]) {
    let (text, config) = with_settings(data, all_rules_config());
    let a = analyze(&text, &config);
    check_analysis(&text, &a);
    check_reports(&text, &a);
}

/// Every fix (every rule on) applied round after round by `fix_all` itself: a fixed point
/// within `FIX_ROUNDS`, no new syntax errors, every round's text linear in the input.
pub fn fix(data: &[u8]) {
    let (text, config) = with_settings(data, all_rules_config());
    check_fix_to_fixed_point(&text, &config);
}

/// The stage graph laid out and drawn (SVG, DOT, Mermaid): finite coordinates, drawings linear
/// in the input.
pub fn layout(data: &[u8]) {
    let (text, config) = with_settings(data, Config::default());
    let graph = crate::engine::graph::build(&crate::engine::parse(&text).0, &config.graph);
    check_drawings(&graph, &text);
}

/// A decoded snapshot encodes back no longer than it came, decodes again to itself, and its
/// settings analyse cleanly.
fn snapshot_holds(payload: &[u8], s: Snapshot) {
    let again = share::encode(&s);
    assert!(
        again.len() <= payload.len(),
        "{} bytes re-encoded from {} bytes",
        again.len(),
        payload.len()
    );
    assert_eq!(share::decode(&again).as_ref(), Ok(&s));
    assert_eq!(share::from_stored(&share::to_stored(&s)).as_ref(), Ok(&s));
    let config = Config {
        graph: s.graph.clone(),
        rules: s.rules.clone(),
        size: s.size.clone(),
    };
    check_analysis(&s.text, &analyze(&s.text, &config));
}

/// The share-link and saved-draft decoder: an error, or a snapshot that holds. The first byte
/// picks the way in: a stored draft, a `#share=` fragment's data (as the page has it after
/// decompression), or a payload given the checksum it needs, so that the fuzzer reaches the
/// record reader rather than stopping at the CRC.
pub fn share_link(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode % 3 {
        0 => {
            let text = text(rest);
            if let Ok(s) = share::from_stored(&text) {
                let (_, b64) = text.split_once('.').expect("a stored draft has a version");
                snapshot_holds(&share::from_base64url(b64, 0).expect("it decoded once"), s);
            }
        }
        1 => {
            let text = text(rest);
            if let Ok(Some(b64)) = share::parse_fragment(&text) {
                if let Ok(bytes) = share::from_base64url(b64, share::data_offset()) {
                    assert_eq!(
                        share::from_base64url(&share::base64url(&bytes), 0).as_ref(),
                        Ok(&bytes)
                    );
                    if let Ok(s) = share::decode(&bytes) {
                        snapshot_holds(&bytes, s);
                    }
                }
            }
        }
        _ => {
            let mut payload = rest.to_vec();
            let crc = share::crc32(&payload);
            payload.push(0);
            payload.extend_from_slice(&crc.to_le_bytes());
            if let Ok(s) = share::decode(&payload) {
                snapshot_holds(&payload, s);
            }
        }
    }
}

/// The input split at its first byte 0.
fn halves(data: &[u8]) -> (&[u8], &[u8]) {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    (&data[..split], data.get(split + 1..).unwrap_or(&[]))
}

/// The workshop's goal language and exercise files: goal lines before the first byte 0, a
/// Dockerfile after it. Every goal parses or fails at a column inside the line; the goals that
/// parse are evaluated (one outcome each after the syntax one, places inside the text); the
/// whole input read as an exercise file fails only at positions inside it.
pub fn goal(data: &[u8]) {
    let (goals_bytes, dockerfile_bytes) = halves(data);
    let goals_text = text(goals_bytes);
    let dockerfile = text(dockerfile_bytes);
    let mut goals = Vec::new();
    for line in goals_text.lines() {
        match parse_goal(line) {
            Ok(goal) => goals.push(goal),
            Err(e) => {
                let end = line.chars().count() + 1;
                assert!(
                    (1..=end).contains(&e.column) && !e.message.is_empty(),
                    "goal error {e:?} for {line:?}"
                );
            }
        }
    }
    let a = analyze(&dockerfile, &Config::default());
    let outcomes = evaluate(&goals, &dockerfile, &a);
    assert_eq!(outcomes.len(), goals.len() + 1);
    for o in &outcomes {
        assert!(!o.goal.is_empty() && !o.detail.is_empty(), "{o:?}");
        assert!(o.places.len() <= 6, "{} places", o.places.len());
        for p in &o.places {
            inside(&dockerfile, p.span, &p.label);
        }
        linear("an outcome", o.detail.len(), data.len());
    }
    let whole = text(data);
    if let Err(errors) = parse_exercise("fuzz", &whole, Some(&dockerfile)) {
        let lines = whole.lines().count() + 1;
        for e in errors {
            assert!(e.line <= lines && e.column >= 1, "{e:?} in {lines} lines");
        }
    }
}

const MULTI_STAGE: &str = "# syntax=docker/dockerfile:1\nFROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app\nLABEL org.opencontainers.image.source=x\nFROM gcr.io/distroless/static AS run\nCOPY --from=build /app /app\nUSER root\nENTRYPOINT [\"/app\"]\n";

/// `airlock.toml` (`cli::config`): an error at a line and column inside the text, or settings
/// that analyse a multi-stage Dockerfile cleanly; the text read as JSON options too (the
/// language server's `initializationOptions`).
pub fn config(data: &[u8]) {
    use crate::cli::config::{from_json, parse, ConfigError};
    let text = text(data);
    match parse(&text, "airlock.toml") {
        Err(ConfigError::Syntax { line, column, .. }) => {
            assert!(
                line >= 1 && line <= text.lines().count() + 1 && column >= 1,
                "error at {line}:{column}"
            );
        }
        Err(_) => {}
        Ok(settings) => {
            let config = Config {
                graph: GraphConfig {
                    builder_images: settings.builder_images.clone(),
                    prod_images: settings.prod_images.clone(),
                    ..GraphConfig::default()
                },
                rules: settings.rules.clone(),
                ..Config::default()
            };
            check_analysis(MULTI_STAGE, &analyze(MULTI_STAGE, &config));
        }
    }
    if let Ok(value) = serde_json::from_str::<Value>(&text) {
        let _ = from_json(value, "initializationOptions");
    }
}

/// The `.dockerignore` reader (AL220): patterns before the first byte 0, COPY sources after it,
/// one per line. Every finding lies inside the Dockerfile, at most a few per source; libFuzzer's
/// `-timeout` bounds the matching (`**`, `*`, `?` and classes against long paths).
pub fn dockerignore(data: &[u8]) {
    let (ignore, sources) = halves(data);
    let mut dockerfile = String::from("FROM alpine\n");
    for source in text(sources).lines() {
        dockerfile.push_str("COPY ");
        dockerfile.push_str(source);
        dockerfile.push_str(" /dst/\n");
    }
    let mut config = Config::default();
    config.rules.enable.push("AL220".into());
    config.rules.dockerignore = Some(text(ignore).into_owned());
    let a = analyze(&dockerfile, &config);
    check_analysis(&dockerfile, &a);
    linear("findings", a.findings.len(), dockerfile.len());
}

/// Reads choices from the input's bytes; zeros once they run out.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        let (&b, rest) = self.0.split_first().unwrap_or((&0, &[]));
        self.0 = rest;
        b
    }

    fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
    }

    /// Text up to the next byte 0 (or the end).
    fn text(&mut self) -> String {
        let (t, rest) = halves(self.0);
        self.0 = rest;
        text(t).into_owned()
    }

    /// A position mostly inside a small document, sometimes far past its end.
    fn position(&mut self) -> Value {
        let (line, character) = if self.byte() >= 0xF0 {
            (self.u32(), self.u32())
        } else {
            (u32::from(self.byte() % 41), u32::from(self.byte() % 81))
        };
        json!({"line": line, "character": character})
    }

    fn range(&mut self) -> Value {
        json!({"start": self.position(), "end": self.position()})
    }
}

const URI: &str = "file:///fuzz/Dockerfile";

/// One message a client may send after `initialized`; a request gets `id`.
fn lsp_message(b: &mut Bytes, id: i32, version: i64) -> lsp_server::Message {
    use lsp_server::{Notification, Request};
    let request =
        |method: &str, params: Value| Request::new(id.into(), method.into(), params).into();
    let notify = |method: &str, params: Value| Notification::new(method.into(), params).into();
    let document = json!({"uri": URI});
    match b.byte() % 14 {
        0..=4 => notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": version},
                   "contentChanges": [{"range": b.range(), "text": b.text()}]}),
        ),
        5 => notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": version},
                   "contentChanges": [{"text": b.text()}]}),
        ),
        6 => request(
            "textDocument/hover",
            json!({"textDocument": document, "position": b.position()}),
        ),
        7 => request(
            "textDocument/definition",
            json!({"textDocument": document, "position": b.position()}),
        ),
        8 => request(
            "textDocument/references",
            json!({"textDocument": document, "position": b.position(),
                   "context": {"includeDeclaration": b.byte() % 2 == 0}}),
        ),
        9 => request(
            "textDocument/completion",
            json!({"textDocument": document, "position": b.position()}),
        ),
        10 => request(
            "textDocument/codeAction",
            json!({"textDocument": document, "range": b.range(), "context": {"diagnostics": []}}),
        ),
        11 => request(
            "textDocument/documentSymbol",
            json!({"textDocument": document}),
        ),
        12 => match b.byte() % 2 {
            0 => notify("textDocument/didClose", json!({"textDocument": document})),
            _ => notify(
                "textDocument/didOpen",
                json!({"textDocument": {"uri": URI, "languageId": "dockerfile",
                       "version": version, "text": b.text()}}),
            ),
        },
        _ => notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"rules": {"enable": [b.text()], "disable": [b.text()]}}}),
        ),
    }
}

/// The language server in process (`cli::lsp::serve` over an in-memory connection, as
/// tests/lsp.rs's queued-edits test runs it): a document opened with the input's text up to the
/// first byte 0, then up to 64 messages drawn from the rest (incremental and whole edits,
/// closes and reopens, settings, requests at random positions), `shutdown` and `exit`. Every
/// request is answered exactly once, never with an internal error; every published range is
/// ordered; the server ends cleanly.
pub fn lsp(data: &[u8]) {
    use lsp_server::{Connection, Message, Notification, Request, RequestId};
    let (first, rest) = halves(data);
    let mut b = Bytes(rest);
    let (server, client) = Connection::memory();
    let send = |m: Message| client.sender.send(m).expect("the server's side is open");
    send(Request::new(0.into(), "initialize".into(), json!({"capabilities": {}})).into());
    send(Notification::new("initialized".into(), json!({})).into());
    send(
        Notification::new(
            "textDocument/didOpen".into(),
            json!({"textDocument": {"uri": URI, "languageId": "dockerfile", "version": 1,
                   "text": text(first)}}),
        )
        .into(),
    );
    let mut asked = vec![RequestId::from(0)];
    for id in 1..=64 {
        if b.0.is_empty() {
            break;
        }
        let m = lsp_message(&mut b, id, i64::from(id) + 1);
        if let Message::Request(r) = &m {
            asked.push(r.id.clone());
        }
        send(m);
    }
    send(Request::new(1000.into(), "shutdown".into(), Value::Null).into());
    asked.push(1000.into());
    send(Notification::new("exit".into(), Value::Null).into());
    assert!(
        crate::cli::lsp::serve(&server),
        "no clean exit after shutdown"
    );

    let ordered = |range: &Value| {
        let at = |p: &Value| (p["line"].as_u64(), p["character"].as_u64());
        at(&range["start"]) <= at(&range["end"])
    };
    let mut answered = Vec::new();
    for m in client.receiver.try_iter() {
        match m {
            Message::Response(r) => {
                if let Some(e) = &r.error {
                    assert!(e.code != -32603, "internal error: {}", e.message);
                }
                answered.push(r.id);
            }
            Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => {
                for d in n.params["diagnostics"].as_array().into_iter().flatten() {
                    assert!(ordered(&d["range"]), "diagnostic range {}", d["range"]);
                }
            }
            _ => {}
        }
    }
    assert_eq!(answered, asked, "requests and answers differ");
}
