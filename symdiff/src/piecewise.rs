//! The piecewise node `where(l < r, a, b)` (or `<=`): its constructor and
//! its derivative terms, which `max` and `min` share. Its value and every
//! derivative follow the branch the comparison takes at the point, as
//! PyTorch's and JAX's `where` do: at a tie the comparison itself decides (`where(x > 0, x, 0)` takes the second
//! branch at 0, so its derivative there is 0), the same rule as `relu`
//! (`relu'(0) = 0`). Where `l` or `r` is NaN, the value and every derivative
//! are NaN.
//!
//! The untaken branch never leaks into a result: a chain-rule term whose
//! inner derivative is zero on one side of a condition keeps the condition
//! outside (`where(c, ∂*d, 0)`, not `∂*where(c, d, 0)`), so that a partial
//! that is not finite where its branch is not taken (`sqrt(x)` for x < 0)
//! does not turn the term into `0*NaN`.

use crate::func::{Comparison, Func};
use crate::graph::{Compound, Graph, Node, NodeId};
use symdiff_parser::CompareOp;

/// How deeply conditions nest in a term before the product is built as it
/// is: a chain of `else if` of this length is followed exactly, a longer one
/// may give NaN (never a wrong number) where a later branch is not finite.
const MASK_DEPTH: usize = 64;

impl Graph {
    /// `where(l < r, a, b)` (`<=` for [`Comparison::LessEq`]). Constant
    /// sides pick a branch (NaN if either is NaN), and equal branches are
    /// that branch: `where(c, x, x)` is `x`, even where `c` is NaN (the
    /// identity of README's "What simplification assumes"; it is what makes
    /// the derivative of `where(x > 0, 1, 2)` simply 0).
    pub fn select(
        &mut self,
        comparison: Comparison,
        l: NodeId,
        r: NodeId,
        a: NodeId,
        b: NodeId,
    ) -> NodeId {
        if let Some(holds) = self.constant_comparison(comparison, l, r) {
            return match holds {
                Some(true) => a,
                Some(false) => b,
                None => self.num(crate::number::Number::Float(f64::NAN)),
            };
        }
        if a == b {
            return a;
        }
        self.intern_compound(Compound::Call(Func::Where(comparison)), &[l, r, a, b])
    }

    /// Whether `l < r` holds when both are constants: `Some(None)` if one is
    /// a NaN constant (the other may be symbolic), `None` if either is
    /// symbolic. Exact numbers compare exactly.
    fn constant_comparison(
        &self,
        comparison: Comparison,
        l: NodeId,
        r: NodeId,
    ) -> Option<Option<bool>> {
        if let (Some(l), Some(r)) = (self.as_number(l), self.as_number(r))
            && !l.to_f64().is_nan()
            && !r.to_f64().is_nan()
        {
            return Some(Some(match comparison {
                Comparison::Less => l < r,
                Comparison::LessEq => l <= r,
            }));
        }
        // One NaN side makes the comparison NaN, whatever the other is.
        let (l, r) = (self.constant_value(l), self.constant_value(r));
        if l.is_some_and(f64::is_nan) || r.is_some_and(f64::is_nan) {
            return Some(None);
        }
        Some(Some(comparison.holds(l?, r?)))
    }

    /// The parts of a `where` node: comparison, sides and branches.
    pub(crate) fn as_where(&self, node: NodeId) -> Option<(Comparison, [NodeId; 4])> {
        match self.node(node) {
            Node::Call(Func::Where(comparison), args) => {
                let &[l, r, a, b] = args.as_slice() else {
                    return None;
                };
                Some((*comparison, [l, r, a, b]))
            }
            _ => None,
        }
    }
}

/// A term goes inside a small nest of conditions, of at most this many
/// branches, when one of them is zero or all are numbers (`max`'s partials:
/// 1, 0 and 1/2). Inside, the term costs at most this many products, and a
/// zero branch stays exactly zero: `log(x)*where(c, 1, where(d, 0, 1/2))` is
/// NaN at x = 0 whichever branch is taken, `where(c, log(x), where(d, 0,
/// log(x)/2))` is 0 where `d` holds, as the reverse sweep finds it.
const SMALL_NEST: usize = 8;

