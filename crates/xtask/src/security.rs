//! What makes the static pages safe to host anywhere and usable offline: a strict content
//! security policy in each page (static hosts rarely let you set headers), subresource integrity
//! on every script and stylesheet, and a service worker that knows this deployment's files.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use sha2::{Digest, Sha256, Sha384};
use std::fs;
use std::path::Path;

/// The policy, before the hashes of the page's own inline scripts are added to `script-src`.
/// `'wasm-unsafe-eval'` lets WebAssembly compile; nothing else may evaluate strings.
const POLICY: [&str; 11] = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
];

pub fn sha256_base64(bytes: &[u8]) -> String {
    BASE64.encode(Sha256::digest(bytes))
}

fn sha384_base64(bytes: &[u8]) -> String {
    BASE64.encode(Sha384::digest(bytes))
}

/// The value of `name="..."` inside one tag's text, if present.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

/// The policy for a page whose inline scripts have these bodies.
pub fn policy_for(inline_scripts: &[&str]) -> String {
    let hashes: String = inline_scripts.iter().map(|body| format!(" 'sha256-{}'", sha256_base64(body.as_bytes()))).collect();
    POLICY.iter().map(|d| if d.starts_with("script-src") { format!("{d}{hashes}") } else { d.to_string() }).collect::<Vec<_>>().join("; ")
}

fn file_sri(dist: &Path, url: &str) -> Result<String, String> {
    let bytes = fs::read(dist.join(url.trim_start_matches('/'))).map_err(|e| format!("a page refers to {url}: {e}"))?;
    Ok(format!("sha384-{}", sha384_base64(&bytes)))
}

/// Puts the WebAssembly that Trunk's start-up module runs under subresource integrity: Trunk
/// preloads the bundle (JavaScript and wasm) with integrity hashes, and the fetch that actually
/// instantiates the wasm carries the same hash, so no other bytes can run.
fn pin_start_module(html: &str, dist: &Path) -> Result<String, String> {
    let mut out = html.to_string();
    let wasm_arg = "module_or_path: '";
    if let Some(start) = out.find(wasm_arg) {
        let url_start = start + wasm_arg.len();
        let url_end = out[url_start..].find('\'').ok_or("unclosed wasm path")? + url_start;
        let url = out[url_start..url_end].to_string();
        let pinned = format!("module_or_path: fetch('{url}', {{ integrity: '{}' }})", file_sri(dist, &url)?);
        out.replace_range(start..=url_end, &pinned);
    }
    Ok(out)
}

/// `html` with a content security policy that allows exactly its inline scripts (by hash), and
/// an `integrity` attribute on every local script, module and stylesheet (hashed from the file in
/// `dist`, replacing any the page had). Fails if a page refers to a local file that is not there.
pub fn harden(html: &str, dist: &Path) -> Result<String, String> {
    let pinned = pin_start_module(html, dist)?;
    let html = pinned.as_str();
    let mut out = String::with_capacity(html.len() + 1024);
    let mut inline = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        let Some(close) = rest.find('>') else { break };
        let tag = &rest[..=close];
        let is_script = tag.starts_with("<script");
        let is_link = tag.starts_with("<link");
        let target = if is_script { attribute(tag, "src") } else if is_link { attribute(tag, "href") } else { None };
        let rel = attribute(tag, "rel").unwrap_or("");
        let loads_code = is_script || matches!(rel, "stylesheet" | "modulepreload" | "preload");
        match target {
            // Any hash already there (Trunk's) is replaced: the file may have been minified since.
            Some(url) if loads_code && url.starts_with('/') => {
                let tag = match attribute(tag, "integrity") {
                    Some(old) => tag.replace(&format!(" integrity=\"{old}\""), ""),
                    None => tag.to_string(),
                };
                let end = if tag.ends_with("/>") { tag.len() - 2 } else { tag.len() - 1 };
                out.push_str(tag[..end].trim_end());
                out.push_str(&format!(" integrity=\"{}\"", file_sri(dist, url)?));
                out.push_str(&tag[end..]);
            }
            _ => out.push_str(tag),
        }
        rest = &rest[close + 1..];
        if is_script && target.is_none() {
            let end = rest.find("</script>").ok_or("unclosed inline <script>")?;
            inline.push(&rest[..end]);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{}\" />", policy_for(&inline));
    let charset = out.find("<meta charset").ok_or("page has no <meta charset>")?;
    let after = out[charset..].find('>').ok_or("unclosed <meta charset>")? + charset + 1;
    out.insert_str(after, &format!("\n    {meta}"));
    Ok(out)
}

