//! First paint without WebAssembly: each page's real content as static HTML (the site header,
//! the lab's title and intro, its primary view's box with its caption, the control panel's
//! labels and help, the footer), written from the same data the app reads (the catalogue, each
//! lab's schema, presets and texts in `hyperlab-ml`). The reader sees the page at once.
//!
//! The hand-off (rules in `prerender.css`, which this module writes): the app mounts into
//! `<div id="app">`, laid out at the top of the page but invisible, while the pre-render is in
//! the flow; once the app has drawn every chart (`<html data-ready="true">`) and the browser has
//! reported the pre-render's largest paint, `public/boot.js` sets `<html data-handoff>`: one
//! style recalculation shows the app and hides the pre-render (then removed), so the page
//! changes in one frame and nothing visible moves (no layout shift).

use hyperlab_ml::labs::catalogue::{self, LabMeta, LABS, SITE_DESCRIPTION, SITE_NAME};
use hyperlab_ml::labs::{budgets, cross_validation, learning_rate, regularization, search, training, trees, Preset};
use hyperlab_ml::schema::{Kind, ParamSpec};
use hyperlab_ml::search::strategy::StrategyKind;

use crate::escape;

/// The stylesheet every pre-rendered page links: the hand-off and the reserved chart boxes.
pub const STYLESHEET: &str = "prerender.css";

/// A chart's reserved box: the same width and height ÷ width as the app's `Chart`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartBox {
    /// `data-chart` of the app's chart it stands for.
    pub name: &'static str,
    pub aspect: f64,
    /// A fixed height in CSS pixels instead of the aspect (charts that grow with their rows),
    /// at the lab's default settings; the e2e paint test checks it against the app's.
    pub height: Option<u32>,
    /// The app's `min_height` (CSS pixels), if it has one.
    pub min_height: Option<u32>,
}

/// What a lab page shows first, before its controls.
pub struct LabPage {
    pub slug: &'static str,
    pub intro: &'static str,
    pub schema: &'static [ParamSpec],
    pub presets: &'static [Preset],
    /// The primary view's HTML (chart boxes through [`chart_box`]).
    pub primary: fn() -> String,
    /// Every chart box `primary` reserves (for the stylesheet and the consistency test).
    pub charts: &'static [ChartBox],
}

const LR_CONTOUR: ChartBox = ChartBox { name: "contour", aspect: 0.8, height: None, min_height: None };
const REG_FIT: ChartBox = ChartBox { name: "fit", aspect: 0.62, height: None, min_height: None };
const NN_BOUNDARY: ChartBox = ChartBox { name: "boundary", aspect: 1.0, height: None, min_height: None };
const CV_FOLDS: ChartBox = ChartBox { name: "folds", aspect: 0.5, height: Some(160), min_height: None };
const SEARCH_PANEL: ChartBox = ChartBox { name: "panel-grid", aspect: 0.9, height: None, min_height: None };
const TREES_MAP: ChartBox = ChartBox { name: "map", aspect: 1.0, height: None, min_height: None };
const BUDGETS_CURVES: ChartBox = ChartBox { name: "curves", aspect: 0.5, height: None, min_height: Some(budgets::texts::CURVES_MIN_HEIGHT as u32) };

/// Every lab's page, in the catalogue's order.
pub const LAB_PAGES: [LabPage; 7] = [
    LabPage { slug: learning_rate::SLUG, intro: learning_rate::INTRO, schema: &learning_rate::SCHEMA, presets: &learning_rate::PRESETS, primary: || figure("view view-contour", LR_CONTOUR, Some(&learning_rate::contour_caption(learning_rate::Settings::default().surface, false, false, 0))), charts: &[LR_CONTOUR] },
    LabPage { slug: regularization::SLUG, intro: regularization::INTRO, schema: &regularization::SCHEMA, presets: &regularization::PRESETS, primary: || figure("view", REG_FIT, Some(regularization::FIT_CAPTION)), charts: &[REG_FIT] },
    LabPage { slug: training::SLUG, intro: training::texts::INTRO, schema: &training::SCHEMA, presets: &training::PRESETS, primary: || figure("view", NN_BOUNDARY, Some(training::texts::boundary_caption(training::Settings::default().data.shape))), charts: &[NN_BOUNDARY] },
    LabPage { slug: cross_validation::SLUG, intro: cross_validation::INTRO, schema: &cross_validation::SCHEMA, presets: &cross_validation::PRESETS, primary: || figure("view view-wide", CV_FOLDS, Some(cross_validation::GRID_CAPTION)), charts: &[CV_FOLDS] },
    LabPage { slug: search::SLUG, intro: search::texts::INTRO, schema: &search::SCHEMA, presets: &search::PRESETS, primary: search_panels, charts: &[SEARCH_PANEL] },
    LabPage { slug: trees::SLUG, intro: trees::texts::INTRO, schema: &trees::SCHEMA, presets: &trees::PRESETS, primary: || figure("view", TREES_MAP, Some(trees::texts::map_caption(&trees::Settings::default()))), charts: &[TREES_MAP] },
    LabPage { slug: budgets::SLUG, intro: budgets::texts::INTRO, schema: &budgets::SCHEMA, presets: &budgets::PRESETS, primary: budgets_curves, charts: &[BUDGETS_CURVES] },
];

