//! The catalogue of the command line's mistakes: every error `symdiff` can
//! print that is not the engine's (the expression's parse and semantic
//! errors, which `symdiff::Error` renders itself) is one kind here, with its
//! message and its hint. Mistakes in lists of variable names are the
//! engine's [`NameMistake`]s, which the macros report with the same words.
//!
//! A mistake stays typed until it is printed; [`crate::error::CliError`]
//! adds where it happened (a flag's value or the expression, with a span).

use symdiff::error::NameMistake;

/// The example of outputs shown in hints: definitions first, then outputs.
pub(crate) const OUTPUTS_EXAMPLE: &str = "`z = w*x + b; sigmoid(z); z^2`";

/// One mistake a user can make on the command line.
#[derive(Debug, Clone, PartialEq)]
pub enum Mistake {
    /// A mistake in a list of names (`--wrt`, `--args`, `--at`, `--dir`).
    Name {
        /// What is wrong with the name.
        mistake: NameMistake,
        /// The hint, which depends on the list.
        help: NameHelp,
    },
    /// `--at` or `--dir` gives a value to the constant `pi` or `e`.
    ValueForConstant {
        /// The constant.
        name: String,
        /// The expression's variables.
        variables: Vec<String>,
    },
    /// A name the expression defines, in `--wrt` of a command that
    /// differentiates by variables only.
    DefinedInWrt {
        /// The name.
        name: String,
        /// The expression's variables.
        variables: Vec<String>,
    },
    /// An empty `--at` entry.
    ExpectedEntry,
    /// An `--at` entry without `=`.
    ExpectedNameValue,
    /// An `--at` entry with nothing after `=`.
    MissingValue {
        /// The name before `=`.
        name: String,
    },
    /// A value of `--at` that is not a number.
    NotAValue {
        /// The text as written.
        text: String,
    },
    /// `--at` without a value for a variable that needs one.
    NoValueFor {
        /// The variable.
        name: String,
        /// Every variable that needs a value.
        names: Vec<String>,
    },
    /// `diff --wrt` with several variables.
    DiffTakesOne {
        /// How many were given.
        count: usize,
    },
    /// An empty `--dir`.
    ExpectedDirection,
    /// `--dir` with another number of components than variables.
    DirectionLength {
        /// The number of components given.
        components: usize,
        /// The Hessian's variables.
        variables: Vec<String>,
    },
    /// A `--dir` entry without `=` among named ones.
    ExpectedNameNumber,
    /// An empty component of `--dir`.
    ExpectedNumber,
    /// A component of `--dir` that is not a number.
    NotANumber {
        /// The text as written.
        text: String,
    },
    /// A `--dir` name that is a variable but not one of `--wrt`.
    NotInWrt {
        /// The name.
        name: String,
        /// The Hessian's variables.
        variables: Vec<String>,
    },
    /// Nothing to differentiate: no outputs.
    ExpectedOutput,
    /// Definitions ending in `;` and nothing after them.
    ExpectedOutputAfterDefinitions,
    /// Definitions without `;` and an output after them.
    ExpectedSemicolonAndOutputs,
    /// A definition after an output.
    DefinitionAfterOutput {
        /// The defined name.
        name: String,
    },
    /// An empty output before a `;`.
    ExpectedOutputBeforeSemicolon,
    /// An empty output after the last `;`.
    ExpectedOutputAfterSemicolon,
    /// `jacobian` with its outputs in several arguments.
    SeveralArguments {
        /// The arguments.
        arguments: Vec<String>,
    },
    /// `--tol` of `hessian` that is not finite and non-negative.
    InvalidTol {
        /// The value given.
        value: f64,
    },
    /// `--tol` of `check` that is not finite and non-negative.
    InvalidCheckTol {
        /// The value given.
        value: f64,
    },
    /// `--derivatives` above 2.
    TooManyDerivatives {
        /// The number given.
        count: usize,
    },
    /// A plot with another number of variables than axes.
    PlotVariables {
        /// `one variable` or `two variables (--wrt x,y)`.
        what: &'static str,
        /// How many there are.
        count: usize,
        /// The expression's variables when `--wrt` was not given.
        variables: Option<Vec<String>>,
    },
    /// `--range` without `:`.
    ExpectedRange,
    /// A bound of `--range` that is not finite.
    InfiniteBound,
    /// A bound of `--range` that is not a number.
    NotABound {
        /// The text as written.
        text: String,
    },
    /// `--range` with FROM not below TO.
    EmptyRange,
    /// A plot range wider than the largest `f64` (`--range=-1e308:1e308`).
    RangeTooWide,
    /// `--format` that a command does not print.
    FormatRefused {
        /// The command.
        command: &'static str,
        /// The format.
        format: &'static str,
    },
    /// A name that generated Rust cannot use.
    NotARustIdentifier {
        /// What the name names (`--name`, `the variable`).
        what: &'static str,
        /// The name.
        name: String,
    },
    /// A Rust keyword as a generated name.
    RustKeyword {
        /// What the name names.
        what: &'static str,
        /// The name.
        name: String,
    },
    /// Reading standard input failed.
    CannotReadInput {
        /// The system's error.
        error: String,
    },
    /// Standard input is not UTF-8.
    InputNotUtf8 {
        /// The offset of the first invalid byte.
        offset: usize,
    },
    /// Writing a file failed.
    CannotWrite {
        /// The file.
        path: String,
        /// The system's error.
        error: String,
    },
    /// A failure that is a bug (drawing into a string, rendering the manual
    /// page), with what failed.
    Internal {
        /// What failed, and the library's error.
        what: String,
    },
}

