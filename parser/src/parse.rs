//! Text to syntax tree: a hand-written operator-precedence parser over bytes,
//! with nom recognising the tokens (numbers and names).
//!
//! The grammar, loosest first:
//!
//! ```text
//! program := (name "=" sum ";")* sum
//! sum     := product (("+" | "-") product)*
//! product := factor (("*" | "/") factor)*
//! factor  := ("-" | "+") factor | primary (("^" | "**") factor)?
//! primary := number | name | name "(" sum ("," sum)* ")" | "(" sum ")"
//! ```
//!
//! The parser does not recurse: each construct it has opened and not yet
//! closed (a sign, a power, a sum or product in progress, a parenthesis, a
//! call) is a frame on an explicit stack. So neither a sum of 100,000 terms
//! nor deep nesting costs machine stack, and parentheses, calls, signs and
//! powers each count one level against [`MAX_DEPTH`] only to keep the trees
//! (which later stages walk recursively) shallow.

use crate::error::{Expected, Found};
use crate::{
    AddOp, Definition, Expr, ExprKind, MulOp, ParseError, ParseErrorKind, Program, Span, UnaryOp,
};
use std::cell::Cell;

mod definitions;
mod lex;

use definitions::check_definitions;

/// The deepest nesting of parentheses, calls, signs and powers that parses;
/// one level more is [`ParseErrorKind::TooDeep`], never a stack overflow.
pub const MAX_DEPTH: usize = 256;

/// Parses a whole input: definitions `name = expr;`, then the final expression.
pub fn parse(source: &str) -> Result<Program<'_>, ParseError> {
    let mut parser = Parser::new(source);
    parser
        .program()
        .and_then(|program| check_definitions(&program).map(|()| program))
        .map_err(|error| error.with_source(source))
}

/// Parses a single expression, without definitions.
pub fn parse_expr(source: &str) -> Result<Expr<'_>, ParseError> {
    let mut parser = Parser::new(source);
    parser
        .lone_expression()
        .map_err(|error| error.with_source(source))
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

struct Parser<'src> {
    src: &'src str,
    bytes: &'src [u8],
    pos: usize,
    /// The number of open signs, powers, parentheses and calls.
    depth: usize,
    /// The open constructs, innermost last.
    frames: Vec<Frame<'src>>,
}

thread_local! {
    /// The (empty) frame stack of the last parse on this thread, so that a
    /// parse allocates nothing but its tree.
    static SPARE_FRAMES: Cell<Vec<Frame<'static>>> = const { Cell::new(Vec::new()) };
}

/// A frame stack that outgrew this many frames is not kept.
const MAX_SPARE_FRAMES: usize = 64;

fn take_spare_frames<'src>() -> Vec<Frame<'src>> {
    let frames = SPARE_FRAMES.try_with(Cell::take).unwrap_or_default();
    if frames.capacity() == 0 {
        // Eight frames (832 bytes) stay under glibc's 1 KiB large-bin
        // threshold; a larger first request makes every parse consolidate
        // the allocator's fast bins, a third slower.
        return Vec::with_capacity(8);
    }
    frames
}

impl Drop for Parser<'_> {
    fn drop(&mut self) {
        let mut frames = std::mem::take(&mut self.frames);
        if frames.capacity() <= MAX_SPARE_FRAMES {
            frames.clear();
            // An empty vector's allocation carries over to the `'static`
            // element type (in-place collection: same size and alignment).
            // `filter` could not change the element type, hence the allow.
            #[allow(clippy::unnecessary_filter_map)]
            let frames: Vec<Frame<'static>> = frames.into_iter().filter_map(|_| None).collect();
            // During thread teardown the slot may be gone; then the stack is
            // simply freed.
            let _ = SPARE_FRAMES.try_with(|spare| spare.set(frames));
        }
    }
}

