//! A mutation fuzzer for grantpool's readers, on stable Rust (cargo-fuzz needs a nightly
//! toolchain, which cannot be installed here from the package registries).
//!
//! Each target (tests/support/fuzz_targets.rs) starts from seeds (the files in tests/fixtures
//! and tests/e2e/fixtures, cut to their first few kilobytes, plus seeds made with the app's own
//! writers) and runs mutated copies: bytes flipped, set, inserted, deleted, repeated, spliced
//! from another seed, and tokens that break parsers (quotes, separators, signs, huge numbers,
//! multi-byte characters). A panic or a broken invariant is a failure: the input is saved in
//! tests/fuzz-regressions/<target>/ (which `cargo test` replays) and the run exits non-zero.
//! Runs are deterministic for a given --seed.
//!
//!   cargo run --release --example fuzz -- [--seconds 10] [--execs N] [--seed 1] [TARGET…]

#[path = "../tests/support/fuzz_targets.rs"]
mod fuzz_targets;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fuzz_targets::{generated_seeds, Target, TARGETS};

/// Bytes kept of each fixture as a seed: small inputs run fast and mutate meaningfully.
const SEED_BYTES: usize = 4_096;
/// Longest a mutated input may grow.
const MAX_INPUT: usize = 64 * 1024;
/// An input slower than this is reported as a hang.
const SLOW: Duration = Duration::from_secs(2);

/// Tokens that break parsers, spliced into inputs.
const TOKENS: &[&[u8]] = &[
    b",",
    b";",
    b"\t",
    b"|",
    b"\"",
    b"\"\"",
    b"\n",
    b"\r",
    b"\r\n",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b"\"grants\"",
    b"null",
    b"-",
    b"(",
    b")",
    b"\xc2\xa3",
    b"\xe2\x88\x92",
    b"\xc3\xa9",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"0",
    b"9",
    b".",
    b"e400",
    b"1e308",
    b"92233720368547758.07",
    b"-9223372036854775808",
    b"99999999999999999999",
    b"k",
    b"m",
    b"bn",
    b"Total",
    b"2147483647",
    b"31/02/2024",
    b"2016/17",
    b"1,5",
    b"\x00",
    b"\x01",
];

/// SplitMix64: a small, fast, well-known generator, written out so runs repeat exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One to eight mutations of `input`, splicing from `seeds` at times.
fn mutate(rng: &mut Rng, input: &mut Vec<u8>, seeds: &[Vec<u8>]) {
    for _ in 0..=rng.below(8) {
        let at = rng.below(input.len() + 1);
        match rng.below(9) {
            0 if !input.is_empty() => {
                let i = rng.below(input.len());
                input[i] ^= 1 << rng.below(8);
            }
            1 if !input.is_empty() => {
                let i = rng.below(input.len());
                input[i] = [0, 0x7f, 0x80, 0xff, b'"', b',', b'\n'][rng.below(7)];
            }
            2 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                input.splice(at..at, token.iter().copied());
            }
            3 if !input.is_empty() => {
                let end = (at + 1 + rng.below(64)).min(input.len());
                input.drain(at.min(end)..end);
            }
            4 if !input.is_empty() => {
                let start = rng.below(input.len());
                let end = (start + 1 + rng.below(256)).min(input.len());
                let chunk = input[start..end].to_vec();
                for _ in 0..=rng.below(4) {
                    input.splice(at..at, chunk.iter().copied());
                }
            }
            5 if !seeds.is_empty() => {
                let other = &seeds[rng.below(seeds.len())];
                let start = rng.below(other.len());
                let end = (start + 1 + rng.below(512)).min(other.len());
                input.splice(at..at, other[start..end].iter().copied());
            }
            6 => {
                let digits = format!("{}", rng.next() >> rng.below(64));
                input.splice(at..at, digits.into_bytes());
            }
            7 if !input.is_empty() => {
                let cut = rng.below(input.len());
                input.truncate(cut);
            }
            _ => input.insert(at, rng.below(256) as u8),
        }
    }
    input.truncate(MAX_INPUT);
}

/// The seeds of a target: fixtures of its kind, cut short, and seeds the app's writers make.
fn seeds(target: &str, root: &Path) -> Vec<Vec<u8>> {
    let wanted: &[&str] = match target {
        "csv" | "cells" => &["csv"],
        "paste" => &["csv", "tsv"],
        "json" => &["json"],
        "workbook" => &["xlsx", "xlsm", "ods", "xls"],
        _ => &[],
    };
    let mut seeds = generated_seeds(target);
    for dir in [
        "tests/fixtures",
        "tests/e2e/fixtures",
        "tests/fixtures/csv-spectrum/csvs",
        "tests/fixtures/calamine",
        "tests/fixtures/hostile",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let kind = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            let small = std::fs::metadata(&path).is_ok_and(|m| m.len() <= MAX_INPUT as u64);
            if wanted.contains(&kind) && (small || !target.eq("workbook")) {
                if let Ok(bytes) = std::fs::read(&path) {
                    seeds.push(shortened(kind, bytes));
                }
            }
        }
    }
    if target == "paste" {
        seeds.push(b"Funder\tProgramme\tAmount\nDfT\tBuses\t1,000\nMoJ\tYouth\t(250)\n".to_vec());
    }
    if seeds.is_empty() {
        seeds.push(b"Funder,Amount\nDfT,1\n".to_vec());
    }
    seeds
}

