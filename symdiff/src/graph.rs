//! The hash-consed expression DAG.
//!
//! A [`Graph`] is an arena of immutable [`Node`]s addressed by [`NodeId`].
//! Children are always created before their parents, so ascending ids are a
//! topological order: every pass over an expression is a loop, never a
//! recursion. Structurally equal nodes are stored once (hash-consing), so
//! equal subexpressions are equal ids and sharing costs nothing.
//!
//! Nodes are only created through the canonical constructors in `build.rs`,
//! which keep every node in canonical form (see ARCHITECTURE.md).

use crate::func::Func;
use crate::number::Number;
use hashbrown::HashTable;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use smallvec::SmallVec;
use std::hash::{Hash, Hasher};

/// A short list of ids kept on the stack: operand lists in the constructors
/// and the derivative rules (most have a handful of operands, since large
/// sums and products stay nested; see `merge.rs`).
pub type Ids = smallvec::SmallVec<[NodeId; 8]>;

/// The address of a node in its [`Graph`]; cheap to copy and compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub(crate) u32);

impl NodeId {
    /// An id no node has, for "no node" in tables indexed by id: the node
    /// budget stops a graph before it (see [`Graph::set_max_nodes`]).
    pub(crate) const NONE: NodeId = NodeId(u32::MAX);

    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The index of a variable in its graph's table of variable names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VarId(pub(crate) u32);

impl VarId {
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The variable's bit in a [`VarMask`]: variables share bits modulo
    /// its width, so a clear bit proves absence and a set one proves
    /// nothing.
    pub(crate) fn bit(self) -> VarMask {
        1 << (self.0 % VarMask::BITS)
    }

    /// The bits of all of `vars` (see [`VarId::bit`]).
    pub(crate) fn mask_of(vars: impl IntoIterator<Item = VarId>) -> VarMask {
        vars.into_iter().fold(0, |mask, var| mask | var.bit())
    }
}

/// A summary of the variables a node may depend on, one bit per variable
/// modulo its width, 64 (see [`VarId::bit`]). 32 bits would save four bytes
/// a node, but prove too little for a hundred variables: rosen100's Hessian
/// took 15% more instructions with them.
pub(crate) type VarMask = u64;

/// A mathematical constant that is kept symbolic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Constant {
    Pi,
    E,
}

impl Constant {
    /// The constant the text syntax names `name`, if any.
    pub fn named(name: &str) -> Option<Constant> {
        [Constant::Pi, Constant::E]
            .into_iter()
            .find(|constant| constant.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Constant::Pi => "pi",
            Constant::E => "e",
        }
    }

    pub fn value(self) -> f64 {
        match self {
            Constant::Pi => std::f64::consts::PI,
            Constant::E => std::f64::consts::E,
        }
    }
}

/// One node of the DAG, in canonical form:
/// - `Add` has at least two terms, in canonical order (`Graph::term_cmp`), no
///   two alike (like terms are collected) and at most one number, which comes
///   first;
/// - `Mul` has at least two factors, in canonical order (`Graph::factor_cmp`
///   of their bases), no two with the same base (powers are collected) and at
///   most one number (the coefficient, never 1), which comes first;
/// - either may hold a sum or product too large to merge (see `merge.rs`);
/// - `Pow` never has exponent 0 or 1, and never two numbers that fold exactly.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Node {
    Num(Number),
    Const(Constant),
    Var(VarId),
    Add(Operands),
    Mul(Operands),
    /// `[base, exponent]`.
    Pow([NodeId; 2]),
    Call(Func, Operands),
}

/// The bits of a node's flags.
const NEVER_NEGATIVE: u8 = 1;
const SPECIAL: u8 = 2;

/// How many distinct nodes a graph may hold unless told otherwise: about
/// 1.5 GB of memory. What is large by nature (a Hessian over thousands of
/// variables, a derivative of order 100) stops there with
/// [`crate::Error::NodeBudget`] instead of exhausting the machine.
pub const DEFAULT_MAX_NODES: usize = 10_000_000;

