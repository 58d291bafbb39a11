//! Lists decoded into vectors of exactly their length.
//!
//! serde's own `Vec` reserves at most 1 MiB up front, however long the
//! list says it is, and then doubles: a list of 100,000 positions was
//! copied five times on its way to 26 MB, and every copy touched fresh
//! pages. An entry gives each list's length before its items, so the
//! vector can be made once, the right size. The length is believed only as
//! far as the part's bytes could hold it (an item takes at least a byte),
//! and for no more than [`ROOM_PER_BYTE`] bytes of vector per byte of
//! part: a corrupt length reserves little, and what it reserves is never
//! written to, so never resident.

use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};
use std::cell::Cell;
use std::marker::PhantomData;

thread_local! {
    /// The bytes of the part being decoded on this thread.
    static PART_BYTES: Cell<usize> = const { Cell::new(0) };
}

/// Runs `decode` as the decoder of a part of `bytes` bytes: the most items
/// an [`Exact`] in it reserves room for.
pub fn within<T>(bytes: usize, decode: impl FnOnce() -> T) -> T {
    let before = PART_BYTES.replace(bytes);
    let out = decode();
    PART_BYTES.set(before);
    out
}

/// The most bytes of vector reserved ahead per byte of the part: a sound
/// entry at 100k quotes needs 0.64 for its quotes, 1.55 for its positions
/// (a position takes 248 bytes and about 160 encoded). A part of items
/// smaller than that grows its vector as serde's would.
const ROOM_PER_BYTE: usize = 4;

/// Room for the items of `size` bytes a list claims, as far as the part
/// being decoded could hold them.
fn room(claimed: Option<usize>, size: usize) -> usize {
    let part = PART_BYTES.get();
    claimed
        .unwrap_or(0)
        .min(part)
        .min(part.saturating_mul(ROOM_PER_BYTE) / size.max(1))
}

/// A list, decoded into a vector reserved once for its whole length.
pub struct Exact<T>(pub Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Exact<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Items<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for Items<T> {
            type Value = Vec<T>;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                let mut items = Vec::new();
                // When it cannot be had, the vector grows as it would have.
                let _ = items.try_reserve_exact(room(seq.size_hint(), size_of::<T>()));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(items)
            }
        }

        d.deserialize_seq(Items(PhantomData)).map(Exact)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8], part: usize) -> Option<(Vec<u32>, usize)> {
        within(part, || {
            bincode::serde::decode_from_slice::<Exact<u32>, _>(bytes, bincode::config::standard())
                .ok()
                .map(|(Exact(v), _)| {
                    let cap = v.capacity();
                    (v, cap)
                })
        })
    }

    #[test]
    fn a_list_gets_a_vector_of_its_length() {
        let items: Vec<u32> = (0..100_000).collect();
        let bytes =
            bincode::serde::encode_to_vec(&items, bincode::config::standard()).expect("encodes");
        let (decoded, capacity) = decode(&bytes, bytes.len()).expect("decodes");
        assert_eq!(decoded, items);
        assert_eq!(capacity, items.len());
    }

    #[test]
    fn a_corrupt_length_reserves_no_more_than_the_part_could_hold() {
        // A length of a billion items, and three of them.
        let mut bytes =
            bincode::serde::encode_to_vec(1_000_000_000u64, bincode::config::standard())
                .expect("encodes");
        bytes.extend([1, 2, 3]);
        assert_eq!(decode(&bytes, bytes.len()), None);
        assert_eq!(
            within(bytes.len(), || room(Some(1_000_000_000), 1)),
            bytes.len()
        );
        assert_eq!(within(1000, || room(Some(10), 1)), 10);
        // Items of 248 bytes: room for 4 bytes per byte of the part.
        assert_eq!(within(1000, || room(Some(1000), 248)), 4000 / 248);
        // Outside a part, nothing is reserved ahead.
        assert_eq!(room(Some(10), 1), 0);
    }
}
