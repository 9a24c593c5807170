//! Caps that keep a hostile or broken archive (a zip bomb) from exhausting memory. Every check runs on the sizes the
//! archive declares, BEFORE anything is allocated; the inflater then writes into a buffer of exactly that size, so a
//! lying header fails with [`InputErrorKind::SizeMismatch`] instead of growing a buffer.

use super::error::InputErrorKind;

/// Entries above this size must also stay under [`Limits::max_ratio`]; small entries compress freely.
const RATIO_CHECK_ABOVE: u64 = 1 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest inflated size of one entry (class, resource or nested jar). Default 64 MiB.
    pub max_entry_inflated: u64,
    /// Largest sum of declared inflated sizes of the entries read from one archive, nested jars included. Default
    /// 1 GiB: the largest of the 326 Spark jars inflates to 188 MiB, while 52 entries of 20 MiB at ~800:1 each pass
    /// every per-entry cap and still make a 1.4 MB jar inflate to 1 GiB.
    pub max_jar_inflated: u64,
    /// How many jars deep a nested jar may sit (`a.jar!/b.jar!/c.jar` is depth 2). Default 3.
    pub max_nesting: u8,
    /// Largest inflated:compressed ratio for entries over 1 MiB. Default 1000.
    pub max_ratio: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_entry_inflated: 64 << 20, max_jar_inflated: 1 << 30, max_nesting: 3, max_ratio: 1000 }
    }
}

impl Limits {
    /// Checks one entry's declared sizes against the per-entry size and ratio caps.
    pub fn check_entry(&self, compressed: u64, inflated: u64) -> Result<(), InputErrorKind> {
        if inflated > self.max_entry_inflated {
            return Err(InputErrorKind::EntryTooLarge { size: inflated, limit: self.max_entry_inflated });
        }
        if inflated > RATIO_CHECK_ABOVE {
            let ratio = inflated / compressed.max(1);
            if ratio > u64::from(self.max_ratio) {
                return Err(InputErrorKind::RatioTooHigh { ratio, limit: self.max_ratio });
            }
        }
        Ok(())
    }
}

/// Running total of the inflated bytes one archive (with its nested jars) may still produce.
#[derive(Debug)]
pub(crate) struct Budget {
    left: u64,
    limit: u64,
}

impl Budget {
    pub(crate) fn new(limits: &Limits) -> Self {
        Budget { left: limits.max_jar_inflated, limit: limits.max_jar_inflated }
    }

    /// Takes `size` bytes from the budget, or reports the archive as too large.
    pub(crate) fn take(&mut self, size: u64) -> Result<(), InputErrorKind> {
        match self.left.checked_sub(size) {
            Some(left) => {
                self.left = left;
                Ok(())
            }
            None => Err(InputErrorKind::ArchiveTooLarge { limit: self.limit }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_caps() {
        let limits = Limits::default();
        assert!(limits.check_entry(10, 100).is_ok());
        // Small entries may compress very well (a class full of zeros).
        assert!(limits.check_entry(1, 1 << 19).is_ok());
        assert!(matches!(limits.check_entry(1000, 10 << 20), Err(InputErrorKind::RatioTooHigh { .. })));
        assert!(matches!(limits.check_entry(100 << 20, 100 << 20), Err(InputErrorKind::EntryTooLarge { .. })));
    }

    #[test]
    fn budget_runs_out() {
        let mut budget = Budget::new(&Limits { max_jar_inflated: 100, ..Limits::default() });
        assert!(budget.take(60).is_ok());
        assert!(budget.take(40).is_ok());
        assert_eq!(budget.take(1), Err(InputErrorKind::ArchiveTooLarge { limit: 100 }));
    }
}
