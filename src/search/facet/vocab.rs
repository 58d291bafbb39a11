//! The words a clause may use for each value, and turning a parsed query's
//! clauses into a [`Filter`].
//!
//! A value matches by id, name, title or alias with case, diacritics and
//! punctuation folded ([`value_key`]); failing that, by a prefix that
//! names one item only, at the start of any word of its name.

use super::facts::{Pool, days, subtrees};
use super::filter::{Bits, Check, Filter, Marks, Test, kind_bit};
use super::names::{Lookup, Names, Words};
use super::parse::{Clause, Parsed};
use super::words::{IsWord, is_words, kind_words, role_words, stance_words, status_words};
use super::{Facet, Qualifier, value_key};
use crate::model::diagnostic::suggest;
use crate::model::{Dataset, DatasetIndex, DateKey, IssueIx, Kind, Role, Stance, Status};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;
use typed_index_collections::TiVec;

/// A query that cannot be run, with the closest thing that could.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}{}", .suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default())]
pub struct QueryError {
    pub message: String,
    /// A corrected clause, written as the user would type it.
    pub suggestion: Option<String>,
    /// The clause at fault, in bytes of the query.
    pub span: Range<usize>,
}

/// Everything needed to resolve clauses, built once per dataset. The
/// words of the enums are the same for every dataset, so a stored
/// vocabulary leaves them out and rebuilds them.
#[derive(Serialize, Deserialize)]
pub struct Vocabulary {
    parties: Names,
    issues: Names,
    sources: Names,
    /// People, then parties (see `facts::Agents`).
    agents: Names,
    tags: Names,
    /// The issues carrying each tag, and each issue's tags.
    tag_issues: Vec<Vec<IssueIx>>,
    issue_tags: Vec<Vec<u32>>,
    people: usize,
    /// Each party's people, as agents.
    party_people: Vec<Vec<u32>>,
    status: Vec<Status>,
    roles: Vec<Role>,
    /// Each issue's sub-issues, for `issue:` with its sub-issues.
    children: TiVec<IssueIx, Vec<IssueIx>>,
    #[serde(skip, default = "stance_words")]
    stances: Words<Stance>,
    #[serde(skip, default = "status_words")]
    statuses: Words<Status>,
    #[serde(skip, default = "role_words")]
    role_words: Words<Role>,
    #[serde(skip, default = "kind_words")]
    kinds: Words<Kind>,
    #[serde(skip, default = "is_words")]
    is: Words<IsWord>,
}

impl std::fmt::Debug for Vocabulary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Vocabulary")
    }
}

/// No names at all: the vocabulary of an index read back from a cache
/// without its facets, for queries without clauses.
impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary {
            parties: Names::default(),
            issues: Names::default(),
            sources: Names::default(),
            agents: Names::default(),
            tags: Names::default(),
            tag_issues: Vec::new(),
            issue_tags: Vec::new(),
            people: 0,
            party_people: Vec::new(),
            status: Vec::new(),
            roles: Vec::new(),
            children: TiVec::new(),
            stances: stance_words(),
            statuses: status_words(),
            role_words: role_words(),
            kinds: kind_words(),
            is: is_words(),
        }
    }
}

impl Vocabulary {
    /// Whether a vocabulary read back from a cache holds together, for an
    /// index with `sources` sources and `people` people: every number it
    /// looks things up by is inside what it indexes.
    pub fn sound(&self, sources: usize, people: usize) -> bool {
        let (issues, parties, tags) = (self.status.len(), self.roles.len(), self.tag_issues.len());
        let below = |list: &[u32], n: usize| list.iter().all(|&v| (v as usize) < n);
        self.people == people
            && self.children.len() == issues
            && self
                .children
                .iter()
                .all(|c| c.iter().all(|i| i.get() < issues))
            && self.issue_tags.len() == issues
            && self.issue_tags.iter().all(|t| below(t, tags))
            && self
                .tag_issues
                .iter()
                .all(|list| list.iter().all(|i| i.get() < issues))
            && self.party_people.len() == parties
            && self.party_people.iter().all(|p| below(p, people))
            && self.parties.targets_below(parties)
            && self.issues.targets_below(issues)
            && self.sources.targets_below(sources)
            && self.agents.targets_below(people + parties)
            && self.tags.targets_below(tags)
    }

