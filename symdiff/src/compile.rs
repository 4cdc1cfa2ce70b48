//! The lowering that evaluation and code generation share: one or many
//! expressions become a flat list of instructions in which every common
//! subexpression is computed once (the DAG is already hash-consed, and the
//! lowering value-numbers the binary operations it introduces).
//!
//! The same [`Tape`] is interpreted at run time ([`Tape::eval`],
//! [`Tape::eval_batch`]) and printed as Rust by `emit_rust.rs`, so the command
//! line, the run-time API and the macros agree by construction.

use crate::error::Error;
use crate::func::{Comparison, Func};
use crate::graph::{Graph, Node, NodeId, VarId, post_order};
use crate::number::Number;
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Neg as _;

/// The index of an instruction's result.
pub type Reg = u32;

/// One step of straight-line code. Operands are earlier instructions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Instr {
    /// A constant, stored as the bits of its `f64` so instructions can be
    /// hashed and compared.
    Const(u64),
    /// The input at this position of [`Tape::inputs`].
    Input(u32),
    Add(Reg, Reg),
    Sub(Reg, Reg),
    Mul(Reg, Reg),
    Div(Reg, Reg),
    Neg(Reg),
    /// `x.powi(n)`.
    Powi(Reg, i32),
    /// `x.powf(y)`.
    Powf(Reg, Reg),
    Call1(Func, Reg),
    Call2(Func, Reg, Reg),
    /// `where(l < r, a, b)` (or `<=`) as `[l, r, a, b]`: the branch the
    /// comparison picks, NaN where `l` or `r` is NaN.
    Select(Comparison, [Reg; 4]),
}

impl Instr {
    pub fn constant(value: f64) -> Instr {
        Instr::Const(value.to_bits())
    }
}

/// Straight-line code computing several outputs from several inputs.
#[derive(Clone, Debug)]
pub struct Tape {
    instrs: Vec<Instr>,
    outputs: Vec<Reg>,
    inputs: Vec<VarId>,
    /// Where batch evaluation keeps each instruction's values (see
    /// `batch.rs`).
    plan: crate::batch_plan::Plan,
    /// The instructions regrouped for evaluation at a point (see
    /// `point.rs`), built by the first such evaluation.
    program: std::sync::OnceLock<crate::point::Program>,
}

impl Tape {
    /// Lowers `roots` to instructions reading `inputs` (in this order). Every
    /// variable that a root depends on must be among `inputs`.
    pub fn new(graph: &Graph, roots: &[NodeId], inputs: &[VarId]) -> Result<Tape, Error> {
        let input_positions: FxHashMap<VarId, u32> = inputs
            .iter()
            .enumerate()
            .filter_map(|(position, &var)| Some((var, u32::try_from(position).ok()?)))
            .collect();
        let mut lowering = Lowering {
            graph,
            tape: Vec::new(),
            numbered: FxHashMap::default(),
            signed: FxHashMap::default(),
            plain: FxHashSet::default(),
        };
        let order = post_order(graph, roots);
        lowering.plain = needed_plain(graph, &order, roots);
        // The first variable (in the graph's order of creation, which is the
        // order of appearance for a parsed expression) without an input.
        let missing = order
            .iter()
            .filter_map(|&node| match graph.node(node) {
                Node::Var(var) if !input_positions.contains_key(var) => Some(*var),
                _ => None,
            })
            .min();
        if let Some(var) = missing {
            return Err(Error::MissingValue {
                name: graph.var_name(var).to_owned(),
            });
        }
        for node in order {
            let signed = lowering.lower_node(node, &input_positions);
            lowering.signed.insert(node, signed);
        }
        let outputs: Vec<Reg> = roots.iter().map(|root| lowering.value(*root)).collect();
        let (instrs, outputs) = eliminate_dead_code(lowering.tape, &outputs);
        let plan = crate::batch_plan::Plan::new(&instrs, &outputs);
        Ok(Tape {
            instrs,
            outputs,
            inputs: inputs.to_vec(),
            plan,
            program: std::sync::OnceLock::new(),
        })
    }

