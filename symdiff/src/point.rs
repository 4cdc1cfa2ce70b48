//! Evaluating a tape at one point. An interpreter that dispatches on every
//! instruction spends most of its time on that dispatch: the next operation
//! is a different one at almost every step, so the processor mispredicts
//! where to jump. Any order in which operands come before their readers
//! computes the same values, so the instructions are regrouped into runs of
//! one operation (the products of every neuron, then their sums, ...), and
//! each run is one tight loop: the dispatch is paid once per run.
//!
//! Every instruction is the same IEEE operation on the same operands as in
//! the tape, so the values are those of the tape's order, bit for bit.

use crate::compile::{Instr, Reg, operands};
use crate::func::{Comparison, Eval, Func};
use std::ops::Range;

/// The operation of a run of instructions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Input,
    Const,
    Add,
    Sub,
    Mul,
    Div,
    Neg,
    Powi,
    Powf,
    Call1(Func),
    Call2(Func),
    Select(Comparison),
}

impl Op {
    fn of(instr: &Instr) -> Op {
        match *instr {
            Instr::Input(_) => Op::Input,
            Instr::Const(_) => Op::Const,
            Instr::Add(..) => Op::Add,
            Instr::Sub(..) => Op::Sub,
            Instr::Mul(..) => Op::Mul,
            Instr::Div(..) => Op::Div,
            Instr::Neg(_) => Op::Neg,
            Instr::Powi(..) => Op::Powi,
            Instr::Powf(..) => Op::Powf,
            Instr::Call1(func, _) => Op::Call1(func),
            Instr::Call2(func, ..) => Op::Call2(func),
            Instr::Select(comparison, _) => Op::Select(comparison),
        }
    }
}

/// A tape's instructions in runs of one operation. Instruction `k` writes
/// `values[k]`; its operands are `first[k]` and `second[k]` (an input's
/// position, a constant's index in `constants`, a power's exponent as bits,
/// a selection's index in `selects`, where the operation has no register
/// there).
#[derive(Clone, Debug)]
pub(crate) struct Program {
    /// Each run's operation and the end of its instructions.
    runs: Vec<(Op, u32)>,
    first: Vec<u32>,
    second: Vec<u32>,
    constants: Vec<f64>,
    selects: Vec<[u32; 4]>,
    outputs: Vec<u32>,
}

impl Program {
    pub(crate) fn new(instrs: &[Instr], outputs: &[Reg]) -> Program {
        let order = schedule(instrs);
        let mut position = vec![0u32; instrs.len()];
        for (k, &index) in order.iter().enumerate() {
            position[index as usize] = u32::try_from(k).unwrap_or(u32::MAX);
        }
        let at = |reg: Reg| position[reg as usize];
        let mut program = Program {
            runs: Vec::new(),
            first: Vec::with_capacity(order.len()),
            second: Vec::with_capacity(order.len()),
            constants: Vec::new(),
            selects: Vec::new(),
            outputs: outputs.iter().map(|&reg| at(reg)).collect(),
        };
        for (k, &index) in order.iter().enumerate() {
            let instr = &instrs[index as usize];
            let (first, second) = match *instr {
                Instr::Input(input) => (input, 0),
                Instr::Const(bits) => {
                    program.constants.push(f64::from_bits(bits));
                    (index_of(&program.constants), 0)
                }
                Instr::Neg(a) | Instr::Call1(_, a) => (at(a), 0),
                Instr::Powi(a, n) => (at(a), u32::from_ne_bytes(n.to_ne_bytes())),
                Instr::Add(a, b)
                | Instr::Sub(a, b)
                | Instr::Mul(a, b)
                | Instr::Div(a, b)
                | Instr::Powf(a, b)
                | Instr::Call2(_, a, b) => (at(a), at(b)),
                Instr::Select(_, regs) => {
                    program.selects.push(regs.map(at));
                    (index_of(&program.selects), 0)
                }
            };
            program.first.push(first);
            program.second.push(second);
            let op = Op::of(instr);
            let end = u32::try_from(k + 1).unwrap_or(u32::MAX);
            match program.runs.last_mut() {
                Some((last, last_end)) if *last == op => *last_end = end,
                _ => program.runs.push((op, end)),
            }
        }
        program
    }

    /// Evaluates the program: `values` has one place per instruction,
    /// `inputs` and `outputs` the tape's lengths.
    pub(crate) fn eval(&self, values: &mut [f64], inputs: &[f64], outputs: &mut [f64]) {
        let mut start = 0;
        for &(op, end) in &self.runs {
            let run = start..end as usize;
            let (first, second) = (&self.first[run.clone()], &self.second[run.clone()]);
            match op {
                Op::Input => gather(values, run.clone(), first, inputs),
                Op::Const => gather(values, run.clone(), first, &self.constants),
                Op::Add => binary(values, run.clone(), first, second, |x, y| x + y),
                Op::Sub => binary(values, run.clone(), first, second, |x, y| x - y),
                Op::Mul => binary(values, run.clone(), first, second, |x, y| x * y),
                Op::Div => binary(values, run.clone(), first, second, |x, y| x / y),
                Op::Powf => binary(values, run.clone(), first, second, f64::powf),
                Op::Neg => unary(values, run.clone(), first, |x| -x),
                Op::Powi => {
                    for ((k, &a), &n) in run.clone().zip(first).zip(second) {
                        values[k] = values[a as usize].powi(i32::from_ne_bytes(n.to_ne_bytes()));
                    }
                }
                // The function is looked up in the table once per run.
                Op::Call1(func) => match func.info().eval {
                    Eval::Unary(eval) => unary(values, run.clone(), first, eval),
                    Eval::Binary(_) | Eval::Select(_) => values[run.clone()].fill(f64::NAN),
                },
                Op::Call2(func) => match func.info().eval {
                    Eval::Binary(eval) => binary(values, run.clone(), first, second, eval),
                    Eval::Unary(_) | Eval::Select(_) => values[run.clone()].fill(f64::NAN),
                },
                Op::Select(comparison) => {
                    for (k, &select) in run.clone().zip(first) {
                        let [l, r, a, b] =
                            self.selects[select as usize].map(|reg| values[reg as usize]);
                        values[k] = crate::func::select(comparison, l, r, a, b);
                    }
                }
            }
            start = run.end;
        }
        for (output, &k) in outputs.iter_mut().zip(&self.outputs) {
            *output = values[k as usize];
        }
    }
}

