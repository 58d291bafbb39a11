//! `parley search`: the browser's matcher on the command line.

use super::{CommandError, Context};
use crate::model::Kind;
use crate::prepared::Prepared;
use crate::search::facet::{self, Filter, Marks};
use crate::search::{Matcher, Query, SearchIndex};
use crate::text::clean_inline;
use serde_json::json;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

/// Runs a search; exit 0 with hits, 1 without, like grep.
///
/// On a terminal each hit is aligned for reading; in a pipe it is one line
/// of tab-separated columns (kind, id, score, text, context) with nothing
/// added to the text, so `grep` and `cut` see what the dataset says. Colour
/// marks the matched characters wherever colour is on.
#[allow(clippy::too_many_arguments)]
pub fn search(
    cx: &Context,
    query: &str,
    dataset: Option<&Path>,
    kinds: &[Kind],
    limit: usize,
    as_json: bool,
    facets: bool,
) -> Result<ExitCode, CommandError> {
    let wanted = Wanted {
        kinds,
        limit,
        as_json,
        facets,
    };
    // Review words need the review and the dataset it marks; any other
    // query is answered by the index alone, which a warm cache holds.
    let uses_marks = crate::app::narrowing::uses_marks(query);
    let clauses = facets || facet::parse::parse(query).has_clauses();
    if !uses_marks && let Some(index) = cx.cached_search_index(dataset, clauses) {
        let code = run(cx, &index, &Matcher::default(), query, None, &wanted);
        super::leave(index);
        return code;
    }
    let mut ds = cx.load_valid(dataset)?;
    if !uses_marks {
        // Nothing a search prints or matches reads a source's text: freed
        // before the index is built, it is not held at the command's peak
        // (32 MB at 100k).
        for source in ds.sources.iter_mut() {
            source.text = None;
        }
    }
    let data = Prepared::new(ds);
    let index = data.search();
    cx.keep_search_index(dataset, index);
    let marks = if uses_marks {
        Some(Arc::new(
            super::review::read_review(&cx.review, &data)?.marks(&data),
        ))
    } else {
        None
    };
    let code = run(cx, index, &data.matcher, query, marks, &wanted);
    super::leave(data);
    code
}

/// What the command line asks to see.
struct Wanted<'a> {
    kinds: &'a [Kind],
    limit: usize,
    as_json: bool,
    facets: bool,
}

fn run(
    cx: &Context,
    index: &SearchIndex,
    matcher: &Matcher,
    query: &str,
    marks: Option<Arc<Marks>>,
    wanted: &Wanted<'_>,
) -> Result<ExitCode, CommandError> {
    let Wanted {
        kinds,
        limit,
        as_json,
        facets,
    } = *wanted;
    let q = index.query(query, marks).map_err(CommandError::Query)?;
    let scope = match kinds {
        [one] => Some(*one),
        _ => None,
    };
    if facets {
        return facet_counts(index, matcher, &q, scope, kinds, as_json);
    }
    let hits = matcher
        .search(index, &q, scope, &|| false)
        .unwrap_or_default();
    let hits: Vec<_> = hits
        .into_iter()
        .filter(|h| kinds.is_empty() || kinds.contains(&h.item.kind()))
        .take(limit)
        .collect();
    let mut out = std::io::stdout().lock();
    let aligned = std::io::stdout().is_terminal();
    let mut rows = Vec::new();
    for h in &hits {
        let Some(e) = index.entry(h.item) else {
            continue;
        };
        let positions = matcher.positions(&e, &q);
        let field = e.field_at(&positions);
        if as_json {
            rows.push(json!({
                "kind": e.kind().as_str(),
                "id": e.id(),
                "score": h.score,
                "text": e.field_text(&field),
                "context": e.context(),
                "matched": matcher.matched_fields(&e, &q),
            }));
            continue;
        }
        let text = highlight(
            &e.field_text(&field),
            field.chars().start,
            &positions,
            cx.color_out,
        );
        let (kind, id, context) = (
            e.kind().as_str(),
            clean_inline(e.id()),
            clean_inline(e.context()),
        );
        if aligned {
            let context = if cx.color_out {
                format!("\x1b[2m{context}\x1b[0m")
            } else {
                context.into_owned()
            };
            writeln!(out, "{kind:<8} {id}  {text}  {context}")?;
        } else {
            writeln!(out, "{kind}\t{id}\t{}\t{text}\t{context}", h.score)?;
        }
    }
    if as_json {
        writeln!(out, "{}", serde_json::Value::Array(rows))?;
    }
    Ok(if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `--facets`: how many matching items each value of each facet has.
fn facet_counts(
    index: &SearchIndex,
    matcher: &Matcher,
    q: &Query,
    scope: Option<Kind>,
    kinds: &[Kind],
    as_json: bool,
) -> Result<ExitCode, CommandError> {
    // Values are counted among the items the text matches, each facet
    // under the other clauses: so the text alone is searched here.
    let mut text = q.clone();
    text.filter = Filter::default();
    let matched: Vec<usize> = matcher
        .search(index, &text, scope, &|| false)
        .unwrap_or_default()
        .into_iter()
        .filter(|h| kinds.is_empty() || kinds.contains(&h.item.kind()))
        .map(|h| index.position(h.item))
        .collect();
    let counts = facet::counts::count(index, q, &matched);
    let mut out = std::io::stdout().lock();
    if as_json {
        let doc: Vec<serde_json::Value> = counts
            .iter()
            .map(|f| {
                json!({
                    "facet": f.facet.title(),
                    "values": f.values.iter().map(|v| json!({
                        "label": v.label,
                        "clause": v.clause,
                        "count": v.count,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::Value::Array(doc))?;
    } else {
        for f in &counts {
            writeln!(out, "{}", f.facet.title())?;
            let width = f
                .values
                .iter()
                .map(|v| clean_inline(&v.label).chars().count())
                .max()
                .unwrap_or(0)
                .min(40);
            for v in &f.values {
                let label = crate::text::truncate_end(&clean_inline(&v.label), 40);
                let pad = width.saturating_sub(label.chars().count());
                writeln!(
                    out,
                    "  {:>6}  {label}{}  {}",
                    v.count,
                    " ".repeat(pad),
                    clean_inline(&v.clause)
                )?;
            }
        }
    }
    Ok(if counts.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The text, cleaned to one line, with the matched characters bold and
/// underlined when colour is on. `offset` is the field's first character
/// in the entry.
fn highlight(text: &str, offset: usize, positions: &[usize], color: bool) -> String {
    let text = clean_inline(text);
    if !color {
        return text.into_owned();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut inside = false;
    for (i, c) in text.chars().enumerate() {
        let hit = positions.binary_search(&(offset + i)).is_ok();
        if hit != inside {
            out.push_str(if hit { "\x1b[1;4m" } else { "\x1b[0m" });
            inside = hit;
        }
        out.push(c);
    }
    if inside {
        out.push_str("\x1b[0m");
    }
    out
}
