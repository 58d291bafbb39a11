//! How far a load has got, for a loading screen. Loading reports through
//! a plain callback so the model stays free of threads and channels: the
//! browser's loader thread passes one that stores the latest report in an
//! atomic, everything else passes [`quiet`].

/// A step of loading a dataset, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Reading the dataset file.
    Reading,
    /// Parsing its RON.
    Parsing,
    /// Ids, references and dates.
    Checking,
    /// Reading source files and finding every quote in its source.
    Anchoring,
    /// Cleaning text, resolving references, ordering, fingerprints.
    Preparing,
    /// Building the search index.
    Indexing,
}

impl Phase {
    pub const ALL: [Phase; 6] = [
        Phase::Reading,
        Phase::Parsing,
        Phase::Checking,
        Phase::Anchoring,
        Phase::Preparing,
        Phase::Indexing,
    ];

    /// What a loading screen says.
    pub fn word(self) -> &'static str {
        match self {
            Phase::Reading => "reading",
            Phase::Parsing => "parsing",
            Phase::Checking => "checking references",
            Phase::Anchoring => "anchoring quotes",
            Phase::Preparing => "preparing",
            Phase::Indexing => "indexing for search",
        }
    }

    /// The share of a whole load (in thousandths) before this phase and at
    /// its end, as measured on generated datasets of 10k and 100k quotes
    /// (`benches/load.rs`): parsing and anchoring dominate.
    fn span(self) -> (u32, u32) {
        match self {
            Phase::Reading => (0, 30),
            Phase::Parsing => (30, 450),
            Phase::Checking => (450, 500),
            Phase::Anchoring => (500, 750),
            Phase::Preparing => (750, 850),
            Phase::Indexing => (850, 1000),
        }
    }

    /// A dense number, for packing a report into an atomic.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// One report: the phase, and how much of it is done (bytes or items).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub phase: Phase,
    pub done: u64,
    pub total: u64,
}

impl Progress {
    pub fn new(phase: Phase, done: u64, total: u64) -> Progress {
        Progress { phase, done, total }
    }

    /// A phase beginning.
    pub fn start(phase: Phase) -> Progress {
        Progress::new(phase, 0, 1)
    }

    /// How much of the whole load is done, in thousandths.
    pub fn permille(self) -> u32 {
        let (from, to) = self.phase.span();
        let share = if self.total == 0 {
            0
        } else {
            (u128::from(self.done.min(self.total)) * u128::from(to - from) / u128::from(self.total))
                as u32
        };
        from + share
    }

    /// How much of the whole load is done, in percent.
    pub fn percent(self) -> u32 {
        self.permille() / 10
    }
}

/// Where a load reports its progress. `Sync`, so work split over threads
/// can report from any of them.
pub type Report<'a> = &'a (dyn Fn(Progress) + Sync);

/// Reports to nobody.
pub fn quiet(_: Progress) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_percentage_only_grows_through_the_phases() {
        let mut last = 0;
        for phase in Phase::ALL {
            for done in [0, 1, 5, 10] {
                let p = Progress::new(phase, done, 10).permille();
                assert!(p >= last, "{phase:?} {done}: {p} < {last}");
                last = p;
            }
        }
        assert_eq!(last, 1000);
        assert_eq!(Progress::new(Phase::Anchoring, 3, 0).permille(), 500);
        assert_eq!(Progress::new(Phase::Reading, 9, 3).percent(), 3);
    }
}
