import type { DecisionCategory, DecisionRecord } from '../../data/records/decision.js';

/** The recurring Day-2 work a kind of Day-0 decision creates. */
export interface DutyKind {
  /** `restore test`: what the reminder asks for, in a few words. */
  name: string;
  /** `monthly`: how often, in a word, for messages. */
  cadence: string;
  /** Five cron fields, read in the team's time zone. */
  cron: string;
  /** A runbook the reminder's Run button starts, when the config has one by this name. */
  runbook?: string;
  /** The reminder's text for one service, or for every service. */
  text(service: string | undefined): string;
}

const DUTY_KINDS: Partial<Record<DecisionCategory, DutyKind>> = {
  database: {
    name: 'restore test',
    cadence: 'monthly',
    cron: '0 9 1 * *',
    runbook: 'restore-test',
    text: (s) => (s ? `Restore test of the ${s} database` : 'Restore test of the databases'),
  },
  monitoring: {
    name: 'dashboard review',
    cadence: 'weekly',
    cron: '0 9 * * MON',
    text: (s) => (s ? `Review the ${s} dashboards and alert rules` : 'Review the dashboards and alert rules'),
  },
  security: {
    name: 'access review',
    cadence: 'quarterly',
    cron: '0 9 1 1,4,7,10 *',
    text: (s) => (s ? `Access review of ${s}` : 'Access review of every service'),
  },
  budget: {
    name: 'cost review',
    cadence: 'monthly',
    cron: '0 10 1 * *',
    text: (s) => (s ? `Cost review of ${s}` : 'Cost review of every service'),
  },
};

/** The categories whose accepted decisions create a duty. */
export const DUTY_CATEGORIES = Object.keys(DUTY_KINDS) as DecisionCategory[];

export function dutyKindOf(category: DecisionCategory): DutyKind | undefined {
  return DUTY_KINDS[category];
}

/** An accepted decision of a duty category: one that should have a duty. */
export function owesDuty(d: DecisionRecord): boolean {
  return d.status === 'accepted' && dutyKindOf(d.category) !== undefined;
}
