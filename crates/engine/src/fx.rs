//! The fast non-cryptographic hasher (FxHash, as rustc uses) for the engine's internal maps
//! keyed by ids and addresses: the trace index and the LPM tables.

use std::hash::Hasher;

/// FxHash (rustc's hasher): ids are short trusted-enough strings and nothing here is exposed
/// to collision attacks that matter (a slow trace at worst), so a fast hasher is fine.
#[derive(Default, Clone, Copy, Debug)]
pub struct Fx(u64);

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(buf));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

impl Fx {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}
