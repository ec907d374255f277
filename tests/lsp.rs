//! `airlock lsp` over the protocol, as an editor drives it: the real binary, spawned, spoken to
//! through its standard input and output.

// Native test code: the wasm size rules (clippy.toml) do not bind it.
#![allow(clippy::disallowed_methods)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use lsp_server::{Message, Notification, Request, RequestId, Response};
use serde_json::{json, Value};

/// A hang guard, not a timing assertion: a server that never answers fails instead of blocking.
const PATIENCE: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Notifications read while waiting for a response, in order.
    notifications: Vec<Notification>,
    /// Replies to no request of ours (errors for what `write_raw` sent).
    stray: Vec<Value>,
    next_id: i32,
}

impl Client {
    /// The server, initialized with `options` as `initializationOptions`.
    fn start(options: Value) -> Client {
        let mut client = Client::spawn();
        let init = client.request(
            "initialize",
            json!({"capabilities": {}, "initializationOptions": options}),
        );
        assert!(init.error.is_none(), "{init:?}");
        client.notify("initialized", json!({}));
        client
    }

    fn spawn() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_airlock"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("airlock lsp starts");
        let stdout = child.stdout.take().expect("stdout");
        let (send, incoming) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            // Framed JSON read by hand: lsp-server's reader refuses a reply whose id is null.
            let mut reader = BufReader::new(stdout);
            let mut length = 0;
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
                let header = std::mem::take(&mut line);
                if let Some(n) = header.strip_prefix("Content-Length: ") {
                    length = n.trim().parse().unwrap();
                } else if header == "\r\n" {
                    let mut body = vec![0; length];
                    reader.read_exact(&mut body).unwrap();
                    if send.send(serde_json::from_slice(&body).unwrap()).is_err() {
                        break;
                    }
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            incoming,
            notifications: Vec::new(),
            stray: Vec::new(),
            next_id: 1,
        }
    }

    fn write_raw(&mut self, body: &str) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        stdin.flush().expect("flush");
    }

    fn send(&mut self, message: Message) {
        let mut body = serde_json::to_value(&message).unwrap();
        body["jsonrpc"] = json!("2.0");
        self.write_raw(&body.to_string());
    }

    fn next(&mut self) -> Message {
        loop {
            let value = match self.incoming.recv_timeout(PATIENCE) {
                Ok(v) => v,
                Err(RecvTimeoutError::Timeout) => panic!("the server said nothing"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
            };
            assert_eq!(value["jsonrpc"], "2.0", "{value}");
            match serde_json::from_value(value.clone()) {
                Ok(m) => return m,
                Err(_) => self.stray.push(value),
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Response {
        let id = RequestId::from(self.next_id);
        self.next_id += 1;
        self.send(Request::new(id.clone(), method.to_string(), params).into());
        self.response(&id)
    }

    fn response(&mut self, id: &RequestId) -> Response {
        loop {
            match self.next() {
                Message::Response(r) if &r.id == id => return r,
                Message::Notification(n) => self.notifications.push(n),
                Message::Response(r) => self.stray.push(serde_json::to_value(r).unwrap()),
                Message::Request(_) => {}
            }
        }
    }

    /// A request's result, which must not be an error.
    fn call(&mut self, method: &str, params: Value) -> Value {
        let r = self.request(method, params);
        assert!(r.error.is_none(), "{method}: {:?}", r.error);
        r.result.unwrap_or(Value::Null)
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(Notification::new(method.to_string(), params).into());
    }

    /// The next diagnostics published for `uri` (with `version`, when given).
    fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        loop {
            let found = self.notifications.iter().position(|n| {
                n.method == "textDocument/publishDiagnostics"
                    && n.params["uri"] == uri
                    && version.is_none_or(|v| n.params["version"] == v)
            });
            if let Some(i) = found {
                let n = self.notifications.remove(i);
                return n.params["diagnostics"].as_array().cloned().unwrap();
            }
            let message = self.next();
            if let Message::Notification(n) = message {
                self.notifications.push(n);
            }
        }
    }

    fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "dockerfile", "version": 1, "text": text}}),
        );
        self.diagnostics(uri, Some(1))
    }

    /// Waits for the server to end after `exit`; its exit code.
    fn exit_code(mut self) -> i32 {
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        self.child
            .wait()
            .expect("the server exits")
            .code()
            .unwrap_or(-1)
    }
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    let mut out: Vec<String> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect();
    out.sort();
    out
}

