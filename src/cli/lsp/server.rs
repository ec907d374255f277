//! The message loop: initialize, the documents' notifications, the requests each feature
//! answers, and shutdown. Every message queued when the loop wakes is handled before any
//! diagnostics are published, so a burst of edits costs one analysis per document.

use std::collections::{BTreeSet, HashMap};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeConfiguration, DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument,
    Notification as _, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest, References,
    Request as _,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    InitializeParams, InitializeResult, MessageType, OneOf, ServerCapabilities, ServerInfo,
    ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind, Url,
};
use serde_json::Value;

use super::documents::Document;
use super::{actions, completion, diagnostics, hover, navigation};
use crate::cli::config::{self, Settings};
use crate::cli::{graph_config, settings_near};
use crate::engine::Config;

/// What the server advertises: exactly what it answers.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(["-", "=", " "].map(String::from).to_vec()),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::SOURCE_FIX_ALL,
                CodeActionKind::REFACTOR_REWRITE,
            ]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

/// Serves `connection` until `exit` (or until the client's side closes); `true` when a
/// `shutdown` came first.
pub fn serve(connection: &Connection) -> bool {
    let Some(mut server) = initialize(connection) else {
        return false;
    };
    loop {
        let Ok(first) = connection.receiver.recv() else {
            return false;
        };
        let queued: Vec<Message> = std::iter::once(first)
            .chain(connection.receiver.try_iter())
            .collect();
        for message in queued {
            if let Some(clean) = server.handle(message) {
                return clean;
            }
        }
        server.publish();
    }
}

/// Waits for `initialize` (answering other requests with `ServerNotInitialized` and dropping
/// notifications, as the protocol says) and answers it; `None` if the client leaves first.
fn initialize(connection: &Connection) -> Option<Server<'_>> {
    loop {
        match connection.receiver.recv().ok()? {
            Message::Request(request) if request.method == "initialize" => {
                match serde_json::from_value::<InitializeParams>(request.params) {
                    Ok(params) => {
                        let result = InitializeResult {
                            capabilities: capabilities(),
                            server_info: Some(ServerInfo {
                                name: "airlock".into(),
                                version: Some(env!("CARGO_PKG_VERSION").into()),
                            }),
                        };
                        let _ = connection
                            .sender
                            .send(Response::new_ok(request.id, result).into());
                        let mut server = Server::new(connection);
                        if let Some(options) = params.initialization_options {
                            server.set_client_settings(options);
                        }
                        return Some(server);
                    }
                    Err(e) => reply_error(
                        connection,
                        request.id,
                        ErrorCode::InvalidParams,
                        format!("initialize: {e}"),
                    ),
                }
            }
            Message::Request(request) => reply_error(
                connection,
                request.id,
                ErrorCode::ServerNotInitialized,
                "the server is not initialized".into(),
            ),
            Message::Notification(n) if n.method == "exit" => return None,
            _ => {}
        }
    }
}

fn reply_error(
    connection: &Connection,
    id: lsp_server::RequestId,
    code: ErrorCode,
    message: String,
) {
    let _ = connection
        .sender
        .send(Response::new_err(id, code as i32, message).into());
}

struct Server<'c> {
    connection: &'c Connection,
    documents: HashMap<Url, Document>,
    /// `initializationOptions` or the last `workspace/didChangeConfiguration`.
    client: Settings,
    /// The client's `docsUrl`: where a rule's docs are, `{code}` standing for its code.
    docs_url: Option<String>,
    /// Documents whose diagnostics are out of date.
    stale: BTreeSet<Url>,
    shut_down: bool,
}

impl<'c> Server<'c> {
    fn new(connection: &'c Connection) -> Self {
        Server {
            connection,
            documents: HashMap::new(),
            client: Settings::default(),
            docs_url: None,
            stale: BTreeSet::new(),
            shut_down: false,
        }
    }

    fn send(&self, message: impl Into<Message>) {
        let _ = self.connection.sender.send(message.into());
    }

