//! Text to syntax tree: an operator-precedence parser over tokens that nom
//! recognises (`parse/lex.rs`).
//!
//! The grammar, loosest first:
//!
//! ```text
//! program := (name "=" sum ";")* sum
//! sum     := product (("+" | "-") product)*
//! product := factor (("*" | "/") factor)*
//! factor  := ("-" | "+") factor | primary (("^" | "**") factor)?
//! primary := number | name | name "(" arg ("," arg)* ")" | "(" sum ")"
//! arg     := sum (("<" | "<=" | ">" | ">=") sum)?
//! ```
//!
//! A comparison is only an argument of a call (the engine takes it as the
//! condition of `where(x > 0, a, b)`); anywhere else it is an error at the
//! operator, and so is a chain of them (`a < b < c`).
//!
//! The parser does not recurse: each construct it has opened and not yet
//! closed (a sign, a power, a sum or product in progress, a parenthesis, a
//! call) is a frame on an explicit stack. So neither a sum of 100,000 terms
//! nor deep nesting costs machine stack, and parentheses, calls, signs and
//! powers each count one level against [`MAX_DEPTH`] only to keep the trees
//! (which later stages walk recursively) shallow.

use crate::error::{Expected, Found};
use crate::{
    AddOp, ArgList, CompareOp, Definition, Expr, ExprId, ExprKind, FactorList, MulOp, ParseError,
    ParseErrorKind, Program, Span, TermList, UnaryOp,
};
use std::cell::RefCell;

mod definitions;
mod lex;
mod reuse;

use definitions::check_definitions;
pub(crate) use lex::is_name;
use lex::{Operator, is_name_continue, is_name_start};
use reuse::Lists;
pub use reuse::ParseBuffers;

/// The deepest nesting of parentheses, calls, signs and powers that parses;
/// one level more is [`ParseErrorKind::TooDeep`], never a stack overflow.
pub const MAX_DEPTH: usize = 256;

/// The longest input that parses, in bytes; a longer one is
/// [`ParseErrorKind::TooLong`]. The parser makes at most one node per byte,
/// so every node's [`ExprId`] fits in 32 bits.
pub const MAX_SOURCE_LEN: usize = u32::MAX as usize;

/// Parses a whole input: definitions `name = expr;`, then the final expression.
pub fn parse(source: &str) -> Result<Program<'_>, ParseError> {
    check_length(source).map_err(|error| error.with_source(source))?;
    with_scratch(|scratch| {
        read_into(source, Lists::fresh(source), scratch, |parser| {
            parser.program()
        })
    })
}

/// Parses a single expression, without definitions: a [`Program`] whose
/// [`Program::definitions`] are empty.
pub fn parse_expr(source: &str) -> Result<Program<'_>, ParseError> {
    check_length(source).map_err(|error| error.with_source(source))?;
    with_scratch(|scratch| {
        read_into(source, Lists::fresh(source), scratch, |parser| {
            parser.lone_expression()
        })
    })
}

/// Reads `source` (whose length [`check_length`] has passed) with `read`, a
/// whole program or a lone expression, into the vectors `lists`, with the
/// scratch stacks `scratch`, and checks its definitions.
///
/// Always inlined, and written with plain matches rather than combinators:
/// a `Program` is 128 bytes, and each layer that passes it on by value
/// copied it (about a tenth of a short parse's instructions).
#[inline(always)]
fn read_into<'src>(
    source: &'src str,
    lists: Lists<'src>,
    scratch: &mut Scratch,
    read: impl FnOnce(&mut Parser<'src, '_>) -> PResult<Parsed<'src>>,
) -> Result<Program<'src>, ParseError> {
    scratch.reset();
    let mut parser = Parser::new(source, scratch, lists);
    let program = match read(&mut parser) {
        Ok(parsed) => parser.into_program(parsed),
        Err(error) => return Err(error.with_source(source)),
    };
    match check_definitions(&program) {
        Ok(()) => Ok(program),
        Err(error) => Err(error.with_source(source)),
    }
}

/// The UTF-8 encoding of U+FEFF, read as whitespace at the very start.
const BYTE_ORDER_MARK: &[u8] = "\u{feff}".as_bytes();

/// A source longer than [`MAX_SOURCE_LEN`] is an error at its end.
fn check_length(source: &str) -> PResult<()> {
    if source.len() > MAX_SOURCE_LEN {
        let end = source.len();
        return Err(Error::new(ParseErrorKind::TooLong, Span::new(end, end)));
    }
    Ok(())
}

/// An error before the source is attached to it, boxed so that every
/// `PResult` on the parser's hot path stays one pointer wide.
#[derive(Debug)]
struct Error(Box<(ParseErrorKind, Span)>);

impl Error {
    #[cold]
    fn new(kind: ParseErrorKind, span: Span) -> Self {
        Self(Box::new((kind, span)))
    }

