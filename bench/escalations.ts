// 1,000 escalations with a step due at the same second, on the real app (bin/app.ts buildApp):
// how late each step fires, read from its audit entry. Target: p99 skew ≤ 1 s.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseGeneric } from '../adapters/alerts/generic.js';
import { buildApp } from '../bin/app.js';
import { ingestBatch } from '../bot/alerts/ingest.js';
import { loadConfig } from '../bin/config.js';
import { silentLogger } from '../bot/log.js';
import { postgresBinDir, startPostgres } from '../test/support/postgres.js';
import { ms, percentile, verdict } from './stats.js';

const COUNT = 1000;
const LEAD_MS = 5000;

const CONFIG = {
  services: { api: {} },
  people: [{ name: 'alice', roles: ['deployer'] }, { name: 'bob', roles: ['approver'] }],
  alerts: { stormThreshold: 100_000 },
  oncall: {
    schedules: { api: { services: ['api'], policy: 'page', layers: [{ people: ['alice', 'bob'], shift: 'weekly', start: '2026-01-05' }] } },
    policies: { page: { steps: [{ notify: 'primary', wait: '5m' }, { notify: 'channel', wait: '5m' }] } },
  },
};

async function skews(env: Record<string, string>): Promise<number[]> {
  const dir = await mkdtemp(join(tmpdir(), 'dayops-bench-esc-'));
  try {
    await writeFile(join(dir, 'config.json'), JSON.stringify(CONFIG));
    const config = loadConfig({ DAYOPS_CONFIG: join(dir, 'config.json'), DAYOPS_DATA_DIR: join(dir, 'data'), DAYOPS_PORT: '0', ...env });
    const app = await buildApp({ config, log: silentLogger, mode: 'service' });
    await app.ops.scheduler.start();
    const due = new Date(Date.now() + LEAD_MS);
    // One batch, one transaction: every group's first step is due at the same instant.
    const alerts = Array.from({ length: COUNT }, (_, i) => ({ title: `Bench alert ${i}`, labels: { service: 'api', severity: 'critical', instance: `i-${i}` }, group: `bench-${i}` }));
    const batches = alerts.map((a) => {
      const parsed = parseGeneric(a, due);
      if (!parsed.ok) throw new Error(parsed.reasons.join('; '));
      return parsed.value;
    });
    const batch = { ...batches[0]!, alerts: batches.flatMap((b) => b.alerts) };
    await app.ops.store.transact((tx) => ingestBatch(app.ops, tx, batch, due));
    const deadline = Date.now() + LEAD_MS + 50_000;
    let fired: number[] = [];
    while (Date.now() < deadline) {
      const audit = await app.ops.store.queryAudit({ limit: 10 * COUNT });
      fired = audit.filter((e) => e.action === 'oncall.escalate').map((e) => Date.parse(e.time) - due.getTime());
      if (fired.length >= COUNT) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await app.stop(2000);
    return fired;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function row(store: string, values: number[]): string {
  const p50 = percentile(values, 50);
  const p99 = percentile(values, 99);
  return `| ${store} | ${values.length}/${COUNT} | ${ms(p50)} | ${ms(p99)} | ${ms(Math.max(...values))} | ${verdict(values.length === COUNT && p99 <= 1000)} |`;
}

export async function runEscalationBench(): Promise<string[]> {
  const lines = [
    '## Escalations',
    '',
    `${COUNT} alert groups whose first escalation step is due at the same instant, on the app as \`dayops serve\` builds it; skew = the step's audit time − its due time. Target: p99 ≤ 1 s.`,
    '',
    '| store | fired | p50 | p99 | max | verdict |',
    '|---|---|---|---|---|---|',
    row('embedded', await skews({})),
  ];
  if (!postgresBinDir()) return [...lines, '', 'PostgreSQL: skipped, not installed.'];
  const pg = await startPostgres();
  try {
    lines.push(row('PostgreSQL', await skews({ DAYOPS_DATABASE_URL: await pg.createDatabase() })));
  } finally {
    await pg.stop();
  }
  return lines;
}
