//! Rendering: a pure function of the state. Nothing here changes state.

pub mod help;
mod highlight;
pub mod layout;
mod list;
mod palette;
mod panes;
pub mod preview;
pub mod review;
mod source;
pub mod status;
pub mod theme;

use crate::app::{Screen, State};
use crate::model::{Quote, Source, Status};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use theme::Theme;

pub fn render(f: &mut Frame, state: &State) {
    let theme = Theme { color: state.color };
    let area = f.area();
    if layout::too_small(area) {
        too_small(f, area, theme);
        return;
    }
    match &state.screen {
        Screen::Main => {
            let a = layout::main(area);
            panes::parties(f, a.parties, state, theme);
            panes::issues(f, a.issues, state, theme);
            panes::positions(f, a.positions, state, theme);
            panes::quotes(f, a.quotes, state, theme);
            preview::render(f, a.preview, state, preview::Target::of_main(state), theme);
            status::render(f, a.status, state, theme);
        }
        Screen::Source(view) => {
            let a = layout::source(area);
            source::render(f, &a, state, view, theme);
            status::render(f, a.status, state, theme);
        }
        Screen::Review(view) => {
            review::render(f, area, state, view, theme);
        }
    }
    if let Some(editor) = &state.note_editor {
        let mut text = editor.text.clone();
        text.set_block(
            ratatui::widgets::Block::bordered()
                .border_style(theme.border(true))
                .title(ratatui::text::Span::styled(
                    format!(
                        " Note on {} {} · Esc saves · Ctrl-e opens $EDITOR ",
                        editor.kind.label(),
                        note_target_id(state, editor)
                    ),
                    theme.title(true),
                )),
        );
        let rect = layout::note_editor(area);
        f.render_widget(ratatui::widgets::Clear, rect);
        f.render_widget(&text, rect);
    }
    if let Some(p) = &state.palette {
        palette::render(f, area, state, p, theme);
    }
    if let Some(scroll) = state.help {
        let mode = crate::app::mode_beneath_help(state);
        help::render(f, area, mode, scroll, theme);
    }
}

fn too_small(f: &mut Frame, area: Rect, theme: Theme) {
    let text = vec![
        Line::styled("Window too small", theme.strong()),
        Line::raw(format!(
            "{}×{} — parley needs at least {}×{}",
            area.width,
            area.height,
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT
        )),
        Line::styled("q quits", theme.dim()),
    ];
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

fn note_target_id<'a>(state: &'a State, editor: &crate::app::NoteEditor) -> &'a str {
    let ds = &state.data.ds;
    let id = match editor.kind {
        crate::review::ItemKind::Position => ds.positions.get(editor.item).map(|x| &x.id),
        crate::review::ItemKind::Quote => ds.quotes.get(editor.item).map(|x| &x.id),
        crate::review::ItemKind::Issue => ds.issues.get(editor.item).map(|x| &x.id),
    };
    id.map_or("", String::as_str)
}

/// The name of a quote's speaker: a person, else a party, else its id.
pub(crate) fn speaker_name<'a>(state: &'a State, q: &'a Quote) -> Option<&'a str> {
    let id = q.speaker.as_deref()?;
    Some(state.data.index.speaker_name(&state.data.ds, id))
}

pub(crate) fn source_of<'a>(state: &'a State, q: &Quote) -> Option<&'a Source> {
    let ix = &state.data.index;
    ix.sources
        .get(&q.source)
        .map(|&s| &state.data.ds.sources[s])
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
