//! The filter menu, the saved views, and the chips every footer shows.

use super::hints::Hints;
use crate::app::{FacetMenu, MenuRow, State, ViewScreen, ViewsMenu};
use crate::command::Command;
use crate::keymap::Mode;
use crate::layout;
use crate::text::clean_inline;
use crate::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use tui_input::Input;

/// The chips in force, as `⧩ party:ru stance:red-line`, for a footer.
pub fn chips(state: &State, theme: Theme) -> Vec<Span<'static>> {
    if state.narrow.is_empty() {
        return Vec::new();
    }
    let mut out = vec![Span::styled("⧩ ", theme.key())];
    for chip in &state.narrow.chips {
        let style = if chip.starts_with(['-', '!']) {
            theme.error()
        } else {
            theme.key()
        };
        out.push(Span::styled(format!("[{}]", clean_inline(chip)), style));
        out.push(Span::raw(" "));
    }
    out
}

/// The key hints, or the message of the last action (a view saved, a
/// chip dropped) until the next key.
fn footer(f: &mut Frame, area: Rect, state: &State, hints: Hints, theme: Theme) {
    let line = match &state.message {
        Some(m) => Line::styled(format!(" {}", clean_inline(m)), theme.key()),
        None => Line::from(hints.spans(theme)),
    };
    f.buffer_mut().set_line(area.x, area.y, &line, area.width);
}

/// Beside a menu's list: what the selection holds or does.
fn side_panel(f: &mut Frame, area: Rect, lines: Vec<Line>, theme: Theme) {
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::new()
                .borders(Borders::ALL)
                .border_style(theme.border(false)),
        ),
        area,
    );
}

fn frame(f: &mut Frame, area: Rect, title: String, theme: Theme) {
    f.render_widget(
        Block::new()
            .borders(Borders::ALL)
            .border_style(theme.border(true))
            .title(Span::styled(title, theme.title(true))),
        area,
    );
}

pub fn facets(f: &mut Frame, area: Rect, state: &State, menu: &FacetMenu, theme: Theme) {
    let a = layout::menu(area);
    frame(
        f,
        a.frame,
        format!(" Filters · {} of {} positions ", menu.kept, menu.total),
        theme,
    );
    let chosen = |clause: &str| -> Option<bool> {
        state.narrow.chips.iter().find_map(|c| {
            if c == clause {
                Some(true)
            } else {
                (c.strip_prefix(['-', '!']) == Some(clause)).then_some(false)
            }
        })
    };
    let end = menu
        .rows
        .len()
        .min(menu.cursor.offset + usize::from(a.list.height));
    let count_width = 6;
    for (y, i) in (a.list.y..).zip(menu.cursor.offset..end) {
        let row = Rect {
            y,
            height: 1,
            ..a.list
        };
        let buf = f.buffer_mut();
        match menu.rows[i] {
            MenuRow::Facet(k) => {
                let title = menu.counts[k].facet.title();
                buf.set_line(row.x, y, &Line::styled(title, theme.strong()), row.width);
            }
            MenuRow::Value(k, v) => {
                let value = &menu.counts[k].values[v];
                let (mark, style) = match chosen(&value.clause) {
                    Some(true) => ("✓", theme.key()),
                    Some(false) => ("✗", theme.error()),
                    None => (" ", Style::new()),
                };
                let label = clean_inline(&value.label);
                let width = usize::from(row.width).saturating_sub(6 + count_width);
                let label = crate::text::truncate_end(&label, width);
                let line = Line::from(vec![
                    Span::raw("  "),
                    Span::styled(format!("{mark} "), style),
                    Span::styled(label, style),
                ]);
                buf.set_line(row.x, y, &line, row.width);
                let count = format!("{:>count_width$}", value.count);
                let x = row.right().saturating_sub(count_width as u16);
                buf.set_string(x, y, count, theme.dim());
                if i == menu.cursor.selected {
                    buf.set_style(row, theme.selected(true));
                }
            }
        }
    }
    if menu.rows.is_empty() {
        f.buffer_mut().set_line(
            a.list.x,
            a.list.y,
            &Line::styled("nothing to filter by", theme.dim()),
            a.list.width,
        );
    }
    // Beside the list: what is chosen, and the clause each choice types.
    let mut side = vec![Line::styled("Chips", theme.strong())];
    if state.narrow.is_empty() {
        side.push(Line::styled(
            "none: every view shows everything",
            theme.dim(),
        ));
    } else {
        side.push(Line::from(chips(state, theme)));
    }
    side.push(Line::raw(""));
    if let Some(clause) = menu.clause() {
        side.push(Line::from(vec![
            Span::styled("Selected: ", theme.dim()),
            Span::raw(clean_inline(clause).into_owned()),
        ]));
    }
    side.push(Line::styled(
        "The same clauses can be typed in the search palette and pane filters.",
        theme.dim(),
    ));
    side_panel(f, a.side, side, theme);
    let hints = Hints::new(&state.keymap, Mode::Facets)
        .hint(&[Command::Toggle])
        .hint(&[Command::Exclude])
        .hint(&[Command::Back])
        .hint(&[Command::NextSection, Command::PrevSection])
        .hint(&[Command::ClearChips])
        .hint(&[Command::ToggleHelp])
        .hint(&[Command::FromDate])
        .hint(&[Command::UntilDate]);
    footer(f, a.footer, state, hints, theme);
}

