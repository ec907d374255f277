//! The example Dockerfiles the playground can load, compiled in from `static/examples/`.

pub const GO_DISTROLESS: &str = include_str!("../../static/examples/go-distroless.Dockerfile");

/// One example of the header's menu.
pub struct Example {
    /// The menu's value for it (the file name without `.Dockerfile`).
    pub id: &'static str,
    pub title: &'static str,
    pub text: &'static str,
}

/// Every example, the one the editor starts with first.
pub const EXAMPLES: &[Example] = &[
    Example {
        id: "go-distroless",
        title: "Go on distroless",
        text: GO_DISTROLESS,
    },
    Example {
        id: "seed-go",
        title: "Seed: Go",
        text: include_str!("../../static/examples/seed-go.Dockerfile"),
    },
    Example {
        id: "seed-python",
        title: "Seed: Python",
        text: include_str!("../../static/examples/seed-python.Dockerfile"),
    },
    Example {
        id: "seed-node",
        title: "Seed: Node",
        text: include_str!("../../static/examples/seed-node.Dockerfile"),
    },
    Example {
        id: "seed-c-nginx",
        title: "Seed: C/NGINX (gcc)",
        text: include_str!("../../static/examples/seed-c-nginx.Dockerfile"),
    },
];
