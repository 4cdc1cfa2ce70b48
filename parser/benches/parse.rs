//! Parses every case of the benchmark suite (`symdiff/benches/data/suite.tsv`,
//! its one copy) with symdiff's parser and, side by side in the same group,
//! with fasteval's where fasteval reads the case (it refuses definitions and
//! nesting deeper than 32, as in rnn200, ode200 and deepmlp8).

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

const SUITE: &str = include_str!("../../symdiff/benches/data/suite.tsv");

/// `(name, expression)` for each line `name<TAB>expression`.
fn cases() -> impl Iterator<Item = (&'static str, &'static str)> {
    SUITE
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(name, expression)| (name, expression.trim()))
}

fn bench_parse(c: &mut Criterion) {
    for (name, expression) in cases() {
        if let Err(error) = symdiff_parser::parse(expression) {
            panic!("symdiff cannot parse {name}:\n{error}");
        }
        // `Slab::new()` holds 64 nodes, too few for rosen100: give fasteval
        // room for every case.
        let mut slab = fasteval::Slab::with_capacity(1024);
        let fasteval_reads = fasteval::Parser::new()
            .parse(expression, &mut slab.ps)
            .is_ok();

        let mut group = c.benchmark_group(name);
        group.bench_function("symdiff", |b| {
            b.iter(|| symdiff_parser::parse(black_box(expression)))
        });
        // The same parse into vectors kept between iterations, as fasteval's
        // slab is below.
        let mut buffers = symdiff_parser::ParseBuffers::new();
        group.bench_function("symdiff_reused", |b| {
            b.iter(|| {
                let program = buffers.parse(black_box(expression));
                if let Ok(program) = program {
                    buffers.recycle(black_box(program));
                }
            })
        });
        if !fasteval_reads {
            group.finish();
            continue;
        }
        // fasteval parses into a reusable slab; clearing it keeps its
        // allocation between iterations, as fasteval intends it to be used.
        group.bench_function("fasteval", |b| {
            b.iter(|| {
                slab.clear();
                let parsed = fasteval::Parser::new().parse(black_box(expression), &mut slab.ps);
                black_box(parsed.is_ok())
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
