// Failover: SIGKILL the replica that holds the scheduler lease while reminders fire, and measure
// how long the survivors take to fire the next job and to deliver the next message.
import pg from 'pg';
import { DEFAULT_CHANNEL_LEASE_MS } from '../bot/outbox-service.js';
import { DEFAULT_SCHEDULER_LEASE_MS } from '../bot/scheduler-service.js';
import { startCluster, waitFor } from '../test/replicas/cluster.js';
import { createDueReminders } from '../test/replicas/reminders.js';
import type { RunningPostgres } from '../test/support/postgres.js';
import { verdict } from './stats.js';

const REMINDERS = 300;

export async function runFailoverBench(server: RunningPostgres): Promise<string[]> {
  const cluster = await startCluster({ replicas: 3, pg: server });
  const db = new pg.Client({ connectionString: cluster.databaseUrl });
  await db.connect();
  try {
    const fired = async () => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM dayops_audit WHERE event->>'action' = 'reminder.fire'`)).rows[0]!.n);
    await createDueReminders(cluster.databaseUrl, cluster.configPath, REMINDERS, new Date(Date.now() + 3_000));
    await waitFor('the first firings', 60_000, async () => ((await fired()) >= 30 ? true : undefined));
    const { rows } = await db.query<{ owner: string }>(`SELECT owner FROM dayops_leases WHERE name = 'scheduler'`);
    const victim = cluster.replicas.find((r) => r.bot.child.pid !== undefined && (rows[0]?.owner ?? '').includes(`:${r.bot.child.pid}:`));
    if (!victim) return ['## Failover', '', '- could not tell which replica held the scheduler lease; not measured'];
    victim.bot.child.kill('SIGKILL');
    const killedAt = Date.now();
    await victim.bot.exited;
    const before = await fired();
    await waitFor('a survivor to fire a job', 120_000, async () => ((await fired()) > before ? true : undefined));
    const jobMs = Date.now() - killedAt;
    await waitFor('a survivor to deliver', 120_000, () => (cluster.chat.posts.some((p) => p.at > killedAt + 50) ? true : undefined));
    const postMs = Math.min(...cluster.chat.posts.filter((p) => p.at > killedAt + 50).map((p) => p.at)) - killedAt;
    const bound = DEFAULT_SCHEDULER_LEASE_MS + 2 * 2_000;
    return [
      '## Failover (3 `dayops serve` replicas, one PostgreSQL)',
      '',
      `- SIGKILL of the scheduler lease holder after ${before} of ${REMINDERS} reminders fired`,
      `- first job fired by another replica: ${(jobMs / 1000).toFixed(1)} s after the kill (scheduler lease ${DEFAULT_SCHEDULER_LEASE_MS / 1000} s + up to two 2 s polls = ${bound / 1000} s: ${verdict(jobMs <= bound)})`,
      `- first message delivered after the kill: ${(postMs / 1000).toFixed(1)} s (a channel's lease is ${DEFAULT_CHANNEL_LEASE_MS / 1000} s; channels the killed replica did not hold keep going)`,
    ];
  } finally {
    await db.end();
    await cluster.stop();
  }
}
