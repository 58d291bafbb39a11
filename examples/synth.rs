//! Generates a large, valid, deterministic parley dataset: for benchmarks,
//! profiling and trying the browser on realistic volumes.
//!
//! ```sh
//! cargo run --release --example synth -- --quotes 100000 --seed 1 --out target/synth/100k
//! cargo run --release -- validate target/synth/100k/dataset.ron
//! ```
//!
//! Writes `OUT/dataset.ron` and one text file per source under
//! `OUT/sources/`. The same `--quotes` and `--seed` give byte-identical
//! output. Every quote carries a number no other quote has, so it occurs
//! exactly once in its source and needs no `occurrence`. Sources write
//! quotes with typographic apostrophes, en dashes and line breaks, so
//! anchoring has to fold them; names and places include Turkish and Polish
//! letters, so search folding is exercised too.
//!
//! The benches include this file as a module (`#[path]`) and call
//! [`cached`], so the generator stays out of the library's public API.

use clap::Parser;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Bumped whenever the output changes, so cached bench data is rebuilt.
pub const VERSION: u32 = 1;

/// Quotes per source: a source text is then 10–15 KB.
const QUOTES_PER_SOURCE: usize = 40;

#[derive(Debug, Parser)]
#[command(
    about = "Write a synthetic, valid parley dataset (deterministic per --quotes and --seed)"
)]
struct Args {
    /// Number of quotes; everything else scales with it.
    #[arg(long, default_value_t = 10_000)]
    quotes: usize,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output directory [default: target/synth/QUOTES-SEED].
    #[arg(long)]
    out: Option<PathBuf>,
}

#[allow(dead_code)]
fn main() -> io::Result<()> {
    let args = Args::parse();
    let out = args
        .out
        .unwrap_or_else(|| PathBuf::from(format!("target/synth/{}-{}", args.quotes, args.seed)));
    let started = Instant::now();
    let summary = generate(args.quotes, args.seed, &out)?;
    eprintln!(
        "synth: {summary} in {:.2}s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Bench data under `target/bench-data/QUOTES/`, generated on first use
/// and reused while its marker matches this generator, size and seed.
/// Returns the path of `dataset.ron`.
#[allow(dead_code)]
pub fn cached(quotes: usize, seed: u64) -> io::Result<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-data")
        .join(quotes.to_string());
    let marker = dir.join("complete");
    let want = format!("synth v{VERSION} quotes={quotes} seed={seed}\n");
    let dataset = dir.join("dataset.ron");
    if fs::read_to_string(&marker).ok().as_deref() == Some(want.as_str()) {
        return Ok(dataset);
    }
    // An interrupted run must not leave a marker behind.
    match fs::remove_file(&marker) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let started = Instant::now();
    let summary = generate(quotes, seed, &dir)?;
    eprintln!(
        "synth: {summary} in {:.2}s",
        started.elapsed().as_secs_f64()
    );
    fs::write(&marker, want)?;
    Ok(dataset)
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub out: PathBuf,
    pub quotes: usize,
    pub quote_bytes: usize,
    pub parties: usize,
    pub people: usize,
    pub issues: usize,
    pub sources: usize,
    pub source_bytes: usize,
    pub positions: usize,
    pub events: usize,
    pub dataset_bytes: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mb = |b: usize| b as f64 / 1e6;
        write!(
            f,
            "{} quotes (avg {} bytes), {} parties, {} people, {} issues, {} positions, {} events, \
             {} sources -> {} ({:.1} MB, sources {:.1} MB)",
            self.quotes,
            self.quote_bytes / self.quotes.max(1),
            self.parties,
            self.people,
            self.issues,
            self.positions,
            self.events,
            self.sources,
            self.out.join("dataset.ron").display(),
            mb(self.dataset_bytes),
            mb(self.source_bytes),
        )
    }
}

// ------------------------------------------------------------------ random

/// splitmix64: tiny, fast, and plenty for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`; `n` must be positive.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
}

// ------------------------------------------------------------------- words

