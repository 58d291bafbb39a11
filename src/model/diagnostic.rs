//! Problems found in a dataset, and how they are shown to a person.

use super::item::ItemRef;
use crate::text::{clean_inline, clean_keep_lines};
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $name:literal, $sev:ident;)*) => {
        /// A stable diagnostic code; `docs/format.md` documents each one.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code { $($variant),* }
        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code),* }
            }
            /// A short kebab-case name, easier to remember than the number.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name),* }
            }
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev),* }
            }
        }
    };
}

codes! {
    Syntax = "E001", "syntax", Error;
    UnknownField = "E002", "unknown-field", Error;
    UnknownVariant = "E003", "unknown-variant", Error;
    MissingField = "E004", "missing-field", Error;
    UnsupportedFormat = "E005", "unsupported-format", Error;
    DuplicateId = "E006", "duplicate-id", Error;
    UnknownReference = "E007", "unknown-reference", Error;
    QuoteNotFound = "E008", "quote-not-found", Error;
    InvalidDate = "E009", "invalid-date", Error;
    SourceUnreadable = "E010", "source-unreadable", Error;
    InvalidUtf8 = "E011", "invalid-utf8", Error;
    EmptyText = "E012", "empty-text", Error;
    PathXorText = "E013", "path-xor-text", Error;
    ParentCycle = "E014", "parent-cycle", Error;
    OccurrenceOutOfRange = "E015", "occurrence-out-of-range", Error;
    PathOutsideFolder = "E016", "path-outside-folder", Error;
    NotARegularFile = "E017", "not-a-regular-file", Error;
    FileTooLarge = "E018", "file-too-large", Error;
    UnprintableId = "E019", "unprintable-id", Error;
    SynonymGroupTooSmall = "E020", "synonym-group-too-small", Error;
    SynonymInTwoGroups = "E021", "synonym-in-two-groups", Error;
    AmbiguousQuote = "W001", "ambiguous-quote", Warning;
    PositionWithoutQuotes = "W002", "position-without-quotes", Warning;
    IssueWithoutPositions = "W003", "issue-without-positions", Warning;
    SourceNeverQuoted = "W004", "source-never-quoted", Warning;
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub id: Option<String>,
    /// The item at fault, in the dataset this diagnostic was found in (a
    /// duplicate included, which its id alone cannot name); `None` for a
    /// problem of the whole file or one found before the items parsed.
    #[serde(skip)]
    pub item: Option<ItemRef>,
    /// Character range in `file` that the marker underlines.
    #[serde(skip)]
    pub span: Range<usize>,
    #[serde(skip)]
    pub label: Option<String>,
    #[serde(skip)]
    pub help: Vec<String>,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column: severity[code]: message`, cleaned for a terminal.
    pub fn one_line(&self) -> String {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        clean_inline(&format!(
            "{}:{}:{}: {sev}[{}]: {}",
            self.file,
            self.line,
            self.column,
            self.code.as_str(),
            self.message
        ))
        .into_owned()
    }
}

/// The texts diagnostics point into, by file name, already cleaned of
/// control characters so snippets cannot carry escape sequences.
#[derive(Debug, Default, Clone)]
pub struct FileSet {
    files: BTreeMap<String, FileText>,
}

#[derive(Debug, Clone)]
enum FileText {
    Read(String),
    /// A dataset file read only when a snippet needs it: a load from the
    /// cache has not read the dataset, and most commands print no snippet.
    Later {
        path: PathBuf,
        text: OnceLock<Option<String>>,
    },
}

impl FileSet {
    pub fn add(&mut self, name: &str, text: &str) {
        self.files.insert(
            name.to_string(),
            FileText::Read(clean_keep_lines(text).into_owned()),
        );
    }

    /// Adds the dataset file at `path`, to be read when first asked for,
    /// as [`crate::model::load_bytes`] would have read it. A file that can
    /// no longer be read gives its diagnostics in their one-line form.
    pub fn add_later(&mut self, name: &str, path: PathBuf) {
        self.files.insert(
            name.to_string(),
            FileText::Later {
                path,
                text: OnceLock::new(),
            },
        );
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        match self.files.get(name)? {
            FileText::Read(text) => Some(text),
            FileText::Later { path, text } => text
                .get_or_init(|| {
                    let bytes = std::fs::read(path).ok()?;
                    let text = super::decode::decode(name, &bytes).ok()?;
                    Some(clean_keep_lines(&super::load::as_loaded(text)).into_owned())
                })
                .as_deref(),
        }
    }

    /// The names of the files held.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }
}

/// Diagnostics below this are rendered on one thread: starting threads
/// would cost more than it saves.
const PARALLEL_FROM: usize = 512;

/// Renders diagnostics like rustc: a headline, the offending lines with a
/// marker, then notes.
///
/// A snippet costs about 10 µs, thirty times a JSON object, so thousands of
/// diagnostics are rendered in parts on every core and joined in order.
pub fn render(diagnostics: &[Diagnostic], files: &FileSet, color: bool) -> String {
    let threads = if diagnostics.len() < PARALLEL_FROM {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
    };
    let out = if threads == 1 {
        render_part(diagnostics, files, color)
    } else {
        let part = diagnostics.len().div_ceil(threads);
        std::thread::scope(|s| {
            let parts: Vec<_> = diagnostics
                .chunks(part)
                .map(|chunk| s.spawn(move || render_part(chunk, files, color)))
                .collect();
            let mut out = Vec::new();
            for p in parts {
                match p.join() {
                    Ok(bytes) => out.extend_from_slice(&bytes),
                    // A panic in a part is a panic of the whole, as it was
                    // on one thread.
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            out
        })
    };
    // Valid already (ariadne writes the cleaned text): no second copy.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn render_part(diagnostics: &[Diagnostic], files: &FileSet, color: bool) -> Vec<u8> {
    use ariadne::{Config, Label, Report, ReportKind, Source};
    use std::collections::HashMap;
    // Indexing a file's lines reads the whole file: once per file, not once
    // per diagnostic (8,000 warnings in one file took 19 s).
    let mut sources: HashMap<&str, Source<&str>> = HashMap::new();
    // A snippet is a few hundred bytes; growing the buffer step by step
    // cost a tenth of the rendering in copies and page faults.
    let mut out = Vec::with_capacity(diagnostics.len() * 512);
    for d in diagnostics {
        let kind = match d.severity {
            Severity::Error => ReportKind::Error,
            Severity::Warning => ReportKind::Warning,
        };
        let name = d.file.as_str();
        let Some(text) = files.get(name) else {
            out.extend_from_slice(d.one_line().as_bytes());
            out.push(b'\n');
            continue;
        };
        let source = sources.entry(name).or_insert_with(|| Source::from(text));
        let len = source.len();
        let start = d.span.start.min(len);
        let span = start..d.span.end.clamp(start, len);
        if !fits_a_snippet(source, &span) {
            plain(d, &mut out);
            continue;
        }
        let mut report = Report::build(kind, (name, span.clone()))
            .with_config(Config::default().with_color(color))
            .with_code(d.code.as_str())
            .with_message(clean_inline(&d.message))
            .with_label(
                Label::new((name, span))
                    .with_message(clean_inline(d.label.as_deref().unwrap_or(d.code.name()))),
            );
        if let Some(id) = &d.id {
            report = report.with_note(format!("id: {}", clean_inline(id)));
        }
        for h in &d.help {
            report = report.with_help(clean_inline(h));
        }
        // Writing into a Vec cannot fail; a failure would only lose this
        // snippet, so fall back to the one-line form.
        if report.finish().write((name, &*source), &mut out).is_err() {
            out.extend_from_slice(d.one_line().as_bytes());
            out.push(b'\n');
        }
    }
    out
}

/// Longest line a snippet shows. A snippet prints its lines whole, so on a
/// dataset written as one long line every diagnostic would print the whole
/// file (8,000 warnings on an 800 KB line: gigabytes).
const MAX_SNIPPET_LINE: usize = 4096;

/// Whether the lines `span` (characters) covers are short enough to show.
fn fits_a_snippet(source: &ariadne::Source<&str>, span: &Range<usize>) -> bool {
    let (Some((_, first, _)), Some((_, last, _))) = (
        source.get_offset_line(span.start),
        source.get_offset_line(span.end.saturating_sub(1).max(span.start)),
    ) else {
        return true;
    };
    last - first < 50
        && (first..=last).all(|i| source.line(i).is_none_or(|l| l.len() <= MAX_SNIPPET_LINE))
}

/// A diagnostic without a snippet: its one-line form, then its notes.
fn plain(d: &Diagnostic, out: &mut Vec<u8>) {
    let mut text = d.one_line();
    text.push('\n');
    if let Some(id) = &d.id {
        text.push_str(&format!("  note: id: {}\n", clean_inline(id)));
    }
    for h in &d.help {
        text.push_str(&format!("  help: {}\n", clean_inline(h)));
    }
    out.extend_from_slice(text.as_bytes());
}

/// The candidate closest to `found`, if it is close enough to be a typo.
pub fn suggest<'s>(found: &str, candidates: &[&'s str]) -> Option<&'s str> {
    let lower = found.to_lowercase();
    candidates
        .iter()
        .map(|&c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), c))
        .filter(|&(score, _)| score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warning(file: &str, span: Range<usize>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            code: Code::PositionWithoutQuotes,
            message: "position `p` has no quotes".into(),
            file: file.into(),
            line: 1,
            column: span.start + 1,
            id: Some("p\u{1b}[2J".into()),
            item: None,
            span,
            label: None,
            help: vec!["add \u{7}quotes".into()],
        }
    }

    /// Rendering in parts on several threads gives what one thread gives.
    #[test]
    fn parts_join_in_order() {
        let mut files = FileSet::default();
        let text: String = (0..700).map(|i| format!("line {i}\n")).collect();
        files.add("a.ron", &text);
        files.add("b.ron", "other\n");
        let diags: Vec<Diagnostic> = (0..3 * PARALLEL_FROM)
            .map(|i| {
                let at = text.find(&format!("line {}\n", i % 700)).unwrap_or(0);
                warning(if i % 3 == 0 { "b.ron" } else { "a.ron" }, at..at + 4)
            })
            .collect();
        let one = String::from_utf8(render_part(&diags, &files, false)).expect("UTF-8");
        assert_eq!(render(&diags, &files, false), one);
    }

    /// A diagnostic on a very long line is reported without the line, so
    /// its size does not grow with the file's.
    #[test]
    fn long_lines_are_not_printed() {
        let mut files = FileSet::default();
        let line = "x".repeat(100_000);
        files.add("d.ron", &format!("short\n{line}\n"));
        let out = render(
            &[warning("d.ron", 10..11), warning("d.ron", 0..1)],
            &files,
            false,
        );
        assert!(out.len() < 2_000, "{} bytes", out.len());
        assert!(out.contains("d.ron:1:11: warning[W002]: position `p` has no quotes\n"));
        assert!(out.contains("  help: add ␇quotes\n"), "{out}");
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'));
        // The short first line still gets its snippet.
        assert!(out.contains("short"), "{out}");
    }
}