/// The operands of a sum, product or call: up to four are stored inline,
/// without an allocation of their own, in the room that the pointer and
/// length of a longer list take anyway (a node is 32 bytes either way).
pub type Operands = SmallVec<[NodeId; 4]>;

impl Node {
    /// The node's operands, in order (`Pow` has base then exponent).
    pub fn children(&self) -> &[NodeId] {
        match self {
            Node::Num(_) | Node::Const(_) | Node::Var(_) => &[],
            Node::Add(children) | Node::Mul(children) | Node::Call(_, children) => children,
            Node::Pow(pair) => pair,
        }
    }
}

/// An arena of canonical, hash-consed nodes, and the names of its variables.
#[derive(Debug, Clone)]
pub struct Graph {
    nodes: Vec<Node>,
    /// The ids of 0, 1 and -1, which the constructors use constantly.
    pub(crate) zero: NodeId,
    pub(crate) one: NodeId,
    pub(crate) minus_one: NodeId,
    /// The ids of the integers in `SMALL_INTEGERS` (the usual coefficients
    /// and exponents) once they exist, so that building them again costs no
    /// lookup. Filled on first use, so ids are assigned as without the cache.
    small_integers: [Option<NodeId>; SMALL_INTEGER_COUNT],
    /// For each node, a summary of the variables it depends on (see
    /// [`VarMask`]): a clear bit proves that a derivative is zero without
    /// looking at the node.
    var_masks: Vec<VarMask>,
    /// For each node, its structural key (see `order.rs`): operands are
    /// ordered by it, so the canonical form never depends on creation order.
    keys: Vec<crate::order::Key>,
    /// For each sum or product, what its key is made of (see `order.rs`).
    summaries: Vec<crate::order::Summary>,
    /// Per node, whether its value is never below zero (see
    /// [`Graph::never_negative`]), and whether it is NaN, an infinity or a
    /// number times one (see `special.rs`), as bits.
    flags: Vec<u8>,
    interned: HashTable<NodeId>,
    var_names: Vec<Box<str>>,
    var_nodes: Vec<NodeId>,
    var_ids: FxHashMap<Box<str>, VarId>,
    /// Whether the constructors merge every nested sum and product into its
    /// users (a graph for printing, see [`Graph::merges_nested`]).
    pub(crate) flattens_fully: bool,
    /// The node budget, the canonical NaN that stands for every node past
    /// it, and whether that happened (see [`Graph::budget_exceeded`]).
    max_nodes: usize,
    nan: NodeId,
    exhausted: bool,
    /// Whether the graph holds a condition (`where`, see `piecewise.rs`):
    /// without one, the derivative rules skip looking for them.
    has_conditions: bool,
    /// Whether the constructors skip their fast paths (tests only: they
    /// must give the node the general path gives, see `fast_paths.rs`).
    #[cfg(test)]
    pub(crate) general_only: bool,
}

/// The kinds of node with a variable number of operands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Compound {
    Add,
    Mul,
    Call(Func),
}

/// The interning table's 64-bit hash of a node's 32-bit one: multiplying by
/// an odd constant makes every bit count in the top bits, which the table
/// compares first.
fn spread(hash: u32) -> u64 {
    u64::from(hash).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// A 64-bit hash folded to the 32 bits that are stored.
fn fold(hash: u64) -> u32 {
    (hash ^ (hash >> 32)) as u32
}

/// The interning table's hash of a node already in `nodes`, for growing the
/// table (rare: it is reserved ahead), which hashes each node again from
/// its operands' ids.
fn rehash(nodes: &[Node]) -> impl Fn(&NodeId) -> u64 + '_ {
    |&id| spread(hash_node(&nodes[id.index()]))
}