    fn with_source(self, source: &str) -> ParseError {
        let (kind, span) = *self.0;
        ParseError {
            kind,
            span,
            source: source.into(),
        }
    }
}

type PResult<T> = Result<T, Error>;

/// What reading an input gives besides the arena: the definitions and the
/// body.
type Parsed<'src> = (Vec<Definition<'src>>, ExprId);

struct Parser<'src, 'scratch> {
    src: &'src str,
    pos: usize,
    /// The number of open signs, powers, parentheses and calls.
    depth: usize,
    /// The open constructs and the operands of their unfinished chains.
    scratch: &'scratch mut Scratch,
    /// The arena and operand lists of the program being built.
    exprs: Vec<Expr<'src>>,
    terms: Vec<(AddOp, ExprId)>,
    factors: Vec<(MulOp, ExprId)>,
    args: Vec<ExprId>,
}

/// The parser's working stacks. They are kept in a thread-local between
/// parses, so that a parse allocates only the vectors of its program.
#[derive(Default)]
pub(crate) struct Scratch {
    /// The open constructs, innermost last.
    frames: Vec<Frame>,
    /// The operands so far of the open sums (then products, then calls),
    /// innermost last; a chain moves its run to the program when it closes.
    terms: Vec<(AddOp, ExprId)>,
    factors: Vec<(MulOp, ExprId)>,
    args: Vec<ExprId>,
}

impl Scratch {
    pub(crate) const fn new() -> Self {
        Self {
            frames: Vec::new(),
            terms: Vec::new(),
            factors: Vec::new(),
            args: Vec::new(),
        }
    }

    /// Empties the stacks (a failed parse leaves entries behind), and frees
    /// them if they grew large on a pathological input.
    #[inline(always)]
    fn reset(&mut self) {
        self.frames.clear();
        self.terms.clear();
        self.factors.clear();
        self.args.clear();
        let is_large = self.frames.capacity() > MAX_SPARE
            || self.terms.capacity() > MAX_SPARE
            || self.factors.capacity() > MAX_SPARE
            || self.args.capacity() > MAX_SPARE;
        if is_large || self.frames.capacity() == 0 {
            self.renew(is_large);
        }
    }

    /// New stacks of a small capacity, in place of none or of large ones.
    #[cold]
    fn renew(&mut self, is_large: bool) {
        if is_large {
            *self = Scratch::new();
        }
        if self.frames.capacity() == 0 {
            self.frames.reserve(16);
            self.terms.reserve(16);
            self.factors.reserve(16);
            self.args.reserve(16);
        }
    }
}

thread_local! {
    /// The scratch stacks of the parses on this thread.
    static SCRATCH: RefCell<Scratch> = const { RefCell::new(Scratch::new()) };
}

/// Scratch stacks that outgrew this many entries are not kept.
const MAX_SPARE: usize = 4096;

/// Runs `run` with this thread's scratch stacks, or with fresh ones during
/// thread teardown.
#[inline(always)]
fn with_scratch<T>(run: impl Fn(&mut Scratch) -> T) -> T {
    let reused = SCRATCH.try_with(|cell| Some(run(&mut *cell.try_borrow_mut().ok()?)));
    match reused {
        Ok(Some(result)) => result,
        _ => run(&mut Scratch::new()),
    }
}

/// A construct that the parser has opened and not yet closed. Chains keep
/// the start of their operands' run on the scratch stack of their kind.
#[derive(Clone, Copy)]
enum Frame {
    /// A sign, waiting for its operand (a factor).
    Unary { op: UnaryOp, start: usize },
    /// `base ^`, waiting for the exponent (a factor).
    Power { base: ExprId },
    /// A product so far and the operator after it, waiting for a factor.
    Product {
        first: ExprId,
        run: usize,
        op: MulOp,
    },
    /// A sum so far and the operator after it, waiting for a product.
    Sum {
        first: ExprId,
        run: usize,
        op: AddOp,
    },
    /// `(`, waiting for a sum and `)`.
    Group { open: usize },
    /// `left <` (or another comparison) as an argument of a call, waiting
    /// for the right side (a sum).
    Compare { left: ExprId, op: CompareOp },
    /// `name(` and the arguments so far, waiting for a sum and `,` or `)`.
    Call {
        name_span: Span,
        open: usize,
        run: usize,
    },
}

