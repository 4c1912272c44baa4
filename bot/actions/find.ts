import { DateTime } from 'luxon';
import type { ActionItemRecord } from '../../data/records/action-item.js';
import type { ReadTx } from '../../data/store.js';
import { notFound } from '../errors.js';
import { idNumber } from '../ids.js';

export async function getActionItem(tx: ReadTx, id: string): Promise<ActionItemRecord> {
  const item = await tx.get('actionItem', id);
  if (!item) throw notFound(`There is no action item ${id}; \`actions\` lists them.`);
  return item;
}

export async function actionItems(tx: ReadTx, where: (a: ActionItemRecord) => boolean = () => true): Promise<ActionItemRecord[]> {
  const all = await tx.list('actionItem', { state: 'all', where });
  return all.sort((a, b) => idNumber(a.id) - idNumber(b.id));
}

/** Open blocking items of the service, oldest first: what holds back its next deploy. */
export function blockingItems(tx: ReadTx, service: string): Promise<ActionItemRecord[]> {
  return actionItems(tx, (a) => a.state === 'open' && a.blocking && a.services.includes(service));
}

/** Past its due day (the whole day counts) in the team's time zone. */
export function isOverdue(a: ActionItemRecord, now: Date, tz: string): boolean {
  return a.state === 'open' && DateTime.fromISO(a.due, { zone: tz }).endOf('day').toMillis() < now.getTime();
}

/** `ACT-1 (INC-3): Add a connection-pool alert, owner bob, due 2026-12-15`. */
export function itemSentence(a: ActionItemRecord): string {
  return `${a.id} (${a.incident}): ${a.title}, owner ${a.owner}, due ${a.due}`;
}
