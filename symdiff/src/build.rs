//! The canonical constructors: the only way nodes enter a [`Graph`].
//!
//! Each constructor simplifies as it builds, in time roughly linear in the
//! number of operands: constants fold, neutral elements vanish, sums and
//! products merge the small ones among their operands (`merge.rs` decides
//! which) and are ordered (`order.rs`), like terms and like factors are
//! collected. Nothing is expanded. Because every node is canonical when it is
//! made, simplification never revisits a node and always terminates.

use crate::func::{ArityError, Func};
use crate::graph::{Compound, Constant, Graph, Ids, Node, NodeId};
use crate::merge::cancels;
use crate::number::Number;
use smallvec::SmallVec;
use std::ops::{Add as _, Mul as _};

/// Sums of at most this many terms are sorted by `term_cmp` alone (see
/// `Graph::sort_terms`).
const SHORT_SORT: usize = 16;

/// The most terms a sum may have to be built without the general machinery
/// when none of them collect or cancel (see [`Graph::plain_sum`]): the test
/// compares every pair.
const PLAIN_SUM_MAX: usize = 4;

/// The most factors a product may have to be built without the general
/// machinery (see [`Graph::plain_factors`]): the test compares every pair.
const PLAIN_PRODUCT_MAX: usize = 4;

/// Whether `holds` holds for every two of `ids` (the fast paths' test of a
/// few operands, see [`Graph::plain_sum`] and [`Graph::plain_factors`]).
fn every_pair(ids: &[NodeId], holds: impl Fn(NodeId, NodeId) -> bool) -> bool {
    ids.iter()
        .enumerate()
        .all(|(position, &a)| ids[position + 1..].iter().all(|&b| holds(a, b)))
}

/// A term of a sum being collected: `coefficient * rest`, and the term it
/// came from when it is a term of its own (not one distributed from
/// `c*(a + b)`).
#[derive(Clone, Copy)]
struct Scaled {
    rest: NodeId,
    coefficient: Number,
    original: Option<NodeId>,
}

/// A factor of a product being collected: `base ^ exponent`, and the factor
/// it came from.
#[derive(Clone, Copy)]
struct Power {
    base: NodeId,
    exponent: NodeId,
    original: NodeId,
}

impl Graph {
    /// A number. A non-finite float (from overflow) is never a number node:
    /// +inf is `1/0` (`0^-1`), -inf is `-(1/0)` and NaN is `sqrt(-1)`, each of
    /// which prints and reads back as itself.
    pub fn num(&mut self, number: Number) -> NodeId {
        match number {
            Number::Rational { numer, denom: 1 } => self.integer(numer),
            Number::Float(value) if value.is_nan() => {
                let minus_one = self.minus_one;
                self.intern_compound(Compound::Call(Func::Sqrt), &[minus_one])
            }
            Number::Float(value) if value.is_infinite() => {
                let (zero, minus_one) = (self.zero, self.minus_one);
                let infinity = self.intern(Node::Pow([zero, minus_one]));
                if value > 0.0 {
                    infinity
                } else {
                    self.neg(infinity)
                }
            }
            _ => self.intern(Node::Num(number)),
        }
    }

    /// The integer `value`.
    pub fn int(&mut self, value: i64) -> NodeId {
        self.num(Number::int(value))
    }

    /// The number 0.
    pub fn zero(&mut self) -> NodeId {
        self.zero
    }

    /// The number 1.
    pub fn one(&mut self) -> NodeId {
        self.one
    }

    /// The constant `pi` or `e`.
    pub fn constant(&mut self, constant: Constant) -> NodeId {
        self.intern(Node::Const(constant))
    }

    /// `a + b`.
    pub fn add2(&mut self, a: NodeId, b: NodeId) -> NodeId {
        self.add(&[a, b])
    }

    /// `a - b`, built as `a + (-1)*b`.
    pub fn sub(&mut self, a: NodeId, b: NodeId) -> NodeId {
        let minus_b = self.neg(b);
        self.add(&[a, minus_b])
    }

    /// `-a`, built as `(-1)*a`.
    pub fn neg(&mut self, a: NodeId) -> NodeId {
        let minus_one = self.minus_one;
        self.mul(&[minus_one, a])
    }

    /// `a*b`.
    pub fn mul2(&mut self, a: NodeId, b: NodeId) -> NodeId {
        self.mul(&[a, b])
    }

    /// `a/b`, built as a product with `b`'s reciprocal factors.
    pub fn div(&mut self, a: NodeId, b: NodeId) -> NodeId {
        let mut factors = self.reciprocal_factors(b);
        factors.push(a);
        self.mul(&factors)
    }