/// The hint after a [`NameMistake`], which says what the list may hold.
#[derive(Debug, Clone, PartialEq)]
pub enum NameHelp {
    /// No hint.
    None,
    /// `list variables separated by commas: --wrt w,b`.
    WrtSyntax,
    /// The expression's variables.
    Variables(Vec<String>),
    /// The variables that `--args` must list, each once.
    Args(Vec<String>),
    /// The variables of the Hessian (`--dir`).
    Hessian(Vec<String>),
}

impl Mistake {
    /// The one-line message, after `error: `.
    pub fn message(&self) -> String {
        match self {
            Mistake::Name { mistake, .. } => mistake.message(),
            Mistake::ValueForConstant { name, .. } => format!(
                "--at gives a value to `{name}`: {}",
                NameMistake::Constant { name: name.clone() }.message()
            ),
            Mistake::DefinedInWrt { name, .. } => format!(
                "{} (derivatives with respect to defined names are given by `diff` and `grad`)",
                NameMistake::Defined { name: name.clone() }.message()
            ),
            Mistake::ExpectedEntry => "expected `name=value` here".to_owned(),
            Mistake::ExpectedNameValue => "expected `name=value`".to_owned(),
            Mistake::MissingValue { name } => format!("missing the value of `{name}` after `=`"),
            Mistake::NotAValue { text } | Mistake::NotANumber { text } => {
                format!("`{text}` is not a number")
            }
            Mistake::NoValueFor { name, .. } => {
                format!("--at gives no value for the variable `{name}`")
            }
            Mistake::DiffTakesOne { count } => {
                format!("`diff --wrt` takes one variable, got {count}")
            }
            Mistake::ExpectedDirection => "expected a direction".to_owned(),
            Mistake::DirectionLength {
                components,
                variables,
            } => format!(
                "the direction has {components} component{}, but the Hessian is over {} \
                 variable{} ({})",
                plural(*components),
                variables.len(),
                plural(variables.len()),
                variables.join(", ")
            ),
            Mistake::ExpectedNameNumber => "expected `name=number`".to_owned(),
            Mistake::ExpectedNumber => "expected a number here".to_owned(),
            Mistake::NotInWrt { name, .. } => {
                format!("`{name}` is not one of the variables of --wrt")
            }
            Mistake::ExpectedOutput => "expected an output".to_owned(),
            Mistake::ExpectedOutputAfterDefinitions => {
                "expected an output after the definitions".to_owned()
            }
            Mistake::ExpectedSemicolonAndOutputs => {
                "expected `;` and the outputs after the definitions".to_owned()
            }
            Mistake::DefinitionAfterOutput { name } => {
                format!("the definition of `{name}` comes after an output")
            }
            Mistake::ExpectedOutputBeforeSemicolon => "expected an output before `;`".to_owned(),
            Mistake::ExpectedOutputAfterSemicolon => "expected an output after `;`".to_owned(),
            Mistake::SeveralArguments { arguments } => format!(
                "`jacobian` takes its outputs in one argument, separated by `;` (got {} arguments)",
                arguments.len()
            ),
            Mistake::InvalidTol { value } => format!(
                "--tol must be finite and non-negative, got {}",
                crate::output::fmt_value(*value)
            ),
            Mistake::InvalidCheckTol { value } => format!(
                "option `tol` must be finite and non-negative, got {}",
                crate::output::fmt_value(*value)
            ),
            Mistake::TooManyDerivatives { count } => {
                format!("--derivatives {count} is too many to draw")
            }
            Mistake::PlotVariables { what, count, .. } => {
                format!("the plot needs {what}, got {count}")
            }
            Mistake::ExpectedRange => "expected `FROM:TO`".to_owned(),
            Mistake::InfiniteBound => "the bounds must be finite numbers".to_owned(),
            Mistake::NotABound { text } => format!("`{text}` is not a number"),
            Mistake::EmptyRange => "the range is empty: FROM must be below TO".to_owned(),
            Mistake::RangeTooWide => {
                "the range is wider than the largest number, 1.8e308".to_owned()
            }
            Mistake::FormatRefused { command, format } => {
                format!("`{command}` does not print {format}")
            }
            Mistake::NotARustIdentifier { what, name } => {
                format!("{what} `{name}` is not a Rust identifier")
            }
            Mistake::RustKeyword { what, name } => format!(
                "{what} `{name}` is a Rust keyword, so it cannot name a function or parameter"
            ),
            Mistake::CannotReadInput { error } => {
                format!("cannot read the expression from standard input: {error}")
            }
            Mistake::InputNotUtf8 { offset } => {
                format!("standard input is not UTF-8 text (invalid byte at offset {offset})")
            }
            Mistake::CannotWrite { path, error } => format!("cannot write {path}: {error}"),
            Mistake::Internal { what } => what.clone(),
        }
    }

