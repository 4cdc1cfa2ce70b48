//! The layout shared by the plain-text printer (`print.rs`) and the LaTeX
//! printer (`latex.rs`). It decides the structure once: which terms of a sum
//! come in which order with which sign (a positive term leads), which factors
//! of a product go above and below the fraction bar (the coefficient `p/q`
//! split in two, a power with a negative numeric exponent going below), and
//! which children are grouped. A [`Syntax`] only spells the result.

use crate::func::{Comparison, Func};
use crate::graph::{Constant, Graph, Node, NodeId};
use crate::number::Number;
use crate::print::Definitions;
use rustc_hash::FxHashMap;
use std::marker::PhantomData;

/// How tightly a printed form binds, loosest first; a child printed in a
/// context that binds tighter than the child is grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Precedence {
    Sum,
    Product,
    /// A leading minus sign, as in `-x` or `-2*x`.
    Unary,
    Power,
    Atom,
}

/// How one output syntax spells the forms that the layout chooses.
pub(crate) trait Syntax {
    /// The parentheses around a child that binds looser than its context.
    const GROUP: [&'static str; 2];
    /// Before and after the exponent of a power: `x^2`, `x^{2}`.
    const POWER: [&'static str; 2];
    /// Before the base of a power (MathML's `<msup>`).
    const POWER_BEFORE: &'static str = "";
    /// Whether the exponent's delimiters group it, so that it never needs
    /// parentheses.
    const EXPONENT_GROUPS: bool;
    /// Before, between and after numerator and denominator: `a/b`,
    /// `\frac{a}{b}`.
    const QUOTIENT: [&'static str; 3];
    /// Whether the quotient's delimiters group numerator and denominator.
    const QUOTIENT_GROUPS: bool;
    /// How tightly a number that is a fraction binds.
    const RATIO_PRECEDENCE: Precedence;
    /// Whether every power of 0 prints as the infinity `1/0` and stays a
    /// factor of its own: merged into a denominator it would read back as a
    /// product with 0.
    const ZERO_POWER_IS_INFINITY: bool;
    /// Whether the definition of a named power with a negative exponent
    /// prints as that power (`t1 = x^-2`) rather than as a quotient.
    const DEFINITION_KEEPS_POWER: bool;

    /// The sign before a leading negative term, and the operators between
    /// the terms of a sum: `-`, ` - `, ` + `.
    const SIGNS: [&'static str; 3] = ["-", " - ", " + "];
    /// Between a definition's name and its value.
    const EQUALS: &'static str = " = ";
    /// Between the arguments of a call.
    const ARGUMENT_SEPARATOR: &'static str = ", ";

    fn write_number(out: &mut String, number: Number);

    /// Writes the name of a variable or of a definition.
    fn write_name(out: &mut String, name: &str);

    fn constant(constant: Constant) -> &'static str;

    /// The function's name, then the delimiters around its arguments.
    fn call(func: Func) -> [&'static str; 3];

    /// Writes the function's name before its arguments: by default the
    /// first of [`Syntax::call`].
    fn write_function_name(out: &mut String, func: Func) {
        out.push_str(Self::call(func)[0]);
    }

    /// The delimiters of a subscript after the function's name that holds
    /// its last argument (LaTeX's `\log_{b}`), if the syntax writes the
    /// function so.
    fn last_argument_subscript(_func: Func) -> Option<[&'static str; 2]> {
        None
    }

    /// The comparison of a `where`, with its spaces: ` < `, ` \le `.
    fn comparison(comparison: Comparison) -> &'static str;

    /// What goes between two factors, given the text of the second.
    fn factor_separator(next_factor: &str) -> &'static str;
}

/// Writes `root` as one expression, using the names in `definitions`. A
/// result small enough to print as a tree is written from a copy in a graph
/// that merges every nested sum and product (see `Graph::merges_nested`),
/// so it reads as one flat formula with like terms collected.
pub(crate) fn write_expression<S: Syntax>(
    out: &mut String,
    graph: &Graph,
    definitions: &Definitions,
    root: NodeId,
) {
    if prints_from_flat_copy(graph, definitions, root) {
        let mut flat = Graph::fully_flattening();
        let copy = crate::import::import(&mut flat, graph, root);
        let definitions = definitions.imported(&mut flat, graph);
        return write_expression::<S>(out, &flat, &definitions, copy);
    }
    Layout::<S>::new(graph, definitions, None).write(out, root, Precedence::Sum);
}

/// Whether `root` prints from a copy in a graph that merges every nested
/// sum and product (see [`write_expression`]): when it is small enough to
/// print as a tree and no shared subexpression is named in place.
pub(crate) fn prints_from_flat_copy(
    graph: &Graph,
    definitions: &Definitions,
    root: NodeId,
) -> bool {
    (definitions.is_empty() || definitions.flat)
        && !graph.flattens_fully
        && crate::size::tree_sizes(graph, &[root])[0] <= FLAT_PRINT_LIMIT
}

/// Whether the definitions print from such copies (see [`write_definition`]).
pub(crate) fn definitions_print_from_flat_copy(graph: &Graph, definitions: &Definitions) -> bool {
    definitions.flat && !graph.flattens_fully
}

/// The stack left below which the printer continues on a new segment.
const STACK_RED_ZONE: usize = 64 * 1024;

/// The size of each new stack segment.
const STACK_SEGMENT: usize = 1024 * 1024;

/// The largest result (in tree nodes) that prints from a fully merged copy.
const FLAT_PRINT_LIMIT: f64 = 5000.0;

/// Writes the definition of `node` as `name = expression`, or nothing and
/// returns false when `definitions` does not name it.
pub(crate) fn write_definition<S: Syntax>(
    out: &mut String,
    graph: &Graph,
    definitions: &Definitions,
    node: NodeId,
) -> bool {
    let Some(name) = definitions.name(node) else {
        return false;
    };
    if definitions_print_from_flat_copy(graph, definitions) {
        let mut flat = Graph::fully_flattening();
        let copy = crate::import::import(&mut flat, graph, node);
        let definitions = definitions.imported(&mut flat, graph);
        return write_definition::<S>(out, &flat, &definitions, copy);
    }
    S::write_name(out, name);
    out.push_str(S::EQUALS);
    Layout::<S>::new(graph, definitions, Some(node)).write(out, node, Precedence::Sum);
    true
}

struct Layout<'a, S> {
    graph: &'a Graph,
    definitions: &'a Definitions,
    /// The node whose definition is being printed: it must be spelled out,
    /// not replaced by its own name.
    naming: Option<NodeId>,
    syntax: PhantomData<S>,
}

/// What a term of a sum collects under (see `Layout::rest_of`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Rest<'a> {
    Number,
    Term(NodeId),
    Factors(&'a [NodeId]),
}

/// One factor of a product, above or below the fraction bar.
enum Factor {
    Number(Number),
    Node(NodeId),
    /// `base^exponent` in a denominator, with the exponent's sign flipped.
    Power(NodeId, Number),
}

impl<'a, S: Syntax> Layout<'a, S> {
    fn new(graph: &'a Graph, definitions: &'a Definitions, naming: Option<NodeId>) -> Self {
        Layout {
            graph,
            definitions,
            naming,
            syntax: PhantomData,
        }
    }

    /// Writes `node` in `context`. A formula printed without names recurses
    /// once per level of nesting; when the stack runs low it continues on a
    /// new segment on the heap (stacker, as rustc does), so that no depth
    /// overflows it.
    fn write(&self, out: &mut String, node: NodeId, context: Precedence) {
        stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, || match self.name(node) {
            Some(name) => S::write_name(out, name),
            None => self.group(out, self.precedence(node) < context, |out| {
                self.write_bare(out, node)
            }),
        });
    }

    fn group(&self, out: &mut String, grouped: bool, write: impl FnOnce(&mut String)) {
        if grouped {
            out.push_str(S::GROUP[0]);
        }
        write(out);
        if grouped {
            out.push_str(S::GROUP[1]);
        }
    }

    /// The name that `node` prints as, unless it is the node being defined.
    fn name(&self, node: NodeId) -> Option<&'a str> {
        self.definitions
            .name(node)
            .filter(|_| self.naming != Some(node))
    }

    fn precedence(&self, node: NodeId) -> Precedence {
        match self.graph.node(node) {
            Node::Num(number) => number_precedence::<S>(*number),
            Node::Const(_) | Node::Var(_) | Node::Call(..) => Precedence::Atom,
            Node::Add(_) => Precedence::Sum,
            Node::Mul(factors) if self.coefficient(node).is_negative() => {
                self.negation_precedence(factors)
            }
            Node::Mul(_) => Precedence::Product,
            Node::Pow([_, exponent]) if self.is_negative_number(*exponent) => Precedence::Product,
            Node::Pow(_) => Precedence::Power,
        }
    }

    /// A negated product reads as a unary minus (`-x`, `-x^2`, which may
    /// stand after `^`) only when its magnitude is a single factor binding at
    /// least like a power; `-2*x` and `-x/2` continue after the sign and bind
    /// like a product.
    fn negation_precedence(&self, factors: &[NodeId]) -> Precedence {
        let single_factor = match factors {
            [coefficient, factor] if self.coefficient_is_minus_one(*coefficient) => Some(*factor),
            _ => None,
        };
        match single_factor {
            Some(factor)
                if self.reciprocal_part(factor).is_none()
                    && self.precedence(factor) >= Precedence::Power =>
            {
                Precedence::Unary
            }
            _ => Precedence::Product,
        }
    }

    fn coefficient_is_minus_one(&self, node: NodeId) -> bool {
        self.graph.as_number(node) == Some(Number::MINUS_ONE)
    }

    fn is_negative_number(&self, node: NodeId) -> bool {
        self.graph.as_number(node).is_some_and(Number::is_negative)
    }

    fn coefficient(&self, node: NodeId) -> Number {
        match self.graph.node(node) {
            Node::Mul(_) => self.spelled_product(node).0,
            Node::Num(number) => *number,
            _ => Number::ONE,
        }
    }

    /// Whether `node` is a sum or product printed in place of its operands
    /// (not under a name of its own).
    fn is_unnamed(&self, node: NodeId, kind: impl Fn(&Node) -> bool) -> bool {
        kind(self.graph.node(node)) && self.name(node).is_none()
    }

    /// A product as it is spelled: its coefficient and its factors, with
    /// the products nested in it that `spelled_in_place` allows written in
    /// place, so that `x*(y*z)` reads `x*y*z` as a person writes it.
    fn spelled_product(&self, node: NodeId) -> (Number, Vec<NodeId>) {
        let zero_base = |factor: NodeId| {
            matches!(self.graph.node(factor), Node::Pow([base, _])
                if self.graph.as_number(*base).is_some_and(Number::is_zero))
        };
        let key = |factor: NodeId| {
            let number = self.graph.as_number(factor).is_some();
            (!number).then(|| self.graph.base_of(factor))
        };
        let factors = self.graph.node(node).children();
        // A product with the infinity `1/0` keeps only its sign (see
        // `finish_product`): spelled out, it would read back without its
        // nested coefficients.
        let spelled = if factors.iter().any(|&factor| zero_base(factor)) {
            factors.to_vec()
        } else {
            self.spelled_in_place(factors, false, zero_base, key)
        };
        let mut coefficient = Number::ONE;
        let mut kept = Vec::with_capacity(spelled.len());
        for factor in spelled {
            match self.graph.as_number(factor) {
                Some(number) => coefficient = coefficient * number,
                None => kept.push(factor),
            }
        }
        (coefficient, kept)
    }

    /// The terms of a sum as they are spelled, with the sums nested in it
    /// that `spelled_in_place` allows written in place.
    fn spelled_sum(&self, terms: &[NodeId]) -> Vec<NodeId> {
        let is_sum = |node: &Node| matches!(node, Node::Add(_));
        // A multiple of a sum merges or not by a rule of its own.
        let is_scaled_sum = |term: NodeId| {
            let factors = self.graph.node(term).children();
            matches!(self.graph.node(term), Node::Mul(_))
                && factors
                    .iter()
                    .any(|&factor| is_sum(self.graph.node(factor)))
        };
        self.spelled_in_place(terms, true, is_scaled_sum, |term| Some(self.rest_of(term)))
    }

    /// `operands` with the unnamed sums (or products) nested among them
    /// written in place by their operands, through the sums nested in those,
    /// where none of these operands collects (has the same `key`) with any
    /// other and none is `unsafe_in_place`; the others stay grouped. Read
    /// back, the text is a sum that prints the same and merges into its
    /// users as this one does (see `Graph::merges_nested`). Sorted
    /// as the flat sum (or product) would be.
    fn spelled_in_place<K: std::hash::Hash + Eq>(
        &self,
        operands: &[NodeId],
        is_sum: bool,
        unsafe_in_place: impl Fn(NodeId) -> bool,
        key: impl Fn(NodeId) -> Option<K>,
    ) -> Vec<NodeId> {
        let is_kind = |node: &Node| match is_sum {
            true => matches!(node, Node::Add(_)),
            false => matches!(node, Node::Mul(_)),
        };
        let nested = |operand: NodeId| self.is_unnamed(operand, is_kind);
        if !operands.iter().any(|&operand| nested(operand)) {
            return operands.to_vec();
        }
        let flat = |operand: NodeId| {
            let mut flat = Vec::new();
            let mut pending = vec![operand];
            while let Some(next) = pending.pop() {
                for &inner in self.graph.node(next).children() {
                    if nested(inner) {
                        pending.push(inner)
                    } else {
                        flat.push(inner)
                    }
                }
            }
            flat
        };
        let groups: Vec<(NodeId, Vec<NodeId>)> = operands
            .iter()
            .map(|&operand| match nested(operand) {
                true => (operand, flat(operand)),
                false => (operand, vec![operand]),
            })
            .collect();
        let mut counts: FxHashMap<K, usize> = FxHashMap::default();
        for &operand in groups.iter().flat_map(|(_, flat)| flat) {
            if let Some(key) = key(operand) {
                *counts.entry(key).or_default() += 1;
            }
        }
        let alone = |operand: NodeId| key(operand).is_none_or(|key| counts.get(&key) == Some(&1));
        let mut spelled = Vec::with_capacity(operands.len());
        let mut changed = false;
        for (operand, flat) in groups {
            let in_place = nested(operand)
                && flat
                    .iter()
                    .all(|&inner| alone(inner) && !unsafe_in_place(inner));
            if in_place {
                spelled.extend(flat);
                changed = true;
            } else {
                spelled.push(operand);
            }
        }
        if changed {
            spelled.sort_by(|&a, &b| match is_sum {
                true => self.graph.term_cmp(a, b),
                false => self
                    .graph
                    .factor_cmp(self.graph.base_of(a), self.graph.base_of(b)),
            });
        }
        spelled
    }

    /// What a term collects under: the term without its coefficient.
    fn rest_of(&self, term: NodeId) -> Rest<'a> {
        let graph: &'a Graph = self.graph;
        match graph.node(term) {
            Node::Num(_) => Rest::Number,
            Node::Mul(factors) => match (graph.as_number(factors[0]), &factors[..]) {
                (Some(_), [_, factor]) => Rest::Term(*factor),
                (Some(_), [_, rest @ ..]) => Rest::Factors(rest),
                _ => Rest::Factors(factors),
            },
            _ => Rest::Term(term),
        }
    }

    fn write_bare(&self, out: &mut String, node: NodeId) {
        match self.graph.node(node) {
            Node::Num(number) => S::write_number(out, *number),
            Node::Const(constant) => out.push_str(S::constant(*constant)),
            Node::Var(var) => S::write_name(out, self.graph.var_name(*var)),
            Node::Add(terms) => self.write_sum(out, &self.spelled_sum(terms)),
            Node::Mul(_) => self.write_product(out, node),
            Node::Pow(_) if self.prints_as_infinity(node) => {
                S::write_number(out, Number::Float(f64::INFINITY))
            }
            Node::Pow(_) if self.reciprocal_part(node).is_some() => self.write_product(out, node),
            Node::Pow([base, exponent]) => self.write_power(out, *base, &Factor::Node(*exponent)),
            Node::Call(func, args) => self.write_call(out, *func, args),
        }
    }

    fn write_power(&self, out: &mut String, base: NodeId, exponent: &Factor) {
        let exponent_context = if S::EXPONENT_GROUPS {
            Precedence::Sum
        } else {
            Precedence::Unary
        };
        out.push_str(S::POWER_BEFORE);
        self.write(out, base, Precedence::Atom);
        out.push_str(S::POWER[0]);
        self.write_factor(out, exponent, exponent_context);
        out.push_str(S::POWER[1]);
    }

    fn write_call(&self, out: &mut String, func: Func, args: &[NodeId]) {
        let [_, open, close] = S::call(func);
        S::write_function_name(out, func);
        let mut args = args;
        if let (Some([sub_open, sub_close]), Some((&last, rest))) =
            (S::last_argument_subscript(func), args.split_last())
        {
            out.push_str(sub_open);
            self.write(out, last, Precedence::Sum);
            out.push_str(sub_close);
            args = rest;
        }
        out.push_str(open);
        // `where(l < r, a, b)`: the comparison is its first argument.
        let (args, separator) = match (func, args) {
            (Func::Where(comparison), [l, r, rest @ ..]) => {
                self.write(out, *l, Precedence::Sum);
                out.push_str(S::comparison(comparison));
                self.write(out, *r, Precedence::Sum);
                (rest, S::ARGUMENT_SEPARATOR)
            }
            _ => (args, ""),
        };
        for (index, &arg) in args.iter().enumerate() {
            out.push_str(if index > 0 {
                S::ARGUMENT_SEPARATOR
            } else {
                separator
            });
            self.write(out, arg, Precedence::Sum);
        }
        out.push_str(close);
    }

    /// Terms in canonical order, rotated so that a positive term leads:
    /// `1 - sigmoid(u)`, `sigmoid(u) - t`.
    fn write_sum(&self, out: &mut String, terms: &[NodeId]) {
        let lead = terms
            .iter()
            .position(|&term| !self.term_is_negative(term))
            .unwrap_or(0);
        let ordered = terms[lead..].iter().chain(&terms[..lead]);
        for (index, &term) in ordered.enumerate() {
            let negative = self.term_is_negative(term);
            out.push_str(match (index, negative) {
                (0, true) => S::SIGNS[0],
                (0, false) => "",
                (_, true) => S::SIGNS[1],
                (_, false) => S::SIGNS[2],
            });
            if negative {
                self.write_negated(out, term);
            } else {
                self.write(out, term, self.operand_context(term, Precedence::Sum));
            }
        }
    }

    /// The context of an operand of a sum or product: a sum inside a sum or
    /// a product inside a product (one too large to merge, see `merge.rs`)
    /// is grouped, so that it reads back as the same node.
    fn operand_context(&self, operand: NodeId, context: Precedence) -> Precedence {
        if self.name(operand).is_some() {
            return context;
        }
        match (self.graph.node(operand), context) {
            (Node::Add(_), Precedence::Sum) => Precedence::Product,
            (Node::Mul(_), Precedence::Product) => Precedence::Power,
            _ => context,
        }
    }

    fn term_is_negative(&self, term: NodeId) -> bool {
        self.name(term).is_none() && self.coefficient(term).is_negative()
    }

    /// Writes `-term` for a term with a negative coefficient, without its sign.
    fn write_negated(&self, out: &mut String, term: NodeId) {
        match self.graph.node(term) {
            Node::Num(number) => S::write_number(out, -*number),
            _ => self.write_quotient(out, term, true),
        }
    }

    fn write_product(&self, out: &mut String, node: NodeId) {
        let negative = self.coefficient(node).is_negative();
        if negative && self.leads_with_product(node) {
            // `-(a*b*c)*d` would read back as `(-a*b*c)*d`: the sign is a
            // factor of its own.
            S::write_number(out, Number::MINUS_ONE);
            let after_sign = out.len();
            self.write_quotient(out, node, true);
            let separator = S::factor_separator(&out[after_sign..]);
            out.insert_str(after_sign, separator);
            return;
        }
        if negative {
            out.push_str(S::SIGNS[0]);
        }
        self.write_quotient(out, node, negative);
    }

    /// Whether the first factor written for `node` is a product of its own.
    fn leads_with_product(&self, node: NodeId) -> bool {
        match self.split_factors(node, true).0.first() {
            Some(Factor::Node(first)) => {
                self.name(*first).is_none() && matches!(self.graph.node(*first), Node::Mul(_))
            }
            _ => false,
        }
    }

    /// Writes a product as its numerator over its denominator, or as the
    /// numerator alone when nothing goes below the bar. The sign of its
    /// coefficient is dropped when `drop_sign` is set.
    fn write_quotient(&self, out: &mut String, node: NodeId, drop_sign: bool) {
        let (numerator, denominator) = self.split_factors(node, drop_sign);
        if denominator.is_empty() {
            self.write_factors(out, &numerator, Precedence::Product);
            return;
        }
        let (numerator_context, denominator_context) = if S::QUOTIENT_GROUPS {
            (Precedence::Sum, Precedence::Sum)
        } else {
            (Precedence::Product, Precedence::Power)
        };
        let [before, between, after] = S::QUOTIENT;
        out.push_str(before);
        self.write_factors(out, &numerator, numerator_context);
        out.push_str(between);
        self.write_factors(out, &denominator, denominator_context);
        out.push_str(after);
    }

    /// The factors above and below the fraction bar: the coefficient `p/q`
    /// split in two, and each power with a negative numeric exponent below.
    fn split_factors(&self, node: NodeId, drop_sign: bool) -> (Vec<Factor>, Vec<Factor>) {
        let coefficient = self.coefficient(node);
        let coefficient = if drop_sign { -coefficient } else { coefficient };
        let factors = match self.graph.node(node) {
            Node::Mul(_) => self.spelled_product(node).1,
            _ => vec![node],
        };
        let (mut numerator, mut denominator) = split_coefficient(coefficient);
        for factor in factors {
            if self.graph.as_number(factor).is_some() {
                continue;
            }
            match self.reciprocal_part(factor) {
                Some((base, exponent)) => denominator.push(Factor::Power(base, exponent)),
                None => numerator.push(Factor::Node(factor)),
            }
        }
        (numerator, denominator)
    }

    /// For `b^(-e)` with a negative numeric exponent, `(b, e)` to print as `1/b^e`.
    fn reciprocal_part(&self, factor: NodeId) -> Option<(NodeId, Number)> {
        let named = if S::DEFINITION_KEEPS_POWER {
            self.definitions.name(factor).is_some()
        } else {
            self.name(factor).is_some()
        };
        if named || self.prints_as_infinity(factor) {
            return None;
        }
        match self.graph.node(factor) {
            // A power of a product too large to distribute over (see
            // `build.rs`) prints as a power: `(a*b*c)^-1`, since `1/(a*b*c)`
            // is the product of three reciprocals.
            Node::Pow([base, _]) if matches!(self.graph.node(*base), Node::Mul(_)) => None,
            Node::Pow([base, exponent]) => {
                let exponent = self.graph.as_number(*exponent)?;
                exponent.is_negative().then(|| (*base, -exponent))
            }
            _ => None,
        }
    }

    /// Whether `node` is the canonical infinity `0^-1`, which the syntax
    /// prints as `1/0`. (A power of 0 with any other exponent, `0^x`, is an
    /// ordinary power.)
    fn prints_as_infinity(&self, node: NodeId) -> bool {
        S::ZERO_POWER_IS_INFINITY && self.graph.is_infinity(node)
    }

    /// Writes factors separated as the syntax spells it; no factors is `1`.
    /// Several factors in a context tighter than a product are grouped.
    fn write_factors(&self, out: &mut String, factors: &[Factor], context: Precedence) {
        if factors.is_empty() {
            S::write_number(out, Number::ONE);
        } else if factors.len() > 1 && context > Precedence::Product {
            self.group(out, true, |out| {
                self.write_factors(out, factors, Precedence::Product)
            });
        } else {
            for (index, factor) in factors.iter().enumerate() {
                // A lone factor keeps the context; in a longer product the
                // first binds like a product, and a later one must not start
                // with a minus sign.
                let factor_context = match (factors.len(), index) {
                    (1, _) => context,
                    (_, 0) => Precedence::Product,
                    _ => Precedence::Power,
                };
                let start = out.len();
                self.write_factor(out, factor, factor_context);
                if index > 0 {
                    out.insert_str(start, S::factor_separator(&out[start..]));
                }
            }
        }
    }

    fn write_factor(&self, out: &mut String, factor: &Factor, context: Precedence) {
        match *factor {
            Factor::Number(number) => {
                self.group(out, number_precedence::<S>(number) < context, |out| {
                    S::write_number(out, number)
                })
            }
            Factor::Node(node) => self.write(out, node, self.operand_context(node, context)),
            // Where the quotient does not group its parts (`1/(x*y)`), the
            // base of a reciprocal binds at least as tightly as a power.
            Factor::Power(base, exponent) if exponent.is_one() && !S::QUOTIENT_GROUPS => {
                self.write(out, base, context.max(Precedence::Power))
            }
            Factor::Power(base, exponent) if exponent.is_one() => self.write(out, base, context),
            Factor::Power(base, exponent) => self.write_power(out, base, &Factor::Number(exponent)),
        }
    }
}

/// Splits a positive coefficient `p/q` into the factors above and below the
/// fraction bar, each omitted when it is 1.
fn split_coefficient(coefficient: Number) -> (Vec<Factor>, Vec<Factor>) {
    let (above, below) = coefficient
        .numer_denom()
        .unwrap_or((coefficient, Number::ONE));
    let factor = |number: Number| (!number.is_one()).then_some(Factor::Number(number));
    (
        factor(above).into_iter().collect(),
        factor(below).into_iter().collect(),
    )
}

fn number_precedence<S: Syntax>(number: Number) -> Precedence {
    match number {
        // `-1/2` continues after its sign: it binds like the fraction.
        Number::Rational { denom, .. } if number.is_negative() && denom != 1 => {
            S::RATIO_PRECEDENCE.min(Precedence::Unary)
        }
        _ if number.is_negative() => Precedence::Unary,
        Number::Rational { denom: 1, .. } => Precedence::Atom,
        Number::Rational { .. } => S::RATIO_PRECEDENCE,
        Number::Big(_) if number.is_integer() => Precedence::Atom,
        Number::Big(_) => S::RATIO_PRECEDENCE.min(Precedence::Unary),
        Number::Float(value) if value.is_finite() => Precedence::Atom,
        // `1/0` and `0/0` are how non-finite values read back.
        Number::Float(_) => Precedence::Product,
    }
}
