// Minifies the JavaScript and CSS of the per-bundle Trunk builds in place, before
// `xtask assemble` computes their subresource-integrity hashes (it recomputes every hash, so the
// ones Trunk wrote for the unminified files do not matter). The JavaScript is wasm-bindgen's
// glue (an ES module), public/boot.js and public/theme.js (classic scripts); neither kind has
// its top-level names renamed, and the HTML is left to xtask (Trunk's HTML minifier would
// break its parsing). Before that, the names of the functions each wasm imports from its glue
// are shortened in both files (scripts/shorten-imports.mjs). Idempotent: minifying a minified
// build again changes nothing that matters.
//
//   node scripts/minify.mjs target/site
//
// Prints one line per build: files minified and bytes before → after.

import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';
import { shortenImports } from './shorten-imports.mjs';

const LOADERS = { '.js': 'js', '.css': 'css' };

function filesUnder(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (LOADERS[path.extname(entry.name)]) out.push(full);
  }
  return out;
}

export function minifyFile(file) {
  const source = fs.readFileSync(file, 'utf8');
  const { code } = transformSync(source, { loader: LOADERS[path.extname(file)], minify: true, legalComments: 'none' });
  fs.writeFileSync(file, code);
  return [source.length, code.length];
}

function main(roots) {
  if (roots.length === 0) {
    console.error('usage: node scripts/minify.mjs <build dir>...');
    process.exit(2);
  }
  for (const root of roots) {
    for (const build of fs.readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory())) {
      const dir = path.join(root, build.name);
      let [before, after, count] = [0, 0, 0];
      for (const wasm of fs.readdirSync(dir).filter((f) => f.endsWith('_bg.wasm'))) {
        const glue = path.join(dir, wasm.replace(/_bg\.wasm$/, '.js'));
        before += fs.statSync(path.join(dir, wasm)).size;
        shortenImports(path.join(dir, wasm), glue);
        after += fs.statSync(path.join(dir, wasm)).size;
      }
      for (const file of filesUnder(dir)) {
        const [b, a] = minifyFile(file);
        before += b;
        after += a;
        count += 1;
      }
      console.log(`minify ${build.name}: ${count} files, ${before} → ${after} bytes`);
    }
  }
}

main(process.argv.slice(2));
