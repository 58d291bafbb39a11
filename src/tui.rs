//! The terminal runtime: enter and always leave the alternate screen, turn
//! terminal events into actions, and redraw.

use crate::app::update::action_for_key;
use crate::app::{Action, Effect, Mouse, State, update};
use crate::command::Command;
use crate::prepared::Prepared;
use crate::review::store::Saved;
use crate::search::worker::Worker;
use crate::ui;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyboardEnhancementFlags, MouseButton,
    MouseEventKind, PopKeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
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
        let session = Session;
        enter()?;
        Ok(session)
    }
}

/// Raw mode, alternate screen, mouse, hidden cursor.
fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    {
        let mut out = io::stdout();
        execute!(out, EnterAlternateScreen, EnableMouseCapture, cursor::Hide)?;
        // Lets terminals that speak the kitty protocol report Ctrl-i apart
        // from Tab; others ignore the request.
        execute!(
            out,
            PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES)
        )?;
    }
    Ok(())
}

/// Edits `text` in `$VISUAL` or `$EDITOR` (else `vi`) on a temporary file.
fn edit_externally(text: &str) -> io::Result<String> {
    // An empty VISUAL is unset, as for git: EDITOR is asked next.
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".into());
    let mut file = tempfile::Builder::new()
        .prefix("parley-note-")
        .suffix(".txt")
        .tempfile()?;
    file.write_all(text.as_bytes())?;
    file.flush()?;
    // Through the shell, so EDITOR may carry arguments ("code --wait").
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status()?;
    if !status.success() {
        return Err(io::Error::other(format!("{editor} exited with {status}")));
    }
    std::fs::read_to_string(file.path())
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
        Event::Key(key) => action_for_key(state, key),
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

/// What the browser starts with, besides the dataset.
pub struct Launch {
    /// The review and its store, or why they could not be opened.
    pub review: Result<(crate::review::Review, crate::review::store::Store), String>,
    /// Start in review mode (`parley review`).
    pub start_review: bool,
    pub keymap: crate::keymap::Keymap,
    pub theme: crate::theme::Theme,
    /// Shown in the first frame: problems in the config file.
    pub notice: Option<String>,
    /// Saved views, of every dataset.
    pub views: Vec<crate::app::SavedView>,
}

/// How the browser ended.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ended {
    /// The termination signal that ended it, if one did: the process then
    /// exits with 128 + its number, as a shell reports a signal.
    pub signal: Option<i32>,
    /// Marks or notes left unsaved (a save kept failing), and why: said on
    /// standard error once the terminal is restored.
    pub unsaved: Option<String>,
}

/// Runs the browser until the user quits or a termination signal arrives.
pub fn run(data: Prepared, launch: Launch) -> io::Result<Ended> {
    // Which signal arrived (0: none yet).
    let stop = Arc::new(AtomicUsize::new(0));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register_usize(signal, Arc::clone(&stop), signal as usize)?;
    }
    install_panic_hook();
    let _session = Session::start()?;
    // crossterm installs its SIGWINCH handler on the first poll; polling
    // now means a resize right after start is not lost.
    event::poll(Duration::ZERO)?;
    let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    let mut state = State::new(Arc::new(data), size.width, size.height, launch.theme.color);
    state.theme = launch.theme;
    state.keymap = Arc::new(launch.keymap);
    state.message = launch.notice;
    state.views = launch.views;
    let store = match launch.review {
        Ok((review, store)) => {
            state.open_review(Some(review), store.read_only.clone());
            Some(store)
        }
        Err(why) => {
            state.open_review(None, Some(why));
            None
        }
    };
    let mut rt = Runtime {
        worker: Worker::spawn(Arc::clone(state.data.search()))?,
        store,
        terminal,
    };
    let ended = |state: &State, signal: Option<i32>| Ended {
        signal,
        unsaved: state
            .unsaved
            .as_ref()
            .map(|u| format!("{} review change(s) not saved: {}", u.items.len(), u.error)),
    };
    let signalled = |stop: &AtomicUsize| match stop.load(Ordering::Relaxed) {
        0 => None,
        n => i32::try_from(n).ok(),
    };
    if launch.start_review {
        let effect = update(&mut state, Action::Command(Command::StartReview));
        if rt.carry_out(&mut state, effect)? {
            return Ok(ended(&state, None));
        }
    }
    loop {
        rt.terminal.draw(|f| ui::render(f, &state))?;
        // Sleep until there is input, a search result, or a signal.
        loop {
            if let Some(signal) = signalled(&stop) {
                rt.shut_down(&mut state)?;
                return Ok(ended(&state, Some(signal)));
            }
            if let Some(response) = rt.worker.try_recv() {
                update(&mut state, Action::SearchDone(response));
                break;
            }
            let searching = state.palette().is_some_and(|p| p.pending());
            if event::poll(if searching { RESULT_POLL } else { SIGNAL_POLL })? {
                break;
            }
            // The terminal can vanish without a signal reaching us (a
            // closed window whose shell ignored the hangup): then there is
            // nobody to draw for.
            if crossterm::terminal::size().is_err() {
                rt.shut_down(&mut state)?;
                return Ok(ended(&state, None));
            }
        }
        // Handle everything already queued before drawing again, so a burst
        // of keys (or a held key) never waits on frames. Effects run before
        // the next key: a mark is on disk before anything else happens.
        while event::poll(Duration::ZERO)? {
            let Some(action) = to_action(&state, event::read()?) else {
                continue;
            };
            let effect = update(&mut state, action);
            if rt.carry_out(&mut state, effect)? {
                return Ok(ended(&state, None));
            }
            if let Some(signal) = signalled(&stop) {
                rt.shut_down(&mut state)?;
                return Ok(ended(&state, Some(signal)));
            }
        }
    }
}

