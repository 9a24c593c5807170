//! String interning for the graph: a sharded interner that the parallel build writes to from every thread, frozen
//! afterwards into a lock-free [`Strings`] table. Each shard keeps one growing text arena and an open-addressing
//! table of 16-byte slots into it, so a string costs its bytes plus 8 bytes of span and 21–43 bytes of table, and a
//! lookup hashes once with FxHash and usually touches one table line and the text.

use std::hash::Hasher;
use std::num::NonZeroU32;
use std::sync::Mutex;

mod local;
pub use local::LocalStrings;

/// An interned string. The low bits name the shard, the rest the index within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(NonZeroU32);

const SHARD_BITS: u32 = 6;
const SHARDS: usize = 1 << SHARD_BITS;

impl Sym {
    fn new(shard: usize, index: usize) -> Sym {
        Sym::from_raw(((index as u32) << SHARD_BITS | shard as u32).wrapping_add(1))
    }

    fn from_raw(raw: u32) -> Sym {
        Sym(NonZeroU32::new(raw).unwrap_or(NonZeroU32::MIN))
    }

    fn parts(self) -> (usize, usize) {
        let raw = self.0.get() - 1;
        ((raw as usize) & (SHARDS - 1), (raw >> SHARD_BITS) as usize)
    }

    /// A dense-enough number for table indexes: below [`Strings::capacity`].
    pub fn index(self) -> usize {
        (self.0.get() - 1) as usize
    }

    /// The symbol whose [`Sym::index`] is `index` (meaningful only for indexes taken from a symbol).
    pub fn from_index(index: usize) -> Option<Sym> {
        u32::try_from(index).ok().and_then(|i| i.checked_add(1)).and_then(NonZeroU32::new).map(Sym)
    }
}

/// A set of symbols, a bit per [`Sym::index`]: the build's frontier asks one once per edge (15M on the Spark
/// corpus) and rule filters test millions of edges, where a hash set cost a noticeable part of either.
#[derive(Default)]
pub struct SymSet(Vec<u64>);

impl SymSet {
    /// A set with room for every symbol below `capacity` (see [`Strings::capacity`]) before it has to grow.
    pub fn new(capacity: usize) -> Self {
        SymSet(vec![0; capacity.div_ceil(64)])
    }

    /// True when `s` was not in the set.
    pub fn insert(&mut self, s: Sym) -> bool {
        let (word, bit) = (s.index() / 64, 1u64 << (s.index() % 64));
        if word >= self.0.len() {
            self.0.resize(word + 1, 0);
        }
        match self.0.get_mut(word) {
            Some(w) if *w & bit == 0 => {
                *w |= bit;
                true
            }
            _ => false,
        }
    }

    pub fn remove(&mut self, s: Sym) {
        if let Some(w) = self.0.get_mut(s.index() / 64) {
            *w &= !(1u64 << (s.index() % 64));
        }
    }

    pub fn contains(&self, s: Sym) -> bool {
        self.0.get(s.index() / 64).is_some_and(|w| w & (1u64 << (s.index() % 64)) != 0)
    }
}

struct Shard {
    text: String,
    /// `(offset, len)` into `text`, by index.
    spans: Vec<(u32, u32)>,
    /// Open addressing with linear probing, a power of two long, at most three quarters full (four slots share a
    /// cache line, so the longer runs of linear probing cost little).
    slots: Vec<Slot>,
}

impl Default for Shard {
    fn default() -> Self {
        Shard { text: String::new(), spans: Vec::new(), slots: vec![Slot::EMPTY; 64] }
    }
}

/// A table entry carries a 32-bit tag of the hash and the text's span, so that a probe touches one cache line and
/// the text only when tag and length agree: lookups (16M on the Spark corpus) are bound by cache misses, and a
/// general-purpose table (control bytes apart from the entries, entries apart from the text) took three per lookup.
#[derive(Clone, Copy)]
#[repr(C, align(16))]
struct Slot {
    tag: u32,
    index: u32,
    start: u32,
    len: u32,
}

impl Slot {
    const EMPTY: Slot = Slot { tag: 0, index: u32::MAX, start: 0, len: 0 };
}

impl Shard {
    fn str(&self, index: usize) -> &str {
        let (start, len) = self.spans.get(index).copied().unwrap_or((0, 0));
        self.text.get(start as usize..(start + len) as usize).unwrap_or("")
    }

    fn text_of(&self, slot: &Slot) -> &[u8] {
        self.text.as_bytes().get(slot.start as usize..(slot.start + slot.len) as usize).unwrap_or_default()
    }

    /// The slot holding `s`, or the empty slot where it would go.
    fn probe(&self, hash: u64, s: &str) -> usize {
        let tag = hash as u32;
        let mask = self.slots.len() - 1;
        let mut pos = tag as usize & mask;
        loop {
            match self.slots.get(pos) {
                Some(slot) if slot.index == u32::MAX => return pos,
                Some(slot) if slot.tag == tag && slot.len as usize == s.len() && self.text_of(slot) == s.as_bytes() => {
                    return pos
                }
                Some(_) => pos = (pos + 1) & mask,
                None => return pos, // unreachable: `pos` is masked to the table
            }
        }
    }

    fn find(&self, hash: u64, s: &str) -> Option<usize> {
        let slot = self.slots.get(self.probe(hash, s))?;
        (slot.index != u32::MAX).then_some(slot.index as usize)
    }

    fn get_or_insert(&mut self, hash: u64, s: &str) -> usize {
        let pos = self.probe(hash, s);
        if let Some(slot) = self.slots.get(pos).filter(|slot| slot.index != u32::MAX) {
            return slot.index as usize;
        }
        let index = self.spans.len();
        self.put(pos, hash, s, index as u32);
        if self.spans.len() * 4 > self.slots.len() * 3 {
            self.grow();
        }
        index
    }