/// Hashes a node; a compound node hashes exactly like its
/// [`hash_compound`] parts, so it can be looked up before it is allocated.
fn hash_node(node: &Node) -> u32 {
    match node {
        Node::Add(children) => hash_compound(Compound::Add, children),
        Node::Mul(children) => hash_compound(Compound::Mul, children),
        Node::Call(func, children) => hash_compound(Compound::Call(*func), children),
        leaf => {
            let mut hasher = FxHasher::default();
            leaf.hash(&mut hasher);
            fold(hasher.finish())
        }
    }
}

fn hash_compound(kind: Compound, children: &[NodeId]) -> u32 {
    let mut hasher = FxHasher::default();
    match kind {
        Compound::Add => hasher.write_u8(0xA0),
        Compound::Mul => hasher.write_u8(0xA1),
        Compound::Call(func) => {
            hasher.write_u8(0xA2);
            func.hash(&mut hasher);
        }
    }
    children.hash(&mut hasher);
    fold(hasher.finish())
}

fn matches_compound(node: &Node, kind: Compound, children: &[NodeId]) -> bool {
    match (node, kind) {
        (Node::Add(known), Compound::Add) | (Node::Mul(known), Compound::Mul) => {
            **known == *children
        }
        (Node::Call(func, known), Compound::Call(wanted)) => {
            *func == wanted && **known == *children
        }
        _ => false,
    }
}

/// How many times its nodes a parsed expression's per-node tables reserve
/// room for (see [`Graph::reserve_with_room`]): a gradient and a Hessian
/// over a few variables grow a deep chain about thirteenfold (rnn200), and
/// a table that outgrows its room is copied.
const DERIVATIVE_ROOM: usize = 16;

/// The most room for derivatives reserved at once, in nodes (about 85 MB
/// of address space, none of it touched until written).
const MAX_ROOM: usize = 1 << 20;

/// The interning table reserves room for this many times the nodes a graph
/// is expected to grow by (see [`Graph::reserve`] and
/// [`Graph::reserve_with_room`]): the growth of a derivative is an
/// estimate, and growing the table rehashes every entry.
const LOOKUP_RESERVE: usize = 3;

/// The room a graph traversal's stack starts with (see
/// [`Graph::nodes_below_where`]).
const STACK_ROOM: usize = 256;

/// A traversal marks nodes in a hash set while they are at most one per
/// this many ids below its largest root, and turns to a bit set beyond (see
/// [`Graph::nodes_below_where`]): a hash set's step costs about as much as
/// the bit set's 32 words of 64 ids, so the marking given up is at most
/// about the bit set's own work (the traversal so far, which the bit set
/// repeats, visits the operands of those few nodes).
const FEW_NODES_PER_ID: usize = 2048;

/// The integers whose ids a graph remembers once created.
const SMALL_INTEGERS: std::ops::RangeInclusive<i64> = -8..=8;
const SMALL_INTEGER_COUNT: usize = 17;

impl Drop for Graph {
    /// Hands the per-node tables to the next graph of this thread (see
    /// `spare.rs`).
    fn drop(&mut self) {
        crate::spare::give_back(crate::spare::Tables {
            nodes: std::mem::take(&mut self.nodes),
            var_masks: std::mem::take(&mut self.var_masks),
            keys: std::mem::take(&mut self.keys),
            summaries: std::mem::take(&mut self.summaries),
            flags: std::mem::take(&mut self.flags),
            interned: std::mem::take(&mut self.interned),
            written: 0,
        });
    }
}

impl Default for Graph {
    fn default() -> Self {
        Self::new()
    }
}

