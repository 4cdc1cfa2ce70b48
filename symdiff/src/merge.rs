//! Which sums and products a sum or product merges into itself (see "Why
//! sums and products stay nested" in ARCHITECTURE.md): the ones merely
//! scaled by numbers, and the ones that hold an operand cancelling another,
//! which a bloom filter by sign finds quickly.

use crate::graph::{Graph, Ids, Node, NodeId};
use crate::number::Number;
use smallvec::SmallVec;
use std::ops::{Add as _, Mul as _};

impl Graph {
    /// Whether every sum or product is merged into the sums or products
    /// that use it, its operands collected with theirs: only in a graph
    /// that flattens fully, for printing (see [`Graph::fully_flattening`]).
    /// Elsewhere a nested sum or product stays one operand, shared by all
    /// its users, unless it is merely scaled or cancels: merging it would
    /// copy its operands into each user, and each step of a deep chain
    /// would copy all the operands of the step before it, so derivatives of
    /// depth n would cost n² (see ARCHITECTURE.md).
    pub(crate) fn merges_nested(&self) -> bool {
        self.flattens_fully
    }
}

/// The most operands a sum or product may have and still be merged into
/// its user when one of its terms or factors cancels with the user's own
/// (`x - (x + y + z)` is `-y - z`, `-(x*y*pi)/-x` is `pi*y`).
pub(crate) const CANCEL_LIMIT: usize = 16;

/// What the operands of a sum or product collect under, each with its
/// multiplicity (a term's rest and coefficient, a factor's base and numeric
/// exponent) and the position of the large sum or product it sits in (`None`
/// for an operand of its own), sorted by what they collect under.
pub(crate) type Keyed = SmallVec<[(Option<usize>, NodeId, Number); 8]>;

/// Sorts keys by what they collect under, for [`cancels`].
fn sorted(mut keys: Keyed) -> Keyed {
    keys.sort_unstable_by_key(|&(_, base, _)| base);
    keys
}

/// Whether the large sum or product at `position`, with these `operands`
/// (their multiplicities times `scale`), has one that cancels one of `keys`
/// outside it: then it is merged all the same. (Callers pass operands from
/// `nested_operands`, at most `CANCEL_LIMIT` of them, and skip the search
/// when `keys` is empty.)
pub(crate) fn cancels(
    position: usize,
    operands: &[NodeId],
    scale: Number,
    keys: &Keyed,
    key: impl Fn(NodeId) -> Option<(NodeId, Number)>,
) -> bool {
    // The keys are sorted by base: each operand looks only at its own.
    operands
        .iter()
        .filter_map(|&operand| key(operand))
        .any(|(base, count)| {
            let start = keys.partition_point(|&(_, other, _)| other < base);
            keys[start..]
                .iter()
                .take_while(|&&(_, other, _)| other == base)
                .any(|&(owner, _, other_count)| {
                    owner != Some(position) && count.mul(scale).add(other_count).is_zero()
                })
        })
}

impl Graph {
    /// `operands` with each one that `merges` replaced by its own operands.
    pub(crate) fn merge_small(&self, operands: &[NodeId], merges: impl Fn(&Node) -> bool) -> Ids {
        let mut merged = Ids::with_capacity(operands.len());
        for &operand in operands {
            match self.node(operand) {
                node if merges(node) => merged.extend_from_slice(node.children()),
                _ => merged.push(operand),
            }
        }
        merged
    }

    /// The operands of a sum (or product), through the sums (or products)
    /// nested in it, if there are at most `CANCEL_LIMIT`: what it merges into
    /// its user when one of them cancels. (Cancellations are found between
    /// terms `c*t` with `t` one factor and between numeric powers of a base;
    /// `2*x*y` against `-2*x*y` inside a large sum is not found.)
    pub(crate) fn nested_operands(&self, node: NodeId, is_sum: bool) -> Option<Ids> {
        let nested = |node: &Node| match node {
            Node::Add(_) => is_sum,
            Node::Mul(_) => !is_sum,
            _ => false,
        };
        let mut operands = Ids::new();
        let mut pending: Ids = SmallVec::from_slice(&[node]);
        while let Some(next) = pending.pop() {
            for &operand in self.node(next).children().iter().rev() {
                match self.node(operand) {
                    inner if nested(inner) => pending.push(operand),
                    _ => operands.push(operand),
                }
            }
            if operands.len() + pending.len() > CANCEL_LIMIT {
                return None;
            }
        }
        Some(operands)
    }

