//! Replays every recorded RabbitMQ 3.10.8 case in `tests/conformance/*.json`
//! through the engine (the same runner as `cargo run --bin conformance`) and
//! fails with the runner's description of every mismatching step.

use std::path::PathBuf;

#[test]
fn recorded_corpus_replays_exactly() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("conformance");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/conformance exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus files in {}", dir.display());
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut report = String::new();
    for f in &files {
        let reports = warren::conformance::run_file(f).unwrap_or_else(|e| panic!("{e}"));
        assert!(!reports.is_empty(), "{} has no cases", f.display());
        for r in &reports {
            if r.mismatches.is_empty() {
                passed += 1;
            } else {
                failed += 1;
            }
        }
        report.push_str(&warren::conformance::describe_failures(&reports, 3));
    }
    assert!(failed == 0, "{report}\n{passed} passed, {failed} failed");
    // The corpus is known to hold 177 cases; a silently shrinking corpus
    // would be a regression too.
    assert!(passed >= 177, "only {passed} cases found");
}
