//! The one table of functions: names, arities, values and outer derivatives'
//! shapes are all keyed by [`Func`], shared by the lowering, the printers, the
//! evaluator and the code emitters.

use std::fmt;

/// A built-in function. `pow(a, b)` and `ln` are not here: `pow` is the power
/// operator and `ln` is another name for [`Func::Log`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Func {
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Exp,
    /// The natural logarithm.
    Log,
    Sqrt,
    Abs,
    /// `sign(x)`: -1, 0 or 1, with `sign(0) = 0`.
    Sign,
    /// `sigmoid(x) = 1/(1 + exp(-x))`.
    Sigmoid,
    /// `relu(x) = max(x, 0)`.
    Relu,
    /// `leaky_relu(x, alpha)`: `x` for `x > 0`, else `alpha*x`.
    LeakyRelu,
    /// `softplus(x) = log(1 + exp(x))`.
    Softplus,
    /// `heaviside(x)`: 1 for `x > 0`, else 0 (so `heaviside(0) = 0`).
    Heaviside,
    Max,
    Min,
    /// `where(l < r, a, b)` (or `<=`): `a` where the comparison holds, `b`
    /// where it does not, NaN where `l` or `r` is NaN. Its operands are
    /// `[l, r, a, b]`; the text syntax's `>` and `>=` swap `l` and `r`.
    Where(Comparison),
}

/// The comparison of a [`Func::Where`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Comparison {
    Less,
    LessEq,
}

impl Comparison {
    /// Whether `l < r` (or `l <= r`); false where either is NaN.
    pub fn holds(self, l: f64, r: f64) -> bool {
        match self {
            Comparison::Less => l < r,
            Comparison::LessEq => l <= r,
        }
    }

    /// The operator as the text syntax and Rust write it.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Less => "<",
            Comparison::LessEq => "<=",
        }
    }
}

/// The name of the piecewise function, which is not in [`CALLABLES`]: its
/// first argument is a comparison, not a value.
pub const WHERE: &str = "where";

/// What a name in the source means when it is called like a function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Callable {
    Func(Func),
    /// `pow(a, b)` is `a^b`.
    Pow,
}

/// Every callable name with its meaning and arity. `ln` is an alias of `log`.
pub const CALLABLES: &[(&str, Callable, usize)] = &[
    ("sin", Callable::Func(Func::Sin), 1),
    ("cos", Callable::Func(Func::Cos), 1),
    ("tan", Callable::Func(Func::Tan), 1),
    ("asin", Callable::Func(Func::Asin), 1),
    ("acos", Callable::Func(Func::Acos), 1),
    ("atan", Callable::Func(Func::Atan), 1),
    ("sinh", Callable::Func(Func::Sinh), 1),
    ("cosh", Callable::Func(Func::Cosh), 1),
    ("tanh", Callable::Func(Func::Tanh), 1),
    ("exp", Callable::Func(Func::Exp), 1),
    ("log", Callable::Func(Func::Log), 1),
    ("ln", Callable::Func(Func::Log), 1),
    ("sqrt", Callable::Func(Func::Sqrt), 1),
    ("abs", Callable::Func(Func::Abs), 1),
    ("sign", Callable::Func(Func::Sign), 1),
    ("sigmoid", Callable::Func(Func::Sigmoid), 1),
    ("relu", Callable::Func(Func::Relu), 1),
    ("leaky_relu", Callable::Func(Func::LeakyRelu), 2),
    ("softplus", Callable::Func(Func::Softplus), 1),
    ("heaviside", Callable::Func(Func::Heaviside), 1),
    ("max", Callable::Func(Func::Max), 2),
    ("min", Callable::Func(Func::Min), 2),
    ("pow", Callable::Pow, 2),
];

/// Looks a callable name up, returning its meaning and arity.
pub fn lookup(name: &str) -> Option<(Callable, usize)> {
    CALLABLES
        .iter()
        .find(|(known, _, _)| *known == name)
        .map(|&(_, callable, arity)| (callable, arity))
}

/// The known name closest to `name`, if it is a plausible typo
/// (`sigmod` → `sigmoid`).
pub fn suggest(name: &str) -> Option<&'static str> {
    let limit = (name.len() / 3).clamp(1, 3);
    CALLABLES
        .iter()
        .map(|&(known, _, _)| (edit_distance(name, known), known))
        .filter(|&(distance, _)| distance <= limit)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, known)| known)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