    /// The factors that dividing by `b` contributes to a quotient (see
    /// [`Graph::divisor_factors`]).
    pub fn reciprocal_factors(&mut self, b: NodeId) -> Ids {
        let minus_one = self.minus_one;
        let reciprocal = self.pow(b, minus_one);
        self.divisor_factors(reciprocal)
    }

    /// The factors that a divisor contributes to a quotient, given its
    /// reciprocal: a quotient is one product, so `a/(b*c*d)` is
    /// `a*b^-1*c^-1*d^-1` however many factors the divisor has (the
    /// reciprocal of a product alone stays `(b*c*d)^-1`, see
    /// `Graph::merges_nested`). The parser's quotients and the macros' `/`
    /// agree.
    pub fn divisor_factors(&mut self, reciprocal: NodeId) -> Ids {
        match self.node(reciprocal).clone() {
            Node::Mul(factors) => SmallVec::from_slice(&factors),
            Node::Pow([product, exponent])
                if self.as_number(exponent) == Some(Number::MINUS_ONE)
                    && matches!(self.node(product), Node::Mul(_)) =>
            {
                let factors: Ids = SmallVec::from_slice(self.node(product).children());
                factors
                    .into_iter()
                    .map(|factor| self.pow(factor, exponent))
                    .collect()
            }
            _ => SmallVec::from_slice(&[reciprocal]),
        }
    }

    /// `base^exponent` for an integer exponent.
    pub fn powi(&mut self, base: NodeId, exponent: i64) -> NodeId {
        let exponent = self.int(exponent);
        self.pow(base, exponent)
    }

    /// The sum of `terms`, with like terms collected: `2*x + 3*x` is `5*x`.
    pub fn add(&mut self, terms: &[NodeId]) -> NodeId {
        // A sum of one term (zeros aside) is that term, already canonical; in
        // particular `c*(a + b)` stays factored unless other terms join it.
        let is_zero =
            |graph: &Self, term: NodeId| graph.as_number(term).is_some_and(Number::is_zero);
        let mut non_zero = terms.iter().filter(|&&term| !is_zero(self, term));
        if let (Some(&only), None) = (non_zero.next(), non_zero.next()) {
            return only;
        }
        match self.fold_special_terms(terms) {
            Some(Err(nan)) => return nan,
            Some(Ok(folded)) if folded.len() < terms.len() => return self.add(&folded),
            _ => {}
        }
        if let Some(sum) = self.plain_sum(terms) {
            return sum;
        }
        let mut constant = Number::ZERO;
        let mut scaled: SmallVec<[Scaled; 8]> = SmallVec::with_capacity(terms.len());
        let terms = self.merge_small(
            terms,
            |node| matches!(node, Node::Add(_) if self.merges_nested()),
        );
        let rests = self.merged_rests(&terms);
        for (position, &term) in terms.iter().enumerate() {
            let large = self.large_sum(term).filter(|_| !rests.is_empty());
            let nested =
                large.and_then(|(scale, sum)| Some((scale, self.nested_operands(sum, true)?)));
            match nested {
                // A large sum (or multiple of one) merges, through the sums
                // nested in it, when a term cancels.
                Some((coefficient, inner))
                    if cancels(position, &inner, coefficient, &rests, |c| {
                        Some(self.rest_of(c))
                    }) =>
                {
                    self.push_terms_scaled(&inner, coefficient, &mut constant, &mut scaled);
                }
                _ => self.push_term(term, &mut constant, &mut scaled),
            }
        }
        // Like terms only need to meet: grouped by rest, then ordered by
        // coefficient, so that a run's coefficients add up in an order that
        // depends only on them.
        scaled.sort_unstable_by(|a, b| {
            (a.rest.cmp(&b.rest)).then_with(|| a.coefficient.total_cmp(&b.coefficient))
        });
        let mut collected: Ids = SmallVec::with_capacity(scaled.len() + 1);
        let overflowed_constant = !constant.is_finite();
        if !overflowed_constant && !constant.is_zero() {
            collected.push(self.num(constant));
        }
        let mut index = 0;
        while index < scaled.len() {
            let Scaled {
                rest,
                mut coefficient,
                original,
            } = scaled[index];
            let run_start = index;
            index += 1;
            let mut signs = [coefficient.is_negative(), !coefficient.is_negative()];
            while index < scaled.len() && scaled[index].rest == rest {
                coefficient = coefficient.add(scaled[index].coefficient);
                let negative = scaled[index].coefficient.is_negative();
                signs[usize::from(!negative)] = true;
                index += 1;
            }
            // Infinities of both signs, met through merged sums, are NaN.
            if signs == [true, true] && self.is_infinity(rest) {
                return self.num(Number::Float(f64::NAN));
            }
            match original {
                // A term met once is already canonical: reuse it.
                Some(term) if index - run_start == 1 => collected.push(term),
                _ if coefficient.is_zero() => {}
                _ => collected.push(self.scale(coefficient, rest)),
            }
        }
        if overflowed_constant {
            // An overflowed constant is a term of its own (see `num`).
            let special = self.num(constant);
            collected.push(special);
            return self.add(&collected);
        }
        // Like terms were found by their rests; the sum is ordered by the
        // terms themselves (as the printer orders them).
        self.sort_terms(&mut collected);
        match collected.len() {
            0 => self.zero_sum(&terms),
            1 => collected[0],
            _ => self.intern_compound(Compound::Add, &collected),
        }
    }

