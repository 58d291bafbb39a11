//! What a user can ask for. `Command` is what keys are bound to and what
//! help lists; it lives below both the keymap and the app so that neither
//! has to import the other to name one.

macro_rules! commands {
    ($($variant:ident => $description:literal, $hint:literal;)*) => {
        /// A user-bindable command. Its description is what the help
        /// overlay shows, and its hint word what key hints show, so both
        /// are generated from the same table the keys are read from.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Command {
            $($variant),*
        }

        impl Command {
            /// Every command, generated with the enum.
            pub const ALL: &'static [Command] = &[$(Command::$variant),*];

            pub fn description(self) -> &'static str {
                match self {
                    $(Command::$variant => $description),*
                }
            }

            /// The word a key hint shows after the key, as in `? help`.
            pub fn hint(self) -> &'static str {
                match self {
                    $(Command::$variant => $hint),*
                }
            }
        }
    };
}

commands! {
    Down => "Move down", "move";
    Up => "Move up", "move";
    First => "Jump to the first row", "first";
    Last => "Jump to the last row", "last";
    PageDown => "Page down", "page";
    PageUp => "Page up", "page";
    NextPane => "Focus the next pane", "pane";
    PrevPane => "Focus the previous pane", "pane";
    Open => "Open the selection (a quote opens its source)", "open";
    Back => "Go back", "back";
    JumpBack => "Jump back to the previous place (jump list)", "jump";
    JumpForward => "Jump forward again (jump list)", "jump";
    NextQuote => "Next match of the find, else next quote", "next";
    PrevQuote => "Previous match of the find, else previous quote", "next";
    ToggleHelp => "Show or hide this help", "help";
    Quit => "Quit parley", "quit";
    Search => "Search everything (palette)", "search";
    Filter => "Filter the focused pane as you type", "filter";
    ClearFilter => "Clear the pane's filter", "clear";
    Find => "Find text in this source", "find";
    ClearFind => "Clear the find", "clear";
    Accept => "Keep what was typed and stop typing", "done";
    NextScope => "Search the next kind of item (all, parties, …)", "scope";
    PrevScope => "Search the previous kind of item", "scope";
    History => "Recall an earlier query", "history";
    StartReview => "Review the positions in scope (party and/or issue)", "review";
    MarkVerified => "Mark verified", "verify";
    MarkDisputed => "Mark disputed", "dispute";
    MarkFlagged => "Flag for follow-up", "flag";
    MarkSkipped => "Skip for now", "skip";
    Undo => "Undo the last mark or note", "undo";
    Note => "Write or edit the note", "note";
    EditNote => "Edit the note in $VISUAL or $EDITOR", "editor";
    NextUnreviewed => "Next unreviewed item", "unreviewed";
    PrevUnreviewed => "Previous unreviewed item", "unreviewed";
    NextItem => "Next item", "items";
    PrevItem => "Previous item", "items";
    NextQuoteInItem => "Select the next quote of this item", "quote";
    CopyQuote => "Copy the quote with its citation", "copy";
    CopyPosition => "Copy the position with its quotes, as Markdown", "copy position";
    Suspend => "Suspend parley (fg resumes it)", "suspend";
    Left => "Move left", "move";
    Right => "Move right", "move";
    Zoom => "Zoom the focused pane to the whole window, or back", "zoom";
    TogglePreview => "Hide or show the preview", "preview";
    Matrix => "Show the position matrix", "matrix";
    Timeline => "Show the timeline", "timeline";
    CycleOrder => "Order the rows by tree, status or disagreement", "order";
    Narrow => "Narrow to the selected party, then issue, then show all", "narrow";
    Links => "Show what the item links to and what links to it", "links";
    FilterMenu => "Filter every view by party, issue, stance, date… (menu)", "filters";
    ClearChips => "Clear every filter chip", "clear filters";
    Toggle => "Choose the value, or unchoose it", "choose";
    Exclude => "Exclude the value, or stop excluding it", "exclude";
    FromDate => "Keep this date and later", "from";
    UntilDate => "Keep this date and earlier", "until";
    NextSection => "Jump to the next facet", "facet";
    PrevSection => "Jump to the previous facet", "facet";
    Views => "Saved views: recall, save or delete one", "views";
    SaveView => "Save the filters and screen as a named view", "save";
    DeleteView => "Delete the selected view", "delete";
    Problems => "Show every problem found in the dataset", "problems";
    Reload => "Reload the dataset and its sources now", "reload";
    TypeAhead => "Keep the key for when the dataset is shown", "type ahead";
}

impl Command {
    /// The command's name in a config file: `page-down`, `mark-verified`.
    pub fn name(self) -> String {
        let debug = format!("{self:?}");
        let mut name = String::with_capacity(debug.len() + 4);
        for (i, c) in debug.chars().enumerate() {
            if c.is_uppercase() && i > 0 {
                name.push('-');
            }
            name.extend(c.to_lowercase());
        }
        name
    }

    /// The command a config file names.
    pub fn from_name(name: &str) -> Option<Command> {
        Command::ALL.iter().copied().find(|c| c.name() == name)
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
    /// The browser was opened from the matrix or the timeline.
    FromView,
    /// Keys typed while the dataset loads have opened a search, a filter
    /// or a note: what follows is text, not commands.
    TypingAhead,
}

impl Condition {
    /// How help says when the binding applies.
    pub fn description(self) -> &'static str {
        match self {
            Condition::QueryEmptyOrRecalled => "query empty or recalled",
            Condition::FilterSet => "when the pane is filtered",
            Condition::FindSet => "when there is a find",
            Condition::FromView => "after opening from the matrix or timeline",
            Condition::TypingAhead => "while typing ahead into a search, filter or note",
        }
    }
}
