//! Tokens: whitespace, names, numbers and operators, each a nom parser over
//! the bytes from the parser's position.
//!
//! A token parser takes the rest of the input and returns the rest after its
//! token. The [`Parser`] methods at the end run one at the parser's position
//! and turn the rest's length back into a byte offset, so that every token
//! keeps its span. A token that is not there is simply absent (nom's error
//! type `()`), except a malformed number, which is a [`NumberError`].

use super::{Error, PResult, Parser};
use crate::error::NumberProblem;
use crate::{AddOp, CompareOp, MulOp, ParseErrorKind, Span, UnaryOp};
use nom::branch::alt;
use nom::bytes::complete::{take_while, take_while1};
use nom::character::complete::{anychar, char, digit1, multispace0, satisfy};
use nom::combinator::{cut, map_opt, not, opt, recognize, success, value};
use nom::error::{ErrorKind, ParseError};
use nom::sequence::{preceded, terminated};
use nom::{IResult, Input, Needed, Offset, Parser as _};
use std::iter::{Copied, Enumerate};
use std::slice;

/// The lexer's input: the bytes from the parser's position, read as nom
/// reads `&[u8]`, but with every method inlined. (nom 8 does not mark
/// `take_from` of `&[u8]` `#[inline]`, and every token of fixed width calls
/// it: a call per token was 8 % of a parse.) Out-of-range indices give an
/// empty slice rather than a panic.
#[derive(Clone, Copy, Debug)]
pub(super) struct Bytes<'a>(&'a [u8]);

impl<'a> Input for Bytes<'a> {
    type Item = u8;
    type Iter = Copied<slice::Iter<'a, u8>>;
    type IterIndices = Enumerate<Self::Iter>;

    #[inline(always)]
    fn input_len(&self) -> usize {
        self.0.len()
    }

    #[inline(always)]
    fn take(&self, index: usize) -> Self {
        Bytes(self.0.get(..index).unwrap_or_default())
    }

    #[inline(always)]
    fn take_from(&self, index: usize) -> Self {
        Bytes(self.0.get(index..).unwrap_or_default())
    }

    #[inline(always)]
    fn take_split(&self, index: usize) -> (Self, Self) {
        let (prefix, suffix) = self.0.split_at_checked(index).unwrap_or((self.0, &[]));
        (Bytes(suffix), Bytes(prefix))
    }

    #[inline(always)]
    fn position<P>(&self, predicate: P) -> Option<usize>
    where
        P: Fn(u8) -> bool,
    {
        self.0.iter().position(|&byte| predicate(byte))
    }

    #[inline(always)]
    fn iter_elements(&self) -> Self::Iter {
        self.0.iter().copied()
    }

    #[inline(always)]
    fn iter_indices(&self) -> Self::IterIndices {
        self.iter_elements().enumerate()
    }

    #[inline(always)]
    fn slice_index(&self, count: usize) -> Result<usize, Needed> {
        match self.0.len().checked_sub(count) {
            Some(_) => Ok(count),
            None => Err(Needed::new(count - self.0.len())),
        }
    }
}

impl Offset for Bytes<'_> {
    /// The offset of `second`, a tail of `self`.
    #[inline(always)]
    fn offset(&self, second: &Self) -> usize {
        self.0.len() - second.0.len()
    }
}

/// What a token parser returns: the rest of the input and the token's value.
pub(super) type Token<'a, T> = IResult<Bytes<'a>, T, ()>;

/// Spaces, tabs and line breaks, possibly none.
#[inline(always)]
pub(super) fn whitespace(input: Bytes<'_>) -> Token<'_, Bytes<'_>> {
    multispace0(input)
}

/// The name characters `[A-Za-z0-9_]+` of a name, which must not start with
/// a digit: [`Parser::name`] checks the first byte, one lookup instead of a
/// second parser.
#[inline(always)]
pub(super) fn name(input: Bytes<'_>) -> Token<'_, Bytes<'_>> {
    take_while1(is_name_continue).parse(input)
}

