//! `cargo run --release --bin conformance -- FILE...`: replays recorded
//! RabbitMQ 3.10.8 conformance cases through the engine. Prints each failing
//! case (step, expected, actual) and ends with `N passed, M failed`; exits
//! non-zero when any case fails.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let files: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if files.is_empty() {
        eprintln!("usage: conformance FILE... (e.g. tests/conformance/*.json)");
        return ExitCode::from(2);
    }
    let (mut passed, mut failed) = (0usize, 0usize);
    for f in &files {
        match warren::conformance::run_file(f) {
            Ok(reports) => {
                print!("{}", warren::conformance::describe_failures(&reports, 3));
                let bad = reports.iter().filter(|r| !r.mismatches.is_empty()).count();
                println!("{}: {} cases, {} failed", f.display(), reports.len(), bad);
                failed += bad;
                passed += reports.len() - bad;
            }
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
