//! The fast non-cryptographic hasher (FxHash, as rustc uses) for the engine's internal maps
//! keyed by ids and addresses: the trace index and the LPM tables.

use std::hash::Hasher;

/// FxHash (rustc's hasher): ids are short trusted-enough strings and nothing here is exposed
/// to collision attacks that matter (a slow trace at worst), so a fast hasher is fine.
#[derive(Default, Clone, Copy, Debug)]
pub struct Fx(u64);

impl Hasher for Fx {
    /// The state turned so its best-mixed high bits come out low: hash tables take a
    /// bucket from the low bits, which a multiply leaves depending only on the input's low
    /// bits (every `/24` network address, every id differing only after its first 8
    /// bytes, would share buckets). rustc-hash 2 finishes the same way.
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
    /// Eight bytes at a time, the last chunk zero-padded (built byte by byte: a copy of a
    /// variable length would call `memcpy` on every id hashed).
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(buf));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let word = rest
                .iter()
                .enumerate()
                .fold(0u64, |w, (i, b)| w | u64::from(*b) << (8 * i));
            self.add(word);
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

#[cfg(test)]
mod tests {
    use super::Fx;
    use std::hash::{Hash, Hasher};

    fn low_byte(x: impl Hash) -> u8 {
        let mut h = Fx::default();
        x.hash(&mut h);
        h.finish().to_le_bytes()[0]
    }

    /// Hash tables pick a bucket from the low bits: the `/24` networks of a /16 (whose low
    /// byte is zero) and ids that differ only late spread over them, instead of piling up.
    #[test]
    fn networks_and_similar_ids_spread_over_the_low_bits() {
        let nets: std::collections::BTreeSet<u8> = (0..=255u32)
            .map(|x| low_byte(u32::from_be_bytes([10, 0, x as u8, 0])))
            .collect();
        assert!(nets.len() > 128, "{} distinct low bytes", nets.len());
        let ids: std::collections::BTreeSet<u8> = (0..256)
            .map(|x| low_byte(format!("subnet-0123456789-{x}")))
            .collect();
        assert!(ids.len() > 128, "{} distinct low bytes", ids.len());
    }
}
