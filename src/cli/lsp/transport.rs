//! Standard input and output as an `lsp_server::Connection`. lsp-server's own stdio transport
//! stops reading at the first payload that is not a JSON-RPC message; this one answers it
//! (`ParseError` for text that is not JSON, `InvalidRequest` for JSON that is not a message) and
//! reads on, as JSON-RPC asks.

use std::io::{self, BufRead, Read, Write};
use std::thread::JoinHandle;

use lsp_server::{Connection, ErrorCode, Message};
use serde_json::{json, Value};

/// A body larger than this is skipped and answered, not read into memory.
const MAX_BODY: usize = 64 << 20;

/// The reading and writing threads.
pub struct Threads {
    reader: JoinHandle<()>,
    writer: JoinHandle<()>,
}

impl Threads {
    /// Waits for both threads: the writer ends when the server's side of the connection is
    /// dropped, the reader at the end of the input or after `exit`.
    pub fn join(self) {
        let _ = self.writer.join();
        // The reader may be blocked on a client that keeps its end open after `exit`: leave it.
        if self.reader.is_finished() {
            let _ = self.reader.join();
        }
    }
}

pub fn stdio() -> (Connection, Threads) {
    let (server, client) = Connection::memory();
    let from_server = client.receiver;
    let writer = std::thread::spawn(move || {
        for message in from_server {
            let mut body = Vec::new();
            if serde_json::to_writer(&mut body, &Envelope(&message)).is_err() {
                continue;
            }
            if write_framed(&body).is_err() {
                break;
            }
        }
    });
    let to_server = client.sender;
    let reader = std::thread::spawn(move || {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        loop {
            let reply = match read_body(&mut input) {
                Ok(None) | Err(_) => break,
                Ok(Some(Body::TooLarge(n))) => error(
                    Value::Null,
                    ErrorCode::InvalidRequest,
                    &format!("message of {n} bytes is too large"),
                ),
                Ok(Some(Body::Text(text))) => match decode(&text) {
                    Ok(message) => {
                        let exit =
                            matches!(&message, Message::Notification(n) if n.method == "exit");
                        if to_server.send(message).is_err() || exit {
                            break;
                        }
                        continue;
                    }
                    Err(reply) => reply,
                },
            };
            if write_framed(reply.to_string().as_bytes()).is_err() {
                break;
            }
        }
    });
    (server, Threads { reader, writer })
}

/// A message with its `"jsonrpc": "2.0"`.
struct Envelope<'a>(&'a Message);

impl serde::Serialize for Envelope<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut value = serde_json::to_value(self.0).map_err(serde::ser::Error::custom)?;
        if let Value::Object(map) = &mut value {
            map.insert("jsonrpc".into(), "2.0".into());
        }
        value.serialize(s)
    }
}

enum Body {
    Text(String),
    TooLarge(usize),
}

/// One message's body, after its headers; `None` at the end of the input.
fn read_body(input: &mut impl BufRead) -> io::Result<Option<Body>> {
    let mut length = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if length.is_some() {
                break;
            }
            continue;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
    let length = length.unwrap_or(0);
    if length > MAX_BODY {
        io::copy(&mut input.take(length as u64), &mut io::sink())?;
        return Ok(Some(Body::TooLarge(length)));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(Body::Text(
        String::from_utf8_lossy(&body).into_owned(),
    )))
}

/// The message in `text`, or the error reply it gets.
fn decode(text: &str) -> Result<Message, Value> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        error(
            Value::Null,
            ErrorCode::ParseError,
            &format!("not JSON: {e}"),
        )
    })?;
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    serde_json::from_value(value).map_err(|e| {
        error(
            id,
            ErrorCode::InvalidRequest,
            &format!("not a JSON-RPC message: {e}"),
        )
    })
}

fn error(id: Value, code: ErrorCode, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code as i32, "message": message}})
}

/// Writes one framed message; the lock on standard output keeps the reader's replies and the
/// writer's messages from interleaving.
fn write_framed(body: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
    out.write_all(body)?;
    out.flush()
}