    fn clear(&mut self) {
        self.text.clear();
        self.spans.clear();
        self.slots.fill(Slot::EMPTY);
    }

    /// Appends `s` to the text and fills the empty slot at `pos` with it and `value`.
    fn put(&mut self, pos: usize, hash: u64, s: &str, value: u32) {
        let slot = Slot { tag: hash as u32, index: value, start: self.text.len() as u32, len: s.len() as u32 };
        self.text.push_str(s);
        self.spans.push((slot.start, slot.len));
        if let Some(empty) = self.slots.get_mut(pos) {
            *empty = slot;
        }
    }

    /// Doubles the table; the tags place every entry again without touching the text.
    fn grow(&mut self) {
        let doubled = vec![Slot::EMPTY; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        let mask = self.slots.len() - 1;
        for slot in old.into_iter().filter(|slot| slot.index != u32::MAX) {
            let mut pos = slot.tag as usize & mask;
            while self.slots.get(pos).is_some_and(|s| s.index != u32::MAX) {
                pos = (pos + 1) & mask;
            }
            if let Some(empty) = self.slots.get_mut(pos) {
                *empty = slot;
            }
        }
    }
}

fn hash(s: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(s.as_bytes());
    // FxHash leaves the top bits poorly mixed for strings; murmur3's finalizer fixes that.
    let mut x = h.finish();
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// Bits 32.. of the hash: the low 32 are the slot's tag and place it in its shard's table, so taking the shard from
/// them would crowd each shard's strings into a fraction of its table.
fn shard_of(hash: u64) -> usize {
    ((hash >> 32) as usize) & (SHARDS - 1)
}

/// The build-time interner, shared by the parsing threads.
pub struct Interner {
    shards: Vec<Padded>,
    /// Tells the [`LocalStrings`] tables kept by threads from run to run which interner their symbols are from.
    id: u64,
}

/// One shard's lock on cache lines of its own: neighbouring locks taken by different threads would otherwise
/// bounce one line between the cores.
#[repr(align(128))]
#[derive(Default)]
struct Padded(Mutex<Shard>);

impl Default for Interner {
    fn default() -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Interner { shards: (0..SHARDS).map(|_| Padded::default()).collect(), id }
    }
}

/// What can turn a string into a symbol: the shared interner, or a chunk's [`LocalStrings`].
pub trait Intern {
    fn get_or_intern(&self, s: &str) -> Sym;
}

impl Intern for Interner {
    fn get_or_intern(&self, s: &str) -> Sym {
        let h = hash(s);
        let shard_index = shard_of(h);
        let Some(lock) = self.shards.get(shard_index) else { return Sym(NonZeroU32::MIN) };
        let index = lock.0.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(h, s);
        Sym::new(shard_index, index)
    }
}

impl Interner {
    /// The symbol of a string interned so far, if any.
    pub fn get(&self, s: &str) -> Option<Sym> {
        let h = hash(s);
        let shard_index = shard_of(h);
        let lock = self.shards.get(shard_index)?;
        let index = lock.0.lock().unwrap_or_else(|e| e.into_inner()).find(h, s)?;
        Some(Sym::new(shard_index, index))
    }

    /// The text of a symbol, copied out (the shard may grow meanwhile).
    pub fn resolve(&self, sym: Sym) -> String {
        let (shard, index) = sym.parts();
        self.shards
            .get(shard)
            .map(|l| l.0.lock().unwrap_or_else(|e| e.into_inner()).str(index).to_string())
            .unwrap_or_default()
    }

    pub fn freeze(self) -> Strings {
        let shards: Vec<Shard> =
            self.shards.into_iter().map(|m| m.0.into_inner().unwrap_or_else(|e| e.into_inner())).collect();
        let longest = shards.iter().map(|s| s.spans.len()).max().unwrap_or(0);
        Strings { shards, capacity: longest << SHARD_BITS }
    }
}

/// The frozen string table of a built graph.
pub struct Strings {
    shards: Vec<Shard>,
    capacity: usize,
}

impl Strings {
    pub fn resolve(&self, sym: Sym) -> &str {
        let (shard, index) = sym.parts();
        self.shards.get(shard).map_or("", |s| s.str(index))
    }

    pub fn get(&self, s: &str) -> Option<Sym> {
        let h = hash(s);
        let shard_index = shard_of(h);
        let shard = self.shards.get(shard_index)?;
        shard.find(h, s).map(|i| Sym::new(shard_index, i))
    }

    /// An upper bound of [`Sym::index`], for tables indexed by symbol.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    pub fn len(&self) -> usize {
        self.shards.iter().map(|s| s.spans.len()).sum()
    }

    /// Bytes of text held, for the size report.
    pub fn text_bytes(&self) -> usize {
        self.shards.iter().map(|s| s.text.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_is_stable_and_round_trips() {
        let i = Interner::default();
        let words: Vec<String> = (0..5000).map(|n| format!("com.example.C{n}")).collect();
        let syms: Vec<Sym> = words.iter().map(|w| i.get_or_intern(w)).collect();
        assert_eq!(i.get_or_intern("com.example.C42"), syms[42]);
        assert_eq!(i.resolve(syms[7]), "com.example.C7");
        let s = i.freeze();
        assert_eq!(s.len(), 5000);
        for (w, sym) in words.iter().zip(&syms) {
            assert_eq!(s.resolve(*sym), w);
            assert_eq!(s.get(w), Some(*sym));
            assert!(sym.index() < s.capacity());
        }
        assert_eq!(s.get("absent"), None);
    }
}