pub fn views(
    f: &mut Frame,
    area: Rect,
    state: &State,
    menu: &ViewsMenu,
    naming: Option<&Input>,
    theme: Theme,
) {
    let a = layout::menu(area);
    frame(
        f,
        a.frame,
        format!(" Saved views · {} ", clean_inline(&state.data.ds.title)),
        theme,
    );
    let mine = crate::app::update::saved_views(state);
    let screen = |s: ViewScreen| match s {
        ViewScreen::Browser => "browser",
        ViewScreen::Matrix => "matrix",
        ViewScreen::Timeline => "timeline",
    };
    let end = mine
        .len()
        .min(menu.cursor.offset + usize::from(a.list.height));
    for (y, k) in (a.list.y..).zip(menu.cursor.offset..end) {
        let view = &state.views[mine[k]];
        let row = Rect {
            y,
            height: 1,
            ..a.list
        };
        let line = Line::from(vec![
            Span::styled(clean_inline(&view.name).into_owned(), theme.strong()),
            Span::styled(format!("  {}  ", screen(view.screen)), theme.dim()),
            Span::raw(clean_inline(&view.chips.join(" ")).into_owned()),
        ]);
        let buf = f.buffer_mut();
        buf.set_line(row.x, y, &line, row.width);
        if k == menu.cursor.selected && naming.is_none() {
            buf.set_style(row, theme.selected(true));
        }
    }
    if mine.is_empty() {
        let save = Hints::new(&state.keymap, Mode::Views).add_as(
            &[Command::SaveView],
            "saves the filters and screen as a view",
        );
        f.buffer_mut().set_line(
            a.list.x,
            a.list.y,
            &Line::styled(format!("No saved views. {}", save.text()), theme.dim()),
            a.list.width,
        );
    }
    if let Some(input) = naming {
        let y = a.list.bottom().saturating_sub(1);
        let line = Line::from(vec![
            Span::styled("Name: ", theme.key()),
            Span::raw(input.value().to_string()),
        ]);
        f.buffer_mut().set_line(a.list.x, y, &line, a.list.width);
        let x = a.list.x + 6 + input.visual_cursor() as u16;
        if x < a.list.right() {
            f.set_cursor_position(Position::new(x, y));
        }
    }
    // Beside the list: what the selected view holds.
    let mut side = Vec::new();
    if let Some(view) = mine.get(menu.cursor.selected).map(|&i| &state.views[i]) {
        side.push(Line::styled(
            clean_inline(&view.name).into_owned(),
            theme.strong(),
        ));
        side.push(Line::from(vec![
            Span::styled("opens ", theme.dim()),
            Span::raw(screen(view.screen)),
        ]));
        for chip in &view.chips {
            side.push(Line::raw(format!("⧩ {}", clean_inline(chip))));
        }
        for (pane, filter) in ["parties", "issues", "positions", "quotes"]
            .iter()
            .zip(&view.filters)
            .filter(|(_, f)| !f.is_empty())
        {
            side.push(Line::raw(format!("{pane} /{}", clean_inline(filter))));
        }
    }
    side_panel(f, a.side, side, theme);
    let hints = match naming {
        Some(_) => Hints::new(&state.keymap, Mode::ViewName)
            .add_as(&[Command::Accept], "saves")
            .hint(&[Command::Back]),
        None => Hints::new(&state.keymap, Mode::Views)
            .add_as(&[Command::Open], "recalls")
            .hint(&[Command::SaveView])
            .hint(&[Command::DeleteView])
            .hint(&[Command::Back])
            .hint(&[Command::ToggleHelp]),
    };
    footer(f, a.footer, state, hints, theme);
}