pub fn lab_page(slug: &str) -> Option<&'static LabPage> {
    LAB_PAGES.iter().find(|p| p.slug == slug)
}

/// The CSS class of a box with this aspect (`aspect-0620` for 0.62).
fn aspect_class(aspect: f64) -> String {
    format!("aspect-{:04}", (aspect * 1000.0).round() as u32)
}

/// A chart's reserved space: a block as wide as the app's canvas, as tall as its aspect makes it.
pub fn chart_box(chart: ChartBox) -> String {
    let mut size = chart.height.map_or_else(|| aspect_class(chart.aspect), |h| format!("height-{h}"));
    if let Some(m) = chart.min_height {
        size.push_str(&format!(" min-height-{m}"));
    }
    format!("<div class=\"chart prerender-chart {size}\" data-prerender-chart=\"{}\"></div>", chart.name)
}

fn figure(class: &str, chart: ChartBox, caption: Option<&str>) -> String {
    let caption = caption.map_or(String::new(), |c| format!("<figcaption>{}</figcaption>", escape(c)));
    format!("<figure class=\"{class}\">{}{caption}</figure>", chart_box(chart))
}

/// The search lab's four strategy panels, each titled and captioned as the app does.
fn search_panels() -> String {
    let panels: String = StrategyKind::ALL
        .iter()
        .map(|k| {
            let chart = chart_box(ChartBox { name: "panel", ..SEARCH_PANEL });
            format!("<figure class=\"search-panel\" data-strategy=\"{}\"><h3>{}</h3>{chart}<figcaption>{}</figcaption></figure>", k.slug(), escape(k.label()), escape(search::texts::caption(*k)))
        })
        .collect();
    // The app's status row (one line), saying what is true until the app replaces it.
    let progress = "<div class=\"search-progress\"><span>Loading the lab…</span></div>";
    format!("<section class=\"view view-wide search-section\"><h2>Same budget, four strategies</h2>{progress}<div class=\"search-panels\">{panels}</div></section>")
}

fn budgets_curves() -> String {
    // The app's budget meter row above the curves, before the run has spent any (default knobs).
    let budget = budgets::Settings::default().budget();
    let meter = format!("<div class=\"budget-meter\"><label>Epoch budget </label><meter min=\"0\" max=\"{budget}\" value=\"0\"></meter><span>0 / {budget} epochs</span></div>");
    // The notes under the curves, as the app writes them for the default knobs (the run's own
    // sentences between chart and notes come with the app).
    let settings = budgets::Settings::default();
    let notes = format!(
        "<p class=\"figure-note\">{}</p><p class=\"figure-note\">{} {}</p>",
        escape(&budgets::texts::method_explanation(&settings)),
        escape(&budgets::texts::budget_sentence(&settings)),
        escape(budgets::texts::COUNTING)
    );
    format!("<section class=\"view view-wide\"><h2>Learning curves</h2>{meter}{}{notes}</section>", chart_box(BUDGETS_CURVES))
}

fn knob_tag(spec: &ParamSpec) -> &'static str {
    if spec.hyper {
        "<span class=\"tag tag-hyper\">hyperparameter</span>"
    } else {
        "<span class=\"tag tag-setting\">setting</span>"
    }
}

