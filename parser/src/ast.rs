//! The typed syntax tree that the parser produces, stored as an arena.
//!
//! A [`Program`] owns every expression node in one vector, children before
//! parents, each addressed by a small [`ExprId`]. The operands of sums,
//! products and calls live in three shared flat vectors, and a node refers
//! to its run of them by a range ([`TermList`], [`FactorList`], [`ArgList`]).
//! So a parse makes a handful of vector allocations whatever its size, and
//! dropping a program frees those vectors, not one box per node.
//!
//! Every node borrows its names and number literals from the source text and
//! carries the byte span it was read from, so later stages (the engine's
//! lowering, the command line, the macros) can point a caret at the exact
//! column of a problem.
//!
//! Sums and products are flat chains (`first` followed by `rest`), so a sum
//! of 100,000 terms is one node with a long operand list, not a tree 100,000
//! levels deep.
//!
//! # The arena's order
//!
//! The nodes are in post-order: each definition's value, in order, then the
//! body. Each tree's nodes are contiguous, its root last, and every node
//! belongs to exactly one tree. So a consumer can walk the whole program with
//! a plain loop in id order, keeping one result per node (a child's result is
//! always ready before its parent's), and a definition's value is ready as
//! soon as the loop has passed its id:
//!
//! ```
//! use symdiff_parser::{AddOp, ExprKind, parse};
//!
//! let program = parse("z = 1 + 2; z - 3").unwrap();
//! let mut values: Vec<f64> = Vec::with_capacity(program.len());
//! for (_, expr) in program.iter() {
//!     let value = match expr.kind {
//!         ExprKind::Number(text) => text.parse().unwrap(),
//!         ExprKind::Name(_) => values[program.definitions()[0].value.index()],
//!         ExprKind::Sum { first, rest } => {
//!             let terms = program.terms(rest).iter();
//!             terms.fold(values[first.index()], |sum, &(op, term)| match op {
//!                 AddOp::Add => sum + values[term.index()],
//!                 AddOp::Sub => sum - values[term.index()],
//!             })
//!         }
//!         // This program has only numbers, one name and sums.
//!         _ => f64::NAN,
//!     };
//!     values.push(value);
//! }
//! assert_eq!(values[program.body().index()], 0.0);
//! ```

use std::fmt;

/// A half-open byte range `start..end` into the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// The first byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
}

/// The address of an expression node in its [`Program`].
///
/// Ids are handed out in order, so a child's id is smaller than its parent's.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExprId(u32);

impl ExprId {
    /// The position of the node in [`Program::exprs`] (and in any vector of
    /// per-node results built by a loop in id order).
    #[inline]
    pub const fn index(self) -> usize {
        self.0 as usize
    }

    /// The id of the node at `index`, if it fits in 32 bits.
    #[inline]
    pub(crate) fn from_index(index: usize) -> Option<ExprId> {
        u32::try_from(index).ok().map(ExprId)
    }

    /// The id of the node at `index`, which the caller knows to fit in 32
    /// bits (the parser makes at most one node per byte of a source of at
    /// most [`crate::MAX_SOURCE_LEN`] bytes).
    #[inline]
    pub(crate) fn new(index: usize) -> ExprId {
        debug_assert!(index <= u32::MAX as usize);
        ExprId(index as u32)
    }
}

impl fmt::Debug for ExprId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

macro_rules! operand_list {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct $name {
            start: u32,
            end: u32,
        }

        impl $name {
            /// The number of operands.
            #[inline]
            pub const fn len(self) -> usize {
                (self.end - self.start) as usize
            }

            /// Whether there are no operands.
            #[inline]
            pub const fn is_empty(self) -> bool {
                self.end == self.start
            }

            /// The list that is `start..end` of its flat vector. A list
            /// vector never holds more entries than the arena has nodes, so
            /// the bounds fit where the nodes' ids do.
            #[inline]
            pub(crate) fn new(start: usize, end: usize) -> Self {
                debug_assert!(start <= end && end <= u32::MAX as usize);
                Self {
                    start: start as u32,
                    end: end as u32,
                }
            }

            #[inline]
            fn range(self) -> std::ops::Range<usize> {
                self.start as usize..self.end as usize
            }
        }
    };
}

