import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { ReadTx } from '../../data/store.js';
import { illegalTransition, notFound } from '../errors.js';

export async function findGroup(tx: ReadTx, id: string): Promise<AlertGroupRecord> {
  const group = await tx.get('alertGroup', id);
  if (!group) throw notFound(`There is no alert group ${id}; \`alerts\` lists the open ones.`);
  return group;
}

export async function findOpenGroup(tx: ReadTx, id: string): Promise<AlertGroupRecord> {
  const group = await findGroup(tx, id);
  if (group.status === 'resolved') throw illegalTransition(`${id} is already resolved; nothing is firing there.`);
  return group;
}
