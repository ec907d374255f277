//! [`Text`]: the strings of the syntax tree, without a heap string per token.
//!
//! A `Text` is a byte range of a shared, reference-counted buffer: the file's source (every
//! keyword, word, name and value that reads as written), an instruction's joined lines (what
//! crosses a line continuation) or, rarely, a decoded value of its own (a flag value with its
//! quotes removed, a JSON string with escapes). Cloning one copies no text. It reads as a `str`
//! (`Deref`), compares, hashes, prints and serializes as one, so code that read the old
//! `String` fields reads it the same way.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::rc::Rc;

use serde::{Serialize, Serializer};

/// The shared buffer a [`Text`] points into.
pub(crate) type Buf = Rc<str>;

/// An immutable string of the syntax tree: a range of a shared buffer (see the module docs).
/// The empty text holds no buffer.
#[derive(Clone, Default)]
pub struct Text {
    buf: Option<Buf>,
    start: u32,
    end: u32,
}

impl Text {
    /// `buf[start..end]` (both on character boundaries). Offsets beyond `u32` (a file over
    /// 4 GiB) get a buffer of their own rather than a wrong range.
    pub(crate) fn slice(buf: &Buf, start: usize, end: usize) -> Text {
        if start >= end {
            return Text::default();
        }
        match (u32::try_from(start), u32::try_from(end)) {
            (Ok(s), Ok(e)) => Text {
                buf: Some(Rc::clone(buf)),
                start: s,
                end: e,
            },
            _ => Text::from(&buf[start..end]),
        }
    }

    /// The whole of `buf`.
    pub(crate) fn whole(buf: &Buf) -> Text {
        Text::slice(buf, 0, buf.len())
    }

    pub fn as_str(&self) -> &str {
        match &self.buf {
            Some(buf) => &buf[self.start as usize..self.end as usize],
            None => "",
        }
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::whole(&Buf::from(s))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::whole(&Buf::from(s))
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.as_str().to_string()
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Text {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

macro_rules! eq_str {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for Text {
            fn eq(&self, other: &$t) -> bool {
                self.as_str() == &other[..]
            }
        }
        impl PartialEq<Text> for $t {
            fn eq(&self, other: &Text) -> bool {
                &self[..] == other.as_str()
            }
        }
    )*};
}
eq_str!(str, &str, String);

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_read_compare_and_hash_as_their_text() {
        let buf = Buf::from("FROM alpine AS build");
        let image = Text::slice(&buf, 5, 11);
        assert_eq!(image.as_str(), "alpine");
        assert_eq!(image, "alpine");
        assert_eq!(image, Text::from("alpine"));
        assert_eq!(format!("{image:?} {image}"), "\"alpine\" alpine");
        let hash = |s: &dyn Fn(&mut std::collections::hash_map::DefaultHasher)| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            s(&mut h);
            h.finish()
        };
        assert_eq!(hash(&|h| image.hash(h)), hash(&|h| "alpine".hash(h)));
        assert!(Text::slice(&buf, 3, 3).is_empty());
        assert_eq!(Text::default(), "");
        assert!(Text::from("a").cmp(&Text::from("b")).is_lt());
    }
}
