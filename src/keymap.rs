//! Which key does what, per mode. The help overlay is generated from this
//! same table, so the two cannot drift apart.

use crate::app::command::Command;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Main,
    Source,
    Help,
    /// A review session, one item at a time.
    Review,
    /// Writing a note in the inline editor.
    Note,
    /// The search palette.
    Search,
    /// Typing a pane filter.
    Filter,
    /// Typing a find in the source viewer.
    Find,
}

impl Mode {
    pub const ALL: [Mode; 6] = [
        Mode::Main,
        Mode::Source,
        Mode::Help,
        Mode::Search,
        Mode::Filter,
        Mode::Find,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Mode::Main => "browser",
            Mode::Source => "source viewer",
            Mode::Help => "help",
            Mode::Review => "review",
            Mode::Note => "note editor",
            Mode::Search => "search palette",
            Mode::Filter => "pane filter",
            Mode::Find => "find in source",
        }
    }

    /// Modes where unbound keys type text.
    pub fn is_typing(self) -> bool {
        matches!(self, Mode::Search | Mode::Filter | Mode::Find | Mode::Note)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::ALT,
    }
}

pub struct Binding {
    pub mode: Mode,
    pub keys: &'static [Key],
    pub command: Command,
}

const fn bind(mode: Mode, keys: &'static [Key], command: Command) -> Binding {
    Binding {
        mode,
        keys,
        command,
    }
}

use Command as C;
use KeyCode as K;
use Mode::{Filter, Find, Help, Main, Note, Review, Search, Source};

const DOWN: &[Key] = &[ch('j'), key(K::Down)];
const UP: &[Key] = &[ch('k'), key(K::Up)];
const FIRST: &[Key] = &[ch('g'), key(K::Home)];
const LAST: &[Key] = &[ch('G'), key(K::End)];
const PAGE_DOWN: &[Key] = &[ctrl('d'), key(K::PageDown)];
const PAGE_UP: &[Key] = &[ctrl('u'), key(K::PageUp)];
// Terminals send Ctrl-i as Tab unless they speak the kitty keyboard
// protocol, so Alt-arrows are there for the rest.
const JUMP_BACK: &[Key] = &[ctrl('o'), alt(K::Left)];
const JUMP_FORWARD: &[Key] = &[ctrl('i'), alt(K::Right)];
const HELP: &[Key] = &[ch('?')];
const QUIT: &[Key] = &[ch('q'), ctrl('c')];

/// The default key bindings.
pub const BINDINGS: &[Binding] = &[
    bind(Main, DOWN, C::Down),
    bind(Main, UP, C::Up),
    bind(Main, FIRST, C::First),
    bind(Main, LAST, C::Last),
    bind(Main, PAGE_DOWN, C::PageDown),
    bind(Main, PAGE_UP, C::PageUp),
    bind(Main, &[key(K::Tab), ch('l'), key(K::Right)], C::NextPane),
    bind(Main, &[key(K::BackTab), ch('h'), key(K::Left)], C::PrevPane),
    bind(Main, &[key(K::Enter)], C::Open),
    bind(Main, &[key(K::Esc), key(K::Backspace)], C::Back),
    bind(Main, JUMP_BACK, C::JumpBack),
    bind(Main, JUMP_FORWARD, C::JumpForward),
    bind(Main, &[ch('/')], C::Search),
    bind(Main, &[ch('f')], C::Filter),
    bind(Main, &[ch('r')], C::StartReview),
    // In the browser `f` filters, so flagging is `F`.
    bind(Main, &[ch('a')], C::MarkVerified),
    bind(Main, &[ch('x')], C::MarkDisputed),
    bind(Main, &[ch('F')], C::MarkFlagged),
    bind(Main, &[ch('s')], C::MarkSkipped),
    bind(Main, &[ch('u')], C::Undo),
    bind(Main, &[ch('n')], C::Note),
    bind(Main, &[ch('e'), ctrl('e')], C::EditNote),
    bind(Main, HELP, C::ToggleHelp),
    bind(Main, QUIT, C::Quit),
    bind(Source, DOWN, C::Down),
    bind(Source, UP, C::Up),
    bind(Source, FIRST, C::First),
    bind(Source, LAST, C::Last),
    bind(Source, &[ctrl('d'), key(K::PageDown), ch(' ')], C::PageDown),
    bind(Source, PAGE_UP, C::PageUp),
    bind(Source, &[ch('n')], C::NextQuote),
    bind(Source, &[ch('N')], C::PrevQuote),
    bind(Source, &[ch('/')], C::Find),
    bind(
        Source,
        &[key(K::Esc), key(K::Backspace), ch('h'), key(K::Left)],
        C::Back,
    ),
    bind(Source, JUMP_BACK, C::JumpBack),
    bind(Source, JUMP_FORWARD, C::JumpForward),
    bind(Source, HELP, C::ToggleHelp),
    bind(Source, QUIT, C::Quit),
    bind(Help, DOWN, C::Down),
    bind(Help, UP, C::Up),
    bind(Help, &[key(K::Esc), key(K::Backspace)], C::Back),
    bind(Help, HELP, C::ToggleHelp),
    bind(Help, QUIT, C::Quit),
    // In typing modes only keys that do not type are bound; the rest edit
    // the text (see `TYPING_HELP`).
    bind(Search, &[key(K::Down), ctrl('n')], C::Down),
    bind(Search, &[key(K::Up), ctrl('p')], C::Up),
    bind(Search, &[key(K::PageDown)], C::PageDown),
    bind(Search, &[key(K::PageUp)], C::PageUp),
    bind(Search, &[key(K::Tab)], C::NextScope),
    bind(Search, &[key(K::BackTab)], C::PrevScope),
    bind(Search, &[ctrl('r')], C::History),
    bind(Search, &[key(K::Enter)], C::Open),
    bind(Search, &[key(K::Esc)], C::Back),
    bind(Search, &[key(K::F(1))], C::ToggleHelp),
    bind(Search, &[ctrl('c')], C::Quit),
    bind(Filter, &[key(K::Down)], C::Down),
    bind(Filter, &[key(K::Up)], C::Up),
    bind(Filter, &[key(K::Enter)], C::Accept),
    bind(Filter, &[key(K::Esc)], C::Back),
    bind(Filter, &[key(K::F(1))], C::ToggleHelp),
    bind(Filter, &[ctrl('c')], C::Quit),
    bind(Find, &[key(K::Enter)], C::Accept),
    bind(Find, &[key(K::Esc)], C::Back),
    bind(Find, &[key(K::F(1))], C::ToggleHelp),
    bind(Find, &[ctrl('c')], C::Quit),
    bind(Review, &[ch('a')], C::MarkVerified),
    bind(Review, &[ch('x')], C::MarkDisputed),
    bind(Review, &[ch('f')], C::MarkFlagged),
    bind(Review, &[ch('s')], C::MarkSkipped),
    bind(Review, &[ch('u')], C::Undo),
    bind(Review, &[ch('n')], C::Note),
    bind(Review, &[ch('e'), ctrl('e')], C::EditNote),
    bind(Review, &[ch(']')], C::NextUnreviewed),
    bind(Review, &[ch('[')], C::PrevUnreviewed),
    bind(Review, &[ch('l'), key(K::Right)], C::NextItem),
    bind(Review, &[ch('h'), key(K::Left)], C::PrevItem),
    bind(Review, DOWN, C::Down),
    bind(Review, UP, C::Up),
    bind(Review, &[key(K::Tab)], C::NextQuoteInItem),
    bind(Review, &[key(K::Enter)], C::Open),
    bind(Review, &[key(K::Esc), key(K::Backspace)], C::Back),
    bind(Review, JUMP_BACK, C::JumpBack),
    bind(Review, JUMP_FORWARD, C::JumpForward),
    bind(Review, HELP, C::ToggleHelp),
    bind(Review, QUIT, C::Quit),
    bind(Note, &[key(K::Esc)], C::Accept),
    bind(Note, &[ctrl('e')], C::EditNote),
    bind(Note, &[key(K::F(1))], C::ToggleHelp),
    bind(Note, &[ctrl('c')], C::Quit),
];