    pub(crate) fn plan(&self) -> &crate::batch_plan::Plan {
        &self.plan
    }

    pub fn instructions(&self) -> &[Instr] {
        &self.instrs
    }

    /// The register of each output, in the order of the roots.
    pub fn outputs(&self) -> &[Reg] {
        &self.outputs
    }

    pub fn inputs(&self) -> &[VarId] {
        &self.inputs
    }

    /// Evaluates all outputs at one point. `inputs` and `outputs` must have
    /// the lengths of [`Tape::inputs`] and [`Tape::outputs`].
    pub fn eval(&self, inputs: &[f64], outputs: &mut [f64]) -> Result<(), Error> {
        let n = self.instrs.len();
        // The values of this thread's last evaluation are overwritten, in
        // order, by this one's: no allocation and no zeroing per point.
        crate::kept::with_kept(n, |values| self.eval_with(values, inputs, outputs))
    }

    /// Evaluates all outputs at many points: `inputs` holds one row of
    /// `inputs().len()` values per point, `outputs` one row of
    /// `outputs().len()` values per point. Points are evaluated in blocks,
    /// instruction by instruction, and large batches use every core (see
    /// `batch.rs`); the results are those of [`Tape::eval`], bit for bit.
    pub fn eval_batch(&self, inputs: &[f64], outputs: &mut [f64]) -> Result<(), Error> {
        let (n_inputs, n_outputs) = (self.inputs.len(), self.outputs.len());
        // With no inputs, the number of points is read from the outputs.
        let n_points = inputs
            .len()
            .checked_div(n_inputs)
            .unwrap_or(outputs.len() / n_outputs.max(1));
        if inputs.len() != n_points * n_inputs {
            return Err(Error::WrongInputLength {
                expected: n_points * n_inputs,
                found: inputs.len(),
            });
        }
        if outputs.len() != n_points * n_outputs {
            return Err(Error::WrongInputLength {
                expected: n_points * n_outputs,
                found: outputs.len(),
            });
        }
        crate::batch::eval_rows(self, inputs, outputs, n_points);
        Ok(())
    }

    fn eval_with(
        &self,
        scratch: &mut [f64],
        inputs: &[f64],
        outputs: &mut [f64],
    ) -> Result<(), Error> {
        if inputs.len() != self.inputs.len() {
            return Err(Error::WrongInputLength {
                expected: self.inputs.len(),
                found: inputs.len(),
            });
        }
        if outputs.len() != self.outputs.len() {
            return Err(Error::WrongInputLength {
                expected: self.outputs.len(),
                found: outputs.len(),
            });
        }
        let program = self
            .program
            .get_or_init(|| crate::point::Program::new(&self.instrs, &self.outputs));
        program.eval(scratch, inputs, outputs);
        Ok(())
    }
}

/// Drops the instructions no output needs (a negated term that is only ever
/// subtracted, for instance) and renumbers the rest.
fn eliminate_dead_code(instrs: Vec<Instr>, outputs: &[Reg]) -> (Vec<Instr>, Vec<Reg>) {
    let mut live = vec![false; instrs.len()];
    for &output in outputs {
        live[output as usize] = true;
    }
    for index in (0..instrs.len()).rev() {
        if live[index] {
            for operand in operands(&instrs[index]) {
                live[operand as usize] = true;
            }
        }
    }
    let mut renumbered = vec![0 as Reg; instrs.len()];
    let mut kept = Vec::with_capacity(instrs.len());
    for (index, instr) in instrs.into_iter().enumerate() {
        if live[index] {
            renumbered[index] = Reg::try_from(kept.len()).unwrap_or(Reg::MAX);
            kept.push(map_operands(instr, |reg| renumbered[reg as usize]));
        }
    }
    let outputs = outputs
        .iter()
        .map(|&reg| renumbered[reg as usize])
        .collect();
    (kept, outputs)
}

