//! Everything the screen shows, in one place. Rendering reads it; only
//! `update` changes it.
//!
//! What is on screen is one value, [`Screen`]: the screen and the overlay
//! on top of it, where each screen can carry only the overlays it has. The
//! help overlay is the exception: it can cover any screen and any overlay
//! (F1 in the palette shows the palette's keys over the palette), so it is
//! a field of its own and every combination with it is valid.

use super::browser::MainView;
use super::jumps::{Jumps, Location};
use super::menus::{FacetMenu, SavedView, ViewsMenu};
use super::problems::{LoadingView, ProblemsView, ReloadFailure};
use super::views::{MatrixView, TimelineView};
use crate::keymap::{Keymap, Mode};
use crate::model::{ItemRef, Kind, PositionIx, QuoteIx, SourceIx};
use crate::prepared::Prepared;
use crate::review::{Review, ReviewFile};
use crate::search::Hit;
use crate::theme::Theme;
use std::ops::Range;
use std::sync::Arc;
use tui_input::Input;

/// What is on screen, beneath the help overlay.
#[derive(Debug, Clone)]
pub enum Screen {
    /// The browser, perhaps with a filter being typed, the search palette
    /// or a note editor on top.
    Main(Option<MainOverlay>),
    /// The source viewer, perhaps with a find being typed on its last line.
    Source(SourceView, Option<Input>),
    /// A review session, perhaps with a note editor on top.
    Review(ReviewView, Option<NoteEditor>),
    /// Where every party stands on every issue.
    Matrix(MatrixView),
    /// What happened and what moved, in time.
    Timeline(TimelineView),
    /// The filter menu.
    Facets(FacetMenu),
    /// The saved views, perhaps with a new view's name being typed.
    Views(ViewsMenu, Option<Input>),
    /// Every problem found in the dataset.
    Problems(ProblemsView),
    /// The dataset is still loading.
    Loading(LoadingView),
}

/// What can cover the browser.
#[derive(Debug, Clone)]
pub enum MainOverlay {
    /// Typing the focused pane's filter.
    Filter(Input),
    Palette(Box<Palette>),
    Note(NoteEditor),
    /// What the focused item links to and what links to it, to follow.
    Links(LinksMenu),
}

/// The relations of one item, as a menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinksMenu {
    pub of: ItemRef,
    pub items: Vec<crate::analysis::Relation>,
    pub cursor: super::Cursor,
}

/// A source text, wrapped to the window, with one quote in focus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceView {
    pub source: SourceIx,
    pub quote: Option<QuoteIx>,
    /// Wrapped lines as byte ranges of the source text.
    pub lines: Vec<Range<usize>>,
    pub width: usize,
    pub scroll: usize,
    /// Text found with `/`, highlighted; `n`/`N` step through it.
    pub find: Option<Find>,
}

impl SourceView {
    /// The byte of the source at the top of the window.
    pub fn top(&self) -> usize {
        self.lines.get(self.scroll).map_or(0, |r| r.start)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Find {
    pub query: String,
    /// Byte ranges of every match in the source text.
    pub matches: Vec<Range<usize>>,
    /// The match in focus.
    pub current: usize,
}

/// The search palette.
#[derive(Debug, Clone, Default)]
pub struct Palette {
    pub input: Input,
    /// `None` searches every kind.
    pub scope: Option<Kind>,
    /// The newest results received; they may belong to an older query
    /// while a newer one runs.
    pub hits: Vec<Hit>,
    /// The query and scope `hits` answer, for highlighting.
    pub hits_query: String,
    pub hits_scope: Option<Kind>,
    /// `hits_query` as it was run (synonyms, qualifiers).
    pub hits_parsed: Option<Arc<crate::search::Query>>,
    /// Why the newest answered query could not be run.
    pub error: Option<crate::search::facet::QueryError>,
    /// Generation of the newest query sent, and of `hits`.
    pub sent: u64,
    pub received: u64,
    pub cursor: super::Cursor,
    /// Position in the history while recalling queries.
    pub recall: Option<usize>,
    /// The chips sent with the query, before it.
    pub chips: String,
}

impl Palette {
    pub fn pending(&self) -> bool {
        self.sent != self.received
    }
}

/// A review session: the positions in scope, one at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewView {
    /// Positions to review, in issue-tree order.
    pub queue: Vec<PositionIx>,
    /// The item shown (index into `queue`).
    pub at: usize,
    /// The selected quote of the item (Enter opens it).
    pub quote: usize,
    pub scroll: usize,
    /// Showing the summary: the scope is done.
    pub summary: bool,
    /// What was chosen for review, e.g. `Ukraine › Neutrality`.
    pub scope: String,
}

impl ReviewView {
    pub fn position(&self) -> Option<PositionIx> {
        self.queue.get(self.at).copied()
    }
}

/// What a failed save left unsaved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsaved {
    /// Items (kind and raw id) whose mark or note differs from the file.
    pub items: std::collections::HashSet<(Kind, String)>,
    /// Why the last save failed.
    pub error: String,
}

