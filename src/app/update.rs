//! `update(state, action)`: every change to the state happens here, with no
//! I/O, so key sequences can be tested by feeding actions.

use super::command::{Action, Command, Mouse};
use super::state::{Cursor, Location, Pane, Screen, SourceView, State};
use crate::keymap::{self, Mode};
use crate::ui::layout;
use crate::wrap::wrap;

/// What the runtime must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Quit,
}

/// Which key table applies now.
pub fn mode(state: &State) -> Mode {
    if state.help.is_some() {
        Mode::Help
    } else {
        match state.screen {
            Screen::Main => Mode::Main,
            Screen::Source(_) => Mode::Source,
        }
    }
}

pub fn update(state: &mut State, action: Action) -> Option<Effect> {
    match action {
        Action::Resize { width, height } => {
            resize(state, width, height);
            None
        }
        Action::Mouse(m) => {
            mouse(state, m);
            None
        }
        Action::Command(Command::Quit) => Some(Effect::Quit),
        Action::Command(c) => {
            match mode(state) {
                Mode::Help => help_command(state, c),
                Mode::Main => main_command(state, c),
                Mode::Source => source_command(state, c),
            }
            None
        }
    }
}

fn help_command(state: &mut State, c: Command) {
    let beneath = match state.screen {
        Screen::Main => Mode::Main,
        Screen::Source(_) => Mode::Source,
    };
    let rows = keymap::help(beneath).len();
    let scroll = state.help.unwrap_or(0);
    state.help = match c {
        Command::Down => Some((scroll + 1).min(rows.saturating_sub(1))),
        Command::Up => Some(scroll.saturating_sub(1)),
        Command::Back | Command::ToggleHelp => None,
        _ => Some(scroll),
    };
}

// ---------------------------------------------------------------- main view

fn pane_height(state: &State, pane: Pane) -> usize {
    let areas = layout::main(state.area());
    let rect = match pane {
        Pane::Parties => areas.parties,
        Pane::Issues => areas.issues,
        Pane::Positions => areas.positions,
        Pane::Quotes => areas.quotes,
    };
    usize::from(rect.height.saturating_sub(2))
}

fn pane_len(state: &State, pane: Pane) -> usize {
    match pane {
        Pane::Parties => state.data.ds.parties.len() + 1,
        Pane::Issues => state.main.issue_rows.len(),
        Pane::Positions => state.main.position_rows.len(),
        Pane::Quotes => state.main.quote_rows.len(),
    }
}

/// Moves the cursor of `pane` and refreshes the panes that depend on it.
fn move_in(state: &mut State, pane: Pane, to: impl FnOnce(&mut Cursor, usize, usize)) {
    let len = pane_len(state, pane);
    let height = pane_height(state, pane);
    let before = state.main.cursor(pane).selected;
    to(state.main.cursor_mut(pane), len, height);
    if state.main.cursor(pane).selected != before {
        refresh_after(state, pane);
    }
}

fn refresh_after(state: &mut State, pane: Pane) {
    match pane {
        Pane::Parties => refresh_issues(state),
        Pane::Issues => refresh_positions(state),
        Pane::Positions => refresh_quotes(state),
        Pane::Quotes => {}
    }
}

fn main_command(state: &mut State, c: Command) {
    let focus = state.main.focus;
    let page = pane_height(state, focus).max(1) as isize;
    match c {
        Command::Down => move_in(state, focus, |cur, len, h| cur.move_by(1, len, h)),
        Command::Up => move_in(state, focus, |cur, len, h| cur.move_by(-1, len, h)),
        Command::First => move_in(state, focus, |cur, len, h| cur.select(0, len, h)),
        Command::Last => move_in(state, focus, |cur, len, h| cur.select(usize::MAX, len, h)),
        Command::PageDown => move_in(state, focus, |cur, len, h| cur.move_by(page, len, h)),
        Command::PageUp => move_in(state, focus, |cur, len, h| cur.move_by(-page, len, h)),
        Command::NextPane => state.main.focus = focus.next(),
        Command::PrevPane => state.main.focus = focus.prev(),
        Command::Open => match (focus, state.main.quote()) {
            (Pane::Quotes, Some(q)) => open_quote(state, q),
            (Pane::Quotes, None) => {}
            _ => state.main.focus = focus.next(),
        },
        Command::Back => {
            if focus != Pane::Parties {
                state.main.focus = focus.prev();
            }
        }
        Command::JumpBack => jump_back(state),
        Command::JumpForward => jump_forward(state),
        Command::ToggleHelp => state.help = Some(0),
        Command::NextQuote | Command::PrevQuote | Command::Quit => {}
    }
}

