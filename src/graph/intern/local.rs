//! A parsing chunk's strings, interned first in a table of the thread's own and published to the shared
//! [`Interner`] in one batch when the chunk is done.
//!
//! The 256 classes of a chunk make ~25k lookups of ~4.4k distinct strings (16.4M and 2.3M shared lookups on the
//! Spark corpus). One at a time, each shared lookup took its shard's lock, then waited for a cache miss into the
//! slot and another into the text, and the lock's atomic operations kept the core from overlapping one lookup's
//! misses with the next one's: ~290 ns apiece, 12% of the build. In a batch, each shard is locked once per chunk and
//! the misses of several lookups are in flight together.

use std::cell::{Ref, RefCell};

use super::{hash, shard_of, Intern, Interner, Shard, Slot, Sym, SHARDS};

/// The strings of the chunk being extracted, with symbols local to this table: [`LocalStrings::publish`] gives
/// each its shared symbol, and everything the chunk holds must be rewritten through that map before the table
/// serves another chunk.
pub struct LocalStrings<'g> {
    global: &'g Interner,
    table: RefCell<Table>,
}

/// The table stays with its thread from chunk to chunk (the next chunk is usually more of the same jar, and its
/// strings already have their shared symbols), until it grows past what a core's L2 holds.
#[derive(Default)]
struct Table {
    strings: Shard,
    /// Each string's full hash: its shard in the shared interner, and its slot there.
    hashes: Vec<u64>,
    /// The shared symbol of each string published so far; strings are appended, so the unpublished ones are those
    /// from `shared.len()` on.
    shared: Vec<Sym>,
    /// Unpublished indexes grouped by shard, reused from batch to batch.
    order: Vec<u32>,
}

thread_local! {
    /// A thread's table between chunks, with the id of the interner its shared symbols belong to.
    static TABLE: std::cell::Cell<Option<(u64, Table)>> = const { std::cell::Cell::new(None) };
}

/// How many lookups a batch keeps in flight: enough to overlap the misses, few enough for the core's buffers.
const IN_FLIGHT: usize = 8;

impl<'g> LocalStrings<'g> {
    /// Strings held before a new chunk starts with an empty table: 12k strings, their 16k slots (at most three
    /// quarters full) and their text stay inside L2.
    const ENTRIES: usize = 12 << 10;
    const SLOTS: usize = Self::ENTRIES * 4 / 3;
    const TEXT: usize = 512 << 10;

    pub fn new(global: &'g Interner) -> Self {
        let table = match TABLE.take() {
            Some((id, t)) if id == global.id && t.hashes.len() < Self::ENTRIES && t.strings.text.len() < Self::TEXT => {
                t
            }
            Some((_, mut t)) => {
                t.clear();
                t
            }
            None => Table {
                strings: Shard {
                    text: String::with_capacity(Self::TEXT),
                    spans: Vec::with_capacity(Self::ENTRIES),
                    slots: vec![Slot::EMPTY; Self::SLOTS],
                },
                ..Table::default()
            },
        };
        LocalStrings { global, table: RefCell::new(table) }
    }

    /// The text of a local symbol.
    pub fn resolve(&self, sym: Sym) -> String {
        self.table.borrow().strings.str(sym.index()).to_string()
    }

    /// Gives every string interned so far its shared symbol, and returns them by local index ([`Sym::index`]).
    pub fn publish(&self) -> Ref<'_, [Sym]> {
        {
            let mut table = self.table.borrow_mut();
            table.publish(self.global);
        }
        Ref::map(self.table.borrow(), |t| t.shared.as_slice())
    }
}

impl Intern for LocalStrings<'_> {
    fn get_or_intern(&self, s: &str) -> Sym {
        let h = hash(s);
        let mut table = self.table.borrow_mut();
        let index = table.strings.get_or_insert(h, s);
        if index == table.hashes.len() {
            table.hashes.push(h);
        }
        Sym::from_index(index).unwrap_or(Sym::from_raw(1))
    }
}

impl Drop for LocalStrings<'_> {
    fn drop(&mut self) {
        let table = std::mem::take(self.table.get_mut());
        TABLE.set(Some((self.global.id, table)));
    }
}