/// What the expression loop does next, as a handler returns it.
enum Step {
    /// Read an operand, after the token given (named in a missing-operand
    /// error).
    Operand(&'static str),
    /// Continue after this complete operand: a number, a name, a call or a
    /// parenthesis.
    Postfix(ExprId),
    /// The expression is complete.
    Done(ExprId),
}

/// Closes a chain (a sum, a product or a call's arguments): moves its
/// operands, its run from `run` on the scratch stack `open` and then `last`,
/// to the end of the program's list `list`, and returns their range there.
#[inline(always)]
fn close_run<T: Copy>(
    open: &mut Vec<T>,
    run: usize,
    last: T,
    list: &mut Vec<T>,
    source_len: usize,
) -> (usize, usize) {
    if list.capacity() == 0 {
        *list = Vec::with_capacity(list_capacity(source_len));
    }
    let start = list.len();
    // Runs are short: an element loop beats a call to `memcpy`.
    list.extend(open.get(run..).unwrap_or_default().iter().copied());
    list.push(last);
    open.truncate(run);
    (start, list.len())
}

/// A first capacity for an operand list, from the source's length in bytes
/// (the suite's cases have at most one term, factor or argument per 9
/// bytes).
#[cold]
fn list_capacity(source_len: usize) -> usize {
    source_len / 8 + 4
}

fn unclosed(open: usize) -> Error {
    Error::new(ParseErrorKind::UnclosedParen, Span::new(open, open + 1))
}

/// The ASCII characters that have a meaning somewhere in the grammar; any
/// other character is a stray character.
fn is_syntax_byte(byte: u8) -> bool {
    is_name_continue(byte) || b"+-*/^().,;=<> \t\n\r".contains(&byte)
}

/// Whether `byte` is whitespace (a space, tab, line feed or carriage
/// return), as the whitespace token reads it: every other byte is tested
/// with one comparison, since all four are at most a space.
#[inline(always)]
fn is_space(byte: u8) -> bool {
    const SPACES: u64 = 1 << b' ' | 1 << b'\t' | 1 << b'\n' | 1 << b'\r';
    byte <= b' ' && SPACES >> byte & 1 == 1
}

/// Operand texts quoted in a message are cut to this many bytes.
const MAX_QUOTE: usize = 24;

/// The arena's first capacity: one node per this many source bytes, and a
/// few more (the suite's cases have one node per 1.4 to 3.6 bytes), so that
/// it rarely grows; capacity that is never written costs little. For inputs
/// under 24 bytes the arena stays within 1 KiB, which glibc serves from its
/// per-thread cache.
const BYTES_PER_NODE: usize = 2;

impl<'src, 'scratch> Parser<'src, 'scratch> {
    #[inline(always)]
    fn new(src: &'src str, scratch: &'scratch mut Scratch, lists: Lists<'src>) -> Self {
        Self {
            src,
            // A UTF-8 byte-order mark, which some editors write, starts a
            // file: it is read as whitespace.
            pos: if src.as_bytes().starts_with(BYTE_ORDER_MARK) {
                BYTE_ORDER_MARK.len()
            } else {
                0
            },
            depth: 0,
            scratch,
            exprs: lists.exprs,
            terms: lists.terms,
            factors: lists.factors,
            args: lists.args,
        }
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    #[inline]
    fn peek_at(&self, offset: usize) -> Option<u8> {
        self.src.as_bytes().get(self.pos + offset).copied()
    }

    #[inline]
    fn skip_whitespace(&mut self) {
        // Most tokens have no whitespace before them, and most whitespace
        // is one byte: a byte test or two saves running the whitespace
        // parser for nothing, or for one byte.
        if !self.peek().is_some_and(is_space) {
            return;
        }
        if self.peek_at(1).is_some_and(is_space) {
            self.eat(lex::whitespace);
        } else {
            self.pos += 1;
        }
    }

    /// The text of `start..end`, which the parser only ever takes at ASCII
    /// token boundaries.
    fn text(&self, start: usize, end: usize) -> &'src str {
        self.src.get(start..end).unwrap_or_default()
    }

    /// What is at `pos`, as a whole character.
    fn found_at(&self, pos: usize) -> Found {
        match self.src.get(pos..).and_then(|rest| rest.chars().next()) {
            Some(ch) => Found::Char(ch),
            None => Found::End,
        }
    }

    /// The span of the character at `pos` (empty at the end).
    fn char_span(&self, pos: usize) -> Span {
        match self.found_at(pos) {
            Found::Char(ch) => Span::new(pos, pos + ch.len_utf8()),
            Found::End => Span::new(pos, pos),
        }
    }

    /// Adds a node to the arena.
    #[inline(always)]
    fn push_expr(&mut self, kind: ExprKind<'src>, span: Span) -> ExprId {
        let id = ExprId::new(self.exprs.len());
        self.exprs.push(Expr { kind, span });
        id
    }

    #[inline(always)]
    fn span_of(&self, id: ExprId) -> Span {
        self.exprs
            .get(id.index())
            .map_or_else(Span::default, |expr| expr.span)
    }

