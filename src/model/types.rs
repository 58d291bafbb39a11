//! The dataset as written in RON, plus what the loader resolves.
//!
//! Every struct denies unknown fields: RON ignores them silently otherwise,
//! and a typo would surface only as a confusing "missing field".

use super::item::{
    EventIx, IssueIx, ItemRef, Kind, PartyIx, PersonIx, PositionIx, QuoteIx, SourceIx,
};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use typed_index_collections::TiVec;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub format: u32,
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    pub sources: TiVec<SourceIx, Source>,
    pub parties: TiVec<PartyIx, Party>,
    #[serde(default)]
    pub people: TiVec<PersonIx, Person>,
    pub issues: TiVec<IssueIx, Issue>,
    pub quotes: TiVec<QuoteIx, Quote>,
    pub positions: TiVec<PositionIx, Position>,
    #[serde(default)]
    pub events: TiVec<EventIx, Event>,
    /// Groups of words that mean the same thing here, such as two
    /// spellings of a city: searching one finds the others.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<Vec<String>>,
}

impl Dataset {
    /// The id of an item; empty when the index is not in this dataset.
    pub fn id(&self, item: ItemRef) -> &str {
        let id = match item {
            ItemRef::Party(i) => self.parties.get(i).map(|x| &x.id),
            ItemRef::Person(i) => self.people.get(i).map(|x| &x.id),
            ItemRef::Issue(i) => self.issues.get(i).map(|x| &x.id),
            ItemRef::Position(i) => self.positions.get(i).map(|x| &x.id),
            ItemRef::Quote(i) => self.quotes.get(i).map(|x| &x.id),
            ItemRef::Source(i) => self.sources.get(i).map(|x| &x.id),
            ItemRef::Event(i) => self.events.get(i).map(|x| &x.id),
        };
        id.map_or("", String::as_str)
    }

    /// How many items of `kind` the dataset holds.
    pub fn count(&self, kind: Kind) -> usize {
        match kind {
            Kind::Party => self.parties.len(),
            Kind::Person => self.people.len(),
            Kind::Issue => self.issues.len(),
            Kind::Position => self.positions.len(),
            Kind::Quote => self.quotes.len(),
            Kind::Source => self.sources.len(),
            Kind::Event => self.events.len(),
        }
    }

    /// Every item of `kind`, in dataset order.
    pub fn items(&self, kind: Kind) -> impl Iterator<Item = ItemRef> + use<> {
        (0..self.count(kind)).map(move |i| ItemRef::new(kind, i))
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub path: Option<String>,
    /// Inline text; after loading, also holds the text read from `path`.
    #[serde(default)]
    pub text: Option<String>,
}

impl Source {
    /// The source text, empty when it could not be read.
    pub fn body(&self) -> &str {
        self.text.as_deref().unwrap_or("")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Role {
    Principal,
    Mediator,
    Guarantor,
    ThirdParty,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub id: String,
    pub name: String,
    pub role: Role,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub party: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Status {
    Open,
    Contested,
    Converging,
    Agreed,
    Deferred,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    pub status: Status,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub parent: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub id: String,
    pub source: String,
    pub text: String,
    #[serde(default)]
    pub speaker: Option<String>,
    /// The source's account of what the speaker said, not their words.
    #[serde(default)]
    pub paraphrase: bool,
    #[serde(default)]
    pub issues: Vec<String>,
    #[serde(default)]
    pub occurrence: Option<u32>,
    /// Byte ranges of the quote in its source text, one per elided piece;
    /// filled in by the loader.
    #[serde(skip)]
    pub anchor: Vec<Range<usize>>,
    /// How the quote sits in its source; filled in by the loader.
    #[serde(skip)]
    pub anchor_state: AnchorState,
}

/// How a quote sits in its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorState {
    /// The source has the quote's text exactly.
    Exact,
    /// Found once white space, quote and dash styles are folded.
    Normalised,
    /// Found in pieces, around `...`.
    Elided,
    /// Found more than once; the first (or `occurrence`) is used.
    Ambiguous,
    /// Not found in its source, or the source could not be read.
    #[default]
    Orphaned,
}

impl AnchorState {
    pub const ALL: [AnchorState; 5] = [
        AnchorState::Exact,
        AnchorState::Normalised,
        AnchorState::Elided,
        AnchorState::Ambiguous,
        AnchorState::Orphaned,
    ];

    /// The word shown for it.
    pub fn word(self) -> &'static str {
        match self {
            AnchorState::Exact => "exact",
            AnchorState::Normalised => "normalised",
            AnchorState::Elided => "elided",
            AnchorState::Ambiguous => "ambiguous",
            AnchorState::Orphaned => "orphaned",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Stance {
    Demands,
    Proposes,
    Offers,
    Supports,
    Accepts,
    Skeptical,
    Opposes,
    Rejects,
    RedLine,
    Unclear,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum LinkKind {
    ConditionalOn,
    InExchangeFor,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub kind: LinkKind,
    pub issue: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub id: String,
    pub party: String,
    pub issue: String,
    pub stance: Stance,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub by: Option<String>,
    /// Whose account the position rests on, when not the party's own.
    #[serde(default)]
    pub reported_by: Option<String>,
    pub summary: String,
    #[serde(default)]
    pub quotes: Vec<String>,
    #[serde(default)]
    pub links: Vec<Link>,
    /// Parties the position names without being theirs: the states a
    /// proposal would make guarantors, say. Their previews lead here.
    #[serde(default)]
    pub concerns: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    pub date: String,
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub parties: Vec<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// The passages the event is told in; opening the event opens the
    /// first one's source there.
    #[serde(default)]
    pub quotes: Vec<String>,
}

macro_rules! labelled_enum {
    ($ty:ident { $($variant:ident => $label:expr),* $(,)? }) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),*];
            /// The word a user reads for this value.
            pub fn label(self) -> &'static str {
                match self { $($ty::$variant => $label),* }
            }
        }
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

labelled_enum!(Role {
    Principal => "principal",
    Mediator => "mediator",
    Guarantor => "guarantor",
    ThirdParty => "third party",
});
labelled_enum!(Status {
    Open => "Open",
    Contested => "Contested",
    Converging => "Converging",
    Agreed => "Agreed",
    Deferred => "Deferred",
});
labelled_enum!(Stance {
    Demands => "demands",
    Proposes => "proposes",
    Offers => "offers",
    Supports => "supports",
    Accepts => "accepts",
    Skeptical => "skeptical",
    Opposes => "opposes",
    Rejects => "rejects",
    RedLine => "red line",
    Unclear => "unclear",
});
labelled_enum!(LinkKind {
    ConditionalOn => "conditional on",
    InExchangeFor => "in exchange for",
});

impl Stance {
    /// A glyph that tells stances apart without colour.
    pub fn glyph(self) -> &'static str {
        match self {
            Stance::Demands => "!",
            Stance::Proposes => "+",
            Stance::Offers => "»",
            Stance::Supports => "✓",
            Stance::Accepts => "=",
            Stance::Skeptical => "?",
            Stance::Opposes => "✗",
            Stance::Rejects => "⊘",
            Stance::RedLine => "■",
            Stance::Unclear => "~",
        }
    }
}