    /// The bases and numeric exponents of the factors of a product and of
    /// the large products among them (through their nested products), when
    /// there are such; else nothing.
    pub(crate) fn merged_bases(&self, factors: &[NodeId]) -> Keyed {
        let mut bases = Keyed::new();
        if !self.factors_may_cancel(factors) {
            return bases;
        }
        for (position, &factor) in factors.iter().enumerate() {
            let (owner, operands) = match self.node(factor) {
                Node::Mul(_) => (
                    Some(position),
                    self.nested_operands(factor, false).unwrap_or_default(),
                ),
                _ => (None, SmallVec::from_slice(&[factor])),
            };
            let keyed = operands
                .iter()
                .filter_map(|&operand| self.numeric_power(operand));
            bases.extend(keyed.map(|(base, exponent)| (owner, base, exponent)));
        }
        sorted(bases)
    }

    /// What the terms of a sum and of the large sums among it (through
    /// their nested sums) collect under, and their coefficients (see
    /// `rest_of`), with multiples of sums distributed, when there are large
    /// sums; else nothing.
    pub(crate) fn merged_rests(&self, terms: &[NodeId]) -> Keyed {
        let mut rests = Keyed::new();
        if !self.terms_may_cancel(terms) {
            return rests;
        }
        for (position, &term) in terms.iter().enumerate() {
            let large = self.large_sum(term);
            let owner = large.map(|_| position);
            let scaled = match large {
                Some((scale, sum)) => {
                    Some((scale, self.nested_operands(sum, true).unwrap_or_default()))
                }
                None => self
                    .scaled_sum(term)
                    .map(|(scale, sum)| (scale, SmallVec::from_slice(self.node(sum).children()))),
            };
            match scaled {
                Some((scale, children)) => {
                    rests.extend(children.iter().map(|&child| {
                        let (rest, coefficient) = self.rest_of(child);
                        (owner, rest, coefficient.mul(scale))
                    }));
                }
                None => {
                    let (rest, coefficient) = self.rest_of(term);
                    rests.push((None, rest, coefficient));
                }
            }
        }
        sorted(rests)
    }

    /// Whether a product among `factors` may hold a factor that cancels
    /// with another of them (see [`Graph::may_cancel`]).
    pub(crate) fn factors_may_cancel(&self, factors: &[NodeId]) -> bool {
        let large = |factor: NodeId| matches!(self.node(factor), Node::Mul(_));
        let bloom = |factor: NodeId| match large(factor) {
            true => self.summary(factor).bloom(),
            false => self
                .numeric_power(factor)
                .map_or([0; 2], |(base, exponent)| {
                    crate::order::bloom_bit(base, exponent)
                }),
        };
        self.may_cancel(factors, large, bloom)
    }

    /// Whether a sum (or multiple of one) among `terms` may hold a term
    /// that cancels with another of them (see [`Graph::may_cancel`]).
    pub(crate) fn terms_may_cancel(&self, terms: &[NodeId]) -> bool {
        let large = |term: NodeId| self.large_sum(term).is_some();
        let bloom = |term: NodeId| match self.scaled_sum(term) {
            Some((scale, sum)) if !large(term) => {
                let children = self.node(sum).children().iter();
                children.fold([0; 2], |bits: crate::order::Bloom, &child| {
                    let (rest, coefficient) = self.rest_of(child);
                    let child_bits = crate::order::bloom_bit(rest, coefficient.mul(scale));
                    [bits[0] | child_bits[0], bits[1] | child_bits[1]]
                })
            }
            _ => match self.large_sum(term) {
                Some((scale, sum)) => {
                    let [positive, negative] = self.summary(sum).bloom();
                    match scale.is_negative() {
                        true => [negative, positive],
                        false => [positive, negative],
                    }
                }
                None => {
                    let (rest, coefficient) = self.rest_of(term);
                    crate::order::bloom_bit(rest, coefficient)
                }
            },
        };
        self.may_cancel(terms, large, bloom)
    }

