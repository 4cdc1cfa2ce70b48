//! The order in which a batch runs a tape's instructions over a block of
//! points, and which row of the block's scratch holds each value.
//!
//! Two things make a block cheaper than the tape itself. A product read
//! only by one sum or difference is computed inside that instruction's
//! loop (`x*y + c` in one pass), so its values never go through a row (in
//! mlp16's value and gradient, 140 of the 277 products: one in each of its
//! sums). And a row is reused once the last step that reads it has run
//! (outputs are kept to the end), so a block needs as many rows as values
//! are live at once, not one per instruction. The IEEE operations are the
//! tape's, on the same operands in the same order, so the values are the
//! same bit for bit (NaN where the tape gives NaN).

use crate::compile::{Instr, Reg, operand_array, operands};

/// One pass over a block.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Step {
    /// The instruction at this index, on its own.
    One(Reg),
    /// The sum or difference at index `sum`, one of whose operands is the
    /// product `x * y`, which nothing else reads: both in one loop. `other`
    /// is the sum's other operand, and `form` says where the product stands.
    Fused {
        sum: Reg,
        x: Reg,
        y: Reg,
        other: Reg,
        form: Form,
    },
}

/// Where a fused product `p` stands beside the other operand `c`: the
/// tape's order, kept so that `a + b` is never computed as `b + a`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// `p + c`.
    ProductPlus,
    /// `c + p`.
    PlusProduct,
    /// `p - c`.
    ProductMinus,
    /// `c - p`.
    MinusProduct,
}

impl Step {
    /// The value the step writes.
    pub(crate) fn written(self) -> Reg {
        match self {
            Step::One(index) | Step::Fused { sum: index, .. } => index,
        }
    }

    /// The values the step reads: a fused step reads the product's
    /// operands and the sum's other operand.
    fn reads(self, instrs: &[Instr]) -> impl Iterator<Item = Reg> {
        let (regs, n) = match self {
            Step::One(index) => operand_array(&instrs[index as usize]),
            Step::Fused { x, y, other, .. } => ([x, y, other, 0], 3),
        };
        regs.into_iter().take(n)
    }
}

/// The steps of a batch and the rows of its values.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    pub(crate) steps: Vec<Step>,
    /// The row of each instruction's values (none for a fused product).
    pub(crate) row_of: Vec<u32>,
    /// How many rows a block needs.
    pub(crate) rows: usize,
}

impl Plan {
    pub(crate) fn new(instrs: &[Instr], outputs: &[Reg]) -> Plan {
        let steps = fuse(instrs, outputs);
        let last_read = last_reads(instrs, outputs, &steps);
        let (row_of, rows) = assign_rows(instrs, &steps, &last_read);
        Plan {
            steps,
            row_of,
            rows,
        }
    }
}

/// The position of the last step that reads each value (of the one that
/// writes it if none does); outputs are read at the end.
fn last_reads(instrs: &[Instr], outputs: &[Reg], steps: &[Step]) -> Vec<usize> {
    let mut last_read = vec![0usize; instrs.len()];
    for (position, &step) in steps.iter().enumerate() {
        last_read[step.written() as usize] = position;
    }
    for (position, &step) in steps.iter().enumerate() {
        for operand in step.reads(instrs) {
            last_read[operand as usize] = position;
        }
    }
    for &output in outputs {
        last_read[output as usize] = usize::MAX;
    }
    last_read
}

/// The row of each value, and how many rows there are: a step takes a
/// free row, then frees the rows of the values it was the last to read.
fn assign_rows(instrs: &[Instr], steps: &[Step], last_read: &[usize]) -> (Vec<u32>, usize) {
    let mut free: Vec<u32> = Vec::new();
    let mut row_of = vec![u32::MAX; instrs.len()];
    let mut rows = 0;
    for (position, &step) in steps.iter().enumerate() {
        let row = free.pop().unwrap_or_else(|| {
            rows += 1;
            u32::try_from(rows - 1).unwrap_or(u32::MAX)
        });
        let written = step.written() as usize;
        row_of[written] = row;
        // Released after the result has its row, so that a step never
        // writes a row it reads; `x*x` releases `x` once.
        let mut seen = [Reg::MAX; 4];
        for (index, operand) in step.reads(instrs).enumerate() {
            if last_read[operand as usize] == position && !seen.contains(&operand) {
                free.push(row_of[operand as usize]);
            }
            if let Some(slot) = seen.get_mut(index) {
                *slot = operand;
            }
        }
        if last_read[written] == position {
            free.push(row);
        }
    }
    (row_of, rows)
}