/// Every file of the site as the URL a browser asks for (`/learning-rate/` for its index page),
/// sorted; the service worker itself is left out.
pub fn site_paths(dist: &Path) -> Result<Vec<String>, String> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) -> Result<(), String> {
        for entry in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                walk(&path, root, out)?;
                continue;
            }
            let rel = path.strip_prefix(root).map_err(|e| e.to_string())?.to_string_lossy().replace('\\', "/");
            match rel.as_str() {
                "sw.js" => {}
                "index.html" => out.push("/".into()),
                r if r.ends_with("/index.html") => out.push(format!("/{}", r.trim_end_matches("index.html"))),
                r => out.push(format!("/{r}")),
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dist, dist, &mut out)?;
    out.sort();
    Ok(out)
}

/// Writes `dist/sw.js`: the worker in `sw.js` with this deployment's version (a hash of every
/// file's path and content, so any change makes a new cache) and its file list.
pub fn write_service_worker(dist: &Path) -> Result<(), String> {
    let paths = site_paths(dist)?;
    let mut hasher = Sha256::new();
    for p in &paths {
        let file = if p.ends_with('/') { dist.join(p.trim_start_matches('/')).join("index.html") } else { dist.join(p.trim_start_matches('/')) };
        hasher.update(p.as_bytes());
        hasher.update(fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?);
    }
    let version: String = hasher.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect();
    let list = paths.iter().map(|p| format!("{p:?}")).collect::<Vec<_>>().join(",\n  ");
    let worker = format!("const VERSION = \"{version}\";\nconst SITE = [\n  {list}\n];\n{}", include_str!("sw.js"));
    fs::write(dist.join("sw.js"), worker).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_allows_inline_scripts_by_hash_only() {
        let p = policy_for(&["alert(1)"]);
        assert!(p.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"));
        assert!(!p.contains("unsafe-inline") && !p.contains("'unsafe-eval'"));
        assert!(p.contains("object-src 'none'") && p.contains("base-uri 'none'") && p.contains("connect-src 'self'"));
        // The hash of `alert(1)` as browsers compute it (echo -n 'alert(1)' | openssl sha256 -binary | base64).
        assert!(p.contains("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"), "{p}");
    }

    #[test]
    fn harden_adds_integrity_and_policy() {
        let dist = std::env::temp_dir().join(format!("xtask-sec-{}", std::process::id()));
        fs::create_dir_all(&dist).unwrap();
        fs::write(dist.join("app.js"), "x").unwrap();
        let html = "<head><meta charset=\"utf-8\" /><script src=\"/app.js\"></script><script type=\"module\">go()</script></head>";
        let out = harden(html, &dist).unwrap();
        assert!(out.contains("<script src=\"/app.js\" integrity=\"sha384-"), "{out}");
        assert!(out.contains(&format!("'sha256-{}'", sha256_base64(b"go()"))));
        assert!(out.find("Content-Security-Policy").unwrap() < out.find("<script").unwrap(), "the policy comes before any script");
        assert!(harden("<head><meta charset=\"utf-8\" /><script src=\"/missing.js\"></script></head>", &dist).is_err());
        // A stale hash (the file was minified after Trunk hashed it) is replaced by the file's.
        let stale = "<head><meta charset=\"utf-8\" /><link rel=\"modulepreload\" href=\"/app.js\" integrity=\"sha384-stale\"></head>";
        let out = harden(stale, &dist).unwrap();
        assert!(!out.contains("sha384-stale") && out.contains(&format!("<link rel=\"modulepreload\" href=\"/app.js\" integrity=\"{}\">", file_sri(&dist, "/app.js").unwrap())), "{out}");

        // Trunk's start-up module: its wasm is fetched with an integrity hash.
        fs::write(dist.join("b_bg.wasm"), "w").unwrap();
        let trunk = "<head><meta charset=\"utf-8\" /><script type=\"module\">\nimport init, * as bindings from '/app.js';\nconst wasm = await init({ module_or_path: '/b_bg.wasm' });\n</script></head>";
        let out = harden(trunk, &dist).unwrap();
        assert!(out.contains("module_or_path: fetch('/b_bg.wasm', { integrity: 'sha384-"), "{out}");
        let body = &out[out.find("<script type=\"module\">").unwrap() + "<script type=\"module\">".len()..out.find("</script>").unwrap()];
        assert!(out.contains(&format!("'sha256-{}'", sha256_base64(body.as_bytes()))), "the policy hashes the rewritten module");
        fs::remove_dir_all(&dist).unwrap();
    }
}