const NOUNS: &[&str] = &[
    "ceasefire",
    "ceasefire",
    "ceasefire",
    "truce",
    "humanitarian corridor",
    "prisoner exchange",
    "monitoring mission",
    "security guarantee",
    "withdrawal",
    "referendum",
    "sanctions package",
    "border commission",
    "peace framework",
    "settlement",
    "timetable",
    "amnesty",
    "grain deal",
    "pipeline agreement",
    "buffer zone",
    "inspection regime",
    "roadmap",
    "memorandum",
    "protocol",
    "draft treaty",
    "aid convoy",
    "airspace arrangement",
    "election calendar",
    "constitutional amendment",
    "language law",
    "refugee return plan",
    "reconstruction fund",
    "verification mechanism",
    "demilitarised zone",
];

const ADJECTIVES: &[&str] = &[
    "lasting",
    "verifiable",
    "comprehensive",
    "phased",
    "unconditional",
    "partial",
    "binding",
    "temporary",
    "credible",
    "bilateral",
    "immediate",
    "gradual",
    "fragile",
    "workable",
    "premature",
    "unacceptable",
    "balanced",
    "realistic",
    "open-ended",
    "one-sided",
];

const GROUPS: &[&str] = &[
    "negotiators",
    "negotiators",
    "mediators",
    "observers",
    "delegations",
    "ministers",
    "diplomats",
    "generals",
    "envoys",
];

const PARTICIPLES: &[&str] = &[
    "signed",
    "verified",
    "guaranteed",
    "monitored",
    "ratified",
    "reviewed",
    "extended",
    "suspended",
];

const PLACES: &[&str] = &[
    "Geneva",
    "Istanbul",
    "Ödemiş",
    "Antalya",
    "Kraków",
    "Gdańsk",
    "Vienna",
    "Helsinki",
    "Doha",
    "Oslo",
    "Zürich",
    "Ankara",
    "Tbilisi",
    "Baku",
    "Sarajevo",
    "Łódź",
    "Bratislava",
    "Brașov",
    "Thessaloníki",
    "Mostar",
    "Rijeka",
    "Tartu",
    "Pécs",
    "Çanakkale",
];

/// Pinned first so every dataset has them, whatever its size.
const PINNED_PEOPLE: &[&str] = &[
    "İbrahim Kalın",
    "Mevlüt Çavuşoğlu",
    "Łukasz Nowak",
    "Ana Ruiz",
    "Zoë Lindqvist",
    "Jiří Dvořák",
];

const FIRST_NAMES: &[&str] = &[
    "Aylin",
    "Björn",
    "Dagny",
    "Élodie",
    "François",
    "Søren",
    "Olena",
    "Mikko",
    "Nikos",
    "José",
    "Małgorzata",
    "Hakan",
    "Ingrid",
    "Tomás",
    "Yusuf",
    "Greta",
    "Kateřina",
    "Pavel",
    "Amira",
    "Luca",
];

const LAST_NAMES: &[&str] = &[
    "Yılmaz",
    "Müller",
    "Kowalczyk",
    "Papadopoulos",
    "Haddad",
    "Okafor",
    "Novák",
    "Sørensen",
    "Brennan",
    "Öztürk",
    "Wiśniewska",
    "Lefèvre",
    "Korhonen",
    "Demir",
    "Jansen",
    "Horváth",
    "Ibáñez",
    "Petrović",
    "Aksoy",
    "Lindgren",
    "Moreau",
    "Şahin",
];

const PERSON_TITLES: &[&str] = &[
    "Chief negotiator",
    "Foreign minister",
    "Deputy foreign minister",
    "Presidential adviser",
    "Head of delegation",
    "Special envoy",
    "Defence minister",
    "Spokesperson",
];

const PARTY_STEMS: &[&str] = &[
    "Ardania", "Borvia", "Calistan", "Dravonia", "Estmark", "Fellaria", "Gorvat", "Halvoria",
    "Istrava", "Jorundia", "Kalvaria", "Lutania", "Morvek", "Norrland", "Ostravia", "Pelaria",
    "Quarnia", "Łużyca", "Sarmatia", "Tarvenia", "Ulmeria", "Valdoria", "Westeria", "Zemlia",
    "Öresia", "Çaydia",
];

const PARTY_FORMS: &[&str] = &[
    "Republic of ",
    "Federation of ",
    "Kingdom of ",
    "United Provinces of ",
    "Free State of ",
];

