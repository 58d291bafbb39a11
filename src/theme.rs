//! Colours and emphasis. A theme is a palette of colours by role, built
//! in (`dark`, `light`) or changed role by role from the config file.
//! With `NO_COLOR` only bold, reverse, underline and italic remain, and
//! every meaning is also carried by a word or a glyph.

use crate::model::{Stance, Status};
use ratatui::style::{Color, Modifier, Style};

/// Colours by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// The focused pane's border and title.
    pub focus: Color,
    /// Other panes' borders.
    pub border: Color,
    /// Keys in hints, marks, counters and messages.
    pub highlight: Color,
    /// Characters a search or filter matched.
    pub matched: Color,
    /// Secondary text: roles, dates, context.
    pub dim: Color,
    /// The quote in focus in a source text: text and background.
    pub quote: (Color, Color),
    /// Other quotes of the same source.
    pub other_quote: Color,
    /// Find matches, and the one in focus: text and background.
    pub find: (Color, Color),
    pub find_current: (Color, Color),
    /// Faulty items, orphaned quotes, a failed reload, and a query that
    /// cannot be run.
    pub error: Color,
    /// Warnings, and quotes found more than once.
    pub warning: Color,
    /// By `Stance::ALL` and `Status::ALL` order.
    pub stance: [Color; 10],
    pub status: [Color; 5],
}

impl Palette {
    /// For a dark background: parley's first theme.
    pub const DARK: Palette = Palette {
        focus: Color::Cyan,
        border: Color::DarkGray,
        highlight: Color::Yellow,
        matched: Color::Yellow,
        dim: Color::DarkGray,
        quote: (Color::Black, Color::Yellow),
        other_quote: Color::Yellow,
        find: (Color::Black, Color::Cyan),
        find_current: (Color::Black, Color::LightMagenta),
        error: Color::LightRed,
        warning: Color::Yellow,
        // demands proposes offers supports accepts skeptical opposes
        // rejects red-line unclear
        stance: [
            Color::Red,
            Color::LightBlue,
            Color::LightBlue,
            Color::Green,
            Color::Green,
            Color::Yellow,
            Color::LightRed,
            Color::LightRed,
            Color::Red,
            Color::Yellow,
        ],
        // open contested converging agreed deferred
        status: [
            Color::Blue,
            Color::Red,
            Color::Yellow,
            Color::Green,
            Color::DarkGray,
        ],
    };

    /// For a light background: no yellow text (it cannot be read on white)
    /// and borders in the text colour rather than grey.
    pub const LIGHT: Palette = Palette {
        focus: Color::Blue,
        border: Color::Reset,
        highlight: Color::Magenta,
        matched: Color::Blue,
        dim: Color::DarkGray,
        quote: (Color::Black, Color::LightYellow),
        other_quote: Color::Blue,
        find: (Color::Black, Color::LightCyan),
        find_current: (Color::White, Color::Magenta),
        error: Color::Red,
        warning: Color::Magenta,
        stance: [
            Color::Red,
            Color::Blue,
            Color::Blue,
            Color::Green,
            Color::Green,
            Color::DarkGray,
            Color::Magenta,
            Color::Magenta,
            Color::Red,
            Color::DarkGray,
        ],
        status: [
            Color::Blue,
            Color::Red,
            Color::Magenta,
            Color::Green,
            Color::DarkGray,
        ],
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// False under `NO_COLOR` or `--color never`.
    pub color: bool,
    pub palette: Palette,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::dark(true)
    }
}

