//! Sparse Hessians: only the entries of the lower triangle that are not
//! identically zero, in a fixed order (row by row, each row by column, as
//! IPOPT and most solvers take them), with their pattern and the same
//! pattern as compressed sparse columns. rosen100's Hessian has 5,050 entries
//! in its triangle, of which 199 are not zero.

use crate::graph::{Graph, NodeId, VarId};

/// The entries of a symmetric matrix's lower triangle that are not
/// identically zero: `pattern[k] = (row, col)` with `row >= col`, row-major,
/// and `entries[k]` the entry there.
#[derive(Clone, Debug, PartialEq)]
pub struct SparseHessian<T> {
    /// The matrix's order (the number of variables).
    pub order: usize,
    pub pattern: Vec<(usize, usize)>,
    pub entries: Vec<T>,
}

/// A lower-triangle pattern as compressed sparse columns: the entries of
/// column `j` are `row_indices[col_starts[j]..col_starts[j + 1]]`, rows in
/// ascending order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Csc {
    pub col_starts: Vec<usize>,
    pub row_indices: Vec<usize>,
}

impl<T> SparseHessian<T> {
    /// The share of the lower triangle's entries that are stored.
    pub fn density(&self) -> f64 {
        let triangle = self.order * (self.order + 1) / 2;
        if triangle == 0 {
            return 0.0;
        }
        self.pattern.len() as f64 / triangle as f64
    }

    /// The pattern as compressed sparse columns.
    pub fn csc(&self) -> Csc {
        let mut by_column: Vec<(usize, usize)> =
            self.pattern.iter().map(|&(r, c)| (c, r)).collect();
        by_column.sort_unstable();
        let mut col_starts = vec![0; self.order + 1];
        for &(col, _) in &by_column {
            col_starts[col + 1] += 1;
        }
        for col in 0..self.order {
            col_starts[col + 1] += col_starts[col];
        }
        let row_indices = by_column.into_iter().map(|(_, row)| row).collect();
        Csc {
            col_starts,
            row_indices,
        }
    }

    /// The same pattern with each entry mapped.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> SparseHessian<U> {
        SparseHessian {
            order: self.order,
            pattern: self.pattern,
            entries: self.entries.into_iter().map(f).collect(),
        }
    }
}

/// The sparse Hessian over `vars` given the gradient over the same `vars`:
/// each entry of the triangle is built once (see
/// `gradient::for_each_hessian_entry`), and only the non-zero ones are kept,
/// so no dense matrix is ever held.
pub fn sparse_hessian(
    graph: &mut Graph,
    gradient: &[NodeId],
    vars: &[VarId],
) -> SparseHessian<NodeId> {
    let zero = graph.zero();
    let mut stored: Vec<((usize, usize), NodeId)> = Vec::new();
    crate::gradient::for_each_hessian_entry(graph, gradient, vars, |row, col, entry| {
        if entry != zero {
            stored.push(((row.max(col), row.min(col)), entry));
        }
    });
    stored.sort_unstable_by_key(|&(position, _)| position);
    let (pattern, entries) = stored.into_iter().unzip();
    SparseHessian {
        order: vars.len(),
        pattern,
        entries,
    }
}