const TOPICS: &[&str] = &[
    "Ceasefire",
    "Humanitarian corridors",
    "Prisoner exchange",
    "Security guarantees",
    "Neutrality",
    "Border demarcation",
    "Grain exports",
    "Sanctions relief",
    "Nuclear plant safety",
    "Troop withdrawal",
    "Refugee return",
    "Reparations",
    "Elections",
    "Language rights",
    "Monitoring mission",
    "Airspace",
    "Shipping lanes",
    "Energy transit",
    "Amnesty",
    "Constitutional reform",
    "Demilitarised zone",
    "Missing persons",
    "Reconstruction fund",
    "Water rights",
    "Rail links",
    "Cultural heritage",
    "Mine clearance",
    "Détente",
    "Detainee access",
    "Ports",
];

const ASPECTS: &[&str] = &[
    "timetable",
    "verification",
    "funding",
    "scope",
    "sequencing",
    "guarantees",
    "monitoring",
    "implementation",
];

const TAGS: &[&str] = &[
    "military",
    "humanitarian",
    "economic",
    "political",
    "legal",
    "territorial",
];

const PUBLISHERS: &[&str] = &[
    "Anadolu Wire",
    "Nordic Press Agency",
    "Le Courrier diplomatique",
    "Baltic News Service",
    "Ödemiş Gazette",
    "Adriatic News Service",
    "Danube Daily",
    "Central Desk",
    "Gazeta Łódzka",
];

const HEADLINE_VERBS: &[&str] = &[
    "clash over",
    "make progress on",
    "trade proposals on",
    "resume talks on",
    "stall on",
    "edge closer on",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const ROLES: &[&str] = &["Principal", "Mediator", "Guarantor", "ThirdParty"];
const STATUSES: &[&str] = &["Open", "Contested", "Converging", "Agreed", "Deferred"];
/// Stance values and how a summary starts for each.
const STANCES: &[(&str, &str)] = &[
    ("Demands", "Demands"),
    ("Proposes", "Proposes"),
    ("Offers", "Offers"),
    ("Supports", "Supports"),
    ("Accepts", "Accepts"),
    ("Skeptical", "Doubts"),
    ("Opposes", "Opposes"),
    ("Rejects", "Rejects"),
    ("RedLine", "Will not give up on"),
    ("Unclear", "Is vague about"),
];
const LINK_KINDS: &[&str] = &["ConditionalOn", "InExchangeFor"];

/// "a" or "an" before `word`.
fn article(word: &str) -> &'static str {
    match word.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

// ------------------------------------------------------------------- model

struct Party {
    name: String,
    role: &'static str,
    aliases: Vec<String>,
}

struct Person {
    name: String,
    party: usize,
    title: &'static str,
}

struct Issue {
    title: String,
    summary: Option<String>,
    status: &'static str,
    tags: Vec<&'static str>,
    parent: Option<usize>,
}

/// Who said a quote.
#[derive(Clone, Copy)]
enum Speaker {
    Party(usize),
    Person(usize),
}

struct Quote {
    text: String,
    speaker: Speaker,
    issues: Vec<usize>,
}

struct Position {
    party: usize,
    issue: usize,
    stance: usize,
    date: String,
    by: Option<usize>,
    summary: String,
    quotes: Vec<usize>,
    link: Option<(&'static str, usize)>,
}

struct Source {
    title: String,
    publisher: &'static str,
    day: i64,
}

struct Event {
    day: i64,
    title: String,
    summary: String,
    parties: Vec<usize>,
    sources: Vec<usize>,
}

/// (year, month, day) of a day count since 1970-01-01.
fn civil(days: i64) -> (i64, usize, usize) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m as usize, d as usize)
}

