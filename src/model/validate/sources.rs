//! Source texts and quotes: every source readable, every quote found in
//! its source, word for word up to white space, quote and dash styles.

use super::{Checker, MAX_OCCURRENCES};
use crate::model::anchor::{self, Finder, Folded, Hits};
use crate::model::decode::decode;
use crate::model::diagnostic::{Code, FileSet};
use crate::model::progress::{Phase, Progress, Report};
use crate::model::read::{MAX_SOURCE, MAX_SOURCES_TOTAL, size};
use crate::model::sources::{ReadError, SourceReader};
use crate::model::types::{AnchorState, Dataset, Quote, Source};
use crate::text::clean_inline;
use foldhash::HashMap;
use rayon::prelude::*;
use std::ops::Range;

/// What reading one source's file gave.
enum Read {
    /// Nothing to read: inline text, or `path` and `text` both or neither.
    Nothing,
    /// Not read: how to name the file, its path as written, and why.
    Failed(String, String, ReadError),
    NotText(Box<(crate::model::Diagnostic, String)>, String),
    Text(String),
}

/// Reads every source's text; returns which sources have text to anchor in.
/// Files are read on every core; problems are reported in source order.
pub(super) fn read_sources(
    ds: &mut Dataset,
    c: &mut Checker<'_, '_, '_>,
    reader: &dyn SourceReader,
    files: &mut FileSet,
) -> Vec<bool> {
    let reads: Vec<Read> = ds
        .sources
        .raw
        .par_iter()
        .map(|s| match (&s.path, &s.text) {
            (Some(path), None) => {
                let shown = reader.display(path);
                match reader.read(path) {
                    Err(e) => Read::Failed(shown, path.clone(), e),
                    Ok(bytes) => match decode(&shown, &bytes) {
                        Err(bad) => Read::NotText(bad, shown),
                        // Without a byte-order mark the bytes are the
                        // text: no copy.
                        Ok(text) if text.len() == bytes.len() => {
                            Read::Text(String::from_utf8(bytes).unwrap_or_default())
                        }
                        Ok(text) => Read::Text(text.to_string()),
                    },
                }
            }
            _ => Read::Nothing,
        })
        .collect();
    let mut readable = vec![false; ds.sources.len()];
    for ((i, s), read) in ds.sources.iter_mut().enumerate().zip(reads) {
        match read {
            Read::Nothing => match (&s.path, &s.text) {
                (None, Some(_)) => readable[i] = true,
                _ => {
                    let both = s.path.is_some();
                    c.at(
                        "sources",
                        i,
                        if both { "text" } else { "id" },
                        &s.id,
                        Code::PathXorText,
                        format!(
                            "source `{}` must have exactly one of `path` and `text` (it has {})",
                            s.id,
                            if both { "both" } else { "neither" }
                        ),
                    );
                }
            },
            Read::Failed(shown, path, e) => unreadable(c, i, &s.id, &path, &shown, &e),
            Read::NotText(bad, shown) => {
                let (mut d, lossy) = *bad;
                d.id = Some(s.id.clone());
                d.item = Some(crate::model::ItemRef::Source(i.into()));
                files.add(&shown, &lossy);
                c.push(d);
            }
            Read::Text(text) => {
                s.text = Some(text);
                readable[i] = true;
            }
        }
        if readable[i] && s.body().trim().is_empty() {
            c.at(
                "sources",
                i,
                "id",
                &s.id,
                Code::EmptyText,
                format!("source `{}` has no text", s.id),
            );
            readable[i] = false;
        }
    }
    readable
}

/// Reports a source file that was not read, and why; nothing of the
/// file is shown, since a path outside the folder may name a secret.
fn unreadable(
    c: &mut Checker<'_, '_, '_>,
    i: usize,
    id: &str,
    path: &str,
    shown: &str,
    e: &ReadError,
) {
    let code = match e {
        ReadError::Io(_) => Code::SourceUnreadable,
        ReadError::NotAFile(_) => Code::NotARegularFile,
        ReadError::TooLarge { .. } => Code::FileTooLarge,
        ReadError::Outside { .. } => Code::PathOutsideFolder,
    };
    let message = match e {
        ReadError::Outside { .. } => {
            format!("source `{id}`: path `{path}` is outside the dataset's folder; it was not read")
        }
        e => format!("cannot read source file {shown}: {e}"),
    };
    let d = c.at("sources", i, "path", id, code, message);
    match e {
        ReadError::Outside { folder } => {
            d.help.push(format!(
                "source files must be inside {folder}, symbolic links followed"
            ));
            d.help.push(
                "copy the file into that folder, or pass --allow-outside-paths if you trust this dataset"
                    .into(),
            );
        }
        ReadError::NotAFile(_) => d
            .help
            .push("a source must be a regular text file, never a device or a FIFO".into()),
        ReadError::TooLarge { .. } => d.help.push(format!(
            "one source file may hold {}, all of a dataset's together {}",
            size(MAX_SOURCE),
            size(MAX_SOURCES_TOTAL)
        )),
        ReadError::Io(_) => {}
    }
}

