//! What an expression of the body evaluates to at expansion time: a number
//! of the graph, an integer known now (a loop index, a length), an array, an
//! iterator over a fixed array, a condition. And how the values of two
//! branches of an `if` on data merge into one, through `where` nodes.

use symdiff::func::Comparison;
use symdiff::graph::{Graph, NodeId};

#[derive(Debug, Clone)]
pub(crate) enum Value {
    /// An `f64`: a node of the graph.
    Num(NodeId),
    /// An integer known at expansion time: a loop index, `x.len()`, a
    /// `const N: usize`, an integer literal.
    Int(i64),
    /// A fixed-size array, of numbers or of arrays.
    Array(Vec<Value>),
    /// An iterator over known elements (`x.iter()`, `0..n`, `a.zip(b)`).
    Seq(Vec<Value>),
    /// The item of a zipped or enumerated iterator.
    Tuple(Vec<Value>),
    /// A condition, from a comparison.
    Bool(Cond),
    /// What a statement evaluates to.
    Unit,
    /// A value that could not be translated (an error is already reported),
    /// so its uses report nothing more.
    Poisoned,
}

impl Value {
    /// How many values it holds through its arrays and tuples (1 for a
    /// number), saturating.
    pub(crate) fn entries(&self) -> usize {
        match self {
            Value::Array(items) | Value::Seq(items) | Value::Tuple(items) => items
                .iter()
                .fold(0, |total: usize, item| total.saturating_add(item.entries())),
            _ => 1,
        }
    }
}

/// A condition: known at expansion time (`i == j` on loop indices), or a
/// comparison of numbers combined with `!`, `&&` and `||`.
#[derive(Debug, Clone)]
pub(crate) enum Cond {
    Known(bool),
    /// `l < r` or `l <= r`.
    Compare(Comparison, NodeId, NodeId),
    Not(Box<Cond>),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
}

impl Cond {
    pub(crate) fn known(&self) -> Option<bool> {
        match self {
            Cond::Known(value) => Some(*value),
            _ => None,
        }
    }

    pub(crate) fn not(self) -> Cond {
        match self {
            Cond::Known(value) => Cond::Known(!value),
            Cond::Not(inner) => *inner,
            other => Cond::Not(Box::new(other)),
        }
    }

    pub(crate) fn and(self, other: Cond) -> Cond {
        match (self.known(), other.known()) {
            (Some(false), _) => Cond::Known(false),
            (Some(true), _) => other,
            (_, Some(true)) => self,
            _ => Cond::And(Box::new(self), Box::new(other)),
        }
    }

    pub(crate) fn or(self, other: Cond) -> Cond {
        match (self.known(), other.known()) {
            (Some(true), _) => Cond::Known(true),
            (Some(false), _) => other,
            (_, Some(false)) => self,
            _ => Cond::Or(Box::new(self), Box::new(other)),
        }
    }
}

/// `if cond { a } else { b }` on numbers, as `where` nodes: `!c` swaps the
/// branches, `c1 && c2` and `c1 || c2` nest.
pub(crate) fn select(graph: &mut Graph, cond: &Cond, a: NodeId, b: NodeId) -> NodeId {
    match cond {
        Cond::Known(true) => a,
        Cond::Known(false) => b,
        Cond::Compare(comparison, l, r) => graph.select(*comparison, *l, *r, a, b),
        Cond::Not(inner) => select(graph, inner, b, a),
        Cond::And(first, second) => {
            let inner = select(graph, second, a, b);
            select(graph, first, inner, b)
        }
        Cond::Or(first, second) => {
            let inner = select(graph, second, a, b);
            select(graph, first, a, inner)
        }
    }
}

/// The value that is `a` where `cond` holds and `b` elsewhere, entry by
/// entry for arrays and tuples; `None` where the two cannot merge (an
/// integer that differs between branches on data, arrays of different
/// lengths).
pub(crate) fn merge(graph: &mut Graph, cond: &Cond, a: &Value, b: &Value) -> Option<Value> {
    Some(match (a, b) {
        (Value::Poisoned, _) | (_, Value::Poisoned) => Value::Poisoned,
        (Value::Num(a), Value::Num(b)) => Value::Num(select(graph, cond, *a, *b)),
        (Value::Num(a), Value::Int(b)) => {
            let b = graph.int(*b);
            Value::Num(select(graph, cond, *a, b))
        }
        (Value::Int(a), Value::Num(b)) => {
            let a = graph.int(*a);
            Value::Num(select(graph, cond, a, *b))
        }
        (Value::Int(a), Value::Int(b)) if a == b => Value::Int(*a),
        (Value::Unit, Value::Unit) => Value::Unit,
        (Value::Bool(a), Value::Bool(b)) => {
            let first = cond.clone().and(a.clone());
            let second = cond.clone().not().and(b.clone());
            Value::Bool(first.or(second))
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => Value::Array(
            a.iter()
                .zip(b)
                .map(|(a, b)| merge(graph, cond, a, b))
                .collect::<Option<_>>()?,
        ),
        (Value::Tuple(a), Value::Tuple(b)) if a.len() == b.len() => Value::Tuple(
            a.iter()
                .zip(b)
                .map(|(a, b)| merge(graph, cond, a, b))
                .collect::<Option<_>>()?,
        ),
        _ => return None,
    })
}
