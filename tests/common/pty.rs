//! A pseudo-terminal harness for end-to-end tests of the real binary.
//!
//! [`Term`] opens a pty with `portable-pty`, runs the binary on its slave
//! side and starts a reader thread on the master side. That thread keeps
//! every byte the app writes (so tests can check which escape sequences
//! reached the terminal) and feeds them to a `vt100` parser (so tests can
//! check what a user would see, and the modes left behind: alternate
//! screen, cursor, mouse reporting). Raw mode is checked on the pty's own
//! termios.
//!
//! Nothing sleeps to let the app "settle": every step waits for a condition
//! on the screen, with a deadline, and a timeout fails showing the screen.
//! Keys are the bytes a terminal would send; a lone Esc is always followed
//! by a wait, because Esc then `q` in one read is Alt-q to the app.
use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub const DEADLINE: Duration = Duration::from_secs(10);
pub const POLL: Duration = Duration::from_millis(20);
pub const ESC: &[u8] = b"\x1b";

/// vt100 skips U+FFFD instead of drawing it, which would hide parley's
/// stand-in for C1 controls and bidi overrides and shift the rest of the
/// row; the parser gets this glyph (same UTF-8 length) in its place.
pub const FFFD_SHOWN: &str = "⍰";
const FFFD: &[u8] = "\u{fffd}".as_bytes();

/// Everything the app has written so far, raw and as a screen.
pub struct Output {
    pub raw: Vec<u8>,
    pub parser: vt100::Parser,
    /// The start of a U+FFFD split across two reads.
    pub pending: Vec<u8>,
}

impl Output {
    pub fn take(&mut self, bytes: &[u8]) {
        self.raw.extend_from_slice(bytes);
        self.pending.extend_from_slice(bytes);
        let split = (1..FFFD.len())
            .rev()
            .find(|&k| self.pending.ends_with(&FFFD[..k]))
            .unwrap_or(0);
        let mut ready: Vec<u8> = self.pending.drain(..self.pending.len() - split).collect();
        while let Some(at) = find(&ready, FFFD, 0) {
            ready[at..at + FFFD.len()].copy_from_slice(FFFD_SHOWN.as_bytes());
        }
        self.parser.process(&ready);
    }
}

/// Where `needle` occurs in `hay` at or after `from`.
pub fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let at = hay
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle);
    at.map(|i| i + from)
}

/// A config folder with no parley config in it, so tests never read the
/// config of whoever runs them.
pub fn no_config_home() -> String {
    format!(
        "{}/tests/fixtures/no-config-home",
        env!("CARGO_MANIFEST_DIR")
    )
}

pub fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

pub fn pty_size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        ..PtySize::default()
    }
}

pub struct Term {
    pub master: Box<dyn MasterPty + Send>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub out: Arc<Mutex<Output>>,
    pub reader: Option<JoinHandle<()>>,
    pub is_cooked: CookedCheck,
    _state_home: tempfile::TempDir,
}

/// Whether the pty's termios is as before the app ran: a closure, as the
/// termios type is from portable-pty's private `nix`, which we cannot name.
pub type CookedCheck = Box<dyn Fn(&dyn MasterPty) -> bool>;

impl Term {
    pub fn spawn(args: &[&str], rows: u16, cols: u16) -> Term {
        Term::spawn_with_env(args, &[], rows, cols)
    }

    /// Like [`Term::spawn`], with more environment. A user's config file
    /// never applies: `XDG_CONFIG_HOME` is a folder with none unless set.
    pub fn spawn_with_env(args: &[&str], env: &[(&str, &str)], rows: u16, cols: u16) -> Term {
        Term::spawn_program(env!("CARGO_BIN_EXE_parley"), args, env, rows, cols)
    }

    /// Runs any program in the pty, as a shell for job control tests.
    pub fn spawn_program(
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
        rows: u16,
        cols: u16,
    ) -> Term {
        let pair = native_pty_system()
            .openpty(pty_size(rows, cols))
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR")); // portable-pty defaults to $HOME
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env("XDG_CONFIG_HOME", no_config_home());
        // Each app its own review files: tests run side by side, and a
        // second parley on one review file is read-only.
        let state_home = tempfile::tempdir().expect("state folder");
        cmd.env("XDG_STATE_HOME", state_home.path());
        // Loads are cached under target/, never in the user's cache.
        cmd.env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/xdg-cache"),
        );
        for (name, value) in env {
            cmd.env(name, value);
        }
        let cooked = pair.master.get_termios();
        assert!(cooked.is_some(), "cannot read the pty's termios");
        let is_cooked = Box::new(move |m: &dyn MasterPty| m.get_termios() == cooked);
        let child = pair.slave.spawn_command(cmd).expect("spawn parley");
        // Our copy of the slave must go, or the reader never sees EOF.
        drop(pair.slave);
        let out = Arc::new(Mutex::new(Output {
            raw: Vec::new(),
            parser: vt100::Parser::new(rows, cols, 0),
            pending: Vec::new(),
        }));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let sink = Arc::clone(&out);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => sink.lock().expect("output lock").take(&buf[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => break, // Linux: EIO once the slave side is closed
                }
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        let master = pair.master;
        Term {
            master,
            writer,
            child,
            out,
            reader: Some(reader),
            is_cooked,
            _state_home: state_home,
        }
    }

