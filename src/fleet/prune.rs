//! `fleet prune`: dropping old snapshots. A repository+branch's current snapshot is never dropped, so the fleet's
//! present stays whole however old its last build is.

use super::error::FleetError;
use super::store::Store;
use rusqlite::params;

/// Which snapshots to drop.
#[derive(Debug, Clone, Copy)]
pub enum Prune {
    /// Keep the newest N snapshots of each repository+branch (at least the current one).
    Keep(u32),
    /// Drop snapshots built more than this many seconds before now.
    OlderThan(u64),
}

/// `90d`, `12h`, `4w`, `30m`, `45s` → seconds.
pub fn parse_duration(text: &str) -> Result<u64, FleetError> {
    let bad = || FleetError::BadDuration(text.to_string());
    let unit = text.chars().last().ok_or_else(bad)?;
    let number: u64 = text.get(..text.len() - unit.len_utf8()).ok_or_else(bad)?.parse().map_err(|_| bad())?;
    let scale = match unit {
        's' => 1,
        'm' => 60,
        'h' => 3600,
        'd' => 86_400,
        'w' => 7 * 86_400,
        _ => return Err(bad()),
    };
    number.checked_mul(scale).ok_or_else(bad)
}

impl Store {
    /// Drops the chosen snapshots and their rows in one transaction; returns how many snapshots went.
    pub fn prune(&mut self, how: Prune) -> Result<usize, FleetError> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let doomed: Vec<(i64, [Option<i64>; 6])> = {
            let sql = match how {
                Prune::Keep(_) => {
                    "SELECT id, uses_from, uses_to, declared_from, declared_to, violations_from, violations_to
                     FROM (SELECT *, row_number() OVER (PARTITION BY repository, branch
                                                        ORDER BY build_time DESC, id DESC) AS age FROM snapshot)
                     WHERE age > max(?1, 1) AND is_current = 0"
                }
                Prune::OlderThan(_) => {
                    "SELECT id, uses_from, uses_to, declared_from, declared_to, violations_from, violations_to
                     FROM snapshot
                     WHERE build_time < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-' || ?1 || ' seconds')
                       AND is_current = 0"
                }
            };
            let arg: i64 = match how {
                Prune::Keep(n) => i64::from(n),
                Prune::OlderThan(seconds) => i64::try_from(seconds).unwrap_or(i64::MAX),
            };
            let mut stmt = tx.prepare(sql)?;
            let rows = stmt.query_map([arg], |row| {
                Ok((row.get(0)?, [row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?, row.get(6)?]))
            })?;
            rows.collect::<Result<_, _>>()?
        };
        for (id, [uf, ut, df, dt, vf, vt]) in &doomed {
            // Each snapshot's rows are one rowid range; `snapshot = ?` guards against a range that is not.
            tx.execute("DELETE FROM api_use WHERE rowid BETWEEN ?1 AND ?2 AND snapshot = ?3", params![uf, ut, id])?;
            tx.execute("DELETE FROM declared WHERE rowid BETWEEN ?1 AND ?2 AND snapshot = ?3", params![df, dt, id])?;
            tx.execute("DELETE FROM violation WHERE rowid BETWEEN ?1 AND ?2 AND snapshot = ?3", params![vf, vt, id])?;
            tx.execute("DELETE FROM snapshot WHERE id = ?1", [id])?;
        }
        tx.commit()?;
        Ok(doomed.len())
    }
}
