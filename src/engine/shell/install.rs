//! Package installations: which manager, which packages, which options.

use super::Command;

/// A package installation found in a command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Install {
    /// `apt-get`, `apt`, `apk`, `yum`, `dnf`, `microdnf`, `zypper`, `pip`, `npm`, `gem`.
    pub manager: String,
    /// Package arguments (words not starting with `-`).
    pub packages: Vec<String>,
    /// Option words (starting with `-`).
    pub options: Vec<String>,
    /// The values given to options as separate words (`-o X=1` gives `X=1`).
    pub values: Vec<String>,
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
        "yum" => (name, verb_at(&["install", "groupinstall", "localinstall"])?),
        // dnf also takes `in` for `install`.
        "dnf" | "microdnf" | "tdnf" => (
            name,
            verb_at(&["install", "in", "groupinstall", "localinstall"])?,
        ),
        "zypper" => ("zypper", verb_at(&["install", "in"])?),
        // `pip`, `pip2`, `pip3`, `pip3.12` (not `pipx` or `pipenv`, which install elsewhere).
        _ if is_pip(name) => ("pip", verb_at(&["install"])?),
        "python" | "python3"
            if args.len() >= 3 && args[0] == "-m" && args[1].starts_with("pip") =>
        {
            ("pip", verb_at(&["install"])?)
        }
        "npm" => ("npm", verb_at(&["install", "i", "add"])?),
        "gem" => ("gem", verb_at(&["install", "i"])?),
        _ => return None,
    };
    let rest = &args[after + 1..];
    // Options before the verb count too (`apt-get -y install`).
    let mut options = Vec::new();
    let mut values = Vec::new();
    let mut before = args[..after].iter();
    while let Some(w) = before.next() {
        if w.starts_with('-') {
            options.push(w.clone());
            if takes_value(manager, w) {
                values.extend(before.next().cloned());
            }
        }
    }
    let mut packages = Vec::new();
    let mut words = rest.iter();
    while let Some(w) = words.next() {
        if is_redirection(w) {
            // `> /dev/null`, `2>&1`: not arguments at all.
            if w.ends_with(['>', '<']) {
                words.next();
            }
        } else if w == "--" {
            // gem hands what follows `--` to the extension's build (`-- --use-system-libraries`).
            if manager != "gem" {
                packages.extend(words.by_ref().cloned());
            }
            break;
        } else if w.starts_with('-') {
            options.push(w.clone());
            // `-t bookworm-backports`, `--virtual .deps`: the value is not a package.
            if takes_value(manager, w) {
                values.extend(words.next().cloned());
            }
        } else {
            packages.push(w.clone());
        }
    }
    Some(Install {
        manager: manager.to_string(),
        packages,
        options,
        values,
    })
}

/// `pip` with an optional version suffix (`pip3`, `pip3.12`).
fn is_pip(name: &str) -> bool {
    name.strip_prefix("pip")
        .is_some_and(|v| v.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
}

/// A redirection word (`>`, `2>`, `>/dev/null`, `&>log`; the shell reader leaves them in).
fn is_redirection(word: &str) -> bool {
    word.trim_start_matches(|c: char| c.is_ascii_digit() || c == '&')
        .starts_with(['>', '<'])
}

impl Install {
    /// Whether the install only pretends (`apt-get install -s`, `--dry-run`): nothing changes.
    pub fn simulates(&self) -> bool {
        matches!(self.manager.as_str(), "apt-get" | "apt")
            && self.has_option(
                &['s'],
                &["simulate", "dry-run", "just-print", "no-act", "recon"],
            )
    }
}

/// Short options that take a value, per manager (`-o`, `-t`, `-X` ...).
fn short_with_value(manager: &str) -> &'static str {
    match manager {
        "apt-get" | "apt" => "oct",
        "apk" => "tXp",
        "yum" | "dnf" | "microdnf" | "tdnf" => "cdexR",
        "zypper" => "r",
        "pip" => "rceiftbC",
        "npm" => "w",
        "gem" => "vinsP",
        _ => "",
    }
}

/// Long options that take a value, per manager.
fn long_with_value(manager: &str) -> &'static str {
    match manager {
        "apt-get" | "apt" => "option target-release default-release config-file",
        "apk" => "virtual repository root arch cache-dir keys-dir",
        "yum" | "dnf" | "microdnf" | "tdnf" => {
            "setopt installroot enablerepo disablerepo exclude releasever repo config"
        }
        "zypper" => "repo from",
        "pip" => {
            "requirement constraint editable index-url extra-index-url find-links target \
             prefix root platform python-version implementation abi no-binary only-binary \
             progress-bar proxy trusted-host upgrade-strategy src build cache-dir log report \
             config-settings global-option timeout retries"
        }
        "npm" => "prefix registry workspace cache omit include loglevel",
        "gem" => "version install-dir bindir source platform trust-policy",
        _ => "",
    }
}