fn at(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

fn position(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": at(line, character)})
}

/// The line and UTF-16 column of the first `needle` in `text` (plus `plus` units).
fn find(text: &str, needle: &str, plus: u32) -> (u32, u32) {
    let i = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in the text"));
    let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
    let line = text[..i].matches('\n').count() as u32;
    let column: usize = text[line_start..i].chars().map(char::len_utf16).sum();
    (line, column as u32 + plus)
}

/// The byte offset of a protocol position (UTF-16 columns), as a client computes it.
fn byte_at(text: &str, p: &Value) -> usize {
    let (line, character) = (
        p["line"].as_u64().unwrap(),
        p["character"].as_u64().unwrap(),
    );
    let start: usize = text
        .split_inclusive('\n')
        .take(line as usize)
        .map(str::len)
        .sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' {
            return start + i;
        }
        units += c.len_utf16() as u64;
    }
    text.len()
}

/// Applies a workspace edit's edits for `uri` to `text`, last first, as a client does.
fn apply(text: &str, edit: &Value, uri: &str) -> String {
    let mut edits: Vec<(usize, usize, String)> = edit["changes"][uri]
        .as_array()
        .expect("edits for the document")
        .iter()
        .map(|e| {
            (
                byte_at(text, &e["range"]["start"]),
                byte_at(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (start, end, new) in edits {
        out.replace_range(start..end, &new);
    }
    out
}

/// Sends the whole new text as version `version`; the diagnostics that follow.
fn replace(client: &mut Client, uri: &str, text: &str, version: i64) -> Vec<Value> {
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
    );
    client.diagnostics(uri, Some(version))
}

fn actions(client: &mut Client, uri: &str, line: u32, only: Option<&str>) -> Vec<Value> {
    let mut context = json!({"diagnostics": []});
    if let Some(kind) = only {
        context["only"] = json!([kind]);
    }
    let result = client.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": at(line, 0), "end": at(line, 0)}, "context": context}),
    );
    result.as_array().cloned().unwrap_or_default()
}

const BUILD: &str = "\
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN go build -o /app .

FROM alpine:3.20
COPY --from=build /app /usr/local/bin/app
USER root
CMD [\"app\"]
";

const URI: &str = "file:///nonexistent/project/Dockerfile";

#[test]
fn initialize_advertises_what_the_server_answers() {
    let mut client = Client::spawn();
    let result = client.call("initialize", json!({"capabilities": {}}));
    let caps = &result["capabilities"];
    assert_eq!(caps["textDocumentSync"], 2, "incremental sync: {caps}");
    for provider in [
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "documentSymbolProvider",
    ] {
        assert_eq!(caps[provider], true, "{provider}: {caps}");
    }
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll", "refactor.rewrite"])
    );
    assert!(caps["completionProvider"].is_object(), "{caps}");
    assert_eq!(result["serverInfo"]["name"], "airlock");
    client.notify("initialized", json!({}));
    assert!(client.call("shutdown", Value::Null).is_null());
    assert_eq!(client.exit_code(), 0, "exit after shutdown is clean");
}

#[test]
fn diagnostics_on_open_and_after_incremental_edits_in_utf16_positions() {
    let mut client = Client::start(Value::Null);
    // A syntax error after non-ASCII text on the same line and above it.
    let text = "# é😀 café\nFROM alpine:3.20 AS é\nFORM x\nUSER root\n";
    let first = client.open(URI, text);
    let first_codes = codes(&first);
    assert!(
        first_codes.contains(&"syntax".to_string()),
        "{first_codes:?}"
    );
    assert!(
        first_codes.contains(&"AL104".to_string()),
        "{first_codes:?}"
    );
    for d in &first {
        assert_eq!(d["source"], "airlock");
        assert!(d["severity"].is_u64() && d["message"].is_string(), "{d}");
    }
    let syntax = first.iter().find(|d| d["code"] == "syntax").unwrap();
    assert_eq!(syntax["range"]["start"], at(2, 0));
    // Replace "FORM" by "RUN echo 😀" and, in the same change list, "root" by "app" on the
    // next line: ranges count UTF-16 units in the text each change leaves.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [
            {"range": {"start": at(2, 0), "end": at(2, 4)}, "text": "RUN echo 😀"},
            {"range": {"start": at(3, 5), "end": at(3, 9)}, "text": "app"},
            {"range": {"start": at(1, 20), "end": at(1, 21)}, "text": "run"},
        ]}),
    );
    let second = client.diagnostics(URI, Some(2));
    let second_codes = codes(&second);
    assert!(
        !second_codes.contains(&"syntax".to_string()),
        "{second_codes:?}"
    );
    assert!(
        !second_codes.contains(&"AL104".to_string()),
        "{second_codes:?}"
    );
    // The server's text is what the client has: its symbols name the renamed stage.
    let symbols = client.call(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(symbols[0]["name"], "run", "{symbols}");
    let children = symbols[0]["children"].as_array().unwrap();
    assert_eq!(children[1]["name"], "RUN echo 😀 x", "{children:?}");
    assert!(client.call("shutdown", Value::Null).is_null());
    assert_eq!(client.exit_code(), 0);
}

