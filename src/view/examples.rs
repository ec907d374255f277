//! The example Dockerfiles the playground can load, compiled in from `static/examples/` (listed by
//! `build.rs`), and each one's place in the menu and what it is meant to show (checked by
//! `tests/examples.rs`, which also holds every file to a place in the menu).

mod files {
    include!(concat!(env!("OUT_DIR"), "/examples.rs"));
}

pub use files::FILES;

/// The text of `static/examples/ID.Dockerfile`; a menu entry without its file stops the build.
const fn file(id: &str) -> &'static str {
    let mut i = 0;
    while i < FILES.len() {
        if same(FILES[i].0, id) {
            return FILES[i].1;
        }
        i += 1;
    }
    panic!("an example of the menu has no file in static/examples/")
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

pub const GO_DISTROLESS: &str = file("go-distroless");

/// What an example is for; decides its group in the menu and what the tests expect of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A complete, idiomatic file to start from.
    Showcase,
    /// Single-stage or flawed: shows the builder-pattern findings of `shows`.
    Before,
    /// builder -> prod as the seed describes it: multi-stage, no AL1xx warnings.
    After,
    /// One "BAD" practice of the seed: fires the rule of `shows`.
    Bad,
}

impl Kind {
    /// The menu's `<optgroup>` label.
    pub fn group(self) -> &'static str {
        match self {
            Kind::Showcase => "Showcase",
            Kind::Before | Kind::After => "Before / after: the builder pattern",
            Kind::Bad => "Bad practices",
        }
    }
}

/// The menu's groups, in order.
pub const GROUPS: &[Kind] = &[Kind::Showcase, Kind::Before, Kind::Bad];

/// One example of the header's menu.
pub struct Example {
    /// The menu's value for it (the file name without `.Dockerfile`).
    pub id: &'static str,
    pub title: &'static str,
    pub kind: Kind,
    /// The rule codes it is meant to show (none for `Showcase` and `After`).
    pub shows: &'static [&'static str],
    pub text: &'static str,
}

macro_rules! example {
    ($id:literal, $title:literal, $kind:ident, [$($code:literal),*]) => {
        Example {
            id: $id,
            title: $title,
            kind: Kind::$kind,
            shows: &[$($code),*],
            text: file($id),
        }
    };
}

/// Every example, the one the editor starts with first; a group's examples in menu order.
pub const EXAMPLES: &[Example] = &[
    example!("go-distroless", "Go on distroless", Showcase, []),
    example!(
        "seed-go-before",
        "Go: before (single stage)",
        Before,
        ["AL102", "AL107"]
    ),
    example!("seed-go", "Go: after (builder → prod)", After, []),
    example!(
        "seed-python-before",
        "Python: before (single stage)",
        Before,
        ["AL102", "AL110"]
    ),
    example!("seed-python", "Python: after (builder → prod)", After, []),
    example!(
        "seed-node-before",
        "Node.js: before (single stage)",
        Before,
        ["AL102", "AL107", "AL110"]
    ),
    example!("seed-node", "Node.js: after (builder → prod)", After, []),
    example!(
        "seed-c-nginx-before",
        "C/NGINX: before (single stage)",
        Before,
        ["AL102"]
    ),
    example!("seed-c-nginx", "C/NGINX: after (builder → prod)", After, []),
    example!(
        "seed-postgres-before",
        "PostgreSQL: before (single Debian stage)",
        Before,
        ["AL102"]
    ),
    example!(
        "seed-postgres",
        "PostgreSQL: after (builder → prod)",
        After,
        []
    ),
    example!(
        "bad-copies-too-much",
        "Copying too much from the builder",
        Bad,
        ["AL106"]
    ),
    example!(
        "bad-secret-in-layer",
        "A secret baked into a layer",
        Bad,
        ["AL108"]
    ),
    example!(
        "bad-layer-caching",
        "Layer caching broken by COPY . .",
        Bad,
        ["AL110"]
    ),
    example!(
        "bad-permissions",
        "Artifact unreadable by UID 65532",
        Bad,
        ["AL112"]
    ),
    example!(
        "bad-missing-runtime-libs",
        "Dynamic binary on an image without libc",
        Bad,
        ["AL111"]
    ),
    example!(
        "bad-dev-image-shipped",
        "A -dev image shipped",
        Bad,
        ["AL101"]
    ),
];

/// The example with this id.
pub fn find(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|x| x.id == id)
}
