//! The terminal itself: entering and always leaving raw mode and the
//! alternate screen, handing it to an editor, and whether a shell could
//! resume parley after Ctrl-z.

use crossterm::event::{
    DisableMouseCapture, EnableMouseCapture, KeyboardEnhancementFlags, PopKeyboardEnhancementFlags,
    PushKeyboardEnhancementFlags,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use std::io::{self, Write};

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
pub(super) struct Session;

impl Session {
    pub(super) fn start() -> io::Result<Session> {
        let session = Session;
        enter()?;
        Ok(session)
    }
}

/// Raw mode, alternate screen, mouse, hidden cursor.
pub(super) fn enter() -> io::Result<()> {
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

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}

/// Edits `text` in `$VISUAL` or `$EDITOR` (else `vi`) on a temporary file.
pub(super) fn edit_externally(text: &str) -> io::Result<String> {
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

pub(super) fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Whether a shell could resume parley after Ctrl-z. The kernel discards
/// SIGTSTP sent to an orphaned process group (one with no member whose
/// parent is in another group of the same session), so a stop would do
/// nothing there; rather than leave the terminal restored for no one,
/// parley stays. Where `/proc` is not there to ask, it tries anyway.
pub(super) fn can_be_resumed() -> bool {
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
