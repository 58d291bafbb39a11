//! The default key bindings: what parley does before a config file says
//! otherwise.

use super::key::{Key, alt, ch, ctrl, key};
use super::{Binding, Mode};
use crate::command::{Command as C, Condition};
use crossterm::event::KeyCode as K;

use Mode::{
    Browser, Facets, Filter, Find, Help, Links, Loading, Matrix, Note, Problems, Review, Search,
    Source, Timeline, ViewName, Views,
};

const DOWN: &[Key] = &[ch('j'), key(K::Down)];
const UP: &[Key] = &[ch('k'), key(K::Up)];
const FIRST: &[Key] = &[ch('g'), key(K::Home)];
const LAST: &[Key] = &[ch('G'), key(K::End)];
const PAGE_DOWN: &[Key] = &[ctrl('d'), key(K::PageDown)];
const PAGE_UP: &[Key] = &[ctrl('u'), key(K::PageUp)];
const BACK: &[Key] = &[key(K::Esc), key(K::Backspace)];
// Terminals send Ctrl-i as Tab unless they speak the kitty keyboard
// protocol, so Alt-arrows are there for the rest.
const JUMP_BACK: &[Key] = &[ctrl('o'), alt(K::Left)];
const JUMP_FORWARD: &[Key] = &[ctrl('i'), alt(K::Right)];
const HELP: &[Key] = &[ch('?')];
const QUIT: &[Key] = &[ch('q'), ctrl('c')];
const SUSPEND: &[Key] = &[ctrl('z')];
const PROBLEMS: &[Key] = &[ch('p')];
const RELOAD: &[Key] = &[ch('R')];

struct Table(Vec<Binding>);

impl Table {
    fn bind(&mut self, mode: Mode, keys: &[Key], command: C) {
        self.0.push(Binding {
            mode,
            keys: keys.to_vec(),
            when: None,
            command,
        });
    }

    /// A binding that applies only while `when` holds; it wins over an
    /// unconditional binding of the same key.
    fn bind_when(&mut self, mode: Mode, when: Condition, keys: &[Key], command: C) {
        self.0.push(Binding {
            mode,
            keys: keys.to_vec(),
            when: Some(when),
            command,
        });
    }
}

