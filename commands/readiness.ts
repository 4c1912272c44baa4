import { z } from 'zod';
import { envArg, serviceArg } from '../bot/args.js';
import { defineCommand } from '../bot/command.js';
import { readiness, type Readiness } from '../bot/decisions/readiness.js';
import { dutyGaps, type DutyGap } from '../bot/duties/gaps.js';
import { reply, type Field } from '../bot/model.js';
import { oncallCoverage } from '../bot/oncall/coverage.js';
import { driftReadiness } from '../bot/drift/readiness.js';
import { budgetReadiness } from '../bot/budget/gate.js';

export const readinessCommand = defineCommand({
  name: 'readiness',
  group: 'decisions',
  summary: 'Shows which required decisions a service still lacks, per environment.',
  description:
    'Each environment names the decision categories it requires (config requiredCategories; production requires database, monitoring, security and success-criteria by default). A category is covered by an accepted decision for the service, or for all services. An environment may also require recent evidence of the duty of a decision (requiredEvidence: a restore test within 35 days); a missing, failed or overdue one is named with how to clear it. Without an environment, every environment is shown.',
  examples: ['readiness api production', 'readiness web'],
  args: [
    { name: 'service', kind: 'positional', type: 'string', required: true, description: 'The service.' },
    { name: 'env', kind: 'positional', type: 'string', placeholder: 'environment', description: 'One environment (default all).' },
  ],
  schema: z.object({ service: serviceArg(), env: envArg().optional() }),
  permission: 'view',
  async handler({ args, ops }) {
    const envs = args.env ? [args.env] : Object.keys(ops.config.environments);
    const results = await ops.store.read((tx) => Promise.all(envs.map((env) => readiness(ops, tx, args.service, env))));
    const now = ops.clock.now();
    const coverage = await ops.store.read((tx) => Promise.all(envs.map((env) => oncallCoverage(ops, tx, args.service, env, now))));
    const fields: Field[] = results.map((r) => ({ label: `${r.env}: ${r.ready ? 'ready' : problems(r)}`, value: describe(r) }));
    // On-call coverage gates only the environments that require it (oncall.coverageRequired).
    envs.forEach((env, i) => {
      const c = coverage[i]!;
      if (c.required) fields.push({ label: `${env}: on call ${c.gap ? 'has a gap' : 'covered'}`, value: `${c.gap ? '✗' : '✓'} ${c.sentence}` });
    });
    const drift = await ops.store.read((tx) => driftReadiness(ops, tx, envs));
    fields.push(...drift.fields);
    const budget = await ops.store.read((tx) => budgetReadiness(ops, tx, args.service, envs));
    fields.push(...budget.fields);
    const gaps = await ops.store.read((tx) => dutyGaps(tx, args.service));
    if (gaps.length > 0) fields.push({ label: `Day-2 duties: ${gaps.length} without a reminder`, value: describeGaps(gaps) });
    const ready = results.every((r) => r.ready) && coverage.every((c) => !c.required || !c.gap) && drift.clear && budget.clear;
    return reply({
      title: `Readiness of ${args.service}`,
      tone: ready ? 'success' : 'warning',
      ...(fields.length > 0 ? { fields } : { text: 'The config lists no environments.' }),
    });
  },
});

/** Duties do not gate a deployment; they are listed so the button on each decision gets pressed. */
function describeGaps(gaps: DutyGap[]): string {
  return gaps.map((g) => `✗ ${g.id} ${g.title}: no ${g.duty} reminder (Create ${g.duty} reminder on its message)`).join('\n');
}

function describe(r: Readiness): string {
  if (r.items.length === 0 && r.evidence.length === 0) return 'Requires no decisions.';
  const decisions = r.items.map((i) => {
    if (!i.decision) return `✗ ${i.category}: no accepted decision`;
    if (i.decision.review) return `⚠ ${i.category}: ${i.decision.id} ${i.decision.title} needs review (${i.decision.review})`;
    return `✓ ${i.category}: ${i.decision.id} ${i.decision.title}`;
  });
  const evidence = r.evidence.map((e) => `${e.state === 'fresh' ? '✓' : '✗'} ${e.category} evidence: ${e.sentence}`);
  return [...decisions, ...evidence].join('\n');
}

function problems(r: Readiness): string {
  const stale = r.evidence.filter((e) => e.state !== 'fresh').length;
  return [r.missing.length > 0 && `${r.missing.length} missing`, stale > 0 && `${stale} evidence overdue or failed`].filter(Boolean).join(', ');
}