/// Whether an option word is followed by its value as a separate word.
fn takes_value(manager: &str, option: &str) -> bool {
    if let Some(long) = option.strip_prefix("--") {
        if long.contains('=') {
            return false;
        }
        return long_with_value(manager)
            .split_whitespace()
            .any(|o| o == long);
    }
    // The first letter that takes a value ends the group; the value is the next word only
    // when nothing follows that letter (`-qo Foo=1`, but `-oFoo=1` carries its own).
    let letters: Vec<char> = option.chars().skip(1).collect();
    let with_value = short_with_value(manager);
    letters
        .iter()
        .position(|c| with_value.contains(*c))
        .is_some_and(|p| p + 1 == letters.len())
}

impl Install {
    /// Whether an option is given, as a long name (`--yes`, `--yes=...`) or as a short letter
    /// alone or in a group (`-y`, `-qy`). A group ends at a letter that takes a value
    /// (`-oAPT::X=y` is `-o` only).
    pub fn has_option(&self, short: &[char], long: &[&str]) -> bool {
        self.options.iter().any(|o| match o.strip_prefix("--") {
            Some(l) => long.contains(&l.split('=').next().unwrap_or(l)),
            None => self.short_letters(o).any(|c| short.contains(&c)),
        })
    }

    /// How often a short letter is given (`-qq` and `-q -q` both count 2).
    pub fn short_count(&self, letter: char) -> usize {
        self.options
            .iter()
            .filter(|o| !o.starts_with("--"))
            .flat_map(|o| self.short_letters(o))
            .filter(|c| *c == letter)
            .count()
    }

    fn short_letters<'o>(&self, option: &'o str) -> impl Iterator<Item = char> + 'o {
        let with_value = short_with_value(&self.manager);
        let mut done = false;
        option.chars().skip(1).take_while(move |c| {
            if done || *c == '=' {
                return false;
            }
            done = with_value.contains(*c);
            true
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::shell::commands;

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
        for (script, manager) in [
            ("pip2 install six", "pip"),
            ("pip3.12 install six", "pip"),
            ("gem i bundler", "gem"),
            ("dnf in -y tomcat", "dnf"),
        ] {
            assert_eq!(
                install(&commands(script)[0]).unwrap().manager,
                manager,
                "{script}"
            );
        }
        for script in ["pipx install black", "pipenv install six", "yum in x"] {
            assert!(install(&commands(script)[0]).is_none(), "{script}");
        }
    }

    #[test]
    fn option_values_are_not_packages() {
        let i =
            install(&commands("apt-get install -t bookworm-backports -o Dpkg::Use-Pty=0 curl")[0])
                .unwrap();
        assert_eq!(i.packages, ["curl"]);
        let i = install(&commands("apk add --virtual .deps -X http://x gcc -- -odd")[0]).unwrap();
        assert_eq!(i.packages, ["gcc", "-odd"]);
        let i = install(&commands("pip install -r req.txt --index-url https://x six")[0]).unwrap();
        assert_eq!(i.packages, ["six"]);
    }

    #[test]
    fn redirections_are_not_packages() {
        let i = install(&commands("apt-get install -s jit > /dev/null 2>&1")[0]).unwrap();
        assert_eq!(i.packages, ["jit"]);
        assert!(i.simulates());
    }

    #[test]
    fn short_option_groups() {
        let i =
            install(&commands("apt-get -qq install -oAPT::Get::y=1 --no-install-recommends x")[0])
                .unwrap();
        assert_eq!(i.short_count('q'), 2);
        assert!(!i.has_option(&['y'], &["yes"]), "`y` is part of -o's value");
        assert!(i.has_option(&[], &["no-install-recommends"]));
        let i = install(&commands("apt-get install -yq --assume-yes=true x")[0]).unwrap();
        assert!(i.has_option(&['y'], &[]) && i.has_option(&[], &["assume-yes"]));
    }

    #[test]
    fn command_options_and_values() {
        let c = &commands("wget -qO- https://x")[0];
        assert!(c.has_option(&['q'], &[]) && !c.has_option(&['x'], &["progress"]));
        let c = &commands("useradd -lu 1000000 --shell=/bin/sh app")[0];
        assert_eq!(c.option_value('u', "uid"), Some("1000000"));
        assert_eq!(c.option_value('s', "shell"), Some("/bin/sh"));
        for script in ["useradd --uid 7 a", "useradd -u7 a"] {
            let c = &commands(script)[0];
            assert_eq!(c.option_value('u', "uid"), Some("7"), "{script}");
        }
    }
}
