//! The terminal runtime: enter and always leave the alternate screen, turn
//! terminal events into actions, and redraw.

use crate::app::update::action_for_key;
mod launch;
mod loader;
mod terminal;
mod watch;

pub use launch::{Ended, Launch, OpenReview, Outcome};
pub use loader::{LoadFn, LoadResult};
pub use terminal::restore;
use terminal::{Session, can_be_resumed, edit_externally, enter, install_panic_hook};

use crate::app::{Action, Effect, LoadingView, Mouse, ReloadFailure, Screen, State, update};
use crate::command::Command;
use crate::keymap::Mode;
use crate::prepared::Opened;
use crate::prepared::Prepared;
use crate::review::store::Saved;
use crate::search::worker::Worker;
use crate::text::clean_inline;
use crate::ui;
use crossterm::event::{self, Event, MouseButton, MouseEventKind};
use crossterm::execute;
use loader::{Done, Loader};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use watch::Watch;

/// How often the loop wakes without input to notice a termination signal.
const SIGNAL_POLL: Duration = Duration::from_millis(100);

/// How often it looks for search results while a search runs: well under
/// a frame, so results appear as soon as they exist.
const RESULT_POLL: Duration = Duration::from_millis(4);

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

/// How long the first frame waits for the dataset before it shows the
/// loading screen instead: a load this quick never flashes one, and a
/// slower one still has a first frame within 200 ms of start. A warm start
/// at 100k quotes takes 160–200 ms: at 150 ms, most showed the loading
/// screen for a few tens of milliseconds before the dataset.
const FIRST_FRAME_WAIT: Duration = Duration::from_millis(180);

/// How often the loading screen's progress is redrawn.
const PROGRESS_POLL: Duration = Duration::from_millis(50);

/// Quiet time after the last change to a watched file before reloading:
/// an editor's save is several events, and a checkout many files.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// A dataset with nothing in it, shown beneath the loading screen.
fn nothing() -> Prepared {
    Prepared::new(crate::model::Dataset {
        format: 1,
        id: String::new(),
        title: String::new(),
        description: None,
        sources: Default::default(),
        parties: Default::default(),
        people: Default::default(),
        issues: Default::default(),
        quotes: Default::default(),
        positions: Default::default(),
        events: Default::default(),
        synonyms: Vec::new(),
    })
}

