/** One job per step, `…:ALG-3:0.1` (round 0, step 1): a step's job is never reused, so it fires once. */
export const stepJobId = (group: string, round: number, step: number) => `oncall-escalate:${group}:${round}.${step}`;
export const stepKey = (round: number, step: number) => `${round}.${step}`;
export const ESCALATE_JOB = 'oncall.escalate';
export const ESCALATE_NOW_ACTION = 'oncall.escalate-now';
/** The direct message a step sends a person. */
export const pageMessageKey = (group: string, round: number, step: number, person: string) => `oncall-page:${group}:${round}.${step}:${person}`;