    fn show_error(&self, message: String) {
        let params = ShowMessageParams {
            typ: MessageType::ERROR,
            message: format!("airlock: {message}"),
        };
        self.send(Notification::new(ShowMessage::METHOD.into(), params));
    }

    /// Handles one message; `Some(clean)` when the client said `exit`.
    fn handle(&mut self, message: Message) -> Option<bool> {
        match message {
            Message::Request(request) => self.request(request),
            Message::Notification(n) if n.method == "exit" => return Some(self.shut_down),
            Message::Notification(n) => self.notification(n),
            Message::Response(_) => {}
        }
        None
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        if self.shut_down {
            return reply_error(
                self.connection,
                id,
                ErrorCode::InvalidRequest,
                "the server is shutting down".into(),
            );
        }
        let result = match request.method.as_str() {
            "shutdown" => {
                self.shut_down = true;
                Ok(Value::Null)
            }
            "initialize" => Err((
                ErrorCode::InvalidRequest,
                "the server is already initialized".to_string(),
            )),
            HoverRequest::METHOD => self.answer::<HoverRequest>(request, hover::hover),
            GotoDefinition::METHOD => {
                self.answer::<GotoDefinition>(request, navigation::definition)
            }
            References::METHOD => self.answer::<References>(request, navigation::references),
            DocumentSymbolRequest::METHOD => {
                self.answer::<DocumentSymbolRequest>(request, navigation::symbols)
            }
            Completion::METHOD => self.answer::<Completion>(request, completion::complete),
            CodeActionRequest::METHOD => {
                self.answer::<CodeActionRequest>(request, actions::code_actions)
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("unknown request `{other}`"),
            )),
        };
        let response = match result {
            Ok(value) => Response {
                id,
                result: Some(value),
                error: None,
            },
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(response);
    }

