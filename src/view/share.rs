//! Share links and saved drafts as plain data: the Dockerfile and its settings (a `Snapshot`)
//! as a small binary record format, base64url text and the `#share=<version>.<data>` fragment.
//! Compression is the browser's (`link.rs`); everything here is pure and tested natively, and
//! every malformed input ends in a `ShareError` that says what and where, never in a panic.

use thiserror::Error;

use crate::engine::rules::labels::LabelType;
use crate::engine::rules::RuleConfig;
use crate::engine::size::SizeConfig;
use crate::engine::{GraphConfig, Severity};

/// The record format this build writes and reads. A link from a newer format is refused with
/// a message rather than half-read.
pub const VERSION: u32 = 1;

/// Where a share link's data starts in the URL fragment (`#share=1.<data>`).
pub const FRAGMENT_PREFIX: &str = "share=";

/// The most bytes a payload may hold once decompressed: a little over a 1 MiB Dockerfile is
/// plenty, and a link that unpacks to more (a "zip bomb") is refused while it is read.
pub const MAX_PAYLOAD: usize = 1 << 20;

/// At most this many records, so a payload of tiny records cannot make huge setting lists.
pub const MAX_RECORDS: usize = 10_000;

/// What a share link or a saved draft restores.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub text: String,
    /// Target, build args and image patterns.
    pub graph: GraphConfig,
    /// The size overrides.
    pub size: SizeConfig,
    pub rules: RuleConfig,
    /// The id of the pane shown (`graph`, `size`, ...); an id this build does not know is kept
    /// and ignored by the page.
    pub pane: Option<String>,
}