/// The index of the last element of `items`.
fn index_of<T>(items: &[T]) -> u32 {
    u32::try_from(items.len() - 1).unwrap_or(u32::MAX)
}

fn gather(values: &mut [f64], run: Range<usize>, from: &[u32], source: &[f64]) {
    for (k, &index) in run.zip(from) {
        values[k] = source[index as usize];
    }
}

fn unary(values: &mut [f64], run: Range<usize>, a: &[u32], op: impl Fn(f64) -> f64) {
    for (k, &a) in run.zip(a) {
        values[k] = op(values[a as usize]);
    }
}

fn binary(
    values: &mut [f64],
    run: Range<usize>,
    a: &[u32],
    b: &[u32],
    op: impl Fn(f64, f64) -> f64,
) {
    for ((k, &a), &b) in run.zip(a).zip(b) {
        values[k] = op(values[a as usize], values[b as usize]);
    }
}

/// An order of the instructions in which every operand comes before its
/// readers and runs of one operation are long: the operation with the most
/// instructions ready goes next, and keeps going while the instructions it
/// completes make more of its kind ready.
fn schedule(instrs: &[Instr]) -> Vec<u32> {
    let n = instrs.len();
    // The readers of each instruction, as ranges of one array.
    let mut waiting = vec![0u32; n];
    let mut start = vec![0u32; n + 1];
    for (index, instr) in instrs.iter().enumerate() {
        for operand in operands(instr) {
            waiting[index] += 1;
            start[operand as usize + 1] += 1;
        }
    }
    for index in 0..n {
        start[index + 1] += start[index];
    }
    let mut filled = start.clone();
    let mut readers = vec![0u32; start[n] as usize];
    for (index, instr) in instrs.iter().enumerate() {
        for operand in operands(instr) {
            let slot = &mut filled[operand as usize];
            readers[*slot as usize] = u32::try_from(index).unwrap_or(u32::MAX);
            *slot += 1;
        }
    }
    let mut ready = Ready::default();
    for (index, instr) in instrs.iter().enumerate() {
        if waiting[index] == 0 {
            ready.push(Op::of(instr), index);
        }
    }
    let mut order = Vec::with_capacity(n);
    while let Some(op) = ready.largest() {
        while let Some(index) = ready.pop(op) {
            order.push(u32::try_from(index).unwrap_or(u32::MAX));
            let readers = &readers[start[index] as usize..start[index + 1] as usize];
            for &reader in readers {
                let reader = reader as usize;
                waiting[reader] -= 1;
                if waiting[reader] == 0 {
                    ready.push(Op::of(&instrs[reader]), reader);
                }
            }
        }
    }
    order
}

/// The instructions whose operands are all computed, by operation (in the
/// order the operations were first seen, so that the schedule depends only
/// on the tape).
#[derive(Default)]
struct Ready(Vec<(Op, Vec<usize>)>);

impl Ready {
    fn push(&mut self, op: Op, index: usize) {
        match self.0.iter_mut().find(|(of, _)| *of == op) {
            Some((_, indices)) => indices.push(index),
            None => self.0.push((op, vec![index])),
        }
    }

    fn pop(&mut self, op: Op) -> Option<usize> {
        self.0.iter_mut().find(|(of, _)| *of == op)?.1.pop()
    }

    /// The operation with the most instructions ready (the first seen of
    /// those), if any is ready.
    fn largest(&self) -> Option<Op> {
        let mut best: Option<(Op, usize)> = None;
        for (op, indices) in &self.0 {
            if indices.len() > best.map_or(0, |(_, len)| len) {
                best = Some((*op, indices.len()));
            }
        }
        best.map(|(op, _)| op)
    }
}

#[cfg(test)]
mod tests {
    use crate::compile::value_and_gradient_tape;

    /// Compiles `source`'s value and gradient, and checks that the program
    /// has `expected_runs` runs and computes at `point` the values of the
    /// tape in its own order (the batch path), bit for bit.
    fn check(source: &str, point: &[f64], expected_runs: usize) {
        let tape = value_and_gradient_tape(source);
        let program = super::Program::new(tape.instructions(), tape.outputs());
        let mut values = vec![0.0; tape.instructions().len()];
        let mut got = vec![0.0; tape.outputs().len()];
        program.eval(&mut values, point, &mut got);
        let mut want = vec![0.0; tape.outputs().len()];
        tape.eval_batch(point, &mut want).expect("evaluates");
        let bits = |values: &[f64]| values.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&got), bits(&want), "{source}");
        assert_eq!(program.runs.len(), expected_runs, "{source}");
    }

    #[test]
    fn runs_of_one_operation_compute_the_tape_s_values() {
        check(
            "tanh(a*x + b*y) + tanh(c*x + d*y)",
            &[0.5, -1.0, 2.0, 0.25, 1.5, -0.5],
            9,
        );
        check(
            "where(x < y, x^2.5, atan2(x, y)) + 3*x^-2 - sin(y)/x",
            &[0.7, 1.3],
            19,
        );
    }
}
