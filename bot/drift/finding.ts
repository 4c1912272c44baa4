import type { AlertGroupRecord } from '../../data/records/alert-group.js';
import type { DriftCheckRecord } from '../../data/records/drift-check.js';
import type { Tx } from '../../data/store.js';
import type { NeutralAlert } from '../alerts/alert.js';
import { ingestBatch } from '../alerts/ingest.js';
import { updateGroup } from '../alerts/publish.js';
import type { Ops } from '../ops.js';
import type { Observation } from './observation.js';

const MAX_OUTPUT_LINES = 40;

/**
 * Folds one check's result into the store: a drift opens (or moves) the target's finding, an
 * alert group of source `drift`; agreement resolves it; an unknown or failed check is said in
 * an open finding's thread and never resolves it.
 */
export async function applyObservation(ops: Ops, tx: Tx, obs: Observation, now: Date): Promise<DriftCheckRecord> {
  const prev = await tx.get('driftCheck', obs.id);
  const open = prev?.group ? await openFinding(tx, prev.group) : undefined;
  const base: DriftCheckRecord = {
    id: obs.id,
    kind: obs.kind,
    subject: obs.subject,
    env: obs.env,
    state: obs.state,
    detail: obs.detail,
    ...(obs.live ? { live: obs.live } : {}),
    checkedAt: now.toISOString(),
    ...(open ? { group: open.id } : {}),
    ...(prev?.accepted ? { accepted: prev.accepted } : {}),
  };
  const next = await decide(ops, tx, obs, base, prev, open, now);
  await tx.put('driftCheck', next);
  return next;
}

async function decide(ops: Ops, tx: Tx, obs: Observation, check: DriftCheckRecord, prev: DriftCheckRecord | undefined, open: AlertGroupRecord | undefined, now: Date): Promise<DriftCheckRecord> {
  if (obs.state === 'drift') {
    if (obs.fingerprint && obs.fingerprint === prev?.accepted) return { ...check, detail: `${obs.detail} (accepted)` };
    const { accepted: _a, ...rest } = check;
    const group = await raise(ops, tx, obs, open, now);
    return { ...rest, ...(group ? { group } : {}) };
  }
  if (obs.state === 'in-sync') {
    const { accepted: _a, group: _g, ...rest } = check;
    if (open) await closeFinding(ops, tx, open, `In sync again: ${obs.detail}`, now);
    return rest;
  }
  // Unknown or failed: said once per change of state, and the finding stays open.
  if (open && (prev?.state !== obs.state || prev.detail !== obs.detail)) {
    await updateGroup(ops, tx, open, [`Drift state ${obs.state}: ${obs.detail}`, ...trimmed(obs.output)]);
  }
  return check;
}

/** Opens the target's finding, or moves it to the new reading (the old one resolves in its thread). */
async function raise(ops: Ops, tx: Tx, obs: Observation, open: AlertGroupRecord | undefined, now: Date): Promise<string | undefined> {
  const fingerprint = obs.fingerprint ?? obs.id;
  const at = now.toISOString();
  const stale: NeutralAlert[] = Object.values(open?.alerts ?? {})
    .filter((a) => a.status === 'firing' && a.fingerprint !== fingerprint)
    .map((a) => ({ source: 'drift', groupKey: obs.id, fingerprint: a.fingerprint, status: 'resolved', labels: a.labels, annotations: a.annotations, startsAt: a.startsAt, endsAt: at, links: a.links }));
  const alert: NeutralAlert = {
    source: 'drift',
    groupKey: obs.id,
    fingerprint,
    status: 'firing',
    labels: labelsOf(ops, obs),
    annotations: { summary: obs.detail },
    startsAt: at,
    links: [],
  };
  const [outcome] = await ingestBatch(ops, tx, { source: 'drift', groupKey: obs.id, groupLabels: {}, alerts: [alert, ...stale], truncatedAlerts: 0 }, now);
  const id = outcome?.group;
  if (id && outcome.changed && obs.output?.length) {
    const group = await tx.get('alertGroup', id);
    if (group) await updateGroup(ops, tx, group, trimmed(obs.output));
  }
  return id;
}

function labelsOf(ops: Ops, obs: Observation): Record<string, string> {
  const names = ops.config.alerts.labels;
  return {
    alertname: obs.kind === 'engine' ? 'Drift' : `Infrastructure drift: ${obs.subject}`,
    ...(obs.service ? { [names.service]: obs.service } : {}),
    [names.env]: obs.env,
    [names.severity]: ops.config.drift.severity,
    drift: obs.kind,
    drift_check: obs.id,
    ...obs.labels,
  };
}

/** Resolves every alert of a finding with one line in its thread. */
export async function closeFinding(ops: Ops, tx: Tx, group: AlertGroupRecord, line: string, now: Date, resolvedBy?: string): Promise<AlertGroupRecord> {
  const at = now.toISOString();
  const alerts = Object.fromEntries(
    Object.entries(group.alerts).map(([fp, a]) => [fp, a.status === 'firing' ? { ...a, status: 'resolved' as const, endsAt: at, updatedAt: at } : a]),
  );
  return updateGroup(ops, tx, { ...group, alerts, status: 'resolved', resolvedAt: at, updatedAt: at, ...(resolvedBy ? { resolvedBy } : {}) }, [line]);
}

async function openFinding(tx: Tx, id: string): Promise<AlertGroupRecord | undefined> {
  const group = await tx.get('alertGroup', id);
  return group?.status === 'firing' ? group : undefined;
}

/** Output in a thread: the last lines, so a long plan still shows its summary. */
function trimmed(lines: readonly string[] | undefined): string[] {
  if (!lines || lines.length === 0) return [];
  const tail = lines.slice(-MAX_OUTPUT_LINES);
  const cut = lines.length - tail.length;
  return [['```', ...(cut > 0 ? [`… ${cut} earlier line(s) left out`] : []), ...tail, '```'].join('\n')];
}

/** The finding's firing alert: its labels carry what the buttons need. */
export function findingLabels(group: AlertGroupRecord): Record<string, string> {
  const firing = Object.values(group.alerts).find((a) => a.status === 'firing') ?? Object.values(group.alerts)[0];
  return firing?.labels ?? {};
}