    /// The hint, after `= help: `, if there is one.
    pub fn help(&self) -> Option<String> {
        let help = match self {
            Mistake::Name { help, .. } => return help.text(),
            Mistake::ValueForConstant { variables, .. }
            | Mistake::DefinedInWrt { variables, .. } => {
                return Some(variables_hint(variables));
            }
            Mistake::ExpectedEntry => "entries are separated by single commas: `w=0.5,b=0.1`",
            Mistake::ExpectedNameValue => "write each value as `name=value`, e.g. `x=1.5`",
            Mistake::MissingValue { .. } | Mistake::NotAValue { .. } => {
                "values are decimal numbers such as `0.5`, `-2`, `1e-3`, `inf` or `nan`"
            }
            Mistake::NoValueFor { names, .. } => {
                let example: Vec<String> = names.iter().map(|name| format!("{name}=…")).collect();
                return Some(format!(
                    "every variable needs a value: --at {}",
                    example.join(",")
                ));
            }
            Mistake::DiffTakesOne { .. } => {
                "use `grad --wrt` for several first derivatives, or `--order` for higher ones"
            }
            Mistake::ExpectedDirection => {
                "give one number per variable (`--dir 1,0`) or name them (`--dir x=1`)"
            }
            Mistake::DirectionLength { variables, .. } => {
                let zeros = vec!["0"; variables.len()].join(",");
                return Some(format!(
                    "give one number per variable, in the order of --wrt (`--dir {zeros}`), or \
                     name them (`--dir name=1`)"
                ));
            }
            Mistake::ExpectedNameNumber => {
                "name every component or none: `--dir x=1,y=0.5` or `--dir 1,0.5`"
            }
            Mistake::ExpectedNumber | Mistake::NotANumber { .. } => {
                "components are numbers such as `1`, `-0.5`, `1e-3` or `1/3`"
            }
            Mistake::NotInWrt { variables, .. } => {
                return Some(format!("the Hessian is over {}", variables.join(", ")));
            }
            Mistake::ExpectedOutput => return Some(OUTPUTS_EXAMPLE.to_owned()),
            Mistake::ExpectedOutputAfterDefinitions | Mistake::ExpectedSemicolonAndOutputs => {
                return Some(format!(
                    "write the outputs after the definitions, separated by `;`, as in \
                     {OUTPUTS_EXAMPLE}"
                ));
            }
            Mistake::DefinitionAfterOutput { .. } => {
                return Some(format!(
                    "write the definitions first, then the outputs, as in {OUTPUTS_EXAMPLE}"
                ));
            }
            Mistake::ExpectedOutputBeforeSemicolon | Mistake::ExpectedOutputAfterSemicolon => {
                return Some(format!(
                    "separate the outputs by single `;`s, with none after the last, as in \
                     {OUTPUTS_EXAMPLE}"
                ));
            }
            Mistake::SeveralArguments { arguments } => {
                return Some(format!("symdiff jacobian '{}'", arguments.join("; ")));
            }
            Mistake::TooManyDerivatives { .. } => {
                "draw the function with 0, 1 or 2 of its derivatives"
            }
            Mistake::PlotVariables {
                what,
                variables: None,
                ..
            } => return Some(format!("the plot takes {what} in --wrt")),
            Mistake::PlotVariables {
                what,
                variables: Some(variables),
                ..
            } => {
                return Some(format!(
                    "{}; choose {what} with --wrt and give the others values with --at",
                    variables_hint(variables)
                ));
            }
            Mistake::ExpectedRange
            | Mistake::InfiniteBound
            | Mistake::NotABound { .. }
            | Mistake::EmptyRange => "write the interval as FROM:TO, e.g. `--range -5:5`",
            Mistake::RangeTooWide => {
                "narrow it: TO - FROM must be a number, as in `--range -1e307:1e307`"
            }
            Mistake::FormatRefused {
                command: "explain", ..
            } => "use `--format text`, `--format latex` or `--format json`",
            Mistake::FormatRefused { .. } => {
                "`--format mathml` is for formulas: parse, diff, grad, hessian, jacobian, hvp, \
                 eval and codegen; use `--format latex` here"
            }
            Mistake::RustKeyword { .. } => "rename it to generate Rust",
            Mistake::InvalidTol { .. }
            | Mistake::InvalidCheckTol { .. }
            | Mistake::NotARustIdentifier { .. }
            | Mistake::CannotReadInput { .. }
            | Mistake::InputNotUtf8 { .. }
            | Mistake::CannotWrite { .. }
            | Mistake::Internal { .. } => return None,
        };
        Some(help.to_owned())
    }
}

