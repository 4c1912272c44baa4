import type { Ops } from '../ops.js';
import type { Permission, PermissionNeed } from '../permissions.js';

/**
 * A command that names a deployment or a freeze needs its permission in that record's
 * environment, so the router refuses it before the handler runs. An unknown id needs the
 * permission anywhere; the handler then says the record does not exist.
 */
export async function needInDeploymentEnv(ops: Ops, permission: Permission, id: string): Promise<PermissionNeed> {
  const d = await ops.store.read((tx) => tx.get('deployment', id));
  return d ? { permission, env: d.env } : { permission };
}

export async function needInFreezeEnv(ops: Ops, permission: Permission, id: string): Promise<PermissionNeed> {
  const f = await ops.store.read((tx) => tx.get('freeze', id));
  return f ? { permission, env: f.env } : { permission };
}