/// Whether a shell could resume parley after Ctrl-z. The kernel discards
/// SIGTSTP sent to an orphaned process group (one with no member whose
/// parent is in another group of the same session), so a stop would do
/// nothing there; rather than leave the terminal restored for no one,
/// parley stays. Where `/proc` is not there to ask, it tries anyway.
fn can_be_resumed() -> bool {
    /// (parent, process group, session) of a process.
    fn stat(pid: &str) -> Option<(u32, u32, u32)> {
        let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let fields: Vec<&str> = text.rsplit_once(')')?.1.split_whitespace().collect();
        let field = |i: usize| fields.get(i)?.parse().ok();
        Some((field(1)?, field(2)?, field(3)?))
    }
    let Some((mut parent, group, session)) = stat("self") else {
        return true;
    };
    // Up through the members of our group (`cargo run` is one) to the
    // first parent outside it.
    for _ in 0..64 {
        let Some((grandparent, parent_group, parent_session)) = stat(&parent.to_string()) else {
            return false;
        };
        if parent_session != session {
            return false;
        }
        if parent_group != group {
            return true;
        }
        parent = grandparent;
    }
    false
}

/// What effects act on: the search worker, the review file, the screen.
struct Runtime {
    worker: Worker,
    store: Option<crate::review::store::Store>,
    terminal: Terminal<CrosstermBackend<io::Stdout>>,
}

impl Runtime {
    /// After the terminal was handed to someone else (an editor, the
    /// shell): clear it and draw every cell again. ratatui's own `clear`
    /// asks the terminal where its cursor is, and a terminal that does not
    /// answer would end parley with the note or mark unseen.
    fn redraw_from_scratch(&mut self) -> io::Result<()> {
        execute!(
            io::stdout(),
            crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
        )?;
        self.terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok(())
    }

    /// Before leaving on a signal or a lost terminal: a note still open in
    /// the editor is saved, as Esc would.
    fn shut_down(&mut self, state: &mut State) -> io::Result<()> {
        let effect = update(state, Action::ShutDown);
        self.carry_out(state, effect).map(|_| ())
    }

    /// Carries out an effect (and any it leads to); true means quit.
    fn carry_out(&mut self, state: &mut State, mut effect: Option<Effect>) -> io::Result<bool> {
        while let Some(e) = effect.take() {
            match e {
                Effect::Quit => {
                    self.shut_down(state)?;
                    return Ok(true);
                }
                Effect::Search(request) => self.worker.submit(request),
                Effect::SaveReview => {
                    let saved = match (&mut self.store, &state.review) {
                        (Some(store), Some(review)) => {
                            store.save(&review.file).map_err(|e| e.to_string())
                        }
                        _ => Err("no review file is open".into()),
                    };
                    effect = match saved {
                        Ok(Saved::Written) => update(state, Action::Saved(None)),
                        Ok(Saved::Merged { file, taken }) => {
                            update(state, Action::Merged { file, taken });
                            update(state, Action::Saved(None))
                        }
                        Err(e) => update(state, Action::Saved(Some(e))),
                    };
                }
                Effect::Copy { text, what } => {
                    let done = crate::clipboard::copy(self.terminal.backend_mut(), &text)
                        .map(|place| format!("copied {what} to the clipboard ({place})"));
                    effect = update(state, Action::Copied(done));
                }
                Effect::Suspend if !can_be_resumed() => {
                    let why = "cannot suspend: no shell with job control started parley";
                    effect = update(state, Action::Notice(why.into()));
                }
                Effect::Suspend => {
                    restore();
                    // Nothing handles SIGTSTP, so raising it stops parley
                    // as Ctrl-z would in a cooked terminal; `fg` sends
                    // SIGCONT and the call returns.
                    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
                    enter()?;
                    self.redraw_from_scratch()?;
                    let size = self.terminal.size()?;
                    effect = update(
                        state,
                        Action::Resize {
                            width: size.width,
                            height: size.height,
                        },
                    );
                }
                Effect::SaveViews(file) => {
                    if let Err(why) = crate::saved_views::write(&file) {
                        effect = update(state, Action::Notice(format!("views not saved: {why}")));
                    }
                }
                Effect::EditNote { item, text } => {
                    restore();
                    let edited = edit_externally(&text);
                    enter()?;
                    self.redraw_from_scratch()?;
                    effect = match edited {
                        Ok(text) => update(state, Action::NoteEdited { item, text }),
                        Err(e) => update(state, Action::Notice(format!("editor failed: {e}"))),
                    };
                }
            }
        }
        Ok(false)
    }
}