impl NameHelp {
    fn text(&self) -> Option<String> {
        match self {
            NameHelp::None => None,
            NameHelp::WrtSyntax => {
                Some("list variables separated by commas: `--wrt w,b`".to_owned())
            }
            NameHelp::Variables(variables) => Some(variables_hint(variables)),
            NameHelp::Args(variables) => Some(format!(
                "list every variable once, in the order the functions take them; the variables \
                 are: {}",
                variables.join(", ")
            )),
            NameHelp::Hessian(variables) => {
                Some(format!("the Hessian is over {}", variables.join(", ")))
            }
        }
    }
}

/// `its variables are w, b`, or that there are none.
pub(crate) fn variables_hint(variables: &[String]) -> String {
    match variables.is_empty() {
        true => "the expression has no variables".to_owned(),
        false => format!("its variables are {}", variables.join(", ")),
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// Something worth saying that does not stop the command: printed on
/// standard error after `warning: `.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// A `--wrt` name that does not appear in the expression.
    AbsentInWrt {
        /// The name.
        name: String,
        /// The expression's variables.
        variables: Vec<String>,
    },
    /// An `--at` value for a name that is no variable, which is ignored.
    IgnoredValue {
        /// Why the name is no variable.
        mistake: NameMistake,
    },
    /// `--order` with `--format rust`, which emits first derivatives.
    OrderIgnored,
    /// No eigenvalues or verdict: something is not finite at the point.
    NoVerdictNotFinite,
    /// No eigenvalues or verdict: the analysis failed for another reason.
    NoVerdict {
        /// The analysis's error.
        error: symdiff::critical::AnalysisError,
    },
    /// Values that are not finite at the point.
    NotFinite {
        /// `label = value` of each such value.
        values: Vec<String>,
    },
}

impl Warning {
    /// The message, after `warning: `.
    pub fn message(&self) -> String {
        match self {
            Warning::AbsentInWrt { name, variables } => format!(
                "--wrt: `{name}` does not appear in the expression, so its derivative is 0 ({})",
                variables_hint(variables)
            ),
            Warning::IgnoredValue { mistake } => format!(
                "--at gives a value to `{}`, which is ignored: {}",
                mistake.name().unwrap_or_default(),
                mistake.message()
            ),
            Warning::OrderIgnored => {
                "the generated Rust computes first derivatives; --order is ignored".to_owned()
            }
            Warning::NoVerdictNotFinite => {
                "no eigenvalues or verdict: the function, its gradient or its Hessian is not finite at this point"
                    .to_owned()
            }
            Warning::NoVerdict { error } => format!("no eigenvalues or verdict: {error}"),
            Warning::NotFinite { values } => {
                let shown = values
                    .iter()
                    .take(5)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ");
                let more = match values.len() > 5 {
                    true => format!(" and {} more", values.len() - 5),
                    false => String::new(),
                };
                format!(
                    "not finite at this point (a function outside its domain, a division by zero \
                     or an overflow): {shown}{more}"
                )
            }
        }
    }
}
