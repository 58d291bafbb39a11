//! The config file: keys, theme and the default dataset.
//!
//! `$XDG_CONFIG_HOME/parley/config.ron`, or `--config PATH`; see
//! `docs/config.md`. A bad config never stops parley: every entry that
//! cannot be used is reported with its line and column, and that entry
//! keeps its default while the rest of the file applies.

use crate::command::Command;
use crate::keymap::{Key, Keymap, Mode};
use crate::model::diagnostic::suggest;
use crate::theme::Theme;
use ratatui::style::Color;
use ron::Value;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A config file larger than this is not read: it is not a config file.
const MAX_BYTES: u64 = crate::model::read::MAX_CONFIG;

/// A config entry that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let message = crate::text::clean_inline(&self.message);
        write!(f, "{}:{}:{}: {message}", self.file, self.line, self.column)
    }
}

/// What the config file says, with defaults for what it does not.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where it was read from, if a file was.
    pub path: Option<PathBuf>,
    pub keymap: Keymap,
    pub theme: Theme,
    /// The dataset to open when none is given.
    pub dataset: Option<PathBuf>,
    pub problems: Vec<Problem>,
}

/// Where the config file is looked for when `--config` is not given.
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().ok()?;
    Some(base.config_dir().join("parley").join("config.ron"))
}

impl Config {
    /// The defaults, with nothing read.
    pub fn defaults(color: bool) -> Config {
        Config {
            path: None,
            keymap: Keymap::default(),
            theme: Theme::dark(color),
            dataset: None,
            problems: Vec::new(),
        }
    }

    /// Reads `explicit`, else the default path when a file is there.
    /// `color` is false when colour is off (`NO_COLOR`, `--color never`).
    pub fn load(explicit: Option<&Path>, color: bool) -> Config {
        let mut config = Config::defaults(color);
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => match default_path() {
                Some(p) if p.is_file() => p,
                _ => return config,
            },
        };
        let name = path.display().to_string();
        match read(&path) {
            Ok(text) => config.apply(&name, &text),
            Err(e) => config.problems.push(Problem {
                file: name,
                line: 1,
                column: 1,
                message: format!("cannot read the config file: {e}"),
            }),
        }
        if let Some(dataset) = &mut config.dataset
            && dataset.is_relative()
            && let Some(dir) = path.parent()
        {
            *dataset = dir.join(&*dataset);
        }
        config.path = Some(path);
        config
    }

    /// Applies the text of a config file named `file`.
    pub fn apply(&mut self, file: &str, text: &str) {
        let mut at = Locator {
            file,
            text,
            problems: Vec::new(),
        };
        self.apply_located(&mut at);
        at.problems.sort_by_key(|p| (p.line, p.column));
        self.problems.append(&mut at.problems);
    }

    fn apply_located(&mut self, at: &mut Locator) {
        let (file, text) = (at.file, at.text);
        let value: Value = match crate::model::decode::ron_options().from_str(text) {
            Ok(v) => v,
            Err(e) => {
                at.problems.push(Problem {
                    file: file.to_string(),
                    line: e.span.start.line,
                    column: e.span.start.col,
                    message: format!("{}; the defaults are used", e.code),
                });
                return;
            }
        };
        let Some(fields) = map(&value) else {
            at.report(0, "the config file must be one `( … )` of fields".into());
            return;
        };
        // The theme first: colours change the palette it chooses.
        let mut fields = fields;
        fields.sort_by_key(|(name, _)| *name != "theme");
        for (name, value) in fields {
            let field_at = at.field(name);
            match name {
                "dataset" => match value {
                    Value::String(s) => self.dataset = Some(expand_home(s)),
                    _ => at.report(field_at, "`dataset` must be a path in quotes".into()),
                },
                "theme" => match value {
                    Value::String(s) => match s.as_str() {
                        "dark" => self.theme.palette = Theme::dark(true).palette,
                        "light" => self.theme.palette = Theme::light(true).palette,
                        other => {
                            let at_value = at.after(field_at, other);
                            at.report(at_value, unknown("theme", other, &["dark", "light"]))
                        }
                    },
                    _ => at.report(field_at, "`theme` must be \"dark\" or \"light\"".into()),
                },
                "colours" | "colors" => self.colours(at, field_at, value),
                "keys" => self.keys(at, field_at, value),
                other => at.report(
                    field_at,
                    unknown("field", other, &["dataset", "theme", "colours", "keys"]),
                ),
            }
        }
    }

    fn colours(&mut self, at: &mut Locator, field_at: usize, value: &Value) {
        let Some(entries) = map(value) else {
            at.report(field_at, "`colours` must be a map of role to colour".into());
            return;
        };
        let roles = Theme::roles();
        let roles: Vec<&str> = roles.iter().map(String::as_str).collect();
        let mut theme = self.theme;
        for (role, colour) in entries {
            let role_at = at.after(field_at, role);
            let Value::String(colour) = colour else {
                at.report(role_at, format!("the colour of `{role}` must be in quotes"));
                continue;
            };
            let Ok(parsed) = Color::from_str(colour) else {
                let colour_at = at.after(role_at, colour);
                at.report(
                    colour_at,
                    format!(
                        "unknown colour `{colour}`; write a name (red, light-blue, dark-gray), #rrggbb or 0 to 255"
                    ),
                );
                continue;
            };
            if !theme.set(role, parsed) {
                // `stance.angry` is closest to another stance, not to
                // another role that happens to start with `stance.`.
                let message = match role.split_once('.') {
                    Some((group, name)) => {
                        let prefix = format!("{group}.");
                        let names: Vec<&str> = roles
                            .iter()
                            .filter_map(|r| r.strip_prefix(&prefix))
                            .collect();
                        if names.is_empty() {
                            unknown("colour role", role, &roles)
                        } else {
                            let mut m = format!("unknown {group} `{name}` in `{role}`");
                            match suggest(name, &names) {
                                Some(s) => m.push_str(&format!("; did you mean `{group}.{s}`?")),
                                None => {
                                    m.push_str(&format!("; expected one of {}", names.join(", ")))
                                }
                            }
                            m
                        }
                    }
                    None => unknown("colour role", role, &roles),
                };
                at.report(role_at, message);
            }
        }
        self.theme = theme;
    }

    fn keys(&mut self, at: &mut Locator, field_at: usize, value: &Value) {
        let Some(modes) = map(value) else {
            at.report(field_at, "`keys` must be a map of mode to bindings".into());
            return;
        };
        let mode_ids: Vec<&str> = Mode::ALL.iter().map(|m| m.id()).collect();
        let names: Vec<String> = Command::ALL.iter().map(|c| c.name()).collect();
        let mut names: Vec<&str> = names.iter().map(String::as_str).collect();
        names.push("none");
        for (mode_name, bindings) in modes {
            let mode_at = at.after(field_at, mode_name);
            let Some(mode) = Mode::ALL.iter().copied().find(|m| m.id() == mode_name) else {
                at.report(mode_at, unknown("mode", mode_name, &mode_ids));
                continue;
            };
            let Some(bindings) = map(bindings) else {
                at.report(
                    mode_at,
                    format!("`{mode_name}` must be a map of key to action"),
                );
                continue;
            };
            for (key, action) in bindings {
                let key_at = at.after(mode_at, key);
                let parsed = match Key::parse(key) {
                    Ok(k) => k,
                    Err(e) => {
                        at.report(key_at, e);
                        continue;
                    }
                };
                let Value::String(action) = action else {
                    at.report(key_at, format!("the action of `{key}` must be in quotes"));
                    continue;
                };
                let command = match action.as_str() {
                    "none" => None,
                    name => match Command::from_name(name) {
                        Some(c) => Some(c),
                        None => {
                            let action_at = at.after(key_at, action);
                            at.report(action_at, unknown("action", name, &names));
                            continue;
                        }
                    },
                };
                self.keymap.set_key(mode, parsed, command);
            }
        }
    }
}

