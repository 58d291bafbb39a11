//! How many matching items each value of each facet has: the numbers the
//! filter menu shows beside each value, and `parley search --facets`.
//!
//! A facet's values are counted among the items that pass every other
//! clause of the query, so each count says how many items choosing that
//! value would keep, and the values already chosen keep their counts.

use super::facts::{Days, Pool, flag};
use super::filter::ReviewMark;
use super::vocab::quote_value;
use super::{Facet, FacetSet};
use crate::model::{Kind, Role, Stance, Status};
use crate::search::index::SearchIndex;
use crate::search::query::Query;
use foldhash::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueCount {
    /// What the value is called.
    pub label: String,
    /// The clause that asks for it, as typed: `party:ru`.
    pub clause: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    pub facet: Facet,
    /// Values with at least one item, most items first (named items), in
    /// their own order (stances, statuses and other fixed words) or by
    /// date.
    pub values: Vec<ValueCount>,
}

/// The words a value of a fixed set is written with in a clause.
fn word(label: &str) -> String {
    label.to_lowercase().replace(' ', "-")
}

/// A date range as a clause value: a day, a month or a year.
fn date_value(d: Days) -> String {
    let (y, m0, d0) = (d.0 / 10_000, d.0 / 100 % 100, d.0 % 100);
    let (m1, d1) = (d.1 / 100 % 100, d.1 % 100);
    if (m0, d0, m1, d1) == (1, 1, 12, 31) {
        format!("{y:04}")
    } else if d0 == 1 && d1 >= 28 && m0 == m1 {
        format!("{y:04}-{m0:02}")
    } else {
        format!("{y:04}-{m0:02}-{d0:02}")
    }
}

