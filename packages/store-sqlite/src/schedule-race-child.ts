// A scheduler process for the cross-process race test: `node --import tsx schedule-race-child.ts
// <db> <ownerId> <out.json>`. Prints "ready", runs until it reads "stop" on stdin, then writes
// the slots it fired as JSON and exits.
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createScheduler, systemClock } from '@flowdeck/engine';
import { createSqliteScheduleStore } from './schedule-store.ts';

const [dbPath, ownerId, outFile] = process.argv.slice(2);
const store = createSqliteScheduleStore({ path: dbPath });
const fired: string[] = [];
const scheduler = createScheduler({
  store,
  clock: systemClock,
  ownerId,
  rescanMs: 50,
  fire: async (schedule, scheduledTime) => {
    const key = `${schedule.id}@${scheduledTime.toISOString()}`;
    fired.push(key);
    // Announced live, so the parent waits for what the store says was fired, not for a clock.
    process.stdout.write(`fired ${key}\n`);
  },
});
scheduler.start();
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === 'stop') break;
}
await scheduler.stop();
await store.close();
writeFileSync(outFile, JSON.stringify(fired));
process.exit(0);