#[test]
fn a_burst_of_edits_ends_with_the_diagnostics_of_the_last_text() {
    let mut client = Client::start(Value::Null);
    client.open(URI, "FROM alpine:3.20\nUSER root\n");
    let mut frames = String::new();
    for version in 2..=20 {
        let user = if version == 20 { "app" } else { "root" };
        let change = Notification::new(
            "textDocument/didChange".into(),
            json!({"textDocument": {"uri": URI, "version": version},
                   "contentChanges": [{"text": format!("FROM alpine:3.20\nUSER {user}\n")}]}),
        );
        let mut body = serde_json::to_value(Message::from(change)).unwrap();
        body["jsonrpc"] = json!("2.0");
        let body = body.to_string();
        frames.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    }
    // One write: the server finds the edits queued together and publishes for the last.
    let stdin = client.stdin.as_mut().unwrap();
    stdin.write_all(frames.as_bytes()).unwrap();
    stdin.flush().unwrap();
    let last = client.diagnostics(URI, Some(20));
    assert!(!codes(&last).contains(&"AL104".to_string()), "{last:?}");
}

#[test]
fn edits_queued_together_are_analysed_once() {
    // In process, every message queued before the server reads any: one batch, one publish.
    let (server, client) = lsp_server::Connection::memory();
    let lsp_server::Connection { sender, receiver } = client;
    let send = |m: Message| sender.send(m).unwrap();
    send(Request::new(1.into(), "initialize".into(), json!({"capabilities": {}})).into());
    send(Notification::new("initialized".into(), json!({})).into());
    send(Notification::new(
        "textDocument/didOpen".into(),
        json!({"textDocument": {"uri": URI, "languageId": "dockerfile", "version": 1, "text": "FROM alpine:3.20\n"}}),
    ).into());
    for version in 2..=30 {
        let text = if version == 30 { "USER root\n" } else { "" };
        send(
            Notification::new(
                "textDocument/didChange".into(),
                json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [
                {"range": {"start": at(1, 0), "end": at(1, 0)}, "text": text}]}),
            )
            .into(),
        );
    }
    drop(sender);
    // The client's side closed without `exit`: not a clean end.
    assert!(!airlock::cli::lsp::serve(&server));
    let published: Vec<Value> = receiver
        .try_iter()
        .filter_map(|m| match m {
            Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => {
                Some(n.params)
            }
            _ => None,
        })
        .collect();
    assert_eq!(published.len(), 1, "{published:?}");
    assert_eq!(published[0]["version"], 30);
    assert!(codes(published[0]["diagnostics"].as_array().unwrap()).contains(&"AL104".to_string()));
}