/// The registers an instruction reads.
pub fn operands(instr: &Instr) -> impl Iterator<Item = Reg> {
    let (regs, n) = operand_array(instr);
    regs.into_iter().take(n)
}

/// The registers an instruction reads, as the first `n` of four.
pub(crate) fn operand_array(instr: &Instr) -> ([Reg; 4], usize) {
    match *instr {
        Instr::Const(_) | Instr::Input(_) => ([0; 4], 0),
        Instr::Neg(a) | Instr::Powi(a, _) | Instr::Call1(_, a) => ([a, 0, 0, 0], 1),
        Instr::Add(a, b)
        | Instr::Sub(a, b)
        | Instr::Mul(a, b)
        | Instr::Div(a, b)
        | Instr::Powf(a, b)
        | Instr::Call2(_, a, b) => ([a, b, 0, 0], 2),
        Instr::Select(_, regs) => (regs, 4),
    }
}

fn map_operands(instr: Instr, mut map: impl FnMut(Reg) -> Reg) -> Instr {
    match instr {
        Instr::Const(_) | Instr::Input(_) => instr,
        Instr::Add(a, b) => Instr::Add(map(a), map(b)),
        Instr::Sub(a, b) => Instr::Sub(map(a), map(b)),
        Instr::Mul(a, b) => Instr::Mul(map(a), map(b)),
        Instr::Div(a, b) => Instr::Div(map(a), map(b)),
        Instr::Neg(a) => Instr::Neg(map(a)),
        Instr::Powi(a, n) => Instr::Powi(map(a), n),
        Instr::Powf(a, b) => Instr::Powf(map(a), map(b)),
        Instr::Call1(func, a) => Instr::Call1(func, map(a)),
        Instr::Call2(func, a, b) => Instr::Call2(func, map(a), map(b)),
        Instr::Select(comparison, regs) => Instr::Select(comparison, regs.map(map)),
    }
}

/// The nodes whose value some user needs as it is, not up to its sign: the
/// roots, the arguments of calls and the operands of powers that are not
/// integer powers.
fn needed_plain(graph: &Graph, order: &[NodeId], roots: &[NodeId]) -> FxHashSet<NodeId> {
    let mut plain: FxHashSet<NodeId> = roots.iter().copied().collect();
    for &node in order {
        match graph.node(node) {
            Node::Call(_, args) => plain.extend(args.iter().copied()),
            Node::Pow([base, exponent])
                if !graph.as_number(*exponent).is_some_and(Number::is_integer) =>
            {
                plain.extend([*base, *exponent]);
            }
            _ => {}
        }
    }
    plain
}

/// A node's value as a register and a sign: the value is the register's,
/// negated when `negated` is set. Sums and products carry signs instead of
/// computing them (`-a*b - c` is one subtraction, `(-a)*(-b)` one
/// multiplication); a `Neg` is emitted only where a value is needed as it is
/// (a function's argument, an output). IEEE 754 rounds symmetrically, so
/// moving a sign through `+`, `-`, `*`, `/` and integer powers changes no
/// value. One sign is special: the negation of a sum of negated terms,
/// `-(a + b)`, is `-0` where the written `(-a) - b` is `+0` (and `1/(-x - y)`
/// the other infinity). Such a value (`sum`, and a product holding one) is
/// subtracted or multiplied as it is, and computed as `0 - (a + b)` where it
/// divides or is needed as it is, so that a division by an exact zero gets
/// the written sign (a zero inside a product may still change sign, which
/// only a later division by it would show).
#[derive(Clone, Copy, Debug)]
struct Signed {
    reg: Reg,
    negated: bool,
    sum: bool,
}

impl Signed {
    fn plain(reg: Reg) -> Self {
        Self::new(reg, false)
    }

    fn new(reg: Reg, negated: bool) -> Self {
        Self {
            reg,
            negated,
            sum: false,
        }
    }
}

