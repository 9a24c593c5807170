//! String interning for the graph: a sharded interner that the parallel build writes to from every thread, frozen
//! afterwards into a lock-free [`Strings`] table. Each shard keeps one growing text arena and a hash table of
//! indexes into it, so a string costs its bytes plus 12 bytes, and a lookup hashes once with FxHash.

use hashbrown::HashTable;
use std::hash::Hasher;
use std::num::NonZeroU32;
use std::sync::Mutex;

/// An interned string. The low bits name the shard, the rest the index within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(NonZeroU32);

const SHARD_BITS: u32 = 6;
const SHARDS: usize = 1 << SHARD_BITS;

impl Sym {
    fn new(shard: usize, index: usize) -> Sym {
        let raw = ((index as u32) << SHARD_BITS | shard as u32).wrapping_add(1);
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

#[derive(Default)]
struct Shard {
    text: String,
    /// `(offset, len)` into `text`, by index.
    spans: Vec<(u32, u32)>,
    table: HashTable<Slot>,
}

/// A table entry carries its span, so that a probe reads the text directly rather than through `spans`: one cache
/// miss fewer per lookup, and lookups (16M on the Spark corpus) are miss-bound.
#[derive(Clone, Copy)]
struct Slot {
    index: u32,
    start: u32,
    len: u32,
}

impl Shard {
    fn str(&self, index: usize) -> &str {
        let (start, len) = self.spans.get(index).copied().unwrap_or((0, 0));
        self.text.get(start as usize..(start + len) as usize).unwrap_or("")
    }

    fn text_of(&self, slot: &Slot) -> &[u8] {
        self.text.as_bytes().get(slot.start as usize..(slot.start + slot.len) as usize).unwrap_or_default()
    }

    fn find(&self, hash: u64, s: &str) -> Option<usize> {
        self.table
            .find(hash, |slot| slot.len as usize == s.len() && self.text_of(slot) == s.as_bytes())
            .map(|slot| slot.index as usize)
    }
}

fn hash(s: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(s.as_bytes());
    // FxHash leaves the top bits (hashbrown's tags) poorly mixed for strings; murmur3's finalizer fixes that.
    let mut x = h.finish();
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// Bits 32.. of the hash: hashbrown uses the low bits for the bucket and the top 7 for its tags, so taking the
/// shard from either would leave every string of a shard with the same bucket or tag.
fn shard_of(hash: u64) -> usize {
    ((hash >> 32) as usize) & (SHARDS - 1)
}

/// The build-time interner, shared by the parsing threads.
pub struct Interner {
    shards: Vec<Mutex<Shard>>,
}

impl Default for Interner {
    fn default() -> Self {
        Interner { shards: (0..SHARDS).map(|_| Mutex::new(Shard::default())).collect() }
    }
}

impl Interner {
    pub fn get_or_intern(&self, s: &str) -> Sym {
        let h = hash(s);
        let shard_index = shard_of(h);
        let Some(lock) = self.shards.get(shard_index) else { return Sym(NonZeroU32::MIN) };
        let mut shard = lock.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = shard.find(h, s) {
            return Sym::new(shard_index, i);
        }
        let index = shard.spans.len();
        let slot = Slot { index: index as u32, start: shard.text.len() as u32, len: s.len() as u32 };
        shard.text.push_str(s);
        shard.spans.push((slot.start, slot.len));
        let Shard { table, text, .. } = &mut *shard;
        table.insert_unique(h, slot, |slot| {
            hash(text.get(slot.start as usize..(slot.start + slot.len) as usize).unwrap_or(""))
        });
        Sym::new(shard_index, index)
    }

    /// The text of a symbol, copied out (the shard may grow meanwhile).
    pub fn resolve(&self, sym: Sym) -> String {
        let (shard, index) = sym.parts();
        self.shards
            .get(shard)
            .map(|l| l.lock().unwrap_or_else(|e| e.into_inner()).str(index).to_string())
            .unwrap_or_default()
    }

    pub fn freeze(self) -> Strings {
        let shards: Vec<Shard> =
            self.shards.into_iter().map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner())).collect();
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

    pub fn is_empty(&self) -> bool {
        self.len() == 0
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
