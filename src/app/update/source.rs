//! The source viewer: scrolling, stepping through quotes, and find.

use super::super::state::{Find, Screen, SourceView, State};
use super::{edit_input, jump};
use crate::command::Command;
use crate::layout;
use crate::model::{QuoteIx, SourceIx};
use crate::search::fold::base_char;
use crate::wrap::wrap;
use std::ops::Range;

/// Width and height of the wrapped text in the source viewer.
fn text_size(state: &State) -> (usize, usize) {
    let text = layout::source(state.area()).text;
    (usize::from(text.width), usize::from(text.height))
}

pub(super) fn view(state: &State, source: SourceIx, quote: Option<QuoteIx>) -> SourceView {
    let (width, height) = text_size(state);
    let lines = wrap(state.data.ds.sources[source].body(), width);
    let mut view = SourceView {
        source,
        quote,
        lines,
        width,
        scroll: 0,
        find: None,
    };
    if let Some(start) = quote
        .and_then(|q| state.data.ds.quotes[q].anchor.first())
        .map(|r| r.start)
    {
        scroll_to(&mut view, start, height);
    }
    view
}

fn line_of(view: &SourceView, byte: usize) -> usize {
    view.lines
        .partition_point(|r| r.start <= byte)
        .saturating_sub(1)
}

fn max_scroll(view: &SourceView, height: usize) -> usize {
    view.lines.len().saturating_sub(height)
}

/// Puts `byte` a third of the way down the window, so the lines before it
/// give context, as less does for a search hit.
fn scroll_to(view: &mut SourceView, byte: usize, height: usize) {
    let line = line_of(view, byte);
    view.scroll = line
        .saturating_sub(height / 3)
        .min(max_scroll(view, height));
}

/// Scrolls so that the line holding `byte` is at the top of the window.
pub(super) fn scroll_to_top(state: &State, view: &mut SourceView, byte: usize) {
    let (_, height) = text_size(state);
    view.scroll = line_of(view, byte).min(max_scroll(view, height));
}

pub(super) fn rewrap(state: &mut State) {
    let (width, height) = text_size(state);
    let data = state.data.clone();
    if let Screen::Source(view, _) = &mut state.screen
        && view.width != width
    {
        let top = view.top();
        view.lines = wrap(data.ds.sources[view.source].body(), width);
        view.width = width;
        view.scroll = line_of(view, top).min(max_scroll(view, height));
    }
}

pub(super) fn command(state: &mut State, c: Command) {
    let (_, height) = text_size(state);
    let data = state.data.clone();
    let keep = state.narrow.keep.clone();
    let Screen::Source(view, typing) = &mut state.screen else {
        return;
    };
    let max = max_scroll(view, height);
    let page = height.max(1);
    match c {
        Command::Down => view.scroll = (view.scroll + 1).min(max),
        Command::Up => view.scroll = view.scroll.saturating_sub(1),
        Command::First => view.scroll = 0,
        Command::Last => view.scroll = max,
        Command::PageDown => view.scroll = (view.scroll + page).min(max),
        Command::PageUp => view.scroll = view.scroll.saturating_sub(page),
        Command::NextQuote | Command::PrevQuote => {
            let forward = c == Command::NextQuote;
            if let Some(find) = view.find.as_mut().filter(|f| !f.matches.is_empty()) {
                let n = find.matches.len();
                find.current = if forward {
                    (find.current + 1) % n
                } else {
                    (find.current + n - 1) % n
                };
                let at = find.matches[find.current].start;
                scroll_to(view, at, height);
                return;
            }
            // The chips choose which quotes `n` and `N` step through.
            let all = &data.index.quotes_by_source[view.source];
            let kept: Vec<QuoteIx>;
            let quotes = match &keep {
                Some(k) => {
                    kept = all.iter().copied().filter(|&q| k.quote(q)).collect();
                    &kept
                }
                None => all,
            };
            if quotes.is_empty() {
                return;
            }
            let n = quotes.len();
            let at = view.quote.and_then(|q| quotes.iter().position(|&x| x == q));
            let next = match (at, forward) {
                (Some(i), true) => (i + 1) % n,
                (Some(i), false) => (i + n - 1) % n,
                // Without a quote in focus, start from what is on screen.
                (None, true) => {
                    let top = view.top();
                    quotes
                        .iter()
                        .position(|&q| {
                            data.ds.quotes[q]
                                .anchor
                                .first()
                                .is_some_and(|r| r.start >= top)
                        })
                        .unwrap_or(0)
                }
                (None, false) => n - 1,
            };
            view.quote = Some(quotes[next]);
            if let Some(r) = data.ds.quotes[quotes[next]].anchor.first() {
                scroll_to(view, r.start, height);
            }
        }
        Command::Find => {
            let current = view
                .find
                .as_ref()
                .map(|f| f.query.clone())
                .unwrap_or_default();
            *typing = Some(tui_input::Input::new(current));
        }
        Command::ClearFind => view.find = None,
        Command::Back | Command::JumpBack => jump::back(state),
        Command::JumpForward => jump::forward(state),
        _ => {}
    }
}

