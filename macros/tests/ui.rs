//! One file per diagnostic in `tests/ui/`; the `.stderr` files are written by
//! trybuild (`TRYBUILD=overwrite cargo test -p symdiff-macros --test ui`).

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
