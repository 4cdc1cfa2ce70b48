//! How long exmex takes to build each case's gradient and Hessian, once:
//! which cases the benchmark can time it on (BENCHMARKS.md, "Symbolic
//! work"). Run `cargo run --release --example probe -- [CASE ...]`, under
//! `timeout`: a case that does not finish is one exmex cannot do in time.

use exmex::prelude::*;
use std::time::Instant;
use symdiff_bench_peers::suite;

fn main() {
    let wanted: Vec<String> = std::env::args().skip(1).collect();
    let handle = std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || {
            for (name, source) in suite::cases() {
                if !wanted.is_empty() && !wanted.iter().any(|w| w == name) {
                    continue;
                }
                let Some(text) = suite::for_exmex(source) else {
                    println!("{name}: exmex cannot read it (definitions)");
                    continue;
                };
                let start = Instant::now();
                let expr = match FlatEx::<f64>::parse(&text) {
                    Ok(expr) => expr,
                    Err(error) => {
                        println!("{name}: exmex cannot parse it: {error}");
                        continue;
                    }
                };
                let n = expr.var_names().len();
                println!("{name}: {n} variables, parsed in {:?}", start.elapsed());
                let start = Instant::now();
                let gradient: Vec<_> = (0..n)
                    .map(|i| expr.clone().partial(i).expect("partial"))
                    .collect();
                let chars: usize = gradient.iter().map(|g| g.unparse().len()).sum();
                println!(
                    "{name}: gradient in {:?} ({chars} characters)",
                    start.elapsed()
                );
                let start = Instant::now();
                let mut chars = 0;
                for i in 0..n {
                    for j in i..n {
                        let entry = gradient[i].clone().partial(j).expect("partial");
                        chars += entry.unparse().len();
                    }
                    if start.elapsed().as_secs() > 60 {
                        println!(
                            "{name}: Hessian: {} rows of {n} in {:?}, stopped",
                            i + 1,
                            start.elapsed()
                        );
                        break;
                    }
                }
                println!(
                    "{name}: Hessian in {:?} ({chars} characters)",
                    start.elapsed()
                );
            }
        })
        .expect("thread");
    handle.join().expect("probe");
}
