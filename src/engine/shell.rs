//! A small shell reader for RUN: splits a script into simple commands at `&&`, `||`, `;`, `|`,
//! `&`, line breaks and subshell/group brackets, and each command into unquoted words, with the
//! leading `NAME=value` assignments kept apart. Enough to find package-manager calls and their
//! flags; not a shell (no expansion, no ShellCheck).
//!
//! `install` reads package installations from a command; `knowledge` knows what commands
//! compile, test, install build tools or clean caches. Shared by the rules and the size
//! estimate; imports only `syntax`.

mod install;
mod knowledge;

pub use install::{install, Install};
pub use knowledge::*;

use std::borrow::Cow;

use crate::engine::syntax::{Args, Instruction};

/// One simple command.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Command {
    /// `NAME=value` assignments before the command name.
    pub env: Vec<(String, String)>,
    /// The command name and its arguments, quotes removed.
    pub words: Vec<String>,
    /// The operator that joined this command to the previous one (`&&`, `|`, ...; empty first).
    pub joined_by: String,
}

impl Command {
    pub fn name(&self) -> &str {
        self.words.first().map_or("", String::as_str)
    }

    /// The arguments after the command name.
    pub fn args(&self) -> &[String] {
        self.words.get(1..).unwrap_or(&[])
    }

    pub fn has_arg(&self, arg: &str) -> bool {
        self.args().iter().any(|a| a == arg)
    }

    /// Whether an option is given by its long name (`--quiet`, `--uid=7`) or as a short letter
    /// alone or in a group (`-q`, `-qO-`: the group's letters end at the first non-letter).
    pub fn has_option(&self, short: &[char], long: &[&str]) -> bool {
        self.args().iter().any(|a| match a.strip_prefix("--") {
            Some(l) => long.contains(&l.split('=').next().unwrap_or(l)),
            None => {
                a.starts_with('-')
                    && a[1..]
                        .chars()
                        .take_while(char::is_ascii_alphabetic)
                        .any(|c| short.contains(&c))
            }
        })
    }

    /// The value of an option: `-u 7`, `-u7`, `-lu 7`, `--uid 7` or `--uid=7`.
    pub fn option_value(&self, short: char, long: &str) -> Option<&str> {
        let args = self.args();
        for (i, a) in args.iter().enumerate() {
            let next = || args.get(i + 1).map(String::as_str);
            if let Some(l) = a.strip_prefix("--") {
                match l.split_once('=') {
                    Some((name, value)) if name == long => return Some(value),
                    None if l == long => return next(),
                    _ => {}
                }
            } else if let Some(letters) = a.strip_prefix('-') {
                if letters.starts_with(short) && letters.len() > short.len_utf8() {
                    return Some(&letters[short.len_utf8()..]);
                }
                if letters.ends_with(short) && letters.chars().all(|c| c.is_ascii_alphabetic()) {
                    return next();
                }
            }
        }
        None
    }

    /// The value of `NAME=value` set before the command.
    pub fn env_value(&self, name: &str) -> Option<&str> {
        self.env
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The command without a leading `sudo`, `env`, `exec`, `time`, `nice` or `command`, and
    /// without the shell keyword that opens it (`then`, `do`, `else`, `if`, `!` ...).
    pub fn unwrapped(&self) -> Cow<'_, Command> {
        const WRAPPERS: &[&str] = &[
            "then", "do", "else", "if", "elif", "while", "until", "!", "sudo", "exec", "time",
            "nice", "command", "env",
        ];
        // Most commands are not wrapped: no copy then (rules ask this of every command).
        if !WRAPPERS.contains(&self.name()) {
            return Cow::Borrowed(self);
        }
        // Counts the words to drop first and drops them at once: `sudo sudo ... x` in a
        // generated file stays linear.
        let words = &self.words;
        let at = |k: usize| words.get(k).map_or("", String::as_str);
        let mut env = self.env.clone();
        let mut k = 0;
        // Shell keywords that start a command in a compound (`then apt-get purge ...`).
        while matches!(
            at(k),
            "then" | "do" | "else" | "if" | "elif" | "while" | "until" | "!"
        ) {
            k += 1;
        }
        while matches!(at(k), "sudo" | "exec" | "time" | "nice" | "command" | "env") {
            k += 1;
            while at(k).starts_with('-') || (at(k).contains('=') && !at(k).starts_with('=')) {
                if let Some((n, v)) = at(k).split_once('=') {
                    if !n.starts_with('-') {
                        env.push((n.to_string(), v.to_string()));
                    }
                }
                k += 1;
            }
        }
        // `at` reads "" past the end, which stops both loops there.
        Cow::Owned(Command {
            env,
            words: words[k..].to_vec(),
            joined_by: self.joined_by.clone(),
        })
    }
}