impl Graph {
    pub fn new() -> Self {
        // The tables of the last graph dropped on this thread, if any.
        let tables = crate::spare::take();
        let mut graph = Graph {
            nodes: tables.nodes,
            zero: NodeId(0),
            one: NodeId(0),
            minus_one: NodeId(0),
            small_integers: [None; SMALL_INTEGER_COUNT],
            var_masks: tables.var_masks,
            keys: tables.keys,
            summaries: tables.summaries,
            flags: tables.flags,
            interned: tables.interned,
            var_names: Vec::new(),
            var_nodes: Vec::new(),
            var_ids: FxHashMap::default(),
            flattens_fully: false,
            max_nodes: DEFAULT_MAX_NODES,
            nan: NodeId(0),
            exhausted: false,
            has_conditions: false,
            #[cfg(test)]
            general_only: false,
        };
        graph.zero = graph.intern(Node::Num(Number::ZERO));
        graph.one = graph.intern(Node::Num(Number::ONE));
        graph.minus_one = graph.intern(Node::Num(Number::MINUS_ONE));
        graph.nan = graph.num(Number::Float(f64::NAN));
        graph
    }

    /// Sets the node budget (see [`DEFAULT_MAX_NODES`]), at most 2^32 - 1
    /// nodes: ids are 32 bits, and the last one is [`NodeId::NONE`].
    pub fn set_max_nodes(&mut self, max_nodes: usize) {
        self.max_nodes = max_nodes.min(u32::MAX as usize);
    }

    pub fn max_nodes(&self) -> usize {
        self.max_nodes
    }

    /// Whether some construction met the node budget: every node that did
    /// not fit is NaN, so results built since are NaN, never silently wrong;
    /// callers report [`crate::Error::NodeBudget`].
    pub fn budget_exceeded(&self) -> bool {
        self.exhausted
    }

    /// A graph whose constructors merge every nested sum and product into
    /// its users, as a person writes a formula: the printer copies small
    /// results into one, so that they read flat with like terms collected.
    /// (Its derivatives of deep chains cost n², see `Graph::merges_nested`.)
    pub fn fully_flattening() -> Self {
        let mut graph = Graph::new();
        graph.flattens_fully = true;
        graph
    }

    /// The node behind an id.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// How many distinct nodes the arena holds.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Makes room for `additional` more nodes at once, in the per-node
    /// tables, and for [`LOOKUP_RESERVE`] times as many in the interning
    /// table. A derivative grows the graph by a multiple of its size:
    /// reserving that up front moves the tables once instead of at every
    /// doubling (nothing moves when there is room).
    pub fn reserve(&mut self, additional: usize) {
        self.reserve_tables(additional);
        self.reserve_lookups(LOOKUP_RESERVE * additional);
    }

    /// Like [`Graph::reserve`], for a growth expected to stay within
    /// `additional` nodes (a gradient's, see `GROWTH` in `gradient.rs`): the
    /// interning table reserves no more than that. Reserving three times it
    /// made the interning table of a deep chain's Hessian twice the size it
    /// needs (256 Ki slots for 88 Ki nodes), whose random probes then missed
    /// the cache and the TLB.
    pub(crate) fn reserve_at_most(&mut self, additional: usize) {
        self.reserve_tables(additional);
        self.reserve_lookups(additional);
    }

    /// Makes room for the nodes of an expression of about `nodes` nodes and
    /// for its derivatives: the per-node tables reserve [`DERIVATIVE_ROOM`]
    /// times as many (at most [`MAX_ROOM`] more, and never beyond the node
    /// budget), the interning table [`LOOKUP_RESERVE`] times `nodes` (within
    /// the budget). Room that is never written is never touched, so it takes
    /// address space but no memory (where memory is committed strictly, as
    /// on Windows or under Linux's `vm.overcommit_memory=2`, it counts
    /// against the commit limit), while a table that grows later is copied,
    /// its unwritten room included, and in a fresh process every page of the
    /// copy is a page fault: a third of the faults of the Hessian of a deep
    /// chain, before the room was reserved here (see BENCHMARKS.md).
    pub fn reserve_with_room(&mut self, nodes: usize) {
        let budget = self.max_nodes.saturating_sub(self.len());
        let room = nodes
            .saturating_mul(DERIVATIVE_ROOM)
            .min(nodes.saturating_add(MAX_ROOM))
            .min(budget);
        self.reserve_tables(room);
        self.reserve_lookups(LOOKUP_RESERVE * nodes.min(budget));
    }

