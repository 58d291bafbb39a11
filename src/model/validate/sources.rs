//! Source texts and quotes: every source readable, every quote found in
//! its source, word for word up to white space, quote and dash styles.

use super::{Checker, MAX_OCCURRENCES};
use crate::model::anchor::{self, Folded};
use crate::model::decode::decode;
use crate::model::diagnostic::{Code, FileSet};
use crate::model::sources::SourceReader;
use crate::model::types::Dataset;
use crate::text::clean_inline;
use std::collections::HashMap;

/// Reads every source's text; returns which sources have text to anchor in.
pub(super) fn read_sources(
    ds: &mut Dataset,
    c: &mut Checker<'_, '_>,
    reader: &dyn SourceReader,
    files: &mut FileSet,
) -> Vec<bool> {
    let mut readable = vec![false; ds.sources.len()];
    for (i, s) in ds.sources.iter_mut().enumerate() {
        match (&s.path, &s.text) {
            (Some(_), Some(_)) | (None, None) => {
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
            (Some(path), None) => {
                let shown = reader.display(path);
                match reader.read(path) {
                    Err(e) => {
                        c.at(
                            "sources",
                            i,
                            "path",
                            &s.id,
                            Code::SourceUnreadable,
                            format!("cannot read source file {shown}: {e}"),
                        );
                    }
                    Ok(bytes) => match decode(&shown, &bytes) {
                        Err(bad) => {
                            let (mut d, lossy) = *bad;
                            d.id = Some(s.id.clone());
                            files.add(&shown, &lossy);
                            c.push(d);
                        }
                        Ok(text) => {
                            s.text = Some(text.to_string());
                            readable[i] = true;
                        }
                    },
                }
            }
            (None, Some(_)) => readable[i] = true,
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

pub(super) fn anchor_quotes(ds: &mut Dataset, c: &mut Checker<'_, '_>, readable: &[bool]) {
    let mut by_source: HashMap<&str, Vec<usize>> = HashMap::new();
    for (qi, q) in ds.quotes.iter().enumerate() {
        by_source.entry(q.source.as_str()).or_default().push(qi);
    }
    let mut anchors = Vec::new();
    for (si, source) in ds.sources.iter().enumerate() {
        let Some(quotes) = by_source.get(source.id.as_str()) else {
            continue;
        };
        if !readable[si] {
            continue;
        }
        let body = source.body();
        let folded = Folded::new(body);
        for &qi in quotes {
            let q = &ds.quotes.raw[qi];
            let pieces = anchor::pieces(&q.text);
            if pieces.is_empty() {
                continue;
            }
            let hits = folded.find_all(&pieces, MAX_OCCURRENCES);
            let n = hits.len();
            match (n, q.occurrence) {
                (0, _) => {
                    not_found(c, qi, &q.id, &source.id, &folded, body, &pieces);
                }
                (_, Some(k)) if k == 0 || k as usize > n => {
                    c.at("quotes", qi, "occurrence", &q.id, Code::OccurrenceOutOfRange, format!(
                        "quote `{}` asks for occurrence {k}, but its text occurs {n} {}time{} in `{}`",
                        q.id,
                        if n >= MAX_OCCURRENCES { "or more " } else { "" },
                        if n == 1 { "" } else { "s" },
                        source.id
                    ));
                }
                (_, Some(k)) => anchors.push((qi, hits[k as usize - 1].clone())),
                (1, None) => anchors.push((qi, hits[0].clone())),
                (_, None) => {
                    let more = if n >= MAX_OCCURRENCES { "or more " } else { "" };
                    c.at(
                        "quotes",
                        qi,
                        "text",
                        &q.id,
                        Code::AmbiguousQuote,
                        format!(
                            "quote `{}` occurs {n} {more}times in `{}`; the first is used",
                            q.id, source.id
                        ),
                    )
                    .help
                    .push(format!(
                        "add `occurrence: N` (1 to {n}) to say which one is meant"
                    ));
                    anchors.push((qi, hits[0].clone()));
                }
            }
        }
    }
    for (qi, ranges) in anchors {
        ds.quotes.raw[qi].anchor = ranges;
    }
}

fn not_found(
    c: &mut Checker<'_, '_>,
    qi: usize,
    id: &str,
    source: &str,
    folded: &Folded,
    body: &str,
    pieces: &[String],
) {
    let missing = pieces
        .iter()
        .find(|p| folded.find_all(std::slice::from_ref(p), 1).is_empty());
    let msg = match missing {
        Some(_) if pieces.len() > 1 => {
            format!("quote `{id}`: a piece of the quote is not in source `{source}`")
        }
        Some(_) => format!("quote `{id}` is not in source `{source}`"),
        None => format!(
            "quote `{id}`: the pieces around `...` are in source `{source}`, but not in this order"
        ),
    };
    let d = c.at("quotes", qi, "text", id, Code::QuoteNotFound, msg);
    if let Some(piece) = missing {
        if pieces.len() > 1 {
            d.help
                .push(format!("missing piece: “{}”", clean_inline(piece)));
        }
        match folded.closest(piece) {
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
