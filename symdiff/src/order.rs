//! The canonical order of operands: a structural key computed once per node,
//! so that the order of the terms of a sum and the factors of a product
//! depends only on what they are, never on which was built first.
//!
//! A key packs, from the most significant bits down:
//! - a class (numbers, constants, variables and their powers, products,
//!   calls, sums);
//! - the first four bytes of a leading name (a variable's name, a call's
//!   function, the leading operand's name for a compound);
//! - the first four bytes of a second name (a call's argument's, a compound's
//!   second operand's);
//! - the low bits of a structural hash (for a variable, the next bytes of its
//!   name, so that variables sort by name; for a sum or product, the hash of
//!   the multiset of its operands, see [`Summary`]).
//!
//! Factors of a product are ordered by class first, so that a product reads
//! `2*x^2*y*sin(x)*(x + 1)`; terms of a sum by name first, so that a sum
//! reads `b + w*x` and `x^2 + x*y + y^2` (terms with the same names, such as
//! `3*x^2*y` and `3*x*y^2`, in the order of their structural hashes). Keys
//! may collide; the comparisons then compare the two nodes structurally, so
//! the order is total and deterministic.
//!
//! The key of a sum (or product) is taken through the sums (or products)
//! nested in it (see [`Summary`]): a nested sum has the key of the flat sum
//! it prints as (`spelled_sum` in `layout.rs`), so printed text that is read
//! back is ordered the same way.

use crate::graph::{Graph, Node, NodeId};
use rustc_hash::FxHasher;
use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

/// A structural key: 3 bits of class, 32 of leading name, 32 of second
/// name, 61 of hash.
pub(crate) type Key = u128;

const CLASS_BITS: u32 = 3;
const NAME_BITS: u32 = 32;
const HASH_BITS: u32 = Key::BITS - CLASS_BITS - 2 * NAME_BITS;
const CLASS_SHIFT: u32 = Key::BITS - CLASS_BITS;
const NAME_SHIFT: u32 = CLASS_SHIFT - NAME_BITS;
const SECOND_NAME_SHIFT: u32 = NAME_SHIFT - NAME_BITS;
const CLASS_MASK: u64 = (1 << CLASS_BITS) - 1;
const NAME_MASK: u64 = (1 << NAME_BITS) - 1;
const HASH_MASK: u64 = (1 << HASH_BITS) - 1;
/// The bits of the hash that a term's order summary keeps (see
/// [`Graph::term_order`]): what is left of 128 after a group, a class and
/// two names.
const TERM_HASH_BITS: u32 = Key::BITS - 2 * CLASS_BITS - 2 * NAME_BITS;

/// The ordering class of a node, loosest-binding last.
fn class(node: &Node) -> u64 {
    match node {
        Node::Num(_) => 0,
        Node::Const(_) => 1,
        Node::Var(_) | Node::Pow(_) => 2,
        Node::Mul(_) => 3,
        Node::Call(..) => 4,
        Node::Add(_) => 5,
    }
}

/// Where a term goes in a sum: numbers and monomials, then calls, then
/// other sums (`1 + x^2 + y + sin(x)`).
fn term_group(class: u64) -> u64 {
    class.saturating_sub(3)
}

/// The first four bytes of `name`.
fn name_bits(name: &str) -> u64 {
    (0..4).fold(0, |bits, index| {
        (bits << 8) | u64::from(name.as_bytes().get(index).copied().unwrap_or(0))
    })
}

/// A key's parts, from its most significant bits down.
fn parts(key: Key) -> [u64; 4] {
    let part = |shift: u32, mask: u64| u64::try_from((key >> shift) & Key::from(mask)).unwrap_or(0);
    [
        part(CLASS_SHIFT, CLASS_MASK),
        part(NAME_SHIFT, NAME_MASK),
        part(SECOND_NAME_SHIFT, NAME_MASK),
        part(0, HASH_MASK),
    ]
}

fn pack(class: u64, name: u64, second_name: u64, hash: u64) -> Key {
    (Key::from(class) << CLASS_SHIFT)
        | (Key::from(name & NAME_MASK) << NAME_SHIFT)
        | (Key::from(second_name & NAME_MASK) << SECOND_NAME_SHIFT)
        | Key::from(hash & HASH_MASK)
}

/// A key folded to 64 bits, for hashing it into another.
fn fold(key: Key) -> u64 {
    let [high, low] =
        [key >> 64, key & Key::from(u64::MAX)].map(|half| u64::try_from(half).unwrap_or(0));
    high ^ low.rotate_left(17)
}