    pub fn new(ds: &Dataset, ix: &DatasetIndex) -> Vocabulary {
        let mut parties = Names::default();
        let mut agents = Names::default();
        let people = ds.people.len();
        for (i, p) in ds.people.iter().enumerate() {
            let also: Vec<&str> = p.aliases.iter().map(String::as_str).collect();
            agents.add(i, &p.id, &p.name, &also);
        }
        for (i, p) in ds.parties.iter().enumerate() {
            let also: Vec<&str> = p.aliases.iter().map(String::as_str).collect();
            parties.add(i, &p.id, &p.name, &also);
            agents.add(people + i, &p.id, &p.name, &also);
        }
        let mut issues = Names::default();
        let mut tags = Names::default();
        let mut tag_issues: Vec<Vec<IssueIx>> = Vec::new();
        let mut issue_tags: Vec<Vec<u32>> = Vec::new();
        let mut tag_of: std::collections::HashMap<String, usize> = Default::default();
        for (i, issue) in ds.issues.iter_enumerated() {
            issues.add(i.get(), &issue.id, &issue.title, &[]);
            issue_tags.push(Vec::new());
            for tag in &issue.tags {
                let key = value_key(tag);
                let n = tag_of.len();
                let t = *tag_of.entry(key).or_insert(n);
                if t == n {
                    tags.add(t, tag, tag, &[]);
                    tag_issues.push(Vec::new());
                }
                tag_issues[t].push(i);
                issue_tags[i.get()].push(t as u32);
            }
        }
        let mut sources = Names::default();
        for (i, s) in ds.sources.iter().enumerate() {
            sources.add(i, &s.id, &s.title, &[]);
        }
        let party_people = ix
            .people_by_party
            .iter()
            .map(|list| list.iter().map(|p| p.get() as u32).collect())
            .collect();
        Vocabulary {
            parties,
            issues,
            sources,
            agents,
            tags,
            tag_issues,
            issue_tags,
            people,
            party_people,
            status: ds.issues.iter().map(|i| i.status).collect(),
            roles: ds.parties.iter().map(|p| p.role).collect(),
            children: ix.children.clone(),
            stances: stance_words(),
            statuses: status_words(),
            role_words: role_words(),
            kinds: kind_words(),
            is: is_words(),
        }
    }

    /// The filter a parsed query's clauses ask for. `marks` is the open
    /// review's, needed by `is:verified` and the other review words.
    pub fn resolve(
        &self,
        parsed: &Parsed,
        marks: Option<Arc<Marks>>,
    ) -> Result<Filter, QueryError> {
        if let Some((name, span)) = parsed.unknown.first() {
            let names: Vec<&str> = Qualifier::ALL.iter().map(|q| q.name()).collect();
            return Err(QueryError {
                message: format!(
                    "unknown qualifier `{name}:`; qualifiers are {}",
                    names.join(", ")
                ),
                suggestion: suggest(name, &names).map(|s| format!("{s}:")),
                span: span.clone(),
            });
        }
        // Positive clauses of one facet are ORed into one check; each
        // negated clause is a check of its own.
        let mut checks: BTreeMap<(Facet, bool, usize), Test> = BTreeMap::new();
        for (n, clause) in parsed.clauses.iter().enumerate() {
            for value in &clause.values {
                let (facet, test) = self.value(clause, value)?;
                if facet == Facet::Review && marks.is_none() {
                    return Err(QueryError {
                        message: format!(
                            "`is:{value}` needs an open review; start one with `parley review` or pass --review"
                        ),
                        suggestion: None,
                        span: clause.span.clone(),
                    });
                }
                let key = (facet, clause.negate, if clause.negate { n } else { 0 });
                match checks.get_mut(&key) {
                    Some(t) => union(t, test),
                    None => {
                        checks.insert(key, test);
                    }
                }
            }
        }
        Ok(Filter {
            checks: checks
                .into_iter()
                .map(|((facet, negate, _), test)| super::filter::Check {
                    facet,
                    negate,
                    test,
                })
                .collect::<Vec<Check>>(),
            marks,
        })
    }

