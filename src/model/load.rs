//! Reading a dataset: bytes → RON → model, with every problem collected.

use super::decode::{decode, ron_options};
use super::diagnostic::suggest;
use super::diagnostic::{Code, Diagnostic, FileSet};
use super::locate::Locator;
use super::progress::{self, Phase, Progress, Report};
use super::read::{MAX_DATASET, ReadError, read_file};
use super::sources::{DirReader, SourceReader};
use super::types::{Dataset, Event, Issue, Party, Person, Position, Quote, Source};
use super::validate;
use ron::error::{Error as RonError, SpannedError};
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// A dataset after loading: the model when it parsed, and every problem.
#[derive(Debug)]
pub struct Loaded {
    /// The file name used in diagnostics.
    pub name: String,
    /// Present whenever the RON parsed; check [`Loaded::has_errors`] before
    /// trusting references and quote anchors.
    pub dataset: Option<Dataset>,
    pub diagnostics: Vec<Diagnostic>,
    /// Cleaned texts of the files diagnostics point into.
    pub files: FileSet,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// The dataset, only when it has no errors.
    pub fn into_valid(mut self) -> Result<Dataset, Box<Loaded>> {
        if self.has_errors() {
            return Err(Box::new(self));
        }
        match self.dataset.take() {
            Some(d) => Ok(d),
            None => Err(Box::new(self)),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Io { path: String, source: ReadError },
}

/// How much a dataset is trusted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Source paths may name files outside the dataset's folder
    /// (`--allow-outside-paths`); never devices, FIFOs or oversized files.
    pub allow_outside_paths: bool,
}

/// Loads a dataset file and the source files it names, which must be
/// inside the dataset file's folder.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    load_path_with(path, LoadOptions::default(), &progress::quiet)
}

