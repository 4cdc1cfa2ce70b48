//! Plain-text printing in the syntax the parser reads back to the same DAG:
//! minimal parentheses, `x^2`, `-x`, `a/b`, `2*x`, terms in a readable order.
//! The layout is shared with the LaTeX printer (`layout.rs`); this file only
//! spells it.
//!
//! Large results that share subexpressions heavily are printed with each
//! shared subexpression once, named, as `t1 = ...; t2 = ...; expression`
//! (see [`Definitions`]), so a Hessian of a network does not explode into a
//! tree.

use crate::func::{Comparison, Func};
use crate::graph::post_order;
use crate::graph::{Constant, Graph, Node, NodeId};
use crate::layout::{self, Precedence, Syntax};
use crate::number::{Number, write_float};
use crate::steps::Steps;
use rustc_hash::{FxHashMap, FxHashSet};
use std::fmt::Write;

/// Shared subexpressions chosen to be printed once, by name.
#[derive(Debug, Default, Clone)]
pub struct Definitions {
    /// Named nodes in definition order (children before parents).
    pub order: Vec<NodeId>,
    names: FxHashMap<NodeId, String>,
    /// Whether the formulas and definitions print from a fully merged copy
    /// when small, as formulas without names do: true for a program's steps,
    /// which name a few nodes for reading, not to keep sharing in place.
    pub(crate) flat: bool,
}

impl Definitions {
    /// No names: every expression prints as one tree.
    pub fn none() -> Self {
        Self::default()
    }

    /// Names every non-trivial node used more than once below `roots` (counting
    /// all roots together), when printing them as trees would be large.
    /// Names are `t1`, `t2`, ... skipping any that a variable already uses.
    pub fn shared(graph: &Graph, roots: &[NodeId]) -> Self {
        Self::shared_with(graph, roots, Self::none())
    }

    /// The program's named steps that the roots use, by their own names (see
    /// [`crate::steps`]), in an order in which each uses only names defined
    /// before it. A step whose value is a variable or a number is not named,
    /// nor is a name defined twice or also used as a variable.
    pub fn steps(graph: &Graph, roots: &[NodeId], steps: Option<&Steps>) -> Self {
        let Some(steps) = steps else {
            return Self::none();
        };
        let mut by_node: FxHashMap<NodeId, &str> = FxHashMap::default();
        for (index, (name, node)) in steps.definitions().iter().enumerate() {
            let defined_twice = steps.definitions()[..index]
                .iter()
                .chain(&steps.definitions()[index + 1..])
                .any(|(other, _)| other == name);
            let usable =
                !defined_twice && !is_trivial(graph, *node) && graph.find_var(name).is_none();
            if usable {
                by_node.entry(*node).or_insert(name);
            }
        }
        let mut definitions = Self {
            flat: true,
            ..Self::none()
        };
        if by_node.is_empty() {
            return definitions;
        }
        for node in post_order(graph, roots) {
            if let Some(&name) = by_node.get(&node) {
                definitions.names.insert(node, name.to_owned());
                definitions.order.push(node);
            }
        }
        definitions
    }

    /// Only the definitions that printing `roots` with them uses, in the
    /// same order. A small formula prints from a fully merged copy, where a
    /// step may merge into its user (`d = x*y; t*(2*z*d)` prints
    /// `2*t*x*y*z`): its definition is then left out, as is any step used
    /// only by definitions left out.
    pub fn used_in_print(mut self, graph: &Graph, roots: &[NodeId]) -> Self {
        if self.is_empty() {
            return self;
        }
        let used = UsedNames::find(&self, graph, roots);
        self.order.retain(|node| used.contains(node));
        self.names.retain(|node, _| used.contains(node));
        self
    }

    /// The given names for the given nodes, in the order given (each may use
    /// only names given before it).
    pub fn named(nodes: Vec<(NodeId, String)>) -> Self {
        let mut definitions = Self::none();
        for (node, name) in nodes {
            definitions.order.push(node);
            definitions.names.insert(node, name);
        }
        definitions
    }

