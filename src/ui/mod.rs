//! Rendering: a pure function of the state. Nothing here changes state.

pub mod anchor;
pub mod help;
mod highlight;
pub mod hints;
mod links;
mod list;
mod matrix;
pub mod menus;
mod palette;
pub mod panes;
pub mod preview;
pub mod problems;
pub mod review;
mod source;
pub mod status;
mod timeline;

use crate::app::{MainOverlay, NoteEditor, Screen, State};
use crate::command::Command;
use crate::keymap::Mode;
use crate::layout;
use crate::model::{Quote, Source, Status};
use crate::theme::Theme;
use hints::Hints;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

pub fn render(f: &mut Frame, state: &State) {
    let theme = state.theme;
    let window = f.area();
    if layout::too_small(window) {
        too_small(f, window, state, theme);
        return;
    }
    let area = layout::below_banner(window, state.reload_failure.is_some());
    match &state.screen {
        Screen::Main(overlay) => {
            let a = layout::main(area, state.main.shape());
            panes::parties(f, a.parties, state, theme);
            panes::issues(f, a.issues, state, theme);
            panes::positions(f, a.positions, state, theme);
            panes::quotes(f, a.quotes, state, theme);
            preview::render(f, a.preview, state, preview::Preview::of_main(state), theme);
            status::render(f, a.status, state, theme);
            match overlay {
                Some(MainOverlay::Palette(p)) => palette::render(f, area, state, p, theme),
                Some(MainOverlay::Note(editor)) => note_editor(f, area, state, editor, theme),
                Some(MainOverlay::Links(menu)) => links::render(f, a.preview, state, menu, theme),
                Some(MainOverlay::Filter(_)) | None => {}
            }
        }
        Screen::Source(view, _) => {
            let a = layout::source(area);
            source::render(f, &a, state, view, theme);
            status::render(f, a.status, state, theme);
        }
        Screen::Matrix(view) => matrix::render(f, area, state, view, theme),
        Screen::Timeline(view) => timeline::render(f, area, state, view, theme),
        Screen::Facets(menu) => menus::facets(f, area, state, menu, theme),
        Screen::Views(menu, naming) => menus::views(f, area, state, menu, naming.as_ref(), theme),
        Screen::Problems(view) => problems::render(f, area, state, view, theme),
        Screen::Loading(view) => problems::loading(f, area, state, view, theme),
        Screen::Review(view, editor) => {
            review::render(f, area, state, view, theme);
            if let Some(editor) = editor {
                note_editor(f, area, state, editor, theme);
            }
        }
    }
    problems::banner(f, window, state, theme);
    if let Some(scroll) = state.help {
        help::render(f, area, state, scroll, theme);
    }
}

fn note_editor(f: &mut Frame, area: Rect, state: &State, editor: &NoteEditor, theme: Theme) {
    let hints = Hints::new(&state.keymap, Mode::Note)
        .add_as(&[Command::Accept], "saves")
        .add_as(&[Command::EditNote], "opens $EDITOR");
    let mut title = format!(
        " Note on {} {}",
        editor.item.kind().as_str(),
        state.data.id(editor.item)
    );
    if !hints.is_empty() {
        title.push_str(&format!(" · {}", hints.text()));
    }
    title.push(' ');
    let mut text = editor.text.clone();
    text.set_block(
        Block::bordered()
            .border_style(theme.border(true))
            .title(Span::styled(title, theme.title(true))),
    );
    let rect = layout::note_editor(area);
    f.render_widget(Clear, rect);
    f.render_widget(&*text, rect);
}

fn too_small(f: &mut Frame, area: Rect, state: &State, theme: Theme) {
    let mut text = vec![
        Line::styled("Window too small", theme.strong()),
        Line::raw(format!(
            "{}×{} — parley needs at least {}×{}",
            area.width,
            area.height,
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT
        )),
    ];
    let quit = Hints::new(&state.keymap, state.mode()).add_as(&[Command::Quit], "quits");
    if !quit.is_empty() {
        text.push(Line::styled(quit.text(), theme.dim()));
    }
    let y = area.height.saturating_sub(3) / 2;
    let rect = Rect {
        y: area.y + y,
        height: area.height.saturating_sub(y),
        ..area
    };
    f.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        rect,
    );
}

/// The name of a quote's speaker: a person, else a party, else its id.
pub(crate) fn speaker_name<'a>(state: &'a State, q: &'a Quote) -> Option<&'a str> {
    let id = q.speaker.as_deref()?;
    Some(state.data.index.speaker_name(&state.data.ds, id))
}

pub(crate) fn source_of<'a>(state: &'a State, q: &Quote) -> Option<&'a Source> {
    state
        .data
        .index
        .source(&q.source)
        .map(|s| &state.data.ds.sources[s])
}

/// A four-letter status badge for narrow panes.
pub(crate) fn short_status(s: Status) -> &'static str {
    match s {
        Status::Open => "Open",
        Status::Contested => "Cont",
        Status::Converging => "Conv",
        Status::Agreed => "Agrd",
        Status::Deferred => "Defr",
    }
}
