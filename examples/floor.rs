//! The FLOOR: how fast can we possibly go through a corpus? Lists every entry (central directories only), then reads
//! and inflates every `.class` in parallel, doing nothing with the bytes. Any real analysis is measured against this.
//! With `--parse`, each class is also parsed in full (instruction scan included) and thrown away: the floor of a
//! graph build, which still has to turn the parsed classes into members, edges and interned names.
//!
//! With `--touch-mb N`, it then writes one byte into every page of N MB of fresh memory on the same threads: what
//! a graph of that size pays the kernel for its pages alone, whatever it holds.
//!
//! Usage: `cargo run --release --example floor -- [--threads N] [--list-only] [--parse] [--touch-mb N] [--jdk HOME]
//! [PATH...]` (default path: `bench/corpus/jars`, fetched by `bench/fetch-corpus.sh`; default threads: 2).

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use archrules::inputs::{open, OpenOptions, Role};
use rayon::prelude::*;

/// User + system CPU seconds of this process so far (Linux `/proc/self/stat`, clock ticks of 1/100 s).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15 (1-based).
    let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut threads = 2;
    let mut jdk = None;
    let mut list_only = false;
    let mut parse_too = false;
    let mut touch_mb = 0usize;
    let mut paths = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--threads" => threads = args.next().and_then(|n| n.parse().ok()).unwrap_or(2),
            "--jdk" => jdk = args.next().map(PathBuf::from),
            "--list-only" => list_only = true,
            "--parse" => parse_too = true,
            "--touch-mb" => touch_mb = args.next().and_then(|n| n.parse().ok()).unwrap_or(0),
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    if paths.is_empty() && jdk.is_none() {
        paths.push(PathBuf::from("bench/corpus/jars"));
    }
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
    let opts = OpenOptions::default();

    let (wall0, cpu0) = (Instant::now(), cpu_seconds());
    let opened = pool.install(|| {
        let mut opened = open(&paths, Role::Target, &opts);
        if let Some(home) = &jdk {
            if let Err(e) = opened.add_jdk(home, &opts) {
                eprintln!("warning: {e}");
            }
        }
        opened
    });
    let (list_wall, list_cpu) = (wall0.elapsed().as_secs_f64(), cpu_seconds() - cpu0);
    let archives = opened.inputs.len();
    if list_only {
        println!("list:   {} classes in {:.1} ms wall, {:.2} s CPU", opened.entries.len(), list_wall * 1e3, list_cpu);
        return;
    }

    let bytes = AtomicU64::new(0);
    let errors = AtomicU64::new(0);
    let parsed = AtomicU64::new(0);
    let (wall1, cpu1) = (Instant::now(), cpu_seconds());
    pool.install(|| {
        opened.entries.par_iter().for_each(|entry| match entry.read() {
            Ok(data) => {
                bytes.fetch_add(data.len() as u64, Ordering::Relaxed);
                if parse_too && archrules::bytecode::parse(&data, archrules::bytecode::Depth::Full).is_ok() {
                    parsed.fetch_add(1, Ordering::Relaxed);
                }
            }
            Err(_) => {
                errors.fetch_add(1, Ordering::Relaxed);
            }
        })
    });
    let (read_wall, read_cpu) = (wall1.elapsed().as_secs_f64(), cpu_seconds() - cpu1);
    if parse_too {
        println!("parse:  {} classes parsed in full", parsed.load(Ordering::Relaxed));
    }
    let mb = bytes.load(Ordering::Relaxed) as f64 / 1e6;

    println!("inputs: {archives} ({} warnings)", opened.warnings.len());
    println!(
        "list:   {} classes, {} resources in {:.1} ms wall, {:.2} s CPU",
        opened.entries.len(),
        opened.resources.len(),
        list_wall * 1e3,
        list_cpu
    );
    println!(
        "read:   {mb:.1} MB of class bytes in {:.3} s wall, {:.2} s CPU, {:.0} MB/s, {:.0} classes/s, {} errors ({threads} threads)",
        read_wall,
        read_cpu,
        mb / read_wall,
        opened.entries.len() as f64 / read_wall,
        errors.load(Ordering::Relaxed)
    );
    if touch_mb > 0 {
        touch(&pool, touch_mb);
    }
}

/// Faults in `mb` MB of fresh pages, a share per thread, and reports the time: the page cost of a graph that size.
fn touch(pool: &rayon::ThreadPool, mb: usize) {
    const PAGE: usize = 4096;
    let (wall, cpu) = (Instant::now(), cpu_seconds());
    let share = (mb << 20) / pool.current_num_threads();
    let blocks: Vec<Vec<u8>> = pool.install(|| {
        (0..pool.current_num_threads())
            .into_par_iter()
            .map(|_| {
                let mut block: Vec<u8> = Vec::with_capacity(share);
                block.spare_capacity_mut().iter_mut().step_by(PAGE).for_each(|b| {
                    b.write(1);
                });
                block
            })
            .collect()
    });
    let (wall, cpu) = (wall.elapsed().as_secs_f64(), cpu_seconds() - cpu);
    println!(
        "touch:  {mb} MB of fresh pages in {wall:.3} s wall, {cpu:.2} s CPU ({:.2} ms CPU per MB)",
        cpu * 1e3 / mb as f64
    );
    drop(std::hint::black_box(blocks));
}