operand_list!(
    /// The terms after the first of a sum, with their signs: read them with
    /// [`Program::terms`].
    TermList
);
operand_list!(
    /// The factors after the first of a product, with their operators: read
    /// them with [`Program::factors`].
    FactorList
);
operand_list!(
    /// The arguments of a call: read them with [`Program::args`].
    ArgList
);

/// A whole input: zero or more definitions `name = expr;`, then the final
/// expression. `z = w*x + b; y = sigmoid(z); (y - t)^2` has two definitions.
///
/// The program owns all its expression nodes, in post-order: each
/// definition's value, in order, then the body, each tree contiguous with its
/// root last, so a loop in id order meets every child before its parent.
#[derive(Clone, Debug, PartialEq)]
pub struct Program<'src> {
    pub(crate) definitions: Vec<Definition<'src>>,
    pub(crate) body: ExprId,
    pub(crate) exprs: Vec<Expr<'src>>,
    pub(crate) terms: Vec<(AddOp, ExprId)>,
    pub(crate) factors: Vec<(MulOp, ExprId)>,
    pub(crate) args: Vec<ExprId>,
}

/// `name = value;`: within the rest of the input, `name` stands for `value`
/// (a shared subexpression, not a new variable).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Definition<'src> {
    /// The defined name.
    pub name: &'src str,
    /// Where the name is written.
    pub name_span: Span,
    /// The root of the value's tree: the last node of its run in the arena.
    pub value: ExprId,
}

/// An expression node together with the span of source it was parsed from
/// (for a parenthesised expression, the span includes the parentheses).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Expr<'src> {
    /// What the node is.
    pub kind: ExprKind<'src>,
    /// Where it was read from.
    pub span: Span,
}

/// What an expression node is. Children are ids into the same [`Program`],
/// always smaller than the node's own id.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ExprKind<'src> {
    /// A decimal literal exactly as written: `2`, `0.5`, `.5`, `1e-3`, `2.5E+4`.
    Number(&'src str),
    /// A variable, a constant such as `pi`, or a name bound by a definition;
    /// the engine decides which.
    Name(&'src str),
    /// `-operand` or `+operand`.
    Unary {
        /// The sign.
        op: UnaryOp,
        /// What it applies to.
        operand: ExprId,
    },
    /// `first + rest[0] - rest[1] ...`, left-associative; `rest` is never
    /// empty in a parsed program.
    Sum {
        /// The first term.
        first: ExprId,
        /// The other terms, each with its sign.
        rest: TermList,
    },
    /// `first * rest[0] / rest[1] ...`, left-associative; `rest` is never
    /// empty in a parsed program.
    Product {
        /// The first factor.
        first: ExprId,
        /// The other factors, each multiplied or divided by.
        rest: FactorList,
    },
    /// `base ^ exponent` (also written `**`), right-associative.
    Power {
        /// What is raised.
        base: ExprId,
        /// The power.
        exponent: ExprId,
    },
    /// `name(args...)`. The parser does not know which functions exist; the
    /// engine checks the name and the number of arguments.
    Call {
        /// The function's name as written.
        name: &'src str,
        /// Where the name is written.
        name_span: Span,
        /// The arguments, in order.
        args: ArgList,
    },
    /// `left < right` (or `<=`, `>`, `>=`): only ever an argument of a call,
    /// at its top level; the engine accepts it as the condition of `where`.
    Compare {
        /// The comparison.
        op: CompareOp,
        /// Its left side.
        left: ExprId,
        /// Its right side.
        right: ExprId,
    },
}

/// The comparisons of a condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CompareOp {
    /// `<`.
    Less,
    /// `<=`.
    LessEq,
    /// `>`.
    Greater,
    /// `>=`.
    GreaterEq,
}

impl CompareOp {
    /// The operator as written: `<`, `<=`, `>`, `>=`.
    pub const fn symbol(self) -> &'static str {
        match self {
            CompareOp::Less => "<",
            CompareOp::LessEq => "<=",
            CompareOp::Greater => ">",
            CompareOp::GreaterEq => ">=",
        }
    }
}

