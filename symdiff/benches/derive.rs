//! Gradient and Hessian construction over every case of the benchmark suite
//! (`data/suite.tsv`, copied from the shared benchmark folder), from text to
//! the finished symbolic Hessian, in a fresh graph each time. Prints the sizes
//! of each result once (tree nodes, distinct DAG nodes, tape instructions).

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use symdiff::compile::Tape;
use symdiff::graph::{Graph, NodeId, VarId};

fn suite() -> Vec<(&'static str, &'static str)> {
    include_str!("data/suite.tsv")
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .collect()
}

/// Parses `source` and builds its gradient and Hessian over all variables,
/// sorted by name as the suite prescribes.
fn derive(source: &str) -> (Graph, NodeId, Vec<NodeId>, Vec<Vec<NodeId>>) {
    let (mut graph, root) = lowered(source);
    let (gradient, hessian) = derive_from(&mut graph, root);
    (graph, root, gradient, hessian)
}

/// The graph of `source` and its root.
fn lowered(source: &str) -> (Graph, NodeId) {
    let program = symdiff_parser::parse(source).expect("suite case parses");
    let mut graph = Graph::new();
    let root =
        symdiff::lower::lower_program(&mut graph, &program, source).expect("suite case lowers");
    (graph, root)
}

/// The gradient and Hessian of `root`, built in its graph: what
/// `casadi.hessian` does from an expression already built.
fn derive_from(graph: &mut Graph, root: NodeId) -> (Vec<NodeId>, Vec<Vec<NodeId>>) {
    let mut vars: Vec<VarId> = symdiff::variables_of(graph, &[root]);
    vars.sort_by(|a, b| graph.var_name(*a).cmp(graph.var_name(*b)));
    let gradient = symdiff::gradient::gradient(graph, root, &vars);
    let hessian = symdiff::gradient::hessian_from_gradient(graph, &gradient, &vars);
    (gradient, hessian)
}

fn print_sizes() {
    println!(
        "case        vars  hessian tree nodes  distinct DAG nodes  tape instructions (value+grad+hessian)"
    );
    for (name, source) in suite() {
        let (graph, root, gradient, hessian) = derive(source);
        let entries: Vec<NodeId> = hessian.iter().flatten().copied().collect();
        let tree: f64 = symdiff::size::tree_sizes(&graph, &entries).iter().sum();
        let dag = symdiff::size::dag_size(&graph, &entries);
        let mut all = vec![root];
        all.extend(&gradient);
        all.extend(&entries);
        let vars = symdiff::variables_of(&graph, &[root]);
        let instructions = Tape::new(&graph, &all, &vars)
            .map(|tape| tape.instructions().len())
            .unwrap_or(0);
        println!(
            "{name:<10} {:>5} {tree:>19.3e} {dag:>19} {instructions:>18}",
            gradient.len()
        );
    }
}

fn bench_derivatives(c: &mut Criterion) {
    print_sizes();
    let mut group = c.benchmark_group("hessian");
    group.sample_size(20);
    for (name, source) in suite() {
        group.bench_with_input(BenchmarkId::from_parameter(name), source, |b, source| {
            b.iter(|| derive(black_box(source)))
        });
    }
    group.finish();
    // From the function's graph, as CasADi is timed (`bench/compare_python.py`):
    // each iteration differentiates a fresh copy of the parsed graph, with
    // the room for derivatives that `Expr::parse` reserves
    // (`Graph::reserve_with_room`: a clone's tables are exactly full, and
    // growing them cost deepmlp8 60% more time).
    let mut group = c.benchmark_group("hessian_from_f");
    group.sample_size(20);
    for (name, source) in suite() {
        let (graph, root) = lowered(source);
        group.bench_with_input(BenchmarkId::from_parameter(name), &graph, |b, graph| {
            b.iter_batched(
                || {
                    let mut graph = graph.clone();
                    graph.reserve_with_room(graph.len());
                    graph
                },
                |mut graph| derive_from(&mut graph, root),
                criterion::BatchSize::LargeInput,
            )
        });
    }
    group.finish();
    let mut group = c.benchmark_group("gradient");
    for (name, source) in suite() {
        group.bench_with_input(BenchmarkId::from_parameter(name), source, |b, source| {
            b.iter(|| {
                let program = symdiff_parser::parse(black_box(source)).expect("parses");
                let mut graph = Graph::new();
                let root =
                    symdiff::lower::lower_program(&mut graph, &program, source).expect("lowers");
                let vars = symdiff::variables_of(&graph, &[root]);
                symdiff::gradient::gradient(&mut graph, root, &vars)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_derivatives);
criterion_main!(benches);