/// `RedLine`, `red line`, `red-line` and `redline` all name one value.
fn key_of(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl Theme {
    pub fn dark(color: bool) -> Theme {
        Theme {
            color,
            palette: Palette::DARK,
        }
    }

    pub fn light(color: bool) -> Theme {
        Theme {
            color,
            palette: Palette::LIGHT,
        }
    }

    /// Every role a config file can colour, as it names them.
    pub fn roles() -> Vec<String> {
        let mut roles: Vec<String> = [
            "focus",
            "border",
            "highlight",
            "match",
            "dim",
            "quote",
            "quote-background",
            "other-quote",
            "find",
            "find-current",
            "error",
            "warning",
        ]
        .map(String::from)
        .to_vec();
        roles.extend(
            Stance::ALL
                .iter()
                .map(|s| format!("stance.{}", key_of(s.label()))),
        );
        roles.extend(
            Status::ALL
                .iter()
                .map(|s| format!("status.{}", key_of(s.label()))),
        );
        roles
    }

    /// Colours one role; false when no role has that name.
    pub fn set(&mut self, role: &str, colour: Color) -> bool {
        let p = &mut self.palette;
        let (group, name) = role.split_once('.').unwrap_or(("", role));
        let slot = match (key_of(group).as_str(), key_of(name).as_str()) {
            ("", "focus") => &mut p.focus,
            ("", "border") => &mut p.border,
            ("", "highlight") => &mut p.highlight,
            ("", "match") => &mut p.matched,
            ("", "dim") => &mut p.dim,
            ("", "quote") => &mut p.quote.0,
            ("", "quotebackground") => &mut p.quote.1,
            ("", "otherquote") => &mut p.other_quote,
            ("", "find") => &mut p.find.1,
            ("", "findcurrent") => &mut p.find_current.1,
            ("", "error") => &mut p.error,
            ("", "warning") => &mut p.warning,
            ("stance", word) => match Stance::ALL.iter().position(|s| key_of(s.label()) == word) {
                Some(i) => &mut p.stance[i],
                None => return false,
            },
            ("status", word) => match Status::ALL.iter().position(|s| key_of(s.label()) == word) {
                Some(i) => &mut p.status[i],
                None => return false,
            },
            _ => return false,
        };
        *slot = colour;
        true
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    fn on(self, (fg, bg): (Color, Color), mono: Modifier) -> Style {
        if self.color {
            Style::new().fg(fg).bg(bg)
        } else {
            Style::new().add_modifier(mono)
        }
    }

    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(self.palette.focus).add_modifier(Modifier::BOLD)
        } else {
            self.fg(self.palette.border)
        }
    }

    pub fn title(self, focused: bool) -> Style {
        if focused {
            self.fg(self.palette.focus).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// The selected row: reversed in the focused pane, bold and underlined
    /// elsewhere so the selection of other panes stays visible. No
    /// background there: dimmed text on a grey one could not be read.
    pub fn selected(self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(self.palette.dim)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn strong(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn key(self) -> Style {
        self.fg(self.palette.highlight).add_modifier(Modifier::BOLD)
    }

    /// Characters a search or filter matched.
    pub fn matched(self) -> Style {
        self.fg(self.palette.matched)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Every find match in a source text, as less shows them: over quote
    /// highlighting, since the find is what the reader is looking for.
    pub fn find_match(self) -> Style {
        self.on(self.palette.find, Modifier::REVERSED)
    }

    /// The find match in focus, apart from the others.
    pub fn find_current(self) -> Style {
        self.on(
            self.palette.find_current,
            Modifier::REVERSED | Modifier::ITALIC,
        )
        .add_modifier(Modifier::BOLD)
    }

    /// The quote in focus in a source text.
    pub fn quote(self) -> Style {
        self.on(self.palette.quote, Modifier::REVERSED)
    }

    /// Other quotes in the same source.
    pub fn other_quote(self) -> Style {
        self.fg(self.palette.other_quote)
            .add_modifier(Modifier::UNDERLINED)
    }

    /// A faulty item's mark, an orphaned quote, a failed reload, a query
    /// that cannot be run: bold as well, to be seen without colour.
    pub fn error(self) -> Style {
        self.fg(self.palette.error).add_modifier(Modifier::BOLD)
    }

    /// A warning, a quote found more than once.
    pub fn warning(self) -> Style {
        self.fg(self.palette.warning)
    }

    /// The banner of a failed reload: it must be seen on any screen.
    pub fn banner(self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(self.palette.error)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn stance(self, s: Stance) -> Style {
        let i = Stance::ALL.iter().position(|&x| x == s).unwrap_or(0);
        self.fg(self.palette.stance[i]).add_modifier(Modifier::BOLD)
    }

    pub fn status(self, s: Status) -> Style {
        let i = Status::ALL.iter().position(|&x| x == s).unwrap_or(0);
        self.fg(self.palette.status[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_can_be_set_by_its_name() {
        let mut t = Theme::dark(true);
        for role in Theme::roles() {
            assert!(t.set(&role, Color::Rgb(1, 2, 3)), "{role}");
        }
        assert!(t.set("stance.RedLine", Color::White));
        assert!(t.set("Status.Contested", Color::White));
        assert!(!t.set("stance.angry", Color::White));
        assert!(!t.set("colour", Color::White));
        assert_eq!(t.palette.stance[8], Color::White);
    }
}