    /// The sum of `terms` when it is zero: the negative zero if every term
    /// is the negative zero (an exact 0 has no sign, and `1/(-0.0 + -0.0)`
    /// is -inf as written), else 0.
    fn zero_sum(&mut self, terms: &[NodeId]) -> NodeId {
        let negative_zero = |graph: &Self, term: NodeId| {
            matches!(graph.as_number(term), Some(Number::Float(value))
                if crate::number::is_negative_zero(value))
        };
        match terms.first() {
            Some(&first) if terms.iter().all(|&term| negative_zero(self, term)) => first,
            _ => self.zero(),
        }
    }

    /// Sorts the distinct terms of a sum in the canonical order. A long sum
    /// (a gradient's accumulation over the steps of a simulation) is sorted
    /// by each term's order summary, computed once, before `term_cmp`.
    fn sort_terms(&self, terms: &mut [NodeId]) {
        if terms.len() <= SHORT_SORT {
            terms.sort_unstable_by(|&a, &b| self.term_cmp(a, b));
            return;
        }
        let mut keyed: Vec<(u128, NodeId)> = terms
            .iter()
            .map(|&term| (self.term_order(term), term))
            .collect();
        keyed.sort_unstable_by(|&(order_a, a), &(order_b, b)| {
            order_a.cmp(&order_b).then_with(|| self.term_cmp(a, b))
        });
        for (slot, (_, term)) in terms.iter_mut().zip(keyed) {
            *slot = term;
        }
    }

    /// Splits a term into its numeric coefficient and the rest:
    /// `3*x*y` is `(3, x*y)`, a number goes to the constant. A multiple of a
    /// sum, `c*(a + b)`, is distributed into its terms: sums never hold one,
    /// which is what lets `x - (x + y)` cancel to `-y`.
    fn push_term(
        &mut self,
        term: NodeId,
        constant: &mut Number,
        scaled: &mut SmallVec<[Scaled; 8]>,
    ) {
        match self.node(term) {
            Node::Num(number) => *constant = constant.add(*number),
            Node::Mul(factors) => match self.as_number(factors[0]) {
                Some(coefficient)
                    if factors.len() == 2
                        && matches!(self.node(factors[1]), Node::Add(_) if self.merges_nested()) =>
                {
                    let inner: Ids = SmallVec::from_slice(self.node(factors[1]).children());
                    self.push_terms_scaled(&inner, coefficient, constant, scaled);
                }
                Some(coefficient) => {
                    let rest = if factors.len() == 2 {
                        factors[1]
                    } else {
                        let rest: Ids = SmallVec::from_slice(&factors[1..]);
                        self.intern_compound(Compound::Mul, &rest)
                    };
                    scaled.push(Scaled {
                        rest,
                        coefficient,
                        original: Some(term),
                    });
                }
                None => scaled.push(Scaled {
                    rest: term,
                    coefficient: Number::ONE,
                    original: Some(term),
                }),
            },
            _ => scaled.push(Scaled {
                rest: term,
                coefficient: Number::ONE,
                original: Some(term),
            }),
        }
    }

    /// Pushes `terms`, each multiplied by `coefficient`.
    fn push_terms_scaled(
        &mut self,
        inner: &[NodeId],
        coefficient: Number,
        constant: &mut Number,
        scaled: &mut SmallVec<[Scaled; 8]>,
    ) {
        let (mut inner_constant, mut inner_scaled) =
            (Number::ZERO, SmallVec::with_capacity(inner.len()));
        for &inner_term in inner {
            self.push_term(inner_term, &mut inner_constant, &mut inner_scaled);
        }
        *constant = constant.add(inner_constant.mul(coefficient));
        let unscaled = coefficient.is_one();
        scaled.extend(inner_scaled.into_iter().map(|term: Scaled| Scaled {
            rest: term.rest,
            coefficient: term.coefficient.mul(coefficient),
            original: term.original.filter(|_| unscaled),
        }));
    }

