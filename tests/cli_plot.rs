//! `symdiff plot`: the SVG it writes is parsed and its curves, legend
//! entries and labelled critical points counted; bad input is an error with
//! exit status 2 that leaves no file behind.

use expect_test::{Expect, expect};

/// Runs `symdiff plot ARGS --out PATH`; the exit status, what it printed
/// (the path replaced by `OUT`) and the SVG if one was written. The picture
/// goes to a fresh directory, removed afterwards.
fn plot(name: &str, args: &[&str]) -> (String, Option<String>) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join(format!("{name}.svg"));
    let path_text = path.display().to_string();
    let mut argv = vec!["symdiff", "plot"];
    argv.extend_from_slice(args);
    argv.extend_from_slice(&["--out", &path_text]);
    let outcome = symdiff_cli::run(argv, &mut "".as_bytes());
    let printed = format!(
        "status {}\n{}{}",
        outcome.code, outcome.stdout, outcome.stderr
    )
    .replace(&path_text, "OUT");
    (printed, std::fs::read_to_string(&path).ok())
}

/// What a picture shows: the number of drawn pieces of each color, the
/// legend's entries and the labels of critical points.
fn describe(svg: &str) -> String {
    let document = match roxmltree::Document::parse(svg) {
        Ok(document) => document,
        Err(error) => return format!("not well-formed: {error}"),
    };
    let mut pieces: Vec<(String, usize)> = Vec::new();
    for node in document
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
    {
        let color = node.attribute("stroke").unwrap_or("none").to_owned();
        match pieces.iter_mut().find(|(known, _)| *known == color) {
            Some((_, count)) => *count += 1,
            None => pieces.push((color, 1)),
        }
    }
    let texts: Vec<String> = document
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(|text| text.trim().to_owned())
        .collect();
    let legend: Vec<&String> = texts
        .iter()
        .filter(|text| {
            text.starts_with("f(")
                || text.starts_with("f'")
                || text.starts_with("gradient")
                || text.starts_with("critical")
        })
        .collect();
    let verdicts = ["minimum", "maximum", "saddle", "degenerate"];
    let critical: Vec<&String> = texts
        .iter()
        .filter(|text| verdicts.iter().any(|verdict| text.starts_with(verdict)))
        .collect();
    format!("pieces by color: {pieces:?}\nlegend: {legend:?}\ncritical points: {critical:?}")
}

fn check(name: &str, args: &[&str], expect: Expect) {
    let (printed, svg) = plot(name, args);
    let picture = svg.as_deref().map_or("no file".to_owned(), describe);
    expect.assert_eq(&format!("{printed}{picture}"));
}

