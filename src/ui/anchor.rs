//! How faulty items and quote anchors look wherever they appear: a glyph
//! in rows, words in the preview, the source viewer and the review screen.

use crate::app::State;
use crate::model::{AnchorState, Diagnostic, ItemRef, QuoteIx, Severity};
use crate::theme::Theme;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Marks a row whose item has an error (a dangling reference, a
/// duplicate id, a quote not in its source, …).
pub const FAULT: &str = "⚠";

/// The glyph of an anchor state, as quote rows show it.
pub fn glyph(s: AnchorState) -> &'static str {
    match s {
        AnchorState::Exact => "≡",
        AnchorState::Normalised => "≈",
        AnchorState::Elided => "⋯",
        AnchorState::Ambiguous => "⁇",
        AnchorState::Orphaned => "∅",
    }
}

pub fn style(s: AnchorState, theme: Theme) -> Style {
    match s {
        AnchorState::Exact | AnchorState::Normalised | AnchorState::Elided => theme.dim(),
        AnchorState::Ambiguous => theme.warning(),
        AnchorState::Orphaned => theme.error(),
    }
}

/// What the state means, after its word.
fn meaning(s: AnchorState) -> &'static str {
    match s {
        AnchorState::Exact => "word for word",
        AnchorState::Normalised => "white space, quotes or dashes differ",
        AnchorState::Elided => "found in pieces",
        AnchorState::Ambiguous => "the first of several matches",
        AnchorState::Orphaned => "not found in its source",
    }
}

/// Whether an item has an error.
pub fn faulty(state: &State, item: ItemRef) -> bool {
    state.data.problems.worst(item) == Some(Severity::Error)
}

/// The leading `⚠` of a row whose item has an error.
pub fn fault<'a>(state: &State, item: ItemRef, theme: Theme) -> Option<Span<'a>> {
    faulty(state, item).then(|| Span::styled(format!("{FAULT} "), theme.error()))
}

/// A quote row's anchor glyph and a space.
pub fn row_glyph<'a>(state: &State, q: QuoteIx, theme: Theme) -> Span<'a> {
    let s = state.data.ds.quotes[q].anchor_state;
    Span::styled(format!("{} ", glyph(s)), style(s, theme))
}

/// `anchor: ≈ normalised — found once …`; an orphaned quote names the
/// passage of its source most like it, when one was found.
pub fn line<'a>(state: &'a State, q: QuoteIx, theme: Theme) -> Line<'a> {
    let s = state.data.ds.quotes[q].anchor_state;
    let mut spans = vec![
        Span::styled("anchor: ", theme.dim()),
        Span::styled(format!("{} {}", glyph(s), s.word()), style(s, theme)),
    ];
    match (s, state.data.problems.closest_passage(q)) {
        (AnchorState::Orphaned, Some(passage)) => {
            spans.push(Span::raw(" — not found; closest passage: "));
            // The passage is the source's own words, quote marks and all.
            spans.push(Span::styled(passage, theme.dim()));
        }
        _ => spans.push(Span::raw(format!(" — {}", meaning(s)))),
    }
    Line::from(spans)
}

/// The short form for a header: `≈ normalised`.
pub fn short<'a>(state: &State, q: QuoteIx, theme: Theme) -> Span<'a> {
    let s = state.data.ds.quotes[q].anchor_state;
    Span::styled(format!("{} {}", glyph(s), s.word()), style(s, theme))
}

/// `E007 error` or `W001 warning`.
pub fn code(d: &Diagnostic) -> String {
    let sev = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    format!("{} {sev}", d.code.as_str())
}

pub fn severity_style(d: &Diagnostic, theme: Theme) -> Style {
    match d.severity {
        Severity::Error => theme.error(),
        Severity::Warning => theme.warning(),
    }
}

/// The problems of an item, for its preview (code, message and help),
/// in the `room` the lines above them leave. (A problem with help takes
/// more than a row: the list may run past the edge, as it did before.)
pub(super) fn problems<'a>(
    state: &'a State,
    item: ItemRef,
    room: super::preview::Room,
    theme: Theme,
) -> Vec<Line<'a>> {
    let total = state.data.problems.of(item).count();
    if total == 0 {
        return Vec::new();
    }
    let mut lines = vec![Line::raw(""), Line::styled("Problems", theme.strong())];
    let shown = room.items(&lines);
    for d in state.data.problems.of(item).take(shown) {
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", code(d)), severity_style(d, theme)),
            Span::raw(d.message.as_str()),
        ]));
        for h in &d.help {
            lines.push(Line::styled(format!("  help: {h}"), theme.dim()));
        }
    }
    lines.extend(super::preview::more(theme, total, shown));
    lines
}