    /// `coefficient * rest` for a `rest` that has no coefficient of its own.
    fn scale(&mut self, coefficient: Number, rest: NodeId) -> NodeId {
        if coefficient.is_one() {
            return rest;
        }
        if !coefficient.is_finite() {
            let special = self.num(coefficient);
            return self.mul2(special, rest);
        }
        let holds_infinity = match self.node(rest) {
            Node::Mul(factors) => factors.iter().any(|&factor| self.is_infinity(factor)),
            _ => self.is_infinity(rest),
        };
        if holds_infinity {
            let coefficient = self.num(coefficient);
            return self.mul2(coefficient, rest);
        }
        let coefficient = self.num(coefficient);
        let factors: Ids = match self.node(rest) {
            Node::Mul(factors) => std::iter::once(coefficient)
                .chain(factors.iter().copied())
                .collect(),
            _ => SmallVec::from_slice(&[coefficient, rest]),
        };
        self.intern_compound(Compound::Mul, &factors)
    }

    /// The product of `factors`, with like factors collected: `x*x` is `x^2`,
    /// `x*y/x` is `y`. Products are never expanded: `2*(y - t)` stays
    /// factored (a sum that contains it distributes it; see `push_term`).
    pub fn mul(&mut self, factors: &[NodeId]) -> NodeId {
        if self.is_nan_product(factors) {
            return self.num(Number::Float(f64::NAN));
        }
        if let &[a, b] = factors
            && let Some(product) = self.plain_product(a, b)
        {
            return product;
        }
        if let Some(product) = self.plain_factors(factors) {
            return product;
        }
        let mut coefficient = Number::ONE;
        let mut powers: SmallVec<[Power; 8]> = SmallVec::with_capacity(factors.len());
        // A product scaled by numbers (`-x*y*z`) is merged whatever its size:
        // the result has no more factors than it.
        let scaling = factors
            .iter()
            .filter(|&&factor| self.as_number(factor).is_none())
            .count()
            == 1;
        let factors = self.merge_small(
            factors,
            |node| matches!(node, Node::Mul(_) if scaling || self.merges_nested()),
        );
        let bases = self.merged_bases(&factors);
        for (position, &factor) in factors.iter().enumerate() {
            let nested = match self.node(factor) {
                Node::Mul(_) if !bases.is_empty() => self.nested_operands(factor, false),
                _ => None,
            };
            match nested {
                Some(children)
                    if cancels(position, &children, Number::ONE, &bases, |c| {
                        self.numeric_power(c)
                    }) =>
                {
                    for child in children {
                        self.push_factor(child, &mut coefficient, &mut powers);
                    }
                }
                _ => self.push_factor(factor, &mut coefficient, &mut powers),
            }
        }
        if coefficient.is_zero() {
            // Zero times infinity or NaN, met through merged products.
            let special = powers.iter().any(|power| self.is_special(power.original));
            let value = if special {
                Number::Float(f64::NAN)
            } else {
                coefficient
            };
            return self.num(value);
        }
        powers.sort_unstable_by(|a, b| self.factor_cmp(a.base, b.base));
        let mut collected: Ids = SmallVec::with_capacity(powers.len() + 1);
        let mut needs_another_pass = false;
        let mut index = 0;
        while index < powers.len() {
            let Power { base, original, .. } = powers[index];
            let run_start = index;
            index += 1;
            while index < powers.len() && powers[index].base == base {
                index += 1;
            }
            // A factor met once is already canonical (no number, no product):
            // reuse it.
            if index - run_start == 1 {
                collected.push(original);
                continue;
            }
            if !self.merges_safely(base, &powers[run_start..index]) {
                collected.extend(powers[run_start..index].iter().map(|power| power.original));
                continue;
            }
            let factor = self.merge_powers(base, &powers[run_start..index]);
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
        // A merged run can change its base (`e*e` is `exp(2)`): order the
        // factors by their own bases, so that the order never depends on how
        // the product was built.
        let by_base = |graph: &Self, a: NodeId, b: NodeId| {
            graph
                .factor_cmp(graph.base_of(a), graph.base_of(b))
                .then_with(|| graph.factor_cmp(a, b))
        };
        if !collected.is_sorted_by(|&a, &b| by_base(self, a, b).is_le()) {
            collected.sort_by(|&a, &b| by_base(self, a, b));
        }
        self.finish_product(coefficient, collected)
    }

    /// The product of two factors in the common cases of the chain rule,
    /// decided without the general machinery: one of them is 1; a number
    /// scales a factor or a product; or neither is a number, their bases
    /// differ and no factor of one cancels with the other.
    fn plain_product(&mut self, a: NodeId, b: NodeId) -> Option<NodeId> {
        if self.general_only() {
            return None;
        }
        if a == self.one || b == self.one {
            return Some(if a == self.one { b } else { a });
        }
        if self.merges_nested() || self.is_infinity(a) || self.is_infinity(b) {
            return None;
        }
        match (self.as_number(a), self.as_number(b)) {
            (Some(_), Some(_)) => None,
            (Some(scale), None) => self.scaled_factor(scale, b),
            (None, Some(scale)) => self.scaled_factor(scale, a),
            (None, None) => {
                let plain = self.base_of(a) != self.base_of(b) && !self.factors_may_cancel(&[a, b]);
                plain.then(|| {
                    self.intern_pair(Compound::Mul, a, b, |graph, a, b| {
                        graph.factor_cmp(graph.base_of(a), graph.base_of(b))
                    })
                })
            }
        }
    }

    /// The product of a few factors in the other common cases of the chain
    /// rule, decided without the general machinery: one factor, which is
    /// canonical already; or up to [`PLAIN_PRODUCT_MAX`] factors, numbers
    /// whose product is finite and not zero and others with distinct bases
    /// that are neither products nor special values (`-h*(k*x + c*v)`).
    fn plain_factors(&mut self, factors: &[NodeId]) -> Option<NodeId> {
        if self.general_only() {
            return None;
        }
        if let &[only] = factors {
            return Some(only);
        }
        if self.merges_nested() || factors.len() > PLAIN_PRODUCT_MAX {
            return None;
        }
        let mut coefficient = Number::ONE;
        let mut others = Ids::new();
        for &factor in factors {
            match self.node(factor) {
                Node::Num(number) => coefficient = coefficient.mul(*number),
                Node::Mul(_) => return None,
                _ if self.is_special(factor) => return None,
                _ => others.push(factor),
            }
        }
        let distinct = every_pair(&others, |a, b| self.base_of(a) != self.base_of(b));
        if coefficient.is_zero() || !coefficient.is_finite() || !distinct {
            return None;
        }
        others.sort_unstable_by(|&a, &b| self.factor_cmp(self.base_of(a), self.base_of(b)));
        if !coefficient.is_one() {
            others.insert(0, self.num(coefficient));
        }
        Some(match others.len() {
            0 => self.one,
            1 => others[0],
            _ => self.intern_compound(Compound::Mul, &others),
        })
    }

    /// `scale * factor` for a finite, non-zero number `scale` (else `None`):
    /// the number joins the coefficient of a product.
    fn scaled_factor(&mut self, scale: Number, factor: NodeId) -> Option<NodeId> {
        let finite = |number: Number| !number.is_zero() && number.is_finite();
        if !finite(scale) {
            return None;
        }
        let Node::Mul(factors) = self.node(factor) else {
            let scale = self.num(scale);
            return Some(self.intern_compound(Compound::Mul, &[scale, factor]));
        };
        let factors = Ids::from_slice(factors);
        if factors.iter().any(|&inner| self.is_infinity(inner)) {
            return None;
        }
        let (coefficient, rest) = match self.as_number(factors[0]) {
            Some(coefficient) => (scale.mul(coefficient), &factors[1..]),
            None => (scale, &factors[..]),
        };
        let mut scaled: Ids = SmallVec::with_capacity(rest.len() + 1);
        match coefficient {
            _ if coefficient.is_one() && rest.len() == 1 => return Some(rest[0]),
            _ if coefficient.is_one() => {}
            _ if finite(coefficient) => scaled.push(self.num(coefficient)),
            _ => return None,
        }
        scaled.extend_from_slice(rest);
        Some(self.intern_compound(Compound::Mul, &scaled))
    }

    /// Whether the sum of two terms is just the two, ordered: neither is a
    /// number, and they do not collect (their factors besides a coefficient
    /// differ); the caller checks that no term of one cancels with the
    /// other. The common case of the chain rule.
    fn plain_terms(&self, a: NodeId, b: NodeId) -> bool {
        match (self.plain_rest(a), self.plain_rest(b)) {
            (Some(PlainRest::Term(x)), Some(PlainRest::Term(y))) => x != y,
            (Some(PlainRest::Term(x)), Some(PlainRest::Factors(factors)))
            | (Some(PlainRest::Factors(factors)), Some(PlainRest::Term(x))) => factors != [x],
            (Some(PlainRest::Factors(f)), Some(PlainRest::Factors(g))) => f != g,
            _ => false,
        }
    }

    /// Whether the fast paths are off (in tests: see `fast_paths.rs`); a
    /// constant `false` outside them.
    fn general_only(&self) -> bool {
        #[cfg(test)]
        return self.general_only;
        #[cfg(not(test))]
        false
    }

    /// The sum of a few terms in the common cases of the chain rule, decided
    /// without the general machinery: two finite numbers that do not add up
    /// to zero; a finite number and a term that is neither a number nor a
    /// sum nor a multiple of one (`1 - tanh(x)^2`); or up to
    /// [`PLAIN_SUM_MAX`] terms, none a number, no two of which collect (see
    /// [`Graph::plain_terms`]) or cancel (the product rule's terms). Special
    /// values go the general way.
    fn plain_sum(&mut self, terms: &[NodeId]) -> Option<NodeId> {
        if self.general_only()
            || self.merges_nested()
            || !(2..=PLAIN_SUM_MAX).contains(&terms.len())
        {
            return None;
        }
        let finite = |graph: &Self, id: NodeId| {
            graph
                .as_number(id)
                .filter(|number| number.is_finite() && !number.is_zero())
        };
        let beside_number = match *terms {
            [a, b] => match (finite(self, a), finite(self, b)) {
                (Some(x), Some(y)) => {
                    let sum = x.add(y);
                    return (sum.is_finite() && !sum.is_zero()).then(|| self.num(sum));
                }
                (Some(_), None) => Some(b),
                (None, Some(_)) => Some(a),
                (None, None) => None,
            },
            _ => None,
        };
        let plain = match beside_number {
            // A sum, or a multiple of one, may hold a number that cancels
            // with this one (`1e308 - 2*(x + 1e308)`).
            Some(term) => {
                !matches!(self.node(term), Node::Num(_))
                    && self.large_sum(term).is_none()
                    && !self.is_special(term)
            }
            None => {
                every_pair(terms, |a, b| self.plain_terms(a, b)) && !self.terms_may_cancel(terms)
            }
        };
        if !plain {
            return None;
        }
        if let &[a, b] = terms {
            return Some(self.intern_pair(Compound::Add, a, b, |graph, a, b| graph.term_cmp(a, b)));
        }
        let mut sorted = Ids::from_slice(terms);
        self.sort_terms(&mut sorted);
        Some(self.intern_compound(Compound::Add, &sorted))
    }

    /// What a term collects under (see `push_term`), unless it is a number.
    fn plain_rest(&self, term: NodeId) -> Option<PlainRest<'_>> {
        match self.node(term) {
            Node::Num(_) => None,
            Node::Mul(factors) => match (self.node(factors[0]), &factors[1..]) {
                (Node::Num(_), [only]) => Some(PlainRest::Term(*only)),
                (Node::Num(_), rest) => Some(PlainRest::Factors(rest)),
                _ => Some(PlainRest::Factors(factors)),
            },
            _ => Some(PlainRest::Term(term)),
        }
    }

