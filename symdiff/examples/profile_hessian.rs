//! Builds the Hessian of one suite case many times, for profilers:
//! `cargo run --release -p symdiff --example profile_hessian -- mlp16 20`.
use symdiff::graph::Graph;

fn main() {
    let mut args = std::env::args().skip(1);
    let case = args.next().unwrap_or_else(|| "mlp16".to_owned());
    let repeats: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10);
    let suite = include_str!("../benches/data/suite.tsv");
    let Some(source) = suite
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .find(|(name, _)| *name == case)
        .map(|(_, s)| s)
    else {
        eprintln!("no case {case}");
        return;
    };
    let start = std::time::Instant::now();
    for _ in 0..repeats {
        let program = symdiff_parser::parse(source).expect("parses");
        let mut graph = Graph::new();
        let root = symdiff::lower::lower_program(&mut graph, &program, source).expect("lowers");
        let vars = symdiff::variables_of(&graph, &[root]);
        let hessian = symdiff::gradient::hessian(&mut graph, root, &vars);
        std::hint::black_box(hessian);
        if repeats == 1 {
            println!("graph holds {} nodes", graph.len());
        }
    }
    println!("{case}: {:?} per Hessian", start.elapsed() / repeats as u32);
}
