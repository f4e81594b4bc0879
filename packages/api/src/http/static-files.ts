// Serves the built editor (packages/editor/dist) at `/`: files by path, and index.html for any
// other GET outside /api, /webhooks and /healthz (the editor routes in the browser).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from './env.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export function serveEditor(app: Hono<AppEnv>, dir: string): void {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  if (!existsSync(index)) return;
  app.get('*', (c, next) => {
    const path = c.req.path;
    if (path.startsWith('/api/') || path.startsWith('/webhooks/') || path === '/healthz') return next();
    const file = resolve(root, `.${normalize(decodeURIComponent(path))}`);
    const inside = file === root || file.startsWith(root + sep);
    const target = inside && existsSync(file) && statSync(file).isFile() ? file : index;
    const immutable = target !== index && target.includes(`${sep}assets${sep}`);
    return c.body(readFileSync(target), 200, {
      'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  });
}
