//! The way back from folded text to the original.
//!
//! Folding keeps almost every character as it is, byte for byte. Only a few
//! change length: a typographic quote or dash becomes one ASCII byte, and a
//! run of white space becomes one space. Each of those is an *exception*,
//! one folded byte standing for more original bytes. A folded position maps
//! to itself plus the extra bytes of every exception before it.
//!
//! Storing that sum for every folded byte took eight bytes per byte of
//! text. Here the sum is kept only at the start of each chunk of folded
//! text (16 bytes per 256), and each exception costs two bytes, so the map
//! is a small fraction of the text and a lookup reads one chunk at most.

/// Folded bytes per checkpoint; an exception's place in its chunk fits a u8.
const CHUNK: usize = 256;

#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    /// Extra original bytes of every exception before the chunk.
    extra: usize,
    /// Index of the chunk's first exception.
    first: usize,
}

#[derive(Debug, Clone, Copy)]
struct Exception {
    /// Position in its chunk.
    at: u8,
    /// Original bytes beyond the one folded byte; a larger count is split
    /// over several entries at the same place.
    extra: u8,
}

#[derive(Debug, Clone, Default)]
pub(super) struct FoldMap {
    chunks: Vec<Checkpoint>,
    exceptions: Vec<Exception>,
    extra: usize,
}

impl FoldMap {
    /// Records that the folded byte at `at` stands for `1 + extra` original
    /// bytes. Exceptions must come in increasing order of `at`.
    pub(super) fn exception(&mut self, at: usize, mut extra: usize) {
        if extra == 0 {
            return;
        }
        self.checkpoints_through(at);
        let in_chunk = (at % CHUNK) as u8;
        while extra > 0 {
            let part = extra.min(u8::MAX as usize);
            self.exceptions.push(Exception {
                at: in_chunk,
                extra: part as u8,
            });
            self.extra += part;
            extra -= part;
        }
    }

    /// Closes the map for a folded text of `len` bytes.
    pub(super) fn finish(&mut self, len: usize) {
        self.checkpoints_through(len);
        self.chunks.shrink_to_fit();
        self.exceptions.shrink_to_fit();
    }

    /// Adds the checkpoints of every chunk that starts at or before `at`;
    /// all exceptions before `at` are recorded by then, none after it.
    fn checkpoints_through(&mut self, at: usize) {
        while self.chunks.len() * CHUNK <= at {
            self.chunks.push(Checkpoint {
                extra: self.extra,
                first: self.exceptions.len(),
            });
        }
    }

    /// The original position of folded position `at`, which must be at most
    /// the length given to [`FoldMap::finish`].
    pub(super) fn original(&self, at: usize) -> usize {
        let chunk = at / CHUNK;
        let Some(cp) = self.chunks.get(chunk) else {
            return at + self.extra;
        };
        let end = self
            .chunks
            .get(chunk + 1)
            .map_or(self.exceptions.len(), |next| next.first);
        let in_chunk = at % CHUNK;
        let before: usize = self.exceptions[cp.first..end]
            .iter()
            .take_while(|e| (e.at as usize) < in_chunk)
            .map(|e| e.extra as usize)
            .sum();
        at + cp.extra + before
    }

    /// Heap bytes held, for tests of the memory bound.
    #[cfg(test)]
    pub(super) fn heap_bytes(&self) -> usize {
        self.chunks.capacity() * std::mem::size_of::<Checkpoint>()
            + self.exceptions.capacity() * std::mem::size_of::<Exception>()
    }
}