    /// The sum or product of two operands that need no simplification, in
    /// the canonical order that `cmp` gives.
    fn intern_pair(
        &mut self,
        kind: Compound,
        a: NodeId,
        b: NodeId,
        cmp: impl Fn(&Self, NodeId, NodeId) -> std::cmp::Ordering,
    ) -> NodeId {
        let pair = match cmp(self, a, b) {
            std::cmp::Ordering::Greater => [b, a],
            _ => [a, b],
        };
        self.intern_compound(kind, &pair)
    }

    /// Whether `base^a * base^b * …` may become one power
    /// `base^(a + b + …)`: the same value wherever the factors have one
    /// (IEEE), a zero base aside (`x^2/x^2` is 1, as `x/x` is). A base that
    /// may be negative takes at most one exponent that is not an integer:
    /// `x^(1/2)*x^(1/2)` and `x^y*x^y` are NaN at x = -2, y = 1/2, where `x`
    /// and `x^(2*y)` are numbers. Exponents that cancel are `x/x = 1`.
    fn merges_safely(&self, base: NodeId, run: &[Power]) -> bool {
        let non_integer = run
            .iter()
            .filter(|power| {
                !self
                    .as_number(power.exponent)
                    .is_some_and(Number::is_integer)
            })
            .count();
        let cancels = || match run {
            [a, b] => self
                .as_number(a.exponent)
                .zip(self.as_number(b.exponent))
                .is_some_and(|(a, b)| a.add(b).is_zero()),
            _ => false,
        };
        non_integer <= 1 || self.never_negative(base) || cancels()
    }