/// One control as the app lays it out, inert (no ids, disabled inputs, no value shown until the
/// app reads the URL).
fn control(spec: &ParamSpec) -> String {
    let (label, help, tag) = (escape(spec.label), escape(spec.help), knob_tag(spec));
    match spec.kind {
        Kind::Float { .. } | Kind::Int { .. } => format!(
            "<div class=\"control\" data-param=\"{}\"><div class=\"control-head\"><label>{label}</label>{tag}<output class=\"control-value\"></output></div>\
             <div class=\"control-row\"><input type=\"range\" disabled aria-label=\"{label}\"><input type=\"number\" class=\"control-number\" disabled aria-label=\"{label} value\"></div>\
             <p class=\"control-help\">{help}</p></div>",
            spec.key
        ),
        Kind::Choice { options, default } => format!(
            "<div class=\"control\" data-param=\"{}\"><div class=\"control-head\"><label>{label}</label>{tag}</div><select disabled aria-label=\"{label}\"><option>{}</option></select><p class=\"control-help\">{help}</p></div>",
            spec.key,
            escape(options.get(default).map_or("", |o| o.1))
        ),
        Kind::Bool { .. } => format!(
            "<div class=\"control control-toggle\" data-param=\"{}\"><input type=\"checkbox\" role=\"switch\" disabled aria-label=\"{label}\"><label>{label}</label>{tag}<p class=\"control-help\">{help}</p></div>",
            spec.key
        ),
    }
}

fn controls(page: &LabPage) -> String {
    let presets: String = page.presets.iter().map(|p| format!("<button type=\"button\" class=\"button small preset\" disabled>{}</button>", escape(p.name))).collect();
    let knobs: String = page.schema.iter().map(control).collect();
    // The app's `ControlsSheet`: a folded sheet on phones, the left column on wide screens.
    format!(
        "<aside class=\"lab-controls sheet\" aria-label=\"Controls\"><button type=\"button\" class=\"sheet-toggle\" disabled><span>Controls</span><span class=\"sheet-hint\">Show ▴</span></button>\
         <div class=\"controls-body\"><div class=\"control\"><span class=\"control-head\"><strong>Presets</strong></span><div class=\"presets\">{presets}</div></div>{knobs}</div></aside>"
    )
}

/// The site header as the app draws it (the theme button inert until the app runs).
fn site_header(current: &str) -> String {
    let link = |slug: &str, title: &str| {
        let here = if slug == current { " aria-current=\"page\"" } else { "" };
        format!("<li><a href=\"/{slug}/\"{here}>{}</a></li>", escape(title))
    };
    let links: String = LABS.iter().chain(std::iter::once(&catalogue::PRACTICE)).map(|l| link(l.slug, l.title)).collect();
    let home = if current.is_empty() { " aria-current=\"page\"" } else { "" };
    format!(
        "<header class=\"site-header\"><a class=\"brand\" href=\"/\"{home}><img src=\"/favicon.svg\" alt=\"\" width=\"28\" height=\"28\"><span>{SITE_NAME}</span></a>\
         <nav aria-label=\"Labs\"><ul>{links}</ul></nav>\
         <button class=\"theme-toggle\" type=\"button\" disabled><span aria-hidden=\"true\" class=\"theme-icon\">◐</span><span>Theme</span></button></header>"
    )
}

fn site_footer() -> String {
    format!("<footer class=\"site-footer\"><p>{SITE_NAME} — every number on this site is computed live in your browser, by Rust compiled to WebAssembly. No tracking, no third-party requests.</p></footer>")
}

/// With the site around it, as `App` wraps a page.
fn in_site(current: &str, main: &str) -> String {
    format!("{}<main class=\"site-main\">{main}</main>{}", site_header(current), site_footer())
}

/// A lab's page (`embed`: its `/embed/<slug>/` page, without the site, the controls (an embed
/// may hide some) or the share panel).
pub fn lab_body(meta: &LabMeta, page: &LabPage, embed: bool) -> String {
    let title = if embed {
        format!("<h1 class=\"embed-title\"><a href=\"/{}/\" target=\"_blank\" rel=\"noopener\">{} — Hyperlab</a></h1>", meta.slug, escape(meta.title))
    } else {
        format!("<h1>{}</h1>", escape(meta.title))
    };
    let controls = if embed { String::new() } else { controls(page) };
    let article = format!(
        "<article class=\"lab{}\" data-lab=\"{}\"><header class=\"lab-header\">{title}<p class=\"lab-intro\">{}</p><button type=\"button\" class=\"intro-more button small\" disabled>More about this lab</button></header>\
         <div class=\"lab-layout\"><div class=\"lab-views\">{}</div>{controls}</div></article>",
        if embed { " embedded" } else { "" },
        meta.slug,
        escape(page.intro),
        (page.primary)()
    );
    if embed { format!("<div class=\"embed-root\"><main class=\"embed-main\">{article}</main></div>") } else { in_site(meta.slug, &article) }
}

