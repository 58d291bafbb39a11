//! Qualifiers: `party:ru`, `stance:red-line`, `date:>=2022-03-20`, mixed
//! freely with fuzzy terms in one query, as a code-hosting site's issue
//! search does.
//!
//! - [`parse`] splits a query into its fzf text and its clauses;
//! - [`facts`] holds, for every search entry, the values each qualifier
//!   looks at, computed once per dataset;
//! - [`vocab`] turns a clause's words into those values, or into an error
//!   with a suggestion;
//! - [`filter`] is the resolved clauses, tested against an entry without
//!   allocating;
//! - [`counts`] counts the values of every facet among matching entries.

pub mod counts;
pub mod facts;
pub mod filter;
mod names;
pub mod parse;
pub mod vocab;
mod words;

pub use counts::{FacetCount, ValueCount};
pub use filter::{Filter, Marks, ReviewMark};
pub use parse::{Clause, Parsed};
pub use vocab::QueryError;
pub use words::needs_review;

/// A qualifier, the word before the colon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Qualifier {
    Party,
    Issue,
    Stance,
    Status,
    Role,
    Source,
    Tag,
    By,
    Speaker,
    Date,
    Kind,
    Is,
}

impl Qualifier {
    pub const ALL: [Qualifier; 12] = [
        Qualifier::Party,
        Qualifier::Issue,
        Qualifier::Stance,
        Qualifier::Status,
        Qualifier::Role,
        Qualifier::Source,
        Qualifier::Tag,
        Qualifier::By,
        Qualifier::Speaker,
        Qualifier::Date,
        Qualifier::Kind,
        Qualifier::Is,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Qualifier::Party => "party",
            Qualifier::Issue => "issue",
            Qualifier::Stance => "stance",
            Qualifier::Status => "status",
            Qualifier::Role => "role",
            Qualifier::Source => "source",
            Qualifier::Tag => "tag",
            Qualifier::By => "by",
            Qualifier::Speaker => "speaker",
            Qualifier::Date => "date",
            Qualifier::Kind => "kind",
            Qualifier::Is => "is",
        }
    }

    /// The qualifier named `name`, written in any case.
    pub fn from_name(name: &str) -> Option<Qualifier> {
        Qualifier::ALL
            .into_iter()
            .find(|q| q.name().eq_ignore_ascii_case(name))
    }

    /// What one of its values is, for "no … matches".
    pub fn noun(self) -> &'static str {
        match self {
            Qualifier::By | Qualifier::Speaker => "person",
            Qualifier::Is => "`is:` word",
            q => q.name(),
        }
    }

    /// What its values are, for help and error messages.
    pub fn about(self) -> &'static str {
        match self {
            Qualifier::Party => "a party by id, name or alias",
            Qualifier::Issue => "an issue by id or title, with its sub-issues",
            Qualifier::Stance => "a stance: demands, proposes, … red-line, unclear",
            Qualifier::Status => "an issue status: open, contested, converging, agreed, deferred",
            Qualifier::Role => "a party role: principal, mediator, guarantor, third-party",
            Qualifier::Source => "a source by id or title",
            Qualifier::Tag => "an issue tag",
            Qualifier::By => "the person who stated a position",
            Qualifier::Speaker => "who spoke a quote: a person, or a party and its people",
            Qualifier::Date => "2022-03-29, 2022-03, >=2022-03-20, <2022, 2022-03-20..2022-03-29",
            Qualifier::Kind => {
                "a kind of item: party, person, issue, position, quote, source, event"
            }
            Qualifier::Is => {
                "reported, direct, paraphrase, verbatim, exact, normalised, elided, ambiguous, \
                 orphaned, verified, disputed, flagged, skipped, unreviewed, stale"
            }
        }
    }
}

/// What one test of a filter looks at. `is:` values of different groups
/// are different facets: `is:reported is:orphaned` asks for both, while
/// `is:verified is:disputed` asks for either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Party,
    Issue,
    Stance,
    Status,
    Role,
    Source,
    Tag,
    By,
    Speaker,
    Date,
    Kind,
    /// `is:reported`, `is:direct`.
    Provenance,
    /// `is:paraphrase`, `is:verbatim`.
    Wording,
    /// `is:exact` … `is:orphaned`.
    Anchor,
    /// `is:verified` … `is:stale`: needs an open review.
    Review,
}

impl Facet {
    pub const ALL: [Facet; 15] = [
        Facet::Party,
        Facet::Issue,
        Facet::Stance,
        Facet::Status,
        Facet::Role,
        Facet::Source,
        Facet::Tag,
        Facet::By,
        Facet::Speaker,
        Facet::Date,
        Facet::Kind,
        Facet::Provenance,
        Facet::Wording,
        Facet::Anchor,
        Facet::Review,
    ];

    /// The qualifier a user writes for it.
    pub fn qualifier(self) -> Qualifier {
        match self {
            Facet::Party => Qualifier::Party,
            Facet::Issue => Qualifier::Issue,
            Facet::Stance => Qualifier::Stance,
            Facet::Status => Qualifier::Status,
            Facet::Role => Qualifier::Role,
            Facet::Source => Qualifier::Source,
            Facet::Tag => Qualifier::Tag,
            Facet::By => Qualifier::By,
            Facet::Speaker => Qualifier::Speaker,
            Facet::Date => Qualifier::Date,
            Facet::Kind => Qualifier::Kind,
            Facet::Provenance | Facet::Wording | Facet::Anchor | Facet::Review => Qualifier::Is,
        }
    }

    /// The heading it has in the filter menu and `--facets`.
    pub fn title(self) -> &'static str {
        match self {
            Facet::Party => "party",
            Facet::Issue => "issue",
            Facet::Stance => "stance",
            Facet::Status => "status",
            Facet::Role => "role",
            Facet::Source => "source",
            Facet::Tag => "tag",
            Facet::By => "by",
            Facet::Speaker => "speaker",
            Facet::Date => "date",
            Facet::Kind => "kind",
            Facet::Provenance => "provenance",
            Facet::Wording => "wording",
            Facet::Anchor => "anchor",
            Facet::Review => "review",
        }
    }

    /// Its bit in a [`FacetSet`].
    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// A set of facets, such as those a view has already applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FacetSet(u16);

impl FacetSet {
    pub const EMPTY: FacetSet = FacetSet(0);

    pub fn of(facets: &[Facet]) -> FacetSet {
        FacetSet(facets.iter().fold(0, |m, f| m | f.bit()))
    }

    pub fn contains(self, f: Facet) -> bool {
        self.0 & f.bit() != 0
    }

    pub fn with(self, f: Facet) -> FacetSet {
        FacetSet(self.0 | f.bit())
    }
}

/// Normalises a value for comparison: case and diacritics folded, and
/// everything but letters and digits dropped, so `red-line`, `redline`,
/// `Red Line` and `RedLine` are one value.
pub fn value_key(value: &str) -> String {
    crate::fold::fold(value)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_fold_case_diacritics_and_punctuation() {
        for v in ["red-line", "redline", "RedLine", "Red Line", "réd_líne"] {
            assert_eq!(value_key(v), "redline", "{v}");
        }
    }

    #[test]
    fn every_facet_has_its_bit() {
        let all = FacetSet::of(&Facet::ALL);
        assert!(Facet::ALL.iter().all(|&f| all.contains(f)));
        assert!(!FacetSet::of(&[Facet::Party]).contains(Facet::Issue));
    }
}
