//! The values that are not finite numbers, and how constants fold with
//! them. NaN is the node `sqrt(-1)` and infinity the node `0^-1` (printed
//! `0/0` and `1/0`, which read back as the same nodes); minus infinity is
//! `-1*0^-1`. Folding follows IEEE 754: `1/0 - 1/0`, `0*(1/0)` and any sum or
//! product holding NaN are NaN, never a number.

use crate::func::Func;
use crate::graph::{Graph, Node, NodeId};
use crate::number::Number;

impl Graph {
    /// Whether `node` is the canonical infinity `0^-1`. A power of 0 with
    /// any other exponent (`0^x`) is an ordinary power.
    pub(crate) fn is_infinity(&self, node: NodeId) -> bool {
        self.is_special(node) && self.is_infinity_node(self.node(node))
    }

    /// Whether `node` is the canonical NaN, `sqrt(-1)`.
    pub(crate) fn is_nan(&self, node: NodeId) -> bool {
        self.is_special(node) && self.is_nan_node(self.node(node))
    }

    fn is_infinity_node(&self, node: &Node) -> bool {
        matches!(node, Node::Pow([base, exponent])
            if self.as_number(*base).is_some_and(Number::is_zero)
                && self.as_number(*exponent).is_some_and(Number::is_negative))
    }

    fn is_nan_node(&self, node: &Node) -> bool {
        matches!(node, Node::Call(Func::Sqrt, args)
            if self.as_number(args[0]).is_some_and(|number| number == Number::MINUS_ONE))
    }

    /// Whether a node about to be built is special (see
    /// [`Graph::is_special`]): its operands are built already.
    pub(crate) fn special_node(&self, node: &Node) -> bool {
        match node {
            Node::Add(_) => false,
            Node::Mul(factors) => {
                factors.len() == 2
                    && self.is_infinity(factors[1])
                    && self.as_number(factors[0]).is_some()
            }
            _ => self.is_nan_node(node) || self.is_infinity_node(node),
        }
    }

    /// The value of a constant that is not a finite number: NaN, infinity,
    /// or a number times infinity (`-1*0^-1` is minus infinity).
    pub(crate) fn special_value(&self, node: NodeId) -> Option<f64> {
        if !self.is_special(node) {
            return None;
        }
        if self.is_nan(node) {
            return Some(f64::NAN);
        }
        if self.is_infinity(node) {
            return Some(f64::INFINITY);
        }
        match self.node(node) {
            Node::Mul(factors) if factors.len() == 2 && self.is_infinity(factors[1]) => {
                Some(self.as_number(factors[0])?.to_f64() * f64::INFINITY)
            }
            _ => None,
        }
    }

    /// The value of a constant operand, finite or not.
    pub(crate) fn constant_value(&self, node: NodeId) -> Option<f64> {
        match self.as_number(node) {
            Some(number) => Some(number.to_f64()),
            None => self.special_value(node),
        }
    }

    /// For a sum holding NaN or infinities: NaN if IEEE arithmetic makes the
    /// whole sum NaN (a NaN term, or infinities of both signs), else the
    /// terms with the numbers and infinities folded into one constant term.
    /// `None` when no term is special: the sum is simplified as usual.
    pub(crate) fn fold_special_terms(
        &mut self,
        terms: &[NodeId],
    ) -> Option<Result<Vec<NodeId>, NodeId>> {
        if !terms.iter().any(|&term| self.is_special(term)) {
            return None;
        }
        let mut constant = 0.0;
        let mut symbolic = Vec::with_capacity(terms.len());
        for &term in terms {
            match self.constant_value(term) {
                Some(value) => constant += value,
                None => symbolic.push(term),
            }
        }
        if constant.is_nan() {
            return Some(Err(self.num(Number::Float(f64::NAN))));
        }
        symbolic.push(self.num(Number::float(constant)));
        Some(Ok(symbolic))
    }

    /// Whether a product of `factors` is NaN whatever its symbolic factors
    /// are: it holds NaN, or zero and infinity.
    pub(crate) fn is_nan_product(&self, factors: &[NodeId]) -> bool {
        // NaN and the infinities are special: most products have neither.
        if !factors.iter().any(|&factor| self.is_special(factor)) {
            return false;
        }
        let mut zero = false;
        let mut infinite = false;
        for &factor in factors {
            if self.is_nan(factor) {
                return true;
            }
            zero |= self.as_number(factor).is_some_and(Number::is_zero);
            infinite |= self.special_value(factor).is_some_and(f64::is_infinite);
        }
        zero && infinite
    }
}
