//! The command line's grammar (clap derive).

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Three invocations that show what the program is for, at the end of
/// `symdiff --help`.
const EXAMPLES: &str = "Examples:
  symdiff grad '(sigmoid(w*x + b) - t)^2' --at w=0.5,b=0.1,x=2,t=0.8
  symdiff hessian 'x^2 - y^2 + x*y^3' --at x=0,y=0
  symdiff explain 'z = w*x + b; y = sigmoid(z); (y - t)^2' --at w=0.5,b=0.1,x=2,t=0.8";

/// Exact derivatives, gradients, Hessians and gradient checks of math
/// written as text.
#[derive(Debug, Parser)]
#[command(
    name = "symdiff",
    version,
    about,
    max_term_width = 100,
    after_help = EXAMPLES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// How to print the result.
    #[arg(long, value_enum, default_value_t = Format::Text, global = true)]
    pub format: Format,
    /// Print timings and sizes as one JSON line on standard error.
    #[arg(long, global = true)]
    pub stats: bool,
    /// With `--stats`: parse and derive N times more, each time in a fresh
    /// graph, and report the median times (warm, as a benchmark running in
    /// one process measures them).
    #[arg(
        long,
        value_name = "N",
        default_value_t = 1,
        global = true,
        requires = "stats"
    )]
    pub repeat: usize,
    /// The most distinct subexpressions a command may build (about 150 bytes
    /// each) before it stops with an error.
    #[arg(long, value_name = "N", default_value_t = symdiff::graph::DEFAULT_MAX_NODES, global = true)]
    pub max_nodes: usize,
    /// Print values rounded to N significant digits (1 to 17; default: the
    /// shortest digits that read back as the same number). JSON keeps every
    /// digit.
    #[arg(long, value_name = "N", global = true, value_parser = clap::value_parser!(u8).range(1..=17))]
    pub precision: Option<u8>,
    /// When to colour error messages: `auto` colours them on a terminal
    /// unless the `NO_COLOR` environment variable is set.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
}

/// When error messages are coloured (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set to anything but the empty
    /// string.
    Auto,
    /// Always, even in a pipe.
    Always,
    /// Never.
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: one line per derivative, then values.
    Text,
    /// Formulas as LaTeX (math mode, one equation per line).
    Latex,
    /// Formulas as presentation MathML, one `<math>` element per line (for
    /// browsers and notebooks).
    Mathml,
    /// The Rust functions that `codegen` prints.
    Rust,
    /// One JSON object on standard output.
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the expression back as parsed (text), or simplified (other formats).
    Parse(ExprArg),
    /// The derivative with respect to one variable.
    Diff(DiffArgs),
    /// The gradient, and its value at a point.
    Grad(DerivativeArgs),
    /// The Hessian; at a point also its eigenvalues and the verdict.
    ///
    /// With --sparse, only the entries of the lower triangle that are not
    /// identically zero, row by row, with their indices and the pattern's
    /// density.
    Hessian(HessianArgs),
    /// The Jacobian of several outputs, and its value at a point.
    ///
    /// The outputs come after the definitions, separated by `;`, in one
    /// argument: `symdiff jacobian 'z = w*x + b; sigmoid(z); z^2'` has two
    /// outputs. One row per output, one column per variable.
    Jacobian(JacobianArgs),
    /// The Hessian times a direction (H·v), without forming the Hessian.
    ///
    /// The direction is given by --dir, one number per variable in the
    /// order of --wrt (`--dir 1,0,-2`), or by name (`--dir x=1,z=-2`, the
    /// others 0). With --at, the values.
    Hvp(HvpArgs),
    /// The value at a point.
    Eval(EvalArgs),
    /// Compare the symbolic gradient and Hessian with central differences.
    Check(CheckArgs),
    /// Rust functions computing the gradient (and Hessian).
    Codegen(CodegenArgs),
    /// The chain rule step by step: the forward and the backward pass.
    ///
    /// Each step with its formula (the expression's definitions, or its
    /// calls and shared subexpressions named u1, u2, ...), each local
    /// derivative, and how they multiply into the adjoints; with --at,
    /// every value.
    Explain(ExplainArgs),
    /// Draw the function and its derivatives, or its contours, as SVG.
    ///
    /// One variable: the function and up to two derivatives, their formulas
    /// in the legend. Two variables with --contour: contour lines, gradient
    /// arrows and the critical points in the range, labelled.
    Plot(PlotArgs),
    /// A completion script for a shell.
    ///
    /// For example `symdiff completions bash >
    /// ~/.local/share/bash-completion/completions/symdiff`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The manual page, in roff.
    ///
    /// For example `symdiff man > symdiff.1`.
    Man,
    /// Every function the formulas may call, with its derivatives.
    ///
    /// From the engine's function table: each function's parameters, what it
    /// is, its partial derivatives as symdiff writes them, its other names,
    /// the `f64` method the macros read as it, and its convention at a kink.
    Functions,
}