/// Shown under the bindings of the note editor.
pub const NOTE_HELP: &str = "Other keys edit the note: arrows move, Enter starts a line, Ctrl-w deletes a word, Ctrl-k to the end of the line, Ctrl-u undoes, Ctrl-r redoes.";

/// Shown under the bindings of typing modes.
pub const TYPING_HELP: &str =
    "Other keys edit the text: ←/→, Home/End, Backspace, Ctrl-w deletes a word, Ctrl-u the line.";

/// Shift is part of the character for letters and symbols (`G`, `?`), and
/// terminals disagree on whether they report it, so it is ignored there.
fn normalize(code: KeyCode, mods: KeyModifiers) -> (KeyCode, KeyModifiers) {
    match code {
        KeyCode::Char(_) | KeyCode::BackTab => (code, mods - KeyModifiers::SHIFT),
        _ => (code, mods),
    }
}

/// The command bound to `event` in `mode`, if any.
pub fn lookup(mode: Mode, event: KeyEvent) -> Option<Command> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let pressed = normalize(event.code, event.modifiers);
    BINDINGS
        .iter()
        .filter(|b| b.mode == mode)
        .find(|b| b.keys.iter().any(|k| normalize(k.code, k.mods) == pressed))
        .map(|b| b.command)
}

/// How a key is written in help and hints.
pub fn key_label(k: &Key) -> String {
    let base = match k.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "↓".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    let mut label = String::new();
    if k.mods.contains(KeyModifiers::CONTROL) {
        label.push_str("Ctrl-");
    }
    if k.mods.contains(KeyModifiers::ALT) {
        label.push_str("Alt-");
    }
    label.push_str(&base);
    label
}

/// One line of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    pub keys: String,
    pub command: Command,
}

/// Every binding of `mode`, in table order.
pub fn help(mode: Mode) -> Vec<HelpRow> {
    BINDINGS
        .iter()
        .filter(|b| b.mode == mode)
        .map(|b| HelpRow {
            keys: b.keys.iter().map(key_label).collect::<Vec<_>>().join(", "),
            command: b.command,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for mode in Mode::ALL {
            let mut seen = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.mode == mode) {
                for k in b.keys {
                    let n = normalize(k.code, k.mods);
                    assert!(!seen.contains(&n), "{mode:?}: {k:?} bound twice");
                    seen.push(n);
                }
            }
        }
    }

    #[test]
    fn shifted_letters_match_with_or_without_shift() {
        let with = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        let without = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::NONE);
        assert_eq!(lookup(Mode::Main, with), Some(Command::Last));
        assert_eq!(lookup(Mode::Main, without), Some(Command::Last));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in Mode::ALL {
            assert!(
                !mode.is_typing()
                    || lookup(mode, KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE))
                        .is_none()
            );
            assert_eq!(lookup(mode, ctrl_c), Some(Command::Quit));
        }
    }
}