#[test]
fn a_quick_fix_applied_removes_its_finding() {
    let mut client = Client::start(Value::Null);
    let before = client.open(URI, BUILD);
    assert!(codes(&before).contains(&"AL104".to_string()));
    let (line, _) = find(BUILD, "USER root", 0);
    let list = actions(&mut client, URI, line, None);
    let fix = list
        .iter()
        .find(|a| {
            a["kind"] == "quickfix"
                && a["diagnostics"][0]["code"] == "AL104"
                && a["isPreferred"] == true
        })
        .unwrap_or_else(|| panic!("a fix for AL104 in {list:?}"));
    let fixed = apply(BUILD, &fix["edit"], URI);
    let after = replace(&mut client, URI, &fixed, 2);
    assert!(!codes(&after).contains(&"AL104".to_string()), "{fixed}");
}

#[test]
fn the_ignore_comment_silences_the_finding_on_that_instruction() {
    let mut client = Client::start(Value::Null);
    // Indented, to check the comment is indented alike.
    let text = BUILD.replace("USER root", "  USER root");
    client.open(URI, &text);
    let (line, _) = find(&text, "USER root", 0);
    let list = actions(&mut client, URI, line, Some("quickfix"));
    let ignore = list
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Ignore AL104"))
        .unwrap_or_else(|| panic!("an ignore action in {list:?}"));
    let ignored = apply(&text, &ignore["edit"], URI);
    assert!(
        ignored.contains("\n  # airlock ignore=AL104\n  USER root\n"),
        "{ignored}"
    );
    let after = replace(&mut client, URI, &ignored, 2);
    assert!(!codes(&after).contains(&"AL104".to_string()), "{after:?}");
    // The other findings are still there: only AL104 is silenced.
    assert!(codes(&after).contains(&"AL113".to_string()), "{after:?}");
}

#[test]
fn fix_all_applies_every_fix_and_the_conversion_is_a_rewrite() {
    let mut client = Client::start(Value::Null);
    let single =
        "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n";
    let before = client.open(URI, single);
    assert!(codes(&before).contains(&"AL102".to_string()), "{before:?}");
    let list = actions(&mut client, URI, 0, Some("refactor"));
    assert!(
        list.iter().all(|a| a["kind"] == "refactor.rewrite"),
        "{list:?}"
    );
    let rewrite = list
        .iter()
        .find(|a| a["diagnostics"][0]["code"] == "AL102")
        .unwrap_or_else(|| panic!("the conversion in {list:?}"));
    let converted = apply(single, &rewrite["edit"], URI);
    assert!(converted.matches("FROM ").count() >= 2, "{converted}");
    let after = replace(&mut client, URI, &converted, 2);
    assert!(!codes(&after).contains(&"AL102".to_string()), "{converted}");

    let before = replace(&mut client, URI, BUILD, 3);
    assert!(codes(&before).contains(&"AL104".to_string()), "{before:?}");
    let all = actions(&mut client, URI, 0, Some("source.fixAll"));
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0]["kind"], "source.fixAll");
    let fixed = apply(BUILD, &all[0]["edit"], URI);
    let after = replace(&mut client, URI, &fixed, 4);
    assert!(!codes(&after).contains(&"AL104".to_string()), "{fixed}");
    assert!(
        actions(&mut client, URI, 0, Some("source.fixAll")).is_empty(),
        "nothing left to fix in:\n{fixed}"
    );
}

