//! What a user can ask for. `Command` is what keys are bound to and what
//! help lists; it lives below both the keymap and the app so that neither
//! has to import the other to name one.

/// A user-bindable command. Its description is what the help overlay
/// shows, and its hint word what key hints show, so both are generated
/// from the same table the keys are read from.
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
    ClearFilter,
    Find,
    ClearFind,
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
            Command::ClearFilter => "Clear the pane's filter",
            Command::Find => "Find text in this source",
            Command::ClearFind => "Clear the find",
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

    /// The word a key hint shows after the key, as in `? help`.
    pub fn hint(self) -> &'static str {
        match self {
            Command::Down | Command::Up => "move",
            Command::First => "first",
            Command::Last => "last",
            Command::PageDown | Command::PageUp => "page",
            Command::NextPane | Command::PrevPane => "pane",
            Command::Open => "open",
            Command::Back => "back",
            Command::JumpBack | Command::JumpForward => "jump",
            Command::NextQuote | Command::PrevQuote => "next",
            Command::ToggleHelp => "help",
            Command::Quit => "quit",
            Command::Search => "search",
            Command::Filter => "filter",
            Command::ClearFilter | Command::ClearFind => "clear",
            Command::Find => "find",
            Command::Accept => "done",
            Command::NextScope | Command::PrevScope => "scope",
            Command::History => "history",
            Command::StartReview => "review",
            Command::MarkVerified => "verify",
            Command::MarkDisputed => "dispute",
            Command::MarkFlagged => "flag",
            Command::MarkSkipped => "skip",
            Command::Undo => "undo",
            Command::Note => "note",
            Command::EditNote => "editor",
            Command::NextUnreviewed | Command::PrevUnreviewed => "unreviewed",
            Command::NextItem | Command::PrevItem => "items",
            Command::NextQuoteInItem => "quote",
        }
    }
}

/// Something about the state that decides what a key does. Bindings carry
/// one, so that help can say when a key does something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Condition {
    /// The palette's query is empty, or is a recalled one.
    QueryEmptyOrRecalled,
    /// The focused pane has a filter.
    FilterSet,
    /// The source viewer has a find.
    FindSet,
}

impl Condition {
    /// How help says when the binding applies.
    pub fn description(self) -> &'static str {
        match self {
            Condition::QueryEmptyOrRecalled => "query empty or recalled",
            Condition::FilterSet => "when the pane is filtered",
            Condition::FindSet => "when there is a find",
        }
    }
}
