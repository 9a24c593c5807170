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
    len: u32,
}

impl Edges {
    /// Appends a segment; returns the global index of its first edge.
    pub(super) fn push_segment(&mut self, segment: Vec<Dependency>) -> u32 {
        let start = self.len;
        if !segment.is_empty() {
            self.len = start.saturating_add(u32::try_from(segment.len()).unwrap_or(u32::MAX));
            self.starts.push(start);
            self.segments.push(segment);
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
        let segment = self.starts.partition_point(|&s| s <= i).checked_sub(1)?;
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
        let target = crate::graph::intern::Interner::default().get_or_intern("x");
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
}
