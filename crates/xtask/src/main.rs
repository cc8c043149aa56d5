//! Build-time tasks for the release site.
//!
//! - `cargo run -p xtask -- slugs`: the catalogue's lab slugs, then the exam-prep hub's
//!   (`practice`), one per line (the Makefile builds one bundle per slug, under the Cargo feature
//!   of the same name).
//! - `cargo run -p xtask -- assemble <builds> <dist>`: merges the per-bundle Trunk builds
//!   (`<builds>/home`, `<builds>/<slug>` for each lab) into one site, writing one real HTML page
//!   per route, so `/learning-rate/` and `/embed/learning-rate/` load from a plain static file
//!   server with no SPA fallback. Each lab's pages load only that lab's bundle; each page has
//!   its own title and description, and its content pre-rendered as static HTML for the first
//!   paint (`prerender.rs`), which the app replaces once drawn. Every page gets a strict content
//!   security policy (inline scripts allowed by hash only) and every bundle it loads a
//!   subresource-integrity hash; the service worker `/sw.js` is written with this deployment's
//!   version and file list.

use hyperlab_ml::labs::catalogue;

mod prerender;
mod security;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Replaces the `<title>` and the description meta tag of `html`.
fn with_meta(html: &str, title: &str, description: &str) -> Result<String, String> {
    let start = html.find("<title>").ok_or("index.html has no <title>")?;
    let end = html[start..].find("</title>").ok_or("unclosed <title>")? + start + "</title>".len();
    let mut out = format!("{}<title>{}</title>{}", &html[..start], escape(title), &html[end..]);
    let marker = "<meta name=\"description\" content=\"";
    let d_start = out.find(marker).ok_or("index.html has no description meta tag")? + marker.len();
    let d_end = out[d_start..].find('"').ok_or("unclosed description")? + d_start;
    out.replace_range(d_start..d_end, &escape(description));
    Ok(out)
}

/// One route's page: the Trunk build's HTML with this page's title and description, its content
/// pre-rendered for the first paint, then hardened (policy, integrity hashes).
fn page(index: &str, title: &str, description: &str, body: &str, dist: &Path) -> Result<String, String> {
    security::harden(&prerender::with_prerender(&with_meta(index, title, description)?, body)?, dist)
}

/// Leaves out the style sheets of other labs and of the practice hub (`style/<slug>.css`, which
/// Trunk names `/<slug>-<hash>.css`): every build links every sheet, but a page needs only its own.
fn only_own_styles(index: &str, slug: &str) -> String {
    let other_labs_sheet = |line: &str| {
        line.trim_start().starts_with("<link rel=\"stylesheet\"")
            && catalogue::LABS
                .iter()
                .chain([&catalogue::PRACTICE])
                .any(|lab| lab.slug != slug && line.contains(&format!("href=\"/{}-", lab.slug)))
    };
    index.lines().filter(|line| !other_labs_sheet(line)).collect::<Vec<_>>().join("\n")
}

fn write_page(dist: &Path, route: &str, html: &str) -> Result<PathBuf, String> {
    let dir = dist.join(route);
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join("index.html");
    fs::write(&path, html).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// Copies every file of a Trunk build except its `index.html` (hashed names never collide; files
/// with the same name are the same file, like the favicon).
fn copy_assets(from: &Path, to: &Path) -> Result<(), String> {
    for entry in fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            fs::create_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
            copy_assets(&path, &target)?;
        } else if entry.file_name() != "index.html" {
            fs::copy(&path, &target).map_err(|e| format!("{}: {e}", target.display()))?;
        }
    }
    Ok(())
}

fn read_index(build: &Path) -> Result<String, String> {
    fs::read_to_string(build.join("index.html")).map_err(|e| format!("{}/index.html: {e} (run the Trunk builds first)", build.display()))
}