/// The function and two derivatives; relu' and relu'' are drawn with their
/// jump as a jump (two pieces), not as a vertical line.
#[test]
fn curves_and_jumps() {
    check(
        "relu",
        &["relu(x)", "--derivatives", "2"],
        expect![[r##"
        status 0
        wrote OUT: 3 curves in 4 pieces
        pieces by color: [("#000000", 24), ("#1F77B4", 2), ("#D62728", 3), ("#2CA02C", 2)]
        legend: ["f(x) = relu(x)", "f'(x) = heaviside(x)", "f''(x) = 0"]
        critical points: []"##]],
    );
    check(
        "log",
        &["log(x)"],
        expect![[r##"
        status 0
        wrote OUT: 2 curves in 3 pieces
        pieces by color: [("#000000", 20), ("#1F77B4", 2), ("#D62728", 3)]
        legend: ["f(x) = log(x)", "f'(x) = 1/x"]
        critical points: []"##]],
    );
    check(
        "neuron",
        &[
            "(sigmoid(w*x + b) - t)^2",
            "--wrt",
            "w",
            "--at",
            "x=2,b=0.1,t=0.8",
            "--derivatives",
            "0",
        ],
        expect![[r##"
            status 0
            wrote OUT: 1 curve in 1 piece
            pieces by color: [("#000000", 20), ("#1F77B4", 2)]
            legend: ["f(w) = (sigmoid(b + w*x) - t)^2"]
            critical points: []"##]],
    );
    // Values near the largest number: the vertical axis is clipped to a
    // width that is a number (an infinite one hung the tick marks).
    check(
        "huge",
        &["1e308*x", "--range=-1.5:1.5", "--derivatives", "0"],
        expect![[r##"
        status 0
        wrote OUT: 1 curve in 1 piece
        pieces by color: [("#000000", 20), ("#1F77B4", 2)]
        legend: ["f(x) = 1e308*x"]
        critical points: []"##]],
    );
}

/// Contour lines, gradient arrows and the critical points, labelled.
#[test]
fn contours_and_critical_points() {
    check(
        "saddle",
        &["x^2 - y^2 + x*y^3", "--contour", "--range", "-2:2"],
        expect![[r##"
            status 0
            wrote OUT: 12 contour levels; saddle at (0, 0)
            pieces by color: [("#000000", 20), ("#1F77B4", 1487), ("#7F7F7F", 673)]
            legend: ["f(x, y) = x^2 + x*y^3 - y^2", "gradient direction", "critical points"]
            critical points: ["saddle (0, 0)"]"##]],
    );
    check(
        "waves",
        &["sin(x)*cos(y)", "--contour", "--range", "-3:3"],
        expect![[r##"
            status 0
            wrote OUT: 12 contour levels; saddle at (0, -1.571), minimum at (-1.571, 0), maximum at (1.571, 0), saddle at (0, 1.571)
            pieces by color: [("#000000", 16), ("#1F77B4", 2689), ("#7F7F7F", 676)]
            legend: ["f(x, y) = cos(y)*sin(x)", "gradient direction", "critical points"]
            critical points: ["saddle (0, -1.571)", "minimum (-1.571, 0)", "maximum (1.571, 0)", "saddle (0, 1.571)"]"##]],
    );
}

#[test]
fn mistakes_leave_no_file() {
    check(
        "wide",
        &["x", "--range=-1e308:1e308"],
        expect![[r#"
        status 2
        error: in --range: the range is wider than the largest number, 1.8e308
         --> <input>:1:1
          |
        1 | -1e308:1e308
          | ^^^^^^^^^^^^
          |
          = help: narrow it: TO - FROM must be a number, as in `--range -1e307:1e307`
        no file"#]],
    );
    check(
        "empty",
        &["x", "--range", "5:5"],
        expect![[r#"
            status 2
            error: in --range: the range is empty: FROM must be below TO
             --> <input>:1:1
              |
            1 | 5:5
              | ^^^
              |
              = help: write the interval as FROM:TO, e.g. `--range -5:5`
            no file"#]],
    );
    check(
        "nan",
        &["x", "--range", "1:nan"],
        expect![[r#"
            status 2
            error: in --range: the bounds must be finite numbers
             --> <input>:1:3
              |
            1 | 1:nan
              |   ^^^
              |
              = help: write the interval as FROM:TO, e.g. `--range -5:5`
            no file"#]],
    );
    check(
        "absent",
        &["x*y", "--wrt", "z"],
        expect![[r#"
            status 2
            error: in --wrt: `z` does not appear in the expression
             --> <input>:1:1
              |
            1 | z
              | ^
              |
              = help: its variables are x, y
            no file"#]],
    );
    check(
        "two",
        &["x*y"],
        expect![[r#"
            status 2
            error: the plot needs one variable, got 2
              |
              = help: its variables are x, y; choose one variable with --wrt and give the others values with --at
            no file"#]],
    );
    check(
        "order",
        &["x", "--derivatives", "3"],
        expect![[r#"
            status 2
            error: --derivatives 3 is too many to draw
              |
              = help: draw the function with 0, 1 or 2 of its derivatives
            no file"#]],
    );
    let outcome = symdiff_cli::run(
        ["symdiff", "plot", "x", "--out", "/nonexistent-dir/f.svg"],
        &mut "".as_bytes(),
    );
    assert_eq!(outcome.code, 2);
    assert!(
        outcome
            .stderr
            .starts_with("error: cannot write /nonexistent-dir/f.svg")
    );
}