    /// The finished program: the arena and lists move out of the parser.
    #[inline(always)]
    fn into_program(self, (definitions, body): Parsed<'src>) -> Program<'src> {
        Program {
            definitions,
            body,
            exprs: self.exprs,
            terms: self.terms,
            factors: self.factors,
            args: self.args,
        }
    }

    #[inline(always)]
    fn program(&mut self) -> PResult<Parsed<'src>> {
        let mut definitions = Vec::new();
        loop {
            self.skip_whitespace();
            if self.peek().is_none() {
                let kind = if definitions.is_empty() {
                    ParseErrorKind::Empty
                } else {
                    ParseErrorKind::MissingBody
                };
                return Err(Error::new(kind, Span::new(self.pos, self.pos)));
            }
            match self.definition_head() {
                Some((name, name_span)) => {
                    let value = self.expression("=")?;
                    self.skip_whitespace();
                    match self.peek() {
                        Some(b';') => self.pos += 1,
                        None => {
                            let end = self.span_of(value).end;
                            let kind = ParseErrorKind::MissingSemicolon {
                                definition: Some(name.to_owned()),
                            };
                            return Err(Error::new(kind, Span::new(end, end)));
                        }
                        Some(_) => return Err(self.unexpected(Expected::Semicolon)),
                    }
                    definitions.push(Definition {
                        name,
                        name_span,
                        value,
                    });
                }
                None => {
                    let body = self.expression("")?;
                    self.expect_end()?;
                    return Ok((definitions, body));
                }
            }
        }
    }

    fn lone_expression(&mut self) -> PResult<Parsed<'src>> {
        self.skip_whitespace();
        if self.peek().is_none() {
            return Err(Error::new(
                ParseErrorKind::Empty,
                Span::new(self.pos, self.pos),
            ));
        }
        let body = self.expression("")?;
        self.expect_end()?;
        Ok((Vec::new(), body))
    }