/// What anchoring found for one quote that is not simply found.
enum Problem {
    /// Not in the source: its first missing piece, with the closest
    /// passage, or `None` when every piece occurs but not in order.
    NotFound {
        pieces: usize,
        missing: Option<(String, Option<Range<usize>>)>,
    },
    OccurrenceOutOfRange {
        asked: u32,
        count: usize,
    },
    Ambiguous {
        count: usize,
    },
}

/// Anchors and problems of one source's quotes, by quote index.
#[derive(Default)]
struct Anchored {
    anchors: Vec<(usize, Vec<Range<usize>>, AnchorState)>,
    problems: Vec<(usize, Problem)>,
}

/// Anchors every quote in its source. Sources are anchored on every core;
/// what they found is reported afterwards in source order, as one thread
/// would have.
pub(super) fn anchor_quotes(
    ds: &mut Dataset,
    c: &mut Checker<'_, '_, '_>,
    readable: &[bool],
    report: Report<'_>,
) {
    let mut by_source: HashMap<&str, Vec<usize>> = HashMap::default();
    for (qi, q) in ds.quotes.iter().enumerate() {
        by_source.entry(q.source.as_str()).or_default().push(qi);
    }
    let quotes = &ds.quotes.raw;
    let total = ds.sources.len() as u64;
    let done = std::sync::atomic::AtomicU64::new(0);
    let found: Vec<Anchored> = ds
        .sources
        .raw
        .par_iter()
        .enumerate()
        .map(|(si, source)| {
            let found = match by_source.get(source.id.as_str()) {
                Some(ours) if readable[si] => anchor_source(source.body(), ours, quotes),
                _ => Anchored::default(),
            };
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            report(Progress::new(Phase::Anchoring, n, total));
            found
        })
        .collect();
    let mut anchors = Vec::new();
    for (source, found) in ds.sources.iter().zip(found) {
        for (qi, problem) in found.problems {
            report_problem(c, qi, &ds.quotes.raw[qi], source, problem);
        }
        anchors.extend(found.anchors);
    }
    for (qi, ranges, state) in anchors {
        let quote = &mut ds.quotes.raw[qi];
        quote.anchor = ranges;
        quote.anchor_state = state;
    }
}

/// Finds the quotes `ours` (indices into `quotes`) in one source's text.
fn anchor_source(body: &str, ours: &[usize], quotes: &[Quote]) -> Anchored {
    let folded = Folded::new(body);
    let ours: Vec<(usize, Vec<String>)> = ours
        .iter()
        .map(|&qi| (qi, anchor::pieces(&quotes[qi].text)))
        .filter(|(_, pieces)| !pieces.is_empty())
        .collect();
    let finder = Finder::new(
        &folded,
        ours.iter().flat_map(|(_, p)| p.iter().map(String::as_str)),
    );
    let hits: Vec<Hits> = ours
        .iter()
        .map(|(qi, pieces)| {
            let want = quotes[*qi]
                .occurrence
                .map_or(0, |k| (k as usize).saturating_sub(1));
            finder.find(pieces, MAX_OCCURRENCES, want)
        })
        .collect();
    // The first piece not in the source, for each quote not found; all
    // of them are compared with the source together.
    let missing: Vec<Option<&str>> = ours
        .iter()
        .zip(&hits)
        .map(|((_, pieces), h)| {
            if h.count > 0 {
                return None;
            }
            pieces
                .iter()
                .find(|p| !finder.occurs(p))
                .map(String::as_str)
        })
        .collect();
    let searched: Vec<&str> = missing.iter().flatten().copied().collect();
    let mut closest = anchor::closest_all(&folded, &searched).into_iter();
    let mut out = Anchored::default();
    for (((qi, pieces), h), missing) in ours.iter().zip(hits).zip(missing) {
        let (qi, q) = (*qi, &quotes[*qi]);
        let n = h.count;
        match (n, q.occurrence, h.wanted) {
            (0, _, _) => {
                let missing = missing.map(|p| (p.to_string(), closest.next().flatten()));
                out.problems.push((
                    qi,
                    Problem::NotFound {
                        pieces: pieces.len(),
                        missing,
                    },
                ));
            }
            (_, Some(k), Some(ranges)) if k > 0 => {
                let state = state_of(body, &q.text, &ranges, false);
                out.anchors.push((qi, ranges, state))
            }
            (_, Some(k), _) => out
                .problems
                .push((qi, Problem::OccurrenceOutOfRange { asked: k, count: n })),
            (1, None, Some(ranges)) => {
                let state = state_of(body, &q.text, &ranges, false);
                out.anchors.push((qi, ranges, state))
            }
            (_, None, ranges) => {
                out.problems.push((qi, Problem::Ambiguous { count: n }));
                if let Some(r) = ranges {
                    let state = state_of(body, &q.text, &r, true);
                    out.anchors.push((qi, r, state));
                }
            }
        }
    }
    out
}