    /// Makes room for `additional` more nodes in the per-node tables.
    fn reserve_tables(&mut self, additional: usize) {
        self.nodes.reserve(additional);
        self.var_masks.reserve(additional);
        self.keys.reserve(additional);
        self.summaries.reserve(additional);
        self.flags.reserve(additional);
    }

    /// Makes room for `additional` more nodes in the interning table, whose
    /// every slot is initialised (so it is reserved as it is needed).
    fn reserve_lookups(&mut self, additional: usize) {
        self.interned.reserve(additional, rehash(&self.nodes));
    }

    /// Returns the id of `node`, adding it if it is not there yet. Callers
    /// must pass a canonical node whose children already exist.
    pub(crate) fn intern(&mut self, node: Node) -> NodeId {
        let hash = hash_node(&node);
        let nodes = &self.nodes;
        if let Some(&id) = self
            .interned
            .find(spread(hash), |&id| nodes[id.index()] == node)
        {
            return id;
        }
        self.push_node(node, hash)
    }

    /// Like [`Graph::intern`] for an `Add`, `Mul` or `Call`, allocating the
    /// operand list only when the node is new.
    pub(crate) fn intern_compound(&mut self, kind: Compound, children: &[NodeId]) -> NodeId {
        let hash = hash_compound(kind, children);
        let nodes = &self.nodes;
        if let Some(&id) = self.interned.find(spread(hash), |&id| {
            matches_compound(&nodes[id.index()], kind, children)
        }) {
            return id;
        }
        // Two operands (most nodes) fill the inline buffer in one store:
        // `from_slice` copies them as 8 bytes, which the move of the node
        // into its table then reads back as 16 (see ARCHITECTURE.md on the
        // chain rule's lists).
        let children = match *children {
            [a, b] => Operands::from_buf_and_len([a, b, a, b], 2),
            _ => Operands::from_slice(children),
        };
        let node = match kind {
            Compound::Add => Node::Add(children),
            Compound::Mul => Node::Mul(children),
            Compound::Call(func) => Node::Call(func, children),
        };
        self.push_node(node, hash)
    }

    fn push_node(&mut self, node: Node, hash: u32) -> NodeId {
        if self.nodes.len() >= self.max_nodes {
            self.exhausted = true;
            return self.nan;
        }
        let (mask, never_negative) = self.mask_and_sign(&node);
        let flag = |set: bool, bit: u8| if set { bit } else { 0 };
        let flags = flag(never_negative, NEVER_NEGATIVE) | flag(self.special_node(&node), SPECIAL);
        let (key, summary) = self.structural_key(&node);
        self.has_conditions |= matches!(node, Node::Call(Func::Where(_), _));
        // Below `NodeId::NONE`: the budget is at most 2^32 - 1 nodes.
        let id = NodeId(u32::try_from(self.nodes.len()).unwrap_or(u32::MAX));
        self.nodes.push(node);
        self.var_masks.push(mask);
        self.keys.push(key);
        self.summaries.push(summary);
        self.flags.push(flags);
        self.interned
            .insert_unique(spread(hash), id, rehash(&self.nodes));
        id
    }

    /// The variables a node about to be built may depend on (see
    /// `var_masks`), and whether its value is never below zero (see
    /// [`Graph::never_negative`]), in one pass over its operands.
    fn mask_and_sign(&self, node: &Node) -> (VarMask, bool) {
        let operands = |children: &[NodeId]| {
            children.iter().fold((0, true), |(mask, all), &child| {
                (
                    mask | self.var_mask(child),
                    all && self.never_negative(child),
                )
            })
        };
        match node {
            Node::Num(number) => (0, !number.is_negative()),
            Node::Const(_) => (0, true),
            Node::Var(var) => (var.bit(), false),
            Node::Add(terms) | Node::Mul(terms) => operands(terms),
            Node::Pow([base, exponent]) => {
                let even = self
                    .as_number(*exponent)
                    .is_some_and(|number| number.as_integer().is_some_and(|n| n % 2 == 0));
                let (mask, _) = operands(&[*base, *exponent]);
                (mask, self.never_negative(*base) || even)
            }
            Node::Call(func, args) => (operands(args).0, func.never_negative()),
        }
    }