/// Recomputes the issue rows for the selected party, keeping the selected
/// issue when it is still listed.
pub(crate) fn refresh_issues(state: &mut State) {
    let data = &state.data;
    let keep = state.main.issue();
    let rows: Vec<(usize, usize)> = match state.main.party() {
        None => data.issue_tree.clone(),
        Some(p) => {
            let mut held = vec![false; data.ds.issues.len()];
            for &pos in &data.index.positions_by_party[p] {
                if let Some(&i) = data.index.issues.get(&data.ds.positions[pos].issue) {
                    held[i] = true;
                }
            }
            data.issue_tree
                .iter()
                .copied()
                .filter(|&(i, _)| held[i])
                .collect()
        }
    };
    let at = keep
        .and_then(|k| rows.iter().position(|&(i, _)| i == k))
        .unwrap_or(0);
    state.main.issue_rows = rows;
    let (len, h) = (
        pane_len(state, Pane::Issues),
        pane_height(state, Pane::Issues),
    );
    state.main.issues.select(at, len, h);
    refresh_positions(state);
}

pub(crate) fn refresh_positions(state: &mut State) {
    let data = &state.data;
    let keep = state.main.position();
    let party = state.main.party();
    let rows: Vec<usize> = match state.main.issue() {
        None => Vec::new(),
        Some(issue) => data.index.positions_by_issue[issue]
            .iter()
            .copied()
            .filter(|&pos| {
                party.is_none_or(|p| {
                    data.index.parties.get(&data.ds.positions[pos].party) == Some(&p)
                })
            })
            .collect(),
    };
    let at = keep
        .and_then(|k| rows.iter().position(|&i| i == k))
        .unwrap_or(0);
    state.main.position_rows = rows;
    let (len, h) = (
        pane_len(state, Pane::Positions),
        pane_height(state, Pane::Positions),
    );
    state.main.positions.select(at, len, h);
    refresh_quotes(state);
}

fn refresh_quotes(state: &mut State) {
    let data = &state.data;
    let keep = state.main.quote();
    let rows: Vec<usize> = state
        .main
        .position()
        .map(|p| {
            data.ds.positions[p]
                .quotes
                .iter()
                .filter_map(|q| data.index.quotes.get(q).copied())
                .collect()
        })
        .unwrap_or_default();
    let at = keep
        .and_then(|k| rows.iter().position(|&i| i == k))
        .unwrap_or(0);
    state.main.quote_rows = rows;
    let (len, h) = (
        pane_len(state, Pane::Quotes),
        pane_height(state, Pane::Quotes),
    );
    state.main.quotes.select(at, len, h);
}

// ------------------------------------------------------------ source viewer

/// Width and height of the wrapped text in the source viewer.
fn source_text_size(state: &State) -> (usize, usize) {
    let text = layout::source(state.area()).text;
    (usize::from(text.width), usize::from(text.height))
}

/// Opens the source viewer at a quote, remembering where the user was.
pub fn open_quote(state: &mut State, quote: usize) {
    let Some(&source) = state
        .data
        .index
        .sources
        .get(&state.data.ds.quotes[quote].source)
    else {
        return;
    };
    jump_to(
        state,
        Screen::Source(source_view(state, source, Some(quote))),
    );
}

fn source_view(state: &State, source: usize, quote: Option<usize>) -> SourceView {
    let (width, _) = source_text_size(state);
    let lines = wrap(state.data.ds.sources[source].body(), width);
    let mut view = SourceView {
        source,
        quote,
        lines,
        width,
        scroll: 0,
    };
    scroll_to_quote(state, &mut view);
    view
}

fn line_of(view: &SourceView, byte: usize) -> usize {
    view.lines
        .partition_point(|r| r.start <= byte)
        .saturating_sub(1)
}

fn max_scroll(view: &SourceView, height: usize) -> usize {
    view.lines.len().saturating_sub(height)
}

/// Puts the quote a third of the way down the window: the lines before it
/// give context, as in a search result in less.
fn scroll_to_quote(state: &State, view: &mut SourceView) {
    let (_, height) = source_text_size(state);
    let Some(q) = view.quote else { return };
    let Some(first) = state.data.ds.quotes[q].anchor.first() else {
        return;
    };
    let line = line_of(view, first.start);
    view.scroll = line
        .saturating_sub(height / 3)
        .min(max_scroll(view, height));
}