    /// One value of a clause as a facet and test.
    fn value(&self, clause: &Clause, value: &str) -> Result<(Facet, Test), QueryError> {
        let q = clause.qualifier;
        let fail = |lookup: Lookup| {
            let (message, suggestion) = match lookup {
                Lookup::Unknown(s) => (
                    format!("no {} matches `{value}` (expected {})", q.noun(), q.about()),
                    s.map(|s| format!("{}:{}", q.name(), quote_value(&s))),
                ),
                Lookup::Ambiguous(names) => {
                    let shown: Vec<String> =
                        names.iter().take(4).map(|n| format!("`{n}`")).collect();
                    let more = names.len().saturating_sub(4);
                    (
                        format!(
                            "`{}:{value}` could be {}{}; type more of it",
                            q.name(),
                            shown.join(", "),
                            if more > 0 {
                                format!(" or {more} more")
                            } else {
                                String::new()
                            }
                        ),
                        names
                            .first()
                            .map(|s| format!("{}:{}", q.name(), quote_value(s))),
                    )
                }
            };
            QueryError {
                message,
                suggestion,
                span: clause.span.clone(),
            }
        };
        let bits = |targets: &[u32]| {
            let mut b = Bits::default();
            for &t in targets {
                b.insert(t as usize);
            }
            b
        };
        Ok(match q {
            Qualifier::Party => (
                Facet::Party,
                Test::Pool(
                    Pool::Party,
                    bits(&self.parties.resolve(value).map_err(fail)?),
                ),
            ),
            Qualifier::Issue => {
                let roots = self.issues.resolve(value).map_err(fail)?;
                let all: Vec<u32> = subtrees(
                    &self.children,
                    roots.iter().map(|&r| IssueIx::from(r as usize)),
                )
                .into_iter()
                .map(|i| i.get() as u32)
                .collect();
                (Facet::Issue, Test::Pool(Pool::Issue, bits(&all)))
            }
            Qualifier::Source => (
                Facet::Source,
                Test::Pool(
                    Pool::Source,
                    bits(&self.sources.resolve(value).map_err(fail)?),
                ),
            ),
            Qualifier::By | Qualifier::Speaker => {
                let mut agents = self.agents.resolve(value).map_err(fail)?;
                // A party speaks through its people too.
                for a in agents.clone() {
                    if let Some(people) = (a as usize)
                        .checked_sub(self.people)
                        .and_then(|p| self.party_people.get(p))
                    {
                        agents.extend(people);
                    }
                }
                let (facet, pool) = if q == Qualifier::By {
                    (Facet::By, Pool::By)
                } else {
                    (Facet::Speaker, Pool::Speaker)
                };
                (facet, Test::Pool(pool, bits(&agents)))
            }
            Qualifier::Tag => {
                let tags = self.tags.resolve(value).map_err(fail)?;
                let issues: Vec<u32> = tags
                    .iter()
                    .flat_map(|&t| &self.tag_issues[t as usize])
                    .map(|i| i.get() as u32)
                    .collect();
                (Facet::Tag, Test::Pool(Pool::Issue, bits(&issues)))
            }
            Qualifier::Status => {
                let s = self.statuses.resolve(value).map_err(fail)?;
                let issues: Vec<u32> = (0..self.status.len() as u32)
                    .filter(|&i| self.status[i as usize] == s)
                    .collect();
                (Facet::Status, Test::Pool(Pool::Issue, bits(&issues)))
            }
            Qualifier::Role => {
                let r = self.role_words.resolve(value).map_err(fail)?;
                let parties: Vec<u32> = (0..self.roles.len() as u32)
                    .filter(|&p| self.roles[p as usize] == r)
                    .collect();
                (Facet::Role, Test::Pool(Pool::Party, bits(&parties)))
            }
            Qualifier::Stance => {
                let s = self.stances.resolve(value).map_err(fail)?;
                let at = Stance::ALL.iter().position(|&x| x == s).unwrap_or(0);
                (Facet::Stance, Test::Stances(1 << at))
            }
            Qualifier::Kind => {
                let k = self.kinds.resolve(value).map_err(fail)?;
                (Facet::Kind, Test::Kinds(kind_bit(k)))
            }
            Qualifier::Is => match self.is.resolve(value).map_err(fail)? {
                IsWord::Flag(facet, bit) => (facet, Test::Flags(bit)),
                IsWord::Review(m) => (Facet::Review, Test::Review(Filter::review_bits(&[m]))),
                IsWord::Kind(k) => (Facet::Kind, Test::Kinds(kind_bit(k))),
            },
            Qualifier::Date => {
                let range = date_range(value).ok_or_else(|| QueryError {
                    message: format!(
                        "`date:{value}` is not a date; write 2022-03-29, 2022-03, 2022, \
                         >=2022-03-20, <2022 or 2022-03-20..2022-03-29"
                    ),
                    suggestion: None,
                    span: clause.span.clone(),
                })?;
                (Facet::Date, Test::Dates(vec![range]))
            }
        })
    }

