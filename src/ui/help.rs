//! The help overlay, generated from the keymap in force.

use super::hints::Hints;
use crate::app::State;
use crate::command::Command;
use crate::keymap::{self, Keymap, Mode};
use crate::layout;
use crate::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

/// The lines of help for `mode`: keys, then what they do.
pub fn lines(keymap: &Keymap, mode: Mode, theme: Theme) -> Vec<Line<'static>> {
    let rows = keymap.help(mode);
    let width = rows
        .iter()
        .map(|r| r.keys.width())
        .max()
        .unwrap_or(0)
        .min(28);
    let mut lines: Vec<Line<'static>> = rows
        .into_iter()
        .map(|r| {
            let pad = width.saturating_sub(r.keys.width());
            Line::from(vec![
                Span::styled(format!(" {}{} ", r.keys, " ".repeat(pad)), theme.key()),
                Span::raw(r.description()),
            ])
        })
        .collect();
    if mode.is_typing() {
        let text = if mode == Mode::Note {
            keymap::NOTE_HELP
        } else {
            keymap::TYPING_HELP
        };
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!(" {text}"), theme.dim()));
    }
    lines
}

pub fn render(f: &mut Frame, area: Rect, state: &State, scroll: usize, theme: Theme) {
    let beneath = state.mode_beneath_help();
    let popup = layout::help(area);
    let hints = Hints::new(&state.keymap, Mode::Help)
        .either_as(&[Command::Back, Command::ToggleHelp], "closes")
        .add_as(&[Command::Down, Command::Up], "scroll");
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Span::styled(
            format!(" Keys · {} ", beneath.title()),
            theme.title(true),
        ))
        .title_bottom(Span::styled(format!(" {} ", hints.text()), theme.dim()));
    let lines = lines(&state.keymap, beneath, theme);
    let scroll = scroll.min(lines.len().saturating_sub(1));
    f.render_widget(Clear, popup);
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll as u16, 0)),
        popup,
    );
}