/// Runs the browser until the user quits or a termination signal arrives.
/// The dataset loads on a thread of its own: the first frame is drawn at
/// once (the loading screen when the load takes longer than
/// `FIRST_FRAME_WAIT`), and keys pressed meanwhile are replayed on it.
pub fn run(launch: Launch) -> io::Result<Outcome> {
    // Which signal arrived (0: none yet).
    let stop = Arc::new(AtomicUsize::new(0));
    let signalled = |stop: &AtomicUsize| match stop.load(Ordering::Relaxed) {
        0 => None,
        n => i32::try_from(n).ok(),
    };
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register_usize(signal, Arc::clone(&stop), signal as usize)?;
    }
    install_panic_hook();
    let loader = Loader::spawn(Arc::clone(&launch.load))?;
    // A quick load is waited for before the terminal is touched: a file
    // that does not parse is then reported without a flash of the
    // browser, and a good one is the first frame, with no loading screen.
    let first = loader.recv_timeout(FIRST_FRAME_WAIT);
    if let Some(signal) = signalled(&stop) {
        return Ok(Outcome::Quit(Ended {
            signal: Some(signal),
            unsaved: None,
        }));
    }
    match first {
        Some(Done { result: Err(e), .. }) => return Ok(Outcome::Unreadable(e)),
        Some(Done {
            result:
                Ok(LoadResult {
                    opened: Opened::Unparsable(loaded),
                    ..
                }),
            ..
        }) => return Ok(Outcome::Unparsable(loaded)),
        _ => {}
    }
    let _session = Session::start()?;
    // crossterm installs its SIGWINCH handler on the first poll; polling
    // now means a resize right after start is not lost.
    event::poll(Duration::ZERO)?;
    let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    let mut state = State::new(
        Arc::new(nothing()),
        size.width,
        size.height,
        launch.theme.color,
    );
    state.theme = launch.theme;
    state.keymap = Arc::new(launch.keymap);
    state.message = launch.notice;
    state.views = launch.views;
    let start = if launch.start_review {
        Mode::Review
    } else {
        Mode::Browser
    };
    state.screen = Screen::Loading(LoadingView::new(launch.name, start));
    let mut rt = Runtime {
        worker: None,
        store: None,
        terminal,
        loader,
        watch: None,
        reload_at: None,
        unwatched: None,
        progress_shown: Instant::now(),
        open_review: Some(launch.open_review),
        start_review: launch.start_review,
    };
    if let Some(done) = first
        && let Some(outcome) = rt.loaded(&mut state, done)?
    {
        return Ok(outcome);
    }
    loop {
        rt.terminal.draw(|f| ui::render(f, &state))?;
        rt.watch_loaded();
        // Sleep until there is input, a search result, a load, a change to
        // a watched file, or a signal.
        loop {
            if let Some(signal) = signalled(&stop) {
                rt.shut_down(&mut state)?;
                return Ok(Outcome::Quit(Ended::of(&state, Some(signal))));
            }
            if let Some(response) = rt.worker.as_ref().and_then(Worker::try_recv) {
                update(&mut state, Action::SearchDone(response));
                break;
            }
            if let Some(done) = rt.loader.try_recv() {
                if let Some(outcome) = rt.loaded(&mut state, done)? {
                    return Ok(outcome);
                }
                break;
            }
            if let Some(progress) = rt.loader.progress()
                && rt.progress_shown.elapsed() >= PROGRESS_POLL
                && state
                    .loading_view()
                    .is_some_and(|v| v.progress != Some(progress))
            {
                rt.progress_shown = Instant::now();
                update(&mut state, Action::Progress(progress));
                break;
            }
            if rt.watch.as_ref().is_some_and(Watch::changed) {
                rt.reload_at = Some(Instant::now() + DEBOUNCE);
            }
            if rt.reload_at.is_some_and(|at| Instant::now() >= at) {
                rt.reload_at = None;
                rt.loader.request();
            }
            let searching = state.palette().is_some_and(|p| p.pending());
            // A load under way is picked up as soon as it is done: the
            // event wait cannot be woken by the loader, so it is short.
            let timeout = if searching || rt.loader.busy() {
                RESULT_POLL
            } else if let Some(at) = rt.reload_at {
                at.saturating_duration_since(Instant::now())
                    .clamp(RESULT_POLL, SIGNAL_POLL)
            } else {
                SIGNAL_POLL
            };
            if event::poll(timeout)? {
                break;
            }
            // The terminal can vanish without a signal reaching us (a
            // closed window whose shell ignored the hangup): then there is
            // nobody to draw for.
            if crossterm::terminal::size().is_err() {
                rt.shut_down(&mut state)?;
                return Ok(Outcome::Quit(Ended::of(&state, None)));
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
                return Ok(Outcome::Quit(Ended::of(&state, None)));
            }
            if let Some(signal) = signalled(&stop) {
                rt.shut_down(&mut state)?;
                return Ok(Outcome::Quit(Ended::of(&state, Some(signal))));
            }
        }
    }
}

/// What effects act on: the search worker, the review file, the screen,
/// the loader and the watch on the dataset's files.
struct Runtime {
    /// Searches the version shown; `None` until the first has loaded.
    worker: Option<Worker>,
    store: Option<crate::review::store::Store>,
    terminal: Terminal<CrosstermBackend<io::Stdout>>,
    loader: Loader,
    /// `None` for a dataset not in a file, or where watching failed.
    watch: Option<Watch>,
    /// When to reload, once watched files have been quiet long enough.
    reload_at: Option<Instant>,
    /// Files of the version just loaded, watched once it is on screen:
    /// finding where a thousand sources really are takes a frame or two.
    unwatched: Option<Vec<std::path::PathBuf>>,
    /// When the loading screen's progress last changed on screen.
    progress_shown: Instant,
    /// Taken when the first version has loaded.
    open_review: Option<OpenReview>,
    start_review: bool,
}

