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

/// `symdiff functions` lists every function of the engine's table, each with
/// one partial derivative per parameter, in every format.
#[test]
fn functions_lists_the_table_with_its_derivatives() {
    let text = run(&["functions"]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    for func in symdiff::func::Func::CALLABLE {
        let info = func.info();
        let call = format!("{}({}): ", info.name, info.params.join(", "));
        assert!(text.stdout.contains(&call), "{call} missing");
        for param in info.params {
            assert!(text.stdout.contains(&format!("  ∂/∂{param} = ")));
        }
    }
    expect_test::expect![[r#"
        sigmoid(x): `1/(1 + exp(-x))`
          ∂/∂x = sigmoid(x)*(1 - sigmoid(x))
        relu(x): `max(x, 0)`
          ∂/∂x = heaviside(x)
          at a kink: `relu'(0) = heaviside(0) = 0`
        leaky_relu(x, alpha): `x` for `x > 0`, else `alpha*x`
          ∂/∂x = alpha*(1 - heaviside(x)) + heaviside(x)
          ∂/∂alpha = min(x, 0)
          at a kink: `leaky_relu'(0) = alpha`
    "#]]
    .assert_eq(&excerpt(&text.stdout, "sigmoid(x)", "softplus(x)"));
    let json = run(&["functions", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let entries = list.as_array().expect("a list");
    assert_eq!(entries.len(), symdiff::func::Func::CALLABLE.len());
    assert_eq!(entries[0]["partials"]["x"], "cos(x)");
    let latex = run(&["functions", "--format", "latex"]);
    assert!(
        latex.stdout.contains(
            "\\frac{\\partial}{\\partial x} \\sin\\left(x\\right) = \\cos\\left(x\\right)"
        )
    );
}

/// The lines of `text` from the one starting with `from` up to the one
/// starting with `to`.
fn excerpt(text: &str, from: &str, to: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .skip_while(|line| !line.starts_with(from))
        .take_while(|line| !line.starts_with(to))
        .collect();
    format!("{}\n", lines.join("\n"))
}