    /// One factor for a run of like factors `base^a * base^b * …`. Numeric
    /// exponents add directly, and a base that no power rule applies to (a
    /// variable, a call, a sum) takes the sum as it is: the common case,
    /// squares in second derivatives, costs one lookup.
    fn merge_powers(&mut self, base: NodeId, run: &[Power]) -> NodeId {
        let numeric = run.iter().try_fold(Number::ZERO, |sum, power| {
            Some(sum.add(self.as_number(power.exponent)?))
        });
        let Some(sum) = numeric else {
            let exponents: Ids = run.iter().map(|power| power.exponent).collect();
            let exponent = self.add(&exponents);
            return self.pow(base, exponent);
        };
        let exponent = self.num(sum);
        let plain_base = matches!(
            self.node(base),
            Node::Var(_) | Node::Call(..) | Node::Add(_) | Node::Const(Constant::Pi)
        );
        if plain_base && !sum.is_zero() && !sum.is_one() {
            return self.intern(Node::Pow([base, exponent]));
        }
        self.pow(base, exponent)
    }

    fn push_factor(
        &mut self,
        factor: NodeId,
        coefficient: &mut Number,
        powers: &mut SmallVec<[Power; 8]>,
    ) {
        match self.node(factor) {
            Node::Num(number) => *coefficient = coefficient.mul(*number),
            &Node::Pow([base, exponent]) => powers.push(Power {
                base,
                exponent,
                original: factor,
            }),
            _ => powers.push(Power {
                base: factor,
                exponent: self.one,
                original: factor,
            }),
        }
    }

