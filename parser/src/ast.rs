//! The typed syntax tree that the parser produces.
//!
//! Every node borrows its names and number literals from the source text and
//! carries the byte span it was read from, so later stages (the engine's
//! lowering, the command line, the macros) can point a caret at the exact
//! column of a problem.
//!
//! Sums and products are kept as flat chains (`first` followed by `rest`), so a
//! sum of 100,000 terms is one node with a long vector, not a tree 100,000
//! levels deep: nothing that walks the tree needs recursion proportional to
//! the length of a sum.

/// A half-open byte range `start..end` into the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// The smallest span that covers both `self` and `other`.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A whole input: zero or more definitions `name = expr;`, then the final
/// expression. `z = w*x + b; y = sigmoid(z); (y - t)^2` has two definitions.
#[derive(Clone, Debug, PartialEq)]
pub struct Program<'src> {
    pub definitions: Vec<Definition<'src>>,
    pub body: Expr<'src>,
}

/// `name = value;`: within the rest of the input, `name` stands for `value`
/// (a shared subexpression, not a new variable).
#[derive(Clone, Debug, PartialEq)]
pub struct Definition<'src> {
    pub name: &'src str,
    pub name_span: Span,
    pub value: Expr<'src>,
}

/// An expression together with the span of source it was parsed from.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr<'src> {
    pub kind: ExprKind<'src>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind<'src> {
    /// A decimal literal exactly as written: `2`, `0.5`, `.5`, `1e-3`, `2.5E+4`.
    Number(&'src str),
    /// A variable, a constant such as `pi`, or a name bound by a definition;
    /// the engine decides which.
    Name(&'src str),
    /// `-operand` or `+operand`.
    Unary {
        op: UnaryOp,
        operand: Box<Expr<'src>>,
    },
    /// `first + rest[0] - rest[1] ...`, left-associative.
    Sum {
        first: Box<Expr<'src>>,
        rest: Vec<(AddOp, Expr<'src>)>,
    },
    /// `first * rest[0] / rest[1] ...`, left-associative.
    Product {
        first: Box<Expr<'src>>,
        rest: Vec<(MulOp, Expr<'src>)>,
    },
    /// `base ^ exponent` (also written `**`), right-associative.
    Power {
        base: Box<Expr<'src>>,
        exponent: Box<Expr<'src>>,
    },
    /// `name(args...)`. The parser does not know which functions exist; the
    /// engine checks the name and the number of arguments.
    Call {
        name: &'src str,
        name_span: Span,
        args: Vec<Expr<'src>>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    Neg,
    Plus,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AddOp {
    Add,
    Sub,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MulOp {
    Mul,
    Div,
}
