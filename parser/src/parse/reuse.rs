//! Parsing many inputs without allocating for each: [`ParseBuffers`] keeps
//! the vectors of the programs given back to it, and its own scratch
//! stacks, for the next parse.

use super::{BYTES_PER_NODE, Scratch};
use crate::{AddOp, Expr, ExprId, MulOp, ParseError, Program};

/// The vectors a parse fills: the arena and the operand lists.
pub(super) struct Lists<'src> {
    pub(super) exprs: Vec<Expr<'src>>,
    pub(super) terms: Vec<(AddOp, ExprId)>,
    pub(super) factors: Vec<(MulOp, ExprId)>,
    pub(super) args: Vec<ExprId>,
}

impl<'src> Lists<'src> {
    /// New vectors, the arena sized for `source`.
    pub(super) fn fresh(source: &str) -> Self {
        Lists {
            exprs: Vec::with_capacity(source.len() / BYTES_PER_NODE + 4),
            terms: Vec::new(),
            factors: Vec::new(),
            args: Vec::new(),
        }
    }
}

/// Vectors kept between parses that outgrew this many entries are freed.
const MAX_KEPT: usize = 1 << 16;

/// A parser's allocations, kept from one parse to the next: for a program
/// that parses many short inputs (a REPL, a benchmark, a service), as
/// fasteval's `Slab` is. Give each program back with
/// [`ParseBuffers::recycle`] when done with it, and the next
/// [`ParseBuffers::parse`] allocates nothing.
///
/// ```
/// let mut buffers = symdiff_parser::ParseBuffers::new();
/// for source in ["sigmoid(w*x + b)", "x^2 - y^2 + x*y^3"] {
///     let program = buffers.parse(source)?;
///     assert_eq!(program.to_string(), source);
///     buffers.recycle(program);
/// }
/// # Ok::<(), symdiff_parser::ParseError>(())
/// ```
#[derive(Default)]
pub struct ParseBuffers {
    exprs: Vec<Expr<'static>>,
    terms: Vec<(AddOp, ExprId)>,
    factors: Vec<(MulOp, ExprId)>,
    args: Vec<ExprId>,
    scratch: Scratch,
}

impl ParseBuffers {
    /// Empty buffers; the first parse allocates them.
    pub fn new() -> Self {
        Self::default()
    }

    /// Parses `source` as [`crate::parse`] does, into the kept vectors.
    pub fn parse<'src>(&mut self, source: &'src str) -> Result<Program<'src>, ParseError> {
        super::check_length(source).map_err(|error| error.with_source(source))?;
        let mut exprs = relabel(std::mem::take(&mut self.exprs));
        exprs.reserve(source.len() / BYTES_PER_NODE + 4);
        let lists = Lists {
            exprs,
            terms: std::mem::take(&mut self.terms),
            factors: std::mem::take(&mut self.factors),
            args: std::mem::take(&mut self.args),
        };
        super::read_into(source, lists, &mut self.scratch, |parser| parser.program())
    }

    /// Takes back the vectors of `program`, emptied, for the next parse
    /// (those that grew very large are freed instead).
    pub fn recycle(&mut self, program: Program<'_>) {
        let Program {
            exprs,
            terms,
            factors,
            args,
            ..
        } = program;
        self.exprs = kept(relabel(exprs));
        self.terms = kept(terms);
        self.factors = kept(factors);
        self.args = kept(args);
    }
}

/// `list` emptied, or a new vector if it grew beyond [`MAX_KEPT`].
fn kept<T>(mut list: Vec<T>) -> Vec<T> {
    if list.capacity() > MAX_KEPT {
        return Vec::new();
    }
    list.clear();
    list
}

/// The empty arena `exprs` for another source's lifetime, in the same
/// allocation: collecting an emptied vector's iterator into a vector of a
/// type of the same size and alignment reuses its buffer.
#[expect(
    clippy::unnecessary_filter_map,
    reason = "the map changes the element type, which `filter` cannot"
)]
fn relabel<'to>(exprs: Vec<Expr<'_>>) -> Vec<Expr<'to>> {
    exprs.into_iter().filter_map(|_| None).collect()
}

/// The capacities kept, which is all there is to see.
impl std::fmt::Debug for ParseBuffers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParseBuffers")
            .field("exprs", &self.exprs.capacity())
            .field("terms", &self.terms.capacity())
            .field("factors", &self.factors.capacity())
            .field("args", &self.args.capacity())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The arena keeps its allocation from one source to the next.
    #[test]
    fn relabelling_keeps_the_allocation() {
        let exprs: Vec<Expr<'_>> = Vec::with_capacity(100);
        let pointer = exprs.as_ptr() as usize;
        let relabelled: Vec<Expr<'static>> = relabel(exprs);
        assert_eq!(relabelled.capacity(), 100);
        assert_eq!(relabelled.as_ptr() as usize, pointer);
    }
}
