//! Which key does what, per mode. The keymap is a value: the app holds one
//! (today the defaults), reads keys through it, and generates help and
//! every key hint from it, so none of them can drift from the keys in
//! force.

mod defaults;
pub mod key;

pub use key::Key;

use crate::command::{Command, Condition};
use crossterm::event::{KeyEvent, KeyEventKind};

macro_rules! modes {
    ($($(#[$doc:meta])* $variant:ident => $id:literal, $title:literal, typing: $typing:literal;)*) => {
        /// Which key table applies. The app derives it from what is on
        /// screen; the list of modes is generated with the enum, so tests
        /// that walk every mode cannot miss one.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Mode {
            $($(#[$doc])* $variant),*
        }

        impl Mode {
            pub const ALL: &'static [Mode] = &[$(Mode::$variant),*];

            pub fn title(self) -> &'static str {
                match self {
                    $(Mode::$variant => $title),*
                }
            }

            /// The mode's name in a config file.
            pub fn id(self) -> &'static str {
                match self {
                    $(Mode::$variant => $id),*
                }
            }

            /// Modes where unbound keys type text.
            pub fn is_typing(self) -> bool {
                match self {
                    $(Mode::$variant => $typing),*
                }
            }
        }
    };
}

modes! {
    /// The three-column browser.
    Browser => "browser", "browser", typing: false;
    /// A whole source text.
    Source => "source", "source viewer", typing: false;
    /// The help overlay, over any other mode.
    Help => "help", "help", typing: false;
    /// A review session, one position at a time.
    Review => "review", "review", typing: false;
    /// Writing a note in the inline editor.
    Note => "note", "note editor", typing: true;
    /// The search palette.
    Search => "search", "search palette", typing: true;
    /// Typing a pane filter.
    Filter => "filter", "pane filter", typing: true;
    /// Typing a find in the source viewer.
    Find => "find", "find in source", typing: true;
    /// The position matrix.
    Matrix => "matrix", "position matrix", typing: false;
    /// The timeline.
    Timeline => "timeline", "timeline", typing: false;
    /// The links menu over the browser.
    Links => "links", "links menu", typing: false;
    /// The filter menu: facets and their values, with counts.
    Facets => "facets", "filter menu", typing: false;
    /// The saved views.
    Views => "views", "saved views", typing: false;
    /// Typing the name of a view to save.
    ViewName => "view-name", "naming a view", typing: true;
    /// Every problem found in the dataset.
    Problems => "problems", "problems", typing: false;
    /// The dataset is still loading: keys wait for it.
    Loading => "loading", "loading", typing: false;
}

/// Keys bound to a command in a mode, perhaps only while a condition
/// holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub mode: Mode,
    pub keys: Vec<Key>,
    pub when: Option<Condition>,
    pub command: Command,
}

/// One line of help: the keys, and what they do (and when).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    pub keys: String,
    pub command: Command,
    pub when: Option<Condition>,
}

impl HelpRow {
    pub fn description(&self) -> String {
        match self.when {
            Some(c) => format!("{} ({})", self.command.description(), c.description()),
            None => self.command.description().to_string(),
        }
    }
}

/// Shown under the bindings of the note editor.
pub const NOTE_HELP: &str = "Other keys edit the note: arrows move, Enter starts a line, Ctrl-w deletes a word, Ctrl-k to the end of the line, Ctrl-u undoes, Ctrl-r redoes.";

/// Shown under the bindings of typing modes.
pub const TYPING_HELP: &str =
    "Other keys edit the text: ←/→, Home/End, Backspace, Ctrl-w deletes a word, Ctrl-u the line.";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: defaults::bindings(),
        }
    }
}

