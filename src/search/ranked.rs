//! A hit's place in a search's ranking.

/// A hit's place in the ranking as one number, compared at once: best
/// score first, then the tie-breaks (kind, shorter text, entry order).
/// A tuple of four compared field by field made sorting a fifth of a
/// keystroke that matched most of a dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Ranked(u128);

impl Ranked {
    /// Texts longer than this many characters tie on length.
    const LONGEST: u32 = (1 << 24) - 1;

    pub fn new(score: i64, rank: u8, len: u32, at: u32) -> Ranked {
        // The higher the score, the lower the number.
        let worse = !((score as u64) ^ (1 << 63));
        Ranked(
            (u128::from(worse) << 64)
                | (u128::from(rank) << 56)
                | (u128::from(len.min(Self::LONGEST)) << 32)
                | u128::from(at),
        )
    }

    /// The entry (from the search's base) and its score.
    pub fn hit(self) -> (u32, i64) {
        let score = (!((self.0 >> 64) as u64) ^ (1 << 63)) as i64;
        (self.0 as u32, score)
    }
}

#[cfg(test)]
mod ranked_tests {
    use super::Ranked;

    #[test]
    fn a_packed_rank_orders_as_the_tuple_it_packs() {
        let cases = [
            (i64::MIN, 0, 0, 0),
            (-5, 1, 10, 3),
            (0, 0, 0, 0),
            (1, 2, 5, 9),
            (1, 2, 5, 8),
            (1, 3, 0, 0),
            (1, 2, 6, 0),
            (300, 0, u32::MAX, u32::MAX),
            (i64::MAX, 255, 1, 1),
        ];
        for a in cases {
            let ra = Ranked::new(a.0, a.1, a.2, a.3);
            assert_eq!(ra.hit(), (a.3, a.0), "{a:?} unpacks");
            for b in cases {
                let rb = Ranked::new(b.0, b.1, b.2, b.3);
                let tuple = |x: (i64, u8, u32, u32)| {
                    (std::cmp::Reverse(x.0), x.1, x.2.min(Ranked::LONGEST), x.3)
                };
                assert_eq!(ra.cmp(&rb), tuple(a).cmp(&tuple(b)), "{a:?} against {b:?}");
            }
        }
    }
}