pub(super) fn find_command(state: &mut State, c: Command) {
    let Screen::Source(view, typing) = &mut state.screen else {
        return;
    };
    match c {
        Command::Accept => *typing = None,
        Command::Back => {
            *typing = None;
            view.find = None;
        }
        _ => {}
    }
}

pub(super) fn edit_find(state: &mut State, key: crossterm::event::KeyEvent) {
    let Screen::Source(_, Some(input)) = &mut state.screen else {
        return;
    };
    if !edit_input(input, key) {
        return;
    }
    let query = input.value().to_string();
    let mut screen = std::mem::replace(&mut state.screen, Screen::Main(None));
    if let Screen::Source(view, _) = &mut screen {
        find_in(state, view, query, true);
    }
    state.screen = screen;
}

/// Finds `query` in the view's source. With `follow`, scrolls to the first
/// match on or after the top of the window, as incremental search in less
/// does.
pub(super) fn find_in(state: &State, view: &mut SourceView, query: String, follow: bool) {
    if query.is_empty() {
        view.find = None;
        return;
    }
    let (_, height) = text_size(state);
    let matches = find_all(state.data.ds.sources[view.source].body(), &query);
    let top = view.top();
    let current = matches.iter().position(|r| r.start >= top).unwrap_or(0);
    if follow && let Some(r) = matches.get(current) {
        let at = r.start;
        scroll_to(view, at, height);
    }
    view.find = Some(Find {
        query,
        matches,
        current,
    });
}

/// Every occurrence of `query` in `text`, folded like search (diacritics,
/// quotes, dashes) and in smart case.
pub fn find_all(text: &str, query: &str) -> Vec<Range<usize>> {
    let sensitive = query.chars().any(char::is_uppercase);
    let norm = |c: char| {
        let f = base_char(c);
        if sensitive {
            f
        } else {
            f.to_lowercase().next().unwrap_or(f)
        }
    };
    let needle: Vec<char> = query.chars().map(norm).collect();
    let hay: Vec<(usize, char)> = text.char_indices().map(|(i, c)| (i, norm(c))).collect();
    let mut out = Vec::new();
    if needle.is_empty() || needle.len() > hay.len() {
        return out;
    }
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i..i + needle.len()]
            .iter()
            .map(|&(_, c)| c)
            .eq(needle.iter().copied())
        {
            let end = hay.get(i + needle.len()).map_or(text.len(), |&(b, _)| b);
            out.push(hay[i].0..end);
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::find_all;

    #[test]
    fn find_folds_and_uses_smart_case() {
        let text = "Çavuşoğlu met cavusoglu; CAVUSOGLU left.";
        assert_eq!(find_all(text, "cavusoglu").len(), 3);
        assert_eq!(find_all(text, "Cavusoglu").len(), 1);
        let r = find_all(text, "met").remove(0);
        assert_eq!(&text[r], "met");
        assert!(find_all(text, "").is_empty());
    }
}
