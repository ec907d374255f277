//! `airlock check [PATH...]`: files, folders (walked by `files`) and standard input, each with
//! the settings of its own airlock.toml, checked in parallel (rayon) and reported sorted by path.
//! A file that cannot be read is reported (stderr, and an `unreadable` entry in the report) and
//! makes the run exit 2; the others are still checked.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;

use super::files::{self, Found, Globs};
use super::{check_view, config, graph_config, settings_for, to_json, CheckArgs, CheckFormat};
use super::{CliError, Input};
use crate::engine::{analyze, Config, Severity};
use crate::render::report::Finding;

/// The code of a report entry for a file that could not be read.
pub const UNREADABLE: &str = "unreadable";

/// What one airlock.toml (or `--config`, or the defaults) means for the files under it.
struct Loaded {
    engine: Config,
    threshold: Severity,
    /// `[files]`, rooted at the settings file's folder.
    globs: Option<Globs>,
}

/// Finds and loads each file's settings once per folder and once per settings file.
struct Resolver<'a> {
    args: &'a CheckArgs,
    dockerignore: Option<String>,
    /// `--config`, loaded once for every file.
    explicit: Option<usize>,
    loaded: Vec<Loaded>,
    by_source: HashMap<Option<PathBuf>, usize>,
    /// A folder as written -> its canonical path and its settings.
    by_dir: HashMap<PathBuf, (PathBuf, usize)>,
}

impl<'a> Resolver<'a> {
    fn new(args: &'a CheckArgs) -> Result<Resolver<'a>, CliError> {
        let dockerignore = match &args.context {
            Some(dir) => {
                let ignore = dir.join(".dockerignore");
                if ignore.exists() {
                    Some(Input::File(&ignore).read()?)
                } else {
                    None
                }
            }
            None => None,
        };
        let mut resolver = Resolver {
            args,
            dockerignore,
            explicit: None,
            loaded: Vec::new(),
            by_source: HashMap::new(),
            by_dir: HashMap::new(),
        };
        if let Some(path) = &args.config {
            let settings = config::load(path)?;
            resolver.explicit = Some(resolver.add(settings)?);
        }
        Ok(resolver)
    }

    fn add(&mut self, mut settings: config::Settings) -> Result<usize, CliError> {
        if let Some(&i) = self.by_source.get(&settings.source) {
            return Ok(i);
        }
        let source = settings.source.clone();
        settings
            .rules
            .enable
            .extend(self.args.enable.iter().cloned());
        settings
            .rules
            .disable
            .extend(self.args.disable.iter().cloned());
        if self.args.context.is_some() {
            settings.rules.dockerignore = self.dockerignore.clone();
        }
        let globs = match &source {
            Some(file) if !(settings.include.is_empty() && settings.exclude.is_empty()) => {
                let dir = file.parent().unwrap_or(Path::new("."));
                let root = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
                let globs = Globs::new(root, &settings.include, &settings.exclude)
                    .map_err(|reason| CliError::Glob(format!("{}: {reason}", file.display())))?;
                Some(globs)
            }
            _ => None,
        };
        let loaded = Loaded {
            threshold: self.args.fail_on.map_or(settings.fail_on, Severity::from),
            engine: Config {
                graph: graph_config(
                    self.args.target.clone(),
                    self.args.build_args.clone(),
                    &settings,
                ),
                rules: settings.rules,
                ..Config::default()
            },
            globs,
        };
        self.loaded.push(loaded);
        self.by_source.insert(source, self.loaded.len() - 1);
        Ok(self.loaded.len() - 1)
    }

    /// The canonical folder of `file` and the index of its settings.
    fn resolve(&mut self, file: &Path) -> Result<(PathBuf, usize), CliError> {
        let dir = match file.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if let Some(found) = self.by_dir.get(&dir) {
            return Ok(found.clone());
        }
        let canonical = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        let index = match self.explicit {
            Some(i) => i,
            None => {
                let settings = match config::find(&canonical) {
                    Some(path) => config::load(&path)?,
                    None => config::Settings::default(),
                };
                self.add(settings)?
            }
        };
        self.by_dir.insert(dir, (canonical.clone(), index));
        Ok((canonical, index))
    }
}

/// One thing to check, in output order.
enum Item {
    File {
        path: PathBuf,
        settings: usize,
    },
    /// A folder the walk could not read.
    WalkError {
        path: PathBuf,
        reason: String,
    },
}

impl Item {
    fn path(&self) -> &Path {
        match self {
            Item::File { path, .. } | Item::WalkError { path, .. } => path,
        }
    }
}

/// A report entry for a file that could not be read, at its first line.
fn unreadable(file: String, reason: &str) -> Finding {
    Finding {
        file,
        code: UNREADABLE.to_string(),
        aliases: Vec::new(),
        severity: Severity::Error,
        rule: "unreadable_file".to_string(),
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
        message: format!("cannot read: {reason}"),
        fix: None,
    }
}

/// The reason of a reading error, without the `cannot read NAME: ` every one starts with.
fn reason(err: &CliError, name: &str) -> String {
    let text = err.to_string();
    text.strip_prefix(&format!("cannot read {name}: "))
        .map_or(text.clone(), str::to_string)
}

pub(super) fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let flags = Globs::new(
        cwd.canonicalize().unwrap_or(cwd),
        &args.include,
        &args.exclude,
    )
    .map_err(CliError::Glob)?;
    let mut resolver = Resolver::new(&args)?;
    let mut paths = args.files.clone();
    if paths.is_empty() {
        paths.push(PathBuf::from(if args.stdin_filename.is_some() {
            "-"
        } else {
            "."
        }));
    }

