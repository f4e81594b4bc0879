// Serves the built editor and forwards API, webhook and health requests to the API server.
// Used only while the API does not serve packages/editor/dist itself (docs/editor.md).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

export function startFrontServer(distDir: string, apiPort: number, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const proxied = /^\/(api|hooks|webhooks|healthz)(\/|$)/.test(url.pathname);
    if (proxied) {
      const upstream = request(
        { host: '127.0.0.1', port: apiPort, path: req.url, method: req.method, headers: req.headers },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      upstream.on('error', () => {
        res.writeHead(502);
        res.end('API unreachable');
      });
      req.pipe(upstream);
      return;
    }
    let file = normalize(join(distDir, url.pathname));
    if (!file.startsWith(distDir) || !existsSync(file) || statSync(file).isDirectory())
      file = join(distDir, 'index.html');
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
