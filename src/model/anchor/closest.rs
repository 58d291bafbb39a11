//! The passage of a source most like a quote that is not in it.
//!
//! The passage is where the longest prefix or suffix of the quote occurs.
//! Finding that longest prefix by binary search took about a dozen scans
//! of the source per missing quote, so a source with thousands of mistyped
//! quotes cost thousands of scans. Here all the missing quotes of a source
//! go into one trie with Aho-Corasick failure links: one pass over the
//! source tells, for every prefix of every quote, whether and where it
//! first occurs. A second trie of the reversed quotes does the same for
//! suffixes over the reversed source.

use super::Folded;
use std::ops::Range;

/// Fewer matching characters than this is no likeness at all.
const MIN_CHARS: usize = 8;

/// For each piece (folded), the passage of the source most like it: where
/// its longest prefix or suffix first occurs, stretched to the piece's
/// length and widened to whole words, as original byte ranges. `None` when
/// not even a few characters match.
pub fn closest_all(folded: &Folded, pieces: &[&str]) -> Vec<Option<Range<usize>>> {
    if pieces.is_empty() {
        return Vec::new();
    }
    let text = folded.text().as_bytes();
    let forward = Trie::new(pieces.iter().map(|p| p.as_bytes().to_vec()).collect());
    let first_end = forward.first_ends(text.iter().copied());
    let backward = Trie::new(
        pieces
            .iter()
            .map(|p| p.bytes().rev().collect::<Vec<u8>>())
            .collect(),
    );
    let last_end = backward.last_ends(text.iter().rev().copied());
    pieces
        .iter()
        .map(|piece| {
            let prefix = longest_prefix(&forward, &first_end, piece);
            let suffix = longest_suffix(&backward, &last_end, piece, text.len());
            let (chars, range) = if prefix.0 >= suffix.0 {
                (prefix.0, prefix.1.map(|at| at..at + piece.len()))
            } else {
                (
                    suffix.0,
                    suffix.1.map(|end| end.saturating_sub(piece.len())..end),
                )
            };
            if chars < MIN_CHARS {
                return None;
            }
            range.map(|r| folded.original(whole_words(folded.text(), r)))
        })
        .collect()
}

/// The most characters of `piece`'s start that occur, and where their first
/// occurrence starts.
fn longest_prefix(trie: &Trie, first_end: &[usize], piece: &str) -> (usize, Option<usize>) {
    let mut best = (0, None);
    let mut node = ROOT;
    let mut chars = 0;
    for (i, b) in piece.bytes().enumerate() {
        let Some(next) = trie.child(node, b) else {
            break;
        };
        node = next;
        let len = i + 1;
        if !piece.is_char_boundary(len) {
            continue;
        }
        chars += 1;
        match first_end[node as usize] {
            NEVER => break,
            end => best = (chars, Some(end - len)),
        }
    }
    best
}

/// The most characters of `piece`'s end that occur, and where their first
/// occurrence ends. `last_end` holds, per node of the reversed trie, the
/// last end in the reversed text: the first occurrence in the text.
fn longest_suffix(
    trie: &Trie,
    last_end: &[usize],
    piece: &str,
    text_len: usize,
) -> (usize, Option<usize>) {
    let mut best = (0, None);
    let mut node = ROOT;
    let mut chars = 0;
    for (i, b) in piece.bytes().rev().enumerate() {
        let Some(next) = trie.child(node, b) else {
            break;
        };
        node = next;
        let len = i + 1;
        if !piece.is_char_boundary(piece.len() - len) {
            continue;
        }
        chars += 1;
        match last_end[node as usize] {
            0 => break,
            end => best = (chars, Some(text_len - end + len)),
        }
    }
    best
}

