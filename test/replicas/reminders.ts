import { corePorts } from '../../bin/ports.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../bin/config.js';
import { silentLogger } from '../../bot/log.js';
import { systemClock } from '../../bot/clock.js';
import { createOps } from '../../bot/phase-service.js';
import { createReminder } from '../../bot/reminders/create.js';
import { systemDoer } from '../../bot/reminders/doer.js';
import { openPgStore } from '../../data/pg-store.js';

/** Slack channels the reminders are spread over; each is delivered in order by one replica at a time. */
export const REMINDER_CHANNELS = Array.from({ length: 10 }, (_, i) => `C0REMIND${i}`);

export function reminderText(i: number): string {
  return `replica check ${String(i).padStart(4, '0')}`;
}

/**
 * Creates `count` one-off reminders due at `dueAt`, in one transaction, through the feature's own
 * code (the reminder record and its scheduler job exactly as `/ops remind --at` makes them),
 * from this process: the replicas only learn of them by reading the shared database.
 */
export async function createDueReminders(databaseUrl: string, configPath: string, count: number, dueAt: Date): Promise<void> {
  const config = loadConfig({ DAYOPS_CONFIG: configPath, DAYOPS_DATA_DIR: join(tmpdir(), 'dayops-unused') });
  const store = await openPgStore({ url: databaseUrl });
  try {
    const ops = createOps({ config, store, clock: systemClock, log: silentLogger, ...corePorts(config) });
    const doer = { ...systemDoer(new Date()), name: 'alice' };
    await store.transact(async (tx) => {
      for (let i = 0; i < count; i++) {
        const channel = `slack:${REMINDER_CHANNELS[i % REMINDER_CHANNELS.length]}`;
        await createReminder(ops, tx, { channel, text: reminderText(i), at: dueAt.toISOString() }, doer);
      }
    });
  } finally {
    await store.close();
  }
}
