//! `--stats`: how long parsing and the symbolic work took, and how big the
//! results are, as one JSON line on standard error.

use crate::output::json_number;
use std::time::{Duration, Instant};
use symdiff::compile::Tape;
use symdiff::graph::{Graph, NodeId};
use symdiff::size::{dag_size, tree_sizes};

#[derive(Debug, Default)]
pub(crate) struct Stats {
    enabled: bool,
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
    pub(crate) fn new(enabled: bool) -> Self {
        Stats {
            enabled,
            ..Stats::default()
        }
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
