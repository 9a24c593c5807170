//! Memos shared by the threads of one evaluation.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

use crate::graph::{Graph, Sym};

/// `cell`'s value, computed by `init` when unset. Unlike [`OnceLock::get_or_init`], `init` runs outside the cell's
/// lock: it may use rayon, and a rayon worker waiting for its share of that work can pick up another task that
/// needs the same cell, which would then wait on itself. Two threads may both compute it; the first value is kept.
pub fn memo<T>(cell: &OnceLock<T>, init: impl FnOnce() -> T) -> &T {
    if let Some(v) = cell.get() {
        return v;
    }
    let v = init();
    cell.get_or_init(|| v)
}

/// A boolean function of a symbol's text, remembered per symbol: member predicates on names and descriptors see
/// the same few texts across a million members, and reading a text is a cache miss before any parsing.
#[derive(Debug, Default)]
pub struct SymMemo {
    /// Per symbol index: 0 not computed yet, 1 false, 2 true.
    table: OnceLock<Box<[AtomicU8]>>,
}

impl SymMemo {
    pub fn get(&self, g: &Graph, s: Sym, f: impl FnOnce(&str) -> bool) -> bool {
        self.get_by(g, s, || f(g.str(s)))
    }

    /// A boolean function of a symbol (not only of its text), remembered the same way.
    pub fn get_by(&self, g: &Graph, s: Sym, f: impl FnOnce() -> bool) -> bool {
        let table = self.table.get_or_init(|| (0..g.symbol_capacity()).map(|_| AtomicU8::new(0)).collect());
        let Some(slot) = table.get(s.index()) else { return f() };
        match slot.load(Ordering::Relaxed) {
            0 => {
                let v = f();
                // Threads computing the same symbol store the same value.
                slot.store(1 + u8::from(v), Ordering::Relaxed);
                v
            }
            known => known == 2,
        }
    }
}