fn source_command(state: &mut State, c: Command) {
    let (_, height) = source_text_size(state);
    let data = state.data.clone();
    let Screen::Source(view) = &mut state.screen else {
        return;
    };
    let max = max_scroll(view, height);
    let page = height.max(1);
    match c {
        Command::Down => view.scroll = (view.scroll + 1).min(max),
        Command::Up => view.scroll = view.scroll.saturating_sub(1),
        Command::First => view.scroll = 0,
        Command::Last => view.scroll = max,
        Command::PageDown => view.scroll = (view.scroll + page).min(max),
        Command::PageUp => view.scroll = view.scroll.saturating_sub(page),
        Command::NextQuote | Command::PrevQuote => {
            let quotes = &data.index.quotes_by_source[view.source];
            if quotes.is_empty() {
                return;
            }
            let n = quotes.len();
            let at = view.quote.and_then(|q| quotes.iter().position(|&x| x == q));
            let next = match (at, c == Command::NextQuote) {
                (Some(i), true) => (i + 1) % n,
                (Some(i), false) => (i + n - 1) % n,
                // Without a quote in focus, start from what is on screen.
                (None, true) => {
                    let top = view.lines.get(view.scroll).map_or(0, |r| r.start);
                    quotes
                        .iter()
                        .position(|&q| {
                            data.ds.quotes[q]
                                .anchor
                                .first()
                                .is_some_and(|r| r.start >= top)
                        })
                        .unwrap_or(0)
                }
                (None, false) => n - 1,
            };
            view.quote = Some(quotes[next]);
            let mut v = view.clone();
            scroll_to_quote(state, &mut v);
            state.screen = Screen::Source(v);
        }
        Command::Back | Command::JumpBack => jump_back(state),
        Command::JumpForward => jump_forward(state),
        Command::ToggleHelp => state.help = Some(0),
        Command::NextPane | Command::PrevPane | Command::Open | Command::Quit => {}
    }
}

// ----------------------------------------------------------------- jumping

/// Moves to a new screen and records where the user was, like a vim jump.
fn jump_to(state: &mut State, screen: Screen) {
    let here = state.location();
    state.jumps.back.push(here);
    state.jumps.forward.clear();
    state.screen = screen;
}

fn jump_back(state: &mut State) {
    if let Some(there) = state.jumps.back.pop() {
        let here = state.location();
        state.jumps.forward.push(here);
        restore(state, there);
    } else if matches!(state.screen, Screen::Source(_)) {
        state.screen = Screen::Main;
    }
}

fn jump_forward(state: &mut State) {
    if let Some(there) = state.jumps.forward.pop() {
        let here = state.location();
        state.jumps.back.push(here);
        restore(state, there);
    }
}

fn restore(state: &mut State, to: Location) {
    state.main = to.main;
    state.screen = to.screen;
    // The window may have changed size since this place was recorded.
    fit_to_window(state);
}

// ------------------------------------------------------------ resize, mouse

fn resize(state: &mut State, width: u16, height: u16) {
    state.width = width;
    state.height = height;
    fit_to_window(state);
}

/// Keeps every selection visible and the source wrapped to the window.
fn fit_to_window(state: &mut State) {
    for pane in Pane::ALL {
        let (len, h) = (pane_len(state, pane), pane_height(state, pane));
        state.main.cursor_mut(pane).scroll_into_view(len, h);
    }
    let (width, height) = source_text_size(state);
    let data = state.data.clone();
    if let Screen::Source(view) = &mut state.screen
        && view.width != width
    {
        let top = view.lines.get(view.scroll).map_or(0, |r| r.start);
        view.lines = wrap(data.ds.sources[view.source].body(), width);
        view.width = width;
        view.scroll = line_of(view, top).min(max_scroll(view, height));
    }
}

fn mouse(state: &mut State, m: Mouse) {
    let (column, row) = match m {
        Mouse::Click { column, row }
        | Mouse::ScrollDown { column, row }
        | Mouse::ScrollUp { column, row } => (column, row),
    };
    let scroll = match m {
        Mouse::ScrollDown { .. } => Command::Down,
        Mouse::ScrollUp { .. } => Command::Up,
        Mouse::Click { .. } => Command::Open,
    };
    match mode(state) {
        Mode::Help => {
            if scroll != Command::Open {
                help_command(state, scroll);
            }
        }
        Mode::Source => {
            if scroll != Command::Open {
                for _ in 0..3 {
                    source_command(state, scroll);
                }
            }
        }
        Mode::Main => {
            let areas = layout::main(state.area());
            let hit = [
                (Pane::Parties, areas.parties),
                (Pane::Issues, areas.issues),
                (Pane::Positions, areas.positions),
                (Pane::Quotes, areas.quotes),
            ]
            .into_iter()
            .find(|(_, r)| r.contains((column, row).into()));
            let Some((pane, rect)) = hit else { return };
            match m {
                Mouse::Click { .. } => {
                    state.main.focus = pane;
                    let inner_row = row.saturating_sub(rect.y + 1);
                    if row > rect.y && inner_row < rect.height.saturating_sub(2) {
                        let index = state.main.cursor(pane).offset + usize::from(inner_row);
                        if index < pane_len(state, pane) {
                            move_in(state, pane, |cur, len, h| cur.select(index, len, h));
                        }
                    }
                }
                Mouse::ScrollDown { .. } => {
                    move_in(state, pane, |cur, len, h| cur.move_by(1, len, h))
                }
                Mouse::ScrollUp { .. } => {
                    move_in(state, pane, |cur, len, h| cur.move_by(-1, len, h))
                }
            }
        }
    }
}