    /// The summary of variables `id` may depend on (see `var_masks`).
    pub(crate) fn var_mask(&self, id: NodeId) -> VarMask {
        self.var_masks[id.index()]
    }

    /// Whether the value of `id` is never below zero wherever it is defined
    /// (it may be NaN): a number that is not negative, an even power, a
    /// function such as `exp` or `abs` (see [`Func::never_negative`]), or a
    /// sum or product of such values. Known when the node is built.
    pub(crate) fn never_negative(&self, id: NodeId) -> bool {
        self.flags[id.index()] & NEVER_NEGATIVE != 0
    }

    /// Whether `id` is NaN, an infinity or a number times an infinity.
    pub(crate) fn is_special(&self, id: NodeId) -> bool {
        self.flags[id.index()] & SPECIAL != 0
    }

    /// The structural key of `id` (see `order.rs`).
    pub(crate) fn key(&self, id: NodeId) -> crate::order::Key {
        self.keys[id.index()]
    }

    /// The summary behind the key of a sum or product (see `order.rs`).
    pub(crate) fn summary(&self, id: NodeId) -> crate::order::Summary {
        self.summaries[id.index()]
    }

    /// Whether the graph holds a condition (`where`, see `piecewise.rs`).
    pub(crate) fn has_conditions(&self) -> bool {
        self.has_conditions
    }

    /// Every node reachable from `roots`, in ascending (topological) order.
    pub(crate) fn nodes_below(&self, roots: &[NodeId]) -> Vec<NodeId> {
        self.nodes_below_where(roots, |_| true)
    }

    /// The nodes reachable from `roots` through nodes that `keep` accepts,
    /// in ascending (topological) order; a rejected node is not entered.
    /// A few nodes in a large graph (one formula of many, printed in turn)
    /// are marked in a hash set, so that their cost follows their number,
    /// not the graph's size; more are marked in a bit set.
    pub(crate) fn nodes_below_where(
        &self,
        roots: &[NodeId],
        keep: impl Fn(NodeId) -> bool,
    ) -> Vec<NodeId> {
        let largest = roots.iter().map(|root| root.index()).max().unwrap_or(0);
        let few = largest / FEW_NODES_PER_ID;
        if few > 0
            && let Some(nodes) = self.few_nodes_below(roots, &keep, few)
        {
            return nodes;
        }
        self.bit_set_nodes_below(roots, &keep, largest)
    }

    /// The nodes below `roots` as `nodes_below_where` gives them, marked in
    /// a bit set, which read in order gives them sorted: a node's operands
    /// are older than it, so no id exceeds the largest root.
    /// `largest` is the largest root's index.
    fn bit_set_nodes_below(
        &self,
        roots: &[NodeId],
        keep: &impl Fn(NodeId) -> bool,
        largest: usize,
    ) -> Vec<NodeId> {
        let mut seen = vec![0u64; largest / 64 + 1];
        let mut stack = stack_of(roots);
        let mut count = 0;
        while let Some(node) = stack.pop() {
            let (word, bit) = (node.index() / 64, 1 << (node.index() % 64));
            if seen[word] & bit == 0 && keep(node) {
                seen[word] |= bit;
                count += 1;
                stack.extend_from_slice(self.node(node).children());
            }
        }
        let mut nodes = Vec::with_capacity(count);
        for (index, &word) in seen.iter().enumerate() {
            let mut bits = word;
            while bits != 0 {
                let id = index * 64 + bits.trailing_zeros() as usize;
                nodes.push(NodeId(u32::try_from(id).unwrap_or(u32::MAX)));
                bits &= bits - 1;
            }
        }
        nodes
    }

