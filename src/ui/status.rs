//! The status bar: dataset, where you are, and key hints.

use super::hints::Hints;
use crate::app::{Pane, Screen, State};
use crate::command::Command;
use crate::keymap::Mode;
use crate::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Where the user is, like `Ukraine › Neutrality › position 2/3`.
pub fn breadcrumb(state: &State) -> String {
    let ds = &state.data.ds;
    let main = &state.main;
    if let Screen::Source(view, _) = &state.screen {
        return format!("source › {}", ds.sources[view.source].title);
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

/// The status bar of the browser and the source viewer (the review screen
/// has its own footer).
pub fn render(f: &mut Frame, area: Rect, state: &State, theme: Theme) {
    // Typing a find: the status line becomes its input, like less.
    if let Screen::Source(_, Some(input)) = &state.screen {
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
    if let Some(line) = notice(state, theme) {
        f.buffer_mut().set_line(area.x, area.y, &line, area.width);
        return;
    }
    let hints = match state.screen {
        Screen::Source(..) => Hints::new(&state.keymap, Mode::Source)
            .hint(&[Command::ToggleHelp])
            .hint(&[Command::Find])
            .hint(&[Command::NextQuote, Command::PrevQuote])
            .hint(&[Command::Back])
            .hint(&[Command::Quit]),
        _ => Hints::new(&state.keymap, Mode::Browser)
            .hint(&[Command::ToggleHelp])
            .hint(&[Command::Search])
            .hint(&[Command::Filter])
            .hint(&[Command::Open])
            .hint(&[Command::Quit]),
    };
    let right = Line::from(hints.spans(theme));
    let right_w = right.width() as u16;
    // Chips first: when the line is short, what is hidden matters more
    // than the dataset's name or where the cursor is.
    let mut left = vec![Span::raw(" ")];
    let chips = super::menus::chips(state, theme);
    if !chips.is_empty() {
        left.extend(chips);
        left.push(Span::styled("│ ", theme.dim()));
    }
    left.push(Span::styled(
        format!("{} ", state.data.ds.title),
        theme.strong(),
    ));
    left.push(Span::styled("│ ", theme.dim()));
    if let Some(why) = badge(state) {
        left.push(Span::styled(format!("{why} "), theme.key()));
    }
    let errors = state.data.problems.errors();
    if errors > 0 {
        left.push(Span::styled(
            format!(
                "[{} {errors} error{}] ",
                super::anchor::FAULT,
                if errors == 1 { "" } else { "s" }
            ),
            theme.error(),
        ));
    }
    left.push(Span::raw(breadcrumb(state)));
    let left = Line::from(left);
    let buf = f.buffer_mut();
    if right_w + 20 <= area.width {
        buf.set_line(area.right() - right_w, area.y, &right, right_w);
        buf.set_line(area.x, area.y, &left, area.width - right_w - 1);
    } else {
        buf.set_line(area.x, area.y, &left, area.width);
    }
}

/// A badge saying marks cannot be made, shown from the first frame: a
/// second parley on the same review file must know before a key is lost.
pub fn read_only(state: &State) -> Option<&'static str> {
    match (&state.review, &state.review_blocked) {
        (Some(_), Some(_)) => Some("[read-only]"),
        (None, Some(_)) => Some("[no review]"),
        _ => None,
    }
}

/// The badge of the status line: marks a failed save left unsaved (for
/// as long as they are), else why marks cannot be made.
pub fn badge(state: &State) -> Option<String> {
    match &state.unsaved {
        Some(u) if !u.items.is_empty() => Some(format!("[{} unsaved]", u.items.len())),
        _ => read_only(state).map(str::to_string),
    }
}

/// What a footer says instead of its hints, if anything: the question
/// quitting asks while marks are unsaved, else the message.
pub fn notice(state: &State, theme: Theme) -> Option<Line<'static>> {
    if let (true, Some(unsaved)) = (state.confirm_quit, &state.unsaved) {
        let n = unsaved.items.len();
        let hints =
            Hints::new(&state.keymap, state.mode()).add_as(&[Command::Quit], "quits without them");
        let mut spans = vec![Span::styled(
            format!(
                " {n} mark{} or note{} not saved · ",
                if n == 1 { "" } else { "s" },
                if n == 1 { "" } else { "s" },
            ),
            theme.key(),
        )];
        spans.extend(hints.spans(theme));
        spans.push(Span::styled(
            "· any other key stays and saves again",
            theme.dim(),
        ));
        return Some(Line::from(spans));
    }
    state
        .message
        .as_ref()
        .map(|m| Line::styled(format!(" {m}"), theme.key()))
}