impl Table {
    fn clear(&mut self) {
        // A huge chunk leaves a huge table: probing it would miss the cache.
        if self.strings.slots.len() > LocalStrings::SLOTS {
            self.strings.slots = vec![Slot::EMPTY; LocalStrings::SLOTS];
        }
        self.strings.clear();
        self.hashes.clear();
        self.shared.clear();
    }

    fn publish(&mut self, global: &Interner) {
        let first = self.shared.len();
        let Some(new) = self.hashes.get(first..).filter(|n| !n.is_empty()) else { return };
        // Counting sort of the new strings by shard.
        let mut start = [0usize; SHARDS + 1];
        for &h in new {
            if let Some(n) = start.get_mut(shard_of(h) + 1) {
                *n += 1;
            }
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut next = start;
        self.order.clear();
        self.order.resize(new.len(), 0);
        for (i, &h) in new.iter().enumerate() {
            if let Some(at) = next.get_mut(shard_of(h)) {
                if let Some(slot) = self.order.get_mut(*at) {
                    *slot = (first + i) as u32;
                }
                *at += 1;
            }
        }
        self.shared.resize(self.hashes.len(), Sym::from_raw(1));
        for (shard_index, lock) in global.shards.iter().enumerate() {
            let (from, to) = (start[shard_index], start[shard_index + 1]);
            let Some(indexes) = self.order.get(from..to).filter(|i| !i.is_empty()) else { continue };
            let mut shard = lock.0.lock().unwrap_or_else(|e| e.into_inner());
            let mut groups = indexes.chunks(IN_FLIGHT).peekable();
            if let Some(first) = groups.peek() {
                touch(&shard, first, &self.hashes);
            }
            while let Some(group) = groups.next() {
                // The next group's lines load while this one is looked up.
                if let Some(next) = groups.peek() {
                    touch(&shard, next, &self.hashes);
                }
                for &i in group {
                    let (i, h) = (i as usize, self.hashes.get(i as usize).copied().unwrap_or(0));
                    let index = shard.get_or_insert(h, self.strings.str(i));
                    if let Some(s) = self.shared.get_mut(i) {
                        *s = Sym::new(shard_index, index);
                    }
                }
            }
        }
    }
}

/// Loads the home slot of each hash, then the text of those whose tag matches, before any of them is looked up:
/// independent loads the core overlaps, so the lookups that follow find their lines in the cache.
fn touch(shard: &Shard, group: &[u32], hashes: &[u64]) {
    let hashes = group.iter().map(|&i| hashes.get(i as usize).copied().unwrap_or(0));
    let mask = shard.slots.len() - 1;
    let mut sum = 0u64;
    let mut texts = [usize::MAX; IN_FLIGHT];
    for (h, text) in hashes.zip(texts.iter_mut()) {
        if let Some(slot) = shard.slots.get(h as u32 as usize & mask) {
            if slot.tag == h as u32 {
                *text = slot.start as usize;
            }
            sum = sum.wrapping_add(u64::from(slot.len));
        }
    }
    for &t in &texts {
        if let Some(&b) = shard.text.as_bytes().get(t) {
            sum = sum.wrapping_add(u64::from(b));
        }
    }
    std::hint::black_box(sum);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Local symbols published give the shared interner's symbols, also across chunks, after the table started
    /// again, and for a table kept for another interner.
    #[test]
    fn published_symbols_are_the_shared_ones() {
        let words: Vec<String> =
            (0..3 * LocalStrings::ENTRIES).map(|n| format!("com.example.C{}", n % 20_000)).collect();
        let shared_syms = |global: &Interner| -> Vec<Sym> {
            let mut out = Vec::new();
            for chunk in words.chunks(5000) {
                let local = LocalStrings::new(global);
                let syms: Vec<Sym> = chunk.iter().map(|w| local.get_or_intern(w)).collect();
                let map = local.publish();
                out.extend(syms.iter().map(|s| map[s.index()]));
            }
            out
        };
        let first = Interner::default();
        let syms = shared_syms(&first);
        assert_eq!(syms, shared_syms(&first));
        let second = Interner::default();
        second.get_or_intern("something else first");
        let other = shared_syms(&second);
        let (first, second) = (first.freeze(), second.freeze());
        for ((w, a), b) in words.iter().zip(&syms).zip(&other) {
            assert_eq!(first.resolve(*a), w);
            assert_eq!(second.resolve(*b), w);
        }
        assert_eq!(first.len(), 20_000);
    }
}