/// Why a link or a saved draft could not be read. Positions count from the start of the
/// fragment's data (characters) or of the decoded payload (bytes), as each message says.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ShareError {
    #[error("the link has no format version after `share=`")]
    MissingVersion,
    #[error("the link's format version `{0}` is not a number this page knows")]
    BadVersion(String),
    #[error("this link was made by a newer version of airlock (format {0}); this page reads format {VERSION}")]
    FutureVersion(u32),
    #[error(
        "character '{ch}' at position {at} of the link's data is not allowed (base64url only)"
    )]
    BadChar { at: usize, ch: char },
    #[error("the link's data ends in the middle of a character group: it was cut short")]
    BadLength,
    #[error("the link's data is empty")]
    Empty,
    #[error("the link's data could not be unpacked: it is damaged or cut short")]
    Unpack,
    #[error("the link unpacks to more than {MAX_PAYLOAD} bytes, more than a share link can hold")]
    TooLarge,
    #[error("the data ends early at byte {at}: the link was cut short")]
    Truncated { at: usize },
    #[error("unknown record type {tag} at byte {at}")]
    UnknownRecord { tag: u8, at: usize },
    #[error("the record at byte {at} is malformed ({why})")]
    BadRecord { at: usize, why: &'static str },
    #[error("the text of the record at byte {at} is not valid UTF-8")]
    NotUtf8 { at: usize },
    #[error("the {what} appears twice (second at byte {at})")]
    Duplicate { at: usize, what: &'static str },
    #[error("more than {MAX_RECORDS} records")]
    TooManyRecords,
    #[error("the data has no Dockerfile text")]
    MissingText,
    #[error("the checksum does not match: the link was changed or damaged")]
    Checksum,
    #[error("{extra} unexpected bytes after the end of the data at byte {at}")]
    TrailingBytes { at: usize, extra: usize },
}

// Record tags. A record is `tag, length (LEB128), body`; the payload ends with tag 0 and the
// CRC-32 of everything before it, so damage anywhere is noticed rather than loaded.
const END: u8 = 0;
const TEXT: u8 = 1;
const TARGET: u8 = 2;
const BUILD_ARG: u8 = 3;
const SIZE_OVERRIDE: u8 = 4;
const PANE: u8 = 5;
const RULE_ENABLE: u8 = 6;
const RULE_DISABLE: u8 = 7;
const SEVERITY: u8 = 8;
const TRUSTED_REGISTRY: u8 = 9;
const NON_ROOT_UID: u8 = 10;
const BUILDER_IMAGE: u8 = 11;
const PROD_IMAGE: u8 = 12;
// Added later in format 1 (links made before them simply have none).
const DOCKERIGNORE: u8 = 13;
const LABEL_SCHEMA: u8 = 14;
const STRICT_LABELS: u8 = 15;

/// CRC-32 (IEEE, as zip and PNG use), bit by bit: payloads are small and this is called once.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

fn put_len(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn put(out: &mut Vec<u8>, tag: u8, body: &[u8]) {
    out.push(tag);
    put_len(out, body.len());
    out.extend_from_slice(body);
}

/// A string followed by the rest of a record: its length first.
fn pair(first: &str, rest: &[u8]) -> Vec<u8> {
    let mut body = Vec::with_capacity(first.len() + rest.len() + 3);
    put_len(&mut body, first.len());
    body.extend_from_slice(first.as_bytes());
    body.extend_from_slice(rest);
    body
}

/// The snapshot as payload bytes (before compression).
pub fn encode(s: &Snapshot) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.text.len() + 64);
    put(&mut out, TEXT, s.text.as_bytes());
    if let Some(target) = &s.graph.target {
        put(&mut out, TARGET, target.as_bytes());
    }
    for (name, value) in &s.graph.build_args {
        put(&mut out, BUILD_ARG, &pair(name, value.as_bytes()));
    }
    for image in &s.graph.builder_images {
        put(&mut out, BUILDER_IMAGE, image.as_bytes());
    }
    for image in &s.graph.prod_images {
        put(&mut out, PROD_IMAGE, image.as_bytes());
    }
    for (key, mb) in &s.size.overrides {
        put(&mut out, SIZE_OVERRIDE, &pair(key, &mb.to_le_bytes()));
    }
    if let Some(pane) = &s.pane {
        put(&mut out, PANE, pane.as_bytes());
    }
    for code in &s.rules.enable {
        put(&mut out, RULE_ENABLE, code.as_bytes());
    }
    for code in &s.rules.disable {
        put(&mut out, RULE_DISABLE, code.as_bytes());
    }
    for (code, severity) in &s.rules.severity {
        let level = Severity::ALL
            .iter()
            .position(|l| l == severity)
            .unwrap_or(0) as u8;
        put(&mut out, SEVERITY, &pair(code, &[level]));
    }
    for registry in &s.rules.trusted_registries {
        put(&mut out, TRUSTED_REGISTRY, registry.as_bytes());
    }
    if let Some(uid) = s.rules.non_root_uid {
        put(&mut out, NON_ROOT_UID, &uid.to_le_bytes());
    }
    if let Some(ignore) = &s.rules.dockerignore {
        put(&mut out, DOCKERIGNORE, ignore.as_bytes());
    }
    for (label, ty) in &s.rules.label_schema {
        put(&mut out, LABEL_SCHEMA, &pair(label, ty.name().as_bytes()));
    }
    if s.rules.strict_labels {
        put(&mut out, STRICT_LABELS, &[]);
    }
    let crc = crc32(&out);
    out.push(END);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

/// Reads the payload bytes strictly: every record known, in bounds and well-formed, the
/// checksum right and nothing after the end.
pub fn decode(bytes: &[u8]) -> Result<Snapshot, ShareError> {
    if bytes.len() > MAX_PAYLOAD {
        return Err(ShareError::TooLarge);
    }
    let mut r = Reader { bytes, at: 0 };
    let mut s = Snapshot::default();
    let mut text = None;
    let mut records = 0;
    loop {
        let start = r.at;
        let tag = r.byte()?;
        if tag == END {
            let crc = u32::from_le_bytes(r.array::<4>()?);
            if crc != crc32(&bytes[..start]) {
                return Err(ShareError::Checksum);
            }
            if r.at != bytes.len() {
                return Err(ShareError::TrailingBytes {
                    at: r.at,
                    extra: bytes.len() - r.at,
                });
            }
            break;
        }
        records += 1;
        if records > MAX_RECORDS {
            return Err(ShareError::TooManyRecords);
        }
        let len = r.len()?;
        let body_at = r.at;
        let body = r.take(len)?;
        let mut body = Reader { bytes: body, at: 0 };
        let str_at = |body: &Reader| -> Result<String, ShareError> {
            std::str::from_utf8(&body.bytes[body.at..])
                .map(str::to_string)
                .map_err(|_| ShareError::NotUtf8 { at: start })
        };
        let once = |slot: bool, what| {
            if slot {
                Err(ShareError::Duplicate { at: start, what })
            } else {
                Ok(())
            }
        };
        match tag {
            TEXT => {
                once(text.is_some(), "Dockerfile text")?;
                text = Some(str_at(&body)?);
            }
            TARGET => {
                once(s.graph.target.is_some(), "target")?;
                s.graph.target = Some(str_at(&body)?);
            }
            BUILD_ARG => {
                let name = body.string(start, body_at)?;
                s.graph.build_args.push((name, str_at(&body)?));
            }
            BUILDER_IMAGE => s.graph.builder_images.push(str_at(&body)?),
            PROD_IMAGE => s.graph.prod_images.push(str_at(&body)?),
            SIZE_OVERRIDE => {
                let key = body.string(start, body_at)?;
                let bits = body.rest_exact::<8>(start, "a size is 8 bytes")?;
                let mb = f64::from_le_bytes(bits);
                if !mb.is_finite() || mb < 0.0 {
                    return Err(ShareError::BadRecord {
                        at: start,
                        why: "a size must be a finite number of MB, not negative",
                    });
                }
                s.size.overrides.push((key, mb));
            }
            PANE => {
                once(s.pane.is_some(), "selected pane")?;
                s.pane = Some(str_at(&body)?);
            }
            RULE_ENABLE => s.rules.enable.push(str_at(&body)?),
            RULE_DISABLE => s.rules.disable.push(str_at(&body)?),
            SEVERITY => {
                let code = body.string(start, body_at)?;
                let [level] = body.rest_exact::<1>(start, "a severity is 1 byte")?;
                let severity =
                    *Severity::ALL
                        .get(usize::from(level))
                        .ok_or(ShareError::BadRecord {
                            at: start,
                            why: "unknown severity",
                        })?;
                s.rules.severity.push((code, severity));
            }
            TRUSTED_REGISTRY => s.rules.trusted_registries.push(str_at(&body)?),
            NON_ROOT_UID => {
                once(s.rules.non_root_uid.is_some(), "non-root UID")?;
                let bytes = body.rest_exact::<4>(start, "a UID is 4 bytes")?;
                s.rules.non_root_uid = Some(u32::from_le_bytes(bytes));
            }
            DOCKERIGNORE => {
                once(s.rules.dockerignore.is_some(), ".dockerignore")?;
                s.rules.dockerignore = Some(str_at(&body)?);
            }
            LABEL_SCHEMA => {
                let label = body.string(start, body_at)?;
                let ty = LabelType::parse(&str_at(&body)?).ok_or(ShareError::BadRecord {
                    at: start,
                    why: "unknown label type",
                })?;
                s.rules.label_schema.push((label, ty));
            }
            STRICT_LABELS => {
                once(s.rules.strict_labels, "strict-labels switch")?;
                body.rest_exact::<0>(start, "the strict-labels switch has no body")?;
                s.rules.strict_labels = true;
            }
            tag => return Err(ShareError::UnknownRecord { tag, at: start }),
        }
    }
    s.text = text.ok_or(ShareError::MissingText)?;
    Ok(s)
}

/// A cursor over bytes; every read is bounds-checked and names where it failed.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, ShareError> {
        let b = *self
            .bytes
            .get(self.at)
            .ok_or(ShareError::Truncated { at: self.at })?;
        self.at += 1;
        Ok(b)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], ShareError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or(ShareError::Truncated {
                at: self.bytes.len(),
            })?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], ShareError> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    /// A LEB128 length, at most what a payload can hold (so at most 3 bytes for 1 MiB).
    fn len(&mut self) -> Result<usize, ShareError> {
        let start = self.at;
        let mut n = 0usize;
        for shift in (0..).step_by(7).take(4) {
            let b = self.byte()?;
            n |= usize::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                if n > MAX_PAYLOAD {
                    break;
                }
                return Ok(n);
            }
        }
        Err(ShareError::BadRecord {
            at: start,
            why: "length out of range",
        })
    }

    /// A length-prefixed string inside a record body; errors name the record (`record`) and,
    /// for a bad length, the body's offset in the payload (`body_at`).
    fn string(&mut self, record: usize, body_at: usize) -> Result<String, ShareError> {
        let len = self.len().map_err(|_| ShareError::BadRecord {
            at: body_at,
            why: "bad name length",
        })?;
        let bytes = self.take(len).map_err(|_| ShareError::BadRecord {
            at: record,
            why: "name longer than its record",
        })?;
        std::str::from_utf8(bytes)
            .map(str::to_string)
            .map_err(|_| ShareError::NotUtf8 { at: record })
    }

    /// The rest of the body, which must be exactly `N` bytes.
    fn rest_exact<const N: usize>(
        &mut self,
        record: usize,
        why: &'static str,
    ) -> Result<[u8; N], ShareError> {
        let rest = &self.bytes[self.at..];
        if rest.len() != N {
            return Err(ShareError::BadRecord { at: record, why });
        }
        let mut out = [0; N];
        out.copy_from_slice(rest);
        self.at = self.bytes.len();
        Ok(out)
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding (RFC 4648 §5): safe in a URL fragment as it is.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// Reads base64url without padding; `offset` is added to the positions in errors (where the
/// data starts in the fragment). A length that leaves one lone character is a cut-off link.
pub fn from_base64url(text: &str, offset: usize) -> Result<Vec<u8>, ShareError> {
    if text.is_empty() {
        return Err(ShareError::Empty);
    }
    if text.len() / 4 * 3 > MAX_PAYLOAD * 2 {
        return Err(ShareError::TooLarge);
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let (mut acc, mut bits) = (0u32, 0);
    for (i, ch) in text.char_indices() {
        let value = match ch {
            'A'..='Z' => ch as u32 - 'A' as u32,
            'a'..='z' => ch as u32 - 'a' as u32 + 26,
            '0'..='9' => ch as u32 - '0' as u32 + 52,
            '-' => 62,
            '_' => 63,
            _ => return Err(ShareError::BadChar { at: offset + i, ch }),
        };
        acc = (acc << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if text.len() % 4 == 1 {
        return Err(ShareError::BadLength);
    }
    Ok(out)
}

/// The data of a share fragment (without its `#`): `None` when the fragment is not a share link
/// at all (a plain anchor), an error when it is one this page cannot read.
pub fn parse_fragment(fragment: &str) -> Result<Option<&str>, ShareError> {
    let Some(rest) = fragment.strip_prefix(FRAGMENT_PREFIX) else {
        return Ok(None);
    };
    let (version, data) = rest.split_once('.').ok_or(ShareError::MissingVersion)?;
    if version.is_empty() {
        return Err(ShareError::MissingVersion);
    }
    let number = (version.len() <= 9 && version.bytes().all(|b| b.is_ascii_digit()))
        .then(|| version.parse::<u32>().ok())
        .flatten()
        .ok_or_else(|| ShareError::BadVersion(version.chars().take(12).collect()))?;
    match number {
        VERSION => Ok(Some(data)),
        n if n > VERSION => Err(ShareError::FutureVersion(n)),
        _ => Err(ShareError::BadVersion(version.to_string())),
    }
}

/// Where the data starts in a share fragment, for positions in errors.
pub fn data_offset() -> usize {
    FRAGMENT_PREFIX.len() + VERSION.to_string().len() + 1
}

/// The fragment (without `#`) for already compressed payload bytes.
pub fn fragment(compressed: &[u8]) -> String {
    format!("{FRAGMENT_PREFIX}{VERSION}.{}", base64url(compressed))
}

/// A saved draft as stored text: `<version>.<base64url payload>` (not compressed: saving
/// happens synchronously, also from the panic hook).
pub fn to_stored(s: &Snapshot) -> String {
    format!("{VERSION}.{}", base64url(&encode(s)))
}

/// Reads a stored draft (see `to_stored`).
pub fn from_stored(text: &str) -> Result<Snapshot, ShareError> {
    let (version, data) = text.split_once('.').ok_or(ShareError::MissingVersion)?;
    match version.parse::<u32>() {
        Ok(VERSION) => decode(&from_base64url(data, version.len() + 1)?),
        Ok(n) if n > VERSION => Err(ShareError::FutureVersion(n)),
        _ => Err(ShareError::BadVersion(version.chars().take(12).collect())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> Snapshot {
        Snapshot {
            text: "FROM golang:1.25 AS build\nRUN go build -o /app\n\nFROM scratch\nCOPY --from=build /app /app\n".into(),
            graph: GraphConfig {
                target: Some("build".into()),
                build_args: vec![("GO_VERSION".into(), "1.25".into()), ("EMPTY".into(), String::new())],
                builder_images: vec!["corp/*-sdk:*".into()],
                prod_images: vec!["corp/run:*".into()],
            },
            size: SizeConfig {
                overrides: vec![("golang:1.25".into(), 812.5), ("/app".into(), 0.0)],
            },
            rules: RuleConfig {
                enable: vec!["AL230".into()],
                disable: vec!["style".into(), "AL101".into()],
                severity: vec![("AL102".into(), Severity::Error)],
                trusted_registries: vec!["ghcr.io".into()],
                non_root_uid: Some(1000),
                label_schema: vec![
                    ("org.opencontainers.image.version".into(), LabelType::SemVer),
                    ("maintainer".into(), LabelType::Email),
                ],
                strict_labels: true,
                dockerignore: Some("*.md\n!README.md\n".into()),
                ..RuleConfig::default()
            },
            pane: Some("size".into()),
        }
    }

    #[test]
    fn a_snapshot_round_trips_through_the_payload_and_storage() {
        let s = sample();
        assert_eq!(decode(&encode(&s)).unwrap(), s);
        assert_eq!(from_stored(&to_stored(&s)).unwrap(), s);
        let empty = Snapshot::default();
        assert_eq!(decode(&encode(&empty)).unwrap(), empty);
    }

    /// The same bytes as the browser tests' own encoder (`tests/browser/share-codec.mjs`) makes
    /// for this snapshot, so the two implementations of the format agree.
    #[test]
    fn the_payload_matches_the_format_written_down_in_the_browser_tests() {
        let s = Snapshot {
            text: "FROM a\n".into(),
            graph: GraphConfig {
                target: Some("b".into()),
                build_args: vec![("A".into(), "1".into())],
                ..GraphConfig::default()
            },
            size: SizeConfig {
                overrides: vec![("x".into(), 1.5)],
            },
            rules: RuleConfig {
                enable: vec!["AL230".into()],
                disable: vec!["style".into()],
                severity: vec![("AL102".into(), Severity::Error)],
                trusted_registries: vec!["ghcr.io".into()],
                non_root_uid: Some(1000),
                ..RuleConfig::default()
            },
            pane: Some("size".into()),
        };
        let hex: String = encode(&s).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "010746524f4d20610a0201620303014131040a0178000000000000f83f050473697a650605414c3233\
             3007057374796c65080705414c313032000907676863722e696f0a04e803000000461bd009"
        );
        // A link made before the `.dockerignore` and label records opens as it did.
        assert_eq!(decode(&encode(&s)).unwrap(), s);
    }

    #[test]
    fn the_dockerignore_and_label_records_are_written_as_the_format_says() {
        let s = Snapshot {
            text: "FROM a\n".into(),
            rules: RuleConfig {
                dockerignore: Some("*.md".into()),
                label_schema: vec![("v".into(), LabelType::SemVer)],
                strict_labels: true,
                ..RuleConfig::default()
            },
            ..Snapshot::default()
        };
        let bytes = encode(&s);
        let hex: String = bytes[..bytes.len() - 5]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            hex,
            "010746524f4d20610a0d042a2e6d640e08017673656d7665720f00"
        );
        assert_eq!(decode(&bytes).unwrap(), s);
        // An empty `.dockerignore` is kept apart from none.
        let empty = Snapshot {
            rules: RuleConfig {
                dockerignore: Some(String::new()),
                ..RuleConfig::default()
            },
            ..Snapshot::default()
        };
        assert_eq!(decode(&encode(&empty)).unwrap(), empty);
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn base64url_matches_rfc_4648_vectors_without_padding() {
        for (raw, text) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url(raw.as_bytes()), text);
            if !text.is_empty() {
                assert_eq!(from_base64url(text, 0).unwrap(), raw.as_bytes());
            }
        }
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn a_foreign_character_is_named_with_its_position_in_the_fragment() {
        let err = from_base64url("Zm9v<svg>", 8).unwrap_err();
        assert_eq!(err, ShareError::BadChar { at: 12, ch: '<' });
        assert_eq!(
            err.to_string(),
            "character '<' at position 12 of the link's data is not allowed (base64url only)"
        );
        assert_eq!(
            from_base64url("Zm9v=", 0).unwrap_err(),
            ShareError::BadChar { at: 4, ch: '=' }
        );
        assert_eq!(
            from_base64url("Zm9vY", 0).unwrap_err(),
            ShareError::BadLength
        );
        assert_eq!(from_base64url("", 0).unwrap_err(), ShareError::Empty);
    }

    #[test]
    fn fragments_are_versioned() {
        assert_eq!(parse_fragment("share=1.abc"), Ok(Some("abc")));
        assert_eq!(parse_fragment("panel-size"), Ok(None));
        assert_eq!(parse_fragment(""), Ok(None));
        assert_eq!(
            parse_fragment("share=2.abc"),
            Err(ShareError::FutureVersion(2))
        );
        assert_eq!(parse_fragment("share=abc"), Err(ShareError::MissingVersion));
        assert_eq!(
            parse_fragment("share=.abc"),
            Err(ShareError::MissingVersion)
        );
        assert_eq!(
            parse_fragment("share=0.abc"),
            Err(ShareError::BadVersion("0".into()))
        );
        assert_eq!(
            parse_fragment("share=99999999999999.x"),
            Err(ShareError::BadVersion("999999999999".into()))
        );
        assert_eq!(
            parse_fragment("share=x.abc"),
            Err(ShareError::BadVersion("x".into()))
        );
        assert!(ShareError::FutureVersion(2)
            .to_string()
            .contains("newer version"));
        assert_eq!(fragment(b"foo"), "share=1.Zm9v");
        assert_eq!(&fragment(b"foo")[data_offset()..], "Zm9v");
    }

    #[test]
    fn stored_drafts_are_versioned_too() {
        let stored = to_stored(&sample());
        assert!(stored.starts_with("1."));
        assert_eq!(from_stored("7.AAAA"), Err(ShareError::FutureVersion(7)));
        assert_eq!(from_stored("garbage"), Err(ShareError::MissingVersion));
        assert_eq!(
            from_stored("1.*"),
            Err(ShareError::BadChar { at: 2, ch: '*' })
        );
    }

    #[test]
    fn every_truncation_is_an_error() {
        let bytes = encode(&sample());
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn a_changed_byte_fails_the_checksum_or_the_framing() {
        let bytes = encode(&sample());
        for at in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x20;
            assert!(decode(&damaged).is_err(), "byte {at}");
        }
    }

    /// Builds a payload from raw records with a correct checksum, to test the record checks
    /// themselves.
    fn payload(records: &[(u8, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        for (tag, body) in records {
            put(&mut out, *tag, body);
        }
        let crc = crc32(&out);
        out.push(END);
        out.extend_from_slice(&crc.to_le_bytes());
        out
    }

    #[test]
    fn malformed_records_are_named_with_their_position() {
        assert_eq!(decode(&payload(&[])), Err(ShareError::MissingText));
        assert_eq!(
            decode(&payload(&[(TEXT, b"a"), (TEXT, b"b")])),
            Err(ShareError::Duplicate {
                at: 3,
                what: "Dockerfile text"
            })
        );
        assert_eq!(
            decode(&payload(&[(TEXT, b"a"), (42, b"")])),
            Err(ShareError::UnknownRecord { tag: 42, at: 3 })
        );
        assert_eq!(
            decode(&payload(&[(TEXT, &[0xff, 0xfe])])),
            Err(ShareError::NotUtf8 { at: 0 })
        );
        assert!(matches!(
            decode(&payload(&[(TEXT, b""), (SEVERITY, b"\x05AL1019")])),
            Err(ShareError::BadRecord {
                at: 2,
                why: "unknown severity"
            })
        ));
        assert!(matches!(
            decode(&payload(&[(TEXT, b""), (SIZE_OVERRIDE, b"\x01k1234")])),
            Err(ShareError::BadRecord { at: 2, .. })
        ));
        let nan = [b"\x01k".as_slice(), &f64::NAN.to_le_bytes()].concat();
        assert!(matches!(
            decode(&payload(&[(TEXT, b""), (SIZE_OVERRIDE, &nan)])),
            Err(ShareError::BadRecord { at: 2, .. })
        ));
        assert!(matches!(
            decode(&payload(&[(TEXT, b""), (BUILD_ARG, b"\x09AB")])),
            Err(ShareError::BadRecord {
                at: 2,
                why: "name longer than its record"
            })
        ));
        assert_eq!(
            decode(&payload(&[(TEXT, b""), (LABEL_SCHEMA, b"\x01vnumber")])),
            Err(ShareError::BadRecord {
                at: 2,
                why: "unknown label type"
            })
        );
        assert_eq!(
            decode(&payload(&[(TEXT, b""), (STRICT_LABELS, b"\x01")])),
            Err(ShareError::BadRecord {
                at: 2,
                why: "the strict-labels switch has no body"
            })
        );
        assert_eq!(
            decode(&payload(&[
                (TEXT, b""),
                (STRICT_LABELS, b""),
                (STRICT_LABELS, b"")
            ])),
            Err(ShareError::Duplicate {
                at: 4,
                what: "strict-labels switch"
            })
        );
        assert_eq!(
            decode(&payload(&[
                (TEXT, b""),
                (DOCKERIGNORE, b"a"),
                (DOCKERIGNORE, b"")
            ])),
            Err(ShareError::Duplicate {
                at: 5,
                what: ".dockerignore"
            })
        );
        let mut trailing = payload(&[(TEXT, b"x")]);
        trailing.push(7);
        assert_eq!(
            decode(&trailing),
            Err(ShareError::TrailingBytes { at: 8, extra: 1 })
        );
        // A length that claims more than the payload limit.
        let mut huge = vec![TEXT, 0xff, 0xff, 0xff, 0x7f];
        huge.extend_from_slice(&[0; 8]);
        assert!(matches!(
            decode(&huge),
            Err(ShareError::BadRecord { at: 1, .. })
        ));
        assert_eq!(decode(&vec![0; MAX_PAYLOAD + 1]), Err(ShareError::TooLarge));
    }

    #[test]
    fn too_many_records_are_refused() {
        let many: Vec<(u8, &[u8])> = std::iter::once((TEXT, b"".as_slice()))
            .chain(std::iter::repeat_n(
                (RULE_ENABLE, b"".as_slice()),
                MAX_RECORDS,
            ))
            .collect();
        assert_eq!(decode(&payload(&many)), Err(ShareError::TooManyRecords));
    }

    fn snapshot() -> impl Strategy<Value = Snapshot> {
        let s = || "\\PC{0,12}";
        (
            "\\PC{0,200}",
            proptest::option::of(s()),
            proptest::collection::vec((s(), s()), 0..4),
            proptest::collection::vec((s(), 0.0..1e6f64), 0..4),
            proptest::option::of(s()),
            proptest::collection::vec(s(), 0..3),
            proptest::collection::vec((s(), 0..4usize), 0..3),
            proptest::option::of(any::<u32>()),
            proptest::option::of("\\PC{0,40}"),
            proptest::collection::vec((s(), 0..LabelType::ALL.len()), 0..3),
            any::<bool>(),
        )
            .prop_map(
                |(
                    text,
                    target,
                    build_args,
                    overrides,
                    pane,
                    codes,
                    sev,
                    uid,
                    dockerignore,
                    labels,
                    strict_labels,
                )| Snapshot {
                    text,
                    graph: GraphConfig {
                        target,
                        build_args,
                        builder_images: codes.clone(),
                        prod_images: codes.iter().rev().cloned().collect(),
                    },
                    size: SizeConfig { overrides },
                    rules: RuleConfig {
                        enable: codes.clone(),
                        disable: codes.iter().map(|c| format!("{c}!")).collect(),
                        severity: sev
                            .into_iter()
                            .map(|(c, i)| (c, Severity::ALL[i]))
                            .collect(),
                        trusted_registries: codes,
                        non_root_uid: uid,
                        label_schema: labels
                            .into_iter()
                            .map(|(l, i)| (l, LabelType::ALL[i]))
                            .collect(),
                        strict_labels,
                        dockerignore,
                        ..RuleConfig::default()
                    },
                    pane,
                },
            )
    }

    proptest! {
        #[test]
        fn any_snapshot_round_trips(s in snapshot()) {
            prop_assert_eq!(decode(&encode(&s)).unwrap(), s.clone());
            prop_assert_eq!(from_stored(&to_stored(&s)).unwrap(), s);
        }

        #[test]
        fn base64url_round_trips(bytes in proptest::collection::vec(any::<u8>(), 1..300)) {
            prop_assert_eq!(from_base64url(&base64url(&bytes), 0).unwrap(), bytes);
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = decode(&bytes);
        }

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
            let _ = parse_fragment(&text);
            let _ = from_stored(&text);
            let _ = from_base64url(&text, 0);
        }

        #[test]
        fn a_damaged_payload_is_always_refused(s in snapshot(), at in any::<prop::sample::Index>(), flip in 1..=255u8) {
            let mut bytes = encode(&s);
            let i = at.index(bytes.len());
            bytes[i] ^= flip;
            prop_assert!(decode(&bytes).is_err());
        }

        #[test]
        fn a_truncated_payload_is_always_refused(s in snapshot(), at in any::<prop::sample::Index>()) {
            let bytes = encode(&s);
            let cut = at.index(bytes.len());
            prop_assert!(decode(&bytes[..cut]).is_err());
        }
    }
}
