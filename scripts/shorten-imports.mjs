// wasm-bindgen names each function the wasm imports from its glue after the JS function and a
// 16-hex-digit hash (`__wbg_setAttribute_847fd86b8c33ec43`), once in the wasm's import section and
// once as a key of the glue's import object: about 9 KB of names per bundle that gzip can hardly
// shrink (each lab page is 5.4 to 6.1 KiB gzipped smaller without them). `shortenImports` renames
// them `a`, `b`, … `ba`, … in both files; nothing else changes. scripts/minify.mjs calls it.

import fs from 'node:fs';

function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function leb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

function name(text) {
  const bytes = Buffer.from(text, 'utf8');
  return [...leb(bytes.length), ...bytes];
}

/** The `index`th short name: `a` … `Z`, then `ba`, `bb`, …: an identifier, fine as an object key. */
function shortName(index) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let out = '';
  do {
    out = letters[index % letters.length] + out;
    index = Math.floor(index / letters.length);
  } while (index > 0);
  return out;
}

/** The end of an import's description (after its kind byte) at `at`. */
function skipImportDesc(bytes, kind, at) {
  const limits = (p) => {
    const [flags, q] = readLeb(bytes, p);
    let [, r] = readLeb(bytes, q);
    if (flags & 1) [, r] = readLeb(bytes, r);
    return r;
  };
  switch (kind) {
    case 0: return readLeb(bytes, at)[1]; // function: type index
    case 1: return limits(at + 1); // table: element type, limits
    case 2: return limits(at); // memory: limits
    case 3: return at + 2; // global: value type, mutability
    case 4: return readLeb(bytes, at + 1)[1]; // tag: attribute, type index
    default: throw new Error(`unknown import kind ${kind}`);
  }
}

/**
 * Renames the glue functions `wasmFile` imports, in it and in its glue `jsFile`. Only names
 * wasm-bindgen gave (`__wbg…`, `__wbindgen…`) that the glue spells exactly once, as an object
 * key, are renamed, so a second run changes nothing. Returns how many it renamed.
 */
export function shortenImports(wasmFile, jsFile) {
  const bytes = fs.readFileSync(wasmFile);
  let js = fs.readFileSync(jsFile, 'utf8');
  const out = [bytes.subarray(0, 8)];
  let renamed = 0;
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = readLeb(bytes, at + 1);
    const end = start + size;
    if (id !== 2) {
      out.push(bytes.subarray(at, end));
      at = end;
      continue;
    }
    let [count, p] = readLeb(bytes, start);
    const section = [...leb(count)];
    for (let i = 0; i < count; i++) {
      let length;
      [length, p] = readLeb(bytes, p);
      const module = bytes.subarray(p, p + length).toString('utf8');
      p += length;
      [length, p] = readLeb(bytes, p);
      let field = bytes.subarray(p, p + length).toString('utf8');
      p += length;
      const descStart = p;
      p = skipImportDesc(bytes, bytes[p], p + 1);
      if (/^__wb(g|indgen)/.test(field)) {
        const key = new RegExp(`(?<![\\w$])${field.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
        const uses = [...js.matchAll(key)];
        if (uses.length === 1 && /^\s*:/.test(js.slice(uses[0].index + field.length))) {
          const short = shortName(renamed++);
          js = js.slice(0, uses[0].index) + short + js.slice(uses[0].index + field.length);
          field = short;
        }
      }
      section.push(...name(module), ...name(field), ...bytes.subarray(descStart, p));
    }
    out.push(Buffer.from([id, ...leb(section.length), ...section]));
    at = end;
  }
  fs.writeFileSync(wasmFile, Buffer.concat(out));
  fs.writeFileSync(jsFile, js);
  return renamed;
}
