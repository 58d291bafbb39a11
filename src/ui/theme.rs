//! Colours and emphasis. With `NO_COLOR`, only bold, reverse and underline
//! remain, and every meaning is also carried by a word or a glyph.

use crate::model::{Stance, Status};
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Color::DarkGray)
        }
    }

    pub fn title(self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
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
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn strong(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// Characters a search or filter matched.
    pub fn matched(self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Every find match in a source text, as less shows them: over quote
    /// highlighting, since the find is what the reader is looking for.
    pub fn find_match(self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Cyan)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The find match in focus, apart from the others.
    pub fn find_current(self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(Color::LightMagenta)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::ITALIC)
        }
    }

    /// The quote in focus in a source text.
    pub fn quote(self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Yellow)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// Other quotes in the same source.
    pub fn other_quote(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::UNDERLINED)
    }

    pub fn stance(self, s: Stance) -> Style {
        let c = match s {
            Stance::Demands | Stance::RedLine => Color::Red,
            Stance::Rejects | Stance::Opposes => Color::LightRed,
            Stance::Skeptical | Stance::Unclear => Color::Yellow,
            Stance::Proposes | Stance::Offers => Color::LightBlue,
            Stance::Supports | Stance::Accepts => Color::Green,
        };
        self.fg(c).add_modifier(Modifier::BOLD)
    }

    pub fn status(self, s: Status) -> Style {
        let c = match s {
            Status::Open => Color::Blue,
            Status::Contested => Color::Red,
            Status::Converging => Color::Yellow,
            Status::Agreed => Color::Green,
            Status::Deferred => Color::DarkGray,
        };
        self.fg(c)
    }
}
