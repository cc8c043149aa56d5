//! The tree itself as nested, collapsible HTML: every split with its test, impurity and sample
//! count, every leaf with what it predicts. Levels below [`OPEN_DEPTH`] start folded. Text, not a
//! canvas: it reads aloud, zooms and takes the keyboard (each fold is a `<details>`).

use hyperlab_ml::labs::trees::ModelKind;
use hyperlab_ml::schema::format_number;
use hyperlab_ml::trees::{Criterion, Tree};
use leptos::prelude::*;

/// Nodes at this depth and deeper start folded (the caption quotes it).
pub use hyperlab_ml::labs::trees::texts::TREE_OPEN_DEPTH as OPEN_DEPTH;

/// How the tree view describes a node.
#[derive(Clone, Copy)]
pub struct Style {
    pub criterion: Criterion,
    pub model: ModelKind,
    pub regression: bool,
}

fn impurity_name(c: Criterion) -> &'static str {
    match c {
        Criterion::Gini => "gini",
        Criterion::Entropy => "entropy",
        Criterion::SquaredError => "squared error",
        Criterion::FriedmanMse => "friedman MSE",
    }
}

fn leaf_text(tree: &Tree, id: usize, style: Style) -> String {
    let v = &tree.nodes[id].value;
    if style.model == ModelKind::Boosting {
        format!("adds {} × learning rate", format_number(v[0]))
    } else if style.regression {
        format!("predicts {}", format_number(v[0]))
    } else {
        let p = v.get(1).copied().unwrap_or(0.0);
        if p > 0.5 { format!("orange ({:.0} %)", p * 100.0) } else { format!("blue ({:.0} % blue)", (1.0 - p) * 100.0) }
    }
}

fn stats(tree: &Tree, id: usize, style: Style) -> String {
    let n = &tree.nodes[id];
    let criterion = if style.model == ModelKind::Boosting { Criterion::FriedmanMse } else { style.criterion };
    format!("{} {} · {} {}", impurity_name(criterion), format_number(n.impurity), n.n_samples, if n.n_samples == 1 { "point" } else { "points" })
}

fn node(tree: &Tree, id: usize, style: Style) -> AnyView {
    let n = &tree.nodes[id];
    let stats = stats(tree, id, style);
    match n.children {
        None => {
            let class = if !style.regression && style.model != ModelKind::Boosting && n.value.get(1).copied().unwrap_or(0.0) > 0.5 { "tree-leaf leaf-orange" } else { "tree-leaf leaf-blue" };
            view! { <span class=class><strong>{leaf_text(tree, id, style)}</strong>" "<small>{stats}</small></span> }.into_any()
        }
        Some((l, r)) => {
            let test = format!("x{} ≤ {}", n.feature + 1, format_number(n.threshold));
            let open = n.depth < OPEN_DEPTH;
            view! {
                <details open=open class="tree-node">
                    <summary><strong>{test.clone()}</strong>" "<small>{stats}</small></summary>
                    <ul>
                        <li><span class="tree-branch">"yes: "</span>{node(tree, l, style)}</li>
                        <li><span class="tree-branch">"no: "</span>{node(tree, r, style)}</li>
                    </ul>
                </details>
            }
            .into_any()
        }
    }
}

/// The whole tree, root first.
pub fn tree_view(tree: &Tree, style: Style) -> AnyView {
    view! { <div class="tree-view">{node(tree, 0, style)}</div> }.into_any()
}
