//! `airlock check DIR`: which files of a tree are Dockerfiles.
//!
//! Directories are walked with the `ignore` crate, as ripgrep and ruff walk them: `.gitignore`
//! (also in a folder that is not a git repository: it says what the project leaves out),
//! `.ignore`, git's global and `info/exclude` files; hidden files and folders only with
//! `--hidden`. A walked file is a candidate when its name is a Dockerfile name
//! ([`is_dockerfile_name`]) or it matches an include glob (`--include`, `[files] include`), and
//! is kept unless an exclude glob matches it or one of its folders (`--exclude`,
//! `[files] exclude`). Globs are gitignore lines: `*.df`, `docker/Dockerfile-*`, `vendor/`,
//! relative to the current directory (flags) or to the airlock.toml that holds them. A file
//! named on the command line is always checked, whatever its name.

use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};

/// `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `Containerfile`, `Containerfile.*`,
/// `*.containerfile`, in any ASCII case; never a `.dockerignore` (BuildKit reads
/// `Dockerfile.dockerignore` next to its Dockerfile).
pub fn is_dockerfile_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    if name.ends_with(".dockerignore") {
        return false;
    }
    ["dockerfile", "containerfile"].iter().any(|base| {
        name == *base
            || name
                .strip_prefix(base)
                .is_some_and(|rest| rest.len() > 1 && rest.starts_with('.'))
            || name
                .strip_suffix(base)
                .is_some_and(|rest| rest.len() > 1 && rest.ends_with('.'))
    })
}

/// Whether a glob can be used: the reason it cannot, otherwise.
pub fn check_glob(glob: &str) -> Result<(), String> {
    GitignoreBuilder::new("/")
        .add_line(None, glob)
        .map(|_| ())
        .map_err(|e| format!("bad glob `{glob}`: {e}"))
}

/// Include and exclude globs rooted at a folder (absolute).
pub struct Globs {
    root: PathBuf,
    include: Gitignore,
    exclude: Gitignore,
}

impl Globs {
    pub fn new(root: PathBuf, include: &[String], exclude: &[String]) -> Result<Globs, String> {
        let build = |globs: &[String]| {
            let mut builder = GitignoreBuilder::new(&root);
            for glob in globs {
                check_glob(glob)?;
                builder
                    .add_line(None, glob)
                    .map_err(|e| format!("bad glob `{glob}`: {e}"))?;
            }
            builder.build().map_err(|e| e.to_string())
        };
        Ok(Globs {
            include: build(include)?,
            exclude: build(exclude)?,
            root,
        })
    }

    /// `path` (absolute) relative to the root, or `None` outside it.
    fn relative<'a>(&self, path: &'a Path) -> Option<&'a Path> {
        path.strip_prefix(&self.root)
            .ok()
            .filter(|p| !p.as_os_str().is_empty())
    }

    pub fn includes(&self, path: &Path) -> bool {
        self.relative(path)
            .is_some_and(|rel| self.include.matched(rel, false).is_ignore())
    }

    pub fn excludes(&self, path: &Path) -> bool {
        self.relative(path).is_some_and(|rel| {
            self.exclude
                .matched_path_or_any_parents(rel, false)
                .is_ignore()
        })
    }
}

/// One file found in a walk, or a walk error (a folder that cannot be listed).
pub enum Found {
    File(PathBuf),
    Error { path: PathBuf, reason: String },
}

/// Every file under `dir` that the ignore files leave in (not yet filtered by name), and the
/// folders that could not be read. Paths start with `dir` as given, `./` dropped.
pub fn walk(dir: &Path, hidden: bool) -> Vec<Found> {
    let mut out = Vec::new();
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(!hidden)
        .require_git(false)
        // A repository's own folder is never a place for Dockerfiles, even with `--hidden`.
        .filter_entry(|e| e.file_name() != ".git")
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                // Symbolic links are not followed into folders; one to a file is read (and a
                // dangling one reported).
                let is_file = entry
                    .file_type()
                    .is_some_and(|t| t.is_file() || (t.is_symlink() && !entry.path().is_dir()));
                if is_file {
                    out.push(Found::File(tidy(entry.path())));
                }
            }
            Err(err) => out.push(Found::Error {
                path: tidy(error_path(&err).unwrap_or(dir)),
                reason: error_reason(&err),
            }),
        }
    }
    out
}

/// A path without its leading `./` (`./a/Dockerfile` -> `a/Dockerfile`).
pub fn tidy(path: &Path) -> PathBuf {
    let mut path = path;
    while let Ok(rest) = path.strip_prefix(".") {
        if rest.as_os_str().is_empty() {
            break;
        }
        path = rest;
    }
    path.to_path_buf()
}

fn error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::Partial(errs) => errs.first().and_then(error_path),
        _ => None,
    }
}

fn error_reason(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => error_reason(err),
        ignore::Error::Io(io) => super::io_reason(io),
        ignore::Error::Partial(errs) => errs.first().map(error_reason).unwrap_or_default(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dockerfile_names_in_any_case() {
        for name in [
            "Dockerfile",
            "dockerfile",
            "DOCKERFILE",
            "Dockerfile.prod",
            "dockerfile.dev",
            "app.Dockerfile",
            "app.dockerfile",
            "Containerfile",
            "containerfile",
            "Containerfile.dev",
            "app.containerfile",
            "app.Containerfile",
            "a.b.Dockerfile",
        ] {
            assert!(is_dockerfile_name(name), "{name}");
        }
        for name in [
            "Dockerfile.",
            ".Dockerfile",
            "Dockerfile.dockerignore",
            "app.Dockerfile.dockerignore",
            ".dockerignore",
            "Dockerfile-prod",
            "Dockerfiles",
            "mydockerfile",
            "docker-compose.yml",
            "README.md",
            "Containerfile2",
            "",
        ] {
            assert!(!is_dockerfile_name(name), "{name}");
        }
    }

    #[test]
    fn globs_match_relative_to_their_root() {
        let root = PathBuf::from("/repo");
        let globs = Globs::new(
            root.clone(),
            &["*.df".into(), "docker/Dockerfile-*".into()],
            &["vendor/".into(), "old.Dockerfile".into()],
        )
        .unwrap();
        assert!(globs.includes(&root.join("a/b/x.df")));
        assert!(globs.includes(&root.join("docker/Dockerfile-prod")));
        assert!(!globs.includes(&root.join("other/Dockerfile-prod")));
        assert!(globs.excludes(&root.join("vendor/x/Dockerfile")));
        assert!(globs.excludes(&root.join("a/old.Dockerfile")));
        assert!(!globs.excludes(&root.join("a/Dockerfile")));
        // Outside the root: no opinion, and no panic.
        assert!(!globs.excludes(Path::new("/elsewhere/vendor/Dockerfile")));
        assert!(!globs.includes(Path::new("relative/x.df")));
        assert!(!globs.excludes(&root));
    }

    #[test]
    fn a_bad_glob_is_refused_with_its_text() {
        let err = check_glob("[z-a]").unwrap_err();
        assert!(err.contains("[z-a]"), "{err}");
        assert!(Globs::new(PathBuf::from("/"), &["a,b}".into()], &[]).is_err());
    }

    #[test]
    fn tidy_drops_leading_dot_slash() {
        assert_eq!(tidy(Path::new("./a/Dockerfile")), Path::new("a/Dockerfile"));
        assert_eq!(tidy(Path::new(".")), Path::new("."));
        assert_eq!(tidy(Path::new("a/./b")), Path::new("a/./b"));
    }
}