impl Keymap {
    /// A keymap of exactly these bindings.
    pub fn new(bindings: Vec<Binding>) -> Keymap {
        Keymap { bindings }
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// Binds `key` in `mode` to `command` (before its other keys, so hints
    /// show it), or to nothing: the key leaves every binding of the mode,
    /// conditional ones included, so it does one thing only.
    pub fn set_key(&mut self, mode: Mode, key: Key, command: Option<Command>) {
        let pressed = key.normalized();
        for b in self.bindings.iter_mut().filter(|b| b.mode == mode) {
            b.keys.retain(|k| k.normalized() != pressed);
        }
        self.bindings
            .retain(|b| !b.keys.is_empty() || b.mode != mode);
        let Some(command) = command else {
            return;
        };
        match self
            .bindings
            .iter_mut()
            .find(|b| b.mode == mode && b.command == command && b.when.is_none())
        {
            Some(b) => b.keys.insert(0, key),
            None => self.bindings.push(Binding {
                mode,
                keys: vec![key],
                when: None,
                command,
            }),
        }
    }

    /// Binds exactly `keys` to `command` in `mode` (no key at all when
    /// empty), replacing its unconditional binding there.
    pub fn rebind(&mut self, mode: Mode, command: Command, keys: Vec<Key>) {
        self.bindings
            .retain(|b| !(b.mode == mode && b.command == command && b.when.is_none()));
        if !keys.is_empty() {
            self.bindings.push(Binding {
                mode,
                keys,
                when: None,
                command,
            });
        }
    }

    fn in_mode(&self, mode: Mode) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.mode == mode)
    }

    /// The command bound to `event` in `mode`, if any. `holds` says which
    /// conditions are true now; a binding whose condition holds wins over
    /// an unconditional one.
    pub fn lookup(
        &self,
        mode: Mode,
        event: KeyEvent,
        holds: impl Fn(Condition) -> bool,
    ) -> Option<Command> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let pressed = key::normalize(event.code, event.modifiers);
        let matches = |b: &&Binding| b.keys.iter().any(|k| k.normalized() == pressed);
        self.in_mode(mode)
            .filter(matches)
            .find(|b| b.when.is_some_and(&holds))
            .or_else(|| {
                self.in_mode(mode)
                    .filter(matches)
                    .find(|b| b.when.is_none())
            })
            .map(|b| b.command)
    }

    /// Every binding of `mode`, in table order.
    pub fn help(&self, mode: Mode) -> Vec<HelpRow> {
        self.in_mode(mode)
            .map(|b| HelpRow {
                keys: b.keys.iter().map(Key::label).collect::<Vec<_>>().join(", "),
                command: b.command,
                when: b.when,
            })
            .collect()
    }

    /// The key a hint shows for `command` in `mode`: the first key of its
    /// unconditional binding, else of any binding; `None` when unbound.
    pub fn hint(&self, mode: Mode, command: Command) -> Option<String> {
        let bound = |b: &&Binding| b.command == command && !b.keys.is_empty();
        self.in_mode(mode)
            .filter(bound)
            .find(|b| b.when.is_none())
            .or_else(|| self.in_mode(mode).find(bound))
            .and_then(|b| b.keys.first())
            .map(Key::label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn no_key_is_bound_twice_in_a_mode_under_one_condition() {
        let map = Keymap::default();
        for &mode in Mode::ALL {
            let mut seen = Vec::new();
            for b in map.in_mode(mode) {
                for k in &b.keys {
                    let n = (k.normalized(), b.when);
                    assert!(!seen.contains(&n), "{mode:?}: {k:?} bound twice");
                    seen.push(n);
                }
            }
        }
    }

    #[test]
    fn shifted_letters_match_with_or_without_shift() {
        let map = Keymap::default();
        let never = |_| false;
        let with = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        let without = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::NONE);
        assert_eq!(map.lookup(Mode::Browser, with, never), Some(Command::Last));
        assert_eq!(
            map.lookup(Mode::Browser, without, never),
            Some(Command::Last)
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for &mode in Mode::ALL {
            let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
            assert!(!mode.is_typing() || map.lookup(mode, q, never).is_none());
            assert_eq!(map.lookup(mode, ctrl_c, never), Some(Command::Quit));
        }
    }

    #[test]
    fn a_condition_that_holds_wins_over_the_plain_binding() {
        let map = Keymap::default();
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(
            map.lookup(Mode::Browser, esc, |_| false),
            Some(Command::Back)
        );
        assert_eq!(
            map.lookup(Mode::Browser, esc, |c| c == Condition::FilterSet),
            Some(Command::ClearFilter)
        );
        // A condition of another mode changes nothing here.
        assert_eq!(
            map.lookup(Mode::Browser, esc, |c| c == Condition::FindSet),
            Some(Command::Back)
        );
        let up = KeyEvent::new(KeyCode::Up, KeyModifiers::NONE);
        assert_eq!(
            map.lookup(Mode::Search, up, |c| c == Condition::QueryEmptyOrRecalled),
            Some(Command::History)
        );
        assert_eq!(map.lookup(Mode::Search, up, |_| false), Some(Command::Up));
    }

    #[test]
    fn hints_follow_rebinding() {
        let mut map = Keymap::default();
        assert_eq!(map.hint(Mode::Browser, Command::Quit).as_deref(), Some("q"));
        map.rebind(
            Mode::Browser,
            Command::Quit,
            vec![key::ch('Q'), key::ctrl('c')],
        );
        assert_eq!(map.hint(Mode::Browser, Command::Quit).as_deref(), Some("Q"));
        map.rebind(Mode::Browser, Command::Quit, Vec::new());
        assert_eq!(map.hint(Mode::Browser, Command::Quit), None);
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(map.lookup(Mode::Browser, q, |_| false), None);
    }
}
