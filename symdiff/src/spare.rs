//! The per-node tables of the last graph dropped on this thread, kept for
//! the next graph. A derivative's tables are megabytes; allocators return
//! blocks that large to the system when they are freed, so a program that
//! builds one derivative after another (an optimiser's loop, the macros
//! expanding a crate's functions, `--repeat`) paid for fresh pages every
//! time. Reusing the tables costs nothing the first time and holds at most
//! `MAX_SPARE_BYTES` afterwards.

use crate::graph::{Node, NodeId};
use crate::order::{Key, Summary};
use hashbrown::HashTable;
use std::cell::RefCell;

/// The most memory the spare tables of one thread hold.
const MAX_SPARE_BYTES: usize = 64 << 20;

/// A graph's per-node tables, empty, with their capacity.
#[derive(Debug, Default)]
pub(crate) struct Tables {
    pub(crate) nodes: Vec<Node>,
    pub(crate) hashes: Vec<u32>,
    pub(crate) var_masks: Vec<u64>,
    pub(crate) keys: Vec<Key>,
    pub(crate) summaries: Vec<Summary>,
    pub(crate) flags: Vec<u8>,
    pub(crate) interned: HashTable<NodeId>,
}

impl Tables {
    /// The bytes the tables hold (the interning table's approximately).
    fn bytes(&self) -> usize {
        use std::mem::size_of;
        self.nodes.capacity() * size_of::<Node>()
            + self.hashes.capacity() * size_of::<u32>()
            + self.var_masks.capacity() * size_of::<u64>()
            + self.keys.capacity() * size_of::<Key>()
            + self.summaries.capacity() * size_of::<Summary>()
            + self.flags.capacity()
            + self.interned.capacity() * (size_of::<NodeId>() + 1)
    }

    fn clear(&mut self) {
        self.nodes.clear();
        self.hashes.clear();
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
    let bytes = tables.bytes();
    if bytes > MAX_SPARE_BYTES {
        return;
    }
    tables.clear();
    let _ = SPARE.try_with(|spare| {
        let mut spare = spare.borrow_mut();
        if spare.as_ref().is_none_or(|kept| kept.bytes() < bytes) {
            *spare = Some(tables);
        }
    });
}
