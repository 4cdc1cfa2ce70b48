//! The real binary, in a handful of processes: standard input, exit
//! statuses, the two output streams and `--stats`.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn symdiff(args: &[&str], stdin: &str) -> Output {
    symdiff_with_env(args, stdin, &[])
}

fn symdiff_with_env(args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_symdiff"))
        .args(args)
        .env_remove("NO_COLOR")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the symdiff binary starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes())
        .expect("stdin takes the expression");
    child.wait_with_output().expect("symdiff finishes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn gradient_from_standard_input() {
    let output = symdiff(&["grad", "-", "--at", "x=3,y=2"], "x^2*y\n");
    assert_eq!(output.status.code(), Some(0));
    let stdout = text(&output.stdout);
    assert!(stdout.starts_with("∂/∂x = 2*x*y\n∂/∂y = x^2\n"), "{stdout}");
    assert!(stdout.contains("∂/∂x =  12\n"), "{stdout}");
    assert!(output.stderr.is_empty());
}

#[test]
fn parse_error_exits_2_with_a_caret() {
    let output = symdiff(&["eval", "sigmoid(w*x + )", "--at", "w=1"], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with("error: expected an operand after `+`"),
        "{stderr}"
    );
    assert!(stderr.contains("|               ^"), "{stderr}");
}

/// The escape character that starts every ANSI colour sequence.
const ESCAPE: char = '\x1b';

#[test]
fn color_always_colours_errors_even_in_a_pipe() {
    let output = symdiff(&["parse", "sinn(x)", "--color", "always"], "");
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains(ESCAPE), "{stderr:?}");
    assert!(stderr.contains("unknown function `sinn`"), "{stderr:?}");
}

#[test]
fn no_color_and_a_pipe_give_plain_errors() {
    for args in [
        &["parse", "sinn(x)", "--color", "auto"][..],
        &["parse", "sinn(x)"][..],
        &["parse", "sinn(x)", "--color", "never"][..],
    ] {
        let output = symdiff_with_env(args, "", &[("NO_COLOR", "1")]);
        assert_eq!(output.status.code(), Some(2));
        let stderr = text(&output.stderr);
        assert!(!stderr.contains(ESCAPE), "{args:?}: {stderr:?}");
        assert!(
            stderr.starts_with("error: unknown function `sinn`"),
            "{stderr:?}"
        );
    }
}

#[test]
fn failing_check_exits_1() {
    let output = symdiff(&["check", "abs(x)", "--at", "x=0"], "");
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout).contains("FAIL"));
}

#[test]
fn stats_is_one_json_line_on_stderr() {
    let output = symdiff(&["hessian", "sin(x*y)", "--stats", "--format", "json"], "");
    assert_eq!(output.status.code(), Some(0));
    let stdout: serde_json::Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    assert_eq!(stdout["vars"], serde_json::json!(["x", "y"]));
    let stderr = text(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let stats: serde_json::Value = serde_json::from_str(&stderr).expect("stats are JSON");
    for key in [
        "parse_us",
        "derive_us",
        "tree_nodes",
        "dag_nodes",
        "instructions",
    ] {
        assert!(stats[key].is_number(), "{key} in {stats}");
    }
}

#[test]
fn help_exits_0() {
    let output = symdiff(&["--help"], "");
    assert_eq!(output.status.code(), Some(0));
    assert!(text(&output.stdout).contains("codegen"));
}
