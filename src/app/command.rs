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
            Command::NextQuote => "Next quote in this source",
            Command::PrevQuote => "Previous quote in this source",
            Command::ToggleHelp => "Show or hide this help",
            Command::Quit => "Quit parley",
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Command(Command),
    Mouse(Mouse),
    Resize { width: u16, height: u16 },
}

impl From<Command> for Action {
    fn from(c: Command) -> Self {
        Action::Command(c)
    }
}
