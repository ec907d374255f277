//! Share links in the browser: the payload from `share.rs` squeezed with the browser's own
//! `CompressionStream("deflate-raw")` (no compression code in the bundle), the link built from
//! the page's address, and a link's fragment read back with its unpacked size capped while it
//! is read. Nothing here talks to a server: a fragment never leaves the browser.

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::view::share::{
    data_offset, decode, encode, fragment, from_base64url, parse_fragment, ShareError, Snapshot,
    MAX_PAYLOAD,
};

// The stream types are declared here rather than taken from web-sys, where the compression
// streams are still behind `web_sys_unstable_apis`.
#[wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;

    #[wasm_bindgen(js_name = Blob)]
    type StreamBlob;
    #[wasm_bindgen(method)]
    fn stream(this: &StreamBlob) -> ReadableStream;

    type ReadableStream;
    #[wasm_bindgen(method, js_name = pipeThrough)]
    fn pipe_through(this: &ReadableStream, transform: &JsValue) -> ReadableStream;
    #[wasm_bindgen(method, js_name = getReader)]
    fn get_reader(this: &ReadableStream) -> StreamReader;

    type StreamReader;
    #[wasm_bindgen(method)]
    fn read(this: &StreamReader) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn cancel(this: &StreamReader) -> js_sys::Promise;
}

/// The compression both ends use: raw DEFLATE, no zlib header or checksum (the payload carries
/// its own CRC-32).
const FORMAT: &str = "deflate-raw";

/// Runs `bytes` through `transform` (a compression stream) and collects the output, stopping
/// with `TooLarge` as soon as it passes `limit` bytes.
async fn pipe(transform: &JsValue, bytes: &[u8], limit: usize) -> Result<Vec<u8>, ShareError> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(|_| ShareError::Unpack)?;
    let reader = blob
        .unchecked_ref::<StreamBlob>()
        .stream()
        .pipe_through(transform)
        .get_reader();
    let mut out = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| ShareError::Unpack)?;
        if Reflect::get(&chunk, &JsValue::from_str("done")).map_or(true, |d| d.is_truthy()) {
            return Ok(out);
        }
        let value: Uint8Array = Reflect::get(&chunk, &JsValue::from_str("value"))
            .ok()
            .and_then(|v| v.dyn_into().ok())
            .ok_or(ShareError::Unpack)?;
        let len = value.length() as usize;
        if out.len() + len > limit {
            let _ = reader.cancel();
            return Err(ShareError::TooLarge);
        }
        let start = out.len();
        out.resize(start + len, 0);
        value.copy_to(&mut out[start..]);
    }
}

/// The page's address without query or fragment: where a share link points. An embed's query
/// (`?embed&pane=`) is dropped so the link opens the full playground.
pub fn page_base() -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    let end = href.find(['?', '#']).unwrap_or(href.len());
    href[..end].to_string()
}

/// The fragment (without `#`) that restores `snapshot`.
pub async fn share_fragment(snapshot: &Snapshot) -> Result<String, ShareError> {
    let stream = CompressionStream::new(FORMAT).map_err(|_| ShareError::Unpack)?;
    let compressed = pipe(&stream, &encode(snapshot), usize::MAX).await?;
    Ok(fragment(&compressed))
}

/// The whole share link for `snapshot`, on this page's address. For other components (the
/// embed's "Open in airlock") as well as the Share button.
pub async fn share_url(snapshot: &Snapshot) -> Result<String, ShareError> {
    Ok(format!(
        "{}#{}",
        page_base(),
        share_fragment(snapshot).await?
    ))
}

/// Reads a fragment (with or without its `#`): `None` when it is no share link, else the
/// snapshot or why it cannot be read.
pub async fn read_fragment(hash: &str) -> Option<Result<Snapshot, ShareError>> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    let data = match parse_fragment(hash) {
        Ok(None) => return None,
        Ok(Some(data)) => data,
        Err(err) => return Some(Err(err)),
    };
    Some(
        async {
            let compressed = from_base64url(data, data_offset())?;
            let stream = DecompressionStream::new(FORMAT).map_err(|_| ShareError::Unpack)?;
            let payload = pipe(&stream, &compressed, MAX_PAYLOAD).await?;
            decode(&payload)
        }
        .await,
    )
}

/// The page's current fragment, `#` included (empty when there is none).
pub fn current_hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

/// Drops the fragment from the address bar without reloading or adding a history entry, so
/// a reload shows the autosaved draft (with the edits made since) instead of the link again.
pub fn clear_hash() {
    let window = gloo::utils::window();
    let Ok(history) = window.history() else {
        return;
    };
    let href = window.location().href().unwrap_or_default();
    let end = href.find('#').unwrap_or(href.len());
    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&href[..end]));
}
