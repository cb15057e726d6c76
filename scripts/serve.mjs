// A small static file server for the built page (no dependencies): make demo and the
// browser tests use it. Usage: node scripts/serve.mjs DIR [PORT]   (PORT 0 picks a free one)
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

// Serves dir on 127.0.0.1:port; resolves to the http.Server once listening.
// Options (for tests): headers, sent with every answer (e.g. a Content-Security-Policy);
// prefix, a sub-path the site lives under ('/courses/ml/backprop/'): only paths below it are
// served, as on a course site that is not the server's root.
export function serve(dir, port = 0, { headers = {}, prefix = '/' } = {}) {
  const root = resolve(dir);
  // A link with the student's own points is long (about 40 bytes a point, up to the 1 MiB
  // the page reads): Node's default 16 KB of request headers would refuse it.
  const server = createServer({ maxHeaderSize: 2 * 1024 * 1024 }, async (req, res) => {
    try {
      const full = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (!full.startsWith(prefix)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      const path = '/' + full.slice(prefix.length);
      const file = normalize(join(root, path.endsWith('/') ? path + 'index.html' : path));
      if (!file.startsWith(root)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream',
                           'Cache-Control': 'no-cache', ...headers });
      res.end(body);
    } catch (err) {
      res.writeHead(err.code === 'ENOENT' || err.code === 'EISDIR' ? 404 : 500);
      res.end(String(err.code ?? err));
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok(server));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir = 'build/web/site', port = '8000'] = process.argv.slice(2);
  serve(dir, Number(port)).then(
    (server) => console.log(`Serving ${dir} on http://127.0.0.1:${server.address().port}/ (Ctrl-C stops)`),
    (err) => { console.error(`serve: cannot listen on port ${port}: ${err.message}`); process.exit(1); });
}
