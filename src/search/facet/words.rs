//! The words a clause may use for values that are the same in every
//! dataset: the stances, statuses, roles and kinds as displayed or as
//! their variants are named, and what each `is:` word means.

use super::facts::flag;
use super::filter::ReviewMark;
use super::names::Words;
use super::parse::Parsed;
use super::{Facet, Qualifier};
use crate::model::{Kind, Role, Stance, Status};

/// What an `is:` word means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum IsWord {
    Flag(Facet, u16),
    Review(ReviewMark),
    Kind(Kind),
}

fn enum_words<T: Copy + PartialEq + std::fmt::Debug>(
    all: &[T],
    label: fn(T) -> &'static str,
) -> Words<T> {
    Words::new(all.iter().flat_map(|&v| {
        // The displayed word and the variant's own name: `red line`
        // and `RedLine` are both `redline`, `third party` and `ThirdParty`.
        [(label(v).to_string(), v), (format!("{v:?}"), v)]
    }))
}

/// Whether a query asks for review marks: an `is:` clause with a review
/// word (`is:verified`, `is:stale`, …), which only an open review can
/// answer. The words are the same for every dataset.
pub fn needs_review(parsed: &Parsed) -> bool {
    static WORDS: std::sync::OnceLock<Words<IsWord>> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(is_words);
    parsed
        .clauses
        .iter()
        .filter(|c| c.qualifier == Qualifier::Is)
        .flat_map(|c| &c.values)
        .any(|v| matches!(words.resolve(v), Ok(IsWord::Review(_))))
}

/// The words `is:` takes.
pub(super) fn is_words() -> Words<IsWord> {
    Words::new(
        [
            ("reported", IsWord::Flag(Facet::Provenance, flag::REPORTED)),
            ("direct", IsWord::Flag(Facet::Provenance, flag::DIRECT)),
            ("paraphrase", IsWord::Flag(Facet::Wording, flag::PARAPHRASE)),
            (
                "paraphrased",
                IsWord::Flag(Facet::Wording, flag::PARAPHRASE),
            ),
            ("verbatim", IsWord::Flag(Facet::Wording, flag::VERBATIM)),
            ("exact", IsWord::Flag(Facet::Anchor, flag::EXACT)),
            ("normalised", IsWord::Flag(Facet::Anchor, flag::NORMALISED)),
            ("normalized", IsWord::Flag(Facet::Anchor, flag::NORMALISED)),
            ("elided", IsWord::Flag(Facet::Anchor, flag::ELIDED)),
            ("ambiguous", IsWord::Flag(Facet::Anchor, flag::AMBIGUOUS)),
            ("orphaned", IsWord::Flag(Facet::Anchor, flag::ORPHANED)),
        ]
        .into_iter()
        .map(|(w, v)| (w.to_string(), v))
        .chain(
            ReviewMark::ALL
                .into_iter()
                .map(|m| (m.word().to_string(), IsWord::Review(m))),
        )
        .chain(
            Kind::ALL
                .into_iter()
                .map(|k| (k.as_str().to_string(), IsWord::Kind(k))),
        ),
    )
}

pub(super) fn stance_words() -> Words<Stance> {
    enum_words(Stance::ALL, Stance::label)
}

pub(super) fn status_words() -> Words<Status> {
    enum_words(Status::ALL, Status::label)
}

pub(super) fn role_words() -> Words<Role> {
    enum_words(Role::ALL, Role::label)
}

pub(super) fn kind_words() -> Words<Kind> {
    Words::new(
        Kind::ALL
            .into_iter()
            .flat_map(|k| [(k.as_str().to_string(), k), (k.plural().to_string(), k)]),
    )
}
