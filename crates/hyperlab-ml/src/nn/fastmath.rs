//! Fast, accurate tanh and logistic functions. The decision-boundary grid spends most of its
//! time in tanh, and the platform's (libm's, in the browser) costs about 5× this one in wasm.
//! Accurate to about 2 ulp, so gradients checked by finite differences and every figure the lab
//! shows are unaffected; branch-free, so loops over it vectorize natively.

/// tanh(x) to about 2 ulp. NaN stays NaN, so a diverging run is still caught.
#[inline(always)]
pub(crate) fn tanh(x: f64) -> f64 {
    // tanh|x| = −expm1(−2|x|) / (2 + expm1(−2|x|)): no cancellation near 0. Past |x| = 20 the
    // result rounds to ±1, so clamp there (written so NaN passes through).
    let a = x.abs();
    let a = if a > 20.0 { 20.0 } else { a };
    let e = expm1_nonpositive(-2.0 * a);
    (-e / (2.0 + e)).copysign(x)
}

/// The logistic function, through tanh: σ(z) = ½ + ½·tanh(z/2).
#[inline(always)]
pub(crate) fn sigmoid(z: f64) -> f64 {
    0.5 + 0.5 * tanh(0.5 * z)
}

/// e^y − 1 for y in [−40, 0] (anything else gives garbage, never a panic).
///
/// y = −(64q + j)·ln2/64 + r with |r| ≤ ln2/128, so e^y = 2^(−q) · 2^(−j/64) · e^r: a table
/// entry, a power of two, and a degree-6 polynomial (its first dropped term is below 1e-17
/// relative). Every step is written out: under `opt-level = "z"` a loop over coefficients is not
/// unrolled, and that alone made tanh 7× slower in the browser.
#[inline(always)]
fn expm1_nonpositive(y: f64) -> f64 {
    // Adding 1.5·2⁵² rounds to an integer held in the low mantissa bits (the classic trick: no
    // float-to-int conversion, which has no vector form on baseline x86-64).
    const ROUND: f64 = 6_755_399_441_055_744.0;
    // ln 2 split so that k·LN2_HI/64 is exact for the k here (fdlibm's constants).
    const LN2_HI: f64 = 0.693_147_180_369_123_8;
    const LN2_LO: f64 = 1.908_214_929_270_587_7e-10;
    let shifted = y * (64.0 / std::f64::consts::LN_2) + ROUND;
    let k = shifted - ROUND;
    let r = (y - k * (LN2_HI / 64.0)) - k * (LN2_LO / 64.0);
    // −k = 64q + j, read from the bits of `shifted`.
    let m = ROUND.to_bits().wrapping_sub(shifted.to_bits());
    let j = (m & 63) as usize;
    let scale = f64::from_bits(1023u64.wrapping_sub(m >> 6) << 52);
    // e^r − 1.
    let p = r + r * r * (1.0 / 2.0 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0 + r * (1.0 / 720.0)))));
    // s = 2^(−q)·2^(−j/64) in two parts; e^y − 1 = (s − 1) + s·p. For q = 0, s_hi − 1 is exact
    // (Sterbenz) and s_lo restores the table's rounding, so small results keep full precision.
    let s_hi = scale * EXP2_HI[j];
    let s_lo = scale * EXP2_LO[j];
    (s_hi - 1.0) + (s_lo + s_hi * p)
}

