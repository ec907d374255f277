//! A small shell reader for RUN: splits a script into simple commands at `&&`, `||`, `;`, `|`,
//! `&`, line breaks and subshell/group brackets, and each command into unquoted words, with the
//! leading `NAME=value` assignments kept apart. Enough to find package-manager calls and their
//! flags; not a shell (no expansion, no ShellCheck).

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

    /// The value of `NAME=value` set before the command.
    pub fn env_value(&self, name: &str) -> Option<&str> {
        self.env
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The command without a leading `sudo`, `env`, `exec`, `time`, `nice` or `command`.
    pub fn unwrapped(&self) -> Command {
        let mut c = self.clone();
        while matches!(
            c.name(),
            "sudo" | "exec" | "time" | "nice" | "command" | "env"
        ) {
            c.words.remove(0);
            while c.name().starts_with('-')
                || (c.name().contains('=') && !c.name().starts_with('='))
            {
                if let Some((n, v)) = c.name().split_once('=') {
                    if !n.starts_with('-') {
                        c.env.push((n.to_string(), v.to_string()));
                    }
                }
                c.words.remove(0);
            }
        }
        c
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
        Args::Shell { text, .. } => text.clone(),
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

/// A package installation found in a command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Install {
    /// `apt-get`, `apt`, `apk`, `yum`, `dnf`, `microdnf`, `zypper`, `pip`, `npm`, `gem`.
    pub manager: String,
    /// Package arguments (words not starting with `-`).
    pub packages: Vec<String>,
    /// Option words (starting with `-`).
    pub options: Vec<String>,
}

/// The installation `cmd` performs, if it is one.
pub fn install(cmd: &Command) -> Option<Install> {
    let cmd = cmd.unwrapped();
    let name = cmd.name().rsplit('/').next().unwrap_or("");
    let args = cmd.args();
    let verb_at = |verbs: &[&str]| args.iter().position(|a| verbs.contains(&a.as_str()));
    let (manager, after) = match name {
        "apt-get" | "apt" => (name, verb_at(&["install"])?),
        "apk" => ("apk", verb_at(&["add"])?),
        "yum" | "dnf" | "microdnf" | "tdnf" => (name, verb_at(&["install"])?),
        "zypper" => ("zypper", verb_at(&["install", "in"])?),
        "pip" | "pip3" => ("pip", verb_at(&["install"])?),
        "python" | "python3"
            if args.len() >= 3 && args[0] == "-m" && args[1].starts_with("pip") =>
        {
            ("pip", verb_at(&["install"])?)
        }
        "npm" => ("npm", verb_at(&["install", "i", "add"])?),
        "gem" => ("gem", verb_at(&["install"])?),
        _ => return None,
    };
    let rest = &args[after + 1..];
    // Options before the verb count too (`apt-get -y install`).
    let options = args[..after]
        .iter()
        .chain(rest)
        .filter(|a| a.starts_with('-'))
        .cloned()
        .collect();
    let packages = rest
        .iter()
        .filter(|a| !a.starts_with('-'))
        .cloned()
        .collect();
    Some(Install {
        manager: manager.to_string(),
        packages,
        options,
    })
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

    #[test]
    fn finds_installs() {
        let c = &commands("sudo apt-get -q install -y --no-install-recommends gcc make")[0];
        let i = install(c).unwrap();
        assert_eq!(i.manager, "apt-get");
        assert_eq!(i.packages, ["gcc", "make"]);
        assert!(i.options.contains(&"-y".to_string()) && i.options.contains(&"-q".to_string()));
        assert_eq!(
            install(&commands("apk add --no-cache git")[0])
                .unwrap()
                .packages,
            ["git"]
        );
        assert_eq!(
            install(&commands("python3 -m pip install wheel")[0])
                .unwrap()
                .manager,
            "pip"
        );
        assert!(install(&commands("apt-get update")[0]).is_none());
    }
}
