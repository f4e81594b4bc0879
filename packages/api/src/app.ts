import { Hono } from 'hono';

/** The HTTP app. Routes are added per module (see issue 3); this is the embedded host's root. */
export function createApp() {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  return app;
}
