//! The invariants of ARCHITECTURE.md that are facts about the source tree,
//! checked on the files themselves.

use std::path::{Path, PathBuf};

/// The workspace's root.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`, recursively, in a stable order.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
            .map(|entry| entry.expect("a directory entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() && !path.ends_with("target") {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    files
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Asserts that none of `paths` contains any of `forbidden`.
fn assert_absent(paths: impl IntoIterator<Item = PathBuf>, forbidden: &[&str]) {
    for path in paths {
        let text = read(&path);
        for needle in forbidden {
            assert!(!text.contains(needle), "{} has {needle}", path.display());
        }
    }
}

/// `symdiff-parser` depends on nothing of ours.
#[test]
fn the_parser_depends_on_nothing_of_ours() {
    let manifest = read(&root().join("parser/Cargo.toml"));
    let dependencies = manifest
        .split("[dependencies]")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .unwrap_or_default();
    assert!(!dependencies.contains("symdiff"), "{dependencies}");
}

/// Generated code references only `::core` paths: no expansion snapshot of
/// the macros names `symdiff` or `::std` (the user's own function, which
/// the expansion keeps as written, may use what it likes).
#[test]
fn generated_code_needs_only_core() {
    let expansions = rust_files(&root().join("macros/tests/expand"));
    assert!(!expansions.is_empty());
    assert_absent(expansions, &["::symdiff", "symdiff::", "::std::"]);
}

/// Every message the command line prints comes from its catalogue
/// (`src/diagnostics.rs`) or the engine's errors: no other file of `src/`
/// builds an error or a warning from text.
#[test]
fn the_command_line_speaks_through_its_catalogue() {
    let files = rust_files(&root().join("src"))
        .into_iter()
        .filter(|path| !path.ends_with("diagnostics.rs"));
    assert_absent(
        files,
        &[
            "warn(&format!",
            "warn(\"",
            "CliError::Message",
            "CliError::message",
        ],
    );
}

/// Tests are strict: none is ignored and none expects a panic.
#[test]
fn no_test_is_ignored_or_expects_a_panic() {
    let ignore = ["#[", "ignore]"].concat();
    let should_panic = ["#[", "should_panic"].concat();
    for crate_dir in [".", "parser", "symdiff", "macros"] {
        for folder in ["src", "tests"] {
            let dir = root().join(crate_dir).join(folder);
            assert_absent(rust_files(&dir), &[&ignore, &should_panic]);
        }
    }
}