pub fn bindings() -> Vec<Binding> {
    let mut t = Table(Vec::new());
    t.bind(Browser, DOWN, C::Down);
    t.bind(Browser, UP, C::Up);
    t.bind(Browser, FIRST, C::First);
    t.bind(Browser, LAST, C::Last);
    t.bind(Browser, PAGE_DOWN, C::PageDown);
    t.bind(Browser, PAGE_UP, C::PageUp);
    t.bind(Browser, &[key(K::Tab), ch('l'), key(K::Right)], C::NextPane);
    t.bind(
        Browser,
        &[key(K::BackTab), ch('h'), key(K::Left)],
        C::PrevPane,
    );
    t.bind(Browser, &[key(K::Enter)], C::Open);
    t.bind_when(Browser, Condition::FilterSet, BACK, C::ClearFilter);
    t.bind_when(Browser, Condition::FromView, BACK, C::JumpBack);
    t.bind(Browser, BACK, C::Back);
    t.bind(Browser, JUMP_BACK, C::JumpBack);
    t.bind(Browser, JUMP_FORWARD, C::JumpForward);
    t.bind(Browser, &[ch('/')], C::Search);
    t.bind(Browser, &[ch('f')], C::Filter);
    t.bind(Browser, &[ch('r')], C::StartReview);
    // In the browser `f` filters, so flagging is `F`.
    t.bind(Browser, &[ch('a')], C::MarkVerified);
    t.bind(Browser, &[ch('x')], C::MarkDisputed);
    t.bind(Browser, &[ch('F')], C::MarkFlagged);
    t.bind(Browser, &[ch('s')], C::MarkSkipped);
    t.bind(Browser, &[ch('u')], C::Undo);
    t.bind(Browser, &[ch('n')], C::Note);
    t.bind(Browser, &[ch('e'), ctrl('e')], C::EditNote);
    t.bind(Browser, &[ch('m')], C::Matrix);
    t.bind(Browser, &[ch('t')], C::Timeline);
    t.bind(Browser, &[ch('z')], C::Zoom);
    t.bind(Browser, &[ch('i')], C::TogglePreview);
    t.bind(Browser, &[ch('L')], C::Links);
    t.bind(Browser, &[ch('c')], C::FilterMenu);
    t.bind(Browser, &[ch('C')], C::ClearChips);
    t.bind(Browser, &[ch('v')], C::Views);
    t.bind(Browser, &[ch('y')], C::CopyQuote);
    t.bind(Browser, &[ch('Y')], C::CopyPosition);
    t.bind(Browser, HELP, C::ToggleHelp);
    t.bind(Browser, QUIT, C::Quit);
    t.bind(Browser, SUSPEND, C::Suspend);

    t.bind(Source, DOWN, C::Down);
    t.bind(Source, UP, C::Up);
    t.bind(Source, FIRST, C::First);
    t.bind(Source, LAST, C::Last);
    t.bind(Source, &[ctrl('d'), key(K::PageDown), ch(' ')], C::PageDown);
    t.bind(Source, PAGE_UP, C::PageUp);
    t.bind(Source, &[ch('n')], C::NextQuote);
    t.bind(Source, &[ch('N')], C::PrevQuote);
    t.bind(Source, &[ch('/')], C::Find);
    t.bind_when(Source, Condition::FindSet, BACK, C::ClearFind);
    t.bind(
        Source,
        &[key(K::Esc), key(K::Backspace), ch('h'), key(K::Left)],
        C::Back,
    );
    t.bind(Source, JUMP_BACK, C::JumpBack);
    t.bind(Source, JUMP_FORWARD, C::JumpForward);
    t.bind(Source, &[ch('y')], C::CopyQuote);
    t.bind(Source, HELP, C::ToggleHelp);
    t.bind(Source, QUIT, C::Quit);
    t.bind(Source, SUSPEND, C::Suspend);

    t.bind(Help, DOWN, C::Down);
    t.bind(Help, UP, C::Up);
    // q closes help rather than quitting, as in lazygit.
    t.bind(Help, &[key(K::Esc), key(K::Backspace), ch('q')], C::Back);
    // F1 too, so help opened from a typing mode closes as it opened.
    t.bind(Help, &[ch('?'), key(K::F(1))], C::ToggleHelp);
    t.bind(Help, &[ctrl('c')], C::Quit);
    t.bind(Help, SUSPEND, C::Suspend);

    // In typing modes only keys that do not type are bound; the rest edit
    // the text (see `TYPING_HELP`).
    t.bind(Search, &[key(K::Down), ctrl('n')], C::Down);
    t.bind_when(
        Search,
        Condition::QueryEmptyOrRecalled,
        &[key(K::Up), ctrl('p')],
        C::History,
    );
    t.bind(Search, &[key(K::Up), ctrl('p')], C::Up);
    t.bind(Search, &[key(K::PageDown)], C::PageDown);
    t.bind(Search, &[key(K::PageUp)], C::PageUp);
    t.bind(Search, &[key(K::Tab)], C::NextScope);
    t.bind(Search, &[key(K::BackTab)], C::PrevScope);
    t.bind(Search, &[ctrl('r')], C::History);
    t.bind(Search, &[key(K::Enter)], C::Open);
    t.bind(Search, &[key(K::Esc)], C::Back);
    t.bind(Search, &[key(K::F(1))], C::ToggleHelp);
    t.bind(Search, &[ctrl('c')], C::Quit);
    t.bind(Search, SUSPEND, C::Suspend);

    t.bind(Filter, &[key(K::Down)], C::Down);
    t.bind(Filter, &[key(K::Up)], C::Up);
    t.bind(Filter, &[key(K::Enter)], C::Accept);
    t.bind(Filter, &[key(K::Esc)], C::Back);
    t.bind(Filter, &[key(K::F(1))], C::ToggleHelp);
    t.bind(Filter, &[ctrl('c')], C::Quit);
    t.bind(Filter, SUSPEND, C::Suspend);

    t.bind(Find, &[key(K::Enter)], C::Accept);
    t.bind(Find, &[key(K::Esc)], C::Back);
    t.bind(Find, &[key(K::F(1))], C::ToggleHelp);
    t.bind(Find, &[ctrl('c')], C::Quit);
    t.bind(Find, SUSPEND, C::Suspend);

    t.bind(Review, &[ch('a')], C::MarkVerified);
    t.bind(Review, &[ch('x')], C::MarkDisputed);
    t.bind(Review, &[ch('f')], C::MarkFlagged);
    t.bind(Review, &[ch('s')], C::MarkSkipped);
    t.bind(Review, &[ch('u')], C::Undo);
    t.bind(Review, &[ch('n')], C::Note);
    t.bind(Review, &[ch('e'), ctrl('e')], C::EditNote);
    t.bind(Review, &[ch(']')], C::NextUnreviewed);
    t.bind(Review, &[ch('[')], C::PrevUnreviewed);
    t.bind(Review, &[ch('l'), key(K::Right)], C::NextItem);
    t.bind(Review, &[ch('h'), key(K::Left)], C::PrevItem);
    t.bind(Review, DOWN, C::Down);
    t.bind(Review, UP, C::Up);
    t.bind(Review, &[key(K::Tab)], C::NextQuoteInItem);
    t.bind(Review, &[key(K::Enter)], C::Open);
    t.bind(Review, BACK, C::Back);
    t.bind(Review, JUMP_BACK, C::JumpBack);
    t.bind(Review, JUMP_FORWARD, C::JumpForward);
    t.bind(Review, &[ch('y')], C::CopyQuote);
    t.bind(Review, &[ch('Y')], C::CopyPosition);
    t.bind(Review, HELP, C::ToggleHelp);
    t.bind(Review, QUIT, C::Quit);
    t.bind(Review, SUSPEND, C::Suspend);

    t.bind(Matrix, DOWN, C::Down);
    t.bind(Matrix, UP, C::Up);
    t.bind(Matrix, &[ch('l'), key(K::Right), key(K::Tab)], C::Right);
    t.bind(Matrix, &[ch('h'), key(K::Left), key(K::BackTab)], C::Left);
    t.bind(Matrix, FIRST, C::First);
    t.bind(Matrix, LAST, C::Last);
    t.bind(Matrix, PAGE_DOWN, C::PageDown);
    t.bind(Matrix, PAGE_UP, C::PageUp);
    t.bind(Matrix, &[key(K::Enter)], C::Open);
    t.bind(Matrix, &[ch('o')], C::CycleOrder);
    t.bind(Matrix, &[ch('c')], C::FilterMenu);
    t.bind(Matrix, &[ch('C')], C::ClearChips);
    t.bind(Matrix, &[ch('v')], C::Views);
    t.bind(Matrix, &[ch('t')], C::Timeline);
    t.bind(Matrix, &[key(K::Esc), key(K::Backspace), ch('m')], C::Back);
    t.bind(Matrix, JUMP_BACK, C::JumpBack);
    t.bind(Matrix, JUMP_FORWARD, C::JumpForward);
    t.bind(Matrix, &[ch('y')], C::CopyQuote);
    t.bind(Matrix, &[ch('Y')], C::CopyPosition);
    t.bind(Matrix, HELP, C::ToggleHelp);
    t.bind(Matrix, QUIT, C::Quit);
    t.bind(Matrix, SUSPEND, C::Suspend);

    t.bind(Timeline, DOWN, C::Down);
    t.bind(Timeline, UP, C::Up);
    t.bind(Timeline, FIRST, C::First);
    t.bind(Timeline, LAST, C::Last);
    t.bind(Timeline, PAGE_DOWN, C::PageDown);
    t.bind(Timeline, PAGE_UP, C::PageUp);
    t.bind(Timeline, &[key(K::Enter)], C::Open);
    t.bind(Timeline, &[ch('s')], C::Narrow);
    t.bind(Timeline, &[ch('c')], C::FilterMenu);
    t.bind(Timeline, &[ch('C')], C::ClearChips);
    t.bind(Timeline, &[ch('v')], C::Views);
    t.bind(Timeline, &[ch('m')], C::Matrix);
    t.bind(
        Timeline,
        &[key(K::Esc), key(K::Backspace), ch('t')],
        C::Back,
    );
    t.bind(Timeline, JUMP_BACK, C::JumpBack);
    t.bind(Timeline, JUMP_FORWARD, C::JumpForward);
    t.bind(Timeline, &[ch('y')], C::CopyQuote);
    t.bind(Timeline, &[ch('Y')], C::CopyPosition);
    t.bind(Timeline, HELP, C::ToggleHelp);
    t.bind(Timeline, QUIT, C::Quit);
    t.bind(Timeline, SUSPEND, C::Suspend);

    t.bind(Links, DOWN, C::Down);
    t.bind(Links, UP, C::Up);
    t.bind(Links, &[key(K::Enter)], C::Open);
    t.bind(
        Links,
        &[key(K::Esc), key(K::Backspace), ch('q'), ch('L')],
        C::Back,
    );
    t.bind(Links, HELP, C::ToggleHelp);
    t.bind(Links, &[ctrl('c')], C::Quit);
    t.bind(Links, SUSPEND, C::Suspend);

    t.bind(Note, &[key(K::Esc)], C::Accept);
    t.bind(Note, &[ctrl('e')], C::EditNote);
    t.bind(Note, &[key(K::F(1))], C::ToggleHelp);
    t.bind(Note, &[ctrl('c')], C::Quit);
    t.bind(Note, SUSPEND, C::Suspend);
    t.bind(Facets, DOWN, C::Down);
    t.bind(Facets, UP, C::Up);
    t.bind(Facets, FIRST, C::First);
    t.bind(Facets, LAST, C::Last);
    t.bind(Facets, PAGE_DOWN, C::PageDown);
    t.bind(Facets, PAGE_UP, C::PageUp);
    t.bind(
        Facets,
        &[key(K::Tab), ch('l'), key(K::Right)],
        C::NextSection,
    );
    t.bind(
        Facets,
        &[key(K::BackTab), ch('h'), key(K::Left)],
        C::PrevSection,
    );
    t.bind(Facets, &[ch(' ')], C::Toggle);
    t.bind(Facets, &[ch('-'), ch('x')], C::Exclude);
    t.bind(Facets, &[ch('>')], C::FromDate);
    t.bind(Facets, &[ch('<')], C::UntilDate);
    t.bind(Facets, &[ch('C')], C::ClearChips);
    t.bind(
        Facets,
        &[key(K::Esc), key(K::Enter), ch('c'), ch('q')],
        C::Back,
    );
    t.bind(Facets, HELP, C::ToggleHelp);
    t.bind(Facets, &[ctrl('c')], C::Quit);
    t.bind(Facets, SUSPEND, C::Suspend);

    t.bind(Views, DOWN, C::Down);
    t.bind(Views, UP, C::Up);
    t.bind(Views, &[key(K::Enter)], C::Open);
    t.bind(Views, &[ch('a'), ch('s')], C::SaveView);
    t.bind(Views, &[ch('d'), key(K::Delete)], C::DeleteView);
    t.bind(Views, &[key(K::Esc), ch('v'), ch('q')], C::Back);
    t.bind(Views, HELP, C::ToggleHelp);
    t.bind(Views, &[ctrl('c')], C::Quit);
    t.bind(Views, SUSPEND, C::Suspend);

    t.bind(ViewName, &[key(K::Enter)], C::Accept);
    t.bind(ViewName, &[key(K::Esc)], C::Back);
    t.bind(ViewName, &[key(K::F(1))], C::ToggleHelp);
    t.bind(ViewName, &[ctrl('c')], C::Quit);
    t.bind(ViewName, SUSPEND, C::Suspend);

    // Problems and reloading, on every screen that shows the dataset.
    for mode in [Browser, Source, Review, Matrix, Timeline] {
        t.bind(mode, PROBLEMS, C::Problems);
        t.bind(mode, RELOAD, C::Reload);
    }
    t.bind(Problems, DOWN, C::Down);
    t.bind(Problems, UP, C::Up);
    t.bind(Problems, FIRST, C::First);
    t.bind(Problems, LAST, C::Last);
    t.bind(Problems, PAGE_DOWN, C::PageDown);
    t.bind(Problems, PAGE_UP, C::PageUp);
    t.bind(Problems, &[key(K::Enter)], C::Open);
    t.bind(
        Problems,
        &[key(K::Esc), key(K::Backspace), ch('p')],
        C::Back,
    );
    t.bind(Problems, JUMP_BACK, C::JumpBack);
    t.bind(Problems, JUMP_FORWARD, C::JumpForward);
    t.bind(Problems, RELOAD, C::Reload);
    t.bind(Problems, HELP, C::ToggleHelp);
    t.bind(Problems, QUIT, C::Quit);
    t.bind(Problems, SUSPEND, C::Suspend);

    // While loading, every other key is kept and replayed on the dataset
    // once it is shown; `q` too once typed-ahead keys are text.
    t.bind_when(Loading, Condition::TypingAhead, &[ch('q')], C::TypeAhead);
    t.bind(Loading, QUIT, C::Quit);
    t.bind(Loading, SUSPEND, C::Suspend);
    t.0
}
