//! The Problems pane, the loading screen, and the banner of a failed
//! reload.

use super::anchor::{code, severity_style};
use super::hints::Hints;
use super::list::{ListPane, Row};
use crate::app::{LoadingView, ProblemsView, State};
use crate::command::Command;
use crate::keymap::Mode;
use crate::layout;
use crate::model::Diagnostic;
use crate::text::clean_inline;
use crate::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// `opens.ron:12:5`: the file's last component, for a row; the detail
/// shows the whole path.
fn place(d: &Diagnostic) -> String {
    let name = d.file.rsplit(['/', '\\']).next().unwrap_or(&d.file);
    format!("{name}:{}:{}", d.line, d.column)
}

pub fn render(f: &mut Frame, area: Rect, state: &State, view: &ProblemsView, theme: Theme) {
    let a = layout::problems(area);
    let list = state.problems();
    let title = match &state.reload_failure {
        Some(_) => format!(" Problems · the file no longer loads ({}) ", list.len()),
        None => {
            let p = &state.data.problems;
            format!(
                " Problems · {} ",
                crate::app::update::counts(p.errors(), p.warnings())
            )
        }
    };
    let pane = ListPane {
        filter: None,
        title,
        focused: true,
        cursor: view.cursor,
        len: list.len(),
        empty: match &state.reload_failure {
            // The file could not be read: the banner says why.
            Some(failure) => failure.summary.as_str(),
            None => "No problems: every item is sound.",
        },
        theme,
        row: |i| {
            let d = &list[i];
            Row::new(Line::from(vec![
                Span::styled(format!("{:<13} ", code(d)), severity_style(d, theme)),
                Span::styled(format!("{} ", place(d)), theme.dim()),
                Span::raw(d.message.as_str()),
            ]))
        },
    };
    f.render_widget(pane, a.list);
    detail(f, a.detail, state, list.get(view.cursor.selected), theme);
    let hints = Hints::new(&state.keymap, Mode::Problems)
        .hint(&[Command::ToggleHelp])
        .hint(&[Command::Down, Command::Up])
        .hint(&[Command::Open])
        .hint(&[Command::Reload])
        .hint(&[Command::Back])
        .hint(&[Command::Quit]);
    let line = Line::from(hints.spans(theme));
    f.buffer_mut()
        .set_line(a.footer.x, a.footer.y, &line, a.footer.width);
}

/// The selected problem in full: where, what, and the help.
fn detail(f: &mut Frame, area: Rect, state: &State, d: Option<&Diagnostic>, theme: Theme) {
    let Some(d) = d else {
        f.render_widget(Block::bordered().border_style(theme.border(false)), area);
        return;
    };
    let mut lines = vec![Line::raw(d.message.as_str())];
    if let Some(label) = &d.label {
        lines.push(Line::styled(format!("  {label}"), theme.dim()));
    }
    for h in &d.help {
        lines.push(Line::styled(format!("help: {h}"), theme.dim()));
    }
    if let Some(id) = &d.id {
        let kind = d.item.map_or("item", |i| i.kind().as_str());
        let hint = Hints::new(&state.keymap, Mode::Problems).hint(&[Command::Open]);
        let mut about = format!("about {kind} `{}`", clean_inline(id));
        if !hint.is_empty() {
            about.push_str(&format!(" · {}", hint.text()));
        }
        lines.push(Line::styled(about, theme.dim()));
    }
    let title = format!(" {} · {}:{}:{} ", code(d), d.file, d.line, d.column);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(false))
        .title(Span::styled(title, severity_style(d, theme)));
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// Cells of the progress bar.
const BAR: usize = 40;

/// The loading screen: what is loading, the phase and how far it is.
pub fn loading(f: &mut Frame, area: Rect, state: &State, view: &LoadingView, theme: Theme) {
    let rect = layout::loading(area);
    let mut lines = vec![Line::from(vec![
        Span::raw("Loading "),
        Span::styled(view.name.as_str(), theme.strong()),
    ])];
    match view.progress {
        Some(p) => {
            let percent = p.percent() as usize;
            let bar = usize::from(rect.width.saturating_sub(10)).min(BAR);
            let full = bar * percent.min(100) / 100;
            lines.push(Line::styled(p.phase.word(), theme.dim()));
            lines.push(Line::from(vec![
                Span::styled("█".repeat(full), theme.key()),
                Span::styled("░".repeat(bar - full), theme.dim()),
                Span::raw(format!(" {percent:>3}%")),
            ]));
        }
        None => lines.push(Line::styled("starting", theme.dim())),
    }
    let n = view.queued.len();
    if n > 0 {
        lines.push(Line::styled(
            format!(
                "{n} key{} typed ahead, kept for when it is shown",
                if n == 1 { "" } else { "s" }
            ),
            theme.dim(),
        ));
    }
    let quit = Hints::new(&state.keymap, Mode::Loading).hint(&[Command::Quit]);
    if !quit.is_empty() {
        lines.push(Line::from(quit.spans(theme)));
    }
    let block = Block::bordered()
        .border_style(theme.border(true))
        .title(Span::styled(" parley ", theme.title(true)));
    f.render_widget(Clear, rect);
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        rect,
    );
}

/// A line across the top of any screen while the file on disk does not
/// load: the data below is the last version that did.
pub fn banner(f: &mut Frame, area: Rect, state: &State, theme: Theme) {
    let Some(failure) = &state.reload_failure else {
        return;
    };
    if area.height == 0 {
        return;
    }
    let hints = Hints::new(&state.keymap, state.mode())
        .hint(&[Command::Problems])
        .hint(&[Command::Reload]);
    // The keys first: a long message is cut at the window's edge.
    let mut text = format!(" reload failed · {}", failure.summary);
    if !hints.is_empty() {
        text = format!(" reload failed · {} · {}", hints.text(), failure.summary);
    }
    text.push_str(" · showing the last version that loaded");
    let row = Rect { height: 1, ..area };
    f.render_widget(Clear, row);
    f.buffer_mut()
        .set_line(row.x, row.y, &Line::styled(text, theme.banner()), row.width);
    f.buffer_mut().set_style(row, theme.banner());
}