/// 2^(−j/64) rounded to f64. (Entry 32 is 1/√2, which clippy would have us spell as a constant.)
#[allow(clippy::approx_constant)]
const EXP2_HI: [f64; 64] = [
    1.0, 0.9892280131939755, 0.9785720620877001, 0.9680308967461472,
    0.9576032806985737, 0.9472879907934828, 0.93708381705515, 0.9269895625416927,
    0.9170040432046712, 0.9071260877501994, 0.8973545375015536, 0.8876882462632606,
    0.8781260801866497, 0.8686669176368531, 0.859309649061239, 0.8500531768592617,
    0.8408964152537145, 0.8318382901633682, 0.8228777390769825, 0.8140137109286739,
    0.8052451659746271, 0.7965710756711335, 0.7879904225539432, 0.7795022001189185,
    0.7711054127039704, 0.7627990753722692, 0.7545822137967114, 0.7464538641456324,
    0.7384130729697497, 0.7304588970903235, 0.7225904034885233, 0.714806669195985,
    0.7071067811865476, 0.6994898362691556, 0.691954940981916, 0.6845012114872953,
    0.6771277734684463, 0.6698337620266515, 0.6626183215798707, 0.6554806057623822,
    0.6484197773255048, 0.6414350080393891, 0.6345254785958666, 0.6276903785123455,
    0.620928906036742, 0.614240268053435, 0.6076236799902345, 0.6010783657263515,
    0.5946035575013605, 0.5881984958251406, 0.5818624293887887, 0.5755946149764913,
    0.5693943173783458, 0.5632608093041209, 0.5571933712979462, 0.5511912916539204,
    0.5452538663326288, 0.5393803988785599, 0.5335702003384118, 0.5278225891802786,
    0.5221368912137069, 0.5165124395106142, 0.5109485743270583, 0.5054446430258502,
];
/// 2^(−j/64) − EXP2_HI[j]: what the rounding lost (computed at 200 bits).
const EXP2_LO: [f64; 64] = [
    0.0, 2.0194376554639083e-17, 4.480383895518334e-17, 5.166192980338163e-17,
    -5.3099730280979813e-17, 1.7017017676082648e-17, -3.061381706502071e-17, 4.880943745363797e-17,
    1.6415536121228136e-17, -4.9847657694601744e-17, 9.113729213956043e-18, 3.214865898278286e-17,
    1.4800703477244367e-17, 1.5821946496464785e-17, -9.256902091315555e-18, -4.01185968519885e-18,
    4.099505010290748e-17, 2.94549634835655e-17, -5.062839956837386e-17, -3.356477542353542e-17,
    1.2353596284898944e-17, -5.047203271155982e-17, -5.068458235639152e-18, 1.8906035266787638e-17,
    3.9749174048488104e-17, -5.5124708561712805e-17, -5.082276638771475e-17, 7.096460077142018e-18,
    -1.741997278446398e-17, -2.800188593037608e-17, -1.5118790674969937e-17, -6.0158212445268276e-18,
    -4.833646656726457e-17, -4.8071066045256615e-17, -3.385255829397393e-17, 4.7968989595594244e-17,
    3.850474189901495e-17, 4.463641297415866e-17, -1.4293656050194307e-17, -3.590768067759727e-17,
    1.2691251397444157e-17, 8.567974591217805e-18, 1.333966065671093e-18, -3.3556949106484392e-18,
    2.3290137959184684e-17, -9.49390815651265e-18, -3.856315346340744e-17, 3.3224907496261506e-17,
    1.991007615732823e-17, 2.7771016271090395e-17, 1.9146024184620467e-17, 1.6253551094319136e-17,
    4.456406338012704e-17, 2.5829283793977284e-17, 5.2051392284227855e-17, 2.6330184357853472e-17,
    -1.5233910399062356e-17, -3.328330218028296e-17, -3.949926983420791e-17, 8.79662869386046e-19,
    4.2759448527689824e-17, 3.800419437013544e-18, 2.554612514486722e-17, -7.617389301684289e-18,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_holds_powers_of_two() {
        for j in 0..64 {
            let exact = 2f64.powf(-(j as f64) / 64.0);
            assert!((EXP2_HI[j] - exact).abs() <= exact * f64::EPSILON, "{j}");
            assert!(EXP2_LO[j].abs() <= EXP2_HI[j] * f64::EPSILON);
        }
    }

    #[test]
    fn tanh_matches_the_platform_tanh_to_a_few_ulp() {
        let mut worst: f64 = 0.0;
        let mut x = -25.0;
        while x <= 25.0 {
            for x in [x, x * 1e-3, x * 1e-9] {
                let (mine, libm) = (tanh(x), x.tanh());
                if libm != 0.0 {
                    worst = worst.max(((mine - libm) / libm).abs());
                }
            }
            x += 0.000_731;
        }
        assert!(worst <= 3.0 * f64::EPSILON, "worst relative error {:.2} ulp", worst / f64::EPSILON);
        assert_eq!(tanh(0.0), 0.0);
        assert_eq!(tanh(1e-300), 1e-300);
        assert_eq!(tanh(f64::INFINITY), 1.0);
        assert_eq!(tanh(f64::NEG_INFINITY), -1.0);
        assert_eq!(tanh(19.5), 1.0);
        assert!(tanh(f64::NAN).is_nan());
        // Odd, and monotone across the table's seams (checked below x = 10: beyond, a 1e-3 step
        // moves tanh by less than its 2-ulp error, and libm's is not monotone there either).
        let xs: Vec<f64> = (0..10_000).map(|i| i as f64 * 1e-3).collect();
        assert!(xs.iter().all(|&x| tanh(-x) == -tanh(x)));
        assert!(xs.windows(2).all(|w| tanh(w[1]) > tanh(w[0])));
    }

    #[test]
    fn sigmoid_matches_its_definition() {
        for z in [-30.0, -5.0, -0.1, 0.0, 0.3, 2.0, 12.0] {
            let exact = 1.0 / (1.0 + f64::exp(-z));
            assert!((sigmoid(z) - exact).abs() <= 2.0 * f64::EPSILON, "{z}");
        }
        assert_eq!(sigmoid(0.0), 0.5);
        assert!(sigmoid(f64::NAN).is_nan());
    }
}