struct Lowering<'g> {
    graph: &'g Graph,
    tape: Vec<Instr>,
    /// Value numbering: an instruction already on the tape is not emitted again.
    numbered: FxHashMap<Instr, Reg>,
    signed: FxHashMap<NodeId, Signed>,
    /// The nodes whose value is needed as it is (see [`needed_plain`]).
    plain: FxHashSet<NodeId>,
}

impl Lowering<'_> {
    fn emit(&mut self, instr: Instr) -> Reg {
        if let Some(&reg) = self.numbered.get(&instr) {
            return reg;
        }
        let reg = Reg::try_from(self.tape.len()).unwrap_or(Reg::MAX);
        self.tape.push(instr);
        self.numbered.insert(instr, reg);
        reg
    }

    fn signed(&self, node: NodeId) -> Signed {
        // Nodes are lowered children first, so an operand always has a register.
        self.signed.get(&node).copied().unwrap_or(Signed::plain(0))
    }

    /// A register holding the value of `node` itself, negating it if its
    /// sign was carried (a negative constant is emitted as one).
    fn value(&mut self, node: NodeId) -> Reg {
        let signed = self.signed(node);
        self.materialize(signed)
    }

    fn materialize(&mut self, signed: Signed) -> Reg {
        if !signed.negated {
            return signed.reg;
        }
        match self.tape.get(signed.reg as usize) {
            Some(&Instr::Const(bits)) => self.constant(-f64::from_bits(bits)),
            _ if signed.sum => {
                let zero = self.constant(0.0);
                self.emit(Instr::Sub(zero, signed.reg))
            }
            _ => self.emit(Instr::Neg(signed.reg)),
        }
    }

    /// The register already holding the value of a negated `signed`, if the
    /// tape has it.
    fn materialized(&self, signed: Signed) -> Option<Reg> {
        let zero = self.numbered.get(&Instr::constant(0.0));
        let instr = match (signed.sum, zero) {
            (true, Some(&zero)) => Instr::Sub(zero, signed.reg),
            (true, None) => return None,
            (false, _) => Instr::Neg(signed.reg),
        };
        self.numbered.get(&instr).copied()
    }

    /// `signed` with the sign of a negated sum computed (see [`Signed`]).
    fn unsummed(&mut self, signed: Signed) -> Signed {
        match signed.negated && signed.sum {
            true => Signed::plain(self.materialize(signed)),
            false => signed,
        }
    }

    fn constant(&mut self, value: f64) -> Reg {
        self.emit(Instr::constant(value))
    }

    fn lower_node(&mut self, node: NodeId, input_positions: &FxHashMap<VarId, u32>) -> Signed {
        match self.graph.node(node) {
            Node::Num(number) => {
                Signed::new(self.constant(number.abs().to_f64()), number.is_negative())
            }
            Node::Const(constant) => Signed::plain(self.constant(constant.value())),
            Node::Var(var) => Signed::plain(
                self.emit(Instr::Input(input_positions.get(var).copied().unwrap_or(0))),
            ),
            Node::Add(terms) => self.lower_sum(terms),
            Node::Mul(factors) => self.lower_product(factors, self.plain.contains(&node)),
            // The canonical infinity `1/0` is the constant, by name.
            Node::Pow(_) if self.graph.is_infinity(node) => {
                Signed::plain(self.constant(f64::INFINITY))
            }
            Node::Pow([base, exponent]) => match self.graph.as_number(*exponent) {
                Some(exponent) if exponent.is_negative() => {
                    let one = self.constant(1.0);
                    let denominator = self.lower_power(*base, exponent.neg(), None);
                    Signed::new(
                        self.emit(Instr::Div(one, denominator.reg)),
                        denominator.negated,
                    )
                }
                number => self.lower_power(*base, number.unwrap_or(Number::ONE), Some(*exponent)),
            },
            Node::Call(func, args) => Signed::plain(match args.as_ref() {
                [x] => {
                    let x = self.value(*x);
                    // A call of a constant is a constant (NaN is `sqrt(-1)`).
                    match self.tape.get(x as usize) {
                        Some(&Instr::Const(bits)) => {
                            self.constant(func.eval1(f64::from_bits(bits)))
                        }
                        _ => self.emit(Instr::Call1(*func, x)),
                    }
                }
                [a, b] => {
                    let (a, b) = (self.value(*a), self.value(*b));
                    self.emit(Instr::Call2(*func, a, b))
                }
                &[l, r, a, b] => match *func {
                    Func::Where(comparison) => {
                        let regs = [l, r, a, b].map(|node| self.value(node));
                        self.emit(Instr::Select(comparison, regs))
                    }
                    _ => self.constant(f64::NAN),
                },
                _ => self.constant(f64::NAN),
            }),
        }
    }

    /// `base ^ exponent` for a numeric exponent (or a symbolic one, given as
    /// `symbolic`): `x*x` for squares, `sqrt` for halves, `powi` for integers.
    /// An integer power of a negated base is the power of its magnitude,
    /// negated for odd exponents.
    fn lower_power(&mut self, base: NodeId, exponent: Number, symbolic: Option<NodeId>) -> Signed {
        if let Some(symbolic) = symbolic.filter(|&id| self.graph.as_number(id).is_none()) {
            let base_reg = self.value(base);
            let exponent_reg = self.value(symbolic);
            return Signed::plain(self.emit(Instr::Powf(base_reg, exponent_reg)));
        }
        if let Some(n) = exponent.as_integer().and_then(|n| i32::try_from(n).ok()) {
            let base = self.signed(base);
            let base = self.unsummed(base);
            let reg = match n {
                1 => base.reg,
                2 => self.emit(Instr::Mul(base.reg, base.reg)),
                _ => self.emit(Instr::Powi(base.reg, n)),
            };
            return Signed::new(reg, base.negated && n % 2 != 0);
        }
        let base_reg = self.value(base);
        Signed::plain(match exponent {
            Number::Rational { numer: 1, denom: 2 } => {
                self.emit(Instr::Call1(Func::Sqrt, base_reg))
            }
            _ => {
                let exponent_reg = self.constant(exponent.to_f64());
                self.emit(Instr::Powf(base_reg, exponent_reg))
            }
        })
    }

    /// A sum as a chain of additions and subtractions: the terms carried
    /// as positive are added, then the negated ones subtracted. A sum of
    /// negated terms only is the negated sum of their magnitudes, marked so
    /// that its sign is kept exact (see [`Signed`]).
    fn lower_sum(&mut self, terms: &[NodeId]) -> Signed {
        let (negative, positive): (Vec<Signed>, Vec<Signed>) = terms
            .iter()
            .map(|&term| self.signed(term))
            .partition(|term| term.negated);
        let magnitudes = |terms: &[Signed]| terms.iter().map(|term| term.reg).collect::<Vec<_>>();
        let Some(sum) = self.chain(&magnitudes(&positive), Instr::Add) else {
            // A term whose value is on the tape already starts the chain:
            // `v - h*w` for a `v` that other users needed as it is.
            let on_tape = negative
                .iter()
                .enumerate()
                .find_map(|(index, &term)| Some((index, self.materialized(term)?)));
            if let Some((index, start)) = on_tape {
                let sum = negative
                    .iter()
                    .enumerate()
                    .filter(|&(other, _)| other != index)
                    .fold(start, |sum, (_, term)| self.emit(Instr::Sub(sum, term.reg)));
                return Signed::plain(sum);
            }
            let sum = self.chain(&magnitudes(&negative), Instr::Add);
            return Signed {
                reg: sum.unwrap_or_else(|| self.constant(0.0)),
                negated: !negative.is_empty(),
                sum: true,
            };
        };
        let sum = negative
            .iter()
            .fold(sum, |sum, term| self.emit(Instr::Sub(sum, term.reg)));
        Signed::plain(sum)
    }

    /// `coefficient * numerator / denominator` as a magnitude and a sign:
    /// every sign, the coefficient's and the factors', is carried to the
    /// result, unless the product is needed as it is (`plain`) and has a
    /// coefficient to take the sign.
    fn lower_product(&mut self, factors: &[NodeId], plain: bool) -> Signed {
        let mut negated = false;
        let mut summed = false;
        let mut numerator: Vec<Reg> = Vec::new();
        let mut denominator: Vec<Reg> = Vec::new();
        let mut coefficient: Option<f64> = None;
        for &factor in factors {
            let signed = match self.graph.node(factor) {
                Node::Num(number) => {
                    negated ^= number.is_negative();
                    if !number.abs().is_one() {
                        coefficient = Some(number.abs().to_f64());
                    }
                    continue;
                }
                Node::Pow(_) if self.graph.is_infinity(factor) => self.signed(factor),
                Node::Pow([base, exponent]) => match self.graph.as_number(*exponent) {
                    Some(exponent) if exponent.is_negative() => {
                        let power = self.lower_power(*base, exponent.neg(), None);
                        negated ^= power.negated;
                        denominator.push(power.reg);
                        continue;
                    }
                    _ => self.signed(factor),
                },
                _ => self.signed(factor),
            };
            negated ^= signed.negated;
            // A reciprocal `1/d` among the factors divides by `d` instead
            // (a reciprocal is never the negation of a sum, see [`Signed`]).
            match self.reciprocal_of(signed.reg) {
                Some(divisor) => denominator.push(divisor),
                None => {
                    summed |= signed.negated && signed.sum;
                    numerator.push(signed.reg);
                }
            }
        }
        // The entries of a gradient are products that share most of their
        // factors (the backward pass) and differ in a few leaves and the
        // coefficient. Multiplying the later, larger factors first and the
        // coefficient last lets value numbering share the common part.
        numerator.sort_unstable_by(|a, b| b.cmp(a));
        if let Some(magnitude) = coefficient {
            let signed_here = plain && negated;
            negated &= !signed_here;
            numerator.push(self.constant(if signed_here { -magnitude } else { magnitude }));
        }
        let numerator = self.chain(&numerator, Instr::Mul);
        let reg = match (numerator, self.chain(&denominator, Instr::Mul)) {
            (Some(numerator), None) => numerator,
            (numerator, Some(denominator)) => {
                let numerator = numerator.unwrap_or_else(|| self.constant(1.0));
                self.emit(Instr::Div(numerator, denominator))
            }
            (None, None) => self.constant(1.0),
        };
        Signed {
            reg,
            negated,
            sum: summed,
        }
    }

    /// `d` if the instruction in `reg` is `1/d`.
    fn reciprocal_of(&self, reg: Reg) -> Option<Reg> {
        match self.tape.get(reg as usize) {
            Some(&Instr::Div(one, divisor))
                if self.tape.get(one as usize) == Some(&Instr::constant(1.0)) =>
            {
                Some(divisor)
            }
            _ => None,
        }
    }

    /// `regs` combined from the left by `combine`, or `None` if empty.
    fn chain(&mut self, regs: &[Reg], combine: fn(Reg, Reg) -> Instr) -> Option<Reg> {
        let (&first, rest) = regs.split_first()?;
        Some(
            rest.iter()
                .fold(first, |acc, &reg| self.emit(combine(acc, reg))),
        )
    }
}

/// The tape of `source`'s value and gradient over its variables, for the
/// tests of the ways a tape is run.
#[cfg(test)]
pub(crate) fn value_and_gradient_tape(source: &str) -> Tape {
    let expr = crate::Expr::parse(source).expect("parses");
    let names = expr.variables();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut outputs = vec![expr.clone()];
    outputs.extend(expr.gradient(&names));
    crate::Expr::compile(&outputs, &names).expect("compiles")
}