    /// The name and id of a value of a pool, for menus and counts.
    pub fn pool_value(&self, pool: Pool, v: u32) -> (&str, &str) {
        let names = match pool {
            Pool::Party => &self.parties,
            Pool::Issue => &self.issues,
            Pool::Source => &self.sources,
            Pool::By | Pool::Speaker => &self.agents,
        };
        (names.label(v), names.id(v))
    }

    /// How many tags there are: one more than any tag's number.
    pub fn tag_count(&self) -> usize {
        self.tag_issues.len()
    }

    pub fn tag(&self, t: u32) -> &str {
        self.tags.label(t)
    }

    pub fn tags_of(&self, issue: u32) -> &[u32] {
        self.issue_tags
            .get(issue as usize)
            .map_or(&[], Vec::as_slice)
    }

    pub fn status_of(&self, i: u32) -> Option<Status> {
        self.status.get(i as usize).copied()
    }

    pub fn role_of(&self, p: u32) -> Option<Role> {
        self.roles.get(p as usize).copied()
    }
}

/// A value as it must be written in a query: quoted when it has spaces.
pub fn quote_value(v: &str) -> String {
    if v.contains(char::is_whitespace) || v.contains(',') {
        format!("\"{v}\"")
    } else {
        v.to_string()
    }
}

fn union(into: &mut Test, more: Test) {
    match (into, more) {
        (Test::Pool(_, a), Test::Pool(_, b)) => a.union(&b),
        (Test::Stances(a), Test::Stances(b)) => *a |= b,
        (Test::Flags(a), Test::Flags(b)) => *a |= b,
        (Test::Dates(a), Test::Dates(b)) => a.extend(b),
        (Test::Kinds(a), Test::Kinds(b)) => *a |= b,
        (Test::Review(a), Test::Review(b)) => *a |= b,
        _ => {}
    }
}

/// The days a `date:` value covers: a date (its whole range when
/// partial), `>=`, `>`, `<=`, `<` a date, or `from..to` (either end may be
/// left open).
pub fn date_range(value: &str) -> Option<(u32, u32)> {
    let d = |s: &str| DateKey::parse(s.trim()).map(days);
    let (lo, hi) = (0, u32::MAX);
    if let Some(rest) = value.strip_prefix(">=") {
        return Some((d(rest)?.0, hi));
    }
    if let Some(rest) = value.strip_prefix("<=") {
        return Some((lo, d(rest)?.1));
    }
    if let Some(rest) = value.strip_prefix('>') {
        return Some((d(rest)?.1 + 1, hi));
    }
    if let Some(rest) = value.strip_prefix('<') {
        return Some((lo, d(rest)?.0.checked_sub(1)?));
    }
    if let Some((from, to)) = value.split_once("..") {
        let from = if from.is_empty() { lo } else { d(from)?.0 };
        let to = if to.is_empty() { hi } else { d(to)?.1 };
        return (from <= to).then_some((from, to));
    }
    d(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_values() {
        assert_eq!(date_range("2022-03-29"), Some((20220329, 20220329)));
        assert_eq!(date_range("2022-03"), Some((20220301, 20220331)));
        assert_eq!(date_range(">=2022-03-20"), Some((20220320, u32::MAX)));
        assert_eq!(date_range(">2022-04"), Some((20220431, u32::MAX)));
        assert_eq!(date_range("<2022"), Some((0, 20220100)));
        assert_eq!(date_range("<=2022-03"), Some((0, 20220331)));
        assert_eq!(
            date_range("2022-03-20..2022-03-29"),
            Some((20220320, 20220329))
        );
        assert_eq!(date_range("2022-03-20.."), Some((20220320, u32::MAX)));
        assert_eq!(date_range("2022-03-29..2022-03-20"), None);
        assert_eq!(date_range("soon"), None);
        assert_eq!(date_range("2022-13"), None);
    }
}
