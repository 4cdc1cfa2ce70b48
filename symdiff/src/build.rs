//! The canonical constructors: the only way nodes enter a [`Graph`].
//!
//! Each constructor simplifies as it builds, in time roughly linear in the
//! number of operands: constants fold, neutral elements vanish, sums and
//! products are flattened and ordered, like terms and like factors are
//! collected. Nothing is expanded. Because every node is canonical when it is
//! made, simplification never revisits a node and always terminates.

use crate::func::Func;
use crate::graph::{Constant, Graph, Node, NodeId};
use crate::number::Number;

impl Graph {
    pub fn num(&mut self, number: Number) -> NodeId {
        self.intern(Node::Num(number))
    }

    pub fn int(&mut self, value: i64) -> NodeId {
        self.num(Number::int(value))
    }

    pub fn zero(&mut self) -> NodeId {
        self.int(0)
    }

    pub fn one(&mut self) -> NodeId {
        self.int(1)
    }

    pub fn constant(&mut self, constant: Constant) -> NodeId {
        self.intern(Node::Const(constant))
    }

    pub fn add2(&mut self, a: NodeId, b: NodeId) -> NodeId {
        self.add(&[a, b])
    }

    pub fn sub(&mut self, a: NodeId, b: NodeId) -> NodeId {
        let minus_b = self.neg(b);
        self.add(&[a, minus_b])
    }

    pub fn neg(&mut self, a: NodeId) -> NodeId {
        let minus_one = self.int(-1);
        self.mul(&[minus_one, a])
    }

    pub fn mul2(&mut self, a: NodeId, b: NodeId) -> NodeId {
        self.mul(&[a, b])
    }

    pub fn div(&mut self, a: NodeId, b: NodeId) -> NodeId {
        let minus_one = self.int(-1);
        let reciprocal = self.pow(b, minus_one);
        self.mul(&[a, reciprocal])
    }

    pub fn powi(&mut self, base: NodeId, exponent: i64) -> NodeId {
        let exponent = self.int(exponent);
        self.pow(base, exponent)
    }

    /// The sum of `terms`, with like terms collected: `2*x + 3*x` is `5*x`.
    pub fn add(&mut self, terms: &[NodeId]) -> NodeId {
        let mut constant = Number::ZERO;
        let mut scaled: Vec<(NodeId, Number)> = Vec::with_capacity(terms.len());
        for &term in terms {
            match self.node(term) {
                Node::Add(children) => {
                    let children = children.clone();
                    for &child in children.iter() {
                        self.push_term(child, &mut constant, &mut scaled);
                    }
                }
                _ => self.push_term(term, &mut constant, &mut scaled),
            }
        }
        scaled.sort_unstable_by_key(|&(rest, _)| rest);
        let mut collected: Vec<NodeId> = Vec::with_capacity(scaled.len() + 1);
        if !constant.is_zero() {
            collected.push(self.num(constant));
        }
        let mut index = 0;
        while index < scaled.len() {
            let (rest, mut coefficient) = scaled[index];
            index += 1;
            while index < scaled.len() && scaled[index].0 == rest {
                coefficient = coefficient.add(scaled[index].1);
                index += 1;
            }
            if !coefficient.is_zero() {
                collected.push(self.scale(coefficient, rest));
            }
        }
        match collected.len() {
            0 => self.zero(),
            1 => collected[0],
            _ => self.intern(Node::Add(collected.into())),
        }
    }

    /// Splits a term into its numeric coefficient and the rest:
    /// `3*x*y` is `(3, x*y)`, a number goes to the constant.
    fn push_term(
        &mut self,
        term: NodeId,
        constant: &mut Number,
        scaled: &mut Vec<(NodeId, Number)>,
    ) {
        match self.node(term) {
            Node::Num(number) => *constant = constant.add(*number),
            Node::Mul(factors) => match self.as_number(factors[0]) {
                Some(coefficient) => {
                    let rest = if factors.len() == 2 {
                        factors[1]
                    } else {
                        let rest: Box<[NodeId]> = factors[1..].into();
                        self.intern(Node::Mul(rest))
                    };
                    scaled.push((rest, coefficient));
                }
                None => scaled.push((term, Number::ONE)),
            },
            _ => scaled.push((term, Number::ONE)),
        }
    }