    /// Like [`Definitions::shared`], keeping the names `seeded` already
    /// gives (a program's steps) and naming other nodes around them.
    pub fn shared_with(graph: &Graph, roots: &[NodeId], seeded: Definitions) -> Self {
        let nodes = post_order(graph, roots);
        let mut uses: FxHashMap<NodeId, u32> = FxHashMap::default();
        // Each distinct root is printed once where it stands; a root that
        // other nodes use too is named, and prints as its name.
        let distinct_roots: FxHashSet<NodeId> = roots.iter().copied().collect();
        for &root in &distinct_roots {
            *uses.entry(root).or_default() += 1;
        }
        for &node in &nodes {
            for &child in graph.node(node).children() {
                *uses.entry(child).or_default() += 1;
            }
        }
        let mut taken: FxHashSet<&str> = graph.vars().map(|var| graph.var_name(var)).collect();
        taken.extend(seeded.names.values().map(String::as_str));
        let seeded_names = seeded.names.clone();
        let mut definitions = Definitions::default();
        let mut counter = 0usize;
        // How deep each node prints, down to the named nodes below it.
        let mut depths: FxHashMap<NodeId, usize> = FxHashMap::default();
        for node in nodes {
            let children = graph.node(node).children().iter();
            let depth = 1 + children
                .filter(|child| !definitions.names.contains_key(child))
                .map(|child| depths.get(child).copied().unwrap_or(0))
                .max()
                .unwrap_or(0);
            depths.insert(node, depth);
            if let Some(name) = seeded_names.get(&node) {
                definitions.names.insert(node, name.clone());
                definitions.order.push(node);
                continue;
            }
            let shared = uses.get(&node).copied().unwrap_or(0) > 1;
            let worth_naming = (shared || depth > MAX_UNNAMED_DEPTH) && !is_trivial(graph, node);
            if worth_naming {
                let name = loop {
                    counter += 1;
                    let candidate = format!("t{counter}");
                    if !taken.contains(candidate.as_str()) {
                        break candidate;
                    }
                };
                definitions.names.insert(node, name);
                definitions.order.push(node);
            }
        }
        definitions
    }