impl Runtime {
    /// Watches the files of the version on screen, when they changed.
    fn watch_loaded(&mut self) {
        let Some(files) = self.unwatched.take() else {
            return;
        };
        if self.watch.is_none() {
            self.watch = Watch::new().ok();
        }
        if let Some(watch) = &mut self.watch {
            watch.set(&files);
        }
    }

    /// A load finished: the first version replaces the loading screen, a
    /// later one the version shown, and a failed reload leaves it shown
    /// with a banner. `Some` ends the browser: the first load failed.
    fn loaded(&mut self, state: &mut State, done: Done) -> io::Result<Option<Outcome>> {
        let first = state.loading_view().is_some();
        let result = match done.result {
            Ok(result) => result,
            Err(e) if first => return Ok(Some(Outcome::Unreadable(e))),
            Err(e) => {
                let failure = ReloadFailure {
                    summary: clean_inline(&e.to_string()).into_owned(),
                    diagnostics: Arc::new(Vec::new()),
                };
                update(state, Action::ReloadFailed(failure));
                return Ok(None);
            }
        };
        let data = match result.opened {
            Opened::Ready(data) => data,
            Opened::Unparsable(loaded) if first => {
                return Ok(Some(Outcome::Unparsable(loaded)));
            }
            Opened::Unparsable(loaded) => {
                let summary = loaded
                    .diagnostics
                    .iter()
                    .find(|d| d.is_error())
                    .map_or_else(
                        || "the file does not parse".into(),
                        |d| {
                            let name = d.file.rsplit(['/', '\\']).next().unwrap_or(&d.file);
                            let text = format!(
                                "{name}:{}:{}: {} {}",
                                d.line,
                                d.column,
                                d.code.as_str(),
                                d.message
                            );
                            clean_inline(&text).into_owned()
                        },
                    );
                let diagnostics = loaded
                    .diagnostics
                    .into_iter()
                    .map(crate::prepared::problems::clean)
                    .collect();
                let failure = ReloadFailure {
                    summary,
                    diagnostics: Arc::new(diagnostics),
                };
                update(state, Action::ReloadFailed(failure));
                return Ok(None);
            }
        };
        // The worker searches the version shown, so it starts again on
        // the new one before anything asks it to search. Its index may
        // still be on its way: the worker waits for it, not the screen.
        let searched = Arc::clone(&data);
        self.worker = Some(Worker::spawn(move || Arc::clone(searched.search()))?);
        if !result.files.is_empty() {
            self.unwatched = Some(result.files);
        }
        let effect = if first {
            if let Some(open) = self.open_review.take() {
                match open(data.review_dataset_id()) {
                    Ok((review, store)) => {
                        state.open_review(Some(review), store.read_only.clone());
                        self.store = Some(store);
                    }
                    Err(why) => state.open_review(None, Some(why)),
                }
            }
            let replay = update(state, Action::Loaded(data));
            if self.start_review {
                let effect = update(state, Action::Command(Command::StartReview));
                if self.carry_out(state, effect)? {
                    return Ok(Some(Outcome::Quit(Ended::of(state, None))));
                }
            }
            replay
        } else {
            let applying = Instant::now();
            let effect = update(state, Action::Replace(data));
            // Loading on the loader thread, and finding every place again
            // here.
            let took = done.took + applying.elapsed();
            state.message = state
                .message
                .take()
                .map(|m| format!("{m} · {} ms", took.as_millis()));
            effect
        };
        if self.carry_out(state, effect)? {
            return Ok(Some(Outcome::Quit(Ended::of(state, None))));
        }
        Ok(None)
    }

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
                Effect::Search(request) => {
                    if let Some(worker) = &self.worker {
                        worker.submit(request);
                    }
                }
                Effect::Reload => {
                    self.reload_at = None;
                    self.loader.request();
                    effect = update(state, Action::Notice("reloading…".into()));
                }
                Effect::Replay(keys) => {
                    for key in keys {
                        let Some(action) = action_for_key(state, key) else {
                            continue;
                        };
                        let next = update(state, action);
                        if self.carry_out(state, next)? {
                            return Ok(true);
                        }
                    }
                }
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
