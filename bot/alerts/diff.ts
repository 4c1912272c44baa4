import type { AlertState } from '../../data/records/alert-group.js';
import type { NeutralAlert } from './alert.js';

export type AlertChange = { kind: 'added' | 'resolved' | 'refired'; alert: AlertState };

/**
 * Folds a delivery into a group's alerts. A redelivery (Alertmanager retries, an HA pair sends
 * twice) reports nothing new and yields no change. A `firing` that repeats the start time of an
 * alert already resolved is a stale copy arriving late, not a re-fire: a real re-fire starts anew.
 */
export function applyAlerts(
  current: Record<string, AlertState>,
  incoming: readonly NeutralAlert[],
  at: string,
): { alerts: Record<string, AlertState>; changes: AlertChange[] } {
  const alerts = { ...current };
  const changes: AlertChange[] = [];
  for (const a of incoming) {
    const prev = alerts[a.fingerprint];
    const kind = changeOf(prev, a);
    if (kind === undefined) continue;
    const next: AlertState = {
      fingerprint: a.fingerprint,
      status: a.status,
      labels: a.labels,
      annotations: a.annotations,
      startsAt: a.startsAt,
      ...(a.endsAt ? { endsAt: a.endsAt } : {}),
      links: a.links,
      updatedAt: at,
    };
    alerts[a.fingerprint] = next;
    if (kind !== 'quiet') changes.push({ kind, alert: next });
  }
  return { alerts, changes };
}

/** `quiet`: worth recording but not worth a line (a resolved alert never seen firing). */
function changeOf(prev: AlertState | undefined, a: NeutralAlert): AlertChange['kind'] | 'quiet' | undefined {
  if (!prev) return a.status === 'firing' ? 'added' : 'quiet';
  if (prev.status === 'firing' && a.status === 'resolved') return 'resolved';
  if (prev.status === 'resolved' && a.status === 'firing' && a.startsAt !== prev.startsAt) return 'refired';
  return undefined;
}
