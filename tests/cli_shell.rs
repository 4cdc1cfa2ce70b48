//! What the command line says about itself: `--help` ends with examples that
//! run, `completions` covers every subcommand in every shell, `man` is a
//! manual page listing them, and an unknown shell is a usage error.

use clap::CommandFactory;
use symdiff_cli::Cli;

fn run(args: &[&str]) -> symdiff_cli::Outcome {
    let mut argv = vec!["symdiff"];
    argv.extend_from_slice(args);
    symdiff_cli::run(argv, &mut "".as_bytes())
}

/// The subcommands, from the clap definition.
fn subcommands() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|command| command.get_name().to_owned())
        .collect()
}

/// Splits a shell-quoted example line into its arguments (single quotes
/// only, as the examples use).
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let (mut word, mut quoted) = (String::new(), false);
    for c in line.chars() {
        match c {
            '\'' => quoted = !quoted,
            ' ' if !quoted => words.extend((!word.is_empty()).then(|| std::mem::take(&mut word))),
            c => word.push(c),
        }
    }
    words.extend((!word.is_empty()).then_some(word));
    words
}

#[test]
fn help_ends_with_examples_that_run() {
    let help = run(&["--help"]);
    assert_eq!(help.code, 0);
    let examples = help
        .stdout
        .split("Examples:\n")
        .nth(1)
        .expect("an examples section");
    let lines: Vec<&str> = examples
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect();
    assert_eq!(lines.len(), 3, "{examples}");
    for line in lines {
        let words = words(line.trim());
        assert_eq!(words[0], "symdiff", "{line}");
        let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
        let outcome = run(&args);
        assert_eq!(outcome.code, 0, "{line}: {}", outcome.stderr);
        assert!(!outcome.stdout.is_empty(), "{line}");
    }
}

#[test]
fn completions_cover_every_subcommand_in_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = run(&["completions", shell]);
        assert_eq!(script.code, 0, "{shell}: {}", script.stderr);
        for subcommand in subcommands() {
            assert!(
                script.stdout.contains(&subcommand),
                "{shell} completes {subcommand}"
            );
        }
    }
    let unknown = run(&["completions", "nushell"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown
            .stderr
            .contains("possible values: bash, elvish, fish, powershell, zsh"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn the_manual_page_lists_every_subcommand() {
    let page = run(&["man"]);
    assert_eq!(page.code, 0, "{}", page.stderr);
    assert!(
        page.stdout.contains(".TH symdiff 1"),
        "{}",
        &page.stdout[..200.min(page.stdout.len())]
    );
    for subcommand in subcommands() {
        assert!(
            page.stdout.contains(&format!("symdiff\\-{subcommand}")),
            "the page lists {subcommand}"
        );
    }
}
