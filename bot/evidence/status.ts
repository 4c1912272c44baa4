import type { DecisionCategory, DecisionRecord, Evidence } from '../../data/records/decision.js';
import type { Config } from '../config/schema.js';
import { dutyKindOf } from '../duties/kinds.js';
import { formatTime, parseDuration } from '../time.js';

/** `fresh`: done and passed recently enough; anything else refuses a deployment. */
export type EvidenceState = 'fresh' | 'missing' | 'failed' | 'expired';

export interface EvidenceCheck {
  category: DecisionCategory;
  decision: string;
  state: EvidenceState;
  /** What readiness and the deploy gate say: the duty, its state and how to clear it. */
  sentence: string;
  /** When the latest passing evidence stops counting. */
  expiresAt?: Date;
}

/** The categories `env` requires evidence for, and how young it must be (ms). */
export function requiredEvidence(config: Config, env: string): [DecisionCategory, number][] {
  const spec = config.environments[env]?.requiredEvidence ?? {};
  return Object.entries(spec).map(([category, age]) => [category as DecisionCategory, parseDuration(age!)]);
}

/** Evidence from a run elsewhere does not count here; a reminder's counts everywhere. */
export function evidenceFor(d: DecisionRecord, env: string): Evidence | undefined {
  return (d.evidence ?? []).filter((e) => e.env === undefined || e.env === env).at(-1);
}

/** The state of `d`'s duty evidence for `env`, which wants it younger than `maxAgeMs`. */
export function checkEvidence(config: Config, d: DecisionRecord, env: string, maxAgeMs: number, now: Date): EvidenceCheck {
  const duty = dutyKindOf(d.category)?.name ?? 'duty';
  const last = evidenceFor(d, env);
  const of = `the ${duty} of ${d.id} (${d.title})`;
  const base = { category: d.category, decision: d.id };
  const clear = `Clear it with: ${howToClear(config, d, env)}.`;
  const tz = config.timezone;
  if (!last) return { ...base, state: 'missing', sentence: `${cap(of)} is overdue: it has not been done yet. ${clear}` };
  const when = formatTime(new Date(last.at), tz);
  if (last.outcome === 'failed') return { ...base, state: 'failed', sentence: `${cap(of)} last failed (${last.source}, ${when}). ${clear}` };
  const expiresAt = new Date(Date.parse(last.at) + maxAgeMs);
  if (expiresAt.getTime() <= now.getTime()) {
    return { ...base, state: 'expired', expiresAt, sentence: `${cap(of)} is overdue: it last passed ${when} (${last.source}), and ${env} wants it within ${formatAge(maxAgeMs)}. ${clear}` };
  }
  return { ...base, state: 'fresh', expiresAt, sentence: `${cap(of)} passed ${when} (${last.source}); valid until ${formatTime(expiresAt, tz)}.` };
}

/** The runbook when there is one for this environment, else the reminder's Done button. */
export function howToClear(config: Config, d: DecisionRecord, env: string): string {
  const kind = dutyKindOf(d.category);
  const runbook = kind?.runbook ? config.runbooks[kind.runbook] : undefined;
  if (kind?.runbook && runbook && (!runbook.envs || runbook.envs.includes(env))) return `run ${kind.runbook} ${env}`;
  if (d.duty) return `press Done on the next ${d.duty} reminder once the ${kind?.name ?? 'duty'} is done`;
  return `press Create ${kind?.name ?? 'duty'} reminder on ${d.id}, then Done once the ${kind?.name ?? 'duty'} is done`;
}

function formatAge(ms: number): string {
  const days = ms / 86_400_000;
  return Number.isInteger(days) ? `${days} days` : `${Math.round(ms / 3_600_000)} hours`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
