//! Tunnel key allocation, as OVN does it: keys come from a fixed range, allocation
//! continues after the last key handed out (wrapping around), so a freed key is not
//! reused soon, and a key is never handed out while in use.

use std::collections::BTreeSet;

/// Datapath tunnel keys (the Geneve VNI): 1 ..= 2^24 - 1.
pub const DATAPATH_KEY_MIN: u32 = 1;
pub const DATAPATH_KEY_MAX: u32 = (1 << 24) - 1;
/// Logical port tunnel keys within a datapath: 1 ..= 2^15 - 1 (keys with bit 15 set
/// are multicast groups).
pub const PORT_KEY_MIN: u32 = 1;
pub const PORT_KEY_MAX: u32 = (1 << 15) - 1;

#[derive(Debug, Clone)]
pub struct KeyAllocator {
    min: u32,
    max: u32,
    in_use: BTreeSet<u32>,
    hint: u32,
}

impl KeyAllocator {
    pub fn new(min: u32, max: u32) -> KeyAllocator {
        KeyAllocator {
            min,
            max,
            in_use: BTreeSet::new(),
            hint: min - 1,
        }
    }
    /// Marks `key` as in use (a key kept from the previous SB). False if it was
    /// already taken or is out of range: the caller must then allocate a new one.
    pub fn reserve(&mut self, key: u32) -> bool {
        if key < self.min || key > self.max {
            return false;
        }
        let fresh = self.in_use.insert(key);
        if fresh && key > self.hint {
            self.hint = key;
        }
        fresh
    }
    /// The next free key after the hint, wrapping around; `None` when all are in use.
    pub fn allocate(&mut self) -> Option<u32> {
        let span = self.max - self.min + 1;
        // Offset of the first candidate: just after the hint (the hint is min - 1
        // before anything was allocated).
        let start = (self.hint + 1).saturating_sub(self.min) % span;
        for i in 0..span {
            let k = self.min + (start + i) % span;
            if self.in_use.insert(k) {
                self.hint = k;
                return Some(k);
            }
        }
        None
    }
    pub fn release(&mut self, key: u32) {
        self.in_use.remove(&key);
    }
    pub fn in_use(&self) -> &BTreeSet<u32> {
        &self.in_use
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocates_after_hint_and_wraps() {
        let mut a = KeyAllocator::new(1, 4);
        assert_eq!(a.allocate(), Some(1));
        assert_eq!(a.allocate(), Some(2));
        a.release(1);
        // Not reused immediately.
        assert_eq!(a.allocate(), Some(3));
        assert_eq!(a.allocate(), Some(4));
        assert_eq!(a.allocate(), Some(1));
        assert_eq!(a.allocate(), None);
    }

    #[test]
    fn reserved_keys_are_never_handed_out() {
        let mut a = KeyAllocator::new(1, 10);
        assert!(a.reserve(2));
        assert!(!a.reserve(2));
        assert!(!a.reserve(0));
        assert_eq!(a.allocate(), Some(3));
        let mut b = KeyAllocator::new(1, 10);
        b.reserve(5);
        let got: Vec<u32> = (0..9).filter_map(|_| b.allocate()).collect();
        assert_eq!(got, vec![6, 7, 8, 9, 10, 1, 2, 3, 4]);
    }
}
