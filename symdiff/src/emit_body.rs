//! The body of a generated function: one statement per tape instruction,
//! then its result, shaped as the signature says (a number, an array, a
//! matrix, or a tuple of these).
//!
//! Very long bodies (a Hessian of a hundred variables is ten thousand
//! statements) are shaped for the compiler as well as for the reader. LLVM's
//! instruction scheduler and SLP vectoriser take time that grows faster than
//! linearly with the size of a basic block, and a result literal at the end
//! keeps every entry alive across the whole function. So such a body writes
//! each entry of its result into place as soon as it is computed, and ends a
//! basic block every [`BLOCK`] statements with a branch the optimiser cannot
//! see through (`if black_box(false)`), which costs one predictable branch.
//! On the 102-variable network's Hessian this cuts the release build from
//! 28.7 s to 6.6 s and the run time from 6.3 µs to 4.0 µs (see
//! the top-level BENCHMARKS.md); either change alone does not.

use crate::compile::{Reg, Tape};
use std::fmt::Write;

/// `f64` by absolute path, as everywhere in generated code.
pub(crate) const F64: &str = "::core::primitive::f64";

/// Bodies with more statements than this declare their temporaries up front
/// and fill their result in place. Every `let` opens a scope nested in the
/// previous one, and rustc's debug-info generation recurses once per scope:
/// tens of thousands of `let`s in a row overflow the compiler's stack in a
/// debug build. Declared in tuples of [`DECLARATION_CHUNK`] and assigned once
/// each, they compile to the same optimised code.
const LET_LIMIT: usize = 512;
const DECLARATION_CHUNK: usize = 256;

/// Bodies with more statements than this fill their result in place and
/// end a basic block every [`BLOCK`] statements. Below it the optimiser's
/// time is small and a single block runs faster: rosen100's gradient (995
/// statements) takes 134 ns as one block and 147 ns as four.
const SHAPED_FROM: usize = 4096;

/// A shaped body ends a basic block after this many statements.
const BLOCK: usize = 256;

/// Bodies with more statements than this read their parameters' entries in
/// a basic block of their own. LLVM's SLP vectoriser, which looks for
/// isomorphic operations within a block to pack into vector instructions,
/// follows every derivative down to its inputs: when these are consecutive
/// loads from one array, as they are for a parameter `x: &[f64; 100]`, each
/// tree it tries can be vectorised down to its leaves, and trying them all is
/// superlinear in the size of the block. Read in the block before, the
/// entries are opaque values to it, as scalar parameters are, and its trees
/// stop there. On the loop version of rosen100's gradient (995 statements)
/// this takes the vectoriser from 64 ms to 8 ms and LLVM from 148 ms to 68
/// ms (it had vectorised two small trees of the result in the end), and the
/// gradient runs 16 % faster; mlp16's (556 statements) runs 3 % slower
/// (BENCHMARKS.md, issue 12). The cost is one predictable branch, and the
/// entries are live across it.
const SEPARATE_READS_FROM: usize = 256;

/// A branch that the optimiser cannot see through, which ends a basic block.
const BLOCK_END: &str = "    if ::core::hint::black_box(false) { ::core::hint::black_box(()); }\n";

/// One part of a generated function's result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// One number.
    Scalar,
    /// `[f64; N]`.
    Vector(usize),
    /// `[[f64; cols]; rows]`, filled row by row.
    Matrix { rows: usize, cols: usize },
}

impl Part {
    /// How many outputs this part takes.
    fn len(self) -> usize {
        match self {
            Part::Scalar => 1,
            Part::Vector(n) => n,
            Part::Matrix { rows, cols } => rows * cols,
        }
    }

    /// The part as a literal of `outputs` (at least `len` of them).
    fn literal(self, outputs: &[String]) -> String {
        match self {
            Part::Scalar => outputs
                .first()
                .cloned()
                .unwrap_or_else(|| "0.0_f64".to_owned()),
            Part::Vector(_) => format!("[{}]", outputs.join(", ")),
            Part::Matrix { rows, cols } => {
                let rows: Vec<String> = (0..rows)
                    .map(|row| {
                        let start = (row * cols).min(outputs.len());
                        let end = (start + cols).min(outputs.len());
                        format!("[{}]", outputs[start..end].join(", "))
                    })
                    .collect();
                format!("[{}]", rows.join(", "))
            }
        }
    }

    /// A value of the part's type, all zeros, to be filled in place.
    fn zeros(self) -> String {
        match self {
            Part::Scalar => "0.0_f64".to_owned(),
            Part::Vector(n) => format!("[0.0_f64; {n}]"),
            Part::Matrix { rows, cols } => format!("[[0.0_f64; {cols}]; {rows}]"),
        }
    }