    /// `coefficient * rest` for a `rest` that has no coefficient of its own.
    fn scale(&mut self, coefficient: Number, rest: NodeId) -> NodeId {
        if coefficient.is_one() {
            return rest;
        }
        let coefficient = self.num(coefficient);
        let factors: Box<[NodeId]> = match self.node(rest) {
            Node::Mul(factors) => std::iter::once(coefficient)
                .chain(factors.iter().copied())
                .collect(),
            _ => Box::new([coefficient, rest]),
        };
        self.intern(Node::Mul(factors))
    }

    /// The product of `factors`, with like factors collected: `x*x` is `x^2`,
    /// `x*y/x` is `y`. A negated sum is distributed (`-(x - y)` is `y - x`),
    /// so that it cancels against its terms; other products of sums stay
    /// factored (`2*(y - t)`).
    pub fn mul(&mut self, factors: &[NodeId]) -> NodeId {
        let mut coefficient = Number::ONE;
        let mut powers: Vec<(NodeId, NodeId)> = Vec::with_capacity(factors.len());
        for &factor in factors {
            match self.node(factor) {
                Node::Mul(children) => {
                    let children = children.clone();
                    for &child in children.iter() {
                        self.push_factor(child, &mut coefficient, &mut powers);
                    }
                }
                _ => self.push_factor(factor, &mut coefficient, &mut powers),
            }
        }
        if coefficient.is_zero() {
            return self.num(coefficient);
        }
        powers.sort_unstable_by_key(|&(base, _)| base);
        let mut collected: Vec<NodeId> = Vec::with_capacity(powers.len() + 1);
        let mut needs_another_pass = false;
        let mut index = 0;
        while index < powers.len() {
            let (base, first_exponent) = powers[index];
            let run_start = index;
            index += 1;
            while index < powers.len() && powers[index].0 == base {
                index += 1;
            }
            let exponent = if index - run_start == 1 {
                first_exponent
            } else {
                let exponents: Vec<NodeId> =
                    powers[run_start..index].iter().map(|&(_, e)| e).collect();
                self.add(&exponents)
            };
            let factor = self.pow(base, exponent);
            match self.node(factor) {
                Node::Num(number) => coefficient = coefficient.mul(*number),
                Node::Mul(_) => {
                    needs_another_pass = true;
                    collected.push(factor);
                }
                _ => collected.push(factor),
            }
        }
        if needs_another_pass {
            let coefficient = self.num(coefficient);
            collected.push(coefficient);
            return self.mul(&collected);
        }
        self.finish_product(coefficient, collected)
    }

    fn push_factor(
        &mut self,
        factor: NodeId,
        coefficient: &mut Number,
        powers: &mut Vec<(NodeId, NodeId)>,
    ) {
        match self.node(factor) {
            Node::Num(number) => *coefficient = coefficient.mul(*number),
            Node::Pow([base, exponent]) => powers.push((*base, *exponent)),
            _ => {
                let one = self.one();
                powers.push((factor, one));
            }
        }
    }

    fn finish_product(&mut self, coefficient: Number, mut factors: Vec<NodeId>) -> NodeId {
        if coefficient.is_zero() {
            return self.num(coefficient);
        }
        match factors.len() {
            0 => return self.num(coefficient),
            1 if coefficient.is_one() => return factors[0],
            1 if coefficient == Number::MINUS_ONE => {
                if let Node::Add(terms) = self.node(factors[0]) {
                    let terms = terms.clone();
                    let coefficient = self.num(coefficient);
                    let distributed: Vec<NodeId> = terms
                        .iter()
                        .map(|&term| self.mul2(coefficient, term))
                        .collect();
                    return self.add(&distributed);
                }
            }
            _ => {}
        }
        if !coefficient.is_one() {
            factors.insert(0, self.num(coefficient));
        }
        self.intern(Node::Mul(factors.into()))
    }

