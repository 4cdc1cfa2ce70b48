//! The constructors' fast paths (`plain_sum`, `plain_product`,
//! `plain_factors` in `build.rs`) give the node the general path gives: a
//! property over sums and products of a few operands drawn from a pool of
//! canonical nodes chosen to meet every case those paths decide (numbers
//! that are zero, special or large, sums and multiples of sums holding
//! numbers, powers sharing a base, products, calls).

use crate::func::Func;
use crate::graph::{Graph, NodeId};
use crate::number::Number;
use proptest::prelude::*;

/// The pool: leaves, then nodes built from them with the fast paths on (so
/// the pool itself is canonical whichever path built it).
fn pool(graph: &mut Graph) -> Vec<NodeId> {
    let numbers = [
        Number::ZERO,
        Number::ONE,
        Number::MINUS_ONE,
        Number::int(2),
        Number::Rational { numer: 3, denom: 7 },
        Number::float(0.5),
        Number::float(1e308),
        Number::float(-1e308),
        Number::float(-0.0),
        Number::float(f64::INFINITY),
        Number::float(f64::NEG_INFINITY),
        Number::float(f64::NAN),
        Number::float(1e-320),
        Number::int(i64::MAX),
    ];
    let mut nodes: Vec<NodeId> = numbers
        .into_iter()
        .map(|number| graph.num(number))
        .collect();
    let [x, y, z] = ["x", "y", "z"].map(|name| graph.var(name));
    nodes.extend([x, y, z]);
    let (two, big, minus_one) = (graph.int(2), graph.num(Number::float(1e308)), graph.int(-1));
    let (half, one) = (graph.num(Number::float(0.5)), graph.int(1));
    let x_plus_one = graph.add(&[x, one]);
    let x_plus_big = graph.add(&[x, big]);
    let x_plus_y = graph.add(&[x, y]);
    let (x_squared, xy) = (graph.pow(x, two), graph.mul(&[x, y]));
    let built = [
        xy,
        graph.mul(&[two, x]),
        graph.mul(&[minus_one, x]),
        graph.mul(&[two, x, y]),
        x_plus_one,
        x_plus_big,
        x_plus_y,
        graph.add(&[x_plus_y, z]),
        graph.mul(&[two, x_plus_y]),
        graph.mul(&[minus_one, x_plus_big]),
        graph.mul(&[half, x_plus_one]),
        graph.mul(&[y, x_plus_one]),
        x_squared,
        graph.pow(x, minus_one),
        graph.pow(x, half),
        graph.pow(x_plus_y, two),
        graph.pow(x, y),
        graph.call(Func::Sin, &[x]),
        graph.call(Func::Exp, &[y]),
        graph.call(Func::Tanh, &[x_plus_y]),
    ];
    nodes.extend(built);
    let more = [
        graph.mul(&[x_squared, y]),
        graph.mul(&[two, x_squared]),
        graph.mul(&[minus_one, xy]),
        graph.pow(xy, minus_one),
        graph.add(&[x_squared, xy]),
        graph.add(&[x_plus_big, minus_one]),
    ];
    nodes.extend(more);
    nodes
}

/// A constructor of a sum or product from its operands.
type Build = fn(&mut Graph, &[NodeId]) -> NodeId;

/// Whether building the sum and the product of `picks` (indices into the
/// pool) with the fast paths gives the nodes the general path gives; the
/// operands and both results printed when not.
fn check_same(picks: &[usize]) -> Result<(), String> {
    let mut graph = Graph::new();
    let pool = pool(&mut graph);
    let operands: Vec<NodeId> = picks.iter().map(|&pick| pool[pick % pool.len()]).collect();
    let builders: [(&str, Build); 2] = [("sum", Graph::add), ("product", Graph::mul)];
    for (what, build) in builders {
        let [fast, general] = [false, true].map(|general_only| {
            graph.general_only = general_only;
            build(&mut graph, &operands)
        });
        if fast != general {
            let print = |id: NodeId| crate::print::to_text(&graph, id);
            let shown: Vec<String> = operands.iter().map(|&id| print(id)).collect();
            return Err(format!(
                "{what} of {shown:?}: fast {} general {}",
                print(fast),
                print(general)
            ));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn fast_paths_give_the_general_node(picks in proptest::collection::vec(0usize..64, 1..=5)) {
        prop_assert_eq!(check_same(&picks), Ok(()));
    }
}

/// The case that showed a fast path leaving a sum nested where the general
/// path merges it: a number cancelling with one inside a multiple of a sum.
#[test]
fn a_number_and_a_multiple_of_a_sum_holding_it() {
    // 1e308 (the seventh number) and -1*(x + 1e308) (the tenth node built,
    // after fourteen numbers and three variables).
    assert_eq!(check_same(&[6, 14 + 3 + 9]), Ok(()));
}