/// The home page: hero and lab cards, exactly as the app's `Home`.
pub fn home_body() -> String {
    let cards: String = LABS
        .iter()
        .map(|lab| {
            format!(
                "<li class=\"lab-card\"><a href=\"/{s}/\" class=\"lab-card-link\"><h3>{t}</h3></a>\
                 <img class=\"lab-card-thumb\" src=\"/thumbs/{s}.svg\" alt=\"\" width=\"320\" height=\"192\" loading=\"lazy\">\
                 <p>{p}</p><p class=\"concepts\">{c}</p><a href=\"/{s}/\" class=\"button primary\">Open the lab</a></li>",
                s = lab.slug,
                t = escape(lab.title),
                p = escape(lab.promise),
                c = escape(&lab.concepts.join(" · "))
            )
        })
        .collect();
    let p = &catalogue::PRACTICE;
    in_site(
        "",
        &format!(
            "<section class=\"hero\"><h1>Hyperparameter tuning you can see</h1><p class=\"lead\">{} Each lab runs a real model in the page; move a knob and it retrains. Share any state as a link, or embed it in your own post.</p></section>\
             <section><h2>Labs</h2><ul class=\"lab-grid\">{cards}</ul></section>\
             <section class=\"practice-teaser\"><h2>{}</h2><p>{}</p><a href=\"/{}/\" class=\"button primary\">Practise for the exam</a></section>",
            escape(SITE_DESCRIPTION),
            escape(p.title),
            escape(p.promise),
            p.slug
        ),
    )
}

/// The exam-prep hub's heading and intro (`embed`: the quiz card's page, which has neither).
pub fn practice_body(intro: &str, embed: bool) -> String {
    if embed {
        return String::new();
    }
    let p = &catalogue::PRACTICE;
    in_site(p.slug, &format!("<div class=\"practice-hub\"><header class=\"lab-intro\"><h1>{}</h1><p>{}</p></header></div>", escape(p.title), escape(intro)))
}

/// The hand-off rules and one rule per reserved chart aspect.
pub fn stylesheet() -> String {
    let charts = || LAB_PAGES.iter().flat_map(|p| p.charts.iter());
    let mut aspects: Vec<f64> = charts().filter(|c| c.height.is_none()).map(|c| c.aspect).collect();
    aspects.sort_by(f64::total_cmp);
    aspects.dedup();
    let mut heights: Vec<u32> = charts().filter_map(|c| c.height).collect();
    heights.sort();
    heights.dedup();
    let mut least: Vec<u32> = charts().filter_map(|c| c.min_height).collect();
    least.sort();
    least.dedup();
    let boxes: String = aspects
        .iter()
        .map(|a| format!(".prerender .{} {{ aspect-ratio: {} / 1; }}\n", aspect_class(*a), 1.0 / a))
        .chain(heights.iter().map(|h| format!(".prerender .height-{h} {{ height: {h}px; }}\n")))
        .chain(least.iter().map(|h| format!(".prerender .min-height-{h} {{ min-height: {h}px; }}\n")))
        .collect();
    format!(
        "/* Written by xtask (crates/xtask/src/prerender.rs): the static first paint and its hand-off. */\n\
         html:not([data-handoff]) #app {{ position: absolute; top: 0; left: 0; width: 100%; visibility: hidden; }}\n\
         html[data-handoff] #prerender {{ display: none; }}\n\
         .prerender .prerender-chart {{ width: 100%; }}\n{boxes}"
    )
}

/// `html` without Trunk's `<link rel="preload">` of the WebAssembly: at high priority from the
/// head it shares the connection with the stylesheets the first paint waits for. The start-up
/// module fetches the wasm (with its integrity hash) once the page has been parsed.
fn without_wasm_preload(html: &str) -> String {
    let mut out = html.to_string();
    while let Some(start) = out.find("<link rel=\"preload\"") {
        let Some(len) = out[start..].find('>') else { break };
        let tag = &out[start..=start + len];
        if !tag.contains(".wasm\"") {
            break;
        }
        out.replace_range(start..=start + len, "");
    }
    out
}

/// What Trunk's start-up module awaits before it fetches the wasm: the first frame rendered (the
/// pre-render painted), or a second at most (a hidden tab renders no frames).
pub const AFTER_FIRST_PAINT: &str = "await new Promise((go) => { requestAnimationFrame(() => setTimeout(go)); setTimeout(go, 1000); });\n";

/// `html` whose start-up module fetches the wasm only once the page has painted, so the download
/// never competes with what the first paint needs.
fn start_after_first_paint(html: &str) -> String {
    match html.find("const wasm = await init(") {
        Some(at) => format!("{}{AFTER_FIRST_PAINT}{}", &html[..at], &html[at..]),
        None => html.to_string(),
    }
}