/// Whether `node` is a nest of conditions of at most [`SMALL_NEST`]
/// branches of which one is zero or all are numbers.
fn worth_entering(graph: &Graph, node: NodeId) -> bool {
    let mut leaves = Leaves::default();
    count_leaves(graph, node, &mut leaves, 0)
        && leaves.count <= SMALL_NEST
        && (leaves.zero || leaves.all_numbers)
}

/// What the branches of a nest of conditions end in.
struct Leaves {
    count: usize,
    zero: bool,
    all_numbers: bool,
}

impl Default for Leaves {
    fn default() -> Self {
        Leaves {
            count: 0,
            zero: false,
            all_numbers: true,
        }
    }
}

/// Counts the branches of `node` into `leaves`; false as soon as there are
/// more than [`SMALL_NEST`].
fn count_leaves(graph: &Graph, node: NodeId, leaves: &mut Leaves, depth: usize) -> bool {
    match graph.as_where(node) {
        Some((_, [_, _, a, b])) if depth < SMALL_NEST => {
            count_leaves(graph, a, leaves, depth + 1) && count_leaves(graph, b, leaves, depth + 1)
        }
        Some(_) => false,
        None => {
            leaves.count += 1;
            let number = graph.as_number(node);
            leaves.zero |= number.is_some_and(|n| n.is_zero());
            leaves.all_numbers &= number.is_some();
            leaves.count <= SMALL_NEST
        }
    }
}

/// A term is distributed over a sum of at most this many parts, each a
/// small nest of conditions or a number (the forward derivative of
/// `max(x, max(x, 1))` is such a sum: the nests' conditions differ).
const SMALL_SUM: usize = 4;

/// The parts of `node` if it is a sum of at most [`SMALL_SUM`] parts, each
/// a number or a nest of conditions worth entering, at least one a nest.
fn small_sum_of_nests(graph: &Graph, node: NodeId) -> Option<Vec<NodeId>> {
    let Node::Add(parts) = graph.node(node) else {
        return None;
    };
    let fits = parts.len() <= SMALL_SUM
        && parts.iter().any(|&part| graph.as_where(part).is_some())
        && parts.iter().all(|&part| {
            graph.as_number(part).is_some()
                || (graph.as_where(part).is_some() && worth_entering(graph, part))
        });
    fits.then(|| parts.to_vec())
}

/// A comparison and its sides.
type Condition = (Comparison, NodeId, NodeId);

/// The sum of `parts`, with the terms that are `where` nodes on the same
/// condition merged into one: `where(c, a, 0) + where(c, 0, b)` (a gradient's
/// contributions from the two branches) is `where(c, a, b)`, equal to it
/// everywhere, NaN included.
pub(crate) fn sum(graph: &mut Graph, parts: &[NodeId]) -> NodeId {
    match graph.has_conditions() {
        true => sum_at(graph, parts, 0),
        false => graph.add(parts),
    }
}

/// [`sum`] inside `depth` merged conditions.
fn sum_at(graph: &mut Graph, parts: &[NodeId], depth: usize) -> NodeId {
    if parts.len() < 2 || !parts.iter().any(|&part| graph.as_where(part).is_some()) {
        return graph.add(parts);
    }
    // Each condition's branches, in order of first appearance.
    let mut groups: Vec<(Condition, Vec<NodeId>, Vec<NodeId>)> = Vec::new();
    let mut terms = Vec::with_capacity(parts.len());
    for &part in parts {
        let Some((comparison, [l, r, a, b])) = graph.as_where(part) else {
            terms.push(part);
            continue;
        };
        let condition = (comparison, l, r);
        match groups.iter_mut().find(|(known, _, _)| *known == condition) {
            Some((_, first, second)) => {
                first.push(a);
                second.push(b);
            }
            None => groups.push((condition, vec![a], vec![b])),
        }
    }
    for ((comparison, l, r), first, second) in groups {
        let a = branch_sum(graph, &first, depth);
        let b = branch_sum(graph, &second, depth);
        terms.push(graph.select(comparison, l, r, a, b));
    }
    graph.add(&terms)
}

/// The sum of one branch's terms, merged in turn up to [`MASK_DEPTH`]
/// nested conditions (`max`'s terms nest the tie inside the second branch).
fn branch_sum(graph: &mut Graph, parts: &[NodeId], depth: usize) -> NodeId {
    if depth + 1 >= MASK_DEPTH {
        graph.add(parts)
    } else {
        sum_at(graph, parts, depth + 1)
    }
}

