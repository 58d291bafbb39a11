//! The status bar: dataset, where you are, and key hints.

use super::theme::Theme;
use crate::app::{Pane, Screen, State};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Where the user is, like `Ukraine › Neutrality › position 2/3`.
pub fn breadcrumb(state: &State) -> String {
    let ds = &state.data.ds;
    let main = &state.main;
    match &state.screen {
        Screen::Source(view) => return format!("source › {}", ds.sources[view.source].title),
        Screen::Review(view) => return format!("review › {}", view.scope),
        Screen::Main => {}
    }
    let mut parts = vec![
        main.party()
            .map_or("All parties".to_string(), |p| ds.parties[p].name.clone()),
    ];
    let depth = Pane::ALL.iter().position(|&p| p == main.focus).unwrap_or(0);
    if depth >= 1
        && let Some(i) = main.issue()
    {
        parts.push(ds.issues[i].title.clone());
    }
    if depth >= 2 && !main.position_rows.is_empty() {
        parts.push(format!(
            "position {}/{}",
            main.positions.selected + 1,
            main.position_rows.len()
        ));
    }
    if depth >= 3 && !main.quote_rows.is_empty() {
        parts.push(format!(
            "quote {}/{}",
            main.quotes.selected + 1,
            main.quote_rows.len()
        ));
    }
    parts.join(" › ")
}

pub fn render(f: &mut Frame, area: Rect, state: &State, theme: Theme) {
    // Typing a find: the status line becomes its input, like less.
    if let (Screen::Source(_), Some(input)) = (&state.screen, &state.typing) {
        let line = Line::from(vec![
            Span::styled("/", theme.key()),
            Span::raw(input.value()),
        ]);
        f.buffer_mut().set_line(area.x, area.y, &line, area.width);
        let x = area.x + 1 + input.visual_cursor() as u16;
        if x < area.right() {
            f.set_cursor_position(ratatui::layout::Position::new(x, area.y));
        }
        return;
    }
    if let Some(message) = &state.message {
        let line = Line::styled(format!(" {message}"), theme.key());
        f.buffer_mut().set_line(area.x, area.y, &line, area.width);
        return;
    }
    let hints: &[(&str, &str)] = match state.screen {
        Screen::Main => &[
            ("?", "help"),
            ("/", "search"),
            ("f", "filter"),
            ("Enter", "open"),
            ("q", "quit"),
        ],
        Screen::Source(_) | Screen::Review(_) => &[
            ("?", "help"),
            ("/", "find"),
            ("n/N", "next"),
            ("Esc", "back"),
            ("q", "quit"),
        ],
    };
    let mut right = Vec::new();
    for (k, what) in hints {
        right.push(Span::styled(*k, theme.key()));
        right.push(Span::styled(format!(" {what}  "), theme.dim()));
    }
    let right = Line::from(right);
    let right_w = right.width() as u16;
    let left = Line::from(vec![
        Span::styled(format!(" {} ", state.data.ds.title), theme.strong()),
        Span::styled("│ ", theme.dim()),
        Span::raw(breadcrumb(state)),
    ]);
    let buf = f.buffer_mut();
    if right_w + 20 <= area.width {
        buf.set_line(area.right() - right_w, area.y, &right, right_w);
        buf.set_line(area.x, area.y, &left, area.width - right_w - 1);
    } else {
        buf.set_line(area.x, area.y, &left, area.width);
    }
}
