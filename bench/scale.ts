// `npm run bench scale`: PostgreSQL at size: a write with and without history, mixed commands on
// three replicas, the alert storm, and failover. One PostgreSQL server for all of it.
import { openPgStore } from '../data/pg-store.js';
import { postgresBinDir, POSTGRES_INSTALL_HINT, startPostgres } from '../test/support/postgres.js';
import { pgAlertStorm } from './alert-storm.js';
import { runFailoverBench } from './failover.js';
import { AUDIT_EVENTS, CLOSED_RECORDS, seedPgHistory } from './history.js';
import { runMixedBench } from './mixed.js';
import { measureChanges } from './store.js';
import { ms, percentile, verdict } from './stats.js';

async function writeP50(url: string): Promise<number[]> {
  const store = await openPgStore({ url });
  try {
    return await measureChanges(store);
  } finally {
    await store.close();
  }
}

export async function runScaleBench(): Promise<string[]> {
  if (!postgresBinDir()) return ['## PostgreSQL at scale', '', `Skipped: PostgreSQL is not installed (${POSTGRES_INSTALL_HINT}).`];
  const server = await startPostgres();
  try {
    const empty = await server.createDatabase();
    await (await openPgStore({ url: empty })).close();
    const full = await server.createDatabase();
    await (await openPgStore({ url: full })).close();
    await seedPgHistory(full);
    const emptyTimes = await writeP50(empty);
    const fullTimes = await writeP50(full);
    const ratio = percentile(fullTimes, 50) / percentile(emptyTimes, 50);
    const lines = [
      '## PostgreSQL store: a state change with and without a large history',
      '',
      `- empty: p50 ${ms(percentile(emptyTimes, 50))}, p99 ${ms(percentile(emptyTimes, 99))}; with ${AUDIT_EVENTS.toLocaleString('en')} audit events and ${CLOSED_RECORDS.toLocaleString('en')} closed records: p50 ${ms(percentile(fullTimes, 50))}, p99 ${ms(percentile(fullTimes, 99))}`,
      `- p50 ratio ${ratio.toFixed(2)} (target ≤ 1.5: ${verdict(ratio <= 1.5)})`,
      '',
      ...(await runMixedBench(server)),
      '',
      ...(await pgAlertStorm(await server.createDatabase())),
      '',
      ...(await runFailoverBench(server)),
    ];
    return lines;
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await runScaleBench()) console.log(line);
}