/// The engine's comparison for the text syntax's operator, and whether the
/// sides swap (`a > b` is `b < a`).
pub fn comparison_of(op: CompareOp) -> (Comparison, bool) {
    match op {
        CompareOp::Less => (Comparison::Less, false),
        CompareOp::LessEq => (Comparison::LessEq, false),
        CompareOp::Greater => (Comparison::Less, true),
        CompareOp::GreaterEq => (Comparison::LessEq, true),
    }
}

/// The chain rule's term for operand `index` of the `where` node `node`
/// with inner derivative `inner`: `where(c, inner, 0)` for the first branch,
/// `where(c, 0, inner)` for the second, 0 for the sides of the comparison.
pub(crate) fn where_term(
    graph: &mut Graph,
    node: NodeId,
    index: usize,
    inner: NodeId,
) -> Option<NodeId> {
    let (comparison, [l, r, _, _]) = graph.as_where(node)?;
    let zero = graph.zero();
    Some(match index {
        2 => graph.select(comparison, l, r, inner, zero),
        3 => graph.select(comparison, l, r, zero, inner),
        _ => zero,
    })
}

/// `inner` times ∂ func(a, b) / ∂ operand `index` for `max` or `min`, as a
/// nest of conditions: the winner's derivative, and half of each at a tie,
/// as PyTorch's and JAX's `maximum` give it. Both operands' partials nest
/// the same two conditions (for `max`, `b < a` outside and `a < b` inside),
/// so the chain rule, which enters a small nest of conditions with its inner
/// derivative (see [`masked`]), gives terms that merge in [`sum`]:
/// `max(alpha*x, x)` has the derivative `where(x < alpha*x, alpha,
/// where(alpha*x < x, 1, …))`, alpha or 1, as the course writes it. NaN in
/// either operand makes the conditions, and so the term, NaN.
pub(crate) fn extremum_share(
    graph: &mut Graph,
    func: Func,
    [a, b]: [NodeId; 2],
    index: usize,
    inner: NodeId,
) -> NodeId {
    // Outside: whether `a` wins (`b < a` for max, `a < b` for min); inside,
    // whether `b` wins; otherwise a tie.
    let (l, r) = if func == Func::Max { (b, a) } else { (a, b) };
    let zero = graph.zero();
    let half = graph.num(crate::number::Number::HALF);
    let shared = graph.mul2(half, inner);
    let (a_wins, b_wins) = if index == 0 {
        (inner, zero)
    } else {
        (zero, inner)
    };
    let otherwise = graph.select(Comparison::Less, r, l, b_wins, shared);
    graph.select(Comparison::Less, l, r, a_wins, otherwise)
}

/// `term(inner)` with a condition under which `inner` is zero kept outside:
/// for `inner = where(c, d, 0)`, `where(c, term(d), 0)` (and so on through
/// nested conditions, up to [`MASK_DEPTH`]). `None` when `inner` is not such
/// a node.
pub(crate) fn masked(
    graph: &mut Graph,
    inner: NodeId,
    depth: usize,
    term: &mut dyn FnMut(&mut Graph, NodeId, usize) -> NodeId,
) -> Option<NodeId> {
    if depth >= MASK_DEPTH {
        return None;
    }
    if let Some(parts) = small_sum_of_nests(graph, inner) {
        let terms: Vec<NodeId> = parts
            .into_iter()
            .map(|part| term(graph, part, depth + 1))
            .collect();
        return Some(sum(graph, &terms));
    }
    let (comparison, [l, r, a, b]) = graph.as_where(inner)?;
    let is_zero = |graph: &Graph, node: NodeId| graph.as_number(node).is_some_and(|n| n.is_zero());
    let (a_zero, b_zero) = (is_zero(graph, a), is_zero(graph, b));
    if !a_zero && !b_zero && !worth_entering(graph, inner) {
        return None;
    }
    let a = if a_zero { a } else { term(graph, a, depth + 1) };
    let b = if b_zero { b } else { term(graph, b, depth + 1) };
    Some(graph.select(comparison, l, r, a, b))
}
