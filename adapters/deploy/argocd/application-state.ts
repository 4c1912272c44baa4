import { z } from 'zod';

/** The parts of an Argo CD Application (GET /api/v1/applications/{name}) that say how a sync went. */
export const applicationView = z.object({
  status: z
    .object({
      sync: z.object({ status: z.string().optional(), revision: z.string().optional() }).optional(),
      health: z.object({ status: z.string().optional(), message: z.string().optional() }).optional(),
      operationState: z
        .object({
          operation: z.object({ sync: z.object({ revision: z.string().optional() }).optional() }).optional(),
          phase: z.string(),
          message: z.string().optional(),
          syncResult: z.object({ revision: z.string().optional() }).optional(),
          startedAt: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
});

export type ApplicationView = z.infer<typeof applicationView>;

export interface OurSync {
  /** The revision we asked for (the deployment's version). */
  revision: string;
  /** When we asked; an older operation for the same revision is someone else's. */
  startedAt: string;
  halting: boolean;
}

export type SyncReading =
  | { kind: 'waiting'; note: string }
  | { kind: 'final'; status: 'succeeded' | 'failed' | 'halted'; message: string };

/** Argo's operation start time may trail or lead ours a little. */
const CLOCK_SLACK_MS = 60_000;

/**
 * Reads an application: final only when our sync operation ended. Success needs the operation
 * to have succeeded AND the application to be Healthy at the synced revision; Progressing
 * health (a rollout still going) is waited for, Degraded or Missing fails.
 */
export function readApplication(app: ApplicationView, ours: OurSync): SyncReading {
  const op = app.status?.operationState;
  if (!op || !isOurs(op, ours)) return { kind: 'waiting', note: 'Waiting for Argo CD to start the sync.' };
  switch (op.phase) {
    case 'Running':
      return { kind: 'waiting', note: op.message ? `Syncing: ${op.message}` : 'Syncing.' };
    case 'Terminating':
      return { kind: 'waiting', note: 'Argo CD is terminating the sync.' };
    case 'Failed':
    case 'Error':
      if (ours.halting || /terminat/i.test(op.message ?? '')) return { kind: 'final', status: 'halted', message: op.message ?? 'The sync was terminated.' };
      return { kind: 'final', status: 'failed', message: `The sync ${op.phase === 'Error' ? 'errored' : 'failed'}: ${op.message ?? 'no message from Argo CD'}` };
    case 'Succeeded':
      return readHealth(app, op.syncResult?.revision ?? ours.revision);
    default:
      return { kind: 'waiting', note: `The sync is ${op.phase}.` };
  }
}

/** Our operation's phase, or `pending` while Argo shows no operation of ours yet. */
export function ourPhase(app: ApplicationView, ours: OurSync): string {
  const op = app.status?.operationState;
  return op && isOurs(op, ours) ? op.phase : 'pending';
}

function isOurs(op: NonNullable<NonNullable<ApplicationView['status']>['operationState']>, ours: OurSync): boolean {
  const revision = op.operation?.sync?.revision ?? op.syncResult?.revision;
  if (revision !== ours.revision) return false;
  if (!op.startedAt) return true;
  return Date.parse(op.startedAt) >= Date.parse(ours.startedAt) - CLOCK_SLACK_MS;
}

function readHealth(app: ApplicationView, syncedRevision: string): SyncReading {
  const health = app.status?.health?.status ?? 'Unknown';
  const detail = app.status?.health?.message ? `: ${app.status.health.message}` : '';
  if (health === 'Degraded' || health === 'Missing') {
    return { kind: 'final', status: 'failed', message: `The sync succeeded, but the application is ${health}${detail}.` };
  }
  // Until Argo's status shows the synced revision, its health describes the old one.
  const atRevision = app.status?.sync?.revision === undefined || app.status.sync.revision === syncedRevision;
  if (health === 'Healthy' && atRevision) {
    return { kind: 'final', status: 'succeeded', message: `Synced ${syncedRevision.slice(0, 12)} and the application is Healthy.` };
  }
  return { kind: 'waiting', note: `Synced; waiting for the application to be Healthy (it is ${health}${detail}).` };
}
