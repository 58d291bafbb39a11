//! Lists of items, one list per item of another kind, kept in one vector.

use rayon::prelude::*;
use std::marker::PhantomData;
use std::ops::Index;

/// One list of `V` for each key `K`, all in one vector. A dataset of
/// 100,000 quotes had a vector per quote for the positions citing it:
/// 100,000 allocations on every load, and fresh pages to fault in, while
/// the browser waited for its first frame.
#[derive(Debug, Clone)]
pub struct Groups<K, V> {
    /// Where each key's list starts in `values`, then where the last ends.
    starts: Vec<usize>,
    values: Vec<V>,
    key: PhantomData<fn(K) -> K>,
}

impl<K, V> Default for Groups<K, V> {
    fn default() -> Self {
        Groups {
            starts: vec![0],
            values: Vec::new(),
            key: PhantomData,
        }
    }
}

impl<K: Into<usize>, V> Index<K> for Groups<K, V> {
    type Output = [V];

    fn index(&self, key: K) -> &[V] {
        let k = key.into();
        &self.values[self.starts[k]..self.starts[k + 1]]
    }
}

impl<K, V> Groups<K, V> {
    /// How many keys there are.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every key's list, in key order.
    pub fn lists(&self) -> impl Iterator<Item = &[V]> {
        self.starts.windows(2).map(|w| &self.values[w[0]..w[1]])
    }
}

impl<K, V: Send> Groups<K, V> {
    /// The lists of `len` keys, `fill` pushing key `k`'s values, one run of
    /// keys per core.
    pub fn build(len: usize, fill: impl Fn(usize, &mut Vec<V>) + Sync) -> Self {
        let chunk = len.div_ceil(rayon::current_num_threads()).max(4096);
        let parts: Vec<(Vec<usize>, Vec<V>)> = (0..len.div_ceil(chunk))
            .into_par_iter()
            .map(|c| {
                let keys = c * chunk..((c + 1) * chunk).min(len);
                let mut ends = Vec::with_capacity(keys.len());
                let mut values = Vec::new();
                for k in keys {
                    fill(k, &mut values);
                    ends.push(values.len());
                }
                (ends, values)
            })
            .collect();
        let mut starts = Vec::with_capacity(len + 1);
        starts.push(0);
        let mut values = Vec::with_capacity(parts.iter().map(|(_, v)| v.len()).sum());
        for (ends, part) in parts {
            let base = values.len();
            starts.extend(ends.into_iter().map(|e| base + e));
            values.extend(part);
        }
        Groups {
            starts,
            values,
            key: PhantomData,
        }
    }
}

impl<K: From<usize> + Copy, V: Into<usize> + Copy> Groups<K, V> {
    /// For each of `len` values, the keys whose lists hold it, in key
    /// order (a key twice if its list holds the value twice). Values from
    /// `len` on are left out.
    pub fn inverted(&self, len: usize) -> Groups<V, K> {
        let mut starts = vec![0; len + 1];
        for &v in &self.values {
            if let Some(count) = starts.get_mut(v.into() + 1) {
                *count += 1;
            }
        }
        for i in 0..len {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut values = vec![K::from(0); starts[len]];
        for (k, list) in self.lists().enumerate() {
            for &v in list {
                let v = v.into();
                if v < len {
                    values[next[v]] = K::from(k);
                    next[v] += 1;
                }
            }
        }
        Groups {
            starts,
            values,
            key: PhantomData,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_built_in_key_order_across_runs() {
        let g: Groups<usize, usize> = Groups::build(10_000, |k, out| out.extend(0..k % 3));
        assert_eq!(g.len(), 10_000);
        for k in [0, 1, 2, 4095, 4096, 4097, 9_999] {
            assert_eq!(g[k].to_vec(), (0..k % 3).collect::<Vec<_>>(), "key {k}");
        }
    }

    #[test]
    fn inverting_lists_each_value_with_its_keys_in_order() {
        let g: Groups<usize, usize> = Groups::build(4, |k, out| match k {
            0 => out.extend([2, 1]),
            1 => out.extend([2, 2]),
            2 => {}
            _ => out.extend([7, 0]),
        });
        let inv = g.inverted(3);
        assert_eq!(inv.len(), 3);
        assert_eq!(&inv[0], &[3]);
        assert_eq!(&inv[1], &[0]);
        assert_eq!(&inv[2], &[0, 1, 1]);
    }

    #[test]
    fn an_empty_group_has_no_keys() {
        let g: Groups<usize, usize> = Groups::default();
        assert!(g.is_empty());
        assert_eq!(g.inverted(2).lists().count(), 2);
    }
}
