#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Static server for the pixelpipe demo, the browser tests and the benchmark.
//
// Serves the REPO ROOT (so a page can import /js/index.js and the worker can load /dist/web/*),
// on 127.0.0.1 only, with the two headers that make a page cross-origin isolated
// (SharedArrayBuffer → the threaded `-mt` build):
//   Cross-Origin-Opener-Policy: same-origin
//   Cross-Origin-Embedder-Policy: require-corp
// `--no-isolation` (or PIXELPIPE_NO_ISOLATION=1) omits them, which makes the service fall back to
// the single-threaded `-st` build; the browser tests run one server of each kind.
//
// Usage:  node web-demo/serve.mjs [PORT] [--no-isolation] [--root DIR] [--quiet]
//         PORT=9000 node web-demo/serve.mjs
// As a module:  const { server, url, close } = await startServer({ port: 0, root, isolated: true });

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.d.ts': 'text/plain; charset=utf-8',
};

function mimeOf(file) {
  const ext = path.extname(file).toLowerCase();
  return MIME[ext] || 'application/octet-stream';
}

/**
 * Resolve a URL path inside `root`; returns null for anything that would escape it
 * (`..` segments, encoded slashes/backslashes, NUL bytes).
 */
export function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..')) return null;
  // No dotfiles/dot-folders (.git, .notes, ...): nothing a page needs lives there.
  if (segments.some((s) => s.startsWith('.') && s.length > 0)) return null;
  const abs = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  const rel = path.relative(root, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return abs;
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

/**
 * Start the static server.
 * @param {{port?: number, root?: string, isolated?: boolean, host?: string, quiet?: boolean, headers?: object}} [opts]
 *   port 0 picks a free port. isolated (default true) adds COOP/COEP. headers: more response
 *   headers (the package tests add a Content-Security-Policy).
 * @returns {Promise<{server: http.Server, port: number, url: string, close: () => Promise<void>}>}
 */
export function startServer({ port = 8080, root = REPO_ROOT, isolated = true, host = '127.0.0.1', quiet = true, headers = {} } = {}) {
  root = path.resolve(root);
  const isolationHeaders = isolated
    ? {
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cross-Origin-Resource-Policy': 'same-origin',
      }
    : {};

  const server = http.createServer((req, res) => {
    const common = { ...isolationHeaders, ...headers, 'Cache-Control': 'no-store' };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'method not allowed\n', { ...common, Allow: 'GET, HEAD' });
    }
    let pathname;
    try {
      pathname = new URL(req.url, 'http://localhost').pathname;
    } catch {
      return send(res, 400, 'bad request\n', common);
    }
    if (pathname === '/' || pathname === '') {
      return send(res, 302, 'see /web-demo/\n', { ...common, Location: '/web-demo/' });
    }
    const file = resolveInside(root, pathname);
    if (!file) return send(res, 403, 'forbidden\n', common);

    fs.stat(file, (err, st) => {
      if (err) return send(res, 404, 'not found\n', common);
      if (st.isDirectory()) {
        if (!pathname.endsWith('/')) {
          return send(res, 301, 'moved\n', { ...common, Location: pathname + '/' });
        }
        const index = path.join(file, 'index.html');
        return fs.stat(index, (e2, st2) => {
          if (e2 || !st2.isFile()) return send(res, 404, 'not found\n', common);
          stream(index, st2);
        });
      }
      if (!st.isFile()) return send(res, 404, 'not found\n', common);
      stream(file, st);
    });

    function stream(file, st) {
      res.writeHead(200, { ...common, 'Content-Type': mimeOf(file), 'Content-Length': st.size });
      if (req.method === 'HEAD') return res.end();
      const rs = fs.createReadStream(file);
      rs.on('error', () => res.destroy());
      rs.pipe(res);
    }
    if (!quiet) res.on('finish', () => console.log(`${res.statusCode} ${req.method} ${req.url}`));
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = server.address().port;
      resolve({
        server,
        port: actual,
        url: `http://${host}:${actual}/`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

function parseArgs(argv) {
  const out = { port: undefined, isolated: true, root: REPO_ROOT, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-isolation' || a === '--no-coop-coep') out.isolated = false;
    else if (a === '--root') out.root = argv[++i];
    else if (a === '--verbose' || a === '-v') out.verbose = true;
    else if (a === '--port') out.port = Number(argv[++i]);
    else if (/^\d+$/.test(a)) out.port = Number(a);
    else if (a === '--help' || a === '-h') {
      console.log('usage: node web-demo/serve.mjs [PORT] [--no-isolation] [--root DIR] [--verbose]\n' +
        'env: PORT (default 8080), PIXELPIPE_NO_ISOLATION=1');
      process.exit(0);
    } else {
      console.error(`serve.mjs: unknown argument ${a}`);
      process.exit(2);
    }
  }
  if (out.port === undefined) out.port = process.env.PORT ? Number(process.env.PORT) : 8080;
  if (/^(1|true|yes)$/i.test(process.env.PIXELPIPE_NO_ISOLATION || '')) out.isolated = false;
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = parseArgs(process.argv.slice(2));
  startServer({ port: args.port, root: args.root, isolated: args.isolated, quiet: !args.verbose })
    .then(({ url }) => {
      console.log(`pixelpipe demo: ${url}` + (args.isolated ? '' : '  (not cross-origin isolated: single-threaded build)'));
    })
    .catch((err) => {
      console.error(`serve.mjs: cannot listen on 127.0.0.1:${args.port}: ${err.message}`);
      process.exit(1);
    });
}