#[derive(Debug, Args)]
pub struct PlotArgs {
    #[command(flatten)]
    pub expr: ExprArg,
    /// The variable of the horizontal axis (with --contour, two: `x,y`);
    /// needed when the expression has more variables than axes.
    #[arg(long, value_name = "VARS", allow_hyphen_values = true)]
    pub wrt: Option<String>,
    /// The interval of each axis, `FROM:TO`.
    #[arg(
        long,
        default_value = "-5:5",
        value_name = "FROM:TO",
        allow_hyphen_values = true
    )]
    pub range: String,
    /// How many derivatives to draw beside the function (0, 1 or 2).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub derivatives: usize,
    /// Values `name=value,...` for the variables that are not plotted.
    #[arg(long, value_name = "POINT", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// Two variables: contour lines, gradient arrows and the critical
    /// points found in the range, labelled.
    #[arg(long)]
    pub contour: bool,
    /// The SVG file to write (written whole or not at all).
    #[arg(long, value_name = "FILE.svg")]
    pub out: std::path::PathBuf,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    pub expr: ExprArg,
    /// Comma-separated variables where the backward pass ends (default:
    /// all, in order of first appearance).
    #[arg(long, value_name = "VARS", allow_hyphen_values = true)]
    pub wrt: Option<String>,
    /// A point `name=value,...` at which to give every step's value.
    #[arg(long, value_name = "POINT", allow_hyphen_values = true)]
    pub at: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExprArg {
    /// The expression, e.g. `(sigmoid(w*x + b) - t)^2`; `-` reads standard input.
    #[arg(allow_hyphen_values = true)]
    pub expr: String,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    #[command(flatten)]
    pub expr: ExprArg,
    /// The variable to differentiate by.
    #[arg(long, value_name = "VAR")]
    pub wrt: String,
    /// How many times to differentiate (any order whose derivative becomes
    /// 0; otherwise at most 64).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub order: usize,
    #[command(flatten)]
    pub shape: ShapeArgs,
}

/// How to show the resulting formulas (their values are the same).
#[derive(Debug, Clone, Copy, Args)]
pub struct ShapeArgs {
    /// Print the formulas multiplied out, like terms collected.
    #[arg(long, conflicts_with = "factor")]
    pub expand: bool,
    /// Print the formulas with the common factors of every sum pulled out.
    #[arg(long)]
    pub factor: bool,
}

#[derive(Debug, Args)]
pub struct DerivativeArgs {
    #[command(flatten)]
    pub expr: ExprArg,
    /// Comma-separated variables (default: all, in order of first appearance).
    #[arg(long, value_name = "VARS", allow_hyphen_values = true)]
    pub wrt: Option<String>,
    /// A point `name=value,...` at which to evaluate.
    #[arg(long, value_name = "POINT", allow_hyphen_values = true)]
    pub at: Option<String>,
    #[command(flatten)]
    pub shape: ShapeArgs,
}

