//! Every input the fuzzer (`scripts/fuzz.rs`) ever found failing, kept in
//! `tests/fuzz-regressions/<target>/`, replayed through its target: none may panic or break an
//! invariant again. The targets' seeds run too, so the targets themselves cannot rot.

#[path = "support/fuzz_targets.rs"]
mod fuzz_targets;

use std::path::Path;

use fuzz_targets::{generated_seeds, TARGETS};

#[test]
fn every_kept_input_now_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut replayed = 0;
    for (name, target) in TARGETS {
        let Ok(entries) = std::fs::read_dir(root.join(name)) else {
            continue;
        };
        for entry in entries.flatten() {
            let input = std::fs::read(entry.path()).expect("a kept input reads");
            if let Err(why) = target(&input) {
                panic!("{name}: {} fails again: {why}", entry.path().display());
            }
            replayed += 1;
        }
    }
    println!("replayed {replayed} kept inputs");
}

#[test]
fn the_generated_seeds_pass_their_targets() {
    for (name, target) in TARGETS {
        for seed in generated_seeds(name) {
            target(&seed).unwrap_or_else(|why| panic!("{name}: its seed fails: {why}"));
        }
    }
}