fn assemble(builds: &Path, dist: &Path) -> Result<usize, String> {
    if dist.exists() {
        fs::remove_dir_all(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    }
    fs::create_dir_all(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    let home = builds.join("home");
    let index = only_own_styles(&read_index(&home)?, "home");
    copy_assets(&home, dist)?;
    fs::write(dist.join(prerender::STYLESHEET), prerender::stylesheet()).map_err(|e| e.to_string())?;
    let home_title = format!("{} — hyperparameter tuning you can see", catalogue::SITE_NAME);
    let home_page = page(&index, &home_title, catalogue::SITE_DESCRIPTION, &prerender::home_body(), dist)?;
    fs::write(dist.join("index.html"), home_page).map_err(|e| e.to_string())?;
    let not_found = page(&index, &format!("Not found — {}", catalogue::SITE_NAME), catalogue::SITE_DESCRIPTION, "", dist)?;
    fs::write(dist.join("404.html"), not_found).map_err(|e| e.to_string())?;
    let mut count = 2;
    for lab in catalogue::LABS {
        let build = builds.join(lab.slug);
        let lab_index = only_own_styles(&read_index(&build)?, lab.slug);
        copy_assets(&build, dist)?;
        let title = format!("{} — {}", lab.title, catalogue::SITE_NAME);
        let spec = prerender::lab_page(lab.slug).ok_or_else(|| format!("no pre-rendered page for {}", lab.slug))?;
        for (route, embed) in [(lab.slug.to_string(), false), (format!("embed/{}", lab.slug), true)] {
            write_page(dist, &route, &page(&lab_index, &title, lab.description, &prerender::lab_body(lab, spec, embed), dist)?)?;
        }
        count += 2;
    }
    count += assemble_practice(builds, dist)?;
    security::write_service_worker(dist)?;
    Ok(count)
}

/// The exam-prep hub's pages (`/practice/` and its quiz-card embed) from its own bundle. The
/// Makefile builds that bundle because `slugs` lists it; a build directory without it (an older
/// build script) gets no hub pages and a warning, not a failed site.
fn assemble_practice(builds: &Path, dist: &Path) -> Result<usize, String> {
    let hub = &catalogue::PRACTICE;
    let build = builds.join(hub.slug);
    if !build.exists() {
        eprintln!("xtask assemble: no {} build in {}: the site has no /{}/ page", hub.slug, builds.display(), hub.slug);
        return Ok(0);
    }
    let index = only_own_styles(&read_index(&build)?, hub.slug);
    copy_assets(&build, dist)?;
    let title = format!("{} — {}", hub.title, catalogue::SITE_NAME);
    let intro = hyperlab_ml::exam::texts::intro(&hyperlab_ml::exam::Bank::parse(hyperlab_ml::exam::BANK_JSON)?);
    for (route, embed) in [(hub.slug.to_string(), false), (format!("embed/{}", hub.slug), true)] {
        write_page(dist, &route, &page(&index, &title, hub.description, &prerender::practice_body(&intro, embed), dist)?)?;
    }
    Ok(2)
}

/// Every bundle's slug: the labs, then the hub.
fn slugs() -> impl Iterator<Item = &'static str> {
    catalogue::LABS.iter().map(|l| l.slug).chain(std::iter::once(catalogue::PRACTICE.slug))
}

/// The question bank must be valid for the hub's page to ship (the same check as the native
/// tests, so `make dist` fails on a broken bank too).
fn check_bank() -> Result<usize, String> {
    use hyperlab_ml::exam::{challenge_ids, Bank, BANK_JSON};
    let bank = Bank::parse(BANK_JSON)?;
    let errors = bank.validate(&challenge_ids());
    if errors.is_empty() { Ok(bank.questions.len()) } else { Err(format!("the question bank is invalid:\n{}", errors.join("\n"))) }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["slugs"] => {
            for slug in slugs() {
                println!("{slug}");
            }
            ExitCode::SUCCESS
        }
        ["assemble", builds, dist] => match check_bank().and_then(|_| assemble(Path::new(builds), Path::new(dist))) {
            Ok(n) => {
                println!("wrote {n} pages into {dist}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("xtask assemble: {e}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("usage: cargo run -p xtask -- slugs | assemble <builds-dir> <dist-dir>");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_title_and_description_and_escapes() {
        let html = "<head><title>Old</title><meta name=\"description\" content=\"old\" /></head>";
        let out = with_meta(html, "A <b> & \"c\"", "new").unwrap();
        assert_eq!(out, "<head><title>A &lt;b&gt; &amp; &quot;c&quot;</title><meta name=\"description\" content=\"new\" /></head>");
        assert!(with_meta("<p>no head</p>", "t", "d").is_err());
    }

    #[test]
    fn a_page_links_only_its_own_labs_style_sheet() {
        let index = "<head>\n    <link rel=\"stylesheet\" href=\"/main-1.css\"/>\n    <link rel=\"stylesheet\" href=\"/search-2.css\"/>\n</head>";
        let trees = only_own_styles(index, "trees");
        assert!(trees.contains("/main-1.css") && !trees.contains("/search-2.css"), "{trees}");
        assert!(!only_own_styles(index, "home").contains("/search-2.css"));
        assert_eq!(only_own_styles(index, "search"), index);
        let with_hub = "<head>\n    <link rel=\"stylesheet\" href=\"/main-1.css\"/>\n    <link rel=\"stylesheet\" href=\"/practice-3.css\"/>\n</head>";
        assert!(!only_own_styles(with_hub, "trees").contains("/practice-3.css"));
        assert!(!only_own_styles(with_hub, "home").contains("/practice-3.css"));
        assert_eq!(only_own_styles(with_hub, "practice"), with_hub);
    }

    #[test]
    fn assemble_writes_one_page_per_route_from_each_lab_build() {
        let root = std::env::temp_dir().join(format!("xtask-test-{}", std::process::id()));
        let builds = root.join("builds");
        let page = |bundle: &str| format!("<head><meta charset=\"utf-8\" /><title>t</title><meta name=\"description\" content=\"d\" /><script src=\"/{bundle}.js\"></script></head><body></body>");
        for bundle in std::iter::once("home").chain(catalogue::LABS.iter().map(|l| l.slug)) {
            let dir = builds.join(bundle);
            fs::create_dir_all(&dir).unwrap();
            fs::write(dir.join("index.html"), page(bundle)).unwrap();
            fs::write(dir.join(format!("{bundle}.js")), bundle).unwrap();
            fs::write(dir.join("favicon.svg"), "icon").unwrap();
        }
        let dist = root.join("dist");
        let pages = assemble(&builds, &dist).unwrap();
        assert_eq!(pages, 2 + 2 * catalogue::LABS.len());
        let lab = &catalogue::LABS[0];
        let html = fs::read_to_string(dist.join(lab.slug).join("index.html")).unwrap();
        assert!(html.contains(&format!("/{}.js", lab.slug)), "a lab page loads its own bundle");
        assert!(html.contains(lab.title));
        let embed = fs::read_to_string(dist.join("embed").join(lab.slug).join("index.html")).unwrap();
        assert!(embed.contains(&format!("/{}.js", lab.slug)) && embed.contains("embed-title"), "the embed loads the same bundle, pre-rendered as an embed");
        assert!(html.contains("<div id=\"prerender\"") && html.contains("<div id=\"app\"></div>") && html.contains("/prerender.css\" integrity=\"sha384-"));
        assert!(fs::read_to_string(dist.join("index.html")).unwrap().contains("/home.js"));
        assert!(dist.join("favicon.svg").exists() && dist.join(format!("{}.js", lab.slug)).exists());
        assert!(html.contains("Content-Security-Policy") && html.contains("integrity=\"sha384-"));
        let worker = fs::read_to_string(dist.join("sw.js")).unwrap();
        assert!(worker.contains(&format!("\"/{}/\"", lab.slug)) && worker.contains(&format!("\"/embed/{}/\"", lab.slug)));
        assert!(worker.contains("\"/\"") && !worker.contains("\"/sw.js\""), "pages are listed by their URL; the worker is not");
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn assemble_writes_the_practice_hub_from_its_own_bundle() {
        let root = std::env::temp_dir().join(format!("xtask-practice-{}", std::process::id()));
        let builds = root.join("builds");
        let page = |bundle: &str| format!("<head><meta charset=\"utf-8\" /><title>t</title><meta name=\"description\" content=\"d\" /><script src=\"/{bundle}.js\"></script></head><body></body>");
        for bundle in slugs().chain(std::iter::once("home")) {
            let dir = builds.join(bundle);
            fs::create_dir_all(&dir).unwrap();
            fs::write(dir.join("index.html"), page(bundle)).unwrap();
            fs::write(dir.join(format!("{bundle}.js")), bundle).unwrap();
        }
        let dist = root.join("dist");
        assert_eq!(assemble(&builds, &dist).unwrap(), 2 + 2 * catalogue::LABS.len() + 2);
        let html = fs::read_to_string(dist.join("practice").join("index.html")).unwrap();
        assert!(html.contains("/practice.js") && html.contains(catalogue::PRACTICE.title));
        assert!(html.contains("<div id=\"prerender\"") && html.contains(&escape(catalogue::PRACTICE.title)));
        assert!(fs::read_to_string(dist.join("embed").join("practice").join("index.html")).unwrap().contains("/practice.js"));
        let worker = fs::read_to_string(dist.join("sw.js")).unwrap();
        assert!(worker.contains("\"/practice/\"") && worker.contains("\"/embed/practice/\""));
        fs::remove_dir_all(&root).unwrap();
        assert_eq!(slugs().last(), Some("practice"));
        assert!(check_bank().unwrap() >= 40);
    }

    #[test]
    fn catalogue_slugs_are_url_safe_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for lab in catalogue::LABS {
            assert!(lab.slug.bytes().all(|c| c.is_ascii_lowercase() || c == b'-'), "{}", lab.slug);
            assert!(lab.slug != "embed", "embed is reserved");
            assert!(seen.insert(lab.slug));
        }
    }
}
