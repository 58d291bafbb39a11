//! Copying text out: OSC 52 through the terminal, which works over SSH and
//! inside tmux (with `set-clipboard on`), and the system clipboard as well
//! when there is one, for terminals that ignore OSC 52.

use base64::Engine;
use std::io::Write;
use std::process::{Command, Stdio};

/// The OSC 52 sequence that sets the clipboard to `text`. The text is
/// base64-encoded, so no byte of it can end the sequence early; control
/// characters other than line breaks are made visible before encoding, so
/// none reaches the clipboard either.
pub fn osc52(text: &str) -> Vec<u8> {
    let text = crate::text::clean_keep_lines(text);
    let text = text.replace('\t', "    ");
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let mut out = Vec::with_capacity(encoded.len() + 8);
    out.extend_from_slice(b"\x1b]52;c;");
    out.extend_from_slice(encoded.as_bytes());
    out.push(0x07);
    out
}

/// The first clipboard program this system has, with its arguments.
fn system_clipboard() -> Option<(&'static str, &'static [&'static str])> {
    let env = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let candidates: &[(&str, &[&str], bool)] = &[
        ("wl-copy", &[], env("WAYLAND_DISPLAY")),
        ("xclip", &["-selection", "clipboard"], env("DISPLAY")),
        ("xsel", &["--clipboard", "--input"], env("DISPLAY")),
        ("pbcopy", &[], cfg!(target_os = "macos")),
        ("clip.exe", &[], env("WSL_DISTRO_NAME")),
    ];
    candidates
        .iter()
        .filter(|(_, _, usable)| *usable)
        .find(|(program, _, _)| on_path(program))
        .map(|&(program, args, _)| (program, args))
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Copies `text`: writes OSC 52 to `terminal`, and gives it to the system
/// clipboard program when there is one. Says where it went.
pub fn copy(terminal: &mut impl Write, text: &str) -> Result<String, String> {
    let mut sent = Vec::new();
    let mut failed = Vec::new();
    match terminal
        .write_all(&osc52(text))
        .and_then(|()| terminal.flush())
    {
        Ok(()) => sent.push("terminal, by OSC 52".to_string()),
        Err(e) => failed.push(format!("terminal: {e}")),
    }
    if let Some((program, args)) = system_clipboard() {
        let clean = crate::text::clean_keep_lines(text);
        let result = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .and_then(|mut child| {
                if let Some(mut stdin) = child.stdin.take() {
                    stdin.write_all(clean.as_bytes())?;
                }
                child.wait()
            });
        match result {
            Ok(status) if status.success() => sent.push(program.to_string()),
            Ok(status) => failed.push(format!("{program}: {status}")),
            Err(e) => failed.push(format!("{program}: {e}")),
        }
    }
    if sent.is_empty() {
        Err(failed.join("; "))
    } else {
        Ok(sent.join(" and "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_is_the_exact_sequence_and_carries_no_control_character() {
        assert_eq!(osc52("hi"), b"\x1b]52;c;aGk=\x07");
        let seq = osc52("“a\u{1b}]0;pwned\u{7}b”\nnext");
        let body = &seq[7..seq.len() - 1];
        assert!(
            body.iter()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(b))
        );
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(body)
            .expect("base64");
        let decoded = String::from_utf8(decoded).expect("UTF-8");
        assert_eq!(decoded, "“a␛]0;pwned␇b”\nnext");
    }
}
