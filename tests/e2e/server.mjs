// Plain static file server for the end-to-end tests and benchmarks.
//
// Deliberately dumb: it serves exactly what is in the directory, like a
// static host (GitHub Pages, S3) would. No SPA fallback, so a route that
// has no `index.html` on disk is a 404 — the tests rely on that to prove
// every route is pre-rendered as a real file.
//
//   import { startServer } from './server.mjs';
//   const srv = await startServer('dist');      // random free port
//   await fetch(srv.url + '/learning-rate/');
//   await srv.close();
//
// With `{ gzip: true }` (command line: `--gzip`) text and WebAssembly are sent gzip-compressed
// to clients that accept it, as a real static host would (the Lighthouse figures need that);
// the tests use the plain default.
//
// Command line: node tests/e2e/server.mjs dist 8080 [--gzip]

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';

const HOST = '127.0.0.1';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  // Must be exactly application/wasm, or WebAssembly.instantiateStreaming refuses it.
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.woff2': 'font/woff2',
};

export function contentTypeFor(filePath) {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

// Turns the raw request target into a path relative to the root, or null if it
// must be rejected. We look at the *raw* target (before WHATWG URL parsing
// silently resolves `..`) so traversal attempts are refused loudly instead of
// being normalised into something that happens to exist.
function safeRelativePath(rawTarget) {
  const rawPath = rawTarget.split('?')[0].split('#')[0];
  if (!rawPath.startsWith('/')) return null;
  let decoded;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null; // malformed percent-encoding
  }
  if (decoded.includes('\0')) return null;
  const segments = decoded.split(/[/\\]+/);
  if (segments.some((s) => s === '..' || s === '.')) return null;
  return segments.filter(Boolean).join(path.sep);
}

// What a static host compresses: text and WebAssembly, not images already compressed.
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.svg', '.json', '.map', '.txt', '.webmanifest']);

export function acceptsGzip(header) {
  return /(^|,)\s*gzip\s*(;\s*q=(?!0(\.0*)?\s*($|,))[\d.]+)?\s*($|,)/i.test(header ?? '');
}

function isInside(root, candidate) {
  return candidate === root || candidate.startsWith(root + path.sep);
}

function sendText(res, status, text, headOnly) {
  const body = Buffer.from(text + '\n');
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  });
  res.end(headOnly ? undefined : body);
}

/**
 * Start serving `rootDir` on 127.0.0.1.
 * @param {string} rootDir directory to serve
 * @param {number} [port=0] 0 picks a free port
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>, requests: string[], server: http.Server}>}
 */
export async function startServer(rootDir, port = 0, { gzip = false } = {}) {
  // realpath so that symlinks inside the root cannot point outside it unnoticed.
  const root = await fsp.realpath(path.resolve(rootDir));
  const requests = [];
  // Compressed once per file version (path, size and modification time).
  const compressed = new Map();
  async function gzipped(found) {
    const stat = await fsp.stat(found.filePath);
    const key = `${found.filePath}:${stat.size}:${stat.mtimeMs}`;
    if (!compressed.has(key)) compressed.set(key, zlib.gzipSync(await fsp.readFile(found.filePath), { level: 9 }));
    return compressed.get(key);
  }

  async function resolveFile(relative) {
    let filePath = path.join(root, relative);
    let stat = await fsp.stat(filePath).catch(() => null);
    if (stat?.isDirectory()) {
      // Directory: serve its index.html, with or without the trailing slash
      // (no redirect, so `/learning-rate` deep links work as they are).
      filePath = path.join(filePath, 'index.html');
      stat = await fsp.stat(filePath).catch(() => null);
    }
    if (!stat?.isFile()) return null;
    const real = await fsp.realpath(filePath).catch(() => null);
    if (!real || !isInside(root, real)) return null;
    return { filePath: real, size: stat.size };
  }

  // A 5000-key query string is one of the hostile-input tests; Node's default
  // 16 KiB header limit would answer 431 before the app ever saw it.
  const server = http.createServer({ maxHeaderSize: 1024 * 1024 }, async (req, res) => {
    const rawTarget = req.url ?? '/';
    const pathOnly = rawTarget.split('?')[0];
    requests.push(pathOnly);
    const headOnly = req.method === 'HEAD';
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD');
        return sendText(res, 405, 'Method Not Allowed', false);
      }
      const relative = safeRelativePath(rawTarget);
      if (relative === null) return sendText(res, 400, 'Bad Request', headOnly);
      const found = await resolveFile(relative);
      if (!found) return sendText(res, 404, 'Not Found', headOnly);

      if (gzip && COMPRESSIBLE.has(path.extname(found.filePath).toLowerCase()) && acceptsGzip(req.headers['accept-encoding'])) {
        const body = await gzipped(found);
        res.writeHead(200, {
          'Content-Type': contentTypeFor(found.filePath),
          'Content-Length': body.length,
          'Content-Encoding': 'gzip',
          Vary: 'Accept-Encoding',
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        });
        return res.end(headOnly ? undefined : body);
      }
      res.writeHead(200, {
        'Content-Type': contentTypeFor(found.filePath),
        'Content-Length': found.size,
        // Every load is a cold load: the benchmarks measure that, and tests
        // never see a stale build.
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      if (headOnly) return res.end();
      const stream = fs.createReadStream(found.filePath);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch (err) {
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error', headOnly);
      else res.destroy(err);
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const actualPort = server.address().port;
  return {
    url: `http://${HOST}:${actualPort}`,
    port: actualPort,
    requests,
    server,
    close() {
      return new Promise((resolve) => {
        // Browsers keep connections alive; without this close() would hang.
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}

// `node tests/e2e/server.mjs <dir> [port]`
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const gzip = args.includes('--gzip');
  const [dir = 'dist', portArg = '8080'] = args.filter((a) => a !== '--gzip');
  const port = Number(portArg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`invalid port: ${portArg}`);
    process.exit(2);
  }
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    console.error(`not a directory: ${dir}`);
    process.exit(2);
  }
  const srv = await startServer(dir, port, { gzip });
  console.log(`serving ${path.resolve(dir)} at ${srv.url}/${gzip ? ' with gzip' : ''} (Ctrl+C to stop)`);
  const stop = () => srv.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
