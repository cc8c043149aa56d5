//! Seeded randomness. Every random stream in Hyperlab starts from a seed that lives in the URL,
//! so a shared link reproduces exactly what the sender saw.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// A reproducible random stream with the few draws the core needs.
#[derive(Clone, Debug)]
pub struct SeededRng {
    inner: StdRng,
    spare_normal: Option<f64>,
}

impl SeededRng {
    pub fn new(seed: u64) -> Self {
        Self { inner: StdRng::seed_from_u64(seed), spare_normal: None }
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        self.inner.random::<f64>()
    }

    /// Standard normal, by the Box–Muller transform (keeps `rand_distr` out of the build).
    pub fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare_normal.take() {
            return z;
        }
        // 1 − u lies in (0, 1], so the logarithm is finite.
        let u1 = 1.0 - self.uniform();
        let u2 = self.uniform();
        let radius = (-2.0 * u1.ln()).sqrt();
        let angle = std::f64::consts::TAU * u2;
        self.spare_normal = Some(radius * angle.sin());
        radius * angle.cos()
    }

    /// Fisher–Yates with this stream (no `rand::seq`, so every draw comes from the seed).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            // ⌊u·(i+1)⌋ for u in [0, 1); the `min` guards against the product rounding up to i + 1.
            let j = ((self.uniform() * (i + 1) as f64) as usize).min(i);
            items.swap(i, j);
        }
    }
}

/// SplitMix64's increment (2⁶⁴ / φ).
const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's finalizer: a bijection that spreads every input bit over the output.
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A stream seed for item `index` of the stream `seed`. Why: the k-th random point or
/// suggestion of a search must be derivable from (seed, k) alone, so a search can resume in
/// another process from its observations.
pub fn derive_seed(seed: u64, index: u64) -> u64 {
    mix64(seed ^ index.wrapping_add(1).wrapping_mul(GOLDEN_GAMMA))
}

/// The `index`-th output of a SplitMix64 stream started at `base`: well mixed, so neighbouring
/// indices (repeats, resamples) get unrelated streams. (It adds where [`derive_seed`] xors: the
/// two are kept apart because shared links reproduce the data each one drew.)
pub fn splitmix_output(base: u64, index: u64) -> u64 {
    mix64(base.wrapping_add(index.wrapping_add(1).wrapping_mul(GOLDEN_GAMMA)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_matches_the_published_sequence() {
        // SplitMix64 seeded with 1234567: its first outputs (Vigna's reference implementation).
        assert_eq!(splitmix_output(1_234_567, 0), 6_457_827_717_110_365_317);
        assert_eq!(splitmix_output(1_234_567, 1), 3_203_168_211_198_807_973);
        assert_ne!(derive_seed(1, 0), derive_seed(1, 1));
        assert_ne!(derive_seed(1, 0), derive_seed(2, 0));
    }

    #[test]
    fn shuffle_is_a_seeded_permutation() {
        let mut a: Vec<usize> = (0..50).collect();
        SeededRng::new(3).shuffle(&mut a);
        let mut sorted = a.clone();
        sorted.sort();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
        assert_ne!(a, sorted);
        let mut b: Vec<usize> = (0..50).collect();
        SeededRng::new(3).shuffle(&mut b);
        assert_eq!(a, b);
    }

    #[test]
    fn same_seed_same_stream_other_seed_other_stream() {
        let draw = |seed| {
            let mut r = SeededRng::new(seed);
            (0..8).map(|_| r.normal()).collect::<Vec<_>>()
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
    }

    #[test]
    fn normal_has_unit_moments() {
        let mut r = SeededRng::new(1);
        let n = 200_000;
        let xs: Vec<f64> = (0..n).map(|_| r.normal()).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
        assert!(mean.abs() < 0.01, "mean {mean}");
        assert!((var - 1.0).abs() < 0.01, "var {var}");
    }
}