#[test]
fn hover_shows_rule_docs_roles_crossings_and_image_sizes() {
    let mut client = Client::start(Value::Null);
    client.open(URI, BUILD);
    let hover = |client: &mut Client, needle: &str, plus: u32| {
        let (line, column) = find(BUILD, needle, plus);
        let r = client.call("textDocument/hover", position(URI, line, column));
        r["contents"]["value"].as_str().unwrap_or("").to_string()
    };
    let docs = hover(&mut client, "USER root", 6);
    assert!(
        docs.starts_with("# AL104 final_stage_runs_as_root"),
        "{docs}"
    );
    assert!(docs.contains("## What it does"), "{docs}");
    let role = hover(&mut client, "build\nWORKDIR", 1);
    assert!(
        role.contains("Stage `build`") && role.contains("**builder**"),
        "{role}"
    );
    let copy = hover(&mut client, "COPY --from", 2);
    assert!(copy.contains("stage `build` (builder)"), "{copy}");
    assert!(copy.contains("`/app` → `/usr/local/bin/app`"), "{copy}");
    let size = hover(&mut client, "alpine:3.20", 2);
    assert!(size.contains("MB") && size.contains("Source:"), "{size}");
    let (line, column) = find(BUILD, "\n\nFROM", 0);
    let nothing = client.call("textDocument/hover", position(URI, line + 1, column));
    assert!(nothing.is_null(), "an empty line has no hover: {nothing}");
}

#[test]
fn definition_and_references_of_stages_and_variables() {
    let text = "\
ARG BASE=alpine:3.20
FROM golang:1.22 AS build
ARG NAME=app
RUN go build -o /out/${NAME} .

FROM build AS test
RUN --mount=type=bind,from=build,source=/out,target=/x go test ./...

FROM ${BASE}
ENV NAME=prod
COPY --from=build /out/app /app
RUN echo $NAME
";
    let mut client = Client::start(Value::Null);
    client.open(URI, text);
    let location = |r: &Value| {
        let start = &r["range"]["start"];
        let line = start["line"].as_u64();
        (
            line.unwrap_or_else(|| panic!("a location: {r}")),
            start["character"].as_u64().unwrap(),
        )
    };
    let decl = find(text, "build\nARG", 0);
    for (needle, plus) in [("--from=build", 8), ("FROM build", 6), ("from=build,", 6)] {
        let (line, column) = find(text, needle, plus);
        let r = client.call("textDocument/definition", position(URI, line, column));
        assert!(r.is_object(), "{needle}: {r}");
        assert_eq!(
            location(&r),
            (decl.0 as u64, decl.1 as u64),
            "{needle}: {r}"
        );
    }
    let mut refs = json!(position(URI, decl.0, decl.1));
    refs["context"] = json!({"includeDeclaration": true});
    let all = client.call("textDocument/references", refs.clone());
    assert_eq!(
        all.as_array().unwrap().len(),
        4,
        "name, FROM, mount, COPY: {all}"
    );
    refs["context"] = json!({"includeDeclaration": false});
    let uses = client.call("textDocument/references", refs);
    assert_eq!(uses.as_array().unwrap().len(), 3, "{uses}");

    // `${NAME}` in the build stage is its ARG; `$NAME` in the last stage is its ENV.
    let (line, column) = find(text, "${NAME}", 3);
    let r = client.call("textDocument/definition", position(URI, line, column));
    assert_eq!(location(&r), {
        let p = find(text, "NAME=app", 0);
        (p.0 as u64, p.1 as u64)
    });
    let (line, column) = find(text, "$NAME\n", 2);
    let r = client.call("textDocument/definition", position(URI, line, column));
    assert_eq!(location(&r), {
        let p = find(text, "NAME=prod", 0);
        (p.0 as u64, p.1 as u64)
    });
    // `${BASE}` on a FROM line reads the global ARG.
    let (line, column) = find(text, "${BASE}", 3);
    let r = client.call("textDocument/definition", position(URI, line, column));
    assert_eq!(location(&r), (0, 4));
    let mut refs = json!(position(URI, 0, 5));
    refs["context"] = json!({"includeDeclaration": false});
    let uses = client.call("textDocument/references", refs);
    assert_eq!(uses.as_array().unwrap().len(), 1, "{uses}");
}