    /// Decodes a request's parameters, finds its document and runs `answer` on it; an unknown
    /// document gets a null result (it may have just been closed).
    fn answer<R: lsp_types::request::Request>(
        &mut self,
        request: Request,
        answer: fn(&Url, &mut Document, R::Params) -> R::Result,
    ) -> Result<Value, (ErrorCode, String)>
    where
        R::Params: Uri,
    {
        let params: R::Params = serde_json::from_value(request.params)
            .map_err(|e| (ErrorCode::InvalidParams, format!("{}: {e}", request.method)))?;
        let uri = params.uri().clone();
        let Some(document) = self.documents.get_mut(&uri) else {
            return Ok(Value::Null);
        };
        serde_json::to_value(answer(&uri, document, params))
            .map_err(|e| (ErrorCode::InternalError, e.to_string()))
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                {
                    let doc = p.text_document;
                    let config = self.config_for(&doc.uri);
                    self.documents.insert(
                        doc.uri.clone(),
                        Document::new(doc.text, doc.version, config),
                    );
                    self.stale.insert(doc.uri);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = n.extract::<lsp_types::DidChangeTextDocumentParams>(
                    DidChangeTextDocument::METHOD,
                ) {
                    let uri = p.text_document.uri;
                    if let Some(doc) = self.documents.get_mut(&uri) {
                        doc.apply(p.text_document.version, p.content_changes);
                        self.stale.insert(uri);
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                {
                    let uri = p.text_document.uri;
                    self.documents.remove(&uri);
                    self.stale.remove(&uri);
                    // Closed: its diagnostics go with it.
                    self.send(diagnostics::notification(uri, Vec::new(), None));
                }
            }
            DidChangeConfiguration::METHOD => {
                if let Ok(p) = n.extract::<lsp_types::DidChangeConfigurationParams>(
                    DidChangeConfiguration::METHOD,
                ) {
                    self.set_client_settings(p.settings);
                    let uris: Vec<Url> = self.documents.keys().cloned().collect();
                    for uri in uris {
                        let config = self.config_for(&uri);
                        if let Some(doc) = self.documents.get_mut(&uri) {
                            doc.set_config(config);
                        }
                        self.stale.insert(uri);
                    }
                }
            }
            // `initialized`, `$/cancelRequest` (every request is answered at once), and the rest.
            _ => {}
        }
    }

    /// Reads the client's settings: `{"rules": {...}}` (airlock.toml's `[rules]` keys) and
    /// `"docsUrl"`, also under an `"airlock"` key as editors nest per-server settings.
    fn set_client_settings(&mut self, value: Value) {
        let mut value = match value {
            Value::Object(mut map) if map.contains_key("airlock") => {
                map.remove("airlock").unwrap_or_default()
            }
            Value::Null => Value::Object(Default::default()),
            other => other,
        };
        if let Value::Object(map) = &mut value {
            self.docs_url = match map.remove("docsUrl") {
                None | Some(Value::Null) => None,
                Some(Value::String(url)) if Url::parse(&url.replace("{code}", "AL101")).is_ok() => {
                    Some(url)
                }
                Some(other) => {
                    self.show_error(format!(
                        "client settings: docsUrl must be a URL with {{code}} for the rule's code, not {other}"
                    ));
                    None
                }
            };
        }
        match config::from_json(value, "client settings") {
            Ok(settings) => self.client = settings,
            Err(e) => self.show_error(e.to_string()),
        }
    }

    /// The engine's settings for a document: its airlock.toml's, then the client's on top.
    fn config_for(&self, uri: &Url) -> Config {
        let file = match uri.to_file_path() {
            Ok(path) => settings_near(&path).unwrap_or_else(|e| {
                self.show_error(e.to_string());
                Settings::default()
            }),
            Err(()) => Settings::default(),
        };
        let settings = merge(file, &self.client);
        Config {
            graph: graph_config(None, Vec::new(), &settings),
            rules: settings.rules,
            ..Config::default()
        }
    }

    /// Publishes the diagnostics of every document edited since the last time.
    fn publish(&mut self) {
        for uri in std::mem::take(&mut self.stale) {
            if let Some(doc) = self.documents.get_mut(&uri) {
                let version = doc.version;
                let list = diagnostics::diagnostics(doc, self.docs_url.as_deref());
                self.send(diagnostics::notification(uri, list, Some(version)));
            }
        }
    }
}

/// The client's settings over the file's: lists add up, values the client sets win.
fn merge(mut file: Settings, client: &Settings) -> Settings {
    let (rules, theirs) = (&mut file.rules, &client.rules);
    rules.enable.extend(theirs.enable.iter().cloned());
    rules.disable.extend(theirs.disable.iter().cloned());
    rules.severity.extend(theirs.severity.iter().cloned());
    rules
        .trusted_registries
        .extend(theirs.trusted_registries.iter().cloned());
    rules
        .label_schema
        .extend(theirs.label_schema.iter().cloned());
    rules.non_root_uid = theirs.non_root_uid.or(rules.non_root_uid);
    rules.strict_labels |= theirs.strict_labels;
    file.builder_images
        .extend(client.builder_images.iter().cloned());
    file.prod_images.extend(client.prod_images.iter().cloned());
    file
}

/// The document a request is about.
pub trait Uri {
    fn uri(&self) -> &Url;
}

macro_rules! uri_at {
    ($($params:ty => $($field:ident).+;)*) => {
        $(impl Uri for $params {
            fn uri(&self) -> &Url {
                &self.$($field).+
            }
        })*
    };
}

uri_at! {
    lsp_types::HoverParams => text_document_position_params.text_document.uri;
    lsp_types::GotoDefinitionParams => text_document_position_params.text_document.uri;
    lsp_types::ReferenceParams => text_document_position.text_document.uri;
    lsp_types::DocumentSymbolParams => text_document.uri;
    lsp_types::CompletionParams => text_document_position.text_document.uri;
    lsp_types::CodeActionParams => text_document.uri;
}
