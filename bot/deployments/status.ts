import type { ReadTx } from '../../data/store.js';
import type { Field, OpsMessage } from '../model.js';
import type { Ops } from '../ops.js';
import { formatTime } from '../time.js';
import { openDeployments, successes } from './find.js';
import { activeFreeze } from './freezes.js';
import { stateLabel } from './message.js';

/** What version of each service is where, and what holds each environment. */
export async function statusMessage(ops: Ops, tx: ReadTx, only?: string): Promise<OpsMessage> {
  const envs = Object.keys(ops.config.environments).filter((e) => only === undefined || e === only);
  const fields: Field[] = [];
  for (const env of envs) fields.push({ label: env, value: await envStatus(ops, tx, env) });
  return { title: only ? `Status of ${only}` : 'Status', fields };
}

async function envStatus(ops: Ops, tx: ReadTx, env: string): Promise<string> {
  const tz = ops.config.timezone;
  const lines: string[] = [];
  for (const service of Object.keys(ops.config.services)) {
    const [live] = await successes(tx, service, env);
    lines.push(`${service}: ${live ? `${live.version} (${live.id})` : 'never deployed'}`);
  }
  const halt = await tx.get('lineHalt', env);
  if (halt) lines.push(`⛔ line halted by ${halt.by}: ${halt.reason}`);
  const lock = await tx.get('lock', env);
  if (lock) lines.push(`🔒 locked by ${lock.holderName}${lock.reason ? `: ${lock.reason}` : ''}`);
  const freeze = await activeFreeze(tx, env, ops.clock.now());
  if (freeze) lines.push(`❄ frozen until ${formatTime(freeze.until, tz)} (${freeze.freeze.id}: ${freeze.freeze.reason})`);
  for (const d of await openDeployments(tx, (x) => x.env === env)) lines.push(`→ ${d.id} ${d.service} ${d.version}: ${stateLabel(d.state)}`);
  return lines.join('\n');
}