/// What the key of a sum or product is made of, taken through the sums (or
/// products) nested in it: the ranks (class or group, then name) of its two
/// leading operands and a hash of the multiset of its operands. The names of
/// the leads are in the key itself, so a summary keeps only their classes,
/// and the multiset's hash is the key's hash: a summary takes 20 bytes per
/// node.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Summary {
    /// One bit (`bloom_bit`) for what each operand collects under (a
    /// term's rest, a factor's base), in the first 64 where it counts
    /// positively (coefficient, numeric exponent), in the second where
    /// negatively: a quick test for cancellations. Kept as 32-bit words, so
    /// that the summary is aligned to four bytes and takes no padding.
    bloom: [u32; 4],
    /// How many operands it has through its nesting (saturating: only
    /// whether it exceeds `CANCEL_LIMIT` matters).
    count: u8,
    /// The class (or group) of each lead, `NO_LEAD` for none.
    lead_classes: [u8; 2],
}

/// The class of a lead that is not there: a sum or product has fewer than
/// two operands that are not numbers.
const NO_LEAD: u8 = u8::MAX;

/// A summary while it is being computed, with its leads' ranks in full.
struct Partial {
    leads: [u64; 2],
    multiset: u64,
    bloom: Bloom,
    count: usize,
}

impl Partial {
    const EMPTY: Partial = Partial {
        leads: [u64::MAX; 2],
        multiset: 0,
        bloom: [0; 2],
        count: 0,
    };

    fn add_lead(&mut self, rank: u64) {
        if rank < self.leads[0] {
            self.leads = [rank, self.leads[0]];
        } else if rank < self.leads[1] {
            self.leads[1] = rank;
        }
    }

    /// The summary kept: the leads' names go into the key.
    fn finish(self) -> Summary {
        let class = |rank: u64| match rank {
            u64::MAX => NO_LEAD,
            rank => u8::try_from(rank >> NAME_BITS).unwrap_or(NO_LEAD),
        };
        let [positive, negative] = self.bloom;
        let halves = |word: u64| [word as u32, (word >> 32) as u32];
        let ([a, b], [c, d]) = (halves(positive), halves(negative));
        Summary {
            bloom: [a, b, c, d],
            count: u8::try_from(self.count).unwrap_or(u8::MAX),
            lead_classes: self.leads.map(class),
        }
    }
}

impl Summary {
    /// The cancellation filter's bits, by sign (see [`Summary::bloom`]).
    pub(crate) fn bloom(&self) -> Bloom {
        let word = |low: u32, high: u32| u64::from(low) | (u64::from(high) << 32);
        let [a, b, c, d] = self.bloom;
        [word(a, b), word(c, d)]
    }

    /// The ranks of the leads of the node whose summary and key these are.
    fn leads(&self, key: Key) -> [u64; 2] {
        let rank = |class: u8, shift: u32| match class {
            NO_LEAD => u64::MAX,
            class => {
                let name = u64::try_from((key >> shift) & Key::from(NAME_MASK)).unwrap_or(0);
                (u64::from(class) << NAME_BITS) | name
            }
        };
        [
            rank(self.lead_classes[0], NAME_SHIFT),
            rank(self.lead_classes[1], SECOND_NAME_SHIFT),
        ]
    }
}

/// The name part of a rank (`name_bits`), or 0 for no operand.
fn rank_name(rank: u64) -> u64 {
    if rank == u64::MAX {
        0
    } else {
        rank & NAME_MASK
    }
}

/// Bits for what operands collect under, by sign (see [`Summary::bloom`]).
pub(crate) type Bloom = [u64; 2];

/// The bloom bits of one operand collecting under `node` with a multiplicity
/// of sign `count`.
pub(crate) fn bloom_bit(node: NodeId, count: crate::number::Number) -> Bloom {
    // Fibonacci hashing: the top six bits of the id times 2^64 / φ spread
    // consecutive ids over the word.
    let bit = 1 << (u64::from(node.0).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58);
    if count.is_negative() {
        [0, bit]
    } else {
        [bit, 0]
    }
}

/// Whether two blooms may hold operands that cancel (opposite signs).
pub(crate) fn may_cancel(a: Bloom, b: Bloom) -> bool {
    (a[0] & b[1]) | (a[1] & b[0]) != 0
}

