//! The catalogue of parse errors: each kind has one message, an optional hint,
//! and a span that the caret points at.

use crate::Span;
use crate::diagnostic::Rendered;
use std::fmt;

/// A syntax error, with a copy of the source so that `Display` can show the
/// offending line with a caret under the exact column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// What went wrong.
    pub kind: ParseErrorKind,
    /// The bytes the caret points at; empty at the end of the input.
    pub span: Span,
    /// The whole source text, for the caret.
    pub source: Box<str>,
}

/// What went wrong. The message and hint of each kind are in
/// [`ParseErrorKind::message`] and [`ParseErrorKind::help`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The input is empty or only whitespace.
    Empty,
    /// A `(` that is never closed; the span is the `(`.
    UnclosedParen,
    /// A `)` without a matching `(`.
    UnmatchedParen,
    /// An operator, `(`, `,` or `=` with nothing usable after it: `x +`,
    /// `sigmoid(w*x + )`. `after` is the token that wants an operand.
    ExpectedOperand {
        /// The token that wants an operand.
        after: &'static str,
        /// What came instead.
        found: Found,
    },
    /// A call with no arguments: `sin()`.
    EmptyCall {
        /// The function's name.
        name: String,
    },
    /// A number that breaks off or runs on: `1e`, `1.2.3`, `1.`.
    MalformedNumber {
        /// The number as written.
        text: String,
        /// What is wrong with it.
        problem: NumberProblem,
    },
    /// A character that is not part of the syntax: `#`, `α`, a NUL byte.
    StrayCharacter {
        /// The character.
        ch: char,
    },
    /// Two arguments without a comma between them: `max(a b)`.
    MissingComma {
        /// The called function's name.
        function: String,
    },
    /// A comma after the last argument: `max(a, b,)`.
    TrailingComma {
        /// The called function's name.
        function: String,
    },
    /// Two operands side by side: `2x`, `x y`, `2(x)`, `(a)(b)`.
    ImplicitMultiplication {
        /// The left operand as written.
        left: String,
        /// The right operand as written.
        right: String,
    },
    /// A number written as other languages allow: `1_000`, `0x10`.
    UnsupportedNumber {
        /// The number as written.
        written: String,
        /// The same number in the syntax, when it can be given.
        decimal: Option<String>,
    },
    /// More than [`crate::MAX_DEPTH`] nested parentheses, calls, signs and
    /// powers.
    TooDeep,
    /// An input longer than [`crate::MAX_SOURCE_LEN`] bytes (4 GiB).
    TooLong,
    /// A name used inside its own definition: `a = a + 1`.
    UsedInOwnDefinition {
        /// The name.
        name: String,
    },
    /// A name used before its definition.
    UsedBeforeDefinition {
        /// The name.
        name: String,
        /// Where it is defined.
        definition: Span,
    },
    /// A name defined a second time; `first` is the first definition's name.
    DuplicateDefinition {
        /// The name.
        name: String,
        /// Where it is first defined.
        first: Span,
    },
    /// Definitions with no final expression after them: `z = x;`.
    MissingBody,
    /// A definition not ended by `;`. `definition` is the name being defined,
    /// when the missing `;` belongs to a definition.
    MissingSemicolon {
        /// The name being defined, if the `;` ends a definition.
        definition: Option<String>,
    },
    /// A comparison that is not an argument of a call: `x < 1`,
    /// `(x < 1)*y`; the span is the operator.
    ComparisonOutsideCall,
    /// A comparison whose side is another comparison: `a < b < c`; the span
    /// is the second operator.
    ChainedComparison,
    /// A token that cannot continue the input here: `x;`, `(a, b)`, `x + y = 2`.
    Unexpected {
        /// What came.
        found: Found,
        /// What could have come.
        expected: Expected,
    },
}

/// What the parser found where it wanted something else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// The end of the input.
    End,
    /// This character.
    Char(char),
}

/// What the parser wanted, for [`ParseErrorKind::Unexpected`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// The end of the input.
    EndOfInput,
    /// `)`.
    CloseParen,
    /// `,` or `)`.
    CommaOrCloseParen,
    /// `;`.
    Semicolon,
}

