//! Run-time evaluation of value + gradient through the compiled tape, on
//! every case of the suite: at one point at a time (`Tape::eval`) and over a
//! batch of 10,000 points (`Tape::eval_batch`), both reported per point.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use symdiff::Expr;
use symdiff::compile::Tape;

#[path = "../tests/support/uniform.rs"]
mod uniform;

const POINTS: usize = 10_000;

fn suite() -> Vec<(&'static str, &'static str)> {
    include_str!("data/suite.tsv")
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .collect()
}

/// The tape of a case's value and gradient over its variables, sorted.
fn value_and_gradient(source: &str) -> Tape {
    let expr = Expr::parse(source).expect("suite case parses");
    let mut vars = expr.variables();
    vars.sort();
    let names: Vec<&str> = vars.iter().map(String::as_str).collect();
    let mut outputs = vec![expr.clone()];
    outputs.extend(expr.gradient(&names));
    Expr::compile(&outputs, &names).expect("suite case compiles")
}

/// `POINTS` points with coordinates in [0.2, 1.2), one row per point.
fn points(n_inputs: usize) -> Vec<f64> {
    uniform::uniform(POINTS * n_inputs, 1, 0.2, 1.0)
}

fn bench_evaluation(c: &mut Criterion) {
    let mut group = c.benchmark_group("evaluate");
    group.sample_size(10);
    group.throughput(Throughput::Elements(POINTS as u64));
    for (name, source) in suite() {
        let tape = value_and_gradient(source);
        let (n_inputs, n_outputs) = (tape.inputs().len(), tape.outputs().len());
        let inputs = points(n_inputs);
        let mut outputs = vec![0.0; POINTS * n_outputs];
        group.bench_with_input(BenchmarkId::new("single", name), &tape, |b, tape| {
            b.iter(|| {
                for (point, out) in inputs
                    .chunks(n_inputs.max(1))
                    .zip(outputs.chunks_mut(n_outputs))
                {
                    tape.eval(black_box(point), out).expect("evaluates");
                }
            })
        });
        group.bench_with_input(BenchmarkId::new("batch", name), &tape, |b, tape| {
            b.iter(|| {
                tape.eval_batch(black_box(&inputs), &mut outputs)
                    .expect("evaluates")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_evaluation);
criterion_main!(benches);
