//! The compiler's messages are this library's user interface: each case under `tests/ui/` is a
//! widget with mistakes, and its `.stderr` the exact diagnostics rustc prints for it (pinned by
//! `rust-toolchain.toml`). The cases under `tests/ui/pass/` must compile.
//!
//! Regenerate after a deliberate change with `TRYBUILD=overwrite cargo test --test ui`, then
//! read the diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/*.rs");
}

/// One mistake, one error: each `one_error_*` case makes one mistake, and its `.stderr` holds
/// exactly one error (an `async fn`'s future, or rustc's list of the impls that exist, would
/// make it several).
#[test]
fn one_mistake_gives_one_error() {
    let mut cases = 0;
    for entry in std::fs::read_dir("tests/ui").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("one_error_") && name.ends_with(".stderr") {
            let stderr = std::fs::read_to_string(&path).unwrap();
            let errors = stderr
                .lines()
                .filter(|line| line.starts_with("error"))
                .count();
            assert_eq!(errors, 1, "{name}:\n{stderr}");
            assert!(
                !stderr.contains("other types implement"),
                "{name}:\n{stderr}"
            );
            cases += 1;
        }
    }
    assert_eq!(cases, 3);
}