/// Why a number is malformed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberProblem {
    /// `1e`, `1e+`: the exponent has no digits.
    ExponentDigits,
    /// `1.`, `.`: the decimal point has no digits after it.
    FractionDigits,
    /// `1.2.3`, `1e5.2`: a second decimal point.
    ExtraPoint,
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::End => f.write_str("end of input"),
            Found::Char(ch) => write!(f, "`{}`", ch.escape_debug()),
        }
    }
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::EndOfInput => "end of input",
            Expected::CloseParen => "`)`",
            Expected::CommaOrCloseParen => "`,` or `)`",
            Expected::Semicolon => "`;`",
        })
    }
}

impl ParseErrorKind {
    /// The one-line message, shown after `error: `.
    pub fn message(&self) -> String {
        use ParseErrorKind as K;
        match self {
            K::Empty => "empty input: expected an expression".to_owned(),
            K::UnclosedParen => "unclosed `(`".to_owned(),
            K::UnmatchedParen => "unmatched `)`".to_owned(),
            K::ExpectedOperand { after, .. } => match *after {
                "(" => "expected an expression after `(`".to_owned(),
                "," => "expected an argument after `,`".to_owned(),
                "=" => "expected an expression after `=`".to_owned(),
                "" => "expected an expression".to_owned(),
                op => format!("expected an operand after `{op}`"),
            },
            K::EmptyCall { name } => format!("`{name}()` has no arguments"),
            K::MalformedNumber { text, problem } => match problem {
                NumberProblem::ExponentDigits => {
                    format!("malformed number `{text}`: the exponent has no digits")
                }
                NumberProblem::FractionDigits => {
                    format!("malformed number `{text}`: no digits after the decimal point")
                }
                NumberProblem::ExtraPoint => {
                    format!("malformed number `{text}`: more than one decimal point")
                }
            },
            K::StrayCharacter { ch } => format!("unexpected character `{}`", ch.escape_debug()),
            K::MissingComma { function } => {
                format!("expected `,` between the arguments of `{function}`")
            }
            K::TrailingComma { function } => {
                format!("trailing comma in the arguments of `{function}`")
            }
            K::ImplicitMultiplication { left, right } => {
                format!("implicit multiplication is not supported: write `{left}*{right}`")
            }
            K::UnsupportedNumber { written, .. } => {
                format!(
                    "`{written}` is not a number here: digit separators and hexadecimal are not supported"
                )
            }
            K::TooDeep => format!(
                "expression nested too deeply: more than {} levels",
                crate::MAX_DEPTH
            ),
            K::TooLong => format!("input too long: more than {} bytes", crate::MAX_SOURCE_LEN),
            K::UsedInOwnDefinition { name } => format!("`{name}` is used in its own definition"),
            K::UsedBeforeDefinition { name, .. } => {
                format!("`{name}` is used before its definition")
            }
            K::DuplicateDefinition { name, .. } => format!("`{name}` is defined twice"),
            K::MissingBody => "expected the final expression after the definitions".to_owned(),
            K::MissingSemicolon {
                definition: Some(name),
            } => format!("expected `;` after the definition of `{name}`"),
            K::MissingSemicolon { definition: None } => {
                "expected `;` before the next definition".to_owned()
            }
            K::ComparisonOutsideCall => "a comparison is only allowed as a condition".to_owned(),
            K::ChainedComparison => "comparisons cannot be chained".to_owned(),
            K::Unexpected { found, expected } => format!("expected {expected}, found {found}"),
        }
    }

