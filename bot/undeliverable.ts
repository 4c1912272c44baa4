import type { OutboxRecord, UndeliverableRecord } from '../data/records/core.js';
import type { ReadTx, Tx } from '../data/store.js';
import type { Undeliverable } from './chat-sender.js';
import type { Clock } from './clock.js';
import type { Config } from './config/schema.js';
import type { OpsMessage } from './model.js';
import type { Outbox } from './outbox.js';

/** Keys of the notices themselves: a notice that cannot be delivered is recorded, never announced. */
export const NOTICE_PREFIX = 'undeliverable:';
/** The same channel failing the same way is announced once an hour, not once a message. */
const ANNOUNCE_EVERY_MS = 60 * 60_000;
const KEEP_MS = 7 * 24 * 60 * 60_000;

export interface UndeliverableDeps {
  outbox: Outbox;
  config: Pick<Config, 'channels'>;
  clock: Clock;
}

/** A person's own channel: where the sender opens a direct message with them. */
export function directChannel(platform: string, userId: string): string {
  return `${platform}:@${userId}`;
}

/**
 * A message a platform refuses for good is never dropped silently: it is recorded (for /readyz and
 * `dayops doctor`), and the ops channel and the person whose command caused it are told what did
 * not arrive and how to fix it.
 */
export function installUndeliverableNotices(deps: UndeliverableDeps): void {
  deps.outbox.onUndeliverable((tx, record, why) => handleUndeliverable(deps, tx, record, why));
}

async function handleUndeliverable(deps: UndeliverableDeps, tx: Tx, record: OutboxRecord, why: Undeliverable): Promise<void> {
  const now = deps.clock.now().getTime();
  const kept = await tx.list('undeliverable');
  for (const old of kept) if (now - Date.parse(old.at) > KEEP_MS) await tx.remove('undeliverable', old.id);
  const announcedLately = kept.some((r) => r.announced && r.channel === record.channel && r.reason === why.reason && now - Date.parse(r.at) < ANNOUNCE_EVERY_MS);
  const announce = !record.key.startsWith(NOTICE_PREFIX) && !announcedLately;
  const title = subject(record.message);
  const entry: UndeliverableRecord = {
    id: `undeliverable-${record.id}`,
    at: new Date(now).toISOString(),
    channel: record.channel,
    key: record.key,
    op: record.op,
    reason: why.reason,
    fix: why.fix,
    ...(title ? { title } : {}),
    announced: announce,
  };
  await tx.put('undeliverable', entry);
  if (!announce) return;
  const ops = deps.config.channels.ops;
  if (ops !== record.channel) await deps.outbox.post(tx, { channel: ops, key: `${NOTICE_PREFIX}ops:${record.id}`, message: opsNotice(entry) });
  const origin = record.origin;
  if (origin) {
    const dm = directChannel(origin.platform, origin.userId);
    await deps.outbox.post(tx, { channel: dm, key: `${NOTICE_PREFIX}dm:${record.id}`, message: personNotice(entry) });
  }
}

function subject(message: Record<string, unknown>): string | undefined {
  const m = message as OpsMessage;
  const line = (m.title ?? m.text ?? '').split('\n')[0]?.trim();
  return line ? line : undefined;
}

function what(entry: UndeliverableRecord): string {
  const action = entry.op === 'edit' ? 'An update of' : 'The message';
  return entry.title ? `${action} “${entry.title}”` : `${action} ${entry.key}`;
}

function opsNotice(entry: UndeliverableRecord): OpsMessage {
  return {
    tone: 'warning',
    title: 'A message could not be delivered',
    text: `${what(entry)} did not reach ${entry.channel}: ${entry.reason}. ${entry.fix}`,
    context: [`${entry.key} · dayops doctor lists the channels dayops cannot post to`],
  };
}

function personNotice(entry: UndeliverableRecord): OpsMessage {
  return {
    tone: 'warning',
    text: `${what(entry)}, which your last command caused, did not reach ${entry.channel}: ${entry.reason}. ${entry.fix} What you did was recorded all the same.`,
  };
}

/** What /readyz shows: how many messages were refused for good in the last week. */
export async function undeliverableCount(tx: ReadTx): Promise<number> {
  return (await tx.list('undeliverable')).length;
}