    /// Names shared subexpressions only when the roots printed as trees would
    /// have more than `tree_limit` nodes or nest deeper than the parser reads.
    pub fn when_large(graph: &Graph, roots: &[NodeId], tree_limit: f64) -> Self {
        if is_large(graph, roots, tree_limit) {
            Self::shared(graph, roots)
        } else {
            Self::none()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The same names for the copies of the named nodes in `target`.
    pub(crate) fn imported(&self, target: &mut Graph, source: &Graph) -> Self {
        let mut copied = Self::none();
        for &node in &self.order {
            let copy = crate::import::import(target, source, node);
            if let Some(name) = self.names.get(&node)
                && !copied.names.contains_key(&copy)
            {
                copied.names.insert(copy, name.clone());
                copied.order.push(copy);
            }
        }
        copied
    }

    pub fn name(&self, node: NodeId) -> Option<&str> {
        self.names.get(&node).map(String::as_str)
    }

    /// One definition as `t1 = ...` (no trailing separator).
    pub fn write_prefix_one(&self, graph: &Graph, node: NodeId, out: &mut String) {
        layout::write_definition::<Plain>(out, graph, self, node);
    }

    /// The definitions as `t1 = ...; t2 = ...; ` (each followed by `; `).
    pub fn write_prefix(&self, graph: &Graph, out: &mut String) {
        for &node in &self.order {
            if layout::write_definition::<Plain>(out, graph, self, node) {
                out.push_str("; ");
            }
        }
    }
}

/// How deeply a formula may nest before a step of it is named: printing
/// stays shallow (the printer recurses) and reads back within the parser's
/// nesting limit (`MAX_DEPTH`, 256, counting parentheses and signs too).
const MAX_UNNAMED_DEPTH: usize = 48;

/// Whether `roots` printed as trees would have more than `tree_limit` nodes
/// in all or nest deeper than the parser reads: then they print with their
/// shared subexpressions named.
pub fn is_large(graph: &Graph, roots: &[NodeId], tree_limit: f64) -> bool {
    let tree_size: f64 = crate::size::tree_sizes(graph, roots).iter().sum();
    tree_size > tree_limit || is_deep(graph, roots)
}

/// Whether some root nests deeper than `MAX_UNNAMED_DEPTH`: printed as one
/// tree it would not read back (the parser's `MAX_DEPTH`).
pub fn is_deep(graph: &Graph, roots: &[NodeId]) -> bool {
    let mut depths: FxHashMap<NodeId, usize> = FxHashMap::default();
    for node in post_order(graph, roots) {
        let children = graph.node(node).children().iter();
        let depth = 1 + children.map(|child| depths[child]).max().unwrap_or(0);
        if depth > MAX_UNNAMED_DEPTH {
            return true;
        }
        depths.insert(node, depth);
    }
    false
}

/// A variable, a constant or a plain number is cheaper to repeat than to name;
/// so is the negation of one.
pub(crate) fn is_trivial(graph: &Graph, node: NodeId) -> bool {
    match graph.node(node) {
        Node::Num(_) | Node::Const(_) | Node::Var(_) => true,
        Node::Mul(factors) => {
            factors.len() == 2
                && graph
                    .as_number(factors[0])
                    .is_some_and(|n| n == Number::MINUS_ONE)
                && matches!(graph.node(factors[1]), Node::Var(_) | Node::Const(_))
        }
        _ => false,
    }
}

/// The named nodes that printing some roots with some definitions spells by
/// name: each root and each used definition is walked as it prints, from a
/// fully merged copy or in place (see `layout::prints_from_flat_copy`), and
/// the walk stops at a named node, whose own definition is walked in turn.
struct UsedNames<'a> {
    graph: &'a Graph,
    definitions: &'a Definitions,
    /// The fully merged graph and the named nodes' copies in it.
    flat: Graph,
    named_copies: FxHashMap<NodeId, NodeId>,
    copies: FxHashMap<NodeId, NodeId>,
    used: FxHashSet<NodeId>,
    pending: Vec<NodeId>,
}

impl<'a> UsedNames<'a> {
    fn find(definitions: &'a Definitions, graph: &'a Graph, roots: &[NodeId]) -> FxHashSet<NodeId> {
        let mut walk = UsedNames {
            graph,
            definitions,
            flat: Graph::fully_flattening(),
            named_copies: FxHashMap::default(),
            copies: FxHashMap::default(),
            used: FxHashSet::default(),
            pending: Vec::new(),
        };
        for &node in &definitions.order {
            let copy = crate::import::import(&mut walk.flat, graph, node);
            walk.copies.insert(node, copy);
            walk.named_copies.entry(copy).or_insert(node);
        }
        for &root in roots {
            let flat = layout::prints_from_flat_copy(graph, definitions, root);
            walk.visit(root, flat, None);
        }
        let definitions_flat = layout::definitions_print_from_flat_copy(graph, definitions);
        while let Some(named) = walk.pending.pop() {
            walk.visit(named, definitions_flat, Some(named));
        }
        walk.used
    }

