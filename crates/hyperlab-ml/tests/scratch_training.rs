use hyperlab_ml::labs::training::*;
use std::time::Instant;

fn show(q: &str, seeds: &[u64]) {
    for &s in seeds {
        let t0 = Instant::now();
        let run = LabRun::finished_from_query(&format!("{q}&seed={s}")).unwrap();
        let sn = run.snapshot();
        let h = run.trainer().history();
        let lv = sn.lowest_validation.unwrap_or((0, f64::NAN));
        let train_at_low = h[lv.0].train_loss;
        println!("seed {s}: {:?} ep {} train {:.3} val {:.3} acc {:.3}/{:.3} | lowval ep {} {:.3} (train there {:.3}) | held ep {} val {:.3} acc {:.3} | const {:.3} rises {:.3} gr {:.2e} w {:?} | {:.0} ms",
            sn.status, sn.epochs_run(), sn.last.train_loss, sn.last.val_loss.unwrap_or(f64::NAN), sn.last.train_accuracy.unwrap_or(0.0), sn.last.val_accuracy.unwrap_or(0.0),
            lv.0, lv.1, train_at_low, sn.held.epoch, sn.val_loss(), sn.val_accuracy(), sn.constant_val_loss, sn.rises, sn.gradient_ratio(), (sn.weights.l1_norm, sn.weights.near_zero_share), t0.elapsed().as_secs_f64()*1000.0);
    }
}

#[test]
fn explore() {
    let qs = std::env::var("QS").unwrap();
    for q in qs.split('|') {
        println!("== {q}");
        show(q, &[1, 2, 3, 4, 5]);
    }
}
