//! The dependency table. Each parse chunk's edges stay in the buffer its thread wrote them to: copying them into
//! one vector held every edge twice at the peak (335 MB more on the Spark corpus). Indexes are global, as if the
//! segments were one vector; a class's edges always lie in one segment.

use super::model::Dependency;
use std::ops::Range;

#[derive(Default)]
pub struct Edges {
    segments: Vec<Vec<Dependency>>,
    /// Global index of each segment's first edge.
    starts: Vec<u32>,
    /// Per block of `1 << BLOCK_BITS` global indexes, the segment holding the block's first index: reverse-index
    /// walks look up millions of scattered edges, and a binary search over all segments cost each a dozen dependent
    /// loads. Within a block the search is over the few segments it spans (usually one).
    block_segment: Vec<u32>,
    len: u32,
}

const BLOCK_BITS: u32 = 12;

impl Edges {
    /// Appends a segment; returns the global index of its first edge.
    pub(super) fn push_segment(&mut self, segment: Vec<Dependency>) -> u32 {
        let start = self.len;
        if !segment.is_empty() {
            self.len = start.saturating_add(u32::try_from(segment.len()).unwrap_or(u32::MAX));
            self.starts.push(start);
            self.segments.push(segment);
            // Every block starting before `start` is already placed; the ones starting from there on start here.
            let blocks = (self.len as usize).div_ceil(1 << BLOCK_BITS);
            let last = (self.segments.len() - 1) as u32;
            self.block_segment.resize(blocks.max(self.block_segment.len()), last);
        }
        start
    }

    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Bytes held, for the size report.
    pub fn bytes(&self) -> usize {
        self.segments.iter().map(|s| s.capacity() * std::mem::size_of::<Dependency>()).sum()
    }

    fn locate(&self, i: u32) -> Option<(&[Dependency], usize)> {
        if i >= self.len {
            return None;
        }
        let block = (i >> BLOCK_BITS) as usize;
        let first = *self.block_segment.get(block)? as usize;
        // The block's last index lies in the next block's first segment, or in the last segment.
        let last = self.block_segment.get(block + 1).map_or(self.starts.len() - 1, |&s| s as usize);
        let spanned = self.starts.get(first..=last)?;
        let segment = first + spanned.partition_point(|&s| s <= i).checked_sub(1)?;
        let start = *self.starts.get(segment)?;
        Some((self.segments.get(segment)?, (i - start) as usize))
    }

    pub fn get(&self, i: u32) -> Option<&Dependency> {
        let (segment, offset) = self.locate(i)?;
        segment.get(offset)
    }

    /// The edges of a global range that lies within one segment (a class's edges).
    pub fn slice(&self, r: Range<u32>) -> &[Dependency] {
        if r.is_empty() {
            return &[];
        }
        match self.locate(r.start) {
            Some((segment, offset)) => segment.get(offset..offset + r.len()).unwrap_or(&[]),
            None => &[],
        }
    }

    /// Every edge, in global order.
    pub fn iter(&self) -> impl Iterator<Item = &Dependency> {
        self.segments.iter().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::model::{ClassId, DepKind};

    fn edge(line: u16) -> Dependency {
        let target = crate::graph::intern::Intern::get_or_intern(&crate::graph::intern::Interner::default(), "x");
        Dependency::new(ClassId(0), 0, DepKind::Extends, line, target, None, None)
    }

    #[test]
    fn global_indexes_span_segments() {
        let mut e = Edges::default();
        assert_eq!(e.push_segment((0..3).map(edge).collect()), 0);
        assert_eq!(e.push_segment(Vec::new()), 3);
        assert_eq!(e.push_segment((3..5).map(edge).collect()), 3);
        assert_eq!(e.len(), 5);
        assert_eq!(e.get(3).map(|d| d.line), Some(3));
        assert_eq!(e.get(5), None);
        assert_eq!(e.slice(3..5).iter().map(|d| d.line).collect::<Vec<_>>(), [3, 4]);
        assert_eq!(e.slice(1..3).len(), 2);
        assert!(e.slice(4..4).is_empty());
        assert_eq!(e.iter().map(|d| d.line).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
    }

    /// Segments shorter and longer than a lookup block, so that blocks span several (up to dozens of) segments and
    /// segments several blocks: every global index finds its edge.
    #[test]
    fn every_index_is_found_across_blocks() {
        let mut e = Edges::default();
        let mut line = 0u16;
        let tiny = (0..60).map(|k| 1 + k % 3); // many segments within one block
        for len in [1usize, 5000, 3, 0, 4096, 9000, 2, 2].into_iter().chain(tiny).chain([7000]) {
            let segment: Vec<Dependency> = (0..len).map(|k| edge(line.wrapping_add(k as u16))).collect();
            line = line.wrapping_add(len as u16);
            e.push_segment(segment);
        }
        for i in 0..e.len() as u32 {
            assert_eq!(e.get(i).map(|d| d.line), Some(i as u16), "index {i}");
        }
        assert!(e.get(e.len() as u32).is_none());
    }
}