    // Standard input first, then every file, sorted by path.
    let mut stdin = None;
    let mut items = Vec::new();
    for path in &paths {
        if path == Path::new("-") {
            if stdin.is_none() {
                let input = match &args.stdin_filename {
                    Some(name) => Input::NamedStdin(name),
                    None => Input::Stdin,
                };
                let settings = match args.stdin_filename {
                    Some(_) => resolver.add(settings_for(args.config.as_deref(), Some(&input))?)?,
                    None => match resolver.explicit {
                        Some(i) => i,
                        None => resolver.add(settings_for(None, None)?)?,
                    },
                };
                stdin = Some((input.name(), input.read(), settings));
            }
        } else if path.is_dir() {
            let before = items.len();
            for found in files::walk(path, args.hidden) {
                match found {
                    Found::File(file) => {
                        let (dir, settings) = resolver.resolve(&file)?;
                        let Some(name) = file.file_name() else {
                            continue;
                        };
                        let absolute = dir.join(name);
                        let globs = resolver.loaded[settings].globs.as_ref();
                        let wanted = is_dockerfile(name)
                            || flags.includes(&absolute)
                            || globs.is_some_and(|g| g.includes(&absolute));
                        let unwanted = flags.excludes(&absolute)
                            || globs.is_some_and(|g| g.excludes(&absolute));
                        if wanted && !unwanted {
                            items.push(Item::File {
                                path: file,
                                settings,
                            });
                        }
                    }
                    Found::Error { path, reason } => items.push(Item::WalkError { path, reason }),
                }
            }
            if items.len() == before {
                eprintln!("airlock: no Dockerfile found in {}", path.display());
            }
        } else {
            // Named on the command line: checked whatever its name.
            let (_, settings) = resolver.resolve(path)?;
            items.push(Item::File {
                path: files::tidy(path),
                settings,
            });
        }
    }
    crate::engine::sort::sort_by(&mut items, |a, b| a.path().cmp(b.path()));
    items.dedup_by(|a, b| a.path() == b.path());

    let loaded = &resolver.loaded;
    let checked: Vec<(String, Result<Vec<Finding>, String>, usize)> = items
        .par_iter()
        .map(|item| match item {
            Item::File { path, settings } => {
                let input = Input::File(path);
                let name = input.name();
                let result = input
                    .read()
                    .map(|text| {
                        check_view::findings(&name, &analyze(&text, &loaded[*settings].engine))
                    })
                    .map_err(|err| reason(&err, &name));
                (name, result, *settings)
            }
            Item::WalkError { path, reason } => {
                (path.display().to_string(), Err(reason.clone()), usize::MAX)
            }
        })
        .collect();
    let stdin = stdin.map(|(name, text, settings)| {
        let result = text
            .map(|text| check_view::findings(&name, &analyze(&text, &loaded[settings].engine)))
            .map_err(|err| reason(&err, &name));
        (name, result, settings)
    });

    let mut all = Vec::new();
    let mut names = Vec::new();
    let (mut clean, mut readable) = (true, true);
    for (name, result, settings) in stdin.into_iter().chain(checked) {
        match result {
            Ok(found) => {
                let threshold = loaded[settings].threshold;
                clean &= found.iter().all(|f| f.severity > threshold);
                all.extend(found);
            }
            Err(reason) => {
                // The text report shows it; other formats go to files and programs.
                if args.format != CheckFormat::Text {
                    eprintln!("airlock: cannot read {name}: {reason}");
                }
                readable = false;
                all.push(unreadable(name.clone(), &reason));
            }
        }
        names.push(name);
    }
    let out = match args.format {
        CheckFormat::Text => check_view::text(&all),
        CheckFormat::Json => to_json(&all)?,
        CheckFormat::Sarif => check_view::sarif(&all, &names),
        CheckFormat::Github => check_view::github(&all),
        CheckFormat::Markdown => check_view::markdown(&all),
    };
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(if !readable {
        ExitCode::from(super::exit::USAGE)
    } else if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(super::exit::SYNTAX_ERRORS)
    })
}

fn is_dockerfile(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(files::is_dockerfile_name)
}
