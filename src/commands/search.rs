//! `parley search`: the browser's matcher on the command line.

use super::{CommandError, Context};
use crate::model::Kind;
use crate::prepared::Prepared;
use crate::search::Query;
use crate::text::clean_inline;
use serde_json::json;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

/// Runs a search; exit 0 with hits, 1 without, like grep.
///
/// On a terminal each hit is aligned for reading; in a pipe it is one line
/// of tab-separated columns (kind, id, score, text, context) with nothing
/// added to the text, so `grep` and `cut` see what the dataset says. Colour
/// marks the matched characters wherever colour is on.
pub fn search(
    cx: &Context,
    query: &str,
    dataset: Option<&Path>,
    kinds: &[Kind],
    limit: usize,
    as_json: bool,
) -> Result<ExitCode, CommandError> {
    let data = Prepared::new(cx.load_valid(dataset)?);
    let index = data.search();
    let q = Query::parse(query);
    let scope = match kinds {
        [one] => Some(*one),
        _ => None,
    };
    let hits = data
        .matcher
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
        let positions = data.matcher.positions(e, &q);
        let field = e.field_at(&positions);
        let id = data.id(h.item);
        if as_json {
            rows.push(json!({
                "kind": e.kind().as_str(),
                "id": id,
                "score": h.score,
                "text": e.field_text(field),
                "context": e.context,
            }));
            continue;
        }
        let text = highlight(
            e.field_text(field),
            field.chars.start,
            &positions,
            cx.color_out,
        );
        let (kind, id, context) = (
            e.kind().as_str(),
            clean_inline(id),
            clean_inline(&e.context),
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
    let code = if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    drop(out);
    super::leave(data);
    Ok(code)
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