    /// Walks `start` as it prints (from its merged copy when `flat`), noting
    /// the named nodes it meets; `naming` is the node being defined, which
    /// spells itself out.
    fn visit(&mut self, start: NodeId, flat: bool, naming: Option<NodeId>) {
        let start = match (flat, naming) {
            (true, Some(named)) => self.copies.get(&named).copied().unwrap_or(start),
            (true, None) => crate::import::import(&mut self.flat, self.graph, start),
            (false, _) => start,
        };
        let graph = if flat { &self.flat } else { self.graph };
        let mut seen: FxHashSet<NodeId> = FxHashSet::default();
        let mut stack = vec![start];
        while let Some(node) = stack.pop() {
            if !seen.insert(node) {
                continue;
            }
            let named = if flat {
                self.named_copies.get(&node).copied()
            } else {
                self.definitions.names.contains_key(&node).then_some(node)
            };
            match named {
                Some(named) if node != start || naming.is_none() => {
                    if self.used.insert(named) {
                        self.pending.push(named);
                    }
                }
                _ => stack.extend_from_slice(graph.node(node).children()),
            }
        }
    }
}

/// Formulas that would print as trees of more than this many nodes in all
/// (or nest deeper than the parser reads) print their shared subexpressions
/// once, named: `t1 = …; t2 = …; …`. The printers, the command line and the
/// generated code's doc comments all use it, so that the size of printed
/// text stays proportional to the graph.
pub const TREE_LIMIT: f64 = 400.0;

/// Prints `root` as one expression; a formula larger than [`TREE_LIMIT`] as
/// a tree, or that nests too deeply to print as one, is printed as a
/// program of named steps (see [`to_program_text`]).
pub fn to_text(graph: &Graph, root: NodeId) -> String {
    to_program_text(graph, root, TREE_LIMIT)
}

/// Prints `root` using the names in `definitions` for the nodes they name
/// (without the definitions themselves; see [`Definitions::write_prefix`]).
pub fn to_text_with(graph: &Graph, root: NodeId, definitions: &Definitions) -> String {
    let mut out = String::new();
    layout::write_expression::<Plain>(&mut out, graph, definitions, root);
    out
}

/// Prints `root` as a self-contained program: the definitions it uses, then
/// the expression, so that the parser reads it back to the same DAG.
pub fn to_program_text(graph: &Graph, root: NodeId, tree_limit: f64) -> String {
    let definitions = Definitions::when_large(graph, &[root], tree_limit);
    let mut out = String::new();
    definitions.write_prefix(graph, &mut out);
    layout::write_expression::<Plain>(&mut out, graph, &definitions, root);
    out
}

/// The syntax that the parser reads: `2*x`, `x^2`, `a/b`, `(…)`, `sin(x)`.
struct Plain;

impl Syntax for Plain {
    const GROUP: [&'static str; 2] = ["(", ")"];
    const POWER: [&'static str; 2] = ["^", ""];
    const EXPONENT_GROUPS: bool = false;
    const QUOTIENT: [&'static str; 3] = ["", "/", ""];
    const QUOTIENT_GROUPS: bool = false;
    const RATIO_PRECEDENCE: Precedence = Precedence::Product;
    const ZERO_POWER_IS_INFINITY: bool = true;
    const DEFINITION_KEEPS_POWER: bool = true;

    fn write_number(out: &mut String, number: Number) {
        match number {
            Number::Float(value) if value.is_nan() => out.push_str("0/0"),
            Number::Float(value) if value.is_infinite() => {
                out.push_str(if value > 0.0 { "1/0" } else { "-1/0" })
            }
            Number::Float(value) => {
                let _ = write_float(out, value);
            }
            rational => {
                let _ = write!(out, "{rational}");
            }
        }
    }

    fn write_name(out: &mut String, name: &str) {
        out.push_str(name);
    }

    fn constant(constant: Constant) -> &'static str {
        constant.name()
    }

    fn call(func: Func) -> [&'static str; 3] {
        [func.name(), "(", ")"]
    }

    fn comparison(comparison: Comparison) -> &'static str {
        match comparison {
            Comparison::Less => " < ",
            Comparison::LessEq => " <= ",
        }
    }

    fn factor_separator(_next_factor: &str) -> &'static str {
        "*"
    }
}

/// `∂/∂w`, `∂²/∂w²`, `∂²/∂w∂b`, `∂³/∂x³`: the derivative by `vars` in turn.
pub fn partial_label(vars: &[&str]) -> String {
    let order = vars.len();
    if order == 0 {
        return "f".to_owned();
    }
    let mut denominator = String::new();
    for (var, run) in runs(vars) {
        denominator.push('∂');
        denominator.push_str(var);
        if run > 1 {
            denominator.push_str(&superscript(run));
        }
    }
    let power = if order > 1 {
        superscript(order)
    } else {
        String::new()
    };
    format!("∂{power}/{denominator}")
}

/// The runs of equal names in `vars`, each with its length: `[w, w, b]` is
/// `(w, 2), (b, 1)`; the denominator of a partial derivative's label.
pub fn runs<'a>(vars: &[&'a str]) -> Vec<(&'a str, usize)> {
    let mut runs: Vec<(&str, usize)> = Vec::new();
    for &var in vars {
        match runs.last_mut() {
            Some((last, count)) if *last == var => *count += 1,
            _ => runs.push((var, 1)),
        }
    }
    runs
}

/// A number in superscript digits: `12` is `¹²`.
pub fn superscript(number: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    number
        .to_string()
        .chars()
        .map(|digit| digit.to_digit(10).map_or(digit, |d| DIGITS[d as usize]))
        .collect()
}

/// `value` rounded to `digits` significant digits, so that `{:?}` prints a
/// short, stable number (`2.0`, `-0.5`, `1e-12`); non-finite values are
/// returned unchanged. The one rounding helper of the check reports, the
/// critical-point analysis and the command line's tables.
pub fn round_significant(value: f64, digits: usize) -> f64 {
    let rounded = format!("{:.*e}", digits.saturating_sub(1), value);
    rounded.parse().unwrap_or(value)
}
