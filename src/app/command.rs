//! What the user can ask for (`Command`, bindable to keys and listed in
//! help) and everything else that reaches `update` (`Action`).

/// A user-bindable command. Its description is what the help overlay
/// shows, so help is generated from the same table the keys are read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Down,
    Up,
    First,
    Last,
    PageDown,
    PageUp,
    NextPane,
    PrevPane,
    Open,
    Back,
    JumpBack,
    JumpForward,
    NextQuote,
    PrevQuote,
    ToggleHelp,
    Quit,
    Search,
    Filter,
    Find,
    Accept,
    NextScope,
    PrevScope,
    History,
    StartReview,
    MarkVerified,
    MarkDisputed,
    MarkFlagged,
    MarkSkipped,
    Undo,
    Note,
    EditNote,
    NextUnreviewed,
    PrevUnreviewed,
    NextItem,
    PrevItem,
    NextQuoteInItem,
}

impl Command {
    pub fn description(self) -> &'static str {
        match self {
            Command::Down => "Move down",
            Command::Up => "Move up",
            Command::First => "Jump to the first row",
            Command::Last => "Jump to the last row",
            Command::PageDown => "Page down",
            Command::PageUp => "Page up",
            Command::NextPane => "Focus the next pane",
            Command::PrevPane => "Focus the previous pane",
            Command::Open => "Open the selection (a quote opens its source)",
            Command::Back => "Go back",
            Command::JumpBack => "Jump back to the previous place (jump list)",
            Command::JumpForward => "Jump forward again (jump list)",
            Command::NextQuote => "Next match of the find, else next quote",
            Command::PrevQuote => "Previous match of the find, else previous quote",
            Command::ToggleHelp => "Show or hide this help",
            Command::Quit => "Quit parley",
            Command::Search => "Search everything (palette)",
            Command::Filter => "Filter the focused pane as you type",
            Command::Find => "Find text in this source",
            Command::Accept => "Keep what was typed and stop typing",
            Command::NextScope => "Search the next kind of item (all, parties, …)",
            Command::PrevScope => "Search the previous kind of item",
            Command::History => "Recall an earlier query",
            Command::StartReview => "Review the positions in scope (party and/or issue)",
            Command::MarkVerified => "Mark verified",
            Command::MarkDisputed => "Mark disputed",
            Command::MarkFlagged => "Flag for follow-up",
            Command::MarkSkipped => "Skip for now",
            Command::Undo => "Undo the last mark or note",
            Command::Note => "Write or edit the note",
            Command::EditNote => "Edit the note in $VISUAL or $EDITOR",
            Command::NextUnreviewed => "Next unreviewed item",
            Command::PrevUnreviewed => "Previous unreviewed item",
            Command::NextItem => "Next item",
            Command::PrevItem => "Previous item",
            Command::NextQuoteInItem => "Select the next quote of this item",
        }
    }
}

/// A mouse gesture, in terminal cell coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mouse {
    Click { column: u16, row: u16 },
    ScrollDown { column: u16, row: u16 },
    ScrollUp { column: u16, row: u16 },
}

/// Everything `update` handles: commands from keys, plus input that is not
/// a key binding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Command(Command),
    /// A key with no binding in a typing mode: it edits the text.
    Key(crossterm::event::KeyEvent),
    Mouse(Mouse),
    Resize {
        width: u16,
        height: u16,
    },
    /// A search finished on the worker.
    SearchDone(crate::search::worker::Response),
    /// The external editor closed with this note text.
    NoteEdited {
        kind: crate::review::ItemKind,
        item: usize,
        text: String,
    },
    /// A review save finished; the error, if it failed.
    Saved(Option<String>),
    /// parley is about to exit (a signal, or the terminal went away).
    ShutDown,
}

impl From<Command> for Action {
    fn from(c: Command) -> Self {
        Action::Command(c)
    }
}
