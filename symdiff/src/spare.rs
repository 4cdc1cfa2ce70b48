//! The per-node tables of the last graph dropped on this thread, kept for
//! the next graph. A derivative's tables are megabytes; allocators return
//! blocks that large to the system when they are freed, so a program that
//! builds one derivative after another (an optimiser's loop, the macros
//! expanding a crate's functions, `--repeat`) paid for fresh pages every
//! time. Reusing the tables costs nothing the first time and holds at most
//! `MAX_SPARE_BYTES` afterwards.

use crate::graph::{Node, NodeId, VarMask};
use crate::order::{Key, Summary};
use hashbrown::HashTable;
use std::cell::RefCell;

/// The most memory the spare tables of one thread hold (what they had
/// written: their unwritten room takes none).
const MAX_SPARE_BYTES: usize = 64 << 20;

/// A graph's per-node tables, empty, with their capacity.
#[derive(Debug, Default)]
pub(crate) struct Tables {
    pub(crate) nodes: Vec<Node>,
    pub(crate) var_masks: Vec<VarMask>,
    pub(crate) keys: Vec<Key>,
    pub(crate) summaries: Vec<Summary>,
    pub(crate) flags: Vec<u8>,
    pub(crate) interned: HashTable<NodeId>,
    /// The bytes the tables had written when they were given back (see
    /// [`Tables::written`]); 0 while a graph holds them.
    pub(crate) written: usize,
}

impl Tables {
    /// The bytes of memory the tables hold: the entries written (room
    /// reserved and never written takes no memory, see
    /// `Graph::reserve_with_room`), and the interning table, every slot of
    /// which is initialised (approximately).
    fn written(&self) -> usize {
        use std::mem::size_of;
        self.nodes.len() * size_of::<Node>()
            + self.var_masks.len() * size_of::<VarMask>()
            + self.keys.len() * size_of::<Key>()
            + self.summaries.len() * size_of::<Summary>()
            + self.flags.len()
            + self.interned.capacity() * (size_of::<NodeId>() + 1)
    }

    fn clear(&mut self) {
        self.nodes.clear();
        self.var_masks.clear();
        self.keys.clear();
        self.summaries.clear();
        self.flags.clear();
        self.interned.clear();
    }
}

thread_local! {
    static SPARE: RefCell<Option<Tables>> = const { RefCell::new(None) };
}

/// This thread's spare tables, or new empty ones.
pub(crate) fn take() -> Tables {
    SPARE
        .try_with(|spare| spare.borrow_mut().take())
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// Keeps `tables` for the next graph, emptied, unless they are too large or
/// smaller than the spare tables already kept.
pub(crate) fn give_back(mut tables: Tables) {
    let written = tables.written();
    if written > MAX_SPARE_BYTES {
        return;
    }
    tables.clear();
    tables.written = written;
    let _ = SPARE.try_with(|spare| {
        let mut spare = spare.borrow_mut();
        if spare.as_ref().is_none_or(|kept| kept.written < written) {
            *spare = Some(tables);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tables whose room exceeds the limit but whose written entries do not
    /// are kept; tables that wrote more than the limit are not.
    #[test]
    fn only_what_was_written_counts_against_the_limit() {
        let mut roomy = Tables::default();
        roomy.nodes.reserve(MAX_SPARE_BYTES / size_of::<Node>() + 1);
        roomy.flags.push(0);
        let room = roomy.nodes.capacity();
        give_back(roomy);
        assert!(take().nodes.capacity() >= room);
        let mut full = Tables::default();
        full.flags.resize(MAX_SPARE_BYTES + 1, 0);
        give_back(full);
        assert!(take().flags.capacity() == 0);
    }
}