/// A sign before an operand.
#[inline(always)]
pub(super) fn sign(input: Bytes<'_>) -> Token<'_, UnaryOp> {
    map_opt(anychar, |ch| match ch {
        '-' => Some(UnaryOp::Neg),
        '+' => Some(UnaryOp::Plus),
        _ => None,
    })
    .parse(input)
}

/// A token that can follow an operand.
#[derive(Clone, Copy)]
pub(super) enum Operator {
    /// `^` or `**`.
    Power,
    /// `*` or `/`.
    Mul(MulOp),
    /// `+` or `-`.
    Add(AddOp),
    /// `<`, `<=`, `>` or `>=`.
    Compare(CompareOp),
    /// `)`.
    Close,
    /// `,`.
    Comma,
}

/// An operator, `)` or `,`: by its first character, and then, where that
/// may begin a two-character operator (`**`, `<=`, `>=`), by the second.
#[inline(always)]
pub(super) fn operator(input: Bytes<'_>) -> Token<'_, Operator> {
    let (rest, first) = anychar(input)?;
    let or_equals = |op, with_equals| alt((value(with_equals, char('=')), success(op)));
    match first {
        '^' => Ok((rest, Operator::Power)),
        '*' => alt((
            value(Operator::Power, char('*')),
            success(Operator::Mul(MulOp::Mul)),
        ))
        .parse(rest),
        '/' => Ok((rest, Operator::Mul(MulOp::Div))),
        '+' => Ok((rest, Operator::Add(AddOp::Add))),
        '-' => Ok((rest, Operator::Add(AddOp::Sub))),
        '<' => or_equals(
            Operator::Compare(CompareOp::Less),
            Operator::Compare(CompareOp::LessEq),
        )
        .parse(rest),
        '>' => or_equals(
            Operator::Compare(CompareOp::Greater),
            Operator::Compare(CompareOp::GreaterEq),
        )
        .parse(rest),
        ')' => Ok((rest, Operator::Close)),
        ',' => Ok((rest, Operator::Comma)),
        _ => Err(nom::Err::Error(())),
    }
}

/// The `=` of a definition (not the first half of `==`).
#[inline(always)]
pub(super) fn equals(input: Bytes<'_>) -> Token<'_, ()> {
    value((), terminated(char('='), not(char('=')))).parse(input)
}

/// One punctuation character: `(` or `)`.
#[inline(always)]
pub(super) fn punctuation(expected: char) -> impl Fn(Bytes<'_>) -> Token<'_, ()> {
    move |input| value((), char(expected)).parse(input)
}

/// A number token that is malformed: where its text ends (the rest of the
/// input after it) and why. `problem` is `None` for nom's recoverable error,
/// a part of a number that is merely absent.
#[derive(Debug)]
pub(super) struct NumberError<'a> {
    rest: Bytes<'a>,
    problem: Option<NumberProblem>,
}

impl<'a> ParseError<Bytes<'a>> for NumberError<'a> {
    fn from_error_kind(input: Bytes<'a>, _kind: ErrorKind) -> Self {
        Self {
            rest: input,
            problem: None,
        }
    }

    fn append(_input: Bytes<'a>, _kind: ErrorKind, other: Self) -> Self {
        other
    }
}

/// A decimal number `digits [. digits] [(e|E) [+|-] digits]` or
/// `. digits [...]`, or the failure that says why the number that starts
/// here is malformed.
#[inline(always)]
pub(super) fn number(input: Bytes<'_>) -> IResult<Bytes<'_>, Bytes<'_>, NumberError<'_>> {
    let mantissa = alt((recognize((digit1, opt(fraction()))), fraction()));
    let (rest, number) = recognize((mantissa, opt(exponent()))).parse(input)?;
    if rest.0.first() == Some(&b'.') {
        // `1.2.3`, `1e5.2`: the malformed text is the whole run of digits,
        // points and exponent letters.
        let (after_run, _) =
            take_while(|byte: u8| byte.is_ascii_digit() || matches!(byte, b'.' | b'e' | b'E'))
                .parse(input)?;
        return Err(malformed(after_run, NumberProblem::ExtraPoint));
    }
    Ok((rest, number))
}

/// `. digits`; a point with no digits after it is malformed.
/// (The parts of a number are combinators rather than functions, so that
/// they inline into it.)
#[inline(always)]
fn fraction<'a>() -> impl nom::Parser<Bytes<'a>, Output = Bytes<'a>, Error = NumberError<'a>> {
    recognize(preceded(
        char('.'),
        cut(digits_or(NumberProblem::FractionDigits)),
    ))
}

/// `(e|E) [+|-] digits`; an exponent that breaks off (`1e`, `1e+`, `1e-x`)
/// is malformed, but an `e` before a letter or `_` is not an exponent:
/// `2exp` is `2` next to the name `exp`, reported as juxtaposition.
#[inline(always)]
fn exponent<'a>() -> impl nom::Parser<Bytes<'a>, Output = Bytes<'a>, Error = NumberError<'a>> {
    recognize(preceded(
        (
            satisfy(|ch| matches!(ch, 'e' | 'E')),
            not(satisfy(is_name_start_char)),
        ),
        (
            opt(satisfy(|ch| matches!(ch, '+' | '-'))),
            cut(digits_or(NumberProblem::ExponentDigits)),
        ),
    ))
}

/// Digits, or the error `problem` where they should start (which `cut`
/// makes final).
#[inline(always)]
fn digits_or(
    problem: NumberProblem,
) -> impl FnMut(Bytes<'_>) -> IResult<Bytes<'_>, Bytes<'_>, NumberError<'_>> {
    move |input| {
        digit1::<_, ()>(input).map_err(|_| {
            nom::Err::Error(NumberError {
                rest: input,
                problem: Some(problem),
            })
        })
    }
}

#[cold]
fn malformed(rest: Bytes<'_>, problem: NumberProblem) -> nom::Err<NumberError<'_>> {
    nom::Err::Failure(NumberError {
        rest,
        problem: Some(problem),
    })
}

#[inline(always)]
pub(super) fn is_name_start(byte: u8) -> bool {
    NAME_START[usize::from(byte)]
}

/// [`is_name_start`] for nom's character parsers.
#[inline(always)]
fn is_name_start_char(ch: char) -> bool {
    ch.is_ascii_alphabetic() || ch == '_'
}

#[inline(always)]
pub(super) fn is_name_continue(byte: u8) -> bool {
    NAME_CONTINUE[usize::from(byte)]
}

/// Whether `text` is one whole name (`x`, `w_1`, `sin`).
pub(crate) fn is_name(text: &str) -> bool {
    text.bytes().next().is_some_and(is_name_start) && text.bytes().all(is_name_continue)
}

/// `[A-Za-z0-9_]`, by byte: one load instead of three range tests.
static NAME_CONTINUE: [bool; 256] = name_bytes(true);

/// `[A-Za-z_]`, by byte, likewise.
static NAME_START: [bool; 256] = name_bytes(false);

/// The bytes of names, with or without the digits, as a table.
const fn name_bytes(with_digits: bool) -> [bool; 256] {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphabetic() || b == b'_' || (with_digits && b.is_ascii_digit());
        byte += 1;
    }
    table
}

impl<'src> Parser<'src, '_> {
    /// The input from the parser's position.
    #[inline(always)]
    fn rest(&self) -> Bytes<'src> {
        Bytes(self.src.as_bytes().get(self.pos..).unwrap_or_default())
    }

    /// The byte offset of `rest`, a tail of the input.
    #[inline(always)]
    fn offset_of(&self, rest: Bytes<'_>) -> usize {
        self.src.len() - rest.0.len()
    }

    /// Runs `token` at the parser's position: if it matches, moves past the
    /// token and returns its value.
    #[inline(always)]
    pub(super) fn eat<T>(
        &mut self,
        token: impl FnOnce(Bytes<'src>) -> Token<'src, T>,
    ) -> Option<T> {
        let (rest, found) = token(self.rest()).ok()?;
        self.pos = self.offset_of(rest);
        Some(found)
    }

    /// The token that `token` recognises at the parser's position and its
    /// length in bytes, not consumed.
    #[inline(always)]
    pub(super) fn scan<T>(
        &self,
        token: impl FnOnce(Bytes<'src>) -> Token<'src, T>,
    ) -> Option<(T, usize)> {
        let (rest, found) = token(self.rest()).ok()?;
        Some((found, self.offset_of(rest) - self.pos))
    }

    /// A name `[A-Za-z_][A-Za-z0-9_]*`, if one is at the parser's position.
    #[inline(always)]
    pub(super) fn name(&mut self) -> Option<&'src str> {
        let start = self.pos;
        if !self.peek().is_some_and(is_name_start) {
            return None;
        }
        self.eat(name)?;
        Some(self.text(start, self.pos))
    }

    /// A number, if one starts at the parser's position, or the error for a
    /// malformed one.
    pub(super) fn number(&mut self) -> PResult<Option<&'src str>> {
        let start = self.pos;
        // Most numbers are whole: digits that no point or exponent letter
        // follows are the number the token parser would read, found with
        // one loop instead of its five parts.
        let rest = self.rest().0;
        let digits = rest.iter().position(|byte| !byte.is_ascii_digit());
        let digits = digits.unwrap_or(rest.len());
        if digits > 0 && !matches!(rest.get(digits), Some(b'.' | b'e' | b'E')) {
            self.pos += digits;
            return Ok(Some(self.text(start, self.pos)));
        }
        match number(self.rest()) {
            Ok((rest, _)) => {
                self.pos = self.offset_of(rest);
                Ok(Some(self.text(start, self.pos)))
            }
            Err(nom::Err::Failure(NumberError {
                rest,
                problem: Some(problem),
            })) => Err(self.malformed_number(start, self.offset_of(rest), problem)),
            Err(_) => Ok(None),
        }
    }

    #[cold]
    fn malformed_number(&self, start: usize, end: usize, problem: NumberProblem) -> Error {
        Error::new(
            ParseErrorKind::MalformedNumber {
                text: self.text(start, end).to_owned(),
                problem,
            },
            Span::new(start, end),
        )
    }
}