    /// The nodes below `roots` as `nodes_below_where` gives them, marked in
    /// a hash set, or `None` once there are more than `limit`.
    fn few_nodes_below(
        &self,
        roots: &[NodeId],
        keep: &impl Fn(NodeId) -> bool,
        limit: usize,
    ) -> Option<Vec<NodeId>> {
        let mut seen: FxHashSet<NodeId> = FxHashSet::default();
        let mut stack = stack_of(roots);
        while let Some(node) = stack.pop() {
            if !seen.contains(&node) && keep(node) {
                if seen.len() == limit {
                    return None;
                }
                seen.insert(node);
                stack.extend_from_slice(self.node(node).children());
            }
        }
        let mut nodes: Vec<NodeId> = seen.into_iter().collect();
        nodes.sort_unstable();
        Some(nodes)
    }

    /// The node for variable `name`, creating the variable if needed.
    pub fn var(&mut self, name: &str) -> NodeId {
        let var = self.var_id(name);
        self.var_nodes[var.index()]
    }

    /// The variable called `name`, creating it if needed.
    pub fn var_id(&mut self, name: &str) -> VarId {
        if let Some(var) = self.find_var(name) {
            return var;
        }
        let var = VarId(u32::try_from(self.var_names.len()).unwrap_or(u32::MAX));
        self.var_names.push(name.into());
        self.var_ids.insert(name.into(), var);
        let id = self.intern(Node::Var(var));
        self.var_nodes.push(id);
        var
    }

    /// The variable called `name`, if the graph has one.
    pub fn find_var(&self, name: &str) -> Option<VarId> {
        self.var_ids.get(name).copied()
    }

    pub fn var_name(&self, var: VarId) -> &str {
        &self.var_names[var.index()]
    }

    pub fn var_node(&self, var: VarId) -> NodeId {
        self.var_nodes[var.index()]
    }

    /// All variables of the graph, in order of creation.
    pub fn vars(&self) -> impl Iterator<Item = VarId> + '_ {
        (0..self.var_names.len()).filter_map(|index| u32::try_from(index).ok().map(VarId))
    }

    /// The node of the integer `value`, remembered when it is one of
    /// `SMALL_INTEGERS`.
    pub(crate) fn integer(&mut self, value: i64) -> NodeId {
        let slot = value
            .checked_sub(*SMALL_INTEGERS.start())
            .and_then(|index| usize::try_from(index).ok())
            .filter(|&index| index < SMALL_INTEGER_COUNT);
        match slot.and_then(|index| self.small_integers[index].map(|id| (index, id))) {
            Some((_, id)) => id,
            None => {
                let id = self.intern(Node::Num(Number::int(value)));
                if let Some(index) = slot {
                    self.small_integers[index] = Some(id);
                }
                id
            }
        }
    }

    /// The number behind `id`, if it is a number.
    pub fn as_number(&self, id: NodeId) -> Option<Number> {
        match self.node(id) {
            Node::Num(number) => Some(*number),
            _ => None,
        }
    }
}

/// A traversal's stack, holding `roots`, with room for the usual depth of a
/// derivative's operands: it grows a few times less often.
fn stack_of(roots: &[NodeId]) -> Vec<NodeId> {
    let mut stack = Vec::with_capacity(roots.len().max(STACK_ROOM));
    stack.extend_from_slice(roots);
    stack
}