    /// A hint on how to fix it, shown as `= help: ...`. Spans inside the hint
    /// are given as `line:column` of `source`.
    pub fn help(&self, source: &str) -> Option<String> {
        use ParseErrorKind as K;
        Some(match self {
            K::Empty => "write an expression such as `sigmoid(w*x + b)`".to_owned(),
            K::UnclosedParen => "add a `)` to close it".to_owned(),
            K::UnmatchedParen => "remove it, or add a `(` before it".to_owned(),
            K::ExpectedOperand { after, found } => match (*after, found) {
                ("^" | "**", Found::Char('^' | '*')) | ("*", Found::Char('^')) => {
                    "`^` and `**` both mean power: use one of them alone, as in `x^2` or `x**2`"
                        .to_owned()
                }
                ("" | "(" | "," | "=", found) => format!("found {found}"),
                (op, found) => format!("found {found}; `{op}` needs an operand on its right"),
            },
            K::EmptyCall { name } => {
                format!("write its argument inside the parentheses, as in `{name}(x)`")
            }
            K::MalformedNumber { problem, .. } => match problem {
                NumberProblem::ExponentDigits => "write the exponent's digits, as in `1e-3`",
                NumberProblem::FractionDigits => "write digits after the point, as in `0.5`",
                NumberProblem::ExtraPoint => "a number has at most one decimal point",
            }
            .to_owned(),
            K::StrayCharacter { ch: '\0' } => "the input contains a NUL byte".to_owned(),
            K::StrayCharacter { ch } if ch.is_alphabetic() => {
                "names are ASCII: letters, digits and `_`".to_owned()
            }
            K::StrayCharacter { .. } => {
                "the syntax has numbers, names, `+ - * / ^ **`, `( )`, `,`, `name = expr;`, and \
                 `< <= > >=` in conditions"
                    .to_owned()
            }
            K::MissingComma { .. } => {
                "separate arguments with `,`; to multiply, write `*`".to_owned()
            }
            K::TrailingComma { .. } => "remove the last `,`".to_owned(),
            K::ImplicitMultiplication { left, right } if crate::parse::is_name(left) => {
                format!(
                    "write `*` between the two operands, or `{left}({right})` if `{left}` is a function"
                )
            }
            K::ImplicitMultiplication { .. } => "write `*` between the two operands".to_owned(),
            K::UnsupportedNumber {
                decimal: Some(decimal),
                ..
            } => format!("write `{decimal}`"),
            K::UnsupportedNumber { decimal: None, .. } => {
                "write the number in decimal digits".to_owned()
            }
            K::TooDeep => {
                "each `(`, call, sign and `^` counts as a level; name a part with a definition \
                 such as `t = ...;`"
                    .to_owned()
            }
            K::TooLong => return None,
            K::UsedInOwnDefinition { name } => format!(
                "a definition uses only names defined before it; to update a value, give the new \
                 one another name: `{name}2 = {name} + 1` after a first `{name} = ...`"
            ),
            K::UsedBeforeDefinition { definition, .. } => {
                let (line, column) = line_column(source, definition.start);
                format!("it is defined at {line}:{column}; move that definition before this use")
            }
            K::DuplicateDefinition { first, .. } => {
                let (line, column) = line_column(source, first.start);
                format!("first defined at {line}:{column}; use a different name")
            }
            K::MissingBody => {
                "the input ends with the expression to differentiate, as in `z = w*x; z^2`"
                    .to_owned()
            }
            K::MissingSemicolon { .. } => {
                "end each definition `name = expr;` with `;`, then write the final expression"
                    .to_owned()
            }
            K::ComparisonOutsideCall => {
                "write it as the first argument of `where`, as in `where(x > 0, x, 0)`".to_owned()
            }
            K::ChainedComparison => {
                "nest the conditions: `where(a < b, where(b < c, x, y), y)`".to_owned()
            }
            K::Unexpected { found, .. } => match found {
                Found::Char(';') => {
                    "only a definition `name = expr;` ends with `;`; the final expression does not"
                        .to_owned()
                }
                Found::Char(',') => {
                    "`,` separates the arguments of a call, as in `max(a, b)`".to_owned()
                }
                Found::Char('=') => {
                    "only a single name can be defined, as in `z = w*x; z^2`".to_owned()
                }
                _ => return None,
            },
        })
    }
}

impl ParseError {
    /// The one-line message, without the caret.
    pub fn message(&self) -> String {
        self.kind.message()
    }

    /// A hint on how to fix it, if there is one.
    pub fn help(&self) -> Option<String> {
        self.kind.help(&self.source)
    }

    /// The 1-based line and column (in characters) of the caret.
    pub fn line_column(&self) -> (usize, usize) {
        line_column(&self.source, self.span.start)
    }
}

/// 1-based line and character column of byte `offset`.
pub(crate) fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let before = source.get(..offset).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = self.message();
        let help = self.help();
        Rendered {
            source: &self.source,
            span: self.span,
            message: &message,
            help: help.as_deref(),
        }
        .fmt(f)
    }
}

impl std::error::Error for ParseError {}