/// Counts of every facet among the entries `matched` (indices into
/// `index.entries`, already matching the query's text), under `q`'s
/// filter.
pub fn count(index: &SearchIndex, q: &Query, matched: &[usize]) -> Vec<FacetCount> {
    let facts = &index.facts;
    let vocab = &index.vocabulary;
    // Each entry looked up once, with whether it passes every clause: then
    // (as with no clause at all) it counts under every facet unasked.
    let rows: Vec<_> = matched
        .iter()
        .filter_map(|&e| {
            let item = index.entry_at(e)?.item;
            let all = q.filter.passes(facts, e, item, FacetSet::EMPTY);
            Some((e, item, facts.row(e)?, all))
        })
        .collect();
    let mut out = Vec::new();
    for facet in Facet::ALL {
        if facet == Facet::Review && q.filter.marks.is_none() {
            continue;
        }
        // Named values are numbers into their pool, below the number of
        // entries (items) or tags: counted in place. (A number past that,
        // from a corrupt cache, names nothing and is not counted.)
        let mut tally: Vec<usize> = Vec::new();
        let limit = index.len().max(vocab.tag_count());
        let mut bump = |v: u32| {
            let v = v as usize;
            if v >= tally.len() && v < limit {
                tally.resize(v + 1, 0);
            }
            if let Some(n) = tally.get_mut(v) {
                *n += 1;
            }
        };
        // By label, each written as a clause once: formatting one per item
        // and facet made opening the menu take 50–80 ms at 100k.
        let mut fixed: Vec<(&'static str, usize)> = Vec::new();
        let mut bump_fixed = |label: &'static str| match fixed.iter_mut().find(|(l, _)| *l == label)
        {
            Some(v) => v.1 += 1,
            None => fixed.push((label, 1)),
        };
        let mut dates: HashMap<Days, usize> = HashMap::default();
        let skip = FacetSet::of(&[facet]);
        let name = facet.qualifier().name();
        let named = match facet {
            Facet::Party => Some(Pool::Party),
            Facet::Issue => Some(Pool::Issue),
            Facet::Source => Some(Pool::Source),
            Facet::By => Some(Pool::By),
            Facet::Speaker => Some(Pool::Speaker),
            _ => None,
        };
        for &(e, item, row, all) in &rows {
            if !all && !q.filter.passes(facts, e, item, skip) {
                continue;
            }
            if let Some(pool) = named {
                for &v in facts.values(row, pool) {
                    bump(v);
                }
                continue;
            }
            match facet {
                Facet::Role => {
                    let mut seen: Vec<Role> = Vec::new();
                    for &p in facts.values(row, Pool::Party) {
                        if let Some(r) = vocab.role_of(p).filter(|r| !seen.contains(r)) {
                            seen.push(r);
                        }
                    }
                    for r in Role::ALL.iter().filter(|r| seen.contains(r)) {
                        bump_fixed(r.label());
                    }
                }
                Facet::Status => {
                    let mut seen: Vec<Status> = Vec::new();
                    for &i in facts.values(row, Pool::Issue) {
                        if let Some(s) = vocab.status_of(i).filter(|s| !seen.contains(s)) {
                            seen.push(s);
                        }
                    }
                    for s in Status::ALL.iter().filter(|s| seen.contains(s)) {
                        bump_fixed(s.label());
                    }
                }
                Facet::Tag => {
                    let mut seen: Vec<u32> = facts
                        .values(row, Pool::Issue)
                        .iter()
                        .flat_map(|&i| vocab.tags_of(i))
                        .copied()
                        .collect();
                    seen.sort_unstable();
                    seen.dedup();
                    for t in seen {
                        bump(t);
                    }
                }
                Facet::Stance => {
                    for (k, s) in Stance::ALL.iter().enumerate() {
                        if row.stances & (1 << k) != 0 {
                            bump_fixed(s.label());
                        }
                    }
                }
                Facet::Date => {
                    for &d in facts.dates(row) {
                        *dates.entry(d).or_default() += 1;
                    }
                }
                Facet::Kind => {
                    let k = item.kind();
                    bump_fixed(k.as_str());
                }
                Facet::Provenance | Facet::Wording | Facet::Anchor => {
                    for (bit, w) in flag_words(facet) {
                        if row.flags & bit != 0 {
                            bump_fixed(w);
                        }
                    }
                }
                Facet::Review => {
                    if let Some(m) = q.filter.marks.as_ref().and_then(|m| m.get(item)) {
                        bump_fixed(m.word());
                    }
                }
                _ => {}
            }
        }
        let words = |v: u32| -> (String, String) {
            match named {
                Some(pool) => {
                    let (label, id) = vocab.pool_value(pool, v);
                    (label.to_string(), format!("{name}:{}", quote_value(id)))
                }
                None => {
                    let tag = vocab.tag(v);
                    (tag.to_string(), format!("{name}:{}", quote_value(tag)))
                }
            }
        };
        let mut values: Vec<ValueCount> = tally
            .into_iter()
            .enumerate()
            .filter(|&(_, count)| count > 0)
            .map(|(v, count)| {
                let (label, clause) = words(v as u32);
                ValueCount {
                    label,
                    clause,
                    count,
                }
            })
            .collect();
        values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
        order_fixed(facet, &mut fixed);
        values.extend(fixed.into_iter().map(|(label, count)| ValueCount {
            label: label.to_string(),
            clause: fixed_clause(facet, label),
            count,
        }));
        let mut days: Vec<(Days, usize)> = dates.into_iter().collect();
        days.sort_unstable();
        values.extend(days.into_iter().map(|(d, count)| ValueCount {
            label: date_value(d),
            clause: format!("{name}:{}", date_value(d)),
            count,
        }));
        if !values.is_empty() {
            out.push(FacetCount { facet, values });
        }
    }
    out
}

/// The clause that asks for a fixed value: `stance:red-line`, `is:exact`.
fn fixed_clause(facet: Facet, label: &str) -> String {
    let name = facet.qualifier().name();
    match facet {
        Facet::Kind => format!("{name}:{label}"),
        Facet::Provenance | Facet::Wording | Facet::Anchor | Facet::Review => format!("is:{label}"),
        _ => format!("{name}:{}", word(label)),
    }
}

/// Fixed values in the order their type lists them, not as first met.
fn order_fixed(facet: Facet, fixed: &mut [(&'static str, usize)]) {
    let rank = |label: &str| -> usize {
        let labels: Vec<&str> = match facet {
            Facet::Stance => Stance::ALL.iter().map(|s| s.label()).collect(),
            Facet::Status => Status::ALL.iter().map(|s| s.label()).collect(),
            Facet::Role => Role::ALL.iter().map(|s| s.label()).collect(),
            Facet::Kind => Kind::ALL.iter().map(|k| k.as_str()).collect(),
            Facet::Review => ReviewMark::ALL.iter().map(|m| m.word()).collect(),
            _ => flag_words(facet).iter().map(|&(_, w)| w).collect(),
        };
        labels
            .iter()
            .position(|&l| l == label)
            .unwrap_or(usize::MAX)
    };
    fixed.sort_by_key(|(label, _)| rank(label));
}

/// The `is:` words of a flag facet, with their bits.
fn flag_words(facet: Facet) -> &'static [(u16, &'static str)] {
    match facet {
        Facet::Provenance => &[(flag::REPORTED, "reported"), (flag::DIRECT, "direct")],
        Facet::Wording => &[
            (flag::VERBATIM, "verbatim"),
            (flag::PARAPHRASE, "paraphrase"),
        ],
        Facet::Anchor => &[
            (flag::EXACT, "exact"),
            (flag::NORMALISED, "normalised"),
            (flag::ELIDED, "elided"),
            (flag::AMBIGUOUS, "ambiguous"),
            (flag::ORPHANED, "orphaned"),
        ],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_day_month_or_year() {
        assert_eq!(date_value((20220329, 20220329)), "2022-03-29");
        assert_eq!(date_value((20220301, 20220331)), "2022-03");
        assert_eq!(date_value((20220101, 20221231)), "2022");
    }
}
