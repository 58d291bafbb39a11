//! Turning bytes into text and RON options shared by every reader: the
//! dataset loader, validation (source files) and review files.

use super::diagnostic::{Code, Diagnostic};
use ron::extensions::Extensions;

pub fn ron_options() -> ron::Options {
    // The recursion limit stays at its default: without it, deeply nested
    // input overflows the stack.
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Decodes UTF-8 (dropping a byte-order mark), or explains where it breaks.
pub fn decode<'b>(name: &str, bytes: &'b [u8]) -> Result<&'b str, Box<(Diagnostic, String)>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let lossy = String::from_utf8_lossy(bytes).into_owned();
        // from_utf8 on a valid prefix cannot fail.
        let prefix = std::str::from_utf8(good).unwrap_or_default();
        let line = prefix.matches('\n').count() + 1;
        let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let start = prefix.chars().count();
        let bad = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
        let d = Diagnostic {
            severity: Code::InvalidUtf8.severity(),
            code: Code::InvalidUtf8,
            message: format!(
                "{name} is not valid UTF-8: byte 0x{bad:02X} at line {line}, column {column}"
            ),
            file: name.to_string(),
            line,
            column,
            id: None,
            item: None,
            span: start..start + 1,
            label: Some("invalid UTF-8 here".into()),
            help: vec!["save the file as UTF-8".into()],
        };
        Box::new((d, lossy))
    })
}
