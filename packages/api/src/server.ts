// `npm start`: one Node process serving the API on PORT (3000) with its data in
// FLOWDECK_DATA_DIR (./.flowdeck). SIGINT/SIGTERM stop accepting connections, let in-flight
// requests finish, then close the database.
import { serve } from '@hono/node-server';
import pino from 'pino';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/open.ts';
import { systemNow } from './deps.ts';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const config = loadConfig();
const db = openDatabase(config.dataDir);
const app = createApp({ db, clock: systemNow, logger, config });

const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
  logger.info(
    { port: info.port, dataDir: config.dataDir },
    `Flowdeck listening on http://localhost:${info.port}`,
  );
});

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing in-flight requests');
  const force = setTimeout(() => {
    logger.warn('in-flight requests did not finish in 10 s; closing anyway');
    finish(1);
  }, 10_000);
  force.unref();
  server.close(() => finish(0));
  // Idle keep-alive connections would hold close() open; active ones finish first.
  (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
}

function finish(code: number) {
  try {
    db.close();
  } finally {
    logger.info('stopped');
    process.exit(code);
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => shutdown(signal));
