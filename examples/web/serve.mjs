// Serve the demo page on localhost, fully offline: the page (examples/web/) at `/` and the
// npm package it imports (bindings/wasm/: js/ and the built pkg/) at `/o2okit/`.
//
//     cd bindings/wasm && npm run build && npm run demo      # prints the URL
//
// PORT chooses the port (default 8080; 0 for any free port). Also imported by the browser
// test, which starts it on a free port.
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const PAGE = fileURLToPath(new URL('.', import.meta.url));
const PACKAGE = fileURLToPath(new URL('../../bindings/wasm/', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

// The file for a request path, or null: only files under the page's folder, and the
// package's js/ and pkg/ folders, with a known type.
function resolve(pathname) {
  const path = normalize(decodeURIComponent(pathname));
  let file;
  if (path.startsWith(`${sep}o2okit${sep}`)) {
    const rest = path.slice(`${sep}o2okit${sep}`.length);
    if (!rest.startsWith(`js${sep}`) && !rest.startsWith(`pkg${sep}`)) return null;
    file = join(PACKAGE, rest);
    if (!file.startsWith(PACKAGE)) return null;
  } else {
    file = join(PAGE, path === sep ? 'index.html' : path);
    if (!file.startsWith(PAGE)) return null;
  }
  if (!TYPES[extname(file)] || !existsSync(file) || !statSync(file).isFile()) return null;
  return file;
}

/** Start the server; resolves to `{ server, url }`. */
export function start({ port = Number(process.env.PORT ?? 8080), host = '127.0.0.1' } = {}) {
  if (!existsSync(join(PACKAGE, 'pkg', 'web', 'o2okit_wasm_bg.wasm'))) {
    throw new Error(`the package is not built: run npm run build in ${PACKAGE}`);
  }
  const server = createServer((req, res) => {
    const file = resolve(new URL(req.url, 'http://localhost').pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)], 'cache-control': 'no-store' }).end(readFileSync(file));
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolvePromise({ server, url: `http://${host}:${actual}/` });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await start();
  console.log(`o2okit demo: ${url}  (Ctrl-C to stop)`);
}