/// `unknown action `quitt`; did you mean `quit`?`
fn unknown(what: &str, found: &str, known: &[&str]) -> String {
    let mut message = format!("unknown {what} `{found}`");
    match suggest(found, known) {
        Some(s) => message.push_str(&format!("; did you mean `{s}`?")),
        None if known.len() <= 12 => {
            message.push_str(&format!("; expected one of {}", known.join(", ")))
        }
        None => {}
    }
    message
}

fn map(value: &Value) -> Option<Vec<(&str, &Value)>> {
    let Value::Map(m) = value else { return None };
    Some(
        m.iter()
            .filter_map(|(k, v)| match k {
                Value::String(k) => Some((k.as_str(), v)),
                _ => None,
            })
            .collect(),
    )
}

fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// A regular file within the limit, opened without blocking: a FIFO or a
/// device named by `--config` must not hang parley or fill its memory.
fn read(path: &Path) -> Result<String, crate::model::read::ReadError> {
    crate::model::read::read_text(path, MAX_BYTES)
}

/// Finds where an entry is written. RON values keep no positions, so each
/// name is searched for after the place of the entry that holds it.
struct Locator<'a> {
    file: &'a str,
    text: &'a str,
    problems: Vec<Problem>,
}

impl Locator<'_> {
    /// Where a top-level field is written: `name` followed by a colon.
    fn field(&self, name: &str) -> usize {
        let mut from = 0;
        while let Some(i) = self.text[from..].find(name) {
            let at = from + i;
            let after = self.text[at + name.len()..].trim_start();
            let before_ok = self.text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric() && c != '_');
            if before_ok && after.starts_with(':') {
                return at;
            }
            from = at + name.len();
        }
        0
    }

    /// Where the quoted string `value` is written, after byte `from`.
    fn after(&self, from: usize, value: &str) -> usize {
        let quoted = format!("\"{value}\"");
        self.text
            .get(from..)
            .and_then(|rest| rest.find(&quoted))
            .map_or(from, |i| from + i)
    }

    fn report(&mut self, at: usize, message: String) {
        let before = &self.text[..at.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        self.problems.push(Problem {
            file: self.file.to_string(),
            line,
            column,
            message,
        });
    }
}