/// Every node reachable from `roots`, children before parents, in an order
/// that depends only on the structure of the roots (a depth-first post-order
/// over operands in canonical order), never on the order the nodes were
/// created in: code generated from it is the same however the expression was
/// built.
pub fn post_order(graph: &Graph, roots: &[NodeId]) -> Vec<NodeId> {
    let mut seen = FxHashSet::default();
    let mut order = Vec::new();
    // Each entry is a node and how many of its operands have been entered.
    let mut stack: Vec<(NodeId, usize)> = Vec::new();
    for &root in roots {
        if seen.insert(root) {
            stack.push((root, 0));
        }
        while let Some((node, entered)) = stack.pop() {
            match graph.node(node).children().get(entered) {
                Some(&child) => {
                    stack.push((node, entered + 1));
                    if seen.insert(child) {
                        stack.push((child, 0));
                    }
                }
                None => order.push(node),
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::{FEW_NODES_PER_ID, NodeId};
    use crate::Expr;

    /// Whichever set marks them, a traversal gives the same nodes in the
    /// same order, or the hash set gives up beyond its limit: checked from
    /// every node of a graph, alone, twice, and with a node far below it,
    /// with no filter and with one that rejects a shared node (reached again
    /// through its other users), and with no roots at all.
    #[test]
    fn few_nodes_are_found_as_the_bit_set_finds_them() {
        let terms: Vec<String> = (0..200)
            .map(|i| format!("sin(x{i} + y)^2 + cos(y)*x{i}"))
            .collect();
        let expr = Expr::parse(&terms.join(" + ")).expect("parses");
        let graph = expr.graph().borrow();
        let cos_y = (0..graph.len())
            .map(|index| NodeId(u32::try_from(index).expect("fits")))
            .find(|&id| crate::print::to_text(&graph, id) == "cos(y)")
            .expect("cos(y) is a node");
        let not_cos_y = |node: NodeId| node != cos_y;
        let filters: [&dyn Fn(NodeId) -> bool; 2] = [&|_| true, &not_cos_y];
        let mut found = 0;
        for index in 0..graph.len() {
            let root = NodeId(u32::try_from(index).expect("fits"));
            for roots in [vec![root], vec![root, root], vec![root, NodeId(1)], vec![]] {
                let largest = roots.iter().map(|root| root.index()).max().unwrap_or(0);
                for filter in filters {
                    let all = graph.bit_set_nodes_below(&roots, &filter, largest);
                    for limit in [4, graph.len()] {
                        match graph.few_nodes_below(&roots, &filter, limit) {
                            Some(few) => {
                                assert_eq!(few, all, "below {roots:?}");
                                found += 1;
                            }
                            None => assert!(all.len() > limit, "below {roots:?}"),
                        }
                    }
                }
            }
        }
        assert!(found > graph.len() * 8);
    }

    /// In a graph past the hash set's threshold, `nodes_below_where` gives
    /// what the bit set gives, for small formulas (the hash set) and large
    /// ones (past its limit, the bit set again).
    #[test]
    fn nodes_below_agrees_with_the_bit_set_in_a_large_graph() {
        let terms: Vec<String> = (0..3000).map(|i| format!("sin(x{i})*y")).collect();
        let expr = Expr::parse(&terms.join(" + ")).expect("parses");
        let graph = expr.graph().borrow();
        let largest = graph.len() - 1;
        assert!(largest / FEW_NODES_PER_ID >= 2);
        let roots = [
            vec![NodeId(u32::try_from(largest).expect("fits"))],
            vec![NodeId(u32::try_from(largest - 1).expect("fits"))],
            vec![NodeId(u32::try_from(largest / 2).expect("fits"))],
        ];
        let mut sizes = Vec::new();
        for roots in roots {
            let largest = roots.iter().map(|root| root.index()).max().unwrap_or(0);
            let all = graph.bit_set_nodes_below(&roots, &|_| true, largest);
            assert_eq!(graph.nodes_below(&roots), all, "below {roots:?}");
            sizes.push(all.len());
        }
        // The whole sum is past the limit; a term below the top is within it.
        assert!(sizes.iter().any(|&size| size > largest / FEW_NODES_PER_ID));
        assert!(sizes.iter().any(|&size| size <= largest / FEW_NODES_PER_ID));
    }
}