fn iso(days: i64) -> String {
    let (y, m, d) = civil(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// 2022-01-10.
const FIRST_DAY: i64 = 19_002;
/// Sources are spread over this many days.
const SPAN_DAYS: i64 = 1_000;

struct Gen {
    rng: Rng,
    parties: Vec<Party>,
    people: Vec<Person>,
    issues: Vec<Issue>,
}

impl Gen {
    fn noun(&mut self) -> &'static str {
        self.rng.pick(NOUNS)
    }
    fn adj(&mut self) -> &'static str {
        self.rng.pick(ADJECTIVES)
    }
    fn group(&mut self) -> &'static str {
        self.rng.pick(GROUPS)
    }
    fn place(&mut self) -> &'static str {
        self.rng.pick(PLACES)
    }
    fn name(&mut self) -> String {
        let k = self.rng.below(self.people.len());
        self.people[k].name.clone()
    }
    fn party_name(&mut self) -> String {
        let k = self.rng.below(self.parties.len());
        self.parties[k].name.clone()
    }

    /// The first clause of a quote, carrying the quote's unique number.
    fn opening(&mut self, n: usize) -> String {
        let (noun, adj, place, group) = (self.noun(), self.adj(), self.place(), self.group());
        match self.rng.below(12) {
            0 => {
                format!("We are ready to pull {n} troops back from {place} if the {noun} is {adj}")
            }
            1 => format!(
                "Our delegation will not sign any {noun} that leaves {n} families in {place} without protection"
            ),
            2 => format!("The {noun} has to cover all {n} kilometres of the line near {place}"),
            3 => format!("Article {n} of the draft on the {noun} is {adj} for us"),
            4 => format!(
                "There can be no {noun} until the {n} detainees held in {place} are released"
            ),
            5 => format!(
                "We proposed {n} observers for the {noun}, and the {group} agreed to study it"
            ),
            6 => format!(
                "Checkpoint {n} near {place} must reopen before anyone talks about {} {adj} {noun}",
                article(adj)
            ),
            7 => format!(
                "The army will stay {n} metres from the river at {place} while the {noun} is discussed"
            ),
            8 => format!("In round {n} the {group} said the {noun} was {adj}"),
            9 => format!("We counted {n} violations of the {noun} around {place} last week alone"),
            10 => {
                let name = self.name();
                format!(
                    "{name} told us that {n} trucks of aid are waiting at {place} for the {noun}"
                )
            }
            _ => format!("The {group} said the {noun} would need {n} days to take effect"),
        }
    }

    /// A clause that continues a quote.
    fn continuation(&mut self) -> String {
        let (noun, adj, place, group) = (self.noun(), self.adj(), self.place(), self.group());
        let noun2 = self.noun();
        match self.rng.below(11) {
            0 => format!(", and the {noun} has to be {adj}"),
            1 => {
                let name = self.name();
                format!(", but {name} made it clear that the {noun} remains {adj}")
            }
            2 => format!("; the {group} said the {noun} in {place} was {adj}"),
            3 => format!(", because the {noun} agreed in {place} was never {adj}"),
            4 => format!(
                " - and we don't expect {} {adj} {noun} before the {noun2} is settled",
                article(adj)
            ),
            5 => format!(", although our partners in {place} say the {noun} is {adj}"),
            6 => format!(", so the {noun} cannot wait for the {noun2}"),
            7 => format!(" as long as the {noun} remains {adj}"),
            8 => format!(
                "; nobody in {place} believes the army will respect {} {adj} {noun}",
                article(adj)
            ),
            9 => {
                let p = self.rng.pick(PARTICIPLES);
                format!(", and that's why the {noun} must be {p} by the {group}")
            }
            _ => {
                let party = self.party_name();
                format!(", which the {group} from {party} described as {adj}")
            }
        }
    }

    fn tail(&mut self) -> String {
        match self.rng.below(5) {
            0 => " this week".into(),
            1 => format!(" in {}", self.place()),
            2 => " for now".into(),
            3 => " at the next round".into(),
            _ => " without delay".into(),
        }
    }

    /// A quote of 150–260 bytes (about 210 on average), unique through `n`.
    fn quote_text(&mut self, n: usize) -> String {
        const MIN: usize = 150;
        const MAX: usize = 260;
        let target = self.rng.between(130, 235);
        let mut s = self.opening(n);
        while s.len() < target {
            let c = self.continuation();
            if s.len() + c.len() > MAX {
                break;
            }
            s.push_str(&c);
        }
        while s.len() < MIN {
            let t = self.tail();
            if s.len() + t.len() > MAX {
                break;
            }
            s.push_str(&t);
        }
        s
    }

    /// A sentence of reporting between quotes; it has no digits, so it
    /// cannot repeat a quote.
    fn filler(&mut self) -> String {
        let (noun, adj, place, group) = (self.noun(), self.adj(), self.place(), self.group());
        match self.rng.below(8) {
            0 => format!("Talks resumed behind closed doors at a hotel in {place}."),
            1 => {
                let party = self.party_name();
                format!("Officials from {party} declined to comment on the {noun}.")
            }
            2 => format!("The {group} did not say when the next round would begin."),
            3 => format!("Diplomats described the atmosphere in {place} as {adj} but tense."),
            4 => {
                let p = self.rng.pick(PUBLISHERS);
                format!("A draft of the {noun} seen by {p} runs to several pages.")
            }
            5 => {
                let party = self.party_name();
                format!("{party} has long opposed any {noun} that it sees as {adj}.")
            }
            6 => format!("Earlier, the {group} met for more than four hours in {place}."),
            _ => format!("The {noun} was first raised at a meeting in {place} last spring."),
        }
    }

    fn speaker_phrase(&self, s: Speaker) -> String {
        match s {
            Speaker::Person(k) => {
                let p = &self.people[k];
                format!("{} {}", lower_first(p.title), p.name)
            }
            Speaker::Party(k) => format!("the {} delegation", self.parties[k].name),
        }
    }

    fn position_summary(&mut self, stance: usize, issue: usize) -> String {
        let lead = STANCES[stance].1;
        let (noun, adj) = (self.noun(), self.adj());
        let topic = lower_first(&self.issues[issue].title);
        let rest = match self.rng.below(4) {
            0 => format!(" in {}", self.place()),
            1 => format!(" until the {} is settled", self.noun()),
            2 => format!(" as proposed by the {}", self.group()),
            _ => String::new(),
        };
        format!("{lead} {} {adj} {noun} on {topic}{rest}.", article(adj))
    }
}

