//! The little dense linear algebra and special functions the Gaussian process needs: Cholesky
//! with escalating jitter, triangular solves, the inverse from a Cholesky factor, and the normal
//! distribution's pdf/cdf (through a port of fdlibm's `erfc`).
//!
//! Matrices are row-major `Vec<f64>`s of `n × n` (or `n × m`). Multi-right-hand-side solves keep
//! the right-hand sides contiguous (`n × m`, one row per equation) so the inner loops run over
//! `m` adjacent numbers and vectorize.

/// A lower-triangular Cholesky factor `L` with `L Lᵀ = A + jitter·I`.
#[derive(Clone, Debug)]
pub struct Cholesky {
    n: usize,
    /// Row-major `n × n`; the strict upper triangle is zero.
    l: Vec<f64>,
    jitter: f64,
}

/// Relative jitter tried first when a plain factorization fails, as a fraction of the mean
/// diagonal; each further try is ten times larger.
const FIRST_RELATIVE_JITTER: f64 = 1e-10;
/// The largest relative jitter tried before falling back to the diagonal alone.
const LAST_RELATIVE_JITTER: f64 = 1.0;

impl Cholesky {
    /// Factors the symmetric matrix `a` (row-major `n × n`; only the lower triangle is read).
    ///
    /// First without jitter (so a well-posed problem gets exactly the textbook answer), then with
    /// jitter `1e-10, 1e-9, … , 1` × the mean diagonal until the factorization succeeds. Why: two
    /// (nearly) identical inputs make the kernel matrix singular to working precision, and the
    /// learner should see a slightly smoothed fit rather than a crash. If even that fails (only
    /// possible for non-finite or wildly indefinite input) the factor of the matrix's positive
    /// diagonal is returned, so the result is always finite.
    pub fn with_jitter(a: &[f64], n: usize) -> Self {
        Self::with_jitter_from(a, n, 0.0)
    }

    /// Like [`Cholesky::with_jitter`], but the first attempt already adds `min_jitter` (absolute).
    /// Used for posterior covariances, which are rank-deficient by construction.
    pub fn with_jitter_from(a: &[f64], n: usize, min_jitter: f64) -> Self {
        let mut c = Self { n: 0, l: Vec::new(), jitter: 0.0 };
        c.refactor(a, n, min_jitter);
        c
    }

    /// Factors another matrix into this factor's storage (no allocation when the size is
    /// unchanged): the hyperparameter fit refactors the same-sized kernel matrix many times.
    pub fn refactor(&mut self, a: &[f64], n: usize, min_jitter: f64) {
        debug_assert_eq!(a.len(), n * n);
        self.n = n;
        self.l.resize(n * n, 0.0);
        let mean_diag = if n == 0 { 1.0 } else { (0..n).map(|i| a[i * n + i].abs()).sum::<f64>() / n as f64 };
        let scale = if mean_diag.is_finite() && mean_diag > 0.0 { mean_diag } else { 1.0 };
        let mut jitter = if min_jitter.is_finite() && min_jitter > 0.0 { min_jitter } else { 0.0 };
        let mut relative = FIRST_RELATIVE_JITTER;
        loop {
            if factor_into(a, n, jitter, &mut self.l) {
                self.jitter = jitter;
                return;
            }
            if relative > LAST_RELATIVE_JITTER {
                break;
            }
            jitter = jitter.max(relative * scale);
            relative *= 10.0;
        }
        // Last resort: the diagonal alone (floored at the scale), which always factors.
        self.l.iter_mut().for_each(|v| *v = 0.0);
        for i in 0..n {
            let d = a[i * n + i];
            self.l[i * n + i] = if d.is_finite() && d > 0.0 { d.sqrt() } else { scale.sqrt() };
        }
        self.jitter = f64::INFINITY;
    }

    pub fn n(&self) -> usize {
        self.n
    }

    /// The jitter that was added to the diagonal (0 when none was needed; infinite when the
    /// factorization fell back to the diagonal).
    pub fn jitter(&self) -> f64 {
        self.jitter
    }

    /// The factor, row-major, lower triangular.
    pub fn factor(&self) -> &[f64] {
        &self.l
    }

    /// log det(A + jitter·I) = 2 Σ log Lᵢᵢ.
    pub fn log_det(&self) -> f64 {
        2.0 * (0..self.n).map(|i| self.l[i * self.n + i].ln()).sum::<f64>()
    }