/// The inline note editor, open on one item.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    pub item: ItemRef,
    pub text: Box<ratatui_textarea::TextArea<'static>>,
}

#[derive(Debug)]
pub struct State {
    pub data: Arc<Prepared>,
    /// The keys in force: what input is read through, and what help and
    /// every hint show.
    pub keymap: Arc<Keymap>,
    pub screen: Screen,
    /// The browser's panes, kept while other screens are shown.
    pub main: MainView,
    /// Scroll of the help overlay, when it is open.
    pub help: Option<usize>,
    /// Earlier palette queries, oldest first.
    pub history: Vec<String>,
    /// Generations number searches, so stale answers can be told apart.
    pub generation: u64,
    /// The review, when its file could be opened.
    pub review: Option<Review>,
    /// Why marks cannot be made (file broken, or held by another parley).
    pub review_blocked: Option<String>,
    /// The review as its file has it (last read, written or merged), to
    /// tell which changes a failed save left unsaved.
    pub saved: Option<ReviewFile>,
    /// Review changes the file does not have, because the last save
    /// failed: shown until a save succeeds, retried on every key and on
    /// quitting.
    pub unsaved: Option<Unsaved>,
    /// Quit was asked for with unsaved marks: the status line asks, and
    /// quitting again leaves without them.
    pub confirm_quit: bool,
    /// A one-line message for the status bar (a refused mark, a failed
    /// save), cleared by the next key.
    pub message: Option<String>,
    /// The clock for review timestamps; tests set a fixed one.
    pub now: fn() -> String,
    pub jumps: Jumps,
    pub width: u16,
    pub height: u16,
    /// Colours by role; monochrome under `NO_COLOR`.
    pub theme: Theme,
    /// Chips: qualifiers narrowing every view.
    pub narrow: super::Narrowing,
    /// Saved views, of every dataset (the file keeps them all).
    pub views: Vec<SavedView>,
    /// The last reload, when it failed: the data shown is older than the
    /// file.
    pub reload_failure: Option<ReloadFailure>,
}

impl State {
    pub fn new(data: Arc<Prepared>, width: u16, height: u16, color: bool) -> Self {
        let mut state = State {
            data,
            keymap: Arc::new(Keymap::default()),
            screen: Screen::Main(None),
            main: MainView::default(),
            help: None,
            history: Vec::new(),
            generation: 0,
            review: None,
            review_blocked: None,
            saved: None,
            unsaved: None,
            confirm_quit: false,
            message: None,
            now: crate::review::now_rfc3339,
            jumps: Jumps::default(),
            width,
            height,
            theme: Theme::dark(color),
            narrow: super::Narrowing::default(),
            views: Vec::new(),
            reload_failure: None,
        };
        super::update::refresh_parties(&mut state);
        state
    }

    /// Attaches the review opened for this dataset, or says why there is
    /// none. A review another parley holds is read-only, and the first
    /// frame says so: a key pressed in vain must not be how one learns.
    pub fn open_review(&mut self, review: Option<Review>, blocked: Option<String>) {
        if let (Some(_), Some(why)) = (&review, &blocked) {
            let notice = format!("read-only: {why}");
            self.message = Some(match self.message.take() {
                Some(earlier) => format!("{notice} · {earlier}"),
                None => notice,
            });
        }
        self.saved = review.as_ref().map(|r| r.file.clone());
        self.review = review;
        self.review_blocked = blocked;
    }

    /// Whether an item has a mark or note the review file does not.
    pub fn is_unsaved(&self, kind: Kind, id: &str) -> bool {
        self.unsaved
            .as_ref()
            .is_some_and(|u| u.items.contains(&(kind, id.to_string())))
    }