fn build_parties(rng: &mut Rng, n: usize) -> Vec<Party> {
    (0..n)
        .map(|k| {
            let stem = PARTY_STEMS[k % PARTY_STEMS.len()];
            let round = k / PARTY_STEMS.len();
            let name = match round {
                0 => stem.to_string(),
                r if r <= PARTY_FORMS.len() => format!("{}{stem}", PARTY_FORMS[r - 1]),
                r => format!("{}{stem} {r}", PARTY_FORMS[r % PARTY_FORMS.len()]),
            };
            let role = match k {
                0 | 1 => "Principal",
                2 => "Mediator",
                3 => "Guarantor",
                _ => rng.pick(ROLES),
            };
            let aliases = if round > 0 || rng.chance(30) {
                vec![format!("the {stem} side")]
            } else {
                Vec::new()
            };
            Party {
                name,
                role,
                aliases,
            }
        })
        .collect()
}

fn build_people(rng: &mut Rng, parties: usize) -> Vec<Person> {
    (0..2 * parties)
        .map(|k| {
            let name = match PINNED_PEOPLE.get(k) {
                Some(n) => n.to_string(),
                None => {
                    let c = k - PINNED_PEOPLE.len();
                    let first = FIRST_NAMES[c % FIRST_NAMES.len()];
                    let last = LAST_NAMES[(c / FIRST_NAMES.len() + c) % LAST_NAMES.len()];
                    format!("{first} {last}")
                }
            };
            Person {
                name,
                party: k / 2,
                title: rng.pick(PERSON_TITLES),
            }
        })
        .collect()
}