    /// `base ^ exponent`. Numbers fold when the result is exact and finite;
    /// `(x^a)^b` folds to `x^(a*b)` for an integer `b` where that keeps the
    /// domain; an integer power of a product is distributed over its factors;
    /// `e^x` is `exp(x)`.
    pub fn pow(&mut self, base: NodeId, exponent: NodeId) -> NodeId {
        let exponent_number = self.as_number(exponent);
        match exponent_number {
            Some(number) if number.is_zero() => return self.one(),
            Some(number) if number.is_one() => return base,
            _ => {}
        }
        if let Some(folded) = self.fold_power(base, exponent) {
            return folded;
        }
        match (self.node(base), exponent_number) {
            (Node::Const(Constant::E), _) => self.call(Func::Exp, &[exponent]),
            (Node::Pow([inner_base, inner_exponent]), Some(outer)) if outer.is_integer() => {
                let (inner_base, inner_exponent) = (*inner_base, *inner_exponent);
                match self.as_number(inner_exponent) {
                    Some(inner) if inner.is_integer() || !inner.mul(outer).is_integer() => {
                        let product = self.num(inner.mul(outer));
                        self.pow(inner_base, product)
                    }
                    _ => self.intern(Node::Pow([base, exponent])),
                }
            }
            (Node::Mul(factors), Some(outer)) if outer.is_integer() => {
                let factors = factors.clone();
                let powered: Vec<NodeId> = factors
                    .iter()
                    .map(|&factor| self.pow(factor, exponent))
                    .collect();
                self.mul(&powered)
            }
            _ => self.intern(Node::Pow([base, exponent])),
        }
    }

    /// Folds `base ^ exponent` when both are numbers and the result is exact
    /// and finite, or when the base is 1 or the base is 0 with a positive
    /// exponent.
    fn fold_power(&mut self, base: NodeId, exponent: NodeId) -> Option<NodeId> {
        let base_number = self.as_number(base)?;
        if base_number.is_one() {
            return Some(self.one());
        }
        let exponent_number = self.as_number(exponent)?;
        if base_number.is_zero() {
            return (!exponent_number.is_negative()).then(|| self.zero());
        }
        let result = base_number.pow(exponent_number)?;
        result.to_f64().is_finite().then(|| self.num(result))
    }

    /// `func(args)`, folded when the arguments are numbers and the value is
    /// exact (`sin(0)` is `0`) or the arguments are floats.
    pub fn call(&mut self, func: Func, args: &[NodeId]) -> NodeId {
        if let Some(folded) = self.fold_call(func, args) {
            return folded;
        }
        self.intern(Node::Call(func, args.into()))
    }

    fn fold_call(&mut self, func: Func, args: &[NodeId]) -> Option<NodeId> {
        let numbers: Vec<Number> = args
            .iter()
            .map(|&arg| self.as_number(arg))
            .collect::<Option<_>>()?;
        if numbers
            .iter()
            .any(|number| matches!(number, Number::Float(_)))
        {
            let value = match numbers.as_slice() {
                [x] => func.eval1(x.to_f64()),
                [a, b] => func.eval2(a.to_f64(), b.to_f64()),
                _ => return None,
            };
            return value.is_finite().then(|| self.num(Number::Float(value)));
        }
        let exact = match (func, numbers.as_slice()) {
            (_, [x]) => self.fold_exact1(func, *x)?,
            (Func::Max, [a, b]) => {
                if b > a {
                    *b
                } else {
                    *a
                }
            }
            (Func::Min, [a, b]) => {
                if b < a {
                    *b
                } else {
                    *a
                }
            }
            (Func::LeakyRelu, [x, alpha]) => {
                if x.to_f64() > 0.0 {
                    *x
                } else {
                    alpha.mul(*x)
                }
            }
            _ => return None,
        };
        Some(self.num(exact))
    }

    /// Exact values of one-argument functions at exact numbers, where they
    /// are rational.
    fn fold_exact1(&mut self, func: Func, x: Number) -> Option<Number> {
        let zero = x.is_zero();
        Some(match func {
            Func::Sin | Func::Tan | Func::Asin | Func::Atan | Func::Sinh | Func::Tanh if zero => {
                Number::ZERO
            }
            Func::Cos | Func::Cosh | Func::Exp if zero => Number::ONE,
            Func::Sigmoid if zero => Number::HALF,
            Func::Log if x.is_one() => Number::ZERO,
            Func::Sqrt if !x.is_negative() => x.pow(Number::HALF)?,
            Func::Abs => {
                if x.is_negative() {
                    x.neg()
                } else {
                    x
                }
            }
            Func::Sign => Number::int(i64::from(x.to_f64() > 0.0) - i64::from(x.is_negative())),
            Func::Relu => {
                if x.is_negative() {
                    Number::ZERO
                } else {
                    x
                }
            }
            Func::Heaviside => Number::int(i64::from(x.to_f64() > 0.0)),
            _ => return None,
        })
    }
}