    /// Where output number `offset` of the part goes: `[k]` or `[row][col]`.
    fn place(self, offset: usize) -> String {
        match self {
            Part::Scalar => String::new(),
            Part::Vector(_) => format!("[{offset}]"),
            Part::Matrix { cols, .. } => format!("[{}][{}]", offset / cols, offset % cols),
        }
    }
}

/// `(a, b)` for several parts, `a` for one.
fn tuple_of(items: Vec<String>) -> String {
    match items.as_slice() {
        [only] => only.clone(),
        _ => format!("({})", items.join(", ")),
    }
}

/// The result of `parts` as a literal of the tape's outputs.
fn result_literal(parts: &[Part], outputs: &[String]) -> String {
    let mut rest = outputs;
    let items = parts
        .iter()
        .map(|part| {
            let (mine, others) = rest.split_at(part.len().min(rest.len()));
            rest = others;
            part.literal(mine)
        })
        .collect();
    tuple_of(items)
}

/// Where each output of `parts` goes inside the result, in order: `.1[3]`
/// for the fourth entry of a tuple's second part.
fn places(parts: &[Part]) -> Vec<String> {
    let in_tuple = parts.len() > 1;
    let mut places = Vec::new();
    for (index, part) in parts.iter().enumerate() {
        let field = if in_tuple {
            format!(".{index}")
        } else {
            String::new()
        };
        places.extend((0..part.len()).map(|offset| format!("{field}{}", part.place(offset))));
    }
    places
}

/// The block `{ items; reads; statements; result }` of the tape, whose
/// outputs fill `parts` in order. `items` are the helper items the statements
/// call, written first; `reads` the statements that read the parameters'
/// entries into locals (empty when there are none); temporaries are named
/// `{prefix}0`, `{prefix}1`, …, the result filled in place `{prefix}out`;
/// `statement(index)` is the Rust expression of instruction `index`.
pub(crate) fn body(
    tape: &Tape,
    parts: &[Part],
    prefix: &str,
    items: &str,
    reads: &str,
    statement: &impl Fn(usize) -> String,
) -> String {
    let name = |reg: Reg| format!("{prefix}{reg}");
    let n = tape.instructions().len();
    let outputs: Vec<String> = tape.outputs().iter().map(|&reg| name(reg)).collect();
    let mut text = format!("{{\n{items}{reads}");
    if !reads.is_empty() && n > SEPARATE_READS_FROM {
        text.push_str(BLOCK_END);
    }
    if n <= LET_LIMIT {
        for index in 0..n {
            let _ = writeln!(
                text,
                "    let {}: {F64} = {};",
                name(index as Reg),
                statement(index)
            );
        }
        let _ = write!(text, "    {}\n}}", result_literal(parts, &outputs));
        return text;
    }
    declare_temporaries(&mut text, n, &name);
    // A shaped result of several numbers is filled in place, each entry right
    // after the statement that computes it.
    let shaped = n > SHAPED_FROM;
    let filled = shaped && parts.iter().map(|part| part.len()).sum::<usize>() > 1;
    let result = format!("{prefix}out");
    let mut stores: Vec<Vec<String>> = vec![Vec::new(); n];
    if filled {
        let zeros: Vec<String> = parts.iter().map(|part| part.zeros()).collect();
        let _ = writeln!(text, "    let mut {result} = {};", tuple_of(zeros));
        for (&reg, place) in tape.outputs().iter().zip(places(parts)) {
            if let Some(slot) = stores.get_mut(reg as usize) {
                slot.push(place);
            }
        }
    }
    for (index, places) in stores.iter().enumerate() {
        let target = name(index as Reg);
        let _ = writeln!(text, "    {target} = {};", statement(index));
        for place in places {
            let _ = writeln!(text, "    {result}{place} = {target};");
        }
        if shaped && (index + 1) % BLOCK == 0 && index + 1 < n {
            text.push_str(BLOCK_END);
        }
    }
    let tail = if filled {
        result
    } else {
        result_literal(parts, &outputs)
    };
    let _ = write!(text, "    {tail}\n}}");
    text
}

/// `let (__t0, …, __t255): (f64, …, f64);` for all temporaries, in chunks.
fn declare_temporaries(out: &mut String, n_temporaries: usize, name: &impl Fn(Reg) -> String) {
    let registers: Vec<Reg> = (0..n_temporaries)
        .filter_map(|index| Reg::try_from(index).ok())
        .collect();
    for chunk in registers.chunks(DECLARATION_CHUNK) {
        let names: Vec<String> = chunk.iter().map(|&reg| name(reg)).collect();
        let types = vec![F64; chunk.len()].join(", ");
        let _ = writeln!(out, "    let ({},): ({types},);", names.join(", "));
    }
}
