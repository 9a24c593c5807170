//! Class-reader throughput on a real jar: `cargo run --release --example parse_speed [JAR]`
//! (default `/usr/share/java/guava.jar`). Inflates every `.class` entry once, then times `parse` at both depths
//! over all of them, several rounds, and prints MB/s of class bytes on one core.

use std::time::{Duration, Instant};

use archrules::bytecode::{parse, Depth};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| "/usr/share/java/guava.jar".to_owned());
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&path)?)?;
    let mut classes = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i)?;
        if entry.name().ends_with(".class") {
            let mut bytes = Vec::with_capacity(entry.size() as usize);
            std::io::copy(&mut entry, &mut bytes)?;
            classes.push(bytes);
        }
    }
    let total: usize = classes.iter().map(Vec::len).sum();
    println!("{path}: {} classes, {:.1} MB", classes.len(), total as f64 / 1e6);
    // ROUNDS=1 for instruction-count profiling (callgrind); timing takes the best of several.
    let rounds: usize = std::env::var("ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(7);
    for depth in [Depth::Full, Depth::Header] {
        let mut best = Duration::MAX;
        let mut refs = 0usize;
        for _ in 0..rounds {
            let start = Instant::now();
            refs = 0;
            for bytes in &classes {
                let class = parse(bytes, depth).map_err(|e| format!("{e}"))?;
                refs +=
                    class.methods.iter().filter_map(|m| m.code.as_ref()).map(|c| class.refs(c).len()).sum::<usize>();
                std::hint::black_box(&class);
            }
            best = best.min(start.elapsed());
        }
        let mbps = total as f64 / 1e6 / best.as_secs_f64();
        let per_sec = classes.len() as f64 / best.as_secs_f64();
        println!("{depth:?}: {mbps:.0} MB/s, {per_sec:.0} classes/s ({refs} code refs, best of {rounds})");
    }
    Ok(())
}