#[derive(Debug, Args)]
pub struct HessianArgs {
    #[command(flatten)]
    pub derivative: DerivativeArgs,
    /// With --at, the verdict's relative tolerance: ∂f/∂x_i counts as 0
    /// within TOL × Σ_j |∂²f/∂x_i∂x_j · x_j|, an eigenvalue within TOL × the
    /// largest |eigenvalue| or within the Hessian's change as each coordinate
    /// moves by TOL of itself; an exact 0 needs none.
    #[arg(
        long,
        default_value_t = symdiff::critical::Tolerances::DEFAULT.gradient,
        value_name = "TOL",
        requires = "at",
        allow_hyphen_values = true
    )]
    pub tol: f64,
    /// Only the entries of the lower triangle that are not identically
    /// zero, row by row, with their (row, column) indices from 0 and the
    /// pattern's density; with --at, their values.
    #[arg(long, conflicts_with = "tol")]
    pub sparse: bool,
}

#[derive(Debug, Args)]
pub struct JacobianArgs {
    /// The outputs, separated by `;`, after any definitions: `x*y; x + y;
    /// sin(x)`; `-` reads standard input.
    #[arg(allow_hyphen_values = true, value_name = "OUTPUTS")]
    pub outputs: String,
    /// Further arguments, refused with a hint: the outputs go in one
    /// argument.
    #[arg(hide = true, value_name = "MORE")]
    pub more: Vec<String>,
    /// Comma-separated variables, the columns (default: all, in order of
    /// first appearance).
    #[arg(long, value_name = "VARS", allow_hyphen_values = true)]
    pub wrt: Option<String>,
    /// A point `name=value,...` at which to evaluate.
    #[arg(long, value_name = "POINT", allow_hyphen_values = true)]
    pub at: Option<String>,
    #[command(flatten)]
    pub shape: ShapeArgs,
}

#[derive(Debug, Args)]
pub struct HvpArgs {
    #[command(flatten)]
    pub derivative: DerivativeArgs,
    /// The direction v: one number per variable of --wrt, in order
    /// (`1,0,-0.5`, `1/3`), or `name=number,...` with the variables not
    /// named taken as 0.
    #[arg(long, value_name = "DIRECTION", allow_hyphen_values = true)]
    pub dir: String,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    pub expr: ExprArg,
    /// The point `name=value,...`; every variable needs a value (an
    /// expression without variables needs none).
    #[arg(long, value_name = "POINT", allow_hyphen_values = true)]
    pub at: Option<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub expr: ExprArg,
    /// The point `name=value,...`; every variable needs a value.
    #[arg(long, value_name = "POINT", allow_hyphen_values = true)]
    pub at: String,
    /// Relative step of the central differences.
    #[arg(
        long,
        default_value_t = symdiff::check::CheckOptions::DEFAULT.eps,
        value_name = "E",
        allow_hyphen_values = true
    )]
    pub eps: f64,
    /// Relative tolerance.
    #[arg(
        long,
        default_value_t = symdiff::check::CheckOptions::DEFAULT.rtol,
        value_name = "R",
        allow_hyphen_values = true
    )]
    pub rtol: f64,
    /// Absolute tolerance.
    #[arg(
        long,
        default_value_t = symdiff::check::CheckOptions::DEFAULT.atol,
        value_name = "A",
        allow_hyphen_values = true
    )]
    pub atol: f64,
    /// The relative rounding error taken for each value a central difference
    /// reads: an entry that would pass with the difference moved by its
    /// rounding error is inconclusive (try a larger --eps), not a failure.
    #[arg(
        long,
        default_value_t = symdiff::check::CheckOptions::DEFAULT.rounding,
        value_name = "TOL",
        allow_hyphen_values = true
    )]
    pub tol: f64,
}

#[derive(Debug, Args)]
pub struct CodegenArgs {
    #[command(flatten)]
    pub expr: ExprArg,
    /// The base name of the generated functions (`NAME_grad`, ...).
    #[arg(long, default_value = "f")]
    pub name: String,
    /// Comma-separated variables (default: all, in order of first appearance).
    #[arg(long, value_name = "VARS", allow_hyphen_values = true)]
    pub wrt: Option<String>,
    /// The functions' parameters in order, comma-separated: every variable
    /// once (default: in order of first appearance).
    #[arg(long, value_name = "VARS", allow_hyphen_values = true)]
    pub args: Option<String>,
    /// Also generate `NAME_hessian`.
    #[arg(long)]
    pub hessian: bool,
}