/// A seed of a fixture: delimited text cut to its first few kilobytes; a 360Giving package
/// cut to its first three grants, so it is still valid JSON.
fn shortened(kind: &str, mut bytes: Vec<u8>) -> Vec<u8> {
    if matches!(kind, "xlsx" | "xlsm" | "ods" | "xls") {
        // A workbook cut short is no longer a zip: only small ones are seeds, kept whole.
        return bytes;
    }
    if kind == "json" {
        if let Ok(mut package) = serde_json::from_slice::<serde_json::Value>(&bytes) {
            if let Some(grants) = package.get_mut("grants").and_then(|g| g.as_array_mut()) {
                grants.truncate(3);
            }
            return package.to_string().into_bytes();
        }
    }
    bytes.truncate(SEED_BYTES);
    bytes
}

/// Runs `input` through `target`: `Err` on a panic or a broken invariant.
fn run(target: Target, input: &[u8]) -> Result<(), String> {
    match catch_unwind(AssertUnwindSafe(|| target(input))) {
        Ok(result) => result,
        Err(panic) => Err(format!(
            "panicked: {}",
            panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)")
        )),
    }
}

/// Saves a failing input where the regression test replays it; returns its path.
fn keep(root: &Path, target: &str, input: &[u8]) -> PathBuf {
    let dir = root.join("tests/fuzz-regressions").join(target);
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("{:016x}.bin", xxhash_rust::xxh3::xxh3_64(input)));
    let _ = std::fs::write(&path, input);
    path
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let option = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let seconds: u64 = option("--seconds").map_or(10, |s| s.parse().expect("--seconds N"));
    let execs: u64 = option("--execs").map_or(u64::MAX, |s| s.parse().expect("--execs N"));
    let seed: u64 = option("--seed").map_or(1, |s| s.parse().expect("--seed N"));
    let named: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || !args[i - 1].starts_with("--")))
        .map(|(_, a)| a)
        .collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Panics are caught and reported per input; the default hook would print each one.
    std::panic::set_hook(Box::new(|_| {}));
    let mut failed = 0;
    for (name, target) in TARGETS {
        if !named.is_empty() && !named.iter().any(|n| n.as_str() == name) {
            continue;
        }
        let seeds = seeds(name, root);
        let mut rng = Rng(seed ^ xxhash_rust::xxh3::xxh3_64(name.as_bytes()));
        let started = Instant::now();
        let (mut runs, mut failures) = (0u64, 0u64);
        for seed_input in &seeds {
            runs += 1;
            if let Err(why) = run(target, seed_input) {
                failures += 1;
                let path = keep(root, name, seed_input);
                eprintln!("{name}: a seed fails ({why}); kept as {}", path.display());
            }
        }
        while runs < execs && started.elapsed() < Duration::from_secs(seconds) {
            let mut input = seeds[rng.below(seeds.len())].clone();
            mutate(&mut rng, &mut input, &seeds);
            if name == "workbook" {
                // A workbook that makes the reader abort (out of memory) ends the process
                // before it can be kept: the input about to run is on disk, to reproduce it.
                let _ = std::fs::write(root.join("target/fuzz-current-workbook.bin"), &input);
            }
            let began = Instant::now();
            let outcome = run(target, &input);
            runs += 1;
            let slow = began.elapsed() > SLOW;
            if let Err(why) = outcome.and_then(|()| {
                if slow {
                    Err(format!("took {:.1} s", began.elapsed().as_secs_f64()))
                } else {
                    Ok(())
                }
            }) {
                failures += 1;
                let path = keep(root, name, &input);
                eprintln!("{name}: {why}; kept as {}", path.display());
            }
        }
        let rate = runs as f64 / started.elapsed().as_secs_f64().max(1e-9);
        println!(
            "{name}: {runs} executions in {:.1} s ({rate:.0}/s), {failures} failures",
            started.elapsed().as_secs_f64()
        );
        failed += failures;
    }
    if failed > 0 {
        eprintln!("{failed} failing inputs kept in tests/fuzz-regressions/");
        std::process::exit(1);
    }
}