    /// The whole window.
    /// The window, less the banner of a failed reload when one shows.
    pub fn area(&self) -> ratatui::layout::Rect {
        let window = ratatui::layout::Rect::new(0, 0, self.width, self.height);
        crate::layout::below_banner(window, self.reload_failure.is_some())
    }

    /// Where the browser's panes are in this window.
    pub fn main_areas(&self) -> crate::layout::MainAreas {
        crate::layout::main(self.area(), self.main.shape())
    }

    pub fn location(&self) -> Location {
        Location::of(self)
    }

    /// Which key table applies now.
    pub fn mode(&self) -> Mode {
        if self.help.is_some() {
            Mode::Help
        } else {
            self.mode_beneath_help()
        }
    }

    /// The mode the help overlay describes: the one in force beneath it.
    /// Every screen and overlay maps to exactly one mode.
    pub fn mode_beneath_help(&self) -> Mode {
        match &self.screen {
            Screen::Main(None) => Mode::Browser,
            Screen::Main(Some(MainOverlay::Filter(_))) => Mode::Filter,
            Screen::Main(Some(MainOverlay::Palette(_))) => Mode::Search,
            Screen::Main(Some(MainOverlay::Note(_))) | Screen::Review(_, Some(_)) => Mode::Note,
            Screen::Main(Some(MainOverlay::Links(_))) => Mode::Links,
            Screen::Source(_, None) => Mode::Source,
            Screen::Source(_, Some(_)) => Mode::Find,
            Screen::Review(_, None) => Mode::Review,
            Screen::Matrix(_) => Mode::Matrix,
            Screen::Timeline(_) => Mode::Timeline,
            Screen::Facets(_) => Mode::Facets,
            Screen::Views(_, None) => Mode::Views,
            Screen::Views(_, Some(_)) => Mode::ViewName,
            Screen::Problems(_) => Mode::Problems,
            Screen::Loading(_) => Mode::Loading,
        }
    }

    pub fn palette(&self) -> Option<&Palette> {
        match &self.screen {
            Screen::Main(Some(MainOverlay::Palette(p))) => Some(p),
            _ => None,
        }
    }

    pub fn palette_mut(&mut self) -> Option<&mut Palette> {
        match &mut self.screen {
            Screen::Main(Some(MainOverlay::Palette(p))) => Some(p),
            _ => None,
        }
    }

    /// The note editor, on whichever screen it is open.
    pub fn note_editor(&self) -> Option<&NoteEditor> {
        match &self.screen {
            Screen::Main(Some(MainOverlay::Note(e))) | Screen::Review(_, Some(e)) => Some(e),
            _ => None,
        }
    }

    pub fn note_editor_mut(&mut self) -> Option<&mut NoteEditor> {
        match &mut self.screen {
            Screen::Main(Some(MainOverlay::Note(e))) | Screen::Review(_, Some(e)) => Some(e),
            _ => None,
        }
    }

    /// Closes the note editor, returning it.
    pub fn take_note_editor(&mut self) -> Option<NoteEditor> {
        match &mut self.screen {
            Screen::Main(overlay @ Some(MainOverlay::Note(_))) => match overlay.take() {
                Some(MainOverlay::Note(e)) => Some(e),
                _ => None,
            },
            Screen::Review(_, editor) => editor.take(),
            _ => None,
        }
    }

    /// The text being typed into a pane filter or a find, if any.
    pub fn typing(&self) -> Option<&Input> {
        match &self.screen {
            Screen::Main(Some(MainOverlay::Filter(input))) | Screen::Source(_, Some(input)) => {
                Some(input)
            }
            _ => None,
        }
    }

    pub fn source_view(&self) -> Option<&SourceView> {
        match &self.screen {
            Screen::Source(view, _) => Some(view),
            _ => None,
        }
    }

    pub fn loading_view(&self) -> Option<&LoadingView> {
        match &self.screen {
            Screen::Loading(view) => Some(view),
            _ => None,
        }
    }

    /// The problems the Problems pane lists: those of a reload that
    /// failed, else those of the version shown.
    pub fn problems(&self) -> &[crate::model::Diagnostic] {
        match &self.reload_failure {
            Some(failure) => &failure.diagnostics,
            None => self.data.problems.all(),
        }
    }

    pub fn review_view(&self) -> Option<&ReviewView> {
        match &self.screen {
            Screen::Review(view, _) => Some(view),
            _ => None,
        }
    }
}
