//! `--stats`: how long parsing and the symbolic work took, and how big the
//! results are, as one JSON line on standard error.

use crate::output::json_number;
use std::time::{Duration, Instant};
use symdiff::Expr;
use symdiff::compile::Tape;
use symdiff::graph::{Graph, NodeId};
use symdiff::size::{dag_size, tree_sizes};

#[derive(Debug, Default)]
pub(crate) struct Stats {
    enabled: bool,
    /// How many warm repetitions to time (see [`Stats::repeat_warm`]).
    repeat: usize,
    parse: Duration,
    derive: Duration,
    sizes: Option<Sizes>,
}

/// The sizes of a command's resulting formulas, all together.
#[derive(Debug, Clone, Copy)]
struct Sizes {
    tree_nodes: f64,
    dag_nodes: usize,
    instructions: usize,
}

impl Stats {
    pub(crate) fn new(enabled: bool, repeat: usize) -> Self {
        Stats {
            enabled,
            repeat,
            ..Stats::default()
        }
    }

    /// With `--repeat N` (N > 1), parses `source` and runs `derive` N more
    /// times, each in a fresh graph, and keeps the median parse and derive
    /// times: the first run of a process pays for fresh memory, which
    /// in-process benchmarks (criterion, CasADi timed from Python) do not.
    pub(crate) fn repeat_warm(&mut self, source: &str, derive: impl Fn(&Expr)) {
        if !self.enabled || self.repeat <= 1 {
            return;
        }
        let mut parses = Vec::with_capacity(self.repeat);
        let mut derives = Vec::with_capacity(self.repeat);
        for _ in 0..self.repeat {
            let start = Instant::now();
            let Ok(expr) = Expr::parse(source) else {
                return;
            };
            parses.push(start.elapsed());
            let start = Instant::now();
            derive(&expr);
            derives.push(start.elapsed());
        }
        self.parse = median(parses);
        self.derive = median(derives);
    }

    /// Runs `parse`, adding its time to the parse time.
    pub(crate) fn time_parse<T>(&mut self, parse: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let result = parse();
        self.parse += start.elapsed();
        result
    }

    /// Runs `derive`, adding its time to the symbolic work's time.
    pub(crate) fn time_derive<T>(&mut self, derive: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let result = derive();
        self.derive += start.elapsed();
        result
    }

    /// Measures the results `roots` (only when `--stats` asked for it: the
    /// instruction count compiles them).
    pub(crate) fn record_results(&mut self, graph: &Graph, roots: &[NodeId]) {
        if !self.enabled {
            return;
        }
        let inputs = symdiff::variables_of(graph, roots);
        let instructions = Tape::new(graph, roots, &inputs)
            .map(|tape| tape.instructions().len())
            .unwrap_or(0);
        self.sizes = Some(Sizes {
            tree_nodes: tree_sizes(graph, roots).iter().sum(),
            dag_nodes: dag_size(graph, roots),
            instructions,
        });
    }

    pub(crate) fn json_line(&self) -> Option<String> {
        if !self.enabled {
            return None;
        }
        let sizes = self.sizes.unwrap_or(Sizes {
            tree_nodes: 0.0,
            dag_nodes: 0,
            instructions: 0,
        });
        // Written by hand to keep the documented key order.
        let line = format!(
            "{{\"parse_us\": {}, \"derive_us\": {}, \"tree_nodes\": {}, \"dag_nodes\": {}, \"instructions\": {}}}",
            micros(self.parse),
            micros(self.derive),
            count(sizes.tree_nodes),
            sizes.dag_nodes,
            sizes.instructions,
        );
        Some(line)
    }
}

fn median(mut durations: Vec<Duration>) -> Duration {
    durations.sort_unstable();
    durations
        .get(durations.len() / 2)
        .copied()
        .unwrap_or_default()
}

/// A tree size as a JSON number: an integer while `f64` holds it exactly.
fn count(value: f64) -> String {
    if value.is_finite() && value.abs() < 9.0e15 {
        format!("{value:.0}")
    } else {
        json_number(value).to_string()
    }
}

fn micros(duration: Duration) -> u64 {
    u64::try_from(duration.as_micros()).unwrap_or(u64::MAX)
}