    /// Solves `L x = b` in place.
    pub fn solve_lower_in_place(&self, b: &mut [f64]) {
        let n = self.n;
        for i in 0..n {
            let s = dot(&self.l[i * n..i * n + i], &b[..i]);
            b[i] = (b[i] - s) / self.l[i * n + i];
        }
    }

    /// Solves `Lᵀ x = b` in place.
    pub fn solve_upper_in_place(&self, b: &mut [f64]) {
        let n = self.n;
        for i in (0..n).rev() {
            let s: f64 = (i + 1..n).map(|k| self.l[k * n + i] * b[k]).sum();
            b[i] = (b[i] - s) / self.l[i * n + i];
        }
    }

    /// Solves `A x = b` (with the jitter) in place.
    pub fn solve_in_place(&self, b: &mut [f64]) {
        self.solve_lower_in_place(b);
        self.solve_upper_in_place(b);
    }

    /// Solves `L X = B` in place for `m` right-hand sides; `b` is row-major `n × m`.
    pub fn solve_lower_many(&self, b: &mut [f64], m: usize) {
        let n = self.n;
        debug_assert_eq!(b.len(), n * m);
        for i in 0..n {
            let (done, rest) = b.split_at_mut(i * m);
            let row_i = &mut rest[..m];
            for k in 0..i {
                let lik = self.l[i * n + k];
                if lik != 0.0 {
                    let row_k = &done[k * m..(k + 1) * m];
                    row_i.iter_mut().zip(row_k).for_each(|(x, y)| *x -= lik * y);
                }
            }
            let inv = 1.0 / self.l[i * n + i];
            row_i.iter_mut().for_each(|x| *x *= inv);
        }
    }

    /// A⁻¹ (with the jitter), row-major `n × n`, from L⁻¹ then L⁻ᵀ L⁻¹.
    pub fn inverse(&self) -> Vec<f64> {
        let (mut linv, mut inv) = (Vec::new(), Vec::new());
        self.inverse_lower_into(&mut linv, &mut inv);
        let n = self.n;
        for i in 0..n {
            for j in 0..i {
                inv[j * n + i] = inv[i * n + j];
            }
        }
        inv
    }

    /// The lower triangle (diagonal included) of A⁻¹ into `inv`, using `linv` as scratch; the
    /// strict upper triangle of `inv` is left zero. No allocation when the buffers fit.
    pub fn inverse_lower_into(&self, linv: &mut Vec<f64>, inv: &mut Vec<f64>) {
        let n = self.n;
        linv.clear();
        linv.resize(n * n, 0.0);
        inv.clear();
        inv.resize(n * n, 0.0);
        // Rows of L⁻¹ (lower triangular too), by forward substitution on L X = I; row i only
        // has entries in columns 0..=i, so each update touches just those.
        for i in 0..n {
            let (done, rest) = linv.split_at_mut(i * n);
            let row_i = &mut rest[..=i];
            row_i[i] = 1.0;
            for k in 0..i {
                let lik = self.l[i * n + k];
                if lik != 0.0 {
                    let row_k = &done[k * n..k * n + k + 1];
                    row_i[..=k].iter_mut().zip(row_k).for_each(|(x, y)| *x -= lik * y);
                }
            }
            let d = 1.0 / self.l[i * n + i];
            row_i.iter_mut().for_each(|x| *x *= d);
        }
        // (L⁻ᵀ L⁻¹)ᵢⱼ = Σₖ L⁻¹ₖᵢ L⁻¹ₖⱼ, k ≥ max(i, j).
        for k in 0..n {
            let row = &linv[k * n..k * n + k + 1];
            for i in 0..=k {
                let a = row[i];
                if a == 0.0 {
                    continue;
                }
                let out = &mut inv[i * n..i * n + i + 1];
                out.iter_mut().zip(&row[..=i]).for_each(|(o, b)| *o += a * b);
            }
        }
    }
}

