// `npm start`: one Node process serving the API on PORT (3000) with its data in
// FLOWDECK_DATA_DIR (./.flowdeck). SIGINT/SIGTERM stop accepting connections, let in-flight
// requests finish, then close the runtime and the database. Unfinished runs resume at the next start.
import { serve } from '@hono/node-server';
import pino from 'pino';
import { createApp } from './app.ts';
import { startExpirySweep } from './connections/expiry.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/open.ts';
import { type AppDeps, systemNow } from './deps.ts';
import { createLocalHost, runtimeStoreIn } from './runtime-host/local-host.ts';
import { pruneRunsNow } from './runs/retention.ts';
import { runService } from './runs/service.ts';
import { defaultWorkflowEngine } from './workflows/engine-port.ts';
import { prepared } from './db/prepared.ts';

// One line per request: buffered, asynchronous writes (a synchronous write per line cost more
// than a run's SQLite commit share); flushed at shutdown. A crash may lose the last few KiB.
const logDestination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' }, logDestination);
const config = loadConfig();
const db = openDatabase(config.dataDir);
const engine = defaultWorkflowEngine();
const host = createLocalHost({ db, tasks: engine.tasks, storePath: runtimeStoreIn(config.dataDir, db.name) });
const deps: AppDeps = { db, clock: systemNow, logger, config, engine, host };
const app = createApp(deps);

// Executions left RUNNING by the previous process resume (timers included).
const resumed = await host.runtime.recover();
runService(deps).resumeWatching();
if (resumed) logger.info({ resumed }, 'resumed unfinished runs');
host.scheduler.start();

// Retention sweep, hourly and unconditional (run starts also prune their organisation when due).
const sweep = setInterval(() => {
  const orgs = prepared(db, 'SELECT id FROM organizations').all() as { id: string }[];
  for (const org of orgs) pruneRunsNow(deps, org.id);
}, 3600_000);
sweep.unref();
// Connections whose credentials expired: `connection.expired`, once each (every minute).
const stopExpirySweep = startExpirySweep(deps);

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

async function finish(code: number) {
  try {
    // Every transition is already committed; closing stops timers so the next start resumes them.
    clearInterval(sweep);
    stopExpirySweep();
    await host.close();
    db.close();
  } catch (err) {
    logger.error({ err }, 'error while closing');
  } finally {
    logger.info('stopped');
    try {
      logDestination.flushSync();
    } catch {} // nothing buffered, or the output is gone
    process.exit(code);
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => shutdown(signal));