    fn expect_end(&mut self) -> PResult<()> {
        self.skip_whitespace();
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.unexpected(Expected::EndOfInput)),
        }
    }

    /// Consumes `name =` (not `==`) if the input continues with it.
    #[inline(always)]
    fn definition_head(&mut self) -> Option<(&'src str, Span)> {
        // Most inputs are one expression: a look at the bytes after the
        // name rules out most of them before the tokens are read.
        let rest = self.src.as_bytes().get(self.pos..).unwrap_or_default();
        if !rest.first().is_some_and(|&byte| is_name_start(byte)) {
            return None;
        }
        let name_len = rest.iter().position(|&byte| !is_name_continue(byte));
        let after_name = rest.get(name_len.unwrap_or(rest.len())..);
        if after_name.unwrap_or_default().trim_ascii_start().first() != Some(&b'=') {
            return None;
        }
        self.read_definition_head()
    }

    /// [`Parser::definition_head`] once the bytes allow it: the tokens.
    fn read_definition_head(&mut self) -> Option<(&'src str, Span)> {
        let start = self.pos;
        let name = self.name()?;
        let name_span = Span::new(start, self.pos);
        self.skip_whitespace();
        if self.eat(lex::equals).is_some() {
            Some((name, name_span))
        } else {
            self.pos = start;
            None
        }
    }

    /// The error for a token that cannot come next, where `expected` could.
    fn unexpected(&self, expected: Expected) -> Error {
        let span = self.char_span(self.pos);
        let kind = match self.found_at(self.pos) {
            Found::Char(')') => ParseErrorKind::UnmatchedParen,
            Found::Char(ch) if !ch.is_ascii() || !is_syntax_byte(ch as u8) => {
                ParseErrorKind::StrayCharacter { ch }
            }
            found => ParseErrorKind::Unexpected { found, expected },
        };
        Error::new(kind, span)
    }

    /// Closes the product on top of the frame stack with its last factor
    /// `last`.
    #[inline(always)]
    fn close_product(&mut self, first: ExprId, run: usize, op: MulOp, last: ExprId) -> ExprId {
        let scratch = &mut self.scratch.factors;
        let (start, end) = close_run(scratch, run, (op, last), &mut self.factors, self.src.len());
        let rest = FactorList::new(start, end);
        let span = Span::new(self.span_of(first).start, self.span_of(last).end);
        self.push_expr(ExprKind::Product { first, rest }, span)
    }

    /// Closes the sum on top of the frame stack with its last term `last`.
    #[inline(always)]
    fn close_sum(&mut self, first: ExprId, run: usize, op: AddOp, last: ExprId) -> ExprId {
        let scratch = &mut self.scratch.terms;
        let (start, end) = close_run(scratch, run, (op, last), &mut self.terms, self.src.len());
        let rest = TermList::new(start, end);
        let span = Span::new(self.span_of(first).start, self.span_of(last).end);
        self.push_expr(ExprKind::Sum { first, rest }, span)
    }

    /// Closes the call on top of the frame stack with its last argument
    /// `last`; the parser is after the `)`.
    #[inline(always)]
    fn close_call(&mut self, name_span: Span, run: usize, last: ExprId) -> ExprId {
        let scratch = &mut self.scratch.args;
        let (start, end) = close_run(scratch, run, last, &mut self.args, self.src.len());
        let kind = ExprKind::Call {
            name: self.text(name_span.start, name_span.end),
            name_span,
            args: ArgList::new(start, end),
        };
        self.push_expr(kind, Span::new(name_span.start, self.pos))
    }

    /// Parses one expression, up to the first token that cannot continue it.
    /// `after` is the token before it, named in a missing-operand error.
    ///
    /// There is no recursion: every open construct (a sign, a power, a
    /// pending product or sum, a parenthesis, a call) is a [`Frame`] on
    /// the scratch stack, so the stack use is the same at any depth. Each kind
    /// of frame has its own small handler below; the loop here only reads
    /// the operator after each operand and passes control between them.
    fn expression(&mut self, mut after: &'static str) -> PResult<ExprId> {
        'operand: loop {
            let mut cur = match self.operand(after)? {
                Step::Postfix(cur) => cur,
                Step::Operand(token) => {
                    after = token;
                    continue 'operand;
                }
                Step::Done(cur) => return Ok(cur),
            };
            // `cur` is a complete operand: the operator after it continues
            // the innermost open construct or closes it. (The commonest
            // steps jump back directly rather than through a `Step`.)
            loop {
                self.skip_whitespace();
                let token = self.scan(lex::operator);
                if let Some((Operator::Power, len)) = token {
                    self.push_nested(Frame::Power { base: cur })?;
                    self.pos += len;
                    after = if len == 1 { "^" } else { "**" };
                    continue 'operand;
                }
                cur = self.close_prefixes(cur);
                match token {
                    Some((Operator::Mul(op), len)) => {
                        after = self.continue_product(cur, op, len);
                        continue 'operand;
                    }
                    None => self.check_adjacent(cur)?,
                    Some(_) => {}
                }
                cur = self.close_open_product(cur);
                if let Some((Operator::Add(op), len)) = token {
                    after = self.continue_sum(cur, op, len);
                    continue 'operand;
                }
                cur = self.close_open_sum(cur);
                match self.after_sum(cur, token)? {
                    Step::Postfix(closed) => cur = closed,
                    Step::Operand(token) => {
                        after = token;
                        continue 'operand;
                    }
                    Step::Done(cur) => return Ok(cur),
                }
            }
        }
    }

    /// At the start of an operand: opens a sign, a parenthesis or a call,
    /// or reads a number or a name. The first byte picks the token to read.
    #[inline(always)]
    fn operand(&mut self, after: &'static str) -> PResult<Step> {
        self.skip_whitespace();
        let start = self.pos;
        match self.peek() {
            Some(b'-' | b'+') => {
                if let Some((op, len)) = self.scan(lex::sign) {
                    self.push_nested(Frame::Unary { op, start })?;
                    self.pos += len;
                    return Ok(Step::Operand(match op {
                        UnaryOp::Neg => "-",
                        UnaryOp::Plus => "+",
                    }));
                }
            }
            Some(b'(') => {
                if let Some(((), len)) = self.scan(lex::punctuation('(')) {
                    self.push_nested(Frame::Group { open: start })?;
                    self.pos += len;
                    return Ok(Step::Operand("("));
                }
            }
            Some(b'0'..=b'9' | b'.') => {
                if let Some(number) = self.number()? {
                    let span = Span::new(start, self.pos);
                    let number = self.push_expr(ExprKind::Number(number), span);
                    return Ok(Step::Postfix(number));
                }
            }
            _ => {
                if let Some(name) = self.name() {
                    return self.name_or_call(name, Span::new(start, self.pos));
                }
            }
        }
        Err(self.expected_operand(after))
    }

    /// After the name `name` at `name_span`: opens a call if `(` follows,
    /// else the name is an operand.
    #[inline(always)]
    fn name_or_call(&mut self, name: &'src str, name_span: Span) -> PResult<Step> {
        self.skip_whitespace();
        if self.scan(lex::punctuation('(')).is_some() {
            self.open_call(name, name_span)?;
            return Ok(Step::Operand("("));
        }
        // The parser stays after the whitespace, which the operator that
        // follows would skip anyway.
        Ok(Step::Postfix(
            self.push_expr(ExprKind::Name(name), name_span),
        ))
    }

    /// Closes the open product, if there is one, with its last factor
    /// `cur`.
    #[inline(always)]
    fn close_open_product(&mut self, cur: ExprId) -> ExprId {
        match self.scratch.frames.last() {
            Some(&Frame::Product { first, run, op }) => {
                self.scratch.frames.pop();
                self.close_product(first, run, op, cur)
            }
            _ => cur,
        }
    }

    /// Closes the open sum, if there is one, with its last term `cur`.
    #[inline(always)]
    fn close_open_sum(&mut self, cur: ExprId) -> ExprId {
        match self.scratch.frames.last() {
            Some(&Frame::Sum { first, run, op }) => {
                self.scratch.frames.pop();
                self.close_sum(first, run, op, cur)
            }
            _ => cur,
        }
    }

    /// The factor `cur` is complete: closes the signs and powers that wait
    /// for it, innermost first.
    #[inline(always)]
    fn close_prefixes(&mut self, mut cur: ExprId) -> ExprId {
        loop {
            let (kind, start) = match self.scratch.frames.last() {
                Some(&Frame::Unary { op, start }) => (ExprKind::Unary { op, operand: cur }, start),
                Some(&Frame::Power { base }) => (
                    ExprKind::Power {
                        base,
                        exponent: cur,
                    },
                    self.span_of(base).start,
                ),
                _ => return cur,
            };
            self.scratch.frames.pop();
            self.depth -= 1;
            let span = Span::new(start, self.span_of(cur).end);
            cur = self.push_expr(kind, span);
        }
    }

    /// The factor `cur` and the operator `op` after it (`len` bytes, the
    /// parser is at it) continue the open product, or start one.
    #[inline(always)]
    fn continue_product(&mut self, cur: ExprId, op: MulOp, len: usize) -> &'static str {
        self.pos += len;
        match self.scratch.frames.last_mut() {
            Some(Frame::Product { op: pending, .. }) => {
                self.scratch.factors.push((*pending, cur));
                *pending = op;
            }
            _ => {
                let run = self.scratch.factors.len();
                let frame = Frame::Product {
                    first: cur,
                    run,
                    op,
                };
                self.scratch.frames.push(frame);
            }
        }
        match op {
            MulOp::Mul => "*",
            MulOp::Div => "/",
        }
    }

    /// The term `cur` and the operator `op` after it (`len` bytes, the
    /// parser is at it) continue the open sum, or start one.
    #[inline(always)]
    fn continue_sum(&mut self, cur: ExprId, op: AddOp, len: usize) -> &'static str {
        self.pos += len;
        match self.scratch.frames.last_mut() {
            Some(Frame::Sum { op: pending, .. }) => {
                self.scratch.terms.push((*pending, cur));
                *pending = op;
            }
            _ => {
                let run = self.scratch.terms.len();
                let frame = Frame::Sum {
                    first: cur,
                    run,
                    op,
                };
                self.scratch.frames.push(frame);
            }
        }
        match op {
            AddOp::Add => "+",
            AddOp::Sub => "-",
        }
    }

    /// The sum `cur` is complete, and `token` follows it: it ends a
    /// comparison, a parenthesis, an argument, or the whole expression.
    #[inline(always)]
    fn after_sum(&mut self, mut cur: ExprId, token: Option<(Operator, usize)>) -> PResult<Step> {
        if let Some(&Frame::Compare { left, op }) = self.scratch.frames.last() {
            self.scratch.frames.pop();
            cur = self.close_compare(left, op, cur, token)?;
        } else if let Some((Operator::Compare(op), len)) = token {
            return self.open_compare(cur, op, len);
        }
        match self.scratch.frames.last() {
            Some(&Frame::Group { open }) => self.close_group(open, cur, token),
            Some(&Frame::Call {
                name_span,
                open,
                run,
            }) => self.after_argument(name_span, open, run, cur, token),
            _ => Ok(Step::Done(cur)),
        }
    }

    /// The sum `left` and the comparison `op` after it (`len` bytes, the
    /// parser is at it): opens a comparison, which only an argument may be.
    #[cold]
    fn open_compare(&mut self, left: ExprId, op: CompareOp, len: usize) -> PResult<Step> {
        if !matches!(self.scratch.frames.last(), Some(Frame::Call { .. })) {
            let kind = ParseErrorKind::ComparisonOutsideCall;
            return Err(Error::new(kind, Span::new(self.pos, self.pos + len)));
        }
        self.scratch.frames.push(Frame::Compare { left, op });
        self.pos += len;
        Ok(Step::Operand(op.symbol()))
    }

    /// Closes the comparison `left op right`, which no second comparison
    /// (`token`) may follow.
    #[cold]
    fn close_compare(
        &mut self,
        left: ExprId,
        op: CompareOp,
        right: ExprId,
        token: Option<(Operator, usize)>,
    ) -> PResult<ExprId> {
        let span = Span::new(self.span_of(left).start, self.span_of(right).end);
        let compare = self.push_expr(ExprKind::Compare { op, left, right }, span);
        if let Some((Operator::Compare(_), len)) = token {
            let kind = ParseErrorKind::ChainedComparison;
            return Err(Error::new(kind, Span::new(self.pos, self.pos + len)));
        }
        Ok(compare)
    }

    /// The sum `cur` inside the parenthesis opened at `open`: `)` closes
    /// it, and the parenthesis is an operand.
    #[inline(always)]
    fn close_group(
        &mut self,
        open: usize,
        cur: ExprId,
        token: Option<(Operator, usize)>,
    ) -> PResult<Step> {
        let Some((Operator::Close, len)) = token else {
            return Err(self.unclosed_or_unexpected(open, Expected::CloseParen));
        };
        self.scratch.frames.pop();
        self.depth -= 1;
        self.pos += len;
        if let Some(expr) = self.exprs.get_mut(cur.index()) {
            expr.span = Span::new(open, self.pos);
        }
        Ok(Step::Postfix(cur))
    }

    /// The argument `cur` of the call `name_span(` opened at `open`, and
    /// `token` after it: `,` starts the next argument, `)` closes the call,
    /// which is an operand.
    #[inline(always)]
    fn after_argument(
        &mut self,
        name_span: Span,
        open: usize,
        run: usize,
        cur: ExprId,
        token: Option<(Operator, usize)>,
    ) -> PResult<Step> {
        match token {
            Some((Operator::Comma, len)) => {
                self.scratch.args.push(cur);
                let comma = self.pos;
                self.pos += len;
                self.skip_whitespace();
                if self.scan(lex::punctuation(')')).is_some() {
                    let kind = ParseErrorKind::TrailingComma {
                        function: self.text(name_span.start, name_span.end).to_owned(),
                    };
                    return Err(Error::new(kind, Span::new(comma, comma + len)));
                }
                Ok(Step::Operand(","))
            }
            Some((Operator::Close, len)) => {
                self.scratch.frames.pop();
                self.depth -= 1;
                self.pos += len;
                Ok(Step::Postfix(self.close_call(name_span, run, cur)))
            }
            _ => Err(self.unclosed_or_unexpected(open, Expected::CommaOrCloseParen)),
        }
    }

    /// The error where a parenthesis opened at `open` must continue with
    /// `expected`: unclosed at the end or at a `;`, else unexpected.
    #[cold]
    fn unclosed_or_unexpected(&self, open: usize, expected: Expected) -> Error {
        match self.peek() {
            None | Some(b';') => unclosed(open),
            Some(_) => self.unexpected(expected),
        }
    }

    /// Pushes a frame that counts one level of nesting.
    #[inline(always)]
    fn push_nested(&mut self, frame: Frame) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Error::new(
                ParseErrorKind::TooDeep,
                self.char_span(self.pos),
            ));
        }
        self.scratch.frames.push(frame);
        Ok(())
    }

    /// With the parser at the `(` after `name`: opens the call's arguments.
    fn open_call(&mut self, name: &'src str, name_span: Span) -> PResult<()> {
        let open = self.pos;
        let run = self.scratch.args.len();
        self.push_nested(Frame::Call {
            name_span,
            open,
            run,
        })?;
        self.pos += 1;
        self.skip_whitespace();
        if self.peek() == Some(b')') {
            let kind = ParseErrorKind::EmptyCall {
                name: name.to_owned(),
            };
            return Err(Error::new(kind, Span::new(open, self.pos + 1)));
        }
        Ok(())
    }

    /// The function whose argument list the parser is directly in (not in a
    /// parenthesis inside it).
    fn in_arguments_of(&self) -> Option<&'src str> {
        self.scratch
            .frames
            .iter()
            .rev()
            .find_map(|frame| match *frame {
                Frame::Call { name_span, .. } => {
                    Some(Some(self.text(name_span.start, name_span.end)))
                }
                Frame::Group { .. } => Some(None),
                _ => None,
            })?
    }

    /// After the factor `left`, with no operator after it: the error for
    /// an operand that follows with no operator in between.
    #[inline]
    fn check_adjacent(&mut self, left: ExprId) -> PResult<()> {
        match self.peek() {
            Some(byte)
                if is_name_start(byte)
                    || byte.is_ascii_digit()
                    || byte == b'('
                    || (byte == b'.' && self.peek_at(1).is_some_and(|b| b.is_ascii_digit())) =>
            {
                Err(self.juxtaposition(self.span_of(left)))
            }
            _ => Ok(()),
        }
    }

    /// The error for an operand at `pos` right after the operand at `left`.
    #[cold]
    fn juxtaposition(&mut self, left: Span) -> Error {
        let spaced = self.pos > left.end;
        let start = self.pos;
        let token_end = self.token_end(start);
        let span = Span::new(start, token_end);
        if self.depth == 0 && self.peek().is_some_and(is_name_start) {
            // `z = x` then a new line `y = ...`: a forgotten `;`.
            let after_name = self.src.as_bytes().get(token_end..).unwrap_or_default();
            let after_name = after_name.trim_ascii_start();
            if after_name.first() == Some(&b'=') && after_name.get(1) != Some(&b'=') {
                let end = left.end;
                return Error::new(
                    ParseErrorKind::MissingSemicolon {
                        definition: self.current_definition(left.start),
                    },
                    Span::new(end, end),
                );
            }
        }
        if let (Some(function), true) = (self.in_arguments_of(), spaced) {
            let kind = ParseErrorKind::MissingComma {
                function: function.to_owned(),
            };
            return Error::new(kind, span);
        }
        let (left_text, right_text) = (
            self.text(left.start, left.end),
            self.text(start, self.operand_end(start)),
        );
        // Only a name right against the number (`1_000`, not `3 _5`).
        if let Some(kind) = unsupported_number(left_text, right_text).filter(|_| !spaced) {
            return Error::new(kind, Span::new(left.start, self.operand_end(start)));
        }
        let (left, right) = (quote(left_text), quote(right_text));
        Error::new(ParseErrorKind::ImplicitMultiplication { left, right }, span)
    }

    /// The name of the definition whose value contains byte `pos`, if the
    /// text before it on the statement is `name =`.
    fn current_definition(&self, pos: usize) -> Option<String> {
        let before = self.src.get(..pos)?;
        let statement_start = before.rfind(';').map_or(0, |i| i + 1);
        let statement = before.get(statement_start..)?;
        let (name, _) = statement.split_once('=')?;
        let name = name.trim();
        is_name(name).then(|| name.to_owned())
    }

    /// The end of the number or name at `start`, or one character.
    fn token_end(&self, start: usize) -> usize {
        let is_token_byte = |b: &u8| is_name_continue(*b) || *b == b'.';
        match self.src.as_bytes().get(start) {
            Some(b) if is_token_byte(b) => self
                .src
                .as_bytes()
                .get(start..)
                .and_then(|rest| rest.iter().position(|b| !is_token_byte(b)))
                .map_or(self.src.len(), |len| start + len),
            _ => self.char_span(start).end,
        }
    }

    /// The end of the operand at `start`: a token, a call or a parenthesis
    /// (up to its matching `)` on the same line), for quoting in a message.
    fn operand_end(&self, start: usize) -> usize {
        let mut end = self.token_end(start);
        let mut paren = end;
        if self.src.as_bytes().get(start) != Some(&b'(') {
            while let Some(b' ' | b'\t') = self.src.as_bytes().get(paren) {
                paren += 1;
            }
            if self.src.as_bytes().get(paren) != Some(&b'(') {
                return end;
            }
        } else {
            paren = start;
        }
        let mut open = 0usize;
        for (offset, byte) in self
            .src
            .as_bytes()
            .get(paren..)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            match byte {
                b'(' => open += 1,
                b')' => {
                    open -= 1;
                    if open == 0 {
                        end = paren + offset + 1;
                        break;
                    }
                }
                b'\n' => break,
                _ => {}
            }
        }
        end
    }

    #[cold]
    fn expected_operand(&self, after: &'static str) -> Error {
        let span = self.char_span(self.pos);
        match self.found_at(self.pos) {
            Found::Char(')') if after.is_empty() => {
                return Error::new(ParseErrorKind::UnmatchedParen, span);
            }
            Found::Char(ch) if !ch.is_ascii() || !is_syntax_byte(ch as u8) => {
                return Error::new(ParseErrorKind::StrayCharacter { ch }, span);
            }
            _ => {}
        }
        Error::new(
            ParseErrorKind::ExpectedOperand {
                after,
                found: self.found_at(self.pos),
            },
            self.char_span(self.pos),
        )
    }
}

/// `text` for a message, or `…` in its place if it is long or spans lines.
/// The error for a number written as other languages allow, read as a
/// number followed by a name: `1_000` (`1` then `_000`), `0x1F`.
fn unsupported_number(left: &str, right: &str) -> Option<ParseErrorKind> {
    if !left
        .bytes()
        .all(|byte| byte.is_ascii_digit() || byte == b'.')
    {
        return None;
    }
    let written = format!("{left}{right}");
    let decimal =
        if right.starts_with('_') && right.bytes().all(|b| b == b'_' || b.is_ascii_digit()) {
            Some(written.replace('_', ""))
        } else if left == "0" && matches!(right.as_bytes().first(), Some(b'x' | b'X')) {
            let digits = right.get(1..)?.replace('_', "");
            u128::from_str_radix(&digits, 16)
                .ok()
                .map(|value| value.to_string())
        } else {
            return None;
        };
    Some(ParseErrorKind::UnsupportedNumber { written, decimal })
}

fn quote(text: &str) -> String {
    if text.len() <= MAX_QUOTE && !text.contains('\n') {
        text.to_owned()
    } else if text.starts_with('(') {
        "(…)".to_owned()
    } else {
        "…".to_owned()
    }
}