/// Mixes a key into a sum of keys (the finaliser of SplitMix64).
fn mix(key: u64) -> u64 {
    let mut z = key.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Graph {
    /// The structural key of a node about to be added, and its summary: its
    /// children's keys are known, variables are keyed by name.
    pub(crate) fn structural_key(&self, node: &Node) -> (Key, Summary) {
        if let Node::Add(operands) | Node::Mul(operands) = node {
            let summary = self.summarize(operands, matches!(node, Node::Add(_)));
            let [lead, second] = summary.leads.map(rank_name);
            // The multiset's hash is the key's (modulo 2^61, as sums of it
            // are), so that a nested sum's is read back from its key.
            let key = pack(class(node), lead, second, summary.multiset);
            return (key, summary.finish());
        }
        let mut hasher = FxHasher::default();
        class(node).hash(&mut hasher);
        let (name, second_name) = match node {
            Node::Num(number) => {
                number.hash(&mut hasher);
                (0, 0)
            }
            Node::Const(constant) => {
                constant.name().hash(&mut hasher);
                (name_bits(constant.name()), 0)
            }
            // A variable's key holds the first fifteen bytes of its name, so
            // that variables sort by name (ties are compared by name).
            Node::Var(var) => {
                let name = self.var_name(*var).as_bytes();
                let byte = |index: usize| u64::from(name.get(index).copied().unwrap_or(0));
                let bytes = |range: std::ops::Range<usize>| {
                    range.fold(0, |bits, index| (bits << 8) | byte(index))
                };
                let key = pack(class(node), bytes(0..4), bytes(4..8), bytes(8..15) << 5);
                return (key, Summary::default());
            }
            Node::Call(func, args) => {
                func.hash(&mut hasher);
                self.hash_keys(args, &mut hasher);
                (name_bits(func.name()), self.operand_names(args)[0])
            }
            // Sums and products are keyed by their summary, above.
            Node::Pow(_) | Node::Add(_) | Node::Mul(_) => {
                let operands = node.children();
                self.hash_keys(operands, &mut hasher);
                let [first, second] = self.operand_names(operands);
                (first, second)
            }
        };
        let key = pack(class(node), name, second_name, hasher.finish());
        (key, Summary::default())
    }

    /// The summary of a sum (or product) of `operands`, through the sums
    /// (or products) among them. Numbers count in a sum's multiset but not
    /// in a product's (a product's coefficient prints as one number however
    /// it is nested), and never lead.
    fn summarize(&self, operands: &[NodeId], is_sum: bool) -> Partial {
        let mut summary = Partial::EMPTY;
        for &operand in operands {
            let nested = match self.node(operand) {
                Node::Add(_) => is_sum,
                Node::Mul(_) => !is_sum,
                _ => false,
            };
            if nested {
                let (inner, key) = (self.summary(operand), self.key(operand));
                inner
                    .leads(key)
                    .into_iter()
                    .for_each(|rank| summary.add_lead(rank));
                summary.multiset = summary.multiset.wrapping_add(parts(key)[3]);
                let bloom = inner.bloom();
                summary.bloom = [summary.bloom[0] | bloom[0], summary.bloom[1] | bloom[1]];
                summary.count = summary.count.saturating_add(usize::from(inner.count));
                continue;
            }
            summary.count = summary.count.saturating_add(1);
            let node = self.node(operand);
            // What the operand collects under, as the cancellation filter
            // (merge.rs) finds it.
            let collected = match is_sum {
                true => Some(self.rest_of_node(operand, node)),
                false => self.numeric_power_node(operand, node),
            };
            if let Some((base, count)) = collected {
                let bits = bloom_bit(base, count);
                summary.bloom = [summary.bloom[0] | bits[0], summary.bloom[1] | bits[1]];
            }
            let key = self.key(operand);
            if !matches!(node, Node::Num(_)) {
                let [class, name, ..] = parts(key);
                let rank = if is_sum { term_group(class) } else { class };
                summary.add_lead((rank << NAME_BITS) | name);
            }
            // Numbers count in a sum's multiset, not in a product's.
            if is_sum || !matches!(node, Node::Num(_)) {
                summary.multiset = summary.multiset.wrapping_add(mix(fold(key)));
            }
        }
        // One too large to merge on a cancellation (`nested_operands` in
        // `merge.rs`) never merges: no bits, so the test skips it at once.
        if summary.count > crate::merge::CANCEL_LIMIT {
            summary.bloom = [0; 2];
        }
        summary
    }

    /// The name bits of the first two operands that are not numbers.
    fn operand_names(&self, operands: &[NodeId]) -> [u64; 2] {
        let mut names = operands
            .iter()
            .filter(|&&operand| self.as_number(operand).is_none())
            .map(|&operand| parts(self.key(operand))[1]);
        [names.next().unwrap_or(0), names.next().unwrap_or(0)]
    }

    fn hash_keys(&self, children: &[NodeId], hasher: &mut FxHasher) {
        children.len().hash(hasher);
        for &child in children {
            self.key(child).hash(hasher);
        }
    }

    /// The canonical order of two factors of a product: by class, then
    /// name, then structure. Equal only for the same node.
    pub fn factor_cmp(&self, a: NodeId, b: NodeId) -> Ordering {
        if a == b {
            return Ordering::Equal;
        }
        self.key(a)
            .cmp(&self.key(b))
            .then_with(|| self.structural_cmp(a, b))
    }

    /// The canonical order of two terms of a sum: by group (see
    /// `term_group`), then name, then class, then structure. Equal only for
    /// the same node.
    pub fn term_cmp(&self, a: NodeId, b: NodeId) -> Ordering {
        if a == b {
            return Ordering::Equal;
        }
        let name_first = |key: Key| {
            let [class, name, second_name, hash] = parts(key);
            (term_group(class), name, class, second_name, hash)
        };
        name_first(self.key(a))
            .cmp(&name_first(self.key(b)))
            .then_with(|| self.structural_cmp(a, b))
    }

    /// A summary of [`Graph::term_cmp`]'s order in one number: its fields,
    /// most significant first, are those `term_cmp` compares in turn, the
    /// hash without its lowest bits, so `term_cmp` orders two terms as these
    /// do when they differ. Sorting many terms compares these first and
    /// calls `term_cmp` only on ties.
    pub(crate) fn term_order(&self, id: NodeId) -> u128 {
        let [class, name, second_name, hash] = parts(self.key(id));
        [
            (term_group(class), CLASS_BITS),
            (name, NAME_BITS),
            (class, CLASS_BITS),
            (second_name, NAME_BITS),
        ]
        .into_iter()
        .fold(0, |order, (field, bits)| {
            (order << bits) | u128::from(field)
        }) << TERM_HASH_BITS
            | u128::from(hash >> (HASH_BITS - TERM_HASH_BITS))
    }

    /// Compares two nodes with equal keys operand by operand, with an
    /// explicit stack (nodes may be deep).
    fn structural_cmp(&self, a: NodeId, b: NodeId) -> Ordering {
        let mut pending = vec![(a, b)];
        while let Some((a, b)) = pending.pop() {
            if a == b {
                continue;
            }
            let (node_a, node_b) = (self.node(a), self.node(b));
            let order = self
                .key(a)
                .cmp(&self.key(b))
                .then_with(|| class(node_a).cmp(&class(node_b)))
                .then_with(|| self.leaf_cmp(node_a, node_b))
                .then_with(|| node_a.children().len().cmp(&node_b.children().len()));
            if order != Ordering::Equal {
                return order;
            }
            let pairs = node_a.children().iter().zip(node_b.children());
            pending.extend(pairs.rev().map(|(&x, &y)| (x, y)));
        }
        // Two distinct ids never describe the same structure (hash-consing);
        // should they, the ids decide.
        a.cmp(&b)
    }

    /// Compares what distinguishes nodes of one class besides their
    /// operands: a number's value, a name, a function.
    fn leaf_cmp(&self, a: &Node, b: &Node) -> Ordering {
        match (a, b) {
            (Node::Num(x), Node::Num(y)) => x.total_cmp(y),
            (Node::Const(x), Node::Const(y)) => x.name().cmp(y.name()),
            (Node::Var(x), Node::Var(y)) => self.var_name(*x).cmp(self.var_name(*y)),
            (Node::Call(f, _), Node::Call(g, _)) => f.cmp(g),
            _ => Ordering::Equal,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Expr;
    use crate::graph::NodeId;

    /// A summary is stored for every node: its size is a page fault per
    /// 204 nodes in a fresh process.
    #[test]
    fn summary_takes_20_bytes() {
        assert_eq!(std::mem::size_of::<super::Summary>(), 20);
    }

    /// So is a node, in 32 bytes with up to four operands inline (see
    /// `Operands`).
    #[test]
    fn node_takes_32_bytes() {
        assert_eq!(std::mem::size_of::<crate::graph::Node>(), 32);
    }

    /// Wherever two nodes' order summaries differ, `term_cmp` orders the
    /// two nodes as their summaries do (checked on every pair of nodes of a
    /// function and its gradient, names that share their first fifteen
    /// bytes included).
    #[test]
    fn term_order_agrees_with_term_cmp() {
        let source = "sin(x)*y + 3*x^2*y + x*y^3 + exp(a + b) + pi*x + (x + 1)^2 \
            + log(y)/x + w*x + b + long_variable_name_a*long_variable_name_b \
            + sqrt(long_variable_name_a) - 2";
        let expr = Expr::parse(source).expect("parses");
        let vars = expr.variables();
        let names: Vec<&str> = vars.iter().map(String::as_str).collect();
        let gradient = expr.gradient(&names);
        let graph = expr.graph().borrow();
        assert!(gradient.len() == names.len() && graph.len() > 50);
        let ids: Vec<NodeId> = (0..graph.len())
            .map(|index| NodeId(u32::try_from(index).expect("fits")))
            .collect();
        for &a in &ids {
            for &b in &ids {
                let (order_a, order_b) = (graph.term_order(a), graph.term_order(b));
                if order_a != order_b {
                    assert_eq!(order_a.cmp(&order_b), graph.term_cmp(a, b), "{a:?} {b:?}");
                }
            }
        }
    }
}