/// The sign in front of an operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    /// `-x`.
    Neg,
    /// `+x`.
    Plus,
}

/// How a term joins a sum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AddOp {
    /// `+`.
    Add,
    /// `-`.
    Sub,
}

/// How a factor joins a product.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MulOp {
    /// `*`.
    Mul,
    /// `/`.
    Div,
}

impl<'src> Program<'src> {
    /// The definitions, in source order.
    #[inline]
    pub fn definitions(&self) -> &[Definition<'src>] {
        &self.definitions
    }

    /// The root of the final expression: the last node of the arena.
    #[inline]
    pub fn body(&self) -> ExprId {
        self.body
    }

    /// The node `id`.
    ///
    /// # Panics
    ///
    /// If `id` is not from this program.
    #[inline]
    pub fn expr(&self, id: ExprId) -> &Expr<'src> {
        &self.exprs[id.index()]
    }

    /// Every node, in id order (children before parents).
    #[inline]
    pub fn exprs(&self) -> &[Expr<'src>] {
        &self.exprs
    }

    /// Every node with its id, in id order (children before parents).
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (ExprId, &Expr<'src>)> + '_ {
        self.exprs
            .iter()
            .enumerate()
            .map(|(index, expr)| (ExprId(index as u32), expr))
    }

    /// The number of nodes.
    #[inline]
    pub fn len(&self) -> usize {
        self.exprs.len()
    }

    /// Always false for a parsed program, which has at least a body.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.exprs.is_empty()
    }

    /// The terms after a sum's first, with their signs.
    #[inline]
    pub fn terms(&self, list: TermList) -> &[(AddOp, ExprId)] {
        self.terms.get(list.range()).unwrap_or_default()
    }

    /// The factors after a product's first, with their operators.
    #[inline]
    pub fn factors(&self, list: FactorList) -> &[(MulOp, ExprId)] {
        self.factors.get(list.range()).unwrap_or_default()
    }

    /// The arguments of a call.
    #[inline]
    pub fn args(&self, list: ArgList) -> &[ExprId] {
        self.args.get(list.range()).unwrap_or_default()
    }

    /// The node `id` and its children, as text: `program.display(id).to_string()`.
    pub fn display(&self, id: ExprId) -> DisplayExpr<'_, 'src> {
        DisplayExpr { program: self, id }
    }
}

/// One expression of a program, printed as [`Program`]'s `Display` prints
/// its body. Made by [`Program::display`].
#[derive(Clone, Copy, Debug)]
pub struct DisplayExpr<'a, 'src> {
    pub(crate) program: &'a Program<'src>,
    pub(crate) id: ExprId,
}

/// Builds a [`Program`] node by node, children first, for callers that make
/// trees without parsing (tests, generators).
///
/// Each method takes its children as ids returned earlier by the same
/// builder, and they must be the most recent finished trees, in order: that
/// keeps the arena in the post-order its consumers rely on.
///
/// ```
/// use symdiff_parser::{AddOp, ProgramBuilder, Span};
///
/// let mut builder = ProgramBuilder::new();
/// let x = builder.name("x", Span::default());
/// let one = builder.number("1", Span::default());
/// let sum = builder.sum(x, &[(AddOp::Sub, one)], Span::default());
/// let program = builder.finish(sum);
/// assert_eq!(program.to_string(), "x - 1");
/// ```
///
/// Every method panics if its children are not the latest finished trees.
#[derive(Clone, Debug)]
pub struct ProgramBuilder<'src> {
    program: Program<'src>,
    /// The finished trees that no node has taken as a child yet.
    roots: Vec<ExprId>,
}

impl Default for ProgramBuilder<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'src> ProgramBuilder<'src> {
    /// An empty builder.
    pub fn new() -> Self {
        let program = Program {
            definitions: Vec::new(),
            body: ExprId(0),
            exprs: Vec::new(),
            terms: Vec::new(),
            factors: Vec::new(),
            args: Vec::new(),
        };
        Self {
            program,
            roots: Vec::new(),
        }
    }