#[test]
fn symbols_are_stages_with_their_instructions() {
    let mut client = Client::start(Value::Null);
    client.open(URI, BUILD);
    let symbols = client.call(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let list = symbols.as_array().unwrap();
    assert_eq!(list.len(), 2, "{symbols}");
    assert_eq!(list[0]["name"], "build");
    assert_eq!(list[1]["name"], "stage 1");
    let names: Vec<&str> = list[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "FROM golang:1.22 AS build",
            "WORKDIR /src",
            "COPY . .",
            "RUN go build -o /app ."
        ]
    );
    assert!(
        list[1]["detail"].as_str().unwrap().contains("prod"),
        "{symbols}"
    );
}

#[test]
fn completion_of_keywords_flags_stages_and_images() {
    let mut client = Client::start(Value::Null);
    let text = "FROM golang:1.22 AS build\nFROM alpine:3.20\nFR\nCOPY --\nCOPY --from=\nRUN --mount=type=cache,from=b\nFROM alp\nCOPY a\u{2028}--\n";
    client.open(URI, text);
    let labels = |client: &mut Client, line: u32, character: u32| -> Vec<String> {
        let r = client.call("textDocument/completion", position(URI, line, character));
        r.as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(labels(&mut client, 2, 2), ["FROM"]);
    let flags = labels(&mut client, 3, 7);
    assert!(
        flags.contains(&"--from".to_string()) && flags.contains(&"--link".to_string()),
        "{flags:?}"
    );
    assert_eq!(labels(&mut client, 4, 12), ["build"]);
    assert_eq!(labels(&mut client, 5, 29), ["build"]);
    let images = labels(&mut client, 6, 8);
    assert!(
        !images.is_empty() && images.iter().all(|i| i.starts_with("alp")),
        "{images:?}"
    );
    // A word after a space of several bytes (U+2028): the word starts after all of it.
    let flags = labels(&mut client, 7, 9);
    assert!(flags.contains(&"--from".to_string()), "{flags:?}");
    // The item replaces what was typed.
    let r = client.call("textDocument/completion", position(URI, 3, 7));
    let from = r
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "--from")
        .unwrap();
    assert_eq!(from["textEdit"]["newText"], "--from=");
    assert_eq!(from["textEdit"]["range"]["start"], at(3, 5));
}

