//! `cargo run -p xtask -- pages <dist>`: writes one real HTML page per route into the built
//! site, so `/learning-rate/` and `/embed/learning-rate/` load from a plain static file server
//! with no SPA fallback. Each page is the built `index.html` with its own title and description.

#[path = "../../../src/labs/catalogue.rs"]
#[allow(dead_code)]
mod catalogue;

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

fn write_page(dist: &Path, route: &str, html: &str) -> Result<PathBuf, String> {
    let dir = dist.join(route);
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join("index.html");
    fs::write(&path, html).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

fn pages(dist: &Path) -> Result<usize, String> {
    let index = fs::read_to_string(dist.join("index.html")).map_err(|e| format!("{}/index.html: {e} (run trunk build first)", dist.display()))?;
    let home_title = format!("{} — hyperparameter tuning you can see", catalogue::SITE_NAME);
    fs::write(dist.join("index.html"), with_meta(&index, &home_title, catalogue::SITE_DESCRIPTION)?).map_err(|e| e.to_string())?;
    let mut count = 1;
    for lab in catalogue::LABS {
        let title = format!("{} — {}", lab.title, catalogue::SITE_NAME);
        let html = with_meta(&index, &title, lab.description)?;
        write_page(dist, lab.slug, &html)?;
        write_page(dist, &format!("embed/{}", lab.slug), &html)?;
        count += 2;
    }
    let not_found = with_meta(&index, &format!("Not found — {}", catalogue::SITE_NAME), catalogue::SITE_DESCRIPTION)?;
    fs::write(dist.join("404.html"), not_found).map_err(|e| e.to_string())?;
    Ok(count + 1)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [cmd, dist] if cmd == "pages" => match pages(Path::new(dist)) {
            Ok(n) => {
                println!("wrote {n} pages into {dist}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("xtask pages: {e}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("usage: cargo run -p xtask -- pages <dist-dir>");
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
    fn catalogue_slugs_are_url_safe_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for lab in catalogue::LABS {
            assert!(lab.slug.bytes().all(|c| c.is_ascii_lowercase() || c == b'-'), "{}", lab.slug);
            assert!(lab.slug != "embed", "embed is reserved");
            assert!(seen.insert(lab.slug));
        }
    }
}
