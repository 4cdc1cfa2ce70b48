//! A buffer of values kept by its thread from one evaluation to the next,
//! for a tape at a point (`Tape::eval`, in place: [`with_kept`]) and for
//! the blocks of a batch (`batch.rs`, taken and given back: [`Kept`], since
//! rayon holds each thread's for the whole batch): evaluating point after
//! point, or batch after batch, allocates nothing. Every value an
//! evaluation reads it has written first, so the buffer needs no zeroing
//! between uses.

use std::cell::RefCell;

/// A buffer of at most this many values is kept for the next evaluation
/// (8 MiB); a larger one is freed.
const MAX_KEPT: usize = 1 << 20;

thread_local! {
    /// The buffer of this thread's last evaluation.
    static KEPT: RefCell<Vec<f64>> = const { RefCell::new(Vec::new()) };
}

/// Runs `work` on `len` values of the buffer its thread kept, in place:
/// the cheapest way for one evaluation at a point, where moving the buffer
/// out and back would cost as much as a small tape. A buffer of its own if
/// that one is in use or `len` is too large to keep.
#[inline]
pub(crate) fn with_kept<R>(len: usize, mut work: impl FnMut(&mut [f64]) -> R) -> R {
    if len <= MAX_KEPT {
        let kept = KEPT.try_with(|kept| {
            let mut values = kept.try_borrow_mut().ok()?;
            if values.len() < len {
                values.resize(len, 0.0);
            }
            Some(work(&mut values[..len]))
        });
        if let Ok(Some(result)) = kept {
            return result;
        }
    }
    work(&mut vec![0.0; len])
}

/// At least `len` values, taken from the buffer its thread kept (or new if
/// that one is in use), and given back when dropped.
pub(crate) struct Kept(pub(crate) Vec<f64>);

impl Kept {
    pub(crate) fn take(len: usize) -> Kept {
        let mut values = KEPT
            .try_with(|kept| {
                kept.try_borrow_mut()
                    .map(|mut kept| std::mem::take(&mut *kept))
            })
            .ok()
            .and_then(Result::ok)
            .unwrap_or_default();
        if values.len() < len {
            values.resize(len, 0.0);
        }
        Kept(values)
    }
}

impl Drop for Kept {
    fn drop(&mut self) {
        let values = std::mem::take(&mut self.0);
        if values.len() <= MAX_KEPT {
            let _ = KEPT.try_with(|kept| {
                if let Ok(mut kept) = kept.try_borrow_mut() {
                    *kept = values;
                }
            });
        }
    }
}