#[test]
fn settings_come_from_airlock_toml_and_the_client() {
    let dir = std::env::temp_dir().join(format!("airlock-lsp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("airlock.toml"), "[rules]\ndisable = [\"AL104\"]\n").unwrap();
    let uri = format!("file://{}", dir.join("Dockerfile").display());
    let mut client = Client::start(json!({"rules": {"disable": ["AL113"]}}));
    let found = codes(&client.open(&uri, BUILD));
    assert!(
        !found.contains(&"AL104".to_string()),
        "airlock.toml: {found:?}"
    );
    assert!(
        !found.contains(&"AL113".to_string()),
        "initializationOptions: {found:?}"
    );
    // The client's settings change; the open document is checked again.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"airlock": {"rules": {}}}}),
    );
    let again = codes(&client.diagnostics(&uri, Some(1)));
    assert!(
        again.contains(&"AL113".to_string()) && !again.contains(&"AL104".to_string()),
        "{again:?}"
    );
    std::fs::remove_dir_all(Path::new(&dir)).unwrap();
}

#[test]
fn with_a_docs_url_each_finding_links_to_its_rules_docs() {
    let uri = "file:///tmp/airlock-lsp-docs/Dockerfile";
    let mut client =
        Client::start(json!({"docsUrl": "https://docs.example.org/airlock/?rule={code}"}));
    let found = client.open(uri, BUILD);
    let finding = found
        .iter()
        .find(|d| d["code"] == "AL104")
        .expect("an AL104 finding");
    assert_eq!(
        finding["codeDescription"]["href"],
        "https://docs.example.org/airlock/?rule=AL104"
    );
    // Without the setting there is no link (no docs URL is invented).
    client.notify("workspace/didChangeConfiguration", json!({"settings": {}}));
    let again = client.diagnostics(uri, Some(1));
    assert!(
        again
            .iter()
            .all(|d| d.get("codeDescription").is_none_or(Value::is_null)),
        "{again:?}"
    );
}

#[test]
fn bad_messages_get_the_protocols_errors_and_the_server_goes_on() {
    let mut client = Client::spawn();
    // Before initialize.
    let early = client.request("textDocument/hover", position(URI, 0, 0));
    assert_eq!(early.error.unwrap().code, -32002);
    client.call("initialize", json!({"capabilities": {}}));
    client.notify("initialized", json!({}));
    // Not JSON: a parse error with a null id (which lsp-server's reader cannot read back).
    client.write_raw("{not json");
    // JSON, but neither a request, a response nor a notification.
    client.write_raw("{\"jsonrpc\": \"2.0\", \"params\": {}}");
    let unknown = client.request("airlock/bogus", json!({}));
    assert_eq!(unknown.error.unwrap().code, -32601);
    assert_eq!(client.stray.len(), 2, "{:?}", client.stray);
    assert_eq!(client.stray[0]["id"], Value::Null);
    assert_eq!(client.stray[0]["error"]["code"], -32700);
    assert_eq!(client.stray[1]["id"], Value::Null);
    assert_eq!(client.stray[1]["error"]["code"], -32600);
    let bad = client.request("textDocument/hover", json!({"position": "here"}));
    assert_eq!(bad.error.unwrap().code, -32602);
    let again = client.request("initialize", json!({"capabilities": {}}));
    assert_eq!(again.error.unwrap().code, -32600);
    // An edit far outside the text, a change to a document never opened: no crash.
    client.open(URI, "FROM alpine\n");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [
            {"range": {"start": at(99, 99), "end": at(0, 0)}, "text": "é"}]}),
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///other", "version": 2}, "contentChanges": []}),
    );
    client.diagnostics(URI, Some(2));
    assert!(client
        .call("textDocument/hover", position("file:///other", 0, 0))
        .is_null());
    assert!(client.call("shutdown", Value::Null).is_null());
    let late = client.request("textDocument/hover", position(URI, 0, 0));
    assert_eq!(late.error.unwrap().code, -32600);
    assert_eq!(client.exit_code(), 0);
}

#[test]
fn exit_without_shutdown_is_an_error_exit() {
    let client = Client::start(Value::Null);
    assert_eq!(client.exit_code(), 1);
}

/// Neovim's own client (tests/nvim/lsp.lua) against the server: diagnostics, an incremental
/// edit with non-ASCII text, a code action applied, a hover. Skipped only when nvim is missing
/// and `AIRLOCK_REQUIRE_NVIM` is unset (scripts/test.sh sets it: CI never skips).
#[test]
fn neovim_drives_the_server() {
    let required = std::env::var_os("AIRLOCK_REQUIRE_NVIM").is_some_and(|v| !v.is_empty());
    if Command::new("nvim").arg("--version").output().is_err() {
        assert!(
            !required,
            "AIRLOCK_REQUIRE_NVIM is set and nvim is missing: scripts/setup.sh installs Debian's neovim"
        );
        eprintln!(
            "SKIPPED neovim_drives_the_server: nvim is not installed (scripts/setup.sh installs it; AIRLOCK_REQUIRE_NVIM=1 makes this a failure)"
        );
        return;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/nvim/lsp.lua");
    let child = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("AIRLOCK_BIN", env!("CARGO_BIN_EXE_airlock"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nvim starts");
    let pid = child.id();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || send.send(child.wait_with_output()));
    // A hang guard (the script waits 30 s at most per step), not a timing assertion.
    let output = match receive.recv_timeout(Duration::from_secs(300)) {
        Ok(output) => output.expect("nvim runs"),
        Err(_) => {
            let _ = Command::new("kill").arg(pid.to_string()).status();
            panic!("nvim did not finish");
        }
    };
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "nvim failed: {said}");
    assert!(said.contains("nvim lsp test: ok"), "{said}");
}