impl Func {
    /// The canonical name, as the parser reads it and the printer writes it.
    pub fn name(self) -> &'static str {
        match self {
            Func::Sin => "sin",
            Func::Cos => "cos",
            Func::Tan => "tan",
            Func::Asin => "asin",
            Func::Acos => "acos",
            Func::Atan => "atan",
            Func::Sinh => "sinh",
            Func::Cosh => "cosh",
            Func::Tanh => "tanh",
            Func::Exp => "exp",
            Func::Log => "log",
            Func::Sqrt => "sqrt",
            Func::Abs => "abs",
            Func::Sign => "sign",
            Func::Sigmoid => "sigmoid",
            Func::Relu => "relu",
            Func::LeakyRelu => "leaky_relu",
            Func::Softplus => "softplus",
            Func::Heaviside => "heaviside",
            Func::Max => "max",
            Func::Min => "min",
            Func::Where(_) => WHERE,
        }
    }

    pub fn arity(self) -> usize {
        match self {
            Func::LeakyRelu | Func::Max | Func::Min => 2,
            Func::Where(_) => 4,
            _ => 1,
        }
    }

    /// Whether the function's value is never below zero nor `-0.0` (it may
    /// be NaN): what lets `sqrt(u)^2` be `u` when `u` is such a value.
    /// (`sqrt(-0.0)` is `-0.0`, whose reciprocal is minus infinity.)
    pub fn never_negative(self) -> bool {
        matches!(
            self,
            Func::Acos
                | Func::Cosh
                | Func::Exp
                | Func::Abs
                | Func::Sigmoid
                | Func::Relu
                | Func::Softplus
                | Func::Heaviside
        )
    }

    /// Evaluates a one-argument function in IEEE arithmetic.
    pub fn eval1(self, x: f64) -> f64 {
        match self {
            Func::Sin => x.sin(),
            Func::Cos => x.cos(),
            Func::Tan => x.tan(),
            Func::Asin => x.asin(),
            Func::Acos => x.acos(),
            Func::Atan => x.atan(),
            Func::Sinh => x.sinh(),
            Func::Cosh => x.cosh(),
            Func::Tanh => x.tanh(),
            Func::Exp => x.exp(),
            Func::Log => x.ln(),
            Func::Sqrt => x.sqrt(),
            Func::Abs => x.abs(),
            Func::Sign => sign(x),
            Func::Sigmoid => sigmoid(x),
            Func::Relu => relu(x),
            Func::Softplus => softplus(x),
            Func::Heaviside => heaviside(x),
            Func::LeakyRelu | Func::Max | Func::Min | Func::Where(_) => f64::NAN,
        }
    }

    /// Evaluates a two-argument function in IEEE arithmetic.
    pub fn eval2(self, a: f64, b: f64) -> f64 {
        match self {
            Func::LeakyRelu => leaky_relu(a, b),
            Func::Max => max(a, b),
            Func::Min => min(a, b),
            _ => f64::NAN,
        }
    }
}

impl fmt::Display for Func {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

// The activation functions, written once. The Rust emitter inlines the same
// formulas, so generated code and the interpreter agree.

pub fn sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        x * 0.0 // 0 for ±0, NaN for NaN.
    }
}

pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

pub fn relu(x: f64) -> f64 {
    if x > 0.0 || x.is_nan() { x } else { 0.0 }
}

pub fn leaky_relu(x: f64, alpha: f64) -> f64 {
    if x > 0.0 { x } else { alpha * x }
}

pub fn softplus(x: f64) -> f64 {
    // log(1 + exp(x)) without overflow for large x.
    if x > 30.0 {
        x + (-x).exp()
    } else {
        x.exp().ln_1p()
    }
}

pub fn heaviside(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x.is_nan() {
        x
    } else {
        0.0
    }
}

/// `max(a, b)`; NaN in either argument gives NaN.
pub fn max(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if b > a {
        b
    } else {
        a
    }
}

/// `where(l < r, a, b)` (or `<=`): the branch the comparison picks, and NaN
/// where it cannot pick (`l` or `r` is NaN). The other branch's value does
/// not matter, NaN or not.
pub fn select(comparison: Comparison, l: f64, r: f64, a: f64, b: f64) -> f64 {
    if l.is_nan() || r.is_nan() {
        f64::NAN
    } else if comparison.holds(l, r) {
        a
    } else {
        b
    }
}

/// `min(a, b)`; NaN in either argument gives NaN.
pub fn min(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if b < a {
        b
    } else {
        a
    }
}
