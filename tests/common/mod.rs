//! What the command-line snapshot tests share.

/// Runs `symdiff ARGS` in-process with `stdin` and renders what it printed:
/// its exit status, then its standard output and standard error, each only
/// when not empty.
pub(crate) fn rendered(args: &[&str], stdin: &str) -> String {
    let mut argv = vec!["symdiff"];
    argv.extend_from_slice(args);
    let outcome = symdiff_cli::run(argv, &mut stdin.as_bytes());
    let mut rendered = format!("status {}\n", outcome.code);
    if !outcome.stdout.is_empty() {
        rendered.push_str(&format!("--- stdout\n{}", outcome.stdout));
    }
    if !outcome.stderr.is_empty() {
        rendered.push_str(&format!("--- stderr\n{}", outcome.stderr));
    }
    rendered
}