/// The steps in the tape's order, each product read only by one sum or
/// difference moved into it.
fn fuse(instrs: &[Instr], outputs: &[Reg]) -> Vec<Step> {
    let mut readers = vec![0u32; instrs.len()];
    for instr in instrs {
        for operand in operands(instr) {
            readers[operand as usize] += 1;
        }
    }
    for &output in outputs {
        readers[output as usize] += 1;
    }
    let fusable =
        |reg: Reg| readers[reg as usize] == 1 && matches!(instrs[reg as usize], Instr::Mul(..));
    let mut fused = vec![false; instrs.len()];
    let mut steps: Vec<Step> = Vec::with_capacity(instrs.len());
    for (index, instr) in instrs.iter().enumerate() {
        let sum = Reg::try_from(index).unwrap_or(Reg::MAX);
        let fusion = match *instr {
            Instr::Add(a, b) if fusable(a) => Some((a, b, Form::ProductPlus)),
            Instr::Add(a, b) if fusable(b) => Some((b, a, Form::PlusProduct)),
            Instr::Sub(a, b) if fusable(a) => Some((a, b, Form::ProductMinus)),
            Instr::Sub(a, b) if fusable(b) => Some((b, a, Form::MinusProduct)),
            _ => None,
        };
        let step = fusion.and_then(|(product, other, form)| {
            let Instr::Mul(x, y) = instrs[product as usize] else {
                return None;
            };
            fused[product as usize] = true;
            Some(Step::Fused {
                sum,
                x,
                y,
                other,
                form,
            })
        });
        steps.push(step.unwrap_or(Step::One(sum)));
    }
    // A product is read after it is written, so its step comes before the
    // sum that takes it over: drop it now.
    steps.retain(|&step| !matches!(step, Step::One(index) if fused[index as usize]));
    steps
}

#[cfg(test)]
mod tests {
    use super::Step;
    use crate::compile::value_and_gradient_tape;

    /// Checks the plan of `source`'s value and gradient (how many steps,
    /// how many of them fused, how many rows a block needs), and that a
    /// batch of 300 points (whole blocks and a partial one, one point with
    /// a NaN input) gives each point's values bit for bit.
    fn check(source: &str, expected: (usize, usize, usize)) {
        let tape = value_and_gradient_tape(source);
        let plan = tape.plan();
        let fused = plan
            .steps
            .iter()
            .filter(|step| matches!(step, Step::Fused { .. }));
        assert_eq!(
            (plan.steps.len(), fused.count(), plan.rows),
            expected,
            "{source} ({} instructions)",
            tape.instructions().len()
        );
        let (n_inputs, n_outputs) = (tape.inputs().len(), tape.outputs().len());
        let mut inputs: Vec<f64> = (0..300 * n_inputs)
            .map(|index| f64::from(u32::try_from(index * 7919 % 4001).unwrap_or(0)) / 1000.0 - 2.0)
            .collect();
        inputs[5 * n_inputs] = f64::NAN;
        let mut batch = vec![0.0; 300 * n_outputs];
        tape.eval_batch(&inputs, &mut batch).expect("evaluates");
        let mut single = vec![0.0; n_outputs];
        for (point, values) in inputs.chunks(n_inputs).zip(batch.chunks(n_outputs)) {
            tape.eval(point, &mut single).expect("evaluates");
            for (a, b) in single.iter().zip(values) {
                let same = a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan());
                assert!(same, "{source} at {point:?}: {a} against {b}");
            }
        }
    }

    #[test]
    fn products_read_by_one_sum_are_fused_into_it() {
        check("tanh(a*x + b*y) + tanh(c*x + d*y)", (24, 6, 12));
        check("x*y - z", (5, 1, 4));
        check("z - x*y", (7, 1, 5));
        check("x*x + x", (5, 2, 5));
        // Both operands are products read by the sum alone: one is fused.
        // Their operands are outputs too (the gradient).
        check("a*b + c*d", (6, 1, 6));
        // A product read twice keeps its row.
        check("(x*y + 1) * (x*y + 2)", (11, 0, 6));
    }
}