/// Splits a script into commands.
pub fn commands(script: &str) -> Vec<Command> {
    let chars: Vec<char> = script.chars().collect();
    let mut out = Vec::new();
    let mut current = Command::default();
    let mut word = String::new();
    let mut in_word = false;
    let mut i = 0;
    let finish_word = |current: &mut Command, word: &mut String, in_word: &mut bool| {
        if *in_word {
            let w = std::mem::take(word);
            let is_assignment = current.words.is_empty()
                && w.split_once('=').is_some_and(|(n, _)| {
                    !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                });
            if is_assignment {
                let (n, v) = w.split_once('=').unwrap_or_default();
                current.env.push((n.to_string(), v.to_string()));
            } else {
                current.words.push(w);
            }
            *in_word = false;
        }
    };
    let finish_command = |current: &mut Command, op: &str, out: &mut Vec<Command>| {
        if !current.words.is_empty() || !current.env.is_empty() {
            out.push(std::mem::take(current));
        }
        current.joined_by = op.to_string();
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '\\' if next == Some('\n') => i += 1,
            '\\' => {
                if let Some(n) = next {
                    word.push(n);
                    in_word = true;
                    i += 1;
                }
            }
            '\'' => {
                in_word = true;
                i += 1;
                while i < chars.len() && chars[i] != '\'' {
                    word.push(chars[i]);
                    i += 1;
                }
            }
            '"' => {
                in_word = true;
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' && matches!(chars.get(i + 1), Some('"' | '\\' | '$' | '`'))
                    {
                        i += 1;
                    }
                    word.push(chars[i]);
                    i += 1;
                }
            }
            '#' if !in_word => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            ' ' | '\t' | '\r' => finish_word(&mut current, &mut word, &mut in_word),
            '\n' | ';' | '(' | ')' | '{' | '}' if !(matches!(c, '{' | '}') && in_word) => {
                finish_word(&mut current, &mut word, &mut in_word);
                finish_command(&mut current, &c.to_string(), &mut out);
            }
            '&' | '|' => {
                finish_word(&mut current, &mut word, &mut in_word);
                let op = if next == Some(c) {
                    i += 1;
                    format!("{c}{c}")
                } else {
                    c.to_string()
                };
                finish_command(&mut current, &op, &mut out);
            }
            c => {
                word.push(c);
                in_word = true;
            }
        }
        i += 1;
    }
    finish_word(&mut current, &mut word, &mut in_word);
    finish_command(&mut current, "", &mut out);
    out
}

/// The commands a RUN executes: its shell-form text and the heredoc bodies it feeds to the shell.
pub fn run_commands(inst: &Instruction) -> Vec<Command> {
    let mut script = match &inst.args {
        Args::Shell { text, .. } => text.to_string(),
        Args::Exec { elements, .. } => {
            // `["sh", "-c", "script"]` runs the script; other exec forms run one command.
            match elements
                .iter()
                .map(|e| e.value.as_str())
                .collect::<Vec<_>>()
                .as_slice()
            {
                [sh, "-c", script, ..] if sh.ends_with("sh") => script.to_string(),
                words => words
                    .iter()
                    .map(|w| shell_quote(w))
                    .collect::<Vec<_>>()
                    .join(" "),
            }
        }
    };
    // `RUN <<EOF`: the marker alone is no command; the body is the script.
    if !inst.heredocs.is_empty() && script.split_whitespace().all(|w| w.starts_with("<<")) {
        script.clear();
    }
    for h in &inst.heredocs {
        script.push('\n');
        script.push_str(&h.body);
    }
    commands(&script)
}

fn shell_quote(word: &str) -> String {
    if word
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./=:,@+%".contains(c))
        && !word.is_empty()
    {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(script: &str) -> Vec<String> {
        commands(script).iter().map(|c| c.words.join(" ")).collect()
    }

    #[test]
    fn splits_at_operators() {
        assert_eq!(
            names("apt-get update && apt-get install -y curl; rm -rf /var/lib/apt/lists/* || true | cat"),
            ["apt-get update", "apt-get install -y curl", "rm -rf /var/lib/apt/lists/*", "true", "cat"]
        );
    }

    #[test]
    fn quotes_escapes_and_assignments() {
        let cmds =
            commands("CGO_ENABLED=0 GOOS=linux go build -ldflags \"-s -w\" -o '/out/my app' ./cmd");
        assert_eq!(
            cmds[0].env,
            [
                ("CGO_ENABLED".into(), "0".into()),
                ("GOOS".into(), "linux".into())
            ]
        );
        assert_eq!(
            cmds[0].words,
            [
                "go",
                "build",
                "-ldflags",
                "-s -w",
                "-o",
                "/out/my app",
                "./cmd"
            ]
        );
        assert_eq!(cmds[0].env_value("CGO_ENABLED"), Some("0"));
    }

    #[test]
    fn subshells_groups_and_comments() {
        assert_eq!(
            names("(cd /src && make) # build\n{ echo a; }"),
            ["cd /src", "make", "echo a"]
        );
    }

    #[test]
    fn pipes_are_recorded() {
        let cmds = commands("curl -fsSL https://x/install.sh | sh");
        assert_eq!(cmds[1].joined_by, "|");
        assert_eq!(cmds[1].name(), "sh");
    }
}
