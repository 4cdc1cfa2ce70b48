//! The functions, one declaration each. Adding a function is one entry
//! here (with its partial derivative below when it takes more than a line)
//! and its tests: the enum [`Func`], the list of callable names and every
//! aspect the rest of symdiff reads come from these entries.

use super::{
    CallSite, Comparison, ERF_HELPER, Eval, FunctionInfo, LatexForm, PLAIN, TANH_HELPER, elu, gelu,
    heaviside, leaky_relu, max, min, relu, sigmoid, sign, silu, softplus, softsign,
};
use crate::graph::{Constant, Graph, NodeId};
use crate::number::Number;
use std::ops::Neg as _;

/// Declares [`Func`] with one variant per entry, `Func::CALLABLE` listing
/// them in order, and `Func::info`, whose `match` the compiler holds to
/// every variant. `where` is added by hand: its comparison is a payload.
macro_rules! functions {
    ($($(#[$doc:meta])* $variant:ident => $info:expr,)*) => {
        /// A built-in function. `pow(a, b)` is not here: it is the power
        /// operator.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Func {
            $($(#[$doc])* $variant,)*
            /// `where(l < r, a, b)` (or `<=`): `a` where the comparison
            /// holds, `b` where it does not, NaN where `l` or `r` is NaN. Its
            /// operands are `[l, r, a, b]`; the text syntax's `>` and `>=`
            /// swap `l` and `r`.
            Where(Comparison),
        }

        impl Func {
            /// Every function called by name, in the table's order (all but
            /// `where`).
            pub const CALLABLE: &[Func] = &[$(Func::$variant,)*];

            /// The function's entry in the table.
            pub fn info(self) -> &'static FunctionInfo {
                match self {
                    $(Func::$variant => {
                        const INFO: FunctionInfo = $info;
                        &INFO
                    })*
                    Func::Where(Comparison::Less) => &WHERE_LESS,
                    Func::Where(Comparison::LessEq) => &WHERE_LESS_EQ,
                }
            }
        }
    };
}

// The order of the entries is the order of calls among the operands of a
// sum or product (after their names): new functions go at the end.
functions! {
    Sin => FunctionInfo {
        name: "sin",
        doc: "sine",
        eval: Eval::Unary(f64::sin),
        fold: |x| x[0].is_zero().then_some(Number::ZERO),
        partial: |graph, site| graph.call(Func::Cos, &[site.x()]),
        latex: LatexForm::Operator("\\sin"),
        rust: "$F::sin($0)",
        method: Some("sin"),
        ..PLAIN
    },
    Cos => FunctionInfo {
        name: "cos",
        doc: "cosine",
        eval: Eval::Unary(f64::cos),
        fold: |x| x[0].is_zero().then_some(Number::ONE),
        partial: |graph, site| {
            let sin = graph.call(Func::Sin, &[site.x()]);
            graph.neg(sin)
        },
        latex: LatexForm::Operator("\\cos"),
        rust: "$F::cos($0)",
        method: Some("cos"),
        ..PLAIN
    },
    Tan => FunctionInfo {
        name: "tan",
        doc: "tangent",
        eval: Eval::Unary(f64::tan),
        fold: |x| x[0].is_zero().then_some(Number::ZERO),
        partial: tan_partial,
        latex: LatexForm::Operator("\\tan"),
        rust: "$F::tan($0)",
        method: Some("tan"),
        ..PLAIN
    },
    Asin => FunctionInfo {
        name: "asin",
        doc: "inverse sine",
        eval: Eval::Unary(f64::asin),
        fold: |x| x[0].is_zero().then_some(Number::ZERO),
        partial: |graph, site| arcsine_partial(graph, site.x()),
        latex: LatexForm::Operator("\\arcsin"),
        rust: "$F::asin($0)",
        method: Some("asin"),
        ..PLAIN
    },
    Acos => FunctionInfo {
        name: "acos",
        doc: "inverse cosine",
        eval: Eval::Unary(f64::acos),
        partial: |graph, site| {
            let asin = arcsine_partial(graph, site.x());
            graph.neg(asin)
        },
        never_negative: true,
        latex: LatexForm::Operator("\\arccos"),
        rust: "$F::acos($0)",
        method: Some("acos"),
        ..PLAIN
    },
    Atan => FunctionInfo {
        name: "atan",
        doc: "inverse tangent",
        eval: Eval::Unary(f64::atan),
        fold: |x| x[0].is_zero().then_some(Number::ZERO),
        partial: |graph, site| {
            let square = graph.powi(site.x(), 2);
            let one = graph.one();
            let sum = graph.add2(one, square);
            graph.powi(sum, -1)
        },
        latex: LatexForm::Operator("\\arctan"),
        rust: "$F::atan($0)",
        method: Some("atan"),
        ..PLAIN
    },
    Sinh => FunctionInfo {
        name: "sinh",
        doc: "hyperbolic sine",
        eval: Eval::Unary(f64::sinh),
        fold: |x| x[0].is_zero().then_some(Number::ZERO),
        partial: |graph, site| graph.call(Func::Cosh, &[site.x()]),
        latex: LatexForm::Operator("\\sinh"),
        rust: "$F::sinh($0)",
        method: Some("sinh"),
        ..PLAIN
    },
    Cosh => FunctionInfo {
        name: "cosh",
        doc: "hyperbolic cosine",
        eval: Eval::Unary(f64::cosh),
        fold: |x| x[0].is_zero().then_some(Number::ONE),
        partial: |graph, site| graph.call(Func::Sinh, &[site.x()]),
        never_negative: true,
        latex: LatexForm::Operator("\\cosh"),
        rust: "$F::cosh($0)",
        method: Some("cosh"),
        ..PLAIN
    },
    Tanh => FunctionInfo {
        name: "tanh",
        doc: "hyperbolic tangent",
        eval: Eval::Unary(super::tanh),
        eval_each: Some(super::tanh_each),
        fold: |x| x[0].is_zero().then_some(Number::ZERO),
        partial: |graph, site| {
            let one = graph.one();
            let square = graph.powi(site.call, 2);
            graph.sub(one, square)
        },
        latex: LatexForm::Operator("\\tanh"),
        rust: "__symdiff_tanh($0)",
        helpers: &[TANH_HELPER],
        method: Some("tanh"),
        ..PLAIN
    },
    Exp => FunctionInfo {
        name: "exp",
        doc: "exponential",
        eval: Eval::Unary(f64::exp),
        fold: |x| x[0].is_zero().then_some(Number::ONE),
        partial: |_, site| site.call,
        never_negative: true,
        latex: LatexForm::Operator("\\exp"),
        rust: "$F::exp($0)",
        method: Some("exp"),
        ..PLAIN
    },
    /// The natural logarithm.
    Log => FunctionInfo {
        name: "log",
        aliases: &["ln"],
        doc: "natural logarithm (`ln` too)",
        eval: Eval::Unary(f64::ln),
        fold: |x| x[0].is_one().then_some(Number::ZERO),
        partial: |graph, site| graph.powi(site.x(), -1),
        latex: LatexForm::Operator("\\ln"),
        rust: "$F::ln($0)",
        method: Some("ln"),
        ..PLAIN
    },
    Sqrt => FunctionInfo {
        name: "sqrt",
        doc: "square root",
        eval: Eval::Unary(f64::sqrt),
        fold: |x| (!x[0].is_negative()).then(|| x[0].pow(Number::HALF)).flatten(),
        partial: |graph, site| {
            let half = graph.num(Number::HALF);
            let reciprocal = graph.powi(site.call, -1);
            graph.mul2(half, reciprocal)
        },
        latex: LatexForm::Root,
        rust: "$F::sqrt($0)",
        method: Some("sqrt"),
        ..PLAIN
    },
    Abs => FunctionInfo {
        name: "abs",
        doc: "absolute value",
        kink: Some("`abs'(0) = sign(0) = 0`"),
        eval: Eval::Unary(f64::abs),
        fold: |x| Some(x[0].abs()),
        partial: |graph, site| graph.call(Func::Sign, &[site.x()]),
        never_negative: true,
        latex: LatexForm::Bars,
        rust: "$F::abs($0)",
        method: Some("abs"),
        ..PLAIN
    },
    /// `sign(x)`: -1, 0 or 1, with `sign(0) = 0`.
    Sign => FunctionInfo {
        name: "sign",
        doc: "-1, 0 or 1, with `sign(0) = 0`",
        kink: Some("`sign' = 0`"),
        eval: Eval::Unary(sign),
        fold: |x| {
            let x = x[0];
            Some(Number::int(i64::from(x.to_f64() > 0.0) - i64::from(x.is_negative())))
        },
        latex: LatexForm::Operator("\\operatorname{sign}"),
        rust: "if $0 > 0.0_f64 { 1.0_f64 } else if $0 < 0.0_f64 { -1.0_f64 } else { $0 * 0.0_f64 }",
        ..PLAIN
    },
    /// `sigmoid(x) = 1/(1 + exp(-x))`.
    Sigmoid => FunctionInfo {
        name: "sigmoid",
        doc: "`1/(1 + exp(-x))`",
        eval: Eval::Unary(sigmoid),
        fold: |x| x[0].is_zero().then_some(Number::HALF),
        partial: |graph, site| {
            let one = graph.one();
            let complement = graph.sub(one, site.call);
            graph.mul2(site.call, complement)
        },
        never_negative: true,
        latex: LatexForm::Operator("\\operatorname{sigmoid}"),
        rust: "1.0_f64 / (1.0_f64 + $F::exp(-$0))",
        ..PLAIN
    },
    /// `relu(x) = max(x, 0)`.
    Relu => FunctionInfo {
        name: "relu",
        doc: "`max(x, 0)`",
        kink: Some("`relu'(0) = heaviside(0) = 0`"),
        eval: Eval::Unary(relu),
        fold: |x| Some(if x[0].is_negative() { Number::ZERO } else { x[0] }),
        partial: |graph, site| graph.call(Func::Heaviside, &[site.x()]),
        never_negative: true,
        latex: LatexForm::Operator("\\operatorname{relu}"),
        rust: "if $0 > 0.0_f64 || $F::is_nan($0) { $0 } else { 0.0_f64 }",
        ..PLAIN
    },
    /// `leaky_relu(x, alpha)`: `x` for `x > 0`, else `alpha*x`.
    LeakyRelu => FunctionInfo {
        name: "leaky_relu",
        params: &["x", "alpha"],
        doc: "`x` for `x > 0`, else `alpha*x`",
        kink: Some("`leaky_relu'(0) = alpha`"),
        eval: Eval::Binary(leaky_relu),
        fold: |args| Some(if args[0].to_f64() > 0.0 { args[0] } else { args[1] * args[0] }),
        partial: leaky_relu_partial,
        latex: LatexForm::Operator("\\operatorname{leaky\\_relu}"),
        rust: "if $0 > 0.0_f64 { $0 } else { $1 * $0 }",
        ..PLAIN
    },
    /// `softplus(x) = log(1 + exp(x))`.
    Softplus => FunctionInfo {
        name: "softplus",
        doc: "`log(1 + exp(x))`",
        eval: Eval::Unary(softplus),
        partial: |graph, site| graph.call(Func::Sigmoid, &[site.x()]),
        never_negative: true,
        latex: LatexForm::Operator("\\operatorname{softplus}"),
        rust: "if $0 > 30.0_f64 { $0 + $F::exp(-$0) } else { $F::ln_1p($F::exp($0)) }",
        ..PLAIN
    },
    /// `heaviside(x)`: 1 for `x > 0`, else 0 (so `heaviside(0) = 0`).
    Heaviside => FunctionInfo {
        name: "heaviside",
        doc: "1 for `x > 0`, else 0",
        kink: Some("`heaviside' = 0` with `heaviside(0) = 0`"),
        eval: Eval::Unary(heaviside),
        fold: |x| Some(Number::int(i64::from(x[0].to_f64() > 0.0))),
        never_negative: true,
        latex: LatexForm::Operator("\\operatorname{heaviside}"),
        rust: "if $0 > 0.0_f64 { 1.0_f64 } else if $F::is_nan($0) { $0 } else { 0.0_f64 }",
        ..PLAIN
    },
    Max => FunctionInfo {
        name: "max",
        params: &["a", "b"],
        doc: "the larger argument; NaN if either is NaN",
        kink: Some("at a tie `max` gives each argument half the derivative"),
        eval: Eval::Binary(max),
        fold: |args| Some(if args[1] > args[0] { args[1] } else { args[0] }),
        partial: |graph, site| extremum_partial(graph, Func::Max, site),
        latex: LatexForm::Operator("\\max"),
        rust: "if $F::is_nan($0) || $F::is_nan($1) { $F::NAN } else if $1 > $0 { $1 } else { $0 }",
        method: Some("max"),
        ..PLAIN
    },
    Min => FunctionInfo {
        name: "min",
        params: &["a", "b"],
        doc: "the smaller argument; NaN if either is NaN",
        kink: Some("at a tie `min` gives each argument half the derivative"),
        eval: Eval::Binary(min),
        fold: |args| Some(if args[1] < args[0] { args[1] } else { args[0] }),
        partial: |graph, site| extremum_partial(graph, Func::Min, site),
        latex: LatexForm::Operator("\\min"),
        rust: "if $F::is_nan($0) || $F::is_nan($1) { $F::NAN } else if $1 < $0 { $1 } else { $0 }",
        method: Some("min"),
        ..PLAIN
    },
    /// The error function.
    Erf => FunctionInfo {
        name: "erf",
        doc: "error function, `2/sqrt(pi)` times the integral of `exp(-t^2)` from 0 to `x`",
        eval: Eval::Unary(super::erf),
        fold: |x| x[0].is_zero().then_some(Number::ZERO),
        partial: erf_partial,
        latex: LatexForm::Operator("\\operatorname{erf}"),
        rust: "__symdiff_erf($0)",
        helpers: &[ERF_HELPER],
        ..PLAIN
    },
    /// `gelu(x) = x*Φ(x)`, exact (through `erf`), as PyTorch's default.
    Gelu => FunctionInfo {
        name: "gelu",
        doc: "`x*(1 + erf(x/sqrt(2)))/2`, exact as PyTorch's default",
        eval: Eval::Unary(gelu),
        fold: |x| x[0].is_zero().then_some(Number::ZERO),
        partial: gelu_partial,
        latex: LatexForm::Operator("\\operatorname{gelu}"),
        rust: "$0 * 0.5_f64 * (1.0_f64 + __symdiff_erf($0 * ::core::f64::consts::FRAC_1_SQRT_2))",
        helpers: &[ERF_HELPER],
        ..PLAIN
    },
    /// `silu(x) = x*sigmoid(x)`, also called `swish`.
    Silu => FunctionInfo {
        name: "silu",
        aliases: &["swish"],
        doc: "`x*sigmoid(x)` (`swish` too)",
        eval: Eval::Unary(silu),
        fold: |x| x[0].is_zero().then_some(Number::ZERO),
        partial: silu_partial,
        latex: LatexForm::Operator("\\operatorname{silu}"),
        rust: "$0 / (1.0_f64 + $F::exp(-$0))",
        ..PLAIN
    },
    /// `elu(x, alpha)`: `x` for `x > 0`, else `alpha*(exp(x) - 1)`.
    Elu => FunctionInfo {
        name: "elu",
        params: &["x", "alpha"],
        doc: "`x` for `x > 0`, else `alpha*(exp(x) - 1)`",
        kink: Some("`elu'(0) = alpha`"),
        eval: Eval::Binary(elu),
        fold: |args| {
            let x = args[0];
            (x.to_f64() >= 0.0).then_some(x)
        },
        partial: elu_partial,
        latex: LatexForm::Operator("\\operatorname{elu}"),
        rust: "if $0 > 0.0_f64 { $0 } else { $1 * $F::exp_m1($0) }",
        ..PLAIN
    },
    /// `softsign(x) = x/(1 + |x|)`.
    Softsign => FunctionInfo {
        name: "softsign",
        doc: "`x/(1 + abs(x))`",
        eval: Eval::Unary(softsign),
        fold: |x| Some(x[0] * (Number::ONE + x[0].abs()).recip()),
        partial: |graph, site| {
            let abs = graph.call(Func::Abs, &[site.x()]);
            let one = graph.one();
            let sum = graph.add2(one, abs);
            graph.powi(sum, -2)
        },
        latex: LatexForm::Operator("\\operatorname{softsign}"),
        rust: "$0 / (1.0_f64 + $F::abs($0))",
        ..PLAIN
    },
    /// `log1p(x) = log(1 + x)`, accurate near 0.
    Log1p => FunctionInfo {
        name: "log1p",
        doc: "`log(1 + x)`, accurate for small `x`",
        eval: Eval::Unary(f64::ln_1p),
        fold: |x| x[0].is_zero().then_some(Number::ZERO),
        partial: |graph, site| {
            let one = graph.one();
            let sum = graph.add2(one, site.x());
            graph.powi(sum, -1)
        },
        latex: LatexForm::Operator("\\operatorname{log1p}"),
        rust: "$F::ln_1p($0)",
        method: Some("ln_1p"),
        ..PLAIN
    },
    /// `expm1(x) = exp(x) - 1`, accurate near 0.
    Expm1 => FunctionInfo {
        name: "expm1",
        doc: "`exp(x) - 1`, accurate for small `x`",
        eval: Eval::Unary(f64::exp_m1),
        fold: |x| x[0].is_zero().then_some(Number::ZERO),
        partial: |graph, site| graph.call(Func::Exp, &[site.x()]),
        latex: LatexForm::Operator("\\operatorname{expm1}"),
        rust: "$F::exp_m1($0)",
        method: Some("exp_m1"),
        ..PLAIN
    },
    /// `atan2(y, x)`: the angle of the point `(x, y)`.
    Atan2 => FunctionInfo {
        name: "atan2",
        params: &["y", "x"],
        doc: "the angle of the point `(x, y)`, in `[-pi, pi]`",
        kink: Some("`atan2` has no derivative at the origin: NaN there"),
        eval: Eval::Binary(f64::atan2),
        fold: |args| (args[0].is_zero() && !args[1].is_negative()).then_some(Number::ZERO),
        partial: atan2_partial,
        latex: LatexForm::Operator("\\operatorname{atan2}"),
        rust: "$F::atan2($0, $1)",
        method: Some("atan2"),
        ..PLAIN
    },
    /// `hypot(x, y) = sqrt(x^2 + y^2)`, without overflow.
    Hypot => FunctionInfo {
        name: "hypot",
        params: &["x", "y"],
        doc: "`sqrt(x^2 + y^2)` without overflow",
        kink: Some("`hypot` has no derivative at the origin: NaN there"),
        eval: Eval::Binary(f64::hypot),
        fold: |args| (args[0] * args[0] + args[1] * args[1]).pow(Number::HALF),
        partial: |graph, site| {
            let reciprocal = graph.powi(site.call, -1);
            graph.mul2(site.arg(site.index), reciprocal)
        },
        never_negative: true,
        latex: LatexForm::Operator("\\operatorname{hypot}"),
        rust: "$F::hypot($0, $1)",
        method: Some("hypot"),
        ..PLAIN
    },
    /// The real cube root, negative for negative `x`.
    Cbrt => FunctionInfo {
        name: "cbrt",
        doc: "real cube root (`cbrt(-8) = -2`)",
        kink: Some("`cbrt'(0)` is infinite"),
        eval: Eval::Unary(f64::cbrt),
        fold: |x| {
            let root = x[0].abs().pow(Number::ratio(1, 3))?;
            Some(if x[0].is_negative() { root.neg() } else { root })
        },
        partial: |graph, site| {
            let third = graph.num(Number::ratio(1, 3));
            let square = graph.powi(site.call, -2);
            graph.mul2(third, square)
        },
        latex: LatexForm::Operator("\\operatorname{cbrt}"),
        rust: "$F::cbrt($0)",
        method: Some("cbrt"),
        ..PLAIN
    },
    /// `log(x, base) = log(x)/log(base)`.
    LogBase => FunctionInfo {
        name: "log",
        params: &["x", "base"],
        doc: "logarithm to a base, `log(x)/log(base)`",
        eval: Eval::Binary(f64::log),
        fold: |args| args[0].is_one().then_some(Number::ZERO),
        partial: log_base_partial,
        latex: LatexForm::Subscripted("\\log"),
        rust: "$F::log($0, $1)",
        method: Some("log"),
        ..PLAIN
    },
}

const WHERE_LESS: FunctionInfo = where_info(Comparison::Less);
const WHERE_LESS_EQ: FunctionInfo = where_info(Comparison::LessEq);

/// `where`: built by `Graph::select`, differentiated by
/// `piecewise::where_term` (its `partial` is the one that stands for) and
/// emitted as `if` by the emitter, which spells the comparison.
const fn where_info(comparison: Comparison) -> FunctionInfo {
    FunctionInfo {
        name: super::WHERE,
        params: &["l", "r", "a", "b"],
        doc: "`a` where the comparison `l < r` (or `<=`) holds, else `b`",
        eval: Eval::Select(comparison),
        partial: where_partial,
        latex: LatexForm::Operator("\\operatorname{where}"),
        ..PLAIN
    }
}

fn where_partial(graph: &mut Graph, site: CallSite<'_>) -> NodeId {
    let Some((comparison, [l, r, _, _])) = graph.as_where(site.call) else {
        return graph.zero();
    };
    let (zero, one) = (graph.zero(), graph.one());
    match site.index {
        2 => graph.select(comparison, l, r, one, zero),
        3 => graph.select(comparison, l, r, zero, one),
        _ => zero,
    }
}

/// `1 + tan(u)^2`.
fn tan_partial(graph: &mut Graph, site: CallSite<'_>) -> NodeId {
    let one = graph.one();
    let square = graph.powi(site.call, 2);
    graph.add2(one, square)
}

/// `(1 - u^2)^(-1/2)`, which `acos` negates.
fn arcsine_partial(graph: &mut Graph, u: NodeId) -> NodeId {
    let one = graph.one();
    let square = graph.powi(u, 2);
    let difference = graph.sub(one, square);
    let minus_half = graph.num(Number::HALF.neg());
    graph.pow(difference, minus_half)
}

/// ∂/∂x leaky_relu(x, a) = heaviside(x) + a*(1 - heaviside(x)), which is `a`
/// at 0; ∂/∂a leaky_relu(x, a) = min(x, 0).
fn leaky_relu_partial(graph: &mut Graph, site: CallSite<'_>) -> NodeId {
    let (x, alpha) = (site.x(), site.arg(1));
    if site.index == 1 {
        let zero = graph.zero();
        return graph.call(Func::Min, &[x, zero]);
    }
    let step = graph.call(Func::Heaviside, &[x]);
    let one = graph.one();
    let below = graph.sub(one, step);
    let leak = graph.mul2(alpha, below);
    graph.add2(step, leak)
}

/// `max` and `min` share each argument's derivative as a nest of `where`
/// (see `piecewise::extremum_share`).
fn extremum_partial(graph: &mut Graph, func: Func, site: CallSite<'_>) -> NodeId {
    let one = graph.one();
    let operands = [site.x(), site.arg(1)];
    crate::piecewise::extremum_share(graph, func, operands, site.index, one)
}

/// `2/sqrt(pi)`, the slope of `erf` at 0.
fn two_over_root_pi(graph: &mut Graph) -> NodeId {
    let pi = graph.constant(Constant::Pi);
    let minus_half = graph.num(Number::HALF.neg());
    let root = graph.pow(pi, minus_half);
    let two = graph.int(2);
    graph.mul2(two, root)
}

/// erf'(x) = 2/sqrt(pi)*exp(-x^2).
fn erf_partial(graph: &mut Graph, site: CallSite<'_>) -> NodeId {
    let square = graph.powi(site.x(), 2);
    let minus_square = graph.neg(square);
    let exp = graph.call(Func::Exp, &[minus_square]);
    let slope = two_over_root_pi(graph);
    graph.mul2(slope, exp)
}

/// gelu'(x) = Φ(x) + x*φ(x), with Φ(x) = (1 + erf(x/sqrt(2)))/2 and
/// φ(x) = exp(-x^2/2)/(sqrt(2)*sqrt(pi)) the normal distribution's CDF and
/// density.
fn gelu_partial(graph: &mut Graph, site: CallSite<'_>) -> NodeId {
    let x = site.x();
    let half = graph.num(Number::HALF);
    let minus_half = graph.num(Number::HALF.neg());
    let two = graph.int(2);
    let inverse_root_two = graph.pow(two, minus_half);
    let scaled = graph.mul2(x, inverse_root_two);
    let erf = graph.call(Func::Erf, &[scaled]);
    let one = graph.one();
    let sum = graph.add2(one, erf);
    let cdf = graph.mul2(half, sum);
    let square = graph.powi(x, 2);
    let exponent = graph.mul2(minus_half, square);
    let exp = graph.call(Func::Exp, &[exponent]);
    let pi = graph.constant(Constant::Pi);
    let root_pi = graph.pow(pi, minus_half);
    let density = graph.mul(&[x, inverse_root_two, root_pi, exp]);
    graph.add2(cdf, density)
}

/// silu'(x) = sigmoid(x)*(1 + x*(1 - sigmoid(x))).
fn silu_partial(graph: &mut Graph, site: CallSite<'_>) -> NodeId {
    let x = site.x();
    let sigmoid = graph.call(Func::Sigmoid, &[x]);
    let one = graph.one();
    let complement = graph.sub(one, sigmoid);
    let scaled = graph.mul2(x, complement);
    let sum = graph.add2(one, scaled);
    graph.mul2(sigmoid, sum)
}

/// ∂/∂x elu(x, a) = where(x > 0, 1, a*exp(x)), which is `a` at 0;
/// ∂/∂a elu(x, a) = where(x > 0, 0, expm1(x)). The branch not taken never
/// reaches the value (`exp(x)` overflows for large `x`).
fn elu_partial(graph: &mut Graph, site: CallSite<'_>) -> NodeId {
    let (x, alpha) = (site.x(), site.arg(1));
    let zero = graph.zero();
    let (above, below) = if site.index == 1 {
        (zero, graph.call(Func::Expm1, &[x]))
    } else {
        let exp = graph.call(Func::Exp, &[x]);
        (graph.one(), graph.mul2(alpha, exp))
    };
    graph.select(Comparison::Less, zero, x, above, below)
}

/// ∂/∂y atan2(y, x) = x/(x^2 + y^2); ∂/∂x atan2(y, x) = -y/(x^2 + y^2).
fn atan2_partial(graph: &mut Graph, site: CallSite<'_>) -> NodeId {
    let (y, x) = (site.x(), site.arg(1));
    let (y_square, x_square) = (graph.powi(y, 2), graph.powi(x, 2));
    let sum = graph.add2(x_square, y_square);
    let reciprocal = graph.powi(sum, -1);
    if site.index == 0 {
        graph.mul2(x, reciprocal)
    } else {
        let minus_y = graph.neg(y);
        graph.mul2(minus_y, reciprocal)
    }
}

/// ∂/∂x log(x, b) = 1/(x*log(b)); ∂/∂b log(x, b) = -log(x)/(b*log(b)^2).
fn log_base_partial(graph: &mut Graph, site: CallSite<'_>) -> NodeId {
    let (x, base) = (site.x(), site.arg(1));
    let log_base = graph.call(Func::Log, &[base]);
    let reciprocal_log = graph.powi(log_base, -1);
    if site.index == 0 {
        let reciprocal = graph.powi(x, -1);
        return graph.mul2(reciprocal, reciprocal_log);
    }
    let log_x = graph.call(Func::Log, &[x]);
    let minus_log_x = graph.neg(log_x);
    let square = graph.powi(log_base, -2);
    let reciprocal = graph.powi(base, -1);
    graph.mul(&[minus_log_x, reciprocal, square])
}