/// Reports what anchoring found wrong with a quote.
fn report_problem(
    c: &mut Checker<'_, '_, '_>,
    qi: usize,
    q: &Quote,
    source: &Source,
    problem: Problem,
) {
    let more = |n: usize| if n >= MAX_OCCURRENCES { "or more " } else { "" };
    match problem {
        Problem::NotFound { pieces, missing } => {
            let missing = missing.as_ref().map(|(p, r)| (p.as_str(), r.clone()));
            not_found(c, qi, &q.id, &source.id, source.body(), pieces, missing);
        }
        Problem::OccurrenceOutOfRange { asked, count: n } => {
            c.at(
                "quotes",
                qi,
                "occurrence",
                &q.id,
                Code::OccurrenceOutOfRange,
                format!(
                    "quote `{}` asks for occurrence {asked}, but its text occurs {n} {}time{} in `{}`",
                    q.id,
                    more(n),
                    if n == 1 { "" } else { "s" },
                    source.id
                ),
            );
        }
        Problem::Ambiguous { count: n } => {
            c.at(
                "quotes",
                qi,
                "text",
                &q.id,
                Code::AmbiguousQuote,
                format!(
                    "quote `{}` occurs {n} {}times in `{}`; the first is used",
                    q.id,
                    more(n),
                    source.id
                ),
            )
            .help
            .push(format!(
                "add `occurrence: N` (1 to {n}) to say which one is meant"
            ));
        }
    }
}

/// The state of a quote found at `ranges` in `body`.
fn state_of(body: &str, text: &str, ranges: &[Range<usize>], ambiguous: bool) -> AnchorState {
    if ambiguous {
        AnchorState::Ambiguous
    } else if ranges.len() > 1 {
        AnchorState::Elided
    } else if ranges
        .first()
        .and_then(|r| body.get(r.clone()))
        .is_some_and(|found| found == text.trim())
    {
        AnchorState::Exact
    } else {
        AnchorState::Normalised
    }
}

/// Reports a quote not in its source. `missing` is its first piece not in
/// the source, with the passage of the source most like that piece; `None`
/// when every piece occurs, only not in the quote's order.
fn not_found(
    c: &mut Checker<'_, '_, '_>,
    qi: usize,
    id: &str,
    source: &str,
    body: &str,
    pieces: usize,
    missing: Option<(&str, Option<Range<usize>>)>,
) {
    let msg = match missing {
        Some(_) if pieces > 1 => {
            format!("quote `{id}`: a piece of the quote is not in source `{source}`")
        }
        Some(_) => format!("quote `{id}` is not in source `{source}`"),
        None => format!(
            "quote `{id}`: the pieces around `...` are in source `{source}`, but not in this order"
        ),
    };
    let d = c.at("quotes", qi, "text", id, Code::QuoteNotFound, msg);
    if let Some((piece, closest)) = missing {
        if pieces > 1 {
            d.help
                .push(format!("missing piece: “{}”", clean_inline(piece)));
        }
        match closest {
            Some(range) => {
                let passage: String = body.get(range).unwrap_or("").chars().take(200).collect();
                let passage = passage.split_whitespace().collect::<Vec<_>>().join(" ");
                d.help.push(format!(
                    "closest passage in the source: {}",
                    clean_inline(&passage)
                ));
            }
            None => d.help.push("no similar passage in the source".into()),
        }
    }
    d.help
        .push("matching ignores white space, quote and dash styles; `...` marks an elision".into());
}
