//! A small deterministic random number generator (SplitMix64) for the
//! names the broker makes up (`amq.gen-...`, `amq.ctag-...`).

/// SplitMix64: fast, seedable, and the same on every platform.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator with the given seed.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// `prefix-` followed by 22 base64url characters (16 random bytes), the
    /// shape of RabbitMQ's `rabbit_guid:binary/2`.
    pub fn guid(&mut self, prefix: &str) -> String {
        const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut bits = [self.next_u64(), self.next_u64()];
        let mut out = String::with_capacity(prefix.len() + 23);
        out.push_str(prefix);
        out.push('-');
        for i in 0..22 {
            let word = &mut bits[i / 11];
            out.push(ALPHABET[(*word & 63) as usize] as char);
            *word >>= 6;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_have_rabbitmq_shape_and_are_deterministic() {
        let a = SplitMix64::new(7).guid("amq.gen");
        let b = SplitMix64::new(7).guid("amq.gen");
        assert_eq!(a, b);
        assert!(a.starts_with("amq.gen-"));
        assert_eq!(a.len(), "amq.gen-".len() + 22);
        assert!(a[8..].bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
    }
}
