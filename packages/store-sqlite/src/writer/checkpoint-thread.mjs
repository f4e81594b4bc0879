// The checkpointer: copies committed pages from the WAL back into the database file on its own
// thread and connection. A checkpoint ends with two fsyncs; run by the writer after a commit (the
// SQLite default), it held up every commit queued behind it, which at concurrency 10 doubled the
// mean commit latency of a sync webhook. PASSIVE checkpoints never block the writer. Under
// sustained writes a PASSIVE pass may never find the WAL fully copied (the writer restarts the
// WAL only then), so past `restartFrames` it asks the writer (through the main thread) for a
// RESTART, which the writer runs between two batches: it finishes the copy and the next commit
// starts the WAL from the beginning.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { path, busyTimeoutMs, restartFrames, idleMs, busyMs } = workerData;
const db = new Database(path);
db.pragma(`busy_timeout = ${busyTimeoutMs}`);
db.pragma('wal_autocheckpoint = 0');

let timer;
function pass() {
  let next = idleMs;
  try {
    const [{ log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
    // The reset belongs to the writer: a RESTART here would race the writer's next commits for
    // the lock (and could lose for as long as writes keep coming).
    if (log > restartFrames) parentPort.postMessage({ restart: true });
    // Frames were left (or just copied): the writer is busy, come back soon.
    if (log > 0 && checkpointed < log) next = busyMs;
  } catch {
    // SQLITE_BUSY past the timeout, or an I/O error: nothing is lost, the next pass tries again.
  }
  timer = setTimeout(pass, next);
}
timer = setTimeout(pass, idleMs);

parentPort.on('message', (message) => {
  if (!message.close) return;
  clearTimeout(timer);
  db.close();
  parentPort.postMessage({ closed: true });
  parentPort.close();
});