    /// Whether a large operand among `operands` may cancel with another: a
    /// quick filter on the operands' bloom bits (what they collect under,
    /// through nesting, by sign), so that most sums and products of a deep
    /// chain skip the search for cancellations.
    pub(crate) fn may_cancel(
        &self,
        operands: &[NodeId],
        large: impl Fn(NodeId) -> bool,
        bloom: impl Fn(NodeId) -> crate::order::Bloom,
    ) -> bool {
        // Most sums and products have no large operand: nothing to test.
        if !operands.iter().any(|&operand| large(operand)) {
            return false;
        }
        // Two operands (the usual case): each one's bits found once.
        if let &[a, b] = operands {
            let (bits_a, bits_b) = (bloom(a), bloom(b));
            let all = [bits_a[0] | bits_b[0], bits_a[1] | bits_b[1]];
            return (large(a) && crate::order::may_cancel(bits_a, all))
                || (large(b) && crate::order::may_cancel(bits_b, all));
        }
        // Everyone's bits against each large operand's (its own included,
        // which can only let more through).
        let all = operands
            .iter()
            .fold([0; 2], |all: crate::order::Bloom, &operand| {
                let [positive, negative] = bloom(operand);
                [all[0] | positive, all[1] | negative]
            });
        operands
            .iter()
            .any(|&operand| large(operand) && crate::order::may_cancel(bloom(operand), all))
    }

    /// For a term `c*(a + b + …)` or `a + b + …` whose sum is too large to
    /// merge by size, the coefficient and the sum.
    pub(crate) fn large_sum(&self, term: NodeId) -> Option<(Number, NodeId)> {
        let (coefficient, sum) = match self.node(term) {
            Node::Add(_) => (Number::ONE, term),
            _ => self.scaled_sum(term)?,
        };
        (!self.merges_nested()).then_some((coefficient, sum))
    }

    /// For a term `c*(a + b + …)`, the coefficient and the sum.
    pub(crate) fn scaled_sum(&self, term: NodeId) -> Option<(Number, NodeId)> {
        match self.node(term) {
            Node::Mul(factors) if factors.len() == 2 => {
                let coefficient = self.as_number(factors[0])?;
                matches!(self.node(factors[1]), Node::Add(_)).then_some((coefficient, factors[1]))
            }
            _ => None,
        }
    }

    /// What a term collects under and its coefficient, where that is cheap
    /// to tell: `(x, 3)` for `3*x`, else the term itself once.
    pub(crate) fn rest_of(&self, term: NodeId) -> (NodeId, Number) {
        self.rest_of_node(term, self.node(term))
    }

    /// [`Graph::rest_of`] for a term whose node is in hand (`summarize` in
    /// order.rs reads it off the node it already looked up).
    pub(crate) fn rest_of_node(&self, term: NodeId, node: &Node) -> (NodeId, Number) {
        match node {
            Node::Mul(factors) if factors.len() == 2 => match self.as_number(factors[0]) {
                Some(coefficient) => (factors[1], coefficient),
                None => (term, Number::ONE),
            },
            _ => (term, Number::ONE),
        }
    }

    /// A factor's base and exponent, when the exponent is a number.
    pub(crate) fn numeric_power(&self, factor: NodeId) -> Option<(NodeId, Number)> {
        self.numeric_power_node(factor, self.node(factor))
    }

    /// [`Graph::numeric_power`] for a factor whose node is in hand.
    pub(crate) fn numeric_power_node(
        &self,
        factor: NodeId,
        node: &Node,
    ) -> Option<(NodeId, Number)> {
        match node {
            Node::Pow([base, exponent]) => Some((*base, self.as_number(*exponent)?)),
            Node::Num(_) => None,
            _ => Some((factor, Number::ONE)),
        }
    }

    /// The base a factor is collected under: `b` for `b^e`, else the factor.
    pub(crate) fn base_of(&self, factor: NodeId) -> NodeId {
        match self.node(factor) {
            Node::Pow([base, _]) => *base,
            _ => factor,
        }
    }
}
