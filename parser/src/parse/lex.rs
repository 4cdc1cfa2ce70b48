//! Tokens: names, and decimal numbers (their digits recognised with nom).

use super::{Error, PResult, Parser};
use crate::ParseErrorKind;
use crate::Span;
use crate::error::NumberProblem;
use nom::IResult;
use nom::character::complete::digit0;

use super::is_name_continue;

impl<'src> Parser<'src, '_> {
    /// A name `[A-Za-z_][A-Za-z0-9_]*`; the parser is at its first byte.
    ///
    /// Names are the commonest token: a plain loop over a lookup table.
    #[inline]
    pub(super) fn name(&mut self) -> &'src str {
        let start = self.pos;
        let mut end = start + 1;
        while self
            .bytes
            .get(end)
            .is_some_and(|&byte| is_name_continue(byte))
        {
            end += 1;
        }
        self.pos = end.min(self.bytes.len());
        self.text(start, self.pos)
    }

    /// A decimal number `digits [. digits] [(e|E) [+|-] digits]` or
    /// `. digits [...]`; the parser is at its first byte.
    pub(super) fn number(&mut self) -> PResult<&'src str> {
        let start = self.pos;
        let input = self.bytes.get(start..).unwrap_or_default();
        let (mut rest, _) = digits(input);
        if let [b'.', after_point @ ..] = rest {
            let (after_fraction, fraction) = digits(after_point);
            if fraction.is_empty() {
                let end = start + (input.len() - after_point.len());
                return Err(self.malformed_number(start, end, NumberProblem::FractionDigits));
            }
            rest = after_fraction;
        }
        if let [b'e' | b'E', after_e @ ..] = rest {
            let after_sign = match after_e {
                [b'+' | b'-', after_sign @ ..] => after_sign,
                _ => after_e,
            };
            let (after_exponent, exponent) = digits(after_sign);
            if !exponent.is_empty() {
                rest = after_exponent;
            } else if after_sign.len() < after_e.len()
                || !after_e.first().copied().is_some_and(is_name_continue)
            {
                // `1e`, `1e+`, `1e-x`: an exponent that breaks off. (`2exp`
                // is `2` next to the name `exp`, reported as juxtaposition.)
                let end = start + (input.len() - after_sign.len());
                return Err(self.malformed_number(start, end, NumberProblem::ExponentDigits));
            }
        }
        if let [b'.', ..] = rest {
            let run = input
                .iter()
                .position(|b| !(b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E')))
                .unwrap_or(input.len());
            return Err(self.malformed_number(start, start + run, NumberProblem::ExtraPoint));
        }
        self.pos = start + (input.len() - rest.len());
        Ok(self.text(start, self.pos))
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

/// Splits off the leading ASCII digits: `(rest, digits)`.
#[inline]
fn digits(input: &[u8]) -> (&[u8], &[u8]) {
    let scanned: IResult<&[u8], &[u8]> = digit0(input);
    scanned.unwrap_or((input, &[]))
}