/// `html` (a Trunk page) with `body` pre-rendered before the app's mount point and the stylesheet
/// linked; the wasm neither preloaded nor fetched before the first paint. The mount point is
/// `<div id="app">` (the app mounts there when it exists).
pub fn with_prerender(html: &str, body: &str) -> Result<String, String> {
    let html = &start_after_first_paint(&without_wasm_preload(html));
    let head_end = html.find("</head>").ok_or("page has no </head>")?;
    let mut out = format!("{}<link rel=\"stylesheet\" href=\"/{STYLESHEET}\" />\n{}", &html[..head_end], &html[head_end..]);
    let body_end = out.rfind("</body>").ok_or("page has no </body>")?;
    let content = if body.is_empty() { String::new() } else { format!("<div id=\"prerender\" class=\"prerender\">{body}</div>") };
    out.insert_str(body_end, &format!("{content}<div id=\"app\"></div>\n"));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lab_has_a_page_in_catalogue_order() {
        let slugs: Vec<_> = LAB_PAGES.iter().map(|p| p.slug).collect();
        assert_eq!(slugs, LABS.iter().map(|l| l.slug).collect::<Vec<_>>());
    }

    /// The reserved boxes must have the app's aspect ratios, or the page would change shape when
    /// the app takes over: read them from the app's source.
    #[test]
    fn chart_boxes_match_the_app_charts() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src/labs");
        for page in &LAB_PAGES {
            let dir = root.join(page.slug.replace('-', "_"));
            let source: String = std::fs::read_dir(&dir).unwrap().map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect();
            for chart in page.charts {
                let found = source.lines().filter(|l| l.contains("<Chart ") && l.contains(&format!("\"{}\"", chart.name))).any(|l| l.contains(&format!("aspect={}", chart.aspect)) || l.contains(&format!("aspect={:.1}", chart.aspect)));
                assert!(found, "{}: no <Chart> named {} with aspect {} in {}", page.slug, chart.name, chart.aspect, dir.display());
                let least = source.lines().any(|l| l.contains("<Chart ") && l.contains(&format!("\"{}\"", chart.name)) && l.contains("min_height="));
                assert_eq!(least, chart.min_height.is_some(), "{}: {}'s least height must match the app's", page.slug, chart.name);
            }
        }
    }

    #[test]
    fn lab_pages_carry_title_intro_labels_and_boxes() {
        for (meta, page) in LABS.iter().zip(&LAB_PAGES) {
            let body = lab_body(meta, page, false);
            assert!(body.contains(&format!("<h1>{}</h1>", escape(meta.title))));
            assert!(body.contains(&escape(page.intro)));
            for spec in page.schema {
                assert!(body.contains(&format!("<label>{}</label>", escape(spec.label))), "{}: {}", meta.slug, spec.key);
            }
            assert!(body.contains("prerender-chart aspect-") || body.contains("prerender-chart height-"));
            assert!(!body.contains(" id=\""), "no ids: the app's own elements keep theirs");
            let embed = lab_body(meta, page, true);
            assert!(embed.contains("embed-title") && !embed.contains("site-header") && !embed.contains("lab-controls"));
        }
        let css = stylesheet();
        assert!(css.contains(".aspect-0620 { aspect-ratio: 1.6129032258064517 / 1; }") && css.contains(".height-160 { height: 160px; }"), "{css}");
    }

    #[test]
    fn prerender_goes_before_the_mount_point() {
        let html = "<head><title>t</title></head><body><noscript>x</noscript></body>";
        let out = with_prerender(html, "<h1>Hi</h1>").unwrap();
        assert!(out.contains("<link rel=\"stylesheet\" href=\"/prerender.css\" />\n</head>"));
        assert!(out.ends_with("<noscript>x</noscript><div id=\"prerender\" class=\"prerender\"><h1>Hi</h1></div><div id=\"app\"></div>\n</body>"), "{out}");
        assert!(!with_prerender(html, "").unwrap().contains("prerender\""));
        let trunk = "<head><link rel=\"modulepreload\" href=\"/a.js\"><link rel=\"preload\" href=\"/a_bg.wasm\" as=\"fetch\" type=\"application/wasm\"></head><body></body>";
        let out = with_prerender(trunk, "").unwrap();
        assert!(out.contains("<link rel=\"modulepreload\" href=\"/a.js\">") && !out.contains("a_bg.wasm"), "{out}");
        let module = "<head><script type=\"module\">\nimport init from '/a.js';\nconst wasm = await init({ module_or_path: '/a_bg.wasm' });\n</script></head><body></body>";
        let out = with_prerender(module, "").unwrap();
        assert!(out.contains(&format!("import init from '/a.js';\n{AFTER_FIRST_PAINT}const wasm = await init(")), "{out}");
    }
}
