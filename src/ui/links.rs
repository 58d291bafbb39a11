//! The links menu: what the focused item links to and what links to it,
//! drawn over the preview that lists them.

use super::hints::Hints;
use super::list::{ListPane, Row, place};
use crate::analysis::describe;
use crate::app::{LinksMenu, State};
use crate::command::Command;
use crate::keymap::Mode;
use crate::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

pub fn render(f: &mut Frame, area: Rect, state: &State, menu: &LinksMenu, theme: Theme) {
    // A hidden or zoomed-away preview still gets a place to show the menu.
    let area = if area.width < 20 || area.height < 4 {
        let full = state.area();
        Rect::new(
            full.width / 4,
            full.height / 4,
            full.width / 2,
            full.height / 2,
        )
    } else {
        area
    };
    let hints = Hints::new(&state.keymap, Mode::Links)
        .hint(&[Command::Open])
        .hint(&[Command::Back]);
    let title = format!(" Links of {} ", describe(&state.data, menu.of));
    f.render_widget(Clear, area);
    let pane = ListPane {
        filter: None,
        title,
        focused: true,
        cursor: menu.cursor,
        len: menu.items.len(),
        empty: "(no links)",
        theme,
        row: |i| {
            let r = &menu.items[i];
            Row::new(Line::from(vec![
                Span::styled(format!("{}: ", r.label), theme.dim()),
                Span::raw(describe(&state.data, r.target)),
            ]))
        },
    };
    f.render_widget(pane, area);
    // The keys on the bottom border, where a long title cannot push them
    // out of sight, left of where the list is.
    if area.height > 2 {
        // Its place is ASCII: a character a cell.
        let room = place(menu.cursor.selected, menu.items.len(), area.height - 2)
            .map_or(0, |p| p.len() as u16 + 1);
        let width = area.width.saturating_sub(6 + room);
        let text = hints.text_within(usize::from(width));
        if !text.is_empty() {
            f.buffer_mut().set_string(
                area.x + 2,
                area.bottom() - 1,
                format!(" {text} "),
                theme.dim(),
            );
        }
    }
}