fn build_issues(rng: &mut Rng, n: usize) -> Vec<Issue> {
    let roots = (n / 4).max(4).min(n);
    let mut issues: Vec<Issue> = Vec::with_capacity(n);
    // The root each issue descends from, for its title.
    let mut root_of = Vec::with_capacity(n);
    for i in 0..n {
        let parent = (i >= roots).then(|| rng.below(i));
        let root = parent.map_or(i, |p| root_of[p]);
        root_of.push(root);
        let topic = TOPICS[root % TOPICS.len()];
        let title = match parent {
            None if i < TOPICS.len() => topic.to_string(),
            None => format!("{topic} ({})", PLACES[(i / TOPICS.len()) % PLACES.len()]),
            Some(_) => format!(
                "{topic}: {} ({})",
                rng.pick(ASPECTS),
                PLACES[rng.below(PLACES.len())]
            ),
        };
        let summary = rng.chance(60).then(|| {
            format!(
                "Whether and how the {} is {}, and by whom.",
                rng.pick(NOUNS),
                rng.pick(PARTICIPLES)
            )
        });
        let mut tags = vec![rng.pick(TAGS)];
        if rng.chance(30) {
            let t = rng.pick(TAGS);
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        issues.push(Issue {
            title,
            summary,
            status: rng.pick(STATUSES),
            tags,
            parent,
        });
    }
    issues
}

// ------------------------------------------------------------------ output

/// A RON string literal.
fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

fn id_list(prefix: &str, ids: &[usize]) -> String {
    let items: Vec<String> = ids.iter().map(|i| lit(&format!("{prefix}-{i}"))).collect();
    format!("[{}]", items.join(", "))
}

fn speaker_id(s: Speaker) -> String {
    match s {
        Speaker::Party(k) => format!("party-{k}"),
        Speaker::Person(k) => format!("person-{k}"),
    }
}

fn source_path(s: usize) -> String {
    format!("sources/src-{s:05}.txt")
}

/// Greedy wrap at `width` bytes, breaking only at single spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    let mut line = 0;
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            if line + 1 + word.len() > width {
                out.push('\n');
                line = 0;
            } else {
                out.push(' ');
                line += 1;
            }
        }
        out.push_str(word);
        line += word.len();
    }
    out
}

/// How a quote is written in a source: curly apostrophes and en dashes,
/// which anchoring folds back to what the dataset writes.
fn typographic(s: &str) -> String {
    s.replace(" - ", " – ").replace('\'', "’")
}