/// Stretching by length can cut a word; widens `range` of `text` to whole
/// words.
fn whole_words(text: &str, range: Range<usize>) -> Range<usize> {
    let mut end = range.end.min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut start = range.start.min(end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    start = text[..start].rfind(' ').map_or(0, |i| i + 1);
    end += text[end..].find(' ').unwrap_or(text.len() - end);
    start..end
}

const ROOT: u32 = 0;
const NEVER: usize = usize::MAX;

/// A byte trie of keys with Aho-Corasick failure links. Each node is a
/// prefix of some key.
struct Trie {
    /// Children of node `n` are `edge_bytes[edges_at[n]..edges_at[n + 1]]`
    /// (sorted) leading to the nodes in `edge_to` at the same places.
    edges_at: Vec<usize>,
    edge_bytes: Vec<u8>,
    edge_to: Vec<u32>,
    /// The root's children by byte, since the scan asks the root most.
    root: Box<[u32; 256]>,
    /// The node of the longest proper suffix that is also a node.
    fail: Vec<u32>,
    /// Nodes by increasing depth, root excluded.
    by_depth: Vec<u32>,
}

impl Trie {
    fn new(mut keys: Vec<Vec<u8>>) -> Trie {
        keys.sort_unstable();
        keys.dedup();
        // Sorted keys share their common prefixes with their neighbours, so
        // each node is created once, and a node's children in byte order.
        let mut parent = vec![ROOT];
        let mut byte = vec![0u8];
        let mut depth = vec![0usize];
        let mut path = vec![ROOT];
        let mut prev: &[u8] = &[];
        for key in &keys {
            let common = key.iter().zip(prev).take_while(|(a, b)| a == b).count();
            path.truncate(common + 1);
            for (d, &b) in key.iter().enumerate().skip(common) {
                let id = parent.len() as u32;
                parent.push(path[d]);
                byte.push(b);
                depth.push(d + 1);
                path.push(id);
            }
            prev = key;
        }
        let n = parent.len();
        let mut edges_at = vec![0usize; n + 1];
        for &p in &parent[1..] {
            edges_at[p as usize + 1] += 1;
        }
        for i in 0..n {
            edges_at[i + 1] += edges_at[i];
        }
        let mut fill = edges_at.clone();
        let mut edge_bytes = vec![0u8; n.saturating_sub(1)];
        let mut edge_to = vec![ROOT; n.saturating_sub(1)];
        let mut root = Box::new([ROOT; 256]);
        for v in 1..n {
            let p = parent[v] as usize;
            edge_bytes[fill[p]] = byte[v];
            edge_to[fill[p]] = v as u32;
            fill[p] += 1;
            if p == ROOT as usize {
                root[byte[v] as usize] = v as u32;
            }
        }
        let mut by_depth: Vec<u32> = (1..n as u32).collect();
        by_depth.sort_by_key(|&v| depth[v as usize]);
        let mut trie = Trie {
            edges_at,
            edge_bytes,
            edge_to,
            root,
            fail: vec![ROOT; n],
            by_depth,
        };
        for i in 0..trie.by_depth.len() {
            let v = trie.by_depth[i] as usize;
            let p = parent[v];
            if p == ROOT {
                continue;
            }
            // Shallower nodes already have their links.
            trie.fail[v] = trie.step(trie.fail[p as usize], byte[v]);
        }
        trie
    }

    fn child(&self, node: u32, b: u8) -> Option<u32> {
        if node == ROOT {
            return Some(self.root[b as usize]).filter(|&c| c != ROOT);
        }
        let edges = self.edges_at[node as usize]..self.edges_at[node as usize + 1];
        let bytes = &self.edge_bytes[edges.clone()];
        bytes
            .binary_search(&b)
            .ok()
            .map(|i| self.edge_to[edges.start + i])
    }

    /// The node after reading `b` in `node`: the longest key prefix that is
    /// a suffix of what was read.
    fn step(&self, mut node: u32, b: u8) -> u32 {
        loop {
            if let Some(c) = self.child(node, b) {
                return c;
            }
            if node == ROOT {
                return ROOT;
            }
            node = self.fail[node as usize];
        }
    }

    /// Per node, the end of the first occurrence of its prefix in `text`,
    /// or [`NEVER`].
    fn first_ends(&self, text: impl Iterator<Item = u8>) -> Vec<usize> {
        let mut ends = vec![NEVER; self.fail.len()];
        let mut node = ROOT;
        for (i, b) in text.enumerate() {
            node = self.step(node, b);
            let e = &mut ends[node as usize];
            *e = (*e).min(i + 1);
        }
        // A node's prefix also ends wherever a node it is a suffix of ends;
        // deeper nodes first, so each value is final before it is passed on.
        for &v in self.by_depth.iter().rev() {
            let f = self.fail[v as usize] as usize;
            ends[f] = ends[f].min(ends[v as usize]);
        }
        ends
    }

    /// Per node, the end of the last occurrence of its prefix in `text`, or
    /// 0 when it does not occur.
    fn last_ends(&self, text: impl Iterator<Item = u8>) -> Vec<usize> {
        let mut ends = vec![0; self.fail.len()];
        let mut node = ROOT;
        for (i, b) in text.enumerate() {
            node = self.step(node, b);
            ends[node as usize] = i + 1;
        }
        for &v in self.by_depth.iter().rev() {
            let f = self.fail[v as usize] as usize;
            ends[f] = ends[f].max(ends[v as usize]);
        }
        ends
    }
}
