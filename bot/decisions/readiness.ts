import type { DecisionCategory, DecisionRecord } from '../../data/records/decision.js';
import type { ReadTx } from '../../data/store.js';
import type { Config } from '../config/schema.js';
import { idNumber } from '../ids.js';
import type { Ops } from '../ops.js';
import { checkEnvironment, checkService } from './checks.js';
import { allDecisions } from './find.js';
import { checkEvidence, requiredEvidence, type EvidenceCheck } from '../evidence/status.js';

/** What an environment requires when its config does not say. */
export const DEFAULT_REQUIRED_CATEGORIES: Record<string, readonly DecisionCategory[]> = {
  production: ['database', 'monitoring', 'security', 'success-criteria'],
};

export interface ReadinessItem {
  category: DecisionCategory;
  /** The accepted decision that covers the category, when there is one. */
  decision?: { id: string; title: string; review?: string };
}

export interface Readiness {
  service: string;
  env: string;
  items: ReadinessItem[];
  /** The required categories no accepted decision covers. */
  missing: DecisionCategory[];
  /** For each category the environment requires evidence of, the covering decision's duty evidence. */
  evidence: EvidenceCheck[];
  /** Nothing missing and every required piece of evidence fresh. */
  ready: boolean;
}

export function requiredCategories(config: Config, env: string): readonly DecisionCategory[] {
  return config.environments[env]?.requiredCategories ?? DEFAULT_REQUIRED_CATEGORIES[env] ?? [];
}

/**
 * For each category `env` requires, the accepted decision that covers it for `service`: one
 * recorded for that service, or else one recorded for all services; the newest wins. Unknown
 * services and environments are UserErrors. The deploy gate calls this.
 */
export async function readiness(ops: Ops, tx: ReadTx, service: string, env: string): Promise<Readiness> {
  checkService(ops, service);
  checkEnvironment(ops, env);
  return readinessFrom(ops.config, await allDecisions(tx), service, env, ops.clock.now());
}

/** The same, from decisions already read: the board works out every service and environment from one read. */
export function readinessFrom(config: Config, decisions: readonly DecisionRecord[], service: string, env: string, now: Date): Readiness {
  const accepted = decisions.filter((d) => covers(d) && (d.service === undefined || d.service === service));
  const items = requiredCategories(config, env).map((category) => coverage(category, accepted));
  const missing = items.filter((i) => !i.decision).map((i) => i.category);
  const evidence = requiredEvidence(config, env).flatMap(([category, age]) => {
    const d = best(accepted.filter((x) => x.category === category));
    return d ? [checkEvidence(config, d, env, age, now)] : [];
  });
  return { service, env, items, missing, evidence, ready: missing.length === 0 && evidence.every((e) => e.state === 'fresh') };
}


/** An accepted decision covers its category; so does one whose check breached: it needs review, but still holds. */
function covers(d: DecisionRecord): boolean {
  return d.status === 'accepted' || d.status === 'needs-review';
}

function coverage(category: DecisionCategory, accepted: DecisionRecord[]): ReadinessItem {
  const d = best(accepted.filter((x) => x.category === category));
  if (!d) return { category };
  return { category, decision: { id: d.id, title: d.title, ...(d.status === 'needs-review' ? { review: d.statusReason ?? 'a check breached' } : {}) } };
}

/** The service's own decision wins over one for all services; the newest wins among them. */
function best(candidates: DecisionRecord[]): DecisionRecord | undefined {
  return pick(candidates.filter((d) => d.service !== undefined)) ?? pick(candidates);
}

function pick(decisions: DecisionRecord[]): DecisionRecord | undefined {
  return decisions.sort((a, b) => idNumber(b.id) - idNumber(a.id))[0];
}