    pub fn with_output<T>(&self, f: impl FnOnce(&Output) -> T) -> T {
        f(&self.out.lock().expect("output lock"))
    }

    pub fn screen_text(&self) -> String {
        self.with_output(|o| o.parser.screen().contents())
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// Polls until `cond` holds for the screen text; fails at the deadline,
    /// or at once if the app has exited, showing the screen.
    pub fn wait_until(&mut self, what: &str, cond: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let exited = self.child.try_wait().expect("poll child");
            if exited.is_some() {
                self.join_reader(); // the last frame may still be in flight
            }
            let screen = self.screen_text();
            if cond(&screen) {
                return;
            }
            if let Some(status) = exited {
                panic!("parley exited ({status}) before {what}; screen:\n{screen}");
            }
            assert!(
                Instant::now() < deadline,
                "no {what} after {DEADLINE:?}; screen:\n{screen}"
            );
            std::thread::sleep(POLL);
        }
    }

    pub fn wait_for(&mut self, text: &str) {
        self.wait_until(&format!("{text:?}"), |s| s.contains(text));
    }

    pub fn wait_gone(&mut self, text: &str) {
        self.wait_until(&format!("end of {text:?}"), |s| !s.contains(text));
    }

    /// Waits for the app to exit (killing it at the deadline), then for the
    /// reader to have every byte it wrote, so the screen is final.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + DEADLINE;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll child") {
                break status;
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!(
                    "parley still running after {DEADLINE:?}:\n{}",
                    self.screen_text()
                );
            }
            std::thread::sleep(POLL);
        };
        self.join_reader();
        status
    }

    pub fn join_reader(&mut self) {
        let deadline = Instant::now() + DEADLINE;
        if let Some(reader) = self.reader.take() {
            while !reader.is_finished() {
                assert!(Instant::now() < deadline, "pty output never reached EOF");
                std::thread::sleep(POLL);
            }
            reader.join().expect("reader thread");
        }
    }

    pub fn resize(&mut self, rows: u16, cols: u16) {
        let mut out = self.out.lock().expect("output lock");
        out.parser.screen_mut().set_size(rows, cols);
        self.master
            .resize(pty_size(rows, cols))
            .expect("resize pty");
    }

    /// Sends a signal by name (`TERM`, `HUP`, ...) with kill(1).
    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("child pid").to_string();
        let kill = std::process::Command::new("kill")
            .args(["-s", name, &pid])
            .status();
        assert!(
            kill.expect("run kill").success(),
            "kill -s {name} {pid} failed"
        );
    }

    pub fn assert_raw_mode(&self, expected: bool) {
        let raw = !(self.is_cooked)(&*self.master);
        assert_eq!(raw, expected, "raw mode should be {expected}");
    }

    /// After exit: every mode the app turned on is off again.
    pub fn assert_restored(&self) {
        self.with_output(|o| {
            let screen = o.parser.screen();
            let text = screen.contents();
            assert!(
                !screen.alternate_screen(),
                "left on alternate screen:\n{text}"
            );
            assert!(!screen.hide_cursor(), "cursor left hidden:\n{text}");
            let mouse = screen.mouse_protocol_mode();
            assert_eq!(
                mouse,
                vt100::MouseProtocolMode::None,
                "mouse reporting left on"
            );
            // vt100 ignores the kitty keyboard protocol, so check the bytes;
            // the others too, in case vt100 is more lenient than terminals.
            let pairs: [(&[u8], &[u8]); 3] = [
                (b"\x1b[?1049h", b"\x1b[?1049l"),
                (b"\x1b[?1000h", b"\x1b[?1000l"),
                (b"\x1b[>1u", b"\x1b[<1u"),
            ];
            for (on, off) in pairs {
                let (on_s, off_s) = (on.escape_ascii(), off.escape_ascii());
                let last_on = (0..o.raw.len()).rev().find(|&i| o.raw[i..].starts_with(on));
                let last_on = last_on.unwrap_or_else(|| panic!("{on_s} never written"));
                let undone = find(&o.raw, off, last_on).is_some();
                assert!(undone, "{on_s} not undone by {off_s}");
            }
        });
        self.assert_raw_mode(false);
    }

    pub fn quit_cleanly(mut self) -> Term {
        self.send(b"q");
        let status = self.wait_exit();
        assert!(status.success(), "q should exit 0, got {status}");
        self.assert_restored();
        self
    }
}

impl Drop for Term {
    /// A failed test must not leave a running app behind.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill(); // SIGHUP, then SIGKILL after 200 ms
            let _ = self.child.wait();
        }
    }
}