/// Loads a dataset file and the source files it names, reporting how far
/// it has got. The file must be a regular one within [`MAX_DATASET`]: a
/// FIFO or a device would hang parley or fill its memory (use `-` to read
/// a pipe).
pub fn load_path_with(
    path: &Path,
    options: LoadOptions,
    report: Report<'_>,
) -> Result<Loaded, LoadError> {
    report(Progress::start(Phase::Reading));
    let bytes = read_file(path, MAX_DATASET).map_err(|source| LoadError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let base = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    Ok(load_bytes_with(
        &path.display().to_string(),
        &bytes,
        &DirReader::with_outside(base, options.allow_outside_paths),
        report,
    ))
}

/// Loads a dataset from bytes; `sources` supplies files named by `path:`.
pub fn load_bytes(name: &str, bytes: &[u8], sources: &dyn SourceReader) -> Loaded {
    load_bytes_with(name, bytes, sources, &progress::quiet)
}

/// [`load_bytes`], reporting how far it has got.
pub fn load_bytes_with(
    name: &str,
    bytes: &[u8],
    sources: &dyn SourceReader,
    report: Report<'_>,
) -> Loaded {
    let size = bytes.len() as u64;
    report(Progress::new(Phase::Reading, size, size));
    let mut files = FileSet::default();
    let text = match decode(name, bytes) {
        Ok(t) => t,
        Err(bad) => {
            let (d, lossy) = *bad;
            files.add(name, &lossy);
            return Loaded {
                name: name.to_string(),
                dataset: None,
                diagnostics: vec![d],
                files,
            };
        }
    };
    let text = as_loaded(text);
    report(Progress::new(Phase::Parsing, 0, size));
    // The line index is built while RON parses; the outline only when a
    // diagnostic needs to place an item (`Locator::outline`).
    let (loc, parsed) = rayon::join(|| Locator::new(name, &text), || super::parse::parse(&text));
    let mut diagnostics = Vec::new();
    let dataset = match parsed {
        Ok(mut ds) => {
            report(Progress::new(Phase::Parsing, size, size));
            ds.quotes.raw.shrink_to_fit();
            ds.positions.raw.shrink_to_fit();
            validate::validate(&mut ds, &loc, sources, &mut diagnostics, &mut files, report);
            Some(ds)
        }
        Err(e) => {
            syntax_diagnostics(&loc, &e, &mut diagnostics);
            None
        }
    };
    // Only snippets read the text again: a clean dataset's text, as large
    // as the dataset, is not copied.
    if diagnostics.iter().any(|d| d.file == name) {
        files.add(name, &text);
    }
    diagnostics.sort_by_key(|d| (d.file != name, d.severity, d.line, d.column));
    Loaded {
        name: name.to_string(),
        dataset,
        diagnostics,
        files,
    }
}

/// The dataset text as loading reads it: CRLF as LF, which keeps every
/// line and character column where it was.
pub(crate) fn as_loaded(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains("\r\n") {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// RON stops at its first error. To report every broken item in one pass,
/// each item is parsed again on its own; the whole-file error is kept when
/// no item-level error explains it.
fn syntax_diagnostics(loc: &Locator<'_>, whole: &SpannedError, out: &mut Vec<Diagnostic>) {
    let before = out.len();
    check_items::<Source>(loc, "sources", out);
    check_items::<Party>(loc, "parties", out);
    check_items::<Person>(loc, "people", out);
    check_items::<Issue>(loc, "issues", out);
    check_items::<Quote>(loc, "quotes", out);
    check_items::<Position>(loc, "positions", out);
    check_items::<Event>(loc, "events", out);
    let whole = ron_diagnostic(loc, whole, 0);
    let offset = loc.lines.offset(whole.line, whole.column);
    let explained = loc.outline().item_at(offset).is_some_and(|(_, item)| {
        out[before..].iter().any(|d| {
            let at = loc.lines.offset(d.line, d.column);
            item.start <= at && at < item.end
        })
    });
    if !explained {
        out.push(whole);
    }
    if let Some(at) = loc.outline().top_field("format") {
        let value = loc.top("format");
        let written = loc.text.get(value.clone()).unwrap_or("");
        if written != "1" && written.chars().all(|c| c.is_ascii_digit()) && !written.is_empty() {
            out.push(loc.diag(
                Code::UnsupportedFormat,
                at..value.end,
                None,
                format!("unsupported dataset format {written}; this parley reads format 1"),
            ));
        }
    }
}

fn check_items<T: DeserializeOwned>(loc: &Locator<'_>, section: &str, out: &mut Vec<Diagnostic>) {
    let Some(items) = loc.outline().sections.get(section) else {
        return;
    };
    for item in items {
        let Some(slice) = loc.text.get(item.start..item.end) else {
            continue;
        };
        if let Err(e) = ron_options().from_str::<T>(slice) {
            out.push(ron_diagnostic(loc, &e, item.start));
        }
    }
}

/// Turns a RON error (positions relative to `base`) into a diagnostic.
fn ron_diagnostic(loc: &Locator<'_>, e: &SpannedError, base: usize) -> Diagnostic {
    let rel = |line: usize, col: usize| {
        let (bl, bc) = loc.lines.line_col(base);
        let (l, c) = if line <= 1 {
            (bl, bc + col - 1)
        } else {
            (bl + line - 1, col)
        };
        loc.lines.offset(l, c.max(1))
    };
    let mut start = rel(e.span.start.line, e.span.start.col);
    let mut end = rel(e.span.end.line, e.span.end.col).max(start);
    // RON's span may begin on the white space before the bad token.
    while start < end
        && loc.text[start..]
            .chars()
            .next()
            .is_some_and(char::is_whitespace)
    {
        start += loc.text[start..].chars().next().map_or(1, char::len_utf8);
    }
    let id = loc
        .outline()
        .item_at(start)
        .and_then(|(_, item)| loc.outline().id(item));
    let (code, message, help) = describe(&e.code);
    // RON reports a missing field at the closing parenthesis; the item's
    // first token is where a reader looks for what the item lacks.
    let owner = match loc.outline().item_at(start.saturating_sub(1)) {
        Some((_, item)) => Some(item.start),
        None => loc.outline().root,
    };
    if code == Code::MissingField
        && let Some(owner) = owner
    {
        start = owner;
        end = loc.text[start..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(start + 1, |n| start + n.max(1));
    }
    let message = match &id {
        Some(id) => format!("{message} (in `{id}`)"),
        None => message,
    };
    let mut d = loc.diag(code, start..end.max(start + 1), id.as_deref(), message);
    d.help = help;
    d
}

/// A name RON did not know, with the nearest known one suggested.
fn unknown(
    code: Code,
    what: &str,
    found: &str,
    expected: &[&str],
    within: String,
    list: &str,
) -> (Code, String, Vec<String>) {
    let mut help: Vec<String> = suggest(found, expected)
        .map(|s| format!("did you mean `{s}`?"))
        .into_iter()
        .collect();
    help.push(format!("{list}: {}", expected.join(", ")));
    (code, format!("unknown {what} `{found}`{within}"), help)
}

fn describe(e: &RonError) -> (Code, String, Vec<String>) {
    let within = |outer: &Option<String>, prep: &str| {
        outer
            .as_deref()
            .map_or(String::new(), |o| format!(" {prep} {o}"))
    };
    match e {
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => unknown(
            Code::UnknownField,
            "field",
            found,
            expected,
            within(outer, "in"),
            "known fields",
        ),
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => unknown(
            Code::UnknownVariant,
            "value",
            found,
            expected,
            within(outer, "for"),
            "valid values",
        ),
        RonError::MissingStructField { field, outer } => {
            let within = outer
                .as_deref()
                .map_or(String::new(), |o| format!(" in {o}"));
            (
                Code::MissingField,
                format!("missing required field `{field}`{within}"),
                Vec::new(),
            )
        }
        RonError::ExceededRecursionLimit => (
            Code::Syntax,
            "nesting is too deep (more than 128 levels)".into(),
            Vec::new(),
        ),
        other => (Code::Syntax, other.to_string(), Vec::new()),
    }
}
