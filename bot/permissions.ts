/**
 * Permissions a command or button may need, and the roles that carry them.
 * A config file may add roles or redefine these; `admin` carries every permission.
 */
export const PERMISSIONS = [
  'view',
  'decide',
  'deploy',
  'approve',
  'halt',
  'lock',
  'freeze',
  'alerts.ack',
  'alerts.silence',
  'incident',
  'reminders',
  'runbook.run',
  'oncall',
  /** Making and deleting on-call schedules from chat: who gets paged. */
  'oncall.schedules',
  'audit',
  'admin',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const BUILT_IN_ROLES: Record<string, Permission[]> = {
  viewer: ['view'],
  author: ['view', 'decide', 'incident', 'reminders', 'oncall'],
  deployer: ['view', 'deploy', 'halt', 'lock', 'alerts.ack', 'incident', 'oncall'],
  approver: ['view', 'approve', 'halt', 'alerts.ack', 'alerts.silence', 'incident', 'oncall'],
  'incident-commander': ['view', 'incident', 'alerts.ack', 'alerts.silence', 'halt', 'reminders', 'oncall'],
  admin: [...PERMISSIONS],
};

/** What a command needs: a permission, in an environment when the command touches one. */
export interface PermissionNeed {
  permission: Permission;
  env?: string;
}

/** A role granted everywhere (`env` absent) or in one environment only. */
export interface Grant {
  role: string;
  env?: string;
}

export function parseGrant(text: string): Grant {
  const at = text.indexOf('@');
  return at < 0 ? { role: text } : { role: text.slice(0, at), env: text.slice(at + 1) };
}

export function formatGrant(grant: Grant): string {
  return grant.env ? `${grant.role}@${grant.env}` : grant.role;
}