/// The first problem, for the status line, and how many more there are.
pub fn summary(problems: &[Problem]) -> Option<String> {
    let first = problems.first()?;
    let more = match problems.len() - 1 {
        0 => String::new(),
        n => format!(" (+{n} more: `parley config check`)"),
    };
    Some(format!("config: {first}{more}"))
}

/// Every problem, one a line, for `parley config check`.
pub fn report(problems: &[Problem]) -> String {
    let mut out = String::new();
    for p in problems {
        out.push_str(&p.to_string());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn applied(text: &str) -> Config {
        let mut c = Config::defaults(true);
        c.apply("config.ron", text);
        c
    }

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn keys_are_rebound_and_unbound_per_mode() {
        let c =
            applied(r#"(keys: { "browser": { "Q": "quit", "q": "none", "ctrl-f": "search" } })"#);
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        let never = |_| false;
        assert_eq!(
            c.keymap.lookup(Mode::Browser, key('Q'), never),
            Some(Command::Quit)
        );
        assert_eq!(c.keymap.lookup(Mode::Browser, key('q'), never), None);
        let ctrl_f = KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL);
        assert_eq!(
            c.keymap.lookup(Mode::Browser, ctrl_f, never),
            Some(Command::Search)
        );
        assert_eq!(
            c.keymap.hint(Mode::Browser, Command::Quit).as_deref(),
            Some("Q")
        );
        // Other modes keep their keys.
        assert_eq!(
            c.keymap.lookup(Mode::Source, key('q'), never),
            Some(Command::Quit)
        );
    }

    #[test]
    fn bad_entries_are_reported_where_they_are_and_the_rest_applies() {
        let text = "(\n    theme: \"light\",\n    keys: {\n        \"browser\": { \"Q\": \"quitt\", \"x\": \"quit\" },\n        \"brwoser\": { \"a\": \"quit\" },\n    },\n    colours: { \"focus\": \"blurple\", \"dim\": \"#777777\", \"stance.angry\": \"red\" },\n    editor: \"vim\",\n)\n";
        let c = applied(text);
        let got: Vec<String> = c.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            [
                "config.ron:4:27: unknown action `quitt`; did you mean `quit`?",
                "config.ron:5:9: unknown mode `brwoser`; did you mean `browser`?",
                "config.ron:7:25: unknown colour `blurple`; write a name (red, light-blue, dark-gray), #rrggbb or 0 to 255",
                "config.ron:7:54: unknown stance `angry` in `stance.angry`; expected one of demands, proposes, offers, supports, accepts, skeptical, opposes, rejects, redline, unclear",
                "config.ron:8:5: unknown field `editor`; expected one of dataset, theme, colours, keys",
            ],
            "{got:#?}"
        );
        // What was right still applies.
        assert_eq!(c.theme.palette.focus, Theme::light(true).palette.focus);
        assert_eq!(c.theme.palette.dim, Color::Rgb(0x77, 0x77, 0x77));
        assert_eq!(
            c.keymap.lookup(Mode::Browser, key('x'), |_| false),
            Some(Command::Quit)
        );
        assert_eq!(c.keymap.lookup(Mode::Browser, key('Q'), |_| false), None);
    }

    #[test]
    fn a_file_that_does_not_parse_gives_the_defaults_and_says_where() {
        let c = applied("(keys: {\n  \"browser\": { \"Q\" \"quit\" } })");
        assert_eq!(c.problems.len(), 1);
        assert_eq!(
            (c.problems[0].line, c.problems[0].file.as_str()),
            (2, "config.ron")
        );
        assert_eq!(c.keymap, Keymap::default());
    }

    #[test]
    fn every_command_has_a_name_that_reads_back() {
        for &c in Command::ALL {
            assert_eq!(Command::from_name(&c.name()), Some(c), "{}", c.name());
        }
        assert_eq!(Command::PageDown.name(), "page-down");
        assert_eq!(Command::MarkVerified.name(), "mark-verified");
    }
}

#[cfg(test)]
mod docs {
    /// The complete example in `docs/config.md` is a config with no
    /// problem, so the documentation cannot drift from the reader.
    #[test]
    fn the_documented_example_reads_without_a_problem() {
        let doc = include_str!("../docs/config.md");
        let start = doc.find("```ron\n").expect("an example") + "```ron\n".len();
        let end = start + doc[start..].find("```").expect("its end");
        let mut c = super::Config::defaults(true);
        c.apply("docs/config.md", &doc[start..end]);
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        assert!(c.dataset.is_some());
    }
}
