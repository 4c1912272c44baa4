import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processAlive } from '../../adapters/deploy/script/process-group.js';
import { DEFAULT_CHANNEL_LEASE_MS } from '../../bot/outbox-service.js';
import { DEFAULT_SCHEDULER_LEASE_MS } from '../../bot/scheduler-service.js';
import { DEFAULT_POLL_MS } from '../../data/pg-store.js';
import { POSTGRES_SKIP_NOTE, skipWithoutPostgres } from '../support/postgres.js';
import { ALICE, BOB, CAROL, startCluster, waitFor, type Cluster, type Replica } from './cluster.js';
import { createDueReminders, REMINDER_CHANNELS, reminderText } from './reminders.js';

const skip = skipWithoutPostgres();
const REMINDERS = 1000;

interface Doc {
  state?: string;
  text?: string;
  engine?: { ref?: { pid?: number } };
  history?: unknown[];
}

/**
 * Three `dayops serve` processes on one PostgreSQL, Slack in HTTP mode against a fake Web API
 * in this process. The cases run in order on the same cluster: the deployment and the retried
 * command first, then the reminder burst, during which one replica is killed.
 */
describe.skipIf(skip)(`three replicas on one PostgreSQL${skip ? ` (skipped: ${POSTGRES_SKIP_NOTE})` : ''}`, () => {
  let cluster: Cluster;
  let db: pg.Client;
  const doc = async (kind: string, id: string): Promise<Doc | undefined> =>
    (await db.query<{ doc: Doc }>('SELECT doc FROM dayops_records WHERE kind = $1 AND id = $2', [kind, id])).rows[0]?.doc;
  const auditCount = async (action: string, target?: string): Promise<number> =>
    Number(
      (await db.query<{ n: string }>(`SELECT count(*) AS n FROM dayops_audit WHERE event->>'action' = $1 AND ($2::text IS NULL OR target = $2)`, [action, target ?? null])).rows[0]!.n,
    );
  const replyTo = (trigger: string) => waitFor(`the reply to ${trigger}`, 15_000, () => cluster.chat.responses.find((r) => r.path.endsWith(encodeURIComponent(trigger)))?.text);
  const command = async (replica: Replica, user: string, text: string, trigger: string) => {
    const res = await cluster.slash(replica, user, text, { trigger });
    expect(res.status).toBe(200);
    return replyTo(trigger);
  };

  beforeAll(async () => {
    cluster = await startCluster({ replicas: 3, deploySeconds: 30 });
    db = new pg.Client({ connectionString: cluster.databaseUrl });
    await db.connect();
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await cluster?.stop();
  }, 30_000);

  it('runs a deployment requested on one replica, approved on another and halted on a third as one bot would', async () => {
    const [one, two, three] = cluster.replicas as [Replica, Replica, Replica];
    const requested = await command(one, ALICE, 'deploy api 1.4.2 to production --reason replica test', 'dep-request');
    const id = /DEP-\d+/.exec(requested)?.[0];
    expect(id, requested).toBeDefined();
    expect((await doc('deployment', id!))?.state).toBe('awaiting_approval');

    expect(await command(two, BOB, `approve ${id}`, 'dep-approve')).toMatch(/approv/i);
    const running = await waitFor('the script to start', 20_000, async () => {
      const d = await doc('deployment', id!);
      return d?.state === 'running' && d.engine?.ref?.pid ? d : undefined;
    });
    const pid = Number(running.engine!.ref!.pid);
    expect(processAlive(pid)).toBe(true);

    const haltedAt = Date.now();
    expect(await command(three, CAROL, `halt ${id} --reason replica test`, 'dep-halt')).toMatch(/halt/i);
    // The script (30 s long) stops well before its end: the replica running it noticed the halt.
    await waitFor('the script to stop', 15_000, () => (processAlive(pid) ? undefined : true));
    expect(Date.now() - haltedAt).toBeLessThan(15_000);
    await waitFor('the engine to report the halt', 15_000, () => (cluster.chat.mentioning('ended on the engine: halted').length > 0 ? true : undefined));
    const final = await doc('deployment', id!);
    expect(final?.state).toBe('halted');
    for (const action of ['deployment.request', 'deployment.approve', 'deployment.halt']) {
      expect(await auditCount(action, id), action).toBe(1);
    }
    expect(await auditCount('deployment.halt', id)).toBe(1);
    // Halted stays halted: no replica moved it on to succeeded or failed afterwards.
    expect(cluster.chat.mentioning(id!).some((t) => /succeeded|is live/.test(t))).toBe(false);
  }, 90_000);

  it('carries out the same Slack delivery sent to two replicas once', async () => {
    const [one, two] = cluster.replicas as [Replica, Replica];
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const text = `remind #ops --at ${at} retried delivery check`;
    const trigger = 'retried-delivery';
    const [first, retry] = await Promise.all([
      cluster.slash(one, ALICE, text, { trigger }),
      cluster.slash(two, ALICE, text, { trigger, retryNum: 1 }),
    ]);
    expect([first.status, retry.status]).toEqual([200, 200]);
    await replyTo(trigger);
    await waitFor('both replicas to finish', 15_000, async () => ((await auditCount('reminder.create')) >= 1 ? true : undefined));
    await new Promise((r) => setTimeout(r, 1000));
    const { rows } = await db.query(`SELECT id FROM dayops_records WHERE kind = 'reminder' AND doc->>'text' = 'retried delivery check'`);
    expect(rows).toHaveLength(1);
    expect(await auditCount('reminder.create')).toBe(1);
  }, 60_000);

  it(`posts ${REMINDERS} reminders due in the same minute once each, even when the replica firing them is killed`, async () => {
    const dueAt = new Date(Date.now() + 5_000);
    await createDueReminders(cluster.databaseUrl, cluster.configPath, REMINDERS, dueAt);
    const isReminder = (p: { text: string }) => p.text.includes('replica check ');

    // Kill whichever replica is firing once a tenth of the reminders have fired.
    await waitFor('the first firings', 60_000, async () => ((await auditCount('reminder.fire')) >= REMINDERS / 10 ? true : undefined));
    const leader = await leaseHolder(db, 'scheduler');
    const victim = cluster.replicas.find((r) => r.bot.child.pid !== undefined && leader.includes(`:${r.bot.child.pid}:`));
    expect(victim, `lease holder ${leader}`).toBeDefined();
    victim!.bot.child.kill('SIGKILL');
    const killedAt = Date.now();
    await victim!.bot.exited;
    const firedBeforeKill = await auditCount('reminder.fire');

    await waitFor('every reminder to be posted', 90_000, () => (cluster.chat.posts.filter(isReminder).length >= REMINDERS ? true : undefined));
    // Room for a late duplicate to show up.
    await new Promise((r) => setTimeout(r, DEFAULT_POLL_MS * 2));

    const counts = cluster.chat.countsByMessage(isReminder);
    const keys = [...counts.keys()];
    const missed = Array.from({ length: REMINDERS }, (_, i) => reminderText(i)).filter((text) => !keys.some((k) => k.includes(text)));
    const duplicates = [...counts.values()].reduce((sum, n) => sum + n - 1, 0);
    const takeoverPost = cluster.chat.posts.find((p) => isReminder(p) && p.at > killedAt + 100);
    const takeoverMs = takeoverPost ? takeoverPost.at - killedAt : Infinity;
    console.info(
      `[replicas] ${REMINDERS} reminders: posted ${counts.size} distinct, duplicates ${duplicates}, missed ${missed.length}; ` +
        `killed the firing replica after ${firedBeforeKill} firings; first post by a survivor ${takeoverMs} ms after the kill`,
    );
    expect(missed).toEqual([]);
    expect(await auditCount('reminder.fire')).toBe(REMINDERS);
    // Slack cannot drop a resend: a post sent by the killed replica but not yet marked sent goes
    // out again from the next holder of its channel, at most one per channel it was sending to.
    expect(duplicates).toBeLessThanOrEqual(REMINDER_CHANNELS.length);
    expect(takeoverMs).toBeLessThanOrEqual(Math.max(DEFAULT_SCHEDULER_LEASE_MS, DEFAULT_CHANNEL_LEASE_MS) + 2 * DEFAULT_POLL_MS + 5_000);
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM dayops_records WHERE kind = 'outbox'`);
    expect(Number(rows[0]!.n)).toBe(0);
  }, 180_000);
});

async function leaseHolder(db: pg.Client, name: string): Promise<string> {
  const { rows } = await db.query<{ owner: string }>('SELECT owner FROM dayops_leases WHERE name = $1', [name]);
  return rows[0]?.owner ?? '';
}
