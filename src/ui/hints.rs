//! Key hints, generated from the keymap in force: no key name is written
//! by hand anywhere in the renderer, so a rebound key shows as rebound.

use crate::command::Command;
use crate::keymap::{Keymap, Mode};
use crate::theme::Theme;
use ratatui::text::Span;

/// Hints for one mode, like `? help  / search`. A hint lists the keys of
/// one or more commands (`n/N`) and the first command's word; a command
/// with no key is left out.
pub struct Hints<'k> {
    keymap: &'k Keymap,
    mode: Mode,
    items: Vec<(String, &'static str)>,
}

impl<'k> Hints<'k> {
    pub fn new(keymap: &'k Keymap, mode: Mode) -> Self {
        Hints {
            keymap,
            mode,
            items: Vec::new(),
        }
    }

    /// Adds a hint for `commands` (alternatives such as next and
    /// previous, shown as `n/N`), named by the first one's word.
    pub fn hint(self, commands: &[Command]) -> Self {
        let word = commands.first().map_or("", |c| c.hint());
        self.push(commands, "/", word)
    }

    /// Like [`Hints::hint`], with words that fit the place better than
    /// the command's own (`Enter opens the source at this quote`).
    pub fn add_as(self, commands: &[Command], words: &'static str) -> Self {
        self.push(commands, "/", words)
    }

    /// Commands that do the same thing here, as `Esc or ? closes`.
    pub fn either_as(self, commands: &[Command], words: &'static str) -> Self {
        self.push(commands, " or ", words)
    }

    fn push(mut self, commands: &[Command], join: &str, words: &'static str) -> Self {
        let keys: Vec<String> = commands
            .iter()
            .filter_map(|&c| self.keymap.hint(self.mode, c))
            .collect();
        if !keys.is_empty() {
            self.items.push((keys.join(join), words));
        }
        self
    }

    /// `? help · / search`, for a plain line.
    pub fn text(&self) -> String {
        self.items
            .iter()
            .map(|(k, w)| format!("{k} {w}"))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// [`Hints::text`], as many whole hints as fit in `width` columns.
    pub fn text_within(&self, width: usize) -> String {
        use unicode_width::UnicodeWidthStr;
        let mut out = String::new();
        for (k, w) in &self.items {
            let next = if out.is_empty() {
                format!("{k} {w}")
            } else {
                format!("{out} · {k} {w}")
            };
            if next.width() > width {
                break;
            }
            out = next;
        }
        out
    }

    /// Keys highlighted, words dimmed, for the status bar.
    pub fn spans(&self, theme: Theme) -> Vec<Span<'static>> {
        let mut out = Vec::new();
        for (k, w) in &self.items {
            out.push(Span::styled(k.clone(), theme.key()));
            out.push(Span::styled(format!(" {w}  "), theme.dim()));
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}