    fn finish_product(&mut self, mut coefficient: Number, mut factors: Ids) -> NodeId {
        if coefficient.is_zero() {
            return self.num(coefficient);
        }
        if !coefficient.is_finite() {
            // An overflowed coefficient is a factor of its own (see `num`).
            let special = self.num(coefficient);
            factors.push(special);
            return self.mul(&factors);
        }
        // A positive multiple of infinity is infinity: keep only the sign, so
        // that `x/(2*0)` and `x/0` are one node.
        if factors.iter().any(|&factor| self.is_infinity(factor)) {
            coefficient = if coefficient.is_negative() {
                Number::MINUS_ONE
            } else {
                Number::ONE
            };
        }
        match factors.len() {
            0 => return self.num(coefficient),
            1 if coefficient.is_one() => return factors[0],
            // `2*(x*y)*z/z`: the coefficient joins the product that is left.
            1 if matches!(self.node(factors[0]), Node::Mul(_)) => {
                if let Some(scaled) = self.scaled_factor(coefficient, factors[0]) {
                    return scaled;
                }
            }
            _ => {}
        }
        if !coefficient.is_one() {
            factors.insert(0, self.num(coefficient));
        }
        self.intern_compound(Compound::Mul, &factors)
    }

    /// `base ^ exponent`. Numbers fold when the result is exact and finite
    /// (a negative base to a non-integer power is NaN, as `powf` says);
    /// `(x^a)^b` folds to `x^(a*b)` for an integer `b` where that keeps the
    /// value (`(x^(1/2))^2` stays, unless `x` is never negative); `e^x` is
    /// `exp(x)`. A power of a product is never distributed: `(x*y)^2` and
    /// `x^2*y^2` differ in floating point (1 against NaN at x = 1e200,
    /// y = 1e-200).
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
            // `sqrt(u)^(2m)` is `u^m` where `u` is never negative; elsewhere
            // the power is NaN and `u^m` a number, so it stays.
            (Node::Call(Func::Sqrt, args), Some(outer))
                if outer.as_integer().is_some_and(|n| n % 2 == 0)
                    && self.never_negative(args[0]) =>
            {
                let radicand = args[0];
                let half = self.num(outer.mul(Number::HALF));
                self.pow(radicand, half)
            }
            (Node::Pow([inner_base, inner_exponent]), Some(outer)) if outer.is_integer() => {
                let (inner_base, inner_exponent) = (*inner_base, *inner_exponent);
                match self.as_number(inner_exponent) {
                    Some(inner)
                        if inner.is_integer()
                            || !inner.mul(outer).is_integer()
                            || self.never_negative(inner_base) =>
                    {
                        let product = self.num(inner.mul(outer));
                        self.pow(inner_base, product)
                    }
                    // A symbolic exponent times -1: `(z^x)^-1` is `z^-x`,
                    // so that it collects with other powers of `z`. Times
                    // another integer only for a base that is never
                    // negative: `(z^x)^2` is NaN at z = -2, x = 1/2, where
                    // `z^(2*x)` is -2.
                    None if outer == Number::MINUS_ONE || self.never_negative(inner_base) => {
                        let product = self.mul2(inner_exponent, exponent);
                        self.pow(inner_base, product)
                    }
                    _ => self.intern(Node::Pow([base, exponent])),
                }
            }
            // `(-u)^n` is `u^n` or `-(u^n)`: a sign passes through an
            // integer power exactly.
            (Node::Mul(factors), Some(outer))
                if outer.is_integer()
                    && factors.len() == 2
                    && self.as_number(factors[0]) == Some(Number::MINUS_ONE) =>
            {
                let power = self.pow(factors[1], exponent);
                match outer.as_integer().is_some_and(|n| n % 2 == 0) {
                    true => power,
                    false => self.neg(power),
                }
            }
            _ => self.intern(Node::Pow([base, exponent])),
        }
    }

    /// Folds `base ^ exponent` when both are numbers and the result is exact
    /// and finite, or when the base is 1 or the base is 0 with a positive
    /// exponent.
    fn fold_power(&mut self, base: NodeId, exponent: NodeId) -> Option<NodeId> {
        // NaN and the infinities fold as the tape computes them (see
        // `eval::power`: `powf`, but `sqrt` for the exponent 1/2).
        if self.special_value(base).is_some() || self.special_value(exponent).is_some() {
            let value = crate::eval::power(
                self.constant_value(base)?,
                self.as_number(exponent),
                self.constant_value(exponent)?,
            );
            return Some(self.num(Number::float(value)));
        }
        let base_number = self.as_number(base)?;
        if base_number.is_one() {
            return Some(self.one());
        }
        let exponent_number = self.as_number(exponent)?;
        // The negative zero keeps its sign: `(-0.0)^-1` is `-1/0`.
        if let Number::Float(zero) = base_number
            && zero == 0.0
        {
            let value = crate::eval::power(zero, Some(exponent_number), exponent_number.to_f64());
            return Some(self.num(Number::float(value)));
        }
        if base_number.is_zero() {
            // 0 to a positive power is 0; to any negative power it is +inf,
            // kept as the one canonical `1/0` (`0^-1`) so that it prints and
            // reads back as the same node.
            if !exponent_number.is_negative() {
                return Some(self.zero());
            }
            let minus_one = self.int(-1);
            return Some(self.intern(Node::Pow([base, minus_one])));
        }
        let result = base_number.pow(exponent_number)?;
        if result.to_f64().is_nan() {
            return Some(self.num(result));
        }
        // A power that overflows or underflows to 0 stays symbolic, so that
        // `b^-n` and its printed form `1/b^n` agree.
        let representable = result.is_finite() && !result.is_zero();
        representable.then(|| self.num(result))
    }

    /// `func(args)`, folded when the arguments are numbers and the value is
    /// exact (`sin(0)` is `0`) or the arguments are floats. A call with the
    /// wrong number of arguments is the canonical NaN: the lowering and the
    /// macros check arities first ([`Graph::try_call`]), so that user input
    /// gets an error instead.
    pub fn call(&mut self, func: Func, args: &[NodeId]) -> NodeId {
        match self.try_call(func, args) {
            Ok(call) => call,
            Err(_) => self.num(Number::float(f64::NAN)),
        }
    }

    /// `func(args)`, or the error of a wrong number of arguments.
    pub fn try_call(&mut self, func: Func, args: &[NodeId]) -> Result<NodeId, ArityError> {
        if args.len() != func.arity() {
            return Err(ArityError {
                func,
                found: args.len(),
            });
        }
        if let (Func::Where(comparison), &[l, r, a, b]) = (func, args) {
            return Ok(self.select(comparison, l, r, a, b));
        }
        if let Some(folded) = self.fold_call(func, args) {
            return Ok(folded);
        }
        Ok(self.intern_compound(Compound::Call(func), args))
    }

    /// The call's value when its arguments are numbers: in IEEE arithmetic
    /// for floats and for values that are not finite, exactly where the
    /// table's `fold` knows the value is rational, and otherwise none.
    fn fold_call(&mut self, func: Func, args: &[NodeId]) -> Option<NodeId> {
        let values: Vec<f64> = args
            .iter()
            .map(|&arg| self.constant_value(arg))
            .collect::<Option<_>>()?;
        let value = func.eval(&values);
        // Floats, NaN and infinities fold in IEEE arithmetic, and so does
        // any call whose value is not finite (`log(0)`, `sqrt(-1)`) or is
        // the negative zero (`log(1, 1/2)`), which an exact 0 would turn
        // into +0 (and `1/log(1, 1/2)` into +inf).
        let exact_args: Option<Vec<Number>> = args
            .iter()
            .map(|&arg| {
                self.as_number(arg)
                    .filter(|number| !matches!(number, Number::Float(_)))
            })
            .collect();
        let numbers = match exact_args {
            Some(numbers) if value.is_finite() && !crate::number::is_negative_zero(value) => {
                numbers
            }
            _ => return Some(self.num(Number::float(value))),
        };
        let exact = (func.info().fold)(&numbers)?;
        Some(self.num(exact))
    }
}

/// A term without its coefficient (see `Graph::plain_rest`).
enum PlainRest<'a> {
    Term(NodeId),
    Factors(&'a [NodeId]),
}