/// Writes a dataset of `quotes` quotes to `out/dataset.ron` and
/// `out/sources/`. Deterministic in `quotes` and `seed`.
pub fn generate(quotes: usize, seed: u64, out: &Path) -> io::Result<Summary> {
    let mut rng = Rng::new(seed);
    let n_parties = (quotes / 2000).max(8);
    let n_issues = (quotes / 500).max(12);
    let n_sources = quotes.div_ceil(QUOTES_PER_SOURCE).max(1);
    let n_events = (quotes / 5000).max(4);

    let parties = build_parties(&mut rng, n_parties);
    let people = build_people(&mut rng, n_parties);
    let issues = build_issues(&mut rng, n_issues);
    let mut g = Gen {
        rng,
        parties,
        people,
        issues,
    };

    let sources: Vec<Source> = (0..n_sources)
        .map(|s| {
            let a = g.rng.below(n_parties);
            let b = (a + 1 + g.rng.below(n_parties - 1)) % n_parties;
            let (a, b) = (g.parties[a].name.clone(), g.parties[b].name.clone());
            let verb = g.rng.pick(HEADLINE_VERBS);
            let noun = g.noun();
            let place = g.place();
            Source {
                title: format!("{a} and {b} {verb} the {noun} in {place}"),
                publisher: g.rng.pick(PUBLISHERS),
                day: FIRST_DAY + s as i64 * SPAN_DAYS / n_sources as i64,
            }
        })
        .collect();

    // Positions, each with the 1–3 quotes behind it, until there are
    // enough quotes: every quote is cited, every issue and party holds at
    // least one position (given enough quotes).
    let mut qs: Vec<Quote> = Vec::with_capacity(quotes);
    let mut positions: Vec<Position> = Vec::with_capacity(quotes / 2 + 1);
    while qs.len() < quotes {
        let j = positions.len();
        let party = if j < n_parties {
            j
        } else {
            g.rng.below(n_parties)
        };
        let issue = if j < n_issues {
            j
        } else {
            g.rng.below(n_issues)
        };
        let stance = g.rng.below(STANCES.len());
        let members = [2 * party, 2 * party + 1];
        let by = g.rng.chance(60).then(|| g.rng.pick(&members));
        let first = qs.len();
        let k = g.rng.between(1, 3).min(quotes - first);
        let mut cited: Vec<usize> = Vec::with_capacity(3);
        for _ in 0..k {
            let i = qs.len();
            let speaker = match by {
                Some(p) if g.rng.chance(70) => Speaker::Person(p),
                _ if g.rng.chance(50) => Speaker::Person(g.rng.pick(&members)),
                _ => Speaker::Party(party),
            };
            let mut quote_issues = vec![issue];
            if g.rng.chance(15) {
                let other = g.rng.below(n_issues);
                if other != issue {
                    quote_issues.push(other);
                }
            }
            // 12 + i: unique per quote, and never a lone "1".
            let text = g.quote_text(12 + i);
            qs.push(Quote {
                text,
                speaker,
                issues: quote_issues,
            });
            cited.push(i);
        }
        // Sometimes a position also rests on an earlier quote.
        if k < 3 && first > 0 && g.rng.chance(10) {
            cited.push(g.rng.below(first));
        }
        let date = iso(sources[first / QUOTES_PER_SOURCE].day);
        let summary = g.position_summary(stance, issue);
        let link = (n_issues > 1 && g.rng.chance(15)).then(|| {
            let other = (issue + 1 + g.rng.below(n_issues - 1)) % n_issues;
            (g.rng.pick(LINK_KINDS), other)
        });
        positions.push(Position {
            party,
            issue,
            stance,
            date,
            by,
            summary,
            quotes: cited,
            link,
        });
    }

    let events: Vec<Event> = (0..n_events)
        .map(|e| {
            let si = e * n_sources / n_events;
            let a = g.rng.below(n_parties);
            let b = (a + 1 + g.rng.below(n_parties - 1)) % n_parties;
            let mut parties = vec![a, b];
            if g.rng.chance(50) {
                let m = 2 + g.rng.below(n_parties - 2);
                if !parties.contains(&m) {
                    parties.push(m);
                }
            }
            let mut srcs = vec![si];
            if si + 1 < n_sources && g.rng.chance(50) {
                srcs.push(si + 1);
            }
            let place = g.place();
            Event {
                day: sources[si].day,
                title: format!("Round {} of talks in {place}", e + 1),
                summary: g.filler(),
                parties,
                sources: srcs,
            }
        })
        .collect();

    // Source texts: each quote framed as reported speech, with reporting
    // around it, wrapped at 78 columns.
    fs::create_dir_all(out.join("sources"))?;
    let mut source_bytes = 0;
    for (s, src) in sources.iter().enumerate() {
        let (y, m, d) = civil(src.day);
        let place = g.place();
        let opening = g.filler();
        let mut paragraphs = vec![wrap(
            &format!(
                "{}, {d} {} {y} – {opening}",
                place.to_uppercase(),
                MONTHS[m - 1]
            ),
            78,
        )];
        let end = ((s + 1) * QUOTES_PER_SOURCE).min(qs.len());
        for q in &qs[(s * QUOTES_PER_SOURCE).min(end)..end] {
            let said = typographic(&q.text);
            let who = g.speaker_phrase(q.speaker);
            let mut p = String::new();
            if g.rng.chance(30) {
                p.push_str(&g.filler());
                p.push(' ');
            }
            let place = g.place();
            let noun = g.noun();
            p.push_str(&match g.rng.below(4) {
                0 => {
                    let who = upper_first(&who);
                    format!("{who} said: “{said}.”")
                }
                1 => format!("“{said},” {who} told reporters in {place}."),
                2 => {
                    let who = upper_first(&who);
                    format!("{who} told {}: “{said}.”", src.publisher)
                }
                _ => format!("Asked about the {noun}, {who} replied: “{said}.”"),
            });
            if g.rng.chance(30) {
                p.push(' ');
                p.push_str(&g.filler());
            }
            paragraphs.push(wrap(&p, 78));
        }
        let mut text = paragraphs.join("\n\n");
        text.push('\n');
        source_bytes += text.len();
        fs::write(out.join(source_path(s)), text)?;
    }

    let ron = write_ron(quotes, seed, &g, &sources, &qs, &positions, &events);
    fs::write(out.join("dataset.ron"), &ron)?;
    Ok(Summary {
        out: out.to_path_buf(),
        quotes: qs.len(),
        quote_bytes: qs.iter().map(|q| q.text.len()).sum(),
        parties: g.parties.len(),
        people: g.people.len(),
        issues: g.issues.len(),
        sources: sources.len(),
        source_bytes,
        positions: positions.len(),
        events: events.len(),
        dataset_bytes: ron.len(),
    })
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn write_ron(
    quotes: usize,
    seed: u64,
    g: &Gen,
    sources: &[Source],
    qs: &[Quote],
    positions: &[Position],
    events: &[Event],
) -> String {
    let mut o = String::with_capacity(qs.len() * 400 + positions.len() * 300 + 4096);
    o += &format!(
        "// Generated by `cargo run --example synth -- --quotes {quotes} --seed {seed}`.\n\
         Dataset(\n    format: 1,\n    id: {},\n    title: {},\n    description: {},\n",
        lit(&format!("synth-{quotes}-{seed}")),
        lit(&format!("Synthetic talks ({quotes} quotes, seed {seed})")),
        lit("Generated test data: invented parties and places, realistic volumes."),
    );

    o += "    sources: [\n";
    for (s, src) in sources.iter().enumerate() {
        let date = iso(src.day);
        o += &format!(
            "        Source(id: \"src-{s}\", title: {}, publisher: {}, published: \"{date}\", language: \"en\", url: \"https://news.example.org/{}/src-{s}\", path: {}),\n",
            lit(&src.title),
            lit(src.publisher),
            &date[..4],
            lit(&source_path(s)),
        );
    }
    o += "    ],\n    parties: [\n";
    for (k, p) in g.parties.iter().enumerate() {
        let aliases = if p.aliases.is_empty() {
            String::new()
        } else {
            let a: Vec<String> = p.aliases.iter().map(|a| lit(a)).collect();
            format!(", aliases: [{}]", a.join(", "))
        };
        o += &format!(
            "        Party(id: \"party-{k}\", name: {}, role: {}{aliases}),\n",
            lit(&p.name),
            p.role
        );
    }
    o += "    ],\n    people: [\n";
    for (k, p) in g.people.iter().enumerate() {
        o += &format!(
            "        Person(id: \"person-{k}\", name: {}, party: \"party-{}\", title: {}),\n",
            lit(&p.name),
            p.party,
            lit(p.title)
        );
    }
    o += "    ],\n    issues: [\n";
    for (i, issue) in g.issues.iter().enumerate() {
        o += &format!(
            "        Issue(id: \"issue-{i}\", title: {}, status: {}",
            lit(&issue.title),
            issue.status
        );
        if let Some(s) = &issue.summary {
            o += &format!(", summary: {}", lit(s));
        }
        let tags: Vec<String> = issue.tags.iter().map(|t| lit(t)).collect();
        o += &format!(", tags: [{}]", tags.join(", "));
        if let Some(p) = issue.parent {
            o += &format!(", parent: \"issue-{p}\"");
        }
        o += "),\n";
    }
    o += "    ],\n    quotes: [\n";
    for (i, q) in qs.iter().enumerate() {
        o += &format!(
            "        Quote(id: \"q-{i}\", source: \"src-{}\", text: {}, speaker: \"{}\", issues: {}),\n",
            i / QUOTES_PER_SOURCE,
            lit(&q.text),
            speaker_id(q.speaker),
            id_list("issue", &q.issues),
        );
    }
    o += "    ],\n    positions: [\n";
    for (j, p) in positions.iter().enumerate() {
        o += &format!(
            "        Position(id: \"pos-{j}\", party: \"party-{}\", issue: \"issue-{}\", stance: {}, date: \"{}\"",
            p.party, p.issue, STANCES[p.stance].0, p.date
        );
        if let Some(by) = p.by {
            o += &format!(", by: \"person-{by}\"");
        }
        o += &format!(
            ", summary: {}, quotes: {}",
            lit(&p.summary),
            id_list("q", &p.quotes)
        );
        if let Some((kind, issue)) = p.link {
            o += &format!(", links: [Link(kind: {kind}, issue: \"issue-{issue}\")]");
        }
        o += "),\n";
    }
    o += "    ],\n    events: [\n";
    for (e, ev) in events.iter().enumerate() {
        o += &format!(
            "        Event(id: \"event-{e}\", date: \"{}\", title: {}, summary: {}, parties: {}, sources: {}),\n",
            iso(ev.day),
            lit(&ev.title),
            lit(&ev.summary),
            id_list("party", &ev.parties),
            id_list("src", &ev.sources),
        );
    }
    o += "    ],\n)\n";
    o
}