/// Σ aᵢbᵢ with four running sums: breaks the add chain so the loop vectorizes (the Cholesky's
/// inner loop; rounding differs from a plain left-to-right sum only in the last bits).
#[inline]
pub(crate) fn dot(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = [0.0f64; 4];
    let split = n - n % 4;
    for (ca, cb) in a[..split].chunks_exact(4).zip(b[..split].chunks_exact(4)) {
        for k in 0..4 {
            acc[k] += ca[k] * cb[k];
        }
    }
    let tail: f64 = a[split..].iter().zip(&b[split..]).map(|(x, y)| x * y).sum();
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// Σ aᵢbᵢ summed left to right (the estimators' and the network's order: their fixtures and
/// seeded runs were recorded with it, so it stays bit for bit).
#[inline(always)]
pub(crate) fn dot_in_order(a: &[f64], b: &[f64]) -> f64 {
    let mut sum = 0.0;
    for (x, y) in a.iter().zip(b) {
        sum += x * y;
    }
    sum
}

/// y += a·x.
#[inline(always)]
pub(crate) fn axpy(y: &mut [f64], a: f64, x: &[f64]) {
    y.iter_mut().zip(x).for_each(|(y, x)| *y += a * x);
}

/// Plain Cholesky of `a + jitter·I` into `l`; false when a pivot is not positive and finite.
fn factor_into(a: &[f64], n: usize, jitter: f64, l: &mut [f64]) -> bool {
    for i in 0..n {
        for j in 0..=i {
            let (li, lj) = (&l[i * n..i * n + j], &l[j * n..j * n + j]);
            let s = dot(li, lj);
            if i == j {
                let d = a[i * n + i] + jitter - s;
                if d.is_nan() || d <= 0.0 || d.is_infinite() {
                    return false;
                }
                l[i * n + i] = d.sqrt();
            } else {
                let v = (a[i * n + j] - s) / l[j * n + j];
                if !v.is_finite() {
                    return false;
                }
                l[i * n + j] = v;
            }
        }
        for j in i + 1..n {
            l[i * n + j] = 0.0;
        }
    }
    true
}

/// 1/√(2π).
const FRAC_1_SQRT_2PI: f64 = 0.398_942_280_401_432_7;

/// Standard normal density φ(z).
pub fn norm_pdf(z: f64) -> f64 {
    FRAC_1_SQRT_2PI * (-0.5 * z * z).exp()
}

/// Standard normal distribution function Φ(z) = ½ erfc(−z/√2), accurate in relative terms far
/// into the lower tail (where expected improvement lives).
pub fn norm_cdf(z: f64) -> f64 {
    0.5 * erfc(-z * std::f64::consts::FRAC_1_SQRT_2)
}

/// The error function.
pub fn erf(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x.abs() < 0.84375 {
        return erf_small(x);
    }
    let y = 1.0 - erfc(x.abs());
    if x < 0.0 { -y } else { y }
}

pub use fdlibm::erfc;
use fdlibm::erf_small;

/// fdlibm's coefficients, kept digit for digit as published.
#[allow(clippy::excessive_precision)]
mod fdlibm {
// ---------------------------------------------------------------------------------------------
// erf / erfc: ported from FreeBSD's msun s_erf.c by way of the Rust `libm` crate (MIT). Every
// branch agrees with the true function to within about one unit in the last place.
//
// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//
// Developed at SunPro, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================

const ERX: f64 = 8.45062911510467529297e-01;
const EFX8: f64 = 1.02703333676410069053e+00;
const PP: [f64; 5] = [
    1.28379167095512558561e-01,
    -3.25042107247001499370e-01,
    -2.84817495755985104766e-02,
    -5.77027029648944159157e-03,
    -2.37630166566501626084e-05,
];
const QQ: [f64; 5] = [
    3.97917223959155352819e-01,
    6.50222499887672944485e-02,
    5.08130628187576562776e-03,
    1.32494738004321644526e-04,
    -3.96022827877536812320e-06,
];
const PA: [f64; 7] = [
    -2.36211856075265944077e-03,
    4.14856118683748331666e-01,
    -3.72207876035701323847e-01,
    3.18346619901161753674e-01,
    -1.10894694282396677476e-01,
    3.54783043256182359371e-02,
    -2.16637559486879084300e-03,
];
const QA: [f64; 6] = [
    1.06420880400844228286e-01,
    5.40397917702171048937e-01,
    7.18286544141962662868e-02,
    1.26171219808761642112e-01,
    1.36370839120290507362e-02,
    1.19844998467991074170e-02,
];
const RA: [f64; 8] = [
    -9.86494403484714822705e-03,
    -6.93858572707181764372e-01,
    -1.05586262253232909814e+01,
    -6.23753324503260060396e+01,
    -1.62396669462573470355e+02,
    -1.84605092906711035994e+02,
    -8.12874355063065934246e+01,
    -9.81432934416914548592e+00,
];
const SA: [f64; 8] = [
    1.96512716674392571292e+01,
    1.37657754143519042600e+02,
    4.34565877475229228821e+02,
    6.45387271733267880336e+02,
    4.29008140027567833386e+02,
    1.08635005541779435134e+02,
    6.57024977031928170135e+00,
    -6.04244152148580987438e-02,
];
const RB: [f64; 7] = [
    -9.86494292470009928597e-03,
    -7.99283237680523006574e-01,
    -1.77579549177547519889e+01,
    -1.60636384855821916062e+02,
    -6.37566443368389627722e+02,
    -1.02509513161107724954e+03,
    -4.83519191608651397019e+02,
];
const SB: [f64; 7] = [
    3.03380607434824582924e+01,
    3.25792512996573918826e+02,
    1.53672958608443695994e+03,
    3.19985821950859553908e+03,
    2.55305040643316442583e+03,
    4.74528541206955367215e+02,
    -2.24409524465858183362e+01,
];

/// c₀ + z(c₁ + z(c₂ + …)).
fn horner(c: &[f64], z: f64) -> f64 {
    c.iter().rev().fold(0.0, |acc, &k| acc * z + k)
}

/// 1 + z(c₀ + z(c₁ + …)).
fn horner1(c: &[f64], z: f64) -> f64 {
    1.0 + z * horner(c, z)
}

/// (erf(x) − x)/x on |x| < 0.84375, as x + x·R(x²).
pub(super) fn erf_small(x: f64) -> f64 {
    if x.abs() < 3.725_290_298_461_914e-9 {
        return 0.125 * (8.0 * x + EFX8 * x);
    }
    let z = x * x;
    x + x * (horner(&PP, z) / horner1(&QQ, z))
}

/// erfc(|x|) for 0.84375 ≤ |x| < 28.
fn erfc_mid(x: f64) -> f64 {
    let x = x.abs();
    if x < 1.25 {
        let s = x - 1.0;
        return 1.0 - ERX - horner(&PA, s) / horner1(&QA, s);
    }
    let s = 1.0 / (x * x);
    let (r, big_s) = if x < 1.0 / 0.35 { (horner(&RA, s), horner1(&SA, s)) } else { (horner(&RB, s), horner1(&SB, s)) };
    // Split x² so exp(−x²) keeps its relative accuracy (fdlibm's trick: z = x with the low word
    // cleared, −x² = −z² + (z − x)(z + x)).
    let z = f64::from_bits(x.to_bits() & 0xffff_ffff_0000_0000);
    (-z * z - 0.5625).exp() * ((z - x) * (z + x) + r / big_s).exp() / x
}

/// The complementary error function 1 − erf(x), computed directly.
pub fn erfc(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let ax = x.abs();
    if ax < 0.84375 {
        if ax < 1.387_778_780_781_445_7e-17 {
            return 1.0 - x;
        }
        let z = x * x;
        let y = horner(&PP, z) / horner1(&QQ, z);
        return if x < 0.25 { 1.0 - (x + x * y) } else { 0.5 - (x - 0.5 + x * y) };
    }
    if ax < 28.0 {
        let t = erfc_mid(x);
        return if x < 0.0 { 2.0 - t } else { t };
    }
    if x < 0.0 { 2.0 } else { 0.0 }
}
}

#[cfg(test)]
#[allow(clippy::excessive_precision)]
mod tests {
    use super::*;

    fn spd(n: usize) -> Vec<f64> {
        // A Hilbert-like but well-conditioned SPD matrix.
        let mut a = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..n {
                a[i * n + j] = 1.0 / (1.0 + (i as f64 - j as f64).abs()) + if i == j { n as f64 } else { 0.0 };
            }
        }
        a
    }

    #[test]
    fn cholesky_reconstructs_and_solves() {
        let n = 7;
        let a = spd(n);
        let c = Cholesky::with_jitter(&a, n);
        assert_eq!(c.jitter(), 0.0);
        let l = c.factor();
        for i in 0..n {
            for j in 0..n {
                let v: f64 = (0..n).map(|k| l[i * n + k] * l[j * n + k]).sum();
                assert!((v - a[i * n + j]).abs() < 1e-12);
            }
        }
        let b: Vec<f64> = (0..n).map(|i| i as f64 - 2.0).collect();
        let mut x = b.clone();
        c.solve_in_place(&mut x);
        for i in 0..n {
            let v: f64 = (0..n).map(|k| a[i * n + k] * x[k]).sum();
            assert!((v - b[i]).abs() < 1e-12);
        }
        let inv = c.inverse();
        for i in 0..n {
            for j in 0..n {
                let v: f64 = (0..n).map(|k| a[i * n + k] * inv[k * n + j]).sum();
                assert!((v - if i == j { 1.0 } else { 0.0 }).abs() < 1e-12);
            }
        }
        // Many right-hand sides agree with one at a time.
        let m = 3;
        let mut many = vec![0.0; n * m];
        for i in 0..n {
            for j in 0..m {
                many[i * m + j] = (i * m + j) as f64;
            }
        }
        let mut one: Vec<f64> = (0..n).map(|i| many[i * m + 1]).collect();
        c.solve_lower_many(&mut many, m);
        c.solve_lower_in_place(&mut one);
        for i in 0..n {
            assert!((many[i * m + 1] - one[i]).abs() < 1e-12);
        }
        let det: f64 = c.log_det();
        assert!(det.is_finite());
    }

    #[test]
    fn singular_and_broken_matrices_get_jitter_not_panics() {
        // Rank one.
        let n = 4;
        let a = vec![1.0; n * n];
        let c = Cholesky::with_jitter(&a, n);
        assert!(c.jitter() > 0.0 && c.jitter() < 1e-6, "{}", c.jitter());
        assert!(c.factor().iter().all(|v| v.is_finite()));
        // Indefinite.
        let b = vec![1.0, 2.0, 2.0, 1.0];
        let c = Cholesky::with_jitter(&b, 2);
        assert!(c.factor().iter().all(|v| v.is_finite()));
        // NaN inside.
        let nan = vec![1.0, f64::NAN, f64::NAN, 1.0];
        let c = Cholesky::with_jitter(&nan, 2);
        assert!(c.factor().iter().all(|v| v.is_finite()));
        assert_eq!(c.jitter(), f64::INFINITY);
        // Empty.
        assert_eq!(Cholesky::with_jitter(&[], 0).log_det(), 0.0);
    }

    #[test]
    fn erf_and_normal_match_known_values() {
        // Values from mpmath at 30 digits.
        let cases = [
            (0.1, 0.112462916018284898404712251014),
            (0.5, 0.520499877813046537682746653892),
            (1.0, 0.842700792949714869341220635083),
            (2.0, 0.995322265018952734162069256367),
            (3.5, 0.999999256901627658587254476316),
        ];
        for (x, e) in cases {
            assert!((erf(x) - e).abs() < 2e-16, "erf({x})");
            assert!((erf(-x) + e).abs() < 2e-16, "erf(-{x})");
        }
        let tails = [
            (1.0, 0.157299207050285130658779364917),
            (3.0, 2.20904969985854413727761295823e-5),
            (6.0, 2.15197367124989131165933503216e-17),
            (10.0, 2.08848758376254475700078629990e-45),
            (26.0, 5.663192408856142846475727896926e-296),
        ];
        for (x, e) in tails {
            assert!(((erfc(x) - e) / e).abs() < 1e-14, "erfc({x}) = {} vs {e}", erfc(x));
        }
        assert_eq!(erfc(30.0), 0.0);
        assert_eq!(erfc(-30.0), 2.0);
        assert!((norm_cdf(0.0) - 0.5).abs() < 1e-16);
        assert!((norm_cdf(1.959963984540054) - 0.975).abs() < 1e-15);
        // Φ(−8) = 6.22096057427178e-16 (relative accuracy in the tail).
        assert!(((norm_cdf(-8.0) - 6.220960574271784e-16) / 6.220960574271784e-16).abs() < 1e-13);
        assert!((norm_pdf(0.0) - 0.3989422804014327).abs() < 1e-16);
        assert!((norm_pdf(1.5) - 0.12951759566589174).abs() < 1e-16);
        assert!(erf(f64::NAN).is_nan() && erfc(f64::NAN).is_nan());
        assert_eq!(erf(f64::INFINITY), 1.0);
        assert_eq!(erfc(f64::NEG_INFINITY), 2.0);
    }
}
