//! The terminal runtime: enter and always leave the alternate screen, turn
//! terminal events into actions, and redraw.

use crate::app::{Action, Data, Effect, Mouse, State, mode, update};
use crate::search::worker::Worker;
use crate::{keymap, ui};
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, KeyboardEnhancementFlags,
    MouseButton, MouseEventKind, PopKeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How often the loop wakes without input to notice a termination signal.
const SIGNAL_POLL: Duration = Duration::from_millis(100);

/// How often it looks for search results while a search runs: well under
/// a frame, so results appear as soon as they exist.
const RESULT_POLL: Duration = Duration::from_millis(4);

/// Puts the terminal back as it was. Safe to call more than once, and from
/// the panic hook.
pub fn restore() {
    let mut out = io::stdout();
    // Each step is attempted even if an earlier one failed: a half-restored
    // terminal is worse than an error message lost.
    let _ = execute!(out, PopKeyboardEnhancementFlags);
    let _ = execute!(out, DisableMouseCapture);
    let _ = execute!(out, LeaveAlternateScreen);
    let _ = execute!(out, cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal when dropped, so every return path and every `?`
/// leaves it clean.
struct Session;

impl Session {
    fn start() -> io::Result<Session> {
        enable_raw_mode()?;
        let session = Session;
        let mut out = io::stdout();
        execute!(out, EnterAlternateScreen, EnableMouseCapture, cursor::Hide)?;
        // Lets terminals that speak the kitty protocol report Ctrl-i apart
        // from Tab; others ignore the request.
        execute!(
            out,
            PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES)
        )?;
        Ok(session)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

fn to_action(state: &State, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => {
            let mode = mode(state);
            match keymap::lookup(mode, key) {
                Some(c) => Some(Action::Command(c)),
                None if mode.is_typing() && key.kind != KeyEventKind::Release => {
                    Some(Action::Key(key))
                }
                None => None,
            }
        }
        Event::Mouse(m) => {
            let (column, row) = (m.column, m.row);
            match m.kind {
                MouseEventKind::Down(MouseButton::Left) => {
                    Some(Action::Mouse(Mouse::Click { column, row }))
                }
                MouseEventKind::ScrollDown => {
                    Some(Action::Mouse(Mouse::ScrollDown { column, row }))
                }
                MouseEventKind::ScrollUp => Some(Action::Mouse(Mouse::ScrollUp { column, row })),
                _ => None,
            }
        }
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}

/// The review file as the command line opened it.
pub struct ReviewSetup {
    /// The review and its store, or why they could not be opened.
    pub opened: Result<(crate::review::Review, crate::review::store::Store), String>,
    /// Start in review mode (`parley review`).
    pub start: bool,
}

/// Runs the browser until the user quits or a termination signal arrives.
pub fn run(data: Data, _setup: ReviewSetup) -> io::Result<()> {
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    install_panic_hook();
    let _session = Session::start()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    let mut state = State::new(Arc::new(data), size.width, size.height, color);
    let worker = Worker::spawn(Arc::clone(&state.data.search))?;
    loop {
        terminal.draw(|f| ui::render(f, &state))?;
        // Sleep until there is input, a search result, or a signal.
        loop {
            if stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            if let Some(response) = worker.try_recv() {
                update(&mut state, Action::SearchDone(response));
                break;
            }
            let searching = state.palette.as_ref().is_some_and(|p| p.pending());
            if event::poll(if searching { RESULT_POLL } else { SIGNAL_POLL })? {
                break;
            }
        }
        // Handle everything already queued before drawing again, so a burst
        // of keys (or a held key) never waits on frames.
        while event::poll(Duration::ZERO)? {
            let Some(action) = to_action(&state, event::read()?) else {
                continue;
            };
            match update(&mut state, action) {
                Some(Effect::Quit) => return Ok(()),
                Some(Effect::Search(request)) => worker.submit(request),
                None => {}
            }
            if stop.load(Ordering::Relaxed) {
                return Ok(());
            }
        }
    }
}
