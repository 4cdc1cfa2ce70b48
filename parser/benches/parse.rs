//! Parses every case of `data/suite.tsv` with symdiff's parser and, side by
//! side in the same group, with fasteval's.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

const SUITE: &str = include_str!("data/suite.tsv");

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
        if let Err(error) = fasteval::Parser::new().parse(expression, &mut slab.ps) {
            panic!("fasteval cannot parse {name}: {error:?}");
        }

        let mut group = c.benchmark_group(name);
        group.bench_function("symdiff", |b| {
            b.iter(|| symdiff_parser::parse(black_box(expression)))
        });
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
