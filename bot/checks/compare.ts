import type { CheckOp, CheckResult, DecisionCheck } from '../../data/records/decision.js';
import type { QueryAnswer } from './metric-query.js';

const WORDS: Record<CheckOp, string> = { '<': 'below', '<=': 'at most', '>': 'above', '>=': 'at least' };

export function opWords(op: CheckOp): string {
  return WORDS[op];
}

/** `p99 latency: … below 0.3 over 1h`, for messages. */
export function describeCheck(c: DecisionCheck): string {
  return `${c.name}: ${c.query} ${WORDS[c.op]} ${c.threshold} over ${c.window}`;
}

/** The query as sent: `$window` becomes the window (`rate(x[$window])` → `rate(x[1h])`). */
export function queryText(c: DecisionCheck): string {
  return c.query.replaceAll('$window', c.window);
}

function holds(op: CheckOp, value: number, threshold: number): boolean {
  if (op === '<') return value < threshold;
  if (op === '<=') return value <= threshold;
  if (op === '>') return value > threshold;
  return value >= threshold;
}

/**
 * Every sample must hold; the first that does not is the breach. No answer, no samples or a
 * value that is not a number is unknown: a check that could not be evaluated never passes.
 */
export function judge(c: DecisionCheck, answer: QueryAnswer, at: Date): CheckResult {
  const base = { at: at.toISOString() };
  if (!answer.ok) return { ...base, state: 'unknown', message: answer.error };
  if (answer.samples.length === 0) return { ...base, state: 'unknown', message: 'the query returned no data' };
  if (answer.samples.some((s) => !Number.isFinite(s.value))) return { ...base, state: 'unknown', message: 'the query returned a value that is not a number' };
  const bad = answer.samples.find((s) => !holds(c.op, s.value, c.threshold));
  if (bad) return { ...base, state: 'breached', value: bad.value, message: `${round(bad.value)} is not ${WORDS[c.op]} ${c.threshold}${labels(bad.labels)}` };
  const worst = answer.samples.reduce((a, b) => (c.op.startsWith('<') ? (b.value > a.value ? b : a) : b.value < a.value ? b : a));
  return { ...base, state: 'passed', value: worst.value, message: `${round(worst.value)} is ${WORDS[c.op]} ${c.threshold}` };
}

function round(v: number): string {
  return String(Math.round(v * 1e6) / 1e6);
}

function labels(l: Record<string, string>): string {
  const text = Object.entries(l)
    .filter(([k]) => k !== '__name__')
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ');
  return text ? ` (${text})` : '';
}