    /// A number literal, as written.
    pub fn number(&mut self, text: &'src str, span: Span) -> ExprId {
        self.push(ExprKind::Number(text), span, &[])
    }

    /// A name.
    pub fn name(&mut self, name: &'src str, span: Span) -> ExprId {
        self.push(ExprKind::Name(name), span, &[])
    }

    /// `-operand` or `+operand`.
    pub fn unary(&mut self, op: UnaryOp, operand: ExprId, span: Span) -> ExprId {
        self.push(ExprKind::Unary { op, operand }, span, &[operand])
    }

    /// `base ^ exponent`.
    pub fn power(&mut self, base: ExprId, exponent: ExprId, span: Span) -> ExprId {
        self.push(ExprKind::Power { base, exponent }, span, &[base, exponent])
    }

    /// `first` followed by the signed terms `rest`.
    pub fn sum(&mut self, first: ExprId, rest: &[(AddOp, ExprId)], span: Span) -> ExprId {
        let start = self.program.terms.len();
        self.program.terms.extend_from_slice(rest);
        let rest_list = TermList::new(start, self.program.terms.len());
        let children: Vec<ExprId> = std::iter::once(first)
            .chain(rest.iter().map(|&(_, term)| term))
            .collect();
        let rest = rest_list;
        self.push(ExprKind::Sum { first, rest }, span, &children)
    }

    /// `first` followed by the factors `rest`, multiplied or divided by.
    pub fn product(&mut self, first: ExprId, rest: &[(MulOp, ExprId)], span: Span) -> ExprId {
        let start = self.program.factors.len();
        self.program.factors.extend_from_slice(rest);
        let rest_list = FactorList::new(start, self.program.factors.len());
        let children: Vec<ExprId> = std::iter::once(first)
            .chain(rest.iter().map(|&(_, factor)| factor))
            .collect();
        let rest = rest_list;
        self.push(ExprKind::Product { first, rest }, span, &children)
    }

    /// A call of `name` with the arguments `args`, in order.
    pub fn call(
        &mut self,
        name: &'src str,
        name_span: Span,
        args: &[ExprId],
        span: Span,
    ) -> ExprId {
        let start = self.program.args.len();
        self.program.args.extend_from_slice(args);
        let list = ArgList::new(start, self.program.args.len());
        let kind = ExprKind::Call {
            name,
            name_span,
            args: list,
        };
        self.push(kind, span, args)
    }

    /// `left op right`.
    pub fn compare(&mut self, op: CompareOp, left: ExprId, right: ExprId, span: Span) -> ExprId {
        self.push(ExprKind::Compare { op, left, right }, span, &[left, right])
    }

    /// Adds the definition `name = value;`; `value` must be the only
    /// unfinished tree.
    pub fn define(&mut self, name: &'src str, name_span: Span, value: ExprId) {
        self.take_only(value);
        self.program.definitions.push(Definition {
            name,
            name_span,
            value,
        });
    }

    /// The program whose final expression is `body`, the only unfinished
    /// tree.
    pub fn finish(mut self, body: ExprId) -> Program<'src> {
        self.take_only(body);
        self.program.body = body;
        self.program
    }

    fn push(&mut self, kind: ExprKind<'src>, span: Span, children: &[ExprId]) -> ExprId {
        self.take_children(children);
        let id = ExprId::from_index(self.program.exprs.len()).expect("fewer than 2^32 nodes");
        self.program.exprs.push(Expr { kind, span });
        self.roots.push(id);
        id
    }

    /// Checks that `root` is the only unfinished tree, and takes it.
    fn take_only(&mut self, root: ExprId) {
        assert!(
            self.roots == [root],
            "{root:?} is not the only unfinished tree {:?}",
            self.roots
        );
        self.roots.clear();
    }

    /// Checks that `children` are the latest finished trees, and takes them.
    fn take_children(&mut self, children: &[ExprId]) {
        let split = self.roots.len().checked_sub(children.len());
        let latest = split.and_then(|split| self.roots.get(split..));
        assert!(
            latest == Some(children),
            "children {children:?} are not the latest finished trees {:?}",
            self.roots
        );
        if let Some(split) = split {
            self.roots.truncate(split);
        }
    }
}