/// A construct that the parser has opened and not yet closed.
enum Frame<'src> {
    /// A sign, waiting for its operand (a factor).
    Unary { op: UnaryOp, start: usize },
    /// `base ^`, waiting for the exponent (a factor).
    Power { base: Expr<'src> },
    /// A product so far and the operator after it, waiting for a factor.
    Product {
        first: Expr<'src>,
        rest: Vec<(MulOp, Expr<'src>)>,
        op: MulOp,
    },
    /// A sum so far and the operator after it, waiting for a product.
    Sum {
        first: Expr<'src>,
        rest: Vec<(AddOp, Expr<'src>)>,
        op: AddOp,
    },
    /// `(`, waiting for a sum and `)`.
    Group { open: usize },
    /// `name(` and the arguments so far, waiting for a sum and `,` or `)`.
    Call {
        name: &'src str,
        name_span: Span,
        open: usize,
        args: Vec<Expr<'src>>,
    },
}

fn product<'src>(first: Expr<'src>, rest: Vec<(MulOp, Expr<'src>)>) -> Expr<'src> {
    let end = rest
        .last()
        .map_or(first.span.end, |(_, last)| last.span.end);
    let span = Span::new(first.span.start, end);
    let first = Box::new(first);
    Expr {
        kind: ExprKind::Product { first, rest },
        span,
    }
}

fn sum<'src>(first: Expr<'src>, rest: Vec<(AddOp, Expr<'src>)>) -> Expr<'src> {
    let end = rest
        .last()
        .map_or(first.span.end, |(_, last)| last.span.end);
    let span = Span::new(first.span.start, end);
    let first = Box::new(first);
    Expr {
        kind: ExprKind::Sum { first, rest },
        span,
    }
}

fn unclosed(open: usize) -> Error {
    Error::new(ParseErrorKind::UnclosedParen, Span::new(open, open + 1))
}

fn is_name_start(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_'
}

fn is_name_continue(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// The ASCII characters that have a meaning somewhere in the grammar; any
/// other character is a stray character.
fn is_syntax_byte(byte: u8) -> bool {
    is_name_continue(byte) || b"+-*/^().,;= \t\n\r".contains(&byte)
}

/// Operand texts quoted in a message are cut to this many bytes.
const MAX_QUOTE: usize = 24;

impl<'src> Parser<'src> {
    fn new(src: &'src str) -> Self {
        Self {
            src,
            bytes: src.as_bytes(),
            pos: 0,
            depth: 0,
            frames: take_spare_frames(),
        }
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline]
    fn peek_at(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.pos + offset).copied()
    }

    #[inline]
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
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

    fn program(&mut self) -> PResult<Program<'src>> {
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
                            let end = value.span.end;
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
                    return Ok(Program { definitions, body });
                }
            }
        }
    }

    fn lone_expression(&mut self) -> PResult<Expr<'src>> {
        self.skip_whitespace();
        if self.peek().is_none() {
            return Err(Error::new(
                ParseErrorKind::Empty,
                Span::new(self.pos, self.pos),
            ));
        }
        let body = self.expression("")?;
        self.expect_end()?;
        Ok(body)
    }

    fn expect_end(&mut self) -> PResult<()> {
        self.skip_whitespace();
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.unexpected(Expected::EndOfInput)),
        }
    }

    /// Consumes `name =` (not `==`) if the input continues with it.
    fn definition_head(&mut self) -> Option<(&'src str, Span)> {
        let start = self.pos;
        if !self.peek().is_some_and(is_name_start) {
            return None;
        }
        let name = self.name();
        let name_span = Span::new(start, self.pos);
        self.skip_whitespace();
        if self.peek() == Some(b'=') && self.peek_at(1) != Some(b'=') {
            self.pos += 1;
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

    /// Parses one expression, up to the first token that cannot continue it.
    /// `after` is the token before it, named in a missing-operand error.
    ///
    /// There is no recursion: every open construct (a sign, a power, a
    /// pending product or sum, a parenthesis, a call) is a [`Frame`] on
    /// `self.frames`, so the stack use is the same at any depth.
    fn expression(&mut self, mut after: &'static str) -> PResult<Expr<'src>> {
        'operand: loop {
            self.skip_whitespace();
            let start = self.pos;
            let mut cur = match self.peek() {
                Some(sign @ (b'-' | b'+')) => {
                    let (op, text) = if sign == b'-' {
                        (UnaryOp::Neg, "-")
                    } else {
                        (UnaryOp::Plus, "+")
                    };
                    self.push_nested(Frame::Unary { op, start })?;
                    self.pos += 1;
                    after = text;
                    continue 'operand;
                }
                Some(b'(') => {
                    self.push_nested(Frame::Group { open: start })?;
                    self.pos += 1;
                    after = "(";
                    continue 'operand;
                }
                Some(byte) if byte.is_ascii_digit() || byte == b'.' => {
                    let number = self.number()?;
                    Expr {
                        kind: ExprKind::Number(number),
                        span: Span::new(start, self.pos),
                    }
                }
                Some(byte) if is_name_start(byte) => {
                    let name = self.name();
                    let name_span = Span::new(start, self.pos);
                    self.skip_whitespace();
                    if self.peek() == Some(b'(') {
                        self.open_call(name, name_span)?;
                        after = "(";
                        continue 'operand;
                    }
                    self.pos = name_span.end;
                    Expr {
                        kind: ExprKind::Name(name),
                        span: name_span,
                    }
                }
                _ => return Err(self.expected_operand(after)),
            };
            'postfix: loop {
                // `cur` is a number, a name, a call or a parenthesis.
                self.skip_whitespace();
                let power = match (self.peek(), self.peek_at(1)) {
                    (Some(b'^'), _) => Some((1, "^")),
                    (Some(b'*'), Some(b'*')) => Some((2, "**")),
                    _ => None,
                };
                if let Some((len, text)) = power {
                    self.push_nested(Frame::Power { base: cur })?;
                    self.pos += len;
                    after = text;
                    continue 'operand;
                }
                // The factor is complete: close the signs and powers that
                // wait for it, innermost first.
                while matches!(
                    self.frames.last(),
                    Some(Frame::Unary { .. } | Frame::Power { .. })
                ) {
                    self.depth -= 1;
                    cur = match self.frames.pop() {
                        Some(Frame::Unary { op, start }) => Expr {
                            span: Span::new(start, cur.span.end),
                            kind: ExprKind::Unary {
                                op,
                                operand: Box::new(cur),
                            },
                        },
                        Some(Frame::Power { base }) => Expr {
                            span: Span::new(base.span.start, cur.span.end),
                            kind: ExprKind::Power {
                                base: Box::new(base),
                                exponent: Box::new(cur),
                            },
                        },
                        _ => cur,
                    };
                }
                if let Some(op) = self.product_operator(&cur)? {
                    self.pos += 1;
                    after = match op {
                        MulOp::Mul => "*",
                        MulOp::Div => "/",
                    };
                    match self.frames.last_mut() {
                        Some(Frame::Product {
                            rest, op: pending, ..
                        }) => {
                            rest.push((*pending, cur));
                            *pending = op;
                        }
                        _ => self.frames.push(Frame::Product {
                            first: cur,
                            rest: Vec::new(),
                            op,
                        }),
                    }
                    continue 'operand;
                }
                if matches!(self.frames.last(), Some(Frame::Product { .. }))
                    && let Some(Frame::Product {
                        first,
                        mut rest,
                        op,
                    }) = self.frames.pop()
                {
                    rest.push((op, cur));
                    cur = product(first, rest);
                }
                let add = match self.peek() {
                    Some(b'+') => Some(AddOp::Add),
                    Some(b'-') => Some(AddOp::Sub),
                    _ => None,
                };
                if let Some(op) = add {
                    self.pos += 1;
                    after = match op {
                        AddOp::Add => "+",
                        AddOp::Sub => "-",
                    };
                    match self.frames.last_mut() {
                        Some(Frame::Sum {
                            rest, op: pending, ..
                        }) => {
                            rest.push((*pending, cur));
                            *pending = op;
                        }
                        _ => self.frames.push(Frame::Sum {
                            first: cur,
                            rest: Vec::new(),
                            op,
                        }),
                    }
                    continue 'operand;
                }
                if matches!(self.frames.last(), Some(Frame::Sum { .. }))
                    && let Some(Frame::Sum {
                        first,
                        mut rest,
                        op,
                    }) = self.frames.pop()
                {
                    rest.push((op, cur));
                    cur = sum(first, rest);
                }
                // The sum is complete: it ends a parenthesis, an argument, or
                // the whole expression.
                let next = self.peek();
                match self.frames.last_mut() {
                    Some(Frame::Group { open }) => {
                        let open = *open;
                        match next {
                            Some(b')') => {
                                self.frames.pop();
                                self.depth -= 1;
                                self.pos += 1;
                                cur.span = Span::new(open, self.pos);
                                continue 'postfix;
                            }
                            None | Some(b';') => return Err(unclosed(open)),
                            Some(_) => return Err(self.unexpected(Expected::CloseParen)),
                        }
                    }
                    Some(Frame::Call {
                        name, open, args, ..
                    }) => match next {
                        Some(b',') => {
                            let name = *name;
                            args.push(cur);
                            let comma = self.pos;
                            self.pos += 1;
                            self.skip_whitespace();
                            if self.peek() == Some(b')') {
                                let kind = ParseErrorKind::TrailingComma {
                                    function: name.to_owned(),
                                };
                                return Err(Error::new(kind, Span::new(comma, comma + 1)));
                            }
                            after = ",";
                            continue 'operand;
                        }
                        Some(b')') => {
                            args.push(cur);
                            self.depth -= 1;
                            self.pos += 1;
                            if let Some(Frame::Call {
                                name,
                                name_span,
                                args,
                                ..
                            }) = self.frames.pop()
                            {
                                cur = Expr {
                                    kind: ExprKind::Call {
                                        name,
                                        name_span,
                                        args,
                                    },
                                    span: Span::new(name_span.start, self.pos),
                                };
                                continue 'postfix;
                            }
                            return Err(self.expected_operand(after));
                        }
                        None | Some(b';') => return Err(unclosed(*open)),
                        Some(_) => return Err(self.unexpected(Expected::CommaOrCloseParen)),
                    },
                    _ => return Ok(cur),
                }
            }
        }
    }

    /// Pushes a frame that counts one level of nesting.
    #[inline(always)]
    fn push_nested(&mut self, frame: Frame<'src>) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Error::new(
                ParseErrorKind::TooDeep,
                self.char_span(self.pos),
            ));
        }
        self.frames.push(frame);
        Ok(())
    }

    /// With the parser at the `(` after `name`: opens the call's arguments.
    fn open_call(&mut self, name: &'src str, name_span: Span) -> PResult<()> {
        let open = self.pos;
        self.push_nested(Frame::Call {
            name,
            name_span,
            open,
            args: Vec::with_capacity(1),
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
        self.frames.iter().rev().find_map(|frame| match frame {
            Frame::Call { name, .. } => Some(Some(*name)),
            Frame::Group { .. } => Some(None),
            _ => None,
        })?
    }
    /// After the factor `left`: `*` or `/` if one follows (not consumed), or
    /// the error for an operand that follows with no operator in between.
    #[inline]
    fn product_operator(&mut self, left: &Expr<'src>) -> PResult<Option<MulOp>> {
        self.skip_whitespace();
        match self.peek() {
            Some(b'*') => Ok(Some(MulOp::Mul)),
            Some(b'/') => Ok(Some(MulOp::Div)),
            Some(byte)
                if is_name_start(byte)
                    || byte.is_ascii_digit()
                    || byte == b'('
                    || (byte == b'.' && self.peek_at(1).is_some_and(|b| b.is_ascii_digit())) =>
            {
                Err(self.juxtaposition(left, self.pos > left.span.end))
            }
            _ => Ok(None),
        }
    }

    /// The error for an operand at `pos` right after the operand `left`.
    #[cold]
    fn juxtaposition(&mut self, left: &Expr<'src>, spaced: bool) -> Error {
        let start = self.pos;
        let token_end = self.token_end(start);
        let span = Span::new(start, token_end);
        if self.depth == 0 && self.peek().is_some_and(is_name_start) {
            // `z = x` then a new line `y = ...`: a forgotten `;`.
            let after_name = self.bytes.get(token_end..).unwrap_or_default();
            let after_name = after_name.trim_ascii_start();
            if after_name.first() == Some(&b'=') && after_name.get(1) != Some(&b'=') {
                let end = left.span.end;
                return Error::new(
                    ParseErrorKind::MissingSemicolon {
                        definition: self.current_definition(left.span.start),
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
        let left = quote(self.text(left.span.start, left.span.end));
        let right = quote(self.text(start, self.operand_end(start)));
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
        let valid =
            name.bytes().next().is_some_and(is_name_start) && name.bytes().all(is_name_continue);
        valid.then(|| name.to_owned())
    }

    /// The end of the number or name at `start`, or one character.
    fn token_end(&self, start: usize) -> usize {
        let is_token_byte = |b: &u8| is_name_continue(*b) || *b == b'.';
        match self.bytes.get(start) {
            Some(b) if is_token_byte(b) => self
                .bytes
                .get(start..)
                .and_then(|rest| rest.iter().position(|b| !is_token_byte(b)))
                .map_or(self.bytes.len(), |len| start + len),
            _ => self.char_span(start).end,
        }
    }

    /// The end of the operand at `start`: a token, a call or a parenthesis
    /// (up to its matching `)` on the same line), for quoting in a message.
    fn operand_end(&self, start: usize) -> usize {
        let mut end = self.token_end(start);
        let mut paren = end;
        if self.bytes.get(start) != Some(&b'(') {
            while let Some(b' ' | b'\t') = self.bytes.get(paren) {
                paren += 1;
            }
            if self.bytes.get(paren) != Some(&b'(') {
                return end;
            }
        } else {
            paren = start;
        }
        let mut open = 0usize;
        for (offset, byte) in self
            .bytes
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
fn quote(text: &str) -> String {
    if text.len() <= MAX_QUOTE && !text.contains('\n') {
        text.to_owned()
    } else if text.starts_with('(') {
        "(…)".to_owned()
    } else {
        "…".to_owned()
    }
}
