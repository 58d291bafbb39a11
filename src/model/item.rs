//! How every layer names an item: a typed index per kind, the `Kind` of an
//! item, and `ItemRef` (kind and index together).
//!
//! An index is only meaningful for one version of a dataset. Anything that
//! must outlive a reload keeps the item's id too, and finds the item again
//! with [`super::DatasetIndex::find`].

use serde::{Deserialize, Serialize};

macro_rules! typed_indices {
    ($($(#[$doc:meta])* $name:ident => $variant:ident;)*) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
            #[serde(transparent)]
            pub struct $name(u32);

            impl $name {
                /// The position in the dataset's list of this kind.
                pub fn get(self) -> usize {
                    self.0 as usize
                }
            }

            impl From<usize> for $name {
                fn from(i: usize) -> Self {
                    // A dataset of four billion items cannot be loaded, so
                    // saturating never aliases a real item.
                    $name(u32::try_from(i).unwrap_or(u32::MAX))
                }
            }

            impl From<$name> for usize {
                fn from(i: $name) -> usize {
                    i.get()
                }
            }

            impl From<$name> for ItemRef {
                fn from(i: $name) -> ItemRef {
                    ItemRef::$variant(i)
                }
            }
        )*

        /// One item of a dataset: its kind and its index in that kind's list.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ItemRef {
            $($variant($name)),*
        }

        impl ItemRef {
            pub fn kind(self) -> Kind {
                match self {
                    $(ItemRef::$variant(_) => Kind::$variant),*
                }
            }

            /// The position in its kind's list.
            pub fn index(self) -> usize {
                match self {
                    $(ItemRef::$variant(i) => i.get()),*
                }
            }

            pub fn new(kind: Kind, index: usize) -> ItemRef {
                match kind {
                    $(Kind::$variant => ItemRef::$variant($name::from(index))),*
                }
            }
        }
    };
}

typed_indices! {
    /// A party in `Dataset::parties`.
    PartyIx => Party;
    /// A person in `Dataset::people`.
    PersonIx => Person;
    /// An issue in `Dataset::issues`.
    IssueIx => Issue;
    /// A position in `Dataset::positions`.
    PositionIx => Position;
    /// A quote in `Dataset::quotes`.
    QuoteIx => Quote;
    /// A source in `Dataset::sources`.
    SourceIx => Source;
    /// An event in `Dataset::events`.
    EventIx => Event;
}

/// The kinds of item a dataset holds. Review files name kinds with these
/// variant names, so they must not be renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Kind {
    Party,
    Person,
    Issue,
    Position,
    Quote,
    Source,
    Event,
}

impl Kind {
    /// Every kind, in the order a reader meets them: who, about what, what
    /// they said, and where.
    pub const ALL: [Kind; 7] = [
        Kind::Party,
        Kind::Person,
        Kind::Issue,
        Kind::Position,
        Kind::Quote,
        Kind::Source,
        Kind::Event,
    ];

    /// The singular word, also used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Party => "party",
            Kind::Person => "person",
            Kind::Issue => "issue",
            Kind::Position => "position",
            Kind::Quote => "quote",
            Kind::Source => "source",
            Kind::Event => "event",
        }
    }

    pub fn plural(self) -> &'static str {
        match self {
            Kind::Party => "parties",
            Kind::Person => "people",
            Kind::Issue => "issues",
            Kind::Position => "positions",
            Kind::Quote => "quotes",
            Kind::Source => "sources",
            Kind::Event => "events",
        }
    }

    /// The kind a word names: its singular or plural, in any case.
    pub fn parse(word: &str) -> Option<Kind> {
        let word = word.to_lowercase();
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == word || k.plural() == word)
    }

    /// A dense number for per-kind tables.
    pub fn slot(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_refs_round_trip_kind_and_index() {
        for (slot, kind) in Kind::ALL.into_iter().enumerate() {
            assert_eq!(kind.slot(), slot);
            let r = ItemRef::new(kind, 41);
            assert_eq!((r.kind(), r.index()), (kind, 41));
        }
        assert_eq!(ItemRef::from(QuoteIx::from(3)), ItemRef::Quote(QuoteIx(3)));
        assert_eq!(Kind::parse("People"), Some(Kind::Person));
        assert_eq!(Kind::parse("quote"), Some(Kind::Quote));
        assert_eq!(Kind::parse("planet"), None);
    }
}
